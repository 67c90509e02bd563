// Nucleolus and prenucleolus of a TU game by the sequential LP method.
//
//  - D. Schmeidler, "The nucleolus of a characteristic function game", SIAM
//    J. Appl. Math. 17 (1969) 1163-1170: the imputation that lexicographically
//    minimises the non-increasingly ordered vector of excesses
//    e(S, x) = v(S) - x(S); the prenucleolus does the same over all efficient x.
//  - M. Maschler, B. Peleg, L. S. Shapley, "Geometric properties of the
//    kernel, nucleolus and related solution concepts", Math. Oper. Res. 4
//    (1979) 303-338: the sequence of LPs used here.
//
// Two implementations of the same sequence, giving the same point:
//
// NucleolusMethod::full keeps every coalition in every LP (2^n rows) and, each
// round, fixes every coalition tight at every optimum: a row with a strictly
// positive dual is (complementary slackness); any other candidate is iff its
// excess cannot be pushed below t* while t stays at t* (one extra LP). See
// J. Derks, J. Kuipers, "Implementing the simplex method for computing the
// prenucleolus of transferable utility games" (1997), and Peleg & Sudhölter,
// "Introduction to the Theory of Cooperative Games" (2007) 5.1. Practical to
// about n = 10.
//
// NucleolusMethod::constraint_generation (the default) solves each round's LP
// over a small working set of coalitions: the singletons and their
// complements (which keep every LP bounded), plus the most violated
// coalitions found by a scan of all 2^n excesses at the LP's point, added
// until no coalition's excess exceeds t (lazy coalitions as in Hallefjord,
// Helming & Jørnsten, "Computing the nucleolus when the characteristic
// function is given implicitly: a constraint generation approach", Int. J.
// Game Theory 24 (1995) 357-372; and Benedek, Fliege & Nguyen, "Finding and
// verifying the nucleolus of cooperative games", Math. Program. 190 (2021)
// 135-170). A round then fixes only the rows with a positive dual. That is
// enough: with any optimal dual y, a feasible point is optimal iff it is
// tight on the rows with y_S > 0, so the next round's feasible set contains
// the optimal face and any coalition tight at every optimum keeps the level
// t* there, to be fixed in a following round (Derks & Kuipers 1997, Sec. 3;
// the t-column forces sum y_S = 1, so some row is fixed every round). The
// working-set LPs have a few hundred rows, so n = 20 (2^20 coalitions) takes
// seconds. In Rational the scan runs in double with a safety margin and every
// candidate near the level is re-checked exactly.
//
// Both methods drop every coalition whose characteristic vector is in the
// span of the fixed ones (its excess is constant on what is left); every
// round raises that rank by at least one, so there are at most n-1 rounds and
// the point is unique once the rank is n. Exact in Rational.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

#include "entente/cancel.hpp"
#include "entente/coop/coalitional_game.hpp"
#include "entente/lp/solve.hpp"

namespace entente {

enum class NucleolusMethod {
  constraint_generation,  ///< working-set LPs plus a scan of all 2^n excesses (default; n = 20 in seconds)
  full,                   ///< every coalition a row of every LP (reference; up to about n = 10)
};

/// optimal, lp_limit or time_limit (entente::Status, status.hpp).
using NucleolusStatus = Status;

struct NucleolusOptions {
  NucleolusMethod method = NucleolusMethod::constraint_generation;
  std::size_t lp_limit = 0;      ///< LPs solved in all, 0: none
  double time_limit_seconds = kNoTimeLimit;  ///< wall clock, > 0
  std::size_t cuts_per_scan = 0; ///< coalitions added per scan (constraint generation); 0: 2n
};

template <class Scalar>
struct NucleolusResult {
  NucleolusStatus status = NucleolusStatus::optimal;
  std::vector<Scalar> point;    ///< the (pre)nucleolus when optimal; otherwise the last LP's point (maybe empty)
  std::size_t rounds = 0;       ///< LP rounds that fixed an excess level
  std::size_t lps = 0;          ///< LPs solved
  std::size_t working_set = 0;  ///< the most coalition rows (not fixed) in one LP
};

namespace coop::detail {

/// The LP and time budget of one nucleolus computation.
class Limits {
 public:
  explicit Limits(const NucleolusOptions& options)
      : options_(options), start_(std::chrono::steady_clock::now()) {
    check_time_limit(options.time_limit_seconds, "nucleolus");
  }
  /// True (and the status set) when the next LP would exceed a limit.
  template <class Scalar>
  bool reached(NucleolusResult<Scalar>& result) const {
    if (options_.lp_limit != 0 && result.lps >= options_.lp_limit) {
      result.status = NucleolusStatus::lp_limit;
      return true;
    }
    if (elapsed() >= options_.time_limit_seconds) {
      result.status = NucleolusStatus::time_limit;
      return true;
    }
    return false;
  }
  /// The remaining time, for one LP.
  lp::Options lp_options() const {
    lp::Options o;
    if (std::isfinite(options_.time_limit_seconds))
      o.time_limit_seconds = std::max(1e-3, options_.time_limit_seconds - elapsed());
    return o;
  }
  /// True (and the status set) when an LP stopped on its limit.
  template <class Scalar>
  bool stopped(lp::Status status, NucleolusResult<Scalar>& result) const {
    if (status != lp::Status::time_limit && status != lp::Status::iteration_limit) return false;
    result.status = NucleolusStatus::time_limit;
    return true;
  }

