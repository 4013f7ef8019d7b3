// Usage recording (access key / service / role last use), console sign-in, passwords
// (hashes, reuse, ChangePassword), the credential report, service last accessed and the
// policy-insight actions, driven through IamBackend.
#include <algorithm>

#include "common/text_codec.h"
#include "emulator/state/backend_test_util.h"
#include "emulator/state/credential_report.h"
#include "emulator/state/password_hash.h"
#include "emulator/state/usage_recorder.h"

namespace aic::emulator::state::testing {
namespace {

class EmuStateUsageTest : public BackendTest {
 public:
  // Creates user `name` with a key; returns the caller that signs with it.
  Caller UserWithKey(const std::string& name) {
    Ok("CreateUser", {{"UserName", name}});
    Reply key = Ok("CreateAccessKey", {{"UserName", name}});
    Caller c;
    c.access_key_id = key.Text("CreateAccessKeyResult/AccessKey/AccessKeyId");
    c.user_id = Ok("GetUser", {{"UserName", name}}).Text("GetUserResult/User/UserId");
    c.arn = "arn:aws:iam::123456789012:user/" + name;
    c.account_id = "123456789012";
    return c;
  }
  Reply As(const Caller& c, const std::string& action, std::map<std::string, std::string> p = {},
           const std::string& service = "iam", const std::string& region = "us-west-2") {
    ActionRequest req;
    req.service = service;
    req.action = action;
    p["Action"] = action;
    req.params = std::move(p);
    req.caller = c;
    req.region = region;
    req.request_id = "r";
    ActionResponse resp = backend_->Handle(req);
    Reply r;
    r.status = resp.http_status;
    r.body = resp.body;
    EXPECT_TRUE(r.doc->load_string(r.body.c_str())) << r.body;
    return r;
  }
  std::string Report() {
    Ok("GenerateCredentialReport");
    auto csv =
        text::Base64Decode(Ok("GetCredentialReport").Text("GetCredentialReportResult/Content"));
    EXPECT_TRUE(csv.has_value());
    return csv.value_or("");
  }
  void Advance(int seconds) { now_ += std::chrono::seconds(seconds); }
};

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == sep) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

TEST_F(EmuStateUsageTest, UnusedKeyHasNoLastUse) {
  Caller c = UserWithKey("alice");
  Reply r = Ok("GetAccessKeyLastUsed", {{"AccessKeyId", c.access_key_id}});
  EXPECT_EQ(r.Text("GetAccessKeyLastUsedResult/UserName"), "alice");
  EXPECT_EQ(r.Text("GetAccessKeyLastUsedResult/AccessKeyLastUsed/ServiceName"), "N/A");
  EXPECT_EQ(r.Text("GetAccessKeyLastUsedResult/AccessKeyLastUsed/Region"), "N/A");
  EXPECT_FALSE(r.Node("GetAccessKeyLastUsedResult/AccessKeyLastUsed/LastUsedDate"));
}

TEST_F(EmuStateUsageTest, ReadRecordsKeyUseFoldedBeforeReport) {
  Caller c = UserWithKey("alice");
  Advance(10);
  EXPECT_EQ(As(c, "ListUsers").status, 200);  // a read: buffered, no commit
  Reply r = Ok("GetAccessKeyLastUsed", {{"AccessKeyId", c.access_key_id}});
  EXPECT_EQ(r.Text("GetAccessKeyLastUsedResult/AccessKeyLastUsed/LastUsedDate"),
            text::FormatIso8601(1800000010));
  EXPECT_EQ(r.Text("GetAccessKeyLastUsedResult/AccessKeyLastUsed/ServiceName"), "iam");
  EXPECT_EQ(r.Text("GetAccessKeyLastUsedResult/AccessKeyLastUsed/Region"), "us-west-2");
  // An STS call later is the latest use.
  Advance(5);
  As(c, "GetCallerIdentity", {}, "sts", "eu-west-1");
  r = Ok("GetAccessKeyLastUsed", {{"AccessKeyId", c.access_key_id}});
  EXPECT_EQ(r.Text("GetAccessKeyLastUsedResult/AccessKeyLastUsed/ServiceName"), "sts");
  EXPECT_EQ(r.Text("GetAccessKeyLastUsedResult/AccessKeyLastUsed/Region"), "eu-west-1");
}

TEST_F(EmuStateUsageTest, UsageIsPersistedByTheNextWrite) {
  const std::string db = ::testing::TempDir() + "/usage_persist.db";
  std::remove(db.c_str());
  Open(db);
  Caller c = UserWithKey("alice");
  As(c, "ListUsers");
  Ok("CreateGroup", {{"GroupName", "g"}});  // the write folds and commits the usage
  Open(db);
  Reply r = Ok("GetAccessKeyLastUsed", {{"AccessKeyId", c.access_key_id}});
  EXPECT_EQ(r.Text("GetAccessKeyLastUsedResult/AccessKeyLastUsed/Region"), "us-west-2");
  std::remove(db.c_str());
}

TEST_F(EmuStateUsageTest, RecorderDueAfterFlushInterval) {
  UsageRecorder rec;
  ActionRequest req;
  req.service = "iam";
  req.action = "ListUsers";
  req.caller.access_key_id = "test";  // the seed root key is not recorded
  rec.Record(req, 100);
  EXPECT_FALSE(rec.Pending());
  req.caller.access_key_id = "AKIAEXAMPLE";
  rec.Record(req, 100);
  EXPECT_TRUE(rec.Pending());
  EXPECT_FALSE(rec.Due(100 + kUsageFlushSeconds - 1));
  EXPECT_TRUE(rec.Due(100 + kUsageFlushSeconds));
  IamState st;
  Dirty dirty;
  rec.FoldInto(st, dirty, "123456789012");  // unknown key: skipped
  EXPECT_FALSE(rec.Pending());
  EXPECT_TRUE(dirty.Empty());
}

TEST_F(EmuStateUsageTest, PasswordsAreHashedAndReuseIsRefused) {
  Ok("CreateUser", {{"UserName", "bob"}});
  Ok("CreateLoginProfile", {{"UserName", "bob"}, {"Password", "Old!passw0rd"}});
  Ok("UpdateAccountPasswordPolicy", {{"PasswordReusePrevention", "2"}});
  Reply r = Err("UpdateLoginProfile", {{"UserName", "bob"}, {"Password", "Old!passw0rd"}}, 400,
                "PasswordPolicyViolation");
  EXPECT_EQ(r.Message(), "Policy Error: PasswordReusePrevention");
  Ok("UpdateLoginProfile", {{"UserName", "bob"}, {"Password", "New!passw0rd"}});
  Err("UpdateLoginProfile", {{"UserName", "bob"}, {"Password", "Old!passw0rd"}}, 400,
      "PasswordPolicyViolation");
  Ok("UpdateLoginProfile", {{"UserName", "bob"}, {"Password", "Third!passw0rd"}});
  // Two back is beyond PasswordReusePrevention 2.
  Ok("UpdateLoginProfile", {{"UserName", "bob"}, {"Password", "Old!passw0rd"}});
  auto hash = HashPassword("x");
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(VerifyPassword(*hash, "x"));
  EXPECT_FALSE(VerifyPassword(*hash, "y"));
  EXPECT_FALSE(VerifyPassword("", "x"));
}

TEST_F(EmuStateUsageTest, ChangePassword) {
  Caller c = UserWithKey("carol");
  Reply r = As(c, "ChangePassword", {{"OldPassword", "a"}, {"NewPassword", "b"}});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.Message(), "Login Profile for User carol cannot be found.");
  Ok("CreateLoginProfile",
     {{"UserName", "carol"}, {"Password", "Start!passw0rd"}, {"PasswordResetRequired", "true"}});
  r = As(c, "ChangePassword", {{"OldPassword", "wrong"}, {"NewPassword", "Next!passw0rd"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.Code(), "InvalidUserType");
  r = As(c, "ChangePassword", {{"OldPassword", "Start!passw0rd"}, {"NewPassword", "short"}});
  EXPECT_EQ(r.Code(), "PasswordPolicyViolation");
  r = As(c, "ChangePassword",
         {{"OldPassword", "Start!passw0rd"}, {"NewPassword", "Next!passw0rd"}});
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Ok("GetLoginProfile", {{"UserName", "carol"}})
                .Text("GetLoginProfileResult/LoginProfile/PasswordResetRequired"),
            "false");
  // The root (the seed key) is no IAM user.
  Err("ChangePassword", {{"OldPassword", "a"}, {"NewPassword", "b"}}, 400, "InvalidUserType");
}

TEST_F(EmuStateUsageTest, ConsoleSignInRecordsPasswordLastUsed) {
  Ok("CreateUser", {{"UserName", "dave"}});
  EXPECT_EQ(backend_->ConsoleSignIn("dave", SecretString("x")).code(), ErrorCode::kUnauthenticated);
  Ok("CreateLoginProfile", {{"UserName", "dave"}, {"Password", "Dave!passw0rd"}});
  EXPECT_EQ(backend_->ConsoleSignIn("dave", SecretString("wrong")).code(),
            ErrorCode::kUnauthenticated);
  EXPECT_EQ(backend_->ConsoleSignIn("nobody", SecretString("x")).code(),
            ErrorCode::kUnauthenticated);
  EXPECT_TRUE(
      Ok("GetUser", {{"UserName", "dave"}}).Text("GetUserResult/User/PasswordLastUsed").empty());
  Advance(7);
  ASSERT_TRUE(backend_->ConsoleSignIn("dave", SecretString("Dave!passw0rd")).ok());
  EXPECT_EQ(Ok("GetUser", {{"UserName", "dave"}}).Text("GetUserResult/User/PasswordLastUsed"),
            text::FormatIso8601(1800000007));
}

TEST_F(EmuStateUsageTest, CredentialReportRowsAndLifecycle) {
  Reply r = Err("GetCredentialReport", {}, 410, "ReportNotPresent");
  Caller c = UserWithKey("erin");
  Ok("CreateLoginProfile", {{"UserName", "erin"}, {"Password", "Erin!passw0rd"}});
  Ok("CreateUser", {{"UserName", "frank"}});
  As(c, "ListUsers");
  r = Ok("GenerateCredentialReport");
  EXPECT_EQ(r.Text("GenerateCredentialReportResult/State"), "STARTED");
  EXPECT_EQ(r.Text("GenerateCredentialReportResult/Description"),
            "No report exists. Starting a new report generation task");
  r = Ok("GenerateCredentialReport");
  EXPECT_EQ(r.Text("GenerateCredentialReportResult/State"), "COMPLETE");
  EXPECT_FALSE(r.Node("GenerateCredentialReportResult/Description"));
  r = Ok("GetCredentialReport");
  EXPECT_EQ(r.Text("GetCredentialReportResult/ReportFormat"), "text/csv");
  auto csv = text::Base64Decode(r.Text("GetCredentialReportResult/Content"));
  ASSERT_TRUE(csv);
  std::vector<std::string> lines = Split(*csv, '\n');
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(Split(lines[0], ',').size(), 22u);
  EXPECT_EQ(lines[1].rfind("<root_account>,arn:aws:iam::123456789012:root,", 0), 0u);
  const std::string t = "2027-01-15T08:00:00+00:00";  // 1800000000
  EXPECT_EQ(lines[2], "erin,arn:aws:iam::123456789012:user/erin," + t + ",true,no_information," +
                          t + ",N/A,false,true," + t + "," + t +
                          ",us-west-2,iam,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A");
  EXPECT_EQ(lines[3], "frank,arn:aws:iam::123456789012:user/frank," + t +
                          ",false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,"
                          "false,N/A,false,N/A");
  Advance(static_cast<int>(kCredentialReportMaxAgeSeconds));
  Err("GetCredentialReport", {}, 410, "ReportExpired");
  r = Ok("GenerateCredentialReport");
  EXPECT_EQ(r.Text("GenerateCredentialReportResult/State"), "STARTED");
  Ok("GetCredentialReport");
}

TEST_F(EmuStateUsageTest, ServiceLastAccessedForUserGroupAndPolicy) {
  const std::string doc =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:*","s3:Get*"],"Resource":"*"}]})";
  Ok("CreatePolicy", {{"PolicyName", "p"}, {"PolicyDocument", doc}});
  const std::string policy = "arn:aws:iam::123456789012:policy/p";
  Caller c = UserWithKey("gina");
  Ok("CreateGroup", {{"GroupName", "g"}});
  Ok("AddUserToGroup", {{"GroupName", "g"}, {"UserName", "gina"}});
  Ok("AttachGroupPolicy", {{"GroupName", "g"}, {"PolicyArn", policy}});
  Advance(3);
  As(c, "ListUsers");
  As(c, "GetCallerIdentity", {}, "sts");
  const std::vector<std::string> arns = {c.arn, "arn:aws:iam::123456789012:group/g", policy};
  for (const std::string& arn : arns) {
    SCOPED_TRACE(arn);
    Reply job =
        Ok("GenerateServiceLastAccessedDetails", {{"Arn", arn}, {"Granularity", "ACTION_LEVEL"}});
    std::string id = job.Text("GenerateServiceLastAccessedDetailsResult/JobId");
    EXPECT_EQ(id.size(), 36u);
    Reply r = Ok("GetServiceLastAccessedDetails", {{"JobId", id}});
    EXPECT_EQ(r.Text("GetServiceLastAccessedDetailsResult/JobStatus"), "COMPLETED");
    pugi::xml_node list = r.Node("GetServiceLastAccessedDetailsResult/ServicesLastAccessed");
    ASSERT_EQ(Members(list), 2);  // iam and s3 (the policies allow no sts)
    pugi::xml_node iam = list.first_child();
    EXPECT_STREQ(iam.child_value("ServiceNamespace"), "iam");
    EXPECT_STREQ(iam.child_value("ServiceName"), "AWS Identity and Access Management");
    EXPECT_STREQ(iam.child_value("LastAuthenticated"), text::FormatIso8601(1800000003).c_str());
    EXPECT_STREQ(iam.child_value("LastAuthenticatedEntity"), c.arn.c_str());
    EXPECT_STREQ(iam.child_value("LastAuthenticatedRegion"), "us-west-2");
    EXPECT_STREQ(iam.child_value("TotalAuthenticatedEntities"), "1");
    EXPECT_STREQ(iam.child("TrackedActionsLastAccessed").child("member").child_value("ActionName"),
                 "ListUsers");
    pugi::xml_node s3 = iam.next_sibling();
    EXPECT_STREQ(s3.child_value("ServiceNamespace"), "s3");
    EXPECT_FALSE(s3.child("LastAuthenticated"));
    EXPECT_STREQ(s3.child_value("TotalAuthenticatedEntities"), "0");
    r = Ok("GetServiceLastAccessedDetailsWithEntities",
           {{"JobId", id}, {"ServiceNamespace", "iam"}});
    pugi::xml_node e =
        r.Node("GetServiceLastAccessedDetailsWithEntitiesResult/EntityDetailsList/member");
    EXPECT_STREQ(e.child("EntityInfo").child_value("Name"), "gina");
    EXPECT_STREQ(e.child("EntityInfo").child_value("Type"), "USER");
    EXPECT_STREQ(e.child_value("LastAuthenticated"), text::FormatIso8601(1800000003).c_str());
    r = Ok("GetServiceLastAccessedDetails", {{"JobId", id}, {"MaxItems", "1"}});
    EXPECT_EQ(r.Text("GetServiceLastAccessedDetailsResult/IsTruncated"), "true");
  }
  Err("GenerateServiceLastAccessedDetails", {{"Arn", "arn:aws:iam::123456789012:user/nobody"}}, 404,
      "NoSuchEntity");
  Err("GenerateServiceLastAccessedDetails", {{"Arn", "arn:aws:s3:::bucket/key-name"}}, 400,
      "InvalidInput");
  Err("GetServiceLastAccessedDetails", {{"JobId", "00000000-0000-4000-8000-000000000000"}}, 404,
      "NoSuchEntity");
}

TEST_F(EmuStateUsageTest, ListPoliciesGrantingServiceAccess) {
  const std::string iam_doc =
      R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:Get*","Resource":"*"}})";
  const std::string all_doc =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})";
  Ok("CreateUser", {{"UserName", "hal"}});
  Ok("PutUserPolicy", {{"UserName", "hal"}, {"PolicyName", "own"}, {"PolicyDocument", iam_doc}});
  Ok("CreateGroup", {{"GroupName", "admins"}});
  Ok("AddUserToGroup", {{"GroupName", "admins"}, {"UserName", "hal"}});
  Ok("PutGroupPolicy",
     {{"GroupName", "admins"}, {"PolicyName", "all"}, {"PolicyDocument", all_doc}});
  Ok("AttachGroupPolicy",
     {{"GroupName", "admins"}, {"PolicyArn", "arn:aws:iam::aws:policy/AdministratorAccess"}});
  Reply r = Ok("ListPoliciesGrantingServiceAccess", {{"Arn", "arn:aws:iam::123456789012:user/hal"},
                                                     {"ServiceNamespaces.member.1", "iam"},
                                                     {"ServiceNamespaces.member.2", "sts"}});
  pugi::xml_node list =
      r.Node("ListPoliciesGrantingServiceAccessResult/PoliciesGrantingServiceAccess");
  ASSERT_EQ(Members(list), 2);
  pugi::xml_node iam = list.first_child();
  EXPECT_STREQ(iam.child_value("ServiceNamespace"), "iam");
  std::vector<std::string> names;
  for (auto p : iam.child("Policies").children("member")) {
    names.push_back(std::string(p.child_value("PolicyName")) + "/" + p.child_value("PolicyType") +
                    "/" + p.child_value("EntityType") + "/" + p.child_value("EntityName"));
  }
  EXPECT_EQ(names, (std::vector<std::string>{"own/INLINE/USER/hal", "all/INLINE/GROUP/admins",
                                             "AdministratorAccess/MANAGED/GROUP/admins"}));
  EXPECT_EQ(Members(list.first_child().next_sibling().child("Policies")), 2);
  Err("ListPoliciesGrantingServiceAccess",
      {{"Arn", "arn:aws:iam::aws:policy/AdministratorAccess"},
       {"ServiceNamespaces.member.1", "iam"}},
      400, "InvalidInput");
}

