// Weighted voting games [q; w_1, ..., w_n]: a coalition wins iff its total
// weight is at least the quota q. Power indices by pseudo-polynomial dynamic
// programming over weight sums (generating functions), so n in the hundreds
// is fine with integer weights.
//
//  - L. S. Shapley, M. Shubik, "A method for evaluating the distribution of
//    power in a committee system", Amer. Polit. Sci. Rev. 48 (1954) 787-792.
//  - J. F. Banzhaf III, "Weighted voting doesn't work", Rutgers Law Rev. 19
//    (1965) 317-343; Dubey & Shapley, Math. Oper. Res. 4 (1979) 99-131.
//  - The generating-function / knapsack counting: D. G. Cantor (1962, via
//    Lucas); S. J. Brams, P. J. Affuso, "Power and size: a new paradox",
//    Theory and Decision 7 (1976) 29-56; T. Uno, "Efficient computation of
//    power indices for weighted majority games", NII Tech. Rep. (2003)
//    (removing one player from the counting table by "deconvolution").
//  - UN Security Council as [39; 7,7,7,7,7,1,...,1]: Shapley-Shubik index
//    421/2145 per permanent member, 4/2145 per other member (Shapley &
//    Shubik 1954 for the pre-1965 council; the post-1965 numbers are in
//    e.g. A. D. Taylor, "Mathematics and Politics", Springer 1995, ch. 4).
//
// Counting is exact (GMP integers); results are converted to Scalar last.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "entente/coop/coalitional_game.hpp"
#include "entente/error.hpp"
#include "entente/scalar.hpp"

namespace entente {

class WeightedVotingGame {
 public:
  /// Largest counting table (entries of (n+1) * quota) accepted.
  static constexpr std::uint64_t max_table = 10'000'000;

  /// Throws InvalidArgument unless n >= 1, every weight >= 0, 1 <= quota <=
  /// sum of weights, (n+1) * quota <= max_table, and players is empty or has n names.
  WeightedVotingGame(std::int64_t quota, std::vector<std::int64_t> weights, std::vector<std::string> players = {})
      : quota_(quota), weights_(std::move(weights)), players_(std::move(players)) {
    if (weights_.empty()) throw InvalidArgument("WeightedVotingGame: needs at least one player");
    std::int64_t total = 0;
    for (auto w : weights_) {
      if (w < 0) throw InvalidArgument("WeightedVotingGame: weights must be non-negative, got " + std::to_string(w));
      if (w > (std::int64_t(1) << 53)) throw InvalidArgument("WeightedVotingGame: weight too large");
      total += w;
    }
    if (quota_ < 1 || quota_ > total)
      throw InvalidArgument("WeightedVotingGame: the quota must be between 1 and the total weight " +
                            std::to_string(total) + ", got " + std::to_string(quota_));
    if (std::uint64_t(quota_) > max_table / (weights_.size() + 1))
      throw InvalidArgument("WeightedVotingGame: quota times players exceeds the counting table limit");
    if (players_.empty()) {
      for (std::size_t i = 0; i < weights_.size(); ++i) players_.push_back(std::to_string(i));
    } else if (players_.size() != weights_.size()) {
      throw InvalidArgument("WeightedVotingGame: " + std::to_string(weights_.size()) + " players but " +
                            std::to_string(players_.size()) + " names");
    }
  }

  std::size_t num_players() const { return weights_.size(); }
  std::size_t n() const { return weights_.size(); }
  std::int64_t quota() const { return quota_; }
  const std::vector<std::int64_t>& weights() const { return weights_; }
  const std::vector<std::string>& players() const { return players_; }

  /// Whether the coalition (bit mask, n <= 30) wins.
  bool is_winning(Coalition mask) const {
    std::int64_t w = 0;
    for (std::size_t i = 0; i < weights_.size() && i < 32; ++i)
      if (mask >> i & 1u) w += weights_[i];
    return w >= quota_;
  }

  /// Banzhaf swing counts: for each i, the number of coalitions S of the
  /// others with q - w_i <= w(S) <= q - 1 (S loses, S + i wins).
  std::vector<mpz_class> swing_counts() const {
    const std::size_t q = std::size_t(quota_);
    // d[w] = number of subsets of all players with weight w (w < q).
    std::vector<mpz_class> d(q, 0);
    d[0] = 1;
    for (auto wj : weights_) {
      const std::size_t w = std::size_t(wj);
      if (w == 0) {
        for (auto& x : d) x *= 2;
        continue;
      }
      for (std::size_t s = q; s-- > w;) mpz_add(d[s].get_mpz_t(), d[s].get_mpz_t(), d[s - w].get_mpz_t());
    }
    std::vector<mpz_class> swings(n());
    std::vector<mpz_class> r(q);
    std::map<std::int64_t, std::size_t> done;  // players of equal weight have equal counts
    for (std::size_t i = 0; i < n(); ++i) {
      const std::size_t wi = std::size_t(weights_[i]);
      if (wi == 0) continue;  // a weight-0 player never swings
      if (auto it = done.find(weights_[i]); it != done.end()) {
        swings[i] = swings[it->second];
        continue;
      }
      done.emplace(weights_[i], i);
      // Remove player i: d = r + shift(r, wi), so r[s] = d[s] - r[s - wi], ascending s.
      for (std::size_t s = 0; s < q; ++s) {
        r[s] = d[s];
        if (s >= wi) mpz_sub(r[s].get_mpz_t(), r[s].get_mpz_t(), r[s - wi].get_mpz_t());
      }
      const std::size_t lo = wi >= q ? 0 : q - wi;
      for (std::size_t s = lo; s < q; ++s) swings[i] += r[s];
    }
    return swings;
  }

