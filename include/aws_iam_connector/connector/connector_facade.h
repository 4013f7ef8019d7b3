// ConnectorFacade: the one entry point the REST server, the CLI and scripts call. It does, once
// for every operation, what the framework owes every connector, then calls the connector's
// operation (operations.h):
//   - parses the object class (`__USER__` alias) and the uid;
//   - parses and checks the options (`_fields` against the schema, `_pageSize`, `_sortKeys`,
//     the cookie's size) and resolves the attributes to get (class defaults when none asked);
//   - validates and normalises attributes (attribute_validator.h); for PUT, read-only
//     attributes in the body are accepted only when they equal the current values (one Get of
//     just those attributes, made only when the body carries any);
//   - parses PATCH bodies and refuses unknown or read-only fields before any connector call;
//   - parses `_queryFilter` (position-naming errors), folds aliases, checks its fields, or maps
//     `_queryId` (`query-all-ids`: `_id` only; `query-all`: default attributes);
//   - projects every returned object to `_id` plus the attributes to get, so nothing else (and
//     never `__PASSWORD__`) leaves the connector;
//   - logs one debug line per operation (operation, class, id, outcome code; never values).
// An operation the connector does not implement (null in ConnectorOps) is kUnsupported.
//
// Errors: those of the parsing/validation steps (kInvalidInput, kInvalidAttributeValue,
// kUnsupported) and whatever the connector returns.
// Thread safety: as thread-safe as the operations it wraps; the facade itself is immutable.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "aws_iam_connector/connector/operations.h"

namespace aic::connector {

inline constexpr std::string_view kQueryAllIds = "query-all-ids";
inline constexpr std::string_view kQueryAll = "query-all";

// The operations a connector implements; null where it does not. Not owned.
struct ConnectorOps {
  CreateOp* create = nullptr;
  GetOp* get = nullptr;
  UpdateOp* update = nullptr;
  PatchOp* patch = nullptr;
  DeleteOp* remove = nullptr;
  SearchOp* search = nullptr;
  TestOp* test = nullptr;
};

// What selects the objects of a query: exactly one of the two.
struct QuerySpec {
  std::optional<std::string> query_filter;  // `_queryFilter`
  std::optional<std::string> query_id;      // `_queryId`
};

class ConnectorFacade {
 public:
  // `schema` and the operations must outlive the facade.
  ConnectorFacade(const Schema& schema, ConnectorOps ops) : schema_(schema), ops_(ops) {}

  // POST ?_action=create, or PUT .../{id} with If-None-Match: * (then `id` is set).
  Task<Result<nlohmann::json>> Create(std::string_view object_class, nlohmann::json attributes,
                                      const RawOperationOptions& raw_options,
                                      std::optional<std::string_view> id = std::nullopt);
  Task<Result<nlohmann::json>> Get(std::string_view object_class, std::string_view id,
                                   const RawOperationOptions& raw_options);
  // PUT (replace).
  Task<Result<nlohmann::json>> Update(std::string_view object_class, std::string_view id,
                                      nlohmann::json attributes,
                                      const RawOperationOptions& raw_options);
  Task<Result<nlohmann::json>> Patch(std::string_view object_class, std::string_view id,
                                     const nlohmann::json& body,
                                     const RawOperationOptions& raw_options);
  Task<Result<nlohmann::json>> Delete(std::string_view object_class, std::string_view id,
                                      const RawOperationOptions& raw_options);
  Task<Result<QueryResult>> Query(std::string_view object_class, const QuerySpec& query,
                                  const RawOperationOptions& raw_options);
  Task<Status> Test();

  const Schema& schema() const { return schema_; }

 private:
  struct Prepared {
    ObjectClass object_class;
    const ObjectClassInfo* info;
    OperationOptions options;  // attributes_to_get resolved
  };
  Task<Result<nlohmann::json>> DoCreate(std::string_view object_class, nlohmann::json attributes,
                                        const RawOperationOptions& raw_options,
                                        std::optional<std::string_view> id);
  Task<Result<nlohmann::json>> DoGet(std::string_view object_class, std::string_view id,
                                     const RawOperationOptions& raw_options);
  Task<Result<nlohmann::json>> DoUpdate(std::string_view object_class, std::string_view id,
                                        nlohmann::json attributes,
                                        const RawOperationOptions& raw_options);
  Task<Result<nlohmann::json>> DoPatch(std::string_view object_class, std::string_view id,
                                       const nlohmann::json& body,
                                       const RawOperationOptions& raw_options);
  Task<Result<nlohmann::json>> DoDelete(std::string_view object_class, std::string_view id,
                                        const RawOperationOptions& raw_options);
  Task<Result<QueryResult>> DoQuery(std::string_view object_class, const QuerySpec& query,
                                    const RawOperationOptions& raw_options);
  // One debug line per operation: operation, class, id and outcome code; never values.
  void Log(std::string_view op, std::string_view object_class, std::string_view id,
           const Status& status) const;
  Result<Prepared> Prepare(std::string_view object_class, const RawOperationOptions& raw) const;
  Result<nlohmann::json> Finish(Result<nlohmann::json> object, const Prepared& p) const;

  const Schema& schema_;
  ConnectorOps ops_;
};

}  // namespace aic::connector
