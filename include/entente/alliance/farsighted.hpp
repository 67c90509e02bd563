// Farsighted stability of bloc structures: Chwe's largest consistent set
// (Chwe, "Farsighted coalitional stability", JET 63 (1994) 299-325) over the
// partitions of the players.
//
// Moves (the delta model of Hart & Kurz, "Endogenous formation of
// coalitions", Econometrica 51 (1983) 1047-1064): from partition a, a
// non-empty group S leaves its blocs; the members each bloc loses stay
// together (the remainders B \ S of S's old blocs stay as blocs) and S's
// members form any partition among themselves. a ->_S d is such a move with
// d != a. A player i strictly prefers e to a when u_i(e) > u_i(a) + tol
// (the tolerance of stability.hpp).
//  - e indirectly dominates d (e >> d) when there is a sequence
//    d = a_0, a_1, ..., a_m = e (m >= 1) with a_{j-1} ->_{S_j} a_j and every
//    member of S_j strictly preferring e to a_{j-1}.
//  - Z is consistent when for every a in Z and every move a ->_S d there is
//    e in Z with e = d or e >> d such that NOT every member of S strictly
//    prefers e to a (the deviation is deterred: where it may end, someone
//    in S is no better off).
//  - The largest consistent set (LCS) is the union of all consistent sets
//    and is itself consistent; Chwe's iteration finds it: start from every
//    partition and remove, until nothing changes, each a that violates the
//    condition relative to the current set (the condition only gets harder
//    as the set shrinks, so the order of removals does not matter).
// How (bitsets over partitions): per partition a and group mask M, T(a, M)
// = the targets of a ->_S for every non-empty S inside M (a subset DP over
// M). For each e, the set {d : e >> d} is the least fixpoint of "a is in it
// when T(a, M_e(a)) meets it or {e}", M_e(a) being the players who
// strictly prefer e to a. T takes B(n) x 2^n bitsets of B(n) bits: 12.6 MB
// at 7 players (877 partitions), 550 MB at 8; so the limit is 7 players
// (kMaxFarsightedPlayers), where the whole computation takes well under a
// second.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <memory>
#include <mutex>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "entente/alliance/partition.hpp"
#include "entente/cancel.hpp"
#include "entente/error.hpp"

namespace entente {

/// Largest number of players for farsighted stability (see the header).
inline constexpr std::size_t kMaxFarsightedPlayers = 7;

namespace alliance::detail {

/// A fixed-width set of partitions: `words` 64-bit words per set, many sets
/// stored back to back.
struct BitRows {
  std::size_t words = 0;
  std::vector<std::uint64_t> bits;
  BitRows(std::size_t rows, std::size_t size) : words((size + 63) / 64), bits(rows * words, 0) {}
  std::uint64_t* row(std::size_t r) { return bits.data() + r * words; }
  const std::uint64_t* row(std::size_t r) const { return bits.data() + r * words; }
  static bool test(const std::uint64_t* row, std::size_t k) { return row[k >> 6] >> (k & 63) & 1u; }
  static void set(std::uint64_t* row, std::size_t k) { row[k >> 6] |= std::uint64_t(1) << (k & 63); }
};

/// Base-8 code of a restricted growth string (n <= 7: 21 bits).
inline std::size_t rgs_code(const std::size_t* rgs, std::size_t n) {
  std::size_t code = 0;
  for (std::size_t i = n; i-- > 0;) code = code * 8 + rgs[i];
  return code;
}

/// The moves of the delta model among the partitions of n players, which
/// depend on n alone: built once per n and shared by every analysis (12.6 MB
/// at 7 players). Partition k is all_partitions(n)[k].
struct MoveIndex {
  std::vector<std::uint32_t> index_of;  ///< rgs_code -> k
  /// targets[offset[a * 2^n + S] ...]: the d != a reached by a ->_S d.
  std::vector<std::uint32_t> targets;
  std::vector<std::size_t> offset;
  BitRows reach;  ///< T(a, M): every target of a ->_S for a non-empty S inside M

