// Game generators (games/generators.hpp) and learning dynamics
// (solvers/learning.hpp): entente.random_game, covariant_game, ...,
// fictitious_play, replicator_dynamics, best_response_dynamics,
// regret_matching and their result type LearningResult. Every generator and
// rule is the C++ one; this file converts arguments, releases the GIL while
// the C++ works and adds no game logic.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/stl.h>

#include "common.hpp"
#include "entente/games/generators.hpp"
#include "entente/solvers/learning.hpp"

namespace entente::python {

using namespace pybind11::literals;

namespace {

// --- argument conversion ------------------------------------------------------------

/// A Python int (not a bool) as a long long; ValueError otherwise.
long long read_int(const py::handle& obj, const std::string& what) {
  if (py::isinstance<py::bool_>(obj) || !PyIndex_Check(obj.ptr()))
    throw InvalidArgument(what + " must be an int, got " + py::repr(obj).cast<std::string>());
  try {
    return py::reinterpret_borrow<py::object>(obj).cast<long long>();
  } catch (const py::cast_error&) {
    throw InvalidArgument(what + " is out of range: " + py::repr(obj).cast<std::string>());
  }
}

std::size_t read_count(const py::handle& obj, const std::string& what, long long at_least) {
  const long long v = read_int(obj, what);
  if (v < at_least) throw InvalidArgument(what + " must be at least " + std::to_string(at_least) + ", got " + std::to_string(v));
  return static_cast<std::size_t>(v);
}

std::uint64_t read_seed(const py::handle& obj) {
  if (py::isinstance<py::bool_>(obj) || !PyIndex_Check(obj.ptr()))
    throw InvalidArgument("seed must be a non-negative int, got " + py::repr(obj).cast<std::string>());
  const py::int_ v = py::reinterpret_borrow<py::object>(obj);
  if (v < py::int_(0) || v >= py::int_(py::module_::import("builtins").attr("pow")(2, 64)))
    throw InvalidArgument("seed must lie in [0, 2**64), got " + py::repr(obj).cast<std::string>());
  return v.cast<std::uint64_t>();
}

std::vector<std::size_t> read_shape(const py::handle& obj) {
  if (PyIndex_Check(obj.ptr()) || !py::isinstance<py::sequence>(obj) || py::isinstance<py::str>(obj))
    throw InvalidArgument("shape must be a sequence of ints (strategies per player), got " +
                          py::repr(obj).cast<std::string>());
  std::vector<std::size_t> shape;
  for (const auto& item : py::reinterpret_borrow<py::sequence>(obj))
    shape.push_back(read_count(item, "every entry of shape", 1));
  if (shape.empty()) throw InvalidArgument("shape needs at least one player");
  checked_profile_count(shape);
  return shape;
}

double read_real(const py::handle& obj, const std::string& what) {
  if (py::isinstance<py::bool_>(obj)) throw InvalidArgument(what + " must be a number, got a bool");
  double x;
  try {
    x = py::reinterpret_borrow<py::object>(obj).cast<double>();
  } catch (const py::cast_error&) {
    throw InvalidArgument(what + " must be a number, got " + py::repr(obj).cast<std::string>());
  }
  if (!std::isfinite(x)) throw InvalidArgument(what + " must be finite, got " + py::repr(obj).cast<std::string>());
  return x;
}

/// A floating game's exact twin: every double is a rational exactly.
Game<Rational> exact_copy(const Game<double>& game) {
  Game<Rational> out(game.players(), game.strategies());
  out.set_title(game.title());
  out.set_comment(game.comment());
  for (std::size_t i = 0; i < game.num_players(); ++i)
    for (std::size_t k = 0; k < game.num_profiles(); ++k) out.payoffs(i)[k] = Rational(game.payoffs(i)[k]);
  return out;
}

/// A mixed profile from Python: one 1-d array of probabilities per player.
std::optional<MixedProfile<double>> read_profile(const py::object& obj, const Game<double>& game,
                                                 const std::string& what) {
  if (obj.is_none()) return std::nullopt;
  if (!py::isinstance<py::sequence>(obj) || py::isinstance<py::str>(obj))
    throw InvalidArgument(what + " must be a list with one probability vector per player");
  const auto seq = py::reinterpret_borrow<py::sequence>(obj);
  if (seq.size() != game.num_players())
    throw InvalidArgument(what + " needs " + std::to_string(game.num_players()) + " probability vectors (one per player), got " +
                          std::to_string(seq.size()));
  std::vector<std::vector<double>> strategies;
  for (std::size_t i = 0; i < seq.size(); ++i) {
    Tensor t = read_tensor(seq[i], what + "[" + std::to_string(i) + "]", 1);
    strategies.emplace_back();
    for (const auto& q : t.values) strategies.back().push_back(nearest_double(q));
  }
  MixedProfile<double> p(std::move(strategies));
  check_profile(game, p);
  return p;
}

LearningOptions read_options(const py::handle& iterations, const py::handle& record_every,
                             std::optional<double> time_limit) {
  LearningOptions o;
  o.iterations = read_count(iterations, "iterations", 1);
  o.record_every = read_count(record_every, "record_every", 1);
  o.time_limit_seconds = time_limit_of(time_limit);
  return o;
}

// --- the result ---------------------------------------------------------------------

struct PyLearning {
  std::string method;
  py::array_t<double> trajectory;
  py::array_t<long long> steps;
  std::vector<std::size_t> offsets;
  std::vector<std::vector<double>> profile;
  double regret = 0;
  std::size_t iterations = 0;
  bool converged = false;
  std::string status;
  std::vector<std::size_t> shape;
  bool has_distribution = false;
  std::vector<std::vector<std::size_t>> profiles;
  std::vector<double> probabilities;
  std::optional<std::vector<double>> gains;
};

PyLearning learning_result(std::string method, const Game<double>& game, const LearningResult& r) {
  PyLearning out;
  out.method = std::move(method);
  const auto rows = static_cast<py::ssize_t>(r.trajectory.rows()), cols = static_cast<py::ssize_t>(r.trajectory.cols());
  out.trajectory = py::array_t<double>({rows, cols});
  auto t = out.trajectory.mutable_unchecked<2>();
  for (py::ssize_t a = 0; a < rows; ++a)
    for (py::ssize_t b = 0; b < cols; ++b) t(a, b) = r.trajectory(Eigen::Index(a), Eigen::Index(b));
  out.steps = py::array_t<long long>(static_cast<py::ssize_t>(r.steps.size()));
  for (std::size_t k = 0; k < r.steps.size(); ++k) out.steps.mutable_data()[k] = static_cast<long long>(r.steps[k]);
  for (std::size_t i = 0; i <= game.num_players(); ++i) out.offsets.push_back(column_offset(game, i));
  out.profile = r.profile.strategies;
  out.regret = r.regret;
  out.iterations = r.iterations;
  out.converged = r.converged;
  out.status = to_string(r.status);
  out.shape = game.shape();
  return out;
}

void add_distribution(PyLearning& out, const LearningResult& r) {
  out.has_distribution = true;
  for (const auto& atom : r.distribution) {
    out.profiles.push_back(atom.profile);
    out.probabilities.push_back(atom.probability);
  }
}

py::tuple index_tuple(const std::vector<std::size_t>& profile) {
  py::tuple t(profile.size());
  for (std::size_t i = 0; i < profile.size(); ++i) t[i] = py::int_(profile[i]);
  return t;
}

// --- generators ---------------------------------------------------------------------

PyGame random_game_py(const py::object& shape, const py::object& low, const py::object& high, const py::object& seed,
                      bool exact) {
  auto s = read_shape(shape);
  const auto sd = read_seed(seed);
  if (exact) {
    const long long lo = read_int(low, "low (an int when exact=True)"), hi = read_int(high, "high (an int when exact=True)");
    return PyGame(games::random_game<Rational>(std::move(s), lo, hi, sd));
  }
  const double lo = read_real(low, "low"), hi = read_real(high, "high");
  return PyGame(exact_copy(games::random_real_game(std::move(s), sd, lo, hi)));
}

PyGame covariant_game_py(const py::object& shape, double rho, const py::object& seed) {
  auto s = read_shape(shape);
  return PyGame(exact_copy(games::covariant_game(std::move(s), rho, read_seed(seed))));
}

PyGame coordination_game_py(const py::object& n) {
  return PyGame(games::coordination_game<Rational>(read_count(n, "n", 1)));
}

PyGame dispersion_game_py(const py::object& players, const py::object& strategies) {
  const std::size_t p = read_count(players, "players", 1), s = read_count(strategies, "strategies", 1);
  if (p > 64) throw InvalidArgument("dispersion game: at most 64 players, got " + std::to_string(p));
  checked_profile_count(std::vector<std::size_t>(p, s));
  return PyGame(games::dispersion_game<Rational>(p, s));
}

PyGame random_zero_sum_py(const py::object& m, const py::object& n, const py::object& low, const py::object& high,
                          const py::object& seed) {
  const std::size_t rows = read_count(m, "m", 1), cols = read_count(n, "n", 1);
  checked_profile_count(std::vector<std::size_t>{rows, cols});
  return PyGame(games::random_zero_sum<Rational>(rows, cols, read_int(low, "low"), read_int(high, "high"), read_seed(seed)));
}

PyGame unique_mixed_game_py(const py::object& n) {
  const std::size_t k = read_count(n, "n", 1);
  checked_profile_count(std::vector<std::size_t>{k, k});
  return PyGame(games::unique_mixed_equilibrium_game<Rational>(k));
}

PyEquilibrium unique_mixed_equilibrium_py(const py::object& n) {
  const std::size_t k = read_count(n, "n", 1);
  checked_profile_count(std::vector<std::size_t>{k, k});
  const auto game = games::unique_mixed_equilibrium_game<Rational>(k);
  return to_python(certify(game, games::unique_mixed_equilibrium<Rational>(k)));
}

PyGame rock_paper_scissors_py(const py::object& n) {
  return PyGame(games::rock_paper_scissors_game<Rational>(read_count(n, "n", 1)));
}

// --- learning -----------------------------------------------------------------------

PyLearning fictitious_play_py(const PyGame& g, const py::object& iterations, const py::object& record_every,
                              const py::object& prior, std::optional<double> time_limit) {
  const auto options = read_options(iterations, record_every, time_limit);
  const auto p = read_profile(prior, g.floating, "prior");
  LearningResult r;
  {
    py::gil_scoped_release release;
    r = fictitious_play(g.floating, options, p);
  }
  PyLearning out = learning_result("fictitious_play", g.floating, r);
  add_distribution(out, r);
  return out;
}

PyLearning replicator_py(const PyGame& g, double dt, const py::object& iterations, const py::object& record_every,
                         const py::object& start, const std::string& method, std::optional<double> time_limit) {
  const auto options = read_options(iterations, record_every, time_limit);
  OdeMethod ode;
  if (method == "rk4")
    ode = OdeMethod::rk4;
  else if (method == "euler")
    ode = OdeMethod::euler;
  else
    throw InvalidArgument("unknown method '" + method + "' (choose 'rk4' or 'euler')");
  if (!(dt > 0) || !std::isfinite(dt)) throw InvalidArgument("dt must be positive and finite");
  const auto p = read_profile(start, g.floating, "start");
  LearningResult r;
  {
    py::gil_scoped_release release;
    r = replicator_dynamics(g.floating, dt, options, p, ode);
  }
  return learning_result("replicator_dynamics", g.floating, r);
}

PyLearning best_response_py(const PyGame& g, const py::object& iterations, const py::object& record_every,
                            const py::object& start, bool simultaneous, std::optional<double> time_limit) {
  const auto options = read_options(iterations, record_every, time_limit);
  std::vector<std::size_t> a;
  if (!start.is_none()) {
    if (!py::isinstance<py::sequence>(start) || py::isinstance<py::str>(start))
      throw InvalidArgument("start must be a sequence of strategy indices, one per player");
    const long n = static_cast<long>(g.floating.num_players());
    for (const auto& item : py::reinterpret_borrow<py::sequence>(start)) {
      const long long s = read_int(item, "every entry of start");
      if (s < 0) throw InvalidArgument("start has a negative strategy index " + std::to_string(s));
      a.push_back(static_cast<std::size_t>(s));
    }
    if (static_cast<long>(a.size()) != n)
      throw InvalidArgument("start needs " + std::to_string(n) + " strategy indices (one per player), got " +
                            std::to_string(a.size()));
  }
  LearningResult r;
  {
    py::gil_scoped_release release;
    r = best_response_dynamics(g.floating, options, simultaneous, a);
  }
  return learning_result("best_response_dynamics", g.floating, r);
}

PyLearning regret_matching_py(const PyGame& g, const py::object& iterations, const py::object& record_every,
                              const py::object& seed, bool conditional, std::optional<double> time_limit) {
  auto options = read_options(iterations, record_every, time_limit);
  options.seed = read_seed(seed);
  LearningResult r;
  {
    py::gil_scoped_release release;
    r = regret_matching(g.floating, options, conditional);
  }
  PyLearning out = learning_result("regret_matching", g.floating, r);
  add_distribution(out, r);
  out.gains = r.gains;
  return out;
}

// --- docstrings ---------------------------------------------------------------------

constexpr const char* kRandomGameDoc = R"doc(A random game with independent payoffs, seeded and reproducible.

Every payoff of every player is drawn independently (GAMUT's RandomGame;
QuantEcon's ``random_game``) from ``std::mt19937_64`` seeded with ``seed``,
through transforms fixed by entente, so a seed gives the same game on every
platform.

Parameters
----------
shape : sequence of int
    Strategies per player, e.g. ``(3, 3, 3)`` for three players.
low, high : float or int, optional
    The payoff range: real payoffs uniform on ``[low, high)``; with
    ``exact=True`` integer payoffs uniform on ``{low, ..., high}`` (both
    ints).
seed : int, optional
    A seed in ``[0, 2**64)``.
exact : bool, optional
    Integer payoffs (exact rational game) instead of real ones.

Returns
-------
Game

Raises
------
ValueError
    For an empty range, a bad shape or seed.

Examples
--------
>>> g = en.random_game((2, 3, 4), seed=7)
>>> g.shape, g == en.random_game((2, 3, 4), seed=7), g == en.random_game((2, 3, 4), seed=8)
((2, 3, 4), True, False)
>>> h = en.random_game((3, 3), low=-5, high=5, seed=1, exact=True)
>>> all(float(x).is_integer() and -5 <= x <= 5 for u in h.payoffs for x in u.ravel())
True
)doc";

constexpr const char* kCovariantDoc = R"doc(Rinott and Scarsini's covariant game (GAMUT's CovariantGame).

At every pure profile the payoff vector is normal with mean 0, variance 1
and correlation ``rho`` between any two players, independently across
profiles (Rinott and Scarsini 2000). ``rho = 1`` gives a common-interest
game, ``rho = -1`` with two players a zero-sum game; ``rho`` must lie in
``[-1/(N-1), 1]``.

Parameters
----------
shape : sequence of int
    Strategies per player (at least two players).
rho : float
    The correlation between players' payoffs.
seed : int, optional
    A seed in ``[0, 2**64)``.

Returns
-------
Game

Raises
------
ValueError
    For ``rho`` out of range or fewer than two players.

Examples
--------
>>> g = en.covariant_game((4, 4), rho=-1.0, seed=3)      # zero-sum, up to rounding
>>> bool(np.allclose(g.payoffs[0] + g.payoffs[1], 0))
True
>>> common = en.covariant_game((2, 2, 2), rho=1.0, seed=3)
>>> bool(np.allclose(common.payoffs[0], common.payoffs[2]))
True
)doc";

constexpr const char* kCoordinationDoc = R"doc(The n x n pure coordination game: both get 1 when they match, else 0.

Parameters
----------
n : int
    Strategies per player.

Returns
-------
Game
    Exact; its pure equilibria are the n diagonal profiles.

Examples
--------
>>> [e.profile for e in en.pure_equilibria(en.coordination_game(3))]
[(0, 0), (1, 1), (2, 2)]
)doc";

