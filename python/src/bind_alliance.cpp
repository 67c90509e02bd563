// The alliance layer: entente.characteristic_function (an en.CoalitionalGame
// from a normal-form game) and entente.alliances (every bloc structure, its
// payoffs and stability). The computation is the C++ one in
// include/entente/alliance; this file converts and releases the GIL.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <pybind11/stl.h>

#include "common.hpp"
#include "sweep_result.hpp"
#include "entente/alliance/analysis.hpp"
#include "entente/alliance/compact_analysis.hpp"
#include "entente/scenario/alliance_sweep.hpp"
#include "entente/scenario/scenario.hpp"

namespace entente::python {

using namespace pybind11::literals;

namespace {

/// A deviation that breaks a notion, as plain data (built without the GIL).
struct DeviationRow {
  std::string notion;
  std::vector<std::size_t> who;
  std::vector<std::vector<std::size_t>> from, to;
  double gain = 0;
  std::optional<Rational> exact_gain;
  std::string text;
};

/// One partition as plain data (floating always, exact values too when exact).
struct PartitionRow {
  std::string label;
  std::vector<std::vector<std::size_t>> blocs;
  std::vector<double> payoffs, bloc_payoffs;
  std::vector<std::vector<double>> profile;
  std::string method, selection;
  double regret = 0;
  std::vector<std::pair<std::string, bool>> stable;
  std::vector<std::pair<std::string, std::optional<double>>> margins;
  std::vector<std::pair<std::string, std::optional<Rational>>> exact_margins;  ///< exact runs only
  std::vector<DeviationRow> blocked_by;
  std::optional<std::vector<Rational>> exact_payoffs;
};

/// A compact analysis' welfare-maximising structure (compact_welfare.hpp), as plain data.
struct WelfareRow {
  std::string label;
  std::vector<std::vector<std::size_t>> blocs;
  std::vector<double> bloc_values;
  double value = 0, upper_bound = 0, certificate = 0;
  std::string status, algorithm;
};

/// The result of en.alliances, converted once.
struct PyAllianceResult {
  std::vector<std::string> players;
  std::string value, split, status;
  std::vector<PartitionRow> rows;
  std::vector<double> shapley, banzhaf;
  std::optional<std::vector<Rational>> exact_shapley, exact_banzhaf;
  std::map<std::string, std::vector<std::size_t>> swing;
  std::vector<Rational> characteristic;  ///< exact values
  std::uint64_t total_partitions = 0;
  double seconds = 0;
  std::vector<std::string> notions;
  std::map<std::string, std::vector<std::size_t>> most_stable;  ///< row indices
  std::optional<WelfareRow> welfare;  ///< compact analyses only
  /// The analysis itself (one of the two), for bloc queries.
  std::shared_ptr<const AllianceAnalysis<double>> floating;
  std::shared_ptr<const AllianceAnalysis<Rational>> exact;
};

template <class Scalar>
std::vector<double> doubles(const std::vector<Scalar>& v) {
  std::vector<double> out;
  for (const auto& x : v) out.push_back(to_double(x));
  return out;
}

/// Exact values (a double converts exactly: its binary value).
template <class Scalar>
std::vector<Rational> rationals(const std::vector<Scalar>& v) {
  std::vector<Rational> out;
  for (const auto& x : v) out.push_back(scalar_cast<Rational>(x));
  return out;
}

template <class Scalar>
DeviationRow deviation_row(Stability s, const Deviation<Scalar>& d) {
  DeviationRow out{to_string(s), d.who, d.from.blocs(), d.to.blocs(), to_double(d.gain), std::nullopt, d.text};
  if constexpr (is_exact_v<Scalar>) out.exact_gain = d.gain;
  return out;
}

template <class Scalar>
PyAllianceResult convert(const AllianceAnalysis<Scalar>& a, const std::vector<std::string>& players) {
  PyAllianceResult out;
  out.players = players;
  out.value = to_string(a.characteristic.kind);
  out.split = to_string(a.split);
  out.status = to_string(a.status);
  out.total_partitions = a.total_partitions;
  out.seconds = a.seconds;
  for (const auto& r : a.partitions) {
    PartitionRow row;
    row.label = r.outcome.partition.to_string(players);
    row.blocs = r.outcome.partition.blocs();
    row.payoffs = doubles(r.outcome.payoffs);
    row.bloc_payoffs = doubles(r.outcome.bloc_payoffs);
    for (const auto& s : r.outcome.equilibrium.profile.strategies) row.profile.push_back(doubles(s));
    row.method = to_string(r.outcome.method);
    row.selection = to_string(r.outcome.selection);
    row.regret = to_double(r.outcome.equilibrium.regret);
    for (Stability s : a.notions) {
      row.stable.emplace_back(to_string(s), r.flags[s].value_or(false));
      const auto& m = r.flags.margin[std::size_t(s)];
      row.margins.emplace_back(to_string(s), m ? std::optional<double>(to_double(*m)) : std::nullopt);
      if constexpr (is_exact_v<Scalar>) row.exact_margins.emplace_back(to_string(s), m);
      if (const auto* why = r.flags.blocked_by(s)) row.blocked_by.push_back(deviation_row(s, *why));
    }
    if constexpr (is_exact_v<Scalar>) row.exact_payoffs = r.outcome.payoffs;
    out.rows.push_back(std::move(row));
  }
  out.shapley = doubles(a.shapley);
  out.banzhaf = doubles(a.banzhaf);
  if constexpr (is_exact_v<Scalar>) {
    out.exact_shapley = a.shapley;
    out.exact_banzhaf = a.banzhaf;
  }
  for (const auto& [notion, list] : a.swing_players) out.swing[to_string(notion)] = list;
  for (Stability s : a.notions) out.notions.push_back(to_string(s));
  for (const auto& [notion, list] : a.most_stable) out.most_stable[to_string(notion)] = list;
  out.characteristic = rationals(a.characteristic.game.values());
  return out;
}

// --- pickling (Dask sends a stability map's chunks back to the client) ------------
//
// The analysis itself is written field by field into bytes and read back,
// so an unpickled result answers bloc queries like the original. Exact
// numbers go as their "p/q" text.

class Archive {
 public:
  explicit Archive(std::string bytes = {}) : bytes_(std::move(bytes)) {}
  const std::string& bytes() const { return bytes_; }

