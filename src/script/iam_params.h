// Flattening of a script's IAM parameters (a JSON object from a Lua table) into AWS Query
// form parameters, and the checks on the action name. Internal to src/script.
//
//   {UserName = "a", MaxItems = 10}        -> UserName=a, MaxItems=10
//   {Tags = {{Key = "k", Value = "v"}}}    -> Tags.member.1.Key=k, Tags.member.1.Value=v
//   {PolicyArns = {"arn1", "arn2"}}        -> PolicyArns.member.1=arn1, ...
// Booleans become "true"/"false". Errors (kInvalidInput): an action that is not 1..128 ASCII
// letters and digits, params that are not an object, more than kScriptMaxIamParams pairs, a
// null value, or nesting deeper than kScriptMaxJsonDepth.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws_iam_connector/script_runner.h"
#include "aws_iam_connector/status.h"

namespace aic::script {

inline constexpr std::size_t kScriptMaxIamParams = 1000;
inline constexpr std::size_t kScriptMaxIamActionLength = 128;

using IamParams = std::vector<std::pair<std::string, std::string>>;

Result<IamParams> FlattenIamParams(std::string_view action, const nlohmann::json& params);

}  // namespace aic::script
