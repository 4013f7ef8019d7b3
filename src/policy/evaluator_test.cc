// Evaluation order and policy kinds: explicit deny first, identity/resource allows, boundaries,
// session policies, principals of resource-based policies, matched statements.
#include <gtest/gtest.h>

#include "policy/policy_engine.h"
#include "policy/test_util.h"

namespace aic::policy {
namespace {

using testing::AllowDoc;
using testing::Decide;
using testing::MustParse;
using testing::Request;

constexpr const char* kUserArn = "arn:aws:iam::123456789012:user/alice";
constexpr const char* kRoleArn = "arn:aws:iam::123456789012:role/r";
constexpr const char* kSessionArn = "arn:aws:sts::123456789012:assumed-role/r/s";

std::string ResourceDoc(std::string_view effect, std::string_view principal,
                        std::string_view action = "sts:AssumeRole") {
  return std::string(R"({"Version":"2012-10-17","Statement":[{"Effect":")") + std::string(effect) +
         R"(","Principal":)" + std::string(principal) + R"(,"Action":")" + std::string(action) +
         R"("}]})";
}

RequestContext SessionRequest(std::string action) {
  RequestContext r = Request(std::move(action), "arn:aws:iam::123456789012:role/target");
  r.principal_arn = kRoleArn;
  r.session_arn = kSessionArn;
  return r;
}

TEST(EvaluatorTest, ImplicitDenyWithoutPolicies) {
  const Evaluation ev = Evaluate(PolicySet{}, Request("iam:GetUser"));
  EXPECT_EQ(ev.decision, Decision::kImplicitDeny);
  EXPECT_EQ(ev.reason, DenyReason::kNoIdentityAllow);
  EXPECT_TRUE(ev.matched.empty());
}

TEST(EvaluatorTest, ActionMatchingIsCaseInsensitive) {
  EXPECT_EQ(Decide(AllowDoc("IAM:getuser"), Request("iam:GetUser")), Decision::kAllowed);
  EXPECT_EQ(Decide(AllowDoc("iam:Get*"), Request("iam:GetUser")), Decision::kAllowed);
  EXPECT_EQ(Decide(AllowDoc("iam:*User"), Request("iam:GetUser")), Decision::kAllowed);
  EXPECT_EQ(Decide(AllowDoc("iam:?etUser"), Request("iam:GetUser")), Decision::kAllowed);
  EXPECT_EQ(Decide(AllowDoc("*"), Request("iam:GetUser")), Decision::kAllowed);
  EXPECT_EQ(Decide(AllowDoc("iam:List*"), Request("iam:GetUser")), Decision::kImplicitDeny);
  EXPECT_EQ(Decide(AllowDoc("sts:*"), Request("iam:GetUser")), Decision::kImplicitDeny);
}

TEST(EvaluatorTest, ResourceMatchingIsCaseSensitive) {
  const auto r = Request("iam:GetUser", kUserArn);
  EXPECT_EQ(Decide(AllowDoc("iam:GetUser", "arn:aws:iam::123456789012:user/*"), r),
            Decision::kAllowed);
  EXPECT_EQ(Decide(AllowDoc("iam:GetUser", "arn:aws:iam::123456789012:user/ALICE"), r),
            Decision::kImplicitDeny);
  EXPECT_EQ(Decide(AllowDoc("iam:GetUser", "arn:aws:iam::*:user/al?ce"), r), Decision::kAllowed);
  // An action without a resource type is requested on "*": a specific ARN does not match it.
  EXPECT_EQ(Decide(AllowDoc("iam:ListUsers", "arn:aws:iam::123456789012:user/*"),
                   Request("iam:ListUsers")),
            Decision::kImplicitDeny);
}

TEST(EvaluatorTest, NotActionAndNotResource) {
  const char* doc = R"({"Version":"2012-10-17","Statement":{"Effect":"Allow",
    "NotAction":"iam:Delete*","NotResource":"arn:aws:iam::123456789012:user/admin"}})";
  EXPECT_EQ(Decide(doc, Request("iam:GetUser", kUserArn)), Decision::kAllowed);
  EXPECT_EQ(Decide(doc, Request("iam:DeleteUser", kUserArn)), Decision::kImplicitDeny);
  EXPECT_EQ(Decide(doc, Request("iam:GetUser", "arn:aws:iam::123456789012:user/admin")),
            Decision::kImplicitDeny);
}

