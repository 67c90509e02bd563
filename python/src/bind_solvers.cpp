// entente.solve, entente.zero_sum and entente.Equilibrium. The solvers are
// the C++ ones (solvers/solve.hpp); this file converts and releases the GIL.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/stl.h>

#include "common.hpp"
#include "entente/solvers/solve.hpp"
#include "entente/solvers/zero_sum.hpp"

namespace entente::python {

using namespace pybind11::literals;

py::array_t<double> to_numpy(const std::vector<double>& values) {
  py::array_t<double> out(static_cast<py::ssize_t>(values.size()));
  std::copy(values.begin(), values.end(), out.mutable_data());
  return out;
}

py::object to_python_value(const std::vector<Rational>& values) {
  py::list out;
  for (const auto& q : values) out.append(to_fraction(q));
  return out;
}

PyEquilibrium to_python(const Equilibrium<double>& eq) {
  PyEquilibrium out;
  out.profile = eq.profile.strategies;
  out.payoffs = eq.payoffs;
  out.regret = eq.regret;
  return out;
}

PyEquilibrium to_python(const Equilibrium<Rational>& eq) {
  PyEquilibrium out;
  for (const auto& s : eq.profile.strategies) {
    out.profile.emplace_back();
    for (const auto& p : s) out.profile.back().push_back(nearest_double(p));
  }
  for (const auto& u : eq.payoffs) out.payoffs.push_back(nearest_double(u));
  out.regret = nearest_double(eq.regret);
  out.exact = eq.profile.strategies;
  out.exact_payoffs = eq.payoffs;
  out.exact_regret = eq.regret;
  return out;
}

namespace {

std::string float_list(const std::vector<double>& v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v[i] == 0 ? 0.0 : v[i]);  // no "-0"
    s += (i ? ", " : "") + std::string(buf);
  }
  return s + "]";
}

std::string exact_list(const std::vector<Rational>& v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + to_string(v[i]);
  return s + "]";
}

std::string repr(const PyEquilibrium& e) {
  std::string s = "Equilibrium(profile=[";
  if (e.exact) {  // exact values as p/q, short and unambiguous
    for (std::size_t i = 0; i < e.exact->size(); ++i) s += (i ? ", " : "") + exact_list((*e.exact)[i]);
    return s + "], payoffs=" + exact_list(*e.exact_payoffs) + ", regret=" + to_string(*e.exact_regret) + ")";
  }
  for (std::size_t i = 0; i < e.profile.size(); ++i) s += (i ? ", " : "") + float_list(e.profile[i]);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", e.regret);
  return s + "], payoffs=" + float_list(e.payoffs) + ", regret=" + buf + ")";
}

template <class Scalar>
Mat<Scalar> read_matrix(const py::object& A) {
  Tensor t = read_tensor(A, "A", 2);
  Mat<Scalar> m(static_cast<Eigen::Index>(t.shape[0]), static_cast<Eigen::Index>(t.shape[1]));
  std::size_t k = 0;
  for (Eigen::Index r = 0; r < m.rows(); ++r)
    for (Eigen::Index c = 0; c < m.cols(); ++c, ++k) {
      if constexpr (is_exact_v<Scalar>)
        m(r, c) = std::move(t.values[k]);
      else
        m(r, c) = nearest_double(t.values[k]);
    }
  return m;
}

py::object zero_sum(const py::object& A, bool exact) {
  return with_scalar(exact, [&](auto zero) -> py::object {
    using Scalar = decltype(zero);
    const Mat<Scalar> m = read_matrix<Scalar>(A);
    const auto sol = interruptible([&] { return solve_zero_sum<Scalar>(m); });
    return py::make_tuple(to_python_value(sol.value), to_python_value(sol.row), to_python_value(sol.column));
  });
}

