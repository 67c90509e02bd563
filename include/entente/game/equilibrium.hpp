// An equilibrium as every solver returns it: the profile and its certificate.
#pragma once

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "entente/error.hpp"

#include "entente/game/profile.hpp"

namespace entente {

template <class Scalar>
struct Equilibrium {
  MixedProfile<Scalar> profile;
  std::vector<Scalar> payoffs;  ///< each player's expected payoff
  Scalar regret;                ///< largest gain from deviating; 0 at an exact equilibrium

  /// The same equilibrium in another scalar (an exact one's floating copy:
  /// every number correctly rounded, the certificate carried over).
  template <class To>
  Equilibrium<To> cast() const {
    Equilibrium<To> out{profile.template cast<To>(), {}, scalar_cast<To>(regret)};
    for (const auto& u : payoffs) out.payoffs.push_back(scalar_cast<To>(u));
    return out;
  }
};

/// Attaches payoffs and the regret certificate to a profile.
template <class Scalar>
Equilibrium<Scalar> certify(const Game<Scalar>& game, MixedProfile<Scalar> profile) {
  // regret() and expected_payoffs() in one pass per player: the same
  // strategy values give both, with the same arithmetic.
  check_profile(game, profile);
  std::vector<Scalar> payoffs, values;
  payoffs.reserve(game.num_players());
  detail::StrategyValuesScratch<Scalar> scratch;
  Scalar worst(0);
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    detail::strategy_values_into(game, profile, i, values, scratch);
    Scalar current(0);
    for (std::size_t s = 0; s < values.size(); ++s) current += profile[i][s] * values[s];
    Scalar gain = *std::max_element(values.begin(), values.end()) - current;
    if (gain < 0) gain = Scalar(0);
    worst = std::max(worst, gain);
    payoffs.push_back(std::move(current));
  }
  return Equilibrium<Scalar>{std::move(profile), std::move(payoffs), std::move(worst)};
}

/// The largest regret a floating-point result may carry and still count as
/// an equilibrium: 1e-7 times the largest payoff magnitude, so the test
/// does not change when all payoffs are scaled (payoffs of size 1e-12 get a
/// tolerance of 1e-19, not an absolute one that would pass anything).
/// Exactly 0 for Rational.
template <class Scalar>
Scalar certificate_tolerance(const Game<Scalar>& game) {
  if constexpr (is_exact_v<Scalar>) {
    return Scalar(0);
  } else {
    double scale = 0.0;
    for (std::size_t i = 0; i < game.num_players(); ++i)
      for (double u : game.payoffs(i)) scale = std::max(scale, std::abs(u));
    return 1e-7 * scale;
  }
}

/// Throws SolverError when `eq` fails its regret certificate: round-off
/// (ill-conditioned or badly scaled payoffs) can make a floating pivoting
/// method end at a profile that is not an equilibrium, and that must not be
/// returned as one. The message names `method` and suggests exact mode.
/// `game` is a Game or a CompactGame (its certificate_tolerance).
template <class AnyGame, class Scalar>
void require_certified(const AnyGame& game, const Equilibrium<Scalar>& eq, const std::string& method) {
  const Scalar tolerance = certificate_tolerance(game);
  if (eq.regret <= tolerance) return;  // false for NaN, which fails too
  throw SolverError(method + ": the result fails its regret certificate (regret " + to_string(eq.regret) +
                    " > tolerance " + to_string(tolerance) +
                    "); floating point is not reliable on these payoffs, solve exactly instead");
}

}  // namespace entente
