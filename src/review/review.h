// The access review (SPEC 11, docs/review.md): one import snapshot (JSON Lines, the full import
// format of docs/review.md) turned into the IAM checks of the CIS AWS Foundations Benchmark v3.0.0
// that the IAM API can decide, plus unused roles and external or wildcard trust.
//
// Pure logic, no I/O: the caller feeds lines (from a file or a live import's sink) to a
// SnapshotReader, then Review() decides every check at a given "now", so a result is
// reproducible. The reader keeps only the facts the checks need, each list per object bounded by
// kMaxEntriesPerObject, never a whole object or document.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws_iam_connector/status.h"

namespace aic::review {

// CIS thresholds (v3.0.0 recommendations 1.8, 1.9, 1.12, 1.14).
inline constexpr int kMinPasswordLength = 14;
inline constexpr int kPasswordReusePrevention = 24;
inline constexpr int kUnusedCredentialDays = 45;
inline constexpr int kMaxAccessKeyAgeDays = 90;
// A role unused (or never used and created) this many days ago or more is unused (--unused-days).
inline constexpr int kDefaultUnusedRoleDays = 90;
// At most this many entries of one list (policies, trust entries, keys, condition keys) are
// kept per object; more are counted but not kept (IAM's own quotas are far lower).
inline constexpr std::size_t kMaxEntriesPerObject = 1000;
// A snapshot line longer than this is refused (one GAAD object with its documents is far less).
inline constexpr std::size_t kMaxLineBytes = 16 * 1024 * 1024;

// Seconds since the Unix epoch (UTC).
using EpochSeconds = std::int64_t;

// "2026-01-02T03:04:05Z" (fraction and "+00:00" accepted) or "2026-01-02" (midnight UTC).
std::optional<EpochSeconds> ParseIsoTime(std::string_view text);
// "2026-01-02T03:04:05Z".
std::string FormatIsoTime(EpochSeconds t);

struct AccessKeyFacts {
  int slot = 0;
  bool active = false;
  std::optional<EpochSeconds> last_rotated;
  std::optional<EpochSeconds> last_used;
};

struct UserFacts {
  std::string name;
  std::string arn;
  std::optional<EpochSeconds> created;
  bool usage_known = false;  // the line carries the credential report's facts
  bool password_enabled = false;
  bool mfa_active = false;
  std::optional<EpochSeconds> password_last_used;
  std::vector<AccessKeyFacts> keys;
  std::vector<std::string> policies;         // attached managed policy ARNs
  std::vector<std::string> inline_policies;  // names
};

struct GroupFacts {
  std::string name;
  std::string arn;
  std::vector<std::string> policies;
};

struct TrustFacts {
  std::string type;  // AWS, Service, Federated, CanonicalUser
  std::string principal;
  bool external = false;
  bool wildcard = false;
  std::vector<std::string> conditions;  // condition keys
};

struct RoleFacts {
  std::string name;
  std::string arn;
  std::optional<EpochSeconds> created;
  std::optional<EpochSeconds> last_used;
  bool service_linked = false;
  std::vector<std::string> policies;
  std::vector<TrustFacts> trust;
};

struct PolicyFacts {
  std::string arn;
  std::string name;
  bool customer_managed = false;
  bool has_document = false;
  bool full_admin = false;  // a statement Allow Action "*" Resource "*"
  std::int64_t attachment_count = 0;
};

struct CertificateFacts {
  std::string name;
  std::string arn;
  std::optional<EpochSeconds> expiration;
};

// The __ACCOUNT_SUMMARY__ line.
struct SummaryFacts {
  std::string account_id;
  std::optional<std::int64_t> account_mfa_enabled;          // SummaryMap AccountMFAEnabled
  std::optional<std::int64_t> account_access_keys_present;  // AccountAccessKeysPresent
  bool password_policy_known = false;  // the line has "passwordPolicy" (null: none)
  bool has_password_policy = false;
  std::optional<std::int64_t> minimum_password_length;
  std::optional<std::int64_t> password_reuse_prevention;
  bool root_known = false;
  bool root_mfa_active = false;
  int root_active_keys = 0;
  std::optional<EpochSeconds> credential_report_time;
  std::string usage_error;  // the import could not read the credential report
  // The calls AWS refused the import (the summary line's "unavailable"): action -> message.
  std::map<std::string, std::string> unavailable;
};

struct Snapshot {
  std::optional<SummaryFacts> summary;  // absent: an import written before issue 15
  std::vector<UserFacts> users;
  std::vector<GroupFacts> groups;
  std::vector<RoleFacts> roles;
  std::vector<PolicyFacts> policies;
  std::vector<CertificateFacts> certificates;
};

// Reads a snapshot line by line. AddLine refuses a malformed line with kInvalidInput and a
// message "line N: why" (N counts from 1, blank lines included); unknown object classes and
// assignments are skipped (the objects carry the same facts).
class SnapshotReader {
 public:
  Status AddLine(std::string_view line);
  std::int64_t lines() const { return line_number_; }
  Snapshot Take() { return std::move(snapshot_); }

 private:
  std::int64_t line_number_ = 0;
  Snapshot snapshot_;
};

enum class CheckStatus { kPass, kFail, kUnknown };
std::string_view CheckStatusName(CheckStatus status);  // "PASS", "FAIL", "UNKNOWN"

struct ResourceFinding {
  std::string arn;
  std::string evidence;
};

struct CheckResult {
  std::string check;  // stable id, e.g. "root-access-keys"
  std::string cis;    // CIS v3.0.0 recommendation number, "" for the review's own checks
  std::string title;
  CheckStatus status = CheckStatus::kUnknown;
  std::string reason;  // why UNKNOWN, or a note on the decision
  std::vector<ResourceFinding> resources;
};

struct ReviewOptions {
  EpochSeconds now = 0;
  int unused_role_days = kDefaultUnusedRoleDays;
};

struct ReviewReport {
  EpochSeconds generated_at = 0;
  std::vector<CheckResult> checks;  // always every check, in a fixed order
  int pass = 0;
  int fail = 0;
  int unknown = 0;
};

// "Now" when the caller gives none: the credential report's time, else `fallback`.
EpochSeconds DefaultNow(const Snapshot& snapshot, EpochSeconds fallback);

ReviewReport Review(const Snapshot& snapshot, const ReviewOptions& options);

// {"generatedAt", "summary": {"PASS","FAIL","UNKNOWN"}, "checks": [{check, cis, title, status,
// reason?, resources: [{arn, evidence}]}]}, pretty-printed with two spaces.
std::string ReportJson(const ReviewReport& report);

// One self-contained HTML page (inline CSS and SVG, no script, nothing fetched): the summary,
// each check with its resources, and the picture of who can assume which role (at most
// kMaxGraphEdges edges drawn; the page says how many were left out). Every text from the
// snapshot is HTML-escaped.
inline constexpr std::size_t kMaxGraphEdges = 400;
std::string ReportHtml(const ReviewReport& report, const Snapshot& snapshot);

// & < > " ' as entities.
std::string HtmlEscape(std::string_view text);

}  // namespace aic::review
