// ExtensiveGame<Scalar>: a game tree with chance and personal nodes,
// information sets, labelled actions and outcomes (Gambit's .efg model).
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "entente/error.hpp"
#include "entente/fwd.hpp"
#include "entente/scalar.hpp"

namespace entente {

inline constexpr std::size_t kNoIndex = std::numeric_limits<std::size_t>::max();

enum class NodeKind { terminal, chance, personal };

/// A node of the tree. Node 0 is the root; children follow their parent.
struct TreeNode {
  NodeKind kind = NodeKind::terminal;
  std::string label;
  std::size_t parent = kNoIndex;
  std::size_t parent_action = kNoIndex;  ///< which action of the parent leads here
  std::size_t player = kNoIndex;         ///< personal nodes: 0-based player
  std::size_t infoset = kNoIndex;        ///< index among the player's (or chance's) information sets
  std::optional<std::size_t> outcome;    ///< index into outcomes(); payoffs add up along a path
  std::vector<std::size_t> children;     ///< one per action
};

/// An information set: the nodes its player cannot tell apart, and their
/// actions. Chance information sets carry the actions' probabilities.
template <class Scalar>
struct Infoset {
  std::string label;
  std::vector<std::string> actions;
  std::vector<Scalar> probabilities;  ///< chance only
  std::vector<std::size_t> nodes;
};

template <class Scalar>
struct Outcome {
  std::string label;
  std::vector<Scalar> payoffs;  ///< one per player
};

/// A finite game in extensive form. Build it top-down: the root is a
/// terminal node until a move is attached to it; a move gives a node one
/// child per action. Information sets are numbered per player in the order
/// they are created (the .efg reader creates them in the file's numbering).
///
///     ExtensiveGame<Rational> g({"Entrant", "Incumbent"});
///     auto h = g.add_move(g.root(), 0, {"Out", "In"});
///     g.set_outcome(g.child(g.root(), 0), g.add_outcome({0, 2}));
template <class Scalar>
class ExtensiveGame {
 public:
  using scalar_type = Scalar;

  explicit ExtensiveGame(std::vector<std::string> players, std::string title = "")
      : title_(std::move(title)), players_(std::move(players)), infosets_(players_.size()) {
    if (players_.empty()) throw InvalidArgument("a game tree needs at least one player");
    nodes_.emplace_back();
  }

  std::size_t num_players() const { return players_.size(); }
  const std::vector<std::string>& players() const { return players_; }
  const std::string& title() const { return title_; }
  void set_title(std::string title) { title_ = std::move(title); }
  const std::string& comment() const { return comment_; }
  void set_comment(std::string comment) { comment_ = std::move(comment); }

  std::size_t root() const { return 0; }
  std::size_t num_nodes() const { return nodes_.size(); }
  const TreeNode& node(std::size_t n) const { return nodes_.at(n); }
  const std::vector<TreeNode>& nodes() const { return nodes_; }
  void set_node_label(std::size_t n, std::string label) { nodes_.at(n).label = std::move(label); }
  std::size_t child(std::size_t n, std::size_t action) const { return nodes_.at(n).children.at(action); }

  const std::vector<Infoset<Scalar>>& infosets(std::size_t player) const { return infosets_.at(player); }
  const Infoset<Scalar>& infoset(std::size_t player, std::size_t h) const { return infosets_.at(player).at(h); }
  const std::vector<Infoset<Scalar>>& chance_infosets() const { return chance_; }
  /// The information set a personal or chance node belongs to.
  const Infoset<Scalar>& infoset_of(std::size_t n) const {
    const TreeNode& x = nodes_.at(n);
    if (x.kind == NodeKind::terminal) throw InvalidArgument("node " + std::to_string(n) + " is terminal");
    return x.kind == NodeKind::chance ? chance_.at(x.infoset) : infosets_[x.player].at(x.infoset);
  }

  const std::vector<Outcome<Scalar>>& outcomes() const { return outcomes_; }

