"""The `entente` command line: its contract (DESIGN.md) and exit codes."""
import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLI = os.environ.get("ENTENTE_CLI", str(ROOT / "build" / "entente"))
GAMES = ROOT / "examples" / "games"

RPS = """NFG 1 R "rock paper scissors" { "Row" "Column" }
{ { "R" "P" "S" } { "R" "P" "S" } }
""
0 0 1 -1 -1 1  -1 1 0 0 1 -1  1 -1 -1 1 0 0
"""


def run(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=60)


@pytest.fixture
def rps(tmp_path):
    path = tmp_path / "rps.nfg"
    path.write_text(RPS)
    return path


def test_solve_json_exact_rock_paper_scissors(rps):
    result = run("solve", rps, "--method", "lp", "--exact", "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["players"] == ["Row", "Column"]
    assert out["strategies"] == [["R", "P", "S"], ["R", "P", "S"]]
    assert out["method"] == "lp"
    [eq] = out["equilibria"]
    assert eq["exact"] == [["1/3"] * 3, ["1/3"] * 3]
    assert eq["profile"][0] == pytest.approx([1 / 3] * 3)
    assert eq["payoffs"] == pytest.approx([0.0, 0.0])
    assert eq["regret"] == 0.0


def test_solve_floating_has_no_exact_field(rps):
    out = json.loads(run("solve", rps, "--json").stdout)
    assert out["method"] == "lp"  # auto picks the LP for a zero-sum game
    [eq] = out["equilibria"]
    assert "exact" not in eq
    assert eq["regret"] <= 1e-9


def test_solve_text_report(rps):
    result = run("solve", rps, "--exact")
    assert result.returncode == 0
    assert "regret 0" in result.stdout
    assert "R 1/3" in result.stdout


def test_solve_battle_of_the_sexes_lists_all_three_equilibria(tmp_path):
    # A = [[3, 0], [0, 2]], B = [[2, 0], [0, 3]]; Gambit order: player 1 fastest.
    path = tmp_path / "bos.nfg"
    path.write_text('NFG 1 R "bos" { "a" "b" } { 2 2 }\n3 2 0 0 0 0 2 3\n')
    out = json.loads(run("solve", path, "--exact", "--json").stdout)
    assert out["method"] == "enummixed"
    profiles = sorted(eq["exact"] for eq in out["equilibria"])
    assert profiles == [[["0", "1"], ["0", "1"]], [["1", "0"], ["1", "0"]], [["3/5", "2/5"], ["2/5", "3/5"]]]
    assert all(eq["exact_regret"] == "0" for eq in out["equilibria"])


CHICKEN = 'NFG 1 R "chicken" { "r" "c" } { { "Dare" "Chicken" } { "Dare" "Chicken" } }\n0 0 2 7 7 2 6 6\n'


@pytest.mark.parametrize("method, welfare", [("ce", "21/2"), ("cce", "21/2")])
def test_correlated_methods_print_a_distribution(tmp_path, method, welfare):
    # Chicken's max-welfare CE: 1/2 on (Chicken, Chicken), 1/4 on each mixed cell.
    path = tmp_path / "chicken.nfg"
    path.write_text(CHICKEN)
    out = json.loads(run("solve", path, "--method", method, "--exact", "--json").stdout)
    [eq] = out["equilibria"]
    atoms = {tuple(a["profile"]): a["exact"] for a in eq["distribution"]}
    assert atoms == {(0, 1): "1/4", (1, 0): "1/4", (1, 1): "1/2"}
    assert eq["exact_payoffs"] == ["21/4", "21/4"]
    assert eq["exact_regret"] == "0"


def test_three_player_auto_lists_pure_equilibria(tmp_path):
    # Three-player coordination: everyone gets 1 when all match, else 0.
    path = tmp_path / "coord3.nfg"
    cells = []
    for c in range(2):
        for b in range(2):
            for a in range(2):
                cells += ["1" if a == b == c else "0"] * 3
    path.write_text('NFG 1 R "coord" { "a" "b" "c" } { 2 2 2 }\n' + " ".join(cells) + "\n")
    out = json.loads(run("solve", path, "--json").stdout)
    assert out["method"] == "enumpure"
    profiles = sorted(tuple(tuple(p) for p in eq["profile"]) for eq in out["equilibria"])
    assert profiles == [((0.0, 1.0),) * 3, ((1.0, 0.0),) * 3]


def test_builtin_run_solves_china_us_game():
    result = run()
    assert result.returncode == 0, result.stderr
    assert "China" in result.stdout and "regret 0" in result.stdout
    # Same game as the example file, so the same answer.
    from_file = run("solve", GAMES / "china_us_zero_sum.nfg", "--exact")
    assert from_file.stdout == result.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["solve", "/no/such/file.nfg"], "cannot open"),
        (["solve", "{rps}", "--method", "logit", "--exact"], "floating point only"),
        (["solve", "{rps}", "--method", "bogus"], "unknown method"),
        (["solve", "{bad}"], ":2:"),
        (["solve", "{pd}", "--method", "lp"], "zero-sum"),
        (["solve", "{three}", "--method", "lcp"], "two-player"),
        (["solve"], "game"),
        (["frobnicate"], ""),
        (["scenario", "x.json"], "not available yet"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path, rps, args, message):
    bad = tmp_path / "bad.nfg"
    bad.write_text('NFG 1 R "t" { "a" "b" }\n{ 2 # }\n')
    pd = tmp_path / "pd.nfg"
    pd.write_text('NFG 1 R "pd" { "a" "b" } { 2 2 }\n3 3 5 0 0 5 1 1\n')
    three = tmp_path / "three.nfg"
    three.write_text('NFG 1 R "3" { "a" "b" "c" } { 2 2 2 }\n' + "0 " * 24 + "\n")
    args = [a.format(rps=rps, bad=bad, pd=pd, three=three) for a in args]
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr
