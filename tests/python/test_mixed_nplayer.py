"""N-player mixed equilibria: simpdiv and logit, in Python and the CLI.

Oracles: regret recomputed here with numpy, the logit QRE condition
p ~ exp(lambda v) checked with numpy at every branch point, known unique
equilibria, and enumerate_equilibria on two-player games."""
import json
import os
import pathlib
import string
import subprocess
from fractions import Fraction

import numpy as np
import pytest

import entente as en

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLI = os.environ.get("ENTENTE_CLI", str(ROOT / "build" / "entente"))


def strategy_values(payoffs, profile, player):
    """Expected payoff of each pure strategy of `player` against the others (numpy)."""
    n = len(profile)
    letters = string.ascii_lowercase[:n]
    operands = [payoffs[player]]
    terms = [letters]
    for k in range(n):
        if k != player:
            operands.append(np.asarray(profile[k]))
            terms.append(letters[k])
    return np.einsum(",".join(terms) + "->" + letters[player], *operands)


def numpy_regret(payoffs, profile):
    worst = 0.0
    for i in range(len(profile)):
        v = strategy_values(payoffs, profile, i)
        worst = max(worst, v.max() - float(np.dot(profile[i], v)))
    return worst


def random_payoffs(shape, seed):
    rng = np.random.default_rng(seed)
    return [rng.integers(-9, 10, size=shape).astype(float) for _ in shape]


def jordan_payoffs():
    """Jordan's (1993) three-player matching pennies: unique equilibrium, all 1/2."""
    a, b, c = np.meshgrid([0, 1], [0, 1], [0, 1], indexing="ij")
    return [np.where(a == b, 1.0, -1.0), np.where(b == c, 1.0, -1.0), np.where(c != a, 1.0, -1.0)]


def unique_mixed(n):
    """Weighted matching pennies diag(1..n): both play j with weight 1/(j+1)."""
    A = np.diag(np.arange(1, n + 1)).astype(float)
    x = 1.0 / np.arange(1, n + 1)
    return [A, -A], x / x.sum()


SHAPES = [(4, 4, 4), (5, 5, 5), (3, 3, 3, 3), (4, 4, 4, 4)]


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_simpdiv_random_games_reach_tolerance(shape, seed):
    payoffs = random_payoffs(shape, seed)
    r = en.simpdiv(en.Game(payoffs), tolerance=1e-8)
    assert r.status == "converged"
    profile = r.equilibrium.profile
    assert all(abs(p.sum() - 1) < 1e-12 and p.min() >= 0 for p in profile)
    assert r.equilibrium.regret <= 1e-8
    assert numpy_regret(payoffs, profile) == pytest.approx(r.equilibrium.regret, abs=1e-12)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_logit_random_games_reach_tolerance(shape, seed):
    payoffs = random_payoffs(shape, seed)
    r = en.logit(en.Game(payoffs), tolerance=1e-9)
    assert r.status == "converged"
    assert r.equilibrium.regret <= 1e-9
    assert numpy_regret(payoffs, r.equilibrium.profile) <= 1e-9 + 1e-12


def test_simpdiv_exact_reports_exact_regret():
    payoffs = random_payoffs((3, 3, 3), 4)
    r = en.simpdiv(en.Game(payoffs), tolerance=1e-6, exact=True)
    assert r.status == "converged"
    assert Fraction(r.equilibrium.exact_regret) <= Fraction(1, 10**6)
    exact_profile = [[Fraction(x) for x in s] for s in r.equilibrium.exact]
    assert all(sum(s) == 1 for s in exact_profile)
    # Without polishing the exact profile lies on the reported grid.
    r = en.simpdiv(en.Game(payoffs), tolerance=1e-3, exact=True, polish=False)
    assert not r.polished
    exact_profile = [[Fraction(x) for x in s] for s in r.equilibrium.exact]
    assert all((x * r.grid).denominator == 1 for s in exact_profile for x in s)
    assert Fraction(r.equilibrium.exact_regret) <= Fraction(1, 1000)
    # RPS from the centroid: the start is the equilibrium, regret exactly 0.
    A = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    rps = en.simpdiv(en.Game([A, -A]), exact=True)
    assert rps.equilibrium.exact_regret == Fraction(0)


@pytest.mark.parametrize("n", [2, 3, 4])
def test_known_unique_mixed_equilibria(n):
    payoffs, x = unique_mixed(n)
    g = en.Game(payoffs)
    for r in (en.simpdiv(g), en.logit(g)):
        assert r.status == "converged"
        for p in r.equilibrium.profile:
            np.testing.assert_allclose(p, x, atol=1e-6)


def test_jordan_game_from_a_pure_start_and_auto():
    g = en.Game(jordan_payoffs())
    r = en.simpdiv(g, start=[[1, 0], [1, 0], ["0", Fraction(1)]])
    assert r.status == "converged"
    for p in r.equilibrium.profile:
        np.testing.assert_allclose(p, [0.5, 0.5], atol=1e-6)
    l = en.logit(g)
    for p in l.equilibrium.profile:
        np.testing.assert_allclose(p, [0.5, 0.5], atol=1e-9)
    # No pure equilibrium: auto falls back to simpdiv.
    (eq,) = en.solve(g)
    for p in eq.profile:
        np.testing.assert_allclose(p, [0.5, 0.5], atol=1e-6)


