// Which partitions (bloc structures) are stable, given each player's payoff
// under every partition (the bloc game of bloc_game.hpp with a split rule),
// and by how much: every notion is graded by a MARGIN.
//
// For a partition P, u_i(P) is player i's payoff. A MOVE of player i takes i
// out of its bloc into another existing bloc C of P, or alone (when i's bloc
// has other members); P' is the resulting partition. Following Bogomolnaia &
// Jackson, "The stability of hedonic coalition structures", GEB 38 (2002)
// 201-230, Def. 2-4, adapted to payoffs that depend on the whole partition,
// each notion PERMITS some moves:
//  - nash: every move;
//  - individual: a move into C when no member of C loses (u_j(P') >= u_j(P)
//    for every j in C); going alone needs no one's consent;
//  - exclusive membership (Hart & Kurz 1983's exclusive "delta" model; Yi,
//    "Stable coalition structures with externalities", GEB 20 (1997) 201-237):
//    a move into C when every member of C gains (C's explicit consent);
//    going alone is free.
// The margin of P under such a notion is the largest gain u_i(P') - u_i(P)
// of a permitted move. Core: a non-empty group S deviates by leaving its
// blocs to form one bloc (P' = P.split_off(S), the rest keep theirs; S that
// is already a bloc of P is no deviation):
//  - with split none (no side payments) S deviates when EVERY member gains,
//    and the margin is max over S of min_{i in S} (u_i(P') - u_i(P));
//  - with a transferable split (equal, shapley, proportional) S deviates
//    when its summed payoff rises, and the margin is max over S of
//    (S's bloc payoff in P' - sum_{i in S} u_i(P)) / |S|, the gain per member.
// The margin is the RAW largest gain: negative means every permitted
// deviation loses, and by how much (how far P is from being blocked; the
// most stable partition has the smallest margin). A notion with no
// permitted deviation at all (e.g. individual stability of the singletons
// when no one would take the mover in) has no margin (nullopt, JSON null):
// stable, vacuously. P is stable under a notion exactly when its margin is
// not above the tolerance: 0 for Rational; for double 1e-9 times n times
// max(1, largest |payoff| of the game). So nash => individual => exclusive.
// Each margin comes with the deviation that attains it (who, from P to P',
// the gain, a sentence); `blocked_by` is that deviation when it breaks P.
//
// Farsighted stability (the notion `farsighted`, farsighted.hpp) is Chwe's
// largest consistent set; it is a set, not a graded test: its flag is
// membership and its margin is always nullopt.
//
// Swing players, for one notion: player i is a swing player when there are
// two stable partitions that differ only in i's bloc (one is the other after
// a move of i). The others' blocs being fixed, i's choice of side decides
// which of two stable structures forms: i holds the balance between them.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <type_traits>
#include <string>
#include <unordered_map>
#include <vector>

#include "entente/alliance/bloc_game.hpp"
#include "entente/alliance/partition.hpp"
#include "entente/cancel.hpp"
#include "entente/scenario/point_pool.hpp"

namespace entente {

enum class Stability { nash = 0, individual = 1, core = 2, exclusive = 3, farsighted = 4 };
inline constexpr std::size_t kStabilityNotions = 5;

inline std::string to_string(Stability s) {
  switch (s) {
    case Stability::nash: return "nash";
    case Stability::individual: return "individual";
    case Stability::core: return "core";
    case Stability::exclusive: return "exclusive";
    case Stability::farsighted: return "farsighted";
  }
  return "?";
}

/// "nash", "individual", "core", "exclusive" or "farsighted"; anything else
/// is InvalidArgument.
inline Stability parse_stability(const std::string& text) {
  for (std::size_t k = 0; k < kStabilityNotions; ++k)
    if (to_string(Stability(k)) == text) return Stability(k);
  throw InvalidArgument("unknown stability notion '" + text +
                        "' (expected nash, individual, core, exclusive or farsighted)");
}

/// Every notion, farsighted included.
inline const std::vector<Stability>& all_stability_notions() {
  static const std::vector<Stability> all{Stability::nash, Stability::individual, Stability::core,
                                          Stability::exclusive, Stability::farsighted};
  return all;
}

/// A deviation from partition `from` to `to` by the players `who` (one
/// mover, or a group), with the gain that grades it (see the header) and a
/// sentence saying it.
template <class Scalar>
struct Deviation {
  std::vector<std::size_t> who;
  Partition from;
  Partition to;
  Scalar gain;
  std::string text;
};

/// Per notion: the flag (unset = not checked), the margin (unset when no
/// deviation is permitted, and always for farsighted) and the deviation
/// that attains it.
template <class Scalar>
struct StabilityFlags {
  std::array<std::optional<bool>, kStabilityNotions> stable;
  std::array<std::optional<Scalar>, kStabilityNotions> margin;
  std::array<std::optional<Deviation<Scalar>>, kStabilityNotions> deviation;

