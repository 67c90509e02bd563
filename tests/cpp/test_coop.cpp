// Coalitional (TU) games: properties, core, least core, nucleolus,
// prenucleolus, Shapley and Banzhaf values, weighted voting games.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <random>
#include <set>

#include "entente/coop/coalitional_game.hpp"
#include "entente/coop/core.hpp"
#include "entente/coop/nucleolus.hpp"
#include "entente/coop/sampled_shapley.hpp"
#include "entente/coop/values.hpp"
#include "entente/coop/voting.hpp"
#include "typed.hpp"

namespace entente {
namespace {

using testing::Near;
using testing::S;

template <class Scalar>
class Coop : public ::testing::Test {};
TYPED_TEST_SUITE(Coop, testing::Scalars);

/// A game on n players from a function of the mask.
template <class Scalar>
CoalitionalGame<Scalar> make_game(std::size_t n, const std::function<Scalar(Coalition)>& f) {
  std::vector<Scalar> values(std::size_t(1) << n);
  for (std::size_t m = 1; m < values.size(); ++m) values[m] = f(Coalition(m));
  return CoalitionalGame<Scalar>(n, std::move(values));
}

/// Glove game: player 0 holds a left glove, players 1 and 2 right gloves;
/// v(S) = number of pairs S can form.
template <class Scalar>
CoalitionalGame<Scalar> glove() {
  return make_game<Scalar>(3, [](Coalition m) {
    const int left = m & 1u, right = std::popcount(m & 6u);
    return Scalar(std::min(left, right));
  });
}

/// Simple majority game on 3 players: v(S) = 1 iff |S| >= 2.
template <class Scalar>
CoalitionalGame<Scalar> majority3() {
  return make_game<Scalar>(3, [](Coalition m) { return Scalar(std::popcount(m) >= 2 ? 1 : 0); });
}

/// Bankruptcy game (O'Neill 1982): v(S) = max(0, E - sum of claims outside S).
template <class Scalar>
CoalitionalGame<Scalar> bankruptcy(int estate, std::vector<int> claims) {
  return make_game<Scalar>(claims.size(), [&](Coalition m) {
    int outside = 0;
    for (std::size_t i = 0; i < claims.size(); ++i)
      if (!(m >> i & 1u)) outside += claims[i];
    return Scalar(std::max(0, estate - outside));
  });
}

template <class Scalar>
void expect_vector(const std::vector<Scalar>& got, std::vector<const char*> expected, double tol = 1e-7) {
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    SCOPED_TRACE("entry " + std::to_string(i));
    EXPECT_TRUE(Near(got[i], S<Scalar>(expected[i]), tol));
  }
}

template <class Scalar>
CoalitionalGame<Scalar> random_game(std::mt19937_64& rng, std::size_t n, int lo = 0, int hi = 20) {
  std::uniform_int_distribution<int> dist(lo, hi);
  return make_game<Scalar>(n, [&](Coalition) { return Scalar(dist(rng)); });
}

// --- construction and properties --------------------------------------------

TYPED_TEST(Coop, ConstructorChecksSizes) {
  using Scalar = TypeParam;
  EXPECT_THROW(CoalitionalGame<Scalar>(2, {Scalar(0), Scalar(1), Scalar(1)}), InvalidArgument);
  EXPECT_THROW(CoalitionalGame<Scalar>(1, {Scalar(1), Scalar(1)}), InvalidArgument);  // v(empty) != 0
  EXPECT_THROW(CoalitionalGame<Scalar>(0, {Scalar(0)}), InvalidArgument);
  EXPECT_THROW(CoalitionalGame<Scalar>(31, {}), InvalidArgument);
  EXPECT_THROW(CoalitionalGame<Scalar>(1, {Scalar(0), Scalar(1)}, {"a", "b"}), InvalidArgument);
  CoalitionalGame<Scalar> g(2, {Scalar(0), Scalar(1), Scalar(2), Scalar(4)}, {"China", "USA"});
  EXPECT_EQ(g.n(), 2u);
  EXPECT_EQ(g.players()[1], "USA");
  EXPECT_EQ(g.v(3), Scalar(4));
  EXPECT_EQ(g.grand_coalition(), 3u);
  EXPECT_THROW(g.v(4), InvalidArgument);
  EXPECT_TRUE(Near(g.excess(3, {Scalar(1), Scalar(2)}), Scalar(1)));
  EXPECT_THROW(g.excess(3, {Scalar(1)}), InvalidArgument);
}

TEST(CoopDouble, RejectsNonFinite) {
  EXPECT_THROW(CoalitionalGame<double>(1, {0.0, std::nan("")}), InvalidArgument);
}

TYPED_TEST(Coop, Properties) {
  using Scalar = TypeParam;
  auto g = glove<Scalar>();
  EXPECT_TRUE(g.is_superadditive());
  EXPECT_TRUE(g.is_monotone());
  EXPECT_FALSE(g.is_convex());  // v(012) - v(02) = 0 < v(01) - v(0) = 1
  EXPECT_TRUE(g.is_simple());
  EXPECT_TRUE(g.is_balanced());  // core = {(1, 0, 0)}

  auto m = majority3<Scalar>();
  EXPECT_TRUE(m.is_superadditive());
  EXPECT_TRUE(m.is_simple());
  EXPECT_FALSE(m.is_convex());
  EXPECT_FALSE(m.is_balanced());  // {12, 13, 23} with weights 1/2 is balanced and sums to 3/2 > 1

  auto sq = make_game<Scalar>(4, [](Coalition s) { return Scalar(std::popcount(s) * std::popcount(s)); });
  EXPECT_TRUE(sq.is_convex());
  EXPECT_TRUE(sq.is_superadditive());
  EXPECT_TRUE(sq.is_balanced());
  EXPECT_FALSE(sq.is_simple());

  // Additive minus a sub-additive bump: not superadditive, not monotone.
  auto bad = make_game<Scalar>(2, [](Coalition s) { return s == 3 ? Scalar(-1) : Scalar(1); });
  EXPECT_FALSE(bad.is_superadditive());
  EXPECT_FALSE(bad.is_monotone());
  EXPECT_FALSE(bad.is_balanced());
}

TYPED_TEST(Coop, ConvexGamesAreBalancedAndSuperadditive) {
  using Scalar = TypeParam;
  // v(S) = f(|S|) with f convex is convex (Shapley 1971); plus an additive part.
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 10; ++trial) {
    std::uniform_int_distribution<int> a(-5, 5);
    std::vector<int> add(4);
    for (auto& x : add) x = a(rng);
    auto g = make_game<Scalar>(4, [&](Coalition s) {
      int k = std::popcount(s), sum = 0;
      for (int i = 0; i < 4; ++i)
        if (s >> i & 1u) sum += add[std::size_t(i)];
      return Scalar(k * k * k + sum);
    });
    EXPECT_TRUE(g.is_convex());
    EXPECT_TRUE(g.is_balanced());
    // Shapley (1971): the Shapley value of a convex game is in the core.
    EXPECT_TRUE(in_core(g, shapley_value(g)));
  }
}

