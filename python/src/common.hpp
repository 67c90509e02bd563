// Private to the Python module: the wrapped game and the conversions every
// bind_<area>.cpp shares. Python adds no game logic; this is glue only.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include "entente/game/equilibrium.hpp"
#include "entente/game/game.hpp"
#include "entente/scalar.hpp"

namespace entente::python {

namespace py = pybind11;

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
/// "p/q" strings too when it came from an exact solve.
struct PyEquilibrium {
  std::vector<std::vector<double>> profile;
  std::vector<double> payoffs;
  double regret = 0.0;
  std::optional<std::vector<std::vector<std::string>>> exact;
  std::optional<std::vector<std::string>> exact_payoffs;
  std::optional<std::string> exact_regret;
};

PyEquilibrium to_python(const Equilibrium<double>& eq);
PyEquilibrium to_python(const Equilibrium<Rational>& eq);

/// A 1-d float64 numpy array holding a copy of `values`.
py::array_t<double> to_numpy(const std::vector<double>& values);

void bind_game(py::module_& m);
void bind_solvers(py::module_& m);
void bind_io(py::module_& m);
void bind_equilibria(py::module_& m);
void bind_coop(py::module_& m);
void bind_learning(py::module_& m);

}  // namespace entente::python
