// `entente scenario FILE.json ...` and the report `entente` prints with no
// arguments. Printing and argument handling only; the work is the library's
// (scenario/scenario.hpp, scenario/sweep.hpp, solvers/).
#pragma once

#include <string>
#include <vector>

namespace entente::cli {

struct ScenarioRequest {
  std::vector<std::string> sets;    ///< "name=value"
  std::vector<std::string> sweeps;  ///< "name=lo:hi:steps"
  std::string method = "auto";
  std::string selection = "welfare";  ///< Selection::single(), the rule of every one-outcome report
  bool exact = false;
  bool json = false;
  bool csv = false;
  bool continuation = false;  ///< sweeps: SweepOptions::continuation
};

/// Runs a scenario file (or, with a sweep, the grid); prints a report, JSON
/// or CSV on stdout. Throws InvalidArgument for bad input.
int run_scenario_file(const std::string& path, const ScenarioRequest& request);

/// The report of the built-in scenario (examples/scenarios/china_balancing.json,
/// embedded at build time) at its defaults.
int run_builtin_scenario();

}  // namespace entente::cli