// --- core and least core ------------------------------------------------------

TYPED_TEST(Coop, CoreOfGloveGame) {
  using Scalar = TypeParam;
  auto g = glove<Scalar>();
  auto x = core_point(g);
  ASSERT_TRUE(x.has_value());
  expect_vector(*x, {"1", "0", "0"});
  EXPECT_TRUE(in_core(g, *x));
  EXPECT_FALSE(in_core(g, {S<Scalar>("1/2"), S<Scalar>("1/2"), Scalar(0)}));
  EXPECT_FALSE(in_core(g, {Scalar(1), Scalar(1), Scalar(0)}));  // not efficient
  auto lc = least_core(g);
  EXPECT_TRUE(Near(lc.epsilon, Scalar(0)));
  expect_vector(lc.point, {"1", "0", "0"});
}

TYPED_TEST(Coop, EmptyCoreAndLeastCore) {
  using Scalar = TypeParam;
  auto g = majority3<Scalar>();
  EXPECT_FALSE(core_point(g).has_value());
  auto lc = least_core(g);
  // Every pair needs x(S) >= 1 - eps; summing the three pairs, 2 >= 3 - 3 eps.
  EXPECT_TRUE(Near(lc.epsilon, S<Scalar>("1/3")));
  expect_vector(lc.point, {"1/3", "1/3", "1/3"});
  EXPECT_TRUE(in_epsilon_core(g, lc.point, S<Scalar>("1/3")));
  EXPECT_FALSE(in_epsilon_core(g, lc.point, S<Scalar>("1/4")));
  EXPECT_FALSE(in_epsilon_core(g, {Scalar(1), Scalar(0), Scalar(0)}, S<Scalar>("1/3")));
  EXPECT_THROW(least_core(CoalitionalGame<Scalar>(1, {Scalar(0), Scalar(5)})), InvalidArgument);
}

TYPED_TEST(Coop, LeastCoreNegativeWhenCoreIsLarge) {
  using Scalar = TypeParam;
  // v(N) = 6, all else 0: least core eps = -2 at (2, 2, 2) (singletons bind).
  auto g = make_game<Scalar>(3, [](Coalition s) { return s == 7 ? Scalar(6) : Scalar(0); });
  auto lc = least_core(g);
  EXPECT_TRUE(Near(lc.epsilon, Scalar(-2)));
  expect_vector(lc.point, {"2", "2", "2"});
}

TYPED_TEST(Coop, BalancedIffCorePointExists) {
  using Scalar = TypeParam;
  std::mt19937_64 rng(11);
  int balanced = 0;
  for (int trial = 0; trial < 20; ++trial) {
    auto r = random_game<Scalar>(rng, 3);
    auto values = r.values();
    if (trial % 2) values.back() += Scalar(20);  // a richer grand coalition: often balanced
    CoalitionalGame<Scalar> g(3, values);
    auto x = core_point(g);
    EXPECT_EQ(g.is_balanced(), x.has_value());
    auto lc = least_core(g);
    EXPECT_EQ(x.has_value(), lc.epsilon <= g.tol());
    if (x) {
      ++balanced;
      EXPECT_TRUE(in_core(g, *x));
    }
    EXPECT_TRUE(in_epsilon_core(g, lc.point, lc.epsilon));
  }
  EXPECT_GT(balanced, 0);
}

