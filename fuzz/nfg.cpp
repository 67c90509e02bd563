// Fuzz target: the .nfg reader. Any input either fails with ParseError (or
// another InvalidArgument) or parses; a parsed game must survive
// write -> read unchanged, writing must be stable, and its floating twin
// must round-trip too (or be refused as non-finite); so must the game with
// arbitrary names set through the API.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "check.hpp"
#include "entente/error.hpp"
#include "entente/io/nfg.hpp"

using entente::fuzz::fail;
using entente::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::optional<entente::Game<entente::Rational>> game;
  try {
    game.emplace(entente::io::parse_nfg(text, "<fuzz>"));
  } catch (const entente::InvalidArgument&) {
    return 0;  // ParseError included: a clear refusal is the right answer
  }
  const std::string written = entente::io::to_nfg(*game);
  std::optional<entente::Game<entente::Rational>> again;
  try {
    again.emplace(entente::io::parse_nfg(written, "<written>"));
  } catch (const entente::InvalidArgument& e) {
    fail(std::string("the written game does not parse: ") + e.what() + "\n" + written);
  }
  require(*again == *game, "write -> read changed the game:\n" + written);
  require(entente::io::to_nfg(*again) == written, "writing is not stable");

  // Names set through the API may hold any bytes (a parsed name cannot end
  // in a backslash, say): writing must round-trip them or refuse clearly.
  auto renamed = *game;
  renamed.set_title(std::string(text.substr(0, 12)));
  renamed.set_player(0, std::string(text.substr(text.size() / 2, 5)));
  try {
    const std::string text2 = entente::io::to_nfg(renamed);
    require(entente::io::parse_nfg(text2, "<renamed>") == renamed, "renamed game does not round-trip:\n" + text2);
  } catch (const entente::InvalidArgument& e) {
    require(std::string(e.what()).find("backslash") != std::string::npos,
            std::string("writing a renamed game failed: ") + e.what());
  }

  const auto floating = game->cast<double>();
  std::string written_double;
  try {
    written_double = entente::io::to_nfg(floating);
  } catch (const entente::InvalidArgument&) {
    return 0;  // a payoff beyond double's range became infinite: refused, as documented
  }
  try {
    const auto back = entente::io::parse_nfg(written_double, "<written double>").cast<double>();
    require(back == floating, "the floating game does not round-trip:\n" + written_double);
  } catch (const entente::InvalidArgument& e) {
    fail(std::string("the written floating game does not parse: ") + e.what());
  }
  return 0;
}
