// The JSON contract: every document the CLI's --json prints.
#include "entente/io/json.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

namespace entente::io {

namespace {

using nlohmann::json;

/// Pretty-printed; invalid UTF-8 in labels becomes U+FFFD, not an exception.
std::string dump(const json& document) { return document.dump(2, ' ', false, json::error_handler_t::replace); }

template <class Scalar>
json numbers(const std::vector<Scalar>& values) {
  json out = json::array();
  for (const auto& v : values) out.push_back(to_double(v));
  return out;
}

template <class Scalar>
json fractions(const std::vector<Scalar>& values) {
  json out = json::array();
  for (const auto& v : values) out.push_back(to_string(v));
  return out;
}

template <class Scalar>
json equilibrium_json(const Equilibrium<Scalar>& eq) {
  json profile = json::array();
  for (const auto& s : eq.profile.strategies) profile.push_back(numbers(s));
  json out{{"profile", profile}, {"payoffs", numbers(eq.payoffs)}, {"regret", to_double(eq.regret)}};
  if constexpr (is_exact_v<Scalar>) {
    json exact = json::array();
    for (const auto& s : eq.profile.strategies) exact.push_back(fractions(s));
    out["exact"] = exact;
    out["exact_payoffs"] = fractions(eq.payoffs);
    out["exact_regret"] = to_string(eq.regret);
  }
  return out;
}

template <class Scalar>
json correlated_json(const CorrelatedResult<Scalar>& c) {
  json out{{"distribution", json::array()}, {"payoffs", numbers(c.payoffs)}, {"regret", to_double(c.regret)},
           {"status", to_string(c.status)}};
  for (const auto& atom : c.distribution) {
    json entry{{"profile", atom.profile}, {"probability", to_double(atom.probability)}};
    if constexpr (is_exact_v<Scalar>) entry["exact"] = to_string(atom.probability);
    out["distribution"].push_back(entry);
  }
  if constexpr (is_exact_v<Scalar>) {
    out["exact_payoffs"] = fractions(c.payoffs);
    out["exact_regret"] = to_string(c.regret);
  }
  return out;
}

/// The keys every solve result has, after the game's players and strategies.
template <class Scalar>
json result_json(const std::vector<std::string>& players, const std::vector<std::vector<std::string>>& strategies,
                 const SolveResult<Scalar>& result) {
  json out{{"players", players},
           {"strategies", strategies},
           {"method", to_string(result.method)},
           {"status", to_string(result.status)},
           {"selection", to_string(result.selection)},
           {"equilibria", json::array()}};
  for (const auto& eq : result.equilibria) out["equilibria"].push_back(equilibrium_json(eq));
  if (result.correlated) out["equilibria"].push_back(correlated_json(*result.correlated));
  return out;
}

template <class Scalar>
json behavior_json(const BehaviorEquilibrium<Scalar>& eq) {
  json behavior = json::array(), exact = json::array();
  for (const auto& player : eq.behavior) {
    behavior.push_back(json::array());
    exact.push_back(json::array());
    for (const auto& h : player) {
      behavior.back().push_back(numbers(h));
      exact.back().push_back(fractions(h));
    }
  }
  json out{{"behavior", behavior}, {"payoffs", numbers(eq.payoffs)}, {"regret", to_double(eq.regret)}};
  if constexpr (is_exact_v<Scalar>) {
    out["exact"] = exact;
    out["exact_payoffs"] = fractions(eq.payoffs);
    out["exact_regret"] = to_string(eq.regret);
  }
  return out;
}

json parameters_json(const scenario::Scenario& sc, const std::vector<double>& values) {
  json out = json::object();
  for (std::size_t p = 0; p < values.size(); ++p) out[sc.parameters()[p].name] = values[p];
  return out;
}

}  // namespace

template <class Scalar>
std::string solve_json(const Game<Scalar>& game, const SolveResult<Scalar>& result) {
  return dump(result_json(game.players(), game.strategies(), result));
}

template <class Scalar>
std::string tree_solve_json(const ExtensiveGame<Scalar>& game, const TreeSolveResult<Scalar>& result) {
  json infosets = json::array();
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    infosets.push_back(json::array());
    for (const auto& h : game.infosets(i)) infosets.back().push_back({{"label", h.label}, {"actions", h.actions}});
  }
  json out{{"players", game.players()},
           {"infosets", infosets},
           {"method", to_string(result.method)},
           {"status", to_string(result.status)},
           {"selection", to_string(result.selection)},
           {"normal_form", result.normal_form},
           {"equilibria", json::array()}};
  for (const auto& eq : result.equilibria) out["equilibria"].push_back(behavior_json(eq));
  return dump(out);
}

