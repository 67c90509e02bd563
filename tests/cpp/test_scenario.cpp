// Scenario files: parsing, every kind of error with its JSON path, compiled
// payoffs against hand-computed ones, and sweeps (deterministic across
// thread counts, equal to one solve per point).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <optional>
#include <fstream>
#include <sstream>
#include <string>

#include "entente/scenario/alliance_sweep.hpp"
#include "entente/scenario/scenario.hpp"
#include "entente/scenario/sweep.hpp"
#include "entente/scenario/thresholds.hpp"
#include "entente/solvers/solve.hpp"

namespace entente::scenario {
namespace {

const std::string kTiny = std::string(ENTENTE_TEST_DATA) + "/scenario_tiny.json";
const std::string kThree = std::string(ENTENTE_TEST_DATA) + "/scenario_three_bloc_dev.json";

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(Scenario, ParsesActorsStrategiesParameters) {
  const Scenario sc = Scenario::load(kTiny);
  EXPECT_EQ(sc.source(), kTiny);
  EXPECT_EQ(sc.title(), "Tiny test scenario: two actors, hand-checkable payoffs");
  ASSERT_EQ(sc.actors().size(), 2u);
  EXPECT_EQ(sc.actors()[0].name, "China");
  EXPECT_EQ(sc.actors()[0].description, "row player");
  EXPECT_EQ(sc.actors()[1].strategies[0].description, "cooperate");
  EXPECT_EQ(sc.shape(), (std::vector<std::size_t>{3, 2}));
  ASSERT_EQ(sc.parameters().size(), 2u);
  EXPECT_EQ(sc.parameters()[1].name, "nk_nuclear_gain");
  EXPECT_EQ(sc.parameters()[1].default_value, 2.0);
  EXPECT_EQ(sc.parameters()[1].max, 4.0);
  EXPECT_EQ(sc.parameters()[0].source, "test");
  EXPECT_EQ(sc.num_terms(), 5u);
  EXPECT_EQ(sc.parameter_index("nk_nuclear_gain"), 1u);
  EXPECT_EQ(sc.actor_index("USA"), 1u);
}

// Worked out by hand from scenario_tiny.json (rows Hedge, Tilt, Court;
// columns Engage, Contain).
TEST(Scenario, CompilesToHandComputedPayoffs) {
  const Scenario sc = Scenario::load(kTiny);
  // Defaults: pact_strength 0.5, nk_nuclear_gain 2.
  Game<double> g = sc.game();
  EXPECT_EQ(g.players(), (std::vector<std::string>{"China", "USA"}));
  EXPECT_EQ(g.strategies(0), (std::vector<std::string>{"Hedge", "Tilt", "Court"}));
  const std::vector<double> china{1, 1, 0.25, -1.75, 1.25, 0.25};
  const std::vector<double> usa{0, 1, 0, 3, 0, 0};
  for (std::size_t k = 0; k < 6; ++k) {
    EXPECT_DOUBLE_EQ(g.payoffs(0)[k], china[k]) << k;
    EXPECT_DOUBLE_EQ(g.payoffs(1)[k], usa[k]) << k;
  }
  // pact_strength 1, nk_nuclear_gain 0: max(1, 0) = 1 on (Tilt, Contain).
  g = sc.game({{"pact_strength", 1.0}, {"nk_nuclear_gain", 0.0}});
  const std::vector<double> china2{1, 1, 0.75, 0.75, 2.75, 0.75};
  const std::vector<double> usa2{0, 0, 0, 1, 0, 0};
  for (std::size_t k = 0; k < 6; ++k) {
    EXPECT_DOUBLE_EQ(g.payoffs(0)[k], china2[k]) << k;
    EXPECT_DOUBLE_EQ(g.payoffs(1)[k], usa2[k]) << k;
  }
  // The exact game evaluates the expressions in rationals.
  const Game<Rational> exact = sc.exact_game();
  EXPECT_EQ(exact.payoffs(0)[3], Rational(-7, 4));
  EXPECT_EQ(exact.payoffs(0)[4], Rational(5, 4));
  EXPECT_EQ(sc.exact_game({{"pact_strength", 0.75}}).payoffs(0)[2], Rational(1, 2));
}

TEST(Scenario, ExactGameEvaluatesTheExpressionsInRationals) {
  const Scenario sc = Scenario::load(kTiny);
  // 0.35 - 0.25 is 0.09999999999999998 in binary; the exact game reads
  // 0.35 as 7/20 and subtracts exactly.
  EXPECT_EQ(sc.exact_game({{"pact_strength", 0.35}}).payoffs(0)[2], Rational(1, 10));
  EXPECT_NE(sc.game({{"pact_strength", 0.35}}).payoffs(0)[2], 0.1);
  // The US at (Tilt, Contain): nk_nuclear_gain^2 / 4 + max(1, nk_nuclear_gain) at 0.3.
  EXPECT_EQ(sc.exact_game({{"nk_nuclear_gain", 0.3}}).payoffs(1)[3], Rational(9, 400) + 1);
}

/// One actor with a strategy per expression: the exact payoff of each.
std::vector<Rational> exact_values(const std::vector<std::string>& expressions, const Values& values,
                                   const std::string& source = "exact.json") {
  std::string strategies, terms;
  for (std::size_t k = 0; k < expressions.size(); ++k) {
    strategies += std::string(k ? ", " : "") + "{\"name\": \"s" + std::to_string(k) + "\"}";
    terms += std::string(k ? ", " : "") + "{\"kind\": \"base\", \"actor\": \"A\", \"strategy\": \"s" +
             std::to_string(k) + "\", \"value\": \"" + expressions[k] + "\"}";
  }
  const Scenario sc = Scenario::parse(
      "{\"actors\": [{\"name\": \"A\", \"strategies\": [" + strategies + "]}], \"parameters\": ["
      "{\"name\": \"p\", \"default\": 2, \"min\": -10, \"max\": 10},"
      "{\"name\": \"q\", \"default\": 0.75, \"min\": -10, \"max\": 10}], \"terms\": [" + terms + "]}",
      source);
  const Game<Rational> game = sc.exact_game(values);
  const auto u = game.payoffs(0);
  return {u.begin(), u.end()};
}

TEST(Scenario, ExactEvaluationFollowsTheExpressionGrammar) {
  const std::vector<std::string> expressions{
      "0.1 + 0.2",        "p^2 - q",         "2^-2",           "-p^2",          "2^3^2",
      "min(0.1, q, 1/3)", "max(q, p/7)",     "abs(-0.35) * 3", "q > 0.5 ? 0.3 : -0.3",
      "rint(2.5) + rint(-1.5) + rint(0.7)", "sign(-q) + sum(1, 2, q) + avg(1, 2)", ".5 + 1e-3 + 2.5E2",
      "(p - 1) * (q + 1) / 3", "p == 2 && q < 1 || 0", "-(q - p) / -4"};
  const auto v = exact_values(expressions, {{"q", 0.3}, {"p", -1.5}});
  // p = -3/2, q = 3/10.
  const std::vector<Rational> expected{
      Rational(3, 10),  Rational(39, 20), Rational(1, 4),  Rational(-9, 4),   Rational(512),
      Rational(1, 10),  Rational(3, 10),  Rational(21, 20), Rational(-3, 10),
      Rational(2 - 2 + 1),  Rational(-1) + Rational(33, 10) + Rational(3, 2), Rational(1, 2) + Rational(1, 1000) + 250,
      Rational(-5, 2) * Rational(13, 10) / 3, Rational(0), Rational(9, 20)};
  ASSERT_EQ(v.size(), expected.size());
  for (std::size_t k = 0; k < v.size(); ++k) EXPECT_EQ(v[k], expected[k]) << expressions[k];
}

TEST(Scenario, ExactModeRefusesValuesThatAreNotRational) {
  auto message = [](const std::vector<std::string>& e, const Values& values) {
    try {
      exact_values(e, values, "irrational.json");
    } catch (const InvalidArgument& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  const std::string sqrt = message({"1", "sqrt(p) + 1"}, {});
  EXPECT_NE(sqrt.find("irrational.json: /terms/1/value: \"sqrt(p) + 1\" in exact mode"), std::string::npos) << sqrt;
  EXPECT_NE(sqrt.find("'sqrt' has no exact (rational) value"), std::string::npos) << sqrt;
  EXPECT_NE(message({"exp(q)"}, {}).find("'exp'"), std::string::npos);
  EXPECT_NE(message({"_pi * p"}, {}).find("constant '_pi'"), std::string::npos);
  const std::string power = message({"p^q"}, {});
  EXPECT_NE(power.find("/terms/0/value"), std::string::npos) << power;
  EXPECT_NE(power.find("non-integer exponent"), std::string::npos) << power;
  EXPECT_NE(power.find("q=0.75"), std::string::npos) << power;
  EXPECT_EQ(exact_values({"p^q"}, {{"q", 3}}), std::vector<Rational>{Rational(8)});
  const std::string zero = message({"1 / (p - 3)"}, {{"p", 3}});
  EXPECT_NE(zero.find("division by zero"), std::string::npos) << zero;
  EXPECT_NE(message({"q^100000"}, {}).find("exceeds"), std::string::npos);
  // The same files evaluate in doubles without complaint.
  EXPECT_NO_THROW(Scenario::parse(R"js({"actors": [{"name": "A", "strategies": [{"name": "x"}]}],
    "parameters": [{"name": "p", "default": 2, "min": 0, "max": 4}],
    "terms": [{"kind": "base", "actor": "A", "strategy": "x", "value": "sqrt(p)"}]})js").game());
}

TEST(Scenario, ExactGameAgreesWithTheDoubleGameOnTheExamples) {
  for (const char* name : {"china_balancing.json", "china_three_bloc.json", "china_us_zero_sum.json"}) {
    const Scenario sc = Scenario::load(std::string(ENTENTE_EXAMPLES) + "/scenarios/" + name);
    const Game<double> floating = sc.game();
    const Game<Rational> exact = sc.exact_game();
    for (std::size_t i = 0; i < floating.num_players(); ++i)
      for (std::size_t k = 0; k < floating.payoffs(i).size(); ++k)
        EXPECT_NEAR(exact.payoffs(i)[k].get_d(), floating.payoffs(i)[k], 1e-12) << name;
  }
}

TEST(Scenario, ExactZeroSumValueIsAShortFraction) {
  const Scenario sc = Scenario::load(std::string(ENTENTE_EXAMPLES) + "/scenarios/china_us_zero_sum.json");
  // At the defaults the status quo (Hedge, Trilateral deterrence) is a saddle point worth 0.
  auto result = solve(sc.exact_game(), {.method = Method::lp});
  ASSERT_EQ(result.equilibria.size(), 1u);
  EXPECT_EQ(result.equilibria[0].payoffs[0], Rational(0));
  EXPECT_EQ(result.equilibria[0].profile[0], (std::vector<Rational>{1, 0, 0, 0}));
  EXPECT_EQ(result.equilibria[0].profile[1], (std::vector<Rational>{0, 0, 1}));
  // A weak pact (0.2): China mixes Court Seoul-Tokyo 22/57 and Press Pyongyang 35/57, worth 4/19
  // (the 2x2 game of rows Court, Press against Engage, Trilateral: 3/2, -1/4 and -3/5, 1/2).
  result = solve(sc.exact_game({{"pact_strength", 0.2}}), {.method = Method::lp});
  ASSERT_EQ(result.equilibria.size(), 1u);
  EXPECT_EQ(result.equilibria[0].payoffs[0], Rational(4, 19));
  EXPECT_EQ(result.equilibria[0].profile[0], (std::vector<Rational>{0, 0, Rational(22, 57), Rational(35, 57)}));
  EXPECT_EQ(result.equilibria[0].regret, 0);
}

TEST(Scenario, PureEquilibriaOfTheCompiledGame) {
  // China's best reply to Engage is Court (1.25), to Contain Hedge (1); the
  // US is indifferent against Court and prefers Contain otherwise.
  const auto eqs = pure_equilibria(Scenario::load(kTiny).game());
  ASSERT_EQ(eqs.size(), 2u);
  EXPECT_EQ(eqs[0].profile, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(eqs[1].profile, (std::vector<std::size_t>{2, 0}));
}

TEST(Scenario, ValuesAreChecked) {
  const Scenario sc = Scenario::load(kTiny);
  auto message = [&](const Values& v) {
    try {
      sc.game(v);
    } catch (const InvalidArgument& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message({{"pact", 0.5}}).find("unknown parameter 'pact'"), std::string::npos);
  EXPECT_NE(message({{"pact_strength", 1.5}}).find("outside its range [0, 1]"), std::string::npos);
  EXPECT_NE(message({{"pact_strength", NAN}}).find("must be finite"), std::string::npos);
  EXPECT_NE(message({{"pact_strength", 1.5}}).find(kTiny), std::string::npos);
}

TEST(Scenario, NonFinitePayoffNamesTheTermAndValues) {
  const std::string text = R"({"actors": [{"name": "A", "strategies": [{"name": "x"}]}],
    "parameters": [{"name": "p", "default": 1, "min": 0, "max": 1}],
    "terms": [{"kind": "base", "actor": "A", "strategy": "x", "value": "1/p"}]})";
  const Scenario sc = Scenario::parse(text, "inv.json");
  EXPECT_EQ(sc.game().payoffs(0)[0], 1.0);
  try {
    sc.game({{"p", 0.0}});
    FAIL() << "no error";
  } catch (const InvalidArgument& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("inv.json: /terms/0/value"), std::string::npos) << what;
    EXPECT_NE(what.find("inf"), std::string::npos) << what;
    EXPECT_NE(what.find("p=0"), std::string::npos) << what;
  }
}

// Each bad file: the error names the source, the JSON path and what was
// expected.
struct BadCase {
  const char* text;
  const char* expected;
};

const char* kHead = R"("actors": [{"name": "A", "strategies": [{"name": "x"}, {"name": "y"}]},
                                 {"name": "B", "strategies": [{"name": "u"}]}],
                      "parameters": [{"name": "p", "default": 0.5, "min": 0, "max": 1}])";

std::string with_terms(const std::string& terms) { return std::string("{") + kHead + ", \"terms\": " + terms + "}"; }

TEST(Scenario, EveryErrorNamesItsPath) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"{", "bad.json:1: not valid JSON"},
      {"[]", "bad.json: /: expected an object, got an array"},
      {"{}", "bad.json: /: missing required key 'actors'"},
      {R"({"actors": [], "x": 1})", "/x: unknown key 'x'"},
      {R"({"actors": []})", "/actors: expected a non-empty array"},
      {R"({"actors": [{"name": "A", "strategies": []}]})", "/actors/0/strategies: expected a non-empty array"},
      {R"({"actors": [{"name": "A", "strategies": [{"name": "x", "nmae": 1}]}]})",
       "/actors/0/strategies/0/nmae: unknown key 'nmae'"},
      {R"({"actors": [{"name": 3, "strategies": [{"name": "x"}]}]})", "/actors/0/name: expected a string, got a number"},
      {R"({"actors": [{"name": "A", "strategies": [{"name": "x"}, {"name": "x"}]}]})",
       "/actors/0/strategies/1/name: duplicate strategy name 'x'"},
      {R"({"actors": [{"name": "A", "strategies": [{"name": "x"}]}, {"name": "A", "strategies": [{"name": "x"}]}]})",
       "/actors/1/name: duplicate actor name 'A'"},
      {R"({"actors": [{"name": "A", "strategies": [{"name": "x"}]}], "actors": []})", "/actors: duplicate key 'actors'"},
      {R"({"actors": [{"name": "A", "strategies": [{"name": "x"}]}],
           "parameters": [{"name": "1p", "default": 0, "min": 0, "max": 1}]})",
       "/parameters/0/name: expected an identifier"},
      {R"({"actors": [{"name": "A", "strategies": [{"name": "x"}]}],
           "parameters": [{"name": "A", "default": 0, "min": 0, "max": 1}]})",
       "/parameters/0/name: parameter 'A' has an actor's name"},
      {R"({"actors": [{"name": "A", "strategies": [{"name": "x"}]}],
           "parameters": [{"name": "sin", "default": 0, "min": 0, "max": 1}]})",
       "/parameters/0/name: 'sin' is a built-in"},
      {R"({"actors": [{"name": "A", "strategies": [{"name": "x"}]}],
           "parameters": [{"name": "p", "default": 0, "min": 0, "max": 1}, {"name": "p", "default": 0, "min": 0, "max": 1}]})",
       "/parameters/1/name: duplicate parameter name 'p'"},
      {R"({"actors": [{"name": "A", "strategies": [{"name": "x"}]}],
           "parameters": [{"name": "p", "default": 2, "min": 0, "max": 1}]})",
       "/parameters/0/default: expected a default in [0, 1], got 2"},
      {R"({"actors": [{"name": "A", "strategies": [{"name": "x"}]}],
           "parameters": [{"name": "p", "default": 0, "min": 1, "max": 0}]})",
       "/parameters/0: expected min <= max"},
      {R"({"actors": [{"name": "A", "strategies": [{"name": "x"}]}],
           "parameters": [{"name": "p", "default": "0", "min": 0, "max": 1}]})",
       "/parameters/0/default: expected a number, got a string"},
      {R"({"actors": [{"name": "A", "strategies": [{"name": "x"}]}],
           "parameters": [{"name": "p", "default": 0, "max": 1}]})",
       "/parameters/0: missing required key 'min'"},
      {with_terms(R"([{"kind": "bonus", "actor": "A"}])"), "/terms/0/kind: expected \"base\", \"pairwise\" or \"conditional\", got \"bonus\""},
      {with_terms(R"([{"actor": "A"}])"), "/terms/0: missing required key 'kind'"},
      {with_terms(R"([{"kind": "base", "actor": "C", "strategy": "x", "value": 1}])"),
       "/terms/0/actor: unknown actor 'C' (expected one of 'A', 'B')"},
      {with_terms(R"([{"kind": "base", "actor": "A", "strategy": "z", "value": 1}])"),
       "/terms/0/strategy: unknown strategy 'z' of actor 'A'"},
      {with_terms(R"([{"kind": "base", "actor": "A", "strategy": ["x", "z"], "value": 1}])"),
       "/terms/0/strategy/1: unknown strategy 'z'"},
      {with_terms(R"([{"kind": "base", "actor": "A", "strategy": [], "value": 1}])"),
       "/terms/0/strategy: expected a strategy name or a non-empty list of strategy names, got an empty array"},
      {with_terms(R"([{"kind": "base", "actor": "A", "strategy": "x", "value": "2*q"}])"),
       "/terms/0/value: unknown name 'q' in \"2*q\" (parameters: 'p')"},
      {with_terms(R"([{"kind": "base", "actor": "A", "strategy": "x", "value": "2*(p"}])"),
       "/terms/0/value: expected an arithmetic expression, got \"2*(p\""},
      {with_terms(R"([{"kind": "base", "actor": "A", "strategy": "x", "value": "p=3"}])"),
       "/terms/0/value: expected an expression, got an assignment"},
      {with_terms(R"([{"kind": "base", "actor": "A", "strategy": "x", "value": "1, 2"}])"),
       "/terms/0/value: expected one expression, got 2"},
      {with_terms(R"j([{"kind": "base", "actor": "A", "strategy": "x", "value": "log(p-0.5)"}])j"),
       "/terms/0/value: \"log(p-0.5)\" evaluates to -inf at the parameters' defaults"},
      {with_terms(R"([{"kind": "base", "actor": "A", "strategy": "x", "value": true}])"),
       "/terms/0/value: expected an expression (a string) or a number, got a boolean"},
      {with_terms(R"([{"kind": "base", "actor": "A", "strategy": "x", "value": 1, "other": "B"}])"),
       "/terms/0/other: unknown key 'other'"},
      {with_terms(R"([{"kind": "pairwise", "actor": "A", "strategy": "x", "other": "A", "other_strategy": "y", "value": 1}])"),
       "/terms/0/other: expected an actor other than 'actor'"},
      {with_terms(R"([{"kind": "pairwise", "actor": "A", "strategy": "x", "other": "B", "value": 1}])"),
       "/terms/0: missing required key 'other_strategy'"},
      {with_terms(R"([{"kind": "conditional", "when": {}, "payoffs": {"A": 1}}])"),
       "/terms/0/when: expected a non-empty object"},
      {with_terms(R"([{"kind": "conditional", "when": {"Z": "x"}, "payoffs": {"A": 1}}])"),
       "/terms/0/when/Z: unknown actor 'Z'"},
      {with_terms(R"([{"kind": "conditional", "when": {"A": "x"}, "payoffs": {"B": "1/0"}}])"),
       "/terms/0/payoffs/B: \"1/0\" evaluates to inf"},
      {with_terms(R"([{"kind": "conditional", "when": {"A": "x"}, "payoffs": {"A/B": 1}}])"),
       "/terms/0/payoffs/A~1B: unknown actor 'A/B'"},
      {with_terms(R"([{"kind": "conditional", "when": {"A": "x"}, "payoffs": {"A": 1}, "description": 3}])"),
       "/terms/0/description: expected a string, got a number"},
  };
  for (const auto& [text, expected] : cases) {
    try {
      Scenario::parse(text, "bad.json");
      ADD_FAILURE() << "accepted: " << text;
    } catch (const ParseError& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find(expected), std::string::npos) << "got: " << what << "\nexpected: " << expected;
      EXPECT_EQ(what.rfind("bad.json", 0), 0u) << what;
    }
  }
}

