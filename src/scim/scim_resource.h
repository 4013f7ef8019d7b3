// scim_resource: a resource as a client writes it (POST, PUT bodies: CheckResource) and as the
// service returns it ("attributes" / "excludedAttributes": ParseAttributeList, Project).
//
// CheckResource (RFC 7644 3.3, 3.5.1):
// - The body is a JSON object (400 invalidSyntax). Attribute names are matched
//   case-insensitively and written in the schema's spelling; extension attributes go inside
//   the object under the extension's URN (a URN-qualified name at the top level,
//   "urn:...:enterprise:2.0:User:department", is accepted and moved there).
// - Values are checked as scim_value's CoerceValue does: types ("True"/"False" strings for
//   booleans become booleans), sub-attributes, nulls dropped. A wrong type: 400 invalidValue.
// - Unknown attributes and sub-attributes: 400 invalidValue naming them (this service keeps
//   only what it can store, so dropping them silently would break "what a client writes reads
//   back the same"), except those whose value is null, an empty array or an empty object,
//   which carry nothing (RFC 7643 2.5; Entra sends "roles": []).
// - readOnly attributes and sub-attributes (id, meta, groups, arn, manager.displayName, ...)
//   are dropped: RFC 7644 3.3 says they SHALL be ignored. "schemas" is ignored and rebuilt:
//   the core schema and the extensions present (clients list URNs of their own, e.g. Entra's
//   ADSCIM Group schema).
// - Required attributes (userName, displayName) must have a value: 400 invalidValue.
// - At most one value of a multi-valued attribute is primary: 400 invalidValue.
// The result is the normalised resource (writeOnly attributes such as password kept: the
// service stores them; Project never returns them).
//
// ParseAttributeList: the comma-separated attribute paths of "attributes" and
// "excludedAttributes" (spaces around names ignored, empty items skipped); 400 invalidPath for a
// malformed path.
//
// Project (RFC 7644 3.4.2.5 and 3.9):
// - "schemas" and attributes returned "always" (id) are always kept; returned "never"
//   (password) never.
// - With `attributes` non-empty: only the listed attributes (and "always" ones); a listed
//   sub-attribute ("name.givenName", "emails.value") keeps only that sub-attribute (of every
//   value); a listed extension URN keeps that whole extension; returned "request" attributes
//   only when listed. `excluded` is then ignored (the RFC makes them alternatives).
// - Otherwise: the "default" and "always" attributes minus `excluded` (a sub-attribute
//   excludes only that sub-attribute; "always" attributes cannot be excluded).
// - Paths that name no attribute of the type are ignored. Members of the resource that are not
//   attributes of the type are kept by default and dropped when `attributes` is given.
//
// Thread safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "scim/scim_error.h"
#include "scim/scim_schema.h"

namespace aic::scim {

// Checks a POST/PUT body against the resource type and returns the normalised resource.
ScimResult<nlohmann::json> CheckResource(const nlohmann::json& body, const ResourceTypeDef& type);

// "attributes"/"excludedAttributes" query values (comma-separated attribute paths).
ScimResult<std::vector<AttrPath>> ParseAttributeList(std::string_view comma_separated);

// The resource as returned, per RFC 7644 3.4.2.5 / 3.9.
nlohmann::json Project(const nlohmann::json& resource, const ResourceTypeDef& type,
                       const std::vector<AttrPath>& attributes,
                       const std::vector<AttrPath>& excluded);

}  // namespace aic::scim
