// Private to the Python module: the wrapped game and the conversions every
// bind_<area>.cpp shares. Python adds no game logic; this is glue only.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <thread>
#include <type_traits>
#include <utility>
#include <optional>
#include <string>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include "entente/cancel.hpp"
#include "entente/game/equilibrium.hpp"
#include "entente/game/game.hpp"
#include "entente/scalar.hpp"
#include "entente/solvers/correlated.hpp"

namespace entente::python {

namespace py = pybind11;

/// Every exact number handed to Python goes through here: a Rational as a
/// fractions.Fraction (the class is looked up once). Containers of Rational
/// convert through the type caster below, which calls this.
py::object to_fraction(const Rational& q);

/// A fractions.Fraction or an int (anything with integer numerator and
/// denominator) as a Rational; nullopt for anything else.
std::optional<Rational> from_fraction(py::handle obj);

/// Text for Python: labels are kept as UTF-8, but a string that is not
/// valid UTF-8 is decoded as Latin-1 (io/text.hpp), so reading a label
/// never raises UnicodeDecodeError.
py::str to_text(const std::string& text);
std::vector<py::str> to_text(const std::vector<std::string>& texts);

/// A Python str as UTF-8; ValueError naming `what` when it cannot be
/// encoded (lone surrogates such as os.fsdecode leaves for bad bytes).
std::string utf8_of(py::handle str, const std::string& what);

/// entente::to_double (correctly rounded), but throws InvalidArgument when
/// the value does not fit in a double.
double nearest_double(const Rational& q);

/// A payoff tensor read from Python: its shape and exact entries (C order).
struct Tensor {
  std::vector<std::size_t> shape;
  std::vector<Rational> values;
};

/// Reads a numpy array, nested list or scalar container of numbers (float,
/// int, fractions.Fraction, decimal.Decimal, "p/q" strings). `what` names the
/// argument in messages. `ndim` >= 0 demands that many dimensions. Does not
/// read the entries until the size has been checked (checked_profile_count).
Tensor read_tensor(py::handle obj, const std::string& what, long ndim);

/// The exact game and its floating twin (entries are nearest_double of the
/// exact ones), so that both solvers can run without converting per call.
struct PyGame {
  Game<Rational> exact;
  Game<double> floating;

