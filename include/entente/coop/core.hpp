// The core, the epsilon-core and the least core of a TU game, by LP.
//
//  - Core (Gillies 1959): x(N) = v(N), x(S) >= v(S) for all S.
//  - Strong epsilon-core and least core (Shapley & Shubik 1966; Maschler,
//    Peleg & Shapley, "Geometric properties of the kernel, nucleolus and
//    related solution concepts", Math. Oper. Res. 4 (1979) 303-338):
//    C_eps = { x : x(N) = v(N), x(S) >= v(S) - eps for all proper non-empty S };
//    the least core is C_eps for the smallest eps making it non-empty.
//  - PS (Peleg & Sudhölter 2007) sections 3.1 and 5.1.
//  - Core vertices: a vertex of the polytope {x : x(N) = v(N), x(S) >= v(S)}
//    in R^n is a feasible point where n linearly independent constraints are
//    tight (e.g. Schrijver, "Theory of Linear and Integer Programming" 1986,
//    Sec. 8.5); we try every such system. For convex games the vertices are
//    exactly the marginal vectors (Shapley 1971), which the tests use.
#pragma once

#include <algorithm>
#include <optional>
#include <type_traits>
#include <vector>

#include "entente/coop/coalitional_game.hpp"
#include "entente/lp/solve.hpp"

