#include "scim/scim_path.h"

#include <utility>

#include "common/text_codec.h"

namespace aic::scim {
namespace {

// The ']' that closes the '[' at `open`, skipping JSON strings; npos if none.
size_t ClosingBracket(std::string_view text, size_t open) {
  for (size_t i = open + 1; i < text.size(); ++i) {
    if (text[i] == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
    } else if (text[i] == ']') {
      return i;
    }
  }
  return std::string_view::npos;
}

ScimError InvalidPath(std::string_view text, std::string detail) {
  return BadRequest(ScimType::kInvalidPath,
                    "invalid path \"" + std::string(text) + "\": " + std::move(detail));
}

}  // namespace

ScimResult<PatchPath> ParsePatchPath(std::string_view raw) {
  std::string_view text = text::TrimAsciiSpace(raw);
  if (text.empty()) return InvalidPath(text, "empty");
  size_t open = text.find('[');
  if (open == std::string_view::npos) {
    auto attr = ParseAttrPath(text);
    if (!attr.ok()) return attr.error();
    return PatchPath{std::move(*attr), std::nullopt, ""};
  }
  size_t close = ClosingBracket(text, open);
  if (close == std::string_view::npos) return InvalidPath(text, "no ']' closes the value filter");
  // Parsed as the filter attr[valFilter], which checks the value filter in its context.
  auto filter = ParseFilter(text.substr(0, close + 1));
  if (!filter.ok()) return InvalidPath(text, filter.error().detail);
  if (filter->kind() != Filter::Kind::kValuePath) {
    return InvalidPath(text, "expected attribute[filter]");
  }
  PatchPath path{filter->attr(), filter->children()[0], ""};
  std::string_view rest = text.substr(close + 1);
  if (rest.empty()) return path;
  if (rest[0] != '.') return InvalidPath(text, "expected '.' and a sub-attribute after ']'");
  auto sub = ParseAttrPath(rest.substr(1));
  if (!sub.ok() || !sub->schema.empty() || !sub->sub_attr.empty() || sub->attr.empty()) {
    return InvalidPath(text, "expected a sub-attribute name after \"].\"");
  }
  path.sub_attr_after_filter = sub->attr;
  return path;
}

std::string PatchPathToString(const PatchPath& path) {
  std::string out = AttrPathToString(path.attr);
  if (path.value_filter) out += "[" + path.value_filter->ToString() + "]";
  if (!path.sub_attr_after_filter.empty()) out += "." + path.sub_attr_after_filter;
  return out;
}

}  // namespace aic::scim
