// A game built in code, not read from a file: China chooses how to lean
// while the United States chooses between engaging and containing it
// (docs/cpp.md walks through it). Solved exactly by entente::solve with the
// default options (method auto, every equilibrium); each equilibrium is
// printed with its regret certificate.
#include <entente/entente.hpp>

#include <iostream>
#include <vector>

int main() {
  using entente::Rational;
  entente::Game<Rational> game({"China", "USA"},
                               {{"Hedge", "Tilt to Russia", "Court Seoul"}, {"Engage", "Contain"}});

  // payoffs[row][column] = (China, USA). Hedging is safe either way; tilting
  // to Russia pays only against containment, courting Seoul only against
  // engagement; Washington prefers to engage unless China tilts.
  const int payoffs[3][2][2] = {
      {{2, 1}, {1, 0}},   // Hedge
      {{0, -1}, {3, 2}},  // Tilt to Russia
      {{3, 2}, {-1, 0}},  // Court Seoul
  };
  for (std::size_t r = 0; r < 3; ++r)
    for (std::size_t c = 0; c < 2; ++c)
      for (std::size_t p = 0; p < 2; ++p) game.payoff(p, {r, c}) = payoffs[r][c][p];

  const auto result = entente::solve(game);  // {.method = entente::Method::automatic}
  const auto& equilibria = result.equilibria;
  std::cout << equilibria.size() << " equilibria by " << entente::to_string(result.method) << " ("
            << entente::to_string(result.status) << ")\n";
  for (const auto& eq : equilibria) {
    for (std::size_t p = 0; p < game.num_players(); ++p) {
      std::cout << "  " << game.players()[p] << ":";
      for (std::size_t s = 0; s < eq.profile[p].size(); ++s)
        if (eq.profile[p][s] != 0) std::cout << " " << game.strategies(p)[s] << " " << eq.profile[p][s];
      std::cout << "  (payoff " << eq.payoffs[p] << ")\n";
    }
    std::cout << "  regret " << eq.regret << "\n";
  }

  // Worked by hand: the two pure equilibria, and China mixing Hedge 3/4 with
  // Tilt 1/4 against an even US mix (payoffs 3/2 and 1/2).
  const std::vector<Rational> china{Rational(3, 4), Rational(1, 4), 0}, usa{Rational(1, 2), Rational(1, 2)};
  const std::vector<Rational> mixed_payoffs{Rational(3, 2), Rational(1, 2)};
  bool found_mixed = false;
  bool certified = true;
  for (const auto& eq : equilibria) {
    certified = certified && eq.regret == 0;
    found_mixed = found_mixed || (eq.profile[0] == china && eq.profile[1] == usa && eq.payoffs == mixed_payoffs);
  }
  const bool ok = result.status == entente::Status::complete && equilibria.size() == 3 && found_mixed && certified;
  std::cout << (ok ? "the three equilibria worked by hand, each certified" : "MISMATCH") << "\n";
  return ok ? 0 : 1;
}
