// Vertex enumeration (all extreme equilibria), maximal Nash subsets and
// components: known games with published answers, then lrsnash as an oracle
// on seeded random games, nondegenerate and degenerate.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "entente/solvers/vertex_enumeration.hpp"
#include "lrsnash_oracle.hpp"
#include "typed.hpp"

namespace entente {
namespace {

using testing::game;
using testing::expect_equilibria;

using testing::Near;
using testing::S;

template <class Scalar>
class VertexEnumerationTest : public ::testing::Test {};
TYPED_TEST_SUITE(VertexEnumerationTest, testing::Scalars);

TYPED_TEST(VertexEnumerationTest, PrisonersDilemmaHasOnePureEquilibrium) {
  auto g = game<TypeParam>({{3, 0}, {5, 1}}, {{3, 5}, {0, 1}});
  auto eqs = enumerate_equilibria(g);
  expect_equilibria(eqs, {{{"0", "1"}, {"0", "1"}}});
  EXPECT_TRUE(Near(eqs[0].payoffs[0], TypeParam(1)));
}

TYPED_TEST(VertexEnumerationTest, MatchingPenniesHasOneMixedEquilibrium) {
  auto g = game<TypeParam>({{1, -1}, {-1, 1}}, {{-1, 1}, {1, -1}});
  expect_equilibria(enumerate_equilibria(g), {{{"1/2", "1/2"}, {"1/2", "1/2"}}});
}

TYPED_TEST(VertexEnumerationTest, RockPaperScissors) {
  auto g = game<TypeParam>({{0, -1, 1}, {1, 0, -1}, {-1, 1, 0}}, {{0, 1, -1}, {-1, 0, 1}, {1, -1, 0}});
  expect_equilibria(enumerate_equilibria(g), {{{"1/3", "1/3", "1/3"}, {"1/3", "1/3", "1/3"}}});
}

TYPED_TEST(VertexEnumerationTest, BattleOfTheSexes) {
  auto g = game<TypeParam>({{3, 0}, {0, 2}}, {{2, 0}, {0, 3}});
  auto eqs = enumerate_equilibria(g);
  expect_equilibria(eqs, {{{"1", "0"}, {"1", "0"}}, {{"3/5", "2/5"}, {"2/5", "3/5"}}, {{"0", "1"}, {"0", "1"}}});
  EXPECT_TRUE(Near(eqs[1].payoffs[0], S<TypeParam>("6/5")));
  EXPECT_TRUE(Near(eqs[1].payoffs[1], S<TypeParam>("6/5")));
}

// von Stengel (2007), Algorithmic Game Theory ch. 3, Fig. 3.3; QuantEcon's
// test_vertex_enumeration.py has the same answer.
TYPED_TEST(VertexEnumerationTest, VonStengelThreeByTwo) {
  auto g = game<TypeParam>({{3, 3}, {2, 5}, {0, 6}}, {{3, 2}, {2, 6}, {3, 1}});
  expect_equilibria(enumerate_equilibria(g), {{{"1", "0", "0"}, {"1", "0"}},
                                              {{"4/5", "1/5", "0"}, {"2/3", "1/3"}},
                                              {{"0", "1/3", "2/3"}, {"1/3", "2/3"}}});
}

// QuantEcon's degenerate variant (B[0][1] = 3): row 1 against any y with
// y_1 >= 2/3 is an equilibrium, a segment with two extreme points.
TYPED_TEST(VertexEnumerationTest, QuantEconDegenerateGame) {
  auto g = game<TypeParam>({{3, 3}, {2, 5}, {0, 6}}, {{3, 3}, {2, 6}, {3, 1}});
  auto result = enumerate_extreme_equilibria(g);
  expect_equilibria(result.equilibria, {{{"1", "0", "0"}, {"1", "0"}},
                                        {{"1", "0", "0"}, {"2/3", "1/3"}},
                                        {{"0", "1/3", "2/3"}, {"1/3", "2/3"}}});
  auto subsets = maximal_nash_subsets(result);
  ASSERT_EQ(subsets.size(), 2u);
  EXPECT_EQ(subsets[0], (NashSubset{{0}, {0, 1}}));
  EXPECT_EQ(subsets[1], (NashSubset{{1}, {2}}));
}

// All payoffs zero: every profile is an equilibrium; the extreme ones are the
// four pure pairs, one maximal subset (the whole square).
TYPED_TEST(VertexEnumerationTest, AllZeroGame) {
  auto g = game<TypeParam>({{0, 0}, {0, 0}}, {{0, 0}, {0, 0}});
  auto result = enumerate_extreme_equilibria(g);
  expect_equilibria(result.equilibria, {{{"1", "0"}, {"1", "0"}},
                                        {{"1", "0"}, {"0", "1"}},
                                        {{"0", "1"}, {"1", "0"}},
                                        {{"0", "1"}, {"0", "1"}}});
  auto subsets = maximal_nash_subsets(result);
  ASSERT_EQ(subsets.size(), 1u);
  EXPECT_EQ(subsets[0], (NashSubset{{0, 1}, {0, 1}}));
  EXPECT_EQ(result.stats.row_vertices, 3u);  // 0, e1, e2
}

TYPED_TEST(VertexEnumerationTest, AllZeroThreeByFourHasTwelve) {
  auto g = Game<TypeParam>({3, 4});
  auto result = enumerate_extreme_equilibria(g);
  EXPECT_EQ(result.equilibria.size(), 12u);
  auto subsets = maximal_nash_subsets(result);
  ASSERT_EQ(subsets.size(), 1u);
  EXPECT_EQ(subsets[0].rows.size(), 3u);
  EXPECT_EQ(subsets[0].columns.size(), 4u);
}

// A continuum: against y = (1, 0) every x = (p, 1 - p) with p <= 2/7 is a
// best response and keeps column 0 best (Nashpy issue #222). Answers checked
// with lrsnash.
TYPED_TEST(VertexEnumerationTest, ContinuumOfEquilibria) {
  auto g = game<TypeParam>({{-3, 3}, {-3, 5}}, {{2, 7}, {4, 2}});
  auto result = enumerate_extreme_equilibria(g);
  expect_equilibria(result.equilibria, {{{"2/7", "5/7"}, {"1", "0"}}, {{"0", "1"}, {"1", "0"}}});
  auto subsets = maximal_nash_subsets(result);
  ASSERT_EQ(subsets.size(), 1u);
  EXPECT_EQ(subsets[0], (NashSubset{{0, 1}, {0}}));
  // Every point of the segment is an equilibrium: check the midpoint.
  MixedProfile<TypeParam> mid({{S<TypeParam>("1/7"), S<TypeParam>("6/7")}, {TypeParam(1), TypeParam(0)}});
  EXPECT_TRUE(Near(regret(g, mid), TypeParam(0)));
}

// QuantEcon's support-enumeration example where a continuum is missed:
// ([0, p, 1-p], [1/2, 1/2]) for all p, and row 1 against y_0 <= 1/2.
// Two components: the pure equilibrium alone, and two segments meeting at
// (row 1, (1/2, 1/2)).
TYPED_TEST(VertexEnumerationTest, ComponentsAndMaximalSubsets) {
  auto g = game<TypeParam>({{1, -1}, {-1, 1}, {0, 0}}, {{1, 0}, {0, 0}, {0, 0}});
  auto result = enumerate_extreme_equilibria(g);
  expect_equilibria(result.equilibria, {{{"1", "0", "0"}, {"1", "0"}},
                                        {{"0", "1", "0"}, {"1/2", "1/2"}},
                                        {{"0", "1", "0"}, {"0", "1"}},
                                        {{"0", "0", "1"}, {"1/2", "1/2"}}});
  auto subsets = maximal_nash_subsets(result);
  ASSERT_EQ(subsets.size(), 3u);
  EXPECT_EQ(subsets[0], (NashSubset{{0}, {0}}));
  EXPECT_EQ(subsets[1], (NashSubset{{1}, {1, 2}}));
  EXPECT_EQ(subsets[2], (NashSubset{{1, 2}, {1}}));
  auto components = nash_components(result, subsets);
  ASSERT_EQ(components.size(), 2u);
  EXPECT_EQ(components[0].rows, (std::vector<std::size_t>{0}));
  EXPECT_EQ(components[0].subsets, (std::vector<std::size_t>{0}));
  EXPECT_EQ(components[1].rows, (std::vector<std::size_t>{1, 2}));
  EXPECT_EQ(components[1].columns, (std::vector<std::size_t>{1, 2}));
  EXPECT_EQ(components[1].subsets, (std::vector<std::size_t>{1, 2}));
}

// Nashpy's "handle degenerate games" example (zero-sum): lrsnash finds the
// same two extreme equilibria, one segment.
TYPED_TEST(VertexEnumerationTest, NashpyDegenerateExample) {
  auto g = game<TypeParam>({{0, -1, 1}, {-1, 0, 1}, {-1, 0, 1}}, {{0, 1, -1}, {1, 0, -1}, {1, 0, -1}});
  auto result = enumerate_extreme_equilibria(g);
  expect_equilibria(result.equilibria, {{{"1/2", "1/2", "0"}, {"1/2", "1/2", "0"}},
                                        {{"1/2", "0", "1/2"}, {"1/2", "1/2", "0"}}});
  EXPECT_EQ(maximal_nash_subsets(result).size(), 1u);
}

// Battle of the sexes with the row player's first strategy duplicated: each
// equilibrium using row 0 appears once with each copy (checked with lrsnash).
TYPED_TEST(VertexEnumerationTest, DuplicatedStrategies) {
  auto g = game<TypeParam>({{3, 0}, {3, 0}, {0, 2}}, {{2, 0}, {2, 0}, {0, 3}});
  auto result = enumerate_extreme_equilibria(g);
  expect_equilibria(result.equilibria, {{{"1", "0", "0"}, {"1", "0"}},
                                        {{"3/5", "0", "2/5"}, {"2/5", "3/5"}},
                                        {{"0", "1", "0"}, {"1", "0"}},
                                        {{"0", "3/5", "2/5"}, {"2/5", "3/5"}},
                                        {{"0", "0", "1"}, {"0", "1"}}});
  auto subsets = maximal_nash_subsets(result);
  ASSERT_EQ(subsets.size(), 3u);
  EXPECT_EQ(subsets[0], (NashSubset{{0, 2}, {0}}));
  EXPECT_EQ(subsets[1], (NashSubset{{1, 3}, {1}}));
  EXPECT_EQ(subsets[2], (NashSubset{{4}, {2}}));
  EXPECT_EQ(nash_components(result).size(), 3u);
}

// Both players duplicate a strategy: 9 extreme equilibria (lrsnash).
TYPED_TEST(VertexEnumerationTest, DuplicatedForBothPlayers) {
  auto g = game<TypeParam>({{3, 0, 0}, {0, 3, 3}, {0, 3, 3}}, {{2, 0, 0}, {0, 3, 3}, {0, 3, 3}});
  auto result = enumerate_extreme_equilibria(g);
  EXPECT_EQ(result.equilibria.size(), 9u);
  auto subsets = maximal_nash_subsets(result);
  // (1,0,0) x (1,0,0); {(3/5,2/5,0), (3/5,0,2/5)} x {(1/2,1/2,0), (1/2,0,1/2)};
  // {(0,1,0), (0,0,1)} x {(0,1,0), (0,0,1)}.
  ASSERT_EQ(subsets.size(), 3u);
  for (const auto& s : subsets) EXPECT_EQ(s.rows.size() * s.columns.size(), s.rows.size() == 1 ? 1u : 4u);
}

TYPED_TEST(VertexEnumerationTest, OneStrategyPlayers) {
  auto g = game<TypeParam>({{1, 4, 2}}, {{0, 5, 5}});
  expect_equilibria(enumerate_equilibria(g), {{{"1"}, {"0", "1", "0"}}, {{"1"}, {"0", "0", "1"}}});
  auto single = game<TypeParam>({{7}}, {{-2}});
  expect_equilibria(enumerate_equilibria(single), {{{"1"}, {"1"}}});
}

TYPED_TEST(VertexEnumerationTest, FractionalPayoffs) {
  // Battle of the sexes scaled by 1/7 and shifted by -1/3: same equilibria.
  Mat<TypeParam> a(2, 2), b(2, 2);
  a << S<TypeParam>("3/7") - S<TypeParam>("1/3"), -S<TypeParam>("1/3"), -S<TypeParam>("1/3"),
      S<TypeParam>("2/7") - S<TypeParam>("1/3");
  b << S<TypeParam>("2/7"), 0, 0, S<TypeParam>("3/7");
  expect_equilibria(enumerate_equilibria(bimatrix_game<TypeParam>(a, b)),
                    {{{"1", "0"}, {"1", "0"}}, {{"3/5", "2/5"}, {"2/5", "3/5"}}, {{"0", "1"}, {"0", "1"}}});
}

TYPED_TEST(VertexEnumerationTest, RejectsOtherThanTwoPlayers) {
  EXPECT_THROW(enumerate_equilibria(Game<TypeParam>({2, 2, 2})), InvalidArgument);
  EXPECT_THROW(enumerate_equilibria(Game<TypeParam>({3})), InvalidArgument);
}

TYPED_TEST(VertexEnumerationTest, LimitsStopTheSearch) {
  std::mt19937_64 rng(3);
  auto a = testing::random_matrix<TypeParam>(rng, 9, 9, 0, 99);
  auto b = testing::random_matrix<TypeParam>(rng, 9, 9, 0, 99);
  auto g = bimatrix_game<TypeParam>(a, b);
  EnumerationOptions few;
  few.max_bases = 5;
  auto partial = enumerate_extreme_equilibria(g, few);
  EXPECT_EQ(partial.status, EnumerationStatus::basis_limit);
  for (const auto& eq : partial.equilibria) EXPECT_TRUE(Near(eq.regret, TypeParam(0)));
  EXPECT_THROW(enumerate_equilibria(g, few), SolverError);
  EXPECT_THROW(maximal_nash_subsets(g, few), SolverError);
  EnumerationOptions instant;
  instant.time_limit_seconds = 1e-12;  // checked every 256 bases; this game has more
  EXPECT_EQ(enumerate_extreme_equilibria(g, instant).status, EnumerationStatus::time_limit);
  auto complete = enumerate_extreme_equilibria(g);
  EXPECT_EQ(complete.status, EnumerationStatus::complete);
  EXPECT_GT(complete.stats.row_bases + complete.stats.column_bases, 256u);
}

// The best-response polytope P of the 3x2 game above, as QuantEcon's
// TestBestResponsePolytope lists it (B is positive, so no shift): six
// vertices with these labels and coordinates.
TEST(BestResponsePolytope, VonStengelVerticesAndLabels) {
  using detail::venum::PolytopeEnumerator;
  // B' for B = [[3,2],[2,6],[3,1]]: 2 constraints on 3 variables.
  std::vector<std::size_t> labels{0, 1, 2, 3, 4};
  PolytopeEnumerator<double> floating({3, 2, 3, 2, 6, 1}, 2, 3, labels, 5, 1e-9);
  PolytopeEnumerator<mpz_class> exact({3, 2, 3, 2, 6, 1}, 2, 3, labels, 5, 0);
  ASSERT_EQ(floating.run({}), EnumerationStatus::complete);
  ASSERT_EQ(exact.run({}), EnumerationStatus::complete);
  const std::vector<std::pair<std::vector<double>, std::vector<std::size_t>>> expected{
      {{0, 0, 0}, {0, 1, 2}},        {{1. / 3, 0, 0}, {1, 2, 3}}, {{2. / 7, 1. / 14, 0}, {2, 3, 4}},
      {{0, 1. / 6, 0}, {0, 2, 4}},   {{0, 1. / 8, 1. / 4}, {0, 3, 4}}, {{0, 0, 1. / 3}, {0, 1, 3}}};
  ASSERT_EQ(floating.num_vertices(), expected.size());
  ASSERT_EQ(exact.num_vertices(), expected.size());
  for (const auto& [point, label_list] : expected) {
    std::uint64_t key = 0;
    for (auto l : label_list) key |= std::uint64_t{1} << l;
    const std::size_t v = floating.labels().find(&key);
    ASSERT_NE(v, detail::venum::LabelSetTable::npos);
    for (std::size_t i = 0; i < 3; ++i) EXPECT_NEAR(floating.coordinates(v)[i], point[i], 1e-15);
    EXPECT_NE(exact.labels().find(&key), detail::venum::LabelSetTable::npos);
  }
  EXPECT_FALSE(floating.degenerate());
}

// Real-valued payoffs: floating agrees with exact on the same numbers.
TEST(VertexEnumerationOracle, FloatingMatchesExactOnRealPayoffs) {
  std::mt19937_64 rng(8);
  std::uniform_real_distribution<double> dist(-10, 10);
  for (int trial = 0; trial < 8; ++trial) {
    const int m = 3 + trial % 4, n = 3 + (trial * 5) % 4;
    Mat<double> a(m, n), b(m, n);
    for (int i = 0; i < m; ++i)
      for (int j = 0; j < n; ++j) a(i, j) = dist(rng), b(i, j) = dist(rng);
    auto floating = enumerate_equilibria(bimatrix_game<double>(a, b));
    auto exact = enumerate_equilibria(bimatrix_game<double>(a, b).cast<Rational>());
    ASSERT_EQ(floating.size(), exact.size());
    for (std::size_t k = 0; k < exact.size(); ++k) {
      EXPECT_EQ(exact[k].regret, 0);
      for (std::size_t p = 0; p < 2; ++p)
        for (std::size_t s = 0; s < exact[k].profile[p].size(); ++s)
          EXPECT_NEAR(floating[k].profile[p][s], to_double(exact[k].profile[p][s]), 1e-9);
    }
  }
}

// --- lrsnash as the oracle ---------------------------------------------------

std::vector<testing::RationalPair> as_pairs(const std::vector<Equilibrium<Rational>>& eqs) {
  std::vector<testing::RationalPair> out;
  for (const auto& eq : eqs) out.emplace_back(eq.profile[0], eq.profile[1]);
  std::sort(out.begin(), out.end());
  return out;
}

Mat<double> to_double_matrix(const Mat<Rational>& a) {
  return a.unaryExpr([](const Rational& x) { return to_double(x); });
}

/// Exact equals lrsnash's set exactly; floating agrees within 1e-9 in the
/// same order; every exact certificate is exactly zero.
void cross_check(const Mat<Rational>& a, const Mat<Rational>& b) {
  auto exact = enumerate_extreme_equilibria(bimatrix_game<Rational>(a, b));
  ASSERT_EQ(exact.status, EnumerationStatus::complete);
  auto oracle = testing::run_lrsnash(a, b);
  ASSERT_EQ(as_pairs(exact.equilibria), oracle.equilibria) << testing::lrsnash_input(a, b) << oracle.output;
  EXPECT_EQ(long(exact.equilibria.size()), oracle.reported_count);
  for (const auto& eq : exact.equilibria) ASSERT_EQ(eq.regret, 0);
  auto floating = enumerate_equilibria(bimatrix_game<double>(to_double_matrix(a), to_double_matrix(b)));
  ASSERT_EQ(floating.size(), exact.equilibria.size()) << testing::lrsnash_input(a, b);
  for (std::size_t k = 0; k < floating.size(); ++k) {
    EXPECT_LE(floating[k].regret, 1e-9);
    for (std::size_t p = 0; p < 2; ++p)
      for (std::size_t s = 0; s < floating[k].profile[p].size(); ++s)
        ASSERT_NEAR(floating[k].profile[p][s], to_double(exact.equilibria[k].profile[p][s]), 1e-9)
            << testing::lrsnash_input(a, b);
  }
}

class LrsnashOracle : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::lrsnash_available()) GTEST_SKIP() << "lrsnash not installed (Debian package lrslib)";
  }
};

