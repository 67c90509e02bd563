// Fuzz target: small random games built from the bytes, run through the
// solvers with tight limits. Checks: every returned equilibrium passes its
// regret certificate (recomputed here, exactly 0 in exact mode, within
// certificate_tolerance in floating mode); exact and floating answers agree
// where both run and the payoffs are tame; coalitional solutions are
// efficient and agree across scalars. A solver may refuse (InvalidArgument)
// or report trouble (SolverError); it may not crash, hang or lie.
//
// Speed (issue 7: 10^6 executions in well under an hour on one core): games
// are at most 4x4 (two players) or 3x3x3 (three), coalitional games at most
// 4 players; each input runs ONE section of solvers, picked by its second
// byte, in floating point, and the exact (GMP) twin of that section on a
// quarter of inputs only.
//
// Byte layout: [kind] [plan] then, for normal-form games, [strategy
// counts...] [payoffs...]; for coalitional games [n] [2^n - 1 values...].
// kind % 8: 0 coalitional, 1..5 two players, 6..7 three players. plan % 8
// is the section; (plan / 8) % 4 == 0 adds the exact run; plan / 32 picks
// a variant (method, coarse, dominance options). Payoff bytes below 224 are
// small integers -8..7; the rest pick extreme values (1e12, 1e-12, 2^60,
// 1/3, ...).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "check.hpp"
#include "entente/entente.hpp"

