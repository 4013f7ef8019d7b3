"""The full import of issue 15 (docs/full-import.md) through `aws-iam-connector import`, against
the `aws-iam-connector emulator` binary on a free loopback port (boto3 builds the account):

  * a populated account (users in groups with policies, roles trusted by another account with
    sts:ExternalId, by a service, by a SAML provider with SAML:aud, by an OIDC provider, an
    instance profile, a server certificate, a password policy, users with and without MFA,
    access keys used and unused) imports as exactly the expected lines;
  * the IAM call budget for 2,500 users and 1,000 roles, exactly, from /_emulator/counters:
    ceil((N+G+R+P)/1000) GetAccountAuthorizationDetails plus 7 other calls;
  * against moto's server (`python3 -m moto.server`), roles import where moto is faithful.
"""

import concurrent.futures
import datetime
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "emulator"))

import harness  # noqa: E402
from harness import ACCOUNT_ID, ServerProcess, emulator_binary, make_client  # noqa: E402

IMPORT_TIMEOUT_SECONDS = 300
FIXTURE_THREADS = 16
BUDGET_USERS = 2500
BUDGET_ROLES = 1000
GAAD_PAGE = 1000
OTHER_ACCOUNT = "999999999999"
READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"
SAML_AUD = "https://signin.aws.amazon.com/saml"
SIGN_IN = "/_emulator/console-sign-in"
FIXED_CALLS = {"GetAccountSummary": 1, "GetAccountPasswordPolicy": 1,
               "GenerateCredentialReport": 1, "GetCredentialReport": 1, "ListSAMLProviders": 1,
               "ListOpenIDConnectProviders": 1, "ListServerCertificates": 1}

