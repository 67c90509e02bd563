// Sensitivity: every parameter through thresholds(); every term scaled by
// rewriting its amounts in the scenario's own JSON text ("1.2*(amount)")
// and parsing it again, so a scaled term goes through exactly the loader
// and compiler of the original.
#include "entente/scenario/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "entente/error.hpp"
#include "entente/scalar.hpp"
#include "entente/scenario/sweep.hpp"

namespace entente::scenario {

namespace {

using nlohmann::json;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// "s" or "s1 or s2" for a strategy given as a name or a list of names.
std::string strategies_text(const json& j) {
  if (j.is_string()) return j.get<std::string>();
  std::string out;
  for (const auto& s : j) out += (out.empty() ? "" : " or ") + s.get<std::string>();
  return out;
}

/// Who gets the term's amount where, in one line.
std::string term_label(const json& t) {
  const std::string kind = t.at("kind").get<std::string>();
  if (kind == "base") return t.at("actor").get<std::string>() + ": " + strategies_text(t.at("strategy"));
  if (kind == "pairwise")
    return t.at("actor").get<std::string>() + ": " + strategies_text(t.at("strategy")) + ", if " +
           t.at("other").get<std::string>() + ": " + strategies_text(t.at("other_strategy"));
  std::string who, when;
  for (const auto& [actor, amount] : t.at("payoffs").items()) who += (who.empty() ? "" : ", ") + actor;
  for (const auto& [actor, s] : t.at("when").items())
    when += (when.empty() ? "" : ", ") + actor + ": " + strategies_text(s);
  return who + ", if " + when;
}

/// `scale * (amount)` as an expression: the amount's text, or its number.
json scaled(const json& amount, double scale) {
  const std::string text = amount.is_string() ? amount.get<std::string>() : amount.dump();
  return to_string(scale) + "*(" + text + ")";
}

/// The scenario with term k's amounts multiplied by `scale`.
Scenario with_term_scaled(const Scenario& scenario, const json& root, std::size_t k, double scale) {
  json copy = root;
  json& t = copy.at("terms").at(k);
  if (t.contains("value")) {
    t["value"] = scaled(t["value"], scale);
  } else {
    for (auto& [actor, amount] : t.at("payoffs").items()) amount = scaled(amount, scale);
  }
  return Scenario::parse(copy.dump(), scenario.source());
}

SweepOptions point_options(const ThresholdOptions& t) {
  SweepOptions o;
  o.method = t.method;
  o.selection = t.selection;
  o.correlated_fallback = true;  // as thresholds() and the report
  o.threads = t.threads;
  return o;
}

ScaledOutcome outcome_at(const Scenario& scenario, const std::vector<double>& values, std::size_t focus,
                         double scale, const SweepOptions& options) {
  const auto point = sweep_points(scenario, {values}, options).front();
  const auto u = point.payoffs();
  return {scale, selected_strategy(point, focus), focus < u.size() ? u[focus] : kNaN};
}

}  // namespace

SensitivityResult sensitivity(const Scenario& scenario, std::size_t focus, const Values& fixed,
                              const SensitivityOptions& options) {
  if (focus >= scenario.actors().size())
    throw InvalidArgument(scenario.source() + ": focus actor index " + std::to_string(focus) + " out of range (" +
                          std::to_string(scenario.actors().size()) + " actors)");
  if (!(options.perturb > 0 && options.perturb <= 1))
    throw InvalidArgument("sensitivity needs a perturbation in (0, 1], got " + to_string(options.perturb));
  SensitivityResult result;
  result.focus = focus;
  result.selection = options.thresholds.selection;
  result.perturb = options.perturb;
  result.values = scenario.resolve(fixed);
  const SweepOptions point = point_options(options.thresholds);
  const ScaledOutcome base = outcome_at(scenario, result.values, focus, 1.0, point);
  result.stance = base.stance;
  result.payoff = base.payoff;

  for (std::size_t p = 0; p < scenario.parameters().size(); ++p) {
    const Parameter& param = scenario.parameters()[p];
    Values others;  // every other parameter where the caller put it
    for (std::size_t q = 0; q < scenario.parameters().size(); ++q)
      if (q != p) others[scenario.parameters()[q].name] = result.values[q];
    const ThresholdResult run = thresholds(scenario, param.name, focus, others, options.thresholds);
    ParameterSensitivity s{param.name, param.min, param.max, result.values[p], kNaN, kNaN, {}, run.switches};
    for (double u : run.payoffs) {
      if (std::isnan(u)) continue;
      s.payoff_min = std::isnan(s.payoff_min) ? u : std::min(s.payoff_min, u);
      s.payoff_max = std::isnan(s.payoff_max) ? u : std::max(s.payoff_max, u);
    }
    // In order of appearance: where the range starts, then each switch's new stance.
    auto seen = [&](std::size_t k) {
      if (std::find(s.stances.begin(), s.stances.end(), k) == s.stances.end()) s.stances.push_back(k);
    };
    seen(run.strategies.front());
    for (const auto& w : run.switches) seen(w.to);
    result.parameters.push_back(std::move(s));
  }

  const json root = json::parse(scenario.text());
  for (std::size_t k = 0; k < scenario.num_terms(); ++k) {
    TermSensitivity t;
    t.term = k;
    t.path = "/terms/" + std::to_string(k);
    t.label = term_label(root.at("terms").at(k));
    for (ScaledOutcome* side : {&t.low, &t.high}) {
      const double scale = side == &t.low ? 1 - options.perturb : 1 + options.perturb;
      *side = outcome_at(with_term_scaled(scenario, root, k, scale), result.values, focus, scale, point);
    }
    t.changes = t.low.stance != result.stance || t.high.stance != result.stance;
    result.terms.push_back(std::move(t));
  }
  return result;
}

}  // namespace entente::scenario
