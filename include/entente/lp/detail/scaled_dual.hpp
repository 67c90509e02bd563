// A floating LP solve tuned for highly degenerate LPs; internal to entente.
#pragma once

#include "entente/lp/model.hpp"

namespace entente::lp::detail {

/// As lp::solve(Model<double>), but GLPK scales the model (GLP_SF_AUTO) and
/// runs the dual simplex, then removes the scaling and restarts the primal
/// simplex from that basis so the optimum is feasible in the model's own
/// units. On the correlated-equilibrium LP (every incentive row through the
/// origin, most tight at the optimum) the unscaled primal simplex stalls:
/// this is 5-20x faster there. Same contract and statuses as lp::solve.
Solution<double> solve_scaled_dual(const Model<double>& model, const Options& options = {});

}  // namespace entente::lp::detail