/// The marginal vectors of g, one per ordering of the players (brute force).
template <class Scalar>
std::vector<std::vector<Scalar>> marginal_vectors(const CoalitionalGame<Scalar>& g) {
  std::vector<std::size_t> order(g.n());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<std::vector<Scalar>> out;
  do {
    std::vector<Scalar> x(g.n());
    Coalition s = 0;
    for (std::size_t i : order) {
      x[i] = g.v(s | (Coalition(1) << i)) - g.v(s);
      s |= Coalition(1) << i;
    }
    out.push_back(std::move(x));
  } while (std::next_permutation(order.begin(), order.end()));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

TYPED_TEST(Coop, CoreVerticesOfConvexGamesAreTheMarginalVectors) {
  using Scalar = TypeParam;
  // Shapley (1971): the core of a convex game is the convex hull of its
  // marginal vectors, and each of them is a vertex.
  std::mt19937_64 rng(1971);
  for (std::size_t n : {2u, 3u, 4u, 5u}) {
    std::uniform_int_distribution<int> a(-4, 8), c(0, 3);
    std::vector<int> add(n);
    for (auto& x : add) x = a(rng);
    const int curve = c(rng) + 1;
    auto g = make_game<Scalar>(n, [&](Coalition s) {
      int k = std::popcount(s), sum = 0;
      for (std::size_t i = 0; i < n; ++i)
        if (s >> i & 1u) sum += add[i];
      return Scalar(curve * k * k + k * k * k + sum);  // convex in |S| plus additive
    });
    ASSERT_TRUE(g.is_convex());
    auto vertices = core_vertices(g);
    auto expected = marginal_vectors(g);
    ASSERT_EQ(vertices.size(), expected.size()) << "n = " << n;
    for (std::size_t k = 0; k < expected.size(); ++k)
      for (std::size_t i = 0; i < n; ++i) EXPECT_TRUE(Near(vertices[k][i], expected[k][i], 1e-7));
  }
}

TYPED_TEST(Coop, CoreVerticesSmallCases) {
  using Scalar = TypeParam;
  // Glove game: the core is the single point (1, 0, 0).
  auto gv = core_vertices(glove<Scalar>());
  ASSERT_EQ(gv.size(), 1u);
  expect_vector(gv[0], {"1", "0", "0"});
  EXPECT_TRUE(core_vertices(majority3<Scalar>()).empty());
  // v(N) = 6, rest 0: the core is the simplex with vertices 6 e_i.
  auto simplex = core_vertices(make_game<Scalar>(3, [](Coalition s) { return s == 7 ? Scalar(6) : Scalar(0); }));
  ASSERT_EQ(simplex.size(), 3u);
  expect_vector(simplex[0], {"0", "0", "6"});
  expect_vector(simplex[2], {"6", "0", "0"});
  // A non-convex game with a non-empty core: 3 players, pairs worth 4, N worth 9.
  // Core: x_i <= 5 (from x(N) - x(pair) >= ...) and x_i + x_j >= 4: vertices are
  // the permutations of (5, 4, 0)?  x_k = 9 - (x_i + x_j) <= 5, x_i >= 0: e.g. (0, 4, 5).
  auto h = make_game<Scalar>(3, [](Coalition s) { return s == 7 ? Scalar(9) : std::popcount(s) == 2 ? Scalar(4) : Scalar(0); });
  auto hv = core_vertices(h);
  ASSERT_EQ(hv.size(), 6u);
  expect_vector(hv[0], {"0", "4", "5"});
  for (const auto& x : hv) EXPECT_TRUE(in_core(h, x));
  EXPECT_THROW(core_vertices(make_game<Scalar>(7, [](Coalition) { return Scalar(0); })), InvalidArgument);
}

TYPED_TEST(Coop, EpsilonCorePoint) {
  using Scalar = TypeParam;
  auto g = majority3<Scalar>();
  EXPECT_FALSE(epsilon_core_point(g, S<Scalar>("1/4")).has_value());
  auto x = epsilon_core_point(g, S<Scalar>("1/3"));
  ASSERT_TRUE(x.has_value());
  expect_vector(*x, {"1/3", "1/3", "1/3"});
  auto y = epsilon_core_point(g, Scalar(1));
  ASSERT_TRUE(y.has_value());
  EXPECT_TRUE(in_epsilon_core(g, *y, Scalar(1)));
  EXPECT_FALSE(core_point(g).has_value());
}

// --- nucleolus ---------------------------------------------------------------

TYPED_TEST(Coop, NucleolusOfBankruptcyIsTalmudRule) {
  using Scalar = TypeParam;
  // Aumann & Maschler, "Game theoretic analysis of a bankruptcy problem from
  // the Talmud", J. Econ. Theory 36 (1985) 195-213: claims 100, 200, 300.
  struct Case {
    int estate;
    std::vector<const char*> talmud;
  };
  for (const Case& c : {Case{100, {"100/3", "100/3", "100/3"}}, Case{200, {"50", "75", "75"}},
                        Case{300, {"50", "100", "150"}}}) {
    SCOPED_TRACE("E = " + std::to_string(c.estate));
    auto g = bankruptcy<Scalar>(c.estate, {100, 200, 300});
    expect_vector(nucleolus(g), c.talmud);
    expect_vector(prenucleolus(g), c.talmud);  // bankruptcy games are convex: core non-empty
  }
}

/// Constrained equal awards: x_i = min(c_i, lambda), sum x = amount (exact).
std::vector<Rational> constrained_equal_awards(Rational amount, std::vector<Rational> caps) {
  std::vector<std::size_t> order(caps.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return caps[a] < caps[b]; });
  std::vector<Rational> x(caps.size());
  std::size_t left = caps.size();
  for (std::size_t i : order) {
    Rational share = amount / Rational(long(left));
    x[i] = std::min(caps[i], share);
    amount -= x[i];
    --left;
  }
  return x;
}

/// The Talmud rule (Aumann & Maschler 1985): CEA on half-claims up to half the
/// total claim, then each claimant loses by CEA on half-claims.
std::vector<Rational> talmud(int estate, const std::vector<int>& claims) {
  Rational total = 0;
  std::vector<Rational> half;
  for (int c : claims) {
    total += c;
    half.emplace_back(c, 2);
    half.back().canonicalize();
  }
  if (Rational(estate) <= total / 2) return constrained_equal_awards(estate, half);
  auto loss = constrained_equal_awards(total - estate, half);
  std::vector<Rational> x;
  for (std::size_t i = 0; i < claims.size(); ++i) x.push_back(Rational(claims[i]) - loss[i]);
  return x;
}

