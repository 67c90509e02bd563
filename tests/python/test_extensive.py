"""Game trees from Python and the command line: en.read_efg, en.ExtensiveGame,
to_normal_form, en.solve(tree) and `entente solve/convert GAME.efg`.
Oracles: Kuhn poker's published value -1/18, the normal-form LP on the
reduced normal form (en.zero_sum), pure equilibria of the reduced normal
form (en.pure_equilibria), scipy's linprog on the reduced normal form."""
import json
import os
import pathlib
import subprocess
from fractions import Fraction

import numpy as np
import pytest

import entente as en

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
CLI = os.environ.get("ENTENTE_CLI", str(ROOT / "build" / "entente"))
KUHN = DATA / "efg_kuhn_poker.efg"


def run(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=120)


def entry_game():
    """Selten's entry game: the incumbent's threat to fight is not credible."""
    g = en.ExtensiveGame(["Entrant", "Incumbent"], title="Entry")
    g.add_move(g.root, 0, ["Out", "In"])
    out, enter = g.children(g.root)
    g.set_outcome(out, [0, 2])
    g.add_move(enter, 1, ["Fight", "Accommodate"])
    fight, accommodate = g.children(enter)
    g.set_outcome(fight, [-1, -1])
    g.set_outcome(accommodate, [1, 1])
    return g


def test_kuhn_poker_value_is_minus_one_eighteenth_exactly():
    g = en.read_efg(KUHN)
    assert g.players == ["Player 1", "Player 2"]
    assert [len(sets) for sets in g.infosets] == [6, 6]
    (eq,) = en.solve(g, exact=True)
    assert eq.exact_payoffs == [Fraction(-1, 18), Fraction(1, 18)]
    assert eq.exact_regret == 0
    # Behaviour: per player, per information set, a distribution over its actions.
    for player, sets in zip(eq.exact, g.infosets):
        assert [len(p) for p in player] == [len(h["actions"]) for h in sets]
        assert all(sum(p) == 1 for p in player)
    floating = en.solve(g)
    assert floating.method == "lp"
    assert floating[0].payoffs[0] == pytest.approx(-1 / 18, abs=1e-9)


def test_sequence_form_value_equals_the_lp_value_of_the_reduced_normal_form():
    g = en.read_efg(KUHN)
    normal = g.to_normal_form()
    assert normal.shape == (27, 64)
    (eq,) = en.solve(normal, method="lp", exact=True)  # the normal-form LP, on the exact game
    assert eq.exact_payoffs[0] == Fraction(-1, 18)
    # An independent oracle: scipy's linprog on the same matrix.
    scipy_optimize = pytest.importorskip("scipy.optimize")
    A = normal.payoffs[0]
    m, n = A.shape
    # max v s.t. x'A >= v, sum x = 1, x >= 0
    c = np.zeros(m + 1)
    c[-1] = -1
    res = scipy_optimize.linprog(c, A_ub=np.hstack([-A.T, np.ones((n, 1))]), b_ub=np.zeros(n),
                                 A_eq=np.hstack([np.ones((1, m)), np.zeros((1, 1))]), b_eq=[1],
                                 bounds=[(0, None)] * m + [(None, None)])
    assert res.status == 0 and -res.fun == pytest.approx(-1 / 18, abs=1e-9)


def test_tree_built_in_code_backward_induction_and_the_normal_form_agree():
    g = entry_game()
    assert g.is_perfect_information() and g.has_perfect_recall()
    result = en.solve(g, method="backward", exact=True)
    assert result.method == "backward" and result.normal_form is False
    (eq,) = result
    assert eq.exact == [[[0, 1]], [[0, 1]]]  # In, Accommodate
    assert eq.exact_payoffs == [1, 1]
    # The subgame-perfect equilibrium is among the pure equilibria of the
    # reduced normal form, which also has the non-credible (Out, Fight).
    normal = g.to_normal_form()
    pure = {tuple(e.profile) for e in en.pure_equilibria(normal)}
    assert pure == {(1, 1), (0, 0)}
    # enumpure through the tree maps both back to behaviour strategies.
    both = en.solve(g, method="enumpure")
    assert both.normal_form and len(both) == 2


def test_round_trip_through_efg_text(tmp_path):
    g = entry_game()
    path = tmp_path / "entry.efg"
    g.write_efg(path)
    again = en.read_efg(path)
    assert again.to_efg() == g.to_efg()
    assert again.payoffs_at(again.children(again.children(again.root)[1])[1], exact=True) == [1, 1]


def test_bad_input_is_a_value_error():
    g = en.ExtensiveGame(["A"])
    with pytest.raises(ValueError, match="sum to 5/6"):
        g.add_chance(g.root, ["x", "y"], ["1/2", "1/3"])
    h = g.add_move(g.root, 0, ["Exit", "Continue"])
    g.add_move(g.children(g.root)[1], 0, h)  # the absent-minded driver
    assert g.perfect_recall_violation() is not None
    with pytest.raises(ValueError, match="perfect recall"):
        en.solve(g)
    with pytest.raises(en.ParseError, match=r"<efg>:2: expected"):
        en.parse_efg('EFG 2 R "" { "A" }\nq')
    with pytest.raises(ValueError, match="does not apply to a game tree"):
        en.solve(entry_game(), method="ce")


def test_cli_solve_json_has_behavior_payoffs_and_regret():
    result = run("solve", KUHN, "--exact", "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["method"] == "lp"
    assert [len(sets) for sets in out["infosets"]] == [6, 6]
    (eq,) = out["equilibria"]
    assert eq["exact_payoffs"] == ["-1/18", "1/18"]
    assert eq["regret"] == 0
    assert [len(player) for player in eq["behavior"]] == [6, 6]
    assert all(abs(sum(p) - 1) < 1e-12 for player in eq["behavior"] for p in player)


def test_cli_convert_to_nfg_gives_the_reduced_normal_form(tmp_path):
    result = run("convert", KUHN, "--to", "nfg")
    assert result.returncode == 0, result.stderr
    g = en.parse_nfg(result.stdout)
    assert g == en.read_efg(KUHN).to_normal_form()


def test_cli_refuses_bad_trees_with_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "bad.efg"
    bad.write_text('EFG 2 R "" { "A" }\np "" 1 1 "" { "a" } 0\nt "" 7\n')
    result = run("solve", bad)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "bad.efg:3: expected the label and payoffs of outcome 7" in result.stderr
    forgetful = DATA / "efg" / "myerson.efg"  # player 1 forgets its own move
    result = run("solve", forgetful)
    assert result.returncode == 2 and "perfect recall" in result.stderr and result.stderr.count("\n") == 1
