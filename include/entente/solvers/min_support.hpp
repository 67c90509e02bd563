// The equilibria with the smallest supports, by support search.
//
// Source: Porter, Nudelman & Shoham, "Simple search methods for finding a
// Nash equilibrium", Games Econ. Behav. 63 (2008) 642-662 (their algorithm
// for n players): support-size profiles in order of total size, then of
// balance (the largest size minus the smallest), supports instantiated
// player by player, and on each support the indifference equations solved
// for a profile that no outside strategy beats. They observe that most games
// of most families have an equilibrium with small, balanced supports, which
// this order reaches first: on random games it is orders of magnitude faster
// than following the logit branch or subdividing the simplex.
//
// Here: players are instantiated from the fewest strategies to the most, and
// the last player's candidates are its strategies that no other strategy
// beats against every profile of the others' chosen supports (conditional
// strict dominance, ibid.) and, where the candidates' supports would still
// number thousands, that no mixture of candidates beats (an LP each): this
// is what makes a player with hundreds of strategies (a bloc's joint
// strategies) cheap. On each support the
// indifference equations are solved by Newton's method from the support's
// centre (one solution per support: for three or more mixing players the
// equations are polynomial and may have others). A solution is kept when its
// probabilities are positive and its regret in the whole game is at most the
// tolerance; it is returned certified.
//
// Every equilibrium found at the smallest total support size is returned (in
// the order found, duplicates dropped); selection picks among them. The
// search stops, status support_limit, after `max_supports` supports without
// success: games whose equilibria all have large supports belong to simpdiv
// or logit.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <vector>

#include <Eigen/Dense>

#include "entente/cancel.hpp"
#include "entente/error.hpp"
#include "entente/status.hpp"
#include "entente/game/equilibrium.hpp"
#include "entente/game/game.hpp"
#include "entente/solvers/detail/nash_newton.hpp"
#include "entente/solvers/dominance.hpp"
#include "entente/solvers/selection.hpp"

namespace entente {

struct MinSupportOptions {
  /// Supports examined before the search gives up (a deterministic budget,
  /// unlike a time limit: the same game always gets the same answer).
  std::size_t max_supports = 200'000;
  /// Regret accepted, relative to the payoff range (max - min payoff).
  double tolerance = 1e-9;
};

struct MinSupportResult {
  /// The equilibria of the smallest total support size found, certified.
  std::vector<Equilibrium<double>> equilibria;
  /// complete (equilibria found; no smaller support has one that Newton
  /// reaches from its centre) or support_limit.
  Status status = Status::support_limit;
  std::size_t support_size = 0;    ///< total support size of the equilibria
  std::size_t supports_tried = 0;  ///< supports whose equations were solved
};

namespace detail::min_support {

using Vector = Eigen::VectorXd;
using Matrix = Eigen::MatrixXd;

/// All size profiles x (1 <= x_j <= shape_j) with sum `total`, ordered by
/// balance (max - min), then lexicographically.
inline std::vector<std::vector<std::size_t>> size_profiles(const std::vector<std::size_t>& shape, std::size_t total) {
  std::vector<std::vector<std::size_t>> out;
  std::vector<std::size_t> x(shape.size(), 1);
  auto fill = [&](auto&& self, std::size_t j, std::size_t left) -> void {
    if (j + 1 == shape.size()) {
      if (left >= 1 && left <= shape[j]) {
        x[j] = left;
        out.push_back(x);
      }
      return;
    }
    const std::size_t rest = shape.size() - j - 1;  // each later player takes at least one
    for (std::size_t k = 1; k <= shape[j] && k + rest <= left; ++k) {
      x[j] = k;
      self(self, j + 1, left - k);
    }
  };
  if (total >= shape.size()) fill(fill, 0, total);
  auto balance = [](const std::vector<std::size_t>& v) {
    const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
    return *hi - *lo;
  };
  std::stable_sort(out.begin(), out.end(), [&](const auto& a, const auto& b) { return balance(a) < balance(b); });
  return out;
}

class Search {
 public:
  Search(const Game<double>& game, const MinSupportOptions& options)
      : game_(game), options_(options), n_(game.num_players()),
        range_(detail::nash_newton::payoff_range(game)), tolerance_(options.tolerance * range_) {
    support_.resize(n_);
    candidates_.resize(n_);
    picks_.resize(n_);
  }

