#include "aws_iam_connector/runtime.h"

#include <algorithm>
#include <atomic>
#include <mutex>

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

namespace {
std::mutex shared_mu;
std::atomic<Runtime*> shared_runtime{nullptr};  // never destroyed (see header)
int shared_threads = kDefaultRuntimeThreads;    // guarded by shared_mu
}  // namespace

Runtime& Runtime::Shared() {
  if (Runtime* r = shared_runtime.load(std::memory_order_acquire)) return *r;
  std::lock_guard lock(shared_mu);
  if (Runtime* r = shared_runtime.load(std::memory_order_relaxed)) return *r;
  auto* r = new Runtime(shared_threads);
  shared_runtime.store(r, std::memory_order_release);
  return *r;
}

bool Runtime::ConfigureShared(int threads) {
  std::lock_guard lock(shared_mu);
  if (Runtime* r = shared_runtime.load(std::memory_order_relaxed)) {
    return r->threads() == std::clamp(threads, 1, kMaxRuntimeThreads);
  }
  shared_threads = threads;
  return true;
}

}  // namespace aic
