// The dense tableau simplex, checked against the GLPK backend and LP duality.
#include <gtest/gtest.h>

#include <random>

#include "typed.hpp"

namespace entente {
namespace {

using testing::Near;

template <class Scalar>
class DenseSimplexTest : public ::testing::Test {};
TYPED_TEST_SUITE(DenseSimplexTest, testing::Scalars);

// The same LP through the GLPK backend.
template <class Scalar>
lp::Solution<Scalar> through_glpk(const Mat<Scalar>& M, const std::vector<Scalar>& b, const std::vector<Scalar>& c) {
  lp::Model<Scalar> model;
  model.sense = lp::Sense::maximize;
  for (const auto& cj : c) model.add_column(cj);
  for (Eigen::Index i = 0; i < M.rows(); ++i) {
    std::vector<lp::Term<Scalar>> terms;
    for (Eigen::Index j = 0; j < M.cols(); ++j) terms.push_back({std::size_t(j), M(i, j)});
    model.add_row(std::move(terms), lp::Bound<Scalar>::at_most(b[std::size_t(i)]));
  }
  return lp::solve(model);
}

TYPED_TEST(DenseSimplexTest, Textbook) {
  // max 3x + 5y s.t. x <= 4, 2y <= 12, 3x + 2y <= 18: x = 2, y = 6, z = 36, duals 0, 3/2, 1.
  Mat<TypeParam> M(3, 2);
  M << TypeParam(1), TypeParam(0), TypeParam(0), TypeParam(2), TypeParam(3), TypeParam(2);
  auto r = lp::dense_simplex<TypeParam>(M, {TypeParam(4), TypeParam(12), TypeParam(18)}, {TypeParam(3), TypeParam(5)});
  ASSERT_EQ(r.status, lp::Status::optimal);
  EXPECT_TRUE(Near(r.objective, TypeParam(36)));
  EXPECT_TRUE(Near(r.x[0], TypeParam(2)));
  EXPECT_TRUE(Near(r.x[1], TypeParam(6)));
  EXPECT_TRUE(Near(r.dual[0], TypeParam(0)));
  EXPECT_TRUE(Near(r.dual[1], testing::S<TypeParam>("3/2")));
  EXPECT_TRUE(Near(r.dual[2], TypeParam(1)));
}

TYPED_TEST(DenseSimplexTest, UnboundedAndLimits) {
  Mat<TypeParam> M(1, 2);
  M << TypeParam(1), TypeParam(-1);
  auto r = lp::dense_simplex<TypeParam>(M, {TypeParam(1)}, {TypeParam(1), TypeParam(1)});
  EXPECT_EQ(r.status, lp::Status::unbounded);
  EXPECT_THROW(lp::dense_simplex<TypeParam>(M, {TypeParam(-1)}, {TypeParam(1), TypeParam(1)}), InvalidArgument);
  EXPECT_THROW(lp::dense_simplex<TypeParam>(M, {TypeParam(1), TypeParam(1)}, {TypeParam(1), TypeParam(1)}),
               InvalidArgument);
  std::mt19937_64 rng(3);
  Mat<TypeParam> big = testing::random_matrix<TypeParam>(rng, 30, 30, 1, 50);
  auto limited = lp::dense_simplex<TypeParam>(big, std::vector<TypeParam>(30, TypeParam(1)),
                                              std::vector<TypeParam>(30, TypeParam(1)), 1);
  EXPECT_EQ(limited.status, lp::Status::iteration_limit);
}

// Seeded random LPs, some with zeros in b (degenerate at the start, where a
// cycling rule would loop): same optimum as GLPK, and the duals certify it.
TYPED_TEST(DenseSimplexTest, AgreesWithGlpkAndCertifiesItself) {
  std::mt19937_64 rng(17);
  for (int trial = 0; trial < 60; ++trial) {
    const int m = 1 + trial % 9, n = 1 + (trial * 5) % 11;
    Mat<TypeParam> M = testing::random_matrix<TypeParam>(rng, m, n, -3, 9);
    std::vector<TypeParam> b(m), c(n);
    std::uniform_int_distribution<int> rhs(0, 6), cost(-2, 8);
    for (auto& x : b) x = TypeParam(trial % 3 == 0 ? rhs(rng) % 2 : rhs(rng));
    for (auto& x : c) x = TypeParam(cost(rng));
    auto ours = lp::dense_simplex(M, b, c);
    auto glpk = through_glpk(M, b, c);
    ASSERT_EQ(ours.status == lp::Status::optimal, glpk.status == lp::Status::optimal) << trial;
    if (ours.status != lp::Status::optimal) {
      EXPECT_EQ(ours.status, lp::Status::unbounded);
      continue;
    }
    EXPECT_TRUE(Near(ours.objective, glpk.objective)) << trial;
    // Primal feasible, dual feasible, equal objectives: optimal by duality.
    TypeParam primal(0), dual(0);
    for (int j = 0; j < n; ++j) {
      EXPECT_GE(ours.x[j], TypeParam(0));
      primal += c[j] * ours.x[j];
      TypeParam reduced = -c[j];
      for (int i = 0; i < m; ++i) reduced += M(i, j) * ours.dual[i];
      EXPECT_TRUE(reduced >= -ScalarTraits<TypeParam>::eps()) << trial;
    }
    for (int i = 0; i < m; ++i) {
      TypeParam activity(0);
      for (int j = 0; j < n; ++j) activity += M(i, j) * ours.x[j];
      EXPECT_TRUE(activity <= b[i] + ScalarTraits<TypeParam>::eps()) << trial;
      EXPECT_GE(ours.dual[i], TypeParam(0));
      dual += b[i] * ours.dual[i];
    }
    EXPECT_TRUE(Near(primal, ours.objective));
    EXPECT_TRUE(Near(dual, ours.objective));
  }
}

}  // namespace
}  // namespace entente
