#include "emulator/request_id.h"

#include <sodium.h>

#include <array>
#include <cstdint>
#include <string_view>

#include "common/text_codec.h"

namespace aic::emulator {

std::string NewRequestId() {
  static const int kSodiumReady = sodium_init();  // idempotent; thread-safe once done
  (void)kSodiumReady;
  std::array<std::uint8_t, 16> b;
  randombytes_buf(b.data(), b.size());
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  std::string out =
      text::HexEncode(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
  for (std::size_t at : {20u, 16u, 12u, 8u}) out.insert(at, 1, '-');  // 8-4-4-4-12
  return out;
}

}  // namespace aic::emulator
