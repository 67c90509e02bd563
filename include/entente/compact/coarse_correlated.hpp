// Coarse correlated equilibria of a compact game by no-regret dynamics: every
// player runs Hedge (multiplicative weights) on its strategies' expected
// payoffs against the others' current mixtures, computed from the terms.
// The time average of the play is a coarse correlated equilibrium up to the
// players' average regret (a distribution over profiles where no player
// gains by committing to one strategy beforehand).
//
// Sources: Freund & Schapire, "Adaptive game playing using multiplicative
// weights", Games Econ. Behav. 29 (1999) 79-103 (Hedge; the regret bound
// with rate sqrt(8 ln n / T)); Hannan (1957) and Roughgarden, "Twenty
// Lectures on Algorithmic Game Theory" (2016), Lecture 17 (no-regret play
// converges to the set of coarse correlated equilibria).
//
// The distribution is the uniform mixture of the rounds' product
// distributions, kept as those products (never as a list of profiles,
// which would be exponential in the actors). Its certificate, the largest
// gain any player gets by a fixed deviation, is recomputed at the end from
// the stored rounds, independently of the running sums that stop the loop.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include "entente/cancel.hpp"
#include "entente/error.hpp"
#include "entente/game/compact_game.hpp"
#include "entente/status.hpp"

namespace entente {

struct NoRegretOptions {
  /// Rounds of Hedge (>= 1).
  std::size_t max_iterations = 10000;
  /// Stop once the largest average regret is at most this times the payoff
  /// range (> 0); the status is then converged.
  double tolerance = 1e-2;
  double time_limit_seconds = kNoTimeLimit;
};

struct CompactCoarseCorrelated {
  /// The distribution: the uniform mixture of these product distributions.
  std::vector<MixedProfile<double>> rounds;
  std::vector<std::vector<double>> marginals;  ///< each player's average mixture
  std::vector<double> payoffs;                 ///< each player's expected payoff
  /// The certificate: the largest gain of a fixed (coarse) deviation,
  /// max over players i and strategies t of E[u_i(t, s_-i)] - E[u_i(s)].
  double gain = 0;
  Status status = Status::iteration_limit;  ///< converged, iteration_limit or time_limit
};

/// The coarse correlated certificate of the uniform mixture of `rounds`
/// (each a product distribution): per player, its expected payoff and the
/// largest gain of a fixed deviation. Cost: rounds x players x terms.
inline std::pair<std::vector<double>, double> coarse_correlated_gain(const CompactGame<double>& game,
                                                                     const std::vector<MixedProfile<double>>& rounds) {
  if (rounds.empty()) throw InvalidArgument("coarse_correlated_gain: no rounds");
  const std::size_t n = game.num_players();
  std::vector<double> payoffs(n, 0.0);
  double gain = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<double> deviation(game.num_strategies(i), 0.0);
    for (const auto& r : rounds) {
      const auto v = game.strategy_values(r, i);
      for (std::size_t s = 0; s < v.size(); ++s) {
        deviation[s] += v[s];
        payoffs[i] += r[i][s] * v[s];
      }
    }
    const double scale = 1.0 / double(rounds.size());
    payoffs[i] *= scale;
    gain = std::max(gain, *std::max_element(deviation.begin(), deviation.end()) * scale - payoffs[i]);
  }
  return {payoffs, std::max(gain, 0.0)};
}

/// A coarse correlated equilibrium of `game` by Hedge (comment at the top),
/// with its certificate. Deterministic (no sampling). Throws
/// InvalidArgument for bad options.
inline CompactCoarseCorrelated compact_coarse_correlated(const CompactGame<double>& game,
                                                         const NoRegretOptions& options = {}) {
  if (options.max_iterations < 1) throw InvalidArgument("no-regret dynamics: max_iterations must be at least 1");
  if (!(options.tolerance > 0) || !std::isfinite(options.tolerance))
    throw InvalidArgument("no-regret dynamics: tolerance must be positive and finite");
  check_time_limit(options.time_limit_seconds, "no-regret dynamics");
  const auto start = std::chrono::steady_clock::now();
  const std::size_t n = game.num_players();
  const double range = std::max(2 * game.payoff_scale(), 1e-300);
  std::size_t widest = 1;
  for (std::size_t k : game.shape()) widest = std::max(widest, k);
  // Cumulative payoffs per strategy (Hedge's weights are their exponentials)
  // and each player's cumulative expected payoff.
  std::vector<std::vector<double>> cumulative(n), weights(n);
  std::vector<double> realised(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) cumulative[i].assign(game.num_strategies(i), 0.0);
  CompactCoarseCorrelated out;
  MixedProfile<double> x = MixedProfile<double>();
  for (std::size_t k : game.shape()) x.strategies.emplace_back(k, 1.0 / double(k));
  for (std::size_t t = 1; t <= options.max_iterations; ++t) {
    check_cancelled();
    out.rounds.push_back(x);
    std::vector<std::vector<double>> values(n);
    for (std::size_t i = 0; i < n; ++i) {
      values[i] = game.strategy_values_unchecked(x, i);
      for (std::size_t s = 0; s < values[i].size(); ++s) {
        cumulative[i][s] += values[i][s];
        realised[i] += x[i][s] * values[i][s];
      }
    }
    double worst = 0;
    for (std::size_t i = 0; i < n; ++i)
      worst = std::max(worst, *std::max_element(cumulative[i].begin(), cumulative[i].end()) - realised[i]);
    if (worst / double(t) <= options.tolerance * range) {
      out.status = Status::converged;
      break;
    }
    const std::chrono::duration<double> spent = std::chrono::steady_clock::now() - start;
    if (spent.count() > options.time_limit_seconds) {
      out.status = Status::time_limit;
      break;
    }
    // Hedge with the anytime rate sqrt(8 ln n / t), payoffs scaled to [0, 1].
    const double eta = std::sqrt(8.0 * std::log(double(std::max<std::size_t>(widest, 2))) / double(t)) / range;
    for (std::size_t i = 0; i < n; ++i) {
      const double top = *std::max_element(cumulative[i].begin(), cumulative[i].end());
      double total = 0;
      for (std::size_t s = 0; s < x[i].size(); ++s) total += x[i][s] = std::exp(eta * (cumulative[i][s] - top));
      for (double& p : x[i]) p /= total;
    }
  }
  auto [payoffs, gain] = coarse_correlated_gain(game, out.rounds);
  out.payoffs = std::move(payoffs);
  out.gain = gain;
  for (std::size_t i = 0; i < n; ++i) {
    out.marginals.emplace_back(game.num_strategies(i), 0.0);
    for (const auto& r : out.rounds)
      for (std::size_t s = 0; s < r[i].size(); ++s) out.marginals[i][s] += r[i][s] / double(out.rounds.size());
  }
  return out;
}

}  // namespace entente
