// Equilibrium selection: which of the equilibria a method found a result
// reports. One rule, recorded in every result, applied here and nowhere
// else, so that the CLI, reports, sweeps, bloc games and Python all show the
// same equilibrium of the same game.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "entente/error.hpp"
#include "entente/game/equilibrium.hpp"
#include "entente/scalar.hpp"
#include "entente/solvers/logit.hpp"

namespace entente {

/// The rule, as written on the command line and in Python:
///   all          every equilibrium found, in the method's order;
///   first        the first of them;
///   welfare      the largest total payoff (sum over players);
///   best-for:A   the largest payoff of player A (by label), then welfare;
///   logit        the limiting logit equilibrium: the end of the principal
///                branch of logit quantal response equilibria as lambda
///                grows (McKelvey & Palfrey, GEB 10, 1995; Turocy, GEB 51,
///                2005), i.e. the found equilibrium nearest to it, or the
///                endpoint itself in floating point when none is near.
/// Ties go to the earlier equilibrium in the method's order, so a rule
/// picks the same equilibrium every time.
///
/// Defaults (docs/python.md, README's methods table): solve() and `entente
/// solve` report `all`; everything that shows one equilibrium per game (a
/// scenario report's headline, the stance grid, sweeps, thresholds, bloc
/// games) uses `welfare` (Selection::single()). With the default method
/// that is, for two-player constant-sum games, the LP's equilibrium (all
/// have the same payoffs); for other two-player games the best-welfare
/// extreme equilibrium; for more players the best-welfare pure equilibrium,
/// or simpdiv's mixed one when there is no pure equilibrium.
struct Selection {
  enum class Rule { all, first, welfare, best_for, logit };
  Rule rule = Rule::all;
  std::string actor;  ///< best_for: the player's label

  static Selection all() { return {}; }
  static Selection first() { return {Rule::first, {}}; }
  static Selection welfare() { return {Rule::welfare, {}}; }
  static Selection best_for(std::string actor) { return {Rule::best_for, std::move(actor)}; }
  static Selection logit() { return {Rule::logit, {}}; }
  /// The rule for one equilibrium per game when the caller names none.
  static Selection single() { return welfare(); }

  /// Keeps a single equilibrium (every rule but `all`).
  bool picks_one() const { return rule != Rule::all; }

  /// "all", "first", "welfare", "best-for:China", "logit"; InvalidArgument
  /// that lists the rules otherwise.
  static Selection parse(std::string_view text) {
    if (text == "all") return all();
    if (text == "first") return first();
    if (text == "welfare") return welfare();
    if (text == "logit") return logit();
    constexpr std::string_view prefix = "best-for:";
    if (text.substr(0, prefix.size()) == prefix && text.size() > prefix.size())
      return best_for(std::string(text.substr(prefix.size())));
    throw InvalidArgument("unknown selection '" + std::string(text) +
                          "' (expected all, first, welfare, best-for:ACTOR or logit)");
  }

