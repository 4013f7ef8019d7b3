"""Error shapes for bad requests (raw signed requests) and STS AssumeRole / GetCallerIdentity."""

import unittest

from botocore.exceptions import ClientError

from harness import (ACCOUNT_ID, IAM_NAMESPACE, BackendTestCase, make_client, signed_call,
                     unless_moto, utc_now)

ROLE_TRUST = ('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":'
              '{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}')
ROLE_ARN = f"arn:aws:iam::{ACCOUNT_ID}:role/aic-test-role"
MIN_SESSION_SECONDS = 900
MAX_SESSION_SECONDS = 43200


class RawErrorTest(BackendTestCase):

    @unless_moto("moto answers an unknown action with a 500")
    def test_unknown_action_is_invalid_action(self):
        resp = signed_call(self.endpoint, {"Action": "FlyToTheMoon", "Version": "2010-05-08"})
        self.assertEqual(400, resp.status, resp.body[:300])
        self.assertEqual("InvalidAction", resp.error_code)
        self.assertTrue(resp.find("Message"))

    @unless_moto("moto's error XML has no namespace, Type or top-level RequestId")
    def test_error_response_shape(self):
        resp = signed_call(self.endpoint, {"Action": "GetUser", "Version": "2010-05-08",
                                           "UserName": "nobody-here"})
        self.assertEqual(404, resp.status)
        root = resp.xml
        self.assertEqual(f"{{{IAM_NAMESPACE}}}ErrorResponse", root.tag)
        error = root.find(f"{{{IAM_NAMESPACE}}}Error")
        self.assertIsNotNone(error)
        fields = [child.tag.rsplit("}", 1)[-1] for child in error]
        self.assertEqual(["Type", "Code", "Message"], fields)
        self.assertEqual("Sender", resp.find("Type"))
        self.assertEqual("NoSuchEntity", resp.find("Code"))
        self.assertEqual("The user with name nobody-here cannot be found.", resp.find("Message"))
        self.assertRegex(resp.find("RequestId") or "", r"^[0-9a-f-]{36}$")

    @unless_moto("moto's success XML differs in namespace placement")
    def test_success_response_shape(self):
        resp = signed_call(self.endpoint, {"Action": "ListUsers", "Version": "2010-05-08"})
        self.assertEqual(200, resp.status)
        self.assertEqual(f"{{{IAM_NAMESPACE}}}ListUsersResponse", resp.xml.tag)
        children = [c.tag.rsplit("}", 1)[-1] for c in resp.xml]
        self.assertEqual(["ListUsersResult", "ResponseMetadata"], children)
        self.assertRegex(resp.find("RequestId") or "", r"^[0-9a-f-]{36}$")

    @unless_moto("moto answers a missing required parameter with a 500")
    def test_missing_required_parameter(self):
        resp = signed_call(self.endpoint, {"Action": "CreateUser", "Version": "2010-05-08"})
        self.assertEqual(400, resp.status, resp.body[:300])
        self.assertIn(resp.error_code, ("MissingParameter", "ValidationError"))
        self.iam.create_user(UserName="x")
        resp = signed_call(self.endpoint, {"Action": "AttachUserPolicy", "Version": "2010-05-08",
                                           "UserName": "x"})
        self.assertEqual(400, resp.status, resp.body[:300])
        self.assertIn(resp.error_code, ("MissingParameter", "ValidationError"))

    @unless_moto("moto looks the entity up before validating (404 'Policy None')")
    def test_parameters_validated_before_lookup(self):
        # AWS validates the input before it looks anything up: a missing PolicyArn is a
        # ValidationError even when the user does not exist either.
        resp = signed_call(self.endpoint, {"Action": "AttachUserPolicy", "Version": "2010-05-08",
                                           "UserName": "no-such-user"})
        self.assertEqual(400, resp.status, resp.body[:300])
        self.assertIn(resp.error_code, ("MissingParameter", "ValidationError"))

    @unless_moto("moto accepts an unknown tag layout / overlong tag key")
    def test_overlong_tag_key_is_validation_error(self):
        self.assertAwsError(("ValidationError", "InvalidInput"), 400, self.iam.create_user,
                            UserName="tagged", Tags=[{"Key": "k" * 129, "Value": "v"}])


class StsTest(BackendTestCase):

    def _ensure_role(self):
        # The emulator need not model roles; moto (like AWS) wants the role to exist.
        try:
            self.iam.create_role(RoleName="aic-test-role", AssumeRolePolicyDocument=ROLE_TRUST)
        except ClientError as err:
            if err.response["Error"]["Code"] != "InvalidAction":
                raise

    def test_get_caller_identity_for_seed_key(self):
        ident = self.sts.get_caller_identity()
        self.assertEqual(ACCOUNT_ID, ident["Account"])
        self.assertTrue(ident["UserId"])
        self.assertIn(f"::{ACCOUNT_ID}:", ident["Arn"])

    @unless_moto("moto reports a made-up user for the test key, not the account root")
    def test_seed_key_is_the_account_root(self):
        self.assertEqual(f"arn:aws:iam::{ACCOUNT_ID}:root", self.sts.get_caller_identity()["Arn"])

    def test_assume_role_gives_working_temporary_credentials(self):
        self._ensure_role()
        resp = self.sts.assume_role(RoleArn=ROLE_ARN, RoleSessionName="sess-1",
                                    DurationSeconds=MIN_SESSION_SECONDS)
        creds = resp["Credentials"]
        self.assertTrue(creds["AccessKeyId"].startswith("ASIA"), creds["AccessKeyId"])
        self.assertTrue(creds["SecretAccessKey"])
        self.assertTrue(creds["SessionToken"])
        left = (creds["Expiration"] - utc_now()).total_seconds()
        self.assertGreater(left, MIN_SESSION_SECONDS - 120)
        self.assertLess(left, MIN_SESSION_SECONDS + 120)
        self.assertEqual(f"arn:aws:sts::{ACCOUNT_ID}:assumed-role/aic-test-role/sess-1",
                         resp["AssumedRoleUser"]["Arn"])
        self.assertTrue(resp["AssumedRoleUser"]["AssumedRoleId"].endswith(":sess-1"))

        sts = make_client(self.endpoint, "sts", key=creds["AccessKeyId"],
                          secret=creds["SecretAccessKey"], token=creds["SessionToken"])
        ident = sts.get_caller_identity()
        self.assertEqual(ACCOUNT_ID, ident["Account"])
        self.assertEqual(resp["AssumedRoleUser"]["Arn"], ident["Arn"])
        iam = make_client(self.endpoint, "iam", key=creds["AccessKeyId"],
                          secret=creds["SecretAccessKey"], token=creds["SessionToken"])
        iam.create_user(UserName="made-by-role")
        self.assertEqual("made-by-role", self.iam.get_user(UserName="made-by-role")["User"][
            "UserName"])

    def test_assume_role_default_duration_is_one_hour(self):
        self._ensure_role()
        creds = self.sts.assume_role(RoleArn=ROLE_ARN, RoleSessionName="sess")["Credentials"]
        left = (creds["Expiration"] - utc_now()).total_seconds()
        self.assertGreater(left, 3600 - 120)
        self.assertLess(left, 3600 + 120)

    @unless_moto("moto does not validate DurationSeconds")
    def test_assume_role_duration_out_of_range(self):
        self._ensure_role()
        self.assertAwsError("ValidationError", 400, self.sts.assume_role, RoleArn=ROLE_ARN,
                            RoleSessionName="sess", DurationSeconds=MAX_SESSION_SECONDS + 1)


if __name__ == "__main__":
    unittest.main()