  MinSupportResult run() {
    MinSupportResult result;
    std::size_t most = 0;
    for (std::size_t j = 0; j < n_; ++j) most += game_.num_strategies(j);
    for (std::size_t total = n_; total <= most; ++total) {
      for (const auto& sizes : size_profiles(game_.shape(), total)) {
        if (!square(sizes)) continue;
        sizes_ = sizes;
        order_players();
        instantiate(0);
        if (tried_ >= options_.max_supports) break;
      }
      if (tried_ >= options_.max_supports) result.status = Status::support_limit;
      else if (!found_.empty()) result.status = Status::complete;
      if (!found_.empty()) result.support_size = total;
      if (!found_.empty() || tried_ >= options_.max_supports) break;
    }
    result.equilibria = std::move(found_);
    result.supports_tried = tried_;
    return result;
  }

 private:
  /// Player j's indifference equations (x_j - 1 of them) involve only the
  /// others' probabilities (sum of x_k - 1 free ones): with fewer unknowns
  /// than equations they hold only on ties, the Jacobian is singular and
  /// Newton cannot solve them, so such size profiles are skipped whole.
  static bool square(const std::vector<std::size_t>& sizes) {
    std::size_t free = 0;
    for (std::size_t x : sizes) free += x - 1;
    for (std::size_t x : sizes)
      if (x - 1 > free - (x - 1)) return false;
    return true;
  }

  /// The players in order of how many supports of their size they have,
  /// fewest first: the last one, whose candidates are pruned, has the most.
  void order_players() {
    auto count = [&](std::size_t j) {  // C(m, x) in floating point: only the order matters
      double c = 1;
      for (std::size_t i = 0; i < sizes_[j]; ++i) c = c * double(game_.num_strategies(j) - i) / double(i + 1);
      return c;
    };
    order_.resize(n_);
    std::iota(order_.begin(), order_.end(), std::size_t(0));
    std::stable_sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) { return count(a) < count(b); });
  }

  // Player order_[level] gets a support of size sizes_[player] from its
  // candidates; the last player's are the strategies no other beats against
  // every profile of the chosen supports.
  void instantiate(std::size_t level) {
    if (tried_ >= options_.max_supports) return;
    if (level == n_) {
      solve_support();
      return;
    }
    const std::size_t j = order_[level];
    // Per-level scratch (no allocation once the search has warmed up).
    std::vector<std::size_t>& candidates = candidates_[level];
    if (level + 1 == n_) {
      if (sizes_[j] == 2)
        if (const auto mixer = single_other_mixer(j); mixer < n_) return two_by_two(j, mixer);
      undominated(j, candidates);
      if (worth_mixed_test(j, candidates.size())) candidates = mixed_undominated(j, candidates);
    } else {
      candidates.resize(game_.num_strategies(j));
      std::iota(candidates.begin(), candidates.end(), std::size_t(0));
    }
    const std::size_t k = sizes_[j];
    if (candidates.size() < k) return;
    // Every k-subset of the candidates, lexicographically.
    std::vector<std::size_t>& pick = picks_[level];
    pick.resize(k);
    std::iota(pick.begin(), pick.end(), std::size_t(0));
    while (true) {
      support_[j].clear();
      for (std::size_t i : pick) support_[j].push_back(candidates[i]);
      instantiate(level + 1);
      if (tried_ >= options_.max_supports) return;
      std::size_t i = k;
      while (i > 0 && pick[i - 1] == candidates.size() - k + i - 1) --i;
      if (i == 0) break;
      ++pick[i - 1];
      for (std::size_t t = i; t < k; ++t) pick[t] = pick[t - 1] + 1;
    }
  }

  /// The one player other than j whose support has two strategies when all
  /// the rest are pure; n_ when the supports are not of that shape.
  std::size_t single_other_mixer(std::size_t j) const {
    std::size_t mixer = n_;
    for (std::size_t k = 0; k < n_; ++k) {
      if (k == j || support_[k].size() == 1) continue;
      if (support_[k].size() != 2 || mixer != n_) return n_;
      mixer = k;
    }
    return mixer;
  }

