#include "iam/xml_util.h"

#include <cctype>
#include <charconv>
#include <cstdio>
#include <ctime>

#include "iam/form_encoding.h"

namespace aic::xml {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool ParseDigits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

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
  return std::string(Trim(node.child_value()));
}

std::string Text(pugi::xml_node node, std::string_view name) {
  pugi::xml_node c = Child(node, name);
  return c ? OwnText(c) : std::string();
}

bool Bool(pugi::xml_node node, std::string_view name, bool fallback) {
  std::string t = Text(node, name);
  for (char& ch : t) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (t == "true") return true;
  if (t == "false") return false;
  return fallback;
}

std::int64_t Int(pugi::xml_node node, std::string_view name, std::int64_t fallback) {
  std::string t = Text(node, name);
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || ptr != t.data() + t.size() || t.empty()) return fallback;
  return v;
}

std::string NormalizeDate(std::string_view text) {
  std::string_view s = Trim(text);
  int y, mo, d, h, mi, sec;
  if (!ParseDigits(s, 0, 4, y) || s.size() < 19 || s[4] != '-' || !ParseDigits(s, 5, 2, mo) ||
      s[7] != '-' || !ParseDigits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
      !ParseDigits(s, 11, 2, h) || s[13] != ':' || !ParseDigits(s, 14, 2, mi) || s[16] != ':' ||
      !ParseDigits(s, 17, 2, sec)) {
    return std::string(s);
  }
  std::size_t pos = 19;
  if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
  }
  long offset_seconds = 0;
  if (pos == s.size() || ((s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size())) {
    // UTC
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh = 0, om = 0;
    std::size_t p = pos + 1;
    if (!ParseDigits(s, p, 2, oh)) return std::string(s);
    p += 2;
    if (p < s.size() && s[p] == ':') ++p;
    if (p < s.size() && !ParseDigits(s, p, 2, om)) return std::string(s);
    if (p < s.size()) p += 2;
    if (p != s.size()) return std::string(s);
    offset_seconds = (oh * 3600L + om * 60L) * (s[pos] == '+' ? 1 : -1);
  } else {
    return std::string(s);
  }
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = sec;
  std::time_t t = timegm(&tm) - offset_seconds;
  std::tm out{};
  gmtime_r(&t, &out);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", out.tm_year + 1900,
                out.tm_mon + 1, out.tm_mday, out.tm_hour, out.tm_min, out.tm_sec);
  return buf;
}

std::string Date(pugi::xml_node node, std::string_view name) {
  pugi::xml_node c = Child(node, name);
  return c ? NormalizeDate(c.child_value()) : std::string();
}

std::string PolicyDocument(pugi::xml_node node, std::string_view name) {
  return UriDecode(Text(node, name));
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
