// entente.Game: the exact game with its floating twin, numpy in and out.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "common.hpp"
#include "entente/io/nfg.hpp"
#include "entente/io/text.hpp"

namespace entente::python {

using namespace pybind11::literals;

// --- numbers ------------------------------------------------------------------

double nearest_double(const Rational& q) {
  const double d = to_double(q);
  if (!std::isfinite(d) || std::abs(d) == std::numeric_limits<double>::max())
    throw InvalidArgument("the number " + to_string(q) + " is too large for a double");
  return d;
}

namespace {

py::object python_int(const mpz_class& z) {
  if (z.fits_slong_p()) return py::reinterpret_steal<py::object>(PyLong_FromLong(z.get_si()));
  const std::string hex = z.get_str(16);
  py::object out = py::reinterpret_steal<py::object>(PyLong_FromString(hex.c_str(), nullptr, 16));
  if (!out) throw py::error_already_set();
  return out;
}

}  // namespace

py::object to_fraction(const Rational& q) {
  // Looked up once, with the GIL held; never freed, so nothing runs at exit.
  static const py::object* fraction_class =
      new py::object(py::module_::import("fractions").attr("Fraction"));
  return (*fraction_class)(python_int(q.get_num()), python_int(q.get_den()));
}

py::str to_text(const std::string& text) { return py::str(io::utf8_or_latin1(text)); }

std::vector<py::str> to_text(const std::vector<std::string>& texts) {
  std::vector<py::str> out;
  out.reserve(texts.size());
  for (const auto& t : texts) out.push_back(to_text(t));
  return out;
}

std::string utf8_of(py::handle str, const std::string& what) {
  if (!py::isinstance<py::str>(str)) throw InvalidArgument(what + " must be a str, got " + py::repr(str).cast<std::string>());
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(str.ptr(), &size);
  if (data == nullptr) {
    PyErr_Clear();
    throw InvalidArgument(what + " is not valid Unicode text (it holds a lone surrogate): " +
                          py::repr(str).cast<std::string>());
  }
  return std::string(data, static_cast<std::size_t>(size));
}

namespace {

std::string shape_string(const std::vector<std::size_t>& shape) {
  std::string s = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  if (shape.size() == 1) s += ",";
  return s + ")";
}

std::string index_string(const std::vector<std::size_t>& shape, std::size_t flat) {
  std::vector<std::size_t> index(shape.size());
  for (std::size_t i = shape.size(); i-- > 0;) {
    index[i] = flat % shape[i];
    flat /= shape[i];
  }
  return shape_string(index);
}

Rational integer_rational(py::handle integer) {
  // str() of a Python int is plain decimal (no leading zeros), any size.
  Rational r(py::str(integer).cast<std::string>(), 10);
  return r;
}

Rational ratio_rational(py::handle numerator, py::handle denominator) {
  Rational r;
  r.get_num() = mpz_class(py::str(numerator).cast<std::string>(), 10);
  r.get_den() = mpz_class(py::str(denominator).cast<std::string>(), 10);
  if (r.get_den() == 0) throw InvalidArgument("zero denominator");
  r.canonicalize();
  return r;
}

/// One entry: int, float, Fraction, Decimal, numpy scalar or a "p/q" string.
Rational read_number(py::handle x) {
  if (py::isinstance<py::str>(x) || py::isinstance<py::bytes>(x)) {
    std::string text = py::isinstance<py::str>(x) ? x.cast<std::string>()
                                                  : py::reinterpret_borrow<py::bytes>(x).cast<std::string>();
    const auto first = text.find_first_not_of(" \t\r\n");
    const auto last = text.find_last_not_of(" \t\r\n");
    text = first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
    // Python writes 1e+20 and +3; Gambit's grammar (parse_rational) has no '+'.
    if (!text.empty() && text[0] == '+') text.erase(0, 1);
    for (std::size_t i = 1; i < text.size(); ++i)
      if (text[i] == '+' && (text[i - 1] == 'e' || text[i - 1] == 'E')) text.erase(i, 1);
    return parse_rational(text);
  }
  if (PyFloat_Check(x.ptr())) return rational_from_double(PyFloat_AsDouble(x.ptr()));
  if (PyIndex_Check(x.ptr())) {  // int, bool, numpy integers
    py::object integer = py::reinterpret_steal<py::object>(PyNumber_Index(x.ptr()));
    if (!integer) throw py::error_already_set();
    return integer_rational(integer);
  }
  const py::object floating = py::module_::import("numpy").attr("floating");
  if (py::isinstance(x, floating)) return rational_from_double(x.cast<double>());
  if (py::hasattr(x, "numerator") && py::hasattr(x, "denominator")) {  // fractions.Fraction, gmpy2.mpq
    py::object num = x.attr("numerator"), den = x.attr("denominator");
    if (PyIndex_Check(num.ptr()) && PyIndex_Check(den.ptr())) return ratio_rational(num, den);
  }
  if (py::hasattr(x, "as_integer_ratio") && !py::isinstance<py::list>(x)) {  // decimal.Decimal
    py::object ratio;
    try {
      ratio = x.attr("as_integer_ratio")();
    } catch (py::error_already_set&) {
      throw InvalidArgument("payoffs must be finite, got " + py::repr(x).cast<std::string>());
    }
    py::tuple t = ratio;
    return ratio_rational(t[0], t[1]);
  }
  std::string shown = py::repr(x).cast<std::string>();
  if (shown.size() > 60) shown = shown.substr(0, 57) + "...";
  std::string hint = py::isinstance<py::list>(x) || py::isinstance<py::tuple>(x) || py::isinstance<py::array>(x)
                         ? " (are the nested lists ragged?)"
                         : "";
  throw InvalidArgument("cannot read " + shown + " as a number" + hint);
}

}  // namespace

std::optional<Rational> from_fraction(py::handle obj) {
  if (PyFloat_Check(obj.ptr()) || py::isinstance<py::str>(obj)) return std::nullopt;
  if (PyIndex_Check(obj.ptr())) {  // int, bool, numpy integers
    py::object integer = py::reinterpret_steal<py::object>(PyNumber_Index(obj.ptr()));
    if (!integer) throw py::error_already_set();
    return integer_rational(integer);
  }
  if (py::hasattr(obj, "numerator") && py::hasattr(obj, "denominator")) {
    py::object num = obj.attr("numerator"), den = obj.attr("denominator");
    if (PyIndex_Check(num.ptr()) && PyIndex_Check(den.ptr())) return ratio_rational(num, den);
  }
  return std::nullopt;
}

Tensor read_tensor(py::handle obj, const std::string& what, long ndim) {
  const py::module_ np = py::module_::import("numpy");
  py::object arr;
  const bool given_array = py::isinstance<py::array>(obj);
  if (given_array) {
    arr = py::reinterpret_borrow<py::object>(obj);
  } else {
    try {
      arr = np.attr("asarray")(obj);
    } catch (py::error_already_set& e) {
      if (!e.matches(PyExc_ValueError) && !e.matches(PyExc_TypeError)) throw;
      throw InvalidArgument(what + " is not a regular array of numbers (ragged nested lists?): " +
                            py::str(e.value()).cast<std::string>());
    }
  }
  char kind = py::reinterpret_borrow<py::array>(arr).dtype().kind();
  if (!given_array && (kind == 'U' || kind == 'S'))
    // numpy turns [1, "1/2"] into strings; keep the Python objects instead.
    arr = np.attr("array")(obj, "dtype"_a = "object"), kind = 'O';
  py::array a = py::reinterpret_borrow<py::array>(arr);

  Tensor t;
  for (py::ssize_t i = 0; i < a.ndim(); ++i) t.shape.push_back(static_cast<std::size_t>(a.shape(i)));
  if (ndim >= 0 && a.ndim() != ndim)
    throw InvalidArgument(what + " must have " + std::to_string(ndim) + " dimension" + (ndim == 1 ? "" : "s") +
                          ", got " + std::to_string(a.ndim()) + " (shape " + shape_string(t.shape) + ")");
  if (t.shape.empty()) throw InvalidArgument(what + " must have at least one dimension");
  for (std::size_t n : t.shape)
    if (n == 0) throw InvalidArgument(what + " is empty (shape " + shape_string(t.shape) + ")");
  try {
    checked_profile_count(t.shape);
  } catch (const InvalidArgument& e) {
    throw InvalidArgument(what + " has shape " + shape_string(t.shape) + ": " + e.what());
  }

  if (kind != 'f' && kind != 'b' && kind != 'i' && kind != 'u' && kind != 'O' && kind != 'U' && kind != 'S')
    throw InvalidArgument(what + " must hold real numbers, got dtype " + py::str(a.dtype()).cast<std::string>());
  const std::size_t size = static_cast<std::size_t>(a.size());
  t.values.reserve(size);
  std::size_t k = 0;
  try {
    if (kind == 'f') {
      auto d = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(a);
      if (!d) throw py::error_already_set();
      const double* p = d.data();
      for (k = 0; k < size; ++k) t.values.push_back(rational_from_double(p[k]));
    } else if (kind == 'b' || kind == 'i') {
      auto d = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(a);
      if (!d) throw py::error_already_set();
      const std::int64_t* p = d.data();
      for (k = 0; k < size; ++k) t.values.emplace_back(static_cast<long>(p[k]));
    } else if (kind == 'u') {
      auto d = py::array_t<std::uint64_t, py::array::c_style | py::array::forcecast>::ensure(a);
      if (!d) throw py::error_already_set();
      const std::uint64_t* p = d.data();
      for (k = 0; k < size; ++k) t.values.emplace_back(static_cast<unsigned long>(p[k]));
    } else {
      py::list flat = np.attr("ascontiguousarray")(a).attr("reshape")(-1).attr("tolist")();
      for (k = 0; k < size; ++k) t.values.push_back(read_number(flat[k]));
    }
  } catch (const InvalidArgument& e) {
    throw InvalidArgument(what + " at index " + index_string(t.shape, k) + ": " + e.what());
  }
  return t;
}

Game<double> to_floating(const Game<Rational>& game) {
  Game<double> out(game.players(), game.strategies());
  out.set_title(game.title());
  out.set_comment(game.comment());
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    auto src = game.payoffs(i);
    auto dst = out.payoffs(i);
    for (std::size_t k = 0; k < src.size(); ++k) dst[k] = nearest_double(src[k]);
  }
  return out;
}