template <class Scalar>
std::string sequential_json(const scenario::Scenario& sc, const std::vector<double>& values,
                            const ExtensiveGame<Scalar>& tree, const std::vector<std::size_t>& order,
                            const TreeSolveResult<Scalar>& result) {
  json names = json::array();
  for (std::size_t i : order) names.push_back(tree.players()[i]);
  json out{{"title", tree.title()},   {"order", names},
           {"parameters", parameters_json(sc, values)}, {"nodes", tree.num_nodes()},
           {"method", to_string(result.method)}, {"selection", to_string(result.selection)},
           {"path", json::array()}};
  if (result.equilibria.empty()) throw SolverError("backward induction found no equilibrium");
  const auto& eq = result.equilibria.front();
  for (auto [n, a] : pure_play_path(tree, eq.behavior)) {
    const TreeNode& x = tree.node(n);
    out["path"].push_back({{"player", tree.players()[x.player]}, {"strategy", tree.infoset_of(n).actions[a]}});
  }
  out["payoffs"] = numbers(eq.payoffs);
  out["regret"] = to_double(eq.regret);
  if constexpr (is_exact_v<Scalar>) {
    out["exact_payoffs"] = fractions(eq.payoffs);
    out["exact_regret"] = to_string(eq.regret);
  }
  return dump(out);
}

template <class Scalar>
std::string scenario_json(const scenario::Scenario& sc, const std::vector<double>& values, const Game<Scalar>& game,
                          const SolveResult<Scalar>& result) {
  return scenario_json(sc, values, game.players(), game.strategies(), result);
}

template <class Scalar>
std::string scenario_json(const scenario::Scenario& sc, const std::vector<double>& values,
                          const std::vector<std::string>& players,
                          const std::vector<std::vector<std::string>>& strategies, const SolveResult<Scalar>& result) {
  json out = result_json(players, strategies, result);
  out["scenario"] = sc.title();
  out["parameters"] = parameters_json(sc, values);
  if (result.correlated && method_info(result.method).result != ResultKind::correlated)
    out["correlated_fallback"] = true;
  return dump(out);
}

std::string thresholds_json(const scenario::Scenario& sc, const scenario::ThresholdResult& r,
                            const std::vector<double>& values, double tolerance) {
  const auto& actor = sc.actors().at(r.focus);
  auto name = [&](std::size_t s) { return s == scenario::kNoStrategy ? json(nullptr) : json(actor.strategies[s].name); };
  json others = json::object();
  for (std::size_t p = 0; p < values.size(); ++p)
    if (sc.parameters()[p].name != r.parameter) others[sc.parameters()[p].name] = values[p];
  json out{{"parameter", r.parameter}, {"focus", actor.name}, {"selection", to_string(r.selection)},
           {"grid", r.grid.size()}, {"tolerance", tolerance}, {"parameters", others}, {"switches", json::array()}};
  for (const auto& s : r.switches)
    out["switches"].push_back({{"value", s.value}, {"lo", s.lo}, {"hi", s.hi}, {"from", name(s.from)}, {"to", name(s.to)}});
  return dump(out);
}

