// STS: AssumeRole (temporary ASIA... credentials the emulator then accepts until they expire)
// and GetCallerIdentity.
//
// The emulator keeps no roles: AssumeRole accepts any well-formed role ARN of the account
// (arn:aws:iam::ACCOUNT:role[/path]/NAME); the role id (AROA...) is derived from the ARN so it
// is stable across calls.
#include <sodium.h>

#include "common/text_codec.h"
#include "emulator/state/action_context.h"

namespace aic::emulator::state {
namespace {

constexpr int kMinDurationSeconds = 900;
constexpr int kMaxDurationSeconds = 43200;
constexpr int kDefaultDurationSeconds = 3600;
constexpr std::size_t kSessionTokenLength = 356;
constexpr std::size_t kMinSessionNameLength = 2;
constexpr std::size_t kMaxSessionNameLength = 64;

std::string RoleId(std::string_view arn) {
  unsigned char digest[16];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(arn.data()),
                     arn.size(), nullptr, 0);
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string id = "AROA";
  for (int i = 0; id.size() < 21; ++i) id += kAlphabet[digest[i % 16] % 32];
  return id;
}

Result<std::string> AssumeRole(Ctx& ctx) {
  EMU_ASSIGN(role_arn, Required(ctx, "RoleArn"));
  EMU_ASSIGN(session, Required(ctx, "RoleSessionName"));
  EMU_ASSIGN(duration, OptionalInt(ctx, "DurationSeconds", kDefaultDurationSeconds,
                                   kMinDurationSeconds, kMaxDurationSeconds));
  constexpr std::string_view kPrefix = "arn:aws:iam::";
  std::size_t role_at = role_arn.find(":role/");
  if (role_arn.rfind(kPrefix, 0) != 0 || role_at == std::string::npos ||
      role_at + 6 >= role_arn.size() || role_arn.back() == '/') {
    return ValidationError("Invalid ARN " + role_arn);
  }
  if (session.size() < kMinSessionNameLength || session.size() > kMaxSessionNameLength) {
    return ValidationError("1 validation error detected: Value '" + session +
                           "' at 'roleSessionName' failed to satisfy constraint: Member must "
                           "have length between 2 and 64");
  }
  AIC_RETURN_IF_ERROR(CheckName("RoleSessionName", session, kMaxSessionNameLength));
  std::string role_name = role_arn.substr(role_arn.rfind('/') + 1);
  std::string account = role_arn.substr(kPrefix.size(), role_at - kPrefix.size());

  // Forget keys that expired (they are no longer useful to anyone).
  for (auto it = ctx.st.temp_keys.begin(); it != ctx.st.temp_keys.end();) {
    if (it->second.expiration <= ctx.now) {
      ctx.dirty.temp_keys.insert(it->first);
      it = ctx.st.temp_keys.erase(it);
    } else {
      ++it;
    }
  }
  TempKey k;
  k.id = NewId("ASIA", 20);
  k.secret = RandomString(40, true);
  k.token = "FwoGZXIvYXdzE" + RandomString(kSessionTokenLength, true);
  k.expiration = ctx.now + duration;
  k.arn = "arn:aws:sts::" + account + ":assumed-role/" + role_name + "/" + session;
  k.user_id = RoleId(role_arn) + ":" + session;
  ctx.dirty.temp_keys.insert(k.id);
  const TempKey& stored = ctx.st.temp_keys.emplace(k.id, k).first->second;
  WipeString(k.secret);
  WipeString(k.token);
  XmlWriter w = BeginResult(ctx);
  w.Open("Credentials");
  w.Element("AccessKeyId", stored.id);
  w.Element("SecretAccessKey", stored.secret);
  w.Element("SessionToken", stored.token);
  w.Element("Expiration", text::FormatIso8601(stored.expiration));
  w.Close();
  w.Open("AssumedRoleUser");
  w.Element("AssumedRoleId", stored.user_id);
  w.Element("Arn", stored.arn);
  w.Close();
  return EndResult(ctx, std::move(w));
}

Result<std::string> GetCallerIdentity(Ctx& ctx) {
  const Caller& c = ctx.req.caller;
  XmlWriter w = BeginResult(ctx);
  w.Element("UserId", c.user_id.empty() ? ctx.account : c.user_id);
  w.Element("Account", c.account_id.empty() ? ctx.account : c.account_id);
  w.Element("Arn", c.arn.empty() ? "arn:aws:iam::" + ctx.account + ":root" : c.arn);
  return EndResult(ctx, std::move(w));
}

}  // namespace

void RegisterStsActions(ActionTable& t) {
  t["AssumeRole"] = {AssumeRole, true};
  t["GetCallerIdentity"] = {GetCallerIdentity, false};
}

}  // namespace aic::emulator::state
