// IAM roles: CreateRole, GetRole, UpdateRole, UpdateRoleDescription, DeleteRole, ListRoles,
// UpdateAssumeRolePolicy, their tags, and service-linked roles. Inline and managed policies and
// the permissions boundary of roles are in role_policy_actions.cc.
#include "emulator/state/role_actions.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <utility>

#include "common/text_codec.h"

namespace aic::emulator::state {

std::string RoleArn(const Ctx& ctx, const Role& r) {
  return ctx.Arn("iam", "role" + r.path + r.name);
}

std::string InstanceProfileArn(const Ctx& ctx, const InstanceProfile& ip) {
  return ctx.Arn("iam", "instance-profile" + ip.path + ip.name);
}

void WritePermissionsBoundary(XmlWriter& w, const std::string& arn) {
  w.Open("PermissionsBoundary");
  w.Element("PermissionsBoundaryType", "PermissionsBoundaryPolicy");
  w.Element("PermissionsBoundaryArn", arn);
  w.Close();
}

void WriteRoleLastUsed(XmlWriter& w, const Role& r) {
  w.Open("RoleLastUsed");
  if (r.last_used) {
    w.Element("LastUsedDate", text::FormatIso8601(r.last_used->date));
    if (!r.last_used->region.empty()) w.Element("Region", r.last_used->region);
  }
  w.Close();
}

void WriteRole(XmlWriter& w, const Ctx& ctx, const Role& r, std::string_view element, RoleView v) {
  w.Open(element);
  w.Element("Path", r.path);
  w.Element("RoleName", r.name);
  w.Element("RoleId", r.id);
  w.Element("Arn", RoleArn(ctx, r));
  w.Element("CreateDate", text::FormatIso8601(r.created));
  w.Element("AssumeRolePolicyDocument", text::PercentEncode(r.trust_policy));
  if (v == RoleView::kInProfile) {
    w.Close();
    return;
  }
  if (v != RoleView::kCreateNoDescription && !r.description.empty()) {
    w.Element("Description", r.description);
  }
  if (v == RoleView::kGet || v == RoleView::kList) {
    w.Element("MaxSessionDuration", static_cast<long long>(r.max_session_duration));
  }
  if (v != RoleView::kList) {
    if (!r.boundary_arn.empty()) WritePermissionsBoundary(w, r.boundary_arn);
    if (!r.tags.empty()) WriteTags(w, r.tags);
  }
  if (v == RoleView::kGet) WriteRoleLastUsed(w, r);
  w.Close();
}

void WriteInstanceProfile(XmlWriter& w, const Ctx& ctx, const InstanceProfile& ip,
                          std::string_view element, ProfileTags tags) {
  w.Open(element);
  w.Element("Path", ip.path);
  w.Element("InstanceProfileName", ip.name);
  w.Element("InstanceProfileId", ip.id);
  w.Element("Arn", InstanceProfileArn(ctx, ip));
  w.Element("CreateDate", text::FormatIso8601(ip.created));
  w.Open("Roles");
  for (const auto& rid : ip.roles) {
    auto it = ctx.st.roles_by_id.find(rid);
    if (it != ctx.st.roles_by_id.end())
      WriteRole(w, ctx, *it->second, "member", RoleView::kInProfile);
  }
  w.Close();
  if (tags == ProfileTags::kAlways || (tags == ProfileTags::kIfAny && !ip.tags.empty())) {
    WriteTags(w, ip.tags);
  }
  w.Close();
}

Status NoSuchRole(std::string_view name) {
  return NoSuchEntity("The role with name " + std::string(name) + " cannot be found.");
}

Result<Role*> RoleParam(Ctx& ctx, std::string_view param) {
  EMU_ASSIGN(name, Required(ctx, param));
  Role* r = ctx.st.FindRole(name);
  if (r == nullptr) return NoSuchRole(name);
  return r;
}

Status CheckModifiable(const Role& r) {
  if (!r.service_linked) return Status::Ok();
  return AwsError("UnmodifiableEntity", 400,
                  "Cannot perform the operation on the protected role '" + r.name +
                      "' - this role is only modifiable by AWS");
}

Status CheckBoundaryArn(Ctx& ctx, const std::string& arn) {
  AIC_RETURN_IF_ERROR(CheckPolicyArn(arn));
  if (ctx.st.FindPolicy(arn) == nullptr) {
    return NoSuchEntity("Scope ARN: " + arn + " does not exist or is not attachable.");
  }
  return Status::Ok();
}

void SetRoleBoundary(Ctx& ctx, Role& r, const std::string& arn) {
  if (!r.boundary_arn.empty()) {
    if (auto* p = ctx.st.FindPolicy(r.boundary_arn)) --p->boundary_usage_count;
  }
  r.boundary_arn = arn;
  if (!arn.empty()) {
    if (auto* p = ctx.st.FindPolicy(arn)) ++p->boundary_usage_count;
  }
}

namespace {

constexpr std::string_view kTagKeyPattern = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+";

// tagKeyType's pattern [\p{L}\p{Z}\p{N}_.:/=+\-@]+ (non-ASCII letters are let through).
bool ValidTagKey(std::string_view k) {
  if (k.empty()) return false;
  for (char ch : k) {
    unsigned char c = static_cast<unsigned char>(ch);
    bool ok = c >= 0x80 || std::isalnum(c) || c == ' ' || c == '_' || c == '.' || c == ':' ||
              c == '/' || c == '=' || c == '+' || c == '-' || c == '@';
    if (!ok) return false;
  }
  return true;
}

Status TagValidation(std::string what, std::string constraint) {
  return ValidationError("1 validation error detected: Value at '" + what +
                         "' failed to satisfy constraint: " + constraint);
}

}  // namespace

Result<std::vector<Tag>> EntityTags(const Ctx& ctx) {
  for (std::size_t i = 1;; ++i) {
    std::string base = "Tags.member." + std::to_string(i);
    const std::string* key = ctx.Param(base + ".Key");
    const std::string* value = ctx.Param(base + ".Value");
    if (key == nullptr && value == nullptr) break;
    if (i > kMaxTagsPerEntity) {
      return TagValidation("tags", "Member must have length less than or equal to 50");
    }
    std::string where = "tags." + std::to_string(i) + ".member.";
    if (key != nullptr && key->size() > kMaxTagKeyLength) {
      return TagValidation(where + "key", "Member must have length less than or equal to 128");
    }
    if (value != nullptr && value->size() > kMaxTagValueLength) {
      return TagValidation(where + "value", "Member must have length less than or equal to 256");
    }
    if (key != nullptr && !key->empty() && !ValidTagKey(*key)) {
      return TagValidation(where + "key", "Member must satisfy regular expression pattern: " +
                                              std::string(kTagKeyPattern));
    }
  }
  return TagList(ctx);
}

Result<std::vector<Tag>> RequiredEntityTags(const Ctx& ctx) {
  EMU_ASSIGN(tags, EntityTags(ctx));
  if (tags.empty()) {
    return ValidationError(
        "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member "
        "must not be null");
  }
  return tags;
}

Result<std::vector<std::string>> TagKeys(const Ctx& ctx) {
  std::vector<std::string> keys = MemberList(ctx, "TagKeys");
  if (keys.empty() && ctx.Param("TagKeys") == nullptr) {
    return ValidationError(
        "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: "
        "Member must not be null");
  }
  if (keys.size() > kMaxTagsPerEntity) {
    return TagValidation("tagKeys", "Member must have length less than or equal to 50");
  }
  for (const auto& k : keys) {
    if (k.size() > kMaxTagKeyLength || !ValidTagKey(k)) {
      return TagValidation("tagKeys",
                           "Member must satisfy constraint: [Member must have length less than "
                           "or equal to 128, Member must have length greater than or equal to 1, "
                           "Member must satisfy regular expression pattern: " +
                               std::string(kTagKeyPattern) + ", Member must not be null]");
    }
  }
  return keys;
}

void RemoveTags(std::vector<Tag>& tags, const std::vector<std::string>& keys) {
  std::vector<std::string> lower;
  for (const auto& k : keys) lower.push_back(text::AsciiLower(k));
  std::erase_if(tags, [&](const Tag& t) {
    return std::find(lower.begin(), lower.end(), text::AsciiLower(t.key)) != lower.end();
  });
}

namespace {

// Description: roleDescriptionType, at most 1000 of [\p{L}\p{M}\p{Z}\p{S}\p{N}\p{P}]*, i.e. no
// control characters (C0, DEL, C1).
Result<std::string> OptionalDescription(const Ctx& ctx, const std::string& fallback) {
  const std::string* d = ctx.Param("Description");
  if (d == nullptr) return fallback;
  if (d->size() > kMaxDescriptionLength) {
    return ValidationError(
        "1 validation error detected: Value at 'description' failed to satisfy constraint: "
        "Member must have length less than or equal to 1000");
  }
  for (std::size_t i = 0; i < d->size(); ++i) {
    unsigned char c = static_cast<unsigned char>((*d)[i]);
    unsigned char next = i + 1 < d->size() ? static_cast<unsigned char>((*d)[i + 1]) : 0;
    if (c < 0x20 || c == 0x7f || (c == 0xc2 && next >= 0x80 && next <= 0x9f)) {
      return ValidationError(
          "1 validation error detected: Value at 'description' failed to satisfy constraint: "
          "Member must satisfy regular expression pattern: "
          "[\\p{L}\\p{M}\\p{Z}\\p{S}\\p{N}\\p{P}]*");
    }
  }
  return *d;
}

Result<int> OptionalMaxSession(const Ctx& ctx, int fallback) {
  return OptionalInt(ctx, "MaxSessionDuration", fallback, kMinRoleSessionDuration,
                     kMaxRoleSessionDuration);
}

Result<std::string> CreateRole(Ctx& ctx) {
  EMU_ASSIGN(name, RequiredName(ctx, "RoleName", kMaxRoleNameLength));
  EMU_ASSIGN(path, OptionalPath(ctx, "Path"));
  EMU_ASSIGN(doc, Required(ctx, "AssumeRolePolicyDocument"));
  EMU_ASSIGN(description, OptionalDescription(ctx, ""));
  EMU_ASSIGN(max_session, OptionalMaxSession(ctx, kMinRoleSessionDuration));
  EMU_ASSIGN(tags, EntityTags(ctx));
  std::string boundary;
  if (const std::string* b = ctx.Param("PermissionsBoundary")) {
    AIC_RETURN_IF_ERROR(CheckBoundaryArn(ctx, *b));
    boundary = *b;
  }
  std::string key = text::AsciiLower(name);
  if (ctx.st.roles.count(key)) return AlreadyExists("Role with name " + name + " already exists.");
  AIC_RETURN_IF_ERROR(CheckTrustPolicyDocument(doc));
  Role r;
  r.id = NewId("AROA");
  r.name = name;
  r.path = path;
  r.created = ctx.now;
  r.trust_policy = doc;
  r.description = description;
  r.max_session_duration = max_session;
  r.tags = std::move(tags);
  Role& stored = ctx.st.roles.emplace(key, std::move(r)).first->second;
  ctx.st.roles_by_id[stored.id] = &stored;
  SetRoleBoundary(ctx, stored, boundary);
  ctx.dirty.roles.insert(stored.id);
  XmlWriter w = BeginResult(ctx);
  WriteRole(w, ctx, stored, "Role", RoleView::kCreateNoDescription);
  return EndResult(ctx, std::move(w));
}

Result<std::string> GetRole(Ctx& ctx) {
  EMU_ASSIGN(r, RoleParam(ctx));
  XmlWriter w = BeginResult(ctx);
  WriteRole(w, ctx, *r, "Role", RoleView::kGet);
  return EndResult(ctx, std::move(w));
}

Result<std::string> UpdateRole(Ctx& ctx) {
  EMU_ASSIGN(r, RoleParam(ctx));
  EMU_ASSIGN(description, OptionalDescription(ctx, r->description));
  EMU_ASSIGN(max_session, OptionalMaxSession(ctx, r->max_session_duration));
  r->description = description;
  r->max_session_duration = max_session;
  ctx.dirty.roles.insert(r->id);
  // UpdateRoleResponse has no members but a resultWrapper: botocore needs <UpdateRoleResult/>
  // (its query parser raises KeyError 'UpdateRoleResult' without it).
  return EndResult(ctx, BeginResult(ctx));
}

Result<std::string> UpdateRoleDescription(Ctx& ctx) {
  EMU_ASSIGN(r, RoleParam(ctx));
  AIC_RETURN_IF_ERROR(Required(ctx, "Description").status());
  EMU_ASSIGN(description, OptionalDescription(ctx, r->description));
  r->description = description;
  ctx.dirty.roles.insert(r->id);
  XmlWriter w = BeginResult(ctx);
  WriteRole(w, ctx, *r, "Role", RoleView::kCreate);
  return EndResult(ctx, std::move(w));
}

// Removes a role that has no instance profiles, inline or attached policies.
void EraseRole(Ctx& ctx, Role& r) {
  SetRoleBoundary(ctx, r, "");
  ctx.dirty.roles.insert(r.id);
  ctx.st.roles_by_id.erase(r.id);
  ctx.st.roles.erase(text::AsciiLower(r.name));
}

Result<std::string> DeleteRole(Ctx& ctx) {
  EMU_ASSIGN(r, RoleParam(ctx));
  AIC_RETURN_IF_ERROR(CheckModifiable(*r));
  const char* what = nullptr;
  if (!r->instance_profiles.empty())
    what = "must remove roles from instance profile first";
  else if (!r->inline_policies.empty())
    what = "must delete policies first";
  else if (!r->attached.empty())
    what = "must detach all policies first";
  if (what != nullptr) return DeleteConflict(std::string("Cannot delete entity, ") + what + ".");
  EraseRole(ctx, *r);
  return EmptyResult(ctx);
}

Result<std::string> ListRoles(Ctx& ctx) {
  EMU_ASSIGN(max, MaxItems(ctx));
  EMU_ASSIGN(start, MarkerKey(ctx));
  const std::string* prefix = ctx.Param("PathPrefix");
  XmlWriter w = BeginResult(ctx);
  w.Open("Roles");
  PageEnd end = PageMap(
      ctx.st.roles, start, max,
      [&](const Role& r) { return prefix == nullptr || r.path.rfind(*prefix, 0) == 0; },
      [&](const Role& r) { WriteRole(w, ctx, r, "member", RoleView::kList); });
  w.Close();
  WritePaging(w, end);
  return EndResult(ctx, std::move(w));
}

Result<std::string> UpdateAssumeRolePolicy(Ctx& ctx) {
  EMU_ASSIGN(r, RoleParam(ctx));
  EMU_ASSIGN(doc, Required(ctx, "PolicyDocument"));
  AIC_RETURN_IF_ERROR(CheckModifiable(*r));
  AIC_RETURN_IF_ERROR(CheckTrustPolicyDocument(doc));
  r->trust_policy = doc;
  ctx.dirty.roles.insert(r->id);
  return EmptyResult(ctx);
}

Result<std::string> TagRole(Ctx& ctx) {
  EMU_ASSIGN(r, RoleParam(ctx));
  EMU_ASSIGN(tags, RequiredEntityTags(ctx));
  AIC_RETURN_IF_ERROR(MergeTags(r->tags, tags));
  ctx.dirty.roles.insert(r->id);
  return EmptyResult(ctx);
}

Result<std::string> UntagRole(Ctx& ctx) {
  EMU_ASSIGN(r, RoleParam(ctx));
  EMU_ASSIGN(keys, TagKeys(ctx));
  RemoveTags(r->tags, keys);
  ctx.dirty.roles.insert(r->id);
  return EmptyResult(ctx);
}

Result<std::string> ListRoleTags(Ctx& ctx) {
  EMU_ASSIGN(r, RoleParam(ctx));
  return TagPageResult(ctx, r->tags);
}

// ---- service-linked roles ----

// Role names of some services, from each service's "Using service-linked roles" page (linked
// from
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_aws-services-that-work-with-iam.html),
// and whether the service takes a CustomSuffix (AWS: "Custom suffix is not allowed for
// es.amazonaws.com"). Other *.amazonaws.com services get AWSServiceRoleFor + their name in
// CamelCase and take a suffix.
struct LinkedService {
  std::string_view service;
  std::string_view role;
  bool suffix;
};
constexpr LinkedService kLinkedServices[] = {
    {"autoscaling.amazonaws.com", "AWSServiceRoleForAutoScaling", true},
    {"spot.amazonaws.com", "AWSServiceRoleForEC2Spot", false},
    {"elasticbeanstalk.amazonaws.com", "AWSServiceRoleForElasticBeanstalk", false},
    {"ecs.amazonaws.com", "AWSServiceRoleForECS", false},
    {"elasticloadbalancing.amazonaws.com", "AWSServiceRoleForElasticLoadBalancing", false},
    {"rds.amazonaws.com", "AWSServiceRoleForRDS", false},
    {"es.amazonaws.com", "AWSServiceRoleForAmazonElasticsearchService", false},
    {"opensearchservice.amazonaws.com", "AWSServiceRoleForAmazonOpenSearchService", false},
    {"eks.amazonaws.com", "AWSServiceRoleForAmazonEKS", false},
    {"organizations.amazonaws.com", "AWSServiceRoleForOrganizations", false},
    {"support.amazonaws.com", "AWSServiceRoleForSupport", false},
    {"trustedadvisor.amazonaws.com", "AWSServiceRoleForTrustedAdvisor", false},
    {"config.amazonaws.com", "AWSServiceRoleForConfig", false},
    {"cloudtrail.amazonaws.com", "AWSServiceRoleForCloudTrail", false},
    {"guardduty.amazonaws.com", "AWSServiceRoleForAmazonGuardDuty", false},
    {"sso.amazonaws.com", "AWSServiceRoleForSSO", false},
    {"ssm.amazonaws.com", "AWSServiceRoleForAmazonSSM", false},
    {"elasticmapreduce.amazonaws.com", "AWSServiceRoleForEMRCleanup", false},
    {"dynamodb.application-autoscaling.amazonaws.com",
     "AWSServiceRoleForApplicationAutoScaling_DynamoDBTable", false},
    {"ecs.application-autoscaling.amazonaws.com",
     "AWSServiceRoleForApplicationAutoScaling_ECSService", false},
};
constexpr std::string_view kServiceSuffix = ".amazonaws.com";

}  // namespace