std::string sensitivity_json(const scenario::Scenario& sc, const scenario::SensitivityResult& r) {
  const auto& actor = sc.actors().at(r.focus);
  auto name = [&](std::size_t s) { return s == scenario::kNoStrategy ? json(nullptr) : json(actor.strategies[s].name); };
  auto number = [](double x) { return std::isnan(x) ? json(nullptr) : json(x); };
  auto switches = [&](const std::vector<scenario::Switch>& list) {
    json out = json::array();
    for (const auto& s : list)
      out.push_back({{"value", s.value}, {"lo", s.lo}, {"hi", s.hi}, {"from", name(s.from)}, {"to", name(s.to)}});
    return out;
  };
  json out{{"focus", actor.name},          {"selection", to_string(r.selection)},
           {"perturb", r.perturb},         {"parameters", parameters_json(sc, r.values)},
           {"stance", name(r.stance)},     {"payoff", number(r.payoff)},
           {"by_parameter", json::array()}, {"by_term", json::array()}};
  for (const auto& p : r.parameters) {
    json stances = json::array();
    for (std::size_t s : p.stances) stances.push_back(name(s));
    out["by_parameter"].push_back({{"parameter", p.parameter}, {"min", p.min}, {"max", p.max}, {"value", p.value},
                                   {"payoff_min", number(p.payoff_min)}, {"payoff_max", number(p.payoff_max)},
                                   {"stances", stances}, {"switches", switches(p.switches)}});
  }
  auto side = [&](const scenario::ScaledOutcome& o) {
    return json{{"scale", o.scale}, {"stance", name(o.stance)}, {"payoff", number(o.payoff)}};
  };
  for (const auto& t : r.terms)
    out["by_term"].push_back(
        {{"term", t.path}, {"label", t.label}, {"low", side(t.low)}, {"high", side(t.high)}, {"changes", t.changes}});
  return dump(out);
}

std::string sweep_json(const scenario::Scenario& sc, const scenario::SweepResult& r, bool with_continued) {
  const auto& actors = sc.actors();
  json out{{"scenario", sc.title()},         {"players", json::array()},
           {"strategies", json::array()},    {"method", to_string(r.method)},
           {"selection", to_string(r.selection)}, {"status", r.cancelled ? "cancelled" : "complete"},
           {"axes", json::array()},          {"points", json::array()}};
  for (const auto& a : actors) {
    out["players"].push_back(a.name);
    json names = json::array();
    for (const auto& s : a.strategies) names.push_back(s.name);
    out["strategies"].push_back(names);
  }
  for (const auto& a : r.axes)
    out["axes"].push_back({{"parameter", a.parameter}, {"lo", a.lo}, {"hi", a.hi}, {"steps", a.steps}});
  for (const auto& p : r.points) {
    json point{{"parameters", parameters_json(sc, p.values)},
               {"method", to_string(p.method)},
               {"status", to_string(p.status)},
               {"equilibria", json::array()}};
    for (const auto& eq : p.equilibria) point["equilibria"].push_back(equilibrium_json(eq));
    if (p.correlated) point["correlated"] = correlated_json(*p.correlated);
    if (with_continued) point["continued"] = p.continued;
    const auto payoffs = p.payoffs();
    point["payoffs"] = payoffs;
    point["modal_strategies"] = json::array();
    const auto modal = p.modal_strategies();
    for (std::size_t i = 0; i < modal.size(); ++i) point["modal_strategies"].push_back(actors[i].strategies[modal[i]].name);
    out["points"].push_back(point);
  }
  return dump(out);
}

