#include "aws_iam_connector/connector/query_result.h"

#include <utility>

namespace aic::connector {

nlohmann::json QueryResult::ToJson() const {
  nlohmann::json out = nlohmann::json::object();
  out["result"] = nlohmann::json(result);
  out["resultCount"] = result.size();
  out["pagedResultsCookie"] =
      paged_results_cookie ? nlohmann::json(*paged_results_cookie) : nlohmann::json(nullptr);
  out["totalPagedResultsPolicy"] = kTotalPagedResultsPolicyNone;
  out["totalPagedResults"] = -1;
  out["remainingPagedResults"] = -1;
  return out;
}

QueryResult MakeQueryResult(std::vector<nlohmann::json> objects, SearchResult search) {
  QueryResult r;
  r.result = std::move(objects);
  r.paged_results_cookie = std::move(search.paged_results_cookie);
  return r;
}

}  // namespace aic::connector
