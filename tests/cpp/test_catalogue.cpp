// Every solver that applies, over every game of the known-games catalogue.
#include <gtest/gtest.h>

#include <set>

#include "known_games.hpp"
#include "typed.hpp"

namespace entente {
namespace {

using testing::find_extreme;
using testing::known_games;
using testing::make_game;

template <class Scalar>
class CatalogueTest : public ::testing::Test {};
TYPED_TEST_SUITE(CatalogueTest, testing::Scalars);

// Vertex enumeration returns exactly the listed extreme equilibria.
TYPED_TEST(CatalogueTest, EnumerationFindsEveryExtremeEquilibrium) {
  for (const auto& known : known_games()) {
    auto found = enumerate_equilibria(make_game<TypeParam>(known));
    std::set<int> seen;
    for (const auto& eq : found) {
      int k = find_extreme(known, eq.profile);
      EXPECT_GE(k, 0) << known.name;
      seen.insert(k);
      EXPECT_TRUE(testing::Near(eq.regret, TypeParam(0))) << known.name;
    }
    EXPECT_EQ(found.size(), known.extreme.size()) << known.name;
    EXPECT_EQ(seen.size(), known.extreme.size()) << known.name;
  }
}

// Lemke-Howson from every label lands on a listed equilibrium.
TYPED_TEST(CatalogueTest, LemkeHowsonLandsOnListedEquilibria) {
  for (const auto& known : known_games()) {
    auto game = make_game<TypeParam>(known);
    for (std::size_t label = 0; label < known.rows + known.cols; ++label)
      EXPECT_GE(find_extreme(known, lemke_howson(game, label).profile), 0) << known.name << " label " << label;
  }
}

// Support enumeration is complete on nondegenerate games, and always sound.
TYPED_TEST(CatalogueTest, SupportEnumerationOnNondegenerateGames) {
  for (const auto& known : known_games()) {
    auto game = make_game<TypeParam>(known);
    EXPECT_EQ(is_nondegenerate(game), !known.degenerate) << known.name;
    auto found = support_enumeration(game);
    for (const auto& eq : found) EXPECT_TRUE(testing::Near(eq.regret, TypeParam(0))) << known.name;
    if (!known.degenerate) EXPECT_EQ(found.size(), known.extreme.size()) << known.name;
  }
}

// The pure equilibria are exactly the listed ones with pure strategies.
TYPED_TEST(CatalogueTest, PureEquilibriaAreThePureListedOnes) {
  for (const auto& known : known_games()) {
    std::size_t listed_pure = 0;
    for (const auto& e : known.extreme) {
      auto is_pure = [](const std::vector<std::string>& s) {
        return std::count(s.begin(), s.end(), "1") == 1;
      };
      listed_pure += is_pure(e.x) && is_pure(e.y);
    }
    auto found = pure_nash(make_game<TypeParam>(known));
    EXPECT_EQ(found.size(), listed_pure) << known.name;
    for (const auto& eq : found) EXPECT_GE(find_extreme(known, eq.profile), 0) << known.name;
  }
}

// Zero-sum games: the LP's value is every listed equilibrium's payoff, and
// every Nash equilibrium is a correlated one, so the CE LP's best welfare is
// at least that of each listed equilibrium.
TYPED_TEST(CatalogueTest, LpAndCorrelatedAgreeWithTheList) {
  for (const auto& known : known_games()) {
    auto game = make_game<TypeParam>(known);
    TypeParam best_listed_welfare;
    bool first = true;
    for (const auto& e : known.extreme) {
      auto payoffs = expected_payoffs(game, testing::make_profile<TypeParam>(e));
      TypeParam welfare = payoffs[0] + payoffs[1];
      if (first || welfare > best_listed_welfare) best_listed_welfare = welfare, first = false;
      if (game.is_constant_sum())
        EXPECT_TRUE(testing::Near(solve_zero_sum(game).value, payoffs[0])) << known.name;
    }
    auto ce = correlated_equilibrium(game, CorrelatedObjective<TypeParam>::welfare());
    ASSERT_EQ(ce.status, lp::Status::optimal) << known.name;
    EXPECT_TRUE(ce.objective >= best_listed_welfare - TypeParam(ScalarTraits<TypeParam>::eps())) << known.name;
    EXPECT_TRUE(testing::Near(ce.regret, TypeParam(0), 1e-7)) << known.name;
  }
}

}  // namespace
}  // namespace entente
