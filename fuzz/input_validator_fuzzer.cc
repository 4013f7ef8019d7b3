// Fuzz target: the model-driven input validation of a decoded request (ValidateInput), run on
// every request before any handler. The input is "Action\nName=Value\nName=Value...": the
// action (an IAM one, else tried as STS) and its parameters. Invariants: no crash, hang or
// sanitizer report; a message exists exactly when violations do, and it counts them.
#include <map>
#include <string>

#include "emulator/state/input_validator.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = aic::fuzz::AsText(data, size);
  const std::size_t nl = text.find('\n');
  const std::string action(text.substr(0, nl));
  std::map<std::string, std::string> params;
  text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    const std::size_t eq = line.find('=');
    params[std::string(line.substr(0, eq))] =
        eq == std::string_view::npos ? std::string() : std::string(line.substr(eq + 1));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  }
  for (const char* service : {"iam", "sts"}) {
    auto violations = aic::emulator::state::InputViolations(service, action, params);
    auto message = aic::emulator::state::ValidateInput(service, action, params);
    aic::fuzz::Check(message.has_value() == !violations.empty(), "message and violations differ");
    if (message) {
      aic::fuzz::Check(
          message->rfind(std::to_string(violations.size()) + " validation error", 0) == 0,
          "the message does not count the violations");
    }
  }
  return 0;
}
