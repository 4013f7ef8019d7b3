// Fuzz target: CREST `_queryFilter` text (ParseQueryFilter), then evaluation (Matches) of what
// parsed against a sample account. Invariant: a parsed filter renders (ToString) to text that
// parses back to the same filter (unless the rendering is nested beyond kMaxFilterDepth).
#include <nlohmann/json.hpp>

#include "aws_iam_connector/connector/query_filter.h"
#include "aws_iam_connector/connector/schema.h"
#include "fuzz_util.h"

namespace ac = aic::connector;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto filter = ac::ParseQueryFilter(aic::fuzz::AsText(data, size));
  if (!filter.ok()) return 0;
  std::string canonical = filter->ToString();
  auto again = ac::ParseQueryFilter(canonical);
  // The rendering brackets every negation ("!!x" -> "!(!(x))"), so a filter near
  // kMaxFilterDepth may render deeper than the limit; any other refusal is a bug.
  if (!again.ok() && again.status().message().find("nesting deeper") != std::string::npos) return 0;
  aic::fuzz::Check(again.ok(), "ToString() of a parsed filter does not parse");
  aic::fuzz::Check(*again == *filter, "ToString() of a parsed filter parses differently");

  static const nlohmann::json account = nlohmann::json::parse(R"({
    "_id": "bjensen", "__NAME__": "bjensen", "Path": "/eng/", "UserId": "AIDAEXAMPLE",
    "Arn": "arn:aws:iam::123456789012:user/eng/bjensen", "CreateDate": "2024-01-02T03:04:05Z",
    "groups": ["admins", "Devs"], "Tags": [{"Key": "Project", "Value": "x"}, {"Key": "n"}],
    "n": 42, "f": -1.5, "b": true, "z": null, "e": []})");
  const ac::ObjectClassInfo* info = ac::Schema::Aws().Find(ac::ObjectClass::kAccount);
  ac::MatchOptions options;
  options.case_insensitive = [info](const ac::FieldPath& path) {
    return info != nullptr && !path.empty() && info->IsCaseInsensitive(path.front());
  };
  bool matches = ac::Matches(*filter, account, options);
  aic::fuzz::Check(matches == ac::Matches(*again, account, options),
                   "a filter and its rendering match differently");
  return 0;
}
