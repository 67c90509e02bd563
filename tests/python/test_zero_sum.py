"""en.zero_sum and en.solve: known answers and a cross-check against scipy's linprog."""
import numpy as np
import pytest
from fractions import Fraction

import entente as en

scipy_optimize = pytest.importorskip("scipy.optimize")


def test_rock_paper_scissors(rps_matrix):
    value, row, column = en.zero_sum(rps_matrix)
    assert value == pytest.approx(0, abs=1e-12)
    np.testing.assert_allclose(row, [1 / 3] * 3, atol=1e-12)
    np.testing.assert_allclose(column, [1 / 3] * 3, atol=1e-12)
    assert isinstance(row, np.ndarray) and isinstance(value, float)

    value, row, column = en.zero_sum(rps_matrix, exact=True)
    assert value == Fraction(0)
    assert row == [Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)]
    assert column == [Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)]


def test_matching_pennies():
    value, row, column = en.zero_sum([[1, -1], [-1, 1]], exact=True)
    assert (value, row, column) == (Fraction(0), [Fraction(1, 2), Fraction(1, 2)], [Fraction(1, 2), Fraction(1, 2)])
    value, row, column = en.zero_sum(np.array([[1.0, -1.0], [-1.0, 1.0]]))
    assert value == pytest.approx(0, abs=1e-12)
    np.testing.assert_allclose(row, [0.5, 0.5])
    np.testing.assert_allclose(column, [0.5, 0.5])


def test_two_by_three_by_hand():
    # A = [[3, -1, 2], [-2, 1, 0]]. Column 3 is dominated for the column
    # player by a mix of columns 1 and 2? Solve the 2x2 in columns 1, 2:
    # row plays (p, 1-p): 3p - 2(1-p) = -p + (1-p)  =>  5p - 2 = 1 - 2p  =>  p = 3/7,
    # value = 5*3/7 - 2 = 1/7. Column: (q, 1-q): 3q - (1-q) = -2q + (1-q)  =>  q = 2/7.
    # Column 3 gives the row player 2*3/7 = 6/7 > 1/7, so it is not played.
    A = [[3, -1, 2], [-2, 1, 0]]
    value, row, column = en.zero_sum(A, exact=True)
    assert value == Fraction(1, 7)
    assert row == [Fraction(3, 7), Fraction(4, 7)]
    assert column == [Fraction(2, 7), Fraction(5, 7), Fraction(0)]
    value, row, column = en.zero_sum(A)
    assert value == pytest.approx(1 / 7, abs=1e-12)
    np.testing.assert_allclose(row, [3 / 7, 4 / 7], atol=1e-12)
    np.testing.assert_allclose(column, [2 / 7, 5 / 7, 0], atol=1e-12)


def test_exact_input_forms():
    value, row, _ = en.zero_sum([[Fraction(1, 2), "-1/2"], ["-0.5", 0.5]], exact=True)
    assert value == Fraction(0)
    assert row == [Fraction(1, 2), Fraction(1, 2)]
    value, _, _ = en.zero_sum([[0.1]], exact=True)
    assert value == Fraction(1, 10)


def linprog_value(A):
    """The column player's LP: minimise v s.t. A y <= v, sum y = 1, y >= 0."""
    m, n = A.shape
    c = np.zeros(n + 1)
    c[-1] = 1.0
    A_ub = np.hstack([A, -np.ones((m, 1))])
    b_ub = np.zeros(m)
    A_eq = np.hstack([np.ones((1, n)), np.zeros((1, 1))])
    bounds = [(0, None)] * n + [(None, None)]
    res = scipy_optimize.linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=[1.0], bounds=bounds,
                                 method="highs")
    assert res.status == 0
    return res.fun


def random_matrices():
    rng = np.random.default_rng(20240601)
    out = []
    for case in range(50):
        m, n = int(rng.integers(1, 9)), int(rng.integers(1, 10))
        if case % 2:
            A = rng.integers(-10, 11, size=(m, n)).astype(float)
        else:
            A = np.round(rng.normal(scale=3.0, size=(m, n)), 3)
        out.append(A)
    out[0] = np.array([[2.5]])  # 1x1
    out[1] = np.array([[1.0, 2.0, 3.0]])
    out[2] = np.array([[1.0], [-2.0], [0.5]])
    out[3] = np.arange(72, dtype=float).reshape(8, 9) % 7 - 3  # 8x9
    return out