TEST(Scenario, NumberPastDoubleRangeIsParseError) {
  // nlohmann reports it as out_of_range, which escaped as a bare
  // std::exception (scenario fuzz target).
  const std::string text = R"({"actors": [{"name": "A", "strategies": [{"name": "s"}]}],
    "parameters": [{"name": "p", "default": 1e999, "min": 0, "max": 1}]})";
  try {
    (void)Scenario::parse(text, "big.json");
    FAIL() << "parsed";
  } catch (const ParseError& e) {
    EXPECT_NE(std::string(e.what()).find("big.json: not valid JSON: number overflow parsing '1e999'"), std::string::npos)
        << e.what();
  }
}

TEST(Scenario, GameDoesNotKeepTheScenarioAlive) {
  // game() caches a Compiler inside the scenario's shared data; it held a
  // shared_ptr back to that data, a cycle that leaked every scenario whose
  // game() was called (scenario fuzz target). The leak itself shows under
  // LeakSanitizer (`make sanitize`); here: a Compiler made by the caller
  // keeps its scenario alive on purpose, the cache must not need to.
  std::optional<Compiler> compiler;
  {
    const Scenario sc = Scenario::load(kTiny);
    (void)sc.game();
    compiler.emplace(sc);
  }
  // The caller's Compiler still works after the last Scenario handle is gone.
  const Game<double> g = compiler->compile(std::vector<double>{0.5, 2.0});
  EXPECT_EQ(g.shape(), (std::vector<std::size_t>{3, 2}));
}

