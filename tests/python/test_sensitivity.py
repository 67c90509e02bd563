"""Sensitivity (Scenario.sensitivity, `entente scenario --sensitivity`) and 2-D boundaries
(Scenario.boundaries), checked against dense sweeps, thresholds, and the independent
reference evaluator (scenario_reference.py) on files whose terms are scaled by hand."""
import json
import os
import pathlib
import subprocess

import numpy as np
import pytest

import entente as en
import scenario_reference as ref

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "examples" / "scenarios"
SEVEN = SCENARIOS / "china_balancing.json"
THREE = SCENARIOS / "china_three_bloc.json"
CLI = os.environ.get("ENTENTE_CLI", str(ROOT / "build" / "entente"))


def run(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=600)


def welfare_stance(u, focus):
    """The focus actor's strategy in the pure equilibrium of largest total payoff, and its payoff."""
    eqs = ref.pure_equilibria(u)
    assert eqs
    best = max(eqs, key=lambda e: sum(x[e] for x in u))
    return best[focus], u[focus][best]


def test_parameters_agree_with_a_dense_sweep():
    s = en.Scenario.load(SEVEN)
    r = s.sensitivity()
    assert r["focus"] == "China" and r["selection"] == "welfare" and r["perturb"] == 0.2
    assert r["stance"] == "Hedge" and r["payoff"] == 0  # the status quo
    assert [p["parameter"] for p in r["by_parameter"]] == [p["name"] for p in s.parameters]
    china = s.strategies[0]
    for p in r["by_parameter"]:
        name = p["parameter"]
        grid = s.sweep({name: (p["min"], p["max"], 101)}, progress=False, correlated_fallback=True)
        payoffs = grid.payoffs[:, 0]
        assert (p["payoff_min"], p["payoff_max"]) == (payoffs.min(), payoffs.max())
        dense = s.sweep({name: (p["min"], p["max"], 1001)}, progress=False, correlated_fallback=True)
        x, stance = dense.grid[name], dense.strategy[:, 0]
        changes = np.flatnonzero(stance[1:] != stance[:-1])
        assert len(changes) == len(p["switches"]), name
        for k, w in zip(changes, p["switches"]):
            assert x[k] - 1e-3 <= w["value"] <= x[k + 1] + 1e-3
            assert (w["from"], w["to"]) == (china[stance[k]], china[stance[k + 1]])
        seen = list(dict.fromkeys(china[i] for i in stance))
        assert p["stances"] == seen, name
    # Nuclear gain and the pact move China's stance; the status quo is not on a knife edge.
    by = {p["parameter"]: p for p in r["by_parameter"]}
    for name in ("nk_nuclear_gain", "pact_strength"):
        assert by[name]["switches"]
        assert all(abs(w["value"] - by[name]["value"]) > 0.1 for w in by[name]["switches"])


def scaled_file(data, k, scale):
    """The scenario with term k's amounts multiplied by scale, written as the reference reads it."""
    out = json.loads(json.dumps(data))
    term = out["terms"][k]
    wrap = lambda v: f"{scale}*({v})"  # noqa: E731
    if "value" in term:
        term["value"] = wrap(term["value"])
    else:
        term["payoffs"] = {a: wrap(v) for a, v in term["payoffs"].items()}
    return out


@pytest.mark.parametrize("path", [THREE, SEVEN], ids=lambda p: p.stem)
def test_terms_agree_with_the_reference_on_scaled_files(path):
    data = json.loads(path.read_text())
    s = en.Scenario.load(path)
    r = s.sensitivity(perturb=0.5)
    base, _ = welfare_stance(ref.Scenario(data).payoffs(), 0)
    assert r["stance"] == s.strategies[0][base]
    assert [t["term"] for t in r["by_term"]] == [f"/terms/{k}" for k in range(len(data["terms"]))]
    for k, t in enumerate(r["by_term"]):
        for side, scale in (("low", 0.5), ("high", 1.5)):
            stance, payoff = welfare_stance(ref.Scenario(scaled_file(data, k, scale)).payoffs(), 0)
            assert t[side]["scale"] == scale
            assert t[side]["stance"] == s.strategies[0][stance], (k, side)
            assert t[side]["payoff"] == pytest.approx(payoff, abs=1e-12)
        assert t["changes"] == (t["low"]["stance"] != r["stance"] or t["high"]["stance"] != r["stance"])
    # Some terms matter at 50%, not all of them.
    assert 0 < sum(t["changes"] for t in r["by_term"]) < len(r["by_term"])


