#include "aws_iam_connector/script_runner.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "script/lua_headers.h"
#include "script/lua_json.h"
#include "script/lua_pattern.h"
#include "script/run_state.h"

namespace aic {
namespace script {

namespace {

// The allocator of every script state: counts bytes and refuses growth past the cap.
void* CappedAlloc(void* ud, void* ptr, std::size_t osize, std::size_t nsize) {
  auto* st = static_cast<RunState*>(ud);
  const std::size_t old = ptr != nullptr ? osize : 0;
  if (nsize == 0) {
    std::free(ptr);
    st->memory_used -= old;
    return nullptr;
  }
  if (nsize > old && st->memory_used - old + nsize > st->limits.memory_bytes) {
    if (st->hit == LimitHit::kNone) st->hit = LimitHit::kMemory;
    return nullptr;
  }
  // C functions that build strings (string.rep, .., table.concat, gsub) may run long between
  // two hooks: every kScriptAllocCheckBytes of growth, a passed deadline refuses the allocation.
  if (nsize > old && (st->allocated_since_check += nsize - old) >= kScriptAllocCheckBytes) {
    st->allocated_since_check = 0;
    if (st->hit == LimitHit::kNone && std::chrono::steady_clock::now() > st->deadline) {
      st->hit = LimitHit::kWallClock;
    }
    if (st->hit != LimitHit::kNone) return nullptr;
  }
  void* p = std::realloc(ptr, nsize);
  if (p == nullptr) return nullptr;
  st->memory_used = st->memory_used - old + nsize;
  return p;
}

void CountHook(lua_State* L, lua_Debug* /*ar*/) {
  RunState* st = StateOf(L);
  st->instructions += kScriptHookInterval;
  if (st->hit == LimitHit::kNone && st->instructions > st->limits.instruction_budget) {
    st->hit = LimitHit::kInstructions;
  }
  CheckLimits(L);
}

// print(...): appends to RunState::printed, bounded.
int Print(lua_State* L) {
  RunState* st = StateOf(L);
  const std::size_t cap = st->limits.max_printed_bytes;
  auto append = [&](const char* s, std::size_t len) {  // never holds more than the cap
    const std::size_t room = cap - std::min(cap, st->printed.size());
    if (len > room) st->printed_truncated = true;
    st->printed.append(s, std::min(len, room));
  };
  int n = lua_gettop(L);
  for (int i = 1; i <= n; ++i) {
    std::size_t len = 0;
    const char* s = luaL_tolstring(L, i, &len);
    if (i > 1) append("\t", 1);
    append(s, len);
    lua_pop(L, 1);
  }
  append("\n", 1);
  return 0;
}

// load(chunk [, chunkname [, mode [, env]]]) with mode forced to text.
int SafeLoad(lua_State* L) {
  int n = lua_gettop(L);
  if (n < 1) return luaL_error(L, "bad argument #1 to 'load' (value expected)");
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_pushvalue(L, 1);
  if (n >= 2) {
    lua_pushvalue(L, 2);
  } else {
    lua_pushnil(L);
  }
  lua_pushliteral(L, "t");
  int args = 3;
  if (n >= 4) {
    lua_pushvalue(L, 4);
    ++args;
  }
  lua_call(L, args, LUA_MULTRET);
  return lua_gettop(L) - n;
}

// setmetatable(t, mt) refusing __gc: Lua runs finalizers with hooks disabled, so a finalizer
// could escape the instruction budget and the deadline.
int SafeSetMetatable(lua_State* L) {
  if (lua_istable(L, 2)) {
    lua_pushliteral(L, "__gc");
    if (lua_rawget(L, 2) != LUA_TNIL) {
      return luaL_error(L, "__gc metamethods are not allowed in scripts");
    }
    lua_pop(L, 1);
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

// Opens the safe libraries, removes what is unsafe, installs `connector` and `args`.
int Setup(lua_State* L) {
  static const luaL_Reg kLibs[] = {
      {LUA_GNAME, luaopen_base},       {LUA_STRLIBNAME, luaopen_string},
      {LUA_TABLIBNAME, luaopen_table}, {LUA_MATHLIBNAME, luaopen_math},
      {LUA_UTF8LIBNAME, luaopen_utf8}, {LUA_COLIBNAME, luaopen_coroutine},
  };
  for (const luaL_Reg& lib : kLibs) {
    luaL_requiref(L, lib.name, lib.func, 1);
    lua_pop(L, 1);
  }
  lua_pushglobaltable(L);
  for (const char* name : {"dofile", "loadfile", "require", "collectgarbage"}) {
    lua_pushnil(L);
    lua_setfield(L, -2, name);
  }
  lua_getfield(L, -1, "load");
  lua_pushcclosure(L, SafeLoad, 1);
  lua_setfield(L, -2, "load");
  lua_getfield(L, -1, "setmetatable");
  lua_pushcclosure(L, SafeSetMetatable, 1);
  lua_setfield(L, -2, "setmetatable");
  lua_pushcfunction(L, Print);
  lua_setfield(L, -2, "print");
  lua_getfield(L, -1, LUA_STRLIBNAME);
  lua_pushnil(L);
  lua_setfield(L, -2, "dump");
  InstallLuaPatterns(L, [](lua_State* L, std::uint32_t steps) { ChargeSteps(L, steps); });
  lua_pop(L, 1);
  InstallWorkLimits(L);
  // The loaded-modules table names every library; drop it so nothing reaches a removed one.
  lua_pushnil(L);
  lua_setfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  lua_pop(L, 1);

  InstallConnector(L);
  RunState* st = StateOf(L);
  PushJson(L, st->context->args, kScriptMaxJsonDepth);
  lua_setglobal(L, "args");
  return 0;
}

std::string ErrorText(lua_State* L) {
  if (lua_type(L, -1) == LUA_TSTRING) {
    std::size_t len = 0;
    const char* s = lua_tolstring(L, -1, &len);
    return std::string(s, len);
  }
  return std::string("(error object is a ") + luaL_typename(L, -1) + " value)";
}

struct LuaCloser {
  void operator()(lua_State* L) const { lua_close(L); }
};

}  // namespace

RunState* StateOf(lua_State* L) {
  void* ud = nullptr;
  lua_getallocf(L, &ud);
  return static_cast<RunState*>(ud);
}

std::string LimitMessage(const RunState& st) {
  switch (st.hit) {
    case LimitHit::kInstructions:
      return "instruction budget of " + std::to_string(st.limits.instruction_budget) + " exceeded";
    case LimitHit::kWallClock:
      return "time limit of " + std::to_string(st.limits.wall_clock.count()) + " ms exceeded";
    case LimitHit::kMemory:
      if (!st.limit_detail.empty()) return st.limit_detail;
      return "memory limit of " + std::to_string(st.limits.memory_bytes) + " bytes exceeded";
    case LimitHit::kHostCalls:
      return "limit of " + std::to_string(st.limits.max_host_calls) + " connector calls exceeded";
    case LimitHit::kNone:
      break;
  }
  return "no limit hit";
}

JsonLimits JsonLimitsOf(const RunState& st) {
  JsonLimits out;
  out.max_depth = kScriptMaxJsonDepth;
  out.max_values = st.limits.max_json_values;
  out.memory_limit = st.limits.memory_bytes;
  out.max_bytes = st.limits.memory_bytes - std::min(st.limits.memory_bytes, st.memory_used);
  return out;
}

void ChargeSteps(lua_State* L, std::uint64_t steps) {
  RunState* st = StateOf(L);
  st->pending_steps += steps;
  if (st->pending_steps < kScriptPatternCheckSteps) return;
  st->instructions += st->pending_steps;
  st->pending_steps = 0;
  if (st->hit == LimitHit::kNone && st->instructions > st->limits.instruction_budget) {
    st->hit = LimitHit::kInstructions;
  }
  CheckLimits(L);
}

void CheckLimits(lua_State* L) {
  RunState* st = StateOf(L);
  if (st->hit == LimitHit::kNone && std::chrono::steady_clock::now() > st->deadline) {
    st->hit = LimitHit::kWallClock;
  }
  if (st->hit == LimitHit::kNone) return;
  // From now on every few instructions fail, so a pcall in the script cannot carry on.
  lua_sethook(L, CountHook, LUA_MASKCOUNT, 1);
  luaL_error(L, "%s", LimitMessage(*st).c_str());
}

}  // namespace script

Result<ScriptOutput> ScriptRunner::Run(std::string_view name, std::string_view source,
                                       const ScriptContext& context) const {
  using script::LimitHit;
  const std::string label = "script '" + std::string(name) + "'";
  if (source.size() > limits_.max_source_bytes) {
    return Status(
        ErrorCode::kInvalidInput,
        label + ": source is larger than " + std::to_string(limits_.max_source_bytes) + " bytes");
  }
  if (!source.empty() && source[0] == LUA_SIGNATURE[0]) {
    return Status(ErrorCode::kInvalidInput, label + ": binary chunks are not accepted");
  }
  script::RunState st;
  st.limits = limits_;
  st.context = &context;
  st.name = std::string(name);
  st.deadline = std::chrono::steady_clock::now() + limits_.wall_clock;

  std::unique_ptr<lua_State, script::LuaCloser> state(lua_newstate(script::CappedAlloc, &st));
  if (!state) return Status(ErrorCode::kLimitExceeded, label + ": cannot create a Lua state");
  lua_State* L = state.get();
  lua_sethook(L, script::CountHook, LUA_MASKCOUNT, kScriptHookInterval);

  auto limit_status = [&]() -> Status {
    ErrorCode code = st.hit == LimitHit::kInstructions || st.hit == LimitHit::kWallClock
                         ? ErrorCode::kTimeout
                         : ErrorCode::kLimitExceeded;
    return Status(code, label + ": " + script::LimitMessage(st));
  };

  lua_pushcfunction(L, script::Setup);
  int rc = lua_pcall(L, 0, 0, 0);
  if (rc != LUA_OK) {
    if (st.hit != LimitHit::kNone) return limit_status();
    return Status(ErrorCode::kInternal, label + ": setup failed: " + script::ErrorText(L));
  }

  const std::string chunk_name = "=" + label;
  rc = luaL_loadbufferx(L, source.data(), source.size(), chunk_name.c_str(), "t");
  if (rc == LUA_OK) rc = lua_pcall(L, 0, 1, 0);
  if (st.hit != LimitHit::kNone) return limit_status();
  if (rc == LUA_ERRMEM) {
    return Status(ErrorCode::kLimitExceeded, label + ": out of memory");
  }
  if (rc != LUA_OK) return Status(ErrorCode::kInvalidInput, script::ErrorText(L));

  script::JsonLimits json_limits = script::JsonLimitsOf(st);
  json_limits.max_text_bytes = limits_.max_result_bytes;
  auto value = script::ToJson(L, -1, "result", json_limits);
  if (!value.ok()) {
    return Status(value.status().code(),
                  label + ": the return value cannot become JSON: " + value.status().message());
  }
  std::size_t size = 0;
  try {
    size = value->dump(-1, ' ', false, nlohmann::json::error_handler_t::strict).size();
  } catch (const nlohmann::json::exception&) {
    return Status(ErrorCode::kInvalidInput,
                  label + ": the return value holds a string that is not valid UTF-8");
  }
  if (size > limits_.max_result_bytes) {
    return Status(ErrorCode::kLimitExceeded, label + ": the return value is larger than " +
                                                 std::to_string(limits_.max_result_bytes) +
                                                 " bytes of JSON");
  }
  ScriptOutput out;
  out.result = std::move(*value);
  out.printed = std::move(st.printed);
  state.reset();  // close before `st` goes out of scope (finalizers still see the limits)
  return out;
}

}  // namespace aic
