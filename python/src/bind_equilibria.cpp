// The equilibrium solvers one by one: entente.lemke_howson,
// lemke_howson_all, enumerate_equilibria, maximal_nash_subsets,
// nash_components, support_enumeration, is_nondegenerate, pure_equilibria,
// eliminate_dominated and correlated_equilibrium, with their result types.
// Every solver is the C++ one; this file converts, releases the GIL while the
// C++ works and adds no game logic.
#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/stl.h>

#include "common.hpp"
#include "entente/solvers/correlated.hpp"
#include "entente/solvers/dominance.hpp"
#include "entente/solvers/lemke_howson.hpp"
#include "entente/solvers/pure_nash.hpp"
#include "entente/solvers/support_enumeration.hpp"
#include "entente/solvers/vertex_enumeration.hpp"

namespace entente::python {

using namespace pybind11::literals;

namespace {

// --- conversions ----------------------------------------------------------------

double as_double(double x) { return x; }
double as_double(const Rational& q) { return nearest_double(q); }

/// Runs `solve` on the exact or the floating game with the GIL released.
template <class Scalar, class Solve>
auto released(const Game<Scalar>& game, Solve&& solve) {
  return interruptible([&] { return solve(game); });
}

template <class Scalar>
py::list equilibrium_list(const std::vector<Equilibrium<Scalar>>& eqs) {
  py::list out;
  for (const auto& e : eqs) out.append(py::cast(to_python(e)));
  return out;
}

/// Mixed strategies as floats, and exactly (Fractions in Python) when they are exact.
struct Strategies {
  std::vector<std::vector<double>> floating;
  std::optional<std::vector<std::vector<Rational>>> exact;
};

template <class Scalar>
Strategies strategies_of(const std::vector<std::vector<Scalar>>& all, const std::vector<std::size_t>& which) {
  Strategies out;
  if constexpr (is_exact_v<Scalar>) out.exact.emplace();
  for (std::size_t v : which) {
    out.floating.emplace_back();
    for (const auto& p : all[v]) out.floating.back().push_back(as_double(p));
    if constexpr (is_exact_v<Scalar>) {
      out.exact->emplace_back();
      for (const auto& p : all[v]) out.exact->back().push_back(p);
    }
  }
  return out;
}

py::list numpy_list(const std::vector<std::vector<double>>& vectors) {
  py::list out;
  for (const auto& v : vectors) out.append(to_numpy(v));
  return out;
}

py::tuple index_tuple(const std::vector<std::size_t>& profile) {
  py::tuple t(profile.size());
  for (std::size_t i = 0; i < profile.size(); ++i) t[i] = py::int_(profile[i]);
  return t;
}

std::string float_text(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", x == 0 ? 0.0 : x);  // no "-0"
  return buf;
}

std::string float_list(const std::vector<double>& v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + float_text(v[i]);
  return s + "]";
}

std::string exact_list(const std::vector<Rational>& v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + to_string(v[i]);
  return s + "]";
}

std::string index_text(const std::vector<std::size_t>& profile) {
  std::string s = "(";
  for (std::size_t i = 0; i < profile.size(); ++i) s += (i ? ", " : "") + std::to_string(profile[i]);
  if (profile.size() == 1) s += ",";
  return s + ")";
}

// --- Lemke-Howson, enumeration ------------------------------------------------------

PyEquilibrium lemke_howson_py(const PyGame& g, long long label, bool exact) {
  // Checked here so that a negative label is a ValueError too, not a TypeError.
  g.exact.require_two_players();
  const long long labels = static_cast<long long>(g.exact.num_strategies(0) + g.exact.num_strategies(1));
  if (label < 0 || label >= labels)
    throw InvalidArgument("Lemke-Howson: label " + std::to_string(label) + " out of range: the game has " +
                          std::to_string(labels) + " labels (0.." + std::to_string(labels - 1) + ")");
  const auto k = static_cast<std::size_t>(label);
  return with_twin(g, exact, [k](const auto& game) {
    return to_python(released(game, [k](const auto& x) { return lemke_howson(x, k); }));
  });
}

py::list lemke_howson_all_py(const PyGame& g, bool exact) {
  auto solve = [](const auto& game) { return lemke_howson_all(game); };
  return with_twin(g, exact, [&](const auto& game) { return equilibrium_list(released(game, solve)); });
}

py::list enumerate_equilibria_py(const PyGame& g, bool exact) {
  auto solve = [](const auto& game) { return enumerate_equilibria(game); };
  return with_twin(g, exact, [&](const auto& game) { return equilibrium_list(released(game, solve)); });
}

py::list support_enumeration_py(const PyGame& g, bool exact) {
  auto solve = [](const auto& game) { return support_enumeration(game); };
  return with_twin(g, exact, [&](const auto& game) { return equilibrium_list(released(game, solve)); });
}

bool is_nondegenerate_py(const PyGame& g, bool exact) {
  auto check = [](const auto& game) { return is_nondegenerate(game); };
  return with_twin(g, exact, [&](const auto& game) { return released(game, check); });
}

/// A maximal Nash subset or a connected component of the equilibrium set,
/// as Python sees it: the vertices (extreme strategies) of each player and
/// the extreme equilibria among them, with their indices into the list
/// enumerate_equilibria returns.
struct PyNashSet {
  Strategies rows, columns;
  std::vector<std::size_t> indices;
  std::vector<PyEquilibrium> equilibria;
};

/// A component also lists the maximal Nash subsets it is the union of.
struct PyNashComponent : PyNashSet {
  std::vector<PyNashSet> subsets;
};

template <class Scalar>
PyNashSet make_set(const ExtremeEquilibria<Scalar>& eq, const std::vector<PyEquilibrium>& converted,
                   const std::vector<std::size_t>& rows, const std::vector<std::size_t>& columns) {
  PyNashSet out;
  out.rows = strategies_of(eq.row_vertices, rows);
  out.columns = strategies_of(eq.column_vertices, columns);
  for (std::size_t k = 0; k < eq.pairs.size(); ++k) {
    const auto& [i, j] = eq.pairs[k];
    if (std::binary_search(rows.begin(), rows.end(), i) && std::binary_search(columns.begin(), columns.end(), j)) {
      out.indices.push_back(k);
      out.equilibria.push_back(converted[k]);
    }
  }
  return out;
}

template <class Scalar>
std::pair<ExtremeEquilibria<Scalar>, std::vector<NashSubset>> extreme_and_subsets(const Game<Scalar>& game) {
  return interruptible([&]() -> std::pair<ExtremeEquilibria<Scalar>, std::vector<NashSubset>> {
    auto eq = enumerate_extreme_equilibria(game);
    if (eq.status != EnumerationStatus::complete)
      throw SolverError("vertex enumeration stopped early: " + to_string(eq.status));
    auto subsets = maximal_nash_subsets(eq);
    return {std::move(eq), std::move(subsets)};
  });
}

template <class Scalar>
std::vector<PyEquilibrium> convert_all(const ExtremeEquilibria<Scalar>& eq) {
  std::vector<PyEquilibrium> out;
  for (const auto& e : eq.equilibria) out.push_back(to_python(e));
  return out;
}

template <class Scalar>
py::list subsets_of(const Game<Scalar>& game) {
  auto [eq, subsets] = extreme_and_subsets(game);
  const auto converted = convert_all(eq);
  py::list out;
  for (const auto& s : subsets) out.append(py::cast(make_set(eq, converted, s.rows, s.columns)));
  return out;
}

template <class Scalar>
py::list components_of(const Game<Scalar>& game) {
  auto [eq, subsets] = extreme_and_subsets(game);
  std::vector<NashComponent> components;
  components = interruptible([&] { return nash_components(eq, subsets); });
  const auto converted = convert_all(eq);
  py::list out;
  for (const auto& c : components) {
    PyNashComponent component;
    static_cast<PyNashSet&>(component) = make_set(eq, converted, c.rows, c.columns);
    for (std::size_t s : c.subsets)
      component.subsets.push_back(make_set(eq, converted, subsets[s].rows, subsets[s].columns));
    out.append(py::cast(std::move(component)));
  }
  return out;
}

py::list maximal_nash_subsets_py(const PyGame& g, bool exact) {
  return with_twin(g, exact, [](const auto& game) { return subsets_of(game); });
}

py::list nash_components_py(const PyGame& g, bool exact) {
  return with_twin(g, exact, [](const auto& game) { return components_of(game); });
}

std::string set_repr(const std::string& name, const PyNashSet& s) {
  auto side = [](const Strategies& st) {
    std::string out = "[";
    for (std::size_t v = 0; v < st.floating.size(); ++v)
      out += (v ? ", " : "") + (st.exact ? exact_list((*st.exact)[v]) : float_list(st.floating[v]));
    return out + "]";
  };
  return name + "(rows=" + side(s.rows) + ", columns=" + side(s.columns) + ")";
}

// --- pure equilibria ----------------------------------------------------------------

struct PyPureEquilibrium {
  std::vector<std::size_t> profile;
  std::vector<double> payoffs;
  bool strict = false;
  double regret = 0.0;
  std::optional<std::vector<Rational>> exact_payoffs;
};

template <class Scalar>
py::list pure_list(const std::vector<PureEquilibrium<Scalar>>& eqs) {
  py::list out;
  for (const auto& e : eqs) {
    PyPureEquilibrium p;
    p.profile = e.profile;
    p.strict = e.strict;
    p.regret = as_double(e.regret);
    for (const auto& u : e.payoffs) p.payoffs.push_back(as_double(u));
    if constexpr (is_exact_v<Scalar>) {
      p.exact_payoffs.emplace();
      for (const auto& u : e.payoffs) p.exact_payoffs->push_back(u);
    }
    out.append(py::cast(std::move(p)));
  }
  return out;
}

py::list pure_equilibria_py(const PyGame& g, bool exact) {
  // A PyGame's payoffs are rationals, hence finite: skip the check that
  // would read every payoff (the pruned search reads far fewer).
  auto solve = [](const auto& game) { return detail::pure_equilibria_of_finite(game); };
  return with_twin(g, exact, [&](const auto& game) { return pure_list(released(game, solve)); });
}

// --- dominance ----------------------------------------------------------------------

struct PyElimination {
  std::size_t player = 0, strategy = 0, round = 0;
  std::vector<double> dominated_by;
  std::optional<std::vector<Rational>> exact_dominated_by;
};

struct PyDominance {
  py::object game;  // an entente.Game
  std::vector<std::vector<std::size_t>> surviving;
  std::vector<PyElimination> trace;
  std::size_t rounds = 0;
};

template <class Scalar>
PyDominance dominance_of(const PyGame& g, const Game<Scalar>& game, const DominanceOptions& options) {
  std::optional<DominanceResult<Scalar>> result;
  std::optional<Game<Rational>> reduced;
  interruptible([&] {
    result = eliminate_dominated(game, options);
    // The reduced game is cut from the exact game, so it stays exact and
    // keeps its labels whichever scalar found the eliminations.
    reduced = detail::restrict_game(g.exact, result->surviving);
  });
  PyDominance out;
  out.game = py::cast(PyGame(std::move(*reduced)));
  out.surviving = result->surviving;
  out.rounds = result->rounds;
  for (const auto& e : result->trace) {
    PyElimination p;
    p.player = e.player;
    p.strategy = e.strategy;
    p.round = e.round;
    for (const auto& x : e.dominated_by) p.dominated_by.push_back(as_double(x));
    if constexpr (is_exact_v<Scalar>) {
      p.exact_dominated_by.emplace();
      for (const auto& x : e.dominated_by) p.exact_dominated_by->push_back(x);
    }
    out.trace.push_back(std::move(p));
  }
  return out;
}

PyDominance eliminate_dominated_py(const PyGame& g, bool mixed, bool weak, bool exact) {
  DominanceOptions options;
  options.mixed = mixed;
  options.weak = weak;
  return with_twin(g, exact, [&](const auto& game) { return dominance_of(g, game, options); });
}

// --- correlated equilibria ----------------------------------------------------------

template <class Scalar>
PyCorrelated correlated_of(const Game<Scalar>& game, const CorrelatedObjective<Scalar>& objective, bool coarse) {
  return to_python(game, released(game, [&](const auto& gm) { return correlated_equilibrium(gm, objective, coarse); }));
}

}  // namespace

template <class Scalar>
PyCorrelated to_python(const Game<Scalar>& game, const CorrelatedResult<Scalar>& result) {
  if (result.status != Status::optimal)
    throw SolverError("correlated-equilibrium LP ended " + entente::to_string(result.status));
  PyCorrelated out;
  const bool coarse = result.coarse;
  out.shape = game.shape();
  out.coarse = coarse;
  for (const auto& atom : result.distribution) {
    out.profiles.push_back(atom.profile);
    out.probabilities.push_back(as_double(atom.probability));
  }
  for (const auto& u : result.payoffs) out.payoffs.push_back(as_double(u));
  out.objective = as_double(result.objective);
  out.regret = as_double(result.regret);
  if constexpr (is_exact_v<Scalar>) {
    out.exact_probabilities.emplace();
    for (const auto& atom : result.distribution) out.exact_probabilities->push_back(atom.probability);
    out.exact_payoffs.emplace();
    for (const auto& u : result.payoffs) out.exact_payoffs->push_back(u);
    out.exact_objective = result.objective;
    out.exact_regret = result.regret;
  }
  return out;
}

template PyCorrelated to_python(const Game<double>&, const CorrelatedResult<double>&);
template PyCorrelated to_python(const Game<Rational>&, const CorrelatedResult<Rational>&);

namespace {

template <class Scalar>
CorrelatedObjective<Scalar> make_objective(const std::string& kind, std::optional<std::size_t> player,
                                           const std::vector<Rational>& weights) {
  if (kind == "welfare") return CorrelatedObjective<Scalar>::welfare();
  if (kind == "egalitarian") return CorrelatedObjective<Scalar>::egalitarian();
  if (kind == "player") return CorrelatedObjective<Scalar>::player_payoff(*player);
  std::vector<Scalar> w;
  for (const auto& x : weights) {
    if constexpr (is_exact_v<Scalar>)
      w.push_back(x);
    else
      w.push_back(nearest_double(x));
  }
  return CorrelatedObjective<Scalar>::weighted(std::move(w));
}

PyCorrelated correlated_equilibrium_py(const PyGame& g, const std::string& objective, bool coarse, bool exact,
                                       const py::object& player, const py::object& weights) {
  if (objective != "welfare" && objective != "player" && objective != "egalitarian" && objective != "weighted")
    throw InvalidArgument("unknown objective '" + objective +
                          "' (choose 'welfare', 'player', 'egalitarian' or 'weighted')");
  const long n = static_cast<long>(g.exact.num_players());
  std::optional<std::size_t> who;
  if (objective == "player") {
    if (player.is_none()) throw InvalidArgument("objective='player' needs player=i, the player whose payoff to maximise");
    if (py::isinstance<py::bool_>(player) || !PyIndex_Check(player.ptr()))
      throw InvalidArgument("player must be an int, got " + py::repr(player).cast<std::string>());
    const long i = player.cast<long>();
    if (i < -n || i >= n)
      throw InvalidArgument("player " + std::to_string(i) + " out of range for a game of " + std::to_string(n) +
                            " players");
    who = static_cast<std::size_t>(i < 0 ? i + n : i);
  } else if (!player.is_none()) {
    throw InvalidArgument("player= is only used with objective='player' (got objective='" + objective + "')");
  }
  std::vector<Rational> w;
  if (objective == "weighted") {
    if (weights.is_none()) throw InvalidArgument("objective='weighted' needs weights, one number per player");
    Tensor t = read_tensor(weights, "weights", 1);
    if (t.values.size() != static_cast<std::size_t>(n))
      throw InvalidArgument("weights need " + std::to_string(n) + " entries (one per player), got " +
                            std::to_string(t.values.size()));
    w = std::move(t.values);
  } else if (!weights.is_none()) {
    throw InvalidArgument("weights= is only used with objective='weighted' (got objective='" + objective + "')");
  }
  return with_scalar(exact, [&](auto zero) {
    using Scalar = decltype(zero);
    return correlated_of(member_of<Scalar>(g), make_objective<Scalar>(objective, who, w), coarse);
  });
}

// --- docstrings ---------------------------------------------------------------------

constexpr const char* kLemkeHowsonDoc = R"doc(One equilibrium of a two-player game by Lemke-Howson.

Complementary pivoting from the artificial equilibrium, dropping ``label``
(von Stengel 2002). Degenerate games are handled by lexicographic pivoting,
so the path always ends. The GIL is released while pivoting.

Parameters
----------
game : Game
    A two-player game with payoff matrices A (m x n) and B.
label : int, optional
    The label to drop: ``0 .. m-1`` are the row player's strategies,
    ``m .. m+n-1`` the column player's.
exact : bool, optional
    Pivot in exact (integer) arithmetic on the rational game; the result
    then carries ``fractions.Fraction`` values in ``exact``.

Returns
-------
Equilibrium
    An extreme equilibrium with its regret certificate.

Raises
------
ValueError
    If the game does not have two players or ``label`` is out of range.
SolverError
    If the pivot limit is reached.

Examples
--------
>>> g = en.Game([[[3, 0], [0, 2]], [[2, 0], [0, 3]]])   # battle of the sexes
>>> en.lemke_howson(g, label=0, exact=True).exact
[[Fraction(1, 1), Fraction(0, 1)], [Fraction(1, 1), Fraction(0, 1)]]
>>> en.lemke_howson(g, label=1).profile[0]
array([0., 1.])
)doc";

constexpr const char* kLemkeHowsonAllDoc = R"doc(Lemke-Howson from every label; the distinct equilibria found.

Runs ``lemke_howson`` for labels ``0 .. m+n-1`` and keeps each equilibrium
once, in the order first found. In a nondegenerate game these paths end
only at equilibria of index +1, so this is in general a subset of all
equilibria (battle of the sexes gives its two pure ones, not the mixed
one); use ``enumerate_equilibria`` for all of them.

Parameters
----------
game : Game
    A two-player game.
exact : bool, optional
    Solve the exact rational game (results carry ``fractions.Fraction`` values).

Returns
-------
list of Equilibrium

Raises
------
ValueError
    If the game does not have two players.

Examples
--------
>>> g = en.Game([[[3, 0], [0, 2]], [[2, 0], [0, 3]]])
>>> [e.exact for e in en.lemke_howson_all(g, exact=True)]
[[[Fraction(1, 1), Fraction(0, 1)], [Fraction(1, 1), Fraction(0, 1)]], [[Fraction(0, 1), Fraction(1, 1)], [Fraction(0, 1), Fraction(1, 1)]]]
)doc";

