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

}  // namespace entente::testing
