// Every pure Nash equilibrium of a compact game, by backtracking over the
// interaction graph with propagation, never enumerating the profile space.
//
// Sources: Gottlob, Greco & Scarcello, "Pure Nash equilibria: hard and easy
// games", JAIR 24 (2005) 357-406 (pure equilibria of graphical games as a
// constraint satisfaction problem: one constraint per player, over the
// player and its neighbours, "my strategy is a best response to theirs");
// Kearns, Littman & Singh, "Graphical models for game theory", UAI 2001
// (the interaction graph).
//
// The search assigns actors one at a time, in an order that keeps each new
// actor connected to those already assigned (so constraints close early).
// After each assignment every assigned player whose constraint involves the
// new actor is checked with a bound: for each deviation t, the smallest
// gain t can still have over the player's strategy, whatever the
// unassigned actors play (a term whose condition is not yet decided
// contributes its least favourable share, 0 or its amount). A deviation
// whose least gain is positive rules the partial profile out. Once a
// player's neighbours are all assigned the bound is its exact gain, so
// every complete profile that survives is an equilibrium; no equilibrium
// is ever pruned, so a search that ends is complete.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <limits>
#include <vector>

#include "entente/cancel.hpp"
#include "entente/error.hpp"
#include "entente/game/compact_game.hpp"
#include "entente/status.hpp"

namespace entente {

struct CompactPureOptions {
  /// Wall-clock seconds (> 0; infinity for none). When it runs out the
  /// status is time_limit and the list holds the equilibria found so far.
  double time_limit_seconds = kNoTimeLimit;
  /// Stop after this many equilibria (status iteration_limit): a game with
  /// few terms may have astronomically many.
  std::size_t max_equilibria = 100'000;
};

template <class Scalar>
struct CompactPureResult {
  /// The equilibria in C order of their profiles (as pure_nash lists a
  /// dense game's), each certified (regret 0 up to the tie tolerance).
  std::vector<Equilibrium<Scalar>> equilibria;
  /// complete: the list holds every pure equilibrium; time_limit or
  /// iteration_limit (max_equilibria reached): it may not.
  Status status = Status::complete;
  std::size_t nodes = 0;  ///< partial profiles visited
};

namespace detail::compact {

/// The backtracking search; one object per call.
template <class Scalar>
class PureSearch {
 public:
  PureSearch(const CompactGame<Scalar>& game, const CompactPureOptions& options)
      : game_(game), options_(options), n_(game.num_players()), profile_(n_, 0), assigned_(n_, 0), affects_(n_) {
    if constexpr (!is_exact_v<Scalar>) tie_ = ScalarTraits<double>::eps() * std::min(1.0, game.payoff_scale());
    by_recipient_.resize(n_);
    for (std::size_t t = 0; t < game.terms().size(); ++t)
      for (std::size_t k = 0; k < game.terms()[t].payoffs.size(); ++k)
        by_recipient_[game.terms()[t].payoffs[k].first].push_back({t, k});
    for (std::size_t i = 0; i < n_; ++i)
      for (std::size_t j : game.neighbours(i)) affects_[j].push_back(i);
    order_ = search_order();
  }

  CompactPureResult<Scalar> run() {
    start_ = std::chrono::steady_clock::now();
    try {
      descend(0);
    } catch (const Stop&) {
    }
    std::sort(found_.begin(), found_.end());
    CompactPureResult<Scalar> out;
    out.status = status_;
    out.nodes = nodes_;
    for (const auto& p : found_) out.equilibria.push_back(certify(game_, pure_profile(game_, p)));
    return out;
  }

 private:
  struct Stop {};

  /// Greedy: the actor with the most neighbours first, then repeatedly the
  /// one most connected to those already placed (ties: lower index).
  std::vector<std::size_t> search_order() const {
    std::vector<std::vector<std::size_t>> adjacent(n_);
    for (std::size_t i = 0; i < n_; ++i)
      for (std::size_t j : game_.neighbours(i)) adjacent[i].push_back(j), adjacent[j].push_back(i);
    std::vector<std::size_t> order, links(n_, 0);
    std::vector<char> placed(n_, 0);
    for (std::size_t step = 0; step < n_; ++step) {
      std::size_t best = n_;
      for (std::size_t i = 0; i < n_; ++i) {
        if (placed[i]) continue;
        if (best == n_ || links[i] > links[best] ||
            (links[i] == links[best] && adjacent[i].size() > adjacent[best].size()))
          best = i;
      }
      placed[best] = 1;
      order.push_back(best);
      for (std::size_t j : adjacent[best]) ++links[j];
    }
    return order;
  }

