// Learning dynamics: fictitious play, replicator, best response, regret matching.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "entente/games/generators.hpp"
#include "entente/solvers/learning.hpp"
#include "typed.hpp"

namespace entente {
namespace {

Game<double> matching_pennies() { return testing::game<double>({{1, -1}, {-1, 1}}, {{-1, 1}, {1, -1}}); }

TEST(Learning, OptionsAreChecked) {
  const auto g = matching_pennies();
  LearningOptions zero_iters;
  zero_iters.iterations = 0;
  LearningOptions zero_every;
  zero_every.record_every = 0;
  for (const auto& bad : {zero_iters, zero_every}) {
    EXPECT_THROW(fictitious_play(g, bad), InvalidArgument);
    EXPECT_THROW(replicator_dynamics(g, 0.1, bad), InvalidArgument);
    EXPECT_THROW(best_response_dynamics(g, bad), InvalidArgument);
    EXPECT_THROW(regret_matching(g, bad), InvalidArgument);
  }
  LearningOptions huge;
  huge.iterations = std::size_t{1} << 40;
  EXPECT_THROW(fictitious_play(g, huge), InvalidArgument);  // trajectory too large
  EXPECT_THROW(replicator_dynamics(g, 0.0), InvalidArgument);
  EXPECT_THROW(replicator_dynamics(g, -1.0), InvalidArgument);
  EXPECT_THROW(replicator_dynamics(g, 0.1, {}, MixedProfile<double>({{0.5, 0.6}, {0.5, 0.5}})), InvalidArgument);
  EXPECT_THROW(best_response_dynamics(g, {}, false, {0, 2}), InvalidArgument);
  EXPECT_THROW(best_response_dynamics(g, {}, false, {0}), InvalidArgument);
}

TEST(Learning, TrajectoryShape) {
  const auto g = games::random_real_game({2, 3, 4}, 1);
  LearningOptions o;
  o.iterations = 25;
  o.record_every = 10;
  const auto r = fictitious_play(g, o);
  EXPECT_EQ(r.steps, (std::vector<std::size_t>{0, 10, 20, 25}));
  EXPECT_EQ(r.trajectory.rows(), 4);
  EXPECT_EQ(r.trajectory.cols(), 9);
  EXPECT_EQ(column_offset(g, 2), 5u);
  for (Eigen::Index k = 0; k < 4; ++k) {  // each player's block is a distribution
    EXPECT_NEAR(r.trajectory.row(k).segment(0, 2).sum(), 1.0, 1e-12);
    EXPECT_NEAR(r.trajectory.row(k).segment(2, 3).sum(), 1.0, 1e-12);
    EXPECT_NEAR(r.trajectory.row(k).segment(5, 4).sum(), 1.0, 1e-12);
  }
  for (std::size_t s = 0; s < 4; ++s) EXPECT_DOUBLE_EQ(r.trajectory(3, Eigen::Index(5 + s)), r.profile[2][s]);
  EXPECT_DOUBLE_EQ(r.regret, regret(g, r.profile));
  double total = 0;
  for (const auto& atom : r.distribution) total += atom.probability;
  EXPECT_NEAR(total, 1.0, 1e-12);
}

TEST(Learning, FictitiousPlayMatchingPenniesConverges) {
  LearningOptions o;
  o.iterations = 10000;
  o.record_every = 1000;
  const auto r = fictitious_play(matching_pennies(), o);
  for (std::size_t i = 0; i < 2; ++i)
    for (std::size_t s = 0; s < 2; ++s) EXPECT_NEAR(r.profile[i][s], 0.5, 0.02);
  EXPECT_LT(r.regret, 0.04);
  // Zero-sum (Robinson 1951): also the unique equilibrium of a bigger game.
  const auto g = games::unique_mixed_equilibrium_game<double>(4);
  const auto eq = games::unique_mixed_equilibrium<double>(4);
  const auto r4 = fictitious_play(g, o);
  for (std::size_t i = 0; i < 2; ++i)
    for (std::size_t s = 0; s < 4; ++s) EXPECT_NEAR(r4.profile[i][s], eq[i][s], 0.02);
}

TEST(Learning, FictitiousPlayTieBreakIsLowestIndex) {
  LearningOptions o;
  o.iterations = 1;
  const auto r = fictitious_play(games::coordination_game<double>(3), o);
  EXPECT_EQ(r.profile[0], (std::vector<double>{1, 0, 0}));
  EXPECT_EQ(r.profile[1], (std::vector<double>{1, 0, 0}));
  // From a prior, the best response to it.
  const auto r2 = fictitious_play(games::coordination_game<double>(3), o,
                                  MixedProfile<double>({{0.2, 0.3, 0.5}, {0.1, 0.6, 0.3}}));
  EXPECT_EQ(r2.profile[0], (std::vector<double>{0, 1, 0}));
  EXPECT_EQ(r2.profile[1], (std::vector<double>{0, 0, 1}));
}

TEST(Learning, FictitiousPlayCyclesInShapleysGame) {
  // Shapley (1964): play runs round the 6-cycle (0,0) (0,1) (1,1) (1,2)
  // (2,2) (2,0) with geometrically growing runs, and the empirical
  // frequencies approach a limit cycle (the Shapley triangle), not the
  // uniform equilibrium: their regret stays bounded away from 0.
  const auto g = games::shapley_game<double>();
  LearningOptions o;
  o.iterations = 200000;
  o.record_every = 1000;
  const auto r = fictitious_play(g, o);
  std::set<std::vector<std::size_t>> cells;
  for (const auto& atom : r.distribution) {
    cells.insert(atom.profile);
    EXPECT_GT(atom.probability, 0.01);
  }
  const std::set<std::vector<std::size_t>> cycle{{0, 0}, {0, 1}, {1, 1}, {1, 2}, {2, 2}, {2, 0}};
  EXPECT_EQ(cells, cycle);
  double min_regret = 1;
  for (Eigen::Index k = 1; k < r.trajectory.rows(); ++k) {
    MixedProfile<double> p({{r.trajectory(k, 0), r.trajectory(k, 1), r.trajectory(k, 2)},
                            {r.trajectory(k, 3), r.trajectory(k, 4), r.trajectory(k, 5)}});
    min_regret = std::min(min_regret, regret(g, p));
  }
  EXPECT_GT(min_regret, 0.05);
  // The frequencies keep moving: over the last half they swing by a lot.
  const auto col0 = r.trajectory.col(0).tail(r.trajectory.rows() / 2);
  EXPECT_GT(col0.maxCoeff() - col0.minCoeff(), 0.1);
}

TEST(Learning, ReplicatorCoordinationConvergesToPure) {
  const auto g = games::coordination_game<double>(2);
  LearningOptions o;
  o.iterations = 2000;
  o.record_every = 100;
  for (auto method : {OdeMethod::rk4, OdeMethod::euler}) {
    const auto r = replicator_dynamics(g, 0.05, o, MixedProfile<double>({{0.6, 0.4}, {0.55, 0.45}}), method);
    EXPECT_GT(r.profile[0][0], 0.999);
    EXPECT_GT(r.profile[1][0], 0.999);
    EXPECT_LT(r.regret, 1e-3);
    // Monotone approach: the share of strategy 0 never falls.
    for (Eigen::Index k = 1; k < r.trajectory.rows(); ++k)
      EXPECT_GE(r.trajectory(k, 0), r.trajectory(k - 1, 0) - 1e-15);
    // Biased the other way, the other equilibrium.
    const auto r2 = replicator_dynamics(g, 0.05, o, MixedProfile<double>({{0.3, 0.7}, {0.45, 0.55}}), method);
    EXPECT_GT(r2.profile[0][1], 0.999);
    EXPECT_GT(r2.profile[1][1], 0.999);
  }
  // The uniform profile is a rest point (interior equilibrium).
  const auto rest = replicator_dynamics(g, 0.05, o);
  EXPECT_NEAR(rest.profile[0][0], 0.5, 1e-12);
}

TEST(Learning, ReplicatorKeepsProbabilitiesOnTheSimplex) {
  const auto g = games::random_real_game({3, 2, 2}, 9);
  LearningOptions o;
  o.iterations = 500;
  const auto r = replicator_dynamics(g, 0.1, o);
  for (Eigen::Index k = 0; k < r.trajectory.rows(); ++k) {
    EXPECT_GE(r.trajectory.row(k).minCoeff(), 0.0);
    EXPECT_NEAR(r.trajectory.row(k).segment(0, 3).sum(), 1.0, 1e-12);
  }
  // Matching pennies: RK4 nearly conserves the orbit (closed orbits around the
  // equilibrium in continuous time), so play neither converges nor escapes.
  const auto mp = replicator_dynamics(matching_pennies(), 0.01, o, MixedProfile<double>({{0.7, 0.3}, {0.5, 0.5}}));
  EXPECT_GT(mp.regret, 0.1);
  EXPECT_GT(mp.profile[0][0], 0.01);
  EXPECT_LT(mp.profile[0][0], 0.99);
}

TEST(Learning, BestResponseDynamicsReachesPureNash) {
  LearningOptions o;
  o.iterations = 100;
  const auto coord = games::coordination_game<double>(3);
  const auto r = best_response_dynamics(coord, o, false, {0, 2});
  EXPECT_TRUE(r.converged);
  EXPECT_EQ(r.regret, 0.0);
  EXPECT_EQ(r.profile[1], (std::vector<double>{0, 0, 1}));  // player 0 moved to 2, player 1 stayed
  EXPECT_EQ(r.profile[0], (std::vector<double>{0, 0, 1}));
  EXPECT_EQ(r.iterations, 2u);  // one round of moves, one quiet round
  // Dispersion games are potential games: sequential BR disperses everyone.
  const auto disp = games::dispersion_game<double>(4, 4);
  const auto rd = best_response_dynamics(disp, o);
  EXPECT_TRUE(rd.converged);
  EXPECT_EQ(rd.regret, 0.0);
  std::set<std::size_t> spots;
  for (std::size_t i = 0; i < 4; ++i)
    spots.insert(std::size_t(std::max_element(rd.profile[i].begin(), rd.profile[i].end()) - rd.profile[i].begin()));
  EXPECT_EQ(spots.size(), 4u);
  // Simultaneous BR cycles in 2x2 coordination from (0,1): (1,0), (0,1), ...
  const auto rs = best_response_dynamics(games::coordination_game<double>(2), o, true, {0, 1});
  EXPECT_FALSE(rs.converged);
  EXPECT_EQ(rs.iterations, 100u);
  EXPECT_EQ(rs.regret, 1.0);
  // Matching pennies has no pure equilibrium: never converges.
  EXPECT_FALSE(best_response_dynamics(matching_pennies(), o).converged);
}

bool has_pure_equilibrium(const Game<double>& g) {
  for (std::size_t k = 0; k < g.num_profiles(); ++k)
    if (regret(g, MixedProfile<double>::pure(g, g.profile_at(k))) == 0) return true;
  return false;
}

TEST(Learning, RegretMatchingCceGainVanishes) {
  const auto g = games::random_real_game({3, 3}, 1);
  ASSERT_FALSE(has_pure_equilibrium(g));  // play has to keep mixing
  LearningOptions o;
  o.iterations = 20000;
  o.record_every = 2000;
  o.seed = 7;
  const auto r = regret_matching(g, o);
  const double gain = correlated_gain(g, r.distribution, true);
  EXPECT_LT(gain, 0.01);
  EXPECT_NEAR(r.gains.back(), gain, 1e-9);  // the incremental certificate agrees
  ASSERT_EQ(r.gains.size(), r.steps.size());
  EXPECT_LT(r.gains.back(), r.gains[1]);  // after 20000 rounds vs after 2000
  // Decreasing with the horizon, seed by seed (about 1/sqrt(t)), in
  // rock-paper-scissors where play never settles.
  const auto rps = games::rock_paper_scissors_game<double>(3);
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    SCOPED_TRACE(seed);
    LearningOptions a = o, b = o;
    a.seed = b.seed = seed;
    a.iterations = 200;
    const double early = correlated_gain(rps, regret_matching(rps, a).distribution, true);
    const double late = correlated_gain(rps, regret_matching(rps, b).distribution, true);
    EXPECT_LT(late, early);
    EXPECT_LT(late, 0.05);
  }
  // Reproducible, and a prefix of a longer run with the same seed.
  const auto again = regret_matching(g, o);
  EXPECT_EQ(again.distribution.size(), r.distribution.size());
  EXPECT_EQ(again.trajectory, r.trajectory);
  LearningOptions shorter = o;
  shorter.iterations = 2000;
  EXPECT_EQ(regret_matching(g, shorter).trajectory.row(1), r.trajectory.row(1));
  o.seed = 8;
  EXPECT_FALSE(regret_matching(g, o).trajectory == r.trajectory);
  // Over several games and seeds.
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    SCOPED_TRACE(seed);
    const auto h = games::random_real_game({3, 3}, seed);
    o.seed = seed;
    const auto rh = regret_matching(h, o);
    EXPECT_LT(correlated_gain(h, rh.distribution, true), 0.05);
  }
  // Three players.
  const auto h3 = games::random_real_game({2, 3, 2}, 77);
  const auto r3 = regret_matching(h3, o);
  EXPECT_LT(correlated_gain(h3, r3.distribution, true), 0.05);
  EXPECT_NEAR(r3.gains.back(), correlated_gain(h3, r3.distribution, true), 1e-9);
}

