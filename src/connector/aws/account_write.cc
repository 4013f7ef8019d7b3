// Writing users: create with rollback, update by difference, delete with cascade, and the
// __ENABLE__ disable/enable of SPEC 4.5.
#include <algorithm>

#include "common/task_group.h"
#include "common/text_codec.h"
#include "connector/aws/aws_internal.h"

namespace aic::aws_internal {
namespace {

Status RejectReservedTag(const std::vector<Tag>& tags) {
  for (const auto& t : tags) {
    if (IsReservedTagKey(t.key)) {
      return Status(ErrorCode::kInvalidAttributeValue,
                    "Tags: the key '" + t.key + "' is reserved by the connector" +
                        (t.key == kDisabledTagKey ? " (use __ENABLE__)" : ""));
    }
  }
  return Status::Ok();
}

// Sets the password (PUT/PATCH of __PASSWORD__): UpdateLoginProfile, or CreateLoginProfile if
// the user has none.
Task<Status> SetPassword(Ctx& ctx, const std::string& name, const SecretString& password,
                         std::optional<bool> reset_required) {
  LoginProfileUpdate update;
  update.password = password;
  update.password_reset_required = reset_required;
  Status s = co_await ctx.iam.UpdateLoginProfile(name, update);
  if (s.ok()) co_return s;
  if (s.code() != ErrorCode::kUnknownUid) co_return s.WithContext("UpdateLoginProfile");
  s = co_await CreateOwnLoginProfile(ctx, name, password, reset_required.value_or(true));
  co_return s.ok() ? s : s.WithContext("CreateLoginProfile");
}

// What a create made (or, after a lost answer, may have made).
struct CreatedParts {
  bool login_profile = false;
  std::vector<std::string> groups;
  std::vector<std::string> policies;
};

// The edits of a user's groups (names compare without case) and attached policies. `name` is
// referred to, not copied: it follows a rename.
ListEdit GroupsEdit(IamClient& iam, const std::string& name) {
  return ListEdit{"AddUserToGroup", "RemoveUserFromGroup",
                  [&iam, &name](const std::string& g) { return iam.AddUserToGroup(g, name); },
                  [&iam, &name](const std::string& g) { return iam.RemoveUserFromGroup(g, name); },
                  /*ignore_case=*/true};
}
ListEdit PoliciesEdit(IamClient& iam, const std::string& name) {
  return ListEdit{"AttachUserPolicy", "DetachUserPolicy",
                  [&iam, &name](const std::string& p) { return iam.AttachUserPolicy(name, p); },
                  [&iam, &name](const std::string& p) { return iam.DetachUserPolicy(name, p); }};
}

// Undoes a failed create (the undo steps accept NoSuchEntity) and returns the step's error
// (`step_error` names the step), saying whether the rollback was complete.
Task<Status> RollBackCreate(Ctx& ctx, const std::string& name, const CreatedParts& made,
                            Status step_error) {
  std::vector<std::string> leftovers;
  for (const auto& p : made.policies) {
    if (!IgnorableMissing(co_await ctx.iam.DetachUserPolicy(name, p))) leftovers.push_back(p);
  }
  for (const auto& g : made.groups) {
    if (!IgnorableMissing(co_await ctx.iam.RemoveUserFromGroup(g, name))) leftovers.push_back(g);
  }
  if (made.login_profile && !IgnorableMissing(co_await ctx.iam.DeleteLoginProfile(name))) {
    leftovers.push_back("login profile");
  }
  if (!IgnorableMissing(co_await ctx.iam.DeleteUser(name))) leftovers.push_back("user " + name);
  co_return CreateFailed(step_error, "user", leftovers.size());
}

}  // namespace

// ---- Create ----------------------------------------------------------------------------------

Task<Result<json>> CreateAccount(Ctx& ctx, const connector::ValidatedAttributes& va) {
  const json& a = va.attributes;
  const std::string name = StringOr(a, "__NAME__");
  const std::string path = StringOr(a, "Path");
  const std::string boundary = StringOr(a, "PermissionsBoundary");
  std::vector<Tag> tags = TagsFromJson(a.value("Tags", json::array()));
  AIC_CO_RETURN_IF_ERROR(RejectReservedTag(tags));
  const auto groups = StringList(a.value("groups", json::array()));
  const auto policies = StringList(a.value("policies", json::array()));
  bool reset_required = true;
  if (auto it = a.find("PasswordResetRequired"); it != a.end() && it->is_boolean()) {
    reset_required = it->get<bool>();
  }
  if (va.password) {
    auto policy = co_await ctx.password_policy.Get(ctx.iam);
    if (!policy.ok()) co_return policy.status();
    AIC_CO_RETURN_IF_ERROR(CheckPassword(*policy, *va.password));
  }

  auto user = co_await CreateOwnUser(ctx, name, path, tags, boundary);
  if (!user.ok()) co_return user.status().WithContext("CreateUser");

  // What was made (or, after a lost answer, may have been), for the rollback.
  CreatedParts made;

  // A step that failed after a try that may have been applied is undone too (the undo
  // steps accept NoSuchEntity).
  if (va.password) {
    Status s = co_await CreateOwnLoginProfile(ctx, name, *va.password, reset_required);
    made.login_profile = s.ok() || s.maybe_applied();
    if (!s.ok()) {
      Status step_error = AsAttributeError(s, "CreateLoginProfile");
      co_return co_await RollBackCreate(ctx, name, made, std::move(step_error));
    }
  }
  // AddUserToGroup and AttachUserPolicy are idempotent: a retry after a lost answer is OK.
  const std::vector<std::string> none;
  const ListEdit groups_edit = GroupsEdit(ctx.iam, name);
  Status s = co_await MakeListEqual(groups_edit, none, groups, &made.groups);
  if (!s.ok()) co_return co_await RollBackCreate(ctx, name, made, s);
  const ListEdit policies_edit = PoliciesEdit(ctx.iam, name);
  s = co_await MakeListEqual(policies_edit, none, policies, &made.policies);
  if (!s.ok()) co_return co_await RollBackCreate(ctx, name, made, s);
  bool enabled = true;
  if (auto it = a.find("__ENABLE__"); it != a.end() && it->is_boolean() && !it->get<bool>()) {
    s = co_await DisableAccount(ctx, name);
    if (!s.ok()) {
      Status step_error = AsAttributeError(s, "disable");
      co_return co_await RollBackCreate(ctx, name, made, std::move(step_error));
    }
    enabled = false;
  }

  json object = UserToJson(*user);
  if (object.value("Path", "/").empty()) object["Path"] = path.empty() ? "/" : path;
  if (!boundary.empty()) object["PermissionsBoundary"] = boundary;
  SetTagsAndEnable(object, tags);
  object["__ENABLE__"] = enabled;
  object["groups"] = groups;
  object["policies"] = policies;
  object["inlinePolicies"] = json::array();
  if (va.password) object["PasswordResetRequired"] = reset_required;
  co_return object;
}

// ---- Update ----------------------------------------------------------------------------------

namespace {

// The boolean `name` of `object`, if it is given as a boolean.
std::optional<bool> OptionalBool(const json& object, const char* name) {
  if (auto it = object.find(name); it != object.end() && it->is_boolean()) return it->get<bool>();
  return std::nullopt;
}

// A new password must meet the account's password policy (read once, then cached).
Task<Status> CheckAgainstPasswordPolicy(Ctx& ctx, const SecretString& password) {
  auto policy = co_await ctx.password_policy.Get(ctx.iam);
  if (!policy.ok()) co_return policy.status();
  co_return CheckPassword(*policy, password);
}

// What to read before an update: what the caller asked for, and the lists being replaced (the
// calls are their difference).
AttrSet AttributesToReadForUpdate(const std::vector<std::string>& attributes_to_get,
                                  const json& a) {
  AttrSet needed = NeededAttributes(attributes_to_get, std::nullopt, {});
  for (const char* list : {"groups", "policies"}) {
    if (a.contains(list)) needed.insert(list);
  }
  return needed;
}

// Renames and/or moves the user (UpdateUser) when __NAME__ or Path differ from `result`; a
// rename changes _id. `name` and `result` follow.
Task<Status> RenameOrMoveUser(Ctx& ctx, const json& a, std::string& name, json& result) {
  const NameAndPath change = ChangedNameAndPath(a, name, result);
  if (change.empty()) co_return Status::Ok();
  // A named local, not a temporary in the co_await expression (GCC 12 destroys those twice).
  const std::string user_id = StringOr(result, "UserId");
  Status s = co_await UpdateOwnUser(ctx, name, change.new_name, change.new_path, user_id);
  if (!s.ok()) co_return s.WithContext("UpdateUser");
  ApplyRename(change, "user", name, result);
  co_return Status::Ok();
}

// Puts or deletes the permissions boundary when `wanted` differs from what `result` has.
Task<Status> UpdatePermissionsBoundary(Ctx& ctx, const std::string& name, const std::string& wanted,
                                       json& result) {
  const std::string had = StringOr(result, "PermissionsBoundary");
  if (wanted.empty() && !had.empty()) {
    Status s = co_await ctx.iam.DeleteUserPermissionsBoundary(name);
    if (!IgnorableMissing(s)) co_return s.WithContext("DeleteUserPermissionsBoundary");
    result.erase("PermissionsBoundary");
  } else if (!wanted.empty() && wanted != had) {
    Status s = co_await ctx.iam.PutUserPermissionsBoundary(name, wanted);
    if (!s.ok()) co_return AsAttributeError(s, "PutUserPermissionsBoundary");
    result["PermissionsBoundary"] = wanted;
  }
  co_return Status::Ok();
}

// Makes the user's tags `desired`: untags the keys no longer wanted, then tags what is new or
// changed.
Task<Status> ReplaceTags(Ctx& ctx, const std::string& name, const std::vector<Tag>& desired,
                         json& result) {
  std::vector<Tag> had = TagsFromJson(result.value("Tags", json::array()));
  std::vector<std::string> remove;
  std::vector<Tag> set;
  for (const auto& t : had) {
    bool kept =
        std::any_of(desired.begin(), desired.end(), [&](const Tag& d) { return d.key == t.key; });
    if (!kept) remove.push_back(t.key);
  }
  for (const auto& d : desired) {
    if (std::find(had.begin(), had.end(), d) == had.end()) set.push_back(d);
  }
  if (!remove.empty()) {
    // The create marker goes with them at no extra call (UntagUser accepts absent keys).
    remove.emplace_back(kCreateMarkerTagKey);
    Status s = co_await ctx.iam.UntagUser(name, remove);
    if (!s.ok()) co_return s.WithContext("UntagUser");
  }
  if (!set.empty()) {
    Status s = co_await ctx.iam.TagUser(name, set);
    if (!s.ok()) co_return AsAttributeError(s, "TagUser");
  }
  json tags = json::array();
  for (const auto& t : desired) tags.push_back({{"Key", t.key}, {"Value", t.value}});
  result["Tags"] = std::move(tags);
  co_return Status::Ok();
}

// Makes the user's groups those of a["groups"] by difference.
Task<Status> ReplaceGroups(Ctx& ctx, const std::string& name, const json& a, json& result) {
  const auto wanted = StringList(a["groups"]);
  const auto had = StringList(result.value("groups", json::array()));
  const ListEdit edit = GroupsEdit(ctx.iam, name);
  AIC_CO_RETURN_IF_ERROR(co_await MakeListEqual(edit, had, wanted));
  result["groups"] = wanted;
  co_return Status::Ok();
}

// Makes the user's attached policies those of a["policies"] by difference.
Task<Status> ReplacePolicies(Ctx& ctx, const std::string& name, const json& a, json& result) {
  const auto wanted = StringList(a["policies"]);
  const auto had = StringList(result.value("policies", json::array()));
  const ListEdit edit = PoliciesEdit(ctx.iam, name);
  AIC_CO_RETURN_IF_ERROR(co_await MakeListEqual(edit, had, wanted));
  result["policies"] = wanted;
  co_return Status::Ok();
}

// Sets the new password and/or PasswordResetRequired; `result` shows PasswordResetRequired when
// it was given.
Task<Status> UpdatePasswordAndResetRequired(Ctx& ctx, const std::string& name,
                                            const connector::ValidatedAttributes& va,
                                            json& result) {
  std::optional<bool> reset_required = OptionalBool(va.attributes, "PasswordResetRequired");
  if (va.password) {
    AIC_CO_RETURN_IF_ERROR(co_await SetPassword(ctx, name, *va.password, reset_required));
    if (!reset_required) reset_required = true;  // CreateLoginProfile default or unchanged
  } else if (reset_required) {
    LoginProfileUpdate update;
    update.password_reset_required = reset_required;
    Status s = co_await ctx.iam.UpdateLoginProfile(name, update);
    if (s.code() == ErrorCode::kUnknownUid) {
      co_return Status(
          ErrorCode::kInvalidAttributeValue,
          "PasswordResetRequired: user " + name + " has no login profile (set a password)",
          s.aws().value_or(AwsErrorDetail{}));
    }
    if (!s.ok()) co_return s.WithContext("UpdateLoginProfile");
  }
  if (reset_required && va.attributes.contains("PasswordResetRequired")) {
    result["PasswordResetRequired"] = *reset_required;
  }
  co_return Status::Ok();
}

}  // namespace

// An enable runs before the login profile changes and a disable after them (DisableAccount
// deletes the login profile it finds).
Task<Result<json>> UpdateAccount(Ctx& ctx, const std::string& user_name,
                                 const connector::ValidatedAttributes& va,
                                 const std::vector<std::string>& attributes_to_get) {
  const json& a = va.attributes;
  if (va.password) {
    AIC_CO_RETURN_IF_ERROR(co_await CheckAgainstPasswordPolicy(ctx, *va.password));
  }
  std::vector<Tag> desired_tags;
  if (a.contains("Tags")) {
    desired_tags = TagsFromJson(a["Tags"]);
    AIC_CO_RETURN_IF_ERROR(RejectReservedTag(desired_tags));
  }
  const AttrSet needed = AttributesToReadForUpdate(attributes_to_get, a);
  auto current = co_await ReadAccount(ctx, user_name, needed);
  if (!current.ok()) co_return current.status();
  json result = std::move(*current);
  std::string name = StringOr(result, "__NAME__", user_name);

  AIC_CO_RETURN_IF_ERROR(co_await RenameOrMoveUser(ctx, a, name, result));
  if (a.contains("PermissionsBoundary")) {
    const std::string boundary = StringOr(a, "PermissionsBoundary");
    AIC_CO_RETURN_IF_ERROR(co_await UpdatePermissionsBoundary(ctx, name, boundary, result));
  }
  if (a.contains("Tags")) {
    AIC_CO_RETURN_IF_ERROR(co_await ReplaceTags(ctx, name, desired_tags, result));
  }
  if (a.contains("groups")) {
    AIC_CO_RETURN_IF_ERROR(co_await ReplaceGroups(ctx, name, a, result));
  }
  if (a.contains("policies")) {
    AIC_CO_RETURN_IF_ERROR(co_await ReplacePolicies(ctx, name, a, result));
  }

  const std::optional<bool> enable = OptionalBool(a, "__ENABLE__");
  if (enable == true) {
    AIC_CO_RETURN_IF_ERROR(co_await EnableAccount(ctx, name));
    result["__ENABLE__"] = true;
  }
  AIC_CO_RETURN_IF_ERROR(co_await UpdatePasswordAndResetRequired(ctx, name, va, result));
  if (enable == false) {
    AIC_CO_RETURN_IF_ERROR(co_await DisableAccount(ctx, name));
    result["__ENABLE__"] = false;
  }
  co_return result;
}

// ---- Delete ----------------------------------------------------------------------------------

namespace {

// What is attached to a user, as DeleteConflict means it.
struct Attachments {
  bool login_profile = false;
  std::vector<std::string> access_keys, certificates, ssh_keys, service_credentials, mfa,
      inline_policies, policies, groups;

