// SimulatePrincipalPolicy / SimulateCustomPolicy through a real IamBackend: which policies are
// simulated, the results' order and paging, the boundary detail, the errors, the decisions,
// matched statements and missing context keys.
#include "emulator/state/backend_test_util.h"

namespace aic::emulator::state::testing {
namespace {

constexpr char kAccount[] = "arn:aws:iam::123456789012:";
const char* const kAllowGetUser =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser",)"
    R"("Resource":"*"}]})";

class EmuStateSimulateTest : public BackendTest {
 protected:
  using Params = std::map<std::string, std::string>;

  static std::string Arn(const std::string& rest) { return kAccount + rest; }

  // The results' <member> nodes.
  static std::vector<pugi::xml_node> Results(const Reply& r, const std::string& action) {
    std::vector<pugi::xml_node> out;
    for (auto m : r.Node(action + "Result/EvaluationResults").children("member")) out.push_back(m);
    return out;
  }

  void MakeUser(const std::string& name, const std::string& doc = kAllowGetUser) {
    Ok("CreateUser", {{"UserName", name}});
    Ok("PutUserPolicy", {{"UserName", name}, {"PolicyName", "inline"}, {"PolicyDocument", doc}});
  }
};

TEST_F(EmuStateSimulateTest, OneResultPerActionAndResourceActionMajor) {
  MakeUser("u");
  Reply r = Ok("SimulatePrincipalPolicy", {{"PolicySourceArn", Arn("user/u")},
                                           {"ActionNames.member.1", "iam:GetUser"},
                                           {"ActionNames.member.2", "iam:ListUsers"},
                                           {"ResourceArns.member.1", Arn("user/a")},
                                           {"ResourceArns.member.2", Arn("user/b")}});
  auto results = Results(r, "SimulatePrincipalPolicy");
  ASSERT_EQ(results.size(), 4u);
  const std::vector<std::pair<std::string, std::string>> want = {{"iam:GetUser", Arn("user/a")},
                                                                 {"iam:GetUser", Arn("user/b")},
                                                                 {"iam:ListUsers", Arn("user/a")},
                                                                 {"iam:ListUsers", Arn("user/b")}};
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(std::string(results[i].child_value("EvalActionName")), want[i].first);
    EXPECT_EQ(std::string(results[i].child_value("EvalResourceName")), want[i].second);
    // A named resource: its own ResourceSpecificResults and an empty EvalDecisionDetails.
    EXPECT_EQ(Members(results[i].child("ResourceSpecificResults")), 1);
    EXPECT_EQ(std::string(results[i]
                              .child("ResourceSpecificResults")
                              .child("member")
                              .child_value("EvalResourceName")),
              want[i].second);
    EXPECT_TRUE(results[i].child("EvalDecisionDetails"));
    EXPECT_FALSE(results[i].child("EvalDecisionDetails").first_child());
    EXPECT_FALSE(results[i].child("PermissionsBoundaryDecisionDetail"));
    EXPECT_FALSE(results[i].child("OrganizationsDecisionDetail"));
  }
  EXPECT_EQ(r.Text("SimulatePrincipalPolicyResult/IsTruncated"), "false");
}

TEST_F(EmuStateSimulateTest, AllResourcesByDefaultWithoutResourceSpecificResults) {
  Reply r = Ok("SimulateCustomPolicy", {{"PolicyInputList.member.1", kAllowGetUser},
                                        {"ActionNames.member.1", "iam:GetUser"}});
  auto results = Results(r, "SimulateCustomPolicy");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(std::string(results[0].child_value("EvalResourceName")), "*");
  EXPECT_TRUE(results[0].child("MatchedStatements"));
  EXPECT_TRUE(results[0].child("MissingContextValues"));
  EXPECT_FALSE(results[0].child("ResourceSpecificResults"));
  EXPECT_FALSE(results[0].child("EvalDecisionDetails"));
}

TEST_F(EmuStateSimulateTest, MaxItemsPagesOverTheResults) {
  Params p = {{"PolicyInputList.member.1", kAllowGetUser},
              {"ActionNames.member.1", "iam:GetUser"},
              {"ActionNames.member.2", "iam:ListUsers"},
              {"ActionNames.member.3", "iam:CreateUser"},
              {"MaxItems", "1"}};
  std::vector<std::string> seen;
  for (int page = 0; page < 5; ++page) {
    Reply r = Ok("SimulateCustomPolicy", p);
    auto results = Results(r, "SimulateCustomPolicy");
    ASSERT_EQ(results.size(), 1u);
    seen.push_back(results[0].child_value("EvalActionName"));
    if (r.Text("SimulateCustomPolicyResult/IsTruncated") == "false") {
      EXPECT_EQ(r.Text("SimulateCustomPolicyResult/Marker"), "");
      break;
    }
    p["Marker"] = r.Text("SimulateCustomPolicyResult/Marker");
    ASSERT_FALSE(p["Marker"].empty());
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"iam:GetUser", "iam:ListUsers", "iam:CreateUser"}));
  p["Marker"] = "zz";
  Err("SimulateCustomPolicy", p, 400, "ValidationError");
}

