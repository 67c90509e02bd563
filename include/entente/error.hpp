// Exceptions. Contract violations throw; numerical outcomes (infeasible,
// iteration limit) are statuses in results, not exceptions.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace entente {

/// Bad input from the caller: wrong sizes, NaN payoffs, a method that does
/// not fit the game. Python sees it as ValueError, the CLI exits with 2.
struct InvalidArgument : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

/// A malformed file. `line` is 1-based (0 when unknown).
struct ParseError : InvalidArgument {
  ParseError(const std::string& source, std::size_t line, const std::string& what)
      : InvalidArgument(source + (line ? ":" + std::to_string(line) : std::string()) + ": " + what),
        line(line) {}
  std::size_t line;
};

/// An external solver failed internally (GLPK reported an error) or an
/// exact check of its answer did not hold. Python sees entente.SolverError.
struct SolverError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace entente
