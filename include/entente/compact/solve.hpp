// solve_compact(game, options): what a scenario report finds in a compact
// game, by the same rule as a dense game's report: every pure equilibrium
// (compact/pure_nash.hpp), the selection rule picking the one reported;
// where there is none, Lemke's algorithm when the game is polymatrix
// (compact/polymatrix_lemke.hpp, exact or floating), else the logit branch
// on the compact game (solvers/logit.hpp, expected payoffs from the terms),
// reported only when its regret certificate passes.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "entente/compact/polymatrix_lemke.hpp"
#include "entente/compact/pure_nash.hpp"
#include "entente/error.hpp"
#include "entente/game/compact_game.hpp"
#include "entente/solvers/logit.hpp"
#include "entente/solvers/method.hpp"
#include "entente/solvers/selection.hpp"
#include "entente/solvers/solve.hpp"
#include "entente/status.hpp"

namespace entente {

struct CompactSolveOptions {
  /// automatic (pure equilibria, else lcp when polymatrix, else logit),
  /// enumpure, lcp (polymatrix Lemke) or logit.
  Method method = Method::automatic;
  Selection selection = Selection::single();
  /// Seconds for each stage (the pure search, Lemke, the logit branch).
  double time_limit_seconds = kNoTimeLimit;
};

namespace detail::compact {

/// The logit run's status, and its endpoint when that is certified (regret
/// within the tolerance).
inline std::pair<Status, std::vector<Equilibrium<double>>> certified_logit(const CompactGame<double>& game,
                                                                           double time_limit) {
  LogitOptions options;
  options.time_limit_seconds = time_limit;
  auto run = entente::logit(game, options);
  // Recomputed from the terms, independently of the solver's bookkeeping.
  Equilibrium<double> eq = certify(game, run.equilibrium.profile);
  if (!(eq.regret <= certificate_tolerance(game))) return {run.status, {}};
  return {run.status, {std::move(eq)}};
}

}  // namespace detail::compact

/// Solves a compact game for the report (comment at the top): a
/// SolveResult as solve() gives for a dense game (method enumpure, lcp or
/// logit, never a correlated one). Throws InvalidArgument for a method
/// other than auto, enumpure, lcp and logit, for lcp on a game that is not
/// polymatrix, for logit in exact arithmetic, or a best-for naming no
/// player. In floating point, auto falls back to logit when rounding spoils
/// Lemke's certificate.
template <class Scalar>
SolveResult<Scalar> solve_compact(const CompactGame<Scalar>& game, const CompactSolveOptions& options = {}) {
  const Method m = options.method;
  if (m != Method::automatic && m != Method::enumpure && m != Method::lcp && m != Method::logit)
    throw InvalidArgument("method '" + to_string(m) +
                          "' needs a dense game; a compact game takes auto, enumpure, lcp (polymatrix games) or "
                          "logit (docs/compact.md)");
  if (is_exact_v<Scalar> && m == Method::logit)
    throw InvalidArgument("method 'logit' works in floating point only (drop --exact / exact=True)");
  if (options.selection.rule == Selection::Rule::best_for)
    detail::selection_player(game, options.selection.actor);
  SolveResult<Scalar> out;
  out.selection = options.selection;
  std::vector<Equilibrium<Scalar>> found;
  if (m == Method::automatic || m == Method::enumpure) {
    auto pure = compact_pure_equilibria(game, {.time_limit_seconds = options.time_limit_seconds});
    out.method = Method::enumpure;
    out.status = pure.status;
    found = std::move(pure.equilibria);
  }
  const bool polymatrix = game.is_polymatrix();
  bool lemke_failed = false;
  if (m == Method::lcp || (m == Method::automatic && found.empty() && polymatrix)) {
    try {
      auto run = polymatrix_lemke(game, {.time_limit_seconds = options.time_limit_seconds});
      out.method = Method::lcp;
      out.status = run.status;
      if (run.equilibrium) found.push_back(std::move(*run.equilibrium));
    } catch (const SolverError&) {
      if (m == Method::lcp || is_exact_v<Scalar>) throw;
      lemke_failed = true;
    }
  }
  if constexpr (!is_exact_v<Scalar>) {
    if (m == Method::logit || (m == Method::automatic && found.empty() && (!polymatrix || lemke_failed))) {
      auto [status, equilibria] = detail::compact::certified_logit(game, options.time_limit_seconds);
      found = std::move(equilibria);
      out.method = Method::logit;
      out.status = status;
    }
  }
  out.found = found.size();
  out.equilibria = select_equilibria(game, std::move(found), options.selection);
  return out;
}

}  // namespace entente
