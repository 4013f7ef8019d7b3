// The seed data of a new emulator database (see iam_backend.h): AWS-managed policies, and the
// demo group where serve's embedded emulator asks for it (BackendOptions::demo_data). The access
// key `test`/`test` is not stored: IamBackend always knows it.
#pragma once

#include <string>
#include <string_view>

#include "emulator/state/iam_model.h"

namespace aic::emulator::state {

inline constexpr std::string_view kSeedAccessKeyId = "test";
inline constexpr std::string_view kSeedSecretKey = "test";
inline constexpr std::string_view kDemoGroupName = "demo-group";

// Clears `state` and fills it with the seed entities (the AWS-managed policies; the demo group
// too when `demo_data`), created at `now`.
void SeedState(IamState& state, const std::string& account_id, Time now, bool demo_data);

}  // namespace aic::emulator::state
