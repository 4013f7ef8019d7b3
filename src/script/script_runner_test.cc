// ScriptRunner unit tests: sandbox, limits, errors and JSON conversion, with a recording
// ScriptHost (pure logic; the real connector is exercised in tests/script_connector_test.cc).
#include "aws_iam_connector/script_runner.h"

#include <gtest/gtest.h>

#include <mutex>
#include <string>
#include <vector>

namespace aic {
namespace {

using json = nlohmann::json;

class RecordingHost : public ScriptHost {
 public:
  Result<json> Create(std::string_view oc, const json& attrs) override {
    return Record("create", oc, "", attrs);
  }
  Result<json> Get(std::string_view oc, std::string_view id, std::string_view fields) override {
    if (id == "ghost") return Status(ErrorCode::kUnknownUid, "user ghost not found");
    return Record("get", oc, id, json(std::string(fields)));
  }
  Result<json> Update(std::string_view oc, std::string_view id, const json& attrs) override {
    return Record("update", oc, id, attrs);
  }
  Result<json> Patch(std::string_view oc, std::string_view id, const json& ops) override {
    return Record("patch", oc, id, ops);
  }
  Result<json> Delete(std::string_view oc, std::string_view id) override {
    return Record("delete", oc, id, nullptr);
  }
  Result<json> Search(std::string_view oc, std::string_view filter, const json& opts) override {
    (void)Record("search", oc, filter, opts);
    return json{{"result", {{{"_id", "a"}}, {{"_id", "b"}}}}, {"pagedResultsCookie", "next"}};
  }
  Result<json> Iam(std::string_view action,
                   const std::vector<std::pair<std::string, std::string>>& params) override {
    json p = json::array();
    for (const auto& [k, v] : params) p.push_back({k, v});
    return Record("iam", action, "", p);
  }
  std::vector<json> calls() {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_;
  }

