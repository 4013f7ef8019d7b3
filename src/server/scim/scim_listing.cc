#include "server/scim/scim_listing.h"

#include <algorithm>
#include <charconv>

#include "common/text_codec.h"
#include "scim/scim_resource.h"

namespace aic::scim {
namespace {

using json = nlohmann::json;

ScimResult<int> ParseIndex(std::string_view name, std::string_view text) {
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) {
    return BadRequest(ScimType::kInvalidValue, std::string(name) + " must be an integer, not '" +
                                                   std::string(text.substr(0, 32)) + "'");
  }
  return value;
}

// The parts shared by both request forms, from optional raw texts.
ScimResult<ListRequest> Build(const std::optional<std::string>& filter,
                              const std::optional<int>& start_index,
                              const std::optional<int>& count,
                              const std::optional<std::string>& attributes,
                              const std::optional<std::string>& excluded,
                              const std::optional<std::string>& sort_by,
                              const std::optional<std::string>& sort_order, int max_results) {
  ListRequest r;
  if (filter && !text::TrimAsciiSpace(*filter).empty()) {
    auto parsed = ParseFilter(*filter);
    if (!parsed.ok()) return parsed.error();
    r.filter = std::move(*parsed);
    r.filter_text = *filter;
  }
  r.start_index = std::max(1, start_index.value_or(1));
  r.count = std::clamp(count.value_or(max_results), 0, max_results);
  if (attributes && excluded) {
    return BadRequest(ScimType::kInvalidSyntax,
                      "attributes and excludedAttributes cannot be given together");
  }
  if (attributes) {
    auto list = ParseAttributeList(*attributes);
    if (!list.ok()) return list.error();
    r.attributes = std::move(*list);
  }
  if (excluded) {
    auto list = ParseAttributeList(*excluded);
    if (!list.ok()) return list.error();
    r.excluded = std::move(*list);
  }
  if (sort_by && !sort_by->empty()) {
    auto path = ParseAttrPath(*sort_by);
    if (!path.ok()) return path.error();
    r.sort_by = std::move(*path);
  }
  if (sort_order) {
    if (text::EqualsIgnoreCase(*sort_order, "descending")) {
      r.descending = true;
    } else if (!text::EqualsIgnoreCase(*sort_order, "ascending")) {
      return BadRequest(ScimType::kInvalidValue, "sortOrder must be ascending or descending");
    }
  }
  return r;
}

// The value a resource sorts by (null when it has none).
json SortValue(const json& resource, const ResourceTypeDef& type, const AttrPath& path) {
  auto resolved = Resolve(type, path);
  if (!resolved) return nullptr;
  const json* holder = &resource;
  if (resolved->schema != nullptr && resolved->schema->id != type.schema->id) {
    auto ext = resource.find(resolved->schema->id);
    if (ext == resource.end()) return nullptr;
    holder = &*ext;
  }
  auto it = holder->find(resolved->attr->name);
  if (it == holder->end()) return nullptr;
  json v = *it;
  if (v.is_array()) {
    if (v.empty()) return nullptr;
    json chosen = v.front();
    for (const json& e : v) {
      if (e.is_object() && e.value("primary", false)) chosen = e;
    }
    v = chosen;
  }
  const std::string sub = resolved->sub != nullptr ? resolved->sub->name : "value";
  if (v.is_object()) {
    auto s = v.find(sub);
    return s == v.end() ? json(nullptr) : *s;
  }
  return v;
}

bool CaseExact(const ResourceTypeDef& type, const AttrPath& path) {
  auto resolved = Resolve(type, path);
  if (!resolved) return false;
  return resolved->sub != nullptr ? resolved->sub->case_exact : resolved->attr->case_exact;
}

void Sort(std::vector<const json*>& resources, const ListRequest& request,
          const ResourceTypeDef& type) {
  if (!request.sort_by) return;
  const bool exact = CaseExact(type, *request.sort_by);
  std::vector<std::pair<json, const json*>> keys;
  keys.reserve(resources.size());
  for (const json* r : resources) keys.emplace_back(SortValue(*r, type, *request.sort_by), r);
  auto less = [&](const std::pair<json, const json*>& a, const std::pair<json, const json*>& b) {
    if (a.first.is_null() != b.first.is_null()) return b.first.is_null();  // nulls last
    if (a.first.is_null()) return false;
    int c = 0;
    if (a.first.is_string() && b.first.is_string() && !exact) {
      c = text::CompareIgnoreCase(a.first.get<std::string>(), b.first.get<std::string>());
    } else {
      c = a.first < b.first ? -1 : (b.first < a.first ? 1 : 0);
    }
    return request.descending ? c > 0 : c < 0;
  };
  std::stable_sort(keys.begin(), keys.end(), less);
  for (std::size_t i = 0; i < keys.size(); ++i) resources[i] = keys[i].second;
}

std::optional<std::string> StringMember(const json& body, std::string_view key) {
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (text::EqualsIgnoreCase(it.key(), key) && it->is_string()) return it->get<std::string>();
  }
  return std::nullopt;
}

