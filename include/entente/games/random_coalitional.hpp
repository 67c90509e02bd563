// Seeded random characteristic functions in the value distributions of the
// coalition structure generation literature, the test inputs and benchmark
// of coop/coalition_structure.hpp. Draws follow generators.hpp (mt19937_64
// through its portable transforms), so a seed gives the same game everywhere.
//
//  - uniform: v(C) = |C| * U(0, 1), and normal: v(C) = |C| * N(1, 0.1^2)
//    (values scaled by the coalition's size; T. Rahwan, S. D. Ramchurn,
//    N. R. Jennings, A. Giovannucci, JAIR 34 (2009) 521-567);
//  - ndcs ("normally distributed coalition structures", introduced in the
//    same paper): v(C) ~ N(|C|, |C|), mean and variance the coalition's
//    size, so every subspace of structures has the same mean value.
#pragma once

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "entente/coop/coalitional_game.hpp"
#include "entente/error.hpp"
#include "entente/games/generators.hpp"
#include "entente/scalar.hpp"

namespace entente::games {

enum class CoalitionValueDistribution { uniform, normal, ndcs };

inline std::string to_string(CoalitionValueDistribution d) {
  switch (d) {
    case CoalitionValueDistribution::uniform: return "uniform";
    case CoalitionValueDistribution::normal: return "normal";
    case CoalitionValueDistribution::ndcs: return "ndcs";
  }
  return "unknown";
}

/// A game of n players (1..25) whose 2^n - 1 values are drawn from
/// `distribution` with std::mt19937_64(seed), in increasing order of the
/// coalition masks. The Rational game holds exactly the doubles drawn, so
/// the exact and the floating game of a seed are the same numbers.
template <class Scalar>
CoalitionalGame<Scalar> random_coalitional_game(std::size_t n, CoalitionValueDistribution distribution,
                                                std::uint64_t seed) {
  if (n == 0 || n > 25)
    throw InvalidArgument("random_coalitional_game: 1 to 25 players, got " + std::to_string(n));
  std::mt19937_64 rng(seed);
  const std::size_t size = std::size_t(1) << n;
  std::vector<Scalar> values(size, Scalar(0));
  for (std::size_t c = 1; c < size; ++c) {
    const double members = double(std::popcount(c));
    double x = 0;
    switch (distribution) {
      case CoalitionValueDistribution::uniform: x = members * detail::uniform01(rng); break;
      case CoalitionValueDistribution::normal: x = members * (1.0 + 0.1 * detail::standard_normal(rng)); break;
      case CoalitionValueDistribution::ndcs: x = members + std::sqrt(members) * detail::standard_normal(rng); break;
    }
    if constexpr (is_exact_v<Scalar>) values[c] = Rational(x);
    else values[c] = x;
  }
  return CoalitionalGame<Scalar>(n, std::move(values));
}

}  // namespace entente::games
