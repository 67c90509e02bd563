// Built with nothing but `g++ main.cpp $(pkg-config --cflags --libs entente)`
// against an installed entente. It reaches both private dependencies of
// libentente, so a missing library in entente.pc fails the link: GLPK
// (the exact zero-sum LP) and muparser (a scenario expression).
#include <entente/entente.hpp>
#include <entente/scenario/scenario.hpp>

#include <iostream>

int main() {
  entente::Mat<entente::Rational> a(2, 2);
  a << 3, -1, -2, 1;
  const auto solution = entente::solve_zero_sum(a);

  const auto scenario = entente::scenario::Scenario::parse(R"({
    "actors": [{"name": "China", "strategies": [{"name": "Hedge"}, {"name": "Court"}]}],
    "parameters": [{"name": "gain", "default": 2, "min": 0, "max": 4}],
    "terms": [{"kind": "base", "actor": "China", "strategy": "Court", "value": "gain^2 / 8"}]})");
  const double court = scenario.game({{"gain", 4.0}}).payoff(0, {1});

  std::cout << "value " << solution.value << ", Court pays " << court << "\n";
  return solution.value == entente::Rational(1, 7) && court == 2.0 ? 0 : 1;
}
