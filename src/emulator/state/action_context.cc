#include "emulator/state/action_context.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "common/text_codec.h"
#include "emulator/state/policy_grammar.h"

namespace aic::emulator::state {
namespace {

// AWS names members in validation messages in lowerCamelCase ("userName").
std::string MemberName(std::string_view param) {
  std::string s(param);
  if (!s.empty()) s[0] = text::AsciiLower(s[0]);
  return s;
}

bool IsNameChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '+' || c == '=' || c == ',' || c == '.' || c == '@' || c == '-';
}

bool IsPathChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
         c == ',' || c == '+' || c == '@' || c == '=' || c == '_' || c == '-';
}

bool ValidPath(std::string_view p) {
  if (p.empty() || p.front() != '/' || p.back() != '/') return false;
  if (p.size() == 1) return true;
  // "/seg/seg/": no empty segments.
  std::size_t i = 1;
  while (i < p.size()) {
    std::size_t j = p.find('/', i);
    if (j == i) return false;
    for (std::size_t k = i; k < j; ++k) {
      if (!IsPathChar(p[k])) return false;
    }
    i = j + 1;
  }
  return true;
}

}  // namespace

const std::string* Ctx::Param(std::string_view name) const {
  auto it = req.params.find(std::string(name));
  return it == req.params.end() ? nullptr : &it->second;
}

std::string_view Ctx::Namespace() const {
  return req.service == "sts" ? kStsNamespace : kIamNamespace;
}

std::string_view Ctx::Partition() const {
  std::string_view r = req.region;
  if (r.rfind("cn-", 0) == 0) return "aws-cn";
  if (r.rfind("us-gov-", 0) == 0) return "aws-us-gov";
  if (r.rfind("us-isob-", 0) == 0) return "aws-iso-b";
  if (r.rfind("us-iso-", 0) == 0) return "aws-iso";
  return "aws";
}

std::string Ctx::Arn(std::string_view service, std::string_view resource) const {
  std::string arn = "arn:";
  arn.append(Partition()).append(":").append(service).append("::").append(account);
  arn.append(":").append(resource);
  return arn;
}

Status AwsError(std::string_view code, int http_status, std::string message) {
  AwsErrorDetail d;
  d.code = std::string(code);
  d.type = http_status >= 500 ? "Receiver" : "Sender";
  d.message = message;
  d.http_status = http_status;
  ErrorCode ec = ErrorCode::kInvalidInput;
  if (code == "NoSuchEntity") ec = ErrorCode::kUnknownUid;
  if (code == "EntityAlreadyExists") ec = ErrorCode::kAlreadyExists;
  if (code == "DeleteConflict") ec = ErrorCode::kConflict;
  if (code == "LimitExceeded") ec = ErrorCode::kLimitExceeded;
  if (code == "PasswordPolicyViolation") ec = ErrorCode::kPasswordPolicyViolation;
  if (http_status >= 500) ec = ErrorCode::kInternal;
  return Status(ec, std::move(message), std::move(d));
}

Status NoSuchEntity(std::string m) { return AwsError("NoSuchEntity", 404, std::move(m)); }
Status AlreadyExists(std::string m) { return AwsError("EntityAlreadyExists", 409, std::move(m)); }
Status DeleteConflict(std::string m) { return AwsError("DeleteConflict", 409, std::move(m)); }
Status LimitExceeded(std::string m) { return AwsError("LimitExceeded", 409, std::move(m)); }
Status InvalidInput(std::string m) { return AwsError("InvalidInput", 400, std::move(m)); }
Status ValidationError(std::string m) { return AwsError("ValidationError", 400, std::move(m)); }
Status MalformedPolicy(std::string m) {
  return AwsError("MalformedPolicyDocument", 400, std::move(m));
}
Status NoSuchUser(std::string_view name) {
  return NoSuchEntity("The user with name " + std::string(name) + " cannot be found.");
}
Status NoSuchGroup(std::string_view name) {
  return NoSuchEntity("The group with name " + std::string(name) + " cannot be found.");
}