TEST(CoopRational, NucleolusIsTalmudRuleForRandomBankruptcies) {
  std::mt19937_64 rng(1985);
  for (std::size_t n : {2u, 3u, 4u, 5u}) {
    for (int trial = 0; trial < 6; ++trial) {
      std::uniform_int_distribution<int> claim(1, 40);
      std::vector<int> claims(n);
      int total = 0;
      for (auto& c : claims) total += (c = claim(rng));
      std::uniform_int_distribution<int> est(1, total);
      const int estate = est(rng);
      SCOPED_TRACE("n = " + std::to_string(n) + " E = " + std::to_string(estate));
      auto g = bankruptcy<Rational>(estate, claims);
      auto expected = talmud(estate, claims);
      auto nuc = nucleolus(g);
      for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(nuc[i], expected[i]);
      auto gd = bankruptcy<double>(estate, claims);
      auto nd = nucleolus(gd);
      for (std::size_t i = 0; i < n; ++i) EXPECT_NEAR(nd[i], to_double(expected[i]), 1e-7);
    }
  }
}

TYPED_TEST(Coop, NucleolusSmallGames) {
  using Scalar = TypeParam;
  expect_vector(nucleolus(glove<Scalar>()), {"1", "0", "0"});
  expect_vector(nucleolus(majority3<Scalar>()), {"1/3", "1/3", "1/3"});
  expect_vector(prenucleolus(majority3<Scalar>()), {"1/3", "1/3", "1/3"});
  expect_vector(nucleolus(CoalitionalGame<Scalar>(1, {Scalar(0), Scalar(5)})), {"5"});
  // Two players: standard solution v(i) + (v(N) - v(1) - v(2)) / 2.
  expect_vector(nucleolus(CoalitionalGame<Scalar>(2, {Scalar(0), Scalar(1), Scalar(3), Scalar(10)})), {"4", "6"});
  // Glove game with 2 left (0, 1) and 3 right (2, 3, 4) gloves: the core is the
  // single point where left gloves get everything: (1, 1, 0, 0, 0).
  auto g5 = make_game<Scalar>(5, [](Coalition m) {
    return Scalar(std::min(std::popcount(m & 3u), std::popcount(m & 28u)));
  });
  expect_vector(nucleolus(g5), {"1", "1", "0", "0", "0"});
  // Empty imputation set.
  auto bad = make_game<Scalar>(2, [](Coalition s) { return s == 3 ? Scalar(1) : Scalar(1); });
  EXPECT_THROW(nucleolus(bad), InvalidArgument);
  expect_vector(prenucleolus(bad), {"1/2", "1/2"});
}

TYPED_TEST(Coop, NucleolusVsPrenucleolusOutsideTheCore) {
  using Scalar = TypeParam;
  // v(1,2) = v(1,3) = 10, v(N) = 10, rest 0 ... plus v(2,3) = 10: majority scaled,
  // then give player 0 a high singleton value so the prenucleolus is not an imputation.
  // v(0) = 0, v({1,2}) = 12 > v(N) = 10: zero-monotone fails; prenucleolus may give
  // player 0 a negative amount while the nucleolus keeps x_0 >= 0.
  auto g = make_game<Scalar>(3, [](Coalition s) {
    if (s == 7) return Scalar(10);
    if (s == 6) return Scalar(12);
    return Scalar(0);
  });
  auto pre = prenucleolus(g);
  auto nuc = nucleolus(g);
  // Prenucleolus: excesses e(12) = 12 - x1 - x2 = 2 + x0 and e(0) = -x0 balance at x0 = -1,
  // then x1 = x2 = 11/2.
  expect_vector(pre, {"-1", "11/2", "11/2"});
  expect_vector(nuc, {"0", "5", "5"});
}

/// Kohlberg (1971), "On the nucleolus of a characteristic function game",
/// SIAM J. Appl. Math. 20: an efficient x is the prenucleolus iff for every
/// level a the coalitions with e(S, x) >= a form a balanced collection (or
/// none). Balancedness of a collection D: positive y_S with sum y_S 1_S = 1_N;
/// checked exactly by the LP  y_S >= 1, sum y_S 1_S = lambda 1_N.
bool kohlberg_prenucleolus(const CoalitionalGame<Rational>& g, const std::vector<Rational>& x) {
  const Coalition all = g.grand_coalition();
  if (g.coalition_sum(all, x) != g.v(all)) return false;
  std::map<Rational, std::vector<Coalition>, std::greater<>> by_excess;
  for (Coalition s = 1; s < all; ++s) by_excess[g.excess(s, x)].push_back(s);
  std::vector<Coalition> d;
  for (const auto& [level, members] : by_excess) {
    d.insert(d.end(), members.begin(), members.end());
    lp::Model<Rational> m;
    for (std::size_t k = 0; k < d.size(); ++k) m.add_column(Rational(0), lp::Bound<Rational>::at_least(Rational(1)));
    const std::size_t lambda = m.add_column(Rational(0), lp::Bound<Rational>::free());
    for (std::size_t i = 0; i < g.n(); ++i) {
      std::vector<lp::Term<Rational>> terms;
      for (std::size_t k = 0; k < d.size(); ++k)
        if (d[k] >> i & 1u) terms.push_back({k, Rational(1)});
      terms.push_back({lambda, Rational(-1)});
      m.add_row(std::move(terms), lp::Bound<Rational>::equal(Rational(0)));
    }
    if (lp::solve(m).status != lp::Status::optimal) return false;
  }
  return true;
}

TEST(CoopRational, PrenucleolusSatisfiesKohlbergCriterion) {
  std::mt19937_64 rng(2024);
  for (std::size_t n : {3u, 4u, 5u}) {
    for (int trial = 0; trial < 6; ++trial) {
      SCOPED_TRACE("n = " + std::to_string(n) + " trial " + std::to_string(trial));
      auto g = random_game<Rational>(rng, n, -10, 30);
      auto x = prenucleolus(g);
      EXPECT_TRUE(kohlberg_prenucleolus(g, x));
      // The least core contains the prenucleolus: its largest excess is the least-core eps.
      auto lc = least_core(g);
      EXPECT_TRUE(in_epsilon_core(g, x, lc.epsilon));
      // Perturbing x breaks the criterion (the prenucleolus is unique).
      auto y = x;
      y[0] += Rational(1, 7);
      y[1] -= Rational(1, 7);
      EXPECT_FALSE(kohlberg_prenucleolus(g, y));
    }
  }
}

