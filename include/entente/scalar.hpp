// What the rest of entente needs to know about a scalar: double or Rational.
// Tolerances come from here so that the exact type can say "zero" exactly.
#pragma once

#include <charconv>
#include <cmath>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

#include "entente/error.hpp"
#include "entente/fwd.hpp"

namespace entente {

template <class Scalar>
inline constexpr bool is_exact_v = std::is_same_v<Scalar, Rational>;

template <class Scalar>
struct ScalarTraits;

template <>
struct ScalarTraits<double> {
  /// Differences below this are treated as ties (best responses, supports).
  static double eps() { return 1e-9; }
};

template <>
struct ScalarTraits<Rational> {
  static Rational eps() { return 0; }
};

inline double to_double(double x) { return x; }
/// Correctly rounded (to nearest, ties to even); GMP's get_d truncates,
/// which would turn 1/10 into 0.09999999999999999.
inline double to_double(const Rational& x) {
  const mpz_class& num = x.get_num();
  const mpz_class& den = x.get_den();
  if (mpz_sizeinbase(num.get_mpz_t(), 2) <= 53 && mpz_sizeinbase(den.get_mpz_t(), 2) <= 53)
    return num.get_d() / den.get_d();  // both exact, and IEEE division rounds correctly
  if (num == 0) return 0.0;
  // q = |num| 2^shift / den with 65 or 66 bits, remainder folded into a sticky bit.
  const long shift = 65 - (long(mpz_sizeinbase(num.get_mpz_t(), 2)) - long(mpz_sizeinbase(den.get_mpz_t(), 2)));
  mpz_class a = abs(num), b = den, q, r;
  if (shift > 0) a <<= static_cast<mp_bitcnt_t>(shift);
  else b <<= static_cast<mp_bitcnt_t>(-shift);
  mpz_tdiv_qr(q.get_mpz_t(), r.get_mpz_t(), a.get_mpz_t(), b.get_mpz_t());
  if (r != 0) q |= 1;
  const auto drop = static_cast<mp_bitcnt_t>(mpz_sizeinbase(q.get_mpz_t(), 2) - 53);
  mpz_class mantissa = q >> drop;
  mpz_class rest = q - (mantissa << drop);
  mpz_class half = mpz_class(1) << (drop - 1);
  if (rest > half || (rest == half && mpz_odd_p(mantissa.get_mpz_t()))) ++mantissa;
  double magnitude = std::ldexp(mantissa.get_d(), static_cast<int>(long(drop) - shift));
  return num < 0 ? -magnitude : magnitude;
}

/// "p/q" (or "p") for rationals, the shortest round-trip decimal for doubles.
inline std::string to_string(const Rational& x) { return x.get_str(); }
inline std::string to_string(double x) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, res.ptr);
}

/// Parses an exact rational in the forms Gambit accepts: "3", "-3", "1.5",
/// ".5", "3.", "3/2", "1e2", "15e-1", integers of any size. Throws
/// InvalidArgument naming the text otherwise.
inline Rational parse_rational(std::string_view text) {
  auto fail = [&]() -> Rational {
    throw InvalidArgument("not a number: '" + std::string(text) + "'");
  };
  std::size_t i = 0, n = text.size();
  bool negative = false;
  if (i < n && text[i] == '-') negative = true, ++i;
  std::string digits;  // integer digits then fraction digits
  std::size_t int_digits = 0, frac_digits = 0;
  while (i < n && text[i] >= '0' && text[i] <= '9') digits += text[i++], ++int_digits;
  bool has_point = false;
  if (i < n && text[i] == '.') {
    has_point = true;
    ++i;
    while (i < n && text[i] >= '0' && text[i] <= '9') digits += text[i++], ++frac_digits;
  }
  if (digits.empty()) return fail();
  Rational value;
  value.get_num().set_str(digits, 10);
  value.get_den() = 1;
  mpz_class ten_pow;
  mpz_ui_pow_ui(ten_pow.get_mpz_t(), 10, frac_digits);
  value.get_den() = ten_pow;
  if (i < n && text[i] == '/') {
    if (has_point) return fail();
    ++i;
    std::string den;
    while (i < n && text[i] >= '0' && text[i] <= '9') den += text[i++];
    if (den.empty() || i != n) return fail();
    mpz_class d(den, 10);
    if (d == 0) throw InvalidArgument("zero denominator: '" + std::string(text) + "'");
    value.get_den() = d;
  } else if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < n && text[i] == '-') exp_negative = true, ++i;
    std::size_t start = i;
    unsigned long exponent = 0;
    while (i < n && text[i] >= '0' && text[i] <= '9') {
      exponent = exponent * 10 + static_cast<unsigned long>(text[i++] - '0');
      if (exponent > 100000) throw InvalidArgument("exponent too large: '" + std::string(text) + "'");
    }
    if (i == start || i != n) return fail();
    mpz_class scale;
    mpz_ui_pow_ui(scale.get_mpz_t(), 10, exponent);
    if (exp_negative)
      value.get_den() *= scale;
    else
      value.get_num() *= scale;
  } else if (i != n) {
    return fail();
  }
  value.canonicalize();
  if (negative) value = -value;
  return value;
}

/// The rational a person means by a double: its shortest decimal form, so
/// 0.1 becomes 1/10 rather than 3602879701896397/36028797018963968.
inline Rational rational_from_double(double x) {
  if (!std::isfinite(x)) throw InvalidArgument("payoffs and coefficients must be finite, got " + to_string(x));
  // Integer payoffs are the common case and need no decimal round trip.
  if (x == std::trunc(x) && std::abs(x) < 9007199254740992.0) return Rational(static_cast<long>(x));
  std::string text = to_string(x);
  std::erase(text, '+');  // to_chars writes 1e+20; Gambit's grammar has no '+'
  return parse_rational(text);
}

template <class To, class From>
To scalar_cast(const From& x) {
  if constexpr (std::is_same_v<To, From>)
    return x;
  else if constexpr (std::is_integral_v<From>)
    return To(static_cast<long>(x));
  else if constexpr (std::is_same_v<To, double>)
    return to_double(x);
  else
    return rational_from_double(x);
}

}  // namespace entente
