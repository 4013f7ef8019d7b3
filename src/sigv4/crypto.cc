// Crypto and encoding helpers of SigV4 (OpenSSL 3 EVP).
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <cstring>
#include <ctime>
#include <initializer_list>

#include "aws_iam_connector/sigv4.h"

namespace aic::sigv4 {
namespace {

constexpr char kHexLower[] = "0123456789abcdef";
constexpr char kHexUpper[] = "0123456789ABCDEF";
constexpr std::size_t kSha256Size = 32;
constexpr std::size_t kSha256BlockSize = 64;
constexpr unsigned char kHmacInnerPad = 0x36;
constexpr unsigned char kHmacOuterPad = 0x5c;
constexpr std::size_t kAmzDateLength = 16;  // YYYYMMDDTHHMMSSZ

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

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

std::tm ToUtc(std::chrono::system_clock::time_point t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return tm;
}

}  // namespace

std::string HexEncode(std::string_view bytes) {
  std::string out;
  out.resize(bytes.size() * 2);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    auto b = static_cast<unsigned char>(bytes[i]);
    out[2 * i] = kHexLower[b >> 4];
    out[2 * i + 1] = kHexLower[b & 0x0f];
  }
  return out;
}

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[kSha256Size];
  // Fails only on allocation failure; an empty hash then never matches anything.
  if (!Sha256({data}, digest)) return {};
  return HexEncode(View(digest, kSha256Size));
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

std::string UriEncode(std::string_view s, bool encode_slash) {
  std::string out;
  out.reserve(s.size() + s.size() / 2);
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (IsUnreserved(c) || (c == '/' && !encode_slash)) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHexUpper[c >> 4]);
      out.push_back(kHexUpper[c & 0x0f]);
    }
  }
  return out;
}

std::string UriDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int hi = HexValue(s[i + 1]), lo = HexValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

std::string FormatAmzDate(std::chrono::system_clock::time_point t) {
  std::tm tm = ToUtc(t);
  char buf[kAmzDateLength + 1];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

std::string FormatScopeDate(std::chrono::system_clock::time_point t) {
  return FormatAmzDate(t).substr(0, 8);
}

// The latest year an X-Amz-Date may name; later dates do not parse.
constexpr int kMaxAmzDateYear = 2200;

std::optional<std::chrono::system_clock::time_point> ParseAmzDate(std::string_view s) {
  if (s.size() != kAmzDateLength || s[8] != 'T' || s[15] != 'Z') return std::nullopt;
  auto num = [&](std::size_t pos, std::size_t len) -> int {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  int year = num(0, 4), month = num(4, 2), day = num(6, 2);
  int hour = num(9, 2), minute = num(11, 2), second = num(13, 2);
  // Years past kMaxAmzDateYear would overflow system_clock's 64-bit nanoseconds (year 2262).
  if (year < 1970 || year > kMaxAmzDateYear || month < 1 || month > 12 || day < 1 || hour < 0 ||
      hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
    return std::nullopt;
  }
  std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(month),
                                  std::chrono::day(day)};
  if (!ymd.ok()) return std::nullopt;
  auto tp = std::chrono::sys_days(ymd) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
            std::chrono::seconds(second);
  return std::chrono::time_point_cast<std::chrono::system_clock::duration>(tp);
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

}  // namespace aic::sigv4
