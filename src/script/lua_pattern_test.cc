// Differential test of lua_pattern.h: string.find/match/gmatch/gsub against Lua's own, over
// random patterns (well-formed and malformed) and subjects; and the step check stopping a
// backtracking pattern.
#include "script/lua_pattern.h"

#include <gtest/gtest.h>

#include <string>

namespace aic::script {
namespace {

struct LuaState {
  LuaState() : L(luaL_newstate()) { luaL_openlibs(L); }
  ~LuaState() { lua_close(L); }
  lua_State* L;
};

std::uint64_t g_steps = 0;
std::uint64_t g_step_limit = UINT64_MAX;

void CountingCheck(lua_State* L, std::uint32_t steps) {
  g_steps += steps;
  if (g_steps > g_step_limit) luaL_error(L, "step limit exceeded");
}

// `ours` = our four functions; `string` stays Lua's.
void InstallOurs(lua_State* L) {
  lua_newtable(L);
  InstallLuaPatterns(L, CountingCheck);
  lua_setglobal(L, "ours");
}

std::string RunLua(lua_State* L, const char* source) {
  if (luaL_dostring(L, source) != LUA_OK) return std::string("error: ") + lua_tostring(L, -1);
  const char* s = lua_tostring(L, -1);
  return s != nullptr ? s : "(not a string)";
}

constexpr const char* kDifferential = R"lua(
math.randomseed(20261129)
local atoms = {"a", "b", "c", ".", "%a", "%d", "%s", "%w", "%A", "%p", "%x", "%u", "%l", "%c",
  "%g", "%S", "%D", "%W", "%.", "%%", "[abc]", "[^ab]", "[a-c]", "[%d_]", "[]]", "[^]a]",
  "[%a-]", "[a-]", "[-a]", "%b()", "%bab", "%f[%w]", "%f[%W]", "%f[^a]", "%1", "%2", "%0", "()",
  "X", " ", "1", "_", "-", "%z"}
local broken = {"%", "[a", "(", ")", "%f", "%fa", "%b", "%ba", "%9", "[%", "[^"}
local quants = {"", "", "", "*", "+", "-", "?"}
local function pattern()
  local parts, open = {}, 0
  if math.random(5) == 1 then parts[#parts + 1] = "^" end
  for _ = 1, math.random(0, 6) do
    local r = math.random(20)
    if r == 1 then parts[#parts + 1] = "("; open = open + 1
    elseif r == 2 and open > 0 then parts[#parts + 1] = ")"; open = open - 1
    elseif r == 3 and math.random(4) == 1 then parts[#parts + 1] = broken[math.random(#broken)]
    else
      local a = atoms[math.random(#atoms)]
      if a:sub(1, 2) ~= "%b" and a:sub(1, 2) ~= "%f" and a ~= "()" and not a:match("^%%%d$") then
        a = a .. quants[math.random(#quants)]
      end
      parts[#parts + 1] = a
    end
  end
  for _ = 1, open do if math.random(6) > 1 then parts[#parts + 1] = ")" end end
  if math.random(5) == 1 then parts[#parts + 1] = "$" end
  return table.concat(parts)
end
local chars = {"a", "b", "c", "1", "2", " ", "_", "(", ")", "X", "-", "%", "\0", "\n", "\200"}
local function subject()
  local t = {}
  for i = 1, math.random(0, 14) do t[i] = chars[math.random(#chars)] end
  return table.concat(t)
end
local function show(...)
  local n = select("#", ...)
  local t = {}
  for i = 1, n do
    local v = select(i, ...)
    -- an error names the calling line, which differs between the two closures
    t[i] = type(v) .. ":" .. tostring(v):gsub('^%[string "[^"]*"%]:%d+: ', "")
  end
  return table.concat(t, "|")
end
local function collect(gm, s, p, init)
  return function()
    local out = {}
    for a, b, c in gm(s, p, init) do
      out[#out + 1] = show(a, b, c)
      if #out > 40 then break end
    end
    return table.concat(out, ";")
  end
end
local repl_table = {a = "A", b = false, ["1"] = 7, [""] = "E"}
local function repl_fn(a, b) if a == "b" then return nil end return (a or "") .. "!" .. tostring(b) end
local repls = {"<%0>", "[%1]", "%%", "x%2", "%", "%z", repl_table, repl_fn, 5}
local inits = {nil, 1, 2, 3, -1, -3, 0, 20, -20}
local mismatches, cases, errors = {}, 0, 0
local function compare(what, f, g)
  cases = cases + 1
  local a, b = show(pcall(f)), show(pcall(g))
  if a:find("^boolean:false") then errors = errors + 1 end
  if a ~= b and #mismatches < 10 then
    mismatches[#mismatches + 1] = what .. "\n  stock: " .. a .. "\n  ours:  " .. b
  end
end
for _ = 1, 6000 do
  local p, s = pattern(), subject()
  local init = inits[math.random(#inits)]
  local what = string.format("%q on %q init %s", p, s, tostring(init))
  compare("find " .. what, function() return string.find(s, p, init) end,
          function() return ours.find(s, p, init) end)
  compare("plain find " .. what, function() return string.find(s, p, init, true) end,
          function() return ours.find(s, p, init, true) end)
  compare("match " .. what, function() return string.match(s, p, init) end,
          function() return ours.match(s, p, init) end)
  compare("gmatch " .. what, collect(string.gmatch, s, p, init), collect(ours.gmatch, s, p, init))
  local r = repls[math.random(#repls)]
  local n = ({nil, 0, 1, 2})[math.random(4)]
  compare("gsub " .. what .. " repl " .. tostring(r) .. " n " .. tostring(n),
          function() return string.gsub(s, p, r, n) end,
          function() return ours.gsub(s, p, r, n) end)
end
-- Fixed cases the generator is unlikely to produce.
local fixed = {
  {"hello world from Lua", "(%w+)%s*(%w+)"}, {"  x  ", "^%s*(.-)%s*$"},
  {"THE (quick) fox", "%f[%a]%a+"}, {"key=value; k2=v2", "(%w+)=(%w+)"},
  {"f(a(b)c)d", "%b()"}, {"abcabc", "(abc)%1"}, {"aaa", "a-b"}, {"aaa", "^a-$"},
  {"[x]", "[]]"}, {"a.b", "%."}, {"", ""}, {"abc", ""}, {"abc", "()"}, {"abc", "$"},
  {"a$b", "a$b"}, {"^a", "^^a"}, {"x^y", "x^y"}, {"aaab", "a*b"}, {"b", "a+b"},
  {"arn:aws:iam::1:user/a", "user/(.+)$"}, {string.rep("a", 300), string.rep("a?", 30)},
  {"abc", string.rep("(", 33) .. "a" .. string.rep(")", 33)},
  {string.rep("x", 250), string.rep("x?", 210)}, {"abc", "(()"}, {"abc", "%1"},
}
for _, c in ipairs(fixed) do
  local s, p = c[1], c[2]
  local what = string.format("%q on %q", p, s)
  compare("find " .. what, function() return string.find(s, p) end,
          function() return ours.find(s, p) end)
  compare("match " .. what, function() return string.match(s, p) end,
          function() return ours.match(s, p) end)
  compare("gmatch " .. what, collect(string.gmatch, s, p), collect(ours.gmatch, s, p))
  compare("gsub " .. what, function() return string.gsub(s, p, "<%0>") end,
          function() return ours.gsub(s, p, "<%0>") end)
end
-- A gmatch iterator made in one coroutine and run in another.
local it = ours.gmatch("a1b22c333", "%d+")
local co = coroutine.wrap(function() local t = {} for d in it do t[#t + 1] = d end return table.concat(t, ",") end)
compare("gmatch in a coroutine", function() return "1,22,333" end, co)
-- Argument errors.
compare("find no pattern", function() return string.find("a") end, function() return ours.find("a") end)
compare("gsub bad repl", function() return string.gsub("a", "a", true) end,
        function() return ours.gsub("a", "a", true) end)
compare("gsub bad value", function() return string.gsub("a", "a", {a = {}}) end,
        function() return ours.gsub("a", "a", {a = {}}) end)
return string.format("%d cases, %d errors, %d mismatches\n%s", cases, errors, #mismatches,
                     table.concat(mismatches, "\n"))
)lua";

TEST(LuaPatternTest, MatchesLuaOnRandomPatterns) {
  LuaState lua;
  InstallOurs(lua.L);
  g_step_limit = UINT64_MAX;
  const std::string report = RunLua(lua.L, kDifferential);
  EXPECT_NE(report.find(" 0 mismatches"), std::string::npos) << report;
  EXPECT_EQ(report.find("error: "), std::string::npos) << report;
  std::printf("%s\n", report.substr(0, report.find('\n')).c_str());
}

TEST(LuaPatternTest, BacktrackingPatternIsStoppedByTheCheck) {
  LuaState lua;
  InstallOurs(lua.L);
  g_steps = 0;
  g_step_limit = 10'000'000;
  // Exponential for Lua's own matcher (2^40 tries): hours; stopped here after 1e7 steps.
  const std::string report = RunLua(lua.L, R"(
    local ok, err = pcall(ours.find, string.rep("a", 40), string.rep("a?", 40) .. string.rep("a", 40) .. "b")
    local ok2, err2 = pcall(ours.find, string.rep("a", 20000), ".-.-.-.-b")
    local ok3, err3 = pcall(ours.find, string.rep("a", 1 << 20), string.rep("a", 1 << 18) .. "b", 1, true)
    return tostring(ok) .. " " .. err .. " " .. tostring(ok2) .. tostring(ok3))");
  EXPECT_EQ(report, "false step limit exceeded falsefalse");
  g_step_limit = UINT64_MAX;
}

}  // namespace
}  // namespace aic::script
