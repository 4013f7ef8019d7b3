// RequestAuthenticator: SigV4 verification of every Query-API request the emulator receives,
// and who the caller is.
//
// Modes:
// - kStrict (default): the access key must be known to the backend (Backend::LookupAccessKey)
//   and active, and the signature is recomputed with its secret (aic::sigv4::Verify). The
//   request time must lie within kMaxRequestSkew (AWS's 5 minutes) of the emulator clock or,
//   when the clock has an offset, of the real clock (so clients signing with their own clock
//   still work after a test moved time forward). Temporary keys (ASIA..., from AssumeRole)
//   must carry their session token (X-Amz-Security-Token); a long-term key must carry none.
// - kAnyKey: any access key is accepted, but the request must still be well-formed SigV4
//   (signature present, Authorization / presign parameters and credential scope parseable,
//   request time within the window). The signature itself is not checked. A key the backend
//   knows gets its principal; an unknown key acts as the account root.
//
// Unsigned requests: AssumeRoleWithSAML and AssumeRoleWithWebIdentity are accepted without any
// signature (as AWS does; boto3 sends them unsigned) as "sts" with an empty Caller; a request
// with no signature for any other action is refused as before (MissingAuthenticationToken).
//
// The signed service name ("iam" or "sts") of the credential scope says which API is called.
//
// Errors (Status kUnauthenticated with AwsErrorDetail{type "Sender", code, message,
// http_status}): MissingAuthenticationToken 403, IncompleteSignature 400,
// InvalidClientTokenId 403 (unknown or inactive key; missing, wrong or unexpected session
// token), SignatureDoesNotMatch 403 (also a scope for a service other than iam/sts),
// RequestExpired 400, ExpiredToken 400 (temporary credentials past their expiry on the
// emulator clock). Messages are AWS's; none contains a secret.
//
// Thread safety: Authenticate may be called from many threads at once (the backend is).
#pragma once

#include <chrono>
#include <string>

#include "aws_iam_connector/emulator.h"
#include "aws_iam_connector/status.h"
#include "emulator/backend.h"
#include "emulator/emulator_clock.h"
#include "http_server/http_server.h"

namespace aic::emulator {

inline constexpr std::chrono::seconds kMaxRequestSkew{5 * 60};

struct Authenticated {
  std::string service;  // "iam" or "sts"
  Caller caller;
  // False when the body is not covered by the signature: a presigned URL signed with
  // UNSIGNED-PAYLOAD, or (any-key mode, where signatures are not checked) any presigned request
  // whose signature did not verify. Such a body must not be used (EmulatorFront refuses it).
  bool body_signed = true;
};

class RequestAuthenticator {
 public:
  RequestAuthenticator(Backend& backend, const EmulatorClock& clock,
                       EmulatorOptions::SignatureMode mode, std::string account_id);

  Result<Authenticated> Authenticate(const http_server::ServerRequest& request) const;

 private:
  Result<Authenticated> Strict(const http_server::ServerRequest& request) const;
  Result<Authenticated> AnyKey(const http_server::ServerRequest& request) const;

  Backend& backend_;
  const EmulatorClock& clock_;
  EmulatorOptions::SignatureMode mode_;
  std::string account_id_;
};

// The service name of the request's credential scope (Authorization header or X-Amz-Credential
// query parameter), lower-cased, or empty when there is none. Used to pick the error namespace
// before (or without) a successful verification.
std::string SignedServiceOf(const http_server::ServerRequest& request);
// The region of the request's credential scope (e.g. "us-east-1", "cn-north-1"), or empty.
std::string SignedRegionOf(const http_server::ServerRequest& request);

}  // namespace aic::emulator