PyGame::PyGame(Game<Rational> game) : exact(std::move(game)), floating(to_floating(exact)) {}

namespace {

std::vector<std::string> read_labels(py::handle obj, std::size_t expected, const std::string& what,
                                     const std::string& unit) {
  if (py::isinstance<py::str>(obj) || !py::isinstance<py::sequence>(obj))
    throw InvalidArgument(what + " must be a list of " + std::to_string(expected) + " strings");
  py::sequence seq = py::reinterpret_borrow<py::sequence>(obj);
  if (seq.size() != expected)
    throw InvalidArgument("got " + std::to_string(seq.size()) + " " + what + " for " + std::to_string(expected) +
                          " " + unit);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < expected; ++i) {
    py::object item = seq[i];
    if (!py::isinstance<py::str>(item))
      throw InvalidArgument(what + " must be strings, got " + py::repr(item).cast<std::string>());
    out.push_back(utf8_of(item, what));
  }
  return out;
}

constexpr const char* kLayouts = "layout=\"players_first\" (entente's: shape (N, n_1, ..., n_N), payoffs[i] is "
                                 "player i's array) or layout=\"profile_last\" (QuantEcon's payoff_profile_array: "
                                 "shape (n_1, ..., n_N, N), payoffs[s_1, ..., s_N] is the payoff profile of one cell)";

