// __ROLE__ (SPEC 11) through the ConnectorFacade, as the REST server calls it, against the
// in-process emulator over loopback: read, search (lookups, PathPrefix, ListRoles and GAAD
// sources, filters, paging with cookies), policies changed by difference, errors. Every test
// asserts the exact IAM calls from the emulator's per-action counters. Roles are made with raw
// IAM calls (the connector cannot create roles).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "aws_iam_connector/aws_connector.h"
#include "aws_iam_connector/connector/connector_facade.h"
#include "aws_iam_connector/emulator.h"
#include "aws_iam_connector/task.h"
#include "iam/query_client.h"

namespace aic {
namespace {

using connector::ConnectorFacade;
using connector::QuerySpec;
using connector::RawOperationOptions;
using json = nlohmann::json;
using Counts = std::map<std::string, std::uint64_t>;

constexpr std::string_view kRole = "__ROLE__";
constexpr const char* kAccount = "123456789012";
const std::string kReadOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
const std::string kIamReadOnly = "arn:aws:iam::aws:policy/IAMReadOnlyAccess";
const std::string kNoPolicy = "arn:aws:iam::123456789012:policy/Nope";
const std::string kEc2Trust =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
const std::string kPartnerTrust =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"ext-1"}}}]})";
const std::string kOwnTrust =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]})";

std::vector<std::string> Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

class ConnectorRoleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    EmulatorOptions options;
    options.threads = 4;
    auto e = Emulator::Start(options);
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    emulator_ = e->release();
  }
  static void TearDownTestSuite() {
    delete emulator_;
    emulator_ = nullptr;
  }

  void SetUp() override {
    ASSERT_TRUE(emulator_->ResetState().ok());
    connector_ = MakeConnector(Config(100));
    facade_ = std::make_unique<ConnectorFacade>(connector_->GetSchema(), connector_->Ops());
    auto p = Wait(iam().CreatePolicy(
        "LocalPolicy",
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]})"));
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    local_policy_ = p->arn;
    // app: under /app/, described, 2 hours, tagged, a boundary, a managed and an inline
    // policy, an instance profile; partner: another account with an ExternalId; ops: this
    // account; the ECS service-linked role.
    Raw("CreateRole", {{"RoleName", "app"},
                       {"Path", "/app/"},
                       {"AssumeRolePolicyDocument", kEc2Trust},
                       {"Description", "App servers"},
                       {"MaxSessionDuration", "7200"},
                       {"PermissionsBoundary", kReadOnly},
                       {"Tags.member.1.Key", "team"},
                       {"Tags.member.1.Value", "web"}});
    Raw("AttachRolePolicy", {{"RoleName", "app"}, {"PolicyArn", kReadOnly}});
    Raw("PutRolePolicy",
        {{"RoleName", "app"},
         {"PolicyName", "inline-s3"},
         {"PolicyDocument",
          R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]})"}});
    Raw("CreateInstanceProfile", {{"InstanceProfileName", "app-profile"}});
    Raw("AddRoleToInstanceProfile", {{"InstanceProfileName", "app-profile"}, {"RoleName", "app"}});
    Raw("CreateRole", {{"RoleName", "partner"}, {"AssumeRolePolicyDocument", kPartnerTrust}});
    Raw("CreateRole", {{"RoleName", "ops"}, {"AssumeRolePolicyDocument", kOwnTrust}});
    Raw("CreateServiceLinkedRole", {{"AWSServiceName", "ecs.amazonaws.com"}});
    emulator_->ResetCallCounts();
  }

  void Raw(const char* action, const QueryParams& params) {
    auto r = QueryClientOf(iam()).Call(action, params);
    ASSERT_TRUE(r.ok()) << action << ": " << r.status().ToString();
  }

  static AwsConnectorConfig Config(int page_size) {
    AwsConnectorConfig c;
    c.endpoint = emulator_->endpoint();
    c.sts_endpoint = emulator_->endpoint();
    c.access_key_id = "test";
    c.secret_key = SecretString("test");
    c.page_size = page_size;
    return c;
  }
  static std::unique_ptr<AwsConnector> MakeConnector(const AwsConnectorConfig& config) {
    auto made = AwsConnector::Create(config);
    EXPECT_TRUE(made.ok()) << made.status().ToString();
    return made.ok() ? std::move(*made) : nullptr;
  }
  IamClient& iam() { return connector_->iam(); }
  Counts TakeCounts() {
    Counts c = emulator_->CallCounts();
    emulator_->ResetCallCounts();
    return c;
  }

  static RawOperationOptions Fields(std::string fields) {
    RawOperationOptions o;
    if (!fields.empty()) o.fields = std::move(fields);
    return o;
  }
  Result<json> Read(std::string_view id, std::string fields = "") {
    return Wait(facade_->Get(kRole, id, Fields(std::move(fields))));
  }
  Result<json> Put(std::string_view id, json attributes, std::string fields = "") {
    return Wait(facade_->Update(kRole, id, std::move(attributes), Fields(std::move(fields))));
  }
  Result<json> Patch(std::string_view id, json body, std::string fields = "") {
    return Wait(facade_->Patch(kRole, id, body, Fields(std::move(fields))));
  }
  Result<connector::QueryResult> Query(std::optional<std::string> filter,
                                       RawOperationOptions o = {},
                                       std::optional<std::string> query_id = std::nullopt) {
    QuerySpec spec;
    spec.query_filter = std::move(filter);
    spec.query_id = std::move(query_id);
    return Wait(facade_->Query(kRole, spec, o));
  }
  static std::vector<std::string> Ids(const connector::QueryResult& r) {
    std::vector<std::string> ids;
    for (const auto& o : r.result) ids.push_back(o["_id"].get<std::string>());
    return ids;
  }
  std::vector<std::string> PoliciesInIam(const std::string& role) {
    std::vector<std::string> out;
    auto p = Wait(iam().ListAttachedRolePolicies(role));
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    if (p.ok()) {
      for (const auto& a : p->items) out.push_back(a.policy_arn);
    }
    return Sorted(out);
  }

  static Emulator* emulator_;
  std::unique_ptr<AwsConnector> connector_;
  std::unique_ptr<ConnectorFacade> facade_;
  std::string local_policy_;
};

