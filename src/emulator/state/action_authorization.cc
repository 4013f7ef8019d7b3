// STUB (lead): replaced by helper "action-authz".
#include "emulator/state/action_authorization.h"

namespace aic::emulator::state {

std::vector<RequiredPermission> RequiredPermissions(const Ctx& ctx) {
  RequiredPermission p;
  p.action = ctx.req.service + ":" + ctx.req.action;
  p.resource = "*";
  return {p};
}

}  // namespace aic::emulator::state
