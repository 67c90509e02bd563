// Scenario files: reading and validating the JSON (nlohmann-json), the
// expressions (muparser), the per-term profile masks and the compiler.
// Both libraries stay private to this file.
#include "entente/scenario/scenario.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <utility>

#include <muParser.h>
#include <nlohmann/json.hpp>

#include "entente/error.hpp"
#include "entente/scalar.hpp"
#include "exact_expression.hpp"

namespace entente::scenario {

using nlohmann::json;

namespace {

/// One payoff amount: a JSON number or a muparser expression.
struct Expression {
  std::string text;       ///< the expression (empty for a JSON number)
  double constant = 0.0;  ///< the JSON number
  bool is_constant = false;
  std::string path;       ///< JSON path, for messages
  /// The exact reading (docs/scenario-format.md, "Exact evaluation"): the
  /// constant's shortest decimal, or the expression's tree; when the tree
  /// could not be read, why (reported only if an exact game is asked for).
  Rational exact_constant;
  std::optional<detail::ExactExpression> exact;
  std::string exact_error;
};

/// `expression`'s value goes to `actor` at every profile of condition
/// `mask` (the profiles of masks[mask] in a dense scenario), from term `term`.
struct Contribution {
  std::size_t mask;
  std::size_t actor;
  std::size_t expression;
  std::size_t term;
};

std::string describe(const json& j) {
  switch (j.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    case json::value_t::discarded: return "nothing";
    default: return "a number";
  }
}

std::string escape_pointer(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + ("'" + n + "'");
  return out.empty() ? "none" : out;
}

/// "NaN" rather than the "-nan" a sign bit would print.
std::string result_text(double x) { return std::isnan(x) ? std::string("NaN") : to_string(x); }

bool is_identifier(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

/// Rejects duplicate object keys while nlohmann-json parses (it would keep
/// the last one silently), naming the JSON path of the repeated key.
class DuplicateKeyCheck {
 public:
  explicit DuplicateKeyCheck(std::string source) : source_(std::move(source)) {}

  bool operator()(int, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start: frames_.push_back({true, {}, {}, 0}); break;
      case json::parse_event_t::array_start: frames_.push_back({false, {}, {}, 0}); break;
      case json::parse_event_t::key: {
        Frame& top = frames_.back();
        const std::string key = parsed.get<std::string>();
        top.key = key;
        if (!top.keys.insert(key).second)
          throw ParseError(source_, 0, path() + ": duplicate key '" + key + "'");
        break;
      }
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        frames_.pop_back();
        element_done();
        break;
      case json::parse_event_t::value: element_done(); break;
    }
    return true;
  }

 private:
  struct Frame {
    bool object;
    std::set<std::string> keys;
    std::string key;
    std::size_t index;
  };
  void element_done() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
  }
  std::string path() const {
    std::string out;
    for (const auto& f : frames_) out += "/" + (f.object ? escape_pointer(f.key) : std::to_string(f.index));
    return out;
  }
  std::string source_;
  std::vector<Frame> frames_;
};

}  // namespace

struct Scenario::Data {
  std::string source, text, title, description;
  std::vector<Actor> actors;
  std::vector<Parameter> parameters;
  std::vector<std::size_t> shape;
  std::size_t focus = 0;
  std::vector<std::size_t> map;
  std::size_t terms = 0;
  std::vector<Expression> expressions;
  /// Compact: terms kept as conditions, no profile masks and no size limit
  /// on the profiles (the file's "compact", or a game past the dense limit).
  bool compact = false;
  /// Per condition, each actor's allowed strategies (all of them: no condition).
  std::vector<std::vector<std::vector<std::size_t>>> conditions;
  std::vector<std::vector<std::uint32_t>> masks;  ///< per condition, flat profile indices, C order (dense only)
  std::vector<Contribution> contributions;        ///< in term order
  // game() and exact_game() share one compiler.
  std::mutex mutex;
  std::unique_ptr<Compiler> compiler;
};

namespace {

/// Reads and validates the JSON into Scenario::Data.
class Reader {
 public:
  Reader(Scenario::Data& data) : d_(data) {}

  [[noreturn]] void fail(const std::string& path, const std::string& what) const {
    throw ParseError(d_.source, 0, (path.empty() ? std::string("/") : path) + ": " + what);
  }