 private:
  double elapsed() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  NucleolusOptions options_;
  std::chrono::steady_clock::time_point start_;
};

/// A row-echelon basis over Q of coalition (0/1) vectors, for exact span tests.
class SpanBasis {
 public:
  explicit SpanBasis(std::size_t n) : n_(n) {}
  std::size_t rank() const { return rows_.size(); }

  bool in_span(Coalition mask) const {
    const auto r = reduce(mask);
    for (const auto& x : r)
      if (x != 0) return false;
    return true;
  }
  /// Adds the vector of `mask`; false (and no change) when it is already in the span.
  bool add(Coalition mask) {
    auto r = reduce(mask);
    std::size_t p = 0;
    while (p < n_ && r[p] == 0) ++p;
    if (p == n_) return false;
    const Rational f = r[p];
    for (auto& x : r) x /= f;
    rows_.push_back(std::move(r));
    pivots_.push_back(p);
    return true;
  }

 private:
  // Rows are reduced against all earlier rows, so row k is zero at the pivots
  // of rows 0..k-1 and one pass in order of addition reduces a vector.
  std::vector<Rational> reduce(Coalition mask) const {
    std::vector<Rational> r(n_);
    for (std::size_t i = 0; i < n_; ++i) r[i] = (mask >> i & 1u) ? 1 : 0;
    for (std::size_t k = 0; k < rows_.size(); ++k) {
      const Rational f = r[pivots_[k]];
      if (f == 0) continue;
      for (std::size_t j = 0; j < n_; ++j)
        if (rows_[k][j] != 0) r[j] -= f * rows_[k][j];
    }
    return r;
  }

