// Verify(): what we and botocore sign verifies; every tampering and malformation gets AWS's code.
#include <gtest/gtest.h>

#include "aws_iam_connector/sigv4.h"
#include "common/text_codec.h"
#include "sigv4/botocore_peer.h"

namespace aic::sigv4 {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

constexpr std::string_view kKeyId = "AKIAVERIFYEXAMPLE01";
constexpr std::string_view kSecret = "verifySecretKey/With+Chars0123456789abcd";
constexpr std::string_view kAmzDate = "20240115T093000Z";

std::chrono::system_clock::time_point Now() { return *text::ParseAmzDate(kAmzDate); }

Credentials Creds(std::string_view secret = kSecret, std::string_view token = {}) {
  Credentials c;
  c.access_key_id = std::string(kKeyId);
  c.secret_access_key = SecretString(secret);
  c.session_token = SecretString(token);
  return c;
}

std::optional<SecretString> Lookup(std::string_view id) {
  if (id == kKeyId) return SecretString(kSecret);
  return std::nullopt;
}

HttpRequest IamPost() {
  HttpRequest r;
  r.method = "POST";
  r.url = "http://127.0.0.1:4566/";
  r.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
               {"User-Agent", "aws-cli/1.0"}};
  r.body = "Action=CreateUser&UserName=alice&Version=2010-05-08";
  return r;
}

// What a server sees: the target after scheme://authority.
ReceivedRequest ToReceived(const HttpRequest& r) {
  std::size_t start = r.url.find('/', r.url.find("://") + 3);
  std::size_t q = r.url.find('?', r.url.find("://") + 3);
  std::string target = start == std::string::npos || (q != std::string::npos && q < start)
                           ? "/" + (q == std::string::npos ? "" : r.url.substr(q))
                           : r.url.substr(start);
  return {r.method, target, r.headers, r.body};
}

ReceivedRequest SignedIamPost(std::string_view token = {}) {
  HttpRequest r = IamPost();
  EXPECT_TRUE(SignRequest(r, Creds(kSecret, token), "us-east-1", "iam", Now()).ok());
  return ToReceived(r);
}

void SetHeader(ReceivedRequest& r, std::string_view name, std::string value) {
  for (auto& h : r.headers) {
    if (EqualsIgnoreCase(h.name, name)) h.value = value;
  }
}

std::string CodeOf(const Result<VerifiedSignature>& v) {
  if (v.ok()) return "OK";
  if (!v.status().aws()) return "no AWS detail";
  return v.status().aws()->code;
}

int HttpStatusOf(const Result<VerifiedSignature>& v) {
  return v.ok() || !v.status().aws() ? 0 : v.status().aws()->http_status;
}

TEST(Sigv4VerifierTest, SignedRequestVerifies) {
  auto v = Verify(SignedIamPost("SESSIONTOKEN"), Lookup, Now());
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->access_key_id, kKeyId);
  EXPECT_EQ(v->region, "us-east-1");
  EXPECT_EQ(v->service, "iam");
  EXPECT_EQ(v->scope_date, "20240115");
  EXPECT_EQ(v->request_time, Now());
  EXPECT_EQ(v->security_token, "SESSIONTOKEN");
  EXPECT_FALSE(v->presigned);
  EXPECT_TRUE(v->payload_signed);
}

