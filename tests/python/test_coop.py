"""Cooperative games: entente.CoalitionalGame and entente.WeightedVotingGame."""
import itertools
import math
import random
from fractions import Fraction

import numpy as np
import pytest

import entente as en


def game_from(n, f):
    """The values list of v(mask) = f(set of players) with v(empty) = 0."""
    return [0] + [f({i for i in range(n) if m >> i & 1}) for m in range(1, 2**n)]


GLOVE = game_from(3, lambda s: 1 if 0 in s and s & {1, 2} else 0)
MAJORITY = game_from(3, lambda s: 1 if len(s) >= 2 else 0)


def bankruptcy(estate, claims):
    n = len(claims)
    return game_from(n, lambda s: max(0, estate - sum(c for i, c in enumerate(claims) if i not in s)))


def test_glove_game():
    g = en.CoalitionalGame(3, GLOVE, players=["L", "R1", "R2"])
    assert g.n == 3
    assert g.players == ["L", "R1", "R2"]
    assert isinstance(g.values, np.ndarray) and g.values.dtype == np.float64
    np.testing.assert_array_equal(g.values, GLOVE)
    assert g.shapley(exact=True) == [Fraction(2, 3), Fraction(1, 6), Fraction(1, 6)]
    np.testing.assert_allclose(g.shapley(), [2 / 3, 1 / 6, 1 / 6])
    assert g.banzhaf(exact=True) == [Fraction(3, 4), Fraction(1, 4), Fraction(1, 4)]
    assert g.banzhaf(normalized=True, exact=True) == [Fraction(3, 5), Fraction(1, 5), Fraction(1, 5)]
    np.testing.assert_allclose(g.banzhaf(normalized=True), [0.6, 0.2, 0.2])
    assert g.nucleolus(exact=True) == [Fraction(1), Fraction(0), Fraction(0)]
    np.testing.assert_allclose(g.nucleolus(), [1, 0, 0], atol=1e-9)
    assert g.core(exact=True) == [Fraction(1), Fraction(0), Fraction(0)]
    np.testing.assert_allclose(g.core(), [1, 0, 0], atol=1e-9)
    assert g.in_core([1, 0, 0]) and g.in_core(["1", "0", "0"], exact=True)
    assert not g.in_core([0.5, 0.25, 0.25])
    eps, point = g.least_core(exact=True)
    assert eps == Fraction(0) and point == [Fraction(1), Fraction(0), Fraction(0)]
    assert g.is_superadditive() and g.is_monotone() and g.is_simple() and g.is_balanced()
    assert not g.is_convex()


def test_bankruptcy_nucleolus_is_the_talmud_rule():
    g = en.CoalitionalGame(3, bankruptcy(200, [100, 200, 300]))
    assert g.nucleolus(exact=True) == [Fraction(50), Fraction(75), Fraction(75)]
    assert g.prenucleolus(exact=True) == [Fraction(50), Fraction(75), Fraction(75)]
    np.testing.assert_allclose(g.nucleolus(), [50, 75, 75])
    np.testing.assert_allclose(g.prenucleolus(), [50, 75, 75])
    # Bankruptcy games are convex, so the core holds the nucleolus.
    assert g.is_convex() and g.is_balanced()
    assert g.in_core([50, 75, 75], exact=True)
    # Other estates from the Talmud (Aumann & Maschler 1985).
    assert en.CoalitionalGame(3, bankruptcy(100, [100, 200, 300])).nucleolus(exact=True) == [Fraction(100, 3)] * 3
    assert en.CoalitionalGame(3, bankruptcy(300, [100, 200, 300])).nucleolus(exact=True) == [Fraction(50), Fraction(100), Fraction(150)]


def test_majority_game_has_empty_core():
    g = en.CoalitionalGame(3, MAJORITY)
    assert g.core() is None and g.core(exact=True) is None
    assert not g.is_balanced() and not g.is_balanced(exact=False)
    eps, point = g.least_core(exact=True)
    assert eps == Fraction(1, 3) and point == [Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)]
    eps, point = g.least_core()
    assert isinstance(eps, float) and eps == pytest.approx(1 / 3)
    np.testing.assert_allclose(point, [1 / 3] * 3)
    assert g.shapley(exact=True) == [Fraction(1, 3)] * 3
    assert g.prenucleolus(exact=True) == [Fraction(1, 3)] * 3
    assert not g.in_core([1 / 3] * 3)
    assert g.is_simple() and not g.is_convex()