def test_fixed_focus_and_bad_input():
    s = en.Scenario.load(THREE)
    r = s.sensitivity(focus="US-Japan-ROK bloc", fixed={"nk_nuclear_gain": 0.9})
    assert r["focus"] == "US-Japan-ROK bloc" and r["parameters"]["nk_nuclear_gain"] == 0.9
    u = s.game(nk_nuclear_gain=0.9).payoffs
    assert r["stance"] == s.strategies[2][welfare_stance(u, 2)[0]]
    with pytest.raises(ValueError, match="perturbation in"):
        s.sensitivity(perturb=0)
    with pytest.raises(ValueError, match="unknown actor"):
        s.sensitivity(focus="Nobody")
    with pytest.raises(ValueError, match="outside|range"):
        s.sensitivity(fixed={"pact_strength": 2})


def test_cli_sensitivity_equals_the_library():
    out = run("scenario", THREE, "--sensitivity", "--perturb", "0.3", "--set", "pact_strength=0.5", "--json")
    assert out.returncode == 0, out.stderr
    lib = en.Scenario.load(THREE).sensitivity(fixed={"pact_strength": 0.5}, perturb=0.3)
    assert json.loads(out.stdout) == lib
    text = run("scenario", THREE, "--sensitivity", "--perturb", "0.3", "--set", "pact_strength=0.5").stdout
    assert f"Sensitivity of China's stance (selection welfare; " in text and f": {lib['stance']}, payoff" in text
    for p in lib["by_parameter"]:
        line = next(x for x in text.splitlines() if x.startswith(f"  {p['parameter']} ["))
        for w in p["switches"]:
            assert f"at {w['value']:.6f} {w['from']} -> {w['to']}" in line
    changing = [t for t in lib["by_term"] if t["changes"]]
    assert f"{len(changing)} of {len(lib['by_term'])} payoff terms change the stance when scaled by 0.7 or 1.3" in text
    for t in changing:
        assert f"  {t['term']} ({t['label']}): " in text


@pytest.mark.parametrize("args, message", [
    (["--perturb", "0.1"], "--perturb goes with --sensitivity"),
    (["--sensitivity", "--perturb", "0"], "perturbation in (0, 1]"),
    (["--sensitivity", "--perturb", "1.5"], "perturbation in (0, 1]"),
    (["--sensitivity", "--thresholds", "pact_strength"], "excludes --sweep and --thresholds"),
    (["--sensitivity", "--csv"], "not --csv"),
    (["--sensitivity", "--exact"], "--exact does not apply"),
    (["--sensitivity", "--focus", "Nobody"], "unknown actor 'Nobody'"),
])
def test_cli_sensitivity_bad_input_exits_2(args, message):
    out = run("scenario", THREE, *args)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.startswith("entente: ") and message in out.stderr and out.stderr.count("\n") == 1


def test_boundaries_are_the_thresholds_along_grid_lines():
    s = en.Scenario.load(THREE)
    b = s.boundaries(lines=6)
    assert (b["x"], b["y"], b["focus"]) == ("nk_nuclear_gain", "pact_strength", "China")
    assert b["points"].shape == (len(b["from"]), 2) and len(b["from"]) > 0
    want = []
    for along, held in (("nk_nuclear_gain", "pact_strength"), ("pact_strength", "nk_nuclear_gain")):
        for v in np.linspace(0, 1, 6):
            for w in s.thresholds(along, fixed={held: v})["switches"]:
                point = (w["value"], v) if along == "nk_nuclear_gain" else (v, w["value"])
                want.append((point, w["from"], w["to"], along == "nk_nuclear_gain"))
    got = [((x, y), f, t, bool(a)) for (x, y), f, t, a in zip(b["points"], b["from"], b["to"], b["along_x"])]
    assert got == want
    with pytest.raises(ValueError, match="two different parameters"):
        s.boundaries("pact_strength", "pact_strength")
    with pytest.raises(ValueError, match="both set"):
        s.boundaries(fixed={"pact_strength": 0.5})
    with pytest.raises(ValueError, match="at least 2"):
        s.boundaries(lines=1)
