#include "server/scim/scim_tag_codec.h"

#include <gtest/gtest.h>

namespace aic::scim {
namespace {

using json = nlohmann::json;

TEST(ScimTagCodecTest, PlainValuesStayReadable) {
  for (const char* s : {"Finance", "jane.doe@example.com", "+1 555-0100", "a/b=c:d_e"}) {
    auto v = EncodeTagValue("x", s);
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(s, *v);
    EXPECT_EQ(json(s), DecodeTagValue(*v));
  }
}

TEST(ScimTagCodecTest, EveryOtherValueReadsBackExactly) {
  const json values[] = {"O'Brien & Sons",
                         "José",
                         "",
                         "b64:looks encoded",
                         "j64:too",
                         "日本",
                         json{{"givenName", "Ann"}, {"familyName", "O'Neil"}},
                         json::array({{{"value", "a@b.c"}, {"type", "work"}, {"primary", true}}}),
                         true,
                         42};
  for (const json& value : values) {
    auto v = EncodeTagValue("x", value);
    ASSERT_TRUE(v.ok()) << value;
    for (char c : *v) {
      EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) ||
                  std::string_view(" _.:/=+-@").find(c) != std::string_view::npos)
          << *v;
    }
    EXPECT_EQ(value, DecodeTagValue(*v)) << *v;
  }
}

TEST(ScimTagCodecTest, ValuesOverAwsLimitAreRefusedNamingTheAttribute) {
  auto v = EncodeTagValue("displayName", std::string(300, 'x'));
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(400, v.error().status);
  EXPECT_EQ(ScimType::kInvalidValue, v.error().type);
  EXPECT_NE(std::string::npos, v.error().detail.find("displayName"));
  EXPECT_TRUE(EncodeTagValue("displayName", std::string(256, 'x')).ok());
}

TEST(ScimTagCodecTest, HandWrittenTagsReadAsTheyAre) {
  EXPECT_EQ(json("b64:not base64!"), DecodeTagValue("b64:not base64!"));
  EXPECT_EQ(json("anything"), DecodeTagValue("anything"));
  EXPECT_TRUE(IsScimTagKey("scim:title"));
  EXPECT_FALSE(IsScimTagKey("team"));
}

}  // namespace
}  // namespace aic::scim
