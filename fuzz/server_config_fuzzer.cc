// Fuzz target: a server file (ParseServerConfig, the text half of LoadServerConfig). No file
// is read or written. Inputs with a plain "password" member are skipped: each would cost one
// Argon2id hash (64 MB, ~0.1 s) and the fuzzer would spend its time there.
#include <nlohmann/json.hpp>
#include <string>

#include "fuzz_util.h"
#include "server/config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = aic::fuzz::AsText(data, size);
  if (text.size() > aic::kMaxConfigFileBytes) return 0;
  if (text.find("\"password\"") != std::string_view::npos) return 0;
  nlohmann::ordered_json rewritten;
  bool changed = false;
  auto config = aic::ParseServerConfig(text, "/etc/aic/server.json", &rewritten, &changed);
  if (config.ok()) (void)config->KeyFilePath();
  return 0;
}
