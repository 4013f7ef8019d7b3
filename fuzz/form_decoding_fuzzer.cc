// Fuzz target: application/x-www-form-urlencoded decoding -- the emulator's DecodeQueryParams
// (POST bodies and query strings) and text::PercentDecodeLenient/Strict -- and the encoders they
// must agree with. Invariants: PercentDecode*(PercentEncode(x)) == x, and parameters the
// emulator decoded, encoded again by the client (FormEncodeQuery), decode to the same
// parameters.
#include <map>
#include <string>

#include "common/text_codec.h"
#include "emulator/request_decoder.h"
#include "fuzz_util.h"
#include "iam/form_encoding.h"

namespace em = aic::emulator;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = aic::fuzz::AsText(data, size);
  (void)em::IsFormUrlEncoded(text);
  (void)aic::text::PercentDecodeLenient(text, aic::text::Plus::kSpace);
  (void)aic::text::PercentDecodeStrict(text, aic::text::Plus::kSpace);
  const std::string encoded_text = aic::text::PercentEncode(text);
  aic::fuzz::Check(aic::text::PercentDecodeLenient(encoded_text) == text,
                   "PercentDecodeLenient(PercentEncode(x)) != x");
  aic::fuzz::Check(aic::text::PercentDecodeStrict(encoded_text, aic::text::Plus::kSpace) == text,
                   "PercentDecodeStrict(PercentEncode(x)) != x");

  std::map<std::string, std::string> params;
  if (!em::DecodeQueryParams(text, params).ok()) return 0;
  if (params.size() + 2 > em::kMaxQueryParams) return 0;
  aic::QueryParams rest;
  for (const auto& [name, value] : params) {
    if (name != "Action" && name != "Version") rest.emplace_back(name, value);
  }
  params.try_emplace("Action");
  params.try_emplace("Version");
  std::string encoded = aic::FormEncodeQuery(params["Action"], params["Version"], rest);
  std::map<std::string, std::string> again;
  aic::fuzz::Check(em::DecodeQueryParams(encoded, again).ok(), "re-encoded parameters refused");
  aic::fuzz::Check(again == params, "re-encoded parameters decode differently");
  return 0;
}
