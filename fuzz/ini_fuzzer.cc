// Fuzz target: the shared credentials/config file parser (ParseIni), as
// ~/.aws/credentials and ~/.aws/config are read by the credentials chain.
#include "credentials/ini_parser.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto file = aic::credentials_internal::ParseIni(aic::fuzz::AsText(data, size), "credentials");
  if (!file.ok()) return 0;
  for (const auto& [section, keys] : *file) {
    for (const auto& [key, value] : keys) (void)value.size();
  }
  return 0;
}
