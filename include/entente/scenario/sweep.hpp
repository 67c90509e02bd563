// Parameter sweeps of a scenario: a grid over one or more parameters, each
// point compiled and solved, in parallel on a pool of threads.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "entente/game/equilibrium.hpp"
#include "entente/scenario/scenario.hpp"
#include "entente/solvers/solve.hpp"

namespace entente::scenario {

/// Most points a sweep may have; checked before anything is allocated.
inline constexpr std::size_t kMaxSweepPoints = std::size_t{1} << 22;

/// Points solved in order, one run per worker, when continuing
/// (SweepOptions::continuation): the first of each run is solved from
/// scratch. Fixed, so that results are the same for any number of threads
/// and any split of a sweep into chunks of multiples of it.
inline constexpr std::size_t kContinuationRun = 64;

/// One axis of a grid: `steps` evenly spaced values from `lo` to `hi`
/// inclusive (steps == 1 gives lo alone), or, when `values` is not empty,
/// exactly those values (then lo, hi and steps are ignored).
struct SweepAxis {
  std::string parameter;
  double lo = 0.0;
  double hi = 0.0;
  std::size_t steps = 1;
  std::vector<double> values;

  /// Number of values on the axis.
  std::size_t size() const { return values.empty() ? steps : values.size(); }
  /// The k-th value, k < size().
  double value(std::size_t k) const;
};

/// Parses "name=lo:hi:steps" strictly (finite numbers, steps a positive
/// integer, lo <= hi, nothing else); InvalidArgument naming the text.
SweepAxis parse_sweep_axis(std::string_view spec);
/// Parses "name=value" strictly; InvalidArgument naming the text.
std::pair<std::string, double> parse_assignment(std::string_view spec);
/// Parses every "name=value" (the CLI's repeated --set) into Values;
/// InvalidArgument for a bad one or a name set twice. Names are checked
/// against a scenario later, by Scenario::resolve.
Values parse_assignments(std::span<const std::string> specs);

struct SweepOptions {
  /// A method of the table (solvers/method.hpp); ce / cce give the
  /// maximum-welfare (coarse) correlated equilibrium.
  Method method = Method::automatic;
  /// Which equilibrium a point keeps (solvers/selection.hpp): one per point
  /// by default, the same rule as a single run's report.
  Selection selection = Selection::single();
  /// Solve each game in exact rational arithmetic, the exact game of
  /// Scenario::exact_game_at (results converted to
  /// double).
  bool exact = false;
  /// Where a Nash method finds no equilibrium (enumpure on a game without a
  /// pure one), also compute the maximum-welfare correlated equilibrium.
  bool correlated_fallback = false;
  /// Where the method comes to simpdiv in floating point (auto without a
  /// pure equilibrium, or simpdiv): start from the previous point's mixed
  /// equilibrium (SolveOptions::warm_start), and run simpdiv only where
  /// that fails. Points are taken in runs of kContinuationRun, each
  /// starting from scratch, so the results do not depend on the number of
  /// threads; they may differ from solving each point alone where a game
  /// has several equilibria (a continued one stays on its branch).
  bool continuation = false;
  /// Worker threads; 0 means std::thread::hardware_concurrency().
  std::size_t threads = 0;
  /// Called on the calling thread (never on a worker) about every 50 ms and
  /// once at the end, with points done and the total.
  std::function<void(std::size_t done, std::size_t total)> progress;
  /// Set it (from any thread) to stop the sweep early: workers finish their
  /// current point and the result says cancelled.
  const std::atomic<bool>* cancel = nullptr;
};

/// What a sweep keeps of one point: what solve() gave there.
struct SweepPoint {
  std::vector<double> values;  ///< every parameter, parameters() order
  Method method = Method::automatic;  ///< the method that ran (auto resolved)
  Status status = Status::complete;
  /// The selected Nash equilibria (empty for ce/cce or when none exists).
  std::vector<Equilibrium<double>> equilibria;
  /// The correlated equilibrium (ce/cce, or the fallback when asked for).
  std::optional<CorrelatedResult<double>> correlated;
  /// The equilibrium was continued from the previous point's
  /// (SweepOptions::continuation), not found by simpdiv.
  bool continued = false;

  /// Each actor's expected payoff under the first equilibrium (or the
  /// correlated one); empty when there is neither.
  std::vector<double> payoffs() const;
  /// Each actor's most likely strategy under the first equilibrium (its
  /// marginal, for a correlated one), the lowest index on ties; empty when
  /// there is neither.
  std::vector<std::size_t> modal_strategies() const;
  /// The first equilibrium's regret certificate (the correlated one's
  /// largest gain); NaN when there is neither.
  double regret() const;
};

struct SweepResult {
  std::vector<SweepAxis> axes;
  std::vector<std::size_t> shape;  ///< values per axis
  Method method = Method::automatic;  ///< as asked (auto resolves per point)
  Selection selection;
  /// In grid order: C order over the axes, the last axis fastest.
  std::vector<SweepPoint> points;
  /// The sweep stopped early; points not reached have empty results.
  bool cancelled = false;
};

/// Every parameter's value at every grid point (C order over the axes,
/// the last fastest), the other parameters at `fixed` or their defaults.
/// Validates the axes (known, distinct, within range) and the grid size
/// before allocating.
std::vector<std::vector<double>> sweep_grid(const Scenario& scenario, const std::vector<SweepAxis>& axes,
                                            const Values& fixed = {});

/// Compiles and solves the scenario at each of `points` (full value
/// vectors), in parallel; results in the order given, identical for any
/// number of threads. The first error (by point order) is rethrown.
std::vector<SweepPoint> sweep_points(const Scenario& scenario, const std::vector<std::vector<double>>& points,
                                     const SweepOptions& options, bool* cancelled = nullptr);

/// The grid sweep: sweep_grid then sweep_points.
SweepResult sweep(const Scenario& scenario, const std::vector<SweepAxis>& axes, const SweepOptions& options = {},
                  const Values& fixed = {});

}  // namespace entente::scenario