DEV_DOC = {"Version": "2012-10-17",
           "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}


def trust(statement):
    return {"Version": "2012-10-17", "Statement": [statement]}


def iso(value):
    """boto3's datetime as the import writes dates."""
    if value is None:
        return None
    return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def run_import(endpoint, workdir):
    """`aws-iam-connector import` over `endpoint`; returns the parsed lines and stderr."""
    config = os.path.join(workdir, "provisioner.openicf-aws.json")
    with open(config, "w", encoding="utf-8") as f:
        json.dump({"name": "aws", "enabled": True,
                   "configurationProperties": {"accessKeyId": harness.SEED_KEY,
                                               "secretKey": harness.SEED_SECRET,
                                               "endpoint": endpoint + "/",
                                               "stsEndpoint": endpoint + "/",
                                               "maxRetries": 0}}, f)
    out = os.path.join(workdir, "import.jsonl")
    result = subprocess.run([emulator_binary(), "import", "--config", config, "--key-file",
                             os.path.join(workdir, "connector.key"), "--data-dir", workdir,
                             "-o", out], capture_output=True, text=True,
                            timeout=IMPORT_TIMEOUT_SECONDS, check=False)
    if result.returncode != 0:
        raise AssertionError(f"import failed ({result.returncode}): {result.stderr}")
    with open(out, encoding="utf-8") as f:
        return [json.loads(line) for line in f], result.stderr


def by_kind(lines):
    """{"__ROLE__": {_id: object}, ..., "assignment:role-trust": [line, ...]}."""
    out = {}
    for line in lines[1:]:
        kind = line["objectClass"]
        if kind == "assignment":
            out.setdefault("assignment:" + line["type"], []).append(line)
        else:
            out.setdefault(kind, {})[line["object"]["_id"]] = line["object"]
    return out


def canonical(value):
    return json.dumps(value, sort_keys=True)


def run_parallel(fn, items):
    with concurrent.futures.ThreadPoolExecutor(FIXTURE_THREADS) as pool:
        for _ in pool.map(fn, items):
            pass


class FullImportScenarioTest(unittest.TestCase):
    """One populated account, every line checked."""

    @classmethod
    def setUpClass(cls):
        cls.server = ServerProcess(kind="emulator")
        cls.addClassCleanup(cls.server.cleanup)
        cls.server.start()
        cls.iam = make_client(cls.server.endpoint)
        cls.workdir = tempfile.mkdtemp(prefix="aic-import-")
        cls.addClassCleanup(shutil.rmtree, cls.workdir, True)
        cls.build(cls.iam, cls.server)
        cls.lines, cls.stderr = run_import(cls.server.endpoint, cls.workdir)
        cls.kinds = by_kind(cls.lines)

    @classmethod
    def build(cls, iam, server):
        iam.update_account_password_policy(MinimumPasswordLength=14, PasswordReusePrevention=24,
                                           RequireSymbols=True)
        cls.dev_policy = iam.create_policy(PolicyName="dev-policy",
                                           PolicyDocument=json.dumps(DEV_DOC))["Policy"]
        iam.create_group(GroupName="devs")
        iam.attach_group_policy(GroupName="devs", PolicyArn=cls.dev_policy["Arn"])
        # alice: console password, used; MFA; in devs.
        iam.create_user(UserName="alice")
        iam.add_user_to_group(GroupName="devs", UserName="alice")
        iam.create_login_profile(UserName="alice", Password="Alice-Passw0rd!x")
        serial = iam.create_virtual_mfa_device(
            VirtualMFADeviceName="alice-phone")["VirtualMFADevice"]["SerialNumber"]
        iam.enable_mfa_device(UserName="alice", SerialNumber=serial,
                              AuthenticationCode1="123456", AuthenticationCode2="654321")
        status, body = server.request("POST", SIGN_IN,
                                      {"userName": "alice", "password": "Alice-Passw0rd!x"})
        assert status == 200, body
        # bob: no MFA, a policy of his own, one key used (in us-west-2), one never used.
        iam.create_user(UserName="bob")
        iam.attach_user_policy(UserName="bob", PolicyArn=cls.dev_policy["Arn"])
        cls.bob_used = iam.create_access_key(UserName="bob")["AccessKey"]
        cls.bob_unused = iam.create_access_key(UserName="bob")["AccessKey"]
        iam.put_user_policy(UserName="bob", PolicyName="self",
                            PolicyDocument=json.dumps(trust({"Effect": "Allow",
                                                             "Action": "iam:GetUser",
                                                             "Resource": "*"})))
        bob = make_client(server.endpoint, key=cls.bob_used["AccessKeyId"],
                          secret=cls.bob_used["SecretAccessKey"], region="us-west-2")
        bob.get_user()
        # Identity providers and a certificate.
        from test_providers import make_cert, saml_metadata
        cls.saml_arn = iam.create_saml_provider(
            Name="okta", SAMLMetadataDocument=saml_metadata())["SAMLProviderArn"]
        cls.oidc_arn = iam.create_open_id_connect_provider(
            Url="https://token.actions.githubusercontent.com", ClientIDList=["sts.amazonaws.com"],
            ThumbprintList=["a" * 40])["OpenIDConnectProviderArn"]
        not_after = datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
        cert_pem, key_pem, _, _ = make_cert("web.example.com", not_after)
        iam.upload_server_certificate(ServerCertificateName="web", CertificateBody=cert_pem,
                                      PrivateKey=key_pem)
        # Roles.
        cls.trusts = {
            "cross-account": trust({"Effect": "Allow",
                                    "Principal": {"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:root"},
                                    "Action": "sts:AssumeRole",
                                    "Condition": {"StringEquals": {"sts:ExternalId": "x-42"}}}),
            "ec2-app": trust({"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                              "Action": "sts:AssumeRole"}),
            "saml-admins": trust({"Effect": "Allow", "Principal": {"Federated": cls.saml_arn},
                                  "Action": "sts:AssumeRoleWithSAML",
                                  "Condition": {"StringEquals": {"SAML:aud": SAML_AUD}}}),
            "github-deploy": trust({
                "Effect": "Allow", "Principal": {"Federated": cls.oidc_arn},
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": {"StringLike": {
                    "token.actions.githubusercontent.com:sub": "repo:org/app:*"}}}),
        }
        for name, doc in cls.trusts.items():
            iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(doc),
                            Tags=[{"Key": "team", "Value": "ops"}] if name == "ec2-app" else [])
        iam.attach_role_policy(RoleName="cross-account", PolicyArn=READ_ONLY)
        iam.attach_role_policy(RoleName="saml-admins", PolicyArn=cls.dev_policy["Arn"])
        iam.put_role_policy(RoleName="ec2-app", PolicyName="inline1",
                            PolicyDocument=json.dumps(DEV_DOC))
        iam.create_instance_profile(InstanceProfileName="app-profile")
        iam.add_role_to_instance_profile(InstanceProfileName="app-profile", RoleName="ec2-app")
        iam.create_instance_profile(InstanceProfileName="empty-profile")  # no role: not in GAAD

    def test_summary_is_the_first_line(self):
        first = self.lines[0]
        self.assertEqual("__ACCOUNT_SUMMARY__", first["objectClass"])
        self.assertEqual(1, sum(1 for line in self.lines
                                if line["objectClass"] == "__ACCOUNT_SUMMARY__"))
        summary = first["object"]
        self.assertEqual(ACCOUNT_ID, summary["accountId"])
        self.assertEqual(self.iam.get_account_summary()["SummaryMap"], summary["summary"])
        self.assertEqual({"MinimumPasswordLength": 14, "RequireSymbols": True,
                          "RequireNumbers": False, "RequireUppercaseCharacters": False,
                          "RequireLowercaseCharacters": False,
                          "AllowUsersToChangePassword": False, "ExpirePasswords": False,
                          "PasswordReusePrevention": 24, "HardExpiry": False},
                         summary["passwordPolicy"])
        self.assertEqual({"passwordEnabled": None, "passwordLastUsed": None, "mfaActive": False,
                          "accessKeyUsage": []}, summary["root"])
        self.assertRegex(summary["credentialReportGeneratedTime"], r"^\d{4}-\d\d-\d\dT[\d:]{8}Z$")
        self.assertNotIn("usageError", summary)
        self.assertNotIn("unavailable", summary)

    def test_users_with_usage_and_their_assignments(self):
        users = self.kinds["__ACCOUNT__"]
        self.assertEqual({"alice", "bob"}, set(users))
        alice, bob = users["alice"], users["bob"]
        got_alice = self.iam.get_user(UserName="alice")["User"]
        self.assertEqual(iso(got_alice["PasswordLastUsed"]), alice["PasswordLastUsed"])
        self.assertEqual(True, alice["passwordEnabled"])
        self.assertEqual(True, alice["mfaActive"])
        self.assertRegex(alice["passwordLastChanged"], r"Z$")
        self.assertIsNone(alice["passwordNextRotation"])
        self.assertEqual(alice["PasswordLastUsed"], alice["lastActivity"])
        self.assertEqual([], alice["accessKeyUsage"])
        self.assertEqual(["devs"], alice["groups"])
        self.assertNotIn("userCreationTime", alice)

        self.assertNotIn("PasswordLastUsed", bob)
        self.assertEqual(False, bob["passwordEnabled"])
        self.assertEqual(False, bob["mfaActive"])
        self.assertEqual([self.dev_policy["Arn"]], bob["policies"])
        self.assertEqual(["self"], bob["inlinePolicies"])
        used = self.iam.get_access_key_last_used(AccessKeyId=self.bob_used["AccessKeyId"])
        used_date = iso(used["AccessKeyLastUsed"]["LastUsedDate"])
        self.assertEqual([{"slot": 1, "active": True,
                           "LastRotated": iso(self.bob_used["CreateDate"]),
                           "LastUsedDate": used_date, "LastUsedRegion": "us-west-2",
                           "LastUsedService": "iam"},
                          {"slot": 2, "active": True,
                           "LastRotated": iso(self.bob_unused["CreateDate"]),
                           "LastUsedDate": None, "LastUsedRegion": None,
                           "LastUsedService": None}], bob["accessKeyUsage"])
        self.assertEqual(used_date, bob["lastActivity"])

        self.assertEqual([{"objectClass": "assignment", "type": "account-group",
                           "account": "alice", "group": "devs"}],
                         self.kinds["assignment:account-group"])
        self.assertEqual([{"objectClass": "assignment", "type": "account-policy",
                           "account": "bob", "policy": self.dev_policy["Arn"]}],
                         self.kinds["assignment:account-policy"])
        self.assertEqual([{"objectClass": "assignment", "type": "group-policy",
                           "group": "devs", "policy": self.dev_policy["Arn"]}],
                         self.kinds["assignment:group-policy"])

    def test_policies_carry_their_document(self):
        policies = self.kinds["__POLICY__"]
        self.assertEqual({self.dev_policy["Arn"], READ_ONLY}, set(policies))
        self.assertEqual(DEV_DOC, policies[self.dev_policy["Arn"]]["document"])
        # Attached to devs, bob and saml-admins.
        self.assertEqual(3, policies[self.dev_policy["Arn"]]["AttachmentCount"])
        version = self.iam.get_policy(PolicyArn=READ_ONLY)["Policy"]["DefaultVersionId"]
        aws_doc = self.iam.get_policy_version(PolicyArn=READ_ONLY,
                                              VersionId=version)["PolicyVersion"]["Document"]
        self.assertEqual(aws_doc, policies[READ_ONLY]["document"])

    def expected_role(self, name, policies, inline, profiles, trusted):
        role = self.iam.get_role(RoleName=name)["Role"]
        tags = self.iam.list_role_tags(RoleName=name)["Tags"]
        return {"_id": name, "__NAME__": name, "RoleId": role["RoleId"], "Arn": role["Arn"],
                "Path": "/", "CreatedDate": iso(role["CreateDate"]),
                "RoleLastUsed": {"LastUsedDate": None, "Region": None},
                "PermissionsBoundary": None, "Tags": tags, "policies": policies,
                "inlinePolicies": inline, "instanceProfiles": profiles, "serviceLinked": False,
                "assumeRolePolicy": self.trusts[name], "trustedPrincipals": trusted}

    def test_roles_exactly(self):
        roles = self.kinds["__ROLE__"]
        self.assertEqual(self.expected_role(
            "cross-account", [READ_ONLY], [], [],
            [{"type": "AWS", "principal": f"arn:aws:iam::{OTHER_ACCOUNT}:root", "external": True,
              "wildcard": False, "conditions": ["sts:ExternalId"]}]), roles["cross-account"])
        self.assertEqual(self.expected_role(
            "ec2-app", [], ["inline1"], ["app-profile"],
            [{"type": "Service", "principal": "ec2.amazonaws.com", "external": False,
              "wildcard": False, "conditions": []}]), roles["ec2-app"])
        self.assertEqual(self.expected_role(
            "saml-admins", [self.dev_policy["Arn"]], [], [],
            [{"type": "Federated", "principal": self.saml_arn, "external": False,
              "wildcard": False, "conditions": ["SAML:aud"]}]), roles["saml-admins"])
        self.assertEqual(self.expected_role(
            "github-deploy", [], [], [],
            [{"type": "Federated", "principal": self.oidc_arn, "external": False,
              "wildcard": False, "conditions": ["token.actions.githubusercontent.com:sub"]}]),
            roles["github-deploy"])
        self.assertEqual(4, len(roles))

    def test_role_assignments_exactly(self):
        self.assertEqual(
            sorted([{"objectClass": "assignment", "type": "role-policy", "role": "cross-account",
                     "policy": READ_ONLY},
                    {"objectClass": "assignment", "type": "role-policy", "role": "saml-admins",
                     "policy": self.dev_policy["Arn"]}], key=canonical),
            sorted(self.kinds["assignment:role-policy"], key=canonical))

        def edge(role, principal, kind, external, conditions):
            return {"objectClass": "assignment", "type": "role-trust", "role": role,
                    "principal": principal, "principalType": kind, "external": external,
                    "wildcard": False, "conditions": conditions}

        self.assertEqual(
            sorted([edge("cross-account", f"arn:aws:iam::{OTHER_ACCOUNT}:root", "AWS", True,
                         ["sts:ExternalId"]),
                    edge("ec2-app", "ec2.amazonaws.com", "Service", False, []),
                    edge("saml-admins", self.saml_arn, "Federated", False, ["SAML:aud"]),
                    edge("github-deploy", self.oidc_arn, "Federated", False,
                         ["token.actions.githubusercontent.com:sub"])], key=canonical),
            sorted(self.kinds["assignment:role-trust"], key=canonical))

    def test_instance_profiles_providers_and_certificates(self):
        profile = self.iam.get_instance_profile(
            InstanceProfileName="app-profile")["InstanceProfile"]
        self.assertEqual({"app-profile": {
            "_id": "app-profile", "__NAME__": "app-profile", "Arn": profile["Arn"], "Path": "/",
            "InstanceProfileId": profile["InstanceProfileId"],
            "CreatedDate": iso(profile["CreateDate"]), "roles": ["ec2-app"]}},
            self.kinds["__INSTANCE_PROFILE__"])
        saml = self.iam.list_saml_providers()["SAMLProviderList"][0]
        self.assertEqual({self.saml_arn: {"_id": self.saml_arn, "Arn": self.saml_arn,
                                          "ValidUntil": iso(saml.get("ValidUntil")),
                                          "CreatedDate": iso(saml["CreateDate"])}},
                         self.kinds["__SAML_PROVIDER__"])
        self.assertEqual({self.oidc_arn: {"_id": self.oidc_arn, "Arn": self.oidc_arn,
                                          "Url": "token.actions.githubusercontent.com"}},
                         self.kinds["__OIDC_PROVIDER__"])
        cert = self.iam.list_server_certificates()["ServerCertificateMetadataList"][0]
        self.assertEqual({"web": {"_id": "web", "__NAME__": "web", "Arn": cert["Arn"], "Path": "/",
                                  "ServerCertificateId": cert["ServerCertificateId"],
                                  "UploadDate": iso(cert["UploadDate"]),
                                  "Expiration": "2030-01-02T03:04:05Z"}},
                         self.kinds["__SERVER_CERTIFICATE__"])

    def test_every_line_is_accounted_for_and_the_cli_summary_says_so(self):
        expected = {"__ACCOUNT__": 2, "__GROUP__": 1, "__POLICY__": 2, "__ROLE__": 4,
                    "__INSTANCE_PROFILE__": 1, "__SAML_PROVIDER__": 1, "__OIDC_PROVIDER__": 1,
                    "__SERVER_CERTIFICATE__": 1, "assignment:account-group": 1,
                    "assignment:account-policy": 1, "assignment:group-policy": 1,
                    "assignment:role-policy": 2, "assignment:role-trust": 4}
        self.assertEqual(expected, {k: len(v) for k, v in self.kinds.items()})
        self.assertEqual(1 + sum(expected.values()), len(self.lines))
        self.assertIn("import: 2 users, 1 groups, 2 policies, 4 roles, 1 instance profiles, "
                      "2 identity providers, 1 server certificates, 9 assignments", self.stderr)