Emulator* ConnectorRoleTest::emulator_ = nullptr;

const std::vector<std::string> kAllRoles = {"AWSServiceRoleForECS", "app", "ops", "partner"};

// ---- Read ------------------------------------------------------------------------------------

TEST_F(ConnectorRoleTest, ReadDefaultsWithFourConcurrentCalls) {
  auto r = Read("app");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(TakeCounts(), (Counts{{"GetRole", 1},
                                  {"ListAttachedRolePolicies", 1},
                                  {"ListRolePolicies", 1},
                                  {"ListInstanceProfilesForRole", 1}}));
  const json& o = *r;
  EXPECT_EQ(o["_id"], "app");
  EXPECT_EQ(o["__NAME__"], "app");
  EXPECT_EQ(o["Arn"], std::string("arn:aws:iam::") + kAccount + ":role/app/app");
  EXPECT_EQ(o["Path"], "/app/");
  EXPECT_TRUE(o["RoleId"].get<std::string>().starts_with("AROA")) << o["RoleId"];
  EXPECT_TRUE(o["CreatedDate"].is_string());
  EXPECT_EQ(o["RoleLastUsed"], json({{"LastUsedDate", nullptr}, {"Region", nullptr}}));
  EXPECT_EQ(o["PermissionsBoundary"], kReadOnly);
  EXPECT_EQ(o["Tags"], json::parse(R"([{"Key":"team","Value":"web"}])"));
  EXPECT_EQ(o["policies"], json::array({kReadOnly}));
  EXPECT_EQ(o["inlinePolicies"], json::array({"inline-s3"}));
  EXPECT_EQ(o["instanceProfiles"], json::array({"app-profile"}));
  EXPECT_EQ(o["serviceLinked"], false);
  EXPECT_EQ(o["assumeRolePolicy"], json::parse(kEc2Trust));
  EXPECT_EQ(o["trustedPrincipals"],
            json::parse(R"([{"type":"Service","principal":"ec2.amazonaws.com","external":false,
                             "wildcard":false,"conditions":[]}])"));
  EXPECT_FALSE(o.contains("Description"));  // not returned by default
  EXPECT_FALSE(o.contains("MaxSessionDuration"));
}