TEST_F(EmuStateSimulateTest, BoundaryDetailOnlyWhenABoundaryApplies) {
  Ok("CreatePolicy", {{"PolicyName", "b"}, {"PolicyDocument", kAllowGetUser}});
  Ok("CreateUser", {{"UserName", "bounded"}, {"PermissionsBoundary", Arn("policy/b")}});
  MakeUser("free");
  auto detail = [&](const std::string& user, Params extra) {
    Params p = {{"PolicySourceArn", Arn("user/" + user)}, {"ActionNames.member.1", "iam:GetUser"}};
    p.insert(extra.begin(), extra.end());
    Reply r = Ok("SimulatePrincipalPolicy", p);
    return static_cast<bool>(
        Results(r, "SimulatePrincipalPolicy")[0].child("PermissionsBoundaryDecisionDetail"));
  };
  EXPECT_TRUE(detail("bounded", {}));
  EXPECT_FALSE(detail("free", {}));
  EXPECT_TRUE(detail("free", {{"PermissionsBoundaryPolicyInputList.member.1", kAllowGetUser}}));
}

TEST_F(EmuStateSimulateTest, SourceArnErrors) {
  MakeUser("u");
  const Params actions = {{"ActionNames.member.1", "iam:GetUser"}};
  auto with = [&](const std::string& arn) {
    Params p = actions;
    p["PolicySourceArn"] = arn;
    return p;
  };
  EXPECT_EQ(Err("SimulatePrincipalPolicy", with(Arn("user/nobody")), 404, "NoSuchEntity").Message(),
            "The user with name nobody cannot be found.");
  EXPECT_EQ(Err("SimulatePrincipalPolicy", with(Arn("role/nobody")), 404, "NoSuchEntity").Message(),
            "The role with name nobody cannot be found.");
  Err("SimulatePrincipalPolicy", with(Arn("group/nobody")), 404, "NoSuchEntity");
  Err("SimulatePrincipalPolicy", with(Arn("policy/p")), 400, "InvalidInput");
  const std::string session = "arn:aws:sts::123456789012:assumed-role/r/s";
  EXPECT_EQ(Err("SimulatePrincipalPolicy", with(session), 400, "InvalidInput").Message(),
            "Invalid Entity Arn: " + session + " does not clearly define entity type and name.");
  EXPECT_EQ(
      Err("SimulatePrincipalPolicy", with("arn:aws:iam::999999999999:user/u"), 400, "InvalidInput")
          .Message(),
      "Invalid Policy Source Arn: caller's account 123456789012 does not have access to "
      "policies in account 999999999999");
  Err("SimulatePrincipalPolicy", actions, 400, "ValidationError");  // no PolicySourceArn
  Err("SimulatePrincipalPolicy", {{"PolicySourceArn", Arn("user/u")}}, 400, "ValidationError");
}

