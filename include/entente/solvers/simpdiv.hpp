// Simplicial subdivision: one approximate Nash equilibrium of an N-player
// game, refined grid by grid until its regret is under a tolerance.
//
// Method: van der Laan, Talman and van der Heyden, "Simplicial variable
// dimension algorithms for solving the nonlinear complementarity problem on
// a product of unit simplices using a general labelling", Math. Oper. Res.
// 12 (1987) 377-397, with restarts as in Gambit's gambit-simpdiv (R.
// McKelvey's implementation; see the Gambit manual, "gambit-simpdiv").
//
// The strategy space is the product of the players' simplices. A grid of
// step d = 1/m covers it; its points have coordinates in (1/m) Z. The
// V-triangulation (ibid. Sec. 3) splits it into simplices whose vertices are
// y^1 and y^{k+1} = y^k + d q(pi_k), where q(j, h) moves d of player j's
// probability onto strategy h from the previous strategy of j (cyclically,
// skipping strategies fixed at the boundary). Each vertex y gets the label
// (j, h): j is the player with the largest regret at y (the first one on
// ties), h that player's first best response. Starting from the grid point
// v, the algorithm walks from simplex to simplex of variable dimension t,
// replacing one vertex at a time (a pivot), until for some player j the
// labels found together with the strategies at the boundary cover all of
// j's strategies: a completely labelled simplex, whose vertices all have
// small regret once d is small. Which vertex leaves, how the base point
// moves (the integer shift vector `shift`) and when the dimension grows or
// shrinks follow VTH87 Sec. 4 (steps 1-5) in McKelvey's formulation.
//
// Restart: the best vertex seen (least regret) becomes the start of the next
// run on a grid `refinement` times finer, until its regret is at most the
// tolerance. Grids converge only linearly (an equilibrium at 1/3 is never on
// a grid of step 2^-k), so after each run the best vertex is also polished
// (option `polish`, on by default): Newton's method on the indifference
// equations of its support, in double, kept only when it lowers the regret
// and stays within 0.01 of the vertex (detail/nash_newton.hpp). For
// Rational the polished profile is read back as exact decimals summing to
// one, and its regret is computed exactly. Grid points are held as integers (multiples of d), so the walk
// is exact for every scalar; the scalar is used only to evaluate payoffs and
// regrets. With Rational the labels are exact; with double, ties between
// payoffs are broken by rounding, which changes the path, not its validity.
//
// The result goes through certify(): its regret is the certificate. A run
// that stops on a limit still returns the best profile found, with its
// regret, and says so in `status`.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "entente/cancel.hpp"
#include "entente/error.hpp"
#include "entente/status.hpp"
#include "entente/game/equilibrium.hpp"
#include "entente/game/game.hpp"
#include "entente/game/profile.hpp"
#include "entente/scalar.hpp"
#include "entente/solvers/detail/nash_newton.hpp"

