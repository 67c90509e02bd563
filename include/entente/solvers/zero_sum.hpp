// Two-player zero-sum games by linear programming.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "entente/game/equilibrium.hpp"
#include "entente/lp/dense_simplex.hpp"
#include "entente/lp/solve.hpp"

namespace entente {

namespace detail {
/// Rounding noise from a floating solve can leave -1e-17; exact values
/// pass through untouched.
template <class Scalar>
Scalar clamp_probability(const Scalar& p) {
  return p < 0 ? Scalar(0) : p;
}
/// Scales to a probability vector (the LP gives w and lambda up to 1/v_P).
template <class Scalar>
void normalize(std::vector<Scalar>& p) {
  Scalar sum(0);
  for (const auto& x : p) sum += x;
  if (sum > 0)
    for (auto& x : p) x /= sum;
}
}  // namespace detail

template <class Scalar>
struct ZeroSumSolution {
  Scalar value;                       ///< what the row player can guarantee (A's payoff)
  std::vector<Scalar> row;            ///< an optimal (maximin) row strategy
  std::vector<Scalar> column;         ///< an optimal (minimax) column strategy
  Equilibrium<Scalar> equilibrium;    ///< (row, column) in the game (A, -A), with its regret
};

/// Solves max_x min_y x'Ay with one LP; the row player's strategy is read
/// off the duals of the same solve. With c = 1 - min A, the shifted matrix
/// P = A + c has entries >= 1 and a positive value v_P = v + c. The LP
/// (the classic reduction; e.g. Shoham and Leyton-Brown, "Multiagent
/// Systems", Sec. 4.1, or Chvatal, "Linear Programming", Ch. 15):
///
///   maximise sum_j w_j  subject to  sum_j P[i][j] w_j <= 1  for every row i,  w >= 0,
///
/// has the optimum 1 / v_P, and y = w / sum(w) is minimax. Its multipliers
/// lambda_i >= 0 satisfy lambda'P >= 1 with sum(lambda) = sum(w), so
/// x = lambda / sum(lambda) is maximin. The origin is a feasible start, so
/// the simplex needs no phase one. Floating games use the dense tableau
/// (lp/dense_simplex.hpp), exact ones GLPK's verified rational simplex, so
/// each checks the other in the tests.
template <class Scalar>
ZeroSumSolution<Scalar> solve_zero_sum(const Mat<Scalar>& A, const lp::Options& options = {}) {
  const auto m = static_cast<std::size_t>(A.rows()), n = static_cast<std::size_t>(A.cols());
  if (m == 0 || n == 0) throw InvalidArgument("the payoff matrix is empty");
  // Floating: scale by the power of two nearest the largest |a| (exact in
  // binary) so the tableau's absolute tolerances meet entries of size ~1;
  // payoffs of size 1e-12 would otherwise all look equal after the shift.
  int exponent = 0;
  Mat<Scalar> scaled = A;
  if constexpr (!is_exact_v<Scalar>) {
    const double largest = A.cwiseAbs().maxCoeff();
    if (largest > 0) {
      std::frexp(largest, &exponent);
      scaled *= std::ldexp(1.0, -exponent);
    }
  }
  const Scalar shift = Scalar(1) - scaled.minCoeff();
  // The LP is feasible (the origin) and bounded (P >= 1), so anything but
  // an optimum is a solver failure.
  auto require_optimal = [](lp::Status status) {
    if (status != lp::Status::optimal)
      throw SolverError("zero-sum LP ended " + entente::to_string(status) +
                        "; a finite matrix game always has a value, so the solver failed");
  };
  ZeroSumSolution<Scalar> out;
  Scalar objective;
  auto solve_dense = [&] {
    Mat<Scalar> shifted = scaled.array() + shift;
    auto solution = lp::dense_simplex(shifted, std::vector<Scalar>(m, Scalar(1)), std::vector<Scalar>(n, Scalar(1)),
                                      options.iteration_limit);
    require_optimal(solution.status);
    out.row = std::move(solution.dual);
    out.column = std::move(solution.x);
    objective = solution.objective;
  };
  if constexpr (is_exact_v<Scalar>) {
    // Exact: the LP layer (GLPK's rational simplex, verified in rationals).
    // Payoffs with more bits than GLPK's doubles hold (sums of decimals, as
    // in scenario games) can defeat it; the dense tableau in rationals is
    // slower but exact on any data.
    lp::Model<Scalar> model;
    model.sense = lp::Sense::maximize;
    for (std::size_t j = 0; j < n; ++j) model.add_column(Scalar(1));
    for (std::size_t i = 0; i < m; ++i) {
      std::vector<lp::Term<Scalar>> terms;
      terms.reserve(n);
      for (std::size_t j = 0; j < n; ++j) terms.push_back({j, scaled(Eigen::Index(i), Eigen::Index(j)) + shift});
      model.add_row(std::move(terms), lp::Bound<Scalar>::at_most(Scalar(1)));
    }
    try {
      auto solution = lp::solve(model, options);
      require_optimal(solution.status);
      out.row = std::move(solution.row_dual);
      out.column = std::move(solution.x);
      objective = solution.objective;
    } catch (const lp::InexactData&) {
      solve_dense();
    }
  } else {
    // Floating: the dense tableau, faster than a sparse simplex on a dense matrix.
    solve_dense();
  }
  for (auto& p : out.row) p = detail::clamp_probability(p);
  for (auto& p : out.column) p = detail::clamp_probability(p);
  detail::normalize(out.row);
  detail::normalize(out.column);
  out.value = Scalar(1) / objective - shift;
  if constexpr (!is_exact_v<Scalar>) out.value = std::ldexp(out.value, exponent);
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
  require_certified(game, out.equilibrium, "zero-sum LP");
  return out;
}

}  // namespace entente
