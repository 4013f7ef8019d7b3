// Fuzz target: a role's trust policy (AssumeRolePolicyDocument, any text) decoded into who may
// assume the role (DecodeTrustPolicy) and its JSON (TrustedPrincipalsToJson). Invariants: no
// crash, throw, hang or sanitizer report; every entry has a type; a "*" principal is wildcard;
// the JSON has one element per entry; AccountIdOfArn of any text is never longer than it.
#include "connector/aws/trust_principals.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view document = aic::fuzz::AsText(data, size);
  for (std::string_view own : {std::string_view("123456789012"), std::string_view()}) {
    const auto principals = aic::aws_internal::DecodeTrustPolicy(document, own);
    for (const auto& p : principals) {
      aic::fuzz::Check(!p.type.empty(), "an entry without a type");
      if (p.principal == "*") aic::fuzz::Check(p.wildcard, "a \"*\" principal not wildcard");
    }
    const nlohmann::json json = aic::aws_internal::TrustedPrincipalsToJson(principals);
    aic::fuzz::Check(json.is_array() && json.size() == principals.size(),
                     "the JSON does not have one element per entry");
  }
  aic::fuzz::Check(aic::aws_internal::AccountIdOfArn(document).size() <= size,
                   "an account id longer than the text");
  return 0;
}
