// Compact games (game/compact_game.hpp): every quantity equals the dense
// game's, on every scenario file in examples/scenarios/ and tests/data and
// on seeded random compact games, in double and in Rational.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "entente/compact/coarse_correlated.hpp"
#include "entente/compact/pure_nash.hpp"
#include "entente/compact/solve.hpp"
#include "entente/game/compact_game.hpp"
#include "entente/games/random_compact.hpp"
#include "entente/scenario/scenario.hpp"
#include "entente/solvers/pure_nash.hpp"
#include "typed.hpp"

namespace entente {
namespace {

using testing::Near;

std::vector<std::string> scenario_files() {
  std::vector<std::string> out;
  for (const char* dir : {ENTENTE_EXAMPLES "/scenarios", ENTENTE_TEST_DATA})
    for (const auto& entry : std::filesystem::directory_iterator(dir))
      if (entry.path().extension() == ".json") out.push_back(entry.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

/// A random mixed profile with some zero probabilities.
template <class Scalar>
MixedProfile<Scalar> random_profile(const std::vector<std::size_t>& shape, std::mt19937_64& rng) {
  MixedProfile<Scalar> p;
  std::uniform_int_distribution<int> weight(0, 4);
  for (std::size_t n : shape) {
    std::vector<long> w(n);
    long total = 0;
    for (auto& x : w) total += x = weight(rng);
    if (total == 0) w[0] = total = 1;
    p.strategies.emplace_back();
    for (long x : w) p.strategies.back().push_back(Scalar(x) / Scalar(total));
  }
  return p;
}

/// Every quantity of `compact` against the dense game `dense`: payoffs at
/// random pure profiles, strategy values, best responses, regret and
/// certificates at random mixed profiles.
template <class Scalar>
void expect_same_as_dense(const CompactGame<Scalar>& compact, const Game<Scalar>& dense, std::uint64_t seed) {
  ASSERT_EQ(compact.shape(), dense.shape());
  EXPECT_EQ(compact.players(), dense.players());
  EXPECT_EQ(compact.strategies(), dense.strategies());
  EXPECT_EQ(compact.to_dense(), dense);  // bit for bit: the same sums in the same order
  std::mt19937_64 rng(seed);
  for (std::size_t flat = 0; flat < dense.num_profiles(); flat += 1 + rng() % 7) {
    const auto profile = dense.profile_at(flat);
    for (std::size_t i = 0; i < dense.num_players(); ++i) {
      EXPECT_EQ(compact.payoff(i, profile), dense.payoffs(i)[flat]);
      const auto values = compact.pure_strategy_values(profile, i);
      for (std::size_t s = 0; s < values.size(); ++s) {
        auto deviation = profile;
        deviation[i] = s;
        EXPECT_EQ(values[s], dense.payoff(i, deviation));
      }
    }
  }
  for (int trial = 0; trial < 5; ++trial) {
    const auto p = random_profile<Scalar>(dense.shape(), rng);
    for (std::size_t i = 0; i < dense.num_players(); ++i) {
      const auto a = strategy_values(compact, p, i), b = strategy_values(dense, p, i);
      ASSERT_EQ(a.size(), b.size());
      for (std::size_t s = 0; s < a.size(); ++s) EXPECT_TRUE(Near(a[s], b[s], 1e-9));
      EXPECT_EQ(best_responses(compact, p, i), best_responses(dense, p, i));
      EXPECT_TRUE(Near(player_regret(compact, p, i), player_regret(dense, p, i), 1e-9));
    }
    const auto a = certify(compact, p), b = certify(dense, p);
    EXPECT_TRUE(Near(a.regret, b.regret, 1e-9));
    for (std::size_t i = 0; i < a.payoffs.size(); ++i) EXPECT_TRUE(Near(a.payoffs[i], b.payoffs[i], 1e-9));
    EXPECT_TRUE(Near(regret(compact, p), regret(dense, p), 1e-9));
  }
}

TEST(CompactGame, EqualsDenseOnEveryScenarioFile) {
  const auto files = scenario_files();
  ASSERT_GE(files.size(), 4u);
  for (const auto& path : files) {
    SCOPED_TRACE(path);
    const auto sc = scenario::Scenario::load(path);
    if (sc.compact()) continue;  // no dense game to compare with
    expect_same_as_dense(sc.compact_game(), sc.game(), 1);
    expect_same_as_dense(sc.exact_compact_game(), sc.exact_game(), 2);
    // Away from the defaults too: every parameter at its maximum.
    scenario::Values top;
    for (const auto& param : sc.parameters()) top[param.name] = param.max;
    expect_same_as_dense(sc.compact_game(top), sc.game(top), 3);
  }
}

TEST(CompactGame, CompactFlagGivesTheSameGame) {
  for (const auto& path : scenario_files()) {
    SCOPED_TRACE(path);
    const auto dense = scenario::Scenario::load(path);
    if (dense.compact()) continue;
    std::string text = dense.text();
    text.insert(text.find('{') + 1, "\"compact\": true,");
    const auto compact = scenario::Scenario::parse(text, "compact copy");
    EXPECT_TRUE(compact.compact());
    EXPECT_EQ(compact.game(), dense.game());  // through the terms, not the masks
    EXPECT_EQ(compact.exact_game(), dense.exact_game());
  }
}

template <class Scalar>
class CompactTyped : public ::testing::Test {};
TYPED_TEST_SUITE(CompactTyped, testing::Scalars);

TYPED_TEST(CompactTyped, RandomCompactGamesEqualTheirDenseGames) {
  using Scalar = TypeParam;
  const std::vector<std::vector<std::size_t>> shapes{{2, 2}, {3, 2, 2}, {2, 3, 2, 2}, {2, 2, 2, 2, 2, 3}};
  std::uint64_t seed = 10;
  for (const auto& shape : shapes)
    for (std::size_t conditional : {0, 3}) {
      const auto game = games::random_compact_game<Scalar>(shape, {.pairwise_per_actor = 3, .conditional = conditional},
                                                           ++seed);
      EXPECT_EQ(game.is_polymatrix(), conditional == 0 || shape.size() < 3);
      expect_same_as_dense(game, game.to_dense(), seed);
      // cast round trip keeps every amount (integers)
      EXPECT_EQ(game.template cast<Rational>().template cast<Scalar>().to_dense(), game.to_dense());
    }
}

// The dense game of a 4-actor pairwise term by hand: only the pair matters.
TEST(CompactGame, HandComputedTermsAndNeighbours) {
  CompactGame<double> g({"A", "B", "C", "D"}, {{"x", "y"}, {"x", "y"}, {"x", "y", "z"}, {"x"}});
  g.add_term({{{0, {1, 0}}}, {{0, 2.0}}});                      // A gets 2 for x
  g.add_term({{{0, {0, 1}}, {2, {0, 1, 1}}}, {{0, -1.5}}});      // A gets -1.5 for y when C plays y or z
  g.add_term({{{1, {1, 0}}, {2, {1, 0, 0}}, {3, {1}}}, {{1, 4.0}, {2, 1.0}}});
  EXPECT_EQ(g.neighbours(0), (std::vector<std::size_t>{2}));
  EXPECT_EQ(g.neighbours(1), (std::vector<std::size_t>{2, 3}));
  EXPECT_EQ(g.neighbours(2), (std::vector<std::size_t>{1, 3}));
  EXPECT_TRUE(g.neighbours(3).empty());
  EXPECT_FALSE(g.is_polymatrix());
  const std::vector<std::size_t> p{1, 0, 2, 0};
  EXPECT_EQ(g.payoff(0, p), -1.5);
  EXPECT_EQ(g.payoff(1, p), 0.0);
  EXPECT_EQ(g.pure_strategy_values(p, 0), (std::vector<double>{2.0, -1.5}));
  EXPECT_EQ(g.pure_strategy_values(p, 2), (std::vector<double>{1.0, 0.0, 0.0}));
  // Mixed: C plays x, y, z with 1/2, 1/4, 1/4; B plays x with 1/2.
  MixedProfile<double> m({{0.0, 1.0}, {0.5, 0.5}, {0.5, 0.25, 0.25}, {1.0}});
  EXPECT_EQ(strategy_values(g, m, 0), (std::vector<double>{2.0, -0.75}));
  EXPECT_EQ(strategy_values(g, m, 1), (std::vector<double>{2.0, 0.0}));
  EXPECT_EQ(certify(g, m).regret, 2.75);
  EXPECT_EQ(g.dense_profile_count(), 12u);
}

TEST(CompactGame, BadTermsAndProfilesAreClearErrors) {
  CompactGame<double> g({"A", "B"}, {{"x", "y"}, {"x"}});
  EXPECT_THROW(g.add_term({{{2, {1}}}, {{0, 1.0}}}), InvalidArgument);             // no actor 2
  EXPECT_THROW(g.add_term({{{0, {1}}}, {{0, 1.0}}}), InvalidArgument);             // wrong length
  EXPECT_THROW(g.add_term({{{0, {0, 0}}}, {{0, 1.0}}}), InvalidArgument);          // allows nothing
  EXPECT_THROW(g.add_term({{{0, {1, 0}}, {0, {0, 1}}}, {{0, 1.0}}}), InvalidArgument);  // twice
  EXPECT_THROW(g.add_term({{}, {{5, 1.0}}}), InvalidArgument);                     // no recipient 5
  EXPECT_THROW(g.add_term({{}, {{0, std::nan("")}}}), InvalidArgument);
  EXPECT_THROW(g.payoff(0, std::vector<std::size_t>{0}), InvalidArgument);
  EXPECT_THROW(g.payoff(0, std::vector<std::size_t>{2, 0}), InvalidArgument);
  EXPECT_THROW(certify(g, MixedProfile<double>({{0.5, 0.6}, {1.0}})), InvalidArgument);
  EXPECT_THROW(CompactGame<double>({"A"}, {{}}), InvalidArgument);
  EXPECT_TRUE(g.terms().empty());
}

TEST(CompactScenario, PastTheDenseLimitItIsCompactAndSaysSo) {
  // 30 actors with 3 strategies each: 3^30 profiles, no tensor.
  std::string text = R"({"actors": [)";
  for (int i = 0; i < 30; ++i)
    text += std::string(i ? "," : "") + R"({"name": "A)" + std::to_string(i) +
            R"(", "strategies": [{"name": "x"}, {"name": "y"}, {"name": "z"}]})";
  text += R"(], "parameters": [{"name": "w", "default": 1, "min": 0, "max": 2}], "terms": [
    {"kind": "pairwise", "actor": "A0", "strategy": "x", "other": "A29", "other_strategy": ["y", "z"], "value": "w"},
    {"kind": "conditional", "when": {"A1": "y", "A2": "z"}, "payoffs": {"A3": -1, "A1": "2 * w"}}]})";
  const auto sc = scenario::Scenario::parse(text, "wide");
  EXPECT_TRUE(sc.compact());
  EXPECT_THROW(sc.game(), InvalidArgument);
  const auto g = sc.compact_game({{"w", 0.5}});
  ASSERT_EQ(g.terms().size(), 2u);
  std::vector<std::size_t> p(30, 0);
  p[29] = 2;
  EXPECT_EQ(g.payoff(0, p), 0.5);
  p[1] = 1, p[2] = 2;
  EXPECT_EQ(g.payoff(1, p), 1.0);
  EXPECT_EQ(g.payoff(3, p), -1.0);
  EXPECT_EQ(sc.exact_compact_game({{"w", 0.5}}).payoff(1, p), Rational(1));
  // "compact": false with a game that large is an error naming the fix.
  std::string refused = text;
  refused.insert(1, R"("compact": false, )");
  try {
    scenario::Scenario::parse(refused, "wide");
    FAIL() << "expected an error";
  } catch (const ParseError& e) {
    EXPECT_NE(std::string(e.what()).find("\"compact\": true"), std::string::npos) << e.what();
  }
}