constexpr const char* kDispersionDoc = R"doc(A dispersion game (Grenager, Powers and Shoham 2002; GAMUT).

Each player picks one of ``strategies`` locations and gets 1 when nobody
else picked it, 0 otherwise. With ``players <= strategies`` the pure
equilibria are the profiles where everybody is alone.

Parameters
----------
players, strategies : int

Returns
-------
Game
    Exact.

Examples
--------
>>> g = en.dispersion_game(3, 3)
>>> g.shape, len(en.pure_equilibria(g))
((3, 3, 3), 6)
)doc";

constexpr const char* kShapleyDoc = R"doc(Shapley's 3x3 game (Shapley 1964).

The row player wants to match, the column player to be one ahead. The unique
equilibrium is uniform for both, and fictitious play cycles around it
instead of converging.

Returns
-------
Game
    Exact.

Examples
--------
>>> g = en.shapley_game()
>>> en.pure_equilibria(g)
[]
>>> fp = en.fictitious_play(g, iterations=3000)
>>> fp.regret > 0.1
True
)doc";

constexpr const char* kZeroSumDoc = R"doc(A random m x n two-player zero-sum game (A, -A), seeded.

Parameters
----------
m, n : int
    Strategies of the row and the column player.
low, high : int, optional
    A's entries are uniform on ``{low, ..., high}``.
