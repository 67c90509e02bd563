// Cooperative games: entente.CoalitionalGame (a TU game kept exactly and in
// floating point, with its values, core, least core, nucleolus and
// properties) and entente.WeightedVotingGame (power indices). Every
// computation is the C++ one in include/entente/coop; this file converts,
// releases the GIL while the C++ works and adds no game logic.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/stl.h>

#include "coalitional_game.hpp"
#include "common.hpp"
#include "entente/coop/coalitional_game.hpp"
#include "entente/coop/core.hpp"
#include "entente/coop/nucleolus.hpp"
#include "entente/coop/sampled_shapley.hpp"
#include "entente/coop/values.hpp"
#include "entente/coop/voting.hpp"

namespace entente::python {

using namespace pybind11::literals;

namespace {

// --- conversions ----------------------------------------------------------------

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
    out.push_back(utf8_of(item, "player names"));
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

/// The player set of a mask as a frozenset: of names when `names` is given, else of indices.
py::frozenset coalition_set(Coalition mask, std::size_t n, const std::vector<std::string>& names) {
  py::list members;
  for (std::size_t i = 0; i < n; ++i)
    if (mask >> i & 1u) {
      if (names.empty()) members.append(py::int_(i));
      else members.append(py::str(names[i]));
    }
  return py::frozenset(members);
}

/// A dict key (an iterable of player indices or names) as a mask.
Coalition key_to_mask(const py::handle& key, std::size_t n, const std::vector<std::string>& names) {
  if (py::isinstance<py::str>(key) || !py::hasattr(key, "__iter__"))
    throw InvalidArgument("CoalitionalGame: a dict key must be a set of players, got " +
                          py::repr(key).cast<std::string>());
  Coalition mask = 0;
  for (py::handle item : py::iter(key)) {
    std::size_t i = n;
    if (py::isinstance<py::str>(item)) {
      const auto name = item.cast<std::string>();
      for (std::size_t k = 0; k < names.size(); ++k)
        if (names[k] == name) i = k;
      if (i == n) throw InvalidArgument("CoalitionalGame: unknown player " + py::repr(item).cast<std::string>());
    } else if (!py::isinstance<py::bool_>(item) && PyIndex_Check(item.ptr())) {
      const long long k = item.cast<long long>();
      if (k < 0 || k >= static_cast<long long>(n))
        throw InvalidArgument("CoalitionalGame: player index " + std::to_string(k) + " out of range for " +
                              std::to_string(n) + " players");
      i = std::size_t(k);
    } else {
      throw InvalidArgument("CoalitionalGame: a player must be an index or a name, got " +
                            py::repr(item).cast<std::string>());
    }
    mask |= Coalition(1) << i;
  }
  return mask;
}

/// v from a dict {coalition: value}: every non-empty coalition once; the empty one optional.
std::vector<Rational> values_from_dict(const py::dict& d, std::size_t n, const std::vector<std::string>& names) {
  const std::size_t size = std::size_t(1) << n;
  if (d.size() > size) throw InvalidArgument("CoalitionalGame: more dict entries than the 2^n coalitions");
  std::vector<int> seen(size, 0);
  py::list ordered(size);
  ordered[0] = py::int_(0);
  for (auto item : d) {
    const Coalition m = key_to_mask(item.first, n, names);
    if (seen[m]++) throw InvalidArgument("CoalitionalGame: coalition " + py::repr(item.first).cast<std::string>() +
                                         " appears twice in the dict");
    ordered[m] = item.second;
  }
  for (std::size_t m = 1; m < size; ++m)
    if (!seen[m])
      throw InvalidArgument("CoalitionalGame: the dict has no value for coalition " +
                            py::repr(coalition_set(Coalition(m), n, names)).cast<std::string>() +
                            " (every non-empty coalition needs one)");
  return read_vector(ordered, "values");
}

/// v from a callable of the coalition's frozenset.
std::vector<Rational> values_from_callable(const py::object& f, std::size_t n, const std::vector<std::string>& names) {
  const std::size_t size = std::size_t(1) << n;
  py::list ordered(size);
  ordered[0] = py::int_(0);
  for (std::size_t m = 1; m < size; ++m) ordered[m] = f(coalition_set(Coalition(m), n, names));
  return read_vector(ordered, "values");
}

PyCoalitionalGame make_coalitional_game(const py::object& n_obj, const py::object& values, const py::object& players) {
  constexpr auto max_n = CoalitionalGame<Rational>::max_players;
  long long n = 0;
  if (n_obj.is_none()) {
    if (players.is_none() || !py::hasattr(players, "__len__"))
      throw InvalidArgument("CoalitionalGame: give n or the list of players");
    n = static_cast<long long>(py::len(players));
  } else {
    if (py::isinstance<py::bool_>(n_obj) || !PyIndex_Check(n_obj.ptr()))
      throw InvalidArgument("CoalitionalGame: n must be an integer, got " + py::repr(n_obj).cast<std::string>());
    py::object index = py::reinterpret_steal<py::object>(PyNumber_Index(n_obj.ptr()));
    if (!index) throw py::error_already_set();
    int overflow = 0;
    n = PyLong_AsLongLongAndOverflow(index.ptr(), &overflow);
    if (overflow != 0) n = overflow > 0 ? std::numeric_limits<long long>::max() : std::numeric_limits<long long>::min();
  }
  if (n < 1) throw InvalidArgument("CoalitionalGame: needs at least one player, got n = " + std::to_string(n));
  if (n > static_cast<long long>(max_n))
    throw InvalidArgument("CoalitionalGame: at most " + std::to_string(max_n) + " players, got n = " +
                          std::to_string(n) + "; for more, estimate the Shapley value with entente.sampled_shapley");
  const auto count = static_cast<std::size_t>(n);
  auto names = read_players(players, count);
  if (values.is_none()) throw InvalidArgument("CoalitionalGame: values are missing");
  if (py::isinstance<py::dict>(values)) {
    auto v = values_from_dict(py::reinterpret_borrow<py::dict>(values), count, names);
    return PyCoalitionalGame(CoalitionalGame<Rational>(count, std::move(v), std::move(names)));
  }
  if (PyCallable_Check(values.ptr()) && !py::hasattr(values, "__len__")) {
    if (count > 20)
      throw InvalidArgument("CoalitionalGame: a callable is evaluated on all 2^n coalitions; at most 20 players, got " +
                            std::to_string(count) + "; use entente.sampled_shapley for larger games");
    auto v = values_from_callable(values, count, names);
    return PyCoalitionalGame(CoalitionalGame<Rational>(count, std::move(v), std::move(names)));
  }
  if (py::hasattr(values, "__len__") && !py::isinstance<py::str>(values)) {
    // Check the length before reading (and converting) every entry.
    const std::size_t expected = std::size_t(1) << count, got = py::len(values);
    if (got != expected)
      throw InvalidArgument("CoalitionalGame: " + std::to_string(count) + " players need 2^" +
                            std::to_string(count) + " = " + std::to_string(expected) + " values, got " +
                            std::to_string(got));
  }
  return PyCoalitionalGame(CoalitionalGame<Rational>(count, read_vector(values, "values"), std::move(names)));
}

NucleolusOptions nucleolus_options(const std::string& method, std::optional<double> time_limit, std::size_t lp_limit) {
  NucleolusOptions o;
  if (method == "generation") o.method = NucleolusMethod::constraint_generation;
  else if (method == "full") o.method = NucleolusMethod::full;
  else throw InvalidArgument("nucleolus: method must be \"generation\" or \"full\", got \"" + method + "\"");
  o.time_limit_seconds = time_limit_of(time_limit);
  o.lp_limit = lp_limit;
  return o;
}

SampledShapleyOptions sampling_options(std::size_t samples, std::uint64_t seed, double confidence,
                                       std::optional<double> time_limit) {
  SampledShapleyOptions o;
  o.samples = samples;
  o.seed = seed;
  o.confidence = confidence;
  o.time_limit_seconds = time_limit_of(time_limit);
  return o;
}

py::dict sampled_out(const SampledShapley& r) {
  py::dict d;
  d["value"] = to_numpy(r.value);
  d["half_width"] = to_numpy(r.half_width);
  d["std_error"] = to_numpy(r.std_error);
  d["samples"] = r.samples;
  d["confidence"] = r.confidence;
  d["status"] = r.status == SamplingStatus::complete ? "complete" : "time_limit";
  return d;
}

/// The least core as (epsilon, point), converted for Python.
template <class Scalar>
py::tuple least_core_py(const CoalitionalGame<Scalar>& g) {
  std::optional<LeastCore<Scalar>> lc;
  lc.emplace(interruptible([&] { return least_core(g); }));
  return py::make_tuple(to_python_value(lc->epsilon), to_python_value(lc->point));
}

bool in_core_py(const PyCoalitionalGame& g, const py::object& x, bool exact, const py::object& epsilon) {
  auto point = read_vector(x, "x");
  g.exact.check_payoff(point);
  const Rational eps = read_scalar(epsilon, "epsilon");
  return with_scalar(exact, [&](auto zero) {
    using Scalar = decltype(zero);
    std::vector<Scalar> converted;
    for (const auto& q : point) converted.push_back(scalar_of<Scalar>(q));
    const Scalar e = scalar_of<Scalar>(eps);
    py::gil_scoped_release release;
    return in_epsilon_core(member_of<Scalar>(g), converted, e);
  });
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
``True`` computes in rationals and returns ``fractions.Fraction`` values.

Parameters
----------
n : int, optional
    The number of players, 1 to 30; may be left out when ``players`` is given.
values : sequence, numpy array, dict or callable
    A sequence of ``2**n`` numbers: ``values[mask]`` is v(S) where bit i of
    ``mask`` is set exactly when player i is in S; ``values[0]`` must be 0.
    Or a dict ``{coalition: value}`` whose keys are sets (frozensets,
    tuples ...) of player indices or names, one entry for every non-empty
    coalition (the empty one may be left out). Or a callable ``v(S)`` called
    once per non-empty coalition with a frozenset of player indices, of names
    when ``players`` is given (at most 20 players). Numbers may be floats,
    ints, ``fractions.Fraction``, ``decimal.Decimal`` or ``"p/q"`` strings.
players : list of str, optional
    The player names; ``"0"``, ``"1"``, ... by default.

Raises
------
ValueError
    When n is out of range, ``len(values) != 2**n``, ``values[0] != 0``, a
    value is not a finite number, a dict misses or repeats a coalition or
    names an unknown player, or the names do not match n.

Examples
--------
The glove game: player 0 holds a left glove, players 1 and 2 right gloves.

>>> g = en.CoalitionalGame(3, [0, 0, 0, 1, 0, 1, 0, 1])
>>> g.shapley(exact=True)
[Fraction(2, 3), Fraction(1, 6), Fraction(1, 6)]
>>> g.nucleolus(exact=True)
[Fraction(1, 1), Fraction(0, 1), Fraction(0, 1)]

The same game from a function of the coalition, with named players:

>>> h = en.CoalitionalGame(values=lambda s: min(len(s & {"L"}), len(s - {"L"})),
...                        players=["L", "R1", "R2"])
>>> h.players, h.shapley(exact=True)
(['L', 'R1', 'R2'], [Fraction(2, 3), Fraction(1, 6), Fraction(1, 6)])
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
(Fraction(421, 2145), Fraction(4, 2145))
)doc";

}  // namespace

void bind_coop(py::module_& m) {
  py::class_<PyCoalitionalGame> cls(m, "CoalitionalGame", kCoalitionalDoc);
  cls.def(py::init(&make_coalitional_game), "n"_a = py::none(), "values"_a = py::none(), "players"_a = py::none());

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
      "exact_values", [](const PyCoalitionalGame& g) { return to_python_value(g.exact.values()); },
      R"doc(The characteristic function exactly, as a list of ``fractions.Fraction``.

Examples
--------
>>> en.CoalitionalGame(2, [0, "1/2", 0.25, 1]).exact_values()
[Fraction(0, 1), Fraction(1, 2), Fraction(1, 4), Fraction(1, 1)]
)doc");
  cls.def_property_readonly(
      "players", [](const PyCoalitionalGame& g) { return to_text(g.exact.players()); },
      R"doc(The player names, a list of str.

Examples
--------
>>> en.CoalitionalGame(2, [0, 1, 1, 3], players=["France", "UK"]).players
['France', 'UK']
)doc");

