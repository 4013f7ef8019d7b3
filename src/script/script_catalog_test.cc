#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "aws_iam_connector/script_runner.h"

namespace aic {
namespace {

using json = nlohmann::json;

TEST(ScriptCatalogTest, ParsesOpenIdmSystemActions) {
  json actions = json::parse(R"([
    {"scriptId": "inline", "actions": [{"systemType": ".*AwsConnector", "actionType": "lua",
      "actionSource": "return 1"}]},
    {"scriptId": "fromfile", "actions": [{"systemType": ".*AwsConnector", "actionType": "LUA",
      "actionFile": "scripts/x.lua"}]},
    {"scriptId": "groovy", "actions": [{"systemType": ".*", "actionType": "groovy",
      "actionSource": "1"}]}
  ])");
  auto defs = ParseSystemActions(actions, "/etc/aic");
  ASSERT_TRUE(defs.ok()) << defs.status().ToString();
  ASSERT_EQ(defs->size(), 2u);
  EXPECT_EQ((*defs)[0].id, "inline");
  EXPECT_EQ((*defs)[0].source, "return 1");
  EXPECT_EQ((*defs)[1].file, "/etc/aic/scripts/x.lua");
  EXPECT_EQ((*defs)[1].language, "lua");
}

TEST(ScriptCatalogTest, ClearErrorsNameTheEntry) {
  struct Case {
    const char* json_text;
    const char* expect;
  } cases[] = {
      {R"({"scriptId": "x"})", "must be an array"},
      {R"([{"actions": [{"actionType": "lua", "actionSource": "1"}]}])", "[0].scriptId"},
      {R"([{"scriptId": "x", "actions": []}])", "[0].actions"},
      {R"([{"scriptId": "x", "actions": [{"actionType": "lua"}]}])", "exactly one"},
      {R"([{"scriptId": "x", "actions": [{"actionType": "lua", "actionSource": "1",
           "actionFile": "f"}]}])",
       "exactly one"},
      {R"([{"scriptId": "x", "actions": [{"actionType": "lua", "actionSource": 5}]}])",
       "[0].actions[0].actionSource: must be a string"},
      {R"([{"scriptId": "x", "actions": [{"actionType": "lua", "systemType": "(",
           "actionSource": "1"}]}])",
       "systemType"},
      {R"([{"scriptId": "x", "actions": [{"actionType": "lua", "actionSource": "1"}]},
          {"scriptId": "x", "actions": [{"actionType": "lua", "actionSource": "2"}]}])",
       "defined twice"},
  };
  for (const auto& c : cases) {
    auto r = ParseSystemActions(json::parse(c.json_text));
    ASSERT_FALSE(r.ok()) << c.json_text;
    EXPECT_EQ(r.status().code(), ErrorCode::kConfiguration);
    EXPECT_NE(r.status().message().find(c.expect), std::string::npos) << r.status().message();
  }
}

TEST(ScriptCatalogTest, RunsByIdFromSourceAndFile) {
  auto dir =
      std::filesystem::temp_directory_path() / ("aic_script_catalog_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  { std::ofstream(dir / "double.lua") << "return args.n * 2\n"; }
  auto defs = ParseSystemActions(json::parse(R"([
    {"scriptId": "one", "actions": [{"actionType": "lua", "actionSource": "return 'one'"}]},
    {"scriptId": "double", "actions": [{"actionType": "lua", "actionFile": "double.lua"}]},
    {"scriptId": "missing", "actions": [{"actionType": "lua", "actionFile": "nope.lua"}]}
  ])"),
                                 dir.string());
  ASSERT_TRUE(defs.ok());
  ScriptCatalog catalog(*defs);
  auto one = catalog.RunById("one", nullptr, json::object(), nullptr);
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_EQ(one->result, "one");
  auto dbl = catalog.RunById("double", {{"n", 21}}, json::object(), nullptr);
  ASSERT_TRUE(dbl.ok()) << dbl.status().ToString();
  EXPECT_EQ(dbl->result, 42);
  auto unknown = catalog.RunById("nope", nullptr, json::object(), nullptr);
  EXPECT_EQ(unknown.status().code(), ErrorCode::kUnknownUid);
  auto missing = catalog.RunById("missing", nullptr, json::object(), nullptr);
  EXPECT_EQ(missing.status().code(), ErrorCode::kConfiguration);
  EXPECT_NE(missing.status().message().find("nope.lua"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace aic
