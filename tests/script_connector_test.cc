// Script on connector (issue 7) end to end: the example scripts of examples/scripts run through
// ScriptCatalog over the real AwsConnector (ConnectorScriptHost) against the in-process
// emulator: unused passwords, create-and-add-to-group, raw IAM calls, error / infinite-loop /
// memory-bomb scripts while 4 threads keep running a normal script, and the sandbox (no files,
// no unmasked secret).
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "aws_iam_connector/aws_connector.h"
#include "aws_iam_connector/emulator.h"
#include "aws_iam_connector/script_runner.h"
#include "aws_iam_connector/task.h"
#include "script/connector_script_host.h"

namespace aic {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

// The connector's secret key: the emulator (kAnyKey) does not check signatures, so a
// distinctive value can be looked for in everything a script can reach.
constexpr char kSecret[] = "Sup3r-S3cret-Key-q9Zx7Lw";

json SystemActions() {
  return json::parse(R"([
    {"scriptId": "unusedPasswords", "actions": [{"systemType": ".*AwsConnector",
      "actionType": "lua", "actionFile": "unused_passwords.lua"}]},
    {"scriptId": "createUserInGroup", "actions": [{"systemType": ".*AwsConnector",
      "actionType": "lua", "actionFile": "create_user_in_group.lua"}]},
    {"scriptId": "accountSummary", "actions": [{"systemType": ".*AwsConnector",
      "actionType": "lua", "actionFile": "account_summary.lua"}]},
    {"scriptId": "listNames", "actions": [{"systemType": ".*AwsConnector", "actionType": "lua",
      "actionSource": "local l = connector.search('__ACCOUNT__', 'true', {fields = {'__NAME__'}})\nlocal n = {}\nfor _, u in ipairs(l) do n[#n + 1] = u.__NAME__ end\ntable.sort(n)\nreturn n"}]},
    {"scriptId": "broken", "actions": [{"systemType": ".*AwsConnector", "actionType": "lua",
      "actionSource": "local users = connector.search('__ACCOUNT__', 'true')\nlocal first = users[1]\nlocal missing = nil\nreturn missing.name"}]},
    {"scriptId": "spin", "actions": [{"systemType": ".*AwsConnector", "actionType": "lua",
      "actionSource": "local n = 0\nwhile true do n = n + 1 end"}]},
    {"scriptId": "hog", "actions": [{"systemType": ".*AwsConnector", "actionType": "lua",
      "actionSource": "local t = {}\nwhile true do t[#t + 1] = string.rep('x', 1024) .. #t end"}]}
  ])");
}

class ScriptConnectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("aic_script_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    StartEmulator();
    auto defs =
        ParseSystemActions(SystemActions(), std::string(AIC_SOURCE_DIR) + "/examples/scripts");
    ASSERT_TRUE(defs.ok()) << defs.status().ToString();
    ScriptLimits limits;
    limits.wall_clock = std::chrono::milliseconds(20'000);
    limits.instruction_budget = 20'000'000;
    limits.memory_bytes = 16 * 1024 * 1024;
    catalog_ = std::make_unique<ScriptCatalog>(std::move(*defs), limits);
  }
  void TearDown() override {
    host_.reset();
    connector_.reset();
    emulator_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  void StartEmulator() {
    host_.reset();
    connector_.reset();
    emulator_.reset();
    EmulatorOptions options;
    options.mode = EmulatorOptions::SignatureMode::kAnyKey;
    options.db_path = (dir_ / "iam.db").string();
    options.threads = 4;
    auto e = Emulator::Start(options);
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    emulator_ = std::move(*e);
    AwsConnectorConfig c;
    c.endpoint = emulator_->endpoint();
    c.sts_endpoint = emulator_->endpoint();
    c.access_key_id = "AKIASCRIPTTEST000001";
    c.secret_key = SecretString(kSecret);
    c.page_size = 2;  // scripts must follow the paging cookie
    auto made = AwsConnector::Create(c);
    ASSERT_TRUE(made.ok()) << made.status().ToString();
    connector_ = std::move(*made);
    host_ = ConnectorScriptHost::ForAwsConnector(*connector_);
    config_ = MaskedAwsConfig(connector_->config());
  }

  Result<ScriptOutput> Run(std::string_view id, const json& args = nullptr) {
    return catalog_->RunById(id, args, config_, host_.get());
  }

  IamClient& iam() { return connector_->iam(); }

  fs::path dir_;
  std::unique_ptr<Emulator> emulator_;
  std::unique_ptr<AwsConnector> connector_;
  std::unique_ptr<ConnectorScriptHost> host_;
  std::unique_ptr<ScriptCatalog> catalog_;
  json config_;
};

// Marks `user` as having used its password (the emulator has no console sign-in), by editing
// the emulator's stored state while it is stopped.
void SetPasswordLastUsed(const fs::path& db_path, const std::string& user, std::int64_t when) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
  std::string sql = "UPDATE entity SET body = json_set(body, '$.pwd_used', " +
                    std::to_string(when) +
                    ") WHERE kind = 'user' AND json_extract(body, '$.name') = '" + user + "'";
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  int changed = sqlite3_changes(db);
  std::string message = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << message;
  ASSERT_EQ(changed, 1) << "user " << user << " not found in the emulator's database";
}

