// Reliability: cancellation, limits and size checks, concurrent solves, and
// numerically hostile payoffs (badly scaled, duplicated, all equal, and
// games where floating arithmetic fails and must say so).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "entente/entente.hpp"
#include "typed.hpp"

namespace entente {
namespace {

using games::random_game;
using games::random_zero_sum;
using testing::game;

// --- cancellation -------------------------------------------------------------

/// How soon a cancelled solver must stop: 0.5 s, four times that in
/// ASan/UBSan builds, where GMP-heavy steps run several times slower and a
/// loaded machine stretches them further.
#ifdef ENTENTE_SANITIZED
constexpr double kPrompt = 2.0;
#else
constexpr double kPrompt = 0.5;
#endif

/// Runs `call` with a CancelScope whose flag another thread sets after
/// `delay`; returns the seconds from setting the flag to Interrupted.
double seconds_to_interrupt(const std::function<void()>& call, std::chrono::milliseconds delay) {
  std::atomic<bool> flag{false};
  std::atomic<long long> set_at{0};
  std::thread canceller([&] {
    std::this_thread::sleep_for(delay);
    set_at = std::chrono::steady_clock::now().time_since_epoch().count();
    flag = true;
  });
  bool interrupted = false;
  try {
    CancelScope scope(flag);
    call();
  } catch (const Interrupted&) {
    interrupted = true;
  }
  const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  canceller.join();
  EXPECT_TRUE(interrupted) << "the call finished before the flag was set";
  return double(now - set_at.load()) * std::chrono::steady_clock::period::num / std::chrono::steady_clock::period::den;
}

TEST(Cancel, LongSolversStopPromptlyWhenTheFlagIsSet) {
  // Each of these runs for minutes uninterrupted.
  const auto big = random_game<Rational>({22, 22}, 0, 99, 7);
  EXPECT_LT(seconds_to_interrupt([&] { enumerate_equilibria(big); }, std::chrono::milliseconds(100)), kPrompt);
  const auto wide = random_game<double>({30, 30}, 0, 99, 7);
  EXPECT_LT(seconds_to_interrupt([&] { support_enumeration(wide); }, std::chrono::milliseconds(100)), kPrompt);
  const auto huge = random_game<Rational>({260, 260}, 0, 999, 7);
  LemkeHowsonOptions unlimited;
  unlimited.max_pivots = std::size_t(-1);
  EXPECT_LT(seconds_to_interrupt([&] { lemke_howson_all(huge, unlimited); }, std::chrono::milliseconds(100)), kPrompt);
}

TEST(Cancel, MixedSolversAlliancesAndSweepsStopPromptly) {
  // simpdiv far below any reachable tolerance; logit in tiny steps; an
  // 8-player exact alliance analysis (4140 partitions); each runs for
  // minutes uninterrupted.
  const auto five = random_game<Rational>({5, 5, 5, 5, 5}, 0, 99, 7);
  SimpdivOptions<Rational> endless;
  endless.tolerance = 1e-300;
  endless.polish = false;
  endless.max_refinements = 60;
  EXPECT_LT(seconds_to_interrupt([&] { simpdiv(five, endless); }, std::chrono::milliseconds(100)), kPrompt);
  LogitOptions tiny_steps;
  tiny_steps.tolerance = 1e-300;
  tiny_steps.max_steps = std::size_t(1) << 40;
  tiny_steps.first_step = tiny_steps.max_step = 1e-6;
  tiny_steps.min_step = 1e-7;
  const auto wide = random_game<double>({8, 8, 8, 8}, 0, 99, 7);
  EXPECT_LT(seconds_to_interrupt([&] { logit(wide, tiny_steps); }, std::chrono::milliseconds(100)), kPrompt);
  const auto eight = random_game<Rational>(std::vector<std::size_t>(8, 3), -9, 9, 7);
  AllianceOptions patient;
  patient.time_limit_seconds = 3600;
  EXPECT_LT(seconds_to_interrupt([&] { analyse_alliances(eight, patient); }, std::chrono::milliseconds(100)), kPrompt);
  // A sweep polls the caller's flag in its worker threads, between points
  // and inside each point's solver: one exact simpdiv point of the
  // seven-actor scenario takes seconds.
  const auto scenario = scenario::Scenario::load(std::string(ENTENTE_EXAMPLES) + "/scenarios/china_balancing.json");
  scenario::SweepOptions exact_simpdiv;
  exact_simpdiv.method = Method::simpdiv;
  exact_simpdiv.exact = true;
  exact_simpdiv.threads = 2;
  const auto points = scenario::sweep_grid(scenario, {{"pact_strength", 0.0, 1.0, 50, {}}});
  EXPECT_LT(seconds_to_interrupt([&] { scenario::sweep_points(scenario, points, exact_simpdiv); },
                                 std::chrono::milliseconds(100)),
            kPrompt);
}

TEST(Cancel, AFlagSetBeforehandStopsEveryLoop) {
  std::atomic<bool> flag{true};
  CancelScope scope(flag);
  const auto g = random_game<double>({3, 3}, 0, 9, 1);
  EXPECT_THROW(lemke_howson(g, 0), Interrupted);
  EXPECT_THROW(enumerate_equilibria(g), Interrupted);
  EXPECT_THROW(support_enumeration(g), Interrupted);
  EXPECT_THROW(pure_nash(g), Interrupted);
  DominanceOptions mixed;
  mixed.mixed = true;
  EXPECT_THROW(eliminate_dominated(g, mixed), Interrupted);
  EXPECT_THROW(fictitious_play(g), Interrupted);
  EXPECT_THROW(regret_matching(g), Interrupted);
  EXPECT_THROW(solve_zero_sum(random_zero_sum<double>(3, 3, 0, 9, 1)), Interrupted);
  EXPECT_THROW(correlated_equilibrium(g), Interrupted);  // at its LP
  const CoalitionalGame<double> coop(3, {0, 1, 1, 2, 1, 2, 2, 4});
  EXPECT_THROW(nucleolus(coop), Interrupted);
  const auto three = random_game<double>({2, 2, 2}, 0, 9, 1);
  EXPECT_THROW(simpdiv(three), Interrupted);
  EXPECT_THROW(logit(three), Interrupted);
  EXPECT_THROW(characteristic_function(three, CharacteristicKind::alpha), Interrupted);
  EXPECT_THROW(analyse_alliances(three), Interrupted);
  const auto tiny = scenario::Scenario::load(std::string(ENTENTE_TEST_DATA) + "/scenario_tiny.json");
  EXPECT_THROW(scenario::sweep(tiny, {{"pact_strength", 0.0, 1.0, 5, {}}}), Interrupted);
}

TEST(Cancel, ScopesNestAndRestore) {
  std::atomic<bool> outer{false}, inner{true};
  CancelScope a(outer);
  {
    CancelScope b(inner);
    EXPECT_THROW(check_cancelled(), Interrupted);
  }
  EXPECT_NO_THROW(check_cancelled());
  outer = true;
  EXPECT_THROW(check_cancelled(), Interrupted);
}

// --- limits and size checks ---------------------------------------------------------

TEST(Limits, EveryEnumerationStopsOnItsLimitWithAStatusOrSolverError) {
  const auto big = random_game<Rational>({22, 22}, 0, 99, 7);
  EnumerationOptions options;
  options.max_bases = 1000;
  const auto partial = enumerate_extreme_equilibria(big, options);
  EXPECT_EQ(partial.status, EnumerationStatus::basis_limit);
  for (const auto& e : partial.equilibria) EXPECT_EQ(e.regret, 0);
  EXPECT_THROW(enumerate_equilibria(big, options), SolverError);
  EnumerationOptions timed;
  timed.time_limit_seconds = 0.2;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(enumerate_extreme_equilibria(big, timed).status, EnumerationStatus::time_limit);
  EXPECT_THROW(support_enumeration(random_game<double>({30, 30}, 0, 99, 7), timed), SolverError);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 2.0);
  LemkeHowsonOptions few;
  few.max_pivots = 3;
  EXPECT_THROW(lemke_howson(random_game<Rational>({60, 60}, 0, 999, 3), 0, few), SolverError);
  lp::Options one;
  one.iteration_limit = 1;
  // A game the CE LP needs several pivots for (from its crash basis, a
  // 6x6 bimatrix game's LP can be optimal after none).
  EXPECT_EQ(correlated_equilibrium(random_game<double>({7, 7, 7}, 0, 99, 700), {}, false, one).status,
            lp::Status::iteration_limit);
}

TEST(Limits, SizesAreCheckedBeforeAllocating) {
  // 2^20 x 2^20 profiles: refused by arithmetic, nothing is allocated.
  EXPECT_THROW(Game<double>({std::size_t(1) << 20, std::size_t(1) << 20}), InvalidArgument);
  EXPECT_THROW(Game<double>({std::size_t(-1), 2}), InvalidArgument);  // would overflow the product
  EXPECT_THROW(Game<double>(std::vector<std::size_t>(64, 2)), InvalidArgument);  // 2^64 profiles
  EXPECT_THROW(CoalitionalGame<double>(31, {}), InvalidArgument);  // before looking at 2^31 values
  // A short .nfg file that announces a huge game is refused before the game exists.
  EXPECT_THROW(io::parse_nfg("NFG 1 R \"\" { \"a\" \"b\" } { 10000 10000 } 1 2"), ParseError);
  EXPECT_THROW(WeightedVotingGame(1'000'000'000, {1'000'000'000, 5}), InvalidArgument);
}

