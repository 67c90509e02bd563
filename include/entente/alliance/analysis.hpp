// The whole alliance analysis in one call: the characteristic function, the
// bloc game of every partition (or of a heuristic selection beyond
// kMaxExactPartitionPlayers players), the stability flags and margins of
// each, farsighted stability (the largest consistent set), each player's
// Shapley and Banzhaf value, the swing players, the most stable partitions
// of every notion that no partition satisfies, and queries about one bloc.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "entente/alliance/bloc_game.hpp"
#include "entente/alliance/characteristic_function.hpp"
#include "entente/alliance/farsighted.hpp"
#include "entente/alliance/partition.hpp"
#include "entente/alliance/stability.hpp"
#include "entente/coop/values.hpp"

namespace entente {

struct AllianceOptions {
  CharacteristicKind value = CharacteristicKind::alpha;
  /// none by default: no side payments (bloc_game.hpp says why).
  BlocSplit split = BlocSplit::none;
  /// The notions checked. Empty (the default): nash, individual, core,
  /// exclusive, and farsighted when the game has at most
  /// kMaxFarsightedPlayers players. Asking for farsighted beyond that is
  /// InvalidArgument.
  std::vector<Stability> stability = {};
  /// Wall-clock limit for the whole analysis (seconds, > 0).
  double time_limit_seconds = kNoTimeLimit;
  /// Beyond kMaxExactPartitionPlayers players: how many partitions the
  /// heuristic samples (>= 1).
  std::size_t max_partitions = 2000;
  /// Beyond kMaxExactPartitionPlayers players: the longest improvement path
  /// followed from each sample.
  std::size_t max_moves = 50;
  std::uint64_t seed = 0;
  /// Threads solving the bloc games (0: every core). The result is the
  /// same for any number: each bloc game is solved on its own and the
  /// partitions are recorded in the same order. Up to
  /// kMaxExactPartitionPlayers players every partition's bloc game is
  /// solved in parallel; beyond, the sampled starting partitions are.
  std::size_t threads = 0;
};

/// complete, heuristic (n > kMaxExactPartitionPlayers: a sampled selection, see analyse_alliances) or time_limit (partitions holds the ones finished) (entente::Status, status.hpp).
using AllianceStatus = Status;

template <class Scalar>
struct PartitionRecord {
  BlocOutcome<Scalar> outcome;  ///< partition, bloc equilibrium (with regret), payoffs
  StabilityFlags<Scalar> flags;  ///< flags, margins and deviations per notion
};

/// The parameters of a compact game's analysis, echoed in its report.
struct AllianceSearch {
  std::size_t max_bloc_size = 0;         ///< largest number of members of a bloc
  std::size_t max_joint_strategies = 0;  ///< largest number of joint strategies of a bloc
  std::size_t starts = 0;                ///< random starting partitions (local search only)
  std::size_t max_moves = 0;             ///< longest improvement path
  std::uint64_t seed = 0;
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
  /// Per graded notion that no listed partition satisfies: the partitions
  /// (indices into `partitions`) of the smallest margin, ties within the
  /// tolerance. Notions with a stable partition, and farsighted (not
  /// graded), are absent.
  std::map<Stability, std::vector<std::size_t>> most_stable;
  /// The tolerance of the stability tests (stability.hpp).
  Scalar tolerance{0};
  AllianceStatus status = AllianceStatus::complete;
  std::uint64_t total_partitions = 0;  ///< B(n) (0 when n > 25)
  double seconds = 0;
  /// The compact game's analysis (compact_analysis.hpp): its parameters;
  /// unset for the dense analysis.
  std::optional<AllianceSearch> search;
};

namespace alliance::detail {

/// The notions to check: the requested ones (deduplicated, sorted) or, for
/// none, nash, individual, core, exclusive and (up to
/// kMaxFarsightedPlayers players) farsighted. Farsighted beyond that is
/// InvalidArgument.
inline std::vector<Stability> resolve_notions(const std::vector<Stability>& requested, std::size_t n) {
  std::vector<Stability> notions;
  for (Stability s : requested)
    if (std::find(notions.begin(), notions.end(), s) == notions.end()) notions.push_back(s);
  if (requested.empty()) {
    notions = {Stability::nash, Stability::individual, Stability::core, Stability::exclusive};
    if (n <= kMaxFarsightedPlayers) notions.push_back(Stability::farsighted);
  }
  std::sort(notions.begin(), notions.end());
  if (std::find(notions.begin(), notions.end(), Stability::farsighted) != notions.end() && n > kMaxFarsightedPlayers)
    throw InvalidArgument("alliances: farsighted stability is limited to " + std::to_string(kMaxFarsightedPlayers) +
                          " players (B(7) = 877 partitions); this game has " + std::to_string(n) +
                          " (leave farsighted out of the notions)");
  return notions;
}

/// Solves `parts` on `threads` threads and appends them to `listed` in order.
template <class Table>
void list_partitions(Table& table, const std::vector<Partition>& parts, std::size_t threads,
                     std::vector<std::size_t>& listed) {
  table.solve_all(parts, threads);
  for (const auto& p : parts) listed.push_back(table.index(p));
}

/// Appends to `listed` (table indices, each once) every
/// partition on the improvement path from each start in turn: at most
/// max_moves single-player moves, each the first (player, then target bloc,
/// going alone last) that raises the mover's payoff and whose new bloc the
/// table allows (Bogomolnaia-Jackson's better-reply dynamics). A path
/// depends on its start only, so any split of the starts lists the same.
template <class Table>
void follow_improvement_paths(Table& table, const std::vector<Partition>& starts, std::size_t max_moves,
                              std::size_t threads, std::vector<std::size_t>& listed) {
  using Scalar = std::decay_t<decltype(table.tolerance())>;
  table.solve_all(starts, threads);  // the starts' bloc games in parallel; the paths one move at a time
  std::vector<char> seen;
  auto visit = [&](const Partition& p) {
    const std::size_t k = table.index(p);
    if (k >= seen.size()) seen.resize(k + 1, 0);
    if (!seen[k]) seen[k] = 1, listed.push_back(k);
  };
  for (const auto& s : starts) {
    Partition p = s;
    for (std::size_t step = 0; step <= max_moves; ++step) {
      visit(p);
      std::optional<Partition> next;
      const auto blocs = p.blocs();
      const auto masks = p.masks();
      const std::vector<Scalar> now = table.outcome(p).payoffs;
      for (std::size_t i = 0; i < p.num_players() && !next; ++i)
        for (std::size_t t = 0; t <= blocs.size() && !next; ++t) {
          if (t == p.bloc_of(i) || (t == blocs.size() && blocs[p.bloc_of(i)].size() == 1)) continue;
          if (t < blocs.size() && !table.allowed(masks[t] | Coalition(1) << i)) continue;
          Partition after = p.move(i, t);
          if (table.gains(table.outcome(after).payoffs[i], now[i])) next = std::move(after);
        }
      if (!next || step == max_moves) break;
      p = std::move(*next);
    }
  }
}

/// The swing players of every notion and the most stable partitions of
/// every graded notion that no record satisfies, from out.partitions.
template <class Scalar>
void summarise_analysis(AllianceAnalysis<Scalar>& out) {
  out.swing_players.clear();
  out.most_stable.clear();
  for (Stability s : out.notions) {
    std::vector<Partition> stable;
    for (const auto& r : out.partitions)
      if (r.flags[s].value_or(false)) stable.push_back(r.outcome.partition);
    out.swing_players[s] = swing_players(stable);
    if (!stable.empty() || s == Stability::farsighted || out.partitions.empty()) continue;
    // Nothing stable: every margin is set (an unset one would be stable).
    Scalar best = *out.partitions.front().flags.margin[std::size_t(s)];
    for (const auto& r : out.partitions) best = std::min<Scalar>(best, *r.flags.margin[std::size_t(s)]);
    auto& most = out.most_stable[s];
    for (std::size_t k = 0; k < out.partitions.size(); ++k)
      if (!(*out.partitions[k].flags.margin[std::size_t(s)] > best + out.tolerance)) most.push_back(k);
  }
}

/// Fills out.partitions from the table's `listed` partitions (those whose
/// flags were computed), farsighted membership first when it is asked for
/// and every partition is done, then summarise_analysis.
template <class Scalar, class Table>
void finish_analysis(AllianceAnalysis<Scalar>& out, Table& table, const std::vector<std::size_t>& listed) {
  // Farsighted: a property of the set of all partitions, so only when every
  // one is done (the flag stays unset after a time limit).
  const bool farsighted = std::find(out.notions.begin(), out.notions.end(), Stability::farsighted) != out.notions.end();
  if (farsighted && out.status == AllianceStatus::complete) {
    std::vector<Partition> parts;
    std::vector<std::vector<Scalar>> payoffs;
    for (std::size_t k : listed) {
      parts.push_back(table.outcomes()[k].partition);
      payoffs.push_back(table.outcomes()[k].payoffs);
    }
    const auto member = largest_consistent_set(parts, payoffs, table.tolerance());
    for (std::size_t j = 0; j < listed.size(); ++j) table.set_farsighted(listed[j], member[j]);
  }
  for (std::size_t k : listed) {
    const auto& flags = table.computed_flags(k);
    if (!flags) continue;  // stopped before its flags were checked
    out.partitions.push_back(PartitionRecord<Scalar>{table.outcomes()[k], *flags});
  }
  out.tolerance = table.tolerance();
  summarise_analysis(out);
}

/// Runs `list(listed)`, which solves partitions and lists them (table
/// indices, in report order), then checks the stability of each listed one
/// on `threads` threads (with `prefetch`, their deviations' bloc games are
/// first solved on that many threads; table.flags_all says when the checks
/// run in parallel); past the table's deadline the status becomes
/// time_limit and what was finished is kept. Then finish_analysis.
template <class Scalar, class Table, class List>
void analyse_listed(AllianceAnalysis<Scalar>& out, Table& table, std::size_t threads, bool prefetch, List&& list) {
  std::vector<std::size_t> listed;
  try {
    list(listed);
    if (prefetch) table.prefetch_deviations(listed, threads);
    table.flags_all(listed, threads, prefetch);
  } catch (const OutOfTime&) {
    out.status = AllianceStatus::time_limit;
  }
  finish_analysis(out, table, listed);
}

}  // namespace alliance::detail

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
  const std::size_t n = game.num_players();
  const std::vector<Stability> notions = alliance::detail::resolve_notions(options.stability, n);
  check_characteristic_size(game);

