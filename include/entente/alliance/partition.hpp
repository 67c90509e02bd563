// Set partitions of the players (coalition structures), as restricted
// growth strings, and the Bell numbers that count them.
//
// A restricted growth string (RGS) a_0 a_1 ... a_{n-1} has a_0 = 0 and
// a_i <= 1 + max(a_0..a_{i-1}); a_i is the bloc of player i, blocs being
// numbered in the order of their smallest member. Each partition has exactly
// one RGS, so the RGS is its canonical form (Knuth, TAOCP 4A, 7.2.1.5,
// Algorithm H; Stanton & White, "Constructive Combinatorics", 1986).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "entente/coop/coalitional_game.hpp"
#include "entente/error.hpp"

namespace entente {

/// Players up to which every partition is enumerated (B(10) = 115975).
inline constexpr std::size_t kMaxExactPartitionPlayers = 10;

/// The Bell number B(n): the number of partitions of n players. Computed by
/// the Bell triangle in 64 bits; throws InvalidArgument past B(25) (B(26)
/// overflows 64 bits).
inline std::uint64_t bell_number(std::size_t n) {
  if (n > 25) throw InvalidArgument("bell_number: B(" + std::to_string(n) + ") does not fit in 64 bits (n <= 25)");
  // Bell triangle (Aitken's array): row k starts with B(k) and ends with
  // B(k+1); each row starts with the last entry of the previous one. Row
  // n-1 holds no entry above B(n), so nothing overflows for n <= 25.
  if (n == 0) return 1;
  std::vector<std::uint64_t> row{1};
  for (std::size_t k = 1; k < n; ++k) {
    std::vector<std::uint64_t> next{row.back()};
    for (std::uint64_t x : row) {
      if (next.back() > std::numeric_limits<std::uint64_t>::max() - x)
        throw InvalidArgument("bell_number: overflow");
      next.push_back(next.back() + x);
    }
    row = std::move(next);
  }
  return row.back();
}

/// A partition of players 0..n-1 into non-empty, disjoint blocs.
class Partition {
 public:
  /// From a restricted growth string; throws InvalidArgument unless it is one.
  explicit Partition(std::vector<std::size_t> rgs) : rgs_(std::move(rgs)) {
    if (rgs_.empty()) throw InvalidArgument("a partition needs at least one player");
    if (rgs_.size() > CoalitionalGame<double>::max_players)
      throw InvalidArgument("a partition of more than " + std::to_string(CoalitionalGame<double>::max_players) +
                            " players is not supported");
    std::size_t next = 0;
    for (std::size_t b : rgs_) {
      if (b > next) throw InvalidArgument("not a restricted growth string: blocs must be numbered by first member");
      if (b == next) ++next;
    }
    blocs_ = next;
  }

  /// From blocs given as lists of players; throws InvalidArgument unless
  /// they are non-empty, disjoint and cover 0..n-1 ("not a partition").
  static Partition from_blocs(std::size_t n, const std::vector<std::vector<std::size_t>>& blocs) {
    if (n == 0) throw InvalidArgument("a partition needs at least one player");
    std::vector<std::size_t> label(n, n);
    for (std::size_t b = 0; b < blocs.size(); ++b) {
      if (blocs[b].empty()) throw InvalidArgument("not a partition: bloc " + std::to_string(b) + " is empty");
      for (std::size_t i : blocs[b]) {
        if (i >= n)
          throw InvalidArgument("not a partition: player " + std::to_string(i) + " out of range (n = " +
                                std::to_string(n) + ")");
        if (label[i] != n) throw InvalidArgument("not a partition: player " + std::to_string(i) + " is in two blocs");
        label[i] = b;
      }
    }
    for (std::size_t i = 0; i < n; ++i)
      if (label[i] == n) throw InvalidArgument("not a partition: player " + std::to_string(i) + " is in no bloc");
    return canonical(label);
  }

  /// From bloc masks (bit i = player i).
  static Partition from_masks(std::size_t n, const std::vector<Coalition>& masks) {
    std::vector<std::vector<std::size_t>> blocs;
    for (Coalition m : masks) {
      blocs.emplace_back();
      for (std::size_t i = 0; i < n; ++i)
        if (m >> i & 1u) blocs.back().push_back(i);
      if (m >> n) throw InvalidArgument("not a partition: a bloc mask names a player beyond n");
    }
    return from_blocs(n, blocs);
  }

