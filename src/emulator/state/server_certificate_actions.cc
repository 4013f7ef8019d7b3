// Server certificates (UploadServerCertificate and friends).
//
// Upload parses the PEM certificate, the optional PEM chain and the PEM private key with
// OpenSSL 3: a body that is not one PEM X.509 certificate is MalformedCertificate "Unable to
// parse certificate. Please ensure the certificate is in PEM format." (AWS's text); a chain
// whose first certificate did not sign the body, or whose certificates are not each signed by
// the next, is MalformedCertificate "Unable to validate certificate chain. ..." (AWS's text); a
// key that is not a PEM private key is MalformedCertificate, and one that does not belong to the
// certificate KeyPairMismatch. Expiration is the certificate's notAfter. The private key is
// checked and dropped: it is never stored, logged, echoed in an error or returned.
//
// Names are unique case-insensitively (IamState::server_certificates is keyed by the lower-cased
// name); the ARN is arn:PARTITION:iam::ACCOUNT:server-certificate{path}{name}; the id ASCA...
// At most kMaxServerCertificatesPerAccount (AWS's default quota, 20).
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <ctime>
#include <memory>
#include <optional>

#include "common/text_codec.h"
#include "emulator/state/action_context.h"
#include "emulator/state/provider_util.h"

namespace aic::emulator::state {
namespace {

// The model: serverCertificateNameType 1..128, certificateBodyType and privateKeyType
// 1..16384, certificateChainType 1..2097152.
constexpr std::size_t kMaxServerCertificateNameLength = 128;
constexpr std::size_t kMaxCertificateBodyLength = 16384;
constexpr std::size_t kMaxPrivateKeyLength = 16384;
constexpr std::size_t kMaxCertificateChainLength = 2097152;
// AWS's quota "Server certificates stored in an AWS account" (GetAccountSummary's
// ServerCertificatesQuota).
constexpr std::size_t kMaxServerCertificatesPerAccount = 20;

constexpr std::string_view kMalformedBody =
    "Unable to parse certificate. Please ensure the certificate is in PEM format.";
constexpr std::string_view kMalformedChain =
    "Unable to validate certificate chain. The certificate chain must start with the immediate "
    "signing certificate, followed by any intermediaries in order. The index within the chain "
    "of the invalid certificate is: ";
constexpr std::string_view kMalformedKey =
    "Unable to parse private key. Please ensure the private key is in PEM format.";
constexpr std::string_view kKeyMismatch =
    "The private key did not match the public key in the certificate.";

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

// Never asks for a passphrase (OpenSSL's default callback would read the terminal): an
// encrypted key is a key we cannot parse.
int NoPassphrase(char* /*buf*/, int /*size*/, int /*rwflag*/, void* /*u*/) { return 0; }

BioPtr MemBio(std::string_view pem) {
  return BioPtr(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

bool OnlyWhitespaceLeft(BIO* bio) {
  char c = 0;
  while (BIO_read(bio, &c, 1) == 1) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

// Every PEM certificate in `pem` (at least one; nothing else but whitespace around them).
std::vector<X509Ptr> ParseCertificates(std::string_view pem) {
  std::vector<X509Ptr> certs;
  BioPtr bio = MemBio(pem);
  if (!bio) return certs;
  while (true) {
    X509* x = PEM_read_bio_X509(bio.get(), nullptr, NoPassphrase, nullptr);
    if (x == nullptr) break;
    certs.emplace_back(x);
  }
  ERR_clear_error();
  return certs;
}

Status Malformed(std::string message) {
  return AwsError("MalformedCertificate", 400, std::move(message));
}

Time NotAfter(const X509* cert) {
  std::tm tm{};
  if (ASN1_TIME_to_tm(X509_get0_notAfter(cert), &tm) != 1) return 0;
  return static_cast<Time>(timegm(&tm));
}

// The checks of UploadServerCertificate's PEM inputs; the certificate's notAfter when they pass.
Result<Time> CheckCertificateMaterial(std::string_view body, std::string_view chain,
                                      std::string_view key) {
  std::vector<X509Ptr> certs = ParseCertificates(body);
  if (certs.size() != 1) return Malformed(std::string(kMalformedBody));
  X509* cert = certs.front().get();
  if (!chain.empty()) {
    std::vector<X509Ptr> chained = ParseCertificates(chain);
    if (chained.empty()) return Malformed(std::string(kMalformedChain) + "-1");
    X509* child = cert;
    for (std::size_t i = 0; i < chained.size(); ++i) {
      EVP_PKEY* issuer_key = X509_get0_pubkey(chained[i].get());
      if (issuer_key == nullptr || X509_verify(child, issuer_key) != 1) {
        ERR_clear_error();
        return Malformed(std::string(kMalformedChain) + std::to_string(i));
      }
      child = chained[i].get();
    }
  }
  BioPtr bio = MemBio(key);
  PkeyPtr pkey(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassphrase, nullptr) : nullptr);
  if (!pkey || !OnlyWhitespaceLeft(bio.get())) {
    ERR_clear_error();
    return Malformed(std::string(kMalformedKey));
  }
  if (X509_check_private_key(cert, pkey.get()) != 1) {
    ERR_clear_error();
    return AwsError("KeyPairMismatch", 400, std::string(kKeyMismatch));
  }
  return NotAfter(cert);
}

std::string CertificateArn(const Ctx& ctx, const ServerCertificate& c) {
  return ctx.Arn("iam", "server-certificate" + c.path + c.name);
}

Status NoSuchCertificate(std::string_view name) {
  return NoSuchEntity("The Server Certificate with name " + std::string(name) +
                      " cannot be found.");
}

Status CertificateExists(std::string_view name) {
  return AlreadyExists("The Server Certificate with name " + std::string(name) +
                       " already exists.");
}

Result<std::string> CertificateNameParam(const Ctx& ctx, std::string_view param) {
  return RequiredName(ctx, param, kMaxServerCertificateNameLength);
}

Result<ServerCertificate*> CertificateParam(Ctx& ctx) {
  EMU_ASSIGN(name, CertificateNameParam(ctx, "ServerCertificateName"));
  ServerCertificate* c = ctx.st.FindServerCertificate(name);
  if (c == nullptr) return NoSuchCertificate(name);
  return c;
}

void WriteMetadata(XmlWriter& w, const Ctx& ctx, const ServerCertificate& c,
                   std::string_view element) {
  w.Open(element);
  w.Element("Path", c.path);
  w.Element("ServerCertificateName", c.name);
  w.Element("ServerCertificateId", c.id);
  w.Element("Arn", CertificateArn(ctx, c));
  w.Element("UploadDate", text::FormatIso8601(c.uploaded));
  w.Element("Expiration", text::FormatIso8601(c.expiration));
  w.Close();
}

Result<std::string> UploadServerCertificate(Ctx& ctx) {
  EMU_ASSIGN(path, OptionalPath(ctx, "Path"));
  EMU_ASSIGN(name, CertificateNameParam(ctx, "ServerCertificateName"));
  EMU_ASSIGN(body, Required(ctx, "CertificateBody"));
  AIC_RETURN_IF_ERROR(
      CheckLength("CertificateBody", body, 1, kMaxCertificateBodyLength, /*show_value=*/false));
  const std::string* key = ctx.Param("PrivateKey");
  if (key == nullptr) return Required(ctx, "PrivateKey").status();
  AIC_RETURN_IF_ERROR(CheckLength("PrivateKey", *key, 1, kMaxPrivateKeyLength, false));
  std::string chain;
  if (const std::string* c = ctx.Param("CertificateChain")) {
    AIC_RETURN_IF_ERROR(CheckLength("CertificateChain", *c, 1, kMaxCertificateChainLength, false));
    chain = *c;
  }
  EMU_ASSIGN(tags, TagList(ctx));
  if (ctx.st.FindServerCertificate(name) != nullptr) return CertificateExists(name);
  if (ctx.st.server_certificates.size() >= kMaxServerCertificatesPerAccount) {
    return LimitExceeded("Cannot exceed quota for ServerCertificatesPerAccount: " +
                         std::to_string(kMaxServerCertificatesPerAccount));
  }
  EMU_ASSIGN(expiration, CheckCertificateMaterial(body, chain, *key));
  ServerCertificate c;
  c.id = NewId("ASCA");
  c.name = name;
  c.path = path;
  c.body = std::move(body);
  c.chain = std::move(chain);
  c.uploaded = ctx.now;
  c.expiration = expiration;
  c.tags = std::move(tags);
  const ServerCertificate& stored =
      ctx.st.server_certificates.emplace(text::AsciiLower(name), std::move(c)).first->second;
  ctx.dirty.server_certificates.insert(stored.id);
  XmlWriter w = BeginResult(ctx);
  WriteMetadata(w, ctx, stored, "ServerCertificateMetadata");
  if (!stored.tags.empty()) WriteTags(w, stored.tags);
  return EndResult(ctx, std::move(w));
}

Result<std::string> GetServerCertificate(Ctx& ctx) {
  EMU_ASSIGN(c, CertificateParam(ctx));
  XmlWriter w = BeginResult(ctx);
  w.Open("ServerCertificate");
  WriteMetadata(w, ctx, *c, "ServerCertificateMetadata");
  w.Element("CertificateBody", c->body);
  if (!c->chain.empty()) w.Element("CertificateChain", c->chain);
  WriteTags(w, c->tags);
  w.Close();
  return EndResult(ctx, std::move(w));
}

Result<std::string> UpdateServerCertificate(Ctx& ctx) {
  EMU_ASSIGN(name, CertificateNameParam(ctx, "ServerCertificateName"));
  std::string new_name = name;
  if (ctx.Param("NewServerCertificateName") != nullptr) {
    EMU_ASSIGN(n, CertificateNameParam(ctx, "NewServerCertificateName"));
    new_name = n;
  }
  std::optional<std::string> new_path;
  if (ctx.Param("NewPath") != nullptr) {
    EMU_ASSIGN(p, OptionalPath(ctx, "NewPath"));
    new_path = p;
  }
  auto it = ctx.st.server_certificates.find(text::AsciiLower(name));
  if (it == ctx.st.server_certificates.end()) return NoSuchCertificate(name);
  const bool renamed_key = text::AsciiLower(new_name) != it->first;
  if (renamed_key && ctx.st.FindServerCertificate(new_name) != nullptr) {
    return CertificateExists(new_name);
  }
  if (renamed_key) {
    auto node = ctx.st.server_certificates.extract(it);
    node.key() = text::AsciiLower(new_name);
    it = ctx.st.server_certificates.insert(std::move(node)).position;
  }
  ServerCertificate& c = it->second;
  c.name = new_name;
  if (new_path) c.path = *new_path;
  ctx.dirty.server_certificates.insert(c.id);
  return EmptyResult(ctx);
}

Result<std::string> DeleteServerCertificate(Ctx& ctx) {
  EMU_ASSIGN(c, CertificateParam(ctx));
  std::string id = c->id;
  ctx.st.server_certificates.erase(text::AsciiLower(c->name));
  ctx.dirty.server_certificates.insert(id);
  return EmptyResult(ctx);
}

Result<std::string> ListServerCertificates(Ctx& ctx) {
  std::string prefix = "/";
  if (const std::string* p = ctx.Param("PathPrefix")) {
    AIC_RETURN_IF_ERROR(CheckLength("PathPrefix", *p, 1, kMaxPathLength, true));
    if (p->front() != '/') return PatternError("PathPrefix", *p, "\\u002F[\\u0021-\\u007F]*");
    prefix = *p;
  }
  EMU_ASSIGN(max, MaxItems(ctx));
  EMU_ASSIGN(start, MarkerKey(ctx));
  XmlWriter w = BeginResult(ctx);
  w.Open("ServerCertificateMetadataList");
  PageEnd end = PageMap(
      ctx.st.server_certificates, start, max,
      [&](const ServerCertificate& c) { return c.path.rfind(prefix, 0) == 0; },
      [&](const ServerCertificate& c) { WriteMetadata(w, ctx, c, "member"); });
  w.Close();
  WritePaging(w, end);
  return EndResult(ctx, std::move(w));
}

Result<std::string> TagServerCertificate(Ctx& ctx) {
  EMU_ASSIGN(c, CertificateParam(ctx));
  EMU_ASSIGN(tags, TagList(ctx));
  AIC_RETURN_IF_ERROR(MergeTags(c->tags, tags));
  ctx.dirty.server_certificates.insert(c->id);
  return EmptyResult(ctx);
}

Result<std::string> UntagServerCertificate(Ctx& ctx) {
  EMU_ASSIGN(c, CertificateParam(ctx));
  EMU_ASSIGN(keys, TagKeysParam(ctx));
  RemoveTags(c->tags, keys);
  ctx.dirty.server_certificates.insert(c->id);
  return EmptyResult(ctx);
}

Result<std::string> ListServerCertificateTags(Ctx& ctx) {
  EMU_ASSIGN(c, CertificateParam(ctx));
  return TagPageResult(ctx, c->tags);
}

}  // namespace

void RegisterServerCertificateActions(ActionTable& t) {
  t["UploadServerCertificate"] = {UploadServerCertificate, true};
  t["GetServerCertificate"] = {GetServerCertificate, false};
  t["UpdateServerCertificate"] = {UpdateServerCertificate, true};
  t["DeleteServerCertificate"] = {DeleteServerCertificate, true};
  t["ListServerCertificates"] = {ListServerCertificates, false};
  t["TagServerCertificate"] = {TagServerCertificate, true};
  t["UntagServerCertificate"] = {UntagServerCertificate, true};
  t["ListServerCertificateTags"] = {ListServerCertificateTags, false};
}

}  // namespace aic::emulator::state
