"""AWS's model-driven input validation (all violations, AWS's wording and order), tag key
characters, response shapes where AWS omits members, AWS's messages for a few failure paths,
CreateVirtualMFADevice's QRCodePNG, any-key mode's clock and the empty account after a reset.

The expected messages come from responses LocalStack recorded against AWS
(tests/aws/services/iam/*.snapshot.json in localstack/localstack), named at each test."""

import base64
import struct
import unittest
import zlib

from harness import (ACCOUNT_ID, IAM_VERSION, BackendTestCase, ServerProcess, signed_call,
                     utc_now)

import datetime

POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}'
TAG_KEY_PATTERN = r"[\p{L}\p{Z}\p{N}_.:/=+\-@]+"


def children(raw, parent_local_name):
    """Local names of the children of every element with this local name (namespace ignored)."""
    out = []
    for elem in raw.xml.iter():
        if elem.tag.rsplit("}", 1)[-1] == parent_local_name:
            out.append([c.tag.rsplit("}", 1)[-1] for c in elem])
    return out


class ValidationMessageTest(BackendTestCase):

    def message(self, fn, **kwargs):
        err = self.assertAwsError("ValidationError", 400, fn, **kwargs)
        return err["Error"]["Message"]

    def test_every_violation_in_aws_order(self):
        # test_iam_account_password_policy.snapshot.json
        # (test_update_account_password_policy_validation_errors)
        self.assertEqual(
            "3 validation errors detected: Value at 'minimumPasswordLength' failed to satisfy "
            "constraint: Member must have value less than or equal to 128; Value at "
            "'passwordReusePrevention' failed to satisfy constraint: Member must have value less "
            "than or equal to 24; Value at 'maxPasswordAge' failed to satisfy constraint: Member "
            "must have value less than or equal to 1095",
            self.message(self.iam.update_account_password_policy, MaxPasswordAge=1096,
                         MinimumPasswordLength=129, PasswordReusePrevention=25))
        self.assertEqual(
            "2 validation errors detected: Value at 'path' failed to satisfy constraint: Member "
            "must have length less than or equal to 512; Value at 'userName' failed to satisfy "
            "constraint: Member must have length less than or equal to 64",
            self.message(self.iam.create_user, UserName="x" * 65, Path="/a" * 300 + "/"))
        # One member, two constraints: the pattern first.
        self.assertEqual(
            "2 validation errors detected: Value at 'groupName' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: [\\w+=,.@-]+; Value at 'groupName' "
            "failed to satisfy constraint: Member must have length less than or equal to 128",
            self.message(self.iam.create_group, GroupName="!" * 129))
        # test_iam_managed_policies.snapshot.json (versionId)
        self.assertEqual(
            "1 validation error detected: Value at 'versionId' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?",
            self.message(self.iam.get_policy_version,
                         PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess", VersionId="x1"))
        # test_iam.snapshot.json (service-specific credentials): the enum without its values.
        self.iam.create_user(UserName="svc")
        self.assertEqual(
            "1 validation error detected: Value at 'status' failed to satisfy constraint: Member "
            "must satisfy enum value set",
            self.message(self.iam.update_access_key, UserName="svc",
                         AccessKeyId="AKIAIOSFODNN7EXAMPLE", Status="Enabled"))

    def test_missing_required_members_through_raw_requests(self):
        # boto3 refuses these itself: a raw signed request reaches the emulator.
        r = signed_call(self.endpoint, {"Action": "CreateUser", "Version": IAM_VERSION})
        self.assertEqual(400, r.status)
        self.assertEqual("ValidationError", r.error_code)
        self.assertEqual("1 validation error detected: Value null at 'userName' failed to "
                         "satisfy constraint: Member must not be null", r.find("Message"))
        r = signed_call(self.endpoint, {"Action": "AttachUserPolicy", "Version": IAM_VERSION,
                                        "UserName": "u" * 65})
        # AWS's order (Java HashMap buckets of the member names): policyArn before userName.
        self.assertEqual(
            "2 validation errors detected: Value null at 'policyArn' failed to satisfy "
            "constraint: Member must not be null; Value at 'userName' failed to satisfy "
            "constraint: Member must have length less than or equal to 64", r.find("Message"))

    def test_tag_keys_outside_awss_characters_are_refused(self):
        # test_iam_policies.snapshot.json / test_iam_roles.snapshot.json (tag validation)
        self.iam.create_user(UserName="tagged")
        for key in ("bad!key", "semi;colon", "a*b", "quote\"d"):
            self.assertEqual(
                "1 validation error detected: Value at 'tags.1.member.key' failed to satisfy "
                "constraint: Member must satisfy regular expression pattern: " + TAG_KEY_PATTERN,
                self.message(self.iam.tag_user, UserName="tagged",
                             Tags=[{"Key": key, "Value": "v"}]), key)
        self.assertEqual(
            "1 validation error detected: Value at 'tags.2.member.key' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: " + TAG_KEY_PATTERN,
            self.message(self.iam.create_user, UserName="t2",
                         Tags=[{"Key": "ok", "Value": "v"}, {"Key": "no#", "Value": "v"}]))
        self.assertAwsError("NoSuchEntity", 404, self.iam.get_user, UserName="t2")
        self.assertEqual(
            "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member "
            "must satisfy constraint: [Member must have length less than or equal to 128, Member "
            "must have length greater than or equal to 1, Member must satisfy regular expression "
            "pattern: " + TAG_KEY_PATTERN + ", Member must not be null]",
            self.message(self.iam.untag_user, UserName="tagged", TagKeys=["k" * 129]))
        # Letters of any script, spaces, digits and _.:/=+-@ are allowed.
        key = "Kostenstelle Übersicht 東京 1:/=+-@_."
        self.iam.tag_user(UserName="tagged", Tags=[{"Key": key, "Value": "ünïcode"}])
        self.assertEqual([{"Key": key, "Value": "ünïcode"}],
                         self.iam.list_user_tags(UserName="tagged")["Tags"])


class ResponseShapeTest(BackendTestCase):
    """Members AWS leaves out, seen in the raw XML (boto3 hides absent and empty lists)."""

    def call(self, params):
        r = signed_call(self.endpoint, dict(params, Version=IAM_VERSION))
        self.assertEqual(200, r.status, r.body)
        return r

    def test_list_users_omits_boundary_and_tags(self):
        self.iam.create_user(UserName="b", PermissionsBoundary="arn:aws:iam::aws:policy/ReadOnlyAccess",
                             Tags=[{"Key": "k", "Value": "v"}])
        got = self.call({"Action": "GetUser", "UserName": "b"})
        self.assertIn("PermissionsBoundary", children(got, "User")[0])
        self.assertIn("Tags", children(got, "User")[0])
        listed = self.call({"Action": "ListUsers"})
        self.assertEqual([["Path", "UserName", "UserId", "Arn", "CreateDate"]],
                         children(listed, "member")[:1])

    def test_policy_description_and_tags_per_operation(self):
        # test_iam_policies.snapshot.json (test_policy_tag_lifecycle, test_policy_lifecycle)
        created = self.call({"Action": "CreatePolicy", "PolicyName": "p", "PolicyDocument": POLICY,
                             "Description": "testing"})
        fields = children(created, "Policy")[0]
        self.assertNotIn("Description", fields)
        self.assertNotIn("Tags", fields)
        arn = created.find("Arn")
        got = self.call({"Action": "GetPolicy", "PolicyArn": arn})
        fields = children(got, "Policy")[0]
        self.assertIn("Description", fields)
        self.assertEqual("testing", got.find("Description"))
        self.assertEqual([], children(got, "Tags")[0])  # <Tags/>: present and empty
        listed = self.call({"Action": "ListPolicies", "Scope": "Local"})
        member = children(listed, "member")[0]
        self.assertNotIn("Description", member)
        self.assertNotIn("Tags", member)
        tagged = self.call({"Action": "CreatePolicy", "PolicyName": "t", "PolicyDocument": POLICY,
                            "Tags.member.1.Key": "k", "Tags.member.1.Value": "v"})
        self.assertIn("Tags", children(tagged, "Policy")[0])


class AwsMessageTest(BackendTestCase):

    def test_detaching_an_unattached_policy(self):
        # test_iam_groups.snapshot.json (test_detach_unattached_group_policy)
        self.iam.create_group(GroupName="g")
        self.iam.create_user(UserName="u")
        arn = self.iam.create_policy(PolicyName="p", PolicyDocument=POLICY)["Policy"]["Arn"]
        for fn, kwargs in ((self.iam.detach_group_policy, {"GroupName": "g"}),
                           (self.iam.detach_user_policy, {"UserName": "u"})):
            err = self.assertAwsError("NoSuchEntity", 404, fn, PolicyArn=arn, **kwargs)
            self.assertEqual(f"Policy {arn} was not found.", err["Error"]["Message"])

    def test_missing_password_policy(self):
        # test_iam_account_password_policy.snapshot.json
        for fn in (self.iam.get_account_password_policy, self.iam.delete_account_password_policy):
            err = self.assertAwsError("NoSuchEntity", 404, fn)
            self.assertEqual(f"The Password Policy with domain name {ACCOUNT_ID} cannot be found.",
                             err["Error"]["Message"])

    def test_group_membership_looks_the_user_up_first(self):
        # test_iam_groups.snapshot.json (test_remove_user_from_unknown_group)
        for fn in (self.iam.add_user_to_group, self.iam.remove_user_from_group):
            err = self.assertAwsError("NoSuchEntity", 404, fn, GroupName="non-existent-group",
                                      UserName="any-user")
            self.assertEqual("The user with name any-user cannot be found.",
                             err["Error"]["Message"])
        self.iam.create_user(UserName="any-user")
        err = self.assertAwsError("NoSuchEntity", 404, self.iam.add_user_to_group,
                                  GroupName="non-existent-group", UserName="any-user")
        self.assertEqual("The group with name non-existent-group cannot be found.",
                         err["Error"]["Message"])


class VirtualMfaQrCodeTest(BackendTestCase):

    def test_qr_code_png_is_a_png(self):
        dev = self.iam.create_virtual_mfa_device(VirtualMFADeviceName="phone")["VirtualMFADevice"]
        self.assertEqual(f"arn:aws:iam::{ACCOUNT_ID}:mfa/phone", dev["SerialNumber"])
        seed = dev["Base32StringSeed"]  # boto3 decodes the base64 blob: the base32 text
        self.assertTrue(base64.b32decode(seed))
        png = dev["QRCodePNG"]
        self.assertEqual(b"\x89PNG\r\n\x1a\n", png[:8])
        at, chunks, idat = 8, [], b""
        while at < len(png):
            (length,) = struct.unpack(">I", png[at:at + 4])
            kind, data = png[at + 4:at + 8], png[at + 8:at + 8 + length]
            (crc,) = struct.unpack(">I", png[at + 8 + length:at + 12 + length])
            self.assertEqual(zlib.crc32(kind + data), crc, kind)
            chunks.append(kind)
            if kind == b"IHDR":
                width, height, depth, colour = struct.unpack(">IIBB", data[:10])
            if kind == b"IDAT":
                idat += data
            at += 12 + length
        self.assertEqual([b"IHDR", b"IDAT", b"IEND"], chunks)
        self.assertEqual(width, height)
        self.assertEqual((8, 0), (depth, colour))
        pixels = zlib.decompress(idat)
        self.assertEqual(height * (width + 1), len(pixels))
        self.assertEqual(set(pixels[1:width + 1]), {255})  # the quiet zone is white
        self.assertIn(0, set(pixels))  # and there are dark modules
        # Only CreateVirtualMFADevice returns the seed and the QR code.
        listed = self.iam.list_virtual_mfa_devices()["VirtualMFADevices"]
        self.assertNotIn("QRCodePNG", listed[0])


class ResetTest(BackendTestCase):

    def test_reset_leaves_an_empty_account(self):
        self.iam.create_group(GroupName="g")
        self.iam.create_user(UserName="u")
        self.server.reset()
        self.assertEqual([], self.iam.list_groups()["Groups"])
        self.assertEqual([], self.iam.list_users()["Users"])
        self.assertEqual([], self.iam.list_policies(Scope="Local")["Policies"])
        aws = {p["PolicyName"] for p in self.iam.list_policies(Scope="AWS")["Policies"]}
        self.assertIn("AdministratorAccess", aws)
        self.assertIn("ReadOnlyAccess", aws)


class AnyKeyClockTest(BackendTestCase):
    SERVER_ARGS = ("--signature-mode", "any-key")

    def test_any_key_mode_does_not_check_the_clock(self):
        frozen = utc_now() - datetime.timedelta(days=400)
        r = signed_call(self.endpoint, {"Action": "ListUsers", "Version": IAM_VERSION},
                        key="AKIAFROZENCLOCK", secret="whatever", when=frozen)
        self.assertEqual(200, r.status, r.body)
        later = utc_now() + datetime.timedelta(hours=3)
        r = signed_call(self.endpoint, {"Action": "GetCallerIdentity", "Version": "2011-06-15"},
                        service="sts", when=later)
        self.assertEqual(200, r.status, r.body)


class StrictClockTest(BackendTestCase):

    def test_strict_mode_keeps_the_five_minute_window(self):
        r = signed_call(self.endpoint, {"Action": "ListUsers", "Version": IAM_VERSION},
                        when=utc_now() - datetime.timedelta(minutes=10))
        self.assertEqual(400, r.status)
        self.assertEqual("RequestExpired", r.error_code)


if __name__ == "__main__":
    unittest.main()