TEST_F(LrsnashOracle, ParsesDegenerateOutputBlocks) {
  // Two "2" lines and one "1" line per block: every pair is an equilibrium.
  Mat<Rational> zero = Mat<Rational>::Zero(2, 2);
  auto oracle = testing::run_lrsnash(zero, zero);
  EXPECT_EQ(oracle.equilibria.size(), 4u);
  EXPECT_EQ(oracle.reported_count, 4);
}

TEST_F(LrsnashOracle, NondegenerateRandomGames) {
  std::mt19937_64 rng(20240601);
  for (int m = 2; m <= 10; ++m)
    for (int n = 2; n <= 10; n += (m < 8 ? 1 : 2)) {
      SCOPED_TRACE(std::to_string(m) + "x" + std::to_string(n));
      cross_check(testing::random_matrix<Rational>(rng, m, n, 0, 99), testing::random_matrix<Rational>(rng, m, n, 0, 99));
    }
}

TEST_F(LrsnashOracle, DegenerateRandomGamesWithTies) {
  std::mt19937_64 rng(777);
  for (int m = 2; m <= 10; ++m)
    for (int n = 2; n <= 10; n += (m < 8 ? 1 : 2)) {
      SCOPED_TRACE(std::to_string(m) + "x" + std::to_string(n));
      const int high = (m + n) % 2 ? 1 : 2;  // payoffs 0..1 or 0..2: ties everywhere
      cross_check(testing::random_matrix<Rational>(rng, m, n, 0, high),
                  testing::random_matrix<Rational>(rng, m, n, 0, high));
    }
}

