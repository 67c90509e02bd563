// Logit quantal response equilibrium (QRE) tracing: the principal branch
// from lambda = 0 (the centroid) toward a Nash equilibrium.
//
// Sources: McKelvey & Palfrey, "Quantal response equilibria for normal form
// games", Games Econ. Behav. 10 (1995) 6-38 (the logit QRE, and that its
// principal branch from the centroid at lambda = 0 leads to a Nash
// equilibrium as lambda -> infinity for generic games); Turocy, "A dynamic
// homotopy interpretation of the logistic quantal response equilibrium
// correspondence", Games Econ. Behav. 51 (2005) 243-263 (following it in
// log-probability coordinates, as Gambit's gambit-logit does); Allgower &
// Georg, "Introduction to Numerical Continuation Methods" (SIAM 2003),
// ch. 2 and 6 (tangent by QR of the Jacobian, Euler predictor, Gauss-Newton
// corrector with the pseudo-inverse, step-size adaptation).
//
// Unknowns z = (log p_jh for every player j and strategy h, lambda). The
// branch is the solution curve of H(z) = 0 with, for every player j,
//   log p_jh - log p_j0 - lambda (v_jh(p) - v_j0(p)) = 0   for h >= 1,
//   sum_h p_jh - 1 = 0,
// v_jh(p) being j's expected payoff from h against the others' mixtures.
// That is one equation fewer than unknowns: a curve. Its tangent is the
// null vector of the Jacobian, oriented so that it keeps the direction of
// the previous one (at lambda = 0: lambda increasing); the branch may bend
// back in lambda (turning points) and the orientation follows it through.
//
// At large lambda the point is an approximate Nash equilibrium. It is then
// polished: for a few candidate supports (strategies whose probability is
// not negligible), Newton's method solves the indifference equations on the
// support; a polished profile is kept only if its regret is lower. The
// returned equilibrium is certify()'d, so its regret is what was achieved,
// whether or not it met the tolerance (the status says which).
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "entente/cancel.hpp"
#include "entente/error.hpp"
#include "entente/status.hpp"
#include "entente/game/equilibrium.hpp"
#include "entente/game/game.hpp"
#include "entente/game/profile.hpp"
#include "entente/solvers/detail/nash_newton.hpp"

namespace entente {

/// converged (regret <= tolerance), lambda_limit, step_limit, time_limit or step_too_small (the corrector failed down to min_step: path lost) (entente::Status, status.hpp).
using LogitStatus = Status;

struct LogitOptions {
  /// Target regret of the final profile (payoff units); > 0.
  double tolerance = 1e-8;
  /// Stop following the branch at this lambda; > 0.
  double max_lambda = 1e7;
  /// Accepted predictor-corrector steps; >= 1.
  std::size_t max_steps = 100'000;
  /// First arclength step; > 0.
  double first_step = 0.03;
  /// Largest arclength step; >= first_step.
  double max_step = std::numeric_limits<double>::infinity();
  /// Give up (status step_too_small) when the step must shrink below this; > 0.
  double min_step = 1e-10;
  /// Wall-clock limit; > 0 (infinity for none).
  double time_limit_seconds = std::numeric_limits<double>::infinity();
};

struct LogitPoint {
  double lambda = 0;
  MixedProfile<double> profile;
};

struct LogitResult {
  /// The branch as followed: lambda and the QRE profile at each accepted
  /// step, starting at (0, centroid).
  std::vector<LogitPoint> branch;
  /// The best Nash approximation found (the last branch point, polished
  /// when that lowered its regret), with its regret certificate.
  Equilibrium<double> equilibrium;
  LogitStatus status = LogitStatus::lambda_limit;
  std::size_t steps = 0;  ///< accepted steps
};

namespace detail::logit {

using Clock = std::chrono::steady_clock;
using Vector = Eigen::VectorXd;
using Matrix = Eigen::MatrixXd;
using nash_newton::polish;
using nash_newton::Values;

/// Coordinates: player j's strategies at offset[j] .. offset[j+1]-1, lambda
/// last. G: Game<double> or CompactGame<double> (nash_newton::values_into
/// reads either).
template <class G>
class System {
 public:
  explicit System(const G& game) : game_(game) {
    offset_.push_back(0);
    for (std::size_t n : game.shape()) offset_.push_back(offset_.back() + n);
  }
  std::size_t size() const { return offset_.back(); }

