// The alliance layer: characteristic functions of normal-form games,
// partitions, bloc games, stability and the whole analysis.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

#include "entente/alliance/analysis.hpp"
#include "entente/games/generators.hpp"
#include "typed.hpp"

namespace entente {
namespace {

using testing::Near;

template <class Scalar>
class Alliance : public ::testing::Test {};
TYPED_TEST_SUITE(Alliance, testing::Scalars);

/// Three-player public goods game: contributing (strategy 0) costs 3 and
/// gives 2 to every player; strategy 1 is "keep". u_i = 2 #contributors -
/// 3 [i contributes]. A bloc of k contributes exactly when 2k > 3, so pairs
/// contribute, singletons do not, and the grand coalition does.
template <class Scalar>
Game<Scalar> public_goods() {
  Game<Scalar> g({2, 2, 2});
  for (std::size_t k = 0; k < g.num_profiles(); ++k) {
    const auto p = g.profile_at(k);
    const long c = long(std::count(p.begin(), p.end(), std::size_t(0)));
    for (std::size_t i = 0; i < 3; ++i) g.payoffs(i)[k] = Scalar(2 * c - (p[i] == 0 ? 3 : 0));
  }
  return g;
}

/// v(N) by brute force: the largest total payoff over the pure profiles.
template <class Scalar>
Scalar brute_max_total(const Game<Scalar>& g) {
  std::vector<Scalar> totals(g.num_profiles(), Scalar(0));
  for (std::size_t k = 0; k < g.num_profiles(); ++k)
    for (std::size_t i = 0; i < g.num_players(); ++i) totals[k] += g.payoffs(i)[k];
  return *std::max_element(totals.begin(), totals.end());
}

TEST(Partitions, BellNumbers) {
  const std::vector<std::uint64_t> known{1, 1, 2, 5, 15, 52, 203, 877, 4140, 21147, 115975};
  for (std::size_t n = 0; n < known.size(); ++n) EXPECT_EQ(bell_number(n), known[n]) << n;
  EXPECT_EQ(bell_number(25), 4638590332229999353ull);
  EXPECT_THROW(bell_number(26), InvalidArgument);
}

TEST(Partitions, EnumerationMatchesBruteForce) {
  for (std::size_t n = 1; n <= 6; ++n) {
    // Every labelling of n players with n labels, canonicalised.
    std::set<std::vector<std::size_t>> brute;
    std::vector<std::size_t> labels(n, 0);
    while (true) {
      brute.insert(Partition::canonical(labels).bloc_of());
      std::size_t k = 0;
      while (k < n && ++labels[k] == n) labels[k++] = 0;
      if (k == n) break;
    }
    std::vector<std::vector<std::size_t>> listed;
    for (const auto& p : all_partitions(n)) listed.push_back(p.bloc_of());
    EXPECT_EQ(listed.size(), bell_number(n));
    EXPECT_TRUE(std::is_sorted(listed.begin(), listed.end()));
    EXPECT_EQ(std::set<std::vector<std::size_t>>(listed.begin(), listed.end()), brute);
  }
  EXPECT_THROW(all_partitions(kMaxExactPartitionPlayers + 1), InvalidArgument);
  EXPECT_THROW(all_partitions(0), InvalidArgument);
}

TEST(Partitions, ConstructionChecksAndMoves) {
  EXPECT_THROW(Partition({1, 0}), InvalidArgument);
  EXPECT_THROW(Partition::from_blocs(3, {{0, 1}, {1, 2}}), InvalidArgument);
  EXPECT_THROW(Partition::from_blocs(3, {{0, 1}}), InvalidArgument);
  EXPECT_THROW(Partition::from_blocs(3, {{0, 1}, {}, {2}}), InvalidArgument);
  const Partition p = Partition::from_blocs(4, {{3, 1}, {0}, {2}});
  EXPECT_EQ(p.bloc_of(), (std::vector<std::size_t>{0, 1, 2, 1}));
  EXPECT_EQ(p.to_string(), "{0}{1,3}{2}");
  EXPECT_EQ(p.move(2, 1).to_string(), "{0}{1,2,3}");
  EXPECT_EQ(p.move(1, 3).to_string(), "{0}{1}{2}{3}");
  EXPECT_EQ(p.split_off(0b0101).to_string(), "{0,2}{1,3}");
  EXPECT_EQ(Partition::from_masks(4, p.masks()), p);
  const auto samples = sample_partitions(12, 50, 7);
  EXPECT_EQ(samples.size(), 50u);
  for (const auto& s : samples) EXPECT_EQ(s.num_players(), 12u);
}

TYPED_TEST(Alliance, MergedGameSumsMembersPayoffs) {
  using Scalar = TypeParam;
  const auto g = games::random_game<Scalar>({2, 3, 2, 2}, -5, 5, 11);
  const Partition p = Partition::from_blocs(4, {{0, 2}, {1}, {3}});
  const Game<Scalar> b = bloc_game(g, p);
  ASSERT_EQ(b.shape(), (std::vector<std::size_t>{4, 3, 2}));
  for (std::size_t k = 0; k < g.num_profiles(); ++k) {
    const auto s = g.profile_at(k);
    const std::size_t joint = s[0] * 2 + s[2];
    EXPECT_EQ(b.payoff(0, {joint, s[1], s[3]}), g.payoffs(0)[k] + g.payoffs(2)[k]);
    EXPECT_EQ(b.payoff(1, {joint, s[1], s[3]}), g.payoffs(1)[k]);
  }
  EXPECT_EQ(b.players()[0], "1+3");
}

TYPED_TEST(Alliance, CharacteristicFunctionsOnRandomGames) {
  using Scalar = TypeParam;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    const auto g = games::random_game<Scalar>(seed % 2 ? std::vector<std::size_t>{2, 3, 2}
                                                       : std::vector<std::size_t>{2, 2, 2, 2},
                                              -9, 9, seed);
    const auto alpha = characteristic_function(g, CharacteristicKind::alpha).game;
    const auto beta = characteristic_function(g, CharacteristicKind::beta).game;
    const auto gamma = characteristic_function(g, CharacteristicKind::gamma);
    const Coalition all = alpha.grand_coalition();
    EXPECT_EQ(alpha.v(0), Scalar(0));
    EXPECT_EQ(alpha.v(all), brute_max_total(g));
    EXPECT_EQ(beta.v(all), brute_max_total(g));
    EXPECT_EQ(gamma.game.v(all), brute_max_total(g));
    for (Coalition s = 1; s < all; ++s) {
      EXPECT_LE(alpha.v(s), beta.v(s) + 1e-9) << "seed " << seed << " S " << s;
      // v(S) lies between the worst and the best of S's summed payoff.
      const Scalar best = brute_max_total(g);
      EXPECT_LE(alpha.v(s), best + 1e-9);
    }
    // Singletons: alpha is the maximin value of the player, computed here
    // through the two-player matrix (the player vs the rest).
    for (std::size_t i = 0; i < g.num_players(); ++i) {
      const Coalition s = Coalition(1) << i;
      const Mat<Scalar> m = alliance::detail::coalition_matrix(g, s);
      EXPECT_EQ(m.rows(), Eigen::Index(g.num_strategies(i)));
      EXPECT_TRUE(Near<Scalar>(alpha.v(s), solve_zero_sum<Scalar>(m).value));
      // Pure maximin <= alpha.
      Scalar pure_maximin = m.row(0).minCoeff();
      for (Eigen::Index r = 1; r < m.rows(); ++r) pure_maximin = std::max<Scalar>(pure_maximin, m.row(r).minCoeff());
      EXPECT_LE(pure_maximin, alpha.v(s) + 1e-9);
    }
  }
}

TEST(AllianceExact, DoubleAndRationalAgree) {
  for (std::uint64_t seed = 20; seed < 24; ++seed) {
    const auto g = games::random_game<Rational>({2, 2, 3}, -9, 9, seed);
    for (auto kind : {CharacteristicKind::alpha, CharacteristicKind::beta, CharacteristicKind::gamma}) {
      const auto exact = characteristic_function(g, kind).game;
      const auto floating = characteristic_function(g.cast<double>(), kind).game;
      for (std::size_t m = 0; m < exact.values().size(); ++m)
        EXPECT_NEAR(to_double(exact.values()[m]), floating.values()[m], 1e-7) << to_string(kind) << " " << m;
    }
    AllianceOptions options;
    options.split = BlocSplit::shapley;
    const auto a = analyse_alliances(g, options);
    const auto b = analyse_alliances(g.cast<double>(), options);
    ASSERT_EQ(a.partitions.size(), 5u);
    ASSERT_EQ(b.partitions.size(), 5u);
    for (std::size_t k = 0; k < 5; ++k) {
      EXPECT_EQ(a.partitions[k].outcome.partition, b.partitions[k].outcome.partition);
      EXPECT_EQ(a.partitions[k].outcome.method, b.partitions[k].outcome.method);
      for (std::size_t i = 0; i < 3; ++i)
        EXPECT_NEAR(to_double(a.partitions[k].outcome.payoffs[i]), b.partitions[k].outcome.payoffs[i], 1e-7);
    }
  }
}

TYPED_TEST(Alliance, PublicGoodsKnownStructure) {
  using Scalar = TypeParam;
  const auto g = public_goods<Scalar>();
  const auto v = characteristic_function(g, CharacteristicKind::alpha).game;
  // v({i}) = 0 (keep, others keep), v({i,j}) = 2 (both contribute, the
  // outsider keeps), v(N) = 9.
  EXPECT_EQ(v.values(), (std::vector<Scalar>{0, 0, 0, 2, 0, 2, 2, 9}));
  for (auto kind : {CharacteristicKind::beta, CharacteristicKind::gamma})
    EXPECT_EQ(characteristic_function(g, kind).game.values(), v.values());

  AllianceOptions equal;
  equal.split = BlocSplit::equal;
  const auto result = analyse_alliances(g, equal);
  ASSERT_EQ(result.status, AllianceStatus::complete);
  ASSERT_EQ(result.partitions.size(), 5u);
  for (const auto& r : result.partitions) {
    EXPECT_EQ(r.outcome.method, Method::enumpure);
    EXPECT_EQ(r.outcome.selection, Selection::welfare());
    EXPECT_EQ(r.outcome.equilibrium.regret, Scalar(0));
    const std::string name = r.outcome.partition.to_string();
    const bool pair = r.outcome.partition.num_blocs() == 2;
    // Pairs contribute and the outsider free-rides: (1, 1, 4).
    if (name == "{0,1}{2}") {
      EXPECT_EQ(r.outcome.payoffs, (std::vector<Scalar>{1, 1, 4}));
    }
    if (name == "{0,1,2}") {
      EXPECT_EQ(r.outcome.payoffs, (std::vector<Scalar>{3, 3, 3}));
    }
    if (name == "{0}{1}{2}") {
      EXPECT_EQ(r.outcome.payoffs, (std::vector<Scalar>{0, 0, 0}));
    }
    EXPECT_EQ(r.flags[Stability::nash], pair) << name;
    EXPECT_EQ(r.flags[Stability::individual], pair) << name;
    EXPECT_EQ(r.flags[Stability::exclusive], pair) << name;
    // The grand coalition is blocked by a free-rider, each pair by N, the
    // singletons by any pair.
    EXPECT_EQ(r.flags[Stability::core], false) << name;
    ASSERT_NE(r.flags.blocked_by(Stability::core), nullptr);
    EXPECT_GT(r.flags.blocked_by(Stability::core)->gain, Scalar(0));
  }
  for (const auto& phi : result.shapley) EXPECT_TRUE(Near<Scalar>(phi, Scalar(3)));
  // Marginal contributions 0, 2, 2, 7 over the others' coalitions: 11/4.
  EXPECT_TRUE(Near<Scalar>(result.banzhaf[0], testing::S<Scalar>("11/4")));
  EXPECT_EQ(result.swing_players.at(Stability::nash), (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_TRUE(result.swing_players.at(Stability::core).empty());
}

TYPED_TEST(Alliance, SplitRulesSumToTheBlocPayoff) {
  using Scalar = TypeParam;
  const auto g = games::random_game<Scalar>({2, 2, 2, 2}, 0, 9, 5);
  const auto v = characteristic_function(g, CharacteristicKind::alpha).game;
  const Partition p = Partition::from_blocs(4, {{0, 1, 3}, {2}});
  for (auto split : {BlocSplit::equal, BlocSplit::shapley, BlocSplit::proportional}) {
    BlocGameOptions options;
    options.split = split;
    const auto out = solve_bloc_game(g, p, &v, options);
    EXPECT_TRUE(Near<Scalar>(out.payoffs[0] + out.payoffs[1] + out.payoffs[3], out.bloc_payoffs[0]));
    EXPECT_EQ(out.payoffs[2], out.bloc_payoffs[1]);
    EXPECT_TRUE(Near<Scalar>(out.equilibrium.regret, Scalar(0)));
    if (split == BlocSplit::proportional && v.v(1) >= 0 && v.v(2) >= 0 && v.v(8) >= 0 &&
        v.v(1) + v.v(2) + v.v(8) > 0) {
      EXPECT_TRUE(Near<Scalar>(out.payoffs[0] * (v.v(1) + v.v(2) + v.v(8)), out.bloc_payoffs[0] * v.v(1)));
    }
  }
  EXPECT_THROW(solve_bloc_game(g, p, static_cast<const CoalitionalGame<Scalar>*>(nullptr), BlocGameOptions{BlocSplit::shapley}), InvalidArgument);
}

TYPED_TEST(Alliance, TwoBlocsWithoutPureEquilibriumUseTheLp) {
  using Scalar = TypeParam;
  // Matching pennies between player 0 and the bloc {1,2}: player 2 is a
  // dummy with payoff 0, player 1 pays player 0 when they match.
  Game<Scalar> g({2, 2, 1});
  for (std::size_t a = 0; a < 2; ++a)
    for (std::size_t b = 0; b < 2; ++b) {
      g.payoff(0, {a, b, 0}) = Scalar(a == b ? 1 : -1);
      g.payoff(1, {a, b, 0}) = Scalar(a == b ? -1 : 1);
    }
  const auto out = solve_bloc_game(g, Partition::from_blocs(3, {{0}, {1, 2}}));
  EXPECT_EQ(out.method, Method::lp);
  EXPECT_TRUE(Near<Scalar>(out.payoffs[0], Scalar(0)));
  EXPECT_TRUE(Near<Scalar>(out.equilibrium.regret, Scalar(0)));
  // Three singleton blocs, no pure equilibrium: the limiting logit
  // equilibrium, certified to its tolerance (exactly recomputed for
  // Rational); the only equilibrium of the pennies is (1/2, 1/2).
  const auto three = solve_bloc_game(g, Partition::from_blocs(3, {{0}, {1}, {2}}));
  EXPECT_EQ(three.method, Method::logit);
  EXPECT_EQ(three.equilibrium.regret, regret(g, three.equilibrium.profile));
  EXPECT_LE(to_double(three.equilibrium.regret), 1e-8);
  EXPECT_NEAR(to_double(three.equilibrium.profile[0][0]), 0.5, 1e-6);
  EXPECT_NEAR(to_double(three.equilibrium.profile[1][0]), 0.5, 1e-6);
}

TEST(AllianceErrors, BadInput) {
  EXPECT_THROW(parse_characteristic_kind("alfa"), InvalidArgument);
  EXPECT_THROW(parse_bloc_split("even"), InvalidArgument);
  EXPECT_THROW(parse_stability("strong"), InvalidArgument);
  Game<double> big(std::vector<std::size_t>(21, 1));
  EXPECT_THROW(characteristic_function(big), InvalidArgument);
  EXPECT_THROW(analyse_alliances(big), InvalidArgument);
  AllianceOptions bad;
  bad.time_limit_seconds = 0;
  EXPECT_THROW(analyse_alliances(public_goods<double>(), bad), InvalidArgument);
  EXPECT_THROW(bloc_game(public_goods<double>(), Partition({0, 0})), InvalidArgument);
  auto nan_game = public_goods<double>();
  nan_game.payoffs(1)[3] = std::nan("");
  EXPECT_THROW(analyse_alliances(nan_game), InvalidArgument);
}

TEST(AllianceHeuristic, BeyondTenPlayersSamplesAndStaysBounded) {
  // 11 players with one strategy each except two: cheap bloc games.
  std::vector<std::size_t> shape(11, 1);
  shape[0] = shape[1] = 2;
  const auto g = games::random_game<double>(shape, -3, 3, 4);
  AllianceOptions options;
  options.max_partitions = 20;
  options.stability = {Stability::nash};
  options.time_limit_seconds = 30;
  const auto result = analyse_alliances(g, options);
  EXPECT_EQ(result.status, AllianceStatus::heuristic);
  EXPECT_GE(result.partitions.size(), 2u);
  EXPECT_LE(result.partitions.size(), 22u * 51u);
  for (const auto& r : result.partitions) EXPECT_TRUE(r.flags[Stability::nash].has_value());
}

TEST(AllianceHeuristic, TimeLimitIsAStatus) {
  const auto g = games::random_game<double>({3, 3, 3, 3, 3, 3, 3}, -9, 9, 1);
  AllianceOptions options;
  options.time_limit_seconds = 1e-6;
  const auto result = analyse_alliances(g, options);
  EXPECT_EQ(result.status, AllianceStatus::time_limit);
  EXPECT_LT(result.partitions.size(), 877u);
}

}  // namespace
}  // namespace entente
