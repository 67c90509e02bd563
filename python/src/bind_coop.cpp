// Cooperative games: entente.CoalitionalGame (a TU game kept exactly and in
// floating point, with its values, core, least core, nucleolus and
// properties) and entente.WeightedVotingGame (power indices). Every
// computation is the C++ one in include/entente/coop; this file converts,
// releases the GIL while the C++ works and adds no game logic.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/stl.h>

#include "common.hpp"
#include "entente/coop/coalitional_game.hpp"
#include "entente/coop/core.hpp"
#include "entente/coop/nucleolus.hpp"
#include "entente/coop/values.hpp"
#include "entente/coop/voting.hpp"

namespace entente::python {

using namespace pybind11::literals;

namespace {

// --- conversions ----------------------------------------------------------------

/// The exact game and its floating twin (values are nearest_double of the
/// exact ones), like PyGame.
struct PyCoalitionalGame {
  CoalitionalGame<Rational> exact;
  CoalitionalGame<double> floating;

  explicit PyCoalitionalGame(CoalitionalGame<Rational> game)
      : exact(std::move(game)), floating(floating_twin(exact)) {}

  static CoalitionalGame<double> floating_twin(const CoalitionalGame<Rational>& g) {
    std::vector<double> values;
    values.reserve(g.values().size());
    for (const auto& q : g.values()) values.push_back(nearest_double(q));
    return CoalitionalGame<double>(g.n(), std::move(values), g.players());
  }
};

/// Player names: None, or a sequence of `expected` strings.
std::vector<std::string> read_players(const py::object& obj, std::size_t expected) {
  if (obj.is_none()) return {};
  if (py::isinstance<py::str>(obj) || !py::isinstance<py::sequence>(obj))
    throw InvalidArgument("players must be a list of " + std::to_string(expected) + " strings");
  py::sequence seq = py::reinterpret_borrow<py::sequence>(obj);
  if (seq.size() != expected)
    throw InvalidArgument("got " + std::to_string(seq.size()) + " player names for " + std::to_string(expected) +
                          " players");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < expected; ++i) {
    py::object item = seq[i];
    if (!py::isinstance<py::str>(item))
      throw InvalidArgument("player names must be strings, got " + py::repr(item).cast<std::string>());
    out.push_back(item.cast<std::string>());
  }
  return out;
}

/// A one-dimensional sequence of exact numbers.
std::vector<Rational> read_vector(py::handle obj, const std::string& what) {
  return read_tensor(obj, what, 1).values;
}

/// One exact number (int, float, Fraction, "p/q" string ...).
Rational read_scalar(const py::object& obj, const std::string& what) {
  if (py::isinstance<py::list>(obj) || py::isinstance<py::tuple>(obj) ||
      (py::isinstance<py::array>(obj) && py::reinterpret_borrow<py::array>(obj).ndim() != 0))
    throw InvalidArgument(what + " must be a single number");
  py::list wrapped;
  wrapped.append(obj);
  return read_tensor(wrapped, what, 1).values.at(0);
}

std::int64_t to_int64(const Rational& q, const std::string& what) {
  if (q.get_den() != 1 || !q.get_num().fits_slong_p())
    throw InvalidArgument(what + " must be an integer, got " + to_string(q));
  return static_cast<std::int64_t>(q.get_num().get_si());
}

PyCoalitionalGame make_coalitional_game(const py::object& n_obj, const py::object& values, const py::object& players) {
  constexpr auto max_n = CoalitionalGame<Rational>::max_players;
  if (py::isinstance<py::bool_>(n_obj) || !PyIndex_Check(n_obj.ptr()))
    throw InvalidArgument("CoalitionalGame: n must be an integer, got " + py::repr(n_obj).cast<std::string>());
  py::object index = py::reinterpret_steal<py::object>(PyNumber_Index(n_obj.ptr()));
  if (!index) throw py::error_already_set();
  int overflow = 0;
  long long n = PyLong_AsLongLongAndOverflow(index.ptr(), &overflow);
  if (overflow != 0) n = overflow > 0 ? std::numeric_limits<long long>::max() : std::numeric_limits<long long>::min();
  if (n < 1) throw InvalidArgument("CoalitionalGame: needs at least one player, got n = " + std::to_string(n));
  if (n > static_cast<long long>(max_n))
    throw InvalidArgument("CoalitionalGame: at most " + std::to_string(max_n) + " players, got n = " +
                          std::to_string(n));
  const auto count = static_cast<std::size_t>(n);
  if (py::hasattr(values, "__len__") && !py::isinstance<py::str>(values)) {
    // Check the length before reading (and converting) every entry.
    const std::size_t expected = std::size_t(1) << count, got = py::len(values);
    if (got != expected)
      throw InvalidArgument("CoalitionalGame: " + std::to_string(count) + " players need 2^" +
                            std::to_string(count) + " = " + std::to_string(expected) + " values, got " +
                            std::to_string(got));
  }
  auto names = read_players(players, count);
  return PyCoalitionalGame(CoalitionalGame<Rational>(count, read_vector(values, "values"), std::move(names)));
}

py::list string_list(const std::vector<Rational>& v) {
  py::list out;
  for (const auto& q : v) out.append(py::str(to_string(q)));
  return out;
}

/// A payoff vector as numpy floats, or as "p/q" strings when exact.
py::object vector_out(const std::vector<Rational>& v) { return string_list(v); }
py::object vector_out(const std::vector<double>& v) { return to_numpy(v); }

py::object scalar_out(const Rational& q) { return py::str(to_string(q)); }
py::object scalar_out(double x) { return py::float_(x); }

/// Runs `f` on the exact or the floating game with the GIL released and
/// converts the resulting vector.
template <class F>
py::object vector_result(const PyCoalitionalGame& g, bool exact, F&& f) {
  if (exact) {
    std::vector<Rational> r;
    r = interruptible([&] { return f(g.exact); });
    return vector_out(r);
  }
  std::vector<double> r;
  r = interruptible([&] { return f(g.floating); });
  return vector_out(r);
}

template <class F>
bool released_check(const PyCoalitionalGame& g, bool exact, F&& f) {
  return interruptible([&] { return exact ? f(g.exact) : f(g.floating); });
}

template <class Scalar>
py::object core_py(const CoalitionalGame<Scalar>& g) {
  std::optional<std::vector<Scalar>> point;
  point = interruptible([&] { return core_point(g); });
  if (!point) return py::none();
  return vector_out(*point);
}

template <class Scalar>
py::tuple least_core_py(const CoalitionalGame<Scalar>& g) {
  std::optional<LeastCore<Scalar>> lc;
  lc.emplace(interruptible([&] { return least_core(g); }));
  return py::make_tuple(scalar_out(lc->epsilon), vector_out(lc->point));
}

bool in_core_py(const PyCoalitionalGame& g, const py::object& x, bool exact) {
  auto point = read_vector(x, "x");
  g.exact.check_payoff(point);
  if (exact) {
    py::gil_scoped_release release;
    return in_core(g.exact, point);
  }
  std::vector<double> floating;
  for (const auto& q : point) floating.push_back(nearest_double(q));
  py::gil_scoped_release release;
  return in_core(g.floating, floating);
}

// --- weighted voting ---------------------------------------------------------------

WeightedVotingGame make_voting_game(const py::object& quota, const py::object& weights, const py::object& players) {
  const std::int64_t q = to_int64(read_scalar(quota, "quota"), "the quota");
  std::vector<std::int64_t> w;
  const auto exact_weights = read_vector(weights, "weights");
  for (std::size_t i = 0; i < exact_weights.size(); ++i)
    w.push_back(to_int64(exact_weights[i], "weight " + std::to_string(i)));
  auto names = read_players(players, w.size());
  return WeightedVotingGame(q, std::move(w), std::move(names));
}

/// WeightedVotingGame.coalitional_game() builds 2^n values; more than this
/// many players would need gigabytes.
constexpr std::size_t kMaxVotingToCoalitional = 20;

// --- docstrings ---------------------------------------------------------------------

constexpr const char* kCoalitionalDoc = R"doc(A transferable-utility (TU) game in characteristic function form.

The game is kept exactly (rationals) and in floating point; floats are read
exactly as the binary numbers they are, so ``0.1`` is not ``1/10`` (write
``"1/10"`` or ``fractions.Fraction(1, 10)`` for that). Every method takes
``exact``: ``False`` computes in floating point and returns numpy arrays,
``True`` computes in rationals and returns ``"p/q"`` strings.

Parameters
----------
n : int
    The number of players, 1 to 30.
values : sequence or numpy array
    ``2**n`` numbers: ``values[mask]`` is v(S) where bit i of ``mask`` is set
    exactly when player i is in S; ``values[0]`` must be 0. Entries may be
    floats, ints, ``fractions.Fraction``, ``decimal.Decimal`` or ``"p/q"``
    strings.
players : list of str, optional
    The player names; ``"0"``, ``"1"``, ... by default.

Raises
------
ValueError
    When n is out of range, ``len(values) != 2**n``, ``values[0] != 0``, a
    value is not a finite number, or the names do not match n.

Examples
--------
The glove game: player 0 holds a left glove, players 1 and 2 right gloves.

>>> g = en.CoalitionalGame(3, [0, 0, 0, 1, 0, 1, 0, 1])
>>> g.shapley(exact=True)
['2/3', '1/6', '1/6']
>>> g.nucleolus(exact=True)
['1', '0', '0']
)doc";

