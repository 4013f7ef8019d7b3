#include "aws_iam_connector/connector/attribute_validator.h"

#include <gtest/gtest.h>

namespace aic::connector {
namespace {

using json = nlohmann::json;

const ObjectClassInfo& Account() { return *Schema::Aws().Find(ObjectClass::kAccount); }

// Expects `r` to fail with `code` and a message containing `needle`.
template <class T>
void ExpectError(const Result<T>& r, ErrorCode code, const std::string& needle) {
  ASSERT_FALSE(r.ok()) << "expected an error mentioning " << needle;
  EXPECT_EQ(r.status().code(), code) << r.status().ToString();
  EXPECT_NE(r.status().message().find(needle), std::string::npos) << r.status().message();
}

TEST(ValidateForCreateTest, SeedMinimalCreate) {
  auto r = ValidateForCreate(Account(), json{{"__NAME__", "bjensen"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->attributes, json({{"__NAME__", "bjensen"}}));
  EXPECT_FALSE(r->password.has_value());
}

TEST(ValidateForCreateTest, FoldsAliases) {
  auto r = ValidateForCreate(
      Account(), json{{"__USER__", "bjensen"},
                      {"PermissionBoundary", "arn:aws:iam::123456789012:policy/Boundary"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->attributes["__NAME__"], "bjensen");
  EXPECT_EQ(r->attributes["PermissionsBoundary"], "arn:aws:iam::123456789012:policy/Boundary");
  EXPECT_FALSE(r->attributes.contains("__USER__"));
  EXPECT_FALSE(r->attributes.contains("PermissionBoundary"));
}

TEST(ValidateForCreateTest, SameAttributeTwiceWithDifferentValues) {
  ExpectError(ValidateForCreate(Account(), json{{"__USER__", "a"}, {"__NAME__", "b"}}),
              ErrorCode::kInvalidInput, "given twice");
  EXPECT_TRUE(ValidateForCreate(Account(), json{{"__USER__", "a"}, {"__NAME__", "a"}}).ok());
}

TEST(ValidateForCreateTest, PasswordMovesIntoSecretString) {
  auto r = ValidateForCreate(Account(),
                             json{{"__NAME__", "bjensen"}, {"__PASSWORD__", "Passw0rd@123!"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->password.has_value());
  EXPECT_EQ(r->password->Reveal(), "Passw0rd@123!");
  EXPECT_TRUE(r->Has("__PASSWORD__"));
  EXPECT_FALSE(r->attributes.contains("__PASSWORD__"));
  EXPECT_EQ(r->attributes.dump().find("Passw0rd"), std::string::npos);
}

TEST(ValidateForCreateTest, BadPasswordMessageHasNoSecret) {
  auto r = ValidateForCreate(Account(), json{{"__NAME__", "b"}, {"__PASSWORD__", 12345}});
  ExpectError(r, ErrorCode::kInvalidAttributeValue, "__PASSWORD__");
  std::string too_long(kMaxPasswordLength + 1, 'x');
  auto r2 = ValidateForCreate(Account(), json{{"__NAME__", "b"}, {"__PASSWORD__", too_long}});
  ExpectError(r2, ErrorCode::kInvalidAttributeValue, "__PASSWORD__");
  EXPECT_EQ(r2.status().message().find(too_long), std::string::npos);
}

TEST(ValidateForCreateTest, MissingRequired) {
  ExpectError(ValidateForCreate(Account(), json{{"Path", "/a/"}}),
              ErrorCode::kInvalidAttributeValue, "missing required attribute '__NAME__'");
  ExpectError(ValidateForCreate(Account(), json{{"__NAME__", nullptr}}),
              ErrorCode::kInvalidAttributeValue, "__NAME__");
}

TEST(ValidateForCreateTest, UnknownAttribute) {
  ExpectError(ValidateForCreate(Account(), json{{"__NAME__", "a"}, {"Department", "x"}}),
              ErrorCode::kInvalidInput, "unknown attribute 'Department' for __ACCOUNT__");
}

TEST(ValidateForCreateTest, ReadOnlyAttribute) {
  ExpectError(ValidateForCreate(Account(), json{{"__NAME__", "a"}, {"UserId", "AIDA"}}),
              ErrorCode::kInvalidAttributeValue, "'UserId' is read-only");
  ExpectError(ValidateForCreate(Account(), json{{"__NAME__", "a"}, {"accessKeys", json::array()}}),
              ErrorCode::kInvalidAttributeValue, "accessKeys");
}

TEST(ValidateForCreateTest, WrongTypes) {
  ExpectError(ValidateForCreate(Account(), json{{"__NAME__", 5}}),
              ErrorCode::kInvalidAttributeValue, "'__NAME__' must be a string");
  ExpectError(ValidateForCreate(Account(), json{{"__NAME__", "a"}, {"__ENABLE__", "true"}}),
              ErrorCode::kInvalidAttributeValue, "'__ENABLE__' must be a boolean");
  ExpectError(ValidateForCreate(Account(), json{{"__NAME__", "a"}, {"Path", json::array({"/"})}}),
              ErrorCode::kInvalidAttributeValue, "'Path' is single-valued");
  ExpectError(ValidateForCreate(Account(), json{{"__NAME__", "a"}, {"groups", {{"x", 1}}}}),
              ErrorCode::kInvalidAttributeValue, "'groups' must be a string");
}

TEST(ValidateForCreateTest, ValueRules) {
  ExpectError(ValidateForCreate(Account(), json{{"__NAME__", "bad name"}}),
              ErrorCode::kInvalidAttributeValue, "'__NAME__' must be 1 to 64");
  ExpectError(ValidateForCreate(Account(), json{{"__NAME__", std::string(65, 'a')}}),
              ErrorCode::kInvalidAttributeValue, "__NAME__");
  // Group names are 1-128 of the same characters (a user's groups too); members are users.
  const ObjectClassInfo& group = *Schema::Aws().Find(ObjectClass::kGroup);
  EXPECT_TRUE(ValidateForCreate(group, json{{"__NAME__", std::string(128, 'g')}}).ok());
  ExpectError(ValidateForCreate(group, json{{"__NAME__", std::string(129, 'g')}}),
              ErrorCode::kInvalidAttributeValue, "'__NAME__' must be 1 to 128");
  ExpectError(ValidateForCreate(group, json{{"__NAME__", "g"}, {"members", {"bad name"}}}),
              ErrorCode::kInvalidAttributeValue, "'members' must be 1 to 64");
  ExpectError(ValidateForCreate(group, json{{"__NAME__", "g"}, {"GroupId", "AGPA1"}}),
              ErrorCode::kInvalidAttributeValue, "'GroupId' is read-only");
  EXPECT_TRUE(
      ValidateForCreate(Account(), json{{"__NAME__", "a"}, {"groups", {std::string(128, 'g')}}})
          .ok());
  ExpectError(ValidateForCreate(Account(), json{{"__NAME__", "a"}, {"Path", "/no-trailing"}}),
              ErrorCode::kInvalidAttributeValue, "'Path'");
  ExpectError(ValidateForCreate(Account(), json{{"__NAME__", "a"}, {"policies", {"ReadOnly"}}}),
              ErrorCode::kInvalidAttributeValue, "'policies' must be an ARN");
  EXPECT_TRUE(
      ValidateForCreate(Account(), json{{"__NAME__", "a+b=c,d.e@f_g-h"},
                                        {"Path", "/div/team/"},
                                        {"policies", {"arn:aws:iam::aws:policy/ReadOnlyAccess"}}})
          .ok());
}

TEST(ValidateForCreateTest, SingleValueOfListIsWrapped) {
  auto r = ValidateForCreate(Account(), json{{"__NAME__", "a"}, {"groups", "admins"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->attributes["groups"], json::array({"admins"}));
}

TEST(ValidateForCreateTest, TagsShape) {
  auto ok = ValidateForCreate(
      Account(), json::parse(R"({"__NAME__":"a","Tags":[{"Key":"Department","Value":"Acc"}]})"));
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  ExpectError(
      ValidateForCreate(Account(), json::parse(R"({"__NAME__":"a","Tags":[{"Project":"M"}]})")),
      ErrorCode::kInvalidAttributeValue, "unknown member 'Project'");
  ExpectError(ValidateForCreate(Account(), json::parse(R"({"__NAME__":"a","Tags":[{"Key":"P"}]})")),
              ErrorCode::kInvalidAttributeValue, "\"Value\"");
  ExpectError(ValidateForCreate(Account(), json::parse(R"({"__NAME__":"a","Tags":["x"]})")),
              ErrorCode::kInvalidAttributeValue, "'Tags'");
  ExpectError(ValidateForCreate(Account(), json::parse(R"({"__NAME__":"a","Tags":[
                {"Key":"p","Value":"1"},{"Key":"P","Value":"2"}]})")),
              ErrorCode::kInvalidAttributeValue, "twice");
  json many = json::array();
  for (std::size_t i = 0; i <= kMaxTags; ++i) {
    many.push_back({{"Key", "k" + std::to_string(i)}, {"Value", ""}});
  }
  ExpectError(ValidateForCreate(Account(), json{{"__NAME__", "a"}, {"Tags", many}}),
              ErrorCode::kInvalidAttributeValue, "more than 50");
}

TEST(ValidateForCreateTest, IdSuppliesOrMustMatchName) {
  auto from_uid = ValidateForCreate(Account(), json::object(), Uid("bjensen"));
  ASSERT_TRUE(from_uid.ok()) << from_uid.status().ToString();
  EXPECT_EQ(from_uid->attributes["__NAME__"], "bjensen");
  auto from_body = ValidateForCreate(Account(), json{{"_id", "bjensen"}});
  ASSERT_TRUE(from_body.ok());
  EXPECT_EQ(from_body->attributes["__NAME__"], "bjensen");
  EXPECT_FALSE(from_body->attributes.contains("_id"));
  ExpectError(ValidateForCreate(Account(), json{{"__NAME__", "a"}}, Uid("b")),
              ErrorCode::kInvalidAttributeValue, "differ");
  ExpectError(ValidateForCreate(Account(), json{{"_id", "a"}}, Uid("b")), ErrorCode::kInvalidInput,
              "does not match");
  ExpectError(ValidateForCreate(Account(), json{{"__UID__", 3}}), ErrorCode::kInvalidAttributeValue,
              "__UID__");
}

TEST(ValidateForCreateTest, NotAnObjectAndReadOnlyClass) {
  ExpectError(ValidateForCreate(Account(), json::array()), ErrorCode::kInvalidInput, "JSON object");
  ExpectError(ValidateForCreate(*Schema::Aws().Find(ObjectClass::kPolicy), json{{"__NAME__", "p"}}),
              ErrorCode::kUnsupported, "__POLICY__ is read-only");
  ExpectError(ValidateForCreate(*Schema::Aws().Find(ObjectClass::kRole), json{{"__NAME__", "r"}}),
              ErrorCode::kUnsupported, "__ROLE__ cannot be created");
}

TEST(ValidateForUpdateTest, SeedPutWithTags) {
  auto r = ValidateForUpdate(
      Account(),
      json::parse(R"({"__NAME__":"bjensen","Tags":[{"Key":"Project","Value":"Meteor"}]})"),
      Uid("bjensen"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->attributes["Tags"][0]["Value"], "Meteor");
}

TEST(ValidateForUpdateTest, NullClearsAndRequiredCannotBeCleared) {
  auto r = ValidateForUpdate(Account(), json{{"PermissionsBoundary", nullptr}, {"groups", nullptr}},
                             Uid("a"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->attributes["PermissionsBoundary"].is_null());
  EXPECT_EQ(r->attributes["groups"], json::array());
  ExpectError(ValidateForUpdate(Account(), json{{"__NAME__", nullptr}}, Uid("a")),
              ErrorCode::kInvalidAttributeValue, "cannot be cleared");
  ExpectError(ValidateForUpdate(Account(), json{{"__PASSWORD__", nullptr}}, Uid("a")),
              ErrorCode::kInvalidAttributeValue, "__PASSWORD__");
}

TEST(ValidateForUpdateTest, IdMustMatchTarget) {
  EXPECT_TRUE(
      ValidateForUpdate(Account(), json{{"_id", "a"}, {"__NAME__", "b"}, {"_rev", "1"}}, Uid("a"))
          .ok());
  ExpectError(ValidateForUpdate(Account(), json{{"_id", "x"}}, Uid("a")),
              ErrorCode::kInvalidAttributeValue, "rename with __NAME__");
}

TEST(ValidateForUpdateTest, ReadOnlyRejectedOrCollected) {
  json body =
      json::parse(R"({"__NAME__":"bjensen","UserId":"AIDA1","Arn":"arn:aws:iam::1:user/bjensen",
                              "inlinePolicies":["p1","p2"]})");
  ExpectError(ValidateForUpdate(Account(), body, Uid("bjensen")), ErrorCode::kInvalidAttributeValue,
              "read-only and cannot be changed");
  auto r = ValidateForUpdate(Account(), body, Uid("bjensen"), ReadOnlyPolicy::kCollect);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->attributes.contains("UserId"));
  EXPECT_EQ(r->read_only_values["UserId"], "AIDA1");

  json current = json::parse(R"({"_id":"bjensen","__NAME__":"bjensen","UserId":"AIDA1",
        "Arn":"arn:aws:iam::1:user/bjensen","inlinePolicies":["p2","p1"]})");
  EXPECT_TRUE(CheckReadOnlyUnchanged(Account(), *r, current).ok());
  current["UserId"] = "AIDA2";
  Status changed = CheckReadOnlyUnchanged(Account(), *r, current);
  EXPECT_EQ(changed.code(), ErrorCode::kInvalidAttributeValue);
  EXPECT_NE(changed.message().find("UserId"), std::string::npos);
}

}  // namespace
}  // namespace aic::connector
