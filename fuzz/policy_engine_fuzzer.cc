// Fuzz target: the IAM policy evaluation engine (src/policy/) on an arbitrary document, as a
// request-supplied policy reaches it (SimulateCustomPolicy, session policies). The document is
// parsed, then evaluated against a fixed request as an identity policy, a resource-based
// policy, a boundary and a session policy. Invariants: no crash, hang or sanitizer report; a
// refusal is kInvalidInput with a message; statement positions are 1-based and the end follows
// the start; matched statements exist in the document; an explicit deny lists only Deny
// statements; the decision agrees with the reason.
#include "fuzz_util.h"
#include "policy/policy_document.h"
#include "policy/policy_engine.h"

namespace {

aic::policy::RequestContext FixedRequest() {
  aic::policy::RequestContext r;
  r.action = "iam:GetUser";
  r.resource = "arn:aws:iam::123456789012:user/division/alice";
  r.principal_arn = "arn:aws:iam::123456789012:role/admin";
  r.session_arn = "arn:aws:sts::123456789012:assumed-role/admin/s";
  r.principal_account = "123456789012";
  r.keys["aws:username"] = {"alice"};
  r.keys["aws:principaltag/team"] = {"blue"};
  r.keys["aws:tagkeys"] = {"a", "b", "c"};
  r.keys["aws:sourceip"] = {"203.0.113.9"};
  r.keys["aws:currenttime"] = {"2024-05-01T12:00:00Z"};
  r.keys["aws:epochtime"] = {"1714564800"};
  r.keys["aws:securetransport"] = {"true"};
  r.keys["aws:multifactorauthage"] = {"300"};
  r.keys["aws:principalarn"] = {"arn:aws:iam::123456789012:role/admin"};
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace aic::policy;
  static const RequestContext request = FixedRequest();
  auto parsed = ParsePolicy(aic::fuzz::AsText(data, size), PolicySource{"fuzz", PolicyType::kNone});
  if (!parsed.ok()) {
    aic::fuzz::Check(parsed.status().code() == aic::ErrorCode::kInvalidInput,
                     "a refusal with another code");
    aic::fuzz::Check(!parsed.status().message().empty(), "a refusal without a message");
    return 0;
  }
  const PolicyHandle policy = parsed.value();
  for (const auto& st : policy->statements) {
    aic::fuzz::Check(st.start.line >= 1 && st.start.column >= 1, "a position before the text");
    aic::fuzz::Check(st.end.line > st.start.line ||
                         (st.end.line == st.start.line && st.end.column > st.start.column),
                     "a statement that ends before it starts");
  }
  (void)ConditionKeys(*policy);
  PolicySet sets[3];
  sets[0].identity.push_back(policy);
  sets[1].resource.push_back(policy);
  sets[2].identity.push_back(policy);
  sets[2].boundary = std::vector<PolicyHandle>{policy};
  sets[2].session = std::vector<PolicyHandle>{policy};
  for (const PolicySet& set : sets) {
    const Evaluation ev = Evaluate(set, request);
    for (const MatchedStatement& m : ev.matched) {
      aic::fuzz::Check(m.statement_index >= 0 &&
                           static_cast<std::size_t>(m.statement_index) < policy->statements.size(),
                       "a matched statement outside the document");
      aic::fuzz::Check(m.deny == (ev.decision == Decision::kExplicitDeny),
                       "a matched statement of the wrong effect");
    }
    aic::fuzz::Check((ev.decision == Decision::kAllowed) == (ev.reason == DenyReason::kNone),
                     "a decision that disagrees with its reason");
  }
  return 0;
}
