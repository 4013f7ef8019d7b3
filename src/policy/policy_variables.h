// Policy variables (reference_policies_variables.html): "${aws:username}" in Resource /
// NotResource values and in condition values is replaced by the request's value of that key when
// the policy's Version is "2012-10-17" (with "2008-10-17" or no Version the text is literal).
//
//  - ${*}, ${?}, ${$}: the literal characters '*', '?', '$' (they never act as wildcards);
//  - ${key, 'default'}: the default when the request has no value for key;
//  - key names are case-insensitive (looked up lower-cased);
//  - a key the request does not carry (and no default), or a multi-valued key (not exactly one
//    value: "You can't use multivalued context keys as policy variables"), makes the element
//    unresolvable: that Resource element or condition value does not match;
//  - substituted values are literal text: a '*' in a user name does not become a wildcard.
// Action values never hold variables (the caller does not parse them as templates).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "policy/policy_engine.h"

namespace aic::policy::internal {

struct TemplatePart {
  enum class Kind { kText, kLiteral, kVariable };
  Kind kind = Kind::kText;
  std::string text;  // kText: the text (its '*'/'?' are wildcards); kLiteral: the character;
                     // kVariable: the key, lower-cased
  bool has_default = false;
  std::string default_value;
};

// One value as written, split into parts when it holds variables.
struct ValueTemplate {
  std::string text;                 // the value as written
  std::vector<TemplatePart> parts;  // empty: no variable (use `text` as is)
  bool has_variables() const { return !parts.empty(); }
};

// `variables_enabled`: the document's Version is 2012-10-17.
ValueTemplate ParseTemplate(std::string_view text, bool variables_enabled);

// Keys a template needs that the request lacked, lower-cased; the views point into the parsed
// policy and live as long as it does.
using MissingKeys = std::vector<std::string_view>;

// Writes the substituted text to `out` and, per character, whether it is literal (1: from a
// variable, a default or ${*}/${?}/${$}; 0: the document's own text) to `literal`. False when a
// variable cannot be resolved (its key is appended to `missing` when the request lacks it).
bool ExpandTemplate(const ValueTemplate& tmpl, const RequestContext& request, std::string& out,
                    std::string& literal, MissingKeys* missing);

// The lower-cased keys of the template's variables, appended to `keys`.
void TemplateKeys(const ValueTemplate& tmpl, std::vector<std::string>& keys);

}  // namespace aic::policy::internal
