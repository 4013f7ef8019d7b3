#include "script/lua_pattern.h"

#include <cstring>
#include <new>
#include <string_view>

#include "script/pattern_matcher.h"

namespace aic::script {

namespace {

PatternCheck CheckOf(lua_State* L) {
  return *static_cast<PatternCheck*>(lua_touserdata(L, lua_upvalueindex(1)));
}

// A 1-based position argument made a 0-based offset (negative counts from the end).
std::size_t StartOffset(lua_State* L, int arg, std::size_t len) {
  const lua_Integer pos = luaL_optinteger(L, arg, 1);
  if (pos > 0) return static_cast<std::size_t>(pos) - 1;
  if (pos == 0 || pos < -static_cast<lua_Integer>(len)) return 0;
  return len - static_cast<std::size_t>(-pos);
}

bool HasSpecials(std::string_view p) { return p.find_first_of("^$*+?.([%-") != p.npos; }

// string.find with plain text: the offset of `p` in `s` from `from`, or npos; counts its work.
std::size_t PlainFind(PatternMatcher& m, std::string_view s, std::string_view p, std::size_t from) {
  if (p.empty()) return from;
  if (p.size() > s.size()) return s.npos;
  const std::size_t last = s.size() - p.size();
  for (std::size_t i = from; i <= last;) {
    const void* hit = std::memchr(s.data() + i, p[0], last - i + 1);
    if (hit == nullptr) return s.npos;
    i = static_cast<std::size_t>(static_cast<const char*>(hit) - s.data());
    m.Step(static_cast<std::uint32_t>(p.size() / 64) + 1);
    if (std::memcmp(s.data() + i + 1, p.data() + 1, p.size() - 1) == 0) return i;
    ++i;
  }
  return s.npos;
}

int FindAux(lua_State* L, bool find) {
  std::size_t ls = 0, lp = 0;
  const char* s = luaL_checklstring(L, 1, &ls);
  const char* p = luaL_checklstring(L, 2, &lp);
  const std::size_t init = StartOffset(L, 3, ls);
  if (init > ls) {
    luaL_pushfail(L);
    return 1;
  }
  if (find && (lua_toboolean(L, 4) || !HasSpecials({p, lp}))) {
    PatternMatcher m(L, CheckOf(L), s, ls, p, lp);
    const std::size_t at = PlainFind(m, {s, ls}, {p, lp}, init);
    if (at == std::string_view::npos) {
      luaL_pushfail(L);
      return 1;
    }
    lua_pushinteger(L, static_cast<lua_Integer>(at) + 1);
    lua_pushinteger(L, static_cast<lua_Integer>(at + lp));
    return 2;
  }
  const bool anchor = lp > 0 && *p == '^';
  const char* pat = anchor ? p + 1 : p;
  PatternMatcher m(L, CheckOf(L), s, ls, pat, lp - (anchor ? 1 : 0));
  const char* start = s + init;
  do {
    m.Reset();
    const char* e = m.Match(start, pat);
    if (e != nullptr) {
      if (!find) return m.PushCaptures(start, e);
      lua_pushinteger(L, static_cast<lua_Integer>(start - s) + 1);
      lua_pushinteger(L, static_cast<lua_Integer>(e - s));
      return m.PushCaptures(nullptr, nullptr) + 2;
    }
  } while (start++ < s + ls && !anchor);
  luaL_pushfail(L);
  return 1;
}

int Find(lua_State* L) { return FindAux(L, true); }
int MatchFn(lua_State* L) { return FindAux(L, false); }

// gmatch's iterator state (upvalues: check, subject, pattern, this; the upvalues keep the
// strings the matcher points into alive).
struct GmatchState {
  PatternMatcher matcher;
  const char* p;
  std::size_t next = 0;      // where the next attempt starts
  std::ptrdiff_t last = -1;  // end of the previous match (an empty match may not repeat it)
};

int GmatchNext(lua_State* L) {
  std::size_t ls = 0;
  const char* s = lua_tolstring(L, lua_upvalueindex(2), &ls);
  auto* st = static_cast<GmatchState*>(lua_touserdata(L, lua_upvalueindex(4)));
  PatternMatcher& m = st->matcher;
  m.Rebind(L);
  for (std::size_t at = st->next; at <= ls; ++at) {
    const char* src = s + at;
    m.Reset();
    const char* e = m.Match(src, st->p);
    if (e != nullptr && e - s != st->last) {
      st->next = static_cast<std::size_t>(e - s);
      st->last = e - s;
      return m.PushCaptures(src, e);
    }
  }
  st->next = ls + 1;
  return 0;
}

int Gmatch(lua_State* L) {
  std::size_t ls = 0, lp = 0;
  const char* s = luaL_checklstring(L, 1, &ls);
  const char* p = luaL_checklstring(L, 2, &lp);
  std::size_t init = StartOffset(L, 3, ls);
  if (init > ls) init = ls + 1;  // no matches
  lua_settop(L, 2);
  void* mem = lua_newuserdatauv(L, sizeof(GmatchState), 0);
  new (mem) GmatchState{PatternMatcher(L, CheckOf(L), s, ls, p, lp), p, init, -1};
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_pushcclosure(L, GmatchNext, 4);
  return 1;
}

// Appends the replacement string (argument 3) for the match [s, e), expanding %0-%9 and %%.
void AddString(lua_State* L, PatternMatcher& m, luaL_Buffer* b, const char* s, const char* e) {
  std::size_t len = 0;
  const char* r = lua_tolstring(L, 3, &len);
  const char* end = r + len;
  while (r < end) {
    const char* pct = static_cast<const char*>(std::memchr(r, '%', end - r));
    if (pct == nullptr) {
      luaL_addlstring(b, r, end - r);
      break;
    }
    luaL_addlstring(b, r, pct - r);
    r = pct + 1;
    const char d = r < end ? *r : '\0';
    if (d == '%') {
      luaL_addchar(b, '%');
    } else if (d == '0') {
      luaL_addlstring(b, s, e - s);
    } else if (d >= '1' && d <= '9') {
      std::string_view text;
      if (m.CaptureText(d - '1', s, e, &text)) {
        luaL_addlstring(b, text.data(), text.size());
      } else {
        luaL_tolstring(L, -1, nullptr);  // a position
        lua_remove(L, -2);
        luaL_addvalue(b);
      }
    } else {
      luaL_error(L, "invalid use of '%c' in replacement string", '%');
    }
    ++r;
  }
  m.Step(static_cast<std::uint32_t>(len / 64));
}

// Appends the replacement of the match [s, e); returns whether it changed the text.
bool AddValue(lua_State* L, PatternMatcher& m, luaL_Buffer* b, const char* s, const char* e,
              int type) {
  if (type == LUA_TFUNCTION) {
    lua_pushvalue(L, 3);
    const int n = m.PushCaptures(s, e);
    lua_call(L, n, 1);
  } else if (type == LUA_TTABLE) {
    m.PushCapture(0, s, e);
    lua_gettable(L, 3);
  } else {
    AddString(L, m, b, s, e);
    return true;
  }
  if (!lua_toboolean(L, -1)) {
    lua_pop(L, 1);
    luaL_addlstring(b, s, e - s);  // keep the original
    return false;
  }
  if (!lua_isstring(L, -1)) {
    return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1)) != 0;
  }
  luaL_addvalue(b);
  return true;
}