TEST(Sigv4VerifierTest, TamperingAfterSigningIsSignatureDoesNotMatch) {
  std::vector<std::pair<std::string, std::function<void(ReceivedRequest&)>>> tamperings = {
      {"body", [](ReceivedRequest& r) { r.body += "&Path=/admin/"; }},
      {"signed header", [](ReceivedRequest& r) { SetHeader(r, "Content-Type", "text/plain"); }},
      {"host", [](ReceivedRequest& r) { SetHeader(r, "Host", "127.0.0.1:4567"); }},
      {"path", [](ReceivedRequest& r) { r.target = "/other"; }},
      {"query", [](ReceivedRequest& r) { r.target = "/?Action=DeleteUser"; }},
      {"method", [](ReceivedRequest& r) { r.method = "PUT"; }},
      {"signature",
       [](ReceivedRequest& r) {
         std::string& auth = r.headers.back().value;
         auth.back() = auth.back() == '0' ? '1' : '0';
       }},
      {"added signed header",
       [](ReceivedRequest& r) {
         r.headers.push_back({"Content-Type", "second"});
       }},
  };
  for (const auto& [what, tamper] : tamperings) {
    ReceivedRequest r = SignedIamPost();
    tamper(r);
    auto v = Verify(r, Lookup, Now());
    EXPECT_EQ(CodeOf(v), "SignatureDoesNotMatch") << what;
    EXPECT_EQ(HttpStatusOf(v), 403) << what;
    EXPECT_EQ(v.status().code(), ErrorCode::kUnauthenticated) << what;
  }
}

TEST(Sigv4VerifierTest, UnsignedHeadersMayChange) {
  ReceivedRequest r = SignedIamPost();
  SetHeader(r, "User-Agent", "something-else");
  r.headers.push_back({"X-Forwarded-For", "10.0.0.1"});
  EXPECT_TRUE(Verify(r, Lookup, Now()).ok());
}

TEST(Sigv4VerifierTest, WrongSecretIsSignatureDoesNotMatch) {
  HttpRequest r = IamPost();
  ASSERT_TRUE(SignRequest(r, Creds("not-the-right-secret"), "us-east-1", "iam", Now()).ok());
  auto v = Verify(ToReceived(r), Lookup, Now());
  EXPECT_EQ(CodeOf(v), "SignatureDoesNotMatch");
}

TEST(Sigv4VerifierTest, UnknownKeyIsInvalidClientTokenId) {
  auto v = Verify(
      SignedIamPost(), [](std::string_view) { return std::nullopt; }, Now());
  EXPECT_EQ(CodeOf(v), "InvalidClientTokenId");
  EXPECT_EQ(HttpStatusOf(v), 403);
  EXPECT_EQ(v.status().aws()->message, "The security token included in the request is invalid.");
}

TEST(Sigv4VerifierTest, ClockSkewBeyondFiveMinutesIsRequestExpired) {
  ReceivedRequest r = SignedIamPost();
  EXPECT_TRUE(Verify(r, Lookup, Now() + minutes(4)).ok());
  EXPECT_TRUE(Verify(r, Lookup, Now() - minutes(4)).ok());
  for (auto now : {Now() + minutes(6), Now() - minutes(6)}) {
    auto v = Verify(r, Lookup, now);
    EXPECT_EQ(CodeOf(v), "RequestExpired");
    EXPECT_EQ(HttpStatusOf(v), 400);
  }
  auto late = Verify(r, Lookup, Now() + minutes(6));
  EXPECT_EQ(late.status().aws()->message,
            "Signature expired: 20240115T093000Z is now earlier than 20240115T093100Z "
            "(20240115T093600Z - 5 min.)");
  EXPECT_TRUE(Verify(r, Lookup, Now() + minutes(6), minutes(10)).ok());
}

TEST(Sigv4VerifierTest, NoSignatureIsMissingAuthenticationToken) {
  ReceivedRequest r = ToReceived(IamPost());
  auto v = Verify(r, Lookup, Now());
  EXPECT_EQ(CodeOf(v), "MissingAuthenticationToken");
  EXPECT_EQ(HttpStatusOf(v), 403);
}