// Pure equilibria by backtracking against brute force (the dense pure-Nash
// solver, which checks every profile) up to 10 actors: the same list, in
// the same order, complete.
template <class Scalar>
void expect_pure_equilibria_as_dense(const CompactGame<Scalar>& game) {
  const auto run = compact_pure_equilibria(game);
  EXPECT_EQ(run.status, Status::complete);
  const auto dense = pure_nash(game.to_dense());
  ASSERT_EQ(run.equilibria.size(), dense.size());
  for (std::size_t k = 0; k < dense.size(); ++k) {
    EXPECT_EQ(run.equilibria[k].profile.strategies, dense[k].profile.strategies);
    EXPECT_EQ(run.equilibria[k].regret, Scalar(0));
    for (std::size_t i = 0; i < game.num_players(); ++i) EXPECT_TRUE(Near(run.equilibria[k].payoffs[i], dense[k].payoffs[i]));
  }
}

TYPED_TEST(CompactTyped, PureEquilibriaCompleteAgainstBruteForce) {
  using Scalar = TypeParam;
  std::uint64_t seed = 100;
  std::size_t with_equilibria = 0;
  for (std::size_t actors = 2; actors <= 10; ++actors)
    for (int k = 0; k < 3; ++k) {
      std::vector<std::size_t> shape(actors, 2);
      shape[0] = 3;
      if (actors <= 6) shape[actors - 1] = 3;
      // Few amounts (-2..2) make ties, several equilibria and none.
      const auto game = games::random_compact_game<Scalar>(
          shape, {.pairwise_per_actor = 2, .conditional = std::size_t(k), .lo = -2, .hi = 2}, ++seed);
      SCOPED_TRACE(::testing::Message() << actors << " actors, seed " << seed);
      expect_pure_equilibria_as_dense(game);
      with_equilibria += !pure_nash(game.to_dense()).empty();
    }
  EXPECT_GE(with_equilibria, 10u);  // the comparison is not all empty lists
}