seed : int, optional
    A seed in ``[0, 2**64)``.

Returns
-------
Game
    Exact.

Examples
--------
>>> g = en.random_zero_sum(3, 4, seed=5)
>>> g.shape, g.is_zero_sum()
((3, 4), True)
)doc";

constexpr const char* kUniqueMixedGameDoc = R"doc(A game with a known unique, fully mixed equilibrium.

Weighted matching pennies: ``A = diag(1, 2, ..., n)``, ``B = -A``. Its
unique equilibrium has both players play ``j`` with probability
``(1/(j+1)) / H_n`` (``H_n`` the n-th harmonic number), value ``1/H_n``;
``unique_mixed_equilibrium(n)`` returns it.

Parameters
----------
n : int
    Strategies per player.

Returns
-------
Game
    Exact.

Examples
--------
>>> g = en.unique_mixed_equilibrium_game(3)
>>> [e.exact for e in en.enumerate_equilibria(g, exact=True)]
[[[Fraction(6, 11), Fraction(3, 11), Fraction(2, 11)], [Fraction(6, 11), Fraction(3, 11), Fraction(2, 11)]]]
)doc";

constexpr const char* kUniqueMixedDoc = R"doc(The unique equilibrium of ``unique_mixed_equilibrium_game(n)``, certified.

