// Exact evaluation of scenario expressions: a recursive-descent parser over
// muparser's grammar (the precedence table of docs/scenario-format.md) and a
// tree evaluated in GMP rationals.
#include "exact_expression.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace entente::scenario::detail {

namespace {

/// Functions of the expression language whose value at rational arguments
/// is rational, and how many arguments each takes (0: one or more).
int rational_arity(const std::string& name) {
  if (name == "abs" || name == "sign" || name == "rint") return 1;
  if (name == "min" || name == "max" || name == "sum" || name == "avg") return 0;
  return -1;
}

/// Every other built-in of muparser 2.3: readable, but without an exact value.
const std::set<std::string>& irrational_functions() {
  static const std::set<std::string> names{"sqrt", "exp",  "ln",   "log",   "log2",  "log10", "sin",  "cos",
                                           "tan",  "asin", "acos", "atan",  "sinh",  "cosh",  "tanh", "asinh",
                                           "acosh", "atanh", "atan2"};
  return names;
}

/// The largest |exponent| of an exact power: 2^10000 has about 3000 digits.
constexpr long kMaxExponent = 10000;

}  // namespace

class ExactParser {
 public:
  ExactParser(std::string_view text, const std::vector<std::string>& parameters)
      : text_(text), parameters_(parameters) {}

  ExactExpression parse() {
    out_.root_ = ternary();
    skip();
    if (pos_ != text_.size()) fail("unexpected '" + std::string(1, text_[pos_]) + "'");
    return std::move(out_);
  }

 private:
  using Kind = ExactExpression::Kind;

  [[noreturn]] void fail(const std::string& what) const {
    throw ExactError("cannot read it for exact evaluation at character " + std::to_string(pos_ + 1) + ": " + what);
  }
  void skip() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool accept(std::string_view token) {
    skip();
    if (text_.substr(pos_, token.size()) != token) return false;
    pos_ += token.size();
    return true;
  }
  void expect(std::string_view token) {
    if (!accept(token)) fail("expected '" + std::string(token) + "'");
  }
  std::size_t node(Kind kind, std::vector<std::size_t> children) {
    ExactExpression::Node n{kind, std::move(children), {}, 0, {}};
    out_.nodes_.push_back(std::move(n));
    return out_.nodes_.size() - 1;
  }

  std::size_t ternary() {
    const std::size_t c = logical_or();
    if (!accept("?")) return c;
    const std::size_t a = ternary();
    expect(":");
    const std::size_t b = ternary();
    return node(Kind::choose, {c, a, b});
  }
  std::size_t logical_or() {
    std::size_t left = logical_and();
    while (accept("||")) left = node(Kind::logical_or, {left, logical_and()});
    return left;
  }
  std::size_t logical_and() {
    std::size_t left = comparison();
    while (accept("&&")) left = node(Kind::logical_and, {left, comparison()});
    return left;
  }
  std::size_t comparison() {
    std::size_t left = additive();
    for (;;) {
      Kind kind;
      if (accept("==")) kind = Kind::equal;
      else if (accept("!=")) kind = Kind::not_equal;
      else if (accept("<=")) kind = Kind::less_equal;
      else if (accept(">=")) kind = Kind::greater_equal;
      else if (accept("<")) kind = Kind::less;
      else if (accept(">")) kind = Kind::greater;
      else return left;
      left = node(kind, {left, additive()});
    }
  }
  std::size_t additive() {
    std::size_t left = multiplicative();
    for (;;) {
      if (accept("+")) left = node(Kind::add, {left, multiplicative()});
      else if (accept("-")) left = node(Kind::subtract, {left, multiplicative()});
      else return left;
    }
  }
  std::size_t multiplicative() {
    std::size_t left = unary();
    for (;;) {
      if (accept("*")) left = node(Kind::multiply, {left, unary()});
      else if (accept("/")) left = node(Kind::divide, {left, unary()});
      else return left;
    }
  }
  std::size_t unary() {
    if (accept("-")) return node(Kind::negate, {unary()});
    if (accept("+")) return unary();
    return power();
  }
  /// `a ^ b ^ c` is `a ^ (b ^ c)`; `-x ^ 2` is `-(x ^ 2)`, and `2 ^ -1` reads.
  std::size_t power() {
    const std::size_t base = primary();
    if (!accept("^")) return base;
    return node(Kind::power, {base, unary()});
  }
  std::size_t primary() {
    skip();
    if (pos_ >= text_.size()) fail("unexpected end of the expression");
    const char c = text_[pos_];
    if (c == '(') {
      ++pos_;
      const std::size_t inner = ternary();
      expect(")");
      return inner;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return number();
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      const std::size_t start = pos_;
      while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_'))
        ++pos_;
      const std::string name(text_.substr(start, pos_ - start));
      const auto found = std::find(parameters_.begin(), parameters_.end(), name);
      if (found != parameters_.end()) {
        const std::size_t n = node(Kind::parameter, {});
        out_.nodes_[n].slot = static_cast<std::size_t>(found - parameters_.begin());
        return n;
      }
      std::vector<std::size_t> args;
      if (accept("(")) {
        if (!accept(")")) {
          do args.push_back(ternary());
          while (accept(","));
          expect(")");
        }
      } else if (name != "_pi" && name != "_e") {
        fail("unknown name '" + name + "'");
      }
      const int arity = rational_arity(name);
      if (arity < 0 && !irrational_functions().count(name) && name != "_pi" && name != "_e")
        fail("unknown function '" + name + "'");
      if ((arity > 0 && args.size() != static_cast<std::size_t>(arity)) || (arity == 0 && args.empty()))
        fail("wrong number of arguments to '" + name + "'");
      const std::size_t n = node(Kind::function, std::move(args));
      out_.nodes_[n].name = name;
      return n;
    }
    fail("unexpected '" + std::string(1, c) + "'");
  }
  /// digits [. digits] [e [+-] digits], exactly: 0.1 is 1/10.
  std::size_t number() {
    std::string digits;
    std::size_t fraction = 0;
    while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) digits += text_[pos_++];
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_])))
        digits += text_[pos_++], ++fraction;
    }
    if (digits.empty()) fail("a number needs digits");
    long exponent = 0;
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      bool negative = false;
      if (pos_ < text_.size() && (text_[pos_] == '-' || text_[pos_] == '+')) negative = text_[pos_++] == '-';
      const std::size_t start = pos_;
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
        exponent = exponent * 10 + (text_[pos_++] - '0');
        if (exponent > 100000) fail("exponent too large");
      }
      if (pos_ == start) fail("an exponent needs digits");
      if (negative) exponent = -exponent;
    }
    Rational value;
    value.get_num().set_str(digits, 10);
    mpz_class scale;
    exponent -= static_cast<long>(fraction);
    mpz_ui_pow_ui(scale.get_mpz_t(), 10, static_cast<unsigned long>(std::abs(exponent)));
    if (exponent < 0) value.get_den() = scale;
    else value.get_num() *= scale;
    value.canonicalize();
    const std::size_t n = node(Kind::number, {});
    out_.nodes_[n].number = value;
    return n;
  }

  std::string_view text_;
  const std::vector<std::string>& parameters_;
  std::size_t pos_ = 0;
  ExactExpression out_;
};

