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

// --- entente solve TREE.efg ---------------------------------------------------

template <class Scalar>
int print_tree_solve(const entente::ExtensiveGame<Scalar>& tree, const SolveRequest& request) {
  entente::SolveOptions options;
  options.method = entente::parse_method(request.method);
  options.selection = entente::Selection::parse(request.selection);
  const auto result = entente::solve(tree, options);
  if (request.json) {
    std::cout << entente::io::tree_solve_json(tree, result) << "\n";
    return 0;
  }
  const std::string method = entente::to_string(result.method);
  std::cout << (tree.title().empty() ? std::string("(untitled game)") : tree.title()) << "\n";
  std::cout << "game tree: " << tree.num_players() << " players, information sets";
  for (std::size_t i = 0; i < tree.num_players(); ++i) std::cout << (i ? " x " : " ") << tree.infosets(i).size();
  std::cout << "; method " << method << (result.normal_form ? " on the reduced normal form" : "")
            << (request.exact ? ", exact" : "") << "; selection " << entente::to_string(result.selection)
            << "; status " << entente::to_string(result.status) << "\n";
  if (result.equilibria.empty()) std::cout << "No equilibrium of this kind (method " << method << ").\n";
  for (std::size_t k = 0; k < result.equilibria.size(); ++k) {
    const auto& eq = result.equilibria[k];
    std::cout << "Equilibrium " << k + 1 << "  (regret " << entente::to_string(eq.regret) << ")\n";
    for (std::size_t i = 0; i < tree.num_players(); ++i) {
      std::cout << "  " << tree.players()[i] << "  payoff " << entente::to_string(eq.payoffs[i]) << "\n";
      for (std::size_t h = 0; h < tree.infosets(i).size(); ++h) {
        const auto& set = tree.infoset(i, h);
        std::cout << "    " << h + 1 << (set.label.empty() ? "" : " " + set.label) << ":";
        for (std::size_t a = 0; a < set.actions.size(); ++a)
          if (eq.behavior[i][h][a] != 0) std::cout << "  " << set.actions[a] << " " << entente::to_string(eq.behavior[i][h][a]);
        std::cout << "\n";
      }
    }
  }
  return 0;
}

bool has_extension(const std::string& path, const std::string& extension) {
  return path.size() >= extension.size() && path.compare(path.size() - extension.size(), extension.size(), extension) == 0;
}

int run_solve_file(const std::string& path, const SolveRequest& request) {
  if (!has_extension(path, ".efg")) return run_solve(entente::io::read_nfg(path), request);
  const auto tree = entente::io::read_efg(path);
  return request.exact ? print_tree_solve(tree, request) : print_tree_solve(tree.cast<double>(), request);
}

/// `entente convert GAME.efg --to nfg|efg`: the reduced normal form (or the
/// tree itself) as text on stdout.
int run_convert(const std::string& path, const std::string& to) {
  if (to != "nfg" && to != "efg") throw entente::InvalidArgument("--to must be nfg or efg, got '" + to + "'");
  if (!has_extension(path, ".efg")) {
    if (to == "efg") throw entente::InvalidArgument("a normal-form game has no tree: --to efg needs a .efg file");
    std::cout << entente::io::to_nfg(entente::io::read_nfg(path));
    return 0;
  }
  const auto tree = entente::io::read_efg(path);
  std::cout << (to == "nfg" ? entente::io::to_nfg(entente::to_normal_form(tree)) : entente::io::to_efg(tree));
  return 0;
}

// --- entente sequential -------------------------------------------------------

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


struct SequentialRequest {
  std::string order;  ///< "A,B,C": every actor once, first mover first
  std::vector<std::string> sets;
  bool exact = false;
  bool json = false;
};

