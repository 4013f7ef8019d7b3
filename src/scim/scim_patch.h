// scim_patch: the PATCH operation of RFC 7644 section 3.5.2, as the RFC words it and as real
// provisioning clients (Microsoft Entra ID, Okta) send it.
//
//   auto patched = ApplyPatch(user, body, UserResourceType());
//   if (!patched.ok()) return patched.error();   // 400 with the RFC's scimType
//
// The request: "schemas" holds kPatchOpSchema and "Operations" is a non-empty array (400
// invalidSyntax otherwise). Each operation has "op" ("add", "replace" or "remove" in any case:
// Entra sends "Add", "Replace", "Remove"), an optional "path" (a null or empty path is no path)
// and "value" (required for add and replace). The operations apply in order, all or nothing.
//
// add (3.5.2.1), replace (3.5.2.3), remove (3.5.2.2):
// - Without a path, "value" is an object; each member is applied as if it were an operation
//   with that path: an attribute name, a dotted sub-attribute ("name.givenName"), a full path
//   with a URN ("urn:...:enterprise:2.0:User:department"), a value path, or an extension URN
//   whose value is an object of its attributes (Okta and Entra send all of these). "schemas"
//   members are ignored. remove without a path: 400 noTarget.
// - A single-valued attribute is set (add and replace alike). A complex attribute gets the
//   given sub-attributes; the others are left unchanged (both add and replace, as 3.5.2.3 says).
// - add to a multi-valued attribute appends each given value unless the attribute already has
//   a value that contains it (every sub-attribute the new value gives is equal; so Entra's
//   {"value": id, "$ref": null} is not added twice); a given value that contains an existing one
//   replaces it. replace of a multi-valued attribute without a filter replaces all its values.
//   A sub-attribute of a multi-valued attribute without a filter ("emails.type") applies to
//   every value.
// - Value filters: "emails[type eq \"work\"]" selects the matching values; with ".sub" the
//   operation sets or removes that sub-attribute of each; without, replace replaces each
//   matching value and add merges into it. When nothing matches, RFC 7644 says 400 noTarget;
//   but Entra ID sends exactly `replace emails[type eq "work"].value` for users without a work
//   email, so when the filter is a conjunction of `eq` comparisons (`type eq "work"`,
//   `type eq "work" and primary eq true`) a new value carrying those sub-attribute values and
//   the given one is appended instead, as real service providers do (add and replace alike).
//   Any other filter matching nothing: 400 noTarget. remove with a filter matching nothing does
//   nothing (removal is idempotent).
// - remove of a multi-valued attribute with a "value" (Entra: {"op":"Remove","path":"members",
//   "value":[{"value":"id"}]}) removes the values that contain a given one.
// - replace with a null value unassigns the target; add with null does nothing.
//
// Values: checked against the schema (400 invalidValue for a wrong type or an unknown
// sub-attribute); "True"/"False" strings in any case for booleans become JSON booleans (Entra
// sends "value": "False" for active); a string given for a complex attribute with a "value"
// sub-attribute (Entra's manager id) becomes {"value": string} and replaces the whole value (the
// old $ref and displayName were the old manager's); readOnly sub-attributes inside
// a complex value of a writable attribute are ignored (as RFC 7644 3.3 does for POST). Attribute
// names are case-insensitive; the result uses the schema's spelling.
//
// Mutability: an operation on a readOnly attribute (id, meta, groups, arn, ...) or one that
// targets a readOnly sub-attribute, and that would change the value: 400 mutability; one that
// leaves it as it is is accepted (Okta and Entra rename a group with
// {"op":"replace","value":{"id": <its id>, "displayName": ...}}). An immutable attribute or
// sub-attribute (members.value) may be set when unassigned, never changed or removed: 400
// mutability. Unknown attributes and malformed paths: 400 invalidPath.
//
// primary (RFC 7643 2.4): when an operation makes a value primary, the attribute's other
// values get "primary": false; an operation giving "primary": true to two values: 400
// invalidValue.
//
// The result: the resource with the changes, without null or empty values (RFC 7643 2.5), its
// "schemas" the core schema and the extensions it has values for. A result without a required
// attribute (userName, displayName) that the resource had: 400 invalidValue (removing one and
// adding it back in the same request is fine).
//
// Thread safety: a pure function.
#pragma once

#include <nlohmann/json.hpp>

#include "scim/scim_error.h"
#include "scim/scim_schema.h"

namespace aic::scim {

// Applies the PatchOp request body to `resource` (a full resource in the RFC 7643 layout) and
// returns the new resource.
ScimResult<nlohmann::json> ApplyPatch(const nlohmann::json& resource, const nlohmann::json& request,
                                      const ResourceTypeDef& type);

}  // namespace aic::scim
