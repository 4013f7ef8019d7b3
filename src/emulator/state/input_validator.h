// ValidateInput: AWS's model-driven input validation, run by IamBackend before any handler.
//
// Every input member of the operation is checked against its shape's constraints in the AWS
// model (input_constraints.h): required ("Member must not be null"), string length in
// characters (UTF-8 code points) and list size ("Member must have length ..."), integer range
// ("Member must have value ..."), pattern ("Member must satisfy regular expression pattern: P",
// P as the model spells it) and enum ("Member must satisfy enum value set"); list elements that
// are scalars fail as one "Member must satisfy constraint: [...]" naming every constraint of the
// element shape; structures in lists are checked member by member ("tags.1.member.key").
// Members are named as AWS names them: lower camel case, "<list>.<N>.member.<member>".
//
// All violations are reported, in AWS's order (AWS collects them in a Java HashMap keyed by
// the member path: bucket order of String.hashCode, insertion order within a bucket; see
// docs/emulator.md), as "N validation error(s) detected: V1; V2". Values are never printed
// ("Value at 'x'", as AWS answers today), so no secret reaches an error message.
//
// Not checked here, because AWS answers them from the operation itself: the pattern of
// pathType (an invalid Path gets "The specified value for path is invalid. ..."), values that
// do not parse as integers or booleans (the handlers' own messages).
//
// Thread safety: pure functions over immutable data.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aic::emulator::state {

struct InputViolation {
  std::string path;        // "userName", "tags.1.member.key"
  std::string constraint;  // "Member must have length less than or equal to 64"
  bool null = false;       // the member is missing: "Value null at ..."
};

// The violations of `params` (query parameters, "Tags.member.1.Key" form) for the operation,
// in AWS's order; empty when the input is valid or the operation is not in the models.
std::vector<InputViolation> InputViolations(std::string_view service, std::string_view action,
                                            const std::map<std::string, std::string>& params);

// AWS's ValidationError message for the violations: "1 validation error detected: Value at
// 'x' failed to satisfy constraint: ...", or nullopt when there are none.
std::optional<std::string> ValidateInput(std::string_view service, std::string_view action,
                                         const std::map<std::string, std::string>& params);

// Whether `value` (UTF-8) matches the model pattern Patterns()[pattern] as a whole. Unknown
// pattern indexes match nothing. Exposed for tests.
bool MatchesPattern(int pattern, std::string_view value);
// Whether every model pattern has a matcher (a model update may add one). Exposed for tests.
bool AllPatternsKnown();

// The number of Unicode code points of a UTF-8 string (AWS counts length in characters).
std::size_t CharacterCount(std::string_view utf8);

}  // namespace aic::emulator::state
