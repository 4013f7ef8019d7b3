#include "script/connector_script_host.h"

#include <gtest/gtest.h>

namespace aic {
namespace {

using json = nlohmann::json;

json Convert(const char* xml) {
  pugi::xml_document doc;
  EXPECT_TRUE(doc.load_string(xml));
  auto r = XmlResultToJson(doc.first_child());
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : json();
}

TEST(XmlResultToJsonTest, ShapesOfIamResults) {
  EXPECT_EQ(Convert(R"(<ListUsersResult><Users><member><UserName>a</UserName><Path>/</Path>
      </member><member><UserName>b</UserName><Path>/</Path></member></Users>
      <IsTruncated>false</IsTruncated></ListUsersResult>)"),
            json::parse(R"({"Users": [{"UserName": "a", "Path": "/"},
                                      {"UserName": "b", "Path": "/"}],
                           "IsTruncated": "false"})"));
  EXPECT_EQ(Convert("<ListGroupsResult><Groups/><IsTruncated>false</IsTruncated>"
                    "</ListGroupsResult>"),
            json::parse(R"({"Groups": [], "IsTruncated": "false"})"));
  EXPECT_EQ(Convert("<GetAccountSummaryResult><SummaryMap><entry><key>Users</key><value>3"
                    "</value></entry><entry><key>Groups</key><value>1</value></entry>"
                    "</SummaryMap></GetAccountSummaryResult>"),
            json::parse(R"({"SummaryMap": {"Users": "3", "Groups": "1"}})"));
  EXPECT_EQ(Convert("<R><A>1</A><A>2</A><A>3</A><B>x</B></R>"),
            json::parse(R"({"A": ["1", "2", "3"], "B": "x"})"));
  EXPECT_EQ(Convert("<DeleteUserResult/>"), json::object());
  auto none = XmlResultToJson(pugi::xml_node());
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, json::object());
}

TEST(XmlResultToJsonTest, DeepDocumentsAreRefused) {
  std::string xml;
  for (int i = 0; i < 100; ++i) xml += "<a>";
  xml += "x";
  for (int i = 0; i < 100; ++i) xml += "</a>";
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str()));
  EXPECT_EQ(XmlResultToJson(doc.first_child()).status().code(), ErrorCode::kLimitExceeded);
}

TEST(MaskedAwsConfigTest, SecretsAreMasked) {
  AwsConnectorConfig c;
  c.access_key_id = "AKIAEXAMPLE";
  c.secret_key = SecretString("very-secret-value");
  c.proxy_password = SecretString("proxy-secret-value");
  json j = MaskedAwsConfig(c);
  EXPECT_EQ(j["secretKey"], "****");
  EXPECT_EQ(j["proxyPassword"], "****");
  EXPECT_EQ(j["accessKeyId"], "AKIAEXAMPLE");
  EXPECT_EQ(j["pageSize"], 100);
  EXPECT_EQ(j.dump().find("secret-value"), std::string::npos);
  AwsConnectorConfig empty;
  EXPECT_TRUE(MaskedAwsConfig(empty)["secretKey"].is_null());
}

}  // namespace
}  // namespace aic
