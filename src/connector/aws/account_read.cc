// Reading users, groups and policies with only the calls the asked attributes need.
#include <future>

#include "aws_iam_connector/json_text.h"
#include "connector/aws/aws_internal.h"

namespace aic::aws_internal {
namespace {

template <class Fetch>
auto All(Fetch&& fetch) {
  return ListAll(std::forward<Fetch>(fetch), kIamMaxItems);
}

Result<json> AccessKeysJson(IamClient& iam, const std::string& name) {
  auto keys = All([&](const PageRequest& p) { return iam.ListAccessKeys(name, p); });
  if (!keys.ok()) return keys.status().WithContext("ListAccessKeys");
  json out = json::array();
  for (const auto& k : *keys) {
    out.push_back(
        {{"AccessKeyId", k.access_key_id}, {"Status", k.status}, {"CreateDate", k.create_date}});
  }
  return out;
}

Result<json> MfaJson(IamClient& iam, const std::string& name) {
  auto devices = All([&](const PageRequest& p) { return iam.ListMFADevices(name, p); });
  if (!devices.ok()) return devices.status().WithContext("ListMFADevices");
  json out = json::array();
  for (const auto& d : *devices) out.push_back(d.serial_number);
  return out;
}

// PasswordResetRequired: the login profile's flag; absent when there is no login profile.
Status AddLoginProfile(IamClient& iam, const std::string& name, json& object) {
  auto lp = iam.GetLoginProfile(name);
  if (lp.ok()) {
    object["PasswordResetRequired"] = lp->password_reset_required;
  } else if (lp.status().code() != ErrorCode::kUnknownUid) {
    return lp.status().WithContext("GetLoginProfile");
  }
  return Status::Ok();
}

// Adds the per-user attributes to one object.
Status EnrichOne(IamClient& iam, json& object, const AttrSet& needed) {
  const std::string name = object.value("__NAME__", object.value("_id", ""));
  if (needed.count("PasswordResetRequired") != 0) {
    AIC_RETURN_IF_ERROR(AddLoginProfile(iam, name, object));
  }
  if (needed.count("accessKeys") != 0) {
    auto keys = AccessKeysJson(iam, name);
    if (!keys.ok()) return keys.status();
    object["accessKeys"] = std::move(*keys);
  }
  if (needed.count("mfaDevices") != 0) {
    auto mfa = MfaJson(iam, name);
    if (!mfa.ok()) return mfa.status();
    object["mfaDevices"] = std::move(*mfa);
  }
  return Status::Ok();
}

}  // namespace

Result<json> ReadAccount(Ctx& ctx, std::string_view user_name, const AttrSet& needed) {
  IamClient& iam = ctx.iam;
  const std::string name(user_name);
  // Every call starts at once; GetUser is always made (existence, canonical name, base fields).
  auto user_f = std::async(std::launch::async, [&] { return iam.GetUser(name); });
  std::future<Result<std::vector<Group>>> groups_f;
  std::future<Result<std::vector<AttachedPolicy>>> policies_f;
  std::future<Result<std::vector<std::string>>> inline_f;
  std::future<Result<json>> extras_f;
  if (needed.count("groups") != 0) {
    groups_f = std::async(std::launch::async, [&] {
      return All([&](const PageRequest& p) { return iam.ListGroupsForUser(name, p); });
    });
  }
  if (needed.count("policies") != 0) {
    policies_f = std::async(std::launch::async, [&] {
      return All([&](const PageRequest& p) { return iam.ListAttachedUserPolicies(name, p); });
    });
  }
  if (needed.count("inlinePolicies") != 0) {
    inline_f = std::async(std::launch::async, [&] {
      return All([&](const PageRequest& p) { return iam.ListUserPolicies(name, p); });
    });
  }
  if (NeedsPerUser(needed)) {
    extras_f = std::async(std::launch::async, [&]() -> Result<json> {
      json extras = json::object();
      extras["__NAME__"] = name;
      AIC_RETURN_IF_ERROR(EnrichOne(iam, extras, needed));
      return extras;
    });
  }
  // Collect every future before returning (they reference locals).
  auto user = user_f.get();
  std::optional<Result<std::vector<Group>>> groups;
  std::optional<Result<std::vector<AttachedPolicy>>> policies;
  std::optional<Result<std::vector<std::string>>> inlines;
  std::optional<Result<json>> extras;
  if (groups_f.valid()) groups = groups_f.get();
  if (policies_f.valid()) policies = policies_f.get();
  if (inline_f.valid()) inlines = inline_f.get();
  if (extras_f.valid()) extras = extras_f.get();

  if (!user.ok()) return user.status().WithContext("GetUser");
  json object = UserToJson(*user);
  SetTagsAndEnable(object, user->tags);
  if (groups) {
    if (!groups->ok()) return groups->status().WithContext("ListGroupsForUser");
    json list = json::array();
    for (const auto& g : groups->value()) list.push_back(g.group_name);
    object["groups"] = std::move(list);
  }
  if (policies) {
    if (!policies->ok()) return policies->status().WithContext("ListAttachedUserPolicies");
    json list = json::array();
    for (const auto& p : policies->value()) list.push_back(p.policy_arn);
    object["policies"] = std::move(list);
  }
  if (inlines) {
    if (!inlines->ok()) return inlines->status().WithContext("ListUserPolicies");
    object["inlinePolicies"] = inlines->value();
  }
  if (extras) {
    if (!extras->ok()) return extras->status();
    for (auto& [k, v] : extras->value().items()) {
      if (k != "__NAME__") object[k] = v;
    }
  }
  return object;
}

Status EnrichAccounts(Ctx& ctx, std::vector<json>& objects, const AttrSet& needed) {
  if (!NeedsPerUser(needed)) return Status::Ok();
  return RunBounded(ctx.config.max_connections, objects.size(),
                    [&](std::size_t i) { return EnrichOne(ctx.iam, objects[i], needed); });
}

// ---- Groups ----------------------------------------------------------------------------------

namespace {

Status EnrichGroupOne(IamClient& iam, json& object, const AttrSet& needed) {
  const std::string name = object.value("__NAME__", "");
  if (needed.count("policies") != 0 && !object.contains("policies")) {
    auto p = All([&](const PageRequest& r) { return iam.ListAttachedGroupPolicies(name, r); });
    if (!p.ok()) return p.status().WithContext("ListAttachedGroupPolicies");
    json list = json::array();
    for (const auto& a : *p) list.push_back(a.policy_arn);
    object["policies"] = std::move(list);
  }
  if (needed.count("inlinePolicies") != 0 && !object.contains("inlinePolicies")) {
    auto p = All([&](const PageRequest& r) { return iam.ListGroupPolicies(name, r); });
    if (!p.ok()) return p.status().WithContext("ListGroupPolicies");
    object["inlinePolicies"] = *p;
  }
  if (needed.count("members") != 0) {
    json members = json::array();
    Status s = ForEachPage(
        [&](const PageRequest& r) -> Result<Page<User>> {
          auto g = iam.GetGroup(name, r);
          if (!g.ok()) return g.status();
          return std::move(g->users);
        },
        [&](Page<User>& page) {
          for (const auto& u : page.items) members.push_back(u.user_name);
          return Status::Ok();
        },
        PageRequest{"", kIamMaxItems});
    if (!s.ok()) return s.WithContext("GetGroup");
    object["members"] = std::move(members);
  }
  return Status::Ok();
}

}  // namespace

Result<json> ReadGroup(Ctx& ctx, std::string_view group_name, const AttrSet& needed) {
  auto g = ctx.iam.GetGroup(group_name, PageRequest{"", 1});
  if (!g.ok()) return g.status().WithContext("GetGroup");
  json object = GroupToJson(g->group);
  AIC_RETURN_IF_ERROR(EnrichGroupOne(ctx.iam, object, needed));
  return object;
}

Status EnrichGroups(Ctx& ctx, std::vector<json>& objects, const AttrSet& needed) {
  return RunBounded(ctx.config.max_connections, objects.size(),
                    [&](std::size_t i) { return EnrichGroupOne(ctx.iam, objects[i], needed); });
}

// ---- Policies --------------------------------------------------------------------------------

namespace {

Status EnrichPolicyOne(IamClient& iam, json& object, const AttrSet& needed) {
  if (needed.count("document") == 0) return Status::Ok();
  auto v = iam.GetPolicyVersion(object.value("Arn", ""), object.value("DefaultVersionId", ""));
  if (!v.ok()) return v.status().WithContext("GetPolicyVersion");
  auto doc = ParseJson(v->document);
  object["document"] = doc.ok() ? std::move(*doc) : json(v->document);
  return Status::Ok();
}

}  // namespace

Result<json> ReadPolicy(Ctx& ctx, std::string_view policy_arn, const AttrSet& needed) {
  auto p = ctx.iam.GetPolicy(policy_arn);
  if (!p.ok()) return p.status().WithContext("GetPolicy");
  json object = PolicyToJson(*p);
  AIC_RETURN_IF_ERROR(EnrichPolicyOne(ctx.iam, object, needed));
  return object;
}

Status EnrichPolicies(Ctx& ctx, std::vector<json>& objects, const AttrSet& needed) {
  if (needed.count("document") == 0) return Status::Ok();
  return RunBounded(ctx.config.max_connections, objects.size(),
                    [&](std::size_t i) { return EnrichPolicyOne(ctx.iam, objects[i], needed); });
}

}  // namespace aic::aws_internal
