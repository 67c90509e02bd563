// The welfare-maximising bloc structure of compact games
// (alliance/compact_welfare.hpp), against brute force: every partition of
// the actors (up to 8), valued as the sum of the compact characteristic
// function over its blocs, the best kept; and the best over the partitions
// whose every bloc is allowed, which must be the same value. The structure
// reported is made of allowed blocs, its certificate is the sum of v over
// them recomputed here, ip and dp agree, and the compact alliance analysis
// carries the same structure (also after a split of its starts is merged).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "entente/alliance/compact_analysis.hpp"
#include "entente/alliance/compact_welfare.hpp"
#include "entente/games/random_compact.hpp"
#include "entente/scenario/scenario.hpp"
#include "typed.hpp"

namespace entente {
namespace {

using games::random_compact_game;
using games::RandomCompactOptions;
using testing::Near;

template <class Scalar>
class CompactWelfare : public ::testing::Test {};
TYPED_TEST_SUITE(CompactWelfare, testing::Scalars);

/// Brute force: the largest sum of v over the blocs of a partition, over
/// every partition (allowed_only: only those whose blocs are all allowed).
template <class Scalar>
Scalar best_by_enumeration(const CompactGame<Scalar>& game, const CoalitionalGame<Scalar>& v, std::size_t cap,
                           bool allowed_only) {
  bool first = true;
  Scalar best(0);
  for_each_partition(game.num_players(), [&](const Partition& p) {
    Scalar total(0);
    for (Coalition c : p.masks()) {
      if (allowed_only && !bloc_allowed(game, c, cap, kMaxCompactBlocStrategies)) return true;
      total += v.values()[c];
    }
    if (first || total > best) best = total, first = false;
    return true;
  });
  return best;
}

template <class Scalar>
void expect_optimal(const CompactGame<Scalar>& game, std::size_t cap, const std::string& where) {
  const auto v = compact_characteristic_function(game, cap);
  const Scalar brute = best_by_enumeration(game, v.game, cap, false);
  EXPECT_TRUE(Near<Scalar>(best_by_enumeration(game, v.game, cap, true), brute)) << where << ": allowed blocs only";
  for (auto algorithm : {CoalitionStructureAlgorithm::ip, CoalitionStructureAlgorithm::dp}) {
    const std::string at = where + " " + to_string(algorithm);
    const auto w = welfare_maximising_structure(game, v, cap, kMaxCompactBlocStrategies, {algorithm});
    EXPECT_EQ(w.search.algorithm, algorithm) << at;
    EXPECT_EQ(w.search.status, Status::optimal) << at;
    EXPECT_TRUE(Near<Scalar>(w.search.value, brute)) << at;
    EXPECT_TRUE(Near<Scalar>(w.search.upper_bound, brute)) << at;
    // The certificate, recomputed: the reported blocs are allowed and sum to the optimum.
    Scalar sum(0);
    const auto masks = w.search.structure.masks();
    ASSERT_EQ(w.bloc_values.size(), masks.size()) << at;
    for (std::size_t b = 0; b < masks.size(); ++b) {
      EXPECT_TRUE(bloc_allowed(game, masks[b], cap, kMaxCompactBlocStrategies)) << at << " bloc " << masks[b];
      EXPECT_EQ(w.bloc_values[b], v.game.values()[masks[b]]) << at;
      sum += v.game.values()[masks[b]];
    }
    EXPECT_TRUE(Near<Scalar>(w.certificate, sum)) << at;
    EXPECT_TRUE(Near<Scalar>(sum, brute)) << at;
  }
}

TYPED_TEST(CompactWelfare, StructureIsTheBestPartitionByEnumeration) {
  using Scalar = TypeParam;
  RandomCompactOptions shape;
  shape.conditional = 3;
  const std::vector<std::vector<std::size_t>> shapes =
      is_exact_v<Scalar> ? std::vector<std::vector<std::size_t>>{{2, 3, 2, 2, 2}, {2, 2, 2, 2, 2, 2}}
                         : std::vector<std::vector<std::size_t>>{{2, 3, 2, 2, 2}, {2, 2, 2, 2, 2, 2, 2},
                                                                 {2, 2, 2, 2, 2, 2, 2, 2}};
  std::uint64_t seed = 1;
  for (const auto& s : shapes)
    for (std::size_t cap : {1, 2, 3}) {
      const auto game = random_compact_game<Scalar>(s, shape, seed++);
      expect_optimal(game, cap, std::to_string(s.size()) + " actors, cap " + std::to_string(cap));
    }
  for (const char* file : {ENTENTE_EXAMPLES "/scenarios/china_three_bloc.json",
                           ENTENTE_EXAMPLES "/scenarios/china_balancing.json"}) {
    const auto sc = scenario::Scenario::load(file);
    const CompactGame<Scalar> game = [&] {
      if constexpr (is_exact_v<Scalar>) return sc.exact_compact_game();
      else return sc.compact_game();
    }();
    for (std::size_t cap : {2, 3}) expect_optimal(game, cap, std::string(file) + ", cap " + std::to_string(cap));
  }
}

TYPED_TEST(CompactWelfare, AnalysisReportsTheStructureAndKeepsItThroughAMerge) {
  using Scalar = TypeParam;
  const auto game = random_compact_game<Scalar>({2, 2, 3, 2, 2, 2, 2, 2, 2}, {}, 9);
  CompactAllianceOptions options;
  options.starts = 3;
  options.seed = 4;
  options.threads = 1;
  options.welfare_algorithm = CoalitionStructureAlgorithm::dp;
  const auto full = analyse_alliances(game, options);
  const auto alone = welfare_maximising_structure(game, full.characteristic, 2, kMaxCompactBlocStrategies,
                                                  {CoalitionStructureAlgorithm::dp});
  EXPECT_EQ(full.welfare.search.structure, alone.search.structure);
  EXPECT_EQ(full.welfare.search.value, alone.search.value);
  EXPECT_EQ(full.welfare.search.algorithm, CoalitionStructureAlgorithm::dp);
  EXPECT_TRUE(Near<Scalar>(full.welfare.certificate, best_by_enumeration(game, full.characteristic.game, 2, true)));
  std::vector<CompactAllianceAnalysis<Scalar>> parts;
  for (std::size_t first : {0, 2}) {
    auto slice = options;
    slice.first_start = first;
    slice.num_starts = 2;
    parts.push_back(analyse_alliances(game, slice));
  }
  const auto merged = merge_alliance_searches(parts);
  EXPECT_EQ(merged.welfare.search.structure, full.welfare.search.structure);
  EXPECT_EQ(merged.welfare.certificate, full.welfare.certificate);
  ASSERT_EQ(merged.partitions.size(), full.partitions.size());
}

TEST(CompactWelfareErrors, BadTimeLimitIsAnInvalidArgument) {
  const auto game = random_compact_game<double>({2, 2, 2, 2}, {}, 3);
  const auto v = compact_characteristic_function(game, 2);
  EXPECT_THROW(welfare_maximising_structure(game, v, 2, kMaxCompactBlocStrategies, {CoalitionStructureAlgorithm::ip, -1}),
               InvalidArgument);
  EXPECT_THROW(welfare_maximising_structure(game, v, 2, kMaxCompactBlocStrategies, {CoalitionStructureAlgorithm::dp, 0}),
               InvalidArgument);
}

}  // namespace
}  // namespace entente
