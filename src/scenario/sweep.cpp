// Parameter sweeps: the grid and one solve per point (on point_pool.hpp's threads).
#include "entente/scenario/sweep.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "entente/cancel.hpp"
#include "entente/compact/solve.hpp"
#include "entente/error.hpp"
#include "entente/scalar.hpp"
#include "entente/scenario/point_pool.hpp"
#include "entente/solvers/solve.hpp"

namespace entente::scenario {

namespace {

/// A whole-string finite double ("1", "-0.5", "2e-3"); nullopt otherwise.
std::optional<double> strict_double(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double x = 0.0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(x)) return std::nullopt;
  return x;
}

/// One point through solve(): exact or floating, the warm start of
/// continuation, the correlated fallback. `previous` is the last point's
/// mixed equilibrium (continuation only) and becomes this point's.
/// `exact` is the exact game (SweepOptions::exact), else null.
void solve_point(const Game<double>& game, const Game<Rational>* exact, const SweepOptions& options,
                 SweepPoint& point, std::optional<MixedProfile<double>>& previous) {
  SolveOptions solve_options{options.method, options.selection, kNoTimeLimit, std::nullopt};
  SolveResult<double> result;
  if (exact) {
    result = solve(*exact, solve_options).cast<double>();
  } else {
    if (options.continuation) solve_options.warm_start = std::move(previous);
    result = solve(game, solve_options);
    previous.reset();
    if (options.continuation && result.method == Method::simpdiv && !result.equilibria.empty())
      previous = result.equilibria.front().profile;
  }
  point.method = result.method;
  point.status = result.status;
  point.continued = result.continued;
  point.equilibria = std::move(result.equilibria);
  point.correlated = std::move(result.correlated);
  if (point.equilibria.empty() && !point.correlated && options.correlated_fallback) {
    solve_options = {Method::ce, Selection::all(), kNoTimeLimit, std::nullopt};
    point.correlated = exact ? solve(*exact, solve_options).correlated->cast<double>()
                                     : solve(game, solve_options).correlated;
  }
}

/// One point of a compact scenario (docs/compact.md) through
/// solve_compact: pure equilibria, else polymatrix Lemke or the certified
/// logit endpoint; no correlated fallback and no continuation (the branch
/// is followed anew).
void solve_compact_point(const Scenario& scenario, Compiler& compiler, const SweepOptions& options,
                         SweepPoint& point) {
  const CompactSolveOptions solve_options{options.method, options.selection, kNoTimeLimit};
  const SolveResult<double> result =
      options.exact ? solve_compact(scenario.exact_compact_game_at(point.values), solve_options).cast<double>()
                    : solve_compact(compiler.compile_compact(point.values), solve_options);
  point.method = result.method;
  point.status = result.status;
  point.equilibria = result.equilibria;
}

}  // namespace

double SweepAxis::value(std::size_t k) const {
  if (!values.empty()) return values.at(k);
  if (steps <= 1 || k == 0) return lo;
  if (k + 1 >= steps) return hi;  // exactly hi, whatever the rounding
  // numpy.linspace's formula, so that a grid equals np.linspace(lo, hi, steps).
  const double span = hi - lo;
  if (std::isfinite(span)) return static_cast<double>(k) * (span / static_cast<double>(steps - 1)) + lo;
  // hi - lo overflows (lo and hi of opposite signs near the largest double;
  // numpy gives inf here): the weighted mean cannot overflow, and lies in
  // [lo, hi] up to rounding, which the clamp removes. Found by the cli_specs
  // fuzz target.
  const double t = static_cast<double>(k) / static_cast<double>(steps - 1);
  return std::clamp(lo * (1 - t) + hi * t, lo, hi);
}

