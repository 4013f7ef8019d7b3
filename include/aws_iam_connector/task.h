// Task<T>: an asynchronous operation of the library, a C++20 coroutine on the Asio runtime
// (runtime.h). Every call that may wait on AWS returns one:
//
//   Task<Result<User>> t = iam.GetUser("alice");          // nothing has run yet
//   Result<User> u = co_await iam.GetUser("alice");       // in a coroutine: no thread waits
//   Result<User> u = Wait(iam.GetUser("alice"));          // elsewhere (CLI, tests, scripts)
//
// A Task is lazy: it starts when awaited (or handed to Wait / co_spawn) and runs to its end on
// the executor of whoever awaits it. Arguments taken by reference or string_view must outlive
// the Task; awaiting it in the same full expression that creates it is always safe.
//
// Wait(task) runs the task on a strand of Runtime::Shared() and blocks the calling thread until it
// ends. On a runtime thread it would deadlock the loop it waits for, so there it does not run the
// task and returns kInternal instead (Status and Result<T> tasks only).
//
// AIC_CO_RETURN_IF_ERROR / AIC_CO_ASSIGN_OR_RETURN are the coroutine forms of status.h's macros.
//
// Thread safety: a Task is one operation; await it once, from one coroutine.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_future.hpp>
#include <exception>
#include <optional>
#include <string>
#include <utility>

#include "aws_iam_connector/runtime.h"
#include "aws_iam_connector/status.h"

namespace aic {

template <class T>
using Task = boost::asio::awaitable<T>;

namespace task_internal {
template <class T>
struct IsStatusLike : std::false_type {};
template <>
struct IsStatusLike<Status> : std::true_type {};
template <class U>
struct IsStatusLike<Result<U>> : std::true_type {};
template <class T>
Task<std::optional<T>> Optional(Task<T> task) {
  co_return co_await std::move(task);
}
}  // namespace task_internal

// A task's value as a Result (for Wait on tasks that do not return a Status).
template <class T>
Task<Result<T>> AsResult(Task<T> task) {
  co_return co_await std::move(task);
}

// Runs `task` on `runtime` and blocks until it ends; see the header comment.
template <class T>
T Wait(Task<T> task, Runtime& runtime = Runtime::Shared()) {
  static_assert(task_internal::IsStatusLike<T>::value, "Wait: Task<Status> or Task<Result<T>>");
  if (runtime.InRuntimeThread()) {
    return Status(ErrorCode::kInternal, "Wait would block an event-loop thread; use co_await");
  }
  // On a strand: the task and the tasks it runs side by side (task_group.h) never overlap.
  // Through std::optional: co_spawn's result must be default-constructible, a Result is not.
  auto future =
      boost::asio::co_spawn(boost::asio::make_strand(runtime.executor()),
                            task_internal::Optional(std::move(task)), boost::asio::use_future);
  try {
    return std::move(*future.get());
  } catch (const std::exception& e) {
    return Status(ErrorCode::kInternal, std::string("task failed: ") + e.what());
  }
}

}  // namespace aic

#define AIC_CO_RETURN_IF_ERROR(expr)              \
  do {                                            \
    ::aic::Status aic_status_ = (expr);           \
    if (!aic_status_.ok()) co_return aic_status_; \
  } while (0)

// `AIC_CO_ASSIGN_OR_RETURN(auto x, co_await MakeX());` in a coroutine.
#define AIC_CO_ASSIGN_OR_RETURN(lhs, expr) \
  AIC_CO_ASSIGN_OR_RETURN_IMPL(AIC_STATUS_CONCAT(aic_result_, __LINE__), lhs, expr)
#define AIC_CO_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) co_return tmp.status();             \
  lhs = std::move(tmp).value()
