// Login-profile passwords: libsodium crypto_pwhash_str (Argon2id) hashes, never the password.
//
// Cost: OPSLIMIT_MIN / MEMLIMIT_MIN (1 pass, 8 KiB). The emulator's database already holds
// secret access keys in clear (it must, to verify signatures; see iam_store.h), so a costly
// hash would protect nothing the file does not give away anyway, while the INTERACTIVE limits
// (64 MiB, ~0.1 s per hash) would hold IamBackend's exclusive lock for that long on every
// CreateLoginProfile / UpdateLoginProfile / ChangePassword and slow the tests. The hash string
// records its own parameters, so a later switch keeps verifying older hashes.
#pragma once

#include <string>
#include <string_view>

#include "aws_iam_connector/status.h"

namespace aic::emulator::state {

// The crypto_pwhash_str hash of `password` (kInternal when libsodium fails).
Result<std::string> HashPassword(std::string_view password);
// True when `hash` is a crypto_pwhash_str hash of `password`.
bool VerifyPassword(const std::string& hash, std::string_view password);

}  // namespace aic::emulator::state
