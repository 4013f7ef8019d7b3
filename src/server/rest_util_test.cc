#include "server/rest_util.h"

#include <gtest/gtest.h>

namespace aic {
namespace {

TEST(RestUtilTest, SplitPath) {
  auto p = SplitPath("/openidm/system/aws/__ACCOUNT__/frank%40example.com");
  ASSERT_TRUE(p);
  ASSERT_EQ(p->size(), 5u);
  EXPECT_EQ((*p)[4], "frank@example.com");
  EXPECT_FALSE(SplitPath("/openidm/%G0"));
}

TEST(RestUtilTest, QueryParams) {
  auto q = QueryParams::Parse("_queryFilter=__NAME__+eq+%22bob%22&_pageSize=2&flag");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->Get("_queryFilter"), "__NAME__ eq \"bob\"");
  EXPECT_EQ(q->Get("_pageSize"), "2");
  EXPECT_EQ(q->Get("flag"), "");
  EXPECT_FALSE(q->Get("missing"));
  EXPECT_FALSE(QueryParams::Parse("a=%zz").ok());
  std::string many;
  for (int i = 0; i < 100; ++i) many += "a=1&";
  EXPECT_FALSE(QueryParams::Parse(many).ok());
}

TEST(RestUtilTest, BasicAuth) {
  auto ok = ParseBasicAuth("Basic b3BlbmlkbS1hZG1pbjpvcGVuaWRtLWFkbWlu");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->first, "openidm-admin");
  EXPECT_EQ(ok->second, "openidm-admin");
  EXPECT_FALSE(ParseBasicAuth(""));
  EXPECT_FALSE(ParseBasicAuth("Bearer abc"));
  EXPECT_FALSE(ParseBasicAuth("Basic !!!"));
  EXPECT_FALSE(ParseBasicAuth("Basic bm9jb2xvbg=="));  // "nocolon"
}

TEST(RestUtilTest, JsonBodies) {
  EXPECT_TRUE(ParseJsonBody(R"({"a": [1, {"b": "}"}]})", 8).ok());
  auto bad = ParseJsonBody(R"({"a": )", 8);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(bad.status().message().find("at byte"), std::string::npos);
  EXPECT_FALSE(ParseJsonBody("   ", 8).ok());
  std::string deep(100000, '[');
  auto too_deep = ParseJsonBody(deep, 64);
  ASSERT_FALSE(too_deep.ok());
  EXPECT_NE(too_deep.status().message().find("nesting"), std::string::npos);
}

}  // namespace
}  // namespace aic
