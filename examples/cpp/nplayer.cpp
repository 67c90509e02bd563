// A three-player game: its pure Nash equilibria, and a correlated
// equilibrium that does better for everyone. The game is Aumann's
// three-player example ("Subjectivity and correlation in randomized
// strategies", J. Math. Econ. 1 (1974), Sec. 2): Row picks T/B, Column
// L/R, Matrix picks A/B/C. No pure equilibrium gives anyone more than 1;
// a correlating device that sends (T, L, B) or (B, R, B) gives each 2.
#include <entente/entente.hpp>

#include <iostream>

int main() {
  using entente::Rational;
  entente::Game<Rational> game({"Row", "Column", "Matrix"}, {{"T", "B"}, {"L", "R"}, {"A", "B", "C"}});
  // payoffs[matrix][row][column] = (Row, Column, Matrix)
  const int payoffs[3][2][2][3] = {
      {{{0, 0, 3}, {0, 0, 0}}, {{1, 0, 0}, {0, 0, 0}}},  // A
      {{{2, 2, 2}, {0, 0, 0}}, {{0, 0, 0}, {2, 2, 2}}},  // B
      {{{0, 0, 0}, {0, 0, 0}}, {{0, 1, 0}, {0, 0, 3}}},  // C
  };
  for (std::size_t m = 0; m < 3; ++m)
    for (std::size_t r = 0; r < 2; ++r)
      for (std::size_t c = 0; c < 2; ++c)
        for (std::size_t p = 0; p < 3; ++p) game.payoff(p, {r, c, m}) = payoffs[m][r][c][p];

  auto pure = entente::pure_equilibria(game);
  std::cout << pure.size() << " pure equilibria\n";
  Rational best_pure_welfare = -1;
  for (const auto& eq : pure) {
    std::cout << " ";
    for (std::size_t p = 0; p < 3; ++p) std::cout << " " << game.strategies(p)[eq.profile[p]];
    std::cout << "  payoffs " << eq.payoffs[0] << ", " << eq.payoffs[1] << ", " << eq.payoffs[2] << "\n";
    const Rational welfare = eq.payoffs[0] + eq.payoffs[1] + eq.payoffs[2];
    if (welfare > best_pure_welfare) best_pure_welfare = welfare;
  }

  // The correlated equilibrium of largest welfare, by one exact LP.
  auto ce = entente::correlated_equilibrium(game);
  std::cout << "correlated equilibrium (max welfare " << ce.objective << ", certificate " << ce.regret << "):\n";
  for (const auto& atom : ce.distribution) {
    std::cout << "  " << atom.probability << " :";
    for (std::size_t p = 0; p < 3; ++p) std::cout << " " << game.strategies(p)[atom.profile[p]];
    std::cout << "\n";
  }
  std::cout << "payoffs " << ce.payoffs[0] << ", " << ce.payoffs[1] << ", " << ce.payoffs[2] << "\n";

  const bool ok = pure.size() == 4 && best_pure_welfare == 1 && ce.status == entente::lp::Status::optimal &&
                  ce.objective == 6 && ce.regret == 0 && ce.payoffs == std::vector<Rational>{2, 2, 2};
  std::cout << (ok ? "correlation beats every pure equilibrium" : "MISMATCH") << "\n";
  return ok ? 0 : 1;
}
