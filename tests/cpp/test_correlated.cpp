// Correlated and coarse correlated equilibria by LP: chicken's known optimum,
// Nash equilibria as point distributions, orderings between objectives and
// between CE and CCE on random games.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "entente/games/generators.hpp"
#include "entente/solvers/correlated.hpp"
#include "entente/solvers/pure_nash.hpp"
#include "typed.hpp"

namespace entente {
namespace {

using testing::matrix;
using testing::game;

using testing::Near;
using testing::S;
using Profile = std::vector<std::size_t>;

template <class Scalar>
class CorrelatedTest : public ::testing::Test {};
TYPED_TEST_SUITE(CorrelatedTest, testing::Scalars);

/// Chicken: 0 = swerve, 1 = dare.
template <class Scalar>
Game<Scalar> chicken() {
  return bimatrix_game<Scalar>(matrix<Scalar>(2, 2, {6, 2, 7, 0}), matrix<Scalar>(2, 2, {6, 7, 2, 0}));
}

template <class Scalar>
Scalar welfare(const CorrelatedResult<Scalar>& r) {
  Scalar sum(0);
  for (const auto& x : r.payoffs) sum += x;
  return sum;
}

/// The result is a sparse probability distribution with the payoffs it claims.
template <class Scalar>
::testing::AssertionResult well_formed(const Game<Scalar>& g, const CorrelatedResult<Scalar>& r) {
  if (r.status != lp::Status::optimal) return ::testing::AssertionFailure() << entente::to_string(r.status);
  Scalar sum(0);
  std::vector<Scalar> payoffs(g.num_players(), Scalar(0));
  for (std::size_t k = 0; k < r.distribution.size(); ++k) {
    const auto& atom = r.distribution[k];
    if (!(atom.probability > 0)) return ::testing::AssertionFailure() << "an atom without mass";
    if (k > 0 && !(g.flat_index(r.distribution[k - 1].profile) < g.flat_index(atom.profile)))
      return ::testing::AssertionFailure() << "atoms out of order";
    sum += atom.probability;
    for (std::size_t i = 0; i < g.num_players(); ++i) payoffs[i] += atom.probability * g.payoff(i, atom.profile);
  }
  if (!Near(sum, Scalar(1))) return ::testing::AssertionFailure() << "mass " << to_string(sum);
  for (std::size_t i = 0; i < g.num_players(); ++i)
    if (!Near(payoffs[i], r.payoffs[i])) return ::testing::AssertionFailure() << "payoff of player " << i;
  if (!Near(r.regret, Scalar(0), 1e-7)) return ::testing::AssertionFailure() << "regret " << to_string(r.regret);
  return ::testing::AssertionSuccess();
}

// The known answer (also in OpenSpiel's tests): welfare 21/2 from 1/2 on
// (swerve, swerve) and 1/4 on each of the two pure equilibria.
TYPED_TEST(CorrelatedTest, ChickenMaxWelfare) {
  auto g = chicken<TypeParam>();
  auto r = correlated_equilibrium(g, CorrelatedObjective<TypeParam>::welfare());
  ASSERT_TRUE(well_formed(g, r));
  EXPECT_FALSE(r.coarse);
  EXPECT_TRUE(Near(r.objective, S<TypeParam>("21/2")));
  EXPECT_TRUE(Near(welfare(r), S<TypeParam>("21/2")));
  EXPECT_TRUE(Near(r.payoffs[0], S<TypeParam>("21/4")));
  EXPECT_TRUE(Near(r.payoffs[1], S<TypeParam>("21/4")));
  ASSERT_EQ(r.distribution.size(), 3u);
  EXPECT_EQ(r.distribution[0].profile, (Profile{0, 0}));
  EXPECT_EQ(r.distribution[1].profile, (Profile{0, 1}));
  EXPECT_EQ(r.distribution[2].profile, (Profile{1, 0}));
  EXPECT_TRUE(Near(r.distribution[0].probability, S<TypeParam>("1/2")));
  EXPECT_TRUE(Near(r.distribution[1].probability, S<TypeParam>("1/4")));
  EXPECT_TRUE(Near(r.distribution[2].probability, S<TypeParam>("1/4")));
  if constexpr (is_exact_v<TypeParam>) {
    EXPECT_EQ(r.regret, 0);
    EXPECT_EQ(r.objective.get_str(), "21/2");
  }
  // The default objective is welfare.
  EXPECT_TRUE(Near(correlated_equilibrium(g).objective, S<TypeParam>("21/2")));
}

TYPED_TEST(CorrelatedTest, ChickenObjectives) {
  auto g = chicken<TypeParam>();
  using Objective = CorrelatedObjective<TypeParam>;
  // Each player's best CE is the pure equilibrium where it dares: 7.
  for (std::size_t i = 0; i < 2; ++i) {
    auto r = correlated_equilibrium(g, Objective::player_payoff(i));
    ASSERT_TRUE(well_formed(g, r));
    EXPECT_TRUE(Near(r.objective, TypeParam(7)));
    EXPECT_TRUE(Near(r.payoffs[i], TypeParam(7)));
  }
  // Symmetric game: the max-min is half the best welfare.
  auto egalitarian = correlated_equilibrium(g, Objective::egalitarian());
  ASSERT_TRUE(well_formed(g, egalitarian));
  EXPECT_TRUE(Near(egalitarian.objective, S<TypeParam>("21/4")));
  EXPECT_TRUE(Near(std::min(egalitarian.payoffs[0], egalitarian.payoffs[1]), S<TypeParam>("21/4")));
  // Weights (1, 0) are player 0's objective; (1, 1) is welfare.
  auto weighted = correlated_equilibrium(g, Objective::weighted({TypeParam(1), TypeParam(0)}));
  EXPECT_TRUE(Near(weighted.objective, TypeParam(7)));
  auto even = correlated_equilibrium(g, Objective::weighted({TypeParam(1), TypeParam(1)}));
  EXPECT_TRUE(Near(even.objective, S<TypeParam>("21/2")));
  // Every CE is a CCE, so the coarse optimum is at least 21/2.
  auto coarse = correlated_equilibrium(g, Objective::welfare(), true);
  ASSERT_TRUE(well_formed(g, coarse));
  EXPECT_TRUE(coarse.coarse);
  EXPECT_GE(coarse.objective, S<TypeParam>("21/2") - TypeParam(is_exact_v<TypeParam> ? 0 : 1e-9));
}

TYPED_TEST(CorrelatedTest, GainCertificate) {
  auto g = chicken<TypeParam>();
  using Atom = ProfileProbability<TypeParam>;
  // The pure equilibria and the mixed one (each swerves with 2/3, as a
  // product distribution) are correlated equilibria.
  EXPECT_EQ(correlated_gain(g, {Atom{{1, 0}, TypeParam(1)}}), TypeParam(0));
  EXPECT_EQ(correlated_gain(g, {Atom{{0, 1}, TypeParam(1)}}, true), TypeParam(0));
  auto third = S<TypeParam>("1/3");
  std::vector<Atom> mixed{{{0, 0}, 4 * third * third}, {{0, 1}, 2 * third * third},
                          {{1, 0}, 2 * third * third}, {{1, 1}, third * third}};
  EXPECT_TRUE(Near(correlated_gain(g, mixed), TypeParam(0)));
  // (swerve, swerve) for sure: daring instead gains 7 - 6 = 1, for either
  // player and under either notion.
  EXPECT_EQ(correlated_gain(g, {Atom{{0, 0}, TypeParam(1)}}), TypeParam(1));
  EXPECT_EQ(correlated_gain(g, {Atom{{0, 0}, TypeParam(1)}}, true), TypeParam(1));
  // 1/3 each on (swerve, dare), (dare, swerve), (dare, dare). Told "dare",
  // the row player gains by swerving: 1/3 (6 - 7) + 1/3 (2 - 0) = 1/3; the
  // same deviation made unconditionally (CCE) gains as much, since when told
  // "swerve" it already swerves.
  std::vector<Atom> risky{{{0, 1}, S<TypeParam>("1/3")}, {{1, 0}, S<TypeParam>("1/3")},
                          {{1, 1}, S<TypeParam>("1/3")}};
  EXPECT_TRUE(Near(correlated_gain(g, risky), S<TypeParam>("1/3")));
  EXPECT_TRUE(Near(correlated_gain(g, risky, true), S<TypeParam>("1/3")));
  EXPECT_THROW(correlated_gain(g, {Atom{{0, 0}, S<TypeParam>("1/2")}}), InvalidArgument);
  EXPECT_THROW(correlated_gain(g, {Atom{{0, 2}, TypeParam(1)}}), InvalidArgument);
  EXPECT_THROW(correlated_gain(g, {Atom{{0, 0}, TypeParam(2)}, Atom{{1, 1}, TypeParam(-1)}}), InvalidArgument);
}

TYPED_TEST(CorrelatedTest, RejectsObjectivesThatDoNotFit) {
  auto g = chicken<TypeParam>();
  using Objective = CorrelatedObjective<TypeParam>;
  EXPECT_THROW(correlated_equilibrium(g, Objective::player_payoff(2)), InvalidArgument);
  EXPECT_THROW(correlated_equilibrium(g, Objective::weighted({TypeParam(1)})), InvalidArgument);
}

template <class Scalar>
Game<Scalar> random_game(std::mt19937_64& rng, std::vector<std::size_t> shape, int lo = -5, int hi = 5) {
  Game<Scalar> g(std::move(shape));
  std::uniform_int_distribution<int> value(lo, hi);
  for (std::size_t i = 0; i < g.num_players(); ++i)
    for (auto& x : g.payoffs(i)) x = Scalar(value(rng));
  return g;
}

// Nash equilibria (pure, as point distributions) are correlated equilibria,
// every CE is a CCE, and the LP optima are ordered accordingly.
TYPED_TEST(CorrelatedTest, OrderingsOnRandomGames) {
  std::mt19937_64 rng(99);
  using Objective = CorrelatedObjective<TypeParam>;
  const TypeParam slack(is_exact_v<TypeParam> ? 0 : 1e-7);
  std::size_t with_pure = 0, coarse_better = 0;
  for (int trial = 0; trial < 30; ++trial) {
    std::vector<std::size_t> shape{2 + std::size_t(trial % 3), 2 + std::size_t(trial % 2)};
    if (trial % 3 == 2) shape.push_back(2);
    auto g = random_game<TypeParam>(rng, shape);
    auto ce = correlated_equilibrium(g);
    auto cce = correlated_equilibrium(g, Objective::welfare(), true);
    ASSERT_TRUE(well_formed(g, ce)) << "trial " << trial;
    ASSERT_TRUE(well_formed(g, cce)) << "trial " << trial;
    EXPECT_TRUE(Near(ce.objective, welfare(ce), 1e-7));
    EXPECT_GE(cce.objective + slack, ce.objective);
    coarse_better += cce.objective > ce.objective + slack;
    // CE constraints imply the CCE ones.
    EXPECT_TRUE(Near(correlated_gain(g, ce.distribution, true), TypeParam(0), 1e-7));

    for (const auto& eq : pure_equilibria(g)) {
      ++with_pure;
      std::vector<ProfileProbability<TypeParam>> point{{eq.profile, TypeParam(1)}};
      EXPECT_EQ(correlated_gain(g, point), TypeParam(0));
      EXPECT_EQ(correlated_gain(g, point, true), TypeParam(0));
      TypeParam w(0);
      for (const auto& x : eq.payoffs) w += x;
      EXPECT_GE(ce.objective + slack, w);
    }

    auto egalitarian = correlated_equilibrium(g, Objective::egalitarian());
    ASSERT_TRUE(well_formed(g, egalitarian)) << "trial " << trial;
    EXPECT_TRUE(Near(egalitarian.objective,
                     *std::min_element(egalitarian.payoffs.begin(), egalitarian.payoffs.end()), 1e-7));
    EXPECT_GE(egalitarian.objective + slack, *std::min_element(ce.payoffs.begin(), ce.payoffs.end()));
    EXPECT_GE(ce.objective + slack, welfare(egalitarian));
    for (std::size_t i = 0; i < g.num_players(); ++i) {
      auto best = correlated_equilibrium(g, Objective::player_payoff(i));
      ASSERT_TRUE(well_formed(g, best)) << "trial " << trial;
      EXPECT_TRUE(Near(best.objective, best.payoffs[i], 1e-7));
      EXPECT_GE(best.objective + slack, ce.payoffs[i]);
      EXPECT_GE(best.objective + slack, egalitarian.payoffs[i]);
      EXPECT_GE(ce.objective + slack, welfare(best));
      EXPECT_GE(best.objective + slack, egalitarian.objective);
    }
  }
  EXPECT_GT(with_pure, 10u);
  EXPECT_GT(coarse_better, 0u);
}

TEST(CorrelatedExact, ThreePlayerRandomGamesAreExactAndFloatingAgrees) {
  std::mt19937_64 rng(3);
  for (int trial = 0; trial < 12; ++trial) {
    std::vector<std::size_t> shape{2 + std::size_t(trial % 2), 2 + std::size_t(trial / 2 % 2),
                                   2 + std::size_t(trial % 3 == 0)};
    auto g = random_game<Rational>(rng, shape, -9, 9);
    for (bool coarse : {false, true}) {
      auto exact = correlated_equilibrium(g, CorrelatedObjective<Rational>::welfare(), coarse);
      ASSERT_EQ(exact.status, lp::Status::optimal);
      EXPECT_EQ(exact.regret, 0);
      EXPECT_EQ(correlated_gain(g, exact.distribution, coarse), 0);
      EXPECT_EQ(exact.objective, welfare(exact));
      Rational mass = 0;
      for (const auto& atom : exact.distribution) mass += atom.probability;
      EXPECT_EQ(mass, 1);

      auto floating = correlated_equilibrium(g.cast<double>(), CorrelatedObjective<double>::welfare(), coarse);
      ASSERT_EQ(floating.status, lp::Status::optimal);
      EXPECT_NEAR(floating.objective, exact.objective.get_d(), 1e-7);
      EXPECT_LE(floating.regret, 1e-7);
    }
  }
}

// Games large and degenerate enough that the floating LP goes through
// lp::detail::solve_dual_from_crash's dual simplex (not just its crash
// basis): the floating optimum matches the verified exact one for every
// objective, and its certificate is rounding-sized.
TEST(CorrelatedExact, LargerGamesFloatingMatchesExactForEveryObjective) {
  using Objective = CorrelatedObjective<Rational>;
  using FloatingObjective = CorrelatedObjective<double>;
  const std::vector<std::pair<std::vector<std::size_t>, long long>> cases{
      {{5, 5, 5}, 99}, {{3, 3, 3, 3}, 3}, {{4, 4, 4}, 4}};
  for (const auto& [shape, high] : cases) {
    const auto g = games::random_game<Rational>(shape, 0, high, 11);
    const auto f = g.cast<double>();
    const std::vector<std::pair<Objective, FloatingObjective>> objectives{
        {Objective::welfare(), FloatingObjective::welfare()},
        {Objective::egalitarian(), FloatingObjective::egalitarian()},
        {Objective::player_payoff(1), FloatingObjective::player_payoff(1)},
        {Objective::weighted(std::vector<Rational>(shape.size(), Rational(1, 2))),
         FloatingObjective::weighted(std::vector<double>(shape.size(), 0.5))}};
    for (bool coarse : {false, true})
      for (const auto& [exact_objective, floating_objective] : objectives) {
        const auto exact = correlated_equilibrium(g, exact_objective, coarse);
        ASSERT_EQ(exact.status, lp::Status::optimal);
        EXPECT_EQ(exact.regret, 0);
        const auto floating = correlated_equilibrium(f, floating_objective, coarse);
        ASSERT_TRUE(well_formed(f, floating)) << "shape size " << shape.size() << " coarse " << coarse;
        EXPECT_NEAR(floating.objective, exact.objective.get_d(), 1e-7);
        EXPECT_LE(floating.regret, 1e-9);
      }
  }
}

TEST(CorrelatedInput, NonFinitePayoffsAndWeightsAreRejected) {
  auto g = testing::game<double>({{6, 2}, {7, 0}}, {{6, 7}, {2, 0}});
  EXPECT_THROW(correlated_equilibrium(g, CorrelatedObjective<double>::weighted({1.0, std::nan("")})), InvalidArgument);
  EXPECT_THROW(correlated_equilibrium(g, CorrelatedObjective<double>::weighted({1.0})), InvalidArgument);
  g.payoffs(0)[1] = std::nan("");
  EXPECT_THROW(correlated_equilibrium(g), InvalidArgument);
  EXPECT_THROW(pure_equilibria(g), InvalidArgument);
  g.payoffs(0)[1] = -std::numeric_limits<double>::infinity();
  EXPECT_THROW(correlated_equilibrium(g, {}, true), InvalidArgument);
  EXPECT_THROW(pure_equilibria(g), InvalidArgument);
}

}  // namespace
}  // namespace entente