def test_exact_inputs():
    fractions = [Fraction(0), Fraction(1, 3), "1/3", Fraction(1)]
    g = en.CoalitionalGame(2, fractions)
    assert g.exact_values() == [Fraction(0), Fraction(1, 3), Fraction(1, 3), Fraction(1)]
    assert g.shapley(exact=True) == [Fraction(1, 2), Fraction(1, 2)]
    g = en.CoalitionalGame(2, np.array([0, 1, 2, 4]))
    assert g.shapley(exact=True) == [Fraction(3, 2), Fraction(5, 2)]
    assert g.banzhaf(exact=True) == [Fraction(3, 2), Fraction(5, 2)]


def test_shapley_equals_brute_force_over_orderings():
    rng = random.Random(20240611)
    n = 4
    values = [0] + [rng.randint(-5, 20) for _ in range(2**n - 1)]
    g = en.CoalitionalGame(n, values)
    total = [Fraction(0)] * n
    orders = list(itertools.permutations(range(n)))
    assert len(orders) == 24
    for order in orders:
        mask = 0
        for i in order:
            total[i] += values[mask | 1 << i] - values[mask]
            mask |= 1 << i
    expected = [t / math.factorial(n) for t in total]
    assert [Fraction(s) for s in g.shapley(exact=True)] == expected
    np.testing.assert_allclose(g.shapley(), [float(e) for e in expected])
    assert sum(expected) == values[-1]


def test_un_security_council():
    un = en.WeightedVotingGame(39, [7] * 5 + [1] * 10)
    assert un.n == 15 and un.quota == 39 and un.weights == [7] * 5 + [1] * 10
    ss = un.shapley_shubik(exact=True)
    assert ss[:5] == [Fraction(421, 2145)] * 5
    assert ss[5:] == [Fraction(4, 2145)] * 10
    floats = un.shapley_shubik()
    assert isinstance(floats, np.ndarray) and floats.shape == (15,)
    assert floats.sum() == pytest.approx(1.0)
    assert floats[0] == pytest.approx(421 / 2145)
    bz = un.banzhaf()
    assert bz.sum() == pytest.approx(1.0)
    assert sum(Fraction(b) for b in un.banzhaf(exact=True)) == 1


def test_voting_game_agrees_with_its_coalitional_game():
    v = en.WeightedVotingGame(6, [4, 3, 2, 1], players=["a", "b", "c", "d"])
    g = v.coalitional_game()
    assert g.players == ["a", "b", "c", "d"]
    assert g.is_simple()
    assert g.shapley(exact=True) == v.shapley_shubik(exact=True)
    assert g.banzhaf(exact=True) == v.banzhaf(normalized=False, exact=True)
    assert g.banzhaf(normalized=True, exact=True) == v.banzhaf(exact=True)


@pytest.mark.parametrize(
    "n, values, message",
    [
        (3, [0] * 7, "2\\^3 = 8 values, got 7"),
        (2, [1, 0, 0, 1], "empty set"),
        (31, [0, 0], "at most 30"),
        (0, [0], "at least one"),
        (-1, [0], "at least one"),
        (2**80, [0], "at most 30"),
        (2.5, [0, 0], "integer"),
        (1, [0, float("nan")], "finite"),
        (1, [0, "abc"], "number"),
        (1, [[0, 1]], "values"),
    ],
)
def test_bad_coalitional_games(n, values, message):
    with pytest.raises(ValueError, match=message):
        en.CoalitionalGame(n, values)


def test_other_bad_input():
    with pytest.raises(ValueError, match="player names"):
        en.CoalitionalGame(2, [0, 0, 0, 1], players=["a"])
    g = en.CoalitionalGame(2, [0, 0, 0, 1])
    with pytest.raises(ValueError, match="entries"):
        g.in_core([1])
    with pytest.raises(ValueError, match="two players"):
        en.CoalitionalGame(1, [0, 1]).least_core()
    with pytest.raises(ValueError, match="imputation"):
        en.CoalitionalGame(2, [0, 1, 1, 1]).nucleolus()
    with pytest.raises(ValueError):
        en.WeightedVotingGame(0, [1, 1])
    with pytest.raises(ValueError):
        en.WeightedVotingGame(5, [1, 1])
    with pytest.raises(ValueError, match="integer"):
        en.WeightedVotingGame(2, [1.5, 1])
    with pytest.raises(ValueError, match="non-negative"):
        en.WeightedVotingGame(1, [-1, 2])
    with pytest.raises(ValueError, match="at most 20"):
        en.WeightedVotingGame(1, [1] * 21).coalitional_game()


