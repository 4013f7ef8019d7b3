// IAM users, their tags and permissions boundary, and login profiles.
#include <algorithm>

#include "common/text_codec.h"
#include "emulator/state/action_context.h"
#include "emulator/state/password_hash.h"

namespace aic::emulator::state {
namespace {

Status CheckBoundary(Ctx& ctx, const std::string& arn) {
  AIC_RETURN_IF_ERROR(CheckPolicyArn(arn));
  if (ctx.st.FindPolicy(arn) == nullptr) {
    return NoSuchEntity("Scope ARN: " + arn + " does not exist or is not attachable.");
  }
  return Status::Ok();
}

void SetBoundary(Ctx& ctx, User& u, const std::string& arn) {
  if (!u.boundary_arn.empty()) {
    if (auto* p = ctx.st.FindPolicy(u.boundary_arn)) --p->boundary_usage_count;
  }
  u.boundary_arn = arn;
  if (!arn.empty()) {
    if (auto* p = ctx.st.FindPolicy(arn)) ++p->boundary_usage_count;
  }
}

// Without a custom policy AWS requires 8+ characters and 3 of the 4 character types
// (upper, lower, digit, symbol); with one, exactly what the policy asks for.
Status CheckPassword(const Ctx& ctx, std::string_view pw) {
  bool upper = false, lower = false, digit = false, symbol = false;
  for (char c : pw) {
    if (c >= 'A' && c <= 'Z')
      upper = true;
    else if (c >= 'a' && c <= 'z')
      lower = true;
    else if (c >= '0' && c <= '9')
      digit = true;
    else
      symbol = true;
  }
  bool ok = pw.size() <= kMaxPasswordLength;
  if (const auto& p = ctx.st.password_policy) {
    ok = ok && pw.size() >= static_cast<std::size_t>(p->min_length) &&
         (!p->require_upper || upper) && (!p->require_lower || lower) &&
         (!p->require_numbers || digit) && (!p->require_symbols || symbol);
  } else {
    constexpr std::size_t kDefaultMinLength = 8;
    constexpr int kDefaultMinClasses = 3;
    ok = ok && pw.size() >= kDefaultMinLength &&
         int(upper) + int(lower) + int(digit) + int(symbol) >= kDefaultMinClasses;
  }
  if (!ok) {
    return AwsError("PasswordPolicyViolation", 400,
                    "Password does not conform to the account password policy.");
  }
  return Status::Ok();
}

// The most hashes a login profile keeps for PasswordReusePrevention: AWS's maximum of the
// setting (UpdateAccountPasswordPolicy, 1..24).
constexpr std::size_t kMaxKeptPasswordHashes = 24;

// PasswordReusePrevention N refuses the current password and the N-1 before it, with AWS's
// message
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html).
Status CheckReuse(const Ctx& ctx, const LoginProfile& login, std::string_view pw) {
  const auto& policy = ctx.st.password_policy;
  if (!policy || policy->reuse_prevention <= 0) return Status::Ok();
  bool reused = VerifyPassword(login.password_hash, pw);
  const std::size_t earlier = static_cast<std::size_t>(policy->reuse_prevention) - 1;
  for (std::size_t i = 0; !reused && i < earlier && i < login.previous_hashes.size(); ++i) {
    reused = VerifyPassword(login.previous_hashes[i], pw);
  }
  if (reused) {
    return AwsError("PasswordPolicyViolation", 400, "Policy Error: PasswordReusePrevention");
  }
  return Status::Ok();
}

// Stores the hash of the new password, keeping the current one as the newest earlier hash.
Status SetPassword(const Ctx& ctx, LoginProfile& login, std::string_view pw) {
  EMU_ASSIGN(hash, HashPassword(pw));
  if (!login.password_hash.empty()) {
    login.previous_hashes.insert(login.previous_hashes.begin(), login.password_hash);
    if (login.previous_hashes.size() > kMaxKeptPasswordHashes) {
      login.previous_hashes.resize(kMaxKeptPasswordHashes);
    }
  }
  login.password_hash = std::move(hash);
  login.password_changed = ctx.now;
  return Status::Ok();
}

Result<std::string> CreateUser(Ctx& ctx) {
  EMU_ASSIGN(name, RequiredName(ctx, "UserName", kMaxUserNameLength));
  EMU_ASSIGN(path, OptionalPath(ctx, "Path"));
  EMU_ASSIGN(tags, TagList(ctx));
  std::string boundary;
  if (const std::string* b = ctx.Param("PermissionsBoundary")) {
    AIC_RETURN_IF_ERROR(CheckBoundary(ctx, *b));
    boundary = *b;
  }
  std::string key = text::AsciiLower(name);
  if (ctx.st.users.count(key)) return AlreadyExists("User with name " + name + " already exists.");
  User u;
  u.id = NewId("AIDA");
  u.name = name;
  u.path = path;
  u.created = ctx.now;
  u.tags = std::move(tags);
  User& stored = ctx.st.users.emplace(key, std::move(u)).first->second;
  ctx.st.users_by_id[stored.id] = &stored;
  SetBoundary(ctx, stored, boundary);
  ctx.dirty.users.insert(stored.id);
  XmlWriter w = BeginResult(ctx);
  WriteUser(w, ctx, stored, "User");
  return EndResult(ctx, std::move(w));
}

Result<std::string> GetUser(Ctx& ctx) {
  const User* u = nullptr;
  if (ctx.Param("UserName") != nullptr) {
    EMU_ASSIGN(found, UserParam(ctx));
    u = found;
  } else {
    auto it = ctx.st.users_by_id.find(ctx.req.caller.user_id);
    if (it != ctx.st.users_by_id.end()) u = it->second;
  }
  XmlWriter w = BeginResult(ctx);
  if (u != nullptr) {
    WriteUser(w, ctx, *u, "User");
  } else {
    // The account root (or an assumed role): AWS answers with the root "user".
    w.Open("User");
    w.Element("UserId", ctx.account);
    w.Element("Arn", "arn:aws:iam::" + ctx.account + ":root");
    w.Element("CreateDate", text::FormatIso8601(0));
    w.Close();
  }
  return EndResult(ctx, std::move(w));
}

Result<std::string> UpdateUser(Ctx& ctx) {
  EMU_ASSIGN(u, UserParam(ctx));
  std::string new_path = u->path;
  if (ctx.Param("NewPath") != nullptr) {
    EMU_ASSIGN(p, OptionalPath(ctx, "NewPath"));
    new_path = p;
  }
  std::string new_name = u->name;
  if (const std::string* n = ctx.Param("NewUserName")) {
    AIC_RETURN_IF_ERROR(CheckName("NewUserName", *n, kMaxUserNameLength));
    const User* other = ctx.st.FindUser(*n);
    if (other != nullptr && other != u) {
      return AlreadyExists("User with name " + *n + " already exists.");
    }
    new_name = *n;
  }
  u->path = new_path;
  if (new_name != u->name) {
    auto node = ctx.st.users.extract(text::AsciiLower(u->name));
    node.key() = text::AsciiLower(new_name);
    node.mapped().name = new_name;
    ctx.st.users.insert(std::move(node));
  }
  ctx.dirty.users.insert(u->id);
  return EmptyResult(ctx);
}

Result<std::string> DeleteUser(Ctx& ctx) {
  EMU_ASSIGN(u, UserParam(ctx));
  const char* what = nullptr;
  if (u->login)
    what = "must delete login profile first";
  else if (!u->access_keys.empty())
    what = "must delete access keys first";
  else if (!u->certificates.empty())
    what = "must delete signing certificates first";
  else if (!u->ssh_keys.empty())
    what = "must delete SSH public keys first";
  else if (!u->service_credentials.empty())
    what = "must delete service specific credentials first";
  else if (!u->mfa_devices.empty())
    what = "must delete MFA device first";
  else if (!u->inline_policies.empty())
    what = "must delete policies first";
  else if (!u->attached.empty())
    what = "must detach all policies first";
  else if (!u->groups.empty())
    what = "must remove user from all groups first";
  if (what != nullptr) return DeleteConflict(std::string("Cannot delete entity, ") + what + ".");
  SetBoundary(ctx, *u, "");
  for (auto& [serial, dev] : ctx.st.mfa_devices) {
    if (dev.user_id == u->id) dev.user_id.clear();
  }
  ctx.dirty.users.insert(u->id);
  ctx.st.users_by_id.erase(u->id);
  ctx.st.users.erase(text::AsciiLower(u->name));
  return EmptyResult(ctx);
}

Result<std::string> ListUsers(Ctx& ctx) {
  EMU_ASSIGN(max, MaxItems(ctx));
  EMU_ASSIGN(start, MarkerKey(ctx));
  const std::string* prefix = ctx.Param("PathPrefix");
  XmlWriter w = BeginResult(ctx);
  w.Open("Users");
  PageEnd end = PageMap(
      ctx.st.users, start, max,
      [&](const User& u) { return prefix == nullptr || u.path.rfind(*prefix, 0) == 0; },
      [&](const User& u) { WriteUser(w, ctx, u, "member", UserView::kListing); });
  w.Close();
  WritePaging(w, end);
  return EndResult(ctx, std::move(w));
}

Result<std::string> TagUser(Ctx& ctx) {
  EMU_ASSIGN(u, UserParam(ctx));
  EMU_ASSIGN(tags, TagList(ctx));
  if (ctx.Param("Tags.member.1.Key") == nullptr) {
    return ValidationError(
        "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member "
        "must not be null");
  }
  AIC_RETURN_IF_ERROR(MergeTags(u->tags, tags));
  ctx.dirty.users.insert(u->id);
  return EmptyResult(ctx);
}

Result<std::string> UntagUser(Ctx& ctx) {
  EMU_ASSIGN(u, UserParam(ctx));
  std::vector<std::string> keys = MemberList(ctx, "TagKeys");
  for (auto& k : keys) k = text::AsciiLower(k);
  std::erase_if(u->tags, [&](const Tag& t) {
    return std::find(keys.begin(), keys.end(), text::AsciiLower(t.key)) != keys.end();
  });
  ctx.dirty.users.insert(u->id);
  return EmptyResult(ctx);
}

Result<std::string> ListUserTags(Ctx& ctx) {
  EMU_ASSIGN(u, UserParam(ctx));
  return TagPageResult(ctx, u->tags);
}

Result<std::string> PutUserPermissionsBoundary(Ctx& ctx) {
  EMU_ASSIGN(u, UserParam(ctx));
  EMU_ASSIGN(arn, Required(ctx, "PermissionsBoundary"));
  AIC_RETURN_IF_ERROR(CheckBoundary(ctx, arn));
  SetBoundary(ctx, *u, arn);
  ctx.dirty.users.insert(u->id);
  return EmptyResult(ctx);
}

Result<std::string> DeleteUserPermissionsBoundary(Ctx& ctx) {
  EMU_ASSIGN(u, UserParam(ctx));
  SetBoundary(ctx, *u, "");
  ctx.dirty.users.insert(u->id);
  return EmptyResult(ctx);
}

std::string LoginProfileXml(Ctx& ctx, const User& u) {
  XmlWriter w = BeginResult(ctx);
  w.Open("LoginProfile");
  w.Element("UserName", u.name);
  w.Element("CreateDate", text::FormatIso8601(u.login->created));
  w.Element("PasswordResetRequired", u.login->reset_required);
  w.Close();
  return EndResult(ctx, std::move(w));
}

Status NoLoginProfile(const User& u) {
  return NoSuchEntity("Login Profile for User " + u.name + " cannot be found.");
}

Result<std::string> CreateLoginProfile(Ctx& ctx) {
  EMU_ASSIGN(u, UserParam(ctx));
  EMU_ASSIGN(password, Required(ctx, "Password"));
  EMU_ASSIGN(reset, OptionalBool(ctx, "PasswordResetRequired", false));
  if (u->login) return AlreadyExists("Login Profile for user " + u->name + " already exists.");
  AIC_RETURN_IF_ERROR(CheckPassword(ctx, password));
  LoginProfile login;
  login.created = ctx.now;
  login.reset_required = reset;
  AIC_RETURN_IF_ERROR(SetPassword(ctx, login, password));
  u->login = std::move(login);
  ctx.dirty.users.insert(u->id);
  return LoginProfileXml(ctx, *u);
}

Result<std::string> GetLoginProfile(Ctx& ctx) {
  EMU_ASSIGN(u, UserParam(ctx));
  if (!u->login) return NoLoginProfile(*u);
  return LoginProfileXml(ctx, *u);
}

Result<std::string> UpdateLoginProfile(Ctx& ctx) {
  EMU_ASSIGN(u, UserParam(ctx));
  if (!u->login) return NoLoginProfile(*u);
  EMU_ASSIGN(reset, OptionalBool(ctx, "PasswordResetRequired", u->login->reset_required));
  LoginProfile login = *u->login;
  if (const std::string* pw = ctx.Param("Password")) {
    AIC_RETURN_IF_ERROR(CheckPassword(ctx, *pw));
    AIC_RETURN_IF_ERROR(CheckReuse(ctx, login, *pw));
    AIC_RETURN_IF_ERROR(SetPassword(ctx, login, *pw));
  }
  login.reset_required = reset;
  u->login = std::move(login);
  ctx.dirty.users.insert(u->id);
  return EmptyResult(ctx);
}

// The calling IAM user changes its own password. The emulator does not evaluate IAM
// permissions, so iam:ChangePassword (which AllowUsersToChangePassword grants in AWS) is not
// required. Order of checks: caller type, login profile, old password, policy, reuse.
Result<std::string> ChangePassword(Ctx& ctx) {
  EMU_ASSIGN(old_pw, Required(ctx, "OldPassword"));
  EMU_ASSIGN(new_pw, Required(ctx, "NewPassword"));
  auto it = ctx.st.users_by_id.find(ctx.req.caller.user_id);
  if (it == ctx.st.users_by_id.end()) {
    return AwsError("InvalidUserType", 400, "Only IAM Users can change their own password.");
  }
  User* u = it->second;
  if (!u->login) return NoLoginProfile(*u);
  if (!VerifyPassword(u->login->password_hash, old_pw)) {
    return AwsError("InvalidUserType", 400, "The old password is incorrect.");
  }
  AIC_RETURN_IF_ERROR(CheckPassword(ctx, new_pw));
  LoginProfile login = *u->login;
  AIC_RETURN_IF_ERROR(CheckReuse(ctx, login, new_pw));
  AIC_RETURN_IF_ERROR(SetPassword(ctx, login, new_pw));
  login.reset_required = false;
  u->login = std::move(login);
  ctx.dirty.users.insert(u->id);
  return EmptyResult(ctx);
}

Result<std::string> DeleteLoginProfile(Ctx& ctx) {
  EMU_ASSIGN(u, UserParam(ctx));
  if (!u->login) return NoLoginProfile(*u);
  u->login.reset();
  ctx.dirty.users.insert(u->id);
  return EmptyResult(ctx);
}

}  // namespace

void RegisterUserActions(ActionTable& t) {
  t["CreateUser"] = {CreateUser, true};
  t["GetUser"] = {GetUser, false};
  t["UpdateUser"] = {UpdateUser, true};
  t["DeleteUser"] = {DeleteUser, true};
  t["ListUsers"] = {ListUsers, false};
  t["TagUser"] = {TagUser, true};
  t["UntagUser"] = {UntagUser, true};
  t["ListUserTags"] = {ListUserTags, false};
  t["PutUserPermissionsBoundary"] = {PutUserPermissionsBoundary, true};
  t["DeleteUserPermissionsBoundary"] = {DeleteUserPermissionsBoundary, true};
  t["CreateLoginProfile"] = {CreateLoginProfile, true};
  t["GetLoginProfile"] = {GetLoginProfile, false};
  t["UpdateLoginProfile"] = {UpdateLoginProfile, true};
  t["DeleteLoginProfile"] = {DeleteLoginProfile, true};
  t["ChangePassword"] = {ChangePassword, true};
}

}  // namespace aic::emulator::state