namespace entente {

/// converged (regret <= tolerance), pivot_limit, refinement_limit (max_refinements grids tried, or the grid could not get finer) or time_limit (entente::Status, status.hpp).
using SimpdivStatus = Status;

template <class Scalar>
struct SimpdivOptions {
  /// Where the first run starts; the centroid when empty. Its probabilities
  /// must be rational (a double is read as its shortest decimal, so 0.1 is
  /// 1/10); their least common denominator L fixes the grid.
  std::optional<MixedProfile<Scalar>> start;
  /// The first grid has step 1 / (initial_grid * L); >= 1. Gambit's default
  /// is the refinement factor (one refinement from the start's own grid).
  std::size_t initial_grid = 2;
  /// Each restart divides the grid step by this; >= 2.
  std::size_t refinement = 2;
  /// Stop when the regret (largest gain from deviating) is at most this;
  /// > 0, in payoff units.
  double tolerance = 1e-8;
  /// Runs on successively finer grids, the first included; >= 1.
  std::size_t max_refinements = 40;
  /// Total pivots (vertices labelled) over all runs; >= 1.
  std::size_t max_pivots = 10'000'000;
  /// Wall-clock limit; > 0 (infinity for none).
  double time_limit_seconds = std::numeric_limits<double>::infinity();
  /// Polish each run's best vertex by Newton's method on its support.
  bool polish = true;
};

template <class Scalar>
struct SimpdivResult {
  Equilibrium<Scalar> equilibrium;  ///< the best profile found, certify()'d
  SimpdivStatus status = SimpdivStatus::converged;
  std::size_t pivots = 0;       ///< vertices labelled over all runs
  std::size_t refinements = 0;  ///< runs (grids) used
  /// Denominator m of the last grid (step 1/m). Grids finer than 2^62 are
  /// refused (status refinement_limit).
  std::int64_t grid = 0;
  /// True when the equilibrium came from polishing (it is then off the grid).
  bool polished = false;
};

namespace detail::simpdiv {

using Clock = std::chrono::steady_clock;

/// One run of the VTH87 walk on the grid of step 1/m, from the integer grid
/// point `v` (coordinates in units of 1/m, each player's summing to m). The
/// caller's `best` receives the least-regret vertex seen and its regret.
template <class Scalar>
class Walk {
 public:
  Walk(const Game<Scalar>& game, std::int64_t m, std::size_t& pivots, std::size_t max_pivots, Clock::time_point deadline,
       bool has_deadline)
      : game_(game),
        m_(m),
        pivots_(pivots),
        max_pivots_(max_pivots),
        deadline_(deadline),
        has_deadline_(has_deadline) {
    offset_.push_back(0);
    for (std::size_t n : game.shape()) offset_.push_back(offset_.back() + n);
    total_ = offset_.back();
    for (std::size_t n : game.shape()) profile_.strategies.emplace_back(n, Scalar(0));
  }

  enum class End { complete, pivot_limit, time_limit };