TEST_F(ScriptConnectorTest, ListsUsersWhosePasswordWasNeverUsed) {
  for (const char* name : {"alice", "bob", "carol", "dave", "erin"}) {
    ASSERT_TRUE(Wait(iam().CreateUser(name, "/staff/")).ok());
  }
  ASSERT_TRUE(Wait(iam().CreateUser("svc", "/service/")).ok());
  emulator_.reset();  // stop, edit the stored state, start again on the same file
  SetPasswordLastUsed(dir_ / "iam.db", "bob", 1700000000);
  SetPasswordLastUsed(dir_ / "iam.db", "dave", 1710000000);
  StartEmulator();
  ASSERT_TRUE(Wait(iam().GetUser("bob")).ok());
  ASSERT_FALSE(Wait(iam().GetUser("bob"))->password_last_used.empty());

  auto all = Run("unusedPasswords");
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->result["count"], 4);
  std::vector<std::string> names;
  for (const auto& u : all->result["users"]) names.push_back(u["name"].get<std::string>());
  EXPECT_EQ(names, (std::vector<std::string>{"alice", "carol", "erin", "svc"}));
  EXPECT_EQ(all->result["users"][0]["path"], "/staff/");

  // In pages of 2: the script follows the cookie.
  auto staff = Run("unusedPasswords", {{"pathPrefix", "/staff/"}, {"pageSize", 2}});
  ASSERT_TRUE(staff.ok()) << staff.status().ToString();
  EXPECT_EQ(staff->result["count"], 3);
  EXPECT_EQ(staff->result["users"][2]["name"], "erin");
  auto paged = Run("unusedPasswords", {{"pageSize", 1}});
  ASSERT_TRUE(paged.ok()) << paged.status().ToString();
  EXPECT_EQ(paged->result, all->result);
}

