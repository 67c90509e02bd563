// One equilibrium of a two-player tree with perfect recall by Lemke's
// algorithm on the sequence-form LCP (Koller, Megiddo & von Stengel, GEB
// 14, 1996, Sec. 4), lexicographic so that degenerate trees cannot cycle.
#pragma once

#include <optional>
#include <vector>

#include "entente/extensive/sequence_form.hpp"
#include "entente/solvers/detail/lemke.hpp"

namespace entente {

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
  const auto run = detail::lemke(M, qv, {.max_pivots = 100 * N + 1000});
  if (run.status != Status::complete) return std::nullopt;
  std::vector<Scalar> x(run.z.begin() + X, run.z.begin() + Y), y(run.z.begin() + Y, run.z.begin() + P);
  BehaviorProfile<Scalar> b{behavior_from_plan(game, 0, sf.sequences[0], x),
                            behavior_from_plan(game, 1, sf.sequences[1], y)};
  auto eq = certify(game, std::move(b));
  require_certified(game, eq, "sequence-form LCP");
  return eq;
}

}  // namespace entente