TEST(Sigv4VerifierTest, MalformedAuthorizationIsIncompleteSignature) {
  const std::string scope = std::string(kKeyId) + "/20240115/us-east-1/iam/aws4_request";
  const std::string sig = std::string(64, 'a');
  const std::vector<std::string> bad = {
      "",
      "AWS4-HMAC-SHA256",
      "AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-date, Signature=" + sig,
      "AWS4-HMAC-SHA256 Credential=" + scope + ", SignedHeaders=host;x-amz-date",
      "AWS4-HMAC-SHA256 Credential=" + scope + ", Signature=" + sig,
      "AWS4-HMAC-SHA1 Credential=" + scope + ", SignedHeaders=host;x-amz-date, Signature=" + sig,
      "AWS4-HMAC-SHA256 Credential=" + std::string(kKeyId) +
          "/20240115/us-east-1/iam, SignedHeaders=host;x-amz-date, Signature=" + sig,
      "AWS4-HMAC-SHA256 Credential=" + std::string(kKeyId) +
          "/20240115/us-east-1/iam/aws5_request, SignedHeaders=host;x-amz-date, Signature=" + sig,
      "AWS4-HMAC-SHA256 Credential=" + std::string(kKeyId) +
          "/2024011/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + sig,
      "AWS4-HMAC-SHA256 Credential=/20240115/us-east-1/iam/aws4_request, "
      "SignedHeaders=host;x-amz-date, Signature=" +
          sig,
      "AWS4-HMAC-SHA256 Credential=" + scope + ", SignedHeaders=x-amz-date, Signature=" + sig,
      "AWS4-HMAC-SHA256 Credential=" + scope + ", SignedHeaders=Host;x-amz-date, Signature=" + sig,
      "AWS4-HMAC-SHA256 Credential=" + scope + ", SignedHeaders=host;;x-amz-date, Signature=" + sig,
      "AWS4-HMAC-SHA256 Credential=" + scope + ", SignedHeaders=host, Signature=" + sig +
          std::string(kMaxAuthorizationLength, ' '),
  };
  for (const auto& auth : bad) {
    ReceivedRequest r = SignedIamPost();
    SetHeader(r, "Authorization", auth);
    auto v = Verify(r, Lookup, Now());
    EXPECT_EQ(CodeOf(v), "IncompleteSignature") << auth.substr(0, 200);
    EXPECT_EQ(HttpStatusOf(v), 400) << auth.substr(0, 200);
  }
}

TEST(Sigv4VerifierTest, MissingOrBadDateIsIncompleteSignature) {
  ReceivedRequest no_date = SignedIamPost();
  std::erase_if(no_date.headers, [](const HttpHeader& h) { return h.name == "X-Amz-Date"; });
  EXPECT_EQ(CodeOf(Verify(no_date, Lookup, Now())), "IncompleteSignature");
  ReceivedRequest bad_date = SignedIamPost();
  SetHeader(bad_date, "X-Amz-Date", "2024-01-15T09:30:00Z");
  EXPECT_EQ(CodeOf(Verify(bad_date, Lookup, Now())), "IncompleteSignature");
}

// Clients that send only an RFC 1123 Date header (no X-Amz-Date) are accepted, as by AWS.
TEST(Sigv4VerifierTest, DateHeaderIsAcceptedWithoutXAmzDate) {
  ReceivedRequest r{"POST",
                    "/",
                    {{"Host", "127.0.0.1:4566"}, {"Date", "Mon, 15 Jan 2024 09:30:00 GMT"}},
                    "Action=ListUsers&Version=2010-05-08"};
  SecretString secret(kSecret);
  SignatureSteps steps = ComputeSignature(r, {"date", "host"}, Sha256Hex(r.body), secret, kAmzDate,
                                          "us-east-1", "iam");
  r.headers.push_back(
      {"Authorization", "AWS4-HMAC-SHA256 Credential=" + std::string(kKeyId) + "/" +
                            steps.credential_scope +
                            ", SignedHeaders=date;host, Signature=" + steps.signature});
  auto v = Verify(r, Lookup, Now());
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->request_time, Now());
  SetHeader(r, "Date", "Mon, 15 Jan 2024 09:30:01 GMT");
  EXPECT_EQ(CodeOf(Verify(r, Lookup, Now())), "SignatureDoesNotMatch");
  SetHeader(r, "Date", "yesterday");
  EXPECT_EQ(CodeOf(Verify(r, Lookup, Now())), "IncompleteSignature");
}

