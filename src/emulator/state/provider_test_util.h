// Test helper: PEM certificates and keys made on the fly with OpenSSL (no key is ever stored in
// the repository), and a SAML 2.0 metadata document of the model's minimum length.
#pragma once

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <string>

namespace aic::emulator::state::testing {

struct TestCert {
  std::string cert_pem;
  std::string key_pem;
  EVP_PKEY* key = nullptr;  // owned
  X509* cert = nullptr;     // owned
  TestCert() = default;
  TestCert(const TestCert&) = delete;
  TestCert& operator=(const TestCert&) = delete;
  ~TestCert() {
    X509_free(cert);
    EVP_PKEY_free(key);
  }
};

inline std::string BioText(BIO* bio) {
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  std::string s(data, static_cast<std::size_t>(n));
  BIO_free(bio);
  return s;
}

// A P-256 key and a certificate for `cn` valid from `not_before` to `not_after` (unix seconds),
// signed by `issuer` (self-signed when null).
inline void MakeCert(TestCert& out, const std::string& cn, long long not_before,
                     long long not_after, const TestCert* issuer = nullptr) {
  out.key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  out.cert = X509_new();
  X509_set_version(out.cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(out.cert), 1);
  ASN1_TIME_set(X509_getm_notBefore(out.cert), static_cast<time_t>(not_before));
  ASN1_TIME_set(X509_getm_notAfter(out.cert), static_cast<time_t>(not_after));
  X509_NAME* name = X509_get_subject_name(out.cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509_set_issuer_name(out.cert, issuer ? X509_get_subject_name(issuer->cert) : name);
  X509_set_pubkey(out.cert, out.key);
  X509_sign(out.cert, issuer ? issuer->key : out.key, EVP_sha256());
  BIO* b = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(b, out.cert);
  out.cert_pem = BioText(b);
  b = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(b, out.key, nullptr, nullptr, 0, nullptr, nullptr);
  out.key_pem = BioText(b);
}

// A SAML 2.0 metadata document (>= 1,000 characters) with an optional validUntil.
inline std::string SamlMetadata(const std::string& valid_until = "") {
  std::string doc =
      "<?xml version=\"1.0\"?>\n<md:EntityDescriptor "
      "xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"https://idp.example.com\"";
  if (!valid_until.empty()) doc += " validUntil=\"" + valid_until + "\"";
  doc +=
      ">\n<md:IDPSSODescriptor "
      "protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">\n"
      "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" "
      "Location=\"https://idp.example.com/sso\"/>\n";
  while (doc.size() < 1100) {
    doc +=
        "<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
        "</md:NameIDFormat>\n";
  }
  doc += "</md:IDPSSODescriptor>\n</md:EntityDescriptor>\n";
  return doc;
}

}  // namespace aic::emulator::state::testing
