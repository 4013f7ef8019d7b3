// scim_filter: the filter grammar of RFC 7644 section 3.4.2.2 (Figure 1) parsed into an AST,
// and evaluated against a resource (RFC 7643 layout) of a resource type.
//
//   auto f = ParseFilter(R"(userType eq "Employee" and emails[type eq "work"])");
//   if (f.ok() && Matches(*f, user_json, UserResourceType())) ...
//
// Grammar: attrExp (attrPath "pr", attrPath compareOp compValue), logExp ("and" binds tighter
// than "or"), parentheses, "not" "(" FILTER ")", and valuePath attrPath "[" valFilter "]"
// (valFilter may not hold another valuePath: RFC 7644 erratum 4690). Operators, keywords
// ("and", "not", "true", ...) and attribute names are case-insensitive; compValue is false,
// null, true, a JSON number or a JSON string (with its escapes). Spaces between tokens may be
// one or more (space or tab), and may be left out next to parentheses and brackets.
// One extension: attrPath "[" valFilter "]" "." subAttr compareOp compValue (and "pr"), which
// Microsoft Entra ID sends (`emails[type eq "work"].value eq "x"`, its documented matching
// query); it means attrPath[valFilter and subAttr compareOp compValue].
//
// Semantics (RFC 7644 3.4.2.2):
// - Strings compare case-insensitively unless the attribute is caseExact; gt/ge/lt/le on
//   strings are lexicographic (by bytes, ASCII case folded unless caseExact).
// - dateTime attributes compare chronologically (to the second: fractions are ignored) when both
//   sides are ISO 8601, as strings otherwise; co/sw/ew compare them as strings.
// - Numbers compare numerically; booleans only with eq/ne; a compValue whose JSON type does not
//   fit the attribute's type matches nothing.
// - gt/ge/lt/le on a boolean or binary attribute: 400 invalidFilter at parse time when the
//   attribute path names a boolean or binary attribute of this service's schemas (User or
//   Group, including inside a valuePath); any other ordering on a boolean value evaluates false.
// - A multi-valued attribute matches when any of its values matches (so `ne` matches when
//   some value differs; use `not (attr eq v)` for "no value equals"). An unassigned attribute
//   has no values: every comparison on it is false, `pr` is false.
// - A complex attribute compared without a sub-attribute compares its "value" sub-attribute
//   (`emails co "@example.com"`, `members eq "id"`); one without a "value" sub-attribute
//   matches nothing. `pr` on a complex attribute: some sub-attribute has a value.
// - `pr`: present and not null, not an empty string, array or object.
// - `eq null` matches an unassigned attribute, `ne null` an assigned one (as `pr`); the other
//   operators with null match nothing.
// - An attribute path that names no attribute of the resource type (unknown attribute, unknown
//   sub-attribute, another type's extension) matches nothing; it is not an error. RFC 7644 does
//   not require an error for it (3.12's invalidFilter is about syntax and unsupported
//   comparisons), and clients probe with filters on attributes a service may lack.
//   The common attributes "schemas", "id", "externalId" and "meta.*" are attributes of every
//   type (`schemas eq "urn:...:enterprise:2.0:User"` works as in the RFC's examples).
//
// Limits: 64 levels of parentheses, "not" and value filters, and 1000 comparisons per filter
// (deeper or longer: invalidFilter), so evaluation cannot exhaust the stack.
// Errors: ParseFilter returns 400 invalidFilter whose detail names the 1-based character.
// Thread safety: a Filter is an immutable value; the functions are pure.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scim/scim_error.h"
#include "scim/scim_schema.h"

namespace aic::scim {

enum class CompareOp { kEq, kNe, kCo, kSw, kEw, kGt, kGe, kLt, kLe, kPr };
std::string_view CompareOpName(CompareOp op);

// A filter AST node. Copyable, movable, comparable.
class Filter {
 public:
  enum class Kind { kCompare, kAnd, kOr, kNot, kValuePath };

  // attr op value; for kPr the value is null.
  static Filter Compare(AttrPath attr, CompareOp op, nlohmann::json value);
  static Filter And(Filter a, Filter b);
  static Filter Or(Filter a, Filter b);
  static Filter Not(Filter f);
  // attr[inner]: inner's attribute paths name sub-attributes of attr.
  static Filter ValuePath(AttrPath attr, Filter inner);

  Kind kind() const { return kind_; }
  const AttrPath& attr() const { return attr_; }                     // kCompare, kValuePath
  CompareOp op() const { return op_; }                               // kCompare
  const nlohmann::json& value() const { return value_; }             // kCompare
  const std::vector<Filter>& children() const { return children_; }  // and/or: 2, not/[]: 1

  // A canonical text that ParseFilter reads back to an equal Filter: logical expressions in
  // parentheses, lower-case operators, compValue as JSON.
  std::string ToString() const;
  bool operator==(const Filter& other) const;

 private:
  Kind kind_ = Kind::kCompare;
  AttrPath attr_;
  CompareOp op_ = CompareOp::kPr;
  nlohmann::json value_;
  std::vector<Filter> children_;
};

// 400 invalidFilter (detail: what was expected and the 1-based character position).
ScimResult<Filter> ParseFilter(std::string_view text);

bool Matches(const Filter& filter, const nlohmann::json& resource, const ResourceTypeDef& type);

// Evaluates a valFilter (the inside of attr[...]) against one element of the complex attribute
// `parent`: attribute paths name parent's sub-attributes. Used by PATCH value paths.
bool MatchesElement(const Filter& filter, const nlohmann::json& element,
                    const AttributeDef& parent);

// The compared string when `filter` is exactly `ATTR eq "string"` and ATTR resolves
// (case-insensitively, with or without the core URN) to the attribute `attribute` names in
// `type` (e.g. "userName", "displayName", "id", "externalId"); nullopt otherwise. Used to answer
// such a filter with one IAM call.
std::optional<std::string> EqualityOn(const Filter& filter, const ResourceTypeDef& type,
                                      std::string_view attribute);

}  // namespace aic::scim
