// Fuzz target: scenario JSON text through the whole compile-to-Game path
// (include/entente/scenario/scenario.hpp). Any input either is refused with
// ParseError / InvalidArgument (the documented errors) or parses; a parsed
// scenario must then
//  - reparse from its own text() to the same shape, actors and parameters;
//  - compile at its defaults, at every parameter's min and at its max, to a
//    game of shape() with finite payoffs, or refuse with InvalidArgument (an
//    expression that evaluates to NaN or infinity);
//  - give the same game through game(), game_at(resolve()) and a Compiler;
//  - give an exact_game() whose payoffs are exactly the floating ones;
//  - refuse out-of-range and unknown parameter values with InvalidArgument.
// Anything else (another exception, a crash, a hang) is a finding.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check.hpp"
#include "entente/error.hpp"
#include "entente/scenario/scenario.hpp"

namespace {

using namespace entente;
using entente::fuzz::fail;
using entente::fuzz::refused;
using entente::fuzz::require;
using scenario::Scenario;

/// Compiling is linear in the game's size; games past this many payoff
/// entries (legal up to kMaxPayoffEntries) are parsed but not compiled, so
/// one input stays well under the fuzzer's timeout.
constexpr std::size_t kMaxCompiledEntries = std::size_t{1} << 14;

void check_game(const Scenario& sc, const Game<double>& g, const std::string& where) {
  require(g.shape() == sc.shape(), where + ": the game's shape is not the scenario's");
  require(g.num_players() == sc.actors().size(), where + ": one player per actor");
  for (std::size_t i = 0; i < g.num_players(); ++i)
    for (double u : g.payoffs(i)) require(std::isfinite(u), where + ": a non-finite payoff");
}

/// Compiles at `values` (a full vector); every path must agree.
void compile_at(const Scenario& sc, scenario::Compiler& compiler, const std::vector<double>& values,
                const std::string& where) {
  std::optional<Game<double>> game;
  if (refused([&] { game.emplace(sc.game_at(values)); })) {
    // A NaN/infinite expression: the Compiler must refuse the same values.
    require(refused([&] { compiler.compile(values); }), where + ": game_at refused but the Compiler did not");
    return;
  }
  check_game(sc, *game, where);
  Game<double> again = compiler.blank_game();
  compiler.compile(values, again);
  require(again == *game, where + ": the Compiler and game_at differ");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::optional<Scenario> parsed;
  if (refused([&] { parsed.emplace(Scenario::parse(text, "<fuzz>")); })) return 0;
  const Scenario& sc = *parsed;

  // Its own text parses again to the same scenario.
  std::optional<Scenario> reparsed;
  if (refused([&] { reparsed.emplace(Scenario::parse(sc.text(), "<text>")); }))
    fail("a parsed scenario's text() does not parse again");
  require(reparsed->shape() == sc.shape() && reparsed->num_terms() == sc.num_terms() &&
              reparsed->parameters().size() == sc.parameters().size() && reparsed->title() == sc.title(),
          "reparsing text() changed the scenario");

  const auto shape = sc.shape();
  require(shape.size() == sc.actors().size(), "shape(): one entry per actor");
  std::size_t entries = shape.size();
  for (std::size_t i = 0; i < shape.size(); ++i) {
    require(shape[i] == sc.actors()[i].strategies.size() && shape[i] > 0, "shape() and the actors disagree");
    require(sc.actor_index(sc.actors()[i].name) <= i, "actor_index does not find an actor");
    entries = entries > kMaxCompiledEntries ? entries : entries * shape[i];
  }
  for (std::size_t k = 0; k < sc.parameters().size(); ++k) {
    const auto& p = sc.parameters()[k];
    require(std::isfinite(p.min) && std::isfinite(p.max) && p.min <= p.default_value && p.default_value <= p.max,
            "a parsed parameter with a bad range or default: " + p.name);
    require(sc.parameter_index(p.name) <= k, "parameter_index does not find a parameter");
  }
  require(refused([&] { (void)sc.parameter_index("\x01no such parameter"); }), "an unknown parameter was found");

  const std::vector<double> defaults = sc.resolve();
  require(defaults.size() == sc.parameters().size(), "resolve(): one value per parameter");
  if (!sc.parameters().empty()) {
    const auto& p = sc.parameters().front();
    require(refused([&] { (void)sc.resolve({{p.name, std::nan("")}}); }), "resolve() took NaN");
    if (p.max < 1e300) require(refused([&] { (void)sc.resolve({{p.name, p.max + std::max(1.0, std::abs(p.max))}}); }), "resolve() took a value above max");
  }
  if (entries > kMaxCompiledEntries) return 0;

  scenario::Compiler compiler(sc);
  compile_at(sc, compiler, defaults, "defaults");
  std::optional<Game<double>> game;
  if (!refused([&] { game.emplace(sc.game()); })) {
    require(*game == sc.game_at(defaults), "game() and game_at(resolve()) differ");
    const Game<Rational> exact = sc.exact_game();
    require(exact.cast<double>() == *game, "exact_game() is not the floating game exactly");
  }
  for (std::size_t k = 0; k < sc.parameters().size() && k < 4; ++k) {
    auto values = defaults;
    values[k] = sc.parameters()[k].min;
    compile_at(sc, compiler, values, "parameter " + std::to_string(k) + " at its min");
    values[k] = sc.parameters()[k].max;
    compile_at(sc, compiler, values, "parameter " + std::to_string(k) + " at its max");
  }
  return 0;
}
