"""Usage attributes from the IAM credential report through `serve` (SPEC 11, docs/usage.md):
`aws-iam-connector emulator --admin --enforce-iam`, a scenario made with boto3 (a console user
with a virtual MFA device enabled with TOTP codes, a key used ten days ago in eu-west-1 and a
console sign-in three days ago, the emulator clock moved through its admin endpoint; a user
whose key is unused), then REST reads with `_fields`: every value equals what IAM itself says
(get_user, get_login_profile, list_access_keys, get_access_key_last_used), the IAM calls are
counted exactly (one GenerateCredentialReport and one GetCredentialReport for the report's
lifetime, none when no usage attribute is asked), and a connector whose user may not read the
report answers 403 naming iam:GenerateCredentialReport."""
import base64
import datetime
import hashlib
import hmac
import json
import os
import shutil
import struct
import tempfile
import time
import unittest
import urllib.parse
import urllib.request

import boto3
from botocore.config import Config

import server_common_test as h

ACCOUNT = "123456789012"
DAY = 86400
PASSWORD = "Console!passw0rd"
USAGE = ("mfaActive,passwordEnabled,passwordLastChanged,passwordNextRotation,lastActivity,"
         "accessKeyUsage")
REPORT_CALLS = ("GenerateCredentialReport", "GetCredentialReport")


def totp(seed_base32, counter):
    """RFC 6238 TOTP (SHA-1, 6 digits) for one 30 s step."""
    key = base64.b32decode(seed_base32 + "=" * (-len(seed_base32) % 8))
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{code % 1000000:06d}"


def iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


class UsageServeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="aic_usage_")
        cls.emulator = h.Process(["emulator", "--port", "0", "--admin", "--enforce-iam",
                                  "--log-level", "warn"])
        cls.endpoint = cls.emulator.url + "/"
        cls.iam = cls.client("test", "test")
        # A second connector whose user reads everything but the credential report.
        cls.iam.create_user(UserName="reader")
        cls.iam.put_user_policy(UserName="reader", PolicyName="read", PolicyDocument=json.dumps({
            "Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": ["iam:Get*", "iam:List*"], "Resource": "*"},
                {"Effect": "Deny", "Action": ["iam:GenerateCredentialReport",
                                              "iam:GetCredentialReport"], "Resource": "*"}]}))
        reader = cls.iam.create_access_key(UserName="reader")["AccessKey"]
        configs = []
        for name, key_id, secret in (("aws", "test", "test"),
                                     ("awsreader", reader["AccessKeyId"],
                                      reader["SecretAccessKey"])):
            path = os.path.join(cls.dir, f"provisioner.openicf-{name}.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump({"name": name, "enabled": True, "configurationProperties": {
                    "accessKeyId": key_id, "secretKey": secret, "maxRetries": 0,
                    "endpoint": cls.endpoint, "stsEndpoint": cls.endpoint}}, f)
            configs += ["--config", path]
        cls.server = h.Process(["serve", "--port", "0", *configs, "--key-file",
                                os.path.join(cls.dir, "connector.key"), "--data-dir", cls.dir])
        cls.accounts = cls.server.url + "/openidm/system/aws/__ACCOUNT__"
        cls.build_scenario()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.emulator.stop()
        shutil.rmtree(cls.dir, ignore_errors=True)

    @classmethod
    def client(cls, key_id, secret, region="us-east-1"):
        return boto3.client("iam", endpoint_url=cls.endpoint, region_name=region,
                            aws_access_key_id=key_id, aws_secret_access_key=secret,
                            config=Config(retries={"total_max_attempts": 1}))

    @classmethod
    def move_clock(cls, seconds):
        h.emulator_admin(cls.emulator.url, "POST", "/_emulator/clock", {"offset_seconds": seconds})

    @classmethod
    def build_scenario(cls):
        iam = cls.iam
        iam.update_account_password_policy(MinimumPasswordLength=8, MaxPasswordAge=90)
        for user in ("alice", "bob"):
            iam.create_user(UserName=user)
            iam.put_user_policy(UserName=user, PolicyName="self", PolicyDocument=json.dumps({
                "Version": "2012-10-17", "Statement": [
                    {"Effect": "Allow", "Action": "iam:GetUser", "Resource": "*"}]}))
        try:
            cls.move_clock(-12 * DAY)
            iam.create_login_profile(UserName="alice", Password=PASSWORD,
                                     PasswordResetRequired=False)
            cls.alice_key = iam.create_access_key(UserName="alice")["AccessKey"]
            cls.bob_key = iam.create_access_key(UserName="bob")["AccessKey"]
            device = iam.create_virtual_mfa_device(VirtualMFADeviceName="alice-mfa")[
                "VirtualMFADevice"]
            seed = device["Base32StringSeed"]
            seed = seed.decode() if isinstance(seed, bytes) else seed
            offset = h.emulator_admin(cls.emulator.url, "GET", "/_emulator/clock")
            step = (int(time.time()) + offset["offset_seconds"]) // 30  # the emulator's time
            iam.enable_mfa_device(UserName="alice", SerialNumber=device["SerialNumber"],
                                  AuthenticationCode1=totp(seed, step - 1),
                                  AuthenticationCode2=totp(seed, step))
            cls.move_clock(-10 * DAY)
            own = cls.client(cls.alice_key["AccessKeyId"], cls.alice_key["SecretAccessKey"],
                             "eu-west-1")
            own.get_user(UserName="alice")
            cls.move_clock(-3 * DAY)
            status, body = cls.emulator_sign_in("alice", PASSWORD)
            assert status == 200, body
        finally:
            cls.move_clock(0)

    @classmethod
    def emulator_sign_in(cls, user, password):
        request = urllib.request.Request(
            cls.emulator.url + "/_emulator/console-sign-in",
            data=json.dumps({"userName": user, "password": password}).encode(), method="POST",
            headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()

    def counters(self):
        counts = h.emulator_admin(self.emulator.url, "GET", "/_emulator/counters")
        h.emulator_admin(self.emulator.url, "POST", "/_emulator/counters/reset")
        return counts

    def account(self, name, fields, system="aws"):
        url = (f"{self.server.url}/openidm/system/{system}/__ACCOUNT__/"
               f"{urllib.parse.quote(name)}?" + urllib.parse.urlencode({"_fields": fields}))
        return h.rest(url)

    def test_1_read_with_usage_equals_what_iam_says(self):
        self.counters()
        status, alice = self.account("alice", "__NAME__," + USAGE + ",accessKeys")
        self.assertEqual(200, status, alice)
        # The report is read once for the connector: the first read with usage pays for it,
        # unless an earlier test in this class already did.
        counts = self.counters()
        self.assertEqual(1, counts.pop("GetUser"), counts)
        self.assertEqual(1, counts.pop("ListAccessKeys"), counts)
        self.assertIn(counts, ({}, {"GenerateCredentialReport": 1, "GetCredentialReport": 1}))

        user = self.iam.get_user(UserName="alice")["User"]
        profile = self.iam.get_login_profile(UserName="alice")["LoginProfile"]
        key = self.iam.list_access_keys(UserName="alice")["AccessKeyMetadata"][0]
        used = self.iam.get_access_key_last_used(
            AccessKeyId=self.alice_key["AccessKeyId"])["AccessKeyLastUsed"]
        self.assertEqual(True, alice["mfaActive"])
        self.assertEqual(True, alice["passwordEnabled"])
        self.assertEqual(iso(profile["CreateDate"]), alice["passwordLastChanged"])
        self.assertEqual(iso(profile["CreateDate"] + datetime.timedelta(days=90)),
                         alice["passwordNextRotation"])
        self.assertEqual(iso(user["PasswordLastUsed"]), alice["lastActivity"])
        self.assertGreater(user["PasswordLastUsed"], used["LastUsedDate"])
        self.assertEqual([{"slot": 1, "active": True, "LastRotated": iso(key["CreateDate"]),
                           "LastUsedDate": iso(used["LastUsedDate"]),
                           "LastUsedRegion": "eu-west-1", "LastUsedService": "iam"}],
                         alice["accessKeyUsage"])
        self.assertEqual([{"AccessKeyId": key["AccessKeyId"], "Status": "Active",
                           "CreateDate": iso(key["CreateDate"]),
                           "LastUsedDate": iso(used["LastUsedDate"]),
                           "LastUsedService": "iam", "LastUsedRegion": "eu-west-1",
                           "LastRotated": iso(key["CreateDate"])}], alice["accessKeys"])

        # Within the report's lifetime: no report call.
        self.counters()
        status, bob = self.account("bob", "__NAME__," + USAGE)
        self.assertEqual(200, status, bob)
        self.assertEqual({"GetUser": 1}, self.counters())
        bob_key = self.iam.list_access_keys(UserName="bob")["AccessKeyMetadata"][0]
        self.assertEqual({"_id": "bob", "__NAME__": "bob", "mfaActive": False,
                          "passwordEnabled": False, "passwordLastChanged": None,
                          "passwordNextRotation": None, "lastActivity": None,
                          "accessKeyUsage": [{"slot": 1, "active": True,
                                              "LastRotated": iso(bob_key["CreateDate"]),
                                              "LastUsedDate": None, "LastUsedRegion": None,
                                              "LastUsedService": None}]}, bob)

    def test_2_access_keys_alone_and_defaults_never_read_the_report(self):
        self.counters()
        status, alice = self.account("alice", "accessKeys")
        self.assertEqual(200, status, alice)
        status, default = h.rest(self.accounts + "/alice")
        self.assertEqual(200, status, default)
        status, listed = h.rest(self.accounts + "?" + urllib.parse.urlencode(
            {"_queryFilter": "true", "_fields": "_id,accessKeys"}))
        self.assertEqual(200, status, listed)
        counts = self.counters()
        for action in REPORT_CALLS:
            self.assertNotIn(action, counts)
        self.assertNotIn("LastUsedDate", alice["accessKeys"][0])
        self.assertNotIn("mfaActive", default)

    def test_3_query_filters_on_usage(self):
        status, body = h.rest(self.accounts + "?" + urllib.parse.urlencode(
            {"_queryFilter": "mfaActive eq true", "_fields": "_id,mfaActive,lastActivity"}))
        self.assertEqual(200, status, body)
        self.assertEqual(["alice"], [o["_id"] for o in body["result"]])
        status, body = h.rest(self.accounts + "?" + urllib.parse.urlencode(
            {"_queryFilter": "lastActivity pr", "_fields": "_id"}))
        self.assertEqual(200, status, body)
        self.assertEqual(["alice"], sorted(o["_id"] for o in body["result"]))

    def test_4_schema_marks_usage_read_only_not_returned_by_default(self):
        status, body = h.rest(self.server.url + "/openidm/config/provisioner.openicf/aws")
        self.assertEqual(200, status, body)
        props = body["objectTypes"]["__ACCOUNT__"]["properties"]
        for name in USAGE.split(","):
            flags = props[name]["flags"]
            for flag in ("NOT_CREATABLE", "NOT_UPDATEABLE", "NOT_RETURNED_BY_DEFAULT"):
                self.assertIn(flag, flags, name)

    def test_5_refused_report_is_403_naming_the_permission(self):
        status, body = self.account("alice", "__NAME__,accessKeys", system="awsreader")
        self.assertEqual(200, status, body)
        status, body = self.account("alice", "__NAME__,lastActivity", system="awsreader")
        self.assertEqual(403, status, body)
        self.assertIn("iam:GenerateCredentialReport", body["message"])
        self.assertIn("iam:GetCredentialReport", body["message"])


if __name__ == "__main__":
    unittest.main()
