// Conversions between nlohmann::json and Lua values for the script runner.
//
// JSON -> Lua (PushJson): objects -> tables with string keys (null members are left out),
// arrays -> tables 1..n (null elements become the sentinel kLuaJsonNull so positions survive),
// strings, integers, doubles, booleans; a top-level null pushes nil.
// Lua -> JSON (ToJson): see script_runner.h (arrays, objects, cycles and unsupported values are
// errors naming the path, e.g. "result.users[2].fn: cannot convert a function to JSON").
//
// Lua errors raised while pushing (memory) propagate as Lua errors: call these only from code
// that runs under lua_pcall. Thread safety: per lua_State.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

#include "aws_iam_connector/status.h"
#include "script/lua_headers.h"

namespace aic::script {

// The address used as the light userdata that stands for JSON null (connector.null).
extern const char kLuaJsonNull;

// Pushes `value` (at most `max_depth` levels deep; deeper levels raise a Lua error).
void PushJson(lua_State* L, const nlohmann::json& value, int max_depth);

// Converts the value at `index`. `path` names it in error messages. At most `max_values` values
// are converted (a table shared many times counts each time it is reached, so a small DAG
// cannot expand without bound).
Result<nlohmann::json> ToJson(lua_State* L, int index, const std::string& path, int max_depth,
                              std::size_t max_values);

}  // namespace aic::script
