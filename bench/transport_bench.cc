// Throughput of the libcurl transport over loopback keep-alive connections to the stub server
// (a floor for per-call transport overhead; AWS latency dominates in production).
#include <benchmark/benchmark.h>

#include "aws_iam_connector/http_transport.h"
#include "support/stub_http_server.h"

namespace {

aic::testing::StubHttpServer& Stub() {
  static aic::testing::StubHttpServer stub([](const aic::testing::StubRequest&) {
    return aic::testing::StubXmlResponse(200, std::string(2048, 'x'));
  });
  return stub;
}

aic::HttpTransport& Transport() {
  static auto t = [] {
    aic::TransportOptions o;
    o.max_connections = 4;
    return std::move(aic::MakeCurlTransport(o)).value();
  }();
  return *t;
}

void BM_SendKeepAlive(benchmark::State& state) {
  aic::HttpRequest req;
  req.url = Stub().url();
  req.headers.push_back({"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"});
  req.body = "Action=ListUsers&Version=2010-05-08&MaxItems=100";
  for (auto _ : state) {
    auto r = Transport().Send(req);
    if (!r.ok() || r->status != 200) state.SkipWithError("send failed");
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SendKeepAlive)->Threads(1)->Threads(4)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
