// solve(game, options): the one way in to every solver. The CLI, scenario
// reports, sweeps, bloc games and Python all call it, so one game gives one
// answer through every door: the method table (method.hpp) says what each
// method accepts, the dispatch below runs it, and the selection rule
// (selection.hpp) picks what is reported.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "entente/solvers/continuation.hpp"
#include "entente/solvers/correlated.hpp"
#include "entente/solvers/lemke_howson.hpp"
#include "entente/solvers/logit.hpp"
#include "entente/solvers/method.hpp"
#include "entente/solvers/min_support.hpp"
#include "entente/solvers/pure_nash.hpp"
#include "entente/solvers/selection.hpp"
#include "entente/solvers/simpdiv.hpp"
#include "entente/solvers/support_enumeration.hpp"
#include "entente/solvers/vertex_enumeration.hpp"
#include "entente/solvers/zero_sum.hpp"
#include "entente/status.hpp"

namespace entente {

struct SolveOptions {
  Method method = Method::automatic;
  Selection selection = Selection::all();
  /// Wall-clock seconds for the method (> 0); when it runs out the result's
  /// status is time_limit and it keeps what was certified by then.
  double time_limit_seconds = kNoTimeLimit;
  /// Continuation (floating point only): where the method comes to simpdiv,
  /// first continue this nearby equilibrium (of a slightly different game,
  /// e.g. the previous point of a sweep) by Newton's method on its support
  /// (continue_equilibrium); simpdiv runs only when that fails.
  std::optional<MixedProfile<double>> warm_start;
};

template <class Scalar>
struct SolveResult {
  Method method = Method::automatic;  ///< the method that ran (auto resolved)
  Status status = Status::complete;   ///< complete, converged, optimal, or the limit that stopped it
  /// The selected equilibria (all found, or the one the rule picks), each
  /// with its regret certificate. Empty for ce/cce.
  std::vector<Equilibrium<Scalar>> equilibria;
  /// The distribution of ce / cce (maximum welfare), with its certificate.
  std::optional<CorrelatedResult<Scalar>> correlated;
  Selection selection;     ///< the rule applied
  std::size_t found = 0;   ///< equilibria the method found, before selection
  bool continued = false;  ///< the equilibrium came from warm_start, not simpdiv