constexpr const char* kEnumerateDoc = R"doc(Every extreme equilibrium of a two-player game (Gambit's enummixed).

Enumerates the vertices of both best-response polytopes (lrs-style reverse
search) and pairs the completely labelled ones. Works on degenerate games
too; every equilibrium is a convex combination of extreme ones within a
maximal Nash subset (see ``maximal_nash_subsets``). The GIL is released
while enumerating.

Parameters
----------
game : Game
    A two-player game.
exact : bool, optional
    Enumerate on the exact rational game (integer pivoting); the results
    then carry ``fractions.Fraction`` values and exactly zero regret.

Returns
-------
list of Equilibrium
    Sorted by the row strategy, then the column strategy, lexicographically
    decreasing (pure strategy 1 first).

Raises
------
ValueError
    If the game does not have two players.

Examples
--------
>>> g = en.Game([[[3, 0], [0, 2]], [[2, 0], [0, 3]]])
>>> for e in en.enumerate_equilibria(g, exact=True):
...     print(e.exact, e.exact_payoffs)
[[Fraction(1, 1), Fraction(0, 1)], [Fraction(1, 1), Fraction(0, 1)]] [Fraction(3, 1), Fraction(2, 1)]
[[Fraction(3, 5), Fraction(2, 5)], [Fraction(2, 5), Fraction(3, 5)]] [Fraction(6, 5), Fraction(6, 5)]
[[Fraction(0, 1), Fraction(1, 1)], [Fraction(0, 1), Fraction(1, 1)]] [Fraction(2, 1), Fraction(3, 1)]
)doc";

