// Fuzz target: a SCIM PATCH request body (RFC 7644 3.5.2) applied by scim::ApplyPatch to a
// sample user. Invariant: whatever it answers, a result is a JSON object that CheckResource
// accepts as a User (a PATCH can never produce a resource the service would refuse to store).
#include <nlohmann/json.hpp>

#include "fuzz_util.h"
#include "scim/scim_patch.h"
#include "scim/scim_resource.h"
#include "scim/scim_schema.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto request = nlohmann::json::parse(aic::fuzz::AsText(data, size), nullptr,
                                       /*allow_exceptions=*/false);
  if (request.is_discarded()) return 0;
  static const nlohmann::json user = nlohmann::json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "AIDAEXAMPLE",
    "userName": "bjensen", "active": true, "title": "Tour Guide",
    "name": {"givenName": "Barbara", "familyName": "Jensen"},
    "emails": [{"value": "bjensen@example.com", "type": "work", "primary": true}],
    "meta": {"resourceType": "User", "created": "2024-01-02T03:04:05Z"}})");
  const auto& type = aic::scim::UserResourceType();
  auto patched = aic::scim::ApplyPatch(user, request, type);
  if (!patched.ok()) return 0;
  aic::fuzz::Check(patched->is_object(), "a patched resource is not an object");
  aic::fuzz::Check(aic::scim::CheckResource(*patched, type).ok(),
                   "a patched resource does not pass CheckResource");
  return 0;
}
