// Coalition structure generation (coop/coalition_structure.hpp): dp and ip
// against brute force over every partition up to 10 players, against each
// other beyond, a hand-checked example, the IP's anytime bound, bad input.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "entente/coop/coalition_structure.hpp"
#include "entente/games/random_coalitional.hpp"
#include "typed.hpp"

namespace entente {
namespace {

using games::CoalitionValueDistribution;
using testing::Near;

template <class Scalar>
class CoalitionStructureTest : public ::testing::Test {};
TYPED_TEST_SUITE(CoalitionStructureTest, testing::Scalars);

constexpr CoalitionStructureAlgorithm kAlgorithms[] = {CoalitionStructureAlgorithm::dp,
                                                       CoalitionStructureAlgorithm::ip};

template <class Scalar>
CoalitionStructure<Scalar> solve(const CoalitionalGame<Scalar>& g, CoalitionStructureAlgorithm a,
                                 double time_limit = kNoTimeLimit) {
  CoalitionStructureOptions o;
  o.algorithm = a;
  o.time_limit_seconds = time_limit;
  return optimal_coalition_structure(g, o);
}

/// The oracle: every partition of the players, valued by its own sum.
template <class Scalar>
struct BruteForce {
  Scalar best;
  std::vector<Partition> optimal;  ///< every partition within `tie` of best
};

template <class Scalar>
Scalar sum_of_blocs(const CoalitionalGame<Scalar>& g, const Partition& p) {
  Scalar total(0);
  for (const auto& bloc : p.blocs()) {
    Coalition mask = 0;
    for (std::size_t i : bloc) mask |= Coalition(1) << i;
    total += g.values()[mask];
  }
  return total;
}

template <class Scalar>
BruteForce<Scalar> brute_force(const CoalitionalGame<Scalar>& g) {
  const double tie = 1e-9;
  BruteForce<Scalar> out{sum_of_blocs(g, Partition(std::vector<std::size_t>(g.n(), 0))), {}};
  for_each_partition(g.n(), [&](const Partition& p) {
    out.best = std::max(out.best, sum_of_blocs(g, p));
    return true;
  });
  for_each_partition(g.n(), [&](const Partition& p) {
    if (Near(sum_of_blocs(g, p), out.best, tie)) out.optimal.push_back(p);
    return true;
  });
  return out;
}

/// r is an optimal structure of g, as brute force finds it.
template <class Scalar>
void expect_optimal(const CoalitionalGame<Scalar>& g, const CoalitionStructure<Scalar>& r,
                    const BruteForce<Scalar>& oracle) {
  EXPECT_EQ(r.status, Status::optimal);
  EXPECT_TRUE(Near(r.value, oracle.best));
  EXPECT_TRUE(Near(r.upper_bound, r.value, 0.0));
  EXPECT_TRUE(Near(sum_of_blocs(g, r.structure), r.value));
  EXPECT_EQ(r.ratio(), std::optional<double>(1.0));
  EXPECT_NE(std::find(oracle.optimal.begin(), oracle.optimal.end(), r.structure), oracle.optimal.end())
      << r.structure.to_string() << " is not among the optimal structures";
  if (oracle.optimal.size() == 1) EXPECT_EQ(r.structure, oracle.optimal.front());
}

/// Integers in [-3, 5] times nothing: many ties and negative values.
template <class Scalar>
CoalitionalGame<Scalar> random_integer_game(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> pick(-3, 5);
  std::vector<Scalar> v(std::size_t(1) << n, Scalar(0));
  for (std::size_t c = 1; c < v.size(); ++c) v[c] = Scalar(pick(rng));
  return CoalitionalGame<Scalar>(n, std::move(v));
}

/// v(C) = sum of the members' weights + gain * (|C| - 1): every merger of
/// two blocs gains `gain`, so for gain > 0 the grand coalition is the
/// unique optimum (strictly superadditive), for gain < 0 the singletons
/// (strictly subadditive).
template <class Scalar>
CoalitionalGame<Scalar> additive_game(std::size_t n, long gain, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> pick(-4, 9);
  std::vector<Scalar> weight;
  for (std::size_t i = 0; i < n; ++i) weight.push_back(Scalar(pick(rng)));
  std::vector<Scalar> v(std::size_t(1) << n, Scalar(0));
  for (std::size_t c = 1; c < v.size(); ++c) {
    v[c] = Scalar(gain * (std::popcount(c) - 1));
    for (std::size_t i = 0; i < n; ++i)
      if (c >> i & 1u) v[c] += weight[i];
  }
  return CoalitionalGame<Scalar>(n, std::move(v));
}

TYPED_TEST(CoalitionStructureTest, BothAlgorithmsMatchBruteForceOnRandomValues) {
  using Scalar = TypeParam;
  for (std::size_t n = 1; n <= 10; ++n) {
    std::vector<std::pair<std::string, CoalitionalGame<Scalar>>> cases;
    for (auto d : {CoalitionValueDistribution::uniform, CoalitionValueDistribution::normal,
                   CoalitionValueDistribution::ndcs})
      cases.emplace_back(games::to_string(d), games::random_coalitional_game<Scalar>(n, d, 100 + n));
    cases.emplace_back("integers", random_integer_game<Scalar>(n, 200 + n));
    for (const auto& [name, g] : cases) {
      SCOPED_TRACE(name + ", n = " + std::to_string(n));
      const auto oracle = brute_force(g);
      for (auto a : kAlgorithms) {
        SCOPED_TRACE(to_string(a));
        expect_optimal(g, solve(g, a), oracle);
      }
    }
  }
}

TYPED_TEST(CoalitionStructureTest, SuperadditiveGivesTheGrandCoalitionSubadditiveTheSingletons) {
  using Scalar = TypeParam;
  for (std::size_t n = 1; n <= 10; ++n) {
    SCOPED_TRACE("n = " + std::to_string(n));
    const auto grand = additive_game<Scalar>(n, 1, n);
    const auto alone = additive_game<Scalar>(n, -1, n);
    ASSERT_TRUE(grand.is_superadditive());
    const Partition everyone(std::vector<std::size_t>(n, 0));
    std::vector<std::size_t> own(n);
    for (std::size_t i = 0; i < n; ++i) own[i] = i;
    const Partition singletons(own);
    const auto grand_oracle = brute_force(grand), alone_oracle = brute_force(alone);
    ASSERT_EQ(grand_oracle.optimal, std::vector<Partition>{everyone});
    if (n > 1) ASSERT_EQ(alone_oracle.optimal, std::vector<Partition>{singletons});
    for (auto a : kAlgorithms) {
      SCOPED_TRACE(to_string(a));
      const auto r = solve(grand, a);
      expect_optimal(grand, r, grand_oracle);
      EXPECT_EQ(r.structure, everyone);
      const auto s = solve(alone, a);
      expect_optimal(alone, s, alone_oracle);
      EXPECT_EQ(s.structure, singletons);
    }
  }
}

// Four players, v in mask order (bit i = player i):
//   v{0}=1 v{1}=1 v{2}=2 v{3}=0;  v{0,1}=3 v{2,3}=3 v{0,2}=2, the other pairs 1;
//   v{0,1,2}=4, the other triples 3;  v{0,1,2,3}=5.
// The 15 structures, by hand: {0123} 5; {01}{23} 3+3 = 6; {02}{13} 2+1 = 3;
// {03}{12} 1+1 = 2; {012}{3} 4; {013}{2} 5; {023}{1} 4; {123}{0} 4;
// {01}{2}{3} 5; {23}{0}{1} 5; {02}{1}{3} 3; {03}{1}{2} 4; {12}{0}{3} 2;
// {13}{0}{2} 4; {0}{1}{2}{3} 4. The optimum is {0,1}{2,3}, worth 6, alone.
// The IP's bounds: Max_1..4 = 2, 3, 4, 5, so UB[4] = 5, UB[1,3] = 6,
// UB[2,2] = 6, UB[1,1,2] = 7, UB[1,1,1,1] = 8: after its scan of the
// structures of one and two blocs and the singletons (best 6), only [1,1,2]
// (UB 7 > 6) is left to search, and it holds nothing above 5. The [2,2]
// structures average (6 + 3 + 2) / 3 = 11/3 = 2 Avg_2 = 2 (3+3+2+1+1+1)/6,
// as the IP's average bound says (every pair fills a size-2 bloc equally often).
TYPED_TEST(CoalitionStructureTest, HandCheckedFourPlayers) {
  using Scalar = TypeParam;
  const std::vector<int> v{0, 1, 1, 3, 2, 2, 1, 4, 0, 1, 1, 3, 3, 3, 3, 5};
  std::vector<Scalar> values;
  for (int x : v) values.push_back(Scalar(x));
  const CoalitionalGame<Scalar> g(4, values);
  const auto expected = Partition::from_blocs(4, {{0, 1}, {2, 3}});
  for (auto a : kAlgorithms) {
    SCOPED_TRACE(to_string(a));
    const auto r = solve(g, a);
    EXPECT_EQ(r.status, Status::optimal);
    EXPECT_EQ(r.structure, expected);
    EXPECT_TRUE(Near(r.value, Scalar(6)));
    EXPECT_TRUE(Near(r.upper_bound, Scalar(6)));
    EXPECT_EQ(r.structure.to_string(), "{0,1}{2,3}");
  }
  const auto ip = solve(g, CoalitionStructureAlgorithm::ip);
  EXPECT_EQ(ip.counters.subspaces, 5u);
  EXPECT_EQ(ip.counters.subspaces_searched, 5u);  // [4], [1,3], [2,2], [1,1,1,1] by the scan, then [1,1,2]
  EXPECT_EQ(ip.counters.subspaces_pruned, 0u);
  // The scan: {N}, the singletons, 7 two-bloc structures; [1,1,2]: its 6
  // structures unless pruned on the way.
  EXPECT_GE(ip.counters.structures, 9u);
  EXPECT_LE(ip.counters.structures, 15u);
}

TEST(CoalitionStructure, DynamicProgrammeComparesEverySplitOnce) {
  // Over the non-empty S, 2^(|S|-1) - 1 splits each: (3^n + 1)/2 - 2^n.
  for (std::size_t n = 1; n <= 12; ++n) {
    const auto g = games::random_coalitional_game<double>(n, CoalitionValueDistribution::uniform, n);
    const auto r = solve(g, CoalitionStructureAlgorithm::dp);
    std::uint64_t three = 1;
    for (std::size_t k = 0; k < n; ++k) three *= 3;
    EXPECT_EQ(r.counters.splits, (three + 1) / 2 - (std::uint64_t(1) << n)) << n;
  }
}

TEST(CoalitionStructure, IpNeverValuesAStructureTwice) {
  // Every structure the IP values is a distinct partition, so no more than
  // Bell(n) of them; the value distributions prune far below that.
  for (std::size_t n = 3; n <= 10; ++n)
    for (auto d : {CoalitionValueDistribution::uniform, CoalitionValueDistribution::ndcs}) {
      const auto r = solve(games::random_coalitional_game<double>(n, d, 7 * n), CoalitionStructureAlgorithm::ip);
      EXPECT_LE(r.counters.structures, bell_number(n)) << n;
      EXPECT_EQ(r.counters.subspaces_searched + r.counters.subspaces_pruned, r.counters.subspaces) << n;
    }
}

TEST(CoalitionStructure, IpAgreesWithDpBeyondBruteForce) {
  for (std::size_t n : {11u, 12u, 14u})
    for (auto d : {CoalitionValueDistribution::uniform, CoalitionValueDistribution::normal,
                   CoalitionValueDistribution::ndcs}) {
      SCOPED_TRACE(games::to_string(d) + ", n = " + std::to_string(n));
      const auto g = games::random_coalitional_game<double>(n, d, 31 * n);
      const auto dp = solve(g, CoalitionStructureAlgorithm::dp);
      const auto ip = solve(g, CoalitionStructureAlgorithm::ip);
      EXPECT_EQ(ip.status, Status::optimal);
      EXPECT_NEAR(ip.value, dp.value, 1e-9);
      EXPECT_NEAR(sum_of_blocs(g, ip.structure), ip.value, 1e-9);
      EXPECT_NEAR(sum_of_blocs(g, dp.structure), dp.value, 1e-9);
    }
}

/// The optimum of g by dp, for the anytime tests.
double optimum(const CoalitionalGame<double>& g) { return solve(g, CoalitionStructureAlgorithm::dp).value; }

TEST(CoalitionStructure, IpBoundHoldsAtEveryTimeLimit) {
  for (auto d : {CoalitionValueDistribution::normal, CoalitionValueDistribution::ndcs}) {
    const auto g = games::random_coalitional_game<double>(16, d, 5);
    const double best = optimum(g);
    for (double limit : {1e-9, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1}) {
      SCOPED_TRACE(games::to_string(d) + ", time limit " + std::to_string(limit));
      const auto r = solve(g, CoalitionStructureAlgorithm::ip, limit);
      ASSERT_TRUE(r.status == Status::optimal || r.status == Status::time_limit) << to_string(r.status);
      EXPECT_EQ(r.structure.num_players(), 16u);
      EXPECT_NEAR(sum_of_blocs(g, r.structure), r.value, 1e-9);
      EXPECT_LE(r.value, best + 1e-9);
      EXPECT_GE(r.upper_bound, best - 1e-9);
      EXPECT_GE(r.upper_bound, r.value);
      if (r.status == Status::optimal) EXPECT_NEAR(r.value, best, 1e-9);
      if (r.ratio()) EXPECT_LE(*r.ratio(), 1.0);
    }
  }
}

TYPED_TEST(CoalitionStructureTest, TinyTimeLimitReturnsAValidStructureAndItsBound) {
  using Scalar = TypeParam;
  const std::size_t n = is_exact_v<Scalar> ? 13 : 16;
  const auto g = games::random_coalitional_game<Scalar>(n, CoalitionValueDistribution::normal, 9);
  const auto exact = solve(g, CoalitionStructureAlgorithm::dp);
  ASSERT_EQ(exact.status, Status::optimal);
  for (auto a : kAlgorithms) {
    SCOPED_TRACE(to_string(a));
    const auto r = solve(g, a, 1e-9);
    EXPECT_EQ(r.status, Status::time_limit);
    EXPECT_EQ(r.algorithm, a);
    EXPECT_EQ(r.structure.num_players(), n);
    EXPECT_TRUE(Near(sum_of_blocs(g, r.structure), r.value));
    EXPECT_LE(r.value, exact.value);
    EXPECT_GE(r.upper_bound, exact.value);
  }
}

TEST(CoalitionStructure, BadInputIsInvalidArgument) {
  EXPECT_THROW(coop::detail::check_coalition_structure_input(26, {}), InvalidArgument);
  EXPECT_NO_THROW(coop::detail::check_coalition_structure_input(25, {}));
  const auto g = games::random_coalitional_game<double>(3, CoalitionValueDistribution::uniform, 1);
  for (double limit : {0.0, -1.0, std::nan("")}) {
    CoalitionStructureOptions o;
    o.time_limit_seconds = limit;
    EXPECT_THROW(optimal_coalition_structure(g, o), InvalidArgument) << limit;
  }
  std::vector<double> values{0, 1, std::nan(""), 2};
  EXPECT_THROW(CoalitionalGame<double>(2, values), InvalidArgument);
  EXPECT_THROW(parse_coalition_structure_algorithm("greedy"), InvalidArgument);
  EXPECT_EQ(parse_coalition_structure_algorithm("dp"), CoalitionStructureAlgorithm::dp);
  EXPECT_THROW(structure_value(g, Partition(std::vector<std::size_t>{0, 1})), InvalidArgument);
  EXPECT_THROW(games::random_coalitional_game<double>(26, CoalitionValueDistribution::ndcs, 1), InvalidArgument);
}

TEST(CoalitionStructure, RatioIsTheGuaranteedShare) {
  CoalitionStructure<double> r;
  r.value = 3, r.upper_bound = 4;
  EXPECT_EQ(r.ratio(), std::optional<double>(0.75));
  r.value = -1;
  EXPECT_EQ(r.ratio(), std::nullopt);
  r.value = r.upper_bound = -2;
  EXPECT_EQ(r.ratio(), std::optional<double>(1.0));
}

}  // namespace
}  // namespace entente
