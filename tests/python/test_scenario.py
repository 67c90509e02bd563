"""entente.Scenario: loading, errors with JSON paths, compiled games against
an independent pure-Python evaluation of the format, and sweeps (local
threads, a Dask LocalCluster, serial solves all agree)."""
import json
import pathlib
import pickle
from fractions import Fraction

import numpy as np
import pytest

import entente as en
import scenario_reference as ref

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
TINY = DATA / "scenario_tiny.json"
THREE = ROOT / "examples" / "scenarios" / "china_three_bloc.json"
# Three players with large regions where only mixed equilibria exist (continuation's ground).
MIXED = DATA / "mixed_three_bloc.json"


def test_load_exposes_actors_strategies_parameters():
    s = en.Scenario.load(TINY)
    assert s.actors == ["China", "USA"]
    assert s.strategies == [["Hedge", "Tilt", "Court"], ["Engage", "Contain"]]
    assert s.shape == (3, 2)
    assert s.parameters[1] == {"name": "nk_nuclear_gain", "default": 2.0, "min": 0.0, "max": 4.0,
                               "description": "North Korea's nuclear gain", "source": "test"}
    assert s.defaults == {"pact_strength": 0.5, "nk_nuclear_gain": 2.0}
    assert s.source == str(TINY)
    assert "Tiny" in repr(s)
    assert en.Scenario.parse(TINY.read_text()).actors == s.actors


def test_game_matches_hand_computed_payoffs():
    # Worked out by hand from the file: rows Hedge, Tilt, Court; columns Engage, Contain.
    g = en.Scenario.load(TINY).game()
    np.testing.assert_array_equal(g.payoffs[0], [[1, 1], [0.25, -1.75], [1.25, 0.25]])
    np.testing.assert_array_equal(g.payoffs[1], [[0, 1], [0, 3], [0, 0]])
    assert g.players == ["China", "USA"]


def independent_payoffs(data, values):
    """The format's semantics written out directly for the tiny file's
    expressions (Python arithmetic, no shared code with entente)."""
    p = dict(data_defaults(data), **values)
    env = {"max": max, "min": min, **p}
    actors = [a["name"] for a in data["actors"]]
    strategies = [[s["name"] for s in a["strategies"]] for a in data["actors"]]
    shape = tuple(len(s) for s in strategies)
    u = [np.zeros(shape) for _ in actors]

    def amount(v):
        return float(v) if not isinstance(v, str) else float(eval(v.replace("^", "**"), {}, env))

    def plays(profile, actor, names):
        names = [names] if isinstance(names, str) else names
        return strategies[actor][profile[actor]] in names

    for profile in np.ndindex(*shape):
        for t in data["terms"]:
            if t["kind"] == "base":
                a = actors.index(t["actor"])
                if plays(profile, a, t["strategy"]):
                    u[a][profile] += amount(t["value"])
            elif t["kind"] == "pairwise":
                a, o = actors.index(t["actor"]), actors.index(t["other"])
                if plays(profile, a, t["strategy"]) and plays(profile, o, t["other_strategy"]):
                    u[a][profile] += amount(t["value"])
            else:
                if all(plays(profile, actors.index(n), s) for n, s in t["when"].items()):
                    for n, v in t["payoffs"].items():
                        u[actors.index(n)][profile] += amount(v)
    return u


def data_defaults(data):
    return {p["name"]: p["default"] for p in data.get("parameters", [])}


@pytest.mark.parametrize("values", [{}, {"pact_strength": 0.1}, {"pact_strength": 0.9, "nk_nuclear_gain": 0.5},
                                    {"nk_nuclear_gain": 3.7}])
def test_game_matches_an_independent_evaluation(values):
    data = json.loads(TINY.read_text())
    g = en.Scenario.load(TINY).game(**values)
    for got, want in zip(g.payoffs, independent_payoffs(data, values)):
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-12)


def test_three_player_game_matches_the_reference_evaluator():
    s = en.Scenario.load(THREE)
    reference = ref.Scenario.load(THREE)
    rng = np.random.default_rng(7)
    for _ in range(5):
        values = {p["name"]: float(rng.uniform(p["min"], p["max"])) for p in s.parameters}
        for got, want in zip(s.game(**values).payoffs, reference.payoffs(**values)):
            np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


def test_exact_game_evaluates_in_rationals():
    g = en.Scenario.load(TINY).game(exact=True, pact_strength=0.35)
    assert g.exact_payoffs(0)[2][1] == Fraction(1, 10)  # Court vs Contain: 0.35 - 0.25, exactly
    assert en.Scenario.load(TINY).game(pact_strength=0.35).payoffs[0][2, 1] != 0.1  # doubles round


