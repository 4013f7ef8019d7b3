#include "emulator/state/principal_policies.h"

namespace aic::emulator::state {
namespace {

using policy::PolicyHandle;
using policy::PolicySet;
using policy::PolicySource;
using policy::PolicyType;

void AddInline(const std::map<std::string, std::string>& inline_policies, std::string_view owner,
               PolicyType type, PolicyCache& cache, std::vector<PolicyHandle>& out) {
  for (const auto& [name, document] : inline_policies) {
    PolicySource source{std::string(owner) + "_" + name, type};
    auto parsed = cache.Get(document, source);
    if (parsed.ok()) out.push_back(std::move(parsed).value());
  }
}

void AddManaged(const IamState& st, const std::string& arn, PolicyCache& cache,
                std::vector<PolicyHandle>& out) {
  auto it = st.policies.find(arn);
  if (it == st.policies.end()) return;
  const std::string* document = ManagedPolicyDocument(st, arn);
  if (document == nullptr) return;
  // Known by its ARN (AccessDenied messages name it); SimulatePrincipalPolicy's SourcePolicyId
  // is the name part (ManagedPolicySourceId).
  PolicySource source{arn,
                      it->second.aws_managed ? PolicyType::kAwsManaged : PolicyType::kUserManaged};
  auto parsed = cache.Get(*document, source);
  if (parsed.ok()) out.push_back(std::move(parsed).value());
}

void AddBoundary(const IamState& st, const std::string& arn, PolicyCache& cache, PolicySet& set) {
  if (arn.empty()) return;
  set.boundary.emplace();
  AddManaged(st, arn, cache, *set.boundary);
}

}  // namespace

Result<PolicyHandle> PolicyCache::Get(std::string_view document, const PolicySource& source) {
  std::string key;
  key.reserve(source.id.size() + document.size() + 4);
  key.append(source.id).push_back('\x1f');
  key.append(policy::PolicyTypeName(source.type)).push_back('\x1f');
  key.append(document);
  {
    std::lock_guard lock(mu_);
    if (auto it = entries_.find(key); it != entries_.end()) return it->second;
  }
  auto parsed = policy::ParsePolicy(document, source);
  if (!parsed.ok()) return parsed.status();
  std::lock_guard lock(mu_);
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_.emplace(std::move(key), parsed.value());
  return parsed;
}

const std::string* ManagedPolicyDocument(const IamState& st, const std::string& arn) {
  auto it = st.policies.find(arn);
  if (it == st.policies.end()) return nullptr;
  for (const auto& v : it->second.versions) {
    if (v.id == it->second.default_version) return &v.document;
  }
  return nullptr;
}

PolicySet CollectUserPolicies(const IamState& st, const User& user, PolicyCache& cache) {
  PolicySet set;
  AddInline(user.inline_policies, "user_" + user.name, PolicyType::kUser, cache, set.identity);
  for (const auto& arn : user.attached) AddManaged(st, arn, cache, set.identity);
  for (const auto& group_id : user.groups) {
    auto g = st.groups_by_id.find(group_id);
    if (g == st.groups_by_id.end()) continue;
    AddInline(g->second->inline_policies, "group_" + g->second->name, PolicyType::kGroup, cache,
              set.identity);
    for (const auto& arn : g->second->attached) AddManaged(st, arn, cache, set.identity);
  }
  AddBoundary(st, user.boundary_arn, cache, set);
  return set;
}

PolicySet CollectGroupPolicies(const IamState& st, const Group& group, PolicyCache& cache) {
  PolicySet set;
  AddInline(group.inline_policies, "group_" + group.name, PolicyType::kGroup, cache, set.identity);
  for (const auto& arn : group.attached) AddManaged(st, arn, cache, set.identity);
  return set;
}

PolicySet CollectRolePolicies(const IamState& st, const Role& role, PolicyCache& cache) {
  PolicySet set;
  AddInline(role.inline_policies, "role_" + role.name, PolicyType::kRole, cache, set.identity);
  for (const auto& arn : role.attached) AddManaged(st, arn, cache, set.identity);
  AddBoundary(st, role.boundary_arn, cache, set);
  return set;
}

}  // namespace aic::emulator::state