namespace entente {
namespace {

// The solvers fuzz target's exact_cce_glpk_assertion_leaked_gmp.bin: payoffs
// of 1e300 beside small integers make a nonzero reduced cost of GLPK's exact
// simplex underflow to 0.0 as a double, and GLPK 5.0 asserts (`temp != 0.0`,
// glpssx01.c). That is a SolverError; before the fix it also leaked every
// GMP number glp_exact held (LeakSanitizer under `make sanitize`). After it
// the next exact LP on the thread must work.
TEST(CorrelatedExact, GlpkExactAssertionIsSolverErrorAndTheNextSolveWorks) {
  const Rational huge = Rational(mpz_class("1" + std::string(300, '0')));
  Game<Rational> g({4, 4});
  const std::vector<Rational> row{1, -8, -8, -8, -8, -7, -8, -8, huge, -3, -5, -5, huge, -8, -8, -8};
  std::copy(row.begin(), row.end(), g.payoffs(0).begin());
  std::fill(g.payoffs(1).begin(), g.payoffs(1).end(), Rational(-8));
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      const auto r = correlated_equilibrium(g, {}, /*coarse=*/true);
      // A GLPK that no longer asserts must give a certified answer.
      ASSERT_EQ(r.status, lp::Status::optimal);
      EXPECT_EQ(r.regret, 0);
    } catch (const SolverError& e) {
      EXPECT_NE(std::string(e.what()).find("GLPK error"), std::string::npos) << e.what();
    }
  }
  Game<Rational> pennies({2, 2});
  const std::vector<Rational> a{1, -1, -1, 1};
  std::copy(a.begin(), a.end(), pennies.payoffs(0).begin());
  for (std::size_t k = 0; k < 4; ++k) pennies.payoffs(1)[k] = -a[k];
  const auto ce = correlated_equilibrium(pennies);
  ASSERT_EQ(ce.status, lp::Status::optimal);
  EXPECT_EQ(ce.regret, 0);
  EXPECT_EQ(ce.payoffs[0], 0);
}

