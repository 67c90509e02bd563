// Gambit's .nfg strategic-form files: read both body forms, write payoff form.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>

#include "entente/game/game.hpp"

namespace entente::io {

/// Parses .nfg text. Every number is read as an exact rational, whatever the
/// header's R/D says. Throws ParseError naming the line and what was
/// expected. `source` names the input in messages (a file name).
/// Text (the title, player and strategy labels, outcome names, the comment)
/// that is valid UTF-8 is kept byte for byte; a string that is not is read
/// as Latin-1, each byte becoming U+0000..U+00FF (older Gambit files were
/// written in Latin-1), so every label of the result is valid UTF-8.
Game<Rational> parse_nfg(std::string_view text, const std::string& source = "<nfg>");

/// Reads a .nfg file; a missing or unreadable file throws InvalidArgument.
Game<Rational> read_nfg(const std::filesystem::path& path);

/// The game as .nfg text in payoff form (`NFG 1 R`), labels and comment kept.
std::string to_nfg(const Game<Rational>& game);
std::string to_nfg(const Game<double>& game);

/// Writes to_nfg(game) to a file; throws InvalidArgument if it cannot.
void write_nfg(const Game<Rational>& game, const std::filesystem::path& path);
void write_nfg(const Game<double>& game, const std::filesystem::path& path);

}  // namespace entente::io
