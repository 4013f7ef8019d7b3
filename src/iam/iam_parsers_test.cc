// Parser tests over every IAM sample in testdata/iam-responses: the AWS documentation samples
// (with their documented quirks) and botocore's response fixtures, compared with the expected
// JSON. A test enumerates the folders so that an unhandled sample fails.
#include "iam/iam_parsers.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "common/text_codec.h"
#include "iam/query_client.h"
#include "iam/xml_util.h"

namespace aic {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kResponses = fs::path(AIC_TESTDATA_DIR) / "iam-responses";

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

QueryResponse ParseOk(std::string_view action, const fs::path& file) {
  Result<QueryResponse> r = ParseQueryResponse(action, 200, ReadFile(file));
  EXPECT_TRUE(r.ok()) << file << ": " << r.status().ToString();
  if (!r.ok()) return {};
  return std::move(r).value();
}

// ---- AWS documentation samples ----------------------------------------------------------------

const fs::path kDocs = kResponses / "aws-docs";

TEST(AwsDocsSamples, GetAccountAuthorizationDetailsToleratesQuirks) {
  QueryResponse r =
      ParseOk("GetAccountAuthorizationDetails", kDocs / "GetAccountAuthorizationDetails.xml");
  ASSERT_TRUE(r.result);
  AccountAuthorizationDetails d = iam_parse::AccountAuthorizationDetailsResult(r.result);
  EXPECT_TRUE(d.is_truncated);
  // The marker wraps over lines in the sample: ends are trimmed, it is kept otherwise.
  EXPECT_EQ(d.marker.rfind("EXAMPLEkakv9", 0), 0u);
  EXPECT_TRUE(d.marker.ends_with("FDWEXAMPLE"));
  ASSERT_EQ(d.users.size(), 5u);
  EXPECT_EQ(d.users[0].user_name, "Alice");
  EXPECT_EQ(d.users[0].group_list, std::vector<std::string>{"Admins"});
  EXPECT_EQ(d.users[0].create_date, "2013-10-14T18:32:24Z");
  ASSERT_EQ(d.users[1].user_policy_list.size(), 1u);
  EXPECT_EQ(d.users[1].user_policy_list[0].policy_name, "DenyBillingAndIAMPolicy");
  // Raw JSON with odd whitespace still parses as the policy it is.
  json bob_policy = json::parse(d.users[1].user_policy_list[0].policy_document);
  EXPECT_EQ(bob_policy["Statement"]["Effect"], "Deny");
  // Charlie's <AttachedManagedPolicies/> is (wrongly) inside <GroupList>: only real members count.
  EXPECT_EQ(d.users[2].user_name, "Charlie");
  EXPECT_EQ(d.users[2].group_list, std::vector<std::string>{"Dev"});
  ASSERT_EQ(d.groups.size(), 3u);
  EXPECT_EQ(d.groups[0].attached_managed_policies.size(), 1u);
  EXPECT_EQ(d.groups[0].attached_managed_policies[0].policy_arn,
            "arn:aws:iam::aws:policy/AdministratorAccess");
  ASSERT_EQ(d.groups[2].group_policy_list.size(), 1u);
  EXPECT_EQ(json::parse(d.groups[2].group_policy_list[0].policy_document)["Statement"][0]["Sid"],
            "Stmt1381777017000");
  ASSERT_FALSE(d.roles.empty());
  const RoleDetail& role = d.roles[0];
  ASSERT_EQ(role.instance_profile_list.size(), 1u);
  EXPECT_EQ(role.instance_profile_list[0].instance_profile_name, "EC2role");
  EXPECT_EQ(role.instance_profile_list[0].role_names, std::vector<std::string>{"EC2role"});
  EXPECT_EQ(role.attached_managed_policies.size(), 2u);
  EXPECT_EQ(json::parse(role.assume_role_policy_document)["Statement"][0]["Principal"]["Service"],
            "ec2.amazonaws.com");
  ASSERT_FALSE(d.policies.empty());
  for (const auto& p : d.policies) {
    EXPECT_FALSE(p.policy.arn.empty());
    // Whitespace around one <Arn> in the sample is trimmed.
    EXPECT_EQ(p.policy.arn, text::TrimAsciiSpace(p.policy.arn));
    EXPECT_FALSE(p.policy_version_list.empty());
  }
  EXPECT_FALSE(r.request_id.empty());
}

TEST(AwsDocsSamples, GetUser) {
  QueryResponse r = ParseOk("GetUser", kDocs / "GetUser.xml");
  User u = iam_parse::UserResult(r.result);
  EXPECT_FALSE(u.user_name.empty());
  EXPECT_TRUE(u.arn.starts_with("arn:aws:iam::"));
  EXPECT_EQ(u.create_date.size(), 20u) << u.create_date;
}

TEST(AwsDocsSamples, CreateUser) {
  QueryResponse r = ParseOk("CreateUser", kDocs / "CreateUser.xml");
  User u = iam_parse::UserResult(r.result);
  EXPECT_FALSE(u.user_name.empty());
  EXPECT_FALSE(u.user_id.empty());
}

TEST(AwsDocsSamples, ListUsersNotTruncated) {
  QueryResponse r = ParseOk("ListUsers", kDocs / "ListUsers.xml");
  Page<User> page = iam_parse::ListUsers(r.result);
  EXPECT_FALSE(page.is_truncated);
  EXPECT_TRUE(page.marker.empty());
  ASSERT_GE(page.items.size(), 2u);
  for (const auto& u : page.items) EXPECT_FALSE(u.user_name.empty());
}

TEST(AwsDocsSamples, ListPoliciesTruncatedWithWrappedMarker) {
  QueryResponse r = ParseOk("ListPolicies", kDocs / "ListPolicies.xml");
  Page<ManagedPolicy> page = iam_parse::ListPolicies(r.result);
  EXPECT_TRUE(page.is_truncated);
  EXPECT_TRUE(page.marker.starts_with("EXAMPLE"));
  EXPECT_TRUE(page.marker.ends_with("EXAMPLE"));
  ASSERT_GE(page.items.size(), 3u);
  EXPECT_EQ(page.items[0].policy_name, "ExamplePolicy");
  EXPECT_EQ(page.items[0].attachment_count, 2);
  EXPECT_TRUE(page.items[0].is_attachable);
  EXPECT_EQ(page.items[0].update_date, "2014-09-15T20:31:47Z");
  EXPECT_EQ(page.items[2].permissions_boundary_usage_count, 1);
}

TEST(AwsDocsSamples, DeleteUserHasNoResult) {
  QueryResponse r = ParseOk("DeleteUser", kDocs / "DeleteUser.xml");
  EXPECT_FALSE(r.result);
  EXPECT_FALSE(r.request_id.empty());
}

TEST(AwsDocsSamples, CreateAccessKeySecretIsTrimmedAndSecret) {
  QueryResponse r = ParseOk("CreateAccessKey", kDocs / "CreateAccessKey.xml");
  AccessKey k = iam_parse::AccessKeyResult(r.result);
  EXPECT_EQ(k.user_name, "Bob");
  EXPECT_EQ(k.access_key_id, "AKIAIOSFODNN7EXAMPLE");
  EXPECT_EQ(k.status, "Active");
  EXPECT_TRUE(k.secret_access_key.Equals("wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"));
  EXPECT_EQ(fmt::format("{}", k.secret_access_key), "****");
}

TEST(AwsDocsSamples, CreateLoginProfileMillisecondsNormalised) {
  QueryResponse r = ParseOk("CreateLoginProfile", kDocs / "CreateLoginProfile.xml");
  LoginProfile p = iam_parse::LoginProfileResult(r.result);
  EXPECT_FALSE(p.user_name.empty());
  EXPECT_EQ(p.create_date, "2015-03-25T20:48:52Z");
}

TEST(AwsDocsSamples, ListAttachedUserPolicies) {
  QueryResponse r = ParseOk("ListAttachedUserPolicies", kDocs / "ListAttachedUserPolicies.xml");
  Page<AttachedPolicy> page = iam_parse::ListAttachedPolicies(r.result);
  ASSERT_FALSE(page.items.empty());
  for (const auto& p : page.items) {
    EXPECT_FALSE(p.policy_name.empty());
    EXPECT_TRUE(p.policy_arn.starts_with("arn:aws:iam::"));
  }
}

TEST(AwsDocsSamples, ListGroupsForUserWithoutNamespace) {
  QueryResponse r = ParseOk("ListGroupsForUser", kDocs / "ListGroupsForUser.xml");
  Page<Group> page = iam_parse::ListGroups(r.result);
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].group_name, "Admins");
  EXPECT_EQ(page.items[0].group_id, "AGPACKCEVSQ6C2EXAMPLE");
  EXPECT_EQ(r.request_id, "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE");
}