TEST(EvaluatorTest, ExplicitDenyOverridesAllow) {
  PolicySet set;
  set.identity.push_back(MustParse(AllowDoc("*"), "allow-all"));
  set.identity.push_back(MustParse(
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"},
{"Effect":"Deny","Action":"iam:Get*","Resource":"*"}]})",
      "deny"));
  const Evaluation ev = Evaluate(set, Request("iam:GetUser"));
  EXPECT_EQ(ev.decision, Decision::kExplicitDeny);
  EXPECT_EQ(ev.reason, DenyReason::kExplicitDenyIdentity);
  ASSERT_EQ(ev.matched.size(), 1u);
  EXPECT_EQ(ev.matched[0].source_policy_id, "deny");
  EXPECT_EQ(ev.matched[0].statement_index, 1);
  EXPECT_TRUE(ev.matched[0].deny);
  EXPECT_EQ(ev.matched[0].start.line, 1);  // the second statement starts where the first ends
  EXPECT_EQ(ev.matched[0].start.column, 94);
}

TEST(EvaluatorTest, MatchedStatementsListEveryAllow) {
  PolicySet set;
  set.identity.push_back(MustParse(AllowDoc("*"), "a", PolicyType::kUser));
  set.identity.push_back(MustParse(AllowDoc("iam:Get*"), "b", PolicyType::kGroup));
  set.identity.push_back(MustParse(AllowDoc("iam:List*"), "c", PolicyType::kGroup));
  const Evaluation ev = Evaluate(set, Request("iam:GetUser"));
  EXPECT_EQ(ev.decision, Decision::kAllowed);
  EXPECT_EQ(ev.reason, DenyReason::kNone);
  ASSERT_EQ(ev.matched.size(), 2u);
  EXPECT_EQ(ev.matched[0].source_policy_id, "a");
  EXPECT_EQ(ev.matched[0].source_policy_type, PolicyType::kUser);
  EXPECT_EQ(ev.matched[1].source_policy_id, "b");
}

TEST(EvaluatorTest, BoundaryLimitsIdentityAllows) {
  PolicySet set;
  set.identity.push_back(MustParse(AllowDoc("iam:*")));
  set.boundary = std::vector<PolicyHandle>{MustParse(AllowDoc("iam:Get*"), "boundary")};
  Evaluation ev = Evaluate(set, Request("iam:GetUser"));
  EXPECT_EQ(ev.decision, Decision::kAllowed);
  EXPECT_TRUE(ev.allowed_by_boundary);
  ev = Evaluate(set, Request("iam:CreateUser"));
  EXPECT_EQ(ev.decision, Decision::kImplicitDeny);
  EXPECT_EQ(ev.reason, DenyReason::kNoBoundaryAllow);
  EXPECT_FALSE(ev.allowed_by_boundary);
  // The boundary alone grants nothing.
  set.identity.clear();
  ev = Evaluate(set, Request("iam:GetUser"));
  EXPECT_EQ(ev.decision, Decision::kImplicitDeny);
  EXPECT_EQ(ev.reason, DenyReason::kNoIdentityAllow);
  EXPECT_TRUE(ev.allowed_by_boundary);
  // An empty boundary (set, no policy) allows nothing.
  set.identity.push_back(MustParse(AllowDoc("iam:*")));
  set.boundary = std::vector<PolicyHandle>{};
  EXPECT_EQ(Evaluate(set, Request("iam:GetUser")).reason, DenyReason::kNoBoundaryAllow);
}

TEST(EvaluatorTest, DenyInBoundaryOrSessionIsExplicit) {
  PolicySet set;
  set.identity.push_back(MustParse(AllowDoc("*")));
  set.boundary = std::vector<PolicyHandle>{MustParse(
      R"({"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"iam:Delete*","Resource":"*"}]})")};
  Evaluation ev = Evaluate(set, Request("iam:DeleteUser"));
  EXPECT_EQ(ev.decision, Decision::kExplicitDeny);
  EXPECT_EQ(ev.reason, DenyReason::kExplicitDenyBoundary);
  EXPECT_FALSE(ev.allowed_by_boundary);
  set.boundary.reset();
  set.session = std::vector<PolicyHandle>{
      MustParse(R"({"Statement":{"Effect":"Deny","Action":"iam:*","Resource":"*"}})")};
  ev = Evaluate(set, Request("iam:DeleteUser"));
  EXPECT_EQ(ev.reason, DenyReason::kExplicitDenySession);
}