// The solvers fuzz target's floating_cce_1e300_glpk_segfault.bin: a 4x4
// game with payoffs of 1e300, 1e12 and small integers. GLPK's floating dual
// simplex read uninitialised memory on its (coarse) correlated-equilibrium
// LP and crashed; now the LP layer refuses such data (SolverError) before
// GLPK sees it, and the exact solve still answers, or reports GLPK's
// exact-simplex assertion as above.
TEST(CorrelatedInput, PayoffsPastGlpksFloatingRangeAreSolverErrorNotACrash) {
  const double big = 1e300;
  const std::vector<double> u{-8, -7.0 / 1024, 5, -3, big, 0, -8, -7.0 / 1024, -8, -8, -8, -8, -8, -8, -8, -4,
                              1,  -7.0 / 1024, 0, big, -7.0 / 1024, 1e12, 0, 0, 0, big, 0, -1e12, -6, 1, 1e12, 0};
  Game<double> g({4, 4});
  std::copy(u.begin(), u.begin() + 16, g.payoffs(0).begin());
  std::copy(u.begin() + 16, u.end(), g.payoffs(1).begin());
  for (bool coarse : {false, true}) {
    EXPECT_THROW(correlated_equilibrium(g, {}, coarse), SolverError);
    try {
      const auto r = correlated_equilibrium(g.cast<Rational>(), {}, coarse);
      ASSERT_EQ(r.status, lp::Status::optimal);
      EXPECT_EQ(r.regret, 0);
    } catch (const SolverError& e) {
      EXPECT_NE(std::string(e.what()).find("GLPK error"), std::string::npos) << e.what();
    }
  }
}