  explicit MoveIndex(std::size_t n);
};

inline MoveIndex::MoveIndex(std::size_t n)
    : index_of(std::size_t(1) << (3 * n), std::uint32_t(-1)),
      offset(bell_number(n) * (std::size_t(1) << n) + 1, 0),
      reach(bell_number(n) * (std::size_t(1) << n), bell_number(n)) {
  const auto partitions = all_partitions(n);
  const std::size_t count = partitions.size();
  const std::size_t groups = std::size_t(1) << n;
  for (std::size_t k = 0; k < count; ++k) index_of[rgs_code(partitions[k].bloc_of().data(), n)] = std::uint32_t(k);
  // Partitions of a group of size s, as RGS, for every s.
  std::vector<std::vector<Partition>> inner(n + 1);
  for (std::size_t s = 1; s <= n; ++s) inner[s] = all_partitions(s);

  std::vector<std::size_t> labels(n), rgs(n), members;
  for (std::size_t a = 0; a < count; ++a) {
    const auto& from = partitions[a].bloc_of();
    for (std::size_t group = 0; group < groups; ++group) {
      offset[a * groups + group] = targets.size();
      if (group == 0) continue;
      members.clear();
      for (std::size_t i = 0; i < n; ++i)
        if (group >> i & 1u) members.push_back(i);
      std::uint64_t* row = reach.row(a * groups + group);
      for (const auto& p : inner[members.size()]) {
        for (std::size_t i = 0; i < n; ++i) labels[i] = from[i];
        for (std::size_t k = 0; k < members.size(); ++k) labels[members[k]] = n + p.bloc_of()[k];
        // Canonical relabelling (first appearance order): the RGS.
        std::size_t seen[16], next = 0;
        std::fill(std::begin(seen), std::end(seen), std::size_t(-1));
        for (std::size_t i = 0; i < n; ++i) {
          if (seen[labels[i]] == std::size_t(-1)) seen[labels[i]] = next++;
          rgs[i] = seen[labels[i]];
        }
        const std::uint32_t d = index_of[rgs_code(rgs.data(), n)];
        if (d == a) continue;
        targets.push_back(d);
        BitRows::set(row, d);
      }
      // Subset DP: T(a, M) also holds T(a, M \ {i}).
      for (std::size_t i = 0; i < n; ++i)
        if (group >> i & 1u && group != (std::size_t(1) << i)) {
          const std::uint64_t* sub = reach.row(a * groups + (group & ~(std::size_t(1) << i)));
          for (std::size_t w = 0; w < reach.words; ++w) row[w] |= sub[w];
        }
    }
    offset[a * groups + groups] = targets.size();
  }
}

/// The shared MoveIndex of n players (n <= kMaxFarsightedPlayers).
inline const MoveIndex& move_index(std::size_t n) {
  static std::array<std::once_flag, kMaxFarsightedPlayers + 1> once;
  static std::array<std::unique_ptr<MoveIndex>, kMaxFarsightedPlayers + 1> built;
  std::call_once(once.at(n), [&] { built[n] = std::make_unique<MoveIndex>(n); });
  return *built[n];
}

}  // namespace alliance::detail

/// Membership in Chwe's largest consistent set (see the header) of each of
/// `partitions` (every partition of n players, each once, in any order),
/// player i's payoff under partitions[k] being payoffs[k][i]; "strictly
/// prefers" means by more than `tol`. Throws InvalidArgument unless the
/// partitions are exactly all partitions of n <= kMaxFarsightedPlayers
/// players.
template <class Scalar>
std::vector<bool> largest_consistent_set(const std::vector<Partition>& partitions,
                                         const std::vector<std::vector<Scalar>>& payoffs, const Scalar& tol) {
  using alliance::detail::BitRows;
  if (partitions.empty()) throw InvalidArgument("farsighted stability: no partitions");
  const std::size_t n = partitions.front().num_players();
  if (n > kMaxFarsightedPlayers)
    throw InvalidArgument("farsighted stability is limited to " + std::to_string(kMaxFarsightedPlayers) +
                          " players (B(7) = 877 partitions); this game has " + std::to_string(n));
  const std::size_t count = partitions.size();
  if (count != bell_number(n) || payoffs.size() != count)
    throw InvalidArgument("farsighted stability needs every partition of the players, each with its payoffs");
  const std::size_t groups = std::size_t(1) << n;
  const auto& moves = alliance::detail::move_index(n);
  // Given order -> the index's (canonical) order, and the payoffs in that order.
  std::vector<std::uint32_t> canonical(count);
  std::vector<char> listed(count, 0);
  for (std::size_t k = 0; k < count; ++k) {
    if (partitions[k].num_players() != n || payoffs[k].size() != n)
      throw InvalidArgument("farsighted stability: partitions of different sizes");
    const std::uint32_t c = moves.index_of[alliance::detail::rgs_code(partitions[k].bloc_of().data(), n)];
    if (listed[c]) throw InvalidArgument("farsighted stability: a partition is listed twice");
    listed[c] = 1;
    canonical[k] = c;
  }
  std::vector<const std::vector<Scalar>*> payoff_of(count);
  for (std::size_t k = 0; k < count; ++k) payoff_of[canonical[k]] = &payoffs[k];
  const auto& targets = moves.targets;
  const auto& offset = moves.offset;
  const BitRows& reach = moves.reach;

  // prefers[i][a]: the partitions e that player i strictly prefers to a.
  std::vector<BitRows> prefers(n, BitRows(count, count));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t a = 0; a < count; ++a) {
      std::uint64_t* row = prefers[i].row(a);
      for (std::size_t e = 0; e < count; ++e)
        if ((*payoff_of[e])[i] > (*payoff_of[a])[i] + tol) BitRows::set(row, e);
    }

