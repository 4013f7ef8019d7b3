// The policy grammar against AWS's recorded answers (policy_grammar.h).
#include "emulator/state/policy_grammar.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "emulator/state/action_context.h"

namespace aic::emulator::state {
namespace {

struct Bad {
  const char* name;
  const char* doc;
  const char* message;
};

std::string Describe(const Status& s) {
  if (s.ok()) return "OK";
  if (!s.aws()) return "no AWS detail: " + s.ToString();
  return s.aws()->code + " " + std::to_string(s.aws()->http_status) + " " + s.aws()->message;
}

std::string Malformed(const std::string& message) {
  return "MalformedPolicyDocument 400 " + message;
}

constexpr const char* kSyntax = "Syntax errors in policy.";
constexpr const char* kVersion = "Policy document must be version 2012-10-17 or greater.";
constexpr const char* kLegacy = "The policy failed legacy parsing";
constexpr const char* kVendor =
    "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
constexpr const char* kOneColon = "Actions/Condition can contain only one colon.";
constexpr const char* kNoActions = "Policy statement must contain actions.";
constexpr const char* kNoResources = "Policy statement must contain resources.";

// Recorded against AWS: LocalStack tests/aws/services/iam/test_iam_policies.py
// (INVALID_POLICY_DOCUMENTS, same numbering) and its .snapshot.json
// (TestPolicyDocumentValidity::test_create_policy_invalid_document[invalid-N], CreatePolicy).
const std::
    vector<Bad>
        kRecordedIdentity =
            {
                {"0 not json", "This is not a json document", kSyntax},
                {"1 no version",
                 R"({"Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket"}})",
                 kVersion},
                {"2 version 2008",
                 R"({"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket"}})",
                 kVersion},
                {"3 version 2013",
                 R"({"Version":"2013-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket"}})",
                 kSyntax},
                {"4 no statement", R"({"Version":"2012-10-17"})", kSyntax},
                {"5 statement of strings", R"({"Version":"2012-10-17","Statement":["afd"]})",
                 kSyntax},
                {"6 extra top-level element",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket"},"Extra field":"value"})",
                 kSyntax},
                {"7 extra statement element",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","Extra field":"value"}})",
                 kSyntax},
                {"8 Id array",
                 R"({"Version":"2012-10-17","Id":["cd3a324d2343d942772346-34234234423404-4c2242343242349d1642ee"],"Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket"}})",
                 kSyntax},
                {"9 Id object",
                 R"({"Version":"2012-10-17","Id":{},"Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket"}})",
                 kSyntax},
                {"10 effect invalid",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"invalid","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket"}})",
                 kSyntax},
                {"11 action without vendor",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"invalid","Resource":"arn:aws:s3:::example_bucket"}})",
                 kVendor},
                {"12 empty NotAction",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"","Resource":"arn:aws:s3:::example_bucket"}})",
                 kVendor},
                {"13 vendor with a space",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"a a:ListBucket","Resource":"arn:aws:s3:::example_bucket"}})",
                 "Vendor a a is not valid"},
                {"14 two colons",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:List:Bucket","Resource":"arn:aws:s3:::example_bucket"}})",
                 kOneColon},
                {"15 two colons in the second statement",
                 R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3s:ListBucket","Resource":"arn:aws:s3:::example_bucket"},{"Effect":"Allow","Action":"s:3s:ListBucket","Resource":"arn:aws:s3:::example_bucket"}]})",
                 kOneColon},
                {"16 resource not an ARN",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"invalid resource"}})",
                 "Resource invalid resource must be in ARN format or \"*\"."},
                {"17 empty resources",
                 R"({"Version":"2012-10-17","Statement":[{"Sid":"EnableDisableHongKong","Effect":"Allow","Action":["account:EnableRegion","account:DisableRegion"],"Resource":"","Condition":{"StringEquals":{"account:TargetRegion":"ap-east-1"}}},{"Sid":"ViewConsole","Effect":"Allow","Action":["aws-portal:ViewAccount","account:ListRegions"],"Resource":""}]})",
                 "Resource  must be in ARN format or \"*\"."},
                {"18 bad resource before bad action",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s:3:ListBucket","Resource":"sdfsadf"}})",
                 "Resource sdfsadf must be in ARN format or \"*\"."},
                {"19 resource list",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":["adf"]}})",
                 "Resource adf must be in ARN format or \"*\"."},
                {"20 empty resource",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":""}})",
                 "Resource  must be in ARN format or \"*\"."},
                {"21 partition, two fields",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"s3s:ListBucket","Resource":"a:bsdfdsafsad"}})",
                 "Partition \"bsdfdsafsad\" is not valid for resource "
                 "\"arn:bsdfdsafsad:*:*:*:*\"."},
                {"22 partition, three fields",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"s3s:ListBucket","Resource":"a:b:cadfsdf"}})",
                 "Partition \"b\" is not valid for resource \"arn:b:cadfsdf:*:*:*\"."},
                {"23 partition, eight fields",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"s3s:ListBucket","Resource":"a:b:c:d:e:f:g:h"}})",
                 "Partition \"b\" is not valid for resource \"arn:b:c:d:e:f:g:h\"."},
                {"24 no arn: prefix",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"aws:s3:::example_bucket"}})",
                 "Partition \"s3\" is not valid for resource \"arn:s3:::example_bucket:*\"."},
                {"25 partition in a list",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":["arn:error:s3:::example_bucket","arn:error:s3::example_bucket"]}})",
                 "Partition \"error\" is not valid for resource "
                 "\"arn:error:s3:::example_bucket\"."},
                {"26 empty statement list", R"({"Version":"2012-10-17","Statement":[]})", kSyntax},
                {"27 no resource",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket"}})",
                 kNoResources},
                {"28 empty resource list",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":[]}})",
                 kNoResources},
                {"29 no resource before bad action",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"invalid"}})",
                 kNoResources},
                {"30 no action",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Resource":"arn:aws:s3:::example_bucket"}})",
                 kNoActions},
                {"31 no effect",
                 R"({"Version":"2012-10-17","Statement":{"Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket"}})",
                 kSyntax},
                {"32 effect only", R"({"Version":"2012-10-17","Statement":{"Effect":"Allow"}})",
                 kNoActions},
                {"33 empty action list",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":[],"Resource":"arn:aws:s3:::example_bucket"}})",
                 kNoActions},
                {"34 first statement without action",
                 R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny"},{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket"}]})",
                 kNoActions},
                {"35 IAM resource path",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:iam:::example_bucket"}})",
                 "IAM resource path must either be \"*\", root, or start with user/, "
                 "federated-user/, role/, "
                 "group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, "
                 "saml-provider/, "
                 "oidc-provider/, report/, access-report/."},
                {"36 five-field ARN",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3::example_bucket"}})",
                 kLegacy},
                {"37 five-field ARN before missing action",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Resource":"arn:aws:s3::example_bucket"}})",
                 kLegacy},
                {"38 no vendor",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws"}})",
                 "Resource vendor must be fully qualified and cannot contain regexes."},
                {"39 resource object",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":{"a":"arn:aws:s3:::example_bucket"}}})",
                 kSyntax},
                {"40 object in resource list",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:ListBucket","Resource":["adfdf",{}]}})",
                 kSyntax},
                {"41 Resource and NotResource",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","NotResource":[]}})",
                 kSyntax},
                {"42 list in action list",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":[[]],"Resource":"arn:aws:s3:::example_bucket"}})",
                 kSyntax},
                {"43 Action and NotAction",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"s3s:ListBucket","Action":[],"Resource":"arn:aws:s3:::example_bucket"}})",
                 kSyntax},
                {"44 action object",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":{},"Resource":"arn:aws:s3:::example_bucket"}})",
                 kSyntax},
                {"45 condition list",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","Condition":[]}})",
                 kSyntax},
                {"46 condition string",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","Condition":"a"}})",
                 kSyntax},
                {"47 condition block string",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","Condition":{"a":"b"}}})",
                 kSyntax},
                {"48 operator block string", R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","Condition":{"DateGreaterThan":"b"}}})",
                 kSyntax},
                {"49 operator block list",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","Condition":{"DateGreaterThan":[]}}})",
                 kSyntax},
                {"50 condition value object",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","Condition":{"DateGreaterThan":{"a":{}}}}})",
                 kSyntax},
                {"51 condition value object, no action",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Resource":"arn:aws:s3:::example_bucket","Condition":{"DateGreaterThan":{"a":{}}}}})",
                 kSyntax},
                {"52 unknown operator",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","Condition":{"x":{"a":"1"}}}})",
                 kSyntax},
                {"53 operator with two colons",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","Condition":{"ForAnyValue::StringEqualsIfExists":{"a":"asf"}}}})",
                 kSyntax},
                {"54 condition list of objects",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","Condition":[{"ForAllValues:StringEquals":{"aws:TagKeys":"Department"}}]}})",
                 kSyntax},
                {"55 IAM ARN with a region",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:iam:us-east-1::example_bucket"}})",
                 "IAM resource arn:aws:iam:us-east-1::example_bucket cannot contain region "
                 "information."},
                {"56 S3 bucket ARN with a region",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:us-east-1::example_bucket"}})",
                 "Resource arn:aws:s3:us-east-1::example_bucket can not contain region "
                 "information."},
                {"57 Sid object",
                 R"({"Version":"2012-10-17","Statement":{"Sid":{},"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket"}})",
                 kSyntax},
                {"58 Sid list",
                 R"({"Version":"2012-10-17","Statement":{"Sid":[],"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket"}})",
                 kSyntax},
                {"59 duplicate Sid",
                 R"({"Version":"2012-10-17","Statement":[{"Sid":"sdf","Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket"},{"Sid":"sdf","Effect":"Allow"}]})",
                 "Statement IDs (SID) in a single policy must be unique."},
                {"60 version before duplicate Sid",
                 R"({"Statement":[{"Sid":"sdf","Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket"},{"Sid":"sdf","Effect":"Allow"}]})",
                 kVersion},
                {"61 Action and NotAction with values",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"s3:ListBucket","Action":"iam:dsf","Resource":"arn:aws:s3:::example_bucket"}})",
                 kSyntax},
                {"62 Resource and NotResource with values",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","NotResource":"*"}})",
                 kSyntax},
                {"63 effect denY",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"denY","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket"}})",
                 kLegacy},
                {"64 date not a date",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","Condition":{"DateGreaterThan":{"a":"sdfdsf"}}}})",
                 kLegacy},
                {"65 version before bad date",
                 R"({"Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","Condition":{"DateGreaterThan":{"a":"sdfdsf"}}}})",
                 kVersion},
                {"66 version before effect case",
                 R"({"Statement":{"Effect":"denY","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket"}})",
                 kVersion},
                {"67 bad date before missing action",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Condition":{"DateGreaterThan":{"a":"sdfdsf"}}}})",
                 kLegacy},
                {"68 empty vendor",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"s3:ListBucket","Resource":"arn:aws::::example_bucket"}})",
                 kLegacy},
                {"69 effect allow",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"allow","Resource":"arn:aws:s3:us-east-1::example_bucket"}})",
                 kLegacy},
                {"70 effect case before duplicate Sid",
                 R"({"Version":"2012-10-17","Statement":[{"Sid":"sdf","Effect":"aLLow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket"},{"Sid":"sdf","Effect":"Allow"}]})",
                 kLegacy},
                {"71 five-field NotResource",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","NotResource":"arn:aws:s3::example_bucket"}})",
                 kLegacy},
                {"72 month 13",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","Condition":{"DateLessThanEquals":{"a":"234-13"}}}})",
                 kLegacy},
                {"73 one-digit zone hour",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","Condition":{"DateLessThanEquals":{"a":"2016-12-13t2:00:00.593194+1"}}}})",
                 kLegacy},
                {"74 ten-digit fraction",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","Condition":{"DateLessThanEquals":{"a":"2016-12-13t2:00:00.1999999999+10:59"}}}})",
                 kLegacy},
                {"75 epoch past int64",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","Condition":{"DateLessThan":{"a":"9223372036854775808"}}}})",
                 kLegacy},
                {"76 bad date before bad partition",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:error:s3:::example_bucket","Condition":{"DateGreaterThan":{"a":"sdfdsf"}}}})",
                 kLegacy},
                {"77 four-field ARN",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws::fdsasf"}})",
                 kLegacy},
};