  void read(const json& root) {
    check_object(root, "", {"title", "description", "focus", "map", "compact", "actors", "parameters", "terms"},
                 {"actors"});
    d_.title = optional_string(root, "title", "");
    d_.description = optional_string(root, "description", "");
    read_actors(member_array(root, "actors", "", true));
    if (root.contains("parameters")) read_parameters(member_array(root, "parameters", "", false));
    if (root.contains("focus")) d_.focus = actor_or_fail(root.at("focus"), "/focus");
    read_map(root);
    read_compact(root);
    if (root.contains("terms")) read_terms(member_array(root, "terms", "", false));
  }

 private:
  void check_object(const json& j, const std::string& path, std::initializer_list<const char*> allowed,
                    std::initializer_list<const char*> required) const {
    if (!j.is_object()) fail(path, "expected an object, got " + describe(j));
    for (const auto& [key, value] : j.items()) {
      (void)value;
      bool known = false;
      for (const char* a : allowed) known = known || key == a;
      if (!known) {
        std::vector<std::string> names(allowed.begin(), allowed.end());
        fail(path + "/" + escape_pointer(key), "unknown key '" + key + "' (expected one of " + join(names) + ")");
      }
    }
    for (const char* r : required)
      if (!j.contains(r)) fail(path, std::string("missing required key '") + r + "'");
  }

  std::string optional_string(const json& j, const char* key, const std::string& path) const {
    if (!j.contains(key)) return {};
    const json& v = j.at(key);
    if (!v.is_string()) fail(path + "/" + key, "expected a string, got " + describe(v));
    return v.get<std::string>();
  }

  std::string required_name(const json& j, const char* key, const std::string& path) const {
    const json& v = j.at(key);
    if (!v.is_string()) fail(path + "/" + key, "expected a string, got " + describe(v));
    std::string s = v.get<std::string>();
    if (s.empty()) fail(path + "/" + key, "expected a non-empty name");
    return s;
  }

  const json& member_array(const json& j, const char* key, const std::string& path, bool non_empty) const {
    const json& v = j.at(key);
    if (!v.is_array()) fail(path + "/" + key, "expected an array, got " + describe(v));
    if (non_empty && v.empty()) fail(path + "/" + key, "expected a non-empty array");
    return v;
  }

  double finite_number(const json& v, const std::string& path) const {
    if (!v.is_number()) fail(path, "expected a number, got " + describe(v));
    double x = v.get<double>();
    if (!std::isfinite(x)) fail(path, "expected a finite number");
    return x;
  }

  void read_actors(const json& actors) {
    std::set<std::string> names;
    for (std::size_t i = 0; i < actors.size(); ++i) {
      const std::string path = "/actors/" + std::to_string(i);
      const json& a = actors[i];
      check_object(a, path, {"name", "description", "strategies"}, {"name", "strategies"});
      Actor actor;
      actor.name = required_name(a, "name", path);
      if (!names.insert(actor.name).second) fail(path + "/name", "duplicate actor name '" + actor.name + "'");
      actor.description = optional_string(a, "description", path);
      const json& strategies = member_array(a, "strategies", path, true);
      std::set<std::string> seen;
      for (std::size_t s = 0; s < strategies.size(); ++s) {
        const std::string spath = path + "/strategies/" + std::to_string(s);
        check_object(strategies[s], spath, {"name", "description"}, {"name"});
        Strategy strategy{required_name(strategies[s], "name", spath),
                          optional_string(strategies[s], "description", spath)};
        if (!seen.insert(strategy.name).second)
          fail(spath + "/name", "duplicate strategy name '" + strategy.name + "' for actor '" + actor.name + "'");
        actor.strategies.push_back(std::move(strategy));
      }
      d_.shape.push_back(actor.strategies.size());
      d_.actors.push_back(std::move(actor));
    }
  }

  /// "map": two distinct parameter names; without it the first two parameters.
  void read_map(const json& root) {
    if (!root.contains("map")) {
      for (std::size_t p = 0; p < d_.parameters.size() && p < 2; ++p) d_.map.push_back(p);
      return;
    }
    const json& map = root.at("map");
    if (!map.is_array() || map.size() != 2)
      fail("/map", "expected an array of two parameter names, got " +
                       (map.is_array() ? "an array of " + std::to_string(map.size()) : describe(map)));
    std::vector<std::string> names;
    for (const auto& p : d_.parameters) names.push_back(p.name);
    for (std::size_t k = 0; k < 2; ++k) {
      const std::string path = "/map/" + std::to_string(k);
      if (!map[k].is_string()) fail(path, "expected a parameter name, got " + describe(map[k]));
      const auto it = std::find(names.begin(), names.end(), map[k].get<std::string>());
      if (it == names.end())
        fail(path, "unknown parameter '" + map[k].get<std::string>() + "' (parameters: " + join(names) + ")");
      const auto index = static_cast<std::size_t>(it - names.begin());
      if (k == 1 && index == d_.map[0]) fail(path, "the map needs two different parameters");
      d_.map.push_back(index);
    }
  }

