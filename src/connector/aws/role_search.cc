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
#include "common/text_codec.h"
#include "connector/aws/aws_internal.h"

namespace aic::aws_internal {

using connector::FilterPlan;
using connector::OperationOptions;
using connector::QueryFilter;
using connector::ResultsHandler;
using connector::SearchResult;

namespace {

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

Task<Result<ListingPage>> ListRolesForJoin(Ctx& ctx, std::string marker) {
  const PageRequest request{marker, kFullReadPageSize};
  auto roles = co_await ctx.iam.ListRoles("", request);
  if (!roles.ok()) co_return roles.status().WithContext("ListRoles");
  ListingPage page;
  for (const auto& r : roles->items) {
    json fields = json::object();
    if (!r.description.empty()) fields["Description"] = r.description;
    if (r.max_session_duration > 0) fields["MaxSessionDuration"] = r.max_session_duration;
    page.fields[text::AsciiLower(r.role_name)] = std::move(fields);
  }
  page.next_marker = roles->is_truncated ? roles->marker : std::string();
  co_return page;
}

std::vector<json> RoleItems(const AccountAuthorizationDetails& details) {
  std::vector<json> items;
  items.reserve(details.roles.size());
  for (const auto& r : details.roles) items.push_back(RoleDetailToJson(r));
  return items;
}

// One GAAD(Filter=Role) page; with `join_listing`, Description and MaxSessionDuration from
// ListRoles pages read as far as this page needs.
Task<Result<RawPage>> FetchRolesFullPage(Ctx& ctx, const std::string& marker, bool join_listing,
                                         ListingJoinState& state) {
  const GaadItems to_items = RoleItems;
  const FetchListing listing = [&ctx](const std::string& m) { return ListRolesForJoin(ctx, m); };
  co_return co_await FetchJoinedGaadPage(ctx, marker, "Role", to_items,
                                         join_listing ? &listing : nullptr, state);
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
    auto state = std::make_shared<ListingJoinState>();
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
