// Zero-sum games by LP, checked against known values and a brute force.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "typed.hpp"

namespace entente {
namespace {

using testing::matrix;
using testing::game;

using testing::Near;
using testing::S;

template <class Scalar>
class ZeroSumTest : public ::testing::Test {};
TYPED_TEST_SUITE(ZeroSumTest, testing::Scalars);

TYPED_TEST(ZeroSumTest, RockPaperScissors) {
  auto a = matrix<TypeParam>(3, 3, {0, -1, 1, 1, 0, -1, -1, 1, 0});
  auto sol = solve_zero_sum(a);
  EXPECT_TRUE(Near(sol.value, TypeParam(0)));
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(Near(sol.row[i], S<TypeParam>("1/3")));
    EXPECT_TRUE(Near(sol.column[i], S<TypeParam>("1/3")));
  }
  EXPECT_TRUE(Near(sol.equilibrium.regret, TypeParam(0)));
  if constexpr (is_exact_v<TypeParam>) {
    EXPECT_EQ(sol.row[0].get_str(), "1/3");
  }
}

// A 2x2 game without a saddle point: value (ad - bc) / (a - b - c + d).
TYPED_TEST(ZeroSumTest, TwoByTwoClosedForm) {
  auto a = matrix<TypeParam>(2, 2, {3, -1, -2, 1});
  auto sol = solve_zero_sum(a);
  EXPECT_TRUE(Near(sol.value, S<TypeParam>("1/7")));
  EXPECT_TRUE(Near(sol.row[0], S<TypeParam>("3/7")));
  EXPECT_TRUE(Near(sol.column[0], S<TypeParam>("2/7")));
  EXPECT_TRUE(Near(sol.equilibrium.payoffs[0], S<TypeParam>("1/7")));
  EXPECT_TRUE(Near(sol.equilibrium.payoffs[1], S<TypeParam>("-1/7")));
}

TYPED_TEST(ZeroSumTest, SaddlePoint) {
  // Row 1, column 0 is a saddle: 4 is the minimum of its row, the maximum of its column.
  auto a = matrix<TypeParam>(2, 3, {1, 7, 2, 4, 5, 6});
  auto sol = solve_zero_sum(a);
  EXPECT_TRUE(Near(sol.value, TypeParam(4)));
  EXPECT_TRUE(Near(sol.row[1], TypeParam(1)));
  EXPECT_TRUE(Near(sol.column[0], TypeParam(1)));
}

TYPED_TEST(ZeroSumTest, ConstantSumGameThroughGame) {
  // B = 5 - A has the equilibria of (A, -A); payoffs are the game's own.
  auto a = matrix<TypeParam>(2, 2, {3, -1, -2, 1});
  Mat<TypeParam> b = Mat<TypeParam>::Constant(2, 2, TypeParam(5)) - a;
  auto g = bimatrix_game<TypeParam>(a, b);
  auto sol = solve_zero_sum(g);
  EXPECT_TRUE(Near(sol.equilibrium.payoffs[1], TypeParam(5) - S<TypeParam>("1/7")));
  EXPECT_TRUE(Near(sol.equilibrium.regret, TypeParam(0)));
  auto solved = solve(g, {.method = Method::automatic}).equilibria;
  ASSERT_EQ(solved.size(), 1u);
  EXPECT_TRUE(Near(solved[0].profile[0][0], S<TypeParam>("3/7")));
}

TYPED_TEST(ZeroSumTest, RejectsGamesItDoesNotFit) {
  Mat<TypeParam> a = matrix<TypeParam>(2, 2, {3, 0, 5, 1});
  Mat<TypeParam> b = a.transpose();
  auto pd = bimatrix_game<TypeParam>(a, b);
  EXPECT_THROW(solve_zero_sum(pd), InvalidArgument);
  auto by_auto = solve(pd, {.method = Method::automatic}).equilibria;  // enummixed: the one equilibrium (D, D)
  ASSERT_EQ(by_auto.size(), 1u);
  EXPECT_EQ(by_auto[0].profile[0][1], TypeParam(1));
  EXPECT_EQ(by_auto[0].profile[1][1], TypeParam(1));
  // Three players: auto lists pure equilibria, here every profile of an all-zero game.
  EXPECT_EQ(solve(Game<TypeParam>({2, 2, 2}), {.method = Method::automatic}).equilibria.size(), 8u);
  EXPECT_THROW(solve(Game<TypeParam>({2, 2, 2}), {.method = Method::lcp}).equilibria, InvalidArgument);
  // simpdiv has landed: on the prisoner's dilemma it finds (D, D).
  const auto by_simpdiv = solve(pd, {.method = Method::simpdiv}).equilibria;
  ASSERT_EQ(by_simpdiv.size(), 1u);
  EXPECT_LE(to_double(by_simpdiv[0].regret), 1e-8);
  EXPECT_NEAR(to_double(by_simpdiv[0].profile[0][1]), 1.0, 1e-6);
  EXPECT_THROW(solve(pd, {.method = parse_method("no-such-method")}).equilibria, InvalidArgument);
  EXPECT_THROW(solve_zero_sum(Game<TypeParam>({2, 2, 2})), InvalidArgument);
  EXPECT_THROW(solve_zero_sum(Mat<TypeParam>(0, 3)), InvalidArgument);
}

// Brute-force oracle for 2 x n games: the row player's best guarantee
// max_p min_j (p a_0j + (1 - p) a_1j) is attained at p = 0, p = 1 or where
// two column lines cross.
Rational brute_force_value_2xn(const Mat<Rational>& a) {
  std::vector<Rational> candidates{0, 1};
  for (Eigen::Index j = 0; j < a.cols(); ++j)
    for (Eigen::Index k = j + 1; k < a.cols(); ++k) {
      Rational slope_j = a(0, j) - a(1, j), slope_k = a(0, k) - a(1, k);
      if (slope_j == slope_k) continue;
      Rational p = (a(1, k) - a(1, j)) / (slope_j - slope_k);
      if (p >= 0 && p <= 1) candidates.push_back(p);
    }
  Rational best;
  bool first = true;
  for (const auto& p : candidates) {
    Rational worst;
    for (Eigen::Index j = 0; j < a.cols(); ++j) {
      Rational v = p * a(0, j) + (1 - p) * a(1, j);
      if (j == 0 || v < worst) worst = v;
    }
    if (first || worst > best) best = worst, first = false;
  }
  return best;
}

TEST(ZeroSumOracle, MatchesBruteForceOnTwoByN) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 60; ++trial) {
    auto a = testing::random_matrix<Rational>(rng, 2, 1 + trial % 7);
    auto exact = solve_zero_sum(a);
    EXPECT_EQ(exact.value, brute_force_value_2xn(a));
    auto floating = solve_zero_sum(Mat<double>(a.unaryExpr([](const Rational& x) { return x.get_d(); })));
    EXPECT_NEAR(floating.value, exact.value.get_d(), 1e-9);
  }
}

