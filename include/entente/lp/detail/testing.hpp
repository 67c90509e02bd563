// Test hooks for the LP backend; not part of the public API.
#pragma once

namespace entente::lp::detail {

/// When on (a per-thread flag), the next solve on this thread that reaches
/// GLPK makes a GLPK call with an out-of-range column index, so GLPK's own
/// error path fires and the solve throws SolverError. The flag is consumed
/// by that solve; the following solves on the thread work normally.
void inject_glpk_fault_for_testing(bool on);

}  // namespace entente::lp::detail