TEST(EvaluatorTest, SessionPolicyLimitsIdentityAllows) {
  PolicySet set;
  set.identity.push_back(MustParse(AllowDoc("iam:*")));
  set.session = std::vector<PolicyHandle>{MustParse(AllowDoc("iam:List*"))};
  EXPECT_EQ(Evaluate(set, SessionRequest("iam:ListUsers")).decision, Decision::kAllowed);
  const Evaluation ev = Evaluate(set, SessionRequest("iam:GetUser"));
  EXPECT_EQ(ev.decision, Decision::kImplicitDeny);
  EXPECT_EQ(ev.reason, DenyReason::kNoSessionAllow);
}

TEST(EvaluatorTest, ResourcePolicyNamingTheUserIsNotLimitedByTheBoundary) {
  PolicySet set;
  set.resource.push_back(
      MustParse(ResourceDoc("Allow", std::string(R"({"AWS":")") + kUserArn + "\"}"), "trust",
                PolicyType::kResource));
  set.boundary = std::vector<PolicyHandle>{MustParse(AllowDoc("iam:*"))};
  const Evaluation ev =
      Evaluate(set, Request("sts:AssumeRole", "arn:aws:iam::123456789012:role/target"));
  EXPECT_EQ(ev.decision, Decision::kAllowed);
  ASSERT_EQ(ev.matched.size(), 1u);
  EXPECT_EQ(ev.matched[0].source_policy_type, PolicyType::kResource);
  EXPECT_FALSE(ev.allowed_by_boundary);
}

TEST(EvaluatorTest, ResourcePolicyNamingTheSessionIsNotLimited) {
  PolicySet set;
  set.resource.push_back(
      MustParse(ResourceDoc("Allow", std::string(R"({"AWS":")") + kSessionArn + "\"}"), "trust",
                PolicyType::kResource));
  set.boundary = std::vector<PolicyHandle>{MustParse(AllowDoc("iam:*"))};
  set.session = std::vector<PolicyHandle>{MustParse(AllowDoc("iam:*"))};
  EXPECT_EQ(Evaluate(set, SessionRequest("sts:AssumeRole")).decision, Decision::kAllowed);
}

TEST(EvaluatorTest, ResourcePolicyNamingTheRoleIsLimited) {
  PolicySet set;
  set.resource.push_back(
      MustParse(ResourceDoc("Allow", std::string(R"({"AWS":")") + kRoleArn + "\"}"), "trust",
                PolicyType::kResource));
  EXPECT_EQ(Evaluate(set, SessionRequest("sts:AssumeRole")).decision, Decision::kAllowed);
  set.boundary = std::vector<PolicyHandle>{MustParse(AllowDoc("iam:*"))};
  EXPECT_EQ(Evaluate(set, SessionRequest("sts:AssumeRole")).reason, DenyReason::kNoBoundaryAllow);
  set.boundary.reset();
  set.session = std::vector<PolicyHandle>{MustParse(AllowDoc("iam:*"))};
  EXPECT_EQ(Evaluate(set, SessionRequest("sts:AssumeRole")).reason, DenyReason::kNoSessionAllow);
}

