// The paged search engine (SPEC 4.6) and the listing sources of each object class.
//
// A cookie records the IAM marker of the listing page where the next result lies and how many
// raw items of that page were already consumed, so a client resumes exactly. With sort keys
// every match is collected and sorted, and the cookie holds the offset in the sorted results.
//
// The full read of users joins GetAccountAuthorizationDetails(Filter=User) pages to ListUsers
// pages (PasswordLastUsed is only in ListUsers); its marker is the JSON array
// [GAAD marker, ListUsers marker] ("$end" once ListUsers is exhausted).
#include <algorithm>

#include "aws_iam_connector/connector/filter_planner.h"
#include "aws_iam_connector/connector/paged_results_cookie.h"
#include "common/text_codec.h"
#include "connector/aws/aws_internal.h"

namespace aic::aws_internal {

using connector::FilterPlan;
using connector::OperationOptions;
using connector::PagedResultsCookie;
using connector::PagedResultsCookieCodec;
using connector::QueryFilter;
using connector::ResultsHandler;
using connector::SearchResult;

namespace {

bool Keep(const PagedSearch& search, const json& object) {
  return !search.residual || connector::Matches(*search.residual, object, search.match);
}

Task<Result<SearchResult>> RunSorted(const PagedSearch& search, const OperationOptions& options,
                                     std::int64_t start, const ResultsHandler& handler) {
  std::vector<json> all;
  std::string marker;
  for (;;) {
    auto page = co_await search.fetch(marker);
    if (!page.ok()) co_return page.status();
    if (search.enrich) AIC_CO_RETURN_IF_ERROR(co_await search.enrich(page->items));
    for (auto& o : page->items) {
      if (Keep(search, o)) all.push_back(std::move(o));
    }
    if (!page->more) break;
    marker = page->next_marker;
  }
  connector::SortObjects(all, options.sort_keys, search.info);
  SearchResult result;
  // Overflow-safe: `start` is 0..kMaxCookieOffset (Decode) and is clamped to the results (some
  // may have gone since the previous page); every bound below is a difference, never a sum
  // that could pass SIZE_MAX.
  const std::size_t total = all.size();
  const std::size_t begin =
      std::min(static_cast<std::size_t>(std::max<std::int64_t>(start, 0)), total);
  std::size_t end = total;
  if (options.page_size > 0 && total - begin > static_cast<std::size_t>(options.page_size)) {
    end = begin + static_cast<std::size_t>(options.page_size);
    if (end > static_cast<std::size_t>(connector::kMaxCookieOffset)) {
      co_return Status(ErrorCode::kInvalidInput, "sorted search: more than " +
                                                     std::to_string(connector::kMaxCookieOffset) +
                                                     " results to page through; narrow the filter");
    }
    result.paged_results_cookie = search.cookies->Encode(
        PagedResultsCookie{"", static_cast<std::int64_t>(end), search.fingerprint});
  }
  for (std::size_t i = begin; i < end; ++i) {
    if (!handler(std::move(all[i]))) break;
  }
  co_return result;
}

}  // namespace

Task<Result<SearchResult>> RunPagedSearch(const PagedSearch& search,
                                          const OperationOptions& options,
                                          const ResultsHandler& handler) {
  PagedResultsCookie position{"", 0, search.fingerprint};
  if (options.paged_results_cookie && !options.paged_results_cookie->empty()) {
    auto decoded = search.cookies->Decode(*options.paged_results_cookie, search.fingerprint);
    if (!decoded.ok()) co_return decoded.status();
    position = *decoded;
  }
  if (!options.sort_keys.empty())
    co_return co_await RunSorted(search, options, position.offset, handler);

  std::int64_t remaining = options.page_size > 0 ? options.page_size : -1;
  std::string marker = position.marker;
  std::size_t offset = static_cast<std::size_t>(position.offset);
  for (;;) {
    auto page = co_await search.fetch(marker);
    if (!page.ok()) co_return page.status();
    auto& items = page->items;
    if (offset > items.size()) offset = items.size();
    std::vector<json> candidates(std::make_move_iterator(items.begin() + offset),
                                 std::make_move_iterator(items.end()));
    if (search.enrich && search.enrich_before_filter) {
      AIC_CO_RETURN_IF_ERROR(co_await search.enrich(candidates));
    }
    std::vector<json> selected;
    std::size_t consumed = 0;  // candidates looked at
    for (auto& o : candidates) {
      if (remaining == 0) break;
      ++consumed;
      if (!Keep(search, o)) continue;
      selected.push_back(std::move(o));
      if (remaining > 0) --remaining;
    }
    if (search.enrich && !search.enrich_before_filter) {
      AIC_CO_RETURN_IF_ERROR(co_await search.enrich(selected));
    }
    for (auto& o : selected) {
      if (!handler(std::move(o))) co_return SearchResult{};
    }
    const std::size_t next_offset = offset + consumed;
    if (remaining == 0) {
      SearchResult result;
      if (next_offset < items.size()) {
        result.paged_results_cookie = search.cookies->Encode(
            PagedResultsCookie{marker, static_cast<std::int64_t>(next_offset), search.fingerprint});
      } else if (page->more) {
        result.paged_results_cookie =
            search.cookies->Encode(PagedResultsCookie{page->next_marker, 0, search.fingerprint});
      }
      co_return result;
    }
    if (!page->more) co_return SearchResult{};
    marker = page->next_marker;
    offset = 0;
  }
}

// ---- Users -----------------------------------------------------------------------------------

namespace {

Task<Result<ListingPage>> ListUsersForJoin(Ctx& ctx, std::string marker) {
  const PageRequest request{marker, kFullReadPageSize};
  auto users = co_await ctx.iam.ListUsers("", request);
  if (!users.ok()) co_return users.status().WithContext("ListUsers");
  ListingPage page;
  for (const auto& u : users->items) {
    json fields = json::object();
    if (!u.password_last_used.empty()) fields["PasswordLastUsed"] = u.password_last_used;
    page.fields[text::AsciiLower(u.user_name)] = std::move(fields);
  }
  page.next_marker = users->is_truncated ? users->marker : std::string();
  co_return page;
}

std::vector<json> UserItems(const AccountAuthorizationDetails& details) {
  std::vector<json> items;
  items.reserve(details.users.size());
  for (const auto& u : details.users) items.push_back(UserDetailToJson(u));
  return items;
}

}  // namespace

Task<Result<RawPage>> FetchUsersFullPage(Ctx& ctx, const std::string& marker,
                                         bool password_last_used, ListingJoinState& state) {
  const GaadItems to_items = UserItems;
  const FetchListing listing = [&ctx](const std::string& m) { return ListUsersForJoin(ctx, m); };
  co_return co_await FetchJoinedGaadPage(ctx, marker, "User", to_items,
                                         password_last_used ? &listing : nullptr, state);
}

namespace {

Task<Result<RawPage>> SingleObjectPage(ReadOne read) {
  RawPage page;
  auto o = co_await read();
  if (o.ok()) {
    page.items.push_back(std::move(*o));
  } else if (o.status().code() != ErrorCode::kUnknownUid) {
    co_return o.status();
  }
  co_return page;
}

}  // namespace

FetchPage SingleObject(ReadOne read) {
  return [read](const std::string&) { return SingleObjectPage(read); };
}

namespace {

// `names_only`: the search needs no attribute but the name (query-all-ids), so each user is
// mapped to its _id and __NAME__ only.
Task<Result<RawPage>> ListUsersPage(Ctx& ctx, std::string prefix, PageRequest request,
                                    bool names_only) {
  auto users = co_await ctx.iam.ListUsers(prefix, request);
  if (!users.ok()) co_return users.status().WithContext("ListUsers");
  RawPage page;
  page.items.reserve(users->items.size());
  for (const auto& u : users->items) {
    page.items.push_back(names_only ? UserNameToJson(u) : UserToJson(u));
  }
  page.more = users->is_truncated;
  page.next_marker = users->marker;
  co_return page;
}

Task<Result<RawPage>> GroupDetailsPage(Ctx& ctx, PageRequest request) {
  const std::vector<std::string> filter{"Group"};
  auto d = co_await ctx.iam.GetAccountAuthorizationDetails(filter, request);
  if (!d.ok()) co_return d.status().WithContext("GetAccountAuthorizationDetails");
  RawPage page;
  for (const auto& g : d->groups) page.items.push_back(GroupDetailToJson(g));
  page.more = d->is_truncated;
  page.next_marker = d->marker;
  co_return page;
}

Task<Result<RawPage>> ListGroupsPage(Ctx& ctx, std::string prefix, PageRequest request) {
  auto groups = co_await ctx.iam.ListGroups(prefix, request);
  if (!groups.ok()) co_return groups.status().WithContext("ListGroups");
  RawPage page;
  for (const auto& g : groups->items) page.items.push_back(GroupToJson(g));
  page.more = groups->is_truncated;
  page.next_marker = groups->marker;
  co_return page;
}

Task<Result<RawPage>> ListPoliciesPage(Ctx& ctx, ListPoliciesFilter filter, PageRequest request) {
  auto policies = co_await ctx.iam.ListPolicies(filter, request);
  if (!policies.ok()) co_return policies.status().WithContext("ListPolicies");
  RawPage page;
  for (const auto& p : policies->items) page.items.push_back(PolicyToJson(p));
  page.more = policies->is_truncated;
  page.next_marker = policies->marker;
  co_return page;
}

}  // namespace

PagedSearch BaseSearch(Ctx& ctx, connector::ObjectClass oc, const QueryFilter& filter,
                       const OperationOptions& options, const FilterPlan& plan) {
  PagedSearch search;
  search.cookies = &ctx.cookies;
  search.info = connector::Schema::Aws().Find(oc);
  search.match = connector::MatchOptionsFor(*search.info);
  search.residual = plan.residual;
  search.fingerprint = connector::QueryFingerprint(oc, filter.ToString(), options);
  return search;
}

namespace {

bool EmptyResult(const FilterPlan& plan) { return plan.match_none; }

// GroupName (lower-case) -> GroupId, from one ListGroups listing (MaxItems 1000) read when a
// page first needs it and kept for the rest of the search; read again once if a user is in a
// group the listing did not have (made meanwhile).
struct GroupIdsByName {
  bool loaded = false;
  bool reloaded = false;
  std::map<std::string, std::string> ids;
};

Task<Status> LoadGroupIds(Ctx& ctx, GroupIdsByName& cache) {
  auto groups = co_await All([&](const PageRequest& p) { return ctx.iam.ListGroups("", p); });
  if (!groups.ok()) co_return groups.status().WithContext("ListGroups");
  cache.ids.clear();
  for (const auto& g : *groups) cache.ids[text::AsciiLower(g.group_name)] = g.group_id;
  cache.loaded = true;
  co_return Status::Ok();
}

// Sets groupIds from groups (GAAD's group names) on each object; false when a name is not in
// the cache.
bool SetGroupIds(std::vector<json>& objects, const GroupIdsByName& cache) {
  bool complete = true;
  for (auto& o : objects) {
    json ids = json::array();
    for (const auto& name : StringList(o.value("groups", json::array()))) {
      auto it = cache.ids.find(text::AsciiLower(name));
      if (it == cache.ids.end()) {
        complete = false;
      } else {
        ids.push_back(it->second);
      }
    }
    o["groupIds"] = std::move(ids);
  }
  return complete;
}

Task<Status> AddGroupIds(Ctx& ctx, std::vector<json>& objects, GroupIdsByName& cache) {
  if (objects.empty()) co_return Status::Ok();
  if (!cache.loaded) AIC_CO_RETURN_IF_ERROR(co_await LoadGroupIds(ctx, cache));
  if (SetGroupIds(objects, cache) || cache.reloaded) co_return Status::Ok();
  cache.reloaded = true;  // a group gone meanwhile stays missing: at most one more listing
  AIC_CO_RETURN_IF_ERROR(co_await LoadGroupIds(ctx, cache));
  SetGroupIds(objects, cache);
  co_return Status::Ok();
}

// The credential report of one search request: taken from the connector's cache when a page
// first needs it, then used for every page.
struct SearchUsage {
  std::shared_ptr<const ParsedCredentialReport> report;
};

// The enrichment of a page of users: groupIds (when `group_ids` is given), the per-user
// attributes, then the usage attributes (when `usage` is given; after accessKeys, which they
// join).
Task<Status> EnrichAccountPage(Ctx& ctx, std::vector<json>& objects, const AttrSet& needed,
                               GroupIdsByName* group_ids, SearchUsage* usage) {
  if (group_ids != nullptr) AIC_CO_RETURN_IF_ERROR(co_await AddGroupIds(ctx, objects, *group_ids));
  AIC_CO_RETURN_IF_ERROR(co_await EnrichAccounts(ctx, objects, needed));
  if (usage == nullptr || objects.empty()) co_return Status::Ok();
  if (!usage->report) {
    auto report = co_await UsageReport(ctx);
    if (!report.ok()) co_return report.status();
    usage->report = std::move(report).value();
  }
  for (auto& o : objects) SetAccountUsage(o, *usage->report);
  co_return Status::Ok();
}

}  // namespace

Task<Result<SearchResult>> SearchAccounts(Ctx& ctx, const QueryFilter& filter,
                                          const OperationOptions& options,
                                          const ResultsHandler& handler) {
  FilterPlan plan = connector::PlanFilter(filter);
  if (EmptyResult(plan)) co_return SearchResult{};
  PagedSearch search = BaseSearch(ctx, connector::ObjectClass::kAccount, filter, options, plan);
  AttrSet needed = NeededAttributes(options.attributes_to_get, plan.residual, options.sort_keys);
  AttrSet filter_needs = NeededAttributes({}, plan.residual, options.sort_keys);
  search.enrich_before_filter = NeedsPerUser(filter_needs) || filter_needs.count("groupIds") != 0 ||
                                NeedsCredentialReport(filter_needs);
  // groupIds of listed users: GAAD has group names only; one ListGroups listing per search
  // joins them (a lookup reads them with ListGroupsForUser instead).
  std::shared_ptr<GroupIdsByName> group_ids;
  if (needed.count("groupIds") != 0 && plan.lookup == FilterPlan::Lookup::kNone) {
    group_ids = std::make_shared<GroupIdsByName>();
  }
  // Usage attributes: one credential report per search request (from the connector's cache).
  std::shared_ptr<SearchUsage> usage;
  if (NeedsCredentialReport(needed)) usage = std::make_shared<SearchUsage>();
  if (NeedsPerUser(needed) || group_ids || usage) {
    search.enrich = [&ctx, needed, group_ids, usage](std::vector<json>& objects) {
      return EnrichAccountPage(ctx, objects, needed, group_ids.get(), usage.get());
    };
  }
  if (plan.lookup != FilterPlan::Lookup::kNone) {
    AttrSet direct = needed;
    for (const char* a :
         {"PasswordResetRequired", "accessKeys", "mfaDevices", "mfaActive", "passwordEnabled",
          "passwordLastChanged", "passwordNextRotation", "lastActivity", "accessKeyUsage"}) {
      direct.erase(a);
    }
    std::string name = plan.lookup_value;
    search.fetch = SingleObject([&ctx, name, direct] { return ReadAccount(ctx, name, direct); });
  } else if (NeedsGaad(needed)) {
    auto state = std::make_shared<ListingJoinState>();
    bool last_used = needed.count("PasswordLastUsed") != 0;
    search.fetch = [&ctx, state, last_used](const std::string& marker) {
      return FetchUsersFullPage(ctx, marker, last_used, *state);
    };
  } else {
    std::string prefix = plan.path_prefix.value_or("");
    int page_size = ctx.config.page_size;
    // Only _id asked for (query-all-ids): NeededAttributes drops _id, and an empty
    // attributes_to_get means the default attributes.
    const bool names_only = !options.attributes_to_get.empty() && needed.empty();
    search.fetch = [&ctx, prefix, page_size, names_only](const std::string& marker) {
      return ListUsersPage(ctx, prefix, PageRequest{marker, page_size}, names_only);
    };
  }
  co_return co_await RunPagedSearch(search, options, handler);
}

Task<Result<SearchResult>> SearchGroups(Ctx& ctx, const QueryFilter& filter,
                                        const OperationOptions& options,
                                        const ResultsHandler& handler) {
  FilterPlan plan = connector::PlanFilter(filter);
  if (EmptyResult(plan)) co_return SearchResult{};
  PagedSearch search = BaseSearch(ctx, connector::ObjectClass::kGroup, filter, options, plan);
  AttrSet needed = NeededAttributes(options.attributes_to_get, plan.residual, options.sort_keys);
  search.enrich_before_filter =
      NeedsMembers(NeededAttributes({}, plan.residual, options.sort_keys));
  search.enrich = [&ctx, needed](std::vector<json>& objects) {
    return EnrichGroups(ctx, objects, needed);
  };
  if (plan.lookup != FilterPlan::Lookup::kNone) {
    std::string name = plan.lookup_value;
    search.fetch = SingleObject([&ctx, name, needed] { return ReadGroup(ctx, name, needed); });
    search.enrich = nullptr;
  } else if (needed.count("policies") != 0 || needed.count("inlinePolicies") != 0) {
    search.fetch = [&ctx](const std::string& marker) {
      return GroupDetailsPage(ctx, PageRequest{marker, kFullReadPageSize});
    };
  } else {
    std::string prefix = plan.path_prefix.value_or("");
    int page_size = ctx.config.page_size;
    search.fetch = [&ctx, prefix, page_size](const std::string& marker) {
      return ListGroupsPage(ctx, prefix, PageRequest{marker, page_size});
    };
  }
  co_return co_await RunPagedSearch(search, options, handler);
}

Task<Result<SearchResult>> SearchPolicies(Ctx& ctx, const QueryFilter& filter,
                                          const OperationOptions& options,
                                          const ResultsHandler& handler) {
  FilterPlan plan = connector::PlanFilter(filter);
  if (EmptyResult(plan)) co_return SearchResult{};
  PagedSearch search = BaseSearch(ctx, connector::ObjectClass::kPolicy, filter, options, plan);
  AttrSet needed = NeededAttributes(options.attributes_to_get, plan.residual, options.sort_keys);
  search.enrich_before_filter =
      NeededAttributes({}, plan.residual, options.sort_keys).count("document") != 0;
  search.enrich = [&ctx, needed](std::vector<json>& objects) {
    return EnrichPolicies(ctx, objects, needed);
  };
  if (plan.lookup == FilterPlan::Lookup::kByUid) {
    std::string arn = plan.lookup_value;
    search.fetch = SingleObject([&ctx, arn, needed] { return ReadPolicy(ctx, arn, needed); });
    search.enrich = nullptr;
  } else {
    if (plan.lookup == FilterPlan::Lookup::kByName) {
      // No IAM call finds a policy by name: list and keep the name term in the residual.
      QueryFilter term =
          QueryFilter::Compare(QueryFilter::Kind::kEq, {"__NAME__"}, json(plan.lookup_value));
      search.residual = plan.residual ? QueryFilter::And({term, *plan.residual}) : term;
    }
    ListPoliciesFilter lf;
    lf.path_prefix = plan.path_prefix.value_or("");
    int page_size = ctx.config.page_size;
    search.fetch = [&ctx, lf, page_size](const std::string& marker) {
      return ListPoliciesPage(ctx, lf, PageRequest{marker, page_size});
    };
  }
  co_return co_await RunPagedSearch(search, options, handler);
}

}  // namespace aic::aws_internal