TEST(AwsDocsSamples, GetAccountPasswordPolicy) {
  QueryResponse r = ParseOk("GetAccountPasswordPolicy", kDocs / "GetAccountPasswordPolicy.xml");
  PasswordPolicy p = iam_parse::PasswordPolicyResult(r.result);
  ASSERT_TRUE(p.minimum_password_length.has_value());
  EXPECT_GT(*p.minimum_password_length, 0);
  EXPECT_TRUE(p.require_symbols.has_value());
  EXPECT_TRUE(p.allow_users_to_change_password.has_value());
}

TEST(AwsDocsSamples, AssumeRoleEnvelopeParses) {
  // The STS client owns the typed parse; here only the Query envelope is checked.
  QueryResponse r = ParseOk("AssumeRole", kDocs / "AssumeRole.xml");
  ASSERT_TRUE(r.result);
  EXPECT_FALSE(xml::Text(xml::Child(r.result, "Credentials"), "AccessKeyId").empty());
}

// ---- botocore fixtures --------------------------------------------------------------------

const fs::path kBotocore = kResponses / "botocore";

json UserJson(const User& u) {
  json j;
  if (!u.user_name.empty()) j["UserName"] = u.user_name;
  if (!u.path.empty()) j["Path"] = u.path;
  j["UserId"] = u.user_id;
  j["Arn"] = u.arn;
  if (!u.create_date.empty()) j["CreateDate"] = u.create_date;
  return j;
}