TEST(EvaluatorTest, AccountPrincipalDelegatesToIdentityPolicies) {
  for (const char* principal :
       {R"({"AWS":"123456789012"})", R"({"AWS":"arn:aws:iam::123456789012:root"})"}) {
    PolicySet set;
    set.resource.push_back(
        MustParse(ResourceDoc("Allow", principal), "trust", PolicyType::kResource));
    RequestContext r = Request("sts:AssumeRole", "arn:aws:iam::123456789012:role/target");
    Evaluation ev = Evaluate(set, r);
    EXPECT_EQ(ev.decision, Decision::kImplicitDeny) << principal;
    EXPECT_EQ(ev.reason, DenyReason::kNoIdentityAllow);
    set.identity.push_back(MustParse(AllowDoc("sts:AssumeRole")));
    ev = Evaluate(set, r);
    EXPECT_EQ(ev.decision, Decision::kAllowed) << principal;
    // The trust policy's statement decided too (a trust policy must allow).
    ASSERT_EQ(ev.matched.size(), 2u);
    EXPECT_EQ(ev.matched[0].source_policy_type, PolicyType::kUserManaged);
    EXPECT_EQ(ev.matched[1].source_policy_type, PolicyType::kResource);
  }
}

TEST(EvaluatorTest, ResourcePolicyPrincipalForms) {
  RequestContext r = Request("sts:AssumeRole", "arn:aws:iam::123456789012:role/target");
  auto decide = [&](std::string_view principal, const RequestContext& req) {
    PolicySet set;
    set.resource.push_back(MustParse(ResourceDoc("Allow", principal), "t", PolicyType::kResource));
    return Evaluate(set, req).decision;
  };
  EXPECT_EQ(decide(R"("*")", r), Decision::kAllowed);
  EXPECT_EQ(decide(R"({"AWS":"*"})", r), Decision::kAllowed);
  EXPECT_EQ(decide(R"({"AWS":["arn:aws:iam::123456789012:user/bob"]})", r),
            Decision::kImplicitDeny);
  EXPECT_EQ(decide(R"({"AWS":"111122223333"})", r), Decision::kImplicitDeny);
  RequestContext svc = r;
  svc.principal_arn.clear();
  svc.principal_account.clear();
  svc.service_principal = "ec2.amazonaws.com";
  EXPECT_EQ(decide(R"({"Service":["ec2.amazonaws.com"]})", svc), Decision::kAllowed);
  EXPECT_EQ(decide(R"({"Service":"lambda.amazonaws.com"})", svc), Decision::kImplicitDeny);
  RequestContext fed = r;
  fed.principal_arn.clear();
  fed.federated = "arn:aws:iam::123456789012:saml-provider/idp";
  EXPECT_EQ(decide(R"({"Federated":"arn:aws:iam::123456789012:saml-provider/idp"})", fed),
            Decision::kAllowed);
  // A resource-based policy without Principal names nobody.
  PolicySet set;
  set.resource.push_back(MustParse(AllowDoc("sts:AssumeRole"), "t", PolicyType::kResource));
  EXPECT_EQ(Evaluate(set, r).decision, Decision::kImplicitDeny);
}

TEST(EvaluatorTest, NotPrincipalDeny) {
  RequestContext r = Request("iam:GetRole", "arn:aws:iam::123456789012:role/target");
  PolicySet set;
  set.identity.push_back(MustParse(AllowDoc("*")));
  set.resource.push_back(MustParse(
      ResourceDoc(
          "Deny",
          std::string(R"({"AWS":[")") + kUserArn + R"(","arn:aws:iam::123456789012:root"]})", "*"),
      "t", PolicyType::kResource));
  EXPECT_EQ(Evaluate(set, r).decision, Decision::kExplicitDeny);  // Principal, not NotPrincipal
  set.resource.clear();
  std::string doc = R"({"Statement":{"Effect":"Deny","NotPrincipal":{"AWS":[")" +
                    std::string(kUserArn) +
                    R"(","arn:aws:iam::123456789012:root"]},"Action":"*"}})";
  set.resource.push_back(MustParse(doc, "t", PolicyType::kResource));
  EXPECT_EQ(Evaluate(set, r).decision, Decision::kAllowed);
  RequestContext bob = r;
  bob.principal_arn = "arn:aws:iam::123456789012:user/bob";
  const Evaluation ev = Evaluate(set, bob);
  EXPECT_EQ(ev.decision, Decision::kExplicitDeny);
  EXPECT_EQ(ev.reason, DenyReason::kExplicitDenyResource);
  // Without the account listed, the user is not excluded.
  set.resource.clear();
  doc = R"({"Statement":{"Effect":"Deny","NotPrincipal":{"AWS":")" + std::string(kUserArn) +
        R"("},"Action":"*"}})";
  set.resource.push_back(MustParse(doc, "t", PolicyType::kResource));
  EXPECT_EQ(Evaluate(set, r).decision, Decision::kExplicitDeny);
}

