#include "emulator/request_authenticator.h"

#include <map>
#include <optional>
#include <string_view>
#include <utility>

#include "aws_iam_connector/sigv4.h"
#include "common/text_codec.h"
#include "emulator/request_decoder.h"

namespace aic::emulator {
namespace {

constexpr std::string_view kInvalidTokenMessage =
    "The security token included in the request is invalid.";
constexpr std::string_view kExpiredTokenMessage =
    "The security token included in the request is expired";
// Stands in for the secret of a key the emulator does not know in any-key mode; the resulting
// SignatureDoesNotMatch is accepted there.
constexpr std::string_view kAnyKeyPlaceholderSecret = "any-key-mode-placeholder-secret";

Status AuthError(int http_status, std::string_view code, std::string_view message) {
  AwsErrorDetail detail;
  detail.type = "Sender";
  detail.code = std::string(code);
  detail.message = std::string(message);
  detail.http_status = http_status;
  return Status(ErrorCode::kUnauthenticated, std::string(code) + ": " + std::string(message),
                std::move(detail));
}

std::string_view AwsCode(const Status& s) {
  return s.aws() ? std::string_view(s.aws()->code) : std::string_view();
}

struct CredentialParts {
  std::string access_key_id;
  std::string service;  // lower-cased
  std::string region;
};

// "AKID/20150830/us-east-1/iam/aws4_request" -> {"AKID", "iam", "us-east-1"}; nullopt when
// malformed.
std::optional<CredentialParts> SplitCredential(std::string_view credential) {
  std::string_view parts[5];
  std::size_t n = 0;
  while (n < 5) {
    auto slash = credential.find('/');
    parts[n++] = credential.substr(0, slash);
    if (slash == std::string_view::npos) break;
    credential.remove_prefix(slash + 1);
  }
  if (n < 5 || parts[0].empty()) return std::nullopt;
  return CredentialParts{std::string(parts[0]), text::AsciiLower(parts[3]), std::string(parts[2])};
}

// The value of query parameter `name` in `query` (raw, still encoded), or nullopt.
std::optional<std::string_view> RawQueryParam(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    auto eq = pair.find('=');
    if (pair.substr(0, eq) == name) {
      return eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    }
  }
  return std::nullopt;
}

sigv4::ReceivedRequest ToReceived(const http_server::ServerRequest& request) {
  return sigv4::ReceivedRequest{request.method, request.target, request.headers, request.body};
}

bool IsKnownService(std::string_view service) { return service == "iam" || service == "sts"; }

Status WrongServiceError() {
  return AuthError(403, "SignatureDoesNotMatch",
                   "Credential should be scoped to correct service: 'iam' or 'sts'.");
}

// The credential of the Authorization header or of the X-Amz-Credential query parameter.
std::optional<CredentialParts> CredentialOf(const http_server::ServerRequest& request) {
  std::string_view auth = request.Header("Authorization");
  if (!auth.empty()) {
    auto pos = auth.find("Credential=");
    if (pos == std::string_view::npos) return std::nullopt;
    std::string_view cred = auth.substr(pos + 11);
    cred = cred.substr(0, cred.find_first_of(", "));
    return SplitCredential(cred);
  }
  auto raw = RawQueryParam(request.Query(), "X-Amz-Credential");
  if (!raw) return std::nullopt;
  return SplitCredential(text::PercentDecodeLenient(*raw));
}

// The time the request says it was signed (X-Amz-Date header or query parameter), or nullopt.
std::optional<std::chrono::system_clock::time_point> SignedTimeOf(
    const http_server::ServerRequest& request) {
  std::string_view date = request.Header("X-Amz-Date");
  if (!date.empty()) return text::ParseAmzDate(date);
  auto raw = RawQueryParam(request.Query(), "X-Amz-Date");
  if (!raw) return std::nullopt;
  return text::ParseAmzDate(text::PercentDecodeLenient(*raw));
}

// True for a request that carries no signature at all (no Authorization header, no presign
// parameters) and whose Action is one of the two STS calls AWS serves unsigned
// (AssumeRoleWithSAML, AssumeRoleWithWebIdentity: the token is the credential).
bool IsUnsignedFederationCall(const http_server::ServerRequest& request) {
  if (!request.Header("Authorization").empty()) return false;
  std::string_view query = request.Query();
  for (std::string_view p : {"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature"}) {
    if (RawQueryParam(query, p)) return false;
  }
  std::map<std::string, std::string> params;
  if (!DecodeQueryParams(query, params).ok()) return false;
  if (request.method == "POST" && !request.body.empty()) {
    if (!IsFormUrlEncoded(request.Header("Content-Type"))) return false;
    if (!DecodeQueryParams(request.body, params).ok()) return false;
  }
  auto it = params.find("Action");
  return it != params.end() &&
         (it->second == "AssumeRoleWithSAML" || it->second == "AssumeRoleWithWebIdentity");
}

}  // namespace

std::string SignedServiceOf(const http_server::ServerRequest& request) {
  auto parts = CredentialOf(request);
  return parts ? parts->service : std::string();
}

