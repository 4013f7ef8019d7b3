"""Policy documents as IAM validates them: MalformedPolicyDocument (HTTP 400) with AWS's message.

Messages recorded against AWS: LocalStack tests/aws/services/iam/test_iam_policies.snapshot.json
(TestPolicyDocumentValidity::test_create_policy_invalid_document[invalid-N], the N in each name
below) and test_iam_roles.snapshot.json (test_update_assume_role_policy_errors); the rest are
documented in docs/emulator.md (policy documents).
"""

import json
import unittest
import urllib.parse

from botocore.exceptions import ClientError

from harness import BackendTestCase, signed_call

SYNTAX = "Syntax errors in policy."
VERSION = "Policy document must be version 2012-10-17 or greater."
LEGACY = "The policy failed legacy parsing"
BUCKET = "arn:aws:s3:::example_bucket"


def doc(statement, version="2012-10-17", **top):
    d = dict(top)
    if version is not None:
        d["Version"] = version
    d["Statement"] = statement
    return json.dumps(d)


def stmt(**elements):
    s = {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": BUCKET}
    s.update(elements)
    return {k: v for k, v in s.items() if v is not None}


INVALID = [
    ("0 not json", "This is not a json document", SYNTAX),
    ("1 no version", doc(stmt(), version=None), VERSION),
    ("2 version 2008", doc(stmt(), version="2008-10-17"), VERSION),
    ("3 version 2013", doc(stmt(), version="2013-10-17"), SYNTAX),
    ("4 no statement", json.dumps({"Version": "2012-10-17"}), SYNTAX),
    ("6 extra element", doc(stmt(), **{"Extra field": "value"}), SYNTAX),
    ("10 effect invalid", doc(stmt(Effect="invalid")), SYNTAX),
    ("11 no vendor", doc(stmt(Action="invalid")),
     "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."),
    ("13 vendor with space", doc(stmt(Action="a a:ListBucket")), "Vendor a a is not valid"),
    ("14 two colons", doc(stmt(Action="s3:List:Bucket")),
     "Actions/Condition can contain only one colon."),
    ("16 not an ARN", doc(stmt(Resource="invalid resource")),
     'Resource invalid resource must be in ARN format or "*".'),
    ("22 partition", doc(stmt(NotAction="s3s:ListBucket", Action=None, Resource="a:b:cadfsdf")),
     'Partition "b" is not valid for resource "arn:b:cadfsdf:*:*:*".'),
    ("24 no arn prefix", doc(stmt(Resource="aws:s3:::example_bucket")),
     'Partition "s3" is not valid for resource "arn:s3:::example_bucket:*".'),
    ("26 empty statement list", doc([]), SYNTAX),
    ("27 no resource", doc(stmt(Resource=None)), "Policy statement must contain resources."),
    ("30 no action", doc(stmt(Action=None)), "Policy statement must contain actions."),
    ("35 IAM path", doc(stmt(Resource="arn:aws:iam:::example_bucket")),
     'IAM resource path must either be "*", root, or start with user/, federated-user/, role/, '
     "group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, "
     "oidc-provider/, report/, access-report/."),
    ("36 five-field ARN", doc(stmt(Resource="arn:aws:s3::example_bucket")), LEGACY),
    ("38 no resource vendor", doc(stmt(Resource="arn:aws")),
     "Resource vendor must be fully qualified and cannot contain regexes."),
    ("41 Resource and NotResource", doc(stmt(NotResource=[])), SYNTAX),
    ("52 unknown operator", doc(stmt(Condition={"x": {"a": "1"}})), SYNTAX),
    ("55 IAM region", doc(stmt(Resource="arn:aws:iam:us-east-1::example_bucket")),
     "IAM resource arn:aws:iam:us-east-1::example_bucket cannot contain region information."),
    ("56 S3 region", doc(stmt(Resource="arn:aws:s3:us-east-1::example_bucket")),
     "Resource arn:aws:s3:us-east-1::example_bucket can not contain region information."),
    ("59 duplicate Sid", doc([stmt(Sid="sdf"), stmt(Sid="sdf")]),
     "Statement IDs (SID) in a single policy must be unique."),
    ("63 effect denY", doc(stmt(Effect="denY")), LEGACY),
    ("72 month 13", doc(stmt(Condition={"DateLessThanEquals": {"a": "234-13"}})), LEGACY),
    ("75 epoch overflow", doc(stmt(Condition={"DateLessThan": {"a": "9223372036854775808"}})),
     LEGACY),
    ("principal", doc(stmt(Principal="*")), "Policy document should not specify a principal."),
    ("sid with hyphen", doc(stmt(Sid="read-only")),
     "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular "
     "expression [0-9A-Za-z]*"),
]

TRUST_OK = doc([{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                 "Action": "sts:AssumeRole"}])

INVALID_TRUST = [
    ("invalid json", "not valid json", "This policy contains invalid Json"),
    ("trailing comma", '{"Version":"2012-10-17","Statement":[{"Action":"sts:AssumeRole",'
     '"Principal":"*","Effect":"Allow",}]}', "This policy contains invalid Json"),
    ("not an AssumeRole action",
     doc([{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
           "Action": "sts:InvalidAction"}]),
     "AssumeRole policy may only specify STS AssumeRole actions."),
    ("resource", doc([{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                       "Action": "sts:AssumeRole", "Resource": BUCKET}]),
     "Has prohibited field Resource"),
    ("an identity policy", doc(stmt()), "Has prohibited field Resource"),
    ("no principal", doc([{"Effect": "Allow", "Action": "sts:AssumeRole"}]),
     "Missing required field Principal"),
    ("bad AWS principal", doc([{"Effect": "Allow", "Principal": {"AWS": "someone"},
                                "Action": "sts:AssumeRole"}]),
     'Invalid principal in policy: "AWS":"someone"'),
    ("empty statement list", doc([]), SYNTAX),
]

VALID = [
    ("deploy role", json.dumps({
        "Version": "2012-10-17",
        "Statement": [
            {"Sid": "Artifacts", "Effect": "Allow",
             "Action": ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
             "Resource": ["arn:aws:s3:::acme-artifacts", "arn:aws:s3:::acme-artifacts/*"]},
            {"Sid": "PassAppRoles", "Effect": "Allow", "Action": "iam:PassRole",
             "Resource": "arn:aws:iam::123456789012:role/app/*",
             "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}},
            {"Sid": "NoIam", "Effect": "Deny", "NotAction": ["s3:*", "lambda:*", "iam:PassRole"],
             "Resource": "*",
             "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": False},
                           "DateGreaterThan": {"aws:CurrentTime": "2026-01-01T00:00:00Z"}}},
        ]}, indent=2)),
    ("statement object, NotResource", json.dumps({
        "Version": "2012-10-17", "Id": "guard",
        "Statement": {"Effect": "Deny", "Action": "s3:*",
                      "NotResource": ["arn:aws:s3:::hr/payroll", "arn:aws:s3:::hr/payroll/*"],
                      "Condition": {"ForAnyValue:StringLike": {"aws:TagKeys": ["team*"]},
                                    "NumericLessThan": {"s3:max-keys": 10}}}})),
    ("self-service credentials", json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow",
                       "Action": ["iam:ChangePassword", "iam:*AccessKey*", "iam:GetUser"],
                       "Resource": "arn:aws:iam::*:user/${aws:username}"}]}, indent=4)),
]


