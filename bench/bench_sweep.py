"""Parameter sweeps: entente's parallel C++ sweep against a plain Python loop
over Scenario.game() + en.solve, on the same 10,000 points, and the time of
the seven-actor default run (`entente` with no arguments).

Run from the repository root after `make build`:
    PYTHONPATH=build/python /usr/bin/python3 bench/bench_sweep.py
Prints the median of 3 runs of each (the Python loop runs once: it is the
slow side), the ratio, and checks that both found the same equilibria.
"""
import os
import pathlib
import statistics
import subprocess
import sys
import time

import numpy as np

import entente as en

ROOT = pathlib.Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "examples" / "scenarios" / "china_three_bloc.json"
CLI = os.environ.get("ENTENTE_CLI", str(ROOT / "build" / "entente"))


def median_time(fn, repeat=3):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(side=100):
    s = en.Scenario.load(SCENARIO)
    grid = {"pact_strength": (0.0, 1.0, side), "nk_nuclear_gain": (0.0, 1.0, side)}
    points = side * side
    print(f"{s.title}: {len(s.actors)} players, shape {s.shape}; "
          f"{points} points (pact_strength x nk_nuclear_gain), method auto; {os.cpu_count()} cores")

    parallel, result = median_time(lambda: s.sweep(grid, progress=False))
    serial, _ = median_time(lambda: s.sweep(grid, progress=False, threads=1))

    def python_loop():
        payoffs = []
        for pact in np.linspace(0.0, 1.0, side):
            for gain in np.linspace(0.0, 1.0, side):
                eqs = en.solve(s.game(pact_strength=float(pact), nk_nuclear_gain=float(gain)))
                payoffs.append(eqs[0].payoffs if eqs else np.full(len(s.actors), np.nan))
        return np.array(payoffs)

    loop, loop_payoffs = median_time(python_loop, repeat=1)
    same = np.array_equal(loop_payoffs, result["payoffs"].reshape(points, -1), equal_nan=True)

    print(f"| sweep | entente parallel | entente 1 thread | Python loop | loop / parallel | same answers |")
    print(f"|---|---|---|---|---|---|")
    print(f"| {points} points, 3 players | {parallel:.3f} s | {serial:.3f} s | {loop:.3f} s | "
          f"{loop / parallel:.0f}x | {same} |")

    if pathlib.Path(CLI).exists():
        default_run, _ = median_time(lambda: subprocess.run([CLI], capture_output=True, check=True), repeat=5)
        print(f"seven-actor default run (`entente`, report incl. a 25-point sweep): {default_run:.3f} s")
    else:
        print(f"no CLI at {CLI}: build it (make build) or set ENTENTE_CLI")
    if not same:
        sys.exit("the sweep and the Python loop disagree")


if __name__ == "__main__":
    main()
