// The characteristic function of a compact game with many actors: a gamma
// value for the coalitions a bloc may hold, and the best split into such
// coalitions for the larger ones. The dense alpha and beta values need the
// coalition's zero-sum game against its complement, whose joint strategies
// grow exponentially with the actors; the gamma value needs only the bloc
// game of {S, singletons}, which stays compact (compact_bloc_game.hpp).
//
// For an allowed coalition S (at most max_bloc_size members and at most
// max_joint_strategies joint strategies, bloc_allowed), v(S) is the gamma
// value of characteristic_function.hpp: S acts as one player, every other
// actor individually, and v(S) is S's payoff at an equilibrium of that
// game, namely the largest payoff to S among its pure equilibria (all of
// them, by the compact search); with none, S's payoff at the equilibrium
// the bloc game's rule selects (compact_bloc_game.hpp: a game of at most
// kMaxDenseBlocProfiles profiles by the dense rule, so for two groups the
// LP or Lemke-Howson as the dense gamma; a larger one by the certified
// logit endpoint). For three or more groups without a pure equilibrium the
// dense gamma falls back to alpha while this one keeps the bloc game's
// mixed equilibrium, so the two differ exactly on the coalitions the dense
// function lists in gamma_fallback. v(empty) = 0, and v(N), when N itself
// is allowed, is the largest total payoff (the one-bloc game's pure
// equilibria), as dense.
//
// A coalition S that is not allowed cannot act as one bloc in the search
// (alliance/compact_analysis.hpp), so its value is what its members reach
// as allowed blocs: the best split of S into allowed coalitions, v(S) =
// max over partitions {T_1..T_m} of S into allowed coalitions of sum
// v(T_j) (dynamic programming over S's subsets, S's smallest member's part
// first). This keeps the function meaningful for coalition-structure
// generation: the value of a structure of allowed blocs is unchanged, and
// no larger coalition beats its own best split. With max_bloc_size >= n
// and a cap on joint strategies that no coalition reaches, every coalition
// is valued directly and the function is the dense gamma function (up to
// gamma_fallback).
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "entente/alliance/characteristic_function.hpp"
#include "entente/alliance/compact_bloc_game.hpp"
#include "entente/cancel.hpp"
#include "entente/coop/coalitional_game.hpp"

namespace entente {

/// Largest number of actors for the compact characteristic function (its
/// table has 2^n values).
inline constexpr std::size_t kMaxCompactCharacteristicPlayers = 25;

/// True when `mask` may act as one bloc: at most max_bloc_size members and
/// at most max_joint_strategies joint strategies.
template <class Scalar>
bool bloc_allowed(const CompactGame<Scalar>& game, Coalition mask, std::size_t max_bloc_size,
                  std::size_t max_joint_strategies) {
  if (std::size_t(std::popcount(mask)) > max_bloc_size) return false;
  std::size_t joint = 1;
  for (std::size_t i = 0; i < game.num_players(); ++i)
    if (mask >> i & 1u) {
      if (joint > max_joint_strategies / game.num_strategies(i)) return false;
      joint *= game.num_strategies(i);
    }
  return true;
}

/// The gamma value of one coalition (0 < S, |S| <= the caps): S's payoff in
/// the bloc game of {S, singletons} (see the header).
template <class Scalar>
Scalar compact_gamma_value(const CompactGame<Scalar>& game, Coalition mask,
                           std::size_t max_joint_strategies = kMaxCompactBlocStrategies) {
  const std::size_t n = game.num_players();
  std::vector<std::size_t> labels(n);
  for (std::size_t i = 0; i < n; ++i) labels[i] = mask >> i & 1u ? n : i;
  const Partition partition = Partition::canonical(labels);
  const std::size_t own = partition.bloc_of(std::size_t(std::countr_zero(mask)));
  const CompactGame<Scalar> blocs = bloc_game(game, partition, max_joint_strategies);
  const auto pure = compact_pure_equilibria(blocs);
  if (!pure.equilibria.empty()) {
    Scalar best = pure.equilibria.front().payoffs[own];
    for (const auto& eq : pure.equilibria) best = std::max<Scalar>(best, eq.payoffs[own]);
    return best;
  }
  return alliance::detail::bloc_equilibrium(blocs).equilibria.front().payoffs[own];
}

/// The characteristic function of the header over all 2^n coalitions, as a
/// CoalitionalGame (bit i of a mask = actor i); kind gamma. A coalition is
/// allowed (valued directly) when bloc_allowed; the others get their best
/// split. Throws InvalidArgument for max_bloc_size 0 or more than
/// kMaxCompactCharacteristicPlayers actors.
template <class Scalar>
CharacteristicFunction<Scalar> compact_characteristic_function(
    const CompactGame<Scalar>& game, std::size_t max_bloc_size,
    std::size_t max_joint_strategies = kMaxCompactBlocStrategies) {
  const std::size_t n = game.num_players();
  if (max_bloc_size == 0) throw InvalidArgument("characteristic function: max_bloc_size must be at least 1");
  if (n > kMaxCompactCharacteristicPlayers)
    throw InvalidArgument("characteristic function: " + std::to_string(n) + " actors means 2^" + std::to_string(n) +
                          " coalitions; at most " + std::to_string(kMaxCompactCharacteristicPlayers) + " actors");
  for (std::size_t i = 0; i < n; ++i)
    if (game.num_strategies(i) > max_joint_strategies)
      throw InvalidArgument("characteristic function: actor " + game.players()[i] + " alone has more than " +
                            std::to_string(max_joint_strategies) + " strategies (the cap on a bloc's joint strategies)");
  const std::size_t count = std::size_t(1) << n;
  std::vector<Scalar> values(count, Scalar(0));
  for (std::size_t mask = 1; mask < count; ++mask) {
    if (bloc_allowed(game, Coalition(mask), max_bloc_size, max_joint_strategies)) {
      check_cancelled();
      values[mask] = compact_gamma_value(game, Coalition(mask), max_joint_strategies);
      continue;
    }
    // Best split: S's smallest member's part T (allowed, a proper subset),
    // then the rest's value, already final since it is a smaller mask.
    const std::size_t low = mask & (~mask + 1);
    std::vector<std::size_t> rest;
    for (std::size_t i = 0; i < n; ++i)
      if ((mask ^ low) >> i & 1u) rest.push_back(i);
    bool first = true;
    Scalar& best = values[mask];
    std::function<void(std::size_t, std::size_t, std::size_t)> extend = [&](std::size_t part, std::size_t from,
                                                                            std::size_t room) {
      if (!bloc_allowed(game, Coalition(part), max_bloc_size, max_joint_strategies)) return;  // nor any superset
      const Scalar total = values[part] + values[mask ^ part];
      if (first || total > best) best = total, first = false;
      if (room == 0) return;
      for (std::size_t k = from; k < rest.size(); ++k) extend(part | std::size_t(1) << rest[k], k + 1, room - 1);
    };
    extend(low, 0, max_bloc_size - 1);
  }
  return CharacteristicFunction<Scalar>{CoalitionalGame<Scalar>(n, std::move(values), game.players()),
                                        CharacteristicKind::gamma, {}};
}

}  // namespace entente