class FullImportBudgetTest(unittest.TestCase):
    """2,500 users and 1,000 roles: ceil((N+G+R+P)/1000) GAAD pages plus exactly 7 calls."""

    GROUPS = 2
    POLICIES = 2

    @classmethod
    def setUpClass(cls):
        cls.server = ServerProcess(kind="emulator", extra_args=["--threads", "4"])
        cls.addClassCleanup(cls.server.cleanup)
        cls.server.start()
        cls.workdir = tempfile.mkdtemp(prefix="aic-import-budget-")
        cls.addClassCleanup(shutil.rmtree, cls.workdir, True)

    def test_budget_is_exact(self):
        iam = make_client(self.server.endpoint)
        for g in range(self.GROUPS):
            iam.create_group(GroupName=f"g{g}")
        arns = [iam.create_policy(PolicyName=f"p{p}",
                                  PolicyDocument=json.dumps(DEV_DOC))["Policy"]["Arn"]
                for p in range(self.POLICIES)]
        role_trust = json.dumps(trust({"Effect": "Allow",
                                       "Principal": {"Service": "lambda.amazonaws.com"},
                                       "Action": "sts:AssumeRole"}))
        clients = [make_client(self.server.endpoint) for _ in range(FIXTURE_THREADS)]

        def make_user(i):
            c = clients[i % FIXTURE_THREADS]
            c.create_user(UserName=f"user{i:05d}")
            c.add_user_to_group(GroupName="g0", UserName=f"user{i:05d}")
            c.attach_user_policy(UserName=f"user{i:05d}", PolicyArn=arns[0])

        def make_role(i):
            c = clients[i % FIXTURE_THREADS]
            c.create_role(RoleName=f"role{i:05d}", AssumeRolePolicyDocument=role_trust)
            c.attach_role_policy(RoleName=f"role{i:05d}", PolicyArn=arns[1])

        run_parallel(make_user, range(BUDGET_USERS))
        run_parallel(make_role, range(BUDGET_ROLES))
        self.server.admin_json("POST", "/_emulator/counters/reset")

        lines, _ = run_import(self.server.endpoint, self.workdir)

        counters = self.server.admin_json("GET", "/_emulator/counters")
        entities = BUDGET_USERS + self.GROUPS + BUDGET_ROLES + self.POLICIES
        expected = dict(FIXED_CALLS)
        expected["GetAccountAuthorizationDetails"] = math.ceil(entities / GAAD_PAGE)
        self.assertEqual(expected, {k: v for k, v in counters.items() if v})
        kinds = by_kind(lines)
        self.assertEqual(BUDGET_USERS, len(kinds["__ACCOUNT__"]))
        self.assertEqual(BUDGET_ROLES, len(kinds["__ROLE__"]))
        self.assertEqual(BUDGET_ROLES, len(kinds["assignment:role-trust"]))
        self.assertEqual(BUDGET_ROLES, len(kinds["assignment:role-policy"]))
        self.assertEqual(BUDGET_USERS, len(kinds["assignment:account-group"]))
        self.assertTrue(all(u["accessKeyUsage"] == [] and u["mfaActive"] is False
                            for u in kinds["__ACCOUNT__"].values()))


