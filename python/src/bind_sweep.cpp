// entente.SweepResult and its records: a sweep's points as columns in C++,
// read from Python as numpy views of that memory (see sweep_result.hpp).
// Python's part of a sweep (python/entente/_scenario.py) is only the tqdm
// bar and the Dask chunks; their results are put together here.
#include "sweep_result.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <functional>
#include <limits>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/stl.h>

namespace entente::python {

using namespace pybind11::literals;

SweepColumns sweep_columns(const scenario::Scenario& s, const std::vector<std::vector<double>>& values,
                           const std::vector<scenario::SweepPoint>& points, const std::string& method,
                           const std::string& selection, bool cancelled) {
  SweepColumns c;
  for (const auto& a : s.actors()) c.actors.push_back(a.name);
  for (const auto& p : s.parameters()) c.parameters.push_back(p.name);
  c.strategy_counts = s.shape();
  c.method = method;
  c.selection = selection;
  c.cancelled = cancelled;
  const std::size_t actors = c.actors.size();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t k = 0; k < points.size(); ++k) {
    const auto& point = points[k];
    c.values.insert(c.values.end(), values[k].begin(), values[k].end());
    const auto first = point.payoffs();
    const auto modal = point.modal_strategies();
    for (std::size_t i = 0; i < actors; ++i) {
      c.payoffs.push_back(first.empty() ? nan : first[i]);
      c.strategy.push_back(modal.empty() ? -1 : static_cast<long long>(modal[i]));
    }
    c.count.push_back(static_cast<long long>(point.equilibria.size()));
    c.regret.push_back(point.regret());
    c.continued.push_back(point.continued ? 1 : 0);
    for (const auto& eq : point.equilibria) {
      for (const auto& probabilities : eq.profile.strategies)
        c.eq_profiles.insert(c.eq_profiles.end(), probabilities.begin(), probabilities.end());
      c.eq_payoffs.insert(c.eq_payoffs.end(), eq.payoffs.begin(), eq.payoffs.end());
      c.eq_regret.push_back(eq.regret);
    }
    c.eq_offsets.push_back(static_cast<long long>(c.eq_regret.size()));
    const bool solved = point.correlated && point.correlated->status == Status::optimal;
    c.ce_kind.push_back(!point.correlated ? 0 : !solved ? -1 : point.correlated->coarse ? 2 : 1);
    c.ce_gain.push_back(solved ? point.correlated->regret : nan);
    for (std::size_t i = 0; i < actors; ++i) c.ce_payoffs.push_back(solved ? point.correlated->payoffs[i] : nan);
    if (point.correlated)
      for (const auto& atom : point.correlated->distribution) {
        for (std::size_t i = 0; i < actors; ++i) c.ce_profiles.push_back(static_cast<long long>(atom.profile[i]));
        c.ce_probabilities.push_back(atom.probability);
      }
    c.ce_offsets.push_back(static_cast<long long>(c.ce_probabilities.size()));
  }
  return c;
}

std::vector<std::vector<double>> read_points(
    const scenario::Scenario& s, const py::array_t<double, py::array::c_style | py::array::forcecast>& points) {
  const std::size_t p = s.parameters().size();
  if (points.ndim() != 2 || static_cast<std::size_t>(points.shape(1)) != p)
    throw InvalidArgument("points must be an (n, " + std::to_string(p) + ") array, one column per parameter");
  const std::size_t n = static_cast<std::size_t>(points.shape(0));
  if (n > scenario::kMaxSweepPoints)
    throw InvalidArgument("sweep too large: more than " + std::to_string(scenario::kMaxSweepPoints) + " points");
  std::vector<std::vector<double>> rows(n);
  for (std::size_t k = 0; k < n; ++k) rows[k].assign(points.data() + k * p, points.data() + (k + 1) * p);
  return rows;
}

std::function<void(std::size_t, std::size_t)> progress_of(const py::object& callback) {
  // Only the bar's callback: with none, the sweep need not take the GIL.
  if (callback.is_none()) return {};
  return [&callback](std::size_t done, std::size_t total) {
    py::gil_scoped_acquire acquire;
    callback(done, total);
  };
}

