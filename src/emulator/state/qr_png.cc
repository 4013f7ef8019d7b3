#include "emulator/state/qr_png.h"

#include <qrencode.h>
#include <zlib.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace aic::emulator::state {
namespace {

void PutU32(std::string& out, std::uint32_t v) {
  out.push_back(static_cast<char>(v >> 24));
  out.push_back(static_cast<char>(v >> 16));
  out.push_back(static_cast<char>(v >> 8));
  out.push_back(static_cast<char>(v));
}

// Length, type, data, CRC-32 of type + data.
void PutChunk(std::string& out, std::string_view type, std::string_view data) {
  PutU32(out, static_cast<std::uint32_t>(data.size()));
  std::string body(type);
  body.append(data);
  out.append(body);
  uLong crc = crc32(0L, Z_NULL, 0);
  crc = crc32(crc, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
  PutU32(out, static_cast<std::uint32_t>(crc));
}

}  // namespace

std::string MfaOtpauthUri(std::string_view device_name, std::string_view account_name,
                          std::string_view base32_seed) {
  return "otpauth://totp/" + std::string(device_name) + "@" + std::string(account_name) +
         "?secret=" + std::string(base32_seed);
}

Result<std::string> QrCodePng(std::string_view text) {
  std::string input(text);  // libqrencode wants a NUL-terminated string
  std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
      QRcode_encodeString8bit(input.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
  if (!qr) return Status(ErrorCode::kInternal, "the text does not fit in a QR code");
  const int modules = qr->width + 2 * kQrQuietModules;
  const int side = modules * kQrModulePixels;
  // Scanlines: filter type 0, then one byte a pixel (0 black, 255 white).
  std::string raw;
  raw.reserve(static_cast<std::size_t>(side) * (side + 1));
  for (int y = 0; y < side; ++y) {
    raw.push_back(0);
    const int my = y / kQrModulePixels - kQrQuietModules;
    for (int x = 0; x < side; ++x) {
      const int mx = x / kQrModulePixels - kQrQuietModules;
      bool dark = my >= 0 && my < qr->width && mx >= 0 && mx < qr->width &&
                  (qr->data[my * qr->width + mx] & 1) != 0;
      raw.push_back(dark ? 0 : static_cast<char>(0xFF));
    }
  }
  uLongf packed_size = compressBound(static_cast<uLong>(raw.size()));
  std::string packed(packed_size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(packed.data()), &packed_size,
                reinterpret_cast<const Bytef*>(raw.data()), static_cast<uLong>(raw.size()),
                Z_BEST_COMPRESSION) != Z_OK) {
    return Status(ErrorCode::kInternal, "zlib failed to compress the QR code image");
  }
  packed.resize(packed_size);

  std::string png("\x89PNG\r\n\x1a\n", 8);
  std::string ihdr;
  PutU32(ihdr, static_cast<std::uint32_t>(side));
  PutU32(ihdr, static_cast<std::uint32_t>(side));
  ihdr.append({8, 0, 0, 0, 0});  // bit depth 8, greyscale, deflate, filter 0, no interlace
  PutChunk(png, "IHDR", ihdr);
  PutChunk(png, "IDAT", packed);
  PutChunk(png, "IEND", "");
  return png;
}

}  // namespace aic::emulator::state
