// Fuzz target: small random games built from the bytes, run through every
// solver with small limits. Checks: every returned equilibrium passes its
// regret certificate (recomputed here, exactly 0 in exact mode, within
// certificate_tolerance in floating mode); exact and floating answers agree
// where both exist and the payoffs are tame; coalitional solutions are
// efficient and agree across scalars. A solver may refuse (InvalidArgument)
// or report trouble (SolverError); it may not crash, hang or lie.
//
// Byte layout: [kind] then, for normal-form games, [players] [strategy
// counts...] [payoffs...]; for coalitional games [n] [2^n - 1 values...].
// Payoff bytes below 224 are small integers -8..7; the rest pick extreme
// values (1e12, 1e-12, 2^60, 1/3, ...).
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
  switch (x % 8) {
    case 0: return power_of_ten(12);
    case 1: return -power_of_ten(12);
    case 2: return power_of_ten(-12);
    case 3: return -power_of_ten(-12);
    case 4: return Rational(1, 3);
    case 5: return Rational(mpz_class(1) << 60);
    case 6: return power_of_ten(300);
    default: return Rational(-7, 1024);
  }
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

void two_player(const Game<Rational>& exact, const Game<double>& floating, bool tame) {
  const double scale = max_abs(floating);
  // Every extreme equilibrium, both scalars; sets must match on tame games.
  std::vector<Equilibrium<Rational>> all_exact;
  std::vector<Equilibrium<double>> all_floating;
  EnumerationOptions limits;
  limits.max_bases = 20000;
  limits.time_limit = 2;
  const bool exact_done = attempt([&] { all_exact = enumerate_equilibria(exact, limits); });
  const bool floating_done = attempt([&] { all_floating = enumerate_equilibria(floating, limits); });
  require(exact_done, "exact vertex enumeration failed on a small game");
  for (const auto& e : all_exact) check_certificate(exact, e, "enummixed exact");
  for (const auto& e : all_floating) check_certificate(floating, e, "enummixed floating");
  require(!all_exact.empty(), "enummixed found no equilibrium");
  if (tame && floating_done) {
    require(all_exact.size() == all_floating.size(), "enummixed: exact and floating counts differ");
    for (std::size_t k = 0; k < all_exact.size(); ++k)
      require(same_profile(all_exact[k].profile, all_floating[k].profile),
              "enummixed: exact and floating equilibrium " + std::to_string(k) + " differ");
  }
  // Every Lemke-Howson result is one of the extreme equilibria.
  LemkeHowsonOptions lh;
  lh.max_pivots = 2000;
  std::vector<Equilibrium<Rational>> lh_exact;
  std::vector<Equilibrium<double>> lh_floating;
  require(attempt([&] { lh_exact = lemke_howson_all(exact, lh); }), "exact Lemke-Howson failed on a small game");
  attempt([&] { lh_floating = lemke_howson_all(floating, lh); });
  for (const auto& e : lh_exact) {
    check_certificate(exact, e, "lcp exact");
    bool listed = false;
    for (const auto& f : all_exact) listed = listed || (f.profile[0] == e.profile[0] && f.profile[1] == e.profile[1]);
    require(listed, "lcp exact: an equilibrium that enummixed does not list");
  }
  for (const auto& e : lh_floating) check_certificate(floating, e, "lcp floating");
  // Support enumeration is complete on nondegenerate games only.
  for (const auto& e : support_enumeration(exact, limits)) check_certificate(exact, e, "enumsupport exact");
  std::vector<Equilibrium<double>> supp;
  attempt([&] { supp = support_enumeration(floating, limits); });
  for (const auto& e : supp) check_certificate(floating, e, "enumsupport floating");
  bool nondegenerate = false;
  if (attempt([&] { nondegenerate = is_nondegenerate(exact, limits); }) && nondegenerate)
    require(support_enumeration(exact, limits).size() == all_exact.size(),
            "enumsupport and enummixed disagree on a nondegenerate game");
  // Zero-sum: the values agree.
  if (exact.is_constant_sum()) {
    const auto z = solve_zero_sum(exact);
    check_certificate(exact, z.equilibrium, "lp exact");
    attempt([&] {
      const auto zf = solve_zero_sum(floating);
      check_certificate(floating, zf.equilibrium, "lp floating");
      require(near(zf.value, to_double(z.value), scale), "lp: exact and floating values differ");
    });
  }
  // solve() dispatch in both scalars.
  for (const char* method : {"auto", "lp", "lcp", "enummixed", "enumsupport", "enumpure", "ce", "simpdiv", "bogus"}) {
    attempt([&] {
      for (const auto& e : solve(exact, method)) check_certificate(exact, e, std::string("solve exact ") + method);
    });
    attempt([&] {
      for (const auto& e : solve(floating, method)) check_certificate(floating, e, std::string("solve ") + method);
    });
  }
}