  // up[d]: d itself and every e with e >> d.
  BitRows up(count, count);
  for (std::size_t d = 0; d < count; ++d) BitRows::set(up.row(d), d);
  std::vector<std::size_t> mask(count);
  std::vector<char> dominated(count);
  std::vector<std::uint64_t> frontier(reach.words);
  for (std::size_t e = 0; e < count; ++e) {
    check_cancelled();
    for (std::size_t a = 0; a < count; ++a) {
      std::size_t m = 0;
      for (std::size_t i = 0; i < n; ++i)
        if (BitRows::test(prefers[i].row(a), e)) m |= std::size_t(1) << i;
      mask[a] = m;
    }
    std::fill(dominated.begin(), dominated.end(), 0);
    std::fill(frontier.begin(), frontier.end(), 0);
    BitRows::set(frontier.data(), e);  // {e} and every d found with e >> d
    for (bool changed = true; changed;) {
      changed = false;
      for (std::size_t a = 0; a < count; ++a) {
        if (dominated[a] || mask[a] == 0) continue;
        const std::uint64_t* row = reach.row(a * groups + mask[a]);
        for (std::size_t w = 0; w < reach.words; ++w)
          if (row[w] & frontier[w]) {
            dominated[a] = 1, changed = true;
            BitRows::set(frontier.data(), a);
            BitRows::set(up.row(a), e);
            break;
          }
      }
    }
  }

  // Chwe's iteration.
  std::vector<std::uint64_t> in(up.words, 0);
  for (std::size_t k = 0; k < count; ++k) BitRows::set(in.data(), k);
  BitRows better(groups, count);  // per S: the e that every member of S strictly prefers to a
  std::vector<std::uint64_t> open(up.words);
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t a = 0; a < count; ++a) {
      if (!BitRows::test(in.data(), a)) continue;
      check_cancelled();
      std::fill(better.row(0), better.row(0) + better.words, ~std::uint64_t(0));
      bool consistent = true;
      for (std::size_t group = 1; group < groups && consistent; ++group) {
        const std::size_t low = std::size_t(std::countr_zero(group));
        const std::uint64_t* rest = better.row(group & (group - 1));
        const std::uint64_t* pref = prefers[low].row(a);
        std::uint64_t* row = better.row(group);
        for (std::size_t w = 0; w < better.words; ++w) row[w] = rest[w] & pref[w];
        // open: the set's members where some member of S is no better off than at a.
        for (std::size_t w = 0; w < better.words; ++w) open[w] = in[w] & ~row[w];
        for (std::size_t t = offset[a * groups + group]; t < offset[a * groups + group + 1]; ++t) {
          const std::size_t d = targets[t];
          if (BitRows::test(open.data(), d)) continue;  // e = d deters
          const std::uint64_t* u = up.row(d);
          bool deterred = false;
          for (std::size_t w = 0; w < up.words && !deterred; ++w) deterred = (u[w] & open[w]) != 0;
          if (!deterred) {
            consistent = false;
            break;
          }
        }
      }
      if (!consistent) {
        in[a >> 6] &= ~(std::uint64_t(1) << (a & 63));
        changed = true;
      }
    }
  }
  std::vector<bool> out(count);
  for (std::size_t k = 0; k < count; ++k) out[k] = BitRows::test(in.data(), canonical[k]);
  return out;
}

}  // namespace entente
