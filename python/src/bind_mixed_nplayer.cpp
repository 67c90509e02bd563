// Mixed equilibria of N-player games: entente.simpdiv (simplicial
// subdivision, exact or floating) and entente.logit (the logit QRE branch),
// with their result types. The solvers are the C++ ones
// (solvers/simpdiv.hpp, solvers/logit.hpp); this file converts, releases the
// GIL while they run and adds no game logic.
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/stl.h>

#include "common.hpp"
#include "entente/solvers/continuation.hpp"
#include "entente/solvers/logit.hpp"
#include "entente/solvers/simpdiv.hpp"

namespace entente::python {

using namespace pybind11::literals;

namespace {

struct PySimpdiv {
  PyEquilibrium equilibrium;
  std::string status;
  std::size_t pivots = 0;
  std::size_t refinements = 0;
  std::int64_t grid = 0;
  bool polished = false;
};

struct PyLogit {
  std::vector<double> lambdas;
  std::vector<double> profiles;  // row-major, one row per branch point
  std::size_t columns = 0;
  PyEquilibrium equilibrium;
  std::string status;
  std::size_t steps = 0;
};

/// The start profile: one sequence of probabilities per player, read exactly.
template <class Scalar>
std::optional<MixedProfile<Scalar>> read_start(const Game<Scalar>& game, const py::object& start) {
  if (start.is_none()) return std::nullopt;
  const auto players = py::reinterpret_borrow<py::sequence>(start);
  if (players.size() != game.num_players())
    throw InvalidArgument("start has " + std::to_string(players.size()) + " players, the game has " +
                          std::to_string(game.num_players()));
  MixedProfile<Scalar> p;
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    const Tensor t = read_tensor(players[i], "start[" + std::to_string(i) + "]", 1);
    p.strategies.emplace_back();
    for (const auto& q : t.values) p.strategies.back().push_back(scalar_cast<Scalar>(q));
  }
  return p;
}

template <class Scalar>
PySimpdiv run_simpdiv(const Game<Scalar>& game, SimpdivOptions<Scalar> options, const py::object& start) {
  options.start = read_start(game, start);
  const SimpdivResult<Scalar> r = interruptible([&] { return simpdiv(game, options); });
  return PySimpdiv{to_python(r.equilibrium), to_string(r.status), r.pivots, r.refinements, r.grid, r.polished};
}

PySimpdiv simpdiv_py(const PyGame& game, double tolerance, bool exact, const py::object& start,
                     std::size_t initial_grid, std::size_t refinement, std::size_t max_refinements,
                     std::size_t max_pivots, std::optional<double> time_limit, bool polish) {
  auto fill = [&](auto& options) {
    options.tolerance = tolerance;
    options.initial_grid = initial_grid;
    options.refinement = refinement;
    options.max_refinements = max_refinements;
    options.max_pivots = max_pivots;
    options.time_limit_seconds = time_limit_of(time_limit);
    options.polish = polish;
  };
  return with_scalar(exact, [&](auto zero) {
    SimpdivOptions<decltype(zero)> options;
    fill(options);
    return run_simpdiv(member_of<decltype(zero)>(game), options, start);
  });
}

PyLogit logit_py(const PyGame& game, double tolerance, double max_lambda, std::size_t max_steps, double first_step,
                 double max_step, double min_step, std::optional<double> time_limit) {
  LogitOptions options;
  options.tolerance = tolerance;
  options.max_lambda = max_lambda;
  options.max_steps = max_steps;
  options.first_step = first_step;
  options.max_step = max_step;
  options.min_step = min_step;
  options.time_limit_seconds = time_limit_of(time_limit);
  const LogitResult r = interruptible([&] { return logit(game.floating, options); });
  PyLogit out;
  for (std::size_t n : game.floating.shape()) out.columns += n;
  for (const auto& point : r.branch) {
    out.lambdas.push_back(point.lambda);
    for (const auto& s : point.profile.strategies) out.profiles.insert(out.profiles.end(), s.begin(), s.end());
  }
  out.equilibrium = to_python(r.equilibrium);
  out.status = to_string(r.status);
  out.steps = r.steps;
  return out;
}

constexpr const char* kSimpdivDoc = R"doc(One approximate Nash equilibrium of an N-player game by simplicial subdivision.

The van der Laan-Talman-van der Heyden algorithm on the product of the
players' simplices (Math. Oper. Res. 12, 1987), as Gambit's
``gambit-simpdiv``: a path of completely labelled simplices on a grid,
restarted from the best point found on a grid ``refinement`` times finer
until the regret is at most ``tolerance``. Grid points are rational, so
``exact=True`` works in exact rationals throughout. The GIL is released.

Parameters
----------
game : Game
    Any number of players.
tolerance : float, optional
    Target regret (largest gain from deviating, in payoff units); > 0.
exact : bool, optional
    Run on the exact game; the equilibrium then carries ``fractions.Fraction`` values.
start : sequence of array_like, optional
    One probability vector per player (floats read as decimals,
    ``fractions.Fraction`` or ``"p/q"`` strings); each must sum to exactly
    1. Default: the centroid.
initial_grid : int, optional
    The first grid step is ``1 / (initial_grid * L)``, ``L`` the start's
    least common denominator; >= 1.
refinement : int, optional
    Each restart divides the grid step by this; >= 2.
max_refinements : int, optional
    Grids tried, the first included; >= 1.
max_pivots : int, optional
    Vertices labelled over all grids; >= 1.
time_limit : float, optional
    Seconds; no limit when None.
polish : bool, optional
    After each grid, try Newton's method on the best point's support (in
    double; exact mode reads the result back as exact decimals and
    certifies it exactly). Grids alone close in only linearly.

Returns
-------
SimpdivResult
    ``equilibrium`` (with its regret certificate), ``status``
    (``"converged"``, ``"pivot_limit"``, ``"refinement_limit"`` or
    ``"time_limit"``), ``pivots``, ``refinements``, ``grid`` (the
    denominator of the last grid) and ``polished`` (whether the equilibrium
    came from polishing, off the grid).

Raises
------
ValueError
    For a tolerance that is not positive, a grid below 1, a refinement
    below 2, zero limits or a start that is not a profile of the game.

Examples
--------
>>> import numpy as np
>>> A = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
>>> r = en.simpdiv(en.Game([A, -A]), exact=True)
>>> r.status, r.equilibrium.exact
('converged', [[Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)], [Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)]])
>>> g = en.Game(np.random.default_rng(0).integers(-9, 10, size=(3, 4, 4, 4)), layout="players_first")
>>> r = en.simpdiv(g, tolerance=1e-9)
>>> r.status, r.equilibrium.regret <= 1e-9
('converged', True)
)doc";

