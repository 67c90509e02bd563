// Sensitivity: which assumptions a conclusion about the focus actor rests
// on. Each parameter is run over its whole range (the others held at the
// given values), recording the focus actor's payoff range, the stances it
// takes and where they switch (thresholds.hpp); each payoff term is scaled
// by 1 - perturb and 1 + perturb in turn, recording whether the focus
// actor's stance at the given values changes.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "entente/scenario/scenario.hpp"
#include "entente/scenario/thresholds.hpp"

namespace entente::scenario {

struct SensitivityOptions {
  /// Each term is scaled by 1 - perturb and by 1 + perturb; in (0, 1].
  double perturb = 0.2;
  /// Grid, bisection tolerance, method, selection and threads of every
  /// parameter's run (thresholds.hpp) and of every term's solve.
  ThresholdOptions thresholds;
};

/// One parameter run over [min, max], the others at the given values.
struct ParameterSensitivity {
  std::string parameter;
  double min = 0.0, max = 0.0;
  double value = 0.0;  ///< its value where the stance below is taken
  /// The focus actor's payoff in the selected equilibrium, lowest and
  /// highest over the grid (NaN when no grid point has an equilibrium).
  double payoff_min = 0.0, payoff_max = 0.0;
  /// Strategies the focus actor takes on the grid, in order of first
  /// appearance as the parameter rises (kNoStrategy: none found there).
  std::vector<std::size_t> stances;
  std::vector<Switch> switches;
};

/// The focus actor's stance and payoff with one term scaled.
struct ScaledOutcome {
  double scale = 1.0;
  std::size_t stance = kNoStrategy;
  double payoff = 0.0;  ///< NaN when there is no equilibrium
};

/// One payoff term scaled by 1 - perturb and 1 + perturb.
struct TermSensitivity {
  std::size_t term = 0;  ///< index in the file's "terms"
  std::string path;      ///< its JSON path, "/terms/3"
  std::string label;     ///< who gets it where, e.g. "China: Press Pyongyang, if USA: Contain China"
  ScaledOutcome low, high;
  /// The stance at either scale differs from the unperturbed one.
  bool changes = false;
};

struct SensitivityResult {
  std::size_t focus = 0;
  Selection selection;
  double perturb = 0.0;
  std::vector<double> values;  ///< every parameter's value (parameters() order)
  std::size_t stance = kNoStrategy;  ///< the focus actor's stance there
  double payoff = 0.0;
  std::vector<ParameterSensitivity> parameters;  ///< parameters() order
  std::vector<TermSensitivity> terms;            ///< file order
};

/// The sensitivity of `focus`'s stance at `fixed` (defaults for parameters
/// not named). InvalidArgument for an unknown parameter or actor, a perturb
/// outside (0, 1], or the thresholds' own option errors.
SensitivityResult sensitivity(const Scenario& scenario, std::size_t focus, const Values& fixed = {},
                              const SensitivityOptions& options = {});

}  // namespace entente::scenario
