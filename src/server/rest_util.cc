#include "server/rest_util.h"

#include <cctype>

#include "aws_iam_connector/json_text.h"
#include "aws_iam_connector/secret_string.h"
#include "common/text_codec.h"

namespace aic {

std::optional<std::vector<std::string>> SplitPath(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(start, end - start);
    if (!part.empty()) {
      auto decoded = text::PercentDecodeStrict(part, text::Plus::kLiteral);
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
    auto name = text::PercentDecodeStrict(part.substr(0, eq), text::Plus::kSpace);
    auto value = text::PercentDecodeStrict(eq == std::string_view::npos ? "" : part.substr(eq + 1),
                                           text::Plus::kSpace);
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
  if (header.size() <= kBasic.size() || !text::StartsWithIgnoreCase(header, kBasic)) {
    return std::nullopt;
  }
  auto decoded = text::Base64Decode(Trim(header.substr(kBasic.size())));
  if (!decoded) return std::nullopt;
  std::size_t colon = decoded->find(':');
  if (colon == std::string::npos) {
    WipeString(*decoded);
    return std::nullopt;
  }
  std::pair<std::string, std::string> out(decoded->substr(0, colon), decoded->substr(colon + 1));
  WipeString(*decoded);
  return out;
}

Result<nlohmann::json> ParseJsonBody(std::string_view body, int max_depth) {
  if (Trim(body).empty())
    return Status(ErrorCode::kInvalidInput, "a JSON request body is required");
  return ParseJson(body, max_depth);
}

}  // namespace aic
