// Every case of ../shared/testdata/sigv4 (v4/ and aws4_testsuite/), byte for byte: canonical
// request, string to sign, signature and signed request, for header and presigned signing,
// through both the raw-request layer and the public SignRequest/PresignUrl.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "aws_iam_connector/sigv4.h"
#include "common/text_codec.h"
#include "sigv4/vector_reader.h"

namespace aic::sigv4 {
namespace {

namespace fs = std::filesystem;
using testing::FormatAws4Request;
using testing::FormatV4Request;
using testing::ListCaseFolders;
using testing::ParseVectorRequest;
using testing::ReadFileExactly;

const fs::path kVectorRoot = fs::path(AIC_TESTDATA_DIR) / "sigv4";
constexpr std::string_view kAccessKeyId = "AKIDEXAMPLE";
constexpr std::string_view kSecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr std::string_view kAmzDate = "20150830T123600Z";
constexpr std::string_view kRegion = "us-east-1";
constexpr std::string_view kService = "service";
constexpr std::string_view kHost = "https://example.amazonaws.com";
constexpr std::string_view kShortToken =
    "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";

// The README's case lists: a missing or a new folder fails CaseListIsComplete.
const std::vector<std::string> kV4Cases = {"get-header-key-duplicate",
                                           "get-header-value-multiline",
                                           "get-header-value-order",
                                           "get-header-value-trim",
                                           "get-relative-normalized",
                                           "get-relative-relative-normalized",
                                           "get-relative-relative-unnormalized",
                                           "get-relative-unnormalized",
                                           "get-slash-dot-slash-normalized",
                                           "get-slash-dot-slash-unnormalized",
                                           "get-slash-normalized",
                                           "get-slash-pointless-dot-normalized",
                                           "get-slash-pointless-dot-unnormalized",
                                           "get-slash-unnormalized",
                                           "get-slashes-normalized",
                                           "get-slashes-unnormalized",
                                           "get-space-normalized",
                                           "get-space-unnormalized",
                                           "get-unreserved",
                                           "get-utf8",
                                           "get-vanilla",
                                           "get-vanilla-empty-query-key",
                                           "get-vanilla-query",
                                           "get-vanilla-query-order-encoded",
                                           "get-vanilla-query-order-key-case",
                                           "get-vanilla-query-unreserved",
                                           "get-vanilla-utf8-query",
                                           "get-vanilla-with-session-token",
                                           "post-header-key-case",
                                           "post-header-key-sort",
                                           "post-header-value-case",
                                           "post-sts-header-after",
                                           "post-sts-header-before",
                                           "post-vanilla",
                                           "post-vanilla-empty-query-value",
                                           "post-vanilla-query",
                                           "post-x-www-form-urlencoded",
                                           "post-x-www-form-urlencoded-parameters"};
const std::vector<std::string> kAws4Cases = {"get-header-key-duplicate",
                                             "get-header-value-multiline",
                                             "get-header-value-order",
                                             "get-header-value-trim",
                                             "get-unreserved",
                                             "get-utf8",
                                             "get-vanilla",
                                             "get-vanilla-empty-query-key",
                                             "get-vanilla-query",
                                             "get-vanilla-query-order-encoded",
                                             "get-vanilla-query-order-key",
                                             "get-vanilla-query-order-key-case",
                                             "get-vanilla-query-order-value",
                                             "get-vanilla-query-unreserved",
                                             "get-vanilla-utf8-query",
                                             "get-vanilla-with-session-token",
                                             "normalize-path/get-relative",
                                             "normalize-path/get-relative-relative",
                                             "normalize-path/get-slash",
                                             "normalize-path/get-slash-dot-slash",
                                             "normalize-path/get-slash-pointless-dot",
                                             "normalize-path/get-slashes",
                                             "normalize-path/get-space",
                                             "normalize-path/get-special-character",
                                             "post-header-key-case",
                                             "post-header-key-sort",
                                             "post-header-value-case",
                                             "post-sts-token/post-sts-header-after",
                                             "post-sts-token/post-sts-header-before",
                                             "post-vanilla",
                                             "post-vanilla-empty-query-value",
                                             "post-vanilla-query",
                                             "post-x-www-form-urlencoded",
                                             "post-x-www-form-urlencoded-parameters"};
constexpr std::size_t kV4CaseCount = 38;
constexpr std::size_t kAws4CaseCount = 34;

std::chrono::system_clock::time_point VectorTime() { return *text::ParseAmzDate(kAmzDate); }

Credentials MakeCredentials(std::string_view token) {
  Credentials c;
  c.access_key_id = std::string(kAccessKeyId);
  c.secret_access_key = SecretString(kSecretKey);
  c.session_token = SecretString(token);
  return c;
}

// The long STS token of the post-sts-* cases, as written in the v4 context.json.
std::string LongStsToken() {
  auto ctx = nlohmann::json::parse(
      ReadFileExactly(kVectorRoot / "v4" / "post-sts-header-before" / "context.json"));
  return ctx["credentials"]["token"].get<std::string>();
}

HttpRequest ToHttpRequest(const ReceivedRequest& raw) {
  HttpRequest r;
  r.method = raw.method;
  r.url = std::string(kHost) + raw.target;
  r.headers = raw.headers;
  r.body = raw.body;
  return r;
}

TEST(Sigv4VectorsTest, CaseListIsComplete) {
  EXPECT_EQ(kV4Cases.size(), kV4CaseCount);
  EXPECT_EQ(kAws4Cases.size(), kAws4CaseCount);
  EXPECT_EQ(ListCaseFolders(kVectorRoot / "v4", false), kV4Cases);
  EXPECT_EQ(ListCaseFolders(kVectorRoot / "aws4_testsuite", true), kAws4Cases);
}

// ---- v4/ (aws-c-auth suite) ----

struct V4Case {
  fs::path dir;
  ReceivedRequest request;
  Credentials credentials;
  SigningOptions options;
  std::chrono::seconds expires{0};