TEST_F(EmuStateSimulateTest, RequestDocumentAndCallerErrors) {
  Ok("CreateRole", {{"RoleName", "r"},
                    {"AssumeRolePolicyDocument",
                     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":)"
                     R"({"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})"}});
  const std::string resource_policy =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},)"
      R"("Action":"iam:*","Resource":"*"}]})";
  Params custom = {{"PolicyInputList.member.1", "not json"},
                   {"ActionNames.member.1", "iam:GetUser"}};
  Err("SimulateCustomPolicy", custom, 400, "InvalidInput");
  custom["PolicyInputList.member.1"] = kAllowGetUser;
  custom["PermissionsBoundaryPolicyInputList.member.1"] = kAllowGetUser;
  custom["PermissionsBoundaryPolicyInputList.member.2"] = kAllowGetUser;
  EXPECT_EQ(Err("SimulateCustomPolicy", custom, 400, "InvalidInput").Message(),
            "The list of Permissions Boundary policies cannot exceed 1 items.");
  custom.erase("PermissionsBoundaryPolicyInputList.member.2");
  custom["ResourcePolicy"] = resource_policy;
  EXPECT_EQ(Err("SimulateCustomPolicy", custom, 400, "InvalidInput").Message(),
            "Invalid caller - Caller must be an IAM user in this context.");
  custom["CallerArn"] = Arn("role/r");
  Err("SimulateCustomPolicy", custom, 400, "InvalidInput");
  custom["CallerArn"] = Arn("user/anyone");  // a caller need not exist
  Ok("SimulateCustomPolicy", custom);
  // A role as the source: a resource policy needs CallerArn.
  Params role = {{"PolicySourceArn", Arn("role/r")},
                 {"ActionNames.member.1", "iam:GetUser"},
                 {"ResourcePolicy", resource_policy}};
  EXPECT_EQ(Err("SimulatePrincipalPolicy", role, 400, "InvalidInput").Message(),
            "Invalid caller - Caller must be an IAM user in this context.");
  role["CallerArn"] = Arn("user/anyone");
  Ok("SimulatePrincipalPolicy", role);
  Err("SimulateCustomPolicy", {{"ActionNames.member.1", "iam:GetUser"}}, 400, "ValidationError");
  Err("SimulateCustomPolicy",
      {{"PolicyInputList.member.1", kAllowGetUser},
       {"ContextEntries.member.1.ContextKeyValues.member.1", "x"}},
      400, "ValidationError");  // no ActionNames
  Err("SimulateCustomPolicy",
      {{"PolicyInputList.member.1", kAllowGetUser},
       {"ActionNames.member.1", "iam:GetUser"},
       {"ContextEntries.member.1.ContextKeyValues.member.1", "x"}},
      400, "InvalidInput");  // an entry without a name
}

// ---- decisions ----

TEST_F(EmuStateSimulateTest, PrincipalDecisionsAndSourcePolicyIds) {
  MakeUser("u");
  Ok("CreatePolicy",
     {{"PolicyName", "deny-delete"},
      {"PolicyDocument",
       R"({"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"iam:DeleteUser",)"
       R"("Resource":"*"}})"}});
  Ok("CreateGroup", {{"GroupName", "g"}});
  Ok("AttachGroupPolicy", {{"GroupName", "g"}, {"PolicyArn", Arn("policy/deny-delete")}});
  Ok("PutGroupPolicy",
     {{"GroupName", "g"},
      {"PolicyName", "gp"},
      {"PolicyDocument",
       R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:DeleteUser",)"
       R"("Resource":"*"}]})"}});
  Ok("AddUserToGroup", {{"GroupName", "g"}, {"UserName", "u"}});
  Reply r = Ok("SimulatePrincipalPolicy", {{"PolicySourceArn", Arn("user/u")},
                                           {"ActionNames.member.1", "iam:GetUser"},
                                           {"ActionNames.member.2", "iam:DeleteUser"},
                                           {"ActionNames.member.3", "iam:ListUsers"}});
  auto results = Results(r, "SimulatePrincipalPolicy");
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(std::string(results[0].child_value("EvalDecision")), "allowed");
  auto matched = results[0].child("MatchedStatements").child("member");
  EXPECT_EQ(std::string(matched.child_value("SourcePolicyId")), "user_u_inline");
  EXPECT_EQ(std::string(matched.child_value("SourcePolicyType")), "IAM Policy");
  EXPECT_EQ(matched.child("StartPosition").child("Column").text().as_int(), 38);
  EXPECT_EQ(std::string(results[1].child_value("EvalDecision")), "explicitDeny");
  EXPECT_EQ(Members(results[1].child("MatchedStatements")), 1);  // the deny only
  EXPECT_EQ(
      std::string(
          results[1].child("MatchedStatements").child("member").child_value("SourcePolicyId")),
      "deny-delete");
  EXPECT_EQ(std::string(results[2].child_value("EvalDecision")), "implicitDeny");
  EXPECT_EQ(Members(results[2].child("MatchedStatements")), 0);

  // The group alone: its policies only.
  Reply g = Ok("SimulatePrincipalPolicy", {{"PolicySourceArn", Arn("group/g")},
                                           {"ActionNames.member.1", "iam:GetUser"},
                                           {"ActionNames.member.2", "iam:DeleteUser"}});
  auto gr = Results(g, "SimulatePrincipalPolicy");
  EXPECT_EQ(std::string(gr[0].child_value("EvalDecision")), "implicitDeny");
  EXPECT_EQ(std::string(gr[1].child_value("EvalDecision")), "explicitDeny");
}