namespace {

using namespace entente;
using fuzz::Bytes;
using fuzz::fail;
using fuzz::require;

Rational power_of_ten(int e) {
  mpz_class p;
  mpz_ui_pow_ui(p.get_mpz_t(), 10, static_cast<unsigned long>(e < 0 ? -e : e));
  return e < 0 ? Rational(mpz_class(1), p) : Rational(p);
}

Rational payoff(Bytes& bytes, bool& extreme) {
  const std::uint8_t x = bytes.next();
  if (x < 224) return Rational(int(x % 16) - 8);
  extreme = true;
  // Built once: no per-input setup beyond the game itself.
  static const Rational extremes[8] = {power_of_ten(12),  -power_of_ten(12), power_of_ten(-12),
                                       -power_of_ten(-12), Rational(1, 3),    Rational(mpz_class(1) << 60),
                                       power_of_ten(300),  Rational(-7, 1024)};
  return extremes[x % 8];
}

bool near(double a, double b, double scale) { return std::abs(a - b) <= 1e-6 * std::max(1.0, scale); }

double max_abs(const Game<double>& g) {
  double m = 0;
  for (std::size_t i = 0; i < g.num_players(); ++i)
    for (double u : g.payoffs(i)) m = std::max(m, std::abs(u));
  return m;
}

/// The certificate, recomputed independently of the solver's own field.
template <class Scalar>
void check_certificate(const Game<Scalar>& game, const Equilibrium<Scalar>& eq, const std::string& who) {
  check_profile(game, eq.profile);
  const Scalar r = regret(game, eq.profile);
  if constexpr (is_exact_v<Scalar>) {
    // simpdiv is an approximation method even in rationals: its certificate
    // must be honest (equal to the recomputed regret), not zero.
    const bool approximate = who.find("simpdiv") != std::string::npos;
    require(eq.regret == r && (approximate || r == 0), who + ": exact result with regret " + to_string(r));
  } else {
    require(std::isfinite(eq.regret), who + ": non-finite regret");
    require(r <= certificate_tolerance(game), who + ": floating result with regret " + to_string(r) +
                                                  " beyond tolerance " + to_string(certificate_tolerance(game)));
  }
}

bool same_profile(const MixedProfile<Rational>& exact, const MixedProfile<double>& floating) {
  for (std::size_t i = 0; i < exact.num_players(); ++i)
    for (std::size_t s = 0; s < exact[i].size(); ++s)
      if (std::abs(to_double(exact[i][s]) - floating[i][s]) > 1e-6) return false;
  return true;
}

/// Runs `f`; refusals and reported failures are allowed outcomes. Returns
/// whether `f` completed.
template <class F>
bool attempt(F&& f) {
  try {
    f();
    return true;
  } catch (const InvalidArgument&) {
  } catch (const SolverError& e) {
    if (std::string(e.what()).find("bug") != std::string::npos) fail(e.what());
  }
  return false;
}

/// What one input runs: a section of solvers, whether its exact twin runs
/// too, and a variant byte for the section's options.
struct Plan {
  int section;
  bool exact;
  int variant;
  explicit Plan(std::uint8_t b) : section(b % 8), exact((b / 8) % 4 == 0), variant(b / 32) {}
};

/// Iterative methods (simpdiv, logit) need not converge under the tight
/// limits; whatever they return must carry an honest certificate, and a
/// converged status must mean a regret within the tolerance asked for.
template <class Scalar>
void check_honest(const Game<Scalar>& game, const Equilibrium<Scalar>& eq, bool converged, double tolerance,
                  const std::string& who) {
  check_profile(game, eq.profile);
  const Scalar r = regret(game, eq.profile);
  if constexpr (is_exact_v<Scalar>) {
    require(eq.regret == r, who + ": certificate " + to_string(eq.regret) + " but regret " + to_string(r));
    if (converged) require(to_double(r) <= tolerance, who + ": converged with regret " + to_string(r));
  } else {
    const double slack = certificate_tolerance(game);
    require(std::isfinite(eq.regret) && std::abs(eq.regret - r) <= slack + 1e-9 * std::abs(r),
            who + ": certificate " + to_string(eq.regret) + " but regret " + to_string(r));
    if (converged) require(r <= tolerance + slack, who + ": converged with regret " + to_string(r));
  }
}

/// One iterative method per input (by the plan's variant), with limits that
/// keep it to about a millisecond: simpdiv (both scalars), logit, or one
/// learning rule (floating point only).
template <class Scalar>
void iterative(const Game<Scalar>& game, const Plan& plan, const std::string& tag) {
  const int which = plan.variant;
  if (which < 3) {
    SimpdivOptions<Scalar> sd;
    sd.max_refinements = 1 + std::size_t(which);
    sd.max_pivots = 60;
    sd.time_limit_seconds = 0.05;
    attempt([&] {
      const auto r = simpdiv(game, sd);
      check_honest(game, r.equilibrium, r.status == SimpdivStatus::converged, sd.tolerance, "simpdiv " + tag);
    });
    return;
  }
  if constexpr (!is_exact_v<Scalar>) {
    LearningOptions learning;
    learning.iterations = 12;
    learning.record_every = 5;
    learning.time_limit_seconds = 0.05;
    switch (which) {
      case 3: {
        LogitOptions lo;
        lo.max_steps = 12;
        lo.max_lambda = 1e3;
        lo.time_limit_seconds = 0.05;
        attempt([&] {
          const auto r = logit(game, lo);
          check_honest(game, r.equilibrium, r.status == LogitStatus::converged, lo.tolerance, "logit");
        });
        return;
      }
      case 4: attempt([&] { fictitious_play(game, learning); }); return;
      case 5: attempt([&] { replicator_dynamics(game, 0.05, learning); }); return;
      case 6:
        attempt([&] {
          const auto r = best_response_dynamics(game, learning);
          if (r.converged) require(r.regret <= certificate_tolerance(game), "best response: converged with regret");
        });
        return;
      default: attempt([&] { regret_matching(game, learning, true); });
    }
  }
}

void pure(const Game<Rational>& exact, const Game<double>& floating, const Plan& plan, bool tame) {
  const auto pure_floating = pure_nash(floating);
  for (const auto& e : pure_floating) check_certificate(floating, e, "enumpure floating");
  if (!plan.exact) return;
  const auto pure_exact = pure_nash(exact);
  for (const auto& e : pure_exact) check_certificate(exact, e, "enumpure exact");
  if (tame) require(pure_exact.size() == pure_floating.size(), "enumpure: exact and floating counts differ");
}

void correlated(const Game<Rational>& exact, const Game<double>& floating, const Plan& plan, bool tame) {
  const double scale = max_abs(floating);
  const bool coarse = plan.variant % 2 == 1;
  lp::Options options;
  options.time_limit_seconds = 1;
  std::optional<CorrelatedResult<double>> cf;
  attempt([&] {
    cf = correlated_equilibrium(floating, {}, coarse, options);
    if (cf->status == lp::Status::optimal)
      require(cf->regret <= 1e-6 * std::max(1.0, scale), "floating (c)ce with a large gain");
  });
  if (!plan.exact) return;
  CorrelatedResult<Rational> ce;
  if (!attempt([&] { ce = correlated_equilibrium(exact, {}, coarse, options); })) return;
  if (ce.status != lp::Status::optimal) return;  // the time limit, reported as such
  require(ce.regret == 0, "exact (c)ce with a positive gain");
  if (tame && cf && cf->status == lp::Status::optimal)
    require(near(cf->objective, to_double(ce.objective), scale), "(c)ce: objectives differ");
}

void dominance(const Game<Rational>& exact, const Game<double>& floating, const Plan& plan, bool tame) {
  DominanceOptions options;
  options.mixed = plan.variant % 2 == 1;
  options.weak = (plan.variant / 2) % 2 == 1;
  std::optional<DominanceResult<double>> df;
  attempt([&] { df.emplace(eliminate_dominated(floating, options)); });
  if (!plan.exact) return;
  std::optional<DominanceResult<Rational>> dominance;
  if (!attempt([&] { dominance.emplace(eliminate_dominated(exact, options)); })) return;
  const DominanceResult<Rational>& de = *dominance;
  // Strict elimination keeps every equilibrium: the pure ones survive.
  if (!options.weak)
    for (const auto& e : pure_nash(exact))
      for (std::size_t i = 0; i < exact.num_players(); ++i) {
        const auto& keep = de.surviving[i];
        std::size_t s = 0;
        while (e.profile[i][s] == 0) ++s;
        require(std::find(keep.begin(), keep.end(), s) != keep.end(),
                "strict dominance removed a strategy of a pure equilibrium");
      }
  if (tame && !options.weak && df) require(df->surviving == de.surviving, "dominance: exact and floating differ");
}

/// solve()'s dispatch, one method per input; simpdiv and logit (unbounded
/// defaults) and auto on three players (simpdiv) run in `iterative` instead.
void dispatch(const Game<Rational>& exact, const Game<double>& floating, const Plan& plan) {
  static const char* const two[] = {"auto", "lp", "lcp", "enummixed", "enumsupport", "enumpure", "ce", "bogus"};
  static const char* const many[] = {"enumpure", "lp", "lcp", "enummixed", "enumsupport", "cce", "nosuch", "enumpure"};
  const std::string method = exact.num_players() == 2 ? two[plan.variant] : many[plan.variant];
  attempt([&] {
    const auto result = solve(floating, {.method = parse_method(method)});
    for (const auto& e : result.equilibria) check_certificate(floating, e, "solve " + method);
  });
  if (plan.exact)
    attempt([&] {
      const auto result = solve(exact, {.method = parse_method(method)});
      for (const auto& e : result.equilibria) check_certificate(exact, e, "solve exact " + method);
    });
}

/// Sections 0..3 of a two-player game: the bimatrix solvers against
/// exact vertex enumeration.
void bimatrix(const Game<Rational>& exact, const Game<double>& floating, const Plan& plan, bool tame) {
  const double scale = max_abs(floating);
  EnumerationOptions limits;
  limits.max_bases = 2000;
  limits.time_limit_seconds = 1;
  LemkeHowsonOptions lh;
  lh.max_pivots = 500;
  // The exact extreme equilibria: the oracle of sections 0..2.
  std::vector<Equilibrium<Rational>> all_exact;
  auto enumerate_exact = [&] {
    require(attempt([&] { all_exact = enumerate_equilibria(exact, limits); }),
            "exact vertex enumeration failed on a small game");
    for (const auto& e : all_exact) check_certificate(exact, e, "enummixed exact");
    require(!all_exact.empty(), "enummixed found no equilibrium");
  };
  switch (plan.section) {
    case 0: {  // vertex enumeration, exact against floating
      std::vector<Equilibrium<double>> all_floating;
      const bool floating_done = attempt([&] { all_floating = enumerate_equilibria(floating, limits); });
      for (const auto& e : all_floating) check_certificate(floating, e, "enummixed floating");
      if (!plan.exact) return;
      enumerate_exact();
      if (tame && floating_done) {
        require(all_exact.size() == all_floating.size(), "enummixed: exact and floating counts differ");
        for (std::size_t k = 0; k < all_exact.size(); ++k)
          require(same_profile(all_exact[k].profile, all_floating[k].profile),
                  "enummixed: exact and floating equilibrium " + std::to_string(k) + " differ");
      }
      return;
    }
    case 1: {  // Lemke-Howson from every label; exact results are extreme equilibria
      std::vector<Equilibrium<double>> lh_floating;
      attempt([&] { lh_floating = lemke_howson_all(floating, lh); });
      for (const auto& e : lh_floating) check_certificate(floating, e, "lcp floating");
      if (!plan.exact) return;
      std::vector<Equilibrium<Rational>> lh_exact;
      require(attempt([&] { lh_exact = lemke_howson_all(exact, lh); }), "exact Lemke-Howson failed on a small game");
      enumerate_exact();
      for (const auto& e : lh_exact) {
        check_certificate(exact, e, "lcp exact");
        bool listed = false;
        for (const auto& f : all_exact)
          listed = listed || (f.profile[0] == e.profile[0] && f.profile[1] == e.profile[1]);
        require(listed, "lcp exact: an equilibrium that enummixed does not list");
      }
      return;
    }
    case 2: {  // support enumeration; complete on nondegenerate games
      std::vector<Equilibrium<double>> supp;
      attempt([&] { supp = support_enumeration(floating, limits); });
      for (const auto& e : supp) check_certificate(floating, e, "enumsupport floating");
      if (!plan.exact) return;
      const auto supp_exact = support_enumeration(exact, limits);
      for (const auto& e : supp_exact) check_certificate(exact, e, "enumsupport exact");
      bool nondegenerate = false;
      if (attempt([&] { nondegenerate = is_nondegenerate(exact, limits); }) && nondegenerate) {
        enumerate_exact();
        require(supp_exact.size() == all_exact.size(), "enumsupport and enummixed disagree on a nondegenerate game");
      }
      return;
    }
    case 3: {  // zero-sum LP: the values agree
      if (!exact.is_constant_sum()) return pure(exact, floating, plan, tame);
      std::optional<ZeroSumSolution<double>> zf;
      attempt([&] {
        zf = solve_zero_sum(floating);
        check_certificate(floating, zf->equilibrium, "lp floating");
      });
      if (!plan.exact) return;
      const auto z = solve_zero_sum(exact);
      check_certificate(exact, z.equilibrium, "lp exact");
      if (zf) require(near(zf->value, to_double(z.value), scale), "lp: exact and floating values differ");
      return;
    }
    default: return;
  }
}

/// One section per input: 0..3 are the bimatrix solvers on two players and
/// pure equilibria (0..2) or solve()'s dispatch (3) on three.
void strategic(const Game<Rational>& exact, const Game<double>& floating, const Plan& plan, bool tame) {
  switch (plan.section) {
    case 0:
    case 1:
    case 2:
    case 3:
      if (exact.num_players() == 2) return bimatrix(exact, floating, plan, tame);
      if (plan.section == 3) return dispatch(exact, floating, plan);
      return pure(exact, floating, plan, tame);
    case 4: return dispatch(exact, floating, plan);
    case 5: return correlated(exact, floating, plan, tame);
    case 6: return dominance(exact, floating, plan, tame);
    default:
      iterative(floating, plan, "floating");
      if (plan.exact) iterative(exact, plan, "exact");
  }
}

void coalitional(Bytes& bytes, const Plan& plan) {
  const std::size_t n = std::size_t(bytes.in(1, 4));
  std::vector<Rational> values(std::size_t(1) << n, Rational(0));
  bool extreme = false;
  for (std::size_t s = 1; s < values.size(); ++s) values[s] = payoff(bytes, extreme);
  std::vector<double> floating_values;
  for (const auto& v : values) floating_values.push_back(to_double(v));
  const CoalitionalGame<Rational> exact(n, values);
  const CoalitionalGame<double> floating(n, floating_values);
  const double scale = std::abs(floating_values.back()) + 1;
  auto efficient = [&](const std::vector<Rational>& x, const char* who) {
    Rational total(0);
    for (const auto& xi : x) total += xi;
    require(total == values.back(), std::string(who) + " is not efficient");
  };
  switch (plan.section % 4) {
    case 0: {  // Shapley and Banzhaf: closed forms, cheap in both scalars
      const auto phi = shapley_value(exact);
      efficient(phi, "the Shapley value");
      const auto phi_f = shapley_value(floating);
      for (std::size_t i = 0; i < n; ++i)
        require(extreme || near(phi_f[i], to_double(phi[i]), scale), "Shapley: exact and floating differ");
      attempt([&] { banzhaf_value(exact, true); });
      attempt([&] { banzhaf_value(floating, true); });
      return;
    }
    case 1: {  // the nucleolus, exact against floating
      std::vector<double> nf;
      attempt([&] { nf = nucleolus(floating); });
      if (!plan.exact) return;
      std::vector<Rational> nu;
      if (!attempt([&] { nu = nucleolus(exact); })) return;
      efficient(nu, "the nucleolus");
      if (!extreme && !nf.empty())
        for (std::size_t i = 0; i < n; ++i)
          require(near(nf[i], to_double(nu[i]), scale), "nucleolus: exact and floating differ");
      return;
    }
    default: {  // core, least core, and their relation to the (pre)nucleolus
      if (!plan.exact) {
        attempt([&] { core_point(floating); });
        if (n >= 2) attempt([&] { least_core(floating); });
        if (plan.section % 4 == 3) attempt([&] { prenucleolus(floating); });
        return;
      }
      std::optional<std::vector<Rational>> core;
      const bool core_done = attempt([&] { core = core_point(exact); });
      if (core) require(in_core(exact, *core), "core_point is not in the core");
      if (n >= 2 && core_done)
        attempt([&] {
          const auto lc = least_core(exact);
          efficient(lc.point, "the least-core point");
          require((lc.epsilon <= 0) == core.has_value(), "least core and core_point disagree on emptiness");
        });
      if (plan.section % 4 != 3 || !core) return;
      // A non-empty core contains the nucleolus and the prenucleolus, which coincide.
      std::vector<Rational> nu, pre;
      if (attempt([&] { nu = nucleolus(exact); })) {
        efficient(nu, "the nucleolus");
        require(in_core(exact, nu), "the core is non-empty but the nucleolus is outside it");
      }
      if (attempt([&] { pre = prenucleolus(exact); })) {
        efficient(pre, "the prenucleolus");
        if (!nu.empty()) require(nu == pre, "nucleolus and prenucleolus differ with a core");
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Bytes bytes(data, size);
  const int kind = bytes.next() % 8;
  const Plan plan(bytes.next());
  if (kind == 0) {
    coalitional(bytes, plan);
    return 0;
  }
  const std::size_t players = kind <= 5 ? 2 : 3;
  std::vector<std::size_t> shape;
  for (std::size_t i = 0; i < players; ++i) shape.push_back(std::size_t(bytes.in(1, players == 2 ? 4 : 3)));
  Game<Rational> exact(shape);
  bool extreme = false;
  for (std::size_t i = 0; i < players; ++i)
    for (auto& u : exact.payoffs(i)) u = payoff(bytes, extreme);
  const Game<double> floating = exact.cast<double>();
  strategic(exact, floating, plan, !extreme);
  return 0;
}
