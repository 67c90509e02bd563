// Iterated elimination of dominated strategies, by pure strategies and, on
// request, by mixed strategies (one LP per candidate through lp::solve).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "entente/cancel.hpp"
#include "entente/game/game.hpp"
#include "entente/lp/solve.hpp"
#include "entente/solvers/pure_nash.hpp"

namespace entente {

struct DominanceOptions {
  /// Also test domination by mixed strategies (an LP per strategy that no
  /// pure strategy dominates). Off: pure dominators only.
  bool mixed = false;
  /// Weak dominance (>= everywhere, > somewhere) instead of strict (>
  /// everywhere). Unlike strict elimination, the result of iterated weak
  /// elimination can depend on the order; see eliminate_dominated for ours.
  bool weak = false;
  lp::Options lp{};
};

/// One eliminated strategy.
template <class Scalar>
struct Elimination {
  std::size_t player = 0;
  std::size_t strategy = 0;  ///< index in the original game
  /// A dominating mixed strategy over the player's original strategies (zero
  /// off the strategies alive in that round); one-hot when a pure strategy
  /// dominates. It dominates `strategy` in the game as it stood at the start
  /// of `round`.
  std::vector<Scalar> dominated_by;
  std::size_t round = 0;  ///< 1-based
};

template <class Scalar>
struct DominanceResult {
  Game<Scalar> game;  ///< the reduced game; player and strategy labels kept
  /// surviving[i][k] = the original index of strategy k of player i in `game`.
  std::vector<std::vector<std::size_t>> surviving;
  std::vector<Elimination<Scalar>> trace;  ///< in elimination order
  std::size_t rounds = 0;                  ///< rounds that eliminated something
};

namespace detail {

/// u[t * O + o]: player's payoff from own strategy t against the o-th
/// profile of the others (the order of for_each_opponent_profile).
template <class Scalar>
std::vector<Scalar> own_by_opponents(const Game<Scalar>& game, std::size_t player) {
  const std::size_t n = game.num_strategies(player), others = game.num_profiles() / n;
  const std::size_t stride = game.stride(player);
  const auto u = game.payoffs(player);
  std::vector<Scalar> out(game.num_profiles());
  std::size_t o = 0;
  for_each_opponent_profile(game, player, [&](std::size_t base) {
    for (std::size_t t = 0; t < n; ++t) out[t * others + o] = u[base + t * stride];
    ++o;
  });
  return out;
}

/// a > b + eps (strictly better beyond the tolerance), exact for Rational.
template <class Scalar>
bool clearly_greater(const Scalar& a, const Scalar& b) {
  if constexpr (is_exact_v<Scalar>)
    return a > b;
  else
    return a - b > ScalarTraits<Scalar>::eps();
}

/// A mixture over the candidate strategies that dominates s in the matrix
/// u (n strategies x `others` columns), or nothing. Pure dominators are
/// tried first; among them the one with the largest margin (strict: the
/// smallest gap; weak: the total gap) is taken, so it is not itself
/// dominated by another pure strategy.
template <class Scalar>
std::optional<std::vector<Scalar>> find_dominator(const std::vector<Scalar>& u, std::size_t n, std::size_t others,
                                                  std::size_t s, const std::vector<char>& candidate,
                                                  const DominanceOptions& options) {
  auto at = [&](std::size_t t, std::size_t o) -> const Scalar& { return u[t * others + o]; };
  std::optional<std::size_t> best;
  Scalar best_margin(0);
  for (std::size_t t = 0; t < n; ++t) {
    if (t == s || !candidate[t]) continue;
    bool dominates = true, somewhere = false;
    Scalar min_gap(0), total_gap(0);
    for (std::size_t o = 0; o < others && dominates; ++o) {
      Scalar gap = at(t, o) - at(s, o);
      if (options.weak) {
        if (clearly_greater(at(s, o), at(t, o))) dominates = false;
        if (clearly_greater(at(t, o), at(s, o))) somewhere = true;
      } else if (!clearly_greater(at(t, o), at(s, o))) {
        dominates = false;
      }
      if (o == 0 || gap < min_gap) min_gap = gap;
      total_gap += gap;
    }
    if (!dominates || (options.weak && !somewhere)) continue;
    const Scalar& margin = options.weak ? total_gap : min_gap;
    if (!best || margin > best_margin) best = t, best_margin = margin;
  }
  if (best) {
    std::vector<Scalar> sigma(n, Scalar(0));
    sigma[*best] = 1;
    return sigma;
  }

  std::vector<std::size_t> columns;  // LP column j <-> strategy columns[j]
  for (std::size_t t = 0; t < n; ++t)
    if (t != s && candidate[t]) columns.push_back(t);
  // With one candidate a mixture is that pure strategy, already tested.
  if (!options.mixed || columns.size() < 2) return std::nullopt;

  // Strict (e.g. Shoham & Leyton-Brown, "Multiagent Systems", Sec. 4.5;
  // Fudenberg & Tirole, Sec. 2.1):
  //   maximise eps  s.t.  sum_t sigma_t u(t, o) - eps >= u(s, o)  for every others' profile o,
  //                       sum_t sigma_t = 1,  sigma >= 0 (sigma_s = 0: no column),  eps free;
  // s is strictly dominated iff the optimum eps > 0. The LP is always
  // feasible and bounded (sigma lies in a simplex).
  // Weak: drop eps and maximise the total slack sum_o sum_t sigma_t u(t, o)
  // subject to sum_t sigma_t u(t, o) >= u(s, o); s is weakly dominated iff
  // the LP is feasible with optimum > sum_o u(s, o).
  lp::Model<Scalar> model;
  model.sense = lp::Sense::maximize;
  for (std::size_t t : columns) {
    Scalar cost(0);
    if (options.weak)
      for (std::size_t o = 0; o < others; ++o) cost += at(t, o);
    model.add_column(std::move(cost));
  }
  std::size_t eps_column = 0;
  if (!options.weak) eps_column = model.add_column(Scalar(1), lp::Bound<Scalar>::free());
  for (std::size_t o = 0; o < others; ++o) {
    std::vector<lp::Term<Scalar>> terms;
    terms.reserve(columns.size() + 1);
    for (std::size_t j = 0; j < columns.size(); ++j)
      if (at(columns[j], o) != 0) terms.push_back({j, at(columns[j], o)});
    if (!options.weak) terms.push_back({eps_column, Scalar(-1)});
    model.add_row(std::move(terms), lp::Bound<Scalar>::at_least(at(s, o)));
  }
  std::vector<lp::Term<Scalar>> simplex;
  for (std::size_t j = 0; j < columns.size(); ++j) simplex.push_back({j, Scalar(1)});
  model.add_row(std::move(simplex), lp::Bound<Scalar>::equal(Scalar(1)));

  auto solution = lp::solve(model, options.lp);
  if (solution.status == lp::Status::infeasible && options.weak) return std::nullopt;
  if (solution.status != lp::Status::optimal)
    throw SolverError("dominance LP ended " + entente::to_string(solution.status) +
                      "; it is feasible and bounded, so the solver failed");
  Scalar gain = solution.objective;
  if (options.weak)
    for (std::size_t o = 0; o < others; ++o) gain -= at(s, o);
  if (!clearly_greater(gain, Scalar(0))) return std::nullopt;

  std::vector<Scalar> sigma(n, Scalar(0));
  Scalar sum(0);
  for (std::size_t j = 0; j < columns.size(); ++j) {
    Scalar p = solution.x[j];
    if (p < 0) p = 0;  // floating noise; exact values are >= 0 already
    sigma[columns[j]] = p;
    sum += p;
  }
  if constexpr (!is_exact_v<Scalar>)
    for (auto& p : sigma) p /= sum;
  return sigma;
}

/// The subgame on the kept strategies (keep[i] lists current indices,
/// increasing), with labels, title and comment carried over.
template <class Scalar>
Game<Scalar> restrict_game(const Game<Scalar>& game, const std::vector<std::vector<std::size_t>>& keep) {
  const std::size_t n = game.num_players();
  std::vector<std::vector<std::string>> labels(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t s : keep[i]) labels[i].push_back(game.strategies(i)[s]);
  Game<Scalar> out(game.players(), std::move(labels));
  out.set_title(game.title());
  out.set_comment(game.comment());
  // Odometer over the new profiles in C order, tracking the old flat index.
  std::vector<std::size_t> digit(n, 0);
  std::size_t old_flat = 0;
  for (std::size_t i = 0; i < n; ++i) old_flat += keep[i][0] * game.stride(i);
  for (std::size_t k = 0; k < out.num_profiles(); ++k) {
    for (std::size_t i = 0; i < n; ++i) out.payoffs(i)[k] = game.payoffs(i)[old_flat];
    std::size_t j = n;
    while (j-- > 0) {
      old_flat -= keep[j][digit[j]] * game.stride(j);
      if (++digit[j] < keep[j].size()) {
        old_flat += keep[j][digit[j]] * game.stride(j);
        break;
      }
      digit[j] = 0;
      old_flat += keep[j][0] * game.stride(j);
    }
  }
  return out;
}

}  // namespace detail

/// Iterated elimination of dominated strategies.
///
/// The order (it matters only for weak dominance): rounds 1, 2, ... Each
/// round tests, player by player in index order, every strategy alive at
/// the start of the round, in index order, against the game as it stood at
/// the start of the round; candidate dominators are the player's strategies
/// not yet eliminated in this round (so a player always keeps one). The
/// round's eliminations are then applied together. Rounds continue until
/// one eliminates nothing. For strict dominance the result is the same for
/// every order (Gilboa, Kalai & Zemel 1990), so this is "the" reduced game;
/// for weak dominance it is the result of this particular order.
///
/// Strictly dominated strategies are in no Nash equilibrium, so the reduced
/// game has exactly the equilibria of the original (mapped through
/// `surviving`). Weak elimination keeps at least one equilibrium but may
/// lose others. Double comparisons use ScalarTraits<double>::eps(); the LP
/// runs exactly for Rational. Throws InvalidArgument for a NaN or infinite
/// payoff. Terminates: each round but the last removes a strategy.
template <class Scalar>
DominanceResult<Scalar> eliminate_dominated(const Game<Scalar>& game, const DominanceOptions& options = {}) {
  detail::check_finite_payoffs(game, "dominance");
  const std::size_t n = game.num_players();
  DominanceResult<Scalar> result{game, {}, {}, 0};
  result.surviving.resize(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t s = 0; s < game.num_strategies(i); ++s) result.surviving[i].push_back(s);

  for (std::size_t round = 1;; ++round) {
    const Game<Scalar>& current = result.game;
    std::vector<std::vector<std::size_t>> keep(n);
    bool eliminated = false;
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t m = current.num_strategies(i);
      std::vector<char> alive(m, 1);
      if (m > 1) {
        const auto u = detail::own_by_opponents(current, i);
        const std::size_t others = current.num_profiles() / m;
        for (std::size_t s = 0; s < m; ++s) {
          check_cancelled();
          auto sigma = detail::find_dominator(u, m, others, s, alive, options);
          if (!sigma) continue;
          alive[s] = 0;
          eliminated = true;
          Elimination<Scalar> entry;
          entry.player = i;
          entry.strategy = result.surviving[i][s];
          entry.dominated_by.assign(game.num_strategies(i), Scalar(0));
          for (std::size_t t = 0; t < m; ++t) entry.dominated_by[result.surviving[i][t]] = (*sigma)[t];
          entry.round = round;
          result.trace.push_back(std::move(entry));
        }
      }
      for (std::size_t s = 0; s < m; ++s)
        if (alive[s]) keep[i].push_back(s);
    }
    if (!eliminated) break;
    result.rounds = round;
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<std::size_t> next;
      for (std::size_t s : keep[i]) next.push_back(result.surviving[i][s]);
      result.surviving[i] = std::move(next);
    }
    result.game = detail::restrict_game(current, keep);
  }
  return result;
}

}  // namespace entente
