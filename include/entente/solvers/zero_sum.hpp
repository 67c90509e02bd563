// Two-player zero-sum games by linear programming.
#pragma once

#include <string>
#include <vector>

#include "entente/game/equilibrium.hpp"
#include "entente/lp/solve.hpp"

namespace entente {

namespace detail {
/// Rounding noise from a floating solve can leave -1e-17 or a sum of
/// 1 + 1e-16; exact values pass through untouched.
template <class Scalar>
Scalar clamp_probability(const Scalar& p) {
  return p < 0 ? Scalar(0) : p;
}
template <class Scalar>
void normalize(std::vector<Scalar>& p) {
  if constexpr (!is_exact_v<Scalar>) {
    Scalar sum(0);
    for (const auto& x : p) sum += x;
    if (sum > 0)
      for (auto& x : p) x /= sum;
  }
}
}  // namespace detail

template <class Scalar>
struct ZeroSumSolution {
  Scalar value;                       ///< what the row player can guarantee (A's payoff)
  std::vector<Scalar> row;            ///< an optimal (maximin) row strategy
  std::vector<Scalar> column;         ///< an optimal (minimax) column strategy
  Equilibrium<Scalar> equilibrium;    ///< (row, column) in the game (A, -A), with its regret
};

/// Solves max_x min_y x'Ay with one LP; the column player's strategy is read
/// off the duals of the same solve. The LP (von Neumann; Shoham and
/// Leyton-Brown, "Multiagent Systems", Sec. 4.1):
///
///   maximise v  subject to  sum_i x_i A[i][j] - v >= 0  for every column j,
///                           sum_i x_i = 1,  x >= 0,  v free.
///
/// With reduced_cost = c - A'lambda, the multipliers lambda_j of the column
/// rows are <= 0 at a maximum and sum to -1 (from v's zero reduced cost), so
/// y = -lambda is a probability vector, and by LP duality it is minimax.
template <class Scalar>
ZeroSumSolution<Scalar> solve_zero_sum(const Mat<Scalar>& A, const lp::Options& options = {}) {
  const auto m = static_cast<std::size_t>(A.rows()), n = static_cast<std::size_t>(A.cols());
  if (m == 0 || n == 0) throw InvalidArgument("the payoff matrix is empty");
  lp::Model<Scalar> model;
  model.sense = lp::Sense::maximize;
  for (std::size_t i = 0; i < m; ++i) model.add_column(Scalar(0));
  const std::size_t v = model.add_column(Scalar(1), lp::Bound<Scalar>::free());
  for (std::size_t j = 0; j < n; ++j) {
    std::vector<lp::Term<Scalar>> terms;
    for (std::size_t i = 0; i < m; ++i)
      if (A(Eigen::Index(i), Eigen::Index(j)) != 0) terms.push_back({i, A(Eigen::Index(i), Eigen::Index(j))});
    terms.push_back({v, Scalar(-1)});
    model.add_row(std::move(terms), lp::Bound<Scalar>::at_least(Scalar(0)));
  }
  std::vector<lp::Term<Scalar>> simplex;
  for (std::size_t i = 0; i < m; ++i) simplex.push_back({i, Scalar(1)});
  model.add_row(std::move(simplex), lp::Bound<Scalar>::equal(Scalar(1)));

  auto solution = lp::solve(model, options);
  if (solution.status != lp::Status::optimal)
    throw SolverError("zero-sum LP ended " + lp::to_string(solution.status) +
                      "; a finite matrix game always has a value, so the solver failed");

  ZeroSumSolution<Scalar> out;
  out.value = solution.objective;
  for (std::size_t i = 0; i < m; ++i) out.row.push_back(detail::clamp_probability(solution.x[i]));
  for (std::size_t j = 0; j < n; ++j) out.column.push_back(detail::clamp_probability(-solution.row_dual[j]));
  detail::normalize(out.row);
  detail::normalize(out.column);
  Game<Scalar> game = zero_sum_game<Scalar>(A);
  out.equilibrium = certify(game, MixedProfile<Scalar>({out.row, out.column}));
  return out;
}

/// The zero-sum solution of a two-player constant-sum game, from A = the row
/// player's payoffs (B = c - A has the same equilibria as -A). The
/// equilibrium's payoffs and regret are those of `game` itself.
template <class Scalar>
ZeroSumSolution<Scalar> solve_zero_sum(const Game<Scalar>& game, const lp::Options& options = {}) {
  game.require_two_players();
  if (!game.is_constant_sum())
    throw InvalidArgument("method 'lp' needs a two-player zero-sum (or constant-sum) game");
  ZeroSumSolution<Scalar> out = solve_zero_sum<Scalar>(Mat<Scalar>(game.matrix(0)), options);
  out.equilibrium = certify(game, std::move(out.equilibrium.profile));
  return out;
}

}  // namespace entente
