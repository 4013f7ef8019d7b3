// What IAM permissions an IAM or STS request needs, as AWS's service authorization reference
// defines them (https://docs.aws.amazon.com/service-authorization/latest/reference/
// list_awsidentityandaccessmanagementiam.html and list_awssecuritytokenservice.html): for each
// action, the resource ARN it is authorised against (or "*" for an action without a resource
// type) and the action-specific condition keys the request carries (aws:RequestTag/*,
// aws:TagKeys, aws:ResourceTag/* and iam:ResourceTag/* of the target, iam:PolicyARN,
// iam:PermissionsBoundary, iam:PassedToService, iam:AWSServiceName, iam:OrganizationsPolicyId,
// iam:ServiceSpecificCredentialServiceName, sts:ExternalId, sts:RoleSessionName,
// sts:SourceIdentity, sts:TransitiveTagKeys).
//
// One table (action_authorization_table.cc) holds a row per API operation of the models: the
// resource kind, the parameter naming the resource, the condition keys and the extra permission
// a request with Tags needs. Every IAM and STS action name equals its API operation's name
// ("iam:ListMFADevices", "sts:AssumeRoleWithSAML"), checked against the reference.
//
// Resources: the ARN is built in the signing region's partition (Ctx::Arn) and the account
// Ctx::account. A named entity that exists contributes its path (and tags); a missing one still
// yields its ARN with the path "/" (Create* use the request's Path). A missing optional
// UserName (GetUser, ListAccessKeys, ChangePassword, ...) names the calling user; a caller that
// is no IAM user then yields the caller's own ARN.
//
// Some requests need more than one permission, each authorised on its own, in the order AWS
// checks them (the action's own first; the first denied one is reported):
//   - Create* with Tags also need the entity's Tag* action (iam:TagUser, iam:TagRole, ...) on
//     the same resource;
//   - sts:AssumeRole with Tags or TransitiveTagKeys also needs sts:TagSession, with
//     SourceIdentity sts:SetSourceIdentity, both on the role; sts:GetFederationToken with Tags
//     sts:TagSession on the federated user;
//   - iam:AddRoleToInstanceProfile also needs iam:PassRole on the role
//     (iam:PassedToService = ec2.amazonaws.com).
//
// EMPTY result = "no identity-based authorisation": the call is allowed whatever the caller's
// policies say, even under an explicit deny. That is sts:GetCallerIdentity (its API reference:
// no permissions are required, and it works even when access is explicitly denied),
// sts:GetSessionToken (id_credentials_temp_control-access_getsessiontoken.html: no permissions
// are required, policies cannot control authentication operations) and the unauthenticated
// sts:AssumeRoleWithSAML / sts:AssumeRoleWithWebIdentity (only the role's trust policy
// applies; the emulator checks that when it answers them).
//
// The global keys of the caller (aws:username, aws:PrincipalArn, aws:CurrentTime, ...) are not
// here: the authorizer adds them.
//
// Thread safety: pure functions of the request and the state; run under IamBackend's lock.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/state/action_context.h"

namespace aic::emulator::state {

struct RequiredPermission {
  std::string action;    // "iam:CreateUser"
  std::string resource;  // "arn:aws:iam::123456789012:user/division/alice" or "*"
  // Action-specific condition keys, lower-cased names (the tag key part of
  // aws:RequestTag/<k> too) -> values as the request or the state has them.
  std::map<std::string, std::vector<std::string>> keys;
};

// The permissions the request in `ctx` needs, in the order AWS checks them (the action's own
// first). Empty only for the calls that need no identity-based permission (above). An action
// that is not in the models yields "<service>:<action>" on "*". Reads the target's path, tags and
// permissions boundary from the state when it exists.
std::vector<RequiredPermission> RequiredPermissions(const Ctx& ctx);

// The (service, API operation) pairs the table has a row for, in table order (for tests and
// the docs).
struct AuthorizedOperation {
  std::string_view service;  // "iam" or "sts"
  std::string_view api;      // "CreateUser"
};
std::vector<AuthorizedOperation> AuthorizedOperations();

}  // namespace aic::emulator::state
