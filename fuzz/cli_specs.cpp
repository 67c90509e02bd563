// Fuzz target: the CLI's `entente scenario FILE --set k=v --sweep
// k=lo:hi:steps` specs, through the library functions the CLI calls
// (scenario::parse_assignments, parse_sweep_axis, sweep_grid;
// include/entente/scenario/sweep.hpp), applied to one fixed scenario whose
// parameters span tiny, unit and huge ranges.
//
// Byte layout: the first byte's value mod 4 is how many of the following
// '\n'-separated lines are --set specs; up to three further lines are
// --sweep specs. Bad specs must be refused with InvalidArgument; accepted
// ones must mean what they say: a parsed value is finite, an axis runs from
// lo to hi in `steps` finite values within [lo, hi], a grid has the product
// of the axis sizes as points, each inside every parameter's range, and
// each point compiles to a game with finite payoffs or is refused.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check.hpp"
#include "entente/error.hpp"
#include "entente/scenario/scenario.hpp"
#include "entente/scenario/sweep.hpp"

namespace {

using namespace entente;
using entente::fuzz::refused;
using entente::fuzz::require;
using scenario::Scenario;
using scenario::SweepAxis;

constexpr std::string_view kScenario = R"({
  "title": "cli_specs fuzz scenario",
  "actors": [
    {"name": "Row", "strategies": [{"name": "Up"}, {"name": "Down"}]},
    {"name": "Column", "strategies": [{"name": "Left"}, {"name": "Right"}, {"name": "Middle"}]}
  ],
  "parameters": [
    {"name": "a", "default": 0.5, "min": 0, "max": 1},
    {"name": "wide", "default": 0, "min": -1e308, "max": 1e308},
    {"name": "tiny", "default": 1e-300, "min": 0, "max": 1e-290},
    {"name": "n", "default": 0, "min": -5, "max": 5}
  ],
  "terms": [
    {"kind": "base", "actor": "Row", "strategy": "Up", "value": "a + n"},
    {"kind": "base", "actor": "Column", "strategy": ["Left", "Middle"], "value": "wide / 2"},
    {"kind": "pairwise", "actor": "Row", "strategy": "Down", "other": "Column", "other_strategy": "Right",
     "value": "tiny * 1e300 - a"},
    {"kind": "conditional", "when": {"Row": "Up", "Column": "Left"}, "payoffs": {"Row": "wide * a", "Column": "n^2"}}
  ]
})";

/// Grids up to this many points are compiled point by point.
constexpr std::size_t kMaxCompiledPoints = 64;

const Scenario& fixed_scenario() {
  static const Scenario sc = Scenario::parse(kScenario, "<cli_specs>");
  return sc;
}

void check_axis(const SweepAxis& axis, const std::string& spec) {
  require(!axis.parameter.empty() && axis.values.empty(), "parse_sweep_axis: a bad axis from '" + spec + "'");
  require(std::isfinite(axis.lo) && std::isfinite(axis.hi) && axis.lo <= axis.hi && axis.steps >= 1 &&
              axis.steps <= scenario::kMaxSweepPoints,
          "parse_sweep_axis accepted '" + spec + "'");
  require(axis.value(0) == axis.lo && axis.value(axis.steps - 1) == axis.hi,
          "the axis of '" + spec + "' does not run from lo to hi");
  // Spot checks along the axis: finite, inside [lo, hi], not decreasing.
  double previous = axis.lo;
  for (std::size_t k : {std::size_t{1}, axis.steps / 2, axis.steps - 2}) {
    if (k == 0 || k + 1 >= axis.steps) continue;
    const double v = axis.value(k);
    require(std::isfinite(v) && axis.lo <= v && v <= axis.hi,
            "value " + std::to_string(k) + " of the axis '" + spec + "' is " + to_string(v) + ", outside [lo, hi]");
    require(v >= previous, "the axis of '" + spec + "' decreases");
    previous = v;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t num_sets = data[0] % 4;
  std::vector<std::string> lines;
  {
    const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    std::size_t start = 0;
    while (start <= rest.size() && lines.size() < num_sets + 3) {
      const std::size_t end = std::min(rest.find('\n', start), rest.size());
      lines.emplace_back(rest.substr(start, end - start));
      start = end + 1;
    }
  }
  const std::vector<std::string> sets(lines.begin(), lines.begin() + std::min(num_sets, lines.size()));
  const std::vector<std::string> sweeps(lines.begin() + std::min(num_sets, lines.size()), lines.end());

  scenario::Values values;
  if (refused([&] { values = scenario::parse_assignments(sets); })) return 0;
  require(values.size() == sets.size(), "parse_assignments lost a setting");
  for (const auto& [name, v] : values) require(!name.empty() && std::isfinite(v), "a bad setting was accepted");

  std::vector<SweepAxis> axes;
  for (const auto& spec : sweeps) {
    std::optional<SweepAxis> axis;
    if (refused([&] { axis.emplace(scenario::parse_sweep_axis(spec)); })) continue;
    check_axis(*axis, spec);
    axes.push_back(std::move(*axis));
  }

  const Scenario& sc = fixed_scenario();
  std::vector<double> resolved;
  if (refused([&] { resolved = sc.resolve(values); })) return 0;
  sc.check_values(resolved);

  std::size_t count = 1;
  for (const auto& axis : axes) count = count > scenario::kMaxSweepPoints ? count : count * axis.size();
  // Grids past kMaxSweepPoints must be refused before allocating; legal
  // grids larger than kMaxCompiledPoints are skipped for speed only.
  if (count > kMaxCompiledPoints && count <= scenario::kMaxSweepPoints) return 0;
  std::vector<std::vector<double>> grid;
  if (refused([&] { grid = scenario::sweep_grid(sc, axes, values); })) return 0;
  require(count <= scenario::kMaxSweepPoints, "sweep_grid accepted a grid past kMaxSweepPoints");
  require(grid.size() == count, "sweep_grid: the grid is not the product of its axes");
  scenario::Compiler compiler(sc);
  Game<double> game = compiler.blank_game();
  for (const auto& point : grid) {
    require(point.size() == resolved.size(), "sweep_grid: a point without every parameter");
    require(!refused([&] { sc.check_values(point); }), "sweep_grid: a point outside the parameters' ranges");
    if (refused([&] { compiler.compile(point, game); })) continue;  // an expression overflowed: refused
    for (std::size_t i = 0; i < game.num_players(); ++i)
      for (double u : game.payoffs(i)) require(std::isfinite(u), "a compiled game with a non-finite payoff");
  }
  return 0;
}
