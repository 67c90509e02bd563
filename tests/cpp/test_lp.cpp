// The GLPK backend: known optima and duals in double and in exact rationals,
// duality on random LPs, validation, GLPK error recovery and threads.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "entente/error.hpp"
#include "entente/lp/detail/testing.hpp"
#include "entente/lp/solve.hpp"
#include "entente/scalar.hpp"
#include "typed.hpp"

namespace entente {
namespace {

using lp::Bound;
using lp::Model;
using lp::Sense;
using lp::Solution;
using lp::Status;

using testing::Near;
using testing::S;
using testing::Scalars;

// reduced_cost == c - A'row_dual and row_activity == A x, the documented convention.
template <class Scalar>
void expect_consistent(const Model<Scalar>& model, const Solution<Scalar>& sol) {
  ASSERT_EQ(sol.x.size(), model.num_columns());
  ASSERT_EQ(sol.reduced_cost.size(), model.num_columns());
  ASSERT_EQ(sol.row_activity.size(), model.num_rows());
  ASSERT_EQ(sol.row_dual.size(), model.num_rows());
  std::vector<Scalar> d = model.objective;
  for (std::size_t i = 0; i < model.num_rows(); ++i) {
    Scalar activity(0);
    for (const auto& t : model.rows[i].terms) {
      activity += t.coefficient * sol.x[t.column];
      d[t.column] -= t.coefficient * sol.row_dual[i];
    }
    EXPECT_TRUE(Near<Scalar>(sol.row_activity[i], activity, 1e-7)) << "row " << i;
  }
  Scalar objective(0);
  for (std::size_t j = 0; j < model.num_columns(); ++j) {
    EXPECT_TRUE(Near<Scalar>(sol.reduced_cost[j], d[j], 1e-7)) << "column " << j;
    objective += model.objective[j] * sol.x[j];
  }
  EXPECT_TRUE(Near<Scalar>(sol.objective, objective, 1e-7));
}

template <class Scalar>
class LpTest : public ::testing::Test {};
TYPED_TEST_SUITE(LpTest, Scalars);

// max 3x + 5y  s.t.  x <= 4, 2y <= 12, 3x + 2y <= 18  (Hillier and Lieberman's Wyndor example)
template <class Scalar>
Model<Scalar> wyndor() {
  Model<Scalar> m;
  m.sense = Sense::maximize;
  m.add_column(Scalar(3));
  m.add_column(Scalar(5));
  m.add_row({{0, Scalar(1)}}, Bound<Scalar>::at_most(Scalar(4)));
  m.add_row({{1, Scalar(2)}}, Bound<Scalar>::at_most(Scalar(12)));
  m.add_row({{0, Scalar(3)}, {1, Scalar(2)}}, Bound<Scalar>::at_most(Scalar(18)));
  return m;
}

TYPED_TEST(LpTest, TextbookMaximum) {
  using T = TypeParam;
  const auto model = wyndor<T>();
  const auto sol = lp::solve(model);
  ASSERT_EQ(sol.status, Status::optimal);
  EXPECT_TRUE(Near<T>(sol.objective, T(36)));
  EXPECT_TRUE(Near<T>(sol.x[0], T(2)));
  EXPECT_TRUE(Near<T>(sol.x[1], T(6)));
  EXPECT_TRUE(Near<T>(sol.row_activity[0], T(2)));
  EXPECT_TRUE(Near<T>(sol.row_activity[1], T(12)));
  EXPECT_TRUE(Near<T>(sol.row_activity[2], T(18)));
  // Maximisation: rows at their upper bounds have duals >= 0.
  EXPECT_TRUE(Near<T>(sol.row_dual[0], T(0)));
  EXPECT_TRUE(Near<T>(sol.row_dual[1], S<T>("3/2")));
  EXPECT_TRUE(Near<T>(sol.row_dual[2], T(1)));
  EXPECT_TRUE(Near<T>(sol.reduced_cost[0], T(0)));
  EXPECT_TRUE(Near<T>(sol.reduced_cost[1], T(0)));
  expect_consistent(model, sol);
}

TEST(LpExact, TextbookDualsAreExactRationals) {
  const auto sol = lp::solve(wyndor<Rational>());
  ASSERT_EQ(sol.status, Status::optimal);
  EXPECT_EQ(sol.row_dual[1], Rational("3/2"));
  EXPECT_EQ(sol.row_dual[1].get_str(), "3/2");
  EXPECT_EQ(sol.objective, Rational(36));
}

// max x  s.t.  q x <= p  and  C x <= B, with p, q, B exact in double and
// C = 4492029086853136637, a 62-bit integer that GLPK's double input rounds
// down by 253. Exactly, the second row binds (B / C < p / q); rounded, it
// reads B / (C - 253) > p / q and the first row binds. GLPK then returns the
// first row's basis, which the exact check must refuse with InexactData (a
// caller may then fall back to an exact method of its own), never return as
// optimal. (Numbers found by a search with Python's fractions.)
TEST(LpExact, DataBeyondDoublePrecisionIsRefusedNotMisreported) {
  const Rational p(mpz_class("2352910736451019")), q(mpz_class("3635434571629943"));
  const Rational B(mpz_class("2907312250751980544")), C(mpz_class("4492029086853136637"));
  ASSERT_LT(B / C, p / q);
  ASSERT_GT(B / (C - 253), p / q);
  Model<Rational> model;
  model.sense = Sense::maximize;
  model.add_column(Rational(1));
  model.add_row({{0, q}}, Bound<Rational>::at_most(p));
  model.add_row({{0, C}}, Bound<Rational>::at_most(B));
  try {
    lp::solve(model);
    ADD_FAILURE() << "GLPK's basis for the rounded LP was accepted";
  } catch (const lp::InexactData& e) {
    EXPECT_NE(std::string(e.what()).find("53 bits"), std::string::npos) << e.what();
  }
  // Representable data of the same shape solve exactly.
  Model<Rational> plain = model;
  plain.rows[1].terms[0].coefficient = Rational(3);
  plain.rows[1].bound = Bound<Rational>::at_most(Rational(1));
  EXPECT_EQ(lp::solve(plain).x[0], Rational(1, 3));
}

// min 2x + 3y  s.t.  x + y >= 4, x + 3y >= 6, x, y >= 0:  (3, 1), cost 9, duals 3/2 and 1/2.
TYPED_TEST(LpTest, MinimisationWithGreaterEqualRows) {
  using T = TypeParam;
  Model<T> model;
  model.add_column(T(2));
  model.add_column(T(3));
  model.add_row({{0, T(1)}, {1, T(1)}}, Bound<T>::at_least(T(4)));
  model.add_row({{0, T(1)}, {1, T(3)}}, Bound<T>::at_least(T(6)));
  const auto sol = lp::solve(model);
  ASSERT_EQ(sol.status, Status::optimal);
  EXPECT_TRUE(Near<T>(sol.objective, T(9)));
  EXPECT_TRUE(Near<T>(sol.x[0], T(3)));
  EXPECT_TRUE(Near<T>(sol.x[1], T(1)));
  // Minimisation: rows at their lower bounds have duals >= 0.
  EXPECT_TRUE(Near<T>(sol.row_dual[0], S<T>("3/2")));
  EXPECT_TRUE(Near<T>(sol.row_dual[1], S<T>("1/2")));
  expect_consistent(model, sol);
}

// min x + 2y  s.t.  x + y = 3, x - y <= 1, x and y free:  (2, 1), cost 4, duals 3/2, -1/2.
TYPED_TEST(LpTest, EqualityRowsAndFreeVariables) {
  using T = TypeParam;
  Model<T> model;
  model.add_column(T(1), Bound<T>::free());
  model.add_column(T(2), Bound<T>::free());
  model.add_row({{0, T(1)}, {1, T(1)}}, Bound<T>::equal(T(3)));
  model.add_row({{0, T(1)}, {1, T(-1)}}, Bound<T>::at_most(T(1)));
  const auto sol = lp::solve(model);
  ASSERT_EQ(sol.status, Status::optimal);
  EXPECT_TRUE(Near<T>(sol.objective, T(4)));
  EXPECT_TRUE(Near<T>(sol.x[0], T(2)));
  EXPECT_TRUE(Near<T>(sol.x[1], T(1)));
  EXPECT_TRUE(Near<T>(sol.row_dual[0], S<T>("3/2")));
  EXPECT_TRUE(Near<T>(sol.row_dual[1], S<T>("-1/2")));  // at its upper bound in a minimisation: <= 0
  expect_consistent(model, sol);
}

// A fixed column (lower == upper) and a ranged row.
TYPED_TEST(LpTest, FixedColumnAndRangedRow) {
  using T = TypeParam;
  Model<T> model;  // max x + y  s.t.  1 <= x + 2y <= 5, y = 1, x >= 0
  model.sense = Sense::maximize;
  model.add_column(T(1));
  model.add_column(T(1), Bound<T>::equal(T(1)));
  model.add_row({{0, T(1)}, {1, T(2)}}, Bound<T>::between(T(1), T(5)));
  const auto sol = lp::solve(model);
  ASSERT_EQ(sol.status, Status::optimal);
  EXPECT_TRUE(Near<T>(sol.x[0], T(3)));
  EXPECT_TRUE(Near<T>(sol.x[1], T(1)));
  EXPECT_TRUE(Near<T>(sol.objective, T(4)));
  EXPECT_TRUE(Near<T>(sol.row_dual[0], T(1)));
  EXPECT_TRUE(Near<T>(sol.reduced_cost[1], T(-1)));
  expect_consistent(model, sol);
}

TYPED_TEST(LpTest, DuplicateColumnsInARowAreSummed) {
  using T = TypeParam;
  Model<T> model;  // max x  s.t.  x + x + 0y <= 4
  model.sense = Sense::maximize;
  model.add_column(T(1));
  model.add_column(T(0));
  model.add_row({{0, T(1)}, {1, T(0)}, {0, T(1)}}, Bound<T>::at_most(T(4)));
  const auto sol = lp::solve(model);
  ASSERT_EQ(sol.status, Status::optimal);
  EXPECT_TRUE(Near<T>(sol.x[0], T(2)));
  EXPECT_TRUE(Near<T>(sol.row_dual[0], S<T>("1/2")));
}

TYPED_TEST(LpTest, Infeasible) {
  using T = TypeParam;
  Model<T> model;  // x + y <= 1 and x + y >= 2
  model.add_column(T(1));
  model.add_column(T(1));
  model.add_row({{0, T(1)}, {1, T(1)}}, Bound<T>::at_most(T(1)));
  model.add_row({{0, T(1)}, {1, T(1)}}, Bound<T>::at_least(T(2)));
  EXPECT_EQ(lp::solve(model).status, Status::infeasible);
  model.sense = Sense::maximize;
  EXPECT_EQ(lp::solve(model).status, Status::infeasible);
}

TYPED_TEST(LpTest, InfeasibleAndUnboundedDirectionReportsInfeasible) {
  using T = TypeParam;
  Model<T> model;  // max x + y with x - y <= -1 and -x + y <= -1: infeasible, recession direction unbounded
  model.sense = Sense::maximize;
  model.add_column(T(1));
  model.add_column(T(1));
  model.add_row({{0, T(1)}, {1, T(-1)}}, Bound<T>::at_most(T(-1)));
  model.add_row({{0, T(-1)}, {1, T(1)}}, Bound<T>::at_most(T(-1)));
  EXPECT_EQ(lp::solve(model).status, Status::infeasible);
}

TYPED_TEST(LpTest, CrossedBoundsAreInfeasibleNotAnError) {
  using T = TypeParam;
  Model<T> model;
  model.add_column(T(1), Bound<T>::between(T(2), T(1)));
  EXPECT_EQ(lp::solve(model).status, Status::infeasible);
  Model<T> rows;
  rows.add_column(T(1));
  rows.add_row({{0, T(1)}}, Bound<T>::between(T(3), S<T>("5/2")));
  const auto sol = lp::solve(rows);
  EXPECT_EQ(sol.status, Status::infeasible);
  EXPECT_EQ(sol.x.size(), 1u);
  EXPECT_EQ(sol.row_dual.size(), 1u);
}

TYPED_TEST(LpTest, Unbounded) {
  using T = TypeParam;
  Model<T> model;  // max x + y  s.t.  x - y <= 1
  model.sense = Sense::maximize;
  model.add_column(T(1));
  model.add_column(T(1));
  model.add_row({{0, T(1)}, {1, T(-1)}}, Bound<T>::at_most(T(1)));
  EXPECT_EQ(lp::solve(model).status, Status::unbounded);
  Model<T> free_min;  // min x, x free, x + y >= 0
  free_min.add_column(T(1), Bound<T>::free());
  free_min.add_column(T(0));
  free_min.add_row({{0, T(1)}, {1, T(1)}}, Bound<T>::at_least(T(0)));
  EXPECT_EQ(lp::solve(free_min).status, Status::unbounded);
}

TYPED_TEST(LpTest, NoRowsOrNoColumns) {
  using T = TypeParam;
  Model<T> no_rows;  // min 2x - y, x >= 1, y <= 3
  no_rows.add_column(T(2), Bound<T>::at_least(T(1)));
  no_rows.add_column(T(-1), Bound<T>::at_most(T(3)));
  auto sol = lp::solve(no_rows);
  ASSERT_EQ(sol.status, Status::optimal);
  EXPECT_TRUE(Near<T>(sol.objective, T(-1)));
  EXPECT_TRUE(Near<T>(sol.x[1], T(3)));
  EXPECT_TRUE(Near<T>(sol.reduced_cost[0], T(2)));
  no_rows.column_bounds[1] = Bound<T>::free();
  EXPECT_EQ(lp::solve(no_rows).status, Status::unbounded);

  Model<T> no_columns;
  no_columns.add_row({}, Bound<T>::at_most(T(1)));
  EXPECT_EQ(lp::solve(no_columns).status, Status::optimal);
  no_columns.add_row({}, Bound<T>::at_least(S<T>("1/10")));
  EXPECT_EQ(lp::solve(no_columns).status, Status::infeasible);
  EXPECT_EQ(lp::solve(Model<T>{}).status, Status::optimal);
}

// max x + y  s.t.  x/3 + 2y/7 <= 1, 2x/7 + y/3 <= 1:  x = y = 21/13, duals 21/13 each.
TEST(LpExact, RationalCoefficients) {
  Model<Rational> model;
  model.sense = Sense::maximize;
  model.add_column(Rational(1));
  model.add_column(Rational(1));
  model.add_row({{0, Rational(1, 3)}, {1, Rational(2, 7)}}, Bound<Rational>::at_most(Rational(1)));
  model.add_row({{0, Rational(2, 7)}, {1, Rational(1, 3)}}, Bound<Rational>::at_most(Rational(1)));
  const auto sol = lp::solve(model);
  ASSERT_EQ(sol.status, Status::optimal);
  EXPECT_EQ(sol.x[0], Rational(21, 13));
  EXPECT_EQ(sol.x[1], Rational(21, 13));
  EXPECT_EQ(sol.objective, Rational(42, 13));
  EXPECT_EQ(sol.row_dual[0], Rational(21, 13));
  EXPECT_EQ(sol.row_dual[1], Rational(21, 13));
  expect_consistent(model, sol);

  const auto approx = lp::solve(Model<double>{Sense::maximize, {1, 1}, {Bound<double>::nonnegative(), Bound<double>::nonnegative()},
                                              {{{{0, 1.0 / 3}, {1, 2.0 / 7}}, Bound<double>::at_most(1)},
                                               {{{0, 2.0 / 7}, {1, 1.0 / 3}}, Bound<double>::at_most(1)}}});
  ASSERT_EQ(approx.status, Status::optimal);
  EXPECT_NEAR(approx.objective, 42.0 / 13, 1e-12);
}

// Fractional bounds too: max 2x + 3y  s.t.  x + y <= 7/2, 0 <= y <= 5/3, x >= 1/10:
// y = 5/3, x = 11/6, objective 26/3; y's reduced cost 3 - 2 = 1 (at its upper bound, maximising).
TEST(LpExact, FractionalBounds) {
  Model<Rational> model;
  model.sense = Sense::maximize;
  model.add_column(Rational(2), Bound<Rational>::at_least(Rational(1, 10)));
  model.add_column(Rational(3), Bound<Rational>::between(Rational(0), Rational(5, 3)));
  model.add_row({{0, Rational(1)}, {1, Rational(1)}}, Bound<Rational>::at_most(Rational(7, 2)));
  const auto sol = lp::solve(model);
  ASSERT_EQ(sol.status, Status::optimal);
  EXPECT_EQ(sol.x[0], Rational(11, 6));
  EXPECT_EQ(sol.x[1], Rational(5, 3));
  EXPECT_EQ(sol.objective, Rational(26, 3));
  EXPECT_EQ(sol.row_dual[0], Rational(2));
  EXPECT_EQ(sol.reduced_cost[0], Rational(0));
  EXPECT_EQ(sol.reduced_cost[1], Rational(1));
}

// Data GLPK cannot see exactly in double: 1/3 and 1/10 are rounded, so only
// the scaling to integers lets glp_exact find the exact optimum.
TEST(LpExact, TinyDifferencesAreResolved) {
  Model<Rational> model;  // max x + y  s.t.  x + y (1 + 10^-20) <= 1: y = 0, x = 1
  model.sense = Sense::maximize;
  model.add_column(Rational(1));
  model.add_column(Rational(1));
  const Rational tiny("1/100000000000000000000");
  model.add_row({{0, Rational(1)}, {1, Rational(1) + tiny}}, Bound<Rational>::at_most(Rational(1)));
  const auto sol = lp::solve(model);
  ASSERT_EQ(sol.status, Status::optimal);
  EXPECT_EQ(sol.x[0], Rational(1));
  EXPECT_EQ(sol.x[1], Rational(0));
  EXPECT_EQ(sol.reduced_cost[1], -tiny);
}

// A seeded random LP  min c'x  s.t.  A x >= b, x >= 0  with positive data:
// feasible and bounded. Entries are k/d with small d so the exact solve sees fractions.
template <class Scalar>
Model<Scalar> random_standard_lp(unsigned seed, int rows, int cols) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> num(1, 20), den(1, 6), skip(0, 3);
  auto value = [&] {
    Rational v(num(rng), den(rng));
    v.canonicalize();
    return scalar_cast<Scalar>(v);
  };
  Model<Scalar> m;
  for (int j = 0; j < cols; ++j) m.add_column(value());
  for (int i = 0; i < rows; ++i) {
    std::vector<lp::Term<Scalar>> terms;
    for (int j = 0; j < cols; ++j)
      if (skip(rng) != 0 || j == i % cols) terms.push_back({std::size_t(j), value()});
    m.add_row(std::move(terms), Bound<Scalar>::at_least(value()));
  }
  return m;
}

template <class Scalar>
Scalar dual_objective(const Model<Scalar>& model, const Solution<Scalar>& sol) {
  Scalar total(0);
  for (std::size_t i = 0; i < model.num_rows(); ++i) total += *model.rows[i].bound.lower * sol.row_dual[i];
  return total;
}

TEST(LpDuality, RandomStandardFormDoubleAndExactAgree) {
  for (unsigned seed = 1; seed <= 40; ++seed) {
    const int rows = 2 + int(seed % 7), cols = 2 + int(seed * 7 % 9);
    const auto exact_model = random_standard_lp<Rational>(seed, rows, cols);
    const auto double_model = random_standard_lp<double>(seed, rows, cols);
    const auto exact = lp::solve(exact_model);
    const auto approx = lp::solve(double_model);
    ASSERT_EQ(exact.status, Status::optimal) << "seed " << seed;
    ASSERT_EQ(approx.status, Status::optimal) << "seed " << seed;
    EXPECT_EQ(exact.objective, dual_objective(exact_model, exact)) << "seed " << seed;  // strong duality, exactly
    EXPECT_NEAR(approx.objective, dual_objective(double_model, approx), 1e-9) << "seed " << seed;
    EXPECT_NEAR(approx.objective, to_double(exact.objective), 1e-9) << "seed " << seed;
    for (std::size_t i = 0; i < exact_model.num_rows(); ++i) EXPECT_GE(exact.row_dual[i], 0);
    for (std::size_t j = 0; j < exact_model.num_columns(); ++j) {
      EXPECT_GE(exact.reduced_cost[j], 0);
      EXPECT_EQ(exact.reduced_cost[j] * exact.x[j], 0);  // complementary slackness
    }
    expect_consistent(exact_model, exact);
    expect_consistent(double_model, approx);
  }
}

TYPED_TEST(LpTest, InvalidColumnIndexThrows) {
  using T = TypeParam;
  Model<T> model;
  model.add_column(T(1));
  model.add_row({{0, T(1)}, {3, T(1)}}, Bound<T>::at_least(T(1)));
  try {
    lp::solve(model);
    FAIL() << "no exception";
  } catch (const InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find("column 3 is out of range"), std::string::npos) << e.what();
  }
}

