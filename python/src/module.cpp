// The private extension module entente._core; the package `entente`
// re-exports it. One bind_<area>.cpp per area.
#include "common.hpp"

#include <pthread.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#ifndef ENTENTE_VERSION
#define ENTENTE_VERSION "0.0.0"
#endif

namespace entente::python {
namespace {

// The worker threads of run_on_worker (common.hpp). Nothing here is ever
// destroyed: the threads are detached and block on their own condition
// variable when idle, so interpreter exit neither waits for them nor
// destroys anything they use. A forked child has none of the parent's
// threads, so it drops the parent's pool (without touching its locks,
// which another thread may have held at the fork) and starts its own.
struct Worker {
  std::mutex mutex;
  std::condition_variable wake;
  std::function<void()> job;
  std::shared_ptr<std::promise<void>> finished;
};

struct WorkerPool {
  std::mutex mutex;
  std::vector<Worker*> idle;
};

WorkerPool* pool = nullptr;
std::once_flag pool_once;

void forget_pool_after_fork() { pool = nullptr; }

WorkerPool& current_pool() {
  std::call_once(pool_once, [] { pthread_atfork(nullptr, nullptr, forget_pool_after_fork); });
  if (pool == nullptr) pool = new WorkerPool;  // callers hold the GIL: no race
  return *pool;
}

void work(Worker* worker, WorkerPool* owner) {
  for (;;) {
    std::function<void()> job;
    std::shared_ptr<std::promise<void>> finished;
    {
      std::unique_lock<std::mutex> lock(worker->mutex);
      worker->wake.wait(lock, [worker] { return worker->finished != nullptr; });
      job = std::move(worker->job);
      finished = std::move(worker->finished);
      worker->finished = nullptr;
    }
    job();  // catches everything itself (interruptible)
    job = nullptr;
    {
      // Idle again before the caller can return and ask for a worker.
      std::lock_guard<std::mutex> lock(owner->mutex);
      owner->idle.push_back(worker);
    }
    finished->set_value();
  }
}

}  // namespace

void run_on_worker(std::function<void()> job, std::shared_ptr<std::promise<void>> finished) {
  WorkerPool& owner = current_pool();
  Worker* worker = nullptr;
  {
    std::lock_guard<std::mutex> lock(owner.mutex);
    if (!owner.idle.empty()) {
      worker = owner.idle.back();
      owner.idle.pop_back();
    }
  }
  if (worker == nullptr) {
    worker = new Worker;
    std::thread(work, worker, &owner).detach();
  }
  {
    std::lock_guard<std::mutex> lock(worker->mutex);
    worker->job = std::move(job);
    worker->finished = std::move(finished);
  }
  worker->wake.notify_one();
}

}  // namespace entente::python

PYBIND11_MODULE(_core, m) {
  namespace py = pybind11;
  using namespace entente::python;
  m.doc() = "entente._core: the compiled part of the entente package (use `import entente`).";
  m.attr("__version__") = ENTENTE_VERSION;

  // InvalidArgument derives from std::invalid_argument, which pybind11
  // already turns into ValueError. ParseError gets its own ValueError
  // subclass; SolverError its own RuntimeError subclass.
  auto& solver_error = py::register_exception<entente::SolverError>(m, "SolverError", PyExc_RuntimeError);
  solver_error.attr("__doc__") =
      "An external solver failed (GLPK reported an error) or an exact check of its answer did not hold.\n\n"
      "Examples\n--------\n>>> issubclass(en.SolverError, RuntimeError)\nTrue\n";
  auto& parse_error = py::register_exception<entente::ParseError>(m, "ParseError", PyExc_ValueError);
  parse_error.attr("__doc__") =
      "A malformed .nfg file or text; the message names the source and line. A subclass of ValueError.\n\n"
      "Examples\n--------\n>>> issubclass(en.ParseError, ValueError)\nTrue\n";

  // A cancelled call re-raises the signal handler's exception (see
  // interruptible() in common.hpp); an Interrupted that escapes otherwise
  // still reads as KeyboardInterrupt, not as a RuntimeError.
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const entente::Interrupted& e) {
      PyErr_SetString(PyExc_KeyboardInterrupt, e.what());
    }
  });

  bind_game(m);
  bind_profile(m);
  bind_solvers(m);
  bind_io(m);
  bind_extensive(m);
  bind_equilibria(m);
  bind_coop(m);
  bind_coalition_structure(m);
  bind_learning(m);
  bind_mixed_nplayer(m);
  bind_alliance(m);
  bind_sweep_result(m);
  bind_compact(m);
  bind_scenario(m);
}
