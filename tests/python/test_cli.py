"""The `entente` command line: its contract (DESIGN.md) and exit codes."""
import json
import os
import re
import pathlib
import subprocess
from fractions import Fraction

import numpy as np
import pytest

import entente as en

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


SCENARIOS = ROOT / "examples" / "scenarios"
DATA = ROOT / "tests" / "data"


def test_builtin_run_reports_the_china_scenario():
    result = run()
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("China's balancing problem (seven actors)")
    assert "7 actors, strategies 4 x 3 x 2 x 3 x 2 x 2 x 2" in out
    # The status quo the seed describes, every actor at payoff 0, and the rule that selected it.
    assert "China's stance in the selected equilibrium (selection welfare): Hedge, payoff 0, regret 0" in out
    for actor, strategy in [("China", "Hedge"), ("USA", "Trilateral deterrence"), ("Russia", "Deepen NK pact"),
                            ("North Korea", "Nuclear buildup"), ("South Korea", "Align with US"),
                            ("Japan", "Align with US"), ("Iran", "Cooperate with NK")]:
        assert re.search(rf"^  {actor} +{strategy} +payoff 0$", out, re.M), actor
    assert "selected by welfare: the largest total payoff" in out
    # The thresholds of the map's parameters, as `--thresholds` finds them.
    assert "Where China's stance changes along each (others as above; selection welfare; bisection to 1e-06):" in out
    for name in ("nk_nuclear_gain", "pact_strength"):
        data = json.loads(run("scenario", SCENARIOS / "china_balancing.json", "--thresholds", name, "--json").stdout)
        assert data["switches"]
        line = next(x for x in out.splitlines() if x.startswith(f"  {name} over [0, 1]: "))
        assert line == f"  {name} over [0, 1]: " + "; ".join(
            [data["switches"][0]["from"]] + [f"at {w['value']:.6f} -> {w['to']}" for w in data["switches"]])
    assert "How China's stance shifts (rows nk_nuclear_gain, columns pact_strength" in out
    assert "Stable bloc structures (alpha value, no side payments; 877 partitions):" in out
    assert "Who holds the balance" in out
    assert result.stderr == ""  # no progress bar when stderr is not a terminal
    # The alliance section agrees with `entente alliances` on the same file:
    # the first stable structures per notion, the Shapley value, the swing
    # players.
    full = json.loads(run("alliances", SCENARIOS / "china_balancing.json", "--json").stdout)
    names = full["players"]
    section = out[out.index("Stable bloc structures"):].splitlines()
    labels = {tuple(map(tuple, p["blocs"])): "".join("{" + ",".join(names[i] for i in b) + "}" for b in p["blocs"])
              for p in full["partitions"]}
    for notion in ("nash", "individual", "exclusive", "core"):
        line = next(x for x in section if x.startswith(f"  {notion}:"))
        # The report lists them in partition (RGS) order; the JSON stable first.
        stable = sorted((p for p in full["partitions"] if p["stable"][notion]),
                        key=lambda p: [next(k for k, b in enumerate(p["blocs"]) if i in b) for i in range(len(names))])
        if not stable:
            # Nothing stable: the partitions of smallest margin instead.
            most = full["most_stable"][notion]
            assert line.startswith(f"  {notion}: none; most stable (smallest margin")
            for p in most[:4]:
                assert labels[tuple(map(tuple, p["blocs"]))] in line, (notion, line)
            continue
        assert line.count("{" + names[0]) == min(len(stable), 4), (notion, line)
        for p in stable[:4]:
            assert labels[tuple(map(tuple, p["blocs"]))] in line, (notion, line)
        if len(stable) > 4:
            assert line.endswith(f"... and {len(stable) - 4} more")
    shapley = next(x for x in section if x.startswith("Shapley value:"))
    assert shapley == "Shapley value: " + ", ".join(f"{n} {v:.4g}" for n, v in zip(names, full["shapley"]))
    swing_at = section.index(next(x for x in section if x.startswith("Who holds the balance")))
    for line in section[swing_at + 1:swing_at + 5]:
        notion, listed = line.strip().split(":")
        expected = [names[i] for i in full["swing_players"][notion]]
        assert listed.strip() == (", ".join(expected) if expected else "none")
    # The embedded file is the example file: the same report as running it.
    from_file = run("scenario", SCENARIOS / "china_balancing.json")
    assert from_file.stdout == out


