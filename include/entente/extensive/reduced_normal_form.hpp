// The reduced normal form of a tree: one strategy per way of choosing at the
// information sets a player's own earlier choices let it reach (strategies
// that differ only where they are never reached are one), so that every
// normal-form solver applies to a tree.
#pragma once

#include <algorithm>
#include <cstddef>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "entente/extensive/behavior.hpp"
#include "entente/game/game.hpp"
#include "entente/game/profile.hpp"

namespace entente {

/// Most reduced strategies one player may have before to_normal_form refuses.
inline constexpr std::size_t kMaxReducedStrategies = std::size_t{1} << 20;

template <class Scalar>
struct ReducedNormalForm {
  Game<Scalar> game;
  /// choices[i][s][h]: the action player i's strategy s takes at its
  /// information set h, kNoIndex where s never reaches h.
  std::vector<std::vector<std::vector<std::size_t>>> choices;
};

namespace detail {

// The reduced strategies of `player`, in Gambit's order: the tree is walked
// in preorder following only the player's own choices, and the first own
// information set met varies slowest.
template <class Scalar>
void enumerate_reduced(const ExtensiveGame<Scalar>& game, std::size_t player, std::vector<std::size_t> stack,
                       std::vector<std::size_t>& assignment, std::vector<std::vector<std::size_t>>& out) {
  while (!stack.empty()) {
    const std::size_t n = stack.back();
    stack.pop_back();
    const TreeNode& x = game.node(n);
    if (x.kind == NodeKind::terminal) continue;
    if (x.kind == NodeKind::personal && x.player == player) {
      if (assignment[x.infoset] != kNoIndex) {
        stack.push_back(x.children[assignment[x.infoset]]);
        continue;
      }
      for (std::size_t a = 0; a < x.children.size(); ++a) {
        auto branch = stack;
        branch.push_back(x.children[a]);
        assignment[x.infoset] = a;
        enumerate_reduced(game, player, std::move(branch), assignment, out);
      }
      assignment[x.infoset] = kNoIndex;
      return;
    }
    for (auto it = x.children.rbegin(); it != x.children.rend(); ++it) stack.push_back(*it);
  }
  if (out.size() >= kMaxReducedStrategies)
    throw InvalidArgument("the reduced normal form is too large: player " + std::to_string(player + 1) +
                          " has more than " + std::to_string(kMaxReducedStrategies) + " reduced strategies");
  out.push_back(assignment);
}

}  // namespace detail

/// How many reduced strategies each player has, counted without listing
/// them (saturating at SIZE_MAX): with perfect recall, an information set h
/// offers sum over its actions a of the product of the counts of the sets
/// that directly follow (h, a), and a player has the product over its
/// first sets. Needs perfect recall.
template <class Scalar>
std::vector<std::size_t> reduced_strategy_counts(const ExtensiveGame<Scalar>& tree) {
  tree.require_perfect_recall("counting reduced strategies");
  constexpr std::size_t kMax = std::numeric_limits<std::size_t>::max();
  auto times = [](std::size_t a, std::size_t b) { return a != 0 && b > kMax / a ? kMax : a * b; };
  auto plus = [](std::size_t a, std::size_t b) { return b > kMax - a ? kMax : a + b; };
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < tree.num_players(); ++i) {
    const auto& sets = tree.infosets(i);
    // follows[h][a]: the sets right after (h, a); first: the sets with no earlier own move.
    std::vector<std::vector<std::vector<std::size_t>>> follows(sets.size());
    std::vector<std::size_t> first, depth(sets.size(), 0);
    for (std::size_t h = 0; h < sets.size(); ++h) {
      follows[h].resize(sets[h].actions.size());
      if (sets[h].nodes.empty()) continue;
      const auto history = tree.own_history(i, sets[h].nodes[0]);
      depth[h] = history.size();
      if (history.empty()) first.push_back(h);
    }
    for (std::size_t h = 0; h < sets.size(); ++h)
      if (!sets[h].nodes.empty() && depth[h] > 0) {
        const auto last = tree.own_history(i, sets[h].nodes[0]).back();
        follows[last.first][last.second].push_back(h);
      }
    std::vector<std::size_t> order(sets.size());
    for (std::size_t h = 0; h < sets.size(); ++h) order[h] = h;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return depth[a] > depth[b]; });
    std::vector<std::size_t> count(sets.size(), 1);
    for (std::size_t h : order) {
      std::size_t total = 0;
      for (const auto& after : follows[h]) {
        std::size_t product = 1;
        for (std::size_t g : after) product = times(product, count[g]);
        total = plus(total, product);
      }
      count[h] = total;
    }
    std::size_t product = 1;
    for (std::size_t h : first) product = times(product, count[h]);
    out.push_back(product);
  }
  return out;
}