TEST(CoopDouble, NucleolusMatchesRational) {
  std::mt19937_64 rng(99);
  for (std::size_t n : {3u, 4u, 5u}) {
    for (int trial = 0; trial < 5; ++trial) {
      std::uniform_int_distribution<int> dist(0, 30);
      std::vector<int> raw(std::size_t(1) << n);
      for (std::size_t m = 1; m < raw.size(); ++m) raw[m] = dist(rng);
      raw.back() = 30 * int(n);  // make the imputation set non-empty
      std::vector<double> vd(raw.begin(), raw.end());
      std::vector<Rational> vq;
      for (int x : raw) vq.emplace_back(x);
      CoalitionalGame<double> gd(n, vd);
      CoalitionalGame<Rational> gq(n, vq);
      auto nd = nucleolus(gd);
      auto nq = nucleolus(gq);
      auto pd = prenucleolus(gd);
      auto pq = prenucleolus(gq);
      for (std::size_t i = 0; i < n; ++i) {
        EXPECT_NEAR(nd[i], to_double(nq[i]), 1e-7);
        EXPECT_NEAR(pd[i], to_double(pq[i]), 1e-7);
      }
    }
  }
}

TYPED_TEST(Coop, ConstraintGenerationAgreesWithFullLps) {
  using Scalar = TypeParam;
  std::mt19937_64 rng(4242);
  NucleolusOptions full;
  full.method = NucleolusMethod::full;
  for (std::size_t n : {2u, 3u, 4u, 5u, 6u}) {
    for (int trial = 0; trial < 4; ++trial) {
      SCOPED_TRACE("n = " + std::to_string(n) + " trial " + std::to_string(trial));
      auto r = random_game<Scalar>(rng, n, -10, 30);
      auto values = r.values();
      values.back() = Scalar(30 * int(n));  // non-empty imputation set
      CoalitionalGame<Scalar> g(n, values);
      auto a = nucleolus_result(g), b = nucleolus_result(g, full);
      ASSERT_EQ(a.status, NucleolusStatus::optimal);
      ASSERT_EQ(b.status, NucleolusStatus::optimal);
      auto p = prenucleolus(g), q = prenucleolus(g, full);
      for (std::size_t i = 0; i < n; ++i) {
        EXPECT_TRUE(Near(a.point[i], b.point[i], 1e-7));
        EXPECT_TRUE(Near(p[i], q[i], 1e-7));
      }
      EXPECT_LE(a.rounds, n);
      EXPECT_GT(a.lps, 0u);
    }
  }
  // Games with many ties (all coalitions of a size tie): both paths again.
  auto sym = make_game<Scalar>(6, [](Coalition s) { return Scalar(std::popcount(s) >= 4 ? 9 : 0); });
  auto a = nucleolus(sym), b = nucleolus(sym, full);
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_TRUE(Near(a[i], S<Scalar>("3/2")));
    EXPECT_TRUE(Near(b[i], S<Scalar>("3/2")));
  }
}

TYPED_TEST(Coop, NucleolusLimitsAreAStatus) {
  using Scalar = TypeParam;
  std::mt19937_64 rng(77);
  auto g = random_game<Scalar>(rng, 6, 0, 30);
  for (auto method : {NucleolusMethod::constraint_generation, NucleolusMethod::full}) {
    NucleolusOptions o;
    o.method = method;
    o.lp_limit = 1;
    auto r = prenucleolus_result(g, o);
    EXPECT_EQ(r.status, NucleolusStatus::lp_limit);
    EXPECT_GE(r.lps, 1u);  // the full method also counts its tightness checks
    EXPECT_EQ(r.point.size(), 6u);  // the first LP's point
    EXPECT_THROW(prenucleolus(g, o), SolverError);
  }
  NucleolusOptions bad;
  bad.time_limit_seconds = -1;
  EXPECT_THROW(nucleolus_result(g, bad), InvalidArgument);
}

TEST(CoopRational, LargeBankruptcyNucleolusIsTalmudRule) {
  std::mt19937_64 rng(1985);
  for (std::size_t n : {12u, 14u, 20u}) {
    std::uniform_int_distribution<int> claim(1, 100);
    std::vector<int> claims(n);
    int total = 0;
    for (auto& c : claims) total += (c = claim(rng));
    std::uniform_int_distribution<int> est(1, total);
    const int estate = est(rng);
    SCOPED_TRACE("n = " + std::to_string(n) + " E = " + std::to_string(estate));
    auto g = bankruptcy<Rational>(estate, claims);
    auto expected = talmud(estate, claims);
    auto r = nucleolus_result(g);
    ASSERT_EQ(r.status, NucleolusStatus::optimal);
    for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(r.point[i], expected[i]);
    EXPECT_LT(r.working_set, std::size_t(1) << n);  // the LPs never held every coalition
  }
}

TEST(CoopDouble, TwentyPlayerBankruptcyNucleolusIsTalmudRule) {
  std::mt19937_64 rng(20);
  for (std::size_t n : {16u, 20u}) {
    std::uniform_int_distribution<int> claim(1, 100);
    std::vector<int> claims(n);
    int total = 0;
    for (auto& c : claims) total += (c = claim(rng));
    for (int estate : {total / 3, (2 * total) / 3}) {
      SCOPED_TRACE("n = " + std::to_string(n) + " E = " + std::to_string(estate));
      auto g = bankruptcy<double>(estate, claims);
      auto expected = talmud(estate, claims);
      auto x = nucleolus(g);
      for (std::size_t i = 0; i < n; ++i) EXPECT_NEAR(x[i], to_double(expected[i]), 1e-6);
    }
  }
}