  void put(std::uint64_t x) { bytes_.append(reinterpret_cast<const char*>(&x), sizeof x); }
  void put(double x) { bytes_.append(reinterpret_cast<const char*>(&x), sizeof x); }
  void put(bool x) { put(std::uint64_t(x)); }
  void put(const std::string& x) {
    put(std::uint64_t(x.size()));
    bytes_ += x;
  }
  void put(const Rational& x) { put(to_string(x)); }
  void put(const Partition& p) { put(p.bloc_of()); }
  template <class T>
  void put(const std::vector<T>& v) {
    put(std::uint64_t(v.size()));
    for (const auto& x : v) put(x);
  }
  template <class T>
  void put(const std::optional<T>& x) {
    put(x.has_value());
    if (x) put(*x);
  }

  template <class T>
  T get() {
    if constexpr (std::is_same_v<T, std::uint64_t> || std::is_same_v<T, double>) {
      T x{};
      if (at_ + sizeof x > bytes_.size()) throw InvalidArgument("a pickled entente.AllianceResult is corrupt");
      std::memcpy(&x, bytes_.data() + at_, sizeof x);
      at_ += sizeof x;
      return x;
    } else if constexpr (std::is_same_v<T, bool>) {
      return get<std::uint64_t>() != 0;
    } else if constexpr (std::is_same_v<T, std::size_t> || std::is_same_v<T, Coalition>) {
      return T(get<std::uint64_t>());
    } else if constexpr (std::is_same_v<T, std::string>) {
      const auto size = get<std::uint64_t>();
      if (at_ + size > bytes_.size()) throw InvalidArgument("a pickled entente.AllianceResult is corrupt");
      std::string x = bytes_.substr(at_, size);
      at_ += size;
      return x;
    } else if constexpr (std::is_same_v<T, Rational>) {
      return Rational(get<std::string>());
    } else if constexpr (std::is_same_v<T, Partition>) {
      return Partition(get<std::vector<std::size_t>>());
    } else {
      return get_container<T>();
    }
  }

 private:
  template <class T>
  T get_container() {
    if constexpr (requires { typename T::value_type; T().push_back(std::declval<typename T::value_type>()); }) {
      T v;
      const auto size = get<std::uint64_t>();
      for (std::uint64_t k = 0; k < size; ++k) v.push_back(get<typename T::value_type>());
      return v;
    } else {
      if (!get<bool>()) return std::nullopt;
      return get<typename T::value_type>();
    }
  }

