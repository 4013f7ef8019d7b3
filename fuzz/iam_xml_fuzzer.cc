// Fuzz target: an IAM Query API response body (ParseQueryResponse / ParseQueryError, then the
// typed parser of iam_parsers.h for the action the root element names, e.g.
// <ListUsersResponse> -> ListUsers). Extra corpus: ../shared/testdata/iam-responses.
#include <functional>
#include <map>
#include <pugixml.hpp>
#include <string>

#include "fuzz_util.h"
#include "iam/iam_parsers.h"
#include "iam/query_client.h"
#include "iam/xml_util.h"

namespace p = aic::iam_parse;

namespace {

using Parser = std::function<void(pugi::xml_node)>;

template <typename F>
Parser Run(F f) {
  return [f](pugi::xml_node n) { (void)f(n); };
}

const std::map<std::string, Parser, std::less<>>& Parsers() {
  static const std::map<std::string, Parser, std::less<>> parsers = {
      {"CreateUser", Run(p::UserResult)},
      {"GetUser", Run(p::UserResult)},
      {"ListUsers", Run(p::ListUsers)},
      {"ListUserTags", Run(p::ListUserTags)},
      {"GetLoginProfile", Run(p::LoginProfileResult)},
      {"CreateLoginProfile", Run(p::LoginProfileResult)},
      {"CreateGroup", Run(p::GroupResult)},
      {"GetGroup", Run(p::GetGroup)},
      {"ListGroups", Run(p::ListGroups)},
      {"ListGroupsForUser", Run(p::ListGroups)},
      {"CreatePolicy", Run(p::PolicyResult)},
      {"GetPolicy", Run(p::PolicyResult)},
      {"ListPolicies", Run(p::ListPolicies)},
      {"GetPolicyVersion", Run(p::PolicyVersionResult)},
      {"ListPolicyVersions", Run(p::ListPolicyVersions)},
      {"ListAttachedUserPolicies", Run(p::ListAttachedPolicies)},
      {"ListAttachedGroupPolicies", Run(p::ListAttachedPolicies)},
      {"GetUserPolicy", Run(p::InlinePolicyResult)},
      {"GetGroupPolicy", Run(p::InlinePolicyResult)},
      {"ListUserPolicies", Run(p::ListPolicyNames)},
      {"ListGroupPolicies", Run(p::ListPolicyNames)},
      {"CreateAccessKey", Run(p::AccessKeyResult)},
      {"ListAccessKeys", Run(p::ListAccessKeys)},
      {"ListMFADevices", Run(p::ListMfaDevices)},
      {"ListSigningCertificates", Run(p::ListSigningCertificates)},
      {"ListSSHPublicKeys", Run(p::ListSshPublicKeys)},
      {"ListServiceSpecificCredentials", Run(p::ListServiceSpecificCredentials)},
      {"GetAccountAuthorizationDetails", Run(p::AccountAuthorizationDetailsResult)},
      {"GetAccountPasswordPolicy", Run(p::PasswordPolicyResult)},
      {"GetAccountSummary", Run(p::AccountSummaryResult)},
  };
  return parsers;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body = aic::fuzz::AsText(data, size);
  (void)aic::ParseQueryError("GetUser", 400, body);
  // The action is what the root element names, so each parser sees its own documents.
  pugi::xml_document probe;
  if (!probe.load_buffer(body.data(), body.size())) return 0;
  std::string_view root = aic::xml::LocalName(probe.document_element());
  if (root.size() <= 8 || root.substr(root.size() - 8) != "Response") return 0;
  auto parser = Parsers().find(root.substr(0, root.size() - 8));
  if (parser == Parsers().end()) return 0;
  auto response = aic::ParseQueryResponse(parser->first, 200, body);
  if (!response.ok()) return 0;
  parser->second(response->result);
  return 0;
}