TEST_F(ConnectorRoleTest, ReadMakesOnlyTheCallsTheFieldsNeed) {
  auto r = Read("app", "Description,MaxSessionDuration,trustedPrincipals");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(TakeCounts(), (Counts{{"GetRole", 1}}));
  EXPECT_EQ((*r)["Description"], "App servers");
  EXPECT_EQ((*r)["MaxSessionDuration"], 7200);
  EXPECT_EQ(r->size(), 4u) << r->dump();  // _id and the three asked

  auto partner = Read("partner", "trustedPrincipals,instanceProfiles");
  ASSERT_TRUE(partner.ok()) << partner.status().ToString();
  EXPECT_EQ(TakeCounts(), (Counts{{"GetRole", 1}, {"ListInstanceProfilesForRole", 1}}));
  EXPECT_EQ((*partner)["instanceProfiles"], json::array());
  EXPECT_EQ((*partner)["trustedPrincipals"],
            json::parse(R"([{"type":"AWS","principal":"arn:aws:iam::444455556666:root",
                             "external":true,"wildcard":false,"conditions":["sts:ExternalId"]}])"));

  auto slr = Read("AWSServiceRoleForECS", "serviceLinked,Path");
  ASSERT_TRUE(slr.ok()) << slr.status().ToString();
  EXPECT_EQ((*slr)["serviceLinked"], true);
  EXPECT_EQ((*slr)["Path"], "/aws-service-role/ecs.amazonaws.com/");
}

TEST_F(ConnectorRoleTest, UnknownRoleIsUnknownUid) {
  auto r = Read("nobody");
  EXPECT_EQ(r.status().code(), ErrorCode::kUnknownUid) << r.status().ToString();
  Counts c = TakeCounts();
  EXPECT_EQ(c["GetRole"], 1u);
  auto put = Put("nobody", {{"policies", json::array({kReadOnly})}}, "_id,policies");
  EXPECT_EQ(put.status().code(), ErrorCode::kUnknownUid) << put.status().ToString();
  EXPECT_EQ(TakeCounts(), (Counts{{"GetRole", 1}, {"ListAttachedRolePolicies", 1}}));
}

// ---- Search ----------------------------------------------------------------------------------

TEST_F(ConnectorRoleTest, DefaultSearchIsOneGaadPageAndMatchesReads) {
  auto all = Query("true");
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(TakeCounts(), (Counts{{"GetAccountAuthorizationDetails", 1}}));
  EXPECT_EQ(Sorted(Ids(*all)), kAllRoles);
  for (const auto& o : all->result) {
    auto read = Read(o["_id"].get<std::string>());
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    EXPECT_EQ(o, *read) << o["_id"];
  }
}

TEST_F(ConnectorRoleTest, QueryAllIdsIsCeilOfRolesOverPageSizeListRoles) {
  connector_ = MakeConnector(Config(3));
  facade_ = std::make_unique<ConnectorFacade>(connector_->GetSchema(), connector_->Ops());
  auto ids = Query(std::nullopt, {}, "query-all-ids");
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  EXPECT_EQ(TakeCounts(), (Counts{{"ListRoles", 2}}));  // ceil(4 / 3)
  EXPECT_EQ(Sorted(Ids(*ids)), kAllRoles);
  for (const auto& o : ids->result) EXPECT_EQ(o.size(), 1u) << o.dump();
}

TEST_F(ConnectorRoleTest, NameLookupIsOneGetRoleAndPathIsAPrefix) {
  auto by_name = Query(R"(__NAME__ eq "partner")", Fields("_id,Arn"));
  ASSERT_TRUE(by_name.ok()) << by_name.status().ToString();
  EXPECT_EQ(TakeCounts(), (Counts{{"GetRole", 1}}));
  EXPECT_EQ(Ids(*by_name), std::vector<std::string>{"partner"});
  auto by_id = Query(R"(_id eq "nobody")", Fields("_id"));
  ASSERT_TRUE(by_id.ok()) << by_id.status().ToString();
  EXPECT_TRUE(by_id->result.empty());
  EXPECT_EQ(TakeCounts(), (Counts{{"GetRole", 1}}));

  auto under_app = Query(R"(Path sw "/app/")", Fields("_id,Description,MaxSessionDuration"));
  ASSERT_TRUE(under_app.ok()) << under_app.status().ToString();
  EXPECT_EQ(TakeCounts(), (Counts{{"ListRoles", 1}}));
  ASSERT_EQ(Ids(*under_app), std::vector<std::string>{"app"});
  EXPECT_EQ(under_app->result[0]["Description"], "App servers");
  EXPECT_EQ(under_app->result[0]["MaxSessionDuration"], 7200);
}

