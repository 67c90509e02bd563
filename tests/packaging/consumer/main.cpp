// Solves rock-paper-scissors exactly through an installed entente.
#include <entente/entente.hpp>

#include <iostream>

int main() {
  entente::Mat<entente::Rational> a(3, 3);
  a << 0, -1, 1, 1, 0, -1, -1, 1, 0;
  auto solution = entente::solve_zero_sum(a);
  std::cout << "value " << solution.value << " row " << solution.row[0] << "\n";
  return solution.value == 0 && solution.row[0] == entente::Rational(1, 3) ? 0 : 1;
}
