// Fuzz target: the unsigned STS credentials (ParseSamlAssertion: base64 of SAML 2.0 XML;
// ParseWebIdentityToken: a JWT), which the emulator accepts from anyone. The input is tried as
// a JWT, as base64 of a SAML document, and (base64-encoded here) as the SAML XML itself.
// Invariants: no crash, hang or sanitizer report; a refusal is kInvalidInput with a message.
#include <sodium.h>

#include <string>

#include "emulator/state/sts_identity_tokens.h"
#include "fuzz_util.h"

namespace {

template <class R>
void CheckRefusal(const R& r) {
  if (r.ok()) return;
  aic::fuzz::Check(r.status().code() == aic::ErrorCode::kInvalidInput, "another error code");
  aic::fuzz::Check(!r.status().message().empty(), "a refusal without a message");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = aic::fuzz::AsText(data, size);
  CheckRefusal(aic::emulator::state::ParseWebIdentityToken(text));
  CheckRefusal(aic::emulator::state::ParseSamlAssertion(text));
  std::string b64(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(b64.data(), b64.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
  b64.resize(b64.find('\0'));
  CheckRefusal(aic::emulator::state::ParseSamlAssertion(b64));
  return 0;
}
