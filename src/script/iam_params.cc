#include "script/iam_params.h"

#include <cctype>
#include <cstdio>

namespace aic::script {

namespace {

using json = nlohmann::json;

Status Flatten(const std::string& prefix, const json& v, int depth, IamParams& out) {
  if (depth > kScriptMaxJsonDepth) {
    return Status(ErrorCode::kInvalidInput, "iam params: " + prefix + " is nested too deeply");
  }
  if (out.size() > kScriptMaxIamParams) {
    return Status(ErrorCode::kInvalidInput,
                  "iam params: more than " + std::to_string(kScriptMaxIamParams) + " values");
  }
  switch (v.type()) {
    case json::value_t::string:
      out.emplace_back(prefix, v.get<std::string>());
      return Status::Ok();
    case json::value_t::boolean:
      out.emplace_back(prefix, v.get<bool>() ? "true" : "false");
      return Status::Ok();
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      out.emplace_back(prefix, v.dump());
      return Status::Ok();
    case json::value_t::number_float: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.17g", v.get<double>());
      out.emplace_back(prefix, buf);
      return Status::Ok();
    }
    case json::value_t::array: {
      int i = 1;
      for (const auto& e : v) {
        AIC_RETURN_IF_ERROR(Flatten(prefix + ".member." + std::to_string(i++), e, depth + 1, out));
      }
      return Status::Ok();
    }
    case json::value_t::object:
      for (const auto& [k, e] : v.items()) {
        AIC_RETURN_IF_ERROR(Flatten(prefix.empty() ? k : prefix + "." + k, e, depth + 1, out));
      }
      return Status::Ok();
    default:
      return Status(ErrorCode::kInvalidInput, "iam params: " + prefix + " has no usable value");
  }
}

}  // namespace

Result<IamParams> FlattenIamParams(std::string_view action, const json& params) {
  if (action.empty() || action.size() > kScriptMaxIamActionLength) {
    return Status(ErrorCode::kInvalidInput, "iam: the action must be 1 to " +
                                                std::to_string(kScriptMaxIamActionLength) +
                                                " letters and digits");
  }
  for (char c : action) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      return Status(ErrorCode::kInvalidInput, "iam: the action must be letters and digits");
    }
  }
  IamParams out;
  if (params.is_null() || (params.is_array() && params.empty())) return out;  // {} or nil
  if (!params.is_object()) {
    return Status(ErrorCode::kInvalidInput, "iam: params must be a table with string keys");
  }
  if (params.empty()) return out;
  AIC_RETURN_IF_ERROR(Flatten("", params, 0, out));
  return out;
}

}  // namespace aic::script
