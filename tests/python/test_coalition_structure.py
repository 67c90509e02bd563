"""en.optimal_coalition_structure against a brute force over every set
partition written here in pure Python (n <= 8), exact and floating, both
algorithms; the anytime bound under a time limit; bad input; the docs page."""
import os
import pathlib
import re
import subprocess
import sys
from fractions import Fraction

import numpy as np
import pytest

import entente as en

ROOT = pathlib.Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "coalition-structures.md"


def set_partitions(players):
    """Every partition of the list `players` into non-empty blocs."""
    if not players:
        yield []
        return
    first, rest = players[0], players[1:]
    for partition in set_partitions(rest):
        yield [[first]] + partition  # first alone
        for k in range(len(partition)):  # first joins bloc k
            yield partition[:k] + [[first] + partition[k]] + partition[k + 1:]


def mask(bloc):
    return sum(1 << i for i in bloc)


def brute_force(values, n):
    """(best value, every optimal partition as a sorted tuple of sorted tuples)."""
    scored = [(sum(values[mask(b)] for b in p), p) for p in set_partitions(list(range(n)))]
    best = max(s for s, _ in scored)
    return best, {canonical(p) for s, p in scored if abs(s - best) <= 1e-9}


def canonical(blocs):
    return tuple(sorted(tuple(sorted(b)) for b in blocs))


def random_values(n, kind, rng):
    size = np.array([bin(m).count("1") for m in range(2 ** n)], dtype=float)
    if kind == "uniform":
        v = size * rng.uniform(0, 1, 2 ** n)
    elif kind == "ndcs":
        v = size + np.sqrt(size) * rng.normal(0, 1, 2 ** n)
    else:  # small integers: ties and negative values
        v = rng.integers(-3, 6, 2 ** n).astype(float)
    v[0] = 0
    return v


def test_set_partitions_count_the_bell_numbers():
    assert [sum(1 for _ in set_partitions(list(range(n)))) for n in range(1, 9)] == \
        [1, 2, 5, 15, 52, 203, 877, 4140]


@pytest.mark.parametrize("n", range(1, 9))
@pytest.mark.parametrize("kind", ["uniform", "ndcs", "integers"])
def test_both_algorithms_match_brute_force(n, kind):
    rng = np.random.default_rng(10 * n + len(kind))
    values = random_values(n, kind, rng)
    best, optimal = brute_force(values, n)
    game = en.CoalitionalGame(n, values)
    for algorithm in ("ip", "dp"):
        for exact in (False, True):
            r = en.optimal_coalition_structure(game, algorithm=algorithm, exact=exact)
            assert r.status == "optimal" and r.algorithm == algorithm
            assert r.value == pytest.approx(best, abs=1e-9)
            assert r.upper_bound == r.value and r.ratio == 1.0
            assert sum(values[mask(b)] for b in r.blocs) == pytest.approx(r.value, abs=1e-9)
            assert canonical(r.blocs) in optimal
            if len(optimal) == 1:
                assert canonical(r.blocs) == next(iter(optimal))
            if exact:
                exact_values = game.exact_values()
                assert r.exact_value == sum(exact_values[mask(b)] for b in r.blocs)
                assert r.exact_upper_bound == r.exact_value
            else:
                assert r.exact_value is None


def test_exact_search_on_fractions():
    # v(S) = |S| / 3 plus 1/7 for the pair {0, 1}: the pair beside singletons wins by exactly 1/7.
    n = 4
    values = [Fraction(bin(m).count("1"), 3) + (Fraction(1, 7) if m == 0b0011 else 0) for m in range(16)]
    game = en.CoalitionalGame(n, values)
    best, _ = brute_force(values, n)
    assert best == Fraction(4, 3) + Fraction(1, 7)
    for algorithm in ("ip", "dp"):
        r = en.optimal_coalition_structure(game, algorithm=algorithm, exact=True)
        assert r.exact_value == best
        assert sum(values[mask(b)] for b in r.blocs) == best
        assert [0, 1] in r.blocs


def test_names_and_repr():
    game = en.CoalitionalGame(3, [0, 1, 1, 3, 1, 2, 2, 3], players=["US", "Japan", "China"])
    r = en.optimal_coalition_structure(game)
    assert r.partition == "{US,Japan}{China}"
    assert r.blocs == [[0, 1], [2]]
    assert repr(r) == "CoalitionStructure({US,Japan}{China}, value=4.0, status='optimal')"
    assert set(r.counters) == {"coalitions", "structures", "splits", "subspaces", "subspaces_searched",
                               "subspaces_pruned"}
    assert r.counters["subspaces"] == 3  # [3], [1, 2], [1, 1, 1]


def test_time_limit_gives_a_structure_and_a_bound_that_holds():
    n = 16
    rng = np.random.default_rng(4)
    values = random_values(n, "ndcs", rng)
    game = en.CoalitionalGame(n, values)
    optimum = en.optimal_coalition_structure(game, algorithm="dp").value
    for algorithm in ("ip", "dp"):
        r = en.optimal_coalition_structure(game, algorithm=algorithm, time_limit=1e-9)
        assert r.status == "time_limit"
        assert sorted(i for b in r.blocs for i in b) == list(range(n))
        assert sum(values[mask(b)] for b in r.blocs) == pytest.approx(r.value, abs=1e-9)
        assert r.value <= optimum + 1e-9
        assert r.upper_bound >= optimum - 1e-9
    full = en.optimal_coalition_structure(game, time_limit=60)
    assert full.status == "optimal" and full.value == pytest.approx(optimum, abs=1e-9)


def test_bad_input_is_value_error():
    game = en.CoalitionalGame(2, [0, 1, 1, 3])
    with pytest.raises(ValueError, match="algorithm"):
        en.optimal_coalition_structure(game, algorithm="greedy")
    for limit in (0, -1.0, float("nan")):
        with pytest.raises(ValueError, match="time_limit"):
            en.optimal_coalition_structure(game, time_limit=limit)
    with pytest.raises(ValueError):
        en.CoalitionalGame(2, [0, 1, float("nan"), 3])
    with pytest.raises(TypeError):
        en.optimal_coalition_structure([0, 1, 1, 3])


def fenced_blocks(text):
    return [(m.group(1), m.group(2)) for m in re.finditer(r"^```(\w*)\n(.*?)^```$", text, re.S | re.M)]


def test_docs_python_example_prints_what_the_page_shows():
    blocks = fenced_blocks(PAGE.read_text())
    [k] = [k for k, (info, _) in enumerate(blocks) if info == "python"]
    module_dir = pathlib.Path(en.__file__).resolve().parents[1]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(module_dir), os.environ.get("PYTHONPATH", "")]))
    run = subprocess.run([sys.executable, "-c", blocks[k][1]], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout == blocks[k + 1][1]


def test_docs_cpp_example_is_the_file_ctest_runs():
    [cpp] = [body for info, body in fenced_blocks(PAGE.read_text()) if info == "cpp"]
    source = (ROOT / "examples" / "cpp" / "coalition_structure.cpp").read_text()
    assert source == cpp