TEST(CompactPure, ScenarioFilesAgreeWithTheDenseSolver) {
  for (const auto& path : scenario_files()) {
    SCOPED_TRACE(path);
    const auto sc = scenario::Scenario::load(path);
    if (sc.compact()) continue;
    expect_pure_equilibria_as_dense(sc.compact_game());
    expect_pure_equilibria_as_dense(sc.exact_compact_game());
  }
}

TEST(CompactPure, LimitsAreStatusesAndTheListSoFar) {
  // No terms: every one of the 2^20 profiles is an equilibrium.
  CompactGame<double> flat(std::vector<std::string>(20, "P"), std::vector<std::vector<std::string>>(20, {"a", "b"}));
  const auto capped = compact_pure_equilibria(flat, {.max_equilibria = 50});
  EXPECT_EQ(capped.status, Status::iteration_limit);
  EXPECT_EQ(capped.equilibria.size(), 50u);
  for (const auto& eq : capped.equilibria) EXPECT_EQ(eq.regret, 0.0);
  const auto timed = compact_pure_equilibria(flat, {.time_limit_seconds = 1e-6, .max_equilibria = 1u << 30});
  EXPECT_EQ(timed.status, Status::time_limit);
  EXPECT_LT(timed.equilibria.size(), std::size_t{1} << 20);
  EXPECT_THROW(compact_pure_equilibria(flat, {.time_limit_seconds = 0}), InvalidArgument);
  EXPECT_THROW(compact_pure_equilibria(flat, {.max_equilibria = 0}), InvalidArgument);
}

