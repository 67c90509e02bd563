// Gambit .efg reader and writer. The grammar follows Gambit's own parser
// (src/games/file.cc): a prologue, then the nodes in preorder, each `c`
// (chance), `p` (personal) or `t` (terminal); an information set or an
// outcome is described at its first appearance and may be referred to by
// number afterwards.
#include "entente/io/efg.hpp"

#include <map>
#include <sstream>

#include "entente/io/text.hpp"
#include "lexer.hpp"

namespace entente::io {
namespace {

using namespace detail;

struct InfosetText {
  std::string label;
  std::vector<std::string> actions;
  std::vector<Rational> probabilities;  // chance only
  std::size_t line = 0;
};

struct OutcomeText {
  std::string label;
  std::vector<Rational> payoffs;
};

// A node as the file gives it; the tree is built once every number is known.
struct NodeText {
  NodeKind kind = NodeKind::terminal;
  std::string label;
  std::size_t player = 0;  // 1-based; 0 for chance
  long infoset = 0;        // the file's number
  long outcome = 0;        // the file's number; 0 = none
  std::size_t line = 0;
};

class Parser : TokenReader {
 public:
  using TokenReader::TokenReader;

  ExtensiveGame<Rational> parse() {
    auto [title, players] = header("EFG", "2");
    std::string comment;
    if (tok_.kind == Token::String) {
      comment = tok_.text;
      advance();
    }
    players_ = players.size();
    infosets_.resize(players_ + 1);
    // Preorder: each node read leaves its children still to read.
    for (std::size_t waiting = 1; waiting > 0;) waiting += read_node() - 1;
    if (tok_.kind != Token::End) fail("end of file after the last node of the tree");
    return build(std::move(players), std::move(title), std::move(comment));
  }

 private:
  [[noreturn]] void fail_at(std::size_t line, const std::string& what) { throw ParseError(source_, line, what); }

  long positive(const std::string& what, bool allow_zero) {
    std::size_t n = 0;
    bool overflow = false;
    if (tok_.kind != Token::Word || !parse_count(tok_.text, n, overflow) || n > 1000000000 || (!allow_zero && n == 0))
      fail(what);
    advance();
    return static_cast<long>(n);
  }

  // One node; returns how many children follow it.
  std::size_t read_node() {
    NodeText node;
    node.line = tok_.line;
    if (tok_.kind != Token::Word || (tok_.text != "c" && tok_.text != "p" && tok_.text != "t"))
      fail("a node: 'c' (chance), 'p' (personal) or 't' (terminal)");
    const char kind = tok_.text[0];
    advance();
    node.label = expect_string("the node's label (a quoted string)");
    std::size_t children = 0;
    if (kind == 't') {
      node.kind = NodeKind::terminal;
    } else {
      node.kind = kind == 'c' ? NodeKind::chance : NodeKind::personal;
      if (kind == 'p') {
        const long player = positive("a player number from 1 to " + std::to_string(players_), false);
        if (static_cast<std::size_t>(player) > players_)
          fail_at(node.line, "player " + std::to_string(player) + " does not exist (the game has " +
                                 std::to_string(players_) + " players)");
        node.player = static_cast<std::size_t>(player);
      }
      node.infoset = positive("an information set number (a positive integer)", false);
      auto& known = infosets_[node.player];
      const std::string who = kind == 'c' ? "chance" : "player " + std::to_string(node.player);
      if (tok_.kind == Token::String) {
        InfosetText info = read_infoset(kind == 'c');
        info.line = node.line;
        auto it = known.find(node.infoset);
        if (it == known.end()) {
          known.emplace(node.infoset, std::move(info));
        } else if (it->second.label != info.label || it->second.actions != info.actions ||
                   it->second.probabilities != info.probabilities) {
          fail_at(node.line, "information set " + std::to_string(node.infoset) + " of " + who +
                                 " does not match its definition on line " + std::to_string(it->second.line));
        }
      } else if (!known.count(node.infoset)) {
        fail("the label and actions of information set " + std::to_string(node.infoset) + " of " + who +
             " (first use)");
      }
      children = known.at(node.infoset).actions.size();
    }
    node.outcome = read_outcome();
    nodes_.push_back(std::move(node));
    return children;
  }

  InfosetText read_infoset(bool chance) {
    InfosetText info;
    info.label = expect_string("the information set's label");
    expect(Token::LBrace, "'{' opening the list of actions");
    while (tok_.kind == Token::String) {
      info.actions.push_back(tok_.text);
      advance();
      if (chance) {
        info.probabilities.push_back(number("the probability of action '" + info.actions.back() + "'"));
        if (tok_.kind == Token::Comma) advance();
      }
    }
    if (tok_.kind != Token::RBrace) fail(chance ? "an action label (a quoted string) or '}'" : "an action label or '}'");
    if (info.actions.empty()) fail("at least one action");
    advance();
    return info;
  }

  long read_outcome() {
    const std::size_t line = tok_.line;
    const long id = positive("an outcome number (0 for none)", true);
    if (tok_.kind != Token::String) {
      if (id != 0 && !outcomes_.count(id))
        fail("the label and payoffs of outcome " + std::to_string(id) + " (first use)");
      return id;
    }
    if (id == 0) fail_at(line, "outcome 0 is the null outcome and takes no label or payoffs");
    OutcomeText outcome;
    outcome.label = expect_string("the outcome's label");
    expect(Token::LBrace, "'{' opening the outcome's payoffs");
    for (std::size_t i = 0; i < players_; ++i) {
      outcome.payoffs.push_back(number("the payoff of player " + std::to_string(i + 1) + " in outcome " +
                                       std::to_string(id) + " (" + std::to_string(players_) + " payoffs)"));
      if (tok_.kind == Token::Comma) advance();
    }
    expect(Token::RBrace, "'}' after " + std::to_string(players_) + " payoffs in outcome " + std::to_string(id));
    auto it = outcomes_.find(id);
    if (it == outcomes_.end()) {
      outcomes_.emplace(id, std::move(outcome));
      outcome_order_.push_back(id);
    } else if (it->second.label != outcome.label || it->second.payoffs != outcome.payoffs) {
      fail_at(line, "outcome " + std::to_string(id) + " does not match its earlier definition");
    }
    return id;
  }

