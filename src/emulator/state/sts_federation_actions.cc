// STS beyond AssumeRole and GetCallerIdentity: session and federation tokens, SAML and web
// identity, key info.
#include "emulator/state/action_context.h"

namespace aic::emulator::state {

void RegisterFederationActions(ActionTable& /*t*/) {}

}  // namespace aic::emulator::state
