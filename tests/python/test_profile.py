"""Profile functions: expected payoffs, best responses, regret, is_nash and g[s],
checked against numpy brute force (einsum / tensordot) and exact Fractions."""
import itertools
from fractions import Fraction

import numpy as np
import pytest

import entente as en

SHAPES = [(2, 2), (3, 5), (4, 1), (2, 3, 2), (3, 2, 4), (2, 2, 2, 3)]


def random_game(rng, shape, integer=False):
    if integer:
        payoffs = [rng.integers(-9, 10, size=shape) for _ in shape]
    else:
        payoffs = [rng.normal(size=shape) for _ in shape]
    return payoffs, en.Game(payoffs)


def random_profile(rng, shape):
    return [rng.dirichlet(np.ones(n)) for n in shape]


def strategy_values(payoffs, profile, player):
    """v[s] = player's payoff from pure s against the others' mixtures (tensordot)."""
    u = payoffs[player]
    # Contract the last axis first so that the remaining axes keep their numbers.
    for axis in reversed(range(len(profile))):
        if axis != player:
            u = np.tensordot(u, profile[axis], axes=([axis], [0]))
    return u


def expected(payoffs, profile):
    """Each player's expected payoff, by one einsum over all axes."""
    n = len(profile)
    letters = "abcdefgh"[:n]
    spec = letters + "," + ",".join(letters) + "->"
    return np.array([np.einsum(spec, u, *profile) for u in payoffs])


@pytest.mark.parametrize("shape", SHAPES)
def test_float_profile_functions_match_numpy(shape):
    rng = np.random.default_rng(len(shape) * 100 + sum(shape))
    for _ in range(5):
        payoffs, g = random_game(rng, shape)
        profile = random_profile(rng, shape)
        got = en.expected_payoffs(g, profile)
        assert isinstance(got, np.ndarray) and got.dtype == np.float64 and got.shape == (len(shape),)
        np.testing.assert_allclose(got, expected(payoffs, profile), rtol=1e-12, atol=1e-12)

        values = [strategy_values(payoffs, profile, i) for i in range(len(shape))]
        # Two player games: the familiar matrix products.
        if len(shape) == 2:
            np.testing.assert_allclose(values[0], payoffs[0] @ profile[1], atol=1e-12)
            np.testing.assert_allclose(values[1], profile[0] @ payoffs[1], atol=1e-12)
        want_br = [sorted(np.flatnonzero(v >= v.max() - 1e-9).tolist()) for v in values]
        assert en.best_responses(g, profile) == want_br
        want_regret = max(v.max() - x @ v for v, x in zip(values, profile))
        assert en.regret(g, profile) == pytest.approx(max(want_regret, 0.0), abs=1e-12)
        assert isinstance(en.regret(g, profile), float)
        # A random interior profile of normal payoffs is no equilibrium.
        assert not en.is_nash(g, profile)
        assert en.is_nash(g, profile, tol=want_regret + 1e-9)


@pytest.mark.parametrize("shape", [(2, 3), (3, 2, 2)])
def test_exact_profile_functions_match_fractions(shape):
    rng = np.random.default_rng(7)
    payoffs, g = random_game(rng, shape, integer=True)
    for _ in range(3):
        profile = []
        for n in shape:
            weights = rng.integers(1, 9, size=n)
            profile.append([Fraction(int(w), int(weights.sum())) for w in weights])
        cells = list(itertools.product(*(range(n) for n in shape)))

        def prob(cell, skip=None):
            p = Fraction(1)
            for i, s in enumerate(cell):
                if i != skip:
                    p *= profile[i][s]
            return p

        want = [sum(prob(c) * int(u[c]) for c in cells) for u in payoffs]
        got = en.expected_payoffs(g, profile, exact=True)
        assert got == want and all(type(x) is Fraction for x in got)
        values = [[sum(prob(c, i) * int(payoffs[i][c]) for c in cells if c[i] == s) for s in range(shape[i])]
                  for i in range(len(shape))]
        assert en.best_responses(g, profile, exact=True) == [
            [s for s, v in enumerate(vs) if v == max(vs)] for vs in values]
        want_regret = max(max(vs) - w for vs, w in zip(values, want))
        r = en.regret(g, profile, exact=True)
        assert r == want_regret and type(r) is Fraction
        assert en.is_nash(g, profile, exact=True) == (want_regret == 0)
        assert en.is_nash(g, profile, tol=want_regret, exact=True)
        if want_regret > 0:
            assert not en.is_nash(g, profile, tol=want_regret - Fraction(1, 10**9), exact=True)
        # Fractions without exact=True: float arithmetic, float results.
        np.testing.assert_allclose(en.expected_payoffs(g, profile), [float(x) for x in want], rtol=1e-12)


