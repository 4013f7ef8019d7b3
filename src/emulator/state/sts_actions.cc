// STS: AssumeRole (the role must exist and its trust policy allow the caller),
// GetCallerIdentity, GetAccessKeyInfo, DecodeAuthorizationMessage. Shared parts: sts_session.h.
//
// Authorization messages: the emulator encodes the messages its policy engine will attach to
// AccessDenied errors as "AIC1" followed by the base64url (unpadded) JSON document that
// DecodeAuthorizationMessage returns (AWS's DecodedMessage JSON: allowed, explicitDeny,
// matchedStatements, failures, context). Anything else is InvalidAuthorizationMessageException.
#include <algorithm>
#include <cstdint>
#include <optional>

#include "common/text_codec.h"
#include "emulator/state/action_context.h"
#include "emulator/state/role_actions.h"
#include "emulator/state/sts_session.h"

namespace aic::emulator::state {
namespace {

constexpr std::string_view kAuthorizationMessagePrefix = "AIC1";
constexpr std::size_t kMaxEncodedMessageLength = 10240;  // encodedMessageType

// RoleArn of the AssumeRole* calls: arnType is 20..2048 characters.
Status CheckRoleArnParam(const std::string& arn) {
  if (arn.size() < 20 || arn.size() > 2048) {
    return ValidationError("1 validation error detected: Value '" + arn +
                           "' at 'roleArn' failed to satisfy constraint: Member must have length "
                           "between 20 and 2048");
  }
  if (arn.rfind("arn:", 0) != 0 || arn.find(":role/") == std::string::npos) {
    return ValidationError(arn + " is invalid");
  }
  return Status::Ok();
}

Result<std::string> AssumeRole(Ctx& ctx) {
  EMU_ASSIGN(role_arn, Required(ctx, "RoleArn"));
  EMU_ASSIGN(session, Required(ctx, "RoleSessionName"));
  AIC_RETURN_IF_ERROR(CheckRoleArnParam(role_arn));
  AIC_RETURN_IF_ERROR(CheckNameParam("RoleSessionName", session, 2, 64));
  EMU_ASSIGN(duration, OptionalInt(ctx, "DurationSeconds", kDefaultRoleSessionSeconds,
                                   kMinSessionSeconds, kMaxRoleSessionSeconds));
  const std::string* external_id = ctx.Param("ExternalId");
  if (external_id) AIC_RETURN_IF_ERROR(CheckExternalId(*external_id));
  const std::string* source_identity = ctx.Param("SourceIdentity");
  if (source_identity) {
    AIC_RETURN_IF_ERROR(CheckNameParam("SourceIdentity", *source_identity, 2, 64));
    if (text::StartsWithIgnoreCase(*source_identity, "aws:")) {
      return ValidationError("SourceIdentity must not begin with the prefix 'aws:'");
    }
  }
  EMU_ASSIGN(inputs, SessionParams(ctx, /*with_tags=*/true));

  CallerPrincipal caller = ResolveCaller(ctx);
  // MFA: this call's SerialNumber/TokenCode, or a GetSessionToken session made with MFA.
  EMU_ASSIGN(mfa_now, CheckMfaParams(ctx, caller));
  const bool mfa = mfa_now || (caller.temp != nullptr && caller.temp->mfa);
  if (caller.federated_user) return NotAuthorized(caller.arn, "sts:AssumeRole", role_arn);
  Role* role = StsRoleByArn(ctx, role_arn);
  if (role == nullptr) return NotAuthorized(caller.arn, "sts:AssumeRole", role_arn);
  TrustRequest trust;
  trust.actions = TrustActions("sts:AssumeRole", !inputs.tags.empty(), source_identity);
  trust.principal_arn = caller.principal_arn;
  trust.resource = RoleArn(ctx, *role);
  trust.session_arn = caller.role ? caller.arn : std::string();
  trust.account = caller.account;
  trust.context["aws:principalarn"] = caller.principal_arn;
  trust.context["aws:principalaccount"] = caller.account;
  trust.context["aws:principaltype"] = caller.root   ? "Account"
                                       : caller.role ? "AssumedRole"
                                                     : "User";
  trust.context["sts:rolesessionname"] = session;
  AddTrustGlobalKeys(ctx, trust);
  trust.context["aws:multifactorauthpresent"] = mfa ? "true" : "false";
  if (external_id) trust.context["sts:externalid"] = *external_id;
  if (source_identity) trust.context["sts:sourceidentity"] = *source_identity;
  if (MatchTrustPolicy(role->trust_policy, trust) != TrustDecision::kAllow) {
    return NotAuthorized(caller.arn, "sts:AssumeRole", RoleArn(ctx, *role));
  }
  const bool chained = caller.role != nullptr;
  AIC_RETURN_IF_ERROR(CheckRoleDuration(*role, duration, chained));

  RecordRoleUse(ctx, *role);
  TempKey& k = IssueTempKey(ctx, ctx.now + duration,
                            ctx.Arn("sts", "assumed-role/" + role->name + "/" + session),
                            role->id + ":" + session, role->id, ctx.req.caller.access_key_id);
  k.mfa = mfa;  // aws:MultiFactorAuthPresent of the session
  KeepSessionInputs(k, inputs);
  XmlWriter w = BeginResult(ctx);
  WriteCredentials(w, k);
  WriteAssumedRoleUser(w, k);
  WritePackedSize(w, inputs);
  if (source_identity) w.Element("SourceIdentity", *source_identity);
  return EndResult(ctx, std::move(w));
}

Result<std::string> GetCallerIdentity(Ctx& ctx) {
  CallerPrincipal c = ResolveCaller(ctx);
  XmlWriter w = BeginResult(ctx);
  std::string user_id = ctx.req.caller.user_id;
  if (c.root || user_id.empty()) user_id = ctx.account;
  w.Element("UserId", user_id);
  w.Element("Account", c.account);
  w.Element("Arn", c.arn);
  return EndResult(ctx, std::move(w));
}

// The account encoded in an AWS access key id made since 2019 (characters 5.., base32, the
// 48-bit prefix masked with 0x7fffffffff80 and shifted by 7), as described in
// https://medium.com/@TalBeerySec/a-short-note-on-aws-key-id-f88cc4317489; "" when the id is
// not of that form.
std::string AccountFromKeyId(std::string_view id) {
  if (id.size() < 20) return {};
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::uint64_t bits = 0;
  int nbits = 0;
  std::uint64_t prefix = 0;
  int have = 0;
  for (char c : id.substr(4)) {
    auto v = kAlphabet.find(c);
    if (v == std::string_view::npos) return {};
    bits = (bits << 5) | v;
    nbits += 5;
    while (nbits >= 8 && have < 6) {
      prefix = (prefix << 8) | ((bits >> (nbits - 8)) & 0xff);
      nbits -= 8;
      ++have;
    }
    if (have == 6) break;
  }
  if (have < 6) return {};
  std::uint64_t account = (prefix & 0x7fffffffff80ULL) >> 7;
  std::string s = std::to_string(account);
  return std::string(12 - std::min<std::size_t>(12, s.size()), '0') + s;
}

Result<std::string> GetAccessKeyInfo(Ctx& ctx) {
  EMU_ASSIGN(id, Required(ctx, "AccessKeyId"));
  if (id.size() < 16 || id.size() > 128) {
    return ValidationError("1 validation error detected: Value '" + id +
                           "' at 'accessKeyId' failed to satisfy constraint: Member must have "
                           "length between 16 and 128");
  }
  for (char c : id) {
    bool word =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!word) {
      return ValidationError("1 validation error detected: Value '" + id +
                             "' at 'accessKeyId' failed to satisfy constraint: Member must "
                             "satisfy regular expression pattern: [\\w]*");
    }
  }
  std::string account;
  if (ctx.st.key_owner.count(id) || ctx.st.temp_keys.count(id)) {
    account = ctx.account;  // the emulator's own keys
  } else {
    account = AccountFromKeyId(id);
    if (account.empty()) account = ctx.account;
  }
  XmlWriter w = BeginResult(ctx);
  w.Element("Account", account);
  return EndResult(ctx, std::move(w));
}

Result<std::string> DecodeAuthorizationMessage(Ctx& ctx) {
  EMU_ASSIGN(encoded, Required(ctx, "EncodedMessage"));
  if (encoded.empty() || encoded.size() > kMaxEncodedMessageLength) {
    return ValidationError(
        "1 validation error detected: Value at 'encodedMessage' failed to satisfy constraint: "
        "Member must have length less than or equal to 10240");
  }
  std::optional<std::string> decoded;
  if (encoded.rfind(kAuthorizationMessagePrefix, 0) == 0) {
    decoded =
        text::Base64Decode(std::string_view(encoded).substr(kAuthorizationMessagePrefix.size()),
                           text::Base64Variant::kUrlNoPadding);
  }
  if (!decoded || decoded->empty() || (*decoded)[0] != '{') {
    return AwsError("InvalidAuthorizationMessageException", 400,
                    "Message is not valid: it was not made by this emulator.");
  }
  XmlWriter w = BeginResult(ctx);
  w.Element("DecodedMessage", *decoded);
  return EndResult(ctx, std::move(w));
}

}  // namespace

std::string EncodeAuthorizationMessage(std::string_view json_document) {
  return std::string(kAuthorizationMessagePrefix) +
         text::Base64Encode(json_document, text::Base64Variant::kUrlNoPadding);
}

void RegisterStsActions(ActionTable& t) {
  t["AssumeRole"] = {AssumeRole, true};
  t["GetCallerIdentity"] = {GetCallerIdentity, false};
  t["GetAccessKeyInfo"] = {GetAccessKeyInfo, false};
  t["DecodeAuthorizationMessage"] = {DecodeAuthorizationMessage, false};
}

}  // namespace aic::emulator::state