TEST(Scenario, MissingFileIsInvalidArgument) {
  EXPECT_THROW(Scenario::load("/no/such/scenario.json"), InvalidArgument);
}

TEST(Scenario, GameTooLargeForATensorIsCompactOrRefusedBeforeAllocating) {
  std::string actors;
  for (int i = 0; i < 30; ++i)
    actors += std::string(i ? "," : "") + R"({"name": "P)" + std::to_string(i) +
              R"(", "strategies": [{"name": "a"}, {"name": "b"}]})";
  // Without the key, 2^30 profiles x 30 players is past the dense limit:
  // the scenario keeps its terms (docs/compact.md), and a tensor is refused.
  const Scenario sc = Scenario::parse("{\"actors\": [" + actors + "]}", "big.json");
  EXPECT_TRUE(sc.compact());
  EXPECT_EQ(sc.compact_game().num_players(), 30u);
  try {
    (void)sc.game();
    FAIL() << "a tensor of 2^30 profiles was built";
  } catch (const InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find("game too large"), std::string::npos) << e.what();
  }
  // "compact": false asks for the tensor: refused at parse time, naming the key.
  try {
    (void)Scenario::parse("{\"compact\": false, \"actors\": [" + actors + "]}", "big.json");
    FAIL() << "accepted";
  } catch (const ParseError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("big.json: /actors: game too large"), std::string::npos) << what;
    EXPECT_NE(what.find("\"compact\": true"), std::string::npos) << what;
  }
}