  cls.def(
      "shapley",
      [](const PyCoalitionalGame& g, bool exact) {
        return computed(g, exact, [](const auto& game) { return shapley_value(game); });
      },
      "exact"_a = false,
      R"doc(The Shapley value (Shapley 1953): each player's average marginal contribution.

Parameters
----------
exact : bool, default False
    Compute in rationals and return ``fractions.Fraction`` values.

Returns
-------
numpy.ndarray or list of str
    One entry per player; the entries sum to v(N).

Examples
--------
>>> en.CoalitionalGame(2, [0, 1, 1, 3]).shapley()
array([1.5, 1.5])
>>> en.CoalitionalGame(3, [0, 0, 0, 1, 0, 1, 0, 1]).shapley(exact=True)
[Fraction(2, 3), Fraction(1, 6), Fraction(1, 6)]
)doc");

  cls.def(
      "banzhaf",
      [](const PyCoalitionalGame& g, bool normalized, bool exact) {
        return computed(g, exact, [normalized](const auto& game) { return banzhaf_value(game, normalized); });
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
    Compute in rationals and return ``fractions.Fraction`` values.

Examples
--------
>>> g = en.CoalitionalGame(3, [0, 0, 0, 1, 0, 1, 0, 1])
>>> g.banzhaf(exact=True)
[Fraction(3, 4), Fraction(1, 4), Fraction(1, 4)]
>>> g.banzhaf(normalized=True, exact=True)
[Fraction(3, 5), Fraction(1, 5), Fraction(1, 5)]
)doc");

  cls.def(
      "nucleolus",
      [](const PyCoalitionalGame& g, bool exact, const std::string& method) {
        const auto o = nucleolus_options(method, std::nullopt, 0);
        return computed(g, exact, [&o](const auto& game) { return nucleolus(game, o); });
      },
      "exact"_a = false, "method"_a = "generation",
      R"doc(The nucleolus (Schmeidler 1969), by the sequential LP method.

The imputation (efficient, individually rational) that lexicographically
minimises the excesses v(S) - x(S) sorted from the largest.

Parameters
----------
exact : bool, default False
    Compute in rationals and return ``fractions.Fraction`` values.
method : {"generation", "full"}, default "generation"
    "generation": each LP holds a working set of coalitions, grown from a
    scan of all ``2**n`` excesses (n = 20 takes seconds). "full": every
    coalition in every LP (up to about n = 10). Both give the same point.

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
[Fraction(50, 1), Fraction(75, 1), Fraction(75, 1)]
)doc");

  cls.def(
      "prenucleolus",
      [](const PyCoalitionalGame& g, bool exact, const std::string& method) {
        const auto o = nucleolus_options(method, std::nullopt, 0);
        return computed(g, exact, [&o](const auto& game) { return prenucleolus(game, o); });
      },
      "exact"_a = false, "method"_a = "generation",
      R"doc(The prenucleolus: like the nucleolus, over all efficient payoffs.

It equals the nucleolus whenever the core is non-empty.

Parameters
----------
exact : bool, default False
    Compute in rationals and return ``fractions.Fraction`` values.
method : {"generation", "full"}, default "generation"
    As for :meth:`nucleolus`.

Examples
--------
>>> en.CoalitionalGame(3, [0, 0, 0, 1, 0, 1, 1, 1]).prenucleolus(exact=True)
[Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)]
)doc");