  MixedProfile<double> profile(const Vector& z) const {
    MixedProfile<double> p;
    for (std::size_t j = 0; j < game_.num_players(); ++j) {
      p.strategies.emplace_back();
      for (std::size_t h = 0; h < game_.num_strategies(j); ++h)
        p.strategies.back().push_back(std::exp(z(Eigen::Index(offset_[j] + h))));
    }
    return p;
  }

  /// H(z) and its Jacobian (size() rows, size() + 1 columns).
  void evaluate(const Vector& z, Vector& H, Matrix& J) const {
    const std::size_t P = size();
    const double lambda = z(Eigen::Index(P));
    const auto p = profile(z);
    Values val;
    std::vector<std::size_t> digit;
    std::vector<double> prefix, suffix;
    nash_newton::values_into(game_, p, true, val, digit, prefix, suffix);
    H.setZero(Eigen::Index(P));
    J.setZero(Eigen::Index(P), Eigen::Index(P + 1));
    for (std::size_t j = 0; j < game_.num_players(); ++j) {
      const auto row0 = Eigen::Index(offset_[j]);
      // Row offset_[j]: the sum equation; rows offset_[j] + h (h >= 1): the logit ratios.
      double sum = 0;
      for (std::size_t h = 0; h < game_.num_strategies(j); ++h) {
        sum += p[j][h];
        J(row0, Eigen::Index(offset_[j] + h)) = p[j][h];
      }
      H(row0) = sum - 1;
      for (std::size_t h = 1; h < game_.num_strategies(j); ++h) {
        const auto r = Eigen::Index(offset_[j] + h);
        const double gap = val.v[j][h] - val.v[j][0];
        H(r) = z(r) - z(row0) - lambda * gap;
        J(r, r) = 1;
        J(r, row0) = -1;
        J(r, Eigen::Index(P)) = -gap;
        for (std::size_t k = 0; k < game_.num_players(); ++k) {
          if (k == j) continue;
          for (std::size_t l = 0; l < game_.num_strategies(k); ++l) {
            const double d = val.w[j][k](Eigen::Index(h), Eigen::Index(l)) - val.w[j][k](0, Eigen::Index(l));
            J(r, Eigen::Index(offset_[k] + l)) = -lambda * p[k][l] * d;
          }
        }
      }
    }
  }

  /// The largest |sum of a player's probabilities - 1| in H.
  double sum_error(const Vector& H) const {
    double worst = 0;
    for (std::size_t j = 0; j < game_.num_players(); ++j) worst = std::max(worst, std::abs(H(Eigen::Index(offset_[j]))));
    return worst;
  }

 private:
  const G& game_;
  std::vector<std::size_t> offset_;
};

/// J^T = QR for the P x (P+1) Jacobian J (Allgower & Georg 4.1), the one
/// factorisation behind both the tangent and the corrector. Unpivoted
/// Householder QR (blocked in Eigen, several times faster than the
/// column-pivoted one inside CompleteOrthogonalDecomposition at P ~ 250);
/// on the branch J has full rank P, and where it (nearly) does not the
/// corrector falls back to the complete orthogonal decomposition.
class JacobianQR {
 public:
  explicit JacobianQR(const Matrix& J) : qr_(J.transpose()), rows_(J.rows()) {}

  /// The unit null vector of J: Q e_{P+1}, the last column of Q (applied
  /// to a unit vector, never formed).
  Vector tangent() const {
    Vector e = Vector::Zero(rows_ + 1);
    e(rows_) = 1;
    Vector t = qr_.householderQ() * e;
    return t / t.norm();
  }

