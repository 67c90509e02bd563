// Learning dynamics on N-player games (Game<double>): fictitious play,
// replicator dynamics, best-response dynamics and regret matching. Each
// returns a trajectory (a flat matrix: one row per recorded step, columns =
// all players' probabilities concatenated, player 0 first), the final
// profile and its regret certificate. Every rule stops after
// options.iterations steps or options.time_limit_seconds seconds, whichever comes
// first, and says which in `status`. Payoffs must be finite.
//
// Sources: Brown, "Iterative solution of games by fictitious play" (1951);
// Robinson, "An iterative method of solving a game", Ann. Math. 54 (1951)
// 296-301; Shapley, "Some topics in two-person games" (1964); Taylor &
// Jonker, "Evolutionarily stable strategies and game dynamics", Math.
// Biosci. 40 (1978) 145-156; Weibull, "Evolutionary Game Theory" (1995),
// ch. 5 (multi-population replicator); Monderer & Shapley, "Potential
// games", GEB 14 (1996) 124-143 (finite improvement property); Hart &
// Mas-Colell, "A simple adaptive procedure leading to correlated
// equilibrium", Econometrica 68 (2000) 1127-1150; Fudenberg & Levine,
// "The Theory of Learning in Games" (1998).
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "entente/cancel.hpp"
#include "entente/error.hpp"
#include "entente/status.hpp"
#include "entente/game/game.hpp"
#include "entente/game/profile.hpp"
#include "entente/games/generators.hpp"
#include "entente/solvers/correlated.hpp"

namespace entente {

/// Options shared by every learning rule.
struct LearningOptions {
  /// Steps (rounds of play, Euler/RK4 steps, best-response rounds); >= 1.
  std::size_t iterations = 1000;
  /// Record a trajectory row every this many steps (>= 1). Step 0 (the
  /// start) and the last step are always recorded.
  std::size_t record_every = 1;
  /// Seed of the randomised rules (regret matching); std::mt19937_64.
  std::uint64_t seed = 0;
  /// Wall-clock limit in seconds (0: none). When it runs out the rule stops
  /// after the current step, records it and reports LearningStatus::time_limit.
  double time_limit_seconds = kNoTimeLimit;
};

/// Why a learning rule stopped.
/// complete (every requested step), converged (best-response dynamics at rest on a pure equilibrium), iteration_limit (best-response dynamics' steps used up) or time_limit (entente::Status, status.hpp).
using LearningStatus = Status;

/// What every learning rule returns.
struct LearningResult {
  /// One row per recorded step; columns are the players' probability
  /// vectors concatenated (player i's start at column_offset(i)).
  Mat<double> trajectory;
  /// The step number of each trajectory row (0 = the start).
  std::vector<std::size_t> steps;
  /// The final profile (what the rows describe at the last step).
  MixedProfile<double> profile;
  /// regret(game, profile): the largest gain from a unilateral deviation.
  double regret = 0;
  /// Steps actually performed (best-response dynamics stops early at rest).
  std::size_t iterations = 0;
  /// Best-response dynamics: true when it stopped at a pure Nash equilibrium.
  bool converged = false;
  LearningStatus status = LearningStatus::complete;
  /// Fictitious play and regret matching: the empirical joint distribution
  /// of play (profiles played, with their frequencies), in C order.
  std::vector<ProfileProbability<double>> distribution;
  /// Regret matching: the certificate of the empirical joint distribution
  /// at each recorded step (CCE gain, or CE gain when conditional), i.e.
  /// correlated_gain(game, distribution-so-far, coarse).
  std::vector<double> gains;
};

namespace detail::learning {

inline void check_options(const Game<double>& game, const LearningOptions& options, std::size_t columns) {
  if (options.iterations == 0) throw InvalidArgument("learning: iterations must be at least 1");
  if (options.record_every == 0) throw InvalidArgument("learning: record_every must be at least 1");
  check_time_limit(options.time_limit_seconds, "learning");
  detail::check_finite_payoffs(game, "learning");
  const std::size_t rows = options.iterations / options.record_every + 2;
  if (rows > kMaxPayoffEntries / std::max<std::size_t>(columns, 1))
    throw InvalidArgument("learning: the trajectory would hold more than " + std::to_string(kMaxPayoffEntries) +
                          " numbers; raise record_every");
}

inline std::size_t total_strategies(const Game<double>& game) {
  std::size_t c = 0;
  for (std::size_t n : game.shape()) c += n;
  return c;
}

/// The wall clock of LearningOptions::time_limit_seconds; checked every 64 steps
/// (a step is cheap next to reading the clock).
class Deadline {
 public:
  explicit Deadline(double seconds)
      : active_(std::isfinite(seconds)),
        end_(std::chrono::steady_clock::now() +
             std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(
                 std::min(seconds, 1e9)))) {}
  bool passed(std::size_t step) const {
    return active_ && step % 64 == 0 && std::chrono::steady_clock::now() >= end_;
  }

