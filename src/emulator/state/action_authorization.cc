// RequiredPermissions: the table row of the request's operation (action_authorization_table.cc)
// applied to its parameters and the state.
#include "emulator/state/action_authorization.h"

#include <algorithm>
#include <optional>

#include "common/text_codec.h"
#include "emulator/state/action_authorization_table.h"
#include "emulator/state/provider_util.h"
#include "emulator/state/role_actions.h"

namespace aic::emulator::state {
namespace {

using authz::Res;
using authz::Rule;
using Keys = std::map<std::string, std::vector<std::string>>;

// Condition key names (lower-cased, policy_engine.h).
constexpr std::string_view kRequestTagPrefix = "aws:requesttag/";
constexpr std::string_view kResourceTagPrefix = "aws:resourcetag/";
constexpr std::string_view kIamResourceTagPrefix = "iam:resourcetag/";
constexpr std::string_view kTagKeys = "aws:tagkeys";
constexpr std::string_view kPolicyArnKey = "iam:policyarn";
constexpr std::string_view kBoundaryKey = "iam:permissionsboundary";
constexpr std::string_view kServiceNameKey = "iam:awsservicename";
constexpr std::string_view kOrgPolicyKey = "iam:organizationspolicyid";
constexpr std::string_view kCredentialServiceKey = "iam:servicespecificcredentialservicename";
constexpr std::string_view kPassedToServiceKey = "iam:passedtoservice";
constexpr std::string_view kExternalIdKey = "sts:externalid";
constexpr std::string_view kRoleSessionNameKey = "sts:rolesessionname";
constexpr std::string_view kSourceIdentityKey = "sts:sourceidentity";
constexpr std::string_view kTransitiveTagKeysKey = "sts:transitivetagkeys";

constexpr std::string_view kPassRole = "iam:PassRole";
constexpr std::string_view kTagSession = "sts:TagSession";
constexpr std::string_view kSetSourceIdentity = "sts:SetSourceIdentity";
constexpr std::string_view kAny = "*";

const Rule* FindRule(std::string_view service, std::string_view api) {
  auto rules = authz::Rules();
  auto it =
      std::lower_bound(rules.begin(), rules.end(), std::pair(service, api),
                       [](const Rule& r, const std::pair<std::string_view, std::string_view>& k) {
                         return std::pair(r.service, r.api) < k;
                       });
  if (it == rules.end() || it->service != service || it->api != api) return nullptr;
  return &*it;
}

std::string Param(const Ctx& ctx, std::string_view name) {
  if (name.empty()) return {};
  const std::string* v = ctx.Param(name);
  return v == nullptr ? std::string() : *v;
}

// A Path parameter, "/" when absent.
std::string PathParam(const Ctx& ctx, std::string_view name) {
  std::string p = Param(ctx, name);
  return p.empty() ? "/" : p;
}

// The target of the request as the state has it: its ARN, and when it exists, its tags (and
// whether they are IAM principal tags, iam:ResourceTag/* too) and permissions boundary.
struct Target {
  Target(std::string a, const std::vector<Tag>* t = nullptr, bool p = false, std::string b = {})
      : arn(std::move(a)), tags(t), principal(p), boundary(std::move(b)) {}
  std::string arn;
  const std::vector<Tag>* tags;
  bool principal;  // a user or a role
  std::string boundary;
};

Target OfUser(const Ctx& ctx, const User& u) {
  return {UserArn(ctx, u), &u.tags, true, u.boundary_arn};
}
Target OfRole(const Ctx& ctx, const Role& r) {
  return {RoleArn(ctx, r), &r.tags, true, r.boundary_arn};
}

// The user named `name` ("" = the caller): its ARN and state.
Target UserTarget(const Ctx& ctx, const std::string& name) {
  if (!name.empty()) {
    if (User* u = ctx.st.FindUser(name)) return OfUser(ctx, *u);
    User missing;
    missing.name = name;
    return {UserArn(ctx, missing)};
  }
  auto it = ctx.st.users_by_id.find(ctx.req.caller.user_id);
  if (it != ctx.st.users_by_id.end()) return OfUser(ctx, *it->second);
  // Not an IAM user (root, a role session): the caller's own ARN.
  return {ctx.req.caller.arn.empty() ? std::string(kAny) : ctx.req.caller.arn};
}

Target RoleTarget(const Ctx& ctx, const std::string& name, const std::string& path = "/") {
  if (Role* r = ctx.st.FindRole(name)) return OfRole(ctx, *r);
  Role missing;
  missing.name = name;
  missing.path = path;
  return {RoleArn(ctx, missing)};
}

// "arn:PARTITION:iam::ACCOUNT:TYPE/..." -> {TYPE, last path segment}; empty when not an IAM ARN.
std::pair<std::string_view, std::string_view> SplitIamArn(std::string_view arn) {
  // arn : partition : service : region : account : resource
  std::size_t pos = 0;
  for (int i = 0; i < 5; ++i) {
    pos = arn.find(':', pos);
    if (pos == std::string_view::npos) return {};
    ++pos;
  }
  std::string_view resource = arn.substr(pos);
  std::size_t slash = resource.find('/');
  if (slash == std::string_view::npos) return {};
  return {resource.substr(0, slash), resource.substr(resource.rfind('/') + 1)};
}

// A user, group, role or policy ARN as given, with the entity's state when it exists.
Target EntityTarget(const Ctx& ctx, const std::string& arn) {
  Target t{arn.empty() ? std::string(kAny) : arn};
  auto [type, name] = SplitIamArn(arn);
  if (type == "user") {
    if (User* u = ctx.st.FindUser(name)) t = {arn, &u->tags, true, u->boundary_arn};
  } else if (type == "role") {
    if (Role* r = ctx.st.FindRole(name)) t = {arn, &r->tags, true, r->boundary_arn};
  } else if (type == "policy") {
    if (ManagedPolicy* p = ctx.st.FindPolicy(arn)) t.tags = &p->tags;
  }
  return t;
}

// The role of task/aws-service-role/SERVICE/ROLE/UUID, "*" when the id has another shape.
Target DeletionTaskTarget(const Ctx& ctx, const std::string& task) {
  std::string_view rest = task;
  if (rest.substr(0, kDeletionTaskPrefix.size()) != kDeletionTaskPrefix) return {std::string(kAny)};
  rest.remove_prefix(kDeletionTaskPrefix.size());
  std::size_t a = rest.find('/');
  std::size_t b = a == std::string_view::npos ? a : rest.find('/', a + 1);
  if (a == std::string_view::npos || b == std::string_view::npos || a == 0 || b == a + 1) {
    return {std::string(kAny)};
  }
  std::string service(rest.substr(0, a));
  return RoleTarget(ctx, std::string(rest.substr(a + 1, b - a - 1)),
                    std::string(kServiceRolePath) + service + "/");
}

Target LinkedRoleTarget(const Ctx& ctx, const std::string& service) {
  auto [name, suffix_allowed] = LinkedRoleName(service);
  if (name.empty()) return {std::string(kAny)};
  std::string suffix = Param(ctx, "CustomSuffix");
  if (!suffix.empty()) name += "_" + suffix;
  return RoleTarget(ctx, name, std::string(kServiceRolePath) + service + "/");
}

// The resource of `rule` for this request (params as given; the state for paths and tags).
Target ResolveTarget(const Ctx& ctx, const Rule& rule) {
  const std::string value = Param(ctx, rule.param);
  switch (rule.res) {
    case Res::kAny:
      return {std::string(kAny)};
    case Res::kUser:
      return UserTarget(ctx, value);
    case Res::kUserOfKey: {
      auto owner = ctx.st.key_owner.find(value);
      if (owner == ctx.st.key_owner.end()) return {std::string(kAny)};
      auto u = ctx.st.users_by_id.find(owner->second);
      if (u == ctx.st.users_by_id.end()) return {std::string(kAny)};
      return OfUser(ctx, *u->second);
    }
    case Res::kNewUser: {
      User u;
      u.name = value;
      u.path = PathParam(ctx, "Path");
      return {UserArn(ctx, u)};
    }
    case Res::kGroup:
    case Res::kNewGroup: {
      if (Group* g = rule.res == Res::kGroup ? ctx.st.FindGroup(value) : nullptr) {
        return {GroupArn(ctx, *g)};
      }
      Group g;
      g.name = value;
      g.path = rule.res == Res::kNewGroup ? PathParam(ctx, "Path") : "/";
      return {GroupArn(ctx, g)};
    }
    case Res::kRole:
      return RoleTarget(ctx, value);
    case Res::kNewRole: {
      Role r;
      r.name = value;
      r.path = PathParam(ctx, "Path");
      return {RoleArn(ctx, r)};
    }
    case Res::kRoleArn: {
      Target t{value.empty() ? std::string(kAny) : value};
      auto [type, name] = SplitIamArn(value);
      if (type == "role") {
        if (Role* r = ctx.st.FindRole(name)) t = {value, &r->tags, true, r->boundary_arn};
      }
      return t;
    }
    case Res::kNewLinkedRole:
      return LinkedRoleTarget(ctx, value);
    case Res::kLinkedRoleOfTask:
      return DeletionTaskTarget(ctx, value);
    case Res::kPolicyArn: {
      Target t{value.empty() ? std::string(kAny) : value};
      if (ManagedPolicy* p = ctx.st.FindPolicy(value)) t.tags = &p->tags;
      return t;
    }
    case Res::kNewPolicy:
      return {ctx.Arn("iam", "policy" + PathParam(ctx, "Path") + value)};
    case Res::kInstanceProfile:
    case Res::kNewInstanceProfile: {
      if (rule.res == Res::kInstanceProfile) {
        if (InstanceProfile* ip = ctx.st.FindInstanceProfile(value)) {
          return {InstanceProfileArn(ctx, *ip), &ip->tags};
        }
      }
      InstanceProfile ip;
      ip.name = value;
      ip.path = rule.res == Res::kNewInstanceProfile ? PathParam(ctx, "Path") : "/";
      return {InstanceProfileArn(ctx, ip)};
    }
    case Res::kMfaSerial: {
      Target t{value.empty() ? std::string(kAny) : value};
      auto it = ctx.st.mfa_devices.find(value);
      if (it != ctx.st.mfa_devices.end()) t.tags = &it->second.tags;
      return t;
    }
    case Res::kNewMfa:
      return {ctx.Arn("iam", "mfa" + PathParam(ctx, "Path") + value)};
    case Res::kOidcArn: {
      Target t{value.empty() ? std::string(kAny) : value};
      auto it = ctx.st.oidc_providers.find(value);
      if (it != ctx.st.oidc_providers.end()) t.tags = &it->second.tags;
      return t;
    }
    case Res::kNewOidc: {
      std::string resource = OidcResource(value);
      if (resource.empty()) return {std::string(kAny)};
      return {ctx.Arn("iam", "oidc-provider/" + resource)};
    }
    case Res::kSamlArn: {
      Target t{value.empty() ? std::string(kAny) : value};
      auto it = ctx.st.saml_providers.find(value);
      if (it != ctx.st.saml_providers.end()) t.tags = &it->second.tags;
      return t;
    }
    case Res::kNewSaml:
      return {ctx.Arn("iam", "saml-provider/" + value)};
    case Res::kServerCert:
    case Res::kNewServerCert: {
      std::string path = "/";
      const std::vector<Tag>* tags = nullptr;
      if (rule.res == Res::kNewServerCert) {
        path = PathParam(ctx, "Path");
      } else if (ServerCertificate* c = ctx.st.FindServerCertificate(value)) {
        path = c->path;
        tags = &c->tags;
      }
      return {ctx.Arn("iam", "server-certificate" + path + value), tags};
    }
    case Res::kEntityArn:
      return EntityTarget(ctx, value);
    case Res::kAccessReport:
      return {ctx.Arn("iam", "access-report/" + value)};
    case Res::kFederatedUser:
      return {ctx.Arn("sts", "federated-user/" + value)};
  }
  return {std::string(kAny)};
}

// ---- condition keys ----

void AddResourceTags(Keys& keys, const Target& t) {
  if (t.tags == nullptr) return;
  for (const Tag& tag : *t.tags) {
    std::string k = text::AsciiLower(tag.key);
    keys[std::string(kResourceTagPrefix) + k] = {tag.value};
    if (t.principal) keys[std::string(kIamResourceTagPrefix) + k] = {tag.value};
  }
}

// Tags.member.N.Key/Value -> aws:RequestTag/<k> and aws:TagKeys (nothing when there are none).
void AddRequestTags(Keys& keys, const Ctx& ctx) {
  std::vector<std::string> tag_keys;
  for (int i = 1;; ++i) {
    std::string prefix = "Tags.member." + std::to_string(i) + ".";
    const std::string* key = ctx.Param(prefix + "Key");
    if (key == nullptr) break;
    const std::string* value = ctx.Param(prefix + "Value");
    keys[std::string(kRequestTagPrefix) + text::AsciiLower(*key)] = {value ? *value : ""};
    tag_keys.push_back(*key);
  }
  if (!tag_keys.empty()) keys[std::string(kTagKeys)] = std::move(tag_keys);
}

void AddList(Keys& keys, std::string_view key, std::vector<std::string> values) {
  if (!values.empty()) keys[std::string(key)] = std::move(values);
}

void AddParam(Keys& keys, std::string_view key, const Ctx& ctx, std::string_view param) {
  if (const std::string* v = ctx.Param(param)) keys[std::string(key)] = {*v};
}

bool HasTags(const Ctx& ctx) { return ctx.Param("Tags.member.1.Key") != nullptr; }

// The service of the service-specific credential of the request (Create*: ServiceName).
std::optional<std::string> CredentialService(const Ctx& ctx) {
  if (const std::string* s = ctx.Param("ServiceName")) return *s;
  const std::string id = Param(ctx, "ServiceSpecificCredentialId");
  const std::string name = Param(ctx, "UserName");
  User* u = nullptr;
  if (!name.empty()) {
    u = ctx.st.FindUser(name);
  } else if (auto it = ctx.st.users_by_id.find(ctx.req.caller.user_id);
             it != ctx.st.users_by_id.end()) {
    u = it->second;
  }
  if (u == nullptr) return std::nullopt;
  for (const auto& c : u->service_credentials) {
    if (c.id == id) return c.service_name;
  }
  return std::nullopt;
}

RequiredPermission Permission(std::string action, const Target& t) {
  RequiredPermission p;
  p.action = std::move(action);
  p.resource = t.arn;
  AddResourceTags(p.keys, t);
  return p;
}

// The same action on the entity's new ARN after UpdateUser/UpdateGroup/UpdateServerCertificate
// (AWS's API reference: the requester needs permission on both the source and the target).
std::optional<Target> RenameTarget(const Ctx& ctx, const Rule& rule, const Target& source) {
  const std::string new_name = Param(ctx, "New" + std::string(rule.param));
  const std::string new_path = Param(ctx, "NewPath");
  if (new_name.empty() && new_path.empty()) return std::nullopt;
  auto [type, old_name] = SplitIamArn(source.arn);
  if (type.empty()) return std::nullopt;
  // The current path: between "TYPE" and the name.
  std::string_view resource = source.arn;
  resource.remove_prefix(resource.find(std::string(type) + "/") + type.size());
  std::string path(resource.substr(0, resource.size() - old_name.size()));
  std::string arn = ctx.Arn("iam", std::string(type) + (new_path.empty() ? path : new_path) +
                                       (new_name.empty() ? std::string(old_name) : new_name));
  if (arn == source.arn) return std::nullopt;
  return Target{arn};
}

}  // namespace

std::vector<RequiredPermission> RequiredPermissions(const Ctx& ctx) {
  const Rule* rule = FindRule(ctx.req.service, ctx.req.action);
  if (rule == nullptr) {
    return {{ctx.req.service + ":" + ctx.req.action, std::string(kAny), {}}};
  }
  if (rule->flags & authz::kNoAuth) return {};

  const std::string action = std::string(rule->service) + ":" + std::string(rule->api);
  const Target target = ResolveTarget(ctx, *rule);
  std::vector<RequiredPermission> out;
  RequiredPermission main = Permission(action, target);
  Keys& keys = main.keys;
  if (rule->flags & authz::kRequestTags) AddRequestTags(keys, ctx);
  if (rule->flags & authz::kUntagKeys) AddList(keys, kTagKeys, MemberList(ctx, "TagKeys"));
  if (rule->flags & authz::kPolicyArnKey) AddParam(keys, kPolicyArnKey, ctx, "PolicyArn");
  if (rule->flags & authz::kBoundaryKey) {
    if (const std::string* b = ctx.Param("PermissionsBoundary")) {
      keys[std::string(kBoundaryKey)] = {*b};
    } else if (!target.boundary.empty()) {
      keys[std::string(kBoundaryKey)] = {target.boundary};
    }
  }
  if (rule->flags & authz::kServiceNameKey) AddParam(keys, kServiceNameKey, ctx, "AWSServiceName");
  if (rule->flags & authz::kOrgPolicyKey) {
    AddParam(keys, kOrgPolicyKey, ctx, "OrganizationsPolicyId");
  }
  if (rule->flags & authz::kCredentialServiceKey) {
    if (auto s = CredentialService(ctx)) keys[std::string(kCredentialServiceKey)] = {*s};
  }
  if (rule->flags & authz::kStsSessionKeys) {
    AddParam(keys, kExternalIdKey, ctx, "ExternalId");
    AddParam(keys, kRoleSessionNameKey, ctx, "RoleSessionName");
    AddParam(keys, kSourceIdentityKey, ctx, "SourceIdentity");
    AddList(keys, kTransitiveTagKeysKey, MemberList(ctx, "TransitiveTagKeys"));
  }
  out.push_back(main);

  if (rule->flags & authz::kRenameTarget) {
    if (auto renamed = RenameTarget(ctx, *rule, target)) {
      out.push_back(Permission(action, *renamed));
    }
  }
  // Create* with Tags: the entity's Tag* action on the same resource, with the request's tags.
  if (!rule->tag_action.empty() && HasTags(ctx)) {
    RequiredPermission tag = Permission(std::string(rule->tag_action), target);
    AddRequestTags(tag.keys, ctx);
    out.push_back(std::move(tag));
  }
  if (rule->flags & authz::kStsSessionExtras) {
    std::vector<std::string> transitive = MemberList(ctx, "TransitiveTagKeys");
    if (HasTags(ctx) || !transitive.empty()) {
      RequiredPermission tag = Permission(std::string(kTagSession), target);
      AddRequestTags(tag.keys, ctx);
      AddList(tag.keys, kTransitiveTagKeysKey, std::move(transitive));
      out.push_back(std::move(tag));
    }
    if (ctx.Param("SourceIdentity") != nullptr) {
      RequiredPermission source = Permission(std::string(kSetSourceIdentity), target);
      AddParam(source.keys, kSourceIdentityKey, ctx, "SourceIdentity");
      out.push_back(std::move(source));
    }
  }
  if (rule->flags & authz::kPassRoleToEc2) {
    RequiredPermission pass =
        Permission(std::string(kPassRole), RoleTarget(ctx, Param(ctx, "RoleName")));
    pass.keys[std::string(kPassedToServiceKey)] = {std::string(authz::kInstanceProfileService)};
    out.push_back(std::move(pass));
  }
  return out;
}

std::vector<AuthorizedOperation> AuthorizedOperations() {
  std::vector<AuthorizedOperation> out;
  for (const Rule& r : authz::Rules()) out.push_back({r.service, r.api});
  return out;
}

}  // namespace aic::emulator::state
