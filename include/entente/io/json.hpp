// The JSON contract (DESIGN.md, "Command line"), written in one place: every
// `--json` of the CLI is one of these documents. Numbers are doubles; a
// result computed in rationals adds "p/q" strings beside them ("exact",
// "exact_payoffs", "exact_regret"). Every document has "status". Text that
// is not valid UTF-8 is written with U+FFFD in place of the bad bytes,
// never an error.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "entente/alliance/analysis.hpp"
#include "entente/alliance/compact_analysis.hpp"
#include "entente/extensive/sequential.hpp"
#include "entente/extensive/solve.hpp"
#include "entente/game/game.hpp"
#include "entente/scenario/alliance_sweep.hpp"
#include "entente/scenario/scenario.hpp"
#include "entente/scenario/sensitivity.hpp"
#include "entente/scenario/sweep.hpp"
#include "entente/scenario/thresholds.hpp"
#include "entente/solvers/solve.hpp"

namespace entente::io {

/// `entente solve --json`: {"players", "strategies", "method", "status",
/// "selection", "equilibria"}; a ce/cce entry has "distribution" instead of
/// "profile".
template <class Scalar>
std::string solve_json(const Game<Scalar>& game, const SolveResult<Scalar>& result);

/// `entente solve TREE.efg --json`: {"players", "infosets" (per player, per
/// information set: "label" and "actions"), "method", "status",
/// "selection", "normal_form" (the method ran on the reduced normal form),
/// "equilibria"}; each equilibrium has "behavior" (per player, per
/// information set, the action probabilities), "payoffs" and "regret", and
/// with exact arithmetic "exact" (the behaviour as "p/q"), "exact_payoffs"
/// and "exact_regret".
template <class Scalar>
std::string tree_solve_json(const ExtensiveGame<Scalar>& game, const TreeSolveResult<Scalar>& result);

/// `entente sequential FILE.json --order ... --json`: {"title", "order"
/// (player names), "parameters", "nodes", "method", "selection", "path"
/// ([{"player", "strategy"}] in the order of play), "payoffs", "regret"}
/// and with exact arithmetic "exact_payoffs" and "exact_regret".
template <class Scalar>
std::string sequential_json(const scenario::Scenario& scenario, const std::vector<double>& values,
                            const ExtensiveGame<Scalar>& tree, const std::vector<std::size_t>& order,
                            const TreeSolveResult<Scalar>& result);

/// `entente scenario FILE --json`: solve_json's keys plus "scenario",
/// "parameters" (name: value) and, when the correlated equilibrium stands
/// in for a Nash method that found none, "correlated_fallback": true.
template <class Scalar>
std::string scenario_json(const scenario::Scenario& scenario, const std::vector<double>& values,
                          const Game<Scalar>& game, const SolveResult<Scalar>& result);

/// The same document from the players' and strategies' names (a compact
/// scenario, which has no dense Game).
template <class Scalar>
std::string scenario_json(const scenario::Scenario& scenario, const std::vector<double>& values,
                          const std::vector<std::string>& players,
                          const std::vector<std::vector<std::string>>& strategies, const SolveResult<Scalar>& result);

/// `entente scenario FILE --sweep ... --json`: {"scenario", "players",
/// "strategies", "method", "selection", "axes", "points"}, each point with
/// its "parameters", "method", "status", "equilibria", "payoffs",
/// "modal_strategies" (names), "correlated" when there is one and
/// "continued" when `with_continued`.
std::string sweep_json(const scenario::Scenario& scenario, const scenario::SweepResult& result, bool with_continued);

/// `entente scenario --thresholds PARAM --json`: {"parameter", "focus",
/// "selection", "grid", "tolerance", "parameters" (the others' values),
/// "switches": [{"value", "lo", "hi", "from", "to"}]}; from and to are
/// strategy names, null where no equilibrium was found.
std::string thresholds_json(const scenario::Scenario& scenario, const scenario::ThresholdResult& result,
                            const std::vector<double>& values, double tolerance);

/// `entente scenario --sensitivity --json`: {"focus", "selection",
/// "perturb", "parameters" (name: value), "stance", "payoff",
/// "by_parameter": [{"parameter", "min", "max", "value", "payoff_min",
/// "payoff_max", "stances", "switches"}], "by_term": [{"term" (its JSON
/// path), "label", "low": {"scale", "stance", "payoff"}, "high", "changes"}]};
/// stances are strategy names, null where no equilibrium was found, and a
/// payoff is null there.
std::string sensitivity_json(const scenario::Scenario& scenario, const scenario::SensitivityResult& result);

/// `entente alliances --json`: {"players", "value", "split", "status",
/// "total_partitions", "notions", "partitions", "most_stable", "shapley",
/// "banzhaf", "characteristic_function", "swing_players"}, partitions
/// stable first, each with "stable", "margins" (null: none, see
/// stability.hpp) and "blocked_by" (per broken notion: "who", "from",
/// "to", "gain", "text"); with a bloc query, "bloc": {"members", "names",
/// "notions": {notion: {"stable", "margin", "blocs"}}}. A compact game's
/// analysis adds "search": {"max_bloc_size", "max_joint_strategies",
/// "starts", "max_moves", "seed"} (alliance/compact_analysis.hpp) and
/// "welfare": {"blocs", "bloc_values", "value", "upper_bound", "optimal",
/// "status", "algorithm", "certificate"} (compact_welfare.hpp; exact runs
/// add "exact_value", "exact_upper_bound", "exact_certificate").
template <class Scalar>
std::string alliances_json(const Game<Scalar>& game, const AllianceAnalysis<Scalar>& result,
                           const std::optional<BlocQuery<Scalar>>& query = std::nullopt);
template <class Scalar>
std::string alliances_json(const CompactGame<Scalar>& game, const CompactAllianceAnalysis<Scalar>& result,
                           const std::optional<BlocQuery<Scalar>>& query = std::nullopt);

/// `entente alliances FILE.json --sweep ... --json`: {"scenario", "players",
/// "status", "axes", "points"}, each point the alliances_json document at
/// that point's values with "values" (parameter name: value) added (and
/// "bloc" when `bloc` names its members, as alliances_json's query; a
/// compact scenario's points have "search" and "welfare").
std::string alliance_sweep_json(const scenario::Scenario& scenario, const scenario::AllianceSweepResult& result,
                                const std::optional<std::vector<std::size_t>>& bloc = std::nullopt);

/// The order reports list partitions in: by the number of notions they are
/// stable under (most first), then in the analysis' order.
template <class Scalar>
std::vector<const PartitionRecord<Scalar>*> stable_first(const AllianceAnalysis<Scalar>& result) {
  std::vector<const PartitionRecord<Scalar>*> order;
  for (const auto& r : result.partitions) order.push_back(&r);
  std::stable_sort(order.begin(), order.end(),
                   [](const auto* a, const auto* b) { return a->flags.count() > b->flags.count(); });
  return order;
}

}  // namespace entente::io