constexpr const char* kSubsetsDoc = R"doc(The maximal Nash subsets of a two-player game.

A maximal Nash subset is a pair of sets of extreme strategies (``rows`` for
player 0, ``columns`` for player 1) such that every pair of a row vertex and
a column vertex is an extreme equilibrium, and no extreme equilibrium can
be added. Every mix of the row vertices against every mix of the column
vertices is then an equilibrium; the equilibrium set is the union of these
products (the maximal bicliques of Avis, Rosenberg, Savani and von Stengel
2010; Gambit's enummixed reports them as "cliques").

Parameters
----------
game : Game
    A two-player game.
exact : bool, optional
    Enumerate on the exact rational game; the vertices then also come as
    ``fractions.Fraction`` values.

Returns
-------
list of NashSubset
    Each with ``rows`` and ``columns`` (lists of numpy probability
    vectors), ``exact_rows`` and ``exact_columns`` (``fractions.Fraction`` values or
    None), ``indices`` (positions of its extreme equilibria in the list
    ``enumerate_equilibria(game, exact)`` returns) and ``equilibria`` (those
    Equilibrium objects).

Raises
------
ValueError
    If the game does not have two players.

Examples
--------
>>> g = en.Game([[[1, 1], [0, 0]], [[1, 1], [0, 0]]])   # the column player is indifferent
>>> (s,) = en.maximal_nash_subsets(g, exact=True)
>>> s.exact_rows, s.exact_columns
([[Fraction(1, 1), Fraction(0, 1)]], [[Fraction(1, 1), Fraction(0, 1)], [Fraction(0, 1), Fraction(1, 1)]])
>>> s.indices
[0, 1]
)doc";