  std::size_t n_;
  std::vector<std::vector<Rational>> rows_;
  std::vector<std::size_t> pivots_;
};

template <class Scalar>
NucleolusResult<Scalar> sequential_nucleolus(const CoalitionalGame<Scalar>& g, bool imputations,
                                             const Limits& limits, const char* name) {
  NucleolusResult<Scalar> result;
  const std::size_t n = g.n();
  const Coalition all = g.grand_coalition();
  const Scalar tol = g.tol();

  SpanBasis basis(n);
  basis.add(all);
  struct Fixed {
    Coalition coalition;
    Scalar excess;
  };
  std::vector<Fixed> fixed;
  std::vector<Coalition> active;
  for (Coalition s = 1; s < all; ++s) active.push_back(s);
  // Duals above this count as positive for double; GLPK's own tolerances are ~1e-7 relative.
  const Scalar dual_tol = is_exact_v<Scalar> ? Scalar(0) : Scalar(1e-9);

  for (std::size_t round = 0;; ++round) {
    check_cancelled();
    lp::Model<Scalar> model;
    for (std::size_t i = 0; i < n; ++i)
      model.add_column(Scalar(0), imputations ? lp::Bound<Scalar>::at_least(g.v(Coalition(1) << i))
                                              : lp::Bound<Scalar>::free());
    const std::size_t t = model.add_column(Scalar(1), lp::Bound<Scalar>::free());
    model.add_row(coalition_terms<Scalar>(all), lp::Bound<Scalar>::equal(g.v(all)));
    for (const auto& f : fixed)
      model.add_row(coalition_terms<Scalar>(f.coalition), lp::Bound<Scalar>::equal(g.v(f.coalition) - f.excess));
    const std::size_t first_active = model.num_rows();
    for (Coalition s : active) {
      auto terms = coalition_terms<Scalar>(s);
      terms.push_back({t, Scalar(1)});
      model.add_row(std::move(terms), lp::Bound<Scalar>::at_least(g.v(s)));
    }
    if (limits.reached(result)) return result;
    const auto sol = lp::solve(model, limits.lp_options());
    ++result.lps;
    result.working_set = std::max(result.working_set, active.size());
    if (limits.stopped(sol.status, result)) return result;
    if (sol.status != lp::Status::optimal)
      throw SolverError(std::string(name) + ": round " + std::to_string(round) + " LP ended " +
                        entente::to_string(sol.status));
    const Scalar tstar = sol.x[t];
    result.point.assign(sol.x.begin(), sol.x.begin() + std::ptrdiff_t(n));

    std::vector<Coalition> tight, loose;
    for (std::size_t k = 0; k < active.size(); ++k) {
      const Coalition s = active[k];
      Scalar xs(0);
      for (std::size_t i = 0; i < n; ++i)
        if (s >> i & 1u) xs += sol.x[i];
      const Scalar e = g.v(s) - xs;
      if (e < tstar - tol) {  // not tight at this optimum, so not at every optimum
        loose.push_back(s);
        continue;
      }
      bool always_tight;
      if (sol.row_dual[first_active + k] > dual_tol) {
        always_tight = true;
      } else {
        // Can e(S) fall below t* at another optimum? max x(S) with t = t*.
        check_cancelled();
        lp::Model<Scalar> check = model;
        check.sense = lp::Sense::maximize;
        for (auto& c : check.objective) c = Scalar(0);
        for (std::size_t i = 0; i < n; ++i)
          if (s >> i & 1u) check.objective[i] = Scalar(1);
        check.column_bounds[t] = lp::Bound<Scalar>::equal(tstar);
        const auto csol = lp::solve(check);
        ++result.lps;
        if (csol.status == lp::Status::optimal) {
          always_tight = !(csol.objective > g.v(s) - tstar + tol);
        } else if constexpr (is_exact_v<Scalar>) {
          throw SolverError(std::string(name) + ": tightness check LP ended " + entente::to_string(csol.status));
        } else {
          always_tight = true;  // t* is the optimum; only round-off can make it look infeasible
        }
      }
      (always_tight ? tight : loose).push_back(s);
    }
    if (tight.empty())
      throw SolverError(std::string(name) + ": no coalition is tight at every optimum (numerical trouble)");
    for (Coalition s : tight)
      if (basis.add(s)) fixed.push_back({s, tstar});
    result.rounds = round + 1;
    if (basis.rank() == n) {
      result.status = NucleolusStatus::optimal;
      return result;
    }
    active.clear();
    for (Coalition s : loose)
      if (!basis.in_span(s)) active.push_back(s);
    if (active.empty())  // cannot happen: rank < n leaves some singleton outside the span
      throw SolverError(std::string(name) + ": ran out of coalitions before the point was unique");
  }
}



/// Marks (state = spanned) every coalition whose vector lies in the span of
/// `basis_masks`: S is in the span iff z . 1_S = 0 for every vector z of an
/// integer basis of the null space. Each dot product over all 2^n coalitions
/// is one addition of two half-tables (low and high bits), exact in 64-bit
/// integers when sum |z_i| < 2^62; otherwise falls back to a Rational
/// elimination per coalition.
inline void mark_spanned(const std::vector<Coalition>& basis_masks, std::size_t n, const SpanBasis& basis,
                         std::vector<std::uint8_t>& state, std::uint8_t spanned) {
  // Reduced row echelon form over Q.
  std::vector<std::vector<Rational>> rows;
  for (Coalition m : basis_masks) {
    std::vector<Rational> r(n);
    for (std::size_t i = 0; i < n; ++i) r[i] = (m >> i & 1u) ? 1 : 0;
    rows.push_back(std::move(r));
  }
  std::vector<std::size_t> pivot_of_row;
  std::vector<bool> is_pivot(n, false);
  std::size_t rank = 0;
  for (std::size_t c = 0; c < n && rank < rows.size(); ++c) {
    std::size_t p = rank;
    while (p < rows.size() && rows[p][c] == 0) ++p;
    if (p == rows.size()) continue;
    std::swap(rows[p], rows[rank]);
    const Rational f = rows[rank][c];
    for (auto& x : rows[rank]) x /= f;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (r == rank || rows[r][c] == 0) continue;
      const Rational g = rows[r][c];
      for (std::size_t j = 0; j < n; ++j) rows[r][j] -= g * rows[rank][j];
    }
    pivot_of_row.push_back(c);
    is_pivot[c] = true;
    ++rank;
  }
  // One integer null vector per free column.
  std::vector<std::vector<std::int64_t>> null_vectors;
  bool fits = true;
  for (std::size_t f = 0; f < n && fits; ++f) {
    if (is_pivot[f]) continue;
    std::vector<Rational> z(n, Rational(0));
    z[f] = 1;
    for (std::size_t k = 0; k < rank; ++k) z[pivot_of_row[k]] = -rows[k][f];
    mpz_class l = 1;
    for (const auto& q : z) mpz_lcm(l.get_mpz_t(), l.get_mpz_t(), q.get_den().get_mpz_t());
    std::vector<std::int64_t> zi(n);
    mpz_class total = 0;
    for (std::size_t i = 0; i < n && fits; ++i) {
      const mpz_class v = z[i].get_num() * (l / z[i].get_den());
      total += abs(v);
      fits = v.fits_slong_p() && sizeof(long) >= 8;
      if (fits) zi[i] = std::int64_t(v.get_si());
    }
    if (fits && total >= (mpz_class(1) << 62)) fits = false;
    null_vectors.push_back(std::move(zi));
  }
  const std::size_t size = state.size();
  if (!fits) {
    for (std::size_t m = 1; m < size; ++m)
      if (state[m] != spanned && basis.in_span(Coalition(m))) state[m] = spanned;
    return;
  }
  const std::size_t low_bits = n / 2, high_bits = n - low_bits;
  const std::size_t low_size = std::size_t(1) << low_bits, high_size = std::size_t(1) << high_bits;
  // nonzero[m] = some null vector has z . 1_S != 0, i.e. S is not in the span.
  std::vector<std::uint8_t> nonzero(size, 0);
  std::vector<std::int64_t> low(low_size), high(high_size);
  for (const auto& z : null_vectors) {
    for (std::size_t m = 1; m < low_size; ++m)
      low[m] = low[m & (m - 1)] + z[std::size_t(std::countr_zero(m))];
    for (std::size_t m = 1; m < high_size; ++m)
      high[m] = high[m & (m - 1)] + z[low_bits + std::size_t(std::countr_zero(m))];
    for (std::size_t h = 0; h < high_size; ++h) {
      const std::int64_t hv = high[h];
      std::uint8_t* row = nonzero.data() + (h << low_bits);
      for (std::size_t l = 0; l < low_size; ++l) row[l] |= std::uint8_t(low[l] + hv != 0);
    }
  }
  for (std::size_t m = 1; m < size; ++m)
    if (!nonzero[m]) state[m] = spanned;
}

/// The sequential LP method with constraint generation (see the top of this file).
template <class Scalar>
NucleolusResult<Scalar> generated_nucleolus(const CoalitionalGame<Scalar>& g, bool imputations,
                                            const NucleolusOptions& options, const Limits& limits,
                                            const char* name) {
  const std::size_t n = g.n();
  const Coalition all = g.grand_coalition();
  const Scalar tol = g.tol();
  NucleolusResult<Scalar> result;
  const std::size_t size = std::size_t(1) << n;
  const std::size_t cuts = options.cuts_per_scan != 0 ? options.cuts_per_scan : 2 * n;

  // The values in double for the scan (a view for double games).
  std::vector<double> copy;
  const double* vd;
  if constexpr (is_exact_v<Scalar>) {
    copy.reserve(size);
    for (const auto& q : g.values()) copy.push_back(to_double(q));
    vd = copy.data();
  } else {
    vd = g.values().data();
  }
  double value_scale = 1.0;
  for (std::size_t m = 0; m < size; ++m) value_scale = std::max(value_scale, std::abs(vd[m]));

  constexpr std::uint8_t outside = 0, working = 1, spanned = 2;
  std::vector<std::uint8_t> state(size, outside);
  state[0] = state[all] = spanned;
  std::vector<Coalition> work;
  auto enlist = [&](Coalition s) {
    if (state[s] == outside) {
      state[s] = working;
      work.push_back(s);
    }
  };
  // Singletons and their complements: every LP over them is bounded.
  for (std::size_t i = 0; i < n; ++i) {
    enlist(Coalition(1) << i);
    enlist(all ^ (Coalition(1) << i));
  }

  SpanBasis basis(n);
  basis.add(all);
  std::vector<Coalition> basis_masks{all};
  struct Fixed {
    Coalition coalition;
    Scalar excess;
  };
  std::vector<Fixed> fixed;
  const Scalar dual_tol = is_exact_v<Scalar> ? Scalar(0) : Scalar(1e-9);
  const std::size_t low_bits = n / 2, high_bits = n - low_bits;
  const std::size_t low_size = std::size_t(1) << low_bits, high_size = std::size_t(1) << high_bits;
  std::vector<double> low(low_size), high(high_size);
  struct Violation {
    double excess;
    Coalition coalition;
  };
  std::vector<Violation> violated;

  for (std::size_t round = 0;; ++round) {
    lp::Solution<Scalar> sol;
    std::size_t first_work = 0, t = n;
    for (;;) {  // solve over the working set until no coalition outside it is violated
      lp::Model<Scalar> model;
      for (std::size_t i = 0; i < n; ++i)
        model.add_column(Scalar(0), imputations ? lp::Bound<Scalar>::at_least(g.v(Coalition(1) << i))
                                                : lp::Bound<Scalar>::free());
      t = model.add_column(Scalar(1), lp::Bound<Scalar>::free());
      model.add_row(coalition_terms<Scalar>(all), lp::Bound<Scalar>::equal(g.v(all)));
      for (const auto& f : fixed)
        model.add_row(coalition_terms<Scalar>(f.coalition), lp::Bound<Scalar>::equal(g.v(f.coalition) - f.excess));
      first_work = model.num_rows();
      for (Coalition s : work) {
        auto terms = coalition_terms<Scalar>(s);
        terms.push_back({t, Scalar(1)});
        model.add_row(std::move(terms), lp::Bound<Scalar>::at_least(g.v(s)));
      }
      if (limits.reached(result)) return result;
      sol = lp::solve(model, limits.lp_options());
      ++result.lps;
      result.working_set = std::max(result.working_set, work.size());
      if (limits.stopped(sol.status, result)) return result;
      if (sol.status != lp::Status::optimal)
        throw SolverError(std::string(name) + ": round " + std::to_string(round) + " LP ended " +
                          entente::to_string(sol.status));
      result.point.assign(sol.x.begin(), sol.x.begin() + std::ptrdiff_t(n));

      // Scan: e(S) = v(S) - x(low bits of S) - x(high bits of S), in double.
      const double td = to_double(sol.x[t]);
      double x_scale = 0;
      for (std::size_t i = 0; i < n; ++i) x_scale += std::abs(to_double(sol.x[i]));
      for (std::size_t m = 1; m < low_size; ++m)
        low[m] = low[m & (m - 1)] + to_double(sol.x[std::size_t(std::countr_zero(m))]);
      for (std::size_t m = 1; m < high_size; ++m)
        high[m] = high[m & (m - 1)] + to_double(sol.x[low_bits + std::size_t(std::countr_zero(m))]);
      // double: violated beyond the game's tolerance. Rational: a margin far
      // above the round-off of three additions; candidates are re-checked exactly.
      const double threshold = is_exact_v<Scalar> ? td - 1e-9 * (value_scale + x_scale + std::abs(td))
                                                  : td + to_double(tol);
      violated.clear();
      for (std::size_t h = 0; h < high_size; ++h) {
        const double hv = high[h];
        const std::size_t base = h << low_bits;
        for (std::size_t l = 0; l < low_size; ++l) {
          const std::size_t m = base + l;
          if (state[m] != outside) continue;
          const double e = vd[m] - (low[l] + hv);
          if (e > threshold) violated.push_back({e, Coalition(m)});
        }
      }
      if constexpr (is_exact_v<Scalar>) {
        const Scalar& tstar = sol.x[t];
        std::erase_if(violated, [&](const Violation& c) {
          Scalar xs(0);
          for (std::size_t i = 0; i < n; ++i)
            if (c.coalition >> i & 1u) xs += sol.x[i];
          return !(g.v(c.coalition) - xs > tstar);
        });
      }
      if (violated.empty()) break;
      const std::size_t take = std::min(cuts, violated.size());
      std::partial_sort(violated.begin(), violated.begin() + std::ptrdiff_t(take), violated.end(),
                        [](const Violation& a, const Violation& b) { return a.excess > b.excess; });
      for (std::size_t k = 0; k < take; ++k) enlist(violated[k].coalition);
    }

    // Fix the working rows with a positive dual at t*; at least one has one,
    // since the duals of the working rows sum to 1 (the column of t).
    const Scalar tstar = sol.x[t];
    std::vector<Coalition> positive;
    std::size_t best = 0;
    for (std::size_t k = 0; k < work.size(); ++k) {
      if (sol.row_dual[first_work + k] > dual_tol) positive.push_back(work[k]);
      if (sol.row_dual[first_work + k] > sol.row_dual[first_work + best]) best = k;
    }
    if (positive.empty()) {
      if constexpr (is_exact_v<Scalar>)
        throw SolverError(std::string(name) + ": no working row has a positive dual");
      positive.push_back(work[best]);  // round-off: the largest dual is the one that binds
    }
    bool grew = false;
    for (Coalition s : positive) {
      if (basis.add(s)) {
        fixed.push_back({s, tstar});
        basis_masks.push_back(s);
        grew = true;
      }
    }
    if (!grew) throw SolverError(std::string(name) + ": a round fixed no new coalition (numerical trouble)");
    result.rounds = round + 1;
    if (basis.rank() == n) {
      result.status = NucleolusStatus::optimal;
      return result;
    }
    mark_spanned(basis_masks, n, basis, state, spanned);
    std::erase_if(work, [&](Coalition s) { return state[s] == spanned; });
    if (work.empty())  // cannot happen: rank < n leaves a singleton outside the span
      throw SolverError(std::string(name) + ": ran out of coalitions before the point was unique");
  }
}

template <class Scalar>
NucleolusResult<Scalar> run_nucleolus(const CoalitionalGame<Scalar>& g, bool imputations,
                                      const NucleolusOptions& options, const char* name) {
  // The options, the checks and the one-player answer, shared by both methods.
  const Limits limits(options);
  const std::size_t n = g.n();
  const Coalition all = g.grand_coalition();
  if (imputations) {
    Scalar singles(0);
    for (std::size_t i = 0; i < n; ++i) singles += g.v(Coalition(1) << i);
    if (singles > g.v(all) + g.tol())
      throw InvalidArgument(std::string(name) + ": the imputation set is empty (sum of v({i}) exceeds v(N))");
  }
  if (n == 1) {
    NucleolusResult<Scalar> result;
    result.point = {g.v(all)};
    return result;
  }
  if (options.method == NucleolusMethod::full) return sequential_nucleolus(g, imputations, limits, name);
  return generated_nucleolus(g, imputations, options, limits, name);
}

template <class Scalar>
std::vector<Scalar> require_optimal(NucleolusResult<Scalar> r, const char* name) {
  if (r.status != NucleolusStatus::optimal) throw SolverError(std::string(name) + ": " + to_string(r.status));
  return std::move(r.point);
}

}  // namespace coop::detail

