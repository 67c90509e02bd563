// The TU coalitional game of an N-player normal-form game: v(S) for every
// coalition S, by the alpha, beta or gamma characteristic function.
//
// Payoffs of a coalition are SUMMED: v(S) is a value of sum_{i in S} u_i
// (transferable utility), and S's joint strategies are its members' joint
// pure strategies (correlated within S). In every kind v(empty) = 0 and
// v(N) = the largest total payoff over the pure profiles.
//
// With M_S[s][t] = sum_{i in S} u_i(s, t), s a joint pure strategy of S and
// t one of the complement N\S:
//  - alpha (Aumann & Peleg 1960, "Von Neumann-Morgenstern solutions to
//    cooperative games without side payments", Bull. AMS 66, 173-179):
//    v(S) = max_x min_y x'M_S y, the value of the zero-sum game between S and
//    N\S (the complement may correlate too), by the LP of
//    solvers/zero_sum.hpp; exact in rationals with Scalar = Rational.
//  - beta (ibid.): the complement commits first to a PURE joint strategy and
//    S best-replies: v(S) = min_t max_s M_S[s][t]. If the complement could
//    commit to a mixed joint strategy, min_y max_x x'M_S y would equal alpha
//    by von Neumann's minimax theorem, so only pure commitment gives a
//    distinct function. alpha <= beta always: max_x min_t x'M_S e_t <=
//    min_t max_x x'M_S e_t = min_t max_s M_S[s][t].
//  - gamma (Chander & Tulkens 1997, "The core of an economy with multilateral
//    environmental externalities", IJGT 26, 379-401; Hart & Kurz 1983,
//    "Endogenous formation of coalitions", Econometrica 51, 1047-1064): S
//    acts as one player (its joint strategies, its summed payoff) and every
//    member of N\S as an individual; v(S) is S's payoff at an equilibrium of
//    that (|N\S| + 1)-player game. Selection: among the pure equilibria, the
//    one with the largest payoff to S (ties: the first in C order of the
//    merged game's profiles); with no pure equilibrium and one outsider, the
//    Lemke-Howson equilibrium from label 0; with no pure equilibrium and two
//    or more outsiders (no exact N-player mixed solver is available) v(S)
//    falls back to alpha(S), and S is listed in `gamma_fallback`.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "entente/alliance/detail/merged_game.hpp"
#include "entente/cancel.hpp"
#include "entente/coop/coalitional_game.hpp"
#include "entente/error.hpp"
#include "entente/game/game.hpp"
#include "entente/solvers/lemke_howson.hpp"
#include "entente/solvers/pure_nash.hpp"
#include "entente/solvers/zero_sum.hpp"

namespace entente {

enum class CharacteristicKind { alpha, beta, gamma };

inline std::string to_string(CharacteristicKind kind) {
  switch (kind) {
    case CharacteristicKind::alpha: return "alpha";
    case CharacteristicKind::beta: return "beta";
    case CharacteristicKind::gamma: return "gamma";
  }
  return "?";
}

/// "alpha", "beta" or "gamma"; anything else is InvalidArgument.
inline CharacteristicKind parse_characteristic_kind(const std::string& text) {
  if (text == "alpha") return CharacteristicKind::alpha;
  if (text == "beta") return CharacteristicKind::beta;
  if (text == "gamma") return CharacteristicKind::gamma;
  throw InvalidArgument("unknown characteristic function '" + text + "' (expected alpha, beta or gamma)");
}

/// Largest number of players for a characteristic function (2^n coalitions).
inline constexpr std::size_t kMaxCharacteristicPlayers = 20;
/// Largest 2^n x (pure profiles): the work of one pass per coalition.
inline constexpr std::uint64_t kMaxCharacteristicWork = std::uint64_t(1) << 28;

/// Throws InvalidArgument when the game is too large for a characteristic
/// function over all 2^n coalitions, or (double) has a payoff that is not finite.
template <class Scalar>
void check_characteristic_size(const Game<Scalar>& game) {
  const std::size_t n = game.num_players();
  if constexpr (!is_exact_v<Scalar>) {
    for (std::size_t i = 0; i < n; ++i)
      for (double x : game.payoffs(i))
        if (!std::isfinite(x)) throw InvalidArgument("alliances: the payoffs must be finite (found " + to_string(x) + ")");
  }
  if (n > kMaxCharacteristicPlayers)
    throw InvalidArgument("characteristic function: " + std::to_string(n) + " players means 2^" + std::to_string(n) +
                          " coalitions; at most " + std::to_string(kMaxCharacteristicPlayers) + " players");
  if ((std::uint64_t(1) << n) > kMaxCharacteristicWork / game.num_profiles())
    throw InvalidArgument("characteristic function: 2^" + std::to_string(n) + " coalitions x " +
                          std::to_string(game.num_profiles()) + " profiles is too much work (limit 2^28)");
}

namespace alliance::detail {

/// Members of `mask` (ascending) and of its complement.
inline std::vector<std::size_t> members(Coalition mask, std::size_t n) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < n; ++i)
    if (mask >> i & 1u) out.push_back(i);
  return out;
}

