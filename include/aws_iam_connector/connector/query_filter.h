// CREST query filters (`_queryFilter`, SPEC 4.6): parse, render and evaluate.
//
// Grammar (keywords and operators are case-insensitive, as in CREST):
//   filter     := or
//   or         := and ('or' and)*
//   and        := not ('and' not)*
//   not        := ('!' | 'not') not | primary     (`not` only before '(' or '!'; CREST has '!')
//   primary    := '(' filter ')' | 'true' | 'false' | field 'pr' | field OP value
//   OP         := eq | co | sw | gt | ge | lt | le
//   field      := a JSON-pointer-like path, with or without a leading '/', e.g. `/Tags/Key`
//                 or `__NAME__`; `~1` and `~0` escape '/' and '~'; stops at blank, '(' or ')'
//   value      := a JSON string in double or single quotes (escapes \" \' \\ \/ \b \f \n \r \t
//                 \uXXXX with surrogate pairs), a JSON number, `true` or `false`
// Strings and fields must be valid UTF-8. Precedence: or < and < not. Input is bounded: at most
// kMaxFilterLength bytes and kMaxFilterDepth levels of nesting (parentheses and negations).
//
// Evaluation over a JSON object: a path that crosses arrays yields every element's value
// (`/Tags/Key` yields every tag key), and a multi-valued attribute matches if any element
// matches. Missing fields make comparisons false (so `!(x eq 1)` matches objects without x).
// `eq`: same kind and equal (numbers numerically). `co`/`sw`: strings only. `gt`/`ge`/`lt`/`le`:
// strings (byte-wise; ISO 8601 dates order correctly) or numbers. `pr`: present, not null, not an
// empty list. String comparisons are case-sensitive, except on fields that the caller marks
// case-insensitive (the schema marks IAM names: `__NAME__`, `_id` of users and groups, `groups`,
// `members`), because IAM names are unique regardless of case and GetUser finds them so; this
// keeps the GetUser fast path and the in-memory evaluation in agreement. (OpenIDM's own JSON
// evaluator is case-sensitive; ConnId leaves the choice to the connector.)
//
// Errors: ParseQueryFilter returns kInvalidInput with the message
// "bad filter at position N: ..." where N is the 0-based byte offset of the problem.
// Thread safety: QueryFilter is an immutable value after parsing; functions are pure.
#pragma once

#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "aws_iam_connector/status.h"

namespace aic::connector {

inline constexpr std::size_t kMaxFilterLength = 8192;
inline constexpr std::size_t kMaxFilterDepth = 32;

// A field path: the segments of `/Tags/Key` are {"Tags", "Key"}.
using FieldPath = std::vector<std::string>;

// Renders a path as a JSON pointer ("/Tags/Key"), escaping '~' and '/'.
std::string FieldPathToString(const FieldPath& path);
// Parses a `_fields`/`_sortKeys`/PATCH field: with or without leading '/'; empty segments are
// refused (kInvalidInput).
Result<FieldPath> ParseFieldPath(std::string_view text);

class QueryFilter {
 public:
  enum class Kind { kTrue, kFalse, kAnd, kOr, kNot, kEq, kCo, kSw, kGt, kGe, kLt, kLe, kPr };

  static QueryFilter True() { return QueryFilter(Kind::kTrue); }
  static QueryFilter False() { return QueryFilter(Kind::kFalse); }
  static QueryFilter And(std::vector<QueryFilter> children);
  static QueryFilter Or(std::vector<QueryFilter> children);
  static QueryFilter Not(QueryFilter child);
  static QueryFilter Compare(Kind op, FieldPath field, nlohmann::json value);
  static QueryFilter Present(FieldPath field);

  Kind kind() const { return kind_; }
  const std::vector<QueryFilter>& children() const { return children_; }
  const FieldPath& field() const { return field_; }
  const nlohmann::json& value() const { return value_; }
  bool is_comparison() const;

  // Canonical text: `(a and b)`, `!(x)`, `/Path sw "/a/"`; parses back to an equal filter.
  std::string ToString() const;

  // Returns a copy whose fields went through `rename` (e.g. alias folding of the first segment).
  QueryFilter MapFields(const std::function<FieldPath(const FieldPath&)>& rename) const;

  friend bool operator==(const QueryFilter& a, const QueryFilter& b);

 private:
  explicit QueryFilter(Kind kind) : kind_(kind) {}

  Kind kind_;
  std::vector<QueryFilter> children_;
  FieldPath field_;
  nlohmann::json value_;
};

// The operator keyword of a comparison kind ("eq", ...), or "" for logical kinds.
std::string_view FilterOperatorName(QueryFilter::Kind kind);

Result<QueryFilter> ParseQueryFilter(std::string_view text);

// Options of Matches: which fields compare strings without case.
struct MatchOptions {
  std::function<bool(const FieldPath&)> case_insensitive;  // may be empty: all case-sensitive
};

bool Matches(const QueryFilter& filter, const nlohmann::json& object,
             const MatchOptions& options = {});

// Every value the path reaches in `object` (fanning out over arrays; a final array is
// flattened into its elements).
std::vector<const nlohmann::json*> ResolveField(const nlohmann::json& object,
                                                const FieldPath& path);

}  // namespace aic::connector
