// Internal to ScimApi: one SCIM request on its way through the handlers (scim_users.cc,
// scim_groups.cc), the per-connector state they share, and the response helpers.
//
// Thread safety: a Call belongs to one request; SystemState's members are thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws_iam_connector/connector/connector_facade.h"
#include "aws_iam_connector/task.h"
#include "http_server/http_server.h"
#include "scim/scim_error.h"
#include "server/rest_api.h"
#include "server/rest_util.h"
#include "server/scim/id_directory.h"
#include "server/scim/list_snapshot_cache.h"
#include "server/scim/scim_api.h"

namespace aic::scim_internal {

using json = nlohmann::json;
using http_server::ServerRequest;
using http_server::ServerResponse;
using scim::ScimError;
using scim::ScimResult;

struct SystemState {
  SystemState(const ScimOptions& o)
      : users(o.max_directory_entries),
        groups(o.max_directory_entries),
        lists(o.list_cache_ttl, o.max_list_resources) {}
  scim::IdDirectory users;
  scim::IdDirectory groups;
  scim::ListSnapshotCache lists;
};

struct Call {
  const ServerRequest& request;
  const RestSystem& system;
  SystemState& state;
  const ScimOptions& options;
  std::string base_url;  // scheme://host/scim/v2/NAME
  QueryParams params;
  // The path segments after the resource endpoint (/Users/{id} -> {id}).
  std::vector<std::string> rest;

  connector::ConnectorFacade& facade() const { return system.connector->facade(); }
};

// A SCIM JSON response (application/scim+json), with ETag and Location when given.
ServerResponse ScimJson(int status, const json& body, std::string_view etag = {},
                        std::string_view location = {});
ServerResponse ScimErrorOf(const ScimError& error);
ServerResponse ScimErrorOf(const Status& status);
// The request body as JSON (400 invalidSyntax when malformed).
ScimResult<json> BodyOf(const Call& call);
// The If-Match precondition against a resource's meta.version: nullopt when it holds (or no
// If-Match was sent), else the 412 answer.
std::optional<ServerResponse> CheckIfMatch(const Call& call, const json& resource);
// The current time as ISO 8601 (meta.lastModified of a change).
std::string NowIso8601();
// "a,b,c" of a list of connector attribute names (the facade's `_fields`).
std::string JoinFields(const std::vector<std::string>& fields);

Task<ServerResponse> HandleUsers(Call& call);
Task<ServerResponse> HandleGroups(Call& call);

// The user name of a UserId: the directory, or one listing of every user's id when it does not
// know it. kUnknownUid when no user has this id.
Task<Result<std::string>> UserNameOfId(Call& call, const std::string& id);

}  // namespace aic::scim_internal