TEST(Learning, ConditionalRegretMatchingCeGainVanishes) {
  const auto g = games::random_real_game({3, 3}, 1);
  LearningOptions o;
  o.iterations = 50000;
  o.record_every = 5000;
  o.seed = 3;
  const auto r = regret_matching(g, o, true);
  const double gain = correlated_gain(g, r.distribution, false);
  EXPECT_NEAR(r.gains.back(), gain, 1e-9);
  EXPECT_LT(gain, 0.05);
  EXPECT_LT(r.gains.back(), r.gains[1]);
  // Shapley's game: its CE gain also goes to 0 although play does not converge.
  const auto s = games::shapley_game<double>();
  const auto rs = regret_matching(s, o, true);
  EXPECT_LT(correlated_gain(s, rs.distribution, false), 0.05);
}

TEST(Learning, RegretMatchingZeroSumMarginalsApproachEquilibrium) {
  // In two-player zero-sum games CCE marginals are optimal strategies, so
  // the marginal frequencies approach the unique equilibrium.
  const auto g = games::unique_mixed_equilibrium_game<double>(3);
  const auto eq = games::unique_mixed_equilibrium<double>(3);
  LearningOptions o;
  o.iterations = 50000;
  o.record_every = 50000;
  o.seed = 1;
  const auto r = regret_matching(g, o);
  for (std::size_t i = 0; i < 2; ++i)
    for (std::size_t s = 0; s < 3; ++s) EXPECT_NEAR(r.profile[i][s], eq[i][s], 0.03);
  EXPECT_LT(r.regret, 0.05);
}

