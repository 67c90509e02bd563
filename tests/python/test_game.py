"""entente.Game: numpy in and out, labels, exact input, pickling, .nfg round trips."""
import copy
import pickle
from fractions import Fraction

import numpy as np
import pytest

import entente as en


def test_two_player_round_trip_c_order():
    A = np.arange(6, dtype=float).reshape(2, 3) / 4
    B = -np.arange(6, dtype=float).reshape(2, 3)
    g = en.Game([A, B], players=["China", "USA"], strategies=[["Hedge", "Pressure"], ["E", "C", "W"]])
    assert g.shape == (2, 3)
    assert g.num_players == 2
    assert g.players == ["China", "USA"]
    assert g.strategies == [["Hedge", "Pressure"], ["E", "C", "W"]]
    assert len(g.payoffs) == 2
    for got, want in zip(g.payoffs, [A, B]):
        assert got.dtype == np.float64
        assert got.shape == (2, 3)
        np.testing.assert_array_equal(got, want)
    assert g.payoffs[0][1, 2] == 5 / 4
    assert g.exact_payoffs(0)[1][2] == Fraction(5, 4)


def test_three_player_round_trip_c_order():
    rng = np.random.default_rng(3)
    arrays = [rng.integers(-9, 10, size=(2, 3, 4)) for _ in range(3)]
    g = en.Game(arrays, title="three")
    assert g.shape == (2, 3, 4)
    assert g.num_players == 3
    assert g.players == ["1", "2", "3"]
    assert g.strategies == [["1", "2"], ["1", "2", "3"], ["1", "2", "3", "4"]]
    assert g.title == "three"
    for p in range(3):
        for i in range(2):
            for j in range(3):
                for k in range(4):
                    assert g.payoffs[p][i, j, k] == arrays[p][i, j, k]
                    assert g.exact_payoffs(p)[i][j][k] == Fraction(int(arrays[p][i, j, k]))


def test_one_stacked_array_needs_a_layout():
    stacked = np.arange(8).reshape(2, 2, 2)
    with pytest.raises(ValueError, match="players_first.*profile_last.*QuantEcon"):
        en.Game(stacked)
    with pytest.raises(ValueError, match="players_first"):
        en.Game(np.zeros((2, 3, 4, 3)))
    first = en.Game(stacked, layout="players_first")
    for i in range(2):
        np.testing.assert_array_equal(first.payoffs[i], stacked[i])
    last = en.Game(stacked, layout="profile_last")
    for i in range(2):
        np.testing.assert_array_equal(last.payoffs[i], stacked[..., i])
    # A plain list of arrays is players-first without a layout.
    assert en.Game(list(stacked)) == first
    assert en.Game([stacked[0], stacked[1]]) == first


def test_layouts_on_three_players_and_unequal_counts():
    rng = np.random.default_rng(11)
    payoffs = [rng.integers(-9, 10, size=(2, 3, 4)) for _ in range(3)]
    players_first = np.stack(payoffs)                # shape (3, 2, 3, 4)
    profile_last = np.stack(payoffs, axis=-1)        # shape (2, 3, 4, 3)
    want = en.Game(payoffs)
    assert en.Game(players_first, layout="players_first") == want
    assert en.Game(profile_last, layout="profile_last") == want
    # Nested lists with a layout are read as the one array they spell.
    assert en.Game(profile_last.tolist(), layout="profile_last") == want
    # The players' axis must hold N = ndim - 1 entries.
    with pytest.raises(ValueError, match="needs 3 on its last axis"):
        en.Game(players_first, layout="profile_last")
    with pytest.raises(ValueError, match="needs 3 on its first axis"):
        en.Game(profile_last, layout="players_first")
    with pytest.raises(ValueError, match='"players_first" or "profile_last"'):
        en.Game(players_first, layout="player_first")


def test_quantecon_prisoners_dilemma_as_a_payoff_profile_array():
    # QuantEcon's NormalFormGame reads [[(u0, u1), ...], ...]: the payoff
    # profile of each cell last. Cooperate = 0, defect = 1.
    pd_profiles = np.array([[(1, 1), (-2, 3)],
                            [(3, -2), (0, 0)]])
    A = np.array([[1, -2], [3, 0]])
    B = np.array([[1, 3], [-2, 0]])
    g = en.Game(pd_profiles, layout="profile_last")
    assert g == en.Game(A, B) == en.Game([A, B])
    np.testing.assert_array_equal(g[1, 0], [3, -2])
    for exact in (False, True):
        got = [e.profile for e in en.enumerate_equilibria(g, exact=exact)]
        want = [e.profile for e in en.enumerate_equilibria(en.Game(A, B), exact=exact)]
        assert len(got) == len(want) == 1
        for x, y in zip(got[0], want[0]):
            np.testing.assert_array_equal(x, y)
        np.testing.assert_array_equal(got[0][0], [0, 1])  # both defect
        np.testing.assert_array_equal(got[0][1], [0, 1])
    assert [e.profile for e in en.pure_equilibria(g)] == [(1, 1)]


