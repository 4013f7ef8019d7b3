// Crypto and encoding helpers of SigV4 (OpenSSL 3 EVP).
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <cstring>
#include <initializer_list>

#include "aws_iam_connector/sigv4.h"
#include "common/text_codec.h"

namespace aic::sigv4 {
namespace {

constexpr std::size_t kSha256Size = 32;
constexpr std::size_t kSha256BlockSize = 64;
constexpr unsigned char kHmacInnerPad = 0x36;
constexpr unsigned char kHmacOuterPad = 0x5c;

// Algorithms fetched once (OpenSSL 3 implicit fetches cost more than the hashing itself for
// SigV4's short inputs). Never freed: they live as long as the process.
const EVP_MD* Sha256Md() {
  static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

// One reusable digest context per thread, freed when the thread ends.
EVP_MD_CTX* ThreadDigestContext() {
  struct Holder {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~Holder() { EVP_MD_CTX_free(ctx); }
  };
  thread_local Holder holder;
  return holder.ctx;
}

// SHA-256 of the concatenation of `parts` into `out` (kSha256Size bytes).
bool Sha256(std::initializer_list<std::string_view> parts, unsigned char* out) {
  EVP_MD_CTX* ctx = ThreadDigestContext();
  const EVP_MD* md = Sha256Md();
  if (ctx == nullptr || md == nullptr || EVP_DigestInit_ex2(ctx, md, nullptr) != 1) return false;
  for (std::string_view p : parts) {
    if (EVP_DigestUpdate(ctx, p.data(), p.size()) != 1) return false;
  }
  unsigned int len = 0;
  return EVP_DigestFinal_ex(ctx, out, &len) == 1 && len == kSha256Size;
}

std::string_view View(const unsigned char* p, std::size_t n) {
  return {reinterpret_cast<const char*>(p), n};
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[kSha256Size];
  // Fails only on allocation failure; an empty hash then never matches anything.
  if (!Sha256({data}, digest)) return {};
  return text::HexEncode(View(digest, kSha256Size));
}

// HMAC (RFC 2104) over SHA-256 with a reused digest context: several times faster than
// OpenSSL 3's EVP_MAC for SigV4's short inputs. Every key-derived buffer is cleansed.
std::string HmacSha256(std::string_view key, std::string_view data) {
  unsigned char block[kSha256BlockSize] = {};
  unsigned char pad[kSha256BlockSize];
  unsigned char inner[kSha256Size];
  std::string out(kSha256Size, '\0');
  bool ok = true;
  if (key.size() > kSha256BlockSize) {
    ok = Sha256({key}, block);
  } else {
    std::memcpy(block, key.data(), key.size());
  }
  for (std::size_t i = 0; i < kSha256BlockSize; ++i) pad[i] = block[i] ^ kHmacInnerPad;
  ok = ok && Sha256({View(pad, kSha256BlockSize), data}, inner);
  for (std::size_t i = 0; i < kSha256BlockSize; ++i) pad[i] = block[i] ^ kHmacOuterPad;
  ok = ok && Sha256({View(pad, kSha256BlockSize), View(inner, kSha256Size)},
                    reinterpret_cast<unsigned char*>(out.data()));
  OPENSSL_cleanse(block, sizeof block);
  OPENSSL_cleanse(pad, sizeof pad);
  OPENSSL_cleanse(inner, sizeof inner);
  // Reset the reused context so no key-derived hash state lingers in it.
  EVP_MD_CTX* ctx = ThreadDigestContext();
  if (ctx != nullptr && Sha256Md() != nullptr) EVP_DigestInit_ex2(ctx, Sha256Md(), nullptr);
  if (!ok) WipeString(out);
  return out;
}

std::string FormatScopeDate(std::chrono::system_clock::time_point t) {
  return text::FormatAmzDate(t).substr(0, 8);
}

std::string DeriveSigningKey(const SecretString& secret, std::string_view scope_date,
                             std::string_view region, std::string_view service) {
  std::string k_secret;
  k_secret.reserve(4 + secret.size());  // one allocation: no stray copy of the secret
  k_secret.append("AWS4");
  k_secret.append(secret.Reveal());
  std::string k_date = HmacSha256(k_secret, scope_date);
  WipeString(k_secret);
  std::string k_region = HmacSha256(k_date, region);
  WipeString(k_date);
  std::string k_service = HmacSha256(k_region, service);
  WipeString(k_region);
  std::string k_signing = HmacSha256(k_service, kScopeTerminator);
  WipeString(k_service);
  return k_signing;
}

namespace {

// The signing keys derived last on this thread, newest first. A key is valid for one day,
// region and service, and every request of a day signs (or verifies) with the same few, so the
// four HMACs of the derivation are done once per key and day instead of once per request (as
// AWS's C++ SDK keeps its last key). The secrets and keys are held as SecretString, wiped when
// replaced and when the thread ends.
class SigningKeyCache {
 public:
  std::string Get(const SecretString& secret, std::string_view scope_date, std::string_view region,
                  std::string_view service) {
    for (std::size_t i = 0; i < size_; ++i) {
      Entry& e = entries_[i];
      if (e.date == scope_date && e.region == region && e.service == service &&
          secret.Equals(e.secret.Reveal())) {
        return std::string(e.key.Reveal());
      }
    }
    std::string key = DeriveSigningKey(secret, scope_date, region, service);
    if (key.empty()) return key;  // a failed derivation is not kept
    if (size_ < kEntries) ++size_;
    for (std::size_t i = size_ - 1; i > 0; --i) entries_[i] = std::move(entries_[i - 1]);
    entries_[0] = Entry{secret, std::string(scope_date), std::string(region), std::string(service),
                        SecretString(key)};
    return key;
  }

 private:
  static constexpr std::size_t kEntries = 4;
  struct Entry {
    SecretString secret;
    std::string date, region, service;
    SecretString key;
  };
  std::array<Entry, kEntries> entries_;
  std::size_t size_ = 0;
};

}  // namespace

std::string CachedSigningKey(const SecretString& secret, std::string_view scope_date,
                             std::string_view region, std::string_view service) {
  thread_local SigningKeyCache cache;
  return cache.Get(secret, scope_date, region, service);
}

}  // namespace aic::sigv4