/// One array holding every player's payoffs, split per player as `layout` says.
std::vector<Tensor> split_stacked(const py::object& payoffs, const std::string& layout) {
  Tensor all = read_tensor(payoffs, "payoffs", -1);
  const std::size_t ndim = all.shape.size();
  if (ndim < 2)
    throw InvalidArgument("payoffs with layout=\"" + layout + "\" must have at least 2 dimensions (one per player "
                          "and one for the players), got shape " + shape_string(all.shape));
  const std::size_t n = ndim - 1;
  const bool players_first = layout == "players_first";
  const std::size_t players_axis = players_first ? all.shape.front() : all.shape.back();
  if (players_axis != n)
    throw InvalidArgument("payoffs has shape " + shape_string(all.shape) + ": with layout=\"" + layout + "\" a game of " +
                          std::to_string(n) + " players needs " + std::to_string(n) + " on its " +
                          (players_first ? "first" : "last") + " axis");
  std::vector<std::size_t> shape = all.shape;
  if (players_first)
    shape.erase(shape.begin());
  else
    shape.pop_back();
  const std::size_t cells = all.values.size() / n;
  std::vector<Tensor> out(n, Tensor{shape, {}});
  for (std::size_t i = 0; i < n; ++i) {
    out[i].values.reserve(cells);
    for (std::size_t c = 0; c < cells; ++c)
      out[i].values.push_back(std::move(all.values[players_first ? i * cells + c : c * n + i]));
  }
  return out;
}

