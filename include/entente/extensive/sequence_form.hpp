// The sequence form of a two-player tree with perfect recall (Koller,
// Megiddo & von Stengel, GEB 14, 1996; von Stengel, GEB 14, 1996): a
// player's sequences are the empty one and one per (information set,
// action); a realization plan r gives each sequence the probability that
// the player's own moves follow it, with r(empty) = 1 and, at each
// information set h, sum_a r(seq(h) a) = r(seq(h)). Its size is linear in
// the tree, where the reduced normal form can be exponential.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "entente/extensive/behavior.hpp"
#include "entente/lp/solve.hpp"

namespace entente {

/// One player's sequences: 0 is the empty sequence; the actions of
/// information set h are the sequences first[h], first[h] + 1, ...
struct PlayerSequences {
  std::size_t count = 1;
  std::vector<std::size_t> first;   ///< per information set
  std::vector<std::size_t> parent;  ///< per information set: the sequence leading to it
};

/// The sequence form of a two-player game: sequences, the constraint
/// structure and each player's sparse payoff matrix over pairs of sequences
/// (chance probabilities folded in).
template <class Scalar>
struct SequenceForm {
  PlayerSequences sequences[2];
  std::map<std::pair<std::size_t, std::size_t>, Scalar> payoff[2];
  /// The chance probability of the leaves at each pair of sequences.
  std::map<std::pair<std::size_t, std::size_t>, Scalar> chance;
};

/// Builds the sequence form; InvalidArgument unless the game has two
/// players and perfect recall.
template <class Scalar>
SequenceForm<Scalar> sequence_form(const ExtensiveGame<Scalar>& game) {
  if (game.num_players() != 2)
    throw InvalidArgument("the sequence form needs a two-player game, got " + std::to_string(game.num_players()) +
                          " players");
  game.require_perfect_recall("the sequence form");
  SequenceForm<Scalar> sf;
  for (std::size_t i = 0; i < 2; ++i) {
    auto& seq = sf.sequences[i];
    for (const auto& h : game.infosets(i)) {
      seq.first.push_back(seq.count);
      seq.count += h.actions.size();
    }
    seq.parent.assign(game.infosets(i).size(), 0);
  }
  // Top down: each node's pair of current sequences and chance probability.
  struct Visit {
    std::size_t node;
    std::size_t seq[2];
    Scalar chance;
  };
  std::vector<Visit> stack{{game.root(), {0, 0}, Scalar(1)}};
  while (!stack.empty()) {
    Visit v = std::move(stack.back());
    stack.pop_back();
    const TreeNode& x = game.node(v.node);
    if (x.kind == NodeKind::terminal) {
      const auto u = game.payoffs_at(v.node);
      sf.chance[{v.seq[0], v.seq[1]}] += v.chance;
      for (std::size_t i = 0; i < 2; ++i)
        if (u[i] != 0) sf.payoff[i][{v.seq[0], v.seq[1]}] += v.chance * u[i];
      continue;
    }
    if (x.kind == NodeKind::personal) sf.sequences[x.player].parent[x.infoset] = v.seq[x.player];
    for (std::size_t a = 0; a < x.children.size(); ++a) {
      Visit c{x.children[a], {v.seq[0], v.seq[1]}, v.chance};
      if (x.kind == NodeKind::chance) {
        c.chance *= game.chance_infosets()[x.infoset].probabilities[a];
        if (c.chance == 0) continue;
      } else {
        c.seq[x.player] = sf.sequences[x.player].first[x.infoset] + a;
      }
      stack.push_back(std::move(c));
    }
  }
  return sf;
}

/// The behaviour strategy of a realization plan: at h, r(seq(h) a) / r(seq(h)),
/// uniform where the plan never reaches h.
template <class Scalar>
std::vector<std::vector<Scalar>> behavior_from_plan(const ExtensiveGame<Scalar>& game, std::size_t player,
                                                    const PlayerSequences& seq, const std::vector<Scalar>& plan) {
  std::vector<std::vector<Scalar>> b;
  for (std::size_t h = 0; h < game.infosets(player).size(); ++h) {
    const std::size_t k = game.infoset(player, h).actions.size();
    const Scalar& reach = plan[seq.parent[h]];
    std::vector<Scalar> p(k, Scalar(1) / Scalar(static_cast<long>(k)));
    if (reach > 0) {
      std::vector<Scalar> q(k, Scalar(0));
      Scalar sum(0);
      for (std::size_t a = 0; a < k; ++a) sum += q[a] = plan[seq.first[h] + a] < 0 ? Scalar(0) : plan[seq.first[h] + a];
      if (sum > 0) {
        for (auto& x : q) x /= sum;  // the children's sum, not reach: also renormalises rounding
        p = std::move(q);
      }
    }
    b.push_back(std::move(p));
  }
  return b;
}

template <class Scalar>
struct SequenceFormSolution {
  Scalar value;                          ///< player 1's payoff at the equilibrium
  std::vector<Scalar> plan[2];           ///< optimal realization plans
  BehaviorEquilibrium<Scalar> equilibrium;
};

/// A two-player zero-sum (or constant-sum) tree with perfect recall by one
/// LP in the sequence form (Koller, Megiddo & von Stengel 1996, Thm. 3.4;
/// von Stengel 1996). With E x = e and F y = f the players' plan
/// constraints and A player 1's payoffs over sequence pairs, player 2's best
/// reply to x has the dual  max f'q  s.t.  F'q <= A'x, so
///
///   maximise f'q  subject to  F'q - A'x <= 0,  E x = e,  x >= 0,  q free
///
/// gives player 1's optimal plan x and the value; the multipliers of the
/// rows F'q - A'x <= 0 are player 2's optimal plan y. Exact for Rational
/// (GLPK's rational simplex, verified), floating otherwise.
template <class Scalar>
SequenceFormSolution<Scalar> solve_sequence_form_lp(const ExtensiveGame<Scalar>& game,
                                                    const lp::Options& options = {}) {
  SequenceForm<Scalar> sf = sequence_form(game);
  // Constant-sum: u2 = c - u1 at every leaf; player 1's payoffs decide.
  if (!game.is_zero_sum()) {
    const auto& nodes = game.nodes();
    std::optional<Scalar> total;
    for (std::size_t n = 0; n < nodes.size(); ++n)
      if (nodes[n].kind == NodeKind::terminal) {
        auto u = game.payoffs_at(n);
        Scalar s = u[0] + u[1];
        if (total && *total != s) {
          Scalar gap = *total - s;
          if (gap < 0) gap = -gap;
          if (gap > ScalarTraits<Scalar>::eps())
            throw InvalidArgument("method 'lp' needs a two-player zero-sum (or constant-sum) tree");
        }
        if (!total) total = s;
      }
  }
  const auto& s1 = sf.sequences[0];
  const auto& s2 = sf.sequences[1];
  const std::size_t n1 = s1.count, n2 = s2.count, m2 = game.infosets(1).size();
  lp::Model<Scalar> model;
  model.sense = lp::Sense::maximize;
  for (std::size_t j = 0; j < n1; ++j) model.add_column(Scalar(0));  // x
  const std::size_t q0 = model.add_column(Scalar(1), lp::Bound<Scalar>::free());  // q for F's row 0
  for (std::size_t h = 0; h < m2; ++h) model.add_column(Scalar(0), lp::Bound<Scalar>::free());
  // One row per sequence of player 2: (F'q)_j - (A'x)_j <= 0.
  std::vector<std::vector<lp::Term<Scalar>>> rows(n2);
  rows[0].push_back({q0, Scalar(1)});
  for (std::size_t h = 0; h < m2; ++h) {
    rows[s2.parent[h]].push_back({q0 + 1 + h, Scalar(-1)});
    for (std::size_t a = 0; a < game.infoset(1, h).actions.size(); ++a) rows[s2.first[h] + a].push_back({q0 + 1 + h, Scalar(1)});
  }
  std::vector<std::map<std::size_t, Scalar>> minus_ax(n2);
  for (const auto& [pair, u] : sf.payoff[0]) minus_ax[pair.second][pair.first] -= u;
  for (std::size_t j = 0; j < n2; ++j) {
    for (const auto& [col, c] : minus_ax[j])
      if (c != 0) rows[j].push_back({col, c});
    model.add_row(std::move(rows[j]), lp::Bound<Scalar>::at_most(Scalar(0)));
  }
  // E x = e.
  model.add_row({{0, Scalar(1)}}, lp::Bound<Scalar>::equal(Scalar(1)));
  for (std::size_t h = 0; h < game.infosets(0).size(); ++h) {
    std::vector<lp::Term<Scalar>> terms{{s1.parent[h], Scalar(-1)}};
    for (std::size_t a = 0; a < game.infoset(0, h).actions.size(); ++a) terms.push_back({s1.first[h] + a, Scalar(1)});
    model.add_row(std::move(terms), lp::Bound<Scalar>::equal(Scalar(0)));
  }
  auto solution = lp::solve(model, options);
  if (solution.status != lp::Status::optimal)
    throw SolverError("sequence-form LP ended " + entente::to_string(solution.status) +
                      "; a finite zero-sum tree always has a value, so the solver failed");
  SequenceFormSolution<Scalar> out;
  out.value = solution.objective;
  out.plan[0].assign(solution.x.begin(), solution.x.begin() + static_cast<std::ptrdiff_t>(n1));
  for (std::size_t j = 0; j < n2; ++j) {
    Scalar y = solution.row_dual[j];
    out.plan[1].push_back(y < 0 ? -y : y);  // the sign follows the solver's dual convention
  }
  BehaviorProfile<Scalar> b{behavior_from_plan(game, 0, s1, out.plan[0]), behavior_from_plan(game, 1, s2, out.plan[1])};
  out.equilibrium = certify(game, std::move(b));
  require_certified(game, out.equilibrium, "sequence-form LP");
  return out;
}

}  // namespace entente
