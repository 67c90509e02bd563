// Lemke's algorithm on the polymatrix LCP (compact/polymatrix_lemke.hpp),
// in double and Rational: every result is checked by the DENSE game's regret
// (to_dense(), an independent certificate), two-player games against
// lrsnash and our vertex enumeration, and a three-player game whose unique
// equilibrium is known by hand.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <random>
#include <string>
#include <vector>

#include "entente/cancel.hpp"
#include "entente/compact/polymatrix_lemke.hpp"
#include "entente/compact/solve.hpp"
#include "entente/games/random_compact.hpp"
#include "entente/solvers/vertex_enumeration.hpp"
#include "lrsnash_oracle.hpp"
#include "typed.hpp"

namespace entente {
namespace {

using testing::Near;

template <class Scalar>
class PolymatrixLemke : public ::testing::Test {};
TYPED_TEST_SUITE(PolymatrixLemke, testing::Scalars);

CompactCondition only(std::size_t actor, std::size_t strategies, std::size_t s) {
  CompactCondition c{actor, std::vector<char>(strategies, 0)};
  c.allowed[s] = 1;
  return c;
}

/// A random polymatrix game with every kind of term a polymatrix game may
/// hold: random_compact_game's base and pairwise terms, plus a pairwise
/// term paying both its actors, a one-actor term paying another actor, and
/// an unconditional term.
template <class Scalar>
CompactGame<Scalar> random_polymatrix(const std::vector<std::size_t>& shape, std::uint64_t seed) {
  auto game = games::random_compact_game<Scalar>(shape, {.pairwise_per_actor = 2, .conditional = 0}, seed);
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<long> amount(-5, 5);
  const std::size_t n = shape.size();
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t j = (i + 1) % n;
    if (j != i)
      game.add_term({{only(i, shape[i], rng() % shape[i]), only(j, shape[j], rng() % shape[j])},
                     {{i, Scalar(amount(rng))}, {j, Scalar(amount(rng))}}});
    game.add_term({{only(j, shape[j], rng() % shape[j])}, {{i, Scalar(amount(rng))}}});
  }
  game.add_term({{}, {{0, Scalar(amount(rng))}}});
  return game;
}

TYPED_TEST(PolymatrixLemke, RandomGamesOfTwoToSixPlayersAreEquilibriaOfTheDenseGame) {
  using Scalar = TypeParam;
  std::mt19937_64 rng(18);
  int checked = 0;
  for (std::size_t players = 2; players <= 6; ++players)
    for (int k = 0; k < 8; ++k) {
      std::vector<std::size_t> shape;
      for (std::size_t i = 0; i < players; ++i) shape.push_back(2 + rng() % 3);
      const auto game = random_polymatrix<Scalar>(shape, rng());
      ASSERT_TRUE(game.is_polymatrix());
      const auto run = polymatrix_lemke(game);
      ASSERT_EQ(run.status, Status::complete);
      ASSERT_TRUE(run.equilibrium);
      EXPECT_GT(run.pivots, 0u);
      const Game<Scalar> dense = game.to_dense();
      const Scalar dense_regret = regret(dense, run.equilibrium->profile);
      EXPECT_TRUE(Near<Scalar>(dense_regret, Scalar(0), 1e-9)) << to_string(dense_regret);
      EXPECT_TRUE(Near<Scalar>(run.equilibrium->regret, dense_regret, 1e-9));
      const auto payoffs = expected_payoffs(dense, run.equilibrium->profile);
      for (std::size_t i = 0; i < players; ++i)
        EXPECT_TRUE(Near<Scalar>(run.equilibrium->payoffs[i], payoffs[i], 1e-9));
      ++checked;
    }
  EXPECT_EQ(checked, 40);
}

TEST(PolymatrixLemkeScalars, DoubleAndRationalFollowTheSamePath) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const auto exact = polymatrix_lemke(random_polymatrix<Rational>({3, 2, 4, 3}, seed));
    const auto floating = polymatrix_lemke(random_polymatrix<double>({3, 2, 4, 3}, seed));
    ASSERT_TRUE(exact.equilibrium && floating.equilibrium);
    EXPECT_EQ(exact.pivots, floating.pivots) << seed;
    for (std::size_t i = 0; i < 4; ++i)
      for (std::size_t s = 0; s < exact.equilibrium->profile[i].size(); ++s)
        EXPECT_NEAR(to_double(exact.equilibrium->profile[i][s]), floating.equilibrium->profile[i][s], 1e-9);
  }
}

