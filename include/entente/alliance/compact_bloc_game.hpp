// The bloc game of a partition of a compact game (game/compact_game.hpp),
// built from the terms, never through a payoff tensor, and solved by the
// rule of the dense bloc game (bloc_game.hpp) as far as a compact game
// allows. Many actors' alliances (docs/alliances.md, "Many actors") rest
// on it.
//
// The bloc game is again a CompactGame: player b is bloc b (blocs ordered
// by smallest member), named and labelled as merge_players names and
// labels the dense bloc game (a bloc's strategies are its members' joint
// pure strategies in C order over the members). Term t of the member game
// becomes term t of the bloc game: its conditions on the members of one
// bloc become one condition on that bloc's joint strategies (those whose
// members' strategies all meet them), and its recipients' amounts go to
// their blocs, summed. So to_dense() of the compact bloc game is the dense
// bloc_game() of the member game (for double, up to the order of the sums).
// A bloc's joint strategies are capped (max_joint_strategies, default 3^5):
// a bloc beyond the cap is InvalidArgument naming it.
//
// Selection (the dense rule of bloc_game.hpp, where the compact game allows
// it): every pure equilibrium of the bloc game by the compact search
// (compact/pure_nash.hpp), the one of largest welfare, ties to the first in
// C order; with no pure equilibrium, a bloc game small enough to be dense
// (at most kMaxDenseBlocProfiles profiles) goes through the dense rule
// (lp / lcp for two blocs, minsupport, logit, simpdiv); a larger one takes
// the limiting logit equilibrium of the compact game (solve_compact),
// reported only when its regret certificate passes (SolverError otherwise).
// With Scalar = Rational that logit point is found in floating point, read
// exactly and certified exactly (small regret, not zero), as the dense rule
// does for minsupport.
//
// Member payoffs, split none: term t fires with probability the product
// over the blocs it conditions of the mass its condition gets from that
// bloc's distribution (blocs play independently; a bloc's distribution is
// correlated over its members), so member i's expected payoff is the sum
// of its amounts times those probabilities: the exact expectation, as the
// dense member_payoffs computes it over every profile.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "entente/alliance/bloc_game.hpp"
#include "entente/alliance/detail/merged_game.hpp"
#include "entente/alliance/partition.hpp"
#include "entente/compact/pure_nash.hpp"
#include "entente/compact/solve.hpp"
#include "entente/game/compact_game.hpp"

