// Lemke-Howson: one Nash equilibrium of a bimatrix game by complementary
// pivoting.
//
// Method (Lemke and Howson, "Equilibrium points of bimatrix games", SIAM J.
// Appl. Math. 12 (1964) 413-423; here as in von Stengel, "Computing
// equilibria for two-person games", ch. 45 of the Handbook of Game Theory
// vol. 3, eds. Aumann and Hart, Elsevier 2002, pp. 1723-1759: Sec. 2.3-2.5
// for the algorithm and its tableaux, Sec. 2.6 for degenerate games):
//
// Shift each player's payoffs so that the smallest is 1 (A' = A - min A + 1,
// likewise B; equilibria do not change). The best-response polytopes are
//
//   P = { x in R^m : x >= 0, B'^T x <= 1 },   Q = { y in R^n : y >= 0, A' y <= 1 },
//
// written as two systems with slacks r (m of them) and s (n of them):
//
//   tableau Q:  A' y + r = 1    (one row per row strategy i)
//   tableau P:  B'^T x + s = 1  (one row per column strategy j)
//
// Labels: x_i and r_i carry label i (0 <= i < m), y_j and s_j carry label
// m + j. A basis is completely labelled when, for every label, one of its
// two variables is nonbasic (zero). The slack basis (x, y) = (0, 0) is the
// artificial equilibrium. Dropping label k, the variable with label k that is
// a coordinate (x_k when k < m, y_{k-m} otherwise) enters its tableau; after
// each pivot the variable with the label that just left enters the other
// tableau, until the label that leaves is k. The final bases give a
// completely labelled vertex pair (x, y) of P x Q, so (x / sum x, y / sum y)
// is an (extreme) equilibrium.
//
// Degenerate games: the leaving variable is chosen by the lexicographic
// minimum-ratio test over (rhs, C^{-1}) / pivot column, where C^{-1} is read
// off the slack (identity) columns of the current tableau (von Stengel
// Sec. 2.6; the right-hand side 1 is perturbed to 1 + (eps, ..., eps^k)).
// The minimum is unique because C^{-1} is nonsingular, the perturbed game is
// nondegenerate, so the path cannot cycle and ends.
//
// Arithmetic: for Rational, the shifted payoffs are scaled to integers and
// the tableau is pivoted on GMP integers with a common determinant (integer
// pivoting, ibid. Sec. 2.5), so every test is exact. For double, the
// shifted payoffs are scaled into (0, 1], the tableau is normalised after
// each pivot, an entry is a pivot candidate only above a relative tolerance,
// and ratios within a tolerance are ties broken by the next lexicographic
// column, as in exact arithmetic.
//
// Results pass through certify() and carry payoffs and regret. A Rational
// result with nonzero regret (a bug, not a property of the game) throws
// SolverError. Reaching max_pivots throws SolverError("Lemke-Howson: pivot
// limit reached"); with exact lexicographic pivoting this means the limit was
// too small for the game, not that the method cycled.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "entente/cancel.hpp"
#include "entente/error.hpp"
#include "entente/game/equilibrium.hpp"
#include "entente/scalar.hpp"

namespace entente {

struct LemkeHowsonOptions {
  /// Pivots (both tableaux together) before SolverError.
  std::size_t max_pivots = 100000;
  /// double only: a column entry is a pivot candidate when it exceeds this
  /// times the largest magnitude in the entering column.
  double pivot_tolerance = 1e-12;
  /// double only: ratios closer than this (times max(1, |ratio|)) are ties,
  /// broken by the next lexicographic column.
  double tie_tolerance = 1e-9;
};

namespace detail::lh {

template <class Scalar>
using EntryOf = std::conditional_t<is_exact_v<Scalar>, mpz_class, double>;

inline constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

/// One system M z + slack = 1. Columns: 0 the right-hand side, 1..d the
/// coordinates z, d+1..d+k the slacks. Exact mode keeps integer entries over
/// the common positive denominator `det` (the basic variable of each row has
/// coefficient det); floating mode keeps det = 1.
template <class Entry>
struct Tableau {
  std::size_t rows = 0, coords = 0, cols = 0;
  std::vector<Entry> a;
  Entry det;
  std::vector<std::size_t> basic;   // variable of each row (0..d-1 coordinates, d.. slacks)
  std::vector<std::size_t> row_of;  // row of each variable, npos when nonbasic

