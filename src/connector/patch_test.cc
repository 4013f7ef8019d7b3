#include "aws_iam_connector/connector/patch.h"

#include <gtest/gtest.h>

namespace aic::connector {
namespace {

using json = nlohmann::json;

const ObjectClassInfo& Account() { return *Schema::Aws().Find(ObjectClass::kAccount); }

json Current() {
  return json::parse(R"({"_id":"bjensen","__NAME__":"bjensen","Path":"/",
    "groups":["a","b"],"Tags":[{"Key":"Project","Value":"Meteor"}],
    "PermissionsBoundary":"arn:aws:iam::1:policy/B"})");
}

json Patched(const char* body, json object = Current()) {
  auto ops = ParsePatch(json::parse(body));
  EXPECT_TRUE(ops.ok()) << ops.status().ToString();
  if (!ops.ok()) return nullptr;
  Status s = ApplyPatch(*ops, object, &Account());
  EXPECT_TRUE(s.ok()) << s.ToString();
  return object;
}

void ExpectBadPatch(const char* body, const std::string& needle) {
  auto ops = ParsePatch(json::parse(body));
  ASSERT_FALSE(ops.ok()) << body;
  EXPECT_EQ(ops.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(ops.status().message().find(needle), std::string::npos) << ops.status().message();
}

TEST(PatchTest, ParsesSeedPasswordReset) {
  auto ops = ParsePatch(
      json::parse(R"([{"operation":"add","field":"__PASSWORD__","value":"Passw0rd@123!"}])"));
  ASSERT_TRUE(ops.ok()) << ops.status().ToString();
  ASSERT_EQ(ops->size(), 1u);
  EXPECT_EQ((*ops)[0].type, PatchOperation::Type::kAdd);
  EXPECT_EQ((*ops)[0].field, FieldPath{"__PASSWORD__"});
}

TEST(PatchTest, AddOnListAppendsMissingElements) {
  EXPECT_EQ(Patched(R"([{"operation":"add","field":"/groups","value":"c"}])")["groups"],
            json({"a", "b", "c"}));
  EXPECT_EQ(Patched(R"([{"operation":"add","field":"groups","value":["b","d"]}])")["groups"],
            json({"a", "b", "d"}));
  EXPECT_EQ(Patched(R"([{"operation":"add","field":"policies","value":"arn:x"}])")["policies"],
            json({"arn:x"}));  // absent list created
  EXPECT_EQ(Patched(R"([{"operation":"add","field":"/Tags/-",
                        "value":{"Key":"Dept","Value":"Acc"}}])")["Tags"]
                .size(),
            2u);
}

TEST(PatchTest, AddOnSingleValueSets) {
  EXPECT_EQ(Patched(R"([{"operation":"add","field":"Path","value":"/x/"}])")["Path"], "/x/");
  EXPECT_EQ(Patched(R"([{"operation":"add","field":"__USER__","value":"bj2"}])")["__NAME__"],
            "bj2");
}

TEST(PatchTest, RemoveWithAndWithoutValue) {
  EXPECT_EQ(Patched(R"([{"operation":"remove","field":"groups","value":"a"}])")["groups"],
            json({"b"}));
  EXPECT_EQ(Patched(R"([{"operation":"remove","field":"groups","value":["a","b","z"]}])")["groups"],
            json::array());
  EXPECT_EQ(Patched(R"([{"operation":"remove","field":"groups"}])")["groups"], json::array());
  EXPECT_TRUE(
      Patched(R"([{"operation":"remove","field":"PermissionBoundary"}])")["PermissionsBoundary"]
          .is_null());
  EXPECT_EQ(Patched(R"([{"operation":"remove","field":"Path","value":"/other/"}])")["Path"], "/");
  EXPECT_TRUE(Patched(R"([{"operation":"remove","field":"Path","value":"/"}])")["Path"].is_null());
  EXPECT_EQ(Patched(R"([{"operation":"remove","field":"Tags",
                        "value":{"Key":"Project","Value":"Meteor"}}])")["Tags"],
            json::array());
  EXPECT_EQ(Patched(R"([{"operation":"remove","field":"groups/0"}])")["groups"], json({"b"}));
}

TEST(PatchTest, ReplaceSets) {
  EXPECT_EQ(Patched(R"([{"operation":"replace","field":"groups","value":["x"]}])")["groups"],
            json({"x"}));
  EXPECT_EQ(Patched(R"([{"operation":"replace","field":"groups","value":"y"}])")["groups"],
            json({"y"}));
  EXPECT_EQ(Patched(R"([{"operation":"replace","field":"groups"}])")["groups"], json::array());
  EXPECT_EQ(Patched(R"([{"operation":"replace","field":"/groups/1","value":"q"}])")["groups"],
            json({"a", "q"}));
}

