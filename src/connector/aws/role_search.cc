// The search of roles (SPEC 11, with the paging and filters of 4.6 through RunPagedSearch).
//
// Sources, cheapest first:
//   - `__NAME__ eq` / `_id eq`: ReadRole (GetRole, plus one listing per asked list attribute);
//   - nothing ListRoles lacks is asked (PermissionsBoundary, Tags, RoleLastUsed, policies,
//     inlinePolicies, instanceProfiles): ListRoles (PathPrefix from `Path sw`, MaxItems
//     pageSize); query-all-ids maps each role to its name only;
//   - otherwise GetAccountAuthorizationDetails(Filter=Role, MaxItems 1000); when Description or
//     MaxSessionDuration are asked too, joined to ListRoles pages (MaxItems 1000) read ahead as
//     far as the GAAD page needs. The marker of a joined page is the JSON array
//     [GAAD marker, ListRoles marker] ("$end" once ListRoles is exhausted).
#include "aws_iam_connector/json_text.h"
#include "common/text_codec.h"
#include "connector/aws/aws_internal.h"

namespace aic::aws_internal {

using connector::FilterPlan;
using connector::OperationOptions;
using connector::QueryFilter;
using connector::ResultsHandler;
using connector::SearchResult;

namespace {

constexpr std::string_view kListEnd = "$end";

// The ListRoles entries read ahead between pages of one joined walk.
struct RolesJoinState {
  std::map<std::string, json> listed;  // lower-case name -> {Description, MaxSessionDuration}
  bool restarted = false;
};

Task<Result<RawPage>> ListRolesPage(Ctx& ctx, std::string prefix, PageRequest request,
                                    bool names_only) {
  auto roles = co_await ctx.iam.ListRoles(prefix, request);
  if (!roles.ok()) co_return roles.status().WithContext("ListRoles");
  RawPage page;
  page.items.reserve(roles->items.size());
  for (const auto& r : roles->items) {
    page.items.push_back(names_only ? RoleNameToJson(r) : RoleToJson(r, /*full=*/false));
  }
  page.more = roles->is_truncated;
  page.next_marker = roles->marker;
  co_return page;
}

Status BadMarker() {
  return Status(ErrorCode::kInvalidInput, "bad _pagedResultsCookie: bad marker");
}

// One GAAD(Filter=Role) page; with `join_listing`, Description and MaxSessionDuration from
// ListRoles pages read as far as this page needs.
Task<Result<RawPage>> FetchRolesFullPage(Ctx& ctx, const std::string& marker, bool join_listing,
                                         RolesJoinState& state) {
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
  const std::vector<std::string> filter{"Role"};
  const PageRequest first{gaad_marker, kFullReadPageSize};
  auto details = co_await ctx.iam.GetAccountAuthorizationDetails(filter, first);
  if (!details.ok()) co_return details.status().WithContext("GetAccountAuthorizationDetails");
  RawPage page;
  page.items.reserve(details->roles.size());
  for (const auto& r : details->roles) page.items.push_back(RoleDetailToJson(r));
  if (join_listing) {
    auto key = [](const json& o) { return text::AsciiLower(o["__NAME__"].get<std::string>()); };
    auto missing = [&] {
      for (const auto& o : page.items) {
        if (state.listed.count(key(o)) == 0) return true;
      }
      return false;
    };
    while (missing()) {
      if (list_marker == kListEnd) {
        // ListRoles ended without meeting every role: after a resume its earlier pages were
        // skipped, so read it again from the start once; otherwise the role was made
        // meanwhile and simply lacks these two attributes.
        if (!resumed_listing || state.restarted) break;
        state.restarted = true;
        list_marker.clear();
      }
      const PageRequest request{list_marker, kFullReadPageSize};
      auto roles = co_await ctx.iam.ListRoles("", request);
      if (!roles.ok()) co_return roles.status().WithContext("ListRoles");
      for (const auto& r : roles->items) {
        json extra = json::object();
        if (!r.description.empty()) extra["Description"] = r.description;
        if (r.max_session_duration > 0) extra["MaxSessionDuration"] = r.max_session_duration;
        state.listed[text::AsciiLower(r.role_name)] = std::move(extra);
      }
      list_marker = roles->is_truncated ? roles->marker : std::string(kListEnd);
    }
    for (auto& o : page.items) {
      auto it = state.listed.find(key(o));
      if (it == state.listed.end()) continue;
      for (auto& [k, v] : it->second.items()) o[k] = v;
      state.listed.erase(it);
    }
  }
  page.more = details->is_truncated;
  page.next_marker = json::array({details->marker, list_marker}).dump();
  co_return page;
}

}  // namespace

Task<Result<SearchResult>> SearchRoles(Ctx& ctx, const QueryFilter& filter,
                                       const OperationOptions& options,
                                       const ResultsHandler& handler) {
  FilterPlan plan = connector::PlanFilter(filter);
  if (plan.match_none) co_return SearchResult{};
  PagedSearch search = BaseSearch(ctx, connector::ObjectClass::kRole, filter, options, plan);
  const AttrSet needed =
      NeededAttributes(options.attributes_to_get, plan.residual, options.sort_keys);
  if (plan.lookup != FilterPlan::Lookup::kNone) {
    std::string name = plan.lookup_value;
    search.fetch = SingleObject([&ctx, name, needed] { return ReadRole(ctx, name, needed); });
  } else if (NeedsRoleDetails(needed)) {
    auto state = std::make_shared<RolesJoinState>();
    const bool join = NeedsRoleListing(needed);
    search.fetch = [&ctx, state, join](const std::string& marker) {
      return FetchRolesFullPage(ctx, marker, join, *state);
    };
  } else {
    std::string prefix = plan.path_prefix.value_or("");
    int page_size = ctx.config.page_size;
    // Only _id asked for (query-all-ids): NeededAttributes drops _id, and an empty
    // attributes_to_get means the default attributes.
    const bool names_only = !options.attributes_to_get.empty() && needed.empty();
    search.fetch = [&ctx, prefix, page_size, names_only](const std::string& marker) {
      return ListRolesPage(ctx, prefix, PageRequest{marker, page_size}, names_only);
    };
  }
  co_return co_await RunPagedSearch(search, options, handler);
}

}  // namespace aic::aws_internal
