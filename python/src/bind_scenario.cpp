// entente.Scenario: scenario files (include/entente/scenario/) and their
// sweeps. The grid, the compile and the solves are C++; this file converts,
// releases the GIL while the C++ works, and adds no game logic. A sweep's
// result is entente.SweepResult (bind_sweep.cpp); the Python part of
// Scenario.sweep (tqdm, Dask chunks) is python/entente/_scenario.py.
#include <Python.h>

#include <atomic>
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/stl.h>

#include "common.hpp"
#include "sweep_result.hpp"
#include "entente/io/json.hpp"
#include "entente/scenario/scenario.hpp"
#include "entente/scenario/sweep.hpp"
#include "entente/scenario/sensitivity.hpp"
#include "entente/scenario/thresholds.hpp"

namespace entente::python {

using namespace pybind11::literals;
using scenario::Scenario;

namespace {

constexpr const char* kScenarioDoc = R"doc(A scenario: actors, strategies, parameters and payoff terms, read from
the JSON format of docs/scenario-format.md (schema:
``schema/scenario.schema.json``), that compiles into a ``Game`` for given
parameter values.

Create one with ``Scenario.load(path)`` or ``Scenario.parse(text)``. A bad
file raises ``ValueError`` (``ParseError``) naming the file, the JSON path
(e.g. ``/terms/3/payoffs/Row``) and what was expected.

Examples
--------
>>> text = '''{"actors": [
...   {"name": "Row", "strategies": [{"name": "Hold"}, {"name": "Tilt"}]},
...   {"name": "Column", "strategies": [{"name": "Engage"}, {"name": "Contain"}]}],
...  "parameters": [{"name": "strength", "default": 0.5, "min": 0, "max": 1}],
...  "terms": [{"kind": "base", "actor": "Row", "strategy": "Tilt", "value": "2*strength"},
...            {"kind": "pairwise", "actor": "Column", "strategy": "Contain",
...             "other": "Row", "other_strategy": "Tilt", "value": 1}]}'''
>>> s = en.Scenario.parse(text)
>>> s.actors, s.strategies
(['Row', 'Column'], [['Hold', 'Tilt'], ['Engage', 'Contain']])
>>> s.game(strength=0.25).payoffs[0]
array([[0. , 0. ],
       [0.5, 0.5]])
)doc";

constexpr const char* kLoadDoc = R"doc(Reads and validates a scenario file.

Parameters
----------
path : str or os.PathLike
    The .json file.

Returns
-------
Scenario

Raises
------
ValueError
    If the file cannot be read or is not a valid scenario; the message
    names the file, the JSON path and what was expected.

Examples
--------
>>> import pathlib
>>> _ = pathlib.Path("one.json").write_text(
...     '{"actors": [{"name": "A", "strategies": [{"name": "x"}]}]}')
>>> en.Scenario.load("one.json").actors
['A']
)doc";

constexpr const char* kParseDoc = R"doc(Validates scenario text.

Parameters
----------
text : str
    The JSON text.
source : str, optional
    The name errors give it.

Returns
-------
Scenario

Examples
--------
>>> en.Scenario.parse('{"actors": [{"name": "A", "strategies": [{"name": "x"}]}]}').shape
(1,)
>>> en.Scenario.parse('{"actors": []}', source="mine.json")
Traceback (most recent call last):
  ...
entente.ParseError: mine.json: /actors: expected a non-empty array
)doc";

constexpr const char* kGameDoc = R"doc(The game at the given parameter values (the others at their defaults).

Parameters
----------
exact : bool, optional
    Evaluate the expressions in rational arithmetic (docs/scenario-format.md,
    "Exact evaluation"): decimal literals exact, each parameter value read
    as its shortest decimal (0.2 is 1/5), so ``0.1 + 0.2`` is exactly 3/10.
    Raises ``ValueError`` naming the term for an expression without a
    rational value (sqrt, exp, a non-integer power). Without it the game's
    exact payoffs are the shortest decimals of the double payoffs.
**values : float
    Parameter values by name; each must be finite and within its range.

Returns
-------
Game

Raises
------
ValueError
    For an unknown parameter, a value outside its range, a payoff that
    evaluates to NaN or infinity, or (exact) one without a rational value;
    the message names the term's JSON path.

