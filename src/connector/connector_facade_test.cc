// The facade over a small in-memory connector (a fake of pure logic: the framework under test
// is what decides what reaches it). The fake also shows how a connector uses the framework's
// pieces: PlanFilter, Matches, SortObjects, the cookie codec and PatchToUpdate.
#include "aws_iam_connector/connector/connector_facade.h"

#include <gtest/gtest.h>

#include <map>

#include "aws_iam_connector/connector/filter_planner.h"
#include "aws_iam_connector/connector/paged_results_cookie.h"
#include "aws_iam_connector/task.h"
#include "common/text_codec.h"

namespace aic::connector {
namespace {

using json = nlohmann::json;

class InMemoryConnector : public CreateOp,
                          public GetOp,
                          public UpdateOp,
                          public PatchOp,
                          public DeleteOp,
                          public SearchOp,
                          public TestOp {
 public:
  Result<json> SyncCreate(ObjectClass, const ValidatedAttributes& attrs, const OperationOptions&) {
    ++calls;
    std::string name = attrs.attributes["__NAME__"].get<std::string>();
    if (users.count(name)) return Status(ErrorCode::kAlreadyExists, "user exists");
    json user = attrs.attributes;
    user["_id"] = name;
    user["UserId"] = "AIDA" + std::to_string(users.size());
    user["Arn"] = "arn:aws:iam::123456789012:user/" + name;
    if (!user.contains("Path")) user["Path"] = "/";
    user["__PASSWORD__"] = "leak";  // a careless connector: the facade must strip it
    if (attrs.password) passwords[name] = *attrs.password;
    users[name] = user;
    return user;
  }
  Result<json> SyncGet(ObjectClass, const Uid& uid, const OperationOptions&) {
    ++calls;
    auto it = users.find(uid.value());
    if (it == users.end()) return Status(ErrorCode::kUnknownUid, "no user " + uid.value());
    return it->second;
  }
  Result<json> SyncUpdate(ObjectClass, const Uid& uid, const ValidatedAttributes& attrs,
                          const OperationOptions&) {
    ++calls;
    auto it = users.find(uid.value());
    if (it == users.end()) return Status(ErrorCode::kUnknownUid, "no user");
    for (const auto& [k, v] : attrs.attributes.items()) it->second[k] = v;
    if (attrs.password) passwords[uid.value()] = *attrs.password;
    return it->second;
  }
  Result<json> SyncPatch(ObjectClass oc, const Uid& uid, const std::vector<PatchOperation>& ops,
                         const OperationOptions& options) {
    auto it = users.find(uid.value());
    if (it == users.end()) return Status(ErrorCode::kUnknownUid, "no user");
    auto update = PatchToUpdate(*Schema::Aws().Find(oc), ops, it->second, uid);
    if (!update.ok()) return update.status();
    return SyncUpdate(oc, uid, *update, options);
  }
  Result<json> SyncDelete(ObjectClass, const Uid& uid, const OperationOptions&) {
    ++calls;
    auto it = users.find(uid.value());
    if (it == users.end()) return Status(ErrorCode::kUnknownUid, "no user");
    json before = it->second;
    users.erase(it);
    return before;
  }
  Result<SearchResult> SyncSearch(ObjectClass oc, const QueryFilter& filter,
                                  const OperationOptions& options, const ResultsHandler& handler) {
    ++calls;
    ++searches;
    const ObjectClassInfo& info = *Schema::Aws().Find(oc);
    std::string fp = QueryFingerprint(oc, filter.ToString(), options);
    std::int64_t offset = 0;
    if (options.paged_results_cookie) {
      auto cookie = codec.Decode(*options.paged_results_cookie, fp);
      if (!cookie.ok()) return cookie.status();
      offset = cookie->offset;
    }
    FilterPlan plan = PlanFilter(filter);
    last_plan = plan;
    std::vector<json> matched;
    if (!plan.match_none) {
      for (const auto& [name, user] : users) {
        if (plan.lookup != FilterPlan::Lookup::kNone &&
            !text::EqualsIgnoreCase(name, plan.lookup_value)) {
          continue;
        }
        if (!plan.residual || Matches(*plan.residual, user, MatchOptionsFor(info))) {
          matched.push_back(user);
        }
      }
    }
    SortObjects(matched, options.sort_keys, &info);
    std::size_t end =
        options.page_size == 0
            ? matched.size()
            : std::min(matched.size(), static_cast<std::size_t>(offset) +
                                           static_cast<std::size_t>(options.page_size));
    for (std::size_t i = static_cast<std::size_t>(offset); i < end; ++i) handler(matched[i]);
    SearchResult r;
    if (end < matched.size()) r.paged_results_cookie = codec.Encode({"", std::int64_t(end), fp});
    return r;
  }
  Task<Result<json>> Create(ObjectClass oc, const ValidatedAttributes& attrs,
                            const OperationOptions& options) override {
    co_return SyncCreate(oc, attrs, options);
  }
  Task<Result<json>> Get(ObjectClass oc, const Uid& uid, const OperationOptions& options) override {
    co_return SyncGet(oc, uid, options);
  }
  Task<Result<json>> Update(ObjectClass oc, const Uid& uid, const ValidatedAttributes& attrs,
                            const OperationOptions& options) override {
    co_return SyncUpdate(oc, uid, attrs, options);
  }
  Task<Result<json>> Patch(ObjectClass oc, const Uid& uid, const std::vector<PatchOperation>& ops,
                           const OperationOptions& options) override {
    co_return SyncPatch(oc, uid, ops, options);
  }
  Task<Result<json>> Delete(ObjectClass oc, const Uid& uid,
                            const OperationOptions& options) override {
    co_return SyncDelete(oc, uid, options);
  }
  Task<Result<SearchResult>> Search(ObjectClass oc, const QueryFilter& filter,
                                    const OperationOptions& options,
                                    const ResultsHandler& handler) override {
    co_return SyncSearch(oc, filter, options, handler);
  }
  Task<Status> Test() override { co_return Status::Ok(); }

  ConnectorOps Ops() { return {this, this, this, this, this, this, this}; }

  std::map<std::string, json> users;
  std::map<std::string, SecretString> passwords;
  PagedResultsCookieCodec codec{SecretString("test-key")};
  FilterPlan last_plan;
  int calls = 0;
  int searches = 0;
};

class ConnectorFacadeTest : public ::testing::Test {
 protected:
  InMemoryConnector connector;
  ConnectorFacade facade{Schema::Aws(), connector.Ops()};

