// Script on connector (SPEC 4.11): sandboxed Lua 5.4 scripts that run inside the connector.
//
// ScriptRunner::Run(name, source, context) runs one script in a fresh lua_State (scripts share
// no state; runs on different threads are independent) opened with only the safe libraries:
//   base (without dofile, loadfile, require, collectgarbage; `load` accepts text chunks only;
//   `print` appends to ScriptOutput::printed, bounded), string (without string.dump), table,
//   math, utf8, coroutine. There is no os, io, package or debug.
// Globals given to the script:
//   connector.config   the connector's configuration as given by the caller (already masked:
//                      secrets are "****"; the runner never sees a SecretString);
//   connector.create(objectClass, attrs)            -> object
//   connector.get(objectClass, id [, fields])       -> object (fields: list or "a,b")
//   connector.update(objectClass, id, attrs)        -> object (PUT: replace)
//   connector.patch(objectClass, id, ops)           -> object (CREST patch operations)
//   connector.delete(objectClass, id)               -> object as it was
//   connector.search(objectClass, filter [, opts])  -> list of objects, next-page cookie or nil
//                      (filter: a CREST `_queryFilter` string, nil or "true" for all; opts:
//                      {fields=, pageSize=, pagedResultsCookie=, sortKeys=})
//   connector.iam(action, params)                   -> the parsed <ActionResult> as a table
//                      (params: {Name = "v", List = {"a", "b"}} -> Name=v&List.member.1=a...)
//   args               the caller's arguments (JSON -> Lua: objects -> tables whose null members
//                      are left out, arrays -> 1..n tables whose nulls are `connector.null`;
//                      a null or absent body -> nil).
// A failed connector call raises a Lua error "CODE: message" (catchable with pcall).
// The script's return value becomes JSON: nil -> null; booleans, numbers (integers stay
// integers), strings; tables with exactly the keys 1..n -> arrays (an empty table -> []),
// tables with string keys -> objects; cycles, functions, userdata, NaN/inf, mixed or
// non-string keys, nesting deeper than kScriptMaxJsonDepth, more than max_json_values values
// -> kInvalidInput naming the path.
//
// Limits per run (ScriptLimits, named settings): an instruction budget (count hook) and a
// wall-clock deadline, both kTimeout; a memory cap (custom allocator) -> kLimitExceeded; bounded
// connector calls per run, source size, result size and printed output. Once a limit is hit the
// run fails with that error even if the script catches it with pcall. A host call in progress
// is not interrupted; the deadline is checked as soon as it returns.
// The limits hold inside C functions too: string.find/match/gmatch/gsub are our own matcher,
// which counts its steps against the instruction budget and checks the deadline every
// kScriptPatternCheckSteps (src/script/lua_pattern.h); table.insert/remove/concat/unpack/move/
// sort and utf8.len/codepoint/offset charge their work the same way; whatever builds strings
// is bounded by the memory cap, and the allocator checks the deadline every
// kScriptAllocCheckBytes. Converting a value to JSON (the result, a connector call's arguments)
// counts the JSON's memory against what the state leaves of the memory cap (a string reached
// N times counts N times) and the result's serialised size against max_result_bytes before
// serialising; the caller's arguments and connector answers become Lua values through the
// capped allocator.
//
// Errors: kInvalidInput for a script error, with the script's message and line
// ("script 'x':12: attempt to index a nil value (local 't')"), or a syntax error; kTimeout;
// kLimitExceeded; kInvalidInput for a non-serialisable result; kUnknownUid from ScriptCatalog
// for an unknown script id. The run never crashes or hangs the process. setmetatable refuses
// metatables with __gc (Lua runs finalizers with hooks off, out of reach of the limits).
//
// Script definitions (ScriptDefinition, ParseSystemActions) use OpenIDM's `systemActions`:
//   [{"scriptId": "ID", "actions": [{"systemType": ".*AwsConnector", "actionType": "lua",
//     "actionSource": "return 1"}   or   "actionFile": "scripts/x.lua"}]}]
// Relative actionFile paths resolve against a base directory (the provisioner file's folder).
//
// Thread safety: ScriptRunner and ScriptCatalog are immutable after construction and safe to
// use from many threads; ScriptHost implementations must be thread-safe (runs are concurrent).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws_iam_connector/status.h"