TEST(EvaluatorTest, NotPrincipalDenyAlwaysDeniesACallerWithABoundary) {
  RequestContext r = Request("sts:AssumeRole", "arn:aws:iam::123456789012:role/target");
  PolicySet set;
  set.identity.push_back(MustParse(AllowDoc("*")));
  set.boundary = std::vector<PolicyHandle>{MustParse(AllowDoc("*"))};
  const std::string doc = R"({"Statement":{"Effect":"Deny","NotPrincipal":{"AWS":[")" +
                          std::string(kUserArn) +
                          R"(","arn:aws:iam::123456789012:root"]},"Action":"*"}})";
  set.resource.push_back(MustParse(doc, "t", PolicyType::kResource));
  EXPECT_EQ(Evaluate(set, r).decision, Decision::kExplicitDeny);
}

TEST(EvaluatorTest, TrustPolicyMustAllow) {
  RequestContext r = Request("sts:AssumeRole", "arn:aws:iam::123456789012:role/target");
  PolicySet set;
  set.identity.push_back(MustParse(AllowDoc("sts:AssumeRole")));
  EXPECT_EQ(Evaluate(set, r).decision, Decision::kAllowed);  // no trust policy given
  set.resource.push_back(
      MustParse(ResourceDoc("Allow", R"({"AWS":"arn:aws:iam::123456789012:user/bob"})"), "t",
                PolicyType::kResource));
  const Evaluation ev = Evaluate(set, r);
  EXPECT_EQ(ev.decision, Decision::kImplicitDeny);
  EXPECT_EQ(ev.reason, DenyReason::kNoIdentityAllow);
  // Other actions keep the "identity OR resource" rule.
  set.resource.clear();
  set.resource.push_back(MustParse(
      ResourceDoc("Allow", R"({"AWS":"arn:aws:iam::123456789012:user/bob"})", "iam:GetRole"), "t",
      PolicyType::kResource));
  set.identity.push_back(MustParse(AllowDoc("iam:GetRole")));
  EXPECT_EQ(Evaluate(set, Request("iam:GetRole", "arn:aws:iam::123456789012:role/target")).decision,
            Decision::kAllowed);
}

TEST(EvaluatorTest, CrossAccountNeedsBothSides) {
  RequestContext r = Request("sts:AssumeRole", "arn:aws:iam::111122223333:role/target");
  r.resource_account = "111122223333";
  PolicySet set;
  set.resource.push_back(
      MustParse(ResourceDoc("Allow", R"({"AWS":"123456789012"})"), "t", PolicyType::kResource));
  EXPECT_EQ(Evaluate(set, r).decision, Decision::kImplicitDeny);
  set.identity.push_back(MustParse(AllowDoc("sts:AssumeRole")));
  EXPECT_EQ(Evaluate(set, r).decision, Decision::kAllowed);
  set.resource.clear();
  EXPECT_EQ(Evaluate(set, r).decision, Decision::kImplicitDeny);
}

TEST(EvaluatorTest, NamesAndTypes) {
  EXPECT_EQ(DecisionName(Decision::kAllowed), "allowed");
  EXPECT_EQ(DecisionName(Decision::kExplicitDeny), "explicitDeny");
  EXPECT_EQ(DecisionName(Decision::kImplicitDeny), "implicitDeny");
  EXPECT_EQ(PolicyTypeName(PolicyType::kAwsManaged), "aws-managed");
  EXPECT_EQ(PolicyTypeName(PolicyType::kUserManaged), "user-managed");
  EXPECT_EQ(PolicyTypeName(PolicyType::kResource), "resource");
  EXPECT_EQ(PolicyTypeName(PolicyType::kNone), "none");
  EXPECT_EQ(PolicyTypeName(PolicyType::kUser), "user");
  EXPECT_EQ(PolicyTypeName(PolicyType::kGroup), "group");
  EXPECT_EQ(PolicyTypeName(PolicyType::kRole), "role");
}

}  // namespace
}  // namespace aic::policy
