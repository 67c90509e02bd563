// N-player mixed equilibria: time and regret of simpdiv (floating and exact)
// and logit tracing on random 3-player 5x5x5 and 4-player 4x4x4x4 games.
//
//   bench_nplayer_mixed [seeds=5] [repeats=3]
//
// There is no installable peer for N-player mixed equilibria (Gambit's
// gambit-simpdiv and gambit-logit are not packaged here), so the table shows
// entente alone: per method and size, the median over seeds of the per-game
// median wall time, the largest regret reached (the certificate), and the
// work done (pivots or steps). Payoffs are uniform integers in [-9, 9]
// (games::random_game, seeds 0..seeds-1); the tolerance is 1e-8.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <tuple>
#include <vector>

#include "entente/games/generators.hpp"
#include "entente/solvers/logit.hpp"
#include "entente/solvers/simpdiv.hpp"

namespace {

using namespace entente;
using Clock = std::chrono::steady_clock;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct Row {
  std::vector<double> seconds;  // one per game: the median over repeats
  double worst_regret = 0;
  std::vector<double> work;
  std::size_t converged = 0;
};

template <class Run>
void time_game(Row& row, int repeats, Run run) {
  std::vector<double> times;
  for (int k = 0; k < repeats; ++k) {
    const auto start = Clock::now();
    const auto [regret, work, converged] = run();
    times.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    if (k == 0) {
      row.worst_regret = std::max(row.worst_regret, regret);
      row.work.push_back(work);
      row.converged += converged ? 1 : 0;
    }
  }
  row.seconds.push_back(median(times));
}

void print(const char* size, const char* method, const Row& row, const char* work_name, std::size_t games) {
  std::printf("| %s | %s | %.4f s | %.4f s | %.1e | %.0f %s | %zu/%zu |\n", size, method, median(row.seconds),
              *std::max_element(row.seconds.begin(), row.seconds.end()), row.worst_regret, median(row.work),
              work_name, row.converged, games);
}

}  // namespace

int main(int argc, char** argv) {
  const int seeds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  constexpr double tolerance = 1e-8;
  std::printf("N-player mixed equilibria, %d random games per size (payoffs -9..9), median of %d runs each,\n"
              "tolerance %.0e. Times: median and slowest game; regret: the largest certificate.\n\n",
              seeds, repeats, tolerance);
  std::printf("| size | method | median time | slowest | worst regret | median work | converged |\n");
  std::printf("|---|---|---|---|---|---|---|\n");
  const std::vector<std::pair<const char*, std::vector<std::size_t>>> sizes{{"5x5x5", {5, 5, 5}},
                                                                             {"4x4x4x4", {4, 4, 4, 4}}};
  for (const auto& [name, shape] : sizes) {
    Row sd, sd_exact, lg;
    for (int seed = 0; seed < seeds; ++seed) {
      const auto exact = games::random_game<Rational>(shape, -9, 9, static_cast<std::uint64_t>(seed));
      const auto floating = exact.cast<double>();
      time_game(sd, repeats, [&] {
        SimpdivOptions<double> o;
        o.tolerance = tolerance;
        const auto r = simpdiv(floating, o);
        return std::tuple{r.equilibrium.regret, double(r.pivots), r.status == SimpdivStatus::converged};
      });
      time_game(sd_exact, 1, [&] {
        SimpdivOptions<Rational> o;
        o.tolerance = tolerance;
        const auto r = simpdiv(exact, o);
        return std::tuple{to_double(r.equilibrium.regret), double(r.pivots), r.status == SimpdivStatus::converged};
      });
      time_game(lg, repeats, [&] {
        LogitOptions o;
        o.tolerance = tolerance;
        const auto r = logit(floating, o);
        return std::tuple{r.equilibrium.regret, double(r.steps), r.status == LogitStatus::converged};
      });
    }
    print(name, "simpdiv", sd, "pivots", std::size_t(seeds));
    print(name, "simpdiv exact", sd_exact, "pivots", std::size_t(seeds));
    print(name, "logit", lg, "steps", std::size_t(seeds));
  }
  return 0;
}