def test_bimatrix_form_like_nashpy():
    A = np.array([[3, 0, 2], [5, 1, -1]])
    B = np.array([[3, 5, 0], [0, 1, 4]])
    g = en.Game(A, B, players=["Row", "Column"], title="bimatrix")
    assert g == en.Game([A, B], players=["Row", "Column"], title="bimatrix")
    np.testing.assert_array_equal(g.payoffs[0], A)
    np.testing.assert_array_equal(g.payoffs[1], B)
    assert en.Game(A, B=B) == en.Game([A, B])
    with pytest.raises(ValueError, match=r"A has shape \(2, 3\) but B has shape \(3, 2\)"):
        en.Game(A, B.T)
    with pytest.raises(ValueError, match="B must have 2 dimensions"):
        en.Game(A, B[0])
    with pytest.raises(ValueError, match="layout"):
        en.Game(A, B, layout="players_first")
    with pytest.raises(ValueError, match="A must have 2 dimensions"):
        en.Game([A, B], ["Row", "Column"])  # labels are keyword-only


def test_one_matrix_is_the_zero_sum_game_like_nashpy(rps_matrix):
    g = en.Game(rps_matrix)
    assert g.is_zero_sum() and g.shape == (3, 3)
    assert g == en.Game([rps_matrix, -rps_matrix])
    # Nested lists of numbers work the same, exactly.
    h = en.Game([[Fraction(1, 3), -1], ["2/7", 0.5]])
    assert h.exact_payoffs(1) == [[Fraction(-1, 3), Fraction(1)], [Fraction(-2, 7), Fraction(-1, 2)]]
    (value, row, column) = en.zero_sum(rps_matrix, exact=True)
    (eq,) = en.solve(g, exact=True)
    assert eq.exact == [row, column] and eq.exact_payoffs == [value, -value]
    # One row in a list is a one-player game (a list of per-player arrays).
    assert en.Game([[1, 2]]).num_players == 1
    assert en.Game(np.array([[1, 2]])).shape == (1, 2)
    with pytest.raises(ValueError, match="matrix A"):
        en.Game(np.array([1, 2]))


def test_payoffs_are_read_only_views_that_keep_the_game_alive():
    g = en.Game([[[1.5, 2.0]], [[3.0, 4.0]]])
    a = g.payoffs[0]
    assert not a.flags.writeable
    with pytest.raises(ValueError):
        a[0, 0] = 7
    # The view shares the game's storage: no copy.
    assert np.shares_memory(a, g.payoffs[0])
    del g
    assert a[0, 1] == 2.0


def test_decimal_floats_become_exact_decimals():
    g = en.Game([[[0.1, 0.25, -1.5]], [[1e-3, 2.0, 1e20]]])
    assert g.exact_payoffs(0) == [[Fraction(1, 10), Fraction(1, 4), Fraction(-3, 2)]]
    assert g.exact_payoffs(1) == [[Fraction(1, 1000), Fraction(2), Fraction(100000000000000000000)]]
    assert g.payoffs[0][0, 0] == 0.1


def test_exact_input_fractions_ints_and_strings():
    g = en.Game([[[Fraction(1, 3), "2/7", 5]], [[-1, "0.5", Fraction(-2, 4)]]])
    assert g.exact_payoffs(0) == [[Fraction(1, 3), Fraction(2, 7), Fraction(5)]]
    assert g.exact_payoffs(1) == [[Fraction(-1), Fraction(1, 2), Fraction(-1, 2)]]
    assert g.payoffs[0][0, 0] == 1 / 3  # correctly rounded
    assert g.payoffs[0][0, 1] == 2 / 7
    big = en.Game([[10**40, 1]])
    assert big.exact_payoffs(0) == [Fraction(10**40), Fraction(1)]
    assert big.exact_payoffs(-1) == [Fraction(10**40), Fraction(1)]


def test_object_arrays_and_numpy_scalars():
    arr = np.array([[Fraction(1, 2), np.int64(3)], [np.float32(0.25), "7"]], dtype=object)
    g = en.Game([arr, np.zeros((2, 2))])
    assert g.exact_payoffs(0) == [[Fraction(1, 2), Fraction(3)], [Fraction(1, 4), Fraction(7)]]


def test_default_labels_and_repr():
    g = en.Game([np.zeros((2, 2)), np.zeros((2, 2))], title="zeros")
    assert g.players == ["1", "2"]
    assert g.strategies == [["1", "2"], ["1", "2"]]
    assert "zeros" in repr(g) and "(2, 2)" in repr(g)


