"""Compact scenarios (docs/compact.md): games past the dense limit, solved from
their terms. Every equilibrium the CLI reports is checked again here, term by
term, by the independent pure-Python evaluator (scenario_reference.py): no
actor gains by deviating, and the payoffs are the reference's."""
import json
import os
import pathlib
import random
import subprocess

import pytest

import scenario_reference as ref

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLI = os.environ.get("ENTENTE_CLI", str(ROOT / "build" / "entente"))
WIDER = ROOT / "examples" / "scenarios" / "china_wider_world.json"


def run(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=120)


def pure_profile(eq):
    """Strategy indices of a pure equilibrium (None if it is mixed)."""
    out = []
    for p in eq["profile"]:
        if sorted(p) != [0.0] * (len(p) - 1) + [1.0]:
            return None
        out.append(p.index(1.0))
    return tuple(out)


def check_certificate(scenario, eq, values):
    """The largest gain of a unilateral deviation, recomputed term by term."""
    profile = pure_profile(eq)
    assert profile is not None, "the reference checks pure equilibria"
    u = scenario.profile_payoffs(profile, **values)
    assert eq["payoffs"] == pytest.approx(u, abs=1e-9)
    worst = 0.0
    for i, n in enumerate(scenario.shape):
        for t in range(n):
            deviation = profile[:i] + (t,) + profile[i + 1:]
            worst = max(worst, scenario.profile_payoffs(deviation, **values)[i] - u[i])
    assert worst <= 1e-9
    assert eq["regret"] == pytest.approx(worst, abs=1e-9)


def test_wider_world_file_cites_its_sources_and_is_compact():
    s = ref.Scenario.load(WIDER)
    assert len(s.actors) >= 15
    assert s.actors[:7] == ["China", "USA", "Russia", "North Korea", "South Korea", "Japan", "Iran"]
    assert {"Ukraine", "European Union", "India", "Taiwan", "ASEAN", "Australia"} <= set(s.actors)
    seed = "".join(p.read_text() for p in pathlib.Path("/work/shared/seed").glob("*.txt")) \
        if pathlib.Path("/work/shared/seed").is_dir() else None
    for p in s.parameters:
        assert p.description.strip() and p.source.strip(), p.name
    for k, t in enumerate(s.terms):
        assert t.description.strip() and t.source.strip(), f"/terms/{k}"
        # A source is a verbatim sentence of the seed text or a stated assumption.
        if seed is not None and not t.source.startswith("Assumption"):
            assert t.source in seed, f"/terms/{k}"
    raw = json.loads(WIDER.read_text())
    assert raw["compact"] is True
    # Every actor's payoff depends on its own strategy somewhere.
    for i, a in enumerate(s.actors):
        assert any((t.kind in ("base", "pairwise") and t.actor == i) or (t.kind == "conditional" and i in t.payoffs)
                   for t in s.terms), a


def test_wider_world_keeps_the_seven_actor_model_and_its_status_quo():
    # The seven actors' parameters and terms are china_balancing.json's (the current model).
    seven_file = json.loads((ROOT / "examples" / "scenarios" / "china_balancing.json").read_text())
    raw = json.loads(WIDER.read_text())
    seven = [a["name"] for a in seven_file["actors"]]
    assert raw["actors"][:7] == seven_file["actors"]
    assert raw["parameters"][:len(seven_file["parameters"])] == seven_file["parameters"]

    def actors_of(t):
        return {t.get("actor"), t.get("other")} - {None} | set(t.get("when", {})) | set(t.get("payoffs", {}))

    assert [t for t in raw["terms"] if actors_of(t) <= set(seven)] == seven_file["terms"]
    # So the seed's status quo is an equilibrium here too, each of the seven at payoff 0
    # (terms are differences from it), recomputed term by term by the reference.
    s = ref.Scenario.load(WIDER)
    out = json.loads(run("scenario", WIDER, "--selection", "all", "--json").stdout)
    status_quo = ["Hedge", "Trilateral deterrence", "Deepen NK pact", "Nuclear buildup", "Align with US",
                  "Align with US", "Cooperate with NK"]
    found = [eq for eq in out["equilibria"]
             if [s.strategies[i][k] for i, k in enumerate(pure_profile(eq)[:7])] == status_quo]
    assert len(found) == 1
    check_certificate(s, found[0], {})
    assert found[0]["payoffs"][:7] == [0.0] * 7


def test_wider_world_report_runs_and_its_equilibrium_is_certified():
    result = run("scenario", WIDER)
    assert result.returncode == 0, result.stderr
    assert "16 actors, strategies 4 x 3 x 2 x 3 x 2 x 2 x 2 x 3" in result.stdout
    assert "compact game:" in result.stdout and "no payoff tensor" in result.stdout
    assert "China's stance in the selected equilibrium (selection welfare)" in result.stdout
    out = json.loads(run("scenario", WIDER, "--json", "--selection", "all").stdout)
    s = ref.Scenario.load(WIDER)
    assert out["players"] == s.actors
    assert out["equilibria"], "the default point has a pure equilibrium"
    assert out["method"] == "enumpure" and out["status"] == "complete"
    for eq in out["equilibria"]:
        check_certificate(s, eq, {})