  /// The same result in another scalar (an exact one's floating copy).
  template <class To>
  SolveResult<To> cast() const {
    SolveResult<To> out{method, status, {}, std::nullopt, selection, found, continued};
    for (const auto& eq : equilibria) out.equilibria.push_back(eq.template cast<To>());
    if (correlated) out.correlated = correlated->template cast<To>();
    return out;
  }
};

namespace detail {

/// What a method found, before selection.
template <class Scalar>
struct Found {
  Method method;
  Status status = Status::complete;
  std::vector<Equilibrium<Scalar>> equilibria;
  std::optional<CorrelatedResult<Scalar>> correlated;
  bool continued = false;
};

template <class Scalar>
Found<Scalar> run_simpdiv(const Game<Scalar>& game, const SolveOptions& options, Method method) {
  SimpdivOptions<Scalar> simpdiv_options;
  simpdiv_options.time_limit_seconds = options.time_limit_seconds;
  if constexpr (!is_exact_v<Scalar>) {
    if (options.warm_start)
      if (auto eq = continue_equilibrium(game, *options.warm_start, simpdiv_options.tolerance))
        return {method, Status::converged, {std::move(*eq)}, std::nullopt, true};
  }
  auto run = entente::simpdiv(game, simpdiv_options);
  Found<Scalar> out{method, run.status, {}, std::nullopt, false};
  // Only a converged walk is certified (regret at most the tolerance).
  if (run.status == Status::converged) out.equilibria.push_back(std::move(run.equilibrium));
  return out;
}

/// The dispatch: the one place a method name turns into a solver call.
template <class Scalar>
Found<Scalar> run_method(const Game<Scalar>& game, const SolveOptions& options) {
  const Method method = options.method;
  const double limit = options.time_limit_seconds;
  EnumerationOptions enumeration;
  enumeration.time_limit_seconds = limit;
  lp::Options lp_options;
  lp_options.time_limit_seconds = limit;
  switch (method) {
    case Method::automatic: {
      if (game.num_players() == 2) {
        SolveOptions chosen = options;
        chosen.method = game.is_constant_sum() ? Method::lp : Method::enummixed;
        return run_method(game, chosen);
      }
      auto pure = pure_nash(game);
      if (!pure.empty()) return {Method::enumpure, Status::complete, std::move(pure), std::nullopt, false};
      return run_simpdiv(game, options, Method::simpdiv);
    }
    case Method::lp: {
      auto solution = solve_zero_sum(game, lp_options);
      return {method, Status::optimal, {std::move(solution.equilibrium)}, std::nullopt, false};
    }
    case Method::lcp: {
      auto eq = lemke_howson_path(game, 0);
      if (!eq) return {method, Status::pivot_limit, {}, std::nullopt, false};
      return {method, Status::complete, {std::move(*eq)}, std::nullopt, false};
    }
    case Method::enummixed: {
      auto run = enumerate_extreme_equilibria(game, enumeration);
      return {method, run.status, std::move(run.equilibria), std::nullopt, false};
    }
    case Method::enumsupport: {
      auto run = support_enumeration_run(game, enumeration);
      return {method, run.status, std::move(run.equilibria), std::nullopt, false};
    }
    case Method::enumpure: return {method, Status::complete, pure_nash(game), std::nullopt, false};
    case Method::simpdiv: return run_simpdiv(game, options, method);
    case Method::logit: {
      if constexpr (is_exact_v<Scalar>) {
        throw InvalidArgument("method 'logit' works in floating point only (drop --exact / exact=True)");
      } else {
        LogitOptions logit_options;
        logit_options.time_limit_seconds = limit;
        auto run = entente::logit(game, logit_options);
        Found<Scalar> out{method, run.status, {}, std::nullopt, false};
        if (run.status == Status::converged) out.equilibria.push_back(std::move(run.equilibrium));
        return out;
      }
    }
    case Method::minsupport: {
      if constexpr (is_exact_v<Scalar>) {
        throw InvalidArgument("method 'minsupport' works in floating point only (drop --exact / exact=True)");
      } else {
        auto run = min_support_equilibria(game);
        return {method, run.status, std::move(run.equilibria), std::nullopt, false};
      }
    }
    case Method::ce:
    case Method::cce: {
      auto result = correlated_equilibrium(game, CorrelatedObjective<Scalar>::welfare(), method == Method::cce,
                                           lp_options);
      const Status status = result.status;
      return {method, status, {}, std::move(result), false};
    }
    case Method::backward:
      throw InvalidArgument("method 'backward' solves game trees (.efg files, ExtensiveGame), not normal-form games");
  }
  throw InvalidArgument("solve: not a method of the table");
}

}  // namespace detail

/// Solves `game` by options.method (the method table, method.hpp) and
/// applies options.selection to what it finds. Every equilibrium returned
/// carries its regret certificate; a method stopped by a limit says so in
/// `status` and returns only what it had certified. Throws InvalidArgument
/// for a method that does not fit the game (players, exact arithmetic,
/// lp on a game that is not constant-sum) or a selection naming no player.
///
///     auto result = entente::solve(game, {.method = entente::Method::enummixed,
///                                         .selection = entente::Selection::welfare()});
template <class Scalar>
SolveResult<Scalar> solve(const Game<Scalar>& game, const SolveOptions& options = {}) {
  const MethodInfo& row = method_info(options.method);
  check_players(options.method, game.num_players());
  if (is_exact_v<Scalar> && !row.exact)
    throw InvalidArgument("method '" + std::string(row.name) +
                          "' works in floating point only (drop --exact / exact=True)");
  check_time_limit(options.time_limit_seconds, "solve");
  if (options.selection.rule == Selection::Rule::best_for) detail::selection_player(game, options.selection.actor);
  detail::Found<Scalar> found = detail::run_method(game, options);
  SolveResult<Scalar> out;
  out.method = found.method;
  out.status = found.status;
  out.found = found.correlated ? 1 : found.equilibria.size();
  out.correlated = std::move(found.correlated);
  out.selection = options.selection;
  out.continued = found.continued;
  out.equilibria = select_equilibria(game, std::move(found.equilibria), options.selection);
  return out;
}

}  // namespace entente
