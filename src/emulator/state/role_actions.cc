// IAM roles: CreateRole ... (roles, their policies, boundaries, tags, service-linked roles).
#include "emulator/state/action_context.h"

namespace aic::emulator::state {

void RegisterRoleActions(ActionTable& /*t*/) {}

}  // namespace aic::emulator::state