Result<User*> UserParam(Ctx& ctx, std::string_view param) {
  EMU_ASSIGN(name, Required(ctx, param));
  User* u = ctx.st.FindUser(name);
  if (u == nullptr) return NoSuchUser(name);
  return u;
}

Result<User*> UserParamOrCaller(Ctx& ctx) {
  if (ctx.Param("UserName") != nullptr) return UserParam(ctx);
  auto it = ctx.st.users_by_id.find(ctx.req.caller.user_id);
  if (it == ctx.st.users_by_id.end()) {
    return ValidationError("Must specify userName when calling with non-User credentials");
  }
  return it->second;
}

Result<Group*> GroupParam(Ctx& ctx, std::string_view param) {
  EMU_ASSIGN(name, Required(ctx, param));
  Group* g = ctx.st.FindGroup(name);
  if (g == nullptr) return NoSuchGroup(name);
  return g;
}

Result<std::string> Required(const Ctx& ctx, std::string_view name) {
  const std::string* v = ctx.Param(name);
  if (v == nullptr) {
    return ValidationError("1 validation error detected: Value null at '" + MemberName(name) +
                           "' failed to satisfy constraint: Member must not be null");
  }
  return *v;
}

Status CheckName(std::string_view param, std::string_view value, std::size_t max_len) {
  if (value.empty() || value.size() > max_len) {
    return ValidationError("1 validation error detected: Value '" + std::string(value) + "' at '" +
                           MemberName(param) +
                           "' failed to satisfy constraint: Member must have length between 1 "
                           "and " +
                           std::to_string(max_len));
  }
  for (char c : value) {
    if (!IsNameChar(c)) {
      return ValidationError("1 validation error detected: Value '" + std::string(value) +
                             "' at '" + MemberName(param) +
                             "' failed to satisfy constraint: Member must satisfy regular "
                             "expression pattern: [\\w+=,.@-]+");
    }
  }
  return Status::Ok();
}

Result<std::string> RequiredName(const Ctx& ctx, std::string_view name, std::size_t max_len) {
  auto v = Required(ctx, name);
  if (!v.ok()) return v.status();
  AIC_RETURN_IF_ERROR(CheckName(name, *v, max_len));
  return v;
}

Result<std::string> OptionalPath(const Ctx& ctx, std::string_view name) {
  const std::string* v = ctx.Param(name);
  if (v == nullptr) return std::string("/");
  if (v->size() > kMaxPathLength || !ValidPath(*v)) {
    // AWS's own message, not the model pattern's (LocalStack test_iam_mfa.snapshot.json,
    // test_virtual_mfa_device_errors); the input validator reports a too long path first.
    return ValidationError(
        "The specified value for path is invalid. It must begin and end with / and contain only "
        "alphanumeric characters and/or / characters.");
  }
  return *v;
}

Result<bool> OptionalBool(const Ctx& ctx, std::string_view name, bool fallback) {
  const std::string* v = ctx.Param(name);
  if (v == nullptr) return fallback;
  std::string s = text::AsciiLower(*v);
  if (s == "true") return true;
  if (s == "false") return false;
  return ValidationError("1 validation error detected: Value '" + *v + "' at '" + MemberName(name) +
                         "' failed to satisfy constraint: Member must be a "
                         "boolean");
}

Result<int> OptionalInt(const Ctx& ctx, std::string_view name, int fallback, int min, int max) {
  const std::string* v = ctx.Param(name);
  if (v == nullptr) return fallback;
  long long n = 0;
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || ptr != v->data() + v->size()) {
    return ValidationError("1 validation error detected: Value '" + *v + "' at '" +
                           MemberName(name) +
                           "' failed to satisfy constraint: Member must be "
                           "an integer");
  }
  if (n < min) {
    return ValidationError("1 validation error detected: Value '" + *v + "' at '" +
                           MemberName(name) +
                           "' failed to satisfy constraint: Member must have value greater than "
                           "or equal to " +
                           std::to_string(min));
  }
  if (n > max) {
    return ValidationError("1 validation error detected: Value '" + *v + "' at '" +
                           MemberName(name) +
                           "' failed to satisfy constraint: Member must have value less than or "
                           "equal to " +
                           std::to_string(max));
  }
  return static_cast<int>(n);
}

