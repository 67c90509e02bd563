// Coalition structure generation: entente.optimal_coalition_structure and
// its result, entente.CoalitionStructure. The search is the C++ one in
// include/entente/coop/coalition_structure.hpp; this file converts and
// releases the GIL while it runs.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <pybind11/stl.h>

#include "coalitional_game.hpp"
#include "common.hpp"
#include "entente/coop/coalition_structure.hpp"

namespace entente::python {

using namespace pybind11::literals;

namespace {

struct PyCoalitionStructure {
  std::vector<std::vector<std::size_t>> blocs;
  std::string partition;  ///< "{A,B}{C}" with the game's player names
  double value = 0, upper_bound = 0;
  std::optional<Rational> exact_value, exact_upper_bound;
  std::optional<double> ratio;
  std::string status, algorithm;
  CoalitionStructureCounters counters;
};

template <class Scalar>
PyCoalitionStructure to_python(const CoalitionStructure<Scalar>& r, const std::vector<std::string>& players) {
  PyCoalitionStructure out;
  out.blocs = r.structure.blocs();
  out.partition = r.structure.to_string(players);
  if constexpr (is_exact_v<Scalar>) {
    out.value = nearest_double(r.value);
    out.upper_bound = nearest_double(r.upper_bound);
    out.exact_value = r.value;
    out.exact_upper_bound = r.upper_bound;
  } else {
    out.value = r.value;
    out.upper_bound = r.upper_bound;
  }
  out.ratio = r.ratio();
  out.status = to_string(r.status);
  out.algorithm = to_string(r.algorithm);
  out.counters = r.counters;
  return out;
}

PyCoalitionStructure optimal_coalition_structure_py(const PyCoalitionalGame& v, const std::string& algorithm,
                                                    std::optional<double> time_limit, bool exact) {
  CoalitionStructureOptions o;
  o.algorithm = parse_coalition_structure_algorithm(algorithm);
  o.time_limit_seconds = time_limit_of(time_limit);
  return with_twin(v, exact, [&](const auto& game) {
    return to_python(interruptible([&] { return optimal_coalition_structure(game, o); }), game.players());
  });
}

constexpr const char* kFunctionDoc = R"doc(The coalition structure of largest total value: the partition of the players into blocs maximising sum v(C).

Two exact algorithms (docs/coalition-structures.md): ``"ip"``, Rahwan et
al.'s anytime branch and bound over the integer partitions of n (JAIR 34,
2009), and ``"dp"``, dynamic programming over subsets in O(3^n) (Yeh 1986;
Rothkopf, Pekeč & Harstad 1998). Both return a structure with an upper
bound on every structure's value: equal to the value when the status is
``"optimal"``; with ``"time_limit"`` the best structure found so far and
the bound it is guaranteed against (``ratio = value / upper_bound``).

Parameters
----------
v : CoalitionalGame
    The characteristic function, at most 25 players.
algorithm : {"ip", "dp"}, default "ip"
    ``"ip"`` is usually much faster on values that vary with the coalition
    (it prunes most of the space); ``"dp"`` has the better worst case.
time_limit : float, optional
    Seconds (> 0); None means none.
exact : bool, default False
    Search in rationals: ``exact_value`` and ``exact_upper_bound`` are then
    ``fractions.Fraction``.

Returns
-------
CoalitionStructure

Raises
------
ValueError
    For more than 25 players, an unknown algorithm or a time limit that is
    not positive.

Examples
--------
>>> v = en.CoalitionalGame(4, [0, 1, 1, 3, 2, 2, 1, 4, 0, 1, 1, 3, 3, 3, 3, 5])
>>> r = en.optimal_coalition_structure(v)
>>> r.blocs, r.value, r.upper_bound, r.status
([[0, 1], [2, 3]], 6.0, 6.0, 'optimal')
>>> en.optimal_coalition_structure(v, algorithm="dp", exact=True).exact_value
Fraction(6, 1)
)doc";

constexpr const char* kResultDoc = R"doc(A coalition structure, as ``optimal_coalition_structure`` returns it.

Attributes
----------
blocs : list of list of int
    The blocs as ascending player indices, ordered by their smallest member.
partition : str
    The blocs with the players' names, ``"{A,B}{C}"``.
value : float
    The structure's value, the sum of v over its blocs.
upper_bound : float
    No structure is worth more; equal to ``value`` when ``status`` is
    ``"optimal"``.
exact_value, exact_upper_bound : fractions.Fraction or None
    The same in rationals, after ``exact=True``.
ratio : float or None
    ``value / upper_bound``: 1 when optimal, the share of the optimum
    guaranteed when both are positive, None when that means nothing
    (negative values).
status : str
    ``"optimal"`` or ``"time_limit"``.
algorithm : str
    ``"ip"`` or ``"dp"``.
counters : dict
    What the search did: ``coalitions`` (values it added up),
    ``structures`` (ip: structures valued), ``splits`` (dp: splits
    compared), ``subspaces`` (ip: integer partitions of n),
    ``subspaces_searched`` and ``subspaces_pruned``.

Examples
--------
>>> v = en.CoalitionalGame(3, [0, 1, 1, 3, 1, 2, 2, 3], players=["A", "B", "C"])
>>> r = en.optimal_coalition_structure(v)
>>> r.partition, r.value, r.ratio
('{A,B}{C}', 4.0, 1.0)
)doc";

}  // namespace

void bind_coalition_structure(py::module_& m) {
  py::class_<PyCoalitionStructure> result(m, "CoalitionStructure", kResultDoc);
  result.def_readonly("blocs", &PyCoalitionStructure::blocs, "The blocs as lists of player indices.");
  result.def_readonly("partition", &PyCoalitionStructure::partition, "The blocs with the players' names.");
  result.def_readonly("value", &PyCoalitionStructure::value, "The sum of v over the blocs (float).");
  result.def_readonly("upper_bound", &PyCoalitionStructure::upper_bound, "No structure is worth more (float).");
  result.def_readonly("exact_value", &PyCoalitionStructure::exact_value, "The value as a Fraction, or None.");
  result.def_readonly("exact_upper_bound", &PyCoalitionStructure::exact_upper_bound,
                      "The upper bound as a Fraction, or None.");
  result.def_readonly("ratio", &PyCoalitionStructure::ratio, "value / upper_bound, or None (negative values).");
  result.def_readonly("status", &PyCoalitionStructure::status, "\"optimal\" or \"time_limit\".");
  result.def_readonly("algorithm", &PyCoalitionStructure::algorithm, "\"ip\" or \"dp\".");
  result.def_property_readonly(
      "counters",
      [](const PyCoalitionStructure& r) {
        const auto& c = r.counters;
        return py::dict("coalitions"_a = c.coalitions, "structures"_a = c.structures, "splits"_a = c.splits,
                        "subspaces"_a = c.subspaces, "subspaces_searched"_a = c.subspaces_searched,
                        "subspaces_pruned"_a = c.subspaces_pruned);
      },
      "What the search did (a dict of counts).");
  result.def("__repr__", [](const PyCoalitionStructure& r) {
    return "CoalitionStructure(" + r.partition + ", value=" + py::repr(py::float_(r.value)).cast<std::string>() +
           ", status='" + r.status + "')";
  });

  m.def("optimal_coalition_structure", &optimal_coalition_structure_py, "v"_a, "algorithm"_a = "ip",
        "time_limit"_a = py::none(), "exact"_a = false, kFunctionDoc);
}

}  // namespace entente::python