/// The nucleolus (Schmeidler 1969) with its status and counters: over the
/// imputations x (x(N) = v(N), x_i >= v({i})), the lexicographic minimiser of
/// the ordered excesses. Stops with status lp_limit / time_limit when
/// `options` says so. Throws InvalidArgument when the imputation set is empty.
template <class Scalar>
NucleolusResult<Scalar> nucleolus_result(const CoalitionalGame<Scalar>& g, const NucleolusOptions& options = {}) {
  return coop::detail::run_nucleolus(g, true, options, "nucleolus");
}

/// The prenucleolus with its status: the same over all efficient payoffs.
template <class Scalar>
NucleolusResult<Scalar> prenucleolus_result(const CoalitionalGame<Scalar>& g, const NucleolusOptions& options = {}) {
  return coop::detail::run_nucleolus(g, false, options, "prenucleolus");
}

/// The nucleolus (no limits unless given; a limit reached throws SolverError).
template <class Scalar>
std::vector<Scalar> nucleolus(const CoalitionalGame<Scalar>& g, const NucleolusOptions& options = {}) {
  return coop::detail::require_optimal(nucleolus_result(g, options), "nucleolus");
}

/// The prenucleolus: the nucleolus over all efficient payoffs (x(N) = v(N)).
/// Equals the nucleolus whenever the core is non-empty (it lies in the core).
template <class Scalar>
std::vector<Scalar> prenucleolus(const CoalitionalGame<Scalar>& g, const NucleolusOptions& options = {}) {
  return coop::detail::require_optimal(prenucleolus_result(g, options), "prenucleolus");
}

}  // namespace entente
