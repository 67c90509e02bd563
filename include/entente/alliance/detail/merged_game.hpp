// Internals of the alliance layer: the game in which groups of players act
// as one player (a bloc), used by the characteristic functions and the bloc
// games.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "entente/error.hpp"
#include "entente/game/game.hpp"

namespace entente::alliance::detail {

/// The shape of the game in which each group of `groups` acts as one
/// player: each group's joint pure strategies, numbered in C order over its
/// members (the last member's strategy varies fastest), the weight of each
/// player's strategy in its group's joint index, and the names ("A+B") and
/// joint labels ("a+b"). Shared by the dense and the compact bloc games so
/// that both number and label the blocs' strategies alike.
struct MergedShape {
  std::vector<std::size_t> group_of;  ///< per player, its group
  std::vector<std::size_t> inner;     ///< per player, its weight in its group's joint index
  std::vector<std::size_t> shape;     ///< per group, its number of joint strategies
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> labels;
};

/// Checks that `groups` (disjoint, covering every player, each listing its
/// members in ascending order) partition the players, and lays out their
/// joint strategies. `max_joint` bounds a group's joint strategy count
/// (InvalidArgument naming the group beyond it).
inline MergedShape merged_shape(const std::vector<std::string>& players,
                                const std::vector<std::vector<std::string>>& strategies,
                                const std::vector<std::vector<std::size_t>>& groups,
                                std::size_t max_joint = std::size_t(-1)) {
  const std::size_t n = players.size();
  MergedShape out{std::vector<std::size_t>(n, n), std::vector<std::size_t>(n, 1),
                  std::vector<std::size_t>(groups.size(), 1), {}, {}};
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (groups[g].empty()) throw InvalidArgument("a bloc must have at least one member");
    for (std::size_t i : groups[g]) {
      if (i >= n) throw InvalidArgument("player " + std::to_string(i) + " out of range");
      if (out.group_of[i] != n) throw InvalidArgument("player " + std::to_string(i) + " is in two blocs");
      out.group_of[i] = g;
    }
  }
  for (std::size_t i = 0; i < n; ++i)
    if (out.group_of[i] == n) throw InvalidArgument("player " + std::to_string(i) + " is in no bloc");
  for (std::size_t g = 0; g < groups.size(); ++g) {
    std::string name;
    for (std::size_t i : groups[g]) name += (name.empty() ? "" : "+") + players[i];
    for (std::size_t k = groups[g].size(); k-- > 0;) {
      const std::size_t count = strategies[groups[g][k]].size();
      if (out.shape[g] > max_joint / count)
        throw InvalidArgument("bloc " + name + " has more than " + std::to_string(max_joint) +
                              " joint strategies (the cap on a bloc's joint strategies)");
      out.inner[groups[g][k]] = out.shape[g];
      out.shape[g] *= count;
    }
    out.names.push_back(name);
    out.labels.emplace_back();
    out.labels.back().reserve(out.shape[g]);
    for (std::size_t joint = 0; joint < out.shape[g]; ++joint) {
      std::string label;
      std::size_t rest = joint;
      for (std::size_t i : groups[g]) {
        const std::size_t s = rest / out.inner[i];
        rest %= out.inner[i];
        label += (label.empty() ? "" : "+") + strategies[i][s];
      }
      out.labels.back().push_back(std::move(label));
    }
  }
  return out;
}

/// The game in which each group in `groups` (disjoint, covering every
/// player, each listing its members in ascending order) is one player. A
/// group's strategies are its members' joint pure strategies (merged_shape);
/// its payoff is the members' summed payoff (transferable utility). The
/// number of profiles is unchanged, so no size check beyond the original
/// game's is needed.
template <class Scalar>
Game<Scalar> merge_players(const Game<Scalar>& game, const std::vector<std::vector<std::size_t>>& groups) {
  const std::size_t n = game.num_players();
  MergedShape layout = merged_shape(game.players(), game.strategies(), groups);
  const auto& group_of = layout.group_of;
  const auto& inner = layout.inner;
  Game<Scalar> merged(std::move(layout.names), std::move(layout.labels));
  // weight[i]: how far the merged flat index moves per step of player i.
  std::vector<std::size_t> weight(n);
  for (std::size_t i = 0; i < n; ++i) weight[i] = inner[i] * merged.stride(group_of[i]);
  // Each player's payoff tensor and its group's, read and written once per profile.
  std::vector<const Scalar*> from(n);
  std::vector<Scalar*> to(n);
  for (std::size_t i = 0; i < n; ++i) {
    from[i] = game.payoffs(i).data();
    to[i] = merged.payoffs(group_of[i]).data();
  }
  std::vector<std::size_t> digit(n, 0);
  std::size_t target = 0;
  for (std::size_t flat = 0; flat < game.num_profiles(); ++flat) {
    for (std::size_t i = 0; i < n; ++i) to[i][target] += from[i][flat];
    // Odometer in the original game's C order (last player fastest).
    for (std::size_t k = n; k-- > 0;) {
      if (++digit[k] < game.num_strategies(k)) {
        target += weight[k];
        break;
      }
      target -= (game.num_strategies(k) - 1) * weight[k];
      digit[k] = 0;
    }
  }
  return merged;
}

}  // namespace entente::alliance::detail
