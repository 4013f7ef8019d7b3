"""__ROLE__ through `serve` against moto's server (`python3 -m moto.server`) as a second IAM
backend, where moto is faithful: read by name (GetRole and the three listings), the decoded
trust, search with default attributes (GetAccountAuthorizationDetails), query-all-ids and
`Path sw` (ListRoles), PUT and PATCH of `policies` by difference (checked with boto3), 404.

Where moto differs from AWS (and from the project's emulator), so not asserted here:
  - RoleLastUsed stays empty after sts:AssumeRole (AWS records the date and region);
  - CreateServiceLinkedRole names the role after the service's lower-case prefix
    ("AWSServiceRoleForecs"; AWS: "AWSServiceRoleForECS");
  - GetAccountAuthorizationDetails ignores MaxItems (one page, never truncated);
  - no AWS-managed policies are loaded by default (tests attach local ones);
  - no per-action call counters, so the exact call counts are asserted against the emulator
    only (server_roles_test.py, connector_role_test)."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest
import urllib.parse
import urllib.request

import boto3

import server_common_test as h

ACCOUNT = "123456789012"
DOC = {"Version": "2012-10-17",
       "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
EC2_TRUST = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
PARTNER_TRUST = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
     "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "ext-1"}}}]}


def start_moto(log_path):
    """moto's server on a free loopback port; ready once it says it is running. Its output goes
    on to `log_path` from a thread."""
    port = h.free_port()
    proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p",
                             str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, start_new_session=True, text=True)
    log = open(log_path, "w", encoding="utf-8")
    for line in proc.stdout:
        log.write(line)
        if "Running on" in line:
            break
    else:
        proc.kill()
        raise RuntimeError("moto did not start")

    def drain():
        for rest in proc.stdout:
            log.write(rest)
        log.close()

    threading.Thread(target=drain, daemon=True).start()
    return proc, f"http://127.0.0.1:{port}"


class RolesMotoTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="aic_roles_moto_")
        cls.moto, cls.moto_url = start_moto(os.path.join(cls.dir, "moto.log"))
        cls.iam = boto3.client("iam", endpoint_url=cls.moto_url + "/", aws_access_key_id="test",
                               aws_secret_access_key="test", region_name="us-east-1")
        config = os.path.join(cls.dir, "provisioner.openicf-aws.json")
        with open(config, "w", encoding="utf-8") as f:
            json.dump({"name": "aws", "enabled": True, "configurationProperties": {
                "accessKeyId": "test", "secretKey": "test", "pageSize": 2,
                "endpoint": cls.moto_url + "/", "stsEndpoint": cls.moto_url + "/"}}, f)
        cls.server = h.Process(["serve", "--port", "0", "--config", config, "--key-file",
                                os.path.join(cls.dir, "connector.key"), "--data-dir", cls.dir])
        cls.roles = cls.server.url + "/openidm/system/aws/__ROLE__"

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.moto.terminate()
        cls.moto.wait(timeout=30)
        shutil.rmtree(cls.dir, ignore_errors=True)

    def setUp(self):
        request = urllib.request.Request(self.moto_url + "/moto-api/reset", data=b"",
                                         method="POST")
        with urllib.request.urlopen(request, timeout=30):
            pass
        self.local = self.iam.create_policy(PolicyName="Local",
                                            PolicyDocument=json.dumps(DOC))["Policy"]["Arn"]
        self.other = self.iam.create_policy(PolicyName="Other",
                                            PolicyDocument=json.dumps(DOC))["Policy"]["Arn"]
        self.iam.create_role(RoleName="app", Path="/app/",
                             AssumeRolePolicyDocument=json.dumps(EC2_TRUST),
                             Description="App servers", MaxSessionDuration=7200,
                             Tags=[{"Key": "team", "Value": "web"}])
        self.iam.attach_role_policy(RoleName="app", PolicyArn=self.local)
        self.iam.put_role_policy(RoleName="app", PolicyName="inline-s3",
                                 PolicyDocument=json.dumps(DOC))
        self.iam.create_instance_profile(InstanceProfileName="app-profile")
        self.iam.add_role_to_instance_profile(InstanceProfileName="app-profile", RoleName="app")
        self.iam.create_role(RoleName="partner", AssumeRolePolicyDocument=json.dumps(PARTNER_TRUST))
        self.iam.create_role(RoleName="ops", AssumeRolePolicyDocument=json.dumps(EC2_TRUST))

    def url(self, name=None, **params):
        url = self.roles + ("/" + urllib.parse.quote(name, safe="") if name else "")
        return url + ("?" + urllib.parse.urlencode(params) if params else "")

    def ids(self, **params):
        status, body = h.rest(self.url(**params))
        self.assertEqual(200, status, body)
        return sorted(o["_id"] for o in body["result"])

    def attached(self, role):
        listed = self.iam.list_attached_role_policies(RoleName=role)["AttachedPolicies"]
        return sorted(p["PolicyArn"] for p in listed)

    def test_read_matches_moto_and_search_agrees(self):
        status, role = h.rest(self.url("app", _fields="*,Description,MaxSessionDuration"))
        self.assertEqual(200, status, role)
        got = self.iam.get_role(RoleName="app")["Role"]
        self.assertEqual(got["RoleId"], role["RoleId"])
        self.assertEqual(f"arn:aws:iam::{ACCOUNT}:role/app/app", role["Arn"])
        self.assertEqual("App servers", role["Description"])
        self.assertEqual(7200, role["MaxSessionDuration"])
        self.assertEqual([self.local], role["policies"])
        self.assertEqual(["inline-s3"], role["inlinePolicies"])
        self.assertEqual(["app-profile"], role["instanceProfiles"])
        self.assertEqual([{"Key": "team", "Value": "web"}], role["Tags"])
        self.assertEqual(EC2_TRUST, role["assumeRolePolicy"])
        self.assertEqual("Service", role["trustedPrincipals"][0]["type"])

        # Default attributes through GAAD(Filter=Role): the same objects as the reads.
        status, body = h.rest(self.url(_queryFilter="true"))
        self.assertEqual(200, status, body)
        by_id = {o["_id"]: o for o in body["result"]}
        self.assertEqual(["app", "ops", "partner"], sorted(by_id))
        for name, listed in by_id.items():
            status, read = h.rest(self.url(name))
            self.assertEqual(200, status, read)
            self.assertEqual(read, listed, name)

    def test_filters_and_all_ids(self):
        self.assertEqual(["app", "ops", "partner"], self.ids(_queryId="query-all-ids"))
        self.assertEqual(["partner"], self.ids(_queryFilter="trustedPrincipals/external eq true",
                                               _fields="_id"))
        self.assertEqual(["app"], self.ids(_queryFilter='Path sw "/app/"', _fields="_id"))
        self.assertEqual(["app"], self.ids(_queryFilter='__NAME__ eq "app"'))
        status, body = h.rest(self.url("nobody"))
        self.assertEqual(404, status, body)

    def test_policies_by_difference(self):
        status, body = h.rest(self.url("app", _fields="_id,policies"), "PUT",
                              {"policies": [self.other]})
        self.assertEqual(200, status, body)
        self.assertEqual([self.other], self.attached("app"))
        status, body = h.rest(self.url("app", _fields="_id,policies"), "PATCH",
                              [{"operation": "add", "field": "/policies", "value": self.local}])
        self.assertEqual(200, status, body)
        self.assertEqual(sorted([self.local, self.other]), self.attached("app"))
        status, body = h.rest(self.url("ops"), "PUT",
                              {"policies": [f"arn:aws:iam::{ACCOUNT}:policy/Nope"]})
        self.assertEqual(400, status, body)
        self.assertEqual([], self.attached("ops"))


if __name__ == "__main__":
    unittest.main()