TEST(Scenario, CompilerMatchesGameAndShareMasks) {
  const Scenario sc = Scenario::load(kThree);
  Compiler compiler(sc);
  const std::vector<double> values = sc.resolve({{"pact_strength", 0.9}, {"nk_nuclear_gain", 1.7}});
  Game<double> g = compiler.blank_game();
  compiler.compile(values, g);
  EXPECT_EQ(g, sc.game_at(values));
  // The hand-computed payoff of (Tilt, Deepen, Contain) for China:
  // 0.5*0.9 + (0.9 - 0.85) - 1.5*0.5 - 0.5*(1 + 1.7)/2 = -0.925.
  EXPECT_NEAR(g.payoff(0, {1, 0, 1}), -0.925, 1e-12);
}

// --- sweeps -------------------------------------------------------------------

TEST(Sweep, ParsesAxisAndAssignmentStrictly) {
  const SweepAxis a = parse_sweep_axis("pact_strength=0:1:5");
  EXPECT_EQ(a.parameter, "pact_strength");
  EXPECT_EQ(a.steps, 5u);
  EXPECT_EQ(a.value(0), 0.0);
  EXPECT_EQ(a.value(2), 0.5);
  EXPECT_EQ(a.value(4), 1.0);
  for (const char* bad : {"p", "=0:1:2", "p=0:1", "p=0:1:2:3", "p=a:1:2", "p=0:1:0", "p=0:1:-2", "p=0:1:2.5",
                          "p=1:0:3", "p=0:1:1", "p=0:1:2x", "p=0:inf:3", "p=0:nan:3", "p= 0:1:3"})
    EXPECT_THROW(parse_sweep_axis(bad), InvalidArgument) << bad;
  EXPECT_EQ(parse_assignment("p=0.25"), (std::pair<std::string, double>{"p", 0.25}));
  for (const char* bad : {"p", "=1", "p=", "p=1x", "p=nan", "p=inf", "p=1e999"})
    EXPECT_THROW(parse_assignment(bad), InvalidArgument) << bad;
}