  std::optional<bool> operator[](Stability s) const { return stable[std::size_t(s)]; }
  /// The deviation that breaks notion s, or nullptr when s holds (or was not checked).
  const Deviation<Scalar>* blocked_by(Stability s) const {
    const auto& d = deviation[std::size_t(s)];
    return d && stable[std::size_t(s)] == false ? &*d : nullptr;
  }
  /// Number of notions checked and satisfied.
  std::size_t count() const {
    std::size_t c = 0;
    for (const auto& f : stable) c += (f && *f) ? 1 : 0;
    return c;
  }
};

namespace alliance::detail {
/// Thrown inside the table when the analysis runs out of time; caught by
/// analyse_alliances, which reports the status.
struct OutOfTime {};
}  // namespace alliance::detail

/// The payoffs of partitions, each bloc game solved once on first use, and
/// their stability flags and margins. Partitions are keyed by their RGS.
/// GameT is Game<Scalar> or CompactGame<Scalar> (whose bloc games are
/// compact_bloc_game.hpp's; include it before instantiating).
template <class Scalar, class GameT = Game<Scalar>>
class PartitionTable {
 public:
  using Clock = std::chrono::steady_clock;

  /// `v` must outlive the table (needed by the shapley/proportional splits).
  PartitionTable(const GameT& game, const CoalitionalGame<Scalar>& v, BlocGameOptions options,
                 std::vector<Stability> notions, Clock::time_point deadline = Clock::time_point::max())
      : game_(game), v_(v), options_(options), notions_(std::move(notions)), deadline_(deadline) {
    if constexpr (!is_exact_v<Scalar>) {
      // The largest |payoff| (for a compact game its bound, payoff_scale).
      double m = 1.0;
      if constexpr (requires { game.payoff_scale(); })
        m = std::max(m, game.payoff_scale());
      else
        for (std::size_t i = 0; i < game.num_players(); ++i)
          for (double x : game.payoffs(i)) m = std::max(m, std::abs(x));
      tol_ = ScalarTraits<double>::eps() * m * double(game.num_players());
    }
  }

  /// Restricts the deviations checked to those whose new bloc may form:
  /// `allowed(mask)` (and at most max_size members); a move into a bloc, or
  /// a core group, that would break it is not a permitted deviation. For
  /// a compact game, `max_joint` is its bloc games' cap on joint strategies.
  void restrict_blocs(std::size_t max_size, std::function<bool(Coalition)> allowed,
                      std::size_t max_joint = std::size_t(-1)) {
    max_size_ = max_size;
    allowed_ = std::move(allowed);
    max_joint_ = max_joint;
  }
  /// True when `mask` may form a bloc (restrict_blocs; always without it).
  bool allowed(Coalition mask) const {
    return std::size_t(std::popcount(mask)) <= max_size_ && (!allowed_ || allowed_(mask));
  }

  /// The index of `p` in outcomes(), solving its bloc game if new.
  std::size_t index(const Partition& p) {
    if (rank_) return (*rank_)(p);
    const std::string key = key_of(p);
    if (auto it = index_.find(key); it != index_.end()) return it->second;
    check_cancelled();
    if (Clock::now() > deadline_) throw alliance::detail::OutOfTime{};
    append(solve(p), key);
    return outcomes_.size() - 1;
  }

