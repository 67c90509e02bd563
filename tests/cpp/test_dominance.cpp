// Iterated elimination of dominated strategies: textbook games, mixed-only
// domination, weak dominance, and certificates checked on random games.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <random>
#include <set>

#include "entente/solvers/dominance.hpp"
#include "entente/solvers/pure_nash.hpp"
#include "typed.hpp"

namespace entente {
namespace {

using Profile = std::vector<std::size_t>;
using Lists = std::vector<std::vector<std::size_t>>;

template <class Scalar>
class DominanceTest : public ::testing::Test {};
TYPED_TEST_SUITE(DominanceTest, testing::Scalars);

template <class Scalar>
Mat<Scalar> matrix(int rows, int cols, std::initializer_list<const char*> values) {
  Mat<Scalar> m(rows, cols);
  auto it = values.begin();
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) m(r, c) = testing::S<Scalar>(*it++);
  return m;
}

/// Checks that every trace entry is a valid certificate: dominated_by is a
/// probability vector on the player's strategies alive at the start of its
/// round (other than the eliminated one), and it dominates that strategy
/// (strictly, or weakly) against every profile of the others' strategies
/// alive at the start of the round.
template <class Scalar>
::testing::AssertionResult valid_trace(const Game<Scalar>& game, const DominanceResult<Scalar>& result, bool weak) {
  const double tol = is_exact_v<Scalar> ? 0.0 : 1e-9;
  for (const auto& e : result.trace) {
    std::vector<std::vector<char>> alive;
    for (std::size_t i = 0; i < game.num_players(); ++i) alive.emplace_back(game.num_strategies(i), 1);
    for (const auto& earlier : result.trace)
      if (earlier.round < e.round) alive[earlier.player][earlier.strategy] = 0;
    if (!alive[e.player][e.strategy]) return ::testing::AssertionFailure() << "eliminated twice";
    if (e.dominated_by.size() != game.num_strategies(e.player))
      return ::testing::AssertionFailure() << "dominated_by has the wrong size";
    Scalar sum(0);
    for (std::size_t t = 0; t < e.dominated_by.size(); ++t) {
      if (e.dominated_by[t] < 0) return ::testing::AssertionFailure() << "negative weight";
      if (e.dominated_by[t] != 0 && (t == e.strategy || !alive[e.player][t]))
        return ::testing::AssertionFailure() << "weight on strategy " << t << " that was not available";
      sum += e.dominated_by[t];
    }
    if (!testing::Near(sum, Scalar(1))) return ::testing::AssertionFailure() << "weights sum to " << to_string(sum);
    bool somewhere = false;
    for (std::size_t k = 0; k < game.num_profiles(); ++k) {
      Profile a = game.profile_at(k);
      if (a[e.player] != e.strategy) continue;
      bool others_alive = true;
      for (std::size_t j = 0; j < game.num_players(); ++j) others_alive = others_alive && alive[j][a[j]];
      if (!others_alive) continue;
      Scalar mixture(0);
      for (std::size_t t = 0; t < e.dominated_by.size(); ++t) {
        Profile b = a;
        b[e.player] = t;
        mixture += e.dominated_by[t] * game.payoff(e.player, b);
      }
      const Scalar& own = game.payoff(e.player, a);
      if (mixture > own + Scalar(tol)) somewhere = true;
      bool ok = weak ? mixture >= own - Scalar(tol) : mixture > own + Scalar(tol);
      if (!ok)
        return ::testing::AssertionFailure() << "player " << e.player << " strategy " << e.strategy << " round "
                                             << e.round << ": mixture gets " << to_string(mixture) << " vs "
                                             << to_string(own);
    }
    if (weak && !somewhere) return ::testing::AssertionFailure() << "weak dominance nowhere strict";
  }
  return ::testing::AssertionSuccess();
}

TYPED_TEST(DominanceTest, PrisonersDilemmaLeavesMutualDefection) {
  auto a = matrix<TypeParam>(2, 2, {"3", "0", "5", "1"});
  Mat<TypeParam> b = a.transpose();
  auto g = bimatrix_game<TypeParam>(a, b);
  g.set_player(0, "Row");
  for (std::size_t i = 0; i < 2; ++i) g.set_strategy(i, 0, "C"), g.set_strategy(i, 1, "D");
  for (bool mixed : {false, true}) {
    auto r = eliminate_dominated(g, {.mixed = mixed});
    EXPECT_EQ(r.surviving, (Lists{{1}, {1}}));
    EXPECT_EQ(r.rounds, 1u);
    ASSERT_EQ(r.trace.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
      EXPECT_EQ(r.trace[i].player, i);
      EXPECT_EQ(r.trace[i].strategy, 0u);
      EXPECT_EQ(r.trace[i].dominated_by, (std::vector<TypeParam>{TypeParam(0), TypeParam(1)}));
      EXPECT_EQ(r.trace[i].round, 1u);
    }
    EXPECT_EQ(r.game.shape(), (std::vector<std::size_t>{1, 1}));
    EXPECT_EQ(r.game.players()[0], "Row");
    EXPECT_EQ(r.game.strategies(1), (std::vector<std::string>{"D"}));
    EXPECT_EQ(r.game.payoff(0, {0, 0}), TypeParam(1));
    EXPECT_TRUE(valid_trace(g, r, false));
  }
}

// Rows T, M, B and columns L, C, R. Round 1: T dominates B, C dominates R.
// Round 2 (B gone): L dominates C. Round 3 (only L left): T dominates M.
// (T, L) is the game's only Nash equilibrium.
TYPED_TEST(DominanceTest, ThreeByThreeNeedsThreeRounds) {
  auto a = matrix<TypeParam>(3, 3, {"3", "1", "2", "1", "3", "1", "0", "0", "1"});
  auto b = matrix<TypeParam>(3, 3, {"3", "1", "0", "2", "1", "0", "0", "5", "1"});
  auto g = bimatrix_game<TypeParam>(a, b);
  auto r = eliminate_dominated(g);
  EXPECT_EQ(r.surviving, (Lists{{0}, {0}}));
  EXPECT_EQ(r.rounds, 3u);
  struct Expected {
    std::size_t player, strategy, by, round;
  };
  std::vector<Expected> expected{{0, 2, 0, 1}, {1, 2, 1, 1}, {1, 1, 0, 2}, {0, 1, 0, 3}};
  ASSERT_EQ(r.trace.size(), expected.size());
  for (std::size_t k = 0; k < expected.size(); ++k) {
    EXPECT_EQ(r.trace[k].player, expected[k].player);
    EXPECT_EQ(r.trace[k].strategy, expected[k].strategy);
    EXPECT_EQ(r.trace[k].round, expected[k].round);
    std::vector<TypeParam> pure(3, TypeParam(0));
    pure[expected[k].by] = 1;
    EXPECT_EQ(r.trace[k].dominated_by, pure);
  }
  EXPECT_TRUE(valid_trace(g, r, false));
  auto eqs = pure_equilibria(g);
  ASSERT_EQ(eqs.size(), 1u);
  EXPECT_EQ(eqs[0].profile, (Profile{0, 0}));
}

// Row payoffs (3,0), (0,3), (1,1): the third row is strictly dominated by
// (1/2, 1/2) (which gets 3/2 against either column) but by no pure row.
TYPED_TEST(DominanceTest, DominatedOnlyByAMixture) {
  auto a = matrix<TypeParam>(3, 2, {"3", "0", "0", "3", "1", "1"});
  Mat<TypeParam> b = Mat<TypeParam>::Zero(3, 2);
  auto g = bimatrix_game<TypeParam>(a, b);

  auto pure = eliminate_dominated(g, {.mixed = false});
  EXPECT_EQ(pure.surviving, (Lists{{0, 1, 2}, {0, 1}}));
  EXPECT_TRUE(pure.trace.empty());
  EXPECT_EQ(pure.rounds, 0u);
  EXPECT_EQ(pure.game, g);

  auto mixed = eliminate_dominated(g, {.mixed = true});
  EXPECT_EQ(mixed.surviving, (Lists{{0, 1}, {0, 1}}));
  ASSERT_EQ(mixed.trace.size(), 1u);
  const auto& e = mixed.trace[0];
  EXPECT_EQ(e.player, 0u);
  EXPECT_EQ(e.strategy, 2u);
  EXPECT_EQ(e.round, 1u);
  // The LP maximises the margin, which singles out (1/2, 1/2): margin 1/2.
  ASSERT_EQ(e.dominated_by.size(), 3u);
  EXPECT_TRUE(testing::Near(e.dominated_by[0], testing::S<TypeParam>("1/2")));
  EXPECT_TRUE(testing::Near(e.dominated_by[1], testing::S<TypeParam>("1/2")));
  EXPECT_EQ(e.dominated_by[2], TypeParam(0));
  for (int c = 0; c < 2; ++c) {
    TypeParam mixture = e.dominated_by[0] * a(0, c) + e.dominated_by[1] * a(1, c);
    EXPECT_GT(mixture, a(2, c));
  }
  EXPECT_TRUE(valid_trace(g, mixed, false));
  EXPECT_EQ(mixed.game.strategies(0), (std::vector<std::string>{"1", "2"}));
}

// Row 2 = (1,1,0) is weakly dominated by (1/2,1/2) on rows (2,0,1), (0,2,1)
// (it gets (1,1,1)), but not strictly, and by no pure row at all.
TYPED_TEST(DominanceTest, WeakDominanceByAMixture) {
  auto a = matrix<TypeParam>(3, 3, {"2", "0", "1", "0", "2", "1", "1", "1", "0"});
  Mat<TypeParam> b = Mat<TypeParam>::Zero(3, 3);
  auto g = bimatrix_game<TypeParam>(a, b);
  EXPECT_TRUE(eliminate_dominated(g, {.mixed = true}).trace.empty());
  EXPECT_TRUE(eliminate_dominated(g, {.mixed = false, .weak = true}).trace.empty());
  auto r = eliminate_dominated(g, {.mixed = true, .weak = true});
  ASSERT_EQ(r.trace.size(), 1u);
  EXPECT_EQ(r.trace[0].strategy, 2u);
  EXPECT_TRUE(testing::Near(r.trace[0].dominated_by[0], testing::S<TypeParam>("1/2")));
  EXPECT_TRUE(valid_trace(g, r, true));
  EXPECT_FALSE(valid_trace(g, r, false));  // the certificate is weak only
  EXPECT_EQ(r.surviving, (Lists{{0, 1}, {0, 1, 2}}));
}

// Weak elimination depends on the order. Rows T, M, B; columns L, R:
//   T: 1,1  0,0     M weakly dominates T and B. Removing both first (our
//   M: 1,1  2,1     order: everything dominated at the start of a round)
//   B: 0,0  2,1     leaves M against L and R, tied. Removing T alone first
// would let R weakly dominate L, ending at (M or B, R).
TYPED_TEST(DominanceTest, WeakEliminationFollowsTheDocumentedOrder) {
  auto a = matrix<TypeParam>(3, 2, {"1", "0", "1", "2", "0", "2"});
  auto b = matrix<TypeParam>(3, 2, {"1", "0", "1", "1", "0", "1"});
  auto g = bimatrix_game<TypeParam>(a, b);
  EXPECT_TRUE(eliminate_dominated(g).trace.empty());  // no strict dominance
  auto r = eliminate_dominated(g, {.weak = true});
  EXPECT_EQ(r.surviving, (Lists{{1}, {0, 1}}));
  EXPECT_EQ(r.rounds, 1u);
  ASSERT_EQ(r.trace.size(), 2u);
  EXPECT_EQ(r.trace[0].strategy, 0u);
  EXPECT_EQ(r.trace[1].strategy, 2u);
  EXPECT_EQ(r.trace[1].dominated_by, (std::vector<TypeParam>{TypeParam(0), TypeParam(1), TypeParam(0)}));
  EXPECT_TRUE(valid_trace(g, r, true));
  // Both surviving profiles are equilibria of the original game.
  auto eqs = pure_equilibria(g);
  std::set<Profile> original;
  for (const auto& eq : eqs) original.insert(eq.profile);
  EXPECT_TRUE(original.count({1, 0}) && original.count({1, 1}));
}

TYPED_TEST(DominanceTest, OnePlayerKeepsItsMaxima) {
  Game<TypeParam> g({4});
  int values[] = {3, 7, 7, 1};
  for (std::size_t s = 0; s < 4; ++s) g.payoffs(0)[s] = TypeParam(values[s]);
  auto r = eliminate_dominated(g, {.mixed = true});
  EXPECT_EQ(r.surviving, (Lists{{1, 2}}));
  EXPECT_TRUE(valid_trace(g, r, false));
  // Weakly, the tie between 1 and 2 keeps both: neither beats the other anywhere.
  EXPECT_EQ(eliminate_dominated(g, {.mixed = true, .weak = true}).surviving, (Lists{{1, 2}}));
}

/// Random payoffs in [-4, 4]; in some games one strategy of player 0 is
/// planted just below the average of two others, so that mixtures matter.
template <class Scalar>
Game<Scalar> random_game(std::mt19937_64& rng, std::vector<std::size_t> shape, bool plant) {
  Game<Scalar> g(shape);
  std::uniform_int_distribution<int> value(-4, 4);
  for (std::size_t i = 0; i < shape.size(); ++i)
    for (auto& x : g.payoffs(i)) x = Scalar(value(rng));
  if (plant && shape[0] >= 3) {
    auto u = g.payoffs(0);
    const std::size_t stride = g.stride(0);
    for (std::size_t k = 0; k < g.num_profiles(); ++k) {
      if (g.profile_at(k)[0] != 2) continue;
      u[k] = (u[k - 2 * stride] + u[k - stride] - Scalar(1)) / Scalar(2);
    }
  }
  return g;
}

std::set<Profile> mapped_equilibria(const DominanceResult<Rational>& r) {
  std::set<Profile> out;
  for (const auto& eq : pure_equilibria(r.game)) {
    Profile original;
    for (std::size_t i = 0; i < eq.profile.size(); ++i) original.push_back(r.surviving[i][eq.profile[i]]);
    out.insert(original);
  }
  return out;
}

// On random 2- and 3-player games: the traces certify themselves, pure
// equilibria of the reduced game are exactly those of the original (strict
// elimination), mixed elimination removes at least what pure does, and
// double agrees with Rational on what is eliminated and when.
TEST(DominanceRandom, CertificatesEquilibriaAndAgreement) {
  std::mt19937_64 rng(7);
  std::size_t mixed_only = 0, eliminated = 0;
  for (int trial = 0; trial < 80; ++trial) {
    std::vector<std::size_t> shape =
        trial % 2 ? std::vector<std::size_t>{3 + std::size_t(trial % 3), 2 + std::size_t(trial % 4)}
                  : std::vector<std::size_t>{3, 2 + std::size_t(trial % 3), 2};
    auto g = random_game<Rational>(rng, shape, trial % 3 != 0);
    std::set<Profile> original;
    for (const auto& eq : pure_equilibria(g)) original.insert(eq.profile);
    for (bool mixed : {false, true}) {
      auto r = eliminate_dominated(g, {.mixed = mixed});
      EXPECT_TRUE(valid_trace(g, r, false)) << "trial " << trial;
      EXPECT_EQ(mapped_equilibria(r), original) << "trial " << trial;
      for (const auto& e : r.trace) {
        auto nonzero = std::count_if(e.dominated_by.begin(), e.dominated_by.end(), [](auto& x) { return x != 0; });
        mixed_only += nonzero > 1;
      }
      eliminated += r.trace.size();

      auto d = eliminate_dominated(g.cast<double>(), {.mixed = mixed});
      EXPECT_EQ(d.surviving, r.surviving) << "trial " << trial;
      ASSERT_EQ(d.trace.size(), r.trace.size()) << "trial " << trial;
      for (std::size_t k = 0; k < d.trace.size(); ++k) {
        EXPECT_EQ(d.trace[k].player, r.trace[k].player);
        EXPECT_EQ(d.trace[k].strategy, r.trace[k].strategy);
        EXPECT_EQ(d.trace[k].round, r.trace[k].round);
      }
      EXPECT_TRUE(valid_trace(g.cast<double>(), d, false)) << "trial " << trial;
      EXPECT_EQ(d.game, r.game.cast<double>());
    }
    auto pure = eliminate_dominated(g, {.mixed = false});
    auto mixed = eliminate_dominated(g, {.mixed = true});
    for (std::size_t i = 0; i < shape.size(); ++i)
      EXPECT_TRUE(std::includes(pure.surviving[i].begin(), pure.surviving[i].end(), mixed.surviving[i].begin(),
                                mixed.surviving[i].end()));
    // Weak elimination: valid weak certificates, and every pure equilibrium
    // of its reduced game is one of the original (it may lose some).
    auto weak = eliminate_dominated(g, {.mixed = true, .weak = true});
    EXPECT_TRUE(valid_trace(g, weak, true)) << "trial " << trial;
    for (const auto& p : mapped_equilibria(weak)) EXPECT_TRUE(original.count(p)) << "trial " << trial;
  }
  // The sample exercises what it means to.
  EXPECT_GT(eliminated, 50u);
  EXPECT_GT(mixed_only, 5u);
}

// From the solvers fuzz target (tests/data/regressions/solvers/
// floating_mixed_dominance_glpk_stall.bin): payoffs of 1e12 beside -7/1024
// made GLPK's floating primal simplex pivot forever on a 4-row LP. Row 2 is
// strictly dominated only by a mixture (mostly row 1, a little of row 0).
TYPED_TEST(DominanceTest, BadlyScaledMixedDominanceEndsWithTheExactAnswer) {
  using Scalar = TypeParam;
  const auto a = matrix<Scalar>(4, 3, {"1000000000000", "0", "0",  //
                                       "-1", "-7/1024", "4",         //
                                       "-8", "-7/1024", "2",         //
                                       "1000000000000", "0", "0"});
  const auto b = matrix<Scalar>(4, 3, {"-1", "-7/1024", "4", "0", "-8", "-8", "-8", "-8", "-8", "-8", "-8", "-8"});
  const Game<Scalar> g = bimatrix_game<Scalar>(a, b);
  DominanceOptions options;
  options.mixed = true;
  const auto result = eliminate_dominated(g, options);
  EXPECT_TRUE(valid_trace(g, result, false));
  // Rows 0 and 3 are equal and every column gets -8 against rows 2 and 3, so
  // nothing else is strictly dominated, in either scalar.
  EXPECT_EQ(result.surviving, (Lists{{0, 1, 3}, {0, 1, 2}}));
  ASSERT_EQ(result.trace.size(), 1u);
  EXPECT_EQ(result.trace[0].strategy, 2u);
}

TEST(DominanceInput, NonFinitePayoffsAreRejected) {
  auto g = testing::game<double>({{3, 0}, {5, 1}}, {{3, 5}, {0, 1}});
  g.payoffs(1)[2] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(eliminate_dominated(g), InvalidArgument);
  DominanceOptions weak;
  weak.weak = true;
  g.payoffs(1)[2] = std::numeric_limits<double>::infinity();
  EXPECT_THROW(eliminate_dominated(g, weak), InvalidArgument);
}

}  // namespace
}  // namespace entente
