// All extreme Nash equilibria of a bimatrix game, and its maximal Nash
// subsets: what Gambit's enummixed and lrslib's lrsnash compute.
//
// Method (Avis, Rosenberg, Savani, von Stengel, "Enumeration of Nash
// equilibria for two-player games", Economic Theory 42 (2010) 9-37; von
// Stengel, "Equilibrium computation for two-player games in strategic and
// extensive form", ch. 3 of Nisan et al., "Algorithmic Game Theory", 2007):
//
// Shift the payoffs so that every entry is positive (equilibria do not
// change). With A (m x n) the row player's and B the column player's payoffs,
// the best-response polytopes are
//
//   P = { x in R^m : x >= 0, B'x <= 1 },   Q = { y in R^n : y >= 0, Ay <= 1 }.
//
// Label a point by the constraints it makes tight: x_i = 0 or (Ay)_i = 1 is
// row label i, y_j = 0 or (B'x)_j = 1 is column label m + j. A pair
// (x, y) != (0, 0) of vertices is completely labelled (every one of the
// m + n labels appears at x or at y) exactly when (x / sum x, y / sum y) is
// an equilibrium, and these pairs are exactly the extreme equilibria (ARSvS
// 2010, which calls the method EEE; von Stengel 2007 on best-response
// polytopes).
//
// Vertices: lrs-style reverse search (Avis and Fukuda, "A pivoting algorithm
// for convex hulls and vertex enumeration of arrangements and polyhedra",
// DCG 8 (1992); Avis, "lrs: a revised implementation of the reverse search
// vertex enumeration algorithm", 2000). The right-hand side is perturbed
// lexicographically (b + (eps, eps^2, ...)), which makes every feasible
// basis a vertex of a simple polytope P_eps; its bases are the tree nodes,
// the parent of a basis is its Bland pivot (lex-min ratio) towards the origin,
// which is the unique optimum of max -sum(x). Each vertex of P is the limit
// of at least one vertex of P_eps (take an objective that P optimises only
// there and run the lexicographic simplex method), so degenerate polytopes
// lose no vertex; a hash set of full label sets turns bases into vertices
// (a vertex is determined by its tight constraints). No tree edge needs a
// pivot back: each depth keeps its own tableau, so a basis costs one pivot.
//
// Exact mode (Rational) uses integer pivoting on a GMP integer tableau with a
// common determinant (Edmonds; as lrs does), every test is exact. Floating
// mode (double) uses the same search on a normalised double tableau with
// ScalarTraits<double>::eps() as the tolerance for zero.
//
// Matching: both polytopes are enumerated; a vertex x with exactly m labels
// (the generic case) meets its partner through a hash lookup of the
// complementary label set, vertices with more labels (degenerate games) are
// compared with every vertex of the other polytope.
#pragma once

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "entente/cancel.hpp"
#include "entente/error.hpp"
#include "entente/status.hpp"
#include "entente/game/equilibrium.hpp"

namespace entente {

/// How an enumeration ended. Only `complete` promises every extreme equilibrium.
/// complete, basis_limit or time_limit (entente::Status, status.hpp).
using EnumerationStatus = Status;

struct EnumerationOptions {
  /// Stop after visiting this many feasible bases of either best-response
  /// polytope (0: no limit). A nondegenerate polytope has one basis per
  /// vertex; degenerate vertices have several.
  std::size_t max_bases = 0;
  /// Stop after this many seconds of wall time (0: no limit). Checked every
  /// 256 bases.
  double time_limit_seconds = kNoTimeLimit;
};

/// Work done, for benchmarks and for the curious: feasible (lexicographic)
/// bases visited and distinct vertices, the origin included, per polytope.
struct EnumerationStats {
  std::size_t row_bases = 0, row_vertices = 0;        ///< P, the row player's mixed strategies
  std::size_t column_bases = 0, column_vertices = 0;  ///< Q
};

/// Every extreme equilibrium, with the vertices it is made of. Equilibrium k
/// is (row_vertices[pairs[k].first], column_vertices[pairs[k].second]).
/// Vertices are sorted lexicographically decreasing (pure strategy 1 first),
/// pairs increasing, so the order is deterministic and the same in both
/// scalars.
template <class Scalar>
struct ExtremeEquilibria {
  std::vector<std::vector<Scalar>> row_vertices;     ///< normalised x of some extreme equilibrium
  std::vector<std::vector<Scalar>> column_vertices;  ///< normalised y
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  std::vector<Equilibrium<Scalar>> equilibria;  ///< certified, in the order of `pairs`
  EnumerationStatus status = EnumerationStatus::complete;
  EnumerationStats stats;
};

namespace detail::venum {

using Clock = std::chrono::steady_clock;

struct Limits {
  std::size_t max_bases = 0;
  bool has_deadline = false;
  Clock::time_point deadline{};
};

inline std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

/// Label sets (bitsets of `words` 64-bit words), kept once each, in order of
/// insertion, behind an open-addressing hash table.
class LabelSetTable {
 public:
  explicit LabelSetTable(std::size_t words = 1) : words_(words), slots_(64, 0) {}

