// The full import's account line (__ACCOUNT_SUMMARY__) and the listings outside the
// GetAccountAuthorizationDetails walk: SAML and OIDC providers, server certificates.
#include <optional>

#include "aws_iam_connector/json_text.h"
#include "connector/aws/import_internal.h"

namespace aic::aws_internal {

using json = nlohmann::json;

json PasswordPolicyToJson(const PasswordPolicy& p) {
  json o = json::object();
  auto set = [&o](const char* name, const auto& value) {
    if (value) o[name] = *value;
  };
  set("MinimumPasswordLength", p.minimum_password_length);
  set("RequireSymbols", p.require_symbols);
  set("RequireNumbers", p.require_numbers);
  set("RequireUppercaseCharacters", p.require_uppercase_characters);
  set("RequireLowercaseCharacters", p.require_lowercase_characters);
  set("AllowUsersToChangePassword", p.allow_users_to_change_password);
  set("ExpirePasswords", p.expire_passwords);
  set("MaxPasswordAge", p.max_password_age);
  set("PasswordReusePrevention", p.password_reuse_prevention);
  set("HardExpiry", p.hard_expiry);
  return o;
}

std::string OidcUrlFromArn(std::string_view arn) {
  constexpr std::string_view kMarker = ":oidc-provider/";
  auto pos = arn.find(kMarker);
  std::string_view url = pos == std::string_view::npos ? arn : arn.substr(pos + kMarker.size());
  for (std::string_view scheme : {"https://", "http://"}) {
    if (url.substr(0, scheme.size()) == scheme) url.remove_prefix(scheme.size());
  }
  return std::string(url);
}

namespace {

json DateOrNull(const std::string& date) { return date.empty() ? json(nullptr) : json(date); }

json CertificateToJson(const ServerCertificateMetadata& c) {
  return {{"_id", c.server_certificate_name},
          {"__NAME__", c.server_certificate_name},
          {"Arn", c.arn},
          {"Path", c.path.empty() ? "/" : c.path},
          {"ServerCertificateId", c.server_certificate_id},
          {"UploadDate", DateOrNull(c.upload_date)},
          {"Expiration", DateOrNull(c.expiration)}};
}

json ObjectLine(std::string_view object_class, json object) {
  return {{"objectClass", object_class}, {"object", std::move(object)}};
}

// Keeps `result`'s value in `out`; an AccessDenied refusal is recorded in `unavailable` under
// `action` (the import goes on without it); other errors are returned naming the action.
template <class T>
Status Keep(Result<T>& result, std::string_view action, json& unavailable, std::optional<T>& out) {
  if (result.ok()) {
    out = std::move(*result);
    return Status::Ok();
  }
  if (result.status().code() == ErrorCode::kPermissionDenied) {
    unavailable[std::string(action)] = result.status().message();
    return Status::Ok();
  }
  return result.status().WithContext(std::string(action));
}

}  // namespace

Task<Result<AccountPart>> ReadAccountPart(IamClient& iam, const ImportUsage& usage) {
  AccountPart part;
  json unavailable = json::object();

  auto summary_read = co_await iam.GetAccountSummary();
  std::optional<AccountSummary> summary;
  AIC_CO_RETURN_IF_ERROR(Keep(summary_read, "GetAccountSummary", unavailable, summary));
  json summary_map = nullptr;
  if (summary) {
    summary_map = json::object();
    for (const auto& [key, value] : *summary) summary_map[key] = value;
  }

  auto policy_read = co_await iam.GetAccountPasswordPolicy();
  json password_policy = nullptr;  // also when the account has none (NoSuchEntity)
  if (policy_read.ok()) {
    password_policy = PasswordPolicyToJson(*policy_read);
  } else if (policy_read.status().code() != ErrorCode::kUnknownUid) {
    std::optional<PasswordPolicy> unused;
    AIC_CO_RETURN_IF_ERROR(Keep(policy_read, "GetAccountPasswordPolicy", unavailable, unused));
  }

  auto saml_read = co_await iam.ListSAMLProviders();
  std::optional<std::vector<SamlProviderEntry>> saml;
  AIC_CO_RETURN_IF_ERROR(Keep(saml_read, "ListSAMLProviders", unavailable, saml));
  for (const auto& p : saml.value_or(std::vector<SamlProviderEntry>{})) {
    part.lines.push_back(
        ObjectLine(kSamlProviderLineClass, {{"_id", p.arn},
                                            {"Arn", p.arn},
                                            {"ValidUntil", DateOrNull(p.valid_until)},
                                            {"CreatedDate", DateOrNull(p.create_date)}}));
    ++part.saml;
  }

  auto oidc_read = co_await iam.ListOpenIDConnectProviders();
  std::optional<std::vector<std::string>> oidc;
  AIC_CO_RETURN_IF_ERROR(Keep(oidc_read, "ListOpenIDConnectProviders", unavailable, oidc));
  for (const auto& arn : oidc.value_or(std::vector<std::string>{})) {
    part.lines.push_back(ObjectLine(kOidcProviderLineClass,
                                    {{"_id", arn}, {"Arn", arn}, {"Url", OidcUrlFromArn(arn)}}));
    ++part.oidc;
  }

  const PageRequest first_page{"", kImportPageSize};
  auto certificates_read = co_await iam.ListServerCertificates("", first_page);
  std::optional<Page<ServerCertificateMetadata>> certificates;
  AIC_CO_RETURN_IF_ERROR(
      Keep(certificates_read, "ListServerCertificates", unavailable, certificates));
  if (certificates) {
    for (const auto& c : certificates->items) {
      part.lines.push_back(ObjectLine(kServerCertificateLineClass, CertificateToJson(c)));
      ++part.server_certificates;
    }
    if (certificates->is_truncated) part.certificates_next_marker = certificates->marker;
  }

  part.summary = {{"accountId", usage.account_id.empty() ? json(nullptr) : json(usage.account_id)},
                  {"summary", std::move(summary_map)},
                  {"passwordPolicy", std::move(password_policy)},
                  {"root", usage.root},
                  {"credentialReportGeneratedTime", DateOrNull(usage.generated_time)}};
  if (!usage.available) part.summary["usageError"] = usage.error;
  if (!unavailable.empty()) part.summary["unavailable"] = std::move(unavailable);
  co_return part;
}

Task<Status> ImportMoreCertificates(IamClient& iam, const std::string& marker,
                                    const ImportSink& sink, std::int64_t& count) {
  const PageRequest next_page{marker, kImportPageSize};
  Status s = co_await ForEachPage(
      [&iam](const PageRequest& r) { return iam.ListServerCertificates("", r); },
      [&](Page<ServerCertificateMetadata>& page) -> Status {
        for (const auto& c : page.items) {
          AIC_RETURN_IF_ERROR(EmitObject(sink, kServerCertificateLineClass, CertificateToJson(c)));
          ++count;
        }
        return Status::Ok();
      },
      next_page);
  if (!s.ok()) co_return s.WithContext("ListServerCertificates");
  co_return Status::Ok();
}

}  // namespace aic::aws_internal