TEST(CoopRational, GeneratedPrenucleolusSatisfiesKohlbergAtSevenPlayers) {
  std::mt19937_64 rng(7007);
  for (int trial = 0; trial < 3; ++trial) {
    auto g = random_game<Rational>(rng, 7, -10, 40);
    auto x = prenucleolus(g);
    EXPECT_TRUE(kohlberg_prenucleolus(g, x));
    auto y = x;
    y[2] += Rational(1, 11);
    y[5] -= Rational(1, 11);
    EXPECT_FALSE(kohlberg_prenucleolus(g, y));
  }
}

TYPED_TEST(Coop, NucleolusInCoreAndSymmetric) {
  using Scalar = TypeParam;
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 8; ++trial) {
    // Convex games (non-empty core): nucleolus == prenucleolus, in the core.
    std::uniform_int_distribution<int> a(0, 6);
    std::vector<int> add(4);
    for (auto& x : add) x = a(rng);
    auto g = make_game<Scalar>(4, [&](Coalition s) {
      int k = std::popcount(s), sum = 0;
      for (int i = 0; i < 4; ++i)
        if (s >> i & 1u) sum += add[std::size_t(i)];
      return Scalar(k * k + sum);
    });
    auto nuc = nucleolus(g), pre = prenucleolus(g);
    EXPECT_TRUE(in_core(g, nuc));
    for (std::size_t i = 0; i < 4; ++i) EXPECT_TRUE(Near(nuc[i], pre[i], 1e-7));
  }
  // Symmetric game: equal split.
  auto sym = make_game<Scalar>(4, [](Coalition s) { return Scalar(std::popcount(s) >= 3 ? 5 : 0); });
  expect_vector(nucleolus(sym), {"5/4", "5/4", "5/4", "5/4"});
}

// --- Shapley and Banzhaf -------------------------------------------------------

TYPED_TEST(Coop, ShapleyGloveAndAxioms) {
  using Scalar = TypeParam;
  expect_vector(shapley_value(glove<Scalar>()), {"2/3", "1/6", "1/6"});
  expect_vector(shapley_value(majority3<Scalar>()), {"1/3", "1/3", "1/3"});
  // Dummy player 2: v(S + 2) = v(S) + 3.
  auto base = glove<Scalar>();
  auto dummy = make_game<Scalar>(4, [&](Coalition s) -> Scalar {
    return base.v(s & 7u) + ((s & 8u) ? Scalar(3) : Scalar(0));
  });
  expect_vector(shapley_value(dummy), {"2/3", "1/6", "1/6", "3"});
  // Efficiency and symmetry on random games; additivity of the Shapley value.
  std::mt19937_64 rng(3);
  for (int trial = 0; trial < 5; ++trial) {
    auto g = random_game<Scalar>(rng, 5, -5, 20);
    auto h = random_game<Scalar>(rng, 5, -5, 20);
    auto phi = shapley_value(g);
    Scalar total(0);
    for (const auto& p : phi) total += p;
    EXPECT_TRUE(Near(total, g.v(g.grand_coalition())));
    std::vector<Scalar> sum(g.values().size());
    for (std::size_t m = 0; m < sum.size(); ++m) sum[m] = g.v(Coalition(m)) + h.v(Coalition(m));
    auto phi_sum = shapley_value(CoalitionalGame<Scalar>(5, sum));
    auto phi_h = shapley_value(h);
    for (std::size_t i = 0; i < 5; ++i) EXPECT_TRUE(Near(phi_sum[i], phi[i] + phi_h[i]));
  }
}

TYPED_TEST(Coop, ShapleyBruteForceOverOrderings) {
  using Scalar = TypeParam;
  std::mt19937_64 rng(17);
  auto g = random_game<Scalar>(rng, 4, 0, 9);
  std::vector<int> order{0, 1, 2, 3};
  std::vector<Scalar> brute(4, Scalar(0));
  int count = 0;
  do {
    Coalition s = 0;
    for (int i : order) {
      brute[std::size_t(i)] += g.v(s | (1u << i)) - g.v(s);
      s |= 1u << i;
    }
    ++count;
  } while (std::next_permutation(order.begin(), order.end()));
  auto phi = shapley_value(g);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_TRUE(Near(phi[i], brute[i] / Scalar(count)));
}

TYPED_TEST(Coop, ShapleyBruteForceUpToEightPlayers) {
  using Scalar = TypeParam;
  std::mt19937_64 rng(8);
  for (std::size_t n : {5u, 6u, 7u, 8u}) {
    auto g = random_game<Scalar>(rng, n, -20, 50);
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    std::vector<Scalar> brute(n, Scalar(0));
    long count = 0;
    do {
      Coalition s = 0;
      for (std::size_t i : order) {
        brute[i] += g.v(s | (Coalition(1) << i)) - g.v(s);
        s |= Coalition(1) << i;
      }
      ++count;
    } while (std::next_permutation(order.begin(), order.end()));
    auto phi = shapley_value(g);
    for (std::size_t i = 0; i < n; ++i) EXPECT_TRUE(Near(phi[i], brute[i] / Scalar(count), 1e-9));
  }
}