TYPED_TEST(LpTest, MismatchedColumnBoundsThrow) {
  using T = TypeParam;
  Model<T> model;
  model.add_column(T(1));
  model.objective.push_back(T(2));
  EXPECT_THROW(lp::solve(model), InvalidArgument);
}

TEST(LpValidation, NonFiniteNumbersThrow) {
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  auto base = [] {
    Model<double> m;
    m.add_column(1.0);
    m.add_row({{0, 1.0}}, Bound<double>::at_least(1.0));
    return m;
  };
  auto coefficient = base();
  coefficient.rows[0].terms[0].coefficient = nan;
  EXPECT_THROW(lp::solve(coefficient), InvalidArgument);
  auto cost = base();
  cost.objective[0] = nan;
  EXPECT_THROW(lp::solve(cost), InvalidArgument);
  auto row_bound = base();
  row_bound.rows[0].bound.lower = -inf;
  EXPECT_THROW(lp::solve(row_bound), InvalidArgument);
  auto column_bound = base();
  column_bound.column_bounds[0].upper = inf;
  EXPECT_THROW(lp::solve(column_bound), InvalidArgument);
  EXPECT_EQ(lp::solve(base()).status, Status::optimal);
  EXPECT_THROW(lp::solve(base(), {.iteration_limit = -1}), InvalidArgument);
}

