#include "connector/text_util.h"

#include <cstdint>

namespace aic::connector::internal {

std::size_t Utf8SequenceLength(std::string_view t, std::size_t at) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(t[i]); };
  unsigned char b0 = byte(at);
  std::size_t n = 0;
  std::uint32_t cp = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    cp = b0 & 0x0F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    cp = b0 & 0x07;
  } else {
    return 0;
  }
  if (at + n > t.size()) return 0;
  for (std::size_t i = 1; i < n; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(at + i) & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return n;
}

std::string SafeEcho(std::string_view text, std::size_t max) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    std::size_t n = 1;
    if (c >= 0x80) n = Utf8SequenceLength(text, i);
    if (out.size() + (n == 0 ? 1 : n) > max) {
      out += "...";
      break;
    }
    if (n == 0) {
      out += '?';
      n = 1;
    } else if (c < 0x20 || c == 0x7F) {
      out += '?';
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

}  // namespace aic::connector::internal