constexpr const char* kComponentsDoc = R"doc(The connected components of the equilibrium set of a two-player game.

A component is a union of maximal Nash subsets that share extreme
strategies, directly or through others; isolated equilibria are
components of their own.

Parameters
----------
game : Game
    A two-player game.
exact : bool, optional
    Enumerate on the exact rational game.

Returns
-------
list of NashComponent
    Each with ``rows``, ``columns`` (its vertices, numpy vectors),
    ``exact_rows``, ``exact_columns``, ``indices`` and ``equilibria`` (its
    extreme equilibria, as for ``NashSubset``) and ``subsets`` (the maximal
    Nash subsets it is the union of). Sorted by their first row vertex in
    the order of ``enumerate_equilibria``.

Raises
------
ValueError
    If the game does not have two players.

Examples
--------
>>> g = en.Game([[[3, 0], [0, 2]], [[2, 0], [0, 3]]])
>>> [c.indices for c in en.nash_components(g)]
[[0], [1], [2]]
>>> g = en.Game([[[1, 1], [0, 0]], [[1, 1], [0, 0]]])
>>> (c,) = en.nash_components(g)
>>> len(c.subsets), c.indices
(1, [0, 1])
)doc";

constexpr const char* kSupportDoc = R"doc(Equilibria of a nondegenerate two-player game by support enumeration.