std::pair<std::string, bool> LinkedRoleName(std::string_view service) {
  for (const auto& s : kLinkedServices) {
    if (s.service == service) return {std::string(s.role), s.suffix};
  }
  if (service.size() <= kServiceSuffix.size() ||
      service.substr(service.size() - kServiceSuffix.size()) != kServiceSuffix) {
    return {"", false};
  }
  std::string name = "AWSServiceRoleFor";
  bool upper = true;
  for (char c : service.substr(0, service.size() - kServiceSuffix.size())) {
    if (c == '.' || c == '-') {
      upper = true;
      continue;
    }
    name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return {name, true};
}

namespace {

// A random version-4-shaped UUID in lower-case hex.
std::string RandomUuid() {
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) out += '-';
    out += kHex[randombytes_uniform(16)];
  }
  return out;
}

std::string ServiceTrustPolicy(std::string_view service) {
  return R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":")" +
         std::string(service) + R"("},"Action":"sts:AssumeRole"}]})";
}

Result<std::string> CreateServiceLinkedRole(Ctx& ctx) {
  EMU_ASSIGN(service, RequiredName(ctx, "AWSServiceName", kMaxGroupNameLength));
  EMU_ASSIGN(description, OptionalDescription(ctx, ""));
  const std::string* suffix = ctx.Param("CustomSuffix");
  if (suffix != nullptr) AIC_RETURN_IF_ERROR(CheckName("CustomSuffix", *suffix, 64));
  auto [name, suffix_allowed] = LinkedRoleName(service);
  if (name.empty()) {
    return InvalidInput("Service name " + service + " is not a recognized AWS service principal.");
  }
  if (suffix != nullptr) {
    if (!suffix_allowed) return InvalidInput("Custom suffix is not allowed for " + service);
    name += "_" + *suffix;
  }
  if (name.size() > kMaxRoleNameLength) {
    return InvalidInput("The role name " + name + " is longer than " +
                        std::to_string(kMaxRoleNameLength) + " characters.");
  }
  std::string key = text::AsciiLower(name);
  if (ctx.st.roles.count(key)) {
    return InvalidInput("Service role name " + name +
                        " has been taken in this account, please try a different suffix.");
  }
  Role r;
  r.id = NewId("AROA");
  r.name = name;
  r.path = std::string(kServiceRolePath) + service + "/";
  r.created = ctx.now;
  r.trust_policy = ServiceTrustPolicy(service);
  r.description = description;
  r.service_linked = true;
  r.service_name = service;
  Role& stored = ctx.st.roles.emplace(key, std::move(r)).first->second;
  ctx.st.roles_by_id[stored.id] = &stored;
  ctx.dirty.roles.insert(stored.id);
  XmlWriter w = BeginResult(ctx);
  WriteRole(w, ctx, stored, "Role", RoleView::kCreate);
  return EndResult(ctx, std::move(w));
}

