#include "aws_iam_connector/connector/connector_facade.h"

#include <spdlog/spdlog.h>

#include <string>
#include <utility>
#include <vector>

#include "aws_iam_connector/connector/filter_planner.h"
#include "connector/text_util.h"

namespace aic::connector {
namespace {

using json = nlohmann::json;

Status NotSupported(std::string_view op) {
  return Status(ErrorCode::kUnsupported, "operation " + std::string(op) + " is not supported");
}

}  // namespace

Result<ConnectorFacade::Prepared> ConnectorFacade::Prepare(std::string_view object_class,
                                                           const RawOperationOptions& raw) const {
  auto oc = ParseObjectClass(object_class);
  if (!oc.ok()) return oc.status();
  const ObjectClassInfo* info = schema_.Find(*oc);
  if (info == nullptr) {
    return Status(ErrorCode::kUnsupported,
                  "object class " + std::string(ObjectClassName(*oc)) + " is not in the schema");
  }
  auto options = ParseOperationOptions(raw);
  if (!options.ok()) return options.status();
  auto attrs = ResolveAttributesToGet(*info, *options);
  if (!attrs.ok()) return attrs.status();
  options->attributes_to_get = std::move(*attrs);
  AIC_RETURN_IF_ERROR(CheckSortKeys(*info, options->sort_keys));
  return Prepared{*oc, info, std::move(*options)};
}

Result<json> ConnectorFacade::Finish(Result<json> object, const Prepared& p) const {
  if (!object.ok()) return object.status();
  if (!object->is_object()) return Status(ErrorCode::kInternal, "connector returned a non-object");
  return ProjectObject(*object, p.options.attributes_to_get);
}

Task<Result<json>> ConnectorFacade::DoCreate(std::string_view object_class, json attributes,
                                             const RawOperationOptions& raw_options,
                                             std::optional<std::string_view> id) {
  auto p = Prepare(object_class, raw_options);
  if (!p.ok()) co_return p.status();
  std::optional<Uid> uid;
  if (id) {
    auto u = MakeUid(*id);
    if (!u.ok()) co_return u.status();
    uid = std::move(*u);
  }
  auto validated = ValidateForCreate(*p->info, std::move(attributes), uid);
  if (!validated.ok()) co_return validated.status();
  if (ops_.create == nullptr) co_return NotSupported("create");
  co_return Finish(co_await ops_.create->Create(p->object_class, *validated, p->options), *p);
}

Task<Result<json>> ConnectorFacade::DoGet(std::string_view object_class, std::string_view id,
                                          const RawOperationOptions& raw_options) {
  auto p = Prepare(object_class, raw_options);
  if (!p.ok()) co_return p.status();
  auto uid = MakeUid(id);
  if (!uid.ok()) co_return uid.status();
  if (ops_.get == nullptr) co_return NotSupported("read");
  co_return Finish(co_await ops_.get->Get(p->object_class, *uid, p->options), *p);
}

Task<Result<json>> ConnectorFacade::DoUpdate(std::string_view object_class, std::string_view id,
                                             json attributes,
                                             const RawOperationOptions& raw_options) {
  auto p = Prepare(object_class, raw_options);
  if (!p.ok()) co_return p.status();
  auto uid = MakeUid(id);
  if (!uid.ok()) co_return uid.status();
  auto validated =
      ValidateForUpdate(*p->info, std::move(attributes), *uid, ReadOnlyPolicy::kCollect);
  if (!validated.ok()) co_return validated.status();
  if (ops_.update == nullptr) co_return NotSupported("update");
  if (!validated->read_only_values.empty()) {
    if (ops_.get == nullptr) co_return NotSupported("read");
    OperationOptions current_options;
    for (const auto& [name, value] : validated->read_only_values.items()) {
      current_options.attributes_to_get.push_back(name);
    }
    auto current = co_await ops_.get->Get(p->object_class, *uid, current_options);
    if (!current.ok()) co_return current.status();
    AIC_CO_RETURN_IF_ERROR(CheckReadOnlyUnchanged(*p->info, *validated, *current));
    validated->read_only_values = json::object();
  }
  co_return Finish(co_await ops_.update->Update(p->object_class, *uid, *validated, p->options), *p);
}

Task<Result<json>> ConnectorFacade::DoPatch(std::string_view object_class, std::string_view id,
                                            const json& body,
                                            const RawOperationOptions& raw_options) {
  auto p = Prepare(object_class, raw_options);
  if (!p.ok()) co_return p.status();
  auto uid = MakeUid(id);
  if (!uid.ok()) co_return uid.status();
  auto operations = ParsePatch(body);
  if (!operations.ok()) co_return operations.status();
  if (p->info->read_only()) {
    co_return Status(ErrorCode::kUnsupported,
                     std::string(p->info->name()) + " is read-only: update is not supported");
  }
  for (const std::string& name : PatchedFields(*operations)) {
    const AttributeInfo* a = p->info->Find(name);
    if (a == nullptr) {
      co_return Status(ErrorCode::kInvalidInput, "unknown attribute '" + internal::SafeEcho(name) +
                                                     "' for " + std::string(p->info->name()));
    }
    if (!a->updateable) {
      co_return Status(ErrorCode::kInvalidAttributeValue,
                       "attribute '" + name + "' is read-only and cannot be changed");
    }
  }
  if (ops_.patch == nullptr) co_return NotSupported("patch");
  co_return Finish(co_await ops_.patch->Patch(p->object_class, *uid, *operations, p->options), *p);
}

Task<Result<json>> ConnectorFacade::DoDelete(std::string_view object_class, std::string_view id,
                                             const RawOperationOptions& raw_options) {
  auto p = Prepare(object_class, raw_options);
  if (!p.ok()) co_return p.status();
  auto uid = MakeUid(id);
  if (!uid.ok()) co_return uid.status();
  if (ops_.remove == nullptr) co_return NotSupported("delete");
  co_return Finish(co_await ops_.remove->Delete(p->object_class, *uid, p->options), *p);
}

Task<Result<QueryResult>> ConnectorFacade::DoQuery(std::string_view object_class,
                                                   const QuerySpec& query,
                                                   const RawOperationOptions& raw_options) {
  if (query.query_filter.has_value() == query.query_id.has_value()) {
    co_return Status(ErrorCode::kInvalidInput,
                     "exactly one of _queryFilter and _queryId is needed");
  }
  RawOperationOptions raw = raw_options;
  if (query.query_id) {
    if (*query.query_id == kQueryAllIds) {
      raw.fields = std::string(kIdField);
    } else if (*query.query_id != kQueryAll) {
      co_return Status(ErrorCode::kInvalidInput, "unknown _queryId '" +
                                                     internal::SafeEcho(*query.query_id) +
                                                     "' (supported: query-all-ids, query-all)");
    }
  }
  auto p = Prepare(object_class, raw);
  if (!p.ok()) co_return p.status();
  QueryFilter filter = QueryFilter::True();
  if (query.query_filter) {
    auto parsed = ParseQueryFilter(*query.query_filter);
    if (!parsed.ok()) co_return parsed.status();
    filter = NormalizeFilterFields(*parsed);
    AIC_CO_RETURN_IF_ERROR(CheckFilterFields(filter, *p->info));
  }
  if (ops_.search == nullptr) co_return NotSupported("query");
  std::vector<json> objects;
  const auto& names = p->options.attributes_to_get;
  const ResultsHandler collect = [&](json object) {
    objects.push_back(ProjectObject(object, names));
    return true;
  };
  auto search = co_await ops_.search->Search(p->object_class, filter, p->options, collect);
  if (!search.ok()) co_return search.status();
  co_return MakeQueryResult(std::move(objects), std::move(*search));
}

void ConnectorFacade::Log(std::string_view op, std::string_view object_class, std::string_view id,
                          const Status& status) const {
  // Ids are IAM names or ARNs, never secrets; bodies and values are not logged.
  if (status.ok()) {
    spdlog::debug("connector {} {} {}: ok", op, internal::SafeEcho(object_class),
                  internal::SafeEcho(id));
  } else {
    spdlog::debug("connector {} {} {}: {}", op, internal::SafeEcho(object_class),
                  internal::SafeEcho(id), ErrorCodeName(status.code()));
  }
}

Task<Result<json>> ConnectorFacade::Create(std::string_view object_class, json attributes,
                                           const RawOperationOptions& raw_options,
                                           std::optional<std::string_view> id) {
  auto r = co_await DoCreate(object_class, std::move(attributes), raw_options, id);
  Log("create", object_class, id.value_or(""), r.status());
  co_return r;
}

Task<Result<json>> ConnectorFacade::Get(std::string_view object_class, std::string_view id,
                                        const RawOperationOptions& raw_options) {
  auto r = co_await DoGet(object_class, id, raw_options);
  Log("read", object_class, id, r.status());
  co_return r;
}

Task<Result<json>> ConnectorFacade::Update(std::string_view object_class, std::string_view id,
                                           json attributes,
                                           const RawOperationOptions& raw_options) {
  auto r = co_await DoUpdate(object_class, id, std::move(attributes), raw_options);
  Log("update", object_class, id, r.status());
  co_return r;
}

Task<Result<json>> ConnectorFacade::Patch(std::string_view object_class, std::string_view id,
                                          const json& body,
                                          const RawOperationOptions& raw_options) {
  auto r = co_await DoPatch(object_class, id, body, raw_options);
  Log("patch", object_class, id, r.status());
  co_return r;
}

Task<Result<json>> ConnectorFacade::Delete(std::string_view object_class, std::string_view id,
                                           const RawOperationOptions& raw_options) {
  auto r = co_await DoDelete(object_class, id, raw_options);
  Log("delete", object_class, id, r.status());
  co_return r;
}

Task<Result<QueryResult>> ConnectorFacade::Query(std::string_view object_class,
                                                 const QuerySpec& query,
                                                 const RawOperationOptions& raw_options) {
  auto r = co_await DoQuery(object_class, query, raw_options);
  Log("query", object_class, "", r.status());
  co_return r;
}

Task<Status> ConnectorFacade::Test() {
  if (ops_.test == nullptr) co_return NotSupported("test");
  co_return co_await ops_.test->Test();
}

}  // namespace aic::connector