Tries every pair of supports of equal size (Nashpy's and QuantEcon's
``support_enumeration``). On a nondegenerate game (see
``is_nondegenerate``) this finds every equilibrium, in the same order as
``enumerate_equilibria``; on a degenerate game it MISSES equilibria whose
supports differ in size, and continua.

Parameters
----------
game : Game
    A two-player game.
exact : bool, optional
    Solve the exact rational game (results carry ``fractions.Fraction`` values).

Returns
-------
list of Equilibrium

Raises
------
ValueError
    If the game does not have two players.

Examples
--------
>>> g = en.Game([[[3, 0], [0, 2]], [[2, 0], [0, 3]]])
>>> [e.exact[0] for e in en.support_enumeration(g, exact=True)]
[[Fraction(1, 1), Fraction(0, 1)], [Fraction(3, 5), Fraction(2, 5)], [Fraction(0, 1), Fraction(1, 1)]]
)doc";

constexpr const char* kNondegenerateDoc = R"doc(Whether a two-player game is nondegenerate.

Nondegenerate (von Stengel 2007): no mixed strategy with k pure strategies
in its support has more than k pure best responses. Then equilibria are
isolated and ``support_enumeration`` finds all of them.

Parameters
----------
game : Game
    A two-player game.
exact : bool, optional
    Decide on the exact rational game (the default); ``False`` uses the
    floating game, where "tight" means within a small tolerance.

Returns
-------
bool

Raises
------
ValueError
    If the game does not have two players.

Examples
--------
>>> en.is_nondegenerate(en.Game([[[3, 0], [0, 2]], [[2, 0], [0, 3]]]))
True
>>> en.is_nondegenerate(en.Game([[[1, 1], [0, 0]], [[1, 1], [0, 0]]]))
False
)doc";

constexpr const char* kPureDoc = R"doc(All pure-strategy Nash equilibria of an N-player game.

One blocked pass over the last two players' payoff tensors keeps the
profiles where both best-respond; each earlier player then filters these
candidates, reading only their fibers (or, when ties keep many alive, its
fiber maxima in one pass). It reads the payoffs the Game already holds:
nothing is copied or converted per call.

Parameters
----------
game : Game
    A game with any number of players.
exact : bool, optional
    Compare payoffs exactly on the rational game (ties are exact) and give
    ``exact_payoffs`` as ``fractions.Fraction`` values. Otherwise payoffs within a
    small tolerance count as tied.

Returns
-------
list of PureEquilibrium
    In numpy C order of their profiles. Each has ``profile`` (a tuple of
    strategy indices, one per player), ``payoffs`` (numpy), ``strict``
    (True when every player's strategy is its unique best response),
    ``regret`` (the certificate: the largest gain from a deviation) and
    ``exact_payoffs`` (``fractions.Fraction`` values, or None).

Examples
--------
>>> import numpy as np
>>> A = np.array([[3, 0], [5, 1]])                       # prisoner's dilemma
>>> (eq,) = en.pure_equilibria(en.Game([A, A.T]))
>>> eq.profile, eq.payoffs, eq.strict
((1, 1), array([1., 1.]), True)
>>> [e.profile for e in en.pure_equilibria(en.Game([[[1, 1]], [[0, 0]]]))]
[(0, 0), (0, 1)]
)doc";

constexpr const char* kDominanceDoc = R"doc(Iterated elimination of dominated strategies.

Each round tests every strategy of every player against the game as it
stood at the start of the round and removes the dominated ones together;
rounds go on until none is removed. Pure dominators are tried first; with
``mixed=True`` an LP looks for a dominating mixed strategy. Strictly
dominated strategies are in no equilibrium, so the reduced game has the
same equilibria. Weak elimination depends on the order (ours: rounds,
players and strategies by index) and may lose equilibria.

Parameters
----------
game : Game
    A game with any number of players.
mixed : bool, optional
    Also eliminate strategies dominated only by a mixed strategy.
weak : bool, optional
    Weak dominance (never worse, sometimes better) instead of strict.
exact : bool, optional
    Compare and solve the LPs exactly on the rational game; then each
    ``dominated_by`` is a list of ``fractions.Fraction`` values.

Returns
-------
DominanceResult
    ``game`` (the reduced Game, exact, labels kept), ``surviving`` (for
    each player, the original indices of the strategies left), ``trace``
    (one Elimination per removed strategy, in order: ``player``,
    ``strategy`` (original index), ``dominated_by`` (a mixed strategy over
    the player's original strategies that dominates it in the game of that
    round: numpy, or ``fractions.Fraction`` values when exact) and ``round``
    (1-based)) and ``rounds`` (how many rounds removed something).

Raises
------
SolverError
    If an LP fails.

Examples
--------
>>> import numpy as np
>>> A = np.array([[3, 0], [5, 1]])
>>> r = en.eliminate_dominated(en.Game([A, A.T], strategies=[["C", "D"], ["C", "D"]]))
>>> r.game.strategies, r.surviving
([['D'], ['D']], [[1], [1]])
>>> r = en.eliminate_dominated(en.Game([[[3, 0], [0, 3], [1, 1]], [[0, 0], [0, 0], [0, 0]]]), exact=True)
>>> (e,) = r.trace
>>> e.player, e.strategy, e.dominated_by, e.round
(0, 2, [Fraction(1, 2), Fraction(1, 2), Fraction(0, 1)], 1)
)doc";

constexpr const char* kCorrelatedDoc = R"doc(A correlated (or coarse correlated) equilibrium that maximises an objective.

One LP over the joint distribution of pure profiles (Papadimitriou and
Roughgarden 2008): for a correlated equilibrium (CE) no player gains by
deviating from any recommended strategy; for a coarse correlated
equilibrium (CCE, ``coarse=True``) no player gains by committing to one
strategy before the draw. The GIL is released while solving.

Parameters
----------
game : Game
    A game with any number of players.