def test_reprs():
    assert repr(en.CoalitionalGame(1, [0, 1])) == "CoalitionalGame(n=1, players=['0'])"
    assert repr(en.WeightedVotingGame(2, [1, 1])) == "WeightedVotingGame(quota=2, weights=[1, 1])"


# --- construction from a callable or a dict, named players -------------------------


def test_construction_from_callable_and_dict():
    names = ["China", "Russia", "USA"]
    worth = {frozenset(): 0, frozenset({"China"}): 1, frozenset({"Russia"}): 0, frozenset({"USA"}): 2,
             frozenset({"China", "Russia"}): 3, frozenset({"China", "USA"}): 5,
             frozenset({"Russia", "USA"}): 4, frozenset(names): 9}
    by_names = en.CoalitionalGame(values=worth, players=names)
    assert by_names.n == 3 and by_names.players == names
    by_function = en.CoalitionalGame(3, lambda s: worth[s], players=names)
    by_index = en.CoalitionalGame(3, {tuple(names.index(p) for p in k): v for k, v in worth.items() if k})
    table = [worth[frozenset(names[i] for i in range(3) if m >> i & 1)] for m in range(8)]
    for g in (by_names, by_function, by_index):
        np.testing.assert_array_equal(g.values, table)
        assert g.shapley(exact=True) == en.CoalitionalGame(3, table).shapley(exact=True)
    # Indices go to the callable when there are no names.
    seen = []
    en.CoalitionalGame(2, lambda s: seen.append(s) or len(s))
    assert seen == [frozenset({0}), frozenset({1}), frozenset({0, 1})]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(n=2, values={(0,): 1, (1,): 1}), "no value for coalition"),
        (dict(n=2, values={(0,): 1, (1,): 1, (0, 1): 2, (1, 0): 2}), "twice"),
        (dict(n=2, values={(0,): 1, (1,): 1, (0, 2): 2}), "out of range"),
        (dict(values={("a",): 1, ("b",): 1, ("a", "c"): 2}, players=["a", "b"]), "unknown player"),
        (dict(n=2, values={"ab": 1}), "set of players"),
        (dict(n=2, values=lambda s: float("nan")), "finite"),
        (dict(n=21, values=lambda s: 0), "at most 20"),
        (dict(values=[0, 1]), "give n or the list of players"),
    ],
)
def test_bad_dicts_and_callables(kwargs, message):
    with pytest.raises(ValueError, match=message):
        en.CoalitionalGame(**kwargs)


def test_callable_errors_propagate():
    def boom(s):
        raise KeyError("no such coalition")

    with pytest.raises(KeyError):
        en.CoalitionalGame(2, boom)


# --- nucleolus: both methods, Kohlberg, Talmud at larger n ---------------------------


def random_values(rng, n, lo=-10, hi=30):
    return [0] + [rng.randint(lo, hi) for _ in range(2**n - 1)]


def test_nucleolus_methods_agree():
    rng = random.Random(5)
    for n in (3, 4, 5, 6):
        values = random_values(rng, n)
        values[-1] = 30 * n
        g = en.CoalitionalGame(n, values)
        assert g.nucleolus(exact=True) == g.nucleolus(exact=True, method="full")
        assert g.prenucleolus(exact=True) == g.prenucleolus(exact=True, method="full")
        np.testing.assert_allclose(g.nucleolus(), [float(Fraction(x)) for x in g.nucleolus(exact=True)], atol=1e-7)
    with pytest.raises(ValueError, match="method"):
        g.nucleolus(method="simplex")


def test_nucleolus_result_reports_status():
    g = en.CoalitionalGame(5, random_values(random.Random(3), 5))
    r = g.nucleolus_result(prenucleolus=True, lp_limit=1)
    assert r["status"] == "lp_limit" and r["lps"] == 1 and len(r["point"]) == 5
    r = g.nucleolus_result(prenucleolus=True, exact=True)
    assert r["status"] == "optimal" and r["point"] == g.prenucleolus(exact=True)
    assert 1 <= r["rounds"] <= 5 and r["working_set"] < 2**5
    with pytest.raises(ValueError, match="time_limit_seconds must be positive"):
        g.nucleolus_result(time_limit=-1.0)


