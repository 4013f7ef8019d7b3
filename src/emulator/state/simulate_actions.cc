// SimulatePrincipalPolicy and SimulateCustomPolicy: the policy engine (policy/policy_engine.h)
// run over the policies of a user, group or role and the documents of the request, one
// evaluation per action and resource (action-major: "Each operation is evaluated for each
// resource", API_SimulatePrincipalPolicy.html), MaxItems/Marker paging over those results, the
// answer written by simulate_response.h.
//
// SourcePolicyId: "user_USER_POLICY" / "group_GROUP_POLICY" / "role_ROLE_POLICY" for inline
// policies, the name for managed ones (principal_policies.h), "PolicyInputList.N",
// "PermissionsBoundaryPolicyInputList.1" and "ResourcePolicy" for the request's documents
// (AWS's spelling: "PolicyInputList.1" in the aws CLI's simulate-custom-policy example;
// "ResourcePolicy", managed policy names such as "AdministratorAccess" and inline ids such as
// "role_ROLE_POLICY" in published outputs of AWS; PermissionsBoundaryPolicyInputList.1 by
// analogy).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/text_codec.h"
#include "emulator/state/action_context.h"
#include "emulator/state/principal_policies.h"
#include "emulator/state/report_util.h"
#include "emulator/state/simulate_response.h"
#include "policy/policy_engine.h"

namespace aic::emulator::state {
namespace {

using policy::PolicyType;

// SourcePolicyId of the request's documents (AWS's spelling).
constexpr std::string_view kPolicyInputListId = "PolicyInputList.";
constexpr std::string_view kBoundaryInputId = "PermissionsBoundaryPolicyInputList.1";
constexpr std::string_view kResourcePolicyId = "ResourcePolicy";
// "You can input only one permissions boundary" (API_SimulatePrincipalPolicy.html).
constexpr std::size_t kMaxBoundaryPolicies = 1;

// Parsed principal policies, shared by every simulation (bounded, thread-safe).
PolicyCache& Cache() {
  static PolicyCache cache;
  return cache;
}

struct Simulation {
  policy::PolicySet set;
  std::vector<std::string> actions;
  std::vector<std::string> resources;
  policy::RequestContext base;  // principal, accounts and context keys
};

// ---- the request ----

// A request document: InvalidInput when it is not a policy (the model names InvalidInput and
// PolicyEvaluation as these operations' errors, not MalformedPolicyDocument).
Result<policy::PolicyHandle> ParseInput(Simulation& sim, const std::string& doc, std::string id,
                                        PolicyType type) {
  auto parsed = policy::ParsePolicy(doc, policy::PolicySource{id, type});
  if (!parsed.ok()) return InvalidInput("Syntax errors in policy.");
  return parsed;
}

// "arn:aws:iam::123456789012:user/x" -> its fields; nullopt when not an ARN.
std::optional<std::vector<std::string_view>> ArnFields(std::string_view arn) {
  std::vector<std::string_view> f;
  for (int i = 0; i < 5; ++i) {
    auto colon = arn.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    f.push_back(arn.substr(0, colon));
    arn.remove_prefix(colon + 1);
  }
  f.push_back(arn);
  if (f[0] != "arn") return std::nullopt;
  return f;
}

bool IsUserArn(std::string_view arn) {
  auto f = ArnFields(arn);
  return f && (*f)[2] == "iam" && (*f)[5].rfind("user/", 0) == 0;
}

Status ReadContextEntries(const Ctx& ctx, policy::RequestContext& rc) {
  for (int i = 1;; ++i) {
    const std::string base = "ContextEntries.member." + std::to_string(i);
    const std::string* name = ctx.Param(base + ".ContextKeyName");
    const std::string* type = ctx.Param(base + ".ContextKeyType");
    std::vector<std::string> values = MemberList(ctx, base + ".ContextKeyValues");
    if (name == nullptr && type == nullptr && values.empty()) return Status::Ok();
    if (name == nullptr) {
      return InvalidInput("Missing ContextKeyName in ContextEntries.member." + std::to_string(i) +
                          ".");
    }
    // Booleans compare as "true"/"false" (policy_engine.h's RequestContext).
    if (type != nullptr && (*type == "boolean" || *type == "booleanList")) {
      for (auto& v : values) v = text::AsciiLower(v);
    }
    auto& slot = rc.keys[text::AsciiLower(*name)];
    slot.insert(slot.end(), values.begin(), values.end());
  }
}

// What both operations read: actions, resources, the request's documents, caller, owner and
// context. `default_caller` is the principal's ARN when it is a user (else empty).
Status ReadCommon(const Ctx& ctx, Simulation& sim, const std::string& default_caller) {
  sim.actions = MemberList(ctx, "ActionNames");
  if (sim.actions.empty()) {
    return ValidationError(
        "1 validation error detected: Value null at 'actionNames' failed to satisfy "
        "constraint: Member must not be null");
  }
  sim.resources = MemberList(ctx, "ResourceArns");
  if (sim.resources.empty()) sim.resources.emplace_back(kSimulateAllResources);

  std::vector<std::string> inputs = MemberList(ctx, "PolicyInputList");
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    EMU_ASSIGN(p,
               ParseInput(sim, inputs[i], std::string(kPolicyInputListId) + std::to_string(i + 1),
                          PolicyType::kNone));
    sim.set.identity.push_back(std::move(p));
  }
  std::vector<std::string> boundaries = MemberList(ctx, "PermissionsBoundaryPolicyInputList");
  if (boundaries.size() > kMaxBoundaryPolicies) {
    return InvalidInput("The list of Permissions Boundary policies cannot exceed " +
                        std::to_string(kMaxBoundaryPolicies) + " items.");
  }
  if (!boundaries.empty()) {
    // It replaces the entity's own boundary (API_SimulatePrincipalPolicy.html).
    EMU_ASSIGN(p, ParseInput(sim, boundaries[0], std::string(kBoundaryInputId), PolicyType::kNone));
    sim.set.boundary = std::vector<policy::PolicyHandle>{std::move(p)};
  }