  /// Runs from `v`; on return `best` / `best_regret` hold the best vertex.
  End run(const std::vector<std::int64_t>& v, std::vector<std::int64_t>& best, Scalar& best_regret) {
    const std::size_t rows = total_ + 3;  // positions are 1-based, t + 2 <= total_ + 1
    v_ = v;
    in_t_.assign(total_, 0);
    in_u_.assign(total_, 0);
    shift_.assign(total_, 0);
    pi_.assign(rows, {0, 0});
    labels_.assign(rows, {0, 0});
    t_ = 0;
    ibar_ = 1;
    have_best_ = false;
    for (std::size_t k = 0; k < total_; ++k)
      if (v_[k] == 0) in_u_[k] = 1;  // already on the boundary
    y_ = v_;

    enum class Step { label, grow, drop, shrink, turn };
    Step step = Step::label;
    std::size_t i = 0, j = 0, h = 0, k = 0, kk = 0;
    for (;;) {
      switch (step) {
        case Step::label: {
          if (pivots_ >= max_pivots_) return finish(End::pivot_limit, best, best_regret);
          check_cancelled();  // Ctrl-C (cancel.hpp): every pivot, as an exact pivot of a big game takes ms
          if (has_deadline_ && (pivots_ % 16 == 0) && Clock::now() >= deadline_)
            return finish(End::time_limit, best, best_regret);
          ++pivots_;
          auto [lj, lh] = label(y_);
          j = lj, h = lh;
          labels_[ibar_] = {j, h};
          if (!t(j, h) && !u(j, h)) {
            // A label not yet in the simplex: done if it completes player j.
            if (fixed_count(j) == n(j) - 1) return finish(End::complete, best, best_regret);
            i = t_ + 1;
            step = Step::grow;
          } else if (t(j, h)) {
            // Seen before: the other vertex with this label leaves.
            i = 1;
            while (labels_[i] != std::pair{j, h} || i == ibar_) i = next_position(i);
            step = Step::drop;
          } else {
            // A boundary strategy became a label: free it again.
            k = next_free(j, h);
            if (!t(j, k)) {
              i = t_ + 1;
            } else {
              i = 1;
              while (pi_[i] != std::pair{j, k} && i <= t_) ++i;
            }
            step = Step::grow;
          }
          break;
        }
        case Step::grow: {  // add direction (j, h) at position i: dimension t + 1
          vertex(i);
          rotate_down(pi_, i, t_ + 1);
          pi_[i] = {j, h};
          rotate_down(labels_, i + 1, t_ + 2);
          ibar_ = i + 1;
          ++t_;
          advance(y_, i);
          t(j, h) = 1;
          u(j, h) = 0;
          step = Step::label;
          break;
        }
        case Step::drop: {  // vertex i leaves; find its replacement
          std::size_t ii = (i == t_ + 1) ? t_ : i;
          j = pi_[ii].first;
          h = pi_[ii].second;
          k = h;
          if (i < t_ + 1) k = prev_free(j, h);
          kk = after_prev_free(j, h);
          ii = (i == 1) ? t_ + 1 : (i == t_ + 1) ? 1 : i - 1;
          vertex(ii);
          if (i == 1 && y_[at(j, k)] <= 0) {
            // The replacement would leave the simplex: strategy k of j
            // joins the boundary.
            if (fixed_count(j) == n(j) - 1) {
              u(j, k) = 1;
              return finish(End::complete, best, best_regret);
            }
            update(j, i);
            u(j, k) = 1;
            advance(y_, t_);
            step = Step::label;
          } else if (i >= 2 && i <= t_ && y_[at(j, k)] <= 0) {
            step = Step::shrink;
          } else if (i == t_ + 1 && shift_[at(j, kk)] == 0) {
            if (y_[at(j, h)] <= 0) {
              step = Step::shrink;
            } else {
              bool passed = false;
              while (shift_[at(j, kk)] == 0 && !passed) {
                if (kk == h) passed = true;
                kk = (kk + 1) % n(j);
              }
              kk = (kk + n(j) - 1) % n(j);
              step = (kk == h) ? Step::shrink : Step::turn;
            }
          } else {
            // An ordinary pivot: reflect vertex i through its neighbours.
            if (i == 1) {
              advance(y_, 1);
            } else if (i <= t_) {
              advance(y_, i);
            } else {
              j = pi_[t_].first;
              h = pi_[t_].second;
              const std::size_t b = prev_free(j, h);
              y_[at(j, h)] -= 1;
              y_[at(j, b)] += 1;
            }
            update(j, i);
            step = Step::label;
          }
          break;
        }
        case Step::shrink: {  // direction pi_{i-1} leaves: dimension t - 1
          vertex(1);
          j = pi_[i - 1].first;
          h = pi_[i - 1].second;
          t(j, h) = 0;
          if (y_[at(j, h)] <= 0) u(j, h) = 1;
          rotate_up(labels_, i, t_ + 1);
          rotate_up(pi_, i - 1, t_);
          --t_;
          std::size_t ii = 1;
          while (labels_[ii] != std::pair{j, h}) ii = next_position(ii);
          i = ii;
          step = Step::drop;
          break;
        }
        case Step::turn: {  // strategy kk of j leaves the boundary
          k = kk;
          rotate_down(labels_, 1, t_ + 1);
          ibar_ = 1;
          rotate_down(pi_, 1, t_);
          u(j, k) = 0;
          const auto [j1, h1] = pi_[1];
          const std::size_t b = prev_free(j1, h1);
          y_[at(j1, h1)] -= 1;
          y_[at(j1, b)] += 1;
          for (std::size_t s = after_prev_free(j, h);; s = (s + 1) % n(j)) {
            shift_[at(j, s)] -= 1;
            if (s == h) break;
          }
          step = Step::label;
          break;
        }
      }
    }
  }

