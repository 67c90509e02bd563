// Stability maps: one alliance analysis per grid point, on point_pool.hpp's threads.
#include "entente/scenario/alliance_sweep.hpp"

#include <string>

#include "entente/error.hpp"
#include "entente/scenario/point_pool.hpp"

namespace entente::scenario {

std::vector<AllianceSweepPoint> alliance_sweep_points(const Scenario& scenario,
                                                      const std::vector<std::vector<double>>& points,
                                                      const AllianceSweepOptions& options, bool* cancelled) {
  if (points.size() > kMaxSweepPoints)
    throw InvalidArgument("sweep too large: more than " + std::to_string(kMaxSweepPoints) + " points");
  for (const auto& p : points) scenario.check_values(p);
  if (cancelled) *cancelled = false;
  std::vector<AllianceSweepPoint> results(points.size());
  // One point is a whole analysis (hundreds of bloc games): one point a chunk.
  const detail::PoolOptions pool{options.threads, 1, options.progress, options.cancel};
  // The points run in parallel: each analysis on its own thread, no pool
  // inside a pool (the result is the same for any thread count).
  AllianceOptions alliance = options.alliance;
  if (points.size() > 1 && options.threads != 1) alliance.threads = 1;
  if (scenario.compact()) {
    if (alliance.value != CharacteristicKind::gamma)
      throw InvalidArgument("a compact scenario's characteristic function is gamma (docs/alliances.md, \"Many actors\")");
    CompactAllianceOptions compact = options.compact;
    compact.split = alliance.split;
    compact.stability = alliance.stability;
    compact.time_limit_seconds = alliance.time_limit_seconds;
    compact.threads = alliance.threads;
    const std::size_t done = detail::run_on_points(points.size(), pool, [&] {
      return [&, compiler = Compiler(scenario)](std::size_t k, bool) mutable {
        results[k].values = points[k];
        auto analysis = analyse_alliances(compiler.compile_compact(points[k]), compact);
        results[k].welfare = std::move(analysis.welfare);
        results[k].analysis = std::move(static_cast<AllianceAnalysis<double>&>(analysis));
      };
    });
    if (cancelled) *cancelled = done < points.size();
    return results;
  }
  const std::size_t done = detail::run_on_points(points.size(), pool, [&] {
    Compiler compiler(scenario);
    Game<double> game = compiler.blank_game();
    return [&, compiler = std::move(compiler), game = std::move(game)](std::size_t k, bool) mutable {
      results[k].values = points[k];
      compiler.compile(points[k], game);
      results[k].analysis = analyse_alliances(game, alliance);
    };
  });
  if (cancelled) *cancelled = done < points.size();
  return results;
}

AllianceSweepResult alliance_sweep(const Scenario& scenario, const std::vector<SweepAxis>& axes,
                                   const AllianceSweepOptions& options, const Values& fixed) {
  AllianceSweepResult result;
  result.axes = axes;
  for (const auto& a : axes) result.shape.push_back(a.size());
  result.points = alliance_sweep_points(scenario, sweep_grid(scenario, axes, fixed), options, &result.cancelled);
  return result;
}

}  // namespace entente::scenario
