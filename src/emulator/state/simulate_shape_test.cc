// Checks the XML of SimulatePrincipalPolicy and SimulateCustomPolicy against the AWS model,
// from the backend and, with matched statements and a boundary, from the writer itself.
#include "emulator/state/shape_checker_test_util.h"
#include "emulator/state/simulate_response.h"

namespace aic::emulator::state::testing {
namespace {

using EmuStateSimulateShapeTest = ShapeTest;

const char* const kAllowAll =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"},)"
    R"({"Effect":"Deny","Action":"iam:DeleteUser","Resource":"*",)"
    R"("Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}}]})";

TEST_F(EmuStateSimulateShapeTest, BackendAnswersFollowTheModel) {
  const json model = LoadModel("iam");
  auto run = [&](const std::string& action, std::map<std::string, std::string> p) {
    Reply r = Call(action, p);
    CheckAction(model, r, action);
    return r;
  };
  Ok("CreatePolicy", {{"PolicyName", "mp"}, {"PolicyDocument", kAllowAll}});
  const std::string mp = "arn:aws:iam::123456789012:policy/mp";
  Ok("CreateUser", {{"UserName", "u"}, {"PermissionsBoundary", mp}});
  Ok("PutUserPolicy", {{"UserName", "u"}, {"PolicyName", "p"}, {"PolicyDocument", kAllowAll}});
  Ok("AttachUserPolicy", {{"UserName", "u"}, {"PolicyArn", mp}});
  Ok("CreateGroup", {{"GroupName", "g"}});
  Ok("AttachGroupPolicy", {{"GroupName", "g"}, {"PolicyArn", mp}});
  Ok("AddUserToGroup", {{"GroupName", "g"}, {"UserName", "u"}});
  Ok("CreateRole", {{"RoleName", "r"},
                    {"AssumeRolePolicyDocument",
                     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":)"
                     R"({"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})"}});
  Ok("PutRolePolicy", {{"RoleName", "r"}, {"PolicyName", "p"}, {"PolicyDocument", kAllowAll}});

  run("SimulatePrincipalPolicy",
      {{"PolicySourceArn", "arn:aws:iam::123456789012:user/u"},
       {"ActionNames.member.1", "iam:GetUser"},
       {"ActionNames.member.2", "iam:DeleteUser"},
       {"ResourceArns.member.1", "arn:aws:iam::123456789012:user/u"},
       {"ResourceArns.member.2", "arn:aws:iam::123456789012:user/v"},
       {"ContextEntries.member.1.ContextKeyName", "aws:RequestedRegion"},
       {"ContextEntries.member.1.ContextKeyValues.member.1", "us-east-1"},
       {"ContextEntries.member.1.ContextKeyType", "string"}});
  run("SimulatePrincipalPolicy", {{"PolicySourceArn", "arn:aws:iam::123456789012:group/g"},
                                  {"ActionNames.member.1", "iam:GetUser"}});
  Reply paged =
      run("SimulatePrincipalPolicy", {{"PolicySourceArn", "arn:aws:iam::123456789012:role/r"},
                                      {"ActionNames.member.1", "iam:GetUser"},
                                      {"ActionNames.member.2", "iam:ListUsers"},
                                      {"MaxItems", "1"}});
  EXPECT_EQ(paged.Text("SimulatePrincipalPolicyResult/IsTruncated"), "true");
  run("SimulateCustomPolicy",
      {{"PolicyInputList.member.1", kAllowAll},
       {"PermissionsBoundaryPolicyInputList.member.1", kAllowAll},
       {"ActionNames.member.1", "iam:DeleteUser"},
       {"ResourceArns.member.1", "arn:aws:iam::123456789012:user/u"},
       {"ResourcePolicy",
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},)"
        R"("Action":"iam:*","Resource":"*"}]})"},
       {"CallerArn", "arn:aws:iam::123456789012:user/u"},
       {"ResourceOwner", "arn:aws:iam::123456789012:root"},
       {"ContextEntries.member.1.ContextKeyName", "aws:MultiFactorAuthPresent"},
       {"ContextEntries.member.1.ContextKeyValues.member.1", "TRUE"},
       {"ContextEntries.member.1.ContextKeyType", "boolean"}});
  EXPECT_EQ(checked_, 4);
}

