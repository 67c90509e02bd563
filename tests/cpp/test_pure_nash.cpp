// Pure Nash equilibria: known games and a brute-force cross-check.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <type_traits>

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
    if (!nash) continue;  // integer payoffs: exact comparison is the tie rule
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


/// Every field of `fast` against the brute force, and the certificate
/// against the regret recomputed by certify() on the pure profile.
template <class Scalar>
void expect_same_as_brute_force(const Game<Scalar>& g, const std::string& what) {
  auto fast = pure_equilibria(g);
  auto slow = brute_force(g);
  ASSERT_EQ(fast.size(), slow.size()) << what;
  for (std::size_t e = 0; e < fast.size(); ++e) {
    EXPECT_EQ(fast[e].profile, slow[e].profile) << what;
    EXPECT_EQ(fast[e].payoffs, slow[e].payoffs) << what;
    EXPECT_EQ(fast[e].strict, slow[e].strict) << what;
    EXPECT_EQ(fast[e].regret, Scalar(0)) << what;  // integer payoffs: every tie is exact
  }
}

template <class Scalar>
Game<Scalar> random_shaped_game(std::mt19937_64& rng, std::vector<std::size_t> shape, int hi) {
  Game<Scalar> g(std::move(shape));
  std::uniform_int_distribution<int> value(0, hi);
  for (std::size_t i = 0; i < g.num_players(); ++i)
    for (auto& x : g.payoffs(i)) x = Scalar(value(rng));
  return g;
}

// Shapes that reach every branch of the search: one and two players (the
// first pass alone), an odd last count and one above 64 (the packed bit
// masks of the double pass take 64 cells at a time), players with a single
// strategy (no deviation), blocks whose candidates are scanned one by one
// and blocks whose fiber maxima are computed (few or many ties), and
// strides above the 4096-value buffer (the global scan and the global
// fiber-maxima pass).
TYPED_TEST(PureNashTest, EveryPathMatchesBruteForceWithTies) {
  std::mt19937_64 rng(99);
  const std::vector<std::vector<std::size_t>> shapes = {
      {7}, {5, 3}, {3, 70}, {2, 3, 67}, {3, 1, 5, 1}, {1, 4, 2}, {4, 3, 5, 3, 2},
      {3, 2, 2, 3, 2, 2, 3},
      {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3},   // players 0 and 1: strides 6144 and 12288
      {3, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2}};  // player 0: stride 4096, the buffer's size
  for (const auto& shape : shapes)
    for (const int hi : {1, 3, 1000}) {
      std::string what = "shape";
      for (std::size_t n : shape) what += " " + std::to_string(n);
      what += ", payoffs 0.." + std::to_string(hi);
      expect_same_as_brute_force(random_shaped_game<TypeParam>(rng, shape, hi), what);
    }
}

// A game with all payoffs equal: every profile is a candidate at every
// player, which drives the dense passes, including the global one for a
// stride above the buffer.
TYPED_TEST(PureNashTest, ConstantGameHasEveryProfileWeakly) {
  Game<TypeParam> g({3, 2, 2100, 2});
  for (std::size_t i = 0; i < 4; ++i)
    for (auto& x : g.payoffs(i)) x = TypeParam(5);
  auto all = pure_equilibria(g);
  ASSERT_EQ(all.size(), g.num_profiles());
  for (std::size_t k = 0; k < all.size(); k += 997) {
    EXPECT_EQ(all[k].profile, g.profile_at(k));
    EXPECT_FALSE(all[k].strict);
    EXPECT_EQ(all[k].regret, TypeParam(0));
  }
}

