// Shared pieces of the typed test suites: the two scalars, and comparisons
// that are exact for Rational and within a tolerance for double.
#pragma once

#include <gtest/gtest.h>

#include <random>
#include <type_traits>

#include "entente/entente.hpp"

namespace entente::testing {

using Scalars = ::testing::Types<double, Rational>;

/// Exact equality for Rational, |a - b| <= tol for double.
template <class Scalar>
::testing::AssertionResult Near(const Scalar& a, const std::type_identity_t<Scalar>& b, double tol = 1e-9) {
  if constexpr (is_exact_v<Scalar>) {
    if (a == b) return ::testing::AssertionSuccess();
  } else {
    if (std::abs(a - b) <= tol) return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << to_string(a) << " != " << to_string(b);
}

/// "p/q" text to the scalar under test.
template <class Scalar>
Scalar S(const char* text) {
  return scalar_cast<Scalar>(parse_rational(text));
}

/// A seeded random integer matrix with entries in [lo, hi].
template <class Scalar>
Mat<Scalar> random_matrix(std::mt19937_64& rng, int rows, int cols, int lo = -9, int hi = 9) {
  std::uniform_int_distribution<int> dist(lo, hi);
  Mat<Scalar> m(rows, cols);
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) m(r, c) = Scalar(dist(rng));
  return m;
}

/// A rows x cols matrix from integers listed row by row.
template <class Scalar>
Mat<Scalar> matrix(int rows, int cols, std::initializer_list<int> values) {
  Mat<Scalar> m(rows, cols);
  auto it = values.begin();
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) m(r, c) = Scalar(*it++);
  return m;
}

/// A bimatrix game from integer rows.
template <class Scalar>
Game<Scalar> game(std::vector<std::vector<int>> a, std::vector<std::vector<int>> b) {
  const auto m = Eigen::Index(a.size()), n = Eigen::Index(a[0].size());
  Mat<Scalar> ma(m, n), mb(m, n);
  for (Eigen::Index i = 0; i < m; ++i)
    for (Eigen::Index j = 0; j < n; ++j) ma(i, j) = Scalar(a[i][j]), mb(i, j) = Scalar(b[i][j]);
  return bimatrix_game<Scalar>(ma, mb);
}

/// An expected two-player equilibrium as "p/q" texts: {x, y}.
using Expected = std::vector<std::vector<std::string>>;

/// The equilibria, in order, are exactly `expected` (exact for Rational,
/// within 1e-9 for double), each with zero regret.
template <class Scalar>
void expect_equilibria(const std::vector<Equilibrium<Scalar>>& got, const std::vector<Expected>& expected) {
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t k = 0; k < got.size(); ++k) {
    SCOPED_TRACE("equilibrium " + std::to_string(k));
    for (std::size_t p = 0; p < 2; ++p) {
      ASSERT_EQ(got[k].profile[p].size(), expected[k][p].size());
      for (std::size_t s = 0; s < expected[k][p].size(); ++s)
        EXPECT_TRUE(Near(got[k].profile[p][s], S<Scalar>(expected[k][p][s].c_str())));
    }
    EXPECT_TRUE(Near(got[k].regret, Scalar(0)));
  }
}

}  // namespace entente::testing