  void AddUsers(const std::vector<std::string>& names) {
    for (const std::string& n : names) {
      ASSERT_TRUE(Wait(facade.Create("__ACCOUNT__", json{{"__NAME__", n}}, {})).ok());
    }
  }
};

TEST_F(ConnectorFacadeTest, SeedScenario) {
  auto created = Wait(facade.Create("__ACCOUNT__", json{{"__NAME__", "bjensen"}}, {}));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ((*created)["_id"], "bjensen");
  EXPECT_EQ((*created)["Path"], "/");
  EXPECT_FALSE(created->contains("__PASSWORD__"));

  auto put = Wait(facade.Update(
      "__ACCOUNT__", "bjensen",
      json::parse(R"({"__NAME__":"bjensen","Tags":[{"Key":"Project","Value":"Meteor"}]})"), {}));
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ((*put)["Tags"][0]["Key"], "Project");

  auto ids = Wait(facade.Query("__ACCOUNT__", QuerySpec{std::nullopt, "query-all-ids"}, {}));
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  EXPECT_EQ(ids->ToJson()["result"], json::parse(R"([{"_id":"bjensen"}])"));
  EXPECT_TRUE(ids->ToJson()["pagedResultsCookie"].is_null());

  auto read = Wait(facade.Get("__ACCOUNT__", "bjensen", {}));
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["Arn"], "arn:aws:iam::123456789012:user/bjensen");
  EXPECT_FALSE(read->contains("__PASSWORD__"));

  auto patched = Wait(facade.Patch(
      "__ACCOUNT__", "bjensen",
      json::parse(R"([{"operation":"add","field":"__PASSWORD__","value":"Passw0rd@123!"}])"), {}));
  ASSERT_TRUE(patched.ok()) << patched.status().ToString();
  EXPECT_FALSE(patched->contains("__PASSWORD__"));
  EXPECT_EQ(patched->dump().find("Passw0rd"), std::string::npos);
  ASSERT_TRUE(connector.passwords.count("bjensen"));
  EXPECT_EQ(connector.passwords["bjensen"].Reveal(), "Passw0rd@123!");

