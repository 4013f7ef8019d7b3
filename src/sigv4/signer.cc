// SigV4 signing: Authorization header and presigned URLs.
#include <string>

#include "aws_iam_connector/sigv4.h"
#include "common/text_codec.h"
#include "sigv4/internal.h"

namespace aic::sigv4 {
namespace {

struct ParsedUrl {
  std::string prefix;  // "scheme://authority" exactly as in the url
  std::string host;    // Host header value: host[:port], default port dropped
  std::string target;  // "/path?query", never empty
};

Result<ParsedUrl> ParseUrl(std::string_view url) {
  std::size_t sep = url.find("://");
  if (sep == std::string_view::npos || sep == 0) {
    return Status(ErrorCode::kInvalidInput, "request url is not absolute");
  }
  std::string scheme = text::AsciiLower(url.substr(0, sep));
  std::size_t auth_start = sep + 3;
  std::size_t auth_end = url.find_first_of("/?#", auth_start);
  if (auth_end == std::string_view::npos) auth_end = url.size();
  std::string_view authority = url.substr(auth_start, auth_end - auth_start);
  std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority = authority.substr(at + 1);
  if (authority.empty()) return Status(ErrorCode::kInvalidInput, "request url has no host");

  ParsedUrl out;
  out.prefix = std::string(url.substr(0, auth_end));
  std::string_view host = authority, port;
  std::size_t bracket = authority.rfind(']');
  std::size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  bool default_port =
      port.empty() || (scheme == "http" && port == "80") || (scheme == "https" && port == "443");
  out.host = text::AsciiLower(host);
  if (!default_port) out.host.append(":").append(port);

  std::string_view rest = url.substr(auth_end);
  std::size_t hash = rest.find('#');
  if (hash != std::string_view::npos) rest = rest.substr(0, hash);
  if (rest.empty() || rest.front() != '/') out.target = "/";
  out.target.append(rest);
  return out;
}

Status CheckInputs(const Credentials& credentials, std::string_view region,
                   std::string_view service) {
  if (credentials.access_key_id.empty() || credentials.secret_access_key.empty()) {
    return Status(ErrorCode::kConfiguration, "credentials lack an access key id or secret key");
  }
  if (region.empty() || service.empty()) {
    return Status(ErrorCode::kInvalidInput, "SigV4 needs a region and a service name");
  }
  return Status::Ok();
}

std::string AuthorizationValue(std::string_view access_key_id, const SignatureSteps& steps) {
  std::string out(kAlgorithm);
  out.append(" Credential=").append(access_key_id).append("/").append(steps.credential_scope);
  out.append(", SignedHeaders=").append(steps.signed_headers);
  out.append(", Signature=").append(steps.signature);
  return out;
}

// Moves the HttpRequest's parts into a raw request and back, so signing copies nothing big.
class RawView {
 public:
  RawView(HttpRequest& request, std::string target) : request_(request) {
    raw_.method = request.method;
    raw_.target = std::move(target);
    raw_.headers = std::move(request.headers);
    raw_.body = std::move(request.body);
  }
  ~RawView() {
    request_.headers = std::move(raw_.headers);
    request_.body = std::move(raw_.body);
  }
  ReceivedRequest& raw() { return raw_; }