  /// Solves the bloc games of the partitions in `parts` that the table does
  /// not hold yet, on `threads` threads (0: every core; the sweeps' pool,
  /// point_pool.hpp, one partition a claim), then adds them in the order
  /// given: the table ends exactly as after index() on each in turn, for
  /// any number of threads (each bloc game's solve depends on that game
  /// only). Each worker polls the caller's cancel flag and the deadline
  /// before every solve; the error of the earliest partition (OutOfTime,
  /// Interrupted, a SolverError) is rethrown and nothing is added.
  void solve_all(const std::vector<Partition>& parts, std::size_t threads) {
    std::vector<const Partition*> todo;
    std::unordered_map<std::string, char> queued;
    for (const auto& p : parts) {
      std::string key = key_of(p);
      if (index_.count(key) || queued.count(key)) continue;
      queued.emplace(std::move(key), 1);
      todo.push_back(&p);
    }
    std::vector<std::optional<BlocOutcome<Scalar>>> solved(todo.size());
    auto solve_one = [&](std::size_t k) {
      check_cancelled();
      if (Clock::now() > deadline_) throw alliance::detail::OutOfTime{};
      solved[k] = solve(*todo[k]);
    };
    if (threads == 1 || todo.size() < 2) {
      for (std::size_t k = 0; k < todo.size(); ++k) solve_one(k);
    } else {
      // Chunks of one: a bloc game takes from microseconds (a pure
      // equilibrium) to a second (logit on 27 x 9 x 9), so larger chunks
      // leave one thread with the last hard games.
      scenario::detail::PoolOptions pool;
      pool.threads = threads;
      pool.chunk = 1;
      scenario::detail::run_on_points(todo.size(), pool, [&] { return [&](std::size_t k, bool) { solve_one(k); }; });
    }
    for (std::size_t k = 0; k < todo.size(); ++k) append(std::move(*solved[k]), key_of(*todo[k]));
    use_ranks_if_complete();
  }

  /// The index of the partition with bloc labels `labels` (any labelling),
  /// without building a Partition when it is known already: the stability
  /// checks look up every neighbour of every partition, 2^n of them for the core.
  std::size_t index_of_labels(const std::vector<std::size_t>& labels) {
    if (rank_) return (*rank_)(labels.data());
    if (labels.size() <= kCodePlayers)
      if (auto it = code_index_.find(code_of(labels)); it != code_index_.end()) return it->second;
    return index(Partition::canonical(labels));
  }
  const BlocOutcome<Scalar>& outcome(const Partition& p) { return outcomes_[index(p)]; }
  const std::vector<BlocOutcome<Scalar>>& outcomes() const { return outcomes_; }
  std::size_t size() const { return outcomes_.size(); }
  /// Flags of outcome k if already computed.
  const std::optional<StabilityFlags<Scalar>>& computed_flags(std::size_t k) const { return flags_.at(k); }
  /// Sets the farsighted flag of outcome k (its flags must be computed).
  void set_farsighted(std::size_t k, bool member) { flags_.at(k)->stable[std::size_t(Stability::farsighted)] = member; }

  /// The stability flags and margins of outcome k under the requested
  /// notions (farsighted, a property of the whole set, is left to
  /// set_farsighted).
  const StabilityFlags<Scalar>& flags(std::size_t k) {
    if (flags_.at(k)) return *flags_[k];
    // Checked here too: with every partition already solved, index() no
    // longer looks at the clock.
    check_cancelled();
    if (Clock::now() > deadline_) throw alliance::detail::OutOfTime{};
    StabilityFlags<Scalar> f;
    if (checks_moves()) move_deviations(k, f);
    if (checks(Stability::core)) core_deviation(k, f);
    for (Stability s : notions_) {
      if (s == Stability::farsighted) continue;
      const auto& m = f.margin[std::size_t(s)];
      f.stable[std::size_t(s)] = !m || !(*m > tol_);
    }
    flags_[k] = std::move(f);
    return *flags_[k];
  }