json GroupJson(const Group& g) {
  json j{{"GroupName", g.group_name}, {"GroupId", g.group_id}, {"Arn", g.arn}, {"Path", g.path}};
  if (!g.create_date.empty()) j["CreateDate"] = g.create_date;
  return j;
}

template <class T, class F>
json PageJson(const Page<T>& page, std::string_view list_name, F to_json) {
  json j{{"IsTruncated", page.is_truncated}};
  j[std::string(list_name)] = json::array();
  for (const auto& item : page.items) j[std::string(list_name)].push_back(to_json(item));
  return j;
}

// The typed parse of each modelled botocore fixture, rendered in botocore's JSON form.
const std::map<std::string, std::pair<std::string, std::function<json(pugi::xml_node)>>>&
Modelled() {
  static const auto* m =
      new std::map<std::string, std::pair<std::string, std::function<json(pugi::xml_node)>>>{
          {"iam-get-user",
           {"GetUser",
            [](pugi::xml_node r) {
              return json{{"User", UserJson(iam_parse::UserResult(r))}};
            }}},
          {"iam-list-users",
           {"ListUsers",
            [](pugi::xml_node r) { return PageJson(iam_parse::ListUsers(r), "Users", UserJson); }}},
          {"iam-get-group",
           {"GetGroup",
            [](pugi::xml_node r) {
              GroupWithUsers g = iam_parse::GetGroup(r);
              json j = PageJson(g.users, "Users", UserJson);
              j["Group"] = GroupJson(g.group);
              return j;
            }}},
          {"iam-list-groups",
           {"ListGroups",
            [](pugi::xml_node r) {
              return PageJson(iam_parse::ListGroups(r), "Groups", GroupJson);
            }}},
          {"iam-list-access-keys",
           {"ListAccessKeys",
            [](pugi::xml_node r) {
              return PageJson(iam_parse::ListAccessKeys(r), "AccessKeyMetadata",
                              [](const AccessKeyMetadata& k) {
                                json j{{"UserName", k.user_name},
                                       {"AccessKeyId", k.access_key_id},
                                       {"Status", k.status}};
                                if (!k.create_date.empty()) j["CreateDate"] = k.create_date;
                                return j;
                              });
            }}},
          {"iam-get-user-policy",
           {"GetUserPolicy",
            [](pugi::xml_node r) {
              InlinePolicy p = iam_parse::InlinePolicyResult(r);
              return json{{"UserName", p.owner_name},
                          {"PolicyName", p.policy_name},
                          {"PolicyDocument", json::parse(p.policy_document)}};
            }}},
          {"iam-get-account-summary",
           {"GetAccountSummary",
            [](pugi::xml_node r) {
              json j = json::object();
              for (const auto& [k, v] : iam_parse::AccountSummaryResult(r)) j[k] = v;
              return json{{"SummaryMap", j}};
            }}},
          {"iam-list-mfa-devices",
           {"ListMFADevices",
            [](pugi::xml_node r) {
              return PageJson(iam_parse::ListMfaDevices(r), "MFADevices", [](const MfaDevice& d) {
                json j{{"UserName", d.user_name}, {"SerialNumber", d.serial_number}};
                if (!d.enable_date.empty()) j["EnableDate"] = d.enable_date;
                return j;
              });
            }}},
          {"iam-list-signing-certificates",
           {"ListSigningCertificates",
            [](pugi::xml_node r) {
              return PageJson(iam_parse::ListSigningCertificates(r), "Certificates",
                              [](const SigningCertificate& c) {
                                json j{{"UserName", c.user_name},
                                       {"CertificateId", c.certificate_id},
                                       {"CertificateBody", c.certificate_body},
                                       {"Status", c.status}};
                                if (!c.upload_date.empty()) j["UploadDate"] = c.upload_date;
                                return j;
                              });
            }}},
          {"iam-list-roles",
           {"ListRoles",
            [](pugi::xml_node r) {
              return PageJson(iam_parse::ListRoles(r), "Roles", [](const Role& role) {
                return json{
                    {"RoleName", role.role_name},
                    {"RoleId", role.role_id},
                    {"Path", role.path},
                    {"Arn", role.arn},
                    {"CreateDate", role.create_date},
                    {"AssumeRolePolicyDocument", json::parse(role.assume_role_policy_document)}};
              });
            }}},
          {"iam-list-instance-profiles",
           {"ListInstanceProfiles",
            [](pugi::xml_node r) {
              return PageJson(iam_parse::ListInstanceProfiles(r), "InstanceProfiles",
                              [](const InstanceProfile& p) {
                                return json{{"InstanceProfileName", p.instance_profile_name},
                                            {"Path", p.path},
                                            {"Arn", p.arn},
                                            {"CreateDate", p.create_date},
                                            {"Roles", p.role_names}};
                              });
            }}},
          {"iam-list-server-certificates",
           {"ListServerCertificates",
            [](pugi::xml_node r) {
              // Dates are normalised to whole seconds: UploadDate "...:03.004Z" -> "...:03Z"
              // is checked in ServerCertificateDatesAreWholeSeconds.
              return PageJson(iam_parse::ListServerCertificates(r), "ServerCertificateMetadataList",
                              [](const ServerCertificateMetadata& c) {
                                return json{{"ServerCertificateName", c.server_certificate_name},
                                            {"ServerCertificateId", c.server_certificate_id},
                                            {"Path", c.path},
                                            {"Arn", c.arn},
                                            {"UploadDate", c.upload_date}};
                              });
            }}},
      };
  return *m;
}

