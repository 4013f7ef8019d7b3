#include "aws_iam_connector/http_transport.h"

#include <future>
#include <utility>

namespace aic {

Result<HttpResponse> HttpTransport::Send(const HttpRequest& request) {
  const Runtime* rt = runtime();
  if (rt != nullptr && rt->InRuntimeThread()) {
    return Status(ErrorCode::kInternal,
                  "HttpTransport::Send would block an event-loop thread; use AsyncSend");
  }
  std::promise<Result<HttpResponse>> answer;
  std::future<Result<HttpResponse>> result = answer.get_future();
  AsyncSend(request, [&answer](Result<HttpResponse> r) { answer.set_value(std::move(r)); });
  return result.get();
}

}  // namespace aic
