#include "emulator/state/qr_png.h"

#include <gtest/gtest.h>
#include <qrencode.h>
#include <zlib.h>

#include <cstdint>
#include <memory>
#include <string>

namespace aic::emulator::state {
namespace {

std::uint32_t U32(std::string_view s, std::size_t at) {
  return (static_cast<std::uint32_t>(static_cast<unsigned char>(s[at])) << 24) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 16) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 2])) << 8) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 3]));
}

struct Image {
  std::uint32_t width = 0, height = 0;
  std::string pixels;  // scanlines with their filter bytes
};

// Parses the PNG (signature, chunk CRCs, IHDR, IDAT inflated); fails the test when malformed.
Image Decode(const std::string& png) {
  Image img;
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  std::string idat;
  bool ended = false;
  for (std::size_t at = 8; at < png.size();) {
    std::uint32_t len = U32(png, at);
    std::string type = png.substr(at + 4, 4);
    std::string data = png.substr(at + 8, len);
    uLong crc = crc32(0L, Z_NULL, 0);
    crc = crc32(crc, reinterpret_cast<const Bytef*>(png.data() + at + 4), len + 4);
    EXPECT_EQ(U32(png, at + 8 + len), static_cast<std::uint32_t>(crc)) << type;
    if (type == "IHDR") {
      img.width = U32(data, 0);
      img.height = U32(data, 4);
      EXPECT_EQ(data[8], 8);  // bit depth
      EXPECT_EQ(data[9], 0);  // greyscale
    } else if (type == "IDAT") {
      idat += data;
    } else if (type == "IEND") {
      ended = true;
    }
    at += 12 + len;
  }
  EXPECT_TRUE(ended);
  uLongf size = static_cast<uLongf>(img.height) * (img.width + 1);
  img.pixels.assign(size, '\0');
  EXPECT_EQ(uncompress(reinterpret_cast<Bytef*>(img.pixels.data()), &size,
                       reinterpret_cast<const Bytef*>(idat.data()), idat.size()),
            Z_OK);
  EXPECT_EQ(size, img.pixels.size());
  return img;
}

TEST(QrPngTest, ThePngHoldsTheQrMatrixOfTheUri) {
  const std::string uri = MfaOtpauthUri(
      "dev1", "123456789012", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
  EXPECT_EQ(uri,
            "otpauth://totp/dev1@123456789012?secret="
            "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
  auto png = QrCodePng(uri);
  ASSERT_TRUE(png.ok()) << png.status().ToString();
  Image img = Decode(*png);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
      QRcode_encodeString8bit(uri.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
  ASSERT_TRUE(qr);
  const int side = (qr->width + 2 * kQrQuietModules) * kQrModulePixels;
  ASSERT_EQ(img.width, static_cast<std::uint32_t>(side));
  ASSERT_EQ(img.height, static_cast<std::uint32_t>(side));
  // Every pixel is the colour of its module; the quiet zone is white.
  int mismatches = 0;
  for (int y = 0; y < side; ++y) {
    ASSERT_EQ(img.pixels[y * (side + 1)], 0);  // filter: none
    for (int x = 0; x < side; ++x) {
      int mx = x / kQrModulePixels - kQrQuietModules;
      int my = y / kQrModulePixels - kQrQuietModules;
      bool dark = mx >= 0 && my >= 0 && mx < qr->width && my < qr->width &&
                  (qr->data[my * qr->width + mx] & 1);
      auto px = static_cast<unsigned char>(img.pixels[y * (side + 1) + 1 + x]);
      if (px != (dark ? 0 : 255)) ++mismatches;
    }
  }
  EXPECT_EQ(mismatches, 0);
  // A QR code of that URI is version >= 5 (its 99 bytes need more than version 4-M holds).
  EXPECT_GE(qr->version, 5);
}

}  // namespace
}  // namespace aic::emulator::state
