// Sensitivity (scenario/sensitivity.hpp) on a two-actor scenario whose
// switch points, payoff ranges and term effects are worked out by hand in
// the comments, and the payoffs thresholds() now records.
#include <gtest/gtest.h>

#include <cmath>

#include "entente/error.hpp"
#include "entente/scenario/sensitivity.hpp"

namespace entente::scenario {
namespace {

// A chooses x or y, B chooses u or v; p in [0, 1] (0.2), q in [0, 2] (1).
//   B: v pays q - 1.5 more than u, whatever A does: v exactly when q > 1.5.
//   A, against u: x pays -0.28, y pays p - 0.5: y exactly when p > 0.22.
//   A, against v: x pays q - 0.28, y pays p - 1.5: always x.
// At the defaults: B u, A x with payoff -0.28.
constexpr const char* kTwoActors = R"({
  "actors": [{"name": "A", "strategies": [{"name": "x"}, {"name": "y"}]},
             {"name": "B", "strategies": [{"name": "u"}, {"name": "v"}]}],
  "parameters": [{"name": "p", "default": 0.2, "min": 0, "max": 1},
                 {"name": "q", "default": 1, "min": 0, "max": 2}],
  "terms": [{"kind": "base", "actor": "A", "strategy": "y", "value": "p - 0.5"},
            {"kind": "base", "actor": "B", "strategy": "v", "value": "q - 1.5"},
            {"kind": "pairwise", "actor": "A", "strategy": "y", "other": "B", "other_strategy": "v", "value": -1},
            {"kind": "conditional", "when": {"A": "x", "B": "v"}, "payoffs": {"A": "q"}},
            {"kind": "base", "actor": "A", "strategy": "x", "value": -0.28}]})";

constexpr std::size_t x = 0, y = 1, u = 0, v = 1;

TEST(Sensitivity, ParametersOverTheirRangesByHand) {
  const auto sc = Scenario::parse(kTwoActors);
  const auto r = sensitivity(sc, 0);
  EXPECT_EQ(r.stance, x);
  EXPECT_NEAR(r.payoff, -0.28, 1e-12);
  ASSERT_EQ(r.parameters.size(), 2u);
  // p: x (payoff -0.28) up to 0.22, then y with payoff p - 0.5, up to 0.5 at p = 1.
  const auto& p = r.parameters[0];
  EXPECT_EQ(p.parameter, "p");
  EXPECT_EQ(p.value, 0.2);
  EXPECT_NEAR(p.payoff_min, -0.28, 1e-12);
  EXPECT_NEAR(p.payoff_max, 0.5, 1e-12);
  EXPECT_EQ(p.stances, (std::vector<std::size_t>{x, y}));
  ASSERT_EQ(p.switches.size(), 1u);
  EXPECT_NEAR(p.switches[0].value, 0.22, 1e-6);
  EXPECT_EQ(p.switches[0].from, x);
  EXPECT_EQ(p.switches[0].to, y);
  // q: A keeps x; its payoff is -0.28 while B plays u and q - 0.28 once B
  // plays v (q > 1.5), up to 1.72 at q = 2.
  const auto& q = r.parameters[1];
  EXPECT_NEAR(q.payoff_min, -0.28, 1e-12);
  EXPECT_NEAR(q.payoff_max, 1.72, 1e-12);
  EXPECT_EQ(q.stances, (std::vector<std::size_t>{x}));
  EXPECT_TRUE(q.switches.empty());
}

TEST(Sensitivity, TermsScaledByHand) {
  const auto sc = Scenario::parse(kTwoActors);
  const auto r = sensitivity(sc, 0);
  ASSERT_EQ(r.terms.size(), 5u);
  // /terms/0 (y's p - 0.5 = -0.3): x 0.8 gives -0.24 > -0.28, so y; x 1.2 keeps x.
  EXPECT_TRUE(r.terms[0].changes);
  EXPECT_EQ(r.terms[0].path, "/terms/0");
  EXPECT_EQ(r.terms[0].label, "A: y");
  EXPECT_EQ(r.terms[0].low.stance, y);
  EXPECT_NEAR(r.terms[0].low.scale, 0.8, 1e-15);
  EXPECT_NEAR(r.terms[0].low.payoff, -0.24, 1e-12);
  EXPECT_EQ(r.terms[0].high.stance, x);
  EXPECT_NEAR(r.terms[0].high.payoff, -0.28, 1e-12);
  // B's -0.5 for v stays negative; the two terms against v never fire.
  for (std::size_t k : {1, 2, 3}) EXPECT_FALSE(r.terms[k].changes) << k;
  EXPECT_EQ(r.terms[2].label, "A: y, if B: v");
  EXPECT_EQ(r.terms[3].label, "A, if A: x, B: v");
  // /terms/4 (x's -0.28): x 1.2 gives -0.336 < -0.3, so y (payoff -0.3); x 0.8 keeps x at -0.224.
  EXPECT_TRUE(r.terms[4].changes);
  EXPECT_EQ(r.terms[4].low.stance, x);
  EXPECT_NEAR(r.terms[4].low.payoff, -0.224, 1e-12);
  EXPECT_EQ(r.terms[4].high.stance, y);
  EXPECT_NEAR(r.terms[4].high.payoff, -0.3, 1e-12);
}

