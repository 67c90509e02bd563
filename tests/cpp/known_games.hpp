// A catalogue of bimatrix games with known equilibria, for any solver's
// tests (in the spirit of HiGHS's check/SpecialLps.h). Each entry lists
// EVERY extreme equilibrium exactly; a game with a continuum of equilibria
// (finite == false) has them as the convex hulls of products of these
// points (its maximal Nash subsets), so a solver that returns vertex pairs
// (Lemke-Howson, vertex enumeration) must land on one of `extreme`, and any
// solver's answer must have regret 0.
//
// Every list was checked by hand (regret 0, supports, indifference) and
// against lrslib 7.1's lrsnash; test_lemke_howson.cpp re-checks the lists
// against lrsnash whenever it is installed, so a wrong entry fails there.
// Numbers are text ("p/q") so that each test picks its scalar.
#pragma once

#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "entente/game/game.hpp"
#include "entente/game/profile.hpp"
#include "entente/scalar.hpp"

namespace entente::testing {

/// One equilibrium: the row player's x and the column player's y.
struct KnownEquilibrium {
  std::vector<std::string> x, y;
};

struct KnownGame {
  std::string name;
  std::string source;  ///< where it comes from, or why it is here
  std::size_t rows = 0, cols = 0;
  std::vector<std::string> a, b;           ///< payoffs, row-major (rows x cols)
  std::vector<KnownEquilibrium> extreme;   ///< every extreme equilibrium
  bool degenerate = false;                 ///< some mixed strategy has more best responses than its support size
  bool finite = true;                      ///< false: a continuum of equilibria
};

inline const std::vector<KnownGame>& known_games() {
  static const std::vector<KnownGame> games{
      {"prisoners_dilemma",
       "C/D with T=5 > R=3 > P=1 > S=0; D strictly dominates, so (D, D) is the only equilibrium",
       2, 2, {"3", "0", "5", "1"}, {"3", "5", "0", "1"},
       {{{"0", "1"}, {"0", "1"}}}},
      {"matching_pennies", "zero-sum, no pure equilibrium, unique mixed (1/2, 1/2)",
       2, 2, {"1", "-1", "-1", "1"}, {"-1", "1", "1", "-1"},
       {{{"1/2", "1/2"}, {"1/2", "1/2"}}}},
      {"battle_of_the_sexes",
       "two pure equilibria and the mixed one: x makes 2 x1 = 3 x2, y makes 3 y1 = 2 y2",
       2, 2, {"3", "0", "0", "2"}, {"2", "0", "0", "3"},
       {{{"1", "0"}, {"1", "0"}}, {{"0", "1"}, {"0", "1"}}, {{"3/5", "2/5"}, {"2/5", "3/5"}}}},
      {"rock_paper_scissors", "zero-sum, unique equilibrium uniform (1/3 each)",
       3, 3, {"0", "-1", "1", "1", "0", "-1", "-1", "1", "0"}, {"0", "1", "-1", "-1", "0", "1", "1", "-1", "0"},
       {{{"1/3", "1/3", "1/3"}, {"1/3", "1/3", "1/3"}}}},
      {"coordination_3x3",
       "A = B = identity: nondegenerate, one equilibrium per nonempty support S (uniform on S), 7 in all",
       3, 3, {"1", "0", "0", "0", "1", "0", "0", "0", "1"}, {"1", "0", "0", "0", "1", "0", "0", "0", "1"},
       {{{"1", "0", "0"}, {"1", "0", "0"}},
        {{"0", "1", "0"}, {"0", "1", "0"}},
        {{"0", "0", "1"}, {"0", "0", "1"}},
        {{"1/2", "1/2", "0"}, {"1/2", "1/2", "0"}},
        {{"1/2", "0", "1/2"}, {"1/2", "0", "1/2"}},
        {{"0", "1/2", "1/2"}, {"0", "1/2", "1/2"}},
        {{"1/3", "1/3", "1/3"}, {"1/3", "1/3", "1/3"}}}},
      {"von_stengel_3x2",
       "von Stengel, 'Computing equilibria for two-person games', Handbook of Game Theory vol. 3 (2002), "
       "ch. 45, the 3x2 example of Sec. 2; nondegenerate, three equilibria",
       3, 2, {"3", "3", "2", "5", "0", "6"}, {"3", "2", "2", "6", "3", "1"},
       {{{"1", "0", "0"}, {"1", "0"}},
        {{"0", "1/3", "2/3"}, {"1/3", "2/3"}},
        {{"4/5", "1/5", "0"}, {"2/3", "1/3"}}}},
      {"von_stengel_3x2_degenerate",
       "von_stengel_3x2 with B's first row made (3, 3): the pure x = (1,0,0) has two best responses, and "
       "((1,0,0), y) is an equilibrium for y from (1,0) to (2/3,1/3)",
       3, 2, {"3", "3", "2", "5", "0", "6"}, {"3", "3", "2", "6", "3", "1"},
       {{{"1", "0", "0"}, {"1", "0"}},
        {{"1", "0", "0"}, {"2/3", "1/3"}},
        {{"0", "1/3", "2/3"}, {"1/3", "2/3"}}},
       true, false},
      {"entry_deterrence",
       "Selten's chain-store stage game, rows Out/In, columns Fight/Accommodate: (In, Accommodate) and the "
       "continuum (Out, y) with y_Fight >= 1/2",
       2, 2, {"0", "0", "-1", "1"}, {"2", "2", "-1", "1"},
       {{{"1", "0"}, {"1", "0"}}, {{"1", "0"}, {"1/2", "1/2"}}, {{"0", "1"}, {"0", "1"}}},
       true, false},
      {"all_zero_2x3", "all payoffs zero: every profile is an equilibrium; the extreme ones are the pure pairs",
       2, 3, {"0", "0", "0", "0", "0", "0"}, {"0", "0", "0", "0", "0", "0"},
       {{{"1", "0"}, {"1", "0", "0"}},
        {{"1", "0"}, {"0", "1", "0"}},
        {{"1", "0"}, {"0", "0", "1"}},
        {{"0", "1"}, {"1", "0", "0"}},
        {{"0", "1"}, {"0", "1", "0"}},
        {{"0", "1"}, {"0", "0", "1"}}},
       true, false},
      {"duplicated_row",
       "battle_of_the_sexes with the second row repeated: each equilibrium using it splits over the copies",
       3, 2, {"3", "0", "0", "2", "0", "2"}, {"2", "0", "0", "3", "0", "3"},
       {{{"1", "0", "0"}, {"1", "0"}},
        {{"0", "1", "0"}, {"0", "1"}},
        {{"0", "0", "1"}, {"0", "1"}},
        {{"3/5", "2/5", "0"}, {"2/5", "3/5"}},
        {{"3/5", "0", "2/5"}, {"2/5", "3/5"}}},
       true, false},
      {"one_by_three", "the row player has one strategy; the column player's payoffs 4, 1, 4 tie twice",
       1, 3, {"1", "3", "2"}, {"4", "1", "4"},
       {{{"1"}, {"1", "0", "0"}}, {{"1"}, {"0", "0", "1"}}},
       true, false},
      {"three_by_one", "the column player has one strategy; the row player's payoffs 2, 5, 5 tie",
       3, 1, {"2", "5", "5"}, {"1", "0", "7"},
       {{{"0", "1", "0"}, {"1"}}, {{"0", "0", "1"}, {"1"}}},
       true, false},
  };
  return games;
}

inline const KnownGame& known_game(std::string_view name) {
  for (const auto& g : known_games())
    if (g.name == name) return g;
  throw std::out_of_range("no known game named " + std::string(name));
}

template <class Scalar>
Game<Scalar> make_game(const KnownGame& known) {
  Game<Scalar> game({known.rows, known.cols});
  game.set_title(known.name);
  for (std::size_t k = 0; k < known.rows * known.cols; ++k) {
    game.payoffs(0)[k] = scalar_cast<Scalar>(parse_rational(known.a.at(k)));
    game.payoffs(1)[k] = scalar_cast<Scalar>(parse_rational(known.b.at(k)));
  }
  return game;
}

template <class Scalar>
MixedProfile<Scalar> make_profile(const KnownEquilibrium& known) {
  MixedProfile<Scalar> profile;
  for (const auto* side : {&known.x, &known.y}) {
    profile.strategies.emplace_back();
    for (const auto& p : *side) profile.strategies.back().push_back(scalar_cast<Scalar>(parse_rational(p)));
  }
  return profile;
}

/// Equal as profiles: exactly for Rational, within `tol` per probability for double.
template <class Scalar>
bool same_profile(const MixedProfile<Scalar>& a, const MixedProfile<Scalar>& b, double tol = 1e-9) {
  if (a.num_players() != b.num_players()) return false;
  for (std::size_t i = 0; i < a.num_players(); ++i) {
    if (a[i].size() != b[i].size()) return false;
    for (std::size_t s = 0; s < a[i].size(); ++s) {
      if constexpr (is_exact_v<Scalar>) {
        if (a[i][s] != b[i][s]) return false;
      } else {
        if (!(std::abs(a[i][s] - b[i][s]) <= tol)) return false;
      }
    }
  }
  return true;
}

/// Index of `profile` in known.extreme, or -1.
template <class Scalar>
int find_extreme(const KnownGame& known, const MixedProfile<Scalar>& profile, double tol = 1e-9) {
  for (std::size_t k = 0; k < known.extreme.size(); ++k)
    if (same_profile(make_profile<Scalar>(known.extreme[k]), profile, tol)) return int(k);
  return -1;
}

}  // namespace entente::testing
