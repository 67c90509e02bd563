// Correlated (CE) and coarse correlated (CCE) equilibria of N-player games
// by linear programming over the joint distribution of pure profiles.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "entente/error.hpp"
#include "entente/game/equilibrium.hpp"
#include "entente/game/game.hpp"
#include "entente/lp/dense_simplex.hpp"
#include "entente/lp/detail/dual_from_crash.hpp"
#include "entente/lp/solve.hpp"
#include "entente/solvers/pure_nash.hpp"

namespace entente {

/// What the LP optimises among all (coarse) correlated equilibria.
template <class Scalar>
struct CorrelatedObjective {
  enum class Kind {
    welfare,      ///< the sum of all players' expected payoffs
    player,       ///< one player's expected payoff
    egalitarian,  ///< the smallest expected payoff (max-min)
    weighted,     ///< sum_i weights[i] * player i's expected payoff
  };
  Kind kind = Kind::welfare;
  std::size_t player = 0;       ///< for Kind::player
  std::vector<Scalar> weights;  ///< for Kind::weighted, one per player

  static CorrelatedObjective welfare() { return {}; }
  static CorrelatedObjective player_payoff(std::size_t i) { return {Kind::player, i, {}}; }
  static CorrelatedObjective egalitarian() { return {Kind::egalitarian, 0, {}}; }
  static CorrelatedObjective weighted(std::vector<Scalar> w) { return {Kind::weighted, 0, std::move(w)}; }
};

/// One atom of a correlated distribution.
template <class Scalar>
struct ProfileProbability {
  std::vector<std::size_t> profile;  ///< one strategy index per player
  Scalar probability;
};

template <class Scalar>
struct CorrelatedResult {
  /// optimal, or iteration_limit / time_limit from lp::Options; the LP is
  /// always feasible (every game has a Nash equilibrium) and bounded.
  lp::Status status = lp::Status::infeasible;
  bool coarse = false;
  /// The distribution: profiles with positive probability, in C order.
  std::vector<ProfileProbability<Scalar>> distribution;
  std::vector<Scalar> payoffs;  ///< each player's expected payoff
  Scalar objective{};           ///< the optimum of the chosen objective
  /// Certificate, recomputed from `distribution` (not taken from the LP):
  /// the largest left-hand side of an incentive constraint, at least 0.
  /// Exactly 0 for Rational; rounding-sized (atoms below eps are dropped
  /// and the rest renormalised) for double.
  Scalar regret{};

  /// The same result in another scalar (an exact one's floating copy).
  template <class To>
  CorrelatedResult<To> cast() const {
    CorrelatedResult<To> out{status, coarse, {}, {}, scalar_cast<To>(objective), scalar_cast<To>(regret)};
    for (const auto& atom : distribution) out.distribution.push_back({atom.profile, scalar_cast<To>(atom.probability)});
    for (const auto& u : payoffs) out.payoffs.push_back(scalar_cast<To>(u));
    return out;
  }
};

namespace detail {

/// The dense distribution (one entry per profile, C order) of a sparse one;
/// throws InvalidArgument unless it is a probability distribution on game's
/// profiles (exact for Rational, within eps per atom for double).
template <class Scalar>
std::vector<Scalar> dense_distribution(const Game<Scalar>& game,
                                       const std::vector<ProfileProbability<Scalar>>& distribution) {
  std::vector<Scalar> p(game.num_profiles(), Scalar(0));
  Scalar sum(0);
  for (const auto& atom : distribution) {
    if (!(atom.probability >= -ScalarTraits<Scalar>::eps()))
      throw InvalidArgument("a correlated distribution has a negative probability");
    p[game.flat_index(atom.profile)] += atom.probability;
    sum += atom.probability;
  }
  Scalar gap = sum - 1;
  if (gap < 0) gap = -gap;
  if (!(gap <= ScalarTraits<Scalar>::eps() * Scalar(static_cast<long>(distribution.size() + 1))))
    throw InvalidArgument("a correlated distribution sums to " + to_string(sum) + ", not 1");
  return p;
}

}  // namespace detail

/// The largest gain any player expects from a deviation the distribution
/// allows: for a CE, max over players i and own strategies s != t of
///   sum over profiles a with a_i = s of p(a) (u_i(t, a_-i) - u_i(a))
/// (obeying recommendation s, or always playing t instead of s); for a CCE
/// (coarse = true), max over i and t of
///   sum over all profiles a of p(a) (u_i(t, a_-i) - u_i(a))
/// (committing to t before the draw). Clamped at 0, so it is 0 exactly when
/// the distribution is a (coarse) correlated equilibrium. Throws
/// InvalidArgument if `distribution` is not a distribution on game's profiles.
template <class Scalar>
Scalar correlated_gain(const Game<Scalar>& game, const std::vector<ProfileProbability<Scalar>>& distribution,
                       bool coarse = false) {
  const auto p = detail::dense_distribution(game, distribution);
  Scalar worst(0);
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    const auto u = game.payoffs(i);
    const std::size_t n = game.num_strategies(i), stride = game.stride(i);
    // gain[s * n + t]: expected gain from playing t when told s (CE);
    // CCE sums over s.
    std::vector<Scalar> gain(n * n, Scalar(0));
    detail::for_each_opponent_profile(game, i, [&](std::size_t base) {
      for (std::size_t s = 0; s < n; ++s) {
        const Scalar& ps = p[base + s * stride];
        if (ps == 0) continue;
        const Scalar& obey = u[base + s * stride];
        for (std::size_t t = 0; t < n; ++t)
          if (t != s) gain[s * n + t] += ps * (u[base + t * stride] - obey);
      }
    });
    for (std::size_t t = 0; t < n; ++t) {
      Scalar total(0);
      for (std::size_t s = 0; s < n; ++s) {
        if (s == t) continue;
        if (!coarse) worst = std::max(worst, gain[s * n + t]);
        total += gain[s * n + t];
      }
      if (coarse) worst = std::max(worst, total);
    }
  }
  return worst;
}

