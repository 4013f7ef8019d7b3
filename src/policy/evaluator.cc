#include "policy/evaluator.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "policy/condition_operators.h"
#include "policy/policy_document.h"
#include "policy/principal_match.h"
#include "policy/wildcard.h"

namespace aic::policy {
namespace {

using internal::PrincipalMatch;
using internal::Statement;

enum class Kind { kIdentity, kResource, kBoundary, kSession };

struct Hit {
  const ParsedPolicy* policy;
  int index;
  Kind kind;
  PrincipalMatch principal;
};

struct Scratch {
  internal::ConditionScratch condition;
  internal::MissingKeys missing;
  std::vector<Hit> denies;
  std::vector<Hit> allows;
};

bool ActionMatches(const Statement& st, std::string_view action) {
  bool any = false;
  for (const internal::ActionPattern& p : st.actions) {
    if (!p.wildcard) {
      if (p.lower == action) {
        any = true;
        break;
      }
      continue;
    }
    if (action.size() < p.literal_prefix ||
        std::memcmp(p.lower.data(), action.data(), p.literal_prefix) != 0) {
      continue;
    }
    if (p.lower.size() == p.literal_prefix + 1 && p.lower.back() == '*') {  // "prefix*"
      any = true;
      break;
    }
    if (internal::PlainWildcardMatch(std::string_view(p.lower).substr(p.literal_prefix),
                                     action.substr(p.literal_prefix), false)) {
      any = true;
      break;
    }
  }
  return any != st.not_action;
}

bool ResourceMatches(const Statement& st, const RequestContext& request, Scratch& s) {
  if (!st.has_resource) return true;
  bool any = false;
  for (const internal::ValueTemplate& r : st.resources) {
    if (!r.has_variables()) {
      if (r.text == "*" || internal::PlainWildcardMatch(r.text, request.resource, false)) {
        any = true;
        break;
      }
      continue;
    }
    if (internal::ExpandTemplate(r, request, s.condition.text, s.condition.literal, &s.missing) &&
        internal::MaskedWildcardMatch(s.condition.text, s.condition.literal, request.resource)) {
      any = true;
      break;
    }
  }
  return any != st.not_resource;
}

bool ConditionsHold(const Statement& st, const RequestContext& request, Scratch& s) {
  bool all = true;
  // Every clause is evaluated (no early exit) so that all missing keys are reported.
  for (const internal::ConditionClause& c : st.conditions) {
    if (!internal::EvaluateClause(c, request, s.condition, &s.missing)) all = false;
  }
  return all;
}

void EvaluatePolicies(const std::vector<PolicyHandle>& policies, Kind kind,
                      const RequestContext& request, std::string_view action, Scratch& s) {
  for (const PolicyHandle& handle : policies) {
    if (!handle) continue;
    const ParsedPolicy& policy = *handle;
    for (std::size_t i = 0; i < policy.statements.size(); ++i) {
      const Statement& st = policy.statements[i];
      if (!ActionMatches(st, action)) continue;
      if (!ResourceMatches(st, request, s)) continue;
      PrincipalMatch principal = PrincipalMatch::kNone;
      if (kind == Kind::kResource) {
        principal = internal::MatchPrincipal(st.principal, request);
        if (principal == PrincipalMatch::kNone) continue;
      }
      if (!ConditionsHold(st, request, s)) continue;
      (st.deny ? s.denies : s.allows).push_back({&policy, static_cast<int>(i), kind, principal});
    }
  }
}

MatchedStatement ToMatched(const Hit& h) {
  const Statement& st = h.policy->statements[static_cast<std::size_t>(h.index)];
  MatchedStatement m;
  m.source_policy_id = h.policy->source.id;
  m.source_policy_type = h.policy->source.type;
  m.statement_index = h.index;
  m.start = st.start;
  m.end = st.end;
  m.deny = st.deny;
  return m;
}

DenyReason DenyReasonOf(Kind kind) {
  switch (kind) {
    case Kind::kIdentity:
      return DenyReason::kExplicitDenyIdentity;
    case Kind::kResource:
      return DenyReason::kExplicitDenyResource;
    case Kind::kBoundary:
      return DenyReason::kExplicitDenyBoundary;
    case Kind::kSession:
      return DenyReason::kExplicitDenySession;
  }
  return DenyReason::kExplicitDenyIdentity;
}

// The request's action lower-cased, in a stack buffer when it fits.
class LoweredAction {
 public:
  explicit LoweredAction(std::string_view action) {
    char* out = buf_.data();
    if (action.size() > buf_.size()) {
      heap_.resize(action.size());
      out = heap_.data();
    }
    for (std::size_t i = 0; i < action.size(); ++i) out[i] = internal::AsciiLower(action[i]);
    view_ = std::string_view(out, action.size());
  }
  std::string_view view() const { return view_; }

