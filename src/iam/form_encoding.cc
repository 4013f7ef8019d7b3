#include "iam/form_encoding.h"

#include <string>

#include "aws_iam_connector/secret_string.h"
#include "common/text_codec.h"

namespace aic {

std::string FormEncodeQuery(std::string_view action, std::string_view version,
                            const QueryParams& params) {
  std::string body =
      "Action=" + text::PercentEncode(action) + "&Version=" + text::PercentEncode(version);
  for (const auto& [name, value] : params) {
    body += '&';
    body += text::PercentEncode(name);
    body += '=';
    body += text::PercentEncode(value);
  }
  return body;
}

void AddListParam(QueryParams& params, std::string_view prefix,
                  const std::vector<std::string>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    params.emplace_back(std::string(prefix) + ".member." + std::to_string(i + 1), values[i]);
  }
}

void AddTagParams(QueryParams& params, std::string_view prefix, const std::vector<Tag>& tags) {
  for (std::size_t i = 0; i < tags.size(); ++i) {
    std::string base = std::string(prefix) + ".member." + std::to_string(i + 1);
    params.emplace_back(base + ".Key", tags[i].key);
    params.emplace_back(base + ".Value", tags[i].value);
  }
}

void AddMapParam(QueryParams& params, std::string_view prefix,
                 const std::vector<std::pair<std::string, std::string>>& entries) {
  for (std::size_t i = 0; i < entries.size(); ++i) {
    std::string base = std::string(prefix) + ".entry." + std::to_string(i + 1);
    params.emplace_back(base + ".key", entries[i].first);
    params.emplace_back(base + ".value", entries[i].second);
  }
}

void AddIfNotEmpty(QueryParams& params, std::string_view name, std::string_view value) {
  if (!value.empty()) params.emplace_back(std::string(name), std::string(value));
}

void AddBool(QueryParams& params, std::string_view name, bool value) {
  params.emplace_back(std::string(name), value ? "true" : "false");
}

void WipeParams(QueryParams& params) {
  for (auto& [name, value] : params) WipeString(value);
  params.clear();
}

}  // namespace aic
