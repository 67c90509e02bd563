// A floating LP solve tuned for highly degenerate LPs; internal to entente.
#pragma once

#include "entente/lp/model.hpp"

namespace entente::lp::detail {

/// As lp::solve(Model<double>), but GLPK starts from Bixby's crash basis
/// (glp_cpx_basis; R. E. Bixby, "Implementing the simplex method: the
/// initial basis", ORSA J. on Computing 4(3), 1992) and runs the dual
/// simplex, in the model's own units (no scaling, so the optimum is primal
/// feasible to GLPK's tolerance in those units). If that run fails (GLPK
/// error or no optimum), the LP is solved again as lp::solve does. On the
/// correlated-equilibrium LP (every incentive row through the origin, most
/// tight at the optimum) the primal simplex from the all-slack basis stalls
/// for thousands of degenerate pivots; from the crash basis the dual simplex
/// needs a few dozen. Same contract and statuses as lp::solve.
Solution<double> solve_dual_from_crash(const Model<double>& model, const Options& options = {});

}  // namespace entente::lp::detail
