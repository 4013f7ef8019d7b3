#include "policy/condition_operators.h"

#include <array>

#include "policy/wildcard.h"

namespace aic::policy::internal {
namespace {

struct NamedOperator {
  std::string_view name;  // lower-case, without prefix and IfExists
  OpFamily family;
  Comparison cmp;
  bool negated;
};

constexpr std::array<NamedOperator, 27> kOperators = {{
    {"stringequals", OpFamily::kString, Comparison::kEq, false},
    {"stringnotequals", OpFamily::kString, Comparison::kEq, true},
    {"stringequalsignorecase", OpFamily::kStringIgnoreCase, Comparison::kEq, false},
    {"stringnotequalsignorecase", OpFamily::kStringIgnoreCase, Comparison::kEq, true},
    {"stringlike", OpFamily::kStringLike, Comparison::kEq, false},
    {"stringnotlike", OpFamily::kStringLike, Comparison::kEq, true},
    {"numericequals", OpFamily::kNumeric, Comparison::kEq, false},
    {"numericnotequals", OpFamily::kNumeric, Comparison::kEq, true},
    {"numericlessthan", OpFamily::kNumeric, Comparison::kLt, false},
    {"numericlessthanequals", OpFamily::kNumeric, Comparison::kLe, false},
    {"numericgreaterthan", OpFamily::kNumeric, Comparison::kGt, false},
    {"numericgreaterthanequals", OpFamily::kNumeric, Comparison::kGe, false},
    {"dateequals", OpFamily::kDate, Comparison::kEq, false},
    {"datenotequals", OpFamily::kDate, Comparison::kEq, true},
    {"datelessthan", OpFamily::kDate, Comparison::kLt, false},
    {"datelessthanequals", OpFamily::kDate, Comparison::kLe, false},
    {"dategreaterthan", OpFamily::kDate, Comparison::kGt, false},
    {"dategreaterthanequals", OpFamily::kDate, Comparison::kGe, false},
    {"bool", OpFamily::kBool, Comparison::kEq, false},
    {"binaryequals", OpFamily::kBinary, Comparison::kEq, false},
    {"ipaddress", OpFamily::kIp, Comparison::kEq, false},
    {"notipaddress", OpFamily::kIp, Comparison::kEq, true},
    {"arnequals", OpFamily::kArn, Comparison::kEq, false},
    {"arnlike", OpFamily::kArn, Comparison::kEq, false},
    {"arnnotequals", OpFamily::kArn, Comparison::kEq, true},
    {"arnnotlike", OpFamily::kArn, Comparison::kEq, true},
    {"null", OpFamily::kNull, Comparison::kEq, false},
}};

using text::EqualsIgnoreCase;
std::string Lower(std::string_view s) { return text::AsciiLower(s); }

bool Compare(double request, double policy, Comparison cmp) {
  switch (cmp) {
    case Comparison::kEq:
      return request == policy;
    case Comparison::kLt:
      return request < policy;
    case Comparison::kLe:
      return request <= policy;
    case Comparison::kGt:
      return request > policy;
    case Comparison::kGe:
      return request >= policy;
  }
  return false;
}

// Splits an ARN into its six components (the last keeps its colons). False for fewer.
bool SplitArn(std::string_view arn, std::array<std::size_t, 7>& bounds) {
  bounds[0] = 0;
  std::size_t pos = 0;
  for (int i = 1; i <= 5; ++i) {
    const std::size_t colon = arn.find(':', pos);
    if (colon == std::string_view::npos) return false;
    bounds[i] = colon + 1;
    pos = colon + 1;
  }
  bounds[6] = arn.size() + 1;
  return true;
}

bool ArnMatch(std::string_view pattern, std::string_view literal, std::string_view value) {
  std::array<std::size_t, 7> pb{};
  std::array<std::size_t, 7> vb{};
  if (!SplitArn(value, vb)) return false;
  if (!SplitArn(pattern, pb)) {
    // Not six components: only a pattern without any colon ("*") is matched against the whole.
    return pattern.find(':') == std::string_view::npos &&
           MaskedWildcardMatch(pattern, literal, value);
  }
  for (int i = 0; i < 6; ++i) {
    const std::size_t pl = pb[i + 1] - 1 - pb[i];
    const std::string_view p = pattern.substr(pb[i], pl);
    const std::string_view l = literal.empty() ? literal : literal.substr(pb[i], pl);
    if (!MaskedWildcardMatch(p, l, value.substr(vb[i], vb[i + 1] - 1 - vb[i]))) return false;
  }
  return true;
}

// A request value read once for the operator's type.
struct TypedRequestValue {
  std::string_view text;
  std::optional<double> number;
  std::optional<IpRange> ip;
};

TypedRequestValue ReadRequestValue(OpFamily family, std::string_view text) {
  TypedRequestValue v;
  v.text = text;
  if (family == OpFamily::kNumeric) v.number = ParseNumber(text);
  if (family == OpFamily::kDate) v.number = ParseDate(text);
  if (family == OpFamily::kIp) v.ip = ParseIpRange(text);
  return v;
}

// Whether one policy value matches one request value (the positive sense of the operator).
bool MatchValue(const OperatorSpec& spec, const ConditionValue& pv, const TypedRequestValue& rv,
                const RequestContext& request, ConditionScratch& scratch, MissingKeys* missing) {
  std::string_view text = pv.tmpl.text;
  std::string_view literal;
  const bool expanded = pv.tmpl.has_variables();
  if (expanded) {
    if (!ExpandTemplate(pv.tmpl, request, scratch.text, scratch.literal, missing)) return false;
    text = scratch.text;
    literal = scratch.literal;
  }
  switch (spec.family) {
    case OpFamily::kString:
    case OpFamily::kBinary:
      return text == rv.text;
    case OpFamily::kStringIgnoreCase:
    case OpFamily::kBool:
      return EqualsIgnoreCase(text, rv.text);
    case OpFamily::kStringLike:
      return MaskedWildcardMatch(text, literal, rv.text);
    case OpFamily::kNumeric:
    case OpFamily::kDate: {
      if (!rv.number) return false;
      std::optional<double> p = pv.number;
      if (expanded) p = spec.family == OpFamily::kNumeric ? ParseNumber(text) : ParseDate(text);
      return p && Compare(*rv.number, *p, spec.cmp);
    }
    case OpFamily::kIp: {
      if (!rv.ip) return false;
      std::optional<IpRange> p = pv.ip;
      if (expanded) p = ParseIpRange(text);
      return p && IpInRange(*p, *rv.ip);
    }
    case OpFamily::kArn:
      return ArnMatch(text, literal, rv.text);
    case OpFamily::kNull:
      return false;
  }
  return false;
}

// Whether any policy value matches the request value.
bool AnyValueMatches(const ConditionClause& clause, const OperatorSpec& spec,
                     std::string_view request_value, const RequestContext& request,
                     ConditionScratch& scratch, MissingKeys* missing) {
  const TypedRequestValue rv = ReadRequestValue(spec.family, request_value);
  bool matched = false;
  for (const ConditionValue& pv : clause.values) {
    // Every value is expanded (no early exit) so that missing variable keys are all reported.
    if (MatchValue(spec, pv, rv, request, scratch, missing)) {
      matched = true;
      if (missing == nullptr) break;
    }
  }
  return matched;
}

}  // namespace

std::optional<OperatorSpec> ParseOperator(std::string_view name) {
  std::string s = Lower(name);
  OperatorSpec spec;
  constexpr std::string_view kForAll = "forallvalues:";
  constexpr std::string_view kForAny = "foranyvalue:";
  constexpr std::string_view kIfExists = "ifexists";
  std::string_view base = s;
  if (base.substr(0, kForAll.size()) == kForAll) {
    spec.set = SetQualifier::kForAllValues;
    base.remove_prefix(kForAll.size());
  } else if (base.substr(0, kForAny.size()) == kForAny) {
    spec.set = SetQualifier::kForAnyValue;
    base.remove_prefix(kForAny.size());
  }
  if (base.size() > kIfExists.size() && base.substr(base.size() - kIfExists.size()) == kIfExists) {
    spec.if_exists = true;
    base.remove_suffix(kIfExists.size());
  }
  for (const NamedOperator& op : kOperators) {
    if (op.name != base) continue;
    if (op.family == OpFamily::kNull && spec.if_exists) return std::nullopt;  // no NullIfExists
    spec.family = op.family;
    spec.cmp = op.cmp;
    spec.negated = op.negated;
    return spec;
  }
  return std::nullopt;
}

ConditionValue MakeConditionValue(std::string text, const std::optional<OperatorSpec>& spec,
                                  bool variables_enabled) {
  ConditionValue v;
  v.tmpl = ParseTemplate(text, variables_enabled);
  if (!spec || v.tmpl.has_variables()) return v;
  switch (spec->family) {
    case OpFamily::kNumeric:
      v.number = ParseNumber(text);
      break;
    case OpFamily::kDate:
      v.number = ParseDate(text);
      break;
    case OpFamily::kIp:
      v.ip = ParseIpRange(text);
      break;
    case OpFamily::kNull:
    case OpFamily::kBool:
    case OpFamily::kStringIgnoreCase:
      v.lower = Lower(text);
      break;
    default:
      break;
  }
  return v;
}

bool EvaluateClause(const ConditionClause& clause, const RequestContext& request,
                    ConditionScratch& scratch, MissingKeys* missing) {
  const auto it = request.keys.find(clause.key_lower);
  if (it == request.keys.end() && missing != nullptr) missing->push_back(clause.key_lower);
  if (!clause.spec) return false;
  const OperatorSpec& spec = *clause.spec;
  const bool present = it != request.keys.end() && !it->second.empty();
  if (spec.family == OpFamily::kNull) {
    // {"Null": {"key": "true"}}: the key is absent; "false": it is present. Values are ORed.
    for (const ConditionValue& pv : clause.values) {
      if (pv.lower == "true" && !present) return true;
      if (pv.lower == "false" && present) return true;
    }
    return false;
  }
  if (!present) {
    if (spec.if_exists) return true;
    if (spec.set == SetQualifier::kForAllValues) return true;
    if (spec.set == SetQualifier::kForAnyValue) return false;
    return spec.negated;
  }
  const std::vector<std::string>& values = it->second;
  switch (spec.set) {
    case SetQualifier::kForAllValues:
      for (const std::string& v : values) {
        if (AnyValueMatches(clause, spec, v, request, scratch, missing) == spec.negated) {
          return false;
        }
      }
      return true;
    case SetQualifier::kForAnyValue:
      for (const std::string& v : values) {
        if (AnyValueMatches(clause, spec, v, request, scratch, missing) != spec.negated) {
          return true;
        }
      }
      return false;
    case SetQualifier::kNone:
      break;
  }
  bool any = false;
  for (const std::string& v : values) {
    if (AnyValueMatches(clause, spec, v, request, scratch, missing)) {
      any = true;
      break;
    }
  }
  return any != spec.negated;
}

}  // namespace aic::policy::internal
