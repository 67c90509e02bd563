// Coalition structure generation (docs/coalition-structures.md): the bloc
// structure of largest total value, exactly, by the IP algorithm and by
// dynamic programming. Exits 1 unless both find the structure worked by
// hand (tests/cpp/test_coalition_structure.cpp lists all 15 structures).
#include <cstdio>
#include <vector>

#include "entente/coop/coalition_structure.hpp"

int main() {
  using namespace entente;
  // v[mask]: bit i is set when player i is in the coalition.
  const std::vector<Rational> v{0, 1, 1, 3, 2, 2, 1, 4, 0, 1, 1, 3, 3, 3, 3, 5};
  const CoalitionalGame<Rational> game(4, v, {"US", "Japan", "China", "Russia"});
  bool ok = true;
  for (auto algorithm : {CoalitionStructureAlgorithm::ip, CoalitionStructureAlgorithm::dp}) {
    CoalitionStructureOptions options;
    options.algorithm = algorithm;
    const auto r = optimal_coalition_structure(game, options);
    std::printf("%s: %s worth %s, no structure worth more than %s (%s)\n", to_string(algorithm).c_str(),
                r.structure.to_string(game.players()).c_str(), to_string(r.value).c_str(),
                to_string(r.upper_bound).c_str(), to_string(r.status).c_str());
    ok = ok && r.value == 6 && r.structure == Partition::from_blocs(4, {{0, 1}, {2, 3}});
  }
  std::printf(ok ? "both find the structure worked by hand\n" : "MISMATCH: not the structure worked by hand\n");
  return ok ? 0 : 1;
}