Result<int> MaxItems(const Ctx& ctx) {
  return OptionalInt(ctx, "MaxItems", kDefaultMaxItems, 1, kMaxMaxItems);
}

Result<std::string> MarkerKey(const Ctx& ctx) {
  const std::string* v = ctx.Param("Marker");
  if (v == nullptr) return std::string();
  auto decoded = text::HexDecode(*v);
  if (!decoded || v->empty()) return ValidationError("Invalid Marker.");
  return *decoded;
}

std::vector<std::string> MemberList(const Ctx& ctx, std::string_view prefix) {
  std::vector<std::string> out;
  for (int i = 1;; ++i) {
    const std::string* v = ctx.Param(std::string(prefix) + ".member." + std::to_string(i));
    if (v == nullptr) break;
    out.push_back(*v);
  }
  return out;
}

Result<std::vector<Tag>> TagList(const Ctx& ctx, std::string_view prefix) {
  std::vector<Tag> tags;
  for (int i = 1;; ++i) {
    std::string base = std::string(prefix) + ".member." + std::to_string(i);
    const std::string* key = ctx.Param(base + ".Key");
    const std::string* value = ctx.Param(base + ".Value");
    if (key == nullptr && value == nullptr) break;
    if (key == nullptr || value == nullptr) {
      return ValidationError("1 validation error detected: Value null at 'tags." +
                             std::to_string(i) + ".member." + (key ? "value" : "key") +
                             "' failed to satisfy constraint: Member must not be null");
    }
    if (key->empty() || key->size() > kMaxTagKeyLength) {
      return ValidationError("1 validation error detected: Value '" + *key + "' at 'tags." +
                             std::to_string(i) +
                             ".member.key' failed to satisfy constraint: "
                             "Member must have length between 1 and 128");
    }
    if (value->size() > kMaxTagValueLength) {
      return ValidationError("1 validation error detected: Value at 'tags." + std::to_string(i) +
                             ".member.value' failed to satisfy constraint: Member must have "
                             "length less than or equal to 256");
    }
    for (const auto& t : tags) {
      if (text::AsciiLower(t.key) == text::AsciiLower(*key)) {
        return InvalidInput(
            "Duplicate tag keys found. Please note that Tag keys are "
            "case insensitive.");
      }
    }
    tags.push_back({*key, *value});
  }
  if (tags.size() > kMaxTagsPerEntity) {
    return LimitExceeded("The number of tags has reached the maximum limit.");
  }
  return tags;
}

Status MergeTags(std::vector<Tag>& tags, const std::vector<Tag>& add) {
  std::vector<Tag> merged = tags;
  for (const auto& t : add) {
    bool replaced = false;
    for (auto& m : merged) {
      if (text::AsciiLower(m.key) == text::AsciiLower(t.key)) {
        m.value = t.value;
        replaced = true;
      }
    }
    if (!replaced) merged.push_back(t);
  }
  if (merged.size() > kMaxTagsPerEntity) {
    return LimitExceeded("The number of tags has reached the maximum limit.");
  }
  tags = std::move(merged);
  return Status::Ok();
}

Status CheckPolicyDocument(std::string_view doc, std::size_t max_len) {
  if (PolicySize(doc) > max_len) {
    return LimitExceeded("Cannot exceed quota for PolicySize: " + std::to_string(max_len));
  }
  return CheckPolicyGrammar(doc, PolicyKind::kIdentity);
}

Status CheckInlinePolicyDocument(const std::map<std::string, std::string>& policies,
                                 std::string_view name, std::string_view doc, std::size_t max_len,
                                 std::string_view kind, std::string_view owner) {
  std::size_t total = PolicySize(doc);
  for (const auto& [other, text] : policies) {
    if (other != name) total += PolicySize(text);
  }
  if (total > max_len) {
    return LimitExceeded("Maximum policy size of " + std::to_string(max_len) +
                         " bytes exceeded for " + std::string(kind) + " " + std::string(owner));
  }
  return CheckPolicyGrammar(doc, PolicyKind::kIdentity);
}

