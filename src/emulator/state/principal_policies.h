// The policies that apply to an IAM principal, gathered from the emulator's state and parsed
// once: a user's inline and attached policies and its groups', a group's, a role's, and the
// permissions boundary. Parsed documents are cached by their text (PolicyCache), so an
// authorisation parses nothing that has not changed.
//
// Thread safety: PolicyCache is safe to call from many threads; the Collect* functions read the
// state and must run under IamBackend's lock (shared is enough).
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "aws_iam_connector/status.h"
#include "emulator/state/iam_model.h"
#include "policy/policy_engine.h"

namespace aic::emulator::state {

// Parsed documents by (source id, type, document text). Bounded: past kMaxEntries it is cleared.
class PolicyCache {
 public:
  static constexpr std::size_t kMaxEntries = 10000;
  Result<policy::PolicyHandle> Get(std::string_view document, const policy::PolicySource& source);

 private:
  std::mutex mu_;
  std::unordered_map<std::string, policy::PolicyHandle> entries_;
};

// The managed policy's default version's document, or null when the ARN is unknown.
const std::string* ManagedPolicyDocument(const IamState& st, const std::string& arn);

// Source ids (policy::PolicySource::id): an inline policy "user_USER_POLICY",
// "group_GROUP_POLICY" or "role_ROLE_POLICY" (SimulatePrincipalPolicy's SourcePolicyId), a
// managed policy (and a boundary) its ARN (AccessDenied messages name it; the simulator answers
// its name).
//
// A user's identity policies in AWS's order (the user's inline, its attached, then each group's
// inline and attached, in join order) and its permissions boundary. A document that does not
// parse is skipped (it cannot have passed CreatePolicy's grammar).
policy::PolicySet CollectUserPolicies(const IamState& st, const User& user, PolicyCache& cache);
policy::PolicySet CollectGroupPolicies(const IamState& st, const Group& group, PolicyCache& cache);
policy::PolicySet CollectRolePolicies(const IamState& st, const Role& role, PolicyCache& cache);

}  // namespace aic::emulator::state