// Shapes the IAM client does not model (aliases, virtual MFA devices) and STS's (the STS client's
// tests own it): the envelope is still parsed.
const std::map<std::string, std::string>& EnvelopeOnly() {
  static const auto* m = new std::map<std::string, std::string>{
      {"iam-list-account-aliases", "ListAccountAliases"},
      {"iam-list-virtual-mfa-devices", "ListVirtualMFADevices"},
      {"iam-create-virtual-mfa-device", "CreateVirtualMFADevice"},
      {"sts-get-session-token", "GetSessionToken"},
  };
  return *m;
}

// Every key of `expected` must be present in `actual` with an equal value (ResponseMetadata is
// compared separately). Text is compared exactly (the parser only trims the ends).
void ExpectSubset(const json& expected, const json& actual, const std::string& where) {
  if (expected.is_object()) {
    ASSERT_TRUE(actual.is_object()) << where;
    for (const auto& [k, v] : expected.items()) {
      if (k == "ResponseMetadata") continue;
      ASSERT_TRUE(actual.contains(k)) << where << "." << k << " missing in " << actual.dump();
      ExpectSubset(v, actual[k], where + "." + k);
    }
  } else if (expected.is_array()) {
    ASSERT_TRUE(actual.is_array()) << where;
    ASSERT_EQ(expected.size(), actual.size()) << where;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      ExpectSubset(expected[i], actual[i], where + "[" + std::to_string(i) + "]");
    }
  } else if (expected.is_string() && actual.is_string()) {
    std::string want(text::TrimAsciiSpace(expected.get<std::string>()));
    // Dates are normalised to whole seconds: "2010-05-08T01:02:03.004Z" -> "...03Z".
    if (want.size() > 20 && want[10] == 'T' && want[19] == '.' && want.back() == 'Z') {
      want = want.substr(0, 19) + "Z";
    }
    EXPECT_EQ(want, actual.get<std::string>()) << where;
  } else {
    EXPECT_EQ(expected, actual) << where;
  }
}

