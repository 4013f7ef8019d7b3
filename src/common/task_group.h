// Running Tasks (task.h) side by side: WhenAll, Into and RunBounded.
//
//   std::optional<Result<User>> user;
//   std::vector<Task<void>> tasks;
//   tasks.push_back(Into(user, iam.GetUser(name)));
//   co_await WhenAll(std::move(tasks));      // every task has ended
//
// The tasks run on the awaiting coroutine's executor. When that executor is a strand (every
// coroutine of the library runs on one: Wait() and the servers start them there) the tasks
// interleave only at their co_awaits, so they may share the awaiting coroutine's locals without
// locks. Never build a task from a lambda that captures: the closure dies before the task runs;
// hand Into() a Task from a function instead.
//
// Errors: an exception thrown by a task is rethrown by WhenAll after every task has ended.
#pragma once

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstddef>
#include <exception>
#include <optional>
#include <utility>
#include <vector>

#include "aws_iam_connector/task.h"

namespace aic {

// Runs every task at once and waits for all of them.
inline Task<void> WhenAll(std::vector<Task<void>> tasks) {
  namespace net = boost::asio;
  if (tasks.empty()) co_return;
  auto executor = co_await net::this_coro::executor;
  using Op = decltype(net::co_spawn(executor, std::move(tasks.front()), net::deferred));
  std::vector<Op> ops;
  ops.reserve(tasks.size());
  for (auto& t : tasks) ops.push_back(net::co_spawn(executor, std::move(t), net::deferred));
  auto [order, exceptions] = co_await net::experimental::make_parallel_group(std::move(ops))
                                 .async_wait(net::experimental::wait_for_all(), net::use_awaitable);
  for (const std::exception_ptr& e : exceptions) {
    if (e) std::rethrow_exception(e);
  }
}

// A Task<void> that stores `task`'s value in `out`.
template <class T>
Task<void> Into(std::optional<T>& out, Task<T> task) {
  out.emplace(co_await std::move(task));
}

template <class Make>
Task<void> RunBoundedWorker(std::size_t& next, std::size_t count, Status& first, Make& make) {
  while (next < count && first.ok()) {
    const std::size_t i = next++;
    Status s = co_await make(i);
    if (!s.ok() && first.ok()) first = std::move(s);
  }
}

// Runs make(i) for i in [0, count) with at most `parallelism` of them in flight (each a
// Task<Status>); after the first error no new one starts, and that error is returned.
template <class Make>
Task<Status> RunBounded(int parallelism, std::size_t count, Make make) {
  std::size_t next = 0;
  Status first;
  std::vector<Task<void>> workers;
  const std::size_t n =
      std::min<std::size_t>(static_cast<std::size_t>(std::max(parallelism, 1)), count);
  for (std::size_t w = 0; w < n; ++w) workers.push_back(RunBoundedWorker(next, count, first, make));
  co_await WhenAll(std::move(workers));
  co_return first;
}

}  // namespace aic
