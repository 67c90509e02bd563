// A dense tableau simplex for LPs whose origin is feasible:
//   maximise c'w  subject to  M w <= b,  w >= 0,  with b >= 0.
// Matrix games reduce to this form (solvers/zero_sum.hpp). On such small,
// dense problems a dense tableau does less work per pivot than a sparse LU
// simplex, which is why it exists beside the GLPK backend.
#pragma once

#include <cmath>
#include <cstddef>
#include <vector>

#include "entente/cancel.hpp"
#include "entente/error.hpp"
#include "entente/lp/model.hpp"
#include "entente/scalar.hpp"

namespace entente::lp {

template <class Scalar>
struct DenseSimplexResult {
  Status status = Status::optimal;
  Scalar objective{};
  std::vector<Scalar> x;     ///< w, one per column of M
  std::vector<Scalar> dual;  ///< one multiplier >= 0 per row; c <= M'dual at an optimum
};

/// The simplex in tableau form (Chvatal, "Linear Programming", Ch. 2-3):
/// slack variables start basic; the entering column is the steepest edge
/// (largest reduced cost over the column's norm, recomputed from the
/// tableau: it cuts the pivots several-fold against Dantzig's rule on
/// matrix games), and Bland's smallest-index rule takes over during a run
/// of degenerate pivots, which rules out cycling (Chvatal, Ch. 3).
/// `iteration_limit` 0 means 50 * (rows + columns) + 1000 pivots.
template <class Scalar>
DenseSimplexResult<Scalar> dense_simplex(const Mat<Scalar>& M, const std::vector<Scalar>& b,
                                         const std::vector<Scalar>& c, int iteration_limit = 0) {
  const std::size_t m = static_cast<std::size_t>(M.rows()), n = static_cast<std::size_t>(M.cols());
  if (b.size() != m || c.size() != n)
    throw InvalidArgument("dense_simplex: b needs " + std::to_string(m) + " entries and c " + std::to_string(n));
  for (const auto& bi : b)
    if (bi < 0) throw InvalidArgument("dense_simplex: b must be >= 0 so that the origin is feasible");

  // T holds the dictionary x_B = T[i][n] - sum_j T[i][j] x_N[j]; row m is the
  // objective z = -T[m][n] + sum_j (-T[m][j]) x_N[j], so the usual tableau signs.
  const std::size_t width = n + 1;
  std::vector<Scalar> T((m + 1) * width);
  auto at = [&](std::size_t i, std::size_t j) -> Scalar& { return T[i * width + j]; };
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < n; ++j) at(i, j) = M(Eigen::Index(i), Eigen::Index(j));
    at(i, n) = b[i];
  }
  for (std::size_t j = 0; j < n; ++j) at(m, j) = -c[j];
  // Variables 0..n-1 are w, n..n+m-1 the slacks.
  std::vector<std::size_t> basic(m), nonbasic(n);
  for (std::size_t i = 0; i < m; ++i) basic[i] = n + i;
  for (std::size_t j = 0; j < n; ++j) nonbasic[j] = j;

  const Scalar eps = ScalarTraits<Scalar>::eps();
  const long limit = iteration_limit > 0 ? iteration_limit : 50 * long(m + n) + 1000;
  bool degenerate_run = false;
  DenseSimplexResult<Scalar> result;
  for (long pivots = 0;; ++pivots) {
    // Entering column: steepest edge, or (Bland) the smallest variable index.
    std::size_t s = n;
    if (degenerate_run) {
      for (std::size_t j = 0; j < n; ++j)
        if (at(m, j) < -eps && (s == n || nonbasic[j] < nonbasic[s])) s = j;
    } else {
      std::vector<Scalar> norm2(n, Scalar(1));
      for (std::size_t i = 0; i < m; ++i) {
        const Scalar* row = &at(i, 0);
        for (std::size_t j = 0; j < n; ++j) norm2[j] += row[j] * row[j];
      }
      Scalar best{};
      for (std::size_t j = 0; j < n; ++j) {
        if (!(at(m, j) < -eps)) continue;
        Scalar score = at(m, j) * at(m, j) / norm2[j];
        if (s == n || score > best) s = j, best = score;
      }
    }
    if (s == n) break;  // optimal
    if (pivots >= limit) {
      result.status = Status::iteration_limit;
      break;
    }
    check_cancelled();
    // Leaving row: minimum ratio; ties go to the smallest basic index (Bland).
    std::size_t r = m;
    Scalar best_ratio{};
    for (std::size_t i = 0; i < m; ++i) {
      if (!(at(i, s) > eps)) continue;
      Scalar ratio = at(i, n) / at(i, s);
      if (r == m || ratio < best_ratio || (ratio == best_ratio && basic[i] < basic[r])) {
        r = i;
        best_ratio = ratio;
      }
    }
    if (r == m) {
      result.status = Status::unbounded;
      break;
    }
    degenerate_run = !(best_ratio > eps);
    // Pivot on (r, s): exchange basic[r] and nonbasic[s].
    // Column s becomes the leaving variable's: set the pivot row's entry to 1
    // before scaling so that one branch-free update covers every column.
    const Scalar pivot = at(r, s);
    at(r, s) = Scalar(1);
    Scalar* pivot_row = &at(r, 0);
    for (std::size_t j = 0; j <= n; ++j) pivot_row[j] /= pivot;
    for (std::size_t i = 0; i <= m; ++i) {
      if (i == r) continue;
      Scalar* row = &at(i, 0);
      const Scalar factor = row[s];
      if (factor == 0) continue;
      row[s] = Scalar(0);
      for (std::size_t j = 0; j <= n; ++j) row[j] -= factor * pivot_row[j];
    }
    std::swap(basic[r], nonbasic[s]);
  }

  result.objective = at(m, n);
  result.x.assign(n, Scalar(0));
  result.dual.assign(m, Scalar(0));
  for (std::size_t i = 0; i < m; ++i)
    if (basic[i] < n) result.x[basic[i]] = at(i, n);
  for (std::size_t j = 0; j < n; ++j)
    if (nonbasic[j] >= n) result.dual[nonbasic[j] - n] = at(m, j);
  return result;
}

}  // namespace entente::lp
