// Shapley value and Banzhaf value of a TU game, exact in O(n 2^n).
//
//  - L. S. Shapley, "A value for n-person games", in Contributions to the
//    Theory of Games II, Ann. Math. Studies 28 (1953) 307-317:
//      phi_i = sum_{S not containing i} |S|! (n-|S|-1)! / n! * (v(S+i) - v(S)).
//  - J. F. Banzhaf III, "Weighted voting doesn't work", Rutgers Law Review 19
//    (1965) 317-343; raw (non-normalised) value as in Dubey & Shapley,
//    "Mathematical properties of the Banzhaf power index", Math. Oper. Res. 4
//    (1979) 99-131:  beta_i = 2^-(n-1) sum_{S not containing i} (v(S+i) - v(S)).
#pragma once

#include <cstdint>
#include <vector>

#include "entente/cancel.hpp"
#include "entente/coop/coalitional_game.hpp"

namespace entente {

namespace coop::detail {

/// C(m, k) exactly, for m <= 62 (fits in 64 bits for m <= 29 as used here).
inline std::uint64_t binomial(unsigned m, unsigned k) {
  if (k > m) return 0;
  if (k > m - k) k = m - k;
  std::uint64_t r = 1;
  for (unsigned j = 1; j <= k; ++j) r = r * (m - k + j) / j;  // exact at every step
  return r;
}

}  // namespace coop::detail

/// The Shapley value, one entry per player (sums to v(N)). Exact for Rational.
template <class Scalar>
std::vector<Scalar> shapley_value(const CoalitionalGame<Scalar>& g) {
  const std::size_t n = g.n();
  const Coalition all = g.grand_coalition();
  // weight[k] = k!(n-1-k)!/n! = 1 / (n * C(n-1, k)).
  std::vector<Scalar> weight(n);
  for (std::size_t k = 0; k < n; ++k) {
    const auto c = coop::detail::binomial(unsigned(n - 1), unsigned(k));
    if constexpr (is_exact_v<Scalar>) {
      weight[k] = Rational(mpz_class(1), mpz_class(static_cast<unsigned long>(n)) * mpz_class(static_cast<unsigned long>(c)));
      weight[k].canonicalize();
    } else {
      weight[k] = 1.0 / (double(n) * double(c));
    }
  }
  std::vector<Scalar> phi(n, Scalar(0));
  const auto& v = g.values();
  for (Coalition s = 0; s < all; ++s) {
    if ((s & 0xffff) == 0) check_cancelled();
    const auto& w = weight[std::size_t(std::popcount(s))];
    for (std::size_t i = 0; i < n; ++i) {
      const Coalition bi = Coalition(1) << i;
      if (s & bi) continue;
      phi[i] += w * (v[s | bi] - v[s]);
    }
  }
  return phi;
}

/// The Banzhaf value: raw (each player's average marginal contribution over
/// the 2^(n-1) coalitions of the others) or normalised to sum to 1 (throws
/// InvalidArgument when the raw values sum to 0).
template <class Scalar>
std::vector<Scalar> banzhaf_value(const CoalitionalGame<Scalar>& g, bool normalized = false) {
  const std::size_t n = g.n();
  const Coalition all = g.grand_coalition();
  std::vector<Scalar> beta(n, Scalar(0));
  const auto& v = g.values();
  for (Coalition s = 0; s < all; ++s) {
    if ((s & 0xffff) == 0) check_cancelled();
    for (std::size_t i = 0; i < n; ++i) {
      const Coalition bi = Coalition(1) << i;
      if (!(s & bi)) beta[i] += v[s | bi] - v[s];
    }
  }
  Scalar scale;
  if (normalized) {
    Scalar total(0);
    for (const auto& b : beta) total += b;
    if (total == Scalar(0) || (!is_exact_v<Scalar> && total <= g.tol() && total >= -g.tol()))
      throw InvalidArgument("banzhaf_value: the raw Banzhaf values sum to 0; cannot normalise");
    for (auto& b : beta) b /= total;
    return beta;
  }
  if constexpr (is_exact_v<Scalar>) {
    scale = Rational(mpz_class(1), mpz_class(1) << static_cast<mp_bitcnt_t>(n - 1));
    scale.canonicalize();
  } else {
    scale = std::ldexp(1.0, -int(n - 1));
  }
  for (auto& b : beta) b *= scale;
  return beta;
}

}  // namespace entente
