// All extreme equilibria: entente (exact and floating) against lrslib's
// lrsnash on the same seeded random games, in one run.
//
//   bench_enumeration [repeats=3] [games_per_size=4] [sizes=8,10,12,14]
//
// Each game (payoffs uniform integers 0..99, the same for all three) is
// solved `repeats` times by each contender; the per-game median wall time
// is kept and the table prints their sum per size. lrsnash runs as a
// subprocess on the same game file (as lrsnash_oracle.hpp writes it); its
// wall time is the whole process, nothing subtracted, and the user+system
// time it prints about itself is shown beside it. Equilibrium counts of all
// three are printed, with "same" when entente's exact set equals lrsnash's
// exactly. Then Lemke-Howson on 100x100 and 300x300 games.
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "entente/solvers/lemke_howson.hpp"
#include "entente/solvers/vertex_enumeration.hpp"
#include "lrsnash_oracle.hpp"

namespace {

using namespace entente;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

Mat<Rational> random_payoffs(std::mt19937_64& rng, int m, int n) {
  std::uniform_int_distribution<int> dist(0, 99);
  Mat<Rational> out(m, n);
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) out(i, j) = dist(rng);
  return out;
}

std::string first_line_of(const std::string& path, const std::string& key) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key, 0) == 0) return line.substr(line.find(':') + 2);
  return "?";
}

void print_environment() {
  utsname uts{};
  uname(&uts);
  double load[3] = {0, 0, 0};
  if (FILE* f = std::fopen("/proc/loadavg", "r")) {
    if (std::fscanf(f, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3) load[0] = -1;
    std::fclose(f);
  }
  std::printf("CPU: %s, %ld cores online; %s %s\n", first_line_of("/proc/cpuinfo", "model name").c_str(),
              sysconf(_SC_NPROCESSORS_ONLN), uts.sysname, uts.release);
  std::printf("compiler: %s; load average at start %.2f %.2f %.2f\n", __VERSION__, load[0], load[1], load[2]);
}

struct Row {
  int size = 0, games = 0;
  double exact = 0, floating = 0, lrs_wall = 0, lrs_own = 0;
  std::size_t eq_exact = 0, eq_float = 0, eq_lrs = 0, bases = 0;
  bool same = true;
};

}  // namespace