  /// The minimum-norm solution of J x = H, J^+ H = Q [R^{-T} H; 0], or
  /// nothing when R's diagonal says J is (nearly) rank deficient.
  std::optional<Vector> solve(const Vector& H) const {
    const auto R = qr_.matrixQR().topLeftCorner(rows_, rows_);
    const double largest = R.diagonal().cwiseAbs().maxCoeff();
    if (!(R.diagonal().cwiseAbs().minCoeff() > 1e-13 * largest)) return std::nullopt;
    Vector y = Vector::Zero(rows_ + 1);
    y.head(rows_) = R.template triangularView<Eigen::Upper>().transpose().solve(H);
    return Vector(qr_.householderQ() * y);
  }

 private:
  Eigen::HouseholderQR<Matrix> qr_;
  Eigen::Index rows_;
};

/// The unit null vector of the P x (P+1) Jacobian (Allgower & Georg 4.1:
/// the last column of Q in J^T = QR).
inline Vector tangent(const Matrix& J) { return JacobianQR(J).tangent(); }

/// J^+ H: by the QR above, or by the complete orthogonal decomposition
/// where J is (nearly) rank deficient.
inline Vector min_norm_solve(const Matrix& J, const Vector& H) {
  if (auto x = JacobianQR(J).solve(H)) return *x;
  return Eigen::CompleteOrthogonalDecomposition<Matrix>(J).solve(H);
}

}  // namespace detail::logit

namespace detail::logit {

inline void check_finite(const Game<double>& game) {
  for (std::size_t i = 0; i < game.num_players(); ++i)
    for (double x : game.payoffs(i))
      if (!std::isfinite(x)) throw InvalidArgument("logit: the game has a NaN or infinite payoff");
}
inline void check_finite(const CompactGame<double>&) {}  // add_term refuses non-finite amounts

/// The branch on either game type (the public logit() overloads below).
template <class G>
LogitResult follow(const G& game, const LogitOptions& options) {
  auto positive = [](double x, const char* name) {
    if (!(x > 0) || std::isnan(x))
      throw InvalidArgument(std::string("logit: ") + name + " must be positive, got " + entente::to_string(x));
  };
  positive(options.tolerance, "tolerance");
  if (!std::isfinite(options.tolerance)) throw InvalidArgument("logit: tolerance must be finite");
  positive(options.max_lambda, "max_lambda");
  positive(options.first_step, "first_step");
  positive(options.min_step, "min_step");
  positive(options.time_limit_seconds, "time_limit_seconds");
  positive(options.max_step, "max_step");
  if (!std::isfinite(options.first_step) || !std::isfinite(options.min_step))
    throw InvalidArgument("logit: first_step and min_step must be finite");
  if (options.max_step < options.first_step) throw InvalidArgument("logit: max_step must be at least first_step");
  if (options.min_step > options.first_step) throw InvalidArgument("logit: min_step must be at most first_step");
  if (options.max_steps < 1) throw InvalidArgument("logit: max_steps must be at least 1");
  check_finite(game);

  const double range = detail::nash_newton::payoff_range(game);

  const auto start_time = Clock::now();
  auto out_of_time = [&] {
    return std::chrono::duration<double>(Clock::now() - start_time).count() >= options.time_limit_seconds;
  };

  System<G> system(game);
  const std::size_t P = system.size();
  Vector z(Eigen::Index(P + 1));
  for (std::size_t j = 0, k = 0; j < game.num_players(); ++j)
    for (std::size_t h = 0; h < game.num_strategies(j); ++h, ++k)
      z(Eigen::Index(k)) = -std::log(double(game.num_strategies(j)));
  z(Eigen::Index(P)) = 0;

  LogitResult result;
  result.branch.push_back({0.0, system.profile(z)});
  Vector H;
  Matrix J;
  system.evaluate(z, H, J);
  Vector t = tangent(J);
  if (t(Eigen::Index(P)) < 0) t = -t;  // start toward increasing lambda
  double step = options.first_step;
  double next_polish = 0;  // lambda at which to try polishing next
  result.status = LogitStatus::lambda_limit;
  bool finished = false;

  auto try_polish = [&](const Vector& at) {
    auto eq = polish(game, system.profile(at), range);
    if (result.equilibrium.profile.strategies.empty() || eq.regret < result.equilibrium.regret)
      result.equilibrium = std::move(eq);
    return result.equilibrium.regret <= options.tolerance;
  };

  while (!finished) {
    check_cancelled();
    if (result.steps >= options.max_steps) {
      result.status = LogitStatus::step_limit;
      break;
    }
    if (out_of_time()) {
      result.status = LogitStatus::time_limit;
      break;
    }
    // Predictor (Euler along the tangent), then Gauss-Newton corrector
    // z <- z - J^+ H (Allgower & Georg 3.3), which stays near the normal plane.
    Vector w = z + step * t;
    bool accepted = false;
    double first_norm = 0, last_norm = 0;
    int iterations = 0;
    for (; iterations < 8; ++iterations) {
      system.evaluate(w, H, J);
      if (!H.allFinite() || !J.allFinite()) break;
      const Vector delta = min_norm_solve(J, H);
      const double norm = delta.norm();
      if (iterations == 0) first_norm = norm;
      // Contraction check: a corrector that does not shrink quickly means
      // the step jumped too far (maybe onto another branch).
      if (iterations > 0 && norm > 0.5 * last_norm + 1e-14) break;
      if (norm > 0.3 * std::max(step, 1e-3) + 1e-12 && iterations == 0 && step > options.min_step) break;
      last_norm = norm;
      w -= delta;
      if (norm < 1e-11 * (1 + w.lpNorm<Eigen::Infinity>())) {
        system.evaluate(w, H, J);
        // The logit rows scale with |z| (log-probabilities and lambda grow
        // without bound), the sum rows do not: hold those to an absolute
        // tolerance, or a point whose probabilities sum to 0.17 passes once
        // |z| is near 1e8 (found on a 243 x 3 x 3 bloc game).
        accepted = H.allFinite() && H.lpNorm<Eigen::Infinity>() < 1e-9 * (1 + w.lpNorm<Eigen::Infinity>()) &&
                   system.sum_error(H) < 1e-9;
        break;
      }
    }
    if (!accepted) {
      step /= 2;
      if (step < options.min_step) {
        result.status = LogitStatus::step_too_small;
        break;
      }
      continue;
    }
    // Orientation: the new tangent keeps the direction of travel.
    Vector t_new = tangent(J);
    if (t_new.dot(t) < 0) t_new = -t_new;
    z = w;
    t = t_new;
    ++result.steps;
    const double lambda = z(Eigen::Index(P));
    result.branch.push_back({lambda, system.profile(z)});
    // Step-size adaptation: grow after an easy correction, keep otherwise.
    if (iterations <= 2 && first_norm < 0.1 * step) step = std::min(step * 2, options.max_step);
    else if (iterations >= 5) step = std::max(step / 2, options.min_step);
    if (lambda >= next_polish) {
      if (try_polish(z)) {
        result.status = LogitStatus::converged;
        finished = true;
      }
      next_polish = std::max(2 * lambda, 1e-3);
    }
    if (!finished && lambda >= options.max_lambda) {
      result.status = LogitStatus::lambda_limit;
      finished = true;
    }
  }
  // Whatever stopped the walk, hand back the best Nash approximation of its end.
  if (try_polish(z)) result.status = LogitStatus::converged;
  return result;
}

}  // namespace detail::logit

/// The principal branch of logit QREs of `game` from lambda = 0 and a Nash
/// approximation at its end, polished toward options.tolerance. See the
/// comment at the top of this file. Throws InvalidArgument for bad options
/// or a NaN or infinite payoff.
inline LogitResult logit(const Game<double>& game, const LogitOptions& options = {}) {
  return detail::logit::follow(game, options);
}

/// The same branch on a compact game: expected payoffs and their
/// derivatives from the terms (nash_newton::values_into), never a tensor.
inline LogitResult logit(const CompactGame<double>& game, const LogitOptions& options = {}) {
  return detail::logit::follow(game, options);
}

}  // namespace entente
