// Request-parsing helpers of the REST API: path segments, query parameters, HTTP Basic
// credentials and bounded JSON bodies (percent-decoding and base64 are text::'s).
//
// Errors: kInvalidInput naming the problem (and, for JSON, the byte position).
// Thread safety: pure functions and values.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws_iam_connector/status.h"

namespace aic {

// Most query parameters accepted in one request.
inline constexpr std::size_t kMaxQueryParams = 64;

// "/openidm/system/aws" -> {"openidm", "system", "aws"} (decoded; empty segments dropped);
// nullopt for a malformed escape.
std::optional<std::vector<std::string>> SplitPath(std::string_view path);

class QueryParams {
 public:
  static Result<QueryParams> Parse(std::string_view query);
  // The first value of `name`, decoded.
  std::optional<std::string> Get(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, std::string>> params_;
};

// "Basic base64(user:password)" -> (user, password); nullopt when absent or malformed.
std::optional<std::pair<std::string, std::string>> ParseBasicAuth(std::string_view header);

// Parses a request body with ParseJson (json_text.h); kInvalidInput for an empty body,
// malformed JSON (with the byte position), nesting deeper than `max_depth` or a number that
// does not fit (1e999).
Result<nlohmann::json> ParseJsonBody(std::string_view body, int max_depth);

std::string_view Trim(std::string_view s);

}  // namespace aic