int main(int argc, char** argv) {
  const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
  const int games_per_size = argc > 2 ? std::max(1, std::atoi(argv[2])) : 4;
  std::vector<int> sizes{8, 10, 12, 14};
  if (argc > 3) {
    sizes.clear();
    std::stringstream list(argv[3]);
    for (std::string item; std::getline(list, item, ',');) sizes.push_back(std::stoi(item));
  }
  if (!testing::lrsnash_available()) {
    std::fprintf(stderr, "lrsnash not found at %s (Debian package lrslib)\n", testing::lrsnash_path());
    return 1;
  }
  print_environment();
  {
    Mat<Rational> one = Mat<Rational>::Ones(1, 1);
    auto probe = testing::run_lrsnash(one, one);
    std::istringstream lines(probe.output);
    std::string line;
    while (std::getline(lines, line) && line.rfind("*lrsnash", 0) != 0) {
    }
    std::printf("peer: %s\n", line.empty() ? "lrsnash (version unknown)" : line.c_str() + 1);
  }
  std::printf("%d games per size, payoffs 0..99, median of %d runs per game, times summed over the games\n\n",
              games_per_size, repeats);

  std::vector<Row> rows;
  for (int size : sizes) {
    Row row;
    row.size = size;
    row.games = games_per_size;
    std::mt19937_64 rng(0xE17E17E + std::uint64_t(size));
    for (int game_index = 0; game_index < games_per_size; ++game_index) {
      Mat<Rational> a = random_payoffs(rng, size, size), b = random_payoffs(rng, size, size);
      const Game<Rational> exact_game = bimatrix_game<Rational>(a, b);
      const Game<double> float_game = exact_game.cast<double>();
      std::vector<double> t_exact, t_float, t_wall, t_own;
      ExtremeEquilibria<Rational> exact;
      ExtremeEquilibria<double> floating;
      testing::LrsnashResult lrs;
      for (int r = 0; r < repeats; ++r) {
        auto start = Clock::now();
        exact = enumerate_extreme_equilibria(exact_game);
        t_exact.push_back(seconds_since(start));
        start = Clock::now();
        floating = enumerate_extreme_equilibria(float_game);
        t_float.push_back(seconds_since(start));
        lrs = testing::run_lrsnash(a, b);
        t_wall.push_back(lrs.wall_seconds);
        t_own.push_back(lrs.reported_seconds);
      }
      row.exact += median(t_exact);
      row.floating += median(t_float);
      row.lrs_wall += median(t_wall);
      row.lrs_own += median(t_own);
      row.eq_exact += exact.equilibria.size();
      row.eq_float += floating.equilibria.size();
      row.eq_lrs += lrs.equilibria.size();
      row.bases += exact.stats.row_bases + exact.stats.column_bases;
      std::vector<testing::RationalPair> mine;
      for (const auto& eq : exact.equilibria) mine.emplace_back(eq.profile[0], eq.profile[1]);
      std::sort(mine.begin(), mine.end());
      row.same = row.same && mine == lrs.equilibria;
    }
    rows.push_back(row);
    std::fflush(stdout);
    std::fprintf(stderr, "  %dx%d done\n", size, size);
  }

  std::printf("\n%-6s %9s %9s %9s %9s | %8s %8s | %8s %8s | %15s %5s | %8s\n", "size", "exact s", "float s",
              "lrs wall", "lrs own", "exact/", "float/", "exact/", "float/", "equilibria", "sets", "bases");
  std::printf("%-6s %9s %9s %9s %9s | %8s %8s | %8s %8s | %15s %5s | %8s\n", "", "", "", "", "", "lrs wall",
              "lrs wall", "lrs own", "lrs own", "exact/float/lrs", "", "P+Q");
  for (const Row& r : rows) {
    char eqs[64];
    std::snprintf(eqs, sizeof eqs, "%zu/%zu/%zu", r.eq_exact, r.eq_float, r.eq_lrs);
    std::printf("%-6s %9.4f %9.4f %9.4f %9.4f | %7.2fx %7.3fx | %7.2fx %7.3fx | %15s %5s | %8zu\n",
                (std::to_string(r.size) + "x" + std::to_string(r.size)).c_str(), r.exact, r.floating, r.lrs_wall,
                r.lrs_own, r.exact / r.lrs_wall, r.floating / r.lrs_wall, r.exact / r.lrs_own,
                r.floating / r.lrs_own, eqs, r.same ? "same" : "DIFF", r.bases);
  }
  std::printf("lrs wall: the lrsnash process as waited for (start-up and file I/O included, nothing "
              "subtracted); lrs own: the user+system time lrsnash prints about itself.\n");

  // Lemke-Howson's path length varies wildly from label to label on the
  // same game (a heavy tail: a few pivots or tens of thousands), so each
  // label is timed on its own, with a pivot limit that is reported if hit.
  std::printf("\nLemke-Howson, payoffs 0..99, one game per size, labels 0..3, limit %d pivots\n", 1000000);
  std::printf("%-8s %6s %12s %12s\n", "size", "label", "double s", "exact s");
  for (int size : {100, 300}) {
    std::mt19937_64 rng(0x1E3E + std::uint64_t(size));
    Mat<Rational> a = random_payoffs(rng, size, size), b = random_payoffs(rng, size, size);
    const Game<Rational> exact_game = bimatrix_game<Rational>(a, b);
    const Game<double> float_game = exact_game.cast<double>();
    LemkeHowsonOptions options;
    options.max_pivots = 1000000;
    for (std::size_t label = 0; label < 4; ++label) {
      auto timed = [&](const auto& game) -> std::string {
        auto start = Clock::now();
        try {
          (void)lemke_howson(game, label, options);
        } catch (const SolverError&) {
          return "limit";
        }
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.4f", seconds_since(start));
        return buf;
      };
      const std::string exact_time = size <= 100 ? timed(exact_game) : std::string("-");
      std::printf("%-8s %6zu %12s %12s\n", (std::to_string(size) + "x" + std::to_string(size)).c_str(), label,
                  timed(float_game).c_str(), exact_time.c_str());
    }
  }
  return 0;
}
