// SCIM Group <-> the connector's __GROUP__ object (SPEC 10). No I/O.
//
//   id = GroupId; displayName = __NAME__ (GroupName); members = members + memberIds
//   (value = UserId, display = UserName, type "User"); the aws group extension: path = Path,
//   arn = Arn; meta.created = meta.lastModified = CreatedDate (IAM groups carry no tags, so
//   nothing records a later change), meta.version = a weak ETag of the rest.
// IAM groups cannot be tagged: externalId is accepted on input and not kept (docs/scim.md).
//
// Thread safety: pure functions.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scim/scim_error.h"

namespace aic::scim {

// The connector attributes a group read asks for (members only when they are returned).
std::vector<std::string> GroupFieldsFor(bool members);

nlohmann::json GroupToScimGroup(const nlohmann::json& group, std::string_view base_url);

// The user ids of a SCIM Group's members (values of type User, or of no type).
std::vector<std::string> MemberIdsOf(const nlohmann::json& scim_group);

// The connector attributes that make `current` (null for a create) into `wanted`, given the
// user names of wanted's members (`member_names`, resolved by the caller from the ids).
nlohmann::json ScimGroupToGroupChange(const nlohmann::json& current, const nlohmann::json& wanted,
                                      const std::vector<std::string>& member_names);

}  // namespace aic::scim
