// What IAM permissions an IAM or STS request needs, as AWS's service authorization reference
// defines them (https://docs.aws.amazon.com/service-authorization/latest/reference/
// list_awsidentityandaccessmanagementiam.html and list_awssecuritytokenservice.html): for each
// action, the resource ARN it is authorised against (or "*" for an action without a resource
// type) and the action-specific condition keys the request carries (aws:RequestTag/*,
// aws:TagKeys, aws:ResourceTag/* and iam:ResourceTag/* of the target, iam:PolicyARN,
// iam:PermissionsBoundary, iam:PassedToService, iam:AWSServiceName, iam:OrganizationsPolicyId,
// sts:ExternalId, sts:RoleSessionName, sts:SourceIdentity, sts:TransitiveTagKeys, ...).
//
// Some requests need more than one permission (CreateUser with Tags also needs iam:TagUser,
// AssumeRole with Tags also sts:TagSession, AddRoleToInstanceProfile also iam:PassRole, ...):
// each is authorised on its own and the first denied one is reported.
//
// The global keys of the caller (aws:username, aws:PrincipalArn, aws:CurrentTime, ...) are not
// here: the authorizer adds them (request_authorizer.h).
//
// Thread safety: pure functions of the request and the state; run under IamBackend's lock.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "emulator/state/action_context.h"

namespace aic::emulator::state {

struct RequiredPermission {
  std::string action;    // "iam:CreateUser"
  std::string resource;  // "arn:aws:iam::123456789012:user/division/alice" or "*"
  // Action-specific condition keys, lower-cased names -> values.
  std::map<std::string, std::vector<std::string>> keys;
};

// The permissions the request in `ctx` needs, in the order AWS checks them (the action's own
// first). Never empty for an action of the models. Reads the target's tags from the state when
// the entity exists (aws:ResourceTag/*); a missing entity still yields its ARN.
std::vector<RequiredPermission> RequiredPermissions(const Ctx& ctx);

}  // namespace aic::emulator::state