TEST(EmuPolicyGrammarTest, RecordedIdentityRefusals) {
  ASSERT_EQ(kRecordedIdentity.size(), 78u);
  for (const Bad& b : kRecordedIdentity) {
    EXPECT_EQ(Describe(CheckPolicyGrammar(b.doc, PolicyKind::kIdentity)), Malformed(b.message))
        << b.name;
  }
}

// Principals and Sid characters. Sources: "Policy document should not specify a principal." is
// AWS's CreatePolicy answer to a Principal (reference_policies_elements_principal.html: "You
// cannot use the Principal element in an identity-based policy"); the Sid message is AWS's
// CreatePolicy answer recorded in CloudTrail (errorMessage of MalformedPolicyDocumentException),
// the rule is reference_policies_elements_sid.html ("supports ASCII uppercase letters (A-Z),
// lowercase letters (a-z), and numbers (0-9)").
const std::vector<Bad> kOtherIdentity = {
    {"principal",
     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]})",
     "Policy document should not specify a principal."},
    {"not principal",
     R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:*","Resource":"*"}]})",
     "Policy document should not specify a principal."},
    {"sid with a hyphen",
     R"({"Version":"2012-10-17","Statement":[{"Sid":"read-only","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]})",
     "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular "
     "expression [0-9A-Za-z]*"},
    {"sid with a space",
     R"({"Version":"2012-10-17","Statement":[{"Sid":"Read Only","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]})",
     "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular "
     "expression [0-9A-Za-z]*"},
    {"principal of an unknown kind",  // the grammar: AWS | Federated | Service | CanonicalUser
     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"User":"x"},"Action":"s3:GetObject","Resource":"*"}]})",
     kSyntax},
    {"principal string other than *",
     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"me","Action":"s3:GetObject","Resource":"*"}]})",
     kSyntax},
    {"condition value null",  // the grammar: <condition_value> = "string" | number | Boolean
     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Null":{"aws:TokenIssueTime":null}}}]})",
     kSyntax},
    {"top-level list", R"([{"Version":"2012-10-17"}])", kSyntax},
    {"trailing comma",
     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",}]})",
     kSyntax},
    {"element names are case-sensitive",
     R"({"version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]})",
     kSyntax},
};

