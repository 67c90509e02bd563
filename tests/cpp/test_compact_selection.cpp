// One selection rule for dense and compact games (solvers/selection.hpp's
// select_equilibria on a Game or a CompactGame): on compact games whose
// tensor fits, every rule picks from the same found equilibria what it
// picks on the dense game; under the logit rule a found equilibrium far from
// the limiting logit equilibrium is not taken, the certified endpoint is.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "entente/compact/pure_nash.hpp"
#include "entente/compact/solve.hpp"
#include "entente/games/random_compact.hpp"
#include "entente/scenario/scenario.hpp"
#include "entente/solvers/selection.hpp"

namespace entente {
namespace {

/// The same picks; profiles within `tol` (a logit endpoint is traced on
/// each representation, equal to about 1e-6).
void expect_same(const std::vector<Equilibrium<double>>& a, const std::vector<Equilibrium<double>>& b,
                 const std::string& where, double tol = 1e-9) {
  ASSERT_EQ(a.size(), b.size()) << where;
  for (std::size_t k = 0; k < a.size(); ++k) {
    ASSERT_EQ(a[k].profile.strategies.size(), b[k].profile.strategies.size()) << where;
    for (std::size_t i = 0; i < a[k].profile.strategies.size(); ++i)
      for (std::size_t s = 0; s < a[k].profile[i].size(); ++s)
        EXPECT_NEAR(a[k].profile[i][s], b[k].profile[i][s], tol) << where;
    for (std::size_t i = 0; i < a[k].payoffs.size(); ++i) EXPECT_NEAR(a[k].payoffs[i], b[k].payoffs[i], tol) << where;
  }
}

TEST(CompactSelection, EveryRulePicksWhatItPicksOnTheDenseGame) {
  std::vector<CompactGame<double>> games;
  for (std::uint64_t seed : {3, 5, 7, 11, 13, 77})
    games.push_back(games::random_compact_game<double>({2, 3, 2, 2}, {.pairwise_per_actor = 3, .lo = -2, .hi = 2}, seed));
  games.push_back(scenario::Scenario::load(ENTENTE_EXAMPLES "/scenarios/china_balancing.json").compact_game());
  games.push_back(scenario::Scenario::load(ENTENTE_EXAMPLES "/scenarios/china_three_bloc.json").compact_game());
  std::size_t several = 0;
  for (const auto& game : games) {
    const auto found = compact_pure_equilibria(game).equilibria;
    several += found.size() > 1;
    const auto dense = game.to_dense();
    for (const auto& selection : {Selection::all(), Selection::first(), Selection::welfare(), Selection::logit(),
                                  Selection::best_for(game.players().front()),
                                  Selection::best_for(game.players().back())}) {
      const std::string where = game.title() + " " + to_string(selection);
      expect_same(select_equilibria(game, found, selection), select_equilibria(dense, found, selection), where, 1e-6);
    }
  }
  EXPECT_GE(several, 2u);  // the rules have a choice to make
}

TEST(CompactSelection, LogitTakesTheCertifiedEndpointWhenNoFoundEquilibriumIsNearIt) {
  // Stag hunt: (stag, stag) pays 4 each, hare is safe at 3, stag alone 0.
  // The logit branch ends at (hare, hare), the risk-dominant equilibrium.
  CompactGame<double> hunt({"A", "B"}, {{"stag", "hare"}, {"stag", "hare"}});
  hunt.add_term({{CompactCondition{0, {1, 0}}, CompactCondition{1, {1, 0}}}, {{0, 4.0}, {1, 4.0}}});
  for (std::size_t i : {0, 1}) {
    CompactTerm<double> hare;
    hare.when.push_back(CompactCondition{i, {0, 1}});
    hare.payoffs.emplace_back(i, 3.0);
    hunt.add_term(hare);
  }
  const auto found = compact_pure_equilibria(hunt).equilibria;
  ASSERT_EQ(found.size(), 2u);
  std::vector<Equilibrium<double>> stag_only;
  for (const auto& eq : found)
    if (eq.profile[0][0] == 1.0) stag_only.push_back(eq);
  ASSERT_EQ(stag_only.size(), 1u);
  for (const auto& given : {found, stag_only}) {
    const auto compact = select_equilibria(hunt, given, Selection::logit());
    const auto dense = select_equilibria(hunt.to_dense(), given, Selection::logit());
    expect_same(compact, dense, "stag hunt", 1e-6);
    ASSERT_EQ(compact.size(), 1u);
    EXPECT_NEAR(compact[0].profile[0][1], 1.0, 1e-4);  // hare: the endpoint, not the stag equilibrium given
    EXPECT_NEAR(compact[0].profile[1][1], 1.0, 1e-4);
    EXPECT_LE(compact[0].regret, certificate_tolerance(hunt));
  }
}

}  // namespace
}  // namespace entente
