"""A lost answer to CreateUser through `serve` over HTTP (issue 10): the emulator subcommand
applies the CreateUser and answers 500 (--lose-answer CreateUser=1); the REST create with a
password and two groups still answers 201 with everything in place, and a user that someone
else made is still 412 and untouched."""
import json
import os
import shutil
import tempfile
import unittest

import boto3

import server_common_test as h

PASSWORD = "Sup3r-Secret-Pw!"


class LostAnswerServeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.emulator = h.Process(["emulator", "--port", "0", "--admin", "--log-level", "warn",
                                  "--lose-answer", "CreateUser=1"])
        cls.iam = boto3.client("iam", endpoint_url=cls.emulator.url + "/",
                               aws_access_key_id="test", aws_secret_access_key="test",
                               region_name="us-east-1")
        cls.dir = tempfile.mkdtemp(prefix="aic_lost_")
        config = os.path.join(cls.dir, "provisioner.openicf-aws.json")
        with open(config, "w", encoding="utf-8") as f:
            json.dump({"name": "aws", "enabled": True, "configurationProperties": {
                "accessKeyId": "test", "secretKey": "test",
                "endpoint": cls.emulator.url + "/", "stsEndpoint": cls.emulator.url + "/"}}, f)
        cls.server = h.Process(["serve", "--port", "0", "--config", config, "--key-file",
                                os.path.join(cls.dir, "connector.key"), "--data-dir", cls.dir])
        cls.base = cls.server.url + "/openidm/system/aws/__ACCOUNT__"

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.emulator.stop()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def admin(self, method, path, body=None):
        return h.emulator_admin(self.emulator.url, method, path, body)

    def test_lost_create_user_answer_then_someone_elses_user(self):
        for group in ("g1", "g2"):
            self.iam.create_group(GroupName=group)
        self.admin("POST", "/_emulator/counters/reset")
        status, body = h.rest(self.base + "?_action=create", "POST",
                              {"__NAME__": "alice", "__PASSWORD__": PASSWORD,
                               "groups": ["g1", "g2"]})
        self.assertEqual(201, status, body)
        self.assertEqual("alice", body["_id"])
        counts = self.admin("GET", "/_emulator/counters")
        self.assertEqual(2, counts["CreateUser"], counts)  # the lost answer, then its retry
        self.assertEqual(1, counts["GetUser"], counts)     # the marker check
        self.assertEqual(1, counts["CreateLoginProfile"], counts)
        self.assertEqual(2, counts["AddUserToGroup"], counts)
        self.iam.get_login_profile(UserName="alice")
        groups = self.iam.list_groups_for_user(UserName="alice")["Groups"]
        self.assertEqual(["g1", "g2"], sorted(g["GroupName"] for g in groups))
        self.assertNotIn(PASSWORD, self.server.log())

        # Someone else's user: 412, and it gets neither a password nor groups.
        self.iam.create_user(UserName="bob", Tags=[{"Key": "owner", "Value": "them"}])
        status, body = h.rest(self.base + "?_action=create", "POST",
                              {"__NAME__": "bob", "__PASSWORD__": PASSWORD,
                               "groups": ["g1"]})
        self.assertEqual(412, status, body)
        with self.assertRaises(self.iam.exceptions.NoSuchEntityException):
            self.iam.get_login_profile(UserName="bob")
        self.assertEqual([], self.iam.list_groups_for_user(UserName="bob")["Groups"])
        self.assertEqual([{"Key": "owner", "Value": "them"}],
                         self.iam.list_user_tags(UserName="bob")["Tags"])


if __name__ == "__main__":
    unittest.main()