  std::string File(const char* name) const { return ReadFileExactly(dir / name); }
};

V4Case LoadV4(const std::string& name) {
  V4Case c;
  c.dir = kVectorRoot / "v4" / name;
  c.request = ParseVectorRequest(c.File("request.txt"));
  auto ctx = nlohmann::json::parse(c.File("context.json"));
  EXPECT_EQ(ctx["credentials"]["access_key_id"], kAccessKeyId);
  EXPECT_EQ(ctx["credentials"]["secret_access_key"], kSecretKey);
  EXPECT_EQ(ctx["region"], kRegion);
  EXPECT_EQ(ctx["service"], kService);
  EXPECT_EQ(ctx["timestamp"], "2015-08-30T12:36:00Z");
  c.credentials = MakeCredentials(ctx["credentials"].value("token", std::string()));
  c.options.normalize_path = ctx["normalize"].get<bool>();
  c.options.double_encode_path = true;
  c.options.omit_session_token = ctx.value("omit_session_token", false);
  c.options.add_content_sha256_header = ctx["sign_body"].get<bool>();
  c.expires = std::chrono::seconds(ctx["expiration_in_seconds"].get<int>());
  return c;
}

class V4VectorTest : public ::testing::TestWithParam<std::string> {};

TEST_P(V4VectorTest, HeaderSigning) {
  V4Case c = LoadV4(GetParam());
  ReceivedRequest req = c.request;
  auto steps = SignRawRequest(req, c.credentials, kRegion, kService, VectorTime(), c.options);
  ASSERT_TRUE(steps.ok()) << steps.status().ToString();
  EXPECT_EQ(steps->canonical_request, c.File("header-canonical-request.txt"));
  EXPECT_EQ(steps->string_to_sign, c.File("header-string-to-sign.txt"));
  EXPECT_EQ(steps->signature, c.File("header-signature.txt"));
  EXPECT_EQ(FormatV4Request(req), c.File("header-signed-request.txt"));
}

TEST_P(V4VectorTest, HeaderSigningThroughSignRequest) {
  V4Case c = LoadV4(GetParam());
  HttpRequest http = ToHttpRequest(c.request);
  ASSERT_TRUE(SignRequest(http, c.credentials, kRegion, kService, VectorTime(), c.options).ok());
  ReceivedRequest signed_raw{http.method, c.request.target, http.headers, http.body};
  EXPECT_EQ(FormatV4Request(signed_raw), c.File("header-signed-request.txt"));
}

TEST_P(V4VectorTest, QuerySigning) {
  V4Case c = LoadV4(GetParam());
  ReceivedRequest req = c.request;
  auto steps =
      PresignRawRequest(req, c.credentials, kRegion, kService, VectorTime(), c.expires, c.options);
  ASSERT_TRUE(steps.ok()) << steps.status().ToString();
  EXPECT_EQ(steps->canonical_request, c.File("query-canonical-request.txt"));
  EXPECT_EQ(steps->string_to_sign, c.File("query-string-to-sign.txt"));
  EXPECT_EQ(steps->signature, c.File("query-signature.txt"));
  EXPECT_EQ(FormatV4Request(req), c.File("query-signed-request.txt"));
}

TEST_P(V4VectorTest, QuerySigningThroughPresignUrl) {
  V4Case c = LoadV4(GetParam());
  auto url = PresignUrl(ToHttpRequest(c.request), c.credentials, kRegion, kService, VectorTime(),
                        c.expires, c.options);
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  ASSERT_TRUE(url->starts_with(kHost));
  ReceivedRequest signed_raw = c.request;
  signed_raw.target = url->substr(kHost.size());
  EXPECT_EQ(FormatV4Request(signed_raw), c.File("query-signed-request.txt"));
}

// What we sign, we verify. Verify always normalizes the path, as AWS does for every non-S3
// service, so an unnormalized signature verifies only when normalizing changes nothing.
TEST_P(V4VectorTest, SignedRequestsVerify) {
  V4Case c = LoadV4(GetParam());
  auto lookup = [](std::string_view id) -> std::optional<SecretString> {
    if (id == kAccessKeyId) return SecretString(kSecretKey);
    return std::nullopt;
  };
  if (!c.options.normalize_path) {
    std::string path = c.request.target.substr(0, c.request.target.find('?'));
    bool same = CanonicalUri(path, c.options) == CanonicalUri(path);
    ReceivedRequest signed_raw = c.request;
    ASSERT_TRUE(
        SignRawRequest(signed_raw, c.credentials, kRegion, kService, VectorTime(), c.options).ok());
    auto v = Verify(signed_raw, lookup, VectorTime());
    EXPECT_EQ(v.ok(), same) << v.status().ToString();
    return;
  }
  ReceivedRequest header_signed = c.request;
  ASSERT_TRUE(
      SignRawRequest(header_signed, c.credentials, kRegion, kService, VectorTime(), c.options)
          .ok());
  auto v = Verify(header_signed, lookup, VectorTime());
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_FALSE(v->presigned);
  EXPECT_EQ(v->security_token, c.credentials.session_token.Reveal());

  // A token added after presigning sits unsigned in the query, which no verifier accepts.
  if (c.options.omit_session_token) return;
  ReceivedRequest presigned = c.request;
  ASSERT_TRUE(PresignRawRequest(presigned, c.credentials, kRegion, kService, VectorTime(),
                                c.expires, c.options)
                  .ok());
  auto q = Verify(presigned, lookup, VectorTime());
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_TRUE(q->presigned);
}

INSTANTIATE_TEST_SUITE_P(AllCases, V4VectorTest, ::testing::ValuesIn(kV4Cases),
                         [](const auto& info) {
                           std::string n = info.param;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

// ---- aws4_testsuite/ (botocore's copy of the original AWS suite) ----

// Upstream quirk: get-vanilla-with-session-token's .sreq carries get-vanilla's signature while
// its .authz carries the right one. The test checks that the quirk is still exactly that.
constexpr std::string_view kStaleSreqCase = "get-vanilla-with-session-token";

class Aws4VectorTest : public ::testing::TestWithParam<std::string> {};

TEST_P(Aws4VectorTest, HeaderSigning) {
  const std::string& rel = GetParam();
  fs::path dir = kVectorRoot / "aws4_testsuite" / rel;
  std::string base = dir.filename().string();
  auto file = [&](const char* ext) { return ReadFileExactly(dir / (base + ext)); };

  std::string token;
  SigningOptions options;
  if (base == kStaleSreqCase) token = std::string(kShortToken);
  if (base == "post-sts-header-before") token = LongStsToken();
  if (base == "post-sts-header-after") {
    token = LongStsToken();
    options.omit_session_token = true;
  }
  ReceivedRequest req = ParseVectorRequest(file(".req"));
  auto steps =
      SignRawRequest(req, MakeCredentials(token), kRegion, kService, VectorTime(), options);
  ASSERT_TRUE(steps.ok()) << steps.status().ToString();
  EXPECT_EQ(steps->canonical_request, file(".creq"));
  EXPECT_EQ(steps->string_to_sign, file(".sts"));
  ASSERT_EQ(req.headers.back().name, "Authorization");
  EXPECT_EQ(req.headers.back().value, file(".authz"));

  std::string expected_sreq = file(".sreq");
  if (base == kStaleSreqCase) {
    std::string stale =
        ReadFileExactly(kVectorRoot / "aws4_testsuite/get-vanilla/get-vanilla.authz");
    std::string stale_sig = stale.substr(stale.rfind('=') + 1);
    ASSERT_NE(stale_sig, steps->signature);
    std::size_t at = expected_sreq.rfind(stale_sig);
    ASSERT_NE(at, std::string::npos) << "the upstream .sreq quirk changed; drop the exception";
    expected_sreq.replace(at, stale_sig.size(), steps->signature);
  }
  EXPECT_EQ(FormatAws4Request(req), expected_sreq);
}

INSTANTIATE_TEST_SUITE_P(AllCases, Aws4VectorTest, ::testing::ValuesIn(kAws4Cases),
                         [](const auto& info) {
                           std::string n = info.param;
                           std::replace(n.begin(), n.end(), '-', '_');
                           std::replace(n.begin(), n.end(), '/', '_');
                           return n;
                         });

}  // namespace
}  // namespace aic::sigv4
