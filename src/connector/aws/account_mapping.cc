// Mapping between IAM shapes and connector objects, and the password policy check.
#include <algorithm>
#include <cctype>

#include "aws_iam_connector/json_text.h"
#include "common/text_codec.h"
#include "connector/aws/aws_internal.h"

namespace aic::aws_internal {

// ---- Password policy -------------------------------------------------------------------------

PasswordPolicy DefaultAwsPasswordPolicy() {
  PasswordPolicy p;
  p.minimum_password_length = 8;
  return p;  // the "three of four classes" rule is applied when no class is required
}

std::optional<PasswordPolicy> PasswordPolicyCache::Fresh() {
  std::lock_guard<std::mutex> lock(mu_);
  if (policy_ && std::chrono::steady_clock::now() - fetched_ < kPasswordPolicyCacheTtl) {
    return policy_;
  }
  return std::nullopt;
}

void PasswordPolicyCache::Store(const PasswordPolicy& policy) {
  std::lock_guard<std::mutex> lock(mu_);
  policy_ = policy;
  fetched_ = std::chrono::steady_clock::now();
}

Task<Result<PasswordPolicy>> PasswordPolicyCache::Get(IamClient& iam) {
  if (std::optional<PasswordPolicy> cached = Fresh()) co_return *cached;
  auto fetched = co_await iam.GetAccountPasswordPolicy();
  PasswordPolicy policy;
  if (fetched.ok()) {
    policy = *fetched;
  } else if (fetched.status().code() == ErrorCode::kUnknownUid) {
    policy = DefaultAwsPasswordPolicy();
  } else {
    co_return fetched.status().WithContext("GetAccountPasswordPolicy");
  }
  Store(policy);
  co_return policy;
}

Status CheckPassword(const PasswordPolicy& policy, const SecretString& password) {
  std::string_view pw = password.Reveal();
  bool upper = false, lower = false, digit = false, symbol = false;
  for (unsigned char c : pw) {
    if (std::isupper(c))
      upper = true;
    else if (std::islower(c))
      lower = true;
    else if (std::isdigit(c))
      digit = true;
    else
      symbol = true;
  }
  std::vector<std::string> unmet;
  const int min_length = policy.minimum_password_length.value_or(6);
  if (static_cast<int>(pw.size()) < min_length) {
    unmet.push_back("at least " + std::to_string(min_length) + " characters");
  }
  if (pw.size() > connector::kMaxPasswordLength) unmet.push_back("at most 128 characters");
  const bool any_class_rule = policy.require_uppercase_characters.has_value() ||
                              policy.require_lowercase_characters.has_value() ||
                              policy.require_numbers.has_value() ||
                              policy.require_symbols.has_value();
  if (any_class_rule) {
    if (policy.require_uppercase_characters.value_or(false) && !upper) {
      unmet.push_back("an uppercase letter");
    }
    if (policy.require_lowercase_characters.value_or(false) && !lower) {
      unmet.push_back("a lowercase letter");
    }
    if (policy.require_numbers.value_or(false) && !digit) unmet.push_back("a number");
    if (policy.require_symbols.value_or(false) && !symbol) unmet.push_back("a symbol");
  } else if (upper + lower + digit + symbol < 3) {
    unmet.push_back("three of: uppercase, lowercase, numbers, symbols (AWS default policy)");
  }
  if (unmet.empty()) return Status::Ok();
  std::string message = "password does not meet the account password policy: needs ";
  for (std::size_t i = 0; i < unmet.size(); ++i) {
    if (i > 0) message += ", ";
    message += unmet[i];
  }
  return Status(ErrorCode::kPasswordPolicyViolation, message);
}

// ---- Disabled record -------------------------------------------------------------------------

// "j64:" + base64 of the JSON: AWS's tag values allow only letters, digits, spaces and
// _ . : / = + - @ (the model's tagValueType pattern), which base64 stays within. A record
// written as plain JSON by an older version still reads back.
constexpr std::string_view kDisabledRecordPrefix = "j64:";

std::string EncodeDisabledRecord(const DisabledRecord& record) {
  return std::string(kDisabledRecordPrefix) +
         text::Base64Encode(json{{"k", record.keys}, {"c", record.console}}.dump());
}

DisabledRecord DecodeDisabledRecord(std::string_view value) {
  DisabledRecord record;
  std::optional<std::string> decoded;
  if (value.starts_with(kDisabledRecordPrefix)) {
    decoded = text::Base64Decode(value.substr(kDisabledRecordPrefix.size()));
    if (!decoded) return record;
    value = *decoded;
  }
  auto parsed = ParseJson(value);
  if (!parsed.ok() || !parsed->is_object()) return record;
  const json& j = *parsed;  // a hand-made tag: disabled, nothing to restore
  if (auto it = j.find("k"); it != j.end() && it->is_array()) {
    for (const auto& k : *it) {
      if (k.is_string()) record.keys.push_back(k.get<std::string>());
    }
  }
  if (auto it = j.find("c"); it != j.end() && it->is_boolean()) record.console = it->get<bool>();
  return record;
}

const Tag* FindDisabledTag(const std::vector<Tag>& tags) {
  for (const auto& t : tags) {
    if (t.key == kDisabledTagKey) return &t;
  }
  return nullptr;
}

void SetTagsAndEnable(json& object, const std::vector<Tag>& tags) {
  json out = json::array();
  for (const auto& t : tags) {
    if (IsReservedTagKey(t.key)) continue;
    out.push_back({{"Key", t.key}, {"Value", t.value}});
  }
  object["Tags"] = std::move(out);
  object["__ENABLE__"] = FindDisabledTag(tags) == nullptr;
}

std::vector<Tag> TagsFromJson(const json& tags) {
  std::vector<Tag> out;
  if (!tags.is_array()) return out;
  for (const auto& t : tags) {
    if (!t.is_object()) continue;
    Tag tag;
    tag.key = t.value("Key", "");
    tag.value = t.value("Value", "");
    out.push_back(std::move(tag));
  }
  return out;
}

// ---- Objects ---------------------------------------------------------------------------------

namespace {

void SetIfNotEmpty(json& object, const char* name, const std::string& value) {
  if (!value.empty()) object[name] = value;
}

json PolicyArns(const std::vector<AttachedPolicy>& policies) {
  json out = json::array();
  for (const auto& p : policies) out.push_back(p.policy_arn);
  return out;
}

json InlineNames(const std::vector<InlinePolicy>& policies) {
  json out = json::array();
  for (const auto& p : policies) out.push_back(p.policy_name);
  return out;
}

}  // namespace

// The attributes User (GetUser/ListUsers) and UserDetail (GAAD) share.
template <class U>
json UserBaseToJson(const U& user) {
  json o = json::object();
  o["_id"] = user.user_name;
  o["__NAME__"] = user.user_name;
  o["UserId"] = user.user_id;
  o["Arn"] = user.arn;
  o["Path"] = user.path.empty() ? "/" : user.path;
  SetIfNotEmpty(o, "CreatedDate", user.create_date);
  SetIfNotEmpty(o, "PermissionsBoundary", user.permissions_boundary.arn);
  return o;
}

json UserNameToJson(const User& user) {
  json o = json::object();
  o["_id"] = user.user_name;
  o["__NAME__"] = user.user_name;
  return o;
}

json UserToJson(const User& user) {
  json o = UserBaseToJson(user);
  SetIfNotEmpty(o, "PasswordLastUsed", user.password_last_used);
  return o;
}

json UserDetailToJson(const UserDetail& user) {
  json o = UserBaseToJson(user);
  SetTagsAndEnable(o, user.tags);
  json groups = json::array();
  for (const auto& g : user.group_list) groups.push_back(g);
  o["groups"] = std::move(groups);
  o["policies"] = PolicyArns(user.attached_managed_policies);
  o["inlinePolicies"] = InlineNames(user.user_policy_list);
  return o;
}

// The attributes Group (ListGroups/GetGroup) and GroupDetail (GAAD) share.
template <class G>
json GroupBaseToJson(const G& group) {
  json o = json::object();
  o["_id"] = group.group_name;
  o["__NAME__"] = group.group_name;
  o["GroupId"] = group.group_id;
  o["Arn"] = group.arn;
  o["Path"] = group.path.empty() ? "/" : group.path;
  SetIfNotEmpty(o, "CreatedDate", group.create_date);
  return o;
}

json GroupToJson(const Group& group) { return GroupBaseToJson(group); }

json GroupDetailToJson(const GroupDetail& group) {
  json o = GroupBaseToJson(group);
  o["policies"] = PolicyArns(group.attached_managed_policies);
  o["inlinePolicies"] = InlineNames(group.group_policy_list);
  return o;
}

json PolicyToJson(const ManagedPolicy& policy) {
  json o = json::object();
  o["_id"] = policy.arn;
  o["__NAME__"] = policy.policy_name;
  o["PolicyId"] = policy.policy_id;
  o["Arn"] = policy.arn;
  o["Path"] = policy.path.empty() ? "/" : policy.path;
  SetIfNotEmpty(o, "Description", policy.description);
  SetIfNotEmpty(o, "DefaultVersionId", policy.default_version_id);
  o["AttachmentCount"] = policy.attachment_count;
  o["PermissionsBoundaryUsageCount"] = policy.permissions_boundary_usage_count;
  o["IsAttachable"] = policy.is_attachable;
  SetIfNotEmpty(o, "CreatedDate", policy.create_date);
  SetIfNotEmpty(o, "UpdatedDate", policy.update_date);
  o["Scope"] = policy.arn.find(":iam::aws:policy/") != std::string::npos ? "AWS" : "Local";
  return o;
}

std::string ArnFor(const std::string& old_arn, std::string_view type, const std::string& path,
                   const std::string& name) {
  const std::string marker = ":" + std::string(type) + "/";
  auto pos = old_arn.find(marker);
  if (pos == std::string::npos) return old_arn;
  return old_arn.substr(0, pos + marker.size() - 1) + (path.empty() ? "/" : path) + name;
}

Status AsAttributeError(const Status& status, std::string_view what) {
  if (status.code() != ErrorCode::kUnknownUid && status.code() != ErrorCode::kInvalidInput) {
    return status.WithContext(what);
  }
  std::string message = std::string(what) + ": " + status.message();
  if (status.aws()) return Status(ErrorCode::kInvalidAttributeValue, message, *status.aws());
  return Status(ErrorCode::kInvalidAttributeValue, message);
}

// ---- Attribute planning ----------------------------------------------------------------------

bool NeedsGaad(const AttrSet& needed) {
  for (const char* a : {"PermissionsBoundary", "Tags", "__ENABLE__", "groups", "groupIds",
                        "policies", "inlinePolicies"}) {
    if (needed.count(a) != 0) return true;
  }
  return false;
}

bool NeedsPerUser(const AttrSet& needed) {
  return needed.count("PasswordResetRequired") != 0 || needed.count("accessKeys") != 0 ||
         needed.count("mfaDevices") != 0;
}

namespace {

void CollectFilterFields(const connector::QueryFilter& filter, AttrSet& out) {
  if (filter.is_comparison() || filter.kind() == connector::QueryFilter::Kind::kPr) {
    if (!filter.field().empty()) out.insert(filter.field().front());
  }
  for (const auto& c : filter.children()) CollectFilterFields(c, out);
}

}  // namespace

AttrSet NeededAttributes(const std::vector<std::string>& attributes,
                         const std::optional<connector::QueryFilter>& filter,
                         const std::vector<connector::SortKey>& sort_keys) {
  AttrSet out(attributes.begin(), attributes.end());
  if (filter) CollectFilterFields(*filter, out);
  for (const auto& k : sort_keys) {
    if (!k.field.empty()) out.insert(k.field.front());
  }
  out.erase("_id");
  return out;
}

}  // namespace aic::aws_internal
