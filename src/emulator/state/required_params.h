// RequiredParams: the input members AWS requires for an action (from the AWS models), in the
// model's order. IamBackend answers ValidationError for the first one missing before the
// handler looks anything up. Thread safety: immutable data.
#pragma once

#include <string_view>
#include <vector>

namespace aic::emulator::state {

const std::vector<std::string_view>& RequiredParams(std::string_view action);

}  // namespace aic::emulator::state
