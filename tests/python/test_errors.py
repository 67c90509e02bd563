"""Bad input is a ValueError with a clear message, never a crash."""
import subprocess
import sys

from fractions import Fraction

import numpy as np
import pytest

import entente as en


def test_exception_classes():
    assert issubclass(en.SolverError, RuntimeError)
    assert issubclass(en.ParseError, ValueError)
    assert en.SolverError.__name__ == "SolverError"


@pytest.mark.parametrize(
    "payoffs, message",
    [
        ([], "at least one player"),
        ([np.zeros((2, 2)), np.zeros((2, 3))], "shape"),
        ([np.zeros((2, 2, 2)), np.zeros((2, 2, 2))], "dimension"),
        # (Two rows of numbers, [np.zeros(2), np.zeros(2)], are the matrix of Game(A).)
        ([np.zeros(2), np.zeros((2, 2))], "dimension"),
        ([np.array(1.0), np.array(2.0)], "dimension"),
        ([np.zeros((0, 2)), np.zeros((0, 2))], "empty"),
        ([[[1, 2], [3]], [[1, 2], [3, 4]]], "ragged"),
        ([[[1, [2, 3]]], [[1, 2]]], ""),
        ([np.array([[np.nan, 1.0]]), np.zeros((1, 2))], "finite"),
        ([np.array([[np.inf, 1.0]]), np.zeros((1, 2))], "finite"),
        ([[[1, "abc"]], [[1, 2]]], "not a number"),
        ([[[1, "1/0"]], [[1, 2]]], "denominator"),
        ([np.zeros((1, 1), dtype=complex), np.zeros((1, 1))], "real numbers"),
        ([[[1, None]], [[1, 2]]], "None"),
        ("not a list", "list of arrays"),
        (5, "list of arrays"),
    ],
)
def test_bad_payoffs(payoffs, message):
    with pytest.raises(ValueError, match=message):
        en.Game(payoffs)


def test_too_large_game_is_refused_before_allocating():
    huge = np.broadcast_to(0.0, (100_000, 100_000))  # no memory behind it
    with pytest.raises(ValueError, match="too large"):
        en.Game([huge, huge])
    with pytest.raises(ValueError, match="too large"):
        en.zero_sum(huge)


def test_label_mismatches():
    A = np.zeros((2, 3))
    with pytest.raises(ValueError, match="player names"):
        en.Game([A, A], players=["only one"])
    with pytest.raises(ValueError, match="strategy lists"):
        en.Game([A, A], strategies=[["a", "b"]])
    with pytest.raises(ValueError, match="strategy names"):
        en.Game([A, A], strategies=[["a", "b"], ["c", "d"]])
    with pytest.raises(ValueError, match="strings"):
        en.Game([A, A], players=["a", 2])
    with pytest.raises(ValueError):
        en.Game([A, A], players="ab")


def test_bad_zero_sum_input():
    for bad in ([], [[]], [1, 2, 3], [[[1]]], [[1, np.nan]], [[1, 2], [3]], np.array(4.0)):
        with pytest.raises(ValueError):
            en.zero_sum(bad)
    with pytest.raises(ValueError):
        en.zero_sum([[1, np.inf]], exact=True)


def test_player_index_out_of_range():
    g = en.Game([[[1]], [[2]]])
    with pytest.raises(IndexError):
        g.exact_payoffs(2)
    assert g.exact_payoffs(-2) == [[Fraction(1)]]


def test_malformed_nfg_names_the_line(data_dir):
    with pytest.raises(ValueError, match=r":4\b") as info:
        en.read_nfg(data_dir / "own_malformed_hash.nfg")
    assert isinstance(info.value, en.ParseError)
    assert "own_malformed_hash.nfg" in str(info.value)

    text = 'NFG 1 R "t" { "1" "2" }\n{ 2 2 }\n1 1 0 0\n0 0 1\n'  # one number short
    with pytest.raises(ValueError, match=r"mine\.nfg:\d"):
        en.parse_nfg(text, source="mine.nfg")
    with pytest.raises(ValueError, match=r":3\b"):
        en.parse_nfg('NFG 1 R "t" { "1" "2" }\n{ 2 2 }\n1 1 +0 0 0 0 1 1\n')
    with pytest.raises(en.ParseError):
        en.parse_nfg("")
    with pytest.raises(ValueError):
        en.parse_nfg("not an nfg at all")


def test_missing_file(tmp_path):
    with pytest.raises(ValueError, match="does-not-exist"):
        en.read_nfg(tmp_path / "does-not-exist.nfg")


def test_unwritable_file(tmp_path):
    g = en.Game([[[1]], [[2]]])
    with pytest.raises(ValueError):
        g.write_nfg(tmp_path / "no-such-folder" / "g.nfg")


def test_bad_pickle_state():
    with pytest.raises(ValueError):
        en.Game.__new__(en.Game).__setstate__(("garbage",))


def test_no_crash_in_a_fresh_interpreter():
    # Bad input in a subprocess: it must raise and exit normally, never abort.
    code = (
        "import numpy as np, entente as en\n"
        "for bad in ([], [np.zeros((2,2)), np.zeros(3)], [[[1,2],[3]]], [np.array([[np.nan]])]*1):\n"
        "    try:\n"
        "        en.Game(bad)\n"
        "    except ValueError:\n"
        "        pass\n"
        "try:\n"
        "    en.solve(en.Game([np.eye(2), np.eye(2)]))\n"
        "except ValueError:\n"
        "    pass\n"
        "print('ok')\n"
    )
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