namespace {

/// A read-only numpy view of `count` elements' worth of `data`, kept alive
/// by `owner`; `step` is the distance between consecutive elements along
/// the last axis, in elements (C order otherwise).
template <class T>
py::array view(py::handle owner, const T* data, const std::vector<std::size_t>& shape, std::size_t step = 1,
               py::dtype dtype = py::dtype::of<T>()) {
  std::vector<py::ssize_t> dims(shape.begin(), shape.end()), strides(shape.size());
  py::ssize_t stride = static_cast<py::ssize_t>(step * sizeof(T));
  for (std::size_t d = shape.size(); d-- > 0;) {
    strides[d] = stride;
    stride *= dims[d];
  }
  py::array out(dtype, dims, strides, data, owner);
  py::detail::array_proxy(out.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
  return out;
}

std::vector<std::size_t> with(std::vector<std::size_t> shape, std::size_t last) {
  shape.push_back(last);
  return shape;
}

/// Entries [lo, hi) of `data` as a fresh 1-d float64 array.
py::array_t<double> slice_of(const std::vector<double>& data, std::size_t lo, std::size_t hi) {
  return to_numpy(std::vector<double>(data.begin() + static_cast<std::ptrdiff_t>(lo),
                                      data.begin() + static_cast<std::ptrdiff_t>(hi)));
}

/// Point k as a plain dict: its values, equilibria and correlated equilibrium.
py::dict record(const SweepColumns& c, std::size_t k) {
  const std::size_t actors = c.actors.size(), p = c.parameters.size();
  const std::size_t width = std::accumulate(c.strategy_counts.begin(), c.strategy_counts.end(), std::size_t(0));
  py::dict values;
  for (std::size_t j = 0; j < p; ++j) values[py::str(c.parameters[j])] = c.values[k * p + j];
  py::list equilibria;
  for (auto e = static_cast<std::size_t>(c.eq_offsets[k]); e < static_cast<std::size_t>(c.eq_offsets[k + 1]); ++e) {
    py::list profile;
    std::size_t column = e * width;
    for (std::size_t n_i : c.strategy_counts) {
      profile.append(slice_of(c.eq_profiles, column, column + n_i));
      column += n_i;
    }
    equilibria.append(py::dict("profile"_a = profile, "payoffs"_a = slice_of(c.eq_payoffs, e * actors, (e + 1) * actors),
                               "regret"_a = c.eq_regret[e]));
  }
  py::object correlated = py::none();
  if (const long long kind = c.ce_kind[k]; kind != 0) {
    const auto lo = static_cast<std::size_t>(c.ce_offsets[k]), hi = static_cast<std::size_t>(c.ce_offsets[k + 1]);
    py::list profiles;
    for (std::size_t a = lo; a < hi; ++a) {
      py::tuple t(actors);
      for (std::size_t i = 0; i < actors; ++i) t[i] = c.ce_profiles[a * actors + i];
      profiles.append(t);
    }
    correlated = py::dict(
        "coarse"_a = kind == 2, "solved"_a = kind > 0, "profiles"_a = profiles,
        "probabilities"_a = slice_of(c.ce_probabilities, lo, hi),
        "payoffs"_a = slice_of(c.ce_payoffs, k * actors, (k + 1) * actors), "regret"_a = c.ce_gain[k]);
  }
  return py::dict("values"_a = values, "equilibria"_a = equilibria, "correlated"_a = correlated);
}

/// The per-point records of a sweep, built on access.
struct PySweepRecords {
  std::shared_ptr<const SweepColumns> columns;
};

// --- pickling (Dask sends chunks' results back to the client) ---------------------

template <class T>
py::bytes to_bytes(const std::vector<T>& v) {
  return py::bytes(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

template <class T>
std::vector<T> from_bytes(const py::handle& b) {
  const std::string raw = b.cast<std::string>();
  if (raw.size() % sizeof(T) != 0) throw InvalidArgument("a pickled entente.SweepResult is corrupt");
  std::vector<T> out(raw.size() / sizeof(T));
  if (!raw.empty()) std::memcpy(out.data(), raw.data(), raw.size());
  return out;
}

py::tuple pickle(const PySweep& r) {
  const SweepColumns& c = *r.columns;
  return py::make_tuple(c.actors, c.parameters, c.strategy_counts, c.method, c.selection, c.cancelled, r.swept, r.shape,
                        py::make_tuple(to_bytes(c.values), to_bytes(c.payoffs), to_bytes(c.regret),
                                       to_bytes(c.eq_profiles), to_bytes(c.eq_payoffs), to_bytes(c.eq_regret),
                                       to_bytes(c.ce_probabilities), to_bytes(c.ce_payoffs), to_bytes(c.ce_gain)),
                        py::make_tuple(to_bytes(c.strategy), to_bytes(c.count), to_bytes(c.eq_offsets),
                                       to_bytes(c.ce_offsets), to_bytes(c.ce_kind), to_bytes(c.ce_profiles)),
                        to_bytes(c.continued));
}

PySweep unpickle(const py::tuple& t) {
  if (t.size() != 11) throw InvalidArgument("a pickled entente.SweepResult holds 11 fields");
  auto c = std::make_shared<SweepColumns>();
  c->actors = t[0].cast<std::vector<std::string>>();
  c->parameters = t[1].cast<std::vector<std::string>>();
  c->strategy_counts = t[2].cast<std::vector<std::size_t>>();
  c->method = t[3].cast<std::string>();
  c->selection = t[4].cast<std::string>();
  c->cancelled = t[5].cast<bool>();
  const py::tuple reals = t[8], integers = t[9];
  for (auto [field, k] : {std::pair{&SweepColumns::values, 0}, {&SweepColumns::payoffs, 1}, {&SweepColumns::regret, 2},
                          {&SweepColumns::eq_profiles, 3}, {&SweepColumns::eq_payoffs, 4}, {&SweepColumns::eq_regret, 5},
                          {&SweepColumns::ce_probabilities, 6}, {&SweepColumns::ce_payoffs, 7},
                          {&SweepColumns::ce_gain, 8}})
    (*c).*field = from_bytes<double>(reals[k]);
  for (auto [field, k] : {std::pair{&SweepColumns::strategy, 0}, {&SweepColumns::count, 1},
                          {&SweepColumns::eq_offsets, 2}, {&SweepColumns::ce_offsets, 3}, {&SweepColumns::ce_kind, 4},
                          {&SweepColumns::ce_profiles, 5}})
    (*c).*field = from_bytes<long long>(integers[k]);
  c->continued = from_bytes<unsigned char>(t[10]);
  return PySweep{std::move(c), t[6].cast<std::vector<std::string>>(), t[7].cast<std::vector<std::size_t>>()};
}

/// The chunks' results as one, in chunk order (offsets shifted).
PySweep concatenate(const std::vector<PySweep>& parts) {
  if (parts.empty()) throw InvalidArgument("SweepResult._concatenate: no parts");
  auto c = std::make_shared<SweepColumns>(*parts.front().columns);
  for (std::size_t k = 1; k < parts.size(); ++k) {
    const SweepColumns& part = *parts[k].columns;
    if (part.actors != c->actors || part.parameters != c->parameters || part.strategy_counts != c->strategy_counts)
      throw InvalidArgument("SweepResult._concatenate: the parts come from different scenarios");
    auto append = [](auto& to, const auto& from) { to.insert(to.end(), from.begin(), from.end()); };
    auto append_offsets = [](std::vector<long long>& to, const std::vector<long long>& from) {
      const long long shift = to.back();
      for (std::size_t j = 1; j < from.size(); ++j) to.push_back(from[j] + shift);
    };
    for (auto field : {&SweepColumns::values, &SweepColumns::payoffs, &SweepColumns::regret, &SweepColumns::eq_profiles,
                       &SweepColumns::eq_payoffs, &SweepColumns::eq_regret, &SweepColumns::ce_probabilities,
                       &SweepColumns::ce_payoffs, &SweepColumns::ce_gain})
      append((*c).*field, part.*field);
    for (auto field : {&SweepColumns::strategy, &SweepColumns::count, &SweepColumns::ce_kind, &SweepColumns::ce_profiles})
      append((*c).*field, part.*field);
    append(c->continued, part.continued);
    append_offsets(c->eq_offsets, part.eq_offsets);
    append_offsets(c->ce_offsets, part.ce_offsets);
    c->cancelled = c->cancelled || part.cancelled;
  }
  const std::size_t n = c->size();
  return PySweep{std::move(c), {}, {n}};
}

/// `r` placed on its grid: `swept` parameters, `shape` values per axis.
PySweep on_grid(const PySweep& r, const std::vector<std::string>& swept, const std::vector<std::size_t>& shape) {
  if (swept.size() != shape.size()) throw InvalidArgument("SweepResult: one size per swept parameter");
  const std::size_t n = std::accumulate(shape.begin(), shape.end(), std::size_t(1), std::multiplies<>());
  if (n != r.columns->size())
    throw InvalidArgument("SweepResult: a grid of " + std::to_string(n) + " points for " +
                          std::to_string(r.columns->size()) + " results");
  for (const auto& name : swept)
    if (std::find(r.columns->parameters.begin(), r.columns->parameters.end(), name) == r.columns->parameters.end())
      throw InvalidArgument("SweepResult: unknown parameter '" + name + "'");
  return PySweep{r.columns, swept, shape};
}

py::dict grid_of(py::handle self, const PySweep& r) {
  const SweepColumns& c = *r.columns;
  py::dict out;
  for (const auto& name : r.swept) {
    const auto j = static_cast<std::size_t>(std::find(c.parameters.begin(), c.parameters.end(), name) - c.parameters.begin());
    out[py::str(name)] = view(self, c.values.data() + j, r.shape, c.parameters.size());
  }
  return out;
}

constexpr const char* kSweepResultDoc = R"doc(What ``Scenario.sweep`` returns: every grid point's selected equilibrium.

The arrays are read-only numpy views of the C++ result (no copy); the
grid's axes come first in each, in the order of the grid given to ``sweep``
(the last varies fastest). The result also reads as a mapping of these
names, ``r["payoffs"]`` being ``r.payoffs``.

Attributes
----------
parameters : list of str
    The swept parameters, in grid order.
shape : tuple of int
    Values per swept parameter.
grid : dict
    Parameter name -> its value at every point (an array of ``shape``).
values : numpy.ndarray
    Every parameter at every point, ``(n, P)`` in ``Scenario.parameters`` order.
payoffs : numpy.ndarray
    The selected equilibrium's payoff per actor, ``shape + (A,)``; NaN where
    there is none.
strategy : numpy.ndarray
    Each actor's most likely strategy in it (int64), ``-1`` where none.
count : numpy.ndarray
    Equilibria kept at each point.
regret : numpy.ndarray
    The selected equilibrium's regret certificate.
continued : numpy.ndarray
    True where the equilibrium was continued from the previous point's.
actors : list of str
method : str
selection : str
cancelled : bool
    The sweep was stopped early (Ctrl-C); points not reached have no equilibrium.
records : SweepRecords
    Per point, in grid order, a dict ``{"values", "equilibria",
    "correlated"}`` built on access.

Examples
--------
>>> s = en.Scenario.parse('''{"actors": [
...   {"name": "A", "strategies": [{"name": "x"}, {"name": "y"}]},
...   {"name": "B", "strategies": [{"name": "u"}, {"name": "v"}]}],
...  "parameters": [{"name": "p", "default": 1, "min": 0, "max": 2}],
...  "terms": [{"kind": "base", "actor": "A", "strategy": "y", "value": "p - 1"},
...            {"kind": "base", "actor": "B", "strategy": "v", "value": 1}]}''')
>>> r = s.sweep({"p": (0, 2, 3)}, progress=False)
>>> r, r.payoffs.flags.writeable
(<SweepResult: 3 points (3), method auto>, False)
>>> r.payoffs[-1], r["strategy"][-1]
(array([1., 1.]), array([1, 1]))
)doc";

}  // namespace

void bind_sweep_result(py::module_& m) {
  py::class_<PySweepRecords> records(m, "SweepRecords", R"doc(Per-point records of a sweep, in grid order, built on access.

Each is a dict with ``values`` (parameter -> value), ``equilibria`` (a list
of dicts with ``profile``, one probability array per actor, ``payoffs`` and
``regret``) and ``correlated`` (None, or a dict with ``coarse``, ``solved``,
``profiles``, ``probabilities``, ``payoffs`` and ``regret``). Indexing takes
ints (negative from the end) and slices; iteration goes in grid order.

Examples
--------
>>> s = en.Scenario.parse('''{"actors": [
...   {"name": "A", "strategies": [{"name": "x"}, {"name": "y"}]},
...   {"name": "B", "strategies": [{"name": "u"}, {"name": "v"}]}],
...  "parameters": [{"name": "p", "default": 1, "min": 0, "max": 2}],
...  "terms": [{"kind": "base", "actor": "A", "strategy": "y", "value": "p - 1"},
...            {"kind": "base", "actor": "B", "strategy": "v", "value": 1}]}''')
>>> r = s.sweep({"p": (0, 2, 3)}, progress=False)
>>> r.records[-1]["values"], r.records[-1]["equilibria"][0]["regret"]
({'p': 2.0}, 0.0)
)doc");
  records.def("__len__", [](const PySweepRecords& r) { return r.columns->size(); });
  records.def("__getitem__", [](const PySweepRecords& r, long long k) {
    const auto n = static_cast<long long>(r.columns->size());
    if (k < -n || k >= n) throw py::index_error("record " + std::to_string(k) + " out of range for " + std::to_string(n) + " points");
    return record(*r.columns, static_cast<std::size_t>(k < 0 ? k + n : k));
  }, "index"_a);
  records.def("__getitem__", [](const PySweepRecords& r, const py::slice& slice) {
    std::size_t start = 0, stop = 0, step = 0, length = 0;
    if (!slice.compute(r.columns->size(), &start, &stop, &step, &length)) throw py::error_already_set();
    py::list out;
    for (std::size_t k = 0; k < length; ++k, start += step) out.append(record(*r.columns, start));
    return out;
  }, "index"_a);
  records.def("__repr__", [](const PySweepRecords& r) { return "<SweepRecords: " + std::to_string(r.columns->size()) + " points>"; });

  py::class_<PySweep> cls(m, "SweepResult", kSweepResultDoc);
  cls.def_property_readonly("parameters", [](const PySweep& r) { return r.swept; });
  cls.def_property_readonly("shape", [](const PySweep& r) { return py::tuple(py::cast(r.shape)); });
  cls.def_property_readonly("grid", [](py::object self) { return grid_of(self, self.cast<const PySweep&>()); });
  cls.def_property_readonly("values", [](py::object self) {
    const SweepColumns& c = *self.cast<const PySweep&>().columns;
    return view(self, c.values.data(), {c.size(), c.parameters.size()});
  });
  cls.def_property_readonly("payoffs", [](py::object self) {
    const PySweep& r = self.cast<const PySweep&>();
    return view(self, r.columns->payoffs.data(), with(r.shape, r.columns->actors.size()));
  });
  cls.def_property_readonly("strategy", [](py::object self) {
    const PySweep& r = self.cast<const PySweep&>();
    return view(self, r.columns->strategy.data(), with(r.shape, r.columns->actors.size()), 1, py::dtype("int64"));
  });
  cls.def_property_readonly("count", [](py::object self) {
    const PySweep& r = self.cast<const PySweep&>();
    return view(self, r.columns->count.data(), r.shape, 1, py::dtype("int64"));
  });
  cls.def_property_readonly("regret", [](py::object self) {
    const PySweep& r = self.cast<const PySweep&>();
    return view(self, r.columns->regret.data(), r.shape);
  });
  cls.def_property_readonly("continued", [](py::object self) {
    const PySweep& r = self.cast<const PySweep&>();
    return view(self, r.columns->continued.data(), r.shape, 1, py::dtype("bool"));
  });
  cls.def_property_readonly("actors", [](const PySweep& r) { return to_text(r.columns->actors); });
  cls.def_property_readonly("method", [](const PySweep& r) { return r.columns->method; });
  cls.def_property_readonly("selection", [](const PySweep& r) { return r.columns->selection; });
  cls.def_property_readonly("cancelled", [](const PySweep& r) { return r.columns->cancelled; });
  cls.def_property_readonly("records", [](const PySweep& r) { return PySweepRecords{r.columns}; });
  static const std::vector<std::string> keys{"parameters", "shape",  "grid",    "values",  "payoffs",
                                             "strategy",   "count",  "regret",  "continued", "actors",
                                             "method",     "selection", "records", "cancelled"};
  cls.def("keys", [](const PySweep&) { return keys; }, "The names the result reads as a mapping.");
  cls.def("__getitem__", [](py::object self, const std::string& key) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) throw py::key_error(key);
    return self.attr(key.c_str());
  }, "key"_a);
  cls.def("__contains__", [](const PySweep&, const std::string& key) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
  }, "key"_a);
  cls.def("__len__", [](const PySweep& r) { return r.columns->size(); }, "The number of points.");
  cls.def("__repr__", [](const PySweep& r) {
    std::string shape;
    for (std::size_t k = 0; k < r.shape.size(); ++k) shape += (k ? " x " : "") + std::to_string(r.shape[k]);
    return "<SweepResult: " + std::to_string(r.columns->size()) + " points (" + shape + "), method " +
           r.columns->method + (r.columns->cancelled ? ", cancelled>" : ">");
  });
  cls.def_static("_concatenate", &concatenate, "parts"_a);
  cls.def("_on_grid", &on_grid, "parameters"_a, "shape"_a);
  cls.def(py::pickle(&pickle, &unpickle));
}

}  // namespace entente::python
