// The `_queryFilter` parser (grammar and error positions: see query_filter.h).
#include <charconv>
#include <cstdint>
#include <optional>
#include <utility>
#include <variant>

#include "aws_iam_connector/connector/query_filter.h"
#include "common/text_codec.h"
#include "connector/json_compare.h"
#include "connector/text_util.h"

namespace aic::connector {
namespace {

using json = nlohmann::json;
using Kind = QueryFilter::Kind;

struct ParseError {
  std::size_t position;
  std::string message;
};

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsWordEnd(char c) { return IsBlank(c) || c == '(' || c == ')' || c == '"' || c == '\''; }

constexpr std::pair<std::string_view, Kind> kComparisons[] = {
    {"eq", Kind::kEq}, {"co", Kind::kCo}, {"sw", Kind::kSw}, {"gt", Kind::kGt},
    {"ge", Kind::kGe}, {"lt", Kind::kLt}, {"le", Kind::kLe},
};

void AppendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Returns the segments of a field path, or the offset (within `text`) and reason of an error.
std::variant<FieldPath, ParseError> SplitFieldPath(std::string_view text) {
  std::size_t i = 0;
  if (!text.empty() && text[0] == '/') i = 1;
  if (i >= text.size()) return ParseError{i, "expected a field name"};
  FieldPath path;
  std::string segment;
  for (; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '/') {
      if (segment.empty()) return ParseError{i, "empty segment in field path"};
      path.push_back(std::move(segment));
      segment.clear();
      continue;
    }
    if (text[i] == '~') {
      if (i + 1 < text.size() && (text[i + 1] == '0' || text[i + 1] == '1')) {
        segment += text[i + 1] == '0' ? '~' : '/';
        ++i;
        continue;
      }
      return ParseError{i, "bad '~' escape in field path (use ~0 or ~1)"};
    }
    if (static_cast<unsigned char>(text[i]) >= 0x80) {
      std::size_t n = internal::Utf8SequenceLength(text, i);
      if (n == 0) return ParseError{i, "invalid UTF-8 in field path"};
      segment.append(text.substr(i, n));
      i += n - 1;
      continue;
    }
    segment += text[i];
  }
  return path;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : t_(text) {}

  QueryFilter Parse() {
    if (t_.size() > kMaxFilterLength) {
      throw ParseError{kMaxFilterLength,
                       "filter longer than " + std::to_string(kMaxFilterLength) + " characters"};
    }
    SkipBlanks();
    if (AtEnd()) throw ParseError{pos_, "expected a filter"};
    QueryFilter f = ParseOr();
    SkipBlanks();
    if (!AtEnd()) {
      if (t_[pos_] == ')') throw ParseError{pos_, "unbalanced ')'"};
      throw ParseError{pos_, "expected 'and', 'or' or the end of the filter"};
    }
    return f;
  }

 private:
  bool AtEnd() const { return pos_ >= t_.size(); }
  void SkipBlanks() {
    while (!AtEnd() && IsBlank(t_[pos_])) ++pos_;
  }
  std::string_view PeekWord() const {
    std::size_t end = pos_;
    while (end < t_.size() && !IsWordEnd(t_[end])) ++end;
    return t_.substr(pos_, end - pos_);
  }
  bool PeekKeyword(std::string_view keyword) const {
    return internal::EqualsIgnoreCase(PeekWord(), keyword);
  }
  void Enter() {
    if (++depth_ > kMaxFilterDepth) {
      throw ParseError{pos_, "nesting deeper than " + std::to_string(kMaxFilterDepth)};
    }
  }

  QueryFilter ParseOr() {
    std::vector<QueryFilter> terms;
    terms.push_back(ParseAnd());
    for (;;) {
      SkipBlanks();
      if (!PeekKeyword("or")) break;
      pos_ += 2;
      terms.push_back(ParseAnd());
    }
    return terms.size() == 1 ? std::move(terms[0]) : QueryFilter::Or(std::move(terms));
  }

  QueryFilter ParseAnd() {
    std::vector<QueryFilter> terms;
    terms.push_back(ParseNot());
    for (;;) {
      SkipBlanks();
      if (!PeekKeyword("and")) break;
      pos_ += 3;
      terms.push_back(ParseNot());
    }
    return terms.size() == 1 ? std::move(terms[0]) : QueryFilter::And(std::move(terms));
  }

