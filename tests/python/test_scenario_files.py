"""The example scenario files (examples/scenarios/*.json): they follow the format,
cite their sources, model what docs/examples.md and the notebooks say they model, and —
once the C++ engine is there — compile to exactly the games an independent
pure-Python evaluator (scenario_reference.py) builds."""
import itertools
import json
import math
import pathlib

import numpy as np
import pytest

import scenario_reference as ref

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "examples" / "scenarios"
FILES = ["china_balancing.json", "china_three_bloc.json", "china_us_zero_sum.json"]
# Past the dense limit: no tensor, checked term by term in test_compact.py.
COMPACT_FILES = ["china_wider_world.json"]
CHINA_PARAMETERS = {"pact_strength", "nk_nuclear_gain", "asian_nato_cohesion", "china_econ_weight",
                    "nk_iran_cooperation", "china_nk_closeness", "china_support", "ukraine_stakes"}
# The status quo the seed describes, in each file's actor order.
STATUS_QUO = {
    "china_balancing.json": ["Hedge", "Trilateral deterrence", "Deepen NK pact", "Nuclear buildup",
                             "Align with US", "Align with US", "Cooperate with NK"],
    "china_three_bloc.json": ["Hedge", "Nuclear buildup", "Deter NK"],
}


def load(name):
    return ref.Scenario.load(SCENARIOS / name)


def random_points(scenario, count, seed):
    rng = np.random.default_rng(seed)
    for _ in range(count):
        yield {p.name: float(rng.uniform(p.min, p.max)) for p in scenario.parameters}


# --- the files follow the format ----------------------------------------------------------


def test_every_example_file_is_listed():
    assert sorted(p.name for p in SCENARIOS.glob("*.json")) == sorted(FILES + COMPACT_FILES)


@pytest.mark.parametrize("name", FILES)
def test_file_parses_and_cites_its_sources(name):
    s = load(name)
    assert s.title and s.description
    assert len(set(s.actors)) == len(s.actors)
    for strategies in s.strategies:
        assert strategies and len(set(strategies)) == len(strategies)
    names = [p.name for p in s.parameters]
    assert len(set(names)) == len(names)
    assert {"pact_strength", "nk_nuclear_gain"} <= set(names) <= CHINA_PARAMETERS
    for p in s.parameters:
        assert p.min <= p.default <= p.max and p.min < p.max, p.name
        assert p.description.strip() and p.source.strip(), p.name
    assert s.terms
    for k, t in enumerate(s.terms):
        assert t.description.strip() and t.source.strip(), f"/terms/{k}"
    # Every actor's payoff depends on something, and every parameter is used.
    raw = json.loads((SCENARIOS / name).read_text())
    text = json.dumps(raw["terms"])
    for p in names:
        assert p in text, f"parameter {p} is never used"
    u = s.payoffs()
    for i, a in enumerate(s.actors):
        assert np.ptp(u[i]) > 0, f"{a}'s payoff is constant"


@pytest.mark.parametrize("name", FILES)
def test_every_term_matters_and_values_are_finite(name):
    s = load(name)
    for values in itertools.chain([s.defaults], random_points(s, 20, seed=1)):
        for u in s.payoffs(**values):
            assert np.all(np.isfinite(u))
            assert np.abs(u).max() < 20  # payoffs are on a common, readable scale


def test_seven_actor_file_has_the_seed_actors():
    s = load("china_balancing.json")
    assert s.actors == ["China", "USA", "Russia", "North Korea", "South Korea", "Japan", "Iran"]
    assert all(2 <= n <= 4 for n in s.shape)
    assert math.prod(s.shape) <= 3000
    assert {p.name for p in s.parameters} == CHINA_PARAMETERS
    assert s.strategies[0] == ["Hedge", "Tilt to Russia-NK", "Court Seoul-Tokyo", "Press Pyongyang"]
    kinds = {t.kind for t in s.terms}
    assert kinds == {"base", "pairwise", "conditional"}


