// Shared by the N-player mixed solvers (logit, simpdiv): expected payoffs
// with their derivatives, and Newton's method on the indifference equations
// of a support, which turns a close approximation of an equilibrium into one
// accurate to rounding (the "refine to a tolerance" step).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include <Eigen/Dense>

#include "entente/game/equilibrium.hpp"
#include "entente/game/game.hpp"
#include "entente/game/profile.hpp"

namespace entente::detail::nash_newton {

using Vector = Eigen::VectorXd;
using Matrix = Eigen::MatrixXd;

/// Expected payoffs v[j][h] and, for k != j, the pair values
/// w[j][k](h, l) = j's expected payoff when j plays h, k plays l and the
/// others mix (k == j: empty). One pass over each player's tensor.
struct Values {
  std::vector<std::vector<double>> v;
  std::vector<std::vector<Matrix>> w;
};

/// values() into `out`, reusing its storage (a Newton step allocates
/// nothing after the first); `digit` is scratch. The profiles are visited
/// by an odometer in C order.
inline void values_into(const Game<double>& game, const MixedProfile<double>& p, bool pairs, Values& out,
                        std::vector<std::size_t>& digit, std::vector<double>& prefix, std::vector<double>& suffix) {
  const std::size_t n = game.num_players();
  out.v.resize(n);
  if (pairs) {
    out.w.resize(n);
    for (auto& row : out.w) row.resize(n);
  }
  prefix.resize(n + 1);
  suffix.resize(n + 1);
  for (std::size_t j = 0; j < n; ++j) {
    out.v[j].assign(game.num_strategies(j), 0.0);
    if (pairs)
      for (std::size_t k = 0; k < n; ++k)
        if (k != j) out.w[j][k].setZero(Eigen::Index(game.num_strategies(j)), Eigen::Index(game.num_strategies(k)));
    const auto u = game.payoffs(j);
    digit.assign(n, 0);
    for (std::size_t flat = 0; flat < game.num_profiles(); ++flat) {
      const auto& s = digit;
      // prefix[a] = product of p_m[s_m] over m < a, m != j; suffix likewise over m >= a.
      prefix[0] = 1;
      for (std::size_t m = 0; m < n; ++m) prefix[m + 1] = prefix[m] * (m == j ? 1.0 : p[m][s[m]]);
      suffix[n] = 1;
      for (std::size_t m = n; m-- > 0;) suffix[m] = suffix[m + 1] * (m == j ? 1.0 : p[m][s[m]]);
      out.v[j][s[j]] += prefix[n] * u[flat];
      if (pairs)
        for (std::size_t k = 0; k < n; ++k)
          if (k != j) out.w[j][k](Eigen::Index(s[j]), Eigen::Index(s[k])) += prefix[k] * suffix[k + 1] * u[flat];
      for (std::size_t m = n; m-- > 0;) {  // next profile, the last player fastest
        if (++digit[m] < game.num_strategies(m)) break;
        digit[m] = 0;
      }
    }
  }
}

inline Values values(const Game<double>& game, const MixedProfile<double>& p, bool pairs) {
  Values out;
  std::vector<std::size_t> digit;
  std::vector<double> prefix, suffix;
  values_into(game, p, pairs, out, digit, prefix, suffix);
  return out;
}

/// Newton on the indifference equations of `support` (one list per player,
/// each non-empty), starting from p restricted to the support. Returns false
/// when Newton does not converge or leaves the simplex.
inline bool polish_on_support(const Game<double>& game, const std::vector<std::vector<std::size_t>>& support,
                              MixedProfile<double>& p) {
  const std::size_t n = game.num_players();
  std::vector<std::size_t> offset{0};
  for (const auto& s : support) offset.push_back(offset.back() + s.size());
  const auto m = Eigen::Index(offset.back());
  MixedProfile<double> q;
  for (std::size_t j = 0; j < n; ++j) {
    q.strategies.emplace_back(game.num_strategies(j), 0.0);
    double total = 0;
    for (std::size_t h : support[j]) total += p[j][h];
    for (std::size_t h : support[j]) q[j][h] = total > 0 ? p[j][h] / total : 1.0 / double(support[j].size());
  }
  // Storage kept across the iterations (sizes fixed by the support).
  Values val;
  std::vector<std::size_t> digit;
  std::vector<double> prefix, suffix;
  Vector F(m);
  Matrix J(m, m);
  Eigen::ColPivHouseholderQR<Matrix> solver(m, m);
  for (int iteration = 0; iteration < 30; ++iteration) {
    values_into(game, q, true, val, digit, prefix, suffix);
    J.setZero();
    for (std::size_t j = 0; j < n; ++j) {
      const auto& s = support[j];
      const auto row0 = Eigen::Index(offset[j]);
      double sum = 0;
      for (std::size_t a = 0; a < s.size(); ++a) {
        sum += q[j][s[a]];
        J(row0, Eigen::Index(offset[j] + a)) = 1;
      }
      F(row0) = sum - 1;
      for (std::size_t a = 1; a < s.size(); ++a) {
        const auto r = Eigen::Index(offset[j] + a);
        F(r) = val.v[j][s[a]] - val.v[j][s[0]];
        for (std::size_t k = 0; k < n; ++k) {
          if (k == j) continue;
          for (std::size_t b = 0; b < support[k].size(); ++b) {
            const auto l = Eigen::Index(support[k][b]);
            J(r, Eigen::Index(offset[k] + b)) =
                val.w[j][k](Eigen::Index(s[a]), l) - val.w[j][k](Eigen::Index(s[0]), l);
          }
        }
      }
    }
    if (!F.allFinite()) return false;
    solver.compute(J);
    if (solver.rank() < m) return false;
    const Vector delta = solver.solve(F);
    if (!delta.allFinite()) return false;
    for (std::size_t j = 0; j < n; ++j)
      for (std::size_t a = 0; a < support[j].size(); ++a) q[j][support[j][a]] -= delta(Eigen::Index(offset[j] + a));
    if (delta.lpNorm<Eigen::Infinity>() < 1e-15) break;
  }
  for (auto& s : q.strategies) {
    double total = 0;
    for (double& x : s) {
      if (x < 0) {
        if (x < -1e-12) return false;
        x = 0;
      }
      total += x;
    }
    if (!(total > 0)) return false;
    for (double& x : s) x /= total;
  }
  p = q;
  return true;
}

/// The profile itself or a polished one, whichever has the lower regret.
/// Polishing starts only once p is already close to an equilibrium (regret
/// at most 5% of the payoff range) and keeps only profiles within 0.01 of p,
/// so the result is the end of this branch, not some other equilibrium that
/// Newton happened to reach.
inline Equilibrium<double> polish(const Game<double>& game, const MixedProfile<double>& p, double range) {
  Equilibrium<double> best = certify(game, p);
  if (best.regret > 0.05 * range) return best;
  std::vector<std::vector<std::vector<std::size_t>>> tried;
  for (double threshold : {1e-2, 1e-4, 1e-6, 1e-9}) {
    std::vector<std::vector<std::size_t>> support(game.num_players());
    for (std::size_t j = 0; j < game.num_players(); ++j) {
      const double top = *std::max_element(p[j].begin(), p[j].end());
      for (std::size_t h = 0; h < p[j].size(); ++h)
        if (p[j][h] >= threshold * top) support[j].push_back(h);
    }
    // Newton from p on a support already tried ends where it ended then
    // (no better than `best`): on grid points the thresholds usually give
    // one support.
    if (std::find(tried.begin(), tried.end(), support) != tried.end()) continue;
    tried.push_back(support);
    MixedProfile<double> q = p;
    if (!polish_on_support(game, support, q)) continue;
    double distance = 0;
    for (std::size_t j = 0; j < game.num_players(); ++j)
      for (std::size_t h = 0; h < p[j].size(); ++h) distance = std::max(distance, std::abs(q[j][h] - p[j][h]));
    if (distance > 0.01) continue;
    auto candidate = certify(game, q);
    if (candidate.regret < best.regret) best = std::move(candidate);
  }
  return best;
}

/// max - min over all payoffs (at least a tiny positive number).
inline double payoff_range(const Game<double>& game) {
  double low = game.payoffs(0)[0], high = low;
  for (std::size_t i = 0; i < game.num_players(); ++i)
    for (double x : game.payoffs(i)) low = std::min(low, x), high = std::max(high, x);
  return std::max(high - low, 1e-300);
}

}  // namespace entente::detail::nash_newton
