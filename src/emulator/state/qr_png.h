// QrCodePng: a QR code of a text (an otpauth:// URI) as a PNG image, as AWS returns in
// CreateVirtualMFADevice's QRCodePNG. libqrencode makes the matrix (byte mode, error correction
// level M, the smallest version that fits); the PNG is 8-bit greyscale, kQrModulePixels pixels
// a module, with a quiet zone of kQrQuietModules modules, compressed with zlib (which also
// gives the chunk CRCs).
//
// Thread safety: pure function.
#pragma once

#include <string>
#include <string_view>

#include "aws_iam_connector/status.h"

namespace aic::emulator::state {

inline constexpr int kQrModulePixels = 4;
inline constexpr int kQrQuietModules = 4;

// "otpauth://totp/NAME@ACCOUNT?secret=SEED", the URI AWS's QR code encodes (AWS's
// CreateVirtualMFADevice page).
std::string MfaOtpauthUri(std::string_view device_name, std::string_view account_name,
                          std::string_view base32_seed);

// The PNG file's bytes; an error only when the text is too long for a QR code or zlib fails.
Result<std::string> QrCodePng(std::string_view text);

}  // namespace aic::emulator::state
