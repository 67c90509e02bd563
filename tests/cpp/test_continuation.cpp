// Equilibrium continuation (Newton on the old equilibrium's support): the
// continued equilibrium against exact vertex enumeration of the perturbed
// bimatrix game, against simpdiv on three players, and refusals when the
// support has to change.
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <random>
#include <vector>

#include "entente/games/generators.hpp"
#include "entente/solvers/continuation.hpp"
#include "entente/solvers/simpdiv.hpp"
#include "entente/solvers/vertex_enumeration.hpp"
#include "mixed_nplayer_games.hpp"

namespace entente {
namespace {

using testing::distance;

/// `g` with every payoff moved by a uniform amount in [-size, size].
Game<double> perturbed(const Game<double>& g, double size, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> noise(-size, size);
  Game<double> out = g;
  for (std::size_t i = 0; i < out.num_players(); ++i)
    for (double& u : out.payoffs(i)) u += noise(rng);
  return out;
}

std::vector<std::vector<std::size_t>> support_of(const MixedProfile<double>& p, double floor = 1e-9) {
  std::vector<std::vector<std::size_t>> s(p.num_players());
  for (std::size_t j = 0; j < p.num_players(); ++j)
    for (std::size_t h = 0; h < p[j].size(); ++h)
      if (p[j][h] > floor) s[j].push_back(h);
  return s;
}

TEST(Continuation, BimatrixEquilibriaMatchExactEnumerationOfThePerturbedGame) {
  // Every extreme equilibrium of a random 4x4 game, carried to a game 1e-3
  // away: where Newton succeeds, the result is an extreme equilibrium of
  // the new game (exact vertex enumeration of its rational twin lists it)
  // with the old support; most (regular) equilibria do continue.
  std::size_t tried = 0, continued = 0;
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    const auto g0 = games::random_game<double>({4, 4}, -9, 9, seed);
    const auto g1 = perturbed(g0, 1e-3, seed + 100);
    const auto exact = enumerate_equilibria(g1.cast<Rational>());
    for (const auto& e0 : enumerate_equilibria(g0)) {
      if (support_of(e0.profile)[0].size() < 2) continue;  // mixed ones only
      ++tried;
      const auto e1 = continue_equilibrium(g1, e0.profile);
      if (!e1) continue;
      ++continued;
      EXPECT_LE(e1->regret, 1e-8);
      EXPECT_EQ(e1->regret, regret(g1, e1->profile));  // the certificate, recomputed
      EXPECT_EQ(support_of(e1->profile), support_of(e0.profile));
      EXPECT_LT(distance(e1->profile, e0.profile), 0.05);
      bool listed = false;
      for (const auto& x : exact) listed = listed || distance(x.profile.cast<double>(), e1->profile) < 1e-9;
      EXPECT_TRUE(listed) << "seed " << seed;
    }
  }
  EXPECT_GE(tried, 10u);
  EXPECT_GE(continued * 10, tried * 9);
}

TEST(Continuation, ThreePlayerEquilibriaAgreeWithSimpdivOnTheSameBranch) {
  // Jordan's game has one equilibrium, everyone at 1/2; nudged payoffs move
  // it a little. Continued from the old one, it must be what simpdiv finds
  // in the nudged game (to simpdiv's tolerance).
  const auto jordan = testing::jordan_game<double>();
  const auto start = simpdiv(jordan).equilibrium;
  for (std::uint64_t seed = 0; seed < 10; ++seed) {
    const auto g = perturbed(jordan, 0.05, seed);
    const auto continued = continue_equilibrium(g, start.profile);
    ASSERT_TRUE(continued) << "seed " << seed;
    EXPECT_LE(continued->regret, 1e-8);
    EXPECT_EQ(continued->regret, regret(g, continued->profile));
    const auto fresh = simpdiv(g).equilibrium;
    EXPECT_LT(distance(fresh.profile, continued->profile), 1e-6) << "seed " << seed;
  }
}

TEST(Continuation, RefusesWhenTheSupportMustChange) {
  // Battle of the sexes: the mixed equilibrium (3/4, 1/4; 1/4, 3/4).
  Game<double> bos({2, 2});
  bos.payoff(0, {0, 0}) = 3, bos.payoff(0, {1, 1}) = 1;
  bos.payoff(1, {0, 0}) = 1, bos.payoff(1, {1, 1}) = 3;
  const MixedProfile<double> mixed{{{0.75, 0.25}, {0.25, 0.75}}};
  const auto same = continue_equilibrium(bos, MixedProfile<double>{{{0.7, 0.3}, {0.3, 0.7}}});
  ASSERT_TRUE(same);
  EXPECT_LT(distance(same->profile, mixed), 1e-12);
  // One player pure, the other mixing: no equilibrium has that support.
  EXPECT_FALSE(continue_equilibrium(bos, MixedProfile<double>{{{1.0, 0.0}, {0.5, 0.5}}}));
  // Row's first strategy now strictly dominant: the mixed equilibrium is
  // gone (Newton's answer leaves the simplex or its regret is large).
  Game<double> dominant = bos;
  dominant.payoff(0, {0, 1}) = 2;
  dominant.payoff(0, {1, 1}) = 1.5;
  EXPECT_FALSE(continue_equilibrium(dominant, mixed));
}

TEST(Continuation, BadInputIsRefused) {
  const auto jordan = testing::jordan_game<double>();
  const MixedProfile<double> half{{{0.5, 0.5}, {0.5, 0.5}, {0.5, 0.5}}};
  EXPECT_THROW(continue_equilibrium(jordan, MixedProfile<double>{{{0.5, 0.5}, {0.5, 0.5}}}), InvalidArgument);
  EXPECT_THROW(continue_equilibrium(jordan, MixedProfile<double>{{{1.0}, {0.5, 0.5}, {0.5, 0.5}}}), InvalidArgument);
  EXPECT_THROW(continue_equilibrium(jordan, half, 0.0), InvalidArgument);
  EXPECT_THROW(continue_equilibrium(jordan, half, std::nan("")), InvalidArgument);
  Game<double> broken = jordan;
  broken.payoffs(0)[0] = std::nan("");
  EXPECT_FALSE(continue_equilibrium(broken, half));
}

}  // namespace
}  // namespace entente