  cls.def(
      "nucleolus_result",
      [](const PyCoalitionalGame& g, bool prenucleolus_wanted, bool exact, const std::string& method,
         std::optional<double> time_limit, std::size_t lp_limit) {
        const auto o = nucleolus_options(method, time_limit, lp_limit);
        py::dict d;
        auto fill = [&d](const auto& r) {
          d["status"] = to_string(r.status);
          d["point"] = to_python_value(r.point);
          d["rounds"] = r.rounds;
          d["lps"] = r.lps;
          d["working_set"] = r.working_set;
        };
        with_twin(g, exact, [&](const auto& game) {
          fill(interruptible([&] { return prenucleolus_wanted ? prenucleolus_result(game, o) : nucleolus_result(game, o); }));
        });
        return d;
      },
      "prenucleolus"_a = false, "exact"_a = false, "method"_a = "generation", "time_limit"_a = py::none(),
      "lp_limit"_a = 0,
      R"doc(The nucleolus (or prenucleolus) with its status and effort, under limits.

Parameters
----------
prenucleolus : bool, default False
    Compute the prenucleolus instead.
exact : bool, default False
    Compute in rationals; the point is then a list of ``fractions.Fraction``.
method : {"generation", "full"}, default "generation"
    As for :meth:`nucleolus`.
time_limit : float, optional
    Seconds (> 0); None means none.
lp_limit : int, default 0
    Largest number of LPs to solve; 0 means none.

Returns
-------
dict
    ``status`` ("optimal", "lp_limit" or "time_limit"),
    ``point`` (the nucleolus when optimal, else the last LP's point),
    ``rounds``, ``lps`` and ``working_set`` (the most coalitions in one LP).

Examples
--------
>>> r = en.CoalitionalGame(3, [0, 0, 0, 1, 0, 1, 1, 1]).nucleolus_result(exact=True)
>>> r["status"], r["point"]
('optimal', [Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)])
)doc");

