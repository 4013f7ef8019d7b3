// QueryResult: the CREST query response envelope (SPEC 4.6, as in the seed):
//   {"result": [...], "resultCount": N, "pagedResultsCookie": "..." or null,
//    "totalPagedResultsPolicy": "NONE", "totalPagedResults": -1, "remainingPagedResults": -1}
// and the results handler a SearchOp streams objects into.
//
// Thread safety: a value type; CollectingHandler is not thread-safe (one search at a time).
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace aic::connector {

inline constexpr std::string_view kTotalPagedResultsPolicyNone = "NONE";

struct QueryResult {
  std::vector<nlohmann::json> result;
  std::optional<std::string> paged_results_cookie;  // nullopt after the last page

  // The CREST query response body. The rvalue form moves the objects instead of copying them.
  nlohmann::json ToJson() const&;
  nlohmann::json ToJson() &&;
};

// What a search reports besides the objects it streamed.
struct SearchResult {
  std::optional<std::string> paged_results_cookie;  // nullopt after the last page
};

// Receives each object of a search; returns false to stop the search early.
using ResultsHandler = std::function<bool(nlohmann::json object)>;

// The envelope for `objects` and `cookie`.
QueryResult MakeQueryResult(std::vector<nlohmann::json> objects, SearchResult search);

}  // namespace aic::connector
