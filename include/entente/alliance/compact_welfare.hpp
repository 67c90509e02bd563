// The welfare-maximising bloc structure of a compact game: coalition
// structure generation (coop/coalition_structure.hpp, dp or Rahwan et al.'s
// ip) over the compact characteristic function (compact_characteristic.hpp).
//
// That function values a coalition that may not act as one bloc (past the
// cap on members or joint strategies) at its best split into allowed
// coalitions, so the best structure of allowed blocs is worth as much as the
// best structure of all. The search runs over structures of allowed blocs
// only: every other coalition gets a value below that of any such structure
// (the all-singletons one among them), so none is chosen, and ip prunes
// every subspace with a part past the cap at once (on the best-split values
// themselves countless structures tie with the bound and ip's search
// explodes: minutes at 16 actors instead of a fraction of a second). The
// report carries, as its certificate, the structure's value recomputed as
// the sum of v over its blocs.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "entente/alliance/characteristic_function.hpp"
#include "entente/alliance/compact_characteristic.hpp"
#include "entente/coop/coalition_structure.hpp"
#include "entente/error.hpp"

namespace entente {

template <class Scalar>
struct WelfareStructure {
  /// The search's answer: its structure (every bloc allowed), value, upper
  /// bound (no structure is worth more), status (optimal = proven),
  /// algorithm and counters.
  CoalitionStructure<Scalar> search;
  std::vector<Scalar> bloc_values;  ///< v of each bloc of search.structure, in bloc order
  Scalar certificate{};             ///< sum of bloc_values, recomputed from v
};

/// The welfare-maximising structure of `game` under the caps, from `v`, its
/// compact_characteristic_function for the same caps (see the header).
/// InvalidArgument as optimal_coalition_structure (more than 25 actors, a
/// time limit that is not positive).
template <class Scalar>
WelfareStructure<Scalar> welfare_maximising_structure(const CompactGame<Scalar>& game,
                                                      const CharacteristicFunction<Scalar>& v,
                                                      std::size_t max_bloc_size, std::size_t max_joint_strategies,
                                                      const CoalitionStructureOptions& options = {}) {
  const auto& values = v.game.values();
  const auto allowed = [&](Coalition c) { return bloc_allowed(game, c, max_bloc_size, max_joint_strategies); };
  // Below any structure of allowed blocs: a structure with such a bloc is
  // worth at most penalty + sum |v| < -sum |v| <= the singletons' value.
  Scalar magnitude(0);
  for (Coalition c = 1; c < values.size(); ++c)
    if (allowed(c)) magnitude += values[c] < Scalar(0) ? -values[c] : values[c];
  const Scalar penalty = -(Scalar(1) + Scalar(2) * magnitude);
  std::vector<Scalar> restricted(values);
  for (Coalition c = 1; c < values.size(); ++c)
    if (!allowed(c)) restricted[c] = penalty;
  WelfareStructure<Scalar> out;
  out.search = optimal_coalition_structure(CoalitionalGame<Scalar>(v.game.n(), std::move(restricted), v.game.players()),
                                           options);
  for (Coalition c : out.search.structure.masks()) {
    if (!allowed(c)) throw SolverError("welfare structure: the search returned a bloc past the cap");
    out.bloc_values.push_back(values[c]);
  }
  out.certificate = structure_value(v.game, out.search.structure);
  return out;
}

}  // namespace entente