  /// The last player L mixes two strategies, one other player M mixes
  /// supports_[M] = {m0, m1}, the rest play pure: L's two strategies must
  /// both be best responses at M's mixture y (the weight of m1), so they
  /// are neighbours on the upper envelope of L's payoff lines over y in
  /// [0, 1] and y is where they cross; M's indifference then gives L's
  /// mixture. Only those crossings are examined (instead of every pair).
  void two_by_two(std::size_t L, std::size_t M) {
    std::size_t rest = 0;  // flat offset of the pure players
    for (std::size_t k = 0; k < n_; ++k)
      if (k != L && k != M) rest += support_[k][0] * game_.stride(k);
    const std::size_t m0 = support_[M][0], m1 = support_[M][1];
    const auto uL = game_.payoffs(L);
    const std::size_t sL = game_.stride(L), sM = game_.stride(M), count = game_.num_strategies(L);
    // L's payoff lines over y: at0 + y * slope, read once (the walk revisits them).
    base_.resize(count);
    rise_.resize(count);
    for (std::size_t a = 0; a < count; ++a) {
      base_[a] = uL[rest + m0 * sM + a * sL];
      rise_[a] = uL[rest + m1 * sM + a * sL] - base_[a];
    }
    auto at0 = [&](std::size_t a) { return base_[a]; };
    auto slope = [&](std::size_t a) { return rise_[a]; };
    // The envelope from y = 0: the best line there (ties: the steepest).
    std::size_t current = 0;
    for (std::size_t a = 1; a < count; ++a)
      if (at0(a) > at0(current) || (at0(a) == at0(current) && slope(a) > slope(current))) current = a;
    double y = 0;
    while (tried_ < options_.max_supports) {
      // The line that overtakes `current` first after y (ties: the steepest).
      std::size_t next = current;
      double cross = 1;
      for (std::size_t a = 0; a < count; ++a) {
        if (!(slope(a) > slope(current))) continue;
        const double c = (at0(current) - at0(a)) / (slope(a) - slope(current));
        if (c <= y) continue;
        if (c < cross || (c == cross && next != current && slope(a) > slope(next))) cross = c, next = a;
      }
      if (next == current || !(cross < 1)) return;
      // Every line through the crossing (integer payoffs make ties common):
      // each pair of them is a candidate support.
      const double top = at0(current) + cross * slope(current);
      std::vector<std::size_t> tied;
      for (std::size_t a = 0; a < count; ++a)
        if (std::abs(at0(a) + cross * slope(a) - top) <= 1e-12 * range_) tied.push_back(a);
      for (std::size_t first = 0; first < tied.size(); ++first)
        for (std::size_t second = first + 1; second < tied.size(); ++second)
          crossing(L, M, rest, tied[first], tied[second], cross);
      for (std::size_t a : tied)
        if (slope(a) > slope(next)) next = a;
      current = next;
      y = cross;
    }
  }

  /// L mixes {a, b} (a < b), M mixes with weight y on its second strategy:
  /// M's indifference between its two strategies gives L's weight x on b.
  void crossing(std::size_t L, std::size_t M, std::size_t rest, std::size_t a, std::size_t b, double y) {
    if (tried_ >= options_.max_supports) return;
    ++tried_;
    support_[L] = {a, b};
    const std::size_t m0 = support_[M][0], m1 = support_[M][1];
    const auto uM = game_.payoffs(M);
    const std::size_t sL = game_.stride(L), sM = game_.stride(M);
    auto gain = [&](std::size_t l) { return uM[rest + m1 * sM + l * sL] - uM[rest + m0 * sM + l * sL]; };
    const double g0 = gain(a), g1 = gain(b);
    if (g0 == g1) return;
    const double x = g0 / (g0 - g1);
    if (!(x > 0 && x < 1)) return;
    MixedProfile<double>& p = pure_part();
    p[M][m0] = 1 - y;
    p[M][m1] = y;
    p[L][a] = 1 - x;
    p[L][b] = x;
    accept(p);
  }

  /// The profile with every pure player's strategy and zeros elsewhere, in
  /// a buffer reused from call to call (valid until the next).
  MixedProfile<double>& pure_part() {
    candidate_.strategies.resize(n_);
    for (std::size_t j = 0; j < n_; ++j) {
      candidate_[j].assign(game_.num_strategies(j), 0.0);
      if (support_[j].size() == 1) candidate_[j][support_[j][0]] = 1;
    }
    return candidate_;
  }

  /// The uniform profile on the current supports, where Newton starts
  /// (pure_part's buffer, the mixers' supports filled in).
  MixedProfile<double>& centre() {
    MixedProfile<double>& p = pure_part();
    for (std::size_t j = 0; j < n_; ++j)
      if (support_[j].size() > 1)
        for (std::size_t s : support_[j]) p[j][s] = 1.0 / double(support_[j].size());
    return p;
  }

