// Writing users: create with rollback, update by difference, delete with cascade, and the
// __ENABLE__ disable/enable of SPEC 4.5.
#include <algorithm>
#include <cctype>

#include "connector/aws/aws_internal.h"

namespace aic::aws_internal {
namespace {

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> StringList(const json& value) {
  std::vector<std::string> out;
  if (value.is_array()) {
    for (const auto& v : value) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  } else if (value.is_string()) {
    out.push_back(value.get<std::string>());
  }
  return out;
}

std::string StringOr(const json& object, const char* name, std::string fallback = "") {
  auto it = object.find(name);
  if (it == object.end() || !it->is_string()) return fallback;
  return it->get<std::string>();
}

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

bool IgnorableMissing(const Status& s) { return s.ok() || s.code() == ErrorCode::kUnknownUid; }

template <class Fetch>
auto All(Fetch&& fetch) {
  return ListAll(std::forward<Fetch>(fetch), kIamMaxItems);
}

// Sets the password (PUT/PATCH of __PASSWORD__): UpdateLoginProfile, or CreateLoginProfile if
// the user has none.
Status SetPassword(Ctx& ctx, const std::string& name, const SecretString& password,
                   std::optional<bool> reset_required) {
  LoginProfileUpdate update;
  update.password = password;
  update.password_reset_required = reset_required;
  Status s = ctx.iam.UpdateLoginProfile(name, update);
  if (s.ok()) return s;
  if (s.code() != ErrorCode::kUnknownUid) return s.WithContext("UpdateLoginProfile");
  s = CreateOwnLoginProfile(ctx, name, password, reset_required.value_or(true));
  return s.ok() ? s : s.WithContext("CreateLoginProfile");
}

}  // namespace

// ---- Create ----------------------------------------------------------------------------------

Result<json> CreateAccount(Ctx& ctx, const connector::ValidatedAttributes& va) {
  const json& a = va.attributes;
  const std::string name = StringOr(a, "__NAME__");
  const std::string path = StringOr(a, "Path");
  const std::string boundary = StringOr(a, "PermissionsBoundary");
  std::vector<Tag> tags = TagsFromJson(a.value("Tags", json::array()));
  AIC_RETURN_IF_ERROR(RejectReservedTag(tags));
  const auto groups = StringList(a.value("groups", json::array()));
  const auto policies = StringList(a.value("policies", json::array()));
  bool reset_required = true;
  if (auto it = a.find("PasswordResetRequired"); it != a.end() && it->is_boolean()) {
    reset_required = it->get<bool>();
  }
  if (va.password) {
    auto policy = ctx.password_policy.Get(ctx.iam);
    if (!policy.ok()) return policy.status();
    AIC_RETURN_IF_ERROR(CheckPassword(*policy, *va.password));
  }

  auto user = CreateOwnUser(ctx, name, path, tags, boundary);
  if (!user.ok()) return user.status().WithContext("CreateUser");

  // What was made (or, after a lost answer, may have been), for the rollback.
  bool login_profile = false;
  std::vector<std::string> added_groups;
  std::vector<std::string> attached;
  auto fail = [&](const Status& cause, const std::string& step) -> Status {
    std::vector<std::string> leftovers;
    for (const auto& p : attached) {
      if (!IgnorableMissing(ctx.iam.DetachUserPolicy(name, p))) leftovers.push_back(p);
    }
    for (const auto& g : added_groups) {
      if (!IgnorableMissing(ctx.iam.RemoveUserFromGroup(g, name))) leftovers.push_back(g);
    }
    if (login_profile && !IgnorableMissing(ctx.iam.DeleteLoginProfile(name))) {
      leftovers.push_back("login profile");
    }
    if (!IgnorableMissing(ctx.iam.DeleteUser(name))) leftovers.push_back("user " + name);
    std::string note =
        leftovers.empty()
            ? " (rolled back: the user was not created)"
            : " (rollback incomplete; left: " + std::to_string(leftovers.size()) + " items)";
    Status s = AsAttributeError(cause, "create failed at " + step);
    if (s.aws()) return Status(s.code(), s.message() + note, *s.aws());
    return Status(s.code(), s.message() + note);
  };

  // A step that failed after a try that may have been applied is undone too (the undo
  // steps accept NoSuchEntity).
  if (va.password) {
    Status s = CreateOwnLoginProfile(ctx, name, *va.password, reset_required);
    login_profile = s.ok() || s.maybe_applied();
    if (!s.ok()) return fail(s, "CreateLoginProfile");
  }
  for (const auto& g : groups) {
    Status s = ctx.iam.AddUserToGroup(g, name);  // idempotent: a retry after a lost answer is OK
    if (s.ok() || s.maybe_applied()) added_groups.push_back(g);
    if (!s.ok()) return fail(s, "AddUserToGroup(" + g + ")");
  }
  for (const auto& p : policies) {
    Status s = ctx.iam.AttachUserPolicy(name, p);  // idempotent too
    if (s.ok() || s.maybe_applied()) attached.push_back(p);
    if (!s.ok()) return fail(s, "AttachUserPolicy(" + p + ")");
  }
  bool enabled = true;
  if (auto it = a.find("__ENABLE__"); it != a.end() && it->is_boolean() && !it->get<bool>()) {
    Status s = DisableAccount(ctx, name);
    if (!s.ok()) return fail(s, "disable");
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
  return object;
}

// ---- Update ----------------------------------------------------------------------------------

Result<json> UpdateAccount(Ctx& ctx, const std::string& user_name,
                           const connector::ValidatedAttributes& va,
                           const std::vector<std::string>& attributes_to_get) {
  const json& a = va.attributes;
  if (va.password) {
    auto policy = ctx.password_policy.Get(ctx.iam);
    if (!policy.ok()) return policy.status();
    AIC_RETURN_IF_ERROR(CheckPassword(*policy, *va.password));
  }
  std::vector<Tag> desired_tags;
  if (a.contains("Tags")) {
    desired_tags = TagsFromJson(a["Tags"]);
    AIC_RETURN_IF_ERROR(RejectReservedTag(desired_tags));
  }
  AttrSet needed = NeededAttributes(attributes_to_get, std::nullopt, {});
  for (const char* list : {"groups", "policies"}) {
    if (a.contains(list)) needed.insert(list);
  }
  auto current = ReadAccount(ctx, user_name, needed);
  if (!current.ok()) return current.status();
  json result = std::move(*current);
  std::string name = StringOr(result, "__NAME__", user_name);

  // Rename and move (UpdateUser): a rename changes _id.
  std::string new_name = StringOr(a, "__NAME__");
  if (new_name == name) new_name.clear();
  std::string new_path;
  if (a.contains("Path")) {
    new_path = a["Path"].is_string() ? a["Path"].get<std::string>() : "/";
    if (new_path == StringOr(result, "Path", "/")) new_path.clear();
  }
  if (!new_name.empty() || !new_path.empty()) {
    Status s = UpdateOwnUser(ctx, name, new_name, new_path, StringOr(result, "UserId"));
    if (!s.ok()) return s.WithContext("UpdateUser");
    if (!new_name.empty()) name = new_name;
    if (!new_path.empty()) result["Path"] = new_path;
    result["_id"] = name;
    result["__NAME__"] = name;
    result["Arn"] = UserArnFor(StringOr(result, "Arn"), StringOr(result, "Path", "/"), name);
  }

  if (a.contains("PermissionsBoundary")) {
    const std::string wanted = StringOr(a, "PermissionsBoundary");
    const std::string had = StringOr(result, "PermissionsBoundary");
    if (wanted.empty() && !had.empty()) {
      Status s = ctx.iam.DeleteUserPermissionsBoundary(name);
      if (!IgnorableMissing(s)) return s.WithContext("DeleteUserPermissionsBoundary");
      result.erase("PermissionsBoundary");
    } else if (!wanted.empty() && wanted != had) {
      Status s = ctx.iam.PutUserPermissionsBoundary(name, wanted);
      if (!s.ok()) return AsAttributeError(s, "PutUserPermissionsBoundary");
      result["PermissionsBoundary"] = wanted;
    }
  }

  if (a.contains("Tags")) {
    std::vector<Tag> had = TagsFromJson(result.value("Tags", json::array()));
    std::vector<std::string> remove;
    std::vector<Tag> set;
    for (const auto& t : had) {
      bool kept = std::any_of(desired_tags.begin(), desired_tags.end(),
                              [&](const Tag& d) { return d.key == t.key; });
      if (!kept) remove.push_back(t.key);
    }
    for (const auto& d : desired_tags) {
      if (std::find(had.begin(), had.end(), d) == had.end()) set.push_back(d);
    }
    if (!remove.empty()) {
      // The create marker goes with them at no extra call (UntagUser accepts absent keys).
      remove.emplace_back(kCreateMarkerTagKey);
      Status s = ctx.iam.UntagUser(name, remove);
      if (!s.ok()) return s.WithContext("UntagUser");
    }
    if (!set.empty()) {
      Status s = ctx.iam.TagUser(name, set);
      if (!s.ok()) return AsAttributeError(s, "TagUser");
    }
    json tags = json::array();
    for (const auto& t : desired_tags) tags.push_back({{"Key", t.key}, {"Value", t.value}});
    result["Tags"] = std::move(tags);
  }

  if (a.contains("groups")) {
    auto wanted = StringList(a["groups"]);
    auto had = StringList(result.value("groups", json::array()));
    auto contains = [](const std::vector<std::string>& list, const std::string& v) {
      return std::any_of(list.begin(), list.end(),
                         [&](const std::string& x) { return Lower(x) == Lower(v); });
    };
    for (const auto& g : wanted) {
      if (contains(had, g)) continue;
      Status s = ctx.iam.AddUserToGroup(g, name);
      if (!s.ok()) return AsAttributeError(s, "AddUserToGroup(" + g + ")");
    }
    for (const auto& g : had) {
      if (contains(wanted, g)) continue;
      Status s = ctx.iam.RemoveUserFromGroup(g, name);
      if (!IgnorableMissing(s)) return s.WithContext("RemoveUserFromGroup(" + g + ")");
    }
    result["groups"] = wanted;
  }

  if (a.contains("policies")) {
    auto wanted = StringList(a["policies"]);
    auto had = StringList(result.value("policies", json::array()));
    for (const auto& p : wanted) {
      if (std::find(had.begin(), had.end(), p) != had.end()) continue;
      Status s = ctx.iam.AttachUserPolicy(name, p);
      if (!s.ok()) return AsAttributeError(s, "AttachUserPolicy(" + p + ")");
    }
    for (const auto& p : had) {
      if (std::find(wanted.begin(), wanted.end(), p) != wanted.end()) continue;
      Status s = ctx.iam.DetachUserPolicy(name, p);
      if (!IgnorableMissing(s)) return s.WithContext("DetachUserPolicy(" + p + ")");
    }
    result["policies"] = wanted;
  }

  std::optional<bool> enable;
  if (auto it = a.find("__ENABLE__"); it != a.end() && it->is_boolean()) enable = it->get<bool>();
  if (enable == true) {
    AIC_RETURN_IF_ERROR(EnableAccount(ctx, name));
    result["__ENABLE__"] = true;
  }

  std::optional<bool> reset_required;
  if (auto it = a.find("PasswordResetRequired"); it != a.end() && it->is_boolean()) {
    reset_required = it->get<bool>();
  }
  if (va.password) {
    AIC_RETURN_IF_ERROR(SetPassword(ctx, name, *va.password, reset_required));
    if (!reset_required) reset_required = true;  // CreateLoginProfile default or unchanged
  } else if (reset_required) {
    LoginProfileUpdate update;
    update.password_reset_required = reset_required;
    Status s = ctx.iam.UpdateLoginProfile(name, update);
    if (s.code() == ErrorCode::kUnknownUid) {
      return Status(
          ErrorCode::kInvalidAttributeValue,
          "PasswordResetRequired: user " + name + " has no login profile (set a password)",
          s.aws().value_or(AwsErrorDetail{}));
    }
    if (!s.ok()) return s.WithContext("UpdateLoginProfile");
  }
  if (reset_required && a.contains("PasswordResetRequired")) {
    result["PasswordResetRequired"] = *reset_required;
  }

  if (enable == false) {
    AIC_RETURN_IF_ERROR(DisableAccount(ctx, name));
    result["__ENABLE__"] = false;
  }
  return result;
}

// ---- Delete ----------------------------------------------------------------------------------

namespace {

// What is attached to a user, as DeleteConflict means it.
struct Attachments {
  bool login_profile = false;
  std::vector<std::string> access_keys, certificates, ssh_keys, service_credentials, mfa,
      inline_policies, policies, groups;

  std::string Describe() const {
    std::string out;
    auto add = [&](const char* what, const std::vector<std::string>& items) {
      if (items.empty()) return;
      if (!out.empty()) out += "; ";
      out += what;
      out += " [";
      for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
      out += "]";
    };
    if (login_profile) out = "login profile";
    add("access keys", access_keys);
    add("signing certificates", certificates);
    add("SSH public keys", ssh_keys);
    add("service-specific credentials", service_credentials);
    add("MFA devices", mfa);
    add("inline policies", inline_policies);
    add("attached policies", policies);
    add("groups", groups);
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

#define AIC_LIST_INTO(var, call, field, action)                        \
  do {                                                                 \
    auto r_ = All([&](const PageRequest& p) { return ctx.iam.call; }); \
    if (!r_.ok() && r_.status().code() != ErrorCode::kUnknownUid) {    \
      return r_.status().WithContext(action);                          \
    }                                                                  \
    if (r_.ok()) {                                                     \
      for (const auto& item_ : *r_) var.push_back(field);              \
    }                                                                  \
  } while (0)

Result<Attachments> ListAttachments(Ctx& ctx, const std::string& name) {
  Attachments at;
  auto lp = ctx.iam.GetLoginProfile(name);
  if (lp.ok())
    at.login_profile = true;
  else if (lp.status().code() != ErrorCode::kUnknownUid) {
    return lp.status().WithContext("GetLoginProfile");
  }
  AIC_LIST_INTO(at.access_keys, ListAccessKeys(name, p), item_.access_key_id, "ListAccessKeys");
  AIC_LIST_INTO(at.certificates, ListSigningCertificates(name, p), item_.certificate_id,
                "ListSigningCertificates");
  AIC_LIST_INTO(at.ssh_keys, ListSSHPublicKeys(name, p), item_.ssh_public_key_id,
                "ListSSHPublicKeys");
  {
    // Some IAM implementations (moto) do not have this action: nothing of that kind exists.
    auto r = ctx.iam.ListServiceSpecificCredentials(name);
    if (r.ok()) {
      for (const auto& c : r->items) {
        at.service_credentials.push_back(c.service_specific_credential_id);
      }
    } else if (!NotImplemented(r.status()) && r.status().code() != ErrorCode::kUnknownUid) {
      return r.status().WithContext("ListServiceSpecificCredentials");
    }
  }
  AIC_LIST_INTO(at.mfa, ListMFADevices(name, p), item_.serial_number, "ListMFADevices");
  AIC_LIST_INTO(at.inline_policies, ListUserPolicies(name, p), item_, "ListUserPolicies");
  AIC_LIST_INTO(at.policies, ListAttachedUserPolicies(name, p), item_.policy_arn,
                "ListAttachedUserPolicies");
  AIC_LIST_INTO(at.groups, ListGroupsForUser(name, p), item_.group_name, "ListGroupsForUser");
  return at;
}

#undef AIC_LIST_INTO

// Removes everything attached, in SPEC 4.4's order; missing items are fine (retry-safe).
Status Cascade(Ctx& ctx, const std::string& name, const Attachments& at) {
  auto step = [](const Status& s, const std::string& action) {
    return IgnorableMissing(s) ? Status::Ok() : s.WithContext("delete cascade: " + action);
  };
  IamClient& iam = ctx.iam;
  if (at.login_profile)
    AIC_RETURN_IF_ERROR(step(iam.DeleteLoginProfile(name), "DeleteLoginProfile"));
  for (const auto& k : at.access_keys) {
    AIC_RETURN_IF_ERROR(step(iam.DeleteAccessKey(name, k), "DeleteAccessKey"));
  }
  for (const auto& c : at.certificates) {
    AIC_RETURN_IF_ERROR(step(iam.DeleteSigningCertificate(name, c), "DeleteSigningCertificate"));
  }
  for (const auto& k : at.ssh_keys) {
    AIC_RETURN_IF_ERROR(step(iam.DeleteSSHPublicKey(name, k), "DeleteSSHPublicKey"));
  }
  for (const auto& c : at.service_credentials) {
    AIC_RETURN_IF_ERROR(
        step(iam.DeleteServiceSpecificCredential(name, c), "DeleteServiceSpecificCredential"));
  }
  for (const auto& m : at.mfa) {
    AIC_RETURN_IF_ERROR(step(iam.DeactivateMFADevice(name, m), "DeactivateMFADevice"));
    if (m.rfind("arn:", 0) == 0) {  // virtual devices have an ARN serial number
      AIC_RETURN_IF_ERROR(step(iam.DeleteVirtualMFADevice(m), "DeleteVirtualMFADevice"));
    }
  }
  for (const auto& p : at.inline_policies) {
    AIC_RETURN_IF_ERROR(step(iam.DeleteUserPolicy(name, p), "DeleteUserPolicy"));
  }
  for (const auto& p : at.policies) {
    AIC_RETURN_IF_ERROR(step(iam.DetachUserPolicy(name, p), "DetachUserPolicy"));
  }
  for (const auto& g : at.groups) {
    AIC_RETURN_IF_ERROR(step(iam.RemoveUserFromGroup(g, name), "RemoveUserFromGroup"));
  }
  return Status::Ok();
}

}  // namespace

Result<json> DeleteAccount(Ctx& ctx, const std::string& user_name,
                           const std::vector<std::string>& attributes_to_get) {
  AttrSet asked = NeededAttributes(attributes_to_get, std::nullopt, {});
  asked.erase("__NAME__");
  json before = {{"_id", user_name}, {"__NAME__", user_name}};
  if (!asked.empty()) {
    auto read = ReadAccount(ctx, user_name, asked);
    if (!read.ok()) return read.status();
    before = std::move(*read);
  }
  const std::string name = StringOr(before, "__NAME__", user_name);
  Status s = ctx.iam.DeleteUser(name);
  if (s.ok() || GoneByOwnDelete(s)) return before;
  if (s.code() != ErrorCode::kConflict) return s.WithContext("DeleteUser");
  auto at = ListAttachments(ctx, name);
  if (!at.ok()) return at.status();
  if (!ctx.config.cascade_delete) {
    return Status(ErrorCode::kConflict,
                  "user " + name + " cannot be deleted while it has: " + at->Describe() +
                      " (cascadeDelete is off)",
                  s.aws().value_or(AwsErrorDetail{}));
  }
  AIC_RETURN_IF_ERROR(Cascade(ctx, name, *at));
  s = ctx.iam.DeleteUser(name);
  if (!s.ok() && !GoneByOwnDelete(s)) return s.WithContext("DeleteUser (after cascade)");
  return before;
}

// ---- __ENABLE__ ------------------------------------------------------------------------------

Status DisableAccount(Ctx& ctx, const std::string& name) {
  auto user = ctx.iam.GetUser(name);
  if (!user.ok()) return user.status().WithContext("GetUser");
  const Tag* tag = FindDisabledTag(user->tags);
  DisabledRecord record = tag ? DecodeDisabledRecord(tag->value) : DisabledRecord{};
  auto keys = All([&](const PageRequest& p) { return ctx.iam.ListAccessKeys(name, p); });
  if (!keys.ok()) return keys.status().WithContext("ListAccessKeys");
  auto lp = ctx.iam.GetLoginProfile(name);
  if (!lp.ok() && lp.status().code() != ErrorCode::kUnknownUid) {
    return lp.status().WithContext("GetLoginProfile");
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
    Status s = ctx.iam.TagUser(name, {Tag{std::string(kDisabledTagKey), value}});
    if (!s.ok()) return s.WithContext("TagUser (disable)");
  }
  for (const auto& k : to_deactivate) {
    Status s = ctx.iam.UpdateAccessKey(name, k, "Inactive");
    if (!IgnorableMissing(s)) return s.WithContext("UpdateAccessKey (disable)");
  }
  if (lp.ok()) {
    Status s = ctx.iam.DeleteLoginProfile(name);
    if (!IgnorableMissing(s)) return s.WithContext("DeleteLoginProfile (disable)");
  }
  return Status::Ok();
}

Status EnableAccount(Ctx& ctx, const std::string& name) {
  auto user = ctx.iam.GetUser(name);
  if (!user.ok()) return user.status().WithContext("GetUser");
  const Tag* tag = FindDisabledTag(user->tags);
  if (tag == nullptr) return Status::Ok();
  DisabledRecord record = DecodeDisabledRecord(tag->value);
  for (const auto& k : record.keys) {
    Status s = ctx.iam.UpdateAccessKey(name, k, "Active");
    if (!IgnorableMissing(s)) return s.WithContext("UpdateAccessKey (enable)");
  }
  // The create marker goes with the disable tag at no extra call.
  Status s =
      ctx.iam.UntagUser(name, {std::string(kDisabledTagKey), std::string(kCreateMarkerTagKey)});
  if (!s.ok()) return s.WithContext("UntagUser (enable)");
  return Status::Ok();
}

}  // namespace aic::aws_internal
