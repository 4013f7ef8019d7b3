// NewRequestId: a random UUID version 4 ("f81d4fae-7dec-41d0-a765-00a0c91e6bf6"), as AWS uses
// for RequestId. Bytes from libsodium's CSPRNG.
//
// Thread safety: safe to call from many threads at once.
#pragma once

#include <string>

namespace aic::emulator {

std::string NewRequestId();

}  // namespace aic::emulator