  /// The flags of every outcome in `ks` (as flags(k) on each), on `threads`
  /// threads when every lookup they make finds its partition in the table
  /// (it holds every partition, or `solved`: prefetch_deviations(ks) ran),
  /// so that they only read it; else in turn. The same flags for any number
  /// of threads.
  void flags_all(const std::vector<std::size_t>& ks, std::size_t threads, bool solved) {
    if (!(rank_ || solved) || threads == 1 || ks.size() < 2) {
      for (std::size_t k : ks) flags(k);
      return;
    }
    scenario::detail::PoolOptions pool;
    pool.threads = threads;
    scenario::detail::run_on_points(ks.size(), pool, [&] { return [&](std::size_t j, bool) { flags(ks[j]); }; });
  }

  /// Solves, on `threads` threads (solve_all), the bloc games of every
  /// partition that the stability checks of outcomes `ks` will look up, so
  /// that flags() then finds them all in the table.
  void prefetch_deviations(const std::vector<std::size_t>& ks, std::size_t threads) {
    const bool moves = checks_moves(), core = checks(Stability::core);
    std::vector<Partition> parts;
    for (std::size_t k : ks) {
      const Partition p = outcomes_.at(k).partition;
      auto add = [&](const std::vector<std::size_t>& labels) { parts.push_back(Partition::canonical(labels)); };
      if (moves) for_each_move(p, [&](std::size_t, std::size_t, const auto& labels) { add(labels); });
      if (core) for_each_group(p, [&](Coalition, const auto& labels) { add(labels); });
    }
    solve_all(parts, threads);
  }

  /// True when a is more than the tolerance above b.
  bool gains(const Scalar& a, const Scalar& b) const { return a > b + tol_; }
  const Scalar& tolerance() const { return tol_; }
  const std::vector<Stability>& notions() const { return notions_; }

 private:
  bool checks(Stability s) const { return std::find(notions_.begin(), notions_.end(), s) != notions_.end(); }
  /// nash, individual or exclusive: the notions graded by single moves.
  bool checks_moves() const {
    return checks(Stability::nash) || checks(Stability::individual) || checks(Stability::exclusive);
  }

  /// Once the table holds every partition in for_each_partition's order
  /// (the exact analysis), a partition's index is its rank: no hashing.
  void use_ranks_if_complete() {
    if (rank_ || outcomes_.empty()) return;
    const std::size_t n = outcomes_.front().partition.num_players();
    if (n > kMaxExactPartitionPlayers || outcomes_.size() != bell_number(n)) return;
    PartitionRank rank(n);
    for (std::size_t k = 0; k < outcomes_.size(); ++k)
      if (rank(outcomes_[k].partition) != k) return;
    rank_.emplace(std::move(rank));
  }

  /// Adds a solved outcome under `key`, and its payoffs to the flat tables.
  void append(BlocOutcome<Scalar> solved, const std::string& key) {
    const Partition& p = solved.partition;
    if (p.num_players() <= kCodePlayers) code_index_.emplace(code_of(p.bloc_of()), outcomes_.size());
    index_.emplace(key, outcomes_.size());
    for (std::size_t i = 0; i < p.num_players(); ++i) {
      payoff_.push_back(solved.payoffs[i]);
      bloc_total_.push_back(solved.bloc_payoffs[p.bloc_of(i)]);
    }
    outcomes_.push_back(std::move(solved));
    flags_.emplace_back();
  }

  BlocOutcome<Scalar> solve(const Partition& p) const {
    if constexpr (std::is_same_v<GameT, Game<Scalar>>)
      return solve_bloc_game(game_, p, &v_, options_);
    else
      return solve_bloc_game(game_, p, &v_, options_, max_joint_);
  }

  /// Up to this many players a partition is also keyed by a 64-bit code.
  static constexpr std::size_t kCodePlayers = 12;

  /// 5 bits per player: the canonical (first appearance) relabelling of `labels`.
  static std::uint64_t code_of(const std::vector<std::size_t>& labels) {
    std::array<std::uint8_t, 64> seen;
    seen.fill(0xff);
    std::uint64_t code = 0, next = 0;
    for (std::size_t i = 0; i < labels.size(); ++i) {
      auto& c = seen[labels[i] & 63];
      if (c == 0xff) c = std::uint8_t(next++);
      code |= std::uint64_t(c) << (5 * i);
    }
    return code;
  }

  static std::string key_of(const Partition& p) {
    std::string key;
    for (std::size_t b : p.bloc_of()) key.push_back(char(b));
    return key;
  }