Parameters
----------
n : int
    Strategies per player.

Returns
-------
Equilibrium
    Exact (``fractions.Fraction`` values in ``exact``), with regret ``0``.

Examples
--------
>>> e = en.unique_mixed_equilibrium(2)
>>> e.exact, e.exact_payoffs, e.exact_regret
([[Fraction(2, 3), Fraction(1, 3)], [Fraction(2, 3), Fraction(1, 3)]], [Fraction(2, 3), Fraction(-2, 3)], Fraction(0, 1))
)doc";

constexpr const char* kRpsDoc = R"doc(Generalised rock-paper-scissors for odd n (a regular tournament game).

Strategy ``i`` beats the ``(n-1)/2`` strategies after it (cyclically) and
loses to the others; zero-sum, with the uniform profile as its unique
equilibrium (Fisher and Ryan 1992).

Parameters
----------
n : int, optional
    An odd number of strategies, at least 3.

Returns
-------
Game
    Exact.

Raises
------
ValueError
    For an even n or n < 3.

Examples
--------
>>> en.rock_paper_scissors_game().payoffs[0]
array([[ 0.,  1., -1.],
       [-1.,  0.,  1.],
       [ 1., -1.,  0.]])
)doc";

constexpr const char* kFictitiousDoc = R"doc(Simultaneous fictitious play (Brown 1951).

