// Seeded, reproducible game generators: the GAMUT / QuantEcon family.
//
// Sources: Nudelman, Wortman, Shoham & Leyton-Brown, "Run the GAMUT: a
// comprehensive approach to evaluating game-theoretic algorithms", AAMAS
// 2004 (and the GAMUT generator descriptions); QuantEcon.py
// `quantecon.game_theory.game_generators` (random_game, covariance_game,
// ...); Rinott & Scarsini, "On the number of pure strategy Nash equilibria
// in random games", Games Econ. Behav. 33 (2000) 274-293 (covariant games);
// Shapley, "Some topics in two-person games", Advances in Game Theory,
// Ann. Math. Studies 52 (1964) (Shapley's game).
//
// Reproducibility: every randomised generator takes a `std::uint64_t seed`
// and draws from std::mt19937_64 (whose output the C++ standard fixes), but
// through the transforms below rather than std::uniform_int_distribution /
// std::normal_distribution (whose algorithms are implementation-defined).
// So the same seed gives the same game with any standard library (normal
// draws go through std::log/std::cos/std::sqrt, which are correctly rounded
// on glibc; other libms may differ in the last bit).
//
// Payoff tensors are filled player by player, each in C order (the last
// player's strategy fastest), as Game stores them.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numbers>
#include <random>
#include <string>
#include <vector>

#include "entente/error.hpp"
#include "entente/game/game.hpp"
#include "entente/game/profile.hpp"
#include "entente/scalar.hpp"