Status CheckTrustPolicyDocument(std::string_view doc) {
  if (PolicySize(doc) > kMaxTrustPolicyDocumentLength) {
    return LimitExceeded("Cannot exceed quota for ACLSizePerRole: " +
                         std::to_string(kMaxTrustPolicyDocumentLength));
  }
  return CheckPolicyGrammar(doc, PolicyKind::kTrust);
}

Status CheckPolicyArn(std::string_view arn) {
  // arn:aws:iam::(ACCOUNT|aws):policy/...
  constexpr std::string_view kPrefix = "arn:aws:iam::";
  bool ok = arn.substr(0, kPrefix.size()) == kPrefix;
  if (ok) {
    std::string_view rest = arn.substr(kPrefix.size());
    std::size_t colon = rest.find(':');
    ok = colon != std::string_view::npos && colon > 0 && rest.substr(colon + 1, 7) == "policy/" &&
         rest.size() > colon + 8;
  }
  if (!ok) return InvalidInput("ARN " + std::string(arn) + " is not valid.");
  return Status::Ok();
}

Result<std::string> RequiredStatus(const Ctx& ctx) {
  auto v = Required(ctx, "Status");
  if (!v.ok()) return v.status();
  if (*v != "Active" && *v != "Inactive") {
    return ValidationError("1 validation error detected: Value '" + *v +
                           "' at 'status' failed to satisfy constraint: Member must satisfy "
                           "enum value set: [Active, Inactive]");
  }
  return v;
}

XmlWriter BeginResult(const Ctx& ctx) {
  XmlWriter w;
  w.Open(ctx.req.action + "Response", ctx.Namespace());
  w.Open(ctx.req.action + "Result");
  return w;
}

std::string EndResult(const Ctx& ctx, XmlWriter&& w) {
  w.Close();
  w.ResponseMetadata(ctx.req.request_id);
  return std::move(w).Finish();
}

std::string EmptyResult(const Ctx& ctx) {
  XmlWriter w;
  w.Open(ctx.req.action + "Response", ctx.Namespace());
  w.ResponseMetadata(ctx.req.request_id);
  return std::move(w).Finish();
}

std::string UserArn(const Ctx& ctx, const User& u) {
  return ctx.Arn("iam", "user" + u.path + u.name);
}

std::string GroupArn(const Ctx& ctx, const Group& g) {
  return ctx.Arn("iam", "group" + g.path + g.name);
}

void WriteTags(XmlWriter& w, const std::vector<Tag>& tags, std::string_view element) {
  w.Open(element);
  for (const auto& t : tags) {
    w.Open("member");
    w.Element("Key", t.key);
    w.Element("Value", t.value);
    w.Close();
  }
  w.Close();
}

void WriteUser(XmlWriter& w, const Ctx& ctx, const User& u, std::string_view element,
               UserView view) {
  w.Open(element);
  w.Element("Path", u.path);
  w.Element("UserName", u.name);
  w.Element("UserId", u.id);
  w.Element("Arn", UserArn(ctx, u));
  w.Element("CreateDate", text::FormatIso8601(u.created));
  if (u.password_last_used)
    w.Element("PasswordLastUsed", text::FormatIso8601(*u.password_last_used));
  if (!u.boundary_arn.empty() && view == UserView::kFull) {
    w.Open("PermissionsBoundary");
    w.Element("PermissionsBoundaryType", "PermissionsBoundaryPolicy");
    w.Element("PermissionsBoundaryArn", u.boundary_arn);
    w.Close();
  }
  if (!u.tags.empty() && view == UserView::kFull) WriteTags(w, u.tags);
  w.Close();
}