TEST(Learning, StatusAndTimeLimit) {
  const auto g = games::random_real_game({3, 3, 3}, 4);
  LearningOptions o;
  o.iterations = 50;
  EXPECT_EQ(fictitious_play(g, o).status, LearningStatus::complete);
  EXPECT_EQ(regret_matching(g, o).status, LearningStatus::complete);
  EXPECT_EQ(replicator_dynamics(g, 0.01, o).status, LearningStatus::complete);
  // Sequential best response in a coordination game comes to rest.
  const auto coord = games::coordination_game<double>(3);
  const auto at_rest = best_response_dynamics(coord, o, false, {0, 1});
  EXPECT_EQ(at_rest.status, LearningStatus::converged);
  EXPECT_TRUE(at_rest.converged);
  // Shapley's game has no pure equilibrium: best responses cycle forever.
  const auto cycle = best_response_dynamics(games::shapley_game<double>(), o);
  EXPECT_EQ(cycle.status, LearningStatus::iteration_limit);
  EXPECT_FALSE(cycle.converged);
  EXPECT_EQ(cycle.iterations, 50u);

  // A tiny time limit stops a long run early, with a consistent result.
  LearningOptions quick;
  quick.iterations = 100000000;
  quick.record_every = 1000000;
  quick.time_limit_seconds = 1e-3;
  for (const auto& r : {fictitious_play(g, quick), regret_matching(g, quick),
                        replicator_dynamics(g, 0.001, quick), best_response_dynamics(games::shapley_game<double>(), quick)}) {
    EXPECT_EQ(r.status, LearningStatus::time_limit);
    EXPECT_LT(r.iterations, quick.iterations);
    EXPECT_EQ(r.steps.back(), r.iterations);
  }
  LearningOptions bad = o;
  bad.time_limit_seconds = -1;
  EXPECT_THROW(fictitious_play(g, bad), InvalidArgument);
  bad.time_limit_seconds = std::nan("");
  EXPECT_THROW(regret_matching(g, bad), InvalidArgument);
}

TEST(Learning, NonFinitePayoffsAreRejected) {
  auto g = games::random_real_game({2, 2, 2}, 9);
  g.payoffs(1)[3] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(fictitious_play(g), InvalidArgument);
  EXPECT_THROW(replicator_dynamics(g, 0.1), InvalidArgument);
  EXPECT_THROW(best_response_dynamics(g), InvalidArgument);
  EXPECT_THROW(regret_matching(g), InvalidArgument);
  g.payoffs(1)[3] = std::numeric_limits<double>::infinity();
  EXPECT_THROW(fictitious_play(g), InvalidArgument);
}

}  // namespace
}  // namespace entente
