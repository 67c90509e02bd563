// lrslib's lrsnash as an oracle: writes a bimatrix game in its input format,
// runs /usr/bin/lrsnash, and parses every extreme equilibrium it prints into
// exact rational profiles. No GoogleTest here, so the benchmark can use it;
// tests call lrsnash_available() and GTEST_SKIP when it is false.
//
// Input (lrslib 7.1, "lrsnash" in the lrslib user guide): "m n", a blank
// line, the m rows of A, a blank line, the m rows of B; entries may be p/q.
// Output, by experiment with lrslib 7.1: blocks separated by blank lines;
// in a block, each "2 y_1 .. y_n v" line is a column strategy with the row
// player's payoff, each "1 x_1 .. x_m u" line a row strategy with the column
// player's payoff, and every (x, y) of a block is an extreme equilibrium
// (a degenerate game gives several "2" lines per block). Lines starting
// with '*' are comments; "*Number of equilibria found: N" counts the pairs.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "entente/fwd.hpp"
#include "entente/scalar.hpp"

namespace entente::testing {

inline const char* lrsnash_path() { return "/usr/bin/lrsnash"; }

inline bool lrsnash_available() { return ::access(lrsnash_path(), X_OK) == 0; }

/// An extreme equilibrium as lrsnash prints it: (x, y), exact.
using RationalPair = std::pair<std::vector<Rational>, std::vector<Rational>>;

struct LrsnashResult {
  std::vector<RationalPair> equilibria;  ///< sorted, each once
  long reported_count = -1;              ///< its "*Number of equilibria found"
  double wall_seconds = 0;               ///< the whole process, as the caller waits for it
  double reported_seconds = -1;          ///< user + system seconds lrsnash prints (-1: none)
  std::string output;                    ///< everything it printed
};

/// The game in lrsnash's input format.
inline std::string lrsnash_input(const Mat<Rational>& a, const Mat<Rational>& b) {
  std::ostringstream out;
  out << a.rows() << ' ' << a.cols() << "\n\n";
  for (const auto* m : {&a, &b}) {
    for (Eigen::Index i = 0; i < m->rows(); ++i) {
      for (Eigen::Index j = 0; j < m->cols(); ++j) out << (j ? " " : "") << (*m)(i, j).get_str();
      out << '\n';
    }
    out << '\n';
  }
  return out.str();
}

/// Parses lrsnash's output (see the top of this file).
inline LrsnashResult parse_lrsnash_output(const std::string& text) {
  LrsnashResult result;
  result.output = text;
  std::vector<std::vector<Rational>> columns, rows;
  auto flush = [&] {
    for (const auto& x : rows)
      for (const auto& y : columns) result.equilibria.emplace_back(x, y);
    columns.clear();
    rows.clear();
  };
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("*Number of equilibria found:", 0) == 0) {
      result.reported_count = std::stol(line.substr(28));
      continue;
    }
    // "*0.351u 0.004s 2656Kb ..." : user and system seconds.
    if (line.size() > 1 && line[0] == '*' && (std::isdigit(static_cast<unsigned char>(line[1])) != 0)) {
      double user = 0, sys = 0;
      if (std::sscanf(line.c_str(), "*%lfu %lfs", &user, &sys) == 2) result.reported_seconds = user + sys;
      continue;
    }
    if (line.empty() || line[0] == '*') {
      if (line.empty()) flush();
      continue;
    }
    std::istringstream fields(line);
    std::string player, token;
    fields >> player;
    std::vector<Rational> values;
    while (fields >> token) values.push_back(parse_rational(token));
    if (values.empty() || (player != "1" && player != "2"))
      throw std::runtime_error("unexpected lrsnash line: " + line);
    values.pop_back();  // the other player's payoff
    (player == "1" ? rows : columns).push_back(std::move(values));
  }
  flush();
  std::sort(result.equilibria.begin(), result.equilibria.end());
  result.equilibria.erase(std::unique(result.equilibria.begin(), result.equilibria.end()), result.equilibria.end());
  return result;
}

/// Runs lrsnash on the game (A, B); throws std::runtime_error when it cannot.
inline LrsnashResult run_lrsnash(const Mat<Rational>& a, const Mat<Rational>& b) {
  char path[] = "/tmp/entente_lrsnash_XXXXXX";
  const int fd = ::mkstemp(path);
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  ::close(fd);
  {
    std::ofstream file(path);
    file << lrsnash_input(a, b);
  }
  const std::string command = std::string(lrsnash_path()) + " " + path + " 2>&1";
  const auto start = std::chrono::steady_clock::now();
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) {
    std::remove(path);
    throw std::runtime_error("cannot run " + command);
  }
  std::string text;
  char buffer[4096];
  std::size_t got;
  while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) text.append(buffer, got);
  const int status = ::pclose(pipe);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::remove(path);
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("lrsnash failed:\n" + text);
  LrsnashResult result = parse_lrsnash_output(text);
  result.wall_seconds = seconds;
  return result;
}

}  // namespace entente::testing
