// AWS Query protocol form encoding: the request body, and the helpers that flatten lists
// (`Name.member.N`), tag lists (`Tags.member.N.Key/Value`) and maps (`Name.entry.N.key`) into
// ordered (name, value) parameters. Percent-encoding itself is text::PercentEncode
// (common/text_codec.h).
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws_iam_connector/iam_types.h"

namespace aic {

// Ordered (name, value) pairs; Action and Version are added by QueryClient::Call().
using QueryParams = std::vector<std::pair<std::string, std::string>>;

// "Action=...&Version=...&k1=v1&..." in the given order (Action and Version first), every name
// and value percent-encoded (text::PercentEncode).
std::string FormEncodeQuery(std::string_view action, std::string_view version,
                            const QueryParams& params);

// Appends `prefix.member.1=v1`, `prefix.member.2=v2`, ... (1-based). An empty list adds
// nothing.
void AddListParam(QueryParams& params, std::string_view prefix,
                  const std::vector<std::string>& values);
// Appends `prefix.member.N.Key` / `prefix.member.N.Value` for each tag.
void AddTagParams(QueryParams& params, std::string_view prefix, const std::vector<Tag>& tags);
// Appends `prefix.entry.N.key` / `prefix.entry.N.value` for each map entry (in order).
void AddMapParam(QueryParams& params, std::string_view prefix,
                 const std::vector<std::pair<std::string, std::string>>& entries);
// Overwrites every value (they may carry a password) and empties the list.
void WipeParams(QueryParams& params);
// Appends name=value when `value` is not empty.
void AddIfNotEmpty(QueryParams& params, std::string_view name, std::string_view value);
// Appends name=true/false.
void AddBool(QueryParams& params, std::string_view name, bool value);

}  // namespace aic