  /// Flat offsets (in the whole game) of every profile of the others'
  /// supports, in a buffer reused from call to call (valid until the next).
  const std::vector<std::size_t>& others_profiles(std::size_t j) {
    others_.assign(1, 0);
    for (std::size_t m = 0; m < n_; ++m) {
      if (m == j || support_[m].size() == 1) {
        if (m != j)
          for (auto& f : others_) f += support_[m][0] * game_.stride(m);
        continue;
      }
      const std::size_t count = others_.size();
      others_.resize(count * support_[m].size());
      for (std::size_t i = count; i-- > 0;)
        for (std::size_t a = support_[m].size(); a-- > 0;)
          others_[i * support_[m].size() + a] = others_[i] + support_[m][a] * game_.stride(m);
    }
    return others_;
  }

  /// True when some strategy of j strictly beats one of j's support
  /// strategies against every profile of the others' supports.
  bool dominated_in_support(std::size_t j) {
    const auto& flats = others_profiles(j);
    const auto u = game_.payoffs(j);
    const std::size_t stride = game_.stride(j);
    for (std::size_t a : support_[j])
      for (std::size_t b = 0; b < game_.num_strategies(j); ++b) {
        if (b == a) continue;
        bool beats = true;
        for (std::size_t f : flats)
          if (!(u[f + b * stride] > u[f + a * stride])) {
            beats = false;
            break;
          }
        if (beats) return true;
      }
    return false;
  }

  /// j's strategies that no other strategy of j strictly beats against
  /// every profile of the others' supports, into `kept` (in index order).
  void undominated(std::size_t j, std::vector<std::size_t>& kept) {
    const auto& flats = others_profiles(j);
    const auto u = game_.payoffs(j);
    const std::size_t stride = game_.stride(j), f = flats.size();
    // j's payoffs strategy by strategy, contiguous: the pairwise tests read them many times.
    table_.resize(game_.num_strategies(j) * f);
    for (std::size_t a = 0; a < game_.num_strategies(j); ++a)
      for (std::size_t o = 0; o < f; ++o) table_[a * f + o] = u[flats[o] + a * stride];
    auto beats = [&](std::size_t a, std::size_t b) {  // a strictly better than b everywhere
      const double* x = &table_[a * f];
      const double* y = &table_[b * f];
      for (std::size_t o = 0; o < f; ++o)
        if (!(x[o] > y[o])) return false;
      return true;
    };
    kept.clear();
    for (std::size_t a = 0; a < game_.num_strategies(j); ++a) {
      if (std::any_of(kept.begin(), kept.end(), [&](std::size_t b) { return beats(b, a); })) continue;
      std::erase_if(kept, [&](std::size_t b) { return beats(a, b); });
      kept.push_back(a);
    }
    std::sort(kept.begin(), kept.end());
  }

  /// The mixed-dominance test costs an LP per candidate: worth it where the
  /// candidates' supports would outnumber the LPs many times over.
  bool worth_mixed_test(std::size_t j, std::size_t candidates) const {
    if (sizes_[j] < 2 || candidates < 8) return false;
    double supports = 1;
    for (std::size_t i = 0; i < sizes_[j]; ++i) supports = supports * double(candidates - i) / double(i + 1);
    return supports > 20.0 * double(candidates);
  }

  /// The candidates that no mixture of candidates strictly beats against
  /// every profile of the others' supports: the others' mixtures are
  /// distributions over those profiles, so a strategy so beaten is never a
  /// best response to them (and a mixture over non-candidates is beaten by
  /// one over candidates, which pure dominance chains end in).
  std::vector<std::size_t> mixed_undominated(std::size_t j, const std::vector<std::size_t>& candidates) {
    const auto& flats = others_profiles(j);
    const auto u = game_.payoffs(j);
    const std::size_t stride = game_.stride(j), k = candidates.size();
    std::vector<double> table(k * flats.size());  // candidate-major, as find_dominator reads it
    for (std::size_t c = 0; c < k; ++c)
      for (std::size_t o = 0; o < flats.size(); ++o) table[c * flats.size() + o] = u[flats[o] + candidates[c] * stride];
    const std::vector<char> all(k, 1);
    DominanceOptions mixed;
    mixed.mixed = true;
    std::vector<std::size_t> kept;
    for (std::size_t c = 0; c < k; ++c)
      if (!find_dominator(table, k, flats.size(), c, all, mixed)) kept.push_back(candidates[c]);
    return kept;
  }