 private:
  std::size_t n(std::size_t j) const { return game_.num_strategies(j); }
  std::size_t at(std::size_t j, std::size_t h) const { return offset_[j] + h; }
  char& t(std::size_t j, std::size_t h) { return in_t_[at(j, h)]; }
  char& u(std::size_t j, std::size_t h) { return in_u_[at(j, h)]; }

  std::size_t fixed_count(std::size_t j) {
    std::size_t c = 0;
    for (std::size_t s = 0; s < n(j); ++s) c += (t(j, s) || u(j, s)) ? 1 : 0;
    return c;
  }
  /// The strategy before h (cyclically) that is not on the boundary.
  std::size_t prev_free(std::size_t j, std::size_t h) {
    std::size_t s = (h + n(j) - 1) % n(j);
    while (u(j, s)) s = (s + n(j) - 1) % n(j);
    return s;
  }
  std::size_t after_prev_free(std::size_t j, std::size_t h) { return (prev_free(j, h) + 1) % n(j); }
  /// The strategy after h (cyclically) that is not on the boundary.
  std::size_t next_free(std::size_t j, std::size_t h) {
    std::size_t s = h;
    while (u(j, s)) s = (s + 1) % n(j);
    return s;
  }

  /// i + 1, or SolverError when a search runs past the simplex (a broken
  /// invariant, never expected) instead of reading out of bounds.
  std::size_t next_position(std::size_t i) const {
    if (i + 1 > t_ + 1) throw SolverError("simpdiv: lost track of a label (internal error)");
    return i + 1;
  }

  /// y := y + d q(pi_i).
  void advance(std::vector<std::int64_t>& y, std::size_t i) {
    const auto [j, h] = pi_[i];
    y[at(j, h)] += 1;
    y[at(j, prev_free(j, h))] -= 1;
  }

  /// y_ := vertex y^k of the current simplex: the base point v shifted by
  /// `shift`, then the first k - 1 directions of pi.
  void vertex(std::size_t k) {
    y_ = v_;
    for (std::size_t j = 0; j < game_.num_players(); ++j)
      for (std::size_t h = 0; h < n(j); ++h)
        if (t(j, h) || u(j, h)) {
          y_[at(j, h)] += shift_[at(j, h)];
          y_[at(j, (h + n(j) - 1) % n(j))] -= shift_[at(j, h)];
        }
    for (std::size_t s = 2; s <= k; ++s) advance(y_, s - 1);
  }

  /// Bookkeeping after vertex i was replaced (VTH87 step 3, last case).
  void update(std::size_t j, std::size_t i) {
    if (i >= 2 && i <= t_) {
      std::swap(pi_[i], pi_[i - 1]);
      ibar_ = i;
    } else if (i == 1) {
      rotate_up(labels_, 1, t_ + 1);
      ibar_ = t_ + 1;
      const auto [jj, hh] = pi_[1];
      if (jj == j) {
        for (std::size_t s = after_prev_free(jj, hh);; s = (s + 1) % n(jj)) {
          shift_[at(j, s)] += 1;
          if (s == hh) break;
        }
        rotate_up(pi_, 1, t_);
      }
    } else if (i == t_ + 1) {
      rotate_down(labels_, 1, t_ + 1);
      ibar_ = 1;
      const auto [jj, hh] = pi_[t_];
      if (jj == j) {
        for (std::size_t s = after_prev_free(jj, hh);; s = (s + 1) % n(jj)) {
          shift_[at(j, s)] -= 1;
          if (s == hh) break;
        }
        rotate_down(pi_, 1, t_);
      }
    }
  }

  template <class T>
  static void rotate_down(std::vector<T>& a, std::size_t lo, std::size_t hi) {  // a[hi] moves to lo
    if (hi <= lo) return;
    T last = a[hi];
    for (std::size_t s = hi; s > lo; --s) a[s] = a[s - 1];
    a[lo] = last;
  }
  template <class T>
  static void rotate_up(std::vector<T>& a, std::size_t lo, std::size_t hi) {  // a[lo] moves to hi
    if (hi <= lo) return;
    T first = a[lo];
    for (std::size_t s = lo; s < hi; ++s) a[s] = a[s + 1];
    a[hi] = first;
  }

