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
    assert g.shapley(exact=True) == ["2/3", "1/6", "1/6"]
    np.testing.assert_allclose(g.shapley(), [2 / 3, 1 / 6, 1 / 6])
    assert g.banzhaf(exact=True) == ["3/4", "1/4", "1/4"]
    assert g.banzhaf(normalized=True, exact=True) == ["3/5", "1/5", "1/5"]
    np.testing.assert_allclose(g.banzhaf(normalized=True), [0.6, 0.2, 0.2])
    assert g.nucleolus(exact=True) == ["1", "0", "0"]
    np.testing.assert_allclose(g.nucleolus(), [1, 0, 0], atol=1e-9)
    assert g.core(exact=True) == ["1", "0", "0"]
    np.testing.assert_allclose(g.core(), [1, 0, 0], atol=1e-9)
    assert g.in_core([1, 0, 0]) and g.in_core(["1", "0", "0"], exact=True)
    assert not g.in_core([0.5, 0.25, 0.25])
    eps, point = g.least_core(exact=True)
    assert Fraction(eps) <= 0 and point == ["1", "0", "0"]
    assert g.is_superadditive() and g.is_monotone() and g.is_simple() and g.is_balanced()
    assert not g.is_convex()


def test_bankruptcy_nucleolus_is_the_talmud_rule():
    g = en.CoalitionalGame(3, bankruptcy(200, [100, 200, 300]))
    assert g.nucleolus(exact=True) == ["50", "75", "75"]
    assert g.prenucleolus(exact=True) == ["50", "75", "75"]
    np.testing.assert_allclose(g.nucleolus(), [50, 75, 75])
    np.testing.assert_allclose(g.prenucleolus(), [50, 75, 75])
    # Bankruptcy games are convex, so the core holds the nucleolus.
    assert g.is_convex() and g.is_balanced()
    assert g.in_core([50, 75, 75], exact=True)
    # Other estates from the Talmud (Aumann & Maschler 1985).
    assert en.CoalitionalGame(3, bankruptcy(100, [100, 200, 300])).nucleolus(exact=True) == ["100/3"] * 3
    assert en.CoalitionalGame(3, bankruptcy(300, [100, 200, 300])).nucleolus(exact=True) == ["50", "100", "150"]


def test_majority_game_has_empty_core():
    g = en.CoalitionalGame(3, MAJORITY)
    assert g.core() is None and g.core(exact=True) is None
    assert not g.is_balanced() and not g.is_balanced(exact=False)
    eps, point = g.least_core(exact=True)
    assert eps == "1/3" and point == ["1/3", "1/3", "1/3"]
    eps, point = g.least_core()
    assert isinstance(eps, float) and eps == pytest.approx(1 / 3)
    np.testing.assert_allclose(point, [1 / 3] * 3)
    assert g.shapley(exact=True) == ["1/3"] * 3
    assert g.prenucleolus(exact=True) == ["1/3"] * 3
    assert not g.in_core([1 / 3] * 3)
    assert g.is_simple() and not g.is_convex()


def test_exact_inputs():
    fractions = [Fraction(0), Fraction(1, 3), "1/3", Fraction(1)]
    g = en.CoalitionalGame(2, fractions)
    assert g.exact_values() == ["0", "1/3", "1/3", "1"]
    assert g.shapley(exact=True) == ["1/2", "1/2"]
    g = en.CoalitionalGame(2, np.array([0, 1, 2, 4]))
    assert g.shapley(exact=True) == ["3/2", "5/2"]
    assert g.banzhaf(exact=True) == ["3/2", "5/2"]


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
    assert ss[:5] == ["421/2145"] * 5
    assert ss[5:] == ["4/2145"] * 10
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