namespace detail {

/// The result of the correlated-equilibrium LP's `solution`: the
/// distribution (floating noise clamped below zero, atoms under eps dropped,
/// renormalised; exact values unchanged but for true zeros), payoffs and
/// the largest gain. Throws SolverError if the LP says infeasible or
/// unbounded (it is neither).
template <class Scalar>
CorrelatedResult<Scalar> correlated_result(const Game<Scalar>& game, bool coarse,
                                           const lp::Solution<Scalar>& solution) {
  CorrelatedResult<Scalar> result;
  result.status = solution.status;
  result.coarse = coarse;
  if (solution.status == lp::Status::infeasible || solution.status == lp::Status::unbounded)
    throw SolverError("correlated-equilibrium LP ended " + entente::to_string(solution.status) +
                      "; it is feasible and bounded, so the solver failed");
  if (solution.status != lp::Status::optimal) return result;
  const std::size_t players = game.num_players();
  Scalar sum(0);
  for (std::size_t k = 0; k < game.num_profiles(); ++k) {
    const Scalar& x = solution.x[k];
    if (!(x > ScalarTraits<Scalar>::eps())) continue;
    result.distribution.push_back({game.profile_at(k), x});
    sum += x;
  }
  if constexpr (!is_exact_v<Scalar>)
    for (auto& atom : result.distribution) atom.probability /= sum;
  result.payoffs.assign(players, Scalar(0));
  for (const auto& atom : result.distribution) {
    const std::size_t k = game.flat_index(atom.profile);
    for (std::size_t i = 0; i < players; ++i) result.payoffs[i] += atom.probability * game.payoffs(i)[k];
  }
  result.objective = solution.objective;
  result.regret = correlated_gain(game, result.distribution, coarse);
  return result;
}

/// The exact (C)CE LP of correlated_equilibrium() by the dense rational
/// tableau (lp::dense_simplex), for data GLPK's doubles cannot hold
/// (lp::InexactData). The LP maximises c x (+ c_z z) subject to incentive
/// rows <= 0, sum x = 1 and, for the egalitarian objective, rows
/// u_i x - z >= 0, with x >= 0 and z free. Every row but the sum is
/// homogeneous, so with z = z' + low * sum x (low below every payoff, so
/// z' >= 0) and the x costs shifted to be at least 1, relaxing the sum to
/// sum x <= 1 changes nothing: scaling any feasible point up to sum x = 1
/// raises the objective. The origin is then feasible, as dense_simplex
/// needs. Returns the status, x (z restored) and the LP's own objective.
template <class Scalar>
lp::Solution<Scalar> solve_correlated_dense(const lp::Model<Scalar>& model, std::size_t profiles, const Scalar& low,
                                            int iteration_limit) {
  const std::size_t n = model.num_columns(), m = model.num_rows();
  const bool has_z = n > profiles;
  const Scalar z_cost = has_z ? model.objective[profiles] : Scalar(0);
  Mat<Scalar> M = Mat<Scalar>::Zero(Eigen::Index(m), Eigen::Index(n));
  std::vector<Scalar> b(m, Scalar(0)), c(n, Scalar(0));
  for (std::size_t i = 0; i < m; ++i) {
    const auto& row = model.rows[i];
    for (const auto& t : row.terms) M(Eigen::Index(i), Eigen::Index(t.column)) += t.coefficient;
    if (has_z)
      for (std::size_t k = 0; k < profiles; ++k)
        M(Eigen::Index(i), Eigen::Index(k)) += M(Eigen::Index(i), Eigen::Index(profiles)) * low;
    const auto& bound = row.bound;
    if (bound.lower && bound.upper && *bound.lower == 1 && *bound.upper == 1) {
      b[i] = Scalar(1);  // the sum row, relaxed to <= 1
    } else if (!bound.lower && bound.upper && *bound.upper == 0) {
      // an incentive row, as it is
    } else if (bound.lower && !bound.upper && *bound.lower == 0) {
      M.row(Eigen::Index(i)) *= Scalar(-1);  // an egalitarian row, as <= 0
    } else {
      throw SolverError("correlated equilibrium: an unexpected row in the dense exact fallback");
    }
  }
  Scalar lowest_cost(0);
  for (std::size_t k = 0; k < profiles; ++k) {
    c[k] = model.objective[k] + z_cost * low;
    if (k == 0 || c[k] < lowest_cost) lowest_cost = c[k];
  }
  for (std::size_t k = 0; k < profiles; ++k) c[k] += Scalar(1) - lowest_cost;
  if (has_z) c[profiles] = z_cost;
  const auto dense = lp::dense_simplex(M, b, c, iteration_limit);
  lp::Solution<Scalar> out;
  out.status = dense.status;
  if (dense.status != lp::Status::optimal) return out;
  out.x = dense.x;
  Scalar mass(0);
  for (std::size_t k = 0; k < profiles; ++k) mass += out.x[k];
  if (has_z) out.x[profiles] += low * mass;
  out.objective = Scalar(0);
  for (std::size_t j = 0; j < n; ++j) out.objective += model.objective[j] * out.x[j];
  return out;
}

}  // namespace detail