  /// Newton on the indifference equations of the current supports, from
  /// their centre; a certified equilibrium is recorded.
  void solve_support() {
    ++tried_;
    if (tried_ % 1024 == 0) check_cancelled();
    // Every supported strategy must be a best response, so none may be
    // beaten by another strategy against every profile of the others'
    // supports: a test far cheaper than Newton, and most supports fail it.
    // That holds for a pure player's one strategy too. (The last player's
    // support was drawn from its undominated strategies.)
    for (std::size_t j = 0; j < n_; ++j)
      if (j != order_.back() && dominated_in_support(j)) return;
    std::vector<std::size_t>& mixers = mixers_;
    mixers.clear();
    bool binary = true;
    for (std::size_t j = 0; j < n_; ++j)
      if (support_[j].size() > 1) {
        mixers.push_back(j);
        binary = binary && support_[j].size() == 2;
      }
    if (mixers.empty()) return accept(pure_part());
    if (binary && mixers.size() == 2) return two_binary_mixers(mixers);
    if (binary && mixers.size() == 3) return three_binary_mixers(mixers);
    if (MixedProfile<double>& p = centre(); newton(p, mixers)) accept(p);
  }

  // Closed forms where every mixing player mixes two strategies. q_j is the
  // weight of j's second support strategy; j is indifferent when its gap
  // (second minus first) averages to zero over the others' mixtures, which
  // is linear in each other mixer's q_k.

  /// j's gap when mixer mixers[t] plays its (bit t of `play`)-th support
  /// strategy and every pure player its strategy.
  double gap(std::size_t j, const std::vector<std::size_t>& mixers, unsigned play) const {
    std::size_t flat = 0;
    for (std::size_t k = 0; k < n_; ++k)
      if (k != j && support_[k].size() == 1) flat += support_[k][0] * game_.stride(k);
    for (std::size_t t = 0; t < mixers.size(); ++t)
      if (mixers[t] != j) flat += support_[mixers[t]][(play >> t) & 1U] * game_.stride(mixers[t]);
    const auto u = game_.payoffs(j);
    return u[flat + support_[j][1] * game_.stride(j)] - u[flat + support_[j][0] * game_.stride(j)];
  }

  /// The profile with the mixers' weights q (q[t] on mixers[t]'s second strategy).
  void accept_binary(const std::vector<std::size_t>& mixers, const std::vector<double>& q) {
    for (double x : q)
      if (!(x > 0 && x < 1)) return;
    MixedProfile<double>& p = pure_part();
    for (std::size_t t = 0; t < mixers.size(); ++t) {
      p[mixers[t]][support_[mixers[t]][0]] = 1 - q[t];
      p[mixers[t]][support_[mixers[t]][1]] = q[t];
    }
    accept(p);
  }

  /// Two mixers A, B: A's gap is linear in q_B alone, so each equation
  /// gives the other's weight directly.
  void two_binary_mixers(const std::vector<std::size_t>& mixers) {
    const double a0 = gap(mixers[0], mixers, 0), a1 = gap(mixers[0], mixers, 2);
    const double b0 = gap(mixers[1], mixers, 0), b1 = gap(mixers[1], mixers, 1);
    if (a0 == a1 || b0 == b1) return;  // a gap constant in the other's weight: no isolated solution
    accept_binary(mixers, {b0 / (b0 - b1), a0 / (a0 - a1)});
  }

  /// Three mixers A, B, C: A's equation gives q_B and B's gives q_A as
  /// ratios of functions linear in q_C; C's equation, bilinear in q_A and
  /// q_B, then becomes a quadratic in q_C. Every root is tried. When an
  /// equation does not involve the weight it should give (e.g. each gap
  /// depends on one other player only, as in Jordan's pennies), the roles
  /// are rotated; when no rotation works, Newton from the centre.
  void three_binary_mixers(const std::vector<std::size_t>& mixers) {
    for (std::size_t rotation = 0; rotation < 3; ++rotation) {
      const std::vector<std::size_t> roles{mixers[rotation], mixers[(rotation + 1) % 3], mixers[(rotation + 2) % 3]};
      std::vector<std::vector<double>> roots;
      if (!eliminate_three(roles, roots)) continue;
      for (const auto& q : roots) {  // q in roles' order, back to mixers'
        std::vector<double> weights(3);
        for (std::size_t t = 0; t < 3; ++t) weights[(rotation + t) % 3] = q[t];
        accept_binary(mixers, weights);
      }
      return;
    }
    if (MixedProfile<double>& p = centre(); newton(p, mixers)) accept(p);
  }

