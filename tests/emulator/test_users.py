"""Users, login profiles, tags, permissions boundaries, password policy, account summary (boto3)."""

import re
import unittest

from harness import ACCOUNT_ID, BackendTestCase, unless_moto

USER_ID = re.compile(r"^AIDA[A-Z0-9]{17}$")
BOUNDARY = "arn:aws:iam::aws:policy/ReadOnlyAccess"


class UserTest(BackendTestCase):

    def test_create_get_list_update_delete_user(self):
        created = self.iam.create_user(UserName="alice", Path="/staff/",
                                       Tags=[{"Key": "dept", "Value": "eng"}])["User"]
        self.assertEqual("alice", created["UserName"])
        self.assertEqual("/staff/", created["Path"])
        self.assertEqual(f"arn:aws:iam::{ACCOUNT_ID}:user/staff/alice", created["Arn"])
        self.assertTrue(created["UserId"])
        self.assertRecentDate(created["CreateDate"])
        self.assertEqual([{"Key": "dept", "Value": "eng"}], created["Tags"])

        got = self.iam.get_user(UserName="alice")["User"]
        self.assertEqual("alice", got["UserName"])
        self.assertEqual(created["UserId"], got["UserId"])
        self.assertEqual(created["Arn"], got["Arn"])
        self.assertNotIn("PasswordLastUsed", got)
        self.assertEqual([{"Key": "dept", "Value": "eng"}], got["Tags"])

        self.iam.create_user(UserName="bob")
        users = self.iam.list_users()["Users"]
        names = sorted(u["UserName"] for u in users)
        self.assertEqual(["alice", "bob"], names)
        bob = next(u for u in users if u["UserName"] == "bob")
        self.assertEqual("/", bob["Path"])
        self.assertEqual(f"arn:aws:iam::{ACCOUNT_ID}:user/bob", bob["Arn"])

        staff = self.iam.list_users(PathPrefix="/staff/")["Users"]
        self.assertEqual(["alice"], [u["UserName"] for u in staff])

        self.iam.update_user(UserName="alice", NewUserName="alice2", NewPath="/ops/")
        renamed = self.iam.get_user(UserName="alice2")["User"]
        self.assertEqual("/ops/", renamed["Path"])
        self.assertEqual(created["UserId"], renamed["UserId"])
        self.assertEqual(f"arn:aws:iam::{ACCOUNT_ID}:user/ops/alice2", renamed["Arn"])
        self.assertAwsError("NoSuchEntity", 404, self.iam.get_user, UserName="alice")

        self.iam.delete_user(UserName="alice2")
        self.assertAwsError("NoSuchEntity", 404, self.iam.get_user, UserName="alice2")
        self.assertEqual(["bob"], [u["UserName"] for u in self.iam.list_users()["Users"]])

    @unless_moto("moto's IDs are not in AWS's AIDA... format")
    def test_user_id_format(self):
        created = self.iam.create_user(UserName="idcheck")["User"]
        self.assertRegex(created["UserId"], USER_ID)
        self.assertEqual(created["UserId"], self.iam.get_user(UserName="IDCHECK")["User"]["UserId"])

    @unless_moto("moto answers GetUser for a made-up default_user, not the account root")
    def test_get_user_without_name_is_the_caller(self):
        # AWS answers for the signing identity; for the account root it is the root user.
        got = self.iam.get_user()["User"]
        self.assertEqual(f"arn:aws:iam::{ACCOUNT_ID}:root", got["Arn"])
        self.assertEqual(ACCOUNT_ID, got["UserId"])

    def test_duplicate_user_name(self):
        self.iam.create_user(UserName="Carol")
        self.assertAwsError("EntityAlreadyExists", 409, self.iam.create_user, UserName="Carol")

    @unless_moto("moto treats user names as case-sensitive")
    def test_duplicate_user_names_are_case_insensitive(self):
        self.iam.create_user(UserName="Carol")
        self.assertAwsError("EntityAlreadyExists", 409, self.iam.create_user, UserName="Carol")
        self.assertAwsError("EntityAlreadyExists", 409, self.iam.create_user, UserName="cAROL")
        self.iam.create_user(UserName="dave")
        self.assertAwsError("EntityAlreadyExists", 409, self.iam.update_user, UserName="dave",
                            NewUserName="CAROL")

    def test_missing_user_errors(self):
        self.assertAwsError("NoSuchEntity", 404, self.iam.get_user, UserName="ghost")
        self.assertAwsError("NoSuchEntity", 404, self.iam.delete_user, UserName="ghost")
        self.assertAwsError("NoSuchEntity", 404, self.iam.update_user, UserName="ghost",
                            NewPath="/x/")

    @unless_moto("moto accepts user names outside [\\w+=,.@-]{1,64}")
    def test_invalid_user_name_is_validation_error(self):
        self.assertAwsError(("ValidationError", "InvalidInput"), 400, self.iam.create_user,
                            UserName="bad name!")
        self.assertAwsError(("ValidationError", "InvalidInput"), 400, self.iam.create_user,
                            UserName="x" * 65)

    @unless_moto("moto accepts malformed paths")
    def test_invalid_path_is_validation_error(self):
        self.assertAwsError(("ValidationError", "InvalidInput"), 400, self.iam.create_user,
                            UserName="pathy", Path="no-slashes")


