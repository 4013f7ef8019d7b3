// The libcurl transport through a real authenticating proxy (tests/support/auth_proxy.py) and
// against a real TLS server (openssl s_server with a throwaway self-signed certificate).
#include <gtest/gtest.h>

#include "aws_iam_connector/http_transport.h"
#include "support/auth_proxy.h"
#include "support/stub_http_server.h"
#include "support/tls_test_server.h"

namespace aic {
namespace {

using aic::testing::AuthProxy;
using aic::testing::StubHttpServer;
using aic::testing::StubRequest;
using aic::testing::StubTextResponse;
using aic::testing::TlsTestServer;

constexpr char kProxyUser[] = "proxy-user";
constexpr char kProxyPassword[] = "Pr0xy-S3cret-Do-Not-Print";

HttpResponse Echo(const StubRequest& r) { return StubTextResponse(200, "echo:" + r.body); }

TransportOptions ProxyOptions(int port, std::string_view password) {
  TransportOptions o;
  o.proxy_host = "127.0.0.1";
  o.proxy_port = port;
  o.proxy_username = kProxyUser;
  o.proxy_password = SecretString(password);
  return o;
}

HttpRequest Post(const std::string& url, std::string body) {
  HttpRequest r;
  r.url = url;
  r.body = std::move(body);
  return r;
}

HttpRequest Get(const std::string& url) {
  HttpRequest r;
  r.method = "GET";
  r.url = url;
  return r;
}

class ProxyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto proxy = AuthProxy::Start(kProxyUser, kProxyPassword);
    ASSERT_TRUE(proxy.ok()) << proxy.status().ToString();
    proxy_ = std::move(proxy).value();
  }
  std::unique_ptr<AuthProxy> proxy_;
};

TEST_F(ProxyTest, RequestsPassThroughTheProxyWithAuthentication) {
  StubHttpServer stub(Echo);
  auto t = MakeCurlTransport(ProxyOptions(proxy_->port(), kProxyPassword));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  for (int i = 0; i < 3; ++i) {
    auto r = (*t)->Send(Post(stub.url() + "?n=" + std::to_string(i), "Action=ListUsers"));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, "echo:Action=ListUsers");
  }
  // The proxy counted what it forwarded ...
  EXPECT_EQ(proxy_->CountEvents("FORWARDED"), 3);
  EXPECT_EQ(proxy_->CountEvents("DENIED"), 0);
  EXPECT_EQ(proxy_->Events().front(), "FORWARDED POST " + stub.url() + "?n=0");
  // ... and the stub got the requests from the proxy, not directly.
  auto reqs = stub.requests();
  ASSERT_EQ(reqs.size(), 3u);
  for (const auto& req : reqs) {
    EXPECT_EQ(req.Header("Via"), aic::testing::kAuthProxyVia);
    EXPECT_TRUE(req.Header("Proxy-Authorization").empty());
    EXPECT_EQ(req.body, "Action=ListUsers");
  }
  EXPECT_EQ(reqs[2].target, "/?n=2");
}

