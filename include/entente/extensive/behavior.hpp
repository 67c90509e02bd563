// Behaviour strategies in a tree and the regret certificate computed in the
// tree itself (not in a normal form).
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "entente/extensive/tree.hpp"

namespace entente {

/// behavior[i][h][a]: the probability player i plays action a at its
/// information set h (numbered as in the tree).
template <class Scalar>
using BehaviorProfile = std::vector<std::vector<std::vector<Scalar>>>;

/// A behaviour profile with its certificate: each player's expected payoff
/// and the largest gain any player gets by deviating to another strategy.
template <class Scalar>
struct BehaviorEquilibrium {
  BehaviorProfile<Scalar> behavior;
  std::vector<Scalar> payoffs;
  Scalar regret;

  template <class To>
  BehaviorEquilibrium<To> cast() const {
    BehaviorEquilibrium<To> out{{}, {}, scalar_cast<To>(regret)};
    for (const auto& player : behavior) {
      out.behavior.emplace_back();
      for (const auto& h : player) {
        out.behavior.back().emplace_back();
        for (const auto& p : h) out.behavior.back().back().push_back(scalar_cast<To>(p));
      }
    }
    for (const auto& u : payoffs) out.payoffs.push_back(scalar_cast<To>(u));
    return out;
  }
};

/// Every player's uniform behaviour strategy.
template <class Scalar>
BehaviorProfile<Scalar> uniform_behavior(const ExtensiveGame<Scalar>& game) {
  BehaviorProfile<Scalar> b(game.num_players());
  for (std::size_t i = 0; i < game.num_players(); ++i)
    for (const auto& h : game.infosets(i)) {
      const auto k = static_cast<long>(h.actions.size());
      b[i].emplace_back(h.actions.size(), Scalar(1) / Scalar(k));
    }
  return b;
}

/// InvalidArgument unless `b` has one distribution per information set.
template <class Scalar>
void check_behavior(const ExtensiveGame<Scalar>& game, const BehaviorProfile<Scalar>& b) {
  if (b.size() != game.num_players())
    throw InvalidArgument("a behaviour profile needs " + std::to_string(game.num_players()) + " players, got " +
                          std::to_string(b.size()));
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (b[i].size() != game.infosets(i).size())
      throw InvalidArgument("player " + std::to_string(i + 1) + " has " + std::to_string(game.infosets(i).size()) +
                            " information sets, the profile gives " + std::to_string(b[i].size()));
    for (std::size_t h = 0; h < b[i].size(); ++h) {
      const auto& p = b[i][h];
      if (p.size() != game.infoset(i, h).actions.size())
        throw InvalidArgument("player " + std::to_string(i + 1) + "'s information set " + std::to_string(h + 1) +
                              " has " + std::to_string(game.infoset(i, h).actions.size()) + " actions, the profile gives " +
                              std::to_string(p.size()));
      Scalar sum(0);
      for (const auto& x : p) {
        if (!(x >= -ScalarTraits<Scalar>::eps()))
          throw InvalidArgument("a behaviour probability of player " + std::to_string(i + 1) + " is negative");
        sum += x;
      }
      Scalar gap = sum - Scalar(1);
      if (gap < 0) gap = -gap;
      if (!(gap <= ScalarTraits<Scalar>::eps() * Scalar(static_cast<long>(p.size()))))
        throw InvalidArgument("player " + std::to_string(i + 1) + "'s probabilities at information set " +
                              std::to_string(h + 1) + " sum to " + to_string(sum) + ", not 1");
    }
  }
}

