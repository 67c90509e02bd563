// Seeded game generators: reproducibility, shapes, ranges, known equilibria.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "entente/games/generators.hpp"
#include "typed.hpp"

namespace entente {
namespace {

using testing::Near;
using namespace entente::games;

template <class Scalar>
class Generators : public ::testing::Test {};
TYPED_TEST_SUITE(Generators, testing::Scalars);

TYPED_TEST(Generators, RandomGameIsReproducibleAndInRange) {
  using Scalar = TypeParam;
  const auto g1 = random_game<Scalar>({3, 4, 2}, -5, 7, 42);
  const auto g2 = random_game<Scalar>({3, 4, 2}, -5, 7, 42);
  const auto g3 = random_game<Scalar>({3, 4, 2}, -5, 7, 43);
  EXPECT_EQ(g1, g2);
  EXPECT_FALSE(g1 == g3);
  EXPECT_EQ(g1.shape(), (std::vector<std::size_t>{3, 4, 2}));
  std::set<long> seen;
  for (std::size_t i = 0; i < 3; ++i)
    for (const auto& x : g1.payoffs(i)) {
      EXPECT_GE(x, Scalar(-5));
      EXPECT_LE(x, Scalar(7));
      EXPECT_TRUE(Near(x, Scalar(static_cast<long>(to_double(x)))));  // integers
      seen.insert(static_cast<long>(to_double(x)));
    }
  EXPECT_GE(seen.size(), 10u);  // 72 draws over 13 values hit most of them
  // The same seed gives the same game in both scalars.
  EXPECT_EQ(random_game<double>({3, 4, 2}, -5, 7, 42), (random_game<Rational>({3, 4, 2}, -5, 7, 42).template cast<double>()));
}

TYPED_TEST(Generators, BadArgumentsThrow) {
  using Scalar = TypeParam;
  EXPECT_THROW(random_game<Scalar>({3, 3}, 2, 1, 0), InvalidArgument);
  EXPECT_THROW(random_game<Scalar>({3, 0}, 0, 1, 0), InvalidArgument);
  EXPECT_THROW(random_game<Scalar>({}, 0, 1, 0), InvalidArgument);
  EXPECT_THROW(random_game<Scalar>({1u << 20, 1u << 20}, 0, 1, 0), InvalidArgument);
  EXPECT_THROW(random_zero_sum<Scalar>(2, 2, 5, 4, 0), InvalidArgument);
  EXPECT_THROW(rock_paper_scissors_game<Scalar>(4), InvalidArgument);
  EXPECT_THROW(rock_paper_scissors_game<Scalar>(1), InvalidArgument);
  EXPECT_THROW(coordination_game<Scalar>(0), InvalidArgument);
  EXPECT_THROW(unique_mixed_equilibrium<Scalar>(0), InvalidArgument);
}

TYPED_TEST(Generators, RandomZeroSum) {
  using Scalar = TypeParam;
  const auto g = random_zero_sum<Scalar>(4, 5, -3, 3, 7);
  EXPECT_EQ(g, (random_zero_sum<Scalar>(4, 5, -3, 3, 7)));
  EXPECT_FALSE(g == (random_zero_sum<Scalar>(4, 5, -3, 3, 8)));
  EXPECT_EQ(g.shape(), (std::vector<std::size_t>{4, 5}));
  EXPECT_TRUE(g.is_zero_sum());
  for (const auto& x : g.payoffs(0)) EXPECT_TRUE(x >= Scalar(-3) && x <= Scalar(3));
}

TYPED_TEST(Generators, UniqueMixedEquilibriumHasZeroRegret) {
  using Scalar = TypeParam;
  for (std::size_t n : {1u, 2u, 3u, 5u, 8u}) {
    SCOPED_TRACE(n);
    const auto g = unique_mixed_equilibrium_game<Scalar>(n);
    const auto eq = unique_mixed_equilibrium<Scalar>(n);
    EXPECT_TRUE(Near(regret(g, eq), Scalar(0), 1e-12));
    for (std::size_t j = 0; j < n; ++j) EXPECT_GT(eq[0][j], Scalar(0));  // fully mixed
    EXPECT_TRUE(g.is_zero_sum());
  }
  // n = 3: H_3 = 11/6, so x = (6/11, 3/11, 2/11).
  const auto eq = unique_mixed_equilibrium<Scalar>(3);
  EXPECT_TRUE(Near(eq[0][0], testing::S<Scalar>("6/11")));
  EXPECT_TRUE(Near(eq[1][1], testing::S<Scalar>("3/11")));
  EXPECT_TRUE(Near(eq[1][2], testing::S<Scalar>("2/11")));
  // Any other profile is not an equilibrium, e.g. uniform.
  EXPECT_GT(regret(unique_mixed_equilibrium_game<Scalar>(3), MixedProfile<Scalar>::uniform(
                                                                  unique_mixed_equilibrium_game<Scalar>(3))),
            Scalar(0));
}

TYPED_TEST(Generators, RockPaperScissorsUniformEquilibrium) {
  using Scalar = TypeParam;
  for (std::size_t n : {3u, 5u, 7u}) {
    const auto g = rock_paper_scissors_game<Scalar>(n);
    EXPECT_TRUE(g.is_zero_sum());
    EXPECT_TRUE(Near(regret(g, MixedProfile<Scalar>::uniform(g)), Scalar(0)));
    for (std::size_t i = 0; i < n; ++i) {
      Scalar row(0);
      for (std::size_t j = 0; j < n; ++j) row += g.payoff(0, {i, j});
      EXPECT_TRUE(Near(row, Scalar(0)));  // every strategy beats as many as it loses to
    }
  }
  const auto g = rock_paper_scissors_game<Scalar>(3);
  EXPECT_EQ(g.payoff(0, {0, 1}), Scalar(1));
  EXPECT_EQ(g.payoff(0, {0, 2}), Scalar(-1));
  EXPECT_EQ(g.payoff(0, {1, 2}), Scalar(1));
}

TYPED_TEST(Generators, CoordinationGame) {
  using Scalar = TypeParam;
  const auto g = coordination_game<Scalar>(3);
  for (std::size_t r = 0; r < 3; ++r)
    for (std::size_t c = 0; c < 3; ++c) {
      EXPECT_EQ(g.payoff(0, {r, c}), Scalar(r == c ? 1 : 0));
      EXPECT_EQ(g.payoff(1, {r, c}), Scalar(r == c ? 1 : 0));
      const std::vector<std::size_t> a{r, c};
      EXPECT_EQ(regret(g, MixedProfile<Scalar>::pure(g, a)) == Scalar(0), r == c);
    }
  EXPECT_TRUE(Near(regret(g, MixedProfile<Scalar>::uniform(g)), Scalar(0)));
}

TYPED_TEST(Generators, DispersionGame) {
  using Scalar = TypeParam;
  const auto g = dispersion_game<Scalar>(3, 3);
  EXPECT_EQ(g.shape(), (std::vector<std::size_t>{3, 3, 3}));
  EXPECT_EQ(g.payoff(0, {0, 1, 2}), Scalar(1));
  EXPECT_EQ(g.payoff(0, {0, 0, 2}), Scalar(0));
  EXPECT_EQ(g.payoff(2, {0, 0, 2}), Scalar(1));
  // Pure equilibria are exactly the 3! maximally dispersed profiles.
  std::size_t pure_eq = 0;
  for (std::size_t k = 0; k < g.num_profiles(); ++k) {
    const auto a = g.profile_at(k);
    const bool distinct = a[0] != a[1] && a[1] != a[2] && a[0] != a[2];
    const bool eq = regret(g, MixedProfile<Scalar>::pure(g, a)) == Scalar(0);
    EXPECT_EQ(eq, distinct);
    pure_eq += eq;
  }
  EXPECT_EQ(pure_eq, 6u);
}

TYPED_TEST(Generators, ShapleyGame) {
  using Scalar = TypeParam;
  const auto g = shapley_game<Scalar>();
  EXPECT_TRUE(Near(regret(g, MixedProfile<Scalar>::uniform(g)), Scalar(0)));
  for (std::size_t k = 0; k < 9; ++k) {  // no pure equilibrium
    const auto a = g.profile_at(k);
    EXPECT_GT(regret(g, MixedProfile<Scalar>::pure(g, a)), Scalar(0));
  }
  EXPECT_EQ(g.payoff(1, {2, 0}), Scalar(1));
  EXPECT_EQ(g.payoff(0, {2, 2}), Scalar(1));
}

TEST(GeneratorsReal, RandomRealGame) {
  const auto g = random_real_game({2, 3, 4}, 5);
  EXPECT_EQ(g, random_real_game({2, 3, 4}, 5));
  EXPECT_FALSE(g == random_real_game({2, 3, 4}, 6));
  double lo = 1, hi = 0, sum = 0;
  for (std::size_t i = 0; i < 3; ++i)
    for (double x : g.payoffs(i)) lo = std::min(lo, x), hi = std::max(hi, x), sum += x;
  EXPECT_GE(lo, 0.0);
  EXPECT_LT(hi, 1.0);
  EXPECT_NEAR(sum / 72, 0.5, 0.15);
}

TEST(GeneratorsReal, RandomRealGameRange) {
  const auto unit = random_real_game({3, 3}, 8);
  const auto wide = random_real_game({3, 3}, 8, -5.0, 15.0);
  for (std::size_t i = 0; i < 2; ++i)
    for (std::size_t k = 0; k < 9; ++k) {
      EXPECT_GE(wide.payoffs(i)[k], -5.0);
      EXPECT_LT(wide.payoffs(i)[k], 15.0);
      EXPECT_NEAR(wide.payoffs(i)[k], -5.0 + 20.0 * unit.payoffs(i)[k], 1e-12);  // same draws, scaled
    }
  EXPECT_THROW(random_real_game({2, 2}, 1, 1.0, 1.0), InvalidArgument);
  EXPECT_THROW(random_real_game({2, 2}, 1, 0.0, std::numeric_limits<double>::infinity()), InvalidArgument);
  EXPECT_THROW(random_real_game({2, 2}, 1, std::nan(""), 1.0), InvalidArgument);
}

TEST(GeneratorsReal, CovariantGameCorrelation) {
  // Sample correlation across the 2500 profiles of a 50x50 game.
  for (double rho : {-1.0, -0.5, 0.0, 0.6, 1.0}) {
    SCOPED_TRACE(rho);
    const auto g = covariant_game({50, 50}, rho, 11);
    EXPECT_EQ(g, covariant_game({50, 50}, rho, 11));
    EXPECT_FALSE(g == covariant_game({50, 50}, rho, 12));
    const auto a = g.payoffs(0), b = g.payoffs(1);
    double ma = 0, mb = 0, saa = 0, sbb = 0, sab = 0;
    const double n = double(a.size());
    for (std::size_t k = 0; k < a.size(); ++k) ma += a[k], mb += b[k];
    ma /= n, mb /= n;
    for (std::size_t k = 0; k < a.size(); ++k)
      saa += (a[k] - ma) * (a[k] - ma), sbb += (b[k] - mb) * (b[k] - mb), sab += (a[k] - ma) * (b[k] - mb);
    EXPECT_NEAR(ma, 0.0, 0.1);
    EXPECT_NEAR(saa / n, 1.0, 0.1);
    EXPECT_NEAR(sab / std::sqrt(saa * sbb), rho, 0.05);
  }
  EXPECT_TRUE(covariant_game({4, 4}, -1.0, 3).is_zero_sum());
  // Three players: rho must be at least -1/2.
  EXPECT_NO_THROW(covariant_game({3, 3, 3}, -0.5, 1));
  EXPECT_THROW(covariant_game({3, 3, 3}, -0.6, 1), InvalidArgument);
  EXPECT_THROW(covariant_game({3, 3}, 1.5, 1), InvalidArgument);
  EXPECT_THROW(covariant_game({3}, 0.5, 1), InvalidArgument);
}

TEST(GeneratorsReal, RngHelpers) {
  games::detail::Engine rng(1);
  std::vector<int> hits(5, 0);
  for (int k = 0; k < 5000; ++k) {
    const auto v = games::detail::uniform_int(rng, -2, 2);
    ASSERT_TRUE(v >= -2 && v <= 2);
    ++hits[static_cast<std::size_t>(v + 2)];
  }
  for (int h : hits) EXPECT_NEAR(h, 1000, 150);
  // Full 64-bit range does not hang or overflow.
  (void)games::detail::uniform_int(rng, std::numeric_limits<long long>::min(), std::numeric_limits<long long>::max());
}

}  // namespace
}  // namespace entente
