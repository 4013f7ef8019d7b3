// The policies of roles: inline (Put/Get/Delete/ListRolePolicy), managed (Attach/Detach/
// ListAttachedRolePolicies) and the permissions boundary (Put/DeleteRolePermissionsBoundary).
#include "emulator/state/role_actions.h"

namespace aic::emulator::state {

void RegisterRolePolicyActions(ActionTable& /*t*/) {}

}  // namespace aic::emulator::state
