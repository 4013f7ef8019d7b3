#include "credentials/sts_validation.h"

#include <gtest/gtest.h>

#include "aws_iam_connector/assume_role_provider.h"
#include "common/text_codec.h"

namespace aic::credentials_internal {
namespace {

TEST(StsValidationTest, RoleArns) {
  for (const char* good :
       {"arn:aws:iam::123456789012:role/Admin", "arn:aws:iam::123456789012:role/path/to/R+=,.@-_",
        "arn:aws-cn:iam::123456789012:role/x", "arn:aws-us-gov:iam::123456789012:role/x",
        "arn:aws-iso-b:iam::123456789012:role/x"}) {
    EXPECT_EQ(CheckRoleArn(good), std::nullopt) << good;
  }
  for (const char* bad :
       {"", "Admin", "arn:aws:iam::12345678901:role/x", "arn:aws:iam::1234567890123:role/x",
        "arn:aws:iam::12345678901a:role/x", "arn:aws:iam:us-east-1:123456789012:role/x",
        "arn:aws:sts::123456789012:role/x", "arn:aws:iam::123456789012:user/x",
        "arn:aws:iam::123456789012:role/", "arn:aws:iam::123456789012:role/a b",
        "arn:gcp:iam::123456789012:role/x", "arn:aws-:iam::123456789012:role/x",
        "arn:aws:iam::123456789012:role/x:y",
        "arn:aws:iam::123456789012:role/"
        "a12345678901234567890123456789012345678901234567890123456789012345"}) {
    EXPECT_NE(CheckRoleArn(bad), std::nullopt) << bad;
  }
}

TEST(StsValidationTest, SessionNameExternalIdDuration) {
  EXPECT_EQ(CheckRoleSessionName("aws-iam-connector"), std::nullopt);
  EXPECT_NE(CheckRoleSessionName("a"), std::nullopt);
  EXPECT_NE(CheckRoleSessionName(std::string(65, 'a')), std::nullopt);
  EXPECT_NE(CheckRoleSessionName("has space"), std::nullopt);
  EXPECT_EQ(CheckExternalId(""), std::nullopt);
  EXPECT_EQ(CheckExternalId("ext:id/with=all.chars@x-_+,"), std::nullopt);
  EXPECT_NE(CheckExternalId("x"), std::nullopt);
  EXPECT_NE(CheckExternalId("bad id"), std::nullopt);
  EXPECT_NE(CheckExternalId(std::string(1225, 'a')), std::nullopt);
  EXPECT_EQ(CheckDurationSeconds(900), std::nullopt);
  EXPECT_EQ(CheckDurationSeconds(43200), std::nullopt);
  EXPECT_NE(CheckDurationSeconds(899), std::nullopt);
  EXPECT_NE(CheckDurationSeconds(43201), std::nullopt);
}

TEST(StsValidationTest, SettingsErrorsNameTheSettingNotTheExternalId) {
  AssumeRoleSettings s;
  s.role_arn = "arn:aws:iam::123456789012:role/R";
  EXPECT_TRUE(ValidateAssumeRoleSettings(s).ok());
  s.external_id = "bad external id SECRETISH";
  Status st = ValidateAssumeRoleSettings(s);
  EXPECT_EQ(st.code(), ErrorCode::kConfiguration);
  EXPECT_NE(st.message().find("externalId"), std::string::npos);
  EXPECT_EQ(st.message().find("SECRETISH"), std::string::npos);
  s.external_id.clear();
  s.duration_seconds = 60;
  st = ValidateAssumeRoleSettings(s);
  EXPECT_NE(st.message().find("credentialsExpiration"), std::string::npos);
  s.duration_seconds = 3600;
  s.role_arn = "arn:aws:iam::123:role/R";
  st = ValidateAssumeRoleSettings(s);
  EXPECT_EQ(st.code(), ErrorCode::kConfiguration);
  EXPECT_NE(st.message().find("roleArn"), std::string::npos);
}

TEST(StsValidationTest, RefreshWindowIsAQuarterCappedAtFiveMinutes) {
  EXPECT_EQ(RefreshWindow(900).count(), 225);
  EXPECT_EQ(RefreshWindow(1200).count(), 300);
  EXPECT_EQ(RefreshWindow(3600).count(), 300);
  EXPECT_EQ(RefreshWindow(43200).count(), 300);
}

// What the STS client parses an Expiration with (xml::Text has trimmed it).
TEST(AwsTimestampTest, ParsesAwsForms) {
  using std::chrono::system_clock;
  auto base = text::ParseIso8601("2019-11-09T13:34:41Z");
  ASSERT_TRUE(base.has_value());
  EXPECT_EQ(system_clock::to_time_t(*base), 1573306481);
  EXPECT_EQ(text::ParseIso8601("2019-11-09T13:34:41.123Z"), base);
  EXPECT_EQ(text::ParseIso8601("2019-11-09T14:34:41+01:00"), base);
  EXPECT_EQ(text::ParseIso8601("2019-11-09T12:34:41-01:00"), base);
  EXPECT_EQ(text::ParseIso8601("2019-11-09T13:34:41"), base);
  EXPECT_FALSE(text::ParseIso8601("").has_value());
  EXPECT_FALSE(text::ParseIso8601("yesterday").has_value());
  EXPECT_FALSE(text::ParseIso8601("2019-13-09T13:34:41Z").has_value());
  EXPECT_FALSE(text::ParseIso8601("2019-11-09T13:34:41Zjunk").has_value());
  // Stricter than the sscanf parser it replaced: no surrounding whitespace (the caller trims),
  // no impossible day (Feb 30 used to roll over into March).
  EXPECT_FALSE(text::ParseIso8601(" 2019-11-09T14:34:41+01:00\n").has_value());
  EXPECT_FALSE(text::ParseIso8601("2019-02-30T00:00:00Z").has_value());
}

}  // namespace
}  // namespace aic::credentials_internal