  std::string bytes_;
  std::size_t at_ = 0;
};

// Coalitions (32-bit) go as the archive's 64-bit integers.
template <>
void Archive::put(const std::vector<Coalition>& v) {
  put(std::uint64_t(v.size()));
  for (Coalition c : v) put(std::uint64_t(c));
}

template <class Scalar>
std::string save(const AllianceAnalysis<Scalar>& a) {
  Archive out;
  const auto& v = a.characteristic.game;
  out.put(std::uint64_t(v.n()));
  out.put(v.values());
  out.put(v.players());
  out.put(std::uint64_t(a.characteristic.kind));
  out.put(a.characteristic.gamma_fallback);
  out.put(std::uint64_t(a.split));
  out.put(std::uint64_t(a.notions.size()));
  for (Stability s : a.notions) out.put(std::uint64_t(s));
  out.put(std::uint64_t(a.partitions.size()));
  for (const auto& r : a.partitions) {
    const auto& o = r.outcome;
    out.put(o.partition);
    out.put(o.equilibrium.profile.strategies);
    out.put(o.equilibrium.payoffs);
    out.put(o.equilibrium.regret);
    out.put(std::uint64_t(o.method));
    out.put(to_string(o.selection));
    out.put(o.bloc_payoffs);
    out.put(o.payoffs);
    for (std::size_t k = 0; k < kStabilityNotions; ++k) {
      out.put(r.flags.stable[k]);
      out.put(r.flags.margin[k]);
      const auto& d = r.flags.deviation[k];
      out.put(d.has_value());
      if (d) {
        out.put(d->who);
        out.put(d->from);
        out.put(d->to);
        out.put(d->gain);
        out.put(d->text);
      }
    }
  }
  out.put(a.shapley);
  out.put(a.banzhaf);
  for (const auto* table : {&a.swing_players, &a.most_stable}) {
    out.put(std::uint64_t(table->size()));
    for (const auto& [notion, list] : *table) {
      out.put(std::uint64_t(notion));
      out.put(list);
    }
  }
  out.put(a.tolerance);
  out.put(std::uint64_t(a.status));
  out.put(std::uint64_t(a.total_partitions));
  out.put(a.seconds);
  return out.bytes();
}

template <class Scalar>
AllianceAnalysis<Scalar> load(Archive& in) {
  const auto n = in.get<std::size_t>();
  auto values = in.get<std::vector<Scalar>>();
  auto players = in.get<std::vector<std::string>>();
  CharacteristicFunction<Scalar> characteristic{CoalitionalGame<Scalar>(n, std::move(values), std::move(players)),
                                                CharacteristicKind(in.get<std::uint64_t>()), {}};
  characteristic.gamma_fallback = in.get<std::vector<Coalition>>();
  AllianceAnalysis<Scalar> a{std::move(characteristic), BlocSplit(in.get<std::uint64_t>())};
  const auto notions = in.get<std::uint64_t>();
  for (std::uint64_t k = 0; k < notions; ++k) a.notions.push_back(Stability(in.get<std::uint64_t>()));
  const auto partitions = in.get<std::uint64_t>();
  for (std::uint64_t p = 0; p < partitions; ++p) {
    PartitionRecord<Scalar> r{BlocOutcome<Scalar>{in.get<Partition>()}, {}};
    auto& o = r.outcome;
    o.equilibrium.profile.strategies = in.get<std::vector<std::vector<Scalar>>>();
    o.equilibrium.payoffs = in.get<std::vector<Scalar>>();
    o.equilibrium.regret = in.get<Scalar>();
    o.method = Method(in.get<std::uint64_t>());
    o.selection = Selection::parse(in.get<std::string>());
    o.bloc_payoffs = in.get<std::vector<Scalar>>();
    o.payoffs = in.get<std::vector<Scalar>>();
    for (std::size_t k = 0; k < kStabilityNotions; ++k) {
      r.flags.stable[k] = in.get<std::optional<bool>>();
      r.flags.margin[k] = in.get<std::optional<Scalar>>();
      if (in.get<bool>()) {
        Deviation<Scalar> d{in.get<std::vector<std::size_t>>(), in.get<Partition>(), in.get<Partition>(),
                            in.get<Scalar>(), in.get<std::string>()};
        r.flags.deviation[k] = std::move(d);
      }
    }
    a.partitions.push_back(std::move(r));
  }
  a.shapley = in.get<std::vector<Scalar>>();
  a.banzhaf = in.get<std::vector<Scalar>>();
  for (auto* table : {&a.swing_players, &a.most_stable}) {
    const auto size = in.get<std::uint64_t>();
    for (std::uint64_t k = 0; k < size; ++k) {
      const Stability notion = Stability(in.get<std::uint64_t>());
      (*table)[notion] = in.get<std::vector<std::size_t>>();
    }
  }
  a.tolerance = in.get<Scalar>();
  a.status = AllianceStatus(in.get<std::uint64_t>());
  a.total_partitions = in.get<std::uint64_t>();
  a.seconds = in.get<double>();
  return a;
}

/// The Python result of an analysis: converted, and keeping the analysis
/// for bloc queries.
template <class Scalar>
PyAllianceResult result_of(AllianceAnalysis<Scalar> analysis, const std::vector<std::string>& players) {
  auto a = std::make_shared<const AllianceAnalysis<Scalar>>(std::move(analysis));
  PyAllianceResult out = convert(*a, players);
  if constexpr (is_exact_v<Scalar>) out.exact = std::move(a);
  else out.floating = std::move(a);
  return out;
}

template <class Scalar>
WelfareRow welfare_row(const WelfareStructure<Scalar>& w, const std::vector<std::string>& players) {
  return {w.search.structure.to_string(players),
          w.search.structure.blocs(),
          doubles(w.bloc_values),
          to_double(w.search.value),
          to_double(w.search.upper_bound),
          to_double(w.certificate),
          to_string(w.search.status),
          to_string(w.search.algorithm)};
}

/// A compact analysis: the dense result and its welfare-maximising structure.
PyAllianceResult result_of(CompactAllianceAnalysis<double> analysis, const std::vector<std::string>& players) {
  WelfareRow welfare = welfare_row(analysis.welfare, players);
  PyAllianceResult out = result_of(AllianceAnalysis<double>(std::move(analysis)), players);
  out.welfare = std::move(welfare);
  return out;
}

std::string save(const WelfareRow& w) {
  Archive out;
  out.put(w.label);
  out.put(w.blocs);
  out.put(w.bloc_values);
  for (double x : {w.value, w.upper_bound, w.certificate}) out.put(x);
  out.put(w.status);
  out.put(w.algorithm);
  return out.bytes();
}

WelfareRow load_welfare(Archive& in) {
  WelfareRow w;
  w.label = in.get<std::string>();
  w.blocs = in.get<std::vector<std::vector<std::size_t>>>();
  w.bloc_values = in.get<std::vector<double>>();
  for (double* x : {&w.value, &w.upper_bound, &w.certificate}) *x = in.get<double>();
  w.status = in.get<std::string>();
  w.algorithm = in.get<std::string>();
  return w;
}

py::tuple pickle_result(const PyAllianceResult& r) {
  const bool exact = r.exact != nullptr;
  return py::make_tuple(exact, r.players, py::bytes(exact ? save(*r.exact) : save(*r.floating)),
                        r.welfare ? py::object(py::bytes(save(*r.welfare))) : py::object(py::none()));
}

PyAllianceResult unpickle_result(const py::tuple& t) {
  if (t.size() != 4) throw InvalidArgument("a pickled entente.AllianceResult holds 4 fields");
  Archive in(t[2].cast<std::string>());
  const auto players = t[1].cast<std::vector<std::string>>();
  PyAllianceResult out = t[0].cast<bool>() ? result_of(load<Rational>(in), players) : result_of(load<double>(in), players);
  if (!t[3].is_none()) {
    Archive welfare(t[3].cast<std::string>());
    out.welfare = load_welfare(welfare);
  }
  return out;
}

/// An en.CoalitionalGame built through its Python constructor from exact
/// values (Fractions), so that this file needs nothing private to bind_coop.cpp.
py::object make_coalitional(std::size_t n, const std::vector<Rational>& values,
                            const std::vector<std::string>& players) {
  py::object cls = py::module_::import("entente._core").attr("CoalitionalGame");
  return cls(n, values, to_text(players));
}

std::vector<std::string> read_notions(const py::object& obj) {
  std::vector<std::string> out;
  if (obj.is_none()) return out;  // the default notions
  if (py::isinstance<py::str>(obj) || !py::isinstance<py::sequence>(obj))
    throw InvalidArgument("stability must be a list of notions: nash, individual, core, exclusive, farsighted");
  if (py::len(obj) == 0) throw InvalidArgument("stability: name at least one notion (None: the default ones)");
  for (py::handle item : obj) {
    if (!py::isinstance<py::str>(item)) throw InvalidArgument("stability notions must be strings");
    out.push_back(item.cast<std::string>());
  }
  return out;
}

py::object characteristic_function_py(const PyGame& game, const std::string& kind, bool exact) {
  const CharacteristicKind k = parse_characteristic_kind(kind);
  const std::vector<Rational> values = interruptible([&] {
    if (exact) return characteristic_function(game.exact, k).game.values();
    return rationals(characteristic_function(game.floating, k).game.values());
  });
  return make_coalitional(game.exact.num_players(), values, game.exact.players());
}

PyAllianceResult alliances_py(const PyGame& game, const std::string& value, const std::string& split,
                              const py::object& stability, bool exact, std::optional<double> time_limit,
                              std::size_t threads) {
  AllianceOptions options;
  options.threads = threads;
  options.value = parse_characteristic_kind(value);
  options.split = parse_bloc_split(split);
  options.stability.clear();
  for (const auto& s : read_notions(stability)) options.stability.push_back(parse_stability(s));
  options.time_limit_seconds = time_limit_of(time_limit);
  return interruptible([&] {
    if (exact) return result_of(analyse_alliances(game.exact, options), game.exact.players());
    return result_of(analyse_alliances(game.floating, options), game.exact.players());
  });
}

/// en.alliances on a CompactGame: the compact analysis (compact_analysis.hpp).
PyAllianceResult compact_alliances_py(const CompactGame<double>& game, const std::string& split,
                                      const py::object& stability, std::size_t max_bloc_size, std::size_t starts,
                                      std::uint64_t seed, std::optional<double> time_limit, std::size_t threads,
                                      std::size_t first_start, std::optional<std::size_t> num_starts,
                                      const std::string& welfare_algorithm) {
  CompactAllianceOptions options;
  options.welfare_algorithm = parse_coalition_structure_algorithm(welfare_algorithm);
  options.split = parse_bloc_split(split);
  for (const auto& s : read_notions(stability)) options.stability.push_back(parse_stability(s));
  options.max_bloc_size = max_bloc_size;
  options.starts = starts;
  options.seed = seed;
  options.time_limit_seconds = time_limit_of(time_limit);
  options.threads = threads;
  options.first_start = first_start;
  if (num_starts) options.num_starts = *num_starts;
  return interruptible([&] { return result_of(analyse_alliances(game, options), game.players()); });
}

/// One result from the runs of one compact search over consecutive slices
/// of its starts (merge_alliance_searches).
PyAllianceResult merge_alliance_searches_py(const std::vector<PyAllianceResult>& parts) {
  if (parts.empty()) throw InvalidArgument("merge: no results");
  std::vector<AllianceAnalysis<double>> analyses;
  for (const auto& r : parts) {
    if (!r.floating) throw InvalidArgument("merge: the results must be floating-point compact searches");
    analyses.push_back(*r.floating);
  }
  // Every slice computes the same welfare structure (compact_analysis.hpp).
  PyAllianceResult out = result_of(merge_alliance_searches(std::move(analyses)), parts.front().players);
  out.welfare = parts.front().welfare;
  return out;
}

/// Player indices from names or indices (ValueError for anything else).
std::vector<std::size_t> read_bloc(const PyAllianceResult& r, const py::object& bloc) {
  if (py::isinstance<py::str>(bloc) || !py::isinstance<py::sequence>(bloc))
    throw InvalidArgument("bloc must be a list of player names or indices");
  std::vector<std::size_t> out;
  for (py::handle item : bloc) {
    if (py::isinstance<py::str>(item)) {
      const std::string name = item.cast<std::string>();
      const auto it = std::find(r.players.begin(), r.players.end(), name);
      if (it == r.players.end()) throw InvalidArgument("bloc: no player named '" + name + "'");
      out.push_back(std::size_t(it - r.players.begin()));
    } else if (py::isinstance<py::int_>(item) && !py::isinstance<py::bool_>(item)) {
      const long long i = item.cast<long long>();
      if (i < 0 || std::size_t(i) >= r.players.size())
        throw InvalidArgument("bloc: player index " + std::to_string(i) + " out of range (" +
                              std::to_string(r.players.size()) + " players)");
      out.push_back(std::size_t(i));
    } else {
      throw InvalidArgument("bloc: players are names (str) or indices (int)");
    }
  }
  return out;
}

template <class Scalar>
py::dict bloc_dict(const PyAllianceResult& r, const AllianceAnalysis<Scalar>& a, const std::vector<std::size_t>& members) {
  const auto q = bloc_query(a, members);
  py::dict out;
  out["members"] = q.members;
  std::vector<std::string> names;
  for (std::size_t i : q.members) names.push_back(r.players[i]);
  out["names"] = names;
  for (const auto& [notion, standing] : q.notions) {
    py::dict d;
    d["stable"] = standing.stable;
    d["margin"] = standing.margin ? py::object(py::float_(to_double(*standing.margin))) : py::none();
    if constexpr (is_exact_v<Scalar>)
      d["exact_margin"] = standing.margin ? to_fraction(*standing.margin) : py::none();
    if (standing.partition) {
      d["partition"] = r.rows[*standing.partition].label;
      d["blocs"] = r.rows[*standing.partition].blocs;
    } else {
      d["partition"] = py::none();
      d["blocs"] = py::none();
    }
    out[py::str(to_string(notion))] = d;
  }
  return out;
}

py::dict bloc_py(const PyAllianceResult& r, const py::object& bloc) {
  const auto members = read_bloc(r, bloc);
  if (r.exact) return bloc_dict(r, *r.exact, members);
  return bloc_dict(r, *r.floating, members);
}

py::dict row_dict(const PartitionRow& row) {
  py::dict d;
  d["partition"] = row.label;
  d["blocs"] = row.blocs;
  d["num_blocs"] = row.blocs.size();
  d["payoffs"] = row.payoffs;
  d["bloc_payoffs"] = row.bloc_payoffs;
  py::dict stable, blocked;
  for (const auto& [name, flag] : row.stable) {
    stable[py::str(name)] = flag;
    d[py::str(name)] = flag;
  }
  for (const auto& why : row.blocked_by) {
    py::dict dev;
    dev["who"] = why.who;
    dev["from"] = why.from;
    dev["to"] = why.to;
    dev["gain"] = why.gain;
    if (why.exact_gain) dev["exact_gain"] = to_fraction(*why.exact_gain);
    dev["text"] = why.text;
    blocked[py::str(why.notion)] = dev;
  }
  py::dict margins;
  for (const auto& [name, m] : row.margins) margins[py::str(name)] = m ? py::object(py::float_(*m)) : py::none();
  d["stable"] = stable;
  d["margins"] = margins;
  if (!row.exact_margins.empty()) {
    py::dict exact;
    for (const auto& [name, m] : row.exact_margins) exact[py::str(name)] = m ? to_fraction(*m) : py::none();
    d["exact_margins"] = exact;
  }
  d["blocked_by"] = blocked;
  d["method"] = row.method;
  d["selection"] = row.selection;
  d["regret"] = row.regret;
  d["profile"] = row.profile;
  if (row.exact_payoffs) d["exact_payoffs"] = *row.exact_payoffs;
  return d;
}

const char* kCharacteristicDoc = R"doc(The TU coalitional game of a normal-form game: v(S) for every coalition.

A coalition's payoff is the sum of its members' payoffs (transferable
utility) and its strategies are its members' joint pure strategies.
v(empty) = 0 and v(N) is the largest total payoff.

Parameters
----------
game : Game
kind : {"alpha", "beta", "gamma"}
    ``alpha``: the value of the zero-sum game between S and its complement
    (what S can guarantee; Aumann & Peleg 1960), by linear programming.
    ``beta``: the complement commits first to a pure joint strategy and S
    best-replies (min over the complement's pure strategies of S's best
    payoff); always >= alpha. ``gamma``: S as one player against the
    others as individuals (Chander & Tulkens 1997; Hart & Kurz 1983), S's
    payoff at the pure equilibrium best for S, else Lemke-Howson with one
    outsider, else alpha.
exact : bool
    Compute in rationals (GLPK's exact simplex for the LPs).

Returns
-------
CoalitionalGame
    Bit i of a coalition mask is player i.

Examples
--------
>>> c = np.array([[[3, 1], [1, -1]], [[4, 2], [2, 0]]])   # public goods, player 0
>>> g = en.Game([c, c.transpose(1, 0, 2), c.transpose(2, 1, 0)])
>>> v = en.characteristic_function(g, kind="alpha", exact=True)
>>> v.exact_values()
[Fraction(0, 1), Fraction(0, 1), Fraction(0, 1), Fraction(2, 1), Fraction(0, 1), Fraction(2, 1), Fraction(2, 1), Fraction(9, 1)]
)doc";

const char* kAlliancesDoc = R"doc(Every bloc structure (partition of the players), its payoffs and stability.

For each partition the bloc game (each bloc one player with its members'
joint strategies and summed payoff) is solved through ``solve()``: pure
equilibria first (the one of largest total payoff), else with two blocs
the LP or Lemke-Howson, else the limiting logit equilibrium, certified to
1e-8 (method and selection are recorded per partition). What a bloc's
members get is ``split``: by default ``none``, no side payments, each
member keeps its own expected payoff at the bloc's joint play. Stability
(Bogomolnaia & Jackson 2002), each graded by a margin, the largest gain of
a permitted deviation (<= 0: stable; None: no deviation permitted):
``nash`` (any player moves to another bloc or alone), ``individual`` (...
unless the receiving bloc loses), ``exclusive`` (a move needs every
receiving member to gain), ``core`` (a group forms its own bloc; with
split none every member must gain), and ``farsighted`` (Chwe's largest
consistent set, delta-model moves; up to 7 players; not graded). Every
partition up to 10 players; beyond, a sampled heuristic (``status ==
"heuristic"``).

Parameters
----------
game : Game
value : {"alpha", "beta", "gamma"}
    The characteristic function behind the Shapley/Banzhaf values and the
    ``shapley``/``proportional`` splits.
split : {"none", "equal", "shapley", "proportional"}
stability : list of str, optional
    Any of "nash", "individual", "core", "exclusive", "farsighted". None
    (the default): all of them, farsighted only up to 7 players (beyond,
    asking for it is a ValueError).
exact : bool
    Rational arithmetic throughout.
time_limit : float, optional
    Seconds (> 0; None, the default: none); past it ``status == "time_limit"`` and the finished
    partitions are returned (farsighted is then not decided).
threads : int
    Threads solving the partitions' bloc games (0, the default: every core). The result is
    the same for any number.

Returns
-------
AllianceResult

Examples
--------
>>> c = np.array([[[3, 1], [1, -1]], [[4, 2], [2, 0]]])   # public goods, player 0
>>> g = en.Game([c, c.transpose(1, 0, 2), c.transpose(2, 1, 0)], players=["A", "B", "C"])
>>> r = en.alliances(g)
>>> [row["partition"] for row in r.records() if row["nash"]]
['{A,B}{C}', '{A,C}{B}', '{A}{B,C}']
>>> r.records()[0]["margins"]["nash"]   # the grand coalition: a free-rider gains 1 by leaving
1.0
>>> r.shapley
array([3., 3., 3.])
)doc";

const char* kCompactAlliancesDoc = R"doc(The alliance analysis of a compact game (many actors).

Blocs have at most ``max_bloc_size`` members (and 243 joint strategies);
the characteristic function is the gamma value of such coalitions (the
best split into them for larger ones); up to 7 actors every partition
into such blocs is analysed, beyond that a seeded local search: the
singletons, the grand coalition when allowed, and ``starts`` random
partitions, each followed by better-reply moves (``status ==
"heuristic"``). Margins range over the deviations that respect the cap
(docs/alliances.md, "Many actors"). ``first_start`` and ``num_starts``
select a slice of the starts; ``Scenario.alliances(client=...)`` runs
slices on a Dask cluster and merges them into the same result.
``welfare`` is the welfare-maximising structure of allowed blocs, found
by coalition structure generation (``welfare_algorithm``: ``"ip"`` or
``"dp"``) on the characteristic function, with its certificate.

Parameters
----------
game : CompactGame
split : {"none", "equal", "shapley", "proportional"}
stability : list of str, optional
max_bloc_size : int
starts : int
seed : int
time_limit : float, optional
threads : int
first_start, num_starts : int
welfare_algorithm : {"ip", "dp"}

Returns
-------
AllianceResult

Examples
--------
>>> s = en.Scenario.parse('''{"compact": true, "actors": [
...   {"name": "A", "strategies": [{"name": "x"}, {"name": "y"}]},
...   {"name": "B", "strategies": [{"name": "x"}, {"name": "y"}]},
...   {"name": "C", "strategies": [{"name": "x"}, {"name": "y"}]}],
...  "terms": [{"kind": "pairwise", "actor": "A", "strategy": "y", "other": "B", "other_strategy": "y", "value": 1},
...            {"kind": "pairwise", "actor": "B", "strategy": "y", "other": "A", "other_strategy": "y", "value": 1},
...            {"kind": "base", "actor": "C", "strategy": "y", "value": -1}]}''')
>>> r = en.alliances(s.compact_game(), max_bloc_size=2)
>>> r.status, r.value, len(r.records())   # every partition into blocs of at most 2
('complete', 'gamma', 4)
>>> r.welfare["partition"], r.welfare["value"], r.welfare["optimal"]
('{A}{B}{C}', 2.0, True)
)doc";

