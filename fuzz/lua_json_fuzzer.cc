// Fuzz target: the Lua <-> JSON bridge of the script runner (PushJson, ToJson) with the
// runner's limits. Input that is JSON text: pushed into Lua and converted back. Any other
// input: a Lua chunk (no libraries, a bounded instruction count) whose value is converted to
// JSON, as a script's result or a connector call's argument is.
#include <nlohmann/json.hpp>
#include <string>

#include "aws_iam_connector/script_runner.h"
#include "fuzz_util.h"
#include "script/lua_json.h"

namespace sc = aic::script;

namespace {

constexpr int kInstructionLimit = 100'000;

void StopRunaway(lua_State* L, lua_Debug*) { luaL_error(L, "instruction limit"); }

struct Job {
  std::string_view text;
  const nlohmann::json* input = nullptr;
};

// Runs under lua_pcall: the bridge raises Lua errors (memory, depth).
int Convert(lua_State* L) {
  auto* job = static_cast<Job*>(lua_touserdata(L, 1));
  if (job->input != nullptr) {
    sc::PushJson(L, *job->input, aic::kScriptMaxJsonDepth);
  } else {
    if (luaL_loadbuffer(L, job->text.data(), job->text.size(), "=fuzz") != LUA_OK) return 0;
    lua_sethook(L, StopRunaway, LUA_MASKCOUNT, kInstructionLimit);
    lua_call(L, 0, 1);
    lua_sethook(L, nullptr, 0, 0);
  }
  auto out = sc::ToJson(L, -1, "result", aic::kScriptMaxJsonDepth, 100'000);
  if (out.ok()) (void)out->dump();
  return 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Job job;
  job.text = aic::fuzz::AsText(data, size);
  nlohmann::json input = nlohmann::json::parse(job.text, nullptr, false);
  if (!input.is_discarded()) job.input = &input;
  lua_State* L = luaL_newstate();
  if (L == nullptr) return 0;
  lua_pushcfunction(L, Convert);
  lua_pushlightuserdata(L, &job);
  (void)lua_pcall(L, 1, 0, 0);
  lua_close(L);
  return 0;
}
