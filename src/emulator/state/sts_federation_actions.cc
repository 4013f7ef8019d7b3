// STS beyond AssumeRole: GetSessionToken, GetFederationToken (long-term credentials only),
// AssumeRoleWithSAML and AssumeRoleWithWebIdentity (unsigned calls; the identity comes from the
// token, whose signature is not verified: see sts_identity_tokens.h).
//
// Messages are AWS's where known: "Cannot call GetSessionToken with session credentials",
// "Not authorized to perform sts:AssumeRoleWithSAML" / "...WithWebIdentity" (AccessDenied
// 403), "No OpenIDConnect provider found in your account for ISS" (InvalidIdentityToken 400),
// "Incorrect token audience", "Token expired: current date/time NOW must be before the
// expiration date/time EXP" (ExpiredTokenException 400).
#include <openssl/evp.h>

#include <algorithm>

#include "common/text_codec.h"
#include "emulator/state/action_context.h"
#include "emulator/state/role_actions.h"
#include "emulator/state/sts_identity_tokens.h"
#include "emulator/state/sts_session.h"

namespace aic::emulator::state {
namespace {

constexpr std::size_t kMinFederatedNameLength = 2;
constexpr std::size_t kMaxFederatedNameLength = 32;  // userNameType
constexpr std::size_t kMaxSamlAssertionLength = 100000;
constexpr std::size_t kMaxWebIdentityTokenLength = 20000;
// Web identity issuers AWS lets a trust policy name without an IAM OIDC provider.
constexpr std::string_view kWellKnownIdps[] = {"accounts.google.com",
                                               "cognito-identity.amazonaws.com",
                                               "graph.facebook.com", "www.amazon.com"};

Status InvalidIdentityToken(std::string message) {
  return AwsError("InvalidIdentityToken", 400, std::move(message));
}

Status TokenExpired(Time now, Time exp) {
  return AwsError("ExpiredTokenException", 400,
                  "Token expired: current date/time " + std::to_string(now) +
                      " must be before the expiration date/time " + std::to_string(exp));
}

Status CheckLengthParam(std::string_view member, const std::string& value, std::size_t min,
                        std::size_t max) {
  if (value.size() >= min && value.size() <= max) return Status::Ok();
  return ValidationError("1 validation error detected: Value at '" + std::string(member) +
                         "' failed to satisfy constraint: Member must have length " +
                         (value.size() < min ? "greater than or equal to " + std::to_string(min)
                                             : "less than or equal to " + std::to_string(max)));
}

Result<std::string> GetSessionToken(Ctx& ctx) {
  EMU_ASSIGN(duration, OptionalInt(ctx, "DurationSeconds", kDefaultTokenSessionSeconds,
                                   kMinSessionSeconds, kMaxTokenSessionSeconds));
  CallerPrincipal caller = ResolveCaller(ctx);
  if (caller.temp) return StsAccessDenied("Cannot call GetSessionToken with session credentials");
  EMU_ASSIGN(mfa, CheckMfaParams(ctx, caller));
  if (caller.root) duration = std::min(duration, kRootMaxSessionSeconds);
  TempKey& k =
      IssueTempKey(ctx, ctx.now + duration, caller.arn, caller.user ? caller.user->id : ctx.account,
                   "", ctx.req.caller.access_key_id);
  k.mfa = mfa;  // later AssumeRole calls see aws:MultiFactorAuthPresent = true
  XmlWriter w = BeginResult(ctx);
  WriteCredentials(w, k);
  return EndResult(ctx, std::move(w));
}

Result<std::string> GetFederationToken(Ctx& ctx) {
  EMU_ASSIGN(name, Required(ctx, "Name"));
  AIC_RETURN_IF_ERROR(
      CheckNameParam("Name", name, kMinFederatedNameLength, kMaxFederatedNameLength));
  EMU_ASSIGN(duration, OptionalInt(ctx, "DurationSeconds", kDefaultTokenSessionSeconds,
                                   kMinSessionSeconds, kMaxTokenSessionSeconds));
  EMU_ASSIGN(inputs, SessionParams(ctx, /*with_tags=*/true));
  CallerPrincipal caller = ResolveCaller(ctx);
  if (caller.temp) {
    return StsAccessDenied("Cannot call GetFederationToken with session credentials");
  }
  if (caller.root) duration = std::min(duration, kRootMaxSessionSeconds);
  TempKey& k = IssueTempKey(ctx, ctx.now + duration, ctx.Arn("sts", "federated-user/" + name),
                            ctx.account + ":" + name, "", ctx.req.caller.access_key_id);
  KeepSessionInputs(k, inputs);
  XmlWriter w = BeginResult(ctx);
  WriteCredentials(w, k);
  w.Open("FederatedUser");
  w.Element("FederatedUserId", k.user_id);
  w.Element("Arn", k.arn);
  w.Close();
  WritePackedSize(w, inputs);
  return EndResult(ctx, std::move(w));
}

// "arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION" in the role ARN's partition (the
// unsigned federation calls have no signing region).
std::string SessionArn(const Ctx& ctx, std::string_view role_arn, const Role& role,
                       const std::string& session) {
  return "arn:" + std::string(PartitionOf(role_arn)) + ":sts::" + ctx.account + ":assumed-role/" +
         role.name + "/" + session;
}

// AWS's NameQualifier: base64(SHA1(issuer + account + "/" + provider name)).
std::string NameQualifier(const std::string& issuer, const std::string& account,
                          const std::string& provider_name) {
  std::string in = issuer + account + "/" + provider_name;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(in.data(), in.size(), digest, &n, EVP_sha1(), nullptr);
  return text::Base64Encode(std::string_view(reinterpret_cast<const char*>(digest), n));
}

// DurationSeconds (or `fallback`), 900..43200, checked against the role.
Result<int> FederatedDuration(const Ctx& ctx, const Role& role, int fallback) {
  EMU_ASSIGN(duration, OptionalInt(ctx, "DurationSeconds", fallback, kMinSessionSeconds,
                                   kMaxRoleSessionSeconds));
  AIC_RETURN_IF_ERROR(CheckRoleDuration(role, duration, /*chained=*/false));
  return duration;
}

Result<std::string> AssumeRoleWithSAML(Ctx& ctx) {
  constexpr std::string_view kDenied = "Not authorized to perform sts:AssumeRoleWithSAML";
  EMU_ASSIGN(role_arn, Required(ctx, "RoleArn"));
  EMU_ASSIGN(principal_arn, Required(ctx, "PrincipalArn"));
  EMU_ASSIGN(assertion_b64, Required(ctx, "SAMLAssertion"));
  AIC_RETURN_IF_ERROR(CheckLengthParam("roleArn", role_arn, 20, 2048));
  AIC_RETURN_IF_ERROR(CheckLengthParam("principalArn", principal_arn, 20, 2048));
  AIC_RETURN_IF_ERROR(CheckLengthParam("sAMLAssertion", assertion_b64, 4, kMaxSamlAssertionLength));
  EMU_ASSIGN(inputs, SessionParams(ctx, /*with_tags=*/false));
  auto provider = ctx.st.saml_providers.find(principal_arn);
  if (provider == ctx.st.saml_providers.end()) {
    return InvalidIdentityToken("Specified provider doesn't exist.");
  }
  auto parsed = ParseSamlAssertion(assertion_b64);
  if (!parsed.ok()) return InvalidIdentityToken(parsed.status().message());
  const SamlAssertion& a = *parsed;
  if (a.not_on_or_after && *a.not_on_or_after <= ctx.now) {
    return TokenExpired(ctx.now, *a.not_on_or_after);
  }
  bool listed = false;
  for (const auto& [r, p] : a.roles) listed = listed || (r == role_arn && p == principal_arn);
  if (!listed) return StsAccessDenied(std::string(kDenied));
  if (a.session_name.empty() || !CheckNameParam("RoleSessionName", a.session_name, 2, 64).ok()) {
    return InvalidIdentityToken(
        "The SAML assertion has no valid https://aws.amazon.com/SAML/Attributes/RoleSessionName "
        "attribute (2 to 64 characters of [\\w+=,.@-]).");
  }
  Role* role = StsRoleByArn(ctx, role_arn);
  if (role == nullptr) return StsAccessDenied(std::string(kDenied));
  TrustRequest trust;
  trust.actions = TrustActions("sts:AssumeRoleWithSAML", false, !a.source_identity.empty());
  trust.federated = principal_arn;
  trust.resource = RoleArn(ctx, *role);
  const std::string aud = !a.recipient.empty()   ? a.recipient
                          : !a.audiences.empty() ? a.audiences.front()
                                                 : std::string();
  if (!aud.empty()) trust.context["saml:aud"] = aud;
  if (!a.subject.empty()) trust.context["saml:sub"] = a.subject;
  if (!a.subject_type.empty()) trust.context["saml:sub_type"] = a.subject_type;
  if (!a.issuer.empty()) trust.context["saml:iss"] = a.issuer;
  trust.context["sts:rolesessionname"] = a.session_name;
  AddTrustGlobalKeys(ctx, trust);
  if (!a.source_identity.empty()) trust.context["sts:sourceidentity"] = a.source_identity;
  if (MatchTrustPolicy(role->trust_policy, trust) != TrustDecision::kAllow) {
    return StsAccessDenied(std::string(kDenied));
  }
  int fallback = kDefaultRoleSessionSeconds;
  if (a.session_duration && *a.session_duration >= kMinSessionSeconds &&
      *a.session_duration <= kMaxRoleSessionSeconds) {
    fallback = static_cast<int>(*a.session_duration);
  }
  EMU_ASSIGN(duration, FederatedDuration(ctx, *role, fallback));

  RecordRoleUse(ctx, *role);
  TempKey& k =
      IssueTempKey(ctx, ctx.now + duration, SessionArn(ctx, role_arn, *role, a.session_name),
                   role->id + ":" + a.session_name, role->id, "");
  KeepSessionInputs(k, inputs);
  XmlWriter w = BeginResult(ctx);
  WriteCredentials(w, k);
  WriteAssumedRoleUser(w, k);
  WritePackedSize(w, inputs);
  w.Element("Subject", a.subject);
  w.Element("SubjectType", a.subject_type);
  w.Element("Issuer", a.issuer);
  w.Element("Audience", aud);
  w.Element("NameQualifier", NameQualifier(a.issuer, ctx.account, provider->second.name));
  if (!a.source_identity.empty()) w.Element("SourceIdentity", a.source_identity);
  return EndResult(ctx, std::move(w));
}

Result<std::string> AssumeRoleWithWebIdentity(Ctx& ctx) {
  constexpr std::string_view kDenied = "Not authorized to perform sts:AssumeRoleWithWebIdentity";
  EMU_ASSIGN(role_arn, Required(ctx, "RoleArn"));
  EMU_ASSIGN(session, Required(ctx, "RoleSessionName"));
  EMU_ASSIGN(token, Required(ctx, "WebIdentityToken"));
  AIC_RETURN_IF_ERROR(CheckLengthParam("roleArn", role_arn, 20, 2048));
  AIC_RETURN_IF_ERROR(CheckNameParam("RoleSessionName", session, 2, 64));
  AIC_RETURN_IF_ERROR(CheckLengthParam("webIdentityToken", token, 4, kMaxWebIdentityTokenLength));
  if (const std::string* pid = ctx.Param("ProviderId")) {
    AIC_RETURN_IF_ERROR(CheckLengthParam("providerId", *pid, 4, 2048));
  }
  EMU_ASSIGN(inputs, SessionParams(ctx, /*with_tags=*/false));
  auto parsed = ParseWebIdentityToken(token);
  if (!parsed.ok()) return InvalidIdentityToken(parsed.status().message());
  const WebIdentityToken& t = *parsed;
  const std::string host = OidcHostPath(t.iss);
  const OidcProvider* provider = nullptr;
  for (const auto& [arn, p] : ctx.st.oidc_providers) {
    if (OidcHostPath(p.url) == host) provider = &p;
  }
  std::string federated;
  std::string audience = t.aud.empty() ? std::string() : t.aud.front();
  if (provider != nullptr) {
    federated = provider->arn;
    bool ok = false;
    for (const auto& a : t.aud) {
      for (const auto& c : provider->client_ids) {
        if (!ok && a == c) {
          ok = true;
          audience = a;
        }
      }
    }
    if (!ok) return InvalidIdentityToken("Incorrect token audience");
  } else {
    for (std::string_view idp : kWellKnownIdps) {
      if (host == idp) federated = std::string(idp);
    }
    if (federated.empty()) {
      return InvalidIdentityToken("No OpenIDConnect provider found in your account for " + t.iss);
    }
  }
  if (!t.exp) return InvalidIdentityToken("The ID token provided has no expiration (exp)");
  if (*t.exp <= ctx.now) return TokenExpired(ctx.now, *t.exp);
  Role* role = StsRoleByArn(ctx, role_arn);
  if (role == nullptr) return StsAccessDenied(std::string(kDenied));
  TrustRequest trust;
  trust.actions = {"sts:AssumeRoleWithWebIdentity"};
  trust.federated = federated;
  trust.resource = RoleArn(ctx, *role);
  if (!audience.empty()) trust.context[text::AsciiLower(host) + ":aud"] = audience;
  trust.context[text::AsciiLower(host) + ":sub"] = t.sub;
  if (!t.amr.empty()) trust.context[text::AsciiLower(host) + ":amr"] = t.amr;
  trust.context["sts:rolesessionname"] = session;
  AddTrustGlobalKeys(ctx, trust);
  if (MatchTrustPolicy(role->trust_policy, trust) != TrustDecision::kAllow) {
    return StsAccessDenied(std::string(kDenied));
  }
  EMU_ASSIGN(duration, FederatedDuration(ctx, *role, kDefaultRoleSessionSeconds));

  RecordRoleUse(ctx, *role);
  TempKey& k = IssueTempKey(ctx, ctx.now + duration, SessionArn(ctx, role_arn, *role, session),
                            role->id + ":" + session, role->id, "");
  KeepSessionInputs(k, inputs);
  XmlWriter w = BeginResult(ctx);
  WriteCredentials(w, k);
  w.Element("SubjectFromWebIdentityToken", t.sub);
  WriteAssumedRoleUser(w, k);
  WritePackedSize(w, inputs);
  w.Element("Provider", t.iss);
  w.Element("Audience", audience);
  return EndResult(ctx, std::move(w));
}

}  // namespace

void RegisterFederationActions(ActionTable& t) {
  t["GetSessionToken"] = {GetSessionToken, true};
  t["GetFederationToken"] = {GetFederationToken, true};
  t["AssumeRoleWithSAML"] = {AssumeRoleWithSAML, true};
  t["AssumeRoleWithWebIdentity"] = {AssumeRoleWithWebIdentity, true};
}

}  // namespace aic::emulator::state
