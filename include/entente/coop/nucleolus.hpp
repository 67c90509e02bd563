// Nucleolus and prenucleolus of a TU game by the sequential LP method.
//
//  - D. Schmeidler, "The nucleolus of a characteristic function game", SIAM
//    J. Appl. Math. 17 (1969) 1163-1170: the imputation that lexicographically
//    minimises the non-increasingly ordered vector of excesses
//    e(S, x) = v(S) - x(S); the prenucleolus does the same over all efficient x.
//  - M. Maschler, B. Peleg, L. S. Shapley, "Geometric properties of the
//    kernel, nucleolus and related solution concepts", Math. Oper. Res. 4
//    (1979) 303-338: the sequence of LPs used here.
//  - The test for "tight in every optimum": a row with a strictly positive
//    dual is tight at every primal optimum (complementary slackness); any
//    other candidate is tight in every optimum iff its excess cannot be pushed
//    below t* while t stays at t* (one extra LP). See e.g. J. Derks, J. Kuipers,
//    "Implementing the simplex method for computing the prenucleolus of
//    transferable utility games" (1997), and PS (Peleg & Sudhölter 2007) 5.1.
//
// Each round minimises the largest excess t over the coalitions not yet
// fixed, fixes the coalitions whose excess equals t* at every optimum, and
// drops every coalition whose characteristic vector is now in the span of the
// fixed ones (its excess is constant on what is left). Every round raises the
// rank of the fixed coalitions by at least one, so there are at most n-1
// rounds; the point is unique once the rank is n. Exact in Rational.
#pragma once

#include <string>
#include <vector>

#include "entente/cancel.hpp"
#include "entente/coop/coalitional_game.hpp"
#include "entente/lp/solve.hpp"

namespace entente {

namespace coop::detail {

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
std::vector<Scalar> sequential_nucleolus(const CoalitionalGame<Scalar>& g, bool imputations, const char* name) {
  const std::size_t n = g.n();
  const Coalition all = g.grand_coalition();
  const Scalar tol = g.tol();
  if (imputations) {
    Scalar singles(0);
    for (std::size_t i = 0; i < n; ++i) singles += g.v(Coalition(1) << i);
    if (singles > g.v(all) + tol)
      throw InvalidArgument(std::string(name) + ": the imputation set is empty (sum of v({i}) exceeds v(N))");
  }
  if (n == 1) return {g.v(all)};

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
    const auto sol = lp::solve(model);
    if (sol.status != lp::Status::optimal)
      throw SolverError(std::string(name) + ": round " + std::to_string(round) + " LP ended " +
                        lp::to_string(sol.status));
    const Scalar tstar = sol.x[t];

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
        if (csol.status == lp::Status::optimal) {
          always_tight = !(csol.objective > g.v(s) - tstar + tol);
        } else if constexpr (is_exact_v<Scalar>) {
          throw SolverError(std::string(name) + ": tightness check LP ended " + lp::to_string(csol.status));
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
    if (basis.rank() == n) return std::vector<Scalar>(sol.x.begin(), sol.x.begin() + std::ptrdiff_t(n));
    active.clear();
    for (Coalition s : loose)
      if (!basis.in_span(s)) active.push_back(s);
    if (active.empty())  // cannot happen: rank < n leaves some singleton outside the span
      throw SolverError(std::string(name) + ": ran out of coalitions before the point was unique");
  }
}

}  // namespace coop::detail

/// The nucleolus (Schmeidler 1969): over the imputations x (x(N) = v(N),
/// x_i >= v({i})), the lexicographic minimiser of the ordered excesses.
/// Throws InvalidArgument when the imputation set is empty.
template <class Scalar>
std::vector<Scalar> nucleolus(const CoalitionalGame<Scalar>& g) {
  return coop::detail::sequential_nucleolus(g, true, "nucleolus");
}

/// The prenucleolus: the same over all efficient payoffs (x(N) = v(N)).
/// Equals the nucleolus whenever the core is non-empty (it lies in the core).
template <class Scalar>
std::vector<Scalar> prenucleolus(const CoalitionalGame<Scalar>& g) {
  return coop::detail::sequential_nucleolus(g, false, "prenucleolus");
}

}  // namespace entente