  /// Banzhaf index: raw (swings / 2^(n-1)) or normalised (swings / total swings).
  template <class Scalar>
  std::vector<Scalar> banzhaf(bool normalized = false) const {
    const auto swings = swing_counts();
    mpz_class denominator;
    if (normalized) {
      denominator = 0;
      for (const auto& s : swings) denominator += s;
    } else {
      denominator = mpz_class(1) << static_cast<mp_bitcnt_t>(n() - 1);
    }
    std::vector<Scalar> out;
    for (const auto& s : swings) {
      Rational r(s, denominator);
      r.canonicalize();
      out.push_back(scalar_cast<Scalar>(r));
    }
    return out;
  }

  /// Shapley-Shubik index: phi_i = sum_k k!(n-1-k)!/n! * #{S of the others,
  /// |S| = k, q - w_i <= w(S) <= q - 1}. Counting table by size and weight,
  /// O(n^2 q) exact integer additions.
  template <class Scalar>
  std::vector<Scalar> shapley_shubik() const {
    const auto num = pivot_numerators();
    mpz_class nfact;
    mpz_fac_ui(nfact.get_mpz_t(), static_cast<unsigned long>(n()));
    std::vector<Scalar> out;
    for (const auto& p : num) {
      Rational r(p, nfact);
      r.canonicalize();
      out.push_back(scalar_cast<Scalar>(r));
    }
    return out;
  }

  /// The number of the n! orderings in which each player is pivotal
  /// (Shapley-Shubik index times n!).
  std::vector<mpz_class> pivot_numerators() const {
    const std::size_t n = this->n(), q = std::size_t(quota_);
    // c[k * q + s] = number of k-player subsets with weight s (s < q).
    std::vector<mpz_class> c((n + 1) * q, 0);
    c[0] = 1;
    std::size_t seen = 0, reach = 0;  // players so far, and min(q - 1, their total weight)
    for (auto wj : weights_) {
      const std::size_t w = std::size_t(wj);
      reach = std::min(q - 1, reach + std::min(w, q));
      for (std::size_t k = seen + 1; k-- > 0;) {  // descending k: each player used once
        if (w >= q) break;
        for (std::size_t s = reach + 1; s-- > w;)
          if (mpz_sgn(c[k * q + s - w].get_mpz_t()) != 0)
            mpz_add(c[(k + 1) * q + s].get_mpz_t(), c[(k + 1) * q + s].get_mpz_t(), c[k * q + s - w].get_mpz_t());
      }
      ++seen;
    }
    // k!(n-1-k)! for k = 0..n-1.
    std::vector<mpz_class> coef(n);
    for (std::size_t k = 0; k < n; ++k) {
      mpz_class a, b;
      mpz_fac_ui(a.get_mpz_t(), static_cast<unsigned long>(k));
      mpz_fac_ui(b.get_mpz_t(), static_cast<unsigned long>(n - 1 - k));
      coef[k] = a * b;
    }
    std::vector<mpz_class> out(n, 0);
    std::vector<mpz_class> r(n * q);  // player i removed: sizes 0..n-1
    std::map<std::int64_t, std::size_t> done;  // players of equal weight have equal counts
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t wi = std::size_t(weights_[i]);
      if (wi == 0) continue;
      if (auto it = done.find(weights_[i]); it != done.end()) {
        out[i] = out[it->second];
        continue;
      }
      done.emplace(weights_[i], i);
      const std::size_t lo = wi >= q ? 0 : q - wi;
      // c = r + x^{wi} y r  =>  r[k][s] = c[k][s] - r[k-1][s-wi], ascending k.
      // A player with wi >= q contributes nothing below q, so r = c there.
      for (std::size_t k = 0; k < n; ++k) {
        mpz_class pivots = 0;
        for (std::size_t s = 0; s < q; ++s) {
          mpz_class& x = r[k * q + s];
          x = c[k * q + s];
          if (k > 0 && wi < q && s >= wi) mpz_sub(x.get_mpz_t(), x.get_mpz_t(), r[(k - 1) * q + s - wi].get_mpz_t());
          if (s >= lo) pivots += x;
        }
        if (pivots != 0) out[i] += coef[k] * pivots;
      }
    }
    return out;
  }

  /// The simple game as a CoalitionalGame (v = 1 on winning coalitions); n <= 30.
  template <class Scalar>
  CoalitionalGame<Scalar> to_coalitional_game() const {
    const std::size_t n = this->n();
    if (n > CoalitionalGame<Scalar>::max_players)
      throw InvalidArgument("WeightedVotingGame::to_coalitional_game: at most " +
                            std::to_string(CoalitionalGame<Scalar>::max_players) + " players");
    const std::size_t size = std::size_t(1) << n;
    std::vector<Scalar> values(size);
    // Weight of S from S without its lowest player.
    std::vector<std::int64_t> weight(size, 0);
    for (std::size_t m = 1; m < size; ++m) {
      const auto low = std::size_t(std::countr_zero(m));
      weight[m] = weight[m & (m - 1)] + weights_[low];
      values[m] = weight[m] >= quota_ ? Scalar(1) : Scalar(0);
    }
    return CoalitionalGame<Scalar>(n, std::move(values), players_);
  }

 private:
  std::int64_t quota_;
  std::vector<std::int64_t> weights_;
  std::vector<std::string> players_;
};

}  // namespace entente