  // True when the word at pos_ is the `not` keyword: `not` followed by '(' or '!'.
  bool AtNotKeyword() const {
    if (!PeekKeyword("not")) return false;
    std::size_t p = pos_ + 3;
    while (p < t_.size() && IsBlank(t_[p])) ++p;
    return p < t_.size() && (t_[p] == '(' || t_[p] == '!');
  }

  QueryFilter ParseNot() {
    SkipBlanks();
    if (!AtEnd() && (t_[pos_] == '!' || AtNotKeyword())) {
      Enter();
      pos_ += t_[pos_] == '!' ? 1 : 3;
      QueryFilter inner = ParseNot();
      --depth_;
      return QueryFilter::Not(std::move(inner));
    }
    return ParsePrimary();
  }

  QueryFilter ParsePrimary() {
    SkipBlanks();
    if (AtEnd()) throw ParseError{pos_, "expected a filter"};
    if (t_[pos_] == '(') {
      std::size_t open = pos_;
      Enter();
      ++pos_;
      SkipBlanks();
      if (!AtEnd() && t_[pos_] == ')') throw ParseError{pos_, "expected a filter"};
      QueryFilter inner = ParseOr();
      SkipBlanks();
      if (AtEnd())
        throw ParseError{pos_, "expected ')' to close '(' at position " + std::to_string(open)};
      if (t_[pos_] != ')') throw ParseError{pos_, "expected ')'"};
      ++pos_;
      --depth_;
      return inner;
    }
    std::size_t start = pos_;
    std::string_view word = PeekWord();
    if (word.empty()) throw ParseError{pos_, "expected a field name"};
    pos_ += word.size();
    if (internal::EqualsIgnoreCase(word, "true")) return QueryFilter::True();
    if (internal::EqualsIgnoreCase(word, "false")) return QueryFilter::False();
    auto split = SplitFieldPath(word);
    if (auto* e = std::get_if<ParseError>(&split)) {
      throw ParseError{start + e->position, e->message};
    }
    FieldPath field = std::get<FieldPath>(std::move(split));
    SkipBlanks();
    if (AtEnd()) throw ParseError{pos_, "expected an operator"};
    std::size_t op_start = pos_;
    std::string_view op = PeekWord();
    if (op.empty()) throw ParseError{pos_, "expected an operator"};
    pos_ += op.size();
    if (internal::EqualsIgnoreCase(op, "pr")) return QueryFilter::Present(std::move(field));
    for (const auto& [name, kind] : kComparisons) {
      if (internal::EqualsIgnoreCase(op, name)) {
        return QueryFilter::Compare(kind, std::move(field), ParseValue());
      }
    }
    constexpr std::size_t kMaxEcho = 20;
    throw ParseError{op_start, "unknown operator '" + internal::SafeEcho(op, kMaxEcho) + "'"};
  }

  json ParseValue() {
    SkipBlanks();
    if (AtEnd()) throw ParseError{pos_, "expected a value"};
    char c = t_[pos_];
    if (c == '"' || c == '\'') return ParseString(c);
    if (c == '-' || (c >= '0' && c <= '9')) return ParseNumber();
    std::string_view word = PeekWord();
    if (word == "true" || word == "false") {
      pos_ += word.size();
      return word == "true";
    }
    throw ParseError{pos_, "expected a value"};
  }

  unsigned ParseHex4(std::size_t at) {
    if (at + 4 > t_.size()) throw ParseError{at, "bad \\u escape"};
    unsigned v = 0;
    for (std::size_t i = at; i < at + 4; ++i) {
      int digit = text::HexDigitValue(t_[i]);
      if (digit < 0) throw ParseError{at - 2, "bad \\u escape"};
      v = (v << 4) | static_cast<unsigned>(digit);
    }
    return v;
  }

