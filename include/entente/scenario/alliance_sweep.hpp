// Stability maps: the alliance analysis (alliance/analysis.hpp) of a
// scenario's game at every point of a parameter grid, points in parallel on
// the sweeps' thread pool (point_pool.hpp). Each point holds exactly what a
// single run of analyse_alliances at those values gives: on the dense game,
// or, for a compact scenario, on its compact game
// (alliance/compact_analysis.hpp, with the same seed at every point).
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

#include "entente/alliance/analysis.hpp"
#include "entente/alliance/compact_analysis.hpp"
#include "entente/scenario/scenario.hpp"
#include "entente/scenario/sweep.hpp"

namespace entente::scenario {

struct AllianceSweepOptions {
  AllianceOptions alliance;
  /// A compact scenario's analysis: its caps, starts, seed and welfare
  /// algorithm; its split, notions and time limit are `alliance`'s, whose
  /// value must be gamma.
  CompactAllianceOptions compact;
  std::size_t threads = 0;  ///< 0: every core
  /// Called on the calling thread about every 50 ms and once at the end.
  std::function<void(std::size_t done, std::size_t total)> progress;
  /// Set it (from any thread) to stop early; the result says cancelled.
  const std::atomic<bool>* cancel = nullptr;
};

struct AllianceSweepPoint {
  std::vector<double> values;  ///< every parameter, parameters() order
  /// The analysis at these values; empty for a point a cancelled sweep
  /// did not reach.
  std::optional<AllianceAnalysis<double>> analysis;
  /// A compact scenario's welfare-maximising structure at these values.
  std::optional<WelfareStructure<double>> welfare;
};

struct AllianceSweepResult {
  std::vector<SweepAxis> axes;
  std::vector<std::size_t> shape;  ///< values per axis
  /// In grid order: C order over the axes, the last axis fastest.
  std::vector<AllianceSweepPoint> points;
  bool cancelled = false;
};

/// The analysis at each of `points` (full value vectors), in the order
/// given, the same for any number of threads; the first error (by point
/// order) is rethrown. Throws InvalidArgument for a value out of range,
/// more than kMaxSweepPoints points, or a compact scenario with a value
/// other than gamma.
std::vector<AllianceSweepPoint> alliance_sweep_points(const Scenario& scenario,
                                                      const std::vector<std::vector<double>>& points,
                                                      const AllianceSweepOptions& options, bool* cancelled = nullptr);

/// The grid sweep: sweep_grid then alliance_sweep_points.
AllianceSweepResult alliance_sweep(const Scenario& scenario, const std::vector<SweepAxis>& axes,
                                   const AllianceSweepOptions& options = {}, const Values& fixed = {});

}  // namespace entente::scenario
