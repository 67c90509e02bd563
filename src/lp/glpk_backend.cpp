// The LP backend over GLPK: the only file in entente that includes glpk.h.
//
// GLPK reports internal errors by calling a hook and then abort(). We install
// a hook that longjmps back into run_glpk(), a C-style function whose locals
// are all trivially destructible; every C++ object (the vectors GLPK reads
// from and writes into) lives in its callers, so the jump skips no
// destructors. After a jump GLPK's per-thread environment is in an error
// state and is thrown away with glp_free_env(); the next call makes a new one.
//
// GLPK is built with thread-local storage, so each thread has its own
// environment; the hooks, the captured terminal output and the fault flag
// are per thread as well.
//
// glp_exact keeps its rationals in GMP's mpq_t, whose digits GMP allocates
// itself, outside GLPK's environment: glp_free_env() after a jump out of
// glp_exact does not free them. GMP's memory functions are therefore
// wrapped (once, process-wide; still malloc/realloc/free underneath) to
// record, on a thread inside glp_exact, the blocks GMP hands out, and the
// ones still held after a jump are freed. (Found by the solvers fuzz target:
// GLPK 5.0's exact pricing asserts `temp != 0.0` when a nonzero reduced cost
// underflows to 0.0 as a double, games mixing 1e300 and 1e-12 payoffs.)

#include <glpk.h>
#include <gmp.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <csetjmp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "entente/cancel.hpp"
#include "entente/error.hpp"
#include "entente/lp/detail/dual_from_crash.hpp"
#include "entente/lp/detail/testing.hpp"
#include "entente/lp/solve.hpp"
#include "entente/scalar.hpp"

namespace entente::lp {
namespace {

// --- per-thread GLPK state ---------------------------------------------------

constexpr std::size_t kTermCapacity = 4096;
thread_local char term_text[kTermCapacity];  // GLPK's terminal output, tail kept
thread_local std::size_t term_length = 0;
thread_local bool fault_requested = false;

// Frees this thread's GLPK environment when the thread ends, so worker
// threads do not leak one environment each.
struct EnvGuard {
  bool used = false;
  ~EnvGuard() {
    if (used) glp_free_env();
  }
};
thread_local EnvGuard env_guard;

// --- GMP blocks allocated inside glp_exact ------------------------------------

thread_local std::unordered_map<void*, std::size_t>* gmp_blocks = nullptr;  // non-null while tracking; block -> size

// The functions installed before ours (GMP's defaults, or another
// library's): ours only record and delegate to them, so blocks allocated
// before or outside the tracking are freed by the function that matches.
struct GmpFunctions {
  void* (*allocate)(std::size_t) = nullptr;
  void* (*reallocate)(void*, std::size_t, std::size_t) = nullptr;
  void (*free)(void*, std::size_t) = nullptr;
};
GmpFunctions previous_gmp;

void* gmp_allocate(std::size_t size) {
  void* p = previous_gmp.allocate(size);  // aborts itself when out of memory, as GMP's does
  if (gmp_blocks != nullptr) gmp_blocks->emplace(p, size);
  return p;
}

void* gmp_reallocate(void* old, std::size_t old_size, std::size_t size) {
  void* p = previous_gmp.reallocate(old, old_size, size);
  if (gmp_blocks != nullptr && gmp_blocks->erase(old) > 0) gmp_blocks->emplace(p, size);
  return p;
}

void gmp_free(void* p, std::size_t size) {
  if (gmp_blocks != nullptr) gmp_blocks->erase(p);
  previous_gmp.free(p, size);
}

// Installed before main (or when the Python module loads), before any thread
// of ours runs.
[[maybe_unused]] const bool gmp_functions_installed = [] {
  mp_get_memory_functions(&previous_gmp.allocate, &previous_gmp.reallocate, &previous_gmp.free);
  mp_set_memory_functions(gmp_allocate, gmp_reallocate, gmp_free);
  return true;
}();

// Records GMP's blocks on this thread for its lifetime; free_all() frees the
// ones still held (after a jump out of GLPK, nobody else can).
class GmpBlocks {
 public:
  GmpBlocks() { gmp_blocks = &blocks_; }
  ~GmpBlocks() {
    if (gmp_blocks == &blocks_) gmp_blocks = nullptr;
  }
  GmpBlocks(const GmpBlocks&) = delete;
  GmpBlocks& operator=(const GmpBlocks&) = delete;
  void free_all() {
    if (gmp_blocks != &blocks_) return;
    gmp_blocks = nullptr;
    for (const auto& [p, size] : blocks_) previous_gmp.free(p, size);
    blocks_.clear();
  }

