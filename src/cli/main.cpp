// The `entente` command line. It parses arguments, calls the library and
// prints; it holds no game logic of its own.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "entente/entente.hpp"
#include "entente/io/json.hpp"
#include "scenario_command.hpp"

namespace {

using entente::Equilibrium;
using entente::Game;
using entente::Rational;

struct SolveRequest {
  std::string method = "auto";
  std::string selection = "all";
  bool exact = false;
  bool json = false;
};

template <class Scalar>
void print_equilibrium(const Game<Scalar>& game, const Equilibrium<Scalar>& eq, std::size_t index) {
  std::cout << "Equilibrium " << index << "  (regret " << entente::to_string(eq.regret) << ")\n";
  std::size_t width = 0;
  for (const auto& p : game.players()) width = std::max(width, p.size());
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    std::cout << "  " << game.players()[i] << std::string(width - game.players()[i].size(), ' ')
              << "  payoff " << entente::to_string(eq.payoffs[i]) << " :";
    for (std::size_t s = 0; s < game.num_strategies(i); ++s)
      if (eq.profile[i][s] != 0)
        std::cout << "  " << game.strategies(i)[s] << " " << entente::to_string(eq.profile[i][s]);
    std::cout << "\n";
  }
}

template <class Scalar>
void print_correlated(const Game<Scalar>& game, const entente::CorrelatedResult<Scalar>& result) {
  std::cout << (result.coarse ? "Coarse correlated" : "Correlated") << " equilibrium of maximum welfare "
            << entente::to_string(result.objective) << "  (regret: largest gain from deviating "
            << entente::to_string(result.regret) << ")\n";
  for (const auto& atom : result.distribution) {
    std::cout << "  " << entente::to_string(atom.probability) << " :";
    for (std::size_t i = 0; i < game.num_players(); ++i)
      std::cout << "  " << game.players()[i] << "=" << game.strategies(i)[atom.profile[i]];
    std::cout << "\n";
  }
  for (std::size_t i = 0; i < game.num_players(); ++i)
    std::cout << "  " << game.players()[i] << " expects " << entente::to_string(result.payoffs[i]) << "\n";
}

template <class Scalar>
int print_solve(const Game<Scalar>& game, const SolveRequest& request) {
  entente::SolveOptions options;
  options.method = entente::parse_method(request.method);
  options.selection = entente::Selection::parse(request.selection);
  const auto result = entente::solve(game, options);
  if (request.json) {
    std::cout << entente::io::solve_json(game, result) << "\n";
    return 0;
  }
  const std::string method = entente::to_string(result.method);
  std::cout << (game.title().empty() ? std::string("(untitled game)") : game.title()) << "\n";
  std::cout << game.num_players() << " players, strategies";
  for (std::size_t i = 0; i < game.num_players(); ++i) std::cout << (i ? " x " : " ") << game.num_strategies(i);
  std::cout << "; method " << method << (request.exact ? ", exact" : "") << "; selection "
            << entente::to_string(result.selection) << "; status " << entente::to_string(result.status) << "\n";
  if (result.correlated) {
    print_correlated(game, *result.correlated);
    return 0;
  }
  if (result.equilibria.empty()) std::cout << "No equilibrium of this kind (method " << method << ").\n";
  for (std::size_t k = 0; k < result.equilibria.size(); ++k) print_equilibrium(game, result.equilibria[k], k + 1);
  return 0;
}

int run_solve(const Game<Rational>& game, const SolveRequest& request) {
  return request.exact ? print_solve(game, request) : print_solve(game.cast<double>(), request);
}

// --- entente alliances ------------------------------------------------------

struct AllianceRequest {
  std::string value = "alpha";
  std::string split = "none";
  std::string bloc;  ///< "USA,South Korea,Japan": a bloc query, by player names
  bool bloc_given = false;  ///< --bloc was given (an empty one is bad input)
  double time_limit = entente::kNoTimeLimit;
  std::vector<std::string> sets;  ///< "name=value", scenario files only
  std::vector<std::string> sweeps;  ///< "name=lo:hi:steps", scenario files only: the stability map
  bool exact = false;
  bool json = false;
  bool csv = false;
};