// --- concurrency -----------------------------------------------------------------

/// Everything a thread computes for game `g`, as doubles, for comparison.
template <class Scalar>
std::vector<double> answers(const Game<Scalar>& g) {
  std::vector<double> out;
  auto push = [&](const std::vector<Equilibrium<Scalar>>& eqs) {
    out.push_back(double(eqs.size()));
    for (const auto& e : eqs)
      for (std::size_t i = 0; i < 2; ++i)
        for (const auto& p : e.profile[i]) out.push_back(to_double(p));
  };
  push(enumerate_equilibria(g));
  push(lemke_howson_all(g));
  push(support_enumeration(g));
  push(pure_nash(g));
  const auto ce = correlated_equilibrium(g);
  out.push_back(to_double(ce.objective));
  const auto z = solve_zero_sum(Mat<Scalar>(g.matrix(0)));
  out.push_back(to_double(z.value));
  const auto dom = eliminate_dominated(g, DominanceOptions{true, false});
  out.push_back(double(dom.surviving[0].size() + dom.surviving[1].size()));
  return out;
}

template <class Scalar>
void expect_threads_match_serial() {
  constexpr int kThreads = 8;
  std::vector<Game<Scalar>> games;
  for (int k = 0; k < kThreads; ++k) games.push_back(random_game<Scalar>({5, 5}, 0, 9, 100 + std::uint64_t(k)));
  std::vector<std::vector<double>> serial;
  for (const auto& g : games) serial.push_back(answers(g));
  // Separate games, one per thread, three rounds each; then all on one shared game.
  for (bool shared : {false, true}) {
    std::vector<std::vector<double>> got(kThreads);
    std::vector<std::thread> threads;
    std::atomic<int> errors{0};
    for (int t = 0; t < kThreads; ++t)
      threads.emplace_back([&, t] {
        try {
          for (int round = 0; round < 3; ++round) got[t] = answers(games[shared ? 0 : t]);
        } catch (...) {
          ++errors;
        }
      });
    for (auto& th : threads) th.join();
    EXPECT_EQ(errors.load(), 0);
    for (int t = 0; t < kThreads; ++t) EXPECT_EQ(got[t], serial[shared ? 0 : t]) << "thread " << t;
  }
  // Coalitional games: nucleolus and Shapley value.
  std::vector<std::vector<Scalar>> nu_serial;
  std::vector<CoalitionalGame<Scalar>> coops;
  for (int k = 0; k < kThreads; ++k) {
    std::vector<Scalar> v(16, Scalar(0));
    for (std::size_t s = 1; s < 16; ++s) v[s] = Scalar(long(std::popcount(s) * std::popcount(s) * 3 + (s * 7 + std::size_t(k)) % 5));
    coops.emplace_back(4, v);
    nu_serial.push_back(nucleolus(coops.back()));
  }
  std::vector<std::vector<Scalar>> nu(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) threads.emplace_back([&, t] { nu[t] = nucleolus(coops[t]); });
  for (auto& th : threads) th.join();
  EXPECT_EQ(nu, nu_serial);
}