def random_expression(rng, values, depth):
    """(muparser text, its exact value as a Fraction) for a random tree of
    + - * /, unary minus, integer powers, min, max, abs, parentheses,
    decimal literals and the parameters; every division by a nonzero value."""
    if depth == 0 or rng.random() < 0.2:
        if rng.random() < 0.4:
            name = rng.choice(sorted(values))
            return name, values[name]
        text = rng.choice(["0.1", "0.35", "2", "1.5", "3", "0.125", "1e-2", "2.5e1", ".75", "7"])
        return text, Fraction(text)
    kind = rng.choice(["+", "-", "*", "/", "neg", "pow", "min", "max", "abs"])
    a, va = random_expression(rng, values, depth - 1)
    if kind == "neg":
        return f"-({a})", -va
    if kind == "abs":
        return f"abs({a})", abs(va)
    if kind == "pow":
        k = rng.choice([-2, -1, 0, 1, 2, 3]) if va != 0 else rng.choice([0, 1, 2])
        return f"({a})^({k})", va ** k
    b, vb = random_expression(rng, values, depth - 1)
    if kind in ("min", "max"):
        return f"{kind}({a}, {b})", (min if kind == "min" else max)(va, vb)
    if kind == "/" and vb == 0:
        kind = "+"
    return f"({a}) {kind} ({b})", {"+": va + vb, "-": va - vb, "*": va * vb, "/": va / vb if vb else 0}[kind]


def test_exact_evaluation_equals_fraction_arithmetic_on_random_expressions():
    import random

    rng = random.Random(16)
    values = {"p": Fraction("0.3"), "q": Fraction("-1.25")}
    expressions = [random_expression(rng, values, 4) for _ in range(200)]
    # One actor with a strategy per expression, each paid its expression.
    data = {"actors": [{"name": "A", "strategies": [{"name": f"s{k}"} for k in range(len(expressions))]}],
            "parameters": [{"name": "p", "default": 0.3, "min": -2, "max": 2},
                           {"name": "q", "default": -1.25, "min": -2, "max": 2}],
            "terms": [{"kind": "base", "actor": "A", "strategy": f"s{k}", "value": text}
                      for k, (text, _) in enumerate(expressions)]}
    s = en.Scenario.parse(json.dumps(data))
    exact = s.game(exact=True).exact_payoffs(0)
    floating = s.game().payoffs[0]
    for k, (text, value) in enumerate(expressions):
        assert exact[k] == value, text
        assert floating[k] == pytest.approx(float(value), rel=1e-9, abs=1e-9), text
    # A value passed from Python reads as its shortest decimal: 0.2 is 1/5.
    at = {"p": Fraction(1, 5), "q": values["q"]}
    assert s.game(exact=True, p=0.2).exact_payoffs(0) == [fraction_eval(text, at) for text, _ in expressions]


def fraction_eval(text, values):
    """An expression of random_expression in Python's Fractions: decimal literals as Fractions,
    ^ as ** (every operand is parenthesised, so the grammars agree)."""
    import re

    code = re.sub(r"(?<![A-Za-z_.\d])(\d+\.?\d*(?:e-?\d+)?|\.\d+)", lambda m: f"Fraction('{m.group(1)}')", text)
    return eval(code.replace("^", "**"), {"Fraction": Fraction, "min": min, "max": max, "abs": abs, **values})


def test_exact_mode_refuses_functions_without_rational_values(tmp_path):
    path = tmp_path / "roots.json"
    path.write_text(json.dumps({
        "actors": [{"name": "A", "strategies": [{"name": "x"}, {"name": "y"}]}],
        "parameters": [{"name": "p", "default": 2, "min": 0, "max": 4}],
        "terms": [{"kind": "base", "actor": "A", "strategy": "x", "value": "p / 4"},
                  {"kind": "base", "actor": "A", "strategy": "y", "value": "sqrt(p) + 1"}]}))
    s = en.Scenario.load(path)
    assert s.game().payoffs[0][1] == pytest.approx(2 ** 0.5 + 1)
    with pytest.raises(ValueError) as info:
        s.game(exact=True)
    assert str(info.value) == (f"{path}: /terms/1/value: \"sqrt(p) + 1\" in exact mode: the function 'sqrt' "
                               "has no exact (rational) value (at p=2)")