At each step every player plays a pure best response (ties to the lowest
index) to the others' empirical frequencies so far (to ``prior`` at the
first step). In two-player zero-sum games (Robinson 1951), 2x2 games and
potential games the frequencies converge to equilibrium; in Shapley's game
they cycle. The GIL is released while playing.

Parameters
----------
game : Game
    Any number of players (the floating payoffs are used).
iterations : int, optional
    Steps of play (at least 1).
record_every : int, optional
    Record a trajectory row every this many steps (the start and the last
    step are always recorded).
prior : list of array_like, optional
    Beliefs at the first step, one probability vector per player (default
    uniform).
time_limit : float, optional
    Seconds (> 0; None: none); when it runs out play stops with
    ``status == "time_limit"``.

Returns
-------
LearningResult
    ``trajectory`` rows are the empirical frequencies; ``distribution`` is
    the empirical joint distribution of the profiles played.

Raises
------
ValueError
    For bad options, a bad prior or non-finite payoffs.

Examples
--------
>>> rps = en.rock_paper_scissors_game()
>>> fp = en.fictitious_play(rps, iterations=5000, record_every=1000)
>>> fp.trajectory.shape, fp.steps
((6, 6), array([   0, 1000, 2000, 3000, 4000, 5000]))
>>> fp.regret < 0.01, fp.status
(True, 'complete')
)doc";

