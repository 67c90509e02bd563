// Game trees: the .efg reader and writer on Gambit's collection, perfect
// recall, the reduced normal form, backward induction, the sequence-form LP
// and LCP, on double and Rational. Oracles: published values (Kuhn poker
// -1/18, Myerson's one-card poker 1/3), the normal-form LP on the reduced
// normal form, the normal-form regret of the LCP's equilibrium, and brute
// force over every pure profile of random perfect-information trees.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <set>

#include "entente/entente.hpp"
#include "typed.hpp"

using namespace entente;
using namespace entente::testing;

namespace {

const std::filesystem::path kData = ENTENTE_TEST_DATA;

/// Small enough to list its reduced normal form in a test.
template <class Scalar>
bool small_normal_form(const ExtensiveGame<Scalar>& game, std::size_t cells = 20000) {
  std::size_t product = 1;
  for (std::size_t n : reduced_strategy_counts(game)) {
    if (n > cells || product * n > cells) return false;
    product *= n;
  }
  return true;
}

std::vector<std::filesystem::path> gambit_collection() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(kData / "efg"))
    if (entry.path().extension() == ".efg") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

template <class Scalar>
ExtensiveGame<Scalar> load(const std::string& name) {
  return io::read_efg(kData / name).template cast<Scalar>();
}

}  // namespace

template <class Scalar>
class Extensive : public ::testing::Test {};
TYPED_TEST_SUITE(Extensive, Scalars);

// --- the reader, the writer, perfect recall ----------------------------------

TEST(Efg, EveryFileOfGambitsCollectionLoadsAndRoundTrips) {
  const auto files = gambit_collection();
  ASSERT_GE(files.size(), 80u);
  std::size_t without_recall = 0;
  for (const auto& path : files) {
    SCOPED_TRACE(path.filename().string());
    const auto game = io::read_efg(path);
    EXPECT_GE(game.num_nodes(), 1u);
    // Written and read back, the tree is the same (and writes the same text).
    const std::string text = io::to_efg(game);
    const auto again = io::parse_efg(text, "round trip");
    EXPECT_EQ(io::to_efg(again), text);
    EXPECT_EQ(again.num_nodes(), game.num_nodes());
    for (std::size_t n = 0; n < game.num_nodes(); ++n)
      if (game.node(n).kind == NodeKind::terminal) {
        EXPECT_EQ(again.payoffs_at(n), game.payoffs_at(n));
      }
    if (!game.has_perfect_recall()) {
      ++without_recall;
      // A method that needs perfect recall refuses with one line naming it.
      try {
        solve(game);
        ADD_FAILURE() << "solved a game without perfect recall";
      } catch (const InvalidArgument& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("perfect recall"), std::string::npos) << what;
        EXPECT_EQ(what.find('\n'), std::string::npos) << what;
      }
    }
  }
  EXPECT_GE(without_recall, 1u);  // e.g. wichardt's and Gilboa's absent-minded driver games
}