  cls.def(
      "sampled_shapley",
      [](const PyCoalitionalGame& g, std::size_t samples, std::uint64_t seed, double confidence,
         std::optional<double> time_limit) {
        const auto o = sampling_options(samples, seed, confidence, time_limit);
        SampledShapley r;
        r = interruptible([&] { return sampled_shapley_value(g.floating, o); });
        return sampled_out(r);
      },
      "samples"_a = 10000, "seed"_a = 0, "confidence"_a = 0.95, "time_limit"_a = py::none(),
      R"doc(The Shapley value estimated from random orderings (Castro, Gómez & Tejada 2009).

For games whose values are tabled the exact :meth:`shapley` is usually
better; :func:`entente.sampled_shapley` takes a function instead of a table,
for any number of players.

Parameters
----------
samples : int, default 10000
    Orderings drawn (each costs n + 1 look-ups).
seed : int, default 0
    The same seed gives the same estimate.
confidence : float, default 0.95
    Of the normal confidence interval ``value +- half_width``.
time_limit : float, optional
    Seconds (> 0); None means none. Stops early with status "time_limit".

Returns
-------
dict
    ``value``, ``half_width`` and ``std_error`` (numpy arrays), ``samples``,
    ``confidence`` and ``status`` ("complete" or "time_limit").

Examples
--------
>>> g = en.CoalitionalGame(3, [0, 0, 0, 1, 0, 1, 0, 1])
>>> r = g.sampled_shapley(samples=2000, seed=1)
>>> bool(abs(r["value"][0] - 2 / 3) < 3 * r["half_width"][0])
True
)doc");

