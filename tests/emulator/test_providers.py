"""SAML and OIDC identity providers, server certificates, account aliases, MFA device tags and
resync (boto3 and the `aws` CLI).

Certificates and keys are generated here at run time; no key is ever written to the repository.
"""

import datetime
import os
import tempfile
import unittest

import boto3
from botocore.config import Config
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from harness import (ACCOUNT_ID, REGION, SEED_KEY, SEED_SECRET, AwsCli, BackendTestCase,
                     unless_moto)

THUMB_A = "a" * 40
THUMB_B = "b" * 40
SAML_NS = "urn:oasis:names:tc:SAML:2.0:metadata"
MIN_SAML_METADATA = 1000  # SAMLMetadataDocumentType min length in the model


def unvalidated_iam(endpoint):
    """An IAM client that sends what it is given (botocore checks minimum lengths itself), so
    the server's own validation answers."""
    cfg = Config(retries={"total_max_attempts": 1, "mode": "standard"},
                 parameter_validation=False)
    session = boto3.session.Session(aws_access_key_id=SEED_KEY, aws_secret_access_key=SEED_SECRET,
                                    region_name=REGION)
    return session.client("iam", endpoint_url=endpoint, config=cfg)


def saml_metadata(valid_until=None, namespace=SAML_NS):
    """A SAML 2.0 IdP metadata document of at least the model's minimum length."""
    attr = f' validUntil="{valid_until}"' if valid_until else ""
    head = (f'<?xml version="1.0"?>\n<md:EntityDescriptor xmlns:md="{namespace}" '
            f'entityID="https://idp.example.com/metadata"{attr}>\n'
            '<md:IDPSSODescriptor protocolSupportEnumeration='
            '"urn:oasis:names:tc:SAML:2.0:protocol">\n'
            '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"'
            ' Location="https://idp.example.com/sso"/>\n')
    body = ""
    while len(head) + len(body) < MIN_SAML_METADATA + 100:
        body += ("<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
                 "</md:NameIDFormat>\n")
    return head + body + "</md:IDPSSODescriptor>\n</md:EntityDescriptor>\n"