TEST(Sweep, AxisOverTheWholeDoubleRangeStaysFinite) {
  // hi - lo overflows: the grid values were inf (cli_specs fuzz target).
  const SweepAxis a = parse_sweep_axis("p=-1e308:1e308:3");
  EXPECT_EQ(a.value(0), -1e308);
  EXPECT_EQ(a.value(1), 0.0);
  EXPECT_EQ(a.value(2), 1e308);
  const SweepAxis b = parse_sweep_axis("p=-1.7e308:1.5e308:7");
  double previous = b.lo;
  for (std::size_t k = 0; k < b.steps; ++k) {
    const double v = b.value(k);
    EXPECT_TRUE(std::isfinite(v) && b.lo <= v && v <= b.hi) << k << ": " << v;
    EXPECT_GE(v, previous) << k;
    previous = v;
  }
  EXPECT_EQ(parse_sweep_axis("p=0:1:5").value(1), 0.25);  // numpy's linspace otherwise
}

TEST(Sweep, ParsesTheCliSettingsTogether) {
  // The CLI's repeated --set: every spec parsed, a name set twice refused.
  const std::vector<std::string> specs{"b=2", "a=-0.5"};
  const Values v = parse_assignments(specs);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v.at("a"), -0.5);
  EXPECT_EQ(v.at("b"), 2.0);
  EXPECT_TRUE(parse_assignments({}).empty());
  const std::vector<std::string> twice{"a=1", "b=0", "a=1"};
  EXPECT_THROW(parse_assignments(twice), InvalidArgument);
  const std::vector<std::string> bad{"a=1", "b=nan"};
  EXPECT_THROW(parse_assignments(bad), InvalidArgument);
}

TEST(Sweep, GridIsCOrderAndChecked) {
  const Scenario sc = Scenario::load(kThree);
  const auto grid = sweep_grid(sc, {parse_sweep_axis("pact_strength=0:1:3"), parse_sweep_axis("nk_nuclear_gain=0:2:2")},
                               {{"china_econ_weight", 1.5}});
  ASSERT_EQ(grid.size(), 6u);
  EXPECT_EQ(grid[1][0], 0.0);
  EXPECT_EQ(grid[1][1], 2.0);
  EXPECT_EQ(grid[2][0], 0.5);
  EXPECT_EQ(grid[5][3], 1.5);
  EXPECT_EQ(grid[5][2], 0.5);  // asian_nato_cohesion's default
  EXPECT_THROW(sweep_grid(sc, {parse_sweep_axis("pact_strength=0:2:3")}), InvalidArgument);  // out of range
  EXPECT_THROW(sweep_grid(sc, {parse_sweep_axis("nope=0:1:3")}), InvalidArgument);
  EXPECT_THROW(sweep_grid(sc, {parse_sweep_axis("pact_strength=0:1:3"), parse_sweep_axis("pact_strength=0:1:2")}),
               InvalidArgument);
  // 4096^3 points: refused before allocating anything.
  EXPECT_THROW(sweep_grid(sc, {parse_sweep_axis("pact_strength=0:1:4096"), parse_sweep_axis("nk_nuclear_gain=0:1:4096"),
                               parse_sweep_axis("china_econ_weight=0:1:4096")}),
               InvalidArgument);
}

void expect_same(const std::vector<SweepPoint>& a, const std::vector<SweepPoint>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t k = 0; k < a.size(); ++k) {
    EXPECT_EQ(a[k].values, b[k].values);
    EXPECT_EQ(a[k].continued, b[k].continued) << k;
    ASSERT_EQ(a[k].equilibria.size(), b[k].equilibria.size()) << k;
    for (std::size_t e = 0; e < a[k].equilibria.size(); ++e) {
      EXPECT_EQ(a[k].equilibria[e].profile.strategies, b[k].equilibria[e].profile.strategies);
      EXPECT_EQ(a[k].equilibria[e].payoffs, b[k].equilibria[e].payoffs);
      EXPECT_EQ(a[k].equilibria[e].regret, b[k].equilibria[e].regret);
    }
    ASSERT_EQ(a[k].correlated.has_value(), b[k].correlated.has_value());
    if (a[k].correlated) {
      EXPECT_EQ(a[k].correlated->payoffs, b[k].correlated->payoffs);
      ASSERT_EQ(a[k].correlated->distribution.size(), b[k].correlated->distribution.size());
    }
  }
}

TEST(Sweep, DeterministicAcrossThreadsAndEqualToSerialSolves) {
  const Scenario sc = Scenario::load(kThree);
  const std::vector<SweepAxis> axes{parse_sweep_axis("pact_strength=0:1:6"), parse_sweep_axis("nk_nuclear_gain=0:2:5")};
  for (const char* method : {"auto", "ce"}) {
    SweepOptions one;
    one.method = parse_method(method);
    one.threads = 1;
    SweepOptions four = one;
    four.threads = 4;
    std::size_t last_done = 0, calls = 0;
    four.progress = [&](std::size_t done, std::size_t total) {
      EXPECT_EQ(total, 30u);
      EXPECT_GE(done, last_done);
      last_done = done;
      ++calls;
    };
    const SweepResult r1 = sweep(sc, axes, one);
    const SweepResult r4 = sweep(sc, axes, four);
    EXPECT_GE(calls, 1u);
    EXPECT_EQ(last_done, 30u);
    EXPECT_FALSE(r4.cancelled);
    EXPECT_EQ(r4.shape, (std::vector<std::size_t>{6, 5}));
    expect_same(r1.points, r4.points);
    const auto grid = sweep_grid(sc, axes);
    std::size_t with_equilibria = 0;
    for (std::size_t k = 0; k < grid.size(); ++k) {
      const Game<double> g = sc.game_at(grid[k]);
      if (std::string(method) == "ce") {
        const auto ce = correlated_equilibrium(g);
        EXPECT_EQ(r4.points[k].correlated->payoffs, ce.payoffs);
        EXPECT_LE(r4.points[k].regret(), 1e-9);
        continue;
      }
      const auto eqs = solve(g, {.method = Method::automatic, .selection = Selection::single()}).equilibria;
      ASSERT_EQ(eqs.size(), r4.points[k].equilibria.size());
      for (std::size_t e = 0; e < eqs.size(); ++e) {
        EXPECT_EQ(eqs[e].profile.strategies, r4.points[k].equilibria[e].profile.strategies);
        EXPECT_EQ(r4.points[k].equilibria[e].regret, 0.0);
      }
      with_equilibria += !eqs.empty();
      if (!eqs.empty()) {
        EXPECT_EQ(r4.points[k].payoffs(), eqs[0].payoffs);
        EXPECT_EQ(r4.points[k].modal_strategies().size(), 3u);
      }
    }
    if (std::string(method) == "auto") EXPECT_GT(with_equilibria, 0u);
  }
}

