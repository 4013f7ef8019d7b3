// EmulatorFront: the emulator's HTTP request handler, between the HTTP server and the Backend.
//
// For each request:
// 1. Admin paths (/_emulator/..., /moto-api/reset) go to AdminApi when admin is on, else 404.
// 2. A fresh request id (UUID v4) is made; every answer below carries it in the XML and in the
//    x-amzn-RequestId header, with Content-Type text/xml.
// 3. SigV4 verification (RequestAuthenticator); refusals are AWS ErrorResponses with AWS's
//    status, in the namespace of the signed service (IAM when unknown).
// 4. GET and POST only (else 405). A body the signature does not cover (a presigned URL
//    signed with UNSIGNED-PAYLOAD, as botocore presigns) must be empty, else 400
//    InvalidParameterCombination: its parameters would be the caller's unsigned choice.
//    Parameters: the query string, then (POST) the form body (application/x-www-form-urlencoded
//    with any charset), decoded (request_decoder.h). A name given twice (in either or across
//    both) -> 400 InvalidParameterCombination; a malformed encoding, another body type or too
//    many parameters -> 400 MalformedQueryString.
// 5. Action: missing -> 400 MissingAction; not 1..kMaxActionNameBytes letters/digits ->
//    400 InvalidAction. From here the request "reached an action" and is counted.
// 6. Fault injection: the added latency is awaited on a timer of the request's executor (the
//    worker thread serves other requests meanwhile), then the fault is drawn (Throttling 400,
//    ServiceFailure 500) and a counted failed request answered 500; then Backend::Handle
//    (synchronous, on the worker thread); a lost answer (FaultInjector::TakeLostAnswer)
//    replaces a successful (2xx, so applied) backend answer with 500 InternalFailure.
// One log line per request (debug level for successes, info for errors): method, action,
// service, status, AWS error code, duration; never bodies, headers or secrets.
//
// Thread safety: Handle may be called from many threads at once. Its coroutine runs on the
// executor it is co_spawned on (HttpServer's connection strand); it references this front, which
// must outlive it (the HTTP server stops, destroying suspended coroutines, before the front goes).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <memory>
#include <string>
#include <variant>

#include "aws_iam_connector/emulator.h"
#include "emulator/admin_api.h"
#include "emulator/backend.h"
#include "emulator/call_counters.h"
#include "emulator/emulator_clock.h"
#include "emulator/fault_injector.h"
#include "emulator/request_authenticator.h"
#include "http_server/http_server.h"

namespace aic::emulator {

inline constexpr std::size_t kMaxActionNameBytes = 128;

struct FrontOptions {
  EmulatorOptions::SignatureMode mode = EmulatorOptions::SignatureMode::kStrict;
  bool admin = false;
  std::string account_id = "123456789012";
  FaultSettings initial_faults;  // also what ResetState() returns to
};

class EmulatorFront {
 public:
  EmulatorFront(std::unique_ptr<Backend> backend, std::shared_ptr<EmulatorClock> clock,
                FrontOptions options);

  boost::asio::awaitable<http_server::ServerResponse> Handle(http_server::ServerRequest request);

  CallCounters& counters() { return counters_; }
  FaultInjector& faults() { return faults_; }
  EmulatorClock& clock() { return *clock_; }
  // Backend::Reset, counters zero, faults back to the initial ones, clock offset zero.
  Status ResetState();

 private:
  // Steps 2-5: an early answer, or the counted call to make.
  std::variant<http_server::ServerResponse, ActionRequest> Prepare(
      const http_server::ServerRequest& request, std::string& error_code);
  // Step 6 after the latency: the fault draw, a counted failed request, the backend, a lost
  // answer.
  http_server::ServerResponse Perform(ActionRequest call, std::string& error_code);

  std::unique_ptr<Backend> backend_;
  std::shared_ptr<EmulatorClock> clock_;
  FrontOptions options_;
  CallCounters counters_;
  FaultInjector faults_;
  RequestAuthenticator authenticator_;
  AdminApi admin_;
};

}  // namespace aic::emulator
