// How a computation ended: one status for every solver, LP and analysis, so
// that a caller reads one enum and prints one name. Contract violations
// throw (error.hpp); a limit or a numerical outcome is a status.
#pragma once

#include <limits>
#include <string>

#include "entente/error.hpp"

namespace entente {

enum class Status {
  complete,          ///< the whole search ran: the list of results is complete
  converged,         ///< an iterative method reached its tolerance
  optimal,           ///< an LP (or an optimisation over LPs) ended at an optimum
  infeasible,        ///< no point satisfies the constraints
  unbounded,         ///< feasible, objective unbounded in the optimising direction
  iteration_limit,   ///< the iteration (LP pivot, learning step) limit was reached
  pivot_limit,       ///< a pivoting method's pivot limit was reached
  basis_limit,       ///< vertex enumeration's basis limit was reached
  refinement_limit,  ///< simpdiv tried its finest grid
  lambda_limit,      ///< the logit branch reached its largest lambda
  step_limit,        ///< the logit branch took its largest number of steps
  step_too_small,    ///< the logit corrector failed down to its smallest step
  lp_limit,          ///< a method that solves a sequence of LPs solved its limit of them
  time_limit,        ///< time_limit_seconds ran out
  heuristic,         ///< a sampled, not exhaustive, search (too large to enumerate)
  support_limit,     ///< a support search examined its limit of supports
};

/// The status's name, as the CLI's JSON and Python print it ("time_limit").
inline std::string to_string(Status status) {
  switch (status) {
    case Status::complete: return "complete";
    case Status::converged: return "converged";
    case Status::optimal: return "optimal";
    case Status::infeasible: return "infeasible";
    case Status::unbounded: return "unbounded";
    case Status::iteration_limit: return "iteration_limit";
    case Status::pivot_limit: return "pivot_limit";
    case Status::basis_limit: return "basis_limit";
    case Status::refinement_limit: return "refinement_limit";
    case Status::lambda_limit: return "lambda_limit";
    case Status::step_limit: return "step_limit";
    case Status::step_too_small: return "step_too_small";
    case Status::lp_limit: return "lp_limit";
    case Status::time_limit: return "time_limit";
    case Status::heuristic: return "heuristic";
    case Status::support_limit: return "support_limit";
  }
  return "unknown";
}

/// No time limit: the default of every time_limit_seconds (one name, one
/// meaning: wall-clock seconds, > 0, infinity for none).
inline constexpr double kNoTimeLimit = std::numeric_limits<double>::infinity();

/// InvalidArgument unless `seconds` is a valid time_limit_seconds.
inline void check_time_limit(double seconds, const std::string& who) {
  if (!(seconds > 0))
    throw InvalidArgument(who + ": time_limit_seconds must be positive (infinity for none), got " +
                          std::to_string(seconds));
}

/// Whether a result with this status answers the question in full (not cut
/// short by a limit).
inline bool finished(Status status) {
  return status == Status::complete || status == Status::converged || status == Status::optimal;
}

}  // namespace entente
