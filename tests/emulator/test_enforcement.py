"""IAM enforcement (`emulator --enforce-iam`): a user holding exactly the Omada connector's
documented policy can do what it lists and nothing else, through boto3 and the `aws` CLI, and a
denied call answers AccessDenied (403) with AWS's message.

moto does not enforce IAM by default (its auth is off unless INITIAL_NO_AUTH_ACTION_COUNT is
set), so this module runs against our emulator only.
"""

import json
import unittest

from botocore.exceptions import ClientError

from harness import (ACCOUNT_ID, AwsCli, BackendTestCase, emulator_only, make_client)

# The policy of the Omada Identity AWS connector's documentation ("Create a custom IAM policy"),
# copied from /work/shared/seeds/004_6fb6dda7861569f4.txt (the Omada seed), unchanged.
OMADA_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "IAMReadAccess",
            "Effect": "Allow",
            "Action": [
                "iam:ListUsers",
                "iam:ListGroups",
                "iam:ListPolicies",
                "iam:GetAccountAuthorizationDetails",
                "iam:GetLoginProfile"
            ],
            "Resource": "*"
        },
        {
            "Sid": "IAMUserManagement",
            "Effect": "Allow",
            "Action": [
                "iam:CreateUser",
                "iam:DeleteUser",
                "iam:CreateLoginProfile",
                "iam:UpdateLoginProfile",
                "iam:DeleteLoginProfile"
            ],
            "Resource": "arn:aws:iam::*:user/*"
        },
        {
            "Sid": "IAMUserGroupPolicyManagement",
            "Effect": "Allow",
            "Action": [
                "iam:AddUserToGroup",
                "iam:RemoveUserFromGroup",
                "iam:AttachUserPolicy",
                "iam:DetachUserPolicy"
            ],
            "Resource": [
                "arn:aws:iam::*:user/*",
                "arn:aws:iam::*:group/*",
                "arn:aws:iam::*:policy/*"
            ]
        }
    ]
}

OMADA_USER = "OMADAAPI"
OMADA_ARN = f"arn:aws:iam::{ACCOUNT_ID}:user/{OMADA_USER}"
READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"
PASSWORD = "Omada-Initial-Pass-1!"


def denied_message(action, resource, caller=OMADA_ARN):
    """AWS's AccessDenied message for an action no identity-based policy allows."""
    return (f"User: {caller} is not authorized to perform: {action} on resource: {resource} "
            f"because no identity-based policy allows the {action} action")