/// The row player's matrix A and the column player's -A (Nashpy's Game(A)).
std::vector<Tensor> zero_sum_pair(const py::object& A) {
  Tensor row = read_tensor(A, "A", 2);
  Tensor column{row.shape, {}};
  column.values.reserve(row.values.size());
  for (const auto& x : row.values) column.values.push_back(-x);
  return {std::move(row), std::move(column)};
}

/// np.ndim of one item, or -1 when numpy cannot make an array of it (ragged).
long ndim_of(const py::handle& item) {
  try {
    return py::module_::import("numpy").attr("ndim")(item).cast<long>();
  } catch (py::error_already_set& e) {
    if (!e.matches(PyExc_ValueError) && !e.matches(PyExc_TypeError)) throw;
    return -1;
  }
}

/// The payoff arrays of every player, in the forms Game's docstring lists.
std::vector<Tensor> read_payoffs(const py::object& payoffs, const py::object& B, const py::object& layout) {
  if (!B.is_none()) {
    if (!layout.is_none()) throw InvalidArgument("layout applies to one stacked array, not to Game(A, B)");
    std::vector<Tensor> pair;
    pair.push_back(read_tensor(payoffs, "A", 2));
    pair.push_back(read_tensor(B, "B", 2));
    if (pair[1].shape != pair[0].shape)
      throw InvalidArgument("A has shape " + shape_string(pair[0].shape) + " but B has shape " +
                            shape_string(pair[1].shape) + "; both are (rows, columns)");
    return pair;
  }
  const bool is_array = py::isinstance<py::array>(payoffs);
  if (py::isinstance<py::str>(payoffs) || py::isinstance<py::bytes>(payoffs) ||
      (!is_array && !py::isinstance<py::sequence>(payoffs)))
    throw InvalidArgument("payoffs must be a list of arrays (one per player), a matrix A (zero-sum), or one stacked "
                          "array with " + std::string(kLayouts) + "; got " + std::string(py::str(py::type::of(payoffs).attr("__name__"))));
  if (!layout.is_none()) {
    const std::string name = py::isinstance<py::str>(layout) ? layout.cast<std::string>() : "";
    if (name != "players_first" && name != "profile_last")
      throw InvalidArgument("layout must be \"players_first\" or \"profile_last\", got " +
                            py::repr(layout).cast<std::string>());
    return split_stacked(payoffs, name);
  }
  if (is_array) {
    const auto array = py::reinterpret_borrow<py::array>(payoffs);
    const auto ndim = array.ndim();
    if (ndim == 2) return zero_sum_pair(payoffs);
    std::vector<std::size_t> shape;
    for (py::ssize_t k = 0; k < ndim; ++k) shape.push_back(static_cast<std::size_t>(array.shape(k)));
    if (ndim >= 3)
      throw InvalidArgument("payoffs is one array of shape " + shape_string(shape) +
                            ", which is ambiguous: say which axis holds the players with " + std::string(kLayouts) +
                            "; or pass a list of one array per player");
    throw InvalidArgument("a single array of payoffs must be a matrix A (2-d: the zero-sum game of A and -A), got "
                          "shape " + shape_string(shape));
  }
  // A list (or tuple) of one array per player, each with one axis per player.
  py::sequence seq = py::reinterpret_borrow<py::sequence>(payoffs);
  const std::size_t n = seq.size();
  if (n == 0) throw InvalidArgument("a game needs at least one player: payoffs is empty");
  if (n >= 2) {
    // Rows of numbers rather than arrays: a nested-list matrix A, read as
    // Game(A) (zero-sum). A list of n >= 2 per-player arrays needs n axes
    // each, so this reading takes nothing away from it.
    bool rows = true;
    for (std::size_t i = 0; i < n && rows; ++i) rows = ndim_of(seq[i]) == 1;
    if (rows) return zero_sum_pair(payoffs);
  }
  std::vector<Tensor> tensors;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string what = "payoffs[" + std::to_string(i) + "]";
    py::object item = seq[i];
    // Check every shape before reading any entries.
    tensors.push_back(read_tensor(item, what, static_cast<long>(n)));
    if (tensors[i].shape != tensors[0].shape)
      throw InvalidArgument(what + " has shape " + shape_string(tensors[i].shape) + " but payoffs[0] has shape " +
                            shape_string(tensors[0].shape));
  }
  return tensors;
}

