#include "aws_iam_connector/secret_string.h"

#include <sodium.h>

#include <cstring>
#include <new>

namespace aic {

SecretString::SecretString(std::string_view plain) { Assign(plain); }
SecretString::SecretString(const SecretString& other) { Assign(other.Reveal()); }
SecretString::SecretString(SecretString&& other) noexcept : data_(other.data_), size_(other.size_) {
  other.data_ = nullptr;
  other.size_ = 0;
}
SecretString& SecretString::operator=(const SecretString& other) {
  if (this != &other) Assign(other.Reveal());
  return *this;
}
SecretString& SecretString::operator=(SecretString&& other) noexcept {
  if (this != &other) {
    Clear();
    data_ = other.data_;
    size_ = other.size_;
    other.data_ = nullptr;
    other.size_ = 0;
  }
  return *this;
}
SecretString::~SecretString() { Clear(); }

void SecretString::Clear() {
  if (data_ != nullptr) {
    sodium_memzero(data_, size_);
    delete[] data_;
  }
  data_ = nullptr;
  size_ = 0;
}

void SecretString::Assign(std::string_view plain) {
  Clear();
  if (plain.empty()) return;
  data_ = new char[plain.size()];
  std::memcpy(data_, plain.data(), plain.size());
  size_ = plain.size();
}

bool SecretString::Equals(std::string_view plain) const {
  // Length is not secret; contents are compared in constant time.
  if (plain.size() != size_) return false;
  if (size_ == 0) return true;
  return sodium_memcmp(data_, plain.data(), size_) == 0;
}

void WipeString(std::string& s) {
  if (!s.empty()) sodium_memzero(s.data(), s.size());
  s.clear();
}

}  // namespace aic