 private:
  HttpRequest& request_;
  ReceivedRequest raw_;
};

}  // namespace

Result<SignatureSteps> SignRawRequest(ReceivedRequest& request, const Credentials& credentials,
                                      std::string_view region, std::string_view service,
                                      std::chrono::system_clock::time_point now,
                                      const SigningOptions& options) {
  AIC_RETURN_IF_ERROR(CheckInputs(credentials, region, service));
  std::erase_if(request.headers, [](const HttpHeader& h) {
    return EqualsIgnoreCase(h.name, internal::kAuthorizationHeader);
  });
  std::string amz_date = text::FormatAmzDate(now);
  if (!credentials.session_token.empty()) {
    internal::SetHeaderInPlace(request.headers, internal::kTokenHeader,
                               std::string(credentials.session_token.Reveal()));
  }
  internal::SetHeaderInPlace(request.headers, internal::kDateHeader, amz_date);
  std::string payload_hash = Sha256Hex(request.body);
  if (options.add_content_sha256_header) {
    internal::SetHeaderInPlace(request.headers, internal::kContentSha256Header, payload_hash);
  }
  std::vector<std::string> names = SignableHeaderNames(
      request.headers, options.omit_session_token ? internal::kTokenHeader : std::string_view());
  SignatureSteps steps =
      ComputeSignature(request, names, payload_hash, credentials.secret_access_key, amz_date,
                       region, service, options);
  request.headers.push_back({std::string(internal::kAuthorizationHeader),
                             AuthorizationValue(credentials.access_key_id, steps)});
  return steps;
}

Result<SignatureSteps> PresignRawRequest(ReceivedRequest& request, const Credentials& credentials,
                                         std::string_view region, std::string_view service,
                                         std::chrono::system_clock::time_point now,
                                         std::chrono::seconds expires,
                                         const SigningOptions& options) {
  AIC_RETURN_IF_ERROR(CheckInputs(credentials, region, service));
  if (expires.count() <= 0 || expires > kMaxPresignExpires) {
    return Status(ErrorCode::kInvalidInput,
                  "presigned URL expiry must be between 1 second and 7 days");
  }
  std::string amz_date = text::FormatAmzDate(now);
  std::vector<std::string> names = SignableHeaderNames(request.headers);
  std::string signed_headers;
  for (const auto& n : names) {
    if (!signed_headers.empty()) signed_headers.push_back(';');
    signed_headers.append(n);
  }
  std::string credential =
      credentials.access_key_id + "/" + CredentialScope(amz_date.substr(0, 8), region, service);
  std::string& t = request.target;
  auto add_param = [&t](std::string_view name, std::string_view value) {
    if (t.find('?') == std::string::npos) {
      t.push_back('?');
    } else if (t.back() != '?' && t.back() != '&') {
      t.push_back('&');
    }
    t.append(name).append("=").append(text::PercentEncode(value));
  };
  add_param(internal::kAlgorithmParam, kAlgorithm);
  add_param(internal::kCredentialParam, credential);
  add_param(internal::kDateParam, amz_date);
  add_param(internal::kSignedHeadersParam, signed_headers);
  add_param(internal::kExpiresParam, std::to_string(expires.count()));
  bool has_token = !credentials.session_token.empty();
  if (has_token && !options.omit_session_token) {
    add_param(internal::kTokenParam, credentials.session_token.Reveal());
  }
  SignatureSteps steps =
      ComputeSignature(request, names, Sha256Hex(request.body), credentials.secret_access_key,
                       amz_date, region, service, options);
  if (has_token && options.omit_session_token) {
    add_param(internal::kTokenParam, credentials.session_token.Reveal());
  }
  add_param(internal::kSignatureParam, steps.signature);
  return steps;
}

Status SignRequest(HttpRequest& request, const Credentials& credentials, std::string_view region,
                   std::string_view service, std::chrono::system_clock::time_point now,
                   const SigningOptions& options) {
  auto url = ParseUrl(request.url);
  if (!url.ok()) return url.status();
  if (internal::FindHeader(request.headers, internal::kHostHeader) == nullptr) {
    request.headers.insert(request.headers.begin(),
                           HttpHeader{std::string(internal::kHostHeader), url->host});
  }
  RawView view(request, std::move(url->target));
  auto steps = SignRawRequest(view.raw(), credentials, region, service, now, options);
  return steps.ok() ? Status::Ok() : steps.status();
}

Result<std::string> PresignUrl(const HttpRequest& request, const Credentials& credentials,
                               std::string_view region, std::string_view service,
                               std::chrono::system_clock::time_point now,
                               std::chrono::seconds expires, const SigningOptions& options) {
  auto url = ParseUrl(request.url);
  if (!url.ok()) return url.status();
  ReceivedRequest raw{request.method, std::move(url->target), request.headers, request.body};
  if (internal::FindHeader(raw.headers, internal::kHostHeader) == nullptr) {
    raw.headers.insert(raw.headers.begin(),
                       HttpHeader{std::string(internal::kHostHeader), url->host});
  }
  auto steps = PresignRawRequest(raw, credentials, region, service, now, expires, options);
  if (!steps.ok()) return steps.status();
  return url->prefix + raw.target;
}

}  // namespace aic::sigv4