  /// A new information set of `player` with these actions, no nodes yet.
  std::size_t add_infoset(std::size_t player, std::vector<std::string> actions, std::string label = "") {
    check_player(player);
    if (actions.empty()) throw InvalidArgument("an information set needs at least one action");
    infosets_[player].push_back({std::move(label), std::move(actions), {}, {}});
    return infosets_[player].size() - 1;
  }
  /// A new chance information set; the probabilities must be >= 0 and sum to one.
  std::size_t add_chance_infoset(std::vector<std::string> actions, std::vector<Scalar> probabilities,
                                 std::string label = "") {
    if (actions.empty()) throw InvalidArgument("a chance move needs at least one action");
    if (probabilities.size() != actions.size())
      throw InvalidArgument("a chance move has " + std::to_string(actions.size()) + " actions but " +
                            std::to_string(probabilities.size()) + " probabilities");
    Scalar sum(0);
    for (const auto& p : probabilities) {
      if (!(p >= 0)) throw InvalidArgument("a chance probability is negative: " + to_string(p));
      sum += p;
    }
    Scalar gap = sum - Scalar(1);
    if (gap < 0) gap = -gap;
    if (!(gap <= ScalarTraits<Scalar>::eps() * Scalar(static_cast<long>(probabilities.size()))))
      throw InvalidArgument("chance probabilities sum to " + to_string(sum) + ", not 1");
    chance_.push_back({std::move(label), std::move(actions), std::move(probabilities), {}});
    return chance_.size() - 1;
  }

  /// Makes terminal node `n` a decision of `player` at information set `h`
  /// and gives it one (terminal) child per action; returns `h`.
  std::size_t add_move(std::size_t n, std::size_t player, std::size_t h) {
    check_player(player);
    Infoset<Scalar>& set = infosets_[player].at(h);
    attach(n, NodeKind::personal, player, h, set.actions.size());
    set.nodes.push_back(n);
    return h;
  }
  /// A move at a new information set of `player`.
  std::size_t add_move(std::size_t n, std::size_t player, std::vector<std::string> actions, std::string label = "") {
    return add_move(n, player, add_infoset(player, std::move(actions), std::move(label)));
  }
  /// Makes terminal node `n` a chance move of information set `h`.
  std::size_t add_chance(std::size_t n, std::size_t h) {
    Infoset<Scalar>& set = chance_.at(h);
    attach(n, NodeKind::chance, kNoIndex, h, set.actions.size());
    set.nodes.push_back(n);
    return h;
  }
  std::size_t add_chance(std::size_t n, std::vector<std::string> actions, std::vector<Scalar> probabilities,
                         std::string label = "") {
    return add_chance(n, add_chance_infoset(std::move(actions), std::move(probabilities), std::move(label)));
  }

  /// A new outcome (one payoff per player); returns its index.
  std::size_t add_outcome(std::vector<Scalar> payoffs, std::string label = "") {
    if (payoffs.size() != players_.size())
      throw InvalidArgument("an outcome needs " + std::to_string(players_.size()) + " payoffs, got " +
                            std::to_string(payoffs.size()));
    if constexpr (!is_exact_v<Scalar>)
      for (double u : payoffs)
        if (!std::isfinite(u)) throw InvalidArgument("payoffs must be finite, got " + to_string(u));
    outcomes_.push_back({std::move(label), std::move(payoffs)});
    return outcomes_.size() - 1;
  }
  /// Attaches an outcome to any node (nullopt removes it).
  void set_outcome(std::size_t n, std::optional<std::size_t> outcome) {
    if (outcome && *outcome >= outcomes_.size())
      throw InvalidArgument("outcome " + std::to_string(*outcome) + " does not exist (" +
                            std::to_string(outcomes_.size()) + " outcomes)");
    nodes_.at(n).outcome = outcome;
  }

  /// Every player's payoff at node `n`: the sum of the outcomes from the root to `n`.
  std::vector<Scalar> payoffs_at(std::size_t n) const {
    std::vector<Scalar> total(players_.size(), Scalar(0));
    for (std::size_t x = n; x != kNoIndex; x = nodes_.at(x).parent)
      if (nodes_[x].outcome)
        for (std::size_t i = 0; i < total.size(); ++i) total[i] += outcomes_[*nodes_[x].outcome].payoffs[i];
    return total;
  }

  /// True when every information set of every player holds one node.
  bool is_perfect_information() const {
    for (const auto& sets : infosets_)
      for (const auto& h : sets)
        if (h.nodes.size() > 1) return false;
    return true;
  }

