// The credential report's CSV parser and the JSON of a user's usage (credential_report.h).
#include "connector/aws/credential_report.h"

#include <algorithm>
#include <array>

#include "common/text_codec.h"

namespace aic::aws_internal {
namespace {

using json = nlohmann::json;

// One CSV record: its fields and the line it starts on.
struct Record {
  std::vector<std::string> fields;
  std::size_t line = 0;
};

Status CsvError(std::size_t line, std::string message) {
  return Status(ErrorCode::kInvalidInput,
                "credential report line " + std::to_string(line) + ": " + std::move(message));
}

// Splits `csv` into records (RFC 4180: quoted fields may hold commas, quotes as "" and line
// breaks) and hands each to `on_record` as it ends, so no more than one record is held at a
// time (a report of 20,000 users split whole took 20 MB). Blank lines are skipped. Stops at the
// first error of the CSV or of `on_record`.
template <class OnRecord>
Status SplitRecords(std::string_view csv, OnRecord on_record) {
  std::size_t records = 0;
  Record current;
  std::string field;
  bool in_quotes = false;
  bool quoted = false;  // the current field was quoted
  bool any = false;     // the current record has content
  std::size_t line = 1;
  current.line = 1;
  auto end_field = [&] {
    current.fields.push_back(std::move(field));
    field.clear();
    quoted = false;
  };
  auto end_record = [&]() -> Status {
    if (any) {
      end_field();
      if (records > kMaxCredentialReportRows) {
        return CsvError(current.line,
                        "more than " + std::to_string(kMaxCredentialReportRows) + " rows");
      }
      ++records;
      AIC_RETURN_IF_ERROR(on_record(std::move(current)));
    }
    current = Record{};
    field.clear();
    quoted = false;
    any = false;
    return Status::Ok();
  };
  for (std::size_t i = 0; i < csv.size(); ++i) {
    const char c = csv[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < csv.size() && csv[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n') continue;
    if (c == '\n') {
      AIC_RETURN_IF_ERROR(end_record());
      ++line;
      current.line = line;
      continue;
    }
    if (!any) current.line = line;
    any = true;
    if (c == ',') {
      end_field();
    } else if (c == '"' && field.empty() && !quoted) {
      in_quotes = true;
      quoted = true;
    } else if (c == '"' || quoted) {
      return CsvError(line, quoted ? "text after a closing quote" : "a quote inside a field");
    } else {
      field += c;
    }
  }
  if (in_quotes) return CsvError(current.line, "unterminated quoted field");
  return end_record();
}

bool IsAbsent(std::string_view v) {
  v = text::TrimAsciiSpace(v);
  return v.empty() || text::EqualsIgnoreCase(v, "N/A") ||
         text::EqualsIgnoreCase(v, "no_information") || text::EqualsIgnoreCase(v, "not_supported");
}

// The columns of a header, by name.
class Columns {
 public:
  explicit Columns(const std::vector<std::string>& header) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      index_.emplace(text::AsciiLower(text::TrimAsciiSpace(header[i])), i);
    }
  }
  std::optional<std::size_t> Find(std::string_view name) const {
    auto it = index_.find(std::string(name));
    if (it == index_.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::map<std::string, std::size_t> index_;
};

// Reads the cells of one record.
class RowReader {
 public:
  RowReader(const Columns& columns, const Record& record) : columns_(columns), record_(record) {}

  // The cell, trimmed; empty when absent or the column is missing.
  std::string Text(std::string_view column) const {
    auto i = columns_.Find(column);
    if (!i) return "";
    std::string_view v = record_.fields[*i];
    if (IsAbsent(v)) return "";
    return std::string(text::TrimAsciiSpace(v));
  }
  Result<std::optional<bool>> Bool(std::string_view column) const {
    std::string v = Text(column);
    if (v.empty()) return std::optional<bool>();
    if (text::EqualsIgnoreCase(v, "true")) return std::optional<bool>(true);
    if (text::EqualsIgnoreCase(v, "false")) return std::optional<bool>(false);
    return Bad(column, "not a boolean", v);
  }
  Result<std::string> Date(std::string_view column) const {
    std::string v = Text(column);
    if (v.empty()) return v;
    std::optional<text::TimePoint> t = text::ParseIso8601(v);
    if (!t) return Bad(column, "not a date", v);
    return text::FormatIso8601(*t);
  }

 private:
  Status Bad(std::string_view column, std::string_view what, std::string_view value) const {
    // Report cells hold names, dates, regions and service names: no secret.
    constexpr std::size_t kShown = 40;
    std::string shown(value.substr(0, kShown));
    return CsvError(record_.line, std::string(column) + ": " + std::string(what) + ": \"" + shown +
                                      (value.size() > kShown ? "...\"" : "\""));
  }
  const Columns& columns_;
  const Record& record_;
};

Result<CredentialReportRow> ReadRow(const RowReader& r) {
  CredentialReportRow row;
  row.user = r.Text("user");
  row.arn = r.Text("arn");
  AIC_ASSIGN_OR_RETURN(row.user_creation_time, r.Date("user_creation_time"));
  AIC_ASSIGN_OR_RETURN(row.password_enabled, r.Bool("password_enabled"));
  AIC_ASSIGN_OR_RETURN(row.password_last_used, r.Date("password_last_used"));
  AIC_ASSIGN_OR_RETURN(row.password_last_changed, r.Date("password_last_changed"));
  AIC_ASSIGN_OR_RETURN(row.password_next_rotation, r.Date("password_next_rotation"));
  std::optional<bool> mfa;
  AIC_ASSIGN_OR_RETURN(mfa, r.Bool("mfa_active"));
  row.mfa_active = mfa.value_or(false);
  for (int slot = 1; slot <= 2; ++slot) {
    const std::string p = "access_key_" + std::to_string(slot) + "_";
    AccessKeyUsage key;
    key.slot = slot;
    std::optional<bool> active;
    AIC_ASSIGN_OR_RETURN(active, r.Bool(p + "active"));
    key.active = active.value_or(false);
    AIC_ASSIGN_OR_RETURN(key.last_rotated, r.Date(p + "last_rotated"));
    AIC_ASSIGN_OR_RETURN(key.last_used_date, r.Date(p + "last_used_date"));
    key.last_used_region = r.Text(p + "last_used_region");
    key.last_used_service = r.Text(p + "last_used_service");
    if (key.active || !key.last_rotated.empty()) row.access_keys.push_back(std::move(key));
  }
  for (int slot = 1; slot <= 2; ++slot) {
    const std::string p = "cert_" + std::to_string(slot) + "_";
    CertificateUsage cert;
    cert.slot = slot;
    std::optional<bool> active;
    AIC_ASSIGN_OR_RETURN(active, r.Bool(p + "active"));
    cert.active = active.value_or(false);
    AIC_ASSIGN_OR_RETURN(cert.last_rotated, r.Date(p + "last_rotated"));
    if (cert.active || !cert.last_rotated.empty()) row.certificates.push_back(std::move(cert));
  }
  return row;
}

json DateOrNull(const std::string& v) { return v.empty() ? json(nullptr) : json(v); }

}  // namespace

std::string CredentialReportRow::LastActivity() const {
  // Normalised dates ("YYYY-MM-DDTHH:MM:SSZ") order as strings.
  std::string latest = password_last_used;
  for (const auto& k : access_keys) latest = std::max(latest, k.last_used_date);
  return latest;
}

const CredentialReportRow* ParsedCredentialReport::Find(std::string_view user_name) const {
  auto it = users.find(text::AsciiLower(user_name));
  return it == users.end() ? nullptr : &it->second;
}

Result<ParsedCredentialReport> ParseCredentialReport(std::string_view csv,
                                                     std::string generated_time) {
  constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
  if (csv.starts_with(kUtf8Bom)) csv.remove_prefix(kUtf8Bom.size());
  ParsedCredentialReport report;
  report.generated_time = text::NormalizeIso8601(generated_time);
  std::optional<Columns> columns;  // set by the first record, the header
  std::size_t header_fields = 0;
  Status split = SplitRecords(csv, [&](Record record) -> Status {
    if (!columns) {
      columns.emplace(record.fields);
      if (!columns->Find("user")) {
        return CsvError(record.line, "no \"user\" column in the header");
      }
      header_fields = record.fields.size();
      return Status::Ok();
    }
    if (record.fields.size() != header_fields) {
      return CsvError(record.line, std::to_string(record.fields.size()) +
                                       " fields, the header has " + std::to_string(header_fields));
    }
    auto row = ReadRow(RowReader(*columns, record));
    if (!row.ok()) return row.status();
    if (row->user.empty()) return CsvError(record.line, "user: empty");
    if (row->user == kCredentialReportRootUser) {
      report.root = std::move(*row);
    } else {
      std::string key = text::AsciiLower(row->user);
      report.users.insert_or_assign(std::move(key), std::move(*row));
    }
    return Status::Ok();
  });
  if (!split.ok()) return split;
  if (!columns) return Status(ErrorCode::kInvalidInput, "credential report is empty");
  return report;
}

json AccessKeyUsageJson(const CredentialReportRow& row) {
  json keys = json::array();
  for (const auto& k : row.access_keys) {
    keys.push_back({{"slot", k.slot},
                    {"active", k.active},
                    {"LastRotated", DateOrNull(k.last_rotated)},
                    {"LastUsedDate", DateOrNull(k.last_used_date)},
                    {"LastUsedRegion", DateOrNull(k.last_used_region)},
                    {"LastUsedService", DateOrNull(k.last_used_service)}});
  }
  return keys;
}

json CredentialUsageJson(const CredentialReportRow* row) {
  json o = json::object();
  if (row == nullptr) {
    for (const char* f :
         {"passwordEnabled", "mfaActive", "passwordLastChanged", "passwordNextRotation",
          "lastActivity", "accessKeyUsage", "PasswordLastUsed"}) {
      o[f] = nullptr;
    }
    return o;
  }
  o["passwordEnabled"] = row->password_enabled ? json(*row->password_enabled) : json(nullptr);
  o["mfaActive"] = row->mfa_active;
  o["passwordLastChanged"] = DateOrNull(row->password_last_changed);
  o["passwordNextRotation"] = DateOrNull(row->password_next_rotation);
  o["lastActivity"] = DateOrNull(row->LastActivity());
  o["accessKeyUsage"] = AccessKeyUsageJson(*row);
  o["PasswordLastUsed"] = DateOrNull(row->password_last_used);
  return o;
}

json RootUsageJson(const CredentialReportRow& root) {
  return {{"passwordEnabled", root.password_enabled ? json(*root.password_enabled) : json(nullptr)},
          {"passwordLastUsed", DateOrNull(root.password_last_used)},
          {"mfaActive", root.mfa_active},
          {"accessKeyUsage", AccessKeyUsageJson(root)}};
}

}  // namespace aic::aws_internal
