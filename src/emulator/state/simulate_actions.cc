// STUB (lead): SimulatePrincipalPolicy and SimulateCustomPolicy (helper "emu-simulate").
#include "emulator/state/action_context.h"

namespace aic::emulator::state {

void RegisterSimulateActions(ActionTable& table) { (void)table; }

}  // namespace aic::emulator::state
