// The credential report, service-last-accessed details and other account reports.
#include "emulator/state/action_context.h"

namespace aic::emulator::state {

void RegisterReportActions(ActionTable& /*t*/) {}

}  // namespace aic::emulator::state