 private:
  bool active_;
  std::chrono::steady_clock::time_point end_;
};

/// Collects trajectory rows.
class Recorder {
 public:
  Recorder(const Game<double>& game, const LearningOptions& options)
      : every_(options.record_every), columns_(total_strategies(game)) {}

  bool due(std::size_t step, std::size_t last) const { return step % every_ == 0 || step == last; }

  void add(std::size_t step, const MixedProfile<double>& p) {
    steps_.push_back(step);
    for (const auto& s : p.strategies) data_.insert(data_.end(), s.begin(), s.end());
  }

  void finish(LearningResult& out) {
    out.steps = std::move(steps_);
    out.trajectory.resize(static_cast<Eigen::Index>(out.steps.size()), static_cast<Eigen::Index>(columns_));
    for (std::size_t r = 0; r < out.steps.size(); ++r)
      for (std::size_t c = 0; c < columns_; ++c)
        out.trajectory(Eigen::Index(r), Eigen::Index(c)) = data_[r * columns_ + c];
  }

 private:
  std::size_t every_, columns_;
  std::vector<std::size_t> steps_;
  std::vector<double> data_;
};

/// Lowest index among the maxima (ties within a relative 1e-12).
inline std::size_t first_argmax(const std::vector<double>& v) {
  double best = *std::max_element(v.begin(), v.end());
  const double tol = 1e-12 * std::max(1.0, std::abs(best));
  for (std::size_t s = 0; s < v.size(); ++s)
    if (v[s] >= best - tol) return s;
  return 0;
}

inline MixedProfile<double> frequencies(const std::vector<std::vector<double>>& counts, double total) {
  MixedProfile<double> p(counts);
  for (auto& s : p.strategies)
    for (auto& x : s) x /= total;
  return p;
}

inline std::vector<ProfileProbability<double>> sparse_distribution(const Game<double>& game,
                                                                   const std::vector<std::size_t>& joint,
                                                                   double total) {
  std::vector<ProfileProbability<double>> out;
  for (std::size_t k = 0; k < joint.size(); ++k)
    if (joint[k]) out.push_back({game.profile_at(k), static_cast<double>(joint[k]) / total});
  return out;
}

/// Fills `out` from T rounds of empirical play: the marginal frequencies,
/// their regret and the joint distribution of play.
inline void finish_empirical_play(const Game<double>& game, const std::vector<std::vector<double>>& counts,
                                  const std::vector<std::size_t>& joint, std::size_t T, Recorder& rec,
                                  LearningResult& out) {
  out.profile = frequencies(counts, double(T));
  out.regret = regret(game, out.profile);
  out.iterations = T;
  out.distribution = sparse_distribution(game, joint, double(T));
  rec.finish(out);
}

inline MixedProfile<double> start_profile(const Game<double>& game, const std::optional<MixedProfile<double>>& p) {
  if (!p) return MixedProfile<double>::uniform(game);
  check_profile(game, *p);
  return *p;
}

}  // namespace detail::learning

/// Offset of player `player`'s first column in a trajectory row.
inline std::size_t column_offset(const Game<double>& game, std::size_t player) {
  std::size_t c = 0;
  for (std::size_t i = 0; i < player; ++i) c += game.num_strategies(i);
  return c;
}

