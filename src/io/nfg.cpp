// Gambit .nfg reader and writer. The grammar follows what Gambit's own
// parser accepts; numbers are always read as exact rationals.
#include "entente/io/nfg.hpp"

#include "entente/io/text.hpp"
#include "lexer.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <system_error>

namespace entente::io {
namespace {

using namespace detail;

class Parser : TokenReader {
 public:
  using TokenReader::TokenReader;

  Game<Rational> parse() {
    auto [title, players] = header("NFG", "1");

    Game<Rational> game = read_strategies(players);
    game.set_title(std::move(title));
    if (tok_.kind == Token::String) {
      game.set_comment(tok_.text);
      advance();
    }

    if (tok_.kind == Token::LBrace)
      read_outcome_body(game);
    else if (tok_.kind == Token::Word)
      read_payoff_body(game);
    else
      fail("'{' starting the outcome list, or a payoff");
    if (tok_.kind != Token::End) fail("end of file after the last payoff cell");
    return game;
  }

 private:
  // Either `{ n1 n2 ... }` or `{ { "s" ... } ... }`. Sizes are checked
  // before the Game exists, so a bogus header cannot trigger a huge allocation.
  Game<Rational> read_strategies(std::vector<std::string>& players) {
    const std::size_t open_line = tok_.line;
    expect(Token::LBrace, "'{' opening the strategy counts or labels");
    std::vector<std::vector<std::string>> strategies(players.size());
    std::vector<std::size_t> shape;
    if (tok_.kind == Token::LBrace) {
      for (std::size_t i = 0; i < players.size(); ++i) {
        expect(Token::LBrace, "'{' opening the strategy labels of player " + std::to_string(i + 1));
        while (tok_.kind == Token::String) {
          strategies[i].push_back(tok_.text);
          advance();
        }
        if (tok_.kind != Token::RBrace) fail("a strategy label (a quoted string) or '}'");
        if (strategies[i].empty()) fail("at least one strategy for player " + std::to_string(i + 1));
        advance();
      }
      expect(Token::RBrace, "'}' after " + std::to_string(players.size()) + " strategy lists");
    } else {
      for (std::size_t i = 0; i < players.size(); ++i) {
        std::size_t n = 0;
        bool overflow = false;
        if (tok_.kind != Token::Word || !parse_count(tok_.text, n, overflow) || n == 0) {
          if (overflow) throw ParseError(source_, tok_.line, "strategy count '" + shorten(tok_.text) + "' is too large");
          fail("a positive strategy count for player " + std::to_string(i + 1));
        }
        shape.push_back(n);
        advance();
      }
      expect(Token::RBrace, "'}' after " + std::to_string(players.size()) + " strategy counts");
    }
    if (shape.empty())
      for (const auto& list : strategies) shape.push_back(list.size());
    try {
      const std::size_t profiles = checked_profile_count(shape);
      // A short malformed file must not make us allocate a huge game: every
      // cell needs at least one character of body text. The slack keeps
      // small files on the ordinary "found end of file" message.
      if (lex_.remaining() + tok_.text.size() + 4096 < profiles)
        throw InvalidArgument("the strategies give " + std::to_string(profiles) +
                              " cells but the file is too short to hold them");
      if (strategies[0].empty()) {
        Game<Rational> game(shape);
        for (std::size_t i = 0; i < players.size(); ++i) game.set_player(i, players[i]);
        return game;
      }
      return Game<Rational>(std::move(players), std::move(strategies));
    } catch (const InvalidArgument& e) {
      throw ParseError(source_, open_line, e.what());
    }
  }

  // Gambit's cell order: player 1's strategy varies fastest.
  template <class F>
  static void for_each_cell(const Game<Rational>& game, F&& f) {
    std::vector<std::size_t> profile(game.num_players(), 0);
    for (std::size_t cell = 0; cell < game.num_profiles(); ++cell) {
      f(game.flat_index(profile));
      for (std::size_t i = 0; i < profile.size(); ++i) {
        if (++profile[i] < game.num_strategies(i)) break;
        profile[i] = 0;
      }
    }
  }

