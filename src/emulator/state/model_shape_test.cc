// Checks the XML of many actions against the AWS models (testdata/aws-models): every element
// is a member of its shape, members come in the model's order, required members are present,
// lists use <member>, maps <entry><key/><value/>, scalars have the right form.
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>

#include "emulator/state/backend_test_util.h"

namespace aic::emulator::state::testing {
namespace {

using json = nlohmann::ordered_json;

json LoadModel(const std::string& service) {
  std::ifstream in(std::string(AIC_TESTDATA_DIR) + "/aws-models/" + service + "/service-2.json");
  EXPECT_TRUE(in.good()) << "missing model for " << service;
  return json::parse(in);
}

class ShapeChecker {
 public:
  explicit ShapeChecker(const json& model) : shapes_(model.at("shapes")) {}

  void Check(pugi::xml_node node, const std::string& shape_name, const std::string& where) {
    const json& shape = shapes_.at(shape_name);
    const std::string type = shape.at("type");
    if (type == "structure") {
      const json& members = shape.at("members");
      std::vector<std::string> order;
      for (auto it = members.begin(); it != members.end(); ++it) order.push_back(it.key());
      std::size_t last = 0;
      bool first = true;
      std::set<std::string> present;
      for (pugi::xml_node child : node.children()) {
        if (child.type() != pugi::node_element) continue;
        std::string name = child.name();
        auto pos = std::find(order.begin(), order.end(), name);
        if (pos == order.end()) {
          ADD_FAILURE() << where << ": <" << name << "> is not a member of " << shape_name;
          continue;
        }
        std::size_t index = pos - order.begin();
        if (!first && index <= last) {
          ADD_FAILURE() << where << ": <" << name << "> out of order in " << shape_name;
        }
        first = false;
        last = index;
        present.insert(name);
        Check(child, members.at(name).at("shape"), where + "/" + name);
      }
      if (shape.contains("required")) {
        for (const auto& r : shape["required"]) {
          if (!present.count(r.get<std::string>()) &&
              !optional_.count(shape_name + "." + r.get<std::string>())) {
            ADD_FAILURE() << where << ": required <" << r.get<std::string>() << "> missing in "
                          << shape_name;
          }
        }
      }
    } else if (type == "list") {
      for (pugi::xml_node child : node.children()) {
        if (child.type() != pugi::node_element) continue;
        EXPECT_EQ(std::string(child.name()), "member") << where;
        Check(child, shape.at("member").at("shape"), where + "/member");
      }
    } else if (type == "map") {
      for (pugi::xml_node entry : node.children()) {
        if (entry.type() != pugi::node_element) continue;
        EXPECT_EQ(std::string(entry.name()), "entry") << where;
        EXPECT_TRUE(entry.child("key")) << where;
        EXPECT_TRUE(entry.child("value")) << where;
      }
    } else {
      std::string text = node.text().as_string();
      if (type == "timestamp") {
        EXPECT_TRUE(std::regex_match(text, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")))
            << where << " = " << text;
      } else if (type == "boolean") {
        EXPECT_TRUE(text == "true" || text == "false") << where << " = " << text;
      } else if (type == "integer" || type == "long") {
        EXPECT_TRUE(std::regex_match(text, std::regex(R"(-?\d+)"))) << where << " = " << text;
      }
      EXPECT_FALSE(node.first_child() && node.first_child().type() == pugi::node_element)
          << where << " should be a scalar";
    }
  }

 private:
  const json& shapes_;
  // AWS itself leaves these out (e.g. a key never used has no LastUsedDate).
  std::set<std::string> optional_ = {"AccessKeyLastUsed.LastUsedDate"};
};

class EmuStateModelShapeTest : public BackendTest {
 public:
  void CheckAction(const json& model, const Reply& r, const std::string& action) {
    SCOPED_TRACE(action);
    ASSERT_EQ(r.status, 200) << r.body;
    pugi::xml_node root = r.doc->document_element();
    EXPECT_EQ(std::string(root.name()), action + "Response");
    const json& op = model.at("operations").at(action);
    std::vector<std::string> children;
    for (auto c : root.children()) children.push_back(c.name());
    if (!op.contains("output")) {
      EXPECT_EQ(children, std::vector<std::string>{"ResponseMetadata"});
      return;
    }
    EXPECT_EQ(op["output"].value("resultWrapper", ""), action + "Result");
    ASSERT_EQ(children, (std::vector<std::string>{action + "Result", "ResponseMetadata"}));
    ShapeChecker(model).Check(root.child((action + "Result").c_str()), op["output"]["shape"],
                              action);
    ++checked_;
  }
  int checked_ = 0;
};

TEST_F(EmuStateModelShapeTest, IamResponsesFollowTheModel) {
  const json model = LoadModel("iam");
  const std::string doc = R"({"Version":"2012-10-17","Statement":[]})";
  const std::string arn = "arn:aws:iam::123456789012:policy/pol";
  auto run = [&](const std::string& action, std::map<std::string, std::string> p = {}) {
    Reply r = Call(action, p);
    CheckAction(model, r, action);
    return r;
  };
  run("CreateUser", {{"UserName", "u"},
                     {"Tags.member.1.Key", "k"},
                     {"Tags.member.1.Value", "v"},
                     {"PermissionsBoundary", "arn:aws:iam::aws:policy/PowerUserAccess"}});
  run("GetUser", {{"UserName", "u"}});
  run("ListUsers");
  run("ListUserTags", {{"UserName", "u"}});
  run("CreateLoginProfile", {{"UserName", "u"}, {"Password", "Str0ng!pass"}});
  run("GetLoginProfile", {{"UserName", "u"}});
  Reply key = run("CreateAccessKey", {{"UserName", "u"}});
  run("ListAccessKeys", {{"UserName", "u"}});
  run("GetAccessKeyLastUsed",
      {{"AccessKeyId", key.Text("CreateAccessKeyResult/AccessKey/AccessKeyId")}});
  run("UploadSigningCertificate",
      {{"UserName", "u"},
       {"CertificateBody", "-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----"}});
  run("ListSigningCertificates", {{"UserName", "u"}});
  Reply ssh =
      run("UploadSSHPublicKey", {{"UserName", "u"}, {"SSHPublicKeyBody", "ssh-rsa AAAA x"}});
  run("ListSSHPublicKeys", {{"UserName", "u"}});
  run("GetSSHPublicKey",
      {{"UserName", "u"},
       {"Encoding", "SSH"},
       {"SSHPublicKeyId", ssh.Text("UploadSSHPublicKeyResult/SSHPublicKey/SSHPublicKeyId")}});
  Reply svc = run("CreateServiceSpecificCredential",
                  {{"UserName", "u"}, {"ServiceName", "codecommit.amazonaws.com"}});
  run("ListServiceSpecificCredentials", {{"UserName", "u"}});
  run("ResetServiceSpecificCredential",
      {{"UserName", "u"},
       {"ServiceSpecificCredentialId",
        svc.Text("CreateServiceSpecificCredentialResult/ServiceSpecificCredential/"
                 "ServiceSpecificCredentialId")}});
  Reply mfa = run("CreateVirtualMFADevice", {{"VirtualMFADeviceName", "d"}});
  run("EnableMFADevice",
      {{"UserName", "u"},
       {"SerialNumber", mfa.Text("CreateVirtualMFADeviceResult/VirtualMFADevice/SerialNumber")},
       {"AuthenticationCode1", "111111"},
       {"AuthenticationCode2", "222222"}});
  run("ListMFADevices", {{"UserName", "u"}});
  run("ListVirtualMFADevices");
  run("CreateGroup", {{"GroupName", "g"}});
  run("AddUserToGroup", {{"GroupName", "g"}, {"UserName", "u"}});
  run("GetGroup", {{"GroupName", "g"}});
  run("ListGroups");
  run("ListGroupsForUser", {{"UserName", "u"}});
  run("CreatePolicy", {{"PolicyName", "pol"},
                       {"PolicyDocument", doc},
                       {"Description", "d"},
                       {"Tags.member.1.Key", "k"},
                       {"Tags.member.1.Value", "v"}});
  run("GetPolicy", {{"PolicyArn", arn}});
  run("TagPolicy", {{"PolicyArn", arn}, {"Tags.member.1.Key", "k2"}, {"Tags.member.1.Value", "v"}});
  run("ListPolicyTags", {{"PolicyArn", arn}});
  run("ListPolicies", {{"MaxItems", "2"}});
  run("CreatePolicyVersion", {{"PolicyArn", arn}, {"PolicyDocument", doc}});
  run("GetPolicyVersion", {{"PolicyArn", arn}, {"VersionId", "v2"}});
  run("ListPolicyVersions", {{"PolicyArn", arn}});
  run("SetDefaultPolicyVersion", {{"PolicyArn", arn}, {"VersionId", "v2"}});
  run("AttachUserPolicy", {{"UserName", "u"}, {"PolicyArn", arn}});
  run("AttachGroupPolicy", {{"GroupName", "g"}, {"PolicyArn", arn}});
  run("ListAttachedUserPolicies", {{"UserName", "u"}});
  run("ListAttachedGroupPolicies", {{"GroupName", "g"}});
  run("ListEntitiesForPolicy", {{"PolicyArn", arn}});
  run("PutUserPolicy", {{"UserName", "u"}, {"PolicyName", "i"}, {"PolicyDocument", doc}});
  run("GetUserPolicy", {{"UserName", "u"}, {"PolicyName", "i"}});
  run("ListUserPolicies", {{"UserName", "u"}});
  run("PutGroupPolicy", {{"GroupName", "g"}, {"PolicyName", "i"}, {"PolicyDocument", doc}});
  run("GetGroupPolicy", {{"GroupName", "g"}, {"PolicyName", "i"}});
  run("ListGroupPolicies", {{"GroupName", "g"}});
  run("UpdateAccountPasswordPolicy", {{"MaxPasswordAge", "30"}, {"PasswordReusePrevention", "3"}});
  run("GetAccountPasswordPolicy");
  run("GetAccountSummary");
  run("GetAccountAuthorizationDetails");
  run("GetAccountAuthorizationDetails", {{"MaxItems", "1"}});
  run("UpdateUser", {{"UserName", "u"}, {"NewPath", "/x/"}});
  EXPECT_GE(checked_, 40);
}

TEST_F(EmuStateModelShapeTest, StsResponsesFollowTheModel) {
  const json model = LoadModel("sts");
  Reply a =
      Call("AssumeRole",
           {{"RoleArn", "arn:aws:iam::123456789012:role/R"}, {"RoleSessionName", "s1"}}, "sts");
  CheckAction(model, a, "AssumeRole");
  Reply c = Call("GetCallerIdentity", {}, "sts");
  CheckAction(model, c, "GetCallerIdentity");
  EXPECT_EQ(checked_, 2);
}

TEST_F(EmuStateModelShapeTest, ErrorResponseShape) {
  Reply r = Call("GetUser", {{"UserName", "nobody"}});
  pugi::xml_node root = r.doc->document_element();
  EXPECT_EQ(std::string(root.name()), "ErrorResponse");
  std::vector<std::string> children, error;
  for (auto c : root.children()) children.push_back(c.name());
  for (auto c : root.child("Error").children()) error.push_back(c.name());
  EXPECT_EQ(children, (std::vector<std::string>{"Error", "RequestId"}));
  EXPECT_EQ(error, (std::vector<std::string>{"Type", "Code", "Message"}));
}

}  // namespace
}  // namespace aic::emulator::state::testing