/// Text output: exact numbers as "p/q", floating ones to 6 significant digits.
template <class Scalar>
std::string brief(const Scalar& x) {
  if constexpr (entente::is_exact_v<Scalar>) {
    return entente::to_string(x);
  } else {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", x);
    return buf;
  }
}

/// A margin for the text report: "-" when no deviation is permitted.
template <class Scalar>
std::string margin_text(const std::optional<Scalar>& m) {
  return m ? brief(*m) : std::string("-");
}

template <class Scalar>
int print_alliances(const Game<Scalar>& game, const AllianceRequest& request) {
  entente::AllianceOptions options;
  options.value = entente::parse_characteristic_kind(request.value);
  options.split = entente::parse_bloc_split(request.split);
  options.time_limit_seconds = request.time_limit;
  std::optional<std::vector<std::size_t>> members;
  if (request.bloc_given) members = entente::cli::bloc_members(game.players(), request.bloc);
  const auto result = entente::analyse_alliances(game, options);
  std::optional<entente::BlocQuery<Scalar>> query;
  if (members) query = entente::bloc_query(result, *members);
  if (request.json) {
    std::cout << entente::io::alliances_json(game, result, query) << "\n";
    return 0;
  }
  const auto order = entente::io::stable_first(result);
  const auto& names = game.players();
  std::cout << (game.title().empty() ? std::string("(untitled game)") : game.title()) << "\n";
  std::cout << game.num_players() << " players; value " << request.value << ", split " << request.split
            << (request.exact ? ", exact" : "") << "; " << result.partitions.size() << " partitions ("
            << entente::to_string(result.status) << ")\n";
  std::cout << "Partitions, stable first (payoffs; stable under; margins, the largest gain of a permitted "
               "deviation, <= 0 stable, - none permitted; bloc equilibrium):\n";
  for (const auto* r : order) {
    std::cout << "  " << r->outcome.partition.to_string(names) << "  payoffs";
    for (std::size_t i = 0; i < names.size(); ++i)
      std::cout << " " << names[i] << "=" << brief(r->outcome.payoffs[i]);
    std::cout << "  stable:";
    std::size_t shown = 0;
    for (auto s : result.notions)
      if (r->flags[s].value_or(false)) std::cout << " " << entente::to_string(s), ++shown;
    if (shown == 0) std::cout << " none";
    std::cout << "  margins:";
    for (auto s : result.notions)
      if (s != entente::Stability::farsighted)
        std::cout << " " << entente::to_string(s) << " " << margin_text(r->flags.margin[std::size_t(s)]);
    std::cout << "  [" << entente::to_string(r->outcome.method) << ", regret " << brief(r->outcome.equilibrium.regret)
              << "]\n";
  }
  if (!result.most_stable.empty()) {
    std::cout << "Notions no partition satisfies, and the most stable partitions under each (smallest margin):\n";
    for (const auto& [notion, list] : result.most_stable) {
      std::cout << "  " << entente::to_string(notion) << ":";
      for (std::size_t k = 0; k < list.size(); ++k) {
        const auto& r = result.partitions[list[k]];
        std::cout << (k ? ", " : " ") << r.outcome.partition.to_string(names) << " (margin "
                  << margin_text(r.flags.margin[std::size_t(notion)]) << ")";
      }
      std::cout << "\n";
    }
  }
  auto print_values = [&](const char* label, const std::vector<Scalar>& values) {
    std::cout << label;
    for (std::size_t i = 0; i < names.size(); ++i) std::cout << "  " << names[i] << " " << brief(values[i]);
    std::cout << "\n";
  };
  print_values("Shapley value:", result.shapley);
  print_values("Banzhaf value:", result.banzhaf);
  std::cout << "Swing players (two stable partitions differ only in their bloc):\n";
  for (const auto& [notion, players] : result.swing_players) {
    std::cout << "  " << entente::to_string(notion) << ":";
    if (players.empty()) std::cout << " none";
    for (std::size_t i : players) std::cout << " " << names[i];
    std::cout << "\n";
  }
  if (query) {
    std::string bloc = "{";
    for (std::size_t k = 0; k < query->members.size(); ++k) bloc += (k ? "," : "") + names[query->members[k]];
    bloc += "}";
    std::cout << "Bloc " << bloc << " (stable: some stable partition has exactly this bloc; best: the partition "
                                    "with it of smallest margin):\n";
    for (const auto& [notion, standing] : query->notions) {
      std::cout << "  " << entente::to_string(notion) << ": " << (standing.stable ? "stable" : "not stable");
      if (standing.partition)
        std::cout << ", best " << result.partitions[*standing.partition].outcome.partition.to_string(names)
                  << (notion == entente::Stability::farsighted ? "" : " (margin " + margin_text(standing.margin) + ")");
      else
        std::cout << ", in no partition analysed";
      std::cout << "\n";
    }
  }
  return 0;
}

