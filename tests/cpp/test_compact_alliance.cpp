// Alliances of compact games (alliance/compact_*.hpp), against the dense
// alliance layer wherever the tensor fits: the compact bloc game equals the
// dense bloc_game() on every partition, its solved outcome equals the dense
// one, the characteristic function equals the dense gamma function (and the
// best split, recomputed by brute force over partitions, beyond the cap),
// the analysis equals the dense analysis on the same partitions; beyond
// seven actors the search's certificates are recomputed on the bloc games
// and a split of its starts merges into the full run.
#include <gtest/gtest.h>

#include <bit>
#include <string>
#include <vector>

#include "entente/alliance/analysis.hpp"
#include "entente/alliance/compact_analysis.hpp"
#include "entente/games/random_compact.hpp"
#include "entente/scenario/scenario.hpp"
#include "typed.hpp"

namespace entente {
namespace {

using games::random_compact_game;
using games::RandomCompactOptions;
using testing::Near;

template <class Scalar>
class CompactAlliance : public ::testing::Test {};
TYPED_TEST_SUITE(CompactAlliance, testing::Scalars);

/// Small compact games: seeded random ones with three-actor terms, and the
/// scenario files of at most five actors.
template <class Scalar>
std::vector<CompactGame<Scalar>> small_games() {
  std::vector<CompactGame<Scalar>> out;
  RandomCompactOptions options;
  options.conditional = 3;
  out.push_back(random_compact_game<Scalar>({2, 3, 2, 2}, options, 1));
  out.push_back(random_compact_game<Scalar>({2, 2, 2, 2, 2}, options, 2));
  out.push_back(random_compact_game<Scalar>({3, 2, 2, 3, 2}, options, 3));
  for (const char* file : {ENTENTE_EXAMPLES "/scenarios/china_three_bloc.json", ENTENTE_TEST_DATA "/mixed_three_bloc.json",
                           ENTENTE_TEST_DATA "/scenario_three_bloc_dev.json"}) {
    const auto sc = scenario::Scenario::load(file);
    if constexpr (is_exact_v<Scalar>) out.push_back(sc.exact_compact_game());
    else out.push_back(sc.compact_game());
  }
  return out;
}

template <class Scalar>
void expect_same_game(const Game<Scalar>& a, const Game<Scalar>& b, const std::string& where) {
  ASSERT_EQ(a.shape(), b.shape()) << where;
  EXPECT_EQ(a.players(), b.players()) << where;
  EXPECT_EQ(a.strategies(), b.strategies()) << where;
  for (std::size_t i = 0; i < a.num_players(); ++i)
    for (std::size_t k = 0; k < a.num_profiles(); ++k) EXPECT_TRUE(Near(a.payoffs(i)[k], b.payoffs(i)[k])) << where;
}

template <class Scalar>
void expect_same_vector(const std::vector<Scalar>& a, const std::vector<Scalar>& b, const std::string& where) {
  ASSERT_EQ(a.size(), b.size()) << where;
  for (std::size_t k = 0; k < a.size(); ++k) EXPECT_TRUE(Near(a[k], b[k], 1e-7)) << where << " entry " << k;
}

template <class Scalar>
void expect_same_outcome(const BlocOutcome<Scalar>& a, const BlocOutcome<Scalar>& b, const std::string& where) {
  EXPECT_EQ(a.partition, b.partition) << where;
  EXPECT_EQ(a.method, b.method) << where;
  EXPECT_EQ(to_string(a.selection), to_string(b.selection)) << where;
  ASSERT_EQ(a.equilibrium.profile.num_players(), b.equilibrium.profile.num_players()) << where;
  for (std::size_t p = 0; p < a.equilibrium.profile.num_players(); ++p)
    expect_same_vector(a.equilibrium.profile[p], b.equilibrium.profile[p], where + " profile");
  expect_same_vector(a.bloc_payoffs, b.bloc_payoffs, where + " bloc payoffs");
  expect_same_vector(a.payoffs, b.payoffs, where + " payoffs");
  EXPECT_TRUE(Near(a.equilibrium.regret, b.equilibrium.regret, 1e-7)) << where;
}

TYPED_TEST(CompactAlliance, BlocGameAndOutcomeEqualTheDenseOnes) {
  using Scalar = TypeParam;
  std::size_t games = 0, partitions = 0;
  for (const auto& compact : small_games<Scalar>()) {
    const Game<Scalar> dense = compact.to_dense();
    const auto v = characteristic_function(dense, CharacteristicKind::gamma).game;
    for (const auto& p : all_partitions(compact.num_players())) {
      const std::string where = compact.title() + " " + p.to_string();
      expect_same_game(bloc_game(compact, p).to_dense(), bloc_game(dense, p), where);
      for (BlocSplit split : {BlocSplit::none, BlocSplit::shapley}) {
        const BlocGameOptions options{split};
        expect_same_outcome(solve_bloc_game(compact, p, &v, options), solve_bloc_game(dense, p, &v, options),
                            where + " split " + to_string(split));
      }
      ++partitions;
    }
    ++games;
  }
  EXPECT_EQ(games, 6u);
  EXPECT_GT(partitions, 100u);
}

TYPED_TEST(CompactAlliance, BlocBeyondTheCapIsRefusedByName) {
  using Scalar = TypeParam;
  const auto g = random_compact_game<Scalar>({3, 3, 3, 3}, {}, 4);
  const Partition p = Partition::from_blocs(4, {{0, 1, 2}, {3}});
  EXPECT_NO_THROW(bloc_game(g, p));
  try {
    bloc_game(g, p, 26);
    FAIL() << "a bloc of 27 joint strategies passed a cap of 26";
  } catch (const InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find("P1+P2+P3"), std::string::npos) << e.what();
  }
}

/// The best split of S into coalitions that `allowed` admits, by brute
/// force over every partition of S's members.
template <class Scalar>
Scalar best_split(const CoalitionalGame<Scalar>& v, Coalition mask, const std::function<bool(Coalition)>& allowed) {
  const auto members = alliance::detail::members(mask, v.n());
  bool first = true;
  Scalar best(0);
  for (const auto& p : all_partitions(members.size())) {
    Scalar total(0);
    bool ok = true;
    for (Coalition local : p.masks()) {
      Coalition global = 0;
      for (std::size_t k = 0; k < members.size(); ++k)
        if (local >> k & 1u) global |= Coalition(1) << members[k];
      ok = ok && allowed(global);
      total += v.v(global);
    }
    if (ok && (first || total > best)) best = total, first = false;
  }
  return best;
}

TYPED_TEST(CompactAlliance, CharacteristicFunctionIsTheDenseGammaAndTheBestSplitBeyondTheCap) {
  using Scalar = TypeParam;
  std::size_t compared = 0;
  for (const auto& compact : small_games<Scalar>()) {
    const std::size_t n = compact.num_players();
    const auto dense = characteristic_function(compact.to_dense(), CharacteristicKind::gamma);
    const auto full = compact_characteristic_function(compact, n, std::size_t(-1));
    EXPECT_EQ(full.kind, CharacteristicKind::gamma);
    for (Coalition s = 0; s < (Coalition(1) << n); ++s) {
      if (std::find(dense.gamma_fallback.begin(), dense.gamma_fallback.end(), s) != dense.gamma_fallback.end())
        continue;  // the dense one fell back to alpha here (see the header)
      EXPECT_TRUE(Near(full.game.v(s), dense.game.v(s), 1e-7)) << compact.title() << " coalition " << s;
      ++compared;
    }
    // Capped at two members: direct values agree, larger coalitions are
    // their best split into pairs and singletons.
    const auto capped = compact_characteristic_function(compact, 2);
    auto allowed = [](Coalition s) { return std::popcount(s) <= 2; };
    for (Coalition s = 1; s < (Coalition(1) << n); ++s) {
      const Scalar want = allowed(s) ? full.game.v(s) : best_split(capped.game, s, allowed);
      EXPECT_TRUE(Near(capped.game.v(s), want, 1e-7)) << compact.title() << " coalition " << s;
    }
  }
  EXPECT_EQ(compared, 104u);  // 16 + 32 + 32 + 8 + 8 + 8 coalitions, none fell back
}

template <class Scalar>
void expect_same_records(const AllianceAnalysis<Scalar>& compact, const AllianceAnalysis<Scalar>& dense,
                         const std::string& what) {
  std::size_t matched = 0;
  for (const auto& x : compact.partitions)
    for (const auto& y : dense.partitions) {
      if (x.outcome.partition != y.outcome.partition) continue;
      const std::string where = what + " " + x.outcome.partition.to_string();
      expect_same_outcome(x.outcome, y.outcome, where);
      for (Stability s : compact.notions) {
        EXPECT_EQ(x.flags[s], y.flags[s]) << where << " " << to_string(s);
        const auto& a = x.flags.margin[std::size_t(s)];
        const auto& b = y.flags.margin[std::size_t(s)];
        ASSERT_EQ(a.has_value(), b.has_value()) << where << " " << to_string(s);
        if (a) EXPECT_TRUE(Near(*a, *b, 1e-7)) << where << " " << to_string(s);
      }
      ++matched;
    }
  EXPECT_EQ(matched, compact.partitions.size()) << what;
}

TYPED_TEST(CompactAlliance, AnalysisWithoutACapEqualsTheDenseAnalysis) {
  using Scalar = TypeParam;
  for (const auto& compact : small_games<Scalar>()) {
    CompactAllianceOptions options;
    options.max_bloc_size = compact.num_players();
    options.max_joint_strategies = std::size_t(-1);
    AllianceOptions dense_options;
    dense_options.value = CharacteristicKind::gamma;
    const auto a = analyse_alliances(compact, options);
    const auto b = analyse_alliances(compact.to_dense(), dense_options);
    EXPECT_EQ(a.status, AllianceStatus::complete);
    EXPECT_EQ(a.partitions.size(), b.partitions.size());
    EXPECT_EQ(a.notions, b.notions);
    expect_same_records(a, b, compact.title());
    if (b.characteristic.gamma_fallback.empty()) {
      expect_same_vector(a.shapley, b.shapley, compact.title() + " shapley");
      expect_same_vector(a.banzhaf, b.banzhaf, compact.title() + " banzhaf");
    }
  }
}

/// Recomputes a record's certificate and member payoffs from the bloc game
/// (and, where the dense game fits, from the dense bloc game).
template <class Scalar>
void expect_certified(const CompactGame<Scalar>& game, const PartitionRecord<Scalar>& r, const std::string& where) {
  const CompactGame<Scalar> blocs = bloc_game(game, r.outcome.partition);
  const auto eq = certify(blocs, r.outcome.equilibrium.profile);
  EXPECT_TRUE(Near(eq.regret, r.outcome.equilibrium.regret, 1e-9)) << where;
  EXPECT_LE(to_double(eq.regret), 1e-6 * std::max(1.0, game.payoff_scale())) << where;
  expect_same_vector(eq.payoffs, r.outcome.bloc_payoffs, where);
  const Game<Scalar> dense = game.to_dense();
  expect_same_vector(alliance::detail::member_payoffs(dense, r.outcome.partition, r.outcome.equilibrium.profile),
                     r.outcome.payoffs, where + " member payoffs");
}

TYPED_TEST(CompactAlliance, SearchBeyondSevenActorsIsCertifiedAndSplitsAcrossStarts) {
  using Scalar = TypeParam;
  RandomCompactOptions shape;
  shape.conditional = 4;
  const auto game = random_compact_game<Scalar>({2, 2, 3, 2, 2, 2, 2, 2, 2}, shape, 5);
  CompactAllianceOptions options;
  options.max_bloc_size = 3;
  options.starts = 6;
  options.seed = 11;
  options.threads = 2;
  const auto full = analyse_alliances(game, options);
  EXPECT_EQ(full.status, AllianceStatus::heuristic);
  ASSERT_TRUE(full.search.has_value());
  EXPECT_EQ(full.search->max_bloc_size, 3u);
  EXPECT_EQ(full.search->seed, 11u);
  ASSERT_GT(full.partitions.size(), 8u);
  for (const auto& r : full.partitions) {
    for (Coalition m : r.outcome.partition.masks()) EXPECT_LE(std::popcount(m), 3);
    expect_certified(game, r, r.outcome.partition.to_string());
  }
  // The starts in three slices, merged: the same records in the same order.
  std::vector<AllianceAnalysis<Scalar>> parts;
  for (std::size_t first : {0, 3, 5}) {
    auto slice = options;
    slice.first_start = first;
    slice.num_starts = first == 5 ? 100 : (first == 0 ? 3 : 2);
    slice.threads = 1;
    parts.push_back(analyse_alliances(game, slice));
  }
  const auto merged = merge_alliance_searches(parts);
  ASSERT_EQ(merged.partitions.size(), full.partitions.size());
  for (std::size_t k = 0; k < full.partitions.size(); ++k) {
    const auto& x = merged.partitions[k];
    const auto& y = full.partitions[k];
    EXPECT_EQ(x.outcome.partition, y.outcome.partition);
    EXPECT_EQ(x.outcome.payoffs, y.outcome.payoffs);
    EXPECT_EQ(x.flags.stable, y.flags.stable);
    EXPECT_EQ(x.flags.margin, y.flags.margin);
  }
  EXPECT_EQ(merged.swing_players, full.swing_players);
  EXPECT_EQ(merged.most_stable, full.most_stable);
  EXPECT_EQ(merged.shapley, full.shapley);
}

TEST(CompactAllianceErrors, BadOptionsAreInvalidArguments) {
  const auto game = random_compact_game<double>({2, 2, 2, 2, 2, 2, 2, 2}, {}, 6);
  CompactAllianceOptions options;
  options.max_bloc_size = 0;
  EXPECT_THROW(analyse_alliances(game, options), InvalidArgument);
  options.max_bloc_size = 2;
  options.stability = {Stability::farsighted};
  EXPECT_THROW(analyse_alliances(game, options), InvalidArgument);
  options.stability = {};
  options.time_limit_seconds = -1;
  EXPECT_THROW(analyse_alliances(game, options), InvalidArgument);
  options.time_limit_seconds = kNoTimeLimit;
  // Farsighted needs every partition: not with a cap on blocs.
  const auto five = random_compact_game<double>({2, 2, 2, 2, 2}, {}, 7);
  options.stability = {Stability::farsighted};
  EXPECT_THROW(analyse_alliances(five, options), InvalidArgument);
  options.stability = {};
  const auto capped = analyse_alliances(five, options);
  EXPECT_EQ(std::count(capped.notions.begin(), capped.notions.end(), Stability::farsighted), 0);
  EXPECT_EQ(capped.partitions.size(), 26u);  // partitions of 5 into blocs of at most 2: 1 + 10 + 15
  options.max_bloc_size = 5;
  EXPECT_EQ(analyse_alliances(five, options).notions.back(), Stability::farsighted);
  options.max_bloc_size = 2;
  options.time_limit_seconds = -1;
  EXPECT_THROW(analyse_alliances(game, options), InvalidArgument);
  options.time_limit_seconds = kNoTimeLimit;
  options.max_joint_strategies = 1;  // below an actor's own strategies
  EXPECT_THROW(analyse_alliances(game, options), InvalidArgument);
}

}  // namespace
}  // namespace entente
