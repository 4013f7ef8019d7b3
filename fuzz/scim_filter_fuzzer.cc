// Fuzz target: SCIM filter text (scim::ParseFilter, RFC 7644 3.4.2.2), then evaluation
// (scim::Matches) against a sample user. Invariant: a parsed filter renders (ToString) to text
// that parses back to an equal filter that matches the same way.
#include <nlohmann/json.hpp>

#include "fuzz_util.h"
#include "scim/scim_filter.h"
#include "scim/scim_schema.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto filter = aic::scim::ParseFilter(aic::fuzz::AsText(data, size));
  if (!filter.ok()) return 0;
  const std::string canonical = filter->ToString();
  auto again = aic::scim::ParseFilter(canonical);
  aic::fuzz::Check(again.ok(), "ToString() of a parsed filter does not parse");
  aic::fuzz::Check(*again == *filter, "ToString() of a parsed filter parses differently");
  static const nlohmann::json user = nlohmann::json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "AIDAEXAMPLE",
    "userName": "bjensen", "active": true, "title": "Tour Guide",
    "name": {"givenName": "Barbara", "familyName": "Jensen"},
    "emails": [{"value": "bjensen@example.com", "type": "work", "primary": true},
               {"value": "babs@jensen.org", "type": "home"}],
    "meta": {"created": "2024-01-02T03:04:05Z", "lastModified": "2024-02-01T00:00:00Z"},
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "Tours"}})");
  const auto& type = aic::scim::UserResourceType();
  aic::fuzz::Check(
      aic::scim::Matches(*filter, user, type) == aic::scim::Matches(*again, user, type),
      "a filter and its rendering match differently");
  return 0;
}
