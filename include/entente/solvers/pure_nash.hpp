// Pure-strategy Nash equilibria of an N-player game: a blocked pass over the
// last two players' payoff tensors, then candidate pruning through the others.
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#if defined(__SSE2__)
#include <immintrin.h>
#endif

#include "entente/cancel.hpp"
#include "entente/game/equilibrium.hpp"
#include "entente/game/game.hpp"

namespace entente {

namespace detail {

/// Calls f(base) once for every profile of the other players, in C order:
/// `base` is the flat index where `player` plays strategy 0, and strategy s
/// sits at base + s * game.stride(player). The k-th call is the k-th
/// "others' profile", so a compact array of size num_profiles / n_player
/// can be indexed by a running counter.
template <class Scalar, class F>
void for_each_opponent_profile(const Game<Scalar>& game, std::size_t player, F&& f) {
  const std::size_t stride = game.stride(player);
  const std::size_t block = stride * game.num_strategies(player);
  for (std::size_t high = 0; high < game.num_profiles(); high += block)
    for (std::size_t low = 0; low < stride; ++low) f(high + low);
}

/// Throws InvalidArgument when a floating payoff is NaN or infinite: every
/// comparison with a NaN is false, so solvers would return nonsense rather
/// than fail. Rational payoffs are always finite; nothing to check.
template <class Scalar>
void check_finite_payoffs(const Game<Scalar>& game, const char* method) {
  if constexpr (!is_exact_v<Scalar>) {
    for (std::size_t i = 0; i < game.num_players(); ++i)
      for (const auto& x : game.payoffs(i))
        if (!std::isfinite(static_cast<double>(x)))
          throw InvalidArgument(std::string(method) + ": player " + std::to_string(i) +
                                " has a payoff that is not finite (NaN or infinity)");
  }
}

/// best - value <= eps without a temporary: exact types compare directly,
/// so a Rational comparison allocates nothing.
template <class Scalar>
bool within_eps_below(const Scalar& best, const Scalar& value, double tie) {
  if constexpr (is_exact_v<Scalar>)
    return value >= best;
  else
    return best - value <= tie;
}

/// The tie tolerance for double: eps, shrunk for games whose payoffs are all
/// tiny (1e-12 apart would otherwise all tie, and every profile would pass
/// as an equilibrium). Payoffs are compared as stored, without arithmetic,
/// so large payoffs need no wider tolerance.
template <class Scalar>
double tie_tolerance(const Game<Scalar>& game) {
  if constexpr (is_exact_v<Scalar>) {
    return 0.0;
  } else {
    // Stops at the first payoff of size >= 1 (then the tolerance is eps),
    // so usual games are not read in full just for this.
    double scale = 0.0;
    for (std::size_t i = 0; i < game.num_players() && scale < 1.0; ++i)
      for (double u : game.payoffs(i)) {
        scale = std::max(scale, std::abs(u));
        if (scale >= 1.0) break;
      }
    return ScalarTraits<double>::eps() * std::min(1.0, scale);
  }
}

/// Division of a profile index by a fixed divisor as one 64x64->128-bit
/// multiply (Lemire, Kaser & Kurz, "Faster remainder by direct computation",
/// Software: Practice and Experience 49(6), 2019, Theorem 1: with
/// M = ceil(2^64 / d), floor(a M / 2^64) = floor(a / d) for all 32-bit a
/// and d). A hardware division per candidate would cost more than reading
/// its fiber. Profile indices fit in 32 bits (kMaxPayoffEntries).
class IndexDivider {
 public:
  explicit IndexDivider(std::size_t divisor)
      : divisor_(static_cast<std::uint32_t>(divisor)),
        magic_(divisor == 1 ? 0 : ~std::uint64_t{0} / divisor + 1) {}
  std::uint32_t quotient(std::uint32_t a) const {
#ifdef __SIZEOF_INT128__
    if (divisor_ == 1) return a;  // M = 2^64 does not fit
    __extension__ typedef unsigned __int128 Wide;  // __extension__: no -Wpedantic warning
    return static_cast<std::uint32_t>((static_cast<Wide>(magic_) * a) >> 64);
#else
    return a / divisor_;
#endif
  }