  std::size_t words() const { return words_; }
  std::size_t size() const { return count_; }
  const std::uint64_t* key(std::size_t index) const { return keys_.data() + index * words_; }

  /// {index, true} when the set is new, {index of the old copy, false} otherwise.
  std::pair<std::size_t, bool> insert(const std::uint64_t* key) {
    if ((count_ + 1) * 2 > slots_.size()) grow();
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t h = hash(key) & mask;; h = (h + 1) & mask) {
      if (slots_[h] == 0) {
        keys_.insert(keys_.end(), key, key + words_);
        slots_[h] = ++count_;
        return {count_ - 1, true};
      }
      if (equal(slots_[h] - 1, key)) return {slots_[h] - 1, false};
    }
  }

  /// Index of the set, or npos.
  std::size_t find(const std::uint64_t* key) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t h = hash(key) & mask;; h = (h + 1) & mask) {
      if (slots_[h] == 0) return npos;
      if (equal(slots_[h] - 1, key)) return slots_[h] - 1;
    }
  }

  static constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

 private:
  std::uint64_t hash(const std::uint64_t* key) const {
    std::uint64_t h = 0x9e3779b97f4a7c15ULL;
    for (std::size_t w = 0; w < words_; ++w) h = mix64(h ^ key[w]) + w;
    return h;
  }
  bool equal(std::size_t index, const std::uint64_t* key) const {
    return std::equal(key, key + words_, keys_.begin() + std::ptrdiff_t(index * words_));
  }
  void grow() {
    std::vector<std::size_t> old(slots_.size() * 2, 0);
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t index = 0; index < count_; ++index) {
      std::size_t h = hash(key(index)) & mask;
      while (slots_[h] != 0) h = (h + 1) & mask;
      slots_[h] = index + 1;
    }
  }

  std::size_t words_;
  std::size_t count_ = 0;
  std::vector<std::uint64_t> keys_;
  std::vector<std::size_t> slots_;  // index + 1, 0 = empty
};

/// One dictionary of the reverse search. Rows 0..k-1 belong to the basic
/// variables, row k is the objective max -sum(z); column 0 is the right-hand
/// side, columns 1..d the nonbasic variables. Exact mode (mpz_class) stores
/// det * (the rational dictionary) with det the determinant of the basis,
/// so every entry is an integer:
///     det * basic[r] = a(r, 0) - sum_c a(r, c) * cobasic[c].
/// Floating mode keeps det = 1. Variables: 0..d-1 the coordinates z, d..d+k-1
/// the slacks of the k constraints.
template <class Entry>
struct Dictionary {
  std::size_t rows = 0, cols = 0;
  std::vector<Entry> a;
  Entry det;
  std::vector<int> basic;    // variable of row r
  std::vector<int> cobasic;  // variable of column c (c >= 1)
  std::vector<int> pos;      // variable -> column c >= 1 if nonbasic, -(row + 1) if basic
  std::size_t next = 1;      // next column the search tries from here

  Entry& at(std::size_t r, std::size_t c) { return a[r * cols + c]; }
  const Entry& at(std::size_t r, std::size_t c) const { return a[r * cols + c]; }
};

/// The vertices of { z >= 0 : M z <= 1 } for a positive k x d matrix M.
/// Each vertex is kept with its full label set (label_of[variable] for every
/// variable that is zero) and its coordinates; exact coordinates are kept as
/// numerators over the common determinant, enough to normalise them.
template <class Entry>
class PolytopeEnumerator {
 public:
  /// `m` holds M row-major; label_of has d + k entries below num_labels.
  PolytopeEnumerator(const std::vector<Entry>& m, std::size_t k, std::size_t d, std::vector<std::size_t> label_of,
                     std::size_t num_labels, double eps)
      : k_(k), d_(d), label_of_(std::move(label_of)), eps_(eps),
        table_((num_labels + 63) / 64), labels_(table_.words()), seen_bases_((d + k + 63) / 64),
        basis_key_(seen_bases_.words()) {
    Dictionary<Entry> root;
    root.rows = k + 1;
    root.cols = d + 1;
    root.a.assign(root.rows * root.cols, Entry(0));
    for (std::size_t r = 0; r < k; ++r) {
      root.at(r, 0) = Entry(1);
      for (std::size_t c = 0; c < d; ++c) root.at(r, c + 1) = m[r * d + c];
    }
    for (std::size_t c = 0; c < d; ++c) root.at(k, c + 1) = Entry(1);  // max -sum z: all nonbasic costs 1
    root.det = Entry(1);
    root.basic.resize(k);
    root.cobasic.assign(d + 1, -1);
    root.pos.assign(d + k, 0);
    for (std::size_t r = 0; r < k; ++r) root.basic[r] = int(d + r), root.pos[d + r] = -int(r + 1);
    for (std::size_t c = 0; c < d; ++c) root.cobasic[c + 1] = int(c), root.pos[c] = int(c + 1);
    levels_.push_back(std::move(root));
  }