// --- stability maps ------------------------------------------------------------------

/// What Scenario.alliance_sweep returns: one AllianceResult per grid point,
/// with the points' values; `swept` and `shape` once placed on its grid (a
/// flat chunk has shape (n,)).
struct PyAllianceSweep {
  std::vector<PyAllianceResult> results;
  std::vector<std::string> parameters;  ///< every parameter, Scenario order
  std::vector<double> values;           ///< (n, P), row-major
  std::vector<std::string> swept;
  std::vector<std::size_t> shape;
  bool cancelled = false;
};

PyAllianceSweep alliance_sweep_points(const scenario::Scenario& s,
                                      const py::array_t<double, py::array::c_style | py::array::forcecast>& points,
                                      const std::string& value, const std::string& split, const py::object& stability,
                                      std::optional<double> time_limit, std::size_t threads,
                                      const py::object& callback, const py::dict& search) {
  const std::vector<std::vector<double>> rows = read_points(s, points);
  const std::size_t n = rows.size(), p = s.parameters().size();
  scenario::AllianceSweepOptions options;
  if (!search.empty() && !s.compact())
    throw InvalidArgument("max_bloc_size, starts, seed and welfare_algorithm apply to compact scenarios only");
  for (const auto& [key, item] : search) {
    const std::string name = key.cast<std::string>();
    if (name == "max_bloc_size") options.compact.max_bloc_size = item.cast<std::size_t>();
    else if (name == "starts") options.compact.starts = item.cast<std::size_t>();
    else if (name == "seed") options.compact.seed = item.cast<std::uint64_t>();
    else if (name == "welfare_algorithm")
      options.compact.welfare_algorithm = parse_coalition_structure_algorithm(item.cast<std::string>());
    else throw InvalidArgument("alliance_sweep: unknown search option '" + name + "'");
  }
  options.alliance.value = parse_characteristic_kind(value.empty() ? (s.compact() ? "gamma" : "alpha") : value);
  options.alliance.split = parse_bloc_split(split);
  const auto notions = read_notions(stability);
  if (!notions.empty()) options.alliance.stability.clear();
  for (const auto& name : notions) options.alliance.stability.push_back(parse_stability(name));
  options.alliance.time_limit_seconds = time_limit_of(time_limit);
  options.threads = threads;
  options.progress = progress_of(callback);
  PyAllianceSweep out;
  std::vector<std::string> players;
  for (const auto& a : s.actors()) players.push_back(a.name);
  for (const auto& q : s.parameters()) out.parameters.push_back(q.name);
  out.values.assign(points.data(), points.data() + n * p);
  out.shape = {n};
  out.results = interruptible([&] {
    auto done = scenario::alliance_sweep_points(s, rows, options, &out.cancelled);
    std::vector<PyAllianceResult> results;
    for (auto& point : done) {
      results.push_back(point.analysis ? result_of(std::move(*point.analysis), players) : PyAllianceResult{});
      if (point.welfare) results.back().welfare = welfare_row(*point.welfare, players);
    }
    return results;
  });
  return out;
}