@pytest.mark.parametrize("A", random_matrices(), ids=lambda A: f"{A.shape[0]}x{A.shape[1]}")
def test_cross_check_with_linprog(A):
    expected = linprog_value(A)
    value, row, column = en.zero_sum(A)
    assert value == pytest.approx(expected, abs=1e-7)
    assert row.shape == (A.shape[0],) and column.shape == (A.shape[1],)
    assert np.all(row >= 0) and np.all(column >= 0)
    assert row.sum() == pytest.approx(1, abs=1e-12) and column.sum() == pytest.approx(1, abs=1e-12)
    # Both strategies guarantee the value.
    assert np.all(row @ A >= value - 1e-9)
    assert np.all(A @ column <= value + 1e-9)

    exact_value, exact_row, exact_column = en.zero_sum(A, exact=True)
    assert float(Fraction(exact_value)) == pytest.approx(value, abs=1e-9)
    x = [Fraction(p) for p in exact_row]
    y = [Fraction(p) for p in exact_column]
    assert sum(x) == 1 and sum(y) == 1
    Aq = [[Fraction(str(a)) for a in r] for r in A.tolist()]
    v = Fraction(exact_value)
    assert all(sum(x[i] * Aq[i][j] for i in range(len(x))) >= v for j in range(len(y)))
    assert all(sum(Aq[i][j] * y[j] for j in range(len(y))) <= v for i in range(len(x)))

    g = en.Game([A, -A])
    (eq,) = en.solve(g, method="lp", exact=True)
    assert eq.exact_regret == Fraction(0)
    assert eq.regret == 0.0
    assert Fraction(eq.exact_payoffs[0]) == v


def test_solve_lp_floating(rps_matrix):
    g = en.Game([rps_matrix, -rps_matrix], players=["Row", "Column"])
    eqs = en.solve(g, method="lp")
    assert len(eqs) == 1
    eq = eqs[0]
    assert isinstance(eq, en.Equilibrium)
    assert eq.regret <= 1e-9
    assert eq.exact is None and eq.exact_payoffs is None and eq.exact_regret is None
    assert len(eq.profile) == 2
    for p in eq.profile:
        assert isinstance(p, np.ndarray) and p.dtype == np.float64
        np.testing.assert_allclose(p, [1 / 3] * 3, atol=1e-9)
    assert isinstance(eq.payoffs, np.ndarray)
    np.testing.assert_allclose(eq.payoffs, [0, 0], atol=1e-9)
    assert "Equilibrium(" in repr(eq)
    assert en.solve(g)[0].regret <= 1e-9  # auto picks lp


def test_solve_exact(rps_matrix):
    g = en.Game([rps_matrix, -rps_matrix])
    (eq,) = en.solve(g, method="lp", exact=True)
    assert eq.regret == 0.0
    assert eq.exact_regret == Fraction(0)
    assert eq.exact == [[Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)], [Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)]]
    assert eq.exact_payoffs == [Fraction(0), Fraction(0)]
    np.testing.assert_allclose(eq.profile[0], [1 / 3] * 3)
    assert "1/3" in repr(eq)


def test_solve_constant_sum_game():
    A = np.array([[3, 1], [0, 2]])
    (eq,) = en.solve(en.Game([A, 4 - A]), exact=True)
    assert eq.exact_regret == Fraction(0)
    assert eq.exact == [[Fraction(1, 2), Fraction(1, 2)], [Fraction(1, 4), Fraction(3, 4)]]


def test_solve_auto_on_non_zero_sum_enumerates():
    # Prisoner's dilemma: auto picks enummixed, whose only equilibrium is (D, D).
    A = np.array([[3, 0], [5, 1]])
    g = en.Game([A, A.T])
    (eq,) = en.solve(g, method="auto", exact=True)
    assert eq.exact == [[Fraction(0), Fraction(1)], [Fraction(0), Fraction(1)]]
    assert eq.exact_regret == Fraction(0)
    with pytest.raises(ValueError, match="zero-sum"):
        en.solve(g, method="lp")


def test_solve_planned_and_unknown_methods(rps_matrix):
    g = en.Game([rps_matrix, -rps_matrix])
    with pytest.raises(ValueError, match="floating point only"):
        en.solve(g, method="logit", exact=True)
    with pytest.raises(ValueError, match="unknown method"):
        en.solve(g, method="no-such-method")
    assert not hasattr(en, "planned_methods")
    assert "simpdiv" in en.available_methods() and "logit" in en.available_methods()
    assert "lp" in en.available_methods() and "auto" in en.available_methods()


def test_three_player_auto_lists_pure_equilibria():
    # An all-zero game: every one of the 8 pure profiles is an equilibrium.
    g = en.Game([np.zeros((2, 2, 2))] * 3)
    assert len(en.solve(g)) == 8
    with pytest.raises(ValueError):
        en.solve(g, method="lp")


def test_equilibrium_pickles(rps_matrix):
    import pickle

    (eq,) = en.solve(en.Game([rps_matrix, -rps_matrix]), exact=True)
    back = pickle.loads(pickle.dumps(eq))
    assert back.exact == eq.exact and back.exact_regret == Fraction(0)
    np.testing.assert_array_equal(back.profile[0], eq.profile[0])


def test_solves_run_in_threads():
    # The GIL is released while solving; results must not interfere.
    from concurrent.futures import ThreadPoolExecutor

    rng = np.random.default_rng(11)
    matrices = [rng.integers(-5, 6, size=(6, 7)) for _ in range(16)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        exact = list(pool.map(lambda A: en.zero_sum(A, exact=True)[0], matrices))
        floating = list(pool.map(lambda A: en.solve(en.Game([A, -A]))[0], matrices))
    for A, v, eq in zip(matrices, exact, floating):
        assert v == en.zero_sum(A, exact=True)[0]
        assert eq.payoffs[0] == pytest.approx(float(Fraction(v)), abs=1e-9)
        assert eq.regret <= 1e-9
