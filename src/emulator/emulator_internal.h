// StartEmulator: Emulator::Start with the backend made by a caller-supplied factory, so tests
// of the front can run it over a small Backend of their own. Emulator::Start passes
// MakeIamBackend. The factory receives the emulator clock (for BackendOptions::now).
//
// Errors: those of Emulator::Start, and whatever the factory returns.
#pragma once

#include <chrono>
#include <functional>
#include <memory>

#include "aws_iam_connector/emulator.h"
#include "aws_iam_connector/status.h"
#include "emulator/backend.h"

namespace aic::emulator {

using BackendFactory = std::function<Result<std::unique_ptr<Backend>>(
    std::function<std::chrono::system_clock::time_point()> now)>;

// Checks the options (kConfiguration with a clear message on the first bad one).
Status ValidateEmulatorOptions(const EmulatorOptions& options);

Result<std::unique_ptr<Emulator>> StartEmulator(const EmulatorOptions& options,
                                                const BackendFactory& make_backend);

}  // namespace aic::emulator