TEST(Sweep, ContinuationIsCertifiedIndependentOfThreadsAndMostlyContinued) {
  // An earlier calibration of the three-bloc example (tests/data) on a
  // 24 x 24 grid: about a third of the points have no pure equilibrium. With continuation every point still carries
  // an equilibrium certified to simpdiv's tolerance (recomputed here), pure
  // points are exactly solve()'s, points solved afresh (the first of each
  // run of kContinuationRun, and where Newton fails) are exactly simpdiv's,
  // and the results do not depend on the threads.
  const Scenario sc = Scenario::load(std::string(ENTENTE_TEST_DATA) + "/mixed_three_bloc.json");
  const std::vector<SweepAxis> axes{parse_sweep_axis("pact_strength=0:1:24"),
                                    parse_sweep_axis("nk_nuclear_gain=0:1:24")};
  SweepOptions one;
  one.continuation = true;
  one.threads = 1;
  SweepOptions three = one;
  three.threads = 3;
  const SweepResult r1 = sweep(sc, axes, one);
  const SweepResult r3 = sweep(sc, axes, three);
  expect_same(r1.points, r3.points);
  const auto grid = sweep_grid(sc, axes);
  std::size_t mixed = 0, continued = 0;
  for (std::size_t k = 0; k < grid.size(); ++k) {
    const Game<double> g = sc.game_at(grid[k]);
    const auto& point = r3.points[k];
    const auto eqs = solve(g, {.method = Method::automatic, .selection = Selection::single()}).equilibria;
    ASSERT_EQ(point.equilibria.size(), eqs.size()) << k;
    if (k % kContinuationRun == 0) EXPECT_FALSE(point.continued) << k;
    bool pure = true;  // every player at a pure strategy
    for (const auto& player : eqs.at(0).profile.strategies)
      pure = pure && *std::max_element(player.begin(), player.end()) == 1.0;
    if (!point.continued) {
      for (std::size_t e = 0; e < eqs.size(); ++e)
        EXPECT_EQ(point.equilibria[e].profile.strategies, eqs[e].profile.strategies) << k;
      if (pure) continue;
    }
    ++mixed;
    continued += point.continued;
    EXPECT_LE(point.equilibria[0].regret, 1e-8) << k;
    EXPECT_EQ(point.equilibria[0].regret, regret(g, point.equilibria[0].profile)) << k;
  }
  EXPECT_GT(mixed, grid.size() / 5);
  EXPECT_GT(continued * 2, mixed);  // most mixed points are continued, not re-solved
  // Off (the default), nothing is continued.
  for (const auto& point : sweep(sc, axes).points) EXPECT_FALSE(point.continued);
}

TEST(Sweep, ExactAndFallbackAndCancel) {
  const Scenario sc = Scenario::load(kTiny);
  SweepOptions exact;
  exact.exact = true;
  exact.threads = 2;
  const SweepResult r = sweep(sc, {parse_sweep_axis("nk_nuclear_gain=0:4:5")}, exact);
  ASSERT_EQ(r.points.size(), 5u);
  for (const auto& p : r.points) {
    ASSERT_FALSE(p.equilibria.empty());
    for (const auto& eq : p.equilibria) EXPECT_EQ(eq.regret, 0.0);
    const auto floating = solve(sc.game_at(p.values), {.method = Method::automatic, .selection = Selection::single()}).equilibria;
    EXPECT_EQ(floating.size(), p.equilibria.size());
  }
  // Matching pennies has no pure equilibrium: enumpure finds none, the
  // fallback gives the correlated one (1/4 on every cell, payoffs 0).
  const Scenario pennies = Scenario::parse(R"({"actors": [
      {"name": "A", "strategies": [{"name": "H"}, {"name": "T"}]},
      {"name": "B", "strategies": [{"name": "H"}, {"name": "T"}]}],
    "parameters": [{"name": "s", "default": 1, "min": 0, "max": 2}],
    "terms": [{"kind": "conditional", "when": {"A": "H", "B": "H"}, "payoffs": {"A": "s", "B": "-s"}},
              {"kind": "conditional", "when": {"A": "T", "B": "T"}, "payoffs": {"A": "s", "B": "-s"}},
              {"kind": "conditional", "when": {"A": "H", "B": "T"}, "payoffs": {"A": "-s", "B": "s"}},
              {"kind": "conditional", "when": {"A": "T", "B": "H"}, "payoffs": {"A": "-s", "B": "s"}}]})");
  SweepOptions pure;
  pure.method = Method::enumpure;
  pure.correlated_fallback = true;
  const SweepResult f = sweep(pennies, {parse_sweep_axis("s=1:2:2")}, pure);
  for (const auto& p : f.points) {
    EXPECT_TRUE(p.equilibria.empty());
    ASSERT_TRUE(p.correlated.has_value());
    EXPECT_EQ(p.correlated->distribution.size(), 4u);
    EXPECT_NEAR(p.payoffs()[0], 0.0, 1e-9);
  }
  std::atomic<bool> cancel{true};
  SweepOptions cancelled;
  cancelled.cancel = &cancel;
  const SweepResult c = sweep(sc, {parse_sweep_axis("nk_nuclear_gain=0:4:50")}, cancelled);
  EXPECT_TRUE(c.cancelled);
  EXPECT_TRUE(c.points[10].equilibria.empty());
  SweepOptions bad;
  bad.selection = Selection::best_for("Nobody");
  EXPECT_THROW(sweep(sc, {parse_sweep_axis("nk_nuclear_gain=0:4:2")}, bad), InvalidArgument);
}