def make_cert(cn, not_after, issuer=None):
    """(certificate PEM, key PEM, cert, key): a P-256 key and its certificate for `cn`, signed by
    issuer=(cert, key) or self-signed."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    issuer_name = issuer[0].subject if issuer else subject
    signer = issuer[1] if issuer else key
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer_name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(not_after)
            .sign(signer, hashes.SHA256()))
    cert_pem = cert.public_bytes(serialization.Encoding.PEM).decode()
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
    return cert_pem, key_pem, cert, key


class SamlProviderTest(BackendTestCase):

    def test_saml_provider_lifecycle(self):
        created = self.iam.create_saml_provider(Name="Okta_Prod-1",
                                                SAMLMetadataDocument=saml_metadata())
        arn = created["SAMLProviderArn"]
        self.assertEqual(f"arn:aws:iam::{ACCOUNT_ID}:saml-provider/Okta_Prod-1", arn)
        self.assertNotIn("Tags", created)

        got = self.iam.get_saml_provider(SAMLProviderArn=arn)
        self.assertEqual(saml_metadata(), got["SAMLMetadataDocument"])
        self.assertRecentDate(got["CreateDate"])
        self.assertEqual([], got["Tags"])
        # Without validUntil in the metadata the provider is valid for 100 years.
        self.assertGreater(got["ValidUntil"].year - got["CreateDate"].year, 98)

        updated = self.iam.update_saml_provider(
            SAMLProviderArn=arn, SAMLMetadataDocument=saml_metadata("2031-03-04T05:06:07Z"))
        self.assertEqual(arn, updated["SAMLProviderArn"])
        listed = self.iam.list_saml_providers()["SAMLProviderList"]
        self.assertEqual([arn], [p["Arn"] for p in listed])
        self.assertEqual(datetime.datetime(2031, 3, 4, 5, 6, 7, tzinfo=datetime.timezone.utc),
                         listed[0]["ValidUntil"])
        self.assertRecentDate(listed[0]["CreateDate"])

        self.iam.delete_saml_provider(SAMLProviderArn=arn)
        self.assertEqual([], self.iam.list_saml_providers()["SAMLProviderList"])
        err = self.assertAwsError("NoSuchEntity", 404, self.iam.get_saml_provider,
                                  SAMLProviderArn=arn)
        self.assertEqual(f"Manifest not found for arn {arn}", err["Error"]["Message"])
        err = self.assertAwsError("NoSuchEntity", 404, self.iam.delete_saml_provider,
                                  SAMLProviderArn=arn)
        self.assertEqual(f"Manifest not found for arn {arn}", err["Error"]["Message"])

    def test_saml_provider_tags(self):
        arn = self.iam.create_saml_provider(
            Name="tagged", SAMLMetadataDocument=saml_metadata(),
            Tags=[{"Key": "team", "Value": "sec"}])["SAMLProviderArn"]
        self.iam.tag_saml_provider(SAMLProviderArn=arn, Tags=[{"Key": "env", "Value": "prod"},
                                                              {"Key": "TEAM", "Value": "ops"}])
        tags = self.iam.list_saml_provider_tags(SAMLProviderArn=arn)
        self.assertEqual([{"Key": "team", "Value": "ops"}, {"Key": "env", "Value": "prod"}],
                         tags["Tags"])
        self.assertFalse(tags["IsTruncated"])
        items, pages = self.page_all(self.iam.list_saml_provider_tags, "Tags",
                                     SAMLProviderArn=arn)
        self.assertEqual(2, len(items))
        self.assertEqual(2, pages)
        self.iam.untag_saml_provider(SAMLProviderArn=arn, TagKeys=["team"])
        self.assertEqual([{"Key": "env", "Value": "prod"}],
                         self.iam.get_saml_provider(SAMLProviderArn=arn)["Tags"])
        self.assertAwsError("NoSuchEntity", 404, self.iam.tag_saml_provider,
                            SAMLProviderArn=arn + "x", Tags=[{"Key": "k", "Value": "v"}])

    @unless_moto("moto accepts any metadata document")
    def test_saml_metadata_must_be_saml2_entity_descriptor(self):
        err = self.assertAwsError("InvalidInput", 400, self.iam.create_saml_provider, Name="p",
                                  SAMLMetadataDocument=saml_metadata(namespace="urn:x:" + "y" * 31))
        self.assertEqual("Could not parse metadata", err["Error"]["Message"])
        self.assertAwsError("InvalidInput", 400, self.iam.create_saml_provider, Name="p",
                            SAMLMetadataDocument=saml_metadata()[:-20])
        raw = unvalidated_iam(self.endpoint)
        err = self.assertAwsError("ValidationError", 400, raw.create_saml_provider,
                                  Name="p", SAMLMetadataDocument="<x/>")
        self.assertIn("Member must have length greater than or equal to 1000",
                      err["Error"]["Message"])
        err = self.assertAwsError("ValidationError", 400, self.iam.create_saml_provider,
                                  Name="bad name", SAMLMetadataDocument=saml_metadata())
        self.assertIn("regular expression pattern", err["Error"]["Message"])
        self.assertEqual([], self.iam.list_saml_providers()["SAMLProviderList"])

    @unless_moto("moto does not refuse a second provider of the same name")
    def test_duplicate_saml_provider(self):
        self.iam.create_saml_provider(Name="dup", SAMLMetadataDocument=saml_metadata())
        self.assertAwsError("EntityAlreadyExists", 409, self.iam.create_saml_provider,
                            Name="dup", SAMLMetadataDocument=saml_metadata())


class OidcProviderTest(BackendTestCase):

    def test_oidc_provider_lifecycle(self):
        url = "https://oidc.example.com/tenant1"
        created = self.iam.create_open_id_connect_provider(
            Url=url, ThumbprintList=[THUMB_A], ClientIDList=["app-1"])
        arn = created["OpenIDConnectProviderArn"]
        self.assertEqual(f"arn:aws:iam::{ACCOUNT_ID}:oidc-provider/oidc.example.com/tenant1", arn)

        got = self.iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)
        self.assertEqual("oidc.example.com/tenant1", got["Url"])
        self.assertEqual(["app-1"], got["ClientIDList"])
        self.assertEqual([THUMB_A], got["ThumbprintList"])
        self.assertRecentDate(got["CreateDate"])
        self.assertEqual([], got["Tags"])

        self.iam.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=arn,
                                                           ClientID="app-2")
        # Idempotent both ways.
        self.iam.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=arn,
                                                           ClientID="app-2")
        self.iam.remove_client_id_from_open_id_connect_provider(OpenIDConnectProviderArn=arn,
                                                                ClientID="app-1")
        self.iam.remove_client_id_from_open_id_connect_provider(OpenIDConnectProviderArn=arn,
                                                                ClientID="never-added")
        self.iam.update_open_id_connect_provider_thumbprint(OpenIDConnectProviderArn=arn,
                                                            ThumbprintList=[THUMB_B, "c" * 40])
        got = self.iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)
        self.assertEqual(["app-2"], got["ClientIDList"])
        self.assertEqual([THUMB_B, "c" * 40], got["ThumbprintList"])

        other = self.iam.create_open_id_connect_provider(
            Url="https://accounts.example.org", ThumbprintList=[THUMB_A])
        listed = self.iam.list_open_id_connect_providers()["OpenIDConnectProviderList"]
        self.assertEqual(sorted([arn, other["OpenIDConnectProviderArn"]]),
                         sorted(p["Arn"] for p in listed))

        self.iam.delete_open_id_connect_provider(OpenIDConnectProviderArn=arn)
        err = self.assertAwsError("NoSuchEntity", 404, self.iam.get_open_id_connect_provider,
                                  OpenIDConnectProviderArn=arn)
        self.assertEqual(f"OpenIDConnect Provider not found for arn {arn}",
                         err["Error"]["Message"])
        self.assertAwsError("NoSuchEntity", 404, self.iam.delete_open_id_connect_provider,
                            OpenIDConnectProviderArn=arn)

    def test_oidc_provider_tags(self):
        tags = [{"Key": f"k{i:02d}", "Value": f"v{i}"} for i in range(10)]
        arn = self.iam.create_open_id_connect_provider(
            Url="https://tags.example.com", ThumbprintList=[THUMB_A],
            Tags=tags)["OpenIDConnectProviderArn"]
        first = self.iam.list_open_id_connect_provider_tags(OpenIDConnectProviderArn=arn,
                                                            MaxItems=4)
        self.assertEqual(tags[:4], first["Tags"])
        self.assertTrue(first["IsTruncated"])
        rest = self.iam.list_open_id_connect_provider_tags(OpenIDConnectProviderArn=arn,
                                                           Marker=first["Marker"])
        self.assertEqual(tags[4:], rest["Tags"])
        self.assertNotIn("Marker", rest)
        self.iam.tag_open_id_connect_provider(OpenIDConnectProviderArn=arn,
                                              Tags=[{"Key": "k00", "Value": "new"}])
        self.iam.untag_open_id_connect_provider(OpenIDConnectProviderArn=arn,
                                                TagKeys=[t["Key"] for t in tags[1:]])
        self.assertEqual([{"Key": "k00", "Value": "new"}],
                         self.iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)
                         ["Tags"])
        err = self.assertAwsError(
            "LimitExceeded", 409, self.iam.tag_open_id_connect_provider,
            OpenIDConnectProviderArn=arn,
            Tags=[{"Key": f"n{i}", "Value": "v"} for i in range(50)])
        self.assertEqual("The number of tags has reached the maximum limit.",
                         err["Error"]["Message"])

    @unless_moto("moto's URL, thumbprint and duplicate checks and messages differ from AWS's")
    def test_oidc_errors(self):
        err = self.assertAwsError("ValidationError", 400,
                                  self.iam.create_open_id_connect_provider,
                                  Url="example.org", ThumbprintList=[THUMB_A])
        self.assertEqual("Invalid Open ID Connect Provider URL", err["Error"]["Message"])
        url = "https://dup.example.com"
        self.iam.create_open_id_connect_provider(Url=url, ThumbprintList=[THUMB_A])
        err = self.assertAwsError("EntityAlreadyExists", 409,
                                  self.iam.create_open_id_connect_provider,
                                  Url=url, ThumbprintList=[THUMB_A])
        self.assertEqual(f"Provider with url {url} already exists.", err["Error"]["Message"])
        err = self.assertAwsError("InvalidInput", 400, self.iam.create_open_id_connect_provider,
                                  Url="https://six.example.com",
                                  ThumbprintList=[c * 40 for c in "abcdef"])
        self.assertEqual("Thumbprint list must contain fewer than 5 entries.",
                         err["Error"]["Message"])
        err = self.assertAwsError("LimitExceeded", 409, self.iam.create_open_id_connect_provider,
                                  Url="https://clients.example.com", ThumbprintList=[THUMB_A],
                                  ClientIDList=[str(i) for i in range(101)])
        self.assertEqual("Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100",
                         err["Error"]["Message"])
        err = self.assertAwsError("ValidationError", 400,
                                  self.iam.create_open_id_connect_provider,
                                  Url="b" * 256, ThumbprintList=["b" * 41],
                                  ClientIDList=["b" * 256])
        self.assertTrue(err["Error"]["Message"].startswith("3 validation errors detected: "),
                        err["Error"]["Message"])
        raw = unvalidated_iam(self.endpoint)
        err = self.assertAwsError("ValidationError", 400,
                                  raw.update_open_id_connect_provider_thumbprint,
                                  OpenIDConnectProviderArn=f"arn:aws:iam::{ACCOUNT_ID}:"
                                  "oidc-provider/dup.example.com", ThumbprintList=["short"])
        self.assertIn("'thumbprintList'", err["Error"]["Message"])
        self.assertEqual(1, len(self.iam.list_open_id_connect_providers()
                                ["OpenIDConnectProviderList"]))


class ServerCertificateTest(BackendTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        not_after = datetime.datetime(2031, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
        cls.ca_pem, _, ca_cert, ca_key = make_cert("aic test ca", not_after)
        cls.leaf_pem, cls.leaf_key, _, _ = make_cert("www.example.com", not_after,
                                                     issuer=(ca_cert, ca_key))
        cls.other_pem, cls.other_key, _, _ = make_cert("other", not_after)
        cls.not_after = not_after

    def upload(self, name="web", **kwargs):
        args = dict(ServerCertificateName=name, CertificateBody=self.leaf_pem,
                    PrivateKey=self.leaf_key)
        args.update(kwargs)
        return self.iam.upload_server_certificate(**args)

    def test_server_certificate_lifecycle(self):
        meta = self.upload(Path="/lb/", CertificateChain=self.ca_pem)["ServerCertificateMetadata"]
        self.assertEqual("/lb/", meta["Path"])
        self.assertEqual("web", meta["ServerCertificateName"])
        self.assertRegex(meta["ServerCertificateId"], r"^ASCA[A-Z0-9]{17}$")
        self.assertEqual(f"arn:aws:iam::{ACCOUNT_ID}:server-certificate/lb/web", meta["Arn"])
        self.assertRecentDate(meta["UploadDate"])
        self.assertEqual(self.not_after, meta["Expiration"])

        got = self.iam.get_server_certificate(ServerCertificateName="web")["ServerCertificate"]
        self.assertEqual(meta, got["ServerCertificateMetadata"])
        self.assertEqual(self.leaf_pem, got["CertificateBody"])
        self.assertEqual(self.ca_pem, got["CertificateChain"])
        self.assertEqual([], got["Tags"])
        self.assertNotIn("PrivateKey", got)

        listed = self.iam.list_server_certificates()
        self.assertEqual([meta], listed["ServerCertificateMetadataList"])
        self.assertFalse(listed["IsTruncated"])
        self.assertEqual([], self.iam.list_server_certificates(PathPrefix="/other/")
                         ["ServerCertificateMetadataList"])

        self.iam.update_server_certificate(ServerCertificateName="web",
                                           NewServerCertificateName="web-2024",
                                           NewPath="/cloudfront/")
        renamed = self.iam.get_server_certificate(ServerCertificateName="web-2024")[
            "ServerCertificate"]["ServerCertificateMetadata"]
        self.assertEqual(meta["ServerCertificateId"], renamed["ServerCertificateId"])
        self.assertEqual(f"arn:aws:iam::{ACCOUNT_ID}:server-certificate/cloudfront/web-2024",
                         renamed["Arn"])
        err = self.assertAwsError("NoSuchEntity", 404, self.iam.get_server_certificate,
                                  ServerCertificateName="web")
        self.assertEqual("The Server Certificate with name web cannot be found.",
                         err["Error"]["Message"])

        self.iam.delete_server_certificate(ServerCertificateName="web-2024")
        self.assertEqual([], self.iam.list_server_certificates()["ServerCertificateMetadataList"])
        err = self.assertAwsError("NoSuchEntity", 404, self.iam.delete_server_certificate,
                                  ServerCertificateName="web-2024")
        self.assertEqual("The Server Certificate with name web-2024 cannot be found.",
                         err["Error"]["Message"])

    def test_server_certificate_names_and_paging(self):
        for name in ("c1", "c2", "c3"):
            self.upload(name=name)
        err = self.assertAwsError("EntityAlreadyExists", 409, self.upload, name="c1")
        self.assertEqual("The Server Certificate with name c1 already exists.",
                         err["Error"]["Message"])
        self.assertAwsError("EntityAlreadyExists", 409, self.iam.update_server_certificate,
                            ServerCertificateName="c1", NewServerCertificateName="c2")
        items, pages = self.page_all(self.iam.list_server_certificates,
                                     "ServerCertificateMetadataList", page_size=2)
        self.assertEqual(["c1", "c2", "c3"], [c["ServerCertificateName"] for c in items])
        self.assertEqual(2, pages)

    def test_server_certificate_tags(self):
        self.upload(Tags=[{"Key": "a", "Value": "1"}])
        self.iam.tag_server_certificate(ServerCertificateName="web",
                                        Tags=[{"Key": "b", "Value": "2"}])
        self.assertEqual([{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}],
                         self.iam.list_server_certificate_tags(ServerCertificateName="web")
                         ["Tags"])
        self.iam.untag_server_certificate(ServerCertificateName="web", TagKeys=["a"])
        self.assertEqual([{"Key": "b", "Value": "2"}],
                         self.iam.get_server_certificate(ServerCertificateName="web")
                         ["ServerCertificate"]["Tags"])
        self.assertAwsError("NoSuchEntity", 404, self.iam.list_server_certificate_tags,
                            ServerCertificateName="nope")

    @unless_moto("moto does not check the certificate, the chain or the key")
    def test_malformed_certificate_and_mismatched_key(self):
        err = self.assertAwsError("MalformedCertificate", 400, self.upload,
                                  CertificateBody="-----BEGIN CERTIFICATE-----\nAAAA\n"
                                                  "-----END CERTIFICATE-----\n")
        self.assertEqual("Unable to parse certificate. Please ensure the certificate is in PEM "
                         "format.", err["Error"]["Message"])
        err = self.assertAwsError("KeyPairMismatch", 400, self.upload, PrivateKey=self.other_key)
        self.assertNotIn("PRIVATE KEY", err["Error"]["Message"])
        err = self.assertAwsError("MalformedCertificate", 400, self.upload,
                                  PrivateKey="-----BEGIN PRIVATE KEY-----\nsecret\n"
                                             "-----END PRIVATE KEY-----\n")
        self.assertNotIn("secret", err["Error"]["Message"])
        err = self.assertAwsError("MalformedCertificate", 400, self.upload,
                                  CertificateChain=self.other_pem)
        self.assertTrue(err["Error"]["Message"].startswith(
            "Unable to validate certificate chain."), err["Error"]["Message"])
        self.assertEqual([], self.iam.list_server_certificates()["ServerCertificateMetadataList"])
        self.assertNotIn(self.leaf_key.splitlines()[1], self.server.log_text())

    def test_cli_upload_and_list(self):
        cli = AwsCli(self.endpoint)
        with tempfile.TemporaryDirectory() as tmp:
            paths = {}
            for name, text in (("cert.pem", self.leaf_pem), ("key.pem", self.leaf_key),
                               ("chain.pem", self.ca_pem)):
                paths[name] = os.path.join(tmp, name)
                with open(paths[name], "w") as f:
                    f.write(text)
            out = cli.iam("upload-server-certificate", "--server-certificate-name", "cli-cert",
                          "--path", "/cli/",
                          "--certificate-body", "file://" + paths["cert.pem"],
                          "--private-key", "file://" + paths["key.pem"],
                          "--certificate-chain", "file://" + paths["chain.pem"])
        self.assertEqual(f"arn:aws:iam::{ACCOUNT_ID}:server-certificate/cli/cli-cert",
                         out["ServerCertificateMetadata"]["Arn"])
        listed = cli.iam("list-server-certificates", "--path-prefix", "/cli/")
        self.assertEqual(["cli-cert"], [c["ServerCertificateName"]
                                        for c in listed["ServerCertificateMetadataList"]])
        failed = cli.iam("get-server-certificate", "--server-certificate-name", "nope",
                         expect_ok=False)
        self.assertIn("NoSuchEntity", failed.stderr)


class AccountAliasTest(BackendTestCase):

    def test_alias_lifecycle(self):
        self.assertEqual([], self.iam.list_account_aliases()["AccountAliases"])
        self.iam.create_account_alias(AccountAlias="example-corp")
        listed = self.iam.list_account_aliases()
        self.assertEqual(["example-corp"], listed["AccountAliases"])
        self.assertFalse(listed["IsTruncated"])
        self.iam.delete_account_alias(AccountAlias="example-corp")
        self.assertEqual([], self.iam.list_account_aliases()["AccountAliases"])
        err = self.assertAwsError("NoSuchEntity", 404, self.iam.delete_account_alias,
                                  AccountAlias="example-corp")
        self.assertIn("example-corp", err["Error"]["Message"])

    @unless_moto("moto keeps several aliases; AWS replaces the alias")
    def test_second_alias_replaces_the_first(self):
        self.iam.create_account_alias(AccountAlias="first-alias")
        self.iam.create_account_alias(AccountAlias="second-alias")
        self.assertEqual(["second-alias"], self.iam.list_account_aliases()["AccountAliases"])

    @unless_moto("moto does not validate the alias pattern")
    def test_alias_pattern(self):
        raw = unvalidated_iam(self.endpoint)
        for bad in ("a--b", "-abc", "abc-", "Upper", "ab"):
            err = self.assertAwsError("ValidationError", 400, raw.create_account_alias,
                                      AccountAlias=bad)
            self.assertIn("'accountAlias'", err["Error"]["Message"])
        self.assertEqual([], self.iam.list_account_aliases()["AccountAliases"])

    def test_cli_alias(self):
        cli = AwsCli(self.endpoint)
        self.assertIsNone(cli.iam("create-account-alias", "--account-alias", "cli-alias"))
        self.assertEqual(["cli-alias"], cli.iam("list-account-aliases")["AccountAliases"])
        self.assertIsNone(cli.iam("delete-account-alias", "--account-alias", "cli-alias"))


class MfaDeviceExtrasTest(BackendTestCase):

    def setUp(self):
        super().setUp()
        self.iam.create_user(UserName="mfa-user")
        self.serial = self.iam.create_virtual_mfa_device(
            VirtualMFADeviceName="phone")["VirtualMFADevice"]["SerialNumber"]

    def test_mfa_device_tags(self):
        self.iam.tag_mfa_device(SerialNumber=self.serial,
                                Tags=[{"Key": "owner", "Value": "alice"},
                                      {"Key": "kind", "Value": "virtual"}])
        tags = self.iam.list_mfa_device_tags(SerialNumber=self.serial)
        self.assertEqual([{"Key": "owner", "Value": "alice"}, {"Key": "kind", "Value": "virtual"}],
                         tags["Tags"])
        self.assertFalse(tags["IsTruncated"])
        self.iam.untag_mfa_device(SerialNumber=self.serial, TagKeys=["owner"])
        self.assertEqual([{"Key": "kind", "Value": "virtual"}],
                         self.iam.list_mfa_device_tags(SerialNumber=self.serial)["Tags"])
        unknown = f"arn:aws:iam::{ACCOUNT_ID}:mfa/nope"
        err = self.assertAwsError("NoSuchEntity", 404, self.iam.list_mfa_device_tags,
                                  SerialNumber=unknown)
        self.assertEqual(f"MFA Device with serial number {unknown} does not exist.",
                         err["Error"]["Message"])
        self.assertAwsError("NoSuchEntity", 404, self.iam.tag_mfa_device, SerialNumber=unknown,
                            Tags=[{"Key": "k", "Value": "v"}])

    @unless_moto("moto does not check the device or the codes on resync")
    def test_resync_mfa_device(self):
        codes = dict(AuthenticationCode1="123456", AuthenticationCode2="654321")
        err = self.assertAwsError("NoSuchEntity", 404, self.iam.resync_mfa_device,
                                  UserName="mfa-user", SerialNumber=self.serial, **codes)
        self.assertEqual(f"MFA Device with serial number {self.serial} does not exist.",
                         err["Error"]["Message"])
        self.iam.enable_mfa_device(UserName="mfa-user", SerialNumber=self.serial, **codes)
        self.iam.resync_mfa_device(UserName="mfa-user", SerialNumber=self.serial, **codes)
        # A code that is not digits breaks the model's pattern, checked before the device.
        err = self.assertAwsError("ValidationError", 400, self.iam.resync_mfa_device,
                                  UserName="mfa-user", SerialNumber=self.serial,
                                  AuthenticationCode1="12a456", AuthenticationCode2="654321")
        self.assertIn("Value at 'authenticationCode1' failed to satisfy constraint",
                      err["Error"]["Message"])
        self.assertEqual([self.serial], [d["SerialNumber"] for d in
                                         self.iam.list_mfa_devices(UserName="mfa-user")
                                         ["MFADevices"]])
        err = self.assertAwsError("NoSuchEntity", 404, self.iam.resync_mfa_device,
                                  UserName="nobody", SerialNumber=self.serial, **codes)
        self.assertEqual("The user with name nobody cannot be found.", err["Error"]["Message"])


class AccountSummaryTest(BackendTestCase):

    def test_summary_counts_certificates_and_providers(self):
        not_after = datetime.datetime(2030, 1, 1, tzinfo=datetime.timezone.utc)
        cert_pem, key_pem, _, _ = make_cert("summary", not_after)
        self.iam.upload_server_certificate(ServerCertificateName="s", CertificateBody=cert_pem,
                                           PrivateKey=key_pem)
        self.iam.create_saml_provider(Name="s", SAMLMetadataDocument=saml_metadata())
        self.iam.create_open_id_connect_provider(Url="https://summary.example.com",
                                                 ThumbprintList=[THUMB_A])
        summary = self.iam.get_account_summary()["SummaryMap"]
        self.assertEqual(1, summary["ServerCertificates"])
        self.assertEqual(20, summary["ServerCertificatesQuota"])
        # One SAML and one OIDC provider count 2 (LocalStack test_iam_account_summary, AWS).
        self.assertEqual(2, summary["Providers"])


if __name__ == "__main__":
    unittest.main()
