// Which partitions (bloc structures) are stable, given each player's payoff
// under every partition (the bloc game of bloc_game.hpp with a split rule).
//
// For a partition P, u_i(P) is player i's payoff. A MOVE of player i takes i
// out of its bloc into another existing bloc C of P, or alone (when i's bloc
// has other members); P' is the resulting partition. Following Bogomolnaia &
// Jackson, "The stability of hedonic coalition structures", GEB 38 (2002)
// 201-230, Def. 2-4, adapted to payoffs that depend on the whole partition:
//  - Nash stable: no move with u_i(P') > u_i(P);
//  - individually stable: no move with u_i(P') > u_i(P) and u_j(P') >= u_j(P)
//    for every j in C (the receiving bloc does not lose; going alone needs
//    no one's consent);
//  - exclusive membership (Hart & Kurz 1983's exclusive "delta" model; Yi,
//    "Stable coalition structures with externalities", GEB 20 (1997) 201-237):
//    joining C needs C's explicit consent, i.e. u_j(P') > u_j(P) for every j
//    in C; going alone is free. So Nash => individual => exclusive stability;
//  - core stable: no non-empty group S gains by forming its own bloc: with
//    P' = the partition where S leaves its blocs and forms one bloc (the rest
//    keep theirs), S's bloc payoff in P' (summed: TU) is not more than
//    sum_{i in S} u_i(P).
// "Gains" means by more than the tolerance (0 for Rational; for double 1e-9
// times max(1, largest |payoff| of the game)).
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
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "entente/alliance/bloc_game.hpp"
#include "entente/alliance/partition.hpp"
#include "entente/cancel.hpp"

namespace entente {

enum class Stability { nash = 0, individual = 1, core = 2, exclusive = 3 };
inline constexpr std::size_t kStabilityNotions = 4;

inline std::string to_string(Stability s) {
  switch (s) {
    case Stability::nash: return "nash";
    case Stability::individual: return "individual";
    case Stability::core: return "core";
    case Stability::exclusive: return "exclusive";
  }
  return "?";
}

/// "nash", "individual", "core" or "exclusive"; anything else is InvalidArgument.
inline Stability parse_stability(const std::string& text) {
  for (std::size_t k = 0; k < kStabilityNotions; ++k)
    if (to_string(Stability(k)) == text) return Stability(k);
  throw InvalidArgument("unknown stability notion '" + text + "' (expected nash, individual, core or exclusive)");
}

inline const std::vector<Stability>& all_stability_notions() {
  static const std::vector<Stability> all{Stability::nash, Stability::individual, Stability::core,
                                          Stability::exclusive};
  return all;
}

/// One flag per requested notion (unset = not checked), and for each notion
/// found unstable a short description of a profitable deviation.
struct StabilityFlags {
  std::array<std::optional<bool>, kStabilityNotions> stable;
  std::array<std::string, kStabilityNotions> blocked_by;

  std::optional<bool> operator[](Stability s) const { return stable[std::size_t(s)]; }
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
/// their stability flags. Partitions are keyed by their RGS.
template <class Scalar>
class PartitionTable {
 public:
  using Clock = std::chrono::steady_clock;

  /// `v` must outlive the table (needed by the shapley/proportional splits).
  PartitionTable(const Game<Scalar>& game, const CoalitionalGame<Scalar>& v, BlocGameOptions options,
                 std::vector<Stability> notions, Clock::time_point deadline = Clock::time_point::max())
      : game_(game), v_(v), options_(options), notions_(std::move(notions)), deadline_(deadline) {
    if constexpr (!is_exact_v<Scalar>) {
      double m = 1.0;
      for (std::size_t i = 0; i < game.num_players(); ++i)
        for (double x : game.payoffs(i)) m = std::max(m, std::abs(x));
      tol_ = ScalarTraits<double>::eps() * m * double(game.num_players());
    }
  }

  /// The index of `p` in outcomes(), solving its bloc game if new.
  std::size_t index(const Partition& p) {
    const std::string key = key_of(p);
    if (auto it = index_.find(key); it != index_.end()) return it->second;
    check_cancelled();
    if (Clock::now() > deadline_) throw alliance::detail::OutOfTime{};
    outcomes_.push_back(solve_bloc_game(game_, p, &v_, options_));
    flags_.emplace_back();
    index_.emplace(key, outcomes_.size() - 1);
    return outcomes_.size() - 1;
  }
  const BlocOutcome<Scalar>& outcome(const Partition& p) { return outcomes_[index(p)]; }
  const std::vector<BlocOutcome<Scalar>>& outcomes() const { return outcomes_; }
  std::size_t size() const { return outcomes_.size(); }
  /// Flags of outcome k if already computed.
  const std::optional<StabilityFlags>& computed_flags(std::size_t k) const { return flags_.at(k); }