 private:
  std::unordered_map<void*, std::size_t> blocks_;
};

void clear_term_text() {
  term_length = 0;
  term_text[0] = '\0';
}

// Collects GLPK's output instead of printing it; returning nonzero tells GLPK
// that the text has been handled. Keeps the tail: on an error the message
// GLPK prints last is the one that matters.
int term_hook(void*, const char* s) {
  std::size_t len = std::strlen(s);
  constexpr std::size_t room = kTermCapacity - 1;
  if (len > room) {
    s += len - room;
    len = room;
  }
  if (term_length + len > room) {
    const std::size_t drop = term_length + len - room;
    std::memmove(term_text, term_text + drop, term_length - drop);
    term_length -= drop;
  }
  std::memcpy(term_text + term_length, s, len);
  term_length += len;
  term_text[term_length] = '\0';
  return 1;
}

struct JumpTarget {
  std::jmp_buf buf;
};

// Called by GLPK instead of abort(); never returns.
void error_hook(void* info) { std::longjmp(static_cast<JumpTarget*>(info)->buf, 1); }

// --- the GLPK call: plain data in, plain data out ----------------------------

// Everything run_glpk needs, as pointers into vectors owned by the caller.
struct GlpkJob {
  int m = 0, n = 0;
  bool maximize = false;
  const int* row_type = nullptr;
  const double* row_lb = nullptr;
  const double* row_ub = nullptr;
  const int* col_type = nullptr;
  const double* col_lb = nullptr;
  const double* col_ub = nullptr;
  const double* cost = nullptr;
  int ne = 0;                     // nonzeros; ia/ja/ar are 1-based (index 0 unused)
  const int* ia = nullptr;
  const int* ja = nullptr;
  const double* ar = nullptr;
  int it_lim = 0, tm_lim = 0;     // 0: none
  bool exact = false;
  bool dual_from_crash = false;
  bool skip_floating = false;  // exact only: no floating warm start (data past kMaxFloatingMagnitude)
  bool fault = false;
  // results
  int ret = 0, status = 0, prim_stat = 0, dual_stat = 0;
  double objective = 0.0;
  double* x = nullptr;            // n each
  double* col_dual = nullptr;
  int* col_stat = nullptr;
  double* row_activity = nullptr; // m each
  double* row_dual = nullptr;
  int* row_stat = nullptr;
};

bool is_bad_basis(int ret) { return ret == GLP_EBADB || ret == GLP_ESING || ret == GLP_ECOND; }

// glp_simplex, restarting from a fresh basis if the current one is unusable.
int simplex_with_retry(glp_prob* P, const glp_smcp* parm) {
  int ret = glp_simplex(P, parm);
  if (is_bad_basis(ret)) {
    glp_adv_basis(P, 0);
    ret = glp_simplex(P, parm);
  }
  if (is_bad_basis(ret)) {
    glp_std_basis(P);
    ret = glp_simplex(P, parm);
  }
  return ret;
}

// All GLPK calls of a solve. Returns false if GLPK raised an error; the
// caller must then call glp_free_env(). No local here has a destructor, and
// nothing assigned after setjmp is read after the jump.
bool run_glpk(GlpkJob* job) {
  glp_term_hook(term_hook, nullptr);
  glp_term_out(GLP_OFF);
  JumpTarget target;
  glp_error_hook(error_hook, &target);
  if (setjmp(target.buf) != 0) return false;

  glp_prob* P = glp_create_prob();
  glp_set_obj_dir(P, job->maximize ? GLP_MAX : GLP_MIN);
  if (job->m > 0) glp_add_rows(P, job->m);
  if (job->n > 0) glp_add_cols(P, job->n);
  for (int i = 0; i < job->m; ++i) glp_set_row_bnds(P, i + 1, job->row_type[i], job->row_lb[i], job->row_ub[i]);
  for (int j = 0; j < job->n; ++j) {
    glp_set_col_bnds(P, j + 1, job->col_type[j], job->col_lb[j], job->col_ub[j]);
    glp_set_obj_coef(P, j + 1, job->cost[j]);
  }
  if (job->ne > 0) glp_load_matrix(P, job->ne, job->ia, job->ja, job->ar);
  if (job->fault) glp_set_col_bnds(P, job->n + 1, GLP_FR, 0.0, 0.0);  // out of range on purpose

  glp_smcp parm;
  glp_init_smcp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  parm.presolve = GLP_OFF;  // without presolve there is always a basis, hence duals
  if (job->it_lim > 0) parm.it_lim = job->it_lim;
  if (job->tm_lim > 0) parm.tm_lim = job->tm_lim;

  // Every floating simplex run has a pivot budget of its own: on some badly
  // scaled data GLPK's floating simplex never ends (the solvers fuzz target:
  // an exact mixed-dominance LP of a 4x4 game with payoffs of 1e-12, and a
  // floating one of a 4x3 game with 1e12 beside -7/1024, a 4-row LP, ran
  // for minutes). When the budget runs out, glp_exact finishes the solve
  // from the basis reached: in exact mode that is its job anyway; in
  // floating mode it solves the same double data in rationals.
  const int budget = 20 * (job->m + job->n) + 1000;
  const bool user_limit_first = job->it_lim > 0 && job->it_lim <= budget;
  glp_smcp floating = parm;
  if (!user_limit_first) floating.it_lim = budget;

  int ret;
  if (job->skip_floating) {
    ret = -1;  // not a GLPK code: glp_exact below starts from the standard basis
  } else if (!job->dual_from_crash) {
    ret = simplex_with_retry(P, &floating);
  } else {
    // detail::solve_dual_from_crash. The primal simplex from the all-slack
    // basis stalls on highly degenerate LPs such as the correlated-
    // equilibrium LP (every incentive row through the origin, most tight at
    // the optimum): thousands of degenerate pivots on 3-player games with
    // 7-10 strategies. Bixby's crash basis (glp_cpx_basis) followed by the
    // dual simplex takes a few dozen. Unscaled on purpose: the dual simplex
    // then ends primal feasible within tol_bnd in the model's units (a
    // scaled run was seen 8e-6 infeasible there, and once ended with no
    // feasible point on a 4-player 9-strategy game).
    // The long-step ("flip") ratio test shortens the dual phase 1, whose
    // auxiliary bounds are boxed, when the crash basis is far from dual
    // feasible: from the slack basis a 4-player 8-strategy game takes 27
    // pivots with it and did not finish in 20 s without.
    glp_cpx_basis(P);
    floating.meth = GLP_DUALP;
    floating.r_test = GLP_RT_FLIP;
    ret = simplex_with_retry(P, &floating);
    if (ret != GLP_EITLIM && ret != GLP_ETMLIM && (ret != 0 || glp_get_status(P) != GLP_OPT)) {
      // Not solved this way: solve again as lp::solve does.
      glp_std_basis(P);
      floating.meth = GLP_PRIMAL;
      floating.r_test = GLP_RT_HAR;
      ret = simplex_with_retry(P, &floating);
    }
  }
  const bool out_of_budget = ret == GLP_EITLIM && !user_limit_first;
  if (out_of_budget) ret = -1;  // go on exactly from the last basis
  if ((job->exact || out_of_budget) && ret != GLP_EITLIM && ret != GLP_ETMLIM) {
    // The floating optimum (or the last basis, if usable) is the warm start;
    // glp_exact then pivots in rationals.
    if (ret != 0 && !(ret == -1 && glp_bf_exists(P))) glp_std_basis(P);
    ret = glp_exact(P, &parm);
    if (is_bad_basis(ret)) {
      glp_std_basis(P);
      ret = glp_exact(P, &parm);
    }
  }
  job->ret = ret;
  job->status = glp_get_status(P);
  job->prim_stat = glp_get_prim_stat(P);
  job->dual_stat = glp_get_dual_stat(P);
  job->objective = glp_get_obj_val(P);
  for (int j = 0; j < job->n; ++j) {
    job->x[j] = glp_get_col_prim(P, j + 1);
    job->col_dual[j] = glp_get_col_dual(P, j + 1);
    job->col_stat[j] = glp_get_col_stat(P, j + 1);
  }
  for (int i = 0; i < job->m; ++i) {
    job->row_activity[i] = glp_get_row_prim(P, i + 1);
    job->row_dual[i] = glp_get_row_dual(P, i + 1);
    job->row_stat[i] = glp_get_row_stat(P, i + 1);
  }
  glp_delete_prob(P);
  glp_error_hook(nullptr, nullptr);  // `target` dies with this frame
  return true;
}

// Largest magnitude of data GLPK's floating simplex is given. It squares
// and multiplies coefficients (pricing weights, LU updates), and past about
// 1e154 those overflow: the solvers fuzz target found a coarse-correlated-
// equilibrium LP with payoffs of 1e300 on which glp_simplex read
// uninitialised memory and crashed the process. Floating solves refuse
// such data; exact solves skip the floating warm start.
constexpr double kMaxFloatingMagnitude = 1e100;

// Owns the arrays a GlpkJob points into and runs it, turning a GLPK error
// into SolverError.
struct GlpkProblem {
  bool maximize = false;
  std::vector<int> row_type, col_type;
  std::vector<double> row_lb, row_ub, col_lb, col_ub, cost;
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0.0};
  // results
  int ret = 0, status = 0, prim_stat = 0, dual_stat = 0;
  double objective = 0.0;
  std::vector<double> x, col_dual, row_activity, row_dual;
  std::vector<int> col_stat, row_stat;

