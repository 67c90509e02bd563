// Simplicial subdivision (van der Laan-Talman-van der Heyden with restarts).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "entente/games/generators.hpp"
#include "entente/solvers/simpdiv.hpp"
#include "entente/solvers/solve.hpp"
#include "entente/solvers/vertex_enumeration.hpp"
#include "mixed_nplayer_games.hpp"
#include "typed.hpp"

namespace entente {
namespace {

using testing::distance;

template <class Scalar>
class SimpdivTest : public ::testing::Test {};
TYPED_TEST_SUITE(SimpdivTest, testing::Scalars);

/// The certificate is the regret of the returned profile, recomputed here.
template <class Scalar>
void expect_certified(const Game<Scalar>& g, const SimpdivResult<Scalar>& r) {
  EXPECT_EQ(r.equilibrium.regret, regret(g, r.equilibrium.profile));
  EXPECT_EQ(r.equilibrium.payoffs, expected_payoffs(g, r.equilibrium.profile));
}

TYPED_TEST(SimpdivTest, RandomThreeAndFourPlayerGamesReachTheTolerance) {
  using S = TypeParam;
  // Exact arithmetic is slower per label: smaller games there.
  const std::vector<std::vector<std::size_t>> shapes =
      is_exact_v<S> ? std::vector<std::vector<std::size_t>>{{3, 3, 3}, {2, 2, 2, 2}}
                    : std::vector<std::vector<std::size_t>>{{4, 4, 4}, {5, 5, 5}, {3, 3, 3, 3}, {4, 4, 4, 4}};
  for (const auto& shape : shapes)
    for (std::uint64_t seed = 0; seed < 4; ++seed) {
      SCOPED_TRACE("players " + std::to_string(shape.size()) + " seed " + std::to_string(seed));
      const auto g = games::random_game<S>(shape, -9, 9, seed);
      SimpdivOptions<S> options;
      options.tolerance = 1e-7;
      const auto r = simpdiv(g, options);
      EXPECT_EQ(r.status, SimpdivStatus::converged);
      EXPECT_LE(to_double(r.equilibrium.regret), 1e-7);
      EXPECT_GE(r.pivots, 1u);
      EXPECT_GE(r.refinements, 1u);
      expect_certified(g, r);
      // Unless polished, the profile lies on the reported grid.
      if (!r.polished)
        for (const auto& s : r.equilibrium.profile.strategies)
        for (const auto& x : s) {
          const double units = to_double(x) * double(r.grid);
          EXPECT_NEAR(units, std::round(units), 1e-6 * std::max(1.0, units));
        }
    }
}

TYPED_TEST(SimpdivTest, RockPaperScissorsFromAPureStart) {
  using S = TypeParam;
  const auto g = games::rock_paper_scissors_game<S>(3);
  SimpdivOptions<S> options;
  options.start = MixedProfile<S>({{S(1), S(0), S(0)}, {S(0), S(1), S(0)}});
  const auto r = simpdiv(g, options);
  ASSERT_EQ(r.status, SimpdivStatus::converged);
  // 1/3 is on no grid of step 2^-k: polishing finds it.
  EXPECT_TRUE(r.polished);
  EXPECT_LT(distance(r.equilibrium.profile, MixedProfile<S>::uniform(g)), 1e-9);
  // Without polishing the grids close in linearly: the regret halves with
  // each refinement, and the walk stays on the grid.
  options.polish = false;
  options.max_refinements = 8;
  const auto unpolished = simpdiv(g, options);
  EXPECT_EQ(unpolished.status, SimpdivStatus::refinement_limit);
  EXPECT_FALSE(unpolished.polished);
  EXPECT_EQ(unpolished.grid, 256);
  EXPECT_TRUE(testing::Near(unpolished.equilibrium.regret, S(1) / S(256)));
  // From the centroid it starts on the equilibrium: exactly, in Rational.
  const auto centred = simpdiv(g);
  EXPECT_TRUE(testing::Near(centred.equilibrium.regret, S(0)));
}

TYPED_TEST(SimpdivTest, UniqueMixedEquilibriumIsFound) {
  using S = TypeParam;
  for (std::size_t n : {2, 3, 4}) {
    SCOPED_TRACE(n);
    const auto g = games::unique_mixed_equilibrium_game<S>(n);
    const auto expected = games::unique_mixed_equilibrium<S>(n);
    const auto r = simpdiv(g);
    ASSERT_EQ(r.status, SimpdivStatus::converged);
    EXPECT_LT(distance(r.equilibrium.profile, expected), 1e-6);
  }
  // A start whose denominator is 11 puts (6/11, 3/11, 2/11) on every grid:
  // the exact walk lands on it without polishing.
  const auto g = games::unique_mixed_equilibrium_game<S>(3);
  SimpdivOptions<S> options;
  options.polish = false;
  const S a = testing::S<S>("5/11"), b = testing::S<S>("3/11");
  if constexpr (is_exact_v<S>) {
    options.start = MixedProfile<S>({{a, b, b}, {a, b, b}});
    const auto r = simpdiv(g, options);
    EXPECT_EQ(r.equilibrium.regret, 0);
    EXPECT_EQ(r.equilibrium.profile.strategies, games::unique_mixed_equilibrium<S>(3).strategies);
    EXPECT_EQ(r.grid % 11, 0);
  }
}

TYPED_TEST(SimpdivTest, MatchingPenniesAndJordansGame) {
  using S = TypeParam;
  const auto pennies = testing::game<S>({{1, -1}, {-1, 1}}, {{-1, 1}, {1, -1}});
  SimpdivOptions<S> options;
  options.start = MixedProfile<S>({{S(1), S(0)}, {S(0), S(1)}});
  auto r = simpdiv(pennies, options);
  ASSERT_EQ(r.status, SimpdivStatus::converged);
  EXPECT_LT(distance(r.equilibrium.profile, MixedProfile<S>::uniform(pennies)), 1e-6);

  const auto jordan = testing::jordan_game<S>();
  options.start = MixedProfile<S>({{S(1), S(0)}, {S(1), S(0)}, {S(0), S(1)}});
  r = simpdiv(jordan, options);
  ASSERT_EQ(r.status, SimpdivStatus::converged);
  EXPECT_LT(distance(r.equilibrium.profile, MixedProfile<S>::uniform(jordan)), 1e-6);
  // auto: no pure equilibrium, so simpdiv.
  const auto solved = solve(jordan);
  EXPECT_EQ(solved.method, Method::simpdiv);
  EXPECT_EQ(solved.status, Status::converged);
  ASSERT_EQ(solved.equilibria.size(), 1u);
  EXPECT_LT(distance(solved.equilibria[0].profile, MixedProfile<S>::uniform(jordan)), 1e-6);
  // A game with pure equilibria keeps them under auto.
  const auto dispersion = games::dispersion_game<S>(3, 3);
  const auto pure = solve(dispersion);
  EXPECT_EQ(pure.method, Method::enumpure);
  EXPECT_EQ(pure.equilibria.size(), pure_nash(dispersion).size());
}

TYPED_TEST(SimpdivTest, TwoPlayerResultIsOneOfTheExtremeEquilibria) {
  using S = TypeParam;
  for (std::uint64_t seed = 0; seed < 6; ++seed) {
    SCOPED_TRACE(seed);
    const auto g = games::random_game<S>({4, 4}, -9, 9, seed);
    const auto r = simpdiv(g);
    ASSERT_EQ(r.status, SimpdivStatus::converged);
    double nearest = std::numeric_limits<double>::infinity();
    for (const auto& eq : enumerate_equilibria(g)) nearest = std::min(nearest, distance(eq.profile, r.equilibrium.profile));
    EXPECT_LT(nearest, 1e-5);
  }
}

TYPED_TEST(SimpdivTest, LimitsGiveTheirStatusAndACertifiedProfile) {
  using S = TypeParam;
  const auto g = games::random_game<S>({3, 3, 3}, -9, 9, 5);
  SimpdivOptions<S> options;
  options.polish = false;
  options.max_pivots = 1;
  auto r = simpdiv(g, options);
  EXPECT_EQ(r.status, SimpdivStatus::pivot_limit);
  EXPECT_EQ(r.pivots, 1u);
  expect_certified(g, r);
  EXPECT_GT(to_double(r.equilibrium.regret), 0);

  options = {};
  options.polish = false;
  options.max_refinements = 1;
  r = simpdiv(g, options);
  EXPECT_EQ(r.status, SimpdivStatus::refinement_limit);
  EXPECT_EQ(r.refinements, 1u);
  EXPECT_EQ(r.grid, 6);  // centroid denominator 3, times initial_grid 2
  expect_certified(g, r);

  options = {};
  options.time_limit_seconds = 1e-12;
  r = simpdiv(g, options);
  EXPECT_EQ(r.status, SimpdivStatus::time_limit);
  expect_certified(g, r);
}

TYPED_TEST(SimpdivTest, BadOptionsThrow) {
  using S = TypeParam;
  const auto g = games::random_game<S>({2, 2, 2}, -9, 9, 1);
  auto expect_bad = [&](auto change) {
    SimpdivOptions<S> options;
    change(options);
    EXPECT_THROW(simpdiv(g, options), InvalidArgument);
  };
  expect_bad([](auto& o) { o.tolerance = 0; });
  expect_bad([](auto& o) { o.tolerance = -1; });
  expect_bad([](auto& o) { o.tolerance = std::nan(""); });
  expect_bad([](auto& o) { o.tolerance = std::numeric_limits<double>::infinity(); });
  expect_bad([](auto& o) { o.initial_grid = 0; });
  expect_bad([](auto& o) { o.refinement = 1; });
  expect_bad([](auto& o) { o.max_refinements = 0; });
  expect_bad([](auto& o) { o.max_pivots = 0; });
  expect_bad([](auto& o) { o.time_limit_seconds = 0; });
  expect_bad([](auto& o) { o.time_limit_seconds = std::nan(""); });
  expect_bad([](auto& o) { o.start = MixedProfile<S>({{S(1), S(0)}, {S(1), S(0)}}); });  // two players of three
  expect_bad([](auto& o) { o.start = MixedProfile<S>({{S(1), S(1)}, {S(1), S(0)}, {S(1), S(0)}}); });
}

TEST(Simpdiv, NonFinitePayoffsThrow) {
  auto g = games::random_game<double>({2, 2, 2}, -9, 9, 1);
  g.payoff(1, {0, 1, 0}) = std::nan("");
  EXPECT_THROW(simpdiv(g), InvalidArgument);
  g.payoff(1, {0, 1, 0}) = std::numeric_limits<double>::infinity();
  EXPECT_THROW(simpdiv(g), InvalidArgument);
  EXPECT_THROW(solve(g, {.method = Method::simpdiv}), InvalidArgument);
}

TEST(Simpdiv, ExactAndFloatingAgreeOnTheWalk) {
  // Grid points are integers in both, so the walks coincide whenever the
  // labels do (integer payoffs: exact ties are rare and the same).
  const auto g = games::random_game<Rational>({3, 3, 3}, -9, 9, 2);
  const auto exact = simpdiv(g);
  const auto floating = simpdiv(g.cast<double>());
  EXPECT_EQ(exact.grid, floating.grid);
  EXPECT_LT(distance(exact.equilibrium.profile.cast<double>(), floating.equilibrium.profile), 1e-12);
}

}  // namespace
}  // namespace entente
