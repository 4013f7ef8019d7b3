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
                 const PageRequest& page, Parse parse)
    -> Task<Result<decltype(parse(pugi::xml_node()))>> {
  QueryParams p;
  AddIfNotEmpty(p, "UserName", user_name);
  AddPage(p, page);
  co_return co_await CallParse(q, action, p, parse);
}

Task<Status> DeleteForUser(QueryClient& q, std::string_view action, std::string_view user_name,
                           std::string_view id_param, std::string_view id) {
  AIC_CO_RETURN_IF_ERROR(Require(action, id_param, id));
  QueryParams p;
  AddIfNotEmpty(p, "UserName", user_name);
  p.emplace_back(std::string(id_param), std::string(id));
  co_return co_await CallStatus(q, action, p);
}

}  // namespace

Task<Result<AccessKey>> IamClient::CreateAccessKey(std::string_view user_name) {
  QueryParams p;
  AddIfNotEmpty(p, "UserName", user_name);
  co_return co_await CallParse(*query_, "CreateAccessKey", p, iam_parse::AccessKeyResult);
}

Task<Status> IamClient::UpdateAccessKey(std::string_view user_name, std::string_view access_key_id,
                                        std::string_view status) {
  AIC_CO_RETURN_IF_ERROR(Require("UpdateAccessKey", "AccessKeyId", access_key_id));
  AIC_CO_RETURN_IF_ERROR(Require("UpdateAccessKey", "Status", status));
  QueryParams p;
  AddIfNotEmpty(p, "UserName", user_name);
  p.emplace_back("AccessKeyId", std::string(access_key_id));
  p.emplace_back("Status", std::string(status));
  co_return co_await CallStatus(*query_, "UpdateAccessKey", p);
}

Task<Status> IamClient::DeleteAccessKey(std::string_view user_name,
                                        std::string_view access_key_id) {
  co_return co_await DeleteForUser(*query_, "DeleteAccessKey", user_name, "AccessKeyId",
                                   access_key_id);
}

Task<Result<Page<AccessKeyMetadata>>> IamClient::ListAccessKeys(std::string_view user_name,
                                                                const PageRequest& page) {
  co_return co_await ListForUser(*query_, "ListAccessKeys", user_name, page,
                                 iam_parse::ListAccessKeys);
}

Task<Result<Page<MfaDevice>>> IamClient::ListMFADevices(std::string_view user_name,
                                                        const PageRequest& page) {
  co_return co_await ListForUser(*query_, "ListMFADevices", user_name, page,
                                 iam_parse::ListMfaDevices);
}

Task<Status> IamClient::DeactivateMFADevice(std::string_view user_name,
                                            std::string_view serial_number) {
  AIC_CO_RETURN_IF_ERROR(Require("DeactivateMFADevice", "UserName", user_name));
  co_return co_await DeleteForUser(*query_, "DeactivateMFADevice", user_name, "SerialNumber",
                                   serial_number);
}

Task<Status> IamClient::DeleteVirtualMFADevice(std::string_view serial_number) {
  co_return co_await DeleteForUser(*query_, "DeleteVirtualMFADevice", {}, "SerialNumber",
                                   serial_number);
}

Task<Result<Page<SigningCertificate>>> IamClient::ListSigningCertificates(
    std::string_view user_name, const PageRequest& page) {
  co_return co_await ListForUser(*query_, "ListSigningCertificates", user_name, page,
                                 iam_parse::ListSigningCertificates);
}

Task<Status> IamClient::DeleteSigningCertificate(std::string_view user_name,
                                                 std::string_view certificate_id) {
  co_return co_await DeleteForUser(*query_, "DeleteSigningCertificate", user_name, "CertificateId",
                                   certificate_id);
}

Task<Result<Page<SshPublicKeyMetadata>>> IamClient::ListSSHPublicKeys(std::string_view user_name,
                                                                      const PageRequest& page) {
  co_return co_await ListForUser(*query_, "ListSSHPublicKeys", user_name, page,
                                 iam_parse::ListSshPublicKeys);
}

Task<Status> IamClient::DeleteSSHPublicKey(std::string_view user_name,
                                           std::string_view ssh_public_key_id) {
  AIC_CO_RETURN_IF_ERROR(Require("DeleteSSHPublicKey", "UserName", user_name));
  co_return co_await DeleteForUser(*query_, "DeleteSSHPublicKey", user_name, "SSHPublicKeyId",
                                   ssh_public_key_id);
}

Task<Result<Page<ServiceSpecificCredentialMetadata>>> IamClient::ListServiceSpecificCredentials(
    std::string_view user_name, const PageRequest& /*page*/) {
  QueryParams p;
  AddIfNotEmpty(p, "UserName", user_name);
  co_return co_await CallParse(*query_, "ListServiceSpecificCredentials", p,
                               iam_parse::ListServiceSpecificCredentials);
}

Task<Status> IamClient::DeleteServiceSpecificCredential(std::string_view user_name,
                                                        std::string_view credential_id) {
  co_return co_await DeleteForUser(*query_, "DeleteServiceSpecificCredential", user_name,
                                   "ServiceSpecificCredentialId", credential_id);
}

}  // namespace aic
