// The tokens of Gambit's .nfg and .efg files: braces, commas, quoted
// strings and words (numbers and keywords, checked by the parsers).
// Internal to src/io.
#pragma once

#include <charconv>
#include <filesystem>
#include <cmath>
#include <fstream>
#include <sstream>
#include <cstddef>
#include <string>
#include <vector>
#include <utility>
#include <string_view>
#include <system_error>

#include "entente/error.hpp"
#include "entente/scalar.hpp"
#include "entente/io/text.hpp"

namespace entente::io::detail {

struct Token {
  enum Kind { LBrace, RBrace, Comma, String, Word, End } kind = End;
  std::string text;
  std::size_t line = 1;  // where the token starts
};

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// Words are maximal runs of anything that is not whitespace or punctuation;
// numbers are words checked later, so "+3" or "#" get a clear message.
inline bool ends_word(char c) { return is_space(c) || c == '{' || c == '}' || c == ',' || c == '"'; }

class Lexer {
 public:
  Lexer(std::string_view text, const std::string& source) : text_(text), source_(source) {}

  Token next() {
    while (pos_ < text_.size() && is_space(text_[pos_])) {
      if (text_[pos_] == '\n') ++line_;
      ++pos_;
    }
    Token t;
    t.line = line_;
    if (pos_ == text_.size()) {
      // Report end of input on the line of the last real token, not on a
      // phantom line after the final newline.
      t.line = last_line_;
      return t;
    }
    char c = text_[pos_];
    if (c == '{' || c == '}' || c == ',') {
      t.kind = c == '{' ? Token::LBrace : c == '}' ? Token::RBrace : Token::Comma;
      t.text = std::string(1, c);
      ++pos_;
    } else if (c == '"') {
      t.kind = Token::String;
      ++pos_;
      for (;;) {
        if (pos_ == text_.size()) throw ParseError(source_, t.line, "unterminated string (no closing '\"')");
        char d = text_[pos_++];
        if (d == '"') break;
        if (d == '\n') ++line_;
        // \" is the only escape; any other backslash stays as written.
        if (d == '\\' && pos_ < text_.size() && text_[pos_] == '"') {
          t.text += '"';
          ++pos_;
        } else {
          t.text += d;
        }
      }
      // Labels that are not UTF-8 are Latin-1 (older Gambit files).
      t.text = utf8_or_latin1(t.text);
    } else {
      t.kind = Token::Word;
      std::size_t start = pos_;
      while (pos_ < text_.size() && !ends_word(text_[pos_])) ++pos_;
      t.text = std::string(text_.substr(start, pos_ - start));
    }
    last_line_ = line_;
    return t;
  }

  /// Characters not yet read.
  std::size_t remaining() const { return text_.size() - pos_; }

 private:
  std::string_view text_;
  const std::string& source_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t last_line_ = 1;
};

// At most 32 bytes, cut before a UTF-8 continuation byte so that a
// character is never split; a word outside strings may hold any bytes, so
// the result is made UTF-8 too (messages reach JSON and Python).
inline std::string shorten(const std::string& s) {
  constexpr std::size_t kMax = 32;
  if (s.size() <= kMax) return utf8_or_latin1(s);
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return utf8_or_latin1(s.substr(0, cut)) + "...";
}

inline std::string describe(const Token& t) {
  switch (t.kind) {
    case Token::End:
      return "end of file";
    case Token::String:
      return "the string \"" + shorten(t.text) + "\"";
    default:
      return "'" + shorten(t.text) + "'";
  }
}

// Digits only, as a size_t; false on anything else, with `overflow` set when
// the digits do not fit.
inline bool parse_count(const std::string& text, std::size_t& out, bool& overflow) {
  overflow = false;
  if (text.empty()) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  auto res = std::from_chars(text.data(), text.data() + text.size(), out);
  if (res.ec == std::errc::result_out_of_range) {
    overflow = true;
    return false;
  }
  return res.ec == std::errc() && res.ptr == text.data() + text.size();
}

/// What both parsers share: the current token and the ways to consume it,
/// each failing with "expected X but found Y" on the token's line.
class TokenReader {
 public:
  TokenReader(std::string_view text, const std::string& source) : lex_(text, source), source_(source) {}

