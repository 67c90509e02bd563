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


# Labels as an old Gambit file wrote them, in Latin-1: 0xE9 is 'é', 0xE8 'è'.
LATIN1_NFG = (b'NFG 1 R "Th\xe9or\xe8me" { "Caf\xe9" "B" }\n'
              b'{ { "\xe9l\xe8ve" "b" } { "c" "d" } }\n"r\xe9sum\xe9"\n1 2 3 4 5 6 7 8\n')


def test_latin1_labels_read_back_as_unicode(tmp_path):
    path = tmp_path / "latin1.nfg"
    path.write_bytes(LATIN1_NFG)
    g = en.read_nfg(path)
    assert g.title == "Th\u00e9or\u00e8me"
    assert g.players == ["Caf\u00e9", "B"]
    assert g.strategies == [["\u00e9l\u00e8ve", "b"], ["c", "d"]]
    assert g.comment == "r\u00e9sum\u00e9"
    np.testing.assert_array_equal(g.payoffs[0], [[1, 5], [3, 7]])
    assert "Caf\u00e9" in repr(g)
    # parse_nfg takes the raw bytes too; valid UTF-8 is kept as it is.
    assert en.parse_nfg(LATIN1_NFG) == g
    assert en.parse_nfg(LATIN1_NFG.decode("latin-1").encode("utf-8")) == g
    assert en.parse_nfg(LATIN1_NFG.decode("latin-1")) == g
    # Written back, the file is UTF-8 and reads back the same.
    out = tmp_path / "utf8.nfg"
    g.write_nfg(out)
    assert "Caf\u00e9" in out.read_bytes().decode("utf-8")
    assert en.read_nfg(out) == g
    assert pickle.loads(pickle.dumps(g)) == g


def test_a_parse_error_on_latin1_bytes_is_readable():
    with pytest.raises(en.ParseError, match="found 'caf\u00e9'"):
        en.parse_nfg(b'NFG 1 R "t" { "A" } { 2 }\n1 caf\xe9\n')


def test_labels_set_from_python_are_checked_text():
    A = np.zeros((1, 2))
    g = en.Game([A, A], players=["Caf\u00e9", "\u4e2d\u56fd"], strategies=[["\u00e9"], ["x", "\U0001f600"]],
                title="\u00e9t\u00e9")
    assert g.players == ["Caf\u00e9", "\u4e2d\u56fd"] and g.title == "\u00e9t\u00e9"
    assert en.parse_nfg(g.to_nfg()) == g
    # A lone surrogate (os.fsdecode leaves one for a byte that is not UTF-8)
    # has no UTF-8 form: a clear ValueError, not a UnicodeEncodeError.
    bad = "caf\udce9"
    with pytest.raises(ValueError, match="player names is not valid Unicode text"):
        en.Game([A, A], players=[bad, "B"])
    with pytest.raises(ValueError, match="strategy names for player 1 is not valid Unicode"):
        en.Game([A, A], strategies=[["a"], ["b", bad]])
    with pytest.raises(ValueError, match="title is not valid Unicode"):
        en.Game([A, A], title=bad)
    with pytest.raises(ValueError, match="title must be a str"):
        en.Game([A, A], title=3)
    with pytest.raises(ValueError, match="not valid Unicode"):
        en.CoalitionalGame(2, [0, 1, 1, 2], players=[bad, "B"])
