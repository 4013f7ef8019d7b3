// ScriptDefinition parsing (OpenIDM `systemActions`), source loading and ScriptCatalog.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "aws_iam_connector/script_runner.h"

namespace aic {

namespace {

using json = nlohmann::json;

Status Bad(std::string_view where, std::string_view problem) {
  return Status(ErrorCode::kConfiguration,
                "systemActions" + std::string(where) + ": " + std::string(problem));
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

Result<std::string> OptString(const json& o, const char* key, const std::string& where) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return std::string();
  if (!it->is_string()) return Bad(where + "." + key, "must be a string");
  return it->get<std::string>();
}

}  // namespace

Result<std::vector<ScriptDefinition>> ParseSystemActions(const json& system_actions,
                                                         std::string_view base_dir) {
  std::vector<ScriptDefinition> out;
  if (system_actions.is_null()) return out;
  if (!system_actions.is_array()) return Bad("", "must be an array");
  std::set<std::string> ids;
  for (std::size_t i = 0; i < system_actions.size(); ++i) {
    const json& entry = system_actions[i];
    const std::string where = "[" + std::to_string(i) + "]";
    if (!entry.is_object()) return Bad(where, "must be an object");
    auto id = OptString(entry, "scriptId", where);
    if (!id.ok()) return id.status();
    if (id->empty()) return Bad(where + ".scriptId", "is required");
    auto actions = entry.find("actions");
    if (actions == entry.end() || !actions->is_array() || actions->empty()) {
      return Bad(where + ".actions", "must be a non-empty array");
    }
    for (std::size_t j = 0; j < actions->size(); ++j) {
      const json& a = (*actions)[j];
      const std::string aw = where + ".actions[" + std::to_string(j) + "]";
      if (!a.is_object()) return Bad(aw, "must be an object");
      auto type = OptString(a, "actionType", aw);
      auto system_type = OptString(a, "systemType", aw);
      auto source = OptString(a, "actionSource", aw);
      auto file = OptString(a, "actionFile", aw);
      for (const auto* r : {&type, &system_type, &source, &file}) {
        if (!r->ok()) return r->status();
      }
      if (type->empty()) return Bad(aw + ".actionType", "is required");
      if (Lower(*type) != "lua") continue;  // other languages run elsewhere
      if (source->empty() == file->empty()) {
        return Bad(aw, "needs exactly one of actionSource and actionFile");
      }
      if (!system_type->empty()) {
        try {
          std::regex check(*system_type);
        } catch (const std::regex_error&) {
          return Bad(aw + ".systemType", "is not a valid regular expression");
        }
      }
      if (ids.count(*id) != 0) return Bad(where + ".scriptId", "'" + *id + "' is defined twice");
      ids.insert(*id);
      ScriptDefinition d;
      d.id = *id;
      d.language = "lua";
      d.system_type = *system_type;
      d.source = *source;
      if (!file->empty()) {
        std::filesystem::path p(*file);
        if (p.is_relative() && !base_dir.empty()) p = std::filesystem::path(base_dir) / p;
        d.file = p.lexically_normal().string();
      }
      out.push_back(std::move(d));
    }
  }
  return out;
}

Result<std::string> LoadScriptSource(const ScriptDefinition& d, std::size_t max_bytes) {
  if (d.file.empty()) return d.source;
  const std::string label = "script '" + d.id + "': actionFile " + d.file;
  std::error_code ec;
  auto size = std::filesystem::file_size(d.file, ec);
  if (ec) return Status(ErrorCode::kConfiguration, label + ": " + ec.message());
  if (size > max_bytes) {
    return Status(ErrorCode::kConfiguration,
                  label + ": larger than " + std::to_string(max_bytes) + " bytes");
  }
  std::ifstream in(d.file, std::ios::binary);
  if (!in) return Status(ErrorCode::kConfiguration, label + ": cannot be read");
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (text.size() > max_bytes) {
    return Status(ErrorCode::kConfiguration,
                  label + ": larger than " + std::to_string(max_bytes) + " bytes");
  }
  return text;
}

Result<ScriptOutput> ScriptCatalog::RunById(std::string_view script_id, const json& args,
                                            const json& masked_config, ScriptHost* host) const {
  auto it = std::find_if(definitions_.begin(), definitions_.end(),
                         [&](const ScriptDefinition& d) { return d.id == script_id; });
  if (it == definitions_.end()) {
    return Status(ErrorCode::kUnknownUid,
                  "no script '" + std::string(script_id) + "' in systemActions");
  }
  auto source = LoadScriptSource(*it, runner_.limits().max_source_bytes);
  if (!source.ok()) return source.status();
  return RunSource(it->id, *source, args, masked_config, host);
}

Result<ScriptOutput> ScriptCatalog::RunSource(std::string_view name, std::string_view source,
                                              const json& args, const json& masked_config,
                                              ScriptHost* host) const {
  ScriptContext context;
  context.config = masked_config;
  context.args = args;
  context.host = host;
  return runner_.Run(name, source, context);
}

}  // namespace aic