def test_alliances_of_a_scenario_file_at_its_defaults(tmp_path):
    import entente as en

    result = run("alliances", SCENARIOS / "china_three_bloc.json", "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["players"] == ["China", "Russia-NK bloc", "US-Japan-ROK bloc"]
    assert len(out["partitions"]) == 5  # the Bell number B(3)
    # The same game through an .nfg file gives the same analysis.
    nfg = tmp_path / "three.nfg"
    en.Scenario.load(SCENARIOS / "china_three_bloc.json").game().write_nfg(str(nfg))
    via_nfg = json.loads(run("alliances", nfg, "--json").stdout)
    assert out["shapley"] == via_nfg["shapley"]
    assert [p["blocs"] for p in out["partitions"]] == [p["blocs"] for p in via_nfg["partitions"]]
    assert [p["stable"] for p in out["partitions"]] == [p["stable"] for p in via_nfg["partitions"]]
    # Any number of threads gives the same analysis; a count that is not a number is bad input.
    one = run("alliances", SCENARIOS / "china_balancing.json", "--threads", "1", "--json")
    two = run("alliances", SCENARIOS / "china_balancing.json", "--threads", "2", "--json")
    assert one.returncode == two.returncode == 0, one.stderr + two.stderr
    assert json.loads(one.stdout)["partitions"] == json.loads(two.stdout)["partitions"]
    bad = run("alliances", SCENARIOS / "china_balancing.json", "--threads", "many")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1


def test_alliances_of_a_scenario_file_with_set_match_the_library():
    import entente as en

    result = run("alliances", DATA / "scenario_tiny.json", "--set", "pact_strength=0.75", "--set",
                 "nk_nuclear_gain=3", "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["players"] == ["China", "USA"]
    scenario = en.Scenario.load(DATA / "scenario_tiny.json")
    ours = en.alliances(scenario.game(pact_strength=0.75, nk_nuclear_gain=3))
    assert out["characteristic_function"] == pytest.approx(ours.characteristic.values)
    assert out["shapley"] == pytest.approx(ours.shapley)
    by_blocs = {tuple(map(tuple, r["blocs"])): r for r in ours.records()}
    assert len(out["partitions"]) == len(by_blocs) == 2
    for p in out["partitions"]:
        r = by_blocs[tuple(map(tuple, p["blocs"]))]
        assert p["payoffs"] == pytest.approx(r["payoffs"])
        assert p["stable"] == {k: r[k] for k in p["stable"]}
    # The values were applied: the defaults give another characteristic function.
    default = json.loads(run("alliances", DATA / "scenario_tiny.json", "--json").stdout)
    assert default["characteristic_function"] == pytest.approx(
        en.alliances(scenario.game()).characteristic.values)
    assert default["characteristic_function"] != pytest.approx(out["characteristic_function"])
    exact = json.loads(run("alliances", DATA / "scenario_tiny.json", "--set", "pact_strength=0.75", "--set",
                           "nk_nuclear_gain=3", "--exact", "--json").stdout)
    # JSON keeps "p/q" strings; Python gives Fractions.
    assert all(isinstance(v, str) for v in exact["exact_characteristic_function"])
    assert [Fraction(v) for v in exact["exact_characteristic_function"]] == en.alliances(
        scenario.game(pact_strength=0.75, nk_nuclear_gain=3), exact=True).characteristic.exact_values()


def test_exact_alliances_of_the_seven_actor_scenario():
    # Its payoffs are decimals whose coalition sums need more than double's
    # 53 bits; GLPK's basis for the rounded alpha LP once failed the exact
    # check ("GLPK's basis did not verify"). Exact must agree with floating.
    exact = run("alliances", SCENARIOS / "china_balancing.json", "--exact", "--json")
    assert exact.returncode == 0, exact.stderr
    floating = run("alliances", SCENARIOS / "china_balancing.json", "--json")
    e, f = json.loads(exact.stdout), json.loads(floating.stdout)
    assert len(e["partitions"]) == 877  # the Bell number B(7)
    assert e["shapley"] == pytest.approx(f["shapley"], abs=1e-9)
    assert [p["stable"] for p in e["partitions"]] == [p["stable"] for p in f["partitions"]]
    assert all(p["exact_regret"] == "0" for p in e["partitions"])  # all pure equilibria here


def test_alliance_stability_map_points_equal_single_runs():
    # Every point of `alliances --sweep` is what a single run at its values gives.
    path = SCENARIOS / "china_balancing.json"
    result = run("alliances", path, "--sweep", "nk_nuclear_gain=0:1:3", "--sweep", "asian_nato_cohesion=0:1:2",
                 "--set", "pact_strength=0.8", "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["status"] == "complete" and len(out["points"]) == 6
    assert [a["parameter"] for a in out["axes"]] == ["nk_nuclear_gain", "asian_nato_cohesion"]
    grid = [(g, c) for g in (0, 0.5, 1) for c in (0, 1)]  # C order: the last axis fastest
    for point, (gain, cohesion) in zip(out["points"], grid):
        values = point.pop("values")
        assert (values["nk_nuclear_gain"], values["asian_nato_cohesion"], values["pact_strength"]) == (gain, cohesion, 0.8)
        single = json.loads(run("alliances", path, *[x for k, v in values.items() for x in ("--set", f"{k}={v!r}")],
                                "--json").stdout)
        assert point == single
    # CSV and text: per notion the count of stable partitions and the first one.
    csv_rows = run("alliances", path, "--sweep", "nk_nuclear_gain=0:1:3", "--sweep", "asian_nato_cohesion=0:1:2",
                   "--set", "pact_strength=0.8", "--csv").stdout.splitlines()
    header = csv_rows[0].split(",")
    assert header[:3] == ["nk_nuclear_gain", "asian_nato_cohesion", "status"] and len(csv_rows) == 7
    import csv as csvlib
    for row, point in zip(csvlib.reader(csv_rows[1:]), out["points"]):
        for notion in ("nash", "individual", "core", "exclusive"):
            stable = [p for p in point["partitions"] if p["stable"][notion]]
            assert int(row[header.index(f"{notion} stable")]) == len(stable)
    text = run("alliances", path, "--sweep", "nk_nuclear_gain=0:1:3").stdout.splitlines()
    assert len(text) == 5 and text[2].startswith("nk_nuclear_gain=0: nash ")


def test_alliance_stability_map_refuses_bad_input():
    path = SCENARIOS / "china_balancing.json"
    for args in (["--sweep", "nope=0:1:2"], ["--sweep", "nk_nuclear_gain=0:9:2"], ["--sweep", "nk_nuclear_gain=0:1"],
                 ["--sweep", "nk_nuclear_gain=0:1:2", "--json", "--csv"], ["--sweep", "nk_nuclear_gain=0:1:2", "--exact"],
                 ["--csv"]):
        result = run("alliances", path, *args)
        assert result.returncode == 2 and result.stderr.count("\n") == 1, (args, result.stderr)
    result = run("alliances", DATA / "gambit_e02.nfg", "--sweep", "p=0:1:2")
    assert result.returncode == 2 and "scenario (.json) files only" in result.stderr


def test_scenario_json_matches_the_library():
    import entente as en

    result = run("scenario", DATA / "scenario_tiny.json", "--set", "pact_strength=0.75", "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["players"] == ["China", "USA"]
    assert out["parameters"] == {"pact_strength": 0.75, "nk_nuclear_gain": 2.0}
    assert out["method"] == "enummixed"
    assert out["selection"] == "welfare" and out["status"] == "complete"
    game = en.Scenario.load(DATA / "scenario_tiny.json").game(pact_strength=0.75)
    eqs = en.solve(game, selection="welfare")
    assert [e["profile"] for e in out["equilibria"]] == [[list(p) for p in e.profile] for e in eqs]
    assert all(e["regret"] == 0 for e in out["equilibria"])
    # The welfare rule: the largest total payoff of every equilibrium found.
    every = en.solve(game)
    assert len(eqs) == 1 and len(every) == every.found > 1
    assert sum(eqs[0].payoffs) == max(sum(e.payoffs) for e in every)
    listed = json.loads(run("scenario", DATA / "scenario_tiny.json", "--set", "pact_strength=0.75", "--json",
                            "--selection", "all").stdout)
    assert [e["profile"] for e in listed["equilibria"]] == [[list(p) for p in e.profile] for e in every]


def test_scenario_exact_json_has_fractions():
    out = json.loads(run("scenario", DATA / "scenario_tiny.json", "--exact", "--json", "--selection", "all").stdout)
    # (Hedge, Contain) and (Court, Engage) are the pure equilibria of the defaults.
    pure = sorted(e["exact"] for e in out["equilibria"] if all("1" in s for s in e["exact"]))
    assert pure == [[["0", "0", "1"], ["1", "0"]], [["1", "0", "0"], ["0", "1"]]]
    assert all(e["exact_regret"] == "0" for e in out["equilibria"])


def test_exact_zero_sum_value_is_a_short_fraction():
    # The defaults: the status quo is a saddle point worth 0 to both.
    out = run("scenario", SCENARIOS / "china_us_zero_sum.json", "--exact")
    assert out.returncode == 0, out.stderr
    assert "China  Hedge                  payoff 0\n" in out.stdout
    # A weak pact: a mixed equilibrium whose value double evaluation of 0.2 and 0.6 would spoil.
    data = json.loads(run("scenario", SCENARIOS / "china_us_zero_sum.json", "--exact", "--json",
                          "--set", "pact_strength=0.2").stdout)
    [eq] = data["equilibria"]
    assert eq["exact_payoffs"] == ["4/19", "-4/19"]
    assert eq["exact"] == [["0", "0", "22/57", "35/57"], ["5/19", "0", "14/19"]]


def test_exact_sweep_points_are_exact(tmp_path):
    # A mixed equilibrium whose probabilities double rounding would spoil: 0.1 + 0.2 is 3/10.
    text = json.dumps({
        "actors": [{"name": "A", "strategies": [{"name": "x"}, {"name": "y"}]},
                   {"name": "B", "strategies": [{"name": "u"}, {"name": "v"}]}],
        "parameters": [{"name": "p", "default": 0.1, "min": 0, "max": 1}],
        "terms": [{"kind": "conditional", "when": {"A": "x", "B": "u"}, "payoffs": {"A": "p + 0.2", "B": -1}},
                  {"kind": "conditional", "when": {"A": "y", "B": "v"}, "payoffs": {"A": 1, "B": -1}},
                  {"kind": "conditional", "when": {"A": "x", "B": "v"}, "payoffs": {"B": 1}},
                  {"kind": "conditional", "when": {"A": "y", "B": "u"}, "payoffs": {"B": 1}}]})
    path = tmp_path / "mix.json"
    path.write_text(text)
    single = json.loads(run("scenario", path, "--exact", "--json", "--method", "enummixed").stdout)
    assert single["equilibria"][0]["exact_payoffs"][0] == str(Fraction(3, 10) / Fraction(13, 10))
    at_half = json.loads(run("scenario", path, "--exact", "--json", "--method", "enummixed", "--set", "p=0.5").stdout)
    assert at_half["equilibria"][0]["exact_payoffs"][0] == str(Fraction(7, 10) / Fraction(17, 10))


def test_exact_mode_without_a_rational_value_exits_2(tmp_path):
    path = tmp_path / "roots.json"
    path.write_text(json.dumps({
        "actors": [{"name": "A", "strategies": [{"name": "x"}, {"name": "y"}]}],
        "parameters": [{"name": "p", "default": 2, "min": 0, "max": 4}],
        "terms": [{"kind": "base", "actor": "A", "strategy": "y", "value": "sqrt(p)"}]}))
    assert run("scenario", path).returncode == 0
    for extra in ([], ["--json"], ["--sweep", "p=0:4:3"]):
        out = run("scenario", path, "--exact", *extra)
        assert out.returncode == 2
        assert out.stdout == ""
        assert out.stderr == (f"entente: {path}: /terms/0/value: \"sqrt(p)\" in exact mode: the function 'sqrt' "
                              f"has no exact (rational) value (at p={'0' if extra[:1] == ['--sweep'] else '2'})\n")


def test_scenario_thresholds_json_equals_the_library():
    path = SCENARIOS / "china_three_bloc.json"
    out = run("scenario", path, "--thresholds", "nk_nuclear_gain", "--set", "pact_strength=0.3", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    lib = en.Scenario.load(path).thresholds("nk_nuclear_gain", fixed={"pact_strength": 0.3})
    assert {k: data[k] for k in ("parameter", "focus", "selection")} == {
        "parameter": "nk_nuclear_gain", "focus": "China", "selection": "welfare"}
    assert data["switches"] == lib["switches"] and len(data["switches"]) > 0
    assert data["parameters"]["pact_strength"] == 0.3 and "nk_nuclear_gain" not in data["parameters"]
    assert data["grid"] == 101 and data["tolerance"] == 1e-6
    text = run("scenario", path, "--thresholds", "nk_nuclear_gain", "--set", "pact_strength=0.3").stdout
    for w in data["switches"]:
        assert f"at {w['value']:.6f}: {w['from']} -> {w['to']}" in text
    bloc = json.loads(run("scenario", path, "--thresholds", "pact_strength", "--focus", "Russia-NK bloc", "--json").stdout)
    assert bloc["focus"] == "Russia-NK bloc"


@pytest.mark.parametrize("args, message", [
    (["--thresholds", "nope"], "unknown parameter 'nope'"),
    (["--thresholds", "pact_strength", "--focus", "Nobody"], "unknown actor 'Nobody'"),
    (["--thresholds", "pact_strength", "--set", "pact_strength=0.5"], "both set"),
    (["--thresholds", "pact_strength", "--sweep", "nk_nuclear_gain=0:1:3"], "exclude each other"),
    (["--thresholds", "pact_strength", "--csv"], "not --csv"),
    (["--thresholds", "pact_strength", "--exact"], "--exact does not apply"),
])
def test_scenario_thresholds_bad_input_exits_2(args, message):
    out = run("scenario", SCENARIOS / "china_three_bloc.json", *args)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.startswith("entente: ") and message in out.stderr and out.stderr.count("\n") == 1


def renamed(path, old, new, tmp_path, focus=True):
    """The scenario file with every `old` in its text replaced by `new` (the actor's name in the
    actors, terms and focus, and in titles and strategy names); without "focus" if not `focus`."""
    data = json.loads(path.read_text().replace(old, new))
    if not focus:
        data.pop("focus")
    out = tmp_path / f"renamed_{focus}.json"
    out.write_text(json.dumps(data))
    return out


def test_renamed_focus_actor_gives_the_same_report(tmp_path):
    path = SCENARIOS / "china_three_bloc.json"
    original = run("scenario", path, "--set", "pact_strength=0.3")
    assert original.returncode == 0, original.stderr
    assert "China's stance in the selected equilibrium" in original.stdout
    for focus in (True, False):  # from the file's "focus", or the first actor by default
        moved = run("scenario", renamed(path, "China", "Sinae", tmp_path, focus), "--set", "pact_strength=0.3")
        assert moved.returncode == 0, moved.stderr
        assert moved.stdout == original.stdout.replace("China", "Sinae"), focus  # same length: same alignment
    # --focus centres the report on another actor, whatever the names.
    bloc = run("scenario", path, "--focus", "US-Japan-ROK bloc").stdout
    assert "US-Japan-ROK bloc's stance in the selected equilibrium" in bloc
    assert "How US-Japan-ROK bloc's stance shifts" in bloc
    assert "A = Engage China, B = Asian NATO, C = Deter NK" in bloc


def grid_cells(text):
    """The report's stance map: {(row value, column value): letter}."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("How ")) + 1
    columns = [float(v) for v in lines[start].split()]
    cells = {}
    for line in lines[start + 1:]:
        fields = line.split()
        if not fields or "=" in line:
            break
        for c, letter in zip(columns, fields[1:]):
            cells[(float(fields[0]), c)] = letter
    return cells


def test_stance_map_uses_the_files_map_and_honours_set(tmp_path):
    path = SCENARIOS / "china_three_bloc.json"
    sets = {"china_econ_weight": 0.9, "asian_nato_cohesion": 0.2}
    text = run("scenario", path, *[a for k, v in sets.items() for a in ("--set", f"{k}={v}")]).stdout
    s = en.Scenario.load(path)
    assert s.map == ["nk_nuclear_gain", "pact_strength"] and s.focus == "China"
    assert "rows nk_nuclear_gain, columns pact_strength" in text
    r = s.sweep({"nk_nuclear_gain": (0, 1, 5), "pact_strength": (0, 1, 5)}, fixed=sets, progress=False,
                correlated_fallback=True)
    cells = grid_cells(text)
    assert len(cells) == 25
    for i, g in enumerate(np.linspace(0, 1, 5)):
        for j, p in enumerate(np.linspace(0, 1, 5)):
            assert cells[(g, p)].rstrip("*") == "ABCD"[r.strategy[i, j, 0]]
    # The headline at a grid point is that cell.
    at = run("scenario", path, "--set", "nk_nuclear_gain=0.5", "--set", "pact_strength=0.5",
             *[a for k, v in sets.items() for a in ("--set", f"{k}={v}")]).stdout
    headline = next(line for line in at.splitlines() if line.startswith("China's stance"))
    assert s.strategies[0]["ABCD".index(cells[(0.5, 0.5)])] in headline
    # Another map from the file: its rows and columns.
    data = json.loads(path.read_text())
    data["map"] = ["china_econ_weight", "asian_nato_cohesion"]
    other = tmp_path / "other_map.json"
    other.write_text(json.dumps(data))
    assert "rows china_econ_weight, columns asian_nato_cohesion" in run("scenario", other).stdout


def test_scenario_sweep_csv_and_json():
    args = ["scenario", SCENARIOS / "china_three_bloc.json", "--sweep", "pact_strength=0:1:3",
            "--sweep", "nk_nuclear_gain=0:1:2", "--set", "china_econ_weight=1"]
    csv = run(*args, "--csv")
    assert csv.returncode == 0, csv.stderr
    lines = csv.stdout.strip().splitlines()
    assert lines[0].startswith("pact_strength,nk_nuclear_gain,equilibria,regret,payoff China,strategy China")
    assert [line.split(",")[:2] for line in lines[1:]] == [["0", "0"], ["0", "1"], ["0.5", "0"], ["0.5", "1"],
                                                           ["1", "0"], ["1", "1"]]
    out = json.loads(run(*args, "--json").stdout)
    assert len(out["points"]) == 6
    assert out["points"][3]["parameters"]["china_econ_weight"] == 1
    assert out["points"][3]["parameters"]["nk_nuclear_gain"] == 1
    text = run(*args)
    assert "sweep of 6 points" in text.stdout and text.stderr == ""


def test_scenario_sweep_with_continuation_matches_the_python_sweep():
    # A three-player file with large regions of mixed equilibria only, where continuation works.
    args = ["scenario", DATA / "mixed_three_bloc.json", "--sweep", "pact_strength=0:1:10",
            "--sweep", "nk_nuclear_gain=0:1:10", "--continuation", "--json"]
    out = run(*args)
    assert out.returncode == 0, out.stderr
    points = json.loads(out.stdout)["points"]
    s = en.Scenario.load(DATA / "mixed_three_bloc.json")
    r = s.sweep({"pact_strength": (0, 1, 10), "nk_nuclear_gain": (0, 1, 10)}, progress=False, continuation=True)
    assert [p["continued"] for p in points] == r["continued"].ravel().tolist()
    assert any(p["continued"] for p in points)
    for p, record in zip(points, r["records"]):
        assert len(p["equilibria"]) == len(record["equilibria"])
        for got, want in zip(p["equilibria"], record["equilibria"]):
            np.testing.assert_allclose(np.concatenate(got["profile"]), np.concatenate(want["profile"]), atol=1e-12)
            assert got["regret"] <= 1e-8


@pytest.mark.parametrize(
    "args, message",
    [
        (["solve", "/no/such/file.nfg"], "cannot open"),
        (["solve", "{rps}", "--method", "logit", "--exact"], "floating point only"),
        (["solve", "{rps}", "--method", "bogus"], "unknown method"),
        (["solve", "{bad}"], ":2:"),
        (["solve", "{pd}", "--method", "lp"], "zero-sum"),
        (["solve", "{three}", "--method", "lcp"], "needs a game of 2 players"),
        (["solve"], "game"),
        (["frobnicate"], ""),
        (["scenario", "/no/such.json"], "cannot open"),
        (["scenario", "{tiny}", "--set", "bogus=1"], "unknown parameter 'bogus'"),
        (["scenario", "{tiny}", "--set", "pact_strength=2"], "outside its range"),
        (["scenario", "{tiny}", "--set", "pact_strength=abc"], "finite number"),
        (["scenario", "{tiny}", "--set", "pact_strength"], "expected name=value"),
        (["scenario", "{tiny}", "--sweep", "pact_strength=0:1"], "expected three fields"),
        (["scenario", "{tiny}", "--sweep", "pact_strength=0:1:0"], "positive integer"),
        (["scenario", "{tiny}", "--sweep", "pact_strength=0:2:3"], "leaves its range"),
        (["scenario", "{tiny}", "--method", "bogus"], "unknown method"),
        (["scenario", "{tiny}", "--json", "--csv"], "exclude each other"),
        (["alliances", "{tiny}", "--set", "bogus=1"], "unknown parameter 'bogus'"),
        (["alliances", "{tiny}", "--set", "pact_strength=2"], "outside its range"),
        (["alliances", "{tiny}", "--set", "pact_strength=abc"], "finite number"),
        (["alliances", "{tiny}", "--set", "pact_strength"], "expected name=value"),
        (["alliances", "{tiny}", "--set", "pact_strength=0.5", "--set", "pact_strength=0.6"], "set twice"),
        (["alliances", "{rps}", "--set", "pact_strength=1"], "--set applies to scenario (.json) files only"),
        (["alliances", "/no/such.json", "--set", "pact_strength=1"], "cannot open"),
        (["scenario", "{notjson}"], ":1: not valid JSON"),
        (["scenario", "{unknown_name}"], "/terms/0/value: unknown name 'q'"),
        (["scenario", "{nan}"], "/terms/0/value: \"0/0\" evaluates to NaN"),
        (["scenario", "{empty}"], "/actors/0/strategies: expected a non-empty array"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path, rps, args, message):
    bad = tmp_path / "bad.nfg"
    bad.write_text('NFG 1 R "t" { "a" "b" }\n{ 2 # }\n')
    pd = tmp_path / "pd.nfg"
    pd.write_text('NFG 1 R "pd" { "a" "b" } { 2 2 }\n3 3 5 0 0 5 1 1\n')
    three = tmp_path / "three.nfg"
    three.write_text('NFG 1 R "3" { "a" "b" "c" } { 2 2 2 }\n' + "0 " * 24 + "\n")
    files = {"tiny": DATA / "scenario_tiny.json"}
    one = '{{"actors": [{{"name": "A", "strategies": [{{"name": "x"}}]}}], "terms": [{{"kind": "base", ' \
          '"actor": "A", "strategy": "x", "value": "{}"}}]}}'
    for name, text in [("notjson", "{ nope"), ("unknown_name", one.format("2*q")), ("nan", one.format("0/0")),
                       ("empty", '{"actors": [{"name": "A", "strategies": []}]}')]:
        files[name] = tmp_path / f"{name}.json"
        files[name].write_text(text)
    args = [a.format(rps=rps, bad=bad, pd=pd, three=three, **files) for a in args]
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr


def test_solve_json_on_latin1_labels(tmp_path):
    # Labels written in Latin-1 by an old Gambit (0xE9 = 'é') come out as
    # valid UTF-8 JSON, not "internal error: invalid UTF-8 byte".
    path = tmp_path / "latin1.nfg"
    path.write_bytes(b'NFG 1 R "Th\xe9or\xe8me" { "Caf\xe9" "B" }\n'
                     b'{ { "\xe9l\xe8ve" "b" } { "c" "d" } }\n"r\xe9sum\xe9"\n'
                     b'1 -1 -1 1 -1 1 1 -1\n')
    result = subprocess.run([CLI, "solve", str(path), "--json", "--exact"], capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.decode("utf-8"))
    assert out["players"] == ["Caf\u00e9", "B"]
    assert out["strategies"] == [["\u00e9l\u00e8ve", "b"], ["c", "d"]]
    [eq] = out["equilibria"]
    assert eq["exact"] == [["1/2", "1/2"], ["1/2", "1/2"]]
    text = subprocess.run([CLI, "solve", str(path)], capture_output=True, timeout=60)
    assert text.returncode == 0 and "Caf\u00e9" in text.stdout.decode("utf-8")


@pytest.mark.parametrize("selection, words", [
    ("welfare", "selected by welfare: the largest total payoff"),
    ("first", "selected by first: the first equilibrium the method found"),
    ("best-for:USA", "selected by best-for:USA: the largest payoff of USA, then the largest total"),
])
def test_report_names_the_selection_rule_of_the_headline(selection, words):
    out = run("scenario", DATA / "scenario_tiny.json", "--selection", selection)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    stance = next(i for i, line in enumerate(lines) if line.startswith("China's stance in the selected equilibrium"))
    # Three equilibria (two pure, one mixed) at the tiny file's defaults: the line says how many the rule chose from.
    assert lines[stance + 2] == f"  {words}, among the 3 equilibria found"