constexpr const char* kLogitDoc = R"doc(The logit quantal response equilibrium branch, traced to a Nash equilibrium.

Follows the principal branch of logit QREs (McKelvey & Palfrey 1995) from
``lambda = 0`` (everyone uniform) by predictor-corrector continuation in
log-probability coordinates (Turocy 2005, as Gambit's ``gambit-logit``),
then polishes its end by Newton's method on the support. Floating point
only. The GIL is released.

Parameters
----------
game : Game
    Any number of players.
tolerance : float, optional
    Target regret of the final equilibrium; > 0.
max_lambda : float, optional
    Stop following the branch at this lambda; > 0.
max_steps : int, optional
    Accepted steps; >= 1.
first_step, max_step, min_step : float, optional
    Arclength steps: the first, the largest, and the smallest before giving
    up (status ``"step_too_small"``); ``min_step <= first_step <= max_step``.
time_limit : float, optional
    Seconds; no limit when None.

Returns
-------
LogitResult
    ``lambdas`` (1-d array), ``profiles`` (2-d array, one row per branch
    point: every player's probabilities concatenated, player 0 first),
    ``equilibrium`` (with its regret certificate: what was achieved),
    ``status`` (``"converged"``, ``"lambda_limit"``, ``"step_limit"``,
    ``"time_limit"`` or ``"step_too_small"``) and ``steps``.

Raises
------
ValueError
    For options out of range.

Examples
--------
>>> g = en.Game([[[3, 0], [0, 1]], [[0, 2], [1, 0]]])
>>> r = en.logit(g)
>>> r.lambdas[0], r.profiles[0]
(0.0, array([0.5, 0.5, 0.5, 0.5]))
>>> bool(np.all(np.diff(r.lambdas) > 0))
True
>>> np.round(r.equilibrium.profile[0], 6), r.status
(array([0.333333, 0.666667]), 'converged')
)doc";

}  // namespace

std::optional<PyEquilibrium> continue_equilibrium_py(const PyGame& game, const py::object& near, double tolerance) {
  if (near.is_none()) throw InvalidArgument("continue_equilibrium: near must be a profile, not None");
  const auto profile = read_start(game.floating, near);
  const auto eq = continue_equilibrium(game.floating, *profile, tolerance);
  if (!eq) return std::nullopt;
  return to_python(*eq);
}

constexpr const char* kContinueDoc = R"doc(An equilibrium of a game continued from one of a nearby game.

Newton's method on the indifference equations of ``near``'s support, from
``near``'s probabilities: at a regular equilibrium (Harsanyi 1973) the
equilibrium moves smoothly with the payoffs while its support stays the
same, so a few Newton steps find it (what ``Scenario.sweep(...,
continuation=True)`` does from point to point). Floating point only.

Parameters
----------
game : Game
    The game to solve.
near : sequence of array_like
    One probability vector per player: an equilibrium of a nearby game
    (e.g. ``eq.profile`` of the previous point of a sweep).
