// Coalition structure generation: the partition of the players into blocs
// that maximises the sum of its blocs' values, V(CS) = sum_{C in CS} v(C)
// (the welfare-maximising bloc structure; T. Sandholm, K. Larson, M.
// Andersson, O. Shehory, F. Tohmé, "Coalition structure generation with
// worst case guarantees", Artificial Intelligence 111 (1999) 209-238).
//
// Two exact algorithms, both on any characteristic function:
//  - dp: dynamic programming over subsets (Y. Yeh, "A dynamic programming
//    approach to the complete set partitioning problem", BIT 26 (1986)
//    467-474; M. H. Rothkopf, A. Pekeč, R. M. Harstad, "Computationally
//    manageable combinational auctions", Management Science 44 (1998)
//    1131-1147):
//        f(S) = max( v(S), max over S = A u B, A n B = {}, A, B != {} of f(A) + f(B) ),
//    every split counted once (A holds S's lowest player), subsets in
//    increasing order of their masks (a subset's mask is smaller than its
//    superset's). O(3^n) time, 2^n memory; not anytime.
//  - ip: the anytime IP algorithm of T. Rahwan, S. D. Ramchurn, N. R.
//    Jennings, A. Giovannucci, "An anytime algorithm for optimal coalition
//    structure generation", JAIR 34 (2009) 521-567. The structures are
//    split into subspaces, one per integer partition I of n (the multiset
//    of bloc sizes); with Max_s and Avg_s the largest and the average value
//    of the coalitions of s players, every structure of P_I is worth at
//    most UB_I = sum_{s in I} Max_s, and the structures of P_I average
//    AVG_I = sum_{s in I} Avg_s (by symmetry every coalition of s players
//    fills a bloc of size s in equally many of them), so some structure
//    is worth at least max_I AVG_I. The scan that finds Max_s and Avg_s
//    also values every structure of at most two blocs and the
//    all-singletons one; the other subspaces are pruned by their bound and
//    searched, highest bound first, by branch and bound, here choosing
//    the blocs from the largest to the smallest: a
//    large bloc's value varies most, so it tells most early (on
//    Rahwan's normal values at 18 players an order of magnitude faster
//    than smallest first; on NDCS values twice as slow). Worst case
//    O(n^n), but on the usual value distributions it visits a tiny part of
//    the space. Anytime: the best structure so far comes with the largest
//    bound of the subspaces not yet settled, so value / upper_bound is a
//    guaranteed ratio.
//
// Both work in double and exactly in Rational: the search only adds and
// compares values.
#pragma once

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "entente/alliance/partition.hpp"
#include "entente/cancel.hpp"
#include "entente/coop/coalitional_game.hpp"
#include "entente/coop/values.hpp"
#include "entente/error.hpp"
#include "entente/scalar.hpp"
#include "entente/status.hpp"