  std::string caller = default_caller;
  if (const std::string* c = ctx.Param("CallerArn")) {
    // "You can specify only the ARN of an IAM user."
    if (!IsUserArn(*c)) return InvalidInput("Invalid caller - Caller must be an IAM user.");
    caller = *c;
  }
  if (const std::string* rp = ctx.Param("ResourcePolicy")) {
    // The resource policy's Principal needs a caller to match (CallerArn's documentation).
    if (caller.empty()) {
      return InvalidInput("Invalid caller - Caller must be an IAM user in this context.");
    }
    EMU_ASSIGN(p, ParseInput(sim, *rp, std::string(kResourcePolicyId), PolicyType::kResource));
    sim.set.resource.push_back(std::move(p));
  }
  sim.base.principal_arn = caller;
  sim.base.principal_account = ctx.account;
  if (auto f = ArnFields(caller)) sim.base.principal_account = std::string((*f)[4]);
  if (const std::string* owner = ctx.Param("ResourceOwner")) {
    // An account id (SimulatePrincipalPolicy) or "arn:aws:iam::ID:root" (SimulateCustomPolicy).
    auto f = ArnFields(*owner);
    sim.base.resource_account = f ? std::string((*f)[4]) : *owner;
  }
  return ReadContextEntries(ctx, sim.base);
}

// ---- the answer ----

Result<std::string> Run(Ctx& ctx, Simulation& sim) {
  const std::size_t per_action = sim.resources.size();
  EMU_ASSIGN(page, PageIndex(ctx, sim.actions.size() * per_action));
  XmlWriter w = BeginResult(ctx);
  w.Open("EvaluationResults");
  for (std::size_t i = page.begin; i < page.end; ++i) {
    policy::RequestContext rc = sim.base;
    rc.action = sim.actions[i / per_action];
    rc.resource = sim.resources[i % per_action];
    policy::Evaluation ev = policy::Evaluate(sim.set, rc);
    WriteEvaluationResult(w, sim.set.boundary.has_value(), rc.action, rc.resource, ev);
  }
  w.Close();
  WritePaging(w, page.page);
  return EndResult(ctx, std::move(w));
}

// ---- SimulatePrincipalPolicy ----

// InvalidInput with AWS's words for ARNs that name no IAM user, group or role of this account.
Status CheckSourceArn(const Ctx& ctx, const std::string& arn) {
  auto f = ArnFields(arn);
  if (!f) return Status::Ok();  // EntityFromArn: "ARN X is not valid."
  if ((*f)[2] == "sts") {
    return InvalidInput("Invalid Entity Arn: " + arn +
                        " does not clearly define entity type and name.");
  }
  if ((*f)[2] == "iam" && !(*f)[4].empty() && (*f)[4] != ctx.account) {
    return InvalidInput("Invalid Policy Source Arn: caller's account " + ctx.account +
                        " does not have access to policies in account " + std::string((*f)[4]));
  }
  return Status::Ok();
}

Result<std::string> SimulatePrincipalPolicy(Ctx& ctx) {
  EMU_ASSIGN(arn, Required(ctx, "PolicySourceArn"));
  AIC_RETURN_IF_ERROR(CheckSourceArn(ctx, arn));
  EMU_ASSIGN(entity, EntityFromArn(ctx, arn, /*allow_policy=*/false));
  Simulation sim;
  if (entity.user != nullptr) {
    sim.set = CollectUserPolicies(ctx.st, *entity.user, Cache());
  } else if (entity.group != nullptr) {
    sim.set = CollectGroupPolicies(ctx.st, *entity.group, Cache());
  } else {
    sim.set = CollectRolePolicies(ctx.st, *entity.role, Cache());
  }
  AIC_RETURN_IF_ERROR(ReadCommon(ctx, sim, entity.user != nullptr ? arn : std::string()));
  return Run(ctx, sim);
}

// ---- SimulateCustomPolicy ----

Result<std::string> SimulateCustomPolicy(Ctx& ctx) {
  if (MemberList(ctx, "PolicyInputList").empty()) {
    return ValidationError(
        "1 validation error detected: Value null at 'policyInputList' failed to satisfy "
        "constraint: Member must not be null");
  }
  Simulation sim;
  AIC_RETURN_IF_ERROR(ReadCommon(ctx, sim, std::string()));
  return Run(ctx, sim);
}

}  // namespace

void RegisterSimulateActions(ActionTable& table) {
  table["SimulatePrincipalPolicy"] = {&SimulatePrincipalPolicy, false};
  table["SimulateCustomPolicy"] = {&SimulateCustomPolicy, false};
}

}  // namespace aic::emulator::state
