// GenerateCredentialReport and GetCredentialReport. The CSV is built when the report is
// generated and stored in AccountSettings (a report shows the state as of its generation, as
// AWS's does; the emulator clock can be moved past its four hours).
#include "emulator/state/credential_report.h"

#include "common/text_codec.h"
#include "emulator/state/report_util.h"

namespace aic::emulator::state {
namespace {

constexpr std::string_view kHeader =
    "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
    "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
    "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
    "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
    "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
    "cert_1_last_rotated,cert_2_active,cert_2_last_rotated";
constexpr std::string_view kNotApplicable = "N/A";
constexpr Time kSecondsPerDay = 86400;

// "2024-01-02T03:04:05+00:00" (the report's format, unlike the API's "Z").
std::string ReportTime(Time t) {
  std::string s = text::FormatIso8601(t);
  if (!s.empty() && s.back() == 'Z') s.replace(s.size() - 1, 1, "+00:00");
  return s;
}

const char* Bool(bool b) { return b ? "true" : "false"; }

void AppendRow(std::string& out, const std::vector<std::string>& cells) {
  out += '\n';
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ',';
    out += cells[i];
  }
}

Result<std::string> GenerateCredentialReport(Ctx& ctx) {
  AccountSettings& a = ctx.st.account;
  const bool none = a.credential_report_generated == 0;
  XmlWriter w = BeginResult(ctx);
  if (!none && ctx.now - a.credential_report_generated < kCredentialReportMaxAgeSeconds) {
    w.Element("State", "COMPLETE");
    return EndResult(ctx, std::move(w));
  }
  a.credential_report = BuildCredentialReport(ctx.st, ctx.account);
  a.credential_report_generated = ctx.now;
  ctx.dirty.account = true;
  // The report is built at once: the next call answers COMPLETE.
  w.Element("State", "STARTED");
  if (none) w.Element("Description", "No report exists. Starting a new report generation task");
  return EndResult(ctx, std::move(w));
}

Result<std::string> GetCredentialReport(Ctx& ctx) {
  const AccountSettings& a = ctx.st.account;
  if (a.credential_report_generated == 0) {
    return AwsError("ReportNotPresent", 410, "Credential report not present");
  }
  if (ctx.now - a.credential_report_generated >= kCredentialReportMaxAgeSeconds) {
    return AwsError("ReportExpired", 410,
                    "Credential report has expired. Call GenerateCredentialReport to create a "
                    "new one.");
  }
  XmlWriter w = BeginResult(ctx);
  w.Element("Content", text::Base64Encode(a.credential_report));
  w.Element("ReportFormat", "text/csv");
  w.Element("GeneratedTime", IsoTime(a.credential_report_generated));
  return EndResult(ctx, std::move(w));
}

}  // namespace

std::string BuildCredentialReport(const IamState& st, const std::string& account) {
  std::string out(kHeader);
  const std::string na(kNotApplicable);
  AppendRow(out, {"<root_account>",
                  "arn:aws:iam::" + account + ":root",
                  ReportTime(0),
                  "not_supported",
                  "no_information",
                  "not_supported",
                  "not_supported",
                  "false",
                  "false",
                  na,
                  na,
                  na,
                  na,
                  "false",
                  na,
                  na,
                  na,
                  na,
                  "false",
                  na,
                  "false",
                  na});
  const int max_age = st.password_policy ? st.password_policy->max_age : 0;
  for (const auto& [key, u] : st.users) {
    std::vector<std::string> row = {u.name, "arn:aws:iam::" + account + ":user" + u.path + u.name,
                                    ReportTime(u.created)};
    if (u.login) {
      const Time changed =
          u.login->password_changed != 0 ? u.login->password_changed : u.login->created;
      row.push_back("true");
      row.push_back(u.password_last_used ? ReportTime(*u.password_last_used) : "no_information");
      row.push_back(ReportTime(changed));
      row.push_back(max_age > 0 ? ReportTime(changed + max_age * kSecondsPerDay) : na);
    } else {
      row.insert(row.end(), {"false", na, na, na});
    }
    row.push_back(Bool(!u.mfa_devices.empty()));
    for (std::size_t i = 0; i < 2; ++i) {
      if (i < u.access_keys.size()) {
        const AccessKey& k = u.access_keys[i];
        row.push_back(Bool(k.status == "Active"));
        row.push_back(ReportTime(k.created));
        if (k.last_used) {
          row.insert(row.end(),
                     {ReportTime(k.last_used->date), k.last_used->region, k.last_used->service});
        } else {
          row.insert(row.end(), {na, na, na});
        }
      } else {
        row.insert(row.end(), {"false", na, na, na, na});
      }
    }
    for (std::size_t i = 0; i < 2; ++i) {
      if (i < u.certificates.size()) {
        row.push_back(Bool(u.certificates[i].status == "Active"));
        row.push_back(ReportTime(u.certificates[i].uploaded));
      } else {
        row.insert(row.end(), {"false", na});
      }
    }
    AppendRow(out, row);
  }
  return out;
}

void RegisterCredentialReportActions(ActionTable& t) {
  t["GenerateCredentialReport"] = {GenerateCredentialReport, true};
  t["GetCredentialReport"] = {GetCredentialReport, false};
}

}  // namespace aic::emulator::state