  /// The largest magnitude among the bounds, costs and coefficients.
  double magnitude() const {
    double largest = 0.0;
    for (const auto* values : {&row_lb, &row_ub, &col_lb, &col_ub, &cost, &ar})
      for (double v : *values) largest = std::max(largest, std::abs(v));
    return largest;
  }

  void run(const Options& options, bool exact, bool dual_from_crash = false) {
    const std::size_t m = row_type.size(), n = col_type.size();
    x.assign(n, 0.0);
    col_dual.assign(n, 0.0);
    col_stat.assign(n, 0);
    row_activity.assign(m, 0.0);
    row_dual.assign(m, 0.0);
    row_stat.assign(m, 0);

    GlpkJob job;
    job.m = static_cast<int>(m);
    job.n = static_cast<int>(n);
    job.maximize = maximize;
    job.row_type = row_type.data();
    job.row_lb = row_lb.data();
    job.row_ub = row_ub.data();
    job.col_type = col_type.data();
    job.col_lb = col_lb.data();
    job.col_ub = col_ub.data();
    job.cost = cost.data();
    job.ne = static_cast<int>(ar.size() - 1);
    job.ia = ia.data();
    job.ja = ja.data();
    job.ar = ar.data();
    job.it_lim = options.iteration_limit;
    if (std::isfinite(options.time_limit_seconds))
      job.tm_lim = static_cast<int>(std::clamp(std::ceil(options.time_limit_seconds * 1000.0), 1.0, double(INT_MAX)));
    job.exact = exact;
    job.dual_from_crash = dual_from_crash && !exact;
    job.skip_floating = exact && magnitude() > kMaxFloatingMagnitude;
    job.fault = std::exchange(fault_requested, false);
    job.x = x.data();
    job.col_dual = col_dual.data();
    job.col_stat = col_stat.data();
    job.row_activity = row_activity.data();
    job.row_dual = row_dual.data();
    job.row_stat = row_stat.data();

    env_guard.used = true;
    clear_term_text();
    GmpBlocks gmp;  // glp_exact may run in floating mode too (a stalled simplex)
    if (!run_glpk(&job)) {
      gmp.free_all();
      std::string message(term_text, term_length);
      while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
      glp_free_env();  // frees the problem too; the next GLPK call starts afresh
      clear_term_text();
      throw SolverError("GLPK error: " + (message.empty() ? std::string("(no message)") : message));
    }
    ret = job.ret;
    status = job.status;
    prim_stat = job.prim_stat;
    dual_stat = job.dual_stat;
    objective = job.objective;
  }