// The minimax theorem, checked exactly: x guarantees the value against every
// column, y holds every row to it, and the certificate is exactly zero.
TEST(ZeroSumOracle, ExactSolutionsCertifyThemselves) {
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 40; ++trial) {
    int m = 1 + trial % 6, n = 1 + (trial * 7) % 9;
    auto a = testing::random_matrix<Rational>(rng, m, n);
    auto sol = solve_zero_sum(a);
    EXPECT_EQ(sol.equilibrium.regret, 0);
    Rational row_sum = 0, column_sum = 0;
    for (auto& x : sol.row) {
      EXPECT_GE(x, 0);
      row_sum += x;
    }
    for (auto& y : sol.column) {
      EXPECT_GE(y, 0);
      column_sum += y;
    }
    EXPECT_EQ(row_sum, 1);
    EXPECT_EQ(column_sum, 1);
    for (int j = 0; j < n; ++j) {
      Rational guaranteed = 0;
      for (int i = 0; i < m; ++i) guaranteed += sol.row[i] * a(i, j);
      EXPECT_GE(guaranteed, sol.value);
    }
    for (int i = 0; i < m; ++i) {
      Rational held = 0;
      for (int j = 0; j < n; ++j) held += sol.column[j] * a(i, j);
      EXPECT_LE(held, sol.value);
    }
    // Floating agrees with exact.
    auto floating = solve_zero_sum(Mat<double>(a.unaryExpr([](const Rational& x) { return x.get_d(); })));
    EXPECT_NEAR(floating.value, sol.value.get_d(), 1e-9);
    EXPECT_LE(floating.equilibrium.regret, 1e-9);
  }
}

// Payoffs whose LP needs more than double's 53 bits: with A = [(C-B)/B;
// (q-p)/p; 0] the LP's rows read C w <= B and q w <= p (the numbers of
// test_lp.cpp's LpExact.DataBeyondDoublePrecision...), where GLPK, given C
// rounded, picks the wrong row. solve_zero_sum must fall back to the exact
// dense tableau and return the true value, row 0, with regret exactly 0.
TEST(ZeroSumExact, PayoffsBeyondDoublePrecisionStillSolveExactly) {
  const Rational p(mpz_class("2352910736451019")), q(mpz_class("3635434571629943"));
  const Rational B(mpz_class("2907312250751980544")), C(mpz_class("4492029086853136637"));
  Mat<Rational> a(3, 1);
  a << (C - B) / B, (q - p) / p, Rational(0);
  ASSERT_GT(a(0, 0), a(1, 0));  // exactly, row 0 is the best reply
  const auto sol = solve_zero_sum(a);
  EXPECT_EQ(sol.value, (C - B) / B);
  EXPECT_EQ(sol.row, (std::vector<Rational>{1, 0, 0}));
  EXPECT_EQ(sol.column, (std::vector<Rational>{1}));
  EXPECT_EQ(sol.equilibrium.regret, 0);
}

}  // namespace
}  // namespace entente