TEST(Efg, ReadsNumbersLabelsOutcomesAndComment) {
  const auto kuhn = io::read_efg(kData / "efg_kuhn_poker.efg");
  EXPECT_EQ(kuhn.title(), "Kuhn poker");
  EXPECT_EQ(kuhn.players(), (std::vector<std::string>{"Player 1", "Player 2"}));
  EXPECT_NE(kuhn.comment().find("-1/18"), std::string::npos);
  EXPECT_EQ(kuhn.infosets(0).size(), 6u);
  EXPECT_EQ(kuhn.infosets(1).size(), 6u);
  EXPECT_EQ(kuhn.chance_infosets().at(0).probabilities, std::vector<Rational>(6, Rational(1, 6)));
  EXPECT_EQ(kuhn.infoset(0, 0).label, "J");
  EXPECT_EQ(kuhn.infoset(0, 0).actions, (std::vector<std::string>{"Check", "Bet"}));
  EXPECT_TRUE(kuhn.has_perfect_recall());
  EXPECT_TRUE(kuhn.is_zero_sum());
  EXPECT_FALSE(kuhn.is_perfect_information());
  // Decimal probabilities are exact; an outcome at an inner node adds to the leaf's.
  const auto g = io::parse_efg(
      "EFG 2 D \"t\" { \"A\" \"B\" } \"c\"\n"
      "c \"root\" 1 \"nature\" { \"x\" 0.25 \"y\" .75 } 1 \"o\" { 1, 2 }\n"
      "t \"left\" 2 \"l\" { 3 4 }\n"
      "p \"\" 2 7 \"h\" { \"a\" } 0\n"
      "t \"\" 1\n");
  EXPECT_EQ(g.chance_infosets()[0].probabilities, (std::vector<Rational>{Rational(1, 4), Rational(3, 4)}));
  EXPECT_EQ(g.payoffs_at(g.child(g.root(), 0)), (std::vector<Rational>{4, 6}));
  EXPECT_EQ(g.payoffs_at(g.child(g.child(g.root(), 1), 0)), (std::vector<Rational>{2, 4}));
  EXPECT_EQ(g.node(g.root()).label, "root");
  EXPECT_EQ(g.outcomes().size(), 2u);
  EXPECT_EQ(g.comment(), "c");
}

TEST(Efg, NumbersInformationSetsByTheFilesNumbers) {
  // Player 1's sets appear as 2 then 1: index 0 is the file's number 1.
  const auto g = io::parse_efg(
      "EFG 2 R \"\" { \"A\" \"B\" }\n"
      "p \"\" 2 1 \"first\" { \"l\" \"r\" } 0\n"
      "p \"\" 1 2 \"two\" { \"a\" } 0\n"
      "t \"\" 0\n"
      "p \"\" 1 1 \"one\" { \"b\" } 0\n"
      "t \"\" 0\n");
  EXPECT_EQ(g.infoset(0, 0).label, "one");
  EXPECT_EQ(g.infoset(0, 1).label, "two");
}

TEST(Efg, MalformedFilesNameTheLineAndWhatWasExpected) {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"NFG 1 R \"\" { \"A\" }", "<efg>:1: expected 'EFG'"},
      {"EFG 2 R \"\" { \"A\" }\np \"\" 2 1 \"\" { \"a\" } 0\nt \"\" 0", "<efg>:2: player 2 does not exist"},
      {"EFG 2 R \"\" { \"A\" }\np \"\" 1 1 0\n", "<efg>:2: expected the label and actions of information set 1"},
      {"EFG 2 R \"\" { \"A\" }\nt \"\" 3\n", "<efg>:2: expected the label and payoffs of outcome 3"},
      {"EFG 2 R \"\" { \"A\" }\nc \"\" 1 \"\" { \"a\" 1/2 \"b\" 1/3 } 0\nt \"\" 0\nt \"\" 0\n",
       "<efg>:2: chance information set 1: chance probabilities sum to 5/6, not 1"},
      {"EFG 2 R \"\" { \"A\" }\np \"\" 1 1 \"\" { \"a\" \"b\" } 0\nt \"\" 0\n", "<efg>:3: expected a node"},
      {"EFG 2 R \"\" { \"A\" \"B\" }\nt \"\" 1 \"\" { 1 }\n", "<efg>:2: expected the payoff of player 2"},
      {"EFG 2 R \"\" { \"A\" }\np \"\" 1 1 \"x\" { \"a\" } 0\np \"\" 1 1 \"y\" { \"a\" } 0\nt \"\" 0\n",
       "<efg>:3: information set 1 of player 1 does not match its definition on line 2"},
      {"EFG 2 R \"\" { \"A\" }\nt \"\" 0 \"\" { 1 }\n", "<efg>:2: outcome 0 is the null outcome"},
      {"EFG 2 R \"\" { \"A\" }\nt \"\" 0\nt \"\" 0\n", "<efg>:3: expected end of file"},
  };
  for (const auto& c : cases) {
    try {
      io::parse_efg(c.text);
      ADD_FAILURE() << "no error for: " << c.text;
    } catch (const ParseError& e) {
      EXPECT_EQ(std::string(e.what()).rfind(c.message, 0), 0u) << e.what();
    }
  }
  EXPECT_THROW(io::read_efg(kData / "no_such_file.efg"), InvalidArgument);
}

