// Parsing the identity tokens of AssumeRoleWithSAML and AssumeRoleWithWebIdentity. Pure.
//
// Neither signature is verified: the emulator trusts the XML signature of a SAML response and
// the JWS signature of an OIDC token (it has no IdP keys to check them with). Everything else
// the STS action needs is read here; the action checks it against the providers and the role.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "aws_iam_connector/status.h"

namespace aic::emulator::state {

struct SamlAssertion {
  std::string issuer;
  std::string subject;       // Subject/NameID
  std::string subject_type;  // the NameID Format, "urn:oasis:names:tc:SAML:2.0:nameid-format:"
                             // removed ("transient", "persistent", or the whole URI)
  std::vector<std::string> audiences;           // Conditions/AudienceRestriction/Audience
  std::string recipient;                        // SubjectConfirmationData/@Recipient (saml:aud)
  std::optional<std::int64_t> not_on_or_after;  // the earliest NotOnOrAfter, epoch seconds
  // https://aws.amazon.com/SAML/Attributes/Role values split into (role ARN, provider ARN),
  // in either order as AWS accepts them.
  std::vector<std::pair<std::string, std::string>> roles;
  std::string session_name;                   // .../Attributes/RoleSessionName
  std::optional<long long> session_duration;  // .../Attributes/SessionDuration
  std::string source_identity;                // .../Attributes/SourceIdentity
};

// Base64 (standard) of a SAML 2.0 <Response> or <Assertion>. Errors: kInvalidInput with a
// message fit for InvalidIdentityToken.
Result<SamlAssertion> ParseSamlAssertion(std::string_view base64);

struct WebIdentityToken {
  std::string iss;
  std::string sub;
  std::vector<std::string> aud;  // "aud" as a string or an array
  std::optional<std::int64_t> exp;
  std::string amr;  // the first "amr" value (Cognito), if any
};

// "header.payload.signature", each base64url without padding; the header and payload JSON
// objects. Errors: kInvalidInput with a message fit for InvalidIdentityToken.
Result<WebIdentityToken> ParseWebIdentityToken(std::string_view jwt);

// "https://host/path/" -> "host/path" (how IAM names an OIDC provider and its condition keys).
std::string OidcHostPath(std::string_view url);

}  // namespace aic::emulator::state