  /// Runs the reverse search. With stop_on_degenerate, returns as soon as a
  /// vertex with more than d labels shows up (degenerate() then says so).
  EnumerationStatus run(const Limits& limits, bool stop_on_degenerate = false) {
    std::size_t depth = 0;
    levels_[0].next = 1;
    if constexpr (!exact) {
      std::fill(basis_key_.begin(), basis_key_.end(), 0);
      for (std::size_t var = d_; var < d_ + k_; ++var) basis_key_[var / 64] |= std::uint64_t{1} << (var % 64);
      seen_bases_.insert(basis_key_.data());
    }
    ++bases_;
    if (visit(levels_[0], stop_on_degenerate)) return EnumerationStatus::complete;
    while (true) {
      Dictionary<Entry>& here = levels_[depth];
      bool descended = false;
      while (here.next <= d_) {
        const std::size_t s = here.next++;
        // A child reached through column s has s's variable as its Bland
        // entering variable back to us; that needs a worsening column here.
        if (sign(here.at(k_, s)) <= 0) continue;
        const std::size_t r = lexmin_row(here, s);
        if (r == npos || !is_reverse(here, r, s)) continue;
        if constexpr (!exact)
          if (!first_visit(levels_[depth], r, s)) continue;
        if (limits.max_bases && bases() >= limits.max_bases) return EnumerationStatus::basis_limit;
        check_cancelled();
        if (levels_.size() <= depth + 1) {  // sizes the buffers of a new depth once
          Dictionary<Entry> copy = here;
          levels_.push_back(std::move(copy));  // may move `here`: index from now on
        }
        pivot(levels_[depth], levels_[depth + 1], r, s);
        ++depth;
        levels_[depth].next = 1;
        ++bases_;
        if (visit(levels_[depth], stop_on_degenerate)) return EnumerationStatus::complete;
        if (limits.has_deadline && (bases_ & 255) == 0 && Clock::now() > limits.deadline)
          return EnumerationStatus::time_limit;
        descended = true;
        break;
      }
      if (descended) continue;
      if (depth == 0) return EnumerationStatus::complete;
      --depth;
    }
  }

  /// Feasible bases visited so far, the root included (0 before run).
  std::size_t bases() const { return bases_; }
  std::size_t num_vertices() const { return table_.size(); }
  const LabelSetTable& labels() const { return table_; }
  /// Numerators of vertex v's coordinates (d of them); they share a positive
  /// denominator, so only their ratios mean anything in exact mode.
  const Entry* coordinates(std::size_t v) const { return coords_.data() + v * d_; }
  bool degenerate() const { return degenerate_; }

 private:
  static constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();
  static constexpr bool exact = !std::is_same_v<Entry, double>;

  int sign(const Entry& x) const {
    if constexpr (exact)
      return mpz_sgn(x.get_mpz_t());
    else
      return x > eps_ ? 1 : (x < -eps_ ? -1 : 0);
  }

  /// sign(p/q - u/v) for q, v > 0.
  int compare_ratio(const Entry& p, const Entry& q, const Entry& u, const Entry& v) {
    if constexpr (exact) {
      mpz_mul(t1_.get_mpz_t(), p.get_mpz_t(), v.get_mpz_t());
      mpz_mul(t2_.get_mpz_t(), u.get_mpz_t(), q.get_mpz_t());
      const int c = mpz_cmp(t1_.get_mpz_t(), t2_.get_mpz_t());
      return (c > 0) - (c < 0);
    } else {
      return sign(p / q - u / v);
    }
  }

  /// The leaving row for entering column s under the lexicographic ratio
  /// test: the minimum of (rhs, B^-1 columns in slack order) / a(r, s) over
  /// rows with a(r, s) > 0. Unique, because B^-1 is nonsingular.
  std::size_t lexmin_row(const Dictionary<Entry>& t, std::size_t s) {
    std::size_t best = npos;
    for (std::size_t r = 0; r < k_; ++r) {
      if (sign(t.at(r, s)) <= 0) continue;
      if (best == npos) {
        best = r;
        continue;
      }
      const int c = compare_ratio(t.at(r, 0), t.at(r, s), t.at(best, 0), t.at(best, s));
      if (c < 0 || (c == 0 && lex_less(t, r, best, s))) best = r;
    }
    return best;
  }