PyGame make_game(const py::object& payoffs, const py::object& B, const py::object& players,
                 const py::object& strategies, const py::object& title, const py::object& layout) {
  std::vector<Tensor> tensors = read_payoffs(payoffs, B, layout);
  const std::size_t n = tensors.size();
  const auto& shape = tensors[0].shape;
  Game<Rational> game(shape);
  if (!players.is_none()) {
    auto names = read_labels(players, n, "player names", n == 1 ? "player" : "players");
    for (std::size_t i = 0; i < n; ++i) game.set_player(i, names[i]);
  }
  if (!strategies.is_none()) {
    if (py::isinstance<py::str>(strategies) || !py::isinstance<py::sequence>(strategies))
      throw InvalidArgument("strategies must be a list of one list of strategy names per player");
    py::sequence lists = py::reinterpret_borrow<py::sequence>(strategies);
    if (lists.size() != n)
      throw InvalidArgument("got " + std::to_string(lists.size()) + " strategy lists for " + std::to_string(n) +
                            (n == 1 ? " player" : " players"));
    for (std::size_t i = 0; i < n; ++i) {
      auto names = read_labels(lists[i], shape[i], "strategy names for player " + std::to_string(i),
                               "strategies (the payoff arrays' axis " + std::to_string(i) + ")");
      for (std::size_t s = 0; s < shape[i]; ++s) game.set_strategy(i, s, names[s]);
    }
  }
  game.set_title(utf8_of(title, "title"));
  for (std::size_t i = 0; i < n; ++i) std::ranges::move(tensors[i].values, game.payoffs(i).begin());
  return PyGame(std::move(game));
}

py::object nested_fractions(const std::vector<std::size_t>& shape, std::span<const Rational> values,
                            std::size_t axis, std::size_t& k) {
  py::list out;
  for (std::size_t s = 0; s < shape[axis]; ++s) {
    if (axis + 1 == shape.size())
      out.append(to_fraction(values[k++]));
    else
      out.append(nested_fractions(shape, values, axis + 1, k));
  }
  return out;
}

std::size_t player_index(const PyGame& g, long player) {
  const long n = static_cast<long>(g.exact.num_players());
  if (player < -n || player >= n)
    throw py::index_error("player " + std::to_string(player) + " out of range for a game of " + std::to_string(n) +
                          " players");
  return static_cast<std::size_t>(player < 0 ? player + n : player);
}

py::tuple shape_tuple(const std::vector<std::size_t>& shape) {
  py::tuple t(shape.size());
  for (std::size_t i = 0; i < shape.size(); ++i) t[i] = py::int_(shape[i]);
  return t;
}

constexpr const char* kGameDoc = R"doc(A finite game in normal (strategic) form.

Each player's payoffs form one N-dimensional array of shape
``(n_1, ..., n_N)``, indexed ``u_i[s_1, ..., s_N]`` in numpy's C order.
The game is kept exactly (rationals) and in floating point; floats are
read as the decimal a person means, so ``0.1`` is exactly ``1/10``.

