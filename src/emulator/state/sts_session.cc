#include "emulator/state/sts_session.h"

#include <nlohmann/json.hpp>

#include "common/text_codec.h"
#include "emulator/state/role_actions.h"

namespace aic::emulator::state {
namespace {

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("_+=,.@-").find(c) != std::string_view::npos;
}

std::string Lower1(std::string_view param) {
  std::string m(param);
  if (!m.empty()) m[0] = text::AsciiLower(m[0]);
  return m;
}

Status PatternError(std::string_view param, const std::string& value, std::string_view pattern) {
  return ValidationError("1 validation error detected: Value '" + value + "' at '" + Lower1(param) +
                         "' failed to satisfy constraint: Member must satisfy regular "
                         "expression pattern: " +
                         std::string(pattern));
}

Status LengthError(std::string_view param, const std::string& value, std::size_t min,
                   std::size_t max) {
  return ValidationError("1 validation error detected: Value '" + value + "' at '" + Lower1(param) +
                         "' failed to satisfy constraint: Member must have length between " +
                         std::to_string(min) + " and " + std::to_string(max));
}

// The policy without whitespace outside strings (what the packing counts).
std::size_t CompactSize(std::string_view doc) {
  std::size_t n = 0;
  bool in_string = false, escaped = false;
  for (char c : doc) {
    if (in_string) {
      ++n;
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
      ++n;
    } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      ++n;
    }
  }
  return n;
}

bool IsTagChar(unsigned char c) {
  // [\p{L}\p{Z}\p{N}_.:/=+\-@]: ASCII letters, digits, space and the symbols; any non-ASCII
  // byte is let through (letters of other scripts).
  return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view(" _.:/=+-@").find(c) != std::string_view::npos;
}

}  // namespace

Status CheckNameParam(std::string_view param, const std::string& value, std::size_t min,
                      std::size_t max, std::string_view pattern) {
  if (value.size() < min || value.size() > max) return LengthError(param, value, min, max);
  for (char c : value) {
    if (!IsNameChar(c)) return PatternError(param, value, pattern);
  }
  return Status::Ok();
}

Status CheckExternalId(const std::string& value) {
  if (value.size() < 2 || value.size() > 1224) return LengthError("ExternalId", value, 2, 1224);
  for (char c : value) {
    if (!IsNameChar(c) && c != ':' && c != '/') {
      return PatternError("ExternalId", value, "[\\w+=,.@:\\/-]*");
    }
  }
  return Status::Ok();
}

Status CheckSerialNumber(const std::string& value) {
  if (value.size() < 9 || value.size() > 256) return LengthError("SerialNumber", value, 9, 256);
  for (char c : value) {
    if (!IsNameChar(c) && c != ':' && c != '/') {
      return PatternError("SerialNumber", value, "[\\w+=/:,.@-]*");
    }
  }
  return Status::Ok();
}

Status CheckTokenCode(const std::string& value) {
  if (value.size() != 6) return LengthError("TokenCode", value, 6, 6);
  for (char c : value) {
    if (c < '0' || c > '9') return PatternError("TokenCode", value, "[\\d]*");
  }
  return Status::Ok();
}

Result<bool> CheckMfaParams(const Ctx& ctx, const CallerPrincipal& caller) {
  const std::string* serial = ctx.Param("SerialNumber");
  const std::string* code = ctx.Param("TokenCode");
  if (serial) AIC_RETURN_IF_ERROR(CheckSerialNumber(*serial));
  if (code) AIC_RETURN_IF_ERROR(CheckTokenCode(*code));
  if (!serial && !code) return false;
  bool own = caller.user != nullptr && serial != nullptr && code != nullptr;
  if (own) {
    own = false;
    for (const auto& d : caller.user->mfa_devices) own = own || d.serial == *serial;
  }
  if (!own) {
    return StsAccessDenied(
        "MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA "
        "serial number is valid and associated with this user.");
  }
  return true;
}

