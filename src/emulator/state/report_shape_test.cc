// Checks the XML of the usage and report actions against the AWS model.
#include "emulator/state/shape_checker_test_util.h"

namespace aic::emulator::state::testing {
namespace {

using EmuStateReportShapeTest = ShapeTest;

TEST_F(EmuStateReportShapeTest, ReportResponsesFollowTheModel) {
  const json model = LoadModel("iam");
  auto run = [&](const std::string& action, std::map<std::string, std::string> p = {},
                 Caller caller = {}) {
    Reply r = Call(action, p, "iam", caller);
    CheckAction(model, r, action);
    return r;
  };
  const std::string doc =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*",)"
      R"("Condition":{"StringEquals":{"aws:username":"u"}}}]})";
  Ok("CreateUser", {{"UserName", "u"}});
  Ok("PutUserPolicy", {{"UserName", "u"}, {"PolicyName", "p"}, {"PolicyDocument", doc}});
  Ok("CreateLoginProfile", {{"UserName", "u"}, {"Password", "Str0ng!pass"}});
  Reply key = Ok("CreateAccessKey", {{"UserName", "u"}});
  Caller caller;
  caller.access_key_id = key.Text("CreateAccessKeyResult/AccessKey/AccessKeyId");
  caller.user_id = Ok("GetUser", {{"UserName", "u"}}).Text("GetUserResult/User/UserId");
  caller.arn = "arn:aws:iam::123456789012:user/u";
  run("ChangePassword", {{"OldPassword", "Str0ng!pass"}, {"NewPassword", "N3w!passw0rd"}}, caller);
  run("GetAccessKeyLastUsed", {{"AccessKeyId", caller.access_key_id}});
  run("GenerateCredentialReport");
  run("GenerateCredentialReport");
  run("GetCredentialReport");
  Reply job = run("GenerateServiceLastAccessedDetails",
                  {{"Arn", caller.arn}, {"Granularity", "ACTION_LEVEL"}});
  const std::string id = job.Text("GenerateServiceLastAccessedDetailsResult/JobId");
  run("GetServiceLastAccessedDetails", {{"JobId", id}});
  run("GetServiceLastAccessedDetailsWithEntities", {{"JobId", id}, {"ServiceNamespace", "iam"}});
  run("ListPoliciesGrantingServiceAccess",
      {{"Arn", caller.arn}, {"ServiceNamespaces.member.1", "iam"}});
  run("GetContextKeysForCustomPolicy", {{"PolicyInputList.member.1", doc}});
  run("GetContextKeysForPrincipalPolicy", {{"PolicySourceArn", caller.arn}});
  run("SetSecurityTokenServicePreferences", {{"GlobalEndpointTokenVersion", "v2Token"}});
  EXPECT_EQ(checked_, 10);  // ChangePassword and SetSecurityTokenServicePreferences have no result
}

}  // namespace
}  // namespace aic::emulator::state::testing