  void reserve_terms(std::size_t count) {
    ia.reserve(count + 1);
    ja.reserve(count + 1);
    ar.reserve(count + 1);
  }

  void add_term(int row, int column, double value) {
    ia.push_back(row + 1);
    ja.push_back(column + 1);
    ar.push_back(value);
  }
};

// --- validation, shared by both scalars ---------------------------------------

// `what` names the value in the message; it is called only on failure, so
// the check costs no string per coefficient.
template <class Scalar, class What>
void require_finite(const Scalar& value, const What& what) {
  if constexpr (std::is_same_v<Scalar, double>) {
    if (!std::isfinite(value))
      throw InvalidArgument("lp::solve: " + what() + " is " + entente::to_string(value) +
                            "; coefficients, bounds and costs must be finite");
  }
}

template <class Scalar, class What>
void require_finite(const Bound<Scalar>& bound, const What& what) {
  if (bound.lower) require_finite(*bound.lower, [&] { return "the lower bound of " + what(); });
  if (bound.upper) require_finite(*bound.upper, [&] { return "the upper bound of " + what(); });
}

template <class Scalar>
using SparseRows = std::vector<std::vector<Term<Scalar>>>;

// Checks the model and returns its rows with duplicate columns summed (GLPK
// rejects duplicates), zero coefficients dropped and terms sorted by column.
template <class Scalar>
SparseRows<Scalar> validated_rows(const Model<Scalar>& model, const Options& options) {
  const std::size_t n = model.num_columns(), m = model.num_rows();
  if (model.column_bounds.size() != n)
    throw InvalidArgument("lp::solve: the objective has " + std::to_string(n) + " entries but column_bounds has " +
                          std::to_string(model.column_bounds.size()));
  if (options.iteration_limit < 0) throw InvalidArgument("lp::solve: iteration_limit must be >= 0");
  check_time_limit(options.time_limit_seconds, "lp::solve");
  constexpr std::size_t int_max = static_cast<std::size_t>(INT_MAX) - 1;
  if (n > int_max || m > int_max) throw InvalidArgument("lp::solve: too many rows or columns for GLPK");
  for (std::size_t j = 0; j < n; ++j) {
    require_finite(model.objective[j], [&] { return "objective[" + std::to_string(j) + "]"; });
    require_finite(model.column_bounds[j], [&] { return "column " + std::to_string(j); });
  }
  SparseRows<Scalar> rows(m);
  std::size_t nonzeros = 0;
  for (std::size_t i = 0; i < m; ++i) {
    const Row<Scalar>& row = model.rows[i];
    require_finite(row.bound, [&] { return "row " + std::to_string(i); });
    for (std::size_t k = 0; k < row.terms.size(); ++k) {
      const Term<Scalar>& term = row.terms[k];
      if (term.column >= n)
        throw InvalidArgument("lp::solve: row " + std::to_string(i) + ", term " + std::to_string(k) + ": column " +
                              std::to_string(term.column) + " is out of range (the model has " +
                              std::to_string(n) + " columns)");
      require_finite(term.coefficient, [&] {
        return "the coefficient of column " + std::to_string(term.column) + " in row " + std::to_string(i);
      });
    }
    std::vector<Term<Scalar>> terms = row.terms;
    const auto by_column = [](const auto& a, const auto& b) { return a.column < b.column; };
    if (!std::is_sorted(terms.begin(), terms.end(), by_column))  // most models build rows in order
      std::stable_sort(terms.begin(), terms.end(), by_column);
    std::vector<Term<Scalar>>& merged = rows[i];
    merged.reserve(terms.size());
    for (auto& term : terms) {
      if (!merged.empty() && merged.back().column == term.column)
        merged.back().coefficient += term.coefficient;
      else
        merged.push_back(std::move(term));
    }
    std::erase_if(merged, [](const Term<Scalar>& t) { return t.coefficient == 0; });
    nonzeros += merged.size();
  }
  if (nonzeros > int_max) throw InvalidArgument("lp::solve: too many nonzeros for GLPK");
  return rows;
}

template <class Scalar>
bool crossed(const Bound<Scalar>& bound) {
  return bound.lower && bound.upper && *bound.lower > *bound.upper;
}

// lower > upper anywhere: a legitimately infeasible model, no solver needed.
template <class Scalar>
bool has_crossed_bounds(const Model<Scalar>& model) {
  return std::any_of(model.column_bounds.begin(), model.column_bounds.end(), crossed<Scalar>) ||
         std::any_of(model.rows.begin(), model.rows.end(), [](const Row<Scalar>& r) { return crossed(r.bound); });
}

template <class Scalar>
int glpk_type(const Bound<Scalar>& bound) {
  if (bound.lower && bound.upper) return *bound.lower == *bound.upper ? GLP_FX : GLP_DB;
  if (bound.lower) return GLP_LO;
  if (bound.upper) return GLP_UP;
  return GLP_FR;
}

template <class Scalar>
Solution<Scalar> empty_solution(const Model<Scalar>& model, Status status) {
  Solution<Scalar> out;
  out.status = status;
  out.objective = Scalar(0);
  out.x.assign(model.num_columns(), Scalar(0));
  out.reduced_cost.assign(model.num_columns(), Scalar(0));
  out.row_activity.assign(model.num_rows(), Scalar(0));
  out.row_dual.assign(model.num_rows(), Scalar(0));
  return out;
}

// Maps what GLPK reports after a run to a Status, or throws.
Status status_of(const GlpkProblem& glpk, const char* routine) {
  if (glpk.ret == GLP_EITLIM) return Status::iteration_limit;
  if (glpk.ret == GLP_ETMLIM) return Status::time_limit;
  if (glpk.ret != 0)
    throw SolverError(std::string("GLPK's ") + routine + " failed (return code " + std::to_string(glpk.ret) + ")");
  if (glpk.status == GLP_OPT) return Status::optimal;
  if (glpk.status == GLP_NOFEAS || glpk.prim_stat == GLP_NOFEAS) return Status::infeasible;
  if (glpk.status == GLP_UNBND || (glpk.prim_stat == GLP_FEAS && glpk.dual_stat == GLP_NOFEAS))
    return Status::unbounded;
  throw SolverError(std::string("GLPK's ") + routine + " ended without a definite status (status " +
                    std::to_string(glpk.status) + ")");
}

double clean(double v) { return v + 0.0; }  // turns -0.0 into 0.0

// --- exact recomputation --------------------------------------------------------

// Dense rational LU with row pivoting of the square part of the basis matrix:
// P B = L U, L unit lower triangular stored below the diagonal.
class RationalLU {
 public:
  explicit RationalLU(std::size_t k) : k_(k), a_(k * k), perm_(k) {
    for (std::size_t p = 0; p < k; ++p) perm_[p] = p;
  }
  Rational& at(std::size_t r, std::size_t c) { return a_[r * k_ + c]; }
  const Rational& at(std::size_t r, std::size_t c) const { return a_[r * k_ + c]; }