TEST(Threads, EightThreadsGiveTheSerialAnswersDouble) { expect_threads_match_serial<double>(); }
TEST(Threads, EightThreadsGiveTheSerialAnswersRational) { expect_threads_match_serial<Rational>(); }

// --- numerics -------------------------------------------------------------------

/// Every floating result is either certified or refused with SolverError.
void expect_certified_or_refused(const Game<double>& g) {
  auto check = [&](const char* who, const std::function<std::vector<Equilibrium<double>>()>& f) {
    try {
      for (const auto& e : f())
        EXPECT_LE(regret(g, e.profile), certificate_tolerance(g)) << who;
    } catch (const SolverError& e) {
      EXPECT_NE(std::string(e.what()).find("certificate"), std::string::npos) << who << ": " << e.what();
    }
  };
  check("enummixed", [&] { return enumerate_equilibria(g); });
  check("enumsupport", [&] { return support_enumeration(g); });
  check("lcp", [&] { return lemke_howson_all(g); });
  check("enumpure", [&] { return pure_nash(g); });
}

TEST(Numerics, BadlyScaledPayoffsExactAndFloatingAgree) {
  // 1e-12 beside 1e12: the exact answers, and floating answers that match them.
  Game<Rational> g({3, 3});
  const Rational big(mpz_class("1000000000000")), tiny(mpz_class(1), mpz_class("1000000000000"));
  const Rational a[9] = {big, tiny, 0, 0, big, tiny, tiny, 0, big};
  const Rational b[9] = {tiny, big, 0, 0, tiny, big, big, 0, tiny};
  for (std::size_t k = 0; k < 9; ++k) g.payoffs(0)[k] = a[k], g.payoffs(1)[k] = b[k];
  const auto exact = enumerate_equilibria(g);
  ASSERT_FALSE(exact.empty());
  for (const auto& e : exact) EXPECT_EQ(e.regret, 0);
  const auto floating = g.cast<double>();
  expect_certified_or_refused(floating);
  const auto f = enumerate_equilibria(floating);
  ASSERT_EQ(f.size(), exact.size());
  for (std::size_t k = 0; k < f.size(); ++k)
    for (std::size_t i = 0; i < 2; ++i)
      for (std::size_t s = 0; s < 3; ++s) EXPECT_NEAR(f[k].profile[i][s], to_double(exact[k].profile[i][s]), 1e-9);
}