The payoffs come in one of these forms:

- ``Game([u_1, ..., u_N])``: a list (or tuple) of one array per player,
  each with one axis per player.
- ``Game(A, B)``: a bimatrix game, as in Nashpy: the row player gets
  ``A``, the column player ``B`` (two 2-d arrays of the same shape).
- ``Game(A)``: one 2-d matrix (a numpy array, or a nested list of rows
  of numbers with two or more rows) is the zero-sum game of ``A`` and
  ``-A``, as in Nashpy. A list holding one row, ``Game([[1, 2]])``, is
  the one-player game of the first form.
- ``Game(U, layout=...)``: one array holding every player's payoffs.
  ``layout="players_first"`` reads shape ``(N, n_1, ..., n_N)``
  (``U[i]`` is player i's array); ``layout="profile_last"`` reads shape
  ``(n_1, ..., n_N, N)`` (``U[s_1, ..., s_N]`` is the payoff profile of
  one cell: QuantEcon's ``payoff_profile_array``). A numpy array of 3 or
  more dimensions without ``layout`` is ambiguous and raises ValueError.

Parameters
----------
payoffs : array_like or sequence of array_like
    The payoffs in one of the forms above. Entries may be floats, ints,
    ``fractions.Fraction``, ``decimal.Decimal`` or ``"p/q"`` strings.
B : array_like, optional
    The column player's matrix when ``payoffs`` is the row player's ``A``.
players : sequence of str, optional
    Player names (default ``"1"``, ``"2"``, ...).
strategies : sequence of sequence of str, optional
    One list of strategy names per player (default ``"1"``, ``"2"``, ...).
title : str, optional
    The game's title.
layout : {"players_first", "profile_last"}, optional
    How one stacked array holds the players (see above).

Raises
------
ValueError
    For ragged or empty arrays, mismatched shapes, NaN or infinite payoffs,
    a stacked array without ``layout``, label counts that do not match the
    shape, or a game that is too large.

Examples
--------
>>> import numpy as np
>>> import entente as en
>>> A = np.array([[3, 0], [5, 1]])
>>> g = en.Game([A, A.T], players=["Row", "Column"],
...             strategies=[["C", "D"], ["C", "D"]], title="PD")
>>> g.shape
(2, 2)
>>> g.payoffs[0][1, 0]
5.0
>>> en.Game(A, A.T) == en.Game([A, A.T])
True
>>> z = en.Game(np.array([[0, -1], [1, 0]]))   # zero-sum: B = -A
>>> z.is_zero_sum(), z.payoffs[1][0, 1]
(True, 1.0)
>>> profile_last = np.stack([A, A.T], axis=-1)   # shape (2, 2, 2)
>>> en.Game(profile_last, layout="profile_last") == en.Game([A, A.T])
True
>>> en.Game([[["1/2", 0]], [[0, 0.1]]]).exact_payoffs(1)
[[Fraction(0, 1), Fraction(1, 10)]]
)doc";

}  // namespace

