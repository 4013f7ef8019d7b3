// SCIM User <-> the connector's __ACCOUNT__ object (SPEC 10): which connector attribute holds
// each SCIM attribute, in both directions. No I/O.
//
//   id = UserId; userName = __NAME__; active = __ENABLE__; password = __PASSWORD__ (write-only);
//   groups = groups + groupIds (read-only; value = GroupId, display = GroupName);
//   entitlements = policies (value = policy ARN);
//   the aws extension: path = Path, arn = Arn, permissionsBoundary = PermissionsBoundary,
//   tags = Tags without the "scim:" ones, passwordResetRequired = PasswordResetRequired,
//   passwordLastUsed = PasswordLastUsed;
//   every other attribute (externalId, displayName, name, nickName, title, userType,
//   preferredLanguage, locale, timezone, emails, phoneNumbers, addresses, the enterprise
//   extension) = one "scim:" tag each (scim_tag_codec.h);
//   meta.created = CreatedDate, meta.lastModified = the "scim:lastModified" tag (CreatedDate
//   before any SCIM change), meta.version = a weak ETag of the rest of the resource.
//
// Thread safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "scim/scim_error.h"

namespace aic::scim {

// What a request asks beyond what GetUser / ListUsers+GAAD give (each costs IAM calls).
struct UserReadNeeds {
  bool groups = false;                   // ListGroupsForUser per user
  bool entitlements = false;             // ListAttachedUserPolicies per user
  bool password_reset_required = false;  // GetLoginProfile per user
};

// The connector attributes (`_fields`) a read with `needs` asks for.
std::vector<std::string> AccountFieldsFor(const UserReadNeeds& needs);

// The SCIM User resource of a connector account; `base_url` is ".../scim/v2/NAME".
nlohmann::json AccountToScimUser(const nlohmann::json& account, std::string_view base_url);

// The connector attributes that make `current` (a SCIM User as AccountToScimUser made it, or
// null for a create) into `wanted` (a checked SCIM User): only what differs, so an update costs
// only the calls of its changes. `now` is the ISO 8601 time recorded as meta.lastModified when
// anything changes. 400 invalidValue when the tags would exceed AWS's limits.
ScimResult<nlohmann::json> ScimUserToAccountChange(const nlohmann::json& current,
                                                   const nlohmann::json& wanted,
                                                   std::string_view now);

// meta.version of a resource: W/"..." over everything but meta.
std::string WeakEtagOf(const nlohmann::json& resource);

}  // namespace aic::scim
