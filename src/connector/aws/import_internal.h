// Pieces of the full import (SPEC 4.8, docs/full-import.md): the lines it writes for each IAM
// shape, the account summary line and the calls outside the GetAccountAuthorizationDetails
// walk. Not a public interface; AwsConnector::FullImport (full_import.cc) puts them together.
//
// Thread safety: the functions are reentrant.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws_iam_connector/aws_connector.h"
#include "aws_iam_connector/iam_client.h"
#include "aws_iam_connector/task.h"
#include "connector/aws/credential_report.h"

namespace aic::aws_internal {

// Object classes that exist only in the import (not in the connector's schema).
inline constexpr std::string_view kRoleLineClass = "__ROLE__";
inline constexpr std::string_view kInstanceProfileLineClass = "__INSTANCE_PROFILE__";
inline constexpr std::string_view kSamlProviderLineClass = "__SAML_PROVIDER__";
inline constexpr std::string_view kOidcProviderLineClass = "__OIDC_PROVIDER__";
inline constexpr std::string_view kServerCertificateLineClass = "__SERVER_CERTIFICATE__";
inline constexpr std::string_view kAccountSummaryLineClass = "__ACCOUNT_SUMMARY__";

// Page size of the GetAccountAuthorizationDetails walk and of ListServerCertificates: IAM's
// largest MaxItems (kFullReadPageSize, 1000).
inline constexpr int kImportPageSize = kFullReadPageSize;

// Writes {"objectClass": object_class, "object": object}.
Status EmitObject(const ImportSink& sink, std::string_view object_class, nlohmann::json object);
// Writes {"objectClass": "assignment", "type": type, ...fields}.
Status EmitAssignment(const ImportSink& sink, std::string_view type, nlohmann::json fields);

// ---- Usage (import_usage.cc) -------------------------------------------------------------------

// The credential report, kept for the walk (its parsed rows: the import's memory beside a page).
struct ImportUsage {
  bool available = false;  // false: the report was refused or failed (`error` says why)
  std::string error;
  std::string account_id;      // from the root row's ARN; empty when unknown
  std::string generated_time;  // ISO 8601 UTC; empty when unknown
  nlohmann::json root;         // RootUsageJson, or null
  ParsedCredentialReport report;
};

// FetchCredentialReport (credential_report.h): GenerateCredentialReport, polled on a timer while
// IAM builds it, then GetCredentialReport. A refusal or failure is not an error: the result
// has available = false and the message in `error`.
Task<ImportUsage> FetchImportUsage(IamClient& iam);

// Adds the usage fields (and PasswordLastUsed, from the report's password_last_used) of user
// `name` to `object`: every field null when the report is unavailable or has no row for it.
void AddUsage(const ImportUsage& usage, const std::string& name, nlohmann::json& object);

// ---- The account line and the listings outside the walk (import_account.cc) -----------------

// What is read before the first line is written: the __ACCOUNT_SUMMARY__ object and the lines
// of the identity providers and of the first page of server certificates.
struct AccountPart {
  nlohmann::json summary;                // the __ACCOUNT_SUMMARY__ object
  std::vector<nlohmann::json> lines;     // __SAML_PROVIDER__, __OIDC_PROVIDER__, certificates
  std::string certificates_next_marker;  // non-empty: more certificate pages to read
  std::int64_t saml = 0;
  std::int64_t oidc = 0;
  std::int64_t server_certificates = 0;  // in `lines`
};

// GetAccountSummary, GetAccountPasswordPolicy ("passwordPolicy" null when the account has
// none), ListSAMLProviders, ListOpenIDConnectProviders and the first ListServerCertificates page
// (kImportPageSize), with the usage's account id, root and report time ("usageError" when the
// report is unavailable). A call refused with AccessDenied does not stop the import: what it
// reads is absent (null) and the summary's "unavailable" object maps its action to the refusal;
// other errors are returned.
Task<Result<AccountPart>> ReadAccountPart(IamClient& iam, const ImportUsage& usage);

// The __SERVER_CERTIFICATE__ lines of the certificate pages after the first, from `marker`;
// adds to `count`.
Task<Status> ImportMoreCertificates(IamClient& iam, const std::string& marker,
                                    const ImportSink& sink, std::int64_t& count);

// The password policy in AWS's field names (only the fields IAM returned).
nlohmann::json PasswordPolicyToJson(const PasswordPolicy& policy);

// "https://x" and "x" -> "x": the OIDC provider's Url as GetOpenIDConnectProvider gives it,
// from its ARN ("arn:aws:iam::123:oidc-provider/token.actions.githubusercontent.com").
std::string OidcUrlFromArn(std::string_view arn);

// ---- Roles (import_roles.cc) -------------------------------------------------------------------

// The __ROLE__ object of a GAAD RoleDetail (trustedPrincipals decoded against the role's own
// account).
nlohmann::json RoleDetailToImportJson(const RoleDetail& role);

// The __INSTANCE_PROFILE__ object of a profile from a role's InstanceProfileList.
nlohmann::json InstanceProfileToImportJson(const InstanceProfile& profile);

// Writes the role, its instance profiles (each once: under the first role it names), its
// role-policy assignments and one role-trust assignment per trusted principal; counts them.
Status EmitRole(const ImportSink& sink, const RoleDetail& role, ImportStats& stats);

// The __POLICY__ object with "document": the default version's decoded document (its text when
// it is not JSON; absent when GAAD gave no default version).
nlohmann::json PolicyDetailToImportJson(const ManagedPolicyDetail& detail);

}  // namespace aic::aws_internal