  /// Relabels any bloc labelling (one label per player) into the RGS.
  static Partition canonical(const std::vector<std::size_t>& labels) {
    std::vector<std::size_t> rgs(labels.size());
    std::vector<std::pair<std::size_t, std::size_t>> seen;  // (label, bloc)
    for (std::size_t i = 0; i < labels.size(); ++i) {
      auto it = std::find_if(seen.begin(), seen.end(), [&](const auto& p) { return p.first == labels[i]; });
      if (it == seen.end()) {
        seen.push_back({labels[i], seen.size()});
        rgs[i] = seen.back().second;
      } else {
        rgs[i] = it->second;
      }
    }
    return Partition(std::move(rgs));
  }

  std::size_t num_players() const { return rgs_.size(); }
  std::size_t num_blocs() const { return blocs_; }
  /// bloc_of()[i]: the bloc of player i (the RGS).
  const std::vector<std::size_t>& bloc_of() const { return rgs_; }
  std::size_t bloc_of(std::size_t player) const { return rgs_.at(player); }

  /// The blocs as ascending member lists, ordered by smallest member.
  std::vector<std::vector<std::size_t>> blocs() const {
    std::vector<std::vector<std::size_t>> out(blocs_);
    for (std::size_t i = 0; i < rgs_.size(); ++i) out[rgs_[i]].push_back(i);
    return out;
  }
  /// The blocs as coalition masks, ordered by smallest member.
  std::vector<Coalition> masks() const {
    std::vector<Coalition> out(blocs_, 0);
    for (std::size_t i = 0; i < rgs_.size(); ++i) out[rgs_[i]] |= Coalition(1) << i;
    return out;
  }

  /// The partition after `player` leaves its bloc and joins bloc `target`
  /// (an index of this partition's blocs), or goes alone when target ==
  /// num_blocs().
  Partition move(std::size_t player, std::size_t target) const {
    std::vector<std::size_t> labels = rgs_;
    labels.at(player) = target;  // target == num_blocs() is a fresh label
    return canonical(labels);
  }

  /// The partition after coalition `group` leaves its blocs to form one bloc.
  Partition split_off(Coalition group) const {
    std::vector<std::size_t> labels = rgs_;
    for (std::size_t i = 0; i < labels.size(); ++i)
      if (group >> i & 1u) labels[i] = blocs_;
    return canonical(labels);
  }

  /// "{0,1}{2}", or with names "{China,Russia}{USA}".
  std::string to_string(const std::vector<std::string>& names = {}) const {
    std::string out;
    for (const auto& bloc : blocs()) {
      out += "{";
      for (std::size_t k = 0; k < bloc.size(); ++k)
        out += (k ? "," : "") + (names.size() == rgs_.size() ? names[bloc[k]] : std::to_string(bloc[k]));
      out += "}";
    }
    return out;
  }

  bool operator==(const Partition&) const = default;
  auto operator<=>(const Partition& other) const { return rgs_ <=> other.rgs_; }

