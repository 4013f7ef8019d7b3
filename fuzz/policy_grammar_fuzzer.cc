// Fuzz target: an IAM policy document as a request carries it (CheckPolicyGrammar for identity
// and trust policies, PolicySize). Invariants: no crash, hang or sanitizer report; a refusal is
// always MalformedPolicyDocument 400 with a message; the size never exceeds the input length.
#include "emulator/state/policy_grammar.h"
#include "fuzz_util.h"

namespace {

void CheckRefusal(const aic::Status& s) {
  if (s.ok()) return;
  const auto& aws = s.aws();
  aic::fuzz::Check(aws.has_value(), "a refusal without an AWS error");
  aic::fuzz::Check(aws->code == "MalformedPolicyDocument", "a refusal with another code");
  aic::fuzz::Check(aws->http_status == 400, "a refusal with another status");
  aic::fuzz::Check(!aws->message.empty(), "a refusal without a message");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using aic::emulator::state::PolicyKind;
  const std::string_view doc = aic::fuzz::AsText(data, size);
  CheckRefusal(aic::emulator::state::CheckPolicyGrammar(doc, PolicyKind::kIdentity));
  CheckRefusal(aic::emulator::state::CheckPolicyGrammar(doc, PolicyKind::kTrust));
  aic::fuzz::Check(aic::emulator::state::PolicySize(doc) <= size, "a size beyond the input");
  return 0;
}
