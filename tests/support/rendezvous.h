// Rendezvous: a stub-server handler helper that holds each request until `n` requests are in
// the handler at once (or a generous deadline passes), then answers 200 "met" (503 "alone" when
// the deadline passed first). All n answered "met" proves n requests were in flight together,
// without measuring time.
//
// Thread safety: Meet() is called from the stub's connection threads.
#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>

#include "aws_iam_connector/http_types.h"
#include "support/stub_http_server.h"

namespace aic::testing {

class Rendezvous {
 public:
  explicit Rendezvous(int n, std::chrono::seconds deadline = std::chrono::seconds(20))
      : n_(n), deadline_(deadline) {}

  // Waits for the others; true when all n met.
  bool Wait() {
    std::unique_lock lock(mu_);
    ++present_;
    max_present_ = std::max(max_present_, present_);
    if (present_ >= n_) cv_.notify_all();
    bool met = cv_.wait_for(lock, deadline_, [&] { return max_present_ >= n_; });
    --present_;
    return met;
  }
  HttpResponse Meet() {
    return Wait() ? StubTextResponse(200, "met") : StubTextResponse(503, "alone");
  }
  int max_present() {
    std::lock_guard lock(mu_);
    return max_present_;
  }

 private:
  const int n_;
  const std::chrono::seconds deadline_;
  std::mutex mu_;
  std::condition_variable cv_;
  int present_ = 0;
  int max_present_ = 0;
};

}  // namespace aic::testing