namespace detail {

/// The LP of correlated_equilibrium() (see there): one column per profile,
/// and z for the egalitarian objective. Throws InvalidArgument for an
/// objective that does not fit the game or a NaN or infinite payoff.
template <class Scalar>
lp::Model<Scalar> correlated_model(const Game<Scalar>& game, const CorrelatedObjective<Scalar>& objective,
                                   bool coarse) {
  using Kind = typename CorrelatedObjective<Scalar>::Kind;
  detail::check_finite_payoffs(game, "correlated equilibrium");
  const std::size_t players = game.num_players(), profiles = game.num_profiles();
  if (objective.kind == Kind::player && objective.player >= players)
    throw InvalidArgument("objective player " + std::to_string(objective.player) + " out of range (" +
                          std::to_string(players) + " players)");
  if (objective.kind == Kind::weighted && objective.weights.size() != players)
    throw InvalidArgument("objective weights need " + std::to_string(players) + " entries, got " +
                          std::to_string(objective.weights.size()));
  if constexpr (!is_exact_v<Scalar>)
    if (objective.kind == Kind::weighted)
      for (const auto& w : objective.weights)
        if (!std::isfinite(static_cast<double>(w))) throw InvalidArgument("objective weights must be finite");

  lp::Model<Scalar> model;
  model.sense = lp::Sense::maximize;
  model.objective.assign(profiles, Scalar(0));
  model.column_bounds.assign(profiles, lp::Bound<Scalar>::nonnegative());
  for (std::size_t k = 0; k < profiles; ++k) {
    Scalar& c = model.objective[k];
    switch (objective.kind) {
      case Kind::welfare:
        for (std::size_t i = 0; i < players; ++i) c += game.payoffs(i)[k];
        break;
      case Kind::player: c = game.payoffs(objective.player)[k]; break;
      case Kind::weighted:
        for (std::size_t i = 0; i < players; ++i)
          if (objective.weights[i] != 0) c += objective.weights[i] * game.payoffs(i)[k];
        break;
      case Kind::egalitarian: break;
    }
  }

  // Incentive constraints, one row per (i, s, t) (CE) or (i, t) (CCE).
  for (std::size_t i = 0; i < players; ++i) {
    const auto u = game.payoffs(i);
    const std::size_t n = game.num_strategies(i), stride = game.stride(i);
    if (coarse) {
      for (std::size_t t = 0; t < n; ++t) {
        std::vector<lp::Term<Scalar>> terms;
        detail::for_each_opponent_profile(game, i, [&](std::size_t base) {
          for (std::size_t s = 0; s < n; ++s)
            if (s != t && u[base + t * stride] != u[base + s * stride])
              terms.push_back({base + s * stride, u[base + t * stride] - u[base + s * stride]});
        });
        model.add_row(std::move(terms), lp::Bound<Scalar>::at_most(Scalar(0)));
      }
    } else {
      for (std::size_t s = 0; s < n; ++s)
        for (std::size_t t = 0; t < n; ++t) {
          if (s == t) continue;
          std::vector<lp::Term<Scalar>> terms;
          detail::for_each_opponent_profile(game, i, [&](std::size_t base) {
            if (u[base + t * stride] != u[base + s * stride])
              terms.push_back({base + s * stride, u[base + t * stride] - u[base + s * stride]});
          });
          model.add_row(std::move(terms), lp::Bound<Scalar>::at_most(Scalar(0)));
        }
    }
  }
  {
    std::vector<lp::Term<Scalar>> terms;
    terms.reserve(profiles);
    for (std::size_t k = 0; k < profiles; ++k) terms.push_back({k, Scalar(1)});
    model.add_row(std::move(terms), lp::Bound<Scalar>::equal(Scalar(1)));
  }
  if (objective.kind == Kind::egalitarian) {
    const std::size_t z = model.add_column(Scalar(1), lp::Bound<Scalar>::free());
    for (std::size_t i = 0; i < players; ++i) {
      std::vector<lp::Term<Scalar>> terms;
      for (std::size_t k = 0; k < profiles; ++k)
        if (game.payoffs(i)[k] != 0) terms.push_back({k, game.payoffs(i)[k]});
      terms.push_back({z, Scalar(-1)});
      model.add_row(std::move(terms), lp::Bound<Scalar>::at_least(Scalar(0)));
    }
  }
  return model;
}

}  // namespace detail