  AllianceAnalysis<Scalar> out{characteristic_function(game, options.value),
                               options.split,
                               notions,
                               {},
                               {},
                               {},
                               {},
                               {},
                               Scalar(0),
                               AllianceStatus::complete,
                               n <= 25 ? bell_number(n) : 0,
                               0};
  out.shapley = shapley_value(out.characteristic.game);
  out.banzhaf = banzhaf_value(out.characteristic.game);

  const double limit = std::min(options.time_limit_seconds, 1e7);
  const auto deadline = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(limit));
  BlocGameOptions bloc_options{options.split};
  PartitionTable<Scalar> table(game, out.characteristic.game, bloc_options, notions, deadline);

  alliance::detail::analyse_listed(out, table, options.threads, false, [&](std::vector<std::size_t>& listed) {
    if (n <= kMaxExactPartitionPlayers) {
      alliance::detail::list_partitions(table, all_partitions(n), options.threads, listed);
    } else {
      out.status = AllianceStatus::heuristic;
      std::vector<Partition> starts{Partition(std::vector<std::size_t>(n, 0))};
      std::vector<std::size_t> singletons(n);
      for (std::size_t i = 0; i < n; ++i) singletons[i] = i;
      starts.push_back(Partition(singletons));
      for (auto& p : sample_partitions(n, options.max_partitions, options.seed)) starts.push_back(std::move(p));
      alliance::detail::follow_improvement_paths(table, starts, options.max_moves, options.threads, listed);
    }
  });
  out.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return out;
}

