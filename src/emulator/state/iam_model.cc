#include "emulator/state/iam_model.h"

#include <sodium.h>

#include "common/text_codec.h"

namespace aic::emulator::state {

void IamState::Clear() { *this = IamState(); }

void IamState::RebuildDerived() {
  users_by_id.clear();
  groups_by_id.clear();
  key_owner.clear();
  for (auto& [k, g] : groups) {
    g.members.clear();
    groups_by_id[g.id] = &g;
  }
  for (auto& [k, p] : policies) {
    p.attachment_count = 0;
    p.boundary_usage_count = 0;
  }
  for (auto& [k, u] : users) {
    users_by_id[u.id] = &u;
    for (const auto& key : u.access_keys) key_owner[key.id] = u.id;
    for (const auto& gid : u.groups) {
      auto it = groups_by_id.find(gid);
      if (it != groups_by_id.end()) it->second->members.insert(u.id);
    }
    for (const auto& arn : u.attached) {
      if (auto* p = FindPolicy(arn)) ++p->attachment_count;
    }
    if (!u.boundary_arn.empty()) {
      if (auto* p = FindPolicy(u.boundary_arn)) ++p->boundary_usage_count;
    }
  }
  for (auto& [k, g] : groups) {
    for (const auto& arn : g.attached) {
      if (auto* p = FindPolicy(arn)) ++p->attachment_count;
    }
  }
  roles_by_id.clear();
  instance_profiles_by_id.clear();
  for (auto& [k, r] : roles) {
    roles_by_id[r.id] = &r;
    r.instance_profiles.clear();
    for (const auto& arn : r.attached) {
      if (auto* p = FindPolicy(arn)) ++p->attachment_count;
    }
    if (!r.boundary_arn.empty()) {
      if (auto* p = FindPolicy(r.boundary_arn)) ++p->boundary_usage_count;
    }
  }
  for (auto& [k, ip] : instance_profiles) {
    instance_profiles_by_id[ip.id] = &ip;
    for (const auto& rid : ip.roles) {
      auto it = roles_by_id.find(rid);
      if (it != roles_by_id.end()) it->second->instance_profiles.insert(ip.id);
    }
  }
}

User* IamState::FindUser(std::string_view name) {
  auto it = users.find(text::AsciiLower(name));
  return it == users.end() ? nullptr : &it->second;
}

Group* IamState::FindGroup(std::string_view name) {
  auto it = groups.find(text::AsciiLower(name));
  return it == groups.end() ? nullptr : &it->second;
}

ManagedPolicy* IamState::FindPolicy(std::string_view arn) {
  auto it = policies.find(std::string(arn));
  return it == policies.end() ? nullptr : &it->second;
}

Role* IamState::FindRole(std::string_view name) {
  auto it = roles.find(text::AsciiLower(name));
  return it == roles.end() ? nullptr : &it->second;
}

InstanceProfile* IamState::FindInstanceProfile(std::string_view name) {
  auto it = instance_profiles.find(text::AsciiLower(name));
  return it == instance_profiles.end() ? nullptr : &it->second;
}

ServerCertificate* IamState::FindServerCertificate(std::string_view name) {
  auto it = server_certificates.find(text::AsciiLower(name));
  return it == server_certificates.end() ? nullptr : &it->second;
}

Time ToTime(Clock::time_point tp) {
  return std::chrono::duration_cast<std::chrono::seconds>(tp.time_since_epoch()).count();
}

namespace {
constexpr std::string_view kIdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::string_view kSecretAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
}  // namespace

std::string NewId(std::string_view prefix, std::size_t length) {
  std::string id(prefix);
  while (id.size() < length) id += kIdAlphabet[randombytes_uniform(kIdAlphabet.size())];
  return id;
}

std::string RandomString(std::size_t length, bool with_symbols) {
  const std::size_t n = with_symbols ? kSecretAlphabet.size() : kSecretAlphabet.size() - 2;
  std::string out;
  out.reserve(length);
  for (std::size_t i = 0; i < length; ++i) out += kSecretAlphabet[randombytes_uniform(n)];
  return out;
}

}  // namespace aic::emulator::state
