"""The access review end to end (issue 15): a scenario built with the `aws` CLI against
`aws-iam-connector emulator --admin` (roles trusted by another account with sts:ExternalId, by a
service, by a SAML provider with a condition, by anyone; users with and without MFA, console
passwords, access keys used, unused and old; a customer policy with "*:*"; a password policy; an
expiring server certificate), the emulator's clock moved 100 days on through /_emulator/clock,
then `aws-iam-connector import` of it and `review --input` of that snapshot: exactly the
expected roles, role-trust edges and usage facts in the import, exactly the expected status and
resources per check."""
import base64
import datetime
import hashlib
import hmac
import json
import os
import shutil
import struct
import subprocess
import tempfile
import time
import unittest
import urllib.request

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

import server_common_test as h

ACCOUNT = "123456789012"
PARTNER = "210987654321"
DAY = 86400
MOVED_DAYS = 100  # the clock moves this far between the two phases
TOTP_STEP_SECONDS = 30
CLI_TIMEOUT_SECONDS = 60


def iso(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def totp(seed_base32, counter):
    """RFC 6238 TOTP (SHA-1, 6 digits) for one time step (as tests/emulator/test_credentials)."""
    key = base64.b32decode(seed_base32)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1000000:06d}"


def certificate(cn, days_valid):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=days_valid))
            .sign(key, hashes.SHA256()))
    return (cert.public_bytes(serialization.Encoding.PEM).decode(),
            key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption()).decode())


def saml_metadata():
    head = ('<?xml version="1.0"?>\n<md:EntityDescriptor '
            'xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
            'entityID="https://idp.example.com/metadata">\n<md:IDPSSODescriptor '
            'protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">\n'
            '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"'
            ' Location="https://idp.example.com/sso"/>\n')
    body = "<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress" \
           "</md:NameIDFormat>\n" * 12
    return head + body + "</md:IDPSSODescriptor>\n</md:EntityDescriptor>\n"


def trust(principal, condition=None, action="sts:AssumeRole"):
    statement = {"Effect": "Allow", "Principal": principal, "Action": action}
    if condition:
        statement["Condition"] = condition
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


class Cli:
    """The `aws` CLI against the emulator, with one key, isolated from the machine's config."""

    def __init__(self, endpoint, workdir, key="test", secret="test"):
        self.endpoint = endpoint
        empty = os.path.join(workdir, "aws-empty")
        open(empty, "a").close()
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        self.env.update({"AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": secret,
                         "AWS_DEFAULT_REGION": "us-east-1", "AWS_CONFIG_FILE": empty,
                         "AWS_SHARED_CREDENTIALS_FILE": empty, "AWS_MAX_ATTEMPTS": "1",
                         "AWS_PAGER": "", "AWS_EC2_METADATA_DISABLED": "true",
                         "NO_PROXY": "127.0.0.1,localhost"})

    def __call__(self, service, *args):
        done = subprocess.run(["aws", "--endpoint-url", self.endpoint, "--output", "json",
                               service, *args], env=self.env, capture_output=True, text=True,
                              timeout=CLI_TIMEOUT_SECONDS, check=False)
        if done.returncode != 0:
            raise AssertionError(f"aws {service} {' '.join(args)}: {done.stderr}")
        return json.loads(done.stdout) if done.stdout.strip() else None


class ReviewScenarioTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="aic_review_scenario_")
        self.emulator = h.Process(["emulator", "--port", "0", "--admin", "--db",
                                   os.path.join(self.dir, "iam.db")])
        self.addCleanup(shutil.rmtree, self.dir, True)
        self.addCleanup(self.emulator.stop)
        self.aws = Cli(self.emulator.url, self.dir)

    def admin(self, path, body):
        request = urllib.request.Request(self.emulator.url + path, json.dumps(body).encode(),
                                         {"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(request, timeout=30) as reply:
            self.assertEqual(reply.status, 200)

    def key_for(self, user):
        key = self.aws("iam", "create-access-key", "--user-name", user)["AccessKey"]
        return key["AccessKeyId"], key["SecretAccessKey"]

    def use_key(self, key):
        Cli(self.emulator.url, self.dir, *key)("iam", "get-user")

    def console_user(self, name, password="Corr3ct-Horse-Battery"):
        self.aws("iam", "create-user", "--user-name", name)
        self.aws("iam", "create-login-profile", "--user-name", name, "--password", password)
        self.admin("/_emulator/console-sign-in", {"userName": name, "password": password})

    def enable_mfa(self, user):
        seed_file = os.path.join(self.dir, user + ".seed")
        device = self.aws("iam", "create-virtual-mfa-device", "--virtual-mfa-device-name",
                          user, "--outfile", seed_file, "--bootstrap-method",
                          "Base32StringSeed")["VirtualMFADevice"]
        with open(seed_file, encoding="ascii") as f:
            seed = f.read().strip()
        step = int(time.time()) // TOTP_STEP_SECONDS
        self.aws("iam", "enable-mfa-device", "--user-name", user, "--serial-number",
                 device["SerialNumber"], "--authentication-code1", totp(seed, step - 1),
                 "--authentication-code2", totp(seed, step))

    def role(self, name, document):
        self.aws("iam", "create-role", "--role-name", name, "--assume-role-policy-document",
                 document)

    def build_scenario(self):
        # Phase one, day 0.
        self.t0 = time.time()
        self.aws("iam", "update-account-password-policy", "--minimum-password-length", "8",
                 "--password-reuse-prevention", "24")
        everything = self.aws("iam", "create-policy", "--policy-name", "everything",
                              "--policy-document", json.dumps({
                                  "Version": "2012-10-17", "Statement": [
                                      {"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
        self.aws("iam", "create-group", "--group-name", "admins")
        self.aws("iam", "attach-group-policy", "--group-name", "admins", "--policy-arn",
                 everything["Policy"]["Arn"])
        self.console_user("alice")  # signs in again on day 100
        self.enable_mfa("alice")
        self.aws("iam", "add-user-to-group", "--user-name", "alice", "--group-name", "admins")
        self.console_user("bob")  # no MFA, last sign-in on day 0, a policy of his own
        self.aws("iam", "put-user-policy", "--user-name", "bob", "--policy-name", "bob-extra",
                 "--policy-document", json.dumps({"Version": "2012-10-17", "Statement": [
                     {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]}))
        self.aws("iam", "create-user", "--user-name", "carol")  # two keys, old and unused
        self.use_key(self.key_for("carol"))
        self.key_for("carol")
        self.role("stale-role", trust({"AWS": f"arn:aws:iam::{ACCOUNT}:root"}))
        self.aws("iam", "create-service-linked-role", "--aws-service-name",
                 "support.amazonaws.com")
        body, key = certificate("old.example.com", 30)
        self.aws("iam", "upload-server-certificate", "--server-certificate-name", "old-site",
                 "--certificate-body", body, "--private-key", key)
        body, key = certificate("new.example.com", 365)
        self.aws("iam", "upload-server-certificate", "--server-certificate-name", "new-site",
                 "--certificate-body", body, "--private-key", key)
        self.t0_end = time.time()

        # Phase two, day 100.
        self.admin("/_emulator/clock", {"offset_seconds": MOVED_DAYS * DAY})
        self.t1 = time.time() + MOVED_DAYS * DAY
        self.admin("/_emulator/console-sign-in",
                   {"userName": "alice", "password": "Corr3ct-Horse-Battery"})
        self.aws("iam", "create-user", "--user-name", "dave")  # one key, used today
        self.use_key(self.key_for("dave"))
        saml = self.aws("iam", "create-saml-provider", "--name", "corp-idp",
                        "--saml-metadata-document", saml_metadata())["SAMLProviderArn"]
        self.role("partner-audit", trust({"AWS": f"arn:aws:iam::{PARTNER}:root"},
                                         {"StringEquals": {"sts:ExternalId": "partner-7781"}}))
        self.role("lambda-exec", trust({"Service": "lambda.amazonaws.com"}))
        self.role("sso-admin", trust({"Federated": saml}, {"StringEquals": {
            "SAML:aud": "https://signin.aws.amazon.com/saml"}}, "sts:AssumeRoleWithSAML"))
        self.role("open-door", trust({"AWS": "*"}))
        busy = f"arn:aws:iam::{ACCOUNT}:role/busy-role"
        self.role("busy-role", trust({"AWS": f"arn:aws:iam::{ACCOUNT}:root"}))
        self.aws("sts", "assume-role", "--role-arn", busy, "--role-session-name", "today")
        self.t1_end = time.time() + MOVED_DAYS * DAY

    def import_snapshot(self):
        config = os.path.join(self.dir, "provisioner.openicf-aws.json")
        with open(config, "w", encoding="utf-8") as f:
            json.dump({"name": "aws", "enabled": True, "configurationProperties": {
                "accessKeyId": "test", "secretKey": "test", "endpoint": self.emulator.url + "/",
                "stsEndpoint": self.emulator.url + "/", "maxRetries": 0}}, f)
        snapshot = os.path.join(self.dir, "snapshot.jsonl")
        done = subprocess.run([h.BINARY, "import", "--config", config, "--key-file",
                               os.path.join(self.dir, "connector.key"), "-o", snapshot],
                              capture_output=True, text=True, timeout=120, check=False)
        self.assertEqual(done.returncode, 0, done.stderr)
        with open(snapshot, encoding="utf-8") as f:
            return snapshot, [json.loads(line) for line in f]

    def assertDuring(self, date, start, end, what):
        self.assertIsNotNone(date, what)
        self.assertTrue(start - 2 <= iso(date) <= end + 2, f"{what}: {date}")

    def check_import(self, lines):
        self.assertEqual(lines[0]["objectClass"], "__ACCOUNT_SUMMARY__")
        summary = lines[0]["object"]
        self.assertEqual(summary["accountId"], ACCOUNT)
        self.assertEqual(summary["passwordPolicy"]["MinimumPasswordLength"], 8)
        self.assertEqual(summary["passwordPolicy"]["PasswordReusePrevention"], 24)
        self.assertDuring(summary["credentialReportGeneratedTime"], self.t1, time.time() +
                          MOVED_DAYS * DAY, "report time")
        roles = {line["object"]["__NAME__"]: line["object"] for line in lines
                 if line["objectClass"] == "__ROLE__"}
        self.assertEqual(sorted(roles), ["AWSServiceRoleForSupport", "busy-role", "lambda-exec",
                                         "open-door", "partner-audit", "sso-admin", "stale-role"])
        self.assertTrue(roles["AWSServiceRoleForSupport"]["serviceLinked"])
        self.assertFalse(roles["busy-role"]["serviceLinked"])
        self.assertDuring(roles["busy-role"]["RoleLastUsed"]["LastUsedDate"], self.t1,
                          self.t1_end, "busy-role last used")
        self.assertIsNone(roles["stale-role"]["RoleLastUsed"].get("LastUsedDate"))
        edges = sorted((line["role"], line["principalType"], line["principal"], line["external"],
                        line["wildcard"], tuple(line["conditions"])) for line in lines
                       if line.get("type") == "role-trust")
        self.assertEqual(edges, [
            ("AWSServiceRoleForSupport", "Service", "support.amazonaws.com", False, False, ()),
            ("busy-role", "AWS", f"arn:aws:iam::{ACCOUNT}:root", False, False, ()),
            ("lambda-exec", "Service", "lambda.amazonaws.com", False, False, ()),
            ("open-door", "AWS", "*", True, True, ()),
            ("partner-audit", "AWS", f"arn:aws:iam::{PARTNER}:root", True, False,
             ("sts:ExternalId",)),
            ("sso-admin", "Federated", f"arn:aws:iam::{ACCOUNT}:saml-provider/corp-idp", False,
             False, ("SAML:aud",)),
            ("stale-role", "AWS", f"arn:aws:iam::{ACCOUNT}:root", False, False, ()),
        ])
        users = {line["object"]["__NAME__"]: line["object"] for line in lines
                 if line["objectClass"] == "__ACCOUNT__"}
        self.assertEqual(sorted(users), ["alice", "bob", "carol", "dave"])
        alice, bob, carol, dave = (users[n] for n in ("alice", "bob", "carol", "dave"))
        self.assertEqual((alice["passwordEnabled"], alice["mfaActive"]), (True, True))
        self.assertDuring(alice["PasswordLastUsed"], self.t1, self.t1_end, "alice signed in")
        self.assertEqual(alice["accessKeyUsage"], [])
        self.assertEqual((bob["passwordEnabled"], bob["mfaActive"]), (True, False))
        self.assertDuring(bob["PasswordLastUsed"], self.t0, self.t0_end, "bob signed in")
        self.assertEqual((carol["passwordEnabled"], carol["mfaActive"]), (False, False))
        self.assertEqual([(k["slot"], k["active"]) for k in carol["accessKeyUsage"]],
                         [(1, True), (2, True)])
        self.assertDuring(carol["accessKeyUsage"][0]["LastUsedDate"], self.t0, self.t0_end,
                          "carol's first key used")
        self.assertEqual(carol["accessKeyUsage"][0]["LastUsedService"], "iam")
        self.assertIsNone(carol["accessKeyUsage"][1]["LastUsedDate"])
        for k in carol["accessKeyUsage"]:
            self.assertDuring(k["LastRotated"], self.t0, self.t0_end, "carol's key created")
        self.assertEqual(len(dave["accessKeyUsage"]), 1)
        self.assertDuring(dave["accessKeyUsage"][0]["LastUsedDate"], self.t1, self.t1_end,
                          "dave's key used")
        self.assertFalse(dave["passwordEnabled"])

    def test_scenario_import_and_review(self):
        self.build_scenario()
        snapshot, lines = self.import_snapshot()
        self.check_import(lines)

        done = subprocess.run([h.BINARY, "review", "--input", snapshot, "--format", "json"],
                              capture_output=True, text=True, timeout=60, check=False)
        self.assertEqual(done.returncode, 1, done.stderr)  # some checks FAIL
        report = json.loads(done.stdout)
        got = {c["check"]: (c["status"], sorted(r["arn"].rsplit("/", 1)[-1]
                                                for r in c["resources"]))
               for c in report["checks"]}
        self.assertEqual(got, {
            "root-access-keys": ("PASS", []),
            "root-mfa": ("FAIL", ["arn:aws:iam::123456789012:root"]),
            "password-policy-length": ("FAIL", [
                "arn:aws:iam::123456789012:account-password-policy"]),
            "password-policy-reuse": ("PASS", []),
            "console-users-mfa": ("FAIL", ["bob"]),
            "unused-credentials": ("FAIL", ["bob", "carol"]),
            "one-active-key": ("FAIL", ["carol"]),
            "access-key-rotation": ("FAIL", ["carol", "carol"]),
            "user-policies-through-groups": ("FAIL", ["bob"]),
            "full-admin-policies": ("FAIL", ["everything"]),
            # The emulator's AWS managed policies do not include AWSSupportAccess.
            "support-role": ("FAIL", []),
            "expired-server-certificates": ("FAIL", ["old-site"]),
            "cloudshell-full-access": ("PASS", []),
            "unused-roles": ("FAIL", ["stale-role"]),
            "external-trust": ("FAIL", ["open-door", "partner-audit", "sso-admin"]),
            "wildcard-trust": ("FAIL", ["open-door"]),
        })
        self.assertEqual(report["summary"], {"PASS": 3, "FAIL": 13, "UNKNOWN": 0})
        carol = next(c for c in report["checks"] if c["check"] == "unused-credentials")
        evidence = [r["evidence"] for r in carol["resources"]]
        self.assertEqual(evidence, [
            f"user bob: password last used {MOVED_DAYS} days ago",
            f"user carol: access key 1 last used {MOVED_DAYS} days ago; access key 2 never "
            f"used, created {MOVED_DAYS} days ago"])
        partner = next(c for c in report["checks"] if c["check"] == "external-trust")
        self.assertIn(f"role partner-audit trusts arn:aws:iam::{PARTNER}:root (AWS), restricted "
                      "by conditions on sts:ExternalId",
                      [r["evidence"] for r in partner["resources"]])


if __name__ == "__main__":
    unittest.main()