namespace entente {

/// Default cap on a bloc's joint strategies in a compact game's bloc game.
inline constexpr std::size_t kMaxCompactBlocStrategies = 243;  // 3^5
/// A compact bloc game without a pure equilibrium and with at most this
/// many profiles is solved by the dense rule (bloc_equilibrium).
inline constexpr std::size_t kMaxDenseBlocProfiles = 4096;

/// The bloc game of `partition` (see the header); InvalidArgument for a
/// partition of another number of players or a bloc with more than
/// `max_joint_strategies` joint strategies.
template <class Scalar>
CompactGame<Scalar> bloc_game(const CompactGame<Scalar>& game, const Partition& partition,
                              std::size_t max_joint_strategies = kMaxCompactBlocStrategies) {
  if (partition.num_players() != game.num_players())
    throw InvalidArgument("the partition has " + std::to_string(partition.num_players()) + " players, the game " +
                          std::to_string(game.num_players()));
  const auto groups = partition.blocs();
  auto layout = alliance::detail::merged_shape(game.players(), game.strategies(), groups, max_joint_strategies);
  CompactGame<Scalar> out(layout.names, layout.labels);
  out.set_title(game.title());
  std::vector<const CompactCondition*> on(game.num_players());
  for (const auto& term : game.terms()) {
    CompactTerm<Scalar> merged;
    std::fill(on.begin(), on.end(), nullptr);
    for (const auto& c : term.when) on[c.actor] = &c;
    for (std::size_t b = 0; b < groups.size(); ++b) {
      bool conditioned = false;
      for (std::size_t i : groups[b]) conditioned = conditioned || on[i];
      if (!conditioned) continue;
      CompactCondition joint{b, std::vector<char>(layout.shape[b], 0)};
      for (std::size_t j = 0; j < layout.shape[b]; ++j) {
        bool meets = true;
        for (std::size_t i : groups[b])
          if (on[i] && !on[i]->allowed[j / layout.inner[i] % game.num_strategies(i)]) meets = false;
        joint.allowed[j] = meets ? 1 : 0;
      }
      merged.when.push_back(std::move(joint));
    }
    for (const auto& [recipient, amount] : term.payoffs) {
      const std::size_t b = layout.group_of[recipient];
      auto it = std::find_if(merged.payoffs.begin(), merged.payoffs.end(), [&](const auto& p) { return p.first == b; });
      if (it == merged.payoffs.end()) merged.payoffs.emplace_back(b, amount);
      else it->second += amount;
    }
    out.add_term(std::move(merged));
  }
  return out;
}

namespace alliance::detail {

/// The certified equilibrium of a compact bloc game by the rule in the
/// header; SolverError when none is reached.
template <class Scalar>
SolveResult<Scalar> bloc_equilibrium(const CompactGame<Scalar>& blocs) {
  auto pure = compact_pure_equilibria(blocs);
  if (!pure.equilibria.empty()) {
    SolveResult<Scalar> out;
    out.method = Method::enumpure;
    out.status = pure.status;
    out.selection = Selection::welfare();
    out.found = pure.equilibria.size();
    out.equilibria = select_equilibria(blocs, std::move(pure.equilibria), Selection::welfare());
    return out;
  }
  std::size_t profiles = 1;
  for (std::size_t s : blocs.shape()) profiles = profiles > kMaxDenseBlocProfiles / s ? kMaxDenseBlocProfiles + 1 : profiles * s;
  if (profiles <= kMaxDenseBlocProfiles) return bloc_equilibrium(blocs.to_dense());
  auto found = solve_compact(blocs.template cast<double>(), {.method = Method::logit, .selection = Selection::first()});
  if (found.equilibria.empty())
    throw SolverError("compact bloc game: no pure equilibrium and the logit branch (" + to_string(found.status) +
                      ") reached no certified equilibrium");
  return from_floating<Scalar>(blocs, std::move(found));
}

/// Each member's expected payoff when the blocs play `profile` in the bloc
/// game `blocs` of `game` (term t of one is term t of the other; header).
template <class Scalar>
std::vector<Scalar> member_payoffs(const CompactGame<Scalar>& game, const CompactGame<Scalar>& blocs,
                                   const MixedProfile<Scalar>& profile) {
  std::vector<Scalar> out(game.num_players(), Scalar(0));
  Scalar chance, mass;
  for (std::size_t t = 0; t < game.terms().size(); ++t) {
    chance = Scalar(1);
    for (const auto& c : blocs.terms()[t].when) {
      mass = Scalar(0);
      for (std::size_t j = 0; j < c.allowed.size(); ++j)
        if (c.allowed[j]) mass += profile[c.actor][j];
      chance *= mass;
      if (chance == 0) break;
    }
    if (chance == 0) continue;
    for (const auto& [recipient, amount] : game.terms()[t].payoffs) out[recipient] += chance * amount;
  }
  return out;
}

}  // namespace alliance::detail

/// The bloc game of `partition` solved by the rule in the header, and each
/// player's share (split none: its own expected payoff; otherwise the split
/// rule of bloc_game.hpp with the characteristic function `v`).
template <class Scalar>
BlocOutcome<Scalar> solve_bloc_game(const CompactGame<Scalar>& game, const Partition& partition,
                                    const CoalitionalGame<Scalar>* v = nullptr, const BlocGameOptions& options = {},
                                    std::size_t max_joint_strategies = kMaxCompactBlocStrategies) {
  const CompactGame<Scalar> blocs = bloc_game(game, partition, max_joint_strategies);
  auto solved = alliance::detail::bloc_equilibrium(blocs);
  BlocOutcome<Scalar> out{partition, std::move(solved.equilibria.front()), solved.method, solved.selection, {}, {}};
  out.bloc_payoffs = out.equilibrium.payoffs;
  if (options.split == BlocSplit::none)
    out.payoffs = alliance::detail::member_payoffs(game, blocs, out.equilibrium.profile);
  else
    out.payoffs = split_payoffs(partition, out.bloc_payoffs, options.split, v);
  return out;
}

}  // namespace entente
