#include "emulator/emulator_front.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <map>
#include <string_view>
#include <utility>

#include "emulator/request_decoder.h"
#include "emulator/request_id.h"
#include "emulator/state/xml_writer.h"

namespace aic::emulator {
namespace {

namespace net = boost::asio;

using http_server::ServerRequest;
using http_server::ServerResponse;

constexpr std::string_view kServiceFailureMessage =
    "The request processing has failed because of an unknown error, exception or failure.";
// AWS's common-error text for InvalidParameterCombination (400), IAM API Reference, "Common
// Errors".
constexpr std::string_view kParameterCombinationMessage =
    "Parameters that must not be used together were used together.";
constexpr std::string_view kInvalidActionMessage =
    "The action or operation requested is invalid. Verify that the action is typed correctly.";

std::string_view NamespaceOf(std::string_view service) {
  return service == "sts" ? kStsNamespace : kIamNamespace;
}

ServerResponse Xml(int status, std::string body, const std::string& request_id) {
  ServerResponse r;
  r.status = status;
  r.headers = {{"x-amzn-RequestId", request_id}, {"Content-Type", "text/xml"}};
  r.body = std::move(body);
  return r;
}

ServerResponse AwsError(std::string_view service, int status, std::string_view code,
                        std::string_view message, const std::string& request_id) {
  return Xml(status,
             ErrorResponseXml(NamespaceOf(service), status >= 500 ? "Receiver" : "Sender", code,
                              message, request_id),
             request_id);
}

bool IsWellFormedAction(std::string_view action) {
  if (action.empty() || action.size() > kMaxActionNameBytes) return false;
  for (char c : action) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

// The <Code> of an AWS error body, for the log line (empty when there is none).
std::string_view ErrorCodeOf(std::string_view body) {
  auto start = body.find("<Code>");
  if (start == std::string_view::npos) return {};
  start += 6;
  auto end = body.find("</Code>", start);
  if (end == std::string_view::npos) return {};
  return body.substr(start, end - start);
}

}  // namespace

EmulatorFront::EmulatorFront(std::unique_ptr<Backend> backend, std::shared_ptr<EmulatorClock> clock,
                             FrontOptions options)
    : backend_(std::move(backend)),
      clock_(std::move(clock)),
      options_(std::move(options)),
      authenticator_(*backend_, *clock_, options_.mode, options_.account_id),
      admin_(
          counters_, faults_, *clock_, [this] { return ResetState(); },
          [this](std::string_view user, const SecretString& password) {
            return backend_->ConsoleSignIn(user, password);
          }) {
  faults_.Set(options_.initial_faults);
}

Status EmulatorFront::ResetState() {
  AIC_RETURN_IF_ERROR(backend_->Reset());
  counters_.Reset();
  faults_.Set(options_.initial_faults);
  clock_->SetOffset(std::chrono::seconds(0));
  return Status::Ok();
}

net::awaitable<ServerResponse> EmulatorFront::Handle(ServerRequest request) {
  const auto start = std::chrono::steady_clock::now();
  if (IsAdminPath(request.Path())) {
    ServerResponse r = options_.admin
                           ? admin_.Handle(request)
                           : ServerResponse{404, {{"Content-Type", "text/plain"}}, "not found\n"};
    spdlog::info("emulator admin method={} path={} status={}", request.method, request.Path(),
                 r.status);
    co_return r;
  }
  std::string action;
  std::string error_code;
  auto prepared = Prepare(request, error_code);
  ServerResponse r;
  if (auto* call = std::get_if<ActionRequest>(&prepared)) {
    action = call->action;
    if (const auto latency = faults_.latency(); latency.count() > 0) {
      net::steady_timer timer(co_await net::this_coro::executor, latency);
      co_await timer.async_wait(net::use_awaitable);
    }
    r = Perform(std::move(*call), error_code);
  } else {
    r = std::move(std::get<ServerResponse>(prepared));
  }
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - start)
                          .count();
  if (r.status < 400) {
    spdlog::debug("emulator request method={} action={} status={} duration_us={}", request.method,
                  action, r.status, micros);
  } else {
    if (error_code.empty()) error_code = std::string(ErrorCodeOf(r.body));
    spdlog::info("emulator request method={} action={} status={} code={} duration_us={}",
                 request.method, action, r.status, error_code, micros);
  }
  co_return r;
}

std::variant<ServerResponse, ActionRequest> EmulatorFront::Prepare(const ServerRequest& request,
                                                                   std::string& error_code) {
  std::string request_id = NewRequestId();
  auto auth = authenticator_.Authenticate(request);
  if (!auth.ok()) {
    const auto& aws = auth.status().aws();
    std::string service = SignedServiceOf(request);
    if (!aws) return AwsError(service, 500, "InternalFailure", kServiceFailureMessage, request_id);
    error_code = aws->code;
    return AwsError(service, aws->http_status, aws->code, aws->message, request_id);
  }
  const std::string& service = auth->service;

  if (request.method != "GET" && request.method != "POST") {
    ServerResponse r = AwsError(service, 405, "MethodNotAllowed",
                                "The HTTP method is not supported; use GET or POST.", request_id);
    r.headers.push_back({"Allow", "GET, POST"});
    return r;
  }
  if (!auth->body_signed && !request.body.empty()) {
    // The signature does not cover this body, so nothing in it may count: not even a
    // parameter that is not in the (signed) query string.
    return AwsError(service, 400, "InvalidParameterCombination", kParameterCombinationMessage,
                    request_id);
  }
  std::map<std::string, std::string> params;
  Status decoded = DecodeQueryParams(request.Query(), params);
  if (decoded.ok() && request.method == "POST" && !request.body.empty()) {
    if (!IsFormUrlEncoded(request.Header("Content-Type"))) {
      decoded =
          Status(ErrorCode::kInvalidInput, "the body must be application/x-www-form-urlencoded");
    } else {
      decoded = DecodeQueryParams(request.body, params);
    }
  }
  if (decoded.code() == ErrorCode::kConflict) {
    return AwsError(service, 400, "InvalidParameterCombination", kParameterCombinationMessage,
                    request_id);
  }
  if (!decoded.ok()) {
    return AwsError(service, 400, "MalformedQueryString",
                    "The query string is malformed: " + decoded.message(), request_id);
  }

  auto it = params.find("Action");
  if (it == params.end() || it->second.empty()) {
    return AwsError(service, 400, "MissingAction", "Missing Action", request_id);
  }
  if (!IsWellFormedAction(it->second)) {
    return AwsError(service, 400, "InvalidAction", kInvalidActionMessage, request_id);
  }
  counters_.Increment(it->second);

  ActionRequest call;
  call.service = service;
  call.action = it->second;
  call.params = std::move(params);
  call.caller = std::move(auth->caller);
  call.region = SignedRegionOf(request);
  call.request_id = std::move(request_id);
  // remote_address is "ADDRESS:PORT" (IPv6 without brackets): the address is before the last ':'.
  const std::string& remote = request.remote_address;
  call.source_ip = remote.substr(0, std::min(remote.size(), remote.rfind(':')));
  return call;
}

ServerResponse EmulatorFront::Perform(ActionRequest call, std::string& error_code) {
  const std::string& service = call.service;
  const std::string& request_id = call.request_id;
  switch (faults_.Draw()) {
    case Fault::kThrottle:
      return AwsError(service, 400, "Throttling", "Rate exceeded", request_id);
    case Fault::kError:
      return AwsError(service, 500, "ServiceFailure", kServiceFailureMessage, request_id);
    case Fault::kNone:
      break;
  }
  if (faults_.TakeFailedRequest(call.action)) {
    return AwsError(service, 500, "ServiceFailure", kServiceFailureMessage, request_id);
  }
  ActionResponse response = backend_->Handle(call);
  if (response.http_status >= 200 && response.http_status < 300 &&
      faults_.TakeLostAnswer(call.action)) {
    // The backend has applied (committed) the request; its answer is lost.
    error_code = "InternalFailure (lost answer)";
    return AwsError(service, 500, "InternalFailure", kServiceFailureMessage, request_id);
  }
  return Xml(response.http_status, std::move(response.body), request_id);
}

}  // namespace aic::emulator
