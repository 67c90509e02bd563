// Cooperative cancellation: long loops poll a flag that another thread may
// set (Python's Ctrl-C handler, a GUI's Stop button) and stop by throwing
// entente::Interrupted, unwinding through RAII so nothing leaks.
//
// The flag is reached through a thread-local pointer installed by a
// CancelScope, so solver signatures need no extra argument and a thread
// without a scope pays one thread-local load per poll. A single GLPK call
// is not interrupted; the loops around LPs are.
#pragma once

#include <atomic>
#include <stdexcept>

namespace entente {

/// Thrown by check_cancelled() once the flag of the current CancelScope is
/// set. Not an InvalidArgument nor a SolverError: the input was fine.
struct Interrupted : std::runtime_error {
  Interrupted() : std::runtime_error("interrupted") {}
};

namespace detail {
inline std::atomic<bool>*& current_cancel_flag() {
  thread_local std::atomic<bool>* flag = nullptr;
  return flag;
}
}  // namespace detail

/// While alive, check_cancelled() on this thread watches `flag`. Scopes
/// nest; the innermost wins and the outer one is restored on exit.
class CancelScope {
 public:
  explicit CancelScope(std::atomic<bool>& flag) : previous_(detail::current_cancel_flag()) {
    detail::current_cancel_flag() = &flag;
  }
  ~CancelScope() { detail::current_cancel_flag() = previous_; }
  CancelScope(const CancelScope&) = delete;
  CancelScope& operator=(const CancelScope&) = delete;

 private:
  std::atomic<bool>* previous_;
};

/// Throws Interrupted when the current scope's flag is set. Cheap enough
/// for every pivot: a thread-local load and a relaxed atomic load.
inline void check_cancelled() {
  const std::atomic<bool>* flag = detail::current_cancel_flag();
  if (flag && flag->load(std::memory_order_relaxed)) throw Interrupted();
}

}  // namespace entente
