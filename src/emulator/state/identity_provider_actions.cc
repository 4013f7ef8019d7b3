// SAML and OpenID Connect identity providers.
#include "emulator/state/action_context.h"

namespace aic::emulator::state {

void RegisterIdentityProviderActions(ActionTable& /*t*/) {}

}  // namespace aic::emulator::state
