// The Shapley value estimated by sampling random orderings, with a
// confidence interval per player, for games too large for the exact
// O(n 2^n) sum (the values come from a callable, so n is not bounded by a
// 2^n table).
//
//  - J. Castro, D. Gómez, J. Tejada, "Polynomial calculation of the Shapley
//    value based on sampling", Computers & Operations Research 36 (2009)
//    1726-1730: draw m orderings uniformly, average each player's marginal
//    contribution v(P_i + i) - v(P_i) over them (P_i = its predecessors);
//    unbiased, and by the central limit theorem mean +- z s / sqrt(m) is an
//    asymptotic confidence interval (their Sec. 3).
//  - One ordering costs n + 1 evaluations of v and gives one marginal per
//    player; the estimates sum to v(N) exactly for every sample (the
//    marginals along an ordering telescope).
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <functional>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "entente/cancel.hpp"
#include "entente/coop/coalitional_game.hpp"
#include "entente/error.hpp"
#include "entente/status.hpp"
#include "entente/scalar.hpp"

namespace entente {

struct SampledShapleyOptions {
  std::size_t samples = 10'000;  ///< orderings drawn
  std::uint64_t seed = 0;        ///< std::mt19937_64 seed; the same seed gives the same estimate
  double confidence = 0.95;      ///< of the two-sided normal interval, in (0, 1)
  double time_limit_seconds = kNoTimeLimit;  ///< wall clock, > 0; stops early with status time_limit
};

/// complete or time_limit (entente::Status, status.hpp).
using SamplingStatus = Status;

struct SampledShapley {
  SamplingStatus status = SamplingStatus::complete;
  std::vector<double> value;       ///< the estimate, one per player
  std::vector<double> std_error;   ///< sample standard deviation / sqrt(samples)
  std::vector<double> half_width;  ///< z * std_error: value +- half_width is the confidence interval
  std::size_t samples = 0;         ///< orderings actually drawn
  double confidence = 0.95;
};

namespace coop::detail {

/// z with P(|Z| <= z) = confidence for a standard normal Z, by bisection on erfc.
inline double normal_quantile_two_sided(double confidence) {
  double lo = 0, hi = 40;
  for (int k = 0; k < 200; ++k) {
    const double mid = 0.5 * (lo + hi);
    if (std::erfc(mid / std::sqrt(2.0)) > 1 - confidence) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

inline void check_sampling(std::size_t n, const SampledShapleyOptions& o) {
  if (n == 0) throw InvalidArgument("sampled_shapley_value: needs at least one player");
  if (o.samples < 2) throw InvalidArgument("sampled_shapley_value: needs at least 2 samples for an interval");
  if (!(o.confidence > 0 && o.confidence < 1))
    throw InvalidArgument("sampled_shapley_value: the confidence must lie strictly between 0 and 1");
  check_time_limit(o.time_limit_seconds, "sampled_shapley");
}

/// The sampler over an abstract coalition: `reset()` empties it, `add(i)`
/// adds player i and `value()` evaluates v of what was added.
template <class Walk>
SampledShapley sample_orderings(std::size_t n, Walk& walk, const SampledShapleyOptions& o) {
  check_sampling(n, o);
  std::mt19937_64 rng(o.seed);
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t(0));
  std::vector<double> mean(n, 0.0), m2(n, 0.0);  // Welford's running mean and sum of squares
  const auto start = std::chrono::steady_clock::now();
  SampledShapley out;
  out.confidence = o.confidence;
  std::size_t m = 0;
  for (; m < o.samples; ++m) {
    if ((m & 15u) == 0) check_cancelled();
    if (std::isfinite(o.time_limit_seconds) && m >= 2 && (m & 15u) == 0 &&
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() >= o.time_limit_seconds) {
      out.status = SamplingStatus::time_limit;
      break;
    }
    std::shuffle(order.begin(), order.end(), rng);
    walk.reset();
    double before = walk.value();
    const double count = double(m + 1);
    for (std::size_t i : order) {
      walk.add(i);
      const double after = walk.value();
      if (!std::isfinite(after)) throw InvalidArgument("sampled_shapley_value: the value function returned a non-finite number");
      const double marginal = after - before;
      before = after;
      const double delta = marginal - mean[i];
      mean[i] += delta / count;
      m2[i] += delta * (marginal - mean[i]);
    }
  }
  out.samples = m;
  const double z = normal_quantile_two_sided(o.confidence);
  out.value = mean;
  for (std::size_t i = 0; i < n; ++i) {
    const double se = m >= 2 ? std::sqrt(m2[i] / double(m - 1) / double(m)) : INFINITY;
    out.std_error.push_back(se);
    out.half_width.push_back(z * se);
  }
  return out;
}

}  // namespace coop::detail

/// Sampled Shapley value for any number of players: `v` maps the membership
/// vector of a coalition (members[i] true iff player i is in it) to its value.
/// v(empty set) is evaluated too and need not be 0 (the marginals cancel it).
/// Throws InvalidArgument for n == 0, fewer than 2 samples, a confidence
/// outside (0, 1) or a non-finite value.
inline SampledShapley sampled_shapley_value(std::size_t n, const std::function<double(const std::vector<bool>&)>& v,
                                            const SampledShapleyOptions& options = {}) {
  struct Walk {
    std::vector<bool> members;
    const std::function<double(const std::vector<bool>&)>* v;
    void reset() { std::fill(members.begin(), members.end(), false); }
    void add(std::size_t i) { members[i] = true; }
    double value() const { return (*v)(members); }
  } walk{std::vector<bool>(n, false), &v};
  return coop::detail::sample_orderings(n, walk, options);
}

/// Sampled Shapley value from a function of the coalition's bit mask (n <= 32).
template <class Scalar>
SampledShapley sampled_shapley_value(std::size_t n, const std::function<Scalar(Coalition)>& v,
                                     const SampledShapleyOptions& options = {}) {
  if (n > 32) throw InvalidArgument("sampled_shapley_value: a bit-mask coalition holds at most 32 players; "
                                    "pass a function of the membership vector instead");
  struct Walk {
    Coalition mask = 0;
    const std::function<Scalar(Coalition)>* v;
    void reset() { mask = 0; }
    void add(std::size_t i) { mask |= Coalition(1) << i; }
    double value() const { return to_double((*v)(mask)); }
  } walk{0, &v};
  return coop::detail::sample_orderings(n, walk, options);
}

/// Sampled Shapley value of a tabled game (to compare with the exact value).
template <class Scalar>
SampledShapley sampled_shapley_value(const CoalitionalGame<Scalar>& g, const SampledShapleyOptions& options = {}) {
  return sampled_shapley_value<Scalar>(g.n(), std::function<Scalar(Coalition)>([&g](Coalition s) { return g.v(s); }),
                                       options);
}

}  // namespace entente