/// What the analysis says about one bloc, per notion.
template <class Scalar>
struct BlocStanding {
  /// Some stable partition has exactly this bloc among its blocs.
  bool stable = false;
  /// The best partition containing the bloc (index into
  /// AllianceAnalysis::partitions): a stable one when there is one, and
  /// among those or else among all, the smallest margin (an unset margin,
  /// no permitted deviation, counts as the smallest; farsighted, not
  /// graded: the first in the analysis' order). Unset when no listed
  /// partition contains the bloc.
  std::optional<std::size_t> partition;
  /// That partition's margin (unset for farsighted, or when no deviation
  /// is permitted).
  std::optional<Scalar> margin;
};

template <class Scalar>
struct BlocQuery {
  std::vector<std::size_t> members;  ///< ascending player indices
  std::map<Stability, BlocStanding<Scalar>> notions;
};

/// Per notion of `analysis`, whether some stable partition contains exactly
/// the bloc `members` (player indices), and the best margin among the
/// partitions that contain it. Throws InvalidArgument for an empty bloc, a
/// player out of range or one named twice.
template <class Scalar>
BlocQuery<Scalar> bloc_query(const AllianceAnalysis<Scalar>& analysis, std::vector<std::size_t> members) {
  const std::size_t n = analysis.characteristic.game.num_players();
  if (members.empty()) throw InvalidArgument("bloc query: the bloc needs at least one player");
  Coalition mask = 0;
  for (std::size_t i : members) {
    if (i >= n)
      throw InvalidArgument("bloc query: player " + std::to_string(i) + " out of range (n = " + std::to_string(n) + ")");
    if (mask >> i & 1u) throw InvalidArgument("bloc query: player " + std::to_string(i) + " is named twice");
    mask |= Coalition(1) << i;
  }
  std::sort(members.begin(), members.end());
  BlocQuery<Scalar> out{members, {}};
  for (Stability s : analysis.notions) {
    BlocStanding<Scalar> best;
    bool best_stable = false;
    for (std::size_t k = 0; k < analysis.partitions.size(); ++k) {
      const auto& r = analysis.partitions[k];
      const auto masks = r.outcome.partition.masks();
      if (std::find(masks.begin(), masks.end(), mask) == masks.end()) continue;
      const bool stable = r.flags[s].value_or(false);
      const auto& margin = r.flags.margin[std::size_t(s)];
      bool better = !best.partition || (stable && !best_stable);
      if (!better && stable == best_stable && best.margin)
        better = !margin || *margin < *best.margin;
      if (better) best.partition = k, best.margin = margin, best_stable = stable;
    }
    best.stable = best_stable;
    out.notions[s] = best;
  }
  return out;
}

}  // namespace entente
