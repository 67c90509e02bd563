// Lemke-Howson: the known-games catalogue from every label, hand-traced
// paths, degenerate and tiny games, seeded random games in both scalars, a
// large floating game, and lrsnash as an oracle for the exact results.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include "entente/solvers/lemke_howson.hpp"
#include "known_games.hpp"
#include "lrsnash_oracle.hpp"
#include "typed.hpp"

namespace entente {
namespace {

using testing::find_extreme;
using testing::known_game;
using testing::known_games;
using testing::make_game;
using testing::make_profile;
using testing::Near;
using testing::same_profile;

template <class Scalar>
class LemkeHowsonTest : public ::testing::Test {};
TYPED_TEST_SUITE(LemkeHowsonTest, testing::Scalars);

/// Probabilities are nonnegative and sum to one (exactly for Rational).
template <class Scalar>
void expect_distribution(const std::vector<Scalar>& p) {
  Scalar sum(0);
  for (const auto& x : p) {
    EXPECT_GE(x, 0);
    sum += x;
  }
  EXPECT_TRUE(Near(sum, Scalar(1)));
}

template <class Scalar>
void expect_certified(const Equilibrium<Scalar>& e) {
  ASSERT_EQ(e.profile.num_players(), 2u);
  expect_distribution(e.profile[0]);
  expect_distribution(e.profile[1]);
  ASSERT_EQ(e.payoffs.size(), 2u);
  if constexpr (is_exact_v<Scalar>)
    EXPECT_EQ(e.regret, 0);
  else
    EXPECT_LE(e.regret, 1e-9);
}

// Every catalogue game from every label lands on one of its extreme
// equilibria (LH ends at a completely labelled vertex pair), certified.
TYPED_TEST(LemkeHowsonTest, CatalogueFromEveryLabel) {
  for (const auto& known : known_games()) {
    SCOPED_TRACE(known.name);
    const auto game = make_game<TypeParam>(known);
    for (std::size_t label = 0; label < known.rows + known.cols; ++label) {
      SCOPED_TRACE("label " + std::to_string(label));
      const auto e = lemke_howson(game, label);
      expect_certified(e);
      EXPECT_GE(find_extreme(known, e.profile), 0)
          << "(" << to_string(e.profile[0][0]) << ", ...) is not a known extreme equilibrium";
    }
  }
}

// The catalogue itself: each listed point is an exact equilibrium.
TEST(KnownGames, ListedEquilibriaHaveZeroRegret) {
  for (const auto& known : known_games()) {
    SCOPED_TRACE(known.name);
    const auto game = make_game<Rational>(known);
    for (const auto& eq : known.extreme) EXPECT_EQ(regret(game, make_profile<Rational>(eq)), 0);
    // A nondegenerate game has finitely many equilibria, an odd number (Lemke and Howson 1964).
    if (!known.degenerate) {
      EXPECT_TRUE(known.finite);
      EXPECT_EQ(known.extreme.size() % 2, 1u);
    }
  }
}

// Traced by hand on the shifted game A' = [[4,1],[1,3]], B' = [[3,1],[1,4]]:
// dropping label 0, x_0 enters, s_0 leaves (ratio 1/3 < 1), y_0 enters,
// r_0 leaves (1/4 < 1): label 0 is back at ((1,0),(1,0)). Labels 1 and 3 end
// at ((0,1),(0,1)) the same way; the mixed equilibrium (index -1) is never
// reached from the artificial one.
TYPED_TEST(LemkeHowsonTest, BattleOfTheSexesPaths) {
  const auto& known = known_game("battle_of_the_sexes");
  const auto game = make_game<TypeParam>(known);
  const auto top_left = make_profile<TypeParam>(known.extreme[0]);
  const auto bottom_right = make_profile<TypeParam>(known.extreme[1]);
  auto e = lemke_howson(game, 0);
  EXPECT_TRUE(same_profile(e.profile, top_left));
  EXPECT_TRUE(Near(e.payoffs[0], TypeParam(3)));
  EXPECT_TRUE(Near(e.payoffs[1], TypeParam(2)));
  EXPECT_TRUE(same_profile(lemke_howson(game, 1).profile, bottom_right));
  EXPECT_TRUE(same_profile(lemke_howson(game, 2).profile, top_left));
  EXPECT_TRUE(same_profile(lemke_howson(game, 3).profile, bottom_right));
  const auto all = lemke_howson_all(game);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_TRUE(same_profile(all[0].profile, top_left));
  EXPECT_TRUE(same_profile(all[1].profile, bottom_right));
}

// Label 1 traced by hand on A' = A + 1, B' = B: x_1 enters (s_1 leaves),
// y_1 enters (r_2 leaves), x_2 enters (s_0 leaves), y_0 enters and r_1
// leaves, at x = (0, 1/8, 1/4), y = (1/15, 2/15) before normalising.
// The third equilibrium ((4/5,1/5,0), (2/3,1/3)) has index -1: no label
// reaches it.
TYPED_TEST(LemkeHowsonTest, VonStengelExample) {
  const auto& known = known_game("von_stengel_3x2");
  const auto game = make_game<TypeParam>(known);
  const auto pure = make_profile<TypeParam>(known.extreme[0]);
  const auto mixed = make_profile<TypeParam>(known.extreme[1]);
  auto e = lemke_howson(game, 1);
  EXPECT_TRUE(same_profile(e.profile, mixed));
  EXPECT_TRUE(Near(e.payoffs[0], TypeParam(4)));
  EXPECT_TRUE(Near(e.payoffs[1], testing::S<TypeParam>("8/3")));
  EXPECT_TRUE(same_profile(lemke_howson(game, 0).profile, pure));
  const auto all = lemke_howson_all(game);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_TRUE(same_profile(all[0].profile, pure));
  EXPECT_TRUE(same_profile(all[1].profile, mixed));
}

TYPED_TEST(LemkeHowsonTest, AllFromEveryLabelOnUniqueEquilibria) {
  for (const char* name : {"prisoners_dilemma", "matching_pennies", "rock_paper_scissors"}) {
    SCOPED_TRACE(name);
    const auto& known = known_game(name);
    const auto all = lemke_howson_all(make_game<TypeParam>(known));
    ASSERT_EQ(all.size(), 1u);
    EXPECT_TRUE(same_profile(all[0].profile, make_profile<TypeParam>(known.extreme[0])));
  }
  // The pure coordination equilibria: dropping label i or 3 + i leads to (e_i, e_i).
  const auto& coordination = known_game("coordination_3x3");
  const auto all = lemke_howson_all(make_game<TypeParam>(coordination));
  ASSERT_EQ(all.size(), 3u);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(same_profile(all[i].profile, make_profile<TypeParam>(coordination.extreme[i])));
}

TYPED_TEST(LemkeHowsonTest, DegenerateAndTinyGames) {
  // All payoffs zero, 3 x 4: every profile is an equilibrium; LH must still stop.
  Game<TypeParam> zero({3, 4});
  for (std::size_t label = 0; label < 7; ++label) expect_certified(lemke_howson(zero, label));
  // 1 x 1.
  Game<TypeParam> single({1, 1});
  single.payoff(0, {0, 0}) = TypeParam(-4);
  const auto e = lemke_howson(single, 1);
  EXPECT_EQ(e.profile[0][0], TypeParam(1));
  EXPECT_EQ(e.profile[1][0], TypeParam(1));
  EXPECT_TRUE(Near(e.payoffs[0], TypeParam(-4)));
  // 1 x N and N x 1 with a strict best response: the pure one.
  std::mt19937_64 rng(3);
  const auto row = testing::random_matrix<TypeParam>(rng, 1, 6);
  Mat<TypeParam> column_payoff(1, 6);
  column_payoff << 1, 5, 2, 9, 0, 3;
  const auto one_by_six = bimatrix_game<TypeParam>(row, column_payoff);
  for (std::size_t label = 0; label < 7; ++label) {
    const auto f = lemke_howson(one_by_six, label);
    expect_certified(f);
    EXPECT_EQ(f.profile[1][3], TypeParam(1));
  }
  Mat<TypeParam> six_by_one = column_payoff.transpose();
  const auto tall = bimatrix_game<TypeParam>(six_by_one, Mat<TypeParam>::Zero(6, 1).eval());
  for (std::size_t label = 0; label < 7; ++label) EXPECT_EQ(lemke_howson(tall, label).profile[0][3], TypeParam(1));
  // Every strategy duplicated: the copies share probability, still an equilibrium.
  Mat<TypeParam> a(4, 4), b(4, 4);
  a << 3, 3, 0, 0, 3, 3, 0, 0, 0, 0, 2, 2, 0, 0, 2, 2;
  b << 2, 2, 0, 0, 2, 2, 0, 0, 0, 0, 3, 3, 0, 0, 3, 3;
  const auto doubled = bimatrix_game<TypeParam>(a, b);
  for (std::size_t label = 0; label < 8; ++label) expect_certified(lemke_howson(doubled, label));
  // Fractional payoffs (exact: scaled to integers inside).
  Mat<TypeParam> fa(2, 2), fb(2, 2);
  fa << testing::S<TypeParam>("3/10"), TypeParam(0), TypeParam(0), testing::S<TypeParam>("1/5");
  fb << testing::S<TypeParam>("1/5"), TypeParam(0), TypeParam(0), testing::S<TypeParam>("3/10");
  const auto fractional = bimatrix_game<TypeParam>(fa, fb);
  EXPECT_TRUE(same_profile(lemke_howson(fractional, 0).profile,
                           make_profile<TypeParam>(known_game("battle_of_the_sexes").extreme[0])));
}

TYPED_TEST(LemkeHowsonTest, RejectsMisuse) {
  const auto game = make_game<TypeParam>(known_game("von_stengel_3x2"));
  EXPECT_THROW(lemke_howson(game, 5), InvalidArgument);
  EXPECT_THROW(lemke_howson(game, std::size_t(-1)), InvalidArgument);
  EXPECT_THROW(lemke_howson(Game<TypeParam>({2, 2, 2})), InvalidArgument);
  EXPECT_THROW(lemke_howson(Game<TypeParam>({3})), InvalidArgument);
  EXPECT_THROW(lemke_howson_all(Game<TypeParam>({2, 2, 2})), InvalidArgument);
  if constexpr (!is_exact_v<TypeParam>) {
    auto nan = game;
    nan.payoff(1, {2, 1}) = std::nan("");
    EXPECT_THROW(lemke_howson(nan), InvalidArgument);
  }
}

// Label 1 of the 3x2 example needs four pivots: three are not enough.
TYPED_TEST(LemkeHowsonTest, PivotLimitThrows) {
  const auto game = make_game<TypeParam>(known_game("von_stengel_3x2"));
  LemkeHowsonOptions options;
  options.max_pivots = 3;
  try {
    lemke_howson(game, 1, options);
    ADD_FAILURE() << "no SolverError";
  } catch (const SolverError& error) {
    EXPECT_STREQ(error.what(), "Lemke-Howson: pivot limit reached");
  }
  options.max_pivots = 4;
  EXPECT_NO_THROW(lemke_howson(game, 1, options));
  options.max_pivots = 0;
  EXPECT_THROW(lemke_howson(game, 0, options), SolverError);
}

Mat<double> to_double_matrix(const Mat<Rational>& m) {
  return m.unaryExpr([](const Rational& x) { return to_double(x); });
}

// Seeded random games 2x2 .. 10x10, integer payoffs in -9..9 (almost always
// nondegenerate) and in 0..2 or 0..1 (many ties, degenerate): exact results have
// regret exactly 0, floating ones at most 1e-9, and both follow the same
// path to the same equilibrium (the floating tie tolerance reproduces the
// exact lexicographic choices on these small integer games).
TEST(LemkeHowsonRandom, ExactAndFloatingAgree) {
  std::mt19937_64 rng(20240611);
  std::size_t runs = 0;
  for (int m = 2; m <= 10; ++m)
    for (int n = 2; n <= 10; ++n)
      for (auto [lo, hi] : {std::pair{-9, 9}, std::pair{0, 2}, std::pair{0, 2}, std::pair{0, 1}}) {
        SCOPED_TRACE(std::to_string(m) + "x" + std::to_string(n) + " payoffs " + std::to_string(lo) + ".." +
                     std::to_string(hi));
        const auto a = testing::random_matrix<Rational>(rng, m, n, lo, hi);
        const auto b = testing::random_matrix<Rational>(rng, m, n, lo, hi);
        const auto exact_game = bimatrix_game<Rational>(a, b);
        const auto floating_game = bimatrix_game<double>(to_double_matrix(a), to_double_matrix(b));
        for (std::size_t label = 0; label < std::size_t(m + n); ++label) {
          SCOPED_TRACE("label " + std::to_string(label));
          const auto exact = lemke_howson(exact_game, label);
          const auto floating = lemke_howson(floating_game, label);
          expect_certified(exact);
          expect_certified(floating);
          EXPECT_TRUE(same_profile(exact.profile.cast<double>(), floating.profile, 1e-9));
          ++runs;
        }
      }
  EXPECT_EQ(runs, 4u * 9 * 9 * 12);  // four games per size, m + n labels, mean m + n = 12
}

// 100 x 100 in double: uniform real payoffs, and integer payoffs 0..9 with
// many ties.
TEST(LemkeHowsonRandom, LargeFloatingGames) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> payoff(-1.0, 1.0);
  Mat<double> a(100, 100), b(100, 100);
  for (int i = 0; i < 100; ++i)
    for (int j = 0; j < 100; ++j) a(i, j) = payoff(rng), b(i, j) = payoff(rng);
  const auto real_game = bimatrix_game<double>(a, b);
  const auto tied_game = bimatrix_game<double>(to_double_matrix(testing::random_matrix<Rational>(rng, 100, 100, 0, 9)),
                                               to_double_matrix(testing::random_matrix<Rational>(rng, 100, 100, 0, 9)));
  for (const auto* game : {&real_game, &tied_game})
    for (std::size_t label : {std::size_t(0), std::size_t(57), std::size_t(150)}) {
      const auto e = lemke_howson(*game, label);
      EXPECT_LE(e.regret, 1e-7);
      expect_distribution(e.profile[0]);
      expect_distribution(e.profile[1]);
    }
}

// A mid-size exact game: integer pivoting keeps the entries exact and the
// regret exactly zero over a 124-pivot path; the floating path ends at the
// same equilibrium.
TEST(LemkeHowsonRandom, MidSizeExactGame) {
  std::mt19937_64 rng(31);
  const auto a = testing::random_matrix<Rational>(rng, 25, 30, -50, 50);
  const auto b = testing::random_matrix<Rational>(rng, 25, 30, -50, 50);
  const auto exact = lemke_howson(bimatrix_game<Rational>(a, b), 6);
  EXPECT_EQ(exact.regret, 0);
  const auto floating = lemke_howson(bimatrix_game<double>(to_double_matrix(a), to_double_matrix(b)), 6);
  EXPECT_TRUE(same_profile(exact.profile.cast<double>(), floating.profile, 1e-9));
}

// lrsnash (lrslib) prints every extreme equilibrium; the exact LH result is
// a vertex pair, so it must be one of them, exactly.
TEST(LemkeHowsonOracle, ResultIsAnLrsnashEquilibrium) {
  if (!testing::lrsnash_available()) GTEST_SKIP() << testing::lrsnash_path() << " not installed";
  std::mt19937_64 rng(99);
  for (int trial = 0; trial < 60; ++trial) {
    const int m = 2 + trial % 7, n = 2 + (trial * 3) % 7;
    const bool ties = trial % 2 == 1;
    const auto a = testing::random_matrix<Rational>(rng, m, n, ties ? 0 : -9, ties ? 2 : 9);
    const auto b = testing::random_matrix<Rational>(rng, m, n, ties ? 0 : -9, ties ? 2 : 9);
    const auto oracle = testing::run_lrsnash(a, b);
    ASSERT_FALSE(oracle.equilibria.empty()) << oracle.output;
    const auto game = bimatrix_game<Rational>(a, b);
    for (std::size_t label = 0; label < std::size_t(m + n); ++label) {
      const auto e = lemke_howson(game, label);
      const testing::RationalPair pair{e.profile[0], e.profile[1]};
      EXPECT_TRUE(std::binary_search(oracle.equilibria.begin(), oracle.equilibria.end(), pair))
          << "trial " << trial << " label " << label << " not among lrsnash's equilibria:\n"
          << testing::lrsnash_input(a, b) << oracle.output;
    }
  }
}

// The catalogue's lists of extreme equilibria are exactly lrsnash's.
TEST(KnownGames, ExtremeEquilibriaMatchLrsnash) {
  if (!testing::lrsnash_available()) GTEST_SKIP() << testing::lrsnash_path() << " not installed";
  for (const auto& known : known_games()) {
    SCOPED_TRACE(known.name);
    const auto game = make_game<Rational>(known);
    const auto oracle = testing::run_lrsnash(Mat<Rational>(game.matrix(0)), Mat<Rational>(game.matrix(1)));
    std::vector<testing::RationalPair> listed;
    for (const auto& eq : known.extreme) {
      const auto p = make_profile<Rational>(eq);
      listed.emplace_back(p[0], p[1]);
    }
    std::sort(listed.begin(), listed.end());
    EXPECT_EQ(listed, oracle.equilibria) << oracle.output;
  }
}

}  // namespace
}  // namespace entente