// The dense rational fallback (for data past double's 53 bits) against
// GLPK's verified exact simplex on the same LP: equal optimal values for
// every objective, CE and CCE, on random 2- and 3-player games with ties;
// and its distribution is a (C)CE with the value it claims.
TEST(CorrelatedExact, DenseFallbackMatchesGlpkOnEveryObjective) {
  for (std::uint64_t seed = 0; seed < 12; ++seed) {
    const std::vector<std::size_t> shape = seed % 2 ? std::vector<std::size_t>{3, 3, 2} : std::vector<std::size_t>{4, 3};
    const auto g = games::random_game<Rational>(shape, -4, 4, seed);
    Rational low(0);
    for (std::size_t i = 0; i < g.num_players(); ++i)
      for (const auto& u : g.payoffs(i)) low = std::min(low, u);
    std::vector<Rational> weights;
    for (std::size_t i = 0; i < g.num_players(); ++i) weights.emplace_back(int(i) + 1, 3);
    for (const auto& objective : {CorrelatedObjective<Rational>::welfare(), CorrelatedObjective<Rational>::player_payoff(1),
                                  CorrelatedObjective<Rational>::egalitarian(),
                                  CorrelatedObjective<Rational>::weighted(weights)})
      for (bool coarse : {false, true}) {
        SCOPED_TRACE("seed " + std::to_string(seed) + (coarse ? " coarse" : ""));
        const auto model = detail::correlated_model(g, objective, coarse);
        const auto glpk = lp::solve(model);
        const auto dense = detail::solve_correlated_dense(model, g.num_profiles(), Rational(low - 1), 0);
        ASSERT_EQ(glpk.status, lp::Status::optimal);
        ASSERT_EQ(dense.status, lp::Status::optimal);
        EXPECT_EQ(dense.objective, glpk.objective);
        const auto r = detail::correlated_result(g, coarse, dense);
        EXPECT_TRUE(well_formed(g, r));
        EXPECT_EQ(r.regret, 0);
      }
  }
}

