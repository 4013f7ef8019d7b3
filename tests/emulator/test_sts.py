"""STS through boto3 and the aws CLI: every operation, trust policies, durations, session and
federation tokens, SAML and web identity (unsigned calls), expiry, partitions."""

import base64
import json
import unittest

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from harness import (ACCOUNT_ID, AwsCli, BackendTestCase, emulator_only, make_client, send_raw,
                     utc_now)

OTHER_ACCOUNT = "210987654321"
ROOT_ARN = f"arn:aws:iam::{ACCOUNT_ID}:root"
SAML_AUDIENCE = "https://signin.aws.amazon.com/saml"
OIDC_URL = "https://oidc.example.com/tenant"
OIDC_HOST = "oidc.example.com/tenant"


def trust(statement):
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def allow(principal, action="sts:AssumeRole", condition=None):
    st = {"Effect": "Allow", "Principal": principal, "Action": action}
    if condition:
        st["Condition"] = condition
    return trust(st)


def saml_metadata():
    doc = ('<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:'
           'metadata" entityID="https://idp.example.com"><md:IDPSSODescriptor '
           'protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
           '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"'
           ' Location="https://idp.example.com/sso"/>')
    while len(doc) < 1100:
        doc += ("<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
                "</md:NameIDFormat>")
    return doc + "</md:IDPSSODescriptor></md:EntityDescriptor>"


def saml_assertion(role_arn, provider_arn, not_on_or_after="2099-01-01T00:00:00Z",
                   session="alice@example.com"):
    xml = f"""<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"
 xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">
 <saml:Issuer>https://idp.example.com</saml:Issuer>
 <saml:Assertion><saml:Issuer>https://idp.example.com</saml:Issuer>
  <saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient">alice-42</saml:NameID>
   <saml:SubjectConfirmation><saml:SubjectConfirmationData NotOnOrAfter="{not_on_or_after}"
    Recipient="{SAML_AUDIENCE}"/></saml:SubjectConfirmation></saml:Subject>
  <saml:Conditions><saml:AudienceRestriction><saml:Audience>urn:amazon:webservices</saml:Audience>
  </saml:AudienceRestriction></saml:Conditions>
  <saml:AttributeStatement>
   <saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role">
    <saml:AttributeValue>{provider_arn},{role_arn}</saml:AttributeValue></saml:Attribute>
   <saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName">
    <saml:AttributeValue>{session}</saml:AttributeValue></saml:Attribute>
  </saml:AttributeStatement></saml:Assertion></samlp:Response>"""
    return base64.b64encode(xml.encode()).decode()


def b64url(obj):
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")


def jwt(iss, aud, sub="user-123456", exp_in=3600):
    exp = int(utc_now().timestamp()) + exp_in
    return ".".join([b64url({"alg": "RS256", "typ": "JWT", "kid": "k1"}),
                     b64url({"iss": iss, "aud": aud, "sub": sub, "exp": exp}), "c2lnbmF0dXJl"])


def key_id_for_account(account):
    """An AKIA id whose characters 5.. encode the account as AWS's newer key ids do."""
    prefix = (int(account) << 7).to_bytes(6, "big") + b"\x00\x00\x00\x00"
    return "AKIA" + base64.b32encode(prefix).decode()[:16]


