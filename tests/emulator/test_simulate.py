"""SimulatePrincipalPolicy and SimulateCustomPolicy: boto3 and the aws CLI against the emulator.

AWS's answers reproduced here (the other sources: src/emulator/state/simulate_response.h):
  * the aws CLI's own examples (awscli/examples/iam/simulate-custom-policy.rst): the DynamoDB
    date policy, allowed with PolicyInputList.1 at 1:38..1:167, implicitDeny for an early date;
  * LocalStack's recording of AWS (tests/aws/services/iam/test_iam.snapshot.json,
    test_simulate_principle_policy[user|group|role]): a managed s3:PutObject policy, one named
    resource: allowed with the statement at 1:41..1:113, ResourceSpecificResults, an empty
    EvalDecisionDetails; s3:GetObjectVersion implicitDeny.
"""

import json
import unittest

from harness import ACCOUNT_ID, AwsCli, BackendTestCase, emulator_only

ARN = f"arn:aws:iam::{ACCOUNT_ID}:"
# The aws CLI's simulate-custom-policy example document, verbatim.
CLI_EXAMPLE_DOC = ('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*",'
                   '"Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":'
                   '"2018-08-16T12:00:00Z"}}}}')
# LocalStack's recorded policy (json.dumps of a one-statement Statement object).
RECORDED_DOC = json.dumps({"Version": "2012-10-17",
                           "Statement": {"Sid": "", "Effect": "Allow", "Action": "s3:PutObject",
                                         "Resource": "*"}})
ALLOW_IAM_READ = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["iam:Get*", "iam:List*"], "Resource": "*"}]})
TRUST_EC2 = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
     "Action": "sts:AssumeRole"}]})


def context(name, values, kind):
    return {"ContextKeyName": name, "ContextKeyValues": values, "ContextKeyType": kind}


