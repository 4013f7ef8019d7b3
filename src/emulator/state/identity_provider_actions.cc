// SAML 2.0 and OpenID Connect identity providers.
//
// SAML: the metadata document must be 1,000..10,000,000 characters (model) of well-formed XML
// whose root is a SAML 2.0 metadata EntityDescriptor (urn:oasis:names:tc:SAML:2.0:metadata);
// anything else is InvalidInput "Could not parse metadata". ValidUntil is the root's validUntil
// attribute, else the creation (or update) time plus kSamlDefaultValidityYears. The ARN is
// arn:PARTITION:iam::ACCOUNT:saml-provider/NAME; unknown ARNs answer NoSuchEntity "Manifest not
// found for arn ARN" (AWS's text, LocalStack test_iam_saml_providers.snapshot.json). Deleting a
// provider a role trusts is allowed (AWS has no DeleteConflict for providers).
//
// OIDC: Url must be https:// with a host, no query or fragment (ValidationError "Invalid Open
// ID Connect Provider URL"); the ARN is oidc-provider/URL-WITHOUT-SCHEME and GetOpenIDConnect
// Provider answers the Url without its scheme, as AWS does. One provider per URL
// (EntityAlreadyExists "Provider with url URL already exists."). Thumbprints are exactly 40
// characters, 1..5 of them (the model marks ThumbprintList required); client ids 1..255
// characters, at most 100 per provider (LimitExceeded "Cannot exceed quota for
// ClientIdsPerOpenIdConnectProvider: 100"); Add/RemoveClientID are idempotent.
#include <ctime>
#include <pugixml.hpp>

#include "common/text_codec.h"
#include "emulator/state/action_context.h"
#include "emulator/state/provider_util.h"

