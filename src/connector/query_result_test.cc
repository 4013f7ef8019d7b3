#include "aws_iam_connector/connector/query_result.h"

#include <gtest/gtest.h>

namespace aic::connector {
namespace {

using json = nlohmann::json;

TEST(QueryResultTest, EnvelopeAsInTheSeed) {
  QueryResult r = MakeQueryResult({json{{"_id", "bjensen"}}, json{{"_id", "frank@example.com"}}},
                                  SearchResult{});
  json j = r.ToJson();
  EXPECT_EQ(j, json::parse(R"({"result":[{"_id":"bjensen"},{"_id":"frank@example.com"}],
      "resultCount":2,"pagedResultsCookie":null,"totalPagedResultsPolicy":"NONE",
      "totalPagedResults":-1,"remainingPagedResults":-1})"));
  r.paged_results_cookie = "abc";
  EXPECT_EQ(r.ToJson()["pagedResultsCookie"], "abc");
}

}  // namespace
}  // namespace aic::connector
