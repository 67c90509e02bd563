// The smallest-support equilibria (Porter, Nudelman & Shoham 2008), checked
// against vertex enumeration (two players: every equilibrium), pure_nash,
// games with a known unique equilibrium, and the logit solver.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "entente/games/generators.hpp"
#include "entente/solvers/logit.hpp"
#include "entente/solvers/min_support.hpp"
#include "entente/solvers/pure_nash.hpp"
#include "entente/solvers/solve.hpp"
#include "entente/solvers/vertex_enumeration.hpp"
#include "mixed_nplayer_games.hpp"

namespace entente {
namespace {

using testing::distance;

std::size_t support_size(const MixedProfile<double>& p) {
  std::size_t size = 0;
  for (const auto& s : p.strategies)
    for (double x : s) size += x > 1e-9;
  return size;
}

bool contains(const std::vector<Equilibrium<double>>& list, const MixedProfile<double>& p) {
  for (const auto& eq : list)
    if (distance(eq.profile, p) < 1e-7) return true;
  return false;
}

/// Every returned equilibrium: certificate recomputed, within tolerance,
/// support of the reported size.
void expect_certified(const Game<double>& g, const MinSupportResult& r) {
  const double range = detail::nash_newton::payoff_range(g);
  for (const auto& eq : r.equilibria) {
    EXPECT_NEAR(eq.regret, regret(g, eq.profile), 1e-12);
    EXPECT_LE(eq.regret, 1e-9 * range);
    EXPECT_EQ(support_size(eq.profile), r.support_size);
  }
}

TEST(MinSupport, TwoPlayersAgreeWithVertexEnumeration) {
  // Random real games are nondegenerate (with probability one), so vertex
  // enumeration lists every equilibrium; the search must return exactly
  // those of the smallest support.
  std::size_t mixed = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const auto g = games::random_real_game({seed % 3 + 3, seed % 4 + 2}, seed);
    const auto all = enumerate_equilibria(g);
    std::size_t smallest = std::numeric_limits<std::size_t>::max();
    for (const auto& eq : all) smallest = std::min(smallest, support_size(eq.profile));
    const auto r = min_support_equilibria(g);
    ASSERT_EQ(r.status, Status::complete) << seed;
    EXPECT_EQ(r.support_size, smallest) << seed;
    std::size_t expected = 0;
    for (const auto& eq : all)
      if (support_size(eq.profile) == smallest) {
        ++expected;
        EXPECT_TRUE(contains(r.equilibria, eq.profile)) << seed;
      }
    EXPECT_EQ(r.equilibria.size(), expected) << seed;
    expect_certified(g, r);
    mixed += smallest > 2;
  }
  EXPECT_GT(mixed, 5u);  // the games exercise mixed supports, not only pure ones
}

TEST(MinSupport, PureEquilibriaAreTheSmallest) {
  std::size_t with_pure = 0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const auto g = games::random_game<double>({3, 2, 3, 2}, -5, 5, seed);
    const auto pure = pure_nash(g);
    const auto r = min_support_equilibria(g);
    expect_certified(g, r);
    if (pure.empty()) {
      EXPECT_GT(r.support_size, 4u);
      continue;
    }
    ++with_pure;
    EXPECT_EQ(r.support_size, 4u);
    ASSERT_EQ(r.equilibria.size(), pure.size());
    for (const auto& eq : pure) EXPECT_TRUE(contains(r.equilibria, eq.profile));
  }
  EXPECT_GT(with_pure, 5u);
}

TEST(MinSupport, KnownUniqueEquilibria) {
  // Jordan's three-player pennies: the only equilibrium, everyone at 1/2
  // (three players mixing two strategies: the closed form).
  const auto jordan = testing::jordan_game<double>();
  const auto r = min_support_equilibria(jordan);
  ASSERT_EQ(r.equilibria.size(), 1u);
  for (const auto& s : r.equilibria[0].profile.strategies) EXPECT_NEAR(s[0], 0.5, 1e-12);
  // Weighted matching pennies n x n: the unique equilibrium has full
  // support (Newton on the 2n equations).
  for (std::size_t n : {3u, 5u}) {
    const auto g = games::unique_mixed_equilibrium_game<double>(n);
    const auto found = min_support_equilibria(g);
    ASSERT_EQ(found.equilibria.size(), 1u);
    EXPECT_EQ(found.support_size, 2 * n);
    EXPECT_LT(distance(found.equilibria[0].profile, games::unique_mixed_equilibrium<double>(n)), 1e-10);
  }
}

TEST(MinSupport, NoSmallerSupportThanLogitAndItsEndWhenAsSmall) {
  // Another solver as the oracle on n-player games: logit's equilibrium is
  // never of smaller support than the search's smallest, and when it is as
  // small the search has found it.
  std::size_t same = 0;
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const auto g = games::random_game<double>({2, 3, 2, 3}, -9, 9, seed);
    const auto r = min_support_equilibria(g);
    ASSERT_EQ(r.status, Status::complete);
    expect_certified(g, r);
    const auto end = logit(g);
    if (end.status != Status::converged) continue;
    const std::size_t size = support_size(end.equilibrium.profile);
    EXPECT_GE(size, r.support_size) << seed;
    if (size == r.support_size) {
      ++same;
      EXPECT_TRUE(contains(r.equilibria, end.equilibrium.profile)) << seed;
    }
  }
  EXPECT_GT(same, 3u);
}

TEST(MinSupport, BigBlocLikePlayersUseTheEnvelope) {
  // One player with 81 strategies against two with 3 (a bloc game's
  // shape): whatever path the search takes, what it returns is certified,
  // and it agrees with solve(): same method row, welfare selection picks
  // one of them.
  const auto g = games::random_game<double>({81, 3, 3}, -20, 20, 7);
  const auto r = min_support_equilibria(g);
  ASSERT_EQ(r.status, Status::complete);
  ASSERT_FALSE(r.equilibria.empty());
  expect_certified(g, r);
  const auto chosen = solve(g, {.method = Method::minsupport, .selection = Selection::welfare()});
  ASSERT_EQ(chosen.equilibria.size(), 1u);
  EXPECT_TRUE(contains(r.equilibria, chosen.equilibria[0].profile));
  for (const auto& eq : r.equilibria) {
    double total = 0, best = 0;
    for (double x : eq.payoffs) total += x;
    for (double x : chosen.equilibria[0].payoffs) best += x;
    EXPECT_LE(total, best + 1e-12);
  }
}

TEST(MinSupport, LimitsAndBadInput) {
  const auto jordan = testing::jordan_game<double>();
  MinSupportOptions options;
  options.max_supports = 1;  // the first support is a pure profile: not an equilibrium
  const auto cut = min_support_equilibria(jordan, options);
  EXPECT_EQ(cut.status, Status::support_limit);
  EXPECT_TRUE(cut.equilibria.empty());
  options.max_supports = 0;
  EXPECT_THROW(min_support_equilibria(jordan, options), InvalidArgument);
  options = {};
  options.tolerance = -1;
  EXPECT_THROW(min_support_equilibria(jordan, options), InvalidArgument);
  auto bad = jordan;
  bad.payoff(0, {0, 0, 0}) = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(min_support_equilibria(bad), InvalidArgument);
  EXPECT_THROW(solve(jordan.cast<Rational>(), {.method = Method::minsupport}), InvalidArgument);
}

}  // namespace
}  // namespace entente
