"""All pure Nash equilibria of a 6-player game with 10 strategies each
(10^6 profiles): entente against a vectorised numpy brute force, side by side.

Run from the repository root after `make build`:
    PYTHONPATH=build/python /usr/bin/python3 bench/pure_nash_vs_numpy.py
For seeded random games (real payoffs in [0, 100), and integer payoffs 0..3,
which have many ties and equilibria) prints the median time of each, the ratio
numpy/entente (the speed-up) and checks that both find the same set.

The numpy brute force: a profile is an equilibrium when, for every player,
its payoff equals the maximum over that player's own strategies (one
``max(axis=i, keepdims=True)`` and one comparison per player). Ties count
as best responses in both (entente: within 1e-9, numpy: exact equality;
the payoffs here are exact in double). When every payoff is below 1 in
size entente shrinks its tie tolerance, which costs one extra read of all
payoffs; these games have larger payoffs.

What is timed: ``en.pure_equilibria(g)`` reads the payoffs the Game already
holds (no copy, no conversion per call) and returns one PureEquilibrium
per equilibrium with its profile, payoffs, strictness and regret
certificate; numpy gets the payoff arrays ready-made (``g.payoffs`` is
converted before timing) and returns the profiles only.
"""
import statistics
import sys
import time

import numpy as np

import entente as en


def numpy_pure_nash(payoffs):
    nash = np.ones(payoffs[0].shape, dtype=bool)
    for i, u in enumerate(payoffs):
        nash &= u == u.max(axis=i, keepdims=True)
    return [tuple(int(x) for x in p) for p in np.argwhere(nash)]  # C order


def median_time(fn, repeat):
    # CPU time of this process (both sides are single-threaded): on a shared
    # machine wall time mostly measures the other jobs.
    times = []
    for _ in range(repeat):
        start = time.process_time()
        out = fn()
        times.append(time.process_time() - start)
    return statistics.median(times), out


def main(players=6, strategies=10, repeat=9):
    shape = (strategies,) * players
    print(f"{'game':>22} {'equilibria':>10} {'entente':>10} {'numpy':>10} {'speed-up':>9}")
    speedups = []
    for label, kwargs in (("real [0,100)", dict(low=0.0, high=100.0, seed=1)),
                          ("integers 0..3", dict(low=0, high=3, seed=2, exact=True))):
        g = en.random_game(shape, **kwargs)
        payoffs = [np.ascontiguousarray(u) for u in g.payoffs]
        t_en, ours = median_time(lambda: en.pure_equilibria(g), repeat)
        t_np, theirs = median_time(lambda: numpy_pure_nash(payoffs), repeat)
        assert [e.profile for e in ours] == theirs, "entente and numpy disagree"
        speedups.append(t_np / t_en)
        print(f"{label + ' ' + 'x'.join(map(str, shape[:1])) + '^' + str(players):>22} {len(ours):>10} "
              f"{t_en * 1e3:>8.2f}ms {t_np * 1e3:>8.2f}ms {t_np / t_en:>8.1f}x", flush=True)
    print(f"speed-up numpy/entente: min {min(speedups):.1f}x")


if __name__ == "__main__":
    main(*[int(s) for s in sys.argv[1:]])
