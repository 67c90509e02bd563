// CompactGame<Scalar>: an N-player game whose payoffs are a sum of terms
// (per-actor, pairwise, and conditional on several actors' strategies),
// kept as terms rather than as a payoff tensor. A scenario's payoffs have
// this form (scenario/scenario.hpp), so games of 15 to 30 actors, whose
// tensors would not fit in memory, stay small: every quantity below costs
// time linear in the terms.
//
// A term fires at the pure profiles where each actor it names plays one of
// its allowed strategies (actors it does not name play anything) and adds
// its amounts to its recipients. A pure profile's payoff to an actor is the
// sum, in term order, of the amounts of the terms that fire there; that is
// the dense scenario compile's order, so to_dense() gives the same game bit
// for bit.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "entente/error.hpp"
#include "entente/game/equilibrium.hpp"
#include "entente/game/game.hpp"
#include "entente/game/profile.hpp"
#include "entente/scalar.hpp"

namespace entente {

/// The strategies of one actor that satisfy a term's condition:
/// allowed[s] != 0 for each of them.
struct CompactCondition {
  std::size_t actor = 0;
  std::vector<char> allowed;
};

/// One term: fires where every condition holds and pays each recipient its
/// amount there.
template <class Scalar>
struct CompactTerm {
  std::vector<CompactCondition> when;                     ///< at most one per actor; empty: always
  std::vector<std::pair<std::size_t, Scalar>> payoffs;    ///< (recipient, amount)
};

template <class Scalar>
class CompactGame {
 public:
  using scalar_type = Scalar;

  /// No terms (every payoff 0), with these labels (which fix the shape).
  CompactGame(std::vector<std::string> players, std::vector<std::vector<std::string>> strategies)
      : players_(std::move(players)), strategies_(std::move(strategies)) {
    if (players_.empty()) throw InvalidArgument("a game needs at least one player");
    if (players_.size() != strategies_.size())
      throw InvalidArgument("got " + std::to_string(players_.size()) + " player names but " +
                            std::to_string(strategies_.size()) + " strategy lists");
    for (const auto& list : strategies_) {
      if (list.empty()) throw InvalidArgument("every player needs at least one strategy");
      shape_.push_back(list.size());
    }
    by_recipient_.resize(players_.size());
    neighbours_.resize(players_.size());
  }

  std::size_t num_players() const { return shape_.size(); }
  const std::vector<std::size_t>& shape() const { return shape_; }
  std::size_t num_strategies(std::size_t player) const { return shape_.at(player); }
  const std::string& title() const { return title_; }
  void set_title(std::string title) { title_ = std::move(title); }
  const std::vector<std::string>& players() const { return players_; }
  const std::vector<std::vector<std::string>>& strategies() const { return strategies_; }
  const std::vector<std::string>& strategies(std::size_t player) const { return strategies_.at(player); }
  const std::vector<CompactTerm<Scalar>>& terms() const { return terms_; }

  /// Adds a term; throws InvalidArgument for an actor out of range, an
  /// actor conditioned twice, a condition of the wrong length or allowing
  /// nothing, or (double) an amount that is not finite.
  void add_term(CompactTerm<Scalar> term) {
    const std::string at = "term " + std::to_string(terms_.size());
    std::sort(term.when.begin(), term.when.end(), [](const auto& a, const auto& b) { return a.actor < b.actor; });
    for (std::size_t k = 0; k < term.when.size(); ++k) {
      const auto& c = term.when[k];
      check_actor(c.actor, at);
      if (k > 0 && term.when[k - 1].actor == c.actor)
        throw InvalidArgument(at + ": actor " + std::to_string(c.actor) + " is conditioned twice");
      if (c.allowed.size() != shape_[c.actor])
        throw InvalidArgument(at + ": the condition on actor " + std::to_string(c.actor) + " has " +
                              std::to_string(c.allowed.size()) + " entries, the actor " +
                              std::to_string(shape_[c.actor]) + " strategies");
      if (std::none_of(c.allowed.begin(), c.allowed.end(), [](char x) { return x != 0; }))
        throw InvalidArgument(at + ": the condition on actor " + std::to_string(c.actor) + " allows no strategy");
    }
    for (const auto& [recipient, amount] : term.payoffs) {
      check_actor(recipient, at);
      if constexpr (!is_exact_v<Scalar>)
        if (!std::isfinite(amount)) throw InvalidArgument(at + ": an amount is not finite");
    }
    const std::size_t t = terms_.size();
    for (std::size_t k = 0; k < term.payoffs.size(); ++k) {
      const std::size_t r = term.payoffs[k].first;
      by_recipient_[r].push_back({t, k});
      for (const auto& c : term.when)
        if (c.actor != r && std::find(neighbours_[r].begin(), neighbours_[r].end(), c.actor) == neighbours_[r].end())
          neighbours_[r].insert(std::upper_bound(neighbours_[r].begin(), neighbours_[r].end(), c.actor), c.actor);
    }
    terms_.push_back(std::move(term));
  }