// The solvers fuzz target's floating_cce_2pow60_large_gain.bin: a 3x3x3
// game with payoffs of 2^60 beside small integers and 1/3. The floating
// CCE came back "optimal" with a largest gain above 1e12, not a CCE at all.
// Now a floating (C)CE whose gain fails certificate_tolerance is solved
// again the general way, and a SolverError if that fails too; the exact
// CCE is the oracle for the value.
TEST(CorrelatedInput, BadlyScaledPayoffsNeverGiveAnUncertifiedDistribution) {
  const double b = 1152921504606846976.0;  // 2^60
  const double t = -7.0 / 1024;
  const std::vector<std::vector<double>> u{
      {b, b, b, b, b, 2, -5, t, 7, 2, t, 5, 1.0 / 3, -8, -8, -3, -8, -8, -8, -1, -8, t, t, -7, 0, -3, 0},
      {-8, -8, -8, -8, t, t, -7, -3, -4, 7, -8, 2, t, t, t, -7, -4, b, 0, b, b, b, 1, -8, -8, -8, -8},
      std::vector<double>(27, -8.0)};
  Game<double> g({3, 3, 3});
  for (std::size_t i = 0; i < 3; ++i) std::copy(u[i].begin(), u[i].end(), g.payoffs(i).begin());
  const auto exact = correlated_equilibrium(g.cast<Rational>(), {}, /*coarse=*/true);
  ASSERT_EQ(exact.status, lp::Status::optimal);
  EXPECT_EQ(exact.regret, 0);
  try {
    const auto r = correlated_equilibrium(g, {}, /*coarse=*/true);
    ASSERT_EQ(r.status, lp::Status::optimal);
    EXPECT_LE(r.regret, certificate_tolerance(g));
    EXPECT_EQ(r.regret, correlated_gain(g, r.distribution, true));
    EXPECT_NEAR(r.objective, to_double(exact.objective), 1e-6 * b);
  } catch (const SolverError& e) {
    EXPECT_NE(std::string(e.what()).find("fails its certificate"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace entente