 private:
  std::uint32_t divisor_;
  std::uint64_t magic_;
};

static_assert(kMaxPayoffEntries <= (std::size_t{1} << 32), "profile indices must fit in 32 bits");

/// A running maximum over a fiber: the value itself for double (a register
/// max, vectorisable, no reload through an index), a pointer to it for exact
/// scalars (no Rational copy, so no allocation).
template <class Scalar>
using FiberMax = std::conditional_t<is_exact_v<Scalar>, const Scalar*, Scalar>;

template <class Scalar>
FiberMax<Scalar> fiber_max_start(const Scalar& x) {
  if constexpr (is_exact_v<Scalar>)
    return &x;
  else
    return x;
}

template <class Scalar>
void fiber_max_update(FiberMax<Scalar>& m, const Scalar& x) {
  if constexpr (is_exact_v<Scalar>) {
    if (x > *m) m = &x;
  } else {
    m = x > m ? x : m;  // maxsd / maxpd, no branch
  }
}

template <class Scalar>
const Scalar& fiber_max_value(const FiberMax<Scalar>& m) {
  if constexpr (is_exact_v<Scalar>)
    return *m;
  else
    return m;
}

}  // namespace detail

template <class Scalar>
struct PureEquilibrium {
  std::vector<std::size_t> profile;  ///< one strategy index per player
  std::vector<Scalar> payoffs;       ///< each player's payoff at the profile
  /// Every player's strategy is its unique best response (for double: no
  /// other strategy comes within ScalarTraits<double>::eps() of the best).
  bool strict = false;
  /// The regret certificate: the largest gain any player has from a
  /// deviation, max_i (max_t u_i(t, s_-i) - u_i(s)). 0 for Rational; for
  /// double at most the tie tolerance (a tie within it counts as a best
  /// response).
  Scalar regret = Scalar(0);
};

/// All pure Nash equilibria, in C order of their profiles.
///
/// Candidate pruning instead of a full pass per player. First one blocked
/// pass over the last two players' tensors: in each block of n_{N-1} x n_N
/// profiles (the others fixed, contiguous in both tensors) the last
/// player's row maxima and the second-last's column maxima (an elementwise
/// max of rows, vectorised) are computed while the block is in L1, and the
/// profiles where both best-respond become the candidates. Each earlier
/// player, from the third-last to the first (growing strides), then filters
/// the surviving candidates: by reading only their own fibers and stopping
/// at the first strictly better deviation while candidates are few, or, when
/// ties keep many alive, by computing that player's fiber maxima in one
/// vectorised pass and looking each candidate's up. In a game without ties
/// about 1/(n_{N-1} n_N) of the profiles survive the first pass, so the work
/// is about one pass over two tensors instead of one over every tensor.
/// Strictness and the regret certificate are computed for the equilibria
/// only. Memory: the candidate list (32-bit indices, at most one a profile)
/// and, in the dense case, one value per fiber; no allocation per profile.
/// Ties: exact for Rational, within ScalarTraits<double>::eps() for double
/// (shrunk for tiny payoffs). Throws InvalidArgument for a NaN or infinite
/// payoff.
template <class Scalar>
std::vector<PureEquilibrium<Scalar>> pure_equilibria(const Game<Scalar>& game);

namespace detail {

/// best[low] = the maximum of u[s * stride + low] over s < n, for every
/// low < width: the maxima of n contiguous runs, elementwise. Eight running
/// maxima at a time stay in registers across the runs (vectorised), rather
/// than a load and a store of best[] per value.
template <class Scalar>
void run_maxima(const Scalar* u, std::size_t n, std::size_t stride, std::size_t width, FiberMax<Scalar>* best) {
  constexpr std::size_t kLanes = 8;
  std::size_t low = 0;
#if defined(__SSE2__)
  if constexpr (std::is_same_v<Scalar, double>) {  // the compiler keeps the lanes scalar otherwise
    for (; low + kLanes <= width; low += kLanes) {
      __m128d lanes[kLanes / 2];
      for (std::size_t j = 0; j < kLanes / 2; ++j) lanes[j] = _mm_loadu_pd(u + low + 2 * j);
      for (std::size_t s = 1; s < n; ++s) {
        const double* run = u + s * stride + low;
        for (std::size_t j = 0; j < kLanes / 2; ++j) lanes[j] = _mm_max_pd(_mm_loadu_pd(run + 2 * j), lanes[j]);
      }
      for (std::size_t j = 0; j < kLanes / 2; ++j) _mm_storeu_pd(best + low + 2 * j, lanes[j]);
    }
  }
#endif
  for (; low + kLanes <= width; low += kLanes) {
    FiberMax<Scalar> lanes[kLanes];
    for (std::size_t j = 0; j < kLanes; ++j) lanes[j] = fiber_max_start(u[low + j]);
    for (std::size_t s = 1; s < n; ++s) {
      const Scalar* run = u + s * stride + low;
      for (std::size_t j = 0; j < kLanes; ++j) fiber_max_update<Scalar>(lanes[j], run[j]);
    }
    for (std::size_t j = 0; j < kLanes; ++j) best[low + j] = lanes[j];
  }
  for (; low < width; ++low) {
    best[low] = fiber_max_start(u[low]);
    for (std::size_t s = 1; s < n; ++s) fiber_max_update<Scalar>(best[low], u[s * stride + low]);
  }
}

/// Which code the first pass runs for double: the portable loop, SSE2 or
/// AVX2. kBest picks the widest the processor has; tests force each.
enum class PureNashSimd { kBest, kPortable, kSse2, kAvx2 };

#if defined(__SSE2__)
/// Collects candidates given as bit masks over consecutive cells, in order.
/// Several rows' masks are packed into one 64-bit word before its set bits
/// are extracted, so the extraction loop ends (a mispredicted branch) once
/// a word rather than once a row. The caller keeps `out` 64 cells ahead.
class CandidateStream {
 public:
  CandidateStream(std::vector<std::uint32_t>& out, std::size_t& count) : out_(out), count_(count) {}
  /// The mask of the next `width` (<= 64) cells, bit c for the c-th.
  void append(std::uint64_t bits, std::size_t width) {
    if (used_ + width > 64) flush();
    word_ |= bits << used_;
    used_ += width;
  }
  void flush() {
    std::uint32_t* out = out_.data();
    for (; word_ != 0; word_ &= word_ - 1)
      out[count_++] = static_cast<std::uint32_t>(start_ + static_cast<std::size_t>(std::countr_zero(word_)));
    start_ += used_;
    used_ = 0;
  }