/// The chunks' results as one, in chunk order.
PyAllianceSweep concatenate_sweeps(const std::vector<PyAllianceSweep>& parts) {
  if (parts.empty()) throw InvalidArgument("AllianceSweepResult._concatenate: no parts");
  PyAllianceSweep out = parts.front();
  for (std::size_t k = 1; k < parts.size(); ++k) {
    if (parts[k].parameters != out.parameters)
      throw InvalidArgument("AllianceSweepResult._concatenate: the parts come from different scenarios");
    out.results.insert(out.results.end(), parts[k].results.begin(), parts[k].results.end());
    out.values.insert(out.values.end(), parts[k].values.begin(), parts[k].values.end());
    out.cancelled = out.cancelled || parts[k].cancelled;
  }
  out.shape = {out.results.size()};
  return out;
}

PyAllianceSweep sweep_on_grid(const PyAllianceSweep& r, const std::vector<std::string>& swept,
                              const std::vector<std::size_t>& shape) {
  std::size_t n = 1;
  for (std::size_t d : shape) n *= d;
  if (swept.size() != shape.size() || n != r.results.size())
    throw InvalidArgument("AllianceSweepResult: the grid does not match the results");
  PyAllianceSweep out = r;
  out.swept = swept;
  out.shape = shape;
  return out;
}