  void read_parameters(const json& parameters) {
    std::set<std::string> names;
    mu::Parser reserved;  // muparser's own names may not be parameters
    for (std::size_t i = 0; i < parameters.size(); ++i) {
      const std::string path = "/parameters/" + std::to_string(i);
      const json& p = parameters[i];
      check_object(p, path, {"name", "default", "min", "max", "description", "source"},
                   {"name", "default", "min", "max"});
      Parameter param;
      param.name = required_name(p, "name", path);
      if (!is_identifier(param.name))
        fail(path + "/name", "expected an identifier ([A-Za-z_][A-Za-z0-9_]*), got '" + param.name + "'");
      if (!names.insert(param.name).second) fail(path + "/name", "duplicate parameter name '" + param.name + "'");
      for (const auto& actor : d_.actors)
        if (actor.name == param.name) fail(path + "/name", "parameter '" + param.name + "' has an actor's name");
      if (reserved.GetFunDef().count(param.name) || reserved.GetConst().count(param.name))
        fail(path + "/name", "'" + param.name + "' is a built-in function or constant of the expression language");
      param.default_value = finite_number(p.at("default"), path + "/default");
      param.min = finite_number(p.at("min"), path + "/min");
      param.max = finite_number(p.at("max"), path + "/max");
      if (param.min > param.max)
        fail(path, "expected min <= max, got min " + to_string(param.min) + " > max " + to_string(param.max));
      if (param.default_value < param.min || param.default_value > param.max)
        fail(path + "/default", "expected a default in [" + to_string(param.min) + ", " + to_string(param.max) +
                                    "], got " + to_string(param.default_value));
      param.description = optional_string(p, "description", path);
      param.source = optional_string(p, "source", path);
      d_.parameters.push_back(std::move(param));
    }
  }

  /// "compact": true keeps the terms as terms (game/compact_game.hpp);
  /// without the key, a game past the dense size limit is compact too.
  void read_compact(const json& root) {
    bool fits = true;
    std::string why;
    try {
      checked_profile_count(d_.shape);
    } catch (const InvalidArgument& e) {
      fits = false;
      why = e.what();
    }
    if (!root.contains("compact")) {
      d_.compact = !fits;
      return;
    }
    const json& v = root.at("compact");
    if (!v.is_boolean()) fail("/compact", "expected true or false, got " + describe(v));
    d_.compact = v.get<bool>();
    if (!d_.compact && !fits) fail("/actors", why + " (\"compact\": true keeps the terms instead of a tensor)");
  }

  std::size_t actor_or_fail(const json& v, const std::string& path) const {
    if (!v.is_string()) fail(path, "expected an actor name (a string), got " + describe(v));
    const std::string name = v.get<std::string>();
    for (std::size_t i = 0; i < d_.actors.size(); ++i)
      if (d_.actors[i].name == name) return i;
    std::vector<std::string> names;
    for (const auto& a : d_.actors) names.push_back(a.name);
    fail(path, "unknown actor '" + name + "' (expected one of " + join(names) + ")");
  }

  /// A strategy name or a non-empty list of names of `actor`: which of its
  /// strategies satisfy the condition.
  std::vector<std::size_t> strategy_set(const json& v, std::size_t actor, const std::string& path) const {
    std::vector<std::string> names;
    if (v.is_string()) {
      names.push_back(v.get<std::string>());
    } else if (v.is_array() && !v.empty()) {
      for (std::size_t k = 0; k < v.size(); ++k) {
        if (!v[k].is_string()) fail(path + "/" + std::to_string(k), "expected a strategy name, got " + describe(v[k]));
        names.push_back(v[k].get<std::string>());
      }
    } else {
      fail(path, "expected a strategy name or a non-empty list of strategy names, got " +
                     (v.is_array() ? std::string("an empty array") : describe(v)));
    }
    const auto& strategies = d_.actors[actor].strategies;
    std::vector<char> allowed(strategies.size(), 0);
    for (std::size_t k = 0; k < names.size(); ++k) {
      auto it = std::find_if(strategies.begin(), strategies.end(), [&](const Strategy& s) { return s.name == names[k]; });
      if (it == strategies.end()) {
        std::vector<std::string> known;
        for (const auto& s : strategies) known.push_back(s.name);
        fail(v.is_string() ? path : path + "/" + std::to_string(k),
             "unknown strategy '" + names[k] + "' of actor '" + d_.actors[actor].name + "' (expected one of " +
                 join(known) + ")");
      }
      allowed[static_cast<std::size_t>(it - strategies.begin())] = 1;
    }
    std::vector<std::size_t> out;
    for (std::size_t s = 0; s < allowed.size(); ++s)
      if (allowed[s]) out.push_back(s);
    return out;
  }