/// Simultaneous discrete-time fictitious play (Brown 1951). At step t >= 1
/// every player plays a pure best response to the product of the other
/// players' empirical frequencies over steps 1..t-1 (at t = 1 to `prior`,
/// default uniform); ties go to the lowest index. Trajectory rows and the
/// returned profile are the empirical frequencies (row 0 is `prior`);
/// `distribution` is the empirical joint distribution of the pure profiles
/// played. In two-player zero-sum games (Robinson 1951), 2x2 games and
/// potential games the frequencies converge to equilibrium; in Shapley's
/// game they cycle (see games::shapley_game).
inline LearningResult fictitious_play(const Game<double>& game, const LearningOptions& options = {},
                                      const std::optional<MixedProfile<double>>& prior = std::nullopt) {
  using namespace detail::learning;
  check_options(game, options, total_strategies(game));
  const std::size_t n = game.num_players();
  MixedProfile<double> belief = start_profile(game, prior);
  std::vector<std::vector<double>> counts;
  for (std::size_t m : game.shape()) counts.emplace_back(m, 0.0);
  std::vector<std::size_t> joint(game.num_profiles(), 0), play(n);
  Recorder rec(game, options);
  rec.add(0, belief);
  const Deadline deadline(options.time_limit_seconds);
  std::size_t T = options.iterations;
  LearningStatus status = LearningStatus::complete;
  for (std::size_t t = 1; t <= T; ++t) {
    check_cancelled();
    if (deadline.passed(t) && t < T) T = t, status = LearningStatus::time_limit;
    // Beliefs: unnormalised counts (exact in double for integer payoffs),
    // which leave each argmax unchanged; `belief` at t = 1.
    const MixedProfile<double> weights = t == 1 ? belief : MixedProfile<double>(counts);
    for (std::size_t i = 0; i < n; ++i) play[i] = first_argmax(strategy_values(game, weights, i));
    for (std::size_t i = 0; i < n; ++i) counts[i][play[i]] += 1;
    ++joint[game.flat_index(play)];
    if (rec.due(t, T)) rec.add(t, frequencies(counts, double(t)));
  }
  LearningResult out;
  out.status = status;
  finish_empirical_play(game, counts, joint, T, rec, out);
  return out;
}

/// Integration scheme of replicator_dynamics.
enum class OdeMethod { euler, rk4 };

/// Multi-population (asymmetric) replicator dynamics (Taylor & Jonker 1978;
/// Weibull 1995, Sec. 5.1): each player i is a population whose share of
/// strategy s moves as
///   dx_is/dt = x_is (v_i(s) - sum_r x_ir v_i(r)),
/// v_i(s) the expected payoff of s against the others' current shares.
/// `iterations` steps of length `dt` (> 0), explicit Euler or classical RK4;
/// after each step shares are clamped at 0 and renormalised (against
/// rounding). Faces of the simplex are invariant, so a strategy with share 0
/// stays extinct; every pure profile is a rest point. Start from `start`
/// (default uniform). Rows: the shares at the recorded steps.
inline LearningResult replicator_dynamics(const Game<double>& game, double dt, const LearningOptions& options = {},
                                          const std::optional<MixedProfile<double>>& start = std::nullopt,
                                          OdeMethod method = OdeMethod::rk4) {
  using namespace detail::learning;
  check_options(game, options, total_strategies(game));
  if (!(dt > 0) || !std::isfinite(dt)) throw InvalidArgument("replicator dynamics: dt must be positive and finite");
  const std::size_t n = game.num_players();
  std::size_t T = options.iterations;
  MixedProfile<double> x = start_profile(game, start);
  auto field = [&](const MixedProfile<double>& p) {
    MixedProfile<double> d(p.strategies);
    for (std::size_t i = 0; i < n; ++i) {
      const auto v = strategy_values(game, p, i);
      double mean = 0;
      for (std::size_t s = 0; s < v.size(); ++s) mean += p[i][s] * v[s];
      for (std::size_t s = 0; s < v.size(); ++s) d[i][s] = p[i][s] * (v[s] - mean);
    }
    return d;
  };
  auto axpy = [&](const MixedProfile<double>& base, double h, const MixedProfile<double>& d) {
    MixedProfile<double> r(base.strategies);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t s = 0; s < r[i].size(); ++s) r[i][s] += h * d[i][s];
    return r;
  };
  Recorder rec(game, options);
  rec.add(0, x);
  const Deadline deadline(options.time_limit_seconds);
  LearningStatus status = LearningStatus::complete;
  for (std::size_t t = 1; t <= T; ++t) {
    check_cancelled();
    if (deadline.passed(t) && t < T) T = t, status = LearningStatus::time_limit;
    MixedProfile<double> next;
    if (method == OdeMethod::euler) {
      next = axpy(x, dt, field(x));
    } else {
      const auto k1 = field(x);
      const auto k2 = field(axpy(x, dt / 2, k1));
      const auto k3 = field(axpy(x, dt / 2, k2));
      const auto k4 = field(axpy(x, dt, k3));
      next = x;
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t s = 0; s < next[i].size(); ++s)
          next[i][s] += dt / 6 * (k1[i][s] + 2 * k2[i][s] + 2 * k3[i][s] + k4[i][s]);
    }
    for (auto& s : next.strategies) {
      double sum = 0;
      for (auto& v : s) sum += (v = std::max(v, 0.0));
      if (!(sum > 0) || !std::isfinite(sum))
        throw InvalidArgument("replicator dynamics diverged: dt too large for these payoffs");
      for (auto& v : s) v /= sum;
    }
    x = std::move(next);
    if (rec.due(t, T)) rec.add(t, x);
  }
  LearningResult out;
  out.status = status;
  out.profile = x;
  out.regret = regret(game, out.profile);
  out.iterations = T;
  rec.finish(out);
  return out;
}