Examples
--------
>>> s = en.Scenario.parse('''{"actors": [{"name": "A", "strategies": [{"name": "x"}, {"name": "y"}]}],
...   "parameters": [{"name": "p", "default": 1, "min": 0, "max": 2}],
...   "terms": [{"kind": "base", "actor": "A", "strategy": "y", "value": "p/10"}]}''')
>>> s.game(p=1.5).payoffs[0]
array([0.  , 0.15])
>>> s.game(p=3)
Traceback (most recent call last):
  ...
ValueError: <scenario>: parameter 'p' = 3 is outside its range [0, 2]
)doc";

double read_value(const std::string& name, const py::handle& v) {
  if (py::isinstance<py::bool_>(v) || !(py::isinstance<py::float_>(v) || py::isinstance<py::int_>(v) ||
                                        py::hasattr(v, "__float__")))
    throw InvalidArgument("parameter '" + name + "' needs a number, got " +
                          std::string(py::str(py::type::of(v).attr("__name__"))));
  return v.cast<double>();
}

scenario::Values read_values(const py::dict& kwargs) {
  scenario::Values values;
  for (const auto& [key, value] : kwargs) {
    const std::string name = py::str(key);
    values[name] = read_value(name, value);
  }
  return values;
}

py::list parameters_of(const Scenario& s) {
  py::list out;
  for (const auto& p : s.parameters())
    out.append(py::dict("name"_a = p.name, "default"_a = p.default_value, "min"_a = p.min, "max"_a = p.max,
                        "description"_a = p.description, "source"_a = p.source));
  return out;
}

/// The grid's axes from [(name, values)] or [(name, lo, hi, steps)] as the
/// Python wrapper passes them.
std::vector<scenario::SweepAxis> read_axes(const py::list& spec) {
  std::vector<scenario::SweepAxis> axes;
  for (const auto& item : spec) {
    py::tuple t = py::reinterpret_borrow<py::tuple>(item);
    scenario::SweepAxis axis;
    axis.parameter = t[0].cast<std::string>();
    if (t.size() == 2) {
      axis.values = t[1].cast<std::vector<double>>();
      if (axis.values.empty()) throw InvalidArgument("sweep of '" + axis.parameter + "': no values");
    } else {
      axis.lo = t[1].cast<double>();
      axis.hi = t[2].cast<double>();
      const long long steps = t[3].cast<long long>();
      if (steps < 1) throw InvalidArgument("sweep of '" + axis.parameter + "': steps must be at least 1");
      axis.steps = static_cast<std::size_t>(steps);
    }
    axes.push_back(std::move(axis));
  }
  return axes;
}

/// Every grid point's full parameter vector, as an (n, P) array.
py::array_t<double> grid(const Scenario& s, const py::list& spec, const py::dict& fixed) {
  const auto axes = read_axes(spec);
  const auto values = read_values(fixed);
  std::vector<std::vector<double>> points;
  {
    py::gil_scoped_release release;
    points = scenario::sweep_grid(s, axes, values);
  }
  const std::size_t n = points.size(), p = s.parameters().size();
  py::array_t<double> out({static_cast<py::ssize_t>(n), static_cast<py::ssize_t>(p)});
  double* data = out.mutable_data();
  for (std::size_t k = 0; k < n; ++k)
    for (std::size_t j = 0; j < p; ++j) data[k * p + j] = points[k][j];
  return out;
}

/// Solves the scenario at each row of `points` (C++ thread pool, GIL
/// released). `callback(done, total)` runs on this thread with the GIL
/// held; Ctrl-C cancels.
PySweep sweep_points(const Scenario& s, const py::array_t<double, py::array::c_style | py::array::forcecast>& points,
                      const std::string& method, const std::string& selection, bool exact, bool correlated_fallback,
                      bool continuation,
                      std::size_t threads, const py::object& callback) {
  const std::vector<std::vector<double>> rows = read_points(s, points);
  const std::size_t n = rows.size();

  scenario::SweepOptions options;
  options.method = parse_method(method);
  options.selection = Selection::parse(selection);
  options.exact = exact;
  options.correlated_fallback = correlated_fallback;
  options.continuation = continuation;
  options.threads = threads;
  options.progress = progress_of(callback);
  bool cancelled = false;
  // On interruptible()'s worker thread: Ctrl-C sets the cancel flag that
  // the sweep's threads and their solvers poll (cancel.hpp), and
  // KeyboardInterrupt is raised here; `progress` runs on that worker thread
  // and takes the GIL for the callback.
  const std::vector<scenario::SweepPoint> results =
      interruptible([&] { return scenario::sweep_points(s, rows, options, &cancelled); });

  return PySweep{std::make_shared<SweepColumns>(sweep_columns(s, rows, results, method, selection, cancelled)), {}, {n}};
}