/// A bimatrix game as a compact game: one term per cell paying both.
CompactGame<Rational> bimatrix(const Mat<Rational>& a, const Mat<Rational>& b) {
  const auto m = static_cast<std::size_t>(a.rows()), n = static_cast<std::size_t>(a.cols());
  CompactGame<Rational> game({"row", "column"}, {std::vector<std::string>(m, "r"), std::vector<std::string>(n, "c")});
  for (std::size_t s = 0; s < m; ++s)
    for (std::size_t t = 0; t < n; ++t)
      game.add_term({{only(0, m, s), only(1, n, t)},
                     {{0, a(static_cast<long>(s), static_cast<long>(t))}, {1, b(static_cast<long>(s), static_cast<long>(t))}}});
  return game;
}

TEST(PolymatrixLemkeBimatrix, TwoPlayersGiveAnExtremeEquilibriumOfLrsnashAndVertexEnumeration) {
  std::mt19937_64 rng(1972);
  for (int k = 0; k < 20; ++k) {
    const int m = 2 + static_cast<int>(rng() % 4), n = 2 + static_cast<int>(rng() % 4);
    const Mat<Rational> a = testing::random_matrix<Rational>(rng, m, n, -99, 99);
    const Mat<Rational> b = testing::random_matrix<Rational>(rng, m, n, -99, 99);
    const auto game = bimatrix(a, b);
    const auto run = polymatrix_lemke(game);
    ASSERT_TRUE(run.equilibrium);
    const auto& p = run.equilibrium->profile;
    EXPECT_EQ(run.equilibrium->regret, 0);
    const auto all = enumerate_equilibria(game.to_dense());
    EXPECT_TRUE(std::any_of(all.begin(), all.end(), [&](const auto& eq) { return eq.profile.strategies == p.strategies; }))
        << "game " << k;
    if (!testing::lrsnash_available()) continue;
    const auto oracle = testing::run_lrsnash(a, b);
    const testing::RationalPair pair{p[0], p[1]};
    EXPECT_NE(std::find(oracle.equilibria.begin(), oracle.equilibria.end(), pair), oracle.equilibria.end())
        << "game " << k;
  }
}

// Cyclic matching pennies with unequal stakes: actor 1 matches actor 2
// (3 for H-H, 1 for T-T), actor 2 matches actor 3 (1 for H-H, 2 for T-T),
// actor 3 mismatches actor 1 (2 for H against T, 1 for T against H). With
// p_i the probability of H, best responses are: 1 plays H iff p2 > 1/4,
// 2 plays H iff p3 > 2/3, 3 plays H iff p1 < 2/3. Uniqueness: p1 > 2/3
// makes 3 play T, so 2 plays T, so 1 plays T (p1 = 0), a contradiction;
// p1 < 2/3 makes 3 play H, 2 play H, 1 play H (p1 = 1), again one. So
// p1 = 2/3; 1 mixes only if indifferent, p2 = 1/4; 2 mixes only if
// p3 = 2/3; and p1 = 2/3 leaves 3 indifferent. The only equilibrium is
// (2/3, 1/4, 2/3): mixed, and no pure one exists.
template <class Scalar>
CompactGame<Scalar> cyclic_pennies() {
  CompactGame<Scalar> g({"A1", "A2", "A3"}, {{"H", "T"}, {"H", "T"}, {"H", "T"}});
  g.add_term({{only(0, 2, 0), only(1, 2, 0)}, {{0, Scalar(3)}}});
  g.add_term({{only(0, 2, 1), only(1, 2, 1)}, {{0, Scalar(1)}}});
  g.add_term({{only(1, 2, 0), only(2, 2, 0)}, {{1, Scalar(1)}}});
  g.add_term({{only(1, 2, 1), only(2, 2, 1)}, {{1, Scalar(2)}}});
  g.add_term({{only(2, 2, 0), only(0, 2, 1)}, {{2, Scalar(2)}}});
  g.add_term({{only(2, 2, 1), only(0, 2, 0)}, {{2, Scalar(1)}}});
  return g;
}

TYPED_TEST(PolymatrixLemke, CyclicPenniesGiveTheirUniqueMixedEquilibrium) {
  using Scalar = TypeParam;
  const auto game = cyclic_pennies<Scalar>();
  const auto run = polymatrix_lemke(game);
  ASSERT_TRUE(run.equilibrium);
  const auto& p = run.equilibrium->profile;
  EXPECT_TRUE(Near<Scalar>(p[0][0], testing::S<Scalar>("2/3")));
  EXPECT_TRUE(Near<Scalar>(p[1][0], testing::S<Scalar>("1/4")));
  EXPECT_TRUE(Near<Scalar>(p[2][0], testing::S<Scalar>("2/3")));
  // Payoffs: A1 gets 3 * 1/4 (H), A2 gets 1 * 2/3 (H), A3 gets 2 * 1/3 (H).
  EXPECT_TRUE(Near<Scalar>(run.equilibrium->payoffs[0], testing::S<Scalar>("3/4")));
  EXPECT_TRUE(Near<Scalar>(run.equilibrium->payoffs[1], testing::S<Scalar>("2/3")));
  EXPECT_TRUE(Near<Scalar>(run.equilibrium->payoffs[2], testing::S<Scalar>("2/3")));
  EXPECT_TRUE(compact_pure_equilibria(game).equilibria.empty());
  // solve_compact's auto: no pure equilibrium, polymatrix, so Lemke.
  const auto solved = solve_compact(game);
  EXPECT_EQ(solved.method, Method::lcp);
  ASSERT_EQ(solved.equilibria.size(), 1u);
  EXPECT_TRUE(Near<Scalar>(solved.equilibria[0].profile[1][0], testing::S<Scalar>("1/4")));
}

