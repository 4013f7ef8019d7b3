// scim_value: attribute values as JSON, read and written through their schema definition:
// case-insensitive member lookup (RFC 7643 2.1: attribute names are case-insensitive), type
// checking with the coercions real clients need ("True"/"False" strings for booleans, a bare
// id string for a complex attribute with a "value" sub-attribute), equality under the
// attribute's caseExact rule, and emptiness (RFC 7643 2.5: unassigned, null and an empty array
// are the same state).
//
// Errors: the Coerce functions return 400 invalidValue naming the attribute path.
// Thread safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "scim/scim_error.h"
#include "scim/scim_schema.h"

namespace aic::scim {

// The member of `object` whose name equals `name` case-insensitively (an exact match first);
// nullptr when there is none or `object` is not an object.
const nlohmann::json* FindMember(const nlohmann::json& object, std::string_view name);
nlohmann::json* FindMember(nlohmann::json& object, std::string_view name);
// object[canonical] = value, after erasing the members spelled differently.
void SetMember(nlohmann::json& object, std::string_view canonical, nlohmann::json value);
// Erases every member named `name` in any case; whether one was there.
bool EraseMember(nlohmann::json& object, std::string_view name);

// null, an empty array, or an object whose members are all unassigned.
bool IsUnassigned(const nlohmann::json& v);
// The "pr" test (RFC 7644 3.4.2.2): assigned and not an empty string.
bool HasValue(const nlohmann::json& v);
// Removes the unassigned members of objects and the unassigned elements of arrays, at any
// depth (RFC 7643 2.5: they carry no state).
void DropUnassigned(nlohmann::json& v);

struct CoerceOptions {
  // Sub-attributes that are readOnly are dropped from complex values (RFC 7644 3.3: ignored)
  // rather than kept.
  bool drop_read_only_subs = true;
};
// One value of `def` (one element when `def` is multi-valued), checked and normalised: the
// JSON type the attribute's type needs ("true"/"false" strings in any case become booleans; a
// dateTime must be ISO 8601; integers must be integral), complex values with canonical
// sub-attribute names and without null members. A string given for a complex attribute that
// has a "value" sub-attribute becomes {"value": string} (Entra sends the manager's id so).
// `path` names the attribute in errors. null stays null.
ScimResult<nlohmann::json> CoerceSingle(const AttributeDef& def, const nlohmann::json& value,
                                        std::string_view path, CoerceOptions options = {});
// A whole value: for a multi-valued attribute an array (a lone value becomes an array of one),
// each element through CoerceSingle, nulls dropped; otherwise CoerceSingle.
ScimResult<nlohmann::json> CoerceValue(const AttributeDef& def, const nlohmann::json& value,
                                       std::string_view path, CoerceOptions options = {});

// Strings compared exactly or ASCII case-insensitively: <0, 0, >0.
int CompareText(std::string_view a, std::string_view b, bool case_exact);
// Two single values (elements) of `def` are the same: strings under caseExact, dateTimes
// chronologically, numbers numerically, complex values sub-attribute by sub-attribute
// (unassigned sub-attributes equal each other).
bool ValuesEqual(const AttributeDef& def, const nlohmann::json& a, const nlohmann::json& b);
// Every assigned sub-attribute of `part` equals that of `whole` (complex); ValuesEqual
// otherwise. An element "contains" the elements that describe it partly; an element with
// nothing assigned is contained in none.
bool ValueContains(const AttributeDef& def, const nlohmann::json& whole,
                   const nlohmann::json& part);

}  // namespace aic::scim
