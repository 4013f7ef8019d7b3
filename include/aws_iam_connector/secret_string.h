// SecretString: the one type that holds a secret (AWS secret key, session token, passwords).
//
// The bytes are wiped (sodium_memzero) when the value is destroyed, cleared or overwritten.
// It cannot be streamed or formatted: operator<< is deleted and fmt/spdlog print "****".
// The only way to read the plain value is Reveal(), so every use is easy to find and review.
// Comparison is constant time.
//
// Thread safety: a value type; concurrent const access is safe.
#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

namespace aic {

class SecretString {
 public:
  SecretString() = default;
  explicit SecretString(std::string_view plain);
  SecretString(const SecretString& other);
  SecretString(SecretString&& other) noexcept;
  SecretString& operator=(const SecretString& other);
  SecretString& operator=(SecretString&& other) noexcept;
  ~SecretString();

  // The plain value. Valid until this object is changed or destroyed. Never log it.
  std::string_view Reveal() const { return {data_, size_}; }
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  void Clear();

  // Constant-time equality.
  bool Equals(std::string_view plain) const;
  friend bool operator==(const SecretString& a, const SecretString& b) {
    return a.Equals(b.Reveal());
  }

  static constexpr std::string_view kMask = "****";

 private:
  void Assign(std::string_view plain);

  char* data_ = nullptr;
  std::size_t size_ = 0;
};

// Streaming a secret is a compile error.
std::ostream& operator<<(std::ostream&, const SecretString&) = delete;

// Wipes a std::string that held a secret (e.g. a derived signing key) before it is dropped.
void WipeString(std::string& s);

}  // namespace aic

template <>
struct fmt::formatter<aic::SecretString> : fmt::formatter<std::string_view> {
  template <class Ctx>
  auto format(const aic::SecretString&, Ctx& ctx) const {
    return fmt::formatter<std::string_view>::format(aic::SecretString::kMask, ctx);
  }
};