  /// Keeps `d` as notion s's deviation when it gains more than the current one.
  static void offer(StabilityFlags<Scalar>& f, Stability s, const Deviation<Scalar>& d) {
    auto& m = f.margin[std::size_t(s)];
    if (m && !(d.gain > *m)) return;
    m = d.gain;
    f.deviation[std::size_t(s)] = d;
  }

  /// Calls f(i, target, labels) for every move the notions may permit:
  /// player i into bloc `target` of p (target == p.num_blocs(): alone, when
  /// its bloc has others) whose grown bloc is allowed; labels: after it.
  template <class F>
  void for_each_move(const Partition& p, F&& f) const {
    const auto masks = p.masks();
    std::vector<std::size_t> labels = p.bloc_of();
    for (std::size_t i = 0; i < p.num_players(); ++i) {
      const std::size_t own = p.bloc_of(i);
      for (std::size_t target = 0; target <= masks.size(); ++target) {
        if (target == own) continue;
        const bool alone = target == masks.size();
        if (alone && std::popcount(masks[own]) == 1) continue;
        if (!alone && !allowed(masks[target] | Coalition(1) << i)) continue;
        labels[i] = target;
        f(i, target, labels);
      }
      labels[i] = own;
    }
  }

  /// Calls f(group, labels) for every allowed group, in increasing mask
  /// order; labels: p after the group leaves its blocs to form one.
  template <class F>
  void for_each_group(const Partition& p, F&& f) const {
    const std::size_t n = p.num_players();
    const Coalition all = Coalition((std::uint64_t(1) << n) - 1);
    const std::size_t fresh = p.num_blocs();  // the label of the group's new bloc
    std::vector<std::size_t> labels(n);
    for (Coalition group = 1; group <= all && group != 0; ++group) {
      // Past max_size_ members: on to the next group that fits (adding the
      // lowest member clears it; every group in between has as many).
      while (group <= all && group != 0 && std::size_t(std::popcount(group)) > max_size_) group += group & (~group + 1);
      if (group > all || group == 0) break;
      if (allowed(group)) {
        for (std::size_t i = 0; i < n; ++i) labels[i] = group >> i & 1u ? fresh : p.bloc_of(i);
        f(group, labels);
      }
      if (group == all) break;
    }
  }

  /// Margins of nash, individual and exclusive of outcome `from`: one pass
  /// over every move.
  void move_deviations(std::size_t from, StabilityFlags<Scalar>& f) {
    const Partition p = outcomes_[from].partition;  // copies: outcomes_ may grow
    const std::vector<Scalar> now = outcomes_[from].payoffs;
    const auto blocs = p.blocs();
    const std::size_t n = p.num_players();
    for_each_move(p, [&](std::size_t i, std::size_t target, const std::vector<std::size_t>& labels) {
      const bool alone = target == blocs.size();
      const std::size_t k = index_of_labels(labels);
      const Scalar* then = &payoff_[k * n];
      // Consent of the receiving bloc: no one loses (individual), everyone gains (exclusive).
      bool no_loser = true, all_gain = true;
      if (!alone)
        for (std::size_t j : blocs[target]) {
          if (gains(now[j], then[j])) no_loser = false;
          if (!gains(then[j], now[j])) all_gain = false;
        }
      const Scalar gain = then[i] - now[i];
      for (Stability s : notions_) {
        if (!(s == Stability::nash || (s == Stability::individual && no_loser) ||
              (s == Stability::exclusive && all_gain)))
          continue;
        const auto& m = f.margin[std::size_t(s)];
        if (m && !(gain > *m)) continue;  // the text is built only for a new best deviation
        offer(f, s,
              Deviation<Scalar>{{i}, p, outcomes_[k].partition, gain,
                                "player " + game_.players()[i] +
                                    (alone ? " goes alone" : " joins " + bloc_name(blocs[target]))});
      }
    });
  }