  bool operator==(const Selection&) const = default;
};

inline std::string to_string(const Selection& s) {
  switch (s.rule) {
    case Selection::Rule::all: return "all";
    case Selection::Rule::first: return "first";
    case Selection::Rule::welfare: return "welfare";
    case Selection::Rule::best_for: return "best-for:" + s.actor;
    case Selection::Rule::logit: return "logit";
  }
  return "unknown";
}

/// What a rule picks, in words, for reports: "the largest total payoff".
inline std::string explain(const Selection& s) {
  switch (s.rule) {
    case Selection::Rule::all: return "every equilibrium found";
    case Selection::Rule::first: return "the first equilibrium the method found";
    case Selection::Rule::welfare: return "the largest total payoff";
    case Selection::Rule::best_for: return "the largest payoff of " + s.actor + ", then the largest total";
    case Selection::Rule::logit: return "the equilibrium nearest the limiting logit equilibrium";
  }
  return "unknown";
}

namespace detail {

/// The player called `actor`; InvalidArgument naming the players otherwise.
/// G: any game type with players() (Game, CompactGame).
template <class G>
std::size_t selection_player(const G& game, const std::string& actor) {
  const auto& names = game.players();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == actor) return i;
  std::string known;
  for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
  throw InvalidArgument("selection best-for:" + actor + ": no player of that name (players: " + known + ")");
}

/// Index of the largest key, the first on ties.
template <class Key>
std::size_t first_largest(const std::vector<Key>& keys) {
  std::size_t best = 0;
  for (std::size_t k = 1; k < keys.size(); ++k)
    if (keys[best] < keys[k]) best = k;
  return best;
}

template <class Scalar>
Scalar welfare_of(const Equilibrium<Scalar>& eq) {
  Scalar total(0);
  for (const auto& u : eq.payoffs) total += u;
  return total;
}

/// Largest difference of one probability between two profiles.
template <class Scalar>
double profile_distance(const MixedProfile<Scalar>& p, const MixedProfile<double>& q) {
  double d = 0.0;
  for (std::size_t i = 0; i < q.strategies.size(); ++i)
    for (std::size_t s = 0; s < q[i].size(); ++s) d = std::max(d, std::abs(to_double(p[i][s]) - q[i][s]));
  return d;
}

/// Within this distance of the logit endpoint a found equilibrium is the
/// limiting logit equilibrium (the endpoint is only accurate to about the
/// branch's tolerance).
inline constexpr double kLogitMatch = 1e-4;

}  // namespace detail

/// Applies `selection` to `found` (a method's equilibria, in its order):
/// all of them, or the one the rule picks (ties to the earlier one; logit:
/// the found equilibrium within kLogitMatch of the limiting logit
/// equilibrium, else that endpoint when certified). G: Game or CompactGame,
/// whose strategy values give the logit branch. Throws InvalidArgument for
/// a best-for actor the game does not have, whether or not anything was
/// found.
template <class G, class Scalar = typename G::scalar_type>
std::vector<Equilibrium<Scalar>> select_equilibria(const G& game, std::vector<Equilibrium<Scalar>> found,
                                                   const Selection& selection) {
  using Rule = Selection::Rule;
  std::size_t actor = 0;
  if (selection.rule == Rule::best_for) actor = detail::selection_player(game, selection.actor);
  if (selection.rule == Rule::all) return found;
  if (selection.rule == Rule::logit) {
    // The endpoint is computed in floating point in any case; an exact
    // result keeps the found equilibrium it converges to.
    const auto floating = game.template cast<double>();
    Equilibrium<double> end = entente::logit(floating).equilibrium;
    if (!found.empty()) {
      std::vector<double> closeness;
      for (const auto& eq : found) closeness.push_back(-detail::profile_distance(eq.profile, end.profile));
      const std::size_t nearest = detail::first_largest(closeness);
      if (-closeness[nearest] <= detail::kLogitMatch || is_exact_v<Scalar>) return {std::move(found[nearest])};
    }
    if constexpr (is_exact_v<Scalar>) {
      return {};
    } else {
      if (!(end.regret <= certificate_tolerance(game))) return {};  // never an uncertified answer
      return {std::move(end)};
    }
  }
  if (found.empty()) return found;
  std::size_t pick = 0;
  if (selection.rule == Rule::welfare) {
    std::vector<Scalar> keys;
    for (const auto& eq : found) keys.push_back(detail::welfare_of(eq));
    pick = detail::first_largest(keys);
  } else if (selection.rule == Rule::best_for) {
    std::vector<std::pair<Scalar, Scalar>> keys;
    for (const auto& eq : found) keys.emplace_back(eq.payoffs[actor], detail::welfare_of(eq));
    pick = detail::first_largest(keys);
  }
  return {std::move(found[pick])};
}

}  // namespace entente