  std::size_t expression(const json& v, const std::string& path) {
    Expression e;
    e.path = path;
    if (v.is_number()) {
      e.is_constant = true;
      e.constant = finite_number(v, path);
      e.exact_constant = rational_from_double(e.constant);
    } else if (v.is_string()) {
      e.text = v.get<std::string>();
      check_expression(e);
      std::vector<std::string> names;
      for (const auto& p : d_.parameters) names.push_back(p.name);
      try {
        e.exact = detail::ExactExpression::parse(e.text, names);
      } catch (const detail::ExactError& error) {
        e.exact_error = error.what();
      }
    } else {
      fail(path, "expected an expression (a string) or a number, got " + describe(v));
    }
    d_.expressions.push_back(std::move(e));
    return d_.expressions.size() - 1;
  }

  /// Parses the expression with every parameter defined and evaluates it at
  /// the defaults, so that syntax errors, unknown names and non-finite
  /// defaults are reported with the file and path at load time.
  void check_expression(const Expression& e) const {
    // muparser's '=' assigns to a variable and ',' separates several
    // expressions; a payoff is one value computed from the parameters.
    for (std::size_t k = 0; k < e.text.size(); ++k)
      if (e.text[k] == '=' && !(k > 0 && std::string_view("=<>!").find(e.text[k - 1]) != std::string_view::npos) &&
          !(k + 1 < e.text.size() && e.text[k + 1] == '='))
        fail(e.path, "expected an expression, got an assignment '=' in \"" + e.text + "\"");
    std::vector<double> values;
    for (const auto& p : d_.parameters) values.push_back(p.default_value);
    mu::Parser parser;
    for (std::size_t i = 0; i < d_.parameters.size(); ++i) parser.DefineVar(d_.parameters[i].name, &values[i]);
    double result = 0.0;
    try {
      parser.SetExpr(e.text);
      result = parser.Eval();
      if (parser.GetNumResults() != 1)
        fail(e.path, "expected one expression, got " + std::to_string(parser.GetNumResults()) +
                         " separated by commas in \"" + e.text + "\"");
    } catch (const mu::ParserError& error) {
      if (error.GetCode() == mu::ecUNASSIGNABLE_TOKEN || error.GetCode() == mu::ecUNEXPECTED_VAR) {
        std::vector<std::string> names;
        for (const auto& p : d_.parameters) names.push_back(p.name);
        fail(e.path, "unknown name '" + error.GetToken() + "' in \"" + e.text + "\" (parameters: " + join(names) +
                         ")");
      }
      fail(e.path, "expected an arithmetic expression, got \"" + e.text + "\": " + error.GetMsg());
    }
    if (!std::isfinite(result))
      fail(e.path, "\"" + e.text + "\" evaluates to " + result_text(result) + " at the parameters' defaults");
  }

  /// The condition's index; for a dense scenario also its mask, the
  /// profiles (C order) where every actor plays one of its allowed
  /// strategies (an actor without a condition may play anything).
  std::size_t mask(const std::vector<std::vector<std::size_t>>& allowed) {
    auto found = masks_by_condition_.find(allowed);
    if (found != masks_by_condition_.end()) return found->second;
    d_.conditions.push_back(allowed);
    masks_by_condition_.emplace(allowed, d_.conditions.size() - 1);
    if (d_.compact) return d_.conditions.size() - 1;
    const std::size_t n = d_.shape.size();
    std::size_t count = 1;
    for (const auto& a : allowed) count *= a.size();  // <= profile count, checked at load
    if (count > kMaxMaskEntries - mask_entries_)
      fail("/terms", "scenario too large: its terms fire on more than " + std::to_string(kMaxMaskEntries) +
                         " (term, profile) pairs in total");
    mask_entries_ += count;
    std::vector<std::size_t> strides(n, 1);
    for (std::size_t i = n; i-- > 1;) strides[i - 1] = strides[i] * d_.shape[i];
    std::vector<std::uint32_t> indices;
    indices.reserve(count);
    std::vector<std::size_t> digit(n, 0);  // odometer over the allowed lists, last actor fastest
    for (std::size_t k = 0; k < count; ++k) {
      std::size_t flat = 0;
      for (std::size_t i = 0; i < n; ++i) flat += allowed[i][digit[i]] * strides[i];
      indices.push_back(static_cast<std::uint32_t>(flat));
      for (std::size_t i = n; i-- > 0;) {
        if (++digit[i] < allowed[i].size()) break;
        digit[i] = 0;
      }
    }
    d_.masks.push_back(std::move(indices));
    return d_.masks.size() - 1;
  }