 private:
  std::vector<std::size_t> rgs_;
  std::size_t blocs_ = 0;
};

/// Calls f(partition) for every partition of n players, in lexicographic
/// order of the RGS (the all-in-one bloc first, all singletons last), by
/// Knuth's Algorithm H. Throws InvalidArgument for n = 0 or n >
/// kMaxExactPartitionPlayers (use sample_partitions beyond). f may return
/// false to stop early.
template <class F>
void for_each_partition(std::size_t n, F&& f) {
  if (n == 0) throw InvalidArgument("partitions: need at least one player");
  if (n > kMaxExactPartitionPlayers)
    throw InvalidArgument("partitions: " + std::to_string(n) + " players have B(" + std::to_string(n) + ") = " +
                          std::to_string(bell_number(n)) + " partitions; exact enumeration stops at " +
                          std::to_string(kMaxExactPartitionPlayers) + " players (use the sampled heuristic)");
  std::vector<std::size_t> a(n, 0), b(n, 1);  // b[i] = 1 + max(a_0..a_{i-1})
  while (true) {
    if (!f(Partition(a))) return;
    // Increase the rightmost a_j that may grow; reset everything after it.
    std::size_t j = n - 1;
    while (j > 0 && a[j] == b[j]) --j;
    if (j == 0) return;
    ++a[j];
    for (std::size_t k = j + 1; k < n; ++k) {
      a[k] = 0;
      b[k] = std::max(b[k - 1], a[k - 1] + 1);
    }
  }
}

/// The position of a partition in for_each_partition's order (the
/// lexicographic order of restricted growth strings), computed from any
/// labelling of its blocs in O(n), without a table of partitions: the
/// alliance layer looks up every neighbour of every partition this way.
/// complete[k][m]: the ways to label k more players when m labels are in
/// use (each takes one of the m or opens label m).
class PartitionRank {
 public:
  explicit PartitionRank(std::size_t n) : n_(n) {
    if (n == 0 || n > kMaxExactPartitionPlayers)
      throw InvalidArgument("PartitionRank: 1 to " + std::to_string(kMaxExactPartitionPlayers) + " players");
    complete_.fill(0);
    for (std::size_t m = 0; m < kWidth; ++m) complete_[m] = 1;
    for (std::size_t k = 1; k <= n; ++k)
      for (std::size_t m = 0; m + 1 < kWidth; ++m)
        complete_[k * kWidth + m] = m * complete_[(k - 1) * kWidth + m] + complete_[(k - 1) * kWidth + m + 1];
  }

  std::size_t num_players() const { return n_; }

  /// The rank of the partition whose player i is in bloc labels[i] (labels
  /// below 64, any numbering; InvalidArgument beyond).
  std::size_t operator()(const std::size_t* labels) const {
    std::array<std::uint8_t, 64> seen;
    seen.fill(0xff);
    std::size_t rank = 0, used = 0;
    for (std::size_t i = 0; i < n_; ++i) {
      if (labels[i] >= seen.size()) throw InvalidArgument("PartitionRank: bloc labels must be below 64");
      auto& c = seen[labels[i]];
      const bool fresh = c == 0xff;
      if (fresh) c = std::uint8_t(used);
      // Every smaller label here (each one already in use) comes first.
      rank += c * complete_[(n_ - i - 1) * kWidth + used];
      if (fresh) ++used;
    }
    return rank;
  }
  std::size_t operator()(const Partition& p) const { return (*this)(p.bloc_of().data()); }

 private:
  static constexpr std::size_t kWidth = kMaxExactPartitionPlayers + 2;  // labels in use: 0 to n + 1
  std::size_t n_;
  /// complete_[k * kWidth + m] (k, m as above), flat: read twice per player per lookup.
  std::array<std::uint64_t, (kMaxExactPartitionPlayers + 1) * kWidth> complete_;
};

/// Every partition of n players (n <= kMaxExactPartitionPlayers), in RGS order.
inline std::vector<Partition> all_partitions(std::size_t n) {
  std::vector<Partition> out;
  if (n >= 1 && n <= kMaxExactPartitionPlayers) out.reserve(static_cast<std::size_t>(bell_number(n)));
  for_each_partition(n, [&](const Partition& p) {
    out.push_back(p);
    return true;
  });
  return out;
}

/// `count` random partitions of n players (duplicates possible), for the
/// heuristic beyond kMaxExactPartitionPlayers. Each is drawn by choosing a
/// number of labels k uniformly in 1..n and then a uniform label in 0..k-1
/// for every player, canonicalised: not the uniform distribution over
/// partitions, but every partition has positive probability and both few
/// large blocs and many small ones are drawn. std::mt19937_64 with `seed`.
inline std::vector<Partition> sample_partitions(std::size_t n, std::size_t count, std::uint64_t seed) {
  if (n == 0) throw InvalidArgument("partitions: need at least one player");
  if (count > (std::size_t(1) << 24)) throw InvalidArgument("sample_partitions: at most 2^24 samples");
  std::mt19937_64 rng(seed);
  std::vector<Partition> out;
  out.reserve(count);
  std::vector<std::size_t> labels(n);
  for (std::size_t s = 0; s < count; ++s) {
    const std::size_t k = std::uniform_int_distribution<std::size_t>(1, n)(rng);
    std::uniform_int_distribution<std::size_t> pick(0, k - 1);
    for (auto& x : labels) x = pick(rng);
    out.push_back(Partition::canonical(labels));
  }
  return out;
}

}  // namespace entente
