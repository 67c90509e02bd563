"""Floating results that fail their regret certificate are refused, in Python
(entente.SolverError) and on the command line (exit 1, one line), while the
exact solve of the same game succeeds; see the README's Reliability section."""
import os
import pathlib
import subprocess

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
    assert exact and all(e.exact_regret == "0" for e in exact)
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
