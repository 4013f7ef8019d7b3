// scim_logic_tool: the SCIM logic behind a line protocol, for tests/scim_oracle (which runs the
// same cases through independent npm implementations) and for trying things by hand.
//
// Reads one JSON request per stdin line and writes one JSON answer per line:
//   {"kind":"filter","filter":F,"resource":R[,"type":"User"|"Group"]} -> {"match":bool}
//   {"kind":"patch","resource":R,"request":P[,"type":...]}             -> {"result":R2}
//   {"kind":"check","body":B[,"type":...]}                              -> {"result":R2}
//   {"kind":"project","resource":R[,"attributes":"a,b"][,"excludedAttributes":"c"]}
//                                                                       -> {"result":R2}
// or {"error":{"status":400,"scimType":"...","detail":"..."}} (also for a malformed line).
// The type defaults to "User". No I/O other than stdin and stdout.
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "scim/scim_filter.h"
#include "scim/scim_patch.h"
#include "scim/scim_resource.h"
#include "scim/scim_schema.h"

namespace {

using json = nlohmann::json;
using aic::scim::ScimError;

json ErrorJson(const ScimError& e) {
  return {{"error",
           {{"status", e.status},
            {"scimType", std::string(aic::scim::ScimTypeName(e.type))},
            {"detail", e.detail}}}};
}

json Malformed(const std::string& why) {
  return ErrorJson(aic::scim::BadRequest(aic::scim::ScimType::kInvalidSyntax, why));
}

std::string StringOr(const json& request, const char* key, const char* fallback) {
  auto it = request.find(key);
  return (it != request.end() && it->is_string()) ? it->get<std::string>() : fallback;
}

template <class T>
json ResultJson(const aic::scim::ScimResult<T>& r) {
  if (!r.ok()) return ErrorJson(r.error());
  return {{"result", *r}};
}

json Handle(const json& request) {
  if (!request.is_object()) return Malformed("a request must be a JSON object");
  const auto& type = StringOr(request, "type", "User") == "Group" ? aic::scim::GroupResourceType()
                                                                  : aic::scim::UserResourceType();
  const std::string kind = StringOr(request, "kind", "");
  const json resource = request.value("resource", json::object());
  if (kind == "filter") {
    auto f = aic::scim::ParseFilter(StringOr(request, "filter", ""));
    if (!f.ok()) return ErrorJson(f.error());
    return {{"match", aic::scim::Matches(*f, resource, type)}};
  }
  if (kind == "patch") {
    return ResultJson(aic::scim::ApplyPatch(resource, request.value("request", json()), type));
  }
  if (kind == "check") {
    return ResultJson(aic::scim::CheckResource(request.value("body", json()), type));
  }
  if (kind == "project") {
    auto attributes = aic::scim::ParseAttributeList(StringOr(request, "attributes", ""));
    if (!attributes.ok()) return ErrorJson(attributes.error());
    auto excluded = aic::scim::ParseAttributeList(StringOr(request, "excludedAttributes", ""));
    if (!excluded.ok()) return ErrorJson(excluded.error());
    return {{"result", aic::scim::Project(resource, type, *attributes, *excluded)}};
  }
  return Malformed("\"kind\" must be filter, patch, check or project");
}

}  // namespace

int main() {
  std::ios::sync_with_stdio(false);
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json answer;
    try {
      answer = Handle(json::parse(line));
    } catch (const json::exception& e) {
      answer = Malformed(std::string("malformed request line: ") + e.what());
    }
    std::cout << answer.dump(-1, ' ', false, json::error_handler_t::replace) << '\n' << std::flush;
  }
  return 0;
}
