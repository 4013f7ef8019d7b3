// The review's checks (docs/review.md has each one's rule and its source).
#include <nlohmann/json.hpp>

#include "review/review.h"

namespace aic::review {
namespace {

constexpr EpochSeconds kDay = 86400;
constexpr std::string_view kSupportPolicy = "arn:aws:iam::aws:policy/AWSSupportAccess";
constexpr std::string_view kCloudShellPolicy = "arn:aws:iam::aws:policy/AWSCloudShellFullAccess";

CheckResult Start(std::string check, std::string cis, std::string title) {
  CheckResult r;
  r.check = std::move(check);
  r.cis = std::move(cis);
  r.title = std::move(title);
  return r;
}

// FAIL when resources were found, else PASS.
void FailIfAny(CheckResult& r) {
  r.status = r.resources.empty() ? CheckStatus::kPass : CheckStatus::kFail;
}

std::string Days(EpochSeconds now, EpochSeconds then) {
  return std::to_string((now - then) / kDay) + " days";
}

std::string RootArn(const SummaryFacts& s) { return "arn:aws:iam::" + s.account_id + ":root"; }

const char* kNoSummary =
    "the snapshot has no __ACCOUNT_SUMMARY__ line (an import written before issue 15)";

// Why the credential report's facts are missing, or "" when they are there.
std::string UsageMissing(const Snapshot& s) {
  if (!s.summary) return kNoSummary;
  if (!s.summary->usage_error.empty()) {
    return "the import could not read the credential report: " + s.summary->usage_error;
  }
  for (const auto& u : s.users) {
    if (!u.usage_known) return "user " + u.name + " has no credential report facts";
  }
  return "";
}

bool Holds(const std::vector<std::string>& policies, std::string_view arn) {
  for (const auto& p : policies) {
    if (p == arn) return true;
  }
  return false;
}

// Every user, group and role holding `arn`.
std::vector<ResourceFinding> Holders(const Snapshot& s, std::string_view arn) {
  std::vector<ResourceFinding> out;
  for (const auto& u : s.users) {
    if (Holds(u.policies, arn)) out.push_back({u.arn, "user " + u.name + " has it attached"});
  }
  for (const auto& g : s.groups) {
    if (Holds(g.policies, arn)) out.push_back({g.arn, "group " + g.name + " has it attached"});
  }
  for (const auto& r : s.roles) {
    if (Holds(r.policies, arn)) out.push_back({r.arn, "role " + r.name + " has it attached"});
  }
  return out;
}

CheckResult RootAccessKeys(const Snapshot& s) {
  auto r = Start("root-access-keys", "1.4", "Ensure no 'root' user account access key exists");
  if (!s.summary) {
    r.reason = kNoSummary;
  } else if (s.summary->root_known || s.summary->account_access_keys_present) {
    int keys = s.summary->root_known ? s.summary->root_active_keys
                                     : static_cast<int>(*s.summary->account_access_keys_present);
    if (keys > 0) {
      r.resources.push_back(
          {RootArn(*s.summary), "the root user has " + std::to_string(keys) + " access key(s)"});
    }
    FailIfAny(r);
  } else {
    r.reason = "neither the credential report's root line nor AccountAccessKeysPresent is known";
  }
  return r;
}

CheckResult RootMfa(const Snapshot& s) {
  auto r = Start("root-mfa", "1.5", "Ensure MFA is enabled for the 'root' user account");
  if (!s.summary) {
    r.reason = kNoSummary;
  } else if (s.summary->root_known || s.summary->account_mfa_enabled) {
    bool mfa =
        s.summary->root_known ? s.summary->root_mfa_active : *s.summary->account_mfa_enabled > 0;
    if (!mfa) r.resources.push_back({RootArn(*s.summary), "the root user has no MFA device"});
    FailIfAny(r);
  } else {
    r.reason = "neither the credential report's root line nor AccountMFAEnabled is known";
  }
  return r;
}

CheckResult PasswordPolicy(const Snapshot& s, bool length) {
  auto r = length ? Start("password-policy-length", "1.8",
                          "Ensure IAM password policy requires minimum length of 14 or greater")
                  : Start("password-policy-reuse", "1.9",
                          "Ensure IAM password policy prevents password reuse");
  if (!s.summary) {
    r.reason = kNoSummary;
    return r;
  }
  const SummaryFacts& m = *s.summary;
  if (auto refused = m.unavailable.find("GetAccountPasswordPolicy");
      refused != m.unavailable.end()) {
    r.reason = "the import was refused GetAccountPasswordPolicy: " + refused->second;
    return r;
  }
  if (!m.password_policy_known) {
    r.reason = "the snapshot does not say whether the account has a password policy";
    return r;
  }
  const std::string account = "arn:aws:iam::" + m.account_id + ":account-password-policy";
  if (!m.has_password_policy) {
    r.resources.push_back({account, "the account has no password policy"});
  } else if (length) {
    std::int64_t v = m.minimum_password_length.value_or(0);
    if (v < kMinPasswordLength) {
      r.resources.push_back({account, "MinimumPasswordLength is " + std::to_string(v) + " (needs " +
                                          std::to_string(kMinPasswordLength) + ")"});
    }
  } else {
    std::int64_t v = m.password_reuse_prevention.value_or(0);
    if (v < kPasswordReusePrevention) {
      r.resources.push_back({account, m.password_reuse_prevention
                                          ? "PasswordReusePrevention is " + std::to_string(v) +
                                                " (needs " +
                                                std::to_string(kPasswordReusePrevention) + ")"
                                          : "PasswordReusePrevention is not set (needs " +
                                                std::to_string(kPasswordReusePrevention) + ")"});
    }
  }
  FailIfAny(r);
  return r;
}

// A check over every user that needs the credential report.
template <class PerUser>
CheckResult UsageCheck(const Snapshot& s, CheckResult r, PerUser per_user) {
  if (std::string why = UsageMissing(s); !why.empty()) {
    r.reason = why;
    return r;
  }
  for (const auto& u : s.users) per_user(u, r.resources);
  FailIfAny(r);
  return r;
}

CheckResult ConsoleMfa(const Snapshot& s) {
  return UsageCheck(
      s,
      Start("console-users-mfa", "1.10",
            "Ensure multi-factor authentication (MFA) is enabled for all IAM users that have a "
            "console password"),
      [](const UserFacts& u, std::vector<ResourceFinding>& out) {
        if (u.password_enabled && !u.mfa_active) {
          out.push_back({u.arn, "user " + u.name + " has a console password and no MFA device"});
        }
      });
}

CheckResult UnusedCredentials(const Snapshot& s, EpochSeconds now) {
  const EpochSeconds limit = kUnusedCredentialDays * kDay;
  return UsageCheck(
      s,
      Start("unused-credentials", "1.12",
            "Ensure credentials unused for 45 days or more are disabled"),
      [&](const UserFacts& u, std::vector<ResourceFinding>& out) {
        std::vector<std::string> why;
        if (u.password_enabled) {
          if (u.password_last_used && now - *u.password_last_used >= limit) {
            why.push_back("password last used " + Days(now, *u.password_last_used) + " ago");
          } else if (!u.password_last_used && u.created && now - *u.created >= limit) {
            why.push_back("password never used, user created " + Days(now, *u.created) + " ago");
          }
        }
        for (const auto& k : u.keys) {
          if (!k.active) continue;
          const std::string key = "access key " + std::to_string(k.slot);
          if (k.last_used && now - *k.last_used >= limit) {
            why.push_back(key + " last used " + Days(now, *k.last_used) + " ago");
          } else if (!k.last_used && k.last_rotated && now - *k.last_rotated >= limit) {
            why.push_back(key + " never used, created " + Days(now, *k.last_rotated) + " ago");
          }
        }
        if (why.empty()) return;
        std::string evidence = "user " + u.name + ": ";
        for (std::size_t i = 0; i < why.size(); ++i) evidence += (i ? "; " : "") + why[i];
        out.push_back({u.arn, evidence});
      });
}

CheckResult OneActiveKey(const Snapshot& s) {
  return UsageCheck(
      s,
      Start("one-active-key", "1.13",
            "Ensure there is only one active access key available for any single IAM user"),
      [](const UserFacts& u, std::vector<ResourceFinding>& out) {
        int active = 0;
        for (const auto& k : u.keys) active += k.active ? 1 : 0;
        if (active > 1) {
          out.push_back(
              {u.arn, "user " + u.name + " has " + std::to_string(active) + " active access keys"});
        }
      });
}

CheckResult KeyRotation(const Snapshot& s, EpochSeconds now) {
  return UsageCheck(
      s,
      Start("access-key-rotation", "1.14", "Ensure access keys are rotated every 90 days or less"),
      [&](const UserFacts& u, std::vector<ResourceFinding>& out) {
        for (const auto& k : u.keys) {
          if (k.active && k.last_rotated && now - *k.last_rotated > kMaxAccessKeyAgeDays * kDay) {
            out.push_back({u.arn, "user " + u.name + ": active access key " +
                                      std::to_string(k.slot) + " created " +
                                      Days(now, *k.last_rotated) + " ago"});
          }
        }
      });
}

CheckResult PoliciesThroughGroups(const Snapshot& s) {
  auto r = Start("user-policies-through-groups", "1.15",
                 "Ensure IAM users receive permissions only through groups");
  for (const auto& u : s.users) {
    if (u.policies.empty() && u.inline_policies.empty()) continue;
    r.resources.push_back({u.arn, "user " + u.name + " has " + std::to_string(u.policies.size()) +
                                      " attached and " + std::to_string(u.inline_policies.size()) +
                                      " inline policies of its own"});
  }
  FailIfAny(r);
  return r;
}

CheckResult FullAdmin(const Snapshot& s) {
  auto r = Start("full-admin-policies", "1.16",
                 "Ensure IAM policies that allow full \"*:*\" administrative privileges are not "
                 "attached");
  int without_document = 0;
  for (const auto& p : s.policies) {
    if (!p.customer_managed) continue;
    if (!p.has_document) {
      ++without_document;
      continue;
    }
    if (p.full_admin && p.attachment_count > 0) {
      r.resources.push_back({p.arn, "policy " + p.name +
                                        " allows Action \"*\" on Resource \"*\" and is attached " +
                                        std::to_string(p.attachment_count) + " time(s)"});
    }
  }
  if (r.resources.empty() && without_document > 0) {
    r.reason = std::to_string(without_document) +
               " customer managed policies have no document in the snapshot";
    return r;
  }
  FailIfAny(r);
  return r;
}

CheckResult SupportRole(const Snapshot& s) {
  auto r = Start("support-role", "1.17",
                 "Ensure a support role has been created to manage incidents with AWS Support");
  r.resources = Holders(s, kSupportPolicy);
  r.status = r.resources.empty() ? CheckStatus::kFail : CheckStatus::kPass;
  if (r.resources.empty()) r.reason = "AWSSupportAccess is attached to no user, group or role";
  return r;
}

CheckResult ExpiredCertificates(const Snapshot& s, EpochSeconds now) {
  auto r = Start("expired-server-certificates", "1.19",
                 "Ensure that all the expired SSL/TLS certificates stored in AWS IAM are removed");
  if (!s.summary) {
    r.reason = kNoSummary;
    return r;
  }
  if (auto refused = s.summary->unavailable.find("ListServerCertificates");
      refused != s.summary->unavailable.end()) {
    r.reason = "the import was refused ListServerCertificates: " + refused->second;
    return r;
  }
  for (const auto& c : s.certificates) {
    if (c.expiration && *c.expiration < now) {
      r.resources.push_back(
          {c.arn, "server certificate " + c.name + " expired " + FormatIsoTime(*c.expiration)});
    }
  }
  FailIfAny(r);
  return r;
}

CheckResult CloudShell(const Snapshot& s) {
  auto r = Start("cloudshell-full-access", "1.22",
                 "Ensure access to AWSCloudShellFullAccess is restricted");
  r.resources = Holders(s, kCloudShellPolicy);
  FailIfAny(r);
  return r;
}

CheckResult UnusedRoles(const Snapshot& s, const ReviewOptions& o) {
  auto r = Start("unused-roles", "",
                 "Roles unused for " + std::to_string(o.unused_role_days) + " days or more");
  if (!s.summary) {
    r.reason = kNoSummary;
    return r;
  }
  const EpochSeconds limit = static_cast<EpochSeconds>(o.unused_role_days) * kDay;
  for (const auto& role : s.roles) {
    if (role.service_linked) continue;
    if (role.last_used && o.now - *role.last_used >= limit) {
      r.resources.push_back(
          {role.arn, "role " + role.name + " last used " + Days(o.now, *role.last_used) + " ago"});
    } else if (!role.last_used && role.created && o.now - *role.created >= limit) {
      r.resources.push_back({role.arn, "role " + role.name + " never used, created " +
                                           Days(o.now, *role.created) + " ago"});
    }
  }
  FailIfAny(r);
  return r;
}

std::string TrustEvidence(const RoleFacts& role, const TrustFacts& t, std::string_view what) {
  std::string e = "role " + role.name + " trusts " + (what.empty() ? "" : std::string(what) + " ") +
                  t.principal + " (" + t.type + "), ";
  if (t.conditions.empty()) return e + "without conditions";
  e += "restricted by conditions on ";
  for (std::size_t i = 0; i < t.conditions.size(); ++i) e += (i ? ", " : "") + t.conditions[i];
  return e;
}

// Lists every matching trust entry; FAIL when one of them has no condition.
template <class Match>
CheckResult TrustCheck(const Snapshot& s, CheckResult r, std::string_view what, Match match) {
  if (!s.summary) {
    r.reason = kNoSummary;
    return r;
  }
  bool unconditioned = false;
  for (const auto& role : s.roles) {
    for (const auto& t : role.trust) {
      if (!match(t)) continue;
      r.resources.push_back({role.arn, TrustEvidence(role, t, what)});
      unconditioned = unconditioned || t.conditions.empty();
    }
  }
  r.status = unconditioned ? CheckStatus::kFail : CheckStatus::kPass;
  if (!r.resources.empty() && !unconditioned)
    r.reason = "every such trust is restricted by conditions";
  return r;
}

}  // namespace

std::string_view CheckStatusName(CheckStatus status) {
  switch (status) {
    case CheckStatus::kPass:
      return "PASS";
    case CheckStatus::kFail:
      return "FAIL";
    case CheckStatus::kUnknown:
      break;
  }
  return "UNKNOWN";
}

EpochSeconds DefaultNow(const Snapshot& snapshot, EpochSeconds fallback) {
  if (snapshot.summary && snapshot.summary->credential_report_time) {
    return *snapshot.summary->credential_report_time;
  }
  return fallback;
}

ReviewReport Review(const Snapshot& s, const ReviewOptions& o) {
  ReviewReport report;
  report.generated_at = o.now;
  auto& c = report.checks;
  c.push_back(RootAccessKeys(s));
  c.push_back(RootMfa(s));
  c.push_back(PasswordPolicy(s, true));
  c.push_back(PasswordPolicy(s, false));
  c.push_back(ConsoleMfa(s));
  c.push_back(UnusedCredentials(s, o.now));
  c.push_back(OneActiveKey(s));
  c.push_back(KeyRotation(s, o.now));
  c.push_back(PoliciesThroughGroups(s));
  c.push_back(FullAdmin(s));
  c.push_back(SupportRole(s));
  c.push_back(ExpiredCertificates(s, o.now));
  c.push_back(CloudShell(s));
  c.push_back(UnusedRoles(s, o));
  c.push_back(TrustCheck(
      s, Start("external-trust", "", "Roles trusted by another account or a federated provider"),
      "", [](const TrustFacts& t) { return t.external || t.type == "Federated"; }));
  c.push_back(TrustCheck(s, Start("wildcard-trust", "", "Roles trusted by a wildcard principal"),
                         "wildcard", [](const TrustFacts& t) { return t.wildcard; }));
  for (const auto& check : c) {
    (check.status == CheckStatus::kPass   ? report.pass
     : check.status == CheckStatus::kFail ? report.fail
                                          : report.unknown)++;
  }
  return report;
}

std::string ReportJson(const ReviewReport& report) {
  nlohmann::ordered_json checks = nlohmann::ordered_json::array();
  for (const auto& c : report.checks) {
    nlohmann::ordered_json e;
    e["check"] = c.check;
    if (!c.cis.empty()) e["cis"] = c.cis;
    e["title"] = c.title;
    e["status"] = std::string(CheckStatusName(c.status));
    if (!c.reason.empty()) e["reason"] = c.reason;
    nlohmann::ordered_json resources = nlohmann::ordered_json::array();
    for (const auto& r : c.resources)
      resources.push_back({{"arn", r.arn}, {"evidence", r.evidence}});
    e["resources"] = std::move(resources);
    checks.push_back(std::move(e));
  }
  nlohmann::ordered_json out;
  out["generatedAt"] = FormatIsoTime(report.generated_at);
  out["summary"] = {{"PASS", report.pass}, {"FAIL", report.fail}, {"UNKNOWN", report.unknown}};
  out["checks"] = std::move(checks);
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace aic::review
