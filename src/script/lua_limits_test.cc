// The run's limits hold inside C functions (issue 10): pattern matching, table functions that
// loop, string building, and the JSON conversion of results and of connector arguments.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "aws_iam_connector/script_runner.h"

namespace aic {
namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

class NullHost : public ScriptHost {
 public:
  Result<json> Create(std::string_view, const json& attrs) override { return json(attrs.size()); }
  Result<json> Get(std::string_view, std::string_view, std::string_view) override { return json(); }
  Result<json> Update(std::string_view, std::string_view, const json&) override { return json(); }
  Result<json> Patch(std::string_view, std::string_view, const json&) override { return json(); }
  Result<json> Delete(std::string_view, std::string_view) override { return json(); }
  Result<json> Search(std::string_view, std::string_view, const json&) override { return json(); }
  Result<json> Iam(std::string_view,
                   const std::vector<std::pair<std::string, std::string>>&) override {
    return json();
  }
};

Result<ScriptOutput> RunLua(std::string_view source, ScriptLimits limits,
                            ScriptHost* host = nullptr, json args = nullptr) {
  ScriptRunner runner(limits);
  ScriptContext ctx;
  ctx.host = host;
  ctx.args = std::move(args);
  return runner.Run("t", source, ctx);
}

ScriptLimits ShortTime() {
  ScriptLimits limits;
  limits.instruction_budget = UINT64_MAX;  // only the clock stops these
  limits.wall_clock = std::chrono::milliseconds(300);
  return limits;
}

// Runs `source`, which must stop on the 300 ms time limit well within 5 s.
void ExpectStoppedByTheClock(const char* source) {
  SCOPED_TRACE(source);
  const auto start = Clock::now();
  auto r = RunLua(source, ShortTime());
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kTimeout);
  EXPECT_NE(r.status().message().find("time limit of 300 ms exceeded"), std::string::npos)
      << r.status().ToString();
}

TEST(LuaLimitsTest, BacktrackingPatternsStopAtTheTimeLimit) {
  // Each runs for minutes to hours in Lua's own matcher, where no hook fires.
  ExpectStoppedByTheClock(
      "return string.find(string.rep('a', 40), "
      "string.rep('a?', 40) .. string.rep('a', 40) .. 'b')");
  ExpectStoppedByTheClock("return string.find(string.rep('a', 1250), '.-.-b')");
  ExpectStoppedByTheClock("return string.match(string.rep('a', 5000), '(.-)(.-)(.-)x')");
  ExpectStoppedByTheClock("for w in string.gmatch(string.rep('a', 3000), '.-.-b') do end");
  ExpectStoppedByTheClock("return string.gsub(string.rep('a', 3000), '.-.-b', '')");
  // pcall cannot swallow it.
  ExpectStoppedByTheClock("while true do pcall(string.find, string.rep('a', 3000), '.-.-b') end");
  // A plain find is O(n*m) too.
  ExpectStoppedByTheClock(
      "local s = string.rep('a', 1 << 22) local p = string.rep('a', 1 << 21) .. 'b' "
      "while true do s:find(p, 1, true) end");
}

TEST(LuaLimitsTest, LoopsInsideTableAndStringFunctionsStopAtTheTimeLimit) {
  ExpectStoppedByTheClock("table.move({}, 1, 1 << 50, 1, {})");
  ExpectStoppedByTheClock(
      "local s = string.rep('a', 8 << 20) local t = {} for i = 1, 2000 do t[i] = s end "
      "table.sort(t)");
  ExpectStoppedByTheClock(
      "local t = {} for i = 1, 1000000 do t[i] = i end "
      "while true do table.insert(t, 1, 0) table.remove(t, 1) end");
  ExpectStoppedByTheClock("local s = string.rep('x', 8 << 20) while true do local t = s .. s end");
  ExpectStoppedByTheClock("while true do local t = string.rep('x', 4 << 20) end");
  ExpectStoppedByTheClock("local s = string.rep('x', 16 << 20) while true do utf8.len(s) end");
}

