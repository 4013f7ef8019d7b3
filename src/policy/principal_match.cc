#include "policy/principal_match.h"

#include <algorithm>

namespace aic::policy::internal {
namespace {

// Whether `value` names `account`: the bare id or arn:PARTITION:iam::ACCOUNT:root.
bool NamesAccount(std::string_view value, std::string_view account) {
  if (account.empty()) return false;
  if (value == account) return true;
  if (value.substr(0, 4) != "arn:") return false;
  const std::size_t partition_end = value.find(':', 4);
  if (partition_end == std::string_view::npos) return false;
  std::string_view rest = value.substr(partition_end + 1);
  constexpr std::string_view kIam = "iam::";
  if (rest.substr(0, kIam.size()) != kIam) return false;
  rest.remove_prefix(kIam.size());
  return rest.size() == account.size() + 5 && rest.substr(0, account.size()) == account &&
         rest.substr(account.size()) == ":root";
}

bool IsAccountRootArn(std::string_view arn, std::string_view account) {
  return arn != account && NamesAccount(arn, account);
}

// How strongly one entry names the caller.
PrincipalMatch MatchEntry(const PrincipalEntry& e, const RequestContext& r) {
  switch (e.kind) {
    case PrincipalEntry::Kind::kAws: {
      if (e.value == "*") return PrincipalMatch::kLimited;
      if (!r.session_arn.empty() && e.value == r.session_arn) return PrincipalMatch::kDirect;
      if (NamesAccount(e.value, r.principal_account)) return PrincipalMatch::kAccount;
      if (!r.principal_arn.empty() && e.value == r.principal_arn) {
        return r.session_arn.empty() ? PrincipalMatch::kDirect : PrincipalMatch::kLimited;
      }
      return PrincipalMatch::kNone;
    }
    case PrincipalEntry::Kind::kService:
      if (e.value == "*") return PrincipalMatch::kLimited;
      return !r.service_principal.empty() && e.value == r.service_principal
                 ? PrincipalMatch::kDirect
                 : PrincipalMatch::kNone;
    case PrincipalEntry::Kind::kFederated:
      if (e.value == "*") return PrincipalMatch::kLimited;
      return !r.federated.empty() && e.value == r.federated ? PrincipalMatch::kDirect
                                                            : PrincipalMatch::kNone;
    case PrincipalEntry::Kind::kCanonicalUser:
    case PrincipalEntry::Kind::kOther:
      return PrincipalMatch::kNone;
  }
  return PrincipalMatch::kNone;
}

bool Listed(const PrincipalElement& p, PrincipalEntry::Kind kind, std::string_view value) {
  return std::any_of(p.entries.begin(), p.entries.end(), [&](const PrincipalEntry& e) {
    return e.kind == kind && (e.value == value || e.value == "*");
  });
}

// NotPrincipal: whether the caller is excluded (every identity it has is listed).
bool Excluded(const PrincipalElement& p, const RequestContext& r) {
  if (p.any) return true;
  using Kind = PrincipalEntry::Kind;
  if (!r.service_principal.empty()) return Listed(p, Kind::kService, r.service_principal);
  if (!r.federated.empty()) return Listed(p, Kind::kFederated, r.federated);
  const bool account_listed =
      std::any_of(p.entries.begin(), p.entries.end(), [&](const PrincipalEntry& e) {
        return e.kind == Kind::kAws &&
               (e.value == "*" || NamesAccount(e.value, r.principal_account));
      });
  if (!account_listed) return false;
  if (!r.principal_arn.empty() && !IsAccountRootArn(r.principal_arn, r.principal_account) &&
      !Listed(p, Kind::kAws, r.principal_arn)) {
    return false;
  }
  if (!r.session_arn.empty() && !Listed(p, Kind::kAws, r.session_arn)) return false;
  return true;
}

}  // namespace

PrincipalMatch MatchPrincipal(const PrincipalElement& principal, const RequestContext& request) {
  if (!principal.present) return PrincipalMatch::kNone;
  if (principal.negated) {
    return Excluded(principal, request) ? PrincipalMatch::kNone : PrincipalMatch::kLimited;
  }
  if (principal.any) return PrincipalMatch::kLimited;
  PrincipalMatch best = PrincipalMatch::kNone;
  for (const PrincipalEntry& e : principal.entries) {
    best = std::max(best, MatchEntry(e, request));
    if (best == PrincipalMatch::kDirect) break;
  }
  return best;
}

}  // namespace aic::policy::internal
