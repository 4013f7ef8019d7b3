// RunState: the per-run bookkeeping of ScriptRunner (limits, counters, printed output), reached
// from Lua callbacks through the state's allocator userdata. Internal to src/script.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "aws_iam_connector/script_runner.h"
#include "script/lua_headers.h"
#include "script/lua_json.h"

namespace aic::script {

enum class LimitHit { kNone, kInstructions, kWallClock, kMemory, kHostCalls };

struct RunState {
  ScriptLimits limits;
  const ScriptContext* context = nullptr;
  std::string name;  // the script's name, for messages
  std::chrono::steady_clock::time_point deadline;
  std::size_t memory_used = 0;
  std::uint64_t instructions = 0;         // VM instructions plus steps of work done in C
  std::uint64_t pending_steps = 0;        // C steps not yet added to `instructions`
  std::size_t allocated_since_check = 0;  // bytes grown since the allocator last checked time
  int host_calls = 0;
  LimitHit hit = LimitHit::kNone;
  std::string limit_detail;  // what hit it, when not the state itself (a JSON conversion)
  std::string printed;
  bool printed_truncated = false;
};

// The RunState of a state made by ScriptRunner (its allocator userdata).
RunState* StateOf(lua_State* L);

// Raises a Lua error if a limit was hit before or the deadline has now passed (marks it).
void CheckLimits(lua_State* L);

// Counts `steps` of work done inside a C function (a pattern step, an element moved, 64 bytes
// compared); every kScriptPatternCheckSteps adds them to the instruction count and runs
// CheckLimits, so C code stops at the same limits as Lua code.
void ChargeSteps(lua_State* L, std::uint64_t steps);

// Wraps the C functions of the string, table and utf8 tables whose work is not bounded by the
// memory cap so that they charge their work (lua_work_limits.cc). Globals must be open.
void InstallWorkLimits(lua_State* L);

// The bounds of a Lua -> JSON conversion during the run: the JSON may use the memory the state
// does not (everything a script causes counts against its memory cap).
JsonLimits JsonLimitsOf(const RunState& state);

// The message of a limit ("time limit of 10000 ms exceeded").
std::string LimitMessage(const RunState& state);

// Installs the `connector` global (config, operations, iam, null). Runs under lua_pcall.
void InstallConnector(lua_State* L);

}  // namespace aic::script