TEST(Sigv4VerifierTest, ScopeDateMustMatchRequestDate) {
  ReceivedRequest r = SignedIamPost();
  SetHeader(r, "X-Amz-Date", "20240116T000000Z");
  auto v = Verify(r, Lookup, *text::ParseAmzDate("20240116T000000Z"));
  EXPECT_EQ(CodeOf(v), "SignatureDoesNotMatch");
}

ReceivedRequest PresignedGet(seconds expires, std::string_view token = {}) {
  HttpRequest r;
  r.method = "GET";
  r.url = "http://127.0.0.1:4566/?Action=GetUser&UserName=alice&Version=2010-05-08";
  auto url = PresignUrl(r, Creds(kSecret, token), "us-east-1", "iam", Now(), expires);
  EXPECT_TRUE(url.ok());
  r.url = *url;
  r.headers.push_back({"Host", "127.0.0.1:4566"});
  return ToReceived(r);
}

TEST(Sigv4VerifierTest, PresignedUrlVerifiesAndExpires) {
  ReceivedRequest r = PresignedGet(minutes(10), "TOK");
  auto v = Verify(r, Lookup, Now() + minutes(9));
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_TRUE(v->presigned);
  EXPECT_TRUE(v->payload_signed);  // PresignUrl signs the (empty) body's hash
  EXPECT_EQ(v->security_token, "TOK");
  auto expired = Verify(r, Lookup, Now() + minutes(11));
  EXPECT_EQ(CodeOf(expired), "RequestExpired");
  EXPECT_EQ(HttpStatusOf(expired), 400);
  EXPECT_EQ(CodeOf(Verify(r, Lookup, Now() - minutes(6))), "RequestExpired");
}

TEST(Sigv4VerifierTest, PresignedUrlTamperingAndMalformation) {
  ReceivedRequest r = PresignedGet(minutes(10));
  ReceivedRequest changed = r;
  changed.target.replace(changed.target.find("alice"), 5, "mallory");
  EXPECT_EQ(CodeOf(Verify(changed, Lookup, Now())), "SignatureDoesNotMatch");

  ReceivedRequest longer = r;
  longer.target.replace(longer.target.find("X-Amz-Expires=600"), 17, "X-Amz-Expires=6000");
  EXPECT_EQ(CodeOf(Verify(longer, Lookup, Now())), "SignatureDoesNotMatch");

  ReceivedRequest no_expiry = r;
  no_expiry.target.replace(no_expiry.target.find("X-Amz-Expires=600"), 17, "");
  EXPECT_EQ(CodeOf(Verify(no_expiry, Lookup, Now())), "IncompleteSignature");

  ReceivedRequest too_long = r;
  too_long.target.replace(too_long.target.find("X-Amz-Expires=600"), 17, "X-Amz-Expires=604801");
  EXPECT_EQ(CodeOf(Verify(too_long, Lookup, Now())), "IncompleteSignature");

  ReceivedRequest both = r;
  both.headers.push_back({"Authorization", "AWS4-HMAC-SHA256 Credential=x"});
  EXPECT_EQ(CodeOf(Verify(both, Lookup, Now())), "IncompleteSignature");
}