/// Best-response dynamics on pure profiles, from `start` (default: every
/// player's strategy 0). One iteration is one round:
///  - sequential (default; Gauss-Seidel): players 0, 1, ..., N-1 in turn
///    each switch to their lowest-index best response to the current
///    profile, unless their current strategy already is a best response;
///  - simultaneous (Jacobi): all players switch at once against the
///    profile of the previous round, by the same rule.
/// Stops (converged = true) after a round in which nobody switches: the
/// profile is then a pure Nash equilibrium. Sequential dynamics always
/// converges in potential games (finite improvement property, Monderer &
/// Shapley 1996), e.g. coordination and dispersion games; simultaneous
/// dynamics may cycle there (2x2 coordination from (0,1) alternates with
/// (1,0)). Rows are one-hot profiles after each round.
inline LearningResult best_response_dynamics(const Game<double>& game, const LearningOptions& options = {},
                                             bool simultaneous = false,
                                             std::vector<std::size_t> start = {}) {
  using namespace detail::learning;
  check_options(game, options, total_strategies(game));
  const std::size_t n = game.num_players();
  if (start.empty()) start.assign(n, 0);
  game.flat_index(start);  // checks the size and every index
  auto as_profile = [&](const std::vector<std::size_t>& a) { return MixedProfile<double>::pure(game, a); };
  auto respond = [&](const std::vector<std::size_t>& a, std::size_t i) {
    const auto v = strategy_values(game, as_profile(a), i);
    const double best = *std::max_element(v.begin(), v.end());
    if (best - v[a[i]] <= 1e-12 * std::max(1.0, std::abs(best))) return a[i];  // already a best response
    return first_argmax(v);
  };
  std::vector<std::size_t> a = start;
  Recorder rec(game, options);
  rec.add(0, as_profile(a));
  LearningResult out;
  out.status = LearningStatus::iteration_limit;
  const Deadline deadline(options.time_limit_seconds);
  std::size_t t = 0;
  while (t < options.iterations) {
    check_cancelled();
    ++t;
    bool moved = false;
    if (simultaneous) {
      std::vector<std::size_t> next(n);
      for (std::size_t i = 0; i < n; ++i) next[i] = respond(a, i);
      moved = next != a;
      a = std::move(next);
    } else {
      for (std::size_t i = 0; i < n; ++i) {
        const std::size_t s = respond(a, i);
        if (s != a[i]) a[i] = s, moved = true;
      }
    }
    if (!moved) {
      out.converged = true;
      out.status = LearningStatus::converged;
      rec.add(t, as_profile(a));
      break;
    }
    if (deadline.passed(t) && t < options.iterations) {
      out.status = LearningStatus::time_limit;
      rec.add(t, as_profile(a));
      break;
    }
    if (rec.due(t, options.iterations)) rec.add(t, as_profile(a));
  }
  out.profile = as_profile(a);
  out.regret = regret(game, out.profile);
  out.iterations = t;
  rec.finish(out);
  return out;
}

