// Internal to ScimApi: one SCIM request on its way through the handlers (scim_users.cc,
// scim_groups.cc), the per-connector state they share, and the response helpers.
//
// Thread safety: a Call belongs to one request; SystemState's members are thread-safe.
#pragma once

#include <functional>
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
#include "server/scim/scim_listing.h"

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

// ---- What /Users and /Groups share (scim_resources.cc) ----

// What differs between the two resource types in the shared steps.
struct ResourceKind {
  std::string_view object_class;    // the connector's: "__ACCOUNT__", "__GROUP__"
  std::string_view resource;        // "User", "Group" (listing-cache keys, messages)
  std::string_view id_attribute;    // the connector attribute of the IAM id: "UserId", "GroupId"
  std::string_view name_attribute;  // the SCIM attribute of the IAM name: "userName", ...
  const scim::ResourceTypeDef& (*type)();
  scim::IdDirectory SystemState::*directory;
  json (*to_scim)(const json& object, std::string_view base_url);
};

// The operations of one resource type that are its own.
struct ResourceHandlers {
  // The connector fields (`_fields`) that a read or a listing answering `request` needs.
  std::string (*fields_for)(const scim::ListRequest& request);
  Task<ServerResponse> (*create)(Call& call);
  Task<ServerResponse> (*replace)(Call& call, const std::string& id);
  Task<ServerResponse> (*patch)(Call& call, const std::string& id);
};

// The SCIM resource of a connector object, its (id, name) remembered in the kind's directory.
json Remember(Call& call, const ResourceKind& kind, const json& object);
Task<ScimResult<json>> ReadByName(Call& call, const ResourceKind& kind, const std::string& name,
                                  const std::string& fields);
// Every id of the kind into its directory: one listing of the id attribute.
Task<Status> ScanIds(Call& call, const ResourceKind& kind);
// The resource with this IAM id (a directory hit is verified by the read's own id).
Task<ScimResult<json>> ReadById(Call& call, const ResourceKind& kind, const std::string& id,
                                const std::string& fields);
// Applies a connector change to the resource `current` and answers the new resource (200), or
// `current` when there is nothing to change. `finish` completes the connector's answer (may be
// null).
Task<ServerResponse> UpdateResource(Call& call, const ResourceKind& kind, const json& current,
                                    const json& change, const std::string& fields,
                                    const std::function<void(json&)>& finish);
// Creates the connector object `change` and answers the new resource (201, Location).
Task<ServerResponse> CreateResource(Call& call, const ResourceKind& kind, const json& change,
                                    const std::string& fields,
                                    const std::function<void(json&)>& finish);
// A read, write or delete answer: the resource projected as the query asks, with its ETag.
ServerResponse Answer(const Call& call, const ResourceKind& kind, int status, const json& resource,
                      bool location = false);
// GET /{Resources}/{id}, DELETE, the listings, and the routing of the rest to `handlers`.
Task<ServerResponse> RouteResource(Call& call, const ResourceKind& kind,
                                   const ResourceHandlers& handlers);

Task<ServerResponse> HandleUsers(Call& call);
Task<ServerResponse> HandleGroups(Call& call);

// The user name of a UserId: the directory, or one listing of every user's id when it does not
// know it. kUnknownUid when no user has this id.
Task<Result<std::string>> UserNameOfId(Call& call, const std::string& id);

}  // namespace aic::scim_internal
