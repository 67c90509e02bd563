// Logit QRE tracing (McKelvey-Palfrey, Turocy) from lambda = 0.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "entente/games/generators.hpp"
#include "entente/solvers/logit.hpp"
#include "entente/solvers/solve.hpp"
#include "entente/solvers/vertex_enumeration.hpp"
#include "mixed_nplayer_games.hpp"
#include "typed.hpp"

namespace entente {
namespace {

using testing::distance;

/// Every branch point is a logit QRE: p_jh is proportional to
/// exp(lambda v_jh(p)), checked from the definition (McKelvey & Palfrey
/// 1995, eq. (4)) with strategy_values, independently of the tracer.
double worst_qre_residual(const Game<double>& g, const LogitResult& r) {
  double worst = 0;
  for (const auto& point : r.branch)
    for (std::size_t j = 0; j < g.num_players(); ++j) {
      const auto v = strategy_values(g, point.profile, j);
      const double top = *std::max_element(v.begin(), v.end());
      double total = 0;
      for (double x : v) total += std::exp(point.lambda * (x - top));
      for (std::size_t h = 0; h < v.size(); ++h)
        worst = std::max(worst, std::abs(point.profile[j][h] - std::exp(point.lambda * (v[h] - top)) / total));
    }
  return worst;
}

TEST(Logit, BranchStartsAtTheCentroidAndIsMadeOfQres) {
  const auto g = games::random_game<double>({3, 4, 2}, -9, 9, 3);
  const auto r = logit(g);
  ASSERT_GE(r.branch.size(), 3u);
  EXPECT_EQ(r.branch.front().lambda, 0.0);
  EXPECT_LT(distance(r.branch.front().profile, MixedProfile<double>::uniform(g)), 1e-15);
  EXPECT_LT(worst_qre_residual(g, r), 1e-7);
  EXPECT_EQ(r.steps + 1, r.branch.size());
  EXPECT_GT(r.branch.back().lambda, r.branch.front().lambda);
}

TEST(Logit, LambdaIncreasesOnGamesWithoutTurningPoints) {
  for (std::size_t n : {2, 3, 5}) {
    const auto g = games::unique_mixed_equilibrium_game<double>(n);
    const auto r = logit(g);
    ASSERT_EQ(r.status, LogitStatus::converged);
    ASSERT_GE(r.branch.size(), 3u);
    for (std::size_t k = 1; k < r.branch.size(); ++k) EXPECT_GT(r.branch[k].lambda, r.branch[k - 1].lambda);
    EXPECT_LT(distance(r.equilibrium.profile, games::unique_mixed_equilibrium<double>(n)), 1e-8);
    EXPECT_LE(r.equilibrium.regret, 1e-8);
  }
}

TEST(Logit, RandomThreeAndFourPlayerGamesReachTheTolerance) {
  for (const std::vector<std::size_t> shape : {std::vector<std::size_t>{4, 4, 4}, {5, 5, 5}, {3, 3, 3, 3}, {4, 4, 4, 4}})
    for (std::uint64_t seed = 0; seed < 4; ++seed) {
      SCOPED_TRACE("players " + std::to_string(shape.size()) + " seed " + std::to_string(seed));
      const auto g = games::random_game<double>(shape, -9, 9, seed);
      LogitOptions options;
      options.tolerance = 1e-9;
      const auto r = logit(g, options);
      EXPECT_EQ(r.status, LogitStatus::converged);
      EXPECT_LE(r.equilibrium.regret, 1e-9);
      EXPECT_EQ(r.equilibrium.regret, regret(g, r.equilibrium.profile));
      // The polished end is the end of this branch, not another equilibrium.
      EXPECT_LT(distance(r.branch.back().profile, r.equilibrium.profile), 0.01);
    }
}

TEST(Logit, KnownUniqueEquilibria) {
  const auto rps = games::rock_paper_scissors_game<double>(5);
  auto r = logit(rps);
  EXPECT_EQ(r.status, LogitStatus::converged);
  EXPECT_LT(distance(r.equilibrium.profile, MixedProfile<double>::uniform(rps)), 1e-9);
  const auto pennies = testing::game<double>({{1, -1}, {-1, 1}}, {{-1, 1}, {1, -1}});
  r = logit(pennies);
  EXPECT_LT(distance(r.equilibrium.profile, MixedProfile<double>::uniform(pennies)), 1e-9);
  const auto jordan = testing::jordan_game<double>();
  r = logit(jordan);
  EXPECT_EQ(r.status, LogitStatus::converged);
  EXPECT_LT(distance(r.equilibrium.profile, MixedProfile<double>::uniform(jordan)), 1e-9);
  // An asymmetric 2x2 game with a unique mixed equilibrium (no pure one):
  // A = [[3, 0], [0, 1]], B = [[0, 2], [1, 0]] gives x = (1/3, 2/3),
  // y = (1/4, 3/4) by the indifference conditions.
  const auto g = testing::game<double>({{3, 0}, {0, 1}}, {{0, 2}, {1, 0}});
  r = logit(g);
  EXPECT_LT(distance(r.equilibrium.profile, MixedProfile<double>({{1.0 / 3, 2.0 / 3}, {0.25, 0.75}})), 1e-9);
}

TEST(Logit, TwoPlayerResultIsOneOfTheExtremeEquilibria) {
  for (std::uint64_t seed = 0; seed < 8; ++seed) {
    SCOPED_TRACE(seed);
    const auto g = games::random_game<double>({4, 5}, -9, 9, seed);
    const auto r = logit(g);
    ASSERT_EQ(r.status, LogitStatus::converged);
    double nearest = std::numeric_limits<double>::infinity();
    for (const auto& eq : enumerate_equilibria(g)) nearest = std::min(nearest, distance(eq.profile, r.equilibrium.profile));
    EXPECT_LT(nearest, 1e-7);
  }
}

TEST(Logit, LimitsGiveTheirStatusAndAnHonestCertificate) {
  const auto g = games::random_game<double>({4, 4, 4}, -9, 9, 1);
  LogitOptions options;
  options.max_steps = 1;
  auto r = logit(g, options);
  EXPECT_EQ(r.status, LogitStatus::step_limit);
  EXPECT_EQ(r.steps, 1u);
  EXPECT_EQ(r.equilibrium.regret, regret(g, r.equilibrium.profile));
  EXPECT_GT(r.equilibrium.regret, 1e-3);

  options = {};
  options.max_lambda = 0.05;
  r = logit(g, options);
  EXPECT_EQ(r.status, LogitStatus::lambda_limit);
  EXPECT_GE(r.branch.back().lambda, 0.05);
  EXPECT_EQ(r.equilibrium.regret, regret(g, r.equilibrium.profile));

  options = {};
  options.time_limit_seconds = 1e-12;
  r = logit(g, options);
  EXPECT_EQ(r.status, LogitStatus::time_limit);
  EXPECT_EQ(r.branch.size(), 1u);
}

TEST(Logit, BadOptionsAndGamesThrow) {
  const auto g = games::random_game<double>({2, 2, 2}, -9, 9, 1);
  auto expect_bad = [&](auto change) {
    LogitOptions options;
    change(options);
    EXPECT_THROW(logit(g, options), InvalidArgument);
  };
  expect_bad([](auto& o) { o.tolerance = 0; });
  expect_bad([](auto& o) { o.tolerance = std::nan(""); });
  expect_bad([](auto& o) { o.max_lambda = -1; });
  expect_bad([](auto& o) { o.max_steps = 0; });
  expect_bad([](auto& o) { o.first_step = 0; });
  expect_bad([](auto& o) { o.min_step = 0; });
  expect_bad([](auto& o) { o.min_step = 1; });  // above first_step
  expect_bad([](auto& o) { o.max_step = 0.001; });  // below first_step
  expect_bad([](auto& o) { o.time_limit_seconds = 0; });
  auto bad = g;
  bad.payoff(2, {1, 1, 1}) = std::nan("");
  EXPECT_THROW(logit(bad), InvalidArgument);
  bad.payoff(2, {1, 1, 1}) = -std::numeric_limits<double>::infinity();
  EXPECT_THROW(logit(bad), InvalidArgument);
  // Through solve(): floating only.
  EXPECT_THROW(solve(g.cast<Rational>(), {.method = Method::logit}), InvalidArgument);
  const auto solved = solve(g, {.method = Method::logit});
  EXPECT_EQ(solved.status, Status::converged);
  ASSERT_EQ(solved.equilibria.size(), 1u);
  EXPECT_LE(solved.equilibria[0].regret, 1e-8);
}

}  // namespace
}  // namespace entente