  /// True when the two-player payoffs sum to zero at every terminal node.
  bool is_zero_sum() const {
    if (players_.size() != 2) return false;
    for (std::size_t n = 0; n < nodes_.size(); ++n)
      if (nodes_[n].kind == NodeKind::terminal) {
        auto u = payoffs_at(n);
        Scalar sum = u[0] + u[1];
        if (sum < 0) sum = -sum;
        if (sum > ScalarTraits<Scalar>::eps()) return false;
      }
    return true;
  }

  /// The player's own history at node `n`: the (information set, action)
  /// pairs of its earlier moves on the path from the root, oldest first.
  std::vector<std::pair<std::size_t, std::size_t>> own_history(std::size_t player, std::size_t n) const {
    std::vector<std::pair<std::size_t, std::size_t>> history;
    for (std::size_t x = n; nodes_.at(x).parent != kNoIndex; x = nodes_[x].parent) {
      const TreeNode& up = nodes_[nodes_[x].parent];
      if (up.kind == NodeKind::personal && up.player == player) history.emplace_back(up.infoset, nodes_[x].parent_action);
    }
    return {history.rbegin(), history.rend()};
  }

  /// Why the game lacks perfect recall (a player forgets what it knew or
  /// did: two nodes of one information set with different own histories),
  /// or nullopt when it has perfect recall.
  std::optional<std::string> perfect_recall_violation() const {
    for (std::size_t i = 0; i < players_.size(); ++i)
      for (std::size_t h = 0; h < infosets_[i].size(); ++h) {
        const auto& nodes = infosets_[i][h].nodes;
        for (std::size_t k = 1; k < nodes.size(); ++k)
          if (own_history(i, nodes[k]) != own_history(i, nodes[0]))
            return "player " + std::to_string(i + 1) + " (" + players_[i] + ") does not recall at information set " +
                   std::to_string(h + 1) + ": its nodes follow different moves of its own";
      }
    return std::nullopt;
  }
  bool has_perfect_recall() const { return !perfect_recall_violation(); }
  /// InvalidArgument naming `what` and the violation unless the game has perfect recall.
  void require_perfect_recall(const std::string& what) const {
    if (auto why = perfect_recall_violation()) throw InvalidArgument(what + " needs perfect recall; " + *why);
  }

  /// The same tree in another scalar.
  template <class To>
  ExtensiveGame<To> cast() const {
    ExtensiveGame<To> out(players_, title_);
    out.set_comment(comment_);
    out.nodes_ = nodes_;
    for (std::size_t i = 0; i < players_.size(); ++i)
      for (const auto& h : infosets_[i]) out.infosets_[i].push_back({h.label, h.actions, {}, h.nodes});
    for (const auto& h : chance_) {
      std::vector<To> p;
      for (const auto& x : h.probabilities) p.push_back(scalar_cast<To>(x));
      out.chance_.push_back({h.label, h.actions, std::move(p), h.nodes});
    }
    for (const auto& o : outcomes_) {
      std::vector<To> u;
      for (const auto& x : o.payoffs) u.push_back(scalar_cast<To>(x));
      out.outcomes_.push_back({o.label, std::move(u)});
    }
    return out;
  }

 private:
  template <class>
  friend class ExtensiveGame;

  void check_player(std::size_t player) const {
    if (player >= players_.size())
      throw InvalidArgument("player " + std::to_string(player) + " out of range (" +
                            std::to_string(players_.size()) + " players)");
  }

  void attach(std::size_t n, NodeKind kind, std::size_t player, std::size_t h, std::size_t actions) {
    if (nodes_.at(n).kind != NodeKind::terminal)
      throw InvalidArgument("node " + std::to_string(n) + " already has a move");
    nodes_[n].kind = kind;
    nodes_[n].player = player;
    nodes_[n].infoset = h;
    for (std::size_t a = 0; a < actions; ++a) {
      TreeNode c;
      c.parent = n;
      c.parent_action = a;
      nodes_[n].children.push_back(nodes_.size());
      nodes_.push_back(std::move(c));
    }
  }

  std::string title_;
  std::string comment_;
  std::vector<std::string> players_;
  std::vector<TreeNode> nodes_;
  std::vector<std::vector<Infoset<Scalar>>> infosets_;
  std::vector<Infoset<Scalar>> chance_;
  std::vector<Outcome<Scalar>> outcomes_;
};

}  // namespace entente
