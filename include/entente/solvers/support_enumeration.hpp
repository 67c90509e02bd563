// Support enumeration for two-player games, as Nashpy and QuantEcon do it,
// and the nondegeneracy test that says when it is complete.
//
// Method (von Stengel, "Equilibrium computation for two-player games in
// strategic and extensive form", ch. 3 of Nisan et al., "Algorithmic Game
// Theory", 2007, support enumeration): in a nondegenerate game every equilibrium
// has supports I, J of equal size k, and the indifference equations
//
//   sum_{j in J} A_ij y_j = v  (i in I),   sum_{j in J} y_j = 1,
//   sum_{i in I} x_i B_ij = u  (j in J),   sum_{i in I} x_i = 1
//
// have a unique solution. For every such pair (I, J) solve both, keep the
// solution when x > 0 on I, y > 0 on J, and no strategy outside the supports
// pays more. That takes sum_k C(m, k) C(n, k) pairs, exponential in
// min(m, n): use it for small games, vertex_enumeration.hpp for the rest.
//
// Degenerate games: only equal-size supports with nonsingular equations are
// tried, so equilibria with supports of different sizes, and all but the
// ones these equations isolate of a continuum, are MISSED (QuantEcon's
// support_enumeration documents the same; Nashpy's default also tries
// unequal sizes but still cannot find a continuum). enumerate_equilibria
// finds every extreme equilibrium of every game; is_nondegenerate tells
// whether this function is complete for a given game.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include "entente/cancel.hpp"
#include "entente/game/equilibrium.hpp"
#include "entente/solvers/vertex_enumeration.hpp"

