// ScimApi: the SCIM 2.0 service provider of SPEC section 10 (RFC 7643, RFC 7644), served by
// `serve` beside the OpenIDM REST API, on the same connector framework (every IAM call goes
// through the system's ConnectorFacade). RestApi hands it every request under /scim/v2/.
//
// Routes, for each configured connector NAME (base URL /scim/v2/NAME):
//   GET  /ServiceProviderConfig, /ResourceTypes[/ID], /Schemas[/URN]
//   GET  /Users (filter, startIndex, count, attributes, excludedAttributes, sortBy, sortOrder)
//   POST /Users/.search (the same as a SearchRequest body)        POST /Users (201)
//   GET, PUT, PATCH, DELETE /Users/{id}                           and the same for /Groups
// Media type application/scim+json (application/json accepted). Errors are RFC 7644 3.12 bodies;
// the Status -> SCIM table is scim::ToScimError (scim/scim_error.h).
// Costs in IAM calls (docs/scim.md has the whole table): `userName eq` and `displayName eq`
// filters are one GetUser / GetGroup; a request naming an id is answered by name through an
// IdDirectory (a miss costs one listing); other filters and plain listings read the whole
// listing once (ListSnapshotCache: later pages of the same listing cost nothing).
//
// Authentication happens before (RestApi::Authorize*): a bearer token (ScimTokens) or an
// admin's Basic credentials.
// Thread safety: Handle may be called from many threads at once.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "aws_iam_connector/task.h"
#include "http_server/http_server.h"
#include "scim/scim_error.h"

namespace aic {

struct RestSystem;

struct ScimOptions {
  std::chrono::seconds list_cache_ttl{30};
  std::size_t max_list_resources = 20000;
  int max_results = 1000;
  std::size_t max_directory_entries = 100000;
  std::string scheme = "http";  // of meta.location ("https" when serve has TLS)
};

class ScimApi {
 public:
  // One state (id directories, listing cache) per system name.
  ScimApi(ScimOptions options, const std::vector<std::string>& system_names);
  ~ScimApi();

  // True for the paths this API serves.
  static bool Serves(std::string_view path);
  // The system name of a SCIM path ("/scim/v2/aws/Users" -> "aws"), or empty.
  static std::string SystemOf(std::string_view path);

  // `system` is the connector the path names, or null when there is none (404).
  Task<http_server::ServerResponse> Handle(const http_server::ServerRequest& request,
                                           const RestSystem* system);

  // An RFC 7644 error response (WWW-Authenticate on 401, Retry-After where set).
  static http_server::ServerResponse ErrorResponse(const scim::ScimError& error);

 private:
  struct SystemState;
  ScimOptions options_;
  std::map<std::string, std::unique_ptr<SystemState>> states_;
};

}  // namespace aic
