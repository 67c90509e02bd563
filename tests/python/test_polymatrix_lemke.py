"""Lemke's algorithm on polymatrix compact games (docs/compact.md): the
equilibria the CLI and Python report are checked on the dense payoff tensor
built by the independent pure-Python evaluator (scenario_reference.py), with
numpy in floating point and with Fractions in exact mode."""
import itertools
import json
import os
import pathlib
import random
import subprocess
from fractions import Fraction

import numpy as np
import pytest

import scenario_reference as ref

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLI = os.environ.get("ENTENTE_CLI", str(ROOT / "build" / "entente"))


def run(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=120)


def scenario(names, strategies, terms):
    return {"title": "polymatrix", "compact": True,
            "actors": [{"name": n, "strategies": [{"name": s} for s in strategies]} for n in names],
            "terms": terms}


def cyclic_pennies(seed):
    """Four actors: A0, A1, A2 each match the next actor, A3 mismatches A0,
    at random positive stakes. A pure equilibrium would need s0 = s1 = s2 =
    s3 != s0, so there is none. With p_i the probability of H, A_i (i < 3)
    is indifferent only at p_{i+1} = t_i / (h_i + t_i) (h_i paid for H-H, t_i
    for T-T), A3 only at p_0 = h_3 / (h_3 + t_3) (h_3 paid for H against T,
    t_3 for T against H); the argument of the three-actor case in
    tests/cpp/test_polymatrix_lemke.cpp (an odd number of mismatches around
    the cycle forces every p_i to its indifference point) makes this
    profile the only equilibrium."""
    rng = random.Random(seed)
    names = ["A0", "A1", "A2", "A3"]
    terms, stakes = [], []
    for i, a in enumerate(names):
        h, t = rng.randint(1, 9), rng.randint(1, 9)
        stakes.append((h, t))
        other = names[(i + 1) % 4]
        matched = i < 3
        terms.append({"kind": "pairwise", "actor": a, "strategy": "H", "other": other,
                      "other_strategy": "H" if matched else "T", "value": h})
        terms.append({"kind": "pairwise", "actor": a, "strategy": "T", "other": other,
                      "other_strategy": "T" if matched else "H", "value": t})
    p = [None] * 4
    for i in range(3):
        h, t = stakes[i]
        p[i + 1] = Fraction(t, h + t)
    h, t = stakes[3]
    p[0] = Fraction(h, h + t)
    return scenario(names, ["H", "T"], terms), [[q, 1 - q] for q in p]


def random_polymatrix(seed):
    """Four actors of three strategies, base and pairwise terms only."""
    rng = random.Random(seed)
    names = [f"P{i}" for i in range(4)]
    strategies = ["x", "y", "z"]
    terms = []
    for a in names:
        for s in strategies:
            terms.append({"kind": "base", "actor": a, "strategy": s, "value": rng.randint(-3, 3)})
        for b in names:
            if b != a:
                terms.append({"kind": "pairwise", "actor": a, "strategy": rng.sample(strategies, 2), "other": b,
                              "other_strategy": rng.choice(strategies), "value": rng.randint(-5, 5)})
    return scenario(names, strategies, terms)


def dense_regret(tensors, profile):
    """Each player's expected payoff and the largest gain of a deviation, by
    contracting the dense tensors with numpy."""
    profile = [np.asarray(p, dtype=float) for p in profile]
    worst, payoffs = 0.0, []
    for i, u in enumerate(tensors):
        values = u
        for j in reversed(range(len(profile))):  # contract the last axis first, skipping player i
            if j != i:
                values = np.tensordot(values, profile[j], axes=([j], [0]))
        current = float(profile[i] @ values)
        payoffs.append(current)
        worst = max(worst, float(values.max()) - current)
    return payoffs, worst


def exact_regret(tensors, profile):
    """The same in Fractions, profile by profile."""
    worst = Fraction(0)
    for i, u in enumerate(tensors):
        values = [Fraction(0)] * len(profile[i])
        for cell in itertools.product(*(range(len(p)) for p in profile)):
            weight = Fraction(1)
            for j, s in enumerate(cell):
                if j != i:
                    weight *= profile[j][s]
            values[cell[i]] += weight * Fraction(float(u[cell]))
        current = sum(p * v for p, v in zip(profile[i], values))
        worst = max(worst, max(values) - current)
    return worst


@pytest.mark.parametrize("seed", range(3))
def test_cli_auto_solves_cyclic_pennies_by_lemke_exactly(tmp_path, seed):
    data, expected = cyclic_pennies(seed)
    path = tmp_path / "pennies.json"
    path.write_text(json.dumps(data))
    out = json.loads(run("scenario", path, "--json", "--exact").stdout)
    assert out["method"] == "lcp"
    [eq] = out["equilibria"]
    exact = [[Fraction(x) for x in p] for p in eq["exact"]]
    assert exact == expected
    tensors = ref.Scenario.load(path).payoffs()
    assert exact_regret(tensors, exact) == 0
    floating = json.loads(run("scenario", path, "--json").stdout)
    assert floating["method"] == "lcp"
    np.testing.assert_allclose(floating["equilibria"][0]["profile"], [[float(x) for x in p] for p in expected],
                               atol=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_four_player_regret_recomputed_on_the_dense_tensor(tmp_path, seed):
    import entente as en

    path = tmp_path / "poly.json"
    path.write_text(json.dumps(random_polymatrix(seed)))
    tensors = ref.Scenario.load(path).payoffs()
    assert len(tensors) == 4 and tensors[0].shape == (3, 3, 3, 3)
    out = json.loads(run("scenario", path, "--json", "--method", "lcp").stdout)
    assert out["method"] == "lcp"
    [eq] = out["equilibria"]
    payoffs, worst = dense_regret(tensors, eq["profile"])
    assert worst <= 1e-9
    assert eq["regret"] == pytest.approx(worst, abs=1e-9)
    assert eq["payoffs"] == pytest.approx(payoffs, abs=1e-9)
    game = en.Scenario.load(path).compact_game()
    assert game.is_polymatrix
    [py_eq] = game.solve(method="lcp")
    np.testing.assert_allclose(np.concatenate(py_eq.profile), np.concatenate(eq["profile"]), atol=1e-12)
    exact = json.loads(run("scenario", path, "--json", "--method", "lcp", "--exact").stdout)["equilibria"][0]
    assert exact_regret(tensors, [[Fraction(x) for x in p] for p in exact["exact"]]) == 0


def test_lcp_on_a_game_that_is_not_polymatrix_is_one_line_exit_2(tmp_path):
    data = random_polymatrix(0)
    data["terms"].append({"kind": "conditional", "when": {"P0": "x", "P1": "y"}, "payoffs": {"P2": 1}})
    path = tmp_path / "not_poly.json"
    path.write_text(json.dumps(data))
    for extra in ([], ["--exact"]):
        result = run("scenario", path, "--method", "lcp", *extra)
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("entente: "), result.stderr
        assert "polymatrix" in result.stderr and "pays P2" in result.stderr
    import entente as en

    with pytest.raises(ValueError, match="polymatrix"):
        en.Scenario.load(path).compact_game().solve(method="lcp")
