// Thresholds: a grid over one parameter, then bisection of every grid
// interval where the focus actor's selected strategy changes; each round of
// bisection solves all open intervals' midpoints at once on the sweep pool.
#include "entente/scenario/thresholds.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "entente/error.hpp"
#include "entente/scalar.hpp"

namespace entente::scenario {

namespace {

/// Most intervals bisected at once: a strategy that changes at every grid
/// point of a fine grid still stays well within it.
constexpr std::size_t kMaxOpenIntervals = std::size_t{1} << 16;

struct Interval {
  double lo, hi;
  std::size_t from, to;
};

}  // namespace

std::size_t selected_strategy(const SweepPoint& point, std::size_t focus) {
  const auto modal = point.modal_strategies();
  return focus < modal.size() ? modal[focus] : kNoStrategy;
}

ThresholdResult thresholds(const Scenario& scenario, std::string_view parameter, std::size_t focus,
                           const Values& fixed, const ThresholdOptions& options) {
  const std::size_t p = scenario.parameter_index(parameter);
  if (focus >= scenario.actors().size())
    throw InvalidArgument(scenario.source() + ": focus actor index " + std::to_string(focus) + " out of range (" +
                          std::to_string(scenario.actors().size()) + " actors)");
  if (fixed.count(parameter))
    throw InvalidArgument("parameter '" + std::string(parameter) + "' is both set and the one whose thresholds are sought");
  if (options.grid < 2 || options.grid > kMaxSweepPoints)
    throw InvalidArgument("thresholds need a grid of 2 to " + std::to_string(kMaxSweepPoints) + " points, got " +
                          std::to_string(options.grid));
  if (!(options.tolerance > 0) || !std::isfinite(options.tolerance))
    throw InvalidArgument("thresholds need a positive finite tolerance, got " + to_string(options.tolerance));
  const Parameter& param = scenario.parameters()[p];
  const std::vector<double> base = scenario.resolve(fixed);

  ThresholdResult result;
  result.parameter = param.name;
  result.focus = focus;
  result.selection = options.selection;

  SweepOptions sweep_options;
  sweep_options.method = options.method;
  sweep_options.selection = options.selection;
  sweep_options.correlated_fallback = true;
  sweep_options.threads = options.threads;
  // The focus actor's strategy at each value (parameter p set, the rest
  // base), and its payoff there when `payoffs` is given.
  auto strategies_at = [&](const std::vector<double>& xs, std::vector<double>* payoffs = nullptr) {
    std::vector<std::vector<double>> points(xs.size(), base);
    for (std::size_t k = 0; k < xs.size(); ++k) points[k][p] = xs[k];
    const auto solved = sweep_points(scenario, points, sweep_options);
    std::vector<std::size_t> out;
    out.reserve(solved.size());
    for (const auto& point : solved) {
      out.push_back(selected_strategy(point, focus));
      if (!payoffs) continue;
      const auto u = point.payoffs();
      payoffs->push_back(focus < u.size() ? u[focus] : std::numeric_limits<double>::quiet_NaN());
    }
    return out;
  };

  const SweepAxis axis{param.name, param.min, param.max, param.min == param.max ? 1 : options.grid, {}};
  for (std::size_t k = 0; k < axis.size(); ++k) result.grid.push_back(axis.value(k));
  result.strategies = strategies_at(result.grid, &result.payoffs);

  std::vector<Interval> open;
  for (std::size_t k = 0; k + 1 < result.grid.size(); ++k)
    if (result.strategies[k] != result.strategies[k + 1])
      open.push_back({result.grid[k], result.grid[k + 1], result.strategies[k], result.strategies[k + 1]});
  std::vector<Interval> done;
  while (!open.empty()) {
    std::vector<Interval> narrow, next;
    for (const auto& iv : open) {
      const double mid = iv.lo + (iv.hi - iv.lo) / 2;
      // Narrow enough, or no double strictly between lo and hi.
      if (iv.hi - iv.lo <= options.tolerance || mid <= iv.lo || mid >= iv.hi)
        done.push_back(iv);
      else
        narrow.push_back(iv);
    }
    if (narrow.empty()) break;
    std::vector<double> mids;
    for (const auto& iv : narrow) mids.push_back(iv.lo + (iv.hi - iv.lo) / 2);
    const auto at_mid = strategies_at(mids);
    for (std::size_t k = 0; k < narrow.size(); ++k) {
      const Interval& iv = narrow[k];
      const std::size_t s = at_mid[k];
      // Keep every side where the strategy changes: a grid cell may hold
      // more than one switch.
      if (s != iv.from) next.push_back({iv.lo, mids[k], iv.from, s});
      if (s != iv.to) next.push_back({mids[k], iv.hi, s, iv.to});
    }
    if (next.size() > kMaxOpenIntervals)
      throw InvalidArgument("thresholds of '" + param.name + "': more than " + std::to_string(kMaxOpenIntervals) +
                            " switches");
    open = std::move(next);
  }
  std::sort(done.begin(), done.end(), [](const Interval& a, const Interval& b) { return a.lo < b.lo; });
  for (const auto& iv : done) result.switches.push_back({iv.lo + (iv.hi - iv.lo) / 2, iv.lo, iv.hi, iv.from, iv.to});
  return result;
}

std::vector<BoundaryPoint> boundaries(const Scenario& scenario, std::size_t focus, std::string_view x,
                                      std::string_view y, const Values& fixed, std::size_t lines,
                                      const ThresholdOptions& options) {
  const Parameter& px = scenario.parameters()[scenario.parameter_index(x)];
  const Parameter& py = scenario.parameters()[scenario.parameter_index(y)];
  if (px.name == py.name) throw InvalidArgument("a boundary needs two different parameters, got '" + px.name + "' twice");
  if (lines < 2 || lines > kMaxSweepPoints)
    throw InvalidArgument("a boundary needs 2 to " + std::to_string(kMaxSweepPoints) + " lines, got " +
                          std::to_string(lines));
  for (const Parameter* p : {&px, &py})
    if (fixed.count(p->name)) throw InvalidArgument("parameter '" + p->name + "' is both set and a boundary's axis");
  std::vector<BoundaryPoint> out;
  // Along one parameter, at each line value of the other.
  auto along = [&](const Parameter& moving, const Parameter& held, bool along_x) {
    const SweepAxis axis{held.name, held.min, held.max, held.min == held.max ? 1 : lines, {}};
    for (std::size_t k = 0; k < axis.size(); ++k) {
      Values at = fixed;
      at[held.name] = axis.value(k);
      for (const auto& w : thresholds(scenario, moving.name, focus, at, options).switches)
        out.push_back(along_x ? BoundaryPoint{w.value, axis.value(k), w.from, w.to, true}
                              : BoundaryPoint{axis.value(k), w.value, w.from, w.to, false});
    }
  };
  along(px, py, true);
  along(py, px, false);
  return out;
}

}  // namespace entente::scenario
