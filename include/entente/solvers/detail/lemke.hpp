// Lemke's algorithm for the linear complementarity problem
//
//   w = q + M z + d z0 >= 0,   z >= 0,   z0 >= 0,   w'z = 0,
//
// with the covering vector d = 1, on a dense tableau in Scalar (Lemke,
// "Bimatrix equilibrium points and mathematical programming", Management
// Science 11, 1965; Cottle, Pang & Stone, The Linear Complementarity
// Problem, 1992, Sec. 4.4). Ties in the ratio test are broken
// lexicographically by the rows of the basis inverse, which makes every
// pivot unique, so degenerate problems cannot cycle. Shared by the
// sequence-form LCP (extensive/sequence_lcp.hpp) and the polymatrix LCP
// (compact/polymatrix_lemke.hpp).
#pragma once

#include <chrono>
#include <cstddef>
#include <vector>

#include "entente/cancel.hpp"
#include "entente/scalar.hpp"
#include "entente/status.hpp"

namespace entente::detail {

struct LemkeLimits {
  std::size_t max_pivots = 100000;
  double time_limit_seconds = kNoTimeLimit;
};

template <class Scalar>
struct LemkeRun {
  /// complete: z solves the LCP; unbounded: the path ended on a ray (no z);
  /// pivot_limit or time_limit: stopped on the way (no z).
  Status status = Status::complete;
  std::vector<Scalar> z;
  std::size_t pivots = 0;
};

/// Runs Lemke's algorithm on (M, qv) from the covering vector 1. Polls
/// check_cancelled() at every pivot (throws Interrupted).
template <class Scalar>
LemkeRun<Scalar> lemke(const std::vector<std::vector<Scalar>>& M, const std::vector<Scalar>& qv,
                       const LemkeLimits& limits) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const std::size_t n = qv.size();
  LemkeRun<Scalar> run;
  // Columns: w_0..w_{n-1}, z_0..z_{n-1}, z0 (index 2n); rhs apart.
  const std::size_t cols = 2 * n + 1, artificial = 2 * n;
  std::vector<std::vector<Scalar>> T(n, std::vector<Scalar>(cols, Scalar(0)));
  std::vector<Scalar> rhs = qv;
  std::vector<std::size_t> basis(n);
  for (std::size_t r = 0; r < n; ++r) {
    T[r][r] = Scalar(1);
    for (std::size_t c = 0; c < n; ++c) T[r][n + c] = -M[r][c];
    T[r][artificial] = Scalar(-1);
    basis[r] = r;
  }
  const Scalar eps = is_exact_v<Scalar> ? Scalar(0) : Scalar(1e-12);
  auto pivot = [&](std::size_t row, std::size_t col) {
    const Scalar p = T[row][col];
    for (auto& v : T[row]) v /= p;
    rhs[row] /= p;
    for (std::size_t r = 0; r < n; ++r) {
      if (r == row || T[r][col] == 0) continue;
      const Scalar f = T[r][col];
      for (std::size_t c = 0; c < cols; ++c)
        if (T[row][c] != 0) T[r][c] -= f * T[row][c];
      rhs[r] -= f * rhs[row];
    }
    basis[row] = col;
    ++run.pivots;
  };
  // Lexicographic comparison of rows a and b scaled by 1/T[.][col]: (rhs, B^-1 row).
  auto lex_less = [&](std::size_t a, std::size_t b, std::size_t col) {
    const Scalar& ta = T[a][col];
    const Scalar& tb = T[b][col];
    Scalar da = rhs[a] * tb - rhs[b] * ta;  // compares rhs[a]/ta with rhs[b]/tb (both t > 0)
    if (da < -eps) return true;
    if (da > eps) return false;
    for (std::size_t c = 0; c < n; ++c) {
      Scalar d = T[a][c] * tb - T[b][c] * ta;
      if (d < -eps) return true;
      if (d > eps) return false;
    }
    return false;
  };
  // First pivot: z0 enters at the most negative qv (d = 1); the tableau's
  // z0 column is -1, so the row is the lexicographic minimum of (rhs, B^-1)
  // scaled by -1/1, i.e. the largest -rhs.
  std::size_t row = n;
  for (std::size_t r = 0; r < n; ++r) {
    if (!(rhs[r] < -eps)) continue;
    if (row == n) {
      row = r;
      continue;
    }
    // The most negative rhs; ties by the lexicographically smallest -(B^-1 row), i.e. largest row.
    if (rhs[r] < rhs[row] - eps || (!(rhs[row] < rhs[r] - eps) && r > row)) row = r;
  }
  if (row == n) {  // qv >= 0: z = 0 solves it
    run.z.assign(n, Scalar(0));
    return run;
  }
  std::size_t leaving = basis[row];
  pivot(row, artificial);
  while (true) {
    check_cancelled();
    if (run.pivots >= limits.max_pivots) {
      run.status = Status::pivot_limit;
      return run;
    }
    if (limits.time_limit_seconds < kNoTimeLimit &&
        std::chrono::duration<double>(Clock::now() - start).count() >= limits.time_limit_seconds) {
      run.status = Status::time_limit;
      return run;
    }
    const std::size_t entering = leaving < n ? leaving + n : leaving - n;  // the complement
    std::size_t best = n;
    for (std::size_t r = 0; r < n; ++r)
      if (T[r][entering] > eps && (best == n || lex_less(r, best, entering))) best = r;
    if (best == n) {  // ray termination
      run.status = Status::unbounded;
      return run;
    }
    leaving = basis[best];
    pivot(best, entering);
    if (leaving == artificial) {
      run.z.assign(n, Scalar(0));
      for (std::size_t r = 0; r < n; ++r)
        if (basis[r] >= n && basis[r] < 2 * n) run.z[basis[r] - n] = rhs[r];
      return run;
    }
  }
}

}  // namespace entente::detail
