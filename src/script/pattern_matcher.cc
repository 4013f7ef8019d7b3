#include "script/pattern_matcher.h"

#include <cctype>
#include <cstring>

namespace aic::script {

namespace {

constexpr std::ptrdiff_t kUnfinished = -1;
constexpr std::ptrdiff_t kPosition = -2;

bool MatchClass(int c, int cl) {
  bool res;
  switch (std::tolower(cl)) {
    case 'a':
      res = std::isalpha(c);
      break;
    case 'c':
      res = std::iscntrl(c);
      break;
    case 'd':
      res = std::isdigit(c);
      break;
    case 'g':
      res = std::isgraph(c);
      break;
    case 'l':
      res = std::islower(c);
      break;
    case 'p':
      res = std::ispunct(c);
      break;
    case 's':
      res = std::isspace(c);
      break;
    case 'u':
      res = std::isupper(c);
      break;
    case 'w':
      res = std::isalnum(c);
      break;
    case 'x':
      res = std::isxdigit(c);
      break;
    case 'z':  // Lua 5.1's class, still accepted by 5.4
      res = c == 0;
      break;
    default:
      return cl == c;  // %. and friends: the character itself
  }
  return std::isupper(cl) ? !res : res;
}

int Byte(const char* p) { return static_cast<unsigned char>(*p); }

}  // namespace

// The end of the single-character class at `p`: a character, `.`, %x or a [set].
const char* PatternMatcher::ClassEnd(const char* p) {
  const char c = *p++;
  if (c == '%') {
    if (p >= p_end_) luaL_error(L_, "malformed pattern (ends with '%%')");
    return p + 1;
  }
  if (c != '[') return p;
  if (p < p_end_ && *p == '^') ++p;
  // The first character of a set is taken as is, even a ']'.
  do {
    if (p >= p_end_) luaL_error(L_, "malformed pattern (missing ']')");
    const char d = *p++;
    if (d == '%' && p < p_end_) ++p;
  } while (p >= p_end_ || *p != ']');
  return p + 1;
}

// Whether `c` is in the set [p, ec] (p at '[', ec at its ']').
bool PatternMatcher::MatchSet(int c, const char* p, const char* ec) {
  bool in = true;
  ++p;
  if (*p == '^') {
    in = false;
    ++p;
  }
  for (; p < ec; ++p) {
    if (*p == '%') {
      ++p;
      if (MatchClass(c, Byte(p))) return in;
    } else if (p + 2 < ec && p[1] == '-') {
      if (Byte(p) <= c && c <= Byte(p + 2)) return in;
      p += 2;
    } else if (Byte(p) == c) {
      return in;
    }
  }
  return !in;
}

bool PatternMatcher::SingleMatch(const char* s, const char* p, const char* ep) {
  if (s >= s_end_) return false;
  const int c = Byte(s);
  switch (*p) {
    case '.':
      return true;
    case '%':
      return MatchClass(c, Byte(p + 1));
    case '[':
      return MatchSet(c, p, ep - 1);
    default:
      return Byte(p) == c;
  }
}

void PatternMatcher::Check() {
  const std::uint32_t done = steps_;
  steps_ = 0;
  check_(L_, done);
}

const char* PatternMatcher::Match(const char* s, const char* p) { return DoMatch(s, p); }

const char* PatternMatcher::DoMatch(const char* s, const char* p) {
  if (depth_++ >= kMaxDepth) luaL_error(L_, "pattern too complex");
  const char* result = nullptr;
  for (;;) {
    Step();
    if (p == p_end_) {
      result = s;
      break;
    }
    if (*p == '(') {
      result = (p + 1 < p_end_ && p[1] == ')') ? StartCapture(s, p + 2, kPosition)
                                               : StartCapture(s, p + 1, kUnfinished);
      break;
    }
    if (*p == ')') {
      result = EndCapture(s, p + 1);
      break;
    }
    if (*p == '$' && p + 1 == p_end_) {
      result = s == s_end_ ? s : nullptr;
      break;
    }
    if (*p == '%' && p + 1 < p_end_) {
      const char next = p[1];
      if (next == 'b') {
        s = MatchBalance(s, p + 2);
        if (s == nullptr) break;
        p += 4;
        continue;
      }
      if (next == 'f') {
        p += 2;
        if (p >= p_end_ || *p != '[') luaL_error(L_, "missing '[' after '%%f' in pattern");
        const char* ep = ClassEnd(p);
        const int prev = s == s_begin_ ? 0 : Byte(s - 1);
        const int cur = s < s_end_ ? Byte(s) : 0;
        if (MatchSet(prev, p, ep - 1) || !MatchSet(cur, p, ep - 1)) break;
        p = ep;
        continue;
      }
      if (next >= '0' && next <= '9') {
        s = MatchBackReference(s, next);
        if (s == nullptr) break;
        p += 2;
        continue;
      }
    }
    // A single-character class, maybe followed by a quantifier.
    const char* ep = ClassEnd(p);
    const char q = ep < p_end_ ? *ep : '\0';
    if (!SingleMatch(s, p, ep)) {
      if (q == '*' || q == '?' || q == '-') {  // zero repetitions are fine
        p = ep + 1;
        continue;
      }
      break;
    }
    if (q == '?') {
      result = DoMatch(s + 1, ep + 1);
      if (result != nullptr) break;
      p = ep + 1;
      continue;
    }
    if (q == '+') {
      result = MaxExpand(s + 1, p, ep);
    } else if (q == '*') {
      result = MaxExpand(s, p, ep);
    } else if (q == '-') {
      result = MinExpand(s, p, ep);
    } else {
      ++s;
      p = ep;
      continue;
    }
    break;
  }
  --depth_;
  return result;
}

const char* PatternMatcher::MaxExpand(const char* s, const char* p, const char* ep) {
  std::ptrdiff_t n = 0;
  while (SingleMatch(s + n, p, ep)) {
    ++n;
    Step();
  }
  for (; n >= 0; --n) {  // try the longest repetition first
    const char* r = DoMatch(s + n, ep + 1);
    if (r != nullptr) return r;
  }
  return nullptr;
}

const char* PatternMatcher::MinExpand(const char* s, const char* p, const char* ep) {
  for (;;) {
    const char* r = DoMatch(s, ep + 1);
    if (r != nullptr) return r;
    if (!SingleMatch(s, p, ep)) return nullptr;
    ++s;
  }
}

const char* PatternMatcher::StartCapture(const char* s, const char* p, std::ptrdiff_t what) {
  if (level_ >= kMaxCaptures) luaL_error(L_, "too many captures");
  captures_[level_] = {s, what};
  ++level_;
  const char* r = DoMatch(s, p);
  if (r == nullptr) --level_;
  return r;
}

const char* PatternMatcher::EndCapture(const char* s, const char* p) {
  int open = level_ - 1;
  while (open >= 0 && captures_[open].len != kUnfinished) --open;
  if (open < 0) luaL_error(L_, "invalid pattern capture");
  captures_[open].len = s - captures_[open].init;
  const char* r = DoMatch(s, p);
  if (r == nullptr) captures_[open].len = kUnfinished;
  return r;
}

// %bxy at `p` (pointing at x).
const char* PatternMatcher::MatchBalance(const char* s, const char* p) {
  if (p + 1 >= p_end_) luaL_error(L_, "malformed pattern (missing arguments to '%%b')");
  if (s >= s_end_ || *s != *p) return nullptr;
  const char open = p[0], close = p[1];
  int depth = 1;
  while (++s < s_end_) {
    Step();
    if (*s == close) {
      if (--depth == 0) return s + 1;
    } else if (*s == open) {
      ++depth;
    }
  }
  return nullptr;
}

int PatternMatcher::CheckCapture(int digit) {
  const int i = digit - '1';
  if (i < 0 || i >= level_ || captures_[i].len == kUnfinished) {
    luaL_error(L_, "invalid capture index %%%d", i + 1);
  }
  return i;
}

const char* PatternMatcher::MatchBackReference(const char* s, int digit) {
  const Capture& cap = captures_[CheckCapture(digit)];
  if (cap.len < 0) return nullptr;  // a position capture never matches text
  const auto len = static_cast<std::size_t>(cap.len);
  Step(static_cast<std::uint32_t>(len / 64));
  if (static_cast<std::size_t>(s_end_ - s) < len || std::memcmp(cap.init, s, len) != 0) {
    return nullptr;
  }
  return s + len;
}

bool PatternMatcher::CaptureText(int i, const char* s, const char* e, std::string_view* text) {
  if (i >= level_) {
    if (i != 0) luaL_error(L_, "invalid capture index %%%d", i + 1);
    *text = std::string_view(s, static_cast<std::size_t>(e - s));
    return true;
  }
  const Capture& cap = captures_[i];
  if (cap.len == kUnfinished) luaL_error(L_, "unfinished capture");
  if (cap.len == kPosition) {
    lua_pushinteger(L_, static_cast<lua_Integer>(cap.init - s_begin_) + 1);
    return false;
  }
  *text = std::string_view(cap.init, static_cast<std::size_t>(cap.len));
  return true;
}

void PatternMatcher::PushCapture(int i, const char* s, const char* e) {
  std::string_view text;
  if (CaptureText(i, s, e, &text)) lua_pushlstring(L_, text.data(), text.size());
}

int PatternMatcher::PushCaptures(const char* s, const char* e) {
  const int n = (level_ == 0 && s != nullptr) ? 1 : level_;
  luaL_checkstack(L_, n, "too many captures");
  for (int i = 0; i < n; ++i) PushCapture(i, s, e);
  return n;
}

}  // namespace aic::script