TEST(Numerics, TinyPayoffsAreNotAllTies) {
  // Matching pennies scaled by 1e-12: the only equilibrium is (1/2, 1/2).
  // An absolute tie tolerance would call every pure profile an equilibrium.
  const auto pennies = game<double>({{1, -1}, {-1, 1}}, {{-1, 1}, {1, -1}});
  Game<double> tiny = pennies;
  for (std::size_t i = 0; i < 2; ++i)
    for (auto& u : tiny.payoffs(i)) u *= 1e-12;
  EXPECT_TRUE(pure_nash(tiny).empty());
  EXPECT_TRUE(pure_equilibria(tiny).empty());
  expect_certified_or_refused(tiny);
  const auto lh = lemke_howson(tiny, 0);
  EXPECT_NEAR(lh.profile[0][0], 0.5, 1e-12);
  EXPECT_NEAR(solve_zero_sum(tiny).value, 0.0, 1e-20);
}

TEST(Numerics, DuplicatedStrategiesAndAllEqualPayoffs) {
  // Row strategies 0 and 1 are identical: a degenerate game with a
  // continuum of equilibria; every solver still returns certified points.
  const auto dup = game<Rational>({{3, 0}, {3, 0}, {0, 2}}, {{2, 0}, {2, 0}, {0, 3}});
  const auto exact = enumerate_equilibria(dup);
  for (const auto& e : exact) EXPECT_EQ(e.regret, 0);
  EXPECT_EQ(exact.size(), enumerate_equilibria(dup.cast<double>()).size());
  expect_certified_or_refused(dup.cast<double>());
  for (const auto& e : lemke_howson_all(dup)) EXPECT_EQ(e.regret, 0);
  // All payoffs equal: every profile is an equilibrium; the extreme ones are the pure profiles.
  const auto flat = game<Rational>({{5, 5, 5}, {5, 5, 5}}, {{5, 5, 5}, {5, 5, 5}});
  EXPECT_EQ(enumerate_equilibria(flat).size(), 6u);
  EXPECT_EQ(pure_nash(flat).size(), 6u);
  expect_certified_or_refused(flat.cast<double>());
  EXPECT_EQ(solve_zero_sum(game<Rational>({{0, 0}, {0, 0}}, {{0, 0}, {0, 0}})).value, 0);
  const CoalitionalGame<Rational> zero(3, std::vector<Rational>(8, Rational(0)));
  EXPECT_EQ(nucleolus(zero), std::vector<Rational>(3, Rational(0)));
}

