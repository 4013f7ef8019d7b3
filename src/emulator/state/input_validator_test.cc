#include "emulator/state/input_validator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "emulator/state/input_constraints.h"

namespace aic::emulator::state {
namespace {

using Params = std::map<std::string, std::string>;

int PatternIndex(std::string_view pattern) {
  auto p = constraints::Patterns();
  auto it = std::find(p.begin(), p.end(), pattern);
  return it == p.end() ? -1 : static_cast<int>(it - p.begin());
}

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST(InputConstraintsTest, CoversBothModelsSorted) {
  auto ops = constraints::Operations();
  EXPECT_EQ(ops.size(), 166u);  // 158 IAM + 8 STS operations in service-2.json
  EXPECT_TRUE(std::is_sorted(ops.begin(), ops.end(), [](const auto& a, const auto& b) {
    return std::pair(a.service, a.action) < std::pair(b.service, b.action);
  }));
  EXPECT_EQ(constraints::Patterns().size(), 24u);
}

TEST(InputValidatorTest, EveryModelPatternHasAMatcher) { EXPECT_TRUE(AllPatternsKnown()); }

TEST(InputValidatorTest, MissingRequiredMemberIsNull) {
  EXPECT_EQ(ValidateInput("iam", "CreateUser", {}),
            "1 validation error detected: Value null at 'userName' failed to satisfy constraint: "
            "Member must not be null");
}

TEST(InputValidatorTest, UnknownActionIsNotValidated) {
  EXPECT_EQ(ValidateInput("iam", "NoSuchAction", {}), std::nullopt);
  EXPECT_EQ(ValidateInput("sts", "CreateUser", {}), std::nullopt);  // an IAM action
  EXPECT_EQ(ValidateInput("sts", "GetCallerIdentity", {}), std::nullopt);
}

// LocalStack test_iam_account_password_policy.snapshot.json
// (test_update_account_password_policy_validation_errors), recorded against AWS.
TEST(InputValidatorTest, PasswordPolicyRangesInAwsOrder) {
  Params p{{"MaxPasswordAge", "1096"},
           {"MinimumPasswordLength", "129"},
           {"PasswordReusePrevention", "25"}};
  EXPECT_EQ(ValidateInput("iam", "UpdateAccountPasswordPolicy", p),
            "3 validation errors detected: Value at 'minimumPasswordLength' failed to satisfy "
            "constraint: Member must have value less than or equal to 128; Value at "
            "'passwordReusePrevention' failed to satisfy constraint: Member must have value less "
            "than or equal to 24; Value at 'maxPasswordAge' failed to satisfy constraint: Member "
            "must have value less than or equal to 1095");
}

// LocalStack test_iam_oidc.snapshot.json
// (test_create_open_id_connect_provider_validation_errors).
TEST(InputValidatorTest, ListElementsNameEveryConstraintOfTheElement) {
  Params p{{"Url", Repeat("b", 256)},
           {"ThumbprintList.member.1", Repeat("b", 41)},
           {"ClientIDList.member.1", Repeat("b", 256)}};
  EXPECT_EQ(ValidateInput("iam", "CreateOpenIDConnectProvider", p),
            "3 validation errors detected: Value at 'clientIDList' failed to satisfy constraint: "
            "Member must satisfy constraint: [Member must have length less than or equal to 255, "
            "Member must have length greater than or equal to 1]; Value at 'thumbprintList' "
            "failed to satisfy constraint: Member must satisfy constraint: [Member must have "
            "length less than or equal to 40, Member must have length greater than or equal to "
            "40]; Value at 'url' failed to satisfy constraint: Member must have length less than "
            "or equal to 255");
}

// LocalStack test_iam_policies.snapshot.json / test_iam_roles.snapshot.json (tag validation).
TEST(InputValidatorTest, TagKeysAndValues) {
  EXPECT_EQ(
      ValidateInput(
          "iam", "TagUser",
          {{"UserName", "u"}, {"Tags.member.1.Key", "bad!key"}, {"Tags.member.1.Value", "v"}}),
      "1 validation error detected: Value at 'tags.1.member.key' failed to satisfy "
      "constraint: Member must satisfy regular expression pattern: "
      "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
  EXPECT_EQ(ValidateInput("iam", "TagUser",
                          {{"UserName", "u"},
                           {"Tags.member.1.Key", "k"},
                           {"Tags.member.1.Value", Repeat("v", 257)}}),
            "1 validation error detected: Value at 'tags.1.member.value' failed to satisfy "
            "constraint: Member must have length less than or equal to 256");
  EXPECT_EQ(ValidateInput("iam", "UntagUser",
                          {{"UserName", "u"}, {"TagKeys.member.1", Repeat("k", 129)}}),
            "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member "
            "must satisfy constraint: [Member must have length less than or equal to 128, Member "
            "must have length greater than or equal to 1, Member must satisfy regular expression "
            "pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+, Member must not be null]");
  Params many{{"UserName", "u"}};
  for (int i = 1; i <= 51; ++i) {
    many["Tags.member." + std::to_string(i) + ".Key"] = "k" + std::to_string(i);
    many["Tags.member." + std::to_string(i) + ".Value"] = "v";
  }
  EXPECT_EQ(ValidateInput("iam", "TagUser", many),
            "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member "
            "must have length less than or equal to 50");
  EXPECT_EQ(ValidateInput("iam", "TagUser", {{"UserName", "u"}, {"Tags.member.1.Key", "k"}}),
            "1 validation error detected: Value null at 'tags.1.member.value' failed to satisfy "
            "constraint: Member must not be null");
  // Unicode letters, spaces and numbers are allowed in keys.
  EXPECT_EQ(ValidateInput("iam", "TagUser",
                          {{"UserName", "u"},
                           {"Tags.member.1.Key", "Kostenstelle Übersicht 東京 1:/=+-@_."},
                           {"Tags.member.1.Value", ""}}),
            std::nullopt);
}

TEST(InputValidatorTest, SeveralViolationsOfSeveralMembers) {
  Params p{{"UserName", Repeat("x", 65)}, {"Path", Repeat("/a", 300) + "/"}};
  auto v = InputViolations("iam", "CreateUser", p);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(ValidateInput("iam", "CreateUser", p),
            "2 validation errors detected: Value at 'path' failed to satisfy constraint: Member "
            "must have length less than or equal to 512; Value at 'userName' failed to satisfy "
            "constraint: Member must have length less than or equal to 64");
  // Pattern and length of one member: both, pattern first.
  auto both = InputViolations("iam", "CreateUser", {{"UserName", Repeat("!", 65)}});
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0].constraint, "Member must satisfy regular expression pattern: [\\w+=,.@-]+");
  EXPECT_EQ(both[1].constraint, "Member must have length less than or equal to 64");
}

TEST(InputValidatorTest, PathPatternIsLeftToTheOperation) {
  EXPECT_EQ(ValidateInput("iam", "CreateVirtualMFADevice",
                          {{"VirtualMFADeviceName", "m"}, {"Path", "invalid-path/"}}),
            std::nullopt);
  // LocalStack test_iam_mfa.snapshot.json (test_virtual_mfa_device_errors).
  EXPECT_EQ(ValidateInput("iam", "CreateVirtualMFADevice",
                          {{"VirtualMFADeviceName", "m"}, {"Path", "/" + Repeat("a", 512) + "/"}}),
            "1 validation error detected: Value at 'path' failed to satisfy constraint: Member "
            "must have length less than or equal to 512");
}

TEST(InputValidatorTest, EnumsAndPatternsFromTheSnapshots) {
  // LocalStack test_iam.snapshot.json (service-specific credentials).
  EXPECT_EQ(
      ValidateInput("iam", "UpdateServiceSpecificCredential",
                    {{"ServiceSpecificCredentialId", "totally-wrong-credential-id-with-hyphens"},
                     {"Status", "Active"}}),
      "1 validation error detected: Value at 'serviceSpecificCredentialId' failed to satisfy "
      "constraint: Member must satisfy regular expression pattern: [\\w]+");
  EXPECT_EQ(ValidateInput(
                "iam", "UpdateServiceSpecificCredential",
                {{"ServiceSpecificCredentialId", "ACCAEXAMPLEEXAMPLE123"}, {"Status", "Enabled"}}),
            "1 validation error detected: Value at 'status' failed to satisfy constraint: Member "
            "must satisfy enum value set");
  // LocalStack test_iam_managed_policies.snapshot.json.
  EXPECT_EQ(
      ValidateInput("iam", "GetPolicyVersion",
                    {{"PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess"}, {"VersionId", "x1"}}),
      "1 validation error detected: Value at 'versionId' failed to satisfy constraint: "
      "Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?");
}

TEST(InputValidatorTest, LengthCountsCharactersNotBytes) {
  std::string e64 = Repeat("\xC3\xA9", 64);  // 64 x U+00E9: 128 bytes
  EXPECT_EQ(CharacterCount(e64), 64u);
  EXPECT_EQ(ValidateInput("iam", "TagUser",
                          {{"UserName", "u"},
                           {"Tags.member.1.Key", e64 + e64},
                           {"Tags.member.1.Value", Repeat("\xE6\x9D\xB1", 256)}}),
            std::nullopt);
}

TEST(InputValidatorTest, StsMembers) {
  EXPECT_EQ(ValidateInput("sts", "AssumeRole", {{"RoleArn", "arn:aws:iam::123456789012:role/r"}}),
            "1 validation error detected: Value null at 'roleSessionName' failed to satisfy "
            "constraint: Member must not be null");
  auto v = InputViolations(
      "sts", "AssumeRole",
      {{"RoleArn", "short"}, {"RoleSessionName", "bad name"}, {"DurationSeconds", "899"}});
  ASSERT_EQ(v.size(), 3u);
  for (const auto& x : v) EXPECT_FALSE(x.null);
}

TEST(InputValidatorTest, Patterns) {
  int name = PatternIndex("[\\w+=,.@-]+");
  EXPECT_TRUE(MatchesPattern(name, "alice+ops@example.com"));
  EXPECT_FALSE(MatchesPattern(name, ""));
  EXPECT_FALSE(MatchesPattern(name, "a/b"));
  EXPECT_FALSE(MatchesPattern(name, "\xC3\xA9"));  // \w is ASCII
  int alias = PatternIndex("^[a-z0-9](([a-z0-9]|-(?!-))*[a-z0-9])?$");
  EXPECT_TRUE(MatchesPattern(alias, "my-alias-1"));
  EXPECT_FALSE(MatchesPattern(alias, "my--alias"));
  EXPECT_FALSE(MatchesPattern(alias, "-alias"));
  int version = PatternIndex("v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?");
  EXPECT_TRUE(MatchesPattern(version, "v12"));
  EXPECT_FALSE(MatchesPattern(version, "v0"));
  int prefix = PatternIndex("\\u002F[\\u0021-\\u007F]*");
  EXPECT_TRUE(MatchesPattern(prefix, "/a/b"));
  EXPECT_FALSE(MatchesPattern(prefix, "a/"));
  EXPECT_FALSE(MatchesPattern(prefix, "/\xC3\xA9"));
  int doc = PatternIndex("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
  EXPECT_TRUE(MatchesPattern(doc, "{\"a\":\n\t\"\xC3\xA9\"}"));
  EXPECT_FALSE(MatchesPattern(doc, "\xE6\x9D\xB1"));  // beyond Latin-1
  EXPECT_FALSE(MatchesPattern(doc, "a\x01"));
  int any = PatternIndex("[\\p{L}\\p{M}\\p{Z}\\p{S}\\p{N}\\p{P}]*");
  EXPECT_TRUE(MatchesPattern(any, "A role, for ops (2024) \xE2\x82\xAC!"));
  EXPECT_FALSE(MatchesPattern(any, "tab\there"));
  int sts_any = PatternIndex(
      "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-"
      "\\u10FFFF]+");
  EXPECT_TRUE(MatchesPattern(sts_any, "\xF0\x9F\x98\x80 ok"));
  EXPECT_FALSE(MatchesPattern(sts_any, "\x7F"));
  EXPECT_FALSE(MatchesPattern(sts_any, "\xFF"));  // not UTF-8
}

}  // namespace
}  // namespace aic::emulator::state