constexpr const char* kReplicatorDoc = R"doc(Multi-population (asymmetric) replicator dynamics (Taylor and Jonker 1978).

Each player is a population whose share of strategy ``s`` grows at the rate
by which ``s`` beats the population's mean payoff against the others'
current shares (Weibull 1995, Sec. 5.1); one population per player, so it
works for any game, symmetric or not. Integrated with RK4 (or Euler) steps
of length ``dt``; a strategy with share 0 stays extinct. The GIL is
released while integrating.

Parameters
----------
game : Game
    Any number of players.
dt : float, optional
    Step length (> 0).
iterations : int, optional
    Steps (at least 1).
record_every : int, optional
    Record a row every this many steps.
start : list of array_like, optional
    Starting shares, one probability vector per player (default uniform).
method : {"rk4", "euler"}, optional
time_limit : float, optional
    Seconds (> 0; None: none).

Returns
-------
LearningResult
    ``trajectory`` rows are the shares; ``steps * dt`` is the time.

Raises
------
ValueError
    For a bad ``dt``, ``method``, start profile, options, non-finite
    payoffs, or when the integration diverges (``dt`` too large).

Examples
--------
>>> rps = en.rock_paper_scissors_game()
>>> r = en.replicator_dynamics(rps, dt=0.01, iterations=1000, start=[[0.5, 0.3, 0.2], [0.2, 0.3, 0.5]])
>>> r.trajectory.shape
(1001, 6)
>>> bool(np.all(r.trajectory > 0))          # stays in the interior
True
)doc";

constexpr const char* kBestResponseDoc = R"doc(Best-response dynamics on pure profiles.

Each round the players switch to their lowest-index best response unless
already best-responding: one after another (sequential, default) or all at
once (``simultaneous=True``). Stops with ``status == "converged"`` at a pure
Nash equilibrium; sequential dynamics always gets there in potential games
(Monderer and Shapley 1996). The GIL is released while playing.

Parameters
----------
game : Game
    Any number of players.
iterations : int, optional
    Rounds at most (at least 1); ``status == "iteration_limit"`` when they
    run out first.
record_every : int, optional
    Record a row every this many rounds.
start : sequence of int, optional
    The starting pure profile (default all zeros).
simultaneous : bool, optional
    All players move at once.
time_limit : float, optional
    Seconds (> 0; None: none).

Returns
-------
LearningResult
    Rows are one-hot profiles.

Examples
--------
>>> r = en.best_response_dynamics(en.dispersion_game(3, 3))
>>> r.status, r.converged, [int(np.argmax(p)) for p in r.profile]
('converged', True, [1, 2, 0])
>>> en.best_response_dynamics(en.shapley_game(), iterations=10).status
'iteration_limit'
)doc";

constexpr const char* kRegretMatchingDoc = R"doc(Regret matching (Hart and Mas-Colell 2000), seeded.

Each round every player draws a pure strategy. Unconditional (default):
probabilities proportional to the positive part of the cumulative regret
for not having always played it; the empirical joint distribution of play
approaches the set of coarse correlated equilibria. Conditional
(``conditional=True``, their main procedure): switch from last round's
strategy in proportion to the regret for not having switched; the
empirical distribution approaches the correlated equilibria. The GIL is
released while playing.

Parameters
----------
game : Game
    Any number of players.
iterations : int, optional
    Rounds of play (at least 1).
