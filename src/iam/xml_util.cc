#include "iam/xml_util.h"

#include <charconv>

#include "common/text_codec.h"
#include "iam/form_encoding.h"

namespace aic::xml {

std::string_view LocalName(pugi::xml_node node) {
  std::string_view name = node.name();
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c) == name) return c;
  }
  return {};
}

std::string OwnText(pugi::xml_node node) {
  // child_value() returns the first PCDATA/CDATA child, which is what AWS sends.
  return std::string(text::TrimAsciiSpace(node.child_value()));
}

std::string Text(pugi::xml_node node, std::string_view name) {
  pugi::xml_node c = Child(node, name);
  return c ? OwnText(c) : std::string();
}

bool Bool(pugi::xml_node node, std::string_view name, bool fallback) {
  std::string t = Text(node, name);
  if (text::EqualsIgnoreCase(t, "true")) return true;
  if (text::EqualsIgnoreCase(t, "false")) return false;
  return fallback;
}

std::int64_t Int(pugi::xml_node node, std::string_view name, std::int64_t fallback) {
  std::string t = Text(node, name);
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || ptr != t.data() + t.size() || t.empty()) return fallback;
  return v;
}

std::string Date(pugi::xml_node node, std::string_view name) {
  pugi::xml_node c = Child(node, name);
  return c ? text::NormalizeIso8601(c.child_value()) : std::string();
}

std::string PolicyDocument(pugi::xml_node node, std::string_view name) {
  return text::PercentDecodeLenient(Text(node, name));
}

std::vector<pugi::xml_node> Members(pugi::xml_node node, std::string_view name) {
  std::vector<pugi::xml_node> out;
  pugi::xml_node list = Child(node, name);
  for (pugi::xml_node c = list.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c) == "member") out.push_back(c);
  }
  return out;
}

std::vector<Tag> Tags(pugi::xml_node node, std::string_view name) {
  std::vector<Tag> tags;
  for (pugi::xml_node m : Members(node, name)) {
    tags.push_back(Tag{Text(m, "Key"), Text(m, "Value")});
  }
  return tags;
}

PermissionsBoundary Boundary(pugi::xml_node node) {
  pugi::xml_node b = Child(node, "PermissionsBoundary");
  return PermissionsBoundary{Text(b, "PermissionsBoundaryType"), Text(b, "PermissionsBoundaryArn")};
}

User ReadUser(pugi::xml_node node) {
  User u;
  u.path = Text(node, "Path");
  u.user_name = Text(node, "UserName");
  u.user_id = Text(node, "UserId");
  u.arn = Text(node, "Arn");
  u.create_date = Date(node, "CreateDate");
  u.password_last_used = Date(node, "PasswordLastUsed");
  u.permissions_boundary = Boundary(node);
  u.tags = Tags(node);
  return u;
}

Group ReadGroup(pugi::xml_node node) {
  Group g;
  g.path = Text(node, "Path");
  g.group_name = Text(node, "GroupName");
  g.group_id = Text(node, "GroupId");
  g.arn = Text(node, "Arn");
  g.create_date = Date(node, "CreateDate");
  return g;
}

ManagedPolicy ReadPolicy(pugi::xml_node node) {
  ManagedPolicy p;
  p.policy_name = Text(node, "PolicyName");
  p.policy_id = Text(node, "PolicyId");
  p.arn = Text(node, "Arn");
  p.path = Text(node, "Path");
  p.default_version_id = Text(node, "DefaultVersionId");
  p.attachment_count = Int(node, "AttachmentCount");
  p.permissions_boundary_usage_count = Int(node, "PermissionsBoundaryUsageCount");
  p.is_attachable = Bool(node, "IsAttachable");
  p.description = Text(node, "Description");
  p.create_date = Date(node, "CreateDate");
  p.update_date = Date(node, "UpdateDate");
  p.tags = Tags(node);
  return p;
}

PolicyVersion ReadPolicyVersion(pugi::xml_node node) {
  PolicyVersion v;
  v.document = PolicyDocument(node, "Document");
  v.version_id = Text(node, "VersionId");
  v.is_default_version = Bool(node, "IsDefaultVersion");
  v.create_date = Date(node, "CreateDate");
  return v;
}

AttachedPolicy ReadAttachedPolicy(pugi::xml_node node) {
  return AttachedPolicy{Text(node, "PolicyName"), Text(node, "PolicyArn")};
}

std::vector<AttachedPolicy> AttachedPolicies(pugi::xml_node node, std::string_view name) {
  std::vector<AttachedPolicy> out;
  for (pugi::xml_node m : Members(node, name)) out.push_back(ReadAttachedPolicy(m));
  return out;
}

}  // namespace aic::xml