 private:
  std::vector<std::uint32_t>& out_;
  std::size_t& count_;
  std::uint64_t word_ = 0;
  std::size_t used_ = 0, start_ = 0;
};

/// One row of the first pass for double, two lanes at a time (SSE2 is part
/// of x86-64; the compiler does not vectorise a max reduction on its own):
/// the last player's row maximum, then the mask of the cells where both it
/// and the second-last player (whose column maxima are `column`)
/// best-respond, with the same test as within_eps_below.
inline void last_two_row_sse2(const double* last, const double* prev, const double* column, std::size_t n,
                              double tie, CandidateStream& stream) {
  __m128d lanes = _mm_set1_pd(last[0]);
  std::size_t c = 0;
  for (; c + 2 <= n; c += 2) lanes = _mm_max_pd(lanes, _mm_loadu_pd(last + c));
  double best = std::max(_mm_cvtsd_f64(lanes), _mm_cvtsd_f64(_mm_unpackhi_pd(lanes, lanes)));
  for (; c < n; ++c) best = last[c] > best ? last[c] : best;
  const __m128d best2 = _mm_set1_pd(best), tie2 = _mm_set1_pd(tie);
  for (std::size_t start = 0; start < n; start += 64) {
    const std::size_t end = std::min(n, start + 64);
    std::uint64_t bits = 0;
    for (c = start; c + 2 <= end; c += 2) {
      const __m128d last_best = _mm_cmple_pd(_mm_sub_pd(best2, _mm_loadu_pd(last + c)), tie2);
      const __m128d prev_best = _mm_cmple_pd(_mm_sub_pd(_mm_loadu_pd(column + c), _mm_loadu_pd(prev + c)), tie2);
      bits |= static_cast<std::uint64_t>(_mm_movemask_pd(_mm_and_pd(last_best, prev_best))) << (c - start);
    }
    for (; c < end; ++c)
      bits |= static_cast<std::uint64_t>((best - last[c] <= tie) & (column[c] - prev[c] <= tie)) << (c - start);
    stream.append(bits, end - start);
  }
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define ENTENTE_PURE_NASH_AVX2 1
/// last_two_row_sse2 four lanes at a time, for processors with AVX2 (chosen
/// at run time: the library is built for plain x86-64). Same tests, same
/// candidates.
[[gnu::target("avx2")]] inline void last_two_row_avx2(const double* last, const double* prev, const double* column,
                                                      std::size_t n, double tie, CandidateStream& stream) {
  std::size_t c = 0;
  double best = last[0];
  if (n >= 4) {
    __m256d lanes = _mm256_loadu_pd(last);
    for (c = 4; c + 4 <= n; c += 4) lanes = _mm256_max_pd(lanes, _mm256_loadu_pd(last + c));
    __m128d half = _mm_max_pd(_mm256_castpd256_pd128(lanes), _mm256_extractf128_pd(lanes, 1));
    best = std::max(_mm_cvtsd_f64(half), _mm_cvtsd_f64(_mm_unpackhi_pd(half, half)));
  }
  for (; c < n; ++c) best = last[c] > best ? last[c] : best;
  const __m256d best4 = _mm256_set1_pd(best), tie4 = _mm256_set1_pd(tie);
  for (std::size_t start = 0; start < n; start += 64) {
    const std::size_t end = std::min(n, start + 64);
    std::uint64_t bits = 0;
    for (c = start; c + 4 <= end; c += 4) {
      const __m256d last_best = _mm256_cmp_pd(_mm256_sub_pd(best4, _mm256_loadu_pd(last + c)), tie4, _CMP_LE_OQ);
      const __m256d prev_best =
          _mm256_cmp_pd(_mm256_sub_pd(_mm256_loadu_pd(column + c), _mm256_loadu_pd(prev + c)), tie4, _CMP_LE_OQ);
      bits |= static_cast<std::uint64_t>(_mm256_movemask_pd(_mm256_and_pd(last_best, prev_best))) << (c - start);
    }
    for (; c < end; ++c)
      bits |= static_cast<std::uint64_t>((best - last[c] <= tie) & (column[c] - prev[c] <= tie)) << (c - start);
    stream.append(bits, end - start);
  }
}
#endif

/// The first pass for double, vectorised by hand: the blocks of the generic
/// pass (column maxima, then row by row), rows by `Row`.
template <bool kAvx2>
[[gnu::always_inline]] inline void last_two_pass_double(const double* u_last, const double* u_prev,
                                                        std::size_t profiles, std::size_t n_last,
                                                        std::size_t n_prev, double tie,
                                                        std::vector<std::uint32_t>& candidates, std::size_t& count) {
  const std::size_t block = n_last * n_prev;
  std::vector<double> column(n_last);
  CandidateStream stream(candidates, count);
  for (std::size_t base = 0; base < profiles; base += block) {
    if ((base & 0xffff) == 0) check_cancelled();
    if (count + block + 64 > candidates.size())  // the stream may hold 64 cells back
      candidates.resize(std::max(2 * candidates.size(), count + block + 64));
    run_maxima(u_prev + base, n_prev, n_last, n_last, column.data());
    for (std::size_t row = base; row < base + block; row += n_last) {
#if defined(ENTENTE_PURE_NASH_AVX2)
      if constexpr (kAvx2) {
        last_two_row_avx2(u_last + row, u_prev + row, column.data(), n_last, tie, stream);
        continue;
      }
#endif
      last_two_row_sse2(u_last + row, u_prev + row, column.data(), n_last, tie, stream);
    }
  }
  stream.flush();
}

inline void last_two_pass_sse2(const double* u_last, const double* u_prev, std::size_t profiles, std::size_t n_last,
                               std::size_t n_prev, double tie, std::vector<std::uint32_t>& candidates,
                               std::size_t& count) {
  last_two_pass_double<false>(u_last, u_prev, profiles, n_last, n_prev, tie, candidates, count);
}

#if defined(ENTENTE_PURE_NASH_AVX2)
[[gnu::target("avx2")]] inline void last_two_pass_avx2(const double* u_last, const double* u_prev,
                                                       std::size_t profiles, std::size_t n_last, std::size_t n_prev,
                                                       double tie, std::vector<std::uint32_t>& candidates,
                                                       std::size_t& count) {
  last_two_pass_double<true>(u_last, u_prev, profiles, n_last, n_prev, tie, candidates, count);
}

inline bool has_avx2() {
  static const bool yes = __builtin_cpu_supports("avx2");
  return yes;
}
#endif

#endif

/// The first pass of pure_equilibria: the profiles where the last player and
/// the second-last (if any) both best-respond, in C order.
template <class Scalar>
std::vector<std::uint32_t> last_two_best_responses(const Game<Scalar>& game, double tie,
                                                   [[maybe_unused]] PureNashSimd simd = PureNashSimd::kBest) {
  const std::size_t players = game.num_players(), profiles = game.num_profiles();
  const std::size_t last = players - 1;
  const auto u_last = game.payoffs(last);
  const std::size_t n_last = game.num_strategies(last);  // stride 1
  // One player: its "column maximum" over a single row is the cell itself,
  // which always passes, so the same loop serves.
  const auto u_prev = players >= 2 ? game.payoffs(last - 1) : u_last;
  const std::size_t n_prev = players >= 2 ? game.num_strategies(last - 1) : 1;  // stride n_last
  const std::size_t block = n_last * n_prev;
  std::vector<FiberMax<Scalar>> column(n_last);
  std::vector<std::uint32_t> candidates(profiles / n_last + block + 64);
  std::size_t count = 0;
#if defined(__SSE2__)
  if constexpr (std::is_same_v<Scalar, double>) {
#if defined(ENTENTE_PURE_NASH_AVX2)
    if (simd == PureNashSimd::kAvx2 || (simd == PureNashSimd::kBest && has_avx2())) {
      last_two_pass_avx2(u_last.data(), u_prev.data(), profiles, n_last, n_prev, tie, candidates, count);
      candidates.resize(count);
      return candidates;
    }
#endif
    if (simd != PureNashSimd::kPortable) {
      last_two_pass_sse2(u_last.data(), u_prev.data(), profiles, n_last, n_prev, tie, candidates, count);
      candidates.resize(count);
      return candidates;
    }
  }
#endif
  for (std::size_t base = 0; base < profiles; base += block) {
    if ((base & 0xffff) == 0) check_cancelled();
    if (count + block + 64 > candidates.size())  // the stream may hold 64 cells back
      candidates.resize(std::max(2 * candidates.size(), count + block + 64));
    run_maxima(&u_prev[base], n_prev, n_last, n_last, column.data());
    for (std::size_t row = base; row < base + block; row += n_last) {
      FiberMax<Scalar> best = fiber_max_start(u_last[row]);
      for (std::size_t c = 1; c < n_last; ++c) fiber_max_update<Scalar>(best, u_last[row + c]);
      // Branch-free: an unconditional store and a conditional count (where
      // the row's maximum sits is random, so a branch would mispredict).
      for (std::size_t c = 0; c < n_last; ++c) {
        candidates[count] = static_cast<std::uint32_t>(row + c);
        const bool last_best = within_eps_below(fiber_max_value<Scalar>(best), u_last[row + c], tie);
        const bool prev_best = within_eps_below(fiber_max_value<Scalar>(column[c]), u_prev[row + c], tie);
        count += static_cast<std::size_t>(last_best & prev_best);
      }
    }
  }
  candidates.resize(count);
  return candidates;
}

/// Keeps the candidates where `player` best-responds, in order.
///
/// The profiles split into blocks of n * stride (the player's strategies
/// times the profiles of the players after it), in which the player's
/// fibers are n runs of `stride` contiguous values. A block's candidates
/// are tested either by reading each one's fiber (n values a cache line
/// apart, stopping at the first strictly better deviation) or, when they
/// are many, by computing the block's fiber maxima in one sequential pass
/// (an elementwise max of the runs, vectorised, in a small buffer) and
/// comparing; blocks without candidates are not read. Blocks larger than
/// the buffer use one global choice instead: the scans, or every fiber's
/// maximum in one pass over the tensor.
template <class Scalar>
void keep_best_responses(const Game<Scalar>& game, std::size_t player, double tie,
                         std::vector<std::uint32_t>& candidates) {
  const std::size_t profiles = game.num_profiles();
  const std::size_t n = game.num_strategies(player), stride = game.stride(player);
  if (n == 1) return;  // no deviation
  const auto u = game.payoffs(player);
  const std::size_t block = n * stride;
  const IndexDivider by_stride(stride), by_block(block);
  // A scan costs about n scattered reads, the pass n * stride sequential
  // ones, vectorised: measured on 10^6-profile games, the pass pays from
  // about stride / 8 candidates in the block.
  constexpr std::size_t kScanCost = 8;
  constexpr std::size_t kMaxBufferedStride = 4096;  // 32 KiB of double
  const auto scan = [&](std::uint32_t k, std::size_t own) {
    bool best = true;
    for (std::size_t s = 0, j = k - own * stride; s < n && best; ++s, j += stride)
      best = within_eps_below(u[j], u[k], tie);
    return best;
  };

  std::size_t kept = 0;
  if (stride <= kMaxBufferedStride) {
    std::vector<FiberMax<Scalar>> best(stride);
    for (std::size_t first = 0, blocks = 0; first < candidates.size(); ++blocks) {
      if ((blocks & 0x3ff) == 0) check_cancelled();
      const std::size_t high = std::size_t{by_block.quotient(candidates[first])} * block;
      std::size_t last = first + 1;
      while (last < candidates.size() && candidates[last] < high + block) ++last;
      if ((last - first) * kScanCost > stride) {
        run_maxima(&u[high], n, stride, stride, best.data());
        for (std::size_t c = first; c < last; ++c) {
          const std::uint32_t k = candidates[c];
          const std::size_t offset = k - high, low = offset - std::size_t{by_stride.quotient(offset)} * stride;
          candidates[kept] = k;
          kept += static_cast<std::size_t>(within_eps_below(fiber_max_value<Scalar>(best[low]), u[k], tie));
        }
      } else {
        for (std::size_t c = first; c < last; ++c) {
          const std::uint32_t k = candidates[c];
          const bool keep = scan(k, by_stride.quotient(static_cast<std::uint32_t>(k - high)));
          candidates[kept] = k;
          kept += static_cast<std::size_t>(keep);
        }
      }
      first = last;
    }
  } else if (candidates.size() * kScanCost > profiles / n) {
    check_cancelled();
    std::vector<FiberMax<Scalar>> best(profiles / n);  // fiber (high, low) at high / n + low
    for (std::size_t high = 0, out = 0; high < profiles; high += block, out += stride) {
      check_cancelled();
      run_maxima(&u[high], n, stride, stride, &best[out]);
    }
    for (const std::uint32_t k : candidates) {
      const std::uint32_t q = by_stride.quotient(k);  // k = q * stride + low
      const std::size_t fiber = std::size_t{by_block.quotient(k)} * stride + (k - std::size_t{q} * stride);
      candidates[kept] = k;
      kept += static_cast<std::size_t>(within_eps_below(fiber_max_value<Scalar>(best[fiber]), u[k], tie));
    }
  } else {
    check_cancelled();
    for (const std::uint32_t k : candidates) {
      const std::uint32_t q = by_stride.quotient(k);
      const bool keep = scan(k, q - std::size_t{by_block.quotient(k)} * n);
      candidates[kept] = k;
      kept += static_cast<std::size_t>(keep);
    }
  }
  candidates.resize(kept);
}

/// pure_equilibria without the finiteness check, for callers whose games
/// are finite by construction (the Python module's games come from exact
/// rationals): the check reads every payoff, which the pruning avoids.
template <class Scalar>
std::vector<PureEquilibrium<Scalar>> pure_equilibria_of_finite(const Game<Scalar>& game) {
  const std::size_t players = game.num_players();
  const double tie = detail::tie_tolerance(game);
  check_cancelled();
  std::vector<std::uint32_t> candidates = last_two_best_responses(game, tie);
  for (std::size_t i = players >= 2 ? players - 2 : 0; i-- > 0 && !candidates.empty();)
    keep_best_responses(game, i, tie, candidates);
  std::vector<PureEquilibrium<Scalar>> out;
  out.reserve(candidates.size());
  for (const std::size_t k : candidates) {
    PureEquilibrium<Scalar> eq;
    eq.profile = game.profile_at(k);
    eq.payoffs.reserve(players);
    eq.strict = true;
    for (std::size_t i = 0; i < players; ++i) {
      const auto u = game.payoffs(i);
      eq.payoffs.push_back(u[k]);
      const std::size_t n = game.num_strategies(i), stride = game.stride(i);
      const std::size_t base = k - eq.profile[i] * stride;
      FiberMax<Scalar> best = fiber_max_start(u[base]);
      for (std::size_t s = 1, j = base + stride; s < n; ++s, j += stride) fiber_max_update<Scalar>(best, u[j]);
      // Strict: no other own strategy within eps of the best (the test the
      // tie rule uses), i.e. exactly one cell of the fiber ties the maximum.
      std::size_t ties = 0;
      for (std::size_t s = 0, j = base; s < n; ++s, j += stride)
        ties += within_eps_below(fiber_max_value<Scalar>(best), u[j], tie) ? 1 : 0;
      if (ties > 1) eq.strict = false;
      if constexpr (!is_exact_v<Scalar>) eq.regret = std::max(eq.regret, best - u[k]);
    }
    out.push_back(std::move(eq));
  }
  return out;
}

}  // namespace detail

template <class Scalar>
std::vector<PureEquilibrium<Scalar>> pure_equilibria(const Game<Scalar>& game) {
  detail::check_finite_payoffs(game, "pure equilibria");
  return detail::pure_equilibria_of_finite(game);
}

/// The pure equilibria as mixed Equilibrium objects (method "enumpure"),
/// each certified: its regret is 0 (exactly for Rational).
///
/// The certificate is read off the payoff fibers through the profile (a
/// pure profile's strategy values are those cells), which gives the numbers
/// certify() computes from the whole tensor: payoff u_i(s), regret
/// max(0, max_t u_i(t, s_-i) - u_i(s)) over the players.
template <class Scalar>
std::vector<Equilibrium<Scalar>> pure_nash(const Game<Scalar>& game) {
  std::vector<Equilibrium<Scalar>> out;
  for (auto& eq : pure_equilibria(game)) {
    std::size_t flat = 0;
    for (std::size_t i = 0; i < game.num_players(); ++i) flat += eq.profile[i] * game.stride(i);
    Scalar worst(0);
    for (std::size_t i = 0; i < game.num_players(); ++i) {
      const auto u = game.payoffs(i);
      const std::size_t n = game.num_strategies(i), stride = game.stride(i);
      const std::size_t base = flat - eq.profile[i] * stride;
      const Scalar* best = &u[base];
      for (std::size_t t = 1; t < n; ++t)
        if (*best < u[base + t * stride]) best = &u[base + t * stride];
      Scalar gain = *best - u[flat];
      if (gain < 0) gain = Scalar(0);
      worst = std::max(worst, gain);
    }
    out.push_back(Equilibrium<Scalar>{MixedProfile<Scalar>::pure(game, eq.profile), std::move(eq.payoffs),
                                      std::move(worst)});
  }
  return out;
}

}  // namespace entente
