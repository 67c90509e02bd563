// The method table: every method solve() knows, one row each. A new method
// is a row here and one case in solve()'s dispatch (solvers/solve.hpp).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "entente/error.hpp"

namespace entente {

enum class Method { automatic, lp, lcp, enummixed, enumsupport, enumpure, simpdiv, logit, minsupport, ce, cce, backward };

/// What a method returns: Nash equilibria (profiles), or one correlated
/// distribution over pure profiles.
enum class ResultKind { equilibria, correlated };

struct MethodInfo {
  Method method;
  std::string_view name;     ///< as the CLI and Python spell it
  std::size_t min_players;   ///< fewest players it accepts
  std::size_t max_players;   ///< most players it accepts; 0: no bound
  bool exact;                ///< runs in rational arithmetic too
  ResultKind result;
  std::string_view summary;  ///< one line for help texts
};

inline constexpr std::size_t kAnyNumber = 0;

inline constexpr std::array<MethodInfo, 12> kMethods{{
    {Method::automatic, "auto", 1, kAnyNumber, true, ResultKind::equilibria,
     "lp for 2-player constant-sum, enummixed for other 2-player games, else enumpure, simpdiv when no pure one"},
    {Method::lp, "lp", 2, 2, true, ResultKind::equilibria, "linear program of a 2-player constant-sum game"},
    {Method::lcp, "lcp", 2, 2, true, ResultKind::equilibria, "Lemke-Howson from label 0: one equilibrium"},
    {Method::enummixed, "enummixed", 2, 2, true, ResultKind::equilibria,
     "every extreme equilibrium by vertex enumeration"},
    {Method::enumsupport, "enumsupport", 2, 2, true, ResultKind::equilibria,
     "equilibria by support enumeration (all of them in nondegenerate games)"},
    {Method::enumpure, "enumpure", 1, kAnyNumber, true, ResultKind::equilibria, "every pure equilibrium"},
    {Method::simpdiv, "simpdiv", 1, kAnyNumber, true, ResultKind::equilibria,
     "one equilibrium by simplicial subdivision"},
    {Method::logit, "logit", 1, kAnyNumber, false, ResultKind::equilibria,
     "the limiting logit equilibrium, following the principal QRE branch"},
    {Method::minsupport, "minsupport", 1, kAnyNumber, false, ResultKind::equilibria,
     "the equilibria with the smallest supports, by support search"},
    {Method::ce, "ce", 1, kAnyNumber, true, ResultKind::correlated, "correlated equilibrium of maximum welfare"},
    {Method::cce, "cce", 1, kAnyNumber, true, ResultKind::correlated,
     "coarse correlated equilibrium of maximum welfare"},
    {Method::backward, "backward", 1, kAnyNumber, true, ResultKind::equilibria,
     "game trees of perfect information: every pure subgame-perfect equilibrium by backward induction"},
}};

inline const MethodInfo& method_info(Method method) {
  for (const auto& row : kMethods)
    if (row.method == method) return row;
  throw InvalidArgument("method_info: not a method of the table");
}

inline std::string to_string(Method method) { return std::string(method_info(method).name); }

/// Every method's name, in table order.
inline std::vector<std::string> method_names() {
  std::vector<std::string> names;
  for (const auto& row : kMethods) names.emplace_back(row.name);
  return names;
}

/// The method called `name`; InvalidArgument listing the names otherwise.
inline Method parse_method(std::string_view name) {
  for (const auto& row : kMethods)
    if (row.name == name) return row.method;
  std::string known;
  for (const auto& row : kMethods) known += (known.empty() ? "" : ", ") + std::string(row.name);
  throw InvalidArgument("unknown method '" + std::string(name) + "' (available: " + known + ")");
}

/// InvalidArgument unless `method` accepts a game of `players` players.
inline void check_players(Method method, std::size_t players) {
  const MethodInfo& row = method_info(method);
  if (players >= row.min_players && (row.max_players == kAnyNumber || players <= row.max_players)) return;
  const std::string accepts = row.max_players == kAnyNumber ? std::to_string(row.min_players) + " or more"
                              : row.min_players == row.max_players
                                  ? std::to_string(row.min_players)
                                  : std::to_string(row.min_players) + " to " + std::to_string(row.max_players);
  throw InvalidArgument("method '" + std::string(row.name) + "' needs a game of " + accepts + " players; this one has " +
                        std::to_string(players));
}

}  // namespace entente