  Tableau(std::vector<Entry> m, std::size_t k, std::size_t d)
      : rows(k), coords(d), cols(1 + d + k), a(k * (1 + d + k), Entry(0)), det(1), basic(k), row_of(d + k, npos) {
    for (std::size_t r = 0; r < k; ++r) {
      at(r, 0) = Entry(1);
      for (std::size_t c = 0; c < d; ++c) at(r, 1 + c) = std::move(m[r * d + c]);
      at(r, 1 + d + r) = Entry(1);
      basic[r] = d + r;
      row_of[d + r] = r;
    }
  }

  Entry& at(std::size_t r, std::size_t c) { return a[r * cols + c]; }
  const Entry& at(std::size_t r, std::size_t c) const { return a[r * cols + c]; }
};

/// The row that leaves when column `col` enters: the lexicographic minimum
/// of (rhs, slack columns) / a(r, col) over rows with a(r, col) > 0; npos
/// when there is none (impossible for a bounded polytope in exact arithmetic).
template <class Entry>
std::size_t lexmin_row(const Tableau<Entry>& t, std::size_t col, const LemkeHowsonOptions& options) {
  constexpr bool exact = !std::is_same_v<Entry, double>;
  std::size_t best = npos;
  double floor = 0;
  if constexpr (!exact) {
    double largest = 0;
    for (std::size_t r = 0; r < t.rows; ++r) largest = std::max(largest, std::abs(t.at(r, col)));
    floor = options.pivot_tolerance * largest;
  }
  mpz_class lhs, rhs;  // scratch for exact comparisons
  for (std::size_t r = 0; r < t.rows; ++r) {
    const Entry& p = t.at(r, col);
    if constexpr (exact) {
      if (sgn(p) <= 0) continue;
    } else {
      if (!(p > floor)) continue;
    }
    if (best == npos) {
      best = r;
      continue;
    }
    const Entry& q = t.at(best, col);
    // Key 0 is the rhs, then the slack columns in order: the rows of C^{-1}.
    for (std::size_t key = 0; key <= t.rows; ++key) {
      const std::size_t c = key == 0 ? 0 : t.coords + key;
      int cmp;  // sign(a(r, c) / p - a(best, c) / q)
      if constexpr (exact) {
        mpz_mul(lhs.get_mpz_t(), t.at(r, c).get_mpz_t(), q.get_mpz_t());
        mpz_mul(rhs.get_mpz_t(), t.at(best, c).get_mpz_t(), p.get_mpz_t());
        cmp = mpz_cmp(lhs.get_mpz_t(), rhs.get_mpz_t());
      } else {
        const double u = t.at(r, c) / p, v = t.at(best, c) / q;
        const double tol = options.tie_tolerance * std::max({1.0, std::abs(u), std::abs(v)});
        cmp = u < v - tol ? -1 : (u > v + tol ? 1 : 0);
      }
      if (cmp < 0) best = r;
      if (cmp != 0) break;
    }
  }
  return best;
}

/// Pivots on (row, col): the variable of column col becomes basic in `row`.
/// Returns the variable that left.
template <class Entry>
std::size_t pivot(Tableau<Entry>& t, std::size_t row, std::size_t col) {
  constexpr bool exact = !std::is_same_v<Entry, double>;
  if constexpr (exact) {
    // Integer pivoting: a(i, j) <- (a(i, j) p - a(i, col) a(row, j)) / det,
    // an exact division (Sylvester's identity); the pivot row stays, the
    // pivot becomes the new determinant.
    const mpz_class p = t.at(row, col);
    mpz_class scratch;
    for (std::size_t i = 0; i < t.rows; ++i) {
      if (i == row) continue;
      const mpz_class f = t.at(i, col);
      for (std::size_t j = 0; j < t.cols; ++j) {
        mpz_class& e = t.at(i, j);
        mpz_mul(scratch.get_mpz_t(), e.get_mpz_t(), p.get_mpz_t());
        mpz_submul(scratch.get_mpz_t(), f.get_mpz_t(), t.at(row, j).get_mpz_t());
        mpz_divexact(e.get_mpz_t(), scratch.get_mpz_t(), t.det.get_mpz_t());
      }
    }
    t.det = p;
  } else {
    const double p = t.at(row, col);
    for (std::size_t j = 0; j < t.cols; ++j) t.at(row, j) /= p;
    t.at(row, col) = 1.0;
    for (std::size_t i = 0; i < t.rows; ++i) {
      if (i == row) continue;
      const double f = t.at(i, col);
      if (f == 0.0) continue;
      for (std::size_t j = 0; j < t.cols; ++j) t.at(i, j) -= f * t.at(row, j);
      t.at(i, col) = 0.0;  // exactly, not f - f * 1 with rounding
    }
  }
  const std::size_t entering = col - 1, leaving = t.basic[row];
  t.row_of[leaving] = npos;
  t.basic[row] = entering;
  t.row_of[entering] = row;
  return leaving;
}

/// Payoffs as k x d rows (transposed for B), shifted to a minimum of 1.
/// Exact: scaled to integers by the common denominator. Floating: divided by
/// the largest entry, so entries lie in (0, 1] and tolerances are relative.
/// Both are positive multiples of (payoff - min + 1), so both follow the
/// same path, degenerate games included.
template <class Scalar>
std::vector<EntryOf<Scalar>> shifted_rows(const MatMap<Scalar>& a, bool transpose) {
  const auto m = std::size_t(a.rows()), n = std::size_t(a.cols());
  const std::size_t k = transpose ? n : m, d = transpose ? m : n;
  // By reference into the (contiguous, row-major) payoffs: the Map's
  // operator() returns a copy, a GMP allocation per read for Rational.
  static_assert(MatMap<Scalar>::IsRowMajor);
  const Scalar* const data = a.data();
  auto value = [&](std::size_t r, std::size_t c) -> const Scalar& {
    return transpose ? data[c * n + r] : data[r * n + c];
  };
  std::vector<EntryOf<Scalar>> out(k * d);
  const Scalar low = a.minCoeff();
  if constexpr (is_exact_v<Scalar>) {
    // Two passes over one scratch value rather than k*d stored Rationals:
    // for a few hundred strategies this setup is ~10^5 GMP allocations and
    // takes longer than many pivots (seconds under AddressSanitizer), so it
    // also polls the cancel flag once a row, like the pivots.
    Rational x;
    mpz_class lcm = 1, scale;
    for (std::size_t r = 0; r < k; ++r) {
      check_cancelled();
      for (std::size_t c = 0; c < d; ++c) {
        x = value(r, c) - low;
        x += 1;
        mpz_lcm(lcm.get_mpz_t(), lcm.get_mpz_t(), x.get_den_mpz_t());
      }
    }
    for (std::size_t r = 0; r < k; ++r) {
      check_cancelled();
      for (std::size_t c = 0; c < d; ++c) {
        x = value(r, c) - low;
        x += 1;
        mpz_divexact(scale.get_mpz_t(), lcm.get_mpz_t(), x.get_den_mpz_t());
        mpz_mul(out[r * d + c].get_mpz_t(), x.get_num_mpz_t(), scale.get_mpz_t());
      }
    }
  } else {
    const double high = a.maxCoeff() - low + 1;
    for (std::size_t r = 0; r < k; ++r)
      for (std::size_t c = 0; c < d; ++c) out[r * d + c] = (value(r, c) - low + 1) / high;
  }
  return out;
}

/// Normalised coordinates read off a tableau (basic values over det; det
/// cancels in the normalisation).
template <class Scalar, class Entry>
std::vector<Scalar> strategy(const Tableau<Entry>& t) {
  std::vector<Scalar> out(t.coords, Scalar(0));
  Scalar sum(0);
  for (std::size_t v = 0; v < t.coords; ++v) {
    if (t.row_of[v] == npos) continue;
    if constexpr (is_exact_v<Scalar>)
      out[v] = Rational(t.at(t.row_of[v], 0));
    else
      out[v] = std::max(0.0, t.at(t.row_of[v], 0));  // rounding can leave -1e-17
    sum += out[v];
  }
  if (!(sum > 0)) throw SolverError("Lemke-Howson: ended at a zero strategy (numerical trouble)");
  for (auto& p : out) p /= sum;
  return out;
}

template <class Scalar>
bool same_profile(const MixedProfile<Scalar>& a, const MixedProfile<Scalar>& b) {
  for (std::size_t i = 0; i < a.num_players(); ++i)
    for (std::size_t s = 0; s < a[i].size(); ++s) {
      if constexpr (is_exact_v<Scalar>) {
        if (a[i][s] != b[i][s]) return false;
      } else {
        if (std::abs(a[i][s] - b[i][s]) > ScalarTraits<double>::eps()) return false;
      }
    }
  return true;
}

}  // namespace detail::lh

/// One equilibrium of a two-player game by Lemke-Howson, dropping `label`:
/// 0..m-1 are the row player's strategies, m..m+n-1 the column player's
/// (m, n = the strategy counts). The result is certified (payoffs, regret);
/// nothing when max_pivots is reached first (solve() reports that as the
/// status pivot_limit). Throws InvalidArgument for a game that is not
/// two-player, a label out of range or non-finite payoffs.
template <class Scalar>
std::optional<Equilibrium<Scalar>> lemke_howson_path(const Game<Scalar>& game, std::size_t label = 0,
                                                     const LemkeHowsonOptions& options = {}) {
  using namespace detail::lh;
  using Entry = EntryOf<Scalar>;
  game.require_two_players();
  const std::size_t m = game.num_strategies(0), n = game.num_strategies(1);
  if (label >= m + n)
    throw InvalidArgument("Lemke-Howson: label " + std::to_string(label) + " out of range: the game has " +
                          std::to_string(m + n) + " labels (0.." + std::to_string(m + n - 1) + ")");
  if constexpr (!is_exact_v<Scalar>) {
    for (std::size_t player = 0; player < 2; ++player)
      for (double x : game.payoffs(player))
        if (!std::isfinite(x)) throw InvalidArgument("Lemke-Howson: payoffs must be finite");
  }
  // tab[0] = Q (A' y + r = 1, coordinates y), tab[1] = P (B'^T x + s = 1, coordinates x).
  Tableau<Entry> tab[2] = {Tableau<Entry>(shifted_rows<Scalar>(game.matrix(0), false), m, n),
                           Tableau<Entry>(shifted_rows<Scalar>(game.matrix(1), true), n, m)};
  // Variable -> label: in Q, y_j is m + j and r_i is i; in P, x_i is i and
  // s_j is m + j, so P's variables are numbered by their labels.
  auto label_of = [&](int side, std::size_t var) { return side == 1 ? var : (var < n ? m + var : var - n); };
  auto variable_of = [&](int side, std::size_t lab) { return side == 1 ? lab : (lab < m ? n + lab : lab - m); };

  int side = label < m ? 1 : 0;  // the tableau where label k is a coordinate
  std::size_t entering = variable_of(side, label);
  for (std::size_t pivots = 0;; ++pivots) {
    if (pivots >= options.max_pivots) return std::nullopt;
    check_cancelled();
    Tableau<Entry>& t = tab[side];
    const std::size_t row = lexmin_row(t, entering + 1, options);
    if (row == npos) throw SolverError("Lemke-Howson: no pivot row in the ratio test (numerical trouble)");
    const std::size_t leaving = pivot(t, row, entering + 1);
    const std::size_t left = label_of(side, leaving);
    if (left == label) break;  // completely labelled again
    side = 1 - side;           // the complement of what left enters the other tableau
    entering = variable_of(side, left);
  }

  MixedProfile<Scalar> profile({strategy<Scalar>(tab[1]), strategy<Scalar>(tab[0])});
  Equilibrium<Scalar> result = certify(game, std::move(profile));
  if constexpr (is_exact_v<Scalar>) {
    if (result.regret != 0)
      throw SolverError("Lemke-Howson: the exact result has regret " + to_string(result.regret) +
                        "; this is a bug, please report the game");
  } else {
    require_certified(game, result, "Lemke-Howson");
  }
  return result;
}

/// lemke_howson_path's equilibrium; SolverError when max_pivots is reached
/// (an Equilibrium has no status to carry it).
template <class Scalar>
Equilibrium<Scalar> lemke_howson(const Game<Scalar>& game, std::size_t label = 0,
                                 const LemkeHowsonOptions& options = {}) {
  auto found = lemke_howson_path(game, label, options);
  if (!found) throw SolverError("Lemke-Howson: pivot limit reached");
  return std::move(*found);
}

/// Lemke-Howson from every label 0..m+n-1 in turn: the distinct equilibria
/// found, in the order first found (exact equality for Rational, within
/// ScalarTraits<double>::eps per probability for double). In a
/// nondegenerate game, paths from the artificial equilibrium end only at
/// equilibria of index +1 (Shapley 1974), so this is in general a subset of
/// all equilibria: battle of the sexes gives its two pure ones, not the
/// mixed one.
template <class Scalar>
std::vector<Equilibrium<Scalar>> lemke_howson_all(const Game<Scalar>& game, const LemkeHowsonOptions& options = {}) {
  game.require_two_players();
  std::vector<Equilibrium<Scalar>> found;
  const std::size_t labels = game.num_strategies(0) + game.num_strategies(1);
  for (std::size_t label = 0; label < labels; ++label) {
    Equilibrium<Scalar> e = lemke_howson(game, label, options);
    const bool seen = std::any_of(found.begin(), found.end(), [&](const Equilibrium<Scalar>& f) {
      return detail::lh::same_profile(f.profile, e.profile);
    });
    if (!seen) found.push_back(std::move(e));
  }
  return found;
}

}  // namespace entente
