// Every Nash equilibrium of a bimatrix game, exactly: the extreme equilibria
// by lexicographic reverse search (Gambit's enummixed, lrsnash) and the
// maximal Nash subsets they form. The game is the 3x2 example of von Stengel,
// "Equilibrium computation for two-player games in strategic and extensive
// form", Algorithmic Game Theory (2007), Ch. 3, with three equilibria.
#include <entente/entente.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace {

std::string show(const std::vector<entente::Rational>& p) {
  std::string out = "(";
  for (std::size_t k = 0; k < p.size(); ++k) out += (k ? ", " : "") + p[k].get_str();
  return out + ")";
}

}  // namespace

int main() {
  using entente::Rational;
  entente::Mat<Rational> a(3, 2), b(3, 2);
  a << 3, 3, 2, 5, 0, 6;
  b << 3, 2, 2, 6, 3, 1;
  auto game = entente::bimatrix_game<Rational>(a, b);

  auto result = entente::enumerate_extreme_equilibria(game);
  std::cout << "status: " << entente::to_string(result.status) << "\n";
  for (const auto& eq : result.equilibria)
    std::cout << "x = " << show(eq.profile[0]) << "  y = " << show(eq.profile[1]) << "  payoffs " << eq.payoffs[0]
              << ", " << eq.payoffs[1] << "  regret " << eq.regret << "\n";
  auto subsets = entente::maximal_nash_subsets(result);
  std::cout << result.equilibria.size() << " extreme equilibria in " << subsets.size() << " maximal Nash subsets\n";

  // The published answer: (1,0,0; 1,0), (4/5,1/5,0; 2/3,1/3), (0,1/3,2/3; 1/3,2/3).
  const std::vector<std::vector<std::vector<Rational>>> expected = {
      {{1, 0, 0}, {1, 0}},
      {{Rational(4, 5), Rational(1, 5), 0}, {Rational(2, 3), Rational(1, 3)}},
      {{0, Rational(1, 3), Rational(2, 3)}, {Rational(1, 3), Rational(2, 3)}}};
  bool ok = result.status == entente::EnumerationStatus::complete && result.equilibria.size() == expected.size();
  for (const auto& want : expected) {
    bool found = false;
    for (const auto& eq : result.equilibria)
      found = found || (eq.profile[0] == want[0] && eq.profile[1] == want[1] && eq.regret == 0);
    ok = ok && found;
  }
  std::cout << (ok ? "matches the published equilibria" : "MISMATCH") << "\n";
  return ok ? 0 : 1;
}