TEST(SampledShapley, IntervalsCoverTheExactValueAtTheNominalRate) {
  std::mt19937_64 rng(10);
  auto g = random_game<double>(rng, 10, 0, 100);
  const auto exact = shapley_value(g);
  int covered = 0, total = 0;
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    SampledShapleyOptions o;
    o.samples = 400;
    o.seed = seed;
    auto r = sampled_shapley_value(g, o);
    ASSERT_EQ(r.status, SamplingStatus::complete);
    ASSERT_EQ(r.samples, 400u);
    double sum = 0;
    for (std::size_t i = 0; i < 10; ++i) {
      sum += r.value[i];
      covered += std::abs(r.value[i] - exact[i]) <= r.half_width[i];
      ++total;
      EXPECT_GT(r.half_width[i], 0.0);
    }
    EXPECT_NEAR(sum, g.v(g.grand_coalition()), 1e-9);  // marginals telescope
  }
  const double rate = double(covered) / double(total);
  EXPECT_GT(rate, 0.90);  // nominal 0.95 over 1000 intervals
  EXPECT_LT(rate, 0.99);
}

TEST(SampledShapley, ErrorShrinksWithSamplesAndSeedsRepeat) {
  std::mt19937_64 rng(11);
  auto g = random_game<Rational>(rng, 10, -30, 60);
  const auto exact = shapley_value(g);
  auto mean_error = [&](std::size_t samples) {
    double err = 0;
    for (std::uint64_t seed = 0; seed < 20; ++seed) {
      SampledShapleyOptions o;
      o.samples = samples;
      o.seed = seed;
      auto r = sampled_shapley_value(g, o);
      for (std::size_t i = 0; i < 10; ++i) err += std::abs(r.value[i] - to_double(exact[i]));
    }
    return err;
  };
  const double coarse = mean_error(100), fine = mean_error(1600);
  EXPECT_LT(fine, coarse / 2.5);  // ~ 1/sqrt(samples): a factor 4 expected
  SampledShapleyOptions o;
  o.seed = 5;
  o.samples = 50;
  EXPECT_EQ(sampled_shapley_value(g, o).value, sampled_shapley_value(g, o).value);
  o.confidence = 1.0;
  EXPECT_THROW(sampled_shapley_value(g, o), InvalidArgument);
  o.confidence = 0.9;
  o.samples = 1;
  EXPECT_THROW(sampled_shapley_value(g, o), InvalidArgument);
}

TEST(SampledShapley, BeyondTablesFromACallable) {
  // 60 voters, weights 1..3, quota 61: no 2^60 table; compare with the exact
  // Shapley-Shubik index by dynamic programming.
  std::vector<std::int64_t> w(60);
  for (std::size_t i = 0; i < w.size(); ++i) w[i] = std::int64_t(i % 3) + 1;
  WeightedVotingGame voting(61, w);
  const auto exact = voting.shapley_shubik<double>();
  SampledShapleyOptions o;
  o.samples = 4000;
  o.seed = 3;
  auto r = sampled_shapley_value(
      60, [&](const std::vector<bool>& members) {
        std::int64_t total = 0;
        for (std::size_t i = 0; i < members.size(); ++i)
          if (members[i]) total += w[i];
        return total >= 61 ? 1.0 : 0.0;
      },
      o);
  int covered = 0;
  for (std::size_t i = 0; i < 60; ++i) {
    covered += std::abs(r.value[i] - exact[i]) <= r.half_width[i];
    EXPECT_LE(std::abs(r.value[i] - exact[i]), 2 * r.half_width[i]);
  }
  EXPECT_GE(covered, 51);  // 95% intervals: 57 expected
  // A function of the bit mask: v(S) = |S|^2, every player's value is n.
  std::function<Rational(Coalition)> square = [](Coalition s) { return Rational(std::popcount(s) * std::popcount(s)); };
  auto q = sampled_shapley_value(30, square, o);
  for (double x : q.value) EXPECT_NEAR(x, 30.0, 2.0);
  EXPECT_THROW(sampled_shapley_value(33, square, o), InvalidArgument);
  o.time_limit_seconds = 1e-9;
  o.samples = 1'000'000;
  auto cut = sampled_shapley_value(30, square, o);
  EXPECT_EQ(cut.status, SamplingStatus::time_limit);
  EXPECT_LT(cut.samples, 1'000'000u);
}

TYPED_TEST(Coop, Banzhaf) {
  using Scalar = TypeParam;
  // Glove: player 0 swings in {1}, {2}, {1,2}: 3/4; players 1, 2 only in {0}: 1/4.
  expect_vector(banzhaf_value(glove<Scalar>()), {"3/4", "1/4", "1/4"});
  expect_vector(banzhaf_value(glove<Scalar>(), true), {"3/5", "1/5", "1/5"});
  expect_vector(banzhaf_value(majority3<Scalar>()), {"1/2", "1/2", "1/2"});
  expect_vector(banzhaf_value(majority3<Scalar>(), true), {"1/3", "1/3", "1/3"});
  auto zero = make_game<Scalar>(2, [](Coalition) { return Scalar(0); });
  EXPECT_THROW(banzhaf_value(zero, true), InvalidArgument);
}

// --- weighted voting -----------------------------------------------------------

TEST(WeightedVoting, ChecksArguments) {
  EXPECT_THROW(WeightedVotingGame(0, {1, 2}), InvalidArgument);
  EXPECT_THROW(WeightedVotingGame(4, {1, 2}), InvalidArgument);
  EXPECT_THROW(WeightedVotingGame(1, {1, -1}), InvalidArgument);
  EXPECT_THROW(WeightedVotingGame(1, {}), InvalidArgument);
  EXPECT_THROW(WeightedVotingGame(1, {1}, {"a", "b"}), InvalidArgument);
  EXPECT_THROW(WeightedVotingGame(20'000'000, {20'000'000}), InvalidArgument);  // counting table too large
  WeightedVotingGame g(3, {2, 1, 1});
  EXPECT_TRUE(g.is_winning(0b011));
  EXPECT_FALSE(g.is_winning(0b110));
}