@emulator_only("IAM enforcement (--enforce-iam)")
class EnforcementTest(BackendTestCase):
    SERVER_ARGS = ("--enforce-iam",)

    def setUp(self):
        super().setUp()
        # As the guide says: a managed policy "OmadaIAMUserManagement" attached to OMADAAPI,
        # and an access key for it. Done as the root (test/test), which is never checked.
        arn = self.iam.create_policy(PolicyName="OmadaIAMUserManagement",
                                     PolicyDocument=json.dumps(OMADA_POLICY))["Policy"]["Arn"]
        self.iam.create_user(UserName=OMADA_USER)
        self.iam.attach_user_policy(UserName=OMADA_USER, PolicyArn=arn)
        key = self.iam.create_access_key(UserName=OMADA_USER)["AccessKey"]
        self.omada = make_client(self.endpoint, "iam", key=key["AccessKeyId"],
                                 secret=key["SecretAccessKey"])
        self.omada_sts = make_client(self.endpoint, "sts", key=key["AccessKeyId"],
                                     secret=key["SecretAccessKey"])
        self.cli = AwsCli(self.endpoint, key=key["AccessKeyId"], secret=key["SecretAccessKey"])
        self.iam.create_group(GroupName="staff")

    def assertDenied(self, message, fn, **kwargs):
        with self.assertRaises(ClientError) as caught:
            fn(**kwargs)
        err = caught.exception.response
        self.assertEqual("AccessDenied", err["Error"]["Code"], err)
        self.assertEqual(403, err["ResponseMetadata"]["HTTPStatusCode"], err)
        self.assertEqual("Sender", err["Error"].get("Type"), err)
        self.assertEqual(message, err["Error"]["Message"])

    def assertCliDenied(self, operation, message, *args):
        result = self.cli.iam(*args, expect_ok=False)
        self.assertNotEqual(0, result.returncode)
        self.assertIn(f"An error occurred (AccessDenied) when calling the {operation} operation: "
                      f"{message}", result.stderr)

    # --- what the policy lists -----------------------------------------------------------------

    def test_boto3_user_lifecycle_the_policy_allows(self):
        o = self.omada
        self.assertIn(OMADA_USER, [u["UserName"] for u in o.list_users()["Users"]])
        self.assertIn("staff", [g["GroupName"] for g in o.list_groups()["Groups"]])
        self.assertTrue(o.list_policies(Scope="AWS", MaxItems=5)["Policies"])
        gaad = o.get_account_authorization_details(Filter=["User"])
        self.assertIn(OMADA_USER, [u["UserName"] for u in gaad["UserDetailList"]])

        o.create_user(UserName="jdoe", Path="/omada/")
        o.create_login_profile(UserName="jdoe", Password=PASSWORD, PasswordResetRequired=True)
        self.assertEqual("jdoe", o.get_login_profile(UserName="jdoe")["LoginProfile"]["UserName"])
        o.update_login_profile(UserName="jdoe", Password=PASSWORD + "x")
        o.add_user_to_group(GroupName="staff", UserName="jdoe")
        o.attach_user_policy(UserName="jdoe", PolicyArn=READ_ONLY)
        # The state changed as the root sees it.
        attached = self.iam.list_attached_user_policies(UserName="jdoe")["AttachedPolicies"]
        self.assertEqual([READ_ONLY], [p["PolicyArn"] for p in attached])
        o.detach_user_policy(UserName="jdoe", PolicyArn=READ_ONLY)
        o.remove_user_from_group(GroupName="staff", UserName="jdoe")
        o.delete_login_profile(UserName="jdoe")
        o.delete_user(UserName="jdoe")
        self.assertNotIn("jdoe", [u["UserName"] for u in self.iam.list_users()["Users"]])

    def test_cli_user_lifecycle_the_policy_allows(self):
        self.assertIn(OMADA_USER, [u["UserName"] for u in self.cli.iam("list-users")["Users"]])
        self.assertIn("staff", [g["GroupName"] for g in self.cli.iam("list-groups")["Groups"]])
        self.cli.iam("list-policies", "--scope", "Local")
        self.cli.iam("get-account-authorization-details", "--filter", "User")
        self.cli.iam("create-user", "--user-name", "cli-jdoe")
        self.cli.iam("create-login-profile", "--user-name", "cli-jdoe", "--password", PASSWORD)
        self.cli.iam("get-login-profile", "--user-name", "cli-jdoe")
        self.cli.iam("add-user-to-group", "--group-name", "staff", "--user-name", "cli-jdoe")
        self.cli.iam("attach-user-policy", "--user-name", "cli-jdoe", "--policy-arn", READ_ONLY)
        self.cli.iam("detach-user-policy", "--user-name", "cli-jdoe", "--policy-arn", READ_ONLY)
        self.cli.iam("remove-user-from-group", "--group-name", "staff", "--user-name", "cli-jdoe")
        self.cli.iam("delete-login-profile", "--user-name", "cli-jdoe")
        self.cli.iam("delete-user", "--user-name", "cli-jdoe")

    def test_calls_that_need_no_permission(self):
        who = self.omada_sts.get_caller_identity()
        self.assertEqual(OMADA_ARN, who["Arn"])

    # --- what it does not list -----------------------------------------------------------------

    def test_boto3_denials_with_aws_messages(self):
        self.iam.create_user(UserName="target")
        o = self.omada
        # An entity the call creates is named by its ARN, one addressed by name as "KIND NAME"
        # (AWS's recorded answers: "iam:CreateGroup on resource: arn:aws:iam::ACCT:group/X",
        # "iam:GetGroup on resource: group X", "iam:CreateAccessKey on resource: user X").
        self.assertDenied(denied_message(
            "iam:CreateGroup", f"arn:aws:iam::{ACCOUNT_ID}:group/admins"),
            o.create_group, GroupName="admins")
        self.assertDenied(denied_message("iam:DeleteGroup", "group staff"),
                          o.delete_group, GroupName="staff")
        self.assertDenied(denied_message("iam:CreateAccessKey", "user target"),
                          o.create_access_key, UserName="target")
        self.assertDenied(denied_message("iam:TagUser", "user target"),
                          o.tag_user, UserName="target", Tags=[{"Key": "k", "Value": "v"}])
        self.assertDenied(denied_message("iam:GetUser", "user target"),
                          o.get_user, UserName="target")
        self.assertDenied(denied_message("iam:PutUserPolicy", "user target"),
                          o.put_user_policy, UserName="target", PolicyName="p",
                          PolicyDocument=json.dumps(OMADA_POLICY))
        self.assertDenied(denied_message(
            "iam:CreateRole", f"arn:aws:iam::{ACCOUNT_ID}:role/r1"),
            o.create_role, RoleName="r1", AssumeRolePolicyDocument=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Principal": {"AWS": ACCOUNT_ID},
                               "Action": "sts:AssumeRole"}]}))
        self.assertDenied(denied_message("iam:GetAccountSummary", "*"),
                          o.get_account_summary)
        # Nothing changed.
        self.assertEqual(["staff"], [g["GroupName"] for g in self.iam.list_groups()["Groups"]])
        self.assertEqual([], self.iam.list_access_keys(UserName="target")["AccessKeyMetadata"])
        self.assertEqual([], self.iam.list_user_tags(UserName="target")["Tags"])

    def test_cli_denials_with_aws_messages(self):
        self.iam.create_user(UserName="target")
        self.assertCliDenied("CreateGroup", denied_message(
            "iam:CreateGroup", f"arn:aws:iam::{ACCOUNT_ID}:group/admins"),
            "create-group", "--group-name", "admins")
        self.assertCliDenied("DeleteGroup", denied_message("iam:DeleteGroup", "group staff"),
                             "delete-group", "--group-name", "staff")
        self.assertCliDenied("CreateAccessKey",
                             denied_message("iam:CreateAccessKey", "user target"),
                             "create-access-key", "--user-name", "target")
        self.assertCliDenied("TagUser", denied_message("iam:TagUser", "user target"),
                             "tag-user", "--user-name", "target", "--tags", "Key=k,Value=v")

    def test_sessions_of_the_user_are_held_to_its_policy(self):
        # GetSessionToken needs no permission; the session is the user.
        creds = self.omada_sts.get_session_token()["Credentials"]
        session = make_client(self.endpoint, "iam", key=creds["AccessKeyId"],
                              secret=creds["SecretAccessKey"], token=creds["SessionToken"])
        session.list_users()
        self.assertDenied(denied_message(
            "iam:CreateGroup", f"arn:aws:iam::{ACCOUNT_ID}:group/g2"),
            session.create_group, GroupName="g2")
        # GetFederationToken is not in the policy.
        self.assertDenied(denied_message("sts:GetFederationToken",
                                         f"arn:aws:sts::{ACCOUNT_ID}:federated-user/fed"),
                          self.omada_sts.get_federation_token, Name="fed")

    def test_granting_more_takes_effect_at_once(self):
        self.assertDenied(denied_message("iam:CreateGroup",
                                         f"arn:aws:iam::{ACCOUNT_ID}:group/g3"),
                          self.omada.create_group, GroupName="g3")
        self.iam.put_user_policy(UserName=OMADA_USER, PolicyName="groups", PolicyDocument=json.dumps({
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "iam:CreateGroup",
                           "Resource": "arn:aws:iam::*:group/*"}]}))
        self.omada.create_group(GroupName="g3")
        self.iam.delete_user_policy(UserName=OMADA_USER, PolicyName="groups")
        self.assertDenied(denied_message("iam:CreateGroup",
                                         f"arn:aws:iam::{ACCOUNT_ID}:group/g4"),
                          self.omada.create_group, GroupName="g4")


@emulator_only("IAM enforcement is off unless --enforce-iam")
class EnforcementOffTest(BackendTestCase):

    def test_any_user_may_call_anything_without_the_flag(self):
        self.iam.create_user(UserName="nobody")
        key = self.iam.create_access_key(UserName="nobody")["AccessKey"]
        client = make_client(self.endpoint, "iam", key=key["AccessKeyId"],
                             secret=key["SecretAccessKey"])
        client.create_group(GroupName="free-for-all")


if __name__ == "__main__":
    unittest.main()