TEST_F(ConnectorRoleTest, FiltersOnDecodedTrustAndLists) {
  auto slr = Query("serviceLinked eq true", Fields("_id"));
  ASSERT_TRUE(slr.ok()) << slr.status().ToString();
  EXPECT_EQ(Ids(*slr), std::vector<std::string>{"AWSServiceRoleForECS"});
  EXPECT_EQ(TakeCounts(), (Counts{{"ListRoles", 1}}));  // serviceLinked comes with ListRoles

  auto external = Query("trustedPrincipals/external eq true", Fields("_id"));
  ASSERT_TRUE(external.ok()) << external.status().ToString();
  EXPECT_EQ(Ids(*external), std::vector<std::string>{"partner"});
  EXPECT_EQ(TakeCounts(), (Counts{{"ListRoles", 1}}));

  auto with_policy = Query("policies eq \"" + kReadOnly + "\"", Fields("_id"));
  ASSERT_TRUE(with_policy.ok()) << with_policy.status().ToString();
  EXPECT_EQ(Ids(*with_policy), std::vector<std::string>{"app"});
  EXPECT_EQ(TakeCounts(), (Counts{{"GetAccountAuthorizationDetails", 1}}));

  auto tagged =
      Query(R"(Tags/Key eq "team" and Description co "App")", Fields("_id,Description,policies"));
  ASSERT_TRUE(tagged.ok()) << tagged.status().ToString();
  ASSERT_EQ(Ids(*tagged), std::vector<std::string>{"app"});
  EXPECT_EQ(tagged->result[0]["policies"], json::array({kReadOnly}));
  // GAAD for Tags and policies, joined to one ListRoles page for Description.
  EXPECT_EQ(TakeCounts(), (Counts{{"GetAccountAuthorizationDetails", 1}, {"ListRoles", 1}}));
}

TEST_F(ConnectorRoleTest, PagingWithCookiesResumesExactly) {
  for (const char* fields : {"_id,policies", "_id,Arn"}) {
    RawOperationOptions o = Fields(fields);
    o.page_size = "3";
    std::vector<std::string> seen;
    int pages = 0;
    for (;;) {
      auto page = Query("true", o);
      ASSERT_TRUE(page.ok()) << page.status().ToString();
      ++pages;
      for (const auto& id : Ids(*page)) seen.push_back(id);
      if (!page->paged_results_cookie) break;
      o.paged_results_cookie = *page->paged_results_cookie;
      ASSERT_LT(pages, 5);
    }
    EXPECT_EQ(pages, 2) << fields;
    EXPECT_EQ(Sorted(seen), kAllRoles) << fields;
    Counts c = TakeCounts();
    // One listing call per page: GAAD (1000 a page) resumes in the page of the cookie;
    // ListRoles pages at pageSize.
    if (std::string(fields) == "_id,policies") {
      EXPECT_EQ(c, (Counts{{"GetAccountAuthorizationDetails", 2}})) << fields;
    } else {
      EXPECT_EQ(c, (Counts{{"ListRoles", 2}})) << fields;
    }
  }
}

TEST_F(ConnectorRoleTest, SortedAndBadCookie) {
  RawOperationOptions o = Fields("_id");
  o.sort_keys = "-__NAME__";
  auto sorted = Query("true", o);
  ASSERT_TRUE(sorted.ok()) << sorted.status().ToString();
  // Role names sort without case, as IAM compares them.
  EXPECT_EQ(Ids(*sorted),
            (std::vector<std::string>{"partner", "ops", "AWSServiceRoleForECS", "app"}));
  RawOperationOptions bad = Fields("_id");
  bad.paged_results_cookie = "forged";
  EXPECT_EQ(Query("true", bad).status().code(), ErrorCode::kInvalidInput);
}

// ---- Update and patch ------------------------------------------------------------------------

