"""__ROLE__ through `serve`'s OpenIDM REST API (issue 15): roles made with boto3 and the `aws`
CLI in the emulator are read (GET by name, _fields), searched (_queryFilter on decoded trust,
Path prefix, paging with _pagedResultsCookie, _queryId=query-all-ids at ceil(R/pageSize)
ListRoles), their `policies` PUT and PATCHed by difference (checked with the `aws` CLI), and the
errors: 404 for an unknown role, 400 for a read-only attribute, an unknown policy, create and
delete. RoleLastUsed follows an sts:AssumeRole. Exact IAM calls from /_emulator/counters."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest
import urllib.parse

import boto3

import server_common_test as h

ACCOUNT = "123456789012"
READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"
IAM_READ_ONLY = "arn:aws:iam::aws:policy/IAMReadOnlyAccess"
DOC = {"Version": "2012-10-17",
       "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
EC2_TRUST = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
PARTNER_TRUST = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
     "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "ext-1"}}}]}
OWN_TRUST = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
     "Action": "sts:AssumeRole"}]}
PAGE_SIZE = 2
ROLES = ["AWSServiceRoleForECS", "app", "ops", "partner"]


class RolesServeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="aic_roles_")
        cls.emulator = h.Process(["emulator", "--port", "0", "--admin", "--log-level", "warn"])
        session = dict(endpoint_url=cls.emulator.url + "/", aws_access_key_id="test",
                       aws_secret_access_key="test", region_name="us-east-1")
        cls.iam = boto3.client("iam", **session)
        cls.sts = boto3.client("sts", **session)
        config = os.path.join(cls.dir, "provisioner.openicf-aws.json")
        with open(config, "w", encoding="utf-8") as f:
            json.dump({"name": "aws", "enabled": True, "configurationProperties": {
                "accessKeyId": "test", "secretKey": "test", "pageSize": PAGE_SIZE,
                "endpoint": cls.emulator.url + "/", "stsEndpoint": cls.emulator.url + "/"}}, f)
        cls.server = h.Process(["serve", "--port", "0", "--config", config, "--key-file",
                                os.path.join(cls.dir, "connector.key"), "--data-dir", cls.dir])
        cls.roles = cls.server.url + "/openidm/system/aws/__ROLE__"
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
        self.local = self.iam.create_policy(PolicyName="Local",
                                            PolicyDocument=json.dumps(DOC))["Policy"]["Arn"]
        # app with boto3; partner, ops and the service-linked role with the `aws` CLI.
        self.iam.create_role(RoleName="app", Path="/app/",
                             AssumeRolePolicyDocument=json.dumps(EC2_TRUST),
                             Description="App servers", MaxSessionDuration=7200,
                             Tags=[{"Key": "team", "Value": "web"}])
        self.iam.attach_role_policy(RoleName="app", PolicyArn=READ_ONLY)
        self.iam.put_role_policy(RoleName="app", PolicyName="inline-s3",
                                 PolicyDocument=json.dumps(DOC))
        self.iam.create_instance_profile(InstanceProfileName="app-profile")
        self.iam.add_role_to_instance_profile(InstanceProfileName="app-profile", RoleName="app")
        self.aws("create-role", "--role-name", "partner", "--assume-role-policy-document",
                 json.dumps(PARTNER_TRUST))
        self.aws("create-role", "--role-name", "ops", "--assume-role-policy-document",
                 json.dumps(OWN_TRUST))
        self.aws("create-service-linked-role", "--aws-service-name", "ecs.amazonaws.com")
        self.reset_counters()

    # ---- helpers ----

    def aws(self, *args):
        done = subprocess.run(["aws", "--endpoint-url", self.emulator.url + "/", "--output",
                               "json", "iam", *args], env=self.cli_env, capture_output=True,
                              text=True, timeout=60)
        self.assertEqual(0, done.returncode, done.stderr)
        return json.loads(done.stdout) if done.stdout.strip() else None

    def policies_in_iam(self, role):
        listed = self.aws("list-attached-role-policies", "--role-name", role)
        return sorted(p["PolicyArn"] for p in listed["AttachedPolicies"])

    def url(self, name=None, **params):
        url = self.roles + ("/" + urllib.parse.quote(name, safe="") if name else "")
        return url + ("?" + urllib.parse.urlencode(params) if params else "")

    def counters(self):
        return h.emulator_admin(self.emulator.url, "GET", "/_emulator/counters")

    def reset_counters(self):
        h.emulator_admin(self.emulator.url, "POST", "/_emulator/counters/reset")

    def query_ids(self, **params):
        status, body = h.rest(self.url(**params))
        self.assertEqual(200, status, body)
        return [o["_id"] for o in body["result"]]

    # ---- tests ----

    def test_read_by_name_with_default_and_asked_fields(self):
        status, role = h.rest(self.url("app"))
        self.assertEqual(200, status, role)
        self.assertEqual({"GetRole": 1, "ListAttachedRolePolicies": 1, "ListRolePolicies": 1,
                          "ListInstanceProfilesForRole": 1}, self.counters())
        got = self.iam.get_role(RoleName="app")["Role"]
        self.assertEqual("app", role["_id"])
        self.assertEqual(got["RoleId"], role["RoleId"])
        self.assertEqual(got["Arn"], role["Arn"])
        self.assertEqual("/app/", role["Path"])
        self.assertEqual([READ_ONLY], role["policies"])
        self.assertEqual(["inline-s3"], role["inlinePolicies"])
        self.assertEqual(["app-profile"], role["instanceProfiles"])
        self.assertEqual([{"Key": "team", "Value": "web"}], role["Tags"])
        self.assertEqual({"LastUsedDate": None, "Region": None}, role["RoleLastUsed"])
        self.assertFalse(role["serviceLinked"])
        self.assertEqual(EC2_TRUST, role["assumeRolePolicy"])
        self.assertEqual([{"type": "Service", "principal": "ec2.amazonaws.com",
                           "external": False, "wildcard": False, "conditions": []}],
                         role["trustedPrincipals"])
        self.assertNotIn("Description", role)

        self.reset_counters()
        status, role = h.rest(self.url("partner", _fields="Description,MaxSessionDuration,"
                                                          "trustedPrincipals"))
        self.assertEqual(200, status, role)
        self.assertEqual({"GetRole": 1}, self.counters())
        self.assertEqual(3600, role["MaxSessionDuration"])
        self.assertEqual([{"type": "AWS", "principal": "arn:aws:iam::444455556666:root",
                           "external": True, "wildcard": False,
                           "conditions": ["sts:ExternalId"]}], role["trustedPrincipals"])

    def test_role_last_used_follows_assume_role(self):
        self.sts.assume_role(RoleArn=f"arn:aws:iam::{ACCOUNT}:role/ops", RoleSessionName="review")
        status, role = h.rest(self.url("ops", _fields="RoleLastUsed"))
        self.assertEqual(200, status, role)
        got = self.iam.get_role(RoleName="ops")["Role"]["RoleLastUsed"]
        self.assertIsNotNone(role["RoleLastUsed"]["LastUsedDate"])
        self.assertEqual(got.get("Region"), role["RoleLastUsed"]["Region"])

    def test_unknown_role_is_404_and_writes_are_refused(self):
        status, body = h.rest(self.url("nobody"))
        self.assertEqual(404, status, body)
        status, body = h.rest(self.roles + "?_action=create", "POST", {"__NAME__": "new"})
        self.assertEqual(400, status, body)
        status, body = h.rest(self.url("ops"), "DELETE")
        self.assertEqual(400, status, body)
        status, body = h.rest(self.url("ops"), "PATCH",
                              [{"operation": "replace", "field": "Description", "value": "x"}])
        self.assertEqual(400, status, body)
        self.assertIn("read-only", body["message"])
        self.reset_counters()
        status, body = h.rest(self.url("ops"), "PUT",
                              {"policies": ["arn:aws:iam::123456789012:policy/Nope"]})
        self.assertEqual(400, status, body)
        self.assertIn("AttachRolePolicy", body["message"])
        self.assertEqual(1, self.counters()["AttachRolePolicy"])
        self.assertEqual([], self.policies_in_iam("ops"))
        self.aws("get-role", "--role-name", "ops")  # still there

    def test_query_filters_paging_and_all_ids(self):
        # query-all-ids: ceil(4 / pageSize 2) ListRoles.
        self.assertEqual(ROLES, sorted(self.query_ids(_queryId="query-all-ids")))
        self.assertEqual({"ListRoles": 2}, self.counters())

        self.reset_counters()
        self.assertEqual(["partner"], self.query_ids(
            _queryFilter="trustedPrincipals/external eq true", _fields="_id"))
        self.assertEqual(["AWSServiceRoleForECS"], self.query_ids(
            _queryFilter="serviceLinked eq true", _fields="_id"))
        self.assertEqual(["app"], self.query_ids(_queryFilter='Path sw "/app/"', _fields="_id"))
        # ceil(4 / 2) ListRoles for each of the first two; PathPrefix=/app/ finds one role.
        self.assertEqual({"ListRoles": 5}, self.counters())

        self.reset_counters()
        self.assertEqual(["app"], self.query_ids(_queryFilter='__NAME__ eq "app"',
                                                 _fields="_id,Arn"))
        self.assertEqual({"GetRole": 1}, self.counters())

        # Default attributes, 3 a page: GAAD(Filter=Role) once per page.
        self.reset_counters()
        seen, cookie, pages = [], None, 0
        while True:
            params = {"_queryFilter": "true", "_pageSize": "3"}
            if cookie:
                params["_pagedResultsCookie"] = cookie
            status, body = h.rest(self.url(**params))
            self.assertEqual(200, status, body)
            pages += 1
            seen += [o["_id"] for o in body["result"]]
            cookie = body["pagedResultsCookie"]
            if not cookie:
                break
        self.assertEqual(2, pages)
        self.assertEqual(ROLES, sorted(seen))
        self.assertEqual({"GetAccountAuthorizationDetails": 2}, self.counters())

    def test_put_and_patch_policies_by_difference(self):
        status, body = h.rest(self.url("app", _fields="_id,policies"), "PUT",
                              {"policies": [self.local, IAM_READ_ONLY]})
        self.assertEqual(200, status, body)
        self.assertEqual({"GetRole": 1, "ListAttachedRolePolicies": 1, "AttachRolePolicy": 2,
                          "DetachRolePolicy": 1}, self.counters())
        self.assertEqual(sorted([self.local, IAM_READ_ONLY]), self.policies_in_iam("app"))

        self.reset_counters()
        status, body = h.rest(self.url("app", _fields="_id,policies"), "PATCH",
                              [{"operation": "remove", "field": "/policies",
                                "value": IAM_READ_ONLY},
                               {"operation": "add", "field": "/policies", "value": READ_ONLY}])
        self.assertEqual(200, status, body)
        self.assertEqual(sorted([self.local, READ_ONLY]), sorted(body["policies"]))
        counts = self.counters()
        self.assertEqual(1, counts["AttachRolePolicy"], counts)
        self.assertEqual(1, counts["DetachRolePolicy"], counts)
        self.assertEqual(sorted([self.local, READ_ONLY]), self.policies_in_iam("app"))

    def test_schema_lists_the_role_class(self):
        status, config = h.rest(self.server.url + "/openidm/config/provisioner.openicf/aws")
        self.assertEqual(200, status, config)
        role = config["objectTypes"]["__ROLE__"]["properties"]
        self.assertEqual(["NOT_CREATABLE"], role["policies"]["flags"])
        self.assertIn("NOT_RETURNED_BY_DEFAULT", role["Description"]["flags"])
        self.assertEqual("integer", role["MaxSessionDuration"]["type"])
        done = subprocess.run([h.BINARY, "schema", "--object-class", "__ROLE__"],
                              capture_output=True, text=True, timeout=60, check=True)
        self.assertIn("trustedPrincipals", done.stdout)


if __name__ == "__main__":
    unittest.main()
