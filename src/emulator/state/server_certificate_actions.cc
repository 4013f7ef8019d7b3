// Server certificates.
#include "emulator/state/action_context.h"

namespace aic::emulator::state {

void RegisterServerCertificateActions(ActionTable& /*t*/) {}

}  // namespace aic::emulator::state