// GLPK's floating simplex overflows on data past ~1e154 (the solvers fuzz
// target crashed glp_simplex with 1e300 payoffs): floating solves refuse
// data past 1e100 with SolverError; exact solves skip the floating warm
// start and still answer. Wyndor with its third row scaled by 1e300 keeps
// Wyndor's optimum, x = (2, 6) with objective 36.
TEST(LpValidation, MagnitudesPastGlpksFloatingRangeAreSolverErrorOrExact) {
  auto scaled = [](double factor) {
    Model<double> m = wyndor<double>();
    for (auto& t : m.rows[2].terms) t.coefficient *= factor;
    m.rows[2].bound.upper = *m.rows[2].bound.upper * factor;
    return m;
  };
  try {
    lp::solve(scaled(1e300));
    ADD_FAILURE() << "1e300 reached GLPK's floating simplex";
  } catch (const SolverError& e) {
    EXPECT_NE(std::string(e.what()).find("1e100"), std::string::npos) << e.what();
  }
  const auto fine = lp::solve(scaled(1e98));  // 18e98 at most: within the limit
  ASSERT_EQ(fine.status, Status::optimal);
  EXPECT_NEAR(fine.objective, 36, 1e-9);
  // The exact twin of the 1e300 model: the same optimum, exactly.
  Model<Rational> exact = wyndor<Rational>();
  const Rational huge(mpz_class("1" + std::string(300, '0')));
  for (auto& t : exact.rows[2].terms) t.coefficient *= huge;
  exact.rows[2].bound.upper = *exact.rows[2].bound.upper * huge;
  const auto sol = lp::solve(exact);
  ASSERT_EQ(sol.status, Status::optimal);
  EXPECT_EQ(sol.objective, Rational(36));
  EXPECT_EQ(sol.x[0], Rational(2));
  EXPECT_EQ(sol.x[1], Rational(6));
}

