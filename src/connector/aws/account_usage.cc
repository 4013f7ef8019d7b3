// Usage attributes of __ACCOUNT__ from the credential report (aws_internal.h, docs/usage.md).
#include <algorithm>
#include <array>
#include <numeric>

#include "common/text_codec.h"
#include "connector/aws/aws_internal.h"

namespace aic::aws_internal {
namespace {

// The __ACCOUNT__ attributes read from the credential report (schema: read-only, not returned
// by default).
constexpr std::array<std::string_view, 6> kUsageAttributes = {
    "mfaActive",    "passwordEnabled", "passwordLastChanged", "passwordNextRotation",
    "lastActivity", "accessKeyUsage"};

json TextOrNull(const std::string& v) { return v.empty() ? json(nullptr) : json(v); }

void SetKeyUsage(json& key, const AccessKeyUsage* slot) {
  key["LastUsedDate"] = slot ? TextOrNull(slot->last_used_date) : json(nullptr);
  key["LastUsedService"] = slot ? TextOrNull(slot->last_used_service) : json(nullptr);
  key["LastUsedRegion"] = slot ? TextOrNull(slot->last_used_region) : json(nullptr);
  key["LastRotated"] = slot ? TextOrNull(slot->last_rotated) : json(nullptr);
}

std::string CreateDate(const json& key) {
  return key.is_object() && key.contains("CreateDate") && key["CreateDate"].is_string()
             ? text::NormalizeIso8601(key["CreateDate"].get<std::string>())
             : std::string();
}

// Joins each ListAccessKeys entry of `keys` to its slot of `row` (see SetAccountUsage).
void JoinAccessKeys(json& keys, const CredentialReportRow* row, const std::string& generated) {
  const std::size_t n = keys.size();
  std::vector<std::string> created(n);
  for (std::size_t i = 0; i < n; ++i) created[i] = CreateDate(keys[i]);
  std::vector<const AccessKeyUsage*> slot_of(n, nullptr);
  std::vector<bool> slot_taken(3, false);  // by slot number 1, 2
  if (row != nullptr) {
    // By date: the slot whose last_rotated is the key's CreateDate, when exactly one is.
    for (std::size_t i = 0; i < n; ++i) {
      const AccessKeyUsage* match = nullptr;
      int matches = 0;
      for (const auto& s : row->access_keys) {
        if (!created[i].empty() && s.last_rotated == created[i]) {
          match = &s;
          ++matches;
        }
      }
      if (matches == 1 && !slot_taken[match->slot]) {
        slot_of[i] = match;
        slot_taken[match->slot] = true;
      }
    }
    // Else by rank in CreateDate order, for keys the report can hold (made before it was
    // generated) and slots no key took by date.
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return created[a] < created[b]; });
    for (std::size_t rank = 0; rank < n; ++rank) {
      const std::size_t i = order[rank];
      if (slot_of[i] != nullptr) continue;
      if (!generated.empty() && created[i] > generated) continue;
      for (const auto& s : row->access_keys) {
        if (s.slot == static_cast<int>(rank) + 1 && !slot_taken[s.slot]) {
          slot_of[i] = &s;
          slot_taken[s.slot] = true;
        }
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (keys[i].is_object()) SetKeyUsage(keys[i], slot_of[i]);
  }
}

}  // namespace

bool NeedsCredentialReport(const AttrSet& needed) {
  for (std::string_view a : kUsageAttributes) {
    if (needed.count(a) != 0) return true;
  }
  return false;
}

Task<Result<std::shared_ptr<const ParsedCredentialReport>>> UsageReport(Ctx& ctx) {
  co_return co_await ctx.credential_report.Get(ctx.iam);
}

void SetAccountUsage(json& object, const ParsedCredentialReport& report) {
  std::string name;
  if (auto it = object.find("__NAME__"); it != object.end() && it->is_string()) {
    name = it->get<std::string>();
  } else if (auto id = object.find("_id"); id != object.end() && id->is_string()) {
    name = id->get<std::string>();
  }
  const CredentialReportRow* row = report.Find(name);
  json usage = CredentialUsageJson(row);
  for (std::string_view a : kUsageAttributes) {
    const std::string key(a);
    object[key] = std::move(usage[key]);
  }
  if (auto keys = object.find("accessKeys"); keys != object.end() && keys->is_array()) {
    JoinAccessKeys(*keys, row, report.generated_time);
  }
}

}  // namespace aic::aws_internal
