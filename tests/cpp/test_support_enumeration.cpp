// Support enumeration and the nondegeneracy test: known games, the
// degenerate cases it is documented to miss, and agreement with vertex
// enumeration on random nondegenerate games.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "entente/solvers/support_enumeration.hpp"
#include "typed.hpp"

namespace entente {
namespace {

using testing::game;
using testing::expect_equilibria;

using testing::Near;
using testing::S;

template <class Scalar>
class SupportEnumerationTest : public ::testing::Test {};
TYPED_TEST_SUITE(SupportEnumerationTest, testing::Scalars);

// Nashpy's documentation example: matching pennies gives (1/2, 1/2) twice.
TYPED_TEST(SupportEnumerationTest, MatchingPennies) {
  auto g = game<TypeParam>({{1, -1}, {-1, 1}}, {{-1, 1}, {1, -1}});
  expect_equilibria(support_enumeration(g), {{{"1/2", "1/2"}, {"1/2", "1/2"}}});
  EXPECT_TRUE(is_nondegenerate(g));
}

TYPED_TEST(SupportEnumerationTest, BattleOfTheSexes) {
  auto g = game<TypeParam>({{3, 0}, {0, 2}}, {{2, 0}, {0, 3}});
  expect_equilibria(support_enumeration(g),
                    {{{"1", "0"}, {"1", "0"}}, {{"3/5", "2/5"}, {"2/5", "3/5"}}, {{"0", "1"}, {"0", "1"}}});
  EXPECT_TRUE(is_nondegenerate(g));
}

// von Stengel (2007) / QuantEcon's test_support_enumeration.py.
TYPED_TEST(SupportEnumerationTest, VonStengelThreeByTwo) {
  auto g = game<TypeParam>({{3, 3}, {2, 5}, {0, 6}}, {{3, 2}, {2, 6}, {3, 1}});
  expect_equilibria(support_enumeration(g), {{{"1", "0", "0"}, {"1", "0"}},
                                             {{"4/5", "1/5", "0"}, {"2/3", "1/3"}},
                                             {{"0", "1/3", "2/3"}, {"1/3", "2/3"}}});
  EXPECT_TRUE(is_nondegenerate(g));
}

TYPED_TEST(SupportEnumerationTest, RockPaperScissors) {
  auto g = game<TypeParam>({{0, -1, 1}, {1, 0, -1}, {-1, 1, 0}}, {{0, 1, -1}, {-1, 0, 1}, {1, -1, 0}});
  expect_equilibria(support_enumeration(g), {{{"1/3", "1/3", "1/3"}, {"1/3", "1/3", "1/3"}}});
  EXPECT_TRUE(is_nondegenerate(g));
}

// QuantEcon's degenerate example: support enumeration finds the two
// equilibria its equal-size supports isolate and misses ([0, p, 1-p],
// [1/2, 1/2]); vertex enumeration finds all four extreme equilibria.
TYPED_TEST(SupportEnumerationTest, MissesContinuaInDegenerateGames) {
  auto g = game<TypeParam>({{1, -1}, {-1, 1}, {0, 0}}, {{1, 0}, {0, 0}, {0, 0}});
  expect_equilibria(support_enumeration(g), {{{"1", "0", "0"}, {"1", "0"}}, {{"0", "1", "0"}, {"0", "1"}}});
  EXPECT_FALSE(is_nondegenerate(g));
  EXPECT_EQ(enumerate_equilibria(g).size(), 4u);
}

TYPED_TEST(SupportEnumerationTest, DegenerateGamesAreRecognised) {
  // A pure strategy with two pure best responses.
  EXPECT_FALSE(is_nondegenerate(game<TypeParam>({{3, 3}, {2, 5}, {0, 6}}, {{3, 3}, {2, 6}, {3, 1}})));
  EXPECT_FALSE(is_nondegenerate(Game<TypeParam>({2, 2})));  // all zero
  // Duplicated strategy.
  EXPECT_FALSE(is_nondegenerate(game<TypeParam>({{3, 0}, {3, 0}, {0, 2}}, {{2, 0}, {2, 0}, {0, 3}})));
  // Degenerate only through a mixed strategy: against x = (1/2, 1/2) both
  // columns pay 1 ... and so does column 2 (three best responses, support 2).
  EXPECT_FALSE(is_nondegenerate(game<TypeParam>({{1, 0, 0}, {0, 1, 0}}, {{2, 0, 1}, {0, 2, 1}})));
  // Prisoner's dilemma: nondegenerate.
  EXPECT_TRUE(is_nondegenerate(game<TypeParam>({{3, 0}, {5, 1}}, {{3, 5}, {0, 1}})));
  EXPECT_THROW(is_nondegenerate(Game<TypeParam>({2, 2, 2})), InvalidArgument);
  EXPECT_THROW(support_enumeration(Game<TypeParam>({2, 2, 2})), InvalidArgument);
}

TYPED_TEST(SupportEnumerationTest, OneByN) {
  auto g = game<TypeParam>({{1, 4, 2}}, {{0, 5, 3}});
  expect_equilibria(support_enumeration(g), {{{"1"}, {"0", "1", "0"}}});
}

// On nondegenerate games support and vertex enumeration return the same
// list, in the same order.
template <class Scalar>
void expect_same(const std::vector<Equilibrium<Scalar>>& a, const std::vector<Equilibrium<Scalar>>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t k = 0; k < a.size(); ++k)
    for (std::size_t p = 0; p < 2; ++p)
      for (std::size_t s = 0; s < a[k].profile[p].size(); ++s)
        ASSERT_TRUE(Near(a[k].profile[p][s], b[k].profile[p][s]));
}

TEST(SupportEnumerationOracle, ExactAgreesWithVertexEnumeration) {
  std::mt19937_64 rng(31);
  int checked = 0;
  for (int m = 1; m <= 7; ++m)
    for (int n = 1; n <= 7; ++n) {
      auto g = bimatrix_game<Rational>(testing::random_matrix<Rational>(rng, m, n, 0, 99),
                                       testing::random_matrix<Rational>(rng, m, n, 0, 99));
      if (!is_nondegenerate(g)) continue;  // payoffs 0..99 tie now and then
      SCOPED_TRACE(std::to_string(m) + "x" + std::to_string(n));
      auto support = support_enumeration(g);
      for (const auto& eq : support) EXPECT_EQ(eq.regret, 0);
      expect_same(support, enumerate_equilibria(g));
      ++checked;
    }
  EXPECT_GE(checked, 40);
}

TEST(SupportEnumerationOracle, FloatingAgreesWithVertexEnumeration) {
  std::mt19937_64 rng(32);
  int checked = 0;
  for (int attempt = 0; attempt < 24; ++attempt) {  // integer payoffs tie now and then: skip those
    const int size = 2 + attempt / 3;
    auto g = bimatrix_game<double>(testing::random_matrix<double>(rng, size, size + size % 2, 0, 99),
                                   testing::random_matrix<double>(rng, size, size + size % 2, 0, 99));
    const bool nondegenerate = is_nondegenerate(g.cast<Rational>());
    EXPECT_EQ(is_nondegenerate(g), nondegenerate);
    if (!nondegenerate) continue;
    SCOPED_TRACE(std::to_string(size));
    auto support = support_enumeration(g);
    for (const auto& eq : support) EXPECT_LE(eq.regret, 1e-9);
    expect_same(support, enumerate_equilibria(g));
    ++checked;
  }
  EXPECT_GE(checked, 12);
}

// Random real payoffs are nondegenerate with probability one.
TEST(SupportEnumerationOracle, ContinuousPayoffsAreNondegenerate) {
  std::mt19937_64 rng(33);
  std::uniform_real_distribution<double> dist(-1, 1);
  for (int trial = 0; trial < 10; ++trial) {
    Mat<double> a(5, 4), b(5, 4);
    for (int i = 0; i < 5; ++i)
      for (int j = 0; j < 4; ++j) a(i, j) = dist(rng), b(i, j) = dist(rng);
    auto g = bimatrix_game<double>(a, b);
    EXPECT_TRUE(is_nondegenerate(g));
    EXPECT_TRUE(is_nondegenerate(g.cast<Rational>()));
    expect_same(support_enumeration(g), enumerate_equilibria(g));
  }
}

}  // namespace
}  // namespace entente
