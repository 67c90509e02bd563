// Thresholds: the values of one parameter at which the focus actor's
// selected strategy changes, the others held fixed. A grid over the
// parameter's range finds the intervals where it changes; bisection narrows
// each to a tolerance. Every point is solved as a sweep point is (sweep.hpp).
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entente/scenario/scenario.hpp"
#include "entente/scenario/sweep.hpp"
#include "entente/solvers/solve.hpp"

namespace entente::scenario {

/// No strategy: no equilibrium (and no correlated one) at that point.
inline constexpr std::size_t kNoStrategy = std::numeric_limits<std::size_t>::max();

struct ThresholdOptions {
  /// Evenly spaced values over the parameter's [min, max] (like
  /// numpy.linspace), at least 2.
  std::size_t grid = 101;
  /// Each switch is bracketed by values at most this far apart (> 0).
  double tolerance = 1e-6;
  Method method = Method::automatic;
  /// The rule that picks the equilibrium at each value: welfare, the rule of
  /// every one-outcome report. Where the method finds none, the
  /// maximum-welfare correlated equilibrium (its marginal) stands in.
  Selection selection = Selection::single();
  std::size_t threads = 0;  ///< 0: every core
};

/// One change of the focus actor's strategy: below `lo` (down to the
/// previous switch) it plays `from`, above `hi` `to`; hi - lo <= tolerance.
struct Switch {
  double value = 0.0;  ///< (lo + hi) / 2
  double lo = 0.0;
  double hi = 0.0;
  std::size_t from = kNoStrategy;  ///< strategy index, or kNoStrategy
  std::size_t to = kNoStrategy;
};

struct ThresholdResult {
  std::string parameter;
  std::size_t focus = 0;  ///< actor index
  Selection selection;
  /// The grid and the focus actor's strategy at each of its values.
  std::vector<double> grid;
  std::vector<std::size_t> strategies;
  /// The focus actor's payoff in the selected equilibrium at each grid
  /// value (NaN where none was found).
  std::vector<double> payoffs;
  /// In increasing order of value.
  std::vector<Switch> switches;
};

/// The focus actor's strategy in the selected equilibrium at `values` (the
/// most likely one, lowest index on ties; kNoStrategy when none).
std::size_t selected_strategy(const SweepPoint& point, std::size_t focus);

/// Where `focus`'s selected strategy changes as `parameter` runs over its
/// range, the other parameters at `fixed` or their defaults. InvalidArgument
/// for an unknown parameter or actor, a parameter also in `fixed`, a grid
/// below 2 points or a tolerance that is not positive and finite.
ThresholdResult thresholds(const Scenario& scenario, std::string_view parameter, std::size_t focus,
                           const Values& fixed = {}, const ThresholdOptions& options = {});

/// A point of a 2-D boundary: the focus actor's stance changes from `from`
/// to `to` at (x, y), located by bisection along a grid line of one
/// parameter (`along_x`: along x, y fixed on the line; else along y).
struct BoundaryPoint {
  double x = 0.0;
  double y = 0.0;
  std::size_t from = kNoStrategy;
  std::size_t to = kNoStrategy;
  bool along_x = true;
};

/// Where `focus`'s stance changes over the plane of parameters `x` and `y`
/// (the others at `fixed` or their defaults), for plotting: thresholds()
/// along `lines` evenly spaced lines of constant y, then of constant x,
/// each switch to options.tolerance. Points in that order. InvalidArgument
/// as thresholds(), for x == y, x or y also in `fixed`, or lines below 2.
std::vector<BoundaryPoint> boundaries(const Scenario& scenario, std::size_t focus, std::string_view x,
                                      std::string_view y, const Values& fixed = {}, std::size_t lines = 21,
                                      const ThresholdOptions& options = {});

}  // namespace entente::scenario