namespace entente {

/// Players up to which a coalition structure is searched (2^25 values).
inline constexpr std::size_t kMaxCoalitionStructurePlayers = 25;

enum class CoalitionStructureAlgorithm {
  ip,  ///< Rahwan et al.'s anytime branch and bound over integer partitions
  dp,  ///< dynamic programming over subsets, O(3^n)
};

inline std::string to_string(CoalitionStructureAlgorithm a) {
  return a == CoalitionStructureAlgorithm::ip ? "ip" : "dp";
}

/// "ip" or "dp"; InvalidArgument otherwise.
inline CoalitionStructureAlgorithm parse_coalition_structure_algorithm(const std::string& name) {
  if (name == "ip") return CoalitionStructureAlgorithm::ip;
  if (name == "dp") return CoalitionStructureAlgorithm::dp;
  throw InvalidArgument("optimal_coalition_structure: the algorithm must be \"ip\" or \"dp\", got \"" + name + "\"");
}

struct CoalitionStructureOptions {
  CoalitionStructureAlgorithm algorithm = CoalitionStructureAlgorithm::ip;
  double time_limit_seconds = kNoTimeLimit;  ///< wall clock, > 0; stops with status time_limit
};

/// What a search did (each algorithm fills its own).
struct CoalitionStructureCounters {
  std::uint64_t coalitions = 0;  ///< coalition values the search added up (not the scan for Max_s, Avg_s)
  std::uint64_t structures = 0;  ///< ip: complete structures valued
  std::uint64_t splits = 0;      ///< dp: splits f(A) + f(B) compared
  std::size_t subspaces = 0;           ///< ip: integer partitions of n
  std::size_t subspaces_searched = 0;  ///< ip: settled by the first scan or by branch and bound
  std::size_t subspaces_pruned = 0;    ///< ip: discarded by their bound
};

template <class Scalar>
struct CoalitionStructure {
  Partition structure{std::vector<std::size_t>{0}};
  Scalar value{};        ///< sum of v over the structure's blocs
  Scalar upper_bound{};  ///< no structure is worth more; == value when the status is optimal
  Status status = Status::optimal;  ///< optimal, or time_limit (the best structure found so far)
  CoalitionStructureAlgorithm algorithm = CoalitionStructureAlgorithm::ip;
  CoalitionStructureCounters counters;

  /// value / upper_bound: 1 when they are equal, the share of the optimum
  /// guaranteed when both are positive, nullopt otherwise (the ratio means
  /// nothing with negative values; upper_bound - value still does).
  std::optional<double> ratio() const {
    if (value == upper_bound) return 1.0;
    if (value >= Scalar(0) && upper_bound > Scalar(0)) return to_double(value) / to_double(upper_bound);
    return std::nullopt;
  }
};

/// V(CS): the sum of v over the blocs of `structure`. InvalidArgument when
/// it is not a partition of the game's players.
template <class Scalar>
Scalar structure_value(const CoalitionalGame<Scalar>& v, const Partition& structure) {
  if (structure.num_players() != v.n())
    throw InvalidArgument("structure_value: a partition of " + std::to_string(structure.num_players()) +
                          " players for a game of " + std::to_string(v.n()));
  Scalar total(0);
  for (Coalition c : structure.masks()) total += v.values()[c];
  return total;
}

namespace coop::detail {

/// The time limit and Ctrl-C, polled every 4096 steps of a search.
class SearchClock {
 public:
  explicit SearchClock(double seconds)
      : limited_(std::isfinite(seconds)),
        end_(std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                    std::chrono::duration<double>(std::min(seconds, 1e9)))) {}
  /// True once the time is up; reads the clock now.
  bool expired() {
    check_cancelled();
    expired_ = expired_ || (limited_ && std::chrono::steady_clock::now() >= end_);
    return expired_;
  }
  /// True once the time is up; reads the clock every 4096 calls.
  bool tick() { return (++ticks_ & 4095u) == 0 ? expired() : expired_; }

