// The libcurl HttpTransport: requests are checked here and run by a CurlMulti (curl_multi.h)
// on a Runtime's event loop.
#include <memory>
#include <utility>

#include "aws_iam_connector/http_transport.h"
#include "transport/curl_easy.h"
#include "transport/curl_multi.h"

namespace aic {
namespace {

// Largest port number.
constexpr int kMaxPort = 65535;

class CurlTransport final : public HttpTransport {
 public:
  CurlTransport(std::shared_ptr<curl::CurlMulti> multi, Runtime* runtime)
      : multi_(std::move(multi)), runtime_(runtime) {}
  ~CurlTransport() override { multi_->Close(); }

 protected:
  void StartSend(HttpRequest request, SendHandler done) override {
    auto exchange = curl::PrepareExchange(std::move(request), multi_->options());
    if (!exchange.ok()) return multi_->Fail(std::move(done), exchange.status());
    multi_->Submit(std::move(exchange).value(), std::move(done));
  }
  const Runtime* runtime() const override { return runtime_; }

 private:
  std::shared_ptr<curl::CurlMulti> multi_;
  Runtime* runtime_;
};

}  // namespace

Result<std::unique_ptr<HttpTransport>> MakeCurlTransport(const TransportOptions& options,
                                                         Runtime* runtime) {
  if (options.max_connections < 1) {
    return Status(ErrorCode::kConfiguration, "maxConnections must be at least 1");
  }
  if (options.connection_timeout.count() < 0 || options.request_timeout.count() < 0) {
    return Status(ErrorCode::kConfiguration, "timeouts must not be negative");
  }
  if (options.proxy_port < 0 || options.proxy_port > kMaxPort) {
    return Status(ErrorCode::kConfiguration, "proxyPort must be in 0..65535");
  }
  if (options.proxy_host.empty() &&
      (!options.proxy_username.empty() || !options.proxy_password.empty())) {
    return Status(ErrorCode::kConfiguration, "proxyUsername/proxyPassword given without proxyHost");
  }
  if (options.proxy_host.find_first_of("/@ \r\n") != std::string::npos) {
    return Status(ErrorCode::kConfiguration, "proxyHost must be a host name or address");
  }
  if (options.max_response_bytes == 0) {
    return Status(ErrorCode::kConfiguration, "max_response_bytes must be positive");
  }
  Runtime& rt = runtime != nullptr ? *runtime : Runtime::Shared();
  AIC_ASSIGN_OR_RETURN(auto multi, curl::CurlMulti::Create(options, rt));
  return std::unique_ptr<HttpTransport>(new CurlTransport(std::move(multi), &rt));
}

}  // namespace aic