@pytest.mark.parametrize("seed", range(5))
def test_two_player_results_are_extreme_equilibria(seed):
    # Real payoffs: the game is nondegenerate (almost surely), so its
    # equilibria are isolated and each solver must land near an extreme one.
    rng = np.random.default_rng(10 + seed)
    payoffs = [rng.random((4, 5)), rng.random((4, 5))]
    g = en.Game(payoffs)
    assert en.is_nondegenerate(g)
    known = en.enumerate_equilibria(g)

    def nearest(profile):
        return min(max(np.abs(e.profile[i] - profile[i]).max() for i in range(2)) for e in known)

    assert nearest(en.simpdiv(g).equilibrium.profile) < 1e-5
    assert nearest(en.logit(g).equilibrium.profile) < 1e-7


def test_logit_branch_is_a_plottable_qre_path():
    payoffs = random_payoffs((3, 4, 2), 3)
    g = en.Game(payoffs)
    r = en.logit(g)
    assert r.lambdas.ndim == 1 and r.profiles.shape == (len(r.lambdas), 9)
    assert r.lambdas[0] == 0.0
    np.testing.assert_allclose(r.profiles[0], [1 / 3] * 3 + [1 / 4] * 4 + [1 / 2] * 2)
    assert r.steps == len(r.lambdas) - 1
    # Every row is a logit QRE: p_jh proportional to exp(lambda v_jh).
    offsets = np.cumsum([0, 3, 4, 2])
    for lam, row in zip(r.lambdas, r.profiles):
        profile = [row[offsets[i] : offsets[i + 1]] for i in range(3)]
        for i in range(3):
            v = strategy_values(payoffs, profile, i)
            w = np.exp(lam * (v - v.max()))
            np.testing.assert_allclose(profile[i], w / w.sum(), atol=1e-7)
    # On a game with a unique mixed equilibrium the branch rises monotonically.
    mp, _ = unique_mixed(3)
    r = en.logit(en.Game(mp))
    assert np.all(np.diff(r.lambdas) > 0)


def test_limits_give_their_status():
    g = en.Game(random_payoffs((3, 3, 3), 5))
    r = en.simpdiv(g, max_pivots=1, polish=False)
    assert r.status == "pivot_limit" and r.pivots == 1 and r.equilibrium.regret > 0
    r = en.simpdiv(g, max_refinements=1, polish=False)
    assert r.status == "refinement_limit" and r.grid == 6
    assert en.simpdiv(g, time_limit=1e-12).status == "time_limit"
    r = en.logit(g, max_steps=1)
    assert r.status == "step_limit" and len(r.lambdas) == 2
    r = en.logit(g, max_lambda=0.05)
    assert r.status == "lambda_limit" and r.lambdas[-1] >= 0.05
    assert en.logit(g, time_limit=1e-12).status == "time_limit"
    assert "regret" in repr(r)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"tolerance": 0},
        {"tolerance": -1e-3},
        {"tolerance": float("nan")},
        {"initial_grid": 0},
        {"refinement": 1},
        {"max_refinements": 0},
        {"max_pivots": 0},
        {"time_limit": 0.0},
        {"start": [[1, 0], [1, 0]]},
        {"start": [[0.5, 0.6], [1, 0], [1, 0]]},
    ],
)
def test_simpdiv_bad_options_raise(kwargs):
    g = en.Game(jordan_payoffs())
    with pytest.raises(ValueError):
        en.simpdiv(g, **kwargs)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"tolerance": 0},
        {"tolerance": float("nan")},
        {"max_lambda": 0},
        {"max_steps": 0},
        {"first_step": 0},
        {"min_step": 1.0},
        {"max_step": 1e-3},
        {"time_limit": -1.0},
    ],
)
def test_logit_bad_options_raise(kwargs):
    g = en.Game(jordan_payoffs())
    with pytest.raises(ValueError):
        en.logit(g, **kwargs)


def test_solve_methods():
    g = en.Game(jordan_payoffs())
    for method in ("simpdiv", "logit"):
        (eq,) = en.solve(g, method=method)
        assert eq.regret <= 1e-8
    (eq,) = en.solve(g, method="simpdiv", exact=True)
    assert Fraction(eq.exact_regret) <= Fraction(1, 10**8)
    with pytest.raises(ValueError, match="floating point only"):
        en.solve(g, method="logit", exact=True)
    with pytest.raises(ValueError):
        en.Game([np.array([[np.nan, 0], [0, 0]]), np.zeros((2, 2))])


JORDAN_NFG = """NFG 1 R "Jordan" { "1" "2" "3" } { 2 2 2 }
""" + " ".join(
    f"{u1} {u2} {u3}"
    for c in (0, 1)
    for b in (0, 1)
    for a in (0, 1)
    for u1, u2, u3 in [(1 if a == b else -1, 1 if b == c else -1, 1 if c != a else -1)]
)


@pytest.mark.parametrize("method", ["simpdiv", "logit", "auto"])
def test_cli_solves_with_the_mixed_methods(tmp_path, method):
    path = tmp_path / "jordan.nfg"
    path.write_text(JORDAN_NFG + "\n")
    result = subprocess.run([CLI, "solve", str(path), "--method", method, "--json"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["method"] == ("simpdiv" if method == "auto" else method)
    (eq,) = out["equilibria"]
    assert eq["regret"] <= 1e-8
    np.testing.assert_allclose(eq["profile"], [[0.5, 0.5]] * 3, atol=1e-6)
    exact = subprocess.run([CLI, "solve", str(path), "--method", "logit", "--exact"],
                           capture_output=True, text=True, timeout=60)
    assert exact.returncode == 2 and exact.stdout == ""
    assert len(exact.stderr.strip().splitlines()) == 1 and "floating point only" in exact.stderr