def managed_policy_of_size(size):
    """A pretty-printed policy of exactly `size` characters that are not white space."""
    actions = [f"s3:GetObjectVersion{i:04d}" for i in range(250)]
    policy = {"Version": "2012-10-17",
              "Statement": [{"Sid": "Pad", "Effect": "Allow", "Action": actions, "Resource": "*"}]}

    def non_white(text):
        return sum(1 for c in text if c not in " \t\r\n")

    while non_white(json.dumps(policy, indent=2)) > size - 10:
        actions.pop()
    policy["Statement"][0]["Sid"] = "Pad" + "x" * (size - non_white(json.dumps(policy, indent=2)))
    text = json.dumps(policy, indent=2)
    assert non_white(text) == size and len(text) > size
    return text


class PolicyDocumentTest(BackendTestCase):

    def setUp(self):
        super().setUp()
        self.iam.create_user(UserName="doc-user")
        self.iam.create_group(GroupName="doc-group")
        self.arn = self.iam.create_policy(PolicyName="base", PolicyDocument=VALID[0][1])[
            "Policy"]["Arn"]

    def assertMalformed(self, message, fn, **kwargs):
        err = self.assertAwsError("MalformedPolicyDocument", 400, fn, **kwargs)
        self.assertEqual(message, err["Error"]["Message"])
        self.assertEqual("Sender", err["Error"]["Type"])

    def test_invalid_documents_are_refused_with_awss_message(self):
        self.assertGreaterEqual(len(INVALID), 20)
        for i, (name, text, message) in enumerate(INVALID):
            with self.subTest(name):
                self.assertMalformed(message, self.iam.create_policy,
                                     PolicyName=f"bad{i}", PolicyDocument=text)
                self.assertMalformed(message, self.iam.create_policy_version,
                                     PolicyArn=self.arn, PolicyDocument=text)
                self.assertMalformed(message, self.iam.put_user_policy, UserName="doc-user",
                                     PolicyName=f"bad{i}", PolicyDocument=text)
                self.assertMalformed(message, self.iam.put_group_policy, GroupName="doc-group",
                                     PolicyName=f"bad{i}", PolicyDocument=text)
        # Nothing was stored.
        self.assertEqual(["base"], [p["PolicyName"] for p in
                                    self.iam.list_policies(Scope="Local")["Policies"]])
        self.assertEqual(1, len(self.iam.list_policy_versions(PolicyArn=self.arn)["Versions"]))
        self.assertEqual([], self.iam.list_user_policies(UserName="doc-user")["PolicyNames"])
        self.assertEqual([], self.iam.list_group_policies(GroupName="doc-group")["PolicyNames"])

    def test_valid_documents_are_stored_as_sent(self):
        for i, (name, text) in enumerate(VALID):
            with self.subTest(name):
                arn = self.iam.create_policy(PolicyName=f"good{i}", PolicyDocument=text)[
                    "Policy"]["Arn"]
                version = self.iam.get_policy_version(PolicyArn=arn, VersionId="v1")
                self.assertEqual(json.loads(text), version["PolicyVersion"]["Document"])
                raw = signed_call(self.endpoint, {"Action": "GetPolicyVersion",
                                                  "Version": "2010-05-08", "PolicyArn": arn,
                                                  "VersionId": "v1"})
                self.assertEqual(200, raw.status)
                self.assertEqual(text, urllib.parse.unquote(raw.find("Document")))

                self.iam.put_user_policy(UserName="doc-user", PolicyName=f"good{i}",
                                         PolicyDocument=text)
                got = self.iam.get_user_policy(UserName="doc-user", PolicyName=f"good{i}")
                self.assertEqual(json.loads(text), got["PolicyDocument"])
                self.iam.delete_user_policy(UserName="doc-user", PolicyName=f"good{i}")
                self.iam.put_group_policy(GroupName="doc-group", PolicyName=f"good{i}",
                                          PolicyDocument=text)
                got = self.iam.get_group_policy(GroupName="doc-group", PolicyName=f"good{i}")
                self.assertEqual(json.loads(text), got["PolicyDocument"])

    def test_managed_policy_size_does_not_count_white_space(self):
        at_limit = managed_policy_of_size(6144)
        arn = self.iam.create_policy(PolicyName="at-limit", PolicyDocument=at_limit)[
            "Policy"]["Arn"]
        self.assertEqual(json.loads(at_limit), self.iam.get_policy_version(
            PolicyArn=arn, VersionId="v1")["PolicyVersion"]["Document"])
        err = self.assertAwsError("LimitExceeded", 409, self.iam.create_policy,
                                  PolicyName="over", PolicyDocument=managed_policy_of_size(6145))
        self.assertEqual("Cannot exceed quota for PolicySize: 6144", err["Error"]["Message"])

    def test_inline_policies_of_a_user_share_one_quota(self):
        first, second = managed_policy_of_size(1200), managed_policy_of_size(900)
        self.iam.put_user_policy(UserName="doc-user", PolicyName="first", PolicyDocument=first)
        err = self.assertAwsError("LimitExceeded", 409, self.iam.put_user_policy,
                                  UserName="doc-user", PolicyName="second",
                                  PolicyDocument=second)
        self.assertEqual("Maximum policy size of 2048 bytes exceeded for user doc-user",
                         err["Error"]["Message"])
        # Replacing a policy counts only its new document.
        self.iam.put_user_policy(UserName="doc-user", PolicyName="first", PolicyDocument=second)
        self.assertEqual(["first"],
                         self.iam.list_user_policies(UserName="doc-user")["PolicyNames"])
        # A group's inline policies may take 5,120 characters together.
        self.iam.put_group_policy(GroupName="doc-group", PolicyName="first", PolicyDocument=first)
        self.iam.put_group_policy(GroupName="doc-group", PolicyName="second",
                                  PolicyDocument=second)
        err = self.assertAwsError("LimitExceeded", 409, self.iam.put_group_policy,
                                  GroupName="doc-group", PolicyName="third",
                                  PolicyDocument=managed_policy_of_size(3100))
        self.assertEqual("Maximum policy size of 5120 bytes exceeded for group doc-group",
                         err["Error"]["Message"])


