"""SigV4 verification by the emulator: strict mode refuses what AWS refuses; any-key mode."""

import datetime
import unittest
import urllib.parse

from botocore.auth import S3SigV4QueryAuth, SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from harness import (ACCOUNT_ID, REGION, SEED_KEY, SEED_SECRET, BackendTestCase, emulator_only,
                     make_client, send_raw, sign_request, signed_call, utc_now)

SKEW = datetime.timedelta(minutes=10)  # outside AWS's 5-minute window
SESSION_SECONDS = 900
PAST_EXPIRY_SECONDS = SESSION_SECONDS + 300
ROLE_ARN = f"arn:aws:iam::{ACCOUNT_ID}:role/sig-role"
LIST_USERS = {"Action": "ListUsers", "Version": "2010-05-08"}
CALLER = {"Action": "GetCallerIdentity", "Version": "2011-06-15"}


@emulator_only("signature verification, clock and signature modes are emulator features")
class StrictSignatureTest(BackendTestCase):
    SERVER_ARGS = ("--signature-mode", "strict")

    def setUp(self):
        super().setUp()
        self.server.admin_json("POST", "/_emulator/clock", {"offset_seconds": 0})
        self.addCleanup(self.server.admin_json, "POST", "/_emulator/clock", {"offset_seconds": 0})

    def assertRefused(self, code, status, resp):
        self.assertEqual(status, resp.status, resp.body[:400])
        self.assertEqual(code, resp.error_code, resp.body[:400])
        self.assertTrue(resp.find("Message"))

    def test_correctly_signed_request_is_accepted(self):
        resp = signed_call(self.endpoint, LIST_USERS)
        self.assertEqual(200, resp.status, resp.body[:400])
        self.assertIsNotNone(resp.find("IsTruncated"))

    def test_request_altered_after_signing(self):
        headers, body = sign_request(self.endpoint, {"Action": "CreateUser",
                                                     "Version": "2010-05-08",
                                                     "UserName": "signed-name"})
        altered = body.replace(b"signed-name", b"forged-name")
        self.assertNotEqual(body, altered)
        self.assertRefused("SignatureDoesNotMatch", 403, send_raw(self.endpoint, headers,
                                                                  altered))
        self.assertAwsError("NoSuchEntity", 404, self.iam.get_user, UserName="forged-name")
        # The untouched request still goes through (the refusal was about the change).
        self.assertEqual(200, send_raw(self.endpoint, headers, body).status)

    def test_altered_header_after_signing(self):
        headers, body = sign_request(self.endpoint, LIST_USERS)
        stamp = headers["X-Amz-Date"]
        headers["X-Amz-Date"] = stamp[:-3] + ("00Z" if not stamp.endswith("00Z") else "01Z")
        self.assertRefused("SignatureDoesNotMatch", 403, send_raw(self.endpoint, headers, body))

    def test_wrong_secret(self):
        bad = make_client(self.endpoint, "iam", key="test", secret="not-the-secret")
        self.assertAwsError("SignatureDoesNotMatch", 403, bad.list_users)
        self.assertRefused("SignatureDoesNotMatch", 403,
                           signed_call(self.endpoint, LIST_USERS, secret="nope"))

    def test_unknown_access_key(self):
        bad = make_client(self.endpoint, "iam", key="AKIAIDONOTEXIST00000", secret="x")
        self.assertAwsError("InvalidClientTokenId", 403, bad.list_users)

    def test_unsigned_request(self):
        resp = send_raw(self.endpoint, {"Content-Type": "application/x-www-form-urlencoded"},
                        b"Action=ListUsers&Version=2010-05-08")
        self.assertRefused("MissingAuthenticationToken", 403, resp)

    def test_timestamp_ten_minutes_old_or_ahead(self):
        old = signed_call(self.endpoint, LIST_USERS, when=utc_now() - SKEW)
        self.assertRefused("RequestExpired", 400, old)
        ahead = signed_call(self.endpoint, LIST_USERS, when=utc_now() + SKEW)
        self.assertRefused("RequestExpired", 400, ahead)
        recent = signed_call(self.endpoint, LIST_USERS,
                             when=utc_now() - datetime.timedelta(minutes=2))
        self.assertEqual(200, recent.status, recent.body[:400])

    def test_created_key_works_until_deactivated_or_deleted(self):
        self.iam.create_user(UserName="signer")
        key = self.iam.create_access_key(UserName="signer")["AccessKey"]
        kid, secret = key["AccessKeyId"], key["SecretAccessKey"]
        self.assertEqual(200, signed_call(self.endpoint, LIST_USERS, key=kid,
                                          secret=secret).status)
        self.iam.update_access_key(UserName="signer", AccessKeyId=kid, Status="Inactive")
        self.assertRefused("InvalidClientTokenId", 403,
                           signed_call(self.endpoint, LIST_USERS, key=kid, secret=secret))
        self.iam.update_access_key(UserName="signer", AccessKeyId=kid, Status="Active")
        self.assertEqual(200, signed_call(self.endpoint, LIST_USERS, key=kid,
                                          secret=secret).status)
        self.iam.delete_access_key(UserName="signer", AccessKeyId=kid)
        self.assertRefused("InvalidClientTokenId", 403,
                           signed_call(self.endpoint, LIST_USERS, key=kid, secret=secret))

    def test_session_token_works_before_expiry_and_expires(self):
        # AssumeRole needs the role, and its trust policy must allow the caller (the root).
        self.iam.create_role(RoleName="sig-role", AssumeRolePolicyDocument=(
            '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},'
            '"Action":"sts:AssumeRole"}]}' % ACCOUNT_ID))
        creds = self.sts.assume_role(RoleArn=ROLE_ARN, RoleSessionName="sig-sess",
                                     DurationSeconds=SESSION_SECONDS)["Credentials"]
        temp = {"key": creds["AccessKeyId"], "secret": creds["SecretAccessKey"],
                "token": creds["SessionToken"]}
        before = signed_call(self.endpoint, CALLER, service="sts", **temp)
        self.assertEqual(200, before.status, before.body[:400])
        self.assertEqual(f"arn:aws:sts::{ACCOUNT_ID}:assumed-role/sig-role/sig-sess",
                         before.find("Arn"))
        self.assertEqual(200, signed_call(self.endpoint, LIST_USERS, **temp).status)

        # Without its session token the temporary key is not valid.
        no_token = signed_call(self.endpoint, LIST_USERS, key=temp["key"], secret=temp["secret"])
        self.assertRefused("InvalidClientTokenId", 403, no_token)
        wrong_token = signed_call(self.endpoint, LIST_USERS, key=temp["key"],
                                  secret=temp["secret"], token=temp["token"][:-4] + "AAAA")
        self.assertEqual(403, wrong_token.status, wrong_token.body[:400])

        self.server.admin_json("POST", "/_emulator/clock",
                               {"offset_seconds": PAST_EXPIRY_SECONDS})
        later = utc_now() + datetime.timedelta(seconds=PAST_EXPIRY_SECONDS)
        expired = signed_call(self.endpoint, LIST_USERS, when=later, **temp)
        # AWS answers ExpiredToken; the STS model gives it 400, IAM endpoints answer 403.
        self.assertIn(expired.status, (400, 403), expired.body[:400])
        self.assertEqual("ExpiredToken", expired.error_code, expired.body[:400])
        # The seed key, signed with the emulator's (moved) clock, still works.
        self.assertEqual(200, signed_call(self.endpoint, LIST_USERS, when=later).status)


