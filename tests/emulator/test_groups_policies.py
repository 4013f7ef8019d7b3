"""Groups and membership, managed policies and versions, attachments, inline policies (boto3)."""

import json
import unittest

from harness import ACCOUNT_ID, BackendTestCase, emulator_only, unless_moto

DOC = {"Version": "2012-10-17",
       "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
DOC2 = {"Version": "2012-10-17",
        "Statement": [{"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]}
READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"


def local_policy_arn(name, path="/"):
    return f"arn:aws:iam::{ACCOUNT_ID}:policy{path}{name}"


class GroupTest(BackendTestCase):

    def test_group_lifecycle_and_membership(self):
        group = self.iam.create_group(GroupName="devs", Path="/eng/")["Group"]
        self.assertEqual("devs", group["GroupName"])
        self.assertEqual("/eng/", group["Path"])
        self.assertEqual(f"arn:aws:iam::{ACCOUNT_ID}:group/eng/devs", group["Arn"])
        self.assertRecentDate(group["CreateDate"])
        self.assertIn("devs", [g["GroupName"] for g in self.iam.list_groups()["Groups"]])
        self.assertEqual(["devs"], [g["GroupName"] for g in
                                    self.iam.list_groups(PathPrefix="/eng/")["Groups"]])

        self.iam.create_user(UserName="u1")
        self.iam.create_user(UserName="u2")
        self.iam.add_user_to_group(GroupName="devs", UserName="u1")
        self.iam.add_user_to_group(GroupName="devs", UserName="u2")
        got = self.iam.get_group(GroupName="devs")
        self.assertEqual(group["GroupId"], got["Group"]["GroupId"])
        self.assertEqual(["u1", "u2"], sorted(u["UserName"] for u in got["Users"]))
        self.assertEqual(["devs"], [g["GroupName"] for g in
                                    self.iam.list_groups_for_user(UserName="u1")["Groups"]])

        self.iam.remove_user_from_group(GroupName="devs", UserName="u1")
        self.assertEqual([], self.iam.list_groups_for_user(UserName="u1")["Groups"])
        self.assertEqual(["u2"], [u["UserName"] for u in
                                  self.iam.get_group(GroupName="devs")["Users"]])

        self.iam.update_group(GroupName="devs", NewGroupName="developers", NewPath="/")
        self.assertAwsError("NoSuchEntity", 404, self.iam.get_group, GroupName="devs")
        renamed = self.iam.get_group(GroupName="developers")
        self.assertEqual(f"arn:aws:iam::{ACCOUNT_ID}:group/developers",
                         renamed["Group"]["Arn"])
        self.assertEqual(["u2"], [u["UserName"] for u in renamed["Users"]])
        self.assertEqual(["developers"], [g["GroupName"] for g in
                                          self.iam.list_groups_for_user(UserName="u2")["Groups"]])

        self.iam.remove_user_from_group(GroupName="developers", UserName="u2")
        self.iam.delete_group(GroupName="developers")
        self.assertAwsError("NoSuchEntity", 404, self.iam.get_group, GroupName="developers")

    @unless_moto("moto's IDs are not in AWS's AGPA... format")
    def test_group_id_format(self):
        group = self.iam.create_group(GroupName="fmt")["Group"]
        self.assertRegex(group["GroupId"], r"^AGPA[A-Z0-9]{17}$")

    def test_group_errors(self):
        self.iam.create_group(GroupName="Ops")
        self.assertAwsError("EntityAlreadyExists", 409, self.iam.create_group, GroupName="Ops")
        self.assertAwsError("NoSuchEntity", 404, self.iam.get_group, GroupName="ghost")
        self.assertAwsError("NoSuchEntity", 404, self.iam.delete_group, GroupName="ghost")
        self.assertAwsError("NoSuchEntity", 404, self.iam.add_user_to_group, GroupName="Ops",
                            UserName="ghost")
        self.assertAwsError("NoSuchEntity", 404, self.iam.list_groups_for_user,
                            UserName="ghost")

    @unless_moto("moto treats group names as case-sensitive")
    def test_group_names_case_insensitive(self):
        self.iam.create_group(GroupName="Ops")
        self.assertAwsError("EntityAlreadyExists", 409, self.iam.create_group, GroupName="OPS")

    @unless_moto("moto's AddUserToGroup has no 10-groups-per-user limit")
    def test_ten_groups_per_user(self):
        self.iam.create_user(UserName="joiner")
        for i in range(11):
            self.iam.create_group(GroupName=f"g{i}")
        for i in range(10):
            self.iam.add_user_to_group(GroupName=f"g{i}", UserName="joiner")
        self.assertAwsError("LimitExceeded", 409, self.iam.add_user_to_group, GroupName="g10",
                            UserName="joiner")
        self.assertEqual(10, len(self.iam.list_groups_for_user(UserName="joiner")["Groups"]))

    @unless_moto("moto allows DeleteGroup/DeleteUser while the group has members")
    def test_delete_conflicts_for_membership(self):
        self.iam.create_group(GroupName="team")
        self.iam.create_user(UserName="member")
        self.iam.add_user_to_group(GroupName="team", UserName="member")
        self.assertAwsError("DeleteConflict", 409, self.iam.delete_group, GroupName="team")
        self.assertAwsError("DeleteConflict", 409, self.iam.delete_user, UserName="member")
        self.iam.remove_user_from_group(GroupName="team", UserName="member")
        self.iam.delete_group(GroupName="team")
        self.iam.delete_user(UserName="member")


class ManagedPolicyTest(BackendTestCase):

    def test_policy_and_versions(self):
        pol = self.iam.create_policy(PolicyName="s3-read", Path="/app/",
                                     PolicyDocument=json.dumps(DOC),
                                     Description="read objects")["Policy"]
        arn = local_policy_arn("s3-read", "/app/")
        self.assertEqual(arn, pol["Arn"])
        self.assertEqual("s3-read", pol["PolicyName"])
        self.assertEqual("/app/", pol["Path"])
        self.assertEqual("v1", pol["DefaultVersionId"])
        self.assertEqual(0, pol["AttachmentCount"])
        self.assertTrue(pol["IsAttachable"])
        self.assertRecentDate(pol["CreateDate"])

        got = self.iam.get_policy(PolicyArn=arn)["Policy"]
        self.assertEqual(pol["PolicyId"], got["PolicyId"])
        self.assertEqual("read objects", got["Description"])
        version = self.iam.get_policy_version(PolicyArn=arn, VersionId="v1")["PolicyVersion"]
        self.assertEqual(DOC, version["Document"])  # botocore URL-decodes and parses it
        self.assertTrue(version["IsDefaultVersion"])

        v2 = self.iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(DOC2),
                                            SetAsDefault=True)["PolicyVersion"]
        self.assertEqual("v2", v2["VersionId"])
        self.assertTrue(v2["IsDefaultVersion"])
        self.assertEqual("v2", self.iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"])
        self.assertEqual(DOC2, self.iam.get_policy_version(
            PolicyArn=arn, VersionId="v2")["PolicyVersion"]["Document"])
        versions = self.iam.list_policy_versions(PolicyArn=arn)["Versions"]
        self.assertEqual({"v1": False, "v2": True},
                         {v["VersionId"]: v["IsDefaultVersion"] for v in versions})

        self.iam.set_default_policy_version(PolicyArn=arn, VersionId="v1")
        self.assertEqual("v1", self.iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"])
        self.iam.delete_policy_version(PolicyArn=arn, VersionId="v2")
        self.assertEqual(["v1"], [v["VersionId"] for v in
                                  self.iam.list_policy_versions(PolicyArn=arn)["Versions"]])
        self.assertAwsError("NoSuchEntity", 404, self.iam.get_policy_version, PolicyArn=arn,
                            VersionId="v2")

        local = self.iam.list_policies(Scope="Local")["Policies"]
        self.assertEqual([arn], [p["Arn"] for p in local])
        self.iam.delete_policy(PolicyArn=arn)
        self.assertAwsError("NoSuchEntity", 404, self.iam.get_policy, PolicyArn=arn)
        self.assertEqual([], self.iam.list_policies(Scope="Local")["Policies"])

    def test_policy_tags(self):
        arn = self.iam.create_policy(PolicyName="tagged", PolicyDocument=json.dumps(DOC),
                                     Tags=[{"Key": "owner", "Value": "iam-team"}])["Policy"]["Arn"]
        self.iam.tag_policy(PolicyArn=arn, Tags=[{"Key": "tier", "Value": "gold"}])
        tags = self.iam.list_policy_tags(PolicyArn=arn)["Tags"]
        self.assertEqual({"owner": "iam-team", "tier": "gold"},
                         {t["Key"]: t["Value"] for t in tags})
        self.iam.untag_policy(PolicyArn=arn, TagKeys=["owner"])
        self.assertEqual([{"Key": "tier", "Value": "gold"}],
                         self.iam.list_policy_tags(PolicyArn=arn)["Tags"])
        self.assertAwsError("NoSuchEntity", 404, self.iam.list_policy_tags,
                            PolicyArn=local_policy_arn("ghost"))

    @unless_moto("moto's IDs are not in AWS's ANPA... format")
    def test_policy_id_format(self):
        pol = self.iam.create_policy(PolicyName="fmt", PolicyDocument=json.dumps(DOC))["Policy"]
        self.assertRegex(pol["PolicyId"], r"^ANPA[A-Z0-9]{17}$")

    @emulator_only("moto's server loads no AWS-managed policies by default")
    def test_aws_managed_policies_are_seeded(self):
        for name in ("AdministratorAccess", "ReadOnlyAccess", "IAMReadOnlyAccess",
                     "PowerUserAccess", "IAMUserChangePassword"):
            pol = self.iam.get_policy(PolicyArn=f"arn:aws:iam::aws:policy/{name}")["Policy"]
            self.assertEqual(name, pol["PolicyName"])
        aws = [p["PolicyName"] for p in self.iam.list_policies(Scope="AWS")["Policies"]]
        self.assertIn("AdministratorAccess", aws)
        local = self.iam.list_policies(Scope="Local")["Policies"]
        self.assertNotIn("AdministratorAccess", [p["PolicyName"] for p in local])
        # No demo group: only serve's embedded emulator seeds one (src/emulator/state/iam_backend.h).
        self.assertNotIn("demo-group", [g["GroupName"] for g in self.iam.list_groups()["Groups"]])
        admin = self.iam.get_policy(PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")
        version = self.iam.get_policy_version(
            PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess",
            VersionId=admin["Policy"]["DefaultVersionId"])["PolicyVersion"]
        self.assertEqual([{"Effect": "Allow", "Action": "*", "Resource": "*"}],
                         version["Document"]["Statement"])

    def test_policy_errors(self):
        self.iam.create_policy(PolicyName="dup", PolicyDocument=json.dumps(DOC))
        self.assertAwsError("EntityAlreadyExists", 409, self.iam.create_policy,
                            PolicyName="dup", PolicyDocument=json.dumps(DOC))
        self.assertAwsError("NoSuchEntity", 404, self.iam.get_policy,
                            PolicyArn=local_policy_arn("ghost"))
        self.assertAwsError("MalformedPolicyDocument", 400, self.iam.create_policy,
                            PolicyName="bad", PolicyDocument="{not json")
        self.assertAwsError("MalformedPolicyDocument", 400, self.iam.create_policy_version,
                            PolicyArn=local_policy_arn("dup"), PolicyDocument="{not json")

    def test_default_version_cannot_be_deleted(self):
        arn = self.iam.create_policy(PolicyName="p",
                                     PolicyDocument=json.dumps(DOC))["Policy"]["Arn"]
        self.assertAwsError("DeleteConflict", 409, self.iam.delete_policy_version, PolicyArn=arn,
                            VersionId="v1")

    def test_five_versions_limit(self):
        arn = self.iam.create_policy(PolicyName="p",
                                     PolicyDocument=json.dumps(DOC))["Policy"]["Arn"]
        for _ in range(4):
            self.iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(DOC2))
        self.assertAwsError("LimitExceeded", 409, self.iam.create_policy_version, PolicyArn=arn,
                            PolicyDocument=json.dumps(DOC2))


class AttachmentTest(BackendTestCase):

    def setUp(self):
        super().setUp()
        self.arn = self.iam.create_policy(PolicyName="att",
                                          PolicyDocument=json.dumps(DOC))["Policy"]["Arn"]
        self.iam.create_user(UserName="holder")
        self.iam.create_group(GroupName="holders")

    @emulator_only("moto's server loads no AWS-managed policies by default")
    def test_attach_aws_managed_policy(self):
        self.iam.attach_user_policy(UserName="holder", PolicyArn=READ_ONLY)
        self.iam.attach_group_policy(GroupName="holders", PolicyArn=READ_ONLY)
        attached = self.iam.list_attached_user_policies(UserName="holder")["AttachedPolicies"]
        self.assertEqual([("ReadOnlyAccess", READ_ONLY)],
                         [(p["PolicyName"], p["PolicyArn"]) for p in attached])
        self.assertEqual(1, len(self.iam.list_attached_group_policies(
            GroupName="holders")["AttachedPolicies"]))
        self.iam.detach_user_policy(UserName="holder", PolicyArn=READ_ONLY)
        self.assertEqual([], self.iam.list_attached_user_policies(
            UserName="holder")["AttachedPolicies"])

    def test_attach_detach_user_and_group(self):
        other = self.iam.create_policy(PolicyName="other",
                                       PolicyDocument=json.dumps(DOC2))["Policy"]["Arn"]
        self.iam.attach_user_policy(UserName="holder", PolicyArn=self.arn)
        self.iam.attach_user_policy(UserName="holder", PolicyArn=other)
        attached = self.iam.list_attached_user_policies(UserName="holder")["AttachedPolicies"]
        self.assertEqual({("att", self.arn), ("other", other)},
                         {(p["PolicyName"], p["PolicyArn"]) for p in attached})
        self.iam.attach_group_policy(GroupName="holders", PolicyArn=self.arn)
        self.assertEqual([self.arn], [p["PolicyArn"] for p in self.iam.list_attached_group_policies(
            GroupName="holders")["AttachedPolicies"]])
        self.assertEqual(2, self.iam.get_policy(PolicyArn=self.arn)["Policy"]["AttachmentCount"])

        entities = self.iam.list_entities_for_policy(PolicyArn=self.arn)
        self.assertEqual(["holder"], [u["UserName"] for u in entities["PolicyUsers"]])
        self.assertEqual(["holders"], [g["GroupName"] for g in entities["PolicyGroups"]])

        self.iam.detach_user_policy(UserName="holder", PolicyArn=self.arn)
        self.iam.detach_group_policy(GroupName="holders", PolicyArn=self.arn)
        self.assertEqual([other], [p["PolicyArn"] for p in
                                       self.iam.list_attached_user_policies(
                                           UserName="holder")["AttachedPolicies"]])
        self.assertEqual([], self.iam.list_attached_group_policies(
            GroupName="holders")["AttachedPolicies"])
        self.assertEqual(0, self.iam.get_policy(PolicyArn=self.arn)["Policy"]["AttachmentCount"])

    def test_attach_errors(self):
        self.assertAwsError("NoSuchEntity", 404, self.iam.attach_user_policy, UserName="ghost",
                            PolicyArn=self.arn)
        self.assertAwsError("NoSuchEntity", 404, self.iam.attach_user_policy, UserName="holder",
                            PolicyArn=local_policy_arn("ghost"))
        self.assertAwsError("NoSuchEntity", 404, self.iam.attach_group_policy, GroupName="ghost",
                            PolicyArn=self.arn)
        self.assertAwsError("NoSuchEntity", 404, self.iam.detach_user_policy, UserName="holder",
                            PolicyArn=self.arn)

    @unless_moto("moto allows deleting users, groups and policies with attachments")
    def test_delete_conflicts_for_attachments(self):
        self.iam.attach_user_policy(UserName="holder", PolicyArn=self.arn)
        self.assertAwsError("DeleteConflict", 409, self.iam.delete_user, UserName="holder")
        self.assertAwsError("DeleteConflict", 409, self.iam.delete_policy, PolicyArn=self.arn)
        self.iam.detach_user_policy(UserName="holder", PolicyArn=self.arn)
        self.iam.attach_group_policy(GroupName="holders", PolicyArn=self.arn)
        self.assertAwsError("DeleteConflict", 409, self.iam.delete_group, GroupName="holders")
        self.assertAwsError("DeleteConflict", 409, self.iam.delete_policy, PolicyArn=self.arn)
        self.iam.detach_group_policy(GroupName="holders", PolicyArn=self.arn)
        self.iam.delete_group(GroupName="holders")
        self.iam.delete_policy(PolicyArn=self.arn)
        self.iam.delete_user(UserName="holder")

    @unless_moto("moto has no 10-managed-policies limit")
    def test_ten_managed_policies_per_user_and_group(self):
        arns = [self.iam.create_policy(PolicyName=f"lim{i}", PolicyDocument=json.dumps(DOC))[
            "Policy"]["Arn"] for i in range(10)]
        for arn in arns:
            self.iam.attach_user_policy(UserName="holder", PolicyArn=arn)
            self.iam.attach_group_policy(GroupName="holders", PolicyArn=arn)
        self.assertAwsError("LimitExceeded", 409, self.iam.attach_user_policy, UserName="holder",
                            PolicyArn=self.arn)
        self.assertAwsError("LimitExceeded", 409, self.iam.attach_group_policy,
                            GroupName="holders", PolicyArn=self.arn)


class InlinePolicyTest(BackendTestCase):

    def test_user_inline_policies(self):
        self.iam.create_user(UserName="inl")
        self.iam.put_user_policy(UserName="inl", PolicyName="p1", PolicyDocument=json.dumps(DOC))
        self.iam.put_user_policy(UserName="inl", PolicyName="p2", PolicyDocument=json.dumps(DOC2))
        self.assertEqual(["p1", "p2"], sorted(self.iam.list_user_policies(
            UserName="inl")["PolicyNames"]))
        got = self.iam.get_user_policy(UserName="inl", PolicyName="p2")
        self.assertEqual("inl", got["UserName"])
        self.assertEqual("p2", got["PolicyName"])
        self.assertEqual(DOC2, got["PolicyDocument"])
        self.iam.put_user_policy(UserName="inl", PolicyName="p2", PolicyDocument=json.dumps(DOC))
        self.assertEqual(DOC, self.iam.get_user_policy(UserName="inl",
                                                       PolicyName="p2")["PolicyDocument"])
        self.iam.delete_user_policy(UserName="inl", PolicyName="p1")
        self.assertEqual(["p2"], self.iam.list_user_policies(UserName="inl")["PolicyNames"])
        self.assertAwsError("NoSuchEntity", 404, self.iam.get_user_policy, UserName="inl",
                            PolicyName="p1")
        self.assertAwsError("NoSuchEntity", 404, self.iam.delete_user_policy, UserName="inl",
                            PolicyName="p1")
        self.assertAwsError("NoSuchEntity", 404, self.iam.put_user_policy, UserName="ghost",
                            PolicyName="p", PolicyDocument=json.dumps(DOC))
        self.assertAwsError("MalformedPolicyDocument", 400, self.iam.put_user_policy,
                            UserName="inl", PolicyName="bad", PolicyDocument="nope")

    def test_group_inline_policies(self):
        self.iam.create_group(GroupName="ginl")
        self.iam.put_group_policy(GroupName="ginl", PolicyName="gp",
                                  PolicyDocument=json.dumps(DOC))
        self.assertEqual(["gp"], self.iam.list_group_policies(GroupName="ginl")["PolicyNames"])
        got = self.iam.get_group_policy(GroupName="ginl", PolicyName="gp")
        self.assertEqual("ginl", got["GroupName"])
        self.assertEqual(DOC, got["PolicyDocument"])
        self.iam.delete_group_policy(GroupName="ginl", PolicyName="gp")
        self.assertEqual([], self.iam.list_group_policies(GroupName="ginl")["PolicyNames"])
        self.assertAwsError("NoSuchEntity", 404, self.iam.get_group_policy, GroupName="ginl",
                            PolicyName="gp")
        self.assertAwsError("NoSuchEntity", 404, self.iam.put_group_policy, GroupName="ghost",
                            PolicyName="p", PolicyDocument=json.dumps(DOC))

    @unless_moto("moto allows deleting users and groups that have inline policies")
    def test_delete_conflicts_for_inline_policies(self):
        self.iam.create_user(UserName="inl")
        self.iam.put_user_policy(UserName="inl", PolicyName="p", PolicyDocument=json.dumps(DOC))
        self.assertAwsError("DeleteConflict", 409, self.iam.delete_user, UserName="inl")
        self.iam.create_group(GroupName="ginl")
        self.iam.put_group_policy(GroupName="ginl", PolicyName="p",
                                  PolicyDocument=json.dumps(DOC))
        self.assertAwsError("DeleteConflict", 409, self.iam.delete_group, GroupName="ginl")


if __name__ == "__main__":
    unittest.main()