  /// Is row r lexicographically below row u (both tied on the right-hand side)?
  /// The perturbation of constraint i is eps^(i+1): its column of B^-1 is the
  /// dictionary column of slack i, or a unit vector where slack i is basic.
  bool lex_less(const Dictionary<Entry>& t, std::size_t r, std::size_t u, std::size_t s) {
    for (std::size_t i = 0; i < k_; ++i) {
      const int p = t.pos[d_ + i];
      if (p < 0) {
        const auto q = std::size_t(-p - 1);
        if (q == r) return false;  // r's entry is positive, u's zero
        if (q == u) return true;
        continue;
      }
      const int c = compare_ratio(t.at(r, std::size_t(p)), t.at(r, s), t.at(u, std::size_t(p)), t.at(u, s));
      if (c != 0) return c < 0;
    }
    return false;  // unreachable with a nonsingular basis
  }

  /// Is this dictionary the parent of the one that pivot (r, s) leads to?
  /// There the variable leaving now (basic[r]) improves (its cost becomes
  /// -a(k, s) < 0), and Bland's rule picks it iff no variable with a smaller
  /// index improves: a(k, c) a(r, s) - a(k, s) a(r, c) >= 0 for those. Its
  /// ratio test then returns row r: the perturbed polytope is simple, so the
  /// edge back is the edge we came along.
  bool is_reverse(const Dictionary<Entry>& t, std::size_t r, std::size_t s) {
    const int leaving = t.basic[r];
    const Entry& ks = t.at(k_, s);
    const Entry& rs = t.at(r, s);
    for (std::size_t c = 1; c <= d_; ++c) {
      if (c == s || t.cobasic[c] > leaving) continue;
      const Entry& kc = t.at(k_, c);
      const Entry& rc = t.at(r, c);
      const int skc = sign(kc), src = sign(rc);
      if (skc >= 0 && src <= 0) continue;  // nonnegative without multiplying
      if (skc < 0 && src >= 0) return false;
      if constexpr (exact) {
        mpz_mul(t1_.get_mpz_t(), kc.get_mpz_t(), rs.get_mpz_t());
        mpz_mul(t2_.get_mpz_t(), ks.get_mpz_t(), rc.get_mpz_t());
        if (mpz_cmp(t1_.get_mpz_t(), t2_.get_mpz_t()) < 0) return false;
      } else {
        if (sign(kc - ks * rc / rs) < 0) return false;
      }
    }
    return true;
  }

  /// dst = src pivoted on (r, s). Exact (integer pivoting):
  ///   a'(i, j) = (a(i, j) a(r, s) - a(i, s) a(r, j)) / det   (exact division)
  ///   a'(r, j) = a(r, j),  a'(i, s) = -a(i, s),  a'(r, s) = det,  det' = a(r, s).
  /// Floating: the same divided through by det', i.e. the usual dictionary.
  void pivot(const Dictionary<Entry>& src, Dictionary<Entry>& dst, std::size_t r, std::size_t s) {
    const std::size_t R = src.rows, C = src.cols;
    if constexpr (exact) {
      mpz_srcptr p = src.at(r, s).get_mpz_t();
      mpz_srcptr det = src.det.get_mpz_t();
      const bool unit = mpz_cmp_ui(det, 1) == 0;
      const mpz_class* row_r = &src.a[r * C];
      for (std::size_t i = 0; i < R; ++i) {
        const mpz_class* si = &src.a[i * C];
        mpz_class* di = &dst.a[i * C];
        if (i == r) {
          for (std::size_t j = 0; j < C; ++j)
            if (j != s) mpz_set(di[j].get_mpz_t(), si[j].get_mpz_t());
          mpz_set(di[s].get_mpz_t(), det);
          continue;
        }
        mpz_srcptr ais = si[s].get_mpz_t();
        const bool zero_is = mpz_sgn(ais) == 0;
        for (std::size_t j = 0; j < C; ++j) {
          if (j == s) continue;
          mpz_ptr t = t1_.get_mpz_t();
          mpz_mul(t, si[j].get_mpz_t(), p);
          if (!zero_is && mpz_sgn(row_r[j].get_mpz_t()) != 0) mpz_submul(t, ais, row_r[j].get_mpz_t());
          if (unit)
            mpz_swap(di[j].get_mpz_t(), t);
          else
            mpz_divexact(di[j].get_mpz_t(), t, det);
        }
        mpz_neg(di[s].get_mpz_t(), ais);
      }
      mpz_set(dst.det.get_mpz_t(), p);
    } else {
      const double inv = 1.0 / src.at(r, s);
      const double* row_r = &src.a[r * C];
      for (std::size_t i = 0; i < R; ++i) {
        const double* si = &src.a[i * C];
        double* di = &dst.a[i * C];
        if (i == r) {
          for (std::size_t j = 0; j < C; ++j) di[j] = si[j] * inv;
          di[s] = inv;
          continue;
        }
        const double f = si[s] * inv;
        if (f == 0) {
          for (std::size_t j = 0; j < C; ++j) di[j] = si[j];
        } else {
          for (std::size_t j = 0; j < C; ++j) di[j] = si[j] - f * row_r[j];
        }
        di[s] = -f;
      }
      dst.det = 1.0;
    }
    dst.basic = src.basic;
    dst.cobasic = src.cobasic;
    dst.pos = src.pos;
    const int entering = src.cobasic[s], leaving = src.basic[r];
    dst.basic[r] = entering;
    dst.cobasic[s] = leaving;
    dst.pos[std::size_t(entering)] = -int(r + 1);
    dst.pos[std::size_t(leaving)] = int(s);
  }

