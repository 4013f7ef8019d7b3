// Fuzz target: a provisioner file (provisioner.openicf-aws.json) as LoadConnectorConfig reads
// it -- JSON text, then ParseConnectorConfig with a secret box -- and the masked JSON REST
// shows of what parsed. No file is read or written.
#include <nlohmann/json.hpp>
#include <string>

#include "aws_iam_connector/json_text.h"
#include "fuzz_util.h"
#include "server/config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = aic::fuzz::AsText(data, size);
  if (text.size() > aic::kMaxConfigFileBytes) return 0;
  auto parsed = aic::ParseOrderedJson(text);  // as LoadConnectorConfig parses the file
  if (!parsed.ok()) return 0;
  nlohmann::ordered_json document = std::move(*parsed);
  static const aic::SecretBox box(std::string(32, 'k'));
  nlohmann::ordered_json rewritten;
  bool changed = false;
  auto config = aic::ParseConnectorConfig(document, "provisioner.openicf-aws.json", box, &rewritten,
                                          &changed);
  if (!config.ok()) return 0;
  (void)config->ToMaskedJson().dump();
  if (changed) {
    // What would be written back must load again to the same connector.
    nlohmann::ordered_json again_rewritten;
    bool again_changed = false;
    auto again = aic::ParseConnectorConfig(rewritten, "provisioner.openicf-aws.json", box,
                                           &again_rewritten, &again_changed);
    aic::fuzz::Check(again.ok(), "a rewritten provisioner file does not load");
    aic::fuzz::Check(!again_changed, "a rewritten provisioner file still holds plain secrets");
  }
  return 0;
}
