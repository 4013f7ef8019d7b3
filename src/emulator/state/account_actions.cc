// Account-wide actions: the password policy, GetAccountSummary and
// GetAccountAuthorizationDetails.
#include "common/text_codec.h"
#include "emulator/state/action_context.h"

namespace aic::emulator::state {
namespace {

constexpr int kMinPasswordLength = 6;
constexpr int kMaxPasswordAgeDays = 1095;
constexpr int kMaxPasswordReusePrevention = 24;

Status NoPasswordPolicy(const Ctx& ctx) {
  return NoSuchEntity("The Password Policy with domain name " + ctx.account + " cannot be found.");
}

Result<std::string> GetAccountPasswordPolicy(Ctx& ctx) {
  if (!ctx.st.password_policy) return NoPasswordPolicy(ctx);
  const PasswordPolicy& p = *ctx.st.password_policy;
  XmlWriter w = BeginResult(ctx);
  w.Open("PasswordPolicy");
  w.Element("MinimumPasswordLength", static_cast<long long>(p.min_length));
  w.Element("RequireSymbols", p.require_symbols);
  w.Element("RequireNumbers", p.require_numbers);
  w.Element("RequireUppercaseCharacters", p.require_upper);
  w.Element("RequireLowercaseCharacters", p.require_lower);
  w.Element("AllowUsersToChangePassword", p.allow_change);
  w.Element("ExpirePasswords", p.max_age > 0);
  if (p.max_age > 0) w.Element("MaxPasswordAge", static_cast<long long>(p.max_age));
  if (p.reuse_prevention > 0) {
    w.Element("PasswordReusePrevention", static_cast<long long>(p.reuse_prevention));
  }
  w.Element("HardExpiry", p.hard_expiry);
  w.Close();
  return EndResult(ctx, std::move(w));
}

// Like AWS, an update replaces the whole policy: what is not given takes its default.
Result<std::string> UpdateAccountPasswordPolicy(Ctx& ctx) {
  PasswordPolicy p;
  EMU_ASSIGN(min_length, OptionalInt(ctx, "MinimumPasswordLength", kMinPasswordLength,
                                     kMinPasswordLength, static_cast<int>(kMaxPasswordLength)));
  EMU_ASSIGN(symbols, OptionalBool(ctx, "RequireSymbols", false));
  EMU_ASSIGN(numbers, OptionalBool(ctx, "RequireNumbers", false));
  EMU_ASSIGN(upper, OptionalBool(ctx, "RequireUppercaseCharacters", false));
  EMU_ASSIGN(lower, OptionalBool(ctx, "RequireLowercaseCharacters", false));
  EMU_ASSIGN(allow, OptionalBool(ctx, "AllowUsersToChangePassword", false));
  EMU_ASSIGN(max_age, OptionalInt(ctx, "MaxPasswordAge", 0, 1, kMaxPasswordAgeDays));
  EMU_ASSIGN(reuse, OptionalInt(ctx, "PasswordReusePrevention", 0, 1, kMaxPasswordReusePrevention));
  EMU_ASSIGN(hard, OptionalBool(ctx, "HardExpiry", false));
  p.min_length = min_length;
  p.require_symbols = symbols;
  p.require_numbers = numbers;
  p.require_upper = upper;
  p.require_lower = lower;
  p.allow_change = allow;
  p.max_age = max_age;
  p.reuse_prevention = reuse;
  p.hard_expiry = hard;
  ctx.st.password_policy = p;
  ctx.dirty.account = true;
  return EmptyResult(ctx);
}

Result<std::string> DeleteAccountPasswordPolicy(Ctx& ctx) {
  if (!ctx.st.password_policy) return NoPasswordPolicy(ctx);
  ctx.st.password_policy.reset();
  ctx.dirty.account = true;
  return EmptyResult(ctx);
}

Result<std::string> GetAccountSummary(Ctx& ctx) {
  long long local_policies = 0, versions = 0, mfa_in_use = 0;
  for (const auto& [arn, p] : ctx.st.policies) {
    if (!p.aws_managed) {
      ++local_policies;
      versions += static_cast<long long>(p.versions.size());
    }
  }
  for (const auto& [s, d] : ctx.st.mfa_devices) mfa_in_use += d.user_id.empty() ? 0 : 1;
  const std::pair<const char*, long long> entries[] = {
      {"Users", static_cast<long long>(ctx.st.users.size())},
      {"UsersQuota", 5000},
      {"Groups", static_cast<long long>(ctx.st.groups.size())},
      {"GroupsQuota", 300},
      {"Policies", local_policies},
      {"PoliciesQuota", 1500},
      {"PolicyVersionsInUse", versions},
      {"PolicyVersionsInUseQuota", 10000},
      {"VersionsPerPolicyQuota", static_cast<long long>(kMaxPolicyVersions)},
      {"GroupsPerUserQuota", static_cast<long long>(kMaxGroupsPerUser)},
      {"AttachedPoliciesPerUserQuota", static_cast<long long>(kMaxManagedPoliciesPerEntity)},
      {"AttachedPoliciesPerGroupQuota", static_cast<long long>(kMaxManagedPoliciesPerEntity)},
      {"AttachedPoliciesPerRoleQuota", 10},
      {"AccessKeysPerUserQuota", static_cast<long long>(kMaxAccessKeysPerUser)},
      {"SigningCertificatesPerUserQuota", static_cast<long long>(kMaxSigningCertificatesPerUser)},
      {"UserPolicySizeQuota", 2048},
      {"GroupPolicySizeQuota", 5120},
      {"RolePolicySizeQuota", 10240},
      {"PolicySizeQuota", static_cast<long long>(kMaxManagedPolicyDocumentLength)},
      {"AssumeRolePolicySizeQuota", 2048},
      {"MFADevices", static_cast<long long>(ctx.st.mfa_devices.size())},
      {"MFADevicesInUse", mfa_in_use},
      {"AccountMFAEnabled", 0},
      {"AccountAccessKeysPresent", 1},
      {"AccountSigningCertificatesPresent", 0},
      {"Roles", 0},
      {"RolesQuota", 1000},
      {"InstanceProfiles", 0},
      {"InstanceProfilesQuota", 1000},
      {"ServerCertificates", static_cast<long long>(ctx.st.server_certificates.size())},
      {"ServerCertificatesQuota", 20},
      {"Providers",
       static_cast<long long>(ctx.st.saml_providers.size() + ctx.st.oidc_providers.size())},
      {"GlobalEndpointTokenVersion", 1},
  };
  XmlWriter w = BeginResult(ctx);
  w.Open("SummaryMap");
  for (const auto& [key, value] : entries) {
    w.Open("entry");
    w.Element("key", key);
    w.Element("value", value);
    w.Close();
  }
  w.Close();
  return EndResult(ctx, std::move(w));
}

// ---- GetAccountAuthorizationDetails ----
// Paging runs over users, then groups, then managed policies; the marker is the phase digit
// followed by the key of the next entity.

void WriteInlineList(XmlWriter& w, std::string_view element,
                     const std::map<std::string, std::string>& policies) {
  w.Open(element);
  for (const auto& [name, doc] : policies) {
    w.Open("member");
    w.Element("PolicyName", name);
    w.Element("PolicyDocument", text::PercentEncode(doc));
    w.Close();
  }
  w.Close();
}

void WriteAttachedList(XmlWriter& w, const Ctx& ctx, const std::vector<std::string>& attached) {
  w.Open("AttachedManagedPolicies");
  for (const auto& arn : attached) {
    const ManagedPolicy* p = ctx.st.FindPolicy(arn);
    if (p == nullptr) continue;
    w.Open("member");
    w.Element("PolicyName", p->name);
    w.Element("PolicyArn", p->arn);
    w.Close();
  }
  w.Close();
}

void WriteUserDetail(XmlWriter& w, const Ctx& ctx, const User& u) {
  w.Open("member");
  w.Element("Path", u.path);
  w.Element("UserName", u.name);
  w.Element("UserId", u.id);
  w.Element("Arn", UserArn(ctx, u));
  w.Element("CreateDate", text::FormatIso8601(u.created));
  WriteInlineList(w, "UserPolicyList", u.inline_policies);
  w.Open("GroupList");
  for (const auto& gid : u.groups) {
    auto it = ctx.st.groups_by_id.find(gid);
    if (it != ctx.st.groups_by_id.end()) w.Element("member", it->second->name);
  }
  w.Close();
  WriteAttachedList(w, ctx, u.attached);
  if (!u.boundary_arn.empty()) {
    w.Open("PermissionsBoundary");
    w.Element("PermissionsBoundaryType", "PermissionsBoundaryPolicy");
    w.Element("PermissionsBoundaryArn", u.boundary_arn);
    w.Close();
  }
  WriteTags(w, u.tags);
  w.Close();
}

void WriteGroupDetail(XmlWriter& w, const Ctx& ctx, const Group& g) {
  w.Open("member");
  w.Element("Path", g.path);
  w.Element("GroupName", g.name);
  w.Element("GroupId", g.id);
  w.Element("Arn", GroupArn(ctx, g));
  w.Element("CreateDate", text::FormatIso8601(g.created));
  WriteInlineList(w, "GroupPolicyList", g.inline_policies);
  WriteAttachedList(w, ctx, g.attached);
  w.Close();
}

void WritePolicyDetail(XmlWriter& w, const ManagedPolicy& p) {
  w.Open("member");
  w.Element("PolicyName", p.name);
  w.Element("PolicyId", p.id);
  w.Element("Arn", p.arn);
  w.Element("Path", p.path);
  w.Element("DefaultVersionId", p.default_version);
  w.Element("AttachmentCount", static_cast<long long>(p.attachment_count));
  w.Element("PermissionsBoundaryUsageCount", static_cast<long long>(p.boundary_usage_count));
  w.Element("IsAttachable", true);
  if (!p.description.empty()) w.Element("Description", p.description);
  w.Element("CreateDate", text::FormatIso8601(p.created));
  w.Element("UpdateDate", text::FormatIso8601(p.updated));
  w.Open("PolicyVersionList");
  for (const auto& v : p.versions) {
    w.Open("member");
    w.Element("Document", text::PercentEncode(v.document));
    w.Element("VersionId", v.id);
    w.Element("IsDefaultVersion", v.id == p.default_version);
    w.Element("CreateDate", text::FormatIso8601(v.created));
    w.Close();
  }
  w.Close();
  w.Close();
}

Result<std::string> GetAccountAuthorizationDetails(Ctx& ctx) {
  EMU_ASSIGN(max, MaxItems(ctx));
  EMU_ASSIGN(marker, MarkerKey(ctx));
  bool want_user = false, want_group = false, want_local = false, want_aws = false;
  std::vector<std::string> filter = MemberList(ctx, "Filter");
  for (const auto& f : filter) {
    if (f == "User")
      want_user = true;
    else if (f == "Group")
      want_group = true;
    else if (f == "LocalManagedPolicy")
      want_local = true;
    else if (f == "AWSManagedPolicy")
      want_aws = true;
    else if (f != "Role") {
      return ValidationError("1 validation error detected: Value '[" + f +
                             "]' at 'filter' failed to satisfy constraint: Member must satisfy "
                             "constraint: [Member must satisfy enum value set: [User, Role, "
                             "Group, LocalManagedPolicy, AWSManagedPolicy]]");
    }
  }
  if (filter.empty()) want_user = want_group = want_local = want_aws = true;
  char phase = '1';
  std::string start;
  if (!marker.empty()) {
    phase = marker[0];
    start = marker.substr(1);
    if (phase < '1' || phase > '3') return ValidationError("Invalid Marker.");
  }
  std::vector<const User*> users;
  std::vector<const Group*> groups;
  std::vector<const ManagedPolicy*> policies;
  int left = max;
  PageEnd end;
  auto take = [&](char this_phase, auto& map, auto pred, auto& out) {
    if (end.truncated || phase > this_phase) return;
    const std::string from = phase == this_phase ? start : std::string();
    PageEnd e = PageMap(map, from, left, pred, [&](const auto& x) { out.push_back(&x); });
    left -= static_cast<int>(out.size());
    if (e.truncated) {
      end.truncated = true;
      end.next_key = std::string(1, this_phase) + e.next_key;
    }
  };
  take(
      '1', ctx.st.users, [&](const User&) { return want_user; }, users);
  take(
      '2', ctx.st.groups, [&](const Group&) { return want_group; }, groups);
  take(
      '3', ctx.st.policies,
      [&](const ManagedPolicy& p) {
        if (p.aws_managed) {
          return want_aws && (p.attachment_count > 0 || p.boundary_usage_count > 0);
        }
        return want_local;
      },
      policies);
  XmlWriter w = BeginResult(ctx);
  w.Open("UserDetailList");
  for (const User* u : users) WriteUserDetail(w, ctx, *u);
  w.Close();
  w.Open("GroupDetailList");
  for (const Group* g : groups) WriteGroupDetail(w, ctx, *g);
  w.Close();
  w.Open("RoleDetailList");
  w.Close();
  w.Open("Policies");
  for (const ManagedPolicy* p : policies) WritePolicyDetail(w, *p);
  w.Close();
  WritePaging(w, end);
  return EndResult(ctx, std::move(w));
}

}  // namespace

void RegisterAccountActions(ActionTable& t) {
  t["GetAccountPasswordPolicy"] = {GetAccountPasswordPolicy, false};
  t["UpdateAccountPasswordPolicy"] = {UpdateAccountPasswordPolicy, true};
  t["DeleteAccountPasswordPolicy"] = {DeleteAccountPasswordPolicy, true};
  t["GetAccountSummary"] = {GetAccountSummary, false};
  t["GetAccountAuthorizationDetails"] = {GetAccountAuthorizationDetails, false};
}

}  // namespace aic::emulator::state
