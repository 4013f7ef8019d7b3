// IAM instance profiles and their roles and tags.
#include "emulator/state/action_context.h"

namespace aic::emulator::state {

void RegisterInstanceProfileActions(ActionTable& /*t*/) {}

}  // namespace aic::emulator::state
