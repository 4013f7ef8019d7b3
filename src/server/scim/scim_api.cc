#include "server/scim/scim_api.h"

#include <chrono>

#include "common/text_codec.h"
#include "scim/scim_schema.h"
#include "server/scim/scim_call.h"

namespace aic {
namespace {

using json = nlohmann::json;
using http_server::ServerRequest;
using http_server::ServerResponse;
using scim::BadRequest;
using scim::ScimError;
using scim::ScimType;
using namespace scim_internal;

constexpr std::string_view kScimPrefix = "/scim/v2/";
constexpr std::string_view kServiceProviderConfigSchema =
    "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";

json ServiceProviderConfig(const ScimOptions& options, const std::string& base_url) {
  return {{"schemas", json::array({kServiceProviderConfigSchema})},
          {"documentationUri", "https://www.rfc-editor.org/rfc/rfc7644"},
          {"patch", {{"supported", true}}},
          {"bulk", {{"supported", false}, {"maxOperations", 0}, {"maxPayloadSize", 0}}},
          {"filter", {{"supported", true}, {"maxResults", options.max_results}}},
          {"changePassword", {{"supported", true}}},
          {"sort", {{"supported", true}}},
          {"etag", {{"supported", true}}},
          {"authenticationSchemes",
           json::array({{{"type", "oauthbearertoken"},
                         {"name", "OAuth Bearer Token"},
                         {"description",
                          "A bearer token of the server configuration (scimTokens) "
                          "or DATA_DIR/scim-token"},
                         {"specUri", "https://www.rfc-editor.org/rfc/rfc6750"},
                         {"primary", true}},
                        {{"type", "httpbasic"},
                         {"name", "HTTP Basic"},
                         {"description", "The server's admin users"},
                         {"specUri", "https://www.rfc-editor.org/rfc/rfc7617"}}})},
          {"meta",
           {{"resourceType", "ServiceProviderConfig"},
            {"location", base_url + "/ServiceProviderConfig"}}}};
}

json ListOf(json resources) {
  const std::size_t n = resources.size();
  return {{"schemas", json::array({scim::kListResponseSchema})},
          {"totalResults", n},
          {"startIndex", 1},
          {"itemsPerPage", n},
          {"Resources", std::move(resources)}};
}

// GET of the discovery endpoints; nullopt when the path is not one of them.
std::optional<ServerResponse> Discovery(const Call& call, const std::string& endpoint) {
  const std::vector<std::string>& rest = call.rest;
  if (endpoint == "ServiceProviderConfig" && rest.empty()) {
    return ScimJson(200, ServiceProviderConfig(call.options, call.base_url));
  }
  if (endpoint == "ResourceTypes") {
    std::vector<const scim::ResourceTypeDef*> types = {&scim::UserResourceType(),
                                                       &scim::GroupResourceType()};
    if (rest.empty()) {
      json all = json::array();
      for (const auto* t : types) all.push_back(scim::ResourceTypeToJson(*t, call.base_url));
      return ScimJson(200, ListOf(std::move(all)));
    }
    for (const auto* t : types) {
      if (rest.size() == 1 && rest[0] == t->id) {
        return ScimJson(200, scim::ResourceTypeToJson(*t, call.base_url));
      }
    }
    return ScimErrorOf(ScimError{404, ScimType::kNone, "no such resource type", 0});
  }
  if (endpoint == "Schemas") {
    if (rest.empty()) {
      json all = json::array();
      for (const auto* s : scim::AllSchemas()) all.push_back(scim::SchemaToJson(*s, call.base_url));
      return ScimJson(200, ListOf(std::move(all)));
    }
    for (const auto* s : scim::AllSchemas()) {
      if (rest.size() == 1 && rest[0] == s->id) {
        return ScimJson(200, scim::SchemaToJson(*s, call.base_url));
      }
    }
    return ScimErrorOf(ScimError{404, ScimType::kNone, "no such schema", 0});
  }
  return std::nullopt;
}

}  // namespace

struct ScimApi::SystemState : scim_internal::SystemState {
  using scim_internal::SystemState::SystemState;
};

ScimApi::ScimApi(ScimOptions options, const std::vector<std::string>& system_names)
    : options_(std::move(options)) {
  for (const std::string& name : system_names) {
    states_[name] = std::make_unique<SystemState>(options_);
  }
}

ScimApi::~ScimApi() = default;

bool ScimApi::Serves(std::string_view path) {
  return path.substr(0, kScimPrefix.size()) == kScimPrefix || path == "/scim/v2";
}

std::string ScimApi::SystemOf(std::string_view path) {
  auto segments = SplitPath(path);
  if (!segments || segments->size() < 3) return {};
  return (*segments)[2];
}

ServerResponse ScimApi::ErrorResponse(const ScimError& error) { return ScimErrorOf(error); }

Task<ServerResponse> ScimApi::Handle(const ServerRequest& request, const RestSystem* system) {
  auto segments = SplitPath(request.Path());
  if (!segments) {
    co_return ScimErrorOf(BadRequest(ScimType::kInvalidSyntax, "malformed percent-escape"));
  }
  auto state = segments->size() >= 3 ? states_.find((*segments)[2]) : states_.end();
  if (system == nullptr || state == states_.end() || segments->size() < 4) {
    co_return ScimErrorOf(ScimError{404, ScimType::kNone, "not found", 0});
  }
  if (!system->enabled) {
    co_return ScimErrorOf(ScimError{503, ScimType::kNone, "connector is disabled", 0});
  }
  auto params = QueryParams::Parse(request.Query());
  if (!params.ok()) co_return ScimErrorOf(params.status());
  std::string host(request.Header("Host"));
  if (host.empty()) host = "localhost";
  Call call{request,
            *system,
            *state->second,
            options_,
            options_.scheme + "://" + host + std::string(kScimPrefix) + (*segments)[2],
            std::move(*params),
            std::vector<std::string>(segments->begin() + 4, segments->end())};
  const std::string& endpoint = (*segments)[3];
  if (endpoint == "Users") co_return co_await HandleUsers(call);
  if (endpoint == "Groups") co_return co_await HandleGroups(call);
  if (request.method != "GET") {
    if (endpoint == "Bulk" || endpoint == "Me") {
      co_return ScimErrorOf(ScimError{501, ScimType::kNone, endpoint + " is not supported", 0});
    }
    co_return ScimErrorOf(ScimError{405, ScimType::kNone, "method not allowed", 0});
  }
  if (auto r = Discovery(call, endpoint)) co_return std::move(*r);
  if (endpoint == "Me") {
    co_return ScimErrorOf(ScimError{501, ScimType::kNone, "/Me is not supported", 0});
  }
  co_return ScimErrorOf(ScimError{404, ScimType::kNone, "not found", 0});
}

namespace scim_internal {

ServerResponse ScimJson(int status, const json& body, std::string_view etag,
                        std::string_view location) {
  ServerResponse r;
  r.status = status;
  r.headers.push_back({"Content-Type", "application/scim+json"});
  if (!etag.empty()) r.headers.push_back({"ETag", std::string(etag)});
  if (!location.empty()) r.headers.push_back({"Location", std::string(location)});
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

ServerResponse ScimErrorOf(const ScimError& error) {
  json body = {{"schemas", json::array({scim::kErrorSchema})},
               {"status", std::to_string(error.status)},
               {"detail", error.detail}};
  if (error.type != ScimType::kNone) body["scimType"] = scim::ScimTypeName(error.type);
  ServerResponse r = ScimJson(error.status, body);
  if (error.retry_after_seconds > 0) {
    r.headers.push_back({"Retry-After", std::to_string(error.retry_after_seconds)});
  }
  if (error.status == 401) r.headers.push_back({"WWW-Authenticate", "Bearer realm=\"scim\""});
  return r;
}

ServerResponse ScimErrorOf(const Status& status) { return ScimErrorOf(scim::ToScimError(status)); }

ScimResult<json> BodyOf(const Call& call) {
  auto parsed = ParseJsonBody(call.request.body, kMaxJsonDepth);
  if (!parsed.ok()) return BadRequest(ScimType::kInvalidSyntax, parsed.status().message());
  if (!parsed->is_object()) {
    return BadRequest(ScimType::kInvalidSyntax, "the body must be a JSON object");
  }
  return std::move(*parsed);
}

std::optional<ServerResponse> CheckIfMatch(const Call& call, const json& resource) {
  std::string_view wanted = text::TrimAsciiSpace(call.request.Header("If-Match"));
  if (wanted.empty() || wanted == "*") return std::nullopt;
  const std::string version =
      resource.contains("meta") ? resource["meta"].value("version", "") : std::string();
  // A strong form of the same tag matches too (clients differ in how they echo W/).
  auto bare = [](std::string_view t) { return t.substr(0, 2) == "W/" ? t.substr(2) : t; };
  while (!wanted.empty()) {
    auto comma = wanted.find(',');
    std::string_view one = text::TrimAsciiSpace(wanted.substr(0, comma));
    if (bare(one) == bare(version)) return std::nullopt;
    wanted = comma == std::string_view::npos ? std::string_view() : wanted.substr(comma + 1);
  }
  return ScimErrorOf(ScimError{412, ScimType::kNone,
                               "If-Match does not match the resource's current version " + version,
                               0});
}

std::string NowIso8601() { return text::FormatIso8601(std::chrono::system_clock::now()); }

std::string JoinFields(const std::vector<std::string>& fields) {
  std::string out;
  for (const std::string& f : fields) {
    if (!out.empty()) out += ',';
    out += f;
  }
  return out;
}

}  // namespace scim_internal
}  // namespace aic