TEST(Sweep, FirstErrorByPointOrderWhateverTheThreads) {
  // 1/(p - 0.5) is infinite at p = 0.5 only: point 5 of 0:1:11.
  const Scenario sc = Scenario::parse(R"j({"actors": [{"name": "A", "strategies": [{"name": "x"}, {"name": "y"}]}],
    "parameters": [{"name": "p", "default": 0, "min": 0, "max": 1}],
    "terms": [{"kind": "base", "actor": "A", "strategy": "x", "value": "1/(p-0.5)"}]})j",
                                      "pole.json");
  for (std::size_t threads : {1u, 4u}) {
    SweepOptions o;
    o.threads = threads;
    try {
      sweep(sc, {parse_sweep_axis("p=0:1:11")}, o);
      FAIL() << "no error";
    } catch (const InvalidArgument& e) {
      EXPECT_NE(std::string(e.what()).find("pole.json: /terms/0/value"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("p=0.5"), std::string::npos) << e.what();
    }
  }
}

TEST(Sweep, FirstOfManyErrorsWhateverTheThreadsAndChunks) {
  // sqrt(0.3 - p) is NaN at every p > 0.3: about 700 failing points, met by
  // workers that claim chunks of points in parallel; the error reported is
  // the first failing point's (p = 0.301), as with one thread.
  const Scenario sc = Scenario::parse(R"j({"actors": [{"name": "A", "strategies": [{"name": "x"}, {"name": "y"}]}],
    "parameters": [{"name": "p", "default": 0, "min": 0, "max": 1}],
    "terms": [{"kind": "base", "actor": "A", "strategy": "x", "value": "sqrt(0.3-p)"}]})j",
                                      "root.json");
  std::vector<std::string> messages;
  for (std::size_t threads : {1u, 2u, 3u, 8u}) {
    SweepOptions o;
    o.threads = threads;
    try {
      sweep(sc, {parse_sweep_axis("p=0:1:1001")}, o);
      ADD_FAILURE() << "no error";
    } catch (const InvalidArgument& e) {
      messages.push_back(e.what());
    }
  }
  ASSERT_EQ(messages.size(), 4u);
  EXPECT_NE(messages[0].find("p=0.301"), std::string::npos) << messages[0];
  for (const auto& m : messages) EXPECT_EQ(m, messages[0]);
}

TEST(Scenario, ParseAgreesWithLoad) {
  const Scenario a = Scenario::load(kThree);
  const Scenario b = Scenario::parse(read_text(kThree), "three");
  EXPECT_EQ(a.game(), b.game());
  EXPECT_EQ(b.text(), read_text(kThree));
}

TEST(Scenario, FocusAndMapFromTheFileOrDefaults) {
  const std::string actors = R"js("actors": [{"name": "A", "strategies": [{"name": "x"}]}, {"name": "B", "strategies": [{"name": "y"}]}],
    "parameters": [{"name": "p", "default": 0, "min": 0, "max": 1}, {"name": "q", "default": 0, "min": 0, "max": 1},
                   {"name": "r", "default": 0, "min": 0, "max": 1}])js";
  const Scenario plain = Scenario::parse("{" + actors + "}");
  EXPECT_EQ(plain.focus(), 0u);
  EXPECT_EQ(plain.map(), (std::vector<std::size_t>{0, 1}));
  const Scenario set = Scenario::parse(R"js({"focus": "B", "map": ["r", "p"], )js" + actors + "}");
  EXPECT_EQ(set.focus(), 1u);
  EXPECT_EQ(set.map(), (std::vector<std::size_t>{2, 0}));
  EXPECT_EQ(Scenario::parse(R"js({"actors": [{"name": "A", "strategies": [{"name": "x"}]}]})js").map().size(), 0u);
  auto message = [&](const std::string& keys) {
    try {
      Scenario::parse("{" + keys + ", " + actors + "}", "fm.json");
    } catch (const ParseError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message(R"("focus": "C")").find("fm.json: /focus: unknown actor 'C'"), std::string::npos);
  EXPECT_NE(message(R"("focus": 1)").find("/focus: expected an actor name"), std::string::npos);
  EXPECT_NE(message(R"("map": ["p"])").find("/map: expected an array of two parameter names"), std::string::npos);
  EXPECT_NE(message(R"("map": ["p", "s"])").find("/map/1: unknown parameter 's'"), std::string::npos);
  EXPECT_NE(message(R"("map": ["p", "p"])").find("/map/1: the map needs two different parameters"), std::string::npos);
  EXPECT_NE(message(R"("map": "p")").find("/map: expected an array of two parameter names, got a string"),
            std::string::npos);
}

// --- thresholds ----------------------------------------------------------------

TEST(Thresholds, KnownSwitchOfAOneActorScenario) {
  const Scenario sc = Scenario::parse(R"js({"actors": [{"name": "A", "strategies": [{"name": "x"}, {"name": "y"}]}],
    "parameters": [{"name": "p", "default": 0, "min": 0, "max": 1}, {"name": "c", "default": 0.3, "min": 0, "max": 1}],
    "terms": [{"kind": "base", "actor": "A", "strategy": "y", "value": "p - c"}]})js");
  const auto r = thresholds(sc, "p", 0);
  ASSERT_EQ(r.switches.size(), 1u);
  EXPECT_NEAR(r.switches[0].value, 0.3, 1e-6);
  EXPECT_LE(r.switches[0].hi - r.switches[0].lo, 1e-6);
  EXPECT_LE(r.switches[0].lo, 0.3);
  EXPECT_GE(r.switches[0].hi, 0.3);
  EXPECT_EQ(r.switches[0].from, 0u);
  EXPECT_EQ(r.switches[0].to, 1u);
  EXPECT_EQ(r.grid.size(), 101u);
  // The others at `fixed`: c = 0.75 moves the switch there.
  EXPECT_NEAR(thresholds(sc, "p", 0, {{"c", 0.75}}).switches.at(0).value, 0.75, 1e-6);
  EXPECT_TRUE(thresholds(sc, "p", 0, {{"c", 1}}, {.grid = 11}).switches.size() <= 1u);
  ThresholdOptions coarse;
  coarse.tolerance = 0.01;
  const auto c = thresholds(sc, "p", 0, {}, coarse);
  EXPECT_LE(c.switches.at(0).hi - c.switches.at(0).lo, 0.01);
  EXPECT_NEAR(c.switches.at(0).value, 0.3, 0.005);
  // Bad input.
  EXPECT_THROW(thresholds(sc, "q", 0), InvalidArgument);
  EXPECT_THROW(thresholds(sc, "p", 1), InvalidArgument);
  EXPECT_THROW(thresholds(sc, "p", 0, {{"p", 0.5}}), InvalidArgument);
  EXPECT_THROW(thresholds(sc, "p", 0, {{"c", 2}}), InvalidArgument);
  ThresholdOptions bad;
  bad.grid = 1;
  EXPECT_THROW(thresholds(sc, "p", 0, {}, bad), InvalidArgument);
  bad.grid = 11;
  bad.tolerance = 0;
  EXPECT_THROW(thresholds(sc, "p", 0, {}, bad), InvalidArgument);
  bad.tolerance = std::nan("");
  EXPECT_THROW(thresholds(sc, "p", 0, {}, bad), InvalidArgument);
}

