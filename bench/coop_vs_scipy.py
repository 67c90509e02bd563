"""Coalitional games: entente against straightforward scipy/numpy peers, in one run.

    PYTHONPATH=build/python /usr/bin/python3 bench/coop_vs_scipy.py [--quick]

1. Nucleolus of random and bankruptcy games at n = 10, 15, 20. entente's
   default (constraint generation, floating and exact) against a plain
   sequential-LP nucleolus with scipy.optimize.linprog (HiGHS): every
   coalition a row of every LP, the rows with a positive dual fixed each round
   (Maschler, Peleg & Shapley 1979), coalitions in the span of the fixed ones
   dropped. The peer runs at n = 10 and 15 only (2^20 rows per LP is out of
   reach), and entente's full-LP method at n = 10 as a reference.
2. Shapley-Shubik index of a 200-player weighted voting game: entente's exact
   (GMP) counting against a numpy float64 dynamic program over (size, weight)
   with the other players, once per distinct weight.

Times are medians of the repeats; ratios are entente / peer (below 1: entente
is faster). The points are compared: "max diff" is the largest coordinate
difference between entente and the peer.
"""

import argparse
import math
import statistics
import time

import numpy as np
from scipy.optimize import linprog

import entente as en


def timed(f, repeats):
    times, out = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


# --- games ------------------------------------------------------------------------


def masks_matrix(n):
    masks = np.arange(2**n, dtype=np.int64)
    return ((masks[:, None] >> np.arange(n)) & 1).astype(np.int64)


def random_game(n, rng):
    """v(S) uniform in 0..100|S|, v(N) = 100 n: imputations exist, the core is often empty."""
    sizes = masks_matrix(n).sum(axis=1)
    v = rng.integers(0, 100 * sizes + 1)
    v[0] = 0
    v[-1] = 100 * n
    return v


def bankruptcy_game(n, rng):
    """v(S) = max(0, E - claims outside S) with claims 1..100 and E half the total."""
    claims = rng.integers(1, 101, size=n)
    estate = int(claims.sum()) // 2
    outside = (1 - masks_matrix(n)) @ claims
    return np.maximum(0, estate - outside)


# --- the scipy peer ---------------------------------------------------------------


def scipy_nucleolus(values, n):
    """Sequential LPs over every coalition, with HiGHS; the imputation set as bounds."""
    full = 2**n - 1
    a = masks_matrix(n)[1:full].astype(float)
    v = values[1:full].astype(float)
    singles = [float(values[1 << i]) for i in range(n)]
    bounds = [(s, None) for s in singles] + [(None, None)]
    cost = np.zeros(n + 1)
    cost[n] = 1
    eq_rows, eq_rhs = [np.ones(n)], [float(values[full])]
    active = np.ones(len(v), dtype=bool)
    while True:
        rows = a[active]
        a_ub = -np.hstack([rows, np.ones((len(rows), 1))])
        a_eq = np.hstack([np.array(eq_rows), np.zeros((len(eq_rows), 1))])
        res = linprog(cost, A_ub=a_ub, b_ub=-v[active], A_eq=a_eq, b_eq=eq_rhs, bounds=bounds, method="highs")
        if res.status != 0:
            raise RuntimeError(res.message)
        t, x = res.x[n], res.x[:n]
        positive = np.flatnonzero(active)[-res.ineqlin.marginals > 1e-9]
        for k in positive:
            eq_rows.append(a[k])
            eq_rhs.append(v[k] - t)
        fixed = np.array(eq_rows)
        if np.linalg.matrix_rank(fixed) == n:
            return x
        # Drop the coalitions in the span of the fixed rows: zero on the null space.
        _, sing, vt = np.linalg.svd(fixed)
        null = vt[int(np.sum(sing > 1e-9)):].T
        active &= np.any(np.abs(a @ null) > 1e-9, axis=1)


# --- the numpy Shapley-Shubik peer --------------------------------------------------


def numpy_shapley_shubik(quota, weights):
    n = len(weights)
    coef = np.array([1.0 / (n * math.comb(n - 1, k)) for k in range(n)])
    out, cache = np.zeros(n), {}
    for i, wi in enumerate(weights):
        if wi in cache:
            out[i] = cache[wi]
            continue
        # counts[k, s]: subsets of the others with k players and weight s < quota.
        counts = np.zeros((n, quota))
        counts[0, 0] = 1
        for j, wj in enumerate(weights):
            if j == i or wj >= quota:
                continue
            counts[1:, wj:] += counts[:-1, : quota - wj].copy()
        pivots = counts[:, max(0, quota - wi):].sum(axis=1)
        cache[wi] = out[i] = float(coef @ pivots)
    return out


# --- the runs -------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="n = 10 and 15 only, one repeat")
    args = parser.parse_args()
    rng = np.random.default_rng(2026)
    sizes = (10, 15) if args.quick else (10, 15, 20)

    print("Nucleolus (seconds, median)")
    print("| game | n | entente | entente exact | scipy peer | ratio | max diff | entente full LPs |")
    print("|---|---|---|---|---|---|---|---|")
    for kind, make in (("random", random_game), ("bankruptcy", bankruptcy_game)):
        for n in sizes:
            values = make(n, rng)
            g = en.CoalitionalGame(n, values)
            repeats = 1 if (args.quick or n == 20) else 3
            t_float, x = timed(g.nucleolus, repeats)
            t_exact, xq = timed(lambda: g.nucleolus(exact=True), 1)
            exact_diff = max(abs(float(q) - a) for q, a in zip(map(float_of, xq), x))
            assert exact_diff < 1e-6, exact_diff
            peer, diff, ratio = "—", "—", "—"
            if n <= 15:
                t_peer, y = timed(lambda: scipy_nucleolus(values, n), 1)
                peer, ratio = f"{t_peer:.3g} s", f"{t_float / t_peer:.3g}"
                diff = f"{np.max(np.abs(x - y)):.1e}"
            full = "—"
            if n == 10:
                t_full, z = timed(lambda: g.nucleolus(method="full"), 1)
                full = f"{t_full:.3g} s"
                assert np.max(np.abs(x - z)) < 1e-6
            print(f"| {kind} | {n} | {t_float:.3g} s | {t_exact:.3g} s | {peer} | {ratio} | {diff} | {full} |",
                  flush=True)

    print()
    print("Shapley-Shubik index, 200 players, weights 1..20 (ten each), quota 2/3 of the total + 1")
    weights = [i // 10 + 1 for i in range(200)]
    quota = 2 * sum(weights) // 3 + 1
    voting = en.WeightedVotingGame(quota, weights)
    t_entente, a = timed(voting.shapley_shubik, 3)
    t_exact, aq = timed(lambda: voting.shapley_shubik(exact=True), 1)
    t_numpy, b = timed(lambda: numpy_shapley_shubik(quota, weights), 1 if args.quick else 3)
    print("| entente | entente exact (Fractions) | numpy float DP | ratio | max diff |")
    print("|---|---|---|---|---|")
    print(f"| {t_entente:.3g} s | {t_exact:.3g} s | {t_numpy:.3g} s | {t_entente / t_numpy:.3g} | "
          f"{np.max(np.abs(a - b)):.1e} |")


def float_of(value):
    return float(value)  # exact results are fractions.Fraction


if __name__ == "__main__":
    main()
