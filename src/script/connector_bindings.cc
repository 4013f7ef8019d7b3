// The `connector` global of a script run: config, the operations and the raw IAM call, each
// going through the run's ScriptHost with the run's limits checked before and after.
#include <cstdio>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "aws_iam_connector/script_runner.h"
#include "script/iam_params.h"
#include "script/lua_headers.h"
#include "script/lua_json.h"
#include "script/run_state.h"

namespace aic::script {

namespace {

using json = nlohmann::json;

std::string_view CheckString(lua_State* L, int arg) {
  std::size_t len = 0;
  const char* s = luaL_checklstring(L, arg, &len);
  return {s, len};
}

// The JSON of argument `arg` (a table, or nil when `optional`); raises a Lua error otherwise.
json CheckJson(lua_State* L, int arg, const char* what, bool optional) {
  if (optional && lua_isnoneornil(L, arg)) return json();
  if (!lua_istable(L, arg)) {
    luaL_typeerror(L, arg, "table");
  }
  RunState* st = StateOf(L);
  auto value = ToJson(L, arg, what, JsonLimitsOf(*st));
  if (!value.ok()) {
    // A limit is final (pcall cannot carry on past it); a value that cannot be JSON is not.
    if (value.status().code() == ErrorCode::kLimitExceeded && st->hit == LimitHit::kNone) {
      st->hit = LimitHit::kMemory;
      st->limit_detail = value.status().message();
    }
    CheckLimits(L);
    luaL_error(L, "%s", value.status().message().c_str());
  }
  return std::move(*value);
}

// Calls the host under the run's limits and pushes the JSON result (or raises).
template <class Fn>
int CallHost(lua_State* L, Fn&& fn, bool is_search = false) {
  RunState* st = StateOf(L);
  CheckLimits(L);
  if (++st->host_calls > st->limits.max_host_calls) {
    st->hit = LimitHit::kHostCalls;
    CheckLimits(L);
  }
  ScriptHost* host = st->context->host;
  if (host == nullptr) return luaL_error(L, "Unsupported: no connector is bound to this run");
  Result<json> r = Status(ErrorCode::kInternal, "not called");
  try {
    r = fn(*host);
  } catch (const std::exception& e) {
    r = Status(ErrorCode::kInternal, std::string("connector call failed: ") + e.what());
  }
  CheckLimits(L);
  if (!r.ok()) return luaL_error(L, "%s", r.status().ToString().c_str());
  if (!is_search) {
    PushJson(L, *r, kScriptMaxJsonDepth);
    if (lua_isnil(L, -1)) {
      lua_pop(L, 1);
      lua_pushlightuserdata(L, const_cast<char*>(&kLuaJsonNull));
    }
    return 1;
  }
  const json& env = *r;
  auto results = env.find("result");
  if (results == env.end() || !results->is_array()) {
    lua_newtable(L);
  } else {
    PushJson(L, *results, kScriptMaxJsonDepth);
  }
  auto cookie = env.find("pagedResultsCookie");
  if (cookie != env.end() && cookie->is_string()) {
    const auto& c = cookie->get_ref<const std::string&>();
    lua_pushlstring(L, c.data(), c.size());
  } else {
    lua_pushnil(L);
  }
  return 2;
}

int Create(lua_State* L) {
  std::string oc(CheckString(L, 1));
  json attrs = CheckJson(L, 2, "attrs", false);
  return CallHost(L, [&](ScriptHost& h) { return h.Create(oc, attrs); });
}

// `fields` as a list {"a", "b"} or a string "a,b".
std::string OptFields(lua_State* L, int arg) {
  if (lua_isnoneornil(L, arg)) return {};
  if (lua_type(L, arg) == LUA_TSTRING) return std::string(CheckString(L, arg));
  json list = CheckJson(L, arg, "fields", false);
  std::string out;
  for (const auto& f : list) {
    if (!f.is_string()) luaL_argerror(L, arg, "fields must be strings");
    if (!out.empty()) out.push_back(',');
    out += f.get<std::string>();
  }
  return out;
}

int Get(lua_State* L) {
  std::string oc(CheckString(L, 1));
  std::string id(CheckString(L, 2));
  std::string fields = OptFields(L, 3);
  return CallHost(L, [&](ScriptHost& h) { return h.Get(oc, id, fields); });
}

int Update(lua_State* L) {
  std::string oc(CheckString(L, 1));
  std::string id(CheckString(L, 2));
  json attrs = CheckJson(L, 3, "attrs", false);
  return CallHost(L, [&](ScriptHost& h) { return h.Update(oc, id, attrs); });
}

int Patch(lua_State* L) {
  std::string oc(CheckString(L, 1));
  std::string id(CheckString(L, 2));
  json ops = CheckJson(L, 3, "ops", false);
  if (ops.is_object()) ops = json::array({ops});  // one operation given alone
  return CallHost(L, [&](ScriptHost& h) { return h.Patch(oc, id, ops); });
}

int Delete(lua_State* L) {
  std::string oc(CheckString(L, 1));
  std::string id(CheckString(L, 2));
  return CallHost(L, [&](ScriptHost& h) { return h.Delete(oc, id); });
}

int Search(lua_State* L) {
  std::string oc(CheckString(L, 1));
  std::string filter = lua_isnoneornil(L, 2) ? "true" : std::string(CheckString(L, 2));
  json options = CheckJson(L, 3, "options", true);
  if (options.is_null() || (options.is_array() && options.empty())) options = json::object();
  if (!options.is_object()) luaL_argerror(L, 3, "options must be a table with string keys");
  if (auto f = options.find("fields"); f != options.end() && f->is_array()) {
    std::string joined;
    for (const auto& e : *f) {
      if (!e.is_string()) luaL_argerror(L, 3, "options.fields must be strings");
      if (!joined.empty()) joined.push_back(',');
      joined += e.get<std::string>();
    }
    *f = joined;
  }
  return CallHost(
      L, [&](ScriptHost& h) { return h.Search(oc, filter, options); }, true);
}

int Iam(lua_State* L) {
  std::string action(CheckString(L, 1));
  json params = CheckJson(L, 2, "params", true);
  auto flat = FlattenIamParams(action, params);
  if (!flat.ok()) return luaL_error(L, "%s", flat.status().message().c_str());
  return CallHost(L, [&](ScriptHost& h) { return h.Iam(action, *flat); });
}

}  // namespace

void InstallConnector(lua_State* L) {
  static const luaL_Reg kFunctions[] = {
      {"create", Create}, {"get", Get},       {"update", Update}, {"patch", Patch},
      {"delete", Delete}, {"search", Search}, {"iam", Iam},       {nullptr, nullptr},
  };
  RunState* st = StateOf(L);
  luaL_newlib(L, kFunctions);
  const json& config = st->context->config;
  if (config.is_null()) {
    lua_newtable(L);
  } else {
    PushJson(L, config, kScriptMaxJsonDepth);
  }
  lua_setfield(L, -2, "config");
  lua_pushlightuserdata(L, const_cast<char*>(&kLuaJsonNull));
  lua_setfield(L, -2, "null");
  lua_setglobal(L, "connector");
}

}  // namespace aic::script