record_every : int, optional
    Record a row (and a gain) every this many rounds.
seed : int, optional
    A seed in ``[0, 2**64)``.
conditional : bool, optional
    Conditional regret matching (CE) instead of unconditional (CCE).
time_limit : float, optional
    Seconds (> 0; None: none).

Returns
-------
LearningResult
    ``distribution`` / ``array`` is the empirical joint distribution,
    ``gains[k]`` its largest CCE (or CE) violation at ``steps[k]``, and
    rows the empirical marginal frequencies.

Examples
--------
>>> g = en.random_game((3, 3, 3), seed=2)
>>> r = en.regret_matching(g, iterations=20000, record_every=5000, seed=1)
>>> r.gains.shape, bool(r.gains[-1] < 0.02), r.status
((5,), True, 'complete')
>>> r.array.shape, round(float(r.array.sum()), 12)
((3, 3, 3), 1.0)
)doc";

constexpr const char* kLearningResultDoc = R"doc(What a learning rule returns.

Attributes
----------
method : str
    The rule's name.
trajectory : numpy.ndarray
    One row per recorded step; the columns are all players' probability
    vectors concatenated (player ``i`` in ``offsets[i]:offsets[i+1]``).
steps : numpy.ndarray
    The step of each row (0 = the start); for replicator dynamics the time
    is ``steps * dt``.
offsets : list of int
    Column offsets of the players (length players + 1).
profile : list of numpy.ndarray
    The final profile (the last row, split by player).
regret : float
    The final profile's regret: the largest gain of a unilateral deviation.
iterations : int
    Steps performed.
status : str
    ``"complete"``, ``"converged"`` (best response at rest),
    ``"iteration_limit"`` (best response not at rest) or ``"time_limit"``.
converged : bool
    Best-response dynamics stopped at a pure equilibrium.
distribution : list of (tuple, float) or None
    Fictitious play and regret matching: the empirical joint distribution
    of play as a sparse list of profiles with frequencies (C order).
array : numpy.ndarray or None
    The same distribution as an array of the game's shape.
gains : numpy.ndarray or None
    Regret matching: the distribution's largest CCE (CE when conditional)
    violation at each recorded step.

Examples
--------
>>> r = en.fictitious_play(en.coordination_game(2), iterations=4)
>>> r.offsets, r.distribution
([0, 2, 4], [((0, 0), 1.0)])
>>> r.player(1)[-1]
array([1., 0.])
)doc";

}  // namespace

