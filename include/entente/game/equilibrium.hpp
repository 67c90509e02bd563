// An equilibrium as every solver returns it: the profile and its certificate.
#pragma once

#include <vector>

#include "entente/game/profile.hpp"

namespace entente {

template <class Scalar>
struct Equilibrium {
  MixedProfile<Scalar> profile;
  std::vector<Scalar> payoffs;  ///< each player's expected payoff
  Scalar regret;                ///< largest gain from deviating; 0 at an exact equilibrium
};

/// Attaches payoffs and the regret certificate to a profile.
template <class Scalar>
Equilibrium<Scalar> certify(const Game<Scalar>& game, MixedProfile<Scalar> profile) {
  Scalar r = regret(game, profile);
  auto payoffs = expected_payoffs(game, profile);
  return Equilibrium<Scalar>{std::move(profile), std::move(payoffs), std::move(r)};
}

}  // namespace entente