ExactExpression ExactExpression::parse(std::string_view text, const std::vector<std::string>& parameters) {
  return ExactParser(text, parameters).parse();
}

Rational ExactExpression::evaluate(std::span<const Rational> parameters) const { return eval(root_, parameters); }

Rational ExactExpression::eval(std::size_t index, std::span<const Rational> p) const {
  const Node& n = nodes_[index];
  auto arg = [&](std::size_t k) { return eval(n.children[k], p); };
  auto truth = [](bool b) { return Rational(b ? 1 : 0); };
  switch (n.kind) {
    case Kind::number: return n.number;
    case Kind::parameter: return p[n.slot];
    case Kind::negate: return -arg(0);
    case Kind::add: return arg(0) + arg(1);
    case Kind::subtract: return arg(0) - arg(1);
    case Kind::multiply: return arg(0) * arg(1);
    case Kind::divide: {
      const Rational a = arg(0), b = arg(1);
      if (b == 0) throw ExactError("division by zero");
      return a / b;
    }
    case Kind::power: {
      const Rational base = arg(0), exponent = arg(1);
      if (exponent.get_den() != 1)
        throw ExactError("the power " + to_string(base) + "^" + to_string(exponent) +
                         " has a non-integer exponent, so no exact value");
      if (abs(exponent) > kMaxExponent)
        throw ExactError("the exponent " + to_string(exponent) + " exceeds " + std::to_string(kMaxExponent) +
                         " in magnitude");
      const long e = exponent.get_num().get_si();
      if (base == 0 && e < 0) throw ExactError("division by zero (0 to a negative power)");
      Rational out;
      mpz_pow_ui(out.get_num().get_mpz_t(), base.get_num().get_mpz_t(), static_cast<unsigned long>(std::abs(e)));
      mpz_pow_ui(out.get_den().get_mpz_t(), base.get_den().get_mpz_t(), static_cast<unsigned long>(std::abs(e)));
      out.canonicalize();
      return e < 0 ? Rational(1 / out) : out;
    }
    case Kind::less: return truth(arg(0) < arg(1));
    case Kind::greater: return truth(arg(0) > arg(1));
    case Kind::less_equal: return truth(arg(0) <= arg(1));
    case Kind::greater_equal: return truth(arg(0) >= arg(1));
    case Kind::equal: return truth(arg(0) == arg(1));
    case Kind::not_equal: return truth(arg(0) != arg(1));
    case Kind::logical_and: return truth(arg(0) != 0 && arg(1) != 0);
    case Kind::logical_or: return truth(arg(0) != 0 || arg(1) != 0);
    case Kind::choose: return arg(0) != 0 ? arg(1) : arg(2);
    case Kind::function: break;
  }
  const std::string& f = n.name;
  if (f == "abs") return abs(arg(0));
  if (f == "sign") return Rational(sgn(arg(0)));
  if (f == "rint") {  // to nearest, ties to even (C's rint)
    const Rational x = arg(0);
    mpz_class low;
    mpz_fdiv_q(low.get_mpz_t(), x.get_num().get_mpz_t(), x.get_den().get_mpz_t());
    const Rational rest = x - Rational(low);
    if (rest > Rational(1, 2) || (rest == Rational(1, 2) && mpz_odd_p(low.get_mpz_t()))) low += 1;
    return Rational(low);
  }
  if (f == "min" || f == "max" || f == "sum" || f == "avg") {
    Rational out = arg(0);
    for (std::size_t k = 1; k < n.children.size(); ++k) {
      const Rational v = arg(k);
      if (f == "min") out = std::min(out, v);
      else if (f == "max") out = std::max(out, v);
      else out += v;
    }
    if (f == "avg") out /= Rational(static_cast<long>(n.children.size()));
    return out;
  }
  throw ExactError(n.children.empty() ? "the constant '" + f + "' has no exact (rational) value"
                                      : "the function '" + f + "' has no exact (rational) value");
}

}  // namespace entente::scenario::detail