  cls.def(
      "core_vertices",
      [](const PyCoalitionalGame& g, bool exact) -> py::object {
        if (exact) {
          const auto vertices = interruptible([&] { return core_vertices(g.exact); });
          py::list out;
          for (const auto& x : vertices) out.append(to_python_value(x));
          return out;
        }
        const auto vertices = interruptible([&] { return core_vertices(g.floating); });
        py::array_t<double> out({py::ssize_t(vertices.size()), py::ssize_t(g.exact.n())});
        auto a = out.mutable_unchecked<2>();
        for (std::size_t k = 0; k < vertices.size(); ++k)
          for (std::size_t i = 0; i < vertices[k].size(); ++i) a(py::ssize_t(k), py::ssize_t(i)) = vertices[k][i];
        return out;
      },
      "exact"_a = false,
      R"doc(The vertices of the core (at most 6 players), sorted; none when the core is empty.

Every system of n tight constraints (x(N) = v(N) and n - 1 of the
x(S) >= v(S)) is solved and kept when its solution lies in the core.

Parameters
----------
exact : bool, default False
    Rationals: a list of lists of ``fractions.Fraction``. Otherwise a float array
    of shape ``(vertices, n)``.

Raises
------
ValueError
    For more than 6 players.

Examples
--------
>>> en.CoalitionalGame(3, [0, 0, 0, 4, 0, 4, 4, 9]).core_vertices(exact=True)[:2]
[[Fraction(0, 1), Fraction(4, 1), Fraction(5, 1)], [Fraction(0, 1), Fraction(5, 1), Fraction(4, 1)]]
)doc");