TEST_F(EmuStateSimulateTest, ContextEntriesAndMissingContextValues) {
  const std::string doc =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser",)"
      R"("Resource":"*","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"},)"
      R"("Bool":{"aws:MultiFactorAuthPresent":"true"},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]})";
  Params p = {{"PolicyInputList.member.1", doc}, {"ActionNames.member.1", "iam:GetUser"}};
  Reply missing = Ok("SimulateCustomPolicy", p);
  auto r0 = Results(missing, "SimulateCustomPolicy")[0];
  EXPECT_EQ(std::string(r0.child_value("EvalDecision")), "implicitDeny");
  EXPECT_EQ(Members(r0.child("MissingContextValues")), 3);
  p["ContextEntries.member.1.ContextKeyName"] = "aws:MultiFactorAuthAge";
  p["ContextEntries.member.1.ContextKeyValues.member.1"] = "60";
  p["ContextEntries.member.1.ContextKeyType"] = "numeric";
  p["ContextEntries.member.2.ContextKeyName"] = "aws:MultiFactorAuthPresent";
  p["ContextEntries.member.2.ContextKeyValues.member.1"] = "True";
  p["ContextEntries.member.2.ContextKeyType"] = "boolean";
  p["ContextEntries.member.3.ContextKeyName"] = "aws:SourceIp";
  p["ContextEntries.member.3.ContextKeyValues.member.1"] = "10.1.2.3";
  p["ContextEntries.member.3.ContextKeyType"] = "ip";
  const Reply reply1 = Ok("SimulateCustomPolicy", p);  // the nodes live in the reply
  auto r1 = Results(reply1, "SimulateCustomPolicy")[0];
  EXPECT_EQ(std::string(r1.child_value("EvalDecision")), "allowed");
  EXPECT_EQ(Members(r1.child("MissingContextValues")), 0);
  p["ContextEntries.member.3.ContextKeyValues.member.1"] = "192.168.0.1";
  const Reply reply2 = Ok("SimulateCustomPolicy", p);
  auto r2 = Results(reply2, "SimulateCustomPolicy")[0];
  EXPECT_EQ(std::string(r2.child_value("EvalDecision")), "implicitDeny");
}

TEST_F(EmuStateSimulateTest, BoundaryAndResourcePolicyDecisions) {
  const std::string allow_all =
      R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:*","Resource":"*"}})";
  Params p = {{"PolicyInputList.member.1", allow_all},
              {"PermissionsBoundaryPolicyInputList.member.1", kAllowGetUser},
              {"ActionNames.member.1", "iam:GetUser"},
              {"ActionNames.member.2", "iam:ListUsers"}};
  const Reply reply = Ok("SimulateCustomPolicy", p);  // the nodes live in the reply
  auto results = Results(reply, "SimulateCustomPolicy");
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(std::string(results[0].child_value("EvalDecision")), "allowed");
  EXPECT_EQ(std::string(results[0]
                            .child("PermissionsBoundaryDecisionDetail")
                            .child_value("AllowedByPermissionsBoundary")),
            "true");
  EXPECT_EQ(std::string(results[1].child_value("EvalDecision")), "implicitDeny");
  EXPECT_EQ(std::string(results[1]
                            .child("PermissionsBoundaryDecisionDetail")
                            .child_value("AllowedByPermissionsBoundary")),
            "false");

  Params rp = {{"PolicyInputList.member.1", allow_all},
               {"ActionNames.member.1", "iam:GetUser"},
               {"ResourceArns.member.1", Arn("user/x")},
               {"CallerArn", Arn("user/caller")},
               {"ResourcePolicy",
                R"({"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":{"AWS":")" +
                    Arn("user/caller") + R"("},"Action":"iam:GetUser","Resource":"*"}})"}};
  const Reply denied_reply = Ok("SimulateCustomPolicy", rp);
  auto denied = Results(denied_reply, "SimulateCustomPolicy")[0];
  EXPECT_EQ(std::string(denied.child_value("EvalDecision")), "explicitDeny");
  auto m = denied.child("MatchedStatements").child("member");
  EXPECT_EQ(std::string(m.child_value("SourcePolicyId")), "ResourcePolicy");
  EXPECT_EQ(std::string(m.child_value("SourcePolicyType")), "Resource Policy");
}

}  // namespace
}  // namespace aic::emulator::state::testing
