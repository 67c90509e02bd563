// entente.read_nfg and entente.parse_nfg (Gambit's .nfg strategic form).
#include <filesystem>
#include <optional>
#include <string>

#include <pybind11/stl/filesystem.h>

#include "common.hpp"
#include "entente/io/nfg.hpp"

namespace entente::python {

using namespace pybind11::literals;

void bind_io(py::module_& m) {
  m.def(
      "read_nfg",
      [](const std::filesystem::path& path) {
        std::optional<Game<Rational>> game;
        {
          py::gil_scoped_release release;
          game = io::read_nfg(path);
        }
        return PyGame(std::move(*game));
      },
      "path"_a,
      R"doc(Reads a game from a Gambit .nfg file (payoff or outcome form).

Every number is read as an exact rational, whatever the header's R/D says.
A label (title, player, strategy, comment) that is not valid UTF-8 is read
as Latin-1, the encoding older Gambit files were written in. The GIL is released while reading and parsing.

Parameters
----------
path : str or os.PathLike
    The file to read.

Returns
-------
Game

Raises
------
ParseError
    (a ValueError) for a malformed file; the message names the line.
ValueError
    If the file is missing or unreadable.

Examples
--------
>>> g = en.read_nfg("examples/games/china_us_zero_sum.nfg")  # doctest: +SKIP
>>> g.num_players  # doctest: +SKIP
2
)doc");

  m.def(
      "parse_nfg",
      [](const std::string& text, const std::string& source) {
        std::optional<Game<Rational>> game;
        {
          py::gil_scoped_release release;
          game = io::parse_nfg(text, source);
        }
        return PyGame(std::move(*game));
      },
      "text"_a, "source"_a = "<nfg>",
      R"doc(Parses a game from Gambit .nfg text.

Parameters
----------
text : str or bytes
    The .nfg text. Labels in bytes that are not valid UTF-8 are read as
    Latin-1 (older Gambit files), as ``read_nfg`` does.
source : str, optional
    What to call the input in error messages.

Returns
-------
Game

Raises
------
ParseError
    (a ValueError) for malformed text; the message names the line.

Examples
--------
>>> g = en.parse_nfg('NFG 1 R "MP" { "1" "2" } { 2 2 } 1 -1 -1 1 -1 1 1 -1')
>>> g.payoffs[0]
array([[ 1., -1.],
       [-1.,  1.]])
)doc");
}

}  // namespace entente::python
