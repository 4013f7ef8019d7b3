// Account aliases: CreateAccountAlias, DeleteAccountAlias, ListAccountAliases.
//
// An account has at most one alias (IamState::account.aliases): creating a different alias
// replaces the current one, as AWS does ("creating a 2nd alias replaces the first"), and
// creating the current alias again succeeds without a change. Aliases are 3..63 characters of
// lower-case letters, digits and single dashes, starting and ending with a letter or digit
// (the API reference's ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$). Deleting an alias the account
// does not have is NoSuchEntity.
#include "emulator/state/action_context.h"
#include "emulator/state/provider_util.h"

namespace aic::emulator::state {
namespace {

// accountAliasType in the model.
constexpr std::size_t kMinAccountAliasLength = 3;
constexpr std::size_t kMaxAccountAliasLength = 63;
constexpr std::string_view kAccountAliasPattern = "^[a-z0-9](([a-z0-9]|-(?!-))*[a-z0-9])?$";

bool IsAliasChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

bool ValidAccountAlias(std::string_view alias) {
  if (alias.size() < kMinAccountAliasLength || alias.size() > kMaxAccountAliasLength) return false;
  if (!IsAliasChar(alias.front()) || !IsAliasChar(alias.back())) return false;
  for (std::size_t i = 1; i + 1 < alias.size(); ++i) {
    if (IsAliasChar(alias[i])) continue;
    if (alias[i] != '-' || alias[i + 1] == '-') return false;
  }
  return true;
}

namespace {

Result<std::string> AliasParam(const Ctx& ctx) {
  EMU_ASSIGN(alias, Required(ctx, "AccountAlias"));
  AIC_RETURN_IF_ERROR(CheckLength("AccountAlias", alias, kMinAccountAliasLength,
                                  kMaxAccountAliasLength, /*show_value=*/true));
  if (!ValidAccountAlias(alias)) return PatternError("AccountAlias", alias, kAccountAliasPattern);
  return alias;
}

Result<std::string> CreateAccountAlias(Ctx& ctx) {
  EMU_ASSIGN(alias, AliasParam(ctx));
  std::vector<std::string>& aliases = ctx.st.account.aliases;
  if (aliases.size() == 1 && aliases.front() == alias) return EmptyResult(ctx);
  aliases.assign(1, alias);
  ctx.dirty.account = true;
  return EmptyResult(ctx);
}

Result<std::string> DeleteAccountAlias(Ctx& ctx) {
  EMU_ASSIGN(alias, AliasParam(ctx));
  if (std::erase(ctx.st.account.aliases, alias) == 0) {
    return NoSuchEntity("The account alias " + alias + " cannot be found.");
  }
  ctx.dirty.account = true;
  return EmptyResult(ctx);
}

Result<std::string> ListAccountAliases(Ctx& ctx) {
  const std::vector<std::string>& aliases = ctx.st.account.aliases;
  EMU_ASSIGN(page, PageIndex(ctx, aliases.size()));
  XmlWriter w = BeginResult(ctx);
  w.Open("AccountAliases");
  for (std::size_t i = page.begin; i < page.end; ++i) w.Element("member", aliases[i]);
  w.Close();
  WritePaging(w, page.page);
  return EndResult(ctx, std::move(w));
}

}  // namespace

void RegisterAccountAliasActions(ActionTable& t) {
  t["CreateAccountAlias"] = {CreateAccountAlias, true};
  t["DeleteAccountAlias"] = {DeleteAccountAlias, true};
  t["ListAccountAliases"] = {ListAccountAliases, false};
}

}  // namespace aic::emulator::state