  /// False if B is singular.
  bool factor() {
    for (std::size_t c = 0; c < k_; ++c) {
      std::size_t pivot = c;
      while (pivot < k_ && at(pivot, c) == 0) ++pivot;
      if (pivot == k_) return false;
      if (pivot != c) {
        for (std::size_t j = 0; j < k_; ++j) std::swap(at(pivot, j), at(c, j));
        std::swap(perm_[pivot], perm_[c]);
      }
      for (std::size_t r = c + 1; r < k_; ++r) {
        if (at(r, c) == 0) continue;
        at(r, c) /= at(c, c);
        const Rational f = at(r, c);
        for (std::size_t j = c + 1; j < k_; ++j)
          if (at(c, j) != 0) at(r, j) -= f * at(c, j);
      }
    }
    return true;
  }

  /// Solves B z = b.
  std::vector<Rational> solve(const std::vector<Rational>& b) const {
    std::vector<Rational> y(k_);
    for (std::size_t p = 0; p < k_; ++p) {
      y[p] = b[perm_[p]];
      for (std::size_t q = 0; q < p; ++q)
        if (at(p, q) != 0) y[p] -= at(p, q) * y[q];
    }
    for (std::size_t p = k_; p-- > 0;) {
      for (std::size_t q = p + 1; q < k_; ++q)
        if (at(p, q) != 0) y[p] -= at(p, q) * y[q];
      y[p] /= at(p, p);
    }
    return y;
  }

  /// Solves B^T w = c, with B^T = U^T L^T P.
  std::vector<Rational> solve_transposed(const std::vector<Rational>& c) const {
    std::vector<Rational> u(c);
    for (std::size_t p = 0; p < k_; ++p) {
      for (std::size_t q = 0; q < p; ++q)
        if (at(q, p) != 0) u[p] -= at(q, p) * u[q];
      u[p] /= at(p, p);
    }
    for (std::size_t p = k_; p-- > 0;)
      for (std::size_t q = p + 1; q < k_; ++q)
        if (at(q, p) != 0) u[p] -= at(q, p) * u[q];
    std::vector<Rational> w(k_);
    for (std::size_t p = 0; p < k_; ++p) w[perm_[p]] = std::move(u[p]);
    return w;
  }