def is_balanced_collection(n, coalitions):
    """Kohlberg's test by scipy: y_S >= 1 with sum_S y_S 1_S = lambda 1_N is feasible."""
    from scipy.optimize import linprog

    k = len(coalitions)
    a_eq = np.zeros((n, k + 1))
    for j, mask in enumerate(coalitions):
        for i in range(n):
            a_eq[i, j] = mask >> i & 1
    a_eq[:, k] = -1
    res = linprog(np.zeros(k + 1), A_eq=a_eq, b_eq=np.zeros(n),
                  bounds=[(1, None)] * k + [(None, None)], method="highs")
    return res.status == 0


def satisfies_kohlberg(values, n, x):
    """Kohlberg (1971): x efficient and every cumulated excess level is a balanced collection."""
    full = 2**n - 1
    if sum(x) != values[full]:
        return False
    excess = {m: values[m] - sum(x[i] for i in range(n) if m >> i & 1) for m in range(1, full)}
    collection = []
    for level in sorted(set(excess.values()), reverse=True):
        collection += [m for m in excess if excess[m] == level]
        if not is_balanced_collection(n, collection):
            return False
    return True


@pytest.mark.parametrize("n", [3, 4, 5, 6])
def test_prenucleolus_satisfies_kohlberg(n):
    rng = random.Random(100 + n)
    for _ in range(3):
        values = random_values(rng, n)
        g = en.CoalitionalGame(n, values)
        x = [Fraction(s) for s in g.prenucleolus(exact=True)]
        assert satisfies_kohlberg(values, n, x)
        y = list(x)
        y[0] += Fraction(1, 9)
        y[1] -= Fraction(1, 9)
        assert not satisfies_kohlberg(values, n, y)


def constrained_equal_awards(amount, caps):
    award = [Fraction(0)] * len(caps)
    left = len(caps)
    for i in sorted(range(len(caps)), key=lambda i: caps[i]):
        award[i] = min(caps[i], amount / left)
        amount -= award[i]
        left -= 1
    return award


def talmud(estate, claims):
    """Aumann & Maschler (1985): CEA on half-claims, or claims minus CEA losses on half-claims."""
    half = [Fraction(c, 2) for c in claims]
    if estate <= sum(half):
        return constrained_equal_awards(Fraction(estate), half)
    loss = constrained_equal_awards(Fraction(sum(claims) - estate), half)
    return [c - l for c, l in zip(claims, loss)]


def bankruptcy_game(estate, claims, **kwargs):
    total = sum(claims)
    return en.CoalitionalGame(len(claims), lambda s: max(0, estate - total + sum(claims[i] for i in s)), **kwargs)


def test_talmud_examples_by_the_independent_rule():
    for estate, expected in ((100, ["100/3"] * 3), (200, ["50", "75", "75"]), (300, ["50", "100", "150"])):
        assert [str(x) for x in talmud(estate, [100, 200, 300])] == expected


@pytest.mark.parametrize("n, exact", [(12, True), (16, False)])
def test_larger_bankruptcy_nucleolus_is_the_talmud_rule(n, exact):
    rng = random.Random(n)
    claims = [rng.randint(1, 100) for _ in range(n)]
    estate = rng.randint(1, sum(claims))
    g = bankruptcy_game(estate, claims)
    expected = talmud(estate, claims)
    if exact:
        assert [Fraction(x) for x in g.nucleolus(exact=True)] == expected
    else:
        np.testing.assert_allclose(g.nucleolus(), [float(e) for e in expected], atol=1e-6)


# --- Shapley: sampled, convex games, brute force ----------------------------------------


def test_sampled_shapley_intervals_and_error():
    rng = random.Random(10)
    g = en.CoalitionalGame(10, random_values(rng, 10, 0, 100))
    exact = g.shapley()
    covered = 0
    for seed in range(40):
        r = g.sampled_shapley(samples=300, seed=seed)
        assert r["status"] == "complete" and r["samples"] == 300
        covered += int(np.sum(np.abs(r["value"] - exact) <= r["half_width"]))
        assert r["value"].sum() == pytest.approx(g.values[-1])
    assert 0.9 < covered / 400 < 0.99
    coarse = np.mean([np.abs(g.sampled_shapley(samples=100, seed=s)["value"] - exact).mean() for s in range(10)])
    fine = np.mean([np.abs(g.sampled_shapley(samples=1600, seed=s)["value"] - exact).mean() for s in range(10)])
    assert fine < coarse / 2.5
    a, b = g.sampled_shapley(samples=50, seed=7), g.sampled_shapley(samples=50, seed=7)
    np.testing.assert_array_equal(a["value"], b["value"])


