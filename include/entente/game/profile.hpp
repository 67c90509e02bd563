// Mixed profiles and the regret certificate every equilibrium carries.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "entente/game/game.hpp"

namespace entente {

/// One probability vector per player.
template <class Scalar>
struct MixedProfile {
  std::vector<std::vector<Scalar>> strategies;

  MixedProfile() = default;
  explicit MixedProfile(std::vector<std::vector<Scalar>> s) : strategies(std::move(s)) {}

  /// Everyone plays strategy 0 ... or the given pure profile.
  static MixedProfile pure(const Game<Scalar>& game, std::span<const std::size_t> profile) {
    MixedProfile p = uniform_shape(game);
    for (std::size_t i = 0; i < game.num_players(); ++i) p.strategies[i].at(profile[i]) = 1;
    return p;
  }
  /// Each player mixes uniformly.
  static MixedProfile uniform(const Game<Scalar>& game) {
    MixedProfile p = uniform_shape(game);
    for (auto& s : p.strategies)
      for (auto& x : s) x = Scalar(1) / Scalar(static_cast<long>(s.size()));
    return p;
  }

  std::size_t num_players() const { return strategies.size(); }
  const std::vector<Scalar>& operator[](std::size_t i) const { return strategies[i]; }
  std::vector<Scalar>& operator[](std::size_t i) { return strategies[i]; }

  template <class To>
  MixedProfile<To> cast() const {
    MixedProfile<To> out;
    for (const auto& s : strategies) {
      out.strategies.emplace_back();
      for (const auto& x : s) out.strategies.back().push_back(scalar_cast<To>(x));
    }
    return out;
  }

 private:
  static MixedProfile uniform_shape(const Game<Scalar>& game) {
    MixedProfile p;
    for (std::size_t n : game.shape()) p.strategies.emplace_back(n, Scalar(0));
    return p;
  }
};

/// Throws InvalidArgument unless `profile` fits `game` and each vector is a
/// probability distribution (exactly for Rational, within eps for double).
template <class Scalar>
void check_profile(const Game<Scalar>& game, const MixedProfile<Scalar>& profile) {
  if (profile.num_players() != game.num_players())
    throw InvalidArgument("profile has " + std::to_string(profile.num_players()) + " players, game has " +
                          std::to_string(game.num_players()));
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    const auto& s = profile[i];
    if (s.size() != game.num_strategies(i))
      throw InvalidArgument("player " + std::to_string(i) + " has " + std::to_string(game.num_strategies(i)) +
                            " strategies, profile gives " + std::to_string(s.size()));
    Scalar sum(0);
    for (const auto& x : s) {
      if (!(x >= -ScalarTraits<Scalar>::eps()))
        throw InvalidArgument("player " + std::to_string(i) + " has a negative probability");
      sum += x;
    }
    Scalar gap = sum - 1;
    if (gap < 0) gap = -gap;
    if (!(gap <= ScalarTraits<Scalar>::eps() * Scalar(static_cast<long>(s.size()))))
      throw InvalidArgument("player " + std::to_string(i) + "'s probabilities sum to " + to_string(sum) +
                            ", not 1");
  }
}

/// v[s] = player's expected payoff from pure strategy s when everyone else
/// plays `profile`. One pass over the tensor, no allocation per cell.
template <class Scalar>
std::vector<Scalar> strategy_values(const Game<Scalar>& game, const MixedProfile<Scalar>& profile,
                                    std::size_t player) {
  const std::size_t n = game.num_players();
  std::vector<Scalar> values(game.num_strategies(player), Scalar(0));
  auto u = game.payoffs(player);
  std::vector<std::size_t> digit(n, 0);
  // weight[k] = product of the others' probabilities for digits 0..k-1.
  std::vector<Scalar> weight(n + 1, Scalar(1));
  auto refresh = [&](std::size_t from) {
    for (std::size_t k = from; k < n; ++k)
      weight[k + 1] = (k == player) ? weight[k] : weight[k] * profile[k][digit[k]];
  };
  refresh(0);
  for (std::size_t flat = 0; flat < game.num_profiles(); ++flat) {
    if (weight[n] != 0) values[digit[player]] += weight[n] * u[flat];
    // Odometer: the last player's digit moves fastest (C order).
    std::size_t k = n;
    while (k-- > 0) {
      if (++digit[k] < game.num_strategies(k)) break;
      digit[k] = 0;
    }
    if (k < n) refresh(k);
  }
  return values;
}

/// Each player's expected payoff under `profile`.
template <class Scalar>
std::vector<Scalar> expected_payoffs(const Game<Scalar>& game, const MixedProfile<Scalar>& profile) {
  std::vector<Scalar> out;
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    auto v = strategy_values(game, profile, i);
    Scalar total(0);
    for (std::size_t s = 0; s < v.size(); ++s) total += profile[i][s] * v[s];
    out.push_back(total);
  }
  return out;
}

/// The pure strategies of `player` that are best responses to the others
/// (ties within ScalarTraits::eps for double, exact for Rational).
template <class Scalar>
std::vector<std::size_t> best_responses(const Game<Scalar>& game, const MixedProfile<Scalar>& profile,
                                        std::size_t player) {
  auto v = strategy_values(game, profile, player);
  Scalar best = *std::max_element(v.begin(), v.end());
  std::vector<std::size_t> out;
  for (std::size_t s = 0; s < v.size(); ++s)
    if (best - v[s] <= ScalarTraits<Scalar>::eps()) out.push_back(s);
  return out;
}

/// Player's gain from the best pure deviation: max_s v[s] - payoff. Never negative.
template <class Scalar>
Scalar player_regret(const Game<Scalar>& game, const MixedProfile<Scalar>& profile, std::size_t player) {
  auto v = strategy_values(game, profile, player);
  Scalar current(0);
  for (std::size_t s = 0; s < v.size(); ++s) current += profile[player][s] * v[s];
  Scalar gain = *std::max_element(v.begin(), v.end()) - current;
  return gain < 0 ? Scalar(0) : gain;
}

/// The largest gain any player gets by deviating: 0 exactly at a Nash
/// equilibrium. This is the certificate attached to every equilibrium.
template <class Scalar>
Scalar regret(const Game<Scalar>& game, const MixedProfile<Scalar>& profile) {
  check_profile(game, profile);
  Scalar worst(0);
  for (std::size_t i = 0; i < game.num_players(); ++i) worst = std::max(worst, player_regret(game, profile, i));
  return worst;
}

}  // namespace entente
