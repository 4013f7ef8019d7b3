#include "emulator/state/seed_data.h"

#include "common/text_codec.h"

namespace aic::emulator::state {
namespace {

struct AwsPolicy {
  const char* name;
  const char* id;
  const char* path;
  const char* description;
  Time created;
  const char* document;
};

// Real names, ARNs and ids; documents as AWS publishes them (ReadOnlyAccess abridged).
constexpr AwsPolicy kAwsPolicies[] = {
    {"AdministratorAccess", "ANPAIWMBCKSKIEE64ZLYK", "/",
     "Provides full access to AWS services and resources.", 1423247986,
     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})"},
    {"ReadOnlyAccess", "ANPAILL3HVNFSB6DCOWYQ", "/",
     "Provides read-only access to AWS services and resources.", 1423247986,
     R"({"Version":"2012-10-17","Statement":[{"Sid":"ReadOnlyActions","Effect":"Allow","Action":["iam:Get*","iam:List*","iam:Generate*","s3:Get*","s3:List*","ec2:Describe*","sts:GetCallerIdentity","cloudwatch:Describe*","cloudwatch:Get*","cloudwatch:List*","logs:Describe*","logs:Get*"],"Resource":"*"}]})"},
    {"IAMUserChangePassword", "ANPAJ4L4MM2A7QIEB56MS", "/",
     "Provides the ability for an IAM user to change their own password.", 1479427778,
     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:ChangePassword"],"Resource":["arn:aws:iam::*:user/${aws:username}"]},{"Effect":"Allow","Action":["iam:GetAccountPasswordPolicy"],"Resource":"*"}]})"},
    {"IAMReadOnlyAccess", "ANPAJKSO7NDY4T57MWDSQ", "/",
     "Provides read only access to IAM via the AWS Management Console.", 1423247986,
     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:GenerateCredentialReport","iam:GenerateServiceLastAccessedDetails","iam:Get*","iam:List*","iam:SimulateCustomPolicy","iam:SimulatePrincipalPolicy"],"Resource":"*"}]})"},
    {"PowerUserAccess", "ANPAJYRXTHIB4FOVS3ZXS", "/",
     "Provides full access to AWS services and resources, but does not allow management of "
     "Users and groups.",
     1423247986,
     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":"*"},{"Effect":"Allow","Action":["iam:CreateServiceLinkedRole","iam:DeleteServiceLinkedRole","iam:ListRoles","organizations:DescribeOrganization","account:ListRegions","account:GetAccountInformation"],"Resource":"*"}]})"},
};

}  // namespace

void SeedState(IamState& state, const std::string& account_id, Time now, bool demo_data) {
  state.Clear();
  for (const auto& a : kAwsPolicies) {
    ManagedPolicy p;
    p.arn = std::string("arn:aws:iam::aws:policy") + a.path + a.name;
    p.id = a.id;
    p.name = a.name;
    p.path = a.path;
    p.description = a.description;
    p.created = a.created;
    p.updated = a.created;
    p.default_version = "v1";
    p.aws_managed = true;
    p.versions.push_back({"v1", a.document, a.created});
    std::string key = p.arn;
    state.policies.emplace(std::move(key), std::move(p));
  }
  if (!demo_data) {
    state.RebuildDerived();
    return;
  }
  Group g;
  g.id = NewId("AGPA");
  g.name = std::string(kDemoGroupName);
  g.created = now;
  g.attached.push_back("arn:aws:iam::aws:policy/ReadOnlyAccess");
  state.groups.emplace(text::AsciiLower(g.name), std::move(g));
  (void)account_id;
  state.RebuildDerived();
}

}  // namespace aic::emulator::state
