"""Ctrl-C during a long call raises KeyboardInterrupt promptly and leaves the
interpreter (and the module) usable: each case runs in a subprocess that
gets SIGINT while a solver is deep in its loop (see interruptible() in
python/src/common.hpp and include/entente/cancel.hpp)."""
import os
import pathlib
import signal
import subprocess
import sys
import time

import pytest

SCRIPT = r"""
import signal, sys
import numpy as np
import entente as en

signal.signal(signal.SIGINT, signal.default_int_handler)
rng = np.random.default_rng(7)
kind = sys.argv[1]
if kind == "enumerate_equilibria":
    A, B = rng.integers(0, 100, (2, 22, 22))
    g = en.Game([A, B])
    call = lambda: en.enumerate_equilibria(g, exact=True)
elif kind == "lemke_howson":
    A, B = rng.integers(0, 1000, (2, 260, 260))
    g = en.Game([A, B])
    call = lambda: en.lemke_howson_all(g, exact=True)
elif kind == "support_enumeration":
    A, B = rng.integers(0, 100, (2, 30, 30))
    g = en.Game([A, B])
    call = lambda: en.support_enumeration(g)
elif kind == "nucleolus":
    n = 14
    sizes = np.array([bin(s).count("1") for s in range(2 ** n)])
    v = (100 * sizes ** 2 + rng.integers(0, 50, 2 ** n)).astype(float)
    v[0] = 0
    g = en.CoalitionalGame(n, v)
    call = lambda: g.nucleolus(method="full")
elif kind == "simpdiv":
    g = en.Game([rng.integers(0, 100, (5,) * 5) for _ in range(5)])
    call = lambda: en.simpdiv(g, exact=True, tolerance=1e-300, polish=False, max_refinements=60)
elif kind == "logit":
    g = en.Game([rng.integers(0, 100, (8,) * 4) for _ in range(4)])
    call = lambda: en.logit(g, tolerance=1e-300, max_steps=10**9, first_step=1e-6, max_step=1e-6, min_step=1e-7)
elif kind == "alliances":
    # 8 players: 4140 partitions, most bloc games without a pure
    # equilibrium of three or more blocs (fictitious play), exact.
    g = en.Game([rng.integers(-9, 10, (3,) * 8) for _ in range(8)])
    call = lambda: en.alliances(g, exact=True, time_limit=3600)
elif kind == "characteristic_function":
    g = en.Game([rng.integers(-9, 10, (3,) * 9) for _ in range(9)])
    call = lambda: en.characteristic_function(g, kind="gamma", exact=True)
elif kind == "sweep":
    # Each point an exact simpdiv on the seven-actor scenario: about 4 s a
    # point (2026, 2 cores), so only the polling inside the solver, not the
    # one between points, stops it within the 2 s the test allows a sweep.
    s = en.Scenario.load(sys.argv[2])
    call = lambda: s.sweep({"pact_strength": (0, 1, 50)}, method="simpdiv", exact=True, progress=False)
print("started", flush=True)
try:
    call()
    print("finished", flush=True)
except KeyboardInterrupt:
    print("interrupted", flush=True)
# The interpreter and the module still work.
print(len(en.enumerate_equilibria(en.Game([np.eye(2), np.eye(2)]))), flush=True)
"""


SCENARIO = pathlib.Path(__file__).resolve().parents[2] / "examples" / "scenarios" / "china_balancing.json"


@pytest.mark.parametrize("kind", ["enumerate_equilibria", "lemke_howson", "support_enumeration", "nucleolus",
                                  "simpdiv", "logit", "alliances", "characteristic_function", "sweep"])
def test_ctrl_c_raises_keyboard_interrupt(kind):
    env = dict(os.environ)
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, kind, str(SCENARIO)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout.readline().strip() == "started"
        time.sleep(0.5)  # well inside the call: each takes minutes uninterrupted
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
        elapsed = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert out.split() == ["interrupted", "3"], (out, err)
    assert elapsed < (2 if kind == "sweep" else 5), elapsed
