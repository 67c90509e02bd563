"""Alliances of compact games (docs/alliances.md, "Many actors"): flags and
margins recomputed by brute force from the records (test_alliance's brute
force, restricted to allowed blocs), the compact analysis against the dense
one, certificates recomputed on the bloc games, the CLI on the sixteen-actor
file, and the Dask split of the starts against a local run."""

import json
import os
import pathlib
import subprocess

import numpy as np
import pytest

import entente as en
from test_alliance import bloc_game_payoffs, check_against_brute_force, key

ROOT = pathlib.Path(__file__).resolve().parents[2]
WIDER = ROOT / "examples" / "scenarios" / "china_wider_world.json"
CLI = os.environ.get("ENTENTE_CLI", str(ROOT / "build" / "entente"))


def compact_text(n, seed, parameter=False):
    """A compact scenario of n two-strategy actors: base, pairwise and
    three-actor conditional terms with seeded integer values (with
    `parameter`, the pairwise values times a parameter p in [0, 2])."""
    rng = np.random.default_rng(seed)
    actors = [{"name": f"A{i}", "strategies": [{"name": "x"}, {"name": "y"}]} for i in range(n)]
    terms = []
    for i in range(n):
        terms.append({"kind": "base", "actor": f"A{i}", "strategy": "y", "value": int(rng.integers(-3, 4))})
        for j in rng.choice([k for k in range(n) if k != i], size=2, replace=False):
            term = {"kind": "pairwise", "actor": f"A{i}", "strategy": ["x", "y"][int(rng.integers(2))],
                    "other": f"A{j}", "other_strategy": ["x", "y"][int(rng.integers(2))],
                    "value": int(rng.integers(-4, 5))}
            if parameter:
                term["value"] = f"{term['value']} * p"
            terms.append(term)
    doc = {"title": f"random compact {n}", "compact": True, "actors": actors, "terms": terms}
    if parameter:
        doc["parameters"] = [{"name": "p", "default": 1, "min": 0, "max": 2}]
    return json.dumps(doc)


def compact_scenario(n, seed):
    return en.Scenario.parse(compact_text(n, seed))


@pytest.mark.parametrize("cap", [2, 3, 6])
def test_margins_of_every_allowed_partition_against_brute_force(cap):
    s = compact_scenario(6, 1)
    r = en.alliances(s.compact_game(), max_bloc_size=cap, stability=["nash", "individual", "core", "exclusive"]
                     if cap < 6 else None)
    records = r.records()
    assert r.status == "complete" and r.value == "gamma"
    assert all(len(b) <= cap for x in records for b in x["blocs"])
    # Every partition of 6 actors into blocs of at most `cap`: 76, 166, 203 (Bell(6)).
    assert len(records) == {2: 76, 3: 166, 6: 203}[cap]
    if cap == 6:
        assert r.notions[-1] == "farsighted"
        check_against_brute_force(r, 6, "none")
    else:
        assert "farsighted" not in r.notions  # it needs every partition
        check_flags_only(r, cap)


def check_flags_only(r, cap):
    from test_alliance import brute_margins

    records = r.records()
    margins = brute_margins(records, 6, "none", cap=cap)
    for x in records:
        for notion, value in margins[key(x["blocs"])].items():
            got = x["margins"][notion]
            if value is None:
                assert got is None and x["stable"][notion], (x["partition"], notion)
            else:
                assert got == pytest.approx(value, abs=1e-9), (x["partition"], notion)
                assert x["stable"][notion] == (value <= 1e-7), (x["partition"], notion)


def test_compact_analysis_without_a_cap_equals_the_dense_gamma_analysis():
    s = compact_scenario(5, 2)
    compact = en.alliances(s.compact_game(), max_bloc_size=5)
    dense = en.alliances(s.game(), value="gamma")
    assert len(compact.records()) == len(dense.records()) == 52
    want = {key(x["blocs"]): x for x in dense.records()}
    for x in compact.records():
        y = want[key(x["blocs"])]
        np.testing.assert_allclose(x["payoffs"], y["payoffs"], atol=1e-9)
        assert x["stable"] == y["stable"] and x["method"] == y["method"]
        for notion, m in x["margins"].items():
            assert (m is None) == (y["margins"][notion] is None)
            if m is not None:
                assert m == pytest.approx(y["margins"][notion], abs=1e-9)
    np.testing.assert_allclose(compact.shapley, dense.shapley, atol=1e-9)
    np.testing.assert_allclose(compact.characteristic.values, dense.characteristic.values, atol=1e-9)


def test_certificates_recomputed_on_the_bloc_games():
    s = compact_scenario(9, 3)
    g = s.compact_game()
    dense = s.game()  # 512 profiles: the bloc games rebuilt in numpy
    r = en.alliances(g, max_bloc_size=3, starts=4, seed=5)
    assert r.status == "heuristic" and len(r.records()) > 9
    for x in r.records():
        values, regret = bloc_game_payoffs(dense, x["blocs"], x["profile"])
        np.testing.assert_allclose(values, x["bloc_payoffs"], atol=1e-9)
        assert regret <= 1e-6 and x["regret"] == pytest.approx(regret, abs=1e-9)


def run(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=600)


def test_cli_on_the_sixteen_actor_file():
    out = run("alliances", WIDER, "--max-bloc-size", "2", "--starts", "2", "--seed", "3", "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["status"] == "heuristic" and doc["value"] == "gamma"
    assert doc["search"] == {"max_bloc_size": 2, "max_joint_strategies": 243, "starts": 2, "max_moves": 50, "seed": 3}
    assert len(doc["players"]) == 16 and len(doc["characteristic_function"]) == 2**16
    assert doc["notions"] == ["nash", "individual", "core", "exclusive"]
    for p in doc["partitions"]:
        assert all(len(b) <= 2 for b in p["blocs"])
        assert p["regret"] <= 1e-7
        assert sum(p["payoffs"]) == pytest.approx(sum(p["bloc_payoffs"]), abs=1e-9)
    text = run("alliances", WIDER, "--max-bloc-size", "2", "--starts", "2", "--seed", "3")
    assert text.returncode == 0 and "local search" in text.stdout and "(heuristic)" in text.stdout
    for bad in (["--value", "alpha"], ["--max-bloc-size", "0"]):
        refused = run("alliances", WIDER, *bad)
        assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1
    dense = run("alliances", ROOT / "examples" / "scenarios" / "china_three_bloc.json", "--max-bloc-size", "2")
    assert dense.returncode == 2 and "compact" in dense.stderr


def test_dask_split_of_the_starts_equals_a_local_run():
    import pickle

    s = compact_scenario(9, 4)
    local = s.alliances(max_bloc_size=2, starts=5, seed=7, threads=1)
    again = pickle.loads(pickle.dumps(local))
    assert again.records() == local.records()
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        remote = s.alliances(client=client, max_bloc_size=2, starts=5, seed=7, chunks=3)
    assert remote.records() == local.records()
    assert remote.swing_players == local.swing_players and remote.most_stable == local.most_stable
    np.testing.assert_array_equal(remote.shapley, local.shapley)
    assert remote.status == local.status == "heuristic"
