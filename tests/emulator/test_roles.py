"""Roles, their policies, boundaries and tags, service-linked roles and instance profiles
(boto3 and the `aws` CLI), with AWS's answers as LocalStack recorded them against AWS
(test_iam_roles.snapshot.json, test_iam_instance_profiles.snapshot.json)."""

import json
import re
import unittest

from harness import ACCOUNT_ID, IAM_VERSION, AwsCli, BackendTestCase, signed_call, unless_moto

ROLE_ID = re.compile(r"^AROA[A-Z0-9]{17}$")
PROFILE_ID = re.compile(r"^AIPA[A-Z0-9]{17}$")
TRUST = {"Version": "2012-10-17",
         "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                        "Action": "sts:AssumeRole"}]}
POLICY = {"Version": "2012-10-17",
          "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}


class RoleTest(BackendTestCase):

    def create_role(self, name, **kwargs):
        return self.iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(TRUST),
                                    **kwargs)["Role"]

    def create_policy(self, name):
        return self.iam.create_policy(PolicyName=name,
                                      PolicyDocument=json.dumps(POLICY))["Policy"]["Arn"]

    def message(self, err):
        return err["Error"]["Message"]

    @unless_moto("moto's CreateRole answer carries MaxSessionDuration and RoleLastUsed")
    def test_create_get_list_update_delete_role(self):
        created = self.create_role("app", Path="/svc/", Description="the app",
                                   Tags=[{"Key": "team", "Value": "core"}])
        self.assertEqual("app", created["RoleName"])
        self.assertEqual("/svc/", created["Path"])
        self.assertEqual(f"arn:aws:iam::{ACCOUNT_ID}:role/svc/app", created["Arn"])
        self.assertEqual(TRUST, created["AssumeRolePolicyDocument"])
        self.assertEqual([{"Key": "team", "Value": "core"}], created["Tags"])
        self.assertRecentDate(created["CreateDate"])
        # AWS's CreateRole answer carries neither of these.
        self.assertNotIn("MaxSessionDuration", created)
        self.assertNotIn("RoleLastUsed", created)

        got = self.iam.get_role(RoleName="APP")["Role"]
        self.assertEqual(created["RoleId"], got["RoleId"])
        self.assertEqual("the app", got["Description"])
        self.assertEqual(3600, got["MaxSessionDuration"])
        self.assertEqual({}, got["RoleLastUsed"])
        self.assertEqual(TRUST, got["AssumeRolePolicyDocument"])

        self.create_role("other")
        roles = self.iam.list_roles()["Roles"]
        self.assertEqual(["app", "other"], [r["RoleName"] for r in roles])
        self.assertEqual(3600, roles[0]["MaxSessionDuration"])
        for key in ("Tags", "RoleLastUsed", "PermissionsBoundary"):
            self.assertNotIn(key, roles[0])
        self.assertEqual(["app"], [r["RoleName"] for r in
                                   self.iam.list_roles(PathPrefix="/svc/")["Roles"]])

        self.iam.update_role(RoleName="app", MaxSessionDuration=7200)
        got = self.iam.get_role(RoleName="app")["Role"]
        self.assertEqual(7200, got["MaxSessionDuration"])
        self.assertEqual("the app", got["Description"])
        described = self.iam.update_role_description(RoleName="app",
                                                      Description="new words")["Role"]
        self.assertEqual("new words", described["Description"])
        self.assertNotIn("MaxSessionDuration", described)

        new_trust = dict(TRUST, Statement=[dict(TRUST["Statement"][0],
                                                Principal={"Service": "lambda.amazonaws.com"})])
        self.iam.update_assume_role_policy(RoleName="app", PolicyDocument=json.dumps(new_trust))
        self.assertEqual(new_trust,
                         self.iam.get_role(RoleName="app")["Role"]["AssumeRolePolicyDocument"])

        self.iam.delete_role(RoleName="app")
        err = self.assertAwsError("NoSuchEntity", 404, self.iam.get_role, RoleName="app")
        self.assertEqual("The role with name app cannot be found.", self.message(err))

    @unless_moto("moto's role IDs are not in AWS's AROA... format")
    def test_role_id_format(self):
        self.assertRegex(self.create_role("idcheck")["RoleId"], ROLE_ID)

    @unless_moto("moto's role names are case-sensitive and its messages differ from AWS's")
    def test_role_errors(self):
        self.create_role("dup")
        err = self.assertAwsError("EntityAlreadyExists", 409, self.create_role, "DUP")
        self.assertEqual("Role with name DUP already exists.", self.message(err))
        for op in (self.iam.get_role, self.iam.delete_role, self.iam.update_role):
            err = self.assertAwsError("NoSuchEntity", 404, op, RoleName="missing")
            self.assertEqual("The role with name missing cannot be found.", self.message(err))

    def raw_error(self, code, status, action, params):
        """Sends a request boto3 would refuse to send; asserts AWS's error; returns its message."""
        resp = signed_call(self.endpoint, dict(params, Action=action, Version=IAM_VERSION))
        self.assertEqual(status, resp.status, resp.body)
        self.assertEqual(code, resp.error_code, resp.body)
        return resp.find("Message")

    @unless_moto("moto does not validate these parameters")
    def test_role_validation(self):
        base = {"RoleName": "r", "AssumeRolePolicyDocument": json.dumps(TRUST)}
        msg = self.raw_error("ValidationError", 400, "CreateRole", dict(base, RoleName="x" * 65))
        self.assertIn("Member must have length less than or equal to 64", msg)
        self.assertAwsError("ValidationError", 400, self.create_role, "bad/name")
        msg = self.raw_error("ValidationError", 400, "CreateRole",
                             dict(base, MaxSessionDuration="3599"))
        self.assertIn("greater than or equal to 3600", msg)
        msg = self.raw_error("ValidationError", 400, "CreateRole",
                             dict(base, MaxSessionDuration="43201"))
        self.assertIn("less than or equal to 43200", msg)
        msg = self.raw_error("ValidationError", 400, "CreateRole",
                             dict(base, Description="x" * 1001))
        self.assertIn("less than or equal to 1000", msg)
        tags = {}
        for i in range(1, 52):
            tags[f"Tags.member.{i}.Key"] = f"k{i}"
            tags[f"Tags.member.{i}.Value"] = "v"
        msg = self.raw_error("ValidationError", 400, "CreateRole", dict(base, **tags))
        self.assertEqual("1 validation error detected: Value at 'tags' failed to satisfy "
                         "constraint: Member must have length less than or equal to 50", msg)
        err = self.assertAwsError("InvalidInput", 400, self.create_role, "r",
                                  Tags=[{"Key": "a", "Value": "1"}, {"Key": "A", "Value": "2"}])
        self.assertEqual("Duplicate tag keys found. Please note that Tag keys are case "
                         "insensitive.", self.message(err))
        self.assertAwsError("MalformedPolicyDocument", 400, self.iam.create_role, RoleName="r",
                            AssumeRolePolicyDocument="{not json")
        self.assertAwsError("NoSuchEntity", 404, self.iam.get_role, RoleName="r")

    @unless_moto("moto's NoSuchEntity messages differ from AWS's")
    def test_role_tags(self):
        self.create_role("t")
        self.iam.tag_role(RoleName="t", Tags=[{"Key": "a", "Value": "1"},
                                               {"Key": "b", "Value": ""}])
        self.iam.tag_role(RoleName="t", Tags=[{"Key": "a", "Value": "2"}])
        tags = self.iam.list_role_tags(RoleName="t")
        self.assertEqual([{"Key": "a", "Value": "2"}, {"Key": "b", "Value": ""}], tags["Tags"])
        self.assertFalse(tags["IsTruncated"])
        page = self.iam.list_role_tags(RoleName="t", MaxItems=1)
        self.assertTrue(page["IsTruncated"])
        self.assertEqual([{"Key": "a", "Value": "2"}], page["Tags"])
        self.iam.untag_role(RoleName="t", TagKeys=["a"])
        self.assertEqual([{"Key": "b", "Value": ""}],
                         self.iam.list_role_tags(RoleName="t")["Tags"])
        err = self.assertAwsError("NoSuchEntity", 404, self.iam.tag_role, RoleName="none",
                                  Tags=[{"Key": "a", "Value": "1"}])
        self.assertEqual("The role with name none cannot be found.", self.message(err))

    @unless_moto("moto does not list inline role policies in name order")
    def test_inline_role_policies(self):
        self.create_role("r")
        self.iam.put_role_policy(RoleName="r", PolicyName="p2", PolicyDocument=json.dumps(POLICY))
        self.iam.put_role_policy(RoleName="r", PolicyName="p1", PolicyDocument=json.dumps(POLICY))
        got = self.iam.get_role_policy(RoleName="r", PolicyName="p1")
        self.assertEqual("r", got["RoleName"])
        self.assertEqual("p1", got["PolicyName"])
        self.assertEqual(POLICY, got["PolicyDocument"])
        self.assertEqual(["p1", "p2"], self.iam.list_role_policies(RoleName="r")["PolicyNames"])
        err = self.assertAwsError("DeleteConflict", 409, self.iam.delete_role, RoleName="r")
        self.assertEqual("Cannot delete entity, must delete policies first.", self.message(err))
        self.iam.delete_role_policy(RoleName="r", PolicyName="p1")
        self.assertEqual(["p2"], self.iam.list_role_policies(RoleName="r")["PolicyNames"])
        err = self.assertAwsError("NoSuchEntity", 404, self.iam.get_role_policy, RoleName="r",
                                  PolicyName="p1")
        self.assertEqual("The role policy with name p1 cannot be found.", self.message(err))
        self.assertAwsError("NoSuchEntity", 404, self.iam.delete_role_policy, RoleName="r",
                            PolicyName="p1")

    @unless_moto("moto does not enforce the role policy size quota")
    def test_inline_role_policy_size_quota(self):
        self.create_role("r")
        big = dict(POLICY, Statement=[dict(POLICY["Statement"][0], Resource="x" * 10300)])
        err = self.assertAwsError("LimitExceeded", 409, self.iam.put_role_policy, RoleName="r",
                                  PolicyName="big", PolicyDocument=json.dumps(big))
        self.assertIn("10240", self.message(err))

    @unless_moto("moto deletes a policy still attached to a role")
    def test_managed_role_policies_and_counts(self):
        self.create_role("r")
        arn = self.create_policy("pol")
        self.iam.attach_role_policy(RoleName="r", PolicyArn=arn)
        self.assertEqual([{"PolicyName": "pol", "PolicyArn": arn}],
                         self.iam.list_attached_role_policies(RoleName="r")["AttachedPolicies"])
        self.assertEqual(1, self.iam.get_policy(PolicyArn=arn)["Policy"]["AttachmentCount"])
        entities = self.iam.list_entities_for_policy(PolicyArn=arn)
        self.assertEqual(["r"], [r["RoleName"] for r in entities["PolicyRoles"]])
        self.assertEqual([], self.iam.list_entities_for_policy(
            PolicyArn=arn, EntityFilter="User")["PolicyRoles"])
        err = self.assertAwsError("DeleteConflict", 409, self.iam.delete_role, RoleName="r")
        self.assertEqual("Cannot delete entity, must detach all policies first.",
                         self.message(err))
        self.assertAwsError("DeleteConflict", 409, self.iam.delete_policy, PolicyArn=arn)
        self.iam.detach_role_policy(RoleName="r", PolicyArn=arn)
        self.assertEqual(0, self.iam.get_policy(PolicyArn=arn)["Policy"]["AttachmentCount"])
        err = self.assertAwsError("NoSuchEntity", 404, self.iam.detach_role_policy,
                                  RoleName="r", PolicyArn=arn)
        self.assertEqual(f"Policy {arn} was not found.", self.message(err))
        missing = f"arn:aws:iam::{ACCOUNT_ID}:policy/nonexistent-policy"
        err = self.assertAwsError("NoSuchEntity", 404, self.iam.attach_role_policy,
                                  RoleName="r", PolicyArn=missing)
        self.assertEqual(f"Policy {missing} does not exist or is not attachable.",
                         self.message(err))
        self.iam.delete_role(RoleName="r")
        self.iam.delete_policy(PolicyArn=arn)

    @unless_moto("moto does not enforce AWS's quota of 10 managed policies per role")
    def test_managed_policies_per_role_quota(self):
        self.create_role("r")
        for i in range(10):
            self.iam.attach_role_policy(RoleName="r", PolicyArn=self.create_policy(f"p{i}"))
        err = self.assertAwsError("LimitExceeded", 409, self.iam.attach_role_policy,
                                  RoleName="r", PolicyArn=self.create_policy("p10"))
        self.assertEqual("Cannot exceed quota for PoliciesPerRole: 10", self.message(err))
        err = self.assertAwsError("ValidationError", 400, self.iam.attach_role_policy,
                                  RoleName="r", PolicyArn="longpolicynamebutnoarn")
        self.assertEqual("ARN longpolicynamebutnoarn is not valid.", self.message(err))

    @unless_moto("moto's GetPolicy lacks PermissionsBoundaryUsageCount")
    def test_permissions_boundary(self):
        arn = self.create_policy("boundary")
        created = self.create_role("b", PermissionsBoundary=arn)
        self.assertEqual({"PermissionsBoundaryType": "PermissionsBoundaryPolicy",
                          "PermissionsBoundaryArn": arn}, created["PermissionsBoundary"])
        self.assertEqual(1, self.iam.get_policy(
            PolicyArn=arn)["Policy"]["PermissionsBoundaryUsageCount"])
        self.iam.delete_role_permissions_boundary(RoleName="b")
        self.assertNotIn("PermissionsBoundary", self.iam.get_role(RoleName="b")["Role"])
        self.assertEqual(0, self.iam.get_policy(
            PolicyArn=arn)["Policy"]["PermissionsBoundaryUsageCount"])
        self.iam.put_role_permissions_boundary(RoleName="b", PermissionsBoundary=arn)
        self.assertEqual(arn, self.iam.get_role(
            RoleName="b")["Role"]["PermissionsBoundary"]["PermissionsBoundaryArn"])
        missing = f"arn:aws:iam::{ACCOUNT_ID}:policy/nonexistent-policy"
        err = self.assertAwsError("NoSuchEntity", 404, self.iam.put_role_permissions_boundary,
                                  RoleName="b", PermissionsBoundary=missing)
        self.assertEqual(f"Scope ARN: {missing} does not exist or is not attachable.",
                         self.message(err))

    @unless_moto("moto does not check the boundary ARN's form")
    def test_permissions_boundary_bad_arn(self):
        bad = f"arn:aws:iam::{ACCOUNT_ID}:not_a_policy/invalid"
        err = self.assertAwsError("InvalidInput", 400, self.create_role, "b",
                                  PermissionsBoundary=bad)
        self.assertEqual(f"ARN {bad} is not valid.", self.message(err))

    @unless_moto("moto does not list roles in name order")
    def test_paging_roles(self):
        for i in range(5):
            self.create_role(f"role{i}")
        roles, pages = self.page_all(self.iam.list_roles, "Roles", page_size=2)
        self.assertEqual([f"role{i}" for i in range(5)], [r["RoleName"] for r in roles])
        self.assertEqual(3, pages)

    @unless_moto("moto's service-linked roles differ from AWS's names, errors and tasks")
    def test_service_linked_roles(self):
        role = self.iam.create_service_linked_role(AWSServiceName="autoscaling.amazonaws.com",
                                                   CustomSuffix="web",
                                                   Description="scaling")["Role"]
        name = "AWSServiceRoleForAutoScaling_web"
        self.assertEqual(name, role["RoleName"])
        self.assertEqual("/aws-service-role/autoscaling.amazonaws.com/", role["Path"])
        self.assertEqual(f"arn:aws:iam::{ACCOUNT_ID}:role/aws-service-role/"
                         f"autoscaling.amazonaws.com/{name}", role["Arn"])
        self.assertEqual({"Service": "autoscaling.amazonaws.com"},
                         role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"])
        self.assertEqual("scaling", role["Description"])
        err = self.assertAwsError("InvalidInput", 400, self.iam.create_service_linked_role,
                                  AWSServiceName="autoscaling.amazonaws.com", CustomSuffix="web")
        self.assertEqual(f"Service role name {name} has been taken in this account, please try "
                         "a different suffix.", self.message(err))
        err = self.assertAwsError("InvalidInput", 400, self.iam.create_service_linked_role,
                                  AWSServiceName="es.amazonaws.com", CustomSuffix="x")
        self.assertEqual("Custom suffix is not allowed for es.amazonaws.com", self.message(err))
        err = self.assertAwsError("UnmodifiableEntity", 400, self.iam.delete_role, RoleName=name)
        self.assertEqual(f"Cannot perform the operation on the protected role '{name}' - this "
                         "role is only modifiable by AWS", self.message(err))
        task = self.iam.delete_service_linked_role(RoleName=name)["DeletionTaskId"]
        self.assertTrue(task.startswith(
            f"task/aws-service-role/autoscaling.amazonaws.com/{name}/"), task)
        self.assertAwsError("NoSuchEntity", 404, self.iam.get_role, RoleName=name)
        status = self.iam.get_service_linked_role_deletion_status(DeletionTaskId=task)
        self.assertEqual("SUCCEEDED", status["Status"])
        self.assertNotIn("Reason", status)

    def test_account_summary_and_authorization_details(self):
        arn = self.create_policy("pol")
        self.create_role("r", Tags=[{"Key": "k", "Value": "v"}])
        self.iam.attach_role_policy(RoleName="r", PolicyArn=arn)
        self.iam.put_role_policy(RoleName="r", PolicyName="in", PolicyDocument=json.dumps(POLICY))
        self.iam.create_instance_profile(InstanceProfileName="ip")
        self.iam.add_role_to_instance_profile(InstanceProfileName="ip", RoleName="r")
        summary = self.iam.get_account_summary()["SummaryMap"]
        self.assertEqual(1, summary["Roles"])
        self.assertEqual(1, summary["InstanceProfiles"])
        self.assertEqual(1000, summary["RolesQuota"])
        self.assertEqual(10, summary["AttachedPoliciesPerRoleQuota"])
        self.assertEqual(10240, summary["RolePolicySizeQuota"])
        details = self.iam.get_account_authorization_details(Filter=["Role"])
        self.assertEqual([], details["UserDetailList"])
        self.assertEqual([], details["Policies"])
        [role] = details["RoleDetailList"]
        self.assertEqual("r", role["RoleName"])
        self.assertEqual(TRUST, role["AssumeRolePolicyDocument"])
        self.assertEqual(["ip"], [p["InstanceProfileName"] for p in role["InstanceProfileList"]])
        self.assertEqual([{"PolicyName": "in", "PolicyDocument": POLICY}],
                         role["RolePolicyList"])
        self.assertEqual([{"PolicyName": "pol", "PolicyArn": arn}],
                         role["AttachedManagedPolicies"])
        self.assertEqual([{"Key": "k", "Value": "v"}], role["Tags"])
        everything = self.iam.get_account_authorization_details()
        self.assertEqual(["r"], [r["RoleName"] for r in everything["RoleDetailList"]])
        pol = next(p for p in everything["Policies"] if p["Arn"] == arn)
        self.assertEqual(1, pol["AttachmentCount"])


class InstanceProfileTest(BackendTestCase):

    def message(self, err):
        return err["Error"]["Message"]

    def create_role(self, name):
        return self.iam.create_role(RoleName=name,
                                    AssumeRolePolicyDocument=json.dumps(TRUST))["Role"]

    @unless_moto("moto's GetInstanceProfile answer is not valid XML")
    def test_instance_profile_lifecycle(self):
        created = self.iam.create_instance_profile(InstanceProfileName="web",
                                                   Path="/apps/")["InstanceProfile"]
        self.assertEqual("web", created["InstanceProfileName"])
        self.assertEqual("/apps/", created["Path"])
        self.assertEqual(f"arn:aws:iam::{ACCOUNT_ID}:instance-profile/apps/web", created["Arn"])
        self.assertEqual([], created["Roles"])
        self.assertRecentDate(created["CreateDate"])
        got = self.iam.get_instance_profile(InstanceProfileName="WEB")["InstanceProfile"]
        self.assertEqual(created["InstanceProfileId"], got["InstanceProfileId"])
        err = self.assertAwsError("EntityAlreadyExists", 409, self.iam.create_instance_profile,
                                  InstanceProfileName="web")
        self.assertEqual("Instance Profile web already exists.", self.message(err))

        role = self.create_role("r1")
        self.create_role("r2")
        self.iam.add_role_to_instance_profile(InstanceProfileName="web", RoleName="r1")
        got = self.iam.get_instance_profile(InstanceProfileName="web")["InstanceProfile"]
        self.assertEqual([role["RoleId"]], [r["RoleId"] for r in got["Roles"]])
        self.assertEqual(role["Arn"], got["Roles"][0]["Arn"])
        self.assertEqual(TRUST, got["Roles"][0]["AssumeRolePolicyDocument"])
        listed = self.iam.list_instance_profiles()["InstanceProfiles"]
        self.assertEqual(["web"], [p["InstanceProfileName"] for p in listed])
        self.assertEqual(["r1"], [r["RoleName"] for r in listed[0]["Roles"]])
        self.assertEqual([], self.iam.list_instance_profiles(
            PathPrefix="/other/")["InstanceProfiles"])
        for_role = self.iam.list_instance_profiles_for_role(RoleName="r1")["InstanceProfiles"]
        self.assertEqual(["web"], [p["InstanceProfileName"] for p in for_role])
        self.assertEqual([], self.iam.list_instance_profiles_for_role(
            RoleName="r2")["InstanceProfiles"])

        err = self.assertAwsError("DeleteConflict", 409, self.iam.delete_instance_profile,
                                  InstanceProfileName="web")
        self.assertEqual("Cannot delete entity, must remove roles from instance profile first.",
                         self.message(err))
        err = self.assertAwsError("DeleteConflict", 409, self.iam.delete_role, RoleName="r1")
        self.assertEqual("Cannot delete entity, must remove roles from instance profile first.",
                         self.message(err))
        self.iam.remove_role_from_instance_profile(InstanceProfileName="web", RoleName="r1")
        self.assertEqual([], self.iam.get_instance_profile(
            InstanceProfileName="web")["InstanceProfile"]["Roles"])
        self.iam.delete_instance_profile(InstanceProfileName="web")
        err = self.assertAwsError("NoSuchEntity", 404, self.iam.get_instance_profile,
                                  InstanceProfileName="web")
        self.assertEqual("Instance Profile web cannot be found.", self.message(err))
        self.iam.delete_role(RoleName="r1")

    @unless_moto("moto's instance profile IDs and role quota differ from AWS")
    def test_instance_profile_ids_and_role_quota(self):
        created = self.iam.create_instance_profile(InstanceProfileName="ip")["InstanceProfile"]
        self.assertRegex(created["InstanceProfileId"], PROFILE_ID)
        self.create_role("r1")
        self.create_role("r2")
        self.iam.add_role_to_instance_profile(InstanceProfileName="ip", RoleName="r1")
        err = self.assertAwsError("LimitExceeded", 409, self.iam.add_role_to_instance_profile,
                                  InstanceProfileName="ip", RoleName="r2")
        self.assertEqual("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1",
                         self.message(err))
        err = self.assertAwsError("NoSuchEntity", 404,
                                  self.iam.remove_role_from_instance_profile,
                                  InstanceProfileName="ip", RoleName="r2")
        self.assertEqual("Role r2 in Instance Profile ip cannot be found.", self.message(err))
        err = self.assertAwsError("NoSuchEntity", 404, self.iam.add_role_to_instance_profile,
                                  InstanceProfileName="ip", RoleName="nonexistent-role")
        self.assertEqual("The role with name nonexistent-role cannot be found.",
                         self.message(err))

    @unless_moto("moto's GetInstanceProfile answer is not valid XML")
    def test_instance_profile_tags(self):
        created = self.iam.create_instance_profile(
            InstanceProfileName="t", Tags=[{"Key": "InitialKey", "Value": "InitialValue"}])
        self.assertEqual([{"Key": "InitialKey", "Value": "InitialValue"}],
                         created["InstanceProfile"]["Tags"])
        self.iam.tag_instance_profile(InstanceProfileName="t",
                                      Tags=[{"Key": "MyKey", "Value": "myValue"}])
        self.assertEqual([{"Key": "InitialKey", "Value": "InitialValue"},
                          {"Key": "MyKey", "Value": "myValue"}],
                         self.iam.list_instance_profile_tags(InstanceProfileName="t")["Tags"])
        self.iam.untag_instance_profile(InstanceProfileName="t", TagKeys=["InitialKey"])
        self.assertEqual([{"Key": "MyKey", "Value": "myValue"}], self.iam.get_instance_profile(
            InstanceProfileName="t")["InstanceProfile"]["Tags"])
        err = self.assertAwsError("NoSuchEntity", 404, self.iam.list_instance_profile_tags,
                                  InstanceProfileName="nonexistent-profile")
        self.assertEqual("Instance Profile nonexistent-profile cannot be found.",
                         self.message(err))

    @unless_moto("moto ignores MaxItems for ListInstanceProfiles")
    def test_paging_instance_profiles(self):
        for i in range(3):
            self.iam.create_instance_profile(InstanceProfileName=f"ip{i}")
        items, pages = self.page_all(self.iam.list_instance_profiles, "InstanceProfiles")
        self.assertEqual(["ip0", "ip1", "ip2"], [p["InstanceProfileName"] for p in items])
        self.assertEqual(3, pages)


class RoleCliTest(BackendTestCase):
    """A few role calls through the image's `aws` CLI."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cli = AwsCli(cls.endpoint)

    @unless_moto("moto's NoSuchEntity messages differ from AWS's")
    def test_role_and_instance_profile_through_cli(self):
        created = self.cli.iam("create-role", "--role-name", "cli-role",
                               "--assume-role-policy-document", json.dumps(TRUST),
                               "--max-session-duration", "7200")["Role"]
        self.assertEqual(f"arn:aws:iam::{ACCOUNT_ID}:role/cli-role", created["Arn"])
        self.assertEqual(TRUST, created["AssumeRolePolicyDocument"])
        got = self.cli.iam("get-role", "--role-name", "cli-role")["Role"]
        self.assertEqual(7200, got["MaxSessionDuration"])
        roles = self.cli.iam("list-roles")["Roles"]
        self.assertEqual(["cli-role"], [r["RoleName"] for r in roles])
        self.cli.iam("create-instance-profile", "--instance-profile-name", "cli-ip")
        self.cli.iam("add-role-to-instance-profile", "--instance-profile-name", "cli-ip",
                     "--role-name", "cli-role")
        listed = self.cli.iam("list-instance-profiles-for-role", "--role-name", "cli-role")
        self.assertEqual(["cli-ip"],
                         [p["InstanceProfileName"] for p in listed["InstanceProfiles"]])
        failed = self.cli.iam("delete-role", "--role-name", "cli-role", expect_ok=False)
        self.assertIn("(DeleteConflict)", failed.stderr)
        self.cli.iam("remove-role-from-instance-profile", "--instance-profile-name", "cli-ip",
                     "--role-name", "cli-role")
        self.cli.iam("delete-role", "--role-name", "cli-role")
        failed = self.cli.iam("get-role", "--role-name", "cli-role", expect_ok=False)
        self.assertIn("(NoSuchEntity)", failed.stderr)
        self.assertIn("The role with name cli-role cannot be found.", failed.stderr)


if __name__ == "__main__":
    unittest.main()