  std::vector<std::vector<std::size_t>> unconditioned() const {
    std::vector<std::vector<std::size_t>> allowed;
    for (std::size_t n : d_.shape) {
      allowed.emplace_back(n);
      for (std::size_t s = 0; s < n; ++s) allowed.back()[s] = s;
    }
    return allowed;
  }

  void read_terms(const json& terms) {
    d_.terms = terms.size();
    for (std::size_t t = 0; t < terms.size(); ++t) {
      const std::string path = "/terms/" + std::to_string(t);
      const json& term = terms[t];
      if (!term.is_object()) fail(path, "expected an object, got " + describe(term));
      if (!term.contains("kind")) fail(path, "missing required key 'kind'");
      const json& kind_json = term.at("kind");
      const std::string kind = kind_json.is_string() ? kind_json.get<std::string>() : "";
      auto allowed = unconditioned();
      if (kind == "base" || kind == "pairwise") {
        if (kind == "base")
          check_object(term, path, {"kind", "actor", "strategy", "value", "description", "source"},
                       {"actor", "strategy", "value"});
        else
          check_object(term, path,
                       {"kind", "actor", "strategy", "other", "other_strategy", "value", "description", "source"},
                       {"actor", "strategy", "other", "other_strategy", "value"});
        const std::size_t actor = actor_or_fail(term.at("actor"), path + "/actor");
        allowed[actor] = strategy_set(term.at("strategy"), actor, path + "/strategy");
        if (kind == "pairwise") {
          const std::size_t other = actor_or_fail(term.at("other"), path + "/other");
          if (other == actor) fail(path + "/other", "expected an actor other than 'actor' ('" + d_.actors[actor].name + "')");
          allowed[other] = strategy_set(term.at("other_strategy"), other, path + "/other_strategy");
        }
        const std::size_t value = expression(term.at("value"), path + "/value");
        d_.contributions.push_back({mask(allowed), actor, value, t});
      } else if (kind == "conditional") {
        check_object(term, path, {"kind", "when", "payoffs", "description", "source"}, {"when", "payoffs"});
        const json& when = term.at("when");
        if (!when.is_object() || when.empty())
          fail(path + "/when", "expected a non-empty object of actor: strategy, got " +
                                   (when.is_object() ? std::string("an empty object") : describe(when)));
        for (const auto& [name, strategies] : when.items()) {
          const std::string wpath = path + "/when/" + escape_pointer(name);
          const std::size_t actor = actor_or_fail(json(name), wpath);
          allowed[actor] = strategy_set(strategies, actor, wpath);
        }
        const json& payoffs = term.at("payoffs");
        if (!payoffs.is_object() || payoffs.empty())
          fail(path + "/payoffs", "expected a non-empty object of actor: expression, got " +
                                      (payoffs.is_object() ? std::string("an empty object") : describe(payoffs)));
        std::vector<std::pair<std::size_t, std::size_t>> recipients;  // (actor, expression)
        for (const auto& [name, amount] : payoffs.items()) {
          const std::string ppath = path + "/payoffs/" + escape_pointer(name);
          const std::size_t actor = actor_or_fail(json(name), ppath);
          recipients.emplace_back(actor, expression(amount, ppath));
        }
        // Actor order, so that the sum's rounding does not depend on the
        // spelling of the names.
        std::sort(recipients.begin(), recipients.end());
        const std::size_t m = mask(allowed);
        for (const auto& [actor, value] : recipients) d_.contributions.push_back({m, actor, value, t});
      } else {
        fail(path + "/kind", "expected \"base\", \"pairwise\" or \"conditional\", got " +
                                 (kind_json.is_string() ? "\"" + kind + "\"" : describe(kind_json)));
      }
      (void)optional_string(term, "description", path);
      (void)optional_string(term, "source", path);
    }
  }

  Scenario::Data& d_;
  std::map<std::vector<std::vector<std::size_t>>, std::size_t> masks_by_condition_;
  std::size_t mask_entries_ = 0;
};

}  // namespace

Scenario::Scenario(std::shared_ptr<Data> data) : data_(std::move(data)) {}

