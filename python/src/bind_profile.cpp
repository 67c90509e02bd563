// entente.expected_payoffs, best_responses, regret and is_nash: the profile
// functions of game/profile.hpp (the certificate every equilibrium carries)
// for any profile a Python caller builds.
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <pybind11/stl.h>

#include "common.hpp"
#include "entente/game/equilibrium.hpp"
#include "entente/game/profile.hpp"

namespace entente::python {

using namespace pybind11::literals;

namespace {

/// Float mode accepts round-off this large in a probability and, times the
/// strategy count, in a sum (profile.hpp's check_profile allows the same).
constexpr double kFloatSlack = 1e-9;

std::string shown(const Rational& q, bool exact) { return exact ? to_string(q) : to_string(nearest_double(q)); }

/// One probability vector per player, read exactly (floats as the decimal
/// they print as) and checked: counts, no negative entry, sums to 1 (exactly
/// when `exact`, within kFloatSlack otherwise).
std::vector<std::vector<Rational>> read_profile(const Game<Rational>& game, const py::object& profile, bool exact) {
  if (py::isinstance<py::str>(profile) || py::isinstance<py::bytes>(profile) ||
      !py::isinstance<py::sequence>(profile))
    throw InvalidArgument("profile must be a list of one probability vector per player");
  py::sequence seq = py::reinterpret_borrow<py::sequence>(profile);
  const std::size_t n = game.num_players();
  if (seq.size() != n)
    throw InvalidArgument("profile has " + std::to_string(seq.size()) + " vectors, the game has " + std::to_string(n) +
                          (n == 1 ? " player" : " players") + " (one probability vector per player)");
  const Rational slack = exact ? Rational(0) : rational_from_double(kFloatSlack);
  std::vector<std::vector<Rational>> out;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string what = "profile[" + std::to_string(i) + "]";
    Tensor t = read_tensor(seq[i], what, 1);
    if (t.values.size() != game.num_strategies(i))
      throw InvalidArgument(what + " has " + std::to_string(t.values.size()) + " probabilities, player " +
                            std::to_string(i) + " has " + std::to_string(game.num_strategies(i)) + " strategies");
    Rational sum(0);
    for (std::size_t s = 0; s < t.values.size(); ++s) {
      if (t.values[s] < -slack)
        throw InvalidArgument(what + "[" + std::to_string(s) + "] is negative (" + shown(t.values[s], exact) +
                              "); probabilities must be >= 0");
      sum += t.values[s];
    }
    Rational gap = sum - 1;
    if (gap < 0) gap = -gap;
    if (gap > slack * Rational(static_cast<long>(t.values.size())))
      throw InvalidArgument(what + " sums to " + shown(sum, exact) + ", not 1" +
                            (exact ? " (exact=True needs exact probabilities: fractions.Fraction, ints or \"p/q\" "
                                     "strings; a float is read as the decimal it prints as)"
                                   : ""));
    out.push_back(std::move(t.values));
  }
  return out;
}

/// The profile read and checked by read_profile, in the scalar of the game
/// it is evaluated on.
template <class Scalar>
MixedProfile<Scalar> profile_as(const PyGame& g, const py::object& profile) {
  MixedProfile<Scalar> p;
  for (const auto& s : read_profile(g.exact, profile, is_exact_v<Scalar>)) {
    p.strategies.emplace_back();
    for (const auto& x : s) p.strategies.back().push_back(scalar_of<Scalar>(x));
  }
  return p;
}

/// `f(game, profile)` on the exact or the floating game with the GIL
/// released, its result converted by to_python_value.
template <class F>
py::object at_profile(const PyGame& g, const py::object& profile, bool exact, F&& f) {
  return with_scalar(exact, [&](auto zero) {
    using Scalar = decltype(zero);
    const MixedProfile<Scalar> p = profile_as<Scalar>(g, profile);
    const auto result = [&] {
      py::gil_scoped_release release;
      return f(member_of<Scalar>(g), p);
    }();
    return to_python_value(result);
  });
}

template <class Scalar>
std::vector<std::vector<std::size_t>> all_best_responses(const Game<Scalar>& game,
                                                         const MixedProfile<Scalar>& profile) {
  std::vector<std::vector<std::size_t>> out;
  for (std::size_t i = 0; i < game.num_players(); ++i) out.push_back(best_responses(game, profile, i));
  return out;
}

py::object expected_payoffs_py(const PyGame& g, const py::object& profile, bool exact) {
  return at_profile(g, profile, exact, [](const auto& game, const auto& p) { return expected_payoffs(game, p); });
}

py::object best_responses_py(const PyGame& g, const py::object& profile, bool exact) {
  return at_profile(g, profile, exact, [](const auto& game, const auto& p) { return all_best_responses(game, p); });
}

py::object regret_py(const PyGame& g, const py::object& profile, bool exact) {
  return at_profile(g, profile, exact, [](const auto& game, const auto& p) { return regret_unchecked(game, p); });
}

/// `tol` as a nonnegative number (exactly when `exact`).
Rational read_tolerance(const py::object& tol) {
  py::list wrapped;
  wrapped.append(tol);
  if (py::isinstance<py::list>(tol) || py::isinstance<py::tuple>(tol) || py::isinstance<py::array>(tol))
    throw InvalidArgument("tol must be a single number, got " + py::repr(tol).cast<std::string>());
  Rational t = read_tensor(wrapped, "tol", 1).values.at(0);
  if (t < 0) throw InvalidArgument("tol must be >= 0, got " + to_string(t));
  return t;
}

bool is_nash_py(const PyGame& g, const py::object& profile, const py::object& tol, bool exact) {
  return with_scalar(exact, [&](auto zero) {
    using Scalar = decltype(zero);
    const auto& game = member_of<Scalar>(g);
    const Scalar bound = tol.is_none() ? certificate_tolerance(game) : scalar_of<Scalar>(read_tolerance(tol));
    const MixedProfile<Scalar> p = profile_as<Scalar>(g, profile);
    py::gil_scoped_release release;
    return regret_unchecked(game, p) <= bound;
  });
}

constexpr const char* kProfileParameters = R"doc(
Parameters
----------
game : Game
    The game.
profile : sequence of array_like
    One probability vector per player (numpy arrays or lists; entries may
    be floats, ints, ``fractions.Fraction`` or ``"p/q"`` strings). Each
    must have one entry per strategy, none negative, summing to 1.
exact : bool, default False
    The one rule for exactness: ``exact=True`` computes in rationals and
    returns ``fractions.Fraction``; then every probability must be exact
    (a float is read as the decimal it prints as, so ``[0.5, 0.5]`` works
    but three floats ``1/3`` do not sum to 1). ``exact=False`` computes in
    float64, whatever the input type (Fractions included), and accepts
    round-off up to 1e-9 in the checks.
)doc";

