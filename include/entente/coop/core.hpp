// The core, the epsilon-core and the least core of a TU game, by LP.
//
//  - Core (Gillies 1959): x(N) = v(N), x(S) >= v(S) for all S.
//  - Strong epsilon-core and least core (Shapley & Shubik 1966; Maschler,
//    Peleg & Shapley, "Geometric properties of the kernel, nucleolus and
//    related solution concepts", Math. Oper. Res. 4 (1979) 303-338):
//    C_eps = { x : x(N) = v(N), x(S) >= v(S) - eps for all proper non-empty S };
//    the least core is C_eps for the smallest eps making it non-empty.
//  - PS (Peleg & Sudhölter 2007) sections 3.1 and 5.1.
#pragma once

#include <optional>
#include <type_traits>
#include <vector>

#include "entente/coop/coalitional_game.hpp"
#include "entente/lp/solve.hpp"

namespace entente {

/// A point of the core, or nullopt when the core is empty. Solves the LP
/// "find x with x(N) = v(N) and x(S) >= v(S) for every proper non-empty S".
template <class Scalar>
std::optional<std::vector<Scalar>> core_point(const CoalitionalGame<Scalar>& g) {
  const std::size_t n = g.n();
  const Coalition all = g.grand_coalition();
  if (n == 1) return std::vector<Scalar>{g.v(all)};
  lp::Model<Scalar> model;
  for (std::size_t i = 0; i < n; ++i) model.add_column(Scalar(0), lp::Bound<Scalar>::free());
  model.add_row(coop::detail::coalition_terms<Scalar>(all), lp::Bound<Scalar>::equal(g.v(all)));
  for (Coalition s = 1; s < all; ++s)
    model.add_row(coop::detail::coalition_terms<Scalar>(s), lp::Bound<Scalar>::at_least(g.v(s)));
  const auto sol = lp::solve(model);
  coop::detail::require_settled(sol.status, "core_point");
  if (sol.status != lp::Status::optimal) return std::nullopt;
  return std::vector<Scalar>(sol.x.begin(), sol.x.begin() + std::ptrdiff_t(n));
}

/// x is in the strong epsilon-core: x(N) = v(N) and e(S, x) <= eps for every
/// proper non-empty S. Exact for Rational; for double within the game's
/// tolerance (1e-9 times the largest |v|).
template <class Scalar>
bool in_epsilon_core(const CoalitionalGame<Scalar>& g, const std::vector<Scalar>& x,
                     const std::type_identity_t<Scalar>& eps) {
  g.check_payoff(x);
  const Coalition all = g.grand_coalition();
  const Scalar tol = g.tol();
  Scalar total = g.coalition_sum(all, x) - g.v(all);
  if (total > tol || total < -tol) return false;
  // x(S) for every S incrementally: x(S) = x(S without lowest bit) + x_lowest.
  std::vector<Scalar> sums(std::size_t(all) + 1);
  for (Coalition s = 1; s < all; ++s) {
    const Coalition low = s & (~s + 1);
    sums[s] = sums[s & (s - 1)] + x[std::size_t(std::countr_zero(low))];
    if (g.v(s) - sums[s] > eps + tol) return false;
  }
  return true;
}

/// x is in the core: efficient and no coalition can improve on it.
template <class Scalar>
bool in_core(const CoalitionalGame<Scalar>& g, const std::vector<Scalar>& x) {
  return in_epsilon_core(g, x, Scalar(0));
}

template <class Scalar>
struct LeastCore {
  Scalar epsilon;              ///< the least eps with a non-empty eps-core (negative when the core is large)
  std::vector<Scalar> point;   ///< one point of the least core
};

/// The least core: min eps s.t. x(N) = v(N), x(S) + eps >= v(S) for every
/// proper non-empty S (Maschler, Peleg & Shapley 1979). The core is non-empty
/// iff epsilon <= 0. Needs n >= 2 (with one player there is no proper
/// coalition and eps is unbounded below); throws InvalidArgument otherwise.
template <class Scalar>
LeastCore<Scalar> least_core(const CoalitionalGame<Scalar>& g) {
  const std::size_t n = g.n();
  if (n < 2) throw InvalidArgument("least_core: needs at least two players");
  const Coalition all = g.grand_coalition();
  lp::Model<Scalar> model;
  for (std::size_t i = 0; i < n; ++i) model.add_column(Scalar(0), lp::Bound<Scalar>::free());
  const std::size_t t = model.add_column(Scalar(1), lp::Bound<Scalar>::free());
  model.add_row(coop::detail::coalition_terms<Scalar>(all), lp::Bound<Scalar>::equal(g.v(all)));
  for (Coalition s = 1; s < all; ++s) {
    auto terms = coop::detail::coalition_terms<Scalar>(s);
    terms.push_back({t, Scalar(1)});
    model.add_row(std::move(terms), lp::Bound<Scalar>::at_least(g.v(s)));
  }
  const auto sol = lp::solve(model);
  if (sol.status != lp::Status::optimal)
    throw SolverError("least_core: the LP ended " + lp::to_string(sol.status));
  return {sol.x[t], std::vector<Scalar>(sol.x.begin(), sol.x.begin() + std::ptrdiff_t(n))};
}

}  // namespace entente
