// The bloc game of a partition: each bloc plays as one player, and how a
// bloc's payoff is split among its members.
//
// Bloc game: a bloc's strategies are its members' joint pure strategies and
// its payoff is the members' summed payoff (transferable utility inside the
// bloc). Its equilibrium comes from solve() (solvers/solve.hpp), so it is
// certified like every other answer; method and selection are recorded:
//  1. every pure equilibrium (enumpure), selection welfare: the largest
//     total payoff, ties to the first in C order of the bloc game's
//     profiles (with k = 1 bloc these are the profiles of largest total);
//  2. otherwise, with k = 2 blocs: the LP (lp) when the bloc game is
//     constant-sum, else Lemke-Howson from label 0 (lcp), exact in
//     rationals with Scalar = Rational;
//  3. otherwise (k >= 3, no pure equilibrium): among the equilibria of the
//     smallest total support size that the support search finds
//     (minsupport, Porter, Nudelman & Shoham 2008; min_support.hpp), the one
//     of largest welfare, ties to the first found. This extends rule 1 (pure
//     equilibria are the ones of smallest support) and is fast: a random
//     game almost always has an equilibrium with two blocs mixing two joint
//     strategies each, and the search reaches it after a few hundred
//     supports, where following the logit branch of a 243 x 3 x 3 bloc game
//     takes seconds. It runs in floating point (regret <= 1e-9 of the
//     payoff range), so with Scalar = Rational its exact certificate is
//     small but not zero. Where the search gives up (its support limit),
//     the limiting logit equilibrium (McKelvey & Palfrey 1995), and where
//     that branch is lost, simpdiv.
// Vertex enumeration (auto's choice for two players) is not used: a bloc
// of several actors has a product of their strategy counts as strategies.
// What each member of a bloc B gets (the split rule):
//  - none (the default): no side payments; each member keeps its own
//    payoff in the original game at the bloc's joint play, i.e. its
//    expected payoff under the product of the blocs' equilibrium
//    distributions (a bloc's distribution over joint strategies is a
//    correlated distribution over its members' strategies; the
//    expectation is exact, over every profile). The members' payoffs
//    still sum to T, since expectation is linear. Why the default: real
//    alliances rarely pay their members in transferable utility (the US
//    does not compensate South Korea for the risk of hosting its troops
//    with a share of US welfare); under an equal split the verdict on a
//    bloc is decided by the split rule rather than by the game (the
//    Asian-NATO bloc looked unstable only because the equal split gave
//    South Korea less than it earns alone). The bloc still picks its
//    joint play to maximise its total (the bloc game above);
//  - equal: T / |B|;
//  - shapley: the Shapley value (Shapley 1953) of the characteristic
//    function restricted to B, with v(B) replaced by T. Changing v(B) by d
//    changes each member's Shapley value by d/|B|, so this is
//    phi_i(v|B) + (T - v(B)) / |B| and sums to T;
//  - proportional: T * v({i}) / sum_{j in B} v({j}) when every member's
//    stand-alone value v({i}) is >= 0 and their sum is > 0; otherwise (the
//    proportions are undefined) the equal split.
#pragma once

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "entente/alliance/characteristic_function.hpp"
#include "entente/alliance/detail/merged_game.hpp"
#include "entente/alliance/partition.hpp"
#include "entente/coop/values.hpp"
#include "entente/game/equilibrium.hpp"
#include "entente/solvers/solve.hpp"

