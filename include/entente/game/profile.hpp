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

namespace detail {

/// Reusable buffers of strategy_values_into (solvers that evaluate many
/// profiles keep one, so that a label or a Newton step allocates nothing).
template <class Scalar>
struct StrategyValuesScratch {
  std::vector<std::size_t> digit;
  std::vector<Scalar> weight;
  Scalar term{};
};

/// strategy_values into `values` (resized to the player's strategy count).
/// The odometer runs over every player but the last; the last player's
/// strategies are contiguous (C order) and form the inner loop. The
/// arithmetic is the same, in the same order, as a plain pass over every
/// profile: the others' probabilities multiplied left to right (player
/// order), cells of weight 0 skipped, cells added in C order, so results do
/// not depend on this layout.
template <class Scalar>
void strategy_values_into(const Game<Scalar>& game, const MixedProfile<Scalar>& profile, std::size_t player,
                          std::vector<Scalar>& values, StrategyValuesScratch<Scalar>& scratch) {
  const std::size_t n = game.num_players(), last = n - 1;
  const std::size_t width = game.num_strategies(last);
  values.assign(game.num_strategies(player), Scalar(0));
  const auto u = game.payoffs(player);
  auto& digit = scratch.digit;
  auto& weight = scratch.weight;  // weight[k] = product of the others' probabilities for digits 0..k-1
  digit.assign(n, 0);
  weight.resize(n + 1);
  weight[0] = Scalar(1);
  auto refresh = [&](std::size_t from) {  // weight[from + 1 .. last]
    for (std::size_t k = from; k < last; ++k) {
      if (k == player)
        weight[k + 1] = weight[k];
      else
        weight[k + 1] = weight[k] * profile[k][digit[k]];
    }
  };
  refresh(0);
  const auto& tail = profile[last];
  Scalar& term = scratch.term;
  for (std::size_t flat = 0; flat < game.num_profiles(); flat += width) {
    const Scalar& w = weight[last];
    if (w != 0) {
      if (player == last) {
        for (std::size_t s = 0; s < width; ++s) {
          term = w * u[flat + s];
          values[s] += term;
        }
      } else {
        Scalar& v = values[digit[player]];
        for (std::size_t s = 0; s < width; ++s) {
          term = w * tail[s];
          if (term != 0) {
            term *= u[flat + s];
            v += term;
          }
        }
      }
    }
    // Odometer over the players before the last (C order).
    std::size_t k = last;
    while (k-- > 0) {
      if (++digit[k] < game.num_strategies(k)) break;
      digit[k] = 0;
    }
    if (k < last) refresh(k);
  }
}

}  // namespace detail

/// v[s] = player's expected payoff from pure strategy s when everyone else
/// plays `profile`. One pass over the tensor, no allocation per cell.
template <class Scalar>
std::vector<Scalar> strategy_values(const Game<Scalar>& game, const MixedProfile<Scalar>& profile,
                                    std::size_t player) {
  std::vector<Scalar> values;
  detail::StrategyValuesScratch<Scalar> scratch;
  detail::strategy_values_into(game, profile, player, values, scratch);
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
Scalar regret(const Game<Scalar>& game, const MixedProfile<Scalar>& profile);

/// regret() for a profile the caller has already checked (check_profile or
/// an equivalent with its own messages).
template <class Scalar>
Scalar regret_unchecked(const Game<Scalar>& game, const MixedProfile<Scalar>& profile) {
  Scalar worst(0);
  for (std::size_t i = 0; i < game.num_players(); ++i) worst = std::max(worst, player_regret(game, profile, i));
  return worst;
}

template <class Scalar>
Scalar regret(const Game<Scalar>& game, const MixedProfile<Scalar>& profile) {
  check_profile(game, profile);
  return regret_unchecked(game, profile);
}

}  // namespace entente
