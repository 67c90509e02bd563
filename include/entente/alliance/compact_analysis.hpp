// The alliance analysis of a compact game with many actors (15 to 25), by
// the definitions of the dense analysis (analysis.hpp, stability.hpp) over
// the partitions whose blocs may form: a bloc has at most max_bloc_size
// members and at most max_joint_strategies joint strategies
// (compact_characteristic.hpp's bloc_allowed), since a bloc game's player
// has its members' joint strategies.
//
// Which partitions are analysed:
//  - up to kMaxFarsightedPlayers actors, every partition into allowed blocs
//    (status complete); farsighted stability (the largest consistent set,
//    a property of the set of every partition) only when every bloc is
//    allowed: by default it is left out otherwise, and asking for it is
//    InvalidArgument;
//  - beyond, a local search (status heuristic): the starts are the
//    all-singletons partition, the grand coalition when it is allowed, and
//    options.starts random partitions (sample_partitions with the seed,
//    each bloc then cut, in member order, into allowed blocs); from each
//    start an improvement path of at most options.max_moves single-player
//    moves into allowed blocs, each the first that raises the mover's
//    payoff (Bogomolnaia-Jackson's better-reply dynamics), which ends at a
//    partition Nash stable among the allowed moves when it converges. Every
//    partition on a path is reported, in the order first reached. A path
//    depends on its start alone, so the starts can be split
//    (options.first_start, options.num_starts) across machines and the
//    parts merged (merge_alliance_searches) into exactly the full run.
// Each reported partition carries its bloc game's certified equilibrium
// (compact_bloc_game.hpp) and the flags and margins of stability.hpp,
// computed over the deviations that respect the cap: a move into a bloc
// that would grow past it is not permitted, and the core and exclusive
// checks range over groups (and receiving blocs) of allowed size only. The
// characteristic function is compact_characteristic.hpp's gamma value;
// Shapley and Banzhaf values are exact over its 2^n table, and the
// welfare-maximising structure of allowed blocs is found on it by coalition
// structure generation (compact_welfare.hpp).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "entente/alliance/analysis.hpp"
#include "entente/alliance/compact_bloc_game.hpp"
#include "entente/alliance/compact_characteristic.hpp"
#include "entente/alliance/compact_welfare.hpp"

namespace entente {

struct CompactAllianceOptions {
  /// none by default: no side payments (bloc_game.hpp says why).
  BlocSplit split = BlocSplit::none;
  /// The notions checked; empty: nash, individual, core, exclusive, and
  /// farsighted up to kMaxFarsightedPlayers actors (InvalidArgument beyond).
  std::vector<Stability> stability = {};
  /// Largest number of members of a bloc (>= 1). 2 by default: with 16
  /// actors, 3 checks 696 groups per partition for the core instead of 136
  /// and takes about a minute where 2 takes seconds.
  std::size_t max_bloc_size = 2;
  /// Largest number of joint strategies of a bloc (at least every actor's own count).
  std::size_t max_joint_strategies = kMaxCompactBlocStrategies;
  /// Random starting partitions besides the singletons and the grand coalition.
  std::size_t starts = 8;
  /// The longest improvement path followed from each start.
  std::size_t max_moves = 50;
  std::uint64_t seed = 0;
  /// The slice of the start list (compact_search_starts) this run follows:
  /// from first_start, at most num_starts of them. Beyond
  /// kMaxFarsightedPlayers actors only.
  std::size_t first_start = 0;
  std::size_t num_starts = std::size_t(-1);
  /// The welfare-maximising structure's search: ip (anytime, the default) or dp.
  CoalitionStructureAlgorithm welfare_algorithm = CoalitionStructureAlgorithm::ip;
  /// Wall-clock seconds (> 0) for the welfare structure's search, and as
  /// much again for the partitions' search, each after the characteristic
  /// function.
  double time_limit_seconds = kNoTimeLimit;
  /// Threads solving the starts' bloc games (0: every core); the result is
  /// the same for any number.
  std::size_t threads = 0;
};

/// The analysis of a compact game: the dense analysis' report (over the
/// partitions the search reached) and the welfare-maximising structure.
template <class Scalar>
struct CompactAllianceAnalysis : AllianceAnalysis<Scalar> {
  WelfareStructure<Scalar> welfare;
};

/// The search's starts, in order (see the header): the singletons, the grand
/// coalition when allowed, then options.starts seeded random partitions
/// into allowed blocs.
template <class Scalar>
std::vector<Partition> compact_search_starts(const CompactGame<Scalar>& game, const CompactAllianceOptions& options) {
  const std::size_t n = game.num_players();
  auto allowed = [&](Coalition mask) {
    return bloc_allowed(game, mask, options.max_bloc_size, options.max_joint_strategies);
  };
  std::vector<std::size_t> singletons(n);
  for (std::size_t i = 0; i < n; ++i) singletons[i] = i;
  std::vector<Partition> out{Partition(singletons)};
  if (allowed(Coalition((std::uint64_t(1) << n) - 1))) out.push_back(Partition(std::vector<std::size_t>(n, 0)));
  for (const auto& p : sample_partitions(n, options.starts, options.seed)) {
    std::vector<std::size_t> labels(n);
    std::size_t next = 0;
    for (const auto& bloc : p.blocs()) {
      Coalition chunk = 0;
      for (std::size_t i : bloc) {
        if (chunk && !allowed(chunk | Coalition(1) << i)) chunk = 0, ++next;
        chunk |= Coalition(1) << i;
        labels[i] = next;
      }
      ++next;
    }
    out.push_back(Partition::canonical(labels));
  }
  return out;
}

/// The alliance analysis of a compact game (see the header). Throws
/// InvalidArgument for bad options, more than
/// kMaxCompactCharacteristicPlayers actors, or farsighted stability beyond
/// kMaxFarsightedPlayers actors or with a cap on blocs.
template <class Scalar>
CompactAllianceAnalysis<Scalar> analyse_alliances(const CompactGame<Scalar>& game,
                                                  const CompactAllianceOptions& options) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  check_time_limit(options.time_limit_seconds, "alliances");
  const std::size_t n = game.num_players();
  if (options.max_bloc_size == 0) throw InvalidArgument("alliances: max_bloc_size must be at least 1");
  std::vector<Stability> notions = alliance::detail::resolve_notions(options.stability, n);
  // Farsighted stability is a property of the set of every partition.
  const bool capped = !bloc_allowed(game, Coalition((std::uint64_t(1) << n) - 1), options.max_bloc_size,
                                    options.max_joint_strategies);
  if (const auto it = std::find(notions.begin(), notions.end(), Stability::farsighted); capped && it != notions.end()) {
    if (!options.stability.empty())
      throw InvalidArgument("alliances: farsighted stability needs every partition, so blocs of every size "
                            "(max_bloc_size at least the number of actors, and their joint strategies within the cap)");
    notions.erase(it);
  }
  CompactAllianceAnalysis<Scalar> out{
      {compact_characteristic_function(game, options.max_bloc_size, options.max_joint_strategies), options.split,
       notions, {}, {}, {}, {}, {}, Scalar(0), AllianceStatus::complete, bell_number(n), 0,
       AllianceSearch{options.max_bloc_size, options.max_joint_strategies, options.starts, options.max_moves,
                      options.seed}},
      {}};
  out.shapley = shapley_value(out.characteristic.game);
  out.banzhaf = banzhaf_value(out.characteristic.game);
  out.welfare = welfare_maximising_structure(game, out.characteristic, options.max_bloc_size,
                                             options.max_joint_strategies,
                                             {options.welfare_algorithm, options.time_limit_seconds});

