"""Parameter sweeps: entente's parallel C++ sweep against a plain Python loop
over Scenario.game() + en.solve (selection "welfare", the sweep's rule), on the same 10,000 points, with and without
continuation (each mixed equilibrium carried over from the previous point's
by Newton's method, simpdiv only where that fails), and the time of the
seven-actor default run (`entente` with no arguments).

Run from the repository root after `make build`:
    PYTHONPATH=build/python /usr/bin/python3 bench/bench_sweep.py
Prints the median of 3 runs of each (the Python loop runs once: it is the
slow side), wall-clock and process CPU time (on a shared machine the CPU
time of the one-thread sweep against the loop's is the steadier ratio), the
load average, and checks that both found the same equilibria.
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
    """Median wall-clock and median process CPU seconds of `repeat` runs."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def main(side=100):
    s = en.Scenario.load(SCENARIO)
    grid = {"pact_strength": (0.0, 1.0, side), "nk_nuclear_gain": (0.0, 1.0, side)}
    points = side * side
    print(f"{s.title}: {len(s.actors)} players, shape {s.shape}; "
          f"{points} points (pact_strength x nk_nuclear_gain), method auto; {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}")

    parallel, parallel_cpu, result = median_time(lambda: s.sweep(grid, progress=False))
    serial, serial_cpu, _ = median_time(lambda: s.sweep(grid, progress=False, threads=1))

    def python_loop():
        payoffs = []
        for pact in np.linspace(0.0, 1.0, side):
            for gain in np.linspace(0.0, 1.0, side):
                eqs = en.solve(s.game(pact_strength=float(pact), nk_nuclear_gain=float(gain)), selection="welfare")
                payoffs.append(eqs[0].payoffs if eqs else np.full(len(s.actors), np.nan))
        return np.array(payoffs)

    # Continuation: each point's mixed equilibrium carried over from the
    # previous point's by Newton, simpdiv only where that fails.
    cont, cont_cpu, cont_result = median_time(lambda: s.sweep(grid, progress=False, continuation=True))
    cont_serial, cont_serial_cpu, _ = median_time(
        lambda: s.sweep(grid, progress=False, continuation=True, threads=1))

    loop, loop_cpu, loop_payoffs = median_time(python_loop, repeat=1)
    same = np.array_equal(loop_payoffs, result["payoffs"].reshape(points, -1), equal_nan=True)
    mixed = sum(1 for r in result["records"] if any(np.max(p) < 1 for p in r["equilibria"][0]["profile"]))
    continued = cont_result["continued"].ravel()
    cont_payoffs = cont_result["payoffs"].reshape(points, -1)
    # Continued points: certified; every other point is the loop's answer.
    certified = bool((cont_result["regret"].ravel()[continued] <= 1e-8).all())
    others_same = np.array_equal(cont_payoffs[~continued], loop_payoffs[~continued], equal_nan=True)
    same_branch = int(np.sum(np.max(np.abs(cont_payoffs[continued] - loop_payoffs[continued]), axis=1) <= 1e-6))

    print(f"{mixed} of {points} points have no pure equilibrium (auto solves them by simpdiv); "
          f"continuation carries {int(continued.sum())} of them over from the previous point "
          f"({same_branch} with the loop's payoffs to 1e-6, the rest on another branch)")
    print("| sweep | entente parallel | entente 1 thread | Python loop | loop / parallel | same answers |")
    print("|---|---|---|---|---|---|")
    print(f"| {points} points, 3 players, wall | {parallel:.3f} s | {serial:.3f} s | {loop:.3f} s | "
          f"{loop / parallel:.1f}x | {same} |")
    print(f"| the same, CPU | {parallel_cpu:.3f} s | {serial_cpu:.3f} s | {loop_cpu:.3f} s | "
          f"{loop_cpu / serial_cpu:.1f}x (vs 1 thread) | |")
    print(f"| with `continuation=True`, wall | {cont:.3f} s | {cont_serial:.3f} s | {loop:.3f} s | "
          f"{loop / cont:.1f}x | certified {certified}, others same {others_same} |")
    print(f"| the same, CPU | {cont_cpu:.3f} s | {cont_serial_cpu:.3f} s | {loop_cpu:.3f} s | "
          f"{loop_cpu / cont_serial_cpu:.1f}x (vs 1 thread) | |")

    if pathlib.Path(CLI).exists():
        default_run, _, _ = median_time(lambda: subprocess.run([CLI], capture_output=True, check=True), repeat=5)
        print(f"seven-actor default run (`entente`, report incl. a 25-point sweep): {default_run:.3f} s")
    else:
        print(f"no CLI at {CLI}: build it (make build) or set ENTENTE_CLI")
    if not (same and certified and others_same):
        sys.exit("the sweep and the Python loop disagree")


if __name__ == "__main__":
    main()