/// "A, B,C" -> {"A", "B", "C"}: names separated by commas, spaces trimmed.
std::vector<std::string> split_names(const std::string& text) {
  std::vector<std::string> names;
  for (std::size_t start = 0;;) {
    const std::size_t comma = text.find(',', start);
    std::string name = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    name.erase(0, name.find_first_not_of(" \t"));
    name.erase(name.find_last_not_of(" \t") + 1);
    names.push_back(std::move(name));
    if (comma == std::string::npos) return names;
    start = comma + 1;
  }
}

/// A scenario played as a chain of moves in the given order, each actor
/// seeing the earlier moves: its subgame-perfect equilibrium by backward
/// induction (ties to the first strategy listed).
template <class Scalar>
int print_sequential(const entente::scenario::Scenario& sc, const std::vector<double>& values,
                     const Game<Scalar>& game, const SequentialRequest& request) {
  const auto order = entente::player_order(game, split_names(request.order));
  const auto tree = entente::sequential_game(game, order);
  entente::SolveOptions options;
  options.method = entente::Method::backward;
  options.selection = entente::Selection::first();
  const auto result = entente::solve(tree, options);
  if (request.json) {
    std::cout << entente::io::sequential_json(sc, values, tree, order, result) << "\n";
    return 0;
  }
  const auto& eq = result.equilibria.at(0);
  std::cout << sc.title() << ", played in sequence:";
  for (std::size_t k = 0; k < order.size(); ++k) std::cout << (k ? " -> " : " ") << game.players()[order[k]];
  std::cout << "\n" << tree.num_nodes() << " nodes; subgame-perfect equilibrium by backward induction (ties to the "
            << "first strategy listed), regret " << brief(eq.regret) << "\nPath of play:\n";
  for (auto [n, a] : entente::pure_play_path(tree, eq.behavior))
    std::cout << "  " << tree.players()[tree.node(n).player] << ": " << tree.infoset_of(n).actions[a] << "\n";
  std::cout << "Payoffs:";
  for (std::size_t i = 0; i < game.num_players(); ++i) std::cout << "  " << game.players()[i] << " " << brief(eq.payoffs[i]);
  std::cout << "\n";
  return 0;
}

int run_sequential(const std::string& path, const SequentialRequest& request) {
  const auto sc = entente::scenario::Scenario::load(path);
  const auto values = entente::scenario::parse_assignments(request.sets);
  const std::vector<double> resolved = sc.resolve(values);
  return request.exact ? print_sequential(sc, resolved, sc.exact_game(values), request)
                       : print_sequential(sc, resolved, sc.game(values), request);
}

// --- entente alliances ------------------------------------------------------

struct AllianceRequest {
  std::string value;  ///< empty: alpha for a dense game, gamma for a compact one
  std::string split = "none";
  std::string bloc;  ///< "USA,South Korea,Japan": a bloc query, by player names
  bool bloc_given = false;  ///< --bloc was given (an empty one is bad input)
  double time_limit = entente::kNoTimeLimit;
  std::size_t threads = 0;  ///< threads solving the bloc games; 0: every core
  // Compact scenarios only (alliance/compact_analysis.hpp):
  std::size_t max_bloc_size = 2;
  std::size_t starts = 8;
  std::uint64_t seed = 0;
  std::string welfare_algorithm = "ip";  ///< the welfare-maximising structure's search: ip or dp
  bool search_given = false;  ///< one of the four above was given
  std::vector<std::string> sets;  ///< "name=value", scenario files only
  std::vector<std::string> sweeps;  ///< "name=lo:hi:steps", scenario files only: the stability map
  bool exact = false;
  bool json = false;
  bool csv = false;
};

/// A margin for the text report: "-" when no deviation is permitted.
template <class Scalar>
std::string margin_text(const std::optional<Scalar>& m) {
  return m ? brief(*m) : std::string("-");
}

/// A compact analysis' search options from the request (the rest are the defaults).
entente::CompactAllianceOptions compact_alliance_options(const AllianceRequest& request) {
  entente::CompactAllianceOptions options;
  options.max_bloc_size = request.max_bloc_size;
  options.starts = request.starts;
  options.seed = request.seed;
  options.welfare_algorithm = entente::parse_coalition_structure_algorithm(request.welfare_algorithm);
  return options;
}

