// solve(game, method): the one dispatch the CLI and Python share, so that
// neither holds game logic of its own.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "entente/solvers/correlated.hpp"
#include "entente/solvers/lemke_howson.hpp"
#include "entente/solvers/logit.hpp"
#include "entente/solvers/pure_nash.hpp"
#include "entente/solvers/simpdiv.hpp"
#include "entente/solvers/support_enumeration.hpp"
#include "entente/solvers/vertex_enumeration.hpp"
#include "entente/solvers/zero_sum.hpp"

namespace entente {

/// Methods that work now.
inline const std::vector<std::string>& available_methods() {
  static const std::vector<std::string> methods{"auto",     "lp", "lcp", "enummixed", "enumsupport",
                                                "enumpure", "ce", "cce", "simpdiv",   "logit"};
  return methods;
}

/// Methods of the command-line contract that are planned but not built yet
/// (none now; kept because Python exports it); asking for one is an
/// InvalidArgument that says so.
inline const std::vector<std::string>& planned_methods() {
  static const std::vector<std::string> methods{};
  return methods;
}

/// The method `auto` picks for this game: the LP for two-player
/// constant-sum games, every extreme equilibrium for other two-player games;
/// for one or three and more players every pure equilibrium when there is
/// one, otherwise one mixed equilibrium by simplicial subdivision (simpdiv,
/// default options: regret at most 1e-8 in floating arithmetic; exact
/// arithmetic makes the grid exact, not the equilibrium).
template <class Scalar>
std::string resolve_method(const Game<Scalar>& game, const std::string& method) {
  if (method != "auto") return method;
  if (game.num_players() == 2) return game.is_constant_sum() ? "lp" : "enummixed";
  return pure_equilibria(game).empty() ? "simpdiv" : "enumpure";
}

/// Equilibria of `game` by `method` (see available_methods()), each with its
/// regret certificate. Throws InvalidArgument for an unknown method or one
/// that does not fit the game.
template <class Scalar>
std::vector<Equilibrium<Scalar>> solve(const Game<Scalar>& game, const std::string& method = "auto") {
  if (method == "auto" && game.num_players() != 2) {
    // resolve_method's choice without finding the pure equilibria twice.
    auto pure = pure_nash(game);
    if (!pure.empty()) return pure;
    return {simpdiv(game).equilibrium};
  }
  const std::string chosen = resolve_method(game, method);
  if (chosen == "lp") return {solve_zero_sum(game).equilibrium};
  if (chosen == "lcp") return {lemke_howson(game, 0)};
  if (chosen == "enummixed") return enumerate_equilibria(game);
  if (chosen == "enumsupport") return support_enumeration(game);
  if (chosen == "enumpure") return pure_nash(game);
  if (chosen == "simpdiv") return {simpdiv(game).equilibrium};
  if (chosen == "logit") {
    if constexpr (is_exact_v<Scalar>)
      throw InvalidArgument("method 'logit' works in floating point only (drop --exact / exact=True)");
    else
      return {logit(game).equilibrium};
  }
  if (chosen == "ce" || chosen == "cce")
    throw InvalidArgument("method '" + chosen + "' returns a distribution over profiles, not a profile: "
                          "call correlated_equilibrium()");
  const auto& planned = planned_methods();
  if (std::find(planned.begin(), planned.end(), chosen) != planned.end())
    throw InvalidArgument("method '" + chosen + "' is not available yet");
  std::string known;
  for (const auto& m : available_methods()) known += (known.empty() ? "" : ", ") + m;
  throw InvalidArgument("unknown method '" + chosen + "' (available: " + known + ")");
}

}  // namespace entente
