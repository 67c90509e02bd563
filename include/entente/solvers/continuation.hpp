// Equilibrium continuation: an equilibrium of one game carried over to a
// nearby game (the next point of a parameter sweep).
//
// Method: at a regular equilibrium (Harsanyi, "Oddness of the number of
// equilibrium points", Int. J. Game Theory 2 (1973) 235-250; van Damme,
// "Stability and Perfection of Nash Equilibria", 2nd ed. 1991, ch. 2) the
// indifference equations of its support have a non-singular Jacobian, so
// by the implicit function theorem the equilibrium moves smoothly with the
// payoffs while the support stays the same.
// Newton's method on those equations, started from the old equilibrium,
// therefore finds the new one in a few steps when the games are close, at a
// small fraction of a fresh simplicial subdivision's cost. When the support
// changes (a strategy enters or leaves), Newton fails, leaves the simplex,
// or ends on a profile whose regret certificate is too large: the caller
// then solves the game from scratch.
#pragma once

#include <cmath>
#include <cstddef>
#include <optional>
#include <vector>

#include "entente/error.hpp"
#include "entente/game/equilibrium.hpp"
#include "entente/game/game.hpp"
#include "entente/game/profile.hpp"
#include "entente/solvers/detail/nash_newton.hpp"

namespace entente {

/// An equilibrium of `game` continued from `near`, an equilibrium of a
/// nearby game: Newton on the indifference equations of near's support
/// (the strategies it plays with probability above 1e-9), from near's
/// probabilities. Returns nothing when Newton fails or the result's regret
/// certificate exceeds `tolerance` (payoff units, as simpdiv's). Throws
/// InvalidArgument when `near` is not a profile of the game or the
/// tolerance is not a positive number.
inline std::optional<Equilibrium<double>> continue_equilibrium(const Game<double>& game,
                                                               const MixedProfile<double>& near,
                                                               double tolerance = 1e-8) {
  if (!(tolerance > 0) || !std::isfinite(tolerance))
    throw InvalidArgument("continue_equilibrium: tolerance must be a positive number");
  check_profile(game, near);
  std::vector<std::vector<std::size_t>> support(game.num_players());
  for (std::size_t j = 0; j < game.num_players(); ++j) {
    for (std::size_t h = 0; h < game.num_strategies(j); ++h)
      if (near[j][h] > 1e-9) support[j].push_back(h);
    if (support[j].empty()) return std::nullopt;  // not a probability vector
  }
  MixedProfile<double> q = near;
  if (!detail::nash_newton::polish_on_support(game, support, q)) return std::nullopt;
  auto eq = certify(game, std::move(q));
  if (!(eq.regret <= tolerance)) return std::nullopt;
  return eq;
}

}  // namespace entente