void bind_game(py::module_& m) {
  py::class_<PyGame> cls(m, "Game", kGameDoc);
  cls.def(py::init(&make_game), "payoffs"_a, "B"_a = py::none(), py::kw_only(), "players"_a = py::none(),
          "strategies"_a = py::none(), "title"_a = "", "layout"_a = py::none());

  cls.def_property_readonly(
      "payoffs",
      [](py::object self) {
        const PyGame& g = self.cast<const PyGame&>();
        const auto& shape = g.floating.shape();
        std::vector<py::ssize_t> dims(shape.begin(), shape.end()), strides;
        for (std::size_t i = 0; i < shape.size(); ++i)
          strides.push_back(static_cast<py::ssize_t>(g.floating.stride(i) * sizeof(double)));
        py::list out;
        for (std::size_t i = 0; i < g.floating.num_players(); ++i) {
          // A view of the game's own storage; `self` stays alive while it does.
          py::array_t<double> a(dims, strides, const_cast<double*>(g.floating.payoffs(i).data()), self);
          a.attr("setflags")("write"_a = false);
          out.append(a);
        }
        return out;
      },
      R"doc(Each player's payoffs as a read-only float64 array of shape ``shape``.

The arrays are views of the game's storage (no copy) in numpy's C order.

Examples
--------
>>> g = en.Game([[[1, 2], [3, 4]], [[0, 0], [0, 0]]])
>>> g.payoffs[0]
array([[1., 2.],
       [3., 4.]])
)doc");

  cls.def(
      "exact_payoffs",
      [](const PyGame& g, long player) {
        const std::size_t p = player_index(g, player);
        std::size_t k = 0;
        return nested_fractions(g.exact.shape(), g.exact.payoffs(p), 0, k);
      },
      "player"_a,
      R"doc(One player's exact payoffs as nested lists of ``fractions.Fraction``.

Parameters
----------
player : int
    The player's index (0-based; negative counts from the end).

Returns
-------
list
    Nested lists of shape ``shape`` holding ``Fraction`` entries.

Examples
--------
>>> en.Game([[[0.1, 2]], [[0, "1/3"]]]).exact_payoffs(0)
[[Fraction(1, 10), Fraction(2, 1)]]
)doc");

  cls.def_property_readonly(
      "players", [](const PyGame& g) { return to_text(g.exact.players()); },
      R"doc(The player names, a list of str.

Examples
--------
>>> en.Game([[[0]], [[0]]], players=["Row", "Column"]).players
['Row', 'Column']
)doc");
  cls.def_property_readonly(
      "strategies",
      [](const PyGame& g) {
        std::vector<std::vector<py::str>> out;
        for (const auto& labels : g.exact.strategies()) out.push_back(to_text(labels));
        return out;
      },
      R"doc(The strategy names, one list of str per player.

Examples
--------
>>> en.Game([[[0, 0]], [[0, 0]]]).strategies
[['1'], ['1', '2']]
)doc");
  cls.def_property_readonly(
      "shape", [](const PyGame& g) { return shape_tuple(g.exact.shape()); },
      R"doc(The strategy counts ``(n_1, ..., n_N)``, the shape of every payoff array.

Examples
--------
>>> en.Game([[[0, 0]], [[0, 0]]]).shape
(1, 2)
)doc");
  cls.def_property_readonly(
      "num_players", [](const PyGame& g) { return g.exact.num_players(); },
      R"doc(The number of players N.

Examples
--------
>>> en.Game([[[0, 0]], [[0, 0]]]).num_players
2
)doc");
  cls.def_property_readonly(
      "title", [](const PyGame& g) { return to_text(g.exact.title()); },
      R"doc(The game's title (str).

Examples
--------
>>> en.Game([[1, 2]], title="solo").title
'solo'
)doc");
  cls.def_property_readonly(
      "comment", [](const PyGame& g) { return to_text(g.exact.comment()); },
      R"doc(Free text kept with the game (the .nfg comment string).

Examples
--------
>>> en.Game([[1, 2]]).comment
''
)doc");
  cls.def(
      "is_zero_sum", [](const PyGame& g) { return g.exact.is_zero_sum(); },
      R"doc(True when the payoffs sum to exactly zero in every cell.

Examples
--------
>>> import numpy as np
>>> A = np.array([[1, -1], [-1, 1]])
>>> en.Game([A, -A]).is_zero_sum()
True
)doc");
  cls.def(
      "is_constant_sum", [](const PyGame& g) { return g.exact.is_constant_sum(); },
      R"doc(True when the payoffs sum to the same constant in every cell.

Examples
--------
>>> en.Game([[[1, 0]], [[0, 1]]]).is_constant_sum()
True
)doc");

  cls.def(
      "to_nfg", [](const PyGame& g) { return io::to_nfg(g.exact); },
      R"doc(The game as Gambit .nfg text (payoff form, exact numbers, labels kept).

Returns
-------
str

Examples
--------
>>> text = en.Game([[[1, 2]], [[3, 4]]], title="t").to_nfg()
>>> en.parse_nfg(text).payoffs[1][0, 1]
4.0
)doc");
  cls.def(
      "write_nfg",
      [](const PyGame& g, const std::filesystem::path& path) {
        py::gil_scoped_release release;
        io::write_nfg(g.exact, path);
      },
      "path"_a,
      R"doc(Writes the game to a Gambit .nfg file (see ``to_nfg``).

Parameters
----------
path : str or os.PathLike
    The file to write.

Raises
------
ValueError
    If the file cannot be written.

Examples
--------
>>> g = en.Game([[[1, 2]], [[3, 4]]])
>>> g.write_nfg("game.nfg")  # doctest: +SKIP
>>> en.read_nfg("game.nfg") == g  # doctest: +SKIP
True
)doc");

  cls.def(
      "__getitem__",
      [](const PyGame& g, const py::object& index) {
        // One strategy index per player (numpy's indexing of the payoff
        // arrays, negative indices counted from the end).
        const std::size_t n = g.floating.num_players();
        py::tuple items = py::isinstance<py::tuple>(index) ? py::reinterpret_borrow<py::tuple>(index)
                                                           : py::make_tuple(index);
        if (items.size() != n)
          throw py::index_error("a pure profile has one strategy index per player: got " +
                                std::to_string(items.size()) + " for a game of " + std::to_string(n) +
                                (n == 1 ? " player" : " players"));
        std::vector<std::size_t> profile(n);
        for (std::size_t i = 0; i < n; ++i) {
          py::object item = items[i];
          if (!PyIndex_Check(item.ptr()) || PyBool_Check(item.ptr()))
            throw py::type_error("strategy indices must be integers, got " + py::repr(item).cast<std::string>());
          const long long k = item.cast<long long>();
          const long long count = static_cast<long long>(g.floating.num_strategies(i));
          if (k < -count || k >= count)
            throw py::index_error("strategy index " + std::to_string(k) + " out of range for player " +
                                  std::to_string(i) + ", who has " + std::to_string(count) + " strategies");
          profile[i] = static_cast<std::size_t>(k < 0 ? k + count : k);
        }
        const std::size_t flat = g.floating.flat_index(profile);
        std::vector<double> payoffs;
        for (std::size_t i = 0; i < n; ++i) payoffs.push_back(g.floating.payoffs(i)[flat]);
        return to_numpy(payoffs);
      },
      "profile"_a,
      R"doc(The payoff vector of a pure profile: ``g[s_1, ..., s_N]``.

Parameters
----------
profile : tuple of int
    One strategy index per player (negative counts from the end); a bare
    int for a one-player game.

Returns
-------
numpy.ndarray
    Each player's payoff (float64), ``[u_1[s], ..., u_N[s]]``.

Raises
------
IndexError
    For the wrong number of indices or an index out of range.
TypeError
    For an index that is not an integer.

Examples
--------
>>> import numpy as np
>>> A = np.array([[3, 0], [5, 1]])
>>> g = en.Game(A, A.T)
>>> g[1, 0]
array([5., 0.])
)doc");

  cls.def("__eq__", [](const PyGame& a, const py::object& b) -> py::object {
    if (!py::isinstance<PyGame>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
    return py::bool_(a.exact == b.cast<const PyGame&>().exact);
  });
  cls.def("__ne__", [](const PyGame& a, const py::object& b) -> py::object {
    if (!py::isinstance<PyGame>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
    return py::bool_(!(a.exact == b.cast<const PyGame&>().exact));
  });
  cls.attr("__hash__") = py::none();
  cls.def("__repr__", [](const PyGame& g) {
    std::string s = "Game(players=" + py::repr(py::cast(to_text(g.exact.players()))).cast<std::string>() +
                    ", shape=" + shape_string(g.exact.shape());
    if (!g.exact.title().empty()) s += ", title=" + py::repr(to_text(g.exact.title())).cast<std::string>();
    return s + ")";
  });
  cls.def(py::pickle([](const PyGame& g) { return py::make_tuple(io::to_nfg(g.exact)); },
                     [](const py::tuple& state) {
                       if (state.size() != 1 || !py::isinstance<py::str>(state[0]))
                         throw InvalidArgument("a pickled entente.Game holds one .nfg string");
                       return PyGame(io::parse_nfg(state[0].cast<std::string>(), "<pickle>"));
                     }));
}

}  // namespace entente::python
