// Every check of the review on small hand-written snapshots (PASS, FAIL and UNKNOWN), the
// reader's errors, dates, and the HTML report's escaping.
#include "review/review.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace aic::review {
namespace {

using nlohmann::json;

const char* kNow = "2026-06-01T00:00:00Z";

// A clean account: every CIS check passes.
json Summary() {
  return {{"objectClass", "__ACCOUNT_SUMMARY__"},
          {"object",
           {{"accountId", "123456789012"},
            {"summary", {{"AccountMFAEnabled", 1}, {"AccountAccessKeysPresent", 0}}},
            {"passwordPolicy", {{"MinimumPasswordLength", 14}, {"PasswordReusePrevention", 24}}},
            {"root",
             {{"passwordEnabled", true}, {"mfaActive", true}, {"accessKeyUsage", json::array()}}},
            {"credentialReportGeneratedTime", kNow}}}};
}

json Key(int slot, bool active, const char* rotated, const char* used) {
  return {{"slot", slot},
          {"active", active},
          {"LastRotated", rotated ? json(rotated) : json(nullptr)},
          {"LastUsedDate", used ? json(used) : json(nullptr)}};
}

json User(const std::string& name) {
  return {{"objectClass", "__ACCOUNT__"},
          {"object",
           {{"_id", name},
            {"__NAME__", name},
            {"Arn", "arn:aws:iam::123456789012:user/" + name},
            {"CreatedDate", "2026-05-01T00:00:00Z"},
            {"groups", json::array()},
            {"policies", json::array()},
            {"inlinePolicies", json::array()},
            {"passwordEnabled", false},
            {"mfaActive", false},
            {"accessKeyUsage", json::array()}}}};
}

json Role(const std::string& name, json trusted) {
  return {{"objectClass", "__ROLE__"},
          {"object",
           {{"_id", name},
            {"__NAME__", name},
            {"Arn", "arn:aws:iam::123456789012:role/" + name},
            {"Path", "/"},
            {"CreatedDate", "2026-05-20T00:00:00Z"},
            {"RoleLastUsed", {{"LastUsedDate", nullptr}, {"Region", nullptr}}},
            {"policies", json::array()},
            {"serviceLinked", false},
            {"trustedPrincipals", std::move(trusted)}}}};
}

json Trust(const char* type, const char* principal, bool external, bool wildcard,
           json conditions = json::array()) {
  return {{"type", type},
          {"principal", principal},
          {"external", external},
          {"wildcard", wildcard},
          {"conditions", std::move(conditions)}};
}

json Policy(const std::string& name, json document, int attachments) {
  return {{"objectClass", "__POLICY__"},
          {"object",
           {{"_id", "arn:aws:iam::123456789012:policy/" + name},
            {"__NAME__", name},
            {"Arn", "arn:aws:iam::123456789012:policy/" + name},
            {"Scope", "Local"},
            {"AttachmentCount", attachments},
            {"document", std::move(document)}}}};
}

json SupportGroup() {
  return {{"objectClass", "__GROUP__"},
          {"object",
           {{"_id", "support"},
            {"__NAME__", "support"},
            {"Arn", "arn:aws:iam::123456789012:group/support"},
            {"policies", json::array({"arn:aws:iam::aws:policy/AWSSupportAccess"})}}}};
}

ReviewReport ReviewOf(const std::vector<json>& lines, int unused_days = kDefaultUnusedRoleDays) {
  SnapshotReader reader;
  for (const auto& l : lines) EXPECT_TRUE(reader.AddLine(l.dump()).ok()) << l.dump();
  Snapshot s = reader.Take();
  return Review(s, ReviewOptions{DefaultNow(s, 0), unused_days});
}

const CheckResult& Find(const ReviewReport& r, const std::string& id) {
  for (const auto& c : r.checks) {
    if (c.check == id) return c;
  }
  ADD_FAILURE() << "no check " << id;
  static CheckResult none;
  return none;
}

std::string StatusOf(const ReviewReport& r, const std::string& id) {
  return std::string(CheckStatusName(Find(r, id).status));
}

TEST(ReviewTest, CleanAccountPassesEveryCheckButNone) {
  auto r = ReviewOf({Summary(), SupportGroup(), User("alice")});
  for (const auto& c : r.checks) EXPECT_EQ(CheckStatusName(c.status), "PASS") << c.check;
  EXPECT_EQ(r.checks.size(), 16u);
  EXPECT_EQ(r.pass, 16);
  EXPECT_EQ(FormatIsoTime(r.generated_at), kNow);
}

TEST(ReviewTest, OldImportWithoutSummaryIsUnknownWhereItMatters) {
  auto r = ReviewOf({SupportGroup(), User("alice")});
  for (const char* id :
       {"root-access-keys", "root-mfa", "password-policy-length", "password-policy-reuse",
        "console-users-mfa", "unused-credentials", "one-active-key", "access-key-rotation",
        "expired-server-certificates", "unused-roles", "external-trust", "wildcard-trust"}) {
    EXPECT_EQ(StatusOf(r, id), "UNKNOWN") << id;
    EXPECT_NE(Find(r, id).reason.find("__ACCOUNT_SUMMARY__"), std::string::npos) << id;
  }
  EXPECT_EQ(StatusOf(r, "support-role"), "PASS");
  EXPECT_EQ(StatusOf(r, "user-policies-through-groups"), "PASS");
}

TEST(ReviewTest, RootChecks) {
  json s = Summary();
  s["object"]["root"]["accessKeyUsage"] =
      json::array({Key(1, true, "2026-01-01T00:00:00Z", nullptr)});
  s["object"]["root"]["mfaActive"] = false;
  auto r = ReviewOf({s, SupportGroup()});
  EXPECT_EQ(StatusOf(r, "root-access-keys"), "FAIL");
  EXPECT_EQ(Find(r, "root-access-keys").resources.at(0).arn, "arn:aws:iam::123456789012:root");
  EXPECT_EQ(StatusOf(r, "root-mfa"), "FAIL");
  // Without the root line, the account summary decides.
  s["object"]["root"] = nullptr;
  s["object"]["summary"] = {{"AccountMFAEnabled", 0}, {"AccountAccessKeysPresent", 1}};
  r = ReviewOf({s});
  EXPECT_EQ(StatusOf(r, "root-access-keys"), "FAIL");
  EXPECT_EQ(StatusOf(r, "root-mfa"), "FAIL");
  s["object"]["summary"] = json::object();
  r = ReviewOf({s});
  EXPECT_EQ(StatusOf(r, "root-access-keys"), "UNKNOWN");
  EXPECT_EQ(StatusOf(r, "root-mfa"), "UNKNOWN");
}

TEST(ReviewTest, PasswordPolicy) {
  json s = Summary();
  s["object"]["passwordPolicy"] = {{"MinimumPasswordLength", 8}};
  auto r = ReviewOf({s});
  EXPECT_EQ(StatusOf(r, "password-policy-length"), "FAIL");
  EXPECT_EQ(Find(r, "password-policy-length").resources.at(0).evidence,
            "MinimumPasswordLength is 8 (needs 14)");
  EXPECT_EQ(StatusOf(r, "password-policy-reuse"), "FAIL");
  s["object"]["passwordPolicy"] = nullptr;
  r = ReviewOf({s});
  EXPECT_EQ(Find(r, "password-policy-length").resources.at(0).evidence,
            "the account has no password policy");
  EXPECT_EQ(StatusOf(r, "password-policy-reuse"), "FAIL");
  s["object"].erase("passwordPolicy");
  r = ReviewOf({s});
  EXPECT_EQ(StatusOf(r, "password-policy-length"), "UNKNOWN");
  EXPECT_EQ(StatusOf(r, "password-policy-reuse"), "UNKNOWN");
}

TEST(ReviewTest, CallsRefusedToTheImportAreUnknownNotFail) {
  // The Omada seed policy allows GetAccountAuthorizationDetails only: the import records the
  // other refusals under "unavailable" and leaves passwordPolicy null.
  json s = Summary();
  s["object"]["passwordPolicy"] = nullptr;
  s["object"]["unavailable"] = {
      {"GetAccountPasswordPolicy", "AWS refused iam:GetAccountPasswordPolicy: denied"},
      {"ListServerCertificates", "AWS refused iam:ListServerCertificates: denied"}};
  auto r = ReviewOf({s, SupportGroup()});
  for (const char* id :
       {"password-policy-length", "password-policy-reuse", "expired-server-certificates"}) {
    SCOPED_TRACE(id);
    EXPECT_EQ(StatusOf(r, id), "UNKNOWN");
    EXPECT_NE(Find(r, id).reason.find("refused"), std::string::npos) << Find(r, id).reason;
  }
}

TEST(ReviewTest, ConsoleUsersNeedMfa) {
  json bob = User("bob");
  bob["object"]["passwordEnabled"] = true;
  bob["object"]["PasswordLastUsed"] = "2026-05-30T00:00:00Z";
  json carol = bob;
  carol["object"]["__NAME__"] = "carol";
  carol["object"]["mfaActive"] = true;
  auto r = ReviewOf({Summary(), bob, carol});
  EXPECT_EQ(StatusOf(r, "console-users-mfa"), "FAIL");
  ASSERT_EQ(Find(r, "console-users-mfa").resources.size(), 1u);
  EXPECT_EQ(Find(r, "console-users-mfa").resources[0].evidence,
            "user bob has a console password and no MFA device");
  r = ReviewOf({Summary(), carol});
  EXPECT_EQ(StatusOf(r, "console-users-mfa"), "PASS");
  json refused = Summary();
  refused["object"]["usageError"] = "AccessDenied: not allowed";
  r = ReviewOf({refused, bob});
  EXPECT_EQ(StatusOf(r, "console-users-mfa"), "UNKNOWN");
  EXPECT_EQ(Find(r, "console-users-mfa").reason,
            "the import could not read the credential report: AccessDenied: not allowed");
  json no_usage = User("dave");
  no_usage["object"].erase("passwordEnabled");
  r = ReviewOf({Summary(), no_usage});
  EXPECT_EQ(StatusOf(r, "console-users-mfa"), "UNKNOWN");
}

TEST(ReviewTest, UnusedCredentials) {
  json stale_password = User("p");
  stale_password["object"]["passwordEnabled"] = true;
  stale_password["object"]["mfaActive"] = true;
  stale_password["object"]["PasswordLastUsed"] = "2026-04-17T00:00:00Z";  // 45 days
  json fresh_password = stale_password;
  fresh_password["object"]["__NAME__"] = "q";
  fresh_password["object"]["PasswordLastUsed"] = "2026-04-18T00:00:00Z";  // 44 days
  json never_used_key = User("k");
  never_used_key["object"]["CreatedDate"] = "2026-01-01T00:00:00Z";
  never_used_key["object"]["accessKeyUsage"] = {Key(1, true, "2026-03-01T00:00:00Z", nullptr),
                                                Key(2, false, "2026-01-01T00:00:00Z", nullptr)};
  auto r = ReviewOf({Summary(), SupportGroup(), stale_password, fresh_password, never_used_key});
  const auto& c = Find(r, "unused-credentials");
  EXPECT_EQ(CheckStatusName(c.status), "FAIL");
  ASSERT_EQ(c.resources.size(), 2u);
  EXPECT_EQ(c.resources[0].evidence, "user p: password last used 45 days ago");
  EXPECT_EQ(c.resources[1].evidence, "user k: access key 1 never used, created 92 days ago");
  r = ReviewOf({Summary(), fresh_password});
  EXPECT_EQ(StatusOf(r, "unused-credentials"), "PASS");
  json s = Summary();
  s["object"]["usageError"] = "throttled";
  EXPECT_EQ(StatusOf(ReviewOf({s, fresh_password}), "unused-credentials"), "UNKNOWN");
}

TEST(ReviewTest, ActiveKeysCountAndAge) {
  json two = User("two");
  two["object"]["accessKeyUsage"] = {Key(1, true, "2026-05-01T00:00:00Z", kNow),
                                     Key(2, true, "2026-02-01T00:00:00Z", kNow)};
  json one = User("one");
  one["object"]["accessKeyUsage"] = {Key(1, true, "2026-03-03T00:00:00Z", kNow),  // 90 days
                                     Key(2, false, "2025-01-01T00:00:00Z", nullptr)};
  auto r = ReviewOf({Summary(), two, one});
  EXPECT_EQ(StatusOf(r, "one-active-key"), "FAIL");
  ASSERT_EQ(Find(r, "one-active-key").resources.size(), 1u);
  EXPECT_EQ(Find(r, "one-active-key").resources[0].evidence, "user two has 2 active access keys");
  EXPECT_EQ(StatusOf(r, "access-key-rotation"), "FAIL");
  ASSERT_EQ(Find(r, "access-key-rotation").resources.size(), 1u);
  EXPECT_EQ(Find(r, "access-key-rotation").resources[0].evidence,
            "user two: active access key 2 created 120 days ago");
  r = ReviewOf({Summary(), one});
  EXPECT_EQ(StatusOf(r, "one-active-key"), "PASS");
  EXPECT_EQ(StatusOf(r, "access-key-rotation"), "PASS");
  json s = Summary();
  s["object"]["usageError"] = "x";
  r = ReviewOf({s, one});
  EXPECT_EQ(StatusOf(r, "one-active-key"), "UNKNOWN");
  EXPECT_EQ(StatusOf(r, "access-key-rotation"), "UNKNOWN");
}

TEST(ReviewTest, UserPoliciesThroughGroups) {
  json direct = User("direct");
  direct["object"]["inlinePolicies"] = json::array({"mine"});
  auto r = ReviewOf({Summary(), direct});
  EXPECT_EQ(StatusOf(r, "user-policies-through-groups"), "FAIL");
  EXPECT_EQ(Find(r, "user-policies-through-groups").resources[0].evidence,
            "user direct has 0 attached and 1 inline policies of its own");
  EXPECT_EQ(StatusOf(ReviewOf({Summary(), User("g")}), "user-policies-through-groups"), "PASS");
}

TEST(ReviewTest, FullAdminPolicies) {
  json admin = {
      {"Version", "2012-10-17"},
      {"Statement",
       json::array({{{"Effect", "Allow"}, {"Action", "*"}, {"Resource", json::array({"*"})}}})}};
  json narrow = {{"Statement", {{"Effect", "Allow"}, {"Action", "s3:*"}, {"Resource", "*"}}}};
  auto r = ReviewOf({Summary(), Policy("admin", admin, 1), Policy("unattached", admin, 0),
                     Policy("narrow", narrow, 3)});
  EXPECT_EQ(StatusOf(r, "full-admin-policies"), "FAIL");
  ASSERT_EQ(Find(r, "full-admin-policies").resources.size(), 1u);
  EXPECT_EQ(Find(r, "full-admin-policies").resources[0].arn,
            "arn:aws:iam::123456789012:policy/admin");
  // A document kept encoded counts the same.
  r = ReviewOf({Summary(), Policy("admin", admin.dump(), 2)});
  EXPECT_EQ(StatusOf(r, "full-admin-policies"), "FAIL");
  r = ReviewOf({Summary(), Policy("narrow", narrow, 3)});
  EXPECT_EQ(StatusOf(r, "full-admin-policies"), "PASS");
  json undocumented = Policy("old", nullptr, 1);
  r = ReviewOf({Summary(), undocumented});
  EXPECT_EQ(StatusOf(r, "full-admin-policies"), "UNKNOWN");
  EXPECT_EQ(Find(r, "full-admin-policies").reason,
            "1 customer managed policies have no document in the snapshot");
}

TEST(ReviewTest, SupportRoleAndCloudShell) {
  json role = Role("support", json::array());
  role["object"]["policies"] = json::array({"arn:aws:iam::aws:policy/AWSSupportAccess"});
  json shell = User("shell");
  shell["object"]["policies"] = json::array({"arn:aws:iam::aws:policy/AWSCloudShellFullAccess"});
  auto r = ReviewOf({Summary(), role, shell});
  EXPECT_EQ(StatusOf(r, "support-role"), "PASS");
  EXPECT_EQ(Find(r, "support-role").resources[0].evidence, "role support has it attached");
  EXPECT_EQ(StatusOf(r, "cloudshell-full-access"), "FAIL");
  EXPECT_EQ(Find(r, "cloudshell-full-access").resources[0].arn,
            "arn:aws:iam::123456789012:user/shell");
  r = ReviewOf({Summary()});
  EXPECT_EQ(StatusOf(r, "support-role"), "FAIL");
  EXPECT_EQ(StatusOf(r, "cloudshell-full-access"), "PASS");
  // Neither needs the summary line: an old import still decides them.
  EXPECT_EQ(StatusOf(ReviewOf({shell}), "cloudshell-full-access"), "FAIL");
}

TEST(ReviewTest, ExpiredServerCertificates) {
  json expired = {{"objectClass", "__SERVER_CERTIFICATE__"},
                  {"object",
                   {{"_id", "old"},
                    {"__NAME__", "old"},
                    {"Arn", "arn:aws:iam::123456789012:server-certificate/old"},
                    {"Expiration", "2026-05-31T23:59:59Z"}}}};
  json valid = expired;
  valid["object"]["Expiration"] = "2027-01-01T00:00:00Z";
  auto r = ReviewOf({Summary(), expired, valid});
  EXPECT_EQ(StatusOf(r, "expired-server-certificates"), "FAIL");
  ASSERT_EQ(Find(r, "expired-server-certificates").resources.size(), 1u);
  EXPECT_EQ(Find(r, "expired-server-certificates").resources[0].evidence,
            "server certificate old expired 2026-05-31T23:59:59Z");
  EXPECT_EQ(StatusOf(ReviewOf({Summary(), valid}), "expired-server-certificates"), "PASS");
  EXPECT_EQ(StatusOf(ReviewOf({expired}), "expired-server-certificates"), "UNKNOWN");
}

TEST(ReviewTest, UnusedRoles) {
  json used = Role("used", json::array());
  used["object"]["CreatedDate"] = "2025-01-01T00:00:00Z";
  used["object"]["RoleLastUsed"]["LastUsedDate"] = "2026-05-01T00:00:00Z";
  json stale = Role("stale", json::array());
  stale["object"]["CreatedDate"] = "2025-01-01T00:00:00Z";
  stale["object"]["RoleLastUsed"]["LastUsedDate"] = "2026-03-03T00:00:00Z";  // 90 days
  json never = Role("never", json::array());
  never["object"]["CreatedDate"] = "2025-01-01T00:00:00Z";
  json young = Role("young", json::array());  // created 12 days ago, never used
  json linked = never;
  linked["object"]["__NAME__"] = "AWSServiceRoleForSupport";
  linked["object"]["serviceLinked"] = true;
  auto r = ReviewOf({Summary(), used, stale, never, young, linked});
  const auto& c = Find(r, "unused-roles");
  EXPECT_EQ(c.title, "Roles unused for 90 days or more");
  EXPECT_EQ(CheckStatusName(c.status), "FAIL");
  ASSERT_EQ(c.resources.size(), 2u);
  EXPECT_EQ(c.resources[0].evidence, "role stale last used 90 days ago");
  EXPECT_EQ(c.resources[1].evidence, "role never never used, created 516 days ago");
  // A longer threshold spares the stale role; the young one is never unused.
  r = ReviewOf({Summary(), used, stale, young}, 91);
  EXPECT_EQ(StatusOf(r, "unused-roles"), "PASS");
  EXPECT_EQ(StatusOf(ReviewOf({used}), "unused-roles"), "UNKNOWN");
}

TEST(ReviewTest, ExternalAndWildcardTrust) {
  json partner = Role("partner", json::array({Trust("AWS", "arn:aws:iam::210987654321:root", true,
                                                    false, json::array({"sts:ExternalId"}))}));
  json service =
      Role("lambda", json::array({Trust("Service", "lambda.amazonaws.com", false, false)}));
  json local =
      Role("local", json::array({Trust("AWS", "arn:aws:iam::123456789012:root", false, false)}));
  auto r = ReviewOf({Summary(), partner, service, local});
  const auto& ext = Find(r, "external-trust");
  EXPECT_EQ(CheckStatusName(ext.status), "PASS");
  ASSERT_EQ(ext.resources.size(), 1u);
  EXPECT_EQ(ext.resources[0].evidence,
            "role partner trusts arn:aws:iam::210987654321:root (AWS), restricted by conditions "
            "on sts:ExternalId");
  EXPECT_EQ(StatusOf(r, "wildcard-trust"), "PASS");
  json saml =
      Role("saml", json::array({Trust("Federated", "arn:aws:iam::123456789012:saml-provider/corp",
                                      false, false)}));
  json open = Role("open", json::array({Trust("AWS", "*", true, true)}));
  r = ReviewOf({Summary(), partner, saml, open});
  EXPECT_EQ(StatusOf(r, "external-trust"), "FAIL");
  EXPECT_EQ(Find(r, "external-trust").resources.size(), 3u);
  EXPECT_EQ(StatusOf(r, "wildcard-trust"), "FAIL");
  EXPECT_EQ(Find(r, "wildcard-trust").resources[0].evidence,
            "role open trusts wildcard * (AWS), without conditions");
  EXPECT_EQ(StatusOf(ReviewOf({partner}), "external-trust"), "UNKNOWN");
  EXPECT_EQ(StatusOf(ReviewOf({open}), "wildcard-trust"), "UNKNOWN");
}

TEST(ReviewTest, MalformedLinesNameTheirLineNumber) {
  SnapshotReader reader;
  EXPECT_TRUE(reader.AddLine(Summary().dump()).ok());
  EXPECT_TRUE(reader.AddLine("").ok());
  Status bad = reader.AddLine("{\"objectClass\": \"__ACCOUNT__\", \"object\": ");
  EXPECT_EQ(bad.code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(bad.message(), "line 3: not a JSON value");
  EXPECT_EQ(reader.AddLine("[1]").message(), "line 4: not a JSON object");
  EXPECT_EQ(reader.AddLine("{\"object\": {}}").message(), "line 5: no \"objectClass\" string");
  EXPECT_EQ(reader.AddLine("{\"objectClass\": \"__ROLE__\"}").message(),
            "line 6: a __ROLE__ line without an \"object\" object");
  EXPECT_EQ(reader.AddLine(Summary().dump()).message(),
            "line 7: a second __ACCOUNT_SUMMARY__ line");
  EXPECT_TRUE(reader.AddLine("{\"objectClass\":\"assignment\",\"type\":\"role-trust\"}").ok());
}

// The reader's two limits: a line over kMaxLineBytes is refused with its number and changes
// nothing; a list longer than kMaxEntriesPerObject keeps its first kMaxEntriesPerObject entries.
TEST(ReviewTest, ReaderRefusesOverlongLinesAndBoundsEveryList) {
  SnapshotReader reader;
  ASSERT_TRUE(reader.AddLine(Summary().dump()).ok());
  json big = User("big");
  big["object"]["note"] = std::string(kMaxLineBytes, 'x');  // the line is now over the limit
  const Status refused = reader.AddLine(big.dump());
  EXPECT_EQ(refused.code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(refused.message(), "line 2: longer than " + std::to_string(kMaxLineBytes) + " bytes");

  const std::size_t over = kMaxEntriesPerObject + 5;
  json user = User("many");
  json role = Role("many", json::array());
  for (std::size_t i = 0; i < over; ++i) {
    const std::string n = std::to_string(i);
    user["object"]["policies"].push_back("arn:aws:iam::123456789012:policy/p" + n);
    user["object"]["inlinePolicies"].push_back("inline" + n);
    user["object"]["accessKeyUsage"].push_back(Key(1, true, "2026-05-01", nullptr));
    role["object"]["policies"].push_back("arn:aws:iam::123456789012:policy/p" + n);
    role["object"]["trustedPrincipals"].push_back(
        Trust("AWS", ("arn:aws:iam::111122223333:user/u" + n).c_str(), true, false));
  }
  ASSERT_TRUE(reader.AddLine(user.dump()).ok());
  ASSERT_TRUE(reader.AddLine(role.dump()).ok());
  const Snapshot snapshot = reader.Take();
  ASSERT_EQ(snapshot.users.size(), 1u);  // the refused line added no user
  EXPECT_EQ(snapshot.users[0].policies.size(), kMaxEntriesPerObject);
  EXPECT_EQ(snapshot.users[0].policies.back(), "arn:aws:iam::123456789012:policy/p999");
  EXPECT_EQ(snapshot.users[0].inline_policies.size(), kMaxEntriesPerObject);
  EXPECT_EQ(snapshot.users[0].keys.size(), kMaxEntriesPerObject);
  ASSERT_EQ(snapshot.roles.size(), 1u);
  EXPECT_EQ(snapshot.roles[0].policies.size(), kMaxEntriesPerObject);
  EXPECT_EQ(snapshot.roles[0].trust.size(), kMaxEntriesPerObject);
}

TEST(ReviewTest, Dates) {
  EXPECT_EQ(ParseIsoTime("1970-01-02"), 86400);
  EXPECT_EQ(ParseIsoTime("1970-01-01T00:01:00Z"), 60);
  EXPECT_EQ(ParseIsoTime("1970-01-01T00:01:00.250Z"), 60);
  EXPECT_EQ(ParseIsoTime("1970-01-01T00:01:00+00:00"), 60);
  EXPECT_FALSE(ParseIsoTime("N/A"));
  EXPECT_FALSE(ParseIsoTime("2026-13-01"));
  EXPECT_FALSE(ParseIsoTime("2026-01-01T00:00:00+02:00"));
  EXPECT_EQ(FormatIsoTime(*ParseIsoTime("2026-01-02T03:04:05Z")), "2026-01-02T03:04:05Z");
}

TEST(ReviewTest, TrustPictureDrawsAtMostTheEdgeLimit) {
  SnapshotReader reader;
  ASSERT_TRUE(reader.AddLine(Summary().dump()).ok());
  const std::size_t roles = kMaxGraphEdges + 5;
  for (std::size_t i = 0; i < roles; ++i) {
    json role = Role("r" + std::to_string(i),
                     json::array({Trust("Service", "ec2.amazonaws.com", false, false)}));
    ASSERT_TRUE(reader.AddLine(role.dump()).ok());
  }
  Snapshot s = reader.Take();
  ReviewReport report = Review(s, ReviewOptions{DefaultNow(s, 0), kDefaultUnusedRoleDays});
  std::string html = ReportHtml(report, s);
  EXPECT_NE(html.find("5 of " + std::to_string(roles) + " trust edges are not drawn (at most " +
                      std::to_string(kMaxGraphEdges) + ")"),
            std::string::npos);
}

TEST(ReviewTest, HtmlEscapesEveryNameFromIam) {
  const std::string hostile = "<script>alert(1)</script>\"'&";
  json role =
      Role(hostile, json::array({Trust("AWS", "<img src=x onerror=alert(2)>", true, true)}));
  json user = User(hostile);
  user["object"]["inlinePolicies"] = json::array({"x"});
  SnapshotReader reader;
  for (const auto& l : {Summary(), role, user}) ASSERT_TRUE(reader.AddLine(l.dump()).ok());
  Snapshot s = reader.Take();
  ReviewReport report = Review(s, ReviewOptions{DefaultNow(s, 0), kDefaultUnusedRoleDays});
  std::string html = ReportHtml(report, s);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&apos;&amp;"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("id=\"count-FAIL\">FAIL: <span class=\"n\">" + std::to_string(report.fail)),
            std::string::npos);
  EXPECT_EQ(HtmlEscape("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&apos;");
}

}  // namespace
}  // namespace aic::review