TEST_F(ConnectorRoleTest, PutPoliciesByDifference) {
  auto r = Put("app", {{"policies", json::array({local_policy_, kIamReadOnly})}}, "_id,policies");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(TakeCounts(), (Counts{{"GetRole", 1},
                                  {"ListAttachedRolePolicies", 1},
                                  {"AttachRolePolicy", 2},
                                  {"DetachRolePolicy", 1}}));
  EXPECT_EQ((*r)["policies"], json::array({local_policy_, kIamReadOnly}));
  EXPECT_EQ(PoliciesInIam("app"), Sorted({local_policy_, kIamReadOnly}));
  TakeCounts();  // PoliciesInIam's own listing

  // The same list again: no write.
  auto again = Put("app", {{"policies", json::array({kIamReadOnly, local_policy_})}}, "_id");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(TakeCounts(), (Counts{{"GetRole", 1}, {"ListAttachedRolePolicies", 1}}));
}

TEST_F(ConnectorRoleTest, PutOfTheWholeReadObjectChangesOnlyPolicies) {
  auto read = Read("app", "*,Description,MaxSessionDuration");
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  json body = *read;
  body["policies"] = json::array();
  TakeCounts();
  auto r = Put("app", body, "_id,policies");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)["policies"], json::array());
  EXPECT_EQ(PoliciesInIam("app"), std::vector<std::string>{});

  body["Description"] = "changed";
  auto refused = Put("app", body);
  EXPECT_EQ(refused.status().code(), ErrorCode::kInvalidAttributeValue);
  EXPECT_NE(refused.status().message().find("'Description' is read-only"), std::string::npos)
      << refused.status().ToString();
}

TEST_F(ConnectorRoleTest, PatchAddsAndRemovesPolicies) {
  auto p = Patch("app",
                 json::array({
                     {{"operation", "add"}, {"field", "/policies"}, {"value", local_policy_}},
                     {{"operation", "remove"}, {"field", "policies"}, {"value", kReadOnly}},
                 }),
                 "_id,policies");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  // PATCH reads the touched field, the update reads it again with what it answers, then one
  // call per difference.
  EXPECT_EQ(TakeCounts(), (Counts{{"GetRole", 2},
                                  {"ListAttachedRolePolicies", 2},
                                  {"AttachRolePolicy", 1},
                                  {"DetachRolePolicy", 1}}));
  EXPECT_EQ((*p)["policies"], json::array({local_policy_}));
  EXPECT_EQ(PoliciesInIam("app"), std::vector<std::string>{local_policy_});

  auto refused = Patch(
      "app", json::array({{{"operation", "replace"}, {"field", "Description"}, {"value", "x"}}}));
  EXPECT_EQ(refused.status().code(), ErrorCode::kInvalidAttributeValue);
  EXPECT_NE(refused.status().message().find("read-only"), std::string::npos);
}

TEST_F(ConnectorRoleTest, UnknownPolicyIsABadValueAndChangesNothing) {
  auto r = Put("ops", {{"policies", json::array({kNoPolicy})}}, "_id");
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidAttributeValue) << r.status().ToString();
  EXPECT_NE(r.status().message().find("AttachRolePolicy(" + kNoPolicy + ")"), std::string::npos)
      << r.status().ToString();
  EXPECT_EQ(TakeCounts(),
            (Counts{{"GetRole", 1}, {"ListAttachedRolePolicies", 1}, {"AttachRolePolicy", 1}}));
  EXPECT_EQ(PoliciesInIam("ops"), std::vector<std::string>{});
}

TEST_F(ConnectorRoleTest, CreateAndDeleteAreUnsupported) {
  auto created = Wait(facade_->Create(kRole, {{"__NAME__", "new"}}, {}));
  EXPECT_EQ(created.status().code(), ErrorCode::kUnsupported) << created.status().ToString();
  auto deleted = Wait(facade_->Delete(kRole, "ops", {}));
  EXPECT_EQ(deleted.status().code(), ErrorCode::kUnsupported) << deleted.status().ToString();
  EXPECT_EQ(TakeCounts(), Counts{});
  EXPECT_TRUE(Wait(iam().GetRole("ops")).ok());
}

}  // namespace
}  // namespace aic