TEST_F(ProxyTest, WrongProxyPasswordIsConnectionFailedWithoutThePassword) {
  StubHttpServer stub(Echo);
  const std::string wrong = "Wr0ng-Pr0xy-Passw0rd";
  auto t = MakeCurlTransport(ProxyOptions(proxy_->port(), wrong));
  ASSERT_TRUE(t.ok());
  auto r = (*t)->Send(Post(stub.url(), "Action=ListUsers"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kConnectionFailed) << r.status().ToString();
  EXPECT_NE(r.status().message().find("407"), std::string::npos) << r.status().ToString();
  EXPECT_EQ(r.status().ToString().find(wrong), std::string::npos);
  EXPECT_EQ(r.status().ToString().find(kProxyPassword), std::string::npos);
  EXPECT_EQ(stub.request_count(), 0);
  EXPECT_EQ(proxy_->CountEvents("DENIED"), 1);
  EXPECT_EQ(proxy_->CountEvents("FORWARDED"), 0);
}

TEST_F(ProxyTest, MissingProxyCredentialsAreRefused) {
  StubHttpServer stub(Echo);
  TransportOptions o;
  o.proxy_host = "127.0.0.1";
  o.proxy_port = proxy_->port();
  auto t = MakeCurlTransport(o);
  ASSERT_TRUE(t.ok());
  auto r = (*t)->Send(Post(stub.url(), "x"));
  EXPECT_EQ(r.status().code(), ErrorCode::kConnectionFailed) << r.status().ToString();
  EXPECT_EQ(stub.request_count(), 0);
}

TEST_F(ProxyTest, HttpsGoesThroughAConnectTunnel) {
  auto tls = TlsTestServer::Start();
  ASSERT_TRUE(tls.ok()) << tls.status().ToString();
  TransportOptions o = ProxyOptions(proxy_->port(), kProxyPassword);
  o.ca_file = (*tls)->cert_file();
  auto t = MakeCurlTransport(o);
  ASSERT_TRUE(t.ok());
  auto r = (*t)->Send(Get((*tls)->url()));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("s_server"), std::string::npos);
  EXPECT_EQ(proxy_->CountEvents("TUNNEL"), 1);
  EXPECT_EQ(proxy_->Events().front(), "TUNNEL 127.0.0.1:" + std::to_string((*tls)->port()));

  // The same through CONNECT with a wrong password.
  TransportOptions bad = ProxyOptions(proxy_->port(), "nope-" + std::string(kProxyPassword));
  bad.ca_file = (*tls)->cert_file();
  auto tb = MakeCurlTransport(bad);
  ASSERT_TRUE(tb.ok());
  auto rb = (*tb)->Send(Get((*tls)->url()));
  ASSERT_FALSE(rb.ok());
  EXPECT_EQ(rb.status().code(), ErrorCode::kConnectionFailed) << rb.status().ToString();
  EXPECT_EQ(rb.status().ToString().find(kProxyPassword), std::string::npos);
  EXPECT_EQ(proxy_->CountEvents("DENIED"), 1);
}

TEST(TlsTest, UntrustedCertificateFailsWhileVerificationIsOn) {
  auto tls = TlsTestServer::Start();
  ASSERT_TRUE(tls.ok()) << tls.status().ToString();
  auto t = MakeCurlTransport(TransportOptions{});
  ASSERT_TRUE(t.ok());
  auto r = (*t)->Send(Get((*tls)->url()));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kConnectionFailed) << r.status().ToString();
}

TEST(TlsTest, TrustedCaFileSucceeds) {
  auto tls = TlsTestServer::Start();
  ASSERT_TRUE(tls.ok()) << tls.status().ToString();
  TransportOptions o;
  o.ca_file = (*tls)->cert_file();
  auto t = MakeCurlTransport(o);
  ASSERT_TRUE(t.ok());
  auto r = (*t)->Send(Get((*tls)->url()));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
}

TEST(TlsTest, HostNameIsVerifiedToo) {
  // The certificate is valid for 127.0.0.1 only; "localhost" must be refused even though the
  // CA is trusted.
  auto tls = TlsTestServer::Start();
  ASSERT_TRUE(tls.ok()) << tls.status().ToString();
  TransportOptions o;
  o.ca_file = (*tls)->cert_file();
  auto t = MakeCurlTransport(o);
  ASSERT_TRUE(t.ok());
  auto r = (*t)->Send(Get("https://localhost:" + std::to_string((*tls)->port()) + "/"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kConnectionFailed) << r.status().ToString();
}

TEST(TlsTest, VerificationOffOnlyWhenAskedFor) {
  auto tls = TlsTestServer::Start();
  ASSERT_TRUE(tls.ok()) << tls.status().ToString();
  TransportOptions o;
  o.verify_tls = false;
  auto t = MakeCurlTransport(o);
  ASSERT_TRUE(t.ok());
  auto r = (*t)->Send(Get((*tls)->url()));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
}

}  // namespace
}  // namespace aic
