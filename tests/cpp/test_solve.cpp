// solve(): the method table, the dispatch, statuses and the selection
// rules, on double and Rational. Oracles: the solvers called directly, and
// brute force over every equilibrium the enumeration finds.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "entente/entente.hpp"
#include "typed.hpp"

using namespace entente;
using namespace entente::testing;

namespace {

template <class Scalar>
Scalar total(const Equilibrium<Scalar>& eq) {
  Scalar sum(0);
  for (const auto& u : eq.payoffs) sum += u;
  return sum;
}

/// Battle of the sexes: two pure equilibria and the mixed one
/// ((3/5, 2/5), (2/5, 3/5)), welfare 5, 5 and 6/5.
template <class Scalar>
Game<Scalar> battle_of_the_sexes() {
  auto g = game<Scalar>({{3, 0}, {0, 2}}, {{2, 0}, {0, 3}});
  g.set_player(0, "Row");
  g.set_player(1, "Column");
  return g;
}

}  // namespace

template <class Scalar>
class SolveTest : public ::testing::Test {};
TYPED_TEST_SUITE(SolveTest, Scalars);

TEST(MethodTable, EveryRowParsesBackAndNamesAreUnique) {
  std::set<std::string> names;
  for (const auto& row : kMethods) {
    EXPECT_EQ(parse_method(row.name), row.method);
    EXPECT_EQ(to_string(row.method), row.name);
    EXPECT_TRUE(names.insert(std::string(row.name)).second);
    EXPECT_FALSE(row.summary.empty());
  }
  EXPECT_EQ(method_names().size(), kMethods.size());
  EXPECT_EQ(method_info(Method::logit).exact, false);
  EXPECT_EQ(method_info(Method::ce).result, ResultKind::correlated);
  EXPECT_EQ(method_info(Method::enummixed).max_players, 2u);
  try {
    parse_method("enumall");
    FAIL() << "no exception";
  } catch (const InvalidArgument& e) {
    // The message lists every method of the table.
    for (const auto& row : kMethods) EXPECT_NE(std::string(e.what()).find(row.name), std::string::npos);
  }
}

TYPED_TEST(SolveTest, EveryMethodReturnsCertifiedEquilibriaOfWhatItSolves) {
  using Sc = TypeParam;
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 6; ++trial) {
    const auto a = random_matrix<Sc>(rng, 3, 3), b = random_matrix<Sc>(rng, 3, 3);
    const Game<Sc> g = bimatrix_game<Sc>(a, b);
    const Game<Sc> zero = bimatrix_game<Sc>(a, Mat<Sc>(-a));
    for (const auto& row : kMethods) {
      if (row.method == Method::backward) {  // trees only: tests/cpp/test_extensive.cpp
        EXPECT_THROW(solve(g, {.method = row.method}), InvalidArgument);
        continue;
      }
      if (is_exact_v<Sc> && !row.exact) {
        EXPECT_THROW(solve(g, {.method = row.method}), InvalidArgument);
        continue;
      }
      const Game<Sc>& target = row.method == Method::lp ? zero : g;
      const auto result = solve(target, {.method = row.method});
      EXPECT_EQ(result.selection, Selection::all());
      EXPECT_TRUE(finished(result.status)) << row.name << " " << to_string(result.status);
      if (row.result == ResultKind::correlated) {
        ASSERT_TRUE(result.correlated.has_value()) << row.name;
        EXPECT_TRUE(result.equilibria.empty());
        const auto direct = correlated_equilibrium(target, CorrelatedObjective<Sc>::welfare(), row.method == Method::cce);
        EXPECT_TRUE(Near<Sc>(result.correlated->objective, direct.objective, 1e-9));
        continue;
      }
      EXPECT_EQ(result.found, result.equilibria.size());
      for (const auto& eq : result.equilibria) {
        // The certificate is recomputed, not trusted.
        EXPECT_TRUE(Near<Sc>(eq.regret, regret(target, eq.profile), 1e-12)) << row.name;
        EXPECT_LE(to_double(eq.regret), 1e-8) << row.name;
      }
    }
    // auto on a non-zero-sum bimatrix game is vertex enumeration.
    const auto by_auto = solve(g);
    EXPECT_EQ(by_auto.method, Method::enummixed);
    EXPECT_EQ(by_auto.equilibria.size(), enumerate_equilibria(g).size());
    EXPECT_EQ(solve(zero).method, Method::lp);
  }
}

TYPED_TEST(SolveTest, SelectionRulesPickWhatBruteForceSays) {
  using Sc = TypeParam;
  std::mt19937_64 rng(5);
  std::size_t with_choice = 0;
  for (int trial = 0; trial < 40; ++trial) {
    Game<Sc> g = bimatrix_game<Sc>(random_matrix<Sc>(rng, 3, 3, -3, 3), random_matrix<Sc>(rng, 3, 3, -3, 3));
    g.set_player(0, "Seoul");
    g.set_player(1, "Tokyo");
    const auto all = solve(g, {.method = Method::enummixed}).equilibria;
    ASSERT_FALSE(all.empty());
    with_choice += all.size() > 1;
    // Brute force: the first maximiser in enumeration order.
    std::size_t welfare = 0, best_tokyo = 0;
    for (std::size_t k = 1; k < all.size(); ++k) {
      if (total(all[welfare]) < total(all[k])) welfare = k;
      const auto& t = all[best_tokyo].payoffs[1];
      if (t < all[k].payoffs[1] || (t == all[k].payoffs[1] && total(all[best_tokyo]) < total(all[k]))) best_tokyo = k;
    }
    auto picked = [&](Selection selection) {
      const auto result = solve(g, {.method = Method::enummixed, .selection = selection});
      EXPECT_EQ(result.found, all.size());
      EXPECT_EQ(result.selection, selection);
      EXPECT_EQ(result.equilibria.size(), 1u);
      return result.equilibria.front().profile.strategies;
    };
    EXPECT_EQ(picked(Selection::first()), all.front().profile.strategies);
    EXPECT_EQ(picked(Selection::welfare()), all[welfare].profile.strategies);
    EXPECT_EQ(picked(Selection::parse("best-for:Tokyo")), all[best_tokyo].profile.strategies);
    EXPECT_EQ(solve(g, {.method = Method::enummixed, .selection = Selection::all()}).equilibria.size(), all.size());
  }
  EXPECT_GT(with_choice, 5u);  // the rules were tested where they matter
}

