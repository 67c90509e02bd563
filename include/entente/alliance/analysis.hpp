// The whole alliance analysis in one call: the characteristic function, the
// bloc game of every partition (or of a heuristic selection beyond
// kMaxExactPartitionPlayers players), the stability flags of each, each
// player's Shapley and Banzhaf value and the swing players.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "entente/alliance/bloc_game.hpp"
#include "entente/alliance/characteristic_function.hpp"
#include "entente/alliance/partition.hpp"
#include "entente/alliance/stability.hpp"
#include "entente/coop/values.hpp"

namespace entente {

struct AllianceOptions {
  CharacteristicKind value = CharacteristicKind::alpha;
  BlocSplit split = BlocSplit::equal;
  std::vector<Stability> stability = all_stability_notions();
  /// Wall-clock limit for the whole analysis (seconds, > 0).
  double time_limit_seconds = kNoTimeLimit;
  /// Beyond kMaxExactPartitionPlayers players: how many partitions the
  /// heuristic samples (>= 1).
  std::size_t max_partitions = 2000;
  /// Beyond kMaxExactPartitionPlayers players: the longest improvement path
  /// followed from each sample.
  std::size_t max_moves = 50;
  std::uint64_t seed = 0;
};

/// complete, heuristic (n > kMaxExactPartitionPlayers: a sampled selection, see analyse_alliances) or time_limit (partitions holds the ones finished) (entente::Status, status.hpp).
using AllianceStatus = Status;

template <class Scalar>
struct PartitionRecord {
  BlocOutcome<Scalar> outcome;  ///< partition, bloc equilibrium (with regret), payoffs
  StabilityFlags flags;
};

template <class Scalar>
struct AllianceAnalysis {
  CharacteristicFunction<Scalar> characteristic;
  BlocSplit split;
  std::vector<Stability> notions;
  /// In RGS order for exact enumeration (grand coalition first, singletons last).
  std::vector<PartitionRecord<Scalar>> partitions;
  std::vector<Scalar> shapley;   ///< Shapley value of the characteristic function
  std::vector<Scalar> banzhaf;   ///< raw Banzhaf value of the characteristic function
  /// Per requested notion, the swing players (stability.hpp), ascending.
  std::map<Stability, std::vector<std::size_t>> swing_players;
  AllianceStatus status = AllianceStatus::complete;
  std::uint64_t total_partitions = 0;  ///< B(n) (0 when n > 25)
  double seconds = 0;
};

/// The alliance analysis of `game` (see the headers of characteristic_function,
/// bloc_game and stability for every definition). Up to
/// kMaxExactPartitionPlayers players every partition is analysed. Beyond,
/// a documented heuristic: the grand coalition, the all-singletons partition
/// and options.max_partitions sampled ones (sample_partitions), each followed
/// by an improvement path of at most options.max_moves single-player moves
/// (the first move that breaks Nash stability, Bogomolnaia-Jackson's better
/// reply dynamics), which ends at a Nash-stable partition when it converges;
/// the result lists every partition visited (status "heuristic"). Stops with
/// status "time_limit" after options.time_limit_seconds, keeping the
/// partitions finished (the characteristic function, bounded by
/// kMaxCharacteristicWork, is computed first and not interrupted). Throws
/// InvalidArgument for a game too large for the
/// characteristic function, or bad options.
template <class Scalar>
AllianceAnalysis<Scalar> analyse_alliances(const Game<Scalar>& game, const AllianceOptions& options = {}) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  check_time_limit(options.time_limit_seconds, "alliances");
  if (options.max_partitions == 0) throw InvalidArgument("alliances: max_partitions must be at least 1");
  std::vector<Stability> notions;
  for (Stability s : options.stability)
    if (std::find(notions.begin(), notions.end(), s) == notions.end()) notions.push_back(s);
  std::sort(notions.begin(), notions.end());
  const std::size_t n = game.num_players();
  check_characteristic_size(game);

  AllianceAnalysis<Scalar> out{characteristic_function(game, options.value), options.split, notions, {}, {}, {}, {},
                               AllianceStatus::complete, n <= 25 ? bell_number(n) : 0, 0};
  out.shapley = shapley_value(out.characteristic.game);
  out.banzhaf = banzhaf_value(out.characteristic.game);

  const double limit = std::min(options.time_limit_seconds, 1e7);
  const auto deadline = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(limit));
  BlocGameOptions bloc_options{options.split};
  PartitionTable<Scalar> table(game, out.characteristic.game, bloc_options, notions, deadline);

  std::vector<std::size_t> listed;  // table indices, in report order
  try {
    if (n <= kMaxExactPartitionPlayers) {
      for_each_partition(n, [&](const Partition& p) {
        listed.push_back(table.index(p));
        return true;
      });
    } else {
      out.status = AllianceStatus::heuristic;
      std::vector<Partition> starts{Partition(std::vector<std::size_t>(n, 0))};
      std::vector<std::size_t> singletons(n);
      for (std::size_t i = 0; i < n; ++i) singletons[i] = i;
      starts.push_back(Partition(singletons));
      for (auto& p : sample_partitions(n, options.max_partitions, options.seed)) starts.push_back(std::move(p));
      std::vector<char> seen;
      auto visit = [&](const Partition& p) {
        const std::size_t k = table.index(p);
        if (k >= seen.size()) seen.resize(k + 1, 0);
        if (!seen[k]) seen[k] = 1, listed.push_back(k);
        return k;
      };
      for (const auto& s : starts) {
        Partition p = s;
        for (std::size_t step = 0; step <= options.max_moves; ++step) {
          visit(p);
          // Follow the first move that raises the mover's payoff.
          std::optional<Partition> next;
          const auto blocs = p.blocs();
          const std::vector<Scalar> now = table.outcome(p).payoffs;
          for (std::size_t i = 0; i < n && !next; ++i)
            for (std::size_t t = 0; t <= blocs.size() && !next; ++t) {
              if (t == p.bloc_of(i) || (t == blocs.size() && blocs[p.bloc_of(i)].size() == 1)) continue;
              Partition after = p.move(i, t);
              if (table.gains(table.outcome(after).payoffs[i], now[i])) next = std::move(after);
            }
          if (!next || step == options.max_moves) break;
          p = std::move(*next);
        }
      }
    }
    for (std::size_t k : listed) table.flags(k);
  } catch (const alliance::detail::OutOfTime&) {
    out.status = AllianceStatus::time_limit;
  }
  for (std::size_t k : listed) {
    const auto& flags = table.computed_flags(k);
    if (!flags) continue;  // stopped before its flags were checked
    out.partitions.push_back(PartitionRecord<Scalar>{table.outcomes()[k], *flags});
  }
  for (Stability s : notions) {
    std::vector<Partition> stable;
    for (const auto& r : out.partitions)
      if (r.flags[s].value_or(false)) stable.push_back(r.outcome.partition);
    out.swing_players[s] = swing_players(stable);
  }
  out.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return out;
}

}  // namespace entente