class LoginProfileTest(BackendTestCase):

    def test_login_profile_lifecycle(self):
        self.iam.create_user(UserName="erin")
        self.assertAwsError("NoSuchEntity", 404, self.iam.get_login_profile, UserName="erin")
        prof = self.iam.create_login_profile(UserName="erin", Password="Str0ng!Passw0rd",
                                             PasswordResetRequired=True)["LoginProfile"]
        self.assertEqual("erin", prof["UserName"])
        self.assertRecentDate(prof["CreateDate"])
        got = self.iam.get_login_profile(UserName="erin")["LoginProfile"]
        self.assertEqual("erin", got["UserName"])
        self.assertAwsError("EntityAlreadyExists", 409, self.iam.create_login_profile,
                            UserName="erin", Password="An0ther!Passw0rd")

        self.iam.update_login_profile(UserName="erin", Password="Upd4ted!Passw0rd")

        self.iam.delete_login_profile(UserName="erin")
        self.assertAwsError("NoSuchEntity", 404, self.iam.get_login_profile, UserName="erin")
        self.assertAwsError("NoSuchEntity", 404, self.iam.delete_login_profile, UserName="erin")
        self.assertAwsError("NoSuchEntity", 404, self.iam.update_login_profile, UserName="erin",
                            Password="Upd4ted!Passw0rd")
        self.assertAwsError("NoSuchEntity", 404, self.iam.create_login_profile,
                            UserName="nobody", Password="Str0ng!Passw0rd")

    @unless_moto("moto does not keep PasswordResetRequired")
    def test_password_reset_required_kept(self):
        self.iam.create_user(UserName="erin")
        prof = self.iam.create_login_profile(UserName="erin", Password="Str0ng!Passw0rd",
                                             PasswordResetRequired=True)["LoginProfile"]
        self.assertTrue(prof["PasswordResetRequired"])
        self.assertTrue(
            self.iam.get_login_profile(UserName="erin")["LoginProfile"]["PasswordResetRequired"])
        self.iam.update_login_profile(UserName="erin", PasswordResetRequired=False)
        self.assertFalse(
            self.iam.get_login_profile(UserName="erin")["LoginProfile"]["PasswordResetRequired"])

    @unless_moto("moto allows DeleteUser while a login profile exists")
    def test_delete_user_with_login_profile_conflicts(self):
        self.iam.create_user(UserName="frank")
        self.iam.create_login_profile(UserName="frank", Password="Str0ng!Passw0rd")
        self.assertAwsError("DeleteConflict", 409, self.iam.delete_user, UserName="frank")
        self.iam.delete_login_profile(UserName="frank")
        self.iam.delete_user(UserName="frank")


class PasswordPolicyTest(BackendTestCase):

    def test_password_policy_round_trip(self):
        self.assertAwsError("NoSuchEntity", 404, self.iam.get_account_password_policy)
        self.iam.update_account_password_policy(
            MinimumPasswordLength=12, RequireSymbols=True, RequireNumbers=True,
            RequireUppercaseCharacters=True, RequireLowercaseCharacters=False,
            AllowUsersToChangePassword=True, MaxPasswordAge=90, PasswordReusePrevention=5)
        policy = self.iam.get_account_password_policy()["PasswordPolicy"]
        self.assertEqual(12, policy["MinimumPasswordLength"])
        self.assertTrue(policy["RequireSymbols"])
        self.assertTrue(policy["RequireNumbers"])
        self.assertTrue(policy["RequireUppercaseCharacters"])
        self.assertFalse(policy["RequireLowercaseCharacters"])
        self.assertTrue(policy["AllowUsersToChangePassword"])
        self.assertEqual(90, policy["MaxPasswordAge"])
        self.assertEqual(5, policy["PasswordReusePrevention"])
        self.iam.delete_account_password_policy()
        self.assertAwsError("NoSuchEntity", 404, self.iam.get_account_password_policy)
        self.assertAwsError("NoSuchEntity", 404, self.iam.delete_account_password_policy)

    @unless_moto("moto does not check passwords against the account password policy")
    def test_password_policy_violation(self):
        self.iam.update_account_password_policy(MinimumPasswordLength=14, RequireSymbols=True,
                                                RequireNumbers=True)
        self.iam.create_user(UserName="gina")
        self.assertAwsError("PasswordPolicyViolation", 400, self.iam.create_login_profile,
                            UserName="gina", Password="short1!")
        self.assertAwsError("PasswordPolicyViolation", 400, self.iam.create_login_profile,
                            UserName="gina", Password="longbutnosymbols123")
        self.assertAwsError("NoSuchEntity", 404, self.iam.get_login_profile, UserName="gina")
        self.iam.create_login_profile(UserName="gina", Password="long-enough-pass-1!")
        self.assertAwsError("PasswordPolicyViolation", 400, self.iam.update_login_profile,
                            UserName="gina", Password="tooshort")