TYPED_TEST(SolveTest, LogitSelectionIsTheEndOfThePrincipalBranch) {
  using Sc = TypeParam;
  // Battle of the sexes is symmetric under swapping the players and their
  // strategies; the centroid is, so the whole principal branch is, so its
  // end is the one symmetric equilibrium: the mixed one.
  const auto g = battle_of_the_sexes<Sc>();
  const auto result = solve(g, {.method = Method::enummixed, .selection = Selection::logit()});
  EXPECT_EQ(result.found, 3u);
  ASSERT_EQ(result.equilibria.size(), 1u);
  const auto& p = result.equilibria.front().profile;
  EXPECT_TRUE(Near<Sc>(p[0][0], S<Sc>("3/5")));
  EXPECT_TRUE(Near<Sc>(p[1][0], S<Sc>("2/5")));
  EXPECT_TRUE(Near<Sc>(result.equilibria.front().regret, Sc(0), 1e-12));
  // welfare and best-for pick a pure one instead.
  const auto welfare = solve(g, {.method = Method::enummixed, .selection = Selection::welfare()});
  EXPECT_TRUE(Near<Sc>(total(welfare.equilibria.front()), Sc(5)));
  const auto column = solve(g, {.method = Method::enummixed, .selection = Selection::best_for("Column")});
  EXPECT_TRUE(Near<Sc>(column.equilibria.front().payoffs[1], Sc(3)));
}

TEST(Solve, LogitSelectionFallsBackToTheCertifiedEndpoint) {
  // enumpure finds nothing in matching pennies: logit selection gives the
  // branch's end, (1/2, 1/2), certified.
  const auto g = game<double>({{1, -1}, {-1, 1}}, {{-1, 1}, {1, -1}});
  const auto result = solve(g, {.method = Method::enumpure, .selection = Selection::logit()});
  EXPECT_EQ(result.found, 0u);
  ASSERT_EQ(result.equilibria.size(), 1u);
  EXPECT_NEAR(result.equilibria[0].profile[0][0], 0.5, 1e-6);
  EXPECT_LE(result.equilibria[0].regret, certificate_tolerance(g));
  // Exact: nothing found, nothing selected (the endpoint is not exact).
  EXPECT_TRUE(solve(g.cast<Rational>(), {.method = Method::enumpure, .selection = Selection::logit()}).equilibria.empty());
}

TEST(Solve, LimitsEndInAStatusAndNothingUncertified) {
  // Three players without a pure equilibrium: auto comes to simpdiv.
  const auto g = games::random_game<double>({4, 4, 4}, -9, 9, 3);
  ASSERT_TRUE(pure_nash(g).empty());
  const auto cut = solve(g, {.time_limit_seconds = 1e-9});
  EXPECT_EQ(cut.method, Method::simpdiv);
  EXPECT_EQ(cut.status, Status::time_limit);
  EXPECT_TRUE(cut.equilibria.empty());
  const auto full = solve(g);
  EXPECT_EQ(full.status, Status::converged);
  ASSERT_EQ(full.equilibria.size(), 1u);
  EXPECT_LE(full.equilibria[0].regret, 1e-8);
  // Continuation from that equilibrium on a slightly different game.
  Game<double> moved = g;
  moved.payoff(0, {0, 0, 0}) += 1e-3;
  const auto warm = solve(moved, {.warm_start = full.equilibria[0].profile});
  EXPECT_TRUE(warm.continued);
  ASSERT_EQ(warm.equilibria.size(), 1u);
  EXPECT_LE(warm.equilibria[0].regret, 1e-8);
  EXPECT_THROW(solve(g, {.time_limit_seconds = 0}), InvalidArgument);
  EXPECT_THROW(solve(g, {.time_limit_seconds = -1}), InvalidArgument);
}

TEST(Solve, BadRequestsAreInvalidArguments) {
  const auto g = battle_of_the_sexes<double>();
  EXPECT_THROW(solve(g, {.selection = Selection::best_for("Pyongyang")}), InvalidArgument);
  EXPECT_THROW(solve(g, {.method = Method::lp}), InvalidArgument);  // not constant-sum
  EXPECT_THROW(solve(Game<double>({2, 2, 2}), {.method = Method::enummixed}), InvalidArgument);
  EXPECT_THROW(Selection::parse("best-for:"), InvalidArgument);
  EXPECT_THROW(Selection::parse("welfare "), InvalidArgument);
  EXPECT_EQ(to_string(Selection::parse("best-for:South Korea")), "best-for:South Korea");
  for (const char* rule : {"all", "first", "welfare", "logit"}) EXPECT_EQ(to_string(Selection::parse(rule)), rule);
}