void bind_learning(py::module_& m) {
  py::class_<PyLearning> cls(m, "LearningResult", kLearningResultDoc);
  cls.def_readonly("method", &PyLearning::method, "The rule's name.");
  cls.def_readonly("trajectory", &PyLearning::trajectory, "One row per recorded step (numpy, 2-d).");
  cls.def_readonly("steps", &PyLearning::steps, "The step of each row (numpy int64).");
  cls.def_readonly("offsets", &PyLearning::offsets, "Each player's first column, and the total.");
  cls.def_property_readonly(
      "profile",
      [](const PyLearning& r) {
        py::list out;
        for (const auto& s : r.profile) out.append(to_numpy(s));
        return out;
      },
      "The final profile, one numpy vector per player.");
  cls.def_readonly("regret", &PyLearning::regret, "The final profile's regret (float).");
  cls.def_readonly("iterations", &PyLearning::iterations, "Steps performed (int).");
  cls.def_readonly("status", &PyLearning::status, "Why it stopped (str).");
  cls.def_readonly("converged", &PyLearning::converged, "Best-response dynamics ended at rest (bool).");
  cls.def_property_readonly(
      "distribution",
      [](const PyLearning& r) -> py::object {
        if (!r.has_distribution) return py::none();
        py::list out;
        for (std::size_t k = 0; k < r.profiles.size(); ++k)
          out.append(py::make_tuple(index_tuple(r.profiles[k]), r.probabilities[k]));
        return out;
      },
      "The empirical joint distribution as [(profile, probability)], or None.");
  cls.def_property_readonly(
      "array",
      [](const PyLearning& r) -> py::object {
        if (!r.has_distribution) return py::none();
        std::vector<py::ssize_t> dims(r.shape.begin(), r.shape.end());
        py::array_t<double> out(dims);
        std::fill(out.mutable_data(), out.mutable_data() + out.size(), 0.0);
        for (std::size_t k = 0; k < r.profiles.size(); ++k) {
          py::ssize_t flat = 0;
          for (std::size_t i = 0; i < r.shape.size(); ++i)
            flat = flat * static_cast<py::ssize_t>(r.shape[i]) + static_cast<py::ssize_t>(r.profiles[k][i]);
          out.mutable_data()[flat] = r.probabilities[k];
        }
        return out;
      },
      "The empirical joint distribution as an array of the game's shape, or None.");
  cls.def_property_readonly(
      "gains", [](const PyLearning& r) -> py::object { return r.gains ? py::object(to_numpy(*r.gains)) : py::none(); },
      "Regret matching: the distribution's CCE (CE) violation at each recorded step, or None.");
  cls.def(
      "player",
      [](const PyLearning& r, long long i) -> py::object {
        const long long n = static_cast<long long>(r.offsets.size()) - 1;
        if (i < -n || i >= n)
          throw InvalidArgument("player " + std::to_string(i) + " out of range for " + std::to_string(n) + " players");
        const std::size_t k = static_cast<std::size_t>(i < 0 ? i + n : i);
        py::slice cols(static_cast<py::ssize_t>(r.offsets[k]), static_cast<py::ssize_t>(r.offsets[k + 1]), 1);
        return r.trajectory[py::make_tuple(py::slice(py::none(), py::none(), py::none()), cols)];
      },
      "i"_a, "Player i's columns of the trajectory (a numpy view).");
  cls.def("__repr__", [](const PyLearning& r) {
    return "LearningResult(method='" + r.method + "', status='" + r.status + "', iterations=" +
           std::to_string(r.iterations) + ", rows=" + std::to_string(r.steps.size()) + ", regret=" +
           std::to_string(r.regret) + ")";
  });

  m.def("random_game", &random_game_py, "shape"_a, "low"_a = 0.0, "high"_a = 1.0, "seed"_a = 0, "exact"_a = false,
        kRandomGameDoc);
  m.def("covariant_game", &covariant_game_py, "shape"_a, "rho"_a, "seed"_a = 0, kCovariantDoc);
  m.def("coordination_game", &coordination_game_py, "n"_a, kCoordinationDoc);
  m.def("dispersion_game", &dispersion_game_py, "players"_a, "strategies"_a, kDispersionDoc);
  m.def("shapley_game", [] { return PyGame(games::shapley_game<Rational>()); }, kShapleyDoc);
  m.def("random_zero_sum", &random_zero_sum_py, "m"_a, "n"_a, "low"_a = -10, "high"_a = 10, "seed"_a = 0,
        kZeroSumDoc);
  m.def("unique_mixed_equilibrium_game", &unique_mixed_game_py, "n"_a, kUniqueMixedGameDoc);
  m.def("unique_mixed_equilibrium", &unique_mixed_equilibrium_py, "n"_a, kUniqueMixedDoc);
  m.def("rock_paper_scissors_game", &rock_paper_scissors_py, "n"_a = 3, kRpsDoc);

  m.def("fictitious_play", &fictitious_play_py, "game"_a, "iterations"_a = 1000, "record_every"_a = 1,
        "prior"_a = py::none(), "time_limit"_a = py::none(), kFictitiousDoc);
  m.def("replicator_dynamics", &replicator_py, "game"_a, "dt"_a = 0.01, "iterations"_a = 1000, "record_every"_a = 1,
        "start"_a = py::none(), "method"_a = "rk4", "time_limit"_a = py::none(), kReplicatorDoc);
  m.def("best_response_dynamics", &best_response_py, "game"_a, "iterations"_a = 1000, "record_every"_a = 1,
        "start"_a = py::none(), "simultaneous"_a = false, "time_limit"_a = py::none(), kBestResponseDoc);
  m.def("regret_matching", &regret_matching_py, "game"_a, "iterations"_a = 10000, "record_every"_a = 1,
        "seed"_a = 0, "conditional"_a = false, "time_limit"_a = py::none(), kRegretMatchingDoc);
}

}  // namespace entente::python
