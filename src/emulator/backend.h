// The seam between the emulator's HTTP front (server, SigV4 verification, admin, counters,
// fault injection) and its IAM + STS state machine (SQLite store and the actions).
//
// The front decodes the form body, verifies the signature (looking the key up with
// Backend::LookupAccessKey), tells IAM from STS by the signed service name, and calls
// Backend::Handle. The backend returns the whole XML body and the HTTP status, errors
// included (ErrorResponse with Type, Code, Message, RequestId, as AWS sends them).
//
// Thread safety: every Backend method may be called from many threads at once.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "aws_iam_connector/secret_string.h"
#include "aws_iam_connector/status.h"

namespace aic::emulator {

// Who signed the request.
struct Caller {
  std::string access_key_id;
  std::string account_id;
  std::string arn;      // arn:aws:iam::123456789012:user/test or an assumed-role ARN
  std::string user_id;  // AIDA... or AROA...:session
  bool temporary = false;
};

// A key the emulator accepts: long-term (AKIA..., from CreateAccessKey or the seed test/test)
// or temporary (ASIA..., from AssumeRole, with a session token and expiry).
struct AccessKeyRecord {
  std::string access_key_id;
  SecretString secret_access_key;
  SecretString session_token;  // empty for long-term keys
  std::optional<std::chrono::system_clock::time_point> expiration;
  bool active = true;
  Caller caller;  // the principal the key belongs to
};

struct ActionRequest {
  std::string service;  // "iam" or "sts"
  std::string action;   // e.g. "CreateUser"
  // Decoded form (or query) parameters, "Action" and "Version" included. Repeated keys keep
  // the last value; list members arrive as "Tags.member.1.Key" etc.
  std::map<std::string, std::string> params;
  Caller caller;
  // The region of the signature's credential scope ("us-east-1", "cn-north-1", ...): it names
  // the partition of the ARNs the emulator makes and is recorded as a key's last-used region.
  std::string region;
  std::string request_id;  // a UUID the front made; goes into ResponseMetadata/ErrorResponse
  // The client's IP address as the front saw it ("127.0.0.1", "::1"; empty when unknown):
  // aws:SourceIp when IAM is enforced.
  std::string source_ip;
  // Whether the request came over TLS (aws:SecureTransport); the emulator serves plain HTTP.
  bool secure_transport = false;
};

struct ActionResponse {
  int http_status = 200;
  std::string body;  // the complete XML document
};

class Backend {
 public:
  virtual ~Backend() = default;
  // Runs one action. Unknown actions answer InvalidAction (400).
  virtual ActionResponse Handle(const ActionRequest& request) = 0;
  // The key with this id, or nullopt when the emulator does not know it.
  virtual std::optional<AccessKeyRecord> LookupAccessKey(std::string_view access_key_id) = 0;
  // Drops all state and re-creates the seed data.
  virtual Status Reset() = 0;
  // A simulated console sign-in (admin endpoint /_emulator/console-sign-in): when the user has
  // a login profile and `password` matches it, records PasswordLastUsed (durably) and returns
  // OK; kUnauthenticated when the user, its login profile or the password is wrong (nothing is
  // recorded); kInternal when the record cannot be stored. Never logs the password.
  virtual Status ConsoleSignIn(std::string_view user_name, const SecretString& password) {
    (void)user_name;
    (void)password;
    return Status(ErrorCode::kUnsupported, "console sign-in is not supported by this backend");
  }
};

}  // namespace aic::emulator