TEST(CompactPure, ThirtyActorsWithoutATensor) {
  // 3^30 profiles: only the search's pruning makes this finite. Every
  // equilibrium is checked again, deviation by deviation, from payoff().
  const std::vector<std::size_t> shape(30, 3);
  const auto game = games::random_compact_game<double>(shape, {.pairwise_per_actor = 2, .conditional = 10}, 7);
  const auto run = compact_pure_equilibria(game);
  ASSERT_EQ(run.status, Status::complete);
  for (const auto& eq : run.equilibria) {
    std::vector<std::size_t> p;
    for (const auto& s : eq.profile.strategies) p.push_back(std::size_t(std::find(s.begin(), s.end(), 1.0) - s.begin()));
    for (std::size_t i = 0; i < 30; ++i)
      for (std::size_t t = 0; t < 3; ++t) {
        auto q = p;
        q[i] = t;
        EXPECT_LE(game.payoff(i, q), game.payoff(i, p));
      }
  }
}

// No-regret dynamics: the certificate against one computed on the dense
// game from the joint distribution itself (every profile's probability, the
// average of the rounds' products): the largest gain of a fixed deviation.
TEST(CompactCoarseCorrelated, GainEqualsTheDenseDistributionsGain) {
  std::uint64_t seed = 300;
  for (const auto& shape : std::vector<std::vector<std::size_t>>{{3, 3}, {2, 3, 2}, {2, 2, 2, 2, 3}}) {
    const auto game = games::random_compact_game<double>(shape, {.pairwise_per_actor = 2, .conditional = 2}, ++seed);
    const auto cce = compact_coarse_correlated(game, {.max_iterations = 20000, .tolerance = 1e-2});
    const Game<double> dense = game.to_dense();
    std::vector<double> probability(dense.num_profiles(), 0.0);
    for (std::size_t flat = 0; flat < dense.num_profiles(); ++flat) {
      const auto p = dense.profile_at(flat);
      for (const auto& r : cce.rounds) {
        double q = 1;
        for (std::size_t i = 0; i < p.size(); ++i) q *= r[i][p[i]];
        probability[flat] += q / double(cce.rounds.size());
      }
    }
    double gain = 0;
    for (std::size_t i = 0; i < dense.num_players(); ++i) {
      double expected = 0;
      std::vector<double> fixed(dense.num_strategies(i), 0.0);
      for (std::size_t flat = 0; flat < dense.num_profiles(); ++flat) {
        auto p = dense.profile_at(flat);
        expected += probability[flat] * dense.payoffs(i)[flat];
        for (std::size_t t = 0; t < fixed.size(); ++t) {
          p[i] = t;
          fixed[t] += probability[flat] * dense.payoff(i, p);
        }
      }
      EXPECT_NEAR(cce.payoffs[i], expected, 1e-9);
      gain = std::max(gain, *std::max_element(fixed.begin(), fixed.end()) - expected);
    }
    EXPECT_NEAR(cce.gain, std::max(gain, 0.0), 1e-9);
    EXPECT_EQ(cce.status, Status::converged);
    EXPECT_LE(cce.gain, 1e-2 * 2 * game.payoff_scale() + 1e-12);
  }
}

