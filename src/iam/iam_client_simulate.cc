// IamClient: SimulatePrincipalPolicy (the `test` operation's permission check).
#include "aws_iam_connector/iam_client.h"
#include "iam/iam_call.h"
#include "iam/iam_parsers.h"

namespace aic {

using iam_internal::AddPage;
using iam_internal::CallParse;
using iam_internal::Require;

Task<Result<Page<EvaluationResult>>> IamClient::SimulatePrincipalPolicy(
    const SimulationRequest& request, const PageRequest& page) {
  AIC_CO_RETURN_IF_ERROR(
      Require("SimulatePrincipalPolicy", "PolicySourceArn", request.policy_source_arn));
  if (request.action_names.empty()) {
    co_return Status(ErrorCode::kInvalidInput, "SimulatePrincipalPolicy: ActionNames is required");
  }
  QueryParams p{{"PolicySourceArn", request.policy_source_arn}};
  AddListParam(p, "ActionNames", request.action_names);
  AddListParam(p, "ResourceArns", request.resource_arns);
  AddIfNotEmpty(p, "CallerArn", request.caller_arn);
  for (std::size_t i = 0; i < request.context_entries.size(); ++i) {
    const SimulationContextEntry& e = request.context_entries[i];
    const std::string prefix = "ContextEntries.member." + std::to_string(i + 1);
    p.emplace_back(prefix + ".ContextKeyName", e.key);
    AddListParam(p, prefix + ".ContextKeyValues", e.values);
    AddIfNotEmpty(p, prefix + ".ContextKeyType", e.type);
  }
  AddPage(p, page);
  co_return co_await CallParse(*query_, "SimulatePrincipalPolicy", p,
                               iam_parse::SimulatePolicyResult);
}

}  // namespace aic