objective : {"welfare", "player", "egalitarian", "weighted"}, optional
    Maximise the sum of expected payoffs; one player's expected payoff
    (needs ``player``); the smallest expected payoff; or
    ``sum_i weights[i] * payoff_i`` (needs ``weights``).
coarse : bool, optional
    Coarse correlated equilibrium instead of correlated.
exact : bool, optional
    Solve the exact rational LP (GLPK's rational simplex); the result then
    carries ``fractions.Fraction`` values as well.
player : int, optional
    For ``objective="player"``: whose payoff (negative counts from the end).
weights : array_like, optional
    For ``objective="weighted"``: one number per player.

Returns
-------
CorrelatedEquilibrium
    ``distribution`` (a list of ``(profile, probability)`` with ``profile``
    a tuple of strategy indices, in C order, positive probabilities only),
    ``exact_distribution`` (the same with ``fractions.Fraction`` values, or None),
    ``array`` (the distribution as a numpy array of the game's shape),
    ``payoffs`` (numpy), ``exact_payoffs``, ``objective`` (float; its
    optimum), ``exact_objective``, ``regret`` (the certificate: the
    largest gain of a deviation the distribution allows, recomputed from it;
    0 at an equilibrium), ``exact_regret`` and ``coarse``.

Raises
------
ValueError
    For an unknown objective, ``player`` or ``weights`` missing, out of
    range or given with another objective.
SolverError
    If the LP solver fails.

Examples
--------
>>> g = en.Game([[[6, 2], [7, 0]], [[6, 7], [2, 0]]])   # chicken
>>> ce = en.correlated_equilibrium(g, exact=True)
>>> ce.exact_objective, ce.exact_regret
(Fraction(21, 2), Fraction(0, 1))
>>> ce.exact_distribution
[((0, 0), Fraction(1, 2)), ((0, 1), Fraction(1, 4)), ((1, 0), Fraction(1, 4))]
>>> round(en.correlated_equilibrium(g, objective="player", player=1).objective, 9)
7.0
)doc";

constexpr const char* kNashSubsetDoc = R"doc(A maximal Nash subset, as ``maximal_nash_subsets`` returns it.

Every mix of the ``rows`` vertices against every mix of the ``columns``
vertices is an equilibrium.

Attributes
----------
rows, columns : list of numpy.ndarray
    The extreme strategies of the row and the column player.
exact_rows, exact_columns : list of list of str or None
    The same as ``fractions.Fraction`` values when solved with ``exact=True``.
indices : list of int
    Positions of its extreme equilibria (every row vertex with every column
    vertex) in ``enumerate_equilibria(game, exact)``.
equilibria : list of Equilibrium
    Those extreme equilibria.

Examples
--------
>>> g = en.Game([[[1, 1], [0, 0]], [[1, 1], [0, 0]]])
>>> (s,) = en.maximal_nash_subsets(g)
>>> len(s.rows), len(s.columns), len(s.equilibria)
(1, 2, 2)
)doc";

constexpr const char* kNashComponentDoc = R"doc(A connected component of the equilibrium set, as ``nash_components`` returns it.

Attributes
----------
rows, columns : list of numpy.ndarray
    Its extreme strategies of the row and the column player.
exact_rows, exact_columns : list of list of str or None
    The same as ``fractions.Fraction`` values when solved with ``exact=True``.
indices : list of int
    Positions of its extreme equilibria in ``enumerate_equilibria(game, exact)``.
equilibria : list of Equilibrium
    Those extreme equilibria.
subsets : list of NashSubset
    The maximal Nash subsets it is the union of.

Examples
--------
>>> g = en.Game([[[1, 1], [0, 0]], [[1, 1], [0, 0]]])
>>> (c,) = en.nash_components(g, exact=True)
>>> c.exact_columns
[[Fraction(1, 1), Fraction(0, 1)], [Fraction(0, 1), Fraction(1, 1)]]
)doc";

constexpr const char* kPureEquilibriumDoc = R"doc(A pure-strategy Nash equilibrium, as ``pure_equilibria`` returns it.

Attributes
----------
profile : tuple of int
    One strategy index per player.
payoffs : numpy.ndarray
    Each player's payoff at the profile.
strict : bool
    Every player's strategy is its unique best response.
regret : float
    The regret certificate: the largest gain any player has from a
    deviation. 0 with ``exact=True``; otherwise 0, or a tie within the
    tolerance (at most 1e-9 in size).
exact_payoffs : list of str or None
    The payoffs as ``fractions.Fraction`` values when found with ``exact=True``.

Examples
--------
>>> (eq,) = en.pure_equilibria(en.Game([[[0.5, 0]], [[1, 0]]]), exact=True)
>>> eq.profile, eq.exact_payoffs, eq.strict, eq.regret
((0, 0), [Fraction(1, 2), Fraction(1, 1)], True, 0.0)
)doc";

constexpr const char* kEliminationDoc = R"doc(One eliminated strategy in ``DominanceResult.trace``.

Attributes
----------
player : int
    Whose strategy.
strategy : int
    Its index in the original game.
dominated_by : numpy.ndarray or list of str
    A mixed strategy over the player's original strategies (zero off those
    alive in that round; one-hot for a pure dominator) that dominates it
    in the game as it stood at the start of ``round``; ``fractions.Fraction`` values
    when eliminated with ``exact=True``.
round : int
    The round (1-based).

Examples
--------
>>> import numpy as np
>>> A = np.array([[3, 0], [5, 1]])
>>> e = en.eliminate_dominated(en.Game([A, A.T])).trace[0]
>>> e.player, e.strategy, e.dominated_by, e.round
(0, 0, array([0., 1.]), 1)
)doc";

constexpr const char* kDominanceResultDoc = R"doc(What ``eliminate_dominated`` returns.