 protected:
  [[noreturn]] void fail(const std::string& expected) {
    throw ParseError(source_, tok_.line, "expected " + expected + " but found " + describe(tok_));
  }
  void advance() { tok_ = lex_.next(); }
  void expect(Token::Kind kind, const std::string& what) {
    if (tok_.kind != kind) fail(what);
    advance();
  }
  void expect_word(const char* word, const std::string& what) {
    if (tok_.kind != Token::Word || tok_.text != word) fail(what);
    advance();
  }
  std::string expect_string(const std::string& what) {
    if (tok_.kind != Token::String) fail(what);
    std::string s = std::move(tok_.text);
    advance();
    return s;
  }
  /// The head both formats share: MAGIC VERSION R|D "title" { "player" ... }
  /// (at least one player); the reader stands after the closing brace.
  std::pair<std::string, std::vector<std::string>> header(const char* magic, const char* version) {
    advance();
    expect_word(magic, std::string("'") + magic + "'");
    expect_word(version, std::string("version '") + version + "' after '" + magic + "'");
    if (tok_.kind != Token::Word || (tok_.text != "R" && tok_.text != "D")) fail("'R' or 'D'");
    advance();
    std::string title = expect_string("the game title (a quoted string)");
    expect(Token::LBrace, "'{' opening the player list");
    std::vector<std::string> players;
    while (tok_.kind == Token::String) {
      players.push_back(tok_.text);
      advance();
    }
    if (tok_.kind != Token::RBrace) fail("a player name (a quoted string) or '}'");
    if (players.empty()) fail("at least one player");
    advance();
    return {std::move(title), std::move(players)};
  }
  /// An exact rational in Gambit's forms.
  Rational number(const std::string& what) {
    if (tok_.kind != Token::Word) fail(what);
    try {
      Rational value = parse_rational(tok_.text);
      advance();
      return value;
    } catch (const InvalidArgument&) {
      fail(what);
    }
  }

  Lexer lex_;
  const std::string& source_;
  Token tok_;
};

/// A quoted string as both formats write it.
inline std::string quote(const std::string& s, const char* format = ".nfg") {
  // The reader's only escape is \" (a backslash before anything else stays
  // literal), so a string ending in a backslash has no .nfg form: its
  // closing quote would read as an escaped quote. Refuse rather than write
  // a file that does not read back.
  if (!s.empty() && s.back() == '\\')
    throw InvalidArgument(std::string("cannot write to ") + format + ": the name or comment '" + s +
                          "' ends in a backslash, which the format cannot quote");
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

inline void write_file(const std::string& text, const std::filesystem::path& path) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw InvalidArgument("cannot write '" + path.string() + "'");
  out << text;
  out.close();
  if (!out) throw InvalidArgument("cannot write '" + path.string() + "'");
}

/// A file's whole text; a missing or unreadable file throws InvalidArgument.
inline std::string read_text(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw InvalidArgument("cannot open '" + path.string() + "'");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InvalidArgument("cannot open '" + path.string() + "'");
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) throw InvalidArgument("cannot read '" + path.string() + "'");
  return buf.str();
}

/// A payoff as the writers print it: "p/q" exactly, or a double's shortest
/// decimal without '+' (Gambit's grammar has none in exponents).
inline std::string format_number(const Rational& x) { return to_string(x); }
inline std::string format_number(double x) {
  if (!std::isfinite(x)) throw InvalidArgument("cannot write a non-finite number: " + to_string(x));
  std::string s = to_string(x);
  std::erase(s, '+');
  return s;
}

}  // namespace entente::io::detail