// What real AWS clients send verifies: botocore's header signing (with a session token, as the
// aws CLI sends for temporary credentials) and botocore's presigned URLs.
TEST(Sigv4VerifierTest, BotocoreSignedRequestsVerify) {
  auto header_signed = testing::SignWithBotocore(
      IamPost(), Creds(kSecret, "FQoGZXIvYXdzE/tok+en=="), "us-east-1", "iam", kAmzDate);
  ASSERT_TRUE(header_signed.ok()) << header_signed.status().ToString();
  header_signed->headers.push_back({"Host", "127.0.0.1:4566"});  // added by the HTTP client
  auto v = Verify(ToReceived(*header_signed), Lookup, Now());
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->security_token, "FQoGZXIvYXdzE/tok+en==");

  HttpRequest get;
  get.method = "GET";
  get.url = "http://127.0.0.1:4566/?Action=ListUsers&PathPrefix=%2Fdev%2F&Version=2010-05-08";
  auto presigned = testing::SignWithBotocore(get, Creds(kSecret, "TOKEN"), "us-east-1", "iam",
                                             kAmzDate, seconds(300));
  ASSERT_TRUE(presigned.ok()) << presigned.status().ToString();
  presigned->headers.push_back({"Host", "127.0.0.1:4566"});
  auto q = Verify(ToReceived(*presigned), Lookup, Now() + minutes(4));
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_TRUE(q->presigned);
  EXPECT_TRUE(q->payload_signed);  // botocore presigns non-S3 URLs with the empty body's hash
  EXPECT_EQ(CodeOf(Verify(ToReceived(*presigned), Lookup, Now() + minutes(6))), "RequestExpired");
  ReceivedRequest with_body = ToReceived(*presigned);
  with_body.body = "Action=CreateUser&UserName=mallory";
  EXPECT_EQ(CodeOf(Verify(with_body, Lookup, Now() + minutes(4))), "SignatureDoesNotMatch");
}

// A URL presigned with UNSIGNED-PAYLOAD (as S3-style presigners do) verifies whatever its body
// is; Verify says so, and the caller must not use that body.
TEST(Sigv4VerifierTest, UnsignedPayloadPresignIsReported) {
  ReceivedRequest r{"POST",
                    "/?Action=GetUser&UserName=alice&Version=2010-05-08",
                    {{"Host", "127.0.0.1:4566"}},
                    ""};
  ASSERT_TRUE(PresignRawRequest(r, Creds(), "us-east-1", "iam", Now(), minutes(10)).ok());
  SignatureSteps steps = ComputeSignature(r, {"host"}, kUnsignedPayload, SecretString(kSecret),
                                          kAmzDate, "us-east-1", "iam");
  const std::size_t at = r.target.find("X-Amz-Signature=") + 16;
  r.target.replace(at, steps.signature.size(), steps.signature);
  for (std::string body : {"", "Action=CreateUser&UserName=mallory"}) {
    r.body = body;
    auto v = Verify(r, Lookup, Now());
    ASSERT_TRUE(v.ok()) << v.status().ToString();
    EXPECT_TRUE(v->presigned);
    EXPECT_FALSE(v->payload_signed) << body;
  }
}

TEST(Sigv4VerifierTest, NoErrorMessageContainsTheSecret) {
  std::vector<Result<VerifiedSignature>> failures;
  HttpRequest wrong = IamPost();
  ASSERT_TRUE(
      SignRequest(wrong, Creds(std::string(kSecret) + "x"), "us-east-1", "iam", Now()).ok());
  failures.push_back(Verify(ToReceived(wrong), Lookup, Now()));
  ReceivedRequest tampered = SignedIamPost();
  tampered.body += "x";
  failures.push_back(Verify(tampered, Lookup, Now()));
  failures.push_back(Verify(SignedIamPost(), Lookup, Now() + minutes(30)));
  failures.push_back(Verify(PresignedGet(seconds(60)), Lookup, Now() + minutes(2)));
  ReceivedRequest bad = SignedIamPost();
  SetHeader(bad, "Authorization", "AWS4-HMAC-SHA256 Credential=a/b");
  failures.push_back(Verify(bad, Lookup, Now()));
  for (const auto& f : failures) {
    ASSERT_FALSE(f.ok());
    EXPECT_EQ(f.status().ToString().find(kSecret), std::string::npos) << f.status().ToString();
    EXPECT_EQ(f.status().aws()->message.find(kSecret), std::string::npos);
    EXPECT_EQ(f.status().ToString().find(text::PercentEncode(kSecret)), std::string::npos);
  }
}

}  // namespace
}  // namespace aic::sigv4
