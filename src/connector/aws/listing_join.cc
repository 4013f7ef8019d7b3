// A GetAccountAuthorizationDetails page joined to a second listing (declared in aws_internal.h):
// the full reads of users (ListUsers: PasswordLastUsed) and roles (ListRoles: Description,
// MaxSessionDuration) add what GAAD's shapes lack.
//
// The marker of a joined page is the JSON array [GAAD marker, listing marker]; the listing
// marker is "$end" once the listing is exhausted.
#include "aws_iam_connector/json_text.h"
#include "common/text_codec.h"
#include "connector/aws/aws_internal.h"

namespace aic::aws_internal {
namespace {

constexpr std::string_view kListEnd = "$end";

Status BadMarker() {
  return Status(ErrorCode::kInvalidInput, "bad _pagedResultsCookie: bad marker");
}

std::string NameKey(const json& object) {
  return text::AsciiLower(object["__NAME__"].get<std::string>());
}

bool AnyMissing(const std::vector<json>& items, const ListingJoinState& state) {
  for (const auto& o : items) {
    if (state.read_ahead.count(NameKey(o)) == 0) return true;
  }
  return false;
}

}  // namespace

Task<Result<RawPage>> FetchJoinedGaadPage(Ctx& ctx, const std::string& marker,
                                          std::string_view filter, const GaadItems& to_items,
                                          const FetchListing* listing, ListingJoinState& state) {
  std::string gaad_marker, list_marker;
  if (!marker.empty()) {
    auto parsed = ParseJson(marker);
    if (!parsed.ok()) co_return BadMarker();
    const json& m = *parsed;
    if (!m.is_array() || m.size() != 2 || !m[0].is_string() || !m[1].is_string()) {
      co_return BadMarker();
    }
    gaad_marker = m[0].get<std::string>();
    list_marker = m[1].get<std::string>();
  }
  const bool resumed_listing = !list_marker.empty();
  const std::vector<std::string> filters{std::string(filter)};
  const PageRequest first{gaad_marker, kFullReadPageSize};
  auto details = co_await ctx.iam.GetAccountAuthorizationDetails(filters, first);
  if (!details.ok()) co_return details.status().WithContext("GetAccountAuthorizationDetails");
  RawPage page;
  page.items = to_items(*details);
  if (listing != nullptr) {
    while (AnyMissing(page.items, state)) {
      if (list_marker == kListEnd) {
        // The listing ended without meeting every entity: after a resume its earlier pages
        // were skipped, so read it again from the start once; otherwise the entity was made
        // meanwhile and simply lacks the listing's fields.
        if (!resumed_listing || state.restarted) break;
        state.restarted = true;
        list_marker.clear();
      }
      auto listed = co_await (*listing)(list_marker);
      if (!listed.ok()) co_return listed.status();
      for (auto& [name, fields] : listed->fields) state.read_ahead[name] = std::move(fields);
      list_marker = listed->next_marker.empty() ? std::string(kListEnd) : listed->next_marker;
    }
    for (auto& o : page.items) {
      auto it = state.read_ahead.find(NameKey(o));
      if (it == state.read_ahead.end()) continue;
      for (auto& [k, v] : it->second.items()) o[k] = v;
      state.read_ahead.erase(it);
    }
  }
  page.more = details->is_truncated;
  page.next_marker = json::array({details->marker, list_marker}).dump();
  co_return page;
}

}  // namespace aic::aws_internal