// Every switch lies within the dense grid's spacing of a change of a dense
// sweep (and the other way round), brackets its value within 1e-6, and the
// strategies solved at its bracket's ends are its from and to.
TEST(Thresholds, AgreeWithADenseSweep) {
  const Scenario sc = Scenario::load(std::string(ENTENTE_EXAMPLES) + "/scenarios/china_three_bloc.json");
  for (const char* name : {"nk_nuclear_gain", "pact_strength", "asian_nato_cohesion"}) {
    const auto r = thresholds(sc, name, 0);
    const std::size_t n = 2001;
    const auto dense = sweep(sc, {{name, 0, 1, n, {}}}, {.correlated_fallback = true});
    const double spacing = 1.0 / (n - 1);
    std::vector<std::pair<double, double>> changes;  // dense cells where the strategy changes
    for (std::size_t k = 0; k + 1 < n; ++k)
      if (selected_strategy(dense.points[k], 0) != selected_strategy(dense.points[k + 1], 0))
        changes.emplace_back(dense.points[k].values[sc.parameter_index(name)],
                             dense.points[k + 1].values[sc.parameter_index(name)]);
    ASSERT_FALSE(changes.empty()) << name;
    ASSERT_EQ(r.switches.size(), changes.size()) << name;
    std::vector<std::vector<double>> ends;
    for (std::size_t k = 0; k < changes.size(); ++k) {
      const auto& w = r.switches[k];
      EXPECT_GE(w.value, changes[k].first - spacing) << name;
      EXPECT_LE(w.value, changes[k].second + spacing) << name;
      EXPECT_LE(w.hi - w.lo, 1e-6) << name;
      EXPECT_LT(w.lo, w.hi) << name;
      for (double x : {w.lo, w.hi}) {
        ends.push_back(sc.resolve());
        ends.back()[sc.parameter_index(name)] = x;
      }
    }
    const auto solved = sweep_points(sc, ends, {.correlated_fallback = true});
    for (std::size_t k = 0; k < r.switches.size(); ++k) {
      EXPECT_EQ(selected_strategy(solved[2 * k], 0), r.switches[k].from) << name;
      EXPECT_EQ(selected_strategy(solved[2 * k + 1], 0), r.switches[k].to) << name;
    }
  }
}

// --- stability maps --------------------------------------------------------------

TEST(AllianceSweep, EachPointIsTheSingleAnalysisWhateverTheThreads) {
  const Scenario sc = Scenario::load(std::string(ENTENTE_EXAMPLES) + "/scenarios/china_three_bloc.json");
  const std::vector<SweepAxis> axes{parse_sweep_axis("nk_nuclear_gain=0:1:3"), parse_sweep_axis("pact_strength=0:1:4")};
  std::vector<AllianceSweepResult> runs;
  for (std::size_t threads : {1u, 2u, 5u}) {
    AllianceSweepOptions o;
    o.threads = threads;
    o.alliance.split = BlocSplit::shapley;
    runs.push_back(alliance_sweep(sc, axes, o, {{"asian_nato_cohesion", 0.25}}));
  }
  const auto& r = runs.front();
  ASSERT_EQ(r.points.size(), 12u);
  EXPECT_EQ(r.shape, (std::vector<std::size_t>{3, 4}));
  EXPECT_FALSE(r.cancelled);
  AllianceOptions single;
  single.split = BlocSplit::shapley;
  std::size_t stable_somewhere = 0;
  for (std::size_t k = 0; k < r.points.size(); ++k) {
    const auto& p = r.points[k];
    EXPECT_EQ(p.values[sc.parameter_index("nk_nuclear_gain")], 0.5 * double(k / 4));
    EXPECT_EQ(p.values[sc.parameter_index("asian_nato_cohesion")], 0.25);
    ASSERT_TRUE(p.analysis.has_value());
    const auto want = analyse_alliances(sc.game_at(p.values), single);
    ASSERT_EQ(p.analysis->partitions.size(), want.partitions.size());
    for (std::size_t j = 0; j < want.partitions.size(); ++j) {
      const auto& got = p.analysis->partitions[j];
      EXPECT_EQ(got.outcome.partition, want.partitions[j].outcome.partition);
      EXPECT_EQ(got.outcome.payoffs, want.partitions[j].outcome.payoffs);
      EXPECT_EQ(got.flags.stable, want.partitions[j].flags.stable);
      stable_somewhere += got.flags.count();
    }
    for (const auto& other : runs)
      for (std::size_t j = 0; j < want.partitions.size(); ++j)
        EXPECT_EQ(other.points[k].analysis->partitions[j].outcome.payoffs, p.analysis->partitions[j].outcome.payoffs);
  }
  EXPECT_GT(stable_somewhere, 0u);
}

TEST(AllianceSweep, BadInputAndCancel) {
  const Scenario sc = Scenario::load(kTiny);
  EXPECT_THROW(alliance_sweep(sc, {parse_sweep_axis("nope=0:1:3")}), InvalidArgument);
  EXPECT_THROW(alliance_sweep(sc, {parse_sweep_axis("pact_strength=0:2:3")}), InvalidArgument);
  std::atomic<bool> cancel{true};
  AllianceSweepOptions o;
  o.cancel = &cancel;
  const auto r = alliance_sweep(sc, {parse_sweep_axis("nk_nuclear_gain=0:4:20")}, o);
  EXPECT_TRUE(r.cancelled);
  EXPECT_FALSE(r.points[10].analysis.has_value());
}

}  // namespace
}  // namespace entente::scenario