TYPED_TEST(PolymatrixLemke, DegenerateGamesTerminate) {
  using Scalar = TypeParam;
  // Every payoff 0: every profile is an equilibrium, every ratio a tie.
  CompactGame<Scalar> zero({"a", "b", "c", "d"}, {{"x", "y"}, {"x", "y", "z"}, {"x", "y"}, {"x", "y"}});
  // Amounts in {0, 1} on few strategies: many equal payoffs.
  std::vector<CompactGame<Scalar>> degenerate{zero};
  for (std::uint64_t seed = 1; seed <= 10; ++seed)
    degenerate.push_back(games::random_compact_game<Scalar>({3, 3, 2, 3, 2}, {.pairwise_per_actor = 3, .lo = 0, .hi = 1},
                                                            seed));
  for (const auto& game : degenerate) {
    const auto run = polymatrix_lemke(game);
    ASSERT_EQ(run.status, Status::complete);
    ASSERT_TRUE(run.equilibrium);
    EXPECT_TRUE(Near<Scalar>(regret(game.to_dense(), run.equilibrium->profile), Scalar(0), 1e-9));
  }
}

TEST(PolymatrixLemkeInput, GamesThatAreNotPolymatrixAreRefusedNamingTheTerm) {
  auto three = games::random_compact_game<double>({2, 2, 2}, {.pairwise_per_actor = 1, .conditional = 1}, 5);
  ASSERT_FALSE(three.is_polymatrix());
  try {
    polymatrix_lemke(three);
    FAIL() << "a three-actor term was accepted";
  } catch (const InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find("polymatrix"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("conditions on 3 actors"), std::string::npos) << e.what();
  }
  CompactGame<double> third({"A", "B", "C"}, {{"x", "y"}, {"x", "y"}, {"x", "y"}});
  third.add_term({{only(0, 2, 0), only(1, 2, 0)}, {{2, 1.0}}});
  EXPECT_EQ(polymatrix_violation(third), "term 0 conditions on actors A and B but pays C");
  EXPECT_THROW(polymatrix_lemke(third), InvalidArgument);
  EXPECT_THROW(solve_compact(third, {.method = Method::lcp}), InvalidArgument);
  // auto does not try Lemke on it: no pure equilibrium is missing here, so enumpure answers.
  EXPECT_EQ(solve_compact(third).method, Method::enumpure);
  EXPECT_THROW(polymatrix_lemke(cyclic_pennies<double>(), {.time_limit_seconds = 0}), InvalidArgument);
}

TEST(PolymatrixLemkeLimits, ThePivotLimitGivesAStatusAndNoEquilibrium) {
  const auto run = polymatrix_lemke(cyclic_pennies<Rational>(), {.max_pivots = 1});
  EXPECT_EQ(run.status, Status::pivot_limit);
  EXPECT_FALSE(run.equilibrium);
  EXPECT_EQ(run.pivots, 1u);
  std::atomic<bool> stop{true};
  CancelScope scope(stop);
  EXPECT_THROW(polymatrix_lemke(cyclic_pennies<double>()), Interrupted);
}

TEST(PolymatrixLemkeSolve, AutoUsesLogitOnlyForGamesThatAreNotPolymatrix) {
  // Cyclic pennies plus a three-actor term that pays nobody's incentive
  // away: not polymatrix, no pure equilibrium, so logit.
  auto game = cyclic_pennies<double>();
  game.add_term({{only(0, 2, 0), only(1, 2, 0), only(2, 2, 0)}, {{0, 0.1}}});
  ASSERT_FALSE(game.is_polymatrix());
  ASSERT_TRUE(compact_pure_equilibria(game).equilibria.empty());
  const auto solved = solve_compact(game);
  EXPECT_EQ(solved.method, Method::logit);
  EXPECT_THROW(solve_compact(game.cast<Rational>(), {.method = Method::lcp}), InvalidArgument);
  EXPECT_TRUE(solve_compact(game.cast<Rational>()).equilibria.empty());  // no exact method past polymatrix
}

}  // namespace
}  // namespace entente
