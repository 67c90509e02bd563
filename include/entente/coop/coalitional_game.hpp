// CoalitionalGame<Scalar>: a transferable-utility (TU) game in characteristic
// function form, and its structural properties.
//
// Contract (DESIGN.md, alliance layer): `values` has length 2^n and
// values[mask] = v(S), where bit i of `mask` is set exactly when player i is
// in S; values[0] == 0.
//
// References for the definitions used here:
//  - B. Peleg, P. Sudhölter, "Introduction to the Theory of Cooperative
//    Games", 2nd ed., Springer 2007 (PS), ch. 2-3.
//  - L. S. Shapley, "Cores of convex games", Int. J. Game Theory 1 (1971)
//    11-26: convexity (supermodularity) and its local form.
//  - O. N. Bondareva (1963), L. S. Shapley (1967): the core is non-empty iff
//    the game is balanced (PS Thm 3.1.4).
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "entente/error.hpp"
#include "entente/fwd.hpp"
#include "entente/lp/model.hpp"
#include "entente/lp/solve.hpp"
#include "entente/scalar.hpp"

namespace entente {

/// A coalition as a bit mask: bit i set iff player i belongs to it.
using Coalition = std::uint32_t;

namespace coop::detail {

/// Sparse LP terms sum_{i in S} x_i over columns first_column + i.
template <class Scalar>
std::vector<lp::Term<Scalar>> coalition_terms(Coalition mask, std::size_t first_column = 0) {
  std::vector<lp::Term<Scalar>> terms;
  for (std::size_t i = 0; mask != 0; ++i, mask >>= 1)
    if (mask & 1u) terms.push_back({first_column + i, Scalar(1)});
  return terms;
}

/// Throws SolverError unless the LP ended optimal or infeasible.
inline void require_settled(lp::Status status, const char* what) {
  if (status != lp::Status::optimal && status != lp::Status::infeasible)
    throw SolverError(std::string(what) + ": the LP ended " + entente::to_string(status));
}

}  // namespace coop::detail

template <class Scalar>
class CoalitionalGame {
 public:
  /// 2^30 values is the largest game we accept (8 GiB of doubles already).
  static constexpr std::size_t max_players = 30;

  /// Throws InvalidArgument unless 1 <= n <= 30, values.size() == 2^n,
  /// values[0] == 0, every value is finite, and players is empty or has n names.
  CoalitionalGame(std::size_t n, std::vector<Scalar> values, std::vector<std::string> players = {})
      : n_(n), values_(std::move(values)), players_(std::move(players)) {
    if (n_ == 0) throw InvalidArgument("CoalitionalGame: needs at least one player");
    if (n_ > max_players)
      throw InvalidArgument("CoalitionalGame: at most " + std::to_string(max_players) + " players, got " +
                            std::to_string(n_) +
                            " (2^n values); for more, estimate the Shapley value with sampled_shapley_value");
    const std::size_t expected = std::size_t(1) << n_;
    if (values_.size() != expected)
      throw InvalidArgument("CoalitionalGame: " + std::to_string(n_) + " players need 2^" + std::to_string(n_) +
                            " = " + std::to_string(expected) + " values, got " + std::to_string(values_.size()));
    if constexpr (!is_exact_v<Scalar>) {
      for (std::size_t m = 0; m < values_.size(); ++m)
        if (!std::isfinite(values_[m]))
          throw InvalidArgument("CoalitionalGame: v(" + std::to_string(m) + ") is not finite");
    }
    if (values_[0] != Scalar(0))
      throw InvalidArgument("CoalitionalGame: v(empty set) must be 0, got " + to_string(values_[0]));
    if constexpr (!is_exact_v<Scalar>) {
      double m = 1.0;
      for (double x : values_) m = std::max(m, std::abs(x));
      tol_ = ScalarTraits<double>::eps() * m;
    }
    if (players_.empty()) {
      for (std::size_t i = 0; i < n_; ++i) players_.push_back(std::to_string(i));
    } else if (players_.size() != n_) {
      throw InvalidArgument("CoalitionalGame: " + std::to_string(n_) + " players but " +
                            std::to_string(players_.size()) + " names");
    }
  }

  std::size_t num_players() const { return n_; }
  std::size_t n() const { return n_; }
  const std::vector<Scalar>& values() const { return values_; }
  const std::vector<std::string>& players() const { return players_; }
  Coalition grand_coalition() const { return Coalition((std::uint64_t(1) << n_) - 1); }

  /// v(S). Throws InvalidArgument for a mask with bits beyond player n-1.
  const Scalar& v(Coalition mask) const {
    if (mask > grand_coalition()) throw InvalidArgument("CoalitionalGame::v: coalition mask out of range");
    return values_[mask];
  }
  const Scalar& operator()(Coalition mask) const { return v(mask); }