constexpr const char* kThresholdsDoc = R"doc(Where the focus actor's stance changes along one parameter.

The parameter runs over its range (a grid of ``grid`` evenly spaced values,
then bisection of every grid interval where the strategy changes, each to
``tol``); the other parameters stay at ``fixed`` or their defaults. At each
value the game is solved as a sweep point is: the equilibrium the
``selection`` rule picks (``"welfare"``, the largest total payoff, as in
every one-outcome report), or the maximum-welfare correlated equilibrium
where the method finds none; the actor's stance there is its most likely
strategy. All of it runs in C++ (the GIL released).

Parameters
----------
parameter : str
    The parameter to vary.
focus : str, optional
    The actor; default the scenario's focus (the file's ``"focus"``, else
    the first actor).
fixed : dict, optional
    Values of the other parameters.
grid : int, optional
    Grid points over [min, max] (at least 2).
tol : float, optional
    Each switch is bracketed by ``lo`` and ``hi`` at most ``tol`` apart.
method, selection : str, optional
    As for ``sweep``.
threads : int, optional
    Worker threads; 0 uses every core.

Returns
-------
dict
    ``parameter``, ``focus`` (the actor's name), ``selection``, ``switches``
    (in increasing order, each ``{"value", "lo", "hi", "from", "to"}`` with
    strategy names, None where no equilibrium was found; ``value`` is the
    middle of ``[lo, hi]``), ``grid`` (the grid's values, numpy) and
    ``strategies`` (the stance at each grid value), ``payoffs`` (the
    actor's payoff there, numpy, NaN where none). The same object as
    ``entente scenario FILE --thresholds PARAM --json``, with the grid's
    values in place of its size.

Raises
------
ValueError
    For an unknown parameter or actor, a parameter also in ``fixed``, a
    grid below 2 or a tolerance that is not positive.

Examples
--------
>>> s = en.Scenario.parse('''{"actors": [
...   {"name": "A", "strategies": [{"name": "x"}, {"name": "y"}]}],
...  "parameters": [{"name": "p", "default": 0, "min": 0, "max": 1}],
...  "terms": [{"kind": "base", "actor": "A", "strategy": "y", "value": "p - 0.3"}]}''')
>>> r = s.thresholds("p")
>>> [(round(w["value"], 6), w["from"], w["to"]) for w in r["switches"]]
[(0.3, 'x', 'y')]
>>> r["switches"][0]["hi"] - r["switches"][0]["lo"] <= 1e-6
True
)doc";

/// The focus actor's index: the scenario's focus when None.
std::size_t actor_of(const Scenario& s, const py::object& focus) {
  return focus.is_none() ? s.focus() : s.actor_index(py::str(focus).cast<std::string>());
}

/// thresholds(), boundaries() and sensitivity()'s options from Python's arguments.
scenario::ThresholdOptions threshold_options(const std::string& what, long long grid, double tol,
                                             const std::string& method, const std::string& selection,
                                             std::size_t threads) {
  if (grid < 2) throw InvalidArgument(what + ": a grid of at least 2 points is needed, got " + std::to_string(grid));
  scenario::ThresholdOptions options;
  options.grid = static_cast<std::size_t>(grid);
  options.tolerance = tol;
  options.method = parse_method(method);
  options.selection = Selection::parse(selection);
  options.threads = threads;
  return options;
}

py::dict thresholds_of(const Scenario& s, const std::string& parameter, const py::object& focus,
                       const py::object& fixed, long long grid, double tol, const std::string& method,
                       const std::string& selection, std::size_t threads) {
  const std::size_t actor = actor_of(s, focus);
  const scenario::Values values = fixed.is_none() ? scenario::Values{} : read_values(py::dict(fixed));
  const auto options = threshold_options("thresholds", grid, tol, method, selection, threads);
  const scenario::ThresholdResult r =
      interruptible([&] { return scenario::thresholds(s, parameter, actor, values, options); });
  const auto& strategies = s.actors()[r.focus].strategies;
  auto name = [&](std::size_t k) -> py::object {
    return k == scenario::kNoStrategy ? py::object(py::none()) : py::object(py::str(strategies[k].name));
  };
  py::list switches, along;
  for (const auto& w : r.switches)
    switches.append(py::dict("value"_a = w.value, "lo"_a = w.lo, "hi"_a = w.hi, "from"_a = name(w.from),
                             "to"_a = name(w.to)));
  for (std::size_t k : r.strategies) along.append(name(k));
  return py::dict("parameter"_a = r.parameter, "focus"_a = s.actors()[r.focus].name,
                  "selection"_a = to_string(r.selection), "switches"_a = switches,
                  "grid"_a = py::array_t<double>(static_cast<py::ssize_t>(r.grid.size()), r.grid.data()),
                  "strategies"_a = along,
                  "payoffs"_a = py::array_t<double>(static_cast<py::ssize_t>(r.payoffs.size()), r.payoffs.data()));
}

constexpr const char* kBoundariesDoc = R"doc(Where the focus actor's stance changes over a plane of two parameters.

For plotting a stance map's borders: ``thresholds`` along ``lines`` evenly
spaced lines of constant ``y`` (switches located along ``x``), then of
constant ``x`` (located along ``y``), each switch to ``tol``; the other
parameters at ``fixed`` or their defaults. All of it runs in C++ (the GIL
released).

Parameters
----------
x, y : str, optional
    The two parameters; default the scenario's map (the file's ``"map"``,
    else its first two parameters).
focus : str, optional
    The actor; default the scenario's focus.
fixed : dict, optional
    Values of the other parameters.
lines : int, optional
    Lines per direction (at least 2).
grid, tol, method, selection, threads : optional
    As for ``thresholds``.

Returns
-------
dict
    ``x``, ``y`` (the parameters' names), ``focus``, ``selection``,
    ``points`` (numpy, shape (n, 2): each switch's (x, y)), ``from`` and
    ``to`` (strategy names, None where no equilibrium was found) and
    ``along_x`` (numpy bool: located along x, on a line of constant y).

Raises
------
ValueError
    For unknown names, x equal to y, x or y also in ``fixed``, lines below
    2, or the options ``thresholds`` rejects.

Examples
--------
>>> s = en.Scenario.parse('''{"actors": [
...   {"name": "A", "strategies": [{"name": "x"}, {"name": "y"}]}],
...  "parameters": [{"name": "p", "default": 0, "min": 0, "max": 1},
...                 {"name": "q", "default": 0, "min": 0, "max": 1}],
...  "terms": [{"kind": "base", "actor": "A", "strategy": "y", "value": "p - q / 2 - 0.25"}]}''')
>>> b = s.boundaries(lines=3)
>>> [tuple(round(float(v), 6) for v in point) for point in b["points"]]
[(0.25, 0.0), (0.5, 0.5), (0.75, 1.0), (0.5, 0.5)]
>>> b["from"], b["to"]
(['x', 'x', 'x', 'y'], ['y', 'y', 'y', 'x'])
)doc";

py::dict boundaries_of(const Scenario& s, const py::object& x, const py::object& y, const py::object& focus,
                       const py::object& fixed, long long lines, long long grid, double tol,
                       const std::string& method, const std::string& selection, std::size_t threads) {
  const std::size_t actor = actor_of(s, focus);
  const scenario::Values values = fixed.is_none() ? scenario::Values{} : read_values(py::dict(fixed));
  const auto map = s.map();
  if ((x.is_none() || y.is_none()) && map.size() < 2)
    throw InvalidArgument("boundaries need two parameters; the scenario has fewer");
  const std::string xs = x.is_none() ? s.parameters()[map[0]].name : py::str(x).cast<std::string>();
  const std::string ys = y.is_none() ? s.parameters()[map[1]].name : py::str(y).cast<std::string>();
  if (lines < 2) throw InvalidArgument("boundaries: at least 2 lines are needed, got " + std::to_string(lines));
  const auto options = threshold_options("boundaries", grid, tol, method, selection, threads);
  const auto points = interruptible(
      [&] { return scenario::boundaries(s, actor, xs, ys, values, static_cast<std::size_t>(lines), options); });
  const auto& strategies = s.actors()[actor].strategies;
  auto name = [&](std::size_t k) -> py::object {
    return k == scenario::kNoStrategy ? py::object(py::none()) : py::object(py::str(strategies[k].name));
  };
  py::array_t<double> xy({static_cast<py::ssize_t>(points.size()), py::ssize_t{2}});
  py::array_t<bool> along_x(static_cast<py::ssize_t>(points.size()));
  auto w = xy.mutable_unchecked<2>();
  auto a = along_x.mutable_unchecked<1>();
  py::list from, to;
  for (std::size_t k = 0; k < points.size(); ++k) {
    w(k, 0) = points[k].x;
    w(k, 1) = points[k].y;
    a(k) = points[k].along_x;
    from.append(name(points[k].from));
    to.append(name(points[k].to));
  }
  return py::dict("x"_a = xs, "y"_a = ys, "focus"_a = s.actors()[actor].name,
                  "selection"_a = to_string(options.selection), "points"_a = xy, "from"_a = from, "to"_a = to,
                  "along_x"_a = along_x);
}

constexpr const char* kSensitivityDoc = R"doc(Which assumptions the focus actor's stance rests on.

For every parameter, run over its whole range with the others at ``fixed``
or their defaults (as ``thresholds``): the actor's payoff range in the
selected equilibrium over the grid, the stances it takes and the switches.
For every payoff term, scaled by ``1 - perturb`` and by ``1 + perturb``
with the parameters at ``fixed``: the actor's stance and payoff, and
whether the stance differs from the unperturbed one. All of it runs in C++
(the GIL released).

Parameters
----------
focus : str, optional
    The actor; default the scenario's focus.
fixed : dict, optional
    Parameter values; the others keep their defaults.
perturb : float, optional
    The terms' relative change, in (0, 1].
grid, tol, method, selection, threads : optional
    As for ``thresholds``.

Returns
-------
dict
    The object of ``entente scenario FILE --sensitivity --json``:
    ``focus``, ``selection``, ``perturb``, ``parameters`` (name: value),
    ``stance`` and ``payoff`` there, ``by_parameter`` (per parameter:
    ``parameter``, ``min``, ``max``, ``value``, ``payoff_min``,
    ``payoff_max``, ``stances``, ``switches``) and ``by_term`` (per term:
    ``term`` (its JSON path), ``label``, ``low`` and ``high`` (each
    ``{"scale", "stance", "payoff"}``) and ``changes``). A stance is None,
    and its payoff None, where no equilibrium was found.

Raises
------
ValueError
    For an unknown parameter or actor, a perturb outside (0, 1], or the
    options ``thresholds`` rejects.

Examples
--------
>>> s = en.Scenario.parse('''{"actors": [
...   {"name": "A", "strategies": [{"name": "x"}, {"name": "y"}]}],
...  "parameters": [{"name": "p", "default": 0, "min": 0, "max": 1}],
...  "terms": [{"kind": "base", "actor": "A", "strategy": "y", "value": "p - 0.3"}]}''')
>>> r = s.sensitivity()
>>> r["stance"], r["by_parameter"][0]["stances"], round(r["by_parameter"][0]["payoff_max"], 6)
('x', ['x', 'y'], 0.7)
>>> r["by_term"][0]["changes"]
False
)doc";

py::object sensitivity_of(const Scenario& s, const py::object& focus, const py::object& fixed, double perturb,
                          long long grid, double tol, const std::string& method, const std::string& selection,
                          std::size_t threads) {
  const std::size_t actor = actor_of(s, focus);
  const scenario::Values values = fixed.is_none() ? scenario::Values{} : read_values(py::dict(fixed));
  scenario::SensitivityOptions options;
  options.perturb = perturb;
  options.thresholds = threshold_options("sensitivity", grid, tol, method, selection, threads);
  const std::string text =
      interruptible([&] { return io::sensitivity_json(s, scenario::sensitivity(s, actor, values, options)); });
  // The CLI's --json document, so Python and the command line cannot differ.
  return py::module_::import("json").attr("loads")(text);
}

}  // namespace