  auto deleted = Wait(facade.Delete("__ACCOUNT__", "bjensen", {}));
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ((*deleted)["_id"], "bjensen");
  EXPECT_TRUE(connector.users.empty());
}

TEST_F(ConnectorFacadeTest, InvalidInputNeverReachesTheConnector) {
  EXPECT_EQ(
      Wait(facade.Create("__ACCOUNT__", json{{"Bogus", 1}, {"__NAME__", "a"}}, {})).status().code(),
      ErrorCode::kInvalidInput);
  EXPECT_EQ(Wait(facade.Create("__NOPE__", json{{"__NAME__", "a"}}, {})).status().code(),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(Wait(facade.Create("__POLICY__", json{{"__NAME__", "p"}}, {})).status().code(),
            ErrorCode::kUnsupported);
  EXPECT_EQ(Wait(facade.Get("__ACCOUNT__", "", {})).status().code(), ErrorCode::kInvalidInput);
  RawOperationOptions bad_fields;
  bad_fields.fields = "Nope";
  EXPECT_EQ(Wait(facade.Get("__ACCOUNT__", "a", bad_fields)).status().code(),
            ErrorCode::kInvalidInput);
  auto bad_filter =
      Wait(facade.Query("__ACCOUNT__", QuerySpec{"__NAME__ eq bjensen", std::nullopt}, {}));
  ASSERT_FALSE(bad_filter.ok());
  EXPECT_NE(bad_filter.status().message().find("bad filter at position 12: expected a value"),
            std::string::npos);
  EXPECT_FALSE(Wait(facade.Query("__ACCOUNT__", QuerySpec{"Bogus pr", std::nullopt}, {})).ok());
  EXPECT_FALSE(Wait(facade.Query("__ACCOUNT__", QuerySpec{"true", "query-all"}, {})).ok());
  EXPECT_FALSE(Wait(facade.Query("__ACCOUNT__", QuerySpec{std::nullopt, "query-x"}, {})).ok());
  auto read_only_patch =
      Wait(facade.Patch("__ACCOUNT__", "a",
                        json::parse(R"([{"operation":"replace","field":"Arn","value":"x"}])"), {}));
  EXPECT_EQ(read_only_patch.status().code(), ErrorCode::kInvalidAttributeValue);
  EXPECT_EQ(Wait(facade.Patch("__ACCOUNT__", "a", json::parse(R"([{"operation":"increment",
            "field":"n","value":1}])"),
                              {}))
                .status()
                .code(),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(connector.calls, 0);
}

TEST_F(ConnectorFacadeTest, PutWithReadOnlyValuesAcceptedOnlyWhenUnchanged) {
  AddUsers({"bjensen"});
  json whole = connector.users["bjensen"];
  whole.erase("__PASSWORD__");
  whole["Path"] = "/new/";
  auto same = Wait(facade.Update("__ACCOUNT__", "bjensen", whole, {}));
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_EQ((*same)["Path"], "/new/");
  whole["UserId"] = "AIDA-other";
  auto changed = Wait(facade.Update("__ACCOUNT__", "bjensen", whole, {}));
  ASSERT_FALSE(changed.ok());
  EXPECT_EQ(changed.status().code(), ErrorCode::kInvalidAttributeValue);
  EXPECT_NE(changed.status().message().find("UserId"), std::string::npos);
}

TEST_F(ConnectorFacadeTest, FieldsProjectResults) {
  AddUsers({"bjensen"});
  RawOperationOptions raw;
  raw.fields = "__USER__";
  auto r = Wait(facade.Get("__ACCOUNT__", "bjensen", raw));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, json({{"_id", "bjensen"}, {"__NAME__", "bjensen"}}));
}

TEST_F(ConnectorFacadeTest, FilterPlannedAndEvaluated) {
  AddUsers({"alice", "bob", "carol"});
  connector.users["bob"]["Path"] = "/eng/";
  auto one = Wait(facade.Query("__ACCOUNT__", QuerySpec{"__USER__ eq \"BOB\"", std::nullopt}, {}));
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  ASSERT_EQ(one->result.size(), 1u);
  EXPECT_EQ(one->result[0]["_id"], "bob");
  EXPECT_EQ(connector.last_plan.lookup, FilterPlan::Lookup::kByName);
  auto eng = Wait(facade.Query("__ACCOUNT__", QuerySpec{"Path sw \"/eng/\"", std::nullopt}, {}));
  ASSERT_TRUE(eng.ok());
  ASSERT_EQ(eng->result.size(), 1u);
  EXPECT_EQ(connector.last_plan.path_prefix, "/eng/");
  auto none = Wait(facade.Query("__ACCOUNT__", QuerySpec{"!(_id pr)", std::nullopt}, {}));
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->result.empty());
}

TEST_F(ConnectorFacadeTest, PagingResumesExactlyWithSortKeys) {
  AddUsers({"u1", "u2", "u3", "u4", "u5"});
  RawOperationOptions raw;
  raw.page_size = "2";
  raw.sort_keys = "-__NAME__";
  std::vector<std::string> seen;
  int pages = 0;
  for (;;) {
    auto page = Wait(facade.Query("__ACCOUNT__", QuerySpec{"true", std::nullopt}, raw));
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    ++pages;
    for (const json& o : page->result) seen.push_back(o["_id"].get<std::string>());
    if (!page->paged_results_cookie) break;
    raw.paged_results_cookie = *page->paged_results_cookie;
    ASSERT_LT(pages, 10);
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, (std::vector<std::string>{"u5", "u4", "u3", "u2", "u1"}));

  raw.paged_results_cookie = "eyJ2IjoxfQ";  // {"v":1}
  auto bad = Wait(facade.Query("__ACCOUNT__", QuerySpec{"true", std::nullopt}, raw));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidInput);
}

TEST_F(ConnectorFacadeTest, MissingOperationsAreUnsupported) {
  ConnectorFacade read_only(Schema::Aws(), ConnectorOps{nullptr, &connector});
  EXPECT_EQ(Wait(read_only.Create("__ACCOUNT__", json{{"__NAME__", "a"}}, {})).status().code(),
            ErrorCode::kUnsupported);
  EXPECT_EQ(Wait(read_only.Delete("__ACCOUNT__", "a", {})).status().code(),
            ErrorCode::kUnsupported);
  EXPECT_EQ(Wait(read_only.Test()).code(), ErrorCode::kUnsupported);
  EXPECT_TRUE(Wait(facade.Test()).ok());
  EXPECT_EQ(Wait(facade.Get("__ACCOUNT__", "ghost", {})).status().code(), ErrorCode::kUnknownUid);
}

}  // namespace
}  // namespace aic::connector
