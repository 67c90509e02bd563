// The `entente` command line. It parses arguments, calls the library and
// prints; it holds no game logic of its own.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "entente/entente.hpp"
#include "scenario_command.hpp"

namespace {

using entente::Equilibrium;
using entente::Game;
using entente::Rational;
using nlohmann::json;

struct SolveRequest {
  std::string method = "auto";
  bool exact = false;
  bool json = false;
};

json equilibrium_json(const Equilibrium<double>& eq, const Equilibrium<Rational>* exact) {
  json out;
  out["profile"] = eq.profile.strategies;
  out["payoffs"] = eq.payoffs;
  out["regret"] = eq.regret;
  if (exact) {
    json strategies = json::array();
    for (const auto& s : exact->profile.strategies) {
      json row = json::array();
      for (const auto& p : s) row.push_back(entente::to_string(p));
      strategies.push_back(row);
    }
    out["exact"] = strategies;
    json payoffs = json::array();
    for (const auto& v : exact->payoffs) payoffs.push_back(entente::to_string(v));
    out["exact_payoffs"] = payoffs;
    out["exact_regret"] = entente::to_string(exact->regret);
  }
  return out;
}

template <class Scalar>
void print_equilibrium(const Game<Rational>& game, const Equilibrium<Scalar>& eq, std::size_t index) {
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

// ce / cce: one distribution over pure profiles, maximising welfare.
template <class Scalar>
json correlated_json(const entente::CorrelatedResult<Scalar>& result) {
  json out;
  out["distribution"] = json::array();
  for (const auto& atom : result.distribution) {
    json entry{{"profile", atom.profile}, {"probability", entente::to_double(atom.probability)}};
    if constexpr (entente::is_exact_v<Scalar>) entry["exact"] = entente::to_string(atom.probability);
    out["distribution"].push_back(entry);
  }
  json payoffs = json::array(), exact_payoffs = json::array();
  for (const auto& v : result.payoffs) {
    payoffs.push_back(entente::to_double(v));
    exact_payoffs.push_back(entente::to_string(v));
  }
  out["payoffs"] = payoffs;
  out["regret"] = entente::to_double(result.max_gain);
  if constexpr (entente::is_exact_v<Scalar>) {
    out["exact_payoffs"] = exact_payoffs;
    out["exact_regret"] = entente::to_string(result.max_gain);
  }
  return out;
}

template <class Scalar>
int run_correlated(const Game<Rational>& exact_game, const std::string& method, const SolveRequest& request) {
  Game<Scalar> game = exact_game.cast<Scalar>();
  auto result = entente::correlated_equilibrium(game, entente::CorrelatedObjective<Scalar>::welfare(), method == "cce");
  if (result.status != entente::lp::Status::optimal)
    throw entente::SolverError("correlated equilibrium LP stopped: " + entente::lp::to_string(result.status));
  if (request.json) {
    json out{{"players", game.players()}, {"strategies", game.strategies()}, {"method", method}};
    out["equilibria"] = json::array({correlated_json(result)});
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  std::cout << (method == "ce" ? "Correlated" : "Coarse correlated") << " equilibrium of maximum welfare "
            << entente::to_string(result.objective) << "  (largest gain from deviating "
            << entente::to_string(result.max_gain) << ")\n";
  for (const auto& atom : result.distribution) {
    std::cout << "  " << entente::to_string(atom.probability) << " :";
    for (std::size_t i = 0; i < game.num_players(); ++i)
      std::cout << "  " << game.players()[i] << "=" << game.strategies(i)[atom.profile[i]];
    std::cout << "\n";
  }
  for (std::size_t i = 0; i < game.num_players(); ++i)
    std::cout << "  " << game.players()[i] << " expects " << entente::to_string(result.payoffs[i]) << "\n";
  return 0;
}

int run_solve(const Game<Rational>& game, const SolveRequest& request) {
  const std::string method = entente::resolve_method(game, request.method);
  if (method == "ce" || method == "cce")
    return request.exact ? run_correlated<Rational>(game, method, request) : run_correlated<double>(game, method, request);
  std::vector<Equilibrium<Rational>> exact;
  std::vector<Equilibrium<double>> floating;
  if (request.exact) {
    exact = entente::solve(game, method);
    for (const auto& eq : exact) floating.push_back(entente::certify(game.cast<double>(), eq.profile.cast<double>()));
  } else {
    floating = entente::solve(game.cast<double>(), method);
  }
  if (request.json) {
    json out;
    out["players"] = game.players();
    out["strategies"] = game.strategies();
    out["method"] = method;
    out["equilibria"] = json::array();
    for (std::size_t k = 0; k < floating.size(); ++k)
      out["equilibria"].push_back(equilibrium_json(floating[k], request.exact ? &exact[k] : nullptr));
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  std::cout << (game.title().empty() ? std::string("(untitled game)") : game.title()) << "\n";
  std::cout << game.num_players() << " players, strategies";
  for (std::size_t i = 0; i < game.num_players(); ++i) std::cout << (i ? " x " : " ") << game.num_strategies(i);
  std::cout << "; method " << method << (request.exact ? ", exact" : "") << "\n";
  if (floating.empty()) std::cout << "No equilibrium of this kind (method " << method << ").\n";
  for (std::size_t k = 0; k < floating.size(); ++k) {
    if (request.exact)
      print_equilibrium(game, exact[k], k + 1);
    else
      print_equilibrium(game, floating[k], k + 1);
  }
  return 0;
}

// --- entente alliances ------------------------------------------------------

struct AllianceRequest {
  std::string value = "alpha";
  std::string split = "equal";
  double time_limit = 60.0;
  std::vector<std::string> sets;  ///< "name=value", scenario files only
  bool exact = false;
  bool json = false;
};

template <class Scalar>
json numbers_json(const std::vector<Scalar>& values) {
  json out = json::array();
  for (const auto& v : values) out.push_back(entente::to_double(v));
  return out;
}

template <class Scalar>
json strings_json(const std::vector<Scalar>& values) {
  json out = json::array();
  for (const auto& v : values) out.push_back(entente::to_string(v));
  return out;
}

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

template <class Scalar>
int print_alliances(const Game<Scalar>& game, const AllianceRequest& request) {
  entente::AllianceOptions options;
  options.value = entente::parse_characteristic_kind(request.value);
  options.split = entente::parse_bloc_split(request.split);
  options.time_limit_seconds = request.time_limit;
  const auto result = entente::analyse_alliances(game, options);
  // Stable ones first: by the number of notions satisfied, then RGS order.
  std::vector<const entente::PartitionRecord<Scalar>*> order;
  for (const auto& r : result.partitions) order.push_back(&r);
  std::stable_sort(order.begin(), order.end(),
                   [](const auto* a, const auto* b) { return a->flags.count() > b->flags.count(); });
  const auto& names = game.players();
  if (request.json) {
    json out{{"players", names}, {"value", request.value}, {"split", request.split},
             {"status", entente::to_string(result.status)}, {"total_partitions", result.total_partitions}};
    out["partitions"] = json::array();
    for (const auto* r : order) {
      json entry{{"blocs", r->outcome.partition.blocs()}, {"payoffs", numbers_json(r->outcome.payoffs)}};
      json stable = json::object(), blocked = json::object();
      for (auto s : result.notions) {
        stable[entente::to_string(s)] = r->flags[s].value_or(false);
        const auto& why = r->flags.blocked_by[std::size_t(s)];
        if (!why.empty()) blocked[entente::to_string(s)] = why;
      }
      entry["stable"] = stable;
      entry["blocked_by"] = blocked;
      entry["bloc_payoffs"] = numbers_json(r->outcome.bloc_payoffs);
      entry["method"] = r->outcome.method;
      entry["regret"] = entente::to_double(r->outcome.equilibrium.regret);
      json profile = json::array();
      for (const auto& s : r->outcome.equilibrium.profile.strategies) profile.push_back(numbers_json(s));
      entry["profile"] = profile;
      if constexpr (entente::is_exact_v<Scalar>) {
        entry["exact_payoffs"] = strings_json(r->outcome.payoffs);
        entry["exact_regret"] = entente::to_string(r->outcome.equilibrium.regret);
      }
      out["partitions"].push_back(entry);
    }
    out["shapley"] = numbers_json(result.shapley);
    out["banzhaf"] = numbers_json(result.banzhaf);
    out["characteristic_function"] = numbers_json(result.characteristic.game.values());
    if constexpr (entente::is_exact_v<Scalar>) {
      out["exact_shapley"] = strings_json(result.shapley);
      out["exact_banzhaf"] = strings_json(result.banzhaf);
      out["exact_characteristic_function"] = strings_json(result.characteristic.game.values());
    }
    json swing = json::object();
    for (const auto& [notion, players] : result.swing_players) swing[entente::to_string(notion)] = players;
    out["swing_players"] = swing;
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  std::cout << (game.title().empty() ? std::string("(untitled game)") : game.title()) << "\n";
  std::cout << game.num_players() << " players; value " << request.value << ", split " << request.split
            << (request.exact ? ", exact" : "") << "; " << result.partitions.size() << " partitions ("
            << entente::to_string(result.status) << ")\n";
  std::cout << "Partitions, stable first (payoffs; stable under; bloc equilibrium):\n";
  for (const auto* r : order) {
    std::cout << "  " << r->outcome.partition.to_string(names) << "  payoffs";
    for (std::size_t i = 0; i < names.size(); ++i)
      std::cout << " " << names[i] << "=" << brief(r->outcome.payoffs[i]);
    std::cout << "  stable:";
    std::size_t shown = 0;
    for (auto s : result.notions)
      if (r->flags[s].value_or(false)) std::cout << " " << entente::to_string(s), ++shown;
    if (shown == 0) std::cout << " none";
    std::cout << "  [" << r->outcome.method << ", regret " << brief(r->outcome.equilibrium.regret)
              << "]\n";
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
  return 0;
}

/// A .json path is a scenario file (DESIGN.md: `entente alliances
/// GAME.nfg|FILE.json`), compiled at its defaults or the --set values with
/// the same checks as `entente scenario --set` (a strict name=value, no name
/// twice; Scenario::resolve rejects unknown names and values outside their
/// range); anything else is read as .nfg.
int run_alliances(const std::string& path, const AllianceRequest& request) {
  const bool scenario_file = path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0;
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
  const Game<double> game = scenario.game(values);
  return request.exact ? print_alliances(game.cast<Rational>(), request) : print_alliances(game, request);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"entente: equilibria of alliance and balancing games"};
  app.require_subcommand(0, 1);

  SolveRequest request;
  std::string game_path;
  auto* solve = app.add_subcommand("solve", "solve a game in Gambit's .nfg format");
  solve->add_option("game", game_path, "the .nfg file")->required();
  solve->add_option("--method,-m", request.method,
                    "auto, lp, lcp, enummixed, enumsupport, enumpure, ce, cce, simpdiv, logit "
                    "(logit is floating-only; see the README)");
  solve->add_flag("--exact", request.exact, "exact rational arithmetic; adds \"p/q\" strings");
  solve->add_flag("--json", request.json, "print one JSON object");

  std::string scenario_path;
  entente::cli::ScenarioRequest scenario_request;
  auto* scenario = app.add_subcommand("scenario", "run a scenario file (JSON; see the README's Scenarios section)");
  scenario->add_option("file", scenario_path, "the scenario .json file")->required();
  scenario->add_option("--set", scenario_request.sets, "name=value: a parameter's value (repeatable)")
      ->allow_extra_args(false);
  scenario->add_option("--sweep", scenario_request.sweeps,
                       "name=lo:hi:steps: sweep a parameter over a grid (repeatable)")
      ->allow_extra_args(false);
  scenario->add_option("--method,-m", scenario_request.method, "as for solve; auto falls back to ce");
  scenario->add_flag("--exact", scenario_request.exact, "exact rational arithmetic");
  scenario->add_flag("--json", scenario_request.json, "print one JSON object");
  scenario->add_flag("--csv", scenario_request.csv, "print CSV");
  scenario->add_flag("--continuation", scenario_request.continuation,
                     "sweeps: carry each mixed equilibrium over from the previous point (Newton), simpdiv where "
                     "that fails");
  std::string alliances_path;
  AllianceRequest alliance_request;
  auto* alliances = app.add_subcommand("alliances", "bloc structures and their stability");
  alliances->add_option("game", alliances_path, "the .nfg game or scenario .json file")->required();
  alliances->add_option("--set", alliance_request.sets, "name=value: a scenario parameter's value (repeatable)")
      ->allow_extra_args(false);
  alliances->add_option("--value", alliance_request.value, "characteristic function: alpha, beta or gamma");
  alliances->add_option("--split", alliance_request.split, "split of a bloc's payoff: equal, shapley, proportional");
  alliances->add_option("--time-limit", alliance_request.time_limit, "seconds for the whole analysis (default 60)");
  alliances->add_flag("--exact", alliance_request.exact, "exact rational arithmetic; adds \"p/q\" strings");
  alliances->add_flag("--json", alliance_request.json, "print one JSON object");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::ParseError& e) {
    std::cerr << "entente: " << e.what() << "\n";
    return 2;
  }

  try {
    if (*solve) return run_solve(entente::io::read_nfg(game_path), request);
    if (*scenario) return entente::cli::run_scenario_file(scenario_path, scenario_request);
    if (*alliances) return run_alliances(alliances_path, alliance_request);
    // No subcommand: the built-in China balancing scenario's report.
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
