"""Least privilege end to end (issue 14): `aws-iam-connector emulator --enforce-iam`, a user made
with boto3 holding the Omada seed's policy (as docs/permissions.md quotes it) plus
iam:SimulatePrincipalPolicy on itself (which `test` needs and the seed policy lacks), and the
connector configured with that user's key. The `test` CLI and REST `_action=test` list exactly
the permissions docs/permissions.md's action table marks as not in the Omada policy (and
simulated), with what each is needed for; an operation the policy does not cover answers 403
naming the refused permission through REST and SCIM."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest
import urllib.error
import urllib.parse
import urllib.request

import boto3

import server_common_test as h

DOC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "permissions.md")
ACCOUNT = "123456789012"


def doc_text():
    with open(DOC, encoding="utf-8") as f:
        return f.read()


def doc_section(name):
    text = doc_text()
    begin = text.index(f"<!-- {name}:begin -->")
    return text[begin:text.index(f"<!-- {name}:end -->")]


def doc_policy(name):
    section = doc_section(name)
    return json.loads(section.split("```json\n", 1)[1].split("\n```", 1)[0])


def doc_missing_for_omada_user():
    """The doc's action table: actions marked not in the Omada policy that `test` simulates
    for a user (every simulated action: iam:GetRole too, for __ROLE__ reads)."""
    missing = set()
    for line in doc_section("permission-actions").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 4 or not cells[0].startswith("`"):
            continue
        action = cells[0].strip("`")
        if cells[2] == "**no**" and cells[1] != "not simulated":
            missing.add(action)
    return missing


class PermissionsServeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.emulator = h.Process(["emulator", "--port", "0", "--enforce-iam", "--log-level",
                                  "warn"])
        cls.dir = tempfile.mkdtemp(prefix="aic_perms_")
        iam = boto3.client("iam", endpoint_url=cls.emulator.url + "/", region_name="us-east-1",
                           aws_access_key_id="test", aws_secret_access_key="test")
        arn = iam.create_policy(PolicyName="OmadaIAMUserManagement",
                                PolicyDocument=json.dumps(doc_policy("omada-seed-policy"))
                                )["Policy"]["Arn"]
        iam.create_user(UserName="OMADAAPI")
        iam.attach_user_policy(UserName="OMADAAPI", PolicyArn=arn)
        iam.put_user_policy(UserName="OMADAAPI", PolicyName="ConnectorTest", PolicyDocument=json.dumps({
            "Version": "2012-10-17", "Statement": [{
                "Effect": "Allow", "Action": "iam:SimulatePrincipalPolicy",
                "Resource": f"arn:aws:iam::{ACCOUNT}:user/OMADAAPI"}]}))
        key = iam.create_access_key(UserName="OMADAAPI")["AccessKey"]
        iam.create_user(UserName="bob")
        cls.config = os.path.join(cls.dir, "provisioner.openicf-aws.json")
        with open(cls.config, "w", encoding="utf-8") as f:
            json.dump({"name": "aws", "enabled": True, "configurationProperties": {
                "accessKeyId": key["AccessKeyId"], "secretKey": key["SecretAccessKey"],
                "maxRetries": 0, "endpoint": cls.emulator.url + "/",
                "stsEndpoint": cls.emulator.url + "/"}}, f)
        cls.key_file = os.path.join(cls.dir, "connector.key")
        cls.data = os.path.join(cls.dir, "data")
        cls.secret = key["SecretAccessKey"]
        cls.server = h.Process(["serve", "--port", "0", "--config", cls.config, "--key-file",
                                cls.key_file, "--data-dir", cls.data])
        with open(os.path.join(cls.data, "scim-token"), encoding="utf-8") as f:
            cls.token = f.read().strip()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.emulator.stop()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def check_answer(self, answer):
        self.assertIs(answer["ok"], False, answer)
        for field in ("name", "enabled", "config", "connectorRef", "displayName", "objectTypes"):
            self.assertIn(field, answer)  # the seed's fields stay
        permissions = answer["permissions"]
        self.assertIs(permissions["checked"], True, permissions)
        self.assertEqual(permissions["principal"], f"arn:aws:iam::{ACCOUNT}:user/OMADAAPI")
        expected = doc_missing_for_omada_user()
        self.assertIn("iam:GetUser", expected)
        self.assertEqual({m["action"] for m in permissions["missing"]}, expected)
        for m in permissions["missing"]:
            self.assertEqual(m["decision"], "implicitDeny")
            self.assertTrue(m["neededFor"], m)
        for action in expected:
            self.assertIn(action, answer["error"])
        self.assertNotIn(self.secret, json.dumps(answer))

    def test_cli_test_lists_the_missing_permissions(self):
        result = subprocess.run([h.BINARY, "test", "--config", self.config, "--key-file",
                                 self.key_file], capture_output=True, text=True, timeout=60,
                                check=False)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.check_answer(json.loads(result.stdout))
        self.assertIn("missing IAM permissions", result.stderr)
        self.assertNotIn(self.secret, result.stdout + result.stderr)

    def test_rest_test_lists_the_missing_permissions(self):
        status, answer = h.rest(self.server.url + "/openidm/system/aws?_action=test", "POST")
        self.assertEqual(status, 200, answer)
        self.check_answer(answer)
        status, every = h.rest(self.server.url + "/openidm/system?_action=test", "POST")
        self.assertEqual(status, 200, every)
        self.check_answer(every[0])

    def test_refusals_name_the_permission_with_403(self):
        refused = (f"AWS refused iam:GetUser: User: arn:aws:iam::{ACCOUNT}:user/OMADAAPI is not "
                   "authorized to perform: iam:GetUser")
        status, body = h.rest(self.server.url + "/openidm/system/aws/__ACCOUNT__/bob")
        self.assertEqual(status, 403, body)
        self.assertEqual(body["reason"], "Forbidden")
        self.assertIn(refused, body["message"])
        status, body = h.rest(self.server.url + "/openidm/system/aws/__ACCOUNT__?_action=create",
                              "POST", {"__NAME__": "newbie",
                                       "Tags": [{"Key": "team", "Value": "ops"}]})
        self.assertEqual(status, 403, body)
        self.assertIn("AWS refused iam:TagUser", body["message"])
        # Without Tags the seed policy creates (untagged, see docs/permissions.md).
        status, body = h.rest(self.server.url + "/openidm/system/aws/__ACCOUNT__?_action=create",
                              "POST", {"__NAME__": "newbie"})
        self.assertEqual(status, 201, body)
        self.assertEqual(body["_id"], "newbie")
        request = urllib.request.Request(self.server.url + "/scim/v2/aws/Users?filter=" +
                                         urllib.parse.quote('userName eq "bob"'))
        request.add_header("Authorization", "Bearer " + self.token)
        with self.assertRaises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(request, timeout=60)
        self.assertEqual(caught.exception.code, 403)
        scim = json.loads(caught.exception.read().decode())
        self.assertIn(refused, scim["detail"])
        # What the policy covers works.
        status, body = h.rest(self.server.url +
                              "/openidm/system/aws/__ACCOUNT__?_queryId=query-all-ids")
        self.assertEqual(status, 200, body)
        self.assertIn("bob", {o["_id"] for o in body["result"]})


if __name__ == "__main__":
    unittest.main()
