// Compact games against dense ones, and compact solvers at sizes no dense
// game reaches (docs/benchmarks.md, "Compact games").
//
//   cmake --build build --target bench_compact && build/bench/bench_compact [games] [repeats]
//
// Part 1, where both fit (2 strategies each, 4 to 12 actors): all pure
// equilibria by backtracking on the compact game against the dense
// pure-Nash solver (which needs the tensor first: the to_dense time is
// counted, as a scenario file pays it to compile), and the logit branch on
// both representations. The equilibrium lists are checked equal.
// Part 2, compact only (3 strategies each, 15 / 20 / 30 actors): the pure
// search (complete or not) and the logit branch, with their certificates.
// Part 3, polymatrix games (no conditional terms; 3 strategies each, 10 /
// 20 / 30 actors): Lemke's algorithm (floating and exact) against the
// logit branch, the two mixed methods solve_compact can use on them, with
// their certificates.
// Every time is the median of `repeats` runs per game, summed over `games`
// seeded random compact games (games/random_compact.hpp).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "entente/compact/polymatrix_lemke.hpp"
#include "entente/compact/pure_nash.hpp"
#include "entente/games/random_compact.hpp"
#include "entente/solvers/logit.hpp"
#include "entente/solvers/pure_nash.hpp"

namespace {

using Clock = std::chrono::steady_clock;

template <class F>
double median_seconds(int repeats, F&& f) {
  std::vector<double> times;
  for (int r = 0; r < repeats; ++r) {
    const auto start = Clock::now();
    f();
    times.push_back(std::chrono::duration<double>(Clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  using namespace entente;
  const int games = argc > 1 ? std::atoi(argv[1]) : 4;
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 3;
  const games::RandomCompactOptions terms{.pairwise_per_actor = 2, .conditional = 2};

  std::printf("| actors | profiles | pure: compact | pure: dense (with to_dense) | logit: compact | logit: dense | equilibria |\n");
  std::printf("|---|---|---|---|---|---|---|\n");
  for (std::size_t actors : {4, 6, 8, 10, 12}) {
    double compact_pure = 0, dense_pure = 0, compact_logit = 0, dense_logit = 0;
    std::size_t found = 0;
    for (int g = 0; g < games; ++g) {
      const auto game = games::random_compact_game<double>(std::vector<std::size_t>(actors, 2), terms, 1000 + g);
      std::vector<Equilibrium<double>> a, b;
      compact_pure += median_seconds(repeats, [&] { a = compact_pure_equilibria(game).equilibria; });
      dense_pure += median_seconds(repeats, [&] { b = pure_nash(game.to_dense()); });
      if (a.size() != b.size()) {
        std::fprintf(stderr, "pure equilibria differ at %zu actors, game %d\n", actors, g);
        return 1;
      }
      found += a.size();
      if (actors <= 10) {
        const Game<double> dense = game.to_dense();
        compact_logit += median_seconds(repeats, [&] { logit(game); });
        dense_logit += median_seconds(repeats, [&] { logit(dense); });
      }
    }
    const std::size_t profiles = std::size_t{1} << actors;
    if (actors <= 10)
      std::printf("| %zu | %zu | %.3g s | %.3g s | %.3g s | %.3g s | %zu |\n", actors, profiles, compact_pure, dense_pure,
                  compact_logit, dense_logit, found);
    else
      std::printf("| %zu | %zu | %.3g s | %.3g s | | | %zu |\n", actors, profiles, compact_pure, dense_pure, found);
  }

  std::printf("\n| actors (3 strategies) | terms | pure search | complete | equilibria | logit | logit status | worst logit regret |\n");
  std::printf("|---|---|---|---|---|---|---|---|\n");
  for (std::size_t actors : {15, 20, 30}) {
    double pure_time = 0, logit_time = 0, worst = 0;
    std::size_t found = 0, complete = 0, converged = 0, term_count = 0;
    for (int g = 0; g < games; ++g) {
      const auto game = games::random_compact_game<double>(std::vector<std::size_t>(actors, 3),
                                                           {.pairwise_per_actor = 2, .conditional = actors / 3}, 2000 + g);
      term_count = game.terms().size();
      CompactPureResult<double> pure;
      pure_time += median_seconds(repeats, [&] { pure = compact_pure_equilibria(game, {.time_limit_seconds = 60}); });
      found += pure.equilibria.size();
      complete += pure.status == Status::complete;
      LogitResult run;
      logit_time += median_seconds(repeats, [&] { run = logit(game, {.time_limit_seconds = 60}); });
      converged += run.status == Status::converged;
      worst = std::max(worst, certify(game, run.equilibrium.profile).regret);
    }
    std::printf("| %zu | %zu | %.3g s | %zu/%d | %zu | %.3g s | %zu/%d converged | %.2g |\n", actors, term_count,
                pure_time, complete, games, found, logit_time, converged, games, worst);
  }

  std::printf("\n| actors (3 strategies, polymatrix) | terms | Lemke | pivots (all games) | Lemke exact | worst Lemke regret | "
              "logit | logit converged | worst logit regret |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|\n");
  for (std::size_t actors : {10, 20, 30}) {
    double lemke_time = 0, exact_time = 0, logit_time = 0, lemke_worst = 0, logit_worst = 0;
    std::size_t pivots = 0, converged = 0, term_count = 0;
    for (int g = 0; g < games; ++g) {
      const auto game = games::random_compact_game<double>(std::vector<std::size_t>(actors, 3),
                                                           {.pairwise_per_actor = 2, .conditional = 0}, 3000 + g);
      const auto exact_game = game.cast<Rational>();
      term_count = game.terms().size();
      PolymatrixLemkeResult<double> run;
      lemke_time += median_seconds(repeats, [&] { run = polymatrix_lemke(game); });
      PolymatrixLemkeResult<Rational> exact;
      exact_time += median_seconds(repeats, [&] { exact = polymatrix_lemke(exact_game); });
      if (!run.equilibrium || !exact.equilibrium || exact.equilibrium->regret != 0) {
        std::fprintf(stderr, "Lemke failed at %zu actors, game %d\n", actors, g);
        return 1;
      }
      pivots += run.pivots;
      lemke_worst = std::max(lemke_worst, certify(game, run.equilibrium->profile).regret);
      LogitResult logit_run;
      logit_time += median_seconds(repeats, [&] { logit_run = logit(game, {.time_limit_seconds = 60}); });
      converged += logit_run.status == Status::converged;
      logit_worst = std::max(logit_worst, certify(game, logit_run.equilibrium.profile).regret);
    }
    std::printf("| %zu | %zu | %.3g ms | %zu | %.3g ms | %.2g | %.3g s | %zu/%d | %.2g |\n", actors, term_count,
                1e3 * lemke_time, pivots, 1e3 * exact_time, lemke_worst, logit_time, converged, games, logit_worst);
  }
  return 0;
}