  /// The actors whose strategies can change `player`'s payoff (its
  /// neighbours in the interaction graph), sorted.
  const std::vector<std::size_t>& neighbours(std::size_t player) const { return neighbours_.at(player); }

  /// True when every term is a base or pairwise one: it names at most two
  /// actors and, naming two, pays only those two. The game is then
  /// polymatrix (each payoff a sum of two-player games).
  bool is_polymatrix() const {
    for (const auto& t : terms_) {
      if (t.when.size() > 2) return false;
      if (t.when.size() == 2)
        for (const auto& [r, amount] : t.payoffs)
          if (r != t.when[0].actor && r != t.when[1].actor) return false;
    }
    return true;
  }

  /// Number of pure profiles, or InvalidArgument when it would not fit a
  /// dense Game (checked_profile_count).
  std::size_t dense_profile_count() const { return checked_profile_count(shape_); }

  /// `player`'s payoff at a pure profile: the sum of its terms that fire
  /// there, in term order.
  Scalar payoff(std::size_t player, std::span<const std::size_t> profile) const {
    check_pure(profile);
    check_actor(player, "payoff");
    Scalar sum(0);
    for (const auto& [t, k] : by_recipient_[player])
      if (fires(terms_[t], profile)) sum += terms_[t].payoffs[k].second;
    return sum;
  }

  /// Every player's payoff at a pure profile.
  std::vector<Scalar> payoffs(std::span<const std::size_t> profile) const {
    std::vector<Scalar> out;
    for (std::size_t i = 0; i < num_players(); ++i) out.push_back(payoff(i, profile));
    return out;
  }

  /// v[s] = `player`'s payoff from strategy s when the others play the
  /// pure profile (player's own entry ignored). Cost: player's terms.
  std::vector<Scalar> pure_strategy_values(std::span<const std::size_t> profile, std::size_t player) const {
    check_pure(profile);
    check_actor(player, "pure_strategy_values");
    std::vector<Scalar> v(shape_[player], Scalar(0));
    for (const auto& [t, k] : by_recipient_[player]) {
      const auto& term = terms_[t];
      const CompactCondition* own = nullptr;
      bool others = true;
      for (const auto& c : term.when) {
        if (c.actor == player) own = &c;
        else if (!c.allowed[profile[c.actor]]) others = false;
      }
      if (!others) continue;
      const Scalar& amount = term.payoffs[k].second;
      for (std::size_t s = 0; s < v.size(); ++s)
        if (!own || own->allowed[s]) v[s] += amount;
    }
    return v;
  }

  /// v[s] = `player`'s expected payoff from strategy s when the others play
  /// `profile`: each term's amount times the probability that the others
  /// meet its conditions. Cost: player's terms times their conditions.
  std::vector<Scalar> strategy_values(const MixedProfile<Scalar>& profile, std::size_t player) const {
    check_mixed(profile);
    check_actor(player, "strategy_values");
    return strategy_values_unchecked(profile, player);
  }

  /// The dense game, where it fits (InvalidArgument otherwise): the same
  /// payoffs, summed in the same order.
  Game<Scalar> to_dense() const {
    Game<Scalar> game(players_, strategies_);
    game.set_title(title_);
    std::vector<std::size_t> profile(num_players(), 0);
    for (std::size_t flat = 0; flat < game.num_profiles(); ++flat) {
      for (std::size_t i = 0; i < num_players(); ++i) {
        Scalar sum(0);
        for (const auto& [t, k] : by_recipient_[i])
          if (fires(terms_[t], profile)) sum += terms_[t].payoffs[k].second;
        game.payoffs(i)[flat] = std::move(sum);
      }
      for (std::size_t i = num_players(); i-- > 0;) {
        if (++profile[i] < shape_[i]) break;
        profile[i] = 0;
      }
    }
    return game;
  }

