// Service last accessed details (GenerateServiceLastAccessedDetails, GetServiceLastAccessed-
// Details, GetServiceLastAccessedDetailsWithEntities) and the Organizations access report.
//
// A job records the entity and the granularity; it completes at once, and its details are
// computed when they are read, from the entity's policies as they are then (the services they
// allow) and the usage recorded for the principals the report covers (report_util.h
// PrincipalsOf). When the entity is gone, the job answers FAILED with an Error.
#include <algorithm>
#include <map>

#include "common/text_codec.h"
#include "emulator/state/report_util.h"

namespace aic::emulator::state {
namespace {

// The model's jobIDType: exactly 36 characters (a UUID).
constexpr std::size_t kJobIdLength = 36;
// The services whose actions AWS tracks for ACTION_LEVEL reports that the emulator serves
// (AWS tracks IAM, EC2, Lambda and S3 management actions; STS is not tracked).
constexpr std::string_view kActionTrackedServices[] = {"iam"};

Result<std::string> Granularity(const Ctx& ctx) {
  const std::string* g = ctx.Param("Granularity");
  if (g == nullptr) return std::string("SERVICE_LEVEL");
  if (*g != "SERVICE_LEVEL" && *g != "ACTION_LEVEL") {
    return ValidationError("1 validation error detected: Value '" + *g +
                           "' at 'granularity' failed to satisfy constraint: Member must "
                           "satisfy enum value set: [SERVICE_LEVEL, ACTION_LEVEL]");
  }
  return *g;
}

Result<AccessReportJob*> JobParam(Ctx& ctx) {
  EMU_ASSIGN(id, Required(ctx, "JobId"));
  if (id.size() != kJobIdLength) {
    return ValidationError("1 validation error detected: Value '" + id +
                           "' at 'jobId' failed to satisfy constraint: Member must have length "
                           "between 36 and 36");
  }
  auto it = ctx.st.access_jobs.find(id);
  if (it == ctx.st.access_jobs.end()) return NoSuchEntity("Job ID " + id + " not found.");
  return &it->second;
}

Result<std::string> GenerateServiceLastAccessedDetails(Ctx& ctx) {
  EMU_ASSIGN(arn, Required(ctx, "Arn"));
  EMU_ASSIGN(granularity, Granularity(ctx));
  EMU_ASSIGN(entity, EntityFromArn(ctx, arn, /*allow_policy=*/true));
  (void)entity;
  AccessReportJob job;
  job.id = NewUuid();
  job.arn = arn;
  job.granularity = granularity;
  job.created = ctx.now;
  job.completed = ctx.now;
  ctx.dirty.access_jobs.insert(job.id);
  std::string id = job.id;
  ctx.st.access_jobs.emplace(id, std::move(job));
  XmlWriter w = BeginResult(ctx);
  w.Element("JobId", id);
  return EndResult(ctx, std::move(w));
}

// The usage of one service by the report's principals.
struct ServiceRow {
  std::string ns;
  const ServiceAccess* last = nullptr;  // the latest use, or null
  long long entities = 0;               // principals that used it
  std::map<std::string, const LastUse*> actions;
  std::map<std::string, std::string> action_entity;
};

ServiceRow Usage(const Ctx& ctx, const std::vector<PrincipalRef>& principals,
                 const std::string& ns) {
  ServiceRow row;
  row.ns = ns;
  for (const auto& p : principals) {
    auto by_principal = ctx.st.service_access.find(p.key_arn);
    if (by_principal == ctx.st.service_access.end()) continue;
    auto use = by_principal->second.find(ns);
    if (use == by_principal->second.end()) continue;
    ++row.entities;
    if (row.last == nullptr || use->second.date > row.last->date) row.last = &use->second;
    for (const auto& [action, last] : use->second.actions) {
      auto& slot = row.actions[action];
      if (slot == nullptr || last.date > slot->date) {
        slot = &last;
        row.action_entity[action] = use->second.entity_arn;
      }
    }
  }
  return row;
}

void WriteJobError(XmlWriter& w, const AccessReportJob& job) {
  w.Open("Error");
  w.Element("Message", "The entity " + job.arn + " no longer exists.");
  w.Element("Code", "NoSuchEntity");
  w.Close();
}

Result<std::string> GetServiceLastAccessedDetails(Ctx& ctx) {
  EMU_ASSIGN(job, JobParam(ctx));
  auto entity = EntityFromArn(ctx, job->arn, /*allow_policy=*/true);
  std::vector<ServiceRow> rows;
  if (entity.ok()) {
    std::set<std::string> namespaces;
    for (const auto& p : PoliciesOf(ctx, *entity)) {
      for (const auto& ns : AllowedNamespaces(p.document)) namespaces.insert(ns);
    }
    std::vector<PrincipalRef> principals = PrincipalsOf(ctx, *entity);
    for (const auto& ns : namespaces) rows.push_back(Usage(ctx, principals, ns));
  }
  EMU_ASSIGN(page, PageIndex(ctx, rows.size()));
  const bool action_level = job->granularity == "ACTION_LEVEL";
  XmlWriter w = BeginResult(ctx);
  w.Element("JobStatus", entity.ok() ? "COMPLETED" : "FAILED");
  w.Element("JobType", job->granularity);
  w.Element("JobCreationDate", IsoTime(job->created));
  w.Open("ServicesLastAccessed");
  for (std::size_t i = page.begin; i < page.end; ++i) {
    const ServiceRow& r = rows[i];
    w.Open("member");
    w.Element("ServiceName", ServiceDisplayName(r.ns));
    if (r.last != nullptr) w.Element("LastAuthenticated", IsoTime(r.last->date));
    w.Element("ServiceNamespace", r.ns);
    if (r.last != nullptr) {
      w.Element("LastAuthenticatedEntity", r.last->entity_arn);
      w.Element("LastAuthenticatedRegion", r.last->region);
    }
    w.Element("TotalAuthenticatedEntities", r.entities);
    const bool tracked =
        std::find(std::begin(kActionTrackedServices), std::end(kActionTrackedServices), r.ns) !=
        std::end(kActionTrackedServices);
    if (action_level && tracked) {
      w.Open("TrackedActionsLastAccessed");
      for (const auto& [action, use] : r.actions) {
        w.Open("member");
        w.Element("ActionName", action);
        w.Element("LastAccessedEntity", r.action_entity.at(action));
        w.Element("LastAccessedTime", IsoTime(use->date));
        w.Element("LastAccessedRegion", use->region);
        w.Close();
      }
      w.Close();
    }
    w.Close();
  }
  w.Close();
  w.Element("JobCompletionDate", IsoTime(job->completed));
  WritePaging(w, page.page);
  if (!entity.ok()) WriteJobError(w, *job);
  return EndResult(ctx, std::move(w));
}

Result<std::string> GetServiceLastAccessedDetailsWithEntities(Ctx& ctx) {
  EMU_ASSIGN(job, JobParam(ctx));
  EMU_ASSIGN(ns_param, Required(ctx, "ServiceNamespace"));
  bool ns_ok = !ns_param.empty() && ns_param.size() <= 64 &&
               std::all_of(ns_param.begin(), ns_param.end(), [](char c) {
                 return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
               });
  if (!ns_ok) {
    return ValidationError("1 validation error detected: Value '" + ns_param +
                           "' at 'serviceNamespace' failed to satisfy constraint: Member must "
                           "satisfy regular expression pattern: [\\w-]*");
  }
  const std::string ns = text::AsciiLower(ns_param);
  auto entity = EntityFromArn(ctx, job->arn, /*allow_policy=*/true);
  std::vector<PrincipalRef> principals;
  if (entity.ok()) principals = PrincipalsOf(ctx, *entity);
  EMU_ASSIGN(page, PageIndex(ctx, principals.size()));
  XmlWriter w = BeginResult(ctx);
  w.Element("JobStatus", entity.ok() ? "COMPLETED" : "FAILED");
  w.Element("JobCreationDate", IsoTime(job->created));
  w.Element("JobCompletionDate", IsoTime(job->completed));
  w.Open("EntityDetailsList");
  for (std::size_t i = page.begin; i < page.end; ++i) {
    const PrincipalRef& p = principals[i];
    w.Open("member");
    w.Open("EntityInfo");
    w.Element("Arn", p.arn);
    w.Element("Name", p.name);
    w.Element("Type", p.type);
    w.Element("Id", p.id);
    w.Element("Path", p.path);
    w.Close();
    auto by_principal = ctx.st.service_access.find(p.key_arn);
    if (by_principal != ctx.st.service_access.end()) {
      auto use = by_principal->second.find(ns);
      if (use != by_principal->second.end()) {
        w.Element("LastAuthenticated", IsoTime(use->second.date));
      }
    }
    w.Close();
  }
  w.Close();
  WritePaging(w, page.page);
  if (!entity.ok()) WriteJobError(w, *job);
  return EndResult(ctx, std::move(w));
}

// ---- Organizations ----
// The emulated account is not in an AWS Organization: after validating the parameters,
// GenerateOrganizationsAccessReport answers Organizations' AWSOrganizationsNotInUseException
// (400), and no job exists for GetOrganizationsAccessReport (NoSuchEntity).

bool MatchesEntityPath(std::string_view p) {
  // ^o-[0-9a-z]{10,32}\/r-[0-9a-z]{4,32}[0-9a-z-\/]*, 19..427 characters.
  auto lower_alnum = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'); };
  if (p.size() < 19 || p.size() > 427 || p.substr(0, 2) != "o-") return false;
  std::size_t i = 2;
  while (i < p.size() && lower_alnum(p[i])) ++i;
  if (i - 2 < 10 || i - 2 > 32 || p.substr(i, 3) != "/r-") return false;
  i += 3;
  std::size_t root = i;
  while (i < p.size() && lower_alnum(p[i]) && i - root < 32) ++i;
  if (i - root < 4) return false;
  for (; i < p.size(); ++i) {
    if (!lower_alnum(p[i]) && p[i] != '-' && p[i] != '/') return false;
  }
  return true;
}

Result<std::string> GenerateOrganizationsAccessReport(Ctx& ctx) {
  EMU_ASSIGN(path, Required(ctx, "EntityPath"));
  if (!MatchesEntityPath(path)) {
    return ValidationError(
        "1 validation error detected: Value '" + path +
        "' at 'entityPath' failed to satisfy constraint: Member must satisfy regular expression "
        "pattern: ^o-[0-9a-z]{10,32}\\/r-[0-9a-z]{4,32}[0-9a-z-\\/]*");
  }
  if (const std::string* id = ctx.Param("OrganizationsPolicyId")) {
    bool ok = id->size() >= 10 && id->size() <= 130 && id->rfind("p-", 0) == 0 &&
              std::all_of(id->begin() + 2, id->end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
              });
    if (!ok) {
      return ValidationError("1 validation error detected: Value '" + *id +
                             "' at 'organizationsPolicyId' failed to satisfy constraint: Member "
                             "must satisfy regular expression pattern: ^p-[0-9a-zA-Z_]{8,128}$");
    }
  }
  return AwsError("AWSOrganizationsNotInUseException", 400,
                  "Your account is not a member of an organization.");
}

Result<std::string> GetOrganizationsAccessReport(Ctx& ctx) {
  EMU_ASSIGN(id, Required(ctx, "JobId"));
  if (id.size() != kJobIdLength) {
    return ValidationError("1 validation error detected: Value '" + id +
                           "' at 'jobId' failed to satisfy constraint: Member must have length "
                           "between 36 and 36");
  }
  if (const std::string* key = ctx.Param("SortKey")) {
    static constexpr std::string_view kKeys[] = {
        "SERVICE_NAMESPACE_ASCENDING", "SERVICE_NAMESPACE_DESCENDING",
        "LAST_AUTHENTICATED_TIME_ASCENDING", "LAST_AUTHENTICATED_TIME_DESCENDING"};
    if (std::find(std::begin(kKeys), std::end(kKeys), *key) == std::end(kKeys)) {
      return ValidationError(
          "1 validation error detected: Value '" + *key +
          "' at 'sortKey' failed to satisfy constraint: Member must satisfy enum value set: "
          "[SERVICE_NAMESPACE_ASCENDING, SERVICE_NAMESPACE_DESCENDING, "
          "LAST_AUTHENTICATED_TIME_ASCENDING, LAST_AUTHENTICATED_TIME_DESCENDING]");
    }
  }
  EMU_ASSIGN(max, MaxItems(ctx));
  (void)max;
  return NoSuchEntity("Job ID " + id + " not found.");
}

}  // namespace

void RegisterServiceLastAccessedActions(ActionTable& t) {
  t["GenerateServiceLastAccessedDetails"] = {GenerateServiceLastAccessedDetails, true};
  t["GetServiceLastAccessedDetails"] = {GetServiceLastAccessedDetails, false};
  t["GetServiceLastAccessedDetailsWithEntities"] = {GetServiceLastAccessedDetailsWithEntities,
                                                    false};
  t["GenerateOrganizationsAccessReport"] = {GenerateOrganizationsAccessReport, false};
  t["GetOrganizationsAccessReport"] = {GetOrganizationsAccessReport, false};
}

}  // namespace aic::emulator::state
