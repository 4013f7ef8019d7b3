// Helpers shared by the identity provider, server certificate, account alias and MFA device
// actions: AWS's length/pattern validation messages, TagKeys lists, an ARN parameter, and the
// paged Tags answer of the List*Tags actions.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "common/text_codec.h"
#include "emulator/state/action_context.h"

namespace aic::emulator::state {

// arnType in the model: 20..2048 characters.
inline constexpr std::size_t kMinArnLength = 20;
inline constexpr std::size_t kMaxArnLength = 2048;
// tagKeyListType: at most 50 keys.
inline constexpr std::size_t kMaxTagKeysPerRequest = 50;

// "host[/path]" of an OIDC provider's https:// URL (its ARN is oidc-provider/host[/path]), or ""
// when the URL is not one AWS accepts (identity_provider_actions.cc).
std::string OidcResource(std::string_view url);

// ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$ (account_alias_actions.cc).
bool ValidAccountAlias(std::string_view alias);

// "someMember" from "SomeMember", as AWS names members in validation messages.
inline std::string ValidationMember(std::string_view param) {
  std::string s(param);
  if (!s.empty()) s[0] = text::AsciiLower(s[0]);
  return s;
}

// "N validation error(s) detected: a; b" from the failed constraints, in order.
inline Status ValidationErrors(const std::vector<std::string>& failures) {
  std::string m =
      std::to_string(failures.size()) +
      (failures.size() == 1 ? " validation error detected: " : " validation errors detected: ");
  for (std::size_t i = 0; i < failures.size(); ++i) {
    if (i > 0) m += "; ";
    m += failures[i];
  }
  return ValidationError(std::move(m));
}

// The constraint text for a length outside [min, max], "" when inside. `value` is shown only
// when `show_value` (never for documents, certificates or keys).
inline std::string LengthFailure(std::string_view param, std::string_view value, std::size_t min,
                                 std::size_t max, bool show_value) {
  if (value.size() >= min && value.size() <= max) return {};
  std::string head = show_value ? "Value '" + std::string(value) + "' at '" : "Value at '";
  head += ValidationMember(param) + "' failed to satisfy constraint: Member must have length ";
  if (value.size() < min) return head + "greater than or equal to " + std::to_string(min);
  return head + "less than or equal to " + std::to_string(max);
}

inline Status CheckLength(std::string_view param, std::string_view value, std::size_t min,
                          std::size_t max, bool show_value) {
  std::string f = LengthFailure(param, value, min, max, show_value);
  if (f.empty()) return Status::Ok();
  return ValidationErrors({f});
}

inline Status PatternError(std::string_view param, std::string_view value,
                           std::string_view pattern) {
  return ValidationErrors({"Value '" + std::string(value) + "' at '" + ValidationMember(param) +
                           "' failed to satisfy constraint: Member must satisfy regular "
                           "expression pattern: " +
                           std::string(pattern)});
}

// A required ARN parameter (arnType: 20..2048 characters).
inline Result<std::string> RequiredArn(const Ctx& ctx, std::string_view param) {
  EMU_ASSIGN(arn, Required(ctx, param));
  AIC_RETURN_IF_ERROR(CheckLength(param, arn, kMinArnLength, kMaxArnLength, true));
  return arn;
}

// TagKeys.member.N: at most 50 keys of 1..128 characters.
inline Result<std::vector<std::string>> TagKeysParam(const Ctx& ctx) {
  std::vector<std::string> keys = MemberList(ctx, "TagKeys");
  if (keys.size() > kMaxTagKeysPerRequest) {
    return ValidationErrors(
        {"Value at 'tagKeys' failed to satisfy constraint: Member must have "
         "length less than or equal to " +
         std::to_string(kMaxTagKeysPerRequest)});
  }
  for (const auto& k : keys) {
    if (k.empty() || k.size() > kMaxTagKeyLength) {
      return ValidationErrors(
          {"Value at 'tagKeys' failed to satisfy constraint: Member must "
           "satisfy constraint: [Member must have length less than or equal "
           "to 128, Member must have length greater than or equal to 1]"});
    }
  }
  return keys;
}

// Removes the tags whose key (case-insensitively) is one of `keys`.
inline void RemoveTags(std::vector<Tag>& tags, const std::vector<std::string>& keys) {
  std::erase_if(tags, [&](const Tag& t) {
    return std::any_of(keys.begin(), keys.end(),
                       [&](const std::string& k) { return text::EqualsIgnoreCase(k, t.key); });
  });
}

}  // namespace aic::emulator::state