  std::string Describe() const {
    std::string out = login_profile ? "login profile" : "";
    DescribeItems(out, "access keys", access_keys);
    DescribeItems(out, "signing certificates", certificates);
    DescribeItems(out, "SSH public keys", ssh_keys);
    DescribeItems(out, "service-specific credentials", service_credentials);
    DescribeItems(out, "MFA devices", mfa);
    DescribeItems(out, "inline policies", inline_policies);
    DescribeItems(out, "attached policies", policies);
    DescribeItems(out, "groups", groups);
    return out;
  }
};

// An action the IAM implementation does not have: AWS's codes, or (moto) a 5xx whose body is
// not an AWS error document at all.
bool NotImplemented(const Status& s) {
  if (!s.aws()) return false;
  const std::string& code = s.aws()->code;
  return code == "NotImplemented" || code == "InvalidAction" ||
         (code.empty() && s.aws()->http_status >= 500);
}

// Every list call at once (at most maxConnections in flight, as the transport allows).
Task<Result<Attachments>> ListAttachments(Ctx& ctx, const std::string& name) {
  IamClient& iam = ctx.iam;
  std::optional<Result<LoginProfile>> lp;
  std::optional<Result<std::vector<AccessKeyMetadata>>> keys;
  std::optional<Result<std::vector<SigningCertificate>>> certificates;
  std::optional<Result<std::vector<SshPublicKeyMetadata>>> ssh_keys;
  std::optional<Result<Page<ServiceSpecificCredentialMetadata>>> service;
  std::optional<Result<std::vector<MfaDevice>>> mfa;
  std::optional<Result<std::vector<std::string>>> inlines;
  std::optional<Result<std::vector<AttachedPolicy>>> policies;
  std::optional<Result<std::vector<Group>>> groups;
  std::vector<Task<void>> calls;
  calls.push_back(Into(lp, iam.GetLoginProfile(name)));
  calls.push_back(
      Into(keys, All([&](const PageRequest& p) { return iam.ListAccessKeys(name, p); })));
  calls.push_back(Into(certificates, All([&](const PageRequest& p) {
                         return iam.ListSigningCertificates(name, p);
                       })));
  calls.push_back(
      Into(ssh_keys, All([&](const PageRequest& p) { return iam.ListSSHPublicKeys(name, p); })));
  calls.push_back(Into(service, iam.ListServiceSpecificCredentials(name)));
  calls.push_back(
      Into(mfa, All([&](const PageRequest& p) { return iam.ListMFADevices(name, p); })));
  calls.push_back(
      Into(inlines, All([&](const PageRequest& p) { return iam.ListUserPolicies(name, p); })));
  calls.push_back(Into(
      policies, All([&](const PageRequest& p) { return iam.ListAttachedUserPolicies(name, p); })));
  calls.push_back(
      Into(groups, All([&](const PageRequest& p) { return iam.ListGroupsForUser(name, p); })));
  co_await WhenAll(std::move(calls));

  Attachments at;
  if (lp->ok()) {
    at.login_profile = true;
  } else if (lp->status().code() != ErrorCode::kUnknownUid) {
    co_return lp->status().WithContext("GetLoginProfile");
  }
  AIC_CO_RETURN_IF_ERROR(Collect(keys, "ListAccessKeys", at.access_keys,
                                 [](const auto& k) { return k.access_key_id; }));
  AIC_CO_RETURN_IF_ERROR(Collect(certificates, "ListSigningCertificates", at.certificates,
                                 [](const auto& c) { return c.certificate_id; }));
  AIC_CO_RETURN_IF_ERROR(Collect(ssh_keys, "ListSSHPublicKeys", at.ssh_keys,
                                 [](const auto& k) { return k.ssh_public_key_id; }));
  // Some IAM implementations (moto) do not have this action: nothing of that kind exists.
  if (service->ok()) {
    for (const auto& c : service->value().items) {
      at.service_credentials.push_back(c.service_specific_credential_id);
    }
  } else if (!NotImplemented(service->status()) &&
             service->status().code() != ErrorCode::kUnknownUid) {
    co_return service->status().WithContext("ListServiceSpecificCredentials");
  }
  AIC_CO_RETURN_IF_ERROR(
      Collect(mfa, "ListMFADevices", at.mfa, [](const auto& m) { return m.serial_number; }));
  AIC_CO_RETURN_IF_ERROR(Collect(inlines, "ListUserPolicies", at.inline_policies,
                                 [](const std::string& p) { return p; }));
  AIC_CO_RETURN_IF_ERROR(Collect(policies, "ListAttachedUserPolicies", at.policies,
                                 [](const auto& p) { return p.policy_arn; }));
  AIC_CO_RETURN_IF_ERROR(
      Collect(groups, "ListGroupsForUser", at.groups, [](const auto& g) { return g.group_name; }));
  co_return at;
}

// Removes everything attached, in SPEC 4.4's order; missing items are fine (retry-safe).
Task<Status> Cascade(Ctx& ctx, const std::string& name, const Attachments& at) {
  IamClient& iam = ctx.iam;
  if (at.login_profile)
    AIC_CO_RETURN_IF_ERROR(
        CascadeStep(co_await iam.DeleteLoginProfile(name), "DeleteLoginProfile"));
  for (const auto& k : at.access_keys) {
    AIC_CO_RETURN_IF_ERROR(CascadeStep(co_await iam.DeleteAccessKey(name, k), "DeleteAccessKey"));
  }
  for (const auto& c : at.certificates) {
    AIC_CO_RETURN_IF_ERROR(
        CascadeStep(co_await iam.DeleteSigningCertificate(name, c), "DeleteSigningCertificate"));
  }
  for (const auto& k : at.ssh_keys) {
    AIC_CO_RETURN_IF_ERROR(
        CascadeStep(co_await iam.DeleteSSHPublicKey(name, k), "DeleteSSHPublicKey"));
  }
  for (const auto& c : at.service_credentials) {
    AIC_CO_RETURN_IF_ERROR(CascadeStep(co_await iam.DeleteServiceSpecificCredential(name, c),
                                       "DeleteServiceSpecificCredential"));
  }
  for (const auto& m : at.mfa) {
    AIC_CO_RETURN_IF_ERROR(
        CascadeStep(co_await iam.DeactivateMFADevice(name, m), "DeactivateMFADevice"));
    if (m.rfind("arn:", 0) == 0) {  // virtual devices have an ARN serial number
      AIC_CO_RETURN_IF_ERROR(
          CascadeStep(co_await iam.DeleteVirtualMFADevice(m), "DeleteVirtualMFADevice"));
    }
  }
  for (const auto& p : at.inline_policies) {
    AIC_CO_RETURN_IF_ERROR(CascadeStep(co_await iam.DeleteUserPolicy(name, p), "DeleteUserPolicy"));
  }
  for (const auto& p : at.policies) {
    AIC_CO_RETURN_IF_ERROR(CascadeStep(co_await iam.DetachUserPolicy(name, p), "DetachUserPolicy"));
  }
  for (const auto& g : at.groups) {
    AIC_CO_RETURN_IF_ERROR(
        CascadeStep(co_await iam.RemoveUserFromGroup(g, name), "RemoveUserFromGroup"));
  }
  co_return Status::Ok();
}

}  // namespace

Task<Result<json>> DeleteAccount(Ctx& ctx, const std::string& user_name,
                                 const std::vector<std::string>& attributes_to_get) {
  AttrSet asked = NeededAttributes(attributes_to_get, std::nullopt, {});
  asked.erase("__NAME__");
  json before = {{"_id", user_name}, {"__NAME__", user_name}};
  if (!asked.empty()) {
    auto read = co_await ReadAccount(ctx, user_name, asked);
    if (!read.ok()) co_return read.status();
    before = std::move(*read);
  }
  const std::string name = StringOr(before, "__NAME__", user_name);
  Status s = co_await ctx.iam.DeleteUser(name);
  if (s.ok() || GoneByOwnDelete(s)) co_return before;
  if (s.code() != ErrorCode::kConflict) co_return s.WithContext("DeleteUser");
  auto at = co_await ListAttachments(ctx, name);
  if (!at.ok()) co_return at.status();
  if (!ctx.config.cascade_delete) {
    co_return Status(ErrorCode::kConflict,
                     "user " + name + " cannot be deleted while it has: " + at->Describe() +
                         " (cascadeDelete is off)",
                     s.aws().value_or(AwsErrorDetail{}));
  }
  AIC_CO_RETURN_IF_ERROR(co_await Cascade(ctx, name, *at));
  s = co_await ctx.iam.DeleteUser(name);
  if (!s.ok() && !GoneByOwnDelete(s)) co_return s.WithContext("DeleteUser (after cascade)");
  co_return before;
}

// ---- __ENABLE__ ------------------------------------------------------------------------------

Task<Status> DisableAccount(Ctx& ctx, const std::string& name) {
  auto user = co_await ctx.iam.GetUser(name);
  if (!user.ok()) co_return user.status().WithContext("GetUser");
  const Tag* tag = FindDisabledTag(user->tags);
  DisabledRecord record = tag ? DecodeDisabledRecord(tag->value) : DisabledRecord{};
  auto keys = co_await All([&](const PageRequest& p) { return ctx.iam.ListAccessKeys(name, p); });
  if (!keys.ok()) co_return keys.status().WithContext("ListAccessKeys");
  auto lp = co_await ctx.iam.GetLoginProfile(name);
  if (!lp.ok() && lp.status().code() != ErrorCode::kUnknownUid) {
    co_return lp.status().WithContext("GetLoginProfile");
  }
  std::vector<std::string> to_deactivate;
  for (const auto& k : *keys) {
    if (k.status != "Active") continue;
    to_deactivate.push_back(k.access_key_id);
    if (std::find(record.keys.begin(), record.keys.end(), k.access_key_id) == record.keys.end()) {
      record.keys.push_back(k.access_key_id);
    }
  }
  if (lp.ok()) record.console = true;
  // The record is written first, so a failure midway leaves it complete for a retry.
  std::string value = EncodeDisabledRecord(record);
  if (tag == nullptr || tag->value != value) {
    const std::vector<Tag> disabled_tag{Tag{std::string(kDisabledTagKey), value}};
    Status s = co_await ctx.iam.TagUser(name, disabled_tag);
    if (!s.ok()) co_return s.WithContext("TagUser (disable)");
  }
  for (const auto& k : to_deactivate) {
    Status s = co_await ctx.iam.UpdateAccessKey(name, k, "Inactive");
    if (!IgnorableMissing(s)) co_return s.WithContext("UpdateAccessKey (disable)");
  }
  if (lp.ok()) {
    Status s = co_await ctx.iam.DeleteLoginProfile(name);
    if (!IgnorableMissing(s)) co_return s.WithContext("DeleteLoginProfile (disable)");
  }
  co_return Status::Ok();
}

Task<Status> EnableAccount(Ctx& ctx, const std::string& name) {
  auto user = co_await ctx.iam.GetUser(name);
  if (!user.ok()) co_return user.status().WithContext("GetUser");
  const Tag* tag = FindDisabledTag(user->tags);
  if (tag == nullptr) co_return Status::Ok();
  DisabledRecord record = DecodeDisabledRecord(tag->value);
  for (const auto& k : record.keys) {
    Status s = co_await ctx.iam.UpdateAccessKey(name, k, "Active");
    if (!IgnorableMissing(s)) co_return s.WithContext("UpdateAccessKey (enable)");
  }
  // The create marker goes with the disable tag at no extra call.
  const std::vector<std::string> reserved{std::string(kDisabledTagKey),
                                          std::string(kCreateMarkerTagKey)};
  Status s = co_await ctx.iam.UntagUser(name, reserved);
  if (!s.ok()) co_return s.WithContext("UntagUser (enable)");
  co_return Status::Ok();
}

}  // namespace aic::aws_internal