/// What solve() returned, as Python sees it: a sequence of equilibria (or of
/// the one correlated equilibrium for ce / cce) with the method, status
/// and selection beside it.
struct PySolveResult {
  std::string method, status, selection;
  std::vector<PyEquilibrium> equilibria;
  std::optional<PyCorrelated> correlated;
  std::size_t found = 0;
  bool continued = false;

  /// The items the sequence protocol walks over.
  py::list items() const {
    py::list out;
    for (const auto& e : equilibria) out.append(py::cast(e));
    if (correlated) out.append(py::cast(*correlated));
    return out;
  }
};

template <class Scalar>
PySolveResult solve_game(const Game<Scalar>& game, const SolveOptions& options) {
  const SolveResult<Scalar> result = interruptible([&] { return entente::solve(game, options); });
  PySolveResult out{to_string(result.method), to_string(result.status), to_string(result.selection), {}, {},
                    result.found, result.continued};
  for (const auto& e : result.equilibria) out.equilibria.push_back(to_python(e));
  if (result.correlated) out.correlated = to_python(game, *result.correlated);
  return out;
}

PySolveResult solve(const PyGame& game, const std::string& method, bool exact, const std::string& selection,
                    std::optional<double> time_limit) {
  SolveOptions options;
  options.method = parse_method(method);
  options.selection = Selection::parse(selection);
  if (time_limit) options.time_limit_seconds = *time_limit;
  return with_twin(game, exact, [&](const auto& g) { return solve_game(g, options); });
}

constexpr const char* kEquilibriumDoc = R"doc(An equilibrium with its certificate, as ``solve`` returns it.

Attributes
----------
profile : list of numpy.ndarray
    One probability vector (float64) per player.
payoffs : numpy.ndarray
    Each player's expected payoff.
regret : float
    The largest gain any player gets by deviating; 0 at an equilibrium.
exact : list of list of Fraction or None
    The profile as ``fractions.Fraction`` when solved with ``exact=True``.
exact_payoffs : list of Fraction or None
    The payoffs as ``Fraction`` when solved with ``exact=True``.
exact_regret : Fraction or None
    The regret as a ``Fraction`` (``Fraction(0)`` at an exact equilibrium).

Examples
--------
>>> import numpy as np
>>> A = np.array([[1, -1], [-1, 1]])
>>> (eq,) = en.solve(en.Game([A, -A]), exact=True)
>>> eq.exact
[[Fraction(1, 2), Fraction(1, 2)], [Fraction(1, 2), Fraction(1, 2)]]
>>> eq.exact_regret
Fraction(0, 1)
)doc";

constexpr const char* kSolveDoc = R"doc(Equilibria of a game, each with its regret certificate.

The one way in to every solver (``entente::solve``): the method table says
what each method accepts, the selection rule what is reported. No game
logic runs in Python, and the GIL is released while solving.

Parameters
----------
game : Game
    The game to solve.
method : str, optional
    One of ``available_methods()``: ``"auto"`` (``"lp"`` for two-player
    constant-sum games, ``"enummixed"`` for other two-player games, else
    every pure equilibrium, or ``"simpdiv"`` when there is none), ``"lp"``,
    ``"lcp"``, ``"enummixed"``, ``"enumsupport"``, ``"enumpure"``,
    ``"simpdiv"``, ``"logit"`` (floating only), ``"minsupport"`` (the
    equilibria with the smallest supports, floating only), ``"ce"`` and ``"cce"``
    (the maximum-welfare correlated or coarse correlated equilibrium).
exact : bool, optional
    Solve the exact rational game; the result then carries
    ``fractions.Fraction`` values in ``exact``, ``exact_payoffs`` and
    ``exact_regret``.
selection : str, optional
    Which equilibria to keep: ``"all"`` (default), ``"first"``,
    ``"welfare"`` (largest total payoff), ``"best-for:ACTOR"`` (largest
    payoff of that player, then welfare) or ``"logit"`` (the limiting logit
    equilibrium, McKelvey & Palfrey 1995). Ties go to the earlier one.