def test_equilibria_from_the_solvers_are_nash():
    rng = np.random.default_rng(3)
    for _ in range(5):
        A, B = rng.integers(-5, 6, size=(2, 3, 4))
        g = en.Game(A, B)
        for eq in en.enumerate_equilibria(g, exact=True):
            assert en.is_nash(g, eq.exact, exact=True)
            assert en.regret(g, eq.exact, exact=True) == 0
            assert en.expected_payoffs(g, eq.exact, exact=True) == eq.exact_payoffs
            assert en.is_nash(g, eq.profile)
            np.testing.assert_allclose(en.expected_payoffs(g, eq.profile), eq.payoffs, atol=1e-9)
            # Every strategy played with positive probability is a best response.
            for i, (x, br) in enumerate(zip(eq.exact, en.best_responses(g, eq.exact, exact=True))):
                assert all(s in br for s, p in enumerate(x) if p > 0), i


def test_prisoners_dilemma_known_values():
    A = np.array([[3, 0], [5, 1]])
    g = en.Game(A, A.T)
    cooperate, defect = [1, 0], [0, 1]
    assert en.best_responses(g, [cooperate, cooperate]) == [[1], [1]]
    assert en.regret(g, [cooperate, cooperate]) == 2.0
    assert en.regret(g, [defect, defect]) == 0.0
    assert en.is_nash(g, [defect, defect]) and not en.is_nash(g, [cooperate, defect])
    np.testing.assert_array_equal(en.expected_payoffs(g, [defect, cooperate]), [5, 0])
    np.testing.assert_array_equal(en.expected_payoffs(g, (np.array([0.0, 1.0]), (1.0, 0.0))), [5, 0])


def test_default_tolerance_is_relative_to_the_payoff_scale():
    # Matching pennies scaled by 1e-12: the certificate tolerance scales too,
    # so a profile 10% off the equilibrium is still not one.
    A = np.array([[1, -1], [-1, 1]]) * 1e-12
    g = en.Game(A)
    off = [[0.6, 0.4], [0.5, 0.5]]
    assert en.regret(g, off) == pytest.approx(0.2e-12)
    assert not en.is_nash(g, off)
    assert en.is_nash(g, [[0.5, 0.5], [0.5, 0.5]])
    assert en.is_nash(g, off, tol=1e-6)
    # In exact mode the default tolerance is 0.
    near = [[Fraction(1, 2) + Fraction(1, 10**30), Fraction(1, 2) - Fraction(1, 10**30)], [Fraction(1, 2)] * 2]
    assert en.is_nash(g, [[Fraction(1, 2)] * 2] * 2, exact=True)
    assert en.is_nash(en.Game(np.array([[1, -1], [-1, 1]])), near)  # within float tolerance
    assert not en.is_nash(en.Game(np.array([[1, -1], [-1, 1]])), near, exact=True)


@pytest.mark.parametrize("shape", [(3,), (2, 3), (2, 3, 4)])
def test_pure_profile_indexing(shape):
    rng = np.random.default_rng(5)
    payoffs, g = random_game(rng, shape)
    for cell in itertools.product(*(range(n) for n in shape)):
        got = g[cell] if len(shape) > 1 else g[cell[0]]
        assert isinstance(got, np.ndarray) and got.dtype == np.float64
        np.testing.assert_array_equal(got, [u[cell] for u in payoffs])
        negative = tuple(s - n for s, n in zip(cell, shape))
        np.testing.assert_array_equal(g[negative], got)
    with pytest.raises(IndexError, match="one strategy index per player"):
        g[(0,) * (len(shape) + 1)]
    with pytest.raises(IndexError, match="out of range for player 0"):
        g[(shape[0],) + (0,) * (len(shape) - 1)]
    with pytest.raises(TypeError, match="integers"):
        g[(0.5,) + (0,) * (len(shape) - 1)]


def test_bad_profiles_are_clear_value_errors():
    g = en.Game(np.zeros((2, 3)), np.zeros((2, 3)))
    good = [[0.5, 0.5], [1 / 3, 1 / 3, 1 / 3]]
    assert en.regret(g, good) == 0.0
    cases = [
        ([[1, 0]], "profile has 1 vectors, the game has 2 players"),
        ([[1, 0], [1, 0]], r"profile\[1\] has 2 probabilities, player 1 has 3 strategies"),
        ([[1.2, -0.2], [1, 0, 0]], r"profile\[0\]\[1\] is negative"),
        ([[0.5, 0.4], [1, 0, 0]], r"profile\[0\] sums to 0.9, not 1"),
        ([[np.nan, 1], [1, 0, 0]], "finite"),
        ([["x", 1], [1, 0, 0]], "not a number|cannot read"),
        ([[[1, 0]], [1, 0, 0]], "1 dimension"),
        ("ab", "one probability vector per player"),
        (3, "one probability vector per player"),
    ]
    for function in (en.expected_payoffs, en.best_responses, en.regret, en.is_nash):
        for profile, message in cases:
            with pytest.raises(ValueError, match=message):
                function(g, profile)
    # Exact mode needs exact sums: three floats 1/3 do not add up to 1.
    with pytest.raises(ValueError, match="exact=True needs exact probabilities"):
        en.regret(g, good, exact=True)
    assert en.regret(g, [[0.5, 0.5], ["1/3", Fraction(1, 3), Fraction(1, 3)]], exact=True) == 0
    with pytest.raises(ValueError, match="tol must be >= 0"):
        en.is_nash(g, good, tol=-1)