@pytest.mark.parametrize("text, message", [
    ("{", "bad.json:1: not valid JSON"),
    ('{"actors": []}', "bad.json: /actors: expected a non-empty array"),
    ('{"actors": [{"name": "A", "strategies": []}]}', "/actors/0/strategies: expected a non-empty array"),
    ('{"actors": [{"name": "A", "strategies": [{"name": "x"}]}], "typo": 1}', "/typo: unknown key 'typo'"),
    ('{"actors": [{"name": "A", "strategies": [{"name": "x"}]}], "terms": [{"kind": "base", "actor": "A", '
     '"strategy": "x", "value": "2*q"}]}', "/terms/0/value: unknown name 'q'"),
    ('{"actors": [{"name": "A", "strategies": [{"name": "x"}]}], "terms": [{"kind": "conditional", '
     '"when": {"A": "x"}, "payoffs": {"A": "0/0"}}]}', "/terms/0/payoffs/A: \"0/0\" evaluates to NaN"),
])
def test_bad_files_raise_value_error_with_the_json_path(tmp_path, text, message):
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(ValueError) as info:
        en.Scenario.load(path)
    assert str(info.value).startswith(str(path))
    assert message.replace("bad.json", str(path)) in str(info.value)
    assert isinstance(info.value, en.ParseError)


def test_bad_values_raise_value_error():
    s = en.Scenario.load(TINY)
    with pytest.raises(ValueError, match="unknown parameter 'pact'"):
        s.game(pact=1)
    with pytest.raises(ValueError, match=r"outside its range \[0, 1\]"):
        s.game(pact_strength=1.5)
    with pytest.raises(ValueError, match="must be finite"):
        s.game(pact_strength=float("nan"))
    with pytest.raises(ValueError, match="needs a number"):
        s.game(pact_strength="high")
    with pytest.raises(ValueError, match="cannot open"):
        en.Scenario.load(DATA / "no_such.json")


def test_pickle_round_trip():
    s = en.Scenario.load(TINY)
    t = pickle.loads(pickle.dumps(s))
    assert t.source == s.source and t.text == s.text
    assert t.game() == s.game()


# --- sweeps -------------------------------------------------------------------------------

GRID = {"pact_strength": (0, 1, 7), "nk_nuclear_gain": [0.0, 0.25, 0.5, 0.8, 1.0]}


def check_same(a, b):
    for key in ("payoffs", "strategy", "count", "regret", "values"):
        np.testing.assert_array_equal(a[key], b[key])
    assert len(a["records"]) == len(b["records"])
    for x, y in zip(a["records"], b["records"]):
        assert x["values"] == y["values"]
        assert len(x["equilibria"]) == len(y["equilibria"])
        for e, f in zip(x["equilibria"], y["equilibria"]):
            for p, q in zip(e["profile"], f["profile"]):
                np.testing.assert_array_equal(p, q)


def test_sweep_equals_serial_solves():
    s = en.Scenario.load(THREE)
    r = s.sweep(GRID, progress=False)
    assert r["shape"] == (7, 5)
    assert r["parameters"] == ["pact_strength", "nk_nuclear_gain"]
    assert r["payoffs"].shape == (7, 5, 3) and r["strategy"].dtype == np.int64
    np.testing.assert_array_equal(r["grid"]["pact_strength"][:, 0], np.linspace(0, 1, 7))
    np.testing.assert_array_equal(r["grid"]["nk_nuclear_gain"][0], GRID["nk_nuclear_gain"])
    assert not r["cancelled"]
    for k, record in enumerate(r["records"]):
        i, j = np.unravel_index(k, r["shape"])
        eqs = en.solve(s.game(**record["values"]), selection="welfare")  # the sweep's default rule
        assert r["count"][i, j] == len(eqs) == len(record["equilibria"])
        for got, want in zip(record["equilibria"], eqs):
            np.testing.assert_array_equal(np.concatenate(got["profile"]), np.concatenate(want.profile))
            assert got["regret"] == want.regret <= 1e-9
        if eqs:
            np.testing.assert_array_equal(r["payoffs"][i, j], eqs[0].payoffs)
            assert list(r["strategy"][i, j]) == [int(np.argmax(p)) for p in eqs[0].profile]
        else:
            assert np.isnan(r["payoffs"][i, j]).all() and (r["strategy"][i, j] == -1).all()