FORM = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
PRESIGN_SECONDS = 300


class _UnsignedPayloadAuth(SigV4Auth):
    """Header signing with UNSIGNED-PAYLOAD as the payload hash (and the signed header saying so)."""

    def payload(self, request):
        return "UNSIGNED-PAYLOAD"


@emulator_only("counters and the emulator's refusal of unsigned bodies")
class UnsignedBodyTest(BackendTestCase):
    """A body the signature does not cover may not carry parameters (issue 10)."""

    def setUp(self):
        super().setUp()
        self.iam.create_user(UserName="victim")
        self.server.admin_json("POST", "/_emulator/counters/reset")

    def counters(self):
        data = self.server.admin_json("GET", "/_emulator/counters")
        data = data.get("counters", data)
        return {k: v for k, v in data.items() if v}

    def assertParameterCombination(self, resp):
        self.assertEqual(400, resp.status, resp.body[:400])
        self.assertEqual("InvalidParameterCombination", resp.error_code, resp.body[:400])
        self.assertEqual("Sender", resp.find("Type"))
        self.assertEqual("Parameters that must not be used together were used together.",
                         resp.find("Message"))

    def presigned_get_user(self, signer):
        """path?query of a presigned POST GetUser(victim) URL."""
        request = AWSRequest(
            method="POST",
            url=self.endpoint + "/?Action=GetUser&Version=2010-05-08&UserName=victim")
        signer(Credentials(SEED_KEY, SEED_SECRET), "iam", REGION,
               expires=PRESIGN_SECONDS).add_auth(request)
        parsed = urllib.parse.urlsplit(request.url)
        self.assertIn("X-Amz-Signature=", parsed.query)
        return parsed.path + "?" + parsed.query

    def test_presigned_url_with_unsigned_body_cannot_choose_the_action(self):
        # S3-style presigning: the payload hash is UNSIGNED-PAYLOAD, so the body is anyone's.
        target = self.presigned_get_user(S3SigV4QueryAuth)
        override = send_raw(self.endpoint, FORM,
                            b"Action=CreateUser&Version=2010-05-08&UserName=mallory", target)
        self.assertParameterCombination(override)
        added = send_raw(self.endpoint, FORM, b"Path=%2Fadded%2F", target)
        self.assertParameterCombination(added)
        self.assertEqual({}, self.counters())  # no action was reached
        self.assertAwsError("NoSuchEntity", 404, self.iam.get_user, UserName="mallory")

        # The presigned URL itself, as its signer meant it, still works.
        self.server.admin_json("POST", "/_emulator/counters/reset")
        plain = send_raw(self.endpoint, FORM, b"", target)
        self.assertEqual(200, plain.status, plain.body[:400])
        self.assertEqual("victim", plain.find("UserName"))
        self.assertEqual({"GetUser": 1}, self.counters())

    def test_boto3_presigned_url_covers_its_empty_body(self):
        # botocore presigns IAM URLs with the empty body's hash: a body breaks the signature.
        url = self.iam.generate_presigned_url("get_user", Params={"UserName": "victim"},
                                              ExpiresIn=PRESIGN_SECONDS)
        parsed = urllib.parse.urlsplit(url)
        target = parsed.path + "?" + parsed.query
        forged = send_raw(self.endpoint, FORM,
                          b"Action=CreateUser&Version=2010-05-08&UserName=mallory", target)
        self.assertEqual(403, forged.status, forged.body[:400])
        self.assertEqual("SignatureDoesNotMatch", forged.error_code)
        self.assertEqual({}, self.counters())
        self.assertAwsError("NoSuchEntity", 404, self.iam.get_user, UserName="mallory")
        plain = send_raw(self.endpoint, FORM, b"", target)
        self.assertEqual(200, plain.status, plain.body[:400])

    def test_query_and_body_may_not_both_give_a_parameter(self):
        # Both parts signed, so the signature holds; but which Action would count?
        request = AWSRequest(
            method="POST", data=b"Action=CreateUser&UserName=mallory", headers=dict(FORM),
            url=self.endpoint + "/?Action=GetUser&Version=2010-05-08&UserName=victim")
        SigV4Auth(Credentials(SEED_KEY, SEED_SECRET), "iam", REGION).add_auth(request)
        resp = send_raw(self.endpoint, dict(request.headers.items()), request.body,
                        "/?Action=GetUser&Version=2010-05-08&UserName=victim")
        self.assertParameterCombination(resp)
        self.assertEqual({}, self.counters())
        self.assertAwsError("NoSuchEntity", 404, self.iam.get_user, UserName="mallory")

    def test_header_signed_unsigned_payload_does_not_cover_a_body(self):
        # A header-signed request always has its body hashed into the signature: one signed as
        # UNSIGNED-PAYLOAD does not verify, whatever its x-amz-content-sha256 header says.
        body = b"Action=CreateUser&Version=2010-05-08&UserName=mallory"
        headers = dict(FORM, **{"X-Amz-Content-SHA256": "UNSIGNED-PAYLOAD"})
        request = AWSRequest(method="POST", url=self.endpoint + "/", data=body, headers=headers)
        _UnsignedPayloadAuth(Credentials(SEED_KEY, SEED_SECRET), "iam", REGION).add_auth(request)
        self.assertIn("x-amz-content-sha256", request.headers["Authorization"])
        resp = send_raw(self.endpoint, dict(request.headers.items()), body)
        self.assertEqual(403, resp.status, resp.body[:400])
        self.assertEqual("SignatureDoesNotMatch", resp.error_code)
        self.assertEqual({}, self.counters())
        self.assertAwsError("NoSuchEntity", 404, self.iam.get_user, UserName="mallory")


@emulator_only("signature modes are emulator features")
class AnyKeySignatureTest(BackendTestCase):
    SERVER_ARGS = ("--signature-mode", "any-key")

    def test_made_up_key_is_accepted(self):
        client = make_client(self.endpoint, "iam", key="AKIAMADEUPKEY0000000", secret="anything")
        client.create_user(UserName="via-any-key")
        self.assertEqual("via-any-key", self.iam.get_user(UserName="via-any-key")["User"][
            "UserName"])
        sts = make_client(self.endpoint, "sts", key="madeup", secret="whatever")
        self.assertEqual(ACCOUNT_ID, sts.get_caller_identity()["Account"])

    def test_unsigned_request_still_refused(self):
        resp = send_raw(self.endpoint, {"Content-Type": "application/x-www-form-urlencoded"},
                        b"Action=ListUsers&Version=2010-05-08")
        self.assertEqual(403, resp.status, resp.body[:400])
        self.assertEqual("MissingAuthenticationToken", resp.error_code)


if __name__ == "__main__":
    unittest.main()
