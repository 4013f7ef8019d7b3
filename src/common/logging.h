// Logging set-up shared by every subcommand: spdlog to standard error, one line per event.
//
// Secrets never reach a log: they are SecretString values, which format as "****". Code must
// not log request bodies, Authorization headers or anything read with SecretString::Reveal().
#pragma once

#include <string_view>

namespace aic {

// Sets the default logger's level ("trace".."off"); an unknown level leaves "info".
void InitLogging(std::string_view level);

}  // namespace aic
