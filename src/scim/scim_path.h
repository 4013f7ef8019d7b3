// scim_path: the "path" of a PATCH operation (RFC 7644 3.5.2, Figure 8):
//   PATH = attrPath / valuePath [subAttr]
// e.g. "userName", "name.givenName", "urn:...:enterprise:2.0:User:manager.value",
// "members[value eq \"2819c223\"]", "emails[type eq \"work\"].value", or a whole extension
// "urn:...:enterprise:2.0:User" (attr.attr empty).
//
// Errors: 400 invalidPath; for a bad value filter the detail carries the filter parser's
// complaint (positions counted from the start of the path).
// Thread safety: plain values, pure function.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "scim/scim_error.h"
#include "scim/scim_filter.h"
#include "scim/scim_schema.h"

namespace aic::scim {

struct PatchPath {
  AttrPath attr;                       // with a value filter: the multi-valued attribute
  std::optional<Filter> value_filter;  // the inside of [...]; names attr's sub-attributes
  std::string sub_attr_after_filter;   // "value" in emails[type eq "work"].value
};

// Leading and trailing ASCII whitespace is ignored.
ScimResult<PatchPath> ParsePatchPath(std::string_view text);

// The canonical text of a path.
std::string PatchPathToString(const PatchPath& path);

}  // namespace aic::scim
