// Gambit's .efg extensive-form files: read (EFG 2 R and EFG 2 D) and write.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "entente/extensive/tree.hpp"

namespace entente::io {

/// Parses .efg text. Numbers (payoffs, chance probabilities) are read as
/// exact rationals whatever the header's R/D says. Information sets are
/// numbered per player in the order of the file's numbers (Gambit writes
/// 1, 2, ... in order of first appearance); outcomes in order of first
/// appearance. Throws ParseError naming the line and what was expected, or
/// what is wrong (an undefined information set, a repeated definition that
/// differs, chance probabilities that do not sum to one).
ExtensiveGame<Rational> parse_efg(std::string_view text, const std::string& source = "<efg>");

/// Reads a .efg file; a missing or unreadable file throws InvalidArgument.
ExtensiveGame<Rational> read_efg(const std::filesystem::path& path);

/// The tree as .efg text (`EFG 2 R`), labels, outcomes and comment kept.
std::string to_efg(const ExtensiveGame<Rational>& game);
std::string to_efg(const ExtensiveGame<double>& game);

/// Writes to_efg(game) to a file; throws InvalidArgument if it cannot.
void write_efg(const ExtensiveGame<Rational>& game, const std::filesystem::path& path);
void write_efg(const ExtensiveGame<double>& game, const std::filesystem::path& path);

}  // namespace entente::io
