#include "aws_iam_connector/runtime.h"

#include <algorithm>

namespace aic {

Runtime::Runtime(int threads)
    : context_(std::clamp(threads, 1, kMaxRuntimeThreads)),
      transfer_context_(kTransferThreads),
      work_(context_.get_executor()),
      transfer_work_(transfer_context_.get_executor()) {
  const int workers = std::clamp(threads, 1, kMaxRuntimeThreads);
  threads_.reserve(static_cast<std::size_t>(workers + kTransferThreads));
  for (int i = 0; i < workers; ++i) threads_.emplace_back([this] { context_.run(); });
  for (int i = 0; i < kTransferThreads; ++i) {
    threads_.emplace_back([this] { transfer_context_.run(); });
  }
}

Runtime::~Runtime() {
  work_.reset();
  transfer_work_.reset();
  context_.stop();
  transfer_context_.stop();
  for (auto& t : threads_) t.join();
}

Runtime& Runtime::Shared() {
  static Runtime* shared = new Runtime(kDefaultRuntimeThreads);  // never destroyed (see header)
  return *shared;
}

}  // namespace aic