Scenario Scenario::parse(std::string_view text, const std::string& source) {
  auto data = std::make_shared<Data>();
  data->source = source;
  data->text = std::string(text);
  json root;
  try {
    root = json::parse(text.begin(), text.end(), DuplicateKeyCheck(source));
  } catch (const json::parse_error& e) {
    // Line from the byte offset nlohmann reports.
    std::size_t line = 1;
    const std::size_t end = std::min<std::size_t>(e.byte, text.size());
    for (std::size_t k = 0; k + 1 < end; ++k) line += text[k] == '\n';
    std::string what = e.what();
    const auto colon = what.find("parse error");
    throw ParseError(source, line, "not valid JSON: " + (colon == std::string::npos ? what : what.substr(colon)));
  } catch (const json::exception& e) {
    // A number past double's range ("1e999") is nlohmann's out_of_range,
    // not a parse_error; it escaped as a bare std::exception (found by the
    // scenario fuzz target). No byte offset comes with it.
    const std::string what = e.what();
    const auto bracket = what.find("] ");
    throw ParseError(source, 0, "not valid JSON: " + (bracket == std::string::npos ? what : what.substr(bracket + 2)));
  }
  Reader(*data).read(root);
  return Scenario(std::move(data));
}

Scenario Scenario::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InvalidArgument("cannot open scenario file '" + path + "'");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw InvalidArgument("cannot read scenario file '" + path + "'");
  return parse(buffer.str(), path);
}

const std::string& Scenario::source() const { return data_->source; }
const std::string& Scenario::text() const { return data_->text; }
const std::string& Scenario::title() const { return data_->title; }
const std::string& Scenario::description() const { return data_->description; }
const std::vector<Actor>& Scenario::actors() const { return data_->actors; }
const std::vector<Parameter>& Scenario::parameters() const { return data_->parameters; }
std::size_t Scenario::num_terms() const { return data_->terms; }
std::vector<std::size_t> Scenario::shape() const { return data_->shape; }
std::size_t Scenario::focus() const { return data_->focus; }
std::vector<std::size_t> Scenario::map() const { return data_->map; }

std::size_t Scenario::actor_index(std::string_view name) const {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < data_->actors.size(); ++i) {
    if (data_->actors[i].name == name) return i;
    names.push_back(data_->actors[i].name);
  }
  throw InvalidArgument(data_->source + ": unknown actor '" + std::string(name) + "' (actors: " + join(names) + ")");
}

std::size_t Scenario::parameter_index(std::string_view name) const {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < data_->parameters.size(); ++i) {
    if (data_->parameters[i].name == name) return i;
    names.push_back(data_->parameters[i].name);
  }
  throw InvalidArgument(data_->source + ": unknown parameter '" + std::string(name) + "' (parameters: " +
                        join(names) + ")");
}

std::vector<double> Scenario::resolve(const Values& values) const {
  std::vector<double> out;
  for (const auto& p : data_->parameters) out.push_back(p.default_value);
  for (const auto& [name, value] : values) out[parameter_index(name)] = value;
  check_values(out);
  return out;
}

void Scenario::check_values(std::span<const double> values) const {
  const auto& params = data_->parameters;
  if (values.size() != params.size())
    throw InvalidArgument(data_->source + ": expected " + std::to_string(params.size()) + " parameter values, got " +
                          std::to_string(values.size()));
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (!std::isfinite(values[i]))
      throw InvalidArgument(data_->source + ": parameter '" + params[i].name + "' must be finite, got " +
                            to_string(values[i]));
    if (values[i] < params[i].min || values[i] > params[i].max)
      throw InvalidArgument(data_->source + ": parameter '" + params[i].name + "' = " + to_string(values[i]) +
                            " is outside its range [" + to_string(params[i].min) + ", " + to_string(params[i].max) +
                            "]");
  }
}

Game<double> Scenario::game(const Values& values) const { return game_at(resolve(values)); }

bool Scenario::compact() const { return data_->compact; }

Game<double> Scenario::game_at(std::span<const double> values) const {
  check_values(values);
  std::lock_guard lock(data_->mutex);
  return shared_compiler().compile(values);
}

CompactGame<double> Scenario::compact_game(const Values& values) const { return compact_game_at(resolve(values)); }

CompactGame<double> Scenario::compact_game_at(std::span<const double> values) const {
  check_values(values);
  std::lock_guard lock(data_->mutex);
  return shared_compiler().compile_compact(values);
}

