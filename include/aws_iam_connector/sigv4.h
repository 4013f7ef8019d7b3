// AWS Signature Version 4 (AWS4-HMAC-SHA256): signing outgoing requests, presigned URLs, and
// verification of received requests (for the IAM emulator).
//
// Signing follows the full SigV4 rules for non-S3 services: canonical URI (path normalized and
// URI-encoded again, per SigningOptions), canonical query (decoded, re-encoded per RFC 3986 with
// the SigV4 unreserved set, sorted by key then value), canonical headers (names lowercased,
// values trimmed, runs of whitespace folded to one space, duplicates joined with ','), signed
// headers, payload hash (hex SHA-256 of the body), credential scope, string to sign, HMAC key
// chain and signature. It passes both AWS vector sets in ../shared/testdata/sigv4 byte for byte.
//
// Every header of the request is signed except Authorization, User-Agent, X-Amzn-Trace-Id,
// Expect and the hop-by-hop headers (Connection, Keep-Alive, Proxy-Authorization, TE, Trailer,
// Transfer-Encoding, Upgrade), as botocore does.
//
// Secrets: the secret key is read through SecretString::Reveal() only to derive the signing key;
// derived keys are wiped (WipeString). No error message, log line or output contains the secret
// key; the session token appears only where SigV4 puts it (X-Amz-Security-Token).
//
// Thread safety: every function here is stateless and safe to call from many threads at once.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws_iam_connector/credentials.h"
#include "aws_iam_connector/http_types.h"
#include "aws_iam_connector/secret_string.h"
#include "aws_iam_connector/status.h"