  /// The closed form above with roles (A, B, C); false when A's equation
  /// has no q_B term or B's no q_A term (for every q_C).
  bool eliminate_three(const std::vector<std::size_t>& roles, std::vector<std::vector<double>>& solutions) const {
    using Linear = std::array<double, 2>;  // c0 + c1 q_C
    // Player roles[i] indifferent gives the weight of roles[o] as
    // numerator / denominator: its gap is e0 + q_o (e1 - e0) with
    // e_b = (1 - q_C) g(o plays b, C plays 0) + q_C g(o plays b, C plays 1).
    auto weight = [&](std::size_t i, std::size_t o, Linear& numerator, Linear& denominator) {
      const std::size_t j = roles[i];
      const double g00 = gap(j, roles, 0), g01 = gap(j, roles, 4U);
      const double g10 = gap(j, roles, 1U << o), g11 = gap(j, roles, (1U << o) | 4U);
      numerator = {g00, g01 - g00};
      denominator = {g00 - g10, (g01 - g00) - (g11 - g10)};
      return denominator[0] != 0 || denominator[1] != 0;
    };
    Linear nB, dB, nA, dA;
    if (!weight(0, 1, nB, dB) || !weight(1, 0, nA, dA)) return false;
    const std::size_t C = roles[2];
    const double c00 = gap(C, roles, 0), c10 = gap(C, roles, 1), c01 = gap(C, roles, 2), c11 = gap(C, roles, 3);
    auto times = [](const Linear& a, const Linear& b) {
      return std::array<double, 3>{a[0] * b[0], a[0] * b[1] + a[1] * b[0], a[1] * b[1]};
    };
    // c00 dA dB + (c10 - c00) nA dB + (c01 - c00) nB dA + (c11 - c10 - c01 + c00) nA nB = 0.
    const auto t0 = times(dA, dB), t1 = times(nA, dB), t2 = times(nB, dA), t3 = times(nA, nB);
    const double k1 = c10 - c00, k2 = c01 - c00, k3 = c11 - c10 - c01 + c00;
    std::array<double, 3> poly{};
    for (std::size_t d = 0; d < 3; ++d) poly[d] = c00 * t0[d] + k1 * t1[d] + k2 * t2[d] + k3 * t3[d];
    const double scale = std::max({std::abs(poly[0]), std::abs(poly[1]), std::abs(poly[2])});
    if (!(scale > 0)) return true;  // identically zero: a continuum, no isolated solution
    std::vector<double> roots;
    if (std::abs(poly[2]) <= 1e-12 * scale) {
      if (std::abs(poly[1]) > 1e-12 * scale) roots.push_back(-poly[0] / poly[1]);
    } else {
      const double disc = poly[1] * poly[1] - 4 * poly[2] * poly[0];
      if (disc < 0) return true;
      // The stable pair of formulas (no cancellation between -b and sqrt).
      const double q = -0.5 * (poly[1] + std::copysign(std::sqrt(disc), poly[1]));
      roots.push_back(q / poly[2]);
      if (q != 0) roots.push_back(poly[0] / q);
    }
    auto at = [](const Linear& f, double x) { return f[0] + f[1] * x; };
    for (double qC : roots) {
      const double da = at(dA, qC), db = at(dB, qC);
      if (da != 0 && db != 0) solutions.push_back({at(nA, qC) / da, at(nB, qC) / db, qC});
    }
    return true;
  }

  /// Records p (positive on the current supports) when it is an equilibrium.
  void accept(const MixedProfile<double>& p) {
    // Cheap test first: no strategy outside a support pays more.
    for (std::size_t j = 0; j < n_; ++j) {
      const auto& v = values(j, p);
      const double on = v[support_[j][0]];
      for (double x : v)
        if (x > on + tolerance_) return;
    }
    auto eq = certify(game_, p);
    if (!(eq.regret <= tolerance_)) return;
    for (const auto& seen : found_)
      if (detail::profile_distance(seen.profile, eq.profile) < 1e-9) return;
    found_.push_back(std::move(eq));
  }

  /// v[h]: j's expected payoff from h against the others' mixtures in p,
  /// summed over the profiles of the others' supports only (in a buffer
  /// reused from call to call).
  const std::vector<double>& values(std::size_t j, const MixedProfile<double>& p) {
    std::vector<double>& v = values_;
    v.assign(game_.num_strategies(j), 0.0);
    const auto u = game_.payoffs(j);
    std::vector<std::size_t>& digit = digit_;
    digit.assign(n_, 0);
    while (true) {
      double weight = 1;
      std::size_t flat = 0;
      for (std::size_t m = 0; m < n_; ++m) {
        if (m == j) continue;
        const std::size_t s = support_[m][digit[m]];
        weight *= p[m][s];
        flat += s * game_.stride(m);
      }
      for (std::size_t h = 0; h < v.size(); ++h) v[h] += weight * u[flat + h * game_.stride(j)];
      std::size_t m = n_;
      while (m-- > 0) {
        if (m == j) continue;
        if (++digit[m] < support_[m].size()) break;
        digit[m] = 0;
      }
      if (m == std::size_t(-1)) break;
    }
    return v;
  }