Compiler& Scenario::shared_compiler() const {
  if (!data_->compiler) {
    // The cached compiler lives inside Data, so it must not own Data: that
    // cycle leaked every scenario whose game() was called (found by the
    // scenario fuzz target). An aliasing shared_ptr with an empty owner
    // points at Data without keeping it alive.
    const Scenario unowned(std::shared_ptr<Data>(std::shared_ptr<Data>(), data_.get()));
    data_->compiler = std::make_unique<Compiler>(unowned);
  }
  return *data_->compiler;
}

namespace {

/// The actors' names and each actor's strategy names.
std::pair<std::vector<std::string>, std::vector<std::vector<std::string>>> labels_of(const Scenario::Data& d) {
  std::vector<std::string> players;
  std::vector<std::vector<std::string>> strategies;
  for (const auto& a : d.actors) {
    players.push_back(a.name);
    strategies.emplace_back();
    for (const auto& s : a.strategies) strategies.back().push_back(s.name);
  }
  return {std::move(players), std::move(strategies)};
}

template <class Scalar>
Game<Scalar> blank_game_of(const Scenario::Data& d) {
  if (d.compact) {
    try {
      checked_profile_count(d.shape);
    } catch (const InvalidArgument& e) {
      throw InvalidArgument(d.source + ": a compact scenario of " + std::to_string(d.shape.size()) +
                            " actors has no dense game (" + e.what() + "); use its compact game");
    }
  }
  auto [players, strategies] = labels_of(d);
  Game<Scalar> game(std::move(players), std::move(strategies));
  game.set_title(d.title);
  return game;
}

/// The compact game of the scenario's terms, `results` the value of each
/// expression: one CompactTerm per scenario term, its recipients in the
/// order of the contributions (the dense compile's order).
template <class Scalar>
CompactGame<Scalar> compact_game_of(const Scenario::Data& d, const std::vector<Scalar>& results) {
  auto [players, strategies] = labels_of(d);
  CompactGame<Scalar> game(std::move(players), std::move(strategies));
  game.set_title(d.title);
  for (std::size_t c = 0; c < d.contributions.size();) {
    const auto& first = d.contributions[c];
    CompactTerm<Scalar> term;
    const auto& allowed = d.conditions[first.mask];
    for (std::size_t i = 0; i < allowed.size(); ++i) {
      if (allowed[i].size() == d.shape[i]) continue;  // unconditioned
      CompactCondition condition{i, std::vector<char>(d.shape[i], 0)};
      for (std::size_t s : allowed[i]) condition.allowed[s] = 1;
      term.when.push_back(std::move(condition));
    }
    for (; c < d.contributions.size() && d.contributions[c].term == first.term; ++c)
      term.payoffs.emplace_back(d.contributions[c].actor, results[d.contributions[c].expression]);
    game.add_term(std::move(term));
  }
  return game;
}

/// Every expression's exact value (docs/scenario-format.md, "Exact
/// evaluation"): each parameter value's shortest decimal, each expression
/// evaluated in rationals. `values` are checked.
std::vector<Rational> exact_results(const Scenario::Data& d, std::span<const double> values) {
  std::vector<Rational> slots;
  slots.reserve(values.size());
  for (double v : values) slots.push_back(rational_from_double(v));
  std::vector<Rational> results(d.expressions.size());
  for (std::size_t k = 0; k < d.expressions.size(); ++k) {
    const auto& e = d.expressions[k];
    if (e.is_constant) {
      results[k] = e.exact_constant;
      continue;
    }
    std::string why = e.exact_error;
    if (e.exact) {
      try {
        results[k] = e.exact->evaluate(slots);
        continue;
      } catch (const detail::ExactError& error) {
        why = error.what();
      }
    }
    std::string at;
    for (std::size_t i = 0; i < values.size(); ++i)
      at += (i ? ", " : "") + d.parameters[i].name + "=" + to_string(values[i]);
    throw InvalidArgument(d.source + ": " + e.path + ": \"" + e.text + "\" in exact mode: " + why +
                          (at.empty() ? std::string() : " (at " + at + ")"));
  }
  return results;
}

/// The exact game; `values` are checked.
Game<Rational> exact_game_of(const Scenario::Data& d, std::span<const double> values) {
  Game<Rational> game = blank_game_of<Rational>(d);
  const std::vector<Rational> results = exact_results(d, values);
  if (d.compact) return compact_game_of(d, results).to_dense();
  for (const auto& c : d.contributions) {
    const Rational& v = results[c.expression];
    if (v == 0) continue;
    auto u = game.payoffs(c.actor);
    for (std::uint32_t k : d.masks[c.mask]) u[k] += v;
  }
  return game;
}

}  // namespace

Game<Rational> Scenario::exact_game(const Values& values) const { return exact_game_at(resolve(values)); }

