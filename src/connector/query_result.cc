#include "aws_iam_connector/connector/query_result.h"

#include <utility>

namespace aic::connector {

nlohmann::json QueryResult::ToJson() const& { return QueryResult(*this).ToJson(); }

nlohmann::json QueryResult::ToJson() && {
  nlohmann::json out = nlohmann::json::object();
  const std::size_t count = result.size();
  out["result"] = nlohmann::json(std::move(result));
  out["resultCount"] = count;
  out["pagedResultsCookie"] = paged_results_cookie
                                  ? nlohmann::json(std::move(*paged_results_cookie))
                                  : nlohmann::json(nullptr);
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