void WriteGroup(XmlWriter& w, const Ctx& ctx, const Group& g, std::string_view element) {
  w.Open(element);
  w.Element("Path", g.path);
  w.Element("GroupName", g.name);
  w.Element("GroupId", g.id);
  w.Element("Arn", GroupArn(ctx, g));
  w.Element("CreateDate", text::FormatIso8601(g.created));
  w.Close();
}

void WritePolicy(XmlWriter& w, const ManagedPolicy& p, std::string_view element, bool with_tags) {
  WritePolicy(w, p, element, with_tags ? PolicyView::kGet : PolicyView::kList);
}

void WritePolicy(XmlWriter& w, const ManagedPolicy& p, std::string_view element, PolicyView view) {
  w.Open(element);
  w.Element("PolicyName", p.name);
  w.Element("PolicyId", p.id);
  w.Element("Arn", p.arn);
  w.Element("Path", p.path);
  w.Element("DefaultVersionId", p.default_version);
  w.Element("AttachmentCount", static_cast<long long>(p.attachment_count));
  w.Element("PermissionsBoundaryUsageCount", static_cast<long long>(p.boundary_usage_count));
  w.Element("IsAttachable", true);
  if (!p.description.empty() && view == PolicyView::kGet) {
    w.Element("Description", p.description);
  }
  w.Element("CreateDate", text::FormatIso8601(p.created));
  w.Element("UpdateDate", text::FormatIso8601(p.updated));
  if (view == PolicyView::kGet || (view == PolicyView::kCreate && !p.tags.empty())) {
    WriteTags(w, p.tags);
  }
  w.Close();
}

Result<IndexPage> PageIndex(const Ctx& ctx, std::size_t total) {
  auto max = MaxItems(ctx);
  if (!max.ok()) return max.status();
  auto key = MarkerKey(ctx);
  if (!key.ok()) return key.status();
  IndexPage p;
  if (!key->empty()) {
    std::size_t start = 0;
    auto [ptr, ec] = std::from_chars(key->data(), key->data() + key->size(), start);
    if (ec != std::errc() || ptr != key->data() + key->size()) {
      return ValidationError("Invalid Marker.");
    }
    p.begin = std::min(start, total);
  }
  p.end = std::min(total, p.begin + static_cast<std::size_t>(*max));
  if (p.end < total) {
    p.page.truncated = true;
    p.page.next_key = std::to_string(p.end);
  }
  return p;
}

void WritePaging(XmlWriter& w, const PageEnd& end) {
  w.Element("IsTruncated", end.truncated);
  if (end.truncated) w.Element("Marker", text::HexEncode(end.next_key));
}

Result<std::string> ListAttachedPolicies(Ctx& ctx, const std::vector<std::string>& attached) {
  const std::string* prefix = ctx.Param("PathPrefix");
  std::vector<const ManagedPolicy*> list;
  for (const auto& arn : attached) {
    const ManagedPolicy* p = ctx.st.FindPolicy(arn);
    if (p != nullptr && (prefix == nullptr || p->path.rfind(*prefix, 0) == 0)) list.push_back(p);
  }
  EMU_ASSIGN(page, PageIndex(ctx, list.size()));
  XmlWriter w = BeginResult(ctx);
  w.Open("AttachedPolicies");
  for (std::size_t i = page.begin; i < page.end; ++i) {
    w.Open("member");
    w.Element("PolicyName", list[i]->name);
    w.Element("PolicyArn", list[i]->arn);
    w.Close();
  }
  w.Close();
  WritePaging(w, page.page);
  return EndResult(ctx, std::move(w));
}

Result<std::string> TagPageResult(const Ctx& ctx, const std::vector<Tag>& tags) {
  EMU_ASSIGN(page, PageIndex(ctx, tags.size()));
  XmlWriter w = BeginResult(ctx);
  w.Open("Tags");
  for (std::size_t i = page.begin; i < page.end; ++i) {
    w.Open("member");
    w.Element("Key", tags[i].key);
    w.Element("Value", tags[i].value);
    w.Close();
  }
  w.Close();
  WritePaging(w, page.page);
  return EndResult(ctx, std::move(w));
}

}  // namespace aic::emulator::state
