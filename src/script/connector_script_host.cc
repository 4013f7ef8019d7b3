#include "script/connector_script_host.h"

#include <cstring>
#include <optional>
#include <set>

#include "aws_iam_connector/task.h"
#include "connector/aws/config_properties.h"
#include "iam/query_client.h"

namespace aic {

namespace {

using json = nlohmann::json;

bool HasElementChildren(const pugi::xml_node& n) {
  for (auto c : n.children()) {
    if (c.type() == pugi::node_element) return true;
  }
  return false;
}

class XmlConverter {
 public:
  Result<json> Convert(const pugi::xml_node& n, int depth) {
    if (++nodes_ > kScriptMaxIamResultNodes || depth > kScriptMaxJsonDepth) {
      return Status(ErrorCode::kLimitExceeded, "iam: the response is too large for a script");
    }
    if (!HasElementChildren(n)) {
      std::string text = n.text().get();
      if (text.empty()) return json::array();
      return json(std::move(text));
    }
    bool all_member = true, all_entry = true;
    for (auto c : n.children()) {
      if (c.type() != pugi::node_element) continue;
      if (std::strcmp(c.name(), "member") != 0) all_member = false;
      if (std::strcmp(c.name(), "entry") != 0) all_entry = false;
    }
    if (all_member) {
      json arr = json::array();
      for (auto c : n.children("member")) {
        auto v = Convert(c, depth + 1);
        if (!v.ok()) return v.status();
        arr.push_back(std::move(*v));
      }
      return arr;
    }
    json obj = json::object();
    if (all_entry) {
      for (auto c : n.children("entry")) {
        auto v = Convert(c.child("value"), depth + 1);
        if (!v.ok()) return v.status();
        obj[c.child("key").text().get()] = std::move(*v);
      }
      return obj;
    }
    for (auto c : n.children()) {
      if (c.type() != pugi::node_element) continue;
      auto v = Convert(c, depth + 1);
      if (!v.ok()) return v.status();
      auto it = obj.find(c.name());
      if (it == obj.end()) {
        obj[c.name()] = std::move(*v);
      } else {
        if (!repeated_.count(it.key())) {
          json first = std::move(*it);
          *it = json::array({std::move(first)});
          repeated_.insert(it.key());
        }
        it->push_back(std::move(*v));
      }
    }
    repeated_.clear();
    return obj;
  }

 private:
  std::size_t nodes_ = 0;
  std::set<std::string> repeated_;
};

}  // namespace

Result<json> XmlResultToJson(const pugi::xml_node& result) {
  if (!result) return json::object();
  XmlConverter c;
  auto v = c.Convert(result, 0);
  if (!v.ok()) return v.status();
  if (v->is_array() && v->empty()) return json::object();  // <XResult/>: no fields
  return v;
}

json MaskedAwsConfig(const AwsConnectorConfig& c) { return MaskedConfigProperties(c); }

std::unique_ptr<ConnectorScriptHost> ConnectorScriptHost::ForAwsConnector(AwsConnector& connector) {
  auto facade =
      std::make_unique<connector::ConnectorFacade>(connector.GetSchema(), connector.Ops());
  auto host = std::make_unique<ConnectorScriptHost>(*facade, &QueryClientOf(connector.iam()));
  host->owned_facade_ = std::move(facade);
  return host;
}

Result<json> ConnectorScriptHost::Create(std::string_view object_class, const json& attributes) {
  return Wait(facade_.Create(object_class, attributes, {}));
}

Result<json> ConnectorScriptHost::Get(std::string_view object_class, std::string_view id,
                                      std::string_view fields) {
  connector::RawOperationOptions raw;
  if (!fields.empty()) raw.fields = std::string(fields);
  return Wait(facade_.Get(object_class, id, raw));
}

Result<json> ConnectorScriptHost::Update(std::string_view object_class, std::string_view id,
                                         const json& attributes) {
  return Wait(facade_.Update(object_class, id, attributes, {}));
}

Result<json> ConnectorScriptHost::Patch(std::string_view object_class, std::string_view id,
                                        const json& operations) {
  return Wait(facade_.Patch(object_class, id, operations, {}));
}

Result<json> ConnectorScriptHost::Delete(std::string_view object_class, std::string_view id) {
  return Wait(facade_.Delete(object_class, id, {}));
}

Result<json> ConnectorScriptHost::Search(std::string_view object_class, std::string_view filter,
                                         const json& options) {
  connector::RawOperationOptions raw;
  auto text = [&](const char* key) -> std::optional<std::string> {
    auto it = options.find(key);
    if (it == options.end() || it->is_null()) return std::nullopt;
    return it->is_string() ? it->get<std::string>() : it->dump();
  };
  raw.fields = text("fields");
  raw.page_size = text("pageSize");
  raw.paged_results_cookie = text("pagedResultsCookie");
  raw.sort_keys = text("sortKeys");
  connector::QuerySpec spec;
  spec.query_filter = std::string(filter.empty() ? "true" : filter);
  auto r = Wait(facade_.Query(object_class, spec, raw));
  if (!r.ok()) return r.status();
  return std::move(*r).ToJson();
}

Result<json> ConnectorScriptHost::Iam(
    std::string_view action, const std::vector<std::pair<std::string, std::string>>& params) {
  if (query_ == nullptr) {
    return Status(ErrorCode::kUnsupported, "iam: no IAM client is bound to this connector");
  }
  auto r = query_->Call(action, params);
  if (!r.ok()) return r.status();
  return XmlResultToJson(r->result);
}

}  // namespace aic