TEST(LuaLimitsTest, OrdinaryUseOfTheWrappedFunctionsStillWorks) {
  auto r = RunLua(R"(
    local t = {5, 3, 9, 1}
    table.sort(t)
    table.insert(t, 1, 0) table.insert(t, 10) local removed = table.remove(t, 2)
    local moved = table.move({1, 2, 3}, 1, 3, 2)
    local words = {} for w in ("a bb ccc"):gmatch("%a+") do words[#words + 1] = w end
    local s = {"b", "a"} table.sort(s)
    local c = {3, 1, 2} table.sort(c, function(a, b) return a > b end)
    return {t = t, removed = removed, moved = moved, words = words, s = s, c = c,
            len = utf8.len("héllo"), cat = table.concat({1, 2, 3}, ","),
            sub = ("hello world"):gsub("o", "0"), un = select("#", table.unpack({1, 2, 3}))})",
                  ScriptLimits{});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->result, json::parse(R"({"t": [0, 3, 5, 9, 10], "removed": 1,
    "moved": [1, 1, 2, 3], "words": ["a", "bb", "ccc"], "s": ["a", "b"], "c": [3, 2, 1],
    "len": 5, "cat": "1,2,3", "sub": "hell0 w0rld", "un": 3})"));
}

TEST(LuaLimitsTest, ResultConversionCountsAgainstTheMemoryLimit) {
  // 1,000 references to one 1 MB string: 1 GB of JSON from 1 MB of Lua.
  const char* fanout =
      "local s = string.rep('x', 1 << 20) local t = {} for i = 1, 1000 do t[i] = s end return t";
  auto by_size = RunLua(fanout, ScriptLimits{});  // 16 MB of JSON come first
  EXPECT_EQ(by_size.status().code(), ErrorCode::kLimitExceeded);
  EXPECT_NE(by_size.status().message().find("result[16]: larger than 16777216 bytes of JSON"),
            std::string::npos)
      << by_size.status().ToString();
  ScriptLimits unbounded_text;
  unbounded_text.max_result_bytes = SIZE_MAX;
  auto r = RunLua(fanout, unbounded_text);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kLimitExceeded);
  EXPECT_NE(r.status().message().find("memory limit of 67108864 bytes exceeded converting to JSON"),
            std::string::npos)
      << r.status().ToString();
  // The serialised size is bounded before serialising (escapes count).
  ScriptLimits small;
  small.max_result_bytes = 1000;
  auto escaped = RunLua("return string.rep('\\1', 300)", small);
  EXPECT_EQ(escaped.status().code(), ErrorCode::kLimitExceeded) << escaped.status().ToString();
  auto fine = RunLua("return string.rep('x', 900)", small);
  EXPECT_TRUE(fine.ok()) << fine.status().ToString();
}

TEST(LuaLimitsTest, ArgumentConversionCountsAgainstTheMemoryLimit) {
  NullHost host;
  auto r = RunLua(
      "local s = string.rep('x', 1 << 20) local t = {} "
      "for i = 1, 1000 do t['k' .. i] = s end "
      "pcall(connector.create, '__ACCOUNT__', t) return 1",
      ScriptLimits{}, &host);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kLimitExceeded);
  EXPECT_NE(r.status().message().find("attrs"), std::string::npos) << r.status().ToString();
  EXPECT_NE(r.status().message().find("memory limit of"), std::string::npos);
  auto ok =
      RunLua("return connector.create('__ACCOUNT__', {a = 1, b = 'x'})", ScriptLimits{}, &host);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->result, 2);
}

TEST(LuaLimitsTest, ArgumentsLargerThanTheMemoryLimitAreRefused) {
  ScriptLimits limits;
  limits.memory_bytes = 4 * 1024 * 1024;
  json args = json::array();
  for (int i = 0; i < 100; ++i) args.push_back(std::string(100'000, 'x'));
  auto r = RunLua("return #args", limits, nullptr, args);
  EXPECT_EQ(r.status().code(), ErrorCode::kLimitExceeded) << r.status().ToString();
  json deep = json::array();
  for (int i = 0; i < 100; ++i) deep = json::array({deep});
  auto d = RunLua("return 1", ScriptLimits{}, nullptr, deep);
  EXPECT_FALSE(d.ok());
}

}  // namespace
}  // namespace aic