/// The analysis of a dense game, or of a compact one (its search's options).
template <class Scalar>
entente::AllianceAnalysis<Scalar> alliance_analysis(const Game<Scalar>& game, const AllianceRequest& request) {
  if (request.search_given)
    throw entente::InvalidArgument("--max-bloc-size, --starts, --seed and --welfare-algorithm apply to compact "
                                   "scenarios only "
                                   "(docs/alliances.md, \"Many actors\")");
  entente::AllianceOptions options;
  options.value = entente::parse_characteristic_kind(request.value.empty() ? "alpha" : request.value);
  options.split = entente::parse_bloc_split(request.split);
  options.time_limit_seconds = request.time_limit;
  options.threads = request.threads;
  return entente::analyse_alliances(game, options);
}

template <class Scalar>
entente::CompactAllianceAnalysis<Scalar> alliance_analysis(const entente::CompactGame<Scalar>& game,
                                                           const AllianceRequest& request) {
  if (!request.value.empty() && entente::parse_characteristic_kind(request.value) != entente::CharacteristicKind::gamma)
    throw entente::InvalidArgument("a compact scenario's characteristic function is gamma (--value gamma; "
                                   "docs/alliances.md, \"Many actors\")");
  entente::CompactAllianceOptions options = compact_alliance_options(request);
  options.split = entente::parse_bloc_split(request.split);
  options.time_limit_seconds = request.time_limit;
  options.threads = request.threads;
  return entente::analyse_alliances(game, options);
}

