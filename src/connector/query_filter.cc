// QueryFilter values, rendering and evaluation (the parser is in query_filter_parser.cc).
#include "aws_iam_connector/connector/query_filter.h"

#include <charconv>
#include <cstdint>
#include <optional>
#include <utility>

#include "connector/json_compare.h"

namespace aic::connector {
namespace {

using json = nlohmann::json;
using Kind = QueryFilter::Kind;

void CollectLeaves(const json& node, std::vector<const json*>& out) {
  if (node.is_array()) {
    for (const json& e : node) CollectLeaves(e, out);
  } else {
    out.push_back(&node);
  }
}

void Walk(const json& node, const FieldPath& path, std::size_t i, std::vector<const json*>& out) {
  if (i == path.size()) {
    CollectLeaves(node, out);
    return;
  }
  if (node.is_object()) {
    auto it = node.find(path[i]);
    if (it != node.end()) Walk(*it, path, i + 1, out);
  } else if (node.is_array()) {
    const std::string& seg = path[i];
    std::size_t index = 0;
    auto r = std::from_chars(seg.data(), seg.data() + seg.size(), index);
    if (r.ec == std::errc() && r.ptr == seg.data() + seg.size()) {
      if (index < node.size()) Walk(node[index], path, i + 1, out);
      return;
    }
    for (const json& e : node) Walk(e, path, i, out);
  }
}

bool CompareOne(Kind kind, const json& v, const json& literal, bool ignore_case) {
  switch (kind) {
    case Kind::kCo:
    case Kind::kSw:
      if (!v.is_string() || !literal.is_string()) return false;
      return kind == Kind::kCo
                 ? internal::Contains(v.get_ref<const std::string&>(),
                                      literal.get_ref<const std::string&>(), ignore_case)
                 : internal::StartsWith(v.get_ref<const std::string&>(),
                                        literal.get_ref<const std::string&>(), ignore_case);
    default:
      break;
  }
  std::optional<int> c = internal::CompareJson(v, literal, ignore_case);
  if (!c) return false;
  switch (kind) {
    case Kind::kEq:
      return *c == 0;
    case Kind::kGt:
      return *c > 0;
    case Kind::kGe:
      return *c >= 0;
    case Kind::kLt:
      return *c < 0;
    case Kind::kLe:
      return *c <= 0;
    default:
      return false;
  }
}

}  // namespace

std::string FieldPathToString(const FieldPath& path) {
  std::string out;
  for (const std::string& seg : path) {
    out += '/';
    for (char c : seg) {
      if (c == '~') {
        out += "~0";
      } else if (c == '/') {
        out += "~1";
      } else {
        out += c;
      }
    }
  }
  return out;
}

QueryFilter QueryFilter::And(std::vector<QueryFilter> children) {
  QueryFilter f(Kind::kAnd);
  f.children_ = std::move(children);
  return f;
}

QueryFilter QueryFilter::Or(std::vector<QueryFilter> children) {
  QueryFilter f(Kind::kOr);
  f.children_ = std::move(children);
  return f;
}

QueryFilter QueryFilter::Not(QueryFilter child) {
  QueryFilter f(Kind::kNot);
  f.children_.push_back(std::move(child));
  return f;
}

QueryFilter QueryFilter::Compare(Kind op, FieldPath field, json value) {
  QueryFilter f(op);
  f.field_ = std::move(field);
  f.value_ = std::move(value);
  return f;
}

QueryFilter QueryFilter::Present(FieldPath field) {
  QueryFilter f(Kind::kPr);
  f.field_ = std::move(field);
  return f;
}

bool QueryFilter::is_comparison() const {
  return kind_ != Kind::kTrue && kind_ != Kind::kFalse && kind_ != Kind::kAnd &&
         kind_ != Kind::kOr && kind_ != Kind::kNot && kind_ != Kind::kPr;
}

std::string QueryFilter::ToString() const {
  switch (kind_) {
    case Kind::kTrue:
      return "true";
    case Kind::kFalse:
      return "false";
    case Kind::kAnd:
    case Kind::kOr: {
      std::string out = "(";
      for (std::size_t i = 0; i < children_.size(); ++i) {
        if (i > 0) out += kind_ == Kind::kAnd ? " and " : " or ";
        out += children_[i].ToString();
      }
      return out + ")";
    }
    case Kind::kNot:
      return "!(" + children_[0].ToString() + ")";
    case Kind::kPr:
      return FieldPathToString(field_) + " pr";
    default:
      return FieldPathToString(field_) + " " + std::string(FilterOperatorName(kind_)) + " " +
             value_.dump(-1, ' ', false, json::error_handler_t::replace);
  }
}

QueryFilter QueryFilter::MapFields(const std::function<FieldPath(const FieldPath&)>& rename) const {
  QueryFilter copy(kind_);
  copy.value_ = value_;
  if (!field_.empty()) copy.field_ = rename(field_);
  for (const QueryFilter& c : children_) copy.children_.push_back(c.MapFields(rename));
  return copy;
}

bool operator==(const QueryFilter& a, const QueryFilter& b) {
  return a.kind_ == b.kind_ && a.field_ == b.field_ && a.value_ == b.value_ &&
         a.children_ == b.children_;
}

std::vector<const json*> ResolveField(const json& object, const FieldPath& path) {
  std::vector<const json*> out;
  if (!path.empty()) Walk(object, path, 0, out);
  return out;
}

bool Matches(const QueryFilter& filter, const json& object, const MatchOptions& options) {
  switch (filter.kind()) {
    case Kind::kTrue:
      return true;
    case Kind::kFalse:
      return false;
    case Kind::kAnd:
      for (const QueryFilter& c : filter.children()) {
        if (!Matches(c, object, options)) return false;
      }
      return true;
    case Kind::kOr:
      for (const QueryFilter& c : filter.children()) {
        if (Matches(c, object, options)) return true;
      }
      return false;
    case Kind::kNot:
      return !Matches(filter.children()[0], object, options);
    case Kind::kPr:
      for (const json* v : ResolveField(object, filter.field())) {
        if (!v->is_null()) return true;
      }
      return false;
    default:
      break;
  }
  bool ignore_case = options.case_insensitive && options.case_insensitive(filter.field());
  for (const json* v : ResolveField(object, filter.field())) {
    if (CompareOne(filter.kind(), *v, filter.value(), ignore_case)) return true;
  }
  return false;
}

}  // namespace aic::connector
