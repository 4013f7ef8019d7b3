"""The image's `aws` CLI (v1) against the backend: a good share of the actions, errors, paging."""

import json
import os
import shutil
import tempfile
import unittest

from harness import ACCOUNT_ID, AwsCli, BackendTestCase, unless_moto

DOC = {"Version": "2012-10-17",
       "Statement": [{"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}]}


class CliTest(BackendTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cli = AwsCli(cls.endpoint)
        cls.tmp = tempfile.mkdtemp(prefix="aic-cli-")
        cls.addClassCleanup(shutil.rmtree, cls.tmp, True)
        cls.doc_file = os.path.join(cls.tmp, "doc.json")
        with open(cls.doc_file, "w") as f:
            json.dump(DOC, f)

    def assertCliError(self, code, result):
        self.assertNotEqual(0, result.returncode)
        self.assertIn(f"({code})", result.stderr)

    def test_users_groups_and_membership(self):
        user = self.cli.iam("create-user", "--user-name", "cli-user", "--path", "/cli/",
                            "--tags", "Key=env,Value=test")["User"]
        self.assertEqual("cli-user", user["UserName"])
        self.assertEqual(f"arn:aws:iam::{ACCOUNT_ID}:user/cli/cli-user", user["Arn"])
        got = self.cli.iam("get-user", "--user-name", "cli-user")["User"]
        self.assertEqual(user["UserId"], got["UserId"])
        listed = self.cli.iam("list-users", "--path-prefix", "/cli/")["Users"]
        self.assertEqual(["cli-user"], [u["UserName"] for u in listed])
        tags = self.cli.iam("list-user-tags", "--user-name", "cli-user")["Tags"]
        self.assertEqual([{"Key": "env", "Value": "test"}], tags)

        self.assertCliError("EntityAlreadyExists",
                            self.cli.iam("create-user", "--user-name", "cli-user",
                                         expect_ok=False))
        self.assertCliError("NoSuchEntity",
                            self.cli.iam("get-user", "--user-name", "nobody", expect_ok=False))

        self.cli.iam("create-group", "--group-name", "cli-group")
        self.assertIsNone(self.cli.iam("add-user-to-group", "--group-name", "cli-group",
                                       "--user-name", "cli-user"))
        members = self.cli.iam("get-group", "--group-name", "cli-group")["Users"]
        self.assertEqual(["cli-user"], [u["UserName"] for u in members])
        groups = self.cli.iam("list-groups-for-user", "--user-name", "cli-user")["Groups"]
        self.assertEqual(["cli-group"], [g["GroupName"] for g in groups])
        self.cli.iam("remove-user-from-group", "--group-name", "cli-group",
                     "--user-name", "cli-user")
        self.cli.iam("delete-group", "--group-name", "cli-group")
        self.cli.iam("delete-user", "--user-name", "cli-user")
        self.assertCliError("NoSuchEntity",
                            self.cli.iam("get-user", "--user-name", "cli-user", expect_ok=False))

    def test_login_profile_and_access_keys(self):
        self.cli.iam("create-user", "--user-name", "cli-login")
        prof = self.cli.iam("create-login-profile", "--user-name", "cli-login",
                            "--password", "Cli!Passw0rd-123", "--password-reset-required")
        self.assertEqual("cli-login", prof["LoginProfile"]["UserName"])
        got = self.cli.iam("get-login-profile", "--user-name", "cli-login")["LoginProfile"]
        self.assertEqual("cli-login", got["UserName"])
        self.cli.iam("delete-login-profile", "--user-name", "cli-login")

        key = self.cli.iam("create-access-key", "--user-name", "cli-login")["AccessKey"]
        self.assertEqual("Active", key["Status"])
        keys = self.cli.iam("list-access-keys", "--user-name", "cli-login")["AccessKeyMetadata"]
        self.assertEqual([key["AccessKeyId"]], [k["AccessKeyId"] for k in keys])
        self.cli.iam("update-access-key", "--user-name", "cli-login", "--access-key-id",
                     key["AccessKeyId"], "--status", "Inactive")
        keys = self.cli.iam("list-access-keys", "--user-name", "cli-login")["AccessKeyMetadata"]
        self.assertEqual("Inactive", keys[0]["Status"])
        self.cli.iam("delete-access-key", "--user-name", "cli-login", "--access-key-id",
                     key["AccessKeyId"])
        self.assertEqual([], self.cli.iam("list-mfa-devices", "--user-name",
                                          "cli-login")["MFADevices"])

    def test_policies_attachments_and_inline(self):
        pol = self.cli.iam("create-policy", "--policy-name", "cli-pol", "--policy-document",
                           f"file://{self.doc_file}")["Policy"]
        arn = pol["Arn"]
        self.assertEqual(f"arn:aws:iam::{ACCOUNT_ID}:policy/cli-pol", arn)
        version = self.cli.iam("get-policy-version", "--policy-arn", arn, "--version-id",
                               "v1")["PolicyVersion"]
        self.assertEqual(DOC, version["Document"])
        self.cli.iam("create-policy-version", "--policy-arn", arn, "--policy-document",
                     f"file://{self.doc_file}", "--set-as-default")
        self.assertEqual("v2", self.cli.iam("get-policy", "--policy-arn", arn)["Policy"][
            "DefaultVersionId"])

        self.cli.iam("create-user", "--user-name", "cli-att")
        self.cli.iam("attach-user-policy", "--user-name", "cli-att", "--policy-arn", arn)
        attached = self.cli.iam("list-attached-user-policies", "--user-name",
                                "cli-att")["AttachedPolicies"]
        self.assertEqual([arn], [p["PolicyArn"] for p in attached])
        self.cli.iam("put-user-policy", "--user-name", "cli-att", "--policy-name", "inl",
                     "--policy-document", f"file://{self.doc_file}")
        inline = self.cli.iam("get-user-policy", "--user-name", "cli-att", "--policy-name", "inl")
        self.assertEqual(DOC, inline["PolicyDocument"])

        gaad = self.cli.iam("get-account-authorization-details", "--filter", "User")
        user = next(u for u in gaad["UserDetailList"] if u["UserName"] == "cli-att")
        self.assertEqual([arn], [p["PolicyArn"] for p in user["AttachedManagedPolicies"]])
        self.assertEqual([{"PolicyName": "inl", "PolicyDocument": DOC}], user["UserPolicyList"])

        self.cli.iam("detach-user-policy", "--user-name", "cli-att", "--policy-arn", arn)
        self.cli.iam("delete-user-policy", "--user-name", "cli-att", "--policy-name", "inl")
        self.cli.iam("delete-policy-version", "--policy-arn", arn, "--version-id", "v1")
        self.cli.iam("delete-policy", "--policy-arn", arn)

    @unless_moto("moto allows DeleteUser with attachments and ignores MaxItems")
    def test_delete_conflict_and_page_size_1(self):
        for i in range(5):
            self.cli.iam("create-user", "--user-name", f"cli-page-{i}")
        self.cli.iam("create-login-profile", "--user-name", "cli-page-0",
                     "--password", "Cli!Passw0rd-123")
        self.assertCliError("DeleteConflict", self.cli.iam("delete-user", "--user-name",
                                                           "cli-page-0", expect_ok=False))
        # The CLI pages by itself with MaxItems=1 and merges the pages.
        users = self.cli.iam("list-users", "--page-size", "1")["Users"]
        names = [u["UserName"] for u in users]
        self.assertEqual(sorted(names), sorted(set(names)))
        self.assertEqual({f"cli-page-{i}" for i in range(5)}, set(names))
        first = self.cli.iam("list-users", "--max-items", "2", "--page-size", "1")
        self.assertEqual(2, len(first["Users"]))
        self.assertIn("NextToken", first)
        rest = self.cli.iam("list-users", "--page-size", "1", "--starting-token",
                            first["NextToken"])
        self.assertEqual(set(names), {u["UserName"] for u in first["Users"] + rest["Users"]})

    def test_password_policy_summary_and_sts(self):
        self.cli.iam("update-account-password-policy", "--minimum-password-length", "10",
                     "--require-numbers")
        policy = self.cli.iam("get-account-password-policy")["PasswordPolicy"]
        self.assertEqual(10, policy["MinimumPasswordLength"])
        self.assertTrue(policy["RequireNumbers"])
        summary = self.cli.iam("get-account-summary")["SummaryMap"]
        self.assertIn("Users", summary)
        ident = self.cli.sts("get-caller-identity")
        self.assertEqual(ACCOUNT_ID, ident["Account"])

    @unless_moto("moto does not check passwords against the account password policy")
    def test_password_policy_violation(self):
        self.cli.iam("update-account-password-policy", "--minimum-password-length", "20")
        self.cli.iam("create-user", "--user-name", "cli-weak")
        self.assertCliError("PasswordPolicyViolation", self.cli.iam(
            "create-login-profile", "--user-name", "cli-weak", "--password", "Short1!",
            expect_ok=False))


if __name__ == "__main__":
    unittest.main()
