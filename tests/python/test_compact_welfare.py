"""The welfare-maximising bloc structure of compact alliance analyses and the
stability maps of compact scenarios (docs/alliances.md, "Many actors"):
the structure against brute force over every partition, its certificate
recomputed from the characteristic function, the CLI JSON on the
sixteen-actor file against en.optimal_coalition_structure on the same
table, pickling and the Dask split; every point of a compact sweep (Python
and CLI) against a single run at its values with the same seed."""

import json
import os
import pathlib
import subprocess

import numpy as np
import pytest

import entente as en
import test_compact_alliance

ROOT = pathlib.Path(__file__).resolve().parents[2]
WIDER = ROOT / "examples" / "scenarios" / "china_wider_world.json"
CLI = os.environ.get("ENTENTE_CLI", str(ROOT / "build" / "entente"))


def compact_text(n, seed):
    """A compact scenario of n two-strategy actors with a parameter p that
    scales the pairwise terms."""
    return test_compact_alliance.compact_text(n, seed, parameter=True)


def partitions(items):
    """Every set partition of `items` (lists of lists)."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for p in partitions(rest):
        yield [[first]] + p
        for k in range(len(p)):
            yield p[:k] + [[first] + p[k]] + p[k + 1:]


def mask(bloc):
    return sum(1 << i for i in bloc)


@pytest.mark.parametrize("cap", [1, 2, 3])
def test_welfare_structure_is_the_best_partition_by_brute_force(cap):
    s = en.Scenario.parse(compact_text(7, 1))
    v = None
    for algorithm in ("ip", "dp"):
        r = en.alliances(s.compact_game(), max_bloc_size=cap, welfare_algorithm=algorithm)
        w = r.welfare
        v = np.asarray(r.characteristic.values, dtype=float)
        best = max(sum(v[mask(b)] for b in p) for p in partitions(list(range(7))))
        allowed = max(sum(v[mask(b)] for b in p) for p in partitions(list(range(7))) if all(len(b) <= cap for b in p))
        assert best == pytest.approx(allowed, abs=1e-9)
        assert w["algorithm"] == algorithm and w["optimal"] and w["status"] == "optimal"
        assert w["value"] == pytest.approx(best, abs=1e-9) and w["upper_bound"] == pytest.approx(best, abs=1e-9)
        assert all(len(b) <= cap for b in w["blocs"])
        assert sorted(i for b in w["blocs"] for i in b) == list(range(7))
        assert w["bloc_values"] == [v[mask(b)] for b in w["blocs"]]
        assert w["certificate"] == pytest.approx(sum(v[mask(b)] for b in w["blocs"]), abs=1e-12)
        assert w["certificate"] == pytest.approx(best, abs=1e-9)
    dense = en.alliances(s.game(), value="gamma")
    assert dense.welfare is None  # the dense report has no welfare structure


def run(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=600)


def test_cli_json_on_the_sixteen_actor_file():
    out = run("alliances", WIDER, "--starts", "1", "--seed", "2", "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    w = doc["welfare"]
    v = doc["characteristic_function"]
    assert set(w) == {"blocs", "bloc_values", "value", "upper_bound", "optimal", "status", "algorithm", "certificate"}
    assert w["algorithm"] == "ip" and w["optimal"] and w["status"] == "optimal"
    assert sorted(i for b in w["blocs"] for i in b) == list(range(16))
    assert all(len(b) <= 2 for b in w["blocs"])
    assert w["bloc_values"] == [v[mask(b)] for b in w["blocs"]]
    assert w["certificate"] == pytest.approx(sum(v[mask(b)] for b in w["blocs"]), abs=1e-9)
    assert w["value"] == pytest.approx(w["certificate"], abs=1e-9) and w["upper_bound"] == w["value"]
    # Another search on the same table: the dynamic programme of en.optimal_coalition_structure.
    other = en.optimal_coalition_structure(en.CoalitionalGame(16, v), algorithm="dp")
    assert other.value == pytest.approx(w["value"], abs=1e-9)
    text = run("alliances", WIDER, "--starts", "1", "--seed", "2", "--welfare-algorithm", "dp")
    assert text.returncode == 0, text.stderr
    assert "Welfare-maximising structure" in text.stdout and "dp, proven optimal" in text.stdout
    refused = run("alliances", WIDER, "--welfare-algorithm", "lp")
    assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1
    dense = run("alliances", ROOT / "examples" / "scenarios" / "china_three_bloc.json", "--welfare-algorithm", "dp")
    assert dense.returncode == 2 and "compact" in dense.stderr


def test_welfare_survives_pickling_and_the_dask_split():
    import pickle

    s = en.Scenario.parse(compact_text(9, 4))
    local = s.alliances(max_bloc_size=2, starts=3, seed=7, threads=1)
    assert local.welfare is not None and local.welfare["optimal"]
    assert pickle.loads(pickle.dumps(local)).welfare == local.welfare
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        remote = s.alliances(client=client, max_bloc_size=2, starts=3, seed=7, chunks=3)
    assert remote.welfare == local.welfare
    assert remote.records() == local.records()


def test_compact_sweep_points_equal_single_runs():
    s = en.Scenario.parse(compact_text(9, 5))
    m = s.alliance_sweep({"p": (0.5, 1.5, 3)}, progress=False, max_bloc_size=3, starts=2, seed=4, threads=2)
    assert m.shape == (3,) and len(m.results) == 3
    for k, p in enumerate((0.5, 1.0, 1.5)):
        one = en.alliances(s.compact_game(p=p), max_bloc_size=3, starts=2, seed=4)
        got = m.results[k]
        assert got.value == "gamma" and got.status == "heuristic"
        assert got.records() == one.records()
        assert got.welfare == one.welfare
        np.testing.assert_array_equal(got.shapley, one.shapley)
    with pytest.raises(ValueError, match="gamma"):
        s.alliance_sweep({"p": (0, 1, 2)}, progress=False, value="alpha")
    dense = en.Scenario.load(ROOT / "examples" / "scenarios" / "china_three_bloc.json")
    with pytest.raises(ValueError, match="compact"):
        dense.alliance_sweep({"pact_strength": (0, 1, 2)}, progress=False, seed=1)


def test_compact_sweep_on_dask_equals_the_local_sweep():
    distributed = pytest.importorskip("dask.distributed")
    s = en.Scenario.parse(compact_text(8, 6))
    local = s.alliance_sweep({"p": (0, 2, 3)}, progress=False, starts=2, seed=1)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        remote = s.alliance_sweep({"p": (0, 2, 3)}, client=client, progress=False, starts=2, seed=1, chunks=2)
    for x, y in zip(remote.results, local.results):
        assert x.records() == y.records() and x.welfare == y.welfare


def test_cli_compact_sweep_points_equal_single_runs(tmp_path):
    path = tmp_path / "compact.json"
    path.write_text(compact_text(9, 7))
    search = ["--max-bloc-size", "2", "--starts", "2", "--seed", "9"]
    out = run("alliances", path, "--sweep", "p=0:2:3", *search, "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert len(doc["points"]) == 3
    for point, p in zip(doc["points"], (0, 1, 2)):
        single = run("alliances", path, "--set", f"p={p}", *search, "--json")
        assert single.returncode == 0, single.stderr
        one = json.loads(single.stdout)
        assert point["values"] == {"p": p}
        del point["values"]
        assert point == one
    csv = run("alliances", path, "--sweep", "p=0:2:3", *search, "--csv", "--bloc", "A0,A1")
    assert csv.returncode == 0, csv.stderr
    rows = csv.stdout.strip().splitlines()
    assert rows[0].endswith(",welfare structure,welfare value,welfare optimal") and len(rows) == 4
    text = run("alliances", path, "--sweep", "p=0:2:3", *search)
    assert text.returncode == 0 and "value gamma" in text.stdout and text.stdout.count("; welfare {") == 3
    refused = run("alliances", path, "--sweep", "p=0:2:3", "--value", "beta")
    assert refused.returncode == 2 and "gamma" in refused.stderr
