// Backward induction on trees of perfect information: every pure
// subgame-perfect equilibrium.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "entente/extensive/behavior.hpp"

namespace entente {

/// Most subgame-perfect equilibria backward_induction lists before it
/// refuses (ties at many nodes multiply them).
inline constexpr std::size_t kMaxSubgamePerfect = 100000;

namespace detail {

/// A pure plan for a subtree: the value it gives every player and the
/// action it takes at each personal node of the subtree.
template <class Scalar>
struct SubtreePlan {
  std::vector<Scalar> value;
  std::vector<std::pair<std::size_t, std::size_t>> moves;  // (node, action)
};

template <class Scalar>
std::vector<SubtreePlan<Scalar>> plans_below(const ExtensiveGame<Scalar>& game, std::size_t n, bool all) {
  const TreeNode& x = game.node(n);
  if (x.kind == NodeKind::terminal) return {{game.payoffs_at(n), {}}};
  // Every combination of the children's plans (each subgame is independent).
  std::vector<std::vector<SubtreePlan<Scalar>>> below;
  for (std::size_t c : x.children) below.push_back(plans_below(game, c, all));
  std::vector<std::size_t> pick(below.size(), 0);
  std::vector<SubtreePlan<Scalar>> out;
  for (;;) {
    if (x.kind == NodeKind::chance) {
      const auto& q = game.chance_infosets()[x.infoset].probabilities;
      SubtreePlan<Scalar> plan{std::vector<Scalar>(game.num_players(), Scalar(0)), {}};
      for (std::size_t a = 0; a < below.size(); ++a) {
        const auto& child = below[a][pick[a]];
        for (std::size_t i = 0; i < plan.value.size(); ++i) plan.value[i] += q[a] * child.value[i];
        plan.moves.insert(plan.moves.end(), child.moves.begin(), child.moves.end());
      }
      out.push_back(std::move(plan));
    } else {
      // The mover takes every action that is best for it given the plans below.
      Scalar top = below[0][pick[0]].value[x.player];
      for (std::size_t a = 1; a < below.size(); ++a)
        if (below[a][pick[a]].value[x.player] > top) top = below[a][pick[a]].value[x.player];
      std::vector<std::pair<std::size_t, std::size_t>> rest;
      for (std::size_t a = 0; a < below.size(); ++a)
        rest.insert(rest.end(), below[a][pick[a]].moves.begin(), below[a][pick[a]].moves.end());
      for (std::size_t a = 0; a < below.size(); ++a) {
        Scalar gap = top - below[a][pick[a]].value[x.player];
        if (gap > ScalarTraits<Scalar>::eps()) continue;
        SubtreePlan<Scalar> plan{below[a][pick[a]].value, rest};
        plan.moves.emplace_back(n, a);
        out.push_back(std::move(plan));
        if (!all) break;
      }
    }
    if (out.size() > kMaxSubgamePerfect)
      throw InvalidArgument("backward induction: more than " + std::to_string(kMaxSubgamePerfect) +
                            " subgame-perfect equilibria (ties at many nodes)");
    std::size_t k = 0;
    while (k < pick.size() && ++pick[k] == below[k].size()) pick[k++] = 0;
    if (k == pick.size()) break;
  }
  return out;
}

}  // namespace detail

/// Every pure subgame-perfect equilibrium of a tree of perfect information
/// (chance moves allowed), each with its regret certificate (0 exactly for
/// Rational). Ties give several; with `all` false only the first (every
/// tie to the mover's first best action), which is also the first of the
/// full list. An information set no node of the tree uses gets the uniform
/// distribution. Throws InvalidArgument when some information set holds
/// more than one node.
template <class Scalar>
std::vector<BehaviorEquilibrium<Scalar>> backward_induction(const ExtensiveGame<Scalar>& game, bool all = true) {
  if (!game.is_perfect_information())
    throw InvalidArgument("backward induction needs a game of perfect information (every information set one node)");
  std::vector<BehaviorEquilibrium<Scalar>> out;
  for (const auto& plan : detail::plans_below(game, game.root(), all)) {
    BehaviorProfile<Scalar> b = uniform_behavior(game);
    for (auto [n, a] : plan.moves) {
      auto& p = b[game.node(n).player][game.node(n).infoset];
      std::fill(p.begin(), p.end(), Scalar(0));
      p[a] = Scalar(1);
    }
    out.push_back(certify(game, std::move(b)));
    require_certified(game, out.back(), "backward induction");
  }
  return out;
}

}  // namespace entente