  explicit PyGame(Game<Rational> game);
};

Game<double> to_floating(const Game<Rational>& game);

/// An equilibrium as Python sees it: floating values always, the exact
/// values too (Fractions in Python) when it came from an exact solve.
struct PyEquilibrium {
  std::vector<std::vector<double>> profile;
  std::vector<double> payoffs;
  double regret = 0.0;
  std::optional<std::vector<std::vector<Rational>>> exact;
  std::optional<std::vector<Rational>> exact_payoffs;
  std::optional<Rational> exact_regret;
};

PyEquilibrium to_python(const Equilibrium<double>& eq);
PyEquilibrium to_python(const Equilibrium<Rational>& eq);

/// A (coarse) correlated equilibrium as Python sees it.
struct PyCorrelated {
  std::vector<std::size_t> shape;
  bool coarse = false;
  std::vector<std::vector<std::size_t>> profiles;
  std::vector<double> probabilities;
  std::optional<std::vector<Rational>> exact_probabilities;
  std::vector<double> payoffs;
  std::optional<std::vector<Rational>> exact_payoffs;
  double objective = 0, regret = 0;
  std::optional<Rational> exact_objective, exact_regret;
};

/// SolverError unless the LP ended optimal.
template <class Scalar>
PyCorrelated to_python(const Game<Scalar>& game, const CorrelatedResult<Scalar>& result);

/// Python's time_limit (seconds, or None for none) as time_limit_seconds.
inline double time_limit_of(const std::optional<double>& seconds) { return seconds ? *seconds : kNoTimeLimit; }

/// A 1-d float64 numpy array holding a copy of `values`.
py::array_t<double> to_numpy(const std::vector<double>& values);

/// A result value for Python: exact ones as fractions.Fraction (a list of
/// them for a vector), floating ones as float (a 1-d numpy array for a
/// vector); an empty optional is None.
inline py::object to_python_value(const Rational& q) { return to_fraction(q); }
inline py::object to_python_value(double x) { return py::float_(x); }
py::object to_python_value(const std::vector<Rational>& values);
inline py::object to_python_value(const std::vector<double>& values) { return to_numpy(values); }
/// Anything else (indices, lists of them) as pybind11 casts it.
template <class T>
py::object to_python_value(const T& value) {
  return py::cast(value);
}
template <class T>
py::object to_python_value(const std::optional<T>& value) {
  return value ? to_python_value(*value) : py::none();
}

/// `q` as the scalar a solver runs on (nearest_double for double).
template <class Scalar>
Scalar scalar_of(const Rational& q) {
  if constexpr (is_exact_v<Scalar>) return q;
  else return nearest_double(q);
}

/// The exact or the floating member of a twin (PyGame, PyCoalitionalGame).
template <class Scalar, class Twin>
const auto& member_of(const Twin& twin) {
  if constexpr (is_exact_v<Scalar>) return twin.exact;
  else return twin.floating;
}

/// Runs `job` on one of the module's worker threads and returns at once;
/// `finished` is set once the job has run and its worker is idle again
/// (shared: the worker still holds it while setting it). Call with the GIL.
/// Workers live as long as the process: a fresh thread per call cost more
/// than a small solve (glibc gives the new thread an arena whose memory is
/// trimmed and faulted in again on every call: 4 ms of a 4.7 ms
/// correlated-equilibrium call on a 7x7x7 game). An idle worker is reused,
/// a new one started only when all are busy (Python threads calling at
/// once), so calls from several threads still run in parallel.
void run_on_worker(std::function<void()> job, std::shared_ptr<std::promise<void>> finished);

/// Runs `call` (pure C++: it must not touch Python objects) on a worker
/// thread (run_on_worker) with the GIL released, so that the calling
/// thread stays free to notice Ctrl-C: every 50 ms it takes the GIL and
/// runs PyErr_CheckSignals. When a signal handler raises
/// (KeyboardInterrupt), it sets the cancel flag that the solver loops poll
/// (entente/cancel.hpp), waits for the worker to unwind and re-raises the
/// Python exception, so the interpreter stays usable. Exceptions of `call`
/// reach the caller unchanged. Use it for every call that may run long; a
/// single LP inside GLPK is not interrupted, the loops around LPs are.
template <class F>
std::invoke_result_t<F&> interruptible(F&& call) {
  using Result = std::invoke_result_t<F&>;
  std::atomic<bool> cancel{false};
  using Slot = std::conditional_t<std::is_void_v<Result>, bool, std::optional<Result>>;
  Slot result{};
  std::exception_ptr error;
  auto finished = std::make_shared<std::promise<void>>();
  std::future<void> done = finished->get_future();
  bool interrupted = false;
  run_on_worker(
      [&call, &cancel, &result, &error] {
        try {
          CancelScope scope(cancel);
          if constexpr (std::is_void_v<Result>) {
            call();
            result = true;
          } else {
            result.emplace(call());
          }
        } catch (...) {
          error = std::current_exception();
        }
      },
      finished);
  {
    py::gil_scoped_release release;
    while (done.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) {
      if (interrupted) continue;
      py::gil_scoped_acquire acquire;
      if (PyErr_CheckSignals() != 0) {  // the handler raised; the error stays set
        interrupted = true;
        cancel.store(true, std::memory_order_relaxed);
      }
    }
  }
  if (interrupted) throw py::error_already_set();
  if (error) std::rethrow_exception(error);
  if constexpr (!std::is_void_v<Result>) return std::move(*result);
}

/// The one place Python's `exact` flag picks the scalar: `f(Scalar{})`
/// with Scalar = Rational or double. `f` must return the same type for both.
template <class F>
decltype(auto) with_scalar(bool exact, F&& f) {
  if (exact) return f(Rational(0));
  return f(0.0);
}

/// with_scalar for a twin: f(twin.exact) or f(twin.floating).
template <class Twin, class F>
decltype(auto) with_twin(const Twin& twin, bool exact, F&& f) {
  return with_scalar(exact, [&](auto zero) -> decltype(auto) { return f(member_of<decltype(zero)>(twin)); });
}

/// The common case: `compute` (pure C++) runs on the exact or the floating
/// member of `twin` with the GIL released (interruptible), and its result
/// goes to Python through to_python_value.
template <class Twin, class F>
py::object computed(const Twin& twin, bool exact, F&& compute) {
  return with_twin(twin, exact, [&](const auto& game) {
    return to_python_value(interruptible([&] { return compute(game); }));
  });
}

void bind_game(py::module_& m);
void bind_solvers(py::module_& m);
void bind_io(py::module_& m);
void bind_extensive(py::module_& m);
void bind_equilibria(py::module_& m);
void bind_coop(py::module_& m);
void bind_coalition_structure(py::module_& m);
void bind_learning(py::module_& m);
void bind_mixed_nplayer(py::module_& m);
void bind_alliance(py::module_& m);
void bind_scenario(py::module_& m);
void bind_compact(py::module_& m);
void bind_profile(py::module_& m);
void bind_sweep_result(py::module_& m);

}  // namespace entente::python

namespace pybind11::detail {

/// Rational <-> fractions.Fraction, so that std::vector<Rational>,
/// std::optional<Rational> and the like convert without per-site code.
/// Loading accepts Fraction and int only (strict: no floats, no strings).
template <>
struct type_caster<entente::Rational> {
  PYBIND11_TYPE_CASTER(entente::Rational, const_name("fractions.Fraction"));

  bool load(handle src, bool /*convert*/) {
    auto q = entente::python::from_fraction(src);
    if (!q) return false;
    value = std::move(*q);
    return true;
  }

  static handle cast(const entente::Rational& q, return_value_policy, handle) {
    return entente::python::to_fraction(q).release();
  }
};

}  // namespace pybind11::detail