  /// Floating mode only: has the basis that pivot (r, s) leads to not been
  /// seen yet? Exact decisions make the search a tree; decisions within a
  /// tolerance could in principle disagree between parent and child, and
  /// this keeps such a slip from visiting a basis twice or cycling.
  bool first_visit(const Dictionary<Entry>& t, std::size_t r, std::size_t s) {
    std::fill(basis_key_.begin(), basis_key_.end(), 0);
    for (std::size_t i = 0; i < k_; ++i) {
      const auto var = std::size_t(i == r ? t.cobasic[s] : t.basic[i]);
      basis_key_[var / 64] |= std::uint64_t{1} << (var % 64);
    }
    return seen_bases_.insert(basis_key_.data()).second;
  }

  /// Records the vertex of this basis; true when the search should stop.
  bool visit(const Dictionary<Entry>& t, bool stop_on_degenerate) {
    std::fill(labels_.begin(), labels_.end(), 0);
    auto set = [&](int var) {
      const std::size_t label = label_of_[std::size_t(var)];
      labels_[label / 64] |= std::uint64_t{1} << (label % 64);
    };
    for (std::size_t c = 1; c <= d_; ++c) set(t.cobasic[c]);
    bool degenerate = false;
    for (std::size_t r = 0; r < k_; ++r)
      if (sign(t.at(r, 0)) == 0) set(t.basic[r]), degenerate = true;
    if (degenerate) degenerate_ = true;
    if (degenerate && stop_on_degenerate) return true;
    if (table_.insert(labels_.data()).second) {
      // Built in place: a default mpz_class allocates nothing, copying a
      // zero would (GMP >= 6.2).
      for (std::size_t var = 0; var < d_; ++var) {
        const int p = t.pos[var];
        if (p < 0 && sign(t.at(std::size_t(-p - 1), 0)) != 0)  // zero within eps is zero
          coords_.emplace_back(t.at(std::size_t(-p - 1), 0));
        else
          coords_.emplace_back();
      }
    }
    return false;
  }

  std::size_t k_, d_;
  std::vector<std::size_t> label_of_;
  double eps_;
  LabelSetTable table_;
  std::vector<std::uint64_t> labels_;
  std::vector<Entry> coords_;
  std::vector<Dictionary<Entry>> levels_;
  LabelSetTable seen_bases_;  // floating mode: bases visited, as bitsets of basic variables
  std::vector<std::uint64_t> basis_key_;
  std::size_t bases_ = 0;
  bool degenerate_ = false;
  Entry t1_{0}, t2_{0};
};

/// The entry type of the tableau: GMP integers for Rational, double for double.
template <class Scalar>
using EntryOf = std::conditional_t<is_exact_v<Scalar>, mpz_class, double>;

/// One payoff matrix made positive for the polytope. Exact: scaled to
/// integers by the common denominator, then shifted to a minimum of 1.
/// Floating: (a - min) / range + 1, in [1, 2], so the tolerance is relative.
template <class Scalar>
std::vector<EntryOf<Scalar>> positive_matrix(const MatMap<Scalar>& a) {
  const auto rows = std::size_t(a.rows()), cols = std::size_t(a.cols());
  std::vector<EntryOf<Scalar>> out(rows * cols);
  if constexpr (is_exact_v<Scalar>) {
    mpz_class lcm = 1;
    for (std::size_t i = 0; i < rows; ++i)
      for (std::size_t j = 0; j < cols; ++j)
        mpz_lcm(lcm.get_mpz_t(), lcm.get_mpz_t(), a(Eigen::Index(i), Eigen::Index(j)).get_den_mpz_t());
    for (std::size_t i = 0; i < rows; ++i)
      for (std::size_t j = 0; j < cols; ++j) {
        const Rational& x = a(Eigen::Index(i), Eigen::Index(j));
        out[i * cols + j] = x.get_num() * (lcm / x.get_den());
      }
    mpz_class low = *std::min_element(out.begin(), out.end());
    for (auto& x : out) x = x - low + 1;
  } else {
    double low = a.minCoeff(), high = a.maxCoeff();
    if (!std::isfinite(low) || !std::isfinite(high)) throw InvalidArgument("payoffs must be finite");
    const double range = high - low;
    for (std::size_t i = 0; i < rows; ++i)
      for (std::size_t j = 0; j < cols; ++j) {
        const double x = a(Eigen::Index(i), Eigen::Index(j));
        out[i * cols + j] = range > 0 ? (x - low) / range + 1.0 : 1.0;
      }
  }
  return out;
}