@emulator_only("moto does not evaluate policies")
class SimulateTest(BackendTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cli = AwsCli(cls.endpoint)

    # --- AWS's documented and recorded answers ----------------------------------------------

    def test_cli_example_custom_policy_with_a_date_context_entry(self):
        out = self.cli.iam("simulate-custom-policy", "--policy-input-list", CLI_EXAMPLE_DOC,
                           "--action-names", "dynamodb:CreateBackup", "--context-entries",
                           "ContextKeyName='aws:CurrentTime',"
                           "ContextKeyValues='2019-04-25T11:00:00Z',"
                           "ContextKeyType=date")
        self.assertEqual([{
            "EvalActionName": "dynamodb:CreateBackup",
            "EvalResourceName": "*",
            "EvalDecision": "allowed",
            "MatchedStatements": [{
                "SourcePolicyId": "PolicyInputList.1",
                "SourcePolicyType": "IAM Policy",
                "StartPosition": {"Line": 1, "Column": 38},
                "EndPosition": {"Line": 1, "Column": 167}}],
            "MissingContextValues": []}], out["EvaluationResults"])
        early = self.cli.iam("simulate-custom-policy", "--policy-input-list", CLI_EXAMPLE_DOC,
                             "--action-names", "dynamodb:CreateBackup", "--context-entries",
                             "ContextKeyName='aws:CurrentTime',"
                             "ContextKeyValues='2014-04-25T11:00:00Z',ContextKeyType=date")
        self.assertEqual("implicitDeny", early["EvaluationResults"][0]["EvalDecision"])
        self.assertEqual([], early["EvaluationResults"][0]["MatchedStatements"])

    def test_recorded_principal_answer_for_user_group_and_role(self):
        policy = self.iam.create_policy(PolicyName="put", PolicyDocument=RECORDED_DOC)
        arn = policy["Policy"]["Arn"]
        self.iam.create_user(UserName="u")
        self.iam.attach_user_policy(UserName="u", PolicyArn=arn)
        self.iam.create_group(GroupName="g")
        self.iam.attach_group_policy(GroupName="g", PolicyArn=arn)
        self.iam.create_role(RoleName="r", AssumeRolePolicyDocument=TRUST_EC2)
        self.iam.attach_role_policy(RoleName="r", PolicyArn=arn)
        bucket = "arn:aws:s3:::bucket"
        matched = [{"SourcePolicyId": "put", "SourcePolicyType": "IAM Policy",
                    "StartPosition": {"Line": 1, "Column": 41},
                    "EndPosition": {"Line": 1, "Column": 113}}]
        for source in (ARN + "user/u", ARN + "group/g", ARN + "role/r"):
            with self.subTest(source=source):
                r = self.iam.simulate_principal_policy(
                    PolicySourceArn=source, ActionNames=["s3:PutObject", "s3:GetObjectVersion"],
                    ResourceArns=[bucket])
                self.assertFalse(r["IsTruncated"])
                self.assertEqual([
                    {"EvalActionName": "s3:PutObject", "EvalResourceName": bucket,
                     "EvalDecision": "allowed", "MatchedStatements": matched,
                     "MissingContextValues": [], "EvalDecisionDetails": {},
                     "ResourceSpecificResults": [{
                         "EvalResourceName": bucket, "EvalResourceDecision": "allowed",
                         "MatchedStatements": matched, "MissingContextValues": []}]},
                    {"EvalActionName": "s3:GetObjectVersion", "EvalResourceName": bucket,
                     "EvalDecision": "implicitDeny", "MatchedStatements": [],
                     "MissingContextValues": [], "EvalDecisionDetails": {},
                     "ResourceSpecificResults": [{
                         "EvalResourceName": bucket, "EvalResourceDecision": "implicitDeny",
                         "MatchedStatements": [], "MissingContextValues": []}]},
                ], r["EvaluationResults"])

    # --- which policies, ids and positions ----------------------------------------------------

    def test_principal_policies_inline_group_and_explicit_deny(self):
        inline = ('{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n'
                  '      "Effect": "Allow",\n      "Action": "iam:*",\n      "Resource": "*"\n'
                  '    }\n  ]\n}')
        deny = json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "iam:ListUsers", "Resource": "*"},
            {"Effect": "Deny", "Action": "iam:DeleteUser", "Resource": "*"}]})
        self.iam.create_user(UserName="alice")
        self.iam.put_user_policy(UserName="alice", PolicyName="admin", PolicyDocument=inline)
        self.iam.create_group(GroupName="ops")
        self.iam.put_group_policy(GroupName="ops", PolicyName="guard", PolicyDocument=deny)
        self.iam.add_user_to_group(GroupName="ops", UserName="alice")
        r = self.iam.simulate_principal_policy(
            PolicySourceArn=ARN + "user/alice",
            ActionNames=["iam:GetUser", "iam:DeleteUser"])["EvaluationResults"]
        self.assertEqual("allowed", r[0]["EvalDecision"])
        self.assertEqual([{"SourcePolicyId": "user_alice_admin", "SourcePolicyType": "IAM Policy",
                           "StartPosition": {"Line": 3, "Column": 17},
                           "EndPosition": {"Line": 8, "Column": 6}}], r[0]["MatchedStatements"])
        self.assertEqual("explicitDeny", r[1]["EvalDecision"])
        # Only the deny is reported; the second statement starts after the first one's '}'.
        first_end = deny.index("}") + 2
        self.assertEqual([{"SourcePolicyId": "group_ops_guard", "SourcePolicyType": "IAM Policy",
                           "StartPosition": {"Line": 1, "Column": first_end},
                           "EndPosition": {"Line": 1, "Column": len(deny) - 1}}],
                         r[1]["MatchedStatements"])
        self.assertNotIn("ResourceSpecificResults", r[0])
        self.assertNotIn("EvalDecisionDetails", r[0])
        # The group alone: its policies only.
        g = self.iam.simulate_principal_policy(
            PolicySourceArn=ARN + "group/ops",
            ActionNames=["iam:GetUser", "iam:ListUsers"])["EvaluationResults"]
        self.assertEqual(["implicitDeny", "allowed"], [x["EvalDecision"] for x in g])
        # PolicyInputList adds to the principal's policies.
        extra = self.iam.simulate_principal_policy(
            PolicySourceArn=ARN + "group/ops", ActionNames=["iam:GetUser"],
            PolicyInputList=[ALLOW_IAM_READ])["EvaluationResults"][0]
        self.assertEqual("allowed", extra["EvalDecision"])
        self.assertEqual("PolicyInputList.1", extra["MatchedStatements"][0]["SourcePolicyId"])

    def test_context_entries_of_several_types_and_missing_context_values(self):
        doc = json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Action": "iam:GetUser", "Resource": "*",
            "Condition": {
                "NumericLessThan": {"aws:MultiFactorAuthAge": "3600"},
                "Bool": {"aws:MultiFactorAuthPresent": "true"},
                "IpAddress": {"aws:SourceIp": "203.0.113.0/24"},
                "DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"},
                "ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}}}]})
        r = self.iam.simulate_custom_policy(PolicyInputList=[doc], ActionNames=["iam:GetUser"])
        first = r["EvaluationResults"][0]
        self.assertEqual("implicitDeny", first["EvalDecision"])
        self.assertEqual(
            {"aws:multifactorauthage", "aws:multifactorauthpresent", "aws:sourceip",
             "aws:currenttime"},
            {k.lower() for k in first["MissingContextValues"]} - {"aws:tagkeys"})
        entries = [context("aws:MultiFactorAuthAge", ["120"], "numeric"),
                   context("aws:MultiFactorAuthPresent", ["true"], "boolean"),
                   context("aws:SourceIp", ["203.0.113.7"], "ip"),
                   context("aws:CurrentTime", ["2026-01-01T00:00:00Z"], "date"),
                   context("aws:TagKeys", ["team"], "stringList")]
        ok = self.iam.simulate_custom_policy(PolicyInputList=[doc], ActionNames=["iam:GetUser"],
                                             ContextEntries=entries)["EvaluationResults"][0]
        self.assertEqual("allowed", ok["EvalDecision"])
        self.assertEqual([], ok["MissingContextValues"])
        entries[2] = context("aws:SourceIp", ["198.51.100.1"], "ip")
        outside = self.iam.simulate_custom_policy(
            PolicyInputList=[doc], ActionNames=["iam:GetUser"],
            ContextEntries=entries)["EvaluationResults"][0]
        self.assertEqual("implicitDeny", outside["EvalDecision"])
        # With a named resource the missing keys move to ResourceSpecificResults.
        named = self.iam.simulate_custom_policy(
            PolicyInputList=[doc], ActionNames=["iam:GetUser"],
            ResourceArns=[ARN + "user/x"])["EvaluationResults"][0]
        self.assertEqual([], named["MissingContextValues"])
        self.assertTrue(named["ResourceSpecificResults"][0]["MissingContextValues"])

    def test_permissions_boundary_detail(self):
        boundary = self.iam.create_policy(
            PolicyName="read-only-boundary", PolicyDocument=json.dumps({
                "Version": "2012-10-17", "Statement": [
                    {"Effect": "Allow", "Action": "iam:GetUser", "Resource": "*"}]}))
        self.iam.create_user(UserName="b", PermissionsBoundary=boundary["Policy"]["Arn"])
        self.iam.put_user_policy(UserName="b", PolicyName="p", PolicyDocument=ALLOW_IAM_READ)
        r = self.iam.simulate_principal_policy(
            PolicySourceArn=ARN + "user/b",
            ActionNames=["iam:GetUser", "iam:ListUsers"])["EvaluationResults"]
        self.assertEqual(["allowed", "implicitDeny"], [x["EvalDecision"] for x in r])
        self.assertEqual([{"AllowedByPermissionsBoundary": True},
                          {"AllowedByPermissionsBoundary": False}],
                         [x["PermissionsBoundaryDecisionDetail"] for x in r])
        # PermissionsBoundaryPolicyInputList replaces the user's boundary.
        replaced = self.iam.simulate_principal_policy(
            PolicySourceArn=ARN + "user/b", ActionNames=["iam:ListUsers"],
            PermissionsBoundaryPolicyInputList=[ALLOW_IAM_READ])["EvaluationResults"][0]
        self.assertEqual("allowed", replaced["EvalDecision"])
        self.assertEqual({"AllowedByPermissionsBoundary": True},
                         replaced["PermissionsBoundaryDecisionDetail"])
        # No boundary: no detail.
        free = self.iam.simulate_custom_policy(PolicyInputList=[ALLOW_IAM_READ],
                                               ActionNames=["iam:GetUser"])
        self.assertNotIn("PermissionsBoundaryDecisionDetail", free["EvaluationResults"][0])

    def test_resource_policy_with_caller_arn(self):
        caller = ARN + "user/caller"
        resource_policy = json.dumps({"Version": "2012-10-17", "Statement": {
            "Effect": "Allow", "Principal": {"AWS": caller}, "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::b/*"}})
        nothing = json.dumps({"Version": "2012-10-17", "Statement": {
            "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}})
        r = self.iam.simulate_custom_policy(
            PolicyInputList=[nothing], ActionNames=["s3:GetObject"],
            ResourceArns=["arn:aws:s3:::b/k"], ResourcePolicy=resource_policy, CallerArn=caller)
        first = r["EvaluationResults"][0]
        self.assertEqual("allowed", first["EvalDecision"])
        self.assertEqual("ResourcePolicy", first["MatchedStatements"][0]["SourcePolicyId"])
        self.assertEqual("Resource Policy", first["MatchedStatements"][0]["SourcePolicyType"])
        other = self.iam.simulate_custom_policy(
            PolicyInputList=[nothing], ActionNames=["s3:GetObject"],
            ResourceArns=["arn:aws:s3:::b/k"], ResourcePolicy=resource_policy,
            CallerArn=ARN + "user/someone-else")
        self.assertEqual("implicitDeny", other["EvaluationResults"][0]["EvalDecision"])

    # --- paging ----------------------------------------------------------------------------------

    def test_paging_with_max_items_one_boto3_and_cli(self):
        self.iam.create_user(UserName="p")
        self.iam.put_user_policy(UserName="p", PolicyName="p", PolicyDocument=ALLOW_IAM_READ)
        actions = ["iam:GetUser", "iam:ListUsers", "iam:CreateUser"]
        resources = [ARN + "user/a", ARN + "user/b"]
        items, pages = self.page_all(self.iam.simulate_principal_policy, "EvaluationResults",
                                     PolicySourceArn=ARN + "user/p", ActionNames=actions,
                                     ResourceArns=resources)
        self.assertEqual(6, pages)
        self.assertEqual([(a, r) for a in actions for r in resources],
                         [(x["EvalActionName"], x["EvalResourceName"]) for x in items])
        for x in items:
            self.assertEqual([x["EvalResourceName"]],
                             [s["EvalResourceName"] for s in x["ResourceSpecificResults"]])
            self.assertEqual(x["EvalDecision"],
                             x["ResourceSpecificResults"][0]["EvalResourceDecision"])
        # The CLI follows the markers itself (--page-size sets MaxItems).
        out = self.cli.iam("simulate-custom-policy", "--policy-input-list", ALLOW_IAM_READ,
                           "--action-names", *actions, "--page-size", "1")
        self.assertEqual(actions, [x["EvalActionName"] for x in out["EvaluationResults"]])
        self.assertEqual({"*"}, {x["EvalResourceName"] for x in out["EvaluationResults"]})
        # --max-items 2 stops with a NextToken the CLI resumes from.
        first = self.cli.iam("simulate-principal-policy", "--policy-source-arn", ARN + "user/p",
                             "--action-names", *actions, "--max-items", "2")
        self.assertEqual(actions[:2], [x["EvalActionName"] for x in first["EvaluationResults"]])
        rest = self.cli.iam("simulate-principal-policy", "--policy-source-arn", ARN + "user/p",
                            "--action-names", *actions, "--starting-token", first["NextToken"])
        self.assertEqual(actions[2:], [x["EvalActionName"] for x in rest["EvaluationResults"]])

    # --- errors ---------------------------------------------------------------------------------

    def test_errors(self):
        self.iam.create_role(RoleName="r", AssumeRolePolicyDocument=TRUST_EC2)
        call = self.iam.simulate_principal_policy
        err = self.assertAwsError("NoSuchEntity", 404, call,
                                  PolicySourceArn=ARN + "user/nobody", ActionNames=["iam:GetUser"])
        self.assertEqual("The user with name nobody cannot be found.", err["Error"]["Message"])
        self.assertAwsError("NoSuchEntity", 404, call, PolicySourceArn=ARN + "role/nobody",
                            ActionNames=["iam:GetUser"])
        self.assertAwsError("InvalidInput", 400, call, PolicySourceArn=ARN + "policy/p",
                            ActionNames=["iam:GetUser"])
        session = f"arn:aws:sts::{ACCOUNT_ID}:assumed-role/r/s"
        err = self.assertAwsError("InvalidInput", 400, call, PolicySourceArn=session,
                                  ActionNames=["iam:GetUser"])
        self.assertEqual(f"Invalid Entity Arn: {session} does not clearly define entity type "
                         "and name.", err["Error"]["Message"])
        err = self.assertAwsError("InvalidInput", 400, call,
                                  PolicySourceArn="arn:aws:iam::999999999999:user/u",
                                  ActionNames=["iam:GetUser"])
        self.assertIn("does not have access to policies in account 999999999999",
                      err["Error"]["Message"])
        err = self.assertAwsError("InvalidInput", 400, call, PolicySourceArn=ARN + "role/r",
                                  ActionNames=["iam:GetUser"], ResourcePolicy=ALLOW_IAM_READ)
        self.assertEqual("Invalid caller - Caller must be an IAM user in this context.",
                         err["Error"]["Message"])
        custom = self.iam.simulate_custom_policy
        self.assertAwsError("InvalidInput", 400, custom, PolicyInputList=["not a policy"],
                            ActionNames=["iam:GetUser"])
        self.assertAwsError("InvalidInput", 400, custom, PolicyInputList=[ALLOW_IAM_READ],
                            PermissionsBoundaryPolicyInputList=[ALLOW_IAM_READ, ALLOW_IAM_READ],
                            ActionNames=["iam:GetUser"])
        self.assertAwsError("InvalidInput", 400, custom, PolicyInputList=[ALLOW_IAM_READ],
                            ActionNames=["iam:GetUser"], ResourcePolicy=ALLOW_IAM_READ,
                            CallerArn=ARN + "role/r")
        # The CLI shows AWS's code.
        failed = self.cli.iam("simulate-principal-policy", "--policy-source-arn",
                              ARN + "user/nobody", "--action-names", "iam:GetUser",
                              expect_ok=False)
        self.assertIn("(NoSuchEntity)", failed.stderr)


if __name__ == "__main__":
    unittest.main()