namespace aic::emulator::state {
namespace {

// SAMLMetadataDocumentType in the model.
constexpr std::size_t kMinSamlMetadataLength = 1000;
constexpr std::size_t kMaxSamlMetadataLength = 10000000;
// SAMLProviderNameType: 1..128 of [\w._-].
constexpr std::size_t kMaxSamlProviderNameLength = 128;
// AWS's quotas ("IAM and AWS STS quotas"): identity providers per account.
constexpr std::size_t kMaxSamlProvidersPerAccount = 100;
constexpr std::size_t kMaxOidcProvidersPerAccount = 100;
// Without a validUntil in the metadata, AWS answers a ValidUntil 100 years after creation.
constexpr int kSamlDefaultValidityYears = 100;
constexpr std::string_view kSamlMetadataNamespace = "urn:oasis:names:tc:SAML:2.0:metadata";
constexpr std::string_view kSamlMetadataError = "Could not parse metadata";
// OpenIDConnectProviderUrlType: 1..255; clientIDType 1..255; thumbprintType exactly 40.
constexpr std::size_t kMaxOidcUrlLength = 255;
constexpr std::size_t kMaxClientIdLength = 255;
constexpr std::size_t kThumbprintLength = 40;
constexpr std::size_t kMaxThumbprints = 5;
constexpr std::size_t kMaxClientIdsPerProvider = 100;
constexpr std::string_view kHttpsScheme = "https://";

// ---- SAML ----

Time AddYears(Time t, int years) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  tm.tm_year += years;
  return static_cast<Time>(timegm(&tm));
}

bool IsSamlNameChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

Result<std::string> SamlNameParam(const Ctx& ctx) {
  EMU_ASSIGN(name, Required(ctx, "Name"));
  AIC_RETURN_IF_ERROR(CheckLength("Name", name, 1, kMaxSamlProviderNameLength, true));
  if (!std::all_of(name.begin(), name.end(), IsSamlNameChar)) {
    return PatternError("Name", name, "[\\w._-]+");
  }
  return name;
}

// The local part of a qualified XML name ("md:EntityDescriptor" -> "EntityDescriptor").
std::string_view LocalName(std::string_view qname) {
  std::size_t colon = qname.find(':');
  return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

// The namespace URI bound to the prefix of `node`'s name, looking at it and its ancestors.
std::string NamespaceOf(pugi::xml_node node) {
  std::string_view qname = node.name();
  std::size_t colon = qname.find(':');
  std::string attr = colon == std::string_view::npos
                         ? std::string("xmlns")
                         : "xmlns:" + std::string(qname.substr(0, colon));
  for (pugi::xml_node n = node; n && n.type() == pugi::node_element; n = n.parent()) {
    if (pugi::xml_attribute a = n.attribute(attr.c_str())) return a.value();
  }
  return {};
}

// Checks the metadata document and returns its ValidUntil (`now` + 100 years without one).
Result<Time> CheckSamlMetadata(std::string_view doc, Time now) {
  AIC_RETURN_IF_ERROR(CheckLength("SAMLMetadataDocument", doc, kMinSamlMetadataLength,
                                  kMaxSamlMetadataLength, false));
  pugi::xml_document xml;
  pugi::xml_parse_result parsed = xml.load_buffer(doc.data(), doc.size(), pugi::parse_default);
  pugi::xml_node root = xml.document_element();
  if (!parsed || !root || LocalName(root.name()) != "EntityDescriptor" ||
      NamespaceOf(root) != kSamlMetadataNamespace) {
    return InvalidInput(std::string(kSamlMetadataError));
  }
  pugi::xml_attribute valid_until = root.attribute("validUntil");
  if (!valid_until) return AddYears(now, kSamlDefaultValidityYears);
  auto t = text::ParseIso8601(valid_until.value());
  if (!t) return InvalidInput(std::string(kSamlMetadataError));
  return static_cast<Time>(
      std::chrono::duration_cast<std::chrono::seconds>(t->time_since_epoch()).count());
}

Result<SamlProvider*> SamlParam(Ctx& ctx) {
  EMU_ASSIGN(arn, RequiredArn(ctx, "SAMLProviderArn"));
  auto it = ctx.st.saml_providers.find(arn);
  if (it == ctx.st.saml_providers.end()) {
    return NoSuchEntity("Manifest not found for arn " + arn);
  }
  return &it->second;
}

Result<std::string> CreateSAMLProvider(Ctx& ctx) {
  EMU_ASSIGN(doc, Required(ctx, "SAMLMetadataDocument"));
  EMU_ASSIGN(name, SamlNameParam(ctx));
  EMU_ASSIGN(tags, TagList(ctx));
  EMU_ASSIGN(valid_until, CheckSamlMetadata(doc, ctx.now));
  std::string arn = ctx.Arn("iam", "saml-provider/" + name);
  if (ctx.st.saml_providers.count(arn)) {
    return AlreadyExists("SAMLProvider " + name + " already exists.");
  }
  if (ctx.st.saml_providers.size() >= kMaxSamlProvidersPerAccount) {
    return LimitExceeded("Cannot exceed quota for SAMLProvidersPerAccount: " +
                         std::to_string(kMaxSamlProvidersPerAccount));
  }
  SamlProvider p;
  p.arn = arn;
  p.name = name;
  p.metadata = std::move(doc);
  p.created = ctx.now;
  p.valid_until = valid_until;
  p.tags = std::move(tags);
  const SamlProvider& stored = ctx.st.saml_providers.emplace(arn, std::move(p)).first->second;
  ctx.dirty.saml_providers.insert(arn);
  XmlWriter w = BeginResult(ctx);
  w.Element("SAMLProviderArn", arn);
  if (!stored.tags.empty()) WriteTags(w, stored.tags);
  return EndResult(ctx, std::move(w));
}

Result<std::string> GetSAMLProvider(Ctx& ctx) {
  EMU_ASSIGN(p, SamlParam(ctx));
  XmlWriter w = BeginResult(ctx);
  w.Element("SAMLMetadataDocument", p->metadata);
  w.Element("CreateDate", text::FormatIso8601(p->created));
  w.Element("ValidUntil", text::FormatIso8601(p->valid_until));
  WriteTags(w, p->tags);
  return EndResult(ctx, std::move(w));
}

Result<std::string> UpdateSAMLProvider(Ctx& ctx) {
  EMU_ASSIGN(doc, Required(ctx, "SAMLMetadataDocument"));
  // The model's length check comes before the lookup, the parse after it.
  AIC_RETURN_IF_ERROR(CheckLength("SAMLMetadataDocument", doc, kMinSamlMetadataLength,
                                  kMaxSamlMetadataLength, false));
  EMU_ASSIGN(p, SamlParam(ctx));
  EMU_ASSIGN(valid_until, CheckSamlMetadata(doc, ctx.now));
  p->metadata = std::move(doc);
  p->valid_until = valid_until;
  ctx.dirty.saml_providers.insert(p->arn);
  XmlWriter w = BeginResult(ctx);
  w.Element("SAMLProviderArn", p->arn);
  return EndResult(ctx, std::move(w));
}

Result<std::string> DeleteSAMLProvider(Ctx& ctx) {
  EMU_ASSIGN(p, SamlParam(ctx));
  std::string arn = p->arn;
  ctx.st.saml_providers.erase(arn);
  ctx.dirty.saml_providers.insert(arn);
  return EmptyResult(ctx);
}

Result<std::string> ListSAMLProviders(Ctx& ctx) {
  XmlWriter w = BeginResult(ctx);
  w.Open("SAMLProviderList");
  for (const auto& [arn, p] : ctx.st.saml_providers) {
    w.Open("member");
    w.Element("Arn", arn);
    w.Element("ValidUntil", text::FormatIso8601(p.valid_until));
    w.Element("CreateDate", text::FormatIso8601(p.created));
    w.Close();
  }
  w.Close();
  return EndResult(ctx, std::move(w));
}

Result<std::string> TagSAMLProvider(Ctx& ctx) {
  EMU_ASSIGN(p, SamlParam(ctx));
  EMU_ASSIGN(tags, TagList(ctx));
  AIC_RETURN_IF_ERROR(MergeTags(p->tags, tags));
  ctx.dirty.saml_providers.insert(p->arn);
  return EmptyResult(ctx);
}

Result<std::string> UntagSAMLProvider(Ctx& ctx) {
  EMU_ASSIGN(p, SamlParam(ctx));
  EMU_ASSIGN(keys, TagKeysParam(ctx));
  RemoveTags(p->tags, keys);
  ctx.dirty.saml_providers.insert(p->arn);
  return EmptyResult(ctx);
}

Result<std::string> ListSAMLProviderTags(Ctx& ctx) {
  EMU_ASSIGN(p, SamlParam(ctx));
  return TagPageResult(ctx, p->tags);
}

// ---- OpenID Connect ----

}  // namespace

std::string OidcResource(std::string_view url) {
  if (url.size() <= kHttpsScheme.size() || !text::StartsWithIgnoreCase(url, kHttpsScheme)) {
    return {};
  }
  std::string_view rest = url.substr(kHttpsScheme.size());
  if (rest.front() == '/' || rest.find_first_of("?# ") != std::string_view::npos) return {};
  return std::string(rest);
}

namespace {

// The model's constraints on a thumbprint list, as one validation failure ("" when met).
std::string ThumbprintFailure(const std::vector<std::string>& thumbprints) {
  for (const auto& t : thumbprints) {
    if (t.size() != kThumbprintLength) {
      return "Value at 'thumbprintList' failed to satisfy constraint: Member must satisfy "
             "constraint: [Member must have length less than or equal to 40, Member must have "
             "length greater than or equal to 40]";
    }
  }
  return {};
}

std::string ClientIdFailure(std::string_view param, const std::vector<std::string>& ids) {
  for (const auto& id : ids) {
    if (id.empty() || id.size() > kMaxClientIdLength) {
      return "Value at '" + ValidationMember(param) +
             "' failed to satisfy constraint: Member must satisfy constraint: [Member must have "
             "length less than or equal to 255, Member must have length greater than or equal "
             "to 1]";
    }
  }
  return {};
}

// The count rules on a thumbprint list (after the model's): 1..5 entries.
Status CheckThumbprintCount(const std::vector<std::string>& thumbprints) {
  if (thumbprints.empty()) {
    return ValidationError(
        "1 validation error detected: Value null at 'thumbprintList' failed to satisfy "
        "constraint: Member must not be null");
  }
  if (thumbprints.size() > kMaxThumbprints) {
    return InvalidInput("Thumbprint list must contain fewer than 5 entries.");
  }
  return Status::Ok();
}

Status ClientIdQuota(std::size_t count) {
  if (count <= kMaxClientIdsPerProvider) return Status::Ok();
  return LimitExceeded("Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: " +
                       std::to_string(kMaxClientIdsPerProvider));
}

Result<OidcProvider*> OidcParam(Ctx& ctx) {
  EMU_ASSIGN(arn, RequiredArn(ctx, "OpenIDConnectProviderArn"));
  auto it = ctx.st.oidc_providers.find(arn);
  if (it == ctx.st.oidc_providers.end()) {
    return NoSuchEntity("OpenIDConnect Provider not found for arn " + arn);
  }
  return &it->second;
}

Result<std::string> CreateOpenIDConnectProvider(Ctx& ctx) {
  EMU_ASSIGN(url, Required(ctx, "Url"));
  std::vector<std::string> client_ids = MemberList(ctx, "ClientIDList");
  std::vector<std::string> thumbprints = MemberList(ctx, "ThumbprintList");
  // AWS reports every model violation at once, members in alphabetical order.
  std::vector<std::string> failures;
  for (std::string f : {ClientIdFailure("ClientIDList", client_ids), ThumbprintFailure(thumbprints),
                        LengthFailure("Url", url, 1, kMaxOidcUrlLength, false)}) {
    if (!f.empty()) failures.push_back(std::move(f));
  }
  if (!failures.empty()) return ValidationErrors(failures);
  EMU_ASSIGN(tags, TagList(ctx));
  std::string resource = OidcResource(url);
  if (resource.empty()) return ValidationError("Invalid Open ID Connect Provider URL");
  AIC_RETURN_IF_ERROR(CheckThumbprintCount(thumbprints));
  std::vector<std::string> unique_ids;
  for (auto& id : client_ids) {
    if (std::find(unique_ids.begin(), unique_ids.end(), id) == unique_ids.end()) {
      unique_ids.push_back(std::move(id));
    }
  }
  AIC_RETURN_IF_ERROR(ClientIdQuota(unique_ids.size()));
  std::string arn = ctx.Arn("iam", "oidc-provider/" + resource);
  if (ctx.st.oidc_providers.count(arn)) {
    return AlreadyExists("Provider with url " + url + " already exists.");
  }
  if (ctx.st.oidc_providers.size() >= kMaxOidcProvidersPerAccount) {
    return LimitExceeded("Cannot exceed quota for OpenIdConnectProvidersPerAccount: " +
                         std::to_string(kMaxOidcProvidersPerAccount));
  }
  OidcProvider p;
  p.arn = arn;
  p.url = url;
  p.client_ids = std::move(unique_ids);
  p.thumbprints = std::move(thumbprints);
  p.created = ctx.now;
  p.tags = std::move(tags);
  const OidcProvider& stored = ctx.st.oidc_providers.emplace(arn, std::move(p)).first->second;
  ctx.dirty.oidc_providers.insert(arn);
  XmlWriter w = BeginResult(ctx);
  w.Element("OpenIDConnectProviderArn", arn);
  if (!stored.tags.empty()) WriteTags(w, stored.tags);
  return EndResult(ctx, std::move(w));
}

void WriteList(XmlWriter& w, std::string_view element, const std::vector<std::string>& items) {
  w.Open(element);
  for (const auto& i : items) w.Element("member", i);
  w.Close();
}

Result<std::string> GetOpenIDConnectProvider(Ctx& ctx) {
  EMU_ASSIGN(p, OidcParam(ctx));
  XmlWriter w = BeginResult(ctx);
  w.Element("Url", OidcResource(p->url));
  WriteList(w, "ClientIDList", p->client_ids);
  WriteList(w, "ThumbprintList", p->thumbprints);
  w.Element("CreateDate", text::FormatIso8601(p->created));
  WriteTags(w, p->tags);
  return EndResult(ctx, std::move(w));
}

Result<std::string> DeleteOpenIDConnectProvider(Ctx& ctx) {
  EMU_ASSIGN(p, OidcParam(ctx));
  std::string arn = p->arn;
  ctx.st.oidc_providers.erase(arn);
  ctx.dirty.oidc_providers.insert(arn);
  return EmptyResult(ctx);
}

Result<std::string> ListOpenIDConnectProviders(Ctx& ctx) {
  XmlWriter w = BeginResult(ctx);
  w.Open("OpenIDConnectProviderList");
  for (const auto& [arn, p] : ctx.st.oidc_providers) {
    w.Open("member");
    w.Element("Arn", arn);
    w.Close();
  }
  w.Close();
  return EndResult(ctx, std::move(w));
}

Result<std::string> ClientIdParam(const Ctx& ctx) {
  EMU_ASSIGN(id, Required(ctx, "ClientID"));
  AIC_RETURN_IF_ERROR(CheckLength("ClientID", id, 1, kMaxClientIdLength, true));
  return id;
}

Result<std::string> AddClientIDToOpenIDConnectProvider(Ctx& ctx) {
  EMU_ASSIGN(id, ClientIdParam(ctx));
  EMU_ASSIGN(p, OidcParam(ctx));
  if (std::find(p->client_ids.begin(), p->client_ids.end(), id) != p->client_ids.end()) {
    return EmptyResult(ctx);
  }
  AIC_RETURN_IF_ERROR(ClientIdQuota(p->client_ids.size() + 1));
  p->client_ids.push_back(id);
  ctx.dirty.oidc_providers.insert(p->arn);
  return EmptyResult(ctx);
}

Result<std::string> RemoveClientIDFromOpenIDConnectProvider(Ctx& ctx) {
  EMU_ASSIGN(id, ClientIdParam(ctx));
  EMU_ASSIGN(p, OidcParam(ctx));
  if (std::erase(p->client_ids, id) > 0) ctx.dirty.oidc_providers.insert(p->arn);
  return EmptyResult(ctx);
}

Result<std::string> UpdateOpenIDConnectProviderThumbprint(Ctx& ctx) {
  std::vector<std::string> thumbprints = MemberList(ctx, "ThumbprintList");
  std::string failure = ThumbprintFailure(thumbprints);
  if (!failure.empty()) return ValidationErrors({failure});
  AIC_RETURN_IF_ERROR(CheckThumbprintCount(thumbprints));
  EMU_ASSIGN(p, OidcParam(ctx));
  p->thumbprints = std::move(thumbprints);
  ctx.dirty.oidc_providers.insert(p->arn);
  return EmptyResult(ctx);
}

Result<std::string> TagOpenIDConnectProvider(Ctx& ctx) {
  EMU_ASSIGN(p, OidcParam(ctx));
  EMU_ASSIGN(tags, TagList(ctx));
  AIC_RETURN_IF_ERROR(MergeTags(p->tags, tags));
  ctx.dirty.oidc_providers.insert(p->arn);
  return EmptyResult(ctx);
}

Result<std::string> UntagOpenIDConnectProvider(Ctx& ctx) {
  EMU_ASSIGN(p, OidcParam(ctx));
  EMU_ASSIGN(keys, TagKeysParam(ctx));
  RemoveTags(p->tags, keys);
  ctx.dirty.oidc_providers.insert(p->arn);
  return EmptyResult(ctx);
}

Result<std::string> ListOpenIDConnectProviderTags(Ctx& ctx) {
  EMU_ASSIGN(p, OidcParam(ctx));
  return TagPageResult(ctx, p->tags);
}

}  // namespace

void RegisterIdentityProviderActions(ActionTable& t) {
  t["CreateSAMLProvider"] = {CreateSAMLProvider, true};
  t["GetSAMLProvider"] = {GetSAMLProvider, false};
  t["UpdateSAMLProvider"] = {UpdateSAMLProvider, true};
  t["DeleteSAMLProvider"] = {DeleteSAMLProvider, true};
  t["ListSAMLProviders"] = {ListSAMLProviders, false};
  t["TagSAMLProvider"] = {TagSAMLProvider, true};
  t["UntagSAMLProvider"] = {UntagSAMLProvider, true};
  t["ListSAMLProviderTags"] = {ListSAMLProviderTags, false};
  t["CreateOpenIDConnectProvider"] = {CreateOpenIDConnectProvider, true};
  t["GetOpenIDConnectProvider"] = {GetOpenIDConnectProvider, false};
  t["DeleteOpenIDConnectProvider"] = {DeleteOpenIDConnectProvider, true};
  t["ListOpenIDConnectProviders"] = {ListOpenIDConnectProviders, false};
  t["AddClientIDToOpenIDConnectProvider"] = {AddClientIDToOpenIDConnectProvider, true};
  t["RemoveClientIDFromOpenIDConnectProvider"] = {RemoveClientIDFromOpenIDConnectProvider, true};
  t["UpdateOpenIDConnectProviderThumbprint"] = {UpdateOpenIDConnectProviderThumbprint, true};
  t["TagOpenIDConnectProvider"] = {TagOpenIDConnectProvider, true};
  t["UntagOpenIDConnectProvider"] = {UntagOpenIDConnectProvider, true};
  t["ListOpenIDConnectProviderTags"] = {ListOpenIDConnectProviderTags, false};
}

}  // namespace aic::emulator::state
