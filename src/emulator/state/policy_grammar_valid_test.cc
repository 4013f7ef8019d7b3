// Real-world-style policies the grammar must accept (policy_grammar.h), and the size quotas of
// CheckPolicyDocument / CheckTrustPolicyDocument (action_context.h).
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "emulator/state/action_context.h"
#include "emulator/state/policy_grammar.h"

namespace aic::emulator::state {
namespace {

std::string Describe(const Status& s) {
  if (s.ok()) return "OK";
  if (!s.aws()) return "no AWS detail: " + s.ToString();
  return s.aws()->code + " " + std::to_string(s.aws()->http_status) + " " + s.aws()->message;
}

struct Good {
  const char* name;
  const char* doc;
};

const std::vector<Good> kIdentity = {
    {"CI/CD deploy role", R"({
  "Version": "2012-10-17",
  "Id": "DeployPipeline",
  "Statement": [
    {
      "Sid": "CloudFormationStacks",
      "Effect": "Allow",
      "Action": ["cloudformation:CreateStack", "cloudformation:UpdateStack",
                 "cloudformation:DeleteStack", "cloudformation:Describe*",
                 "cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet",
                 "cloudformation:GetTemplate*", "cloudformation:ValidateTemplate"],
      "Resource": ["arn:aws:cloudformation:eu-west-1:123456789012:stack/app-*/*",
                   "arn:aws:cloudformation:eu-west-1:aws:transform/Serverless-2016-10-31"]
    },
    {
      "Sid": "Artifacts",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:PutObject", "s3:GetObjectVersion", "s3:ListBucket"],
      "Resource": ["arn:aws:s3:::acme-build-artifacts", "arn:aws:s3:::acme-build-artifacts/*"]
    },
    {
      "Sid": "Images",
      "Effect": "Allow",
      "Action": ["ecr:GetAuthorizationToken"],
      "Resource": "*"
    },
    {
      "Sid": "PushImages",
      "Effect": "Allow",
      "Action": ["ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload",
                 "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage"],
      "Resource": "arn:aws:ecr:eu-west-1:123456789012:repository/acme/*"
    },
    {
      "Sid": "Functions",
      "Effect": "Allow",
      "Action": ["lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration",
                 "lambda:PublishVersion", "lambda:UpdateAlias", "lambda:GetFunction*"],
      "Resource": "arn:aws:lambda:eu-west-1:123456789012:function:acme-*"
    },
    {
      "Sid": "PassOnlyAppRoles",
      "Effect": "Allow",
      "Action": "iam:PassRole",
      "Resource": "arn:aws:iam::123456789012:role/app/*",
      "Condition": {
        "StringEquals": {"iam:PassedToService": ["lambda.amazonaws.com", "ecs-tasks.amazonaws.com"]}
      }
    },
    {
      "Sid": "NoIamChanges",
      "Effect": "Deny",
      "Action": ["iam:Create*", "iam:Delete*", "iam:Put*", "iam:Attach*", "iam:Detach*"],
      "NotResource": "arn:aws:iam::123456789012:role/app/*"
    }
  ]
})"},
    {"S3 bucket-scoped access", R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ListOwnPrefix",
      "Effect": "Allow",
      "Action": "s3:ListBucket",
      "Resource": "arn:aws:s3:::acme-team-data",
      "Condition": {
        "StringLike": {"s3:prefix": ["", "home/", "home/${aws:username}/*"]},
        "StringEquals": {"s3:delimiter": "/"}
      }
    },
    {
      "Sid": "ReadWriteOwnObjects",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:*MultipartUpload*"],
      "Resource": "arn:aws:s3:::acme-team-data/home/${aws:username}/*"
    },
    {
      "Sid": "DenyUnencryptedUploads",
      "Effect": "Deny",
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::acme-team-data/*",
      "Condition": {
        "StringNotEqualsIfExists": {"s3:x-amz-server-side-encryption": "aws:kms"},
        "Null": {"s3:x-amz-server-side-encryption": "true"}
      }
    },
    {
      "Sid": "DenyPlainHttp",
      "Effect": "Deny",
      "Action": "s3:*",
      "Resource": ["arn:aws:s3:::acme-team-data", "arn:aws:s3:::acme-team-data/*"],
      "Condition": {"Bool": {"aws:SecureTransport": false}}
    },
    {
      "Sid": "AccessPoint",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:eu-west-1:123456789012:accesspoint/analytics/object/*"
    }
  ]
})"},
    {"KMS key-policy-like identity policy", R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "UseKeyThroughS3AndSecrets",
      "Effect": "Allow",
      "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                 "kms:DescribeKey"],
      "Resource": "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      "Condition": {
        "StringEquals": {"kms:ViaService": ["s3.eu-west-1.amazonaws.com",
                                            "secretsmanager.eu-west-1.amazonaws.com"],
                         "kms:CallerAccount": "123456789012"},
        "StringLike": {"kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::acme-*"}
      }
    },
    {
      "Sid": "GrantsForAwsResources",
      "Effect": "Allow",
      "Action": ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
      "Resource": "arn:aws:kms:*:123456789012:key/*",
      "Condition": {"Bool": {"kms:GrantIsForAWSResource": "true"},
                    "ForAllValues:StringEquals": {"kms:GrantOperations": ["Decrypt", "Encrypt"]}}
    },
    {
      "Sid": "Aliases",
      "Effect": "Allow",
      "Action": ["kms:ListAliases", "kms:ListKeys"],
      "Resource": "*"
    },
    {
      "Sid": "NeverDeleteKeys",
      "Effect": "Deny",
      "Action": ["kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:PutKeyPolicy"],
      "Resource": "*"
    }
  ]
})"},
    {"deny outside approved regions (NotAction)", R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DenyOutsideEU",
      "Effect": "Deny",
      "NotAction": ["a4b:*", "budgets:*", "ce:*", "cloudfront:*", "iam:*", "organizations:*",
                    "route53:*", "sts:*", "support:*", "trustedadvisor:*", "waf:*"],
      "Resource": "*",
      "Condition": {
        "StringNotEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-central-1"]},
        "ArnNotLike": {"aws:PrincipalARN": ["arn:aws:iam::*:role/OrgAdmin",
                                            "arn:aws:iam::*:role/aws-reserved/*"]}
      }
    },
    {
      "Sid": "EverythingElse",
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*"
    }
  ]
})"},
    {"require MFA", R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllowViewAccountInfo",
      "Effect": "Allow",
      "Action": ["iam:GetAccountPasswordPolicy", "iam:ListVirtualMFADevices"],
      "Resource": "*"
    },
    {
      "Sid": "AllowManageOwnMFA",
      "Effect": "Allow",
      "Action": ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ResyncMFADevice",
                 "iam:ListMFADevices"],
      "Resource": ["arn:aws:iam::*:mfa/${aws:username}", "arn:aws:iam::*:user/${aws:username}"]
    },
    {
      "Sid": "DenyAllExceptListedIfNoMFA",
      "Effect": "Deny",
      "NotAction": ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:GetUser",
                    "iam:ListMFADevices", "iam:ListVirtualMFADevices", "iam:ResyncMFADevice",
                    "sts:GetSessionToken"],
      "Resource": "*",
      "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}
    },
    {
      "Sid": "DenyStaleMFA",
      "Effect": "Deny",
      "Action": ["iam:Delete*", "iam:Update*"],
      "Resource": "*",
      "Condition": {"NumericGreaterThanIfExists": {"aws:MultiFactorAuthAge": 3600}}
    }
  ]
})"},
    {"attribute-based access control", R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ManageOwnTeamsInstances",
      "Effect": "Allow",
      "Action": ["ec2:StartInstances", "ec2:StopInstances", "ec2:RebootInstances"],
      "Resource": "arn:aws:ec2:*:123456789012:instance/*",
      "Condition": {"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}
    },
    {
      "Sid": "TagOnCreate",
      "Effect": "Allow",
      "Action": ["ec2:RunInstances", "ec2:CreateTags"],
      "Resource": ["arn:aws:ec2:*:123456789012:instance/*", "arn:aws:ec2:*:123456789012:volume/*"],
      "Condition": {
        "StringEquals": {"aws:RequestTag/team": "${aws:PrincipalTag/team}"},
        "ForAllValues:StringEquals": {"aws:TagKeys": ["team", "cost-center", "Name"]},
        "ForAnyValue:StringLike": {"aws:TagKeys": "team"}
      }
    },
    {
      "Sid": "DescribeEverything",
      "Effect": "Allow",
      "Action": "ec2:Describe*",
      "Resource": "*"
    },
    {
      "Sid": "NoRetagging",
      "Effect": "Deny",
      "Action": ["ec2:CreateTags", "ec2:DeleteTags"],
      "Resource": "*",
      "Condition": {"StringNotEqualsIgnoreCase": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"},
                    "Null": {"aws:ResourceTag/team": "false"}}
    }
  ]
})"},
    {"network and time window", R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "OfficeHoursFromOffice",
      "Effect": "Allow",
      "Action": ["rds:Describe*", "rds:StartDBInstance", "rds:StopDBInstance"],
      "Resource": "arn:aws:rds:eu-west-1:123456789012:db:reporting-*",
      "Condition": {
        "IpAddress": {"aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24", "2001:db8::/32"]},
        "DateGreaterThan": {"aws:CurrentTime": "2026-01-01T00:00:00Z"},
        "DateLessThanEquals": {"aws:CurrentTime": "2026-12-31T23:59:59.999+01:00"},
        "NumericLessThan": {"aws:EpochTime": 1830297600}
      }
    },
    {
      "Sid": "NotFromElsewhere",
      "Effect": "Deny",
      "Action": "rds:*",
      "Resource": "*",
      "Condition": {"NotIpAddressIfExists": {"aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24"]},
                    "BoolIfExists": {"aws:ViaAWSService": false}}
    }
  ]
})"},
    {"DynamoDB fine-grained access", R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "OwnItemsOnly",
      "Effect": "Allow",
      "Action": ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
                 "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
      "Resource": ["arn:aws:dynamodb:eu-west-1:123456789012:table/GameScores",
                   "arn:aws:dynamodb:eu-west-1:123456789012:table/GameScores/index/*"],
      "Condition": {
        "ForAllValues:StringEquals": {
          "dynamodb:LeadingKeys": ["${www.amazon.com:user_id}"],
          "dynamodb:Attributes": ["UserId", "GameTitle", "TopScore", "TopScoreDateTime"]
        },
        "StringEqualsIfExists": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}
      }
    },
    {
      "Sid": "Streams",
      "Effect": "Allow",
      "Action": ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"],
      "Resource": "arn:aws:dynamodb:eu-west-1:123456789012:table/GameScores/stream/*"
    }
  ]
})"},
    {"EC2 volumes by ARN conditions", R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["ec2:AttachVolume", "ec2:DetachVolume"],
      "Resource": ["arn:aws:ec2:*:*:volume/*", "arn:aws:ec2:*:*:instance/*"],
      "Condition": {
        "ArnEquals": {"ec2:SourceInstanceARN": "arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc"},
        "ArnLike": {"ec2:InstanceProfile": "arn:aws:iam::123456789012:instance-profile/app-*"}
      }
    },
    {
      "Effect": "Allow",
      "Action": ["ec2:CreateSnapshot", "ec2:Describe?napshots"],
      "Resource": "*",
      "Condition": {"StringLike": {"ec2:ResourceTag/backup": "d?ily*"}}
    },
    {
      "Effect": "Deny",
      "Action": "ec2:TerminateInstances",
      "NotResource": ["arn:aws:ec2:eu-west-1:123456789012:instance/*"]
    }
  ]
})"},
    {"permissions boundary for delegated admins", R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ServicesTheyMayUse",
      "Effect": "Allow",
      "Action": ["s3:*", "cloudwatch:*", "logs:*", "sqs:*", "sns:*", "lambda:*"],
      "Resource": "*"
    },
    {
      "Sid": "ManageUsersUnderTheirPath",
      "Effect": "Allow",
      "Action": ["iam:CreateUser", "iam:DeleteUser", "iam:TagUser", "iam:AttachUserPolicy",
                 "iam:PutUserPermissionsBoundary"],
      "Resource": "arn:aws:iam::123456789012:user/delegated/*",
      "Condition": {"StringEquals": {"iam:PermissionsBoundary":
                                     "arn:aws:iam::123456789012:policy/DelegatedBoundary"}}
    },
    {
      "Sid": "NoBoundaryEscape",
      "Effect": "Deny",
      "Action": ["iam:DeleteUserPermissionsBoundary", "iam:CreatePolicyVersion",
                 "iam:DeletePolicy", "iam:SetDefaultPolicyVersion"],
      "Resource": ["arn:aws:iam::123456789012:policy/DelegatedBoundary",
                   "arn:aws:iam::123456789012:user/*"]
    },
    {
      "Sid": "ReadIam",
      "Effect": "Allow",
      "Action": ["iam:Get*", "iam:List*", "iam:GenerateCredentialReport"],
      "Resource": ["arn:aws:iam::123456789012:*", "arn:aws:iam::aws:policy/*",
                   "arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:saml-provider/*",
                   "arn:aws:iam::123456789012:oidc-provider/*", "arn:aws:iam::123456789012:group/*"]
    }
  ]
})"},
    {"secrets and parameters with typed condition values", R"({
  "Version": "2012-10-17",
  "Statement": {
    "Sid": "ReadAppConfig",
    "Effect": "Allow",
    "Action": ["secretsmanager:GetSecretValue", "ssm:GetParameter", "ssm:GetParametersByPath"],
    "Resource": ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/prod/*",
                 "arn:aws:ssm:eu-west-1:123456789012:parameter/app/prod/*"],
    "Condition": {
      "NumericLessThanEquals": {"secretsmanager:RecoveryWindowInDays": [7, 30]},
      "Bool": {"ssm:Recursive": true},
      "DateLessThan": {"aws:TokenIssueTime": "1830297600"}
    }
  }
})"},
};

TEST(EmuPolicyGrammarValidTest, RealWorldIdentityPolicies) {
  for (const Good& g : kIdentity) {
    EXPECT_EQ(Describe(CheckPolicyGrammar(g.doc, PolicyKind::kIdentity)), "OK") << g.name;
    EXPECT_EQ(Describe(CheckPolicyDocument(g.doc, kMaxManagedPolicyDocumentLength)), "OK")
        << g.name;
  }
}

const std::vector<Good> kTrust = {
    {"EC2 instances", R"({
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                 "Action": "sts:AssumeRole"}]
})"},
    {"Lambda and Lambda@Edge from this account", R"({
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "LambdaService",
    "Effect": "Allow",
    "Principal": {"Service": ["lambda.amazonaws.com", "edgelambda.amazonaws.com"]},
    "Action": "sts:AssumeRole",
    "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"},
                  "ArnLike": {"aws:SourceArn": "arn:aws:lambda:eu-west-1:123456789012:function:*"}}
  }]
})"},
    {"SAML federation", R"({
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"Federated": "arn:aws:iam::123456789012:saml-provider/ExampleOrgSSO"},
    "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"],
    "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"},
                  "ForAllValues:StringLike": {"aws:TagKeys": ["Department", "Project"]}}
  }]
})"},
    {"OIDC (GitHub Actions)", R"({
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "GitHubActions",
    "Effect": "Allow",
    "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": {
      "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
      "StringLike": {"token.actions.githubusercontent.com:sub": ["repo:acme/app:ref:refs/heads/main",
                                                                 "repo:acme/app:environment:*"]}
    }
  }]
})"},
    {"cross-account with an external ID", R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "VendorAudit",
      "Effect": "Allow",
      "Principal": {"AWS": ["arn:aws:iam::111122223333:role/AuditRunner", "444455556666"]},
      "Action": ["sts:AssumeRole", "sts:SetSourceIdentity"],
      "Condition": {"StringEquals": {"sts:ExternalId": "Unique-Ext-Id-7f3a"},
                    "Bool": {"aws:MultiFactorAuthPresent": "true"},
                    "NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}
    },
    {
      "Sid": "Org",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "sts:AssumeRole*",
      "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}
    }
  ]
})"},
    {"legacy 2008 version, ECS tasks", R"({
  "Version": "2008-10-17",
  "Statement": [{"Sid": "", "Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                 "Action": "sts:AssumeRole"}]
})"},
    {"no version, canonical user", R"({
  "Statement": {"Effect": "Allow", "Principal": {"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},
                "Action": "sts:*"}
})"},
};

TEST(EmuPolicyGrammarValidTest, TrustPolicies) {
  for (const Good& g : kTrust) {
    EXPECT_EQ(Describe(CheckPolicyGrammar(g.doc, PolicyKind::kTrust)), "OK") << g.name;
    EXPECT_EQ(Describe(CheckTrustPolicyDocument(g.doc)), "OK") << g.name;
  }
}

// A pretty-printed policy of exactly `size` non-white-space characters.
std::string PolicyOfSize(std::size_t size) {
  nlohmann::json doc = {{"Version", "2012-10-17"}, {"Statement", nlohmann::json::array()}};
  const std::vector<std::string> services = {"s3", "ec2", "iam", "lambda", "dynamodb", "sqs"};
  for (int i = 0; PolicySize(doc.dump(2)) < size - 400; ++i) {
    nlohmann::json actions = nlohmann::json::array();
    for (const char* verb : {"Get", "List", "Describe", "Put", "Delete"}) {
      actions.push_back(services[i % services.size()] + ":" + verb + "Thing" + std::to_string(i));
    }
    doc["Statement"].push_back({{"Sid", "S" + std::to_string(i)},
                                {"Effect", i % 3 == 0 ? "Deny" : "Allow"},
                                {"Action", actions},
                                {"Resource", "arn:aws:s3:::bucket-" + std::to_string(i) + "/*"}});
  }
  doc["Statement"].push_back(
      {{"Sid", "Pad"}, {"Effect", "Allow"}, {"Action", "s3:GetObject"}, {"Resource", "*"}});
  std::string pad(size - PolicySize(doc.dump(2)), 'x');
  doc["Statement"].back()["Sid"] = "Pad" + pad;
  return doc.dump(2);
}

TEST(EmuPolicyGrammarValidTest, ManagedPolicySizeCountsNonWhiteSpaceCharacters) {
  const std::string at_limit = PolicyOfSize(kMaxManagedPolicyDocumentLength);
  ASSERT_EQ(PolicySize(at_limit), 6144u);
  ASSERT_GT(at_limit.size(), 6144u);  // the white space does not count
  EXPECT_EQ(Describe(CheckPolicyDocument(at_limit, kMaxManagedPolicyDocumentLength)), "OK");
  const std::string over = PolicyOfSize(kMaxManagedPolicyDocumentLength + 1);
  EXPECT_EQ(Describe(CheckPolicyDocument(over, kMaxManagedPolicyDocumentLength)),
            "LimitExceeded 409 Cannot exceed quota for PolicySize: 6144");
  EXPECT_EQ(Describe(CheckPolicyGrammar(over, PolicyKind::kIdentity)), "OK");
}

TEST(EmuPolicyGrammarValidTest, TrustPolicySizeQuota) {
  std::string services;
  for (int i = 0; i < 120; ++i) services += "\"svc" + std::to_string(i) + ".amazonaws.com\", ";
  const std::string doc =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":[)" +
      services + R"("ec2.amazonaws.com"]},"Action":"sts:AssumeRole"}]})";
  ASSERT_GT(PolicySize(doc), 2048u);
  EXPECT_EQ(Describe(CheckTrustPolicyDocument(doc)),
            "LimitExceeded 409 Cannot exceed quota for ACLSizePerRole: 2048");
}

TEST(EmuPolicyGrammarValidTest, InlinePoliciesShareOneQuota) {
  const std::string a = PolicyOfSize(1200);
  const std::string b = PolicyOfSize(900);
  std::map<std::string, std::string> policies = {{"a", a}};
  EXPECT_EQ(Describe(CheckInlinePolicyDocument(policies, "b", b, kMaxUserInlinePoliciesLength,
                                               "user", "alice")),
            "LimitExceeded 409 Maximum policy size of 2048 bytes exceeded for user alice");
  // The same name replaces the old document: only the new one counts.
  EXPECT_EQ(Describe(CheckInlinePolicyDocument(policies, "a", b, kMaxUserInlinePoliciesLength,
                                               "user", "alice")),
            "OK");
  EXPECT_EQ(Describe(CheckInlinePolicyDocument(policies, "b", b, kMaxGroupInlinePoliciesLength,
                                               "group", "devs")),
            "OK");
  EXPECT_EQ(Describe(CheckInlinePolicyDocument(policies, "c", "{}", kMaxInlinePolicyDocumentLength,
                                               "role", "r")),
            "MalformedPolicyDocument 400 Syntax errors in policy.");
}

}  // namespace
}  // namespace aic::emulator::state
