// `entente scenario` and the built-in report. Printing only: games come from
// Scenario, equilibria from entente::solve / correlated_equilibrium, grids
// from scenario::sweep.
#include "scenario_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "entente/entente.hpp"
#include "entente/scenario/scenario.hpp"
#include "entente/scenario/sweep.hpp"

namespace entente::cli {

namespace {

using nlohmann::json;
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

/// "Hedge" for a pure strategy, "Hedge 1/3, Court 2/3" for a mixed one.
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

/// The actor the report focuses on: "China" when there is one, else the first.
std::size_t focus_actor(const Scenario& sc) {
  for (std::size_t i = 0; i < sc.actors().size(); ++i)
    if (sc.actors()[i].name == "China") return i;
  return 0;
}

/// What the report found at one parameter point.
template <class Scalar>
struct Findings {
  Game<Scalar> game;
  std::string method;
  std::vector<Equilibrium<Scalar>> equilibria;           ///< pure ones first
  std::optional<CorrelatedResult<Scalar>> correlated;   ///< ce/cce, or when no equilibrium was found
};

template <class Scalar>
Findings<Scalar> find_equilibria(Game<Scalar> game, const std::string& asked) {
  const std::string method = resolve_method(game, asked);
  Findings<Scalar> f{std::move(game), method, {}, std::nullopt};
  if (f.method == "ce" || f.method == "cce") {
    f.correlated = correlated_equilibrium(f.game, CorrelatedObjective<Scalar>::welfare(), f.method == "cce");
    return f;
  }
  f.equilibria = solve(f.game, f.method);
  std::stable_partition(f.equilibria.begin(), f.equilibria.end(), [](const auto& eq) { return is_pure(eq); });
  if (f.equilibria.empty()) f.correlated = correlated_equilibrium(f.game, CorrelatedObjective<Scalar>::welfare());
  return f;
}

template <class Scalar>
void print_equilibria(const Scenario& sc, const Findings<Scalar>& f, std::ostream& out) {
  const auto& g = f.game;
  std::size_t width = 0;
  for (const auto& p : g.players()) width = std::max(width, p.size());
  const std::size_t pure = static_cast<std::size_t>(std::count_if(
      f.equilibria.begin(), f.equilibria.end(), [](const auto& eq) { return is_pure(eq); }));
  if (f.correlated) {
    const auto& c = *f.correlated;
    if (f.method != "ce" && f.method != "cce")
      out << "No equilibrium found by " << f.method << "; the correlated equilibrium of maximum welfare instead:\n";
    else
      out << (c.coarse ? "Coarse correlated" : "Correlated") << " equilibrium of maximum welfare:\n";
    if (c.status != lp::Status::optimal) {
      out << "  the LP stopped: " << lp::to_string(c.status) << "\n";
      return;
    }
    out << "  (largest gain from deviating " << number(c.max_gain) << ")\n";
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
  out << f.equilibria.size() << " equilibri" << (f.equilibria.size() == 1 ? "um" : "a") << " by " << f.method << " ("
      << pure << " pure)\n";
  const std::size_t shown = std::min<std::size_t>(f.equilibria.size(), 5);
  for (std::size_t k = 0; k < shown; ++k) {
    const auto& eq = f.equilibria[k];
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
  if (f.equilibria.size() > shown) out << "... and " << f.equilibria.size() - shown << " more (--json lists all)\n";
  (void)sc;
}

/// The focus actor's stance in the first equilibrium: each of its
/// strategies' expected payoff against the others' play, the best one and
/// what each alternative would cost it.
template <class Scalar>
void print_stance(const Scenario& sc, const Findings<Scalar>& f, std::ostream& out) {
  const std::size_t c = focus_actor(sc);
  const auto& g = f.game;
  const std::string& name = g.players()[c];
  if (f.correlated) {
    if (f.correlated->status != lp::Status::optimal) return;
    std::vector<Scalar> marginal(g.num_strategies(c), Scalar(0));
    for (const auto& atom : f.correlated->distribution) marginal[atom.profile[c]] += atom.probability;
    out << name << "'s stance under the correlated equilibrium: " << strategy_text(g.strategies(c), marginal)
        << " (regret: largest gain from deviating " << number(f.correlated->max_gain) << ")\n";
    return;
  }
  if (f.equilibria.empty()) return;
  const auto& eq = f.equilibria.front();
  const auto values = strategy_values(g, eq.profile, c);
  const std::size_t best = static_cast<std::size_t>(std::max_element(values.begin(), values.end()) - values.begin());
  out << name << "'s best stance (equilibrium 1): " << strategy_text(g.strategies(c), eq.profile[c]) << ", payoff "
      << number(eq.payoffs[c]) << ", regret " << number(player_regret(g, eq.profile, c)) << "\n";
  out << "  against the others' play, each stance would earn:";
  for (std::size_t s = 0; s < values.size(); ++s)
    out << (s ? ", " : " ") << g.strategies(c)[s] << " " << number(values[s])
        << (s == best ? "" : " (" + number(Scalar(values[s] - values[best])) + ")");
  out << "\n";
}

/// Seconds the report gives the alliance analysis; beyond it the section
/// says how many partitions it covers.
constexpr double kReportAllianceSeconds = 5.0;
/// Stable structures listed per notion before "... and k more".
constexpr std::size_t kReportStableShown = 4;

/// Which bloc structures are stable, and who holds the balance: the alliance
/// layer's analysis (alliance/analysis.hpp: alpha value, equal split, every
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
  out << "Stable bloc structures (alpha value, equal split; ";
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
    if (stable.empty()) out << " none";
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
/// nk_nuclear_gain and pact_strength when the scenario has them, else its
/// first two parameters.
void print_stance_sweep(const Scenario& sc, const std::string& method, std::ostream& out) {
  const auto& params = sc.parameters();
  if (params.empty()) return;
  std::vector<std::size_t> chosen;
  for (const char* preferred : {"nk_nuclear_gain", "pact_strength"})
    for (std::size_t p = 0; p < params.size(); ++p)
      if (params[p].name == preferred) chosen.push_back(p);
  for (std::size_t p = 0; p < params.size() && chosen.size() < 2; ++p)
    if (std::find(chosen.begin(), chosen.end(), p) == chosen.end()) chosen.push_back(p);
  std::vector<scenario::SweepAxis> axes;
  for (std::size_t p : chosen) {
    const auto& param = params[p];
    const std::size_t steps = param.min == param.max ? 1 : 5;
    axes.push_back({param.name, param.min, param.max, steps, {}});
  }
  scenario::SweepOptions options;
  options.method = method;
  options.correlated_fallback = true;
  ProgressBar bar;
  options.progress = [&](std::size_t done, std::size_t total) { bar(done, total); };
  const auto result = scenario::sweep(sc, axes, options);
  const std::size_t c = focus_actor(sc);
  const auto& strategies = sc.actors()[c].strategies;
  out << "How " << sc.actors()[c].name << "'s stance shifts (rows " << axes[0].parameter;
  if (axes.size() > 1) out << ", columns " << axes[1].parameter;
  const std::string resolved = resolve_method(sc.game(), method);
  const bool correlated_method = resolved == "ce" || resolved == "cce";
  out << "; others at their defaults"
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

std::string values_text(const Scenario& sc, const std::vector<double>& values) {
  std::string out;
  for (std::size_t p = 0; p < values.size(); ++p)
    out += (p ? ", " : "") + sc.parameters()[p].name + "=" + short_number(values[p]);
  return out.empty() ? "no parameters" : out;
}

template <class Scalar>
void report(const Scenario& sc, const std::vector<double>& values, const std::string& method, bool with_sweep) {
  auto& out = std::cout;
  out << (sc.title().empty() ? std::string("(untitled scenario)") : sc.title()) << "\n";
  const auto shape = sc.shape();
  out << shape.size() << " actors, strategies";
  for (std::size_t i = 0; i < shape.size(); ++i) out << (i ? " x " : " ") << shape[i];
  out << "; " << values_text(sc, values) << "\n\n";
  Game<double> floating = sc.game_at(values);
  Findings<Scalar> f = find_equilibria(floating.template cast<Scalar>(), method);
  print_equilibria(sc, f, out);
  out << "\n";
  print_stance(sc, f, out);
  if (with_sweep) {
    out << "\n";
    print_stance_sweep(sc, method, out);
  }
  out << "\n";
  print_stable_bloc_structures(floating, out);
}

// --- JSON and CSV --------------------------------------------------------------

json equilibrium_json(const Equilibrium<double>& eq) {
  return {{"profile", eq.profile.strategies}, {"payoffs", eq.payoffs}, {"regret", eq.regret}};
}

json equilibrium_json(const Equilibrium<Rational>& eq) {
  json out = equilibrium_json(Equilibrium<double>{eq.profile.cast<double>(), {}, to_double(eq.regret)});
  json exact = json::array(), payoffs = json::array(), floating = json::array();
  for (const auto& s : eq.profile.strategies) {
    exact.push_back(json::array());
    for (const auto& p : s) exact.back().push_back(to_string(p));
  }
  for (const auto& u : eq.payoffs) {
    payoffs.push_back(to_string(u));
    floating.push_back(to_double(u));
  }
  out["payoffs"] = floating;
  out["exact"] = exact;
  out["exact_payoffs"] = payoffs;
  out["exact_regret"] = to_string(eq.regret);
  return out;
}

template <class Scalar>
json correlated_json(const CorrelatedResult<Scalar>& c) {
  json out{{"distribution", json::array()}, {"payoffs", json::array()}, {"regret", to_double(c.max_gain)},
           {"status", lp::to_string(c.status)}};
  for (const auto& atom : c.distribution) {
    json entry{{"profile", atom.profile}, {"probability", to_double(atom.probability)}};
    if constexpr (is_exact_v<Scalar>) entry["exact"] = to_string(atom.probability);
    out["distribution"].push_back(entry);
  }
  for (const auto& u : c.payoffs) out["payoffs"].push_back(to_double(u));
  if constexpr (is_exact_v<Scalar>) {
    out["exact_payoffs"] = json::array();
    for (const auto& u : c.payoffs) out["exact_payoffs"].push_back(to_string(u));
    out["exact_regret"] = to_string(c.max_gain);
  }
  return out;
}

json parameters_json(const Scenario& sc, const std::vector<double>& values) {
  json out = json::object();
  for (std::size_t p = 0; p < values.size(); ++p) out[sc.parameters()[p].name] = values[p];
  return out;
}

template <class Scalar>
void print_single_json(const Scenario& sc, const std::vector<double>& values, const std::string& method) {
  Findings<Scalar> f = find_equilibria(sc.game_at(values).template cast<Scalar>(), method);
  json out{{"scenario", sc.title()}, {"players", f.game.players()}, {"strategies", f.game.strategies()},
           {"parameters", parameters_json(sc, values)}, {"method", f.method}, {"equilibria", json::array()}};
  for (const auto& eq : f.equilibria) out["equilibria"].push_back(equilibrium_json(eq));
  if (f.correlated) {
    out["equilibria"].push_back(correlated_json(*f.correlated));
    out["correlated_fallback"] = f.method != "ce" && f.method != "cce";
  }
  std::cout << out.dump(2) << "\n";
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

/// One row per (equilibrium, actor, strategy with positive probability).
template <class Scalar>
void print_single_csv(const Scenario& sc, const std::vector<double>& values, const std::string& method) {
  Findings<Scalar> f = find_equilibria(sc.game_at(values).template cast<Scalar>(), method);
  const auto& g = f.game;
  std::cout << "equilibrium,kind,actor,strategy,probability,payoff,regret\n";
  for (std::size_t k = 0; k < f.equilibria.size(); ++k) {
    const auto& eq = f.equilibria[k];
    for (std::size_t i = 0; i < g.num_players(); ++i)
      for (std::size_t s = 0; s < g.num_strategies(i); ++s)
        if (eq.profile[i][s] != 0)
          std::cout << k + 1 << "," << (is_pure(eq) ? "pure" : "mixed") << "," << csv_field(g.players()[i]) << ","
                    << csv_field(g.strategies(i)[s]) << "," << to_string(eq.profile[i][s]) << ","
                    << to_string(eq.payoffs[i]) << "," << to_string(eq.regret) << "\n";
  }
  if (f.correlated && f.correlated->status == lp::Status::optimal) {
    // Marginals of the correlated distribution.
    const auto& c = *f.correlated;
    for (std::size_t i = 0; i < g.num_players(); ++i) {
      std::vector<Scalar> marginal(g.num_strategies(i), Scalar(0));
      for (const auto& atom : c.distribution) marginal[atom.profile[i]] += atom.probability;
      for (std::size_t s = 0; s < marginal.size(); ++s)
        if (marginal[s] != 0)
          std::cout << f.equilibria.size() + 1 << ",correlated," << csv_field(g.players()[i]) << ","
                    << csv_field(g.strategies(i)[s]) << "," << to_string(marginal[s]) << "," << to_string(c.payoffs[i])
                    << "," << to_string(c.max_gain) << "\n";
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
    json out{{"scenario", sc.title()}, {"players", json::array()}, {"strategies", json::array()},
             {"method", r.method}, {"axes", json::array()}, {"points", json::array()}};
    for (const auto& a : actors) {
      out["players"].push_back(a.name);
      json names = json::array();
      for (const auto& s : a.strategies) names.push_back(s.name);
      out["strategies"].push_back(names);
    }
    for (const auto& a : r.axes) out["axes"].push_back({{"parameter", a.parameter}, {"lo", a.lo}, {"hi", a.hi}, {"steps", a.steps}});
    for (const auto& p : r.points) {
      json point{{"parameters", parameters_json(sc, p.values)}, {"equilibria", json::array()}};
      for (const auto& eq : p.equilibria) point["equilibria"].push_back(equilibrium_json(eq));
      if (p.correlated) point["correlated"] = correlated_json(*p.correlated);
      if (request.continuation) point["continued"] = p.continued;
      const auto payoffs = p.payoffs();
      point["payoffs"] = payoffs;
      point["modal_strategies"] = json::array();
      for (std::size_t i = 0; i < actors.size() && !payoffs.empty(); ++i) point["modal_strategies"].push_back(modal_name(p, i));
      out["points"].push_back(point);
    }
    std::cout << out.dump(2) << "\n";
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
  std::cout << "sweep of " << r.points.size() << " points, method " << r.method
            << (request.exact ? ", exact" : "") << "; each line: the first equilibrium's strategies (* = correlated, "
            << "no equilibrium by the method)\n";
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

int run(const Scenario& sc, const ScenarioRequest& request, bool builtin) {
  if (request.json && request.csv) throw InvalidArgument("--json and --csv exclude each other");
  const scenario::Values values = scenario::parse_assignments(request.sets);
  std::vector<scenario::SweepAxis> axes;
  for (const auto& s : request.sweeps) axes.push_back(scenario::parse_sweep_axis(s));
  const std::vector<double> resolved = sc.resolve(values);
  // Checks the method's name before any work.
  const auto& known = available_methods();
  if (std::find(known.begin(), known.end(), request.method) == known.end()) (void)solve(Game<double>({1}), request.method);

  if (!axes.empty()) {
    scenario::SweepOptions options;
    options.method = request.method;
    options.exact = request.exact;
    options.correlated_fallback = request.method == "auto";
    options.continuation = request.continuation;
    ProgressBar bar;
    options.progress = [&](std::size_t done, std::size_t total) { bar(done, total); };
    const auto result = scenario::sweep(sc, axes, options, values);
    print_sweep(sc, result, request);
    return 0;
  }
  if (request.json) {
    request.exact ? print_single_json<Rational>(sc, resolved, request.method)
                  : print_single_json<double>(sc, resolved, request.method);
  } else if (request.csv) {
    request.exact ? print_single_csv<Rational>(sc, resolved, request.method)
                  : print_single_csv<double>(sc, resolved, request.method);
  } else {
    request.exact ? report<Rational>(sc, resolved, request.method, true) : report<double>(sc, resolved, request.method, true);
  }
  (void)builtin;
  return 0;
}

}  // namespace

int run_scenario_file(const std::string& path, const ScenarioRequest& request) {
  return run(Scenario::load(path), request, false);
}

int run_builtin_scenario() { return run(Scenario::parse(kBuiltinScenario, kBuiltinScenarioName), {}, true); }

}  // namespace entente::cli