namespace detail {

/// The probability of each move at node n under b (chance: its probabilities).
template <class Scalar>
const std::vector<Scalar>& move_probabilities(const ExtensiveGame<Scalar>& game, const BehaviorProfile<Scalar>& b,
                                              std::size_t n) {
  const TreeNode& x = game.node(n);
  return x.kind == NodeKind::chance ? game.chance_infosets()[x.infoset].probabilities : b[x.player][x.infoset];
}

/// Player's best-response value against b, and the value b itself gives.
/// Needs perfect recall: the information sets are decided deepest own
/// history first, so every choice below one is fixed before it is weighed.
template <class Scalar>
std::pair<Scalar, Scalar> best_response_value(const ExtensiveGame<Scalar>& game, const BehaviorProfile<Scalar>& b,
                                              std::size_t player) {
  const std::size_t n_nodes = game.num_nodes();
  // Leaf payoffs, and the reach probability of others' and chance's moves.
  std::vector<Scalar> reach(n_nodes, Scalar(0));
  std::vector<std::size_t> order{game.root()};  // preorder
  reach[game.root()] = Scalar(1);
  for (std::size_t k = 0; k < order.size(); ++k) {
    const TreeNode& x = game.node(order[k]);
    for (std::size_t a = 0; a < x.children.size(); ++a) {
      const bool own = x.kind == NodeKind::personal && x.player == player;
      reach[x.children[a]] = own ? reach[order[k]] : reach[order[k]] * move_probabilities(game, b, order[k])[a];
      order.push_back(x.children[a]);
    }
  }
  const auto& sets = game.infosets(player);
  std::vector<std::size_t> choice(sets.size(), kNoIndex);
  // Values from the bottom up: best[n] under the fixed own choices, current[n] under b.
  std::vector<Scalar> best(n_nodes, Scalar(0)), current(n_nodes, Scalar(0));
  std::vector<std::size_t> depth(sets.size(), 0);
  for (std::size_t h = 0; h < sets.size(); ++h)
    if (!sets[h].nodes.empty()) depth[h] = game.own_history(player, sets[h].nodes[0]).size();
  std::vector<std::size_t> by_depth(sets.size());
  for (std::size_t h = 0; h < sets.size(); ++h) by_depth[h] = h;
  std::stable_sort(by_depth.begin(), by_depth.end(), [&](std::size_t a, std::size_t c) { return depth[a] > depth[c]; });
  // Own nodes get their value once their information set's choice is fixed;
  // other nodes as soon as their children have values. A pass in reverse
  // preorder handles the others; own information sets are fixed in depth order.
  std::vector<char> done(n_nodes, 0);
  auto settle = [&](auto&& self, std::size_t n) -> void {
    if (done[n]) return;
    const TreeNode& x = game.node(n);
    if (x.kind == NodeKind::terminal) {
      best[n] = current[n] = game.payoffs_at(n)[player];
    } else if (x.kind == NodeKind::personal && x.player == player) {
      const std::size_t a = choice[x.infoset];
      for (std::size_t c : x.children) self(self, c);
      best[n] = best[x.children[a]];
      Scalar sum(0);
      for (std::size_t c = 0; c < x.children.size(); ++c) sum += b[player][x.infoset][c] * current[x.children[c]];
      current[n] = sum;
    } else {
      const auto& p = move_probabilities(game, b, n);
      Scalar sb(0), sc(0);
      for (std::size_t c = 0; c < x.children.size(); ++c) {
        self(self, x.children[c]);
        sb += p[c] * best[x.children[c]];
        sc += p[c] * current[x.children[c]];
      }
      best[n] = sb;
      current[n] = sc;
    }
    done[n] = 1;
  };
  for (std::size_t h : by_depth) {
    const auto& actions = sets[h].actions;
    std::size_t arg = 0;
    Scalar top(0);
    for (std::size_t a = 0; a < actions.size(); ++a) {
      Scalar v(0);
      for (std::size_t n : sets[h].nodes) {
        const std::size_t c = game.node(n).children[a];
        settle(settle, c);
        v += reach[n] * best[c];
      }
      if (a == 0 || v > top) top = v, arg = a;
    }
    choice[h] = arg;
  }
  settle(settle, game.root());
  return {best[game.root()], current[game.root()]};
}

}  // namespace detail

/// Each player's expected payoff under b.
template <class Scalar>
std::vector<Scalar> behavior_payoffs(const ExtensiveGame<Scalar>& game, const BehaviorProfile<Scalar>& b) {
  check_behavior(game, b);
  std::vector<Scalar> u(game.num_players(), Scalar(0));
  std::vector<std::pair<std::size_t, Scalar>> stack{{game.root(), Scalar(1)}};
  while (!stack.empty()) {
    auto [n, p] = std::move(stack.back());
    stack.pop_back();
    if (p == 0) continue;
    const TreeNode& x = game.node(n);
    if (x.kind == NodeKind::terminal) {
      auto leaf = game.payoffs_at(n);
      for (std::size_t i = 0; i < u.size(); ++i) u[i] += p * leaf[i];
      continue;
    }
    const auto& q = detail::move_probabilities(game, b, n);
    for (std::size_t a = 0; a < x.children.size(); ++a) stack.emplace_back(x.children[a], p * q[a]);
  }
  return u;
}

/// Attaches payoffs and the regret certificate, computed in the tree: for
/// each player the value of a best response (by backward induction over its
/// information sets) minus what b gives it. Needs perfect recall.
template <class Scalar>
BehaviorEquilibrium<Scalar> certify(const ExtensiveGame<Scalar>& game, BehaviorProfile<Scalar> b) {
  check_behavior(game, b);
  game.require_perfect_recall("the regret certificate of a behaviour profile");
  BehaviorEquilibrium<Scalar> out{std::move(b), {}, Scalar(0)};
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    auto [best, current] = detail::best_response_value(game, out.behavior, i);
    out.payoffs.push_back(current);
    Scalar gain = best - current;
    if (gain > out.regret) out.regret = gain;
  }
  return out;
}

/// The tolerance a floating result's regret must meet: 1e-7 times the
/// largest payoff magnitude (0 for Rational), as for normal-form games.
template <class Scalar>
Scalar certificate_tolerance(const ExtensiveGame<Scalar>& game) {
  if constexpr (is_exact_v<Scalar>) {
    return Scalar(0);
  } else {
    double scale = 0.0;
    for (std::size_t n = 0; n < game.num_nodes(); ++n)
      if (game.node(n).kind == NodeKind::terminal)
        for (double u : game.payoffs_at(n)) scale = std::max(scale, std::abs(u));
    return 1e-7 * scale;
  }
}

/// SolverError when `eq` fails its certificate (see require_certified for games).
template <class Scalar>
void require_certified(const ExtensiveGame<Scalar>& game, const BehaviorEquilibrium<Scalar>& eq,
                       const std::string& method) {
  const Scalar tolerance = certificate_tolerance(game);
  if (eq.regret <= tolerance) return;
  throw SolverError(method + ": the result fails its regret certificate in the tree (regret " + to_string(eq.regret) +
                    " > tolerance " + to_string(tolerance) + "); solve exactly instead");
}

}  // namespace entente
