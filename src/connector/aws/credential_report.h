// The IAM credential report (SPEC 11, issue 15): a pure parser of its CSV, the JSON of a user's
// usage in the agreed field names (shared by the connector's __ACCOUNT__ attributes and the full
// import), the fetcher (GenerateCredentialReport + GetCredentialReport, polling on a timer) and
// the per-connector cache.
//
// The report (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html)
// is CSV with one header line and one row per IAM user, the account root first as the user
// "<root_account>". Columns are found by their header name, so extra columns (AWS may add some)
// are ignored and missing ones read as absent: user (required), arn, user_creation_time,
// password_enabled, password_last_used, password_last_changed, password_next_rotation,
// mfa_active, access_key_{1,2}_{active,last_rotated,last_used_date,last_used_region,
// last_used_service}, cert_{1,2}_{active,last_rotated}.
// Values: "N/A", "no_information" and "not_supported" (any case) mean absent; booleans are
// "true"/"false" (any case: AWS's guide writes TRUE/FALSE); dates are ISO 8601 with an offset
// ("2026-01-02T03:04:05+00:00") and are normalised to UTC "2026-01-02T03:04:05Z" (fractions
// dropped). Fields may be quoted as RFC 4180 says (a user name may hold a comma); lines end in
// "\n" or "\r\n"; blank lines are skipped.
//
// The report lags real use: AWS regenerates it at most every four hours, and its last-used
// dates are themselves recorded with a delay. Users made after the report was generated are
// not in it (their usage is null).
//
// Errors: kInvalidInput naming the line (1-based, the header is line 1) and the column: an
// empty report, no `user` column, a row whose field count differs from the header's, an
// unterminated quote, a boolean or date cell that is not one, more than
// kMaxCredentialReportRows rows.
//
// Thread safety: the parser and the JSON functions are pure; CredentialReportCache is
// thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws_iam_connector/iam_client.h"
#include "aws_iam_connector/status.h"
#include "aws_iam_connector/task.h"

namespace aic::aws_internal {

// The user name of the account root's row.
inline constexpr std::string_view kCredentialReportRootUser = "<root_account>";
// Rows a report may have: IAM's hard limit of users per account (5,000 by default, raised on
// request up to this), plus the root. A larger report is refused as malformed.
inline constexpr std::size_t kMaxCredentialReportRows = 100001;

// One access key slot of a row (access_key_1_* or access_key_2_*). Empty strings are absent.
struct AccessKeyUsage {
  int slot = 0;  // 1 or 2
  bool active = false;
  std::string last_rotated;  // when the key was created or last changed
  std::string last_used_date;
  std::string last_used_region;
  std::string last_used_service;
};

// One signing certificate slot (cert_1_* or cert_2_*).
struct CertificateUsage {
  int slot = 0;
  bool active = false;
  std::string last_rotated;
};

struct CredentialReportRow {
  std::string user;  // as the report writes it
  std::string arn;
  std::string user_creation_time;
  std::optional<bool> password_enabled;  // nullopt: not_supported (the root) or no column
  std::string password_last_used;
  std::string password_last_changed;
  std::string password_next_rotation;
  bool mfa_active = false;
  // The slots that exist: active, or with a last_rotated date (an inactive key still has one).
  std::vector<AccessKeyUsage> access_keys;
  std::vector<CertificateUsage> certificates;  // likewise

  // The latest of password_last_used and every key's last_used_date; empty when none.
  std::string LastActivity() const;
};

struct ParsedCredentialReport {
  std::string generated_time;  // normalised like the report's dates
  std::optional<CredentialReportRow> root;
  std::map<std::string, CredentialReportRow> users;  // lower-case user name -> row

