// Pure-strategy Nash equilibria of an N-player game, by one vectorised pass
// per player over its payoff tensor.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <utility>
#include <vector>

#include "entente/cancel.hpp"
#include "entente/game/equilibrium.hpp"
#include "entente/game/game.hpp"

namespace entente {

namespace detail {

/// Calls f(base) once for every profile of the other players, in C order:
/// `base` is the flat index where `player` plays strategy 0, and strategy s
/// sits at base + s * game.stride(player). The k-th call is the k-th
/// "others' profile", so a compact array of size num_profiles / n_player
/// can be indexed by a running counter.
template <class Scalar, class F>
void for_each_opponent_profile(const Game<Scalar>& game, std::size_t player, F&& f) {
  const std::size_t stride = game.stride(player);
  const std::size_t block = stride * game.num_strategies(player);
  for (std::size_t high = 0; high < game.num_profiles(); high += block)
    for (std::size_t low = 0; low < stride; ++low) f(high + low);
}

/// best - value <= eps without a temporary: exact types compare directly,
/// so a Rational comparison allocates nothing.
template <class Scalar>
bool within_eps_below(const Scalar& best, const Scalar& value, double tie) {
  if constexpr (is_exact_v<Scalar>)
    return value >= best;
  else
    return best - value <= tie;
}

/// The tie tolerance for double: eps, shrunk for games whose payoffs are all
/// tiny (1e-12 apart would otherwise all tie, and every profile would pass
/// as an equilibrium). Payoffs are compared as stored, without arithmetic,
/// so large payoffs need no wider tolerance.
template <class Scalar>
double tie_tolerance(const Game<Scalar>& game) {
  if constexpr (is_exact_v<Scalar>) {
    return 0.0;
  } else {
    double scale = 0.0;
    for (std::size_t i = 0; i < game.num_players(); ++i)
      for (double u : game.payoffs(i)) scale = std::max(scale, std::abs(u));
    return ScalarTraits<double>::eps() * std::min(1.0, scale);
  }
}

}  // namespace detail

template <class Scalar>
struct PureEquilibrium {
  std::vector<std::size_t> profile;  ///< one strategy index per player
  std::vector<Scalar> payoffs;       ///< each player's payoff at the profile
  /// Every player's strategy is its unique best response (for double: no
  /// other strategy comes within ScalarTraits<double>::eps() of the best).
  bool strict = false;
};

/// All pure Nash equilibria, in C order of their profiles.
///
/// For each player one pass over its tensor takes, for every profile of the
/// others, the best payoff over the player's own strategies (read with the
/// player's stride) and clears the "equilibrium" mark of every cell below it
/// (and the "strict" mark of every cell in a tie at the top). A cell that
/// keeps its mark after all players is an equilibrium. Memory: two bytes a
/// profile; no allocation per profile. Ties: exact for Rational, within
/// ScalarTraits<double>::eps() for double.
template <class Scalar>
std::vector<PureEquilibrium<Scalar>> pure_equilibria(const Game<Scalar>& game) {
  const std::size_t profiles = game.num_profiles();
  std::vector<char> nash(profiles, 1), strict(profiles, 1);
  const double tie = detail::tie_tolerance(game);
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    check_cancelled();
    const auto u = game.payoffs(i);
    const std::size_t stride = game.stride(i), n = game.num_strategies(i);
    detail::for_each_opponent_profile(game, i, [&](std::size_t base) {
      std::size_t best = base;
      for (std::size_t s = 1, k = base + stride; s < n; ++s, k += stride)
        if (u[k] > u[best]) best = k;
      std::size_t ties = 0;
      for (std::size_t s = 0, k = base; s < n; ++s, k += stride) {
        if (detail::within_eps_below(u[best], u[k], tie))
          ++ties;
        else
          nash[k] = 0;
      }
      if (ties > 1)
        for (std::size_t s = 0, k = base; s < n; ++s, k += stride)
          if (detail::within_eps_below(u[best], u[k], tie)) strict[k] = 0;
    });
  }
  std::vector<PureEquilibrium<Scalar>> out;
  for (std::size_t k = 0; k < profiles; ++k) {
    if (!nash[k]) continue;
    PureEquilibrium<Scalar> eq;
    eq.profile = game.profile_at(k);
    eq.payoffs.reserve(game.num_players());
    for (std::size_t i = 0; i < game.num_players(); ++i) eq.payoffs.push_back(game.payoffs(i)[k]);
    eq.strict = strict[k] != 0;
    out.push_back(std::move(eq));
  }
  return out;
}

/// The pure equilibria as mixed Equilibrium objects (method "enumpure"),
/// each certified: its regret is 0 (exactly for Rational).
template <class Scalar>
std::vector<Equilibrium<Scalar>> pure_nash(const Game<Scalar>& game) {
  std::vector<Equilibrium<Scalar>> out;
  for (const auto& eq : pure_equilibria(game))
    out.push_back(certify(game, MixedProfile<Scalar>::pure(game, eq.profile)));
  return out;
}

}  // namespace entente
