// entente.ExtensiveGame (game trees), read_efg / parse_efg, solve(tree) and
// its BehaviorEquilibrium. The trees and solvers are the C++ ones
// (entente/extensive/); this file converts and releases the GIL.
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "common.hpp"
#include "entente/extensive/sequential.hpp"
#include "entente/extensive/solve.hpp"
#include "entente/io/efg.hpp"

namespace entente::python {

using namespace pybind11::literals;

namespace {

/// A tree is held exactly; a floating solve works on a cast copy.
struct PyTree {
  ExtensiveGame<Rational> exact;
};

/// A behaviour equilibrium as Python sees it (floating values always, exact ones with exact=True).
struct PyBehaviorEquilibrium {
  std::vector<std::vector<std::vector<double>>> behavior;
  std::vector<double> payoffs;
  double regret = 0.0;
  std::optional<std::vector<std::vector<std::vector<Rational>>>> exact;
  std::optional<std::vector<Rational>> exact_payoffs;
  std::optional<Rational> exact_regret;
};

struct PyTreeSolveResult {
  std::string method, status, selection;
  std::vector<PyBehaviorEquilibrium> equilibria;
  std::size_t found = 0;
  bool normal_form = false;
};

template <class Scalar>
PyBehaviorEquilibrium to_python(const BehaviorEquilibrium<Scalar>& eq) {
  const BehaviorEquilibrium<double> floating = eq.template cast<double>();
  PyBehaviorEquilibrium out{floating.behavior, floating.payoffs, floating.regret, {}, {}, {}};
  if constexpr (is_exact_v<Scalar>) {
    out.exact = eq.behavior;
    out.exact_payoffs = eq.payoffs;
    out.exact_regret = eq.regret;
  }
  return out;
}

std::vector<Rational> numbers(const py::object& values, const std::string& what) {
  return read_tensor(values, what, 1).values;
}

PyTreeSolveResult solve_tree(const PyTree& tree, const std::string& method, bool exact, const std::string& selection,
                             std::optional<double> time_limit) {
  SolveOptions options;
  options.method = parse_method(method);
  options.selection = Selection::parse(selection);
  options.time_limit_seconds = time_limit_of(time_limit);
  return with_scalar(exact, [&](auto zero) {
    using Scalar = decltype(zero);
    const auto result = interruptible([&] {
      if constexpr (is_exact_v<Scalar>)
        return entente::solve(tree.exact, options);
      else
        return entente::solve(tree.exact.cast<double>(), options);
    });
    PyTreeSolveResult out{to_string(result.method), to_string(result.status), to_string(result.selection),
                          {}, result.found, result.normal_form};
    for (const auto& eq : result.equilibria) out.equilibria.push_back(to_python(eq));
    return out;
  });
}

py::list node_payoffs(const std::vector<Rational>& u, bool exact) {
  py::list out;
  for (const auto& x : u) out.append(exact ? to_fraction(x) : py::object(py::float_(nearest_double(x))));
  return out;
}

constexpr const char* kTreeDoc = R"doc(A finite game in extensive form: a tree of chance and personal nodes.

Build it from the root down: ``add_move`` makes a terminal node a decision
of a player at an information set (new, or an existing one by number) and
gives it one child per action; ``add_chance`` makes it a chance move;
``set_outcome`` puts payoffs on a node (payoffs add up along a path).
Information sets are numbered per player in order of creation; behaviour
strategies (``solve``) list them in that order. Numbers are kept exact.

Parameters
----------
players : list of str
    The players' names.
title : str, optional

Examples
--------
>>> g = en.ExtensiveGame(["Entrant", "Incumbent"], title="Entry")
>>> g.add_move(g.root, 0, ["Out", "In"])
0
>>> out, enter = g.children(g.root)
>>> g.set_outcome(out, [0, 2])
0
>>> g.add_move(enter, 1, ["Fight", "Accommodate"])
0
>>> fight, accommodate = g.children(enter)
>>> g.set_outcome(fight, [-1, -1])
1
>>> g.set_outcome(accommodate, [1, 1])
2
>>> [eq.behavior[0][0].tolist() for eq in en.solve(g, method="backward")]
[[0.0, 1.0]]
)doc";

constexpr const char* kBehaviorDoc = R"doc(An equilibrium of a game tree in behaviour strategies, with its certificate.

Attributes
----------
behavior : list of list of numpy.ndarray
    Per player, per information set (in the tree's numbering), the action
    probabilities.
payoffs : numpy.ndarray
    Each player's expected payoff.
regret : float
    The largest gain any player gets by deviating, computed in the tree.
exact, exact_payoffs, exact_regret
    The same as ``fractions.Fraction`` when solved with ``exact=True``, else None.

Examples
--------
>>> g = en.read_efg("tests/data/efg_kuhn_poker.efg")  # doctest: +SKIP
>>> (eq,) = en.solve(g, exact=True)  # doctest: +SKIP
>>> eq.exact_payoffs[0]  # doctest: +SKIP
Fraction(-1, 18)
)doc";

constexpr const char* kTreeSolveDoc = R"doc(Equilibria of a game tree in behaviour strategies, each certified in the tree.

``method``: ``"auto"`` (the sequence-form LP for two-player zero-sum trees,
backward induction for perfect information, the sequence-form LCP for
other two-player trees, else the reduced normal form's ``auto``), ``"lp"``
and ``"lcp"`` (sequence form), ``"backward"`` (every pure subgame-perfect
equilibrium), or ``"enummixed"``, ``"enumsupport"``, ``"enumpure"``,
``"simpdiv"``, ``"logit"``, which run on the reduced normal form and are
mapped back. The tree needs perfect recall (ValueError otherwise).
)doc";

}  // namespace

