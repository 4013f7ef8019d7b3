#include "emulator/state/sts_identity_tokens.h"

#include <charconv>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "common/text_codec.h"

namespace aic::emulator::state {
namespace {

constexpr std::string_view kRoleAttribute = "https://aws.amazon.com/SAML/Attributes/Role";
constexpr std::string_view kSessionNameAttribute =
    "https://aws.amazon.com/SAML/Attributes/RoleSessionName";
constexpr std::string_view kSessionDurationAttribute =
    "https://aws.amazon.com/SAML/Attributes/SessionDuration";
constexpr std::string_view kSourceIdentityAttribute =
    "https://aws.amazon.com/SAML/Attributes/SourceIdentity";
constexpr std::string_view kNameIdFormatPrefix = "urn:oasis:names:tc:SAML:2.0:nameid-format:";

Status Invalid(std::string message) { return Status(ErrorCode::kInvalidInput, std::move(message)); }

// The local name of an element ("saml:Issuer" -> "Issuer").
std::string_view Local(const char* name) {
  std::string_view n(name);
  auto colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

// The first descendant (depth-first) with this local name.
pugi::xml_node Find(pugi::xml_node from, std::string_view local) {
  for (pugi::xml_node c : from.children()) {
    if (c.type() != pugi::node_element) continue;
    if (Local(c.name()) == local) return c;
    if (pugi::xml_node d = Find(c, local)) return d;
  }
  return {};
}

void FindAll(pugi::xml_node from, std::string_view local, std::vector<pugi::xml_node>& out) {
  for (pugi::xml_node c : from.children()) {
    if (c.type() != pugi::node_element) continue;
    if (Local(c.name()) == local) out.push_back(c);
    FindAll(c, local, out);
  }
}

std::string Text(pugi::xml_node n) {
  return std::string(text::TrimAsciiSpace(n.text().as_string()));
}

// Attribute values of the <Attribute Name="name">s.
std::vector<std::string> AttributeValues(pugi::xml_node assertion, std::string_view name) {
  std::vector<pugi::xml_node> attrs;
  FindAll(assertion, "Attribute", attrs);
  std::vector<std::string> out;
  for (pugi::xml_node a : attrs) {
    if (std::string_view(a.attribute("Name").as_string()) != name) continue;
    for (pugi::xml_node v : a.children()) {
      if (v.type() == pugi::node_element && Local(v.name()) == "AttributeValue") {
        out.push_back(Text(v));
      }
    }
  }
  return out;
}

void NoteNotOnOrAfter(pugi::xml_node n, std::optional<std::int64_t>& earliest) {
  const char* v = n.attribute("NotOnOrAfter").as_string();
  if (*v == 0) return;
  auto t = text::ParseIso8601(v);
  if (!t) return;
  std::int64_t s = std::chrono::duration_cast<std::chrono::seconds>(t->time_since_epoch()).count();
  if (!earliest || s < *earliest) earliest = s;
}

std::optional<nlohmann::json> JsonPart(std::string_view part) {
  auto raw = text::Base64Decode(part, text::Base64Variant::kUrlNoPadding);
  if (!raw) return std::nullopt;
  nlohmann::json j = nlohmann::json::parse(*raw, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return std::nullopt;
  return j;
}

}  // namespace

Result<SamlAssertion> ParseSamlAssertion(std::string_view base64) {
  std::string compact;
  for (char c : base64) {
    if (c != '\n' && c != '\r' && c != ' ' && c != '\t') compact += c;
  }
  auto xml = text::Base64Decode(compact);
  if (!xml) return Invalid("Invalid base64 SAMLResponse");
  pugi::xml_document doc;
  if (!doc.load_buffer(xml->data(), xml->size())) return Invalid("Invalid SAML response");
  pugi::xml_node root = doc.document_element();
  pugi::xml_node assertion = Local(root.name()) == "Assertion" ? root : Find(root, "Assertion");
  if (!assertion) return Invalid("Invalid SAML response: no Assertion");
  SamlAssertion a;
  a.issuer =
      Text(assertion.child("Issuer") ? assertion.child("Issuer") : Find(assertion, "Issuer"));
  if (a.issuer.empty()) a.issuer = Text(Find(root, "Issuer"));
  pugi::xml_node subject = Find(assertion, "Subject");
  pugi::xml_node name_id = subject ? Find(subject, "NameID") : pugi::xml_node();
  a.subject = Text(name_id);
  std::string format = name_id.attribute("Format").as_string();
  a.subject_type = format.rfind(kNameIdFormatPrefix, 0) == 0
                       ? format.substr(kNameIdFormatPrefix.size())
                       : format;
  std::vector<pugi::xml_node> audiences;
  FindAll(assertion, "Audience", audiences);
  for (auto n : audiences) a.audiences.push_back(Text(n));
  if (pugi::xml_node c = Find(assertion, "Conditions")) NoteNotOnOrAfter(c, a.not_on_or_after);
  std::vector<pugi::xml_node> confirmations;
  FindAll(assertion, "SubjectConfirmationData", confirmations);
  for (auto n : confirmations) {
    NoteNotOnOrAfter(n, a.not_on_or_after);
    if (a.recipient.empty()) a.recipient = n.attribute("Recipient").as_string();
  }
  for (const std::string& v : AttributeValues(assertion, kRoleAttribute)) {
    auto comma = v.find(',');
    if (comma == std::string::npos) continue;
    std::string first(text::TrimAsciiSpace(std::string_view(v).substr(0, comma)));
    std::string second(text::TrimAsciiSpace(std::string_view(v).substr(comma + 1)));
    if (first.find(":saml-provider/") != std::string::npos) std::swap(first, second);
    a.roles.emplace_back(std::move(first), std::move(second));
  }
  auto names = AttributeValues(assertion, kSessionNameAttribute);
  if (!names.empty()) a.session_name = names.front();
  auto durations = AttributeValues(assertion, kSessionDurationAttribute);
  if (!durations.empty()) {
    long long d = 0;
    const std::string& s = durations.front();
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (ec == std::errc() && ptr == s.data() + s.size()) a.session_duration = d;
  }
  auto sources = AttributeValues(assertion, kSourceIdentityAttribute);
  if (!sources.empty()) a.source_identity = sources.front();
  return a;
}

Result<WebIdentityToken> ParseWebIdentityToken(std::string_view jwt) {
  auto dot1 = jwt.find('.');
  auto dot2 = dot1 == std::string_view::npos ? dot1 : jwt.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || jwt.find('.', dot2 + 1) != std::string_view::npos) {
    return Invalid("The ID token provided is not a valid JWT: it must have three parts");
  }
  auto header = JsonPart(jwt.substr(0, dot1));
  auto payload = JsonPart(jwt.substr(dot1 + 1, dot2 - dot1 - 1));
  if (!header || !payload) {
    return Invalid(
        "The ID token provided is not a valid JWT: its header and payload must be "
        "base64url JSON objects");
  }
  WebIdentityToken t;
  const nlohmann::json& p = *payload;
  if (p.contains("iss") && p["iss"].is_string()) t.iss = p["iss"].get<std::string>();
  if (p.contains("sub") && p["sub"].is_string()) t.sub = p["sub"].get<std::string>();
  if (p.contains("aud")) {
    if (p["aud"].is_string()) {
      t.aud.push_back(p["aud"].get<std::string>());
    } else if (p["aud"].is_array()) {
      for (const auto& v : p["aud"]) {
        if (v.is_string()) t.aud.push_back(v.get<std::string>());
      }
    }
  }
  if (p.contains("exp") && p["exp"].is_number()) t.exp = p["exp"].get<std::int64_t>();
  if (p.contains("amr") && p["amr"].is_array() && !p["amr"].empty() && p["amr"][0].is_string()) {
    t.amr = p["amr"][0].get<std::string>();
  }
  if (t.iss.empty()) return Invalid("The ID token provided has no issuer (iss)");
  if (t.sub.empty()) return Invalid("The ID token provided has no subject (sub)");
  return t;
}

std::string OidcHostPath(std::string_view url) {
  if (text::StartsWithIgnoreCase(url, "https://")) url.remove_prefix(8);
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  return std::string(url);
}

}  // namespace aic::emulator::state