TEST(PatchTest, OperationsApplyInOrder) {
  json out = Patched(R"([{"operation":"remove","field":"groups"},
                         {"operation":"add","field":"groups","value":"z"},
                         {"operation":"replace","field":"Path","value":"/p/"}])");
  EXPECT_EQ(out["groups"], json({"z"}));
  EXPECT_EQ(out["Path"], "/p/");
}

TEST(PatchTest, MalformedPatches) {
  ExpectBadPatch(R"({"operation":"add"})", "JSON array");
  ExpectBadPatch(R"([{"operation":"increment","field":"n","value":1}])",
                 "bad patch operation 0: unsupported operation 'increment'");
  ExpectBadPatch(R"([{"operation":"add","field":"a","value":1},{"operation":"move","field":"b"}])",
                 "bad patch operation 1: unsupported operation 'move'");
  ExpectBadPatch(R"([{"field":"a","value":1}])", "missing \"operation\"");
  ExpectBadPatch(R"([{"operation":"add","value":1}])", "missing \"field\"");
  ExpectBadPatch(R"([{"operation":"add","field":"a"}])", "add needs a \"value\"");
  ExpectBadPatch(R"([{"operation":"add","field":"a/b/c","value":1}])", "nested fields");
  ExpectBadPatch(R"([{"operation":"add","field":"a/b","value":1}])", "nested fields");
  ExpectBadPatch(R"([{"operation":"remove","field":"a/-"}])", "only valid with add");
  ExpectBadPatch(R"([{"operation":"add","field":"","value":1}])", "field");
  ExpectBadPatch(R"([{"operation":"add","field":"a","value":1,"from":"b"}])", "unknown member");
  ExpectBadPatch(R"([5])", "not an object");
  json many = json::array();
  for (std::size_t i = 0; i <= kMaxPatchOperations; ++i) {
    many.push_back({{"operation", "remove"}, {"field", "a"}});
  }
  EXPECT_FALSE(ParsePatch(many).ok());
}

TEST(PatchTest, IndexOutOfRange) {
  auto ops = ParsePatch(json::parse(R"([{"operation":"remove","field":"groups/7"}])"));
  ASSERT_TRUE(ops.ok());
  json object = Current();
  Status s = ApplyPatch(*ops, object, &Account());
  EXPECT_EQ(s.code(), ErrorCode::kInvalidInput);
  EXPECT_NE(s.message().find("no element 7"), std::string::npos);
}

TEST(PatchTest, PatchToUpdateValidatesTouchedFields) {
  auto ops = ParsePatch(json::parse(R"([
      {"operation":"add","field":"__PASSWORD__","value":"Passw0rd@123!"},
      {"operation":"add","field":"groups","value":"c"}])"));
  ASSERT_TRUE(ops.ok());
  EXPECT_EQ(PatchedFields(*ops), (std::vector<std::string>{"__PASSWORD__", "groups"}));
  auto update = PatchToUpdate(Account(), *ops, Current(), Uid("bjensen"));
  ASSERT_TRUE(update.ok()) << update.status().ToString();
  ASSERT_TRUE(update->password.has_value());
  EXPECT_EQ(update->password->Reveal(), "Passw0rd@123!");
  EXPECT_EQ(update->attributes, json({{"groups", {"a", "b", "c"}}}));

  auto read_only =
      ParsePatch(json::parse(R"([{"operation":"replace","field":"Arn","value":"x"}])"));
  ASSERT_TRUE(read_only.ok());
  auto refused = PatchToUpdate(Account(), *read_only, Current(), Uid("bjensen"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kInvalidAttributeValue);
  EXPECT_NE(refused.status().message().find("'Arn' is read-only"), std::string::npos);

  auto bad_type = ParsePatch(json::parse(R"([{"operation":"add","field":"groups","value":5}])"));
  ASSERT_TRUE(bad_type.ok());
  EXPECT_FALSE(PatchToUpdate(Account(), *bad_type, Current(), Uid("bjensen")).ok());

  auto attrs = PatchedAttributes(*ops, Current());
  EXPECT_TRUE(attrs["__PASSWORD__"].is_null());  // not in Current(): reported as null
}

}  // namespace
}  // namespace aic::connector
