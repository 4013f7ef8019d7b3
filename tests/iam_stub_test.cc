// IamClient/QueryClient over real HTTP against the scripted loopback stub server: paging with
// short and truncated pages, retries with counted attempts (Throttling, 500, 502), errors
// returned at once, malformed bodies, and what goes over the wire (signature, form body).
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "aws_iam_connector/credentials.h"
#include "aws_iam_connector/http_transport.h"
#include "aws_iam_connector/iam_client.h"
#include "aws_iam_connector/task.h"
#include "common/text_codec.h"
#include "iam/query_client.h"
#include "support/stub_http_server.h"

namespace aic {
namespace {

using testing::StubHttpServer;
using testing::StubRequest;
using testing::StubXmlResponse;

constexpr char kNs[] = "https://iam.amazonaws.com/doc/2010-05-08/";

// The decoded form parameters of a stub request.
std::map<std::string, std::string> Form(const StubRequest& r) {
  std::map<std::string, std::string> out;
  std::string_view body = r.body;
  while (!body.empty()) {
    auto amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    auto eq = pair.find('=');
    out[text::PercentDecodeLenient(pair.substr(0, eq), text::Plus::kSpace)] =
        eq == std::string_view::npos
            ? ""
            : text::PercentDecodeLenient(pair.substr(eq + 1), text::Plus::kSpace);
    if (amp == std::string_view::npos) break;
    body.remove_prefix(amp + 1);
  }
  return out;
}

std::string UsersPage(const std::vector<std::string>& names, const std::string& marker) {
  std::string xml =
      std::string("<ListUsersResponse xmlns=\"") + kNs + "\"><ListUsersResult><Users>";
  for (const auto& n : names) {
    xml += "<member><Path>/</Path><UserName>" + n + "</UserName><UserId>AID" + n +
           "</UserId><Arn>arn:aws:iam::123456789012:user/" + n +
           "</Arn><CreateDate>2024-01-02T03:04:05.678Z</CreateDate></member>";
  }
  xml +=
      "</Users><IsTruncated>" + std::string(marker.empty() ? "false" : "true") + "</IsTruncated>";
  if (!marker.empty()) xml += "<Marker>" + marker + "</Marker>";
  xml +=
      "</ListUsersResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>"
      "</ListUsersResponse>";
  return xml;
}

std::string ErrorBody(const std::string& type, const std::string& code, const std::string& msg) {
  return std::string("<ErrorResponse xmlns=\"") + kNs + "\"><Error><Type>" + type +
         "</Type><Code>" + code + "</Code><Message>" + msg +
         "</Message></Error><RequestId>err-req-7</RequestId></ErrorResponse>";
}

class IamStubTest : public ::testing::Test {
 protected:
  std::shared_ptr<QueryClient> MakeQuery(const std::string& url, int max_retries = 3) {
    auto transport = MakeCurlTransport(TransportOptions{});
    EXPECT_TRUE(transport.ok()) << transport.status().ToString();
    Credentials creds;
    creds.access_key_id = "AKIDSTUBTEST";
    creds.secret_access_key = SecretString("StubSecretKeyNeverLogged");
    QueryClientOptions options;
    options.endpoint = url;
    options.retry.max_retries = max_retries;
    options.retry.base_delay = std::chrono::milliseconds(1);
    options.retry.max_delay = std::chrono::milliseconds(5);
    return std::make_shared<QueryClient>(
        options, std::shared_ptr<HttpTransport>(std::move(transport).value()),
        MakeStaticCredentialsProvider(std::move(creds)));
  }
};

TEST_F(IamStubTest, ListAllFollowsMarkersThroughShortPages) {
  // Pages of 3, 1 and 2 users although MaxItems is 1000: never assume a full page.
  StubHttpServer server([](const StubRequest& r) {
    auto form = Form(r);
    if (form["Action"] != "ListUsers")
      return StubXmlResponse(400, ErrorBody("Sender", "InvalidAction", "?"));
    const std::string& marker = form["Marker"];
    if (marker.empty()) return StubXmlResponse(200, UsersPage({"a", "b", "c"}, "m/1+="));
    if (marker == "m/1+=") return StubXmlResponse(200, UsersPage({"d"}, "m2"));
    if (marker == "m2") return StubXmlResponse(200, UsersPage({"e", "f"}, ""));
    return StubXmlResponse(400, ErrorBody("Sender", "InvalidInput", "bad marker"));
  });
  auto query = MakeQuery(server.url());
  IamClient iam(query);
  auto all = Wait(ListAll([&](const PageRequest& p) { return iam.ListUsers("/", p); }, 1000));
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  std::vector<std::string> names;
  for (const auto& u : all.value()) names.push_back(u.user_name);
  EXPECT_EQ(names, (std::vector<std::string>{"a", "b", "c", "d", "e", "f"}));
  EXPECT_EQ(all.value()[0].create_date, "2024-01-02T03:04:05Z");
  EXPECT_EQ(server.request_count(), 3);
  auto requests = server.requests();
  for (const auto& r : requests) {
    auto form = Form(r);
    EXPECT_EQ(form["Version"], "2010-05-08");
    EXPECT_EQ(form["MaxItems"], "1000");
    EXPECT_EQ(form["PathPrefix"], "/");
    EXPECT_TRUE(r.Header("Authorization").starts_with("AWS4-HMAC-SHA256 Credential=AKIDSTUBTEST/"))
        << r.Header("Authorization");
    EXPECT_NE(r.Header("Authorization").find("/us-east-1/iam/aws4_request"), std::string::npos);
    EXPECT_TRUE(r.Header("Content-Type").starts_with("application/x-www-form-urlencoded"));
    EXPECT_FALSE(r.Header("X-Amz-Date").empty());
  }
  EXPECT_EQ(Form(requests[1])["Marker"], "m/1+=");  // the marker is sent back as received
  EXPECT_EQ(query->CallStats("ListUsers").calls, 3);
  EXPECT_EQ(query->CallStats("ListUsers").attempts, 3);

  // The streaming form sees the same pages one by one.
  std::vector<std::size_t> sizes;
  Status s = Wait(ForEachPage([&](const PageRequest& p) { return iam.ListUsers("/", p); },
                              [&](Page<User>& page) {
                                sizes.push_back(page.items.size());
                                return Status::Ok();
                              }));
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(sizes, (std::vector<std::size_t>{3, 1, 2}));
}

TEST_F(IamStubTest, TruncatedPageWithoutMarkerOrRepeatedMarkerStops) {
  std::atomic<int> mode{0};
  StubHttpServer server([&](const StubRequest&) {
    return StubXmlResponse(
        200, mode == 0 ? UsersPage({"x"}, "").replace(UsersPage({"x"}, "").find("false"), 5, "true")
                       : UsersPage({"x"}, "same"));
  });
  IamClient iam(MakeQuery(server.url()));
  auto r1 = Wait(ListAll([&](const PageRequest& p) { return iam.ListUsers({}, p); }));
  EXPECT_EQ(r1.status().code(), ErrorCode::kInternal);
  EXPECT_EQ(server.request_count(), 1);
  mode = 1;
  auto r2 = Wait(ListAll([&](const PageRequest& p) { return iam.ListUsers({}, p); }));
  EXPECT_EQ(r2.status().code(), ErrorCode::kInternal);
  EXPECT_EQ(server.request_count(), 3);  // first page, then the repeated marker is refused
}

TEST_F(IamStubTest, GetAccountAuthorizationDetailsPages) {
  StubHttpServer server([](const StubRequest& r) {
    auto form = Form(r);
    EXPECT_EQ(form["Filter.member.1"], "User");
    EXPECT_EQ(form["Filter.member.2"], "Group");
    bool first = form["Marker"].empty();
    std::string xml = std::string("<GetAccountAuthorizationDetailsResponse xmlns=\"") + kNs +
                      "\"><GetAccountAuthorizationDetailsResult><UserDetailList><member>"
                      "<UserName>" +
                      (first ? "u1" : "u2") +
                      "</UserName><GroupList><member>g1"
                      "</member></GroupList><UserPolicyList><member><PolicyName>p</PolicyName>"
                      "<PolicyDocument>%7B%22Version%22%3A%222012-10-17%22%7D</PolicyDocument>"
                      "</member></UserPolicyList></member></UserDetailList><IsTruncated>" +
                      (first ? "true</IsTruncated><Marker>next" : "false</IsTruncated><Marker>") +
                      "</Marker></GetAccountAuthorizationDetailsResult>"
                      "</GetAccountAuthorizationDetailsResponse>";
    return StubXmlResponse(200, xml);
  });
  IamClient iam(MakeQuery(server.url()));
  std::vector<std::string> users;
  const std::vector<std::string> filters{"User", "Group"};
  Status s = Wait(ForEachPage(
      [&](const PageRequest& p) { return iam.GetAccountAuthorizationDetails(filters, p); },
      [&](AccountAuthorizationDetails& page) {
        for (auto& u : page.users) {
          users.push_back(u.user_name);
          EXPECT_EQ(u.user_policy_list.at(0).policy_document, "{\"Version\":\"2012-10-17\"}");
          EXPECT_EQ(u.group_list, std::vector<std::string>{"g1"});
        }
        return Status::Ok();
      }));
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(users, (std::vector<std::string>{"u1", "u2"}));
  EXPECT_EQ(server.request_count(), 2);
}

TEST_F(IamStubTest, ThrottlingIsRetriedUntilSuccess) {
  std::atomic<int> calls{0};
  StubHttpServer server([&](const StubRequest&) {
    if (++calls <= 2)
      return StubXmlResponse(400, ErrorBody("Sender", "Throttling", "Rate exceeded"));
    return StubXmlResponse(200, UsersPage({"ok"}, ""));
  });
  auto query = MakeQuery(server.url(), 3);
  IamClient iam(query);
  auto page = Wait(iam.ListUsers());
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->items.at(0).user_name, "ok");
  EXPECT_EQ(server.request_count(), 3);
  EXPECT_EQ(query->CallStats("ListUsers").calls, 1);
  EXPECT_EQ(query->CallStats("ListUsers").attempts, 3);
}

TEST_F(IamStubTest, ThrottlingBeyondRetriesIsRetryableWithDetail) {
  StubHttpServer server([](const StubRequest&) {
    return StubXmlResponse(400, ErrorBody("Sender", "Throttling", "Rate exceeded"));
  });
  IamClient iam(MakeQuery(server.url(), 3));
  auto user = Wait(iam.GetUser("bob"));
  EXPECT_EQ(user.status().code(), ErrorCode::kRetryable);
  ASSERT_TRUE(user.status().aws().has_value());
  EXPECT_EQ(user.status().aws()->code, "Throttling");
  EXPECT_EQ(user.status().aws()->action, "GetUser");
  EXPECT_EQ(server.request_count(), 4);  // 1 try + 3 retries
}

TEST_F(IamStubTest, ServerErrorsAreRetriedWithExactAttemptCounts) {
  StubHttpServer server([](const StubRequest& r) {
    if (Form(r)["Action"] == "GetUser") {
      return StubXmlResponse(500, ErrorBody("Receiver", "ServiceFailure", "oops"));
    }
    return testing::StubTextResponse(502, "<html>Bad Gateway</html");  // not even XML
  });
  IamClient iam(MakeQuery(server.url(), 2));
  auto user = Wait(iam.GetUser("bob"));
  EXPECT_EQ(user.status().code(), ErrorCode::kRetryable);
  EXPECT_EQ(user.status().aws()->code, "ServiceFailure");
  EXPECT_EQ(user.status().aws()->http_status, 500);
  EXPECT_EQ(server.request_count(), 3);
  auto groups = Wait(iam.ListGroups());
  EXPECT_EQ(groups.status().code(), ErrorCode::kRetryable) << groups.status().ToString();
  EXPECT_NE(groups.status().message().find("502"), std::string::npos);
  EXPECT_EQ(server.request_count(), 6);
}

TEST_F(IamStubTest, NonRetryableErrorsReturnAtOnce) {
  StubHttpServer server([](const StubRequest& r) {
    auto action = Form(r)["Action"];
    if (action == "DeleteUser") {
      return StubXmlResponse(409,
                             ErrorBody("Sender", "DeleteConflict",
                                       "Cannot delete entity, must detach all policies first."));
    }
    if (action == "ListUsers") {
      return StubXmlResponse(403, ErrorBody("Sender", "SignatureDoesNotMatch", "sig"));
    }
    return StubXmlResponse(
        404, ErrorBody("Sender", "NoSuchEntity", "The user with name bob cannot be found."));
  });
  IamClient iam(MakeQuery(server.url(), 3));
  auto user = Wait(iam.GetUser("bob"));
  EXPECT_EQ(server.request_count(), 1);
  EXPECT_EQ(user.status().code(), ErrorCode::kUnknownUid);
  const auto& aws = *user.status().aws();
  EXPECT_EQ(aws.code, "NoSuchEntity");
  EXPECT_EQ(aws.type, "Sender");
  EXPECT_EQ(aws.message, "The user with name bob cannot be found.");
  EXPECT_EQ(aws.request_id, "err-req-7");
  EXPECT_EQ(aws.http_status, 404);
  EXPECT_EQ(Wait(iam.DeleteUser("bob")).code(), ErrorCode::kConflict);
  EXPECT_EQ(server.request_count(), 2);
  EXPECT_EQ(Wait(iam.ListUsers()).status().code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(server.request_count(), 3);
  // Required names are checked before any call.
  EXPECT_EQ(Wait(iam.DeleteUser("")).code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(server.request_count(), 3);
}

TEST_F(IamStubTest, MalformedBodiesAreErrorsNotCrashes) {
  std::atomic<int> which{0};
  const std::vector<std::string> bodies = {"",
                                           "not xml at all",
                                           "<ListUsersResponse><ListUsersResult><Users><member>",
                                           "<?xml version=\"1.0\"?><Other/>",
                                           "<ListUsersResponse>&bogus;</ListUsersResponse>",
                                           std::string("\0\1\2<x", 5)};
  StubHttpServer server([&](const StubRequest&) { return StubXmlResponse(200, bodies[which]); });
  IamClient iam(MakeQuery(server.url()));
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    which = static_cast<int>(i);
    auto r = Wait(iam.ListUsers());
    EXPECT_EQ(r.status().code(), ErrorCode::kInternal) << i << ": " << r.status().ToString();
    EXPECT_NE(r.status().message().find("ListUsers"), std::string::npos);
  }
  EXPECT_EQ(server.request_count(), static_cast<int>(bodies.size()));  // not retried
  // A 4xx that is not an ErrorResponse still yields a status-based error.
  StubHttpServer plain(
      [](const StubRequest&) { return testing::StubTextResponse(403, "Forbidden"); });
  IamClient iam2(MakeQuery(plain.url()));
  EXPECT_EQ(Wait(iam2.GetUser("x")).status().code(), ErrorCode::kPermissionDenied);
}

TEST_F(IamStubTest, FormBodyCarriesTagsListsAndEncodedDocuments) {
  std::mutex mu;
  std::vector<std::map<std::string, std::string>> forms;
  StubHttpServer server([&](const StubRequest& r) {
    auto form = Form(r);
    {
      std::lock_guard<std::mutex> lock(mu);
      forms.push_back(form);
    }
    std::string action = form["Action"];
    return StubXmlResponse(200, "<" + action + "Response xmlns=\"" + kNs + "\"><" + action +
                                    "Result><User><UserName>n</UserName></User></" + action +
                                    "Result></" + action + "Response>");
  });
  IamClient iam(MakeQuery(server.url()));
  ASSERT_TRUE(Wait(iam.CreateUser("n", "/p/", {{"k 1", "v&1"}, {"k2", ""}},
                                  "arn:aws:iam::aws:policy/Boundary"))
                  .ok());
  ASSERT_TRUE(Wait(iam.UntagUser("n", {"k 1", "k2"})).ok());
  ASSERT_TRUE(
      Wait(iam.PutUserPolicy("n", "inline", "{\"Version\": \"2012-10-17\", \"S\": [\"a+b\"]}"))
          .ok());
  ASSERT_TRUE(Wait(iam.UpdateLoginProfile("n", {SecretString("pw+&= x"), false})).ok());
  ASSERT_EQ(forms.size(), 4u);
  EXPECT_EQ(forms[0]["Tags.member.1.Key"], "k 1");
  EXPECT_EQ(forms[0]["Tags.member.1.Value"], "v&1");
  EXPECT_EQ(forms[0]["Tags.member.2.Key"], "k2");
  EXPECT_EQ(forms[0]["Path"], "/p/");
  EXPECT_EQ(forms[0]["PermissionsBoundary"], "arn:aws:iam::aws:policy/Boundary");
  EXPECT_EQ(forms[1]["TagKeys.member.2"], "k2");
  EXPECT_EQ(forms[2]["PolicyDocument"], "{\"Version\": \"2012-10-17\", \"S\": [\"a+b\"]}");
  EXPECT_EQ(forms[3]["Password"], "pw+&= x");
  EXPECT_EQ(forms[3]["PasswordResetRequired"], "false");
}

TEST_F(IamStubTest, UserWithBoundaryTagsAndLastUse) {
  StubHttpServer server([](const StubRequest& r) {
    auto form = Form(r);
    if (form["Action"] == "PutUserPermissionsBoundary") {
      EXPECT_EQ(form["PermissionsBoundary"], "arn:aws:iam::123456789012:policy/B");
      return StubXmlResponse(200, std::string("<PutUserPermissionsBoundaryResponse xmlns=\"") +
                                      kNs +
                                      "\"><ResponseMetadata><RequestId>r</RequestId>"
                                      "</ResponseMetadata></PutUserPermissionsBoundaryResponse>");
    }
    return StubXmlResponse(
        200, std::string("<GetUserResponse xmlns=\"") + kNs +
                 "\"><GetUserResult><User><Path>/</Path><UserName>bob</UserName><UserId>AID1"
                 "</UserId><Arn>arn:aws:iam::123456789012:user/bob</Arn><CreateDate>"
                 "2020-01-01T00:00:00Z</CreateDate><PasswordLastUsed>2021-02-03T04:05:06.7+02:00"
                 "</PasswordLastUsed><PermissionsBoundary><PermissionsBoundaryType>"
                 "PermissionsBoundaryPolicy</PermissionsBoundaryType><PermissionsBoundaryArn>"
                 "arn:aws:iam::123456789012:policy/B</PermissionsBoundaryArn>"
                 "</PermissionsBoundary><Tags><member><Key>k</Key><Value>v</Value></member>"
                 "</Tags></User></GetUserResult></GetUserResponse>");
  });
  IamClient iam(MakeQuery(server.url()));
  ASSERT_TRUE(
      Wait(iam.PutUserPermissionsBoundary("bob", "arn:aws:iam::123456789012:policy/B")).ok());
  auto user = Wait(iam.GetUser("bob"));
  ASSERT_TRUE(user.ok()) << user.status().ToString();
  EXPECT_EQ(user->permissions_boundary.arn, "arn:aws:iam::123456789012:policy/B");
  EXPECT_EQ(user->permissions_boundary.type, "PermissionsBoundaryPolicy");
  EXPECT_EQ(user->password_last_used, "2021-02-03T02:05:06Z");
  EXPECT_EQ(user->tags, (std::vector<Tag>{{"k", "v"}}));
}

TEST_F(IamStubTest, ServiceSpecificCredentialsAndCertificates) {
  StubHttpServer server([](const StubRequest& r) {
    auto form = Form(r);
    std::string action = form["Action"];
    std::string inner;
    if (action == "ListServiceSpecificCredentials") {
      EXPECT_EQ(form["UserName"], "bob");
      inner =
          "<ServiceSpecificCredentials><member><UserName>bob</UserName><Status>Active"
          "</Status><ServiceUserName>bob-at-1</ServiceUserName><CreateDate>"
          "2022-01-01T00:00:00Z</CreateDate><ServiceSpecificCredentialId>ACCA1"
          "</ServiceSpecificCredentialId><ServiceName>codecommit.amazonaws.com"
          "</ServiceName></member></ServiceSpecificCredentials>";
    } else if (action == "DeleteServiceSpecificCredential") {
      EXPECT_EQ(form["ServiceSpecificCredentialId"], "ACCA1");
      EXPECT_EQ(form["UserName"], "bob");
    } else if (action == "DeleteSigningCertificate") {
      EXPECT_EQ(form["CertificateId"], "CERT1");
    } else if (action == "DeactivateMFADevice") {
      EXPECT_EQ(form["SerialNumber"], "arn:aws:iam::123456789012:mfa/bob");
    }
    return StubXmlResponse(200, "<" + action + "Response xmlns=\"" + kNs + "\"><" + action +
                                    "Result>" + inner + "</" + action + "Result></" + action +
                                    "Response>");
  });
  IamClient iam(MakeQuery(server.url()));
  auto creds = Wait(iam.ListServiceSpecificCredentials("bob"));
  ASSERT_TRUE(creds.ok()) << creds.status().ToString();
  ASSERT_EQ(creds->items.size(), 1u);
  EXPECT_EQ(creds->items[0].service_specific_credential_id, "ACCA1");
  EXPECT_EQ(creds->items[0].service_name, "codecommit.amazonaws.com");
  EXPECT_EQ(creds->items[0].service_user_name, "bob-at-1");
  EXPECT_FALSE(creds->is_truncated);
  EXPECT_TRUE(Wait(iam.DeleteServiceSpecificCredential("bob", "ACCA1")).ok());
  EXPECT_TRUE(Wait(iam.DeleteSigningCertificate("bob", "CERT1")).ok());
  EXPECT_TRUE(Wait(iam.DeactivateMFADevice("bob", "arn:aws:iam::123456789012:mfa/bob")).ok());
  EXPECT_EQ(server.request_count(), 4);
}

TEST_F(IamStubTest, ConcurrentCallsAreCountedExactly) {
  constexpr int kThreads = 8;
  constexpr int kCallsPerThread = 10;
  StubHttpServer server(
      [](const StubRequest&) { return StubXmlResponse(200, UsersPage({"u"}, "")); });
  auto query = MakeQuery(server.url());
  IamClient iam(query);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kCallsPerThread; ++i) {
        auto page = Wait(iam.ListUsers());
        if (!page.ok() || page->items.size() != 1) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(server.request_count(), kThreads * kCallsPerThread);
  EXPECT_EQ(query->CallStats("ListUsers").calls, kThreads * kCallsPerThread);
  EXPECT_EQ(query->AllCallStats().size(), 1u);
  query->ResetCallStats();
  EXPECT_EQ(query->CallStats("ListUsers").attempts, 0);
}

TEST_F(IamStubTest, SimulatePrincipalPolicyPagesAndParsesEvaluationResults) {
  // Two pages (the second after Marker "p2"), AWS's shape: a denied action with a matched
  // statement, an allowed one with EvalDecisionDetails and a boundary detail, and
  // ResourceSpecificResults with MissingContextValues.
  StubHttpServer server([](const StubRequest& r) {
    auto form = Form(r);
    if (form["Action"] != "SimulatePrincipalPolicy") {
      return StubXmlResponse(400, ErrorBody("Sender", "InvalidAction", "?"));
    }
    const bool first = form["Marker"].empty();
    std::string xml = std::string("<SimulatePrincipalPolicyResponse xmlns=\"") + kNs +
                      "\"><SimulatePrincipalPolicyResult><EvaluationResults>";
    if (first) {
      xml +=
          "<member><EvalActionName>iam:CreateUser</EvalActionName><EvalResourceName>"
          "arn:aws:iam::123456789012:user/*</EvalResourceName><EvalDecision>allowed"
          "</EvalDecision><MatchedStatements><member><SourcePolicyId>Omada</SourcePolicyId>"
          "<SourcePolicyType>user</SourcePolicyType><StartPosition><Line>1</Line><Column>2"
          "</Column></StartPosition></member></MatchedStatements><MissingContextValues/>"
          "<EvalDecisionDetails><entry><key>PermissionsBoundary</key><value>allowed</value>"
          "</entry></EvalDecisionDetails><PermissionsBoundaryDecisionDetail>"
          "<AllowedByPermissionsBoundary>true</AllowedByPermissionsBoundary>"
          "</PermissionsBoundaryDecisionDetail></member>";
    } else {
      xml +=
          "<member><EvalActionName>iam:TagUser</EvalActionName><EvalResourceName>"
          "arn:aws:iam::123456789012:user/*</EvalResourceName><EvalDecision>implicitDeny"
          "</EvalDecision><MatchedStatements/><MissingContextValues><member>aws:RequestTag/x"
          "</member></MissingContextValues><ResourceSpecificResults><member><EvalResourceName>"
          "arn:aws:iam::123456789012:user/*</EvalResourceName><EvalResourceDecision>implicitDeny"
          "</EvalResourceDecision><MissingContextValues><member>aws:TagKeys</member>"
          "</MissingContextValues></member></ResourceSpecificResults></member>";
    }
    xml += "</EvaluationResults><IsTruncated>" +
           std::string(first ? "true</IsTruncated><Marker>p2</Marker>" : "false</IsTruncated>") +
           "</SimulatePrincipalPolicyResult><ResponseMetadata><RequestId>s1</RequestId>"
           "</ResponseMetadata></SimulatePrincipalPolicyResponse>";
    return StubXmlResponse(200, xml);
  });
  IamClient iam(MakeQuery(server.url()));
  SimulationRequest request;
  request.policy_source_arn = "arn:aws:iam::123456789012:user/omada";
  request.action_names = {"iam:CreateUser", "iam:TagUser"};
  request.resource_arns = {"arn:aws:iam::123456789012:user/*"};
  request.context_entries = {{"aws:SourceIp", {"10.0.0.1", "10.0.0.2"}, "ipList"}};
  auto all = Wait(
      ListAll([&](const PageRequest& p) { return iam.SimulatePrincipalPolicy(request, p); }, 1000));
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 2u);
  const EvaluationResult& a = (*all)[0];
  EXPECT_EQ(a.action_name, "iam:CreateUser");
  EXPECT_EQ(a.decision, "allowed");
  ASSERT_EQ(a.matched_statements.size(), 1u);
  EXPECT_EQ(a.matched_statements[0].source_policy_id, "Omada");
  EXPECT_EQ(a.matched_statements[0].source_policy_type, "user");
  EXPECT_EQ(a.decision_details,
            (std::vector<std::pair<std::string, std::string>>{{"PermissionsBoundary", "allowed"}}));
  EXPECT_EQ(a.boundary_allowed, std::optional<bool>(true));
  const EvaluationResult& b = (*all)[1];
  EXPECT_EQ(b.action_name, "iam:TagUser");
  EXPECT_EQ(b.decision, "implicitDeny");
  EXPECT_EQ(b.resource_name, "arn:aws:iam::123456789012:user/*");
  EXPECT_EQ(b.missing_context_values, std::vector<std::string>{"aws:RequestTag/x"});
  EXPECT_FALSE(b.boundary_allowed.has_value());
  ASSERT_EQ(b.resource_specific_results.size(), 1u);
  EXPECT_EQ(b.resource_specific_results[0].decision, "implicitDeny");
  EXPECT_EQ(b.resource_specific_results[0].missing_context_values,
            std::vector<std::string>{"aws:TagKeys"});

  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  auto form = Form(requests[0]);
  EXPECT_EQ(form["PolicySourceArn"], "arn:aws:iam::123456789012:user/omada");
  EXPECT_EQ(form["ActionNames.member.1"], "iam:CreateUser");
  EXPECT_EQ(form["ActionNames.member.2"], "iam:TagUser");
  EXPECT_EQ(form["ResourceArns.member.1"], "arn:aws:iam::123456789012:user/*");
  EXPECT_EQ(form["ContextEntries.member.1.ContextKeyName"], "aws:SourceIp");
  EXPECT_EQ(form["ContextEntries.member.1.ContextKeyValues.member.2"], "10.0.0.2");
  EXPECT_EQ(form["ContextEntries.member.1.ContextKeyType"], "ipList");
  EXPECT_EQ(form["MaxItems"], "1000");
  EXPECT_EQ(form.count("Marker"), 0u);
  EXPECT_EQ(Form(requests[1])["Marker"], "p2");

  // Required parameters are checked before any call.
  EXPECT_EQ(Wait(iam.SimulatePrincipalPolicy(SimulationRequest{})).status().code(),
            ErrorCode::kInvalidInput);
  SimulationRequest no_actions;
  no_actions.policy_source_arn = request.policy_source_arn;
  EXPECT_EQ(Wait(iam.SimulatePrincipalPolicy(no_actions)).status().code(),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(server.request_count(), 2);
}

TEST_F(IamStubTest, AccessDeniedNamesTheRefusedAction) {
  StubHttpServer server([](const StubRequest&) {
    return StubXmlResponse(
        403, ErrorBody("Sender", "AccessDenied",
                       "User: arn:aws:iam::123456789012:user/omada is not authorized to perform: "
                       "iam:CreateAccessKey on resource: user bob because no identity-based "
                       "policy allows the iam:CreateAccessKey action"));
  });
  IamClient iam(MakeQuery(server.url(), 3));
  auto key = Wait(iam.CreateAccessKey("bob"));
  EXPECT_EQ(server.request_count(), 1);  // not retried
  EXPECT_EQ(key.status().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(key.status().message().rfind("AWS refused iam:CreateAccessKey: User: "
                                         "arn:aws:iam::123456789012:user/omada is not authorized",
                                         0),
            0u)
      << key.status().message();
  EXPECT_EQ(key.status().aws()->code, "AccessDenied");
}

}  // namespace
}  // namespace aic