/// An array of the sweep's grid shape from one number per point.
template <class T>
py::array_t<T> on_grid(const PyAllianceSweep& r, const std::vector<T>& flat) {
  std::vector<py::ssize_t> dims(r.shape.begin(), r.shape.end());
  py::array_t<T> out(dims);
  std::copy(flat.begin(), flat.end(), out.mutable_data());
  return out;
}

/// Per notion, where `bloc` is stable and its best margin (NaN where no
/// partition with it has one), over the grid.
py::dict sweep_bloc(const PyAllianceSweep& r, const py::object& bloc) {
  py::dict out;
  if (r.results.empty()) return out;
  std::map<std::string, std::pair<std::vector<bool>, std::vector<double>>> maps;
  for (const auto& result : r.results) {
    if (!result.floating && !result.exact) throw InvalidArgument("the sweep was cancelled before every point ran");
    const auto members = read_bloc(result, bloc);
    auto add = [&](const auto& analysis) {
      for (const auto& [notion, standing] : bloc_query(analysis, members).notions) {
        auto& [stable, margin] = maps[to_string(notion)];
        stable.push_back(standing.stable);
        margin.push_back(standing.margin ? to_double(*standing.margin) : std::numeric_limits<double>::quiet_NaN());
      }
    };
    result.exact ? add(*result.exact) : add(*result.floating);
  }
  for (const auto& [notion, lists] : maps) {
    std::vector<char> stable(lists.first.begin(), lists.first.end());
    py::array_t<bool> flags(std::vector<py::ssize_t>(r.shape.begin(), r.shape.end()));
    std::copy(stable.begin(), stable.end(), flags.mutable_data());
    out[py::str(notion)] = py::dict("stable"_a = flags, "margin"_a = on_grid(r, lists.second));
  }
  return out;
}

constexpr const char* kAllianceSweepDoc = R"doc(What ``Scenario.alliance_sweep`` returns: a stability map.

One ``AllianceResult`` per grid point, in grid order (the last axis
fastest), each exactly what ``en.alliances`` gives for the scenario's game
at those values.

Attributes
----------
parameters : list of str
    The swept parameters.
shape : tuple of int
    Values per swept parameter.
grid : dict
    Parameter name -> its value at every point (an array of ``shape``).
values : numpy.ndarray
    Every parameter at every point, ``(n, P)``.
results : list of AllianceResult
points : list of dict
    ``{"values": {name: value}, "result": AllianceResult}`` per point.
cancelled : bool

Examples
--------
>>> s = en.Scenario.parse('''{"actors": [
...   {"name": "A", "strategies": [{"name": "x"}, {"name": "y"}]},
...   {"name": "B", "strategies": [{"name": "x"}, {"name": "y"}]},
...   {"name": "C", "strategies": [{"name": "x"}, {"name": "y"}]}],
...  "parameters": [{"name": "p", "default": 1, "min": 0, "max": 2}],
...  "terms": [{"kind": "pairwise", "actor": "A", "strategy": "y", "other": "B", "other_strategy": "y", "value": "p"},
...            {"kind": "pairwise", "actor": "B", "strategy": "y", "other": "A", "other_strategy": "y", "value": "p"},
...            {"kind": "base", "actor": "C", "strategy": "y", "value": "p - 1"}]}''')
>>> m = s.alliance_sweep({"p": (0, 2, 3)}, progress=False)
>>> m.shape, len(m.results), m.results[0].status
((3,), 3, 'complete')
>>> m.bloc(["A", "B"])["nash"]["stable"]
array([ True,  True,  True])
)doc";

}  // namespace

