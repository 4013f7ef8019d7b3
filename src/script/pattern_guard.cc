#include "script/pattern_guard.h"

#include <cmath>

namespace aic::script {

namespace {

// Index of the character after the class starting at `i` (a char, %x, or a [set]).
std::size_t SkipClass(std::string_view p, std::size_t i) {
  if (p[i] == '%') return i + 2;
  if (p[i] != '[') return i + 1;
  std::size_t j = i + 1;
  if (j < p.size() && p[j] == '^') ++j;
  if (j < p.size() && p[j] == ']') ++j;  // a leading ']' is literal
  while (j < p.size() && p[j] != ']') j += (p[j] == '%') ? 2 : 1;
  return j + 1;
}

int Guarded(lua_State* L) {
  std::size_t n = 0, plen = 0;
  luaL_checklstring(L, 1, &n);
  const char* p = luaL_checklstring(L, 2, &plen);
  const bool plain = lua_toboolean(L, lua_upvalueindex(2)) && lua_toboolean(L, 4);
  if (!plain) {
    std::string_view pattern(p, plen);
    int k = PatternQuantifiers(pattern);
    if (pattern.empty() || pattern[0] != '^') ++k;
    if (k >= 2 && std::pow(static_cast<double>(n), k) > kScriptMaxPatternWork) {
      return luaL_error(L, "pattern too complex for a subject of %d bytes", static_cast<int>(n));
    }
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

}  // namespace

int PatternQuantifiers(std::string_view p) {
  int k = 0;
  std::size_t i = 0;
  while (i < p.size()) {
    if (p[i] == '%' && i + 1 < p.size() && p[i + 1] == 'b') {
      ++k;
      i += 4;
      continue;
    }
    if (p[i] == '(' || p[i] == ')' || (i == 0 && p[i] == '^')) {
      ++i;
      continue;
    }
    std::size_t next = SkipClass(p, i);
    if (next < p.size() && (p[next] == '*' || p[next] == '+' || p[next] == '-')) {
      ++k;
      ++next;
    } else if (next < p.size() && p[next] == '?') {
      ++next;
    }
    i = next;
  }
  return k;
}

void InstallPatternGuard(lua_State* L) {
  for (const char* name : {"find", "match", "gmatch", "gsub"}) {
    lua_getfield(L, -1, name);
    lua_pushboolean(L, std::string_view(name) == "find");  // only find has `plain`
    lua_pushcclosure(L, Guarded, 2);
    lua_setfield(L, -2, name);
  }
}

}  // namespace aic::script