int Gsub(lua_State* L) {
  std::size_t ls = 0, lp = 0;
  const char* src = luaL_checklstring(L, 1, &ls);
  const char* p = luaL_checklstring(L, 2, &lp);
  const int type = lua_type(L, 3);
  const lua_Integer max_n = luaL_optinteger(L, 4, static_cast<lua_Integer>(ls) + 1);
  luaL_argexpected(
      L, type == LUA_TNUMBER || type == LUA_TSTRING || type == LUA_TFUNCTION || type == LUA_TTABLE,
      3, "string/function/table");
  const bool anchor = lp > 0 && *p == '^';
  if (anchor) {
    ++p;
    --lp;
  }
  const char* const end = src + ls;
  PatternMatcher m(L, CheckOf(L), src, ls, p, lp);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  const char* last = nullptr;
  lua_Integer n = 0;
  bool changed = false;
  while (n < max_n) {
    m.Reset();
    const char* e = m.Match(src, p);
    if (e != nullptr && e != last) {
      ++n;
      changed = AddValue(L, m, &b, src, e, type) || changed;
      src = last = e;
    } else if (src < end) {
      luaL_addchar(&b, *src++);
    } else {
      break;
    }
    if (anchor) break;
  }
  if (!changed) {
    lua_pushvalue(L, 1);
  } else {
    luaL_addlstring(&b, src, end - src);
    luaL_pushresult(&b);
  }
  lua_pushinteger(L, n);
  return 2;
}

}  // namespace

void InstallLuaPatterns(lua_State* L, PatternCheck check) {
  static const luaL_Reg kFunctions[] = {
      {"find", Find}, {"match", MatchFn}, {"gmatch", Gmatch}, {"gsub", Gsub}, {nullptr, nullptr}};
  auto* slot = static_cast<PatternCheck*>(lua_newuserdatauv(L, sizeof(PatternCheck), 0));
  *slot = check;
  luaL_setfuncs(L, kFunctions, 1);
}

}  // namespace aic::script
