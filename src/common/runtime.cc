#include "aws_iam_connector/runtime.h"

#include <algorithm>

namespace aic {

Runtime::Runtime(int threads)
    : context_(std::clamp(threads, 1, kMaxRuntimeThreads)), work_(context_.get_executor()) {
  const int n = std::clamp(threads, 1, kMaxRuntimeThreads);
  threads_.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) threads_.emplace_back([this] { context_.run(); });
}

Runtime::~Runtime() {
  work_.reset();
  context_.stop();
  for (auto& t : threads_) t.join();
}

Runtime& Runtime::Shared() {
  static Runtime* shared = new Runtime(kDefaultRuntimeThreads);  // never destroyed (see header)
  return *shared;
}

}  // namespace aic