TEST(EmuPolicyGrammarTest, PrincipalsSidsAndGrammarInIdentityPolicies) {
  for (const Bad& b : kOtherIdentity) {
    EXPECT_EQ(Describe(CheckPolicyGrammar(b.doc, PolicyKind::kIdentity)), Malformed(b.message))
        << b.name;
  }
}

// Trust policies. Sources: LocalStack test_iam_roles.snapshot.json
// TestRoleLifecycle::test_update_assume_role_policy_errors (invalid Json, sts:InvalidAction,
// Resource) and test_iam.snapshot.json
// test_create_role_with_malformed_assume_role_policy_document (a trailing comma);
// "Missing required field Principal" and "Invalid principal in policy" are AWS's CreateRole
// answers (reference_policies_elements_principal.html: a trust policy must name a principal).
const std::vector<Bad> kTrust = {
    {"invalid json", "not valid json", "This policy contains invalid Json"},
    {"trailing comma",
     R"({"Version":"2012-10-17","Statement":[{"Action":"sts:AssumeRole","Principal":"*","Effect":"Allow",}]})",
     "This policy contains invalid Json"},
    {"not an AssumeRole action",
     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:InvalidAction"}]})",
     "AssumeRole policy may only specify STS AssumeRole actions."},
    {"an s3 action",
     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":["sts:AssumeRole","s3:GetObject"]}]})",
     "AssumeRole policy may only specify STS AssumeRole actions."},
    {"resource",
     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"arn:aws:s3:::example_bucket"}]})",
     "Has prohibited field Resource"},
    {"no principal",
     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]})",
     "Missing required field Principal"},
    {"aws principal not an ARN",
     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:root","not-an-arn"]},"Action":"sts:AssumeRole"}]})",
     "Invalid principal in policy: \"AWS\":\"not-an-arn\""},
    {"no action",
     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"}}]})",
     kNoActions},
    {"effect case",
     R"({"Version":"2012-10-17","Statement":[{"Effect":"allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]})",
     kLegacy},
    {"empty statement list", R"({"Version":"2012-10-17","Statement":[]})", kSyntax},
    {"unknown element",
     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Extra":1}]})",
     kSyntax},
    {"duplicate sid",
     R"({"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"},{"Sid":"A","Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]})",
     "Statement IDs (SID) in a single policy must be unique."},
};

