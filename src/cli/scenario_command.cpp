// `entente scenario` and the built-in report. Printing only: games come from
// Scenario, equilibria from entente::solve / correlated_equilibrium, grids
// from scenario::sweep.
#include "scenario_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>
#include <sstream>

#include "entente/compact/solve.hpp"
#include "entente/entente.hpp"
#include "entente/io/json.hpp"
#include "entente/scenario/alliance_sweep.hpp"
#include "entente/scenario/scenario.hpp"
#include "entente/scenario/sensitivity.hpp"
#include "entente/scenario/sweep.hpp"
#include "entente/scenario/thresholds.hpp"

namespace entente::cli {

namespace {

using scenario::Scenario;

// examples/scenarios/china_balancing.json, embedded at build time.
constexpr const char* kBuiltinScenario =
#include "builtin_scenario.inc"
    ;
constexpr const char* kBuiltinScenarioName = "builtin " ENTENTE_BUILTIN_SCENARIO_NAME;

/// A progress bar on stderr, drawn only when stderr is a terminal.
class ProgressBar {
 public:
  ProgressBar() : enabled_(isatty(STDERR_FILENO) == 1) {}
  void operator()(std::size_t done, std::size_t total) {
    if (!enabled_ || total == 0) return;
    const std::size_t width = 40, filled = done * width / total;
    std::fprintf(stderr, "\r[%s%s] %zu/%zu", std::string(filled, '#').c_str(), std::string(width - filled, ' ').c_str(),
                 done, total);
    std::fflush(stderr);
    drawn_ = true;
  }
  ~ProgressBar() {
    if (drawn_) std::fprintf(stderr, "\r%s\r", std::string(60, ' ').c_str());
  }

