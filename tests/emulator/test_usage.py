"""Usage recording, the credential report, service last accessed, passwords and the remaining
account operations (ChangePassword, ListPoliciesGrantingServiceAccess, GetContextKeys*,
SetSecurityTokenServicePreferences, Organizations access reports), through boto3 and the CLI."""

import base64
import csv
import io
import json

import boto3
from botocore.config import Config

from harness import (ACCOUNT_ID, AwsCli, BackendTestCase, emulator_only, make_client)

SIGN_IN = "/_emulator/console-sign-in"
ALL_IAM = json.dumps({"Version": "2012-10-17",
                      "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}]})
STS_AND_IAM = json.dumps({"Version": "2012-10-17",
                          "Statement": [{"Effect": "Allow", "Action": ["iam:Get*", "sts:*"],
                                         "Resource": "*"}]})
REPORT_COLUMNS = [
    "user", "arn", "user_creation_time", "password_enabled", "password_last_used",
    "password_last_changed", "password_next_rotation", "mfa_active", "access_key_1_active",
    "access_key_1_last_rotated", "access_key_1_last_used_date", "access_key_1_last_used_region",
    "access_key_1_last_used_service", "access_key_2_active", "access_key_2_last_rotated",
    "access_key_2_last_used_date", "access_key_2_last_used_region",
    "access_key_2_last_used_service", "cert_1_active", "cert_1_last_rotated", "cert_2_active",
    "cert_2_last_rotated"]


def client_for(endpoint, key, service="iam", region="us-west-2"):
    """A boto3 client that signs with the user's key in `region`."""
    session = boto3.session.Session(aws_access_key_id=key["AccessKeyId"],
                                    aws_secret_access_key=key["SecretAccessKey"],
                                    region_name=region)
    cfg = Config(retries={"total_max_attempts": 1, "mode": "standard"})
    return session.client(service, endpoint_url=endpoint, config=cfg)


@emulator_only("usage recording and the console sign-in endpoint are emulator features")
class UsageTest(BackendTestCase):

    def user_with_key(self, name, policy=None):
        self.iam.create_user(UserName=name)
        if policy:
            self.iam.put_user_policy(UserName=name, PolicyName="p", PolicyDocument=policy)
        return self.iam.create_access_key(UserName=name)["AccessKey"]

    def sign_in(self, user, password):
        return self.server.request("POST", SIGN_IN, {"userName": user, "password": password})

    def report(self):
        got = self.iam.get_credential_report()
        self.assertEqual("text/csv", got["ReportFormat"])
        reader = csv.DictReader(io.StringIO(got["Content"].decode("utf-8")))
        rows = list(reader)
        self.assertEqual(REPORT_COLUMNS, reader.fieldnames)
        return {row["user"]: row for row in rows}

    # --- access key last used ------------------------------------------------------------------

    def test_unused_key_shows_not_applicable(self):
        key = self.user_with_key("idle")
        got = self.iam.get_access_key_last_used(AccessKeyId=key["AccessKeyId"])
        self.assertEqual("idle", got["UserName"])
        self.assertEqual({"ServiceName": "N/A", "Region": "N/A"}, got["AccessKeyLastUsed"])

    def test_key_used_in_us_west_2_shows_in_last_used_and_report(self):
        key = self.user_with_key("worker", ALL_IAM)
        self.assertEqual("worker", client_for(self.endpoint, key).get_user()["User"]["UserName"])
        got = self.iam.get_access_key_last_used(AccessKeyId=key["AccessKeyId"])
        last = got["AccessKeyLastUsed"]
        self.assertEqual("iam", last["ServiceName"])
        self.assertEqual("us-west-2", last["Region"])
        self.assertRecentDate(last["LastUsedDate"])

        first = self.iam.generate_credential_report()
        self.assertEqual("STARTED", first["State"])
        self.assertEqual("No report exists. Starting a new report generation task",
                         first["Description"])
        self.assertEqual("COMPLETE", self.iam.generate_credential_report()["State"])
        rows = self.report()
        self.assertEqual(["<root_account>", "worker"], list(rows))
        root = rows["<root_account>"]
        self.assertEqual(f"arn:aws:iam::{ACCOUNT_ID}:root", root["arn"])
        self.assertEqual("not_supported", root["password_enabled"])
        row = rows["worker"]
        self.assertEqual(f"arn:aws:iam::{ACCOUNT_ID}:user/worker", row["arn"])
        self.assertEqual("false", row["password_enabled"])
        self.assertEqual("N/A", row["password_last_used"])
        self.assertEqual("true", row["access_key_1_active"])
        self.assertTrue(row["access_key_1_last_rotated"].endswith("+00:00"))
        self.assertTrue(row["access_key_1_last_used_date"].endswith("+00:00"))
        self.assertEqual("us-west-2", row["access_key_1_last_used_region"])
        self.assertEqual("iam", row["access_key_1_last_used_service"])
        self.assertEqual("false", row["access_key_2_active"])
        self.assertEqual("N/A", row["access_key_2_last_used_date"])
        self.assertEqual("N/A", row["cert_1_last_rotated"])

    def test_credential_report_through_the_cli(self):
        self.iam.create_user(UserName="cli-reported")
        cli = AwsCli(self.endpoint)
        err = cli.iam("get-credential-report", expect_ok=False)
        self.assertIn("ReportNotPresent", err.stderr)
        self.assertEqual("STARTED", cli.iam("generate-credential-report")["State"])
        got = cli.iam("get-credential-report")
        self.assertEqual("text/csv", got["ReportFormat"])
        content = base64.b64decode(got["Content"]).decode("utf-8")
        lines = content.splitlines()
        self.assertEqual(",".join(REPORT_COLUMNS), lines[0])
        self.assertTrue(lines[2].startswith("cli-reported,"), lines)

    def test_report_not_present_before_generate(self):
        err = self.assertAwsError("ReportNotPresent", 410, self.iam.get_credential_report)
        self.assertEqual("Sender", err["Error"]["Type"])

    # --- console sign-in and passwords ---------------------------------------------------------

    def test_sign_in_records_password_last_used(self):
        self.iam.create_user(UserName="console")
        status, _ = self.sign_in("console", "Console!passw0rd")
        self.assertEqual(401, status)  # no login profile
        self.iam.create_login_profile(UserName="console", Password="Console!passw0rd")
        status, body = self.sign_in("console", "wrong-password")
        self.assertEqual(401, status)
        self.assertNotIn(b"wrong-password", body)
        self.assertNotIn("PasswordLastUsed", self.iam.get_user(UserName="console")["User"])
        status, body = self.sign_in("console", "Console!passw0rd")
        self.assertEqual(200, status, body)
        self.assertEqual({"status": "ok"}, json.loads(body))
        self.assertRecentDate(self.iam.get_user(UserName="console")["User"]["PasswordLastUsed"])
        self.iam.generate_credential_report()
        row = self.report()["console"]
        self.assertEqual("true", row["password_enabled"])
        self.assertTrue(row["password_last_used"].endswith("+00:00"), row)

    def test_sign_in_bad_requests(self):
        self.assertEqual(400, self.server.request("POST", SIGN_IN, {"userName": "x"})[0])
        self.assertEqual(400, self.server.request("POST", SIGN_IN, {"user": "x",
                                                                    "password": "y"})[0])
        self.assertEqual(405, self.server.request("GET", SIGN_IN)[0])

    def test_change_password_end_to_end(self):
        key = self.user_with_key("changer")
        own = client_for(self.endpoint, key)
        err = self.assertAwsError("NoSuchEntity", 404, own.change_password,
                                  OldPassword="Start!passw0rd", NewPassword="Next!passw0rd")
        self.assertEqual("Login Profile for User changer cannot be found.",
                         err["Error"]["Message"])
        self.iam.create_login_profile(UserName="changer", Password="Start!passw0rd",
                                      PasswordResetRequired=True)
        self.assertAwsError("InvalidUserType", 400, own.change_password,
                            OldPassword="not-the-password", NewPassword="Next!passw0rd")
        err = self.assertAwsError("PasswordPolicyViolation", 400, own.change_password,
                                  OldPassword="Start!passw0rd", NewPassword="weak")
        self.assertEqual("Password does not conform to the account password policy.",
                         err["Error"]["Message"])
        own.change_password(OldPassword="Start!passw0rd", NewPassword="Next!passw0rd")
        self.assertFalse(
            self.iam.get_login_profile(UserName="changer")["LoginProfile"]["PasswordResetRequired"])
        self.assertEqual(401, self.sign_in("changer", "Start!passw0rd")[0])
        self.assertEqual(200, self.sign_in("changer", "Next!passw0rd")[0])
        # The root is no IAM user.
        self.assertAwsError("InvalidUserType", 400, self.iam.change_password,
                            OldPassword="a", NewPassword="b")

    def test_password_reuse_prevention(self):
        self.iam.update_account_password_policy(PasswordReusePrevention=1, MinimumPasswordLength=8)
        self.iam.create_user(UserName="reuser")
        self.iam.create_login_profile(UserName="reuser", Password="Same!passw0rd")
        err = self.assertAwsError("PasswordPolicyViolation", 400, self.iam.update_login_profile,
                                  UserName="reuser", Password="Same!passw0rd")
        self.assertEqual("Policy Error: PasswordReusePrevention", err["Error"]["Message"])
        self.iam.update_login_profile(UserName="reuser", Password="Other!passw0rd")
        self.assertEqual(200, self.sign_in("reuser", "Other!passw0rd")[0])

    # --- service last accessed -----------------------------------------------------------------

    def test_service_last_accessed_for_user_who_called_iam_and_sts(self):
        key = self.user_with_key("caller", STS_AND_IAM)
        client_for(self.endpoint, key).get_user()
        client_for(self.endpoint, key, "sts", "eu-west-1").get_caller_identity()
        arn = f"arn:aws:iam::{ACCOUNT_ID}:user/caller"
        job = self.iam.generate_service_last_accessed_details(Arn=arn, Granularity="ACTION_LEVEL")
        self.assertEqual(36, len(job["JobId"]))
        got = self.iam.get_service_last_accessed_details(JobId=job["JobId"])
        self.assertEqual("COMPLETED", got["JobStatus"])
        self.assertEqual("ACTION_LEVEL", got["JobType"])
        services = {s["ServiceNamespace"]: s for s in got["ServicesLastAccessed"]}
        self.assertEqual({"iam", "sts"}, set(services))
        iam = services["iam"]
        self.assertEqual("AWS Identity and Access Management", iam["ServiceName"])
        self.assertEqual(arn, iam["LastAuthenticatedEntity"])
        self.assertEqual("us-west-2", iam["LastAuthenticatedRegion"])
        self.assertEqual(1, iam["TotalAuthenticatedEntities"])
        self.assertRecentDate(iam["LastAuthenticated"])
        self.assertEqual(["GetUser"],
                         [a["ActionName"] for a in iam["TrackedActionsLastAccessed"]])
        sts = services["sts"]
        self.assertEqual("AWS Security Token Service", sts["ServiceName"])
        self.assertEqual("eu-west-1", sts["LastAuthenticatedRegion"])
        self.assertNotIn("TrackedActionsLastAccessed", sts)
        page = self.iam.get_service_last_accessed_details(JobId=job["JobId"], MaxItems=1)
        self.assertTrue(page["IsTruncated"])
        rest = self.iam.get_service_last_accessed_details(JobId=job["JobId"],
                                                          Marker=page["Marker"])
        self.assertEqual(["sts"], [s["ServiceNamespace"] for s in rest["ServicesLastAccessed"]])
        ents = self.iam.get_service_last_accessed_details_with_entities(JobId=job["JobId"],
                                                                        ServiceNamespace="sts")
        self.assertEqual(1, len(ents["EntityDetailsList"]))
        info = ents["EntityDetailsList"][0]["EntityInfo"]
        self.assertEqual({"Arn": arn, "Name": "caller", "Type": "USER", "Path": "/"},
                         {k: info[k] for k in ("Arn", "Name", "Type", "Path")})
        self.assertRecentDate(ents["EntityDetailsList"][0]["LastAuthenticated"])

    def test_service_last_accessed_errors(self):
        self.assertAwsError("NoSuchEntity", 404, self.iam.generate_service_last_accessed_details,
                            Arn=f"arn:aws:iam::{ACCOUNT_ID}:user/nobody")
        self.assertAwsError("InvalidInput", 400, self.iam.generate_service_last_accessed_details,
                            Arn="arn:aws:s3:::some-bucket/object")
        self.assertAwsError("NoSuchEntity", 404, self.iam.get_service_last_accessed_details,
                            JobId="00000000-0000-4000-8000-000000000000")

    # --- policy insight and account settings ---------------------------------------------------

    def test_list_policies_granting_service_access(self):
        self.iam.create_user(UserName="granted")
        self.iam.put_user_policy(UserName="granted", PolicyName="own", PolicyDocument=ALL_IAM)
        self.iam.create_group(GroupName="team")
        self.iam.add_user_to_group(GroupName="team", UserName="granted")
        self.iam.attach_group_policy(GroupName="team",
                                     PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")
        got = self.iam.list_policies_granting_service_access(
            Arn=f"arn:aws:iam::{ACCOUNT_ID}:user/granted", ServiceNamespaces=["iam", "sts"])
        entries = {e["ServiceNamespace"]: e["Policies"]
                   for e in got["PoliciesGrantingServiceAccess"]}
        self.assertEqual([
            {"PolicyName": "own", "PolicyType": "INLINE", "EntityType": "USER",
             "EntityName": "granted"},
            {"PolicyName": "AdministratorAccess", "PolicyType": "MANAGED",
             "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess", "EntityType": "GROUP",
             "EntityName": "team"}], entries["iam"])
        self.assertEqual(["AdministratorAccess"], [p["PolicyName"] for p in entries["sts"]])
        self.assertFalse(got["IsTruncated"])

    def test_context_keys(self):
        policy = json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::bucket/${aws:username}/*",
            "Condition": {"StringLike": {"s3:prefix": "home/"},
                          "Bool": {"aws:MultiFactorAuthPresent": "true"}}}]})
        got = self.iam.get_context_keys_for_custom_policy(PolicyInputList=[policy])
        self.assertEqual(["aws:MultiFactorAuthPresent", "aws:username", "s3:prefix"],
                         got["ContextKeyNames"])
        self.iam.create_user(UserName="keyed")
        self.iam.put_user_policy(UserName="keyed", PolicyName="p", PolicyDocument=policy)
        got = self.iam.get_context_keys_for_principal_policy(
            PolicySourceArn=f"arn:aws:iam::{ACCOUNT_ID}:user/keyed")
        self.assertEqual(["aws:MultiFactorAuthPresent", "aws:username", "s3:prefix"],
                         got["ContextKeyNames"])
        self.assertAwsError("InvalidInput", 400, self.iam.get_context_keys_for_custom_policy,
                            PolicyInputList=["{not json"])

    def test_security_token_service_preferences(self):
        def version():
            return self.iam.get_account_summary()["SummaryMap"]["GlobalEndpointTokenVersion"]
        self.assertEqual(1, version())
        self.iam.set_security_token_service_preferences(GlobalEndpointTokenVersion="v2Token")
        self.assertEqual(2, version())
        self.iam.set_security_token_service_preferences(GlobalEndpointTokenVersion="v1Token")
        self.assertEqual(1, version())

    def test_organizations_access_report_without_organization(self):
        err = self.assertAwsError("AWSOrganizationsNotInUseException", 400,
                                  self.iam.generate_organizations_access_report,
                                  EntityPath="o-a1b2c3d4e5/r-f6g7h8i9")
        self.assertEqual("Your account is not a member of an organization.",
                         err["Error"]["Message"])
        self.assertAwsError("NoSuchEntity", 404, self.iam.get_organizations_access_report,
                            JobId="00000000-0000-4000-8000-000000000000")