TEST(Efg, PerfectRecallViolationsAreNamed) {
  // The absent-minded driver: one information set on its own path.
  ExtensiveGame<Rational> g({"Driver"});
  const auto h = g.add_move(g.root(), 0, {"Exit", "Continue"});
  g.add_move(g.child(g.root(), 1), 0, h);
  EXPECT_FALSE(g.has_perfect_recall());
  EXPECT_NE(g.perfect_recall_violation()->find("player 1 (Driver)"), std::string::npos);
  EXPECT_THROW(solve(g), InvalidArgument);
  EXPECT_NO_THROW(to_normal_form(g));  // the reduced normal form needs no recall
}

// --- the reduced normal form ------------------------------------------------

TYPED_TEST(Extensive, ReducedNormalFormMergesStrategiesThatDifferOnlyWhereUnreached) {
  using Sc = TypeParam;
  // Player 1 moves Out/In; after In and player 2's move, player 1 moves again.
  ExtensiveGame<Sc> g({"1", "2"});
  g.add_move(g.root(), 0, {"Out", "In"});
  g.set_outcome(g.child(g.root(), 0), g.add_outcome({Sc(1), Sc(1)}));
  const auto in = g.child(g.root(), 1);
  g.add_move(in, 1, {"l", "r"});
  const auto h = g.add_infoset(0, {"a", "b"});
  for (std::size_t a = 0; a < 2; ++a) {
    g.add_move(g.child(in, a), 0, h);
    for (std::size_t b = 0; b < 2; ++b)
      g.set_outcome(g.child(g.child(in, a), b), g.add_outcome({Sc(long(2 * a + b)), Sc(long(b))}));
  }
  const auto rnf = reduced_normal_form(g);
  // Out* is one strategy, In-a and In-b the others: 3, not 4.
  ASSERT_EQ(rnf.game.shape(), (std::vector<std::size_t>{3, 2}));
  EXPECT_EQ(rnf.game.strategies(0), (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(rnf.choices[0][0], (std::vector<std::size_t>{0, kNoIndex}));
  EXPECT_TRUE(Near<Sc>(rnf.game.payoff(0, {0, 1}), Sc(1)));
  EXPECT_TRUE(Near<Sc>(rnf.game.payoff(0, {2, 1}), Sc(3)));
  EXPECT_TRUE(Near<Sc>(rnf.game.payoff(1, {1, 0}), Sc(0)));
}

TYPED_TEST(Extensive, KuhnPokersReducedNormalFormHasGambitsSize) {
  using Sc = TypeParam;
  const auto kuhn = load<Sc>("efg_kuhn_poker.efg");
  const auto rnf = reduced_normal_form(kuhn);
  // Player 1: at each card check-then-(fold|call) or bet: 3^3; player 2: 2^6.
  EXPECT_EQ(rnf.game.shape(), (std::vector<std::size_t>{27, 64}));
  EXPECT_EQ(reduced_strategy_counts(kuhn), (std::vector<std::size_t>{27, 64}));
}

TEST(Extensive, ReducedStrategyCountsMatchTheListedReducedNormalForm) {
  std::size_t checked = 0;
  for (const auto& path : gambit_collection()) {
    const auto game = io::read_efg(path);
    if (!game.has_perfect_recall() || !small_normal_form(game, 100000)) continue;
    SCOPED_TRACE(path.filename().string());
    EXPECT_EQ(reduced_strategy_counts(game), reduced_normal_form(game).game.shape());
    ++checked;
  }
  EXPECT_GE(checked, 40u);
}

// --- backward induction against brute force ---------------------------------

namespace {

/// A random tree of perfect information: 2 or 3 players, chance nodes
/// sometimes, small integer payoffs so that ties (several SPE) happen.
template <class Scalar>
ExtensiveGame<Scalar> random_perfect_information(std::mt19937_64& rng) {
  const std::size_t players = 2 + rng() % 2;
  ExtensiveGame<Scalar> g(std::vector<std::string>(players, "p"));
  std::vector<std::pair<std::size_t, int>> frontier{{g.root(), 0}};
  while (!frontier.empty()) {
    auto [n, depth] = frontier.back();
    frontier.pop_back();
    if (depth == 3 || (depth > 0 && rng() % 4 == 0)) {
      std::vector<Scalar> u;
      for (std::size_t i = 0; i < players; ++i) u.push_back(Scalar(long(rng() % 3)));
      g.set_outcome(n, g.add_outcome(u));
      continue;
    }
    if (rng() % 6 == 0)
      g.add_chance(n, {"x", "y"}, {Scalar(1) / Scalar(3), Scalar(2) / Scalar(3)});
    else
      g.add_move(n, rng() % players, std::vector<std::string>(2, "a"));
    for (std::size_t c : g.node(n).children) frontier.emplace_back(c, depth + 1);
  }
  return g;
}

/// Every player's payoff from node n when each personal node plays `pure`.
template <class Scalar>
std::vector<Scalar> value(const ExtensiveGame<Scalar>& g, std::size_t n, const std::vector<std::vector<std::size_t>>& pure) {
  const TreeNode& x = g.node(n);
  if (x.kind == NodeKind::terminal) return g.payoffs_at(n);
  if (x.kind == NodeKind::personal) return value(g, x.children[pure[x.player][x.infoset]], pure);
  std::vector<Scalar> out(g.num_players(), Scalar(0));
  for (std::size_t a = 0; a < x.children.size(); ++a) {
    auto v = value(g, x.children[a], pure);
    for (std::size_t i = 0; i < out.size(); ++i) out[i] += g.chance_infosets()[x.infoset].probabilities[a] * v[i];
  }
  return out;
}

/// Every pure SPE by brute force: no player gains in any subgame by any
/// change of its own choices.
template <class Scalar>
std::set<std::vector<std::vector<std::size_t>>> brute_force_spe(const ExtensiveGame<Scalar>& g) {
  std::vector<std::vector<std::vector<std::size_t>>> all{{}};
  for (std::size_t i = 0; i < g.num_players(); ++i) {
    std::vector<std::vector<std::vector<std::size_t>>> next;
    for (const auto& partial : all) {
      const std::size_t m = g.infosets(i).size();
      for (std::size_t code = 0; code < (std::size_t{1} << m); ++code) {
        auto p = partial;
        p.emplace_back();
        for (std::size_t h = 0; h < m; ++h) p.back().push_back((code >> h) & 1);
        next.push_back(std::move(p));
      }
    }
    all = std::move(next);
  }
  std::set<std::vector<std::vector<std::size_t>>> out;
  for (const auto& p : all) {
    bool spe = true;
    for (std::size_t n = 0; n < g.num_nodes() && spe; ++n) {
      if (g.node(n).kind == NodeKind::terminal) continue;
      const auto base = value(g, n, p);
      for (const auto& q : all) {
        std::size_t differs = 0, who = 0;
        for (std::size_t i = 0; i < g.num_players(); ++i)
          if (q[i] != p[i]) ++differs, who = i;
        if (differs == 1 && value(g, n, q)[who] > base[who]) {
          spe = false;
          break;
        }
      }
    }
    if (spe) out.insert(p);
  }
  return out;
}

}  // namespace

TYPED_TEST(Extensive, BackwardInductionFindsExactlyThePureSpeOfBruteForce) {
  using Sc = TypeParam;
  std::mt19937_64 rng(17);
  std::size_t several = 0;
  for (int trial = 0; trial < 40; ++trial) {
    const auto g = random_perfect_information<Sc>(rng);
    const auto found = backward_induction(g);
    std::set<std::vector<std::vector<std::size_t>>> pures;
    for (const auto& eq : found) {
      EXPECT_TRUE(Near<Sc>(eq.regret, Sc(0)));
      std::vector<std::vector<std::size_t>> pure;
      for (const auto& player : eq.behavior) {
        pure.emplace_back();
        for (const auto& h : player) pure.back().push_back(std::size_t(std::max_element(h.begin(), h.end()) - h.begin()));
      }
      pures.insert(pure);
    }
    EXPECT_EQ(pures.size(), found.size());  // no duplicates
    EXPECT_EQ(pures, brute_force_spe(g)) << "trial " << trial;
    several += found.size() > 1;
  }
  EXPECT_GE(several, 5u);  // ties were exercised
}

TEST(Extensive, BackwardInductionRefusesImperfectInformation) {
  EXPECT_THROW(backward_induction(load<Rational>("efg_kuhn_poker.efg")), InvalidArgument);
}

// --- the sequence form --------------------------------------------------------

TYPED_TEST(Extensive, SequenceFormLpSolvesKuhnPokerToMinusOneEighteenth) {
  using Sc = TypeParam;
  const auto kuhn = load<Sc>("efg_kuhn_poker.efg");
  const auto solution = solve_sequence_form_lp(kuhn);
  EXPECT_TRUE(Near<Sc>(solution.value, Sc(-1) / Sc(18), 1e-9));
  EXPECT_TRUE(Near<Sc>(solution.equilibrium.payoffs[0], Sc(-1) / Sc(18), 1e-9));
  EXPECT_TRUE(Near<Sc>(solution.equilibrium.regret, Sc(0), 1e-9));
  // Holding the king, player 2 calls every bet (in every equilibrium: it cannot lose).
  const auto& b2 = solution.equilibrium.behavior[1];
  for (std::size_t h = 0; h < kuhn.infosets(1).size(); ++h)
    if (kuhn.infoset(1, h).label == "K after bet") {
      EXPECT_TRUE(Near<Sc>(b2[h][1], Sc(1)));
    }
  // Realization plans satisfy their constraints.
  EXPECT_TRUE(Near<Sc>(solution.plan[0][0], Sc(1)));
  EXPECT_TRUE(Near<Sc>(solution.plan[1][0], Sc(1)));
}

TYPED_TEST(Extensive, SequenceFormLpSolvesMyersonsOneCardPoker) {
  using Sc = TypeParam;
  const auto poker = load<Sc>("efg_myerson_fig2_1.efg");
  const auto solution = solve_sequence_form_lp(poker);
  // Myerson, Game Theory (1991), the card game of Ch. 2: value 1/3; Fred
  // raises with the black card 1/3 of the time, Alice meets 2/3 of the time.
  EXPECT_TRUE(Near<Sc>(solution.value, Sc(1) / Sc(3)));
  EXPECT_TRUE(Near<Sc>(solution.equilibrium.behavior[0][1][0], Sc(1) / Sc(3)));
  EXPECT_TRUE(Near<Sc>(solution.equilibrium.behavior[1][0][0], Sc(2) / Sc(3)));
}

TYPED_TEST(Extensive, SequenceFormValueEqualsTheReducedNormalFormsLpValue) {
  using Sc = TypeParam;
  std::size_t checked = 0;
  for (const auto& path : gambit_collection()) {
    const auto game = io::read_efg(path);
    if (game.num_players() != 2 || !game.has_perfect_recall() || !game.is_zero_sum() || !small_normal_form(game)) continue;
    SCOPED_TRACE(path.filename().string());
    const auto tree = game.template cast<Sc>();
    const auto sequence = solve_sequence_form_lp(tree);
    const auto normal = solve_zero_sum(to_normal_form(tree));
    EXPECT_TRUE(Near<Sc>(sequence.value, normal.value, 1e-7));
    EXPECT_TRUE(Near<Sc>(sequence.equilibrium.regret, Sc(0), 1e-7));
    ++checked;
  }
  EXPECT_GE(checked, 3u);
}

TYPED_TEST(Extensive, SequenceFormLcpEquilibriaAreEquilibriaOfTheReducedNormalForm) {
  using Sc = TypeParam;
  std::size_t checked = 0;
  std::vector<std::filesystem::path> files = gambit_collection();
  files.push_back(kData / "efg_kuhn_poker.efg");
  for (const auto& path : files) {
    const auto game = io::read_efg(path);
    if (game.num_players() != 2 || !game.has_perfect_recall() || !small_normal_form(game)) continue;
    SCOPED_TRACE(path.filename().string());
    const auto tree = game.template cast<Sc>();
    const auto eq = solve_sequence_form_lcp(tree);
    ASSERT_TRUE(eq.has_value());
    EXPECT_TRUE(Near<Sc>(eq->regret, Sc(0), 1e-7));
    const auto rnf = reduced_normal_form(tree);
    const auto mixed = mixed_from_behavior(rnf, eq->behavior);
    const auto certified = certify(rnf.game, mixed);
    EXPECT_TRUE(Near<Sc>(certified.regret, Sc(0), 1e-7));
    for (std::size_t i = 0; i < 2; ++i) EXPECT_TRUE(Near<Sc>(certified.payoffs[i], eq->payoffs[i], 1e-7));
    ++checked;
  }
  EXPECT_GE(checked, 20u);
}

// --- solve(tree) --------------------------------------------------------------

TYPED_TEST(Extensive, SolveDispatchesAndMapsNormalFormEquilibriaBack) {
  using Sc = TypeParam;
  const auto kuhn = load<Sc>("efg_kuhn_poker.efg");
  const auto automatic = solve(kuhn);
  EXPECT_EQ(automatic.method, Method::lp);
  ASSERT_EQ(automatic.equilibria.size(), 1u);
  const auto poker = load<Sc>("efg_myerson_fig2_1.efg");
  // enummixed on the reduced normal form: every equilibrium, mapped back, has the value 1/3.
  const auto all = solve(poker, {.method = Method::enummixed});
  EXPECT_TRUE(all.normal_form);
  ASSERT_GE(all.equilibria.size(), 1u);
  for (const auto& eq : all.equilibria) {
    EXPECT_TRUE(Near<Sc>(eq.payoffs[0], Sc(1) / Sc(3)));
    EXPECT_TRUE(Near<Sc>(eq.regret, Sc(0)));
  }
  EXPECT_THROW(solve(poker, {.method = Method::ce}), InvalidArgument);
  EXPECT_THROW(solve(poker, {.method = Method::backward}), InvalidArgument);
  // Three players, imperfect information: the reduced normal form's auto.
  std::size_t checked = 0;
  for (const auto& path : gambit_collection()) {
    const auto game = io::read_efg(path);
    if (game.num_players() < 3 || !game.has_perfect_recall() || game.is_perfect_information()) continue;
    if (!small_normal_form(game, 5000)) continue;
    SCOPED_TRACE(path.filename().string());
    const auto tree = game.template cast<Sc>();
    const auto result = solve(tree);
    EXPECT_TRUE(result.normal_form);
    // simpdiv's equilibria are approximate (within its tolerance), even in rationals.
    for (const auto& eq : result.equilibria) {
      EXPECT_LE(to_double(eq.regret), 1e-6);
      EXPECT_EQ(certify(tree, eq.behavior).regret, eq.regret);
    }
    ++checked;
  }
  EXPECT_GE(checked, 2u);
}
