// Fuzz target: a JSON request body as the REST API reads it (ParseJsonBody with the REST depth
// limit), then validated as a create of each object class (ValidateForCreate), as POST
// ?_action=create and PUT with If-None-Match do before any AWS call.
#include <nlohmann/json.hpp>

#include "aws_iam_connector/connector/attribute_validator.h"
#include "aws_iam_connector/connector/schema.h"
#include "fuzz_util.h"
#include "server/rest_api.h"
#include "server/rest_util.h"

namespace ac = aic::connector;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto body = aic::ParseJsonBody(aic::fuzz::AsText(data, size), aic::kMaxJsonDepth);
  if (!body.ok()) return 0;
  (void)body->dump();  // responses echo parts of the body
  for (const ac::ObjectClassInfo& info : ac::Schema::Aws().classes()) {
    (void)ac::ValidateForCreate(info, *body);
    (void)ac::ValidateForUpdate(info, *body, ac::Uid("bjensen"), ac::ReadOnlyPolicy::kCollect);
  }
  return 0;
}