  /// Newton's method on F = (sum of each mixing player's support
  /// probabilities - 1, v_j(s) - v_j(s_0) for the other strategies s of its
  /// support) over those probabilities; `mixers`: the mixing players,
  /// ascending. False when it does not converge or leaves the simplex.
  bool newton(MixedProfile<double>& p, const std::vector<std::size_t>& mixers) {
    // Unknowns: the probabilities of the mixing players' support strategies
    // (a pure player's is fixed at 1). offset_[j]: j's first unknown.
    offset_.assign(n_ + 1, 0);
    for (std::size_t j = 0; j < n_; ++j) offset_[j + 1] = offset_[j] + (support_[j].size() > 1 ? support_[j].size() : 0);
    const auto m = Eigen::Index(offset_[n_]);
    // The support's own profiles: flat offset in the game and digits (n_ per profile).
    flats_.assign(1, 0);
    digits_.clear();
    for (std::size_t j = 0; j < n_; ++j) {
      const std::size_t count = flats_.size();
      std::vector<std::size_t>& next_flats = next_flats_;
      std::vector<std::size_t>& next_digits = next_digits_;
      next_flats.clear();
      next_digits.clear();
      for (std::size_t i = 0; i < count; ++i)
        for (std::size_t a = 0; a < support_[j].size(); ++a) {
          next_flats.push_back(flats_[i] + support_[j][a] * game_.stride(j));
          next_digits.insert(next_digits.end(), digits_.begin() + std::ptrdiff_t(i * j),
                             digits_.begin() + std::ptrdiff_t(i * j + j));
          next_digits.push_back(a);
        }
      flats_.swap(next_flats);
      digits_.swap(next_digits);
    }
    F_.resize(m);
    J_.resize(m, m);
    // Only the mixers' probabilities multiply (a pure player's is 1).
    const std::size_t mixing = mixers.size(), profiles = flats_.size();
    for (int iteration = 0; iteration < 20; ++iteration) {
      F_.setZero();
      J_.setZero();
      // prob_[i * mixing + t]: mixer t's probability of its strategy in profile i.
      prob_.resize(profiles * mixing);
      for (std::size_t i = 0; i < profiles; ++i)
        for (std::size_t t = 0; t < mixing; ++t) {
          const std::size_t k = mixers[t];
          prob_[i * mixing + t] = p[k][support_[k][digits_[i * n_ + k]]];
        }
      for (std::size_t tj = 0; tj < mixing; ++tj) {
        const std::size_t j = mixers[tj];
        const std::size_t size = support_[j].size();
        const auto row0 = Eigen::Index(offset_[j]);
        double sum = 0;
        for (std::size_t a = 0; a < size; ++a) {
          sum += p[j][support_[j][a]];
          J_(row0, Eigen::Index(offset_[j] + a)) = 1;
        }
        F_(row0) = sum - 1;
        v_.assign(size, 0.0);
        // w_(a, offset_[k] + b): j's payoff from support strategy a when k plays b, the others mix.
        w_.setZero(Eigen::Index(size), m);
        const auto u = game_.payoffs(j);
        for (std::size_t i = 0; i < profiles; ++i) {
          const std::size_t* d = &digits_[i * n_];
          const double* q = &prob_[i * mixing];
          double weight = 1;
          for (std::size_t t = 0; t < mixing; ++t)
            if (t != tj) weight *= q[t];
          const double x = u[flats_[i]];
          v_[d[j]] += weight * x;
          for (std::size_t tk = 0; tk < mixing; ++tk) {
            if (tk == tj) continue;
            double rest = 1;  // the weight without k's probability
            for (std::size_t t = 0; t < mixing; ++t)
              if (t != tj && t != tk) rest *= q[t];
            const std::size_t k = mixers[tk];
            w_(Eigen::Index(d[j]), Eigen::Index(offset_[k] + d[k])) += rest * x;
          }
        }
        for (std::size_t a = 1; a < size; ++a) {
          const auto r = Eigen::Index(offset_[j] + a);
          F_(r) = v_[a] - v_[0];
          J_.row(r) = w_.row(Eigen::Index(a)) - w_.row(0);
        }
      }
      if (!F_.allFinite()) return false;
      if (!solve_in_place(J_, F_, delta_)) return false;
      if (!delta_.allFinite()) return false;
      bool wild = false;  // Newton flung far outside the simplex: no solution near
      for (std::size_t j = 0; j < n_; ++j)
        if (support_[j].size() > 1)
          for (std::size_t a = 0; a < support_[j].size(); ++a) {
            double& x = p[j][support_[j][a]];
            x -= delta_(Eigen::Index(offset_[j] + a));
            wild = wild || x < -1 || x > 2;
          }
      if (wild) return false;
      if (delta_.lpNorm<Eigen::Infinity>() < 1e-14) break;
      if (iteration == 19) return false;
    }
    for (std::size_t j = 0; j < n_; ++j) {
      double total = 0;
      for (std::size_t s : support_[j]) {
        if (!(p[j][s] > 0)) return false;  // not in the interior of the support
        total += p[j][s];
      }
      for (std::size_t s : support_[j]) p[j][s] /= total;
    }
    return true;
  }

