// The thread pool every sweep runs on (solves per point, alliance analyses
// per point): points claimed in chunks in order, the error of the lowest
// point rethrown, progress reported from the calling thread, Ctrl-C and
// the caller's cancel flag polled between points.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "entente/cancel.hpp"

namespace entente::scenario::detail {

struct PoolOptions {
  std::size_t threads = 0;  ///< 0: every core
  /// Points claimed at once; 0 picks about 16 chunks per thread, 1 to 64 points each.
  std::size_t chunk = 0;
  std::function<void(std::size_t done, std::size_t total)> progress;
  const std::atomic<bool>* cancel = nullptr;
};

/// Runs points 0 .. total-1. `make_worker()` is called once on each thread
/// (its per-thread state: a compiler, a game buffer) and returns a callable
/// `work(k, first_of_chunk)` for point k. Results do not depend on the number
/// of threads when each point's work depends only on its chunk. Every point
/// before the first error (by point index) runs, and that error is rethrown,
/// the same for any number of threads. Returns the number of points done
/// (fewer than total when options.cancel stopped it; a cancel through the
/// caller's CancelScope throws Interrupted instead).
template <class MakeWorker>
std::size_t run_on_points(std::size_t total, const PoolOptions& options, MakeWorker make_worker) {
  if (total == 0) return 0;
  std::size_t threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = std::min(threads, total);
  // Neighbouring points go to one thread (one shared counter update per
  // chunk), in chunks small enough that the threads end together.
  const std::size_t chunk = options.chunk ? options.chunk : std::clamp<std::size_t>(total / (16 * threads), 1, 64);
  std::atomic<std::size_t> next{0}, done{0};
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::condition_variable finished;
  std::size_t running = threads;
  // The error at the lowest point index: chunks are claimed in order and a
  // worker finishes the points of its chunk below the error found so far.
  std::atomic<std::size_t> error_index{total};
  std::exception_ptr error;

  // The caller's cancel flag (cancel.hpp; Python's interruptible() sets
  // one), if any: the flag pointer is thread-local, so each worker installs
  // its own CancelScope on it; workers poll it between points and their
  // solvers inside their loops.
  std::atomic<bool>* caller_cancel = entente::detail::current_cancel_flag();
  auto thread_body = [&] {
    std::optional<CancelScope> scope;
    if (caller_cancel) scope.emplace(*caller_cancel);
    try {
      auto work = make_worker();
      auto cancelled_now = [&] {
        return (options.cancel && options.cancel->load(std::memory_order_relaxed)) ||
               (caller_cancel && caller_cancel->load(std::memory_order_relaxed));
      };
      while (!stop.load(std::memory_order_relaxed) && !cancelled_now()) {
        const std::size_t first = next.fetch_add(chunk);
        if (first >= total) break;
        const std::size_t end = std::min(total, first + chunk);
        std::size_t finished_points = 0;
        for (std::size_t k = first; k < end; ++k) {
          if (k > error_index.load(std::memory_order_relaxed) || cancelled_now()) break;
          try {
            work(k, k == first);
          } catch (...) {
            std::lock_guard lock(mutex);
            if (k < error_index) error_index = k, error = std::current_exception();
            stop = true;
          }
          ++finished_points;
        }
        done.fetch_add(finished_points, std::memory_order_relaxed);
      }
    } catch (...) {  // the worker's state could not be built
      std::lock_guard lock(mutex);
      if (!error) error = std::current_exception();
      stop = true;
    }
    std::lock_guard lock(mutex);
    --running;
    finished.notify_all();
  };

  std::vector<std::thread> pool;
  pool.reserve(threads);
  for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(thread_body);
  std::exception_ptr progress_error;
  {
    std::unique_lock lock(mutex);
    while (running > 0) {
      finished.wait_for(lock, std::chrono::milliseconds(50));
      if (running > 0 && options.progress && !progress_error) {
        lock.unlock();
        try {
          options.progress(done.load(), total);
        } catch (...) {
          progress_error = std::current_exception();
          stop = true;
        }
        lock.lock();
      }
    }
  }
  for (auto& t : pool) t.join();
  // Once at the end, however fast the workers were.
  if (options.progress && !progress_error) {
    try {
      options.progress(done.load(), total);
    } catch (...) {
      progress_error = std::current_exception();
    }
  }
  if (progress_error) std::rethrow_exception(progress_error);
  check_cancelled();  // the caller's flag: Interrupted, not a partial result
  if (error) std::rethrow_exception(error);
  return done.load();
}

}  // namespace entente::scenario::detail