Attributes
----------
game : Game
    The reduced game (exact, with the surviving strategies' labels).
surviving : list of list of int
    For each player, the original indices of the strategies left, in order.
trace : list of Elimination
    The eliminated strategies, in elimination order.
rounds : int
    How many rounds eliminated something.

Examples
--------
>>> import numpy as np
>>> A = np.array([[3, 0], [5, 1]])
>>> r = en.eliminate_dominated(en.Game([A, A.T]))
>>> r.game.shape, r.rounds, len(r.trace)
((1, 1), 1, 2)
)doc";

constexpr const char* kCorrelatedResultDoc = R"doc(A (coarse) correlated equilibrium, as ``correlated_equilibrium`` returns it.

Attributes
----------
distribution : list of tuple
    ``(profile, probability)`` pairs: a tuple of strategy indices and a
    float, for the profiles with positive probability, in C order.
exact_distribution : list of tuple or None
    The same with ``fractions.Fraction`` values, when solved with ``exact=True``.
array : numpy.ndarray
    The distribution as an array of the game's shape.
payoffs : numpy.ndarray
    Each player's expected payoff.
exact_payoffs : list of str or None
objective : float
    The optimum of the objective.
exact_objective : str or None
regret : float
    The certificate: the largest expected gain of a deviation the
    distribution allows (0 at a (coarse) correlated equilibrium).
exact_regret : str or None
coarse : bool
    Whether it is a coarse correlated equilibrium.

Examples
--------
>>> g = en.Game([[[6, 2], [7, 0]], [[6, 7], [2, 0]]])
>>> cce = en.correlated_equilibrium(g, coarse=True, exact=True)
>>> cce.coarse, cce.exact_payoffs
(True, [Fraction(21, 4), Fraction(21, 4)])
>>> cce.array.shape
(2, 2)
)doc";

void bind_set_fields(py::class_<PyNashSet>& cls) {
  using T = PyNashSet;
  cls.def_property_readonly(
      "rows", [](const T& s) { return numpy_list(s.rows.floating); },
      "The row player's extreme strategies (numpy float64 vectors).");
  cls.def_property_readonly(
      "columns", [](const T& s) { return numpy_list(s.columns.floating); },
      "The column player's extreme strategies (numpy float64 vectors).");
  cls.def_property_readonly(
      "exact_rows", [](const T& s) { return s.rows.exact; }, "The row vertices as lists of fractions.Fraction, or None.");
  cls.def_property_readonly(
      "exact_columns", [](const T& s) { return s.columns.exact; },
      "The column vertices as lists of fractions.Fraction, or None.");
  cls.def_readonly("indices", &T::indices, "Positions of its extreme equilibria in enumerate_equilibria's list.");
  cls.def_property_readonly(
      "equilibria",
      [](const T& s) {
        py::list out;
        for (const auto& e : s.equilibria) out.append(py::cast(e));
        return out;
      },
      "Its extreme equilibria (Equilibrium objects).");
}

}  // namespace