 private:
  bool limited_;
  bool expired_ = false;
  std::uint64_t ticks_ = 0;
  std::chrono::steady_clock::time_point end_;
};

inline void check_coalition_structure_input(std::size_t n, const CoalitionStructureOptions& o) {
  if (n > kMaxCoalitionStructurePlayers)
    throw InvalidArgument("optimal_coalition_structure: at most " + std::to_string(kMaxCoalitionStructurePlayers) +
                          " players (2^n coalition values), got " + std::to_string(n));
  check_time_limit(o.time_limit_seconds, "optimal_coalition_structure");
}

/// Every integer partition of n as ascending parts (the IP's subspaces).
inline std::vector<std::vector<std::size_t>> integer_partitions(std::size_t n) {
  std::vector<std::vector<std::size_t>> out;
  std::vector<std::size_t> parts;
  // Parts at least `smallest` that add up to `left`, appended to `parts`.
  auto grow = [&](auto&& self, std::size_t left, std::size_t smallest) -> void {
    if (left == 0) {
      out.push_back(parts);
      return;
    }
    for (std::size_t s = smallest; s <= left; ++s) {
      if (left - s != 0 && left - s < s) continue;  // the rest could not be >= s
      parts.push_back(s);
      self(self, left - s, s);
      parts.pop_back();
    }
  };
  grow(grow, n, 1);
  return out;
}

/// Max_s and Avg_s, the largest and the average value of the coalitions of
/// s players (index s = 1..n), by one scan of the 2^n values.
template <class Scalar>
struct SizeBounds {
  std::vector<Scalar> max, mean;
};

template <class Scalar>
SizeBounds<Scalar> size_bounds(const CoalitionalGame<Scalar>& g) {
  const std::size_t n = g.n();
  const auto& v = g.values();
  SizeBounds<Scalar> out{std::vector<Scalar>(n + 1, Scalar(0)), std::vector<Scalar>(n + 1, Scalar(0))};
  std::vector<bool> seen(n + 1, false);
  for (Coalition c = 1; c <= g.grand_coalition(); ++c) {
    if ((c & 0xffffu) == 0) check_cancelled();
    const auto s = std::size_t(std::popcount(c));
    if (!seen[s] || v[c] > out.max[s]) out.max[s] = v[c], seen[s] = true;
    out.mean[s] += v[c];
    if (c == g.grand_coalition()) break;
  }
  for (std::size_t s = 1; s <= n; ++s) {
    const auto count = binomial(unsigned(n), unsigned(s));
    if constexpr (is_exact_v<Scalar>) out.mean[s] /= Rational(mpz_class(static_cast<unsigned long>(count)));
    else out.mean[s] /= double(count);
  }
  return out;
}

/// sum_{s in parts} per_size[s].
template <class Scalar>
Scalar sum_over_parts(const std::vector<std::size_t>& parts, const std::vector<Scalar>& per_size) {
  Scalar total(0);
  for (std::size_t s : parts) total += per_size[s];
  return total;
}

/// An upper bound on every structure's value: max over integer partitions
/// I of sum_{s in I} Max_s.
template <class Scalar>
Scalar structure_upper_bound(const std::vector<std::vector<std::size_t>>& subspaces, const SizeBounds<Scalar>& b) {
  Scalar best = sum_over_parts(subspaces.front(), b.max);
  for (const auto& parts : subspaces) best = std::max(best, sum_over_parts(parts, b.max));
  return best;
}

/// Calls visit(mask) for every subset of `pool` with `t` >= 1 members, in
/// lexicographic order of their positions in `pool`; stops as soon as visit
/// returns false (and then returns false).
template <class Visit>
bool for_each_subset_of_size(Coalition pool, std::size_t t, Visit&& visit) {
  Coalition bits[32];
  std::size_t r = 0;
  for (Coalition p = pool; p != 0; p &= p - 1) bits[r++] = p & (~p + 1);
  if (t == 0 || t > r) return true;
  std::size_t index[32];
  Coalition prefix[33];  // prefix[i]: the members at positions index[0..i-1]
  prefix[0] = 0;
  for (std::size_t i = 0; i < t; ++i) index[i] = i, prefix[i + 1] = prefix[i] | bits[i];
  while (true) {
    if (!visit(prefix[t])) return false;
    std::size_t i = t;  // the rightmost position that can still move right
    while (i > 0 && index[i - 1] == r - t + i - 1) --i;
    if (i == 0) return true;
    ++index[i - 1];
    prefix[i] = prefix[i - 1] | bits[index[i - 1]];
    for (std::size_t j = i; j < t; ++j) index[j] = index[j - 1] + 1, prefix[j + 1] = prefix[j] | bits[index[j]];
  }
}

template <class Scalar>
CoalitionStructure<Scalar> finish(const CoalitionalGame<Scalar>& g, const std::vector<Coalition>& blocs,
                                  Status status, const Scalar& bound, CoalitionStructureAlgorithm algorithm,
                                  const CoalitionStructureCounters& counters) {
  CoalitionStructure<Scalar> out;
  out.structure = Partition::from_masks(g.n(), blocs);
  out.value = structure_value(g, out.structure);  // summed afresh, not the search's running sum
  out.status = status;
  out.upper_bound = status == Status::optimal ? out.value : std::max(bound, out.value);
  out.algorithm = algorithm;
  out.counters = counters;
  return out;
}

// --- dp ---------------------------------------------------------------------------

template <class Scalar>
CoalitionStructure<Scalar> dynamic_programme(const CoalitionalGame<Scalar>& g, SearchClock& clock) {
  const std::size_t n = g.n();
  const Coalition all = g.grand_coalition();
  const auto& v = g.values();
  CoalitionStructureCounters counters;
  std::vector<Scalar> f(std::size_t(all) + 1);
  std::vector<Coalition> split(std::size_t(all) + 1, 0);  // A of the best split of S; 0: S stays whole
  Coalition done = 0;  // f(S) is final for every S <= done
  std::uint64_t polled = 0;
  bool stopped = false;
  for (Coalition s = 1;; ++s) {
    f[s] = v[s];
    const Coalition low = s & (~s + 1), rest = s ^ low;
    if (rest != 0) {
      // A = low | sub over the proper subsets sub of rest; B = rest ^ sub.
      for (Coalition sub = (rest - 1) & rest;; sub = (sub - 1) & rest) {
        const Coalition a = low | sub;
        if (f[a] + f[rest ^ sub] > f[s]) f[s] = f[a] + f[rest ^ sub], split[s] = a;
        if (sub == 0) break;
      }
      counters.splits += (std::uint64_t(1) << std::popcount(rest)) - 1;
    }
    done = s;
    if (s == all) break;
    if (counters.splits - polled >= 65536) {
      polled = counters.splits;
      if (clock.expired()) {
        stopped = true;
        break;
      }
    }
  }
  counters.coalitions = 2 * counters.splits + done;
  // The blocs of f(S)'s structure.
  auto blocs_of = [&](Coalition s) {
    std::vector<Coalition> out, stack{s};
    while (!stack.empty()) {
      const Coalition c = stack.back();
      stack.pop_back();
      if (split[c] == 0) out.push_back(c);
      else stack.push_back(split[c]), stack.push_back(c ^ split[c]);
    }
    return out;
  };
  if (!stopped) return finish(g, blocs_of(all), Status::optimal, f[all], CoalitionStructureAlgorithm::dp, counters);
  // Cut short: the best of the grand coalition, the singletons and, for
  // every S solved, S's best structure beside the rest of the players as one bloc.
  std::vector<Coalition> best{all};
  Scalar best_value = v[all], singletons(0);
  for (std::size_t i = 0; i < n; ++i) singletons += v[Coalition(1) << i];
  if (singletons > best_value) {
    best_value = singletons;
    best.clear();
    for (std::size_t i = 0; i < n; ++i) best.push_back(Coalition(1) << i);
  }
  for (Coalition s = 1; s <= done; ++s) {
    if (f[s] + v[all ^ s] > best_value) {
      best_value = f[s] + v[all ^ s];
      best = blocs_of(s);
      if (s != all) best.push_back(all ^ s);
    }
    if (s == all) break;
  }
  const auto subspaces = integer_partitions(n);
  return finish(g, best, Status::time_limit, structure_upper_bound(subspaces, size_bounds(g)),
                CoalitionStructureAlgorithm::dp, counters);
}

// --- ip ---------------------------------------------------------------------------

template <class Scalar>
class IntegerPartitionSearch {
 public:
  IntegerPartitionSearch(const CoalitionalGame<Scalar>& g, SearchClock& clock)
      : g_(g), v_(g.values()), all_(g.grand_coalition()), clock_(clock) {}