/// The reduced normal form; strategies are labelled "1", "2", ... in
/// Gambit's order. Throws InvalidArgument when it would be too large
/// (checked before anything is listed when the tree has perfect recall).
template <class Scalar>
ReducedNormalForm<Scalar> reduced_normal_form(const ExtensiveGame<Scalar>& tree) {
  const std::size_t players = tree.num_players();
  if (tree.has_perfect_recall()) {
    const auto counts = reduced_strategy_counts(tree);
    for (std::size_t i = 0; i < players; ++i)
      if (counts[i] > kMaxReducedStrategies)
        throw InvalidArgument("the reduced normal form is too large: player " + std::to_string(i + 1) + " has " +
                              (counts[i] == std::numeric_limits<std::size_t>::max() ? std::string("more than 2^64")
                                                                                     : std::to_string(counts[i])) +
                              " reduced strategies");
    checked_profile_count(counts);
  }
  std::vector<std::vector<std::vector<std::size_t>>> choices(players);
  std::vector<std::vector<std::string>> labels(players);
  for (std::size_t i = 0; i < players; ++i) {
    std::vector<std::size_t> assignment(tree.infosets(i).size(), kNoIndex);
    detail::enumerate_reduced(tree, i, {tree.root()}, assignment, choices[i]);
    for (std::size_t s = 0; s < choices[i].size(); ++s) labels[i].push_back(std::to_string(s + 1));
  }
  Game<Scalar> game(tree.players(), std::move(labels));
  game.set_title(tree.title());
  game.set_comment(tree.comment());
  // Each cell: walk the tree along the strategies, weighting chance moves.
  for (std::size_t flat = 0; flat < game.num_profiles(); ++flat) {
    const auto profile = game.profile_at(flat);
    std::vector<std::pair<std::size_t, Scalar>> stack{{tree.root(), Scalar(1)}};
    while (!stack.empty()) {
      auto [n, p] = std::move(stack.back());
      stack.pop_back();
      const TreeNode& x = tree.node(n);
      if (x.kind == NodeKind::terminal) {
        const auto u = tree.payoffs_at(n);
        for (std::size_t i = 0; i < players; ++i) game.payoffs(i)[flat] += p * u[i];
      } else if (x.kind == NodeKind::chance) {
        const auto& q = tree.chance_infosets()[x.infoset].probabilities;
        for (std::size_t a = 0; a < x.children.size(); ++a)
          if (q[a] != 0) stack.emplace_back(x.children[a], p * q[a]);
      } else {
        stack.emplace_back(x.children[choices[x.player][profile[x.player]][x.infoset]], p);
      }
    }
  }
  return {std::move(game), std::move(choices)};
}

/// The reduced normal form as a Game, for the normal-form solvers.
template <class Scalar>
Game<Scalar> to_normal_form(const ExtensiveGame<Scalar>& tree) {
  return reduced_normal_form(tree).game;
}

/// The behaviour strategies a mixed profile of the reduced normal form
/// induces (Kuhn): at an information set, the conditional probability of
/// each action among the strategies that reach it; uniform where none of
/// the player's strategies in the mix reaches it. Needs perfect recall for
/// the two to be equivalent.
template <class Scalar>
BehaviorProfile<Scalar> behavior_from_mixed(const ExtensiveGame<Scalar>& tree, const ReducedNormalForm<Scalar>& rnf,
                                            const MixedProfile<Scalar>& mixed) {
  BehaviorProfile<Scalar> b = uniform_behavior(tree);
  for (std::size_t i = 0; i < tree.num_players(); ++i)
    for (std::size_t h = 0; h < b[i].size(); ++h) {
      std::vector<Scalar> mass(b[i][h].size(), Scalar(0));
      Scalar reach(0);
      for (std::size_t s = 0; s < rnf.choices[i].size(); ++s) {
        const std::size_t a = rnf.choices[i][s][h];
        if (a == kNoIndex) continue;
        mass[a] += mixed[i][s];
        reach += mixed[i][s];
      }
      if (reach > 0)
        for (std::size_t a = 0; a < mass.size(); ++a) b[i][h][a] = mass[a] / reach;
    }
  return b;
}

/// The mixed profile of the reduced normal form that a behaviour profile
/// induces: each reduced strategy gets the product of its actions'
/// probabilities at the information sets it reaches.
template <class Scalar>
MixedProfile<Scalar> mixed_from_behavior(const ReducedNormalForm<Scalar>& rnf, const BehaviorProfile<Scalar>& b) {
  MixedProfile<Scalar> mixed;
  for (std::size_t i = 0; i < rnf.choices.size(); ++i) {
    mixed.strategies.emplace_back();
    for (const auto& strategy : rnf.choices[i]) {
      Scalar p(1);
      for (std::size_t h = 0; h < strategy.size(); ++h)
        if (strategy[h] != kNoIndex) p *= b.at(i).at(h).at(strategy[h]);
      mixed.strategies.back().push_back(p);
    }
  }
  return mixed;
}

}  // namespace entente