TEST_F(EmuStateUsageTest, ContextKeys) {
  const std::string doc =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*",)"
      R"("Resource":"arn:aws:s3:::b/${aws:username}/*","Condition":{)"
      R"("StringEquals":{"s3:prefix":"x","AWS:UserName":"y"},)"
      R"("Bool":{"aws:SecureTransport":"true"}}}]})";
  Reply r = Ok("GetContextKeysForCustomPolicy", {{"PolicyInputList.member.1", doc}});
  std::vector<std::string> keys;
  for (auto m : r.Node("GetContextKeysForCustomPolicyResult/ContextKeyNames").children("member")) {
    keys.push_back(m.child_value());
  }
  EXPECT_EQ(keys, (std::vector<std::string>{"aws:SecureTransport", "aws:username", "s3:prefix"}));
  Err("GetContextKeysForCustomPolicy", {{"PolicyInputList.member.1", "{not json"}}, 400,
      "InvalidInput");
  Ok("CreateUser", {{"UserName", "ivy"}});
  Ok("PutUserPolicy", {{"UserName", "ivy"}, {"PolicyName", "p"}, {"PolicyDocument", doc}});
  r = Ok("GetContextKeysForPrincipalPolicy",
         {{"PolicySourceArn", "arn:aws:iam::123456789012:user/ivy"}});
  EXPECT_EQ(Members(r.Node("GetContextKeysForPrincipalPolicyResult/ContextKeyNames")), 3);
  Err("GetContextKeysForPrincipalPolicy",
      {{"PolicySourceArn", "arn:aws:iam::123456789012:user/nobody"}}, 404, "NoSuchEntity");
}

TEST_F(EmuStateUsageTest, StsPreferencesAndOrganizations) {
  auto token_version = [&] {
    Reply r = Ok("GetAccountSummary");
    for (auto e : r.Node("GetAccountSummaryResult/SummaryMap").children("entry")) {
      if (std::string(e.child_value("key")) == "GlobalEndpointTokenVersion") {
        return std::string(e.child_value("value"));
      }
    }
    return std::string();
  };
  EXPECT_EQ(token_version(), "1");
  Ok("SetSecurityTokenServicePreferences", {{"GlobalEndpointTokenVersion", "v2Token"}});
  EXPECT_EQ(token_version(), "2");
  Ok("SetSecurityTokenServicePreferences", {{"GlobalEndpointTokenVersion", "v1Token"}});
  EXPECT_EQ(token_version(), "1");
  Err("SetSecurityTokenServicePreferences", {{"GlobalEndpointTokenVersion", "v3Token"}}, 400,
      "ValidationError");
  Err("GenerateOrganizationsAccessReport", {{"EntityPath", "o-a1b2c3d4e5/r-f6g7h8i9"}}, 400,
      "AWSOrganizationsNotInUseException");
  Err("GenerateOrganizationsAccessReport", {{"EntityPath", "bad"}}, 400, "ValidationError");
  Err("GetOrganizationsAccessReport", {{"JobId", "00000000-0000-4000-8000-000000000000"}}, 404,
      "NoSuchEntity");
}

}  // namespace
}  // namespace aic::emulator::state::testing