def test_sweep_result_is_numpy_views_of_the_cpp_result_and_pickles():
    s = en.Scenario.load(THREE)
    r = s.sweep(GRID, progress=False)
    assert isinstance(r, en.SweepResult) and len(r) == 35 and r.shape == (7, 5)
    # Views, not copies: two reads share memory, and none can be written.
    assert np.shares_memory(r.payoffs, r.payoffs) and np.shares_memory(r.grid["pact_strength"], r.values)
    for name in ("payoffs", "strategy", "count", "regret", "continued", "values"):
        array = getattr(r, name)
        assert not array.flags.writeable and array is not r[name] and np.array_equal(array, r[name], equal_nan=True)
        with pytest.raises(ValueError):
            array.flat[0] = 0
    column = list(s.defaults).index("pact_strength")
    np.testing.assert_array_equal(r.grid["pact_strength"].ravel(), r.values[:, column])
    assert r.continued.dtype == bool and r.count.dtype == np.int64
    assert set(r.keys()) >= {"payoffs", "records", "grid"} and "payoffs" in r and "nope" not in r
    with pytest.raises(KeyError):
        r["nope"]
    # Records: negative indices and slices as for a list.
    records = r.records
    assert len(records) == 35 and records[-1]["values"] == records[34]["values"] and len(records[3:9:2]) == 3
    assert records[3:9:2][1]["values"] == records[5]["values"]
    with pytest.raises(IndexError):
        records[35]
    # A view outlives the result it came from.
    payoffs = s.sweep(GRID, progress=False).payoffs
    np.testing.assert_array_equal(payoffs, r.payoffs)
    # Pickling (how Dask returns chunks) keeps everything.
    t = pickle.loads(pickle.dumps(r))
    check_same(r, t)
    assert (t.shape, t.parameters, t.actors, t.method, t.selection) == (r.shape, r.parameters, r.actors, r.method,
                                                                      r.selection)
    assert repr(t) == repr(r) == "<SweepResult: 35 points (7 x 5), method auto>"


def test_sweep_is_the_same_on_one_or_many_threads_and_with_progress(capsys):
    s = en.Scenario.load(THREE)
    one = s.sweep(GRID, progress=False, threads=1)
    many = s.sweep(GRID, progress=True, threads=4)
    check_same(one, many)


def test_sweep_correlated_and_fallback():
    s = en.Scenario.load(THREE)
    ce = s.sweep({"pact_strength": (0, 1, 3)}, method="ce", progress=False)
    for k, record in enumerate(ce["records"]):
        c = en.correlated_equilibrium(s.game(**record["values"]))
        np.testing.assert_allclose(record["correlated"]["payoffs"], c.payoffs, atol=1e-9)
        assert record["correlated"]["regret"] <= 1e-9 and ce["regret"][k] <= 1e-9
        assert record["equilibria"] == []
    fb = s.sweep(GRID, progress=False, correlated_fallback=True)
    assert not np.isnan(fb["payoffs"]).any()


def test_sweep_rejects_bad_grids():
    s = en.Scenario.load(THREE)
    with pytest.raises(ValueError, match="unknown parameter 'nope'"):
        s.sweep({"nope": (0, 1, 3)}, progress=False)
    with pytest.raises(ValueError, match="leaves its range"):
        s.sweep({"pact_strength": (0, 2, 3)}, progress=False)
    with pytest.raises(ValueError, match="too large"):
        s.sweep({"pact_strength": (0, 1, 5000), "nk_nuclear_gain": (0, 1, 5000)}, progress=False)
    with pytest.raises(ValueError, match="unknown method"):
        s.sweep({"pact_strength": (0, 1, 3)}, method="bogus", progress=False)
    with pytest.raises(ValueError, match="both set and swept"):
        s.sweep({"pact_strength": (0, 1, 3)}, fixed={"pact_strength": 0.5}, progress=False)
    with pytest.raises(ValueError):
        s.sweep({}, progress=False)


