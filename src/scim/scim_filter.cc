// The filter AST and its parser (RFC 7644 3.4.2.2, Figure 1); evaluation is in
// scim_filter_eval.cc.
#include "scim/scim_filter.h"

#include <cmath>
#include <string>
#include <utility>

#include "common/text_codec.h"

namespace aic::scim {
namespace {

using json = nlohmann::json;

constexpr int kMaxDepth = 64;  // nested parentheses, "not" and value filters
// Comparisons in one filter: an and/or chain is a tree as deep as it is long, and evaluating,
// printing and destroying it recurse; a client batching lookups uses far fewer.
constexpr int kMaxComparisons = 1000;

struct OpName {
  std::string_view name;
  CompareOp op;
};
constexpr OpName kOps[] = {
    {"eq", CompareOp::kEq}, {"ne", CompareOp::kNe}, {"co", CompareOp::kCo}, {"sw", CompareOp::kSw},
    {"ew", CompareOp::kEw}, {"gt", CompareOp::kGt}, {"ge", CompareOp::kGe}, {"lt", CompareOp::kLt},
    {"le", CompareOp::kLe}, {"pr", CompareOp::kPr},
};

bool IsSpace(char c) { return c == ' ' || c == '\t'; }
bool EndsToken(char c) {
  return IsSpace(c) || c == '(' || c == ')' || c == '[' || c == ']' || c == '"';
}
bool IsOrdering(CompareOp op) {
  return op == CompareOp::kGt || op == CompareOp::kGe || op == CompareOp::kLt ||
         op == CompareOp::kLe;
}

// Whether `path` names a boolean or binary attribute (the "value" of a complex one) in one of
// this service's resource types.
bool IsUnorderedAttribute(const AttrPath& path) {
  for (const ResourceTypeDef* type : {&UserResourceType(), &GroupResourceType()}) {
    auto r = Resolve(*type, path);
    if (!r) continue;
    const AttributeDef* leaf = r->sub != nullptr ? r->sub : r->attr;
    if (leaf->type == AttrType::kComplex) leaf = SubAttribute(*leaf, "value");
    if (leaf != nullptr && (leaf->type == AttrType::kBoolean || leaf->type == AttrType::kBinary)) {
      return true;
    }
  }
  return false;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  ScimResult<Filter> ParseAll() {
    auto f = ParseOr();
    if (!f.ok()) return f;
    SkipSpace();
    if (pos_ < s_.size()) return Error("expected \"and\", \"or\" or the end of the filter");
    return f;
  }

 private:
  ScimError Error(std::string_view what, size_t at = std::string_view::npos) const {
    if (at == std::string_view::npos) at = pos_;
    std::string detail = "invalid filter: " + std::string(what);
    if (at < s_.size()) {
      detail += " at character " + std::to_string(at + 1) + " ('" + s_[at] + "')";
    } else {
      detail += " at the end (character " + std::to_string(s_.size() + 1) + ")";
    }
    return BadRequest(ScimType::kInvalidFilter, std::move(detail));
  }

  void SkipSpace() {
    while (pos_ < s_.size() && IsSpace(s_[pos_])) ++pos_;
  }
  bool AtChar(char c) const { return pos_ < s_.size() && s_[pos_] == c; }

  // A run of characters up to a space, a parenthesis, a bracket or a quote.
  std::string_view Word() {
    size_t start = pos_;
    while (pos_ < s_.size() && !EndsToken(s_[pos_])) ++pos_;
    return s_.substr(start, pos_ - start);
  }
  // The keyword `kw` (case-insensitive) as a whole word next; consumed if so.
  bool TakeKeyword(std::string_view kw) {
    SkipSpace();
    size_t save = pos_;
    if (text::EqualsIgnoreCase(Word(), kw)) return true;
    pos_ = save;
    return false;
  }

  ScimResult<Filter> ParseOr() {
    if (++depth_ > kMaxDepth) return Error("nesting too deep");
    auto left = ParseAnd();
    while (left.ok() && TakeKeyword("or")) {
      auto right = ParseAnd();
      if (!right.ok()) return right;
      left = Filter::Or(std::move(*left), std::move(*right));
    }
    --depth_;
    return left;
  }

  ScimResult<Filter> ParseAnd() {
    auto left = ParseUnary();
    while (left.ok() && TakeKeyword("and")) {
      auto right = ParseUnary();
      if (!right.ok()) return right;
      left = Filter::And(std::move(*left), std::move(*right));
    }
    return left;
  }

  ScimResult<Filter> ParseParenthesised() {
    ++pos_;  // '('
    auto f = ParseOr();
    if (!f.ok()) return f;
    SkipSpace();
    if (!AtChar(')')) return Error("expected ')'");
    ++pos_;
    return f;
  }

  ScimResult<Filter> ParseUnary() {
    SkipSpace();
    if (pos_ >= s_.size()) return Error("expected an attribute path, \"not\" or '('");
    if (AtChar('(')) return ParseParenthesised();
    size_t save = pos_;
    if (text::EqualsIgnoreCase(Word(), "not")) {
      SkipSpace();
      if (AtChar('(')) {
        auto inner = ParseParenthesised();
        if (!inner.ok()) return inner;
        return Filter::Not(std::move(*inner));
      }
    }
    pos_ = save;
    return ParseAttrExp();
  }

  ScimResult<AttrPath> ParsePath() {
    size_t start = pos_;
    std::string_view word = Word();
    if (word.empty()) return Error("expected an attribute path");
    auto path = ParseAttrPath(word);
    if (!path.ok()) {
      // Re-point the path parser's complaint at this filter's characters.
      return Error("invalid attribute path \"" + std::string(word) + "\"", start);
    }
    if (path->attr.empty()) return Error("expected an attribute name after the URN", pos_);
    return path;
  }

  ScimResult<Filter> ParseAttrExp() {
    auto path = ParsePath();
    if (!path.ok()) return path.error();
    if (!AtChar('[')) return ParseComparison(std::move(*path), std::nullopt);
    if (outer_ != nullptr) return Error("a value filter cannot hold another value filter");
    if (!path->sub_attr.empty())
      return Error("a value filter needs an attribute, not a sub-attribute");
    ++pos_;  // '['
    outer_ = &*path;
    auto inner = ParseOr();
    outer_ = nullptr;
    if (!inner.ok()) return inner;
    SkipSpace();
    if (!AtChar(']')) return Error("expected ']'");
    ++pos_;
    if (!AtChar('.')) return Filter::ValuePath(std::move(*path), std::move(*inner));
    // Entra's attr[filter].sub op value: the comparison joins the value filter.
    ++pos_;
    size_t at = pos_;
    std::string_view sub = Word();
    auto sub_path = ParseAttrPath(sub);
    if (sub.empty() || !sub_path.ok() || !sub_path->schema.empty() || !sub_path->sub_attr.empty()) {
      return Error("expected a sub-attribute name after \"].\"", at);
    }
    auto cmp = ParseComparison(std::move(*sub_path), *path);
    if (!cmp.ok()) return cmp;
    return Filter::ValuePath(std::move(*path), Filter::And(std::move(*inner), std::move(*cmp)));
  }

  // After an attribute path: SP "pr" or SP compareOp SP compValue. `outer`: the attribute of
  // the value filter the path is in, if any.
  ScimResult<Filter> ParseComparison(AttrPath path, std::optional<AttrPath> outer) {
    if (!outer && outer_ != nullptr) outer = *outer_;
    if (!(pos_ < s_.size() && IsSpace(s_[pos_]))) {
      return Error("expected a space and an operator after the attribute path");
    }
    SkipSpace();
    size_t op_at = pos_;
    std::string_view word = Word();
    const OpName* found = nullptr;
    for (const OpName& o : kOps) {
      if (text::EqualsIgnoreCase(word, o.name)) found = &o;
    }
    if (found == nullptr) {
      return Error("expected an operator (eq ne co sw ew gt ge lt le pr)", op_at);
    }
    if (++comparisons_ > kMaxComparisons) {
      return Error("more than " + std::to_string(kMaxComparisons) + " comparisons", op_at);
    }
    if (found->op == CompareOp::kPr) return Filter::Compare(std::move(path), CompareOp::kPr, {});
    if (IsOrdering(found->op)) {
      AttrPath full = path;
      if (outer) full = AttrPath{outer->schema, outer->attr, path.attr};
      if (IsUnorderedAttribute(full)) {
        return Error("\"" + std::string(word) +
                         "\" cannot order the boolean or binary attribute \"" +
                         AttrPathToString(full) + "\"",
                     op_at);
      }
    }
    if (!(pos_ < s_.size() && IsSpace(s_[pos_]))) {
      return Error("expected a space and a value after the operator");
    }
    SkipSpace();
    auto value = ParseValue();
    if (!value.ok()) return value.error();
    return Filter::Compare(std::move(path), found->op, std::move(*value));
  }

  ScimResult<json> ParseValue() {
    size_t start = pos_;
    if (AtChar('"')) {
      size_t i = pos_ + 1;
      while (i < s_.size() && s_[i] != '"') i += (s_[i] == '\\') ? 2 : 1;
      if (i >= s_.size()) return Error("unterminated string", start);
      pos_ = i + 1;
      return ParseJsonToken(s_.substr(start, pos_ - start), start, "invalid JSON string");
    }
    std::string_view word = Word();
    if (text::EqualsIgnoreCase(word, "true")) return json(true);
    if (text::EqualsIgnoreCase(word, "false")) return json(false);
    if (text::EqualsIgnoreCase(word, "null")) return json(nullptr);
    if (!word.empty() && (word[0] == '-' || (word[0] >= '0' && word[0] <= '9'))) {
      return ParseJsonToken(word, start, "invalid number");
    }
    return Error("expected a value (a string in double quotes, a number, true, false or null)",
                 start);
  }

  ScimResult<json> ParseJsonToken(std::string_view token, size_t at, std::string_view what) {
    try {
      json v = json::parse(token);
      if (v.is_number_float() && !std::isfinite(v.get<double>())) return Error(what, at);
      return v;
    } catch (const json::exception&) {
      return Error(what, at);
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
  int depth_ = 0;
  int comparisons_ = 0;
  const AttrPath* outer_ = nullptr;  // inside attr[...]
};

std::string Quote(const json& v) { return v.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

std::string_view CompareOpName(CompareOp op) {
  for (const OpName& o : kOps) {
    if (o.op == op) return o.name;
  }
  return "pr";
}

Filter Filter::Compare(AttrPath attr, CompareOp op, json value) {
  Filter f;
  f.kind_ = Kind::kCompare;
  f.attr_ = std::move(attr);
  f.op_ = op;
  f.value_ = op == CompareOp::kPr ? json() : std::move(value);
  return f;
}

Filter Filter::And(Filter a, Filter b) {
  Filter f;
  f.kind_ = Kind::kAnd;
  f.children_.push_back(std::move(a));
  f.children_.push_back(std::move(b));
  return f;
}

Filter Filter::Or(Filter a, Filter b) {
  Filter f;
  f.kind_ = Kind::kOr;
  f.children_.push_back(std::move(a));
  f.children_.push_back(std::move(b));
  return f;
}

Filter Filter::Not(Filter inner) {
  Filter f;
  f.kind_ = Kind::kNot;
  f.children_.push_back(std::move(inner));
  return f;
}

Filter Filter::ValuePath(AttrPath attr, Filter inner) {
  Filter f;
  f.kind_ = Kind::kValuePath;
  f.attr_ = std::move(attr);
  f.children_.push_back(std::move(inner));
  return f;
}

std::string Filter::ToString() const {
  switch (kind_) {
    case Kind::kCompare:
      if (op_ == CompareOp::kPr) return AttrPathToString(attr_) + " pr";
      return AttrPathToString(attr_) + " " + std::string(CompareOpName(op_)) + " " + Quote(value_);
    case Kind::kAnd:
      return "(" + children_[0].ToString() + " and " + children_[1].ToString() + ")";
    case Kind::kOr:
      return "(" + children_[0].ToString() + " or " + children_[1].ToString() + ")";
    case Kind::kNot:
      return "not (" + children_[0].ToString() + ")";
    case Kind::kValuePath:
      return AttrPathToString(attr_) + "[" + children_[0].ToString() + "]";
  }
  return "";
}

bool Filter::operator==(const Filter& other) const {
  return kind_ == other.kind_ && attr_ == other.attr_ && op_ == other.op_ &&
         value_ == other.value_ && children_ == other.children_;
}

ScimResult<Filter> ParseFilter(std::string_view text) { return Parser(text).ParseAll(); }

}  // namespace aic::scim
