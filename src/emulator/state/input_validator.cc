#include "emulator/state/input_validator.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <mutex>
#include <regex>
#include <string>

#include "emulator/state/input_constraints.h"

namespace aic::emulator::state {
namespace {

namespace c = constraints;

// The pattern of pathType: AWS does not answer its violation with the pattern but with the
// operation's own "The specified value for path is invalid. ..." (LocalStack
// test_iam_mfa.snapshot.json, test_virtual_mfa_device_errors), so the handlers check it.
constexpr std::string_view kPathTypePattern = "(\\u002F)|(\\u002F[\\u0021-\\u007F]+\\u002F)";

// ---- UTF-8 ----

// Decodes the code points of `s`; false when it is not valid UTF-8.
bool DecodeUtf8(std::string_view s, std::u32string& out) {
  out.clear();
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < len; ++k) {
      auto cb = static_cast<unsigned char>(s[i + k]);
      if ((cb & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cb & 0x3F);
    }
    out.push_back(cp);
    i += len;
  }
  return true;
}

// ---- Unicode general categories (an approximation without ICU) ----
// Exact for ASCII and Latin-1; by block elsewhere: combining-mark, punctuation, symbol and
// space blocks are classified as such, control/format/surrogate/private-use as C, the rest as
// letters (CJK, scripts). Enough for the model's classes, which accept or refuse a key as a
// whole mostly on ASCII punctuation.
enum class Cat { L, M, N, P, S, Z, C };

Cat Latin1Category(char32_t cp) {
  if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return Cat::C;
  if (cp == ' ' || cp == 0xA0) return Cat::Z;
  if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return Cat::L;
  if (cp >= '0' && cp <= '9') return Cat::N;
  if (cp < 0x80) {
    return std::u32string_view(U"$+<=>^`|~").find(cp) != std::u32string_view::npos ? Cat::S
                                                                                   : Cat::P;
  }
  switch (cp) {
    case 0xA1:
    case 0xA7:
    case 0xAB:
    case 0xB6:
    case 0xB7:
    case 0xBB:
    case 0xBF:
      return Cat::P;
    case 0xAA:
    case 0xB5:
    case 0xBA:
      return Cat::L;
    case 0xB2:
    case 0xB3:
    case 0xB9:
    case 0xBC:
    case 0xBD:
    case 0xBE:
      return Cat::N;
    case 0xAD:
      return Cat::C;
    case 0xD7:
    case 0xF7:
      return Cat::S;
    default:
      return cp < 0xC0 ? Cat::S : Cat::L;
  }
}

Cat Category(char32_t cp) {
  if (cp < 0x100) return Latin1Category(cp);
  struct Block {
    char32_t first, last;
    Cat cat;
  };
  static constexpr Block kBlocks[] = {
      {0x0300, 0x036F, Cat::M},    {0x0483, 0x0489, Cat::M},   {0x0591, 0x05BD, Cat::M},
      {0x0600, 0x0605, Cat::C},    {0x0660, 0x0669, Cat::N},   {0x06F0, 0x06F9, Cat::N},
      {0x0966, 0x096F, Cat::N},    {0x1AB0, 0x1AFF, Cat::M},   {0x1DC0, 0x1DFF, Cat::M},
      {0x2000, 0x200A, Cat::Z},    {0x200B, 0x200F, Cat::C},   {0x2010, 0x2027, Cat::P},
      {0x2028, 0x2029, Cat::Z},    {0x202A, 0x202E, Cat::C},   {0x202F, 0x202F, Cat::Z},
      {0x2030, 0x205E, Cat::P},    {0x205F, 0x205F, Cat::Z},   {0x2060, 0x206F, Cat::C},
      {0x2070, 0x209F, Cat::N},    {0x20A0, 0x20CF, Cat::S},   {0x20D0, 0x20FF, Cat::M},
      {0x2100, 0x214F, Cat::S},    {0x2150, 0x218F, Cat::N},   {0x2190, 0x2BFF, Cat::S},
      {0x2E00, 0x2E7F, Cat::P},    {0x3000, 0x3000, Cat::Z},   {0x3001, 0x3003, Cat::P},
      {0x3008, 0x3011, Cat::P},    {0x3014, 0x301F, Cat::P},   {0xD800, 0xF8FF, Cat::C},
      {0xFE00, 0xFE0F, Cat::M},    {0xFE10, 0xFE1F, Cat::P},   {0xFE20, 0xFE2F, Cat::M},
      {0xFE30, 0xFE4F, Cat::P},    {0xFEFF, 0xFEFF, Cat::C},   {0xFF01, 0xFF0F, Cat::P},
      {0xFF10, 0xFF19, Cat::N},    {0xFF1A, 0xFF20, Cat::P},   {0xFF3B, 0xFF40, Cat::P},
      {0xFF5B, 0xFF65, Cat::P},    {0xFFF0, 0xFFFB, Cat::C},   {0xFFFC, 0xFFFD, Cat::S},
      {0xFFFE, 0xFFFF, Cat::C},    {0x1F000, 0x1FAFF, Cat::S}, {0xE0000, 0xE007F, Cat::C},
      {0xF0000, 0x10FFFF, Cat::C},
  };
  for (const Block& b : kBlocks) {
    if (cp >= b.first && cp <= b.last) return b.cat;
  }
  return cp > 0x10FFFF ? Cat::C : Cat::L;
}

// ---- character-class patterns: "[...]+" or "[...]*" ----
// Items: \w \d (ASCII, as Java's defaults), \p{L|M|N|P|S|Z}, \uXXXX (up to 6 hex digits, so
// the model's "\u10000-\u10FFFF" means the supplementary planes), escaped or plain characters,
// and ranges of those.
struct ClassItem {
  enum Type { kRange, kWord, kDigit, kCategory } type;
  char32_t lo = 0, hi = 0;
  Cat cat = Cat::L;
};
struct CharClass {
  std::vector<ClassItem> items;
  bool allow_empty = false;
  bool Contains(char32_t cp) const {
    for (const ClassItem& i : items) {
      switch (i.type) {
        case ClassItem::kRange:
          if (cp >= i.lo && cp <= i.hi) return true;
          break;
        case ClassItem::kWord:
          if (cp < 0x80 && (std::isalnum(static_cast<int>(cp)) || cp == '_')) return true;
          break;
        case ClassItem::kDigit:
          if (cp >= '0' && cp <= '9') return true;
          break;
        case ClassItem::kCategory:
          if (Category(cp) == i.cat) return true;
          break;
      }
    }
    return false;
  }
};

int HexValue(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

// Parses one character (plain, \uXXXX or \x escape) at p[i]; false for a class escape.
bool ParseClassChar(std::string_view p, std::size_t& i, char32_t& out) {
  if (p[i] != '\\') {
    out = static_cast<unsigned char>(p[i++]);
    return true;
  }
  if (i + 1 >= p.size()) return false;
  char e = p[i + 1];
  if (e == 'u') {
    std::size_t j = i + 2;
    char32_t v = 0;
    while (j < p.size() && j < i + 8 && HexValue(p[j]) >= 0) v = v * 16 + HexValue(p[j++]);
    if (j == i + 2) return false;
    out = v;
    i = j;
    return true;
  }
  if (e == 'w' || e == 'd' || e == 'p') return false;
  out = static_cast<unsigned char>(e);
  i += 2;
  return true;
}

std::optional<CharClass> ParseCharClass(std::string_view p) {
  if (p.size() < 3 || p.front() != '[' || (p.back() != '+' && p.back() != '*') ||
      p[p.size() - 2] != ']') {
    return std::nullopt;
  }
  CharClass cls;
  cls.allow_empty = p.back() == '*';
  std::string_view body = p.substr(1, p.size() - 3);
  for (std::size_t i = 0; i < body.size();) {
    if (body.substr(i, 2) == "\\w" || body.substr(i, 2) == "\\d") {
      cls.items.push_back({body[i + 1] == 'w' ? ClassItem::kWord : ClassItem::kDigit});
      i += 2;
      continue;
    }
    if (body.substr(i, 3) == "\\p{") {
      std::size_t close = body.find('}', i);
      if (close != i + 4) return std::nullopt;
      static constexpr std::string_view kCats = "LMNPSZ";
      std::size_t k = kCats.find(body[i + 3]);
      if (k == std::string_view::npos) return std::nullopt;
      cls.items.push_back({ClassItem::kCategory, 0, 0, static_cast<Cat>(k)});
      i = close + 1;
      continue;
    }
    char32_t lo = 0;
    if (!ParseClassChar(body, i, lo)) return std::nullopt;
    char32_t hi = lo;
    if (i + 1 < body.size() && body[i] == '-') {
      ++i;
      if (!ParseClassChar(body, i, hi)) return std::nullopt;
    }
    cls.items.push_back({ClassItem::kRange, lo, hi});
  }
  return cls;
}

// ---- other patterns: ASCII-only, matched with std::regex (ECMAScript knows \uXXXX) ----
struct Matcher {
  std::optional<CharClass> cls;
  std::optional<std::regex> re;
  bool valid = false;
};

const std::vector<Matcher>& Matchers() {
  static const std::vector<Matcher> kMatchers = [] {
    std::vector<Matcher> v;
    for (std::string_view p : c::Patterns()) {
      Matcher m;
      m.cls = ParseCharClass(p);
      if (!m.cls) {
        try {
          m.re.emplace(std::string(p), std::regex::ECMAScript);
        } catch (const std::regex_error&) {
          m.re.reset();
        }
      }
      m.valid = m.cls.has_value() || m.re.has_value();
      v.push_back(std::move(m));
    }
    return v;
  }();
  return kMatchers;
}

// ---- the walk over the input ----

std::string LowerCamel(std::string_view name) {
  std::string s(name);
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

using Params = std::map<std::string, std::string>;

bool HasPrefixed(const Params& params, const std::string& prefix) {
  auto it = params.lower_bound(prefix);
  return it != params.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

std::string LengthText(bool less, std::int64_t n) {
  return std::string("Member must have length ") + (less ? "less" : "greater") +
         " than or equal to " + std::to_string(n);
}

// The violated constraints of a scalar value, pattern first.
std::vector<std::string> ScalarViolations(const c::Shape& shape, const std::string& value) {
  std::vector<std::string> out;
  if (shape.kind == c::Kind::kString || shape.kind == c::Kind::kBlob) {
    std::u32string cps;
    bool utf8 = DecodeUtf8(value, cps);
    if (shape.pattern >= 0 && c::Patterns()[shape.pattern] != kPathTypePattern &&
        (!utf8 || !MatchesPattern(shape.pattern, value))) {
      out.push_back("Member must satisfy regular expression pattern: " +
                    std::string(c::Patterns()[shape.pattern]));
    }
    auto len = static_cast<std::int64_t>(utf8 ? cps.size() : value.size());
    if (shape.has_max && len > shape.max) out.push_back(LengthText(true, shape.max));
    if (shape.has_min && len < shape.min) out.push_back(LengthText(false, shape.min));
    if (shape.enum_count > 0) {
      auto values = c::EnumValues().subspan(shape.enum_first, shape.enum_count);
      if (std::find(values.begin(), values.end(), value) == values.end()) {
        out.push_back("Member must satisfy enum value set");
      }
    }
  } else if (shape.kind == c::Kind::kInteger) {
    std::int64_t n = 0;
    auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || ptr != value.data() + value.size()) return out;  // the handler's
    if (shape.has_max && n > shape.max) {
      out.push_back("Member must have value less than or equal to " + std::to_string(shape.max));
    }
    if (shape.has_min && n < shape.min) {
      out.push_back("Member must have value greater than or equal to " + std::to_string(shape.min));
    }
  }
  return out;
}

// Every constraint of a list's scalar element shape, in AWS's order (LocalStack
// test_iam_policies.snapshot.json tagKeys, test_iam_oidc.snapshot.json clientIDList).
std::string ElementConstraints(const c::Shape& shape) {
  std::vector<std::string> parts;
  if (shape.has_max) parts.push_back(LengthText(true, shape.max));
  if (shape.has_min) parts.push_back(LengthText(false, shape.min));
  if (shape.pattern >= 0) {
    parts.push_back("Member must satisfy regular expression pattern: " +
                    std::string(c::Patterns()[shape.pattern]));
  }
  if (shape.enum_count > 0) parts.push_back("Member must satisfy enum value set");
  // AWS names "not null" for tagKeys but not for clientIDList/thumbprintList: inferred as
  // "elements with a pattern" from those two snapshots.
  if (shape.pattern >= 0) parts.push_back("Member must not be null");
  std::string s = "Member must satisfy constraint: [";
  for (std::size_t i = 0; i < parts.size(); ++i) s += (i ? ", " : "") + parts[i];
  return s + "]";
}

class Walker {
 public:
  explicit Walker(const Params& params) : params_(params) {}

  void Structure(const c::Shape& shape, const std::string& wire, const std::string& path) {
    for (const c::Member& m : c::Members().subspan(shape.first, shape.count)) {
      const c::Shape& ms = c::Shapes()[m.shape];
      std::string mwire = wire + std::string(m.name);
      std::string mpath = path + LowerCamel(m.name);
      Value(ms, m.required, mwire, mpath);
    }
  }

  std::vector<InputViolation> Take() { return std::move(out_); }

 private:
  void Value(const c::Shape& shape, bool required, const std::string& wire,
             const std::string& path) {
    switch (shape.kind) {
      case c::Kind::kList: {
        bool present = params_.count(wire) > 0 || HasPrefixed(params_, wire + ".");
        if (!present) return Missing(required, path);
        List(shape, wire, path);
        return;
      }
      case c::Kind::kStructure:
        if (!HasPrefixed(params_, wire + ".")) return Missing(required, path);
        Structure(shape, wire + ".", path + ".");
        return;
      default: {
        auto it = params_.find(wire);
        if (it == params_.end()) return Missing(required, path);
        for (std::string& v : ScalarViolations(shape, it->second)) Add(path, std::move(v));
      }
    }
  }

  void List(const c::Shape& shape, const std::string& wire, const std::string& path) {
    const c::Shape& element = c::Shapes()[shape.first];
    std::int64_t n = 0;
    bool element_failed = false;
    for (;; ++n) {
      std::string ewire = wire + ".member." + std::to_string(n + 1);
      std::string epath = path + "." + std::to_string(n + 1) + ".member";
      if (element.kind == c::Kind::kStructure) {
        if (!HasPrefixed(params_, ewire + ".")) break;
        Structure(element, ewire + ".", epath + ".");
        continue;
      }
      auto it = params_.find(ewire);
      if (it == params_.end()) break;
      if (!ScalarViolations(element, it->second).empty()) element_failed = true;
    }
    if (shape.has_max && n > shape.max) Add(path, LengthText(true, shape.max));
    if (shape.has_min && n < shape.min) Add(path, LengthText(false, shape.min));
    if (element_failed) Add(path, ElementConstraints(element));
  }

  void Missing(bool required, const std::string& path) {
    if (required) out_.push_back({path, "Member must not be null", true});
  }
  void Add(const std::string& path, std::string constraint) {
    out_.push_back({path, std::move(constraint), false});
  }

  const Params& params_;
  std::vector<InputViolation> out_;
};

// Java's String.hashCode over UTF-16 (our paths are ASCII) and HashMap's bucket order.
std::uint32_t JavaHash(std::string_view s) {
  std::uint32_t h = 0;
  for (char ch : s) h = 31 * h + static_cast<unsigned char>(ch);
  return h ^ (h >> 16);
}

void SortAsAws(std::vector<InputViolation>& v) {
  std::vector<std::string> keys;
  for (const auto& x : v) {
    if (std::find(keys.begin(), keys.end(), x.path) == keys.end()) keys.push_back(x.path);
  }
  std::uint32_t capacity = 16;
  while (keys.size() > capacity * 3 / 4) capacity *= 2;  // HashMap's resize at load 0.75
  std::stable_sort(v.begin(), v.end(), [&](const InputViolation& a, const InputViolation& b) {
    std::uint32_t ba = JavaHash(a.path) & (capacity - 1);
    std::uint32_t bb = JavaHash(b.path) & (capacity - 1);
    if (ba != bb) return ba < bb;
    // Same bucket: the order the keys were first inserted (then each key's own order).
    return std::find(keys.begin(), keys.end(), a.path) <
           std::find(keys.begin(), keys.end(), b.path);
  });
}

const c::Operation* FindOperation(std::string_view service, std::string_view action) {
  auto ops = c::Operations();
  auto it = std::lower_bound(ops.begin(), ops.end(), std::pair(service, action),
                             [](const c::Operation& op, const auto& key) {
                               return std::pair(op.service, op.action) < key;
                             });
  if (it == ops.end() || it->service != service || it->action != action) return nullptr;
  return &*it;
}

}  // namespace

std::size_t CharacterCount(std::string_view utf8) {
  std::u32string cps;
  return DecodeUtf8(utf8, cps) ? cps.size() : utf8.size();
}

bool MatchesPattern(int pattern, std::string_view value) {
  const auto& matchers = Matchers();
  if (pattern < 0 || static_cast<std::size_t>(pattern) >= matchers.size()) return false;
  const Matcher& m = matchers[pattern];
  if (m.cls) {
    std::u32string cps;
    if (!DecodeUtf8(value, cps)) return false;
    if (cps.empty()) return m.cls->allow_empty;
    return std::all_of(cps.begin(), cps.end(), [&](char32_t cp) { return m.cls->Contains(cp); });
  }
  if (!m.re) return false;
  return std::regex_match(value.begin(), value.end(), *m.re);
}

bool AllPatternsKnown() {
  const auto& matchers = Matchers();
  return std::all_of(matchers.begin(), matchers.end(), [](const Matcher& m) { return m.valid; });
}

std::vector<InputViolation> InputViolations(std::string_view service, std::string_view action,
                                            const std::map<std::string, std::string>& params) {
  const c::Operation* op = FindOperation(service, action);
  if (op == nullptr || op->input < 0) return {};
  Walker walker(params);
  walker.Structure(c::Shapes()[op->input], "", "");
  std::vector<InputViolation> v = walker.Take();
  SortAsAws(v);
  return v;
}

std::optional<std::string> ValidateInput(std::string_view service, std::string_view action,
                                         const std::map<std::string, std::string>& params) {
  std::vector<InputViolation> v = InputViolations(service, action, params);
  if (v.empty()) return std::nullopt;
  std::string msg = std::to_string(v.size()) + (v.size() == 1 ? " validation error detected: "
                                                              : " validation errors detected: ");
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) msg += "; ";
    msg += (v[i].null ? "Value null at '" : "Value at '") + v[i].path +
           "' failed to satisfy constraint: " + v[i].constraint;
  }
  return msg;
}

}  // namespace aic::emulator::state
