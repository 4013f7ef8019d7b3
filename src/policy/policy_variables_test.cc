// Policy variables (reference_policies_variables.html) in resources and condition values.
#include "policy/policy_variables.h"

#include <gtest/gtest.h>

#include "policy/test_util.h"

namespace aic::policy {
namespace {

using testing::AllowDoc;
using testing::Decide;
using testing::MustParse;
using testing::Request;

const char* kHome = "arn:aws:iam::123456789012:user/home/${aws:username}";

TEST(PolicyVariablesTest, UsernameInResource) {
  EXPECT_EQ(Decide(AllowDoc("iam:GetUser", kHome),
                   Request("iam:GetUser", "arn:aws:iam::123456789012:user/home/alice")),
            Decision::kAllowed);
  EXPECT_EQ(Decide(AllowDoc("iam:GetUser", kHome),
                   Request("iam:GetUser", "arn:aws:iam::123456789012:user/home/bob")),
            Decision::kImplicitDeny);
}

TEST(PolicyVariablesTest, OnlyInVersion2012) {
  const std::string doc =
      std::string(
          R"({"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":")") +
      kHome + "\"}}";
  EXPECT_EQ(Decide(doc, Request("iam:GetUser", "arn:aws:iam::123456789012:user/home/alice")),
            Decision::kImplicitDeny);
  EXPECT_EQ(Decide(doc, Request("iam:GetUser", kHome)), Decision::kAllowed);  // literal text
  const std::string none =
      std::string(R"({"Statement":{"Effect":"Allow","Action":"*","Resource":")") + kHome + "\"}}";
  EXPECT_EQ(Decide(none, Request("iam:GetUser", kHome)), Decision::kAllowed);
}

TEST(PolicyVariablesTest, MissingKeyDoesNotMatch) {
  RequestContext r = Request("iam:GetUser", "arn:aws:iam::123456789012:user/home/alice");
  r.keys.erase("aws:username");
  PolicySet set;
  set.identity.push_back(MustParse(AllowDoc("iam:GetUser", kHome)));
  const Evaluation ev = Evaluate(set, r);
  EXPECT_EQ(ev.decision, Decision::kImplicitDeny);
  EXPECT_EQ(ev.missing_context_keys, std::vector<std::string>{"aws:username"});
}

TEST(PolicyVariablesTest, DefaultValue) {
  const char* res = "arn:aws:iam::123456789012:user/${aws:PrincipalTag/team, 'company'}/*";
  RequestContext r = Request("iam:GetUser", "arn:aws:iam::123456789012:user/company/x");
  EXPECT_EQ(Decide(AllowDoc("iam:GetUser", res), r), Decision::kAllowed);
  r.keys["aws:principaltag/team"] = {"blue"};
  EXPECT_EQ(Decide(AllowDoc("iam:GetUser", res), r), Decision::kImplicitDeny);
  r.resource = "arn:aws:iam::123456789012:user/blue/x";
  EXPECT_EQ(Decide(AllowDoc("iam:GetUser", res), r), Decision::kAllowed);
}

TEST(PolicyVariablesTest, MultiValuedKeyCannotBeAVariable) {
  RequestContext r = Request("iam:GetUser", "arn:aws:iam::123456789012:user/a");
  r.keys["aws:tagkeys"] = {"a", "b"};
  EXPECT_EQ(Decide(AllowDoc("iam:GetUser", "arn:aws:iam::123456789012:user/${aws:TagKeys}"), r),
            Decision::kImplicitDeny);
}

TEST(PolicyVariablesTest, SpecialCharactersAreLiteral) {
  const char* res = "arn:aws:iam::123456789012:user/${*}${?}${$}";
  EXPECT_EQ(Decide(AllowDoc("iam:GetUser", res),
                   Request("iam:GetUser", "arn:aws:iam::123456789012:user/*?$")),
            Decision::kAllowed);
  EXPECT_EQ(Decide(AllowDoc("iam:GetUser", res),
                   Request("iam:GetUser", "arn:aws:iam::123456789012:user/xy$")),
            Decision::kImplicitDeny);
}

TEST(PolicyVariablesTest, SubstitutedValuesAreLiteral) {
  RequestContext r = Request("iam:GetUser", "arn:aws:iam::123456789012:user/anything");
  r.keys["aws:username"] = {"*"};
  EXPECT_EQ(Decide(AllowDoc("iam:GetUser", "arn:aws:iam::123456789012:user/${aws:username}"), r),
            Decision::kImplicitDeny);
}

TEST(PolicyVariablesTest, InConditionValues) {
  RequestContext r = Request("iam:GetUser");
  r.keys["aws:principaltag/owner"] = {"alice"};
  EXPECT_EQ(Decide(AllowDoc("iam:GetUser", "*",
                            R"({"StringEquals":{"aws:PrincipalTag/owner":"${aws:username}"}})"),
                   r),
            Decision::kAllowed);
  r.keys["aws:principaltag/owner"] = {"bob"};
  EXPECT_EQ(Decide(AllowDoc("iam:GetUser", "*",
                            R"({"StringEquals":{"aws:PrincipalTag/owner":"${aws:username}"}})"),
                   r),
            Decision::kImplicitDeny);
}

TEST(PolicyVariablesTest, InArnAndLikeConditions) {
  RequestContext r = Request("iam:GetUser");
  r.keys["aws:principalarn"] = {"arn:aws:iam::123456789012:user/team/alice"};
  const char* arn = R"({"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/*/${aws:username}"}})";
  EXPECT_EQ(Decide(AllowDoc("iam:GetUser", "*", arn), r), Decision::kAllowed);
  r.keys["aws:username"] = {"bob"};
  EXPECT_EQ(Decide(AllowDoc("iam:GetUser", "*", arn), r), Decision::kImplicitDeny);
  // A substituted '*' is literal in StringLike too.
  r.keys["aws:username"] = {"*"};
  r.keys["k"] = {"anything"};
  EXPECT_EQ(Decide(AllowDoc("iam:GetUser", "*", R"({"StringLike":{"k":"${aws:username}"}})"), r),
            Decision::kImplicitDeny);
  r.keys["k"] = {"*"};
  EXPECT_EQ(Decide(AllowDoc("iam:GetUser", "*", R"({"StringLike":{"k":"${aws:username}"}})"), r),
            Decision::kAllowed);
}

TEST(PolicyVariablesTest, UnresolvedValueUnderANegatedOperator) {
  // The value with the unresolved variable matches nothing, so StringNotEquals holds.
  RequestContext r = Request("iam:GetUser");
  r.keys["k"] = {"x"};
  EXPECT_EQ(Decide(AllowDoc("iam:GetUser", "*",
                            R"({"StringNotEquals":{"k":"${aws:PrincipalTag/none}"}})"),
                   r),
            Decision::kAllowed);
}

TEST(PolicyVariablesTest, NotInActions) {
  EXPECT_EQ(Decide(AllowDoc("iam:${aws:username}"), Request("iam:alice")), Decision::kImplicitDeny);
}

TEST(PolicyVariablesTest, TemplateParsing) {
  const internal::ValueTemplate t = internal::ParseTemplate("a${ AWS:UserName }b${x, 'd'}${", true);
  ASSERT_EQ(t.parts.size(), 5u);
  EXPECT_EQ(t.parts[1].text, "aws:username");
  EXPECT_EQ(t.parts[3].text, "x");
  EXPECT_TRUE(t.parts[3].has_default);
  EXPECT_EQ(t.parts[3].default_value, "d");
  RequestContext r;
  std::string out, lit;
  EXPECT_FALSE(internal::ExpandTemplate(t, r, out, lit, nullptr));
  r.keys["aws:username"] = {"u"};
  ASSERT_TRUE(internal::ExpandTemplate(t, r, out, lit, nullptr));
  EXPECT_EQ(out, "aubd${");
  EXPECT_FALSE(internal::ParseTemplate("plain", true).has_variables());
  EXPECT_FALSE(internal::ParseTemplate("${aws:username}", false).has_variables());
}

}  // namespace
}  // namespace aic::policy
