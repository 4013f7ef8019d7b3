// Small helpers for reading AWS Query XML with pugixml: child lookup by local name (namespace
// prefixes ignored), trimmed text, booleans, integers, dates normalised to whole-second UTC
// ISO 8601, URL-decoded policy documents and `<member>` lists.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "aws_iam_connector/iam_types.h"

namespace aic::xml {

// The element's name without a namespace prefix ("ns:Foo" -> "Foo").
std::string_view LocalName(pugi::xml_node node);
// The first child element called `name` (local name), or a null node.
pugi::xml_node Child(pugi::xml_node node, std::string_view name);
// Text of the child, leading/trailing whitespace trimmed; empty when absent.
std::string Text(pugi::xml_node node, std::string_view name);
// Text of the node itself, trimmed.
std::string OwnText(pugi::xml_node node);
// "true"/"false" (case-insensitive); `fallback` when absent or other.
bool Bool(pugi::xml_node node, std::string_view name, bool fallback = false);
// Decimal integer; `fallback` when absent or malformed.
std::int64_t Int(pugi::xml_node node, std::string_view name, std::int64_t fallback = 0);
// Date normalised with text::NormalizeIso8601(); empty when absent.
std::string Date(pugi::xml_node node, std::string_view name);
// Policy document: trimmed and URL-decoded (AWS sends them RFC 3986 encoded).
std::string PolicyDocument(pugi::xml_node node, std::string_view name);
// The <member> children of child `name` (none when absent).
std::vector<pugi::xml_node> Members(pugi::xml_node node, std::string_view name);

// Shared shape readers.
std::vector<Tag> Tags(pugi::xml_node node, std::string_view name = "Tags");
PermissionsBoundary Boundary(pugi::xml_node node);  // reads child <PermissionsBoundary>
User ReadUser(pugi::xml_node node);
Group ReadGroup(pugi::xml_node node);
ManagedPolicy ReadPolicy(pugi::xml_node node);
PolicyVersion ReadPolicyVersion(pugi::xml_node node);
AttachedPolicy ReadAttachedPolicy(pugi::xml_node node);
std::vector<AttachedPolicy> AttachedPolicies(pugi::xml_node node, std::string_view name);
// Reads IsTruncated and Marker of a list result into `page`.
template <class T>
void ReadPaging(pugi::xml_node result, Page<T>& page) {
  page.is_truncated = Bool(result, "IsTruncated");
  page.marker = page.is_truncated ? Text(result, "Marker") : std::string();
}

}  // namespace aic::xml