namespace {

template <class Scalar>
json margin_json(const std::optional<Scalar>& m) {
  return m ? json(to_double(*m)) : json(nullptr);
}

template <class Scalar>
json deviation_json(const Deviation<Scalar>& d) {
  json out{{"who", d.who},
           {"from", d.from.blocs()},
           {"to", d.to.blocs()},
           {"gain", to_double(d.gain)},
           {"text", d.text}};
  if constexpr (is_exact_v<Scalar>) out["exact_gain"] = to_string(d.gain);
  return out;
}

/// A compact analysis' welfare-maximising structure (compact_welfare.hpp).
template <class Scalar>
json welfare_json(const WelfareStructure<Scalar>& w) {
  json out{{"blocs", w.search.structure.blocs()},
           {"bloc_values", numbers(w.bloc_values)},
           {"value", to_double(w.search.value)},
           {"upper_bound", to_double(w.search.upper_bound)},
           {"optimal", w.search.status == Status::optimal},
           {"status", to_string(w.search.status)},
           {"algorithm", to_string(w.search.algorithm)},
           {"certificate", to_double(w.certificate)}};
  if constexpr (is_exact_v<Scalar>) {
    out["exact_value"] = to_string(w.search.value);
    out["exact_upper_bound"] = to_string(w.search.upper_bound);
    out["exact_certificate"] = to_string(w.certificate);
  }
  return out;
}

/// The document of alliances_json, also each point of alliance_sweep_json.
template <class Scalar>
json alliances_object(const std::vector<std::string>& players, const AllianceAnalysis<Scalar>& result,
                      const std::optional<BlocQuery<Scalar>>& query,
                      const WelfareStructure<Scalar>* welfare = nullptr) {
  json out{{"players", players},
           {"value", to_string(result.characteristic.kind)},
           {"split", to_string(result.split)},
           {"status", to_string(result.status)},
           {"total_partitions", result.total_partitions},
           {"notions", json::array()},
           {"partitions", json::array()}};
  for (auto s : result.notions) out["notions"].push_back(to_string(s));
  const auto order = stable_first(result);
  std::vector<std::size_t> position(result.partitions.size());  // index -> place in "partitions"
  for (std::size_t k = 0; k < order.size(); ++k) position[std::size_t(order[k] - result.partitions.data())] = k;
  for (const auto* r : order) {
    json entry{{"blocs", r->outcome.partition.blocs()}, {"payoffs", numbers(r->outcome.payoffs)}};
    json stable = json::object(), margins = json::object(), blocked = json::object(), exact_margins = json::object();
    for (auto s : result.notions) {
      stable[to_string(s)] = r->flags[s].value_or(false);
      const auto& m = r->flags.margin[std::size_t(s)];
      margins[to_string(s)] = margin_json(m);
      if constexpr (is_exact_v<Scalar>) exact_margins[to_string(s)] = m ? json(to_string(*m)) : json(nullptr);
      if (const auto* why = r->flags.blocked_by(s)) blocked[to_string(s)] = deviation_json(*why);
    }
    entry["stable"] = stable;
    entry["margins"] = margins;
    entry["blocked_by"] = blocked;
    entry["bloc_payoffs"] = numbers(r->outcome.bloc_payoffs);
    entry["method"] = to_string(r->outcome.method);
    entry["selection"] = to_string(r->outcome.selection);
    entry["regret"] = to_double(r->outcome.equilibrium.regret);
    json profile = json::array();
    for (const auto& s : r->outcome.equilibrium.profile.strategies) profile.push_back(numbers(s));
    entry["profile"] = profile;
    if constexpr (is_exact_v<Scalar>) {
      entry["exact_payoffs"] = fractions(r->outcome.payoffs);
      entry["exact_regret"] = to_string(r->outcome.equilibrium.regret);
      entry["exact_margins"] = exact_margins;
    }
    out["partitions"].push_back(entry);
  }
  json most = json::object();
  for (const auto& [notion, list] : result.most_stable) {
    json entries = json::array();
    for (std::size_t k : list)
      entries.push_back({{"blocs", result.partitions[k].outcome.partition.blocs()},
                         {"margin", margin_json(result.partitions[k].flags.margin[std::size_t(notion)])}});
    most[to_string(notion)] = entries;
  }
  out["most_stable"] = most;
  out["shapley"] = numbers(result.shapley);
  out["banzhaf"] = numbers(result.banzhaf);
  out["characteristic_function"] = numbers(result.characteristic.game.values());
  if constexpr (is_exact_v<Scalar>) {
    out["exact_shapley"] = fractions(result.shapley);
    out["exact_banzhaf"] = fractions(result.banzhaf);
    out["exact_characteristic_function"] = fractions(result.characteristic.game.values());
  }
  json swing = json::object();
  for (const auto& [notion, players] : result.swing_players) swing[to_string(notion)] = players;
  out["swing_players"] = swing;
  if (const auto& search = result.search)
    out["search"] = {{"max_bloc_size", search->max_bloc_size},
                     {"max_joint_strategies", search->max_joint_strategies},
                     {"starts", search->starts},
                     {"max_moves", search->max_moves},
                     {"seed", search->seed}};
  if (welfare) out["welfare"] = welfare_json(*welfare);
  if (query) {
    std::vector<std::string> names;
    for (std::size_t i : query->members) names.push_back(players[i]);
    json notions = json::object();
    for (const auto& [notion, standing] : query->notions) {
      json entry{{"stable", standing.stable}, {"margin", margin_json(standing.margin)}, {"blocs", nullptr}};
      if (standing.partition) entry["blocs"] = result.partitions[*standing.partition].outcome.partition.blocs();
      notions[to_string(notion)] = entry;
    }
    out["bloc"] = {{"members", query->members}, {"names", names}, {"notions", notions}};
  }
  return out;
}

}  // namespace