  /// The same game in another scalar (double <-> Rational).
  template <class To>
  CompactGame<To> cast() const {
    CompactGame<To> out(players_, strategies_);
    out.set_title(title_);
    for (const auto& t : terms_) {
      CompactTerm<To> c{t.when, {}};
      for (const auto& [r, amount] : t.payoffs) c.payoffs.emplace_back(r, scalar_cast<To>(amount));
      out.add_term(std::move(c));
    }
    return out;
  }

  /// Largest payoff magnitude any profile can reach, bounded by the sum of
  /// each player's absolute amounts (the scale of certificate tolerances).
  double payoff_scale() const {
    double scale = 0.0;
    for (std::size_t i = 0; i < num_players(); ++i) {
      double sum = 0.0;
      for (const auto& [t, k] : by_recipient_[i]) sum += std::abs(to_double(terms_[t].payoffs[k].second));
      scale = std::max(scale, sum);
    }
    return scale;
  }

  /// InvalidArgument unless `profile` is one probability vector per player
  /// of the right sizes.
  void check_mixed(const MixedProfile<Scalar>& profile) const {
    if (profile.num_players() != num_players())
      throw InvalidArgument("profile has " + std::to_string(profile.num_players()) + " players, game has " +
                            std::to_string(num_players()));
    for (std::size_t i = 0; i < num_players(); ++i) {
      if (profile[i].size() != shape_[i])
        throw InvalidArgument("player " + std::to_string(i) + " has " + std::to_string(shape_[i]) +
                              " strategies, profile gives " + std::to_string(profile[i].size()));
      Scalar sum(0);
      for (const auto& x : profile[i]) {
        if (!(x >= -ScalarTraits<Scalar>::eps()))
          throw InvalidArgument("player " + std::to_string(i) + " has a negative probability");
        sum += x;
      }
      Scalar gap = sum - 1;
      if (gap < 0) gap = -gap;
      if (!(gap <= ScalarTraits<Scalar>::eps() * Scalar(static_cast<long>(shape_[i]))))
        throw InvalidArgument("player " + std::to_string(i) + "'s probabilities sum to " + to_string(sum) +
                              ", not 1");
    }
  }

  /// strategy_values for a profile already checked.
  std::vector<Scalar> strategy_values_unchecked(const MixedProfile<Scalar>& profile, std::size_t player) const {
    std::vector<Scalar> v(shape_[player], Scalar(0));
    Scalar weight, mass;
    for (const auto& [t, k] : by_recipient_[player]) {
      const auto& term = terms_[t];
      const CompactCondition* own = nullptr;
      weight = Scalar(1);
      for (const auto& c : term.when) {
        if (c.actor == player) {
          own = &c;
          continue;
        }
        mass = Scalar(0);
        for (std::size_t s = 0; s < c.allowed.size(); ++s)
          if (c.allowed[s]) mass += profile[c.actor][s];
        weight *= mass;
        if (weight == 0) break;
      }
      if (weight == 0) continue;
      weight *= term.payoffs[k].second;
      for (std::size_t s = 0; s < v.size(); ++s)
        if (!own || own->allowed[s]) v[s] += weight;
    }
    return v;
  }

 private:
  static bool fires(const CompactTerm<Scalar>& term, std::span<const std::size_t> profile) {
    for (const auto& c : term.when)
      if (!c.allowed[profile[c.actor]]) return false;
    return true;
  }

  void check_actor(std::size_t actor, const std::string& at) const {
    if (actor >= num_players())
      throw InvalidArgument(at + ": actor " + std::to_string(actor) + " out of range (" +
                            std::to_string(num_players()) + " players)");
  }

  void check_pure(std::span<const std::size_t> profile) const {
    if (profile.size() != num_players())
      throw InvalidArgument("a profile needs " + std::to_string(num_players()) + " strategies, got " +
                            std::to_string(profile.size()));
    for (std::size_t i = 0; i < profile.size(); ++i)
      if (profile[i] >= shape_[i])
        throw InvalidArgument("strategy " + std::to_string(profile[i]) + " out of range for player " +
                              std::to_string(i) + " (" + std::to_string(shape_[i]) + " strategies)");
  }