void bind_extensive(py::module_& m) {
  py::class_<PyBehaviorEquilibrium> eq(m, "BehaviorEquilibrium", kBehaviorDoc);
  eq.def_property_readonly(
      "behavior",
      [](const PyBehaviorEquilibrium& e) {
        py::list out;
        for (const auto& player : e.behavior) {
          py::list sets;
          for (const auto& h : player) sets.append(to_numpy(h));
          out.append(sets);
        }
        return out;
      },
      "Per player, per information set, the action probabilities (numpy float64).");
  eq.def_property_readonly(
      "payoffs", [](const PyBehaviorEquilibrium& e) { return to_numpy(e.payoffs); },
      "Each player's expected payoff (numpy float64).");
  eq.def_readonly("regret", &PyBehaviorEquilibrium::regret, "The largest gain from deviating (float).");
  eq.def_readonly("exact", &PyBehaviorEquilibrium::exact, "The behaviour as fractions.Fraction, or None.");
  eq.def_readonly("exact_payoffs", &PyBehaviorEquilibrium::exact_payoffs, "The payoffs as Fractions, or None.");
  eq.def_readonly("exact_regret", &PyBehaviorEquilibrium::exact_regret, "The regret as a Fraction, or None.");
  eq.def("__repr__", [](const PyBehaviorEquilibrium& e) {
    return "BehaviorEquilibrium(" + std::to_string(e.behavior.size()) + " players, regret " +
           std::to_string(e.regret) + ")";
  });

  py::class_<PyTreeSolveResult> result(m, "TreeSolveResult", R"doc(What ``solve`` returns for a game tree.

A sequence of BehaviorEquilibrium with ``method`` (the one that ran),
``status``, ``selection``, ``found`` and ``normal_form`` (True when the
method ran on the reduced normal form and its equilibria were mapped back).

Examples
--------
>>> g = en.parse_efg('EFG 2 R "" { "A" "B" } p "" 1 1 "" { "a" "b" } 0 t "" 1 "" { 1, 0 } t "" 2 "" { 0, 1 }')
>>> result = en.solve(g)
>>> result.method, result.normal_form, len(result)
('backward', False, 1)
)doc");
  result.def_readonly("method", &PyTreeSolveResult::method);
  result.def_readonly("status", &PyTreeSolveResult::status);
  result.def_readonly("selection", &PyTreeSolveResult::selection);
  result.def_readonly("equilibria", &PyTreeSolveResult::equilibria);
  result.def_readonly("found", &PyTreeSolveResult::found);
  result.def_readonly("normal_form", &PyTreeSolveResult::normal_form);
  result.def("__len__", [](const PyTreeSolveResult& r) { return r.equilibria.size(); });
  result.def("__getitem__", [](const PyTreeSolveResult& r, long long k) {
    const auto n = static_cast<long long>(r.equilibria.size());
    if (k < -n || k >= n) throw py::index_error("index " + std::to_string(k) + " out of range");
    return r.equilibria[static_cast<std::size_t>(k < 0 ? k + n : k)];
  }, "index"_a);
  result.def("__iter__", [](const PyTreeSolveResult& r) { return py::iter(py::cast(r.equilibria)); });
  result.def("__repr__", [](const PyTreeSolveResult& r) {
    return "TreeSolveResult(method='" + r.method + "', status='" + r.status + "', " +
           std::to_string(r.equilibria.size()) + " of " + std::to_string(r.found) + " found)";
  });

  py::class_<PyTree> tree(m, "ExtensiveGame", kTreeDoc);
  tree.def(py::init([](std::vector<std::string> players, std::string title) {
             return PyTree{ExtensiveGame<Rational>(std::move(players), std::move(title))};
           }),
           "players"_a, "title"_a = "");
  tree.def_property_readonly("players", [](const PyTree& t) { return t.exact.players(); });
  tree.def_property_readonly("title", [](const PyTree& t) { return t.exact.title(); });
  tree.def_property_readonly("comment", [](const PyTree& t) { return t.exact.comment(); });
  tree.def_property_readonly("root", [](const PyTree& t) { return t.exact.root(); }, "The root node (0).");
  tree.def_property_readonly("num_nodes", [](const PyTree& t) { return t.exact.num_nodes(); });
  tree.def_property_readonly(
      "infosets",
      [](const PyTree& t) {
        py::list out;
        for (std::size_t i = 0; i < t.exact.num_players(); ++i) {
          py::list sets;
          for (const auto& h : t.exact.infosets(i))
            sets.append(py::dict("label"_a = h.label, "actions"_a = h.actions, "nodes"_a = h.nodes));
          out.append(sets);
        }
        return out;
      },
      "Per player, its information sets: dicts with 'label', 'actions' and 'nodes'.");
  tree.def(
      "node",
      [](const PyTree& t, std::size_t n) {
        const TreeNode& x = t.exact.node(n);
        const char* kind = x.kind == NodeKind::terminal ? "terminal" : x.kind == NodeKind::chance ? "chance" : "personal";
        py::object player = x.kind == NodeKind::personal ? py::object(py::int_(x.player)) : py::object(py::none());
        py::object infoset = x.kind == NodeKind::terminal ? py::object(py::none()) : py::object(py::int_(x.infoset));
        py::list actions;
        if (x.kind != NodeKind::terminal)
          for (const auto& a : t.exact.infoset_of(n).actions) actions.append(a);
        return py::dict("kind"_a = kind, "label"_a = x.label, "player"_a = player, "infoset"_a = infoset,
                        "actions"_a = actions, "children"_a = x.children,
                        "parent"_a = x.parent == kNoIndex ? py::object(py::none()) : py::object(py::int_(x.parent)));
      },
      "node"_a, "The node as a dict: kind, label, player, infoset, actions, children, parent.");
  tree.def("children", [](const PyTree& t, std::size_t n) { return t.exact.node(n).children; }, "node"_a);
  tree.def(
      "add_move",
      [](PyTree& t, std::size_t n, std::size_t player, const py::object& actions, const std::string& label) {
        if (py::isinstance<py::int_>(actions)) return t.exact.add_move(n, player, actions.cast<std::size_t>());
        return t.exact.add_move(n, player, actions.cast<std::vector<std::string>>(), label);
      },
      "node"_a, "player"_a, "actions"_a, "label"_a = "",
      "Makes a terminal node a move of ``player`` (0-based): ``actions`` is a list of action labels (a new "
      "information set) or the number of an existing information set of that player. Returns the set's number.");
  tree.def(
      "add_chance",
      [](PyTree& t, std::size_t n, const py::object& actions, const py::object& probabilities, const std::string& label) {
        if (py::isinstance<py::int_>(actions)) return t.exact.add_chance(n, actions.cast<std::size_t>());
        return t.exact.add_chance(n, actions.cast<std::vector<std::string>>(), numbers(probabilities, "probabilities"),
                                  label);
      },
      "node"_a, "actions"_a, "probabilities"_a = py::none(), "label"_a = "",
      "Makes a terminal node a chance move with these actions and probabilities (exact numbers; they must sum to "
      "one), or joins an existing chance information set given by number. Returns the set's number.");
  tree.def(
      "set_outcome",
      [](PyTree& t, std::size_t n, const py::object& payoffs, const std::string& label) {
        const std::size_t o = t.exact.add_outcome(numbers(payoffs, "payoffs"), label);
        t.exact.set_outcome(n, o);
        return o;
      },
      "node"_a, "payoffs"_a, "label"_a = "", "Puts an outcome (one payoff per player) on a node; returns its number.");
  tree.def(
      "payoffs_at", [](const PyTree& t, std::size_t n, bool exact) { return node_payoffs(t.exact.payoffs_at(n), exact); },
      "node"_a, "exact"_a = false, "Every player's payoff at a node: the sum of the outcomes from the root.");
  tree.def("has_perfect_recall", [](const PyTree& t) { return t.exact.has_perfect_recall(); });
  tree.def("perfect_recall_violation", [](const PyTree& t) { return t.exact.perfect_recall_violation(); },
           "Why the tree lacks perfect recall, or None.");
  tree.def("is_perfect_information", [](const PyTree& t) { return t.exact.is_perfect_information(); });
  tree.def(
      "to_normal_form",
      [](const PyTree& t) { return PyGame(interruptible([&] { return to_normal_form(t.exact); })); },
      "The reduced normal form as a Game (strategies that differ only where they are never reached merged, "
      "labelled '1', '2', ... in Gambit's order).");
  tree.def(
      "play_path",
      [](const PyTree& t, const PyBehaviorEquilibrium& eq) {
        BehaviorProfile<Rational> b;
        for (const auto& player : eq.behavior) {
          b.emplace_back();
          for (const auto& h : player) {
            b.back().emplace_back();
            for (double p : h) b.back().back().push_back(rational_from_double(p));
          }
        }
        return pure_play_path(t.exact, eq.exact ? *eq.exact : b);
      },
      "equilibrium"_a,
      "The play of a pure equilibrium: the (node, action) pairs from the root to a leaf. ValueError if the path "
      "meets a chance move or a mixed choice.");
  tree.def("to_efg", [](const PyTree& t) { return io::to_efg(t.exact); }, "The tree as .efg text.");
  tree.def("write_efg", [](const PyTree& t, const std::filesystem::path& path) { io::write_efg(t.exact, path); },
           "path"_a, "Writes the tree as a .efg file.");
  tree.def("__repr__", [](const PyTree& t) {
    return "ExtensiveGame('" + t.exact.title() + "', " + std::to_string(t.exact.num_players()) + " players, " +
           std::to_string(t.exact.num_nodes()) + " nodes)";
  });

  m.def(
      "read_efg",
      [](const std::filesystem::path& path) {
        return PyTree{interruptible([&] { return io::read_efg(path); })};
      },
      "path"_a,
      "Reads a game tree from a Gambit .efg file (EFG 2 R or D; numbers exact). Raises ParseError (a ValueError) "
      "naming the line for a malformed file.\n\nExamples\n--------\n>>> g = en.read_efg(\"tests/data/efg_kuhn_poker.efg\")"
      "  # doctest: +SKIP\n");
  m.def(
      "parse_efg", [](const std::string& text, const std::string& source) { return PyTree{io::parse_efg(text, source)}; },
      "text"_a, "source"_a = "<efg>",
      "Parses a game tree from .efg text.\n\nExamples\n--------\n"
      ">>> en.parse_efg('EFG 2 R \"\" { \"A\" } p \"\" 1 1 \"\" { \"a\" \"b\" } 0 t \"\" 1 \"\" { 1 } t \"\" 0').num_nodes\n3\n");
  m.def(
      "sequential_game",
      [](const PyGame& game, const std::vector<std::string>& order) {
        return PyTree{sequential_game(game.exact, player_order(game.exact, order))};
      },
      "game"_a, "order"_a, R"doc(A normal-form game played as a chain of moves.

The players move one after another in ``order`` (every player's name once,
the first mover first), each seeing the earlier moves; the leaves carry the
game's payoffs at the profile played. The result is a tree of perfect
information, solved for its subgame-perfect equilibria by
``en.solve(tree, method="backward")``.

Examples
--------
>>> g = en.Game([[[3, 0], [0, 2]], [[2, 0], [0, 3]]], players=["Row", "Column"])
>>> tree = en.sequential_game(g, ["Column", "Row"])
>>> (eq,) = en.solve(tree, method="backward", exact=True)
>>> eq.exact_payoffs
[Fraction(2, 1), Fraction(3, 1)]
)doc");
  m.def("solve", &solve_tree, "game"_a, "method"_a = "auto", "exact"_a = false, "selection"_a = "all",
        "time_limit"_a = py::none(), kTreeSolveDoc);
}

}  // namespace entente::python
