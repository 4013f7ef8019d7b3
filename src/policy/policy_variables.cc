#include "policy/policy_variables.h"

#include "policy/wildcard.h"

namespace aic::policy::internal {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) { return text::AsciiLower(s); }

void AppendText(std::vector<TemplatePart>& parts, std::string_view text) {
  if (text.empty()) return;
  if (!parts.empty() && parts.back().kind == TemplatePart::Kind::kText) {
    parts.back().text.append(text);
    return;
  }
  TemplatePart part;
  part.text = std::string(text);
  parts.push_back(std::move(part));
}

}  // namespace

ValueTemplate ParseTemplate(std::string_view text, bool variables_enabled) {
  ValueTemplate tmpl;
  tmpl.text = std::string(text);
  if (!variables_enabled || text.find("${") == std::string_view::npos) return tmpl;
  std::vector<TemplatePart> parts;
  bool any_variable = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t open = text.find("${", pos);
    if (open == std::string_view::npos) break;
    const std::size_t close = text.find('}', open + 2);
    if (close == std::string_view::npos) break;  // an unclosed "${" is literal text
    const std::string_view inner = Trim(text.substr(open + 2, close - open - 2));
    if (inner.empty()) {  // "${}" stays literal
      AppendText(parts, text.substr(pos, close + 1 - pos));
      pos = close + 1;
      continue;
    }
    AppendText(parts, text.substr(pos, open - pos));
    TemplatePart part;
    if (inner == "*" || inner == "?" || inner == "$") {
      part.kind = TemplatePart::Kind::kLiteral;
      part.text = std::string(inner);
    } else {
      part.kind = TemplatePart::Kind::kVariable;
      const std::size_t comma = inner.find(',');
      if (comma == std::string_view::npos) {
        part.text = Lower(inner);
      } else {
        part.text = Lower(Trim(inner.substr(0, comma)));
        std::string_view def = Trim(inner.substr(comma + 1));
        if (def.size() >= 2 && def.front() == '\'' && def.back() == '\'') {
          def = def.substr(1, def.size() - 2);
        }
        part.has_default = true;
        part.default_value = std::string(def);
      }
    }
    any_variable = true;
    parts.push_back(std::move(part));
    pos = close + 1;
  }
  if (!any_variable) return tmpl;
  AppendText(parts, text.substr(pos));
  tmpl.parts = std::move(parts);
  return tmpl;
}

bool ExpandTemplate(const ValueTemplate& tmpl, const RequestContext& request, std::string& out,
                    std::string& literal, MissingKeys* missing) {
  out.clear();
  literal.clear();
  if (!tmpl.has_variables()) {
    out = tmpl.text;
    literal.assign(out.size(), '\0');
    return true;
  }
  bool resolved = true;
  for (const TemplatePart& part : tmpl.parts) {
    switch (part.kind) {
      case TemplatePart::Kind::kText:
        out.append(part.text);
        literal.append(part.text.size(), '\0');
        break;
      case TemplatePart::Kind::kLiteral:
        out.append(part.text);
        literal.append(part.text.size(), '\1');
        break;
      case TemplatePart::Kind::kVariable: {
        const auto it = request.keys.find(part.text);
        std::string_view value;
        if (it != request.keys.end() && it->second.size() == 1) {
          value = it->second.front();
        } else if (it != request.keys.end() && it->second.size() > 1) {
          resolved = false;  // a multi-valued key cannot be a variable
          continue;
        } else if (part.has_default) {
          value = part.default_value;
        } else {
          if (it == request.keys.end() && missing != nullptr) missing->push_back(part.text);
          resolved = false;
          continue;
        }
        out.append(value);
        literal.append(value.size(), '\1');
        break;
      }
    }
  }
  return resolved;
}

void TemplateKeys(const ValueTemplate& tmpl, std::vector<std::string>& keys) {
  for (const TemplatePart& part : tmpl.parts) {
    if (part.kind == TemplatePart::Kind::kVariable) keys.push_back(part.text);
  }
}

}  // namespace aic::policy::internal
