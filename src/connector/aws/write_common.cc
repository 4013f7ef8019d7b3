// What the writers of users (account_write.cc) and groups (group_write.cc) share: lists made
// equal by difference, the error of a rolled-back create, descriptions of what is attached.
#include <algorithm>

#include "common/text_codec.h"
#include "connector/aws/aws_internal.h"

namespace aic::aws_internal {
namespace {

bool Contains(const std::vector<std::string>& list, const std::string& value, bool ignore_case) {
  return std::any_of(list.begin(), list.end(), [&](const std::string& x) {
    return ignore_case ? text::EqualsIgnoreCase(x, value) : x == value;
  });
}

std::string Step(const std::string& action, const std::string& element) {
  return action + "(" + element + ")";
}

}  // namespace

std::vector<std::string> StringList(const json& value) {
  std::vector<std::string> out;
  if (value.is_array()) {
    for (const auto& v : value) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  } else if (value.is_string()) {
    out.push_back(value.get<std::string>());
  }
  return out;
}

std::string StringOr(const json& object, const char* name, std::string fallback) {
  auto it = object.find(name);
  if (it == object.end() || !it->is_string()) return fallback;
  return it->get<std::string>();
}

bool IgnorableMissing(const Status& s) { return s.ok() || s.code() == ErrorCode::kUnknownUid; }

Task<Status> MakeListEqual(const ListEdit& edit, const std::vector<std::string>& had,
                           const std::vector<std::string>& wanted,
                           std::vector<std::string>* added) {
  for (const auto& element : wanted) {
    if (Contains(had, element, edit.ignore_case)) continue;
    Status s = co_await edit.add(element);
    if (added != nullptr && (s.ok() || s.maybe_applied())) added->push_back(element);
    if (!s.ok()) co_return AsAttributeError(s, Step(edit.add_action, element));
  }
  for (const auto& element : had) {
    if (Contains(wanted, element, edit.ignore_case)) continue;
    Status s = co_await edit.remove(element);
    if (!IgnorableMissing(s)) co_return s.WithContext(Step(edit.remove_action, element));
  }
  co_return Status::Ok();
}

Status CreateFailed(const Status& step_error, std::string_view object, std::size_t leftovers) {
  std::string message = "create failed at " + step_error.message();
  if (leftovers == 0) {
    message += " (rolled back: the " + std::string(object) + " was not created)";
  } else {
    message += " (rollback incomplete; left: " + std::to_string(leftovers) + " items)";
  }
  if (step_error.aws()) return Status(step_error.code(), message, *step_error.aws());
  return Status(step_error.code(), message);
}

NameAndPath ChangedNameAndPath(const json& a, const std::string& name, const json& current) {
  NameAndPath change;
  change.new_name = StringOr(a, "__NAME__");
  if (change.new_name == name) change.new_name.clear();
  if (a.contains("Path")) {
    change.new_path = a["Path"].is_string() ? a["Path"].get<std::string>() : "/";  // null: "/"
    if (change.new_path == StringOr(current, "Path", "/")) change.new_path.clear();
  }
  return change;
}

void ApplyRename(const NameAndPath& change, std::string_view arn_type, std::string& name,
                 json& result) {
  if (!change.new_name.empty()) name = change.new_name;
  if (!change.new_path.empty()) result["Path"] = change.new_path;
  result["_id"] = name;
  result["__NAME__"] = name;
  result["Arn"] = ArnFor(StringOr(result, "Arn"), arn_type, StringOr(result, "Path", "/"), name);
}

Status CascadeStep(const Status& s, std::string_view action) {
  return IgnorableMissing(s) ? Status::Ok()
                             : s.WithContext("delete cascade: " + std::string(action));
}

void DescribeItems(std::string& out, std::string_view what, const std::vector<std::string>& items) {
  if (items.empty()) return;
  if (!out.empty()) out += "; ";
  out += what;
  out += " [";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  out += "]";
}

}  // namespace aic::aws_internal
