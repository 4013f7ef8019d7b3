// The SCIM attributes IAM has no field for (externalId, displayName, name, emails, the
// enterprise extension, ...) kept in IAM user tags under the reserved prefix "scim:" (SPEC 10).
//
// One tag per top-level attribute: key kScimTagPrefix + the attribute's name (extension
// attributes: "scim:enterprise:" + name). The value is the attribute's value in one of three
// forms, chosen so that any value reads back exactly as written:
//   - a string whose characters are all in AWS's tag-value set as plain ASCII (letters, digits,
//     space, _ . : / = + - @) and that does not start with "b64:" or "j64:": as it is;
//   - any other string: "b64:" + base64 of its UTF-8 bytes;
//   - anything else (objects, lists, booleans, numbers): "j64:" + base64 of its compact JSON.
// AWS's limits hold or the call is refused with 400 invalidValue naming the attribute: a value
// is at most kMaxTagValueLength (256) characters after encoding, and a user has at most
// kMaxTags (50) tags, of which kReservedConnectorTags stay free for the connector's own tags
// (aic:disabled, aic:create).
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "scim/scim_error.h"

namespace aic::scim {

inline constexpr std::string_view kScimTagPrefix = "scim:";
inline constexpr std::string_view kEnterpriseTagPrefix = "scim:enterprise:";
inline constexpr std::size_t kMaxTagValueLength = 256;
inline constexpr std::size_t kReservedConnectorTags = 2;

// True for tag keys this codec owns (the "scim:" prefix).
bool IsScimTagKey(std::string_view key);

// The tag value of one attribute value; 400 invalidValue naming `attribute` when it would not
// fit in an IAM tag value.
ScimResult<std::string> EncodeTagValue(std::string_view attribute, const nlohmann::json& value);
// The value a tag holds (a plain string when the form is not recognised: a tag someone else
// wrote by hand reads back as it is).
nlohmann::json DecodeTagValue(std::string_view tag_value);

}  // namespace aic::scim
