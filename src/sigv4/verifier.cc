// SigV4 verification of received requests (Authorization header or presigned query).
#include <openssl/crypto.h>

#include <charconv>
#include <ctime>

#include "aws_iam_connector/sigv4.h"
#include "common/text_codec.h"
#include "sigv4/internal.h"

namespace aic::sigv4 {
namespace {

constexpr std::size_t kCredentialParts = 5;  // key/date/region/service/aws4_request
constexpr std::size_t kScopeDateLength = 8;
constexpr std::size_t kSignatureHexLength = 64;
constexpr int kStatusBadRequest = 400;
constexpr int kStatusForbidden = 403;

Status AuthError(std::string_view code, int http_status, std::string message) {
  AwsErrorDetail detail;
  detail.type = "Sender";
  detail.code = std::string(code);
  detail.message = message;
  detail.http_status = http_status;
  return Status(ErrorCode::kUnauthenticated, std::string(code) + ": " + message, std::move(detail));
}

Status Incomplete(std::string message) {
  return AuthError("IncompleteSignature", kStatusBadRequest, std::move(message));
}

Status Mismatch() {
  return AuthError("SignatureDoesNotMatch", kStatusForbidden,
                   "The request signature we calculated does not match the signature you "
                   "provided. Check your AWS Secret Access Key and signing method. Consult the "
                   "service documentation for details.");
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (true) {
    std::size_t p = s.find(sep);
    out.push_back(s.substr(0, p));
    if (p == std::string_view::npos) break;
    s.remove_prefix(p + 1);
  }
  return out;
}

// What the client claims: from the Authorization header or the presign query.
struct Claim {
  std::string credential;
  std::string signed_headers;
  std::string signature;
  std::string amz_date;
  std::string security_token;
  std::optional<std::chrono::seconds> expires;  // presigned only
};

// RFC 1123 "Sun, 30 Aug 2015 12:36:00 GMT" to the basic ISO form.
std::optional<std::string> HttpDateToAmzDate(std::string_view date) {
  std::tm tm{};
  std::string copy(date);
  const char* end = strptime(copy.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (end == nullptr || *end != '\0') return std::nullopt;
  return text::FormatAmzDate(std::chrono::system_clock::from_time_t(timegm(&tm)));
}

Result<Claim> ParseAuthorizationHeader(const ReceivedRequest& request, std::string_view header) {
  if (header.size() > kMaxAuthorizationLength) {
    return Incomplete("Authorization header is too long.");
  }
  std::string_view value = Trim(header);
  std::size_t space = value.find(' ');
  std::string_view algorithm = value.substr(0, space);
  if (algorithm != kAlgorithm) {
    return Incomplete("Unsupported AWS 'algorithm': '" + std::string(algorithm) +
                      "'. Only 'AWS4-HMAC-SHA256' is supported.");
  }
  Claim claim;
  bool has_credential = false, has_headers = false, has_signature = false;
  if (space != std::string_view::npos) {
    for (std::string_view part : Split(value.substr(space + 1), ',')) {
      part = Trim(part);
      std::size_t eq = part.find('=');
      if (eq == std::string_view::npos) continue;
      std::string_view k = part.substr(0, eq), v = part.substr(eq + 1);
      if (k == "Credential") {
        claim.credential = std::string(v);
        has_credential = true;
      } else if (k == "SignedHeaders") {
        claim.signed_headers = std::string(v);
        has_headers = true;
      } else if (k == "Signature") {
        claim.signature = std::string(v);
        has_signature = true;
      }
    }
  }
  std::string missing;
  if (!has_credential) missing += "Authorization header requires 'Credential' parameter. ";
  if (!has_headers) missing += "Authorization header requires 'SignedHeaders' parameter. ";
  if (!has_signature) missing += "Authorization header requires 'Signature' parameter. ";
  if (const std::string* d = internal::FindHeader(request.headers, internal::kDateHeader)) {
    claim.amz_date = *d;
  } else if (const std::string* http_date = internal::FindHeader(request.headers, "Date")) {
    auto converted = HttpDateToAmzDate(Trim(*http_date));
    if (!converted) return Incomplete("Date header is not a valid RFC 1123 date.");
    claim.amz_date = *converted;
  } else {
    missing +=
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  }
  if (!missing.empty()) return Incomplete(missing + "Authorization=" + std::string(value));
  if (const std::string* t = internal::FindHeader(request.headers, internal::kTokenHeader)) {
    claim.security_token = *t;
  }
  return claim;
}

Result<Claim> ParsePresignQuery(const std::vector<std::pair<std::string, std::string>>& params) {
  Claim claim;
  std::optional<std::string> algorithm, credential, signature, date, signed_headers, expires;
  const std::pair<std::string_view, std::optional<std::string>*> required[] = {
      {internal::kAlgorithmParam, &algorithm},          {internal::kCredentialParam, &credential},
      {internal::kSignatureParam, &signature},          {internal::kDateParam, &date},
      {internal::kSignedHeadersParam, &signed_headers}, {internal::kExpiresParam, &expires}};
  for (const auto& [k, v] : params) {
    if (k == internal::kTokenParam) claim.security_token = v;
    for (const auto& [name, slot] : required) {
      if (k == name) *slot = v;
    }
  }
  for (const auto& [name, slot] : required) {
    if (!slot->has_value()) {
      return Incomplete(
          "AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', "
          "'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', and 'X-Amz-Expires'. "
          "Re-examine the query-string parameters.");
    }
  }
  claim.credential = std::move(*credential);
  claim.signature = std::move(*signature);
  claim.amz_date = std::move(*date);
  claim.signed_headers = std::move(*signed_headers);
  if (*algorithm != kAlgorithm) {
    return Incomplete("X-Amz-Algorithm only supports 'AWS4-HMAC-SHA256'.");
  }
  long long secs = 0;
  const std::string& e = *expires;
  auto [ptr, ec] = std::from_chars(e.data(), e.data() + e.size(), secs);
  if (ec != std::errc() || ptr != e.data() + e.size() || secs <= 0 ||
      secs > kMaxPresignExpires.count()) {
    return Incomplete("X-Amz-Expires must be a number of seconds between 1 and 604800.");
  }
  claim.expires = std::chrono::seconds(secs);
  return claim;
}

struct Scope {
  std::string access_key_id, date, region, service;
};

Result<Scope> ParseCredential(std::string_view credential) {
  std::vector<std::string_view> parts = Split(credential, '/');
  if (parts.size() != kCredentialParts) {
    return Incomplete("Credential should be formed as <access key>/<date>/<region>/<service>/" +
                      std::string(kScopeTerminator) + ", got '" + std::string(credential) + "'.");
  }
  if (parts[4] != kScopeTerminator) {
    return Incomplete("Credential should be scoped with a valid terminator: 'aws4_request', not '" +
                      std::string(parts[4]) + "'.");
  }
  if (parts[0].empty()) return Incomplete("Credential has an empty access key id.");
  if (parts[2].empty()) return Incomplete("Credential should be scoped to a valid region.");
  if (parts[3].empty()) return Incomplete("Credential should be scoped to a valid service.");
  if (parts[1].size() != kScopeDateLength) {
    return Incomplete("Credential should be scoped to a valid date, not '" + std::string(parts[1]) +
                      "'.");
  }
  return Scope{std::string(parts[0]), std::string(parts[1]), std::string(parts[2]),
               std::string(parts[3])};
}

Result<std::vector<std::string>> ParseSignedHeaders(std::string_view list) {
  std::vector<std::string> names;
  for (std::string_view n : Split(list, ';')) {
    if (n.empty() || text::AsciiLower(n) != n) {
      return Incomplete("SignedHeaders must be a ';'-separated list of lowercase header names.");
    }
    names.emplace_back(n);
  }
  if (names.size() > kMaxSignedHeaders) return Incomplete("Too many signed headers.");
  if (std::find(names.begin(), names.end(), "host") == names.end()) {
    return Incomplete("'Host' must be a 'SignedHeader' in the AWS Authorization.");
  }
  return names;
}

std::string MinutesText(std::chrono::seconds s) {
  return std::to_string(std::chrono::duration_cast<std::chrono::minutes>(s).count()) + " min.";
}

Status CheckTime(const Claim& claim, std::chrono::system_clock::time_point t,
                 std::chrono::system_clock::time_point now, std::chrono::seconds max_skew) {
  if (claim.expires) {
    if (now > t + *claim.expires)
      return AuthError("RequestExpired", kStatusBadRequest, "Request has expired.");
    if (t > now + max_skew) {
      return AuthError("RequestExpired", kStatusBadRequest, "Request is not yet valid.");
    }
    return Status::Ok();
  }
  if (t < now - max_skew) {
    return AuthError("RequestExpired", kStatusBadRequest,
                     "Signature expired: " + claim.amz_date + " is now earlier than " +
                         text::FormatAmzDate(now - max_skew) + " (" + text::FormatAmzDate(now) +
                         " - " + MinutesText(max_skew) + ")");
  }
  if (t > now + max_skew) {
    return AuthError("RequestExpired", kStatusBadRequest,
                     "Signature not yet current: " + claim.amz_date + " is still later than " +
                         text::FormatAmzDate(now + max_skew) + " (" + text::FormatAmzDate(now) +
                         " + " + MinutesText(max_skew) + ")");
  }
  return Status::Ok();
}

bool SignatureEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

Result<VerifiedSignature> Verify(const ReceivedRequest& request, const SecretLookup& lookup,
                                 std::chrono::system_clock::time_point now,
                                 std::chrono::seconds max_skew) {
  auto [path, query] = internal::SplitTarget(request.target);
  auto params = internal::ParseQuery(query);
  bool presigned = std::any_of(params.begin(), params.end(),
                               [](const auto& p) { return p.first == internal::kAlgorithmParam; });
  const std::string* auth = internal::FindHeader(request.headers, internal::kAuthorizationHeader);
  if (presigned && auth != nullptr) {
    return Incomplete(
        "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the "
        "Authorization header should be specified.");
  }
  if (!presigned && auth == nullptr) {
    return AuthError("MissingAuthenticationToken", kStatusForbidden,
                     "Request is missing Authentication Token");
  }
  auto claim = presigned ? ParsePresignQuery(params) : ParseAuthorizationHeader(request, *auth);
  if (!claim.ok()) return claim.status();
  auto scope = ParseCredential(claim->credential);
  if (!scope.ok()) return scope.status();
  auto names = ParseSignedHeaders(claim->signed_headers);
  if (!names.ok()) return names.status();
  auto request_time = text::ParseAmzDate(claim->amz_date);
  if (!request_time) {
    return Incomplete("Date must be in ISO-8601 'basic format'. Got '" + claim->amz_date +
                      "'. See http://en.wikipedia.org/wiki/ISO_8601");
  }
  if (claim->amz_date.substr(0, kScopeDateLength) != scope->date) {
    return AuthError("SignatureDoesNotMatch", kStatusForbidden,
                     "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of "
                     "date from HTTP: '" +
                         scope->date + "' != '" + claim->amz_date.substr(0, kScopeDateLength) +
                         "', from '" + claim->amz_date + "'.");
  }
  std::optional<SecretString> secret = lookup ? lookup(scope->access_key_id) : std::nullopt;
  if (!secret) {
    return AuthError("InvalidClientTokenId", kStatusForbidden,
                     "The security token included in the request is invalid.");
  }
  AIC_RETURN_IF_ERROR(CheckTime(*claim, *request_time, now, max_skew));
  if (claim->signature.size() != kSignatureHexLength) return Mismatch();

  std::string body_hash = Sha256Hex(request.body);
  SignatureSteps steps = ComputeSignature(request, *names, body_hash, *secret, claim->amz_date,
                                          scope->region, scope->service);
  bool match = SignatureEquals(steps.signature, claim->signature);
  const bool payload_signed = match;
  if (!match && presigned) {
    steps = ComputeSignature(request, *names, kUnsignedPayload, *secret, claim->amz_date,
                             scope->region, scope->service);
    match = SignatureEquals(steps.signature, claim->signature);
  }
  if (!match) return Mismatch();

  VerifiedSignature out;
  out.access_key_id = std::move(scope->access_key_id);
  out.region = std::move(scope->region);
  out.service = std::move(scope->service);
  out.scope_date = std::move(scope->date);
  out.request_time = *request_time;
  out.security_token = std::move(claim->security_token);
  out.presigned = presigned;
  out.payload_signed = payload_signed;
  return out;
}

}  // namespace aic::sigv4