namespace aic {

// Defaults of ScriptLimits.
inline constexpr std::uint64_t kScriptDefaultInstructionBudget = 200'000'000;
inline constexpr std::chrono::milliseconds kScriptDefaultWallClock{10'000};
inline constexpr std::size_t kScriptDefaultMemoryBytes = 64 * 1024 * 1024;
inline constexpr int kScriptDefaultMaxHostCalls = 10'000;
inline constexpr std::size_t kScriptMaxSourceBytes = 1024 * 1024;
inline constexpr std::size_t kScriptMaxResultBytes = 16 * 1024 * 1024;
inline constexpr std::size_t kScriptMaxPrintedBytes = 64 * 1024;
inline constexpr int kScriptMaxJsonDepth = 64;
// Values (JSON nodes) in one conversion of a Lua value: a result or a call's arguments (its
// bytes are bounded by the memory cap, see the file comment).
inline constexpr std::size_t kScriptMaxJsonValues = 1'000'000;
// Instructions between two checks of the budget and the deadline (small: one instruction can
// compare or concatenate long strings).
inline constexpr int kScriptHookInterval = 1'000;
// Bytes a script's state may grow by between two checks of the deadline by its allocator.
inline constexpr std::size_t kScriptAllocCheckBytes = 1024 * 1024;

struct ScriptLimits {
  std::uint64_t instruction_budget = kScriptDefaultInstructionBudget;  // VM instructions
  std::chrono::milliseconds wall_clock = kScriptDefaultWallClock;
  std::size_t memory_bytes = kScriptDefaultMemoryBytes;  // bytes held by the Lua state
  int max_host_calls = kScriptDefaultMaxHostCalls;       // connector.* calls per run
  std::size_t max_source_bytes = kScriptMaxSourceBytes;
  std::size_t max_result_bytes = kScriptMaxResultBytes;  // serialised JSON result
  std::size_t max_printed_bytes = kScriptMaxPrintedBytes;
  std::size_t max_json_values = kScriptMaxJsonValues;  // per result / per call's arguments
};

// What a script can do to the connector. Objects, attributes and results are JSON in the
// CREST shape of the REST API. Implementations must be thread-safe; errors are Status values.
class ScriptHost {
 public:
  virtual ~ScriptHost() = default;
  virtual Result<nlohmann::json> Create(std::string_view object_class,
                                        const nlohmann::json& attributes) = 0;
  // `fields`: comma-separated `_fields`, empty for the class defaults.
  virtual Result<nlohmann::json> Get(std::string_view object_class, std::string_view id,
                                     std::string_view fields) = 0;
  virtual Result<nlohmann::json> Update(std::string_view object_class, std::string_view id,
                                        const nlohmann::json& attributes) = 0;
  virtual Result<nlohmann::json> Patch(std::string_view object_class, std::string_view id,
                                       const nlohmann::json& operations) = 0;
  virtual Result<nlohmann::json> Delete(std::string_view object_class, std::string_view id) = 0;
  // `filter`: a `_queryFilter` ("true" for all). `options`: an object with optional string or
  // number members fields, pageSize, pagedResultsCookie, sortKeys. Returns the CREST query
  // envelope ({"result": [...], "pagedResultsCookie": ...}).
  virtual Result<nlohmann::json> Search(std::string_view object_class, std::string_view filter,
                                        const nlohmann::json& options) = 0;
  // A raw IAM Query call: params are ordered (name, value) pairs; returns the <ActionResult>
  // as JSON (see XmlResultToJson in src/script/connector_script_host.h).
  virtual Result<nlohmann::json> Iam(
      std::string_view action, const std::vector<std::pair<std::string, std::string>>& params) = 0;
};

// What a run is given.
struct ScriptContext {
  nlohmann::json config = nlohmann::json::object();  // masked configuration
  nlohmann::json args;                               // the caller's arguments (null: none)
  ScriptHost* host = nullptr;  // not owned; null: connector operations raise "Unsupported"
};

struct ScriptOutput {
  nlohmann::json result;
  std::string printed;  // what print() wrote, truncated at max_printed_bytes
};

class ScriptRunner {
 public:
  explicit ScriptRunner(ScriptLimits limits = {}) : limits_(limits) {}

  // Runs `source` (Lua text; binary chunks are refused) as chunk `name`. See the file comment.
  Result<ScriptOutput> Run(std::string_view name, std::string_view source,
                           const ScriptContext& context) const;

  const ScriptLimits& limits() const { return limits_; }

 private:
  ScriptLimits limits_;
};

// One script of `systemActions`.
struct ScriptDefinition {
  std::string id;           // scriptId
  std::string language;     // actionType: "lua" (case-insensitive on input)
  std::string system_type;  // regex of the connector types it applies to
  std::string source;       // actionSource (empty when file is set)
  std::string file;         // actionFile, resolved against the base directory
};

// Parses a `systemActions` array. Entries whose actionType is not Lua are kept out (OpenIDM
// runs Groovy/JavaScript elsewhere); an entry with neither or both actionSource/actionFile, a
// missing or duplicate scriptId, wrong types or a bad systemType regex -> kConfiguration naming
// the index and field.
Result<std::vector<ScriptDefinition>> ParseSystemActions(const nlohmann::json& system_actions,
                                                         std::string_view base_dir = {});

// The source of a definition: actionSource, or the file's content (kConfiguration when it cannot
// be read or exceeds `max_bytes`).
Result<std::string> LoadScriptSource(const ScriptDefinition& definition,
                                     std::size_t max_bytes = kScriptMaxSourceBytes);

// The scripts of one connector, ready to run by id: what the REST server and the CLI call.
class ScriptCatalog {
 public:
  ScriptCatalog(std::vector<ScriptDefinition> definitions, ScriptLimits limits = {})
      : definitions_(std::move(definitions)), runner_(limits) {}

  // Runs script `script_id` with `args`; kUnknownUid for an unknown id ("no script 'x' in
  // systemActions"); otherwise as ScriptRunner::Run (files are read at each run).
  Result<ScriptOutput> RunById(std::string_view script_id, const nlohmann::json& args,
                               const nlohmann::json& masked_config, ScriptHost* host) const;
  // Runs inline source (`_action=runScriptOnConnector` with a body {"script": "...",
  // "args": {...}}, or when the server allows ad-hoc scripts).
  Result<ScriptOutput> RunSource(std::string_view name, std::string_view source,
                                 const nlohmann::json& args, const nlohmann::json& masked_config,
                                 ScriptHost* host) const;

  const std::vector<ScriptDefinition>& definitions() const { return definitions_; }
  const ScriptRunner& runner() const { return runner_; }

 private:
  std::vector<ScriptDefinition> definitions_;
  ScriptRunner runner_;
};

}  // namespace aic