namespace aic::sigv4 {

inline constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
inline constexpr std::string_view kScopeTerminator = "aws4_request";
inline constexpr std::string_view kEmptyPayloadSha256 =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
inline constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";
// Longest validity AWS accepts for a presigned URL (7 days).
inline constexpr std::chrono::seconds kMaxPresignExpires{7 * 24 * 3600};
// Default allowed difference between the request time and the verifier's clock.
inline constexpr std::chrono::seconds kDefaultMaxSkew{5 * 60};
// Bounds on untrusted input handled by Verify.
inline constexpr std::size_t kMaxAuthorizationLength = 8192;
inline constexpr std::size_t kMaxSignedHeaders = 64;

// ---------------------------------------------------------------------------------------------
// Crypto and encoding helpers (OpenSSL 3 EVP).

// Lowercase hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);
// Raw 32-byte HMAC-SHA256 of `data` under `key`. The caller wipes the result if it is a key.
std::string HmacSha256(std::string_view key, std::string_view data);
// "20150830" (UTC), the date of a credential scope.
std::string FormatScopeDate(std::chrono::system_clock::time_point t);

// ---------------------------------------------------------------------------------------------
// Public API.

struct SigningOptions {
  // Remove "." and ".." segments and collapse "//" in the path before canonicalizing.
  bool normalize_path = true;
  // URI-encode the (already wire-encoded) path once more, as every non-S3 service expects.
  bool double_encode_path = true;
  // Add X-Amz-Security-Token after signing instead of signing it (some services want that).
  bool omit_session_token = false;
  // Add and sign an x-amz-content-sha256 header carrying the payload hash.
  bool add_content_sha256_header = false;
};

// Signs an outgoing request in place: adds Host (from url) if absent, X-Amz-Date, the
// X-Amz-Security-Token when the credentials carry one, x-amz-content-sha256 when asked, and
// Authorization (an existing Authorization is replaced, so a retry may re-sign).
// Errors: kConfiguration when the credentials lack a key id or secret; kInvalidInput when the
// url is not absolute (scheme://host/...) or region/service are empty.
Status SignRequest(HttpRequest& request, const Credentials& credentials, std::string_view region,
                   std::string_view service, std::chrono::system_clock::time_point now,
                   const SigningOptions& options = {});

// Presigned URL for `request`: its url with X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date,
// X-Amz-SignedHeaders, X-Amz-Expires, X-Amz-Security-Token (if any) and X-Amz-Signature
// appended to the query. Every header of the request (at least Host) is signed; the payload
// hash is the SHA-256 of the body (the empty-payload hash for a body-less request), which is
// what the vectors require.
// Errors: as SignRequest, plus kInvalidInput when `expires` is not in (0, kMaxPresignExpires].
Result<std::string> PresignUrl(const HttpRequest& request, const Credentials& credentials,
                               std::string_view region, std::string_view service,
                               std::chrono::system_clock::time_point now,
                               std::chrono::seconds expires, const SigningOptions& options = {});

// A request as received on the wire (also the parsed form of a vector's request.txt).
struct ReceivedRequest {
  std::string method;
  std::string target;  // raw path?query as on the wire, e.g. "/?Action=ListUsers"
  std::vector<HttpHeader> headers;
  std::string body;
};

struct VerifiedSignature {
  std::string access_key_id, region, service, scope_date;
  std::chrono::system_clock::time_point request_time;
  std::string security_token;  // header or query value, may be empty
  bool presigned = false;
  // True when the signature covers the body (its SHA-256 is in the canonical request); false
  // for a presigned request signed with UNSIGNED-PAYLOAD, whose body anyone may have changed.
  bool payload_signed = true;
};

// Looks up the secret key of an access key id; nullopt when the key is unknown.
using SecretLookup = std::function<std::optional<SecretString>(std::string_view access_key_id)>;

// Verification, for the emulator: recomputes the signature of a received request (Authorization
// header or presigned query) and checks it in constant time.
// Errors are kUnauthenticated Status values carrying AwsErrorDetail{type "Sender", code,
// http_status, message} with AWS's codes:
//   MissingAuthenticationToken (403, no signature at all), IncompleteSignature (400, malformed
//   Authorization/credential scope/date/presign parameters), InvalidClientTokenId (403, unknown
//   key), SignatureDoesNotMatch (403), RequestExpired (400, request time outside max_skew or a
//   presigned URL past X-Amz-Expires). Messages are like AWS's and never contain the secret.
// The session token is not checked here: the caller validates VerifiedSignature::security_token.
// The payload hash is always recomputed from the body (an x-amz-content-sha256 header that
// disagrees with the body fails with SignatureDoesNotMatch); a presigned request may also have
// been signed with UNSIGNED-PAYLOAD (VerifiedSignature::payload_signed is then false, and the
// caller must not trust the body). A header-signed request never has an unsigned payload:
// x-amz-content-sha256: UNSIGNED-PAYLOAD there is just a (signed) header. The path is always
// normalized and double-encoded, as AWS does for every non-S3 service.
Result<VerifiedSignature> Verify(const ReceivedRequest& request, const SecretLookup& lookup,
                                 std::chrono::system_clock::time_point now,
                                 std::chrono::seconds max_skew = kDefaultMaxSkew);

// ---------------------------------------------------------------------------------------------
// Lower-level steps, exposed so the vector tests can check every intermediate value.

// The intermediate values of one signature.
struct SignatureSteps {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;         // 64 hex characters
  std::string signed_headers;    // "host;x-amz-date"
  std::string credential_scope;  // "20150830/us-east-1/service/aws4_request"
};

// Canonical URI of a raw wire path (no query).
std::string CanonicalUri(std::string_view raw_path, const SigningOptions& options = {});
// Canonical query string of a raw wire query (no '?'); parameters named `skip_param` (e.g.
// "X-Amz-Signature") are left out.
std::string CanonicalQuery(std::string_view raw_query, std::string_view skip_param = {});
// Canonical header block ("name:value\n" per signed header, sorted) of `headers` restricted to
// `signed_names` (lowercase). A signed name with no header gets an empty value.
std::string CanonicalHeaders(const std::vector<HttpHeader>& headers,
                             const std::vector<std::string>& signed_names);
// The lowercase, sorted, de-duplicated names of the headers SigV4 signs (kUnsignedHeaders and
// `also_skip` excluded).
std::vector<std::string> SignableHeaderNames(const std::vector<HttpHeader>& headers,
                                             std::string_view also_skip = {});
// "20150830/us-east-1/service/aws4_request".
std::string CredentialScope(std::string_view scope_date, std::string_view region,
                            std::string_view service);
// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
// Raw 32 bytes; the caller wipes it (WipeString).
std::string DeriveSigningKey(const SecretString& secret, std::string_view scope_date,
                             std::string_view region, std::string_view service);
// DeriveSigningKey through a small per-thread cache of the last keys derived (secret, date,
// region and service must all match; the cache wipes what it drops). The caller wipes the copy.
std::string CachedSigningKey(const SecretString& secret, std::string_view scope_date,
                             std::string_view region, std::string_view service);

// Computes every step for `request` as it stands (its target already carries any presign query
// parameters; X-Amz-Signature is skipped), signing `signed_names` with `payload_hash`.
SignatureSteps ComputeSignature(const ReceivedRequest& request,
                                const std::vector<std::string>& signed_names,
                                std::string_view payload_hash, const SecretString& secret,
                                std::string_view amz_date, std::string_view region,
                                std::string_view service, const SigningOptions& options = {});

// Signs a raw request in place with an Authorization header (the core of SignRequest; Host
// must already be present). Adds X-Amz-Security-Token (appended, if absent), X-Amz-Date
// (replaced in place or appended), x-amz-content-sha256 (if asked), then Authorization.
Result<SignatureSteps> SignRawRequest(ReceivedRequest& request, const Credentials& credentials,
                                      std::string_view region, std::string_view service,
                                      std::chrono::system_clock::time_point now,
                                      const SigningOptions& options = {});

// Presigns a raw request in place: appends the X-Amz-* parameters (in the order AWS SDKs emit
// them) and X-Amz-Signature to request.target (the core of PresignUrl).
Result<SignatureSteps> PresignRawRequest(ReceivedRequest& request, const Credentials& credentials,
                                         std::string_view region, std::string_view service,
                                         std::chrono::system_clock::time_point now,
                                         std::chrono::seconds expires,
                                         const SigningOptions& options = {});

}  // namespace aic::sigv4
