// Games with known mixed equilibria shared by the simpdiv and logit tests.
#pragma once

#include <cstddef>
#include <vector>

#include "entente/game/game.hpp"

namespace entente::testing {

/// Jordan's three-player matching pennies (Jordan, "Three problems in
/// learning mixed-strategy Nash equilibria", GEB 5 (1993) 368-386): player
/// 1 wants to match player 2, player 2 to match player 3, player 3 to
/// mismatch player 1 (payoff 1 on success, -1 otherwise). No pure
/// equilibrium; the unique equilibrium has everyone mixing 1/2 (if player 3
/// were not indifferent, player 2 would play pure, then player 1, then
/// player 3 would play pure too, and pure profiles all have a deviation).
template <class Scalar>
Game<Scalar> jordan_game() {
  Game<Scalar> g({2, 2, 2});
  for (std::size_t a = 0; a < 2; ++a)
    for (std::size_t b = 0; b < 2; ++b)
      for (std::size_t c = 0; c < 2; ++c) {
        g.payoff(0, {a, b, c}) = Scalar(a == b ? 1 : -1);
        g.payoff(1, {a, b, c}) = Scalar(b == c ? 1 : -1);
        g.payoff(2, {a, b, c}) = Scalar(c != a ? 1 : -1);
      }
  return g;
}

/// Largest |p - q| over all players and strategies.
template <class Scalar>
double distance(const MixedProfile<Scalar>& p, const MixedProfile<Scalar>& q) {
  double d = 0;
  for (std::size_t i = 0; i < p.num_players(); ++i)
    for (std::size_t s = 0; s < p[i].size(); ++s) {
      double gap = to_double(p[i][s]) - to_double(q[i][s]);
      d = std::max(d, gap < 0 ? -gap : gap);
    }
  return d;
}

}  // namespace entente::testing