template <class GameT>
int print_alliances(const GameT& game, const AllianceRequest& request) {
  using Scalar = typename GameT::scalar_type;
  std::optional<std::vector<std::size_t>> members;
  if (request.bloc_given) members = entente::cli::bloc_members(game.players(), request.bloc);
  const auto result = alliance_analysis(game, request);
  std::optional<entente::BlocQuery<Scalar>> query;
  if (members) query = entente::bloc_query(result, *members);
  if (request.json) {
    std::cout << entente::io::alliances_json(game, result, query) << "\n";
    return 0;
  }
  const auto order = entente::io::stable_first(result);
  const auto& names = game.players();
  std::cout << (game.title().empty() ? std::string("(untitled game)") : game.title()) << "\n";
  std::cout << game.num_players() << " players; value " << entente::to_string(result.characteristic.kind)
            << ", split " << request.split << (request.exact ? ", exact" : "") << "; " << result.partitions.size()
            << " partitions (" << entente::to_string(result.status) << ")\n";
  if (const auto& search = result.search)
    std::cout << "Compact game: blocs of at most " << search->max_bloc_size << " members and "
              << search->max_joint_strategies << " joint strategies; "
              << (result.status == entente::AllianceStatus::complete
                      ? std::string("every partition into such blocs")
                      : "local search from the singletons and " + std::to_string(search->starts) +
                            " random partitions (seed " + std::to_string(search->seed) + "), at most " +
                            std::to_string(search->max_moves) + " moves each")
              << "\n";
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
  if constexpr (requires { result.welfare; }) {
    const auto& w = result.welfare;
    std::cout << "Welfare-maximising structure (the largest sum of v over blocs of at most "
              << result.search->max_bloc_size << " members; " << entente::to_string(w.search.algorithm) << ", "
              << (w.search.status == entente::Status::optimal ? "proven optimal"
                                                              : "stopped at the time limit, upper bound " +
                                                                    brief(w.search.upper_bound))
              << "):\n  " << w.search.structure.to_string(names) << "  value " << brief(w.search.value)
              << "  (certificate: the sum of v over its blocs, " << brief(w.certificate) << ")\n";
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
                                         request.time_limit == entente::kNoTimeLimit ? 0 : request.time_limit};
    map.json = request.json;
    map.csv = request.csv;
    if (request.search_given) map.compact = compact_alliance_options(request);
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
  if (scenario.compact())
    return request.exact ? print_alliances(scenario.exact_compact_game(values), request)
                         : print_alliances(scenario.compact_game(values), request);
  return request.exact ? print_alliances(scenario.exact_game(values), request)
                       : print_alliances(scenario.game(values), request);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"entente: equilibria of alliance and balancing games"};
  app.require_subcommand(0, 1);

  SolveRequest request;
  std::string game_path;
  auto* solve = app.add_subcommand("solve", "solve a game in Gambit's .nfg or .efg (tree) format");
  solve->add_option("game", game_path, "the .nfg or .efg file")->required();
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
  std::string convert_path, convert_to = "nfg";
  auto* convert = app.add_subcommand("convert", "print a game tree's reduced normal form (or the tree) as text");
  convert->add_option("game", convert_path, "the .efg (or .nfg) file")->required();
  convert->add_option("--to", convert_to, "nfg (default: the reduced normal form) or efg");

  std::string sequential_path;
  SequentialRequest sequential_request;
  auto* sequential = app.add_subcommand(
      "sequential", "a scenario played as a chain of moves: its subgame-perfect equilibrium (docs/scenario-format.md)");
  sequential->add_option("file", sequential_path, "the scenario .json file")->required();
  sequential->add_option("--order", sequential_request.order, "\"A,B,...\": every actor once, the first mover first")
      ->required();
  sequential->add_option("--set", sequential_request.sets, "name=value: a parameter's value (repeatable)")
      ->allow_extra_args(false);
  sequential->add_flag("--exact", sequential_request.exact, "exact rational arithmetic");
  sequential->add_flag("--json", sequential_request.json, "print one JSON object");

  std::string alliances_path;
  AllianceRequest alliance_request;
  auto* alliances = app.add_subcommand("alliances", "bloc structures and their stability");
  alliances->add_option("game", alliances_path, "the .nfg game or scenario .json file")->required();
  alliances->add_option("--set", alliance_request.sets, "name=value: a scenario parameter's value (repeatable)")
      ->allow_extra_args(false);
  alliances->add_option("--value", alliance_request.value, "characteristic function: alpha, beta or gamma (default alpha; gamma for a compact scenario)");
  alliances->add_option("--split", alliance_request.split,
                        "what a bloc's members get: none (default: each keeps its own payoff at the bloc's play), "
                        "equal, shapley, proportional");
  auto* bloc_option = alliances->add_option("--bloc", alliance_request.bloc,
                        "\"A,B,C\": player names; report, per notion, whether a stable partition has exactly this "
                        "bloc and the best margin of the partitions with it");
  alliances->add_option("--time-limit", alliance_request.time_limit, "seconds for the whole analysis (default: none)");
  alliances->add_option("--threads", alliance_request.threads,
                        "threads solving the bloc games (default 0: every core; the result is the same for any number)");
  auto* max_bloc_option = alliances->add_option("--max-bloc-size", alliance_request.max_bloc_size,
                                                 "compact scenarios: largest bloc (default 2)");
  auto* starts_option = alliances->add_option("--starts", alliance_request.starts,
                                              "compact scenarios: random starting partitions (default 8)");
  auto* seed_option = alliances->add_option("--seed", alliance_request.seed, "compact scenarios: the starts' seed");
  auto* welfare_option = alliances->add_option(
      "--welfare-algorithm", alliance_request.welfare_algorithm,
      "compact scenarios: the welfare-maximising structure's search, ip (default) or dp");
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
  alliance_request.search_given = max_bloc_option->count() + starts_option->count() + seed_option->count() + welfare_option->count() > 0;
  try {
    if (*solve) return run_solve_file(game_path, request);
    if (*convert) return run_convert(convert_path, convert_to);
    if (*sequential) return run_sequential(sequential_path, sequential_request);
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