// The emulator deletes at once, so every task it hands out has SUCCEEDED.
Result<std::string> DeleteServiceLinkedRole(Ctx& ctx) {
  EMU_ASSIGN(r, RoleParam(ctx));
  if (!r->service_linked) {
    return InvalidInput("Role " + r->name + " is not a service-linked role.");
  }
  std::string task =
      std::string(kDeletionTaskPrefix) + r->service_name + "/" + r->name + "/" + RandomUuid();
  for (const auto& arn : r->attached) {
    if (auto* p = ctx.st.FindPolicy(arn)) --p->attachment_count;
  }
  EraseRole(ctx, *r);
  XmlWriter w = BeginResult(ctx);
  w.Element("DeletionTaskId", task);
  return EndResult(ctx, std::move(w));
}

Result<std::string> GetServiceLinkedRoleDeletionStatus(Ctx& ctx) {
  EMU_ASSIGN(task, Required(ctx, "DeletionTaskId"));
  // task/aws-service-role/SERVICE/ROLE/UUID
  std::string_view rest = task;
  bool ok = rest.substr(0, kDeletionTaskPrefix.size()) == kDeletionTaskPrefix;
  std::string role;
  if (ok) {
    rest.remove_prefix(kDeletionTaskPrefix.size());
    std::size_t a = rest.find('/');
    std::size_t b = a == std::string_view::npos ? a : rest.find('/', a + 1);
    ok = a != std::string_view::npos && a > 0 && b != std::string_view::npos && b > a + 1 &&
         b + 1 < rest.size() && rest.find('/', b + 1) == std::string_view::npos;
    if (ok) role = std::string(rest.substr(a + 1, b - a - 1));
  }
  if (!ok) return InvalidInput("Invalid deletion task id " + task + ".");
  if (ctx.st.FindRole(role) != nullptr) {
    return NoSuchEntity("Deletion task " + task + " cannot be found.");
  }
  XmlWriter w = BeginResult(ctx);
  w.Element("Status", "SUCCEEDED");
  return EndResult(ctx, std::move(w));
}

}  // namespace

void RegisterRoleActions(ActionTable& t) {
  t["CreateRole"] = {CreateRole, true};
  t["GetRole"] = {GetRole, false};
  t["UpdateRole"] = {UpdateRole, true};
  t["UpdateRoleDescription"] = {UpdateRoleDescription, true};
  t["DeleteRole"] = {DeleteRole, true};
  t["ListRoles"] = {ListRoles, false};
  t["UpdateAssumeRolePolicy"] = {UpdateAssumeRolePolicy, true};
  t["TagRole"] = {TagRole, true};
  t["UntagRole"] = {UntagRole, true};
  t["ListRoleTags"] = {ListRoleTags, false};
  t["CreateServiceLinkedRole"] = {CreateServiceLinkedRole, true};
  t["DeleteServiceLinkedRole"] = {DeleteServiceLinkedRole, true};
  t["GetServiceLinkedRoleDeletionStatus"] = {GetServiceLinkedRoleDeletionStatus, false};
  RegisterRolePolicyActions(t);
}

}  // namespace aic::emulator::state
