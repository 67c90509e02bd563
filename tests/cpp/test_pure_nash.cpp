// Pure Nash equilibria: known games and a brute-force cross-check.
#include <gtest/gtest.h>

#include <random>

#include "entente/solvers/pure_nash.hpp"
#include "typed.hpp"

namespace entente {
namespace {

using testing::matrix;
using testing::game;

using Profile = std::vector<std::size_t>;

template <class Scalar>
class PureNashTest : public ::testing::Test {};
TYPED_TEST_SUITE(PureNashTest, testing::Scalars);

template <class Scalar>
std::vector<Profile> profiles_of(const std::vector<PureEquilibrium<Scalar>>& eqs) {
  std::vector<Profile> out;
  for (const auto& eq : eqs) out.push_back(eq.profile);
  return out;
}

/// Every player's payoff set by a function of the profile.
template <class Scalar, class F>
Game<Scalar> game_from(std::vector<std::size_t> shape, F&& payoff) {
  Game<Scalar> g(std::move(shape));
  for (std::size_t k = 0; k < g.num_profiles(); ++k) {
    auto profile = g.profile_at(k);
    for (std::size_t i = 0; i < g.num_players(); ++i) g.payoffs(i)[k] = Scalar(payoff(i, profile));
  }
  return g;
}

TYPED_TEST(PureNashTest, PrisonersDilemmaHasOnlyMutualDefection) {
  auto a = matrix<TypeParam>(2, 2, {3, 0, 5, 1});  // 0 = cooperate, 1 = defect
  Mat<TypeParam> b = a.transpose();
  auto g = bimatrix_game<TypeParam>(a, b);
  auto eqs = pure_equilibria(g);
  ASSERT_EQ(eqs.size(), 1u);
  EXPECT_EQ(eqs[0].profile, (Profile{1, 1}));
  EXPECT_TRUE(eqs[0].strict);
  EXPECT_EQ(eqs[0].payoffs, (std::vector<TypeParam>{TypeParam(1), TypeParam(1)}));

  auto mixed = pure_nash(g);
  ASSERT_EQ(mixed.size(), 1u);
  EXPECT_TRUE(testing::Near(mixed[0].regret, TypeParam(0), 0.0));
  EXPECT_EQ(mixed[0].profile[0], (std::vector<TypeParam>{TypeParam(0), TypeParam(1)}));
  EXPECT_EQ(mixed[0].payoffs, eqs[0].payoffs);
}

TYPED_TEST(PureNashTest, MatchingPenniesHasNone) {
  auto a = matrix<TypeParam>(2, 2, {1, -1, -1, 1});
  auto g = zero_sum_game<TypeParam>(a);
  EXPECT_TRUE(pure_equilibria(g).empty());
  EXPECT_TRUE(pure_nash(g).empty());
}

TYPED_TEST(PureNashTest, CoordinationGameHasTwoStrictOnes) {
  auto a = matrix<TypeParam>(2, 2, {2, 0, 0, 1});
  auto g = bimatrix_game<TypeParam>(a, a);
  auto eqs = pure_equilibria(g);
  EXPECT_EQ(profiles_of(eqs), (std::vector<Profile>{{0, 0}, {1, 1}}));
  for (const auto& eq : eqs) EXPECT_TRUE(eq.strict);
  EXPECT_EQ(eqs[0].payoffs[0], TypeParam(2));
  EXPECT_EQ(eqs[1].payoffs[1], TypeParam(1));
}

TYPED_TEST(PureNashTest, WeakEquilibriaAreNotStrict) {
  // Column indifferent everywhere: (0, c) is a Nash equilibrium for both c,
  // neither strict; row 1 is never a best response.
  auto a = matrix<TypeParam>(2, 2, {2, 2, 1, 1});
  auto b = matrix<TypeParam>(2, 2, {0, 0, 0, 0});
  auto eqs = pure_equilibria(bimatrix_game<TypeParam>(a, b));
  EXPECT_EQ(profiles_of(eqs), (std::vector<Profile>{{0, 0}, {0, 1}}));
  for (const auto& eq : eqs) EXPECT_FALSE(eq.strict);
}

// Volunteer's dilemma with three players (0 = volunteer, 1 = ignore): if
// anyone volunteers everyone gets 2 and each volunteer pays 1; if no one
// does, everyone gets 0. The pure equilibria are "exactly one volunteers".
TYPED_TEST(PureNashTest, ThreePlayerVolunteersDilemma) {
  auto g = game_from<TypeParam>({2, 2, 2}, [](std::size_t i, const Profile& a) {
    bool someone = a[0] == 0 || a[1] == 0 || a[2] == 0;
    return someone ? (a[i] == 0 ? 1 : 2) : 0;
  });
  auto eqs = pure_equilibria(g);
  EXPECT_EQ(profiles_of(eqs), (std::vector<Profile>{{0, 1, 1}, {1, 0, 1}, {1, 1, 0}}));
  for (const auto& eq : eqs) {
    EXPECT_TRUE(eq.strict);
    std::size_t volunteer = eq.profile[0] == 0 ? 0 : eq.profile[1] == 0 ? 1 : 2;
    for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(eq.payoffs[i], TypeParam(i == volunteer ? 1 : 2));
  }
  for (const auto& eq : pure_nash(g)) EXPECT_TRUE(testing::Near(eq.regret, TypeParam(0), 0.0));
}

// Players 0 and 1 play a 2x3 coordination game; player 2 (three strategies)
// gets nothing and changes nothing, so every strategy of player 2 extends
// each equilibrium of the first two, never strictly.
TYPED_TEST(PureNashTest, ThreePlayerGameWithADummy) {
  auto g = game_from<TypeParam>({2, 3, 3}, [](std::size_t i, const Profile& a) {
    if (i == 2) return 0;
    return a[0] == a[1] ? 1 : 0;
  });
  auto eqs = pure_equilibria(g);
  EXPECT_EQ(profiles_of(eqs),
            (std::vector<Profile>{{0, 0, 0}, {0, 0, 1}, {0, 0, 2}, {1, 1, 0}, {1, 1, 1}, {1, 1, 2}}));
  for (const auto& eq : eqs) EXPECT_FALSE(eq.strict);
}

TYPED_TEST(PureNashTest, OnePlayerPicksItsMaxima) {
  Game<TypeParam> g({4});
  int values[] = {3, 7, 7, 1};
  for (std::size_t s = 0; s < 4; ++s) g.payoffs(0)[s] = TypeParam(values[s]);
  auto eqs = pure_equilibria(g);
  EXPECT_EQ(profiles_of(eqs), (std::vector<Profile>{{1}, {2}}));
  EXPECT_FALSE(eqs[0].strict);
  g.payoffs(0)[2] = TypeParam(6);
  eqs = pure_equilibria(g);
  ASSERT_EQ(eqs.size(), 1u);
  EXPECT_TRUE(eqs[0].strict);
}

TEST(PureNashDouble, TiesWithinEpsilon) {
  // 1 + 1e-12 and 1 tie for double (within ScalarTraits<double>::eps()).
  auto a = matrix<double>(2, 1, {1, 0});
  a(1, 0) = 1 + 1e-12;
  auto b = matrix<double>(2, 1, {0, 0});
  auto eqs = pure_equilibria(bimatrix_game<double>(a, b));
  EXPECT_EQ(profiles_of(eqs), (std::vector<Profile>{{0, 0}, {1, 0}}));
  for (const auto& eq : eqs) EXPECT_FALSE(eq.strict);
  a(1, 0) = 1 + 1e-6;
  eqs = pure_equilibria(bimatrix_game<double>(a, b));
  EXPECT_EQ(profiles_of(eqs), (std::vector<Profile>{{1, 0}}));
  EXPECT_TRUE(eqs[0].strict);
}

TEST(PureNashDouble, CertificateIsCertifyOfThePureProfile) {
  // pure_nash reads the certificate off the fibers; certify() evaluates the
  // pure profile over the whole tensor. Non-integer payoffs with ties within
  // eps (equilibria of regret > 0) must give the same numbers exactly.
  std::mt19937_64 rng(5);
  std::uniform_int_distribution<int> value(0, 2);
  std::size_t positive = 0, checked = 0;
  for (int trial = 0; trial < 200; ++trial) {
    Game<double> g({2, 3, 2});
    for (std::size_t i = 0; i < 3; ++i)
      for (auto& x : g.payoffs(i)) x = 0.1 * value(rng) + (value(rng) == 0 ? 1e-17 : 0.0);
    for (const auto& eq : pure_nash(g)) {
      std::vector<std::size_t> profile;
      for (const auto& s : eq.profile.strategies)
        profile.push_back(std::size_t(std::max_element(s.begin(), s.end()) - s.begin()));
      const auto full = certify(g, MixedProfile<double>::pure(g, profile));
      EXPECT_EQ(eq.regret, full.regret);
      EXPECT_EQ(eq.payoffs, full.payoffs);
      positive += eq.regret > 0;
      ++checked;
    }
  }
  EXPECT_GT(checked, 100u);
  EXPECT_GT(positive, 0u);  // ties within eps did occur
}

/// The definition, checked naively: every player, every deviation.
template <class Scalar>
std::vector<PureEquilibrium<Scalar>> brute_force(const Game<Scalar>& g) {
  std::vector<PureEquilibrium<Scalar>> out;
  for (std::size_t k = 0; k < g.num_profiles(); ++k) {
    Profile a = g.profile_at(k);
    bool nash = true, strict = true;
    for (std::size_t i = 0; i < g.num_players(); ++i) {
      Scalar here = g.payoff(i, a);
      for (std::size_t t = 0; t < g.num_strategies(i); ++t) {
        if (t == a[i]) continue;
        Profile b = a;
        b[i] = t;
        if (g.payoff(i, b) > here) nash = false;
        if (g.payoff(i, b) == here) strict = false;
      }
    }
    if (!nash) continue;
    std::vector<Scalar> payoffs;
    for (std::size_t i = 0; i < g.num_players(); ++i) payoffs.push_back(g.payoff(i, a));
    out.push_back({a, payoffs, strict});
  }
  return out;
}

template <class Scalar>
Game<Scalar> random_game(std::mt19937_64& rng, std::size_t players, int lo, int hi) {
  std::uniform_int_distribution<std::size_t> count(2, 3);
  std::vector<std::size_t> shape;
  for (std::size_t i = 0; i < players; ++i) shape.push_back(count(rng));
  Game<Scalar> g(shape);
  std::uniform_int_distribution<int> value(lo, hi);
  for (std::size_t i = 0; i < players; ++i)
    for (auto& x : g.payoffs(i)) x = Scalar(value(rng));
  return g;
}

TYPED_TEST(PureNashTest, MatchesBruteForceOnRandomGames) {
  std::mt19937_64 rng(2024);
  std::size_t found = 0, strict = 0;
  for (int trial = 0; trial < 150; ++trial) {
    std::size_t players = 3 + trial % 3;
    // Few payoff values, so ties (and weak equilibria) are common.
    auto g = random_game<TypeParam>(rng, players, 0, trial % 2 ? 2 : 4);
    auto fast = pure_equilibria(g);
    auto slow = brute_force(g);
    ASSERT_EQ(fast.size(), slow.size()) << "trial " << trial;
    for (std::size_t e = 0; e < fast.size(); ++e) {
      EXPECT_EQ(fast[e].profile, slow[e].profile);
      EXPECT_EQ(fast[e].payoffs, slow[e].payoffs);
      EXPECT_EQ(fast[e].strict, slow[e].strict);
      strict += fast[e].strict;
    }
    found += fast.size();
    auto mixed = pure_nash(g);
    ASSERT_EQ(mixed.size(), fast.size());
    for (std::size_t e = 0; e < mixed.size(); ++e) {
      EXPECT_TRUE(testing::Near(mixed[e].regret, TypeParam(0), 0.0));
      EXPECT_EQ(mixed[e].payoffs, fast[e].payoffs);
    }
  }
  // The sample exercises both kinds.
  EXPECT_GT(found, 100u);
  EXPECT_GT(strict, 10u);
  EXPECT_LT(strict, found);
}

// Both paths of the candidate filter: sparse (few ties: per-candidate fiber
// scans) and dense (every profile a candidate: fiber maxima in one pass).
TYPED_TEST(PureNashTest, SparseAndDenseCandidatesMatchBruteForce) {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 6; ++trial) {
    Game<TypeParam> g({4, 5, 3, 4});
    std::uniform_int_distribution<int> value(0, trial < 3 ? 1000 : 1);
    for (std::size_t i = 0; i < 4; ++i)
      for (auto& x : g.payoffs(i)) x = TypeParam(value(rng));
    auto fast = pure_equilibria(g);
    auto slow = brute_force(g);
    ASSERT_EQ(fast.size(), slow.size()) << "trial " << trial;
    for (std::size_t e = 0; e < fast.size(); ++e) {
      EXPECT_EQ(fast[e].profile, slow[e].profile);
      EXPECT_EQ(fast[e].strict, slow[e].strict);
    }
  }
  Game<TypeParam> flat({3, 4, 2});  // all payoffs 0: every profile, none strict
  auto all = pure_equilibria(flat);
  ASSERT_EQ(all.size(), 24u);
  for (std::size_t k = 0; k < all.size(); ++k) {
    EXPECT_EQ(all[k].profile, flat.profile_at(k));
    EXPECT_FALSE(all[k].strict);
  }
}

}  // namespace
}  // namespace entente
