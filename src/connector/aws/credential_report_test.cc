// The credential report parser and the usage JSON (credential_report.h): a report in AWS's
// documented format, header variations, AWS's placeholder values, and malformed input.
#include "connector/aws/credential_report.h"

#include <gtest/gtest.h>

#include <string>

namespace aic::aws_internal {
namespace {

using json = nlohmann::json;

// The header of AWS's report, in AWS's column order (IAM User Guide, "Getting credential
// reports for your AWS account", "Understanding the report format").
constexpr char kHeader[] =
    "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
    "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
    "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
    "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
    "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
    "cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

// A report as AWS writes it: the root (password columns not_supported, no_information for a
// password never used), a console user with MFA and two keys (one used, one rotated but
// unused), a user without password whose only key was deactivated, a user with nothing.
const std::string kSampleReport =
    std::string(kHeader) + "\n" +
    "<root_account>,arn:aws:iam::123456789012:root,2014-10-10T15:40:53+00:00,not_supported,"
    "2026-01-02T08:09:10+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,"
    "N/A,N/A,N/A,N/A,false,N/A,false,N/A\n"
    "Alice,arn:aws:iam::123456789012:user/staff/Alice,2015-03-24T19:07:02+00:00,true,"
    "2026-01-03T04:05:06+00:00,2025-12-01T00:00:00+00:00,2026-03-01T00:00:00+00:00,true,true,"
    "2025-06-01T10:00:00+00:00,2026-01-04T11:12:13+00:00,us-west-2,s3,true,"
    "2025-09-01T10:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A\n"
    "bob,arn:aws:iam::123456789012:user/bob,2016-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,"
    "false,2024-01-01T00:00:00+00:00,2024-02-02T02:02:02+00:00,eu-west-1,iam,false,N/A,N/A,N/A,"
    "N/A,true,2023-05-05T05:05:05+00:00,false,N/A\n"
    "carol,arn:aws:iam::123456789012:user/carol,2017-07-07T07:07:07+00:00,true,no_information,"
    "2017-07-07T07:07:07+00:00,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,"
    "false,N/A\n";

ParsedCredentialReport Parse(const std::string& csv) {
  auto parsed = ParseCredentialReport(csv, "2026-01-05T00:00:00Z");
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  return parsed.ok() ? std::move(parsed).value() : ParsedCredentialReport{};
}

TEST(CredentialReportTest, ParsesAwsSampleReport) {
  ParsedCredentialReport r = Parse(kSampleReport);
  EXPECT_EQ(r.generated_time, "2026-01-05T00:00:00Z");
  ASSERT_TRUE(r.root.has_value());
  EXPECT_EQ(r.root->user, "<root_account>");
  EXPECT_EQ(r.root->arn, "arn:aws:iam::123456789012:root");
  EXPECT_FALSE(r.root->password_enabled.has_value());  // not_supported
  EXPECT_EQ(r.root->password_last_used, "2026-01-02T08:09:10Z");
  EXPECT_TRUE(r.root->mfa_active);
  EXPECT_TRUE(r.root->access_keys.empty());
  EXPECT_EQ(r.users.size(), 3u);

  const CredentialReportRow* alice = r.Find("ALICE");  // names compare without case
  ASSERT_NE(alice, nullptr);
  EXPECT_EQ(alice->user, "Alice");
  EXPECT_EQ(alice->arn, "arn:aws:iam::123456789012:user/staff/Alice");
  EXPECT_EQ(alice->user_creation_time, "2015-03-24T19:07:02Z");
  EXPECT_EQ(alice->password_enabled, std::optional<bool>(true));
  EXPECT_EQ(alice->password_last_used, "2026-01-03T04:05:06Z");
  EXPECT_EQ(alice->password_last_changed, "2025-12-01T00:00:00Z");
  EXPECT_EQ(alice->password_next_rotation, "2026-03-01T00:00:00Z");
  EXPECT_TRUE(alice->mfa_active);
  ASSERT_EQ(alice->access_keys.size(), 2u);
  EXPECT_EQ(alice->access_keys[0].slot, 1);
  EXPECT_TRUE(alice->access_keys[0].active);
  EXPECT_EQ(alice->access_keys[0].last_rotated, "2025-06-01T10:00:00Z");
  EXPECT_EQ(alice->access_keys[0].last_used_date, "2026-01-04T11:12:13Z");
  EXPECT_EQ(alice->access_keys[0].last_used_region, "us-west-2");
  EXPECT_EQ(alice->access_keys[0].last_used_service, "s3");
  EXPECT_EQ(alice->access_keys[1].slot, 2);
  EXPECT_EQ(alice->access_keys[1].last_used_date, "");
  EXPECT_EQ(alice->LastActivity(), "2026-01-04T11:12:13Z");  // the key, after the password

  const CredentialReportRow* bob = r.Find("bob");
  ASSERT_NE(bob, nullptr);
  EXPECT_EQ(bob->password_enabled, std::optional<bool>(false));
  EXPECT_EQ(bob->password_last_used, "");
  ASSERT_EQ(bob->access_keys.size(), 1u);  // the inactive key still has its last_rotated
  EXPECT_FALSE(bob->access_keys[0].active);
  EXPECT_EQ(bob->LastActivity(), "2024-02-02T02:02:02Z");
  ASSERT_EQ(bob->certificates.size(), 1u);
  EXPECT_EQ(bob->certificates[0].last_rotated, "2023-05-05T05:05:05Z");

  const CredentialReportRow* carol = r.Find("carol");
  ASSERT_NE(carol, nullptr);
  EXPECT_EQ(carol->password_last_used, "");  // no_information
  EXPECT_EQ(carol->password_next_rotation, "");
  EXPECT_TRUE(carol->access_keys.empty());
  EXPECT_EQ(carol->LastActivity(), "");
  EXPECT_EQ(r.Find("dave"), nullptr);
}

TEST(CredentialReportTest, UsageJsonInTheAgreedFieldNames) {
  ParsedCredentialReport r = Parse(kSampleReport);
  json alice = CredentialUsageJson(r.Find("alice"));
  json expected = {{"passwordEnabled", true},
                   {"mfaActive", true},
                   {"passwordLastChanged", "2025-12-01T00:00:00Z"},
                   {"passwordNextRotation", "2026-03-01T00:00:00Z"},
                   {"lastActivity", "2026-01-04T11:12:13Z"},
                   {"PasswordLastUsed", "2026-01-03T04:05:06Z"},
                   {"accessKeyUsage",
                    {{{"slot", 1},
                      {"active", true},
                      {"LastRotated", "2025-06-01T10:00:00Z"},
                      {"LastUsedDate", "2026-01-04T11:12:13Z"},
                      {"LastUsedRegion", "us-west-2"},
                      {"LastUsedService", "s3"}},
                     {{"slot", 2},
                      {"active", true},
                      {"LastRotated", "2025-09-01T10:00:00Z"},
                      {"LastUsedDate", nullptr},
                      {"LastUsedRegion", nullptr},
                      {"LastUsedService", nullptr}}}}};
  EXPECT_EQ(alice, expected) << alice.dump(2);

  json carol = CredentialUsageJson(r.Find("carol"));
  EXPECT_EQ(carol, (json{{"passwordEnabled", true},
                         {"mfaActive", false},
                         {"passwordLastChanged", "2017-07-07T07:07:07Z"},
                         {"passwordNextRotation", nullptr},
                         {"lastActivity", nullptr},
                         {"PasswordLastUsed", nullptr},
                         {"accessKeyUsage", json::array()}}));

  json missing = CredentialUsageJson(nullptr);  // a user made after the report
  EXPECT_EQ(missing.size(), 7u);
  for (const auto& [k, v] : missing.items()) EXPECT_TRUE(v.is_null()) << k;

  EXPECT_EQ(RootUsageJson(*r.root), (json{{"passwordEnabled", nullptr},
                                          {"passwordLastUsed", "2026-01-02T08:09:10Z"},
                                          {"mfaActive", true},
                                          {"accessKeyUsage", json::array()}}));
}

TEST(CredentialReportTest, ColumnsFoundByNameExtraAndMissingTolerated) {
  // Columns reordered, an unknown one added, most missing, CRLF line ends, upper-case booleans
  // (as AWS's guide writes them), a quoted user name with a comma, a blank line.
  const std::string csv =
      "mfa_active,user,new_column,password_last_used\r\n"
      "TRUE,\"a,b\",x,2026-01-02T03:04:05+00:00\r\n"
      "\r\n"
      "FALSE,c,\"quoted \"\"y\"\"\",N/A\r\n";
  ParsedCredentialReport r = Parse(csv);
  ASSERT_EQ(r.users.size(), 2u);
  const CredentialReportRow* ab = r.Find("a,b");
  ASSERT_NE(ab, nullptr);
  EXPECT_TRUE(ab->mfa_active);
  EXPECT_FALSE(ab->password_enabled.has_value());  // no column
  EXPECT_EQ(ab->password_last_used, "2026-01-02T03:04:05Z");
  EXPECT_EQ(ab->LastActivity(), "2026-01-02T03:04:05Z");
  EXPECT_TRUE(ab->access_keys.empty());
  EXPECT_FALSE(r.Find("c")->mfa_active);
  EXPECT_FALSE(r.root.has_value());
}

TEST(CredentialReportTest, DatesNormalisedToUtc) {
  const std::string csv =
      "user,password_last_used,access_key_1_active,access_key_1_last_rotated\n"
      "u,2026-01-02T03:04:05.123+02:00,true,2026-01-01T00:00:00Z\n";
  ParsedCredentialReport r = Parse(csv);
  EXPECT_EQ(r.Find("u")->password_last_used, "2026-01-02T01:04:05Z");
  EXPECT_EQ(r.Find("u")->access_keys.at(0).last_rotated, "2026-01-01T00:00:00Z");
  auto parsed = ParseCredentialReport(csv, "2026-01-05T01:02:03+00:00");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->generated_time, "2026-01-05T01:02:03Z");
}

TEST(CredentialReportTest, HeaderOnlyAndByteOrderMark) {
  ParsedCredentialReport r = Parse("\xEF\xBB\xBF" + std::string(kHeader) + "\n");
  EXPECT_TRUE(r.users.empty());
  EXPECT_FALSE(r.root.has_value());
}

void ExpectError(const std::string& csv, const std::string& message) {
  auto parsed = ParseCredentialReport(csv, "");
  ASSERT_FALSE(parsed.ok()) << csv;
  EXPECT_EQ(parsed.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(parsed.status().message(), message);
}

TEST(CredentialReportTest, MalformedInputIsAClearError) {
  ExpectError("", "credential report is empty");
  ExpectError("\n\n", "credential report is empty");
  ExpectError("name,arn\nx,y\n", "credential report line 1: no \"user\" column in the header");
  ExpectError("user,arn\nx,y\nz\n", "credential report line 3: 1 fields, the header has 2");
  ExpectError("user,arn\nx,y,z\n", "credential report line 2: 3 fields, the header has 2");
  ExpectError("user,arn\n\"x,y\n", "credential report line 2: unterminated quoted field");
  ExpectError("user,arn\n\"x\"z,y\n", "credential report line 2: text after a closing quote");
  ExpectError("user,arn\nx\"z,y\n", "credential report line 2: a quote inside a field");
  ExpectError("user,mfa_active\nx,yes\n",
              "credential report line 2: mfa_active: not a boolean: \"yes\"");
  ExpectError("user,password_last_used\nx,2026-13-01T00:00:00+00:00\n",
              "credential report line 2: password_last_used: not a date: "
              "\"2026-13-01T00:00:00+00:00\"");
  ExpectError("user,arn\n,y\n", "credential report line 2: user: empty");
  // A long bad value is cut in the message.
  ExpectError(
      "user,mfa_active\nx," + std::string(100, 'q') + "\n",
      "credential report line 2: mfa_active: not a boolean: \"" + std::string(40, 'q') + "...\"");
  // Binary garbage: an error, no crash.
  std::string garbage;
  for (int i = 0; i < 256; ++i) garbage += static_cast<char>(i);
  EXPECT_FALSE(ParseCredentialReport(garbage, "").ok());
}

TEST(CredentialReportTest, QuotedFieldsMaySpanLines) {
  ParsedCredentialReport r = Parse("user,arn\n\"multi\nline\",a\nnext,b\n");
  EXPECT_NE(r.Find("multi\nline"), nullptr);
  EXPECT_EQ(r.users.size(), 2u);
  auto bad = ParseCredentialReport("user,arn\n\"multi\nline\",a\nnext\n", "");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "credential report line 4: 1 fields, the header has 2");
}

TEST(CredentialReportTest, TooManyRowsRefused) {
  std::string csv = "user\n";
  for (std::size_t i = 0; i <= kMaxCredentialReportRows; ++i) csv += "u" + std::to_string(i) + "\n";
  auto parsed = ParseCredentialReport(csv, "");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.status().message().find("more than 100001 rows"), std::string::npos)
      << parsed.status().message();
}

}  // namespace
}  // namespace aic::aws_internal
