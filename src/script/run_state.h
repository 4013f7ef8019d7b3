// RunState: the per-run bookkeeping of ScriptRunner (limits, counters, printed output), reached
// from Lua callbacks through the state's allocator userdata. Internal to src/script.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "aws_iam_connector/script_runner.h"
#include "script/lua_headers.h"

namespace aic::script {

enum class LimitHit { kNone, kInstructions, kWallClock, kMemory, kHostCalls };

struct RunState {
  ScriptLimits limits;
  const ScriptContext* context = nullptr;
  std::string name;  // the script's name, for messages
  std::chrono::steady_clock::time_point deadline;
  std::size_t memory_used = 0;
  std::uint64_t instructions = 0;
  int host_calls = 0;
  LimitHit hit = LimitHit::kNone;
  std::string printed;
  bool printed_truncated = false;
};

// The RunState of a state made by ScriptRunner (its allocator userdata).
RunState* StateOf(lua_State* L);

// Raises a Lua error if a limit was hit before or the deadline has now passed (marks it).
void CheckLimits(lua_State* L);

// The message of a limit ("time limit of 10000 ms exceeded").
std::string LimitMessage(const RunState& state);

// Installs the `connector` global (config, operations, iam, null). Runs under lua_pcall.
void InstallConnector(lua_State* L);

}  // namespace aic::script
