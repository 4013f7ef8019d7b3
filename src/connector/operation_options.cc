#include "aws_iam_connector/connector/operation_options.h"

#include <algorithm>
#include <charconv>
#include <utility>

#include "aws_iam_connector/connector/uid.h"
#include "connector/json_compare.h"
#include "connector/text_util.h"

namespace aic::connector {
namespace {

using json = nlohmann::json;

std::vector<std::string_view> SplitComma(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    std::size_t comma = text.find(',', start);
    std::string_view item =
        text.substr(start, comma == std::string_view::npos ? comma : comma - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    out.push_back(item);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

FieldPath Canonical(FieldPath path) {
  if (!path.empty()) path[0] = std::string(CanonicalAttributeName(path[0]));
  return path;
}

Status CheckReadableField(const ObjectClassInfo& info, const std::string& name,
                          std::string_view param) {
  if (name == kIdField) return Status::Ok();
  const AttributeInfo* a = info.Find(name);
  if (a == nullptr) {
    return Status(ErrorCode::kInvalidInput, std::string(param) + ": unknown attribute '" +
                                                internal::SafeEcho(name) + "' for " +
                                                std::string(info.name()));
  }
  if (!a->readable) {
    return Status(ErrorCode::kInvalidInput,
                  std::string(param) + ": attribute '" + name + "' is not readable");
  }
  return Status::Ok();
}

// Kind rank for ordering values of different kinds.
int KindRank(const json& v) {
  if (v.is_boolean()) return 0;
  if (v.is_number()) return 1;
  if (v.is_string()) return 2;
  return 3;
}

const json* SortValue(const json& object, const FieldPath& field) {
  auto values = ResolveField(object, field);
  for (const json* v : values) {
    if (!v->is_null()) return v;
  }
  return nullptr;
}

}  // namespace

std::string SortKey::ToString() const { return (ascending ? "+" : "-") + FieldPathToString(field); }

Result<std::vector<std::string>> ParseFields(std::string_view text) {
  std::vector<std::string> out;
  if (text.empty() || text == "*") return out;
  auto items = SplitComma(text);
  if (items.size() > kMaxFields) {
    return Status(ErrorCode::kInvalidInput,
                  "_fields: more than " + std::to_string(kMaxFields) + " fields");
  }
  for (std::string_view item : items) {
    if (item == kDefaultFields) {  // "*,x": the defaults and x
      if (out.empty() || out.front() != kDefaultFields) {
        out.insert(out.begin(), std::string(kDefaultFields));
      }
      continue;
    }
    auto path = ParseFieldPath(item);
    if (!path.ok()) return Status(ErrorCode::kInvalidInput, "_fields: " + path.status().message());
    if (path->size() != 1) {
      return Status(ErrorCode::kInvalidInput,
                    "_fields: '" + internal::SafeEcho(item) + "' is not a top-level attribute");
    }
    std::string name(CanonicalAttributeName((*path)[0]));
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
  }
  return out;
}

Result<int> ParsePageSize(std::string_view text) {
  int value = 0;
  auto r = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || r.ec != std::errc() || r.ptr != text.data() + text.size() || value < 0 ||
      value > kMaxPageSize) {
    return Status(ErrorCode::kInvalidInput, "_pageSize must be an integer from 0 to " +
                                                std::to_string(kMaxPageSize) + " (got '" +
                                                internal::SafeEcho(text) + "')");
  }
  return value;
}

Result<std::vector<SortKey>> ParseSortKeys(std::string_view text) {
  std::vector<SortKey> out;
  if (text.empty()) return out;
  auto items = SplitComma(text);
  if (items.size() > kMaxSortKeys) {
    return Status(ErrorCode::kInvalidInput,
                  "_sortKeys: more than " + std::to_string(kMaxSortKeys) + " keys");
  }
  for (std::string_view item : items) {
    SortKey key;
    if (!item.empty() && (item[0] == '+' || item[0] == '-')) {
      key.ascending = item[0] == '+';
      item.remove_prefix(1);
    }
    auto path = ParseFieldPath(item);
    if (!path.ok()) {
      return Status(ErrorCode::kInvalidInput, "_sortKeys: " + path.status().message());
    }
    key.field = Canonical(std::move(*path));
    out.push_back(std::move(key));
  }
  return out;
}

Result<OperationOptions> ParseOperationOptions(const RawOperationOptions& raw) {
  OperationOptions out;
  if (raw.fields) {
    auto fields = ParseFields(*raw.fields);
    if (!fields.ok()) return fields.status();
    out.attributes_to_get = std::move(*fields);
  }
  if (raw.page_size) {
    auto size = ParsePageSize(*raw.page_size);
    if (!size.ok()) return size.status();
    out.page_size = *size;
  }
  if (raw.paged_results_cookie && !raw.paged_results_cookie->empty()) {
    if (raw.paged_results_cookie->size() > kMaxCookieLength) {
      return Status(ErrorCode::kInvalidInput, "_pagedResultsCookie is too long");
    }
    out.paged_results_cookie = raw.paged_results_cookie;
  }
  if (raw.sort_keys) {
    auto keys = ParseSortKeys(*raw.sort_keys);
    if (!keys.ok()) return keys.status();
    out.sort_keys = std::move(*keys);
  }
  return out;
}

Result<std::vector<std::string>> ResolveAttributesToGet(const ObjectClassInfo& info,
                                                        const OperationOptions& options) {
  if (options.attributes_to_get.empty()) return info.DefaultAttributesToGet();
  std::vector<std::string> out;
  for (const std::string& name : options.attributes_to_get) {
    if (name == kDefaultFields) {
      for (std::string& d : info.DefaultAttributesToGet()) {
        if (std::find(out.begin(), out.end(), d) == out.end()) out.push_back(std::move(d));
      }
      continue;
    }
    AIC_RETURN_IF_ERROR(CheckReadableField(info, name, "_fields"));
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

json ProjectObject(const json& object, const std::vector<std::string>& names) {
  json out = json::object();
  if (!object.is_object()) return out;
  auto id = object.find(kIdField);
  if (id != object.end()) out[std::string(kIdField)] = *id;
  for (const std::string& name : names) {
    auto it = object.find(name);
    if (it != object.end()) out[name] = *it;
  }
  return out;
}

Status CheckSortKeys(const ObjectClassInfo& info, const std::vector<SortKey>& keys) {
  for (const SortKey& k : keys) {
    AIC_RETURN_IF_ERROR(CheckReadableField(info, k.field[0], "_sortKeys"));
  }
  return Status::Ok();
}

void SortObjects(std::vector<json>& objects, const std::vector<SortKey>& keys,
                 const ObjectClassInfo* info) {
  if (keys.empty()) return;
  std::vector<bool> ignore_case;
  for (const SortKey& k : keys) {
    ignore_case.push_back(info != nullptr && k.field.size() == 1 &&
                          info->IsCaseInsensitive(k.field[0]));
  }
  std::stable_sort(objects.begin(), objects.end(), [&](const json& a, const json& b) {
    for (std::size_t i = 0; i < keys.size(); ++i) {
      const json* x = SortValue(a, keys[i].field);
      const json* y = SortValue(b, keys[i].field);
      if (x == nullptr || y == nullptr) {
        if (x == y) continue;
        return y == nullptr;  // missing values last, whatever the direction
      }
      int c = 0;
      if (auto cmp = internal::CompareJson(*x, *y, ignore_case[i])) {
        c = *cmp;
      } else {
        c = KindRank(*x) - KindRank(*y);
      }
      if (c != 0) return keys[i].ascending ? c < 0 : c > 0;
    }
    return false;
  });
}

}  // namespace aic::connector
