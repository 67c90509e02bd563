// Scenario: a JSON model of actors, their strategies, named parameters and
// payoff terms (docs/scenario-format.md, schema/scenario.schema.json) that
// compiles, given parameter values, into an N-player normal-form Game.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "entente/fwd.hpp"
#include "entente/game/compact_game.hpp"
#include "entente/game/game.hpp"

namespace entente::scenario {

struct Strategy {
  std::string name;
  std::string description;
};

struct Actor {
  std::string name;
  std::string description;
  std::vector<Strategy> strategies;
};

struct Parameter {
  std::string name;
  double default_value = 0.0;
  double min = 0.0;
  double max = 0.0;
  std::string description;
  std::string source;  ///< the text the parameter models, quoted
};

/// Parameter values by name; parameters not named keep their defaults.
using Values = std::map<std::string, double, std::less<>>;

/// Most entries the per-term profile masks of one scenario may hold
/// (4 bytes each): the sum over terms of the profiles where each fires.
inline constexpr std::size_t kMaxMaskEntries = std::size_t{1} << 26;

/// A parsed and validated scenario. Copies are cheap and share the parsed
/// data, which is immutable; game() and exact_game() may be called from
/// several threads (they share one compiled evaluator behind a lock; a sweep
/// gives each thread its own Compiler instead).
///
/// Bad files throw ParseError naming the file, the JSON path (e.g.
/// `/terms/3/payoffs/China`) and what was expected; bad values throw
/// InvalidArgument naming the file and the parameter.
class Compiler;

class Scenario {
 public:
  /// Reads and validates a scenario file.
  static Scenario load(const std::string& path);
  /// Validates scenario text; `source` names it in messages.
  static Scenario parse(std::string_view text, const std::string& source = "<scenario>");

  const std::string& source() const;
  /// The JSON text it was parsed from (to ship it to another process).
  const std::string& text() const;
  const std::string& title() const;
  const std::string& description() const;
  const std::vector<Actor>& actors() const;
  const std::vector<Parameter>& parameters() const;
  std::size_t num_terms() const;
  /// Strategy counts, one per actor: the shape of every compiled game.
  std::vector<std::size_t> shape() const;
  /// The actor reports and thresholds centre on: the file's "focus", else
  /// the first actor (index).
  std::size_t focus() const;
  /// The two parameters (indices) of the report's stance map: the file's
  /// "map", else the first two parameters (fewer when there are fewer).
  std::vector<std::size_t> map() const;

  /// Index of an actor or parameter by name; InvalidArgument listing the
  /// known names otherwise.
  std::size_t actor_index(std::string_view name) const;
  std::size_t parameter_index(std::string_view name) const;

  /// Every parameter's value (in parameters() order): the defaults with
  /// `values` applied. Throws InvalidArgument for an unknown name, a
  /// non-finite value or one outside [min, max].
  std::vector<double> resolve(const Values& values = {}) const;
  /// Throws unless `values` holds one finite value in range per parameter.
  void check_values(std::span<const double> values) const;

  /// The game at these values (defaults for parameters not named).
  Game<double> game(const Values& values = {}) const;
  /// The game at a full value vector (parameters() order).
  Game<double> game_at(std::span<const double> values) const;
  /// The game in exact arithmetic (docs/scenario-format.md, "Exact
  /// evaluation"): each parameter value read as its shortest decimal
  /// (rational_from_double: 0.1 is 1/10), decimal literals exact, every
  /// expression evaluated in rationals. Throws InvalidArgument naming the
  /// file and the term's JSON path for an expression without a rational
  /// value there (sqrt, exp, a non-integer power, a division by zero).
  /// Thread-safe.
  Game<Rational> exact_game(const Values& values = {}) const;
  /// The exact game at a full value vector (parameters() order).
  Game<Rational> exact_game_at(std::span<const double> values) const;

  /// True when the terms are kept as terms, without a payoff tensor: the
  /// file says "compact": true, or (without the key) its game is past the
  /// dense size limit (docs/compact.md). compact_game() works for every
  /// scenario; game() for a compact one only where the tensor fits.
  bool compact() const;
  /// The game as its terms (game/compact_game.hpp), at these values; the
  /// same payoffs as game(), summed in the same order. Thread-safe.
  CompactGame<double> compact_game(const Values& values = {}) const;
  CompactGame<double> compact_game_at(std::span<const double> values) const;
  /// The compact game in exact arithmetic, as exact_game().
  CompactGame<Rational> exact_compact_game(const Values& values = {}) const;
  CompactGame<Rational> exact_compact_game_at(std::span<const double> values) const;

  struct Data;

 private:
  explicit Scenario(std::shared_ptr<Data> data);
  /// The compiler game() and compact_game() share; the caller holds the lock.
  Compiler& shared_compiler() const;
  std::shared_ptr<Data> data_;
  friend class Compiler;
};

/// Compiles games of one scenario, many times: each expression is parsed
/// once (muparser bytecode bound to this object's parameter slots) and each
/// term's profile mask is precomputed by the Scenario, so a compile costs one
/// evaluation per expression plus one addition per (term, firing profile).
/// Not thread-safe: one Compiler per thread.
class Compiler {
 public:
  explicit Compiler(const Scenario& scenario);
  ~Compiler();
  Compiler(Compiler&&) noexcept;
  Compiler& operator=(Compiler&&) noexcept;

  /// A fresh game of the scenario's shape, labels and title, payoffs zero.
  Game<double> blank_game() const;
  /// Overwrites `game`'s payoffs (it must come from blank_game()) with the
  /// payoffs at `values` (one per parameter, already checked). Throws
  /// InvalidArgument naming the term's JSON path when an expression
  /// evaluates to NaN or infinity.
  void compile(std::span<const double> values, Game<double>& game);
  Game<double> compile(std::span<const double> values);
  /// The compact game at `values` (already checked).
  CompactGame<double> compile_compact(std::span<const double> values);
  /// The exact game at `values` (already checked), as
  /// Scenario::exact_game_at.
  Game<Rational> compile_exact(std::span<const double> values) const;

 private:
  /// Evaluates every expression at `values` into the state's results.
  void evaluate(std::span<const double> values);
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace entente::scenario
