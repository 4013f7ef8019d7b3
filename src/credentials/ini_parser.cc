#include "credentials/ini_parser.h"

#include <fmt/format.h>

#include <cctype>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/text_codec.h"

namespace aic::credentials_internal {
namespace {

constexpr std::string_view kDefaultSection = "DEFAULT";

std::string_view Strip(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// A value being assembled from its first line and continuation lines.
struct PendingValue {
  std::string section;
  std::string key;
  std::vector<std::string> lines;
};

void WipeLines(std::vector<std::string>& lines) {
  for (auto& l : lines) WipeString(l);
  lines.clear();
}

// Joins the lines as configparser does ("\n" between, trailing whitespace dropped) and stores
// the result as a secret. Like botocore, a value that starts on the next line ("s3 =" followed
// by indented lines) is a nested section whose lines must all be "key = value"; returns the
// problem otherwise.
std::optional<std::string> Flush(PendingValue& pending, IniFile& file) {
  if (pending.key.empty()) return std::nullopt;
  std::optional<std::string> problem;
  if (pending.lines.size() > 1 && pending.lines.front().empty()) {
    for (std::size_t i = 1; i < pending.lines.size(); ++i) {
      if (!pending.lines[i].empty() && pending.lines[i].find('=') == std::string::npos) {
        problem = fmt::format("nested setting '{}' has a line without '='", pending.key);
      }
    }
  }
  std::string joined;
  for (std::size_t i = 0; i < pending.lines.size(); ++i) {
    if (i > 0) joined += '\n';
    joined += pending.lines[i];
  }
  std::string_view value = Strip(joined);
  file[pending.section][pending.key] = SecretString(value);
  WipeString(joined);
  WipeLines(pending.lines);
  pending.key.clear();
  return problem;
}

Status LineError(std::string_view file_name, std::size_t line_no, std::string_view problem) {
  return Status(ErrorCode::kConfiguration,
                fmt::format("{} line {}: {}", file_name, line_no, problem));
}

}  // namespace

Result<IniFile> ParseIni(std::string_view content, std::string_view file_name) {
  IniFile file;
  std::set<std::string, std::less<>> seen_sections;
  std::string current_section;
  bool in_section = false;
  PendingValue pending;
  std::size_t option_indent = 0;
  std::size_t line_no = 0;

  std::size_t pending_line = 0;
  auto fail_at = [&](std::size_t at, std::string_view problem) -> Status {
    WipeLines(pending.lines);
    return LineError(file_name, at, problem);
  };
  auto fail = [&](std::string_view problem) -> Status { return fail_at(line_no, problem); };

  std::size_t pos = 0;
  while (pos <= content.size()) {
    std::size_t end = content.find('\n', pos);
    if (end == std::string_view::npos) end = content.size();
    std::string_view raw = content.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);

    std::string_view line = Strip(raw);
    if (!line.empty() && (line.front() == '#' || line.front() == ';')) continue;  // comment
    if (line.empty()) {
      if (!pending.key.empty()) pending.lines.emplace_back();
      if (end == content.size()) break;
      continue;
    }
    std::size_t indent = static_cast<std::size_t>(line.data() - raw.data());

    // Continuation of the current value: indented deeper than its key.
    if (in_section && !pending.key.empty() && indent > option_indent) {
      pending.lines.emplace_back(line);
      continue;
    }

    if (line.front() == '[') {
      std::size_t close = line.rfind(']');
      if (close != std::string_view::npos && close > 1) {
        if (auto problem = Flush(pending, file)) return fail_at(pending_line, *problem);
        // Like configparser, the name is taken verbatim ("[ dev ]" is the profile " dev ").
        std::string name(line.substr(1, close - 1));
        if (!seen_sections.insert(name).second && name != kDefaultSection) {
          return fail(fmt::format("duplicate section [{}]", name));
        }
        current_section = name;
        file[current_section];
        in_section = true;
        continue;
      }
    }

    if (!in_section) return fail("a setting before any [profile] section header");

    std::size_t delim = line.find_first_of("=:");
    if (delim == std::string_view::npos) return fail("expected 'key = value'");
    std::string key = text::AsciiLower(Strip(line.substr(0, delim)));
    if (key.empty()) return fail("a value without a key name");
    if (auto problem = Flush(pending, file)) return fail_at(pending_line, *problem);
    if (file[current_section].count(key) > 0) {
      return fail(fmt::format("duplicate key '{}' in [{}]", key, current_section));
    }
    pending.section = current_section;
    pending.key = key;
    pending.lines.emplace_back(Strip(line.substr(delim + 1)));
    pending_line = line_no;
    option_indent = indent;
    if (end == content.size()) break;
  }
  if (auto problem = Flush(pending, file)) return fail_at(pending_line, *problem);
  // configparser's [DEFAULT]: its keys apply to every section that lacks them, and it is not
  // a section of its own.
  auto defaults = file.find(kDefaultSection);
  if (defaults != file.end()) {
    IniSection inherited = std::move(defaults->second);
    file.erase(defaults);
    for (auto& [name, section] : file) {
      for (const auto& [key, value] : inherited) section.try_emplace(key, value);
    }
  }
  return file;
}

}  // namespace aic::credentials_internal