namespace entente {

enum class BlocSplit { none, equal, shapley, proportional };

inline std::string to_string(BlocSplit split) {
  switch (split) {
    case BlocSplit::none: return "none";
    case BlocSplit::equal: return "equal";
    case BlocSplit::shapley: return "shapley";
    case BlocSplit::proportional: return "proportional";
  }
  return "?";
}

/// "none", "equal", "shapley" or "proportional"; anything else is InvalidArgument.
inline BlocSplit parse_bloc_split(const std::string& text) {
  if (text == "none") return BlocSplit::none;
  if (text == "equal") return BlocSplit::equal;
  if (text == "shapley") return BlocSplit::shapley;
  if (text == "proportional") return BlocSplit::proportional;
  throw InvalidArgument("unknown split rule '" + text + "' (expected none, equal, shapley or proportional)");
}

struct BlocGameOptions {
  BlocSplit split = BlocSplit::none;
};

template <class Scalar>
struct BlocOutcome {
  Partition partition;
  /// The equilibrium of the bloc game (one player per bloc, blocs ordered by
  /// smallest member), with its payoffs and regret certificate.
  Equilibrium<Scalar> equilibrium;
  Method method = Method::enumpure;   ///< enumpure, lp, lcp or simpdiv (see the header)
  Selection selection;                ///< the rule that picked the equilibrium
  std::vector<Scalar> bloc_payoffs;   ///< each bloc's summed payoff (= equilibrium.payoffs)
  std::vector<Scalar> payoffs;        ///< each player's share under the split rule
};

/// The bloc game of `partition`: player b = bloc b (ordered by smallest
/// member), named "A+B", strategies the joint strategies "a+b".
template <class Scalar>
Game<Scalar> bloc_game(const Game<Scalar>& game, const Partition& partition) {
  if (partition.num_players() != game.num_players())
    throw InvalidArgument("the partition has " + std::to_string(partition.num_players()) + " players, the game " +
                          std::to_string(game.num_players()));
  return alliance::detail::merge_players(game, partition.blocs());
}

namespace alliance::detail {

/// The first equilibrium of a floating-point solve of `blocs` as a
/// SolveResult<Scalar>: for Rational each probability is read exactly, each
/// player's vector divided by its exact sum (a probability vector in
/// Rational) and the certificate recomputed exactly on `blocs` (small, not
/// zero); for double, unchanged. G: Game or CompactGame.
template <class Scalar, class G>
SolveResult<Scalar> from_floating(const G& blocs, SolveResult<double> found) {
  SolveResult<Scalar> out;
  out.method = found.method;
  out.status = found.status;
  out.selection = found.selection;
  out.found = 1;
  if constexpr (is_exact_v<Scalar>) {
    MixedProfile<Scalar> exact = found.equilibria.front().profile.template cast<Scalar>();
    for (auto& s : exact.strategies) {
      Scalar sum(0);
      for (const auto& x : s) sum += x;
      for (auto& x : s) x /= sum;
    }
    out.equilibria.push_back(certify(blocs, std::move(exact)));
  } else {
    out.equilibria = std::move(found.equilibria);
  }
  return out;
}

/// The certified equilibrium of a bloc game by the rule in the header; a
/// SolverError when no method reaches one.
template <class Scalar>
SolveResult<Scalar> bloc_equilibrium(const Game<Scalar>& blocs) {
  auto pure = solve(blocs, {.method = Method::enumpure, .selection = Selection::welfare()});
  if (!pure.equilibria.empty()) return pure;
  if (blocs.num_players() == 2)
    return solve(blocs, {.method = blocs.is_constant_sum() ? Method::lp : Method::lcp, .selection = Selection::first()});
  // Three or more blocs: found in floating point; with Scalar = Rational the
  // profile is read exactly and its certificate recomputed exactly (small,
  // not zero), so it says it is floating.
  const Game<double> floating = blocs.template cast<double>();
  auto found = solve(floating, {.method = Method::minsupport, .selection = Selection::welfare()});
  if (found.equilibria.empty()) found = solve(floating, {.method = Method::logit, .selection = Selection::first()});
  if (found.equilibria.empty()) {
    auto fallback = solve(blocs, {.method = Method::simpdiv, .selection = Selection::first()});
    if (!fallback.equilibria.empty()) return fallback;
    throw SolverError("bloc game: neither minsupport nor logit (" + to_string(found.status) + ") nor simpdiv (" +
                      to_string(fallback.status) + ") reached an equilibrium");
  }
  return from_floating<Scalar>(blocs, std::move(found));
}

/// Each player's expected payoff in `game` when the blocs of `partition`
/// play `blocs` (one distribution per bloc over its joint strategies, in
/// merge_players' numbering): the exact expectation over every profile.
template <class Scalar>
std::vector<Scalar> member_payoffs(const Game<Scalar>& game, const Partition& partition,
                                   const MixedProfile<Scalar>& blocs) {
  const std::size_t n = game.num_players();
  const auto groups = partition.blocs();
  // inner[i]: the weight of player i's strategy in its bloc's joint index.
  std::vector<std::size_t> inner(n, 1);
  for (const auto& g : groups) {
    std::size_t w = 1;
    for (std::size_t k = g.size(); k-- > 0;) inner[g[k]] = w, w *= game.num_strategies(g[k]);
  }
  std::vector<Scalar> out(n, Scalar(0));
  std::vector<std::size_t> digit(n, 0), joint(groups.size(), 0);
  for (std::size_t flat = 0; flat < game.num_profiles(); ++flat) {
    Scalar p(1);
    for (std::size_t b = 0; b < groups.size() && p != 0; ++b) p *= blocs.strategies[b][joint[b]];
    if (p != 0)
      for (std::size_t i = 0; i < n; ++i) out[i] += p * game.payoffs(i)[flat];
    // Odometer in C order (last player fastest), the joint indices with it.
    for (std::size_t k = n; k-- > 0;) {
      const std::size_t b = partition.bloc_of(k);
      if (++digit[k] < game.num_strategies(k)) {
        joint[b] += inner[k];
        break;
      }
      joint[b] -= (game.num_strategies(k) - 1) * inner[k];
      digit[k] = 0;
    }
  }
  return out;
}

/// v restricted to the members of `bloc` (ascending): a CoalitionalGame on
/// |bloc| players with bit k = bloc[k].
template <class Scalar>
CoalitionalGame<Scalar> restrict_to(const CoalitionalGame<Scalar>& v, const std::vector<std::size_t>& bloc) {
  const std::size_t m = bloc.size();
  std::vector<Scalar> values(std::size_t(1) << m);
  for (std::size_t sub = 0; sub < values.size(); ++sub) {
    Coalition mask = 0;
    for (std::size_t k = 0; k < m; ++k)
      if (sub >> k & 1u) mask |= Coalition(1) << bloc[k];
    values[sub] = v.v(mask);
  }
  return CoalitionalGame<Scalar>(m, std::move(values));
}

}  // namespace alliance::detail

/// Splits `total` among the members of `bloc` by `split`; `v` (the
/// characteristic function) is needed for shapley and proportional.
template <class Scalar>
std::vector<Scalar> split_bloc_payoff(const Scalar& total, const std::vector<std::size_t>& bloc, BlocSplit split,
                                      const CoalitionalGame<Scalar>* v) {
  const std::size_t m = bloc.size();
  if (m == 0) throw InvalidArgument("split_bloc_payoff: empty bloc");
  if (split == BlocSplit::none)
    throw InvalidArgument("split 'none' is no division of the bloc's payoff: each member keeps its own "
                          "(solve_bloc_game)");
  const Scalar size(static_cast<long>(m));
  std::vector<Scalar> equal(m, total / size);
  if (split == BlocSplit::equal || m == 1) return equal;
  if (!v) throw InvalidArgument("split '" + to_string(split) + "' needs the characteristic function");
  if (split == BlocSplit::shapley) {
    const auto restricted = alliance::detail::restrict_to(*v, bloc);
    auto phi = shapley_value(restricted);
    const Scalar surplus = (total - restricted.v(restricted.grand_coalition())) / size;
    for (auto& x : phi) x += surplus;
    return phi;
  }
  Scalar sum(0);
  for (std::size_t i : bloc) {
    const Scalar& alone = v->v(Coalition(1) << i);
    if (alone < 0) return equal;
    sum += alone;
  }
  if (!(sum > v->tol())) return equal;
  std::vector<Scalar> out;
  for (std::size_t i : bloc) out.push_back(total * v->v(Coalition(1) << i) / sum);
  return out;
}

/// Each player's share of its bloc's payoff (bloc_payoffs[b] for bloc b)
/// under a split rule other than none.
template <class Scalar>
std::vector<Scalar> split_payoffs(const Partition& partition, const std::vector<Scalar>& bloc_payoffs, BlocSplit split,
                                  const CoalitionalGame<Scalar>* v) {
  std::vector<Scalar> out(partition.num_players(), Scalar(0));
  const auto members = partition.blocs();
  for (std::size_t b = 0; b < members.size(); ++b) {
    const auto shares = split_bloc_payoff(bloc_payoffs[b], members[b], split, v);
    for (std::size_t k = 0; k < members[b].size(); ++k) out[members[b][k]] = shares[k];
  }
  return out;
}

/// The bloc game of `partition` solved by the selection rule in the header,
/// and each player's share of its bloc's payoff. `v` is the characteristic
/// function (needed for the shapley and proportional splits).
template <class Scalar>
BlocOutcome<Scalar> solve_bloc_game(const Game<Scalar>& game, const Partition& partition,
                                    const CoalitionalGame<Scalar>* v = nullptr, const BlocGameOptions& options = {}) {
  const Game<Scalar> blocs = bloc_game(game, partition);
  auto solved = alliance::detail::bloc_equilibrium(blocs);
  BlocOutcome<Scalar> out{partition, std::move(solved.equilibria.front()), solved.method, solved.selection, {}, {}};
  out.bloc_payoffs = out.equilibrium.payoffs;
  if (options.split == BlocSplit::none) {
    out.payoffs = alliance::detail::member_payoffs(game, partition, out.equilibrium.profile);
    return out;
  }
  out.payoffs = split_payoffs(partition, out.bloc_payoffs, options.split, v);
  return out;
}

}  // namespace entente