  CoalitionStructure<Scalar> run() {
    const std::size_t n = g_.n();
    const auto subspaces = integer_partitions(n);
    const auto bounds = size_bounds(g_);
    counters_.subspaces = subspaces.size();
    scan_small_structures();
    if (stopped_)  // cut short before any subspace was settled: only the global bound holds
      return finish(g_, best_blocs_, Status::time_limit, structure_upper_bound(subspaces, bounds),
                    CoalitionStructureAlgorithm::ip, counters_);

    // The subspaces not settled by the scan, with their bounds.
    struct Subspace {
      const std::vector<std::size_t>* parts;
      Scalar upper, average;
    };
    std::vector<Subspace> open;
    Scalar best_average = best_;  // some structure is worth at least this (AVG_I above)
    for (const auto& parts : subspaces) {
      const Scalar average = sum_over_parts(parts, bounds.mean);
      best_average = std::max(best_average, average);
      if (parts.size() <= 2 || parts.back() == 1) {
        ++counters_.subspaces_searched;
        continue;
      }
      open.push_back({&parts, sum_over_parts(parts, bounds.max), average});
    }
    // Highest bound first; among equal bounds the higher average first.
    std::stable_sort(open.begin(), open.end(), [](const Subspace& a, const Subspace& b) {
      return a.upper > b.upper || (a.upper == b.upper && a.average > b.average);
    });
    // In double an average may round above the best structure it promises:
    // prune by averages only with a margin.
    Scalar average_margin(0);
    if constexpr (!is_exact_v<Scalar>) average_margin = 1e-9 * std::max(1.0, std::abs(best_average));

    std::size_t k = 0;
    for (; k < open.size() && !stopped_; ++k) {
      const Subspace& I = open[k];
      if (I.upper <= best_ || I.upper < best_average - average_margin) {
        ++counters_.subspaces_pruned;
        continue;
      }
      search_subspace(*I.parts, bounds.max);
      if (!stopped_) ++counters_.subspaces_searched;
    }
    if (!stopped_) return finish(g_, best_blocs_, Status::optimal, best_, CoalitionStructureAlgorithm::ip, counters_);
    // Cut short in subspace k - 1 (k >= 1 here): it and every later one may still hold better.
    Scalar bound = best_;
    for (std::size_t j = k - 1; j < open.size(); ++j)
      if (!(open[j].upper < best_average - average_margin)) bound = std::max(bound, open[j].upper);
    return finish(g_, best_blocs_, Status::time_limit, bound, CoalitionStructureAlgorithm::ip, counters_);
  }