// The logit branch on the compact game against the same branch on its
// dense game: one path, one endpoint (expected payoffs from the terms or
// from the tensor), each certified.
TEST(CompactLogit, FollowsTheSameBranchAsTheDenseGame) {
  std::uint64_t seed = 500;
  for (const auto& shape : std::vector<std::vector<std::size_t>>{{3, 3}, {2, 3, 2}, {2, 2, 3, 2}}) {
    const auto game = games::random_compact_game<double>(shape, {.pairwise_per_actor = 2, .conditional = 2}, ++seed);
    const auto compact = logit(game), dense = logit(game.to_dense());
    ASSERT_EQ(compact.status, dense.status);
    EXPECT_EQ(compact.status, Status::converged);
    ASSERT_EQ(compact.equilibrium.profile.num_players(), dense.equilibrium.profile.num_players());
    for (std::size_t i = 0; i < shape.size(); ++i)
      for (std::size_t s = 0; s < shape[i]; ++s)
        EXPECT_NEAR(compact.equilibrium.profile[i][s], dense.equilibrium.profile[i][s], 1e-6);
    EXPECT_LE(regret(game.to_dense(), compact.equilibrium.profile), 1e-8);
  }
}

TEST(CompactSolve, PureFirstThenCertifiedLogitAndTheSelectionRule) {
  // Matching pennies between A and B (no pure equilibrium), C indifferent.
  CompactGame<double> pennies({"A", "B", "C"}, {{"h", "t"}, {"h", "t"}, {"x"}});
  pennies.add_term({{{0, {1, 0}}, {1, {1, 0}}}, {{0, 1.0}, {1, -1.0}}});
  pennies.add_term({{{0, {0, 1}}, {1, {0, 1}}}, {{0, 1.0}, {1, -1.0}}});
  pennies.add_term({{{0, {1, 0}}, {1, {0, 1}}}, {{0, -1.0}, {1, 1.0}}});
  pennies.add_term({{{0, {0, 1}}, {1, {1, 0}}}, {{0, -1.0}, {1, 1.0}}});
  const auto mixed = solve_compact(pennies, {.method = Method::logit});
  EXPECT_EQ(mixed.method, Method::logit);
  ASSERT_EQ(mixed.equilibria.size(), 1u);
  EXPECT_NEAR(mixed.equilibria[0].profile[0][0], 0.5, 1e-9);
  EXPECT_NEAR(mixed.equilibria[0].profile[1][0], 0.5, 1e-9);
  EXPECT_LE(regret(pennies.to_dense(), mixed.equilibria[0].profile), 1e-9);
  // auto: no pure equilibrium, polymatrix, so Lemke (exact in Rational); the game's unique equilibrium.
  EXPECT_EQ(solve_compact(pennies).method, Method::lcp);
  const auto exact = solve_compact(pennies.cast<Rational>());
  EXPECT_EQ(exact.method, Method::lcp);
  ASSERT_EQ(exact.equilibria.size(), 1u);
  EXPECT_EQ(exact.equilibria[0].profile[0][0], Rational(1, 2));
  EXPECT_EQ(exact.equilibria[0].profile[1][0], Rational(1, 2));
  EXPECT_EQ(exact.equilibria[0].regret, 0);
  EXPECT_THROW(solve_compact(pennies, {.method = Method::enummixed}), InvalidArgument);
  EXPECT_THROW(solve_compact(pennies, {.selection = Selection::best_for("Z")}), InvalidArgument);

  // Coordination: two pure equilibria; welfare and best-for pick as dense solve() does.
  const auto game = games::random_compact_game<double>({2, 3, 2, 2}, {.pairwise_per_actor = 3, .lo = -2, .hi = 2}, 77);
  for (const auto& selection : {Selection::welfare(), Selection::first(), Selection::best_for("P2"), Selection::all()}) {
    const auto compact = solve_compact(game, {.method = Method::enumpure, .selection = selection});
    const auto dense = solve(game.to_dense(), {.method = Method::enumpure, .selection = selection});
    ASSERT_EQ(compact.equilibria.size(), dense.equilibria.size()) << to_string(selection);
    for (std::size_t k = 0; k < dense.equilibria.size(); ++k)
      EXPECT_EQ(compact.equilibria[k].profile.strategies, dense.equilibria[k].profile.strategies);
  }
}

}  // namespace
}  // namespace entente