void bind_scenario(py::module_& m) {
  py::class_<Scenario> cls(m, "Scenario", kScenarioDoc);
  cls.def_static(
      "load", [](const py::object& path) { return Scenario::load(py::str(path).cast<std::string>()); }, "path"_a,
      kLoadDoc);
  cls.def_static(
      "parse", [](const std::string& text, const std::string& source) { return Scenario::parse(text, source); },
      "text"_a, "source"_a = "<scenario>", kParseDoc);
  cls.def_property_readonly("title", &Scenario::title, "The title (empty when the file has none).");
  cls.def_property_readonly("description", &Scenario::description, "The description (may be empty).");
  cls.def_property_readonly("source", &Scenario::source, "The file name (or the source given to parse).");
  cls.def_property_readonly("text", &Scenario::text, "The JSON text it was read from.");
  cls.def_property_readonly(
      "actors",
      [](const Scenario& s) {
        std::vector<std::string> names;
        for (const auto& a : s.actors()) names.push_back(a.name);
        return names;
      },
      "The actors' names, in player order.");
  cls.def_property_readonly(
      "strategies",
      [](const Scenario& s) {
        std::vector<std::vector<std::string>> names;
        for (const auto& a : s.actors()) {
          names.emplace_back();
          for (const auto& st : a.strategies) names.back().push_back(st.name);
        }
        return names;
      },
      "Each actor's strategy names.");
  cls.def_property_readonly(
      "shape",
      [](const Scenario& s) {
        py::tuple t(s.shape().size());
        for (std::size_t i = 0; i < s.shape().size(); ++i) t[i] = s.shape()[i];
        return t;
      },
      "Strategy counts, one per actor: the shape of every compiled game.");
  cls.def_property_readonly("parameters", &parameters_of,
                            "The parameters: a list of dicts with name, default, min, max, description, source.");
  cls.def_property_readonly(
      "focus", [](const Scenario& s) { return s.actors()[s.focus()].name; },
      "The actor reports and thresholds centre on: the file's \"focus\", else the first actor.");
  cls.def_property_readonly(
      "map",
      [](const Scenario& s) {
        std::vector<std::string> names;
        for (std::size_t p : s.map()) names.push_back(s.parameters()[p].name);
        return names;
      },
      "The two parameters of the report's stance map: the file's \"map\", else the first two.");
  cls.def_property_readonly(
      "defaults",
      [](const Scenario& s) {
        py::dict out;
        for (const auto& p : s.parameters()) out[py::str(p.name)] = p.default_value;
        return out;
      },
      "Each parameter's default value, by name.");
  cls.def(
      "game",
      [](const Scenario& s, bool exact, const py::kwargs& kwargs) {
        const auto values = read_values(kwargs);
        Game<Rational> game = [&] {
          py::gil_scoped_release release;
          return exact ? s.exact_game(values) : s.game(values).cast<Rational>();
        }();
        return PyGame(std::move(game));
      },
      py::kw_only(), "exact"_a = false, kGameDoc);
  cls.def_property_readonly("compact", &Scenario::compact,
                            "True when the file keeps its terms as terms (\"compact\": true, or past the dense size "
                            "limit); game() then works only where the tensor fits (docs/compact.md).");
  cls.def(
      "compact_game",
      [](const Scenario& s, const py::kwargs& kwargs) {
        const auto values = read_values(kwargs);
        py::gil_scoped_release release;
        return s.compact_game(values);
      },
      "The game at these parameter values (defaults for the others) as a CompactGame: its terms, no tensor.");
  cls.def("thresholds", &thresholds_of, "parameter"_a, "focus"_a = py::none(), "fixed"_a = py::none(),
          "grid"_a = 101, "tol"_a = 1e-6, py::kw_only(), "method"_a = "auto", "selection"_a = "welfare",
          "threads"_a = 0, kThresholdsDoc);
  cls.def("boundaries", &boundaries_of, "x"_a = py::none(), "y"_a = py::none(), "focus"_a = py::none(),
          "fixed"_a = py::none(), "lines"_a = 21, py::kw_only(), "grid"_a = 101, "tol"_a = 1e-6, "method"_a = "auto",
          "selection"_a = "welfare", "threads"_a = 0, kBoundariesDoc);
  cls.def("sensitivity", &sensitivity_of, "focus"_a = py::none(), "fixed"_a = py::none(), "perturb"_a = 0.2,
          py::kw_only(), "grid"_a = 101, "tol"_a = 1e-6, "method"_a = "auto", "selection"_a = "welfare",
          "threads"_a = 0, kSensitivityDoc);
  cls.def("_grid", &grid, "axes"_a, "fixed"_a);
  cls.def("_sweep_points", &sweep_points, "points"_a, "method"_a, "selection"_a, "exact"_a, "correlated_fallback"_a, "continuation"_a,
          "threads"_a, "callback"_a);
  // Dask chunks of a continuing sweep are multiples of it (same results as local).
  cls.attr("_CONTINUATION_RUN") = scenario::kContinuationRun;
  cls.def("__repr__", [](const Scenario& s) {
    return "Scenario('" + (s.title().empty() ? s.source() : s.title()) + "', " + std::to_string(s.actors().size()) +
           " actors, " + std::to_string(s.parameters().size()) + " parameters)";
  });
  cls.def(py::pickle([](const Scenario& s) { return py::make_tuple(s.text(), s.source()); },
                     [](const py::tuple& t) {
                       if (t.size() != 2) throw InvalidArgument("a pickled entente.Scenario holds two fields");
                       return Scenario::parse(t[0].cast<std::string>(), t[1].cast<std::string>());
                     }));
}

}  // namespace entente::python
