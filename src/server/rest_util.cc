#include "server/rest_util.h"

#include <sodium.h>

#include <cctype>

#include "aws_iam_connector/secret_string.h"

namespace aic {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      int hi = HexValue(text[i + 1]);
      int lo = HexValue(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::optional<std::vector<std::string>> SplitPath(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(start, end - start);
    if (!part.empty()) {
      auto decoded = PercentDecode(part, false);
      if (!decoded) return std::nullopt;
      out.push_back(std::move(*decoded));
    }
    start = end + 1;
  }
  return out;
}

Result<QueryParams> QueryParams::Parse(std::string_view query) {
  QueryParams params;
  std::size_t start = 0;
  while (start < query.size()) {
    std::size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    std::string_view part = query.substr(start, end - start);
    start = end + 1;
    if (part.empty()) continue;
    if (params.params_.size() >= kMaxQueryParams) {
      return Status(ErrorCode::kInvalidInput, "too many query parameters");
    }
    std::size_t eq = part.find('=');
    auto name = PercentDecode(part.substr(0, eq), true);
    auto value = PercentDecode(eq == std::string_view::npos ? "" : part.substr(eq + 1), true);
    if (!name || !value) {
      return Status(ErrorCode::kInvalidInput, "malformed percent-encoding in the query string");
    }
    params.params_.emplace_back(std::move(*name), std::move(*value));
  }
  return params;
}

std::optional<std::string> QueryParams::Get(std::string_view name) const {
  for (const auto& [k, v] : params_) {
    if (k == name) return v;
  }
  return std::nullopt;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::optional<std::pair<std::string, std::string>> ParseBasicAuth(std::string_view header) {
  header = Trim(header);
  constexpr std::string_view kBasic = "basic ";
  if (header.size() <= kBasic.size()) return std::nullopt;
  for (std::size_t i = 0; i < kBasic.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header[i])) != kBasic[i]) return std::nullopt;
  }
  std::string_view b64 = Trim(header.substr(kBasic.size()));
  std::string decoded(b64.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(decoded.data()), decoded.size(),
                        b64.data(), b64.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    WipeString(decoded);
    return std::nullopt;
  }
  decoded.resize(len);
  std::size_t colon = decoded.find(':');
  if (colon == std::string::npos) {
    WipeString(decoded);
    return std::nullopt;
  }
  std::pair<std::string, std::string> out(decoded.substr(0, colon), decoded.substr(colon + 1));
  WipeString(decoded);
  return out;
}

Result<nlohmann::json> ParseJsonBody(std::string_view body, int max_depth) {
  if (Trim(body).empty())
    return Status(ErrorCode::kInvalidInput, "a JSON request body is required");
  // Nesting is checked before parsing so deep input cannot exhaust the stack later on.
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) {
        return Status(ErrorCode::kInvalidInput, "malformed JSON: nesting deeper than " +
                                                    std::to_string(max_depth) + " at byte " +
                                                    std::to_string(i + 1));
      }
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  try {
    return nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& e) {
    return Status(ErrorCode::kInvalidInput, "malformed JSON at byte " + std::to_string(e.byte));
  } catch (const nlohmann::json::out_of_range&) {  // e.g. 1e999
    return Status(ErrorCode::kInvalidInput, "malformed JSON: a number is out of range");
  }
}

}  // namespace aic
