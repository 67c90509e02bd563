// Game, MixedProfile and the regret certificate.
#include <gtest/gtest.h>

#include <random>

#include "typed.hpp"

namespace entente {
namespace {

using testing::Near;
using testing::S;

template <class Scalar>
class GameTest : public ::testing::Test {};
TYPED_TEST_SUITE(GameTest, testing::Scalars);

// Prisoner's dilemma, strategies (Cooperate, Defect).
template <class Scalar>
Game<Scalar> prisoners_dilemma() {
  Game<Scalar> g({"Row", "Column"}, {{"C", "D"}, {"C", "D"}});
  const int a[2][2] = {{3, 0}, {5, 1}};
  for (std::size_t r = 0; r < 2; ++r)
    for (std::size_t c = 0; c < 2; ++c) {
      g.payoff(0, {r, c}) = Scalar(a[r][c]);
      g.payoff(1, {r, c}) = Scalar(a[c][r]);
    }
  return g;
}

TYPED_TEST(GameTest, StorageIsCOrder) {
  Game<TypeParam> g({2, 3, 4});
  EXPECT_EQ(g.num_profiles(), 24u);
  EXPECT_EQ(g.stride(0), 12u);
  EXPECT_EQ(g.stride(1), 4u);
  EXPECT_EQ(g.stride(2), 1u);
  std::vector<std::size_t> p{1, 2, 3};
  EXPECT_EQ(g.flat_index(p), 1u * 12 + 2 * 4 + 3);
  for (std::size_t k = 0; k < g.num_profiles(); ++k) EXPECT_EQ(g.flat_index(g.profile_at(k)), k);
  g.payoff(2, {1, 0, 2}) = TypeParam(7);
  EXPECT_EQ(g.payoffs(2)[12 + 2], TypeParam(7));
  EXPECT_EQ(g.players(), (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(g.strategies(1), (std::vector<std::string>{"1", "2", "3"}));
}

TYPED_TEST(GameTest, SizesAreChecked) {
  EXPECT_THROW(Game<TypeParam>(std::vector<std::size_t>{}), InvalidArgument);
  EXPECT_THROW(Game<TypeParam>({3, 0}), InvalidArgument);
  EXPECT_THROW(Game<TypeParam>({100000, 100000, 100000}), InvalidArgument);
  // The product overflows 64 bits; it must be caught, not wrapped around.
  std::vector<std::size_t> huge(70, 2);
  EXPECT_THROW(Game<TypeParam>{huge}, InvalidArgument);
  Game<TypeParam> g({2, 2});
  EXPECT_THROW(g.flat_index(std::vector<std::size_t>{2, 0}), InvalidArgument);
  EXPECT_THROW(g.flat_index(std::vector<std::size_t>{0}), InvalidArgument);
  EXPECT_THROW(Game<TypeParam>({"a", "b"}, {{"x"}}), InvalidArgument);
}

TYPED_TEST(GameTest, MatrixViewsAndSums) {
  auto g = prisoners_dilemma<TypeParam>();
  EXPECT_EQ(g.matrix(0)(1, 0), TypeParam(5));
  EXPECT_EQ(g.matrix(1)(1, 0), TypeParam(0));
  EXPECT_FALSE(g.is_zero_sum());
  Mat<TypeParam> a(2, 2);
  a << TypeParam(1), TypeParam(-1), TypeParam(-1), TypeParam(1);
  auto pennies = zero_sum_game<TypeParam>(a);
  EXPECT_TRUE(pennies.is_zero_sum());
  EXPECT_TRUE(pennies.is_constant_sum());
  Game<TypeParam> three({2, 2, 2});
  EXPECT_THROW(three.matrix(0), InvalidArgument);
}

TYPED_TEST(GameTest, RegretCertificateOnKnownProfiles) {
  auto g = prisoners_dilemma<TypeParam>();
  std::vector<std::size_t> dd{1, 1}, cc{0, 0};
  auto defect = MixedProfile<TypeParam>::pure(g, dd);
  EXPECT_EQ(regret(g, defect), TypeParam(0));
  auto cooperate = MixedProfile<TypeParam>::pure(g, cc);
  EXPECT_EQ(regret(g, cooperate), TypeParam(2));  // 5 - 3 from defecting
  auto payoffs = expected_payoffs(g, cooperate);
  EXPECT_EQ(payoffs[0], TypeParam(3));
  EXPECT_EQ(best_responses(g, cooperate, 0), (std::vector<std::size_t>{1}));
  // Uniform play: values C = 1.5, D = 3, mean 2.25, regret 0.75.
  auto uniform = MixedProfile<TypeParam>::uniform(g);
  EXPECT_TRUE(Near(regret(g, uniform), S<TypeParam>("3/4")));
}

TYPED_TEST(GameTest, MatchingPenniesUniformIsEquilibrium) {
  Mat<TypeParam> a(2, 2);
  a << TypeParam(1), TypeParam(-1), TypeParam(-1), TypeParam(1);
  auto g = zero_sum_game<TypeParam>(a);
  auto p = MixedProfile<TypeParam>::uniform(g);
  EXPECT_EQ(regret(g, p), TypeParam(0));
  EXPECT_EQ(best_responses(g, p, 1), (std::vector<std::size_t>{0, 1}));
}

// A game of the given shape with payoffs drawn from `pay`.
template <class T>
Game<T> random_integer_game(const std::vector<std::size_t>& shape, std::mt19937_64& rng,
                            std::uniform_int_distribution<int>& pay) {
  Game<T> g(shape);
  for (std::size_t i = 0; i < g.num_players(); ++i)
    for (auto& u : g.payoffs(i)) u = T(pay(rng));
  return g;
}

// A profile with weights weight(rng) + offset, normalised per player; with
// offset 0 some probabilities are zero (an all-zero player gets strategy 0).
template <class T>
MixedProfile<T> random_profile(const std::vector<std::size_t>& shape, std::mt19937_64& rng,
                               std::uniform_int_distribution<int>& weight, int offset) {
  MixedProfile<T> p;
  for (std::size_t n : shape) {
    std::vector<T> s(n);
    T total(0);
    for (auto& x : s) total += (x = T(weight(rng) + offset));
    if (total == 0) s[0] = total = T(1);
    for (auto& x : s) x /= total;
    p.strategies.push_back(s);
  }
  return p;
}

// Player i's payoff from each own strategy against p, summed over every
// profile of the game: the oracle of strategy_values() and certify().
template <class T>
std::vector<T> brute_force_strategy_values(const Game<T>& g, const MixedProfile<T>& p, std::size_t i) {
  std::vector<T> values(g.num_strategies(i), T(0));
  for (std::size_t k = 0; k < g.num_profiles(); ++k) {
    const auto prof = g.profile_at(k);
    T w(1);
    for (std::size_t j = 0; j < g.num_players(); ++j)
      if (j != i) w *= p[j][prof[j]];
    values[prof[i]] += w * g.payoffs(i)[k];
  }
  return values;
}

// strategy_values against a brute force over all pure profiles.
TYPED_TEST(GameTest, StrategyValuesMatchBruteForce) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int> pay(-20, 20), weight(0, 5);
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<std::size_t> shape{2 + std::size_t(trial % 3), 3, 1 + std::size_t(trial % 4)};
    if (trial % 2) shape.push_back(2);
    const Game<TypeParam> g = random_integer_game<TypeParam>(shape, rng, pay);
    const auto p = random_profile<TypeParam>(shape, rng, weight, 1);
    for (std::size_t i = 0; i < g.num_players(); ++i) {
      const auto expected = brute_force_strategy_values(g, p, i);
      auto got = strategy_values(g, p, i);
      for (std::size_t s = 0; s < shape[i]; ++s) EXPECT_TRUE(Near(got[s], expected[s], 1e-9));
    }
  }
}

// The same with zero probabilities (the boundary profiles simpdiv labels):
// the skipped cells change nothing; and certify() gives the brute-force
// payoffs and the largest gain.
TYPED_TEST(GameTest, StrategyValuesWithZerosAndCertifyMatchBruteForce) {
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<int> pay(-20, 20), weight(0, 3);
  for (int trial = 0; trial < 30; ++trial) {
    std::vector<std::size_t> shape{1 + std::size_t(trial % 3), 3, 2 + std::size_t(trial % 2)};
    if (trial % 3 == 0) shape.push_back(3);
    const Game<TypeParam> g = random_integer_game<TypeParam>(shape, rng, pay);
    const auto p = random_profile<TypeParam>(shape, rng, weight, 0);  // some zeros
    const auto eq = certify(g, p);
    TypeParam worst(0);
    for (std::size_t i = 0; i < g.num_players(); ++i) {
      const auto expected = brute_force_strategy_values(g, p, i);
      auto got = strategy_values(g, p, i);
      TypeParam payoff(0), best = expected[0];
      for (std::size_t s = 0; s < shape[i]; ++s) {
        EXPECT_TRUE(Near(got[s], expected[s], 1e-9));
        payoff += p[i][s] * expected[s];
        best = std::max(best, expected[s]);
      }
      EXPECT_TRUE(Near(eq.payoffs[i], payoff, 1e-9));
      const TypeParam gain = best - payoff;
      worst = std::max(worst, gain);
    }
    EXPECT_TRUE(Near(eq.regret, worst, 1e-9));
    EXPECT_EQ(eq.regret, regret(g, p));
    EXPECT_EQ(eq.payoffs, expected_payoffs(g, p));
  }
}

TYPED_TEST(GameTest, ProfilesAreChecked) {
  Game<TypeParam> g({2, 3});
  MixedProfile<TypeParam> wrong_count({{TypeParam(1), TypeParam(0)}});
  EXPECT_THROW(regret(g, wrong_count), InvalidArgument);
  MixedProfile<TypeParam> wrong_size({{TypeParam(1), TypeParam(0)}, {TypeParam(1)}});
  EXPECT_THROW(regret(g, wrong_size), InvalidArgument);
  MixedProfile<TypeParam> not_summing({{S<TypeParam>("1/2"), S<TypeParam>("1/3")}, {TypeParam(1), TypeParam(0), TypeParam(0)}});
  EXPECT_THROW(regret(g, not_summing), InvalidArgument);
  MixedProfile<TypeParam> negative({{TypeParam(2), TypeParam(-1)}, {TypeParam(1), TypeParam(0), TypeParam(0)}});
  EXPECT_THROW(regret(g, negative), InvalidArgument);
}

TEST(Scalars, ParseRationalAcceptsGambitNumbers) {
  EXPECT_EQ(parse_rational("3"), Rational(3));
  EXPECT_EQ(parse_rational("-3"), Rational(-3));
  EXPECT_EQ(parse_rational("1.5"), Rational(3, 2));
  EXPECT_EQ(parse_rational(".5"), Rational(1, 2));
  EXPECT_EQ(parse_rational("3."), Rational(3));
  EXPECT_EQ(parse_rational("3/2"), Rational(3, 2));
  EXPECT_EQ(parse_rational("6/4"), Rational(3, 2));
  EXPECT_EQ(parse_rational("1e2"), Rational(100));
  EXPECT_EQ(parse_rational("15e-1"), Rational(3, 2));
  EXPECT_EQ(parse_rational("123456789012345678901234567890").get_str(), "123456789012345678901234567890");
  for (const char* bad : {"", "+3", "1e+2", "3/2e1", "abc", "1/0", "1.5/2", "-", ".", "1e", "2/"})
    EXPECT_THROW(parse_rational(bad), InvalidArgument) << bad;
}

TEST(Scalars, DoublesBecomeTheirShortestDecimal) {
  EXPECT_EQ(rational_from_double(0.1), Rational(1, 10));
  EXPECT_EQ(rational_from_double(-2.5), Rational(-5, 2));
  EXPECT_EQ(rational_from_double(1e20).get_str(), "100000000000000000000");
  EXPECT_EQ(rational_from_double(1e-12), Rational(1) / Rational(mpz_class("1000000000000")));
  EXPECT_THROW(rational_from_double(std::nan("")), InvalidArgument);
  EXPECT_THROW(rational_from_double(1.0 / 0.0), InvalidArgument);
}

TEST(Scalars, ToDoubleRoundsToNearest) {
  EXPECT_EQ(to_double(Rational(1, 10)), 0.1);
  EXPECT_EQ(to_double(Rational(-2, 3)), -2.0 / 3.0);
  // Large numerators and denominators take the slow path; compare with the
  // double nearest to the decimal text.
  Rational third_big(mpz_class("100000000000000000000000000001"), mpz_class("300000000000000000000000000000"));
  EXPECT_EQ(to_double(third_big), 1.0 / 3.0);
  EXPECT_EQ(to_double(parse_rational("0.1000000000000000000000000001")), 0.1);
  EXPECT_EQ(to_double(parse_rational("123456789012345678901234567890")), 123456789012345678901234567890.0);
  EXPECT_EQ(to_double(parse_rational("-1e-30")), -1e-30);
  std::mt19937_64 rng(3);
  for (int k = 0; k < 1000; ++k) {
    double x = std::ldexp(double(rng() >> 11), int(rng() % 200) - 100);
    EXPECT_EQ(to_double(rational_from_double(x)), x);
  }
}

TEST(Scalars, CastRoundTrips) {
  Game<double> g({2, 2});
  g.payoff(0, {0, 1}) = 0.25;
  g.payoff(1, {1, 0}) = -3;
  auto exact = g.cast<Rational>();
  EXPECT_EQ(exact.payoff(0, {0, 1}), Rational(1, 4));
  EXPECT_EQ(exact.cast<double>(), g);
}

}  // namespace
}  // namespace entente