tolerance : float, optional
    Largest regret accepted, in payoff units (simpdiv's default).

Returns
-------
Equilibrium or None
    The continued equilibrium with its regret certificate, or None when
    Newton fails or the support changed (then solve the game afresh).

Raises
------
ValueError
    If ``near`` is not a profile of the game or the tolerance is not a
    positive number.

Examples
--------
>>> import numpy as np
>>> a = np.array([[3.0, 0.0], [0.0, 1.0]])  # battle of the sexes; mixed: (1/4, 3/4)
>>> eq = en.continue_equilibrium(en.Game([a, a.T[::-1, ::-1]]), [[0.3, 0.7], [0.2, 0.8]])
>>> eq.regret < 1e-12, np.round(eq.profile[1], 6)
(True, array([0.25, 0.75]))
>>> en.continue_equilibrium(en.Game([a, a.T[::-1, ::-1]]), [[1, 0], [0.5, 0.5]]) is None
True
)doc";

void bind_mixed_nplayer(py::module_& m) {
  py::class_<PySimpdiv> sd(m, "SimpdivResult",
                           "What ``simpdiv`` returns: the equilibrium and how the search ended.\n\n"
                           "Examples\n--------\n>>> r = en.simpdiv(en.Game([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]]))\n"
                           ">>> r.status, r.equilibrium.regret\n('converged', 0.0)\n");
  sd.def_readonly("equilibrium", &PySimpdiv::equilibrium, "The best profile found, with its regret certificate.");
  sd.def_readonly("status", &PySimpdiv::status,
                  "\"converged\", \"pivot_limit\", \"refinement_limit\" or \"time_limit\".");
  sd.def_readonly("pivots", &PySimpdiv::pivots, "Vertices labelled over all grids.");
  sd.def_readonly("refinements", &PySimpdiv::refinements, "Grids used.");
  sd.def_readonly("grid", &PySimpdiv::grid, "Denominator of the last grid (step 1/grid).");
  sd.def_readonly("polished", &PySimpdiv::polished, "True when the equilibrium came from polishing (off the grid).");
  sd.def("__repr__", [](const PySimpdiv& r) {
    return "SimpdivResult(status='" + r.status + "', regret=" + to_string(r.equilibrium.regret) +
           ", pivots=" + std::to_string(r.pivots) + ", grid=" + std::to_string(r.grid) + ")";
  });

  py::class_<PyLogit> lg(m, "LogitResult",
                         "What ``logit`` returns: the traced branch and the equilibrium at its end.\n\n"
                         "Examples\n--------\n>>> r = en.logit(en.Game([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]]))\n"
                         ">>> r.profiles.shape[1], r.status\n(4, 'converged')\n");
  lg.def_property_readonly(
      "lambdas", [](const PyLogit& r) { return to_numpy(r.lambdas); }, "lambda at each branch point (1-d float64).");
  lg.def_property_readonly(
      "profiles",
      [](const PyLogit& r) {
        const auto rows = static_cast<py::ssize_t>(r.lambdas.size());
        py::array_t<double> out({rows, static_cast<py::ssize_t>(r.columns)});
        std::copy(r.profiles.begin(), r.profiles.end(), out.mutable_data());
        return out;
      },
      "The QRE at each branch point (2-d float64: one row per point, players' probabilities concatenated).");
  lg.def_readonly("equilibrium", &PyLogit::equilibrium, "The Nash approximation at the end, with its certificate.");
  lg.def_readonly("status", &PyLogit::status,
                  "\"converged\", \"lambda_limit\", \"step_limit\", \"time_limit\" or \"step_too_small\".");
  lg.def_readonly("steps", &PyLogit::steps, "Accepted predictor-corrector steps.");
  lg.def("__repr__", [](const PyLogit& r) {
    return "LogitResult(status='" + r.status + "', regret=" + to_string(r.equilibrium.regret) +
           ", steps=" + std::to_string(r.steps) + ", lambda=" + to_string(r.lambdas.back()) + ")";
  });

  m.def("simpdiv", &simpdiv_py, "game"_a, "tolerance"_a = 1e-8, "exact"_a = false, "start"_a = py::none(),
        "initial_grid"_a = 2, "refinement"_a = 2, "max_refinements"_a = 40, "max_pivots"_a = 10'000'000,
        "time_limit"_a = py::none(), "polish"_a = true, kSimpdivDoc);
  m.def("continue_equilibrium", &continue_equilibrium_py, "game"_a, "near"_a, "tolerance"_a = 1e-8, kContinueDoc);
  m.def("logit", &logit_py, "game"_a, "tolerance"_a = 1e-8, "max_lambda"_a = 1e7, "max_steps"_a = 100'000,
        "first_step"_a = 0.03, "max_step"_a = std::numeric_limits<double>::infinity(), "min_step"_a = 1e-10,
        "time_limit"_a = py::none(), kLogitDoc);
}

}  // namespace entente::python
