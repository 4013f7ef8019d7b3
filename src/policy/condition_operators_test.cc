// Every condition operator, with the examples of
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// and the single- vs multi-valued key rules.
#include "policy/condition_operators.h"

#include <gtest/gtest.h>

#include "policy/test_util.h"

namespace aic::policy {
namespace {

using testing::AllowDoc;
using testing::Decide;
using testing::Request;

// Whether `condition` (a JSON object) holds for a request carrying `keys`.
bool Holds(std::string_view condition, std::map<std::string, std::vector<std::string>> keys = {}) {
  RequestContext r = Request("iam:GetUser");
  for (auto& [k, v] : keys) r.keys[k] = v;
  return Decide(AllowDoc("iam:GetUser", "*", condition), r) == Decision::kAllowed;
}

TEST(ConditionOperatorsTest, StringEquals) {
  const char* c = R"({"StringEquals":{"aws:PrincipalTag/job-category":"iamuser-admin"}})";
  EXPECT_TRUE(Holds(c, {{"aws:principaltag/job-category", {"iamuser-admin"}}}));
  EXPECT_FALSE(Holds(c, {{"aws:principaltag/job-category", {"IAMUSER-ADMIN"}}}));
  EXPECT_FALSE(Holds(c));  // absent key: a positive operator fails
  // Keys are case-insensitive, values case-sensitive; several values are ORed.
  EXPECT_TRUE(Holds(R"({"StringEquals":{"AWS:UserName":["bob","alice"]}})"));
  EXPECT_FALSE(Holds(R"({"StringEquals":{"aws:username":"Alice"}})"));
}

TEST(ConditionOperatorsTest, StringNotEquals) {
  const char* c = R"({"StringNotEquals":{"aws:PrincipalTag/dept":["a","b"]}})";
  EXPECT_TRUE(Holds(c, {{"aws:principaltag/dept", {"c"}}}));
  EXPECT_FALSE(Holds(c, {{"aws:principaltag/dept", {"b"}}}));  // NOR of the values
  EXPECT_TRUE(Holds(c));  // absent key: a negated operator holds
}

TEST(ConditionOperatorsTest, StringIgnoreCase) {
  EXPECT_TRUE(Holds(R"({"StringEqualsIgnoreCase":{"aws:username":"ALICE"}})"));
  EXPECT_FALSE(Holds(R"({"StringNotEqualsIgnoreCase":{"aws:username":"ALICE"}})"));
  EXPECT_TRUE(Holds(R"({"StringNotEqualsIgnoreCase":{"aws:username":"bob"}})"));
}

TEST(ConditionOperatorsTest, StringLike) {
  const char* c = R"({"StringLike":{"s3:prefix":["","home/","home/${aws:username}/*"]}})";
  EXPECT_TRUE(Holds(c, {{"s3:prefix", {""}}}));
  EXPECT_TRUE(Holds(c, {{"s3:prefix", {"home/alice/photos"}}}));
  EXPECT_FALSE(Holds(c, {{"s3:prefix", {"home/bob/photos"}}}));
  EXPECT_FALSE(Holds(R"({"StringLike":{"aws:username":"AL*"}})"));  // case-sensitive
  EXPECT_TRUE(Holds(R"({"StringLike":{"aws:username":"a?i*"}})"));
  EXPECT_FALSE(Holds(R"({"StringNotLike":{"aws:username":"a*"}})"));
  EXPECT_TRUE(Holds(R"({"StringNotLike":{"aws:username":"b*"}})"));
}

TEST(ConditionOperatorsTest, Numeric) {
  const char* c = R"({"NumericLessThanEquals":{"s3:max-keys":"10"}})";
  EXPECT_TRUE(Holds(c, {{"s3:max-keys", {"10"}}}));
  EXPECT_TRUE(Holds(c, {{"s3:max-keys", {"2"}}}));
  EXPECT_FALSE(Holds(c, {{"s3:max-keys", {"11"}}}));
  EXPECT_FALSE(Holds(c, {{"s3:max-keys", {"ten"}}}));
  EXPECT_FALSE(Holds(c));
  EXPECT_TRUE(Holds(R"({"NumericEquals":{"k":10}})", {{"k", {"10.0"}}}));  // JSON number
  EXPECT_TRUE(Holds(R"({"NumericNotEquals":{"k":"10"}})", {{"k", {"11"}}}));
  EXPECT_FALSE(Holds(R"({"NumericNotEquals":{"k":"10"}})", {{"k", {"10"}}}));
  EXPECT_TRUE(Holds(R"({"NumericLessThan":{"k":"10"}})", {{"k", {"9.5"}}}));
  EXPECT_FALSE(Holds(R"({"NumericLessThan":{"k":"10"}})", {{"k", {"10"}}}));
  EXPECT_TRUE(Holds(R"({"NumericGreaterThan":{"k":"10"}})", {{"k", {"11"}}}));
  EXPECT_FALSE(Holds(R"({"NumericGreaterThan":{"k":"10"}})", {{"k", {"10"}}}));
  EXPECT_TRUE(Holds(R"({"NumericGreaterThanEquals":{"k":"10"}})", {{"k", {"10"}}}));
  EXPECT_TRUE(Holds(R"({"NumericGreaterThanEquals":{"k":"-1"}})", {{"k", {"-0.5"}}}));
}

TEST(ConditionOperatorsTest, Date) {
  const char* c = R"({"DateGreaterThan":{"aws:TokenIssueTime":"2020-01-01T00:00:01Z"}})";
  EXPECT_TRUE(Holds(c, {{"aws:tokenissuetime", {"2020-01-01T00:00:02Z"}}}));
  EXPECT_FALSE(Holds(c, {{"aws:tokenissuetime", {"2020-01-01T00:00:01Z"}}}));
  EXPECT_TRUE(Holds(c, {{"aws:tokenissuetime", {"1577836802"}}}));  // epoch seconds
  EXPECT_TRUE(Holds(c, {{"aws:tokenissuetime", {"2020-01-01T01:00:00+00:30"}}}));
  EXPECT_FALSE(Holds(c, {{"aws:tokenissuetime", {"yesterday"}}}));
  EXPECT_TRUE(Holds(R"({"DateEquals":{"aws:CurrentTime":"2024-03-01"}})",
                    {{"aws:currenttime", {"2024-03-01T00:00:00Z"}}}));
  EXPECT_TRUE(Holds(R"({"DateNotEquals":{"aws:CurrentTime":"2024-03-01"}})",
                    {{"aws:currenttime", {"2024-03-02T00:00:00.000Z"}}}));
  EXPECT_TRUE(Holds(R"({"DateLessThan":{"aws:CurrentTime":"2024-03-01T12:00:00Z"}})",
                    {{"aws:currenttime", {"2024-03-01T11:59:59Z"}}}));
  EXPECT_TRUE(Holds(R"({"DateLessThanEquals":{"aws:EpochTime":"1700000000"}})",
                    {{"aws:epochtime", {"1700000000"}}}));
  EXPECT_TRUE(Holds(R"({"DateGreaterThanEquals":{"aws:CurrentTime":"2024-03-01T12:00Z"}})",
                    {{"aws:currenttime", {"2024-03-01T12:00:00Z"}}}));
}

TEST(ConditionOperatorsTest, Bool) {
  const char* c = R"({"Bool":{"aws:SecureTransport":"true"}})";
  EXPECT_TRUE(Holds(c, {{"aws:securetransport", {"true"}}}));
  EXPECT_FALSE(Holds(c, {{"aws:securetransport", {"false"}}}));
  EXPECT_FALSE(Holds(c));
  EXPECT_TRUE(
      Holds(R"({"Bool":{"aws:SecureTransport":true}})", {{"aws:securetransport", {"true"}}}));
  EXPECT_TRUE(Holds(R"({"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}})"));
}

TEST(ConditionOperatorsTest, BinaryEquals) {
  const char* c = R"({"BinaryEquals":{"key":"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}})";
  EXPECT_TRUE(Holds(c, {{"key", {"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}}));
  EXPECT_FALSE(Holds(c, {{"key", {"QmluYXJ5"}}}));
}

TEST(ConditionOperatorsTest, IpAddress) {
  const char* c = R"({"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}})";
  EXPECT_TRUE(Holds(c, {{"aws:sourceip", {"203.0.113.7"}}}));
  EXPECT_FALSE(Holds(c, {{"aws:sourceip", {"203.0.114.7"}}}));
  EXPECT_FALSE(Holds(c, {{"aws:sourceip", {"not-an-ip"}}}));
  EXPECT_FALSE(Holds(c, {{"aws:sourceip", {"2001:db8::1"}}}));
  EXPECT_TRUE(
      Holds(R"({"IpAddress":{"aws:SourceIp":["203.0.113.0/24","2001:DB8:1234:5678::/64"]}})",
            {{"aws:sourceip", {"2001:db8:1234:5678::99"}}}));
  EXPECT_TRUE(
      Holds(R"({"IpAddress":{"aws:SourceIp":"10.1.2.3"}})", {{"aws:sourceip", {"10.1.2.3"}}}));
  EXPECT_TRUE(Holds(R"({"NotIpAddress":{"aws:SourceIp":"192.0.2.0/24"}})",
                    {{"aws:sourceip", {"203.0.113.7"}}}));
  EXPECT_FALSE(Holds(R"({"NotIpAddress":{"aws:SourceIp":"0.0.0.0/0"}})",
                     {{"aws:sourceip", {"203.0.113.7"}}}));
}

TEST(ConditionOperatorsTest, Arn) {
  const char* c = R"({"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:123456789012:topic"}})";
  EXPECT_TRUE(Holds(c, {{"aws:sourcearn", {"arn:aws:sns:us-east-1:123456789012:topic"}}}));
  EXPECT_FALSE(Holds(c, {{"aws:sourcearn", {"arn:aws:sns:us-east-1:123456789012:other"}}}));
  const char* like = R"({"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/admin-*"}})";
  EXPECT_TRUE(Holds(like, {{"aws:principalarn", {"arn:aws:iam::123456789012:role/admin-x"}}}));
  EXPECT_FALSE(Holds(like, {{"aws:principalarn", {"arn:aws:iam::123456789012:user/admin-x"}}}));
  // Per-segment: a '*' does not run across a colon into the next component.
  EXPECT_FALSE(Holds(R"({"ArnLike":{"aws:SourceArn":"arn:aws:*:topic"}})",
                     {{"aws:sourcearn", {"arn:aws:sns:us-east-1:1:topic"}}}));
  EXPECT_TRUE(Holds(R"({"ArnLike":{"aws:SourceArn":"arn:aws:*:*:*:topic"}})",
                    {{"aws:sourcearn", {"arn:aws:sns:us-east-1:1:topic"}}}));
  // The resource component keeps its colons.
  EXPECT_TRUE(Holds(R"({"ArnLike":{"k":"arn:aws:logs:*:*:log-group:*"}})",
                    {{"k", {"arn:aws:logs:us-east-1:1:log-group:g:log-stream:s"}}}));
  EXPECT_FALSE(Holds(c, {{"aws:sourcearn", {"not-an-arn"}}}));
  EXPECT_TRUE(Holds(R"({"ArnLike":{"k":"*"}})", {{"k", {"arn:aws:s3:::b"}}}));
  EXPECT_TRUE(Holds(R"({"ArnNotEquals":{"k":"arn:aws:s3:::a"}})", {{"k", {"arn:aws:s3:::b"}}}));
  EXPECT_FALSE(Holds(R"({"ArnNotLike":{"k":"arn:aws:s3:::*"}})", {{"k", {"arn:aws:s3:::b"}}}));
  EXPECT_TRUE(Holds(R"({"ArnNotLike":{"k":"arn:aws:s3:::*"}})"));
}

TEST(ConditionOperatorsTest, Null) {
  EXPECT_TRUE(Holds(R"({"Null":{"aws:TokenIssueTime":"true"}})"));
  EXPECT_FALSE(Holds(R"({"Null":{"aws:TokenIssueTime":"true"}})",
                     {{"aws:tokenissuetime", {"2024-01-01T00:00:00Z"}}}));
  EXPECT_TRUE(Holds(R"({"Null":{"aws:TokenIssueTime":"false"}})",
                    {{"aws:tokenissuetime", {"2024-01-01T00:00:00Z"}}}));
  EXPECT_TRUE(Holds(R"({"Null":{"aws:TokenIssueTime":false}})",
                    {{"aws:tokenissuetime", {"2024-01-01T00:00:00Z"}}}));
  EXPECT_FALSE(Holds(R"({"Null":{"aws:TokenIssueTime":"false"}})"));
}

TEST(ConditionOperatorsTest, IfExists) {
  const char* c = R"({"StringLikeIfExists":{"ec2:InstanceType":["t1.*","t2.*","m3.*"]}})";
  EXPECT_TRUE(Holds(c));
  EXPECT_TRUE(Holds(c, {{"ec2:instancetype", {"t2.micro"}}}));
  EXPECT_FALSE(Holds(c, {{"ec2:instancetype", {"m5.large"}}}));
  EXPECT_TRUE(Holds(R"({"NumericLessThanIfExists":{"k":"3"}})"));
  EXPECT_TRUE(Holds(R"({"ArnNotEqualsIfExists":{"k":"arn:aws:s3:::a"}})"));
}

TEST(ConditionOperatorsTest, ForAllValues) {
  const char* c = R"({"ForAllValues:StringEquals":{"aws:TagKeys":["environment","cost-center"]}})";
  EXPECT_TRUE(Holds(c, {{"aws:tagkeys", {"environment"}}}));
  EXPECT_TRUE(Holds(c, {{"aws:tagkeys", {"environment", "cost-center"}}}));
  EXPECT_FALSE(Holds(c, {{"aws:tagkeys", {"environment", "owner"}}}));
  EXPECT_TRUE(Holds(c, {{"aws:tagkeys", {}}}));  // empty set: holds
  EXPECT_TRUE(Holds(c));                         // absent: holds
  const char* neg = R"({"ForAllValues:StringNotEquals":{"aws:TagKeys":["secret"]}})";
  EXPECT_TRUE(Holds(neg, {{"aws:tagkeys", {"a", "b"}}}));
  EXPECT_FALSE(Holds(neg, {{"aws:tagkeys", {"a", "secret"}}}));
}

TEST(ConditionOperatorsTest, ForAnyValue) {
  const char* c =
      R"({"ForAnyValue:StringEquals":{"aws:PrincipalTag/department":["Audit","Security"]}})";
  EXPECT_TRUE(Holds(c, {{"aws:principaltag/department", {"Audit"}}}));
  EXPECT_FALSE(Holds(c, {{"aws:principaltag/department", {"Sales"}}}));
  EXPECT_FALSE(Holds(c));  // absent: fails
  EXPECT_FALSE(Holds(c, {{"aws:principaltag/department", {}}}));
  const char* tags = R"({"ForAnyValue:StringLike":{"aws:TagKeys":["env*"]}})";
  EXPECT_TRUE(Holds(tags, {{"aws:tagkeys", {"owner", "environment"}}}));
  const char* neg = R"({"ForAnyValue:StringNotEquals":{"aws:TagKeys":["a"]}})";
  EXPECT_TRUE(Holds(neg, {{"aws:tagkeys", {"a", "b"}}}));
  EXPECT_FALSE(Holds(neg, {{"aws:tagkeys", {"a"}}}));
}

TEST(ConditionOperatorsTest, MultiValuedKeyWithoutSetOperator) {
  EXPECT_TRUE(Holds(R"({"StringEquals":{"aws:TagKeys":"b"}})", {{"aws:tagkeys", {"a", "b"}}}));
  EXPECT_FALSE(Holds(R"({"StringNotEquals":{"aws:TagKeys":"b"}})", {{"aws:tagkeys", {"a", "b"}}}));
}

TEST(ConditionOperatorsTest, KeysOperatorsAreAndedValuesOred) {
  const char* c = R"({"StringEquals":{"aws:username":"alice","aws:PrincipalTag/team":["x","y"]},
                      "Bool":{"aws:SecureTransport":"true"}})";
  EXPECT_TRUE(Holds(c, {{"aws:principaltag/team", {"y"}}, {"aws:securetransport", {"true"}}}));
  EXPECT_FALSE(Holds(c, {{"aws:principaltag/team", {"z"}}, {"aws:securetransport", {"true"}}}));
  EXPECT_FALSE(Holds(c, {{"aws:principaltag/team", {"x"}}, {"aws:securetransport", {"false"}}}));
}

TEST(ConditionOperatorsTest, UnknownOperatorDoesNotMatch) {
  EXPECT_FALSE(Holds(R"({"StringSortOf":{"aws:username":"alice"}})"));
  EXPECT_FALSE(Holds(R"({"NullIfExists":{"aws:username":"false"}})"));
  // Deny with an unknown operator does not apply either.
  RequestContext r = Request("iam:GetUser");
  PolicySet set;
  set.identity.push_back(testing::MustParse(AllowDoc("*")));
  set.identity.push_back(testing::MustParse(
      R"({"Statement":{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bogus":{"a":"b"}}}})"));
  EXPECT_EQ(Evaluate(set, r).decision, Decision::kAllowed);
}

TEST(ConditionOperatorsTest, OperatorNames) {
  auto spec = internal::ParseOperator("ForAllValues:StringNotLikeIfExists");
  ASSERT_TRUE(spec.has_value());
  EXPECT_EQ(spec->family, internal::OpFamily::kStringLike);
  EXPECT_TRUE(spec->negated);
  EXPECT_TRUE(spec->if_exists);
  EXPECT_EQ(spec->set, internal::SetQualifier::kForAllValues);
  EXPECT_TRUE(internal::ParseOperator("stringequals").has_value());
  EXPECT_FALSE(internal::ParseOperator("ForAllValues:").has_value());
  EXPECT_FALSE(internal::ParseOperator("IfExists").has_value());
}

TEST(ConditionOperatorsTest, MissingContextKeys) {
  RequestContext r = Request("iam:GetUser");
  PolicySet set;
  set.identity.push_back(testing::MustParse(AllowDoc(
      "iam:GetUser", "*",
      R"({"StringEquals":{"aws:PrincipalTag/Team":"x","aws:username":"alice"},"Bool":{"aws:SecureTransport":"true"}})")));
  const Evaluation ev = Evaluate(set, r);
  EXPECT_EQ(ev.missing_context_keys,
            (std::vector<std::string>{"aws:principaltag/team", "aws:securetransport"}));
  // Statements whose action does not match do not report their keys.
  EXPECT_TRUE(Evaluate(set, Request("iam:ListUsers")).missing_context_keys.empty());
}

}  // namespace
}  // namespace aic::policy