  /// Solves a x = b by Gaussian elimination with partial pivoting,
  /// overwriting a and b (the systems here have a handful of unknowns, where
  /// a general blocked LU costs more than the elimination itself). False
  /// when a's determinant (the product of the pivots) is zero or underflows.
  static bool solve_in_place(Matrix& a, Vector& b, Vector& x) {
    const Eigen::Index m = a.rows();
    double determinant = 1;
    for (Eigen::Index c = 0; c < m; ++c) {
      Eigen::Index pivot = c;
      for (Eigen::Index r = c + 1; r < m; ++r)
        if (std::abs(a(r, c)) > std::abs(a(pivot, c))) pivot = r;
      if (pivot != c) {
        a.row(c).swap(a.row(pivot));
        std::swap(b(c), b(pivot));
      }
      determinant *= a(c, c);
      if (a(c, c) == 0) return false;
      for (Eigen::Index r = c + 1; r < m; ++r) {
        const double factor = a(r, c) / a(c, c);
        if (factor == 0) continue;
        for (Eigen::Index k = c + 1; k < m; ++k) a(r, k) -= factor * a(c, k);
        b(r) -= factor * b(c);
      }
    }
    if (!(std::abs(determinant) > 1e-300)) return false;
    x.resize(m);
    for (Eigen::Index r = m; r-- > 0;) {
      double sum = b(r);
      for (Eigen::Index k = r + 1; k < m; ++k) sum -= a(r, k) * x(k);
      x(r) = sum / a(r, r);
    }
    return true;
  }

  const Game<double>& game_;
  MinSupportOptions options_;
  std::vector<double> base_, rise_, table_;  // scratch of two_by_two and undominated
  std::vector<std::size_t> others_;          // others_profiles' buffer
  std::size_t n_;
  double range_;
  double tolerance_;
  std::vector<std::size_t> order_;
  std::vector<std::size_t> sizes_;
  std::vector<std::vector<std::size_t>> support_;
  std::vector<Equilibrium<double>> found_;
  std::size_t tried_ = 0;
  // Newton's scratch, kept between supports so that a support of a size
  // seen before allocates nothing.
  std::vector<std::size_t> offset_, flats_, digits_, next_flats_, next_digits_;
  std::vector<double> v_, prob_;
  Vector F_, delta_;
  Matrix J_, w_;
  // The search's own scratch: candidates and picks per level, the mixing
  // players, a candidate profile, values' output and odometer.
  std::vector<std::vector<std::size_t>> candidates_, picks_;
  std::vector<std::size_t> mixers_, digit_;
  MixedProfile<double> candidate_;
  std::vector<double> values_;
};

}  // namespace detail::min_support

/// The equilibria of `game` with the smallest total support size that the
/// search reaches (see the comment at the top of this file), each certified.
/// Throws InvalidArgument for a NaN or infinite payoff or options out of range.
inline MinSupportResult min_support_equilibria(const Game<double>& game, const MinSupportOptions& options = {}) {
  if (options.max_supports < 1) throw InvalidArgument("min_support: max_supports must be at least 1");
  if (!(options.tolerance > 0) || !std::isfinite(options.tolerance))
    throw InvalidArgument("min_support: tolerance must be positive and finite");
  for (std::size_t i = 0; i < game.num_players(); ++i)
    for (double x : game.payoffs(i))
      if (!std::isfinite(x)) throw InvalidArgument("min_support: the game has a NaN or infinite payoff");
  return detail::min_support::Search(game, options).run();
}

}  // namespace entente
