"""en.read_nfg / en.parse_nfg / Game.write_nfg on Gambit's .nfg format."""
import pathlib
import pickle

from fractions import Fraction

import numpy as np
import pytest

import entente as en

MATCHING_PENNIES = """NFG 1 R "Matching pennies" { "Even" "Odd" }
{ { "Heads" "Tails" } { "Heads" "Tails" } }
""
1 -1 -1 1 -1 1 1 -1
"""


def test_parse_payoff_form_with_labels():
    g = en.parse_nfg(MATCHING_PENNIES)
    assert g.title == "Matching pennies"
    assert g.players == ["Even", "Odd"]
    assert g.strategies == [["Heads", "Tails"], ["Heads", "Tails"]]
    np.testing.assert_array_equal(g.payoffs[0], [[1, -1], [-1, 1]])
    assert g.is_zero_sum()
    value, row, column = en.zero_sum(g.payoffs[0], exact=True)
    assert value == Fraction(0) and row == [Fraction(1, 2), Fraction(1, 2)]


def test_counts_header(data_dir):
    # Selten's { 3 2 } game: body order is player 1 fastest.
    g = en.read_nfg(data_dir / "gambit_e02.nfg")
    assert g.shape == (3, 2)
    assert g.strategies == [["1", "2", "3"], ["1", "2"]]
    np.testing.assert_array_equal(g.payoffs[0], [[1, 1], [0, 0], [0, 2]])
    np.testing.assert_array_equal(g.payoffs[1], [[1, 1], [2, 3], [2, 0]])


def test_fractions_are_exact(data_dir):
    g = en.read_nfg(data_dir / "gambit_winkels.nfg")
    assert g.shape == (6, 2)
    assert g.exact_payoffs(0)[4][0] == Fraction(5, 2)
    assert g.payoffs[0][4, 0] == 2.5


def test_outcome_form_three_players(data_dir):
    g = en.read_nfg(data_dir / "gambit_2x2x2.nfg")
    assert g.shape == (2, 2, 2)
    assert g.players == ["Player 1", "Player 2", "Player 3"]
    # Outcome 1 is in the first cell (all play strategy 1) ...
    assert [g.payoffs[p][0, 0, 0] for p in range(3)] == [9, 8, 12]
    # ... and outcome 2 in the cell where player 1 (the fastest digit) moves.
    assert [g.payoffs[p][1, 0, 0] for p in range(3)] == [0, 0, 0]
    assert [g.payoffs[p][1, 1, 0] for p in range(3)] == [9, 8, 2]


def test_comment_and_decimals(data_dir):
    g = en.read_nfg(data_dir / "gambit_loopback.nfg")
    assert g.comment.startswith("This game has a backwards bend")
    # 7.32 in the file is the rational 183/25 exactly, not a binary float.
    assert any(Fraction(183, 25) in row for row in g.exact_payoffs(0))
    assert all(type(x) is Fraction for row in g.exact_payoffs(0) for x in row)


@pytest.mark.parametrize("name", sorted(p.name for p in (pathlib.Path(__file__).parents[1] / "data").glob("gambit_*.nfg")))
def test_round_trip_every_gambit_file(data_dir, tmp_path, name):
    g = en.read_nfg(data_dir / name)
    out = tmp_path / name
    g.write_nfg(out)
    assert en.read_nfg(out) == g
    assert en.parse_nfg(g.to_nfg()) == g
    assert pickle.loads(pickle.dumps(g)) == g


def test_null_outcome_file(data_dir):
    g = en.read_nfg(data_dir / "own_null_outcome.nfg")
    assert g.shape == (2, 3, 1)
    assert g.players == ["Row", "Col", "Third"]
    assert g.strategies[2] == ["only"]
    assert [g.payoffs[p][0, 0, 0] for p in range(3)] == [0, 0, 0]


def test_write_accepts_str_path(tmp_path):
    g = en.Game([[[1, 2]], [[3, 4]]], title="w")
    g.write_nfg(str(tmp_path / "w.nfg"))
    assert en.read_nfg(tmp_path / "w.nfg") == g


def test_solve_a_parsed_game():
    (eq,) = en.solve(en.parse_nfg(MATCHING_PENNIES), exact=True)
    assert eq.exact == [[Fraction(1, 2), Fraction(1, 2)], [Fraction(1, 2), Fraction(1, 2)]]
    assert eq.exact_regret == Fraction(0)