namespace entente {

/// A point of the strong epsilon-core {x : x(N) = v(N), x(S) >= v(S) - eps
/// for every proper non-empty S}, or nullopt when it is empty. One LP.
template <class Scalar>
std::optional<std::vector<Scalar>> epsilon_core_point(const CoalitionalGame<Scalar>& g,
                                                      const std::type_identity_t<Scalar>& eps) {
  const std::size_t n = g.n();
  const Coalition all = g.grand_coalition();
  if (n == 1) return std::vector<Scalar>{g.v(all)};
  lp::Model<Scalar> model;
  for (std::size_t i = 0; i < n; ++i) model.add_column(Scalar(0), lp::Bound<Scalar>::free());
  model.add_row(coop::detail::coalition_terms<Scalar>(all), lp::Bound<Scalar>::equal(g.v(all)));
  for (Coalition s = 1; s < all; ++s)
    model.add_row(coop::detail::coalition_terms<Scalar>(s), lp::Bound<Scalar>::at_least(g.v(s) - eps));
  const auto sol = lp::solve(model);
  coop::detail::require_settled(sol.status, "core_point");
  if (sol.status != lp::Status::optimal) return std::nullopt;
  return std::vector<Scalar>(sol.x.begin(), sol.x.begin() + std::ptrdiff_t(n));
}

/// A point of the core, or nullopt when the core is empty. Solves the LP
/// "find x with x(N) = v(N) and x(S) >= v(S) for every proper non-empty S".
template <class Scalar>
std::optional<std::vector<Scalar>> core_point(const CoalitionalGame<Scalar>& g) {
  return epsilon_core_point(g, Scalar(0));
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
    throw SolverError("least_core: the LP ended " + entente::to_string(sol.status));
  return {sol.x[t], std::vector<Scalar>(sol.x.begin(), sol.x.begin() + std::ptrdiff_t(n))};
}

/// Largest n for core_vertices: C(2^n - 2, n - 1) candidate systems, 27 405
/// at n = 5 and 6.5 million at n = 6 (seconds in double, minutes exact).
inline constexpr std::size_t max_core_vertex_players = 6;

/// The vertices of the core, sorted lexicographically and without repeats;
/// empty when the core is empty. Tries every choice of n - 1 inequalities
/// x(S) >= v(S) (among those that are tight somewhere on the core, found by
/// one LP each) with x(N) = v(N), keeping the independent systems whose
/// solution is in the core. Throws InvalidArgument for n > 6.
template <class Scalar>
std::vector<std::vector<Scalar>> core_vertices(const CoalitionalGame<Scalar>& g) {
  const std::size_t n = g.n();
  if (n > max_core_vertex_players)
    throw InvalidArgument("core_vertices: at most " + std::to_string(max_core_vertex_players) +
                          " players (the candidate systems grow as C(2^n - 2, n - 1)), got " + std::to_string(n));
  const Coalition all = g.grand_coalition();
  const Scalar tol = g.tol();
  const auto some = core_point(g);
  if (!some) return {};
  if (n == 1) return {*some};
  // Inequalities that some core point makes tight: min x(S) over the core is v(S).
  std::vector<Coalition> candidates;
  for (Coalition s = 1; s < all; ++s) {
    lp::Model<Scalar> model;
    for (std::size_t i = 0; i < n; ++i) model.add_column((s >> i & 1u) ? Scalar(1) : Scalar(0), lp::Bound<Scalar>::free());
    model.add_row(coop::detail::coalition_terms<Scalar>(all), lp::Bound<Scalar>::equal(g.v(all)));
    for (Coalition r = 1; r < all; ++r)
      model.add_row(coop::detail::coalition_terms<Scalar>(r), lp::Bound<Scalar>::at_least(g.v(r)));
    const auto sol = lp::solve(model);
    if (sol.status != lp::Status::optimal)
      throw SolverError("core_vertices: the LP ended " + entente::to_string(sol.status));
    if (!(sol.objective > g.v(s) + tol)) candidates.push_back(s);
  }
  // Depth-first over increasing candidate indices, keeping the chosen rows in
  // reduced row echelon form (augmented with the right-hand side).
  using Row = std::vector<Scalar>;  // n coefficients, then the right-hand side
  auto reduce_and_add = [&](std::vector<Row>& rows, std::vector<std::size_t>& pivots, Row r) {
    for (std::size_t k = 0; k < rows.size(); ++k) {
      const Scalar f = r[pivots[k]];
      if (f == Scalar(0)) continue;
      for (std::size_t j = 0; j <= n; ++j) r[j] -= f * rows[k][j];
    }
    std::size_t p = 0;
    const Scalar zero_tol = is_exact_v<Scalar> ? Scalar(0) : Scalar(1e-9);
    while (p < n && !(r[p] > zero_tol || r[p] < -zero_tol)) ++p;
    if (p == n) return false;
    const Scalar f = r[p];
    for (auto& x : r) x /= f;
    for (auto& row : rows) {
      const Scalar h = row[p];
      if (h == Scalar(0)) continue;
      for (std::size_t j = 0; j <= n; ++j) row[j] -= h * r[j];
    }
    rows.push_back(std::move(r));
    pivots.push_back(p);
    return true;
  };
  auto row_of = [&](Coalition s) {
    Row r(n + 1, Scalar(0));
    for (std::size_t i = 0; i < n; ++i)
      if (s >> i & 1u) r[i] = Scalar(1);
    r[n] = g.v(s);
    return r;
  };
  std::vector<std::vector<Scalar>> vertices;
  std::vector<Row> rows0;
  std::vector<std::size_t> pivots0;
  reduce_and_add(rows0, pivots0, row_of(all));
  auto visit = [&](auto&& self, const std::vector<Row>& rows, const std::vector<std::size_t>& pivots,
                   std::size_t next) -> void {
    if (rows.size() == n) {
      std::vector<Scalar> x(n);
      for (std::size_t k = 0; k < n; ++k) x[pivots[k]] = rows[k][n];
      if (in_core(g, x)) vertices.push_back(std::move(x));
      return;
    }
    const std::size_t need = n - rows.size();
    for (std::size_t c = next; c + need <= candidates.size(); ++c) {
      auto rows2 = rows;
      auto pivots2 = pivots;
      if (reduce_and_add(rows2, pivots2, row_of(candidates[c]))) self(self, rows2, pivots2, c + 1);
    }
  };
  visit(visit, rows0, pivots0, 0);
  std::sort(vertices.begin(), vertices.end());
  auto same = [&](const std::vector<Scalar>& a, const std::vector<Scalar>& b) {
    for (std::size_t i = 0; i < n; ++i)
      if (a[i] - b[i] > tol + Scalar(is_exact_v<Scalar> ? 0 : 1e-9) || b[i] - a[i] > tol + Scalar(is_exact_v<Scalar> ? 0 : 1e-9))
        return false;
    return true;
  };
  vertices.erase(std::unique(vertices.begin(), vertices.end(), same), vertices.end());
  return vertices;
}

}  // namespace entente
