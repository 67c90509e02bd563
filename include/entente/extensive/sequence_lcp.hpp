// One equilibrium of a two-player tree with perfect recall by Lemke's
// algorithm on the sequence-form LCP (Koller, Megiddo & von Stengel, GEB
// 14, 1996, Sec. 4), lexicographic so that degenerate trees cannot cycle.
#pragma once

#include <optional>
#include <vector>

#include "entente/extensive/sequence_form.hpp"

namespace entente {

namespace detail {

/// Lemke's algorithm on  w = qv + M z + d z0 >= 0, z >= 0, z0 >= 0, w'z = 0
/// with d = 1, on a dense tableau in Scalar. Ties in the ratio test are
/// broken lexicographically by the rows of the basis inverse (which makes
/// every pivot unique). Returns z, or nullopt on ray termination or past
/// `max_pivots`.
template <class Scalar>
std::optional<std::vector<Scalar>> lemke(const std::vector<std::vector<Scalar>>& M, const std::vector<Scalar>& qv,
                                         std::size_t max_pivots) {
  const std::size_t n = qv.size();
  // Columns: w_0..w_{n-1}, z_0..z_{n-1}, z0 (index 2n); rhs apart.
  const std::size_t cols = 2 * n + 1, artificial = 2 * n;
  std::vector<std::vector<Scalar>> T(n, std::vector<Scalar>(cols, Scalar(0)));
  std::vector<Scalar> rhs = qv;
  std::vector<std::size_t> basis(n);
  for (std::size_t r = 0; r < n; ++r) {
    T[r][r] = Scalar(1);
    for (std::size_t c = 0; c < n; ++c) T[r][n + c] = -M[r][c];
    T[r][artificial] = Scalar(-1);
    basis[r] = r;
  }
  const Scalar eps = is_exact_v<Scalar> ? Scalar(0) : Scalar(1e-12);
  auto pivot = [&](std::size_t row, std::size_t col) {
    const Scalar p = T[row][col];
    for (auto& v : T[row]) v /= p;
    rhs[row] /= p;
    for (std::size_t r = 0; r < n; ++r) {
      if (r == row || T[r][col] == 0) continue;
      const Scalar f = T[r][col];
      for (std::size_t c = 0; c < cols; ++c)
        if (T[row][c] != 0) T[r][c] -= f * T[row][c];
      rhs[r] -= f * rhs[row];
    }
    basis[row] = col;
  };
  // Lexicographic comparison of rows a and b scaled by 1/T[.][col]: (rhs, B^-1 row).
  auto lex_less = [&](std::size_t a, std::size_t b, std::size_t col) {
    const Scalar& ta = T[a][col];
    const Scalar& tb = T[b][col];
    Scalar da = rhs[a] * tb - rhs[b] * ta;  // compares rhs[a]/ta with rhs[b]/tb (both t > 0)
    if (da < -eps) return true;
    if (da > eps) return false;
    for (std::size_t c = 0; c < n; ++c) {
      Scalar d = T[a][c] * tb - T[b][c] * ta;
      if (d < -eps) return true;
      if (d > eps) return false;
    }
    return false;
  };
  // First pivot: z0 enters at the most negative qv (d = 1); the tableau's
  // z0 column is -1, so the row is the lexicographic minimum of (rhs, B^-1)
  // scaled by -1/1, i.e. the largest -rhs.
  std::size_t row = n;
  for (std::size_t r = 0; r < n; ++r) {
    if (!(rhs[r] < -eps)) continue;
    if (row == n) {
      row = r;
      continue;
    }
    // The most negative rhs; ties by the lexicographically smallest -(B^-1 row), i.e. largest row.
    if (rhs[r] < rhs[row] - eps || (!(rhs[row] < rhs[r] - eps) && r > row)) row = r;
  }
  if (row == n) return std::vector<Scalar>(n, Scalar(0));  // qv >= 0: z = 0 solves it
  std::size_t leaving = basis[row];
  pivot(row, artificial);
  for (std::size_t step = 0; step < max_pivots; ++step) {
    const std::size_t entering = leaving < n ? leaving + n : leaving - n;  // the complement
    std::size_t best = n;
    for (std::size_t r = 0; r < n; ++r)
      if (T[r][entering] > eps && (best == n || lex_less(r, best, entering))) best = r;
    if (best == n) return std::nullopt;  // ray termination
    leaving = basis[best];
    pivot(best, entering);
    if (leaving == artificial) {
      std::vector<Scalar> z(n, Scalar(0));
      for (std::size_t r = 0; r < n; ++r)
        if (basis[r] >= n && basis[r] < 2 * n) z[basis[r] - n] = rhs[r];
      return z;
    }
  }
  return std::nullopt;
}

}  // namespace detail

/// One equilibrium of a two-player tree with perfect recall, certified in
/// the tree, or nullopt if the path ends without one (it cannot in exact
/// arithmetic; rounding can defeat it in floating point). Payoffs are
/// shifted to be negative (which changes no equilibrium), so player 1's
/// best reply to y is  min x'(-Ay)  s.t.  Ex >= e, x >= 0, tight at the
/// optimum; with the duals p, q of the plan constraints the LCP is
///
///   w_x = -A y - E'p >= 0 _|_ x,   w_y = -B'x - F'q >= 0 _|_ y,
///   w_p = E x - e    >= 0 _|_ p,   w_q = F y - f    >= 0 _|_ q,
///
/// solved by Lemke's algorithm from the covering vector 1. The plans are
/// read as behaviour strategies by normalising at each information set.
template <class Scalar>
std::optional<BehaviorEquilibrium<Scalar>> solve_sequence_form_lcp(const ExtensiveGame<Scalar>& game) {
  const SequenceForm<Scalar> sf = sequence_form(game);
  const std::size_t n1 = sf.sequences[0].count, n2 = sf.sequences[1].count;
  const std::size_t k1 = game.infosets(0).size() + 1, k2 = game.infosets(1).size() + 1;
  const std::size_t X = 0, Y = n1, P = n1 + n2, Q = n1 + n2 + k1, N = n1 + n2 + k1 + k2;
  Scalar shift(0);
  bool first = true;
  for (std::size_t n = 0; n < game.num_nodes(); ++n)
    if (game.node(n).kind == NodeKind::terminal)
      for (const auto& u : game.payoffs_at(n))
        if (first || u > shift) shift = u, first = false;
  shift += Scalar(1);
  std::vector<std::vector<Scalar>> M(N, std::vector<Scalar>(N, Scalar(0)));
  std::vector<Scalar> qv(N, Scalar(0));
  for (const auto& [pair, c] : sf.chance) {
    Scalar a = -shift * c, b = -shift * c;
    if (auto it = sf.payoff[0].find(pair); it != sf.payoff[0].end()) a += it->second;
    if (auto it = sf.payoff[1].find(pair); it != sf.payoff[1].end()) b += it->second;
    M[X + pair.first][Y + pair.second] -= a;  // -A y
    M[Y + pair.second][X + pair.first] -= b;  // -B'x
  }
  // Plan constraints: row 0 is the empty sequence (= 1), row 1 + h is h's.
  auto constraints = [&](std::size_t player, std::size_t seq0, std::size_t dual0) {
    const PlayerSequences& s = sf.sequences[player];
    M[dual0][seq0] += Scalar(1);  // w_p row 0: x_empty - 1
    M[seq0][dual0] -= Scalar(1);  // -E'p
    qv[dual0] = Scalar(-1);
    for (std::size_t h = 0; h + 1 < (player == 0 ? k1 : k2); ++h) {
      const std::size_t row = dual0 + 1 + h;
      M[row][seq0 + s.parent[h]] -= Scalar(1);
      M[seq0 + s.parent[h]][row] += Scalar(1);
      for (std::size_t a = 0; a < game.infoset(player, h).actions.size(); ++a) {
        M[row][seq0 + s.first[h] + a] += Scalar(1);
        M[seq0 + s.first[h] + a][row] -= Scalar(1);
      }
    }
  };
  constraints(0, X, P);
  constraints(1, Y, Q);
  auto z = detail::lemke(M, qv, 100 * N + 1000);
  if (!z) return std::nullopt;
  std::vector<Scalar> x(z->begin() + X, z->begin() + Y), y(z->begin() + Y, z->begin() + P);
  BehaviorProfile<Scalar> b{behavior_from_plan(game, 0, sf.sequences[0], x),
                            behavior_from_plan(game, 1, sf.sequences[1], y)};
  auto eq = certify(game, std::move(b));
  require_certified(game, eq, "sequence-form LCP");
  return eq;
}

}  // namespace entente
