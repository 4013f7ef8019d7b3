// The SigV4 canonical request and the signature computation.
#include <algorithm>
#include <tuple>

#include "aws_iam_connector/sigv4.h"
#include "common/text_codec.h"
#include "sigv4/internal.h"

namespace aic::sigv4 {
namespace internal {

std::pair<std::string_view, std::string_view> SplitTarget(std::string_view target) {
  std::size_t q = target.find('?');
  if (q == std::string_view::npos) return {target, {}};
  return {target.substr(0, q), target.substr(q + 1)};
}

std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view raw_query) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!raw_query.empty()) {
    std::size_t amp = raw_query.find('&');
    std::string_view piece = raw_query.substr(0, amp);
    raw_query = amp == std::string_view::npos ? std::string_view() : raw_query.substr(amp + 1);
    if (piece.empty()) continue;
    std::size_t eq = piece.find('=');
    if (eq == std::string_view::npos) {
      out.emplace_back(text::PercentDecodeLenient(piece), std::string());
    } else {
      out.emplace_back(text::PercentDecodeLenient(piece.substr(0, eq)),
                       text::PercentDecodeLenient(piece.substr(eq + 1)));
    }
  }
  return out;
}

std::string FoldWhitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

void SetHeaderInPlace(std::vector<HttpHeader>& headers, std::string_view name, std::string value) {
  for (auto& h : headers) {
    if (EqualsIgnoreCase(h.name, name)) {
      h.value = std::move(value);
      return;
    }
  }
  headers.push_back({std::string(name), std::move(value)});
}

const std::string* FindHeader(const std::vector<HttpHeader>& headers, std::string_view name) {
  for (const auto& h : headers) {
    if (EqualsIgnoreCase(h.name, name)) return &h.value;
  }
  return nullptr;
}

}  // namespace internal

namespace {

// Removes "." and ".." segments and empty segments ("//"); keeps a trailing slash.
std::string NormalizePath(std::string_view path) {
  std::vector<std::string_view> segments;
  bool trailing_slash = false;
  std::size_t pos = 0;
  while (pos <= path.size()) {
    std::size_t slash = path.find('/', pos);
    std::string_view seg =
        path.substr(pos, slash == std::string_view::npos ? path.npos : slash - pos);
    bool last = slash == std::string_view::npos;
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
      trailing_slash = true;
    } else if (seg == "." || seg.empty()) {
      trailing_slash = true;
    } else {
      segments.push_back(seg);
      trailing_slash = false;
    }
    if (last) break;
    pos = slash + 1;
  }
  std::string out;
  for (auto seg : segments) {
    out.push_back('/');
    out.append(seg);
  }
  if (out.empty() || trailing_slash) out.push_back('/');
  return out;
}

// Encodes what a wire path must not carry raw, keeping '/' and existing %XX escapes.
std::string EncodeOnce(std::string_view path) {
  std::string out;
  for (char c : path) {
    if (c == '/' || c == '%') {
      out.push_back(c);
    } else {
      out.append(text::PercentEncode(std::string_view(&c, 1)));
    }
  }
  return out;
}

}  // namespace

std::string CanonicalUri(std::string_view raw_path, const SigningOptions& options) {
  std::string path = raw_path.empty() ? std::string("/") : std::string(raw_path);
  if (options.normalize_path) path = NormalizePath(path);
  return options.double_encode_path ? text::PercentEncode(path, /*keep_slash=*/true)
                                    : EncodeOnce(path);
}

std::string CanonicalQuery(std::string_view raw_query, std::string_view skip_param) {
  std::vector<std::pair<std::string, std::string>> encoded;
  for (auto& [name, value] : internal::ParseQuery(raw_query)) {
    if (!skip_param.empty() && name == skip_param) continue;
    encoded.emplace_back(text::PercentEncode(name), text::PercentEncode(value));
  }
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto& [name, value] : encoded) {
    if (!out.empty()) out.push_back('&');
    out.append(name).append("=").append(value);
  }
  return out;
}

std::string CanonicalHeaders(const std::vector<HttpHeader>& headers,
                             const std::vector<std::string>& signed_names) {
  std::string out;
  for (const auto& name : signed_names) {
    out.append(name).push_back(':');
    bool first = true;
    for (const auto& h : headers) {
      if (!EqualsIgnoreCase(h.name, name)) continue;
      if (!first) out.push_back(',');
      out.append(internal::FoldWhitespace(h.value));
      first = false;
    }
    out.push_back('\n');
  }
  return out;
}

std::vector<std::string> SignableHeaderNames(const std::vector<HttpHeader>& headers,
                                             std::string_view also_skip) {
  std::vector<std::string> names;
  for (const auto& h : headers) {
    std::string lower = text::AsciiLower(h.name);
    if (!also_skip.empty() && EqualsIgnoreCase(lower, also_skip)) continue;
    if (std::find(std::begin(internal::kUnsignedHeaders), std::end(internal::kUnsignedHeaders),
                  lower) != std::end(internal::kUnsignedHeaders)) {
      continue;
    }
    names.push_back(std::move(lower));
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

std::string CredentialScope(std::string_view scope_date, std::string_view region,
                            std::string_view service) {
  std::string out;
  out.append(scope_date).append("/").append(region).append("/").append(service).append("/");
  out.append(kScopeTerminator);
  return out;
}

SignatureSteps ComputeSignature(const ReceivedRequest& request,
                                const std::vector<std::string>& signed_names,
                                std::string_view payload_hash, const SecretString& secret,
                                std::string_view amz_date, std::string_view region,
                                std::string_view service, const SigningOptions& options) {
  SignatureSteps steps;
  for (const auto& name : signed_names) {
    if (!steps.signed_headers.empty()) steps.signed_headers.push_back(';');
    steps.signed_headers.append(name);
  }
  auto [path, query] = internal::SplitTarget(request.target);
  std::string& creq = steps.canonical_request;
  creq.append(request.method).push_back('\n');
  creq.append(CanonicalUri(path, options)).push_back('\n');
  creq.append(CanonicalQuery(query, internal::kSignatureParam)).push_back('\n');
  creq.append(CanonicalHeaders(request.headers, signed_names)).push_back('\n');
  creq.append(steps.signed_headers).push_back('\n');
  creq.append(payload_hash);

  std::string_view scope_date = amz_date.substr(0, 8);
  steps.credential_scope = CredentialScope(scope_date, region, service);
  std::string& sts = steps.string_to_sign;
  sts.append(kAlgorithm).push_back('\n');
  sts.append(amz_date).push_back('\n');
  sts.append(steps.credential_scope).push_back('\n');
  sts.append(Sha256Hex(creq));

  std::string key = CachedSigningKey(secret, scope_date, region, service);
  steps.signature = text::HexEncode(HmacSha256(key, sts));
  WipeString(key);
  return steps;
}

}  // namespace aic::sigv4
