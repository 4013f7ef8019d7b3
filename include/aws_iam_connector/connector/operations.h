// The connector operation interfaces, in the OpenICF/ConnId shape: one abstract class per
// operation, so a connector implements those it supports and the framework (ConnectorFacade)
// does validation, normalisation and option checking once before calling it.
//
// Contract common to all operations:
//   - the framework has already parsed the object class, checked the uid, validated and
//     normalised attributes (ValidatedAttributes: canonical names, password in a SecretString),
//     parsed the filter (canonical field names, fields checked against the schema), and
//     resolved OperationOptions (attributes_to_get is never empty when it reaches a connector:
//     it holds the class defaults when the caller asked for none);
//   - objects are JSON objects with `_id` and canonical attribute names, never `__PASSWORD__`;
//   - failures are Status values in the ConnId vocabulary (kUnknownUid, kAlreadyExists,
//     kInvalidAttributeValue, kConnectionFailed, kPermissionDenied, kRetryable, ...), with the
//     IAM action and AWS code in AwsErrorDetail when they came from AWS; kUnsupported when the
//     operation does not apply to the object class.
// Every operation is a Task (task.h): it may wait on AWS without holding a thread.
// Thread safety: implementations must be safe to call from several threads at once.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "aws_iam_connector/connector/attribute_validator.h"
#include "aws_iam_connector/connector/object_class.h"
#include "aws_iam_connector/connector/operation_options.h"
#include "aws_iam_connector/connector/patch.h"
#include "aws_iam_connector/connector/query_filter.h"
#include "aws_iam_connector/connector/query_result.h"
#include "aws_iam_connector/connector/schema.h"
#include "aws_iam_connector/connector/uid.h"
#include "aws_iam_connector/status.h"
#include "aws_iam_connector/task.h"

namespace aic::connector {

class CreateOp {
 public:
  virtual ~CreateOp() = default;
  // Creates the object and returns it as created (with `_id`).
  virtual Task<Result<nlohmann::json>> Create(ObjectClass object_class,
                                              const ValidatedAttributes& attributes,
                                              const OperationOptions& options) = 0;
};

class GetOp {
 public:
  virtual ~GetOp() = default;
  // Reads one object with options.attributes_to_get; kUnknownUid when it does not exist.
  virtual Task<Result<nlohmann::json>> Get(ObjectClass object_class, const Uid& uid,
                                           const OperationOptions& options) = 0;
};

class UpdateOp {
 public:
  virtual ~UpdateOp() = default;
  // Replace semantics (PUT): sets every attribute present in `attributes` (null or [] clears;
  // lists become equal to the given list), leaves the others unchanged. Returns the object
  // after the update (its `_id` changes on a rename).
  virtual Task<Result<nlohmann::json>> Update(ObjectClass object_class, const Uid& uid,
                                              const ValidatedAttributes& attributes,
                                              const OperationOptions& options) = 0;
};

class PatchOp {
 public:
  virtual ~PatchOp() = default;
  // Applies CREST PATCH operations (see patch.h; PatchToUpdate does the common part).
  virtual Task<Result<nlohmann::json>> Patch(ObjectClass object_class, const Uid& uid,
                                             const std::vector<PatchOperation>& operations,
                                             const OperationOptions& options) = 0;
};

class DeleteOp {
 public:
  virtual ~DeleteOp() = default;
  // Deletes the object; returns it as it was before deletion.
  virtual Task<Result<nlohmann::json>> Delete(ObjectClass object_class, const Uid& uid,
                                              const OperationOptions& options) = 0;
};

class SearchOp {
 public:
  virtual ~SearchOp() = default;
  // Streams every object matching `filter` (QueryFilter::True() for all) to `handler`, one
  // page of options.page_size (0: all) starting at options.paged_results_cookie, in the order
  // of options.sort_keys; returns the cookie of the next page (nullopt after the last one).
  virtual Task<Result<SearchResult>> Search(ObjectClass object_class, const QueryFilter& filter,
                                            const OperationOptions& options,
                                            const ResultsHandler& handler) = 0;
};

class SchemaOp {
 public:
  virtual ~SchemaOp() = default;
  virtual const Schema& GetSchema() const = 0;
};

class TestOp {
 public:
  virtual ~TestOp() = default;
  // Checks configuration and credentials with a cheap call; OK or the reason it failed.
  virtual Task<Status> Test() = 0;
};

}  // namespace aic::connector
