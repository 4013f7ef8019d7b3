// Fuzz target: a CREST PATCH body as the REST API reads it (ParseJsonBody, then ParsePatch),
// applied to a sample account (ApplyPatch) and validated as an update (PatchToUpdate), as
// ConnectorFacade::Patch does before any AWS call.
#include <nlohmann/json.hpp>

#include "aws_iam_connector/connector/patch.h"
#include "aws_iam_connector/connector/schema.h"
#include "fuzz_util.h"
#include "server/rest_api.h"
#include "server/rest_util.h"

namespace ac = aic::connector;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto body = aic::ParseJsonBody(aic::fuzz::AsText(data, size), aic::kMaxJsonDepth);
  if (!body.ok()) return 0;
  auto operations = ac::ParsePatch(*body);
  if (!operations.ok()) return 0;
  static const nlohmann::json current = nlohmann::json::parse(R"({
    "_id": "bjensen", "__NAME__": "bjensen", "Path": "/", "groups": ["a", "b"],
    "Tags": [{"Key": "Project", "Value": "Meteor"}],
    "PermissionsBoundary": "arn:aws:iam::123456789012:policy/B"})");
  const ac::ObjectClassInfo& account = *ac::Schema::Aws().Find(ac::ObjectClass::kAccount);
  (void)ac::PatchedFields(*operations);
  nlohmann::json object = current;
  if (ac::ApplyPatch(*operations, object, &account).ok()) {
    (void)ac::PatchedAttributes(*operations, object);
  }
  nlohmann::json untyped = current;
  (void)ac::ApplyPatch(*operations, untyped, nullptr);
  (void)ac::PatchToUpdate(account, *operations, current, ac::Uid("bjensen"));
  return 0;
}
