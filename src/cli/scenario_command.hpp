// `entente scenario FILE.json ...` and the report `entente` prints with no
// arguments. Printing and argument handling only; the work is the library's
// (scenario/scenario.hpp, scenario/sweep.hpp, solvers/).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "entente/alliance/compact_analysis.hpp"

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
  std::string thresholds;     ///< a parameter: where the focus actor's strategy changes along it
  std::string focus;          ///< the actor the report and thresholds centre on; empty: the file's
  bool sensitivity = false;   ///< which parameters and terms the focus actor's stance rests on
  std::optional<double> perturb;  ///< --perturb: each term scaled by 1 -+ this (default 0.2)
};

/// Runs a scenario file (or, with a sweep, the grid); prints a report, JSON
/// or CSV on stdout. Throws InvalidArgument for bad input.
int run_scenario_file(const std::string& path, const ScenarioRequest& request);

/// `entente alliances FILE.json --sweep ...`: the stability map.
struct AllianceMapRequest {
  std::vector<std::string> sets;    ///< "name=value": the parameters not swept
  std::vector<std::string> sweeps;  ///< "name=lo:hi:steps"
  std::string value;  ///< empty: alpha for a dense scenario, gamma for a compact one
  std::string split = "equal";
  double time_limit = 0;  ///< per point; 0: none
  /// A compact scenario's search (alliance/compact_analysis.hpp): caps,
  /// starts, seed and welfare algorithm; unset for the defaults.
  std::optional<CompactAllianceOptions> compact;
  bool json = false;
  bool csv = false;
  std::optional<std::string> bloc;  ///< --bloc "USA,South Korea,Japan": its standing at every point
};

/// The players named in `text` ("USA,South Korea,Japan": names separated by
/// commas, spaces around them ignored); InvalidArgument for a name that is
/// not a player's.
std::vector<std::size_t> bloc_members(const std::vector<std::string>& players, const std::string& text);

/// The alliance analysis at every grid point of the scenario file `path`: per point
/// and notion, the number of stable partitions and the first of them, and
/// with a bloc whether it is stable and its best margin (text or CSV), or
/// every point's full analysis (JSON).
int run_alliance_map(const std::string& path, const AllianceMapRequest& request);

/// The report of the built-in scenario (examples/scenarios/china_balancing.json,
/// embedded at build time) at its defaults.
int run_builtin_scenario();

}  // namespace entente::cli
