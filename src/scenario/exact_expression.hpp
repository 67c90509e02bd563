// Exact evaluation of scenario expressions (docs/scenario-format.md,
// "Exact evaluation"): the muparser syntax the double path reads, parsed
// once into a tree and evaluated in rationals. Private to src/scenario.
#pragma once

#include <cstddef>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "entente/fwd.hpp"
#include "entente/scalar.hpp"

namespace entente::scenario::detail {

/// Why an expression has no exact value (or could not be read): the
/// message only; the caller adds the file, the JSON path and the text.
struct ExactError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// One expression as a tree over rationals. Operators (lowest precedence
/// first): `c ? a : b`, `||`, `&&`, comparisons, `+ -`, `* /`, unary `- +`,
/// `^` (right-associative, integer exponents only); functions abs, sign,
/// rint, min, max, sum, avg. Decimal literals are exact (0.1 is 1/10).
/// Functions and constants without rational values (sqrt, exp, ln, sin,
/// _pi, ...) parse, and evaluating them throws ExactError.
class ExactExpression {
 public:
  /// Parses `text`; `parameters` are the names, in slot order. Throws
  /// ExactError for text it cannot read (muparser-only syntax).
  static ExactExpression parse(std::string_view text, const std::vector<std::string>& parameters);
  /// The value at `parameters` (one per slot). Throws ExactError for a
  /// function without a rational value, a division by zero, or a power
  /// with a non-integer or too large exponent.
  Rational evaluate(std::span<const Rational> parameters) const;

  enum class Kind { number, parameter, negate, add, subtract, multiply, divide, power, less, greater, less_equal,
                    greater_equal, equal, not_equal, logical_and, logical_or, choose, function };
  struct Node {
    Kind kind;
    std::vector<std::size_t> children;
    Rational number;          ///< Kind::number
    std::size_t slot = 0;     ///< Kind::parameter
    std::string name;         ///< Kind::function (also a constant such as _pi, with no children)
  };

 private:
  Rational eval(std::size_t node, std::span<const Rational> parameters) const;
  std::vector<Node> nodes_;
  std::size_t root_ = 0;
  friend class ExactParser;
};

}  // namespace entente::scenario::detail
