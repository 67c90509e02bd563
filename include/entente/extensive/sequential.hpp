// A normal-form game played in sequence: the players move one after another
// in a given order, each seeing every earlier move, and the payoffs at the
// end are the normal form's at the profile played. This turns a scenario's
// simultaneous model into a chain of moves (a tree of perfect information).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "entente/extensive/tree.hpp"
#include "entente/game/game.hpp"

namespace entente {

/// Most nodes sequential_game builds before it refuses.
inline constexpr std::size_t kMaxSequentialNodes = std::size_t{1} << 22;

/// The players of `game` by name, in the order given; InvalidArgument
/// unless every player appears exactly once.
template <class Scalar>
std::vector<std::size_t> player_order(const Game<Scalar>& game, const std::vector<std::string>& names) {
  std::vector<std::size_t> order;
  std::vector<char> seen(game.num_players(), 0);
  for (const auto& name : names) {
    std::size_t found = game.num_players();
    for (std::size_t i = 0; i < game.num_players(); ++i)
      if (game.players()[i] == name) found = i;
    if (found == game.num_players()) {
      std::string known;
      for (const auto& p : game.players()) known += (known.empty() ? "" : ", ") + p;
      throw InvalidArgument("the order names '" + name + "', which is not a player (players: " + known + ")");
    }
    if (seen[found]) throw InvalidArgument("the order names '" + name + "' twice");
    seen[found] = 1;
    order.push_back(found);
  }
  for (std::size_t i = 0; i < game.num_players(); ++i)
    if (!seen[i]) throw InvalidArgument("the order leaves out '" + game.players()[i] + "': every player must move once");
  return order;
}

/// The game played in the sequence `order` (player indices, each once):
/// the first player moves at the root, each later one at every node its
/// predecessors' choices lead to, with perfect information; leaves carry the
/// normal form's payoffs, as outcomes labelled by the profile's strategies.
template <class Scalar>
ExtensiveGame<Scalar> sequential_game(const Game<Scalar>& game, const std::vector<std::size_t>& order) {
  std::vector<std::string> names;
  for (std::size_t i : order) names.push_back(game.players().at(i));
  player_order(game, names);  // each player exactly once
  std::size_t nodes = 1, layer = 1;
  for (std::size_t i : order) {
    layer *= game.num_strategies(i);
    nodes += layer;
    if (nodes > kMaxSequentialNodes)
      throw InvalidArgument("the sequential game would have more than " + std::to_string(kMaxSequentialNodes) + " nodes");
  }
  ExtensiveGame<Scalar> tree(game.players(), game.title());
  tree.set_comment(game.comment());
  // Breadth first, carrying each node's partial profile.
  std::vector<std::pair<std::size_t, std::vector<std::size_t>>> frontier{{tree.root(), {}}};
  for (std::size_t depth = 0; depth < order.size(); ++depth) {
    std::vector<std::pair<std::size_t, std::vector<std::size_t>>> next;
    const std::size_t mover = order[depth];
    for (auto& [n, partial] : frontier) {
      tree.add_move(n, mover, game.strategies(mover));
      for (std::size_t s = 0; s < game.num_strategies(mover); ++s) {
        auto profile = partial;
        profile.push_back(s);
        next.emplace_back(tree.child(n, s), std::move(profile));
      }
    }
    frontier = std::move(next);
  }
  for (const auto& [n, partial] : frontier) {
    std::vector<std::size_t> profile(game.num_players());
    std::string label;
    for (std::size_t k = 0; k < order.size(); ++k) {
      profile[order[k]] = partial[k];
      label += (k ? ", " : "") + game.strategies(order[k])[partial[k]];
    }
    std::vector<Scalar> u;
    for (std::size_t i = 0; i < game.num_players(); ++i) u.push_back(game.payoff(i, profile));
    tree.set_outcome(n, tree.add_outcome(std::move(u), std::move(label)));
  }
  return tree;
}

/// The play of a pure behaviour profile: from the root, the (node, action)
/// taken at each personal node on the path; InvalidArgument if the path
/// meets a chance move or a mixed choice.
template <class Scalar>
std::vector<std::pair<std::size_t, std::size_t>> pure_play_path(const ExtensiveGame<Scalar>& tree,
                                                                const std::vector<std::vector<std::vector<Scalar>>>& behavior) {
  std::vector<std::pair<std::size_t, std::size_t>> path;
  for (std::size_t n = tree.root(); tree.node(n).kind != NodeKind::terminal;) {
    const TreeNode& x = tree.node(n);
    if (x.kind == NodeKind::chance) throw InvalidArgument("the play path meets a chance move");
    const auto& p = behavior.at(x.player).at(x.infoset);
    std::size_t a = 0;
    while (a < p.size() && p[a] != Scalar(1)) ++a;
    if (a == p.size()) throw InvalidArgument("the play path meets a mixed choice");
    path.emplace_back(n, a);
    n = x.children[a];
  }
  return path;
}

}  // namespace entente
