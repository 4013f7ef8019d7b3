// InstallWorkLimits (run_state.h): the library functions that loop in C without allocating
// charge their work with ChargeSteps, so that the time limit and the instruction budget hold
// inside them. Functions that build strings (string.rep, format, lower, upper, reverse, gsub,
// table.concat's buffer, the `..` operator) are bounded by the allocator, which counts every
// byte against the memory cap and checks the deadline every kScriptAllocCheckBytes.
#include <algorithm>
#include <cstdint>

#include "script/run_state.h"

namespace aic::script {

namespace {

using Cost = std::uint64_t (*)(lua_State* L);

std::uint64_t Span(lua_Integer i, lua_Integer j) {
  return j < i ? 0 : static_cast<std::uint64_t>(j) - static_cast<std::uint64_t>(i) + 1;
}

std::uint64_t RawLen(lua_State* L, int arg) {
  return lua_type(L, arg) == LUA_TTABLE ? lua_rawlen(L, arg) : 0;
}

// table.insert(t, [pos,] v) and table.remove(t [, pos]) shift the elements after pos.
std::uint64_t Shift(lua_State* L, bool has_pos) {
  if (!has_pos || !lua_isinteger(L, 2)) return 1;
  return 1 + Span(lua_tointeger(L, 2), static_cast<lua_Integer>(RawLen(L, 1)));
}
std::uint64_t InsertCost(lua_State* L) { return Shift(L, lua_gettop(L) >= 3); }
std::uint64_t RemoveCost(lua_State* L) { return Shift(L, true); }

// table.concat(t, sep, i, j) and table.unpack(t, i, j): at most the elements that exist.
std::uint64_t RangeCost(lua_State* L, int first) {
  const auto n = static_cast<lua_Integer>(RawLen(L, 1));
  const lua_Integer i = lua_isinteger(L, first) ? lua_tointeger(L, first) : 1;
  const lua_Integer j = lua_isinteger(L, first + 1) ? lua_tointeger(L, first + 1) : n;
  return 1 + std::min<std::uint64_t>(Span(i, j), static_cast<std::uint64_t>(n) + 1);
}
std::uint64_t ConcatCost(lua_State* L) { return RangeCost(L, 3); }
std::uint64_t UnpackCost(lua_State* L) { return RangeCost(L, 2); }

// utf8.len(s, i, j), utf8.codepoint(s, i, j), utf8.offset(s, n, i): a scan of the string.
std::uint64_t Utf8Cost(lua_State* L) {
  std::size_t len = 0;
  if (lua_type(L, 1) == LUA_TSTRING) lua_tolstring(L, 1, &len);
  return 1 + len / 16;
}
std::uint64_t OffsetCost(lua_State* L) {
  std::size_t len = 0;
  if (lua_type(L, 1) == LUA_TSTRING) lua_tolstring(L, 1, &len);
  const lua_Integer n = lua_isinteger(L, 2) ? lua_tointeger(L, 2) : 0;
  const std::uint64_t chars = n < 0 ? 0 - static_cast<std::uint64_t>(n) : n;
  return 1 + std::min<std::uint64_t>(chars, len) / 16;
}

// Charges the cost (upvalue 2), then calls the original (upvalue 1).
int Charged(lua_State* L) {
  auto cost = reinterpret_cast<Cost>(lua_touserdata(L, lua_upvalueindex(2)));
  ChargeSteps(L, cost(L));
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

void Wrap(lua_State* L, const char* name, Cost cost) {
  lua_getfield(L, -1, name);
  lua_pushlightuserdata(L, reinterpret_cast<void*>(cost));
  lua_pushcclosure(L, Charged, 2);
  lua_setfield(L, -2, name);
}

// The comparator table.sort uses when none is given: a < b, charging string comparisons.
int ChargedLess(lua_State* L) {
  std::size_t la = 0, lb = 0;
  if (lua_type(L, 1) == LUA_TSTRING && lua_type(L, 2) == LUA_TSTRING) {
    lua_tolstring(L, 1, &la);
    lua_tolstring(L, 2, &lb);
  }
  ChargeSteps(L, 1 + std::min(la, lb) / 64);
  lua_pushboolean(L, lua_compare(L, 1, 2, LUA_OPLT));
  return 1;
}

// table.sort(t [, comp]): the original with ChargedLess when comp is absent.
int Sort(lua_State* L) {
  if (lua_isnoneornil(L, 2)) {
    lua_settop(L, 1);
    lua_pushcfunction(L, ChargedLess);
  }
  ChargeSteps(L, RawLen(L, 1));
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 0);
  return 0;
}

// table.move(a1, f, e, t [, a2]) (manual 6.6) moving one element per step.
int Move(lua_State* L) {
  const lua_Integer f = luaL_checkinteger(L, 2);
  const lua_Integer e = luaL_checkinteger(L, 3);
  const lua_Integer t = luaL_checkinteger(L, 4);
  const int tt = lua_isnoneornil(L, 5) ? 1 : 5;
  auto check_table = [L](int arg, const char* field) {
    if (lua_type(L, arg) == LUA_TTABLE) return;
    bool ok = false;
    if (lua_getmetatable(L, arg)) {
      ok = lua_getfield(L, -1, field) != LUA_TNIL;
      lua_pop(L, 2);
    }
    if (!ok) luaL_checktype(L, arg, LUA_TTABLE);
  };
  check_table(1, "__index");
  check_table(tt, "__newindex");
  if (e >= f) {
    luaL_argcheck(L, f > 0 || e < LUA_MAXINTEGER + f, 3, "too many elements to move");
    const lua_Integer n = e - f + 1;
    luaL_argcheck(L, t <= LUA_MAXINTEGER - n + 1, 4, "destination wrap around");
    const bool forward = t > e || t <= f || (tt != 1 && !lua_compare(L, 1, tt, LUA_OPEQ));
    for (lua_Integer k = 0; k < n; ++k) {
      const lua_Integer i = forward ? k : n - 1 - k;
      ChargeSteps(L, 1);
      lua_geti(L, 1, f + i);
      lua_seti(L, tt, t + i);
    }
  }
  lua_pushvalue(L, tt);
  return 1;
}

}  // namespace

void InstallWorkLimits(lua_State* L) {
  lua_getglobal(L, LUA_TABLIBNAME);
  Wrap(L, "insert", InsertCost);
  Wrap(L, "remove", RemoveCost);
  Wrap(L, "concat", ConcatCost);
  Wrap(L, "unpack", UnpackCost);
  lua_getfield(L, -1, "sort");
  lua_pushcclosure(L, Sort, 1);
  lua_setfield(L, -2, "sort");
  lua_pushcfunction(L, Move);
  lua_setfield(L, -2, "move");
  lua_pop(L, 1);
  lua_getglobal(L, LUA_UTF8LIBNAME);
  Wrap(L, "len", Utf8Cost);
  Wrap(L, "codepoint", Utf8Cost);
  Wrap(L, "offset", OffsetCost);
  lua_pop(L, 1);
}

}  // namespace aic::script
