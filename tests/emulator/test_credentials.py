"""Access keys, MFA devices, signing certificates, SSH public keys, service-specific credentials."""

import base64
import datetime
import hashlib
import hmac
import struct
import time
import unittest

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from harness import ACCOUNT_ID, BackendTestCase, make_client, unless_moto

TOTP_STEP_SECONDS = 30
RSA_BITS = 2048


def make_rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=RSA_BITS)


def ssh_public_key(key):
    return key.public_key().public_bytes(serialization.Encoding.OpenSSH,
                                         serialization.PublicFormat.OpenSSH).decode()


def self_signed_cert(key, name="aic-test"):
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .sign(key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def totp(seed_base32, counter):
    """RFC 6238 TOTP (SHA-1, 6 digits) for one time step."""
    key = base64.b32decode(seed_base32)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1000000:06d}"


class CredentialTestBase(BackendTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rsa_key = make_rsa_key()

    def setUp(self):
        super().setUp()
        self.iam.create_user(UserName="cred")


class AccessKeyTest(CredentialTestBase):

    def test_access_key_lifecycle(self):
        key = self.iam.create_access_key(UserName="cred")["AccessKey"]
        self.assertEqual("cred", key["UserName"])
        self.assertEqual("Active", key["Status"])
        self.assertTrue(key["AccessKeyId"])
        self.assertTrue(key["SecretAccessKey"])
        self.assertRecentDate(key["CreateDate"])

        listed = self.iam.list_access_keys(UserName="cred")["AccessKeyMetadata"]
        self.assertEqual([(key["AccessKeyId"], "Active", "cred")],
                         [(k["AccessKeyId"], k["Status"], k["UserName"]) for k in listed])
        self.assertNotIn("SecretAccessKey", listed[0])

        self.iam.update_access_key(UserName="cred", AccessKeyId=key["AccessKeyId"],
                                   Status="Inactive")
        self.assertEqual("Inactive", self.iam.list_access_keys(
            UserName="cred")["AccessKeyMetadata"][0]["Status"])
        last = self.iam.get_access_key_last_used(AccessKeyId=key["AccessKeyId"])
        self.assertEqual("cred", last["UserName"])

        self.iam.delete_access_key(UserName="cred", AccessKeyId=key["AccessKeyId"])
        self.assertEqual([], self.iam.list_access_keys(UserName="cred")["AccessKeyMetadata"])
        self.assertAwsError("NoSuchEntity", 404, self.iam.delete_access_key, UserName="cred",
                            AccessKeyId=key["AccessKeyId"])
        self.assertAwsError("NoSuchEntity", 404, self.iam.create_access_key, UserName="ghost")
        self.assertAwsError("NoSuchEntity", 404, self.iam.list_access_keys, UserName="ghost")

    def test_access_key_format(self):
        key = self.iam.create_access_key(UserName="cred")["AccessKey"]
        self.assertRegex(key["AccessKeyId"], r"^AKIA[A-Z0-9]{16}$")
        self.assertEqual(40, len(key["SecretAccessKey"]))

    def test_two_access_keys_per_user(self):
        self.iam.create_access_key(UserName="cred")
        self.iam.create_access_key(UserName="cred")
        self.assertAwsError("LimitExceeded", 409, self.iam.create_access_key, UserName="cred")
        self.assertEqual(2, len(self.iam.list_access_keys(UserName="cred")["AccessKeyMetadata"]))

    def test_new_key_signs_requests_as_the_user(self):
        key = self.iam.create_access_key(UserName="cred")["AccessKey"]
        sts = make_client(self.endpoint, "sts", key=key["AccessKeyId"],
                          secret=key["SecretAccessKey"])
        ident = sts.get_caller_identity()
        self.assertEqual(ACCOUNT_ID, ident["Account"])
        self.assertEqual(f"arn:aws:iam::{ACCOUNT_ID}:user/cred", ident["Arn"])

    @unless_moto("moto allows DeleteUser while the user has access keys")
    def test_delete_user_with_access_key_conflicts(self):
        key = self.iam.create_access_key(UserName="cred")["AccessKey"]
        self.assertAwsError("DeleteConflict", 409, self.iam.delete_user, UserName="cred")
        self.iam.delete_access_key(UserName="cred", AccessKeyId=key["AccessKeyId"])
        self.iam.delete_user(UserName="cred")


class MfaDeviceTest(CredentialTestBase):

    def _enable_virtual_mfa(self):
        dev = self.iam.create_virtual_mfa_device(VirtualMFADeviceName="cred-mfa")[
            "VirtualMFADevice"]
        serial = dev["SerialNumber"]
        self.assertEqual(f"arn:aws:iam::{ACCOUNT_ID}:mfa/cred-mfa", serial)
        seed = dev["Base32StringSeed"]
        if isinstance(seed, bytes):
            seed = seed.decode()
        step = int(time.time()) // TOTP_STEP_SECONDS
        self.iam.enable_mfa_device(UserName="cred", SerialNumber=serial,
                                   AuthenticationCode1=totp(seed, step - 1),
                                   AuthenticationCode2=totp(seed, step))
        return serial

    def test_list_mfa_devices(self):
        self.assertEqual([], self.iam.list_mfa_devices(UserName="cred")["MFADevices"])
        serial = self._enable_virtual_mfa()
        devices = self.iam.list_mfa_devices(UserName="cred")["MFADevices"]
        self.assertEqual([("cred", serial)], [(d["UserName"], d["SerialNumber"])
                                              for d in devices])
        self.assertRecentDate(devices[0]["EnableDate"])
        self.iam.deactivate_mfa_device(UserName="cred", SerialNumber=serial)
        self.assertEqual([], self.iam.list_mfa_devices(UserName="cred")["MFADevices"])
        self.iam.delete_virtual_mfa_device(SerialNumber=serial)
        self.assertAwsError("NoSuchEntity", 404, self.iam.list_mfa_devices, UserName="ghost")

    @unless_moto("moto allows DeleteUser while an MFA device is enabled")
    def test_delete_user_with_mfa_conflicts(self):
        serial = self._enable_virtual_mfa()
        self.assertAwsError("DeleteConflict", 409, self.iam.delete_user, UserName="cred")
        self.iam.deactivate_mfa_device(UserName="cred", SerialNumber=serial)
        self.iam.delete_user(UserName="cred")


class SigningCertificateTest(CredentialTestBase):

    def test_signing_certificate_lifecycle(self):
        body = self_signed_cert(self.rsa_key)
        cert = self.iam.upload_signing_certificate(UserName="cred",
                                                   CertificateBody=body)["Certificate"]
        self.assertEqual("cred", cert["UserName"])
        self.assertEqual("Active", cert["Status"])
        self.assertEqual(body.strip(), cert["CertificateBody"].strip())
        self.assertTrue(cert["CertificateId"])
        listed = self.iam.list_signing_certificates(UserName="cred")["Certificates"]
        self.assertEqual([cert["CertificateId"]], [c["CertificateId"] for c in listed])
        self.iam.update_signing_certificate(UserName="cred", CertificateId=cert["CertificateId"],
                                            Status="Inactive")
        self.assertEqual("Inactive", self.iam.list_signing_certificates(
            UserName="cred")["Certificates"][0]["Status"])
        self.iam.delete_signing_certificate(UserName="cred", CertificateId=cert["CertificateId"])
        self.assertEqual([], self.iam.list_signing_certificates(UserName="cred")["Certificates"])
        self.assertAwsError("NoSuchEntity", 404, self.iam.delete_signing_certificate,
                            UserName="cred", CertificateId=cert["CertificateId"])

    @unless_moto("moto allows DeleteUser while the user has signing certificates")
    def test_delete_user_with_certificate_conflicts(self):
        self.iam.upload_signing_certificate(UserName="cred",
                                            CertificateBody=self_signed_cert(self.rsa_key))
        self.assertAwsError("DeleteConflict", 409, self.iam.delete_user, UserName="cred")


class SshKeyTest(CredentialTestBase):

    def test_ssh_key_lifecycle(self):
        body = ssh_public_key(self.rsa_key)
        key = self.iam.upload_ssh_public_key(UserName="cred", SSHPublicKeyBody=body)[
            "SSHPublicKey"]
        self.assertEqual("cred", key["UserName"])
        self.assertEqual("Active", key["Status"])
        self.assertTrue(key["SSHPublicKeyId"])
        self.assertTrue(key["Fingerprint"])
        got = self.iam.get_ssh_public_key(UserName="cred", SSHPublicKeyId=key["SSHPublicKeyId"],
                                          Encoding="SSH")["SSHPublicKey"]
        self.assertEqual(body.strip(), got["SSHPublicKeyBody"].strip())
        listed = self.iam.list_ssh_public_keys(UserName="cred")["SSHPublicKeys"]
        self.assertEqual([key["SSHPublicKeyId"]], [k["SSHPublicKeyId"] for k in listed])
        self.iam.update_ssh_public_key(UserName="cred", SSHPublicKeyId=key["SSHPublicKeyId"],
                                       Status="Inactive")
        self.assertEqual("Inactive", self.iam.list_ssh_public_keys(
            UserName="cred")["SSHPublicKeys"][0]["Status"])
        self.iam.delete_ssh_public_key(UserName="cred", SSHPublicKeyId=key["SSHPublicKeyId"])
        self.assertEqual([], self.iam.list_ssh_public_keys(UserName="cred")["SSHPublicKeys"])
        self.assertAwsError("NoSuchEntity", 404, self.iam.get_ssh_public_key, UserName="cred",
                            SSHPublicKeyId=key["SSHPublicKeyId"], Encoding="SSH")

    @unless_moto("moto allows DeleteUser while the user has SSH public keys")
    def test_delete_user_with_ssh_key_conflicts(self):
        self.iam.upload_ssh_public_key(UserName="cred",
                                       SSHPublicKeyBody=ssh_public_key(self.rsa_key))
        self.assertAwsError("DeleteConflict", 409, self.iam.delete_user, UserName="cred")


class ServiceSpecificCredentialTest(CredentialTestBase):

    @unless_moto("moto's server answers CreateServiceSpecificCredential with a 500")
    def test_service_specific_credential_lifecycle(self):
        cred = self.iam.create_service_specific_credential(
            UserName="cred", ServiceName="codecommit.amazonaws.com")["ServiceSpecificCredential"]
        self.assertEqual("cred", cred["UserName"])
        self.assertEqual("codecommit.amazonaws.com", cred["ServiceName"])
        self.assertEqual("Active", cred["Status"])
        self.assertTrue(cred["ServicePassword"])
        self.assertTrue(cred["ServiceUserName"].startswith("cred-at-"))
        cid = cred["ServiceSpecificCredentialId"]
        listed = self.iam.list_service_specific_credentials(UserName="cred")[
            "ServiceSpecificCredentials"]
        self.assertEqual([cid], [c["ServiceSpecificCredentialId"] for c in listed])
        self.assertNotIn("ServicePassword", listed[0])
        self.iam.update_service_specific_credential(UserName="cred",
                                                    ServiceSpecificCredentialId=cid,
                                                    Status="Inactive")
        self.assertEqual("Inactive", self.iam.list_service_specific_credentials(
            UserName="cred")["ServiceSpecificCredentials"][0]["Status"])
        reset = self.iam.reset_service_specific_credential(
            UserName="cred", ServiceSpecificCredentialId=cid)["ServiceSpecificCredential"]
        self.assertNotEqual(cred["ServicePassword"], reset["ServicePassword"])
        self.iam.delete_service_specific_credential(UserName="cred",
                                                    ServiceSpecificCredentialId=cid)
        self.assertEqual([], self.iam.list_service_specific_credentials(
            UserName="cred")["ServiceSpecificCredentials"])
        self.assertAwsError("NoSuchEntity", 404, self.iam.delete_service_specific_credential,
                            UserName="cred", ServiceSpecificCredentialId=cid)

    @unless_moto("moto allows DeleteUser while the user has service-specific credentials")
    def test_delete_user_with_service_credential_conflicts(self):
        self.iam.create_service_specific_credential(UserName="cred",
                                                    ServiceName="codecommit.amazonaws.com")
        self.assertAwsError("DeleteConflict", 409, self.iam.delete_user, UserName="cred")


if __name__ == "__main__":
    unittest.main()
