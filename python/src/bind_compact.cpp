// entente.CompactGame: a game kept as its payoff terms (game/compact_game.hpp),
// from Scenario.compact_game(); its solvers (compact/) with the GIL released.
// Floating point; a game small enough for a tensor goes to the exact solvers
// through to_dense().
#include <string>
#include <vector>

#include <pybind11/stl.h>

#include "common.hpp"
#include "entente/compact/coarse_correlated.hpp"
#include "entente/compact/pure_nash.hpp"
#include "entente/compact/solve.hpp"

namespace entente::python {
namespace {

using namespace pybind11::literals;

std::vector<std::size_t> read_pure(const CompactGame<double>& game, const std::vector<long long>& profile) {
  if (profile.size() != game.num_players())
    throw InvalidArgument("a profile needs " + std::to_string(game.num_players()) + " strategies, got " +
                          std::to_string(profile.size()));
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < profile.size(); ++i) {
    if (profile[i] < 0 || static_cast<std::size_t>(profile[i]) >= game.num_strategies(i))
      throw InvalidArgument("strategy " + std::to_string(profile[i]) + " out of range for player " +
                            std::to_string(i) + " (" + std::to_string(game.num_strategies(i)) + " strategies)");
    out.push_back(static_cast<std::size_t>(profile[i]));
  }
  return out;
}

MixedProfile<double> read_mixed(const CompactGame<double>& game, const std::vector<std::vector<double>>& profile) {
  MixedProfile<double> p(profile);
  game.check_mixed(p);
  return p;
}

py::list equilibria_of(const std::vector<Equilibrium<double>>& eqs) {
  py::list out;
  for (const auto& e : eqs) out.append(py::cast(to_python(e)));
  return out;
}

constexpr const char* kCompactDoc = R"doc(A game kept as its payoff terms, without a payoff tensor.

A scenario's payoffs are sums of base, pairwise and conditional terms;
``Scenario.compact_game`` keeps them so, which is how games of 15 to 30
actors stay small (docs/compact.md). Payoffs, strategy values and regrets
cost time linear in the terms; ``to_dense()`` builds the ``Game`` where it
fits. Floating point.

Examples
--------
>>> import entente as en
>>> s = en.Scenario.parse('''{"actors": [
...   {"name": "A", "strategies": [{"name": "x"}, {"name": "y"}]},
...   {"name": "B", "strategies": [{"name": "x"}, {"name": "y"}]}],
...   "terms": [{"kind": "pairwise", "actor": "A", "strategy": "x", "other": "B", "other_strategy": "x", "value": 1},
...             {"kind": "pairwise", "actor": "B", "strategy": "x", "other": "A", "other_strategy": "x", "value": 1}]}''')
>>> g = s.compact_game()
>>> g.payoffs([0, 0]).tolist(), g.num_terms
([1.0, 1.0], 2)
>>> [e.profile[0].tolist() for e in g.pure_equilibria()[0]]
[[1.0, 0.0], [0.0, 1.0]]
)doc";

}  // namespace