CompactGame<Rational> Scenario::exact_compact_game(const Values& values) const {
  return exact_compact_game_at(resolve(values));
}

CompactGame<Rational> Scenario::exact_compact_game_at(std::span<const double> values) const {
  check_values(values);
  return compact_game_of(*data_, exact_results(*data_, values));
}

Game<Rational> Scenario::exact_game_at(std::span<const double> values) const {
  check_values(values);
  return exact_game_of(*data_, values);
}

// --- Compiler -----------------------------------------------------------------

struct Compiler::State {
  std::shared_ptr<Scenario::Data> data;
  std::vector<double> slots;  ///< parameter values, bound by address to every parser
  std::vector<std::unique_ptr<mu::Parser>> parsers;  ///< per expression; null for constants
  std::vector<double> results;
};

Compiler::Compiler(const Scenario& scenario) : state_(std::make_unique<State>()) {
  State& st = *state_;
  st.data = scenario.data_;
  const auto& d = *st.data;
  st.slots.assign(d.parameters.size(), 0.0);
  for (std::size_t i = 0; i < d.parameters.size(); ++i) st.slots[i] = d.parameters[i].default_value;
  st.results.assign(d.expressions.size(), 0.0);
  for (const auto& e : d.expressions) {
    if (e.is_constant) {
      st.parsers.emplace_back();
      continue;
    }
    auto parser = std::make_unique<mu::Parser>();
    for (std::size_t i = 0; i < d.parameters.size(); ++i) parser->DefineVar(d.parameters[i].name, &st.slots[i]);
    parser->SetExpr(e.text);  // validated at load
    parser->Eval();           // the first Eval compiles to bytecode
    st.parsers.push_back(std::move(parser));
  }
}

Compiler::~Compiler() = default;
Compiler::Compiler(Compiler&&) noexcept = default;
Compiler& Compiler::operator=(Compiler&&) noexcept = default;

Game<double> Compiler::blank_game() const { return blank_game_of<double>(*state_->data); }

Game<Rational> Compiler::compile_exact(std::span<const double> values) const {
  return exact_game_of(*state_->data, values);
}

void Compiler::evaluate(std::span<const double> values) {
  State& st = *state_;
  const auto& d = *st.data;
  if (values.size() != st.slots.size())
    throw InvalidArgument(d.source + ": compile needs one value per parameter");
  std::copy(values.begin(), values.end(), st.slots.begin());
  for (std::size_t k = 0; k < d.expressions.size(); ++k) {
    const auto& e = d.expressions[k];
    double v = e.constant;
    if (!e.is_constant) {
      try {
        v = st.parsers[k]->Eval();
      } catch (const mu::ParserError& error) {
        throw InvalidArgument(d.source + ": " + e.path + ": \"" + e.text + "\": " + error.GetMsg());
      }
    }
    if (!std::isfinite(v)) {
      std::string at;
      for (std::size_t i = 0; i < values.size(); ++i)
        at += (i ? ", " : "") + d.parameters[i].name + "=" + to_string(values[i]);
      throw InvalidArgument(d.source + ": " + e.path + ": \"" + e.text + "\" evaluates to " + result_text(v) +
                            " at " + at + "; a payoff must be finite");
    }
    st.results[k] = v;
  }
}

CompactGame<double> Compiler::compile_compact(std::span<const double> values) {
  evaluate(values);
  return compact_game_of(*state_->data, state_->results);
}

void Compiler::compile(std::span<const double> values, Game<double>& game) {
  State& st = *state_;
  const auto& d = *st.data;
  if (game.shape() != d.shape)
    throw InvalidArgument(d.source + ": compile needs a game of the scenario's shape");
  evaluate(values);
  if (d.compact) {
    const Game<double> dense = compact_game_of(d, st.results).to_dense();
    for (std::size_t i = 0; i < d.shape.size(); ++i) std::ranges::copy(dense.payoffs(i), game.payoffs(i).begin());
    return;
  }
  for (std::size_t i = 0; i < d.shape.size(); ++i) {
    auto u = game.payoffs(i);
    std::fill(u.begin(), u.end(), 0.0);
  }
  for (const auto& c : d.contributions) {
    const double v = st.results[c.expression];
    if (v == 0.0) continue;
    auto u = game.payoffs(c.actor);
    for (std::uint32_t k : d.masks[c.mask]) u[k] += v;
  }
}

Game<double> Compiler::compile(std::span<const double> values) {
  Game<double> game = blank_game();
  compile(values, game);
  return game;
}

}  // namespace entente::scenario