TYPED_TEST(LpTest, InjectedGlpkFaultThrowsThenRecovers) {
  using T = TypeParam;
  lp::detail::inject_glpk_fault_for_testing(true);
  try {
    lp::solve(wyndor<T>());
    FAIL() << "no exception";
  } catch (const SolverError& e) {
    EXPECT_NE(std::string(e.what()).find("out of range"), std::string::npos) << e.what();
  }
  // The flag is consumed, and GLPK's environment was rebuilt.
  for (int k = 0; k < 3; ++k) {
    const auto sol = lp::solve(wyndor<T>());
    ASSERT_EQ(sol.status, Status::optimal);
    EXPECT_TRUE(Near<T>(sol.objective, T(36)));
  }
  lp::detail::inject_glpk_fault_for_testing(true);
  lp::detail::inject_glpk_fault_for_testing(false);
  EXPECT_EQ(lp::solve(wyndor<T>()).status, Status::optimal);
}

// Needs many pivots from the slack basis (which is infeasible for >= rows).
template <class Scalar>
Model<Scalar> larger_lp() {
  return random_standard_lp<Scalar>(12345, 30, 40);
}

TYPED_TEST(LpTest, IterationLimit) {
  using T = TypeParam;
  const auto model = larger_lp<T>();
  EXPECT_EQ(lp::solve(model, {.iteration_limit = 1}).status, Status::iteration_limit);
  EXPECT_EQ(lp::solve(model).status, Status::optimal);
  EXPECT_EQ(lp::solve(model, {.time_limit_seconds = 60}).status, Status::optimal);
}