  /// x(S) = sum_{i in S} x_i.
  Scalar coalition_sum(Coalition mask, const std::vector<Scalar>& x) const {
    check_payoff(x);
    Scalar s(0);
    for (std::size_t i = 0; i < n_; ++i)
      if (mask >> i & 1u) s += x[i];
    return s;
  }
  /// e(S, x) = v(S) - x(S) (PS Def. 5.1.1).
  Scalar excess(Coalition mask, const std::vector<Scalar>& x) const { return v(mask) - coalition_sum(mask, x); }

  /// v(S u T) >= v(S) + v(T) for all disjoint S, T. O(3^n).
  bool is_superadditive() const {
    const Coalition all = grand_coalition();
    for (Coalition s = 1; s <= all; ++s) {
      const Coalition rest = all & ~s;
      // T runs over the non-empty subsets of the complement of S with T > S
      // (each unordered pair once).
      for (Coalition t = rest; t != 0; t = (t - 1) & rest) {
        if (t < s) continue;
        if (values_[s | t] < values_[s] + values_[t] - tol()) return false;
      }
      if (s == all) break;
    }
    return true;
  }

  /// Supermodular: v(S u T) + v(S n T) >= v(S) + v(T). Checked in Shapley's
  /// (1971) local form, equivalent to it: for every S and i != j outside S,
  /// v(S+i+j) - v(S+j) >= v(S+i) - v(S). O(n^2 2^n).
  bool is_convex() const {
    const Coalition all = grand_coalition();
    for (Coalition s = 0;; ++s) {
      for (std::size_t i = 0; i < n_; ++i) {
        const Coalition bi = Coalition(1) << i;
        if (s & bi) continue;
        for (std::size_t j = i + 1; j < n_; ++j) {
          const Coalition bj = Coalition(1) << j;
          if (s & bj) continue;
          if (values_[s | bi | bj] - values_[s | bj] < values_[s | bi] - values_[s] - tol()) return false;
        }
      }
      if (s == all) break;
    }
    return true;
  }

  /// v(S) <= v(S u {i}) for every S and i (equivalent to S ⊆ T => v(S) <= v(T)).
  bool is_monotone() const {
    const Coalition all = grand_coalition();
    for (Coalition s = 0;; ++s) {
      for (std::size_t i = 0; i < n_; ++i)
        if (!(s >> i & 1u) && values_[s | (Coalition(1) << i)] < values_[s] - tol()) return false;
      if (s == all) break;
    }
    return true;
  }

  /// Simple game (PS Def. 2.2.9 style): every value is 0 or 1, monotone, v(N) = 1.
  bool is_simple() const {
    for (const Scalar& x : values_)
      if (x != Scalar(0) && x != Scalar(1)) return false;
    return values_[grand_coalition()] == Scalar(1) && is_monotone();
  }

  /// Balanced (Bondareva-Shapley): the core is non-empty. Decided by the LP
  ///   min x(N)  s.t.  x(S) >= v(S) for every non-empty S,
  /// whose optimum is <= v(N) exactly when the game is balanced (the LP dual
  /// is the maximum of sum_S y_S v(S) over balanced collections; PS Thm 3.1.4).
  bool is_balanced() const {
    if (n_ == 1) return true;
    lp::Model<Scalar> model;
    for (std::size_t i = 0; i < n_; ++i) model.add_column(Scalar(1), lp::Bound<Scalar>::free());
    const Coalition all = grand_coalition();
    for (Coalition s = 1; s < all; ++s)
      model.add_row(coop::detail::coalition_terms<Scalar>(s), lp::Bound<Scalar>::at_least(values_[s]));
    const auto sol = lp::solve(model);
    coop::detail::require_settled(sol.status, "CoalitionalGame::is_balanced");
    if (sol.status != lp::Status::optimal) throw SolverError("CoalitionalGame::is_balanced: LP infeasible");
    return sol.objective <= values_[all] + tol();
  }

  /// Throws InvalidArgument unless x has n entries.
  void check_payoff(const std::vector<Scalar>& x) const {
    if (x.size() != n_)
      throw InvalidArgument("CoalitionalGame: payoff vector has " + std::to_string(x.size()) + " entries, " +
                            std::to_string(n_) + " players");
  }

  /// Comparison tolerance: 0 for Rational; for double 1e-9 scaled by max |v|.
  const Scalar& tol() const { return tol_; }

 private:
  std::size_t n_;
  std::vector<Scalar> values_;
  std::vector<std::string> players_;
  Scalar tol_{0};
};

}  // namespace entente