def test_three_bloc_file_has_the_three_players():
    s = load("china_three_bloc.json")
    assert s.actors == ["China", "Russia-NK bloc", "US-Japan-ROK bloc"]


def test_zero_sum_file_sums_to_zero_everywhere():
    s = load("china_us_zero_sum.json")
    assert s.actors == ["China", "USA"]
    for values in itertools.chain([s.defaults], random_points(s, 50, seed=2)):
        china, usa = s.payoffs(**values)
        np.testing.assert_allclose(china + usa, 0, atol=1e-12)
        assert np.ptp(china) > 0


# --- what the files model (docs/examples.md and the notebooks rely on these) ----------------------


def status_quo(s, name):
    return tuple(s.strategies[i].index(k) for i, k in enumerate(STATUS_QUO[name]))


@pytest.mark.parametrize("name", sorted(STATUS_QUO))
def test_defaults_have_one_pure_equilibrium_the_status_quo(name):
    s = load(name)
    u = s.payoffs()
    assert ref.pure_equilibria(u) == [status_quo(s, name)]
    # An independent check of the brute force: no actor gains by deviating, and every
    # deviation loses something (China's stance is not on a knife edge).
    sq = status_quo(s, name)
    for i in range(len(s.actors)):
        for t in range(s.shape[i]):
            if t != sq[i]:
                assert u[i][sq[:i] + (t,) + sq[i + 1:]] <= u[i][sq] - 0.15, (s.actors[i], t)


@pytest.mark.parametrize("name", sorted(STATUS_QUO))
def test_status_quo_pays_every_actor_zero_at_any_parameters(name):
    # Terms are written as differences from the status quo, so sums across actors mean something.
    s = load(name)
    sq = status_quo(s, name)
    for values in itertools.chain([s.defaults], random_points(s, 20, seed=4)):
        assert [float(x[sq]) for x in s.payoffs(**values)] == [0.0] * len(s.actors)


@pytest.mark.parametrize("name, actors", [
    ("china_balancing.json", ["China", "USA", "South Korea", "Japan"]),
    ("china_three_bloc.json", ["US-Japan-ROK bloc"]),
])
def test_nobody_threatened_gains_from_the_buildup_or_the_pact(name, actors):
    # Levels mean something: whatever everyone else does, North Korea's neighbours are never
    # better off when it builds up than when it holds back, and (seven actors) the allies are
    # never better off when Russia deepens the pact than when it keeps its distance.
    s = load(name)
    nk = next(i for i, a in enumerate(s.actors) if a in ("North Korea", "Russia-NK bloc"))
    build = s.strategies[nk].index("Nuclear buildup")
    hold = s.strategies[nk].index("Restraint" if "Restraint" in s.strategies[nk] else "Hold back")
    for values in itertools.chain([s.defaults], random_points(s, 50, seed=5)):
        u = s.payoffs(**values)
        for a in actors:
            i = s.actors.index(a)
            assert (np.take(u[i], build, axis=nk) <= np.take(u[i], hold, axis=nk) + 1e-12).all(), (a, values)
            if "Russia" in s.actors and a != "China":
                ru = s.actors.index("Russia")
                assert (np.take(u[i], 0, axis=ru) <= np.take(u[i], 1, axis=ru) + 1e-12).all(), (a, values)


def selected_stance(s, **values):
    """The pure equilibrium of largest total payoff (entente's welfare rule), by strategy names."""
    u = s.payoffs(**values)
    eqs = ref.pure_equilibria(u)
    assert eqs, values
    best = max(eqs, key=lambda e: sum(x[e] for x in u))
    return [s.strategies[i][k] for i, k in enumerate(best)]