  /// profile_ := the profile of grid point y, in place (a label allocates
  /// nothing: it runs once per pivot).
  void load_profile(const std::vector<std::int64_t>& y) {
    const Scalar m(static_cast<long>(m_));
    for (std::size_t j = 0; j < game_.num_players(); ++j)
      for (std::size_t h = 0; h < game_.num_strategies(j); ++h) {
        Scalar& x = profile_.strategies[j][h];
        x = Scalar(static_cast<long>(y[offset_[j] + h]));
        x /= m;
      }
  }

  /// The label of vertex y (and the best vertex so far, by regret).
  std::pair<std::size_t, std::size_t> label(const std::vector<std::int64_t>& y) {
    load_profile(y);
    const MixedProfile<Scalar>& p = profile_;
    all_strategy_values(p);
    std::size_t best_player = 0, best_strategy = 0;
    Scalar worst(0);
    bool first = true;
    for (std::size_t j = 0; j < game_.num_players(); ++j) {
      const auto& values = values_[j];
      Scalar current(0);
      std::size_t arg = 0;
      for (std::size_t s = 0; s < values.size(); ++s) {
        current += p[j][s] * values[s];
        if (values[s] > values[arg]) arg = s;
      }
      Scalar gain = values[arg] - current;
      if (first || gain > worst) worst = gain, best_player = j, best_strategy = arg, first = false;
    }
    if (worst < 0) worst = 0;
    if (!have_best_ || worst < best_regret_) {
      best_regret_ = worst;
      best_y_ = y;
      have_best_ = true;
    }
    return {best_player, best_strategy};
  }

  /// values_[j] := strategy_values(game_, p, j) for every player j, in one
  /// pass over the profiles (a label needs them all). Per player the
  /// arithmetic and its order are strategy_values' (profile.hpp): the
  /// others' probabilities multiplied left to right, cells of weight 0
  /// skipped, cells added in C order; only the players are interleaved.
  void all_strategy_values(const MixedProfile<Scalar>& p) {
    const std::size_t players = game_.num_players(), last = players - 1;
    const std::size_t width = game_.num_strategies(last);
    values_.resize(players);
    for (std::size_t j = 0; j < players; ++j) values_[j].assign(n(j), Scalar(0));
    digit_.assign(players, 0);
    // weight_[j * players + k] = product of p_m[digit_m] over m < k, m != j.
    weight_.resize(players * players);
    for (std::size_t j = 0; j < players; ++j) weight_[j * players] = Scalar(1);
    auto refresh = [&](std::size_t from) {
      for (std::size_t j = 0; j < players; ++j) {
        Scalar* w = &weight_[j * players];
        for (std::size_t k = from; k < last; ++k) {
          if (k == j)
            w[k + 1] = w[k];
          else
            w[k + 1] = w[k] * p[k][digit_[k]];
        }
      }
    };
    refresh(0);
    const auto& tail = p[last];
    for (std::size_t flat = 0; flat < game_.num_profiles(); flat += width) {
      for (std::size_t j = 0; j < last; ++j) {
        const Scalar& w = weight_[j * players + last];
        if (w == 0) continue;
        const auto u = game_.payoffs(j);
        Scalar& v = values_[j][digit_[j]];
        if constexpr (is_exact_v<Scalar>) {
          for (std::size_t s = 0; s < width; ++s) {
            term_ = w * tail[s];
            if (term_ != 0) {
              term_ *= u[flat + s];
              v += term_;
            }
          }
        } else {
          // In registers: the same additions in the same order.
          double sum = v;
          const double* probability = tail.data();
          const double* cell = u.data() + flat;
          for (std::size_t s = 0; s < width; ++s) {
            const double t = w * probability[s];
            if (t != 0) sum += t * cell[s];
          }
          v = sum;
        }
      }
      const Scalar& w = weight_[last * players + last];
      if (w != 0) {
        const auto u = game_.payoffs(last);
        auto& v = values_[last];
        if constexpr (is_exact_v<Scalar>) {
          for (std::size_t s = 0; s < width; ++s) {
            term_ = w * u[flat + s];
            v[s] += term_;
          }
        } else {
          for (std::size_t s = 0; s < width; ++s) v[s] += w * u[flat + s];
        }
      }
      std::size_t k = last;  // odometer over the players before the last
      while (k-- > 0) {
        if (++digit_[k] < n(k)) break;
        digit_[k] = 0;
      }
      if (k < last) refresh(k);
    }
  }

