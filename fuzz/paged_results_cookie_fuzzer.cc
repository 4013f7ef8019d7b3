// Fuzz target: a `_pagedResultsCookie` as a client sends it (PagedResultsCookieCodec::Decode,
// under a fixed key and a random one). Invariant: a cookie that decodes re-encodes to one that
// decodes to the same value.
#include "aws_iam_connector/connector/paged_results_cookie.h"
#include "fuzz_util.h"

namespace ac = aic::connector;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string fingerprint =
      ac::QueryFingerprint(ac::ObjectClass::kAccount, "true", ac::OperationOptions{});
  static const ac::PagedResultsCookieCodec random_key =
      ac::PagedResultsCookieCodec::WithRandomKey();
  static const ac::PagedResultsCookieCodec keyed(
      aic::SecretString("fuzz-cookie-key-0123456789abcdef"));
  const std::string_view text = aic::fuzz::AsText(data, size);
  for (const ac::PagedResultsCookieCodec* codec : {&random_key, &keyed}) {
    auto cookie = codec->Decode(text, fingerprint);
    if (!cookie.ok()) continue;
    auto again = codec->Decode(codec->Encode(*cookie), fingerprint);
    aic::fuzz::Check(again.ok() && *again == *cookie, "a decoded cookie does not round-trip");
  }
  return 0;
}