SweepAxis parse_sweep_axis(std::string_view spec) {
  auto fail = [&](const std::string& why) -> SweepAxis {
    throw InvalidArgument("bad sweep '" + std::string(spec) + "': " + why + " (expected name=lo:hi:steps, e.g. "
                          "strength=0:1:5)");
  };
  const auto eq = spec.find('=');
  if (eq == std::string_view::npos || eq == 0) return fail("no 'name='");
  SweepAxis axis;
  axis.parameter = std::string(spec.substr(0, eq));
  std::string_view rest = spec.substr(eq + 1);
  const auto c1 = rest.find(':');
  const auto c2 = c1 == std::string_view::npos ? c1 : rest.find(':', c1 + 1);
  if (c2 == std::string_view::npos || rest.find(':', c2 + 1) != std::string_view::npos)
    return fail("expected three fields lo:hi:steps");
  const auto lo = strict_double(rest.substr(0, c1));
  const auto hi = strict_double(rest.substr(c1 + 1, c2 - c1 - 1));
  if (!lo || !hi) return fail("lo and hi must be finite numbers");
  const std::string_view steps = rest.substr(c2 + 1);
  unsigned long long n = 0;
  auto [end, ec] = std::from_chars(steps.data(), steps.data() + steps.size(), n);
  if (steps.empty() || ec != std::errc() || end != steps.data() + steps.size() || n == 0)
    return fail("steps must be a positive integer");
  if (n > kMaxSweepPoints) return fail("more than " + std::to_string(kMaxSweepPoints) + " steps");
  if (*lo > *hi) return fail("lo must not exceed hi");
  if (n == 1 && *lo != *hi) return fail("one step needs lo == hi");
  axis.lo = *lo;
  axis.hi = *hi;
  axis.steps = static_cast<std::size_t>(n);
  return axis;
}

std::pair<std::string, double> parse_assignment(std::string_view spec) {
  const auto eq = spec.find('=');
  if (eq == std::string_view::npos || eq == 0)
    throw InvalidArgument("bad setting '" + std::string(spec) + "' (expected name=value, e.g. strength=0.5)");
  const auto value = strict_double(spec.substr(eq + 1));
  if (!value)
    throw InvalidArgument("bad setting '" + std::string(spec) + "': the value must be a finite number");
  return {std::string(spec.substr(0, eq)), *value};
}

Values parse_assignments(std::span<const std::string> specs) {
  Values values;
  for (const auto& spec : specs) {
    auto [name, value] = parse_assignment(spec);
    if (values.count(name)) throw InvalidArgument("parameter '" + name + "' is set twice");
    values.emplace(std::move(name), value);
  }
  return values;
}

std::vector<double> SweepPoint::payoffs() const {
  if (!equilibria.empty()) return equilibria.front().payoffs;
  if (correlated && correlated->status == Status::optimal) return correlated->payoffs;
  return {};
}

namespace {

/// Each marginal's most likely strategy: the lowest index among those
/// within rounding of the largest.
std::vector<std::size_t> modal_of(const std::vector<std::vector<double>>& marginals) {
  std::vector<std::size_t> out;
  out.reserve(marginals.size());
  for (const auto& m : marginals) {
    const double best = *std::max_element(m.begin(), m.end());
    std::size_t s = 0;
    while (m[s] < best - 1e-9) ++s;
    out.push_back(s);
  }
  return out;
}

}  // namespace

std::vector<std::size_t> SweepPoint::modal_strategies() const {
  if (!equilibria.empty()) return modal_of(equilibria.front().profile.strategies);
  if (!correlated || correlated->status != Status::optimal || correlated->distribution.empty()) return {};
  const std::size_t n = correlated->distribution.front().profile.size();
  std::vector<std::vector<double>> marginals(n);
  for (const auto& atom : correlated->distribution)
    for (std::size_t i = 0; i < n; ++i) {
      if (marginals[i].size() <= atom.profile[i]) marginals[i].resize(atom.profile[i] + 1, 0.0);
      marginals[i][atom.profile[i]] += atom.probability;
    }
  return modal_of(marginals);
}

double SweepPoint::regret() const {
  if (!equilibria.empty()) return equilibria.front().regret;
  if (correlated && correlated->status == Status::optimal) return correlated->regret;
  return std::numeric_limits<double>::quiet_NaN();
}