@emulator_only("trust policies, unsigned federation and the clock are checked on the emulator")
class StsTest(BackendTestCase):

    def setUp(self):
        super().setUp()
        self.addCleanup(self.server.admin_json, "POST", "/_emulator/clock", {"offset_seconds": 0})

    # --- helpers --------------------------------------------------------------------------

    def role(self, name, trust_doc, max_seconds=3600):
        return self.iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust_doc,
                                    MaxSessionDuration=max_seconds)["Role"]["Arn"]

    def user_clients(self, name):
        self.iam.create_user(UserName=name)
        key = self.iam.create_access_key(UserName=name)["AccessKey"]
        return (make_client(self.endpoint, "sts", key=key["AccessKeyId"],
                            secret=key["SecretAccessKey"]), key)

    def temp_client(self, creds, service="sts"):
        return make_client(self.endpoint, service, key=creds["AccessKeyId"],
                           secret=creds["SecretAccessKey"], token=creds["SessionToken"])

    def raw_sts(self):
        """The seed key's STS client without botocore's own parameter checks (to reach ours)."""
        cfg = Config(retries={"total_max_attempts": 1, "mode": "standard"},
                     parameter_validation=False)
        return boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test",
                                     region_name="us-east-1").client(
            "sts", endpoint_url=self.endpoint, config=cfg)

    def move_clock(self, seconds):
        self.server.admin_json("POST", "/_emulator/clock", {"offset_seconds": seconds})

    def assertDenied(self, fn, message, **kwargs):
        err = self.assertAwsError("AccessDenied", 403, fn, **kwargs)
        self.assertEqual(message, err["Error"]["Message"])

    # --- AssumeRole -------------------------------------------------------------------------

    def test_assume_role_values(self):
        arn = self.role("app", allow({"AWS": ROOT_ARN}))
        role_id = self.iam.get_role(RoleName="app")["Role"]["RoleId"]
        resp = self.sts.assume_role(RoleArn=arn, RoleSessionName="sess-1", DurationSeconds=900)
        self.assertEqual(f"arn:aws:sts::{ACCOUNT_ID}:assumed-role/app/sess-1",
                         resp["AssumedRoleUser"]["Arn"])
        self.assertEqual(f"{role_id}:sess-1", resp["AssumedRoleUser"]["AssumedRoleId"])
        self.assertNotIn("PackedPolicySize", resp)
        left = (resp["Credentials"]["Expiration"] - utc_now()).total_seconds()
        self.assertTrue(800 < left <= 960, left)
        ident = self.temp_client(resp["Credentials"]).get_caller_identity()
        self.assertEqual(resp["AssumedRoleUser"]["Arn"], ident["Arn"])
        self.assertEqual(resp["AssumedRoleUser"]["AssumedRoleId"], ident["UserId"])

    def test_missing_role_is_access_denied(self):
        arn = f"arn:aws:iam::{ACCOUNT_ID}:role/nobody"
        self.assertDenied(self.sts.assume_role,
                          f"User: {ROOT_ARN} is not authorized to perform: sts:AssumeRole on "
                          f"resource: {arn}", RoleArn=arn, RoleSessionName="s1")

    def test_external_id_condition(self):
        arn = self.role("partner", allow({"AWS": [f"arn:aws:iam::{OTHER_ACCOUNT}:root",
                                                  ACCOUNT_ID]}, condition={
            "StringEquals": {"sts:ExternalId": "Unique-42"}}))
        denied = f"User: {ROOT_ARN} is not authorized to perform: sts:AssumeRole on resource: {arn}"
        self.assertDenied(self.sts.assume_role, denied, RoleArn=arn, RoleSessionName="p1")
        self.assertDenied(self.sts.assume_role, denied, RoleArn=arn, RoleSessionName="p1",
                          ExternalId="wrong-id")
        resp = self.sts.assume_role(RoleArn=arn, RoleSessionName="p1", ExternalId="Unique-42")
        self.assertTrue(resp["Credentials"]["AccessKeyId"].startswith("ASIA"))

    def test_role_trusted_by_another_account_only(self):
        arn = self.role("theirs", allow({"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:root"}))
        self.assertAwsError("AccessDenied", 403, self.sts.assume_role, RoleArn=arn,
                            RoleSessionName="x1")

    def test_service_role_refuses_a_user(self):
        arn = self.role("ec2-role", allow({"Service": "ec2.amazonaws.com"}))
        sts, _ = self.user_clients("alice")
        self.assertDenied(sts.assume_role,
                          f"User: arn:aws:iam::{ACCOUNT_ID}:user/alice is not authorized to "
                          f"perform: sts:AssumeRole on resource: {arn}",
                          RoleArn=arn, RoleSessionName="s1")

    def test_user_named_in_the_trust_policy(self):
        arn = self.role("for-alice", allow({"AWS": f"arn:aws:iam::{ACCOUNT_ID}:user/alice"}))
        sts, _ = self.user_clients("alice")
        resp = sts.assume_role(RoleArn=arn, RoleSessionName="a1")
        self.assertEqual(f"arn:aws:sts::{ACCOUNT_ID}:assumed-role/for-alice/a1",
                         resp["AssumedRoleUser"]["Arn"])
        self.assertAwsError("AccessDenied", 403, self.sts.assume_role, RoleArn=arn,
                            RoleSessionName="a1")  # the root is not alice

    def test_duration_over_max_session_duration(self):
        arn = self.role("short", allow({"AWS": ROOT_ARN}), max_seconds=3600)
        err = self.assertAwsError("ValidationError", 400, self.sts.assume_role, RoleArn=arn,
                                  RoleSessionName="s1", DurationSeconds=3601)
        self.assertEqual("The requested DurationSeconds exceeds the MaxSessionDuration set for "
                         "this role.", err["Error"]["Message"])
        err = self.assertAwsError("ValidationError", 400, self.raw_sts().assume_role,
                                  RoleArn=arn, RoleSessionName="s1", DurationSeconds=899)
        self.assertIn("greater than or equal to 900", err["Error"]["Message"])

    def test_role_chaining_is_capped_at_one_hour(self):
        arn = self.role("chain", allow({"AWS": ACCOUNT_ID}), max_seconds=7200)
        first = self.sts.assume_role(RoleArn=arn, RoleSessionName="c1", DurationSeconds=7200)
        chained = self.temp_client(first["Credentials"])
        err = self.assertAwsError("ValidationError", 400, chained.assume_role, RoleArn=arn,
                                  RoleSessionName="c2", DurationSeconds=3601)
        self.assertEqual("The requested DurationSeconds exceeds the 1 hour session limit for roles "
                         "assumed by role chaining.", err["Error"]["Message"])
        again = chained.assume_role(RoleArn=arn, RoleSessionName="c2")
        self.assertEqual(f"arn:aws:sts::{ACCOUNT_ID}:assumed-role/chain/c2",
                         again["AssumedRoleUser"]["Arn"])

    def test_role_last_used_is_recorded(self):
        arn = self.role("used", allow({"AWS": ROOT_ARN}))
        self.assertNotIn("LastUsedDate", self.iam.get_role(RoleName="used")["Role"].get(
            "RoleLastUsed", {}))
        self.sts.assume_role(RoleArn=arn, RoleSessionName="u1")
        last = self.iam.get_role(RoleName="used")["Role"]["RoleLastUsed"]
        self.assertRecentDate(last["LastUsedDate"])
        self.assertEqual("us-east-1", last["Region"])

    def test_session_policy_tags_and_source_identity(self):
        arn = self.role("tagged", trust({"Effect": "Allow", "Principal": {"AWS": ROOT_ARN},
                                         "Action": ["sts:AssumeRole", "sts:TagSession",
                                                    "sts:SetSourceIdentity"]}))
        policy = json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})
        resp = self.sts.assume_role(RoleArn=arn, RoleSessionName="t1", Policy=policy,
                                    Tags=[{"Key": "team", "Value": "blue"}],
                                    TransitiveTagKeys=["team"], SourceIdentity="alice")
        self.assertEqual("alice", resp["SourceIdentity"])
        self.assertTrue(0 < resp["PackedPolicySize"] <= 100, resp["PackedPolicySize"])
        self.assertAwsError("MalformedPolicyDocument", 400, self.sts.assume_role, RoleArn=arn,
                            RoleSessionName="t1", Policy="{not json")
        plain = self.role("plain", allow({"AWS": ROOT_ARN}))
        self.assertAwsError("AccessDenied", 403, self.sts.assume_role, RoleArn=plain,
                            RoleSessionName="t1", Tags=[{"Key": "team", "Value": "blue"}])

    def test_temporary_credentials_expire(self):
        arn = self.role("exp", allow({"AWS": ROOT_ARN}))
        creds = self.sts.assume_role(RoleArn=arn, RoleSessionName="e1",
                                     DurationSeconds=900)["Credentials"]
        temp = self.temp_client(creds)
        self.assertIn("assumed-role/exp/e1", temp.get_caller_identity()["Arn"])
        self.move_clock(901)
        err = self.assertAwsError("ExpiredToken", 400, temp.get_caller_identity)
        self.assertEqual("The security token included in the request is expired",
                         err["Error"]["Message"])

    # --- GetSessionToken / GetFederationToken -------------------------------------------------

    def test_get_session_token(self):
        sts, _ = self.user_clients("bob")
        creds = sts.get_session_token(DurationSeconds=900)["Credentials"]
        self.assertTrue(creds["AccessKeyId"].startswith("ASIA"))
        temp = self.temp_client(creds)
        self.assertEqual(f"arn:aws:iam::{ACCOUNT_ID}:user/bob", temp.get_caller_identity()["Arn"])
        self.assertDenied(temp.get_session_token,
                          "Cannot call GetSessionToken with session credentials")
        self.assertAwsError("ValidationError", 400, sts.get_session_token,
                            DurationSeconds=129601)
        # The root's session tokens last at most an hour.
        root = self.sts.get_session_token(DurationSeconds=7200)["Credentials"]
        self.assertLessEqual((root["Expiration"] - utc_now()).total_seconds(), 3600 + 60)
        self.move_clock(901)
        self.assertAwsError("ExpiredToken", 400, temp.get_caller_identity)

    def test_get_session_token_with_mfa(self):
        sts, _ = self.user_clients("carol")
        serial = self.iam.create_virtual_mfa_device(
            VirtualMFADeviceName="carol-mfa")["VirtualMFADevice"]["SerialNumber"]
        self.iam.enable_mfa_device(UserName="carol", SerialNumber=serial,
                                   AuthenticationCode1="123456", AuthenticationCode2="654321")
        creds = sts.get_session_token(SerialNumber=serial, TokenCode="123456")["Credentials"]
        self.assertTrue(creds["SessionToken"])
        # A role that wants MFA: refused to the user's plain key, allowed with the MFA session
        # and with SerialNumber/TokenCode on the AssumeRole call itself.
        arn = self.role("mfa-only", allow({"AWS": ACCOUNT_ID}, condition={
            "Bool": {"aws:MultiFactorAuthPresent": "true"}}))
        self.assertDenied(sts.assume_role,
                          f"User: arn:aws:iam::{ACCOUNT_ID}:user/carol is not authorized to "
                          f"perform: sts:AssumeRole on resource: {arn}",
                          RoleArn=arn, RoleSessionName="m1")
        resp = self.temp_client(creds).assume_role(RoleArn=arn, RoleSessionName="m1")
        self.assertEqual(f"arn:aws:sts::{ACCOUNT_ID}:assumed-role/mfa-only/m1",
                         resp["AssumedRoleUser"]["Arn"])
        sts.assume_role(RoleArn=arn, RoleSessionName="m2", SerialNumber=serial,
                        TokenCode="654321")
        self.assertDenied(sts.get_session_token,
                          "MultiFactorAuthentication failed, unable to validate MFA code. Please "
                          "verify your MFA serial number is valid and associated with this user.",
                          SerialNumber=f"arn:aws:iam::{ACCOUNT_ID}:mfa/someone-else",
                          TokenCode="123456")

    def test_get_federation_token(self):
        sts, _ = self.user_clients("fed")
        resp = sts.get_federation_token(Name="partner-bob", DurationSeconds=1800, Policy=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*",
                                                     "Resource": "*"}]}))
        self.assertEqual(f"arn:aws:sts::{ACCOUNT_ID}:federated-user/partner-bob",
                         resp["FederatedUser"]["Arn"])
        self.assertEqual(f"{ACCOUNT_ID}:partner-bob", resp["FederatedUser"]["FederatedUserId"])
        self.assertIn("PackedPolicySize", resp)
        temp = self.temp_client(resp["Credentials"])
        self.assertEqual(resp["FederatedUser"]["Arn"], temp.get_caller_identity()["Arn"])
        self.assertDenied(temp.get_federation_token,
                          "Cannot call GetFederationToken with session credentials", Name="again")
        err = self.assertAwsError("ValidationError", 400, sts.get_federation_token,
                                  Name="x" * 33)
        self.assertIn("Member must have length less than or equal to 32", err["Error"]["Message"])

    # --- SAML and web identity (unsigned) -----------------------------------------------------

    def test_assume_role_with_saml(self):
        provider = self.iam.create_saml_provider(
            Name="corp-idp", SAMLMetadataDocument=saml_metadata())["SAMLProviderArn"]
        arn = self.role("saml-admin", allow({"Federated": provider}, "sts:AssumeRoleWithSAML",
                                            {"StringEquals": {"SAML:aud": SAML_AUDIENCE}}))
        resp = self.sts.assume_role_with_saml(RoleArn=arn, PrincipalArn=provider,
                                              SAMLAssertion=saml_assertion(arn, provider))
        self.assertEqual(f"arn:aws:sts::{ACCOUNT_ID}:assumed-role/saml-admin/alice@example.com",
                         resp["AssumedRoleUser"]["Arn"])
        self.assertEqual("alice-42", resp["Subject"])
        self.assertEqual("transient", resp["SubjectType"])
        self.assertEqual("https://idp.example.com", resp["Issuer"])
        self.assertEqual(SAML_AUDIENCE, resp["Audience"])
        self.assertTrue(resp["NameQualifier"])
        temp = self.temp_client(resp["Credentials"])
        self.assertEqual(resp["AssumedRoleUser"]["Arn"], temp.get_caller_identity()["Arn"])

        other = self.role("saml-other", allow({"Federated": provider}, "sts:AssumeRoleWithSAML"))
        self.assertDenied(self.sts.assume_role_with_saml,
                          "Not authorized to perform sts:AssumeRoleWithSAML", RoleArn=other,
                          PrincipalArn=provider, SAMLAssertion=saml_assertion(arn, provider))
        self.assertAwsError("ExpiredTokenException", 400, self.sts.assume_role_with_saml,
                            RoleArn=arn, PrincipalArn=provider,
                            SAMLAssertion=saml_assertion(arn, provider, "2020-01-01T00:00:00Z"))
        self.assertAwsError("InvalidIdentityToken", 400, self.sts.assume_role_with_saml,
                            RoleArn=arn, PrincipalArn=provider,
                            SAMLAssertion=base64.b64encode(b"<not-saml").decode())

    def test_assume_role_with_web_identity(self):
        provider = self.iam.create_open_id_connect_provider(
            Url=OIDC_URL, ClientIDList=["my-app"],
            ThumbprintList=["a" * 40])["OpenIDConnectProviderArn"]
        arn = self.role("web", allow({"Federated": provider}, "sts:AssumeRoleWithWebIdentity", {
            "StringEquals": {f"{OIDC_HOST}:aud": "my-app"},
            "StringLike": {f"{OIDC_HOST}:sub": "user-*"}}))
        resp = self.sts.assume_role_with_web_identity(
            RoleArn=arn, RoleSessionName="web-1", WebIdentityToken=jwt(OIDC_URL, "my-app"))
        self.assertEqual("user-123456", resp["SubjectFromWebIdentityToken"])
        self.assertEqual("my-app", resp["Audience"])
        self.assertEqual(OIDC_URL, resp["Provider"])
        self.assertEqual(f"arn:aws:sts::{ACCOUNT_ID}:assumed-role/web/web-1",
                         resp["AssumedRoleUser"]["Arn"])
        self.assertIn("assumed-role/web/web-1",
                      self.temp_client(resp["Credentials"]).get_caller_identity()["Arn"])

        err = self.assertAwsError("InvalidIdentityToken", 400,
                                  self.sts.assume_role_with_web_identity, RoleArn=arn,
                                  RoleSessionName="web-1",
                                  WebIdentityToken=jwt(OIDC_URL, "someone-else"))
        self.assertEqual("Incorrect token audience", err["Error"]["Message"])
        err = self.assertAwsError("InvalidIdentityToken", 400,
                                  self.sts.assume_role_with_web_identity, RoleArn=arn,
                                  RoleSessionName="web-1",
                                  WebIdentityToken=jwt("https://unknown.example.com", "my-app"))
        self.assertEqual("No OpenIDConnect provider found in your account for "
                         "https://unknown.example.com", err["Error"]["Message"])
        self.assertAwsError("ExpiredTokenException", 400, self.sts.assume_role_with_web_identity,
                            RoleArn=arn, RoleSessionName="web-1",
                            WebIdentityToken=jwt(OIDC_URL, "my-app", exp_in=-60))
        self.assertDenied(self.sts.assume_role_with_web_identity,
                          "Not authorized to perform sts:AssumeRoleWithWebIdentity", RoleArn=arn,
                          RoleSessionName="web-1",
                          WebIdentityToken=jwt(OIDC_URL, "my-app", sub="admin"))

    def test_only_federation_calls_may_be_unsigned(self):
        body = b"Action=GetCallerIdentity&Version=2011-06-15"
        resp = send_raw(self.endpoint, {"Content-Type": "application/x-www-form-urlencoded"},
                        body)
        self.assertEqual(403, resp.status)
        self.assertEqual("MissingAuthenticationToken", resp.error_code)
        body = b"Action=AssumeRoleWithWebIdentity&Version=2011-06-15"
        resp = send_raw(self.endpoint, {"Content-Type": "application/x-www-form-urlencoded"},
                        body)
        self.assertEqual(400, resp.status)
        self.assertEqual("ValidationError", resp.error_code)  # reached the action: no RoleArn

    # --- key info, authorization messages, partitions, CLI -----------------------------------

    def test_get_access_key_info(self):
        _, key = self.user_clients("keyinfo")
        self.assertEqual(ACCOUNT_ID,
                         self.sts.get_access_key_info(AccessKeyId=key["AccessKeyId"])["Account"])
        foreign = key_id_for_account(OTHER_ACCOUNT)
        self.assertEqual(OTHER_ACCOUNT,
                         self.sts.get_access_key_info(AccessKeyId=foreign)["Account"])
        err = self.assertAwsError("ValidationError", 400, self.raw_sts().get_access_key_info,
                                  AccessKeyId="AKIA-short")
        self.assertIn("Member must have length greater than or equal to 16", err["Error"]["Message"])

    def test_decode_authorization_message(self):
        self.assertAwsError("InvalidAuthorizationMessageException", 400,
                            self.sts.decode_authorization_message,
                            EncodedMessage="not-a-message-of-ours")
        doc = {"allowed": False, "explicitDeny": False, "matchedStatements": {"items": []},
               "failures": {"items": []}, "context": {"action": "iam:CreateUser"}}
        encoded = "AIC1" + b64url(doc)
        decoded = self.sts.decode_authorization_message(EncodedMessage=encoded)["DecodedMessage"]
        self.assertEqual(doc, json.loads(decoded))

    def test_china_partition(self):
        cfg = Config(retries={"total_max_attempts": 1, "mode": "standard"})
        session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test",
                                        region_name="cn-north-1")
        sts = session.client("sts", endpoint_url=self.endpoint, config=cfg)
        iam = session.client("iam", endpoint_url=self.endpoint, config=cfg)
        self.assertEqual(f"arn:aws-cn:iam::{ACCOUNT_ID}:root", sts.get_caller_identity()["Arn"])
        arn = iam.create_role(RoleName="cn-role", AssumeRolePolicyDocument=allow(
            {"AWS": f"arn:aws-cn:iam::{ACCOUNT_ID}:root"}))["Role"]["Arn"]
        self.assertEqual(f"arn:aws-cn:iam::{ACCOUNT_ID}:role/cn-role", arn)
        resp = sts.assume_role(RoleArn=arn, RoleSessionName="cn-1")
        self.assertEqual(f"arn:aws-cn:sts::{ACCOUNT_ID}:assumed-role/cn-role/cn-1",
                         resp["AssumedRoleUser"]["Arn"])
        fed = sts.get_federation_token(Name="cn-user")
        self.assertEqual(f"arn:aws-cn:sts::{ACCOUNT_ID}:federated-user/cn-user",
                         fed["FederatedUser"]["Arn"])
        self.assertEqual("cn-north-1",
                         iam.get_role(RoleName="cn-role")["Role"]["RoleLastUsed"]["Region"])

    def test_aws_cli(self):
        cli = AwsCli(self.endpoint)
        self.assertEqual(ROOT_ARN, cli.sts("get-caller-identity")["Arn"])
        arn = self.role("cli-role", allow({"AWS": ROOT_ARN}))
        out = cli.sts("assume-role", "--role-arn", arn, "--role-session-name", "cli-1",
                      "--duration-seconds", "900")
        self.assertEqual(f"arn:aws:sts::{ACCOUNT_ID}:assumed-role/cli-role/cli-1",
                         out["AssumedRoleUser"]["Arn"])
        err = cli.sts("assume-role", "--role-arn", f"arn:aws:iam::{ACCOUNT_ID}:role/none",
                      "--role-session-name", "cli-1", expect_ok=False)
        self.assertIn("AccessDenied", err.stderr)
        token = cli.sts("get-session-token", "--duration-seconds", "900")
        self.assertTrue(token["Credentials"]["AccessKeyId"].startswith("ASIA"))


if __name__ == "__main__":
    unittest.main()