std::string SignedRegionOf(const http_server::ServerRequest& request) {
  auto parts = CredentialOf(request);
  return parts ? parts->region : std::string();
}

RequestAuthenticator::RequestAuthenticator(Backend& backend, const EmulatorClock& clock,
                                           EmulatorOptions::SignatureMode mode,
                                           std::string account_id)
    : backend_(backend), clock_(clock), mode_(mode), account_id_(std::move(account_id)) {}

Result<Authenticated> RequestAuthenticator::Authenticate(
    const http_server::ServerRequest& request) const {
  if (IsUnsignedFederationCall(request)) {
    Authenticated anonymous;
    anonymous.service = "sts";
    return anonymous;  // no caller: the action takes its identity from the token
  }
  return mode_ == EmulatorOptions::SignatureMode::kStrict ? Strict(request) : AnyKey(request);
}

Result<Authenticated> RequestAuthenticator::Strict(
    const http_server::ServerRequest& request) const {
  std::optional<AccessKeyRecord> record;
  auto lookup = [&](std::string_view key_id) -> std::optional<SecretString> {
    record = backend_.LookupAccessKey(key_id);
    if (!record) return std::nullopt;
    // A temporary key past its expiry is inactive; its signature is still checked so that the
    // caller learns ExpiredToken rather than InvalidClientTokenId.
    const bool temporary = !record->session_token.empty();
    if (!record->active && !temporary) return std::nullopt;
    return record->secret_access_key;
  };
  const auto now = clock_.Now();
  const sigv4::ReceivedRequest received = ToReceived(request);
  auto verified = sigv4::Verify(received, lookup, now, kMaxRequestSkew);
  if (!verified.ok() && AwsCode(verified.status()) == "RequestExpired" &&
      clock_.offset().count() != 0) {
    verified = sigv4::Verify(received, lookup, std::chrono::system_clock::now(), kMaxRequestSkew);
  }
  if (!verified.ok() && !record && AwsCode(verified.status()) == "RequestExpired") {
    // Refused on time before the key was looked up: an expired session is told as such.
    if (auto parts = CredentialOf(request)) record = backend_.LookupAccessKey(parts->access_key_id);
  }
  const bool temporary = record && !record->session_token.empty();
  const bool expired = temporary && record->expiration && *record->expiration <= now;
  if (!verified.ok()) {
    if (expired && AwsCode(verified.status()) == "RequestExpired") {
      return AuthError(400, "ExpiredToken", kExpiredTokenMessage);
    }
    return verified.status();
  }
  if (!IsKnownService(verified->service)) return WrongServiceError();
  if (temporary) {
    if (verified->security_token.empty() ||
        !record->session_token.Equals(verified->security_token)) {
      return AuthError(403, "InvalidClientTokenId", kInvalidTokenMessage);
    }
    if (expired || !record->active) return AuthError(400, "ExpiredToken", kExpiredTokenMessage);
  } else if (!verified->security_token.empty()) {
    return AuthError(403, "InvalidClientTokenId", kInvalidTokenMessage);
  }
  return Authenticated{verified->service, record->caller, verified->payload_signed};
}

Result<Authenticated> RequestAuthenticator::AnyKey(
    const http_server::ServerRequest& request) const {
  std::optional<AccessKeyRecord> record;
  std::string key_id;
  auto lookup = [&](std::string_view id) -> std::optional<SecretString> {
    key_id = std::string(id);
    record = backend_.LookupAccessKey(id);
    if (record) return record->secret_access_key;
    return SecretString(kAnyKeyPlaceholderSecret);
  };
  const sigv4::ReceivedRequest received = ToReceived(request);
  // Any-key mode does not check the request's clock: it is verified "at" its own signing time,
  // so tools that freeze time (or sign with a skewed clock) work. Strict mode keeps the window.
  const auto at = SignedTimeOf(request).value_or(clock_.Now());
  auto verified = sigv4::Verify(received, lookup, at, kMaxRequestSkew);
  std::string service;
  bool body_signed = true;
  if (verified.ok()) {
    service = verified->service;
    body_signed = verified->payload_signed;
  } else if (AwsCode(verified.status()) == "SignatureDoesNotMatch" && !key_id.empty()) {
    service = SignedServiceOf(request);  // well-formed: only the (unchecked) signature differs
    body_signed = !RawQueryParam(request.Query(), "X-Amz-Algorithm");  // presigned: unknown
  } else {
    return verified.status();
  }
  if (!IsKnownService(service)) return WrongServiceError();
  Authenticated out;
  out.service = std::move(service);
  out.body_signed = body_signed;
  if (record) {
    out.caller = record->caller;
  } else {
    out.caller.access_key_id = key_id;
    out.caller.account_id = account_id_;
    out.caller.arn = "arn:aws:iam::" + account_id_ + ":root";
    out.caller.user_id = account_id_;
    out.caller.temporary = key_id.starts_with("ASIA");
  }
  return out;
}

}  // namespace aic::emulator