 private:
  /// The subspaces of one or two blocs and the all-singletons structure
  /// (Rahwan et al. value them while scanning the input): {N}, every
  /// {C, N \ C} and {{1}, ..., {n}}.
  void scan_small_structures() {
    best_ = v_[all_];
    best_blocs_ = {all_};
    ++counters_.structures;
    ++counters_.coalitions;
    stopped_ = clock_.expired();
    if (stopped_) return;
    const std::size_t n = g_.n();
    Scalar singletons(0);
    for (std::size_t i = 0; i < n; ++i) singletons += v_[Coalition(1) << i];
    counters_.coalitions += n;
    ++counters_.structures;
    if (n > 1 && singletons > best_) {
      best_ = singletons;
      best_blocs_.clear();
      for (std::size_t i = 0; i < n; ++i) best_blocs_.push_back(Coalition(1) << i);
    }
    // C holds player 0 and not everyone: each two-bloc structure once.
    for (Coalition c = 1; c < all_; c += 2) {
      ++counters_.structures;
      counters_.coalitions += 2;
      if (v_[c] + v_[all_ ^ c] > best_) best_ = v_[c] + v_[all_ ^ c], best_blocs_ = {c, all_ ^ c};
      if (clock_.tick()) {
        stopped_ = true;
        return;
      }
    }
  }