constexpr const char* kVotingDoc = R"doc(A weighted voting game [quota; w_1, ..., w_n].

A coalition wins when its total weight is at least the quota. Power indices
are counted exactly by dynamic programming over weight sums, so hundreds of
players are fine when quota times players stays below ten million.

Parameters
----------
quota : int
    Between 1 and the total weight.
weights : sequence of int
    Non-negative integer weights, one per player.
players : list of str, optional
    The player names; ``"0"``, ``"1"``, ... by default.

Raises
------
ValueError
    For a non-integer or negative weight, a quota out of range, a counting
    table too large, or names that do not match the weights.

Examples
--------
The UN Security Council: five permanent members of weight 7, ten others of
weight 1, quota 39.

>>> un = en.WeightedVotingGame(39, [7] * 5 + [1] * 10)
>>> un.shapley_shubik(exact=True)[0], un.shapley_shubik(exact=True)[5]
('421/2145', '4/2145')
)doc";

}  // namespace

void bind_coop(py::module_& m) {
  py::class_<PyCoalitionalGame> cls(m, "CoalitionalGame", kCoalitionalDoc);
  cls.def(py::init(&make_coalitional_game), "n"_a, "values"_a, "players"_a = py::none());

  cls.def_property_readonly(
      "n", [](const PyCoalitionalGame& g) { return g.exact.n(); },
      R"doc(The number of players.

Examples
--------
>>> en.CoalitionalGame(2, [0, 1, 1, 3]).n
2
)doc");
  cls.def_property_readonly(
      "values", [](const PyCoalitionalGame& g) { return to_numpy(g.floating.values()); },
      R"doc(The characteristic function as a float64 array of length ``2**n`` (a copy).

``values[mask]`` is v(S) where bit i of ``mask`` is set when player i is in S.

Examples
--------
>>> en.CoalitionalGame(2, [0, 1, 1, 3]).values
array([0., 1., 1., 3.])
)doc");
  cls.def(
      "exact_values", [](const PyCoalitionalGame& g) { return string_list(g.exact.values()); },
      R"doc(The characteristic function exactly, as a list of ``"p/q"`` strings.

Examples
--------
>>> en.CoalitionalGame(2, [0, "1/2", 0.25, 1]).exact_values()
['0', '1/2', '1/4', '1']
)doc");
  cls.def_property_readonly(
      "players", [](const PyCoalitionalGame& g) { return g.exact.players(); },
      R"doc(The player names, a list of str.

Examples
--------
>>> en.CoalitionalGame(2, [0, 1, 1, 3], players=["France", "UK"]).players
['France', 'UK']
)doc");

  cls.def(
      "shapley",
      [](const PyCoalitionalGame& g, bool exact) {
        return vector_result(g, exact, [](const auto& game) { return shapley_value(game); });
      },
      "exact"_a = false,
      R"doc(The Shapley value (Shapley 1953): each player's average marginal contribution.

Parameters
----------
exact : bool, default False
    Compute in rationals and return ``"p/q"`` strings.

Returns
-------
numpy.ndarray or list of str
    One entry per player; the entries sum to v(N).

Examples
--------
>>> en.CoalitionalGame(2, [0, 1, 1, 3]).shapley()
array([1.5, 1.5])
>>> en.CoalitionalGame(3, [0, 0, 0, 1, 0, 1, 0, 1]).shapley(exact=True)
['2/3', '1/6', '1/6']
)doc");

  cls.def(
      "banzhaf",
      [](const PyCoalitionalGame& g, bool normalized, bool exact) {
        return vector_result(g, exact, [normalized](const auto& game) { return banzhaf_value(game, normalized); });
      },
      "normalized"_a = false, "exact"_a = false,
      R"doc(The Banzhaf value: raw, or normalised to sum to 1.

Parameters
----------
normalized : bool, default False
    False: each player's average marginal contribution over the ``2**(n-1)``
    coalitions of the others. True: those divided by their sum (ValueError
    when the sum is 0).
exact : bool, default False
    Compute in rationals and return ``"p/q"`` strings.

Examples
--------
>>> g = en.CoalitionalGame(3, [0, 0, 0, 1, 0, 1, 0, 1])
>>> g.banzhaf(exact=True)
['3/4', '1/4', '1/4']
>>> g.banzhaf(normalized=True, exact=True)
['3/5', '1/5', '1/5']
)doc");

  cls.def(
      "nucleolus",
      [](const PyCoalitionalGame& g, bool exact) {
        return vector_result(g, exact, [](const auto& game) { return nucleolus(game); });
      },
      "exact"_a = false,
      R"doc(The nucleolus (Schmeidler 1969), by the sequential LP method.

The imputation (efficient, individually rational) that lexicographically
minimises the excesses v(S) - x(S) sorted from the largest.

Parameters
----------
exact : bool, default False
    Compute in rationals and return ``"p/q"`` strings.

Raises
------
ValueError
    When there is no imputation (the v({i}) sum past v(N)).

Examples
--------
A bankruptcy game, estate 200 and claims 100, 200, 300: the nucleolus is the
Talmud rule.

>>> v = [max(0, 200 - sum(c for i, c in enumerate([100, 200, 300]) if not m >> i & 1))
...      for m in range(8)]
>>> en.CoalitionalGame(3, v).nucleolus(exact=True)
['50', '75', '75']
)doc");

  cls.def(
      "prenucleolus",
      [](const PyCoalitionalGame& g, bool exact) {
        return vector_result(g, exact, [](const auto& game) { return prenucleolus(game); });
      },
      "exact"_a = false,
      R"doc(The prenucleolus: like the nucleolus, over all efficient payoffs.

It equals the nucleolus whenever the core is non-empty.

Parameters
----------
exact : bool, default False
    Compute in rationals and return ``"p/q"`` strings.

Examples
--------
>>> en.CoalitionalGame(3, [0, 0, 0, 1, 0, 1, 1, 1]).prenucleolus(exact=True)
['1/3', '1/3', '1/3']
)doc");

  cls.def(
      "core",
      [](const PyCoalitionalGame& g, bool exact) { return exact ? core_py(g.exact) : core_py(g.floating); },
      "exact"_a = false,
      R"doc(A point of the core, or None when the core is empty.

The core is the set of payoffs x with x(N) = v(N) and x(S) >= v(S) for every
coalition S; one of its points is found by linear programming.

Parameters
----------
exact : bool, default False
    Compute in rationals and return ``"p/q"`` strings.

Examples
--------
>>> en.CoalitionalGame(3, [0, 0, 0, 1, 0, 1, 1, 1]).core() is None
True
>>> en.CoalitionalGame(3, [0, 0, 0, 1, 0, 1, 0, 1]).core(exact=True)
['1', '0', '0']
)doc");

  cls.def(
      "least_core",
      [](const PyCoalitionalGame& g, bool exact) {
        return exact ? least_core_py(g.exact) : least_core_py(g.floating);
      },
      "exact"_a = false,
      R"doc(The least core (Maschler, Peleg & Shapley 1979): ``(epsilon, point)``.

epsilon is the least number such that some efficient x has
x(S) >= v(S) - epsilon for every proper non-empty coalition S; the core is
non-empty exactly when epsilon <= 0. Needs at least two players.

Parameters
----------
exact : bool, default False
    Compute in rationals; epsilon is then a ``"p/q"`` string and the point a
    list of them. Otherwise a float and a numpy array.

Examples
--------
>>> en.CoalitionalGame(3, [0, 0, 0, 1, 0, 1, 1, 1]).least_core(exact=True)
('1/3', ['1/3', '1/3', '1/3'])
)doc");

  cls.def("in_core", &in_core_py, "x"_a, "exact"_a = false,
          R"doc(Whether the payoff vector x lies in the core.

Parameters
----------
x : sequence of numbers
    One payoff per player (floats, ints, Fractions or ``"p/q"`` strings).
exact : bool, default False
    Check in rationals with no tolerance. Otherwise in floating point within
    1e-9 times the largest ``|v(S)|``.

Examples
--------
>>> g = en.CoalitionalGame(3, [0, 0, 0, 1, 0, 1, 0, 1])
>>> g.in_core([1, 0, 0]), g.in_core([0.5, 0.25, 0.25])
(True, False)
)doc");

  cls.def(
      "is_superadditive",
      [](const PyCoalitionalGame& g, bool exact) {
        return released_check(g, exact, [](const auto& game) { return game.is_superadditive(); });
      },
      "exact"_a = true,
      R"doc(Whether v(S u T) >= v(S) + v(T) for all disjoint S, T.

Parameters
----------
exact : bool, default True
    Decide in rationals; False compares floats within a tolerance.

Examples
--------
>>> en.CoalitionalGame(2, [0, 1, 1, 3]).is_superadditive()
True
)doc");
  cls.def(
      "is_convex",
      [](const PyCoalitionalGame& g, bool exact) {
        return released_check(g, exact, [](const auto& game) { return game.is_convex(); });
      },
      "exact"_a = true,
      R"doc(Whether the game is convex (supermodular): v(S u T) + v(S n T) >= v(S) + v(T).

Parameters
----------
exact : bool, default True
    Decide in rationals; False compares floats within a tolerance.

Examples
--------
>>> en.CoalitionalGame(3, [0, 0, 0, 1, 0, 1, 1, 1]).is_convex()
False
)doc");
  cls.def(
      "is_monotone",
      [](const PyCoalitionalGame& g, bool exact) {
        return released_check(g, exact, [](const auto& game) { return game.is_monotone(); });
      },
      "exact"_a = true,
      R"doc(Whether S ⊆ T implies v(S) <= v(T).

Parameters
----------
exact : bool, default True
    Decide in rationals; False compares floats within a tolerance.

Examples
--------
>>> en.CoalitionalGame(2, [0, 2, 1, 1]).is_monotone()
False
)doc");
  cls.def(
      "is_simple",
      [](const PyCoalitionalGame& g, bool exact) {
        return released_check(g, exact, [](const auto& game) { return game.is_simple(); });
      },
      "exact"_a = true,
      R"doc(Whether the game is simple: values 0 or 1, monotone, v(N) = 1.

Parameters
----------
exact : bool, default True
    Decide in rationals; False compares floats.

Examples
--------
>>> en.CoalitionalGame(3, [0, 0, 0, 1, 0, 1, 1, 1]).is_simple()
True
)doc");
  cls.def(
      "is_balanced",
      [](const PyCoalitionalGame& g, bool exact) {
        return released_check(g, exact, [](const auto& game) { return game.is_balanced(); });
      },
      "exact"_a = true,
      R"doc(Whether the game is balanced, i.e. its core is non-empty (Bondareva-Shapley).

Decided by one linear program.

Parameters
----------
exact : bool, default True
    Solve the LP in rationals; False in floating point.

Examples
--------
>>> en.CoalitionalGame(3, [0, 0, 0, 1, 0, 1, 1, 1]).is_balanced()
False
>>> en.CoalitionalGame(3, [0, 0, 0, 1, 0, 1, 0, 1]).is_balanced()
True
)doc");
  cls.def("__repr__", [](const PyCoalitionalGame& g) {
    return "CoalitionalGame(n=" + std::to_string(g.exact.n()) +
           ", players=" + py::repr(py::cast(g.exact.players())).cast<std::string>() + ")";
  });

  py::class_<WeightedVotingGame> voting(m, "WeightedVotingGame", kVotingDoc);
  voting.def(py::init(&make_voting_game), "quota"_a, "weights"_a, "players"_a = py::none());
  voting.def_property_readonly(
      "n", [](const WeightedVotingGame& g) { return g.n(); },
      R"doc(The number of players.

Examples
--------
>>> en.WeightedVotingGame(3, [2, 1, 1]).n
3
)doc");
  voting.def_property_readonly(
      "quota", [](const WeightedVotingGame& g) { return g.quota(); },
      R"doc(The quota, an int.

Examples
--------
>>> en.WeightedVotingGame(3, [2, 1, 1]).quota
3
)doc");
  voting.def_property_readonly(
      "weights", [](const WeightedVotingGame& g) { return g.weights(); },
      R"doc(The weights, a list of int.

Examples
--------
>>> en.WeightedVotingGame(3, [2, 1, 1]).weights
[2, 1, 1]
)doc");
  voting.def_property_readonly(
      "players", [](const WeightedVotingGame& g) { return g.players(); },
      R"doc(The player names, a list of str.

Examples
--------
>>> en.WeightedVotingGame(2, [1, 1], players=["a", "b"]).players
['a', 'b']
)doc");
  voting.def(
      "shapley_shubik",
      [](const WeightedVotingGame& g, bool exact) -> py::object {
        if (exact) {
          std::vector<Rational> r;
          r = interruptible([&] { return g.shapley_shubik<Rational>(); });
          return string_list(r);
        }
        std::vector<double> r;
        r = interruptible([&] { return g.shapley_shubik<double>(); });
        return to_numpy(r);
      },
      "exact"_a = false,
      R"doc(The Shapley-Shubik power index (Shapley & Shubik 1954).

Each player's share of the n! orderings in which it is pivotal; the indices
sum to 1. Counted exactly; floats are the nearest doubles.

Parameters
----------
exact : bool, default False
    Return ``"p/q"`` strings instead of a numpy array.

Examples
--------
>>> en.WeightedVotingGame(3, [2, 1, 1]).shapley_shubik(exact=True)
['2/3', '1/6', '1/6']
)doc");
  voting.def(
      "banzhaf",
      [](const WeightedVotingGame& g, bool normalized, bool exact) -> py::object {
        if (exact) {
          std::vector<Rational> r;
          r = interruptible([&] { return g.banzhaf<Rational>(normalized); });
          return string_list(r);
        }
        std::vector<double> r;
        r = interruptible([&] { return g.banzhaf<double>(normalized); });
        return to_numpy(r);
      },
      "normalized"_a = true, "exact"_a = false,
      R"doc(The Banzhaf power index: normalised (default) or raw.

Parameters
----------
normalized : bool, default True
    True: each player's swings over the total number of swings (sums to 1).
    False: swings over ``2**(n-1)``.
exact : bool, default False
    Return ``"p/q"`` strings instead of a numpy array.

Examples
--------
>>> g = en.WeightedVotingGame(3, [2, 1, 1])
>>> g.banzhaf(exact=True)
['3/5', '1/5', '1/5']
>>> g.banzhaf(normalized=False, exact=True)
['3/4', '1/4', '1/4']
)doc");
  voting.def(
      "coalitional_game",
      [](const WeightedVotingGame& g) {
        if (g.n() > kMaxVotingToCoalitional)
          throw InvalidArgument("WeightedVotingGame.coalitional_game: at most " +
                                std::to_string(kMaxVotingToCoalitional) + " players (2^n values), got " +
                                std::to_string(g.n()));
        return PyCoalitionalGame(interruptible([&] { return g.to_coalitional_game<Rational>(); }));
      },
      R"doc(The simple game as a CoalitionalGame: v(S) = 1 when S wins, else 0.

At most 20 players (the result stores ``2**n`` values).

Examples
--------
>>> g = en.WeightedVotingGame(3, [2, 1, 1]).coalitional_game()
>>> g.exact_values()
['0', '0', '0', '1', '0', '1', '0', '1']
>>> g.is_simple()
True
)doc");
  voting.def("__repr__", [](const WeightedVotingGame& g) {
    return "WeightedVotingGame(quota=" + std::to_string(g.quota()) +
           ", weights=" + py::repr(py::cast(g.weights())).cast<std::string>() + ")";
  });
}

}  // namespace entente::python
