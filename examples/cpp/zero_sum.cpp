// A two-player zero-sum game built in code, solved by linear programming
// twice: exactly (GLPK's rational simplex, answers as fractions) and in
// floating point. The two must agree; the exact certificate is exactly 0.
#include <entente/entente.hpp>

#include <cmath>
#include <iostream>

int main() {
  // China (rows) against the United States (columns) over influence in Seoul:
  // China's gain is the US's loss.
  entente::Mat<entente::Rational> a(2, 2);
  a << 3, -1,   // Court Seoul:   +3 if the US stays passive, -1 if it reassures Seoul
      -2, 1;    // Press Pyongyang: -2 if the US stays passive, +1 if it reassures Seoul
  auto game = entente::zero_sum_game<entente::Rational>(a);
  game.set_player(0, "China");
  game.set_player(1, "USA");
  game.set_strategy(0, 0, "Court Seoul");
  game.set_strategy(0, 1, "Press Pyongyang");
  game.set_strategy(1, 0, "Stay passive");
  game.set_strategy(1, 1, "Reassure Seoul");

  auto exact = entente::solve_zero_sum(game);
  std::cout << "value for China: " << exact.value << "\n";
  for (std::size_t s = 0; s < 2; ++s)
    std::cout << "  China  " << game.strategies(0)[s] << ": " << exact.row[s] << "\n";
  for (std::size_t s = 0; s < 2; ++s)
    std::cout << "  USA    " << game.strategies(1)[s] << ": " << exact.column[s] << "\n";
  std::cout << "regret certificate: " << exact.equilibrium.regret << "\n";

  // The same game in double precision.
  entente::Mat<double> a_double = a.unaryExpr([](const entente::Rational& x) { return x.get_d(); });
  auto floating = entente::solve_zero_sum(a_double);
  std::cout << "floating value: " << floating.value << " (regret " << floating.equilibrium.regret << ")\n";

  // The closed form for a 2x2 game without a saddle point: (ad - bc) / (a + d - b - c) = 1/7.
  const bool agree = exact.value == entente::Rational(1, 7) && exact.row[0] == entente::Rational(3, 7) &&
                     exact.column[0] == entente::Rational(2, 7) && exact.equilibrium.regret == 0 &&
                     std::abs(floating.value - 1.0 / 7) < 1e-12;
  std::cout << (agree ? "exact and floating agree with the closed form" : "MISMATCH") << "\n";
  return agree ? 0 : 1;
}
