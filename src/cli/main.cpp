// The `entente` command line. It parses arguments, calls the library and
// prints; it holds no game logic of its own.
#include <cstdio>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "entente/entente.hpp"

namespace {

using entente::Equilibrium;
using entente::Game;
using entente::Rational;
using nlohmann::json;

// The built-in game `entente` runs without arguments, embedded at build time
// from examples/games/china_us_zero_sum.nfg.
constexpr const char* kBuiltinGame =
#include "builtin_game.inc"
    ;

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

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"entente: equilibria of alliance and balancing games"};
  app.require_subcommand(0, 1);

  SolveRequest request;
  std::string game_path;
  auto* solve = app.add_subcommand("solve", "solve a game in Gambit's .nfg format");
  solve->add_option("game", game_path, "the .nfg file")->required();
  solve->add_option("--method,-m", request.method,
                    "auto, lp, lcp, enummixed, enumsupport, enumpure, ce, cce (see the README)");
  solve->add_flag("--exact", request.exact, "exact rational arithmetic; adds \"p/q\" strings");
  solve->add_flag("--json", request.json, "print one JSON object");

  std::string scenario_path;
  auto* scenario = app.add_subcommand("scenario", "run a scenario file (not available yet)");
  scenario->add_option("file", scenario_path)->required();
  scenario->allow_extras();
  std::string alliances_path;
  auto* alliances = app.add_subcommand("alliances", "bloc structures and their stability (not available yet)");
  alliances->add_option("file", alliances_path)->required();
  alliances->allow_extras();

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
    if (*scenario) throw entente::InvalidArgument("'entente scenario' is not available yet");
    if (*alliances) throw entente::InvalidArgument("'entente alliances' is not available yet");
    // No subcommand: the built-in game, solved exactly.
    SolveRequest builtin;
    builtin.exact = true;
    return run_solve(entente::io::parse_nfg(kBuiltinGame, "builtin china_us_zero_sum.nfg"), builtin);
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