TEST(Numerics, FloatingFailureIsReportedNotReturned) {
  // Payoffs 1e-12 apart around 1: the differences are below the absolute
  // tolerance support enumeration uses to test best responses, so in
  // floating point it accepts supports that are not equilibria. The
  // certificate catches them: SolverError, never a wrong equilibrium.
  const auto base = random_game<double>({4, 4}, 0, 9, 11);
  Game<double> near_one = base;
  for (std::size_t i = 0; i < 2; ++i)
    for (auto& u : near_one.payoffs(i)) u = u * 1e-12;
  bool refused = false;
  try {
    for (const auto& e : support_enumeration(near_one)) EXPECT_LE(e.regret, certificate_tolerance(near_one));
  } catch (const SolverError& e) {
    refused = true;
    EXPECT_NE(std::string(e.what()).find("solve exactly"), std::string::npos) << e.what();
  }
  // Exactly, the same game has only certified equilibria.
  const auto exact = support_enumeration(base.cast<Rational>());
  for (const auto& e : exact) EXPECT_EQ(e.regret, 0);
  EXPECT_TRUE(refused) << "expected floating support enumeration to fail its certificate on this game";
}

TEST(Numerics, NonFiniteAndInvalidInputIsRefused) {
  Game<double> g({2, 2});
  g.payoffs(0)[0] = std::nan("");
  EXPECT_THROW(lemke_howson(g, 0), InvalidArgument);
  g.payoffs(0)[0] = INFINITY;
  EXPECT_THROW(lemke_howson(g, 0), InvalidArgument);
  EXPECT_THROW(CoalitionalGame<double>(1, {0, NAN}), InvalidArgument);
  EXPECT_THROW(io::parse_nfg("NFG 1 R \"\" { \"a\" } { 2 } nan 1"), ParseError);
  EXPECT_THROW(parse_method("nosuch"), InvalidArgument);
  EXPECT_THROW(solve(random_game<double>({2, 2, 2}, 0, 9, 1), {.method = Method::lp}), InvalidArgument);
  EXPECT_THROW(lemke_howson(random_game<double>({2, 2}, 0, 9, 1), 7), InvalidArgument);
}

TEST(Nfg, NamesThatCannotBeQuotedAreRefusedNotWrittenBroken) {
  // The format's only escape is \", so a name ending in a backslash would
  // swallow its closing quote; a backslash elsewhere, or before a quote, is fine.
  auto g = game<Rational>({{1, 0}, {0, 1}}, {{1, 0}, {0, 1}});
  g.set_player(0, "a\\b\"c");
  g.set_strategy(1, 0, "x\\\"");
  const auto back = io::parse_nfg(io::to_nfg(g));
  EXPECT_EQ(back.players()[0], "a\\b\"c");
  EXPECT_EQ(back.strategies(1)[0], "x\\\"");
  EXPECT_EQ(back, g);
  g.set_title("C:\\games\\");
  EXPECT_THROW(io::to_nfg(g), InvalidArgument);
}

}  // namespace
}  // namespace entente