/// Regret matching (Hart & Mas-Colell 2000). Every round each player draws
/// a pure strategy; the empirical joint distribution of play approaches
///  - unconditional (default, `conditional = false`; the unconditional
///    variant discussed by Hart & Mas-Colell 2000, Sec. 4, and in their "A
///    general class of adaptive strategies", JET 98 (2001) 26-54): play k
///    with probability proportional to max(R_i(k), 0), R_i(k) =
///    sum over past rounds of u_i(k, a_-i) - u_i(a) (uniform when no regret
///    is positive): the set of coarse correlated equilibria;
///  - conditional (their main procedure, Sec. 2): having played j last
///    round, switch to k != j with probability max(D_i(j,k), 0) / mu, with
///    D_i(j,k) = (1/t) sum over rounds where i played j of u_i(k, a_-i) -
///    u_i(a), and stay at j otherwise; mu = 2 (n_i - 1)(max u_i - min u_i)
///    (+1 when that is 0) keeps the probabilities valid: the set of
///    correlated equilibria.
/// Round 1 is uniform. `distribution` is the empirical joint distribution;
/// `gains` its certificate (correlated_gain with coarse = !conditional) at
/// each recorded step, computed incrementally from the regrets (the CCE
/// gain is max_i max_k R_i(k) / t, the CE gain max_i max_{j != k}
/// D_i(j,k)). Rows and the returned profile are the empirical marginal
/// frequencies of play. Seeded by options.seed (std::mt19937_64).
inline LearningResult regret_matching(const Game<double>& game, const LearningOptions& options = {},
                                      bool conditional = false) {
  using namespace detail::learning;
  check_options(game, options, total_strategies(game));
  const std::size_t n = game.num_players();
  std::size_t T = options.iterations;
  games::detail::Engine rng(options.seed);
  std::vector<std::vector<double>> counts, regret_sum;  // regret_sum[i][j*m+k] (conditional) or [k]
  std::vector<double> mu(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t m = game.num_strategies(i);
    counts.emplace_back(m, 0.0);
    regret_sum.emplace_back(conditional ? m * m : m, 0.0);
    const auto u = game.payoffs(i);
    const auto [lo, hi] = std::minmax_element(u.begin(), u.end());
    const double range = *hi - *lo;
    mu[i] = 2.0 * double(m > 1 ? m - 1 : 1) * (range > 0 ? range : 1.0);
  }
  std::vector<std::size_t> joint(game.num_profiles(), 0), a(n), prev(n);
  std::vector<double> p;
  auto gain = [&](double t) {
    double worst = 0;
    for (const auto& r : regret_sum)
      for (double x : r) worst = std::max(worst, x / t);
    return worst;
  };
  Recorder rec(game, options);
  rec.add(0, MixedProfile<double>::uniform(game));
  LearningResult out;
  out.gains.push_back(0.0);
  const Deadline deadline(options.time_limit_seconds);
  for (std::size_t t = 1; t <= T; ++t) {
    check_cancelled();
    if (deadline.passed(t) && t < T) T = t, out.status = LearningStatus::time_limit;
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t m = game.num_strategies(i);
      p.assign(m, 0.0);
      if (t == 1) {
        p.assign(m, 1.0 / double(m));
      } else if (!conditional) {
        double total = 0;
        for (std::size_t k = 0; k < m; ++k) total += (p[k] = std::max(regret_sum[i][k], 0.0));
        if (total > 0)
          for (auto& x : p) x /= total;
        else
          p.assign(m, 1.0 / double(m));
      } else {
        const std::size_t j = prev[i];
        double stay = 1;
        for (std::size_t k = 0; k < m; ++k) {
          if (k == j) continue;
          p[k] = std::max(regret_sum[i][j * m + k], 0.0) / double(t - 1) / mu[i];
          stay -= p[k];
        }
        p[j] = std::max(stay, 0.0);
      }
      a[i] = games::detail::sample_index(rng, p);
    }
    const std::size_t flat = game.flat_index(a);
    ++joint[flat];
    for (std::size_t i = 0; i < n; ++i) {
      counts[i][a[i]] += 1;
      const std::size_t m = game.num_strategies(i), stride = game.stride(i);
      const auto u = game.payoffs(i);
      const std::size_t base = flat - a[i] * stride;
      const double got = u[flat];
      for (std::size_t k = 0; k < m; ++k) {
        const double diff = u[base + k * stride] - got;
        if (conditional) {
          if (k != a[i]) regret_sum[i][a[i] * m + k] += diff;
        } else {
          regret_sum[i][k] += diff;
        }
      }
    }
    prev = a;
    if (rec.due(t, T)) {
      rec.add(t, frequencies(counts, double(t)));
      out.gains.push_back(gain(double(t)));
    }
  }
  finish_empirical_play(game, counts, joint, T, rec, out);
  return out;
}

}  // namespace entente