 private:
  std::size_t k_;
  std::vector<Rational> a_;
  std::vector<std::size_t> perm_;
};

struct Recomputed {
  std::string unusable;   // non-empty: the basis itself is unusable
  std::string violation;  // non-empty: a primal or dual sign check failed
  Solution<Rational> solution;
};

// The value of a nonbasic variable from its GLPK status; empty if the status
// asks for a bound the variable does not have.
std::optional<Rational> nonbasic_value(int stat, const Bound<Rational>& bound) {
  switch (stat) {
    case GLP_NL: return bound.lower;
    case GLP_NU: return bound.upper;
    case GLP_NS:
      if (bound.lower && bound.upper && *bound.lower == *bound.upper) return bound.lower;
      return std::nullopt;
    case GLP_NF:
      if (!bound.lower && !bound.upper) return Rational(0);
      return std::nullopt;
    default: return std::nullopt;
  }
}

// Checks a nonbasic variable's reduced cost sign: at a minimum a variable at
// its lower bound has d >= 0, at its upper bound d <= 0, a free one d = 0.
bool dual_sign_ok(int stat, const Rational& d, Sense sense) {
  const int s = sense == Sense::minimize ? sgn(d) : -sgn(d);
  switch (stat) {
    case GLP_NL: return s >= 0;
    case GLP_NU: return s <= 0;
    case GLP_NF: return s == 0;
    default: return true;  // GLP_NS: either sign
  }
}

// The basic solution of the ORIGINAL model for the basis given by GLPK
// statuses, in rationals, and whether it is primal and dual feasible.
// Rows have auxiliary variables r = A x; basic auxiliaries are computed from
// x afterwards, so only the k x k block (nonbasic rows x basic columns) of
// the basis matrix needs factoring.
Recomputed recompute(const Model<Rational>& model, const SparseRows<Rational>& rows, const std::vector<int>& row_stat,
                     const std::vector<int>& col_stat) {
  const std::size_t m = model.num_rows(), n = model.num_columns();
  Recomputed out;
  Solution<Rational>& sol = out.solution;
  sol.x.assign(n, Rational(0));
  sol.reduced_cost.assign(n, Rational(0));
  sol.row_activity.assign(m, Rational(0));
  sol.row_dual.assign(m, Rational(0));

  std::vector<std::size_t> basic_cols, nonbasic_rows;
  std::vector<std::size_t> col_position(n, SIZE_MAX);
  for (std::size_t j = 0; j < n; ++j) {
    if (col_stat[j] == GLP_BS) {
      col_position[j] = basic_cols.size();
      basic_cols.push_back(j);
    } else if (auto v = nonbasic_value(col_stat[j], model.column_bounds[j])) {
      sol.x[j] = *v;
    } else {
      out.unusable = "column " + std::to_string(j) + " has status " + std::to_string(col_stat[j]) +
                     " that does not fit its bounds";
      return out;
    }
  }
  std::vector<Rational> row_value(m);
  for (std::size_t i = 0; i < m; ++i) {
    if (row_stat[i] == GLP_BS) continue;
    if (auto v = nonbasic_value(row_stat[i], model.rows[i].bound)) {
      row_value[i] = *v;
      nonbasic_rows.push_back(i);
    } else {
      out.unusable = "row " + std::to_string(i) + " has status " + std::to_string(row_stat[i]) +
                     " that does not fit its bounds";
      return out;
    }
  }
  const std::size_t k = basic_cols.size();
  if (nonbasic_rows.size() != k) {
    out.unusable = "the basis has " + std::to_string(k + m - nonbasic_rows.size()) + " basic variables for " +
                   std::to_string(m) + " rows";
    return out;
  }

  // B z = b over the nonbasic rows: sum_{j basic} a_ij x_j = r_i - sum_{j nonbasic} a_ij x_j.
  RationalLU lu(k);
  std::vector<Rational> rhs(k), basic_cost(k);
  for (std::size_t p = 0; p < k; ++p) {
    const std::size_t i = nonbasic_rows[p];
    rhs[p] = row_value[i];
    for (const auto& t : rows[i]) {
      if (col_position[t.column] != SIZE_MAX)
        lu.at(p, col_position[t.column]) = t.coefficient;
      else
        rhs[p] -= t.coefficient * sol.x[t.column];
    }
  }
  for (std::size_t q = 0; q < k; ++q) basic_cost[q] = model.objective[basic_cols[q]];
  if (!lu.factor()) {
    out.unusable = "the basis matrix is singular";
    return out;
  }
  std::vector<Rational> z = lu.solve(rhs);
  for (std::size_t q = 0; q < k; ++q) sol.x[basic_cols[q]] = std::move(z[q]);
  // Basic columns have zero reduced cost: sum_{i nonbasic} a_ij pi_i = c_j.
  std::vector<Rational> w = lu.solve_transposed(basic_cost);
  for (std::size_t p = 0; p < k; ++p) sol.row_dual[nonbasic_rows[p]] = std::move(w[p]);

  sol.objective = 0;
  for (std::size_t j = 0; j < n; ++j) {
    sol.reduced_cost[j] = model.objective[j];
    if (sol.x[j] != 0) sol.objective += model.objective[j] * sol.x[j];
  }
  for (std::size_t i = 0; i < m; ++i) {
    Rational activity = 0;
    for (const auto& t : rows[i]) {
      activity += t.coefficient * sol.x[t.column];
      if (sol.row_dual[i] != 0) sol.reduced_cost[t.column] -= t.coefficient * sol.row_dual[i];
    }
    sol.row_activity[i] = std::move(activity);
  }

  // Primal: basic variables within bounds (nonbasic ones sit on a bound).
  auto within = [](const Rational& v, const Bound<Rational>& b) {
    return (!b.lower || v >= *b.lower) && (!b.upper || v <= *b.upper);
  };
  for (std::size_t j = 0; j < n && out.violation.empty(); ++j)
    if (col_stat[j] == GLP_BS && !within(sol.x[j], model.column_bounds[j]))
      out.violation = "column " + std::to_string(j) + " = " + sol.x[j].get_str() + " is outside its bounds";
  for (std::size_t i = 0; i < m && out.violation.empty(); ++i)
    if (row_stat[i] == GLP_BS && !within(sol.row_activity[i], model.rows[i].bound))
      out.violation = "row " + std::to_string(i) + " activity " + sol.row_activity[i].get_str() +
                      " is outside its bounds";
  // Dual: reduced-cost signs of nonbasic variables (a row's reduced cost is its dual).
  for (std::size_t j = 0; j < n && out.violation.empty(); ++j)
    if (col_stat[j] != GLP_BS && !dual_sign_ok(col_stat[j], sol.reduced_cost[j], model.sense))
      out.violation = "column " + std::to_string(j) + " has reduced cost " + sol.reduced_cost[j].get_str() +
                      " of the wrong sign";
  for (std::size_t i = 0; i < m && out.violation.empty(); ++i)
    if (row_stat[i] != GLP_BS && !dual_sign_ok(row_stat[i], sol.row_dual[i], model.sense))
      out.violation = "row " + std::to_string(i) + " has dual " + sol.row_dual[i].get_str() + " of the wrong sign";
  return out;
}

// No rows or no columns: glp_exact refuses such problems, and the optimal
// basis is obvious, so choose it here and let recompute() check it.
Solution<Rational> solve_trivial(const Model<Rational>& model, const SparseRows<Rational>& rows) {
  const std::size_t m = model.num_rows(), n = model.num_columns();
  std::vector<int> row_stat(m, GLP_BS), col_stat(n, GLP_NF);
  bool unbounded = false;
  if (m == 0) {
    for (std::size_t j = 0; j < n; ++j) {
      const Bound<Rational>& b = model.column_bounds[j];
      // improving direction: down if dir > 0, up if dir < 0
      const int dir = model.sense == Sense::minimize ? sgn(model.objective[j]) : -sgn(model.objective[j]);
      int stat = b.lower ? GLP_NL : b.upper ? GLP_NU : GLP_NF;
      if (b.lower && b.upper && *b.lower == *b.upper) stat = GLP_NS;
      else if (dir < 0 && b.upper) stat = GLP_NU;
      else if ((dir > 0 && !b.lower) || (dir < 0 && !b.upper)) unbounded = true;
      col_stat[j] = stat;
    }
  }
  Recomputed r = recompute(model, rows, row_stat, col_stat);
  if (!r.unusable.empty()) throw SolverError("exact LP: internal error on a trivial model: " + r.unusable);
  Solution<Rational> out = std::move(r.solution);
  // With no columns the only basis fails primal checks exactly when the model
  // is infeasible; with no rows a wrong-sign cost means an unbounded ray.
  out.status = unbounded ? Status::unbounded : r.violation.empty() ? Status::optimal : Status::infeasible;
  return out;
}

Rational lcm_of_denominators(const std::vector<const Rational*>& values) {
  mpz_class l = 1;
  for (const Rational* v : values) mpz_lcm(l.get_mpz_t(), l.get_mpz_t(), v->get_den().get_mpz_t());
  return Rational(l);
}

// A scaled value that should be an integer, as GLPK's double; exact below
// 2^53. Data with more significant bits reach GLPK rounded: `rounded` records
// it, because a basis found for the rounded LP may then fail the exact check.
double scaled_double(const Rational& v, bool& rounded) {
  const double d = to_double(v);
  if (!std::isfinite(d)) throw SolverError("exact LP: a scaled coefficient is too large for GLPK's double input");
  if (!rounded && Rational(d) != v) rounded = true;
  return d;
}

}  // namespace