/// Both best-response polytopes of a bimatrix game, enumerated.
template <class Scalar>
struct Polytopes {
  using Entry = EntryOf<Scalar>;
  std::size_t m, n;
  PolytopeEnumerator<Entry> p, q;

  static std::vector<std::size_t> p_labels(std::size_t m, std::size_t n) {
    std::vector<std::size_t> out(m + n);
    std::iota(out.begin(), out.end(), std::size_t{0});  // x_i -> i, slack of column j -> m + j
    return out;
  }
  static std::vector<std::size_t> q_labels(std::size_t m, std::size_t n) {
    std::vector<std::size_t> out(m + n);
    for (std::size_t j = 0; j < n; ++j) out[j] = m + j;  // y_j -> m + j
    for (std::size_t i = 0; i < m; ++i) out[n + i] = i;  // slack of row i -> i
    return out;
  }
  static std::vector<Entry> transpose(const std::vector<Entry>& b, std::size_t m, std::size_t n) {
    std::vector<Entry> out(m * n);
    for (std::size_t i = 0; i < m; ++i)
      for (std::size_t j = 0; j < n; ++j) out[j * m + i] = b[i * n + j];
    return out;
  }

  explicit Polytopes(const Game<Scalar>& game)
      : m(game.num_strategies(0)), n(game.num_strategies(1)),
        // P = {x >= 0 : B'x <= 1}: n constraints on m variables.
        p(transpose(positive_matrix<Scalar>(game.matrix(1)), m, n), n, m, p_labels(m, n), m + n,
          ScalarTraits<double>::eps()),
        // Q = {y >= 0 : Ay <= 1}: m constraints on n variables.
        q(positive_matrix<Scalar>(game.matrix(0)), m, n, q_labels(m, n), m + n, ScalarTraits<double>::eps()) {}
};

inline Limits make_limits(const EnumerationOptions& options) {
  Limits limits;
  limits.max_bases = options.max_bases;
  check_time_limit(options.time_limit_seconds, "enumeration");
  if (std::isfinite(options.time_limit_seconds)) {
    limits.has_deadline = true;
    limits.deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(
                                         std::min(options.time_limit_seconds, 1e9)));
  }
  return limits;
}

/// Normalised coordinates of a recorded vertex (numerators / their sum).
template <class Scalar>
std::vector<Scalar> normalised(const EntryOf<Scalar>* numerators, std::size_t d) {
  std::vector<Scalar> out(d);
  if constexpr (is_exact_v<Scalar>) {
    mpz_class sum = 0;
    for (std::size_t i = 0; i < d; ++i) sum += numerators[i];
    for (std::size_t i = 0; i < d; ++i) {
      out[i] = Rational(numerators[i], sum);
      out[i].canonicalize();
    }
  } else {
    double sum = 0;
    for (std::size_t i = 0; i < d; ++i) sum += numerators[i];
    for (std::size_t i = 0; i < d; ++i) out[i] = std::max(0.0, numerators[i] / sum);
  }
  return out;
}

/// Lexicographically greater; doubles within eps count as equal, so that a
/// tie such as 1/3 against 0.33333333333333326 sorts as it does exactly.
template <class Scalar>
bool lex_greater(const std::vector<Scalar>& a, const std::vector<Scalar>& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    const Scalar diff = a[i] - b[i];
    if (diff > ScalarTraits<Scalar>::eps()) return true;
    if (diff < -ScalarTraits<Scalar>::eps()) return false;
  }
  return a.size() > b.size();
}

inline std::size_t popcount(const std::uint64_t* bits, std::size_t words) {
  std::size_t count = 0;
  for (std::size_t w = 0; w < words; ++w) count += std::size_t(std::popcount(bits[w]));
  return count;
}

}  // namespace detail::venum