/// A .json path is a scenario file (DESIGN.md: `entente alliances
/// GAME.nfg|FILE.json`), compiled at its defaults or the --set values with
/// the same checks as `entente scenario --set` (a strict name=value, no name
/// twice; Scenario::resolve rejects unknown names and values outside their
/// range); anything else is read as .nfg.
int run_alliances(const std::string& path, const AllianceRequest& request) {
  const bool scenario_file = path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0;
  if (!request.sweeps.empty()) {
    if (request.exact) throw entente::InvalidArgument("--exact does not apply to a stability map (--sweep)");
    if (!scenario_file) throw entente::InvalidArgument("--sweep applies to scenario (.json) files only");
    entente::cli::AllianceMapRequest map{request.sets, request.sweeps, request.value, request.split,
                                         request.time_limit == entente::kNoTimeLimit ? 0 : request.time_limit,
                                         request.json, request.csv};
    if (request.bloc_given) map.bloc = request.bloc;
    return entente::cli::run_alliance_map(path, map);
  }
  if (request.csv) throw entente::InvalidArgument("--csv applies to a stability map (--sweep) only");
  if (!scenario_file) {
    if (!request.sets.empty()) throw entente::InvalidArgument("--set applies to scenario (.json) files only");
    const Game<Rational> game = entente::io::read_nfg(path);
    return request.exact ? print_alliances(game, request) : print_alliances(game.cast<double>(), request);
  }
  const auto scenario = entente::scenario::Scenario::load(path);
  entente::scenario::Values values;
  for (const auto& s : request.sets) {
    auto [name, value] = entente::scenario::parse_assignment(s);
    if (values.count(name)) throw entente::InvalidArgument("parameter '" + name + "' is set twice");
    values[name] = value;
  }
  return request.exact ? print_alliances(scenario.exact_game(values), request)
                       : print_alliances(scenario.game(values), request);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"entente: equilibria of alliance and balancing games"};
  app.require_subcommand(0, 1);

  SolveRequest request;
  std::string game_path;
  auto* solve = app.add_subcommand("solve", "solve a game in Gambit's .nfg format");
  solve->add_option("game", game_path, "the .nfg file")->required();
  std::string method_help;
  for (const auto& row : entente::kMethods)
    method_help += (method_help.empty() ? "" : ", ") + std::string(row.name) + (row.exact ? "" : " (floating only)");
  solve->add_option("--method,-m", request.method, method_help);
  solve->add_option("--selection", request.selection,
                    "which equilibria to report: all (default), first, welfare, best-for:ACTOR, logit");
  solve->add_flag("--exact", request.exact, "exact rational arithmetic; adds \"p/q\" strings");
  solve->add_flag("--json", request.json, "print one JSON object");

  std::string scenario_path;
  entente::cli::ScenarioRequest scenario_request;
  auto* scenario = app.add_subcommand("scenario", "run a scenario file (JSON; see docs/scenario-format.md)");
  scenario->add_option("file", scenario_path, "the scenario .json file")->required();
  scenario->add_option("--set", scenario_request.sets, "name=value: a parameter's value (repeatable)")
      ->allow_extra_args(false);
  scenario->add_option("--sweep", scenario_request.sweeps,
                       "name=lo:hi:steps: sweep a parameter over a grid (repeatable)")
      ->allow_extra_args(false);
  scenario->add_option("--method,-m", scenario_request.method, "as for solve; auto falls back to ce");
  scenario->add_option("--selection", scenario_request.selection,
                       "the equilibrium reported: welfare (default), first, best-for:ACTOR, logit, or all");
  scenario->add_flag("--exact", scenario_request.exact, "exact rational arithmetic");
  scenario->add_flag("--json", scenario_request.json, "print one JSON object");
  scenario->add_flag("--csv", scenario_request.csv, "print CSV");
  scenario->add_flag("--continuation", scenario_request.continuation,
                     "sweeps: carry each mixed equilibrium over from the previous point (Newton), simpdiv where "
                     "that fails");
  scenario->add_option("--thresholds", scenario_request.thresholds,
                       "PARAM: the values of PARAM (others at defaults or --set) where the focus actor's selected "
                       "strategy changes, each to 1e-6");
  scenario->add_flag("--sensitivity", scenario_request.sensitivity,
                     "for every parameter over its range, the focus actor's payoff range, stances and switches; "
                     "for every payoff term scaled by 1 -+ perturb, whether its stance changes");
  scenario->add_option("--perturb", scenario_request.perturb, "with --sensitivity: the terms' relative change (0.2)");
  scenario->add_option("--focus", scenario_request.focus,
                       "ACTOR: the actor the report and --thresholds centre on (default: the file's \"focus\", "
                       "else the first actor)");
  std::string alliances_path;
  AllianceRequest alliance_request;
  auto* alliances = app.add_subcommand("alliances", "bloc structures and their stability");
  alliances->add_option("game", alliances_path, "the .nfg game or scenario .json file")->required();
  alliances->add_option("--set", alliance_request.sets, "name=value: a scenario parameter's value (repeatable)")
      ->allow_extra_args(false);
  alliances->add_option("--value", alliance_request.value, "characteristic function: alpha, beta or gamma");
  alliances->add_option("--split", alliance_request.split,
                        "what a bloc's members get: none (default: each keeps its own payoff at the bloc's play), "
                        "equal, shapley, proportional");
  auto* bloc_option = alliances->add_option("--bloc", alliance_request.bloc,
                        "\"A,B,C\": player names; report, per notion, whether a stable partition has exactly this "
                        "bloc and the best margin of the partitions with it");
  alliances->add_option("--time-limit", alliance_request.time_limit, "seconds for the whole analysis (default: none)");
  alliances->add_flag("--exact", alliance_request.exact, "exact rational arithmetic; adds \"p/q\" strings");
  alliances->add_flag("--json", alliance_request.json, "print one JSON object");
  alliances->add_option("--sweep", alliance_request.sweeps,
                        "name=lo:hi:steps: the stability map over a grid of a scenario's parameters (repeatable)")
      ->allow_extra_args(false);
  alliances->add_flag("--csv", alliance_request.csv, "with --sweep: one CSV row per grid point");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::ParseError& e) {
    std::cerr << "entente: " << e.what() << "\n";
    return 2;
  }

  alliance_request.bloc_given = bloc_option->count() > 0;
  try {
    if (*solve) return run_solve(entente::io::read_nfg(game_path), request);
    if (*scenario) return entente::cli::run_scenario_file(scenario_path, scenario_request);
    if (*alliances) return run_alliances(alliances_path, alliance_request);
    // No subcommand: the built-in scenario's report.
    return entente::cli::run_builtin_scenario();
  } catch (const entente::InvalidArgument& e) {
    std::cerr << "entente: " << e.what() << "\n";
    return 2;
  } catch (const entente::SolverError& e) {
    // A numerical outcome the solver could not turn into an answer (a pivot
    // or time limit, a failed floating certificate): not the user's input.
    std::cerr << "entente: solver failed: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "entente: internal error: " << e.what() << "\n";
    return 1;
  }
}
