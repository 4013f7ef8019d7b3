"""__GROUP__ writes through `serve` over HTTP: the OpenIDM REST API creates, reads, PUTs, PATCHes
and DELETEs a group, and after each step the image's `aws` CLI, against the same emulator,
sees the effect in IAM (the group, its members, its attached policies). Also: groupIds and
memberIds by id, a create that fails on an unknown user leaves nothing, an existing name in
another case is 412, PUT with If-None-Match: * creates."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest
import urllib.parse

import boto3

import server_common_test as h

READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"
DOC = {"Version": "2012-10-17",
       "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}


class GroupsServeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="aic_groups_")
        cls.emulator = h.Process(["emulator", "--port", "0", "--admin", "--log-level", "warn"])
        cls.iam = boto3.client("iam", endpoint_url=cls.emulator.url + "/",
                               aws_access_key_id="test", aws_secret_access_key="test",
                               region_name="us-east-1")
        config = os.path.join(cls.dir, "provisioner.openicf-aws.json")
        with open(config, "w", encoding="utf-8") as f:
            json.dump({"name": "aws", "enabled": True, "configurationProperties": {
                "accessKeyId": "test", "secretKey": "test",
                "endpoint": cls.emulator.url + "/", "stsEndpoint": cls.emulator.url + "/"}}, f)
        cls.server = h.Process(["serve", "--port", "0", "--config", config, "--key-file",
                                os.path.join(cls.dir, "connector.key"), "--data-dir", cls.dir])
        cls.groups = cls.server.url + "/openidm/system/aws/__GROUP__"
        cls.accounts = cls.server.url + "/openidm/system/aws/__ACCOUNT__"
        # The `aws` CLI with only these credentials (no profile or config of the machine).
        cls.cli_env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        cls.cli_env.update({
            "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
            "AWS_DEFAULT_REGION": "us-east-1", "AWS_MAX_ATTEMPTS": "1", "AWS_PAGER": "",
            "AWS_CONFIG_FILE": os.path.join(cls.dir, "aws-config"),
            "AWS_SHARED_CREDENTIALS_FILE": os.path.join(cls.dir, "aws-credentials"),
            "AWS_EC2_METADATA_DISABLED": "true"})

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.emulator.stop()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def setUp(self):
        h.emulator_admin(self.emulator.url, "POST", "/_emulator/reset")
        for user in ("alice", "bob", "carol", "dave"):
            self.iam.create_user(UserName=user)
        self.local = self.iam.create_policy(PolicyName="Local",
                                            PolicyDocument=json.dumps(DOC))["Policy"]["Arn"]

    # ---- helpers ----

    def aws(self, *args, expect_error=None):
        """`aws iam ARGS` against the emulator: the parsed JSON output, or with expect_error the
        AWS error code it must fail with."""
        done = subprocess.run(["aws", "--endpoint-url", self.emulator.url + "/", "--output",
                               "json", "iam", *args], env=self.cli_env, capture_output=True,
                              text=True, timeout=60)
        if expect_error:
            self.assertNotEqual(0, done.returncode, done.stdout)
            self.assertIn(f"({expect_error})", done.stderr)
            return None
        self.assertEqual(0, done.returncode, done.stderr)
        return json.loads(done.stdout) if done.stdout.strip() else None

    def members_in_iam(self, group):
        return sorted(u["UserName"] for u in self.aws("get-group", "--group-name", group)["Users"])

    def policies_in_iam(self, group):
        listed = self.aws("list-attached-group-policies", "--group-name", group)
        return sorted(p["PolicyArn"] for p in listed["AttachedPolicies"])

    def group_url(self, name, **params):
        url = self.groups + "/" + urllib.parse.quote(name, safe="")
        return url + ("?" + urllib.parse.urlencode(params) if params else "")

    def counters(self):
        return h.emulator_admin(self.emulator.url, "GET", "/_emulator/counters")

    def reset_counters(self):
        h.emulator_admin(self.emulator.url, "POST", "/_emulator/counters/reset")

    # ---- tests ----

    def test_create_read_put_patch_delete_seen_by_the_aws_cli(self):
        # Create: one CreateGroup, one call per policy and per member.
        self.reset_counters()
        status, body = h.rest(self.groups + "?_action=create", "POST",
                              {"__NAME__": "engineers", "Path": "/eng/",
                               "policies": [READ_ONLY, self.local],
                               "members": ["alice", "bob"]})
        self.assertEqual(201, status, body)
        self.assertEqual("engineers", body["_id"])
        self.assertEqual("/eng/", body["Path"])
        self.assertEqual({"CreateGroup": 1, "AttachGroupPolicy": 2, "AddUserToGroup": 2},
                         self.counters())
        group = self.aws("get-group", "--group-name", "engineers")["Group"]
        self.assertEqual("/eng/", group["Path"])
        self.assertEqual(body["GroupId"], group["GroupId"])
        self.assertEqual(["alice", "bob"], self.members_in_iam("engineers"))
        self.assertEqual(sorted([READ_ONLY, self.local]), self.policies_in_iam("engineers"))

        # Read with members and their UserIds.
        status, read = h.rest(self.group_url("engineers",
                                             _fields="__NAME__,members,memberIds,policies"))
        self.assertEqual(200, status, read)
        alice = self.aws("get-user", "--user-name", "alice")["User"]["UserId"]
        bob = self.aws("get-user", "--user-name", "bob")["User"]["UserId"]
        self.assertEqual(["alice", "bob"], read["members"])
        self.assertEqual([alice, bob], read["memberIds"])

        # PUT: rename, members and policies by difference.
        self.reset_counters()
        status, put = h.rest(self.group_url("engineers"), "PUT",
                             {"__NAME__": "engineering", "members": ["bob", "carol"],
                              "policies": [self.local]})
        self.assertEqual(200, status, put)
        self.assertEqual("engineering", put["_id"])
        self.assertEqual([self.local], put["policies"])
        counts = self.counters()
        self.assertEqual(1, counts["UpdateGroup"], counts)
        self.assertEqual(1, counts["AddUserToGroup"], counts)
        self.assertEqual(1, counts["RemoveUserFromGroup"], counts)
        self.assertEqual(1, counts["DetachGroupPolicy"], counts)
        self.assertNotIn("AttachGroupPolicy", counts)
        self.aws("get-group", "--group-name", "engineers", expect_error="NoSuchEntity")
        self.assertEqual(["bob", "carol"], self.members_in_iam("engineering"))
        self.assertEqual([self.local], self.policies_in_iam("engineering"))

        # PATCH: add and remove members.
        status, patched = h.rest(self.group_url("engineering"), "PATCH", [
            {"operation": "add", "field": "/members", "value": "dave"},
            {"operation": "remove", "field": "members", "value": ["bob"]}])
        self.assertEqual(200, status, patched)
        self.assertEqual(["carol", "dave"], self.members_in_iam("engineering"))

        # The users' groups by id (SCIM's user groups).
        status, carol = h.rest(self.accounts + "/carol?_fields=groups,groupIds")
        self.assertEqual(200, status, carol)
        self.assertEqual(["engineering"], carol["groups"])
        self.assertEqual([group["GroupId"]], carol["groupIds"])

        # DELETE: the cascade empties the group first; the answer is the object before, by
        # default what GetGroup carries (one read, as for accounts); `_fields` asks for more.
        status, deleted = h.rest(self.group_url("engineering") + "?_fields=_id,policies", "DELETE")
        self.assertEqual(200, status, deleted)
        self.assertEqual("engineering", deleted["_id"])
        self.assertEqual([self.local], deleted["policies"])
        self.aws("get-group", "--group-name", "engineering", expect_error="NoSuchEntity")
        self.assertEqual([], self.aws("list-groups-for-user", "--user-name", "carol")["Groups"])
        status, body = h.rest(self.group_url("engineering"), "GET")
        self.assertEqual(404, status, body)

    def test_delete_of_an_empty_group_reads_once(self):
        self.aws("create-group", "--group-name", "empty")
        h.emulator_admin(self.emulator.url, "POST", "/_emulator/counters/reset")
        status, deleted = h.rest(self.group_url("empty"), "DELETE")
        self.assertEqual(200, status, deleted)
        self.assertEqual("empty", deleted["__NAME__"])
        self.assertIn("GroupId", deleted)
        calls = {k: v for k, v in self.counters().items() if isinstance(v, int) and v > 0}
        self.assertEqual({"GetGroup": 1, "DeleteGroup": 1}, calls)

    def test_failed_create_leaves_nothing_and_existing_name_is_412(self):
        status, body = h.rest(self.groups + "?_action=create", "POST",
                              {"__NAME__": "broken", "policies": [READ_ONLY],
                               "members": ["alice", "nobody"]})
        self.assertEqual(400, status, body)
        self.assertIn("AddUserToGroup(nobody)", body["message"])
        self.aws("get-group", "--group-name", "broken", expect_error="NoSuchEntity")
        self.assertEqual([], self.aws("list-groups-for-user", "--user-name", "alice")["Groups"])

        self.aws("create-group", "--group-name", "Admins")
        status, body = h.rest(self.groups + "?_action=create", "POST",
                              {"__NAME__": "ADMINS", "members": ["bob"]})
        self.assertEqual(412, status, body)
        self.assertEqual([], self.members_in_iam("Admins"))

        # Read-only attributes are a 400.
        status, body = h.rest(self.group_url("Admins"), "PUT", {"GroupId": "AGPAX"})
        self.assertEqual(400, status, body)

    def test_put_with_if_none_match_creates(self):
        status, body = h.rest(self.group_url("viaput"), "PUT", {"members": ["dave"]},
                              headers={"If-None-Match": "*"})
        self.assertEqual(201, status, body)
        self.assertEqual("viaput", body["_id"])
        self.assertEqual(["dave"], self.members_in_iam("viaput"))
        status, body = h.rest(self.group_url("viaput"), "PUT", {"members": ["dave"]},
                              headers={"If-None-Match": "*"})
        self.assertEqual(412, status, body)


if __name__ == "__main__":
    unittest.main()