std::optional<std::string> ListMember(const json& body, std::string_view key) {
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (!text::EqualsIgnoreCase(it.key(), key)) continue;
    if (it->is_string()) return it->get<std::string>();
    if (!it->is_array()) return std::nullopt;
    std::string joined;
    for (const json& e : *it) {
      if (!e.is_string()) continue;
      if (!joined.empty()) joined += ',';
      joined += e.get<std::string>();
    }
    return joined;
  }
  return std::nullopt;
}

std::optional<int> IntMember(const json& body, std::string_view key) {
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (text::EqualsIgnoreCase(it.key(), key) && it->is_number_integer()) {
      return static_cast<int>(std::clamp<std::int64_t>(it->get<std::int64_t>(), -1, 1 << 30));
    }
  }
  return std::nullopt;
}

}  // namespace

ScimResult<ListRequest> ListRequestFromQuery(const QueryParams& params, int max_results) {
  std::optional<int> start_index;
  std::optional<int> count;
  if (auto s = params.Get("startIndex")) {
    auto v = ParseIndex("startIndex", *s);
    if (!v.ok()) return v.error();
    start_index = *v;
  }
  if (auto s = params.Get("count")) {
    auto v = ParseIndex("count", *s);
    if (!v.ok()) return v.error();
    count = *v;
  }
  return Build(params.Get("filter"), start_index, count, params.Get("attributes"),
               params.Get("excludedAttributes"), params.Get("sortBy"), params.Get("sortOrder"),
               max_results);
}

ScimResult<ListRequest> ListRequestFromSearchBody(const json& body, int max_results) {
  if (!body.is_object()) {
    return BadRequest(ScimType::kInvalidSyntax, "a SearchRequest must be a JSON object");
  }
  return Build(StringMember(body, "filter"), IntMember(body, "startIndex"),
               IntMember(body, "count"), ListMember(body, "attributes"),
               ListMember(body, "excludedAttributes"), StringMember(body, "sortBy"),
               StringMember(body, "sortOrder"), max_results);
}

json ListResponseOf(const ListRequest& request, std::vector<const json*> resources,
                    const ResourceTypeDef& type) {
  Sort(resources, request, type);
  const std::size_t total = resources.size();
  const std::size_t first = std::min<std::size_t>(total, std::size_t(request.start_index - 1));
  const std::size_t last = std::min<std::size_t>(total, first + std::size_t(request.count));
  json page = json::array();
  for (std::size_t i = first; i < last; ++i) {
    page.push_back(Project(*resources[i], type, request.attributes, request.excluded));
  }
  return json{{"schemas", json::array({kListResponseSchema})},
              {"totalResults", total},
              {"startIndex", request.start_index},
              {"itemsPerPage", page.size()},
              {"Resources", std::move(page)}};
}

bool Mentions(const ListRequest& request, std::string_view attribute) {
  const std::string needle = text::AsciiLower(attribute);
  if (text::AsciiLower(request.filter_text).find(needle) != std::string::npos) return true;
  for (const AttrPath& p : request.attributes) {
    if (text::EqualsIgnoreCase(p.attr, attribute)) return true;
  }
  if (request.sort_by && text::EqualsIgnoreCase(request.sort_by->attr, attribute)) return true;
  return false;
}

}  // namespace aic::scim