TEST(PureNashDouble, RegretCertificateIsTheTieWithinTolerance) {
  // Row 1 is 1e-12 below row 0: both are best responses; at (1, 0) the row
  // player gains 1e-12 by deviating, and the certificate says so.
  auto a = matrix<double>(2, 1, {1, 1});
  a(0, 0) = 1 + 1e-12;
  auto b = matrix<double>(2, 1, {0, 0});
  const auto g = bimatrix_game<double>(a, b);
  auto eqs = pure_equilibria(g);
  ASSERT_EQ(eqs.size(), 2u);
  EXPECT_EQ(eqs[0].regret, 0.0);
  EXPECT_EQ(eqs[1].regret, (1 + 1e-12) - 1.0);
  for (const auto& eq : eqs)
    EXPECT_DOUBLE_EQ(eq.regret, certify(g, MixedProfile<double>::pure(g, eq.profile)).regret);
}

TEST(PureNashDouble, RealPayoffsOfASixPlayerGameMatchBruteForce) {
  // The benchmark's setting, smaller: real payoffs (no ties), so the
  // candidates thin out player by player and the scans do the work.
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> value(0.0, 100.0);
  for (int trial = 0; trial < 4; ++trial) {
    Game<double> g({5, 6, 4, 5, 3, 6});
    for (std::size_t i = 0; i < 6; ++i)
      for (auto& x : g.payoffs(i)) x = std::floor(value(rng) * 4) / 4;  // some ties
    auto fast = pure_equilibria(g);
    auto slow = brute_force(g);
    ASSERT_EQ(fast.size(), slow.size());
    for (std::size_t e = 0; e < fast.size(); ++e) {
      EXPECT_EQ(fast[e].profile, slow[e].profile);
      EXPECT_EQ(fast[e].strict, slow[e].strict);
    }
  }
}

TEST(PureNashDetail, EverySimdPathGivesTheSameCandidates) {
  // The first pass for double runs portable, SSE2 or AVX2 code (the widest
  // the processor has); each must keep exactly the portable loop's
  // candidates, ties included, for row lengths below, at and above the
  // vector widths and the 64-cell mask.
  std::mt19937_64 rng(11);
  const std::vector<std::vector<std::size_t>> shapes = {{9}, {3, 1}, {4, 2}, {5, 3}, {3, 4, 5}, {2, 6, 7},
                                                        {3, 3, 8}, {2, 5, 64}, {2, 3, 65}, {2, 2, 131}};
  std::size_t found = 0;
  for (const auto& shape : shapes)
    for (const int hi : {1, 3, 1000}) {
      const auto g = random_shaped_game<double>(rng, shape, hi);
      const double tie = detail::tie_tolerance(g);
      const auto portable = detail::last_two_best_responses(g, tie, detail::PureNashSimd::kPortable);
      found += portable.size();
      EXPECT_EQ(detail::last_two_best_responses(g, tie, detail::PureNashSimd::kSse2), portable);
      EXPECT_EQ(detail::last_two_best_responses(g, tie), portable);
#if defined(ENTENTE_PURE_NASH_AVX2)
      if (detail::has_avx2()) {
        EXPECT_EQ(detail::last_two_best_responses(g, tie, detail::PureNashSimd::kAvx2), portable);
      }
#endif
    }
  EXPECT_GT(found, 300u);
}

TEST(PureNashDetail, IndexDividerEqualsDivision) {
  std::mt19937_64 rng(5);
  std::uniform_int_distribution<std::uint32_t> any;
  const std::uint32_t divisors[] = {1, 2, 3, 7, 10, 64, 100, 1000, 4097, 65536, 100003, 134217728, 4294967295u};
  for (const std::uint32_t d : divisors) {
    const detail::IndexDivider by(d);
    for (const std::uint32_t a : {0u, 1u, d - 1, d, d + 1, 2 * d - 1, 4294967295u})
      EXPECT_EQ(by.quotient(a), a / d) << a << " / " << d;
    for (int k = 0; k < 2000; ++k) {
      const std::uint32_t a = any(rng);
      EXPECT_EQ(by.quotient(a), a / d) << a << " / " << d;
    }
  }
}

}  // namespace
}  // namespace entente
