"""One game, one selected equilibrium, whatever the door: solve() in Python,
`entente solve`, `entente scenario --json`, the scenario report's headline,
a one-point sweep from the CLI and from Python."""
import json
import os
import pathlib
import subprocess

import numpy as np
import pytest

import entente as en

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLI = os.environ.get("ENTENTE_CLI", str(ROOT / "build" / "entente"))
TINY = ROOT / "tests" / "data" / "scenario_tiny.json"
# At these values the tiny scenario has two pure equilibria, (Hedge,
# Contain) and (Court, Engage), and a mixed one: every rule has a choice.
VALUES = {"pact_strength": 0.75, "nk_nuclear_gain": 2.0}
RULES = ["first", "welfare", "best-for:China", "best-for:USA", "logit"]


def cli(*args):
    result = subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def profile_of(entry):
    return np.concatenate([np.asarray(p, dtype=float) for p in entry["profile"]])


@pytest.fixture(scope="module")
def game_file(tmp_path_factory):
    game = en.Scenario.load(TINY).game(**VALUES)
    path = tmp_path_factory.mktemp("selection") / "tiny.nfg"
    game.write_nfg(str(path))
    return game, path


def test_the_rules_choose_differently_here(game_file):
    game, _ = game_file
    every = en.solve(game)
    assert every.method == "enummixed" and every.found == len(every) == 3
    chosen = {rule: tuple(np.concatenate(en.solve(game, selection=rule)[0].profile)) for rule in RULES}
    # China does best at (Court, Engage), the USA and the total at (Hedge, Contain).
    assert chosen["best-for:China"] == (0, 0, 1, 1, 0)
    assert chosen["best-for:USA"] == chosen["welfare"] == chosen["first"] == (1, 0, 0, 0, 1)


@pytest.mark.parametrize("rule", RULES)
def test_every_door_selects_the_same_equilibrium(game_file, rule):
    game, nfg = game_file
    result = en.solve(game, selection=rule)
    assert result.selection == rule and len(result) == 1
    want = np.concatenate(result[0].profile)
    assert result[0].regret <= 1e-9

    solved = json.loads(cli("solve", nfg, "--selection", rule, "--json"))
    assert solved["selection"] == rule and solved["method"] == "enummixed" and solved["status"] == "complete"
    (entry,) = solved["equilibria"]
    np.testing.assert_allclose(profile_of(entry), want, atol=1e-12)

    sets = [arg for name, value in VALUES.items() for arg in ("--set", f"{name}={value}")]
    single = json.loads(cli("scenario", TINY, *sets, "--selection", rule, "--json"))
    (entry,) = single["equilibria"]
    assert single["selection"] == rule
    np.testing.assert_allclose(profile_of(entry), want, atol=1e-12)

    sweep = json.loads(cli("scenario", TINY, "--set", "nk_nuclear_gain=2", "--sweep", "pact_strength=0.75:0.75:1",
                           "--selection", rule, "--json"))
    (point,) = sweep["points"]
    assert sweep["selection"] == rule and len(point["equilibria"]) == 1
    np.testing.assert_allclose(profile_of(point["equilibria"][0]), want, atol=1e-12)

    swept = en.Scenario.load(TINY).sweep({"pact_strength": [0.75]}, fixed={"nk_nuclear_gain": 2.0},
                                          selection=rule, progress=False)
    (record,) = swept["records"]
    np.testing.assert_allclose(np.concatenate(record["equilibria"][0]["profile"]), want, atol=1e-12)

    # The report's headline names China's strategy in that equilibrium.
    report = cli("scenario", TINY, *sets, "--selection", rule)
    china = want[:3]
    strategy = ["Hedge", "Tilt", "Court"][int(np.argmax(china))]
    line = next(x for x in report.splitlines() if x.startswith("China's stance in the selected equilibrium"))
    assert f"(selection {rule})" in line
    if china.max() == 1:
        assert line.split(": ")[1].startswith(strategy + ",")


def test_welfare_is_the_default_of_reports_and_sweeps_and_all_of_solve(game_file):
    game, nfg = game_file
    assert json.loads(cli("solve", nfg, "--json"))["selection"] == "all"
    assert len(json.loads(cli("solve", nfg, "--json"))["equilibria"]) == 3
    welfare = np.concatenate(en.solve(game, selection="welfare")[0].profile)
    single = json.loads(cli("scenario", TINY, "--set", "pact_strength=0.75", "--json"))
    assert single["selection"] == "welfare"
    np.testing.assert_allclose(profile_of(single["equilibria"][0]), welfare, atol=1e-12)
    assert en.Scenario.load(TINY).sweep({"pact_strength": [0.75]}, progress=False)["selection"] == "welfare"


def test_correlated_methods_through_solve(game_file):
    game, nfg = game_file
    for method in ("ce", "cce"):
        result = en.solve(game, method)
        assert result.method == method and result.equilibria == [] and len(result) == 1
        assert result[0] is not None and result.correlated.coarse == (method == "cce")
        direct = en.correlated_equilibrium(game, coarse=method == "cce")
        np.testing.assert_allclose(result.correlated.payoffs, direct.payoffs, atol=1e-9)
        # Its certificate, recomputed: no player gains by deviating from a
        # recommendation (ce) or from the whole distribution (cce).
        dist = result.correlated.array
        assert dist.shape == game.shape and abs(dist.sum() - 1) <= 1e-12
        u = game.payoffs
        if method == "ce":
            gains = [max(((dist[s] * (u[0][t] - u[0][s])).sum() for t in range(3))) for s in range(3)]
            gains += [max(((dist[:, s] * (u[1][:, t] - u[1][:, s])).sum() for t in range(2))) for s in range(2)]
        else:
            gains = [max((dist * u[0][t]).sum() for t in range(3)) - (dist * u[0]).sum(),
                     max((dist * u[1][:, [t]]).sum() for t in range(2)) - (dist * u[1]).sum()]
        assert max(gains) <= 1e-9 and result.correlated.regret <= 1e-9
        out = json.loads(cli("solve", nfg, "--method", method, "--json"))
        assert out["method"] == method and "distribution" in out["equilibria"][0]
        np.testing.assert_allclose(out["equilibria"][0]["payoffs"], direct.payoffs, atol=1e-9)


def test_bad_selections_are_value_errors_and_exit_2(game_file):
    game, nfg = game_file
    with pytest.raises(ValueError, match="no player of that name"):
        en.solve(game, selection="best-for:Japan")
    with pytest.raises(ValueError, match="unknown selection"):
        en.solve(game, selection="nicest")
    result = subprocess.run([CLI, "solve", str(nfg), "--selection", "best-for:Japan"], capture_output=True, text=True)
    assert result.returncode == 2 and result.stdout == "" and len(result.stderr.strip().splitlines()) == 1


def test_solve_result_is_a_sequence_of_its_equilibria_and_correlated_one():
    g = en.Scenario.load(TINY).game(**VALUES)
    r = en.solve(g, "enummixed")
    assert len(r) == len(r.equilibria) == 3 and r.correlated is None
    assert [list(np.concatenate(e.profile)) for e in r] == [list(np.concatenate(e.profile)) for e in r.equilibria]
    assert list(np.concatenate(r[-1].profile)) == list(np.concatenate(r.equilibria[2].profile))
    assert [e.regret for e in r[1:]] == [e.regret for e in r.equilibria[1:]]
    with pytest.raises(IndexError):
        r[3]
    with pytest.raises(IndexError):
        r[-4]
    ce = en.solve(g, "ce")
    assert len(ce) == 1 and ce[0].regret == ce.correlated.regret == ce[-1].regret and ce.equilibria == []