def test_set_moves_the_compact_game_as_it_moves_the_reference():
    values = {"asian_nato_cohesion": 0.9, "taiwan_tension": 0.8, "pact_strength": 0.2}
    args = [f"{k}={v}" for k, v in values.items()]
    out = json.loads(run("scenario", WIDER, "--json", "--selection", "all", *sum((["--set", a] for a in args), [])).stdout)
    assert out["parameters"]["taiwan_tension"] == 0.8
    s = ref.Scenario.load(WIDER)
    for eq in out["equilibria"]:
        check_certificate(s, eq, values)


def random_compact_scenario(actors, seed):
    """A 20-actor scenario file of base, pairwise and conditional terms."""
    rng = random.Random(seed)
    names = [f"A{i}" for i in range(actors)]
    strategies = ["x", "y", "z"]
    terms = []
    for a in names:
        for s in strategies:
            terms.append({"kind": "base", "actor": a, "strategy": s, "value": rng.randint(-3, 3)})
        for _ in range(2):
            b = rng.choice([n for n in names if n != a])
            terms.append({"kind": "pairwise", "actor": a, "strategy": rng.choice(strategies), "other": b,
                          "other_strategy": rng.sample(strategies, 2), "value": f"{rng.randint(-4, 4)} * w"})
    for _ in range(actors // 2):
        a, b, c = rng.sample(names, 3)
        terms.append({"kind": "conditional", "when": {a: rng.choice(strategies), b: rng.sample(strategies, 2)},
                      "payoffs": {a: rng.randint(-3, 3), c: rng.randint(-3, 3)}})
    return {"title": f"random compact {seed}",
            "actors": [{"name": n, "strategies": [{"name": s} for s in strategies]} for n in names],
            "parameters": [{"name": "w", "default": 1, "min": 0, "max": 2}], "terms": terms}


@pytest.mark.parametrize("seed", range(4))
def test_twenty_actor_certificates_recomputed_independently(tmp_path, seed):
    path = tmp_path / "random.json"
    path.write_text(json.dumps(random_compact_scenario(20, seed)))
    result = run("scenario", path, "--json", "--selection", "all")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    s = ref.Scenario.load(path)
    for eq in out["equilibria"]:
        if out["method"] == "enumpure":
            check_certificate(s, eq, {})
        else:  # the logit endpoint, mixed: its regret recomputed from expected values
            worst = 0.0
            for i in range(len(s.actors)):
                v = s.strategy_values(eq["profile"], i)
                current = sum(p * x for p, x in zip(eq["profile"][i], v))
                assert eq["payoffs"][i] == pytest.approx(current, abs=1e-9)
                worst = max(worst, max(v) - current)
            assert worst <= 1e-6 and eq["regret"] == pytest.approx(worst, abs=1e-9)


def test_compact_scenario_errors_are_one_line_exit_2(tmp_path):
    path = tmp_path / "random.json"
    path.write_text(json.dumps(random_compact_scenario(20, 9)))
    for args in (["--method", "enummixed"], ["--csv"], ["--selection", "best-for:Nobody"]):
        result = run("scenario", path, *args)
        assert result.returncode == 2, args
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("entente: "), result.stderr


# --- Python: Scenario.compact_game and CompactGame ----------------------------------------

SEVEN = ROOT / "examples" / "scenarios" / "china_balancing.json"


def test_compact_game_equals_the_dense_game_from_python():
    import numpy as np

    import entente as en

    s = en.Scenario.load(SEVEN)
    assert not s.compact
    values = {"pact_strength": 0.3, "nk_nuclear_gain": 0.8}
    g, c = s.game(**values), s.compact_game(**values)
    assert c.players == g.players and c.strategies == g.strategies and c.shape == g.shape
    rng = np.random.default_rng(4)
    for _ in range(50):
        profile = tuple(int(rng.integers(n)) for n in g.shape)
        np.testing.assert_array_equal(c.payoffs(profile), [u[profile] for u in g.payoffs])
    mixed = [list(rng.dirichlet(np.ones(n))) for n in g.shape]
    assert c.regret(mixed) == pytest.approx(en.regret(g, mixed), abs=1e-12)
    dense = c.to_dense()
    for a, b in zip(dense.payoffs, g.payoffs):
        np.testing.assert_array_equal(a, b)
    found, status = c.pure_equilibria()
    assert status == "complete"
    expected = en.pure_equilibria(g)
    assert [tuple(int(np.argmax(p)) for p in e.profile) for e in found] == [tuple(e.profile) for e in expected]
    assert all(e.regret == 0 for e in found)


def test_wider_world_from_python_game_refused_compact_game_solved():
    import entente as en

    s = en.Scenario.load(WIDER)
    assert s.compact and len(s.actors) == 16
    with pytest.raises(ValueError, match="compact"):
        s.game()
    c = s.compact_game()
    assert c.num_terms > 90 and not c.is_polymatrix
    eqs = c.solve(selection="all")
    assert eqs and all(e.regret <= 1e-9 for e in eqs)
    cce = c.coarse_correlated(max_iterations=2000, tolerance=1e-3)
    assert cce["gain"] >= 0 and len(cce["marginals"]) == 16
    assert cce["status"] in ("converged", "iteration_limit")
    if cce["status"] == "converged":
        assert cce["gain"] <= 1e-3 * 2 * 100  # well within the range bound
