// solve(tree, options): the method table applied to a game tree. Methods
// with a tree form of their own run on the tree (backward induction, the
// sequence-form LP and LCP); the other normal-form methods run on the
// reduced normal form and their equilibria are mapped back to behaviour
// strategies. Every result is certified in the tree.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "entente/extensive/backward_induction.hpp"
#include "entente/extensive/reduced_normal_form.hpp"
#include "entente/extensive/sequence_form.hpp"
#include "entente/extensive/sequence_lcp.hpp"
#include "entente/solvers/solve.hpp"

namespace entente {

template <class Scalar>
struct TreeSolveResult {
  Method method = Method::automatic;  ///< the method that ran (auto resolved)
  Status status = Status::complete;
  /// The selected equilibria in behaviour strategies, each certified in the tree.
  std::vector<BehaviorEquilibrium<Scalar>> equilibria;
  Selection selection;
  std::size_t found = 0;  ///< equilibria the method found, before selection
  /// Whether the method ran on the reduced normal form (and the equilibria were mapped back).
  bool normal_form = false;

  template <class To>
  TreeSolveResult<To> cast() const {
    TreeSolveResult<To> out{method, status, {}, selection, found, normal_form};
    for (const auto& eq : equilibria) out.equilibria.push_back(eq.template cast<To>());
    return out;
  }
};

namespace detail {

/// The method `auto` resolves to for a tree.
template <class Scalar>
Method automatic_tree_method(const ExtensiveGame<Scalar>& tree) {
  if (tree.num_players() == 2 && tree.is_zero_sum()) return Method::lp;
  if (tree.is_perfect_information()) return Method::backward;
  if (tree.num_players() == 2) return Method::lcp;
  return Method::automatic;  // the reduced normal form's own auto
}

/// all / first / welfare / best-for on behaviour equilibria (the same rules
/// and tie-breaks as select_equilibria for normal-form games).
template <class Scalar>
std::vector<BehaviorEquilibrium<Scalar>> select_tree_equilibria(const ExtensiveGame<Scalar>& tree,
                                                                std::vector<BehaviorEquilibrium<Scalar>> found,
                                                                const Selection& selection) {
  using Rule = Selection::Rule;
  std::size_t actor = 0;
  if (selection.rule == Rule::best_for) {
    const auto& names = tree.players();
    actor = names.size();
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == selection.actor) actor = i;
    if (actor == names.size())
      throw InvalidArgument("selection best-for:" + selection.actor + ": no player of that name");
  }
  if (selection.rule == Rule::all || found.empty()) return found;
  std::size_t pick = 0;
  auto welfare = [](const BehaviorEquilibrium<Scalar>& eq) {
    Scalar total(0);
    for (const auto& u : eq.payoffs) total += u;
    return total;
  };
  if (selection.rule == Rule::welfare) {
    std::vector<Scalar> keys;
    for (const auto& eq : found) keys.push_back(welfare(eq));
    pick = first_largest(keys);
  } else if (selection.rule == Rule::best_for) {
    std::vector<std::pair<Scalar, Scalar>> keys;
    for (const auto& eq : found) keys.emplace_back(eq.payoffs[actor], welfare(eq));
    pick = first_largest(keys);
  }
  return {std::move(found[pick])};
}

}  // namespace detail

/// Solves a tree by options.method: `auto` takes the sequence-form LP for
/// two-player zero-sum trees, backward induction for perfect information,
/// the sequence-form LCP for other two-player trees, and the reduced normal
/// form's `auto` otherwise; `lp` and `lcp` are the sequence-form methods;
/// `backward` is backward induction; enummixed, enumsupport, enumpure,
/// simpdiv and logit run on the reduced normal form. Needs perfect recall
/// (InvalidArgument naming the player who forgets otherwise); ce, cce and
/// the logit selection do not apply to trees.
template <class Scalar>
TreeSolveResult<Scalar> solve(const ExtensiveGame<Scalar>& tree, const SolveOptions& options = {}) {
  const MethodInfo& row = method_info(options.method);
  if (is_exact_v<Scalar> && !row.exact)
    throw InvalidArgument("method '" + std::string(row.name) +
                          "' works in floating point only (drop --exact / exact=True)");
  if (row.result == ResultKind::correlated)
    throw InvalidArgument("method '" + std::string(row.name) +
                          "' does not apply to a game tree; convert it to its normal form first");
  if (options.selection.rule == Selection::Rule::logit)
    throw InvalidArgument("selection 'logit' does not apply to a game tree");
  check_time_limit(options.time_limit_seconds, "solve");
  tree.require_perfect_recall("method '" + std::string(row.name) + "'");
  const Method method = options.method == Method::automatic ? detail::automatic_tree_method(tree) : options.method;
  if (method != Method::automatic) check_players(method, tree.num_players());
  TreeSolveResult<Scalar> out;
  out.selection = options.selection;
  std::vector<BehaviorEquilibrium<Scalar>> found;
  lp::Options lp_options;
  lp_options.time_limit_seconds = options.time_limit_seconds;
  switch (method) {
    case Method::backward:
      out.method = method;
      // "first" needs no list of every tie (which can be exponential).
      found = backward_induction(tree, options.selection.rule != Selection::Rule::first);
      break;
    case Method::lp:
      out.method = method;
      out.status = Status::optimal;
      found.push_back(solve_sequence_form_lp(tree, lp_options).equilibrium);
      break;
    case Method::lcp: {
      out.method = method;
      auto eq = solve_sequence_form_lcp(tree);
      if (eq)
        found.push_back(std::move(*eq));
      else
        out.status = Status::pivot_limit;
      break;
    }
    default: {
      // The reduced normal form, every equilibrium mapped back and certified in the tree.
      const ReducedNormalForm<Scalar> rnf = reduced_normal_form(tree);
      SolveOptions normal = options;
      normal.method = method;
      normal.selection = Selection::all();
      const SolveResult<Scalar> result = entente::solve(rnf.game, normal);
      out.method = result.method;
      out.status = result.status;
      out.normal_form = true;
      // The behaviour is realization-equivalent to the mixed profile (Kuhn),
      // so its regret in the tree is the normal form's: exactly 0 for exact
      // methods, within simpdiv's or logit's tolerance for approximate ones.
      const Scalar tolerance = certificate_tolerance(tree);
      for (const auto& eq : result.equilibria) {
        found.push_back(certify(tree, behavior_from_mixed(tree, rnf, eq.profile)));
        if (!(found.back().regret <= eq.regret + tolerance))
          throw SolverError(to_string(result.method) + " on the reduced normal form: the behaviour strategies have regret " +
                            to_string(found.back().regret) + " in the tree, more than the normal form's " +
                            to_string(eq.regret));
      }
    }
  }
  out.found = found.size();
  out.equilibria = detail::select_tree_equilibria(tree, std::move(found), options.selection);
  return out;
}

}  // namespace entente