def test_sampled_shapley_of_a_function_beyond_tables():
    weights = [(i % 3) + 1 for i in range(40)]
    exact = en.WeightedVotingGame(41, weights).shapley_shubik()
    r = en.sampled_shapley(40, lambda s: 1.0 if sum(weights[i] for i in s) >= 41 else 0.0, samples=1500, seed=4)
    assert np.mean(np.abs(r["value"] - exact) <= r["half_width"]) > 0.8
    named = en.sampled_shapley(3, lambda s: 1.0 if "L" in s and len(s) > 1 else 0.0, samples=3000, seed=1,
                               players=["L", "R1", "R2"])
    assert abs(named["value"][0] - 2 / 3) < 3 * named["half_width"][0] + 1e-12
    with pytest.raises(ValueError, match="confidence"):
        en.sampled_shapley(3, len, confidence=1.5)
    with pytest.raises(ValueError, match="samples"):
        en.sampled_shapley(3, len, samples=1)


def test_convex_game_has_its_shapley_value_in_the_core_and_marginal_vertices():
    # Bankruptcy games are convex (Aumann & Maschler 1985); so are v(S) = |S|^2 + additive terms.
    g = bankruptcy_game(200, [100, 200, 300])
    assert g.is_convex() and g.in_core(g.shapley(exact=True), exact=True)
    n = 4
    values = game_from(n, lambda s: len(s) ** 2 + sum(3 * i - 4 for i in s))
    h = en.CoalitionalGame(n, values)
    assert h.is_convex() and h.is_balanced() and h.in_core(h.shapley())
    marginals = set()
    for order in itertools.permutations(range(n)):
        x, mask = [0] * n, 0
        for i in order:
            x[i] = values[mask | 1 << i] - values[mask]
            mask |= 1 << i
        marginals.add(tuple(Fraction(v) for v in x))
    assert sorted(marginals) == [tuple(v) for v in h.core_vertices(exact=True)]
    np.testing.assert_allclose(h.core_vertices(), [[float(v) for v in t] for t in h.core_vertices(exact=True)])


def test_core_vertices_glove_and_empty():
    g = en.CoalitionalGame(3, GLOVE)
    assert g.core_vertices(exact=True) == [[Fraction(1), Fraction(0), Fraction(0)]]
    assert en.CoalitionalGame(3, MAJORITY).core_vertices(exact=True) == []
    assert en.CoalitionalGame(3, MAJORITY).core_vertices().shape == (0, 3)
    with pytest.raises(ValueError, match="at most 6"):
        en.CoalitionalGame(7, [0] * 128).core_vertices()


def test_epsilon_core():
    g = en.CoalitionalGame(3, MAJORITY)
    assert g.epsilon_core(0.25) is None
    assert g.epsilon_core("1/3", exact=True) == [Fraction(1, 3)] * 3
    assert g.in_core([1 / 3] * 3, epsilon=0.34) and not g.in_core([1 / 3] * 3, epsilon=0.3)
    assert g.in_core(["1/3"] * 3, epsilon="1/3", exact=True)


def test_shapley_brute_force_up_to_eight_players():
    rng = random.Random(8)
    for n in (6, 7, 8):
        values = random_values(rng, n, -20, 50)
        total = [0] * n
        for order in itertools.permutations(range(n)):
            mask = 0
            for i in order:
                total[i] += values[mask | 1 << i] - values[mask]
                mask |= 1 << i
        expected = [Fraction(t, math.factorial(n)) for t in total]
        assert [Fraction(s) for s in en.CoalitionalGame(n, values).shapley(exact=True)] == expected


def test_un_security_council_decimals():
    ss = en.WeightedVotingGame(39, [7] * 5 + [1] * 10).shapley_shubik()
    assert ss[0] == pytest.approx(0.19627, abs=1e-5)
    assert ss[5] == pytest.approx(0.001865, abs=1e-6)