  End finish(End e, std::vector<std::int64_t>& best, Scalar& best_regret) {
    if (have_best_) {
      best = best_y_;
      best_regret = best_regret_;
    }
    return e;
  }

  const Game<Scalar>& game_;
  std::int64_t m_;
  std::size_t& pivots_;
  std::size_t max_pivots_;
  Clock::time_point deadline_;
  bool has_deadline_;
  std::vector<std::size_t> offset_;
  std::size_t total_ = 0;
  std::vector<std::int64_t> v_, y_, shift_, best_y_;
  std::vector<char> in_t_, in_u_;
  std::vector<std::pair<std::size_t, std::size_t>> pi_, labels_;
  std::size_t t_ = 0, ibar_ = 1;
  bool have_best_ = false;
  Scalar best_regret_{};
  // Scratch of label().
  MixedProfile<Scalar> profile_;
  std::vector<std::vector<Scalar>> values_;
  std::vector<std::size_t> digit_;
  std::vector<Scalar> weight_;
  Scalar term_{};
};

inline std::int64_t checked_mul(std::int64_t a, std::int64_t b) {
  // Grids finer than 2^62 would overflow the integer coordinates.
  constexpr std::int64_t kMax = std::int64_t{1} << 62;
  if (a <= 0 || b <= 0 || a > kMax / b) return 0;
  return a * b;
}

/// The profile of integer grid point y (units of 1/m).
template <class Scalar>
MixedProfile<Scalar> grid_profile(const Game<Scalar>& game, const std::vector<std::int64_t>& y, std::int64_t m) {
  constexpr std::int64_t kExactInDouble = std::int64_t{1} << 53;
  if constexpr (!is_exact_v<Scalar>) {
    if (m < kExactInDouble) {
      // 0 <= y <= m: both exact as doubles, so the IEEE quotient is y/m
      // correctly rounded, as to_double of the Rational below gives it.
      MixedProfile<Scalar> profile;
      std::size_t k = 0;
      for (std::size_t j = 0; j < game.num_players(); ++j) {
        profile.strategies.emplace_back(game.num_strategies(j));
        for (auto& x : profile.strategies.back()) x = static_cast<double>(y[k++]) / static_cast<double>(m);
      }
      return profile;
    }
  }
  MixedProfile<Scalar> profile;
  std::size_t k = 0;
  for (std::size_t j = 0; j < game.num_players(); ++j) {
    profile.strategies.emplace_back();
    for (std::size_t h = 0; h < game.num_strategies(j); ++h, ++k) {
      Rational q(static_cast<long>(y[k]), static_cast<unsigned long>(m));
      q.canonicalize();
      profile.strategies.back().push_back(scalar_cast<Scalar>(q));
    }
  }
  return profile;
}

/// A polished version of `p` (see nash_newton::polish) in Scalar, or nothing
/// when polishing did not lower the regret below `current`.
template <class Scalar>
std::optional<Equilibrium<Scalar>> polished(const Game<Scalar>& game, const Game<double>& floating,
                                             const MixedProfile<Scalar>& p, const Scalar& current) {
  const auto eq = nash_newton::polish(floating, p.template cast<double>(), nash_newton::payoff_range(floating));
  MixedProfile<Scalar> q;
  if constexpr (is_exact_v<Scalar>) {
    // Shortest decimals, then the largest entry absorbs the rounding so
    // that each player's probabilities sum to exactly one.
    for (const auto& s : eq.profile.strategies) {
      q.strategies.emplace_back();
      Rational sum = 0;
      std::size_t largest = 0;
      for (std::size_t h = 0; h < s.size(); ++h) {
        q.strategies.back().push_back(rational_from_double(s[h]));
        sum += q.strategies.back().back();
        if (s[h] > s[largest]) largest = h;
      }
      q.strategies.back()[largest] += Rational(1) - sum;
      if (q.strategies.back()[largest] < 0) return std::nullopt;
    }
  } else {
    // `game` is `floating`: eq was certified on it already.
    if (!(eq.regret < current)) return std::nullopt;
    return eq;
  }
  auto candidate = certify(game, std::move(q));
  if (!(candidate.regret < current)) return std::nullopt;
  return candidate;
}

template <class Scalar>
void check_game(const Game<Scalar>& game) {
  if constexpr (!is_exact_v<Scalar>)
    for (std::size_t i = 0; i < game.num_players(); ++i)
      for (double x : game.payoffs(i))
        if (!std::isfinite(x)) throw InvalidArgument("simpdiv: the game has a NaN or infinite payoff");
}

}  // namespace detail::simpdiv

/// One approximate Nash equilibrium of `game` by simplicial subdivision
/// (van der Laan, Talman & van der Heyden 1987) with restarts on finer
/// grids. See the comment at the top of this file. Throws InvalidArgument
/// for bad options (tolerance <= 0 or NaN, initial_grid < 1, refinement < 2,
/// max_refinements or max_pivots 0, time limit <= 0, a start that is not a
/// profile of the game) and for NaN or infinite payoffs.
template <class Scalar>
SimpdivResult<Scalar> simpdiv(const Game<Scalar>& game, const SimpdivOptions<Scalar>& options = {}) {
  using namespace detail::simpdiv;
  if (!(options.tolerance > 0) || !std::isfinite(options.tolerance))
    throw InvalidArgument("simpdiv: tolerance must be a positive number, got " + entente::to_string(options.tolerance));
  if (options.initial_grid < 1) throw InvalidArgument("simpdiv: initial_grid must be at least 1");
  if (options.refinement < 2) throw InvalidArgument("simpdiv: refinement must be at least 2");
  if (options.max_refinements < 1) throw InvalidArgument("simpdiv: max_refinements must be at least 1");
  if (options.max_pivots < 1) throw InvalidArgument("simpdiv: max_pivots must be at least 1");
  if (!(options.time_limit_seconds > 0))
    throw InvalidArgument("simpdiv: time_limit_seconds must be positive, got " +
                          entente::to_string(options.time_limit_seconds));
  check_game(game);

  // The start in integer units of the first grid's step 1/m.
  std::int64_t m = 0;
  std::vector<std::int64_t> y;
  if (!options.start) {
    // The centroid, 1/n_j each: m = initial_grid * lcm(n_j), y = m / n_j,
    // in integers (it is the common case, and needs no rationals).
    std::int64_t lcd = 1;
    for (std::size_t n : game.shape()) {
      const auto count = static_cast<std::int64_t>(n);
      lcd = checked_mul(lcd / std::gcd(lcd, count), count);
      if (lcd == 0) throw InvalidArgument("simpdiv: the start's denominators are too large");
    }
    m = checked_mul(lcd, static_cast<std::int64_t>(options.initial_grid));
    if (m == 0) throw InvalidArgument("simpdiv: initial_grid too large");
    for (std::size_t n : game.shape())
      for (std::size_t h = 0; h < n; ++h) y.push_back(m / static_cast<std::int64_t>(n));
  } else {
    // The start in exact rationals, and its least common denominator.
    check_profile(game, *options.start);
    std::vector<Rational> exact_start;
    mpz_class lcd = 1;
    for (std::size_t j = 0; j < game.num_players(); ++j) {
      Rational sum = 0;
      for (std::size_t h = 0; h < game.num_strategies(j); ++h) {
        Rational q = scalar_cast<Rational>((*options.start)[j][h]);
        q.canonicalize();
        if (q < 0) throw InvalidArgument("simpdiv: the start has a negative probability");
        sum += q;
        exact_start.push_back(q);
        mpz_lcm(lcd.get_mpz_t(), lcd.get_mpz_t(), q.get_den().get_mpz_t());
      }
      if (sum != 1)
        throw InvalidArgument("simpdiv: player " + std::to_string(j) +
                              "'s starting probabilities must sum to exactly 1 as decimals, got " + sum.get_str());
    }
    if (!lcd.fits_slong_p()) throw InvalidArgument("simpdiv: the start's denominators are too large");
    m = checked_mul(lcd.get_si(), static_cast<std::int64_t>(options.initial_grid));
    if (m == 0) throw InvalidArgument("simpdiv: initial_grid too large");
    for (const auto& q : exact_start) {
      Rational units = q * Rational(static_cast<long>(m));
      y.push_back(units.get_num().get_si());  // an integer: m is a multiple of every denominator
    }
  }

  SimpdivResult<Scalar> result;
  const bool has_deadline = std::isfinite(options.time_limit_seconds);
  const auto deadline =
      has_deadline ? Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                        std::chrono::duration<double>(std::min(options.time_limit_seconds, 1e9)))
                   : Clock::time_point::max();
  const Scalar tolerance = scalar_cast<Scalar>(options.tolerance);
  // Newton works in double: the game itself, or a copy for Rational.
  std::optional<Game<double>> floating_copy;
  if constexpr (is_exact_v<Scalar>) floating_copy.emplace(game.template cast<double>());
  const Game<double>& floating = [&]() -> const Game<double>& {
    if constexpr (is_exact_v<Scalar>)
      return *floating_copy;
    else
      return game;
  }();
  // The best grid point so far (the start until a walk labels a vertex).
  std::vector<std::int64_t> best = y;
  std::int64_t best_m = m;
  Scalar regret_found = regret(game, grid_profile(game, y, m));
  std::optional<Equilibrium<Scalar>> refined;
  result.status = SimpdivStatus::refinement_limit;
  for (std::size_t run = 0; run < options.max_refinements; ++run) {
    Walk<Scalar> walk(game, m, result.pivots, options.max_pivots, deadline, has_deadline);
    std::vector<std::int64_t> found = y;
    Scalar found_regret = regret_found;
    const auto end = walk.run(y, found, found_regret);
    ++result.refinements;
    result.grid = m;
    if (found_regret < regret_found) best = found, best_m = m, regret_found = found_regret;
    if (options.polish && !(regret_found <= tolerance)) {
      const Scalar current = refined ? refined->regret : regret_found;
      if (auto p = polished(game, floating, grid_profile(game, best, best_m), current)) refined = std::move(p);
    }
    if (regret_found <= tolerance || (refined && refined->regret <= tolerance)) {
      result.status = SimpdivStatus::converged;
      break;
    }
    if (end == Walk<Scalar>::End::pivot_limit) {
      result.status = SimpdivStatus::pivot_limit;
      break;
    }
    if (end == Walk<Scalar>::End::time_limit) {
      result.status = SimpdivStatus::time_limit;
      break;
    }
    // Restart from the best vertex on a finer grid.
    const std::int64_t finer = checked_mul(m, static_cast<std::int64_t>(options.refinement));
    if (finer == 0) break;  // refinement_limit: the grid cannot get finer
    y = found;
    for (auto& c : y) c *= static_cast<std::int64_t>(options.refinement);
    m = finer;
  }
  if (refined && refined->regret < regret_found) {
    result.equilibrium = std::move(*refined);
    result.polished = true;
  } else {
    result.equilibrium = certify(game, grid_profile(game, best, best_m));
  }
  return result;
}

}  // namespace entente