@pytest.mark.parametrize("name", sorted(STATUS_QUO))
def test_chinas_stance_is_not_on_a_knife_edge(name):
    s = load(name)
    for p in s.parameters:
        for step in (-0.1, 0.1):
            v = min(p.max, max(p.min, p.default + step))
            assert selected_stance(s, **{p.name: v})[0] == "Hedge", (p.name, v)


@pytest.mark.parametrize("name", sorted(STATUS_QUO))
def test_chinas_stance_depends_on_nuclear_gain_and_pact_strength(name):
    s = load(name)
    # A small buildup: China courts Seoul and Tokyo and Washington engages; a large one backed
    # by the pact: an Asian NATO forms and Beijing takes the stronger stance on Pyongyang; a
    # binding pact: China tilts to Russia-NK and Washington contains it.
    assert selected_stance(s, nk_nuclear_gain=0.2)[0] == "Court Seoul-Tokyo"
    assert selected_stance(s, nk_nuclear_gain=1.0)[0] == "Press Pyongyang"
    assert selected_stance(s, pact_strength=1.0)[0] == "Tilt to Russia-NK"
    us = 1 if name == "china_balancing.json" else 2
    assert selected_stance(s, nk_nuclear_gain=0.2)[us] == "Engage China"
    assert selected_stance(s, nk_nuclear_gain=1.0)[us] == selected_stance(s, pact_strength=1.0)[us]
    assert selected_stance(s, nk_nuclear_gain=1.0)[us] in ("Contain China", "Asian NATO")


def test_zero_sum_status_quo_is_a_saddle_point_worth_zero():
    s = load("china_us_zero_sum.json")
    hedge, trilateral = s.strategies[0].index("Hedge"), s.strategies[1].index("Trilateral deterrence")
    for values in itertools.chain([s.defaults], random_points(s, 20, seed=4)):
        assert s.payoffs(**values)[0][hedge, trilateral] == 0.0
    a = s.payoffs()[0]
    # At the defaults: the least of China's Hedge row and the largest of the US's Trilateral
    # column, both 0, strictly (no other strategy ties).
    assert sorted(a[hedge])[:2] == [0.0, 0.5] and sorted(a[:, trilateral])[-2:] == [-0.25, 0.0]
    value, x = ref.zero_sum_value(a)
    assert value == pytest.approx(0, abs=1e-9)
    np.testing.assert_allclose(x, [1, 0, 0, 0], atol=1e-9)


@pytest.mark.parametrize("values, value, china", [
    # A small nuclear gain: courting Seoul and Tokyo pays even against trilateral deterrence.
    ({"nk_nuclear_gain": 0.2}, 1 / 5, [0, 0, 1, 0]),
    # A weak pact: pressing Pyongyang removes Washington's case; China mixes Court and Press.
    ({"pact_strength": 0.2}, 4 / 19, [0, 0, 22 / 57, 35 / 57]),
    # A cohesive Asian NATO: the US contains with probability 5/32, China hedges or courts.
    ({"asian_nato_cohesion": 0.9}, -5 / 64, [11 / 16, 0, 5 / 16, 0]),
])
def test_zero_sum_value_away_from_the_defaults(values, value, china):
    a = load("china_us_zero_sum.json").payoffs(**values)[0]
    v, x = ref.zero_sum_value(a)
    assert v == pytest.approx(value, abs=1e-9)
    np.testing.assert_allclose(x, china, atol=1e-9)
    # The value from the column player's side (min over y of max over rows) agrees.
    v_col, _ = ref.zero_sum_value(-a.T)
    assert -v_col == pytest.approx(v, abs=1e-9)


# --- the reference evaluator rejects what the format forbids -----------------------------


MINIMAL = {
    "actors": [{"name": "A", "strategies": [{"name": "x"}, {"name": "y"}]},
               {"name": "B", "strategies": [{"name": "u"}]}],
    "parameters": [{"name": "k", "default": 0.5, "min": 0, "max": 1}],
    "terms": [{"kind": "base", "actor": "A", "strategy": "x", "value": "2*k^2 + 1"},
              {"kind": "pairwise", "actor": "B", "strategy": "u", "other": "A",
               "other_strategy": ["x", "y"], "value": 3},
              {"kind": "conditional", "when": {"A": "y", "B": "u"}, "payoffs": {"A": "max(k, 0.7)"}}],
}