std::vector<std::vector<double>> sweep_grid(const Scenario& scenario, const std::vector<SweepAxis>& axes,
                                            const Values& fixed) {
  const std::vector<double> base = scenario.resolve(fixed);
  std::vector<std::size_t> index;
  std::size_t count = 1;
  for (const auto& axis : axes) {
    const std::size_t p = scenario.parameter_index(axis.parameter);
    if (std::find(index.begin(), index.end(), p) != index.end())
      throw InvalidArgument("parameter '" + axis.parameter + "' is swept twice");
    if (fixed.count(axis.parameter))
      throw InvalidArgument("parameter '" + axis.parameter + "' is both set and swept");
    const auto& param = scenario.parameters()[p];
    double lo = axis.lo, hi = axis.hi;
    if (axis.values.empty()) {
      if (!std::isfinite(axis.lo) || !std::isfinite(axis.hi) || axis.lo > axis.hi || axis.steps == 0 ||
          (axis.steps == 1 && axis.lo != axis.hi))
        throw InvalidArgument("bad sweep of '" + axis.parameter + "': need finite lo <= hi and steps >= 1 (lo == hi "
                              "for one step)");
    } else {
      for (double v : axis.values)
        if (!std::isfinite(v)) throw InvalidArgument("sweep of '" + axis.parameter + "': values must be finite");
      lo = *std::min_element(axis.values.begin(), axis.values.end());
      hi = *std::max_element(axis.values.begin(), axis.values.end());
    }
    if (lo < param.min || hi > param.max)
      throw InvalidArgument(scenario.source() + ": sweep of '" + axis.parameter + "' over [" + to_string(lo) + ", " +
                            to_string(hi) + "] leaves its range [" + to_string(param.min) + ", " +
                            to_string(param.max) + "]");
    if (count > kMaxSweepPoints / axis.size())
      throw InvalidArgument("sweep too large: more than " + std::to_string(kMaxSweepPoints) + " points");
    count *= axis.size();
    index.push_back(p);
  }
  std::vector<std::vector<double>> points(count, base);
  for (std::size_t k = 0; k < count; ++k) {
    std::size_t rest = k;
    for (std::size_t a = axes.size(); a-- > 0;) {
      points[k][index[a]] = axes[a].value(rest % axes[a].size());
      rest /= axes[a].size();
    }
  }
  return points;
}

std::vector<SweepPoint> sweep_points(const Scenario& scenario, const std::vector<std::vector<double>>& points,
                                     const SweepOptions& options, bool* cancelled) {
  if (points.size() > kMaxSweepPoints)
    throw InvalidArgument("sweep too large: more than " + std::to_string(kMaxSweepPoints) + " points");
  for (const auto& p : points) scenario.check_values(p);
  if (cancelled) *cancelled = false;
  std::vector<SweepPoint> results(points.size());
  detail::PoolOptions pool{options.threads, options.continuation ? kContinuationRun : 0, options.progress,
                           options.cancel};
  if (scenario.compact()) {
    const std::size_t done = detail::run_on_points(points.size(), pool, [&] {
      return [&, compiler = Compiler(scenario)](std::size_t k, bool) mutable {
        results[k].values = points[k];
        solve_compact_point(scenario, compiler, options, results[k]);
      };
    });
    if (cancelled) *cancelled = done < points.size();
    return results;
  }
  const std::size_t done = detail::run_on_points(points.size(), pool, [&] {
    // Per thread: a compiler, a game buffer and the continuation's last
    // equilibrium, which starts afresh with each chunk (one run).
    Compiler compiler(scenario);
    Game<double> game = compiler.blank_game();
    return [&, compiler = std::move(compiler), game = std::move(game), previous = std::optional<MixedProfile<double>>()](
               std::size_t k, bool first_of_chunk) mutable {
      if (first_of_chunk) previous.reset();
      results[k].values = points[k];
      compiler.compile(points[k], game);
      if (options.exact) {
        const Game<Rational> exact = compiler.compile_exact(points[k]);
        solve_point(game, &exact, options, results[k], previous);
      } else {
        solve_point(game, nullptr, options, results[k], previous);
      }
    };
  });
  if (cancelled) *cancelled = done < points.size();
  return results;
}

SweepResult sweep(const Scenario& scenario, const std::vector<SweepAxis>& axes, const SweepOptions& options,
                  const Values& fixed) {
  SweepResult result;
  result.axes = axes;
  for (const auto& a : axes) result.shape.push_back(a.size());
  result.method = options.method;
  result.selection = options.selection;
  result.points = sweep_points(scenario, sweep_grid(scenario, axes, fixed), options, &result.cancelled);
  return result;
}

}  // namespace entente::scenario