void bind_equilibria(py::module_& m) {
  // Result types --------------------------------------------------------------------
  py::class_<PyNashSet> subset(m, "NashSubset", kNashSubsetDoc);
  bind_set_fields(subset);
  subset.def("__repr__", [](const PyNashSet& s) { return set_repr("NashSubset", s); });

  // A component is a NashSubset in Python too (isinstance holds), plus `subsets`.
  py::class_<PyNashComponent, PyNashSet> component(m, "NashComponent", kNashComponentDoc);
  component.def_property_readonly(
      "subsets",
      [](const PyNashComponent& c) {
        py::list out;
        for (const auto& s : c.subsets) out.append(py::cast(s));
        return out;
      },
      "The maximal Nash subsets this component is the union of.");
  component.def("__repr__", [](const PyNashComponent& s) { return set_repr("NashComponent", s); });

  py::class_<PyPureEquilibrium> pure(m, "PureEquilibrium", kPureEquilibriumDoc);
  pure.def_property_readonly(
      "profile", [](const PyPureEquilibrium& e) { return index_tuple(e.profile); },
      "One strategy index per player (tuple of int).");
  pure.def_property_readonly(
      "payoffs", [](const PyPureEquilibrium& e) { return to_numpy(e.payoffs); },
      "Each player's payoff (numpy float64).");
  pure.def_readonly("strict", &PyPureEquilibrium::strict, "Every strategy is the unique best response.");
  pure.def_readonly("regret", &PyPureEquilibrium::regret,
                    "The regret certificate: the largest gain from a deviation (float, 0 or within the tie tolerance).");
  pure.def_readonly("exact_payoffs", &PyPureEquilibrium::exact_payoffs, "The payoffs as fractions.Fraction, or None.");
  pure.def("__repr__", [](const PyPureEquilibrium& e) {
    return "PureEquilibrium(profile=" + index_text(e.profile) +
           ", payoffs=" + (e.exact_payoffs ? exact_list(*e.exact_payoffs) : float_list(e.payoffs)) +
           ", strict=" + (e.strict ? "True" : "False") + ")";
  });

  py::class_<PyElimination> elimination(m, "Elimination", kEliminationDoc);
  elimination.def_readonly("player", &PyElimination::player, "Whose strategy (int).");
  elimination.def_readonly("strategy", &PyElimination::strategy, "Its index in the original game (int).");
  elimination.def_property_readonly(
      "dominated_by",
      [](const PyElimination& e) -> py::object {
        if (e.exact_dominated_by) return py::cast(*e.exact_dominated_by);
        return to_numpy(e.dominated_by);
      },
      "A dominating mixed strategy over the original strategies (numpy, or fractions.Fraction when exact).");
  elimination.def_readonly("round", &PyElimination::round, "The round that eliminated it (1-based).");
  elimination.def("__repr__", [](const PyElimination& e) {
    return "Elimination(player=" + std::to_string(e.player) + ", strategy=" + std::to_string(e.strategy) +
           ", dominated_by=" +
           (e.exact_dominated_by ? exact_list(*e.exact_dominated_by) : float_list(e.dominated_by)) +
           ", round=" + std::to_string(e.round) + ")";
  });

  py::class_<PyDominance> dominance(m, "DominanceResult", kDominanceResultDoc);
  dominance.def_readonly("game", &PyDominance::game, "The reduced game (entente.Game).");
  dominance.def_readonly("surviving", &PyDominance::surviving,
                         "For each player, the original indices of the surviving strategies.");
  dominance.def_property_readonly(
      "trace",
      [](const PyDominance& d) {
        py::list out;
        for (const auto& e : d.trace) out.append(py::cast(e));
        return out;
      },
      "The eliminations (Elimination objects), in order.");
  dominance.def_readonly("rounds", &PyDominance::rounds, "Rounds that eliminated something.");
  dominance.def("__repr__", [](const PyDominance& d) {
    std::string s = "DominanceResult(surviving=[";
    for (std::size_t i = 0; i < d.surviving.size(); ++i) {
      s += i ? ", [" : "[";
      for (std::size_t k = 0; k < d.surviving[i].size(); ++k)
        s += (k ? ", " : "") + std::to_string(d.surviving[i][k]);
      s += "]";
    }
    return s + "], rounds=" + std::to_string(d.rounds) + ")";
  });

  py::class_<PyCorrelated> correlated(m, "CorrelatedEquilibrium", kCorrelatedResultDoc);
  correlated.def_property_readonly(
      "distribution",
      [](const PyCorrelated& c) {
        py::list out;
        for (std::size_t k = 0; k < c.profiles.size(); ++k)
          out.append(py::make_tuple(index_tuple(c.profiles[k]), c.probabilities[k]));
        return out;
      },
      "(profile, probability) pairs with positive probability, in C order.");
  correlated.def_property_readonly(
      "exact_distribution",
      [](const PyCorrelated& c) -> py::object {
        if (!c.exact_probabilities) return py::none();
        py::list out;
        for (std::size_t k = 0; k < c.profiles.size(); ++k)
          out.append(py::make_tuple(index_tuple(c.profiles[k]), to_fraction((*c.exact_probabilities)[k])));
        return out;
      },
      "(profile, fractions.Fraction) pairs when solved exactly, or None.");
  correlated.def_property_readonly(
      "array",
      [](const PyCorrelated& c) {
        std::vector<py::ssize_t> dims(c.shape.begin(), c.shape.end());
        py::array_t<double> out(dims);
        double* data = out.mutable_data();
        std::fill(data, data + out.size(), 0.0);
        for (std::size_t k = 0; k < c.profiles.size(); ++k) {
          std::size_t flat = 0;
          for (std::size_t i = 0; i < c.shape.size(); ++i) flat = flat * c.shape[i] + c.profiles[k][i];
          data[flat] = c.probabilities[k];
        }
        return out;
      },
      "The distribution as a numpy array of the game's shape.");
  correlated.def_property_readonly(
      "payoffs", [](const PyCorrelated& c) { return to_numpy(c.payoffs); },
      "Each player's expected payoff (numpy float64).");
  correlated.def_readonly("exact_payoffs", &PyCorrelated::exact_payoffs, "The payoffs as fractions.Fraction, or None.");
  correlated.def_readonly("objective", &PyCorrelated::objective, "The optimum of the objective (float).");
  correlated.def_readonly("exact_objective", &PyCorrelated::exact_objective, "The optimum as a fractions.Fraction, or None.");
  correlated.def_readonly("regret", &PyCorrelated::regret, "The largest gain from a deviation (float).");
  correlated.def_readonly("exact_regret", &PyCorrelated::exact_regret, "The largest gain as a fractions.Fraction, or None.");
  correlated.def_readonly("coarse", &PyCorrelated::coarse, "True for a coarse correlated equilibrium.");
  correlated.def("__repr__", [](const PyCorrelated& c) {
    std::string s = std::string(c.coarse ? "CorrelatedEquilibrium(coarse=True" : "CorrelatedEquilibrium(coarse=False") +
                    ", distribution={";
    for (std::size_t k = 0; k < c.profiles.size(); ++k)
      s += (k ? ", " : "") + index_text(c.profiles[k]) + ": " +
           (c.exact_probabilities ? to_string((*c.exact_probabilities)[k]) : float_text(c.probabilities[k]));
    return s + "}, objective=" + (c.exact_objective ? to_string(*c.exact_objective) : float_text(c.objective)) + ")";
  });

  // Functions -------------------------------------------------------------------------
  m.def("lemke_howson", &lemke_howson_py, "game"_a, "label"_a = 0, "exact"_a = false, kLemkeHowsonDoc);
  m.def("lemke_howson_all", &lemke_howson_all_py, "game"_a, "exact"_a = false, kLemkeHowsonAllDoc);
  m.def("enumerate_equilibria", &enumerate_equilibria_py, "game"_a, "exact"_a = false, kEnumerateDoc);
  m.def("maximal_nash_subsets", &maximal_nash_subsets_py, "game"_a, "exact"_a = false, kSubsetsDoc);
  m.def("nash_components", &nash_components_py, "game"_a, "exact"_a = false, kComponentsDoc);
  m.def("support_enumeration", &support_enumeration_py, "game"_a, "exact"_a = false, kSupportDoc);
  m.def("is_nondegenerate", &is_nondegenerate_py, "game"_a, "exact"_a = true, kNondegenerateDoc);
  m.def("pure_equilibria", &pure_equilibria_py, "game"_a, "exact"_a = false, kPureDoc);
  m.def("eliminate_dominated", &eliminate_dominated_py, "game"_a, "mixed"_a = true, "weak"_a = false,
        "exact"_a = false, kDominanceDoc);
  m.def("correlated_equilibrium", &correlated_equilibrium_py, "game"_a, "objective"_a = "welfare",
        "coarse"_a = false, "exact"_a = false, "player"_a = py::none(), "weights"_a = py::none(), kCorrelatedDoc);
}

}  // namespace entente::python