/// A correlated equilibrium (coarse = false) or coarse correlated
/// equilibrium (coarse = true) that maximises `objective`, by one LP with a
/// variable p(a) >= 0 per pure profile a (Papadimitriou & Roughgarden,
/// "Computing correlated equilibria in multi-player games", J. ACM 55(3),
/// 2008; Shoham & Leyton-Brown, "Multiagent Systems", Sec. 4.6):
///
///   CE:  for every player i and own strategies s != t:
///          sum_{a : a_i = s} p(a) (u_i(t, a_-i) - u_i(a)) <= 0
///   CCE: for every player i and own strategy t:
///          sum_a p(a) (u_i(t, a_-i) - u_i(a)) <= 0
///   sum_a p(a) = 1,  p >= 0.
///
/// Objective, maximised: welfare sum_a p(a) sum_i u_i(a); one player's
/// sum_a p(a) u_j(a); weighted sum_a p(a) sum_i w_i u_i(a); egalitarian:
/// a free variable z with sum_a p(a) u_i(a) - z >= 0 for every i, maximise z.
/// Every Nash equilibrium is a CE and every CE a CCE, so the LP is feasible
/// and bounded. Exact (GLPK's verified rational simplex) for Rational.
/// Throws InvalidArgument for an objective that does not fit the game
/// (a player out of range, weights of the wrong size or not finite) or a
/// NaN or infinite payoff.
template <class Scalar>
CorrelatedResult<Scalar> correlated_equilibrium(const Game<Scalar>& game,
                                                const CorrelatedObjective<Scalar>& objective = {},
                                                bool coarse = false, const lp::Options& options = {}) {
  const lp::Model<Scalar> model = detail::correlated_model(game, objective, coarse);
  const std::size_t players = game.num_players(), profiles = game.num_profiles();

  // The floating LP is highly degenerate: dual simplex from a crash basis
  // (see lp::detail::solve_dual_from_crash); the exact path keeps lp::solve.
  lp::Solution<Scalar> solution;
  if constexpr (is_exact_v<Scalar>) {
    try {
      solution = lp::solve(model, options);
    } catch (const lp::InexactData&) {
      // Payoffs with more bits than GLPK's doubles hold (2^60 beside 1/1024):
      // the dense tableau in rationals, slower but exact on any data.
      Scalar low(0);
      for (std::size_t i = 0; i < players; ++i)
        for (const auto& u : game.payoffs(i)) low = std::min(low, u);
      solution = detail::solve_correlated_dense(model, profiles, Scalar(low - 1), options.iteration_limit);
    }
  } else
    solution = lp::detail::solve_dual_from_crash(model, options);
  CorrelatedResult<Scalar> result = detail::correlated_result(game, coarse, solution);
  if constexpr (!is_exact_v<Scalar>) {
    // The certificate: an optimal floating distribution whose largest gain
    // exceeds certificate_tolerance is not a correlated equilibrium. The
    // unscaled dual simplex can end so on badly scaled payoffs (the solvers
    // fuzz target: 2^60 beside small integers gave a gain above 1e12):
    // solve again the general way, and if that fails too, say so.
    const double tolerance = certificate_tolerance(game);
    if (result.status == lp::Status::optimal && !(result.regret <= tolerance)) {
      result = detail::correlated_result(game, coarse, lp::solve(model, options));
      if (result.status == lp::Status::optimal && !(result.regret <= tolerance))
        throw SolverError(std::string(coarse ? "coarse " : "") + "correlated equilibrium: the result fails its "
                          "certificate (largest gain " + to_string(result.regret) + " > tolerance " +
                          to_string(tolerance) + "); floating point is not reliable on these payoffs, solve "
                          "exactly instead");
    }
  }
  return result;
}

}  // namespace entente