  /// The stability flags of outcome k under the requested notions.
  const StabilityFlags& flags(std::size_t k) {
    if (flags_.at(k)) return *flags_[k];
    // Checked here too: with every partition already solved, index() no
    // longer looks at the clock.
    check_cancelled();
    if (Clock::now() > deadline_) throw alliance::detail::OutOfTime{};
    StabilityFlags f;
    const Partition p = outcomes_[k].partition;
    for (Stability s : notions_) {
      std::string witness = s == Stability::core ? core_deviation(p) : move_deviation(p, s);
      f.stable[std::size_t(s)] = witness.empty();
      f.blocked_by[std::size_t(s)] = std::move(witness);
    }
    flags_[k] = std::move(f);
    return *flags_[k];
  }

  /// True when a is more than the tolerance above b.
  bool gains(const Scalar& a, const Scalar& b) const { return a > b + tol_; }
  const std::vector<Stability>& notions() const { return notions_; }

 private:
  static std::string key_of(const Partition& p) {
    std::string key;
    for (std::size_t b : p.bloc_of()) key.push_back(char(b));
    return key;
  }

  /// "" when no move breaks notion s (nash, individual or exclusive); else a
  /// description of the first profitable move found.
  std::string move_deviation(const Partition& p, Stability s) {
    const auto blocs = p.blocs();
    const std::vector<Scalar> now = outcome(p).payoffs;  // copy: outcomes_ may grow
    for (std::size_t i = 0; i < p.num_players(); ++i) {
      const std::size_t own = p.bloc_of(i);
      for (std::size_t target = 0; target <= blocs.size(); ++target) {
        if (target == own) continue;
        const bool alone = target == blocs.size();
        if (alone && blocs[own].size() == 1) continue;
        const Partition after = p.move(i, target);
        const std::vector<Scalar>& then = outcome(after).payoffs;
        if (!gains(then[i], now[i])) continue;
        bool allowed = true;
        if (!alone && s != Stability::nash)
          for (std::size_t j : blocs[target]) {
            const bool consents = s == Stability::individual ? !gains(now[j], then[j]) : gains(then[j], now[j]);
            if (!consents) allowed = false;
          }
        if (allowed)
          return "player " + game_.players()[i] + (alone ? " goes alone" : " joins " + bloc_name(blocs[target]));
      }
    }
    return "";
  }

  /// "" when no group gains by forming its own bloc; else the first such group.
  std::string core_deviation(const Partition& p) {
    const std::size_t n = p.num_players();
    const std::vector<Scalar> now = outcome(p).payoffs;
    const Coalition all = Coalition((std::uint64_t(1) << n) - 1);
    for (Coalition group = 1; group <= all && group != 0; ++group) {
      const Partition after = p.split_off(group);
      if (after == p) continue;
      const auto& out = outcome(after);
      const std::size_t lowest = std::size_t(std::countr_zero(group));
      Scalar before(0);
      for (std::size_t i = 0; i < n; ++i)
        if (group >> i & 1u) before += now[i];
      if (gains(out.bloc_payoffs[after.bloc_of(lowest)], before))
        return "group " + bloc_name(alliance::detail::members(group, n)) + " forms its own bloc";
      if (group == all) break;
    }
    return "";
  }

  std::string bloc_name(const std::vector<std::size_t>& members) const {
    std::string out = "{";
    for (std::size_t k = 0; k < members.size(); ++k) out += (k ? "," : "") + game_.players()[members[k]];
    return out + "}";
  }

  const Game<Scalar>& game_;
  const CoalitionalGame<Scalar>& v_;
  BlocGameOptions options_;
  std::vector<Stability> notions_;
  Clock::time_point deadline_;
  Scalar tol_{0};
  std::vector<BlocOutcome<Scalar>> outcomes_;
  std::vector<std::optional<StabilityFlags>> flags_;
  std::unordered_map<std::string, std::size_t> index_;
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