// --- threads ----------------------------------------------------------------

struct Answer {
  Status status;
  double objective;
  std::vector<double> x, dual;
  Rational exact_objective;
  bool operator==(const Answer&) const = default;
};

Answer answer_for(unsigned index) {
  const int rows = 3 + int(index % 5), cols = 3 + int(index % 7);
  Answer a;
  auto sol = lp::solve(random_standard_lp<double>(1000 + index, rows, cols));
  a.status = sol.status;
  a.objective = sol.objective;
  a.x = sol.x;
  a.dual = sol.row_dual;
  if (index % 10 == 0) a.exact_objective = lp::solve(random_standard_lp<Rational>(1000 + index, rows, cols)).objective;
  return a;
}

TEST(LpThreads, ConcurrentSolvesMatchSerialOnes) {
  constexpr unsigned threads = 8, per_thread = 100;
  std::vector<Answer> serial;
  for (unsigned k = 0; k < threads * per_thread; ++k) serial.push_back(answer_for(k));

  std::vector<Answer> parallel(threads * per_thread);
  std::vector<int> faults_seen(threads, 0);
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      for (unsigned k = t; k < threads * per_thread; k += threads) {
        if (t == 0 && k % 3 == 0) {  // GLPK errors on this thread must not disturb the others
          lp::detail::inject_glpk_fault_for_testing(true);
          try {
            lp::solve(wyndor<double>());
          } catch (const SolverError&) {
            ++faults_seen[t];
          }
        }
        parallel[k] = answer_for(k);
      }
    });
  for (auto& th : pool) th.join();
  EXPECT_EQ(faults_seen[0], int((per_thread + 2) / 3));
  for (unsigned k = 0; k < threads * per_thread; ++k) EXPECT_TRUE(parallel[k] == serial[k]) << "model " << k;
  for (unsigned k = 0; k < threads * per_thread; k += 10) EXPECT_EQ(serial[k].status, Status::optimal);
}

}  // namespace
}  // namespace entente