namespace detail {
void inject_glpk_fault_for_testing(bool on) { fault_requested = on; }
}  // namespace detail

// --- floating --------------------------------------------------------------------

namespace {
Solution<double> solve_floating(const Model<double>& model, const Options& options, bool dual_from_crash) {
  check_cancelled();  // between LPs of a long sequence (nucleolus, dominance)
  const SparseRows<double> rows = validated_rows(model, options);
  if (has_crossed_bounds(model)) return empty_solution(model, Status::infeasible);
  const std::size_t m = model.num_rows(), n = model.num_columns();

  GlpkProblem glpk;
  glpk.maximize = model.sense == Sense::maximize;
  for (const Row<double>& row : model.rows) {
    glpk.row_type.push_back(glpk_type(row.bound));
    glpk.row_lb.push_back(row.bound.lower.value_or(0.0));
    glpk.row_ub.push_back(row.bound.upper.value_or(0.0));
  }
  for (std::size_t j = 0; j < n; ++j) {
    const Bound<double>& b = model.column_bounds[j];
    glpk.col_type.push_back(glpk_type(b));
    glpk.col_lb.push_back(b.lower.value_or(0.0));
    glpk.col_ub.push_back(b.upper.value_or(0.0));
    glpk.cost.push_back(model.objective[j]);
  }
  std::size_t nonzeros = 0;
  for (const auto& row : rows) nonzeros += row.size();
  glpk.reserve_terms(nonzeros);
  for (std::size_t i = 0; i < m; ++i)
    for (const auto& t : rows[i]) glpk.add_term(static_cast<int>(i), static_cast<int>(t.column), t.coefficient);
  if (const double largest = glpk.magnitude(); largest > kMaxFloatingMagnitude)
    throw SolverError("lp::solve: the data reach " + entente::to_string(largest) +
                      " in magnitude, past the 1e100 that GLPK's floating simplex handles; rescale the payoffs or "
                      "solve exactly");
  glpk.run(options, false, dual_from_crash);

  Solution<double> out;
  out.status = status_of(glpk, "glp_simplex");
  // GLPK's duals already follow d = c - A'pi (pi >= 0 on a lower-bounded row
  // at a minimum), the convention of model.hpp, in both senses.
  out.objective = clean(glpk.objective);
  for (std::size_t j = 0; j < n; ++j) {
    out.x.push_back(clean(glpk.x[j]));
    out.reduced_cost.push_back(clean(glpk.col_dual[j]));
  }
  for (std::size_t i = 0; i < m; ++i) {
    out.row_activity.push_back(clean(glpk.row_activity[i]));
    out.row_dual.push_back(clean(glpk.row_dual[i]));
  }
  return out;
}
}  // namespace