  /// Branch and bound over the structures whose bloc sizes are `parts`
  /// (ascending, at least three blocs), largest bloc first.
  void search_subspace(const std::vector<std::size_t>& parts, const std::vector<Scalar>& max_of_size) {
    sizes_.assign(parts.rbegin(), parts.rend());
    tail_.assign(parts.size() + 1, Scalar(0));  // tail_[d]: sum of Max_s over the blocs d, d+1, ...
    for (std::size_t d = parts.size(); d-- > 0;) tail_[d] = tail_[d + 1] + max_of_size[sizes_[d]];
    chosen_.assign(parts.size(), 0);
    descend(0, all_, Scalar(0), 0);
  }

  /// Chooses bloc `depth` among `remaining` players, `partial` being the
  /// value of the blocs chosen so far. Blocs of equal size come in
  /// increasing order of their lowest player (`previous` is the lowest
  /// player of bloc depth - 1, as a bit), so each structure is met once.
  void descend(std::size_t depth, Coalition remaining, const Scalar& partial, Coalition previous) {
    const std::size_t size = sizes_[depth];
    const bool last_two = depth + 2 == sizes_.size();
    Coalition pool = remaining, forced = 0;
    if (sizes_.back() == size) {
      // Every bloc left has this size: the next in order holds the lowest player left.
      forced = remaining & (~remaining + 1);
      pool = remaining ^ forced;
    } else if (depth > 0 && sizes_[depth - 1] == size) {
      pool = remaining & ~(previous | (previous - 1));  // players above the previous bloc's lowest
    }
    auto visit = [&](Coalition c) {
      c |= forced;
      ++counters_.coalitions;
      Scalar value = partial + v_[c];
      if (!(value + tail_[depth + 1] > best_)) {
        // pruned: the blocs after this one cannot make up the difference
      } else if (last_two) {
        const Coalition rest = remaining ^ c;
        ++counters_.coalitions;
        ++counters_.structures;
        value += v_[rest];
        if (value > best_) {
          best_ = value;
          best_blocs_.assign(chosen_.begin(), chosen_.begin() + std::ptrdiff_t(depth));
          best_blocs_.push_back(c);
          best_blocs_.push_back(rest);
        }
      } else {
        chosen_[depth] = c;
        descend(depth + 1, remaining ^ c, value, c & (~c + 1));
      }
      if (!stopped_ && clock_.tick()) stopped_ = true;
      return !stopped_;
    };
    const std::size_t free = size - std::size_t(std::popcount(forced));
    if (free == 0) visit(0);
    else for_each_subset_of_size(pool, free, visit);
  }

  const CoalitionalGame<Scalar>& g_;
  const std::vector<Scalar>& v_;
  Coalition all_;
  SearchClock& clock_;
  CoalitionStructureCounters counters_;
  Scalar best_;
  std::vector<Coalition> best_blocs_;
  bool stopped_ = false;
  std::vector<std::size_t> sizes_;
  std::vector<Scalar> tail_;
  std::vector<Coalition> chosen_;
};

}  // namespace coop::detail

/// The coalition structure of largest value sum_{C in CS} v(C), by the
/// algorithm of `options` (ip by default), with an upper bound on every
/// structure's value (equal to the value when the status is optimal; with
/// status time_limit, the best structure found and the bound it is
/// certified against). Throws InvalidArgument for more than 25 players or a
/// time limit that is not positive.
template <class Scalar>
CoalitionStructure<Scalar> optimal_coalition_structure(const CoalitionalGame<Scalar>& v,
                                                       const CoalitionStructureOptions& options = {}) {
  coop::detail::check_coalition_structure_input(v.n(), options);
  coop::detail::SearchClock clock(options.time_limit_seconds);
  if (options.algorithm == CoalitionStructureAlgorithm::dp) return coop::detail::dynamic_programme(v, clock);
  return coop::detail::IntegerPartitionSearch<Scalar>(v, clock).run();
}

}  // namespace entente