  json ParseString(char quote) {
    std::size_t open = pos_++;
    std::string out;
    for (;;) {
      if (AtEnd()) throw ParseError{open, "unterminated string"};
      char c = t_[pos_];
      if (c == quote) {
        ++pos_;
        return out;
      }
      if (static_cast<unsigned char>(c) < 0x20) {
        throw ParseError{pos_, "control character in string"};
      }
      if (static_cast<unsigned char>(c) >= 0x80) {
        std::size_t n = internal::Utf8SequenceLength(t_, pos_);
        if (n == 0) throw ParseError{pos_, "invalid UTF-8 in string"};
        out.append(t_.substr(pos_, n));
        pos_ += n;
        continue;
      }
      if (c != '\\') {
        out += c;
        ++pos_;
        continue;
      }
      std::size_t esc = pos_;
      if (pos_ + 1 >= t_.size()) throw ParseError{open, "unterminated string"};
      char e = t_[pos_ + 1];
      pos_ += 2;
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\'':
          out += '\'';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          std::uint32_t cp = ParseHex4(pos_);
          pos_ += 4;
          if (cp >= 0xDC00 && cp <= 0xDFFF)
            throw ParseError{esc, "bad \\u escape (lone surrogate)"};
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (pos_ + 1 >= t_.size() || t_[pos_] != '\\' || t_[pos_ + 1] != 'u') {
              throw ParseError{esc, "bad \\u escape (lone surrogate)"};
            }
            std::uint32_t low = ParseHex4(pos_ + 2);
            if (low < 0xDC00 || low > 0xDFFF) {
              throw ParseError{esc, "bad \\u escape (lone surrogate)"};
            }
            pos_ += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          AppendUtf8(out, cp);
          break;
        }
        default:
          throw ParseError{esc, "bad escape in string"};
      }
    }
  }

  json ParseNumber() {
    std::size_t start = pos_;
    std::size_t p = pos_;
    auto digits = [&]() {
      std::size_t from = p;
      while (p < t_.size() && t_[p] >= '0' && t_[p] <= '9') ++p;
      return p - from;
    };
    if (t_[p] == '-') ++p;
    std::size_t int_start = p;
    std::size_t n = digits();
    if (n == 0 || (n > 1 && t_[int_start] == '0')) throw ParseError{start, "bad number"};
    bool is_float = false;
    if (p < t_.size() && t_[p] == '.') {
      ++p;
      if (digits() == 0) throw ParseError{start, "bad number"};
      is_float = true;
    }
    if (p < t_.size() && (t_[p] == 'e' || t_[p] == 'E')) {
      ++p;
      if (p < t_.size() && (t_[p] == '+' || t_[p] == '-')) ++p;
      if (digits() == 0) throw ParseError{start, "bad number"};
      is_float = true;
    }
    if (p < t_.size() && !IsBlank(t_[p]) && t_[p] != ')') throw ParseError{start, "bad number"};
    pos_ = p;
    const char* b = t_.data() + start;
    const char* e = t_.data() + p;
    if (!is_float) {
      std::int64_t v = 0;
      auto r = std::from_chars(b, e, v);
      if (r.ec == std::errc() && r.ptr == e) return v;
    }
    double d = 0;
    auto r = std::from_chars(b, e, d);
    if (r.ec != std::errc() || r.ptr != e) throw ParseError{start, "bad number"};
    return d;
  }

  std::string_view t_;
  std::size_t pos_ = 0;
  std::size_t depth_ = 0;
};
}  // namespace

Result<FieldPath> ParseFieldPath(std::string_view text) {
  auto split = SplitFieldPath(text);
  if (auto* e = std::get_if<ParseError>(&split)) {
    return Status(ErrorCode::kInvalidInput, "bad field '" + internal::SafeEcho(text) +
                                                "' at position " + std::to_string(e->position) +
                                                ": " + e->message);
  }
  return std::get<FieldPath>(std::move(split));
}

std::string_view FilterOperatorName(QueryFilter::Kind kind) {
  for (const auto& [name, k] : kComparisons) {
    if (k == kind) return name;
  }
  return kind == Kind::kPr ? "pr" : "";
}

Result<QueryFilter> ParseQueryFilter(std::string_view text) {
  try {
    return Parser(text).Parse();
  } catch (const ParseError& e) {
    return Status(ErrorCode::kInvalidInput,
                  "bad filter at position " + std::to_string(e.position) + ": " + e.message);
  }
}

}  // namespace aic::connector
