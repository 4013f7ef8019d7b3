#include "aws_iam_connector/connector/filter_planner.h"

#include <utility>
#include <vector>

#include "aws_iam_connector/connector/uid.h"
#include "connector/text_util.h"

namespace aic::connector {
namespace {

using Kind = QueryFilter::Kind;

bool IsSingle(const FieldPath& field, std::string_view name) {
  return field.size() == 1 && field[0] == name;
}

// The lookup a term allows, if any.
std::optional<std::pair<FilterPlan::Lookup, std::string>> LookupOf(const QueryFilter& f) {
  if (f.kind() != Kind::kEq || !f.value().is_string()) return std::nullopt;
  const std::string& v = f.value().get_ref<const std::string&>();
  if (IsSingle(f.field(), kIdField)) return std::make_pair(FilterPlan::Lookup::kByUid, v);
  if (IsSingle(f.field(), kNameAttribute)) return std::make_pair(FilterPlan::Lookup::kByName, v);
  return std::nullopt;
}

std::optional<std::string> PathPrefixOf(const QueryFilter& f) {
  if (f.kind() != Kind::kSw || !IsSingle(f.field(), "Path") || !f.value().is_string()) {
    return std::nullopt;
  }
  const std::string& v = f.value().get_ref<const std::string&>();
  if (v.empty() || v[0] != '/') return std::nullopt;
  return v;
}

std::optional<QueryFilter> Conjunction(std::vector<QueryFilter> terms) {
  if (terms.empty()) return std::nullopt;
  if (terms.size() == 1) return std::move(terms[0]);
  return QueryFilter::And(std::move(terms));
}

}  // namespace

FilterPlan PlanFilter(const QueryFilter& filter) {
  FilterPlan plan;
  std::vector<QueryFilter> terms;
  if (filter.kind() == Kind::kAnd) {
    terms = filter.children();
  } else if (filter.kind() == Kind::kTrue) {
    return plan;
  } else {
    terms.push_back(filter);
  }
  std::vector<QueryFilter> residual;
  for (QueryFilter& t : terms) {
    if (t.kind() == Kind::kFalse) {
      plan.match_none = true;
      plan.lookup = FilterPlan::Lookup::kNone;
      plan.path_prefix.reset();
      plan.residual = QueryFilter::False();
      return plan;
    }
    if (t.kind() == Kind::kTrue) continue;
    if (plan.lookup == FilterPlan::Lookup::kNone) {
      if (auto lookup = LookupOf(t)) {
        plan.lookup = lookup->first;
        plan.lookup_value = lookup->second;
        continue;
      }
    }
    if (!plan.path_prefix) plan.path_prefix = PathPrefixOf(t);
    residual.push_back(std::move(t));
  }
  plan.residual = Conjunction(std::move(residual));
  return plan;
}

QueryFilter NormalizeFilterFields(const QueryFilter& filter) {
  return filter.MapFields([](const FieldPath& path) {
    FieldPath out = path;
    if (!out.empty()) out[0] = std::string(CanonicalAttributeName(out[0]));
    return out;
  });
}

Status CheckFilterFields(const QueryFilter& filter, const ObjectClassInfo& info) {
  if (!filter.field().empty()) {
    const std::string& first = filter.field()[0];
    if (first != kIdField) {
      const AttributeInfo* a = info.Find(first);
      if (a == nullptr) {
        return Status(ErrorCode::kInvalidInput, "unknown attribute '" + internal::SafeEcho(first) +
                                                    "' in filter for " + std::string(info.name()));
      }
      if (!a->readable) {
        return Status(ErrorCode::kInvalidInput,
                      "attribute '" + first + "' cannot be used in a filter");
      }
    }
  }
  for (const QueryFilter& c : filter.children()) AIC_RETURN_IF_ERROR(CheckFilterFields(c, info));
  return Status::Ok();
}

MatchOptions MatchOptionsFor(const ObjectClassInfo& info) {
  MatchOptions options;
  options.case_insensitive = [&info](const FieldPath& path) {
    return path.size() == 1 && info.IsCaseInsensitive(path[0]);
  };
  return options;
}

}  // namespace aic::connector