void bind_alliance(py::module_& m) {
  m.def("characteristic_function", &characteristic_function_py, "game"_a, "kind"_a = "alpha", "exact"_a = false,
        kCharacteristicDoc);

  py::class_<PyAllianceResult> cls(m, "AllianceResult", R"doc(What ``en.alliances`` returns.

``records()`` gives one plain dict per partition (no pandas needed);
``shapley``, ``banzhaf`` (numpy) and ``swing_players`` summarise who holds
the balance.

Examples
--------
>>> c = np.array([[[3, 1], [1, -1]], [[4, 2], [2, 0]]])
>>> r = en.alliances(en.Game([c, c.transpose(1, 0, 2), c.transpose(2, 1, 0)]))
>>> r.status, len(r.records())
('complete', 5)
)doc");
  cls.def("records", [](const PyAllianceResult& r) {
    py::list out;
    for (const auto& row : r.rows) out.append(row_dict(row));
    return out;
  }, R"doc(One dict per partition, in the order of enumeration (grand coalition first).

Keys: ``partition`` (a label), ``blocs`` (lists of player indices),
``num_blocs``, ``payoffs`` (one per player), ``bloc_payoffs``, ``stable``
(notion -> bool) and each notion as its own key, ``margins`` (notion ->
the largest gain of a permitted deviation, None when none is permitted or
for farsighted), ``blocked_by`` (notion -> the deviation that breaks it: a
dict with ``who``, ``from`` and ``to`` (blocs), ``gain`` and ``text``),
``method``, ``regret``, ``profile`` (the bloc equilibrium) and, when
exact, ``exact_payoffs`` and ``exact_margins`` (Fractions).

Examples
--------
>>> c = np.array([[[3, 1], [1, -1]], [[4, 2], [2, 0]]])
>>> r = en.alliances(en.Game([c, c.transpose(1, 0, 2), c.transpose(2, 1, 0)]))
>>> r.records()[0]["payoffs"]
[3.0, 3.0, 3.0]
)doc");
  cls.def("bloc", &bloc_py, "bloc"_a, R"doc(What the analysis says about one bloc, per notion.

Parameters
----------
bloc : list of str or int
    Player names or indices.

Returns
-------
dict
    ``members`` (indices, ascending), ``names``, and per notion a dict:
    ``stable`` (some stable partition has exactly this bloc), ``partition``
    and ``blocs`` (the best partition with the bloc: a stable one if any,
    then the smallest margin), ``margin`` (its margin; None when no
    deviation is permitted, or for farsighted) and, when exact,
    ``exact_margin``.

Examples
--------
>>> c = np.array([[[3, 1], [1, -1]], [[4, 2], [2, 0]]])
>>> r = en.alliances(en.Game([c, c.transpose(1, 0, 2), c.transpose(2, 1, 0)], players=["A", "B", "C"]))
>>> q = r.bloc(["A", "B"])
>>> q["nash"]["stable"], q["nash"]["partition"], q["nash"]["margin"]
(True, '{A,B}{C}', 0.0)
)doc");
  cls.def_property_readonly("notions", [](const PyAllianceResult& r) { return r.notions; },
                            "The stability notions checked.");
  cls.def_property_readonly("most_stable", [](const PyAllianceResult& r) {
    py::dict out;
    for (const auto& [notion, list] : r.most_stable) {
      py::list labels;
      for (std::size_t k : list) labels.append(r.rows[k].label);
      out[py::str(notion)] = labels;
    }
    return out;
  }, "Per graded notion that no partition satisfies: the partitions of smallest margin (labels).");
  cls.def_property_readonly("players", [](const PyAllianceResult& r) { return r.players; }, "Player names.");
  cls.def_property_readonly("value", [](const PyAllianceResult& r) { return r.value; },
                            "The characteristic function used: alpha, beta or gamma.");
  cls.def_property_readonly("split", [](const PyAllianceResult& r) { return r.split; }, "The split rule.");
  cls.def_property_readonly("status", [](const PyAllianceResult& r) { return r.status; },
                            "complete, heuristic or time_limit.");
  cls.def_property_readonly("total_partitions", [](const PyAllianceResult& r) { return r.total_partitions; },
                            "B(n), the number of partitions of the players.");
  cls.def_property_readonly("seconds", [](const PyAllianceResult& r) { return r.seconds; }, "Wall time of the analysis.");
  cls.def_property_readonly("shapley", [](const PyAllianceResult& r) { return to_numpy(r.shapley); },
                            "Shapley value of the characteristic function (numpy).");
  cls.def_property_readonly("banzhaf", [](const PyAllianceResult& r) { return to_numpy(r.banzhaf); },
                            "Raw Banzhaf value of the characteristic function (numpy).");
  cls.def_property_readonly("exact_shapley", [](const PyAllianceResult& r) { return r.exact_shapley; },
                            "Shapley value as fractions.Fraction when exact, else None.");
  cls.def_property_readonly("exact_banzhaf", [](const PyAllianceResult& r) { return r.exact_banzhaf; },
                            "Banzhaf value as fractions.Fraction when exact, else None.");
  cls.def_property_readonly("swing_players", [](const PyAllianceResult& r) { return r.swing; },
                            "Notion -> players (indices) for whom two stable partitions differ only in "
                            "their bloc.");
  cls.def_property_readonly("characteristic", [](const PyAllianceResult& r) {
    return make_coalitional(r.players.size(), r.characteristic, r.players);
  }, "The characteristic function as an en.CoalitionalGame.");
  cls.def_property_readonly("welfare", [](const PyAllianceResult& r) -> py::object {
    if (!r.welfare) return py::none();
    const auto& w = *r.welfare;
    py::dict out;
    out["partition"] = w.label;
    out["blocs"] = w.blocs;
    out["bloc_values"] = w.bloc_values;
    out["value"] = w.value;
    out["upper_bound"] = w.upper_bound;
    out["optimal"] = w.status == "optimal";
    out["status"] = w.status;
    out["algorithm"] = w.algorithm;
    out["certificate"] = w.certificate;
    return out;
  }, R"doc(A compact game's welfare-maximising bloc structure, else None.

A dict: ``partition`` (a label), ``blocs`` (lists of player indices, each
an allowed bloc), ``bloc_values`` (v of each bloc), ``value`` (the
search's), ``upper_bound``, ``optimal`` (proven: status ``optimal``),
``status`` (``optimal`` or ``time_limit``), ``algorithm`` (``ip`` or
``dp``) and ``certificate`` (the sum of v over the blocs, recomputed).
)doc");
  cls.def("__repr__", [](const PyAllianceResult& r) {
    return "<AllianceResult " + std::to_string(r.players.size()) + " players, " + std::to_string(r.rows.size()) +
           " partitions, value " + r.value + ", split " + r.split + ", " + r.status + ">";
  });

  cls.def(py::pickle(&pickle_result, &unpickle_result));

  py::class_<PyAllianceSweep> sweep(m, "AllianceSweepResult", kAllianceSweepDoc);
  sweep.def_property_readonly("parameters", [](const PyAllianceSweep& r) { return r.swept; });
  sweep.def_property_readonly("shape", [](const PyAllianceSweep& r) { return py::tuple(py::cast(r.shape)); });
  sweep.def_property_readonly("grid", [](const PyAllianceSweep& r) {
    py::dict out;
    const std::size_t p = r.parameters.size();
    for (const auto& name : r.swept) {
      const auto j = std::size_t(std::find(r.parameters.begin(), r.parameters.end(), name) - r.parameters.begin());
      std::vector<double> column;
      for (std::size_t k = 0; k < r.results.size(); ++k) column.push_back(r.values[k * p + j]);
      out[py::str(name)] = on_grid(r, column);
    }
    return out;
  });
  sweep.def_property_readonly("values", [](const PyAllianceSweep& r) {
    py::array_t<double> out({py::ssize_t(r.results.size()), py::ssize_t(r.parameters.size())});
    std::copy(r.values.begin(), r.values.end(), out.mutable_data());
    return out;
  });
  sweep.def_readonly("results", &PyAllianceSweep::results);
  sweep.def_property_readonly("points", [](const PyAllianceSweep& r) {
    py::list out;
    const std::size_t p = r.parameters.size();
    for (std::size_t k = 0; k < r.results.size(); ++k) {
      py::dict values;
      for (std::size_t j = 0; j < p; ++j) values[py::str(r.parameters[j])] = r.values[k * p + j];
      out.append(py::dict("values"_a = values, "result"_a = r.results[k]));
    }
    return out;
  });
  sweep.def_readonly("cancelled", &PyAllianceSweep::cancelled);
  sweep.def("bloc", &sweep_bloc, "bloc"_a, R"doc(Where one bloc is stable over the grid, per notion.

Parameters
----------
bloc : list of str or int
    Player names or indices, as for ``AllianceResult.bloc``.

Returns
-------
dict
    Notion -> ``{"stable": bool array of shape, "margin": float array}``:
    at each point, whether some stable partition has exactly this bloc and
    the best margin of the partitions with it (NaN where none has one).

Examples
--------
>>> s = en.Scenario.parse('''{"actors": [
...   {"name": "A", "strategies": [{"name": "x"}, {"name": "y"}]},
...   {"name": "B", "strategies": [{"name": "x"}, {"name": "y"}]},
...   {"name": "C", "strategies": [{"name": "x"}, {"name": "y"}]}],
...  "parameters": [{"name": "p", "default": 1, "min": 0, "max": 2}],
...  "terms": [{"kind": "pairwise", "actor": "A", "strategy": "y", "other": "B", "other_strategy": "y", "value": "p"},
...            {"kind": "pairwise", "actor": "B", "strategy": "y", "other": "A", "other_strategy": "y", "value": "p"},
...            {"kind": "base", "actor": "C", "strategy": "y", "value": "p - 1"}]}''')
>>> m = s.alliance_sweep({"p": (0, 2, 3)}, progress=False)
>>> sorted(m.bloc([0, 1]))
['core', 'exclusive', 'farsighted', 'individual', 'nash']
)doc");
  sweep.def("__len__", [](const PyAllianceSweep& r) { return r.results.size(); });
  sweep.def("__repr__", [](const PyAllianceSweep& r) {
    return "<AllianceSweepResult: " + std::to_string(r.results.size()) + " points" +
           (r.cancelled ? ", cancelled>" : ">");
  });
  sweep.def_static("_concatenate", &concatenate_sweeps, "parts"_a);
  sweep.def("_on_grid", &sweep_on_grid, "parameters"_a, "shape"_a);
  sweep.def(py::pickle(
      [](const PyAllianceSweep& r) {
        py::list results;
        for (const auto& x : r.results) results.append(pickle_result(x));
        return py::make_tuple(results, r.parameters, r.values, r.swept, r.shape, r.cancelled);
      },
      [](const py::tuple& t) {
        if (t.size() != 6) throw InvalidArgument("a pickled entente.AllianceSweepResult holds 6 fields");
        PyAllianceSweep r;
        for (py::handle x : t[0]) r.results.push_back(unpickle_result(py::reinterpret_borrow<py::tuple>(x)));
        r.parameters = t[1].cast<std::vector<std::string>>();
        r.values = t[2].cast<std::vector<double>>();
        r.swept = t[3].cast<std::vector<std::string>>();
        r.shape = t[4].cast<std::vector<std::size_t>>();
        r.cancelled = t[5].cast<bool>();
        return r;
      }));
  m.def("_alliance_sweep_points", &alliance_sweep_points, "scenario"_a, "points"_a, "value"_a, "split"_a,
        "stability"_a, "time_limit"_a, "threads"_a, "callback"_a, "search"_a = py::dict());

  m.def("alliances", &alliances_py, "game"_a, "value"_a = "alpha", "split"_a = "none", "stability"_a = py::none(),
        "exact"_a = false,
        "time_limit"_a = py::none(), "threads"_a = 0, kAlliancesDoc);
  m.def("alliances", &compact_alliances_py, "game"_a, "split"_a = "none", "stability"_a = py::none(),
        "max_bloc_size"_a = 2, "starts"_a = 8, "seed"_a = 0, "time_limit"_a = py::none(), "threads"_a = 0,
        "first_start"_a = 0, "num_starts"_a = py::none(), "welfare_algorithm"_a = "ip", kCompactAlliancesDoc);
  m.def("_merge_alliance_searches", &merge_alliance_searches_py, "parts"_a,
        "One AllianceResult from compact searches over consecutive slices of the same starts.");
}

}  // namespace entente::python