  cls.def(
      "epsilon_core",
      [](const PyCoalitionalGame& g, const py::object& eps, bool exact) -> py::object {
        const Rational e = read_scalar(eps, "epsilon");
        return with_scalar(exact, [&](auto zero) {
          using Scalar = decltype(zero);
          const Scalar epsilon = scalar_of<Scalar>(e);
          return to_python_value(interruptible([&] { return epsilon_core_point(member_of<Scalar>(g), epsilon); }));
        });
      },
      "epsilon"_a, "exact"_a = false,
      R"doc(A point of the epsilon-core, or None when it is empty.

The strong epsilon-core (Shapley & Shubik 1966) is the set of efficient x
with x(S) >= v(S) - epsilon for every proper non-empty S; epsilon = 0 is the
core, and it is non-empty from the least-core epsilon on.

Parameters
----------
epsilon : number
    May be negative.
exact : bool, default False
    Compute in rationals and return ``fractions.Fraction`` values.

Examples
--------
>>> g = en.CoalitionalGame(3, [0, 0, 0, 1, 0, 1, 1, 1])
>>> g.epsilon_core("1/4") is None, g.epsilon_core("1/3", exact=True)
(True, [Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)])
)doc");

  cls.def(
      "core",
      [](const PyCoalitionalGame& g, bool exact) {
        return computed(g, exact, [](const auto& game) { return core_point(game); });
      },
      "exact"_a = false,
      R"doc(A point of the core, or None when the core is empty.

The core is the set of payoffs x with x(N) = v(N) and x(S) >= v(S) for every
coalition S; one of its points is found by linear programming.

Parameters
----------
exact : bool, default False
    Compute in rationals and return ``fractions.Fraction`` values.

Examples
--------
>>> en.CoalitionalGame(3, [0, 0, 0, 1, 0, 1, 1, 1]).core() is None
True
>>> en.CoalitionalGame(3, [0, 0, 0, 1, 0, 1, 0, 1]).core(exact=True)
[Fraction(1, 1), Fraction(0, 1), Fraction(0, 1)]
)doc");

  cls.def(
      "least_core",
      [](const PyCoalitionalGame& g, bool exact) {
        return with_twin(g, exact, [](const auto& game) { return least_core_py(game); });
      },
      "exact"_a = false,
      R"doc(The least core (Maschler, Peleg & Shapley 1979): ``(epsilon, point)``.

epsilon is the least number such that some efficient x has
x(S) >= v(S) - epsilon for every proper non-empty coalition S; the core is
non-empty exactly when epsilon <= 0. Needs at least two players.

Parameters
----------
exact : bool, default False
    Compute in rationals; epsilon is then a ``fractions.Fraction`` and the point a
    list of them. Otherwise a float and a numpy array.

Examples
--------
>>> en.CoalitionalGame(3, [0, 0, 0, 1, 0, 1, 1, 1]).least_core(exact=True)
(Fraction(1, 3), [Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)])
)doc");

  cls.def("in_core", &in_core_py, "x"_a, "exact"_a = false, "epsilon"_a = 0,
          R"doc(Whether the payoff vector x lies in the core (or the epsilon-core).

Parameters
----------
x : sequence of numbers
    One payoff per player (floats, ints, Fractions or ``"p/q"`` strings).
exact : bool, default False
    Check in rationals with no tolerance. Otherwise in floating point within
    1e-9 times the largest ``|v(S)|``.
epsilon : number, default 0
    Check the strong epsilon-core instead: x(S) >= v(S) - epsilon.

Examples
--------
>>> g = en.CoalitionalGame(3, [0, 0, 0, 1, 0, 1, 0, 1])
>>> g.in_core([1, 0, 0]), g.in_core([0.5, 0.25, 0.25])
(True, False)
>>> g.in_core([0.5, 0.25, 0.25], epsilon=0.5)
True
)doc");

  cls.def(
      "is_superadditive",
      [](const PyCoalitionalGame& g, bool exact) {
        return with_twin(g, exact, [](const auto& game) { return interruptible([&] { return game.is_superadditive(); }); });
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
        return with_twin(g, exact, [](const auto& game) { return interruptible([&] { return game.is_convex(); }); });
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
        return with_twin(g, exact, [](const auto& game) { return interruptible([&] { return game.is_monotone(); }); });
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
        return with_twin(g, exact, [](const auto& game) { return interruptible([&] { return game.is_simple(); }); });
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
        return with_twin(g, exact, [](const auto& game) { return interruptible([&] { return game.is_balanced(); }); });
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

  m.def(
      "sampled_shapley",
      [](std::size_t n, const py::object& v, std::size_t samples, std::uint64_t seed, double confidence,
         std::optional<double> time_limit, const py::object& players) {
        auto names = read_players(players, n);
        const auto o = sampling_options(samples, seed, confidence, time_limit);
        // v is Python: the GIL stays held; each call gets the coalition's frozenset.
        std::function<double(const std::vector<bool>&)> f = [&](const std::vector<bool>& members) {
          py::list items;
          for (std::size_t i = 0; i < members.size(); ++i)
            if (members[i]) {
              if (names.empty()) items.append(py::int_(i));
              else items.append(py::str(names[i]));
            }
          return nearest_double(read_scalar(v(py::frozenset(items)), "v(S)"));
        };
        return sampled_out(sampled_shapley_value(n, f, o));
      },
      "n"_a, "v"_a, "samples"_a = 10000, "seed"_a = 0, "confidence"_a = 0.95, "time_limit"_a = py::none(),
      "players"_a = py::none(),
      R"doc(The Shapley value of a game given by a function, estimated by sampling orderings.

Castro, Gómez & Tejada (2009): draw random orderings of the players, average
each player's marginal contribution; ``value +- half_width`` is a normal
confidence interval. No ``2**n`` table is built, so n may be in the
hundreds.

Parameters
----------
n : int
    The number of players.
v : callable
    ``v(frozenset)`` -> number: the worth of a coalition, given as a frozenset
    of player indices (of names when ``players`` is given). v of the empty
    set is asked for too.
samples : int, default 10000
    Orderings drawn; each costs n + 1 calls of v.
seed : int, default 0
    The same seed gives the same estimate.
confidence : float, default 0.95
    Of the interval.
time_limit : float, optional
    Seconds (> 0); None means none. Stops early with status "time_limit".
players : list of str, optional
    Names passed to v instead of indices.

Returns
-------
dict
    ``value``, ``half_width``, ``std_error`` (numpy arrays), ``samples``,
    ``confidence`` and ``status``.

Examples
--------
Majority voting among 21 voters: by symmetry everyone's value is 1/21.

>>> r = en.sampled_shapley(21, lambda s: 1.0 if len(s) > 10 else 0.0, samples=2000, seed=2)
>>> bool(abs(r["value"][0] - 1 / 21) < 3 * r["half_width"][0])
True
)doc");

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
      "players", [](const WeightedVotingGame& g) { return to_text(g.players()); },
      R"doc(The player names, a list of str.

Examples
--------
>>> en.WeightedVotingGame(2, [1, 1], players=["a", "b"]).players
['a', 'b']
)doc");
  voting.def(
      "shapley_shubik",
      [](const WeightedVotingGame& g, bool exact) -> py::object {
        return with_scalar(exact, [&](auto zero) {
          using Scalar = decltype(zero);
          return to_python_value(interruptible([&] { return g.shapley_shubik<Scalar>(); }));
        });
      },
      "exact"_a = false,
      R"doc(The Shapley-Shubik power index (Shapley & Shubik 1954).

Each player's share of the n! orderings in which it is pivotal; the indices
sum to 1. Counted exactly; floats are the nearest doubles.

Parameters
----------
exact : bool, default False
    Return ``fractions.Fraction`` values instead of a numpy array.

Examples
--------
>>> en.WeightedVotingGame(3, [2, 1, 1]).shapley_shubik(exact=True)
[Fraction(2, 3), Fraction(1, 6), Fraction(1, 6)]
)doc");
  voting.def(
      "banzhaf",
      [](const WeightedVotingGame& g, bool normalized, bool exact) -> py::object {
        return with_scalar(exact, [&](auto zero) {
          using Scalar = decltype(zero);
          return to_python_value(interruptible([&] { return g.banzhaf<Scalar>(normalized); }));
        });
      },
      "normalized"_a = true, "exact"_a = false,
      R"doc(The Banzhaf power index: normalised (default) or raw.

Parameters
----------
normalized : bool, default True
    True: each player's swings over the total number of swings (sums to 1).
    False: swings over ``2**(n-1)``.
exact : bool, default False
    Return ``fractions.Fraction`` values instead of a numpy array.

Examples
--------
>>> g = en.WeightedVotingGame(3, [2, 1, 1])
>>> g.banzhaf(exact=True)
[Fraction(3, 5), Fraction(1, 5), Fraction(1, 5)]
>>> g.banzhaf(normalized=False, exact=True)
[Fraction(3, 4), Fraction(1, 4), Fraction(1, 4)]
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
[Fraction(0, 1), Fraction(0, 1), Fraction(0, 1), Fraction(1, 1), Fraction(0, 1), Fraction(1, 1), Fraction(0, 1), Fraction(1, 1)]
>>> g.is_simple()
True
)doc");
  voting.def("__repr__", [](const WeightedVotingGame& g) {
    return "WeightedVotingGame(quota=" + std::to_string(g.quota()) +
           ", weights=" + py::repr(py::cast(g.weights())).cast<std::string>() + ")";
  });
}

}  // namespace entente::python
