// SignRequest / PresignUrl behaviour beyond the vectors, and agreement with botocore.
#include <gtest/gtest.h>

#include <thread>

#include "aws_iam_connector/sigv4.h"
#include "common/text_codec.h"
#include "sigv4/botocore_peer.h"

namespace aic::sigv4 {
namespace {

constexpr std::string_view kSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr std::string_view kAmzDate = "20150830T123600Z";

Credentials Creds(std::string_view token = {}) {
  Credentials c;
  c.access_key_id = "AKIDEXAMPLE";
  c.secret_access_key = SecretString(kSecret);
  c.session_token = SecretString(token);
  return c;
}

std::chrono::system_clock::time_point Now() { return *text::ParseAmzDate(kAmzDate); }

HttpRequest IamListUsers(std::string url = "https://iam.amazonaws.com/") {
  HttpRequest r;
  r.method = "POST";
  r.url = std::move(url);
  r.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  r.body = "Action=ListUsers&Version=2010-05-08";
  return r;
}

int CountHeaders(const HttpRequest& r, std::string_view name) {
  int n = 0;
  for (const auto& h : r.headers) n += EqualsIgnoreCase(h.name, name) ? 1 : 0;
  return n;
}

TEST(Sigv4SignerTest, AddsHostDateAndAuthorization) {
  HttpRequest r = IamListUsers();
  ASSERT_TRUE(SignRequest(r, Creds(), "us-east-1", "iam", Now()).ok());
  EXPECT_EQ(r.Header("Host"), "iam.amazonaws.com");
  EXPECT_EQ(r.Header("X-Amz-Date"), kAmzDate);
  EXPECT_EQ(CountHeaders(r, "X-Amz-Security-Token"), 0);
  std::string_view auth = r.Header("Authorization");
  constexpr std::string_view kPrefix =
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
      "SignedHeaders=content-type;host;x-amz-date, Signature=";
  ASSERT_TRUE(auth.starts_with(kPrefix)) << auth;
  EXPECT_EQ(auth.size(), kPrefix.size() + 64);
  EXPECT_EQ(r.url, "https://iam.amazonaws.com/");
  EXPECT_EQ(r.body, "Action=ListUsers&Version=2010-05-08");
}

TEST(Sigv4SignerTest, HostComesFromTheUrlWithoutDefaultPort) {
  struct Case {
    const char* url;
    const char* host;
  } cases[] = {{"http://127.0.0.1:4566/", "127.0.0.1:4566"},
               {"http://Example.COM:80/x?y=1", "example.com"},
               {"https://user:pw@iam.amazonaws.com:443", "iam.amazonaws.com"},
               {"https://[::1]:8443/", "[::1]:8443"},
               {"http://localhost:8080?Action=ListUsers", "localhost:8080"}};
  for (const auto& c : cases) {
    HttpRequest r = IamListUsers(c.url);
    ASSERT_TRUE(SignRequest(r, Creds(), "us-east-1", "iam", Now()).ok()) << c.url;
    EXPECT_EQ(r.Header("Host"), c.host) << c.url;
  }
}

TEST(Sigv4SignerTest, ExistingHostHeaderIsKept) {
  HttpRequest r = IamListUsers("http://127.0.0.1:9999/");
  r.headers.push_back({"Host", "iam.amazonaws.com"});
  ASSERT_TRUE(SignRequest(r, Creds(), "us-east-1", "iam", Now()).ok());
  EXPECT_EQ(CountHeaders(r, "Host"), 1);
  EXPECT_EQ(r.Header("Host"), "iam.amazonaws.com");
}

TEST(Sigv4SignerTest, SessionTokenIsSentAndSignedUnlessOmitted) {
  HttpRequest r = IamListUsers();
  ASSERT_TRUE(SignRequest(r, Creds("TOKEN123"), "us-east-1", "iam", Now()).ok());
  EXPECT_EQ(r.Header("X-Amz-Security-Token"), "TOKEN123");
  EXPECT_NE(r.Header("Authorization").find("x-amz-security-token"), std::string_view::npos);

  HttpRequest omitted = IamListUsers();
  SigningOptions o;
  o.omit_session_token = true;
  ASSERT_TRUE(SignRequest(omitted, Creds("TOKEN123"), "us-east-1", "iam", Now(), o).ok());
  EXPECT_EQ(omitted.Header("X-Amz-Security-Token"), "TOKEN123");
  EXPECT_EQ(omitted.Header("Authorization").find("x-amz-security-token"), std::string_view::npos);
}

TEST(Sigv4SignerTest, ContentSha256HeaderOnRequest) {
  HttpRequest r = IamListUsers();
  SigningOptions o;
  o.add_content_sha256_header = true;
  ASSERT_TRUE(SignRequest(r, Creds(), "us-east-1", "iam", Now(), o).ok());
  EXPECT_EQ(r.Header("x-amz-content-sha256"), Sha256Hex(r.body));
  EXPECT_NE(r.Header("Authorization").find("x-amz-content-sha256"), std::string_view::npos);
}

TEST(Sigv4SignerTest, ResigningReplacesDateAndAuthorization) {
  HttpRequest r = IamListUsers();
  ASSERT_TRUE(SignRequest(r, Creds("T"), "us-east-1", "iam", Now()).ok());
  std::string first(r.Header("Authorization"));
  ASSERT_TRUE(SignRequest(r, Creds("T"), "us-east-1", "iam", Now() + std::chrono::seconds(1)).ok());
  EXPECT_EQ(CountHeaders(r, "Authorization"), 1);
  EXPECT_EQ(CountHeaders(r, "X-Amz-Date"), 1);
  EXPECT_EQ(CountHeaders(r, "X-Amz-Security-Token"), 1);
  EXPECT_EQ(r.Header("X-Amz-Date"), "20150830T123601Z");
  EXPECT_NE(r.Header("Authorization"), first);
}

TEST(Sigv4SignerTest, RejectsBadInputs) {
  HttpRequest r = IamListUsers();
  Credentials no_secret = Creds();
  no_secret.secret_access_key = SecretString();
  EXPECT_EQ(SignRequest(r, no_secret, "us-east-1", "iam", Now()).code(), ErrorCode::kConfiguration);
  Credentials no_key = Creds();
  no_key.access_key_id.clear();
  EXPECT_EQ(SignRequest(r, no_key, "us-east-1", "iam", Now()).code(), ErrorCode::kConfiguration);
  EXPECT_EQ(SignRequest(r, Creds(), "", "iam", Now()).code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(SignRequest(r, Creds(), "us-east-1", "", Now()).code(), ErrorCode::kInvalidInput);
  HttpRequest relative = IamListUsers("/just/a/path");
  EXPECT_EQ(SignRequest(relative, Creds(), "us-east-1", "iam", Now()).code(),
            ErrorCode::kInvalidInput);
  HttpRequest no_host = IamListUsers("https:///x");
  EXPECT_EQ(SignRequest(no_host, Creds(), "us-east-1", "iam", Now()).code(),
            ErrorCode::kInvalidInput);
}

TEST(Sigv4SignerTest, PresignUrlCarriesTheQueryParameters) {
  HttpRequest r;
  r.method = "GET";
  r.url = "https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15#frag";
  auto url = PresignUrl(r, Creds("A/B+C="), "us-east-1", "sts", Now(), std::chrono::minutes(15));
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  EXPECT_TRUE(url->starts_with(
      "https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm="
      "AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fsts%2Faws4_request"
      "&X-Amz-Date=20150830T123600Z&X-Amz-SignedHeaders=host&X-Amz-Expires=900"
      "&X-Amz-Security-Token=A%2FB%2BC%3D&X-Amz-Signature="))
      << *url;
  EXPECT_EQ(url->find('#'), std::string::npos);
}

TEST(Sigv4SignerTest, PresignUrlRejectsBadExpiry) {
  HttpRequest r = IamListUsers();
  EXPECT_EQ(
      PresignUrl(r, Creds(), "us-east-1", "iam", Now(), std::chrono::seconds(0)).status().code(),
      ErrorCode::kInvalidInput);
  EXPECT_EQ(PresignUrl(r, Creds(), "us-east-1", "iam", Now(),
                       kMaxPresignExpires + std::chrono::seconds(1))
                .status()
                .code(),
            ErrorCode::kInvalidInput);
  EXPECT_TRUE(PresignUrl(r, Creds(), "us-east-1", "iam", Now(), kMaxPresignExpires).ok());
}

TEST(Sigv4SignerTest, SecretNeverAppearsInTheSignedRequest) {
  HttpRequest r = IamListUsers();
  ASSERT_TRUE(SignRequest(r, Creds("TOKEN"), "us-east-1", "iam", Now()).ok());
  for (const auto& h : r.headers) EXPECT_EQ(h.value.find(kSecret), std::string::npos) << h.name;
  auto url = PresignUrl(IamListUsers(), Creds(), "us-east-1", "iam", Now(), std::chrono::hours(1));
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->find(text::PercentEncode(kSecret)), std::string::npos);
  EXPECT_EQ(url->find(kSecret), std::string::npos);
}

// Stateless and thread-safe: many threads signing at once all get the single-threaded result.
TEST(Sigv4SignerTest, ConcurrentSigningGivesIdenticalResults) {
  HttpRequest reference = IamListUsers();
  ASSERT_TRUE(SignRequest(reference, Creds("T"), "us-east-1", "iam", Now()).ok());
  constexpr int kThreads = 4;
  constexpr int kPerThread = 500;
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        HttpRequest r = IamListUsers();
        if (!SignRequest(r, Creds("T"), "us-east-1", "iam", Now()).ok() ||
            r.Header("Authorization") != reference.Header("Authorization")) {
          ++mismatches[t];
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
}

// The reference implementation: botocore signs the same IAM call to the same Authorization.
TEST(Sigv4SignerTest, AuthorizationMatchesBotocore) {
  for (std::string_view token : {std::string_view(), std::string_view("FQoG/token+with=chars")}) {
    HttpRequest ours = IamListUsers();
    ASSERT_TRUE(SignRequest(ours, Creds(token), "us-east-1", "iam", Now()).ok());
    auto theirs =
        testing::SignWithBotocore(IamListUsers(), Creds(token), "us-east-1", "iam", kAmzDate);
    ASSERT_TRUE(theirs.ok()) << theirs.status().ToString();
    EXPECT_EQ(ours.Header("Authorization"), theirs->Header("Authorization"));
    EXPECT_EQ(ours.Header("X-Amz-Date"), theirs->Header("X-Amz-Date"));
    EXPECT_EQ(ours.Header("X-Amz-Security-Token"), theirs->Header("X-Amz-Security-Token"));
  }
}

TEST(Sigv4SignerTest, PresignedUrlMatchesBotocore) {
  HttpRequest r;
  r.method = "GET";
  r.url = "https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15";
  auto ours = PresignUrl(r, Creds(), "us-east-1", "sts", Now(), std::chrono::seconds(900));
  ASSERT_TRUE(ours.ok());
  auto theirs = testing::SignWithBotocore(r, Creds(), "us-east-1", "sts", kAmzDate,
                                          std::chrono::seconds(900));
  ASSERT_TRUE(theirs.ok()) << theirs.status().ToString();
  // Same signature; botocore orders X-Amz-Expires before X-Amz-SignedHeaders.
  auto sig = [](std::string_view u) { return u.substr(u.rfind("X-Amz-Signature=")); };
  EXPECT_EQ(sig(*ours), sig(theirs->url));
}

}  // namespace
}  // namespace aic::sigv4