  void read_payoff_body(Game<Rational>& game) {
    const std::size_t n = game.num_players();
    for_each_cell(game, [&](std::size_t flat) {
      for (std::size_t i = 0; i < n; ++i) game.payoffs(i)[flat] = number("a number (payoff)");
    });
  }

  void read_outcome_body(Game<Rational>& game) {
    const std::size_t n = game.num_players();
    std::vector<std::vector<Rational>> outcomes;
    advance();  // the list's '{'
    while (tok_.kind == Token::LBrace) {
      advance();
      expect_string("an outcome name (a quoted string)");
      std::vector<Rational> payoffs;
      for (std::size_t i = 0; i < n; ++i) {
        payoffs.push_back(number("a number (payoff of player " + std::to_string(i + 1) + " in outcome " +
                                 std::to_string(outcomes.size() + 1) + ")"));
        if (tok_.kind == Token::Comma) advance();
      }
      expect(Token::RBrace, "'}' after " + std::to_string(n) + " payoffs in outcome " +
                                std::to_string(outcomes.size() + 1));
      outcomes.push_back(std::move(payoffs));
    }
    expect(Token::RBrace, "'{' starting an outcome or '}' ending the outcome list");

    for_each_cell(game, [&](std::size_t flat) {
      std::size_t k = 0;
      bool overflow = false;
      if (tok_.kind != Token::Word || !parse_count(tok_.text, k, overflow)) {
        if (!overflow) fail("an outcome index");
        k = outcomes.size() + 1;
      }
      if (k > outcomes.size())
        throw ParseError(source_, tok_.line,
                         "expected an outcome index from 0 to " + std::to_string(outcomes.size()) + " but found '" +
                             shorten(tok_.text) + "'");
      if (k > 0)  // 0 is the null outcome: payoffs stay zero
        for (std::size_t i = 0; i < n; ++i) game.payoffs(i)[flat] = outcomes[k - 1][i];
      advance();
    });
  }
};

template <class Scalar>
std::string write_text(const Game<Scalar>& game) {
  std::ostringstream out;
  out << "NFG 1 R " << quote(game.title()) << " {";
  for (const auto& p : game.players()) out << ' ' << quote(p);
  out << " }\n\n{ ";
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    out << '{';
    for (const auto& s : game.strategies(i)) out << ' ' << quote(s);
    out << " }\n";
  }
  out << "}\n" << quote(game.comment()) << "\n\n";
  // Gambit's order: player 1's strategy fastest; one cell per line.
  std::vector<std::size_t> profile(game.num_players(), 0);
  for (std::size_t cell = 0; cell < game.num_profiles(); ++cell) {
    std::size_t flat = game.flat_index(profile);
    for (std::size_t i = 0; i < game.num_players(); ++i) out << (i ? " " : "") << format_number(game.payoffs(i)[flat]);
    out << '\n';
    for (std::size_t i = 0; i < profile.size(); ++i) {
      if (++profile[i] < game.num_strategies(i)) break;
      profile[i] = 0;
    }
  }
  return out.str();
}

}  // namespace

Game<Rational> parse_nfg(std::string_view text, const std::string& source) {
  return Parser(text, source).parse();
}

Game<Rational> read_nfg(const std::filesystem::path& path) {
  return parse_nfg(read_text(path), utf8_or_latin1(path.string()));  // the name appears in messages
}

std::string to_nfg(const Game<Rational>& game) { return write_text(game); }
std::string to_nfg(const Game<double>& game) { return write_text(game); }

void write_nfg(const Game<Rational>& game, const std::filesystem::path& path) { write_file(to_nfg(game), path); }
void write_nfg(const Game<double>& game, const std::filesystem::path& path) { write_file(to_nfg(game), path); }

}  // namespace entente::io