class TrustPolicyDocumentTest(BackendTestCase):

    def setUp(self):
        super().setUp()
        try:
            self.iam.create_role(RoleName="trusted", AssumeRolePolicyDocument=TRUST_OK)
        except ClientError as e:
            if e.response["Error"]["Code"] == "InvalidAction":
                self.skipTest("CreateRole is not implemented yet")
            raise

    def test_invalid_trust_policies_are_refused_with_awss_message(self):
        for i, (name, text, message) in enumerate(INVALID_TRUST):
            with self.subTest(name):
                err = self.assertAwsError("MalformedPolicyDocument", 400, self.iam.create_role,
                                          RoleName=f"bad{i}", AssumeRolePolicyDocument=text)
                self.assertEqual(message, err["Error"]["Message"])
                try:
                    self.iam.update_assume_role_policy(RoleName="trusted", PolicyDocument=text)
                except ClientError as e:
                    if e.response["Error"]["Code"] != "InvalidAction":
                        self.assertEqual("MalformedPolicyDocument", e.response["Error"]["Code"])
                        self.assertEqual(message, e.response["Error"]["Message"])
                else:
                    self.fail("UpdateAssumeRolePolicy accepted " + name)
        names = {r["RoleName"] for r in self.iam.list_roles()["Roles"]}
        self.assertIn("trusted", names)
        self.assertEqual(set(), {n for n in names if n.startswith("bad")})

    def test_valid_trust_policies_are_accepted(self):
        saml = doc([{"Effect": "Allow",
                     "Principal": {"Federated": "arn:aws:iam::123456789012:saml-provider/Sso"},
                     "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"],
                     "Condition": {"StringEquals": {
                         "SAML:aud": "https://signin.aws.amazon.com/saml"}}}])
        cross = doc([{"Effect": "Allow",
                      "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "444455556666"]},
                      "Action": "sts:AssumeRole",
                      "Condition": {"StringEquals": {"sts:ExternalId": "ext-7f3a"}}}])
        for name, text in (("saml", saml), ("cross", cross)):
            with self.subTest(name):
                role = self.iam.create_role(RoleName=name, AssumeRolePolicyDocument=text)["Role"]
                self.assertEqual(json.loads(text), role["AssumeRolePolicyDocument"])


if __name__ == "__main__":
    unittest.main()