def test_reference_evaluates_the_format():
    s = ref.Scenario(MINIMAL)
    a, b = s.payoffs()
    np.testing.assert_allclose(a, [[1.5], [0.7]])  # 2*k^2 + 1 with ^ binding tighter than *
    np.testing.assert_allclose(b, [[3], [3]])
    a, _ = s.payoffs(k=1)
    np.testing.assert_allclose(a, [[3], [1]])
    with pytest.raises(ValueError, match="outside"):
        s.payoffs(k=2)
    with pytest.raises(ValueError, match="unknown parameter"):
        s.payoffs(q=0)


@pytest.mark.parametrize("edit, message", [
    (lambda d: d.update(extra=1), "/extra: unknown key"),
    (lambda d: d["terms"][0].update(actor="C"), "/terms/0/actor: unknown actor"),
    (lambda d: d["terms"][1].update(other_strategy=["x", "z"]), "/terms/1/other_strategy/1: unknown strategy"),
    (lambda d: d["terms"][0].update(value="2*kk"), "/terms/0/value: unknown name 'kk'"),
    (lambda d: d["terms"][0].update(value="k.real"), "/terms/0/value"),
    (lambda d: d["terms"][0].update(value="__import__('os')"), "/terms/0/value: unknown function"),
    (lambda d: d["terms"][2]["payoffs"].update(A="log(k - 1)"), "/terms/2/payoffs/A"),
    (lambda d: d["terms"][2]["payoffs"].update(A="1/(k - 0.5)"), "/terms/2/payoffs/A"),
    (lambda d: d["actors"][0]["strategies"].append({"name": "x"}), "duplicate strategy"),
    (lambda d: d["actors"][1].update(strategies=[]), "/actors/1/strategies"),
    (lambda d: d["parameters"][0].update(default=2), "/parameters/0: expected min <= default <= max"),
    (lambda d: d["parameters"][0].update(name="B"), "also an actor"),
    (lambda d: d["terms"][1].update(other="B"), "/terms/1/other: must differ"),
])
def test_reference_rejects_bad_files(edit, message):
    data = json.loads(json.dumps(MINIMAL))
    edit(data)
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        ref.Scenario(data, "bad.json").payoffs()


# --- entente's engine equals the reference ------------------------------------------------


def entente_scenario():
    """entente, when its scenario engine is built in; the only skip in this file."""
    en = pytest.importorskip("entente")
    if not hasattr(en, "Scenario"):
        pytest.skip("entente.Scenario is not available yet (the scenario engine has not landed)")
    return en


@pytest.mark.parametrize("name", FILES)
def test_entente_compiles_the_same_game(name):
    en = entente_scenario()
    s = load(name)
    scenario = en.Scenario.load(str(SCENARIOS / name))
    assert list(scenario.actors) == s.actors or \
        [getattr(a, "name", a) for a in scenario.actors] == s.actors
    for values in itertools.chain([{}], random_points(s, 5, seed=3)):
        game = scenario.game(**values)
        assert game.players == s.actors
        assert game.strategies == s.strategies
        assert game.shape == s.shape
        for got, want in zip(game.payoffs, s.payoffs(**values)):
            np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("name", FILES)
def test_entente_rejects_what_the_reference_rejects(name):
    en = entente_scenario()
    scenario = en.Scenario.load(str(SCENARIOS / name))
    for bad in ({"pact_strength": 1.5}, {"nk_nuclear_gain": -0.1}, {"no_such_parameter": 0.5}):
        with pytest.raises(ValueError):
            load(name).payoffs(**bad)
        with pytest.raises(ValueError):
            scenario.game(**bad)