std::string doc(const char* head, const char* tail) { return std::string(head) + kProfileParameters + tail; }

}  // namespace

void bind_profile(py::module_& m) {
  m.def("expected_payoffs", &expected_payoffs_py, "game"_a, "profile"_a, py::kw_only(), "exact"_a = false,
        doc(R"doc(Each player's expected payoff when everyone plays ``profile``.

``u_i(x) = sum over pure profiles s of u_i[s] * x_1[s_1] * ... * x_N[s_N]``.
The GIL is released while computing.
)doc",
            R"doc(
Returns
-------
numpy.ndarray or list of Fraction
    One payoff per player: float64 numbers, or Fractions when ``exact``.

Raises
------
ValueError
    For a profile of the wrong size, a negative probability or a vector
    that does not sum to 1.

Examples
--------
>>> import numpy as np
>>> A = np.array([[3, 0], [5, 1]])   # prisoner's dilemma
>>> g = en.Game(A, A.T)
>>> en.expected_payoffs(g, [[0.5, 0.5], [1, 0]])
array([4. , 1.5])
>>> from fractions import Fraction
>>> en.expected_payoffs(g, [[Fraction(1, 3), Fraction(2, 3)], [1, 0]], exact=True)
[Fraction(13, 3), Fraction(1, 1)]
)doc")
            .c_str());
  m.def("best_responses", &best_responses_py, "game"_a, "profile"_a, py::kw_only(), "exact"_a = false,
        doc(R"doc(Each player's pure best responses to the others' strategies in ``profile``.

A strategy is a best response when no other strategy pays more against
the other players' mixtures (ties within 1e-9 in float mode, exact ties
when ``exact``). The GIL is released while computing.
)doc",
            R"doc(
Returns
-------
list of list of int
    Per player, the indices of the best-response pure strategies
    (ascending).

Raises
------
ValueError
    For a profile of the wrong size, a negative probability or a vector
    that does not sum to 1.

Examples
--------
>>> A = [[1, -1], [-1, 1]]   # matching pennies
>>> g = en.Game([A, [[-1, 1], [1, -1]]])
>>> en.best_responses(g, [[1, 0], [0.5, 0.5]])
[[0, 1], [1]]
)doc")
            .c_str());
  m.def("regret", &regret_py, "game"_a, "profile"_a, py::kw_only(), "exact"_a = false,
        doc(R"doc(The largest gain any player gets by deviating alone from ``profile``.

``max_i (max_s u_i(s, x_-i) - u_i(x))``: 0 exactly at a Nash
equilibrium, and the certificate every equilibrium carries. The GIL is
released while computing.
)doc",
            R"doc(
Returns
-------
float or Fraction
    The regret (``Fraction`` when ``exact``).

Raises
------
ValueError
    For a profile of the wrong size, a negative probability or a vector
    that does not sum to 1.

Examples
--------
>>> import numpy as np
>>> A = np.array([[3, 0], [5, 1]])   # prisoner's dilemma: defecting pays 2 more
>>> en.regret(en.Game(A, A.T), [[1, 0], [1, 0]])
2.0
>>> en.regret(en.Game(A, A.T), [[0, 1], [0, 1]], exact=True)
Fraction(0, 1)
)doc")
            .c_str());
  m.def("is_nash", &is_nash_py, "game"_a, "profile"_a, "tol"_a = py::none(), py::kw_only(), "exact"_a = false,
        doc(R"doc(Whether ``profile`` is a Nash equilibrium: its regret is at most ``tol``.

``tol`` defaults to the library's certificate tolerance, the one every
solver's result is checked against: ``1e-7`` times the largest payoff
magnitude in float mode (so scaling the payoffs does not change the
answer), and exactly 0 when ``exact``. The GIL is released while
computing.
)doc",
            R"doc(tol : float, optional
    The largest regret that still counts (read exactly when ``exact``).

Returns
-------
bool

Raises
------
ValueError
    For a profile of the wrong size, a negative probability, a vector that
    does not sum to 1, or a negative ``tol``.

Examples
--------
>>> g = en.Game([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])   # matching pennies
>>> en.is_nash(g, [[0.5, 0.5], [0.5, 0.5]])
True
>>> en.is_nash(g, [[0.6, 0.4], [0.5, 0.5]])
False
>>> en.is_nash(g, [[0.6, 0.4], [0.5, 0.5]], tol=0.25)
True
)doc")
            .c_str());
}

}  // namespace entente::python