 private:
  Result<json> Record(const char* op, std::string_view a, std::string_view b, const json& c) {
    json call = {{"op", op}, {"a", std::string(a)}, {"b", std::string(b)}, {"c", c}};
    std::lock_guard<std::mutex> lock(mu_);
    calls_.push_back(call);
    return call;
  }
  std::mutex mu_;
  std::vector<json> calls_;
};

Result<ScriptOutput> RunScript(std::string_view source, json args = nullptr,
                               ScriptLimits limits = {}, ScriptHost* host = nullptr) {
  ScriptRunner runner(limits);
  ScriptContext ctx;
  ctx.args = std::move(args);
  ctx.config = {{"region", "us-east-1"}, {"secretKey", "****"}};
  ctx.host = host;
  return runner.Run("t", source, ctx);
}

TEST(ScriptRunnerTest, JsonRoundTripOfArgsAndResult) {
  json args = json::parse(R"({"name": "alice", "n": 42, "big": 9007199254740993, "pi": 3.25,
    "ok": true, "no": false, "list": [1, "two", null, {"x": []}], "nested": {"a": {"b": {}}},
    "unicode": "h\u00e9llo \u2603", "empty": []})");
  auto r = RunScript("return args", args);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  json want = args;
  want["nested"]["a"]["b"] = json::array();  // an empty table is []
  EXPECT_EQ(r->result, want);
  EXPECT_TRUE(r->result["n"].is_number_integer());
}

TEST(ScriptRunnerTest, ResultConversions) {
  EXPECT_EQ(RunScript("return nil")->result, nullptr);
  EXPECT_EQ(RunScript("return {}")->result, json::array());
  EXPECT_EQ(RunScript("return {3, 2, 1}")->result, json({3, 2, 1}));
  EXPECT_EQ(RunScript("return {a = 1, b = {c = 'd'}}")->result,
            json({{"a", 1}, {"b", {{"c", "d"}}}}));
  EXPECT_EQ(RunScript("return 1.5")->result, 1.5);
  EXPECT_EQ(RunScript("return {connector.null, 1}")->result, json({nullptr, 1}));
  EXPECT_EQ(RunScript("return args == nil")->result, true);
  struct Bad {
    const char* source;
    const char* expect;
  } bad[] = {
      {"local t = {} t.self = t return t", "result.self: cycle"},
      {"return {f = print}", "result.f: cannot convert a function"},
      {"return 0/0", "NaN"},
      {"return {1, nil, 3}", "holes"},
      {"return {1, x = 2}", "mixed"},
      {"return {[true] = 1}", "mixed or non-string keys"},
      {"return coroutine.create(print)", "thread"},
      {"return '\\xff\\xfe'", "UTF-8"},
  };
  for (const auto& b : bad) {
    auto r = RunScript(b.source);
    ASSERT_FALSE(r.ok()) << b.source;
    EXPECT_EQ(r.status().code(), ErrorCode::kInvalidInput) << b.source;
    EXPECT_NE(r.status().message().find(b.expect), std::string::npos) << r.status().message();
  }
}

TEST(ScriptRunnerTest, DeepAndWideSharedTablesAreBounded) {
  auto deep = RunScript("local t = {} local c = t for i = 1, 200 do c.x = {} c = c.x end return t");
  EXPECT_EQ(deep.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(deep.status().message().find("nested deeper"), std::string::npos);
  // A DAG that would expand to 2^40 values.
  ScriptLimits limits;
  limits.max_json_values = 10'000;
  auto wide = RunScript("local t = {1} for i = 1, 40 do t = {t, t} end return t", nullptr, limits);
  EXPECT_EQ(wide.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(wide.status().message().find("more than 10000 values"), std::string::npos);
}

TEST(ScriptRunnerTest, ErrorsCarryMessageAndLine) {
  auto r = RunScript("local x = 1\nlocal t = nil\nreturn t.field\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(r.status().message(), "script 't':3: attempt to index a nil value (local 't')");
  auto e = RunScript("error('custom failure')");
  EXPECT_EQ(e.status().message(), "script 't':1: custom failure");
  auto syntax = RunScript("local = 1");
  EXPECT_EQ(syntax.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(syntax.status().message().find("script 't':1:"), std::string::npos);
  auto table_error = RunScript("error({code = 1})");
  EXPECT_NE(table_error.status().message().find("error object is a table"), std::string::npos);
}

TEST(ScriptRunnerTest, SandboxHasNoFileProcessOrDebugAccess) {
  auto r = RunScript(R"(
    local absent = {}
    for _, name in ipairs({"io", "os", "package", "debug", "require", "dofile", "loadfile",
                           "collectgarbage"}) do
      if _G[name] ~= nil then absent[#absent + 1] = name end
    end
    if string.dump ~= nil then absent[#absent + 1] = "string.dump" end
    return {present = absent, t = type(table), s = type(string), m = type(math),
            u = type(utf8), c = type(coroutine)})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->result["present"], json::array());
  EXPECT_EQ(r->result["t"], "table");
  EXPECT_EQ(r->result["c"], "table");
  // Text chunks load (with the sandboxed globals); binary chunks are refused.
  EXPECT_EQ(RunScript("return load('return 1 + 1')()")->result, 2);
  auto bin = RunScript("local f, err = load('\\27Lua...') return err");
  ASSERT_TRUE(bin.ok());
  EXPECT_NE(bin->result.get<std::string>().find("binary"), std::string::npos);
  EXPECT_EQ(RunScript("\x1bLuaT").status().code(), ErrorCode::kInvalidInput);
  auto io = RunScript("return io.open('/etc/passwd')");
  EXPECT_NE(io.status().message().find("global 'io'"), std::string::npos);
}

TEST(ScriptRunnerTest, ConfigIsVisibleAndPrintIsCaptured) {
  auto r = RunScript("print('region', connector.config.region) return connector.config.secretKey");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->result, "****");
  EXPECT_EQ(r->printed, "region\tus-east-1\n");
  ScriptLimits small;
  small.max_printed_bytes = 10;
  auto big = RunScript("for i = 1, 100 do print('xxxxxxxx') end return 1", nullptr, small);
  ASSERT_TRUE(big.ok());
  EXPECT_EQ(big->printed.size(), 10u);
}

TEST(ScriptRunnerTest, InfiniteLoopStopsOnInstructionBudget) {
  ScriptLimits limits;
  limits.instruction_budget = 1'000'000;
  auto r = RunScript("while true do end", nullptr, limits);
  EXPECT_EQ(r.status().code(), ErrorCode::kTimeout);
  EXPECT_NE(r.status().message().find("instruction budget"), std::string::npos);
  // pcall cannot swallow the limit, nor can a coroutine hide from it.
  auto caught =
      RunScript("while true do pcall(function() while true do end end) end", nullptr, limits);
  EXPECT_EQ(caught.status().code(), ErrorCode::kTimeout);
  auto co =
      RunScript("local c = coroutine.wrap(function() while true do end end) c()", nullptr, limits);
  EXPECT_EQ(co.status().code(), ErrorCode::kTimeout);
}

TEST(ScriptRunnerTest, InfiniteLoopStopsOnWallClock) {
  ScriptLimits limits;
  limits.instruction_budget = UINT64_MAX;
  limits.wall_clock = std::chrono::milliseconds(200);
  auto r = RunScript("local ok = pcall(function() while true do end end) while true do end",
                     nullptr, limits);
  EXPECT_EQ(r.status().code(), ErrorCode::kTimeout);
  EXPECT_NE(r.status().message().find("time limit of 200 ms"), std::string::npos);
}

TEST(ScriptRunnerTest, MemoryBombIsStopped) {
  ScriptLimits limits;
  limits.memory_bytes = 8 * 1024 * 1024;
  auto r =
      RunScript("local t = {} local i = 0 while true do i = i + 1 t[i] = {i} end", nullptr, limits);
  EXPECT_EQ(r.status().code(), ErrorCode::kLimitExceeded);
  EXPECT_NE(r.status().message().find("memory limit of 8388608 bytes"), std::string::npos);
  auto rep = RunScript("return string.rep('x', 1 << 30)", nullptr, limits);
  EXPECT_EQ(rep.status().code(), ErrorCode::kLimitExceeded);
  auto caught = RunScript("local ok = pcall(string.rep, 'x', 1 << 30) return ok", nullptr, limits);
  EXPECT_EQ(caught.status().code(), ErrorCode::kLimitExceeded);
}

TEST(ScriptRunnerTest, PatternsWork) {
  // Pathological patterns are stopped by the limits (lua_limits_test.cc); ordinary ones work.
  auto ok = RunScript(R"(
    local s = string.rep('word ', 2000)
    local trimmed = ("  x  "):match("^%s*(.-)%s*$")
    local n = select(2, s:gsub("%s+", " "))
    return {trimmed, n, s:find(".-.-b", 1, true) == nil,
            ("arn:aws:iam::1:user/a"):match("user/(.+)$")})");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->result, json({"x", 2000, true, "a"}));
}

TEST(ScriptRunnerTest, FinalizersCannotHangTheRun) {
  ScriptLimits limits;
  limits.instruction_budget = 1'000'000;
  // Lua runs finalizers with hooks off, so __gc is refused; other metatables work.
  auto r = RunScript("setmetatable({}, {__gc = function() while true do end end}) return 7",
                     nullptr, limits);
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(r.status().message().find("__gc metamethods are not allowed"), std::string::npos);
  auto ok = RunScript("local t = setmetatable({}, {__index = function() return 5 end}) return t.x",
                      nullptr, limits);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->result, 5);
}

TEST(ScriptRunnerTest, ConnectorOperationsReachTheHost) {
  RecordingHost host;
  auto r = RunScript(R"(
    local c = connector.create("__ACCOUNT__", {__NAME__ = "bob"})
    local g = connector.get("__ACCOUNT__", "bob", {"groups", "Tags"})
    connector.update("__ACCOUNT__", "bob", {Path = "/x/"})
    connector.patch("__ACCOUNT__", "bob", {operation = "add", field = "groups", value = {"g"}})
    connector.delete("__ACCOUNT__", "bob")
    local list, cookie = connector.search("__ACCOUNT__", nil, {pageSize = 2, fields = {"_id"}})
    local iam = connector.iam("ListUsers", {MaxItems = 5})
    local ok, err = pcall(connector.get, "__ACCOUNT__", "ghost")
    return {n = #list, cookie = cookie, first = list[1]._id, g = g.c, err = err,
            iam = iam.a, created = c.a})",
                     nullptr, {}, &host);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->result["n"], 2);
  EXPECT_EQ(r->result["cookie"], "next");
  EXPECT_EQ(r->result["first"], "a");
  EXPECT_EQ(r->result["g"], "groups,Tags");
  EXPECT_EQ(r->result["iam"], "ListUsers");
  EXPECT_EQ(r->result["created"], "__ACCOUNT__");
  EXPECT_NE(r->result["err"].get<std::string>().find("UnknownUid: user ghost not found"),
            std::string::npos);
  auto calls = host.calls();
  ASSERT_EQ(calls.size(), 7u);  // the failed get is not recorded
  EXPECT_EQ(calls[2]["c"], json({{"Path", "/x/"}}));
  EXPECT_EQ(calls[3]["c"], json::parse(R"([{"field":"groups","operation":"add","value":["g"]}])"));
  EXPECT_EQ(calls[5]["b"], "true");
  EXPECT_EQ(calls[5]["c"], json({{"fields", "_id"}, {"pageSize", 2}}));
  EXPECT_EQ(calls[6]["c"], json::parse(R"([["MaxItems", "5"]])"));
}

TEST(ScriptRunnerTest, HostCallsAreBoundedAndNeedAHost) {
  RecordingHost host;
  ScriptLimits limits;
  limits.max_host_calls = 3;
  auto r = RunScript("for i = 1, 10 do pcall(connector.get, '__ACCOUNT__', 'x') end", nullptr,
                     limits, &host);
  EXPECT_EQ(r.status().code(), ErrorCode::kLimitExceeded);
  EXPECT_EQ(host.calls().size(), 3u);
  auto none = RunScript("return connector.get('__ACCOUNT__', 'x')");
  EXPECT_NE(none.status().message().find("Unsupported"), std::string::npos);
  auto bad_action = RunScript("return connector.iam('List Users', {})", nullptr, {}, &host);
  EXPECT_NE(bad_action.status().message().find("letters and digits"), std::string::npos);
}

TEST(ScriptRunnerTest, RunsShareNoState) {
  auto first = RunScript("leaked = 1 string.leak = 1 return 1");
  ASSERT_TRUE(first.ok());
  auto second = RunScript("return {leaked == nil, string.leak == nil}");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->result, json({true, true}));
}

}  // namespace
}  // namespace aic