Result<SessionInputs> SessionParams(const Ctx& ctx, bool with_tags) {
  SessionInputs in;
  if (const std::string* p = ctx.Param("Policy")) {
    if (p->empty() || p->size() > kMaxSessionPolicyLength) {
      return ValidationError(
          "1 validation error detected: Value at 'policy' failed to satisfy constraint: Member "
          "must have length less than or equal to " +
          std::to_string(kMaxSessionPolicyLength));
    }
    nlohmann::json j = nlohmann::json::parse(*p, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object() || !j.contains("Statement")) {
      return AwsError("MalformedPolicyDocument", 400,
                      j.is_discarded() ? "Syntax errors in policy."
                                       : "The policy is not in the valid JSON format.");
    }
    in.policy = *p;
  }
  for (int i = 1;; ++i) {
    const std::string* arn = ctx.Param("PolicyArns.member." + std::to_string(i) + ".arn");
    if (arn == nullptr) break;
    if (arn->size() < 20 || arn->size() > 2048) {
      return LengthError("policyArns." + std::to_string(i) + ".member.arn", *arn, 20, 2048);
    }
    if (arn->rfind("arn:", 0) != 0 || arn->find(":policy/") == std::string::npos) {
      return InvalidInput("ARN " + *arn + " is not valid.");
    }
    in.policy_arns.push_back(*arn);
  }
  if (in.policy_arns.size() > kMaxSessionPolicyArns) {
    return ValidationError(
        "1 validation error detected: Value at 'policyArns' failed to satisfy constraint: "
        "Member must have length less than or equal to " +
        std::to_string(kMaxSessionPolicyArns));
  }
  if (with_tags) {
    EMU_ASSIGN(tags, TagList(ctx, "Tags"));
    for (std::size_t i = 0; i < tags.size(); ++i) {
      for (unsigned char c : tags[i].key + tags[i].value) {
        if (!IsTagChar(c)) {
          return ValidationError("1 validation error detected: Value at 'tags." +
                                 std::to_string(i + 1) +
                                 ".member' failed to satisfy constraint: Member must satisfy "
                                 "regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
        }
      }
    }
    in.tags = std::move(tags);
    in.transitive = MemberList(ctx, "TransitiveTagKeys");
    if (in.transitive.size() > kMaxSessionTags) {
      return ValidationError(
          "1 validation error detected: Value at 'transitiveTagKeys' failed to satisfy "
          "constraint: Member must have length less than or equal to 50");
    }
    for (const auto& k : in.transitive) {
      bool found = false;
      for (const auto& t : in.tags) found = found || text::EqualsIgnoreCase(t.key, k);
      if (!found) {
        return InvalidInput(
            "The specified transitive tag key must be included in the requested "
            "tags.");
      }
    }
  }
  std::size_t bytes = CompactSize(in.policy);
  for (const auto& a : in.policy_arns) bytes += a.size() + 2;
  for (const auto& t : in.tags) bytes += t.key.size() + t.value.size() + 4;
  in.packed_percent = static_cast<int>((bytes * 100 + kPackedBudgetBytes - 1) / kPackedBudgetBytes);
  if (in.packed_percent > 100) {
    return AwsError("PackedPolicyTooLarge", 400,
                    "Packed policy consumes " + std::to_string(in.packed_percent) +
                        "% of allotted space, please use smaller policy for session.");
  }
  return in;
}

void WritePackedSize(XmlWriter& w, const SessionInputs& in) {
  if (in.any()) w.Element("PackedPolicySize", std::to_string(in.packed_percent));
}

std::string InPartition(std::string_view arn, std::string_view partition) {
  constexpr std::string_view kAws = "arn:aws:";
  if (arn.rfind(kAws, 0) != 0) return std::string(arn);
  return "arn:" + std::string(partition) + ":" + std::string(arn.substr(kAws.size()));
}

std::string_view PartitionOf(std::string_view arn) {
  if (arn.rfind("arn:", 0) != 0) return "aws";
  std::string_view rest = arn.substr(4);
  auto colon = rest.find(':');
  if (colon == std::string_view::npos || colon == 0) return "aws";
  return rest.substr(0, colon);
}

CallerPrincipal ResolveCaller(Ctx& ctx) {
  const Caller& c = ctx.req.caller;
  CallerPrincipal p;
  p.account = c.account_id.empty() ? ctx.account : c.account_id;
  const std::string root = ctx.Arn("iam", "root");
  if (auto t = ctx.st.temp_keys.find(c.access_key_id); t != ctx.st.temp_keys.end()) {
    p.temp = &t->second;
    p.arn = InPartition(t->second.arn, ctx.Partition());
    p.principal_arn = p.arn;
    if (!t->second.role_id.empty()) {
      if (auto r = ctx.st.roles_by_id.find(t->second.role_id); r != ctx.st.roles_by_id.end()) {
        p.role = r->second;
        p.principal_arn = RoleArn(ctx, *p.role);
      }
    } else if (p.arn.find(":federated-user/") != std::string::npos) {
      p.federated_user = true;
    } else if (auto u = ctx.st.users_by_id.find(t->second.user_id); u != ctx.st.users_by_id.end()) {
      p.user = u->second;
    } else {
      p.root = true;
    }
    return p;
  }
  if (auto owner = ctx.st.key_owner.find(c.access_key_id); owner != ctx.st.key_owner.end()) {
    if (auto u = ctx.st.users_by_id.find(owner->second); u != ctx.st.users_by_id.end()) {
      p.user = u->second;
      p.arn = UserArn(ctx, *p.user);
      p.principal_arn = p.arn;
      return p;
    }
  }
  // The seed key, a key the backend does not know (any-key mode), no key at all, or a
  // principal the front named without a stored key: trust what the front says.
  p.arn = c.arn.empty() ? root : InPartition(c.arn, ctx.Partition());
  p.principal_arn = p.arn;
  p.root = p.arn.size() > 5 && p.arn.compare(p.arn.size() - 5, 5, ":root") == 0;
  return p;
}

Role* StsRoleByArn(Ctx& ctx, std::string_view arn) {
  // arn:PARTITION:iam::ACCOUNT:role/PATH/NAME
  if (arn.rfind("arn:", 0) != 0) return nullptr;
  std::string_view part = PartitionOf(arn);
  std::string prefix = "arn:" + std::string(part) + ":iam::" + ctx.account + ":role/";
  if (arn.rfind(prefix, 0) != 0) return nullptr;
  std::string_view rest = arn.substr(prefix.size() - 1);  // "/PATH/NAME"
  auto slash = rest.rfind('/');
  std::string_view path = rest.substr(0, slash + 1);
  std::string_view name = rest.substr(slash + 1);
  if (name.empty()) return nullptr;
  Role* r = ctx.st.FindRole(name);
  if (r == nullptr || r->name != name || r->path != path) return nullptr;
  return r;
}

Status StsAccessDenied(std::string message) {
  return AwsError("AccessDenied", 403, std::move(message));
}

Status NotAuthorized(std::string_view caller, std::string_view action, std::string_view resource) {
  return StsAccessDenied("User: " + std::string(caller) + " is not authorized to perform: " +
                         std::string(action) + " on resource: " + std::string(resource));
}

Status CheckRoleDuration(const Role& role, int duration, bool chained) {
  if (chained && duration > kChainedMaxSeconds) {
    return ValidationError(
        "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by "
        "role chaining.");
  }
  if (duration > role.max_session_duration) {
    return ValidationError(
        "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  }
  return Status::Ok();
}

void AddTrustGlobalKeys(const Ctx& ctx, TrustRequest& trust) {
  trust.context["aws:currenttime"] = text::FormatIso8601(ctx.now);
  trust.context["aws:epochtime"] = std::to_string(ctx.now);
  trust.context["aws:securetransport"] = ctx.req.secure_transport ? "true" : "false";
  if (!ctx.req.source_ip.empty()) trust.context["aws:sourceip"] = ctx.req.source_ip;
  if (!ctx.req.region.empty()) trust.context["aws:requestedregion"] = ctx.req.region;
}

std::vector<std::string> TrustActions(std::string action, bool tags, bool source_identity) {
  std::vector<std::string> out{std::move(action)};
  if (tags) out.push_back("sts:TagSession");
  if (source_identity) out.push_back("sts:SetSourceIdentity");
  return out;
}

TempKey& IssueTempKey(Ctx& ctx, Time expiration, std::string arn, std::string user_id,
                      std::string role_id, std::string source_key) {
  for (auto it = ctx.st.temp_keys.begin(); it != ctx.st.temp_keys.end();) {
    if (it->second.expiration <= ctx.now && it->first != ctx.req.caller.access_key_id) {
      ctx.dirty.temp_keys.insert(it->first);
      it = ctx.st.temp_keys.erase(it);
    } else {
      ++it;
    }
  }
  TempKey k;
  k.id = NewId("ASIA", 20);
  k.secret = RandomString(40, true);
  k.token = "FwoGZXIvYXdzE" + RandomString(kSessionTokenLength, true);
  k.expiration = expiration;
  k.arn = std::move(arn);
  k.user_id = std::move(user_id);
  k.role_id = std::move(role_id);
  k.source_key = std::move(source_key);
  k.issued = ctx.now;
  ctx.dirty.temp_keys.insert(k.id);
  std::string id = k.id;
  TempKey& stored = ctx.st.temp_keys.emplace(id, std::move(k)).first->second;
  return stored;
}

void KeepSessionInputs(TempKey& k, const SessionInputs& in) {
  k.session_policy = in.policy;
  k.session_policy_arns = in.policy_arns;
  k.session_tags = in.tags;
}

void WriteCredentials(XmlWriter& w, const TempKey& k) {
  w.Open("Credentials");
  w.Element("AccessKeyId", k.id);
  w.Element("SecretAccessKey", k.secret);
  w.Element("SessionToken", k.token);
  w.Element("Expiration", text::FormatIso8601(k.expiration));
  w.Close();
}

void WriteAssumedRoleUser(XmlWriter& w, const TempKey& k) {
  w.Open("AssumedRoleUser");
  w.Element("AssumedRoleId", k.user_id);
  w.Element("Arn", k.arn);
  w.Close();
}

void RecordRoleUse(Ctx& ctx, Role& role) {
  LastUse use;
  use.date = ctx.now;
  use.service = "sts";
  use.region = ctx.req.region.empty() ? "us-east-1" : ctx.req.region;
  role.last_used = use;
  ctx.dirty.roles.insert(role.id);
}

}  // namespace aic::emulator::state
