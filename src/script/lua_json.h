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
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "aws_iam_connector/status.h"
#include "script/lua_headers.h"

namespace aic::script {

// The address used as the light userdata that stands for JSON null (connector.null).
extern const char kLuaJsonNull;

// Pushes `value` (at most `max_depth` levels deep; deeper levels raise a Lua error naming the
// limit). Everything pushed is allocated by the state, so the memory cap holds.
void PushJson(lua_State* L, const nlohmann::json& value, int max_depth);

// The bounds of one Lua -> JSON conversion.
struct JsonLimits {
  int max_depth = 64;
  // Values (JSON nodes) converted; a table shared many times counts each time it is reached, so
  // a small DAG cannot expand without bound.
  std::size_t max_values = 1'000'000;
  // Bytes the JSON value may hold in memory (nodes, strings, keys; a string reached many times
  // counts each time): the script's memory not yet used. `memory_limit` is the script's cap,
  // for the message.
  std::size_t max_bytes = SIZE_MAX;
  std::size_t memory_limit = SIZE_MAX;
  // Bytes of its compact serialisation (escapes included), estimated from below.
  std::size_t max_text_bytes = SIZE_MAX;
};

// Converts the value at `index`. `path` names it in error messages: kInvalidInput for a value
// that cannot be JSON (or too deep, too many values), kLimitExceeded for max_bytes or
// max_text_bytes ("result[63]: memory
// limit of 67108864 bytes exceeded converting to JSON").
Result<nlohmann::json> ToJson(lua_State* L, int index, const std::string& path,
                              const JsonLimits& limits);
// The same with only the depth and value count bounded.
inline Result<nlohmann::json> ToJson(lua_State* L, int index, const std::string& path,
                                     int max_depth, std::size_t max_values) {
  JsonLimits limits;
  limits.max_depth = max_depth;
  limits.max_values = max_values;
  return ToJson(L, index, path, limits);
}

}  // namespace aic::script