template <class Scalar>
std::string alliances_json(const Game<Scalar>& game, const AllianceAnalysis<Scalar>& result,
                           const std::optional<BlocQuery<Scalar>>& query) {
  return dump(alliances_object(game.players(), result, query));
}

template <class Scalar>
std::string alliances_json(const CompactGame<Scalar>& game, const CompactAllianceAnalysis<Scalar>& result,
                           const std::optional<BlocQuery<Scalar>>& query) {
  return dump(alliances_object(game.players(), result, query, &result.welfare));
}

std::string alliance_sweep_json(const scenario::Scenario& sc, const scenario::AllianceSweepResult& r,
                                const std::optional<std::vector<std::size_t>>& bloc) {
  json out{{"scenario", sc.title()}, {"players", json::array()}, {"status", r.cancelled ? "cancelled" : "complete"},
           {"axes", json::array()}, {"points", json::array()}};
  std::vector<std::string> players;
  for (const auto& a : sc.actors()) players.push_back(a.name);
  out["players"] = players;
  for (const auto& a : r.axes)
    out["axes"].push_back({{"parameter", a.parameter}, {"lo", a.lo}, {"hi", a.hi}, {"steps", a.steps}});
  for (const auto& p : r.points) {
    if (!p.analysis) continue;  // not reached before the sweep was cancelled
    std::optional<BlocQuery<double>> query;
    if (bloc) query = bloc_query(*p.analysis, *bloc);
    json point = alliances_object(players, *p.analysis, query, p.welfare ? &*p.welfare : nullptr);
    point["values"] = parameters_json(sc, p.values);
    out["points"].push_back(std::move(point));
  }
  return dump(out);
}

template std::string solve_json(const Game<double>&, const SolveResult<double>&);
template std::string solve_json(const Game<Rational>&, const SolveResult<Rational>&);
template std::string scenario_json(const scenario::Scenario&, const std::vector<double>&,
                                   const std::vector<std::string>&, const std::vector<std::vector<std::string>>&,
                                   const SolveResult<double>&);
template std::string scenario_json(const scenario::Scenario&, const std::vector<double>&,
                                   const std::vector<std::string>&, const std::vector<std::vector<std::string>>&,
                                   const SolveResult<Rational>&);
template std::string tree_solve_json(const ExtensiveGame<double>&, const TreeSolveResult<double>&);
template std::string tree_solve_json(const ExtensiveGame<Rational>&, const TreeSolveResult<Rational>&);
template std::string sequential_json(const scenario::Scenario&, const std::vector<double>&, const ExtensiveGame<double>&,
                                     const std::vector<std::size_t>&, const TreeSolveResult<double>&);
template std::string sequential_json(const scenario::Scenario&, const std::vector<double>&,
                                     const ExtensiveGame<Rational>&, const std::vector<std::size_t>&,
                                     const TreeSolveResult<Rational>&);
template std::string scenario_json(const scenario::Scenario&, const std::vector<double>&, const Game<double>&,
                                   const SolveResult<double>&);
template std::string scenario_json(const scenario::Scenario&, const std::vector<double>&, const Game<Rational>&,
                                   const SolveResult<Rational>&);
template std::string alliances_json(const Game<double>&, const AllianceAnalysis<double>&,
                                    const std::optional<BlocQuery<double>>&);
template std::string alliances_json(const Game<Rational>&, const AllianceAnalysis<Rational>&,
                                    const std::optional<BlocQuery<Rational>>&);
template std::string alliances_json(const CompactGame<double>&, const CompactAllianceAnalysis<double>&,
                                    const std::optional<BlocQuery<double>>&);
template std::string alliances_json(const CompactGame<Rational>&, const CompactAllianceAnalysis<Rational>&,
                                    const std::optional<BlocQuery<Rational>>&);

}  // namespace entente::io