TEST(BotocoreFixtures, ModelledResponsesMatchExpectedJson) {
  for (const auto& [name, entry] : Modelled()) {
    SCOPED_TRACE(name);
    const auto& [action, render] = entry;
    QueryResponse r = ParseOk(action, kBotocore / "responses" / (name + ".xml"));
    ASSERT_TRUE(r.result);
    json expected = json::parse(ReadFile(kBotocore / "responses" / (name + ".json")));
    ExpectSubset(expected, render(r.result), name);
    EXPECT_EQ(r.request_id, expected["ResponseMetadata"]["RequestId"]);
  }
}

TEST(BotocoreFixtures, ServerCertificateDatesAreWholeSeconds) {
  QueryResponse r = ParseOk("ListServerCertificates",
                            kBotocore / "responses" / "iam-list-server-certificates.xml");
  Page<ServerCertificateMetadata> page = iam_parse::ListServerCertificates(r.result);
  ASSERT_EQ(page.items.size(), 3u);
  EXPECT_EQ(page.items[0].upload_date, "2010-05-08T01:02:03Z");
  EXPECT_TRUE(page.items[0].expiration.empty());
}

TEST(BotocoreFixtures, UnmodelledResponsesParseTheirEnvelope) {
  for (const auto& [name, action] : EnvelopeOnly()) {
    SCOPED_TRACE(name);
    QueryResponse r = ParseOk(action, kBotocore / "responses" / (name + ".xml"));
    ASSERT_TRUE(r.result);
    json expected = json::parse(ReadFile(kBotocore / "responses" / (name + ".json")));
    EXPECT_EQ(r.request_id, expected["ResponseMetadata"]["RequestId"]);
  }
}

TEST(BotocoreFixtures, ErrorsKeepTheAwsDetail) {
  struct Case {
    std::string name, action;
    ErrorCode code;
  };
  for (const Case& c :
       {Case{"iam-get-user", "GetUser", ErrorCode::kUnknownUid},
        Case{"sts-get-session-token", "GetSessionToken", ErrorCode::kPermissionDenied}}) {
    SCOPED_TRACE(c.name);
    json expected = json::parse(ReadFile(kBotocore / "errors" / (c.name + ".json")));
    int http = c.code == ErrorCode::kUnknownUid ? 404 : 403;
    Status s = ParseQueryError(c.action, http, ReadFile(kBotocore / "errors" / (c.name + ".xml")));
    EXPECT_EQ(s.code(), c.code) << s.ToString();
    ASSERT_TRUE(s.aws().has_value());
    EXPECT_EQ(s.aws()->action, c.action);
    EXPECT_EQ(s.aws()->code, expected["Error"]["Code"]);
    EXPECT_EQ(s.aws()->type, expected["Error"]["Type"]);
    EXPECT_EQ(s.aws()->message, expected["Error"]["Message"]);
    EXPECT_EQ(s.message(), expected["Error"]["Message"]);
    EXPECT_EQ(s.aws()->request_id, expected["ResponseMetadata"]["RequestId"]);
    EXPECT_EQ(s.aws()->http_status, http);
  }
}

// A new sample in the shared folders must get a test here.
TEST(IamResponsesFolder, EverySampleIsCovered) {
  std::set<std::string> docs_covered = {"GetAccountAuthorizationDetails.xml",
                                        "GetUser.xml",
                                        "ListUsers.xml",
                                        "ListPolicies.xml",
                                        "CreateUser.xml",
                                        "DeleteUser.xml",
                                        "CreateAccessKey.xml",
                                        "CreateLoginProfile.xml",
                                        "ListAttachedUserPolicies.xml",
                                        "ListGroupsForUser.xml",
                                        "GetAccountPasswordPolicy.xml",
                                        "AssumeRole.xml"};
  int docs = 0;
  for (const auto& e : fs::directory_iterator(kDocs)) {
    ++docs;
    EXPECT_TRUE(docs_covered.count(e.path().filename().string())) << e.path();
  }
  EXPECT_EQ(docs, static_cast<int>(docs_covered.size()));
  int responses = 0;
  for (const auto& e : fs::directory_iterator(kBotocore / "responses")) {
    if (e.path().extension() != ".xml") continue;
    ++responses;
    std::string stem = e.path().stem().string();
    EXPECT_TRUE(Modelled().count(stem) || EnvelopeOnly().count(stem)) << e.path();
  }
  EXPECT_EQ(responses, static_cast<int>(Modelled().size() + EnvelopeOnly().size()));
  int errors = 0;
  for (const auto& e : fs::directory_iterator(kBotocore / "errors")) {
    if (e.path().extension() == ".xml") ++errors;
  }
  EXPECT_EQ(errors, 2);
}

}  // namespace
}  // namespace aic