class TagsAndBoundaryTest(BackendTestCase):

    def test_user_tags(self):
        self.iam.create_user(UserName="hank")
        self.iam.tag_user(UserName="hank", Tags=[{"Key": "a", "Value": "1"},
                                                 {"Key": "b", "Value": "2"}])
        self.iam.tag_user(UserName="hank", Tags=[{"Key": "a", "Value": "changed"}])
        tags = self.iam.list_user_tags(UserName="hank")["Tags"]
        self.assertEqual({"a": "changed", "b": "2"}, {t["Key"]: t["Value"] for t in tags})
        self.iam.untag_user(UserName="hank", TagKeys=["a"])
        self.assertEqual([{"Key": "b", "Value": "2"}],
                         self.iam.list_user_tags(UserName="hank")["Tags"])
        self.assertEqual([{"Key": "b", "Value": "2"}],
                         self.iam.get_user(UserName="hank")["User"]["Tags"])
        self.assertAwsError("NoSuchEntity", 404, self.iam.tag_user, UserName="ghost",
                            Tags=[{"Key": "a", "Value": "1"}])
        self.assertAwsError("NoSuchEntity", 404, self.iam.list_user_tags, UserName="ghost")

    @unless_moto("moto does not count existing tags toward the 50-tag limit")
    def test_fifty_tags_allowed_fifty_one_refused(self):
        self.iam.create_user(UserName="ivy")
        self.iam.tag_user(UserName="ivy",
                          Tags=[{"Key": f"k{i}", "Value": str(i)} for i in range(50)])
        self.assertEqual(50, len(self.iam.list_user_tags(UserName="ivy")["Tags"]))
        self.assertAwsError("LimitExceeded", 409, self.iam.tag_user, UserName="ivy",
                            Tags=[{"Key": "k50", "Value": "x"}])
        # 51 tags in one request fail the model's list size first (as AWS answers CreateRole:
        # LocalStack test_iam_roles.snapshot.json, create-role-too-many-tags).
        self.assertAwsError("ValidationError", 400, self.iam.create_user, UserName="ivy2",
                            Tags=[{"Key": f"k{i}", "Value": str(i)} for i in range(51)])

    @unless_moto("moto drops PermissionsBoundary from CreateUser/GetUser")
    def test_permissions_boundary(self):
        self.iam.create_user(UserName="jack", PermissionsBoundary=BOUNDARY)
        pb = self.iam.get_user(UserName="jack")["User"]["PermissionsBoundary"]
        self.assertEqual(BOUNDARY, pb["PermissionsBoundaryArn"])
        self.assertEqual("PermissionsBoundaryPolicy", pb["PermissionsBoundaryType"])
        self.iam.delete_user_permissions_boundary(UserName="jack")
        self.assertNotIn("PermissionsBoundary", self.iam.get_user(UserName="jack")["User"])
        self.iam.put_user_permissions_boundary(UserName="jack", PermissionsBoundary=BOUNDARY)
        pb = self.iam.get_user(UserName="jack")["User"]["PermissionsBoundary"]
        self.assertEqual(BOUNDARY, pb["PermissionsBoundaryArn"])
        self.assertAwsError("NoSuchEntity", 404, self.iam.put_user_permissions_boundary,
                            UserName="ghost", PermissionsBoundary=BOUNDARY)

    @unless_moto("moto accepts a malformed boundary ARN")
    def test_bad_boundary_arn_is_invalid_input(self):
        self.iam.create_user(UserName="kate")
        self.assertAwsError(("InvalidInput", "ValidationError"), 400,
                            self.iam.put_user_permissions_boundary, UserName="kate",
                            PermissionsBoundary="not-an-arn-but-long-enough")


class AccountSummaryTest(BackendTestCase):

    def test_summary_counts_users_groups_policies(self):
        before = self.iam.get_account_summary()["SummaryMap"]
        for name in ("s1", "s2", "s3"):
            self.iam.create_user(UserName=name)
        self.iam.create_group(GroupName="summary-group")
        self.iam.create_policy(PolicyName="summary-policy", PolicyDocument=(
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*",'
            '"Resource":"*"}]}'))
        after = self.iam.get_account_summary()["SummaryMap"]
        self.assertEqual(before["Users"] + 3, after["Users"])
        self.assertEqual(before["Groups"] + 1, after["Groups"])
        self.assertEqual(before["Policies"] + 1, after["Policies"])
        self.assertEqual(10, after["GroupsPerUserQuota"])
        self.assertEqual(10, after["AttachedPoliciesPerUserQuota"])
        self.assertEqual(10, after["AttachedPoliciesPerGroupQuota"])
        self.assertEqual(2, after["AccessKeysPerUserQuota"])


if __name__ == "__main__":
    unittest.main()