void any_players(const Game<Rational>& exact, const Game<double>& floating, bool tame) {
  const double scale = max_abs(floating);
  const auto pure_exact = pure_nash(exact);
  for (const auto& e : pure_exact) check_certificate(exact, e, "enumpure exact");
  const auto pure_floating = pure_nash(floating);
  for (const auto& e : pure_floating) check_certificate(floating, e, "enumpure floating");
  if (tame) require(pure_exact.size() == pure_floating.size(), "enumpure: exact and floating counts differ");

  for (bool coarse : {false, true}) {
    CorrelatedResult<Rational> ce;
    if (!attempt([&] { ce = correlated_equilibrium(exact, {}, coarse); })) continue;
    require(ce.status == lp::Status::optimal && ce.max_gain == 0, "exact (c)ce with a positive gain");
    attempt([&] {
      const auto cf = correlated_equilibrium(floating, {}, coarse);
      if (cf.status != lp::Status::optimal) return;
      require(cf.max_gain <= 1e-6 * std::max(1.0, scale), "floating (c)ce with a large gain");
      if (tame) require(near(cf.objective, to_double(ce.objective), scale), "(c)ce: objectives differ");
    });
  }
  for (bool mixed : {false, true})
    for (bool weak : {false, true}) {
      DominanceOptions options;
      options.mixed = mixed;
      options.weak = weak;
      std::optional<DominanceResult<Rational>> dominance;
      if (!attempt([&] { dominance.emplace(eliminate_dominated(exact, options)); })) continue;
      const DominanceResult<Rational>& de = *dominance;
      // Strict elimination keeps every equilibrium: the pure ones survive.
      if (!weak)
        for (const auto& e : pure_exact)
          for (std::size_t i = 0; i < exact.num_players(); ++i) {
            const auto& keep = de.surviving[i];
            std::size_t s = 0;
            while (e.profile[i][s] == 0) ++s;
            require(std::find(keep.begin(), keep.end(), s) != keep.end(),
                    "strict dominance removed a strategy of a pure equilibrium");
          }
      attempt([&] {
        const auto df = eliminate_dominated(floating, options);
        if (tame && !weak) require(df.surviving == de.surviving, "dominance: exact and floating differ");
      });
    }
  LearningOptions learning;
  learning.iterations = 30;
  learning.record_every = 7;
  attempt([&] { fictitious_play(floating, learning); });
  attempt([&] { replicator_dynamics(floating, 0.05, learning); });
  attempt([&] {
    const auto r = best_response_dynamics(floating, learning);
    if (r.converged) require(r.regret <= certificate_tolerance(floating), "best response: converged with regret");
  });
  attempt([&] { regret_matching(floating, learning, true); });
}

void coalitional(Bytes& bytes) {
  const std::size_t n = std::size_t(bytes.in(1, 5));
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
  const auto phi = shapley_value(exact);
  efficient(phi, "the Shapley value");
  const auto phi_f = shapley_value(floating);
  for (std::size_t i = 0; i < n; ++i)
    require(extreme || near(phi_f[i], to_double(phi[i]), scale), "Shapley: exact and floating differ");
  attempt([&] { banzhaf_value(exact, true); });
  std::vector<Rational> nu;
  if (attempt([&] { nu = nucleolus(exact); })) {
    efficient(nu, "the nucleolus");
    if (!extreme)
      attempt([&] {
        const auto nf = nucleolus(floating);
        for (std::size_t i = 0; i < n; ++i)
          require(near(nf[i], to_double(nu[i]), scale), "nucleolus: exact and floating differ");
      });
  }
  std::vector<Rational> pre;
  if (attempt([&] { pre = prenucleolus(exact); })) efficient(pre, "the prenucleolus");
  std::optional<std::vector<Rational>> core;
  if (attempt([&] { core = core_point(exact); }) && core) {
    require(in_core(exact, *core), "core_point is not in the core");
    // A non-empty core contains the nucleolus and the prenucleolus, which coincide.
    if (!nu.empty()) require(in_core(exact, nu), "the core is non-empty but the nucleolus is outside it");
    if (!nu.empty() && !pre.empty()) require(nu == pre, "nucleolus and prenucleolus differ with a core");
  }
  if (n >= 2)
    attempt([&] {
      const auto lc = least_core(exact);
      efficient(lc.point, "the least-core point");
      require((lc.epsilon <= 0) == core.has_value(), "least core and core_point disagree on emptiness");
    });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Bytes bytes(data, size);
  const int kind = bytes.in(0, 4);
  if (kind == 0) {
    coalitional(bytes);
    return 0;
  }
  const std::size_t players = kind == 4 ? std::size_t(bytes.in(3, 4)) : 2;
  std::vector<std::size_t> shape;
  for (std::size_t i = 0; i < players; ++i) shape.push_back(std::size_t(bytes.in(1, players == 2 ? 4 : 3)));
  Game<Rational> exact(shape);
  bool extreme = false;
  for (std::size_t i = 0; i < players; ++i)
    for (auto& u : exact.payoffs(i)) u = payoff(bytes, extreme);
  const Game<double> floating = exact.cast<double>();
  if (players == 2) two_player(exact, floating, !extreme);
  any_players(exact, floating, !extreme);
  return 0;
}