TEST(EmuPolicyGrammarTest, TrustPolicyRefusals) {
  for (const Bad& b : kTrust) {
    EXPECT_EQ(Describe(CheckPolicyGrammar(b.doc, PolicyKind::kTrust)), Malformed(b.message))
        << b.name;
  }
}

// Accepted by AWS: LocalStack test_iam_policies.py VALID_POLICY_DOCUMENTS (recorded
// test_create_policy_valid_document[valid-N]), the short ones.
TEST(EmuPolicyGrammarTest, RecordedAcceptedShortDocuments) {
  const char* const s = R"({"Version":"2012-10-17","Statement":{"Effect":"Allow",)";
  const std::vector<std::string> bodies = {
      R"("Action":"s3:ListBucket","Resource":["arn:aws:s3:::example_bucket"]}})",
      R"("Action":"iam: asdf safdsf af ","Resource":"arn:aws:s3:::example_bucket"}})",
      R"("Action":"s3:ListBucket","Resource":["arn:aws:s3:::example_bucket","*"]}})",
      R"("Action":"*","Resource":"arn:aws:s3:::example_bucket"}})",
      R"("Action":"service-prefix:action-name","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2017-07-01T00:00:00Z"},"DateLessThan":{"aws:CurrentTime":"2017-12-31T23:59:59Z"}}}})",
      R"("Action":"s3:ListBucket","Resource":"arn:aws:iam:::user/example_bucket"}})",
      R"("Action":"s3:ListBucket","Resource":"arn:aws:s33:::example_bucket"}})",
      R"("Action":"s3:ListBucket","Resource":"arn:aws:fdsasf"}})",
      R"("Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","Condition":{}}})",
      R"("Action":"s3:ListBucket","Resource":"arn:aws:cloudwatch:us-east-1::example_bucket"}})",
      R"("Action":"s3:ListBucket","Resource":"arn:aws:invalid-service:us-east-1::example_bucket"}})",
      R"("Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","Condition":{"DateGreaterThan":{}}}})",
      R"("Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","Condition":{"DateGreaterThan":{"a":[]}}}})",
      R"("Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","Condition":{"a":{}}}})",
      R"("NotAction":"s3:ListBucket","NotResource":"*"}})",
      R"("Action":"aaaaaadsfdsafsadfsadfaaaaa:ListBucket","Resource":"arn:aws:s3:::example_bucket"}})",
      R"("Action":"s3-s:ListBucket","Resource":"arn:aws:s3:::example_bucket"}})",
      R"("Action":"s3.s:ListBucket","Resource":"arn:aws:s3:::example_bucket"}})",
      R"("Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","Condition":{"DateGreaterThan":{"a":"01T"}}}})",
      R"("Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","Condition":{"x":{},"y":{}}}})",
      R"("Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","Condition":{"ForAnyValue:StringEqualsIfExists":{"a":"asf"}}}})",
      R"("Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","Condition":{"DateLessThanEquals":{"a":"2016-12-13T21:20:37.593194+00:00"}}}})",
      R"("Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","Condition":{"DateLessThanEquals":{"a":"2016-12-13t2:00:00.593194+23"}}}})",
      R"("Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","Condition":{"DateLessThan":{"a":"-292275054"}}}})",
  };
  for (const auto& b : bodies) {
    std::string doc = s + b;
    EXPECT_EQ(Describe(CheckPolicyGrammar(doc, PolicyKind::kIdentity)), "OK") << doc;
  }
  const char* const two_empty_sids =
      R"({"Version":"2012-10-17","Statement":[{"Sid":"","Effect":"Allow","Action":"rds:*","Resource":["arn:aws:rds:region:*:*"]},{"Sid":"","Effect":"Allow","Action":["rds:Describe*"],"Resource":["*"]}]})";
  EXPECT_EQ(Describe(CheckPolicyGrammar(two_empty_sids, PolicyKind::kIdentity)), "OK");
  const char* const access_point =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*"],"Resource":["arn:aws:s3:us-west-2:123456789012:accesspoint/my-access-point","arn:aws:s3:us-west-2:123456789012:accesspoint/my-access-point/object/*"]}]})";
  EXPECT_EQ(Describe(CheckPolicyGrammar(access_point, PolicyKind::kIdentity)), "OK");
}

TEST(EmuPolicyGrammarTest, DuplicateKeysAreAcceptedAndTheLastCounts) {
  // AWS accepts duplicate keys (hashicorp/terraform-provider-aws#33026 added a client-side check
  // because IAM silently keeps one); nlohmann::json keeps the last.
  EXPECT_EQ(
      Describe(CheckPolicyGrammar(
          R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Action":"s3:List*","Resource":"*"}]})",
          PolicyKind::kIdentity)),
      "OK");
  EXPECT_EQ(
      Describe(CheckPolicyGrammar(
          R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*","Effect":"Bad"}]})",
          PolicyKind::kIdentity)),
      Malformed(kSyntax));
}

TEST(EmuPolicyGrammarTest, PolicySizeIgnoresWhiteSpaceAndCountsCharacters) {
  EXPECT_EQ(PolicySize(""), 0u);
  EXPECT_EQ(PolicySize("{ \"a\" :\t\"b c\"\r\n}"), 10u);
  EXPECT_EQ(PolicySize("\"\xC3\xA9\""), 3u);  // "é": one character, two bytes
}

}  // namespace
}  // namespace aic::emulator::state
