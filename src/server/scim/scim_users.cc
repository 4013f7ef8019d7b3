// /Users of the SCIM service (scim_api.h): IAM users through the connector's __ACCOUNT__.
#include <memory>

#include "common/text_codec.h"
#include "scim/scim_filter.h"
#include "scim/scim_patch.h"
#include "scim/scim_resource.h"
#include "scim/scim_schema.h"
#include "server/scim/scim_call.h"
#include "server/scim/scim_listing.h"
#include "server/scim/scim_user_mapping.h"

namespace aic::scim_internal {
namespace {

using scim::BadRequest;
using scim::ListRequest;
using scim::ScimType;
using scim::UserReadNeeds;

constexpr std::string_view kAccount = "__ACCOUNT__";
constexpr std::string_view kUserResource = "User";

const scim::ResourceTypeDef& Type() { return scim::UserResourceType(); }

connector::RawOperationOptions FieldsFor(const UserReadNeeds& needs) {
  connector::RawOperationOptions raw;
  raw.fields = JoinFields(scim::AccountFieldsFor(needs));
  return raw;
}

// The SCIM User of a connector account, remembered in the directory.
json Remember(Call& call, const json& account) {
  json user = scim::AccountToScimUser(account, call.base_url);
  call.state.users.Remember(user.value("id", ""), user.value("userName", ""));
  return user;
}

Task<ScimResult<json>> ReadByName(Call& call, const std::string& name, const UserReadNeeds& needs) {
  const connector::RawOperationOptions raw = FieldsFor(needs);
  auto got = co_await call.facade().Get(kAccount, name, raw);
  if (!got.ok()) co_return scim::ToScimError(got.status());
  co_return Remember(call, *got);
}

// Every user's id into the directory: one listing (ceil(N / pageSize) ListUsers).
Task<Status> ScanUsers(Call& call) {
  connector::QuerySpec spec;
  spec.query_filter = "true";
  connector::RawOperationOptions raw;
  raw.fields = "UserId";
  auto all = co_await call.facade().Query(kAccount, spec, raw);
  if (!all.ok()) co_return all.status();
  for (const json& o : all->result) {
    call.state.users.Remember(o.value("UserId", ""), o.value("_id", ""));
  }
  co_return Status::Ok();
}

// The user with this UserId (the directory's hit is verified by the read's own UserId).
Task<ScimResult<json>> ReadById(Call& call, const std::string& id, const UserReadNeeds& needs) {
  if (auto name = call.state.users.NameOf(id)) {
    auto user = co_await ReadByName(call, *name, needs);
    if (user.ok() && user->value("id", "") == id) co_return user;
    if (!user.ok() && user.error().status != 404) co_return user;
    call.state.users.Forget(id);
  }
  Status scanned = co_await ScanUsers(call);
  if (!scanned.ok()) co_return scim::ToScimError(scanned);
  auto name = call.state.users.NameOf(id);
  if (!name) co_return ScimError{404, ScimType::kNone, "no user has the id '" + id + "'", 0};
  auto user = co_await ReadByName(call, *name, needs);
  if (user.ok() && user->value("id", "") != id) {
    co_return ScimError{404, ScimType::kNone, "no user has the id '" + id + "'", 0};
  }
  co_return user;
}

// Every user as a SCIM resource: the listing cache, or one listing.
Task<ScimResult<std::shared_ptr<const scim::Snapshot>>> AllUsers(Call& call,
                                                                 const UserReadNeeds& needs) {
  const connector::RawOperationOptions raw = FieldsFor(needs);
  const std::string key = std::string(kUserResource) + "|" + *raw.fields;
  if (auto hit = call.state.lists.Find(key)) co_return hit;
  connector::QuerySpec spec;
  spec.query_filter = "true";
  auto all = co_await call.facade().Query(kAccount, spec, raw);
  if (!all.ok()) co_return scim::ToScimError(all.status());
  if (all->result.size() > call.state.lists.max_resources()) {
    co_return BadRequest(ScimType::kTooMany,
                         "the account has more users than scimMaxListResources (" +
                             std::to_string(call.state.lists.max_resources()) + ")");
  }
  auto snapshot = std::make_shared<scim::Snapshot>();
  snapshot->reserve(all->result.size());
  for (const json& account : all->result) snapshot->push_back(Remember(call, account));
  call.state.lists.Store(key, snapshot);
  co_return std::shared_ptr<const scim::Snapshot>(snapshot);
}

UserReadNeeds NeedsOf(const ListRequest& request) {
  return UserReadNeeds{scim::Mentions(request, "groups"), scim::Mentions(request, "entitlements"),
                       scim::Mentions(request, "passwordResetRequired")};
}

Task<ServerResponse> List(Call& call, const ListRequest& request) {
  const UserReadNeeds needs = NeedsOf(request);
  std::vector<json> matches;
  std::optional<std::string> by_name, by_id;
  if (request.filter) {
    by_name = scim::EqualityOn(*request.filter, Type(), "userName");
    if (!by_name) by_id = scim::EqualityOn(*request.filter, Type(), "id");
  }
  if (by_name || by_id) {  // one read instead of a listing
    std::optional<ScimResult<json>> found;
    if (by_name) {
      found = co_await ReadByName(call, *by_name, needs);
    } else {
      found = co_await ReadById(call, *by_id, needs);
    }
    ScimResult<json>& user = *found;
    if (!user.ok() && user.error().status != 404) co_return ScimErrorOf(user.error());
    if (user.ok() && scim::Matches(*request.filter, *user, Type())) {
      matches.push_back(std::move(*user));
    }
  } else {
    auto all = co_await AllUsers(call, needs);
    if (!all.ok()) co_return ScimErrorOf(all.error());
    for (const json& user : **all) {
      if (!request.filter || scim::Matches(*request.filter, user, Type())) matches.push_back(user);
    }
  }
  co_return ScimJson(200, scim::ListResponseOf(request, std::move(matches), Type()));
}

// The response of a read or a write: the resource projected as the query asks.
ServerResponse Answer(const Call& call, int status, const json& user, bool location = false) {
  auto projection = scim::ListRequestFromQuery(call.params, call.options.max_results);
  json body = projection.ok()
                  ? scim::Project(user, Type(), projection->attributes, projection->excluded)
                  : user;
  const std::string etag = user["meta"].value("version", "");
  return ScimJson(status, body, etag,
                  location ? user["meta"].value("location", "") : std::string());
}

// Applies `change` (connector attributes) to the user `current`; answers the new resource.
Task<ServerResponse> Apply(Call& call, const json& current, const json& change,
                           const UserReadNeeds& needs) {
  if (change.empty()) co_return Answer(call, 200, current);
  const connector::RawOperationOptions raw = FieldsFor(needs);
  const std::string name = current.value("userName", "");
  auto updated = co_await call.facade().Update(kAccount, name, change, raw);
  call.state.lists.Invalidate(std::string(kUserResource));
  if (!updated.ok()) co_return ScimErrorOf(updated.status());
  co_return Answer(call, 200, Remember(call, *updated));
}

Task<ServerResponse> Create(Call& call) {
  auto body = BodyOf(call);
  if (!body.ok()) co_return ScimErrorOf(body.error());
  auto user = scim::CheckResource(*body, Type());
  if (!user.ok()) co_return ScimErrorOf(user.error());
  auto change = scim::ScimUserToAccountChange(json(), *user, NowIso8601());
  if (!change.ok()) co_return ScimErrorOf(change.error());
  const UserReadNeeds needs{false, user->contains("entitlements"), false};
  const connector::RawOperationOptions raw = FieldsFor(needs);
  auto created = co_await call.facade().Create(kAccount, *change, raw);
  call.state.lists.Invalidate(std::string(kUserResource));
  if (!created.ok()) co_return ScimErrorOf(created.status());
  co_return Answer(call, 201, Remember(call, *created), /*location=*/true);
}

Task<ServerResponse> Replace(Call& call, const std::string& id) {
  auto body = BodyOf(call);
  if (!body.ok()) co_return ScimErrorOf(body.error());
  auto wanted = scim::CheckResource(*body, Type());
  if (!wanted.ok()) co_return ScimErrorOf(wanted.error());
  const UserReadNeeds needs{false, wanted->contains("entitlements"), false};
  auto current = co_await ReadById(call, id, needs);
  if (!current.ok()) co_return ScimErrorOf(current.error());
  if (auto refused = CheckIfMatch(call, *current)) co_return std::move(*refused);
  // Not asserted by a PUT that leaves them out (RFC 7644 3.5.1): the aws extension's values and
  // `active` keep their current values.
  const std::string aws(scim::kAwsUserSchema);
  json& ext = (*wanted)[aws];
  if (!ext.is_object()) ext = json::object();
  for (const auto& [key, value] : (*current)[aws].items()) {
    if (!ext.contains(key)) ext[key] = value;
  }
  if (!wanted->contains("active")) (*wanted)["active"] = (*current)["active"];
  auto change = scim::ScimUserToAccountChange(*current, *wanted, NowIso8601());
  if (!change.ok()) co_return ScimErrorOf(change.error());
  co_return co_await Apply(call, *current, *change, needs);
}

Task<ServerResponse> Patch(Call& call, const std::string& id) {
  auto body = BodyOf(call);
  if (!body.ok()) co_return ScimErrorOf(body.error());
  const std::string text = text::AsciiLower(body->dump());
  const UserReadNeeds needs{false, text.find("entitlements") != std::string::npos, false};
  auto current = co_await ReadById(call, id, needs);
  if (!current.ok()) co_return ScimErrorOf(current.error());
  if (auto refused = CheckIfMatch(call, *current)) co_return std::move(*refused);
  auto patched = scim::ApplyPatch(*current, *body, Type());
  if (!patched.ok()) co_return ScimErrorOf(patched.error());
  auto change = scim::ScimUserToAccountChange(*current, *patched, NowIso8601());
  if (!change.ok()) co_return ScimErrorOf(change.error());
  co_return co_await Apply(call, *current, *change, needs);
}

Task<ServerResponse> Delete(Call& call, const std::string& id) {
  // Read first: the id must be this user's (a stale directory entry must never delete another
  // user), and If-Match needs the current version.
  auto current = co_await ReadById(call, id, UserReadNeeds{});
  if (!current.ok()) co_return ScimErrorOf(current.error());
  if (auto refused = CheckIfMatch(call, *current)) co_return std::move(*refused);
  connector::RawOperationOptions raw;
  raw.fields = "__NAME__";
  const std::string name = current->value("userName", "");
  auto deleted = co_await call.facade().Delete(kAccount, name, raw);
  call.state.lists.Invalidate(std::string(kUserResource));
  if (!deleted.ok()) co_return ScimErrorOf(deleted.status());
  call.state.users.Forget(id);
  ServerResponse r;
  r.status = 204;
  co_return r;
}

Task<ServerResponse> Read(Call& call, const std::string& id) {
  auto request = scim::ListRequestFromQuery(call.params, call.options.max_results);
  if (!request.ok()) co_return ScimErrorOf(request.error());
  auto user = co_await ReadById(call, id, NeedsOf(*request));
  if (!user.ok()) co_return ScimErrorOf(user.error());
  co_return Answer(call, 200, *user);
}

}  // namespace

Task<Result<std::string>> UserNameOfId(Call& call, const std::string& id) {
  if (auto name = call.state.users.NameOf(id)) co_return *name;
  Status scanned = co_await ScanUsers(call);
  if (!scanned.ok()) co_return scanned;
  if (auto name = call.state.users.NameOf(id)) co_return *name;
  co_return Status(ErrorCode::kInvalidAttributeValue, "no user has the id '" + id + "'");
}

Task<ServerResponse> HandleUsers(Call& call) {
  const std::string& method = call.request.method;
  if (call.rest.empty()) {
    if (method == "GET") {
      auto request = scim::ListRequestFromQuery(call.params, call.options.max_results);
      if (!request.ok()) co_return ScimErrorOf(request.error());
      co_return co_await List(call, *request);
    }
    if (method == "POST") co_return co_await Create(call);
  } else if (call.rest.size() == 1 && call.rest[0] == ".search") {
    if (method == "POST") {
      auto body = BodyOf(call);
      if (!body.ok()) co_return ScimErrorOf(body.error());
      auto request = scim::ListRequestFromSearchBody(*body, call.options.max_results);
      if (!request.ok()) co_return ScimErrorOf(request.error());
      co_return co_await List(call, *request);
    }
  } else if (call.rest.size() == 1) {
    const std::string id = call.rest[0];
    if (method == "GET") co_return co_await Read(call, id);
    if (method == "PUT") co_return co_await Replace(call, id);
    if (method == "PATCH") co_return co_await Patch(call, id);
    if (method == "DELETE") co_return co_await Delete(call, id);
  } else {
    co_return ScimErrorOf(ScimError{404, ScimType::kNone, "not found", 0});
  }
  co_return ScimErrorOf(ScimError{405, ScimType::kNone, "method not allowed", 0});
}

}  // namespace aic::scim_internal
