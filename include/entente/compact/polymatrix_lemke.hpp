// One mixed equilibrium of a polymatrix compact game (every term names at
// most two actors and pays only those it names) by Lemke's algorithm on
// the polymatrix LCP: Howson, "Equilibria of polymatrix games",
// Management Science 18 (1972) 312-318; Eaves, "Polymatrix games with
// joint constraints", SIAM J. Appl. Math. 24 (1973) 418-423.
//
// A polymatrix payoff is u_i(s) = b_i[s] + sum_j (P_ij x_j)[s]: the base
// terms on i's own strategy give b_i, the pairwise terms on i and j that
// pay i give the block P_ij. A term that does not condition on its
// recipient adds the same amount to each of the recipient's strategies and
// changes no incentive, so it is left out (the certificate still counts it).
//
// Payoffs become positive costs c_i(s) = K_i - u_i(s):
//   C_ij = max P_ij - P_ij >= 0 (j != i),  C_ii = all ones,
//   q_i  = max b_i - b_i + 1 > 0,
// (the ones block adds 1 to every cost of i while x_i sums to 1). With v_i
// the value of player i the LCP is
//
//   w_x = q + C x - E'v >= 0 _|_ x >= 0,    w_v = E x - 1 >= 0 _|_ v >= 0,
//
// E summing each player's probabilities. At a solution v_i > 0 (v_i = 0
// would leave every cost of i positive, so x_i = 0 and E x_i - 1 < 0),
// hence E x_i = 1, and x_i is positive only on strategies of least cost:
// an equilibrium. Lemke's algorithm from the covering vector 1 cannot end
// on a secondary ray: along a ray dz'(M dz + 1 dz0) = 0, and since the v
// part of M is skew, that is dx'C dx + dz0 (1'dz) = 0; C >= 0 with
// positive diagonal blocks forces dx = 0, then dz0 = 0 or dz = 0, and
// dw_x = -E'dv >= 0 forces dv = 0: no ray but the primary one. The
// lexicographic ratio test (solvers/detail/lemke.hpp) makes this hold for
// degenerate games too. In double the costs are scaled to at most 1.
//
// The result is certified by the compact game's own certify() (expected
// payoffs from the terms, independent of the tableau): exactly 0 in
// Rational, within certificate_tolerance in double, else SolverError.
#pragma once

#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "entente/error.hpp"
#include "entente/game/compact_game.hpp"
#include "entente/solvers/detail/lemke.hpp"
#include "entente/status.hpp"