TEST_F(EmuStateSimulateShapeTest, MatchedStatementsAndBoundaryFollowTheModel) {
  const json model = LoadModel("iam");
  policy::Evaluation ev;
  ev.decision = policy::Decision::kExplicitDeny;
  ev.reason = policy::DenyReason::kExplicitDenyResource;
  ev.allowed_by_boundary = false;
  ev.missing_context_keys = {"aws:requestedregion"};
  policy::MatchedStatement deny;
  deny.source_policy_id = "ResourcePolicy";
  deny.source_policy_type = policy::PolicyType::kResource;
  deny.deny = true;
  deny.start = {1, 15};  // the engine's positions are written as they are
  deny.end = {1, 75};
  policy::MatchedStatement second;
  second.source_policy_id = "PolicyInputList.1";
  second.statement_index = 1;
  second.start = {1, 88};
  second.end = {1, 150};
  ev.matched = {deny, second};

  for (const char* resource : {"*", "arn:aws:iam::123456789012:user/u"}) {
    XmlWriter w;
    w.Open("SimulateCustomPolicyResponse", kIamNamespace);
    w.Open("SimulateCustomPolicyResult");
    w.Open("EvaluationResults");
    WriteEvaluationResult(w, /*boundary_applies=*/true, "iam:DeleteUser", resource, ev);
    w.Close();
    w.Element("IsTruncated", false);
    w.Close();
    w.ResponseMetadata("req-1");
    Reply r;
    r.status = 200;
    r.body = std::move(w).Finish();
    ASSERT_TRUE(r.doc->load_string(r.body.c_str())) << r.body;
    CheckAction(model, r, "SimulateCustomPolicy");

    const std::string m = "SimulateCustomPolicyResult/EvaluationResults/member/";
    EXPECT_EQ(r.Text(m + "EvalDecision"), "explicitDeny");
    EXPECT_EQ(r.Text(m + "MatchedStatements/member/SourcePolicyId"), "ResourcePolicy");
    EXPECT_EQ(r.Text(m + "MatchedStatements/member/SourcePolicyType"), "Resource Policy");
    EXPECT_EQ(r.Text(m + "MatchedStatements/member/StartPosition/Column"), "15");
    EXPECT_EQ(r.Text(m + "MatchedStatements/member/EndPosition/Column"), "75");
    pugi::xml_node second_node = r.Node(m + "MatchedStatements").first_child().next_sibling();
    EXPECT_EQ(std::string(second_node.child_value("SourcePolicyType")), "IAM Policy");
    EXPECT_EQ(second_node.child("StartPosition").child("Column").text().as_int(), 88);
    EXPECT_EQ(r.Text(m + "PermissionsBoundaryDecisionDetail/AllowedByPermissionsBoundary"),
              "false");
    const bool specific = std::string(resource) != "*";
    EXPECT_EQ(Members(r.Node(m + "MissingContextValues")), specific ? 0 : 1);
    EXPECT_EQ(static_cast<bool>(r.Node(m + "EvalDecisionDetails")), specific);
    EXPECT_EQ(Members(r.Node(m + "ResourceSpecificResults")), specific ? 1 : 0);
    if (specific) {
      EXPECT_EQ(r.Text(m + "ResourceSpecificResults/member/EvalResourceDecision"), "explicitDeny");
      EXPECT_EQ(r.Text(m + "ResourceSpecificResults/member/MissingContextValues/member"),
                "aws:requestedregion");
    }
  }
  EXPECT_EQ(checked_, 2);
}

}  // namespace
}  // namespace aic::emulator::state::testing