void bind_compact(py::module_& m) {
  py::class_<CompactGame<double>> cls(m, "CompactGame", kCompactDoc);
  cls.def_property_readonly("players", [](const CompactGame<double>& g) { return g.players(); }, "The players' names.");
  cls.def_property_readonly(
      "strategies", [](const CompactGame<double>& g) { return g.strategies(); }, "Each player's strategy names.");
  cls.def_property_readonly(
      "shape",
      [](const CompactGame<double>& g) {
        py::tuple t(g.shape().size());
        for (std::size_t i = 0; i < g.shape().size(); ++i) t[i] = g.shape()[i];
        return t;
      },
      "Strategy counts, one per player.");
  cls.def_property_readonly(
      "num_terms", [](const CompactGame<double>& g) { return g.terms().size(); }, "Number of payoff terms.");
  cls.def_property_readonly("is_polymatrix", &CompactGame<double>::is_polymatrix,
                            "True when every term involves at most two players (a sum of two-player games).");
  cls.def(
      "neighbours", [](const CompactGame<double>& g, std::size_t player) { return g.neighbours(player); }, "player"_a,
      "The players whose strategies can change ``player``'s payoff (its neighbours in the interaction graph).");
  cls.def(
      "payoffs",
      [](const CompactGame<double>& g, const std::vector<long long>& profile) {
        return to_numpy(g.payoffs(read_pure(g, profile)));
      },
      "profile"_a, "Each player's payoff at a pure profile (one strategy index per player).");
  cls.def(
      "strategy_values",
      [](const CompactGame<double>& g, const std::vector<std::vector<double>>& profile, std::size_t player) {
        if (player >= g.num_players()) throw InvalidArgument("player " + std::to_string(player) + " out of range");
        return to_numpy(g.strategy_values(read_mixed(g, profile), player));
      },
      "profile"_a, "player"_a,
      "``player``'s expected payoff from each of its strategies when the others play the mixed ``profile``.");
  cls.def(
      "regret",
      [](const CompactGame<double>& g, const std::vector<std::vector<double>>& profile) {
        return certify(g, read_mixed(g, profile)).regret;
      },
      "profile"_a, "The largest gain any player gets by deviating from the mixed ``profile`` (0 at an equilibrium).");
  cls.def(
      "to_dense",
      [](const CompactGame<double>& g) {
        const Game<double> dense = [&] {
          py::gil_scoped_release release;
          return g.to_dense();
        }();
        return PyGame(dense.cast<Rational>());
      },
      "The dense ``Game`` (the same payoffs); ValueError when it would not fit.");
  cls.def(
      "pure_equilibria",
      [](const CompactGame<double>& g, const std::optional<double>& time_limit) {
        const auto run = interruptible(
            [&] { return compact_pure_equilibria(g, {.time_limit_seconds = time_limit_of(time_limit)}); });
        return py::make_tuple(equilibria_of(run.equilibria), to_string(run.status));
      },
      "time_limit"_a = py::none(),
      "Every pure equilibrium, by backtracking over the interaction graph: ``(equilibria, status)``, status "
      "``'complete'`` when the list holds every one.");
  cls.def(
      "solve",
      [](const CompactGame<double>& g, const std::string& method, const std::string& selection) {
        const CompactSolveOptions options{parse_method(method), Selection::parse(selection), kNoTimeLimit};
        return equilibria_of(interruptible([&] { return solve_compact(g, options); }).equilibria);
      },
      "method"_a = "auto", "selection"_a = "welfare",
      "Pure equilibria, else one mixed equilibrium (Lemke's algorithm when the game is polymatrix, else the "
      "certified logit endpoint), after the selection rule; ``method`` auto, enumpure, lcp (polymatrix Lemke) or "
      "logit.");
  cls.def(
      "coarse_correlated",
      [](const CompactGame<double>& g, std::size_t max_iterations, double tolerance) {
        const auto r = interruptible([&] {
          return compact_coarse_correlated(g, {.max_iterations = max_iterations, .tolerance = tolerance});
        });
        std::vector<py::array_t<double>> marginals;
        for (const auto& m : r.marginals) marginals.push_back(to_numpy(m));
        return py::dict("marginals"_a = marginals, "payoffs"_a = to_numpy(r.payoffs), "gain"_a = r.gain,
                        "rounds"_a = r.rounds.size(), "status"_a = to_string(r.status));
      },
      "max_iterations"_a = 10000, "tolerance"_a = 1e-2,
      "A coarse correlated equilibrium by no-regret dynamics (Hedge): its marginals, expected payoffs and "
      "``gain``, the largest gain of a fixed deviation (the certificate).");
  cls.def("__repr__", [](const CompactGame<double>& g) {
    return "CompactGame(" + std::to_string(g.num_players()) + " players, " + std::to_string(g.terms().size()) +
           " terms)";
  });
}

}  // namespace entente::python