/// M_S: rows = joint strategies of S, columns = joint strategies of N\S
/// (both in C order over their members), entries = S's summed payoff.
/// S and N\S must both be non-empty.
template <class Scalar>
Mat<Scalar> coalition_matrix(const Game<Scalar>& game, Coalition mask) {
  const std::size_t n = game.num_players();
  const Coalition all = Coalition((std::uint64_t(1) << n) - 1);
  Game<Scalar> two = merge_players(game, {members(mask, n), members(all & ~mask, n)});
  return Mat<Scalar>(two.matrix(0));
}

/// The largest total payoff over the pure profiles: v(N).
template <class Scalar>
Scalar max_total_payoff(const Game<Scalar>& game) {
  auto total_at = [&](std::size_t k) {
    Scalar total(0);
    for (std::size_t i = 0; i < game.num_players(); ++i) total += game.payoffs(i)[k];
    return total;
  };
  Scalar best = total_at(0);
  for (std::size_t k = 1; k < game.num_profiles(); ++k) best = std::max<Scalar>(best, total_at(k));
  return best;
}

}  // namespace alliance::detail

template <class Scalar>
struct CharacteristicFunction {
  CoalitionalGame<Scalar> game;      ///< v over all 2^n coalitions, players named as in the game
  CharacteristicKind kind;
  /// gamma only: the coalitions whose v fell back to alpha (no equilibrium
  /// found; see the header). Empty for alpha and beta.
  std::vector<Coalition> gamma_fallback;
};

/// v(S) for one coalition S (0 < S < N handled by the kind; v(empty) = 0,
/// v(N) = max total payoff). `fallback` is set when gamma fell back to alpha.
template <class Scalar>
Scalar coalition_value(const Game<Scalar>& game, Coalition mask, CharacteristicKind kind, bool* fallback = nullptr,
                       const lp::Options& lp_options = {}) {
  using namespace alliance::detail;
  const std::size_t n = game.num_players();
  const Coalition all = Coalition((std::uint64_t(1) << n) - 1);
  if (fallback) *fallback = false;
  if (mask > all) throw InvalidArgument("coalition mask out of range");
  if (mask == 0) return Scalar(0);
  if (mask == all) return max_total_payoff(game);
  if (kind == CharacteristicKind::alpha) return solve_zero_sum<Scalar>(coalition_matrix(game, mask), lp_options).value;
  if (kind == CharacteristicKind::beta) {
    const Mat<Scalar> m = coalition_matrix(game, mask);
    Scalar out = m.col(0).maxCoeff();
    for (Eigen::Index c = 1; c < m.cols(); ++c) out = std::min<Scalar>(out, m.col(c).maxCoeff());
    return out;
  }
  // gamma: S as one player, the outsiders as individuals, groups ordered by
  // smallest member; S's index among them:
  std::vector<std::vector<std::size_t>> groups;
  std::size_t coalition_index = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (mask >> i & 1u) {
      if ((mask & ((Coalition(1) << i) - 1)) == 0) {
        coalition_index = groups.size();
        groups.push_back(members(mask, n));
      }
    } else {
      groups.push_back({i});
    }
  }
  const Game<Scalar> merged = merge_players(game, groups);
  const auto pure = pure_equilibria(merged);
  if (!pure.empty()) {
    Scalar best = pure.front().payoffs[coalition_index];
    for (const auto& eq : pure) best = std::max<Scalar>(best, eq.payoffs[coalition_index]);
    return best;
  }
  if (merged.num_players() == 2) return lemke_howson(merged, 0).payoffs[coalition_index];
  if (fallback) *fallback = true;
  return solve_zero_sum<Scalar>(coalition_matrix(game, mask), lp_options).value;
}

/// The characteristic function of `kind` over all 2^n coalitions (bit i of
/// a mask = player i, as CoalitionalGame). Throws InvalidArgument when the
/// game is too large (check_characteristic_size).
template <class Scalar>
CharacteristicFunction<Scalar> characteristic_function(const Game<Scalar>& game,
                                                       CharacteristicKind kind = CharacteristicKind::alpha,
                                                       const lp::Options& lp_options = {}) {
  check_characteristic_size(game);
  const std::size_t n = game.num_players();
  if (n > CoalitionalGame<Scalar>::max_players) throw InvalidArgument("too many players");
  const std::size_t count = std::size_t(1) << n;
  std::vector<Scalar> values(count);
  std::vector<Coalition> fallback;
  for (std::size_t mask = 0; mask < count; ++mask) {
    check_cancelled();
    bool fell_back = false;
    values[mask] = coalition_value(game, Coalition(mask), kind, &fell_back, lp_options);
    if (fell_back) fallback.push_back(Coalition(mask));
  }
  return CharacteristicFunction<Scalar>{CoalitionalGame<Scalar>(n, std::move(values), game.players()), kind,
                                        std::move(fallback)};
}

}  // namespace entente
