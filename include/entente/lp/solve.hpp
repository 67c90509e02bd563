// lp::solve: the one entry point to the LP backend (GLPK, in src/ only).
#pragma once

#include "entente/error.hpp"
#include "entente/lp/model.hpp"

namespace entente::lp {

/// Floating simplex. Throws InvalidArgument for a malformed model (a column
/// index out of range, a non-finite number) and SolverError if GLPK fails;
/// GLPK never aborts the process. Safe to call from several threads at once.
Solution<double> solve(const Model<double>& model, const Options& options = {});

/// GLPK reads doubles: exact data that need more than 53 significant bits
/// (after scaling each row to integers) reach it rounded, and when the basis
/// it finds for the rounded LP fails the exact check, solve() throws this,
/// so a caller with an exact method of its own can fall back to it.
struct InexactData : SolverError {
  using SolverError::SolverError;
};

/// Exact rational simplex: GLPK's glp_exact finds the optimal basis, then the
/// basic solution and its duals are recomputed in rationals from the model's
/// own data and checked for primal and dual feasibility; a failed check
/// throws SolverError (InexactData when the data reached GLPK rounded)
/// rather than returning an inexact answer.
Solution<Rational> solve(const Model<Rational>& model, const Options& options = {});

}  // namespace entente::lp
