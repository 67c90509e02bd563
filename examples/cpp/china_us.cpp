// The README's C++ example: read a game, solve it exactly, print the answer.
#include <entente/entente.hpp>

#include <iostream>

int main(int argc, char** argv) {
  const char* path = argc > 1 ? argv[1] : "examples/games/china_us_zero_sum.nfg";
  entente::Game<entente::Rational> game = entente::io::read_nfg(path);
  auto solution = entente::solve_zero_sum(game);
  std::cout << "value for " << game.players()[0] << ": " << solution.value << "\n";
  for (std::size_t s = 0; s < solution.row.size(); ++s)
    std::cout << "  " << game.strategies(0)[s] << ": " << solution.row[s] << "\n";
  std::cout << "regret certificate: " << solution.equilibrium.regret << "\n";
}