  /// The core margin of outcome `from`: the best deviation of a group
  /// forming its own bloc.
  void core_deviation(std::size_t from, StabilityFlags<Scalar>& f) {
    const Partition p = outcomes_[from].partition;  // copies: outcomes_ may grow
    const std::vector<Scalar> now = outcomes_[from].payoffs;
    const std::size_t n = p.num_players();
    const bool transferable = options_.split != BlocSplit::none;
    // Every group's partition first, each one's payoffs prefetched, then
    // the gains: the lookups land all over the table (at 10 players, 1,023
    // groups per partition in a table of 116,000), so overlapping the cache
    // misses is what makes this fast.
    std::vector<std::pair<Coalition, std::size_t>> after;
    for_each_group(p, [&](Coalition group, const std::vector<std::size_t>& labels) {
      const std::size_t k = index_of_labels(labels);
      __builtin_prefetch(&payoff_[k * n]);
      if (transferable) __builtin_prefetch(&bloc_total_[k * n]);
      after.emplace_back(group, k);
    });
    for (const auto& [group, k] : after) {
      if (k == from) continue;
      Scalar gain(0);
      if (transferable) {
        const std::size_t lowest = std::size_t(std::countr_zero(group));
        Scalar before(0);
        long size = 0;
        for (std::size_t i = 0; i < n; ++i)
          if (group >> i & 1u) before += now[i], ++size;
        gain = (bloc_total_[k * n + lowest] - before) / Scalar(size);
      } else {
        bool first = true;
        for (std::size_t i = 0; i < n; ++i)
          if (group >> i & 1u) {
            const Scalar g = payoff_[k * n + i] - now[i];
            if (first || g < gain) gain = g;
            first = false;
          }
      }
      auto& m = f.margin[std::size_t(Stability::core)];
      if (!m || gain > *m) {
        const auto members = alliance::detail::members(group, n);
        offer(f, Stability::core,
              Deviation<Scalar>{members, p, outcomes_[k].partition, gain, "group " + bloc_name(members) + " forms its own bloc"});
      }
    }
  }

  std::string bloc_name(const std::vector<std::size_t>& members) const {
    std::string out = "{";
    for (std::size_t k = 0; k < members.size(); ++k) out += (k ? "," : "") + game_.players()[members[k]];
    return out + "}";
  }

  const GameT& game_;
  const CoalitionalGame<Scalar>& v_;
  std::size_t max_size_ = std::size_t(-1), max_joint_ = std::size_t(-1);
  std::function<bool(Coalition)> allowed_;
  BlocGameOptions options_;
  std::vector<Stability> notions_;
  Clock::time_point deadline_;
  Scalar tol_{0};
  std::vector<BlocOutcome<Scalar>> outcomes_;
  /// Outcome k's payoff of player i at [k * n + i], and the total of i's
  /// bloc: the stability checks read them for every neighbour of every
  /// partition, so they sit in one array rather than behind each outcome.
  std::vector<Scalar> payoff_, bloc_total_;
  std::vector<std::optional<StabilityFlags<Scalar>>> flags_;
  std::unordered_map<std::string, std::size_t> index_;
  std::unordered_map<std::uint64_t, std::size_t> code_index_;
  std::optional<PartitionRank> rank_;
};

/// Swing players for notion s among the partitions in `stable_partitions`
/// (those found stable under s): player i when two of them differ only by a
/// move of i (see the header). Ascending player indices.
inline std::vector<std::size_t> swing_players(const std::vector<Partition>& stable_partitions) {
  std::vector<std::size_t> out;
  if (stable_partitions.empty()) return out;
  const std::size_t n = stable_partitions.front().num_players();
  std::vector<char> swing(n, 0);
  std::vector<Partition> sorted = stable_partitions;
  std::sort(sorted.begin(), sorted.end());
  for (const auto& p : stable_partitions)
    for (std::size_t i = 0; i < n; ++i) {
      if (swing[i]) continue;
      for (std::size_t target = 0; target <= p.num_blocs() && !swing[i]; ++target) {
        if (target == p.bloc_of(i)) continue;
        const Partition after = p.move(i, target);
        if (after == p) continue;  // a singleton "going alone"
        if (std::binary_search(sorted.begin(), sorted.end(), after)) swing[i] = 1;
      }
    }
  for (std::size_t i = 0; i < n; ++i)
    if (swing[i]) out.push_back(i);
  return out;
}

}  // namespace entente
