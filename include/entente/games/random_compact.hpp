// Seeded random compact games (game/compact_game.hpp): test inputs for the
// compact layer and its benchmarks at 10 to 30 actors, where no dense
// generator can go. Draws follow generators.hpp (mt19937_64 through its
// portable transforms), so a seed gives the same game everywhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "entente/error.hpp"
#include "entente/game/compact_game.hpp"
#include "entente/games/generators.hpp"

namespace entente::games {

struct RandomCompactOptions {
  std::size_t pairwise_per_actor = 2;  ///< pairwise terms per actor: its payoff against another's strategy
  std::size_t conditional = 0;         ///< conditional terms on three actors, paying each of them
  long long lo = -5, hi = 5;           ///< integer amounts in [lo, hi]
};

/// A compact game of this shape: one base term per (actor, strategy), then
/// per actor `pairwise_per_actor` pairwise terms with random partners and
/// strategy subsets, then `conditional` three-actor terms; integer amounts
/// in [lo, hi], so the exact and floating games are the same numbers.
template <class Scalar>
CompactGame<Scalar> random_compact_game(const std::vector<std::size_t>& shape, const RandomCompactOptions& options,
                                        std::uint64_t seed) {
  detail::check_range(options.lo, options.hi);
  std::vector<std::string> players;
  std::vector<std::vector<std::string>> strategies;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    players.push_back("P" + std::to_string(i + 1));
    strategies.emplace_back();
    for (std::size_t s = 0; s < shape[i]; ++s) strategies.back().push_back("s" + std::to_string(s + 1));
  }
  CompactGame<Scalar> game(players, strategies);
  std::mt19937_64 rng(seed);
  const auto n = static_cast<long long>(shape.size());
  auto amount = [&] { return Scalar(static_cast<long>(detail::uniform_int(rng, options.lo, options.hi))); };
  auto subset = [&](std::size_t actor) {  // a non-empty proper subset where possible
    CompactCondition c{actor, std::vector<char>(shape[actor], 0)};
    c.allowed[static_cast<std::size_t>(detail::uniform_int(rng, 0, static_cast<long long>(shape[actor]) - 1))] = 1;
    for (std::size_t s = 0; s + 1 < shape[actor]; ++s)
      if (detail::uniform01(rng) < 0.3) c.allowed[s] = 1;
    return c;
  };
  auto other = [&](std::size_t actor) {
    auto j = static_cast<std::size_t>(detail::uniform_int(rng, 0, n - 2));
    return j >= actor ? j + 1 : j;
  };
  for (std::size_t i = 0; i < shape.size(); ++i)
    for (std::size_t s = 0; s < shape[i]; ++s) {
      CompactCondition c{i, std::vector<char>(shape[i], 0)};
      c.allowed[s] = 1;
      game.add_term({{c}, {{i, amount()}}});
    }
  if (n >= 2)
    for (std::size_t i = 0; i < shape.size(); ++i)
      for (std::size_t k = 0; k < options.pairwise_per_actor; ++k)
        game.add_term({{subset(i), subset(other(i))}, {{i, amount()}}});
  if (n >= 3)
    for (std::size_t k = 0; k < options.conditional; ++k) {
      const auto a = static_cast<std::size_t>(detail::uniform_int(rng, 0, n - 1));
      const std::size_t b = other(a);
      std::size_t c = other(a);
      while (c == b) c = other(a);
      game.add_term({{subset(a), subset(b), subset(c)}, {{a, amount()}, {b, amount()}, {c, amount()}}});
    }
  return game;
}

}  // namespace entente::games