 private:
  bool enabled_;
  bool drawn_ = false;
};

std::string short_number(double x) {
  if (x == 0) x = 0;  // no "-0"
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", x);
  return buf;
}

template <class Scalar>
std::string number(const Scalar& x) {
  if constexpr (is_exact_v<Scalar>)
    return to_string(x);
  else
    return short_number(x);
}

/// The game at `values`: the exact game (expressions in rationals) for
/// Rational, the double one otherwise.
template <class Scalar>
Game<Scalar> game_of(const Scenario& sc, const std::vector<double>& values) {
  if constexpr (is_exact_v<Scalar>)
    return sc.exact_game_at(values);
  else
    return sc.game_at(values);
}

template <class Scalar>
CompactGame<Scalar> compact_game_of(const Scenario& sc, const std::vector<double>& values) {
  if constexpr (is_exact_v<Scalar>)
    return sc.exact_compact_game_at(values);
  else
    return sc.compact_game_at(values);
}

/// "x" for a pure strategy x, "x 1/3, y 2/3" for a mixed one.
template <class Scalar>
std::string strategy_text(const std::vector<std::string>& names, const std::vector<Scalar>& p) {
  std::string out;
  for (std::size_t s = 0; s < p.size(); ++s) {
    if (p[s] == 0) continue;
    if (p[s] == 1) return names[s];
    out += (out.empty() ? "" : ", ") + names[s] + " " + number(p[s]);
  }
  return out;
}

template <class Scalar>
bool is_pure(const Equilibrium<Scalar>& eq) {
  for (const auto& s : eq.profile.strategies)
    if (std::count(s.begin(), s.end(), Scalar(1)) != 1) return false;
  return true;
}

/// What the report found at one parameter point: every equilibrium the
/// method found (pure ones first), the headline one the selection rule
/// picks, and the maximum-welfare correlated equilibrium where a Nash
/// method found none (or when the method is ce/cce). G: the dense Game or
/// a CompactGame.
template <class Scalar, class G = Game<Scalar>>
struct Findings {
  G game;
  SolveResult<Scalar> result;               ///< selection all
  std::vector<Equilibrium<Scalar>> headline;  ///< the selected one (empty when none)
  Selection selection;
};

template <class Scalar>
Findings<Scalar> find_equilibria(Game<Scalar> game, const SolveOptions& options) {
  SolveOptions all = options;
  all.selection = Selection::all();
  Findings<Scalar> f{std::move(game), {}, {}, options.selection};
  f.result = solve(f.game, all);
  std::stable_partition(f.result.equilibria.begin(), f.result.equilibria.end(),
                        [](const auto& eq) { return is_pure(eq); });
  f.headline = select_equilibria(f.game, f.result.equilibria, options.selection);
  if (!f.result.correlated && f.result.equilibria.empty())
    f.result.correlated = solve(f.game, {.method = Method::ce}).correlated;
  return f;
}

/// A compact scenario's findings (compact/solve.hpp): pure equilibria,
/// else polymatrix Lemke or the certified logit endpoint; no correlated
/// fallback.
template <class Scalar>
Findings<Scalar, CompactGame<Scalar>> find_compact_equilibria(CompactGame<Scalar> game, const SolveOptions& options) {
  Findings<Scalar, CompactGame<Scalar>> f{std::move(game), {}, {}, options.selection};
  f.result = solve_compact(f.game, {.method = options.method, .selection = Selection::all()});
  std::stable_partition(f.result.equilibria.begin(), f.result.equilibria.end(),
                        [](const auto& eq) { return is_pure(eq); });
  f.headline = select_equilibria(f.game, f.result.equilibria, options.selection);
  return f;
}

template <class Scalar, class G>
void print_equilibria(const Scenario& sc, const Findings<Scalar, G>& f, std::ostream& out) {
  const auto& g = f.game;
  std::size_t width = 0;
  for (const auto& p : g.players()) width = std::max(width, p.size());
  const auto& equilibria = f.result.equilibria;
  const std::string method = to_string(f.result.method);
  const std::size_t pure = static_cast<std::size_t>(
      std::count_if(equilibria.begin(), equilibria.end(), [](const auto& eq) { return is_pure(eq); }));
  if (f.result.correlated) {
    const auto& c = *f.result.correlated;
    if (method_info(f.result.method).result != ResultKind::correlated)
      out << "No equilibrium found by " << method << " (" << to_string(f.result.status)
          << "); the correlated equilibrium of maximum welfare instead:\n";
    else
      out << (c.coarse ? "Coarse correlated" : "Correlated") << " equilibrium of maximum welfare:\n";
    if (c.status != Status::optimal) {
      out << "  the LP stopped: " << entente::to_string(c.status) << "\n";
      return;
    }
    out << "  (largest gain from deviating " << number(c.regret) << ")\n";
    std::vector<ProfileProbability<Scalar>> atoms = c.distribution;
    std::stable_sort(atoms.begin(), atoms.end(), [](const auto& a, const auto& b) { return a.probability > b.probability; });
    const std::size_t shown = std::min<std::size_t>(atoms.size(), 4);
    for (std::size_t k = 0; k < shown; ++k) {
      out << "  probability " << number(atoms[k].probability) << ":";
      for (std::size_t i = 0; i < g.num_players(); ++i)
        out << (i ? ", " : " ") << g.players()[i] << " " << g.strategies(i)[atoms[k].profile[i]];
      out << "\n";
    }
    if (atoms.size() > shown) out << "  ... and " << atoms.size() - shown << " more profiles\n";
    out << "  expected payoffs:";
    for (std::size_t i = 0; i < g.num_players(); ++i) out << (i ? ", " : " ") << g.players()[i] << " " << number(c.payoffs[i]);
    out << "\n";
    return;
  }
  out << equilibria.size() << " equilibri" << (equilibria.size() == 1 ? "um" : "a") << " by " << method << " ("
      << pure << " pure; " << to_string(f.result.status) << ")\n";
  const std::size_t shown = std::min<std::size_t>(equilibria.size(), 5);
  for (std::size_t k = 0; k < shown; ++k) {
    const auto& eq = equilibria[k];
    out << "Equilibrium " << k + 1 << (is_pure(eq) ? " (pure" : " (mixed") << ", regret " << number(eq.regret) << ")\n";
    std::vector<std::string> texts;
    std::size_t text_width = 0;
    for (std::size_t i = 0; i < g.num_players(); ++i) {
      texts.push_back(strategy_text(g.strategies(i), eq.profile[i]));
      text_width = std::max(text_width, texts.back().size());
    }
    for (std::size_t i = 0; i < g.num_players(); ++i)
      out << "  " << g.players()[i] << std::string(width - g.players()[i].size(), ' ') << "  " << texts[i]
          << std::string(text_width - texts[i].size(), ' ') << "  payoff " << number(eq.payoffs[i]) << "\n";
  }
  if (equilibria.size() > shown)
    out << "... and " << equilibria.size() - shown << " more (--json --selection all lists all)\n";
  (void)sc;
}

/// The focus actor's stance in the first equilibrium: each of its
/// strategies' expected payoff against the others' play, the best one and
/// what each alternative would cost it.
template <class Scalar, class G>
void print_stance(std::size_t c, const Findings<Scalar, G>& f, std::ostream& out) {
  const auto& g = f.game;
  const std::string& name = g.players()[c];
  if (f.result.correlated) {
    if (f.result.correlated->status != Status::optimal) return;
    std::vector<Scalar> marginal(g.num_strategies(c), Scalar(0));
    for (const auto& atom : f.result.correlated->distribution) marginal[atom.profile[c]] += atom.probability;
    out << name << "'s stance under the correlated equilibrium: " << strategy_text(g.strategies(c), marginal)
        << " (regret: largest gain from deviating " << number(f.result.correlated->regret) << ")\n";
    return;
  }
  if (f.headline.empty()) {
    out << "No equilibrium is selected by " << to_string(f.selection) << ".\n";
    return;
  }
  const auto& eq = f.headline.front();
  const auto values = strategy_values(g, eq.profile, c);
  const std::size_t best = static_cast<std::size_t>(std::max_element(values.begin(), values.end()) - values.begin());
  out << name << "'s stance in the selected equilibrium (selection " << to_string(f.selection)
      << "): " << strategy_text(g.strategies(c), eq.profile[c]) << ", payoff "
      << number(eq.payoffs[c]) << ", regret " << number(player_regret(g, eq.profile, c)) << "\n";
  out << "  against the others' play, each stance would earn:";
  for (std::size_t s = 0; s < values.size(); ++s)
    out << (s ? ", " : " ") << g.strategies(c)[s] << " " << number(values[s])
        << (s == best ? "" : " (" + number(Scalar(values[s] - values[best])) + ")");
  out << "\n";
  out << "  selected by " << to_string(f.selection) << ": " << explain(f.selection);
  if (f.result.equilibria.size() > 1) out << ", among the " << f.result.equilibria.size() << " equilibria found";
  out << "\n";
}

/// Seconds the report gives the alliance analysis; beyond it the section
/// says how many partitions it covers.
constexpr double kReportAllianceSeconds = 5.0;
/// Stable structures listed per notion before "... and k more".
constexpr std::size_t kReportStableShown = 4;

/// Which bloc structures are stable, and who holds the balance: the alliance
/// layer's analysis (alliance/analysis.hpp: alpha value, split none, every
/// partition of the actors up to 10) of the game at these values: the
/// stable structures per notion, each actor's Shapley value of the alpha
/// characteristic function and the swing players (whose move alone turns
/// one stable structure into another). Deterministic unless the time limit
/// stops it, which the heading then says.
void print_stable_bloc_structures(const Game<double>& game, std::ostream& out) {
  AllianceOptions options;
  options.time_limit_seconds = kReportAllianceSeconds;
  const auto result = analyse_alliances(game, options);
  const auto& names = game.players();
  out << "Stable bloc structures (alpha value, no side payments; ";
  if (result.status == AllianceStatus::time_limit)
    out << "stopped at the " << short_number(kReportAllianceSeconds) << " s limit after " << result.partitions.size()
        << " of " << result.total_partitions << " partitions, so the lists cover those only";
  else
    out << result.partitions.size() << " partitions" << (result.status == AllianceStatus::heuristic ? ", sampled" : "");
  out << "):\n";
  for (Stability s : result.notions) {
    std::vector<const PartitionRecord<double>*> stable;
    for (const auto& r : result.partitions)
      if (r.flags[s].value_or(false)) stable.push_back(&r);
    out << "  " << to_string(s) << ":";
    if (stable.empty()) {
      out << " none";
      // Graded notions: the partitions closest to stable.
      if (auto it = result.most_stable.find(s); it != result.most_stable.end()) {
        out << "; most stable (smallest margin, the largest gain of a permitted deviation):";
        for (std::size_t k = 0; k < it->second.size() && k < kReportStableShown; ++k) {
          const auto& r = result.partitions[it->second[k]];
          out << (k ? ", " : " ") << r.outcome.partition.to_string(names) << " ("
              << short_number(*r.flags.margin[std::size_t(s)]) << ")";
        }
        if (it->second.size() > kReportStableShown) out << " ... and " << it->second.size() - kReportStableShown << " more";
      }
    }
    for (std::size_t k = 0; k < stable.size() && k < kReportStableShown; ++k)
      out << (k ? ", " : " ") << stable[k]->outcome.partition.to_string(names);
    if (stable.size() > kReportStableShown) out << " ... and " << stable.size() - kReportStableShown << " more";
    out << "\n";
  }
  out << "Shapley value:";
  for (std::size_t i = 0; i < names.size(); ++i) out << (i ? ", " : " ") << names[i] << " " << short_number(result.shapley[i]);
  out << "\n";
  out << "Who holds the balance (swing players: their move alone turns one stable structure into another):\n";
  for (const auto& [notion, players] : result.swing_players) {
    out << "  " << to_string(notion) << ":";
    if (players.empty()) out << " none";
    for (std::size_t k = 0; k < players.size(); ++k) out << (k ? ", " : " ") << names[players[k]];
    out << "\n";
  }
}

/// How the focus actor's stance moves over a short grid of two parameters:
/// the file's "map", else its first two (Scenario::map()); the other
/// parameters stay at the report's values (--set included).
void print_stance_sweep(const Scenario& sc, std::size_t c, const std::vector<double>& values,
                        const SolveOptions& solve_options, std::ostream& out) {
  const auto& params = sc.parameters();
  if (params.empty()) return;
  std::vector<scenario::SweepAxis> axes;
  for (std::size_t p : sc.map()) {
    const auto& param = params[p];
    const std::size_t steps = param.min == param.max ? 1 : 5;
    axes.push_back({param.name, param.min, param.max, steps, {}});
  }
  scenario::SweepOptions options;
  options.method = solve_options.method;
  options.selection = solve_options.selection;
  options.correlated_fallback = true;
  ProgressBar bar;
  options.progress = [&](std::size_t done, std::size_t total) { bar(done, total); };
  scenario::Values fixed;  // the point the report is about: --set values stay set
  for (std::size_t p = 0; p < params.size(); ++p) fixed[params[p].name] = values[p];
  for (const auto& axis : axes) fixed.erase(axis.parameter);
  const auto result = scenario::sweep(sc, axes, options, fixed);
  const auto& strategies = sc.actors()[c].strategies;
  out << "How " << sc.actors()[c].name << "'s stance shifts (rows " << axes[0].parameter;
  if (axes.size() > 1) out << ", columns " << axes[1].parameter;
  const std::string resolved = to_string(options.method);
  const bool correlated_method = method_info(options.method).result == ResultKind::correlated;
  out << "; others as above; selection " << to_string(options.selection)
      << (correlated_method ? "; maximum-welfare " + resolved + "):\n"
                            : "; * = no equilibrium by " + resolved + ", correlated instead):\n");
  const std::size_t cols = axes.size() > 1 ? axes[1].steps : 1;
  auto emit = [&](std::string line) {
    line.erase(line.find_last_not_of(' ') + 1);
    out << line << "\n";
  };
  std::string line(10, ' ');
  for (std::size_t j = 0; j < cols; ++j) {
    std::string head = axes.size() > 1 ? short_number(axes[1].value(j)) : "";
    line += head + std::string(head.size() < 7 ? 7 - head.size() : 1, ' ');
  }
  emit(line);
  for (std::size_t r = 0; r < axes[0].steps; ++r) {
    std::string head = short_number(axes[0].value(r));
    line = "  " + head + std::string(head.size() < 8 ? 8 - head.size() : 1, ' ');
    for (std::size_t j = 0; j < cols; ++j) {
      const auto& point = result.points[r * cols + j];
      const auto modal = point.modal_strategies();
      std::string cell = modal.empty() ? "-" : std::string(1, static_cast<char>('A' + modal[c]));
      if (!correlated_method && point.equilibria.empty() && point.correlated) cell += "*";
      line += cell + std::string(7 - cell.size(), ' ');
    }
    emit(line);
  }
  out << "  ";
  for (std::size_t s = 0; s < strategies.size(); ++s)
    out << (s ? ", " : "") << static_cast<char>('A' + s) << " = " << strategies[s].name;
  out << "\n";
}

/// A switch's location, to the 1e-6 it is bracketed to.
std::string switch_value(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f", x);
  return buf;
}

/// The thresholds of the stance map's parameters (thresholds.hpp), one line
/// each: where the focus actor's stance changes along it, the others as in
/// the report.
void print_map_thresholds(const Scenario& sc, std::size_t c, const std::vector<double>& values,
                          const SolveOptions& solve_options, std::ostream& out) {
  const auto& params = sc.parameters();
  if (params.empty()) return;
  scenario::ThresholdOptions options;
  options.method = solve_options.method;
  options.selection = solve_options.selection;
  const auto& strategies = sc.actors()[c].strategies;
  auto name = [&](std::size_t s) { return s == scenario::kNoStrategy ? std::string("(none)") : strategies[s].name; };
  out << "Where " << sc.actors()[c].name << "'s stance changes along each (others as above; selection "
      << to_string(options.selection) << "; bisection to " << short_number(options.tolerance) << "):\n";
  for (std::size_t p : sc.map()) {
    scenario::Values fixed;
    for (std::size_t q = 0; q < params.size(); ++q)
      if (q != p) fixed[params[q].name] = values[q];
    const auto r = scenario::thresholds(sc, params[p].name, c, fixed, options);
    out << "  " << params[p].name << " over [" << short_number(params[p].min) << ", " << short_number(params[p].max)
        << "]: " << name(r.strategies.front());
    for (const auto& w : r.switches) out << "; at " << switch_value(w.value) << " -> " << name(w.to);
    out << (r.switches.empty() ? " throughout\n" : "\n");
  }
}

std::string values_text(const Scenario& sc, const std::vector<double>& values) {
  std::string out;
  for (std::size_t p = 0; p < values.size(); ++p)
    out += (p ? ", " : "") + sc.parameters()[p].name + "=" + short_number(values[p]);
  return out.empty() ? "no parameters" : out;
}

template <class Scalar>
void report(const Scenario& sc, std::size_t focus, const std::vector<double>& values, const SolveOptions& options,
            bool with_sweep) {
  auto& out = std::cout;
  // The games first: an expression without an exact value is one error
  // line, with no report begun.
  Game<double> floating = sc.game_at(values);
  Game<Scalar> game = game_of<Scalar>(sc, values);
  out << (sc.title().empty() ? std::string("(untitled scenario)") : sc.title()) << "\n";
  const auto shape = sc.shape();
  out << shape.size() << " actors, strategies";
  for (std::size_t i = 0; i < shape.size(); ++i) out << (i ? " x " : " ") << shape[i];
  out << "; " << values_text(sc, values) << "\n\n";
  Findings<Scalar> f = find_equilibria(std::move(game), options);
  print_equilibria(sc, f, out);
  out << "\n";
  print_stance(focus, f, out);
  if (with_sweep) {
    out << "\n";
    print_stance_sweep(sc, focus, values, options, out);
    print_map_thresholds(sc, focus, values, options, out);
  }
  out << "\n";
  print_stable_bloc_structures(floating, out);
}

/// The report of a compact scenario (docs/compact.md): its equilibria and
/// the focus actor's stance, computed from the terms.
template <class Scalar>
void compact_report(const Scenario& sc, std::size_t focus, const std::vector<double>& values,
                    const SolveOptions& options) {
  auto& out = std::cout;
  CompactGame<Scalar> game = compact_game_of<Scalar>(sc, values);
  out << (sc.title().empty() ? std::string("(untitled scenario)") : sc.title()) << "\n";
  const auto shape = sc.shape();
  out << shape.size() << " actors, strategies";
  for (std::size_t i = 0; i < shape.size(); ++i) out << (i ? " x " : " ") << shape[i];
  out << "; " << values_text(sc, values) << "\n";
  out << "compact game: " << game.terms().size() << " terms, no payoff tensor"
      << (game.is_polymatrix() ? " (polymatrix)" : "") << "\n\n";
  const auto f = find_compact_equilibria(std::move(game), options);
  print_equilibria(sc, f, out);
  out << "\n";
  print_stance(focus, f, out);
  out << "\n";
  print_stance_sweep(sc, focus, values, options, out);
}

// --- JSON and CSV --------------------------------------------------------------

template <class Scalar>
void print_single_json(const Scenario& sc, const std::vector<double>& values, const SolveOptions& options) {
  const Game<Scalar> game = game_of<Scalar>(sc, values);
  SolveResult<Scalar> result = solve(game, options);
  if (result.found == 0 && !result.correlated)  // the correlated fallback
    result.correlated = solve(game, {.method = Method::ce}).correlated;
  std::cout << io::scenario_json(sc, values, game, result) << "\n";
}

template <class Scalar>
void print_compact_json(const Scenario& sc, const std::vector<double>& values, const SolveOptions& options) {
  const CompactGame<Scalar> game = compact_game_of<Scalar>(sc, values);
  const SolveResult<Scalar> result = solve_compact(game, {.method = options.method, .selection = options.selection});
  std::cout << io::scenario_json(sc, values, game.players(), game.strategies(), result) << "\n";
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

/// One row per (equilibrium, actor, strategy with positive probability).
template <class Scalar>
void print_single_csv(const Scenario& sc, const std::vector<double>& values, const SolveOptions& options) {
  const Game<Scalar> g = game_of<Scalar>(sc, values);
  const SolveResult<Scalar> result = solve(g, options);
  const auto& equilibria = result.equilibria;
  std::cout << "equilibrium,kind,actor,strategy,probability,payoff,regret\n";
  for (std::size_t k = 0; k < equilibria.size(); ++k) {
    const auto& eq = equilibria[k];
    for (std::size_t i = 0; i < g.num_players(); ++i)
      for (std::size_t s = 0; s < g.num_strategies(i); ++s)
        if (eq.profile[i][s] != 0)
          std::cout << k + 1 << "," << (is_pure(eq) ? "pure" : "mixed") << "," << csv_field(g.players()[i]) << ","
                    << csv_field(g.strategies(i)[s]) << "," << to_string(eq.profile[i][s]) << ","
                    << to_string(eq.payoffs[i]) << "," << to_string(eq.regret) << "\n";
  }
  if (result.correlated && result.correlated->status == Status::optimal) {
    // Marginals of the correlated distribution.
    const auto& c = *result.correlated;
    for (std::size_t i = 0; i < g.num_players(); ++i) {
      std::vector<Scalar> marginal(g.num_strategies(i), Scalar(0));
      for (const auto& atom : c.distribution) marginal[atom.profile[i]] += atom.probability;
      for (std::size_t s = 0; s < marginal.size(); ++s)
        if (marginal[s] != 0)
          std::cout << equilibria.size() + 1 << ",correlated," << csv_field(g.players()[i]) << ","
                    << csv_field(g.strategies(i)[s]) << "," << to_string(marginal[s]) << "," << to_string(c.payoffs[i])
                    << "," << to_string(c.regret) << "\n";
    }
  }
}

void print_sweep(const Scenario& sc, const scenario::SweepResult& r, const ScenarioRequest& request) {
  const auto& actors = sc.actors();
  auto modal_name = [&](const scenario::SweepPoint& p, std::size_t i) -> std::string {
    const auto m = p.modal_strategies();
    return m.empty() ? std::string() : actors[i].strategies[m[i]].name;
  };
  if (request.json) {
    std::cout << io::sweep_json(sc, r, request.continuation) << "\n";
    return;
  }
  if (request.csv) {
    for (const auto& a : r.axes) std::cout << csv_field(a.parameter) << ",";
    std::cout << "equilibria,regret";
    for (const auto& a : actors) std::cout << "," << csv_field("payoff " + a.name) << "," << csv_field("strategy " + a.name);
    std::cout << "\n";
    for (const auto& p : r.points) {
      for (const auto& a : r.axes) std::cout << to_string(p.values[sc.parameter_index(a.parameter)]) << ",";
      std::cout << p.equilibria.size() << "," << to_string(p.regret());
      const auto payoffs = p.payoffs();
      for (std::size_t i = 0; i < actors.size(); ++i)
        std::cout << "," << (payoffs.empty() ? std::string() : to_string(payoffs[i])) << "," << csv_field(modal_name(p, i));
      std::cout << "\n";
    }
    return;
  }
  std::cout << (sc.title().empty() ? std::string("(untitled scenario)") : sc.title()) << "\n";
  std::cout << "sweep of " << r.points.size() << " points, method " << to_string(r.method)
            << (request.exact ? ", exact" : "") << ", selection " << to_string(r.selection)
            << "; each line: the selected equilibrium's strategies (* = correlated, no equilibrium by the method)\n";
  for (const auto& p : r.points) {
    std::string head;
    for (const auto& a : r.axes)
      head += (head.empty() ? "" : " ") + a.parameter + "=" + short_number(p.values[sc.parameter_index(a.parameter)]);
    std::cout << head << ": " << p.equilibria.size() << " equilibri" << (p.equilibria.size() == 1 ? "um" : "a");
    const auto payoffs = p.payoffs();
    if (!payoffs.empty()) {
      std::cout << (p.equilibria.empty() ? " *" : "") << ";";
      for (std::size_t i = 0; i < actors.size(); ++i)
        std::cout << (i ? ", " : " ") << actors[i].name << " " << modal_name(p, i) << " (" << short_number(payoffs[i]) << ")";
    }
    std::cout << "\n";
  }
}

/// Per notion, the stable partitions at one point of a stability map, in
/// the analysis' order.
std::vector<std::vector<const PartitionRecord<double>*>> stable_by_notion(const AllianceAnalysis<double>& a) {
  std::vector<std::vector<const PartitionRecord<double>*>> out(a.notions.size());
  for (const auto& r : a.partitions)
    for (std::size_t k = 0; k < a.notions.size(); ++k)
      if (r.flags[a.notions[k]].value_or(false)) out[k].push_back(&r);
  return out;
}

void print_alliance_map(const Scenario& sc, const scenario::AllianceSweepResult& r, const AllianceMapRequest& request,
                        const std::optional<std::vector<std::size_t>>& bloc) {
  if (request.json) {
    std::cout << io::alliance_sweep_json(sc, r, bloc) << "\n";
    return;
  }
  std::vector<std::string> names;
  for (const auto& a : sc.actors()) names.push_back(a.name);
  std::string bloc_name;
  if (bloc)
    for (std::size_t i : *bloc) bloc_name += (bloc_name.empty() ? "{" : ",") + names[i];
  if (bloc) bloc_name += "}";
  const auto& notions = r.points.empty() || !r.points.front().analysis ? std::vector<Stability>{}
                                                                       : r.points.front().analysis->notions;
  // A compact scenario's points carry the welfare-maximising structure.
  const bool welfare = !r.points.empty() && r.points.front().welfare.has_value();
  const std::string value = r.points.empty() || !r.points.front().analysis
                                ? request.value
                                : to_string(r.points.front().analysis->characteristic.kind);
  if (request.csv) {
    for (const auto& a : r.axes) std::cout << csv_field(a.parameter) << ",";
    std::cout << "status";
    for (auto s : notions) {
      std::cout << "," << to_string(s) << " stable," << to_string(s) << " first";
      if (bloc) std::cout << "," << to_string(s) << " bloc stable," << to_string(s) << " bloc margin";
    }
    if (welfare) std::cout << ",welfare structure,welfare value,welfare optimal";
    std::cout << "\n";
  } else {
    std::cout << (sc.title().empty() ? std::string("(untitled scenario)") : sc.title()) << "\n";
    std::cout << "stability map of " << r.points.size() << " points, value " << value << ", split "
              << request.split << "; each line: per notion, how many partitions are stable and the first of them";
    if (bloc)
      std::cout << "; [bloc " << bloc_name << ": stable or not, and the best margin of the partitions that have it]";
    if (welfare) std::cout << "; the welfare-maximising structure and its value";
    std::cout << "\n";
  }
  for (const auto& p : r.points) {
    if (!p.analysis) continue;  // not reached before the sweep was cancelled
    const auto stable = stable_by_notion(*p.analysis);
    std::optional<BlocQuery<double>> query;
    if (bloc) query = bloc_query(*p.analysis, *bloc);
    auto standing = [&](Stability s) { return query->notions.at(s); };
    auto margin = [](const auto& m) { return m ? short_number(*m) : std::string(); };
    if (request.csv) {
      for (const auto& a : r.axes) std::cout << to_string(p.values[sc.parameter_index(a.parameter)]) << ",";
      std::cout << to_string(p.analysis->status);
      for (std::size_t k = 0; k < stable.size(); ++k) {
        const auto& list = stable[k];
        std::cout << "," << list.size() << "," << csv_field(list.empty() ? "" : list.front()->outcome.partition.to_string(names));
        if (query) std::cout << "," << (standing(notions[k]).stable ? "true" : "false") << "," << margin(standing(notions[k]).margin);
      }
      if (const auto& w = p.welfare)
        std::cout << "," << csv_field(w->search.structure.to_string(names)) << "," << short_number(w->certificate) << ","
                  << (w->search.status == Status::optimal ? "true" : "false");
      std::cout << "\n";
      continue;
    }
    std::string head;
    for (const auto& a : r.axes)
      head += (head.empty() ? "" : " ") + a.parameter + "=" + short_number(p.values[sc.parameter_index(a.parameter)]);
    std::cout << head << ":";
    for (std::size_t k = 0; k < stable.size(); ++k) {
      std::cout << (k ? ";" : "") << " " << to_string(notions[k]) << " " << stable[k].size();
      if (!stable[k].empty()) std::cout << " " << stable[k].front()->outcome.partition.to_string(names);
      if (query) {
        const auto st = standing(notions[k]);
        std::cout << " [" << (st.stable ? "stable" : "not stable") << (st.margin ? ", " + margin(st.margin) : "") << "]";
      }
    }
    if (const auto& w = p.welfare)
      std::cout << "; welfare " << w->search.structure.to_string(names) << " " << short_number(w->certificate)
                << (w->search.status == Status::optimal ? "" : " (time_limit)");
    if (p.analysis->status != Status::complete) std::cout << " (" << to_string(p.analysis->status) << ")";
    std::cout << "\n";
  }
  if (r.cancelled && !request.csv) std::cout << "(cancelled)\n";
}

/// `--thresholds PARAM`: where the focus actor's selected strategy changes
/// along PARAM (scenario/thresholds.hpp), as text or JSON.
void print_thresholds(const Scenario& sc, const scenario::ThresholdResult& r, const std::vector<double>& values,
                      const scenario::ThresholdOptions& options, bool json) {
  if (json) {
    std::cout << io::thresholds_json(sc, r, values, options.tolerance) << "\n";
    return;
  }
  const auto& actor = sc.actors()[r.focus];
  auto text = [&](std::size_t s) { return s == scenario::kNoStrategy ? std::string("(none)") : actor.strategies[s].name; };
  const auto& param = sc.parameters()[sc.parameter_index(r.parameter)];
  std::cout << (sc.title().empty() ? std::string("(untitled scenario)") : sc.title()) << "\n";
  std::string others;
  for (std::size_t p = 0; p < values.size(); ++p)
    if (sc.parameters()[p].name != r.parameter)
      others += (others.empty() ? "" : ", ") + sc.parameters()[p].name + "=" + short_number(values[p]);
  std::cout << "Where " << actor.name << "'s stance changes as " << r.parameter << " runs over ["
            << short_number(param.min) << ", " << short_number(param.max) << "] (" << (others.empty() ? "no other parameters" : others)
            << "; selection " << to_string(r.selection) << "; grid " << r.grid.size() << ", bisection to "
            << short_number(options.tolerance) << "):\n";
  if (r.switches.empty()) {
    std::cout << "  no change: " << text(r.strategies.front()) << " throughout\n";
    return;
  }
  std::cout << "  from " << short_number(param.min) << ": " << text(r.strategies.front()) << "\n";
  for (const auto& s : r.switches)
    std::cout << "  at " << switch_value(s.value) << ": " << text(s.from) << " -> " << text(s.to) << "\n";
}

/// `--sensitivity`: which parameters and terms the focus actor's stance
/// rests on (scenario/sensitivity.hpp), as text or JSON.
void print_sensitivity(const Scenario& sc, const scenario::SensitivityResult& r, bool json) {
  if (json) {
    std::cout << io::sensitivity_json(sc, r) << "\n";
    return;
  }
  const auto& actor = sc.actors()[r.focus];
  auto text = [&](std::size_t s) { return s == scenario::kNoStrategy ? std::string("(none)") : actor.strategies[s].name; };
  auto payoff = [](double u) { return std::isnan(u) ? std::string("-") : short_number(u); };
  std::cout << (sc.title().empty() ? std::string("(untitled scenario)") : sc.title()) << "\n";
  std::cout << "Sensitivity of " << actor.name << "'s stance (selection " << to_string(r.selection) << "; "
            << values_text(sc, r.values) << "): " << text(r.stance) << ", payoff " << payoff(r.payoff) << "\n";
  if (!r.parameters.empty())
    std::cout << "Each parameter over its range, the others as above (" << actor.name
              << "'s payoff range; stances; switches):\n";
  for (const auto& p : r.parameters) {
    std::string stances;
    for (std::size_t s : p.stances) stances += (stances.empty() ? "" : ", ") + text(s);
    std::cout << "  " << p.parameter << " [" << short_number(p.min) << ", " << short_number(p.max) << "]: payoff "
              << payoff(p.payoff_min) << " to " << payoff(p.payoff_max) << "; " << stances;
    for (const auto& w : p.switches)
      std::cout << "; at " << switch_value(w.value) << " " << text(w.from) << " -> " << text(w.to);
    std::cout << "\n";
  }
  std::size_t changing = 0;
  for (const auto& t : r.terms) changing += t.changes;
  std::cout << changing << " of " << r.terms.size() << " payoff terms change the stance when scaled by "
            << short_number(1 - r.perturb) << " or " << short_number(1 + r.perturb) << (changing ? ":" : "") << "\n";
  for (const auto& t : r.terms)
    if (t.changes)
      std::cout << "  " << t.path << " (" << t.label << "): x" << short_number(t.low.scale) << " " << text(t.low.stance)
                << ", x" << short_number(t.high.scale) << " " << text(t.high.stance) << "\n";
}

int run(const Scenario& sc, const ScenarioRequest& request, bool builtin) {
  if (request.json && request.csv) throw InvalidArgument("--json and --csv exclude each other");
  const scenario::Values values = scenario::parse_assignments(request.sets);
  std::vector<scenario::SweepAxis> axes;
  for (const auto& s : request.sweeps) axes.push_back(scenario::parse_sweep_axis(s));
  const std::vector<double> resolved = sc.resolve(values);
  SolveOptions options;  // checks the names before any work
  options.method = parse_method(request.method);
  options.selection = Selection::parse(request.selection);
  const std::size_t focus = request.focus.empty() ? sc.focus() : sc.actor_index(request.focus);

  if (request.perturb && !request.sensitivity) throw InvalidArgument("--perturb goes with --sensitivity");
  if (request.sensitivity) {
    if (!axes.empty() || !request.thresholds.empty())
      throw InvalidArgument("--sensitivity excludes --sweep and --thresholds");
    if (request.csv) throw InvalidArgument("--sensitivity prints text or --json, not --csv");
    if (request.exact) throw InvalidArgument("--sensitivity runs in floating point; --exact does not apply");
    scenario::SensitivityOptions sensitivity_options;
    if (request.perturb) sensitivity_options.perturb = *request.perturb;
    sensitivity_options.thresholds.method = options.method;
    sensitivity_options.thresholds.selection = options.selection;
    print_sensitivity(sc, scenario::sensitivity(sc, focus, values, sensitivity_options), request.json);
    return 0;
  }

  if (sc.compact() && axes.empty() && request.thresholds.empty()) {
    if (request.csv) throw InvalidArgument("a compact scenario prints a report or --json (docs/compact.md), not --csv");
    if (request.json)
      request.exact ? print_compact_json<Rational>(sc, resolved, options)
                    : print_compact_json<double>(sc, resolved, options);
    else
      request.exact ? compact_report<Rational>(sc, focus, resolved, options)
                    : compact_report<double>(sc, focus, resolved, options);
    return 0;
  }

  if (!request.thresholds.empty()) {
    if (!axes.empty()) throw InvalidArgument("--thresholds and --sweep exclude each other");
    if (request.csv) throw InvalidArgument("--thresholds prints text or --json, not --csv");
    if (request.exact) throw InvalidArgument("--thresholds locates switches in floating point; --exact does not apply");
    scenario::ThresholdOptions threshold_options;
    threshold_options.method = options.method;
    threshold_options.selection = options.selection;
    const auto result = scenario::thresholds(sc, request.thresholds, focus, values, threshold_options);
    print_thresholds(sc, result, resolved, threshold_options, request.json);
    return 0;
  }

  if (!axes.empty()) {
    scenario::SweepOptions sweep_options;
    sweep_options.method = options.method;
    sweep_options.selection = options.selection;
    sweep_options.exact = request.exact;
    sweep_options.correlated_fallback = options.method == Method::automatic;
    sweep_options.continuation = request.continuation;
    ProgressBar bar;
    sweep_options.progress = [&](std::size_t done, std::size_t total) { bar(done, total); };
    const auto result = scenario::sweep(sc, axes, sweep_options, values);
    print_sweep(sc, result, request);
    return 0;
  }
  if (request.json) {
    request.exact ? print_single_json<Rational>(sc, resolved, options)
                  : print_single_json<double>(sc, resolved, options);
  } else if (request.csv) {
    request.exact ? print_single_csv<Rational>(sc, resolved, options)
                  : print_single_csv<double>(sc, resolved, options);
  } else {
    request.exact ? report<Rational>(sc, focus, resolved, options, true)
                  : report<double>(sc, focus, resolved, options, true);
  }
  (void)builtin;
  return 0;
}

}  // namespace

int run_scenario_file(const std::string& path, const ScenarioRequest& request) {
  return run(Scenario::load(path), request, false);
}

std::vector<std::size_t> bloc_members(const std::vector<std::string>& players, const std::string& text) {
  std::vector<std::size_t> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    std::string name = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    name.erase(0, name.find_first_not_of(" \t"));
    name.erase(name.find_last_not_of(" \t") + 1);
    const auto it = std::find(players.begin(), players.end(), name);
    if (it == players.end()) {
      std::string known;
      for (const auto& p : players) known += (known.empty() ? "" : ", ") + p;
      throw InvalidArgument("--bloc: no player named '" + name + "' (players: " + known + ")");
    }
    out.push_back(std::size_t(it - players.begin()));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

int run_alliance_map(const std::string& path, const AllianceMapRequest& request) {
  if (request.json && request.csv) throw InvalidArgument("--json and --csv exclude each other");
  const Scenario sc = Scenario::load(path);
  const scenario::Values values = scenario::parse_assignments(request.sets);
  std::vector<scenario::SweepAxis> axes;
  for (const auto& s : request.sweeps) axes.push_back(scenario::parse_sweep_axis(s));
  scenario::AllianceSweepOptions options;
  if (request.compact && !sc.compact())
    throw InvalidArgument("--max-bloc-size, --starts, --seed and --welfare-algorithm apply to compact scenarios only "
                          "(docs/alliances.md, \"Many actors\")");
  if (request.compact) options.compact = *request.compact;
  options.alliance.value =
      parse_characteristic_kind(request.value.empty() ? (sc.compact() ? "gamma" : "alpha") : request.value);
  options.alliance.split = parse_bloc_split(request.split);
  if (request.time_limit > 0) options.alliance.time_limit_seconds = request.time_limit;
  ProgressBar bar;
  options.progress = [&](std::size_t done, std::size_t total) { bar(done, total); };
  std::optional<std::vector<std::size_t>> bloc;
  if (request.bloc) {
    std::vector<std::string> names;
    for (const auto& a : sc.actors()) names.push_back(a.name);
    bloc = bloc_members(names, *request.bloc);
  }
  const auto result = scenario::alliance_sweep(sc, axes, options, values);
  print_alliance_map(sc, result, request, bloc);
  return 0;
}

int run_builtin_scenario() { return run(Scenario::parse(kBuiltinScenario, kBuiltinScenarioName), {}, true); }

}  // namespace entente::cli