namespace entente {

struct PolymatrixLemkeOptions {
  std::size_t max_pivots = 100000;             ///< status pivot_limit past this many
  double time_limit_seconds = kNoTimeLimit;    ///< status time_limit when it runs out
};

template <class Scalar>
struct PolymatrixLemkeResult {
  /// Set when status is complete: one equilibrium with its certificate.
  std::optional<Equilibrium<Scalar>> equilibrium;
  Status status = Status::complete;  ///< complete, pivot_limit or time_limit
  std::size_t pivots = 0;
};

/// Why `game` is not polymatrix (the first term that makes it so), or ""
/// when it is.
template <class Scalar>
std::string polymatrix_violation(const CompactGame<Scalar>& game) {
  const auto& terms = game.terms();
  for (std::size_t t = 0; t < terms.size(); ++t) {
    const auto& when = terms[t].when;
    if (when.size() > 2)
      return "term " + std::to_string(t) + " conditions on " + std::to_string(when.size()) +
             " actors (a polymatrix term names at most two)";
    if (when.size() == 2)
      for (const auto& [r, amount] : terms[t].payoffs)
        if (r != when[0].actor && r != when[1].actor)
          return "term " + std::to_string(t) + " conditions on actors " + game.players()[when[0].actor] + " and " +
                 game.players()[when[1].actor] + " but pays " + game.players()[r];
  }
  return "";
}

namespace detail::polymatrix {

/// The LCP (M, q) of the comment at the top, over z = (x, v).
template <class Scalar>
struct Lcp {
  std::vector<std::vector<Scalar>> M;
  std::vector<Scalar> q;
  std::vector<std::size_t> offset;  ///< first x index of each player
};

template <class Scalar>
Lcp<Scalar> build_lcp(const CompactGame<Scalar>& game) {
  const std::size_t N = game.num_players();
  Lcp<Scalar> lcp;
  std::size_t m = 0;
  for (std::size_t i = 0; i < N; ++i) lcp.offset.push_back(std::exchange(m, m + game.num_strategies(i)));
  // b_i and the blocks P_ij (row-major n_i x n_j), from the terms.
  std::vector<std::vector<Scalar>> base(N);
  for (std::size_t i = 0; i < N; ++i) base[i].assign(game.num_strategies(i), Scalar(0));
  std::map<std::pair<std::size_t, std::size_t>, std::vector<Scalar>> blocks;
  for (const auto& term : game.terms())
    for (const auto& [r, amount] : term.payoffs) {
      const CompactCondition* own = nullptr;
      const CompactCondition* other = nullptr;
      for (const auto& c : term.when) (c.actor == r ? own : other) = &c;
      if (!own) continue;  // the same for each of r's strategies: no incentive
      const std::size_t nr = game.num_strategies(r);
      if (!other) {
        for (std::size_t s = 0; s < nr; ++s)
          if (own->allowed[s]) base[r][s] += amount;
        continue;
      }
      const std::size_t j = other->actor, nj = game.num_strategies(j);
      auto& block = blocks.try_emplace({r, j}, nr * nj, Scalar(0)).first->second;
      for (std::size_t s = 0; s < nr; ++s)
        if (own->allowed[s])
          for (std::size_t t = 0; t < nj; ++t)
            if (other->allowed[t]) block[s * nj + t] += amount;
    }
  // Costs: blocks and bases shifted by their largest entry.
  Scalar scale(1);
  if constexpr (!is_exact_v<Scalar>) {
    auto spread = [](const std::vector<Scalar>& v) {
      const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
      return *hi - *lo;
    };
    for (const auto& b : base) scale = std::max(scale, spread(b));
    for (const auto& [key, b] : blocks) scale = std::max(scale, spread(b));
  }
  const std::size_t n = m + N;
  lcp.M.assign(n, std::vector<Scalar>(n, Scalar(0)));
  lcp.q.assign(n, Scalar(0));
  for (const auto& [key, b] : blocks) {
    const auto [i, j] = key;
    const Scalar top = *std::max_element(b.begin(), b.end());
    const std::size_t nj = game.num_strategies(j);
    for (std::size_t s = 0; s < game.num_strategies(i); ++s)
      for (std::size_t t = 0; t < nj; ++t) lcp.M[lcp.offset[i] + s][lcp.offset[j] + t] = (top - b[s * nj + t]) / scale;
  }
  for (std::size_t i = 0; i < N; ++i) {
    const Scalar top = *std::max_element(base[i].begin(), base[i].end());
    for (std::size_t s = 0; s < game.num_strategies(i); ++s) {
      const std::size_t row = lcp.offset[i] + s;
      for (std::size_t t = 0; t < game.num_strategies(i); ++t) lcp.M[row][lcp.offset[i] + t] = Scalar(1);
      lcp.M[row][m + i] = Scalar(-1);
      lcp.M[m + i][row] = Scalar(1);
      lcp.q[row] = (top - base[i][s]) / scale + Scalar(1);
    }
    lcp.q[m + i] = Scalar(-1);
  }
  return lcp;
}

}  // namespace detail::polymatrix

/// One equilibrium of a polymatrix compact game by Lemke's algorithm (the
/// comment at the top). Throws InvalidArgument naming the first term that
/// makes the game not polymatrix, SolverError when rounding (double) spoils
/// the result's certificate; Interrupted when cancelled.
template <class Scalar>
PolymatrixLemkeResult<Scalar> polymatrix_lemke(const CompactGame<Scalar>& game,
                                               const PolymatrixLemkeOptions& options = {}) {
  check_time_limit(options.time_limit_seconds, "polymatrix_lemke");
  if (const std::string why = polymatrix_violation(game); !why.empty())
    throw InvalidArgument("Lemke's algorithm needs a polymatrix game: " + why);
  const auto lcp = detail::polymatrix::build_lcp(game);
  const auto run = detail::lemke(lcp.M, lcp.q,
                                 {.max_pivots = options.max_pivots, .time_limit_seconds = options.time_limit_seconds});
  PolymatrixLemkeResult<Scalar> out;
  out.pivots = run.pivots;
  out.status = run.status;
  if (run.status == Status::unbounded)
    throw SolverError("polymatrix Lemke: the path ended on a ray, which exact arithmetic rules out; rounding "
                      "defeated it, solve exactly instead");
  if (run.status != Status::complete) return out;
  MixedProfile<Scalar> profile;
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    const auto first = run.z.begin() + static_cast<std::ptrdiff_t>(lcp.offset[i]);
    std::vector<Scalar> x(first, first + static_cast<std::ptrdiff_t>(game.num_strategies(i)));
    if constexpr (!is_exact_v<Scalar>) {  // rounding: clip and renormalise
      double sum = 0;
      for (auto& p : x) sum += (p = std::max(p, 0.0));
      if (!(sum > 0)) throw SolverError("polymatrix Lemke: rounding left a player without probabilities");
      for (auto& p : x) p /= sum;
    }
    profile.strategies.push_back(std::move(x));
  }
  out.equilibrium = certify(game, std::move(profile));
  require_certified(game, *out.equilibrium, "polymatrix Lemke");
  return out;
}

}  // namespace entente