TEST_F(LrsnashOracle, DuplicatedStrategies) {
  std::mt19937_64 rng(99);
  for (int trial = 0; trial < 16; ++trial) {
    const int m = 2 + trial % 5, n = 2 + (trial * 3) % 5;
    auto a = testing::random_matrix<Rational>(rng, m, n, 0, 99);
    auto b = testing::random_matrix<Rational>(rng, m, n, 0, 99);
    // Copy some rows, and some columns, to the end: identical strategies.
    std::uniform_int_distribution<int> row(0, m - 1), col(0, n - 1);
    const int extra_rows = 1 + trial % 3, extra_cols = trial % 2;
    Mat<Rational> a2(m + extra_rows, n + extra_cols), b2(m + extra_rows, n + extra_cols);
    std::vector<int> rows(m), cols(n);
    for (int i = 0; i < m; ++i) rows[i] = i;
    for (int j = 0; j < n; ++j) cols[j] = j;
    for (int e = 0; e < extra_rows; ++e) rows.push_back(row(rng));
    for (int e = 0; e < extra_cols; ++e) cols.push_back(col(rng));
    for (int i = 0; i < m + extra_rows; ++i)
      for (int j = 0; j < n + extra_cols; ++j) a2(i, j) = a(rows[i], cols[j]), b2(i, j) = b(rows[i], cols[j]);
    SCOPED_TRACE("trial " + std::to_string(trial));
    cross_check(a2, b2);
  }
}

TEST_F(LrsnashOracle, NegativeAndFractionalPayoffs) {
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 12; ++trial) {
    const int m = 2 + trial % 4, n = 2 + (trial / 4) % 4;
    auto a = testing::random_matrix<Rational>(rng, m, n, -20, 20);
    auto b = testing::random_matrix<Rational>(rng, m, n, -20, 20);
    a /= Rational(3);
    b /= Rational(7, 2);
    SCOPED_TRACE("trial " + std::to_string(trial));
    cross_check(a, b);
  }
}

}  // namespace
}  // namespace entente