time_limit : float, optional
    Seconds; when they run out ``status`` is ``"time_limit"`` and only the
    equilibria certified by then are returned. None: no limit.

Returns
-------
SolveResult
    A sequence of ``Equilibrium`` (of one ``CorrelatedEquilibrium`` for
    ``"ce"`` / ``"cce"``) with ``method`` (the one that ran), ``status``,
    ``selection``, ``found`` and ``correlated``.

Raises
------
ValueError
    For an unknown method or selection, a method that does not fit the
    game, or a selection naming no player.
SolverError
    If the LP solver fails.

Examples
--------
>>> import numpy as np
>>> A = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
>>> (eq,) = en.solve(en.Game([A, -A]), method="lp", exact=True)
>>> eq.exact[0]
[Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)]
>>> result = en.solve(en.Game([[[3, 0], [0, 2]], [[2, 0], [0, 3]]]), selection="welfare")
>>> result.method, result.found, len(result)
('enummixed', 3, 1)
>>> en.solve(en.Game([A, -A]), "ce").correlated.regret <= 1e-9
True
)doc";

constexpr const char* kSolveResultDoc = R"doc(What ``solve`` returns: the equilibria and how they were found.

A sequence: ``len(result)``, ``result[0]`` and iteration walk over the
selected equilibria (or the one correlated equilibrium of ``"ce"`` /
``"cce"``), so ``(eq,) = en.solve(g)`` works.

Attributes
----------
method : str
    The method that ran (``"auto"`` resolved).
status : str
    ``"complete"``, ``"converged"``, ``"optimal"``, or the limit that
    stopped it (``"time_limit"``, ``"pivot_limit"``, ...).
selection : str
    The selection rule applied.
equilibria : list of Equilibrium
    The selected Nash equilibria (empty for ``"ce"`` / ``"cce"``).
correlated : CorrelatedEquilibrium or None
    The distribution of ``"ce"`` / ``"cce"``.
found : int
    How many equilibria the method found before selection.
continued : bool
    The equilibrium was continued from a warm start.

Examples
--------
>>> result = en.solve(en.Game([[[3, 0], [0, 2]], [[2, 0], [0, 3]]]))
>>> result.method, result.status, result.selection, len(result)
('enummixed', 'complete', 'all', 3)
>>> [float(sum(eq.payoffs)) for eq in result]
[5.0, 2.4, 5.0]
)doc";

constexpr const char* kZeroSumDoc = R"doc(The value and optimal strategies of a matrix game.

Solves ``max_x min_y x'Ay`` by linear programming (one LP; the column
player's strategy comes from its duals). The GIL is released while solving.

Parameters
----------
A : array_like, shape (m, n)
    The row player's payoffs (the column player gets ``-A``). Entries may be
    floats, ints, ``fractions.Fraction`` or ``"p/q"`` strings.
exact : bool, optional
    Solve in exact rationals and return ``fractions.Fraction`` values.

Returns
-------
value : float or Fraction
    What the row player can guarantee.
row : numpy.ndarray or list of Fraction
    An optimal (maximin) row strategy.
column : numpy.ndarray or list of Fraction
    An optimal (minimax) column strategy.

Raises
------
ValueError
    If ``A`` is not a non-empty 2-d array of finite numbers.
SolverError
    If the LP solver fails.

Examples
--------
>>> value, row, column = en.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], exact=True)
>>> value, row
(Fraction(0, 1), [Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)])
>>> value, row, column = en.zero_sum([[1, -1], [-1, 1]])
>>> row
array([0.5, 0.5])
)doc";

}  // namespace

