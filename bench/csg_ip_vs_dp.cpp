// Coalition structure generation: Rahwan et al.'s IP against plain dynamic
// programming (docs/benchmarks.md, "Coalition structure generation").
//
//   cmake --build build --target csg_ip_vs_dp && build/bench/csg_ip_vs_dp [games] [n ...]
//
// For each number of players (12, 14, 16, 18, 20 by default) and each value
// distribution of Rahwan et al.'s experiments (JAIR 34, 2009: uniform |C| U(0,1),
// normal |C| N(1, 0.1^2), and their NDCS, N(|C|, |C|)), `games` seeded
// games (3 by default) are solved by dp and by ip, in floating point. The
// times are summed over the games; the ip's value is checked equal to dp's
// (the program exits 1 otherwise), and its ratio is the value of the best
// structure the ip had found when half its own time had passed (a second
// run with that time limit) over the optimum: what stopping it early gives.
// Each run is one run: dp at 20 players compares 1.7e9 splits, so this is
// run by hand, never as a test.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "entente/coop/coalition_structure.hpp"
#include "entente/games/random_coalitional.hpp"

namespace {

using Clock = std::chrono::steady_clock;

template <class F>
double seconds(F&& f) {
  const auto start = Clock::now();
  f();
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace entente;
  const int count = argc > 1 ? std::atoi(argv[1]) : 3;
  std::vector<std::size_t> sizes;
  for (int k = 2; k < argc; ++k) sizes.push_back(std::size_t(std::atoi(argv[k])));
  if (sizes.empty()) sizes = {12, 14, 16, 18, 20};
  if (count < 1) {
    std::fprintf(stderr, "usage: csg_ip_vs_dp [games >= 1] [n ...]\n");
    return 2;
  }

  std::printf("| n | values | dp | ip | dp / ip | ip structures valued | ip subspaces searched / pruned | "
              "ratio at half the ip's time |\n");
  std::printf("|---|---|---|---|---|---|---|---|\n");
  for (std::size_t n : sizes)
    for (auto d : {games::CoalitionValueDistribution::uniform, games::CoalitionValueDistribution::normal,
                   games::CoalitionValueDistribution::ndcs}) {
      double dp_time = 0, ip_time = 0, worst_ratio = 1;
      std::uint64_t structures = 0;
      std::size_t searched = 0, pruned = 0;
      for (int g = 0; g < count; ++g) {
        const auto game = games::random_coalitional_game<double>(n, d, 1000 + std::uint64_t(g));
        CoalitionStructure<double> dp, ip;
        CoalitionStructureOptions o;
        o.algorithm = CoalitionStructureAlgorithm::dp;
        dp_time += seconds([&] { dp = optimal_coalition_structure(game, o); });
        o.algorithm = CoalitionStructureAlgorithm::ip;
        const double t = seconds([&] { ip = optimal_coalition_structure(game, o); });
        ip_time += t;
        if (std::abs(ip.value - dp.value) > 1e-9 * std::max(1.0, std::abs(dp.value))) {
          std::fprintf(stderr, "ip and dp differ at n = %zu, %s, game %d: %.17g != %.17g\n", n,
                       games::to_string(d).c_str(), g, ip.value, dp.value);
          return 1;
        }
        structures += ip.counters.structures;
        searched += ip.counters.subspaces_searched;
        pruned += ip.counters.subspaces_pruned;
        o.time_limit_seconds = t / 2;
        const auto early = optimal_coalition_structure(game, o);
        worst_ratio = std::min(worst_ratio, early.value / dp.value);
      }
      std::printf("| %zu | %s | %.3g s | %.3g s | %.3g | %.3g | %zu / %zu | %.4f |\n", n, games::to_string(d).c_str(),
                  dp_time, ip_time, dp_time / ip_time, double(structures), searched, pruned, worst_ratio);
      std::fflush(stdout);
    }
  return 0;
}
