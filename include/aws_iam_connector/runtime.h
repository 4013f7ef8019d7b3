// Runtime: the event loops the connector waits on. Every asynchronous operation of the library
// (HTTP calls to AWS, backoff timers) completes on them, so waiting for AWS holds no thread.
//
//   aic::Runtime runtime(2);               // 2 worker threads and 1 transfer thread
//   co_spawn(runtime.executor(), ..., detached);
//
// Two io_contexts:
// - the workers (`threads` threads, executor()): coroutines run here: parsing, mapping, the
//   REST handlers;
// - the transfer loop (kTransferThreads, transfer_executor()): only socket and timer events of
//   outgoing HTTP transfers (libcurl's multi interface). A transfer's next read never waits
//   behind parsing or JSON work, so a connection slot is released as soon as its response is in.
//
// Runtime::Shared() is the process's runtime, started on first use with kDefaultRuntimeThreads
// workers (or the count given to ConfigureShared() before that) and never destroyed (it
// outlives every object that may post work to it). Code that
// blocks (std::future::get, a synchronous wrapper of an asynchronous call) must not run on a
// runtime thread: InRuntimeThread() tells it so it can refuse instead of deadlocking.
//
// Thread safety: every member may be called from any thread. The destructor stops the loops and
// joins the threads; pending handlers are destroyed without being run. Destroy objects that post
// work to a runtime before the runtime.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <memory>
#include <thread>
#include <vector>

namespace aic {

inline constexpr int kDefaultRuntimeThreads = 2;
inline constexpr int kMaxRuntimeThreads = 256;
// Threads of the transfer loop (one: curl's multi handle is used from one thread at a time).
inline constexpr int kTransferThreads = 1;

class Runtime {
 public:
  // Starts `threads` worker threads (clamped to 1..kMaxRuntimeThreads) and the transfer loop.
  explicit Runtime(int threads = kDefaultRuntimeThreads);
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  boost::asio::io_context& context() { return context_; }
  boost::asio::any_io_executor executor() { return context_.get_executor(); }
  // The transfer loop: socket and timer events of outgoing HTTP transfers only.
  boost::asio::any_io_executor transfer_executor() { return transfer_context_.get_executor(); }
  // Worker threads (the transfer thread not included).
  int threads() const { return static_cast<int>(threads_.size()) - kTransferThreads; }
  // True on a thread that is running one of this runtime's loops.
  bool InRuntimeThread() const {
    return context_.get_executor().running_in_this_thread() ||
           transfer_context_.get_executor().running_in_this_thread();
  }

  static Runtime& Shared();
  // Sets the worker count Shared() starts with. True when it will be used; false when the
  // shared runtime is already running (with shared_threads() workers).
  static bool ConfigureShared(int threads);

 private:
  mutable boost::asio::io_context context_;
  mutable boost::asio::io_context transfer_context_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> transfer_work_;
  std::vector<std::thread> threads_;  // the workers, then the transfer thread(s)
};

}  // namespace aic