class FullImportMotoTest(unittest.TestCase):
    """Roles against moto's server, where moto is faithful (see docs/full-import.md)."""

    @classmethod
    def setUpClass(cls):
        cls.server = ServerProcess(kind="moto")
        cls.addClassCleanup(cls.server.cleanup)
        cls.server.start()
        cls.workdir = tempfile.mkdtemp(prefix="aic-import-moto-")
        cls.addClassCleanup(shutil.rmtree, cls.workdir, True)

    def test_roles_and_edges_import(self):
        iam = make_client(self.server.endpoint)
        cross = trust({"Effect": "Allow",
                       "Principal": {"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:root"},
                       "Action": "sts:AssumeRole",
                       "Condition": {"StringEquals": {"sts:ExternalId": "x-42"}}})
        service = trust({"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                         "Action": "sts:AssumeRole"})
        iam.create_role(RoleName="cross-account", AssumeRolePolicyDocument=json.dumps(cross))
        iam.create_role(RoleName="ec2-app", AssumeRolePolicyDocument=json.dumps(service))
        policy = iam.create_policy(PolicyName="dev-policy",
                                   PolicyDocument=json.dumps(DEV_DOC))["Policy"]["Arn"]
        iam.attach_role_policy(RoleName="ec2-app", PolicyArn=policy)
        iam.create_instance_profile(InstanceProfileName="app-profile")
        iam.add_role_to_instance_profile(InstanceProfileName="app-profile", RoleName="ec2-app")
        iam.create_user(UserName="carol")

        lines, _ = run_import(self.server.endpoint, self.workdir)
        self.assertEqual("__ACCOUNT_SUMMARY__", lines[0]["objectClass"])
        kinds = by_kind(lines)
        roles = kinds["__ROLE__"]
        self.assertEqual({"cross-account", "ec2-app"}, set(roles))
        for name, doc in (("cross-account", cross), ("ec2-app", service)):
            got = iam.get_role(RoleName=name)["Role"]
            self.assertEqual(got["Arn"], roles[name]["Arn"])
            self.assertEqual(got["RoleId"], roles[name]["RoleId"])
            self.assertEqual(doc, roles[name]["assumeRolePolicy"])
        self.assertEqual([policy], roles["ec2-app"]["policies"])
        self.assertEqual(["app-profile"], roles["ec2-app"]["instanceProfiles"])
        self.assertEqual(["app-profile"], list(kinds["__INSTANCE_PROFILE__"]))
        self.assertEqual([{"type": "AWS", "principal": f"arn:aws:iam::{OTHER_ACCOUNT}:root",
                           "external": True, "wildcard": False,
                           "conditions": ["sts:ExternalId"]}],
                         roles["cross-account"]["trustedPrincipals"])
        self.assertEqual([{"objectClass": "assignment", "type": "role-policy", "role": "ec2-app",
                           "policy": policy}], kinds["assignment:role-policy"])
        self.assertEqual(2, len(kinds["assignment:role-trust"]))
        self.assertEqual(["carol"], list(kinds["__ACCOUNT__"]))
        # moto's GAAD Policies leave out PolicyName (__NAME__ is empty there): by ARN.
        self.assertEqual([policy], list(kinds["__POLICY__"]))
        self.assertEqual(DEV_DOC, kinds["__POLICY__"][policy]["document"])


if __name__ == "__main__":
    unittest.main()
