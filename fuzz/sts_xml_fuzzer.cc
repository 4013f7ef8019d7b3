// Fuzz target: an STS response body as the production StsClient reads it (AssumeRole and
// GetCallerIdentity through QueryStsClient over a transport that answers the input), and the
// AWS timestamp parser (text::ParseIso8601). An input starting with '<' is a 200 body (so plain
// XML files, e.g. ../shared/testdata/iam-responses, are an extra corpus); otherwise the first
// byte picks the HTTP status (200, 400, 403 or 500) of the body that follows.
#include <memory>
#include <string>

#include "aws_iam_connector/http_transport.h"
#include "aws_iam_connector/sts_client.h"
#include "common/text_codec.h"
#include "fuzz_util.h"

namespace {

class ReplayTransport : public aic::HttpTransport {
 public:
  aic::HttpResponse response;

 protected:
  void StartSend(aic::HttpRequest, aic::SendHandler done) override {
    std::move(done)(aic::Result<aic::HttpResponse>(response));  // Send() waits on a promise
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static constexpr int kStatuses[] = {200, 400, 403, 500};
  auto transport = std::make_shared<ReplayTransport>();
  const bool plain = data[0] == '<';
  transport->response.status = plain ? 200 : kStatuses[data[0] % 4];
  transport->response.body = std::string(aic::fuzz::AsText(data + !plain, size - !plain));
  static const auto base = aic::MakeStaticCredentialsProvider(
      {"AKIDEXAMPLE", aic::SecretString("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), {}, {}});
  aic::StsClientOptions options;
  options.endpoint = "http://127.0.0.1:1";
  options.retry.max_retries = 0;  // one answer per input; no backoff sleeps
  auto sts = aic::MakeStsClient(options, transport, base);
  aic::AssumeRoleRequest request;
  request.role_arn = "arn:aws:iam::123456789012:role/demo";
  request.role_session_name = "fuzz";
  (void)sts->AssumeRole(request);
  (void)sts->GetCallerIdentity();
  (void)aic::text::ParseIso8601(transport->response.body);
  return 0;
}