  ExtensiveGame<Rational> build(std::vector<std::string> players, std::string title, std::string comment) {
    ExtensiveGame<Rational> game(std::move(players), std::move(title));
    game.set_comment(std::move(comment));
    // Information sets in the order of their numbers.
    std::vector<std::map<long, std::size_t>> index(players_ + 1);
    for (std::size_t p = 0; p <= players_; ++p)
      for (auto& [number, info] : infosets_[p]) {
        try {
          index[p][number] = p == 0 ? game.add_chance_infoset(info.actions, info.probabilities, info.label)
                                    : game.add_infoset(p - 1, info.actions, info.label);
        } catch (const InvalidArgument& e) {
          fail_at(info.line, std::string("chance information set ") + std::to_string(number) + ": " + e.what());
        }
      }
    std::map<long, std::size_t> outcome_index;
    for (long id : outcome_order_) {
      const auto& o = outcomes_.at(id);
      outcome_index[id] = game.add_outcome(o.payoffs, o.label);
    }
    // Nodes in preorder: a stack of the nodes still waiting for their text.
    std::vector<std::size_t> pending{game.root()};
    for (const NodeText& text : nodes_) {
      const std::size_t n = pending.back();
      pending.pop_back();
      game.set_node_label(n, text.label);
      if (text.kind == NodeKind::chance) game.add_chance(n, index[0].at(text.infoset));
      if (text.kind == NodeKind::personal)
        game.add_move(n, text.player - 1, index[text.player].at(text.infoset));
      if (text.outcome != 0) game.set_outcome(n, outcome_index.at(text.outcome));
      const auto& children = game.node(n).children;
      for (auto it = children.rbegin(); it != children.rend(); ++it) pending.push_back(*it);
    }
    return game;
  }

  std::size_t players_ = 0;
  std::vector<std::map<long, InfosetText>> infosets_;  // [0]: chance, [i]: player i (1-based)
  std::map<long, OutcomeText> outcomes_;
  std::vector<long> outcome_order_;
  std::vector<NodeText> nodes_;
};

template <class Scalar>
std::string write_text(const ExtensiveGame<Scalar>& game) {
  std::ostringstream out;
  out << "EFG 2 R " << quote(game.title(), ".efg") << " {";
  for (const auto& p : game.players()) out << ' ' << quote(p, ".efg");
  out << " }\n" << quote(game.comment(), ".efg") << "\n\n";
  std::vector<std::vector<char>> described(game.num_players() + 1);
  for (std::size_t i = 0; i < game.num_players(); ++i) described[i + 1].assign(game.infosets(i).size(), 0);
  described[0].assign(game.chance_infosets().size(), 0);
  std::vector<char> outcome_described(game.outcomes().size(), 0);
  std::vector<std::size_t> stack{game.root()};
  while (!stack.empty()) {
    const std::size_t n = stack.back();
    stack.pop_back();
    const TreeNode& x = game.node(n);
    if (x.kind == NodeKind::terminal) {
      out << "t " << quote(x.label, ".efg");
    } else {
      const bool chance = x.kind == NodeKind::chance;
      out << (chance ? "c " : "p ") << quote(x.label, ".efg");
      if (!chance) out << ' ' << x.player + 1;
      out << ' ' << x.infoset + 1;
      char& done = described[chance ? 0 : x.player + 1][x.infoset];
      if (!done) {
        const auto& h = game.infoset_of(n);
        out << ' ' << quote(h.label, ".efg") << " {";
        for (std::size_t a = 0; a < h.actions.size(); ++a) {
          out << ' ' << quote(h.actions[a], ".efg");
          if (chance) out << ' ' << format_number(h.probabilities[a]);
        }
        out << " }";
        done = 1;
      }
    }
    if (x.outcome) {
      out << ' ' << *x.outcome + 1;
      if (!outcome_described[*x.outcome]) {
        const auto& o = game.outcomes()[*x.outcome];
        out << ' ' << quote(o.label, ".efg") << " {";
        for (std::size_t i = 0; i < o.payoffs.size(); ++i) out << (i ? ", " : " ") << format_number(o.payoffs[i]);
        out << " }";
        outcome_described[*x.outcome] = 1;
      }
    } else {
      out << " 0";
    }
    out << '\n';
    for (auto it = x.children.rbegin(); it != x.children.rend(); ++it) stack.push_back(*it);
  }
  return out.str();
}

}  // namespace

ExtensiveGame<Rational> parse_efg(std::string_view text, const std::string& source) {
  return Parser(text, source).parse();
}

ExtensiveGame<Rational> read_efg(const std::filesystem::path& path) {
  return parse_efg(read_text(path), utf8_or_latin1(path.string()));
}

std::string to_efg(const ExtensiveGame<Rational>& game) { return write_text(game); }
std::string to_efg(const ExtensiveGame<double>& game) { return write_text(game); }

void write_efg(const ExtensiveGame<Rational>& game, const std::filesystem::path& path) {
  write_file(to_efg(game), path);
}
void write_efg(const ExtensiveGame<double>& game, const std::filesystem::path& path) {
  write_file(to_efg(game), path);
}

}  // namespace entente::io