TEST(Sensitivity, FixedValuesAndAnotherFocus) {
  const auto sc = Scenario::parse(kTwoActors);
  // At p = 0.6 A plays y (0.1 > -0.28); every term scaled by 1 -+ 0.5 is checked there.
  const auto r = sensitivity(sc, 0, {{"p", 0.6}}, {.perturb = 0.5});
  EXPECT_EQ(r.stance, y);
  EXPECT_NEAR(r.payoff, 0.1, 1e-12);
  EXPECT_EQ(r.parameters[0].value, 0.6);
  // y's 0.1 halves to 0.05 or grows to 0.15: still y; x's -0.28 to -0.14 or -0.42: still y.
  EXPECT_FALSE(r.terms[0].changes);
  EXPECT_FALSE(r.terms[4].changes);
  // B's switch along q, seen from B.
  const auto b = sensitivity(sc, 1);
  EXPECT_EQ(b.stance, u);
  ASSERT_EQ(b.parameters[1].switches.size(), 1u);
  EXPECT_NEAR(b.parameters[1].switches[0].value, 1.5, 1e-6);
  EXPECT_EQ(b.parameters[1].stances, (std::vector<std::size_t>{u, v}));
  // B's payoff along q: 0 while u, q - 1.5 once v, up to 0.5.
  EXPECT_NEAR(b.parameters[1].payoff_min, 0, 1e-12);
  EXPECT_NEAR(b.parameters[1].payoff_max, 0.5, 1e-12);
  // /terms/1 (v's q - 1.5 = -0.5) stays negative at x 0.5 and x 1.5.
  EXPECT_FALSE(b.terms[1].changes);
}

TEST(Sensitivity, ThresholdsRecordTheFocusPayoff) {
  const auto sc = Scenario::parse(kTwoActors);
  const auto r = thresholds(sc, "p", 0, {}, {.grid = 11});
  ASSERT_EQ(r.payoffs.size(), 11u);
  for (std::size_t k = 0; k < r.grid.size(); ++k)
    EXPECT_NEAR(r.payoffs[k], std::max(-0.28, r.grid[k] - 0.5), 1e-12) << r.grid[k];
}

// A plays y exactly when p - q / 2 - 0.25 > 0: the border is the line
// p = 0.25 + q / 2, from (0.25, 0) to (0.75, 1).
TEST(Boundaries, PointsOnTheBorderWorkedByHand) {
  const auto sc = Scenario::parse(R"({
    "actors": [{"name": "A", "strategies": [{"name": "x"}, {"name": "y"}]}],
    "parameters": [{"name": "p", "default": 0, "min": 0, "max": 1}, {"name": "q", "default": 0, "min": 0, "max": 1}],
    "terms": [{"kind": "base", "actor": "A", "strategy": "y", "value": "p - q / 2 - 0.25"}]})");
  const auto points = boundaries(sc, 0, "p", "q", {}, 5);
  // Along p at q = 0, 0.25, ..., 1: one switch each, x -> y; along q at
  // p = 0.5 and 0.75 (p = 0.25 and 1 only touch the border at an end).
  ASSERT_EQ(points.size(), 7u);
  for (std::size_t k = 0; k < points.size(); ++k) {
    EXPECT_NEAR(points[k].x, 0.25 + points[k].y / 2, 1e-6) << k;
    EXPECT_EQ(points[k].along_x, k < 5) << k;
    EXPECT_EQ(points[k].from, points[k].along_x ? x : y) << k;
    EXPECT_EQ(points[k].to, points[k].along_x ? y : x) << k;
  }
  EXPECT_NEAR(points[5].y, 0.5, 1e-6);
  EXPECT_NEAR(points[6].y, 1.0, 1e-6);
  EXPECT_THROW(boundaries(sc, 0, "p", "p"), InvalidArgument);
  EXPECT_THROW(boundaries(sc, 0, "p", "q", {{"q", 0.5}}), InvalidArgument);
  EXPECT_THROW(boundaries(sc, 0, "p", "q", {}, 1), InvalidArgument);
}

TEST(Sensitivity, BadInputIsAClearError) {
  const auto sc = Scenario::parse(kTwoActors);
  EXPECT_THROW(sensitivity(sc, 2), InvalidArgument);
  EXPECT_THROW(sensitivity(sc, 0, {{"p", 2}}), InvalidArgument);
  EXPECT_THROW(sensitivity(sc, 0, {{"r", 0}}), InvalidArgument);
  for (double bad : {0.0, -0.1, 1.5, std::nan("")}) EXPECT_THROW(sensitivity(sc, 0, {}, {.perturb = bad}), InvalidArgument);
}

}  // namespace
}  // namespace entente::scenario
