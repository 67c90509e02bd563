// Gambit .nfg reading and writing: real files from Gambit's collection,
// hand-checked payoffs (Gambit's cells run player 1 fastest), round trips
// and malformed input.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>

#include "entente/io/nfg.hpp"
#include "entente/io/text.hpp"

namespace entente {
namespace {

using io::parse_nfg;
using io::read_nfg;
using io::to_nfg;

std::filesystem::path data(const std::string& name) { return std::filesystem::path(ENTENTE_TEST_DATA) / name; }

Rational Q(const char* s) { return Rational(s); }

// Parsing `text` must fail on `line` with a message containing `fragment`.
void expect_error(const std::string& text, std::size_t line, const std::string& fragment) {
  try {
    parse_nfg(text, "game.nfg");
    ADD_FAILURE() << "no error for:\n" << text;
  } catch (const ParseError& e) {
    EXPECT_EQ(e.line, line) << e.what();
    std::string prefix = "game.nfg:" + std::to_string(line) + ": ";
    EXPECT_EQ(std::string(e.what()).rfind(prefix, 0), 0u) << e.what();
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

// A 2x2 payoff-form game around a body given as text.
std::string two_by_two(const std::string& body) {
  return "NFG 1 R \"t\" { \"A\" \"B\" } { 2 2 }\n" + body;
}

// ---- Real files ----

TEST(NfgRead, GambitCountsHeader) {
  auto g = read_nfg(data("gambit_e02.nfg"));
  EXPECT_EQ(g.title(), "Selten (IJGT, 75), Figure 2, normal form");
  EXPECT_EQ(g.comment(), "");
  EXPECT_EQ(g.players(), (std::vector<std::string>{"Player 1", "Player 2"}));
  EXPECT_EQ(g.shape(), (std::vector<std::size_t>{3, 2}));
  EXPECT_EQ(g.strategies(0), (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(g.strategies(1), (std::vector<std::string>{"1", "2"}));
  // Body "1 1 0 2 0 2 1 1 0 3 2 0": column 1 then column 2.
  EXPECT_EQ(g.payoff(0, {0, 0}), 1);
  EXPECT_EQ(g.payoff(1, {0, 0}), 1);
  EXPECT_EQ(g.payoff(0, {1, 0}), 0);
  EXPECT_EQ(g.payoff(1, {1, 0}), 2);
  EXPECT_EQ(g.payoff(1, {2, 0}), 2);
  EXPECT_EQ(g.payoff(0, {0, 1}), 1);
  EXPECT_EQ(g.payoff(1, {1, 1}), 3);
  EXPECT_EQ(g.payoff(0, {2, 1}), 2);
  EXPECT_EQ(g.payoff(1, {2, 1}), 0);
}

TEST(NfgRead, GambitDecimalHeaderReadsExactly) {
  auto g = read_nfg(data("gambit_sh3.nfg"));
  EXPECT_EQ(g.title(), "Wilson's example of inaccessible equilibria (Shapley, 1974, Math Prog Stud)");
  EXPECT_EQ(g.comment(), "");
  EXPECT_EQ(g.shape(), (std::vector<std::size_t>{3, 3}));
  // Cells (1,1)=0,0 (2,1)=2,3 (3,1)=3,0 (1,2)=3,2 (2,2)=2,2 (3,2)=0,0
  // (1,3)=0,3 (2,3)=0,0 (3,3)=1,1.
  EXPECT_EQ(g.payoff(0, {1, 0}), 2);
  EXPECT_EQ(g.payoff(1, {1, 0}), 3);
  EXPECT_EQ(g.payoff(0, {2, 0}), 3);
  EXPECT_EQ(g.payoff(0, {0, 1}), 3);
  EXPECT_EQ(g.payoff(1, {0, 1}), 2);
  EXPECT_EQ(g.payoff(1, {0, 2}), 3);
  EXPECT_EQ(g.payoff(0, {2, 2}), 1);
  EXPECT_EQ(g.payoff(1, {2, 2}), 1);
  EXPECT_EQ(g.payoff(0, {2, 1}), 0);
}

TEST(NfgRead, GambitFractions) {
  auto g = read_nfg(data("gambit_winkels.nfg"));
  EXPECT_EQ(g.players(), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(g.shape(), (std::vector<std::size_t>{6, 2}));
  EXPECT_EQ(g.payoff(0, {2, 0}), 3);
  EXPECT_EQ(g.payoff(1, {2, 0}), -2);
  EXPECT_EQ(g.payoff(0, {4, 0}), Q("5/2"));
  EXPECT_EQ(g.payoff(1, {5, 0}), 6);
  EXPECT_EQ(g.payoff(0, {0, 1}), 3);
  EXPECT_EQ(g.payoff(1, {1, 1}), -1);
  EXPECT_EQ(g.payoff(0, {2, 1}), 1);
  EXPECT_EQ(g.payoff(1, {4, 1}), 6);
  EXPECT_EQ(g.payoff(1, {5, 1}), -1);
}

TEST(NfgRead, GambitCommentAndPermutedOutcomes) {
  auto g = read_nfg(data("gambit_loopback.nfg"));
  EXPECT_EQ(g.title(), "Backward-bending principal logit branch");
  EXPECT_EQ(g.comment(),
            "This game has a backwards bend in the principal branch of the logit quantal "
            "response equilibrium correspondence.");
  // Indices "1 3 2 4": cell (2,1) gets outcome 3 ("21": 7.32, 6).
  EXPECT_EQ(g.payoff(0, {0, 0}), 6);
  EXPECT_EQ(g.payoff(1, {0, 0}), 7);
  EXPECT_EQ(g.payoff(0, {1, 0}), Q("183/25"));
  EXPECT_EQ(g.payoff(1, {1, 0}), 6);
  EXPECT_EQ(g.payoff(0, {0, 1}), 6);
  EXPECT_EQ(g.payoff(0, {1, 1}), 1);
  EXPECT_EQ(g.payoff(1, {1, 1}), 4);
}

TEST(NfgRead, GambitNamedOutcomesMatchTheirCells) {
  // Outcome "rc" holds cell (r, c); indices "1 4 7 2 5 8 3 6 9" place them.
  auto g = read_nfg(data("gambit_perfect1.nfg"));
  EXPECT_EQ(g.payoff(0, {0, 0}), 3);
  EXPECT_EQ(g.payoff(0, {1, 0}), Q("3/2"));
  EXPECT_EQ(g.payoff(1, {1, 0}), 1);
  EXPECT_EQ(g.payoff(0, {1, 2}), Q("3/2"));
  EXPECT_EQ(g.payoff(1, {0, 1}), 0);
  EXPECT_EQ(g.payoff(0, {1, 1}), 2);
  EXPECT_EQ(g.payoff(1, {1, 1}), 2);
  EXPECT_EQ(g.payoff(0, {2, 2}), 3);
  EXPECT_EQ(g.payoff(1, {2, 0}), 1);
}

TEST(NfgRead, GambitThreePlayers) {
  auto g = read_nfg(data("gambit_2x2x2.nfg"));
  EXPECT_EQ(g.players(), (std::vector<std::string>{"Player 1", "Player 2", "Player 3"}));
  EXPECT_EQ(g.shape(), (std::vector<std::size_t>{2, 2, 2}));
  // Outcomes 1..8 in cell order (1,1,1) (2,1,1) (1,2,1) (2,2,1) (1,1,2) ...
  EXPECT_EQ(g.payoff(0, {0, 0, 0}), 9);
  EXPECT_EQ(g.payoff(2, {0, 0, 0}), 12);
  EXPECT_EQ(g.payoff(0, {1, 0, 0}), 0);
  EXPECT_EQ(g.payoff(2, {1, 1, 0}), 2);
  EXPECT_EQ(g.payoff(1, {1, 1, 0}), 8);
  EXPECT_EQ(g.payoff(0, {1, 0, 1}), 3);
  EXPECT_EQ(g.payoff(1, {0, 1, 1}), 4);
  EXPECT_EQ(g.payoff(2, {0, 1, 1}), 6);
  EXPECT_EQ(g.payoff(2, {1, 1, 1}), 0);
}

TEST(NfgRead, OwnNullOutcomeAndNumberForms) {
  auto g = read_nfg(data("own_null_outcome.nfg"));
  EXPECT_EQ(g.title(), "Own test file: null outcome, optional commas");
  EXPECT_EQ(g.comment(), "A comment that\nspans two lines, with a \"quote\"");
  EXPECT_EQ(g.players(), (std::vector<std::string>{"Row", "Col", "Third"}));
  EXPECT_EQ(g.strategies(1), (std::vector<std::string>{"left", "right", "mid"}));
  EXPECT_EQ(g.shape(), (std::vector<std::size_t>{2, 3, 1}));
  // Indices "0 1 2 3 0 1" over (u,l) (d,l) (u,r) (d,r) (u,m) (d,m).
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(g.payoff(i, {0, 0, 0}), 0) << "null outcome, player " << i;
    EXPECT_EQ(g.payoff(i, {0, 2, 0}), 0) << "null outcome, player " << i;
  }
  EXPECT_EQ(g.payoff(0, {1, 0, 0}), 1);
  EXPECT_EQ(g.payoff(2, {1, 0, 0}), 3);
  EXPECT_EQ(g.payoff(0, {0, 1, 0}), Q("-1/2"));
  EXPECT_EQ(g.payoff(1, {0, 1, 0}), Q("1/2"));
  EXPECT_EQ(g.payoff(2, {0, 1, 0}), 3);
  EXPECT_EQ(g.payoff(0, {1, 1, 0}), 100);
  EXPECT_EQ(g.payoff(1, {1, 1, 0}), Q("3/2"));
  EXPECT_EQ(g.payoff(2, {1, 1, 0}), 0);
  EXPECT_EQ(g.payoff(1, {1, 2, 0}), 2);
}

TEST(NfgRead, NumberFormsAreExact) {
  auto g = parse_nfg(two_by_two("0.1 -3 .5 3. 3/2 1e2 15e-1 123456789012345678901234567890\n"));
  EXPECT_EQ(g.payoff(0, {0, 0}), Q("1/10"));
  EXPECT_EQ(g.payoff(1, {0, 0}), -3);
  EXPECT_EQ(g.payoff(0, {1, 0}), Q("1/2"));
  EXPECT_EQ(g.payoff(1, {1, 0}), 3);
  EXPECT_EQ(g.payoff(0, {0, 1}), Q("3/2"));
  EXPECT_EQ(g.payoff(1, {0, 1}), 100);
  EXPECT_EQ(g.payoff(0, {1, 1}), Q("3/2"));
  EXPECT_EQ(g.payoff(1, {1, 1}), Q("123456789012345678901234567890"));
}

TEST(NfgRead, LayoutIsFree) {
  // One line, tabs, CRLF, a string with an escaped quote and a lone backslash.
  std::string text =
      "NFG\t1 D \"a \\\"b\\\" c\\d\"{\"x\"\"y\"}{{\"s\"}{\"t\" \"u\"}}\r\n"
      "{ {\"\"1,2}{\"o\" 3 4} }\r\n1\r\n2\r\n";
  auto g = parse_nfg(text);
  EXPECT_EQ(g.title(), "a \"b\" c\\d");
  EXPECT_EQ(g.players(), (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(g.comment(), "");
  EXPECT_EQ(g.payoff(0, {0, 0}), 1);
  EXPECT_EQ(g.payoff(1, {0, 1}), 4);
  expect_error("NFG 1 R \"t\"\r\n{ \"A\" }\r\n{ 1 }\r\n7 8\r\n", 4, "found '8'");
}

// ---- Writing and round trips ----

Game<Rational> sample_rational() {
  Game<Rational> g({"P \"one\"", "P2", ""}, {{"a", "b"}, {"c", "d", "e"}, {"only"}});
  g.set_title("A \"quoted\" title");
  g.set_comment("two\nlines");
  Rational big(mpz_class("12345678901234567890123456788"), mpz_class(7));  // canonical: not a multiple of 7
  for (std::size_t k = 0; k < g.num_profiles(); ++k) {
    g.payoffs(0)[k] = Rational(static_cast<long>(k) - 3, 4);
    g.payoffs(0)[k].canonicalize();
    g.payoffs(1)[k] = big * static_cast<long>(k);
    g.payoffs(2)[k] = -static_cast<long>(k * k);
  }
  return g;
}

TEST(NfgWrite, ExactTextForASmallGame) {
  Game<Rational> g({"P1", "P2"}, {{"a", "b"}, {"c", "d"}});
  g.set_title("T");
  g.payoff(0, {0, 0}) = 1;
  g.payoff(1, {0, 0}) = -1;
  g.payoff(0, {1, 0}) = Rational(1, 2);
  g.payoff(0, {0, 1}) = 3;
  g.payoff(1, {1, 1}) = 4;
  EXPECT_EQ(to_nfg(g),
            "NFG 1 R \"T\" { \"P1\" \"P2\" }\n\n"
            "{ { \"a\" \"b\" }\n{ \"c\" \"d\" }\n}\n"
            "\"\"\n\n"
            "1 -1\n1/2 0\n3 0\n0 4\n");
}

TEST(NfgWrite, RationalRoundTrip) {
  auto g = sample_rational();
  std::string text = to_nfg(g);
  EXPECT_NE(text.find("\"P \\\"one\\\"\""), std::string::npos) << text;
  EXPECT_EQ(parse_nfg(text), g);
}

TEST(NfgWrite, DataFilesRoundTrip) {
  for (const char* name : {"gambit_e02.nfg", "gambit_sh3.nfg", "gambit_winkels.nfg", "gambit_loopback.nfg",
                           "gambit_perfect1.nfg", "gambit_2x2x2.nfg", "own_null_outcome.nfg"}) {
    auto g = read_nfg(data(name));
    EXPECT_EQ(parse_nfg(to_nfg(g)), g) << name;
  }
}

TEST(NfgWrite, DoubleRoundTrip) {
  Game<double> g({"r", "c"}, {{"a", "b", "c"}, {"x", "y"}});
  const double values[] = {0.1,    -2.5,    1e20,  1e-7,   1.0 / 3.0, -0.0,
                           5e-324, 1.7976931348623157e308, 2.2250738585072014e-308, 123456.789, -1e100, 42};
  std::size_t n = 0;
  for (std::size_t i = 0; i < 2; ++i)
    for (std::size_t k = 0; k < g.num_profiles(); ++k) g.payoffs(i)[k] = values[n++];
  std::string text = to_nfg(g);
  EXPECT_EQ(text.find('+'), std::string::npos) << text;
  EXPECT_NE(text.find("1e20"), std::string::npos) << text;
  EXPECT_NE(text.find("0.1 "), std::string::npos) << text;
  auto back = parse_nfg(text);
  // Each double was written as its shortest decimal, read back exactly.
  EXPECT_EQ(back, g.cast<Rational>());
  EXPECT_EQ(back.payoff(0, {0, 0}), Q("1/10"));
  EXPECT_EQ(back.payoff(0, {1, 0}), Rational(mpz_class("100000000000000000000")));
  // And the decimal is the double: strtod of each written number is exact.
  for (std::size_t i = 0; i < 2; ++i)
    for (std::size_t k = 0; k < g.num_profiles(); ++k)
      EXPECT_EQ(std::strtod(to_string(g.payoffs(i)[k]).c_str(), nullptr), g.payoffs(i)[k]);
}

TEST(NfgWrite, NonFiniteDoubleRefused) {
  Game<double> g({1, 1});
  g.payoffs(0)[0] = std::numeric_limits<double>::infinity();
  EXPECT_THROW(to_nfg(g), InvalidArgument);
  g.payoffs(0)[0] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(to_nfg(g), InvalidArgument);
}

TEST(NfgWrite, FilesRoundTrip) {
  auto dir = std::filesystem::temp_directory_path() / ("entente_nfg_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto g = sample_rational();
  io::write_nfg(g, dir / "g.nfg");
  EXPECT_EQ(read_nfg(dir / "g.nfg"), g);
  Game<double> d({2, 1});
  d.payoffs(0)[1] = 0.25;
  io::write_nfg(d, dir / "d.nfg");
  EXPECT_EQ(read_nfg(dir / "d.nfg"), d.cast<Rational>());
  EXPECT_THROW(io::write_nfg(g, dir / "no_such_dir" / "g.nfg"), InvalidArgument);
  std::filesystem::remove_all(dir);
}

// ---- Malformed input ----

TEST(NfgErrors, MissingFile) {
  try {
    read_nfg(data("no_such_file.nfg"));
    FAIL() << "no error";
  } catch (const ParseError&) {
    FAIL() << "a missing file is not a parse error";
  } catch (const InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find("cannot open '"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("no_such_file.nfg'"), std::string::npos) << e.what();
  }
  EXPECT_THROW(read_nfg(ENTENTE_TEST_DATA), InvalidArgument);  // a directory
}

TEST(NfgErrors, HashInFileNamesFileAndLine) {
  try {
    read_nfg(data("own_malformed_hash.nfg"));
    FAIL() << "no error";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.line, 4u);
    std::string msg = e.what();
    EXPECT_NE(msg.find("own_malformed_hash.nfg:4: expected a number"), std::string::npos) << msg;
    EXPECT_NE(msg.find("found '#'"), std::string::npos) << msg;
  }
}

TEST(NfgErrors, BadNumbers) {
  expect_error(two_by_two("1 2 3 4\n5 6 +3 8\n"), 3, "found '+3'");
  expect_error(two_by_two("1 2 3 4\n1e+2 6 7 8\n"), 3, "found '1e+2'");
  expect_error(two_by_two("1 2\n3 4 3/2e1 6 7 8\n"), 3, "found '3/2e1'");
  expect_error(two_by_two("1 2 3 4 5 1/0 7 8\n"), 2, "found '1/0'");
  expect_error(two_by_two("1 2 3 4 5 6 7 x\n"), 2, "expected a number");
  expect_error(two_by_two("# 1 2 3 4 5 6 7 8\n"), 2, "found '#'");
  expect_error(two_by_two("1 2 3 # 5 6 7 8\n"), 2, "found '#'");
}

TEST(NfgErrors, WrongNumberOfPayoffs) {
  expect_error(two_by_two("1 2 3 4\n5 6 7\n\n"), 3, "found end of file");
  expect_error(two_by_two("1 2 3 4\n5 6 7 8\n9\n"), 4, "expected end of file");
  expect_error(two_by_two(""), 1, "found end of file");
}

TEST(NfgErrors, Strings) {
  expect_error("NFG 1 R \"t\" { \"A } { 1 }\n1\n", 1, "unterminated string");
  // The error names the line where the string opened.
  expect_error("NFG 1 R \"t\" { \"A\" } { 1 }\n\n\"a comment\nthat never ends\n1\n", 3, "unterminated string");
  expect_error("NFG 1 R \"t\" { \"A\" } { 1 }\n\"ok\\\" still open\n1\n", 2, "unterminated string");
}

TEST(NfgErrors, Header) {
  expect_error("", 1, "expected 'NFG'");
  expect_error("EFG 2 R \"t\" { \"A\" } { 1 } 1", 1, "expected 'NFG'");
  expect_error("NFG 2 R \"t\" { \"A\" } { 1 } 1", 1, "version");
  expect_error("NFG 1 X \"t\" { \"A\" } { 1 } 1", 1, "'R' or 'D'");
  expect_error("NFG 1 R { \"A\" } { 1 } 1", 1, "title");
  expect_error("NFG 1 R \"t\"\n{ }\n{ }\n", 2, "at least one player");
  expect_error("NFG 1 R \"t\"\n{ \"A\" 3 }\n{ 1 }\n1\n", 2, "player name");
  expect_error("NFG 1 R \"t\" { \"A\" \"B\" }\n{ 2 0 }\n", 2, "positive strategy count");
  expect_error("NFG 1 R \"t\" { \"A\" \"B\" }\n{ 2 -1 }\n", 2, "positive strategy count");
  expect_error("NFG 1 R \"t\" { \"A\" \"B\" }\n{ 2 }\n1 2 3 4\n", 2, "found '}'");
  expect_error("NFG 1 R \"t\" { \"A\" \"B\" }\n{ 2 2 2 }\n", 2, "expected '}' after 2 strategy counts");
  expect_error("NFG 1 R \"t\" { \"A\" \"B\" }\n{ { \"a\" }\n{ } }\n1 2\n", 3, "at least one strategy for player 2");
  expect_error("NFG 1 R \"t\" { \"A\" \"B\" }\n{ { \"a\" } }\n1 2\n", 2, "strategy labels of player 2");
  expect_error("NFG 1 R \"t\" { \"A\" } { 1 }\n\"c\" \"d\"\n", 2, "outcome list, or a payoff");
}

TEST(NfgErrors, HugeCountsRefusedBeforeAllocating) {
  expect_error("NFG 1 R \"t\" { \"A\" \"B\" \"C\" }\n{ 100000 100000 100000 }\n1\n", 2, "too large");
  expect_error("NFG 1 R \"t\" { \"A\" \"B\" }\n{ 99999999999999999999999999 2 }\n1\n", 2, "too large");
  // Within Game's limit but far more cells than the file could hold.
  expect_error("NFG 1 R \"t\" { \"A\" }\n{ 100000000 }\n1 2 3\n", 2, "too short");
  expect_error("NFG 1 R \"t\" { \"A\" \"B\" }\n{ { \"a\" \"b\" } { \"c\" } }\n1\n", 3, "found end of file");
}

TEST(NfgErrors, Outcomes) {
  const std::string head = "NFG 1 R \"t\" { \"A\" \"B\" } { 2 1 }\n";
  expect_error(head + "{ { \"\" 1 2 } }\n1 3\n", 3, "from 0 to 1 but found '3'");
  expect_error(head + "{ { \"\" 1 2 } }\n1 -1\n", 3, "outcome index");
  expect_error(head + "{ { \"\" 1 2 } }\n1 1.0\n", 3, "outcome index");
  expect_error(head + "{ { \"\" 1 2 } }\n1 99999999999999999999999\n", 3, "from 0 to 1");
  expect_error(head + "{ { \"\" 1 2 } }\n1\n", 3, "found end of file");
  expect_error(head + "{ { \"\" 1 2 } }\n1 1 1\n", 3, "expected end of file");
  expect_error(head + "{\n{ \"\" 1 }\n}\n1 1\n", 3, "found '}'");          // too few payoffs
  expect_error(head + "{\n{ \"\" 1, 2, 3 }\n}\n1 1\n", 3, "found '3'");     // too many
  expect_error(head + "{\n{ 1 2 }\n}\n1 1\n", 3, "outcome name");
  expect_error(head + "{\n{ \"\" 1 +2 }\n}\n1 1\n", 3, "found '+2'");
  expect_error(head + "{\n{ \"\" 1 2 }\n", 3, "found end of file");
  // With no outcomes at all, only the null outcome exists.
  auto g = parse_nfg(head + "{ }\n0 0\n");
  EXPECT_EQ(g.payoff(0, {1, 0}), 0);
  expect_error(head + "{ }\n0 1\n", 3, "from 0 to 0");
}

// --- text encodings -------------------------------------------------------------

TEST(NfgText, ValidUtf8IsKeptByteForByte) {
  // "Æ" (2 bytes), "€" (3 bytes), "😀" (4 bytes): valid UTF-8 stays as written.
  const std::string text = "NFG 1 R \"\xC3\x86 \xE2\x82\xAC\" { \"\xF0\x9F\x98\x80\" } { { \"na\xC3\xAFve\" } }\n\"c\xC3\xA9\"\n1\n";
  const auto g = parse_nfg(text);
  EXPECT_EQ(g.title(), "\xC3\x86 \xE2\x82\xAC");
  EXPECT_EQ(g.players()[0], "\xF0\x9F\x98\x80");
  EXPECT_EQ(g.strategies()[0][0], "na\xC3\xAFve");
  EXPECT_EQ(g.comment(), "c\xC3\xA9");
}

TEST(NfgText, Latin1LabelsBecomeUtf8) {
  // Bytes as an old Gambit file wrote them in Latin-1: 0xE9 is 'é' (U+00E9,
  // UTF-8 C3 A9), 0xFC is 'ü' (C3 BC), 0xA0 a no-break space (C2 A0).
  const std::string text =
      "NFG 1 R \"Th\xE9or\xE8me\" { \"M\xFCller\" \"B\" }\n"
      "{ { \"caf\xE9\" \"b\" } { \"x\xA0y\" } }\n\"r\xE9sum\xE9\"\n1 2 3 4\n";
  const auto g = parse_nfg(text);
  EXPECT_EQ(g.title(), "Th\xC3\xA9or\xC3\xA8me");
  EXPECT_EQ(g.players()[0], "M\xC3\xBCller");
  EXPECT_EQ(g.players()[1], "B");
  EXPECT_EQ(g.strategies()[0][0], "caf\xC3\xA9");
  EXPECT_EQ(g.strategies()[1][0], "x\xC2\xA0y");
  EXPECT_EQ(g.comment(), "r\xC3\xA9sum\xC3\xA9");
  EXPECT_EQ(g.payoff(1, {1, 0}), 4);
  // The text written back is UTF-8 and reads back to the same game.
  EXPECT_TRUE(io::is_valid_utf8(to_nfg(g)));
  EXPECT_EQ(parse_nfg(to_nfg(g)), g);
}

TEST(NfgText, EachStringIsDecodedOnItsOwn) {
  // One Latin-1 label does not change how a valid UTF-8 label is read, and a
  // label holding bytes that merely look like UTF-8 pieces is Latin-1 whole.
  const auto g = parse_nfg("NFG 1 R \"\" { \"\xC3\xA9\" \"\xE9\" \"\xC3\" } { 1 1 1 }\n1 2 3\n");
  EXPECT_EQ(g.players()[0], "\xC3\xA9");
  EXPECT_EQ(g.players()[1], "\xC3\xA9");
  EXPECT_EQ(g.players()[2], "\xC3\x83");  // a lone lead byte: 'Ã'
}

TEST(NfgText, ErrorMessagesAreUtf8) {
  // A bad word of Latin-1 bytes, and a 40-byte word of two-byte characters
  // that the 32-byte cut in messages must not split.
  expect_error(two_by_two("1 2 3 4 5 6 7 caf\xE9\n"), 2, "found 'caf\xC3\xA9'");
  std::string long_word = "x";  // byte 32 is then the middle of an 'é'
  for (int i = 0; i < 20; ++i) long_word += "\xC3\xA9";
  try {
    parse_nfg(two_by_two("1 2 3 4 5 6 7 " + long_word + "\n"), "game.nfg");
    FAIL() << "no error";
  } catch (const ParseError& e) {
    const std::string msg = e.what();
    EXPECT_TRUE(io::is_valid_utf8(msg)) << msg;
    EXPECT_NE(msg.find("found '" + long_word.substr(0, 31) + "...'"), std::string::npos) << msg;
  }
}

TEST(NfgText, Utf8Validation) {
  EXPECT_TRUE(io::is_valid_utf8(""));
  EXPECT_TRUE(io::is_valid_utf8("plain ASCII"));
  EXPECT_TRUE(io::is_valid_utf8("\xC2\x80 \xDF\xBF \xE0\xA0\x80 \xEF\xBF\xBF \xF0\x90\x80\x80 \xF4\x8F\xBF\xBF"));
  EXPECT_FALSE(io::is_valid_utf8("\x80"));              // a continuation byte alone
  EXPECT_FALSE(io::is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(io::is_valid_utf8("\xE0\x80\xAF"));      // overlong, three bytes
  EXPECT_FALSE(io::is_valid_utf8("\xED\xA0\x80"));      // a surrogate, U+D800
  EXPECT_FALSE(io::is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(io::is_valid_utf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(io::is_valid_utf8("\xE2\x82"));          // cut short
  EXPECT_FALSE(io::is_valid_utf8("\xE2\x28\xA1"));      // a bad continuation
  EXPECT_EQ(io::latin1_to_utf8("a\xFF\x7F"), "a\xC3\xBF\x7F");
  EXPECT_EQ(io::utf8_or_latin1("\xC3\xA9"), "\xC3\xA9");
  EXPECT_EQ(io::utf8_or_latin1("\xE9"), "\xC3\xA9");
}

}  // namespace
}  // namespace entente
