// Private to the Python module: entente.CoalitionalGame's C++ side, shared
// by bind_coop.cpp (which defines the class) and the files whose functions
// take one (bind_coalition_structure.cpp).
#pragma once

#include <utility>
#include <vector>

#include "common.hpp"
#include "entente/coop/coalitional_game.hpp"

namespace entente::python {

/// The exact game and its floating twin (values are nearest_double of the
/// exact ones), like PyGame.
struct PyCoalitionalGame {
  CoalitionalGame<Rational> exact;
  CoalitionalGame<double> floating;

  explicit PyCoalitionalGame(CoalitionalGame<Rational> game)
      : exact(std::move(game)), floating(floating_twin(exact)) {}

  static CoalitionalGame<double> floating_twin(const CoalitionalGame<Rational>& g) {
    std::vector<double> values;
    values.reserve(g.values().size());
    for (const auto& q : g.values()) values.push_back(nearest_double(q));
    return CoalitionalGame<double>(g.n(), std::move(values), g.players());
  }
};

}  // namespace entente::python