/// Every extreme equilibrium of a two-player game, with the vertices they
/// are made of and the search statistics. When a limit of `options` stops
/// the search, `status` says which, and the equilibria among the vertices
/// found by then are returned: each a true equilibrium, but some (often
/// all, since P is searched before Q) missing.
/// Throws InvalidArgument unless the game has two players.
template <class Scalar>
ExtremeEquilibria<Scalar> enumerate_extreme_equilibria(const Game<Scalar>& game,
                                                       const EnumerationOptions& options = {}) {
  using namespace detail::venum;
  game.require_two_players();
  const Limits limits = make_limits(options);
  Polytopes<Scalar> poly(game);
  const std::size_t m = poly.m, n = poly.n;
  ExtremeEquilibria<Scalar> out;
  out.status = poly.p.run(limits);
  if (out.status == EnumerationStatus::complete) out.status = poly.q.run(limits);
  out.stats = {poly.p.bases(), poly.p.num_vertices(), poly.q.bases(), poly.q.num_vertices()};

  // Match: L(x) | L(y) must be every label. The origins (vertex 0 of each
  // table: the root is visited first) only pair with each other.
  const LabelSetTable& lp = poly.p.labels();
  const LabelSetTable& lq = poly.q.labels();
  const std::size_t words = lp.words();
  std::vector<std::uint64_t> full(words, 0), want(words);
  for (std::size_t label = 0; label < m + n; ++label) full[label / 64] |= std::uint64_t{1} << (label % 64);
  std::vector<std::size_t> q_degenerate;
  for (std::size_t v = 1; v < lq.size(); ++v)
    if (popcount(lq.key(v), words) > n) q_degenerate.push_back(v);
  std::vector<std::pair<std::size_t, std::size_t>> raw;
  auto covers = [&](const std::uint64_t* x, const std::uint64_t* y) {
    for (std::size_t w = 0; w < words; ++w)
      if ((x[w] | y[w]) != full[w]) return false;
    return true;
  };
  for (std::size_t u = 1; u < lp.size(); ++u) {
    const std::uint64_t* lx = lp.key(u);
    if (popcount(lx, words) == m) {
      for (std::size_t w = 0; w < words; ++w) want[w] = full[w] & ~lx[w];
      const std::size_t v = lq.find(want.data());
      if (v != LabelSetTable::npos && v != 0) raw.emplace_back(u, v);
      for (std::size_t v2 : q_degenerate)
        if (covers(lx, lq.key(v2))) raw.emplace_back(u, v2);
    } else {
      for (std::size_t v = 1; v < lq.size(); ++v)
        if (covers(lx, lq.key(v))) raw.emplace_back(u, v);
    }
  }

  // Normalise the vertices that occur, sort them, renumber the pairs.
  auto collect = [&](auto& enumerator, std::size_t d, bool first, std::vector<std::vector<Scalar>>& vertices) {
    std::vector<std::size_t> used;
    for (const auto& pr : raw) used.push_back(first ? pr.first : pr.second);
    std::sort(used.begin(), used.end());
    used.erase(std::unique(used.begin(), used.end()), used.end());
    std::vector<std::pair<std::vector<Scalar>, std::size_t>> items;
    for (std::size_t v : used) items.emplace_back(normalised<Scalar>(enumerator.coordinates(v), d), v);
    // Stable merge sort: safe even if the tolerance made the order inconsistent.
    std::stable_sort(items.begin(), items.end(),
                     [](const auto& a, const auto& b) { return lex_greater(a.first, b.first); });
    std::vector<std::size_t> index_of(enumerator.num_vertices(), 0);
    for (std::size_t i = 0; i < items.size(); ++i) {
      index_of[items[i].second] = i;
      vertices.push_back(std::move(items[i].first));
    }
    return index_of;
  };
  const auto row_index = collect(poly.p, m, true, out.row_vertices);
  const auto column_index = collect(poly.q, n, false, out.column_vertices);
  for (const auto& [u, v] : raw) out.pairs.emplace_back(row_index[u], column_index[v]);
  std::sort(out.pairs.begin(), out.pairs.end());

  for (const auto& [i, j] : out.pairs) {
    auto eq = certify(game, MixedProfile<Scalar>({out.row_vertices[i], out.column_vertices[j]}));
    if constexpr (is_exact_v<Scalar>)
      if (eq.regret != 0)
        throw SolverError("vertex enumeration: an exact extreme equilibrium has regret " + to_string(eq.regret));
    if constexpr (!is_exact_v<Scalar>) require_certified(game, eq, "vertex enumeration");
    out.equilibria.push_back(std::move(eq));
  }
  return out;
}

/// Every extreme Nash equilibrium of a two-player game, each exactly once,
/// each with its regret certificate (exactly 0 for Rational), in the order
/// of enumerate_extreme_equilibria. Every equilibrium of the game is a
/// convex combination within a maximal Nash subset of these.
/// Throws SolverError when a limit in `options` stops the search first,
/// InvalidArgument unless the game has two players.
///
///     auto eqs = entente::enumerate_equilibria(game);   // Gambit's enummixed
template <class Scalar>
std::vector<Equilibrium<Scalar>> enumerate_equilibria(const Game<Scalar>& game,
                                                      const EnumerationOptions& options = {}) {
  auto result = enumerate_extreme_equilibria(game, options);
  if (result.status != EnumerationStatus::complete)
    throw SolverError("vertex enumeration stopped early: " + to_string(result.status) + " after " +
                      std::to_string(result.stats.row_bases + result.stats.column_bases) + " bases");
  return std::move(result.equilibria);
}

/// A maximal Nash subset: every (x, y) with x in the convex hull of the row
/// vertices and y in that of the column vertices is an equilibrium, and no
/// extreme equilibrium can be added. Indices refer to row_vertices and
/// column_vertices of ExtremeEquilibria.
struct NashSubset {
  std::vector<std::size_t> rows, columns;
  bool operator==(const NashSubset&) const = default;
};

