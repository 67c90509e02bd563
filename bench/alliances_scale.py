"""Timing of entente's all-partition alliance analysis at issue 15's two sizes:
7 players x 3 strategies (877 partitions) and 10 players x 2 strategies
(115,975 partitions), the default analysis (alpha, split none, every notion
the size allows: farsighted up to 7 players), on every core.

Run from the repository root after `make build`:
    PYTHONPATH=build/python /usr/bin/python3 bench/alliances_scale.py [seeds]
Each game has integer payoffs -9..9 drawn by numpy (as
bench/alliances_vs_numpy.py draws them) and, beside it, entente's own
real-valued en.random_game(shape, low=-9, high=9, seed=seed): games without
ties, whose bloc games more often lack a pure equilibrium. There is no peer
here: the numpy implementation in alliances_vs_numpy.py would take hours on
115,975 partitions; that script is the side-by-side run at 7 x 3. The first
7-player analysis in a process also builds the farsighted move index (about
0.3 s), so each size is run once before it is timed.
"""
import sys
import time

import numpy as np

import entente as en


def timed(game):
    wall, cpu = time.perf_counter(), time.process_time()
    result = en.alliances(game)
    return time.perf_counter() - wall, time.process_time() - cpu, len(result.records())


def main(seeds=2):
    print(f"{'size':>6} {'payoffs':>8} {'seed':>4} {'partitions':>10} {'wall s':>8} {'cpu s':>8}")
    for players, strategies in ((7, 3), (10, 2)):
        shape = [strategies] * players
        en.alliances(en.random_game([2] * 3, seed=0))  # loads the module's code paths
        if players == 7:
            en.alliances(en.random_game(shape, low=-9, high=9, seed=0))  # the farsighted index
        for seed in range(seeds):
            rng = np.random.default_rng(seed)
            games = {
                "integer": en.Game([rng.integers(-9, 10, size=shape) for _ in range(players)]),
                "real": en.random_game(shape, low=-9, high=9, seed=seed),
            }
            for kind, game in games.items():
                wall, cpu, count = timed(game)
                print(f"{players}x{strategies:<4} {kind:>8} {seed:>4} {count:>10} {wall:>8.2f} {cpu:>8.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2))
