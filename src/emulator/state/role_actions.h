// Role XML and lookups shared by role_actions.cc, role_policy_actions.cc,
// instance_profile_actions.cc and account_actions.cc (GetAccountAuthorizationDetails).
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "emulator/state/action_context.h"

namespace aic::emulator::state {

// AWS's role limits (IAM quotas page, https://docs.aws.amazon.com/IAM/latest/UserGuide/
// reference_iam-quotas.html, and the model's roleNameType / roleMaxSessionDurationType).
inline constexpr std::size_t kMaxRoleNameLength = 64;
inline constexpr int kMinRoleSessionDuration = 3600;
inline constexpr int kMaxRoleSessionDuration = 43200;
inline constexpr std::size_t kMaxRoleInlinePolicySize = 10240;     // "Role policy size"
inline constexpr std::size_t kMaxInstanceProfileNameLength = 128;  // instanceProfileNameType
inline constexpr std::size_t kMaxRolesPerInstanceProfile = 1;
inline constexpr std::size_t kMaxRolesPerAccount = 1000;             // GetAccountSummary quota
inline constexpr std::size_t kMaxInstanceProfilesPerAccount = 1000;  // GetAccountSummary quota

// Which members a Role element carries. AWS answers differently per operation (LocalStack's
// test_iam_roles.snapshot.json, recorded against AWS):
//   kCreate  CreateRole, UpdateRoleDescription: no MaxSessionDuration, no RoleLastUsed, and
//            CreateRole no Description either (kCreateNoDescription);
//   kGet     GetRole: every member, RoleLastUsed empty when never used;
//   kList    ListRoles: no PermissionsBoundary, Tags or RoleLastUsed;
//   kInProfile  the Roles inside an InstanceProfile: Path..AssumeRolePolicyDocument only
//            (test_iam_instance_profiles.snapshot.json).
enum class RoleView { kCreateNoDescription, kCreate, kGet, kList, kInProfile };
// Whether an InstanceProfile element carries Tags: GetInstanceProfile always (an empty <Tags/>
// too), CreateInstanceProfile when there are any, the List* operations never.
enum class ProfileTags { kNever, kIfAny, kAlways };

std::string RoleArn(const Ctx& ctx, const Role& r);
std::string InstanceProfileArn(const Ctx& ctx, const InstanceProfile& ip);
void WriteRole(XmlWriter& w, const Ctx& ctx, const Role& r, std::string_view element, RoleView v);
void WriteRoleLastUsed(XmlWriter& w, const Role& r);
void WritePermissionsBoundary(XmlWriter& w, const std::string& arn);
// An InstanceProfile element with its Roles (kInProfile view) and its Tags as `tags` says.
void WriteInstanceProfile(XmlWriter& w, const Ctx& ctx, const InstanceProfile& ip,
                          std::string_view element, ProfileTags tags);
// "The role with name X cannot be found." (NoSuchEntity, 404).
Status NoSuchRole(std::string_view name);
// The role named by RoleName (ValidationError when missing, NoSuchEntity when unknown).
Result<Role*> RoleParam(Ctx& ctx, std::string_view param = "RoleName");

// The service-linked role name for the AWSServiceName `service` (empty when the service is
// not one of AWS's) and whether a CustomSuffix is allowed (CreateServiceLinkedRole).
std::pair<std::string, bool> LinkedRoleName(std::string_view service);
// The path of a service-linked role is /aws-service-role/SERVICE/.
inline constexpr std::string_view kServiceRolePath = "/aws-service-role/";
// DeleteServiceLinkedRole's DeletionTaskId is task/aws-service-role/SERVICE/ROLE/UUID.
inline constexpr std::string_view kDeletionTaskPrefix = "task/aws-service-role/";

// A role the service owns (service-linked) cannot be deleted or have its policies changed:
// UnmodifiableEntity (400).
Status CheckModifiable(const Role& r);
// A permissions boundary ARN: InvalidInput when it is no policy ARN, NoSuchEntity when unknown.
Status CheckBoundaryArn(Ctx& ctx, const std::string& arn);
// Sets (or with "" removes) the boundary, keeping the policies' boundary_usage_count.
void SetRoleBoundary(Ctx& ctx, Role& r, const std::string& arn);

// Tags of a Create*/Tag* request in AWS's words for roles and instance profiles (LocalStack
// test_iam_roles.snapshot.json, TestRoleTags::test_role_tag_errors): more than 50 and too long
// keys/values are ValidationErrors without the value; then TagList's checks (duplicates).
Result<std::vector<Tag>> EntityTags(const Ctx& ctx);
// EntityTags, and ValidationError when there is none (TagRole, TagInstanceProfile).
Result<std::vector<Tag>> RequiredEntityTags(const Ctx& ctx);
// TagKeys.member.N of an Untag* request (required, at most 50, each 1..128 of the key pattern).
Result<std::vector<std::string>> TagKeys(const Ctx& ctx);
void RemoveTags(std::vector<Tag>& tags, const std::vector<std::string>& keys);

void RegisterRolePolicyActions(ActionTable& table);  // role_policy_actions.cc

}  // namespace aic::emulator::state