/// A connected component of the equilibrium set: the union of maximal Nash
/// subsets that share a vertex, directly or through others.
struct NashComponent {
  std::vector<std::size_t> rows, columns;  ///< vertices, increasing
  std::vector<std::size_t> subsets;        ///< indices into maximal_nash_subsets' result
};

/// The maximal Nash subsets: the maximal bicliques of the bipartite graph
/// whose edges are the extreme equilibria (the "cliques" of ARSvS 2010,
/// which Gambit's enummixed can also report). Each is a closed pair
/// (C's common neighbours, C) with C an intersection of neighbourhoods of
/// row vertices; the family of such C is built by closing under
/// intersection. Sorted by (rows, columns).
template <class Scalar>
std::vector<NashSubset> maximal_nash_subsets(const ExtremeEquilibria<Scalar>& eq) {
  const std::size_t nr = eq.row_vertices.size(), nc = eq.column_vertices.size();
  const std::size_t words = (nc + 63) / 64;
  using Bits = std::vector<std::uint64_t>;
  std::vector<Bits> neighbours(nr, Bits(words, 0));
  for (const auto& [i, j] : eq.pairs) neighbours[i][j / 64] |= std::uint64_t{1} << (j % 64);
  std::vector<Bits> family;
  std::vector<Bits> pending;
  auto add = [&](Bits set) {
    bool empty = std::all_of(set.begin(), set.end(), [](std::uint64_t w) { return w == 0; });
    if (empty || std::find(family.begin(), family.end(), set) != family.end()) return;
    family.push_back(set);
    pending.push_back(std::move(set));
  };
  for (std::size_t i = 0; i < nr; ++i) add(neighbours[i]);
  while (!pending.empty()) {
    Bits set = std::move(pending.back());
    pending.pop_back();
    for (std::size_t i = 0; i < nr; ++i) {
      Bits meet(words);
      for (std::size_t w = 0; w < words; ++w) meet[w] = set[w] & neighbours[i][w];
      add(std::move(meet));
    }
  }
  std::vector<NashSubset> out;
  for (const Bits& set : family) {
    NashSubset subset;
    for (std::size_t j = 0; j < nc; ++j)
      if (set[j / 64] >> (j % 64) & 1) subset.columns.push_back(j);
    for (std::size_t i = 0; i < nr; ++i) {
      bool contains = true;
      for (std::size_t w = 0; w < words && contains; ++w) contains = (neighbours[i][w] & set[w]) == set[w];
      if (contains) subset.rows.push_back(i);
    }
    out.push_back(std::move(subset));
  }
  std::sort(out.begin(), out.end(), [](const NashSubset& a, const NashSubset& b) {
    return std::tie(a.rows, a.columns) < std::tie(b.rows, b.columns);
  });
  return out;
}

/// Enumerates the extreme equilibria, then their maximal Nash subsets.
template <class Scalar>
std::vector<NashSubset> maximal_nash_subsets(const Game<Scalar>& game, const EnumerationOptions& options = {}) {
  auto eq = enumerate_extreme_equilibria(game, options);
  if (eq.status != EnumerationStatus::complete)
    throw SolverError("vertex enumeration stopped early: " + to_string(eq.status));
  return maximal_nash_subsets(eq);
}

/// The connected components of the equilibrium set (the components of the
/// bipartite graph of extreme equilibria), each with the maximal subsets it
/// is the union of. Sorted by their smallest row vertex.
template <class Scalar>
std::vector<NashComponent> nash_components(const ExtremeEquilibria<Scalar>& eq,
                                           const std::vector<NashSubset>& subsets) {
  const std::size_t nr = eq.row_vertices.size(), nc = eq.column_vertices.size();
  std::vector<std::size_t> parent(nr + nc);
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  auto find = [&](std::size_t v) {
    while (parent[v] != v) v = parent[v] = parent[parent[v]];
    return v;
  };
  for (const auto& [i, j] : eq.pairs) parent[find(i)] = find(nr + j);
  std::vector<std::size_t> component_of_root(nr + nc, std::size_t(-1));
  std::vector<NashComponent> out;
  for (std::size_t i = 0; i < nr; ++i) {  // every row vertex is in some pair
    std::size_t root = find(i);
    if (component_of_root[root] == std::size_t(-1)) component_of_root[root] = out.size(), out.emplace_back();
    out[component_of_root[root]].rows.push_back(i);
  }
  for (std::size_t j = 0; j < nc; ++j) out[component_of_root[find(nr + j)]].columns.push_back(j);
  for (std::size_t s = 0; s < subsets.size(); ++s)
    out[component_of_root[find(subsets[s].rows.front())]].subsets.push_back(s);
  return out;
}

template <class Scalar>
std::vector<NashComponent> nash_components(const ExtremeEquilibria<Scalar>& eq) {
  return nash_components(eq, maximal_nash_subsets(eq));
}

}  // namespace entente
