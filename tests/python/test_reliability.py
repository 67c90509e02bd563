"""Floating results that fail their regret certificate are refused, in Python
(entente.SolverError) and on the command line (exit 1, one line), while the
exact solve of the same game succeeds; see docs/reliability.md."""
import os
import pathlib
import subprocess

from fractions import Fraction

import numpy as np
import pytest

import entente as en

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLI = os.environ.get("ENTENTE_CLI", str(ROOT / "build" / "entente"))

# Integer payoffs 0..9 scaled by 1e-12: support enumeration's best-response
# test is absolute, so in floating point it accepts supports that are not
# equilibria; the certificate (relative to the payoff scale) catches them.
TINY_A = np.array([[8, 2, 0], [6, 3, 0], [5, 0, 1]]) * 1e-12
TINY_B = np.array([[8, 5, 7], [6, 6, 6], [9, 9, 5]]) * 1e-12


def tiny_game():
    return en.Game([TINY_A, TINY_B])


def test_floating_failure_raises_solver_error_and_exact_succeeds():
    g = tiny_game()
    with pytest.raises(en.SolverError, match="fails its regret certificate"):
        en.support_enumeration(g)
    exact = en.support_enumeration(g, exact=True)
    assert exact and all(e.exact_regret == Fraction(0) for e in exact)
    # Every one is an extreme equilibrium that vertex enumeration finds too.
    extreme = [e.exact for e in en.enumerate_equilibria(g, exact=True)]
    assert all(e.exact in extreme for e in exact)


def test_cli_reports_a_solver_failure_with_exit_1(tmp_path):
    path = tmp_path / "tiny.nfg"
    tiny_game().write_nfg(str(path))
    run = subprocess.run([CLI, "solve", str(path), "--method", "enumsupport"], capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stderr.startswith("entente: solver failed: support enumeration: the result fails its regret")
    assert len(run.stderr.strip().splitlines()) == 1
    assert subprocess.run([CLI, "solve", str(path), "--method", "enumsupport", "--exact"],
                          capture_output=True, text=True).returncode == 0


def test_badly_scaled_zero_sum_value():
    # 1e-12 beside 1e12: the floating LP scales by a power of two first.
    A = np.array([[1e12, 1e-12], [1e-12, 1e12]])
    value, row, column = en.zero_sum(A)
    assert value == pytest.approx(5e11, rel=1e-9)
    assert row == pytest.approx([0.5, 0.5])
    value_tiny, _, _ = en.zero_sum(np.array([[1, -1], [-1, 1]]) * 1e-12)
    assert abs(value_tiny) < 1e-24


# --- the worker threads of long calls (common.hpp: interruptible) ---------------------


def _ce_welfare(seed):
    g = en.random_game((4, 4, 4), low=0, high=20, seed=seed)
    return en.correlated_equilibrium(g).objective


def test_calls_from_several_threads_match_serial_calls():
    # Workers are kept between calls; Python threads calling at once each
    # get one (a busy worker is never handed a second call).
    from concurrent.futures import ThreadPoolExecutor

    seeds = list(range(24))
    serial = [_ce_welfare(s) for s in seeds]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(_ce_welfare, seeds))
    assert parallel == serial
    assert len(set(serial)) > 1  # distinct games, so a mix-up would show


def test_an_error_in_a_worker_leaves_the_next_call_working():
    for _ in range(3):
        with pytest.raises(en.SolverError, match="fails its regret certificate"):
            en.support_enumeration(tiny_game())
        assert en.correlated_equilibrium(en.Game([[[6, 2], [7, 0]], [[6, 7], [2, 0]]])).objective == \
            pytest.approx(10.5)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_forked_child_solves_on_its_own_workers():
    import time

    expected = _ce_welfare(5)  # the parent now has a worker, which a child lacks
    pid = os.fork()
    if pid == 0:  # child: must not wait for the parent's (absent) worker
        try:
            os._exit(0 if _ce_welfare(5) == expected else 1)
        finally:
            os._exit(2)
    deadline = time.monotonic() + 60
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            pytest.fail("the forked child hung on its first entente call")
        time.sleep(0.05)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