void bind_solvers(py::module_& m) {
  py::class_<PyEquilibrium> eq(m, "Equilibrium", kEquilibriumDoc);
  eq.def_property_readonly(
      "profile",
      [](const PyEquilibrium& e) {
        py::list out;
        for (const auto& s : e.profile) out.append(to_numpy(s));
        return out;
      },
      "One probability vector (numpy float64) per player.");
  eq.def_property_readonly(
      "payoffs", [](const PyEquilibrium& e) { return to_numpy(e.payoffs); },
      "Each player's expected payoff (numpy float64).");
  eq.def_readonly("regret", &PyEquilibrium::regret, "The largest gain from deviating (float).");
  eq.def_readonly("exact", &PyEquilibrium::exact, "The profile as lists of fractions.Fraction, or None.");
  eq.def_readonly("exact_payoffs", &PyEquilibrium::exact_payoffs, "The payoffs as fractions.Fraction, or None.");
  eq.def_readonly("exact_regret", &PyEquilibrium::exact_regret, "The regret as a fractions.Fraction, or None.");
  eq.def("__repr__", &repr);
  eq.def(py::pickle(
      [](const PyEquilibrium& e) {
        return py::make_tuple(e.profile, e.payoffs, e.regret, e.exact, e.exact_payoffs, e.exact_regret);
      },
      [](const py::tuple& t) {
        if (t.size() != 6) throw InvalidArgument("a pickled entente.Equilibrium holds six fields");
        PyEquilibrium e;
        e.profile = t[0].cast<std::vector<std::vector<double>>>();
        e.payoffs = t[1].cast<std::vector<double>>();
        e.regret = t[2].cast<double>();
        e.exact = t[3].cast<std::optional<std::vector<std::vector<Rational>>>>();
        e.exact_payoffs = t[4].cast<std::optional<std::vector<Rational>>>();
        e.exact_regret = t[5].cast<std::optional<Rational>>();
        return e;
      }));

  py::class_<PySolveResult> result(m, "SolveResult", kSolveResultDoc);
  result.def_readonly("method", &PySolveResult::method);
  result.def_readonly("status", &PySolveResult::status);
  result.def_readonly("selection", &PySolveResult::selection);
  result.def_readonly("equilibria", &PySolveResult::equilibria);
  result.def_readonly("correlated", &PySolveResult::correlated);
  result.def_readonly("found", &PySolveResult::found);
  result.def_readonly("continued", &PySolveResult::continued);
  result.def("__len__", [](const PySolveResult& r) { return r.equilibria.size() + (r.correlated ? 1 : 0); });
  result.def("__getitem__", [](const PySolveResult& r, long long k) -> py::object {
    const auto n = static_cast<long long>(r.equilibria.size() + (r.correlated ? 1 : 0));
    if (k < -n || k >= n)
      throw py::index_error("index " + std::to_string(k) + " out of range for " + std::to_string(n) + " results");
    const auto at = static_cast<std::size_t>(k < 0 ? k + n : k);
    return at < r.equilibria.size() ? py::cast(r.equilibria[at]) : py::cast(*r.correlated);
  }, "index"_a);
  result.def("__getitem__", [](const PySolveResult& r, const py::slice& k) -> py::object {
    const py::list items = r.items();  // an accessor into a temporary would dangle
    return items[k];
  }, "index"_a);
  result.def("__iter__", [](const PySolveResult& r) { return py::iter(r.items()); });
  result.def("__repr__", [](const PySolveResult& r) {
    return "SolveResult(method='" + r.method + "', status='" + r.status + "', selection='" + r.selection +
           "', " + std::to_string(r.equilibria.size() + (r.correlated ? 1 : 0)) + " of " + std::to_string(r.found) +
           " found)";
  });

  m.def("solve", &solve, "game"_a, "method"_a = "auto", "exact"_a = false, "selection"_a = "all",
        "time_limit"_a = py::none(), kSolveDoc);
  m.def("zero_sum", &zero_sum, "A"_a, "exact"_a = false, kZeroSumDoc);
  m.def(
      "available_methods", [] { return method_names(); },
      R"doc(The methods of ``solve``, in the order of the method table.

Returns
-------
list of str

Examples
--------
>>> "lp" in en.available_methods() and "ce" in en.available_methods()
True
)doc");
}

}  // namespace entente::python