TYPED_TEST(Coop, UnitedNationsSecurityCouncil) {
  using Scalar = TypeParam;
  std::vector<std::int64_t> w(15, 1);
  for (int i = 0; i < 5; ++i) w[std::size_t(i)] = 7;
  WeightedVotingGame unsc(39, w);
  auto ss = unsc.template shapley_shubik<Scalar>();
  for (int i = 0; i < 15; ++i) EXPECT_TRUE(Near(ss[std::size_t(i)], S<Scalar>(i < 5 ? "421/2145" : "4/2145"), 1e-12));
  if constexpr (!is_exact_v<Scalar>) {
    EXPECT_NEAR(ss[0], 0.19627, 1e-5);
    EXPECT_NEAR(ss[5], 0.001865, 1e-6);
  }
  // Cross-check against the coalitional game (2^15 coalitions).
  auto g = unsc.template to_coalitional_game<Scalar>();
  EXPECT_TRUE(g.is_simple());
  auto phi = shapley_value(g);
  auto bz = banzhaf_value(g), bzn = banzhaf_value(g, true);
  auto wbz = unsc.template banzhaf<Scalar>(), wbzn = unsc.template banzhaf<Scalar>(true);
  for (std::size_t i = 0; i < 15; ++i) {
    EXPECT_TRUE(Near(phi[i], ss[i], 1e-12));
    EXPECT_TRUE(Near(bz[i], wbz[i], 1e-12));
    EXPECT_TRUE(Near(bzn[i], wbzn[i], 1e-12));
  }
  // Banzhaf swing counts: a permanent member swings in every winning
  // coalition containing it that has 4 other permanents and >= 4 of the 10
  // others: sum_{k=4}^{10} C(10, k) = 848; a non-permanent member needs all
  // 5 permanents and exactly 3 of the other 9: C(9, 3) = 84.
  auto swings = unsc.swing_counts();
  EXPECT_EQ(swings[0], 848);
  EXPECT_EQ(swings[14], 84);
}

TYPED_TEST(Coop, WeightedVotingMatchesCoalitionalFormulas) {
  using Scalar = TypeParam;
  std::mt19937_64 rng(31);
  for (int trial = 0; trial < 25; ++trial) {
    std::uniform_int_distribution<std::size_t> size(1, 7);
    std::uniform_int_distribution<std::int64_t> weight(0, 9);
    std::vector<std::int64_t> w(size(rng));
    std::int64_t total = 0;
    for (auto& x : w) total += (x = weight(rng));
    if (total == 0) continue;
    std::uniform_int_distribution<std::int64_t> quota(1, total);
    WeightedVotingGame v(quota(rng), w);
    auto g = v.template to_coalitional_game<Scalar>();
    auto ss = v.template shapley_shubik<Scalar>();
    auto phi = shapley_value(g);
    auto bz = v.template banzhaf<Scalar>();
    auto bg = banzhaf_value(g);
    for (std::size_t i = 0; i < w.size(); ++i) {
      EXPECT_TRUE(Near(ss[i], phi[i], 1e-12));
      EXPECT_TRUE(Near(bz[i], bg[i], 1e-12));
    }
  }
}

TEST(WeightedVoting, HundredsOfPlayers) {
  // 301 equal voters, simple majority: by symmetry each gets 1/301.
  WeightedVotingGame eq(151, std::vector<std::int64_t>(301, 1));
  auto ss = eq.shapley_shubik<Rational>();
  for (const auto& x : ss) EXPECT_EQ(x, Rational(1, 301));
  // Banzhaf raw: C(300, 150) / 2^300.
  mpz_class c;
  mpz_bin_uiui(c.get_mpz_t(), 300, 150);
  Rational expected(c, mpz_class(1) << 300);
  expected.canonicalize();
  EXPECT_EQ(eq.banzhaf<Rational>()[0], expected);

  // 200 players with weights 1..20 (ten each), quota two thirds: efficiency, and
  // larger weight never means less power (both indices are monotone in weight).
  std::vector<std::int64_t> w(200);
  std::int64_t total = 0;
  for (std::size_t i = 0; i < w.size(); ++i) total += (w[i] = std::int64_t(i / 10) + 1);
  WeightedVotingGame big((2 * total) / 3 + 1, w);
  auto p = big.shapley_shubik<Rational>();
  Rational sum = 0;
  for (const auto& x : p) sum += x;
  EXPECT_EQ(sum, 1);
  for (std::size_t i = 1; i < p.size(); ++i) EXPECT_LE(p[i - 1], p[i]);
  auto pd = big.shapley_shubik<double>();
  for (std::size_t i = 0; i < p.size(); ++i) EXPECT_NEAR(pd[i], to_double(p[i]), 1e-15);
  auto b = big.banzhaf<double>(true);
  double bsum = 0;
  for (double x : b) bsum += x;
  EXPECT_NEAR(bsum, 1.0, 1e-12);
  for (std::size_t i = 1; i < b.size(); ++i) EXPECT_LE(b[i - 1], b[i] + 1e-15);
}

TEST(WeightedVoting, DictatorAndDummies) {
  // [5; 5, 1, 1, 1]: player 0 is a dictator.
  WeightedVotingGame g(5, {5, 1, 1, 1});
  auto ss = g.shapley_shubik<Rational>();
  EXPECT_EQ(ss[0], 1);
  EXPECT_EQ(ss[1], 0);
  auto bz = g.banzhaf<Rational>(true);
  EXPECT_EQ(bz[0], 1);
  EXPECT_EQ(bz[3], 0);
  // [4; 3, 2, 1, 0]: weight-0 player is a dummy; cross-check.
  WeightedVotingGame h(4, {3, 2, 1, 0});
  auto sh = h.shapley_shubik<Rational>();
  auto gh = h.to_coalitional_game<Rational>();
  auto phi = shapley_value(gh);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(sh[i], phi[i]);
  EXPECT_EQ(sh[3], 0);
}

}  // namespace
}  // namespace entente
