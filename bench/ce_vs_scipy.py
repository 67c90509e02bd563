"""Correlated equilibrium of maximum welfare: entente against
scipy.optimize.linprog (HiGHS) on the same LP, side by side.

Run from the repository root after `make build`:
    PYTHONPATH=build/python /usr/bin/python3 bench/ce_vs_scipy.py
For 3 and 4 players with 5 to 10 strategies each, on three seeded random
games per size with integer payoffs 0..99, prints the median over the games
of each one's best time (5 runs, 3 above 5000 profiles), the ratio
entente/scipy and the largest difference between the two optimal welfares.
`bench/ce_vs_scipy.py 3` runs 3 players only.

entente's time is the whole call (building the LP from the game and
solving it); scipy's is linprog alone on an LP prebuilt with numpy (the
incentive constraints of Papadimitriou & Roughgarden 2008), so the ratio
does not flatter entente. Times are CPU time of this process (the machine
is shared, so wall time mostly measures the other jobs).
"""
import statistics
import sys
import time

import numpy as np
from scipy.optimize import linprog

import entente as en


def incentive_matrix(payoffs):
    """CE constraints sum_{a: a_i = s} p(a) (u_i(t, a_-i) - u_i(a)) <= 0, one row per (i, s, t != s)."""
    shape = payoffs[0].shape
    rows = []
    for i, u in enumerate(payoffs):
        U = np.moveaxis(u, i, 0)
        n = shape[i]
        for s in range(n):
            for t in range(n):
                if s == t:
                    continue
                coef = np.zeros_like(U)
                coef[s] = U[t] - U[s]
                rows.append(np.moveaxis(coef, 0, i).ravel())
    return np.array(rows)


def scipy_problem(payoffs):
    A_ub = incentive_matrix(payoffs)
    c = -sum(u.ravel() for u in payoffs)
    k = c.size
    return dict(c=c, A_ub=A_ub, b_ub=np.zeros(len(A_ub)), A_eq=np.ones((1, k)), b_eq=[1.0],
                bounds=(0, None), method="highs")


def scipy_welfare(problem):
    res = linprog(**problem)
    assert res.status == 0, res.message
    return -res.fun


def median_time(fn, items, repeat):
    times = []
    for item in items:
        best = float("inf")
        for _ in range(repeat):
            start = time.process_time()
            fn(item)
            best = min(best, time.process_time() - start)
        times.append(best)
    return statistics.median(times)


def main(players=(3, 4), strategies=(5, 6, 7, 8, 9, 10), count=3):
    print(f"{'game':>12} {'profiles':>9} {'rows':>5} {'entente':>11} {'scipy':>11} {'ratio':>7} {'max |dw|':>9}")
    ratios = []
    for n_players in players:
        for n in strategies:
            shape = (n,) * n_players
            games = [en.random_game(shape, low=0, high=99, seed=100 * n + k, exact=True) for k in range(count)]
            payoffs = [[np.asarray(u, dtype=float) for u in g.payoffs] for g in games]
            problems = [scipy_problem(p) for p in payoffs]
            diff = max(abs(en.correlated_equilibrium(g).objective - scipy_welfare(pr))
                       for g, pr in zip(games, problems))
            repeat = 5 if n ** n_players <= 5000 else 3
            t_en = median_time(lambda g: en.correlated_equilibrium(g), games, repeat)
            t_sp = median_time(scipy_welfare, problems, repeat)
            ratios.append(t_en / t_sp)
            label = "x".join(map(str, shape))
            print(f"{label:>12} {n ** n_players:>9} {len(problems[0]['A_ub']):>5} {t_en * 1e3:>9.2f}ms "
                  f"{t_sp * 1e3:>9.2f}ms {t_en / t_sp:>7.2f} {diff:>9.1e}", flush=True)
    print(f"ratio entente/scipy: median {statistics.median(ratios):.2f}, max {max(ratios):.2f}")


if __name__ == "__main__":
    main(*([tuple(int(s) for s in sys.argv[1].split(","))] if len(sys.argv) > 1 else []))
