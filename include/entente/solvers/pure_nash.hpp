// Pure-strategy Nash equilibria of an N-player game: a pass over one payoff
// tensor, then candidate pruning through the others.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
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

/// Throws InvalidArgument when a floating payoff is NaN or infinite: every
/// comparison with a NaN is false, so solvers would return nonsense rather
/// than fail. Rational payoffs are always finite; nothing to check.
template <class Scalar>
void check_finite_payoffs(const Game<Scalar>& game, const char* method) {
  if constexpr (!is_exact_v<Scalar>) {
    for (std::size_t i = 0; i < game.num_players(); ++i)
      for (const auto& x : game.payoffs(i))
        if (!std::isfinite(static_cast<double>(x)))
          throw InvalidArgument(std::string(method) + ": player " + std::to_string(i) +
                                " has a payoff that is not finite (NaN or infinity)");
  }
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
    // Stops at the first payoff of size >= 1 (then the tolerance is eps),
    // so usual games are not read in full just for this.
    double scale = 0.0;
    for (std::size_t i = 0; i < game.num_players() && scale < 1.0; ++i)
      for (double u : game.payoffs(i)) {
        scale = std::max(scale, std::abs(u));
        if (scale >= 1.0) break;
      }
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
/// Candidate pruning instead of a full pass per player: one pass over the
/// last player's tensor (its strategies are contiguous) keeps the profiles
/// where it best-responds; each earlier player, from the second-last to the
/// first (growing strides, so the remaining candidates' fibers stay close in
/// memory), then filters the surviving candidates by reading only their own
/// fibers, stopping at the first strictly better deviation. In a game
/// without ties about 1/n of the candidates survive each player, so the work
/// is about one pass over one tensor instead of one pass over every tensor.
/// When candidates outnumber a player's fibers (many ties), that player's
/// fiber maxima are computed once in one pass, so the work never exceeds one
/// pass per player. Strictness is decided for the equilibria only. Memory:
/// the candidate list (at most one index a profile) and, in the dense case,
/// one value per fiber; no allocation per profile. Ties: exact for
/// Rational, within ScalarTraits<double>::eps() for double. Throws
/// InvalidArgument for a NaN or infinite payoff.
template <class Scalar>
std::vector<PureEquilibrium<Scalar>> pure_equilibria(const Game<Scalar>& game);

namespace detail {

/// pure_equilibria without the finiteness check, for callers whose games
/// are finite by construction (the Python module's games come from exact
/// rationals): the check reads every payoff, which the pruning avoids.
template <class Scalar>
std::vector<PureEquilibrium<Scalar>> pure_equilibria_of_finite(const Game<Scalar>& game) {
  const std::size_t players = game.num_players(), profiles = game.num_profiles();
  const std::size_t last = players - 1;
  const double tie = detail::tie_tolerance(game);
  std::vector<std::size_t> candidates;
  check_cancelled();
  {
    // Branch-free inner loops (a select for the argmax, an unconditional
    // store with a conditional count): on random payoffs the branches would
    // be mispredicted about once a fiber, which costs more than the reads.
    const auto u = game.payoffs(last);
    const std::size_t n = game.num_strategies(last);  // stride 1
    candidates.resize(profiles / n + n);
    std::size_t count = 0;
    for (std::size_t base = 0; base < profiles; base += n) {
      std::size_t best = base;
      for (std::size_t k = base + 1; k < base + n; ++k) best = u[k] > u[best] ? k : best;
      if (count + n > candidates.size()) candidates.resize(std::min(profiles, 2 * candidates.size()));
      for (std::size_t k = base; k < base + n; ++k) {
        candidates[count] = k;
        count += detail::within_eps_below(u[best], u[k], tie) ? 1 : 0;
      }
    }
    candidates.resize(count);
  }
  for (std::size_t i = last; i-- > 0 && !candidates.empty();) {
    check_cancelled();
    const auto u = game.payoffs(i);
    const std::size_t n = game.num_strategies(i), stride = game.stride(i), block = stride * n;
    std::size_t kept = 0;
    if (candidates.size() > profiles / n) {
      // Dense: each fiber's best cell once, in the order of for_each_opponent_profile.
      std::vector<std::size_t> best_cell;
      best_cell.reserve(profiles / n);
      detail::for_each_opponent_profile(game, i, [&](std::size_t base) {
        std::size_t best = base;
        for (std::size_t s = 1, k = base + stride; s < n; ++s, k += stride)
          if (u[k] > u[best]) best = k;
        best_cell.push_back(best);
      });
      for (const std::size_t k : candidates)
        if (detail::within_eps_below(u[best_cell[(k / block) * stride + k % stride]], u[k], tie))
          candidates[kept++] = k;
    } else {
      for (const std::size_t k : candidates) {
        const std::size_t base = (k / block) * block + k % stride;
        bool best = true;
        for (std::size_t s = 0, j = base; s < n && best; ++s, j += stride)
          best = detail::within_eps_below(u[j], u[k], tie);
        if (best) candidates[kept++] = k;
      }
    }
    candidates.resize(kept);
  }
  std::vector<PureEquilibrium<Scalar>> out;
  out.reserve(candidates.size());
  for (const std::size_t k : candidates) {
    PureEquilibrium<Scalar> eq;
    eq.profile = game.profile_at(k);
    eq.payoffs.reserve(players);
    eq.strict = true;
    for (std::size_t i = 0; i < players; ++i) {
      const auto u = game.payoffs(i);
      eq.payoffs.push_back(u[k]);
      // Strict: no other own strategy within eps of the best (the test the
      // tie rule uses), i.e. exactly one cell of the fiber ties the maximum.
      const std::size_t n = game.num_strategies(i), stride = game.stride(i), block = stride * n;
      const std::size_t base = (k / block) * block + k % stride;
      std::size_t best = base;
      for (std::size_t s = 1, j = base + stride; s < n; ++s, j += stride)
        if (u[j] > u[best]) best = j;
      std::size_t ties = 0;
      for (std::size_t s = 0, j = base; s < n; ++s, j += stride)
        if (detail::within_eps_below(u[best], u[j], tie)) ++ties;
      if (ties > 1) eq.strict = false;
    }
    out.push_back(std::move(eq));
  }
  return out;
}

}  // namespace detail

template <class Scalar>
std::vector<PureEquilibrium<Scalar>> pure_equilibria(const Game<Scalar>& game) {
  detail::check_finite_payoffs(game, "pure equilibria");
  return detail::pure_equilibria_of_finite(game);
}

/// The pure equilibria as mixed Equilibrium objects (method "enumpure"),
/// each certified: its regret is 0 (exactly for Rational).
///
/// The certificate is read off the payoff fibers through the profile (a
/// pure profile's strategy values are those cells), which gives the numbers
/// certify() computes from the whole tensor: payoff u_i(s), regret
/// max(0, max_t u_i(t, s_-i) - u_i(s)) over the players.
template <class Scalar>
std::vector<Equilibrium<Scalar>> pure_nash(const Game<Scalar>& game) {
  std::vector<Equilibrium<Scalar>> out;
  for (auto& eq : pure_equilibria(game)) {
    std::size_t flat = 0;
    for (std::size_t i = 0; i < game.num_players(); ++i) flat += eq.profile[i] * game.stride(i);
    Scalar worst(0);
    for (std::size_t i = 0; i < game.num_players(); ++i) {
      const auto u = game.payoffs(i);
      const std::size_t n = game.num_strategies(i), stride = game.stride(i);
      const std::size_t base = flat - eq.profile[i] * stride;
      const Scalar* best = &u[base];
      for (std::size_t t = 1; t < n; ++t)
        if (*best < u[base + t * stride]) best = &u[base + t * stride];
      Scalar gain = *best - u[flat];
      if (gain < 0) gain = Scalar(0);
      worst = std::max(worst, gain);
    }
    out.push_back(Equilibrium<Scalar>{MixedProfile<Scalar>::pure(game, eq.profile), std::move(eq.payoffs),
                                      std::move(worst)});
  }
  return out;
}

}  // namespace entente
