// lp::Model: a linear program as plain data, independent of any solver.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "entente/status.hpp"

#include "entente/fwd.hpp"

namespace entente::lp {

enum class Sense { minimize, maximize };

/// lower <= value <= upper; an absent side is unbounded.
template <class Scalar>
struct Bound {
  std::optional<Scalar> lower;
  std::optional<Scalar> upper;

  static Bound free() { return {}; }
  static Bound nonnegative() { return {Scalar(0), std::nullopt}; }
  static Bound at_least(Scalar x) { return {std::move(x), std::nullopt}; }
  static Bound at_most(Scalar x) { return {std::nullopt, std::move(x)}; }
  static Bound equal(const Scalar& x) { return {x, x}; }
  static Bound between(Scalar lo, Scalar hi) { return {std::move(lo), std::move(hi)}; }
};

template <class Scalar>
struct Term {
  std::size_t column;
  Scalar coefficient;
};

template <class Scalar>
struct Row {
  std::vector<Term<Scalar>> terms;  ///< sparse; a column appears at most once
  Bound<Scalar> bound;
};

/// optimise objective . x  subject to  row.bound on sum(terms), column bounds.
template <class Scalar>
struct Model {
  Sense sense = Sense::minimize;
  std::vector<Scalar> objective;              ///< one cost per column
  std::vector<Bound<Scalar>> column_bounds;   ///< one per column
  std::vector<Row<Scalar>> rows;

  std::size_t num_columns() const { return objective.size(); }
  std::size_t num_rows() const { return rows.size(); }

  /// Adds a column (variable) and returns its index.
  std::size_t add_column(Scalar cost, Bound<Scalar> bound = Bound<Scalar>::nonnegative()) {
    objective.push_back(std::move(cost));
    column_bounds.push_back(std::move(bound));
    return objective.size() - 1;
  }
  /// Adds a row (constraint) and returns its index.
  std::size_t add_row(std::vector<Term<Scalar>> terms, Bound<Scalar> bound) {
    rows.push_back(Row<Scalar>{std::move(terms), std::move(bound)});
    return rows.size() - 1;
  }
};

/// optimal, infeasible, unbounded, iteration_limit or time_limit (status.hpp).
using Status = entente::Status;

struct Options {
  int iteration_limit = 0;          ///< 0: none
  double time_limit_seconds = kNoTimeLimit;  ///< wall clock, > 0
};

/// Primal and dual values. Duals follow the Lagrangian convention
/// reduced_cost[j] = objective[j] - sum_i row_dual[i] * a[i][j]: at an
/// optimum of a minimisation a row at its lower bound has dual >= 0, at its
/// upper bound <= 0 (signs flip for maximisation).
template <class Scalar>
struct Solution {
  Status status = Status::infeasible;
  Scalar objective{};
  std::vector<Scalar> x;               ///< column values
  std::vector<Scalar> row_activity;    ///< sum(terms) of each row
  std::vector<Scalar> row_dual;        ///< one multiplier per row
  std::vector<Scalar> reduced_cost;    ///< one per column
};

}  // namespace entente::lp
