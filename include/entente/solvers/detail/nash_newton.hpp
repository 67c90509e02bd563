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

#include "entente/game/compact_game.hpp"
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

/// values_into for a compact game, from its terms (no tensor). The values
/// are those of the multilinear extension a dense game's tensor gives, so
/// that they and their derivatives agree off the simplex too (Newton's
/// iterates leave it): with T_m = sum_l p_ml and P_m the probability mass
/// m puts on a term's condition C_m, a term of j with amount a adds
///   a [h in C_j] prod_{m conditioned} P_m prod_{m not conditioned} T_m
/// (products over m != j) to v[j][h], and w[j][k](h, l) is the same with
/// k's factor replaced by [l in C_k] (by 1 when k is not conditioned).
/// Cost: the terms times their conditions squared, plus the n^2 pair
/// blocks. Needs every T_m > 0 (the solvers' iterates are).
inline void values_into(const CompactGame<double>& game, const MixedProfile<double>& p, bool pairs, Values& out,
                        std::vector<std::size_t>&, std::vector<double>& ratio, std::vector<double>& others) {
  const std::size_t n = game.num_players();
  std::vector<double> total(n, 0.0);
  for (std::size_t m = 0; m < n; ++m)
    for (double x : p[m]) total[m] += x;
  // others[j] = prod_{m != j} T_m, by prefix and suffix products.
  others.assign(n, 1.0);
  double prefix = 1.0;
  for (std::size_t m = 0; m < n; ++m) others[m] = prefix, prefix *= total[m];
  double suffix = 1.0;
  for (std::size_t m = n; m-- > 0;) others[m] *= suffix, suffix *= total[m];
  out.v.resize(n);
  for (std::size_t j = 0; j < n; ++j) out.v[j].assign(game.num_strategies(j), 0.0);
  auto own_condition = [](const CompactTerm<double>& term, std::size_t j) -> const CompactCondition* {
    for (const auto& c : term.when)
      if (c.actor == j) return &c;
    return nullptr;
  };
  auto fill_ratios = [&](const CompactTerm<double>& term) {  // P_m / T_m per condition
    ratio.assign(term.when.size(), 0.0);
    for (std::size_t c = 0; c < term.when.size(); ++c) {
      const auto& cond = term.when[c];
      for (std::size_t s = 0; s < cond.allowed.size(); ++s)
        if (cond.allowed[s]) ratio[c] += p[cond.actor][s];
      ratio[c] /= total[cond.actor];
    }
  };
  for (const auto& term : game.terms()) {
    fill_ratios(term);
    for (const auto& [j, amount] : term.payoffs) {
      double base = amount;
      for (std::size_t c = 0; c < term.when.size(); ++c)
        if (term.when[c].actor != j) base *= ratio[c];
      const CompactCondition* own = own_condition(term, j);
      for (std::size_t h = 0; h < out.v[j].size(); ++h)
        if (!own || own->allowed[h]) out.v[j][h] += base;
    }
  }
  for (std::size_t j = 0; j < n; ++j)
    for (double& x : out.v[j]) x *= others[j];
  if (!pairs) return;
  out.w.resize(n);
  for (std::size_t j = 0; j < n; ++j) {
    out.w[j].resize(n);
    for (std::size_t k = 0; k < n; ++k) {
      if (k == j) continue;
      auto& w = out.w[j][k];
      w.resize(Eigen::Index(game.num_strategies(j)), Eigen::Index(game.num_strategies(k)));
      for (std::size_t h = 0; h < game.num_strategies(j); ++h)
        w.row(Eigen::Index(h)).setConstant(out.v[j][h] / total[k]);
    }
  }
  // Terms conditioned on k: their share of v / T_k replaced by the l-dependent one.
  for (const auto& term : game.terms()) {
    fill_ratios(term);
    for (const auto& [j, amount] : term.payoffs) {
      const CompactCondition* own = own_condition(term, j);
      for (std::size_t c = 0; c < term.when.size(); ++c) {
        const std::size_t k = term.when[c].actor;
        if (k == j) continue;
        double rest = amount * others[j] / total[k];
        for (std::size_t d = 0; d < term.when.size(); ++d)
          if (d != c && term.when[d].actor != j) rest *= ratio[d];
        if (rest == 0) continue;
        auto& w = out.w[j][k];
        for (std::size_t h = 0; h < game.num_strategies(j); ++h) {
          if (own && !own->allowed[h]) continue;
          for (std::size_t l = 0; l < game.num_strategies(k); ++l)
            w(Eigen::Index(h), Eigen::Index(l)) += rest * ((term.when[c].allowed[l] ? 1.0 : 0.0) - ratio[c]);
        }
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
template <class G>
bool polish_on_support(const G& game, const std::vector<std::vector<std::size_t>>& support,
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
template <class G>
Equilibrium<double> polish(const G& game, const MixedProfile<double>& p, double range) {
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

/// For a compact game, a bound on the range: twice the largest sum of one
/// player's absolute amounts.
inline double payoff_range(const CompactGame<double>& game) { return std::max(2 * game.payoff_scale(), 1e-300); }

}  // namespace entente::detail::nash_newton
