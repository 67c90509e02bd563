// The bloc game of a partition: each bloc plays as one player, and how a
// bloc's payoff is split among its members.
//
// Bloc game: a bloc's strategies are its members' joint pure strategies and
// its payoff is the members' summed payoff (transferable utility inside the
// bloc). Its equilibrium is selected by this rule, which depends only on
// the number k of blocs (the method is recorded in the result):
//  1. pure equilibria first (method "enumpure"; with k = 1 these are the
//     profiles of largest total payoff): the one with the largest total
//     payoff, ties to the first in C order of the bloc game's profiles;
//  2. otherwise with k = 2: the LP (method "lp") when the bloc game is
//     constant-sum, else Lemke-Howson from label 0 (method "lcp"), both
//     exact in rationals with Scalar = Rational;
//  3. otherwise (k >= 3, no pure equilibrium; no exact N-player mixed solver
//     is available): fictitious play (Brown 1951) on the floating game for
//     `fictitious_play_iterations` rounds (method "fictitious_play"); its
//     empirical frequencies are certified in Scalar, so the regret reported
//     is the true (exact, for Rational) gain from deviating and may be > 0.
//
// Split of a bloc's payoff T among its members B:
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
#include "entente/solvers/learning.hpp"
#include "entente/solvers/lemke_howson.hpp"
#include "entente/solvers/pure_nash.hpp"
#include "entente/solvers/zero_sum.hpp"

namespace entente {

enum class BlocSplit { equal, shapley, proportional };

inline std::string to_string(BlocSplit split) {
  switch (split) {
    case BlocSplit::equal: return "equal";
    case BlocSplit::shapley: return "shapley";
    case BlocSplit::proportional: return "proportional";
  }
  return "?";
}

/// "equal", "shapley" or "proportional"; anything else is InvalidArgument.
inline BlocSplit parse_bloc_split(const std::string& text) {
  if (text == "equal") return BlocSplit::equal;
  if (text == "shapley") return BlocSplit::shapley;
  if (text == "proportional") return BlocSplit::proportional;
  throw InvalidArgument("unknown split rule '" + text + "' (expected equal, shapley or proportional)");
}

struct BlocGameOptions {
  BlocSplit split = BlocSplit::equal;
  /// Rounds of fictitious play for k >= 3 blocs without a pure equilibrium.
  std::size_t fictitious_play_iterations = 2000;
};

template <class Scalar>
struct BlocOutcome {
  Partition partition;
  /// The equilibrium of the bloc game (one player per bloc, blocs ordered by
  /// smallest member), with its payoffs and regret certificate.
  Equilibrium<Scalar> equilibrium;
  std::string method;                 ///< "enumpure", "lp", "lcp" or "fictitious_play"
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

/// Rebuilds fictitious play's frequencies (count / rounds) exactly in Scalar
/// so that the profile sums to one exactly.
template <class Scalar>
MixedProfile<Scalar> frequencies_in(const MixedProfile<double>& p, std::size_t rounds) {
  MixedProfile<Scalar> out;
  for (const auto& s : p.strategies) {
    std::vector<Scalar> v;
    Scalar total(0);
    for (double x : s) {
      v.push_back(Scalar(static_cast<long>(std::llround(x * double(rounds)))));
      total += v.back();
    }
    for (auto& x : v) x /= total;
    out.strategies.push_back(std::move(v));
  }
  return out;
}

/// The equilibrium of a bloc game by the selection rule in the header.
template <class Scalar>
std::pair<Equilibrium<Scalar>, std::string> select_equilibrium(const Game<Scalar>& blocs,
                                                                const BlocGameOptions& options) {
  const auto pure = pure_equilibria(blocs);
  if (!pure.empty()) {
    std::size_t best = 0;
    Scalar best_total(0);
    for (std::size_t k = 0; k < pure.size(); ++k) {
      Scalar total(0);
      for (const auto& x : pure[k].payoffs) total += x;
      if (k == 0 || total > best_total) best = k, best_total = total;
    }
    return {certify(blocs, MixedProfile<Scalar>::pure(blocs, pure[best].profile)), "enumpure"};
  }
  if (blocs.num_players() == 2) {
    if (blocs.is_constant_sum()) return {solve_zero_sum(blocs).equilibrium, "lp"};
    return {lemke_howson(blocs, 0), "lcp"};
  }
  LearningOptions learning;
  learning.iterations = std::max<std::size_t>(options.fictitious_play_iterations, 1);
  learning.record_every = learning.iterations;
  Game<double> floating = blocs.template cast<double>();
  const LearningResult played = fictitious_play(floating, learning);
  return {certify(blocs, frequencies_in<Scalar>(played.profile, learning.iterations)), "fictitious_play"};
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

/// The bloc game of `partition` solved by the selection rule in the header,
/// and each player's share of its bloc's payoff. `v` is the characteristic
/// function (needed for the shapley and proportional splits).
template <class Scalar>
BlocOutcome<Scalar> solve_bloc_game(const Game<Scalar>& game, const Partition& partition,
                                    const CoalitionalGame<Scalar>* v = nullptr, const BlocGameOptions& options = {}) {
  const Game<Scalar> blocs = bloc_game(game, partition);
  auto [equilibrium, method] = alliance::detail::select_equilibrium(blocs, options);
  BlocOutcome<Scalar> out{partition, std::move(equilibrium), std::move(method), {}, {}};
  out.bloc_payoffs = out.equilibrium.payoffs;
  out.payoffs.assign(game.num_players(), Scalar(0));
  const auto members = partition.blocs();
  for (std::size_t b = 0; b < members.size(); ++b) {
    const auto shares = split_bloc_payoff(out.bloc_payoffs[b], members[b], options.split, v);
    for (std::size_t k = 0; k < members[b].size(); ++k) out.payoffs[members[b][k]] = shares[k];
  }
  return out;
}

}  // namespace entente
