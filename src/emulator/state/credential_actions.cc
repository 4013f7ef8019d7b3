// A user's credentials: access keys, signing certificates, SSH public keys, service-specific
// credentials, and MFA devices (virtual devices: create, enable, list, deactivate, delete).
#include <sodium.h>

#include <algorithm>

#include "common/text_codec.h"
#include "emulator/state/action_context.h"
#include "emulator/state/qr_png.h"

namespace aic::emulator::state {
namespace {

constexpr std::size_t kSecretKeyLength = 40;
constexpr std::size_t kServicePasswordLength = 44;
constexpr std::size_t kCertificateIdLength = 32;
constexpr std::size_t kMfaSeedLength = 64;
constexpr std::size_t kMaxMfaDevicesPerUser = 8;

template <class T>
T* FindById(std::vector<T>& items, const std::string& id) {
  for (auto& i : items) {
    if (i.id == id) return &i;
  }
  return nullptr;
}

// ---- access keys ----

Status NoSuchKey(const std::string& id) {
  return NoSuchEntity("The Access Key with id " + id + " cannot be found.");
}

// The user that owns the key named by AccessKeyId (UserName, when given, must own it).
Result<std::pair<User*, AccessKey*>> KeyParam(Ctx& ctx) {
  EMU_ASSIGN(id, Required(ctx, "AccessKeyId"));
  User* u = nullptr;
  if (ctx.Param("UserName") != nullptr) {
    EMU_ASSIGN(named, UserParam(ctx));
    u = named;
  } else {
    auto owner = ctx.st.key_owner.find(id);
    if (owner == ctx.st.key_owner.end()) return NoSuchKey(id);
    u = ctx.st.users_by_id.at(owner->second);
  }
  AccessKey* k = FindById(u->access_keys, id);
  if (k == nullptr) return NoSuchKey(id);
  return std::make_pair(u, k);
}

Result<std::string> CreateAccessKey(Ctx& ctx) {
  EMU_ASSIGN(u, UserParamOrCaller(ctx));
  if (u->access_keys.size() >= kMaxAccessKeysPerUser) {
    return LimitExceeded("Cannot exceed quota for AccessKeysPerUser: " +
                         std::to_string(kMaxAccessKeysPerUser));
  }
  AccessKey k;
  k.id = NewId("AKIA", 20);
  k.secret = RandomString(kSecretKeyLength, true);
  k.created = ctx.now;
  u->access_keys.push_back(k);
  ctx.st.key_owner[k.id] = u->id;
  ctx.dirty.users.insert(u->id);
  XmlWriter w = BeginResult(ctx);
  w.Open("AccessKey");
  w.Element("UserName", u->name);
  w.Element("AccessKeyId", k.id);
  w.Element("Status", k.status);
  w.Element("SecretAccessKey", k.secret);
  w.Element("CreateDate", text::FormatIso8601(k.created));
  w.Close();
  WipeString(k.secret);
  return EndResult(ctx, std::move(w));
}

Result<std::string> ListAccessKeys(Ctx& ctx) {
  EMU_ASSIGN(u, UserParamOrCaller(ctx));
  EMU_ASSIGN(page, PageIndex(ctx, u->access_keys.size()));
  XmlWriter w = BeginResult(ctx);
  w.Open("AccessKeyMetadata");
  for (std::size_t i = page.begin; i < page.end; ++i) {
    const AccessKey& k = u->access_keys[i];
    w.Open("member");
    w.Element("UserName", u->name);
    w.Element("AccessKeyId", k.id);
    w.Element("Status", k.status);
    w.Element("CreateDate", text::FormatIso8601(k.created));
    w.Close();
  }
  w.Close();
  WritePaging(w, page.page);
  return EndResult(ctx, std::move(w));
}

Result<std::string> UpdateAccessKey(Ctx& ctx) {
  EMU_ASSIGN(status, RequiredStatus(ctx));
  EMU_ASSIGN(found, KeyParam(ctx));
  found.second->status = status;
  ctx.dirty.users.insert(found.first->id);
  return EmptyResult(ctx);
}

Result<std::string> DeleteAccessKey(Ctx& ctx) {
  EMU_ASSIGN(found, KeyParam(ctx));
  auto [u, k] = found;
  ctx.st.key_owner.erase(k->id);
  std::erase_if(u->access_keys, [key = k](const AccessKey& a) { return &a == key; });
  ctx.dirty.users.insert(u->id);
  return EmptyResult(ctx);
}

Result<std::string> GetAccessKeyLastUsed(Ctx& ctx) {
  EMU_ASSIGN(id, Required(ctx, "AccessKeyId"));
  auto owner = ctx.st.key_owner.find(id);
  if (owner == ctx.st.key_owner.end()) return NoSuchKey(id);
  XmlWriter w = BeginResult(ctx);
  w.Element("UserName", ctx.st.users_by_id.at(owner->second)->name);
  // Never used: AWS leaves LastUsedDate out and answers "N/A" for the service and region.
  const User& u = *ctx.st.users_by_id.at(owner->second);
  const AccessKey* key = nullptr;
  for (const auto& k : u.access_keys) {
    if (k.id == id) key = &k;
  }
  w.Open("AccessKeyLastUsed");
  if (key != nullptr && key->last_used) {
    w.Element("LastUsedDate", text::FormatIso8601(key->last_used->date));
    w.Element("ServiceName", key->last_used->service);
    w.Element("Region", key->last_used->region);
  } else {
    w.Element("ServiceName", "N/A");
    w.Element("Region", "N/A");
  }
  w.Close();
  return EndResult(ctx, std::move(w));
}

// ---- signing certificates ----

void WriteCertificate(XmlWriter& w, const User& u, const SigningCertificate& c,
                      std::string_view element) {
  w.Open(element);
  w.Element("UserName", u.name);
  w.Element("CertificateId", c.id);
  w.Element("CertificateBody", c.body);
  w.Element("Status", c.status);
  w.Element("UploadDate", text::FormatIso8601(c.uploaded));
  w.Close();
}

Result<std::string> UploadSigningCertificate(Ctx& ctx) {
  EMU_ASSIGN(u, UserParamOrCaller(ctx));
  EMU_ASSIGN(body, Required(ctx, "CertificateBody"));
  if (body.find("-----BEGIN CERTIFICATE-----") == std::string::npos ||
      body.find("-----END CERTIFICATE-----") == std::string::npos) {
    return AwsError("MalformedCertificate", 400, "Certificate body is malformed.");
  }
  for (const auto& c : u->certificates) {
    if (c.body == body)
      return AwsError("DuplicateCertificate", 409, "The certificate is a duplicate.");
  }
  if (u->certificates.size() >= kMaxSigningCertificatesPerUser) {
    return LimitExceeded("Cannot exceed quota for CertificatesPerUser: " +
                         std::to_string(kMaxSigningCertificatesPerUser));
  }
  u->certificates.push_back({NewId("", kCertificateIdLength), body, "Active", ctx.now});
  ctx.dirty.users.insert(u->id);
  XmlWriter w = BeginResult(ctx);
  WriteCertificate(w, *u, u->certificates.back(), "Certificate");
  return EndResult(ctx, std::move(w));
}

Result<std::string> ListSigningCertificates(Ctx& ctx) {
  EMU_ASSIGN(u, UserParamOrCaller(ctx));
  EMU_ASSIGN(page, PageIndex(ctx, u->certificates.size()));
  XmlWriter w = BeginResult(ctx);
  w.Open("Certificates");
  for (std::size_t i = page.begin; i < page.end; ++i) {
    WriteCertificate(w, *u, u->certificates[i], "member");
  }
  w.Close();
  WritePaging(w, page.page);
  return EndResult(ctx, std::move(w));
}

Result<SigningCertificate*> CertificateParam(Ctx& ctx, User* u) {
  EMU_ASSIGN(id, Required(ctx, "CertificateId"));
  SigningCertificate* c = FindById(u->certificates, id);
  if (c == nullptr) {
    return NoSuchEntity("The Certificate with id " + id + " cannot be found.");
  }
  return c;
}

Result<std::string> UpdateSigningCertificate(Ctx& ctx) {
  EMU_ASSIGN(u, UserParamOrCaller(ctx));
  EMU_ASSIGN(status, RequiredStatus(ctx));
  EMU_ASSIGN(c, CertificateParam(ctx, u));
  c->status = status;
  ctx.dirty.users.insert(u->id);
  return EmptyResult(ctx);
}

Result<std::string> DeleteSigningCertificate(Ctx& ctx) {
  EMU_ASSIGN(u, UserParamOrCaller(ctx));
  EMU_ASSIGN(c, CertificateParam(ctx, u));
  std::erase_if(u->certificates, [&](const SigningCertificate& x) { return &x == c; });
  ctx.dirty.users.insert(u->id);
  return EmptyResult(ctx);
}

// ---- SSH public keys ----

// AWS shows the MD5 fingerprint of the key; the emulator shows a 16-byte BLAKE2b digest of the
// body in the same "xx:xx:..." form.
std::string Fingerprint(std::string_view body) {
  unsigned char digest[16];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(body.data()),
                     body.size(), nullptr, 0);
  const std::string hex =
      text::HexEncode(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    if (!out.empty()) out += ':';
    out.append(hex, i, 2);
  }
  return out;
}

void WriteSshKey(XmlWriter& w, const User& u, const SshPublicKey& k, bool full,
                 std::string_view element) {
  w.Open(element);
  w.Element("UserName", u.name);
  w.Element("SSHPublicKeyId", k.id);
  if (full) {
    w.Element("Fingerprint", k.fingerprint);
    w.Element("SSHPublicKeyBody", k.body);
  }
  w.Element("Status", k.status);
  w.Element("UploadDate", text::FormatIso8601(k.uploaded));
  w.Close();
}

Result<std::string> UploadSSHPublicKey(Ctx& ctx) {
  EMU_ASSIGN(u, UserParam(ctx));
  EMU_ASSIGN(body, Required(ctx, "SSHPublicKeyBody"));
  if (body.rfind("ssh-rsa ", 0) != 0 && body.rfind("ssh-ed25519 ", 0) != 0 &&
      body.rfind("ecdsa-sha2-", 0) != 0) {
    return AwsError("InvalidPublicKey", 400, "The public key is not valid.");
  }
  for (const auto& k : u->ssh_keys) {
    if (k.body == body) {
      return AwsError("DuplicateSSHPublicKey", 400, "The SSH public key is a duplicate.");
    }
  }
  if (u->ssh_keys.size() >= kMaxSshKeysPerUser) {
    return LimitExceeded("Cannot exceed quota for SSHPublicKeysPerUser: " +
                         std::to_string(kMaxSshKeysPerUser));
  }
  u->ssh_keys.push_back({NewId("APKA"), body, Fingerprint(body), "Active", ctx.now});
  ctx.dirty.users.insert(u->id);
  XmlWriter w = BeginResult(ctx);
  WriteSshKey(w, *u, u->ssh_keys.back(), true, "SSHPublicKey");
  return EndResult(ctx, std::move(w));
}

Result<std::string> ListSSHPublicKeys(Ctx& ctx) {
  EMU_ASSIGN(u, UserParamOrCaller(ctx));
  EMU_ASSIGN(page, PageIndex(ctx, u->ssh_keys.size()));
  XmlWriter w = BeginResult(ctx);
  w.Open("SSHPublicKeys");
  for (std::size_t i = page.begin; i < page.end; ++i) {
    WriteSshKey(w, *u, u->ssh_keys[i], false, "member");
  }
  w.Close();
  WritePaging(w, page.page);
  return EndResult(ctx, std::move(w));
}

Result<SshPublicKey*> SshKeyParam(Ctx& ctx, User* u) {
  EMU_ASSIGN(id, Required(ctx, "SSHPublicKeyId"));
  SshPublicKey* k = FindById(u->ssh_keys, id);
  if (k == nullptr) {
    return NoSuchEntity("The Public Key with id " + id + " cannot be found.");
  }
  return k;
}

Result<std::string> GetSSHPublicKey(Ctx& ctx) {
  EMU_ASSIGN(u, UserParam(ctx));
  EMU_ASSIGN(encoding, Required(ctx, "Encoding"));
  if (encoding != "SSH" && encoding != "PEM") {
    return AwsError("UnrecognizedPublicKeyEncoding", 400,
                    "The encoding " + encoding + " is not recognized.");
  }
  EMU_ASSIGN(k, SshKeyParam(ctx, u));
  XmlWriter w = BeginResult(ctx);
  WriteSshKey(w, *u, *k, true, "SSHPublicKey");
  return EndResult(ctx, std::move(w));
}

Result<std::string> UpdateSSHPublicKey(Ctx& ctx) {
  EMU_ASSIGN(u, UserParam(ctx));
  EMU_ASSIGN(status, RequiredStatus(ctx));
  EMU_ASSIGN(k, SshKeyParam(ctx, u));
  k->status = status;
  ctx.dirty.users.insert(u->id);
  return EmptyResult(ctx);
}

Result<std::string> DeleteSSHPublicKey(Ctx& ctx) {
  EMU_ASSIGN(u, UserParam(ctx));
  EMU_ASSIGN(k, SshKeyParam(ctx, u));
  std::erase_if(u->ssh_keys, [&](const SshPublicKey& x) { return &x == k; });
  ctx.dirty.users.insert(u->id);
  return EmptyResult(ctx);
}

// ---- service-specific credentials ----

bool SupportedService(std::string_view s) {
  return s == "codecommit.amazonaws.com" || s == "cassandra.amazonaws.com";
}

void WriteServiceCredential(XmlWriter& w, const User& u, const ServiceCredential& c,
                            const std::string* password, std::string_view element) {
  w.Open(element);
  if (password != nullptr) {
    // ServiceSpecificCredential: CreateDate, ServiceName, ServiceUserName, ServicePassword,
    // ServiceSpecificCredentialId, UserName, Status.
    w.Element("CreateDate", text::FormatIso8601(c.created));
    w.Element("ServiceName", c.service_name);
    w.Element("ServiceUserName", c.service_user_name);
    w.Element("ServicePassword", *password);
    w.Element("ServiceSpecificCredentialId", c.id);
    w.Element("UserName", u.name);
    w.Element("Status", c.status);
  } else {
    // ServiceSpecificCredentialMetadata: UserName, Status, ServiceUserName, CreateDate,
    // ServiceSpecificCredentialId, ServiceName.
    w.Element("UserName", u.name);
    w.Element("Status", c.status);
    w.Element("ServiceUserName", c.service_user_name);
    w.Element("CreateDate", text::FormatIso8601(c.created));
    w.Element("ServiceSpecificCredentialId", c.id);
    w.Element("ServiceName", c.service_name);
  }
  w.Close();
}

Result<std::string> CreateServiceSpecificCredential(Ctx& ctx) {
  EMU_ASSIGN(u, UserParam(ctx));
  EMU_ASSIGN(service, Required(ctx, "ServiceName"));
  if (!SupportedService(service)) {
    return AwsError("NotSupportedService", 404,
                    "No such service " + service +
                        " is supported for Service Specific "
                        "Credentials");
  }
  std::size_t n =
      std::count_if(u->service_credentials.begin(), u->service_credentials.end(),
                    [&](const ServiceCredential& c) { return c.service_name == service; });
  if (n >= kMaxServiceCredentialsPerService) {
    return LimitExceeded("Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: " +
                         std::to_string(kMaxServiceCredentialsPerService));
  }
  u->service_credentials.push_back(
      {NewId("ACCA"), service, u->name + "-at-" + ctx.account, "Active", ctx.now});
  ctx.dirty.users.insert(u->id);
  std::string password = RandomString(kServicePasswordLength, true);
  XmlWriter w = BeginResult(ctx);
  WriteServiceCredential(w, *u, u->service_credentials.back(), &password,
                         "ServiceSpecificCredential");
  WipeString(password);
  return EndResult(ctx, std::move(w));
}

Result<std::string> ListServiceSpecificCredentials(Ctx& ctx) {
  EMU_ASSIGN(u, UserParamOrCaller(ctx));
  const std::string* service = ctx.Param("ServiceName");
  XmlWriter w = BeginResult(ctx);
  w.Open("ServiceSpecificCredentials");
  for (const auto& c : u->service_credentials) {
    if (service == nullptr || c.service_name == *service) {
      WriteServiceCredential(w, *u, c, nullptr, "member");
    }
  }
  w.Close();
  return EndResult(ctx, std::move(w));
}

Result<ServiceCredential*> ServiceCredentialParam(Ctx& ctx, User* u) {
  EMU_ASSIGN(id, Required(ctx, "ServiceSpecificCredentialId"));
  ServiceCredential* c = FindById(u->service_credentials, id);
  if (c == nullptr) {
    return NoSuchEntity("No such credential " + id + " exists");
  }
  return c;
}

Result<std::string> UpdateServiceSpecificCredential(Ctx& ctx) {
  EMU_ASSIGN(u, UserParamOrCaller(ctx));
  EMU_ASSIGN(status, RequiredStatus(ctx));
  EMU_ASSIGN(c, ServiceCredentialParam(ctx, u));
  c->status = status;
  ctx.dirty.users.insert(u->id);
  return EmptyResult(ctx);
}

Result<std::string> ResetServiceSpecificCredential(Ctx& ctx) {
  EMU_ASSIGN(u, UserParamOrCaller(ctx));
  EMU_ASSIGN(c, ServiceCredentialParam(ctx, u));
  std::string password = RandomString(kServicePasswordLength, true);
  XmlWriter w = BeginResult(ctx);
  WriteServiceCredential(w, *u, *c, &password, "ServiceSpecificCredential");
  WipeString(password);
  return EndResult(ctx, std::move(w));
}

Result<std::string> DeleteServiceSpecificCredential(Ctx& ctx) {
  EMU_ASSIGN(u, UserParamOrCaller(ctx));
  EMU_ASSIGN(c, ServiceCredentialParam(ctx, u));
  std::erase_if(u->service_credentials, [&](const ServiceCredential& x) { return &x == c; });
  ctx.dirty.users.insert(u->id);
  return EmptyResult(ctx);
}

// ---- MFA devices ----

// qr_png: CreateVirtualMFADevice's QRCodePNG (the PNG's bytes), written after the seed.
void WriteVirtualMfa(XmlWriter& w, const Ctx& ctx, const VirtualMfaDevice& d, bool with_seed,
                     std::string_view element, const std::string* qr_png = nullptr) {
  w.Open(element);
  w.Element("SerialNumber", d.serial);
  if (with_seed) w.Element("Base32StringSeed", text::Base64Encode(d.seed));
  if (qr_png != nullptr) w.Element("QRCodePNG", text::Base64Encode(*qr_png));
  if (!d.user_id.empty()) {
    auto it = ctx.st.users_by_id.find(d.user_id);
    if (it != ctx.st.users_by_id.end()) WriteUser(w, ctx, *it->second, "User");
    w.Element("EnableDate", text::FormatIso8601(d.enabled));
  }
  if (!d.tags.empty()) WriteTags(w, d.tags);
  w.Close();
}

Result<std::string> CreateVirtualMFADevice(Ctx& ctx) {
  EMU_ASSIGN(name, RequiredName(ctx, "VirtualMFADeviceName", kMaxGroupNameLength));
  EMU_ASSIGN(path, OptionalPath(ctx, "Path"));
  EMU_ASSIGN(tags, TagList(ctx));
  std::string serial = "arn:aws:iam::" + ctx.account + ":mfa" + path + name;
  for (const auto& [s, d] : ctx.st.mfa_devices) {
    if (text::AsciiLower(s) == text::AsciiLower(serial)) {
      return AlreadyExists("MFADevice entity at the same path and name already exists.");
    }
  }
  VirtualMfaDevice d;
  d.serial = serial;
  d.seed = NewId("", kMfaSeedLength);  // the base32 alphabet
  d.tags = std::move(tags);
  // AWS's CreateVirtualMFADevice page: the QR code encodes
  // otpauth://totp/$virtualMFADeviceName@$AccountName?secret=$Base32String, AccountName being
  // the account ID while no user has the device.
  EMU_ASSIGN(png, QrCodePng(MfaOtpauthUri(name, ctx.account, d.seed)));
  auto& stored = ctx.st.mfa_devices.emplace(serial, std::move(d)).first->second;
  ctx.dirty.mfa_devices.insert(serial);
  XmlWriter w = BeginResult(ctx);
  WriteVirtualMfa(w, ctx, stored, true, "VirtualMFADevice", &png);
  return EndResult(ctx, std::move(w));
}

bool ValidCode(const std::string& code) {
  return code.size() == 6 &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Result<std::string> EnableMFADevice(Ctx& ctx) {
  EMU_ASSIGN(u, UserParam(ctx));
  EMU_ASSIGN(serial, Required(ctx, "SerialNumber"));
  EMU_ASSIGN(code1, Required(ctx, "AuthenticationCode1"));
  EMU_ASSIGN(code2, Required(ctx, "AuthenticationCode2"));
  auto it = ctx.st.mfa_devices.find(serial);
  if (it == ctx.st.mfa_devices.end()) {
    return NoSuchEntity("VirtualMFADevice with serial number " + serial + " doesn't exist.");
  }
  if (!it->second.user_id.empty()) {
    return AlreadyExists("MFA Device is already in use.");
  }
  if (!ValidCode(code1) || !ValidCode(code2)) {
    return AwsError("InvalidAuthenticationCode", 403,
                    "Authentication code for device is not valid.");
  }
  if (u->mfa_devices.size() >= kMaxMfaDevicesPerUser) {
    return LimitExceeded("Cannot exceed quota for MFADevicesPerUser: " +
                         std::to_string(kMaxMfaDevicesPerUser));
  }
  it->second.user_id = u->id;
  it->second.enabled = ctx.now;
  u->mfa_devices.push_back({serial, ctx.now});
  ctx.dirty.users.insert(u->id);
  ctx.dirty.mfa_devices.insert(serial);
  return EmptyResult(ctx);
}

Result<std::string> ListMFADevices(Ctx& ctx) {
  EMU_ASSIGN(u, UserParamOrCaller(ctx));
  EMU_ASSIGN(page, PageIndex(ctx, u->mfa_devices.size()));
  XmlWriter w = BeginResult(ctx);
  w.Open("MFADevices");
  for (std::size_t i = page.begin; i < page.end; ++i) {
    w.Open("member");
    w.Element("UserName", u->name);
    w.Element("SerialNumber", u->mfa_devices[i].serial);
    w.Element("EnableDate", text::FormatIso8601(u->mfa_devices[i].enabled));
    w.Close();
  }
  w.Close();
  WritePaging(w, page.page);
  return EndResult(ctx, std::move(w));
}

Result<std::string> DeactivateMFADevice(Ctx& ctx) {
  EMU_ASSIGN(u, UserParam(ctx));
  EMU_ASSIGN(serial, Required(ctx, "SerialNumber"));
  auto it = std::find_if(u->mfa_devices.begin(), u->mfa_devices.end(),
                         [&](const MfaAssignment& m) { return m.serial == serial; });
  if (it == u->mfa_devices.end()) {
    return NoSuchEntity("MFA Device with serial number " + serial + " does not exist.");
  }
  u->mfa_devices.erase(it);
  if (auto d = ctx.st.mfa_devices.find(serial); d != ctx.st.mfa_devices.end()) {
    d->second.user_id.clear();
    d->second.enabled = 0;
    ctx.dirty.mfa_devices.insert(serial);
  }
  ctx.dirty.users.insert(u->id);
  return EmptyResult(ctx);
}

Result<std::string> DeleteVirtualMFADevice(Ctx& ctx) {
  EMU_ASSIGN(serial, Required(ctx, "SerialNumber"));
  auto it = ctx.st.mfa_devices.find(serial);
  if (it == ctx.st.mfa_devices.end()) {
    return NoSuchEntity("VirtualMFADevice with serial number " + serial + " doesn't exist.");
  }
  if (!it->second.user_id.empty()) return DeleteConflict("MFA device is still in use.");
  ctx.st.mfa_devices.erase(it);
  ctx.dirty.mfa_devices.insert(serial);
  return EmptyResult(ctx);
}

Result<std::string> ListVirtualMFADevices(Ctx& ctx) {
  EMU_ASSIGN(max, MaxItems(ctx));
  EMU_ASSIGN(start, MarkerKey(ctx));
  std::string status = "Any";
  if (const std::string* s = ctx.Param("AssignmentStatus")) status = *s;
  if (status != "Any" && status != "Assigned" && status != "Unassigned") {
    return ValidationError("1 validation error detected: Value '" + status +
                           "' at 'assignmentStatus' failed to satisfy constraint: Member must "
                           "satisfy enum value set: [Unassigned, Any, Assigned]");
  }
  XmlWriter w = BeginResult(ctx);
  w.Open("VirtualMFADevices");
  PageEnd end = PageMap(
      ctx.st.mfa_devices, start, max,
      [&](const VirtualMfaDevice& d) {
        return status == "Any" || (status == "Assigned") == !d.user_id.empty();
      },
      [&](const VirtualMfaDevice& d) { WriteVirtualMfa(w, ctx, d, false, "member"); });
  w.Close();
  WritePaging(w, end);
  return EndResult(ctx, std::move(w));
}

}  // namespace

void RegisterCredentialActions(ActionTable& t) {
  t["CreateAccessKey"] = {CreateAccessKey, true};
  t["ListAccessKeys"] = {ListAccessKeys, false};
  t["UpdateAccessKey"] = {UpdateAccessKey, true};
  t["DeleteAccessKey"] = {DeleteAccessKey, true};
  t["GetAccessKeyLastUsed"] = {GetAccessKeyLastUsed, false};
  t["UploadSigningCertificate"] = {UploadSigningCertificate, true};
  t["ListSigningCertificates"] = {ListSigningCertificates, false};
  t["UpdateSigningCertificate"] = {UpdateSigningCertificate, true};
  t["DeleteSigningCertificate"] = {DeleteSigningCertificate, true};
  t["UploadSSHPublicKey"] = {UploadSSHPublicKey, true};
  t["ListSSHPublicKeys"] = {ListSSHPublicKeys, false};
  t["GetSSHPublicKey"] = {GetSSHPublicKey, false};
  t["UpdateSSHPublicKey"] = {UpdateSSHPublicKey, true};
  t["DeleteSSHPublicKey"] = {DeleteSSHPublicKey, true};
  t["CreateServiceSpecificCredential"] = {CreateServiceSpecificCredential, true};
  t["ListServiceSpecificCredentials"] = {ListServiceSpecificCredentials, false};
  t["UpdateServiceSpecificCredential"] = {UpdateServiceSpecificCredential, true};
  t["ResetServiceSpecificCredential"] = {ResetServiceSpecificCredential, true};
  t["DeleteServiceSpecificCredential"] = {DeleteServiceSpecificCredential, true};
  t["CreateVirtualMFADevice"] = {CreateVirtualMFADevice, true};
  t["EnableMFADevice"] = {EnableMFADevice, true};
  t["ListMFADevices"] = {ListMFADevices, false};
  t["DeactivateMFADevice"] = {DeactivateMFADevice, true};
  t["DeleteVirtualMFADevice"] = {DeleteVirtualMFADevice, true};
  t["ListVirtualMFADevices"] = {ListVirtualMFADevices, false};
}

}  // namespace aic::emulator::state
