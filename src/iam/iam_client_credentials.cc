// IamClient: access keys, MFA devices, signing certificates, SSH public keys and
// service-specific credentials.
#include "aws_iam_connector/iam_client.h"
#include "iam/iam_call.h"
#include "iam/iam_parsers.h"

namespace aic {

using iam_internal::AddPage;
using iam_internal::CallParse;
using iam_internal::CallStatus;
using iam_internal::Require;

namespace {

// A user-scoped list whose UserName is optional in AWS (empty: the caller's own).
template <class Parse>
auto ListForUser(QueryClient& q, std::string_view action, std::string_view user_name,
                 const PageRequest& page, Parse&& parse)
    -> Result<decltype(parse(pugi::xml_node()))> {
  QueryParams p;
  AddIfNotEmpty(p, "UserName", user_name);
  AddPage(p, page);
  return CallParse(q, action, p, parse);
}

Status DeleteForUser(QueryClient& q, std::string_view action, std::string_view user_name,
                     std::string_view id_param, std::string_view id) {
  AIC_RETURN_IF_ERROR(Require(action, id_param, id));
  QueryParams p;
  AddIfNotEmpty(p, "UserName", user_name);
  p.emplace_back(std::string(id_param), std::string(id));
  return CallStatus(q, action, p);
}

}  // namespace

Result<AccessKey> IamClient::CreateAccessKey(std::string_view user_name) {
  QueryParams p;
  AddIfNotEmpty(p, "UserName", user_name);
  return CallParse(*query_, "CreateAccessKey", p, iam_parse::AccessKeyResult);
}

Status IamClient::UpdateAccessKey(std::string_view user_name, std::string_view access_key_id,
                                  std::string_view status) {
  AIC_RETURN_IF_ERROR(Require("UpdateAccessKey", "AccessKeyId", access_key_id));
  AIC_RETURN_IF_ERROR(Require("UpdateAccessKey", "Status", status));
  QueryParams p;
  AddIfNotEmpty(p, "UserName", user_name);
  p.emplace_back("AccessKeyId", std::string(access_key_id));
  p.emplace_back("Status", std::string(status));
  return CallStatus(*query_, "UpdateAccessKey", p);
}

Status IamClient::DeleteAccessKey(std::string_view user_name, std::string_view access_key_id) {
  return DeleteForUser(*query_, "DeleteAccessKey", user_name, "AccessKeyId", access_key_id);
}

Result<Page<AccessKeyMetadata>> IamClient::ListAccessKeys(std::string_view user_name,
                                                          const PageRequest& page) {
  return ListForUser(*query_, "ListAccessKeys", user_name, page, iam_parse::ListAccessKeys);
}

Result<Page<MfaDevice>> IamClient::ListMFADevices(std::string_view user_name,
                                                  const PageRequest& page) {
  return ListForUser(*query_, "ListMFADevices", user_name, page, iam_parse::ListMfaDevices);
}

Status IamClient::DeactivateMFADevice(std::string_view user_name, std::string_view serial_number) {
  AIC_RETURN_IF_ERROR(Require("DeactivateMFADevice", "UserName", user_name));
  return DeleteForUser(*query_, "DeactivateMFADevice", user_name, "SerialNumber", serial_number);
}

Status IamClient::DeleteVirtualMFADevice(std::string_view serial_number) {
  return DeleteForUser(*query_, "DeleteVirtualMFADevice", {}, "SerialNumber", serial_number);
}

Result<Page<SigningCertificate>> IamClient::ListSigningCertificates(std::string_view user_name,
                                                                    const PageRequest& page) {
  return ListForUser(*query_, "ListSigningCertificates", user_name, page,
                     iam_parse::ListSigningCertificates);
}

Status IamClient::DeleteSigningCertificate(std::string_view user_name,
                                           std::string_view certificate_id) {
  return DeleteForUser(*query_, "DeleteSigningCertificate", user_name, "CertificateId",
                       certificate_id);
}

Result<Page<SshPublicKeyMetadata>> IamClient::ListSSHPublicKeys(std::string_view user_name,
                                                                const PageRequest& page) {
  return ListForUser(*query_, "ListSSHPublicKeys", user_name, page, iam_parse::ListSshPublicKeys);
}

Status IamClient::DeleteSSHPublicKey(std::string_view user_name,
                                     std::string_view ssh_public_key_id) {
  AIC_RETURN_IF_ERROR(Require("DeleteSSHPublicKey", "UserName", user_name));
  return DeleteForUser(*query_, "DeleteSSHPublicKey", user_name, "SSHPublicKeyId",
                       ssh_public_key_id);
}

Result<Page<ServiceSpecificCredentialMetadata>> IamClient::ListServiceSpecificCredentials(
    std::string_view user_name, const PageRequest& /*page*/) {
  QueryParams p;
  AddIfNotEmpty(p, "UserName", user_name);
  return CallParse(*query_, "ListServiceSpecificCredentials", p,
                   iam_parse::ListServiceSpecificCredentials);
}

Status IamClient::DeleteServiceSpecificCredential(std::string_view user_name,
                                                  std::string_view credential_id) {
  return DeleteForUser(*query_, "DeleteServiceSpecificCredential", user_name,
                       "ServiceSpecificCredentialId", credential_id);
}

}  // namespace aic