def test_zero_sum_detection(rps_matrix):
    assert en.Game([rps_matrix, -rps_matrix]).is_zero_sum()
    assert not en.Game([rps_matrix, rps_matrix]).is_zero_sum()
    assert en.Game([rps_matrix, 5 - rps_matrix]).is_constant_sum()


def test_equality():
    A = np.array([[1, 2], [3, 4]])
    g = en.Game([A, -A], players=["a", "b"])
    assert g == en.Game([A, -A], players=["a", "b"])
    assert g == en.Game([A.astype(float), [["-1", "-2"], ["-3", "-4"]]], players=["a", "b"])
    assert g != en.Game([A, -A], players=["a", "c"])
    assert g != en.Game([A, A], players=["a", "b"])
    assert g != en.Game([A, -A], players=["a", "b"], title="other")
    assert g != "not a game"
    assert (g == 3) is False


def test_pickle_and_copy():
    g = en.Game([[[0.1, "1/3"], [2, 3]], [[4, 5], [6, 7]]], players=["P", "Q"],
                strategies=[["u", "d"], ["l", "r"]], title='quoted "title"')
    for h in (pickle.loads(pickle.dumps(g)), copy.deepcopy(g), copy.copy(g)):
        assert h == g
        assert h.title == 'quoted "title"'
        assert h.exact_payoffs(0) == [[Fraction(1, 10), Fraction(1, 3)], [Fraction(2), Fraction(3)]]
        np.testing.assert_array_equal(h.payoffs[1], g.payoffs[1])


def test_nfg_round_trip(tmp_path):
    rng = np.random.default_rng(7)
    arrays = [rng.integers(-5, 6, size=(2, 3, 2)) / 2 for _ in range(3)]
    g = en.Game(arrays, players=["China", "Russia", "USA"],
                strategies=[["a", "b"], ["c", "d", "e"], ["f", "g"]], title="alliance")
    path = tmp_path / "g.nfg"
    g.write_nfg(path)
    h = en.read_nfg(path)
    assert h == g
    assert h.players == g.players and h.strategies == g.strategies and h.title == "alliance"
    for p in range(3):
        np.testing.assert_array_equal(h.payoffs[p], arrays[p])
    assert en.read_nfg(str(path)) == g
    assert en.parse_nfg(g.to_nfg()) == g


def test_nfg_uses_gambit_order():
    # Player 1's strategy varies fastest in the file.
    g = en.parse_nfg('NFG 1 R "t" { "1" "2" } { 2 3 }\n'
                     "1 -1  2 -2  3 -3  4 -4  5 -5  6 -6\n")
    np.testing.assert_array_equal(g.payoffs[0], [[1, 3, 5], [2, 4, 6]])
    np.testing.assert_array_equal(g.payoffs[1], -g.payoffs[0])
    assert g.shape == (2, 3)


def test_reads_the_test_data(data_dir):
    g = en.read_nfg(data_dir / "gambit_2x2x2.nfg")
    assert g.num_players == 3
    assert g.shape == (2, 2, 2)
    assert pickle.loads(pickle.dumps(g)) == g


def test_one_player_game():
    g = en.Game([[1, 5, 2]])
    assert g.shape == (3,)
    assert g.num_players == 1


def test_docstring_examples_run(tmp_path, monkeypatch):
    import doctest

    monkeypatch.chdir(tmp_path)
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    objects = [en] + [getattr(en, name) for name in en.__all__ if name != "__version__"]
    attempted = 0
    for obj in objects:
        for test in finder.find(obj, getattr(obj, "__name__", "entente"), globs={"en": en, "np": np}):
            result = runner.run(test)
            attempted += result.attempted
    # DocTestFinder skips the methods and properties of pybind11 classes
    # (they are not Python functions): run their examples too.
    parser = doctest.DocTestParser()
    for name in en.__all__:
        cls = getattr(en, name)
        if not isinstance(cls, type):
            continue
        for attr, member in vars(cls).items():
            doc = member.fget.__doc__ if isinstance(member, property) else getattr(member, "__doc__", None)
            if attr.startswith("__") and attr not in ("__init__", "__getitem__") or not doc or ">>>" not in doc:
                continue
            test = parser.get_doctest(doc, {"en": en, "np": np}, f"{name}.{attr}", None, 0)
            attempted += runner.run(test).attempted
    assert runner.failures == 0
    assert attempted > 80


def test_every_public_name_has_a_docstring_with_an_example():
    for name in en.__all__:
        if name == "__version__":
            continue
        doc = getattr(en, name).__doc__ or ""
        assert "Examples" in doc or ">>>" in doc, name
    assert isinstance(en.__version__, str) and en.__version__.count(".") == 2