 private:
  std::array<char, 128> buf_;
  std::string heap_;
  std::string_view view_;
};

}  // namespace

Evaluation Evaluate(const PolicySet& policies, const RequestContext& request) {
  const LoweredAction action(request.action);
  Scratch s;
  EvaluatePolicies(policies.identity, Kind::kIdentity, request, action.view(), s);
  EvaluatePolicies(policies.resource, Kind::kResource, request, action.view(), s);
  if (policies.boundary) {
    EvaluatePolicies(*policies.boundary, Kind::kBoundary, request, action.view(), s);
  }
  if (policies.session) {
    EvaluatePolicies(*policies.session, Kind::kSession, request, action.view(), s);
  }

  Evaluation ev;
  {
    std::sort(s.missing.begin(), s.missing.end());
    s.missing.erase(std::unique(s.missing.begin(), s.missing.end()), s.missing.end());
    ev.missing_context_keys.assign(s.missing.begin(), s.missing.end());
  }
  auto has_allow = [&](Kind kind) {
    return std::any_of(s.allows.begin(), s.allows.end(),
                       [&](const Hit& h) { return h.kind == kind; });
  };
  auto has_deny = [&](Kind kind) {
    return std::any_of(s.denies.begin(), s.denies.end(),
                       [&](const Hit& h) { return h.kind == kind; });
  };
  const bool boundary_allows = !policies.boundary || has_allow(Kind::kBoundary);
  ev.allowed_by_boundary = !policies.boundary || (boundary_allows && !has_deny(Kind::kBoundary));

  if (!s.denies.empty()) {
    ev.decision = Decision::kExplicitDeny;
    Kind first = Kind::kSession;
    for (const Hit& h : s.denies) first = std::min(first, h.kind);
    ev.reason = DenyReasonOf(first);
    for (const Hit& h : s.denies) ev.matched.push_back(ToMatched(h));
    return ev;
  }

  const bool session_allows = !policies.session || has_allow(Kind::kSession);
  const bool cross_account = !request.resource_account.empty() &&
                             !request.principal_account.empty() &&
                             request.resource_account != request.principal_account;
  bool identity_allow = false;   // limited by boundary and session policy
  bool resource_direct = false;  // not limited
  bool resource_any = false;     // any principal form (cross-account)
  for (const Hit& h : s.allows) {
    if (h.kind == Kind::kIdentity) identity_allow = true;
    if (h.kind != Kind::kResource) continue;
    resource_any = true;
    if (h.principal == PrincipalMatch::kDirect) resource_direct = true;
    if (h.principal == PrincipalMatch::kLimited) identity_allow = true;
  }
  auto counts = [&](const Hit& h) {
    if (h.kind == Kind::kIdentity) return true;
    if (h.kind != Kind::kResource) return false;
    return cross_account || h.principal != PrincipalMatch::kAccount;
  };
  for (const Hit& h : s.allows) {
    if (counts(h)) ev.matched.push_back(ToMatched(h));
  }

  if (cross_account) {
    bool identity_side = false;
    for (const Hit& h : s.allows) identity_side = identity_side || h.kind == Kind::kIdentity;
    if (!resource_any || !identity_side) {
      ev.reason = DenyReason::kNoIdentityAllow;
    } else if (!boundary_allows) {
      ev.reason = DenyReason::kNoBoundaryAllow;
    } else if (!session_allows) {
      ev.reason = DenyReason::kNoSessionAllow;
    } else {
      ev.decision = Decision::kAllowed;
      ev.reason = DenyReason::kNone;
    }
    return ev;
  }

  if (resource_direct) {
    ev.decision = Decision::kAllowed;
    ev.reason = DenyReason::kNone;
  } else if (!identity_allow) {
    ev.reason = DenyReason::kNoIdentityAllow;
  } else if (!boundary_allows) {
    ev.reason = DenyReason::kNoBoundaryAllow;
  } else if (!session_allows) {
    ev.reason = DenyReason::kNoSessionAllow;
  } else {
    ev.decision = Decision::kAllowed;
    ev.reason = DenyReason::kNone;
  }
  if (ev.decision != Decision::kAllowed) ev.decision = Decision::kImplicitDeny;
  return ev;
}

}  // namespace aic::policy