  void descend(std::size_t depth) {
    if (++nodes_ % 1024 == 0) {
      check_cancelled();
      const std::chrono::duration<double> spent = std::chrono::steady_clock::now() - start_;
      if (spent.count() > options_.time_limit_seconds) {
        status_ = Status::time_limit;
        throw Stop{};
      }
    }
    if (depth == n_) {
      found_.push_back(profile_);
      if (found_.size() >= options_.max_equilibria) {
        status_ = Status::iteration_limit;
        throw Stop{};
      }
      return;
    }
    const std::size_t a = order_[depth];
    assigned_[a] = 1;
    for (std::size_t s = 0; s < game_.num_strategies(a); ++s) {
      profile_[a] = s;
      if (!consistent(a)) continue;
      descend(depth + 1);
    }
    assigned_[a] = 0;
  }

  /// False when some assigned player whose payoff depends on `a` (or `a`
  /// itself) has a deviation that gains whatever the unassigned play.
  bool consistent(std::size_t a) const {
    if (!surely_best(a)) return false;
    for (std::size_t i : affects_[a])
      if (assigned_[i] && !surely_best(i)) return false;
    return true;
  }

  /// True unless a deviation of `player` gains for every completion.
  bool surely_best(std::size_t player) const {
    const std::size_t current = profile_[player];
    for (std::size_t t = 0; t < game_.num_strategies(player); ++t) {
      if (t == current) continue;
      Scalar least(0);
      for (const auto& [term_index, k] : by_recipient_[player]) {
        const auto& term = game_.terms()[term_index];
        bool own_t = true, own_current = true, open = false, off = false;
        for (const auto& c : term.when) {
          if (c.actor == player) {
            own_t = c.allowed[t] != 0;
            own_current = c.allowed[current] != 0;
          } else if (!assigned_[c.actor]) {
            open = true;
          } else if (!c.allowed[profile_[c.actor]]) {
            off = true;
            break;
          }
        }
        if (off || own_t == own_current) continue;
        const Scalar& amount = term.payoffs[k].second;
        // The gain's share: +amount (t fires, current does not) or -amount.
        const bool gains = own_t;
        if (!open)
          gains ? least += amount : least -= amount;
        else if (gains ? amount < 0 : amount > 0)
          gains ? least += amount : least -= amount;  // the least favourable completion fires it
      }
      if (least > tie_) return false;
    }
    return true;
  }

  const CompactGame<Scalar>& game_;
  CompactPureOptions options_;
  std::size_t n_;
  std::vector<std::size_t> profile_;
  std::vector<char> assigned_;
  std::vector<std::vector<std::size_t>> affects_;  ///< per actor, the players whose payoff it can change
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> by_recipient_;
  std::vector<std::size_t> order_;
  Scalar tie_{0};
  std::vector<std::vector<std::size_t>> found_;
  Status status_ = Status::complete;
  std::size_t nodes_ = 0;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace detail::compact

/// Every pure Nash equilibrium of `game` (detail above), with a status that
/// says whether the list is complete. Throws InvalidArgument for a bad time
/// limit or max_equilibria of 0.
///
///     auto run = entente::compact_pure_equilibria(scenario.compact_game(), {.time_limit_seconds = 5});
///     if (run.status == entente::Status::complete) ...   // run.equilibria is every one
template <class Scalar>
CompactPureResult<Scalar> compact_pure_equilibria(const CompactGame<Scalar>& game,
                                                  const CompactPureOptions& options = {}) {
  check_time_limit(options.time_limit_seconds, "compact_pure_equilibria");
  if (options.max_equilibria == 0) throw InvalidArgument("compact_pure_equilibria: max_equilibria must be positive");
  return detail::compact::PureSearch<Scalar>(game, options).run();
}

}  // namespace entente
