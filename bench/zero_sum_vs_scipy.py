"""Zero-sum LP: entente against scipy.optimize.linprog (HiGHS), side by side.

Run from the repository root after `make build`:
    PYTHONPATH=build/python /usr/bin/python3 bench/zero_sum_vs_scipy.py
Prints, per size, the median time of each over the same seeded random games,
the ratio entente/scipy, and the largest difference between the two values.
"""
import statistics
import sys
import time

import numpy as np
from scipy.optimize import linprog

import entente as en


def scipy_value(A):
    # Column player's LP: minimise v s.t. A y <= v, sum y = 1, y >= 0.
    m, n = A.shape
    c = np.r_[np.zeros(n), 1.0]
    A_ub = np.c_[A, -np.ones(m)]
    A_eq = np.r_[np.ones(n), 0.0][None, :]
    res = linprog(c, A_ub=A_ub, b_ub=np.zeros(m), A_eq=A_eq, b_eq=[1.0],
                  bounds=[(0, None)] * n + [(None, None)], method="highs")
    assert res.status == 0
    return res.fun


def median_time(fn, games):
    times = []
    for A in games:
        start = time.perf_counter()
        fn(A)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(sizes=(10, 50, 200, 500), count=20):
    rng = np.random.default_rng(2026)
    print(f"{'size':>9} {'entente':>11} {'scipy':>11} {'ratio':>7} {'max |dv|':>10} "
          f"{'exact':>11}")
    for n in sizes:
        games = [rng.integers(0, 100, size=(n, n)).astype(float) for _ in range(count)]
        diff = max(abs(en.zero_sum(A)[0] - scipy_value(A)) for A in games)
        t_en = median_time(lambda A: en.zero_sum(A), games)
        t_sp = median_time(scipy_value, games)
        # Exact mode is slow on large games: time fewer of them.
        t_ex = median_time(lambda A: en.zero_sum(A, exact=True), games[:3 if n <= 200 else 1])
        print(f"{n:>4}x{n:<4} {t_en * 1e3:>9.3f}ms {t_sp * 1e3:>9.3f}ms {t_en / t_sp:>7.2f} "
              f"{diff:>10.1e} {t_ex * 1e3:>9.2f}ms")


if __name__ == "__main__":
    main(*([tuple(int(s) for s in sys.argv[1].split(","))] if len(sys.argv) > 1 else []))