TEST_F(ScriptConnectorTest, CreatesAUserAndAddsItToAGroup) {
  ASSERT_TRUE(Wait(iam().CreateGroup("developers")).ok());
  json args = {{"userName", "frank"},
               {"group", "developers"},
               {"path", "/eng/"},
               {"tags", {{"team", "blue"}, {"cost", "42"}}}};
  auto r = Run("createUserInGroup", args);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->result["_id"], "frank");
  EXPECT_EQ(r->result["Path"], "/eng/");
  EXPECT_EQ(r->result["groups"], json({"developers"}));
  // Checked in IAM itself, not through the connector.
  auto groups = Wait(iam().ListGroupsForUser("frank"));
  ASSERT_TRUE(groups.ok());
  ASSERT_EQ(groups->items.size(), 1u);
  EXPECT_EQ(groups->items[0].group_name, "developers");
  auto tags = Wait(iam().ListUserTags("frank"));
  ASSERT_TRUE(tags.ok());
  // The two asked for, besides the connector's hidden create marker (kCreateMarkerTagKey).
  std::size_t asked = 0;
  for (const auto& t : tags->items) asked += t.key != kCreateMarkerTagKey;
  EXPECT_EQ(asked, 2u);

  // A group that does not exist: the connector's error reaches the caller with the line.
  auto bad = Run("createUserInGroup", {{"userName", "gina"}, {"group", "nope"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(bad.status().message().find("script 'createUserInGroup':"), std::string::npos)
      << bad.status().message();
  auto missing_args = Run("createUserInGroup");
  EXPECT_NE(missing_args.status().message().find("arguments are required"), std::string::npos);
}

TEST_F(ScriptConnectorTest, RawIamCallsReturnParsedResults) {
  ASSERT_TRUE(Wait(iam().CreateGroup("ops")).ok());
  for (const char* name : {"u1", "u2", "u3"}) {
    ASSERT_TRUE(Wait(iam().CreateUser(name)).ok());
    ASSERT_TRUE(Wait(iam().AddUserToGroup("ops", name)).ok());
  }
  auto r = Run("accountSummary");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->result["users"], 3);
  EXPECT_EQ(r->result["groups"], 1);  // ops (only serve's embedded emulator has demo-group)
  EXPECT_EQ(r->result["members"]["ops"], json({"u1", "u2", "u3"}));
  // An AWS error keeps its action and code.
  auto err = catalog_->RunSource("inline", "return connector.iam('GetUser', {UserName = 'zz'})",
                                 nullptr, config_, host_.get());
  ASSERT_FALSE(err.ok());
  EXPECT_NE(err.status().message().find("NoSuchEntity"), std::string::npos)
      << err.status().message();
}

TEST_F(ScriptConnectorTest, FailingScriptsAreStoppedWhileOthersRun) {
  for (const char* name : {"p1", "p2", "p3", "p4", "p5"})
    ASSERT_TRUE(Wait(iam().CreateUser(name)).ok());
  const json expected = {"p1", "p2", "p3", "p4", "p5"};
  std::atomic<bool> done{false};
  std::atomic<int> good{0};
  std::atomic<int> bad{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t) {
    workers.emplace_back([&] {
      int runs = 0;
      while (!done.load() || runs < 3) {
        auto r = Run("listNames");
        if (r.ok() && r->result == expected) {
          ++good;
        } else {
          ++bad;
        }
        ++runs;
      }
    });
  }
  auto broken = Run("broken");
  auto spin = Run("spin");
  auto hog = Run("hog");
  done = true;
  for (auto& w : workers) w.join();

  EXPECT_EQ(broken.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(broken.status().message(),
            "script 'broken':4: attempt to index a nil value (local 'missing')");
  EXPECT_EQ(spin.status().code(), ErrorCode::kTimeout);
  EXPECT_NE(spin.status().message().find("script 'spin'"), std::string::npos);
  EXPECT_EQ(hog.status().code(), ErrorCode::kLimitExceeded);
  EXPECT_NE(hog.status().message().find("memory limit"), std::string::npos);
  EXPECT_EQ(bad.load(), 0);
  EXPECT_GE(good.load(), 12);
}

TEST_F(ScriptConnectorTest, ScriptsCannotReadFilesOrTheSecret) {
  const std::string probe = R"(
    local found = {}
    local seen = {}
    local function walk(v, path)
      if type(v) == "string" then
        if v:find(args.needle, 1, true) then found[#found + 1] = path end
      elseif type(v) == "table" and not seen[v] then
        seen[v] = true
        for k, x in pairs(v) do walk(x, path .. "." .. tostring(k)) end
        local mt = getmetatable(v)
        if type(mt) == "table" then walk(mt, path .. ".<mt>") end
      end
    end
    walk(_G, "_G")
    walk(getmetatable(""), "<string mt>")
    local blocked = {}
    for _, name in ipairs({"io", "os", "package", "debug", "require", "dofile", "loadfile"}) do
      blocked[#blocked + 1] = _G[name] == nil
    end
    local ok_file = pcall(function() return io.open("/etc/passwd"):read("a") end)
    local ok_load = pcall(function() return loadfile("/etc/passwd") end)
    return {found = found, blocked = blocked, secretKey = connector.config.secretKey,
            readFile = ok_file, loadFile = ok_load,
            keys = connector.config.accessKeyId}
  )";
  auto r = catalog_->RunSource("probe", probe, {{"needle", kSecret}}, config_, host_.get());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // The only place the secret appears is the needle the test itself passed in `args`.
  EXPECT_EQ(r->result["found"], json({"_G.args.needle"}));
  EXPECT_EQ(r->result["blocked"], json({true, true, true, true, true, true, true}));
  EXPECT_EQ(r->result["secretKey"], "****");
  EXPECT_EQ(r->result["readFile"], false);
  EXPECT_EQ(r->result["loadFile"], false);
  EXPECT_EQ(r->result["keys"], "AKIASCRIPTTEST000001");
  EXPECT_EQ(config_.dump().find(kSecret), std::string::npos);

  // An error message cannot carry it either: the config holds only the mask.
  auto e = catalog_->RunSource("leak", "error(connector.config.secretKey)", nullptr, config_,
                               host_.get());
  EXPECT_EQ(e.status().message(), "script 'leak':1: ****");

  // Nothing in the script component reveals a SecretString.
  for (const auto& entry : fs::directory_iterator(fs::path(AIC_SOURCE_DIR) / "src/script")) {
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    EXPECT_EQ(ss.str().find("Reveal("), std::string::npos) << entry.path();
  }
}

TEST_F(ScriptConnectorTest, JsonRoundTripThroughTheConnector) {
  json args = json::parse(R"({"user": {"__NAME__": "rt", "Path": "/rt/",
    "Tags": [{"Key": "k1", "Value": "v\u00e9"}, {"Key": "k2", "Value": ""}]},
    "numbers": [1, 2.5, -3], "flag": true})");
  auto r = catalog_->RunSource("rt", R"(
      local created = connector.create("__ACCOUNT__", args.user)
      local read = connector.get("__ACCOUNT__", created._id, "__NAME__,Path,Tags")
      return {created = created._id, read = read, numbers = args.numbers, flag = args.flag})",
                               args, config_, host_.get());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->result["created"], "rt");
  EXPECT_EQ(r->result["read"]["Path"], "/rt/");
  EXPECT_EQ(r->result["read"]["Tags"], args["user"]["Tags"]);
  EXPECT_EQ(r->result["numbers"], args["numbers"]);
  EXPECT_EQ(r->result["flag"], true);
}

}  // namespace
}  // namespace aic
