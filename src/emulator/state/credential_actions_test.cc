#include <string>

#include "emulator/state/backend_test_util.h"

namespace aic::emulator::state::testing {
namespace {

using EmuStateCredentialTest = BackendTest;

TEST_F(EmuStateCredentialTest, AccessKeysLifecycleAndLookup) {
  Ok("CreateUser", {{"UserName", "k"}});
  Reply c = Ok("CreateAccessKey", {{"UserName", "k"}});
  std::string id = c.Text("CreateAccessKeyResult/AccessKey/AccessKeyId");
  std::string secret = c.Text("CreateAccessKeyResult/AccessKey/SecretAccessKey");
  EXPECT_EQ(id.size(), 20u);
  EXPECT_EQ(id.substr(0, 4), "AKIA");
  EXPECT_EQ(secret.size(), 40u);
  EXPECT_EQ(c.Text("CreateAccessKeyResult/AccessKey/Status"), "Active");
  EXPECT_EQ(c.Text("CreateAccessKeyResult/AccessKey/UserName"), "k");

  auto rec = backend_->LookupAccessKey(id);
  ASSERT_TRUE(rec.has_value());
  EXPECT_EQ(rec->secret_access_key.Reveal(), secret);
  EXPECT_TRUE(rec->active);
  EXPECT_EQ(rec->caller.arn, "arn:aws:iam::123456789012:user/k");
  EXPECT_EQ(rec->caller.account_id, "123456789012");

  Reply l = Ok("ListAccessKeys", {{"UserName", "k"}});
  EXPECT_EQ(Members(l.Node("ListAccessKeysResult/AccessKeyMetadata")), 1);
  EXPECT_EQ(l.Text("ListAccessKeysResult/AccessKeyMetadata/member/AccessKeyId"), id);
  EXPECT_EQ(l.body.find(secret), std::string::npos) << "list must not show the secret";

  Ok("UpdateAccessKey", {{"UserName", "k"}, {"AccessKeyId", id}, {"Status", "Inactive"}});
  EXPECT_FALSE(backend_->LookupAccessKey(id)->active);
  Err("UpdateAccessKey", {{"UserName", "k"}, {"AccessKeyId", id}, {"Status", "Sleeping"}}, 400,
      "ValidationError");
  Reply lu = Ok("GetAccessKeyLastUsed", {{"AccessKeyId", id}});
  EXPECT_EQ(lu.Text("GetAccessKeyLastUsedResult/UserName"), "k");

  Ok("CreateAccessKey", {{"UserName", "k"}});
  Reply lim = Err("CreateAccessKey", {{"UserName", "k"}}, 409, "LimitExceeded");
  EXPECT_EQ(lim.Message(), "Cannot exceed quota for AccessKeysPerUser: 2");

  Ok("DeleteAccessKey", {{"AccessKeyId", id}});  // without UserName: found by key
  EXPECT_FALSE(backend_->LookupAccessKey(id).has_value());
  Reply gone =
      Err("DeleteAccessKey", {{"UserName", "k"}, {"AccessKeyId", id}}, 404, "NoSuchEntity");
  EXPECT_EQ(gone.Message(), "The Access Key with id " + id + " cannot be found.");
}

TEST_F(EmuStateCredentialTest, SeedKeyIsTheRoot) {
  auto rec = backend_->LookupAccessKey("test");
  ASSERT_TRUE(rec.has_value());
  EXPECT_EQ(rec->secret_access_key.Reveal(), "test");
  EXPECT_EQ(rec->caller.arn, "arn:aws:iam::123456789012:root");
  EXPECT_FALSE(backend_->LookupAccessKey("AKIANOTAREALKEY00000").has_value());
  // The root has no IAM user: actions defaulting to the caller need a UserName.
  Err("CreateAccessKey", {}, 400, "ValidationError");
}

TEST_F(EmuStateCredentialTest, SigningCertificates) {
  Ok("CreateUser", {{"UserName", "c"}});
  const std::string body = "-----BEGIN CERTIFICATE-----\nMIIBa\n-----END CERTIFICATE-----\n";
  Err("UploadSigningCertificate", {{"UserName", "c"}, {"CertificateBody", "junk"}}, 400,
      "MalformedCertificate");
  Reply u = Ok("UploadSigningCertificate", {{"UserName", "c"}, {"CertificateBody", body}});
  std::string id = u.Text("UploadSigningCertificateResult/Certificate/CertificateId");
  EXPECT_FALSE(id.empty());
  Err("UploadSigningCertificate", {{"UserName", "c"}, {"CertificateBody", body}}, 409,
      "DuplicateCertificate");
  Reply l = Ok("ListSigningCertificates", {{"UserName", "c"}});
  EXPECT_EQ(l.Text("ListSigningCertificatesResult/Certificates/member/CertificateBody"), body);
  Ok("UpdateSigningCertificate",
     {{"UserName", "c"}, {"CertificateId", id}, {"Status", "Inactive"}});
  l = Ok("ListSigningCertificates", {{"UserName", "c"}});
  EXPECT_EQ(l.Text("ListSigningCertificatesResult/Certificates/member/Status"), "Inactive");
  Ok("DeleteSigningCertificate", {{"UserName", "c"}, {"CertificateId", id}});
  Err("DeleteSigningCertificate", {{"UserName", "c"}, {"CertificateId", id}}, 404, "NoSuchEntity");
}

TEST_F(EmuStateCredentialTest, SshPublicKeys) {
  Ok("CreateUser", {{"UserName", "s"}});
  Err("UploadSSHPublicKey", {{"UserName", "s"}, {"SSHPublicKeyBody", "not a key"}}, 400,
      "InvalidPublicKey");
  Reply u = Ok("UploadSSHPublicKey", {{"UserName", "s"}, {"SSHPublicKeyBody", "ssh-rsa AAAA1 me"}});
  std::string id = u.Text("UploadSSHPublicKeyResult/SSHPublicKey/SSHPublicKeyId");
  EXPECT_EQ(id.substr(0, 4), "APKA");
  EXPECT_EQ(u.Text("UploadSSHPublicKeyResult/SSHPublicKey/Fingerprint").size(), 47u);
  Err("UploadSSHPublicKey", {{"UserName", "s"}, {"SSHPublicKeyBody", "ssh-rsa AAAA1 me"}}, 400,
      "DuplicateSSHPublicKey");
  Reply g = Ok("GetSSHPublicKey", {{"UserName", "s"}, {"SSHPublicKeyId", id}, {"Encoding", "SSH"}});
  EXPECT_EQ(g.Text("GetSSHPublicKeyResult/SSHPublicKey/SSHPublicKeyBody"), "ssh-rsa AAAA1 me");
  Err("GetSSHPublicKey", {{"UserName", "s"}, {"SSHPublicKeyId", id}, {"Encoding", "XML"}}, 400,
      "ValidationError");  // encodingType is an enum in the model: AWS validates it first
  Reply l = Ok("ListSSHPublicKeys", {{"UserName", "s"}});
  EXPECT_EQ(l.Text("ListSSHPublicKeysResult/SSHPublicKeys/member/SSHPublicKeyId"), id);
  EXPECT_FALSE(l.Node("ListSSHPublicKeysResult/SSHPublicKeys/member/SSHPublicKeyBody"));
  Ok("UpdateSSHPublicKey", {{"UserName", "s"}, {"SSHPublicKeyId", id}, {"Status", "Inactive"}});
  Ok("DeleteSSHPublicKey", {{"UserName", "s"}, {"SSHPublicKeyId", id}});
  Err("GetSSHPublicKey", {{"UserName", "s"}, {"SSHPublicKeyId", id}, {"Encoding", "SSH"}}, 404,
      "NoSuchEntity");
}

TEST_F(EmuStateCredentialTest, ServiceSpecificCredentials) {
  Ok("CreateUser", {{"UserName", "svc"}});
  Err("CreateServiceSpecificCredential", {{"UserName", "svc"}, {"ServiceName", "s3.amazonaws.com"}},
      404, "NotSupportedService");
  Reply c = Ok("CreateServiceSpecificCredential",
               {{"UserName", "svc"}, {"ServiceName", "codecommit.amazonaws.com"}});
  const std::string base = "CreateServiceSpecificCredentialResult/ServiceSpecificCredential/";
  std::string id = c.Text(base + "ServiceSpecificCredentialId");
  std::string password = c.Text(base + "ServicePassword");
  EXPECT_EQ(c.Text(base + "ServiceUserName"), "svc-at-123456789012");
  EXPECT_FALSE(password.empty());
  Ok("CreateServiceSpecificCredential",
     {{"UserName", "svc"}, {"ServiceName", "codecommit.amazonaws.com"}});
  Err("CreateServiceSpecificCredential",
      {{"UserName", "svc"}, {"ServiceName", "codecommit.amazonaws.com"}}, 409, "LimitExceeded");
  Reply l = Ok("ListServiceSpecificCredentials", {{"UserName", "svc"}});
  EXPECT_EQ(Members(l.Node("ListServiceSpecificCredentialsResult/ServiceSpecificCredentials")), 2);
  EXPECT_EQ(l.body.find(password), std::string::npos);
  Reply reset = Ok("ResetServiceSpecificCredential",
                   {{"UserName", "svc"}, {"ServiceSpecificCredentialId", id}});
  EXPECT_NE(reset.Text("ResetServiceSpecificCredentialResult/ServiceSpecificCredential/"
                       "ServicePassword"),
            password);
  Ok("UpdateServiceSpecificCredential",
     {{"UserName", "svc"}, {"ServiceSpecificCredentialId", id}, {"Status", "Inactive"}});
  Ok("DeleteServiceSpecificCredential", {{"UserName", "svc"}, {"ServiceSpecificCredentialId", id}});
  Err("DeleteServiceSpecificCredential", {{"UserName", "svc"}, {"ServiceSpecificCredentialId", id}},
      404, "NoSuchEntity");
}

TEST_F(EmuStateCredentialTest, VirtualMfaDevices) {
  Ok("CreateUser", {{"UserName", "m"}});
  Reply d = Ok("CreateVirtualMFADevice", {{"VirtualMFADeviceName", "dev1"}});
  const std::string serial = "arn:aws:iam::123456789012:mfa/dev1";
  EXPECT_EQ(d.Text("CreateVirtualMFADeviceResult/VirtualMFADevice/SerialNumber"), serial);
  EXPECT_FALSE(d.Text("CreateVirtualMFADeviceResult/VirtualMFADevice/Base32StringSeed").empty());
  Err("CreateVirtualMFADevice", {{"VirtualMFADeviceName", "DEV1"}}, 409, "EntityAlreadyExists");
  Err("EnableMFADevice",
      {{"UserName", "m"},
       {"SerialNumber", serial},
       {"AuthenticationCode1", "12"},
       {"AuthenticationCode2", "654321"}},
      400, "ValidationError");  // authenticationCodeType: 6 digits
  Err("EnableMFADevice",
      {{"UserName", "m"},
       {"SerialNumber", serial + "x"},
       {"AuthenticationCode1", "123456"},
       {"AuthenticationCode2", "654321"}},
      404, "NoSuchEntity");
  Ok("EnableMFADevice", {{"UserName", "m"},
                         {"SerialNumber", serial},
                         {"AuthenticationCode1", "123456"},
                         {"AuthenticationCode2", "654321"}});
  Reply l = Ok("ListMFADevices", {{"UserName", "m"}});
  EXPECT_EQ(l.Text("ListMFADevicesResult/MFADevices/member/SerialNumber"), serial);
  Reply v = Ok("ListVirtualMFADevices", {{"AssignmentStatus", "Assigned"}});
  EXPECT_EQ(v.Text("ListVirtualMFADevicesResult/VirtualMFADevices/member/User/UserName"), "m");
  v = Ok("ListVirtualMFADevices", {{"AssignmentStatus", "Unassigned"}});
  EXPECT_EQ(Members(v.Node("ListVirtualMFADevicesResult/VirtualMFADevices")), 0);
  Err("DeleteVirtualMFADevice", {{"SerialNumber", serial}}, 409, "DeleteConflict");
  Ok("DeactivateMFADevice", {{"UserName", "m"}, {"SerialNumber", serial}});
  Err("DeactivateMFADevice", {{"UserName", "m"}, {"SerialNumber", serial}}, 404, "NoSuchEntity");
  Ok("DeleteVirtualMFADevice", {{"SerialNumber", serial}});
  Err("DeleteVirtualMFADevice", {{"SerialNumber", serial}}, 404, "NoSuchEntity");
}

}  // namespace
}  // namespace aic::emulator::state::testing