  const double limit = std::min(options.time_limit_seconds, 1e7);
  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(limit));
  PartitionTable<Scalar, CompactGame<Scalar>> table(game, out.characteristic.game, BlocGameOptions{options.split},
                                                    notions, deadline);
  table.restrict_blocs(
      options.max_bloc_size,
      [&](Coalition mask) { return bloc_allowed(game, mask, options.max_bloc_size, options.max_joint_strategies); },
      options.max_joint_strategies);
  alliance::detail::analyse_listed(out, table, options.threads, true, [&](std::vector<std::size_t>& listed) {
    if (n <= kMaxFarsightedPlayers) {
      auto parts = all_partitions(n);
      std::erase_if(parts, [&](const Partition& p) {
        const auto masks = p.masks();
        return !std::all_of(masks.begin(), masks.end(), [&](Coalition m) { return table.allowed(m); });
      });
      alliance::detail::list_partitions(table, parts, options.threads, listed);
    } else {
      out.status = AllianceStatus::heuristic;
      const auto every = compact_search_starts(game, options);
      const std::size_t first = std::min(options.first_start, every.size());
      const std::size_t last = first + std::min(options.num_starts, every.size() - first);
      const std::vector<Partition> starts(every.begin() + std::ptrdiff_t(first), every.begin() + std::ptrdiff_t(last));
      alliance::detail::follow_improvement_paths(table, starts, options.max_moves, options.threads, listed);
    }
  });
  out.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return out;
}

/// One analysis from runs of the same search over consecutive slices of its
/// starts (in slice order): the partitions in the order first reached,
/// each once, the swing players and most stable partitions recomputed; the
/// same as one run over all the starts (status time_limit if any part
/// stopped; seconds the parts' sum; a CompactAllianceAnalysis' welfare
/// structure the first part's, which every part computes alike).
/// InvalidArgument for no parts.
template <class Analysis>
Analysis merge_alliance_searches(std::vector<Analysis> parts) {
  if (parts.empty()) throw InvalidArgument("merge_alliance_searches: no parts");
  Analysis out = std::move(parts.front());
  std::vector<Partition> seen;
  for (const auto& r : out.partitions) seen.push_back(r.outcome.partition);
  std::sort(seen.begin(), seen.end());
  for (std::size_t k = 1; k < parts.size(); ++k) {
    if (parts[k].status == AllianceStatus::time_limit) out.status = AllianceStatus::time_limit;
    out.seconds += parts[k].seconds;
    for (auto& r : parts[k].partitions) {
      auto at = std::lower_bound(seen.begin(), seen.end(), r.outcome.partition);
      if (at != seen.end() && *at == r.outcome.partition) continue;
      seen.insert(at, r.outcome.partition);
      out.partitions.push_back(std::move(r));
    }
  }
  alliance::detail::summarise_analysis(out);
  return out;
}

}  // namespace entente
