// Runtime: the event loop the connector waits on. One io_context run by a fixed number of
// threads; every asynchronous operation of the library (HTTP calls to AWS, backoff timers)
// completes on it, so waiting for AWS holds no thread.
//
//   aic::Runtime runtime(2);               // starts 2 threads running the io_context
//   co_spawn(runtime.executor(), ..., detached);
//
// Runtime::Shared() is the process's runtime, started on first use with kDefaultRuntimeThreads
// threads and never destroyed (it outlives every object that may post work to it). Code that
// blocks (std::future::get, a synchronous wrapper of an asynchronous call) must not run on a
// runtime thread: InRuntimeThread() tells it so it can refuse instead of deadlocking.
//
// Thread safety: every member may be called from any thread. The destructor stops the loop and
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

class Runtime {
 public:
  // Starts `threads` threads (clamped to 1..kMaxRuntimeThreads).
  explicit Runtime(int threads = kDefaultRuntimeThreads);
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  boost::asio::io_context& context() { return context_; }
  boost::asio::any_io_executor executor() { return context_.get_executor(); }
  int threads() const { return static_cast<int>(threads_.size()); }
  // True on a thread that is running this runtime's loop.
  bool InRuntimeThread() const { return context_.get_executor().running_in_this_thread(); }

  static Runtime& Shared();

 private:
  mutable boost::asio::io_context context_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::vector<std::thread> threads_;
};

}  // namespace aic