Solution<double> solve(const Model<double>& model, const Options& options) {
  return solve_floating(model, options, false);
}

namespace detail {
Solution<double> solve_dual_from_crash(const Model<double>& model, const Options& options) {
  return solve_floating(model, options, true);
}
}  // namespace detail

// --- exact -------------------------------------------------------------------------

Solution<Rational> solve(const Model<Rational>& model, const Options& options) {
  check_cancelled();  // between LPs of a long sequence (nucleolus, dominance)
  const SparseRows<Rational> rows = validated_rows(model, options);
  if (has_crossed_bounds(model)) return empty_solution(model, Status::infeasible);
  const std::size_t m = model.num_rows(), n = model.num_columns();
  if (m == 0 || n == 0) return solve_trivial(model, rows);

  // Give GLPK integer data, exact in double: x_j = y_j / s_j makes column
  // bounds integral, then each row and the objective are multiplied by the
  // lcm of their denominators. Positive scalings keep the basis and the
  // statuses, and the answer is recomputed from the original data anyway.
  GlpkProblem glpk;
  glpk.maximize = model.sense == Sense::maximize;
  bool rounded = false;
  std::vector<Rational> col_scale(n);
  for (std::size_t j = 0; j < n; ++j) {
    const Bound<Rational>& b = model.column_bounds[j];
    std::vector<const Rational*> vals;
    if (b.lower) vals.push_back(&*b.lower);
    if (b.upper) vals.push_back(&*b.upper);
    col_scale[j] = lcm_of_denominators(vals);
    glpk.col_type.push_back(glpk_type(b));
    glpk.col_lb.push_back(b.lower ? scaled_double(*b.lower * col_scale[j], rounded) : 0.0);
    glpk.col_ub.push_back(b.upper ? scaled_double(*b.upper * col_scale[j], rounded) : 0.0);
  }
  {
    std::vector<Rational> costs(n);
    std::vector<const Rational*> vals;
    for (std::size_t j = 0; j < n; ++j) {
      costs[j] = model.objective[j] / col_scale[j];
      vals.push_back(&costs[j]);
    }
    const Rational scale = lcm_of_denominators(vals);
    for (std::size_t j = 0; j < n; ++j) glpk.cost.push_back(scaled_double(costs[j] * scale, rounded));
  }
  for (std::size_t i = 0; i < m; ++i) {
    const Bound<Rational>& b = model.rows[i].bound;
    std::vector<Rational> coefs;
    for (const auto& t : rows[i]) coefs.push_back(t.coefficient / col_scale[t.column]);
    std::vector<const Rational*> vals;
    for (const auto& c : coefs) vals.push_back(&c);
    if (b.lower) vals.push_back(&*b.lower);
    if (b.upper) vals.push_back(&*b.upper);
    const Rational scale = lcm_of_denominators(vals);
    glpk.row_type.push_back(glpk_type(b));
    glpk.row_lb.push_back(b.lower ? scaled_double(*b.lower * scale, rounded) : 0.0);
    glpk.row_ub.push_back(b.upper ? scaled_double(*b.upper * scale, rounded) : 0.0);
    for (std::size_t k = 0; k < coefs.size(); ++k)
      glpk.add_term(static_cast<int>(i), static_cast<int>(rows[i][k].column), scaled_double(coefs[k] * scale, rounded));
  }
  glpk.run(options, true);

  const Status status = status_of(glpk, "glp_exact");
  Recomputed r = recompute(model, rows, glpk.row_stat, glpk.col_stat);
  if (status == Status::optimal) {
    const std::string failed = !r.unusable.empty() ? r.unusable : r.violation;
    if (!failed.empty() && rounded)
      throw InexactData("exact LP: the data need more than double's 53 bits, so GLPK solved a rounded LP, "
                        "and its basis did not verify: " + failed);
    if (!failed.empty()) throw SolverError("exact LP: GLPK's basis did not verify: " + failed);
  } else if (!r.unusable.empty()) {
    return empty_solution(model, status);
  }
  // Not optimal: the basic solution of the last basis, exactly, unchecked.
  Solution<Rational> out = std::move(r.solution);
  out.status = status;
  return out;
}

}  // namespace entente::lp