  // The row of `user_name` (IAM names compare without case), or null.
  const CredentialReportRow* Find(std::string_view user_name) const;
};

// `generated_time` is GetCredentialReport's GeneratedTime.
Result<ParsedCredentialReport> ParseCredentialReport(std::string_view csv,
                                                     std::string generated_time);

// The usage of one user in the field names of docs/usage.md (and the import format):
// {"passwordEnabled": bool, "mfaActive": bool, "passwordLastChanged": date, "passwordNextRotation":
//  date, "lastActivity": date, "accessKeyUsage": [{"slot": 1, "active": bool, "LastRotated": date,
//  "LastUsedDate": date, "LastUsedRegion": str, "LastUsedService": str}, ...],
//  "PasswordLastUsed": date}; absent values are null. `row` null (the user is not in the
// report: made after it was generated) gives every field null.
nlohmann::json CredentialUsageJson(const CredentialReportRow* row);
// The root's row for the import's summary line: {"passwordEnabled", "passwordLastUsed",
// "mfaActive", "accessKeyUsage"}.
nlohmann::json RootUsageJson(const CredentialReportRow& root);
// accessKeyUsage alone.
nlohmann::json AccessKeyUsageJson(const CredentialReportRow& row);

// ---- Fetching (credential_report_fetch.cc) ---------------------------------------------------

// How long the connector keeps a report: AWS generates a new one at most every four hours
// (GenerateCredentialReport answers COMPLETE with the held one until then), so a report is
// reused until its GeneratedTime plus this.
inline constexpr std::chrono::seconds kCredentialReportLifetime{4 * 3600};
// A report already past its lifetime by the connector's clock (clock skew, or AWS still serving
// an old one) is kept at least this long, so that every read does not fetch it again.
inline constexpr std::chrono::seconds kCredentialReportMinReuse{60};
// The longest a fetch waits for a report AWS is still generating, in total.
inline constexpr std::chrono::milliseconds kCredentialReportMaxWait{60000};
// The first wait between polls, doubled after each poll up to kCredentialReportMaxPollDelay.
inline constexpr std::chrono::milliseconds kCredentialReportFirstPollDelay{500};
inline constexpr std::chrono::milliseconds kCredentialReportMaxPollDelay{8000};

struct CredentialReportFetchOptions {
  std::chrono::milliseconds max_wait = kCredentialReportMaxWait;
  std::chrono::milliseconds first_poll_delay = kCredentialReportFirstPollDelay;
  std::chrono::milliseconds max_poll_delay = kCredentialReportMaxPollDelay;
};

// GenerateCredentialReport; on STARTED or COMPLETE, GetCredentialReport, parsed. While AWS
// says the report is being generated (State INPROGRESS, or ReportInProgress from
// GetCredentialReport) it waits on a timer of the calling coroutine's executor (no thread
// blocks) with doubling delays and asks again, for at most `max_wait` in total (then
// kTimeout). ReportNotPresent or ReportExpired after a Generate starts one more Generate (once).
// With AWS answering at once: exactly one GenerateCredentialReport and one GetCredentialReport.
// Errors name the action ("GenerateCredentialReport: ...") and keep AWS's detail; an
// AccessDenied stays kPermissionDenied and says which IAM permissions the usage needs.
Task<Result<ParsedCredentialReport>> FetchCredentialReport(
    IamClient& iam, const CredentialReportFetchOptions& options = {});

// The connector's copy of the report, shared by every read for its lifetime (generated_time
// + kCredentialReportLifetime, at least kCredentialReportMinReuse after the fetch). At most one
// fetch is in flight: callers that arrive meanwhile wait for it (on their own executors) and
// share its result, error included; a failed fetch is not kept (the next Get tries again).
// Memory: the parsed rows of one report.
class CredentialReportCache {
 public:
  using Clock = std::chrono::system_clock;
  using NowFn = std::function<Clock::time_point()>;

  explicit CredentialReportCache(NowFn now = nullptr, CredentialReportFetchOptions options = {});
  ~CredentialReportCache();
  CredentialReportCache(const CredentialReportCache&) = delete;
  CredentialReportCache& operator=(const CredentialReportCache&) = delete;

  Task<Result<std::shared_ptr<const ParsedCredentialReport>>> Get(IamClient& iam);

 private:
  struct Fetch;  // one fetch in flight and its waiters
  Clock::time_point Now() const;
  std::shared_ptr<const ParsedCredentialReport> Fresh();

  const NowFn now_;
  const CredentialReportFetchOptions options_;
  std::mutex mu_;
  std::shared_ptr<const ParsedCredentialReport> report_;
  Clock::time_point expires_{};
  std::shared_ptr<Fetch> in_flight_;
};

}  // namespace aic::aws_internal