def test_sweep_on_a_dask_cluster_equals_the_local_sweep():
    distributed = pytest.importorskip("dask.distributed")
    s = en.Scenario.load(THREE)
    local = s.sweep(GRID, progress=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        remote = s.sweep(GRID, client=client, progress=True, chunks=6)
    check_same(local, remote)
    assert remote["shape"] == local["shape"]


def largest_gain(game, profile):
    """The regret of a profile by numpy: each player's best gain from deviating."""
    gains = []
    for i, u in enumerate(game.payoffs):
        values = np.asarray(u, dtype=float)
        for j in reversed(range(len(profile))):  # contract the others' axes, last first
            if j != i:
                values = np.tensordot(values, profile[j], axes=([j], [0]))
        gains.append(values.max() - values @ profile[i])
    return max(gains)


def test_continuation_sweep_is_certified_and_the_same_locally_on_threads_and_dask():
    # 40 x 40 points: continued equilibria carry regret <= 1e-8 (recomputed
    # in numpy), pure points equal en.solve's, points solved afresh equal
    # simpdiv's, and the result is the same on 1 or 2 threads and on Dask
    # chunks that do not fall on the 64-point runs.
    distributed = pytest.importorskip("dask.distributed")
    s = en.Scenario.load(MIXED)
    grid = {"pact_strength": (0.0, 1.0, 40), "nk_nuclear_gain": (0.0, 1.0, 40)}
    one = s.sweep(grid, progress=False, continuation=True, threads=1)
    two = s.sweep(grid, progress=False, continuation=True, threads=2)
    check_same(one, two)
    np.testing.assert_array_equal(one["continued"], two["continued"])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        remote = s.sweep(grid, client=client, progress=False, chunks=7, continuation=True)
    check_same(one, remote)
    np.testing.assert_array_equal(one["continued"], remote["continued"])
    continued = one["continued"].ravel()
    assert continued.sum() > 200 and not continued[::64].any()
    for k, record in enumerate(one["records"]):
        game = s.game(**record["values"])
        (got, *rest) = record["equilibria"]
        if continued[k]:
            assert got["regret"] <= 1e-8
            assert abs(got["regret"] - largest_gain(game, got["profile"])) <= 1e-12
        else:
            want = en.solve(game, selection="welfare")
            assert len(rest) + 1 == len(want) == 1
            np.testing.assert_array_equal(np.concatenate(got["profile"]), np.concatenate(want[0].profile))
    assert not s.sweep(grid, progress=False)["continued"].any()


def test_thresholds_agree_with_a_dense_sweep():
    s = en.Scenario.load(THREE)
    for name in ("nk_nuclear_gain", "pact_strength"):
        r = s.thresholds(name)
        assert r["parameter"] == name and r["focus"] == "China" and r["selection"] == "welfare"
        dense = s.sweep({name: (0, 1, 2001)}, progress=False, correlated_fallback=True)
        x, china = dense.grid[name], dense.strategy[:, 0]
        changes = np.flatnonzero(china[1:] != china[:-1])
        assert len(changes) == len(r["switches"]) > 0
        spacing = 1 / 2000
        for k, w in zip(changes, r["switches"]):
            assert x[k] - spacing <= w["value"] <= x[k + 1] + spacing
            assert 0 < w["hi"] - w["lo"] <= 1e-6
            assert w["value"] == pytest.approx((w["lo"] + w["hi"]) / 2)
            assert (w["from"], w["to"]) == (s.strategies[0][china[k]], s.strategies[0][china[k + 1]])
            ends = s.sweep({name: [w["lo"], w["hi"]]}, progress=False, correlated_fallback=True).strategy[:, 0]
            assert [s.strategies[0][i] for i in ends] == [w["from"], w["to"]]
        assert r["grid"].shape == (101,) and r["strategies"][0] == s.strategies[0][china[0]]


def test_thresholds_honour_fixed_focus_and_refuse_bad_input():
    s = en.Scenario.load(THREE)
    fixed = {"pact_strength": 0.2}
    r = s.thresholds("nk_nuclear_gain", fixed=fixed)
    dense = s.sweep({"nk_nuclear_gain": (0, 1, 101)}, fixed=fixed, progress=False, correlated_fallback=True)
    assert r["strategies"] == [s.strategies[0][i] for i in dense.strategy[:, 0]]
    bloc = s.thresholds("nk_nuclear_gain", focus="US-Japan-ROK bloc")
    assert bloc["focus"] == "US-Japan-ROK bloc"
    assert all(w["from"] in s.strategies[2] for w in bloc["switches"])
    with pytest.raises(ValueError, match="unknown parameter 'nope'"):
        s.thresholds("nope")
    with pytest.raises(ValueError, match="unknown actor 'Nobody'"):
        s.thresholds("pact_strength", focus="Nobody")
    with pytest.raises(ValueError, match="both set"):
        s.thresholds("pact_strength", fixed={"pact_strength": 0.5})
    with pytest.raises(ValueError, match="grid of at least 2"):
        s.thresholds("pact_strength", grid=1)
    with pytest.raises(ValueError, match="positive finite tolerance"):
        s.thresholds("pact_strength", tol=0)
