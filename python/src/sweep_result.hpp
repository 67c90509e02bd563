// Private to the Python module: entente.SweepResult, what Scenario.sweep
// returns. A sweep's points are kept in C++ as columns (one flat vector per
// quantity, offsets for the per-point lists of equilibria and atoms), and
// Python reads them as read-only numpy views that share that memory.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common.hpp"
#include "entente/scenario/scenario.hpp"
#include "entente/scenario/sweep.hpp"

namespace entente::python {

/// One flat vector per quantity, rows in point order. Per point: values
/// (P), payoffs, strategy, ce_payoffs (A each), count, regret, continued,
/// ce_kind, ce_gain; eq_offsets and ce_offsets (n + 1) index the rows of
/// eq_profiles (one probability per strategy of every actor), eq_payoffs,
/// eq_regret, and of ce_profiles (A) and ce_probabilities.
struct SweepColumns {
  std::vector<std::string> actors, parameters;
  std::vector<std::size_t> strategy_counts;
  std::string method, selection;
  bool cancelled = false;
  std::vector<double> values, payoffs, regret, eq_profiles, eq_payoffs, eq_regret, ce_probabilities, ce_payoffs,
      ce_gain;
  std::vector<long long> strategy, count, eq_offsets{0}, ce_offsets{0}, ce_kind, ce_profiles;
  std::vector<unsigned char> continued;  // numpy bool

  std::size_t size() const { return count.size(); }
};

/// The columns of `points` (full parameter vectors `values`, one per point).
SweepColumns sweep_columns(const scenario::Scenario& s, const std::vector<std::vector<double>>& values,
                           const std::vector<scenario::SweepPoint>& points, const std::string& method,
                           const std::string& selection, bool cancelled);

/// entente.SweepResult: the columns and, once placed on its grid, the swept
/// parameters and the grid's shape (a flat chunk has shape (n,)).
struct PySweep {
  std::shared_ptr<const SweepColumns> columns;
  std::vector<std::string> swept;
  std::vector<std::size_t> shape;
};

/// The rows of `points`, an (n, P) array of full parameter vectors of `s`
/// (one column per parameter); InvalidArgument for another shape or more
/// than kMaxSweepPoints rows.
std::vector<std::vector<double>> read_points(
    const scenario::Scenario& s, const py::array_t<double, py::array::c_style | py::array::forcecast>& points);

/// Python's progress `callback(done, total)` as a sweep's progress, called
/// with the GIL taken; empty for None. It refers to `callback`, which must
/// outlive the sweep.
std::function<void(std::size_t, std::size_t)> progress_of(const py::object& callback);

void bind_sweep_result(py::module_& m);

}  // namespace entente::python