namespace entente::games {

namespace detail {

/// The engine every generator and randomised learning rule uses.
using Engine = std::mt19937_64;

/// Uniform on [0, 1) with 53 random bits: (x >> 11) * 2^-53.
inline double uniform01(Engine& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

/// Uniform integer in [lo, hi] without modulo bias (rejection of the lowest
/// 2^64 mod r raw values; Lemire, "Fast random integer generation in an
/// interval", ACM TOMACS 29(1), 2019, Sec. 2).
inline long long uniform_int(Engine& rng, long long lo, long long hi) {
  const std::uint64_t r = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo) + 1;
  if (r == 0) return static_cast<long long>(rng());  // the full 64-bit range
  const std::uint64_t threshold = (0 - r) % r;     // 2^64 mod r
  std::uint64_t x;
  do x = rng();
  while (x < threshold);
  return static_cast<long long>(static_cast<std::uint64_t>(lo) + x % r);
}

/// Standard normal by the Box-Muller transform (Box & Muller, Ann. Math.
/// Statist. 29 (1958) 610-611); one draw per two uniforms.
inline double standard_normal(Engine& rng) {
  const double u1 = 1.0 - uniform01(rng);  // in (0, 1], so the log is finite
  const double u2 = uniform01(rng);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

/// Index drawn from the probabilities `p` (non-negative, summing to ~1);
/// falls back to the last positive entry against rounding.
inline std::size_t sample_index(Engine& rng, const std::vector<double>& p) {
  double u = uniform01(rng), acc = 0;
  std::size_t last = 0;
  for (std::size_t k = 0; k < p.size(); ++k) {
    if (p[k] <= 0) continue;
    last = k;
    acc += p[k];
    if (u < acc) return k;
  }
  return last;
}

inline void check_range(long long lo, long long hi) {
  if (lo > hi)
    throw InvalidArgument("payoff range is empty: lo = " + std::to_string(lo) + " > hi = " + std::to_string(hi));
}

}  // namespace detail

/// A game of the given shape with independent integer payoffs uniform on
/// [lo, hi] (GAMUT RandomGame with integer payoffs; QuantEcon random_game).
/// Integer payoffs make it exact in Rational. Throws InvalidArgument when
/// lo > hi or the shape is invalid (Game's constructor checks sizes).
template <class Scalar>
Game<Scalar> random_game(std::vector<std::size_t> shape, long long lo, long long hi, std::uint64_t seed) {
  detail::check_range(lo, hi);
  Game<Scalar> game(std::move(shape));
  detail::Engine rng(seed);
  for (std::size_t i = 0; i < game.num_players(); ++i)
    for (auto& x : game.payoffs(i)) x = scalar_cast<Scalar>(detail::uniform_int(rng, lo, hi));
  game.set_title("random game (seed " + std::to_string(seed) + ")");
  return game;
}

/// A game with independent payoffs uniform on [lo, hi) (default [0, 1), as
/// QuantEcon random_game), drawn as lo + (hi - lo) u with u uniform on
/// [0, 1). Throws InvalidArgument unless lo < hi, both finite.
inline Game<double> random_real_game(std::vector<std::size_t> shape, std::uint64_t seed, double lo = 0.0,
                                     double hi = 1.0) {
  if (!std::isfinite(lo) || !std::isfinite(hi) || !(lo < hi) || !std::isfinite(hi - lo))
    throw InvalidArgument("payoff range [" + to_string(lo) + ", " + to_string(hi) +
                          ") must be finite and non-empty");
  Game<double> game(std::move(shape));
  detail::Engine rng(seed);
  const double width = hi - lo;
  for (std::size_t i = 0; i < game.num_players(); ++i)
    for (auto& x : game.payoffs(i)) x = lo + width * detail::uniform01(rng);
  game.set_title("random real game (seed " + std::to_string(seed) + ")");
  return game;
}

/// Rinott & Scarsini's covariant game (GAMUT CovariantGame; QuantEcon
/// covariance_game): at every pure profile the payoff vector (u_1, ..., u_N)
/// is multivariate normal with mean 0, variance 1 and correlation `rho`
/// between any two players, independently across profiles. rho = 1 gives a
/// common-interest game, rho = -1 (two players) a zero-sum game.
/// Needs N >= 2 and -1/(N-1) <= rho <= 1 (the covariance matrix
/// (1-rho) I + rho J is then positive semidefinite); otherwise InvalidArgument.
/// Drawn as u_i = sqrt(1-rho) (z_i - zbar) + sqrt(1+(N-1)rho) zbar with
/// z ~ N(0, I): the two terms are the eigen-projections of the covariance.
inline Game<double> covariant_game(std::vector<std::size_t> shape, double rho, std::uint64_t seed) {
  const std::size_t n = shape.size();
  if (n < 2) throw InvalidArgument("a covariant game needs at least two players");
  const double lower = -1.0 / static_cast<double>(n - 1);
  if (!(rho >= lower - 1e-12 && rho <= 1.0))
    throw InvalidArgument("covariant game: rho must lie in [" + to_string(lower) + ", 1], got " + to_string(rho));
  Game<double> game(std::move(shape));
  detail::Engine rng(seed);
  const double a = std::sqrt(std::max(0.0, 1.0 - rho));
  const double b = std::sqrt(std::max(0.0, 1.0 + static_cast<double>(n - 1) * rho));
  std::vector<double> z(n);
  for (std::size_t k = 0; k < game.num_profiles(); ++k) {
    double mean = 0;
    for (auto& x : z) mean += (x = detail::standard_normal(rng));
    mean /= static_cast<double>(n);
    for (std::size_t i = 0; i < n; ++i) game.payoffs(i)[k] = a * (z[i] - mean) + b * mean;
  }
  game.set_title("covariant game rho=" + to_string(rho) + " (seed " + std::to_string(seed) + ")");
  return game;
}

/// The two-player n x n pure coordination game A = B = I_n: both get 1 when
/// they pick the same strategy, 0 otherwise. Its pure equilibria are the n
/// diagonal profiles (plus the mixed ones, uniform over any common support).
template <class Scalar>
Game<Scalar> coordination_game(std::size_t n) {
  Game<Scalar> game({n, n});
  for (std::size_t s = 0; s < n; ++s) game.payoff(0, {s, s}) = game.payoff(1, {s, s}) = Scalar(1);
  game.set_title("coordination game " + std::to_string(n) + "x" + std::to_string(n));
  return game;
}

/// A dispersion game (Grenager, Powers & Shoham, "Dispersion games", AAAI
/// 2002; GAMUT DispersionGame, its simplest form): `players` players each
/// pick one of `strategies` locations; a player gets 1 when no other player
/// picked its location and 0 otherwise. When players <= strategies the pure
/// equilibria are exactly the profiles where everyone is alone ("maximal
/// dispersion"); it is an exact potential game (a congestion game).
template <class Scalar>
Game<Scalar> dispersion_game(std::size_t players, std::size_t strategies) {
  Game<Scalar> game(std::vector<std::size_t>(players, strategies));
  for (std::size_t k = 0; k < game.num_profiles(); ++k) {
    const auto a = game.profile_at(k);
    for (std::size_t i = 0; i < players; ++i) {
      bool alone = true;
      for (std::size_t j = 0; j < players; ++j)
        if (j != i && a[j] == a[i]) alone = false;
      game.payoffs(i)[k] = Scalar(alone ? 1 : 0);
    }
  }
  game.set_title("dispersion game");
  return game;
}

/// Shapley's 3x3 game (Shapley 1964): A = I_3 (the row player wants to
/// match), B[r][c] = 1 when c = r + 1 mod 3 (the column player wants to be
/// one ahead). Its unique equilibrium is uniform for both players, and
/// fictitious play does not converge to it: play cycles
/// (0,0) -> (0,1) -> (1,1) -> (1,2) -> (2,2) -> (2,0) -> (0,0) with runs
/// growing geometrically. (Fudenberg & Levine, "The Theory of Learning in
/// Games", 1998, Sec. 2.7.)
template <class Scalar>
Game<Scalar> shapley_game() {
  Game<Scalar> game({3, 3});
  for (std::size_t r = 0; r < 3; ++r) {
    game.payoff(0, {r, r}) = Scalar(1);
    game.payoff(1, {r, (r + 1) % 3}) = Scalar(1);
  }
  game.set_title("Shapley's game");
  return game;
}

/// A random m x n two-player zero-sum game (A, -A), A with integer entries
/// uniform on [lo, hi].
template <class Scalar>
Game<Scalar> random_zero_sum(std::size_t m, std::size_t n, long long lo, long long hi, std::uint64_t seed) {
  detail::check_range(lo, hi);
  Game<Scalar> game({m, n});
  detail::Engine rng(seed);
  auto a = game.payoffs(0);
  auto b = game.payoffs(1);
  for (std::size_t k = 0; k < a.size(); ++k) {
    a[k] = scalar_cast<Scalar>(detail::uniform_int(rng, lo, hi));
    b[k] = -a[k];
  }
  game.set_title("random zero-sum game (seed " + std::to_string(seed) + ")");
  return game;
}

/// A two-player n x n zero-sum game with a known unique, fully mixed
/// equilibrium: weighted matching pennies, A = diag(1, 2, ..., n), B = -A.
/// The row player's maxmin strategy maximises min_j (j+1) x_j, which forces
/// (j+1) x_j equal for all j; the column player's minmax strategy likewise
/// equalises (i+1) y_i. So x = y with x_j = (1/(j+1)) / H_n (H_n the n-th
/// harmonic number) is the unique equilibrium (for zero-sum games the
/// equilibria are exactly the pairs of optimal strategies; von Neumann
/// 1928), value 1/H_n. n = 2 is a matching-pennies variant. n >= 1.
template <class Scalar>
Game<Scalar> unique_mixed_equilibrium_game(std::size_t n) {
  Game<Scalar> game({n, n});
  for (std::size_t s = 0; s < n; ++s) {
    game.payoff(0, {s, s}) = Scalar(static_cast<long>(s + 1));
    game.payoff(1, {s, s}) = -Scalar(static_cast<long>(s + 1));
  }
  game.set_title("weighted matching pennies " + std::to_string(n) + "x" + std::to_string(n));
  return game;
}

/// The unique equilibrium of unique_mixed_equilibrium_game(n): both players
/// play j with probability (1/(j+1)) / H_n. Exact for Rational.
template <class Scalar>
MixedProfile<Scalar> unique_mixed_equilibrium(std::size_t n) {
  if (n == 0) throw InvalidArgument("every player needs at least one strategy");
  Scalar harmonic(0);
  for (std::size_t j = 0; j < n; ++j) harmonic += Scalar(1) / Scalar(static_cast<long>(j + 1));
  std::vector<Scalar> x(n);
  for (std::size_t j = 0; j < n; ++j) x[j] = Scalar(1) / (Scalar(static_cast<long>(j + 1)) * harmonic);
  return MixedProfile<Scalar>({x, x});
}

/// Generalised rock-paper-scissors for odd n >= 3 (the cyclic regular
/// tournament game): A[i][j] = 1 when (j - i) mod n lies in 1..(n-1)/2
/// (i beats the (n-1)/2 strategies after it), -1 when it lies in
/// (n+1)/2..n-1, 0 on the diagonal; B = -A. The uniform profile is its
/// unique equilibrium (a regular tournament's game has a unique optimal
/// strategy: Fisher & Ryan, "Optimal strategies for a generalized 'scissors,
/// paper, and stone' game", Amer. Math. Monthly 99 (1992) 935-942).
/// Throws InvalidArgument for even n or n < 3.
template <class Scalar>
Game<Scalar> rock_paper_scissors_game(std::size_t n = 3) {
  if (n < 3 || n % 2 == 0)
    throw InvalidArgument("generalised rock-paper-scissors needs an odd n >= 3, got " + std::to_string(n));
  Game<Scalar> game({n, n});
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      const std::size_t d = (j + n - i) % n;
      const long v = d == 0 ? 0 : (d <= (n - 1) / 2 ? 1 : -1);
      game.payoff(0, {i, j}) = Scalar(v);
      game.payoff(1, {i, j}) = Scalar(-v);
    }
  game.set_title("rock-paper-scissors " + std::to_string(n));
  return game;
}

}  // namespace entente::games
