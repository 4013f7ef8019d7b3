// The steps /Users and /Groups share (scim_call.h): reads by name and by id, listings with the
// snapshot cache, answers, deletes and the routing of a resource endpoint.
#include <memory>

#include "common/text_codec.h"
#include "scim/scim_filter.h"
#include "scim/scim_resource.h"
#include "scim/scim_schema.h"
#include "server/scim/scim_call.h"
#include "server/scim/scim_listing.h"

namespace aic::scim_internal {
namespace {

using scim::BadRequest;
using scim::ListRequest;
using scim::ScimType;

ScimError NotFound(const ResourceKind& kind, const std::string& id) {
  return ScimError{404, ScimType::kNone,
                   "no " + text::AsciiLower(kind.resource) + " has the id '" + id + "'", 0};
}

connector::RawOperationOptions Fields(const std::string& fields) {
  connector::RawOperationOptions raw;
  raw.fields = fields;
  return raw;
}

// Every resource of the kind: the listing cache, or one listing.
Task<ScimResult<std::shared_ptr<const scim::Snapshot>>> ReadAll(Call& call,
                                                                const ResourceKind& kind,
                                                                const std::string& fields) {
  const std::string key = std::string(kind.resource) + "|" + fields;
  if (auto hit = call.state.lists.Find(key)) co_return hit;
  connector::QuerySpec spec;
  spec.query_filter = "true";
  const connector::RawOperationOptions raw = Fields(fields);
  auto all = co_await call.facade().Query(kind.object_class, spec, raw);
  if (!all.ok()) co_return scim::ToScimError(all.status());
  if (all->result.size() > call.state.lists.max_resources()) {
    co_return BadRequest(ScimType::kTooMany,
                         "the listing has more resources than scimMaxListResources (" +
                             std::to_string(call.state.lists.max_resources()) + "); use a filter");
  }
  auto snapshot = std::make_shared<scim::Snapshot>();
  snapshot->reserve(all->result.size());
  for (const json& object : all->result) snapshot->push_back(Remember(call, kind, object));
  call.state.lists.Store(key, snapshot);
  co_return std::shared_ptr<const scim::Snapshot>(snapshot);
}

Task<ServerResponse> List(Call& call, const ResourceKind& kind, const ListRequest& request,
                          const std::string& fields) {
  const scim::ResourceTypeDef& type = kind.type();
  std::vector<const json*> matches;  // into `one` or `all`, which outlive the answer
  json one;
  std::shared_ptr<const scim::Snapshot> all;
  std::optional<std::string> by_name, by_id;
  if (request.filter) {
    by_name = scim::EqualityOn(*request.filter, type, kind.name_attribute);
    if (!by_name) by_id = scim::EqualityOn(*request.filter, type, "id");
  }
  if (by_name || by_id) {  // one read instead of a listing
    std::optional<ScimResult<json>> found;
    if (by_name) {
      found = co_await ReadByName(call, kind, *by_name, fields);
    } else {
      found = co_await ReadById(call, kind, *by_id, fields);
    }
    ScimResult<json>& resource = *found;
    if (!resource.ok() && resource.error().status != 404) co_return ScimErrorOf(resource.error());
    if (resource.ok() && scim::Matches(*request.filter, *resource, type)) {
      one = std::move(*resource);
      matches.push_back(&one);
    }
  } else {
    auto read = co_await ReadAll(call, kind, fields);
    if (!read.ok()) co_return ScimErrorOf(read.error());
    all = std::move(*read);
    for (const json& resource : *all) {
      if (!request.filter || scim::Matches(*request.filter, resource, type)) {
        matches.push_back(&resource);
      }
    }
  }
  co_return ScimJson(200, scim::ListResponseOf(request, std::move(matches), type));
}

Task<ServerResponse> Read(Call& call, const ResourceKind& kind, const ResourceHandlers& handlers,
                          const std::string& id) {
  auto request = scim::ListRequestFromQuery(call.params, call.options.max_results);
  if (!request.ok()) co_return ScimErrorOf(request.error());
  const std::string fields = handlers.fields_for(*request);
  auto resource = co_await ReadById(call, kind, id, fields);
  if (!resource.ok()) co_return ScimErrorOf(resource.error());
  co_return Answer(call, kind, 200, *resource);
}

Task<ServerResponse> Delete(Call& call, const ResourceKind& kind, const ResourceHandlers& handlers,
                            const std::string& id) {
  // Read first: the id must be this resource's (a stale directory entry must never delete
  // another), and If-Match needs the current version. One GetUser / GetGroup.
  const std::string fields = handlers.fields_for(ListRequest{});
  auto current = co_await ReadById(call, kind, id, fields);
  if (!current.ok()) co_return ScimErrorOf(current.error());
  if (auto refused = CheckIfMatch(call, *current)) co_return std::move(*refused);
  const connector::RawOperationOptions raw = Fields("__NAME__");
  const std::string name = current->value(std::string(kind.name_attribute), "");
  auto deleted = co_await call.facade().Delete(kind.object_class, name, raw);
  call.state.lists.Invalidate("");  // users' groups and groups' members change too
  if (!deleted.ok()) co_return ScimErrorOf(deleted.status());
  (call.state.*kind.directory).Forget(id);
  ServerResponse r;
  r.status = 204;
  co_return r;
}

Task<ServerResponse> Search(Call& call, const ResourceKind& kind,
                            const ResourceHandlers& handlers) {
  auto body = BodyOf(call);
  if (!body.ok()) co_return ScimErrorOf(body.error());
  auto request = scim::ListRequestFromSearchBody(*body, call.options.max_results);
  if (!request.ok()) co_return ScimErrorOf(request.error());
  co_return co_await List(call, kind, *request, handlers.fields_for(*request));
}

}  // namespace

json Remember(Call& call, const ResourceKind& kind, const json& object) {
  json resource = kind.to_scim(object, call.base_url);
  (call.state.*kind.directory)
      .Remember(resource.value("id", ""), resource.value(std::string(kind.name_attribute), ""));
  return resource;
}

Task<ScimResult<json>> ReadByName(Call& call, const ResourceKind& kind, const std::string& name,
                                  const std::string& fields) {
  const connector::RawOperationOptions raw = Fields(fields);
  auto got = co_await call.facade().Get(kind.object_class, name, raw);
  if (!got.ok()) co_return scim::ToScimError(got.status());
  co_return Remember(call, kind, *got);
}

Task<Status> ScanIds(Call& call, const ResourceKind& kind) {
  connector::QuerySpec spec;
  spec.query_filter = "true";
  const connector::RawOperationOptions raw = Fields(std::string(kind.id_attribute));
  auto all = co_await call.facade().Query(kind.object_class, spec, raw);
  if (!all.ok()) co_return all.status();
  const std::string id_attribute(kind.id_attribute);
  for (const json& o : all->result) {
    (call.state.*kind.directory).Remember(o.value(id_attribute, ""), o.value("_id", ""));
  }
  co_return Status::Ok();
}

Task<ScimResult<json>> ReadById(Call& call, const ResourceKind& kind, const std::string& id,
                                const std::string& fields) {
  scim::IdDirectory& directory = call.state.*kind.directory;
  if (auto name = directory.NameOf(id)) {
    auto resource = co_await ReadByName(call, kind, *name, fields);
    if (resource.ok() && resource->value("id", "") == id) co_return resource;
    if (!resource.ok() && resource.error().status != 404) co_return resource;
    directory.Forget(id);
  }
  Status scanned = co_await ScanIds(call, kind);
  if (!scanned.ok()) co_return scim::ToScimError(scanned);
  auto name = directory.NameOf(id);
  if (!name) co_return NotFound(kind, id);
  auto resource = co_await ReadByName(call, kind, *name, fields);
  if (resource.ok() && resource->value("id", "") != id) co_return NotFound(kind, id);
  co_return resource;
}

ServerResponse Answer(const Call& call, const ResourceKind& kind, int status, const json& resource,
                      bool location) {
  auto projection = scim::ListRequestFromQuery(call.params, call.options.max_results);
  json body = projection.ok() ? scim::Project(resource, kind.type(), projection->attributes,
                                              projection->excluded)
                              : resource;
  const std::string etag = resource["meta"].value("version", "");
  return ScimJson(status, body, etag,
                  location ? resource["meta"].value("location", "") : std::string());
}

Task<ServerResponse> UpdateResource(Call& call, const ResourceKind& kind, const json& current,
                                    const json& change, const std::string& fields,
                                    const std::function<void(json&)>& finish) {
  if (change.empty()) co_return Answer(call, kind, 200, current);
  const connector::RawOperationOptions raw = Fields(fields);
  const std::string name = current.value(std::string(kind.name_attribute), "");
  auto updated = co_await call.facade().Update(kind.object_class, name, change, raw);
  call.state.lists.Invalidate("");
  if (!updated.ok()) co_return ScimErrorOf(updated.status());
  if (finish) finish(*updated);
  co_return Answer(call, kind, 200, Remember(call, kind, *updated));
}

Task<ServerResponse> CreateResource(Call& call, const ResourceKind& kind, const json& change,
                                    const std::string& fields,
                                    const std::function<void(json&)>& finish) {
  const connector::RawOperationOptions raw = Fields(fields);
  auto created = co_await call.facade().Create(kind.object_class, change, raw);
  call.state.lists.Invalidate("");
  if (!created.ok()) co_return ScimErrorOf(created.status());
  if (finish) finish(*created);
  co_return Answer(call, kind, 201, Remember(call, kind, *created), /*location=*/true);
}

Task<ServerResponse> RouteResource(Call& call, const ResourceKind& kind,
                                   const ResourceHandlers& handlers) {
  const std::string& method = call.request.method;
  if (call.rest.empty()) {
    if (method == "GET") {
      auto request = scim::ListRequestFromQuery(call.params, call.options.max_results);
      if (!request.ok()) co_return ScimErrorOf(request.error());
      co_return co_await List(call, kind, *request, handlers.fields_for(*request));
    }
    if (method == "POST") co_return co_await handlers.create(call);
  } else if (call.rest.size() == 1 && call.rest[0] == ".search") {
    if (method == "POST") co_return co_await Search(call, kind, handlers);
  } else if (call.rest.size() == 1) {
    const std::string id = call.rest[0];
    if (method == "GET") co_return co_await Read(call, kind, handlers, id);
    if (method == "PUT") co_return co_await handlers.replace(call, id);
    if (method == "PATCH") co_return co_await handlers.patch(call, id);
    if (method == "DELETE") co_return co_await Delete(call, kind, handlers, id);
  } else {
    co_return ScimErrorOf(ScimError{404, ScimType::kNone, "not found", 0});
  }
  co_return ScimErrorOf(ScimError{405, ScimType::kNone, "method not allowed", 0});
}

}  // namespace aic::scim_internal
