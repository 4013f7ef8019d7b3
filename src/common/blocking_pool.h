// BlockingPool: where work that blocks a thread runs (Lua scripts, Argon2 password checks,
// SQLite commits, file rewrites, an AssumeRole refresh), so the runtime's event-loop threads
// (runtime.h) never block.
//
//   Result<Output> out = co_await BlockingPool::Shared().Run([&] { return RunScript(...); });
//
// Run(fn) hands fn to one of `threads` pool threads and resumes the awaiting coroutine on its
// own executor with fn's result. At most `threads + max_queued` calls are accepted at once; one
// more is refused at once with kRetryable "server busy" (the REST API answers 503 with
// Retry-After) instead of waiting in an unbounded queue. fn must return Status or Result<T>.
// A coroutine that awaits Run keeps fn's references alive (it is suspended meanwhile).
//
// Limits (named, documented in docs/async-core.md): kDefaultBlockingThreads,
// kDefaultBlockingQueue.
// Thread safety: every member may be called from any thread.
#pragma once

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "aws_iam_connector/task.h"

namespace aic {

inline constexpr int kDefaultBlockingThreads = 4;
inline constexpr int kDefaultBlockingQueue = 64;

class BlockingPool {
 public:
  BlockingPool(int threads, int max_queued)
      : pool_(static_cast<std::size_t>(threads < 1 ? 1 : threads)),
        capacity_((threads < 1 ? 1 : threads) + (max_queued < 0 ? 0 : max_queued)) {}
  ~BlockingPool() { pool_.join(); }
  BlockingPool(const BlockingPool&) = delete;
  BlockingPool& operator=(const BlockingPool&) = delete;

  template <class Fn>
  auto Run(Fn fn) -> Task<std::invoke_result_t<Fn&>> {
    using R = std::invoke_result_t<Fn&>;
    if (in_use_.fetch_add(1) >= capacity_) {
      in_use_.fetch_sub(1);
      ++refused_;
      co_return Status(ErrorCode::kRetryable, "server busy: " + std::to_string(capacity_) +
                                                  " blocking tasks are running or queued");
    }
    Release release{in_use_};
    // Through std::optional: co_spawn's result must be default-constructible, a Result is not.
    std::optional<R> out = co_await boost::asio::co_spawn(
        pool_.get_executor(), [&fn]() -> Task<std::optional<R>> { co_return fn(); },
        boost::asio::use_awaitable);
    co_return std::move(*out);
  }

  int in_use() const { return in_use_.load(); }
  long refused() const { return refused_.load(); }
  int capacity() const { return capacity_; }

  // The process's pool (kDefaultBlockingThreads, kDefaultBlockingQueue), never destroyed.
  static BlockingPool& Shared() {
    static BlockingPool* shared = new BlockingPool(kDefaultBlockingThreads, kDefaultBlockingQueue);
    return *shared;
  }

 private:
  struct Release {
    std::atomic<int>& in_use;
    ~Release() { in_use.fetch_sub(1); }
  };
  boost::asio::thread_pool pool_;
  const int capacity_;
  std::atomic<int> in_use_{0};
  std::atomic<long> refused_{0};
};

}  // namespace aic
