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

/// The game in which each group in `groups` (disjoint, covering every
/// player, each listing its members in ascending order) is one player. A
/// group's strategies are its members' joint pure strategies, numbered in
/// C order over the members (the last member's strategy varies fastest);
/// its payoff is the members' summed payoff (transferable utility). The
/// number of profiles is unchanged, so no size check beyond the original
/// game's is needed; the strategy labels are the members' labels joined
/// by '+', the player names likewise.
template <class Scalar>
Game<Scalar> merge_players(const Game<Scalar>& game, const std::vector<std::vector<std::size_t>>& groups) {
  const std::size_t n = game.num_players();
  std::vector<std::size_t> group_of(n, n);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (groups[g].empty()) throw InvalidArgument("a bloc must have at least one member");
    for (std::size_t i : groups[g]) {
      if (i >= n) throw InvalidArgument("player " + std::to_string(i) + " out of range");
      if (group_of[i] != n) throw InvalidArgument("player " + std::to_string(i) + " is in two blocs");
      group_of[i] = g;
    }
  }
  for (std::size_t i = 0; i < n; ++i)
    if (group_of[i] == n) throw InvalidArgument("player " + std::to_string(i) + " is in no bloc");

  // inner[i]: the weight of player i's strategy in its group's joint index.
  std::vector<std::size_t> inner(n, 1), shape(groups.size(), 1);
  for (std::size_t g = 0; g < groups.size(); ++g)
    for (std::size_t k = groups[g].size(); k-- > 0;) {
      inner[groups[g][k]] = shape[g];
      shape[g] *= game.num_strategies(groups[g][k]);
    }
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> labels;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    std::string name;
    for (std::size_t i : groups[g]) name += (name.empty() ? "" : "+") + game.players()[i];
    names.push_back(name);
    labels.emplace_back();
    labels.back().reserve(shape[g]);
    for (std::size_t joint = 0; joint < shape[g]; ++joint) {
      std::string label;
      std::size_t rest = joint;
      for (std::size_t i : groups[g]) {
        const std::size_t s = rest / inner[i];
        rest %= inner[i];
        label += (label.empty() ? "" : "+") + game.strategies(i)[s];
      }
      labels.back().push_back(std::move(label));
    }
  }
  Game<Scalar> merged(std::move(names), std::move(labels));
  // weight[i]: how far the merged flat index moves per step of player i.
  std::vector<std::size_t> weight(n);
  for (std::size_t i = 0; i < n; ++i) weight[i] = inner[i] * merged.stride(group_of[i]);
  std::vector<std::size_t> digit(n, 0);
  std::size_t target = 0;
  for (std::size_t flat = 0; flat < game.num_profiles(); ++flat) {
    for (std::size_t i = 0; i < n; ++i) merged.payoffs(group_of[i])[target] += game.payoffs(i)[flat];
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