namespace entente {

/// True when the game is nondegenerate: no mixed strategy with k pure
/// strategies in its support has more than k pure best responses (von
/// Stengel 2007's definition). Equivalently, no point of P = {x >= 0 : B'x <= 1}
/// has more than m labels and none of Q = {y >= 0 : Ay <= 1} more than n
/// (positive payoffs; ibid., on best-response polytopes), and it suffices to look at vertices:
/// a point with too many labels lies on a face whose vertices have them all.
/// The check runs the reverse search of vertex_enumeration.hpp and stops at
/// the first vertex with too many labels (a basic variable at zero). Exact
/// for Rational; with doubles, "tight" means within ScalarTraits::eps.
/// Throws SolverError when a limit in `options` stops it first.
template <class Scalar>
bool is_nondegenerate(const Game<Scalar>& game, const EnumerationOptions& options = {}) {
  using namespace detail::venum;
  game.require_two_players();
  const Limits limits = make_limits(options);
  Polytopes<Scalar> poly(game);
  for (auto* polytope : {&poly.p, &poly.q}) {
    const EnumerationStatus status = polytope->run(limits, true);
    if (polytope->degenerate()) return false;
    if (status != EnumerationStatus::complete)
      throw SolverError("degeneracy check stopped early: " + to_string(status));
  }
  return true;
}

namespace detail::suppenum {

/// Solves the k x k system M z = rhs in place (M row-major, augmented with
/// rhs as column k) by Gaussian elimination with partial pivoting; false
/// when it is singular (exactly, or to a relative 1e-12 for doubles).
template <class Scalar>
bool solve_in_place(std::vector<Scalar>& m, std::size_t k, std::vector<Scalar>& z) {
  const std::size_t w = k + 1;
  Scalar scale(0);
  if constexpr (!is_exact_v<Scalar>)
    for (const auto& x : m) scale = std::max(scale, std::abs(x));
  for (std::size_t c = 0; c < k; ++c) {
    std::size_t pivot = c;
    if constexpr (is_exact_v<Scalar>) {
      while (pivot < k && m[pivot * w + c] == 0) ++pivot;
      if (pivot == k) return false;
    } else {
      for (std::size_t r = c + 1; r < k; ++r)
        if (std::abs(m[r * w + c]) > std::abs(m[pivot * w + c])) pivot = r;
      if (!(std::abs(m[pivot * w + c]) > 1e-12 * scale)) return false;
    }
    if (pivot != c)
      for (std::size_t j = c; j < w; ++j) std::swap(m[c * w + j], m[pivot * w + j]);
    for (std::size_t r = c + 1; r < k; ++r) {
      if (m[r * w + c] == 0) continue;
      const Scalar f = m[r * w + c] / m[c * w + c];
      for (std::size_t j = c; j < w; ++j) m[r * w + j] -= f * m[c * w + j];
    }
  }
  z.assign(k, Scalar(0));
  for (std::size_t c = k; c-- > 0;) {
    Scalar acc = m[c * w + k];
    for (std::size_t j = c + 1; j < k; ++j) acc -= m[c * w + j] * z[j];
    z[c] = acc / m[c * w + c];
  }
  return true;
}

/// The mixed strategy on `cols` that makes the rows in `rows` indifferent
/// under payoffs a(row, col) (a k x k support pair): unknowns y_J and the
/// value v, equations sum_j a(i, j) y_j - v = 0 (i in rows), sum_j y_j = 1.
/// Returns false when singular, or when some y_j <= 0, or when a row
/// outside `rows` pays more than v. `payoff(i, j)` reads the matrix; `full`
/// is the number of rows there are.
template <class Scalar, class Payoff>
bool indifferent_strategy(const std::vector<std::size_t>& rows, const std::vector<std::size_t>& cols,
                          std::size_t all_rows, Payoff payoff, std::vector<Scalar>& system,
                          std::vector<Scalar>& solution) {
  const std::size_t k = rows.size(), n = k + 1, w = n + 1;
  system.assign(n * w, Scalar(0));
  for (std::size_t r = 0; r < k; ++r) {
    for (std::size_t c = 0; c < k; ++c) system[r * w + c] = payoff(rows[r], cols[c]);
    system[r * w + k] = Scalar(-1);
  }
  for (std::size_t c = 0; c < k; ++c) system[k * w + c] = Scalar(1);
  system[k * w + n] = Scalar(1);
  if (!solve_in_place(system, n, solution)) return false;
  const Scalar eps = ScalarTraits<Scalar>::eps();
  for (std::size_t c = 0; c < k; ++c)
    if (!(solution[c] > eps)) return false;
  const Scalar& value = solution[k];
  std::size_t next = 0;
  for (std::size_t i = 0; i < all_rows; ++i) {
    if (next < k && rows[next] == i) {
      ++next;
      continue;
    }
    Scalar earned(0);
    for (std::size_t c = 0; c < k; ++c) earned += payoff(i, cols[c]) * solution[c];
    if (earned - value > eps) return false;
  }
  return true;
}

/// Calls f(subset) for every k-subset of {0..n-1} in lexicographic order.
template <class F>
void for_each_subset(std::size_t n, std::size_t k, F&& f) {
  std::vector<std::size_t> s(k);
  for (std::size_t i = 0; i < k; ++i) s[i] = i;
  while (true) {
    f(s);
    std::size_t i = k;
    while (i > 0 && s[i - 1] == n - k + i - 1) --i;
    if (i == 0) return;
    ++s[i - 1];
    for (std::size_t j = i; j < k; ++j) s[j] = s[j - 1] + 1;
  }
}

}  // namespace detail::suppenum

template <class Scalar>
struct SupportEnumeration {
  Status status = Status::complete;  ///< or time_limit: `equilibria` holds those found before it
  std::vector<Equilibrium<Scalar>> equilibria;
};

/// All equilibria of a NONDEGENERATE two-player game by support enumeration
/// (Nashpy's and QuantEcon's support_enumeration), each with its regret
/// certificate, sorted like enumerate_equilibria (row strategy, then column
/// strategy, lexicographically decreasing), so on a nondegenerate game the
/// two return the same list. On a degenerate game it returns only the
/// equilibria whose supports have equal sizes and isolate them (see the top
/// of this file); check is_nondegenerate first when completeness matters.
/// Throws InvalidArgument unless the game has two players; options.time_limit
/// (seconds; the only option it reads) ends it with the status time_limit:
/// the number of support pairs grows like 4^min(m, n).
///
///     auto eqs = entente::support_enumeration_run(game).equilibria;
template <class Scalar>
SupportEnumeration<Scalar> support_enumeration_run(const Game<Scalar>& game, const EnumerationOptions& options = {}) {
  using namespace detail::suppenum;
  struct OutOfTime {};
  game.require_two_players();
  const detail::venum::Limits limits = detail::venum::make_limits(options);
  std::size_t tried = 0;
  const std::size_t m = game.num_strategies(0), n = game.num_strategies(1);
  const auto a = game.payoffs(0), b = game.payoffs(1);  // row-major m x n
  auto pay_a = [&](std::size_t i, std::size_t j) -> const Scalar& { return a[i * n + j]; };
  // x makes the columns in J indifferent: the transposed problem on B.
  auto pay_bt = [&](std::size_t j, std::size_t i) -> const Scalar& { return b[i * n + j]; };
  std::vector<Scalar> system, y, x;
  std::vector<MixedProfile<Scalar>> found;
  SupportEnumeration<Scalar> out;
  try {
  for (std::size_t k = 1; k <= std::min(m, n); ++k) {
    for_each_subset(m, k, [&](const std::vector<std::size_t>& rows) {
      for_each_subset(n, k, [&](const std::vector<std::size_t>& cols) {
        check_cancelled();
        if (limits.has_deadline && (++tried & 255) == 0 && detail::venum::Clock::now() > limits.deadline)
          throw OutOfTime{};
        if (!indifferent_strategy(rows, cols, m, pay_a, system, y)) return;
        if (!indifferent_strategy(cols, rows, n, pay_bt, system, x)) return;
        MixedProfile<Scalar> profile({std::vector<Scalar>(m, Scalar(0)), std::vector<Scalar>(n, Scalar(0))});
        for (std::size_t r = 0; r < k; ++r) profile[0][rows[r]] = x[r];
        for (std::size_t c = 0; c < k; ++c) profile[1][cols[c]] = y[c];
        found.push_back(std::move(profile));
      });
    });
  }
  } catch (const OutOfTime&) {
    out.status = Status::time_limit;
  }
  std::stable_sort(found.begin(), found.end(), [](const MixedProfile<Scalar>& p, const MixedProfile<Scalar>& q) {
    using detail::venum::lex_greater;
    if (lex_greater(p[0], q[0])) return true;
    if (lex_greater(q[0], p[0])) return false;
    return lex_greater(p[1], q[1]);
  });
  for (auto& profile : found) {
    out.equilibria.push_back(certify(game, std::move(profile)));
    require_certified(game, out.equilibria.back(), "support enumeration");
  }
  return out;
}

/// See support_enumeration_run; SolverError when the time limit stops it.
template <class Scalar>
std::vector<Equilibrium<Scalar>> support_enumeration(const Game<Scalar>& game, const EnumerationOptions& options = {}) {
  auto run = support_enumeration_run(game, options);
  if (run.status != Status::complete) throw SolverError("support enumeration stopped early: time_limit");
  return std::move(run.equilibria);
}

}  // namespace entente
