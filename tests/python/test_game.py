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
    assert g.exact_payoffs(0)[1][2] == "5/4"


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
                    assert g.exact_payoffs(p)[i][j][k] == str(arrays[p][i, j, k])


def test_stacked_array_is_a_list_of_players():
    stacked = np.arange(8).reshape(2, 2, 2)
    g = en.Game(stacked)
    np.testing.assert_array_equal(g.payoffs[1], stacked[1])


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
    assert g.exact_payoffs(0) == [["1/10", "1/4", "-3/2"]]
    assert g.exact_payoffs(1) == [["1/1000", "2", "100000000000000000000"]]
    assert g.payoffs[0][0, 0] == 0.1


def test_exact_input_fractions_ints_and_strings():
    g = en.Game([[[Fraction(1, 3), "2/7", 5]], [[-1, "0.5", Fraction(-2, 4)]]])
    assert g.exact_payoffs(0) == [["1/3", "2/7", "5"]]
    assert g.exact_payoffs(1) == [["-1", "1/2", "-1/2"]]
    assert g.payoffs[0][0, 0] == 1 / 3  # correctly rounded
    assert g.payoffs[0][0, 1] == 2 / 7
    big = en.Game([[10**40, 1]])
    assert big.exact_payoffs(0) == [str(10**40), "1"]
    assert big.exact_payoffs(-1) == [str(10**40), "1"]


def test_object_arrays_and_numpy_scalars():
    arr = np.array([[Fraction(1, 2), np.int64(3)], [np.float32(0.25), "7"]], dtype=object)
    g = en.Game([arr, np.zeros((2, 2))])
    assert g.exact_payoffs(0) == [["1/2", "3"], ["1/4", "7"]]


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
        assert h.exact_payoffs(0) == [["1/10", "1/3"], ["2", "3"]]
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
    assert runner.failures == 0
    assert attempted > 30


def test_every_public_name_has_a_docstring_with_an_example():
    for name in en.__all__:
        if name == "__version__":
            continue
        doc = getattr(en, name).__doc__ or ""
        assert "Examples" in doc or ">>>" in doc, name
    assert isinstance(en.__version__, str) and en.__version__.count(".") == 2