  std::string title_;
  std::vector<std::string> players_;
  std::vector<std::vector<std::string>> strategies_;
  std::vector<std::size_t> shape_;
  std::vector<CompactTerm<Scalar>> terms_;
  /// Per player, its (term, payoff entry) pairs in term order.
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> by_recipient_;
  std::vector<std::vector<std::size_t>> neighbours_;
};

// The certificate functions of profile.hpp / equilibrium.hpp, for compact
// games: the same names, so code written for both game types reads alike.

template <class Scalar>
std::vector<Scalar> strategy_values(const CompactGame<Scalar>& game, const MixedProfile<Scalar>& profile,
                                    std::size_t player) {
  return game.strategy_values(profile, player);
}

/// Each player's expected payoff under `profile`.
template <class Scalar>
std::vector<Scalar> expected_payoffs(const CompactGame<Scalar>& game, const MixedProfile<Scalar>& profile) {
  game.check_mixed(profile);
  std::vector<Scalar> out;
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    const auto v = game.strategy_values_unchecked(profile, i);
    Scalar total(0);
    for (std::size_t s = 0; s < v.size(); ++s) total += profile[i][s] * v[s];
    out.push_back(std::move(total));
  }
  return out;
}

/// `player`'s pure best responses to the others (ties within eps for double).
template <class Scalar>
std::vector<std::size_t> best_responses(const CompactGame<Scalar>& game, const MixedProfile<Scalar>& profile,
                                        std::size_t player) {
  const auto v = game.strategy_values(profile, player);
  const Scalar best = *std::max_element(v.begin(), v.end());
  std::vector<std::size_t> out;
  for (std::size_t s = 0; s < v.size(); ++s)
    if (best - v[s] <= ScalarTraits<Scalar>::eps()) out.push_back(s);
  return out;
}

/// `player`'s gain from its best pure deviation; never negative.
template <class Scalar>
Scalar player_regret(const CompactGame<Scalar>& game, const MixedProfile<Scalar>& profile, std::size_t player) {
  const auto v = game.strategy_values(profile, player);
  Scalar current(0);
  for (std::size_t s = 0; s < v.size(); ++s) current += profile[player][s] * v[s];
  Scalar gain = *std::max_element(v.begin(), v.end()) - current;
  return gain < 0 ? Scalar(0) : gain;
}

/// Attaches payoffs and the regret certificate (the largest gain of a
/// unilateral deviation) to a profile of a compact game.
template <class Scalar>
Equilibrium<Scalar> certify(const CompactGame<Scalar>& game, MixedProfile<Scalar> profile) {
  game.check_mixed(profile);
  std::vector<Scalar> payoffs;
  Scalar worst(0);
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    const auto v = game.strategy_values_unchecked(profile, i);
    Scalar current(0);
    for (std::size_t s = 0; s < v.size(); ++s) current += profile[i][s] * v[s];
    Scalar gain = *std::max_element(v.begin(), v.end()) - current;
    if (gain < 0) gain = Scalar(0);
    worst = std::max(worst, gain);
    payoffs.push_back(std::move(current));
  }
  return Equilibrium<Scalar>{std::move(profile), std::move(payoffs), std::move(worst)};
}

/// The largest gain any player gets by deviating: 0 exactly at a Nash
/// equilibrium.
template <class Scalar>
Scalar regret(const CompactGame<Scalar>& game, const MixedProfile<Scalar>& profile) {
  return certify(game, profile).regret;
}

/// The pure profile as a mixed one (each player's strategy with probability 1).
template <class Scalar>
MixedProfile<Scalar> pure_profile(const CompactGame<Scalar>& game, std::span<const std::size_t> profile) {
  MixedProfile<Scalar> p;
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    p.strategies.emplace_back(game.num_strategies(i), Scalar(0));
    p.strategies.back().at(profile[i]) = Scalar(1);
  }
  return p;
}

/// The largest regret a floating result may carry and still count as an
/// equilibrium (as certificate_tolerance for dense games): 1e-7 times the
/// payoff scale; 0 for Rational.
template <class Scalar>
Scalar certificate_tolerance(const CompactGame<Scalar>& game) {
  if constexpr (is_exact_v<Scalar>)
    return Scalar(0);
  else
    return 1e-7 * game.payoff_scale();
}

}  // namespace entente
