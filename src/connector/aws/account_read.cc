// Reading users, groups and policies with only the calls the asked attributes need.

#include "aws_iam_connector/json_text.h"
#include "common/task_group.h"
#include "connector/aws/aws_internal.h"

namespace aic::aws_internal {
namespace {

Task<Result<json>> AccessKeysJson(IamClient& iam, const std::string& name) {
  auto keys = co_await All([&](const PageRequest& p) { return iam.ListAccessKeys(name, p); });
  if (!keys.ok()) co_return keys.status().WithContext("ListAccessKeys");
  json out = json::array();
  for (const auto& k : *keys) {
    out.push_back(
        {{"AccessKeyId", k.access_key_id}, {"Status", k.status}, {"CreateDate", k.create_date}});
  }
  co_return out;
}

Task<Result<json>> MfaJson(IamClient& iam, const std::string& name) {
  auto devices = co_await All([&](const PageRequest& p) { return iam.ListMFADevices(name, p); });
  if (!devices.ok()) co_return devices.status().WithContext("ListMFADevices");
  json out = json::array();
  for (const auto& d : *devices) out.push_back(d.serial_number);
  co_return out;
}

// PasswordResetRequired: the login profile's flag; absent when there is no login profile.
Task<Status> AddLoginProfile(IamClient& iam, const std::string& name, json& object) {
  auto lp = co_await iam.GetLoginProfile(name);
  if (lp.ok()) {
    object["PasswordResetRequired"] = lp->password_reset_required;
  } else if (lp.status().code() != ErrorCode::kUnknownUid) {
    co_return lp.status().WithContext("GetLoginProfile");
  }
  co_return Status::Ok();
}

// Adds the per-user attributes to one object.
Task<Status> EnrichOne(IamClient& iam, json& object, const AttrSet& needed) {
  const std::string name = object.value("__NAME__", object.value("_id", ""));
  if (needed.count("PasswordResetRequired") != 0) {
    AIC_CO_RETURN_IF_ERROR(co_await AddLoginProfile(iam, name, object));
  }
  if (needed.count("accessKeys") != 0) {
    auto keys = co_await AccessKeysJson(iam, name);
    if (!keys.ok()) co_return keys.status();
    object["accessKeys"] = std::move(*keys);
  }
  if (needed.count("mfaDevices") != 0) {
    auto mfa = co_await MfaJson(iam, name);
    if (!mfa.ok()) co_return mfa.status();
    object["mfaDevices"] = std::move(*mfa);
  }
  co_return Status::Ok();
}

}  // namespace

Task<Result<json>> ReadAccount(Ctx& ctx, std::string_view user_name, const AttrSet& needed) {
  IamClient& iam = ctx.iam;
  const std::string name(user_name);
  // Every call starts at once; GetUser is always made (existence, canonical name, base fields).
  std::optional<Result<User>> user;
  std::optional<Result<std::vector<Group>>> groups;
  std::optional<Result<std::vector<AttachedPolicy>>> policies;
  std::optional<Result<std::vector<std::string>>> inlines;
  std::optional<Status> extras_status;
  json extras = json::object();
  extras["__NAME__"] = name;
  std::vector<Task<void>> calls;
  calls.push_back(Into(user, iam.GetUser(name)));
  // One ListGroupsForUser gives the names (groups) and the GroupIds (groupIds).
  if (needed.count("groups") != 0 || needed.count("groupIds") != 0) {
    calls.push_back(
        Into(groups, All([&](const PageRequest& p) { return iam.ListGroupsForUser(name, p); })));
  }
  if (needed.count("policies") != 0) {
    calls.push_back(Into(policies, All([&](const PageRequest& p) {
                           return iam.ListAttachedUserPolicies(name, p);
                         })));
  }
  if (needed.count("inlinePolicies") != 0) {
    calls.push_back(
        Into(inlines, All([&](const PageRequest& p) { return iam.ListUserPolicies(name, p); })));
  }
  if (NeedsPerUser(needed)) calls.push_back(Into(extras_status, EnrichOne(iam, extras, needed)));
  // The usage attributes: the credential report from the connector's cache (no call while it
  // is current).
  std::optional<Result<std::shared_ptr<const ParsedCredentialReport>>> report;
  if (NeedsCredentialReport(needed)) calls.push_back(Into(report, UsageReport(ctx)));
  co_await WhenAll(std::move(calls));

  if (!user->ok()) co_return user->status().WithContext("GetUser");
  json object = UserToJson(user->value());
  SetTagsAndEnable(object, user->value().tags);
  if (groups) {
    if (!groups->ok()) co_return groups->status().WithContext("ListGroupsForUser");
    json names = json::array(), ids = json::array();
    for (const auto& g : groups->value()) {
      names.push_back(g.group_name);
      ids.push_back(g.group_id);
    }
    object["groups"] = std::move(names);
    object["groupIds"] = std::move(ids);
  }
  if (policies) {
    if (!policies->ok()) co_return policies->status().WithContext("ListAttachedUserPolicies");
    json list = json::array();
    for (const auto& p : policies->value()) list.push_back(p.policy_arn);
    object["policies"] = std::move(list);
  }
  if (inlines) {
    if (!inlines->ok()) co_return inlines->status().WithContext("ListUserPolicies");
    object["inlinePolicies"] = inlines->value();
  }
  if (extras_status) {
    if (!extras_status->ok()) co_return *extras_status;
    for (auto& [k, v] : extras.items()) {
      if (k != "__NAME__") object[k] = v;
    }
  }
  if (report) {
    if (!report->ok()) co_return report->status();
    SetAccountUsage(object, *report->value());
  }
  co_return object;
}

Task<Status> EnrichAccounts(Ctx& ctx, std::vector<json>& objects, const AttrSet& needed) {
  if (!NeedsPerUser(needed)) co_return Status::Ok();
  co_return co_await RunBounded(ctx.config.max_connections, objects.size(), [&](std::size_t i) {
    return EnrichOne(ctx.iam, objects[i], needed);
  });
}

// ---- Groups ----------------------------------------------------------------------------------

namespace {

// One GetGroup page of a group's members; the group itself goes to `group` from the first.
Task<Result<Page<User>>> MembersPage(IamClient& iam, const std::string& name,
                                     const PageRequest& page, std::optional<Group>& group) {
  auto g = co_await iam.GetGroup(name, page);
  if (!g.ok()) co_return g.status();
  if (!group) group = std::move(g->group);
  co_return std::move(g->users);
}

}  // namespace

Task<Result<GroupWithMembers>> GetGroupWithMembers(IamClient& iam, const std::string& name,
                                                   bool members) {
  GroupWithMembers out;
  std::optional<Group> group;
  // Without members one item is enough: the group comes with every page.
  const PageRequest first{"", members ? kIamMaxItems : 1};
  auto fetch = [&](const PageRequest& r) { return MembersPage(iam, name, r, group); };
  Status s;
  if (members) {
    s = co_await ForEachPage(
        fetch,
        [&](Page<User>& page) {
          for (auto& u : page.items) out.members.push_back(std::move(u));
          return Status::Ok();
        },
        first);
  } else {
    auto page = co_await fetch(first);
    s = page.status();
  }
  if (!s.ok()) co_return s.WithContext("GetGroup");
  out.group = std::move(*group);
  co_return out;
}

bool NeedsMembers(const AttrSet& needed) {
  return needed.count("members") != 0 || needed.count("memberIds") != 0;
}

void SetMembers(json& object, const std::vector<User>& members) {
  json names = json::array(), ids = json::array();
  for (const auto& u : members) {
    names.push_back(u.user_name);
    ids.push_back(u.user_id);
  }
  object["members"] = std::move(names);
  object["memberIds"] = std::move(ids);
}

namespace {

json PolicyArnList(const std::vector<AttachedPolicy>& policies) {
  json list = json::array();
  for (const auto& p : policies) list.push_back(p.policy_arn);
  return list;
}

// Adds what `needed` asks for and `object` lacks: policies, inlinePolicies, members/memberIds.
Task<Status> EnrichGroupOne(IamClient& iam, json& object, const AttrSet& needed) {
  const std::string name = object.value("__NAME__", "");
  if (needed.count("policies") != 0 && !object.contains("policies")) {
    auto p =
        co_await All([&](const PageRequest& r) { return iam.ListAttachedGroupPolicies(name, r); });
    if (!p.ok()) co_return p.status().WithContext("ListAttachedGroupPolicies");
    object["policies"] = PolicyArnList(*p);
  }
  if (needed.count("inlinePolicies") != 0 && !object.contains("inlinePolicies")) {
    auto p = co_await All([&](const PageRequest& r) { return iam.ListGroupPolicies(name, r); });
    if (!p.ok()) co_return p.status().WithContext("ListGroupPolicies");
    object["inlinePolicies"] = *p;
  }
  if (NeedsMembers(needed)) {
    auto g = co_await GetGroupWithMembers(iam, name, true);
    if (!g.ok()) co_return g.status();
    SetMembers(object, g->members);
  }
  co_return Status::Ok();
}

}  // namespace

Task<Result<json>> ReadGroup(Ctx& ctx, std::string_view group_name, const AttrSet& needed) {
  IamClient& iam = ctx.iam;
  const std::string name(group_name);
  // Every call starts at once; GetGroup is always made (existence, canonical name, base fields)
  // and brings the members when they are asked for.
  const bool members = NeedsMembers(needed);
  std::optional<Result<GroupWithMembers>> group;
  std::optional<Result<std::vector<AttachedPolicy>>> policies;
  std::optional<Result<std::vector<std::string>>> inlines;
  std::vector<Task<void>> calls;
  calls.push_back(Into(group, GetGroupWithMembers(iam, name, members)));
  if (needed.count("policies") != 0) {
    calls.push_back(Into(policies, All([&](const PageRequest& p) {
                           return iam.ListAttachedGroupPolicies(name, p);
                         })));
  }
  if (needed.count("inlinePolicies") != 0) {
    calls.push_back(
        Into(inlines, All([&](const PageRequest& p) { return iam.ListGroupPolicies(name, p); })));
  }
  co_await WhenAll(std::move(calls));

  if (!group->ok()) co_return group->status();
  json object = GroupToJson(group->value().group);
  if (members) SetMembers(object, group->value().members);
  if (policies) {
    if (!policies->ok()) co_return policies->status().WithContext("ListAttachedGroupPolicies");
    object["policies"] = PolicyArnList(policies->value());
  }
  if (inlines) {
    if (!inlines->ok()) co_return inlines->status().WithContext("ListGroupPolicies");
    object["inlinePolicies"] = inlines->value();
  }
  co_return object;
}

Task<Status> EnrichGroups(Ctx& ctx, std::vector<json>& objects, const AttrSet& needed) {
  co_return co_await RunBounded(ctx.config.max_connections, objects.size(), [&](std::size_t i) {
    return EnrichGroupOne(ctx.iam, objects[i], needed);
  });
}

// ---- Policies --------------------------------------------------------------------------------

namespace {

Task<Status> EnrichPolicyOne(IamClient& iam, json& object, const AttrSet& needed) {
  if (needed.count("document") == 0) co_return Status::Ok();
  const std::string arn = object.value("Arn", "");
  const std::string version = object.value("DefaultVersionId", "");
  auto v = co_await iam.GetPolicyVersion(arn, version);
  if (!v.ok()) co_return v.status().WithContext("GetPolicyVersion");
  auto doc = ParseJson(v->document);
  object["document"] = doc.ok() ? std::move(*doc) : json(v->document);
  co_return Status::Ok();
}

}  // namespace

Task<Result<json>> ReadPolicy(Ctx& ctx, std::string_view policy_arn, const AttrSet& needed) {
  auto p = co_await ctx.iam.GetPolicy(policy_arn);
  if (!p.ok()) co_return p.status().WithContext("GetPolicy");
  json object = PolicyToJson(*p);
  AIC_CO_RETURN_IF_ERROR(co_await EnrichPolicyOne(ctx.iam, object, needed));
  co_return object;
}

Task<Status> EnrichPolicies(Ctx& ctx, std::vector<json>& objects, const AttrSet& needed) {
  if (needed.count("document") == 0) co_return Status::Ok();
  co_return co_await RunBounded(ctx.config.max_connections, objects.size(), [&](std::size_t i) {
    return EnrichPolicyOne(ctx.iam, objects[i], needed);
  });
}

}  // namespace aic::aws_internal
