"""The alliance layer from Python: characteristic functions checked against
scipy's linprog, stability flags against a brute-force re-implementation,
and the CLI's `entente alliances --json` contract."""
import itertools
import json
import os
import pathlib
import subprocess
from fractions import Fraction

import numpy as np
import pytest
from scipy.optimize import linprog

import entente as en

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLI = os.environ.get("ENTENTE_CLI", str(ROOT / "build" / "entente"))


def random_game(shape, seed, lo=-9, hi=9):
    rng = np.random.default_rng(seed)
    return en.Game([rng.integers(lo, hi + 1, size=shape) for _ in shape])


def public_goods():
    """Contributing (strategy 0) costs 3 and gives 2 to every player."""
    c = np.array([[[3, 1], [1, -1]], [[4, 2], [2, 0]]])
    return en.Game([c, c.transpose(1, 0, 2), c.transpose(2, 1, 0)], players=["A", "B", "C"])


def coalition_matrix(payoffs, members):
    """S's summed payoff, rows = S's joint strategies, columns = the others'."""
    n = len(payoffs)
    others = [i for i in range(n) if i not in members]
    total = sum(payoffs[i] for i in members)
    m = np.transpose(total, list(members) + others)
    rows = int(np.prod([payoffs[0].shape[i] for i in members]))
    return m.reshape(rows, -1)


def alpha_by_linprog(m):
    """max v s.t. x'M >= v for every column, x a probability vector."""
    rows, cols = m.shape
    c = np.zeros(rows + 1)
    c[-1] = -1.0
    a_ub = np.hstack([-m.T, np.ones((cols, 1))])
    a_eq = np.hstack([np.ones((1, rows)), np.zeros((1, 1))])
    res = linprog(c, A_ub=a_ub, b_ub=np.zeros(cols), A_eq=a_eq, b_eq=[1.0],
                  bounds=[(0, None)] * rows + [(None, None)], method="highs")
    assert res.status == 0
    return -res.fun


def members_of(mask, n):
    return [i for i in range(n) if mask >> i & 1]


@pytest.mark.parametrize("shape,seed", [((2, 3, 2), 1), ((3, 2, 2), 2), ((2, 2, 2, 2), 3), ((2, 3, 2, 2), 4)])
def test_alpha_matches_linprog_and_bounds(shape, seed):
    g = random_game(shape, seed)
    n = len(shape)
    alpha = en.characteristic_function(g, kind="alpha").values
    beta = en.characteristic_function(g, kind="beta").values
    exact = en.characteristic_function(g, kind="alpha", exact=True).exact_values()
    total = sum(g.payoffs)
    assert alpha[0] == 0
    assert alpha[-1] == pytest.approx(total.max())
    assert beta[-1] == pytest.approx(total.max())
    for mask in range(1, 2**n - 1):
        m = coalition_matrix(g.payoffs, members_of(mask, n))
        assert alpha[mask] == pytest.approx(alpha_by_linprog(m), abs=1e-7)
        assert float(Fraction(exact[mask])) == pytest.approx(alpha[mask], abs=1e-9)
        assert beta[mask] == pytest.approx(m.max(axis=0).min())
        assert alpha[mask] <= beta[mask] + 1e-9


def test_gamma_singletons_sit_between_maximin_and_the_best():
    g = random_game((2, 2, 3), 9)
    gamma = en.characteristic_function(g, kind="gamma", exact=True)
    assert isinstance(gamma, en.CoalitionalGame)
    assert gamma.n == 3
    total = sum(g.payoffs)
    assert gamma.values[-1] == pytest.approx(total.max())


def bell(n):
    row = [1]
    for _ in range(n):
        nxt = [row[-1]]
        for x in row:
            nxt.append(nxt[-1] + x)
        row = nxt
    return row[0]


def all_partitions(n):
    """Brute force: every labelling, canonicalised."""
    seen = set()
    for labels in itertools.product(range(n), repeat=n):
        blocs = {}
        for i, b in enumerate(labels):
            blocs.setdefault(b, []).append(i)
        seen.add(frozenset(frozenset(b) for b in blocs.values()))
    return seen


def key(blocs):
    return frozenset(frozenset(b) for b in blocs)


def brute_flags(records, n):
    """Re-implements the four notions from the records' payoffs."""
    payoffs = {key(r["blocs"]): r["payoffs"] for r in records}
    bloc_payoffs = {key(r["blocs"]): dict(zip(map(frozenset, r["blocs"]), r["bloc_payoffs"])) for r in records}
    tol = 1e-7
    out = {}
    for r in records:
        p = [set(b) for b in r["blocs"]]
        now = r["payoffs"]
        flags = {"nash": True, "individual": True, "exclusive": True, "core": True}
        for i in range(n):
            own = next(b for b in p if i in b)
            targets = [b for b in p if b is not own] + ([set()] if len(own) > 1 else [])
            for t in targets:
                after = [b - {i} for b in p if b is not t] + [t | {i}]
                after = key([b for b in after if b])
                then = payoffs[after]
                if then[i] <= now[i] + tol:
                    continue
                flags["nash"] = False
                if all(then[j] >= now[j] - tol for j in t):
                    flags["individual"] = False
                if all(then[j] > now[j] + tol for j in t):
                    flags["exclusive"] = False
        for mask in range(1, 2**n):
            s = frozenset(members_of(mask, n))
            after = key([b - s for b in p if b - s] + [s])
            if bloc_payoffs[after][s] > sum(now[i] for i in s) + tol:
                flags["core"] = False
        out[key(r["blocs"])] = flags
    return out


def bloc_game_payoffs(g, blocs, profile):
    """Each bloc's expected summed payoff and the regret, rebuilt in numpy."""
    order = [i for b in blocs for i in b]
    shape = [int(np.prod([g.shape[i] for i in b])) for b in blocs]
    tensors = [np.transpose(sum(g.payoffs[i] for i in b), order).reshape(shape) for b in blocs]
    values, regret = [], 0.0
    for k, t in enumerate(tensors):
        x = t.astype(float)
        for j in reversed(range(len(blocs))):
            if j != k:
                # Axes above j are gone already, so j is still axis j.
                x = np.tensordot(x, np.asarray(profile[j]), axes=([j], [0]))
        # x: the value of each of bloc k's strategies
        value = float(np.dot(profile[k], x))
        values.append(value)
        regret = max(regret, float(x.max()) - value)
    return values, regret


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("split", ["equal", "shapley", "proportional"])
def test_records_against_brute_force(seed, split):
    g = random_game((2, 2, 2, 2), seed, lo=0, hi=9)
    r = en.alliances(g, value="alpha", split=split)
    records = r.records()
    assert r.status == "complete"
    assert len(records) == bell(4) == r.total_partitions
    assert {key(x["blocs"]) for x in records} == all_partitions(4)
    brute = brute_flags(records, 4)
    for x in records:
        for notion in ("nash", "individual", "core", "exclusive"):
            assert x["stable"][notion] == brute[key(x["blocs"])][notion] == x[notion], (x["partition"], notion)
        assert sum(x["payoffs"]) == pytest.approx(sum(x["bloc_payoffs"]))
        values, regret = bloc_game_payoffs(g, x["blocs"], x["profile"])
        assert values == pytest.approx(x["bloc_payoffs"])
        assert regret == pytest.approx(x["regret"], abs=1e-9)
        # Every bloc outcome is certified: exact methods to round-off; the
        # smallest-support search (three or more blocs, no pure equilibrium)
        # and its fallbacks logit and simpdiv to their tolerance 1e-8.
        assert x["method"] in ("enumpure", "lp", "lcp", "minsupport", "logit", "simpdiv")
        assert x["regret"] <= (1e-8 if x["method"] in ("minsupport", "logit", "simpdiv") else 1e-9)
    # Nash => individual => exclusive.
    for x in records:
        assert not x["nash"] or x["individual"]
        assert not x["individual"] or x["exclusive"]
    v = r.characteristic
    assert np.allclose(r.shapley, v.shapley())
    assert np.allclose(r.banzhaf, v.banzhaf())


def test_public_goods_known_structure():
    r = en.alliances(public_goods(), exact=True, split="equal")
    rows = {x["partition"]: x for x in r.records()}
    assert rows["{A,B}{C}"]["exact_payoffs"] == [Fraction(1), Fraction(1), Fraction(4)]
    assert rows["{A,B,C}"]["payoffs"] == [3.0, 3.0, 3.0]
    assert [p for p, x in rows.items() if x["nash"]] == ["{A,B}{C}", "{A,C}{B}", "{A}{B,C}"]
    assert not any(x["core"] for x in rows.values())
    assert "goes alone" in rows["{A,B,C}"]["blocked_by"]["nash"]["text"]
    assert r.exact_shapley == [Fraction(3), Fraction(3), Fraction(3)]
    assert r.exact_banzhaf == [Fraction(11, 4), Fraction(11, 4), Fraction(11, 4)]
    assert r.swing_players["nash"] == [0, 1, 2]
    assert r.swing_players["core"] == []


def test_exact_and_floating_agree():
    g = random_game((2, 3, 2), 17)
    a = en.alliances(g, split="shapley").records()
    b = en.alliances(g, split="shapley", exact=True).records()
    for x, y in zip(a, b):
        assert x["partition"] == y["partition"]
        assert x["payoffs"] == pytest.approx([float(Fraction(s)) for s in y["exact_payoffs"]])
        assert x["stable"] == y["stable"]


def test_stability_subset_and_bad_input():
    g = public_goods()
    r = en.alliances(g, stability=["core"])
    assert set(r.records()[0]["stable"]) == {"core"}
    assert set(r.swing_players) == {"core"}
    with pytest.raises(ValueError, match="characteristic function"):
        en.characteristic_function(g, kind="alfa")
    with pytest.raises(ValueError, match="split"):
        en.alliances(g, split="even")
    with pytest.raises(ValueError, match="stability"):
        en.alliances(g, stability=["strong"])
    with pytest.raises(ValueError):
        en.alliances(g, stability="nash")
    with pytest.raises(ValueError, match="players"):
        en.characteristic_function(en.Game([np.zeros([1] * 21)] * 21))


def run(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=120)


def test_cli_json_contract(tmp_path):
    path = tmp_path / "pg.nfg"
    public_goods().write_nfg(str(path))
    result = run("alliances", path, "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["players"] == ["A", "B", "C"]
    assert out["value"] == "alpha"
    assert out["shapley"] == pytest.approx([3, 3, 3])
    assert out["banzhaf"] == pytest.approx([2.75] * 3)
    parts = out["partitions"]
    assert len(parts) == 5
    for p in parts:
        assert set(p) >= {"blocs", "payoffs", "stable"}
        assert set(p["stable"]) >= {"nash", "individual", "core"}
    # Stable ones first.
    assert [p["blocs"] for p in parts[:3]] == [[[0, 1], [2]], [[0, 2], [1]], [[0], [1, 2]]]
    assert parts[0]["payoffs"] == pytest.approx([1, 1, 4])
    assert out["swing_players"]["nash"] == [0, 1, 2]
    exact = json.loads(run("alliances", path, "--json", "--exact", "--value", "gamma", "--split", "shapley").stdout)
    assert exact["value"] == "gamma"
    assert exact["exact_shapley"] == ["3", "3", "3"]


def test_cli_text_and_bad_input(tmp_path):
    path = tmp_path / "pg.nfg"
    public_goods().write_nfg(str(path))
    text = run("alliances", path)
    assert text.returncode == 0
    assert "{A,B}{C}" in text.stdout and "Swing players" in text.stdout
    for args in (["--value", "alfa"], ["--split", "even"]):
        bad = run("alliances", path, *args)
        assert bad.returncode == 2
        assert len(bad.stderr.strip().splitlines()) == 1
    missing = run("alliances", tmp_path / "missing.nfg")
    assert missing.returncode == 2
    many = tmp_path / "many.nfg"
    en.Game([np.zeros([1] * 21)] * 21).write_nfg(str(many))
    too_many = run("alliances", many)
    assert too_many.returncode == 2 and "players" in too_many.stderr
    scenario = run("alliances", tmp_path / "x.json")  # scenario files are accepted; a missing one is bad input
    assert scenario.returncode == 2 and len(scenario.stderr.strip().splitlines()) == 1


# --- split none, margins, farsighted stability, bloc queries -----------------

def after_move(p, i, t):
    """Partition p (list of sets) after player i joins bloc t (a set; empty: alone)."""
    return key([b - {i} for b in p if b is not t and b - {i}] + [t | {i}])


def brute_margins(records, n, split, tol=1e-7, cap=None):
    """Every notion's margin re-implemented from the records' payoffs:
    the largest gain of a permitted deviation (None: none permitted). With a
    cap (a compact game's max_bloc_size), only deviations whose new bloc has
    at most `cap` members are permitted."""
    cap = cap or n
    payoffs = {key(r["blocs"]): r["payoffs"] for r in records}
    bloc_payoffs = {key(r["blocs"]): dict(zip(map(frozenset, r["blocs"]), r["bloc_payoffs"])) for r in records}
    out = {}
    for r in records:
        p = [set(b) for b in r["blocs"]]
        now = r["payoffs"]
        m = {"nash": None, "individual": None, "exclusive": None, "core": None}

        def offer(notion, gain):
            if m[notion] is None or gain > m[notion]:
                m[notion] = gain
        for i in range(n):
            own = next(b for b in p if i in b)
            for t in [b for b in p if b is not own] + ([set()] if len(own) > 1 else []):
                if len(t) + 1 > cap:
                    continue
                then = payoffs[after_move(p, i, t)]
                gain = then[i] - now[i]
                offer("nash", gain)
                if all(then[j] >= now[j] - tol for j in t):
                    offer("individual", gain)
                if all(then[j] > now[j] + tol for j in t):
                    offer("exclusive", gain)
        for mask in range(1, 2**n):
            s = frozenset(members_of(mask, n))
            after = key([b - s for b in p if b - s] + [s])
            if after == key(p) or len(s) > cap:
                continue
            if split == "none":
                gain = min(payoffs[after][i] - now[i] for i in s)
            else:
                gain = (bloc_payoffs[after][s] - sum(now[i] for i in s)) / len(s)
            offer("core", gain)
        out[key(r["blocs"])] = m
    return out


def partitions_of(items):
    """Every partition of a list, as lists of sets."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for p in partitions_of(rest):
        for k in range(len(p)):
            yield p[:k] + [p[k] | {first}] + p[k + 1:]
        yield p + [{first}]


def brute_lcs(records, n, prefers):
    """Chwe's largest consistent set, straight from the definitions, with
    delta-model moves: S leaves its blocs, the remainders stay, S forms any
    partition of itself. prefers(i, e, a): i strictly prefers e to a."""
    parts = [key(r["blocs"]) for r in records]
    moves = {a: set() for a in parts}
    for a in parts:
        for mask in range(1, 2**n):
            s = set(members_of(mask, n))
            rest = [set(b) - s for b in a if set(b) - s]
            for q in partitions_of(sorted(s)):
                d = key(rest + q)
                if d != a:
                    moves[a].add((frozenset(s), d))
    dom = {e: set() for e in parts}  # dom[e]: the d with e >> d
    for e in parts:
        changed = True
        while changed:
            changed = False
            for a in parts:
                if a in dom[e]:
                    continue
                if any((d == e or d in dom[e]) and all(prefers(i, e, a) for i in s) for s, d in moves[a]):
                    dom[e].add(a)
                    changed = True
    z = set(parts)
    changed = True
    while changed:
        changed = False
        for a in list(z):
            for s, d in moves[a]:
                if not any((e == d or d in dom[e]) and not all(prefers(i, e, a) for i in s) for e in z):
                    z.discard(a)
                    changed = True
                    break
    return z


def check_against_brute_force(r, n, split, exact=False, cap=None):
    records = r.records()
    margins = brute_margins(records, n, split, cap=cap)
    for x in records:
        for notion, value in margins[key(x["blocs"])].items():
            got = x["margins"][notion]
            if value is None:
                assert got is None, (x["partition"], notion)
            else:
                assert got == pytest.approx(value, abs=1e-9), (x["partition"], notion)
                assert x["stable"][notion] == (value <= 1e-7), (x["partition"], notion)
                if not x["stable"][notion]:
                    dev = x["blocked_by"][notion]
                    assert dev["gain"] == pytest.approx(value, abs=1e-9)
                    assert key(dev["from"]) == key(x["blocs"])
                    assert key(dev["to"]) != key(x["blocs"])
                    assert dev["text"]
            if got is None:
                assert x["stable"][notion]
        if exact:
            for notion, value in x["exact_margins"].items():
                assert value is None or isinstance(value, Fraction)
                if value is not None:
                    assert float(value) == pytest.approx(x["margins"][notion], abs=1e-12)
        assert x["margins"]["farsighted"] is None
    if exact:
        pay = {key(x["blocs"]): x["exact_payoffs"] for x in records}
        prefers = lambda i, e, a: pay[e][i] > pay[a][i]
    else:
        pay = {key(x["blocs"]): x["payoffs"] for x in records}
        prefers = lambda i, e, a: pay[e][i] > pay[a][i] + 1e-7
    lcs = brute_lcs(records, n, prefers)
    for x in records:
        assert x["farsighted"] == (key(x["blocs"]) in lcs), x["partition"]
    # The most stable lists, for notions nothing satisfies.
    for notion in ("nash", "individual", "core", "exclusive"):
        if any(x["stable"][notion] for x in records):
            assert notion not in r.most_stable
        else:
            best = min(x["margins"][notion] for x in records)
            want = {x["partition"] for x in records if x["margins"][notion] <= best + 1e-7}
            assert set(r.most_stable[notion]) == want


@pytest.mark.parametrize("n", [1, 2, 3, 4])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_margins_and_farsighted_against_brute_force(n, seed):
    g = random_game((2,) * n, seed + 10 * n, lo=-4, hi=4)
    for split in ("none", "equal"):
        r = en.alliances(g, split=split)
        assert r.notions == ["nash", "individual", "core", "exclusive", "farsighted"]
        check_against_brute_force(r, n, split)


@pytest.mark.parametrize("seed", [4, 5])
def test_exact_margins_and_farsighted_against_brute_force(seed):
    g = random_game((2, 2, 2, 2), seed, lo=-3, hi=3)
    r = en.alliances(g, exact=True)
    check_against_brute_force(r, 4, "none", exact=True)
    f = en.alliances(g)
    assert [x["farsighted"] for x in f.records()] == [x["farsighted"] for x in r.records()]


def expected_payoff(g, blocs, profile, i):
    """Player i's expected payoff when each bloc plays its joint distribution."""
    total = 0.0
    for s in itertools.product(*[range(k) for k in g.shape]):
        prob = 1.0
        for b, members in enumerate(blocs):
            joint = 0
            for j in members:
                joint = joint * g.shape[j] + s[j]
            prob *= profile[b][joint]
        total += prob * g.payoffs[i][s]
    return total


@pytest.mark.parametrize("seed", [1, 2])
def test_split_none_pays_each_member_its_expected_payoff(seed):
    g = random_game((2, 3, 2), seed)
    r = en.alliances(g)
    assert r.split == "none"
    for x in r.records():
        for i in range(3):
            assert x["payoffs"][i] == pytest.approx(expected_payoff(g, x["blocs"], x["profile"], i), abs=1e-9)
        assert sum(x["payoffs"]) == pytest.approx(sum(x["bloc_payoffs"]))


def test_bloc_queries():
    r = en.alliances(public_goods())
    rows = {x["partition"]: x for x in r.records()}
    for bloc in (["A", "B"], [1, 0], ["B", 0]):
        q = r.bloc(bloc)
        assert q["members"] == [0, 1] and q["names"] == ["A", "B"]
        for notion in r.notions:
            assert q[notion]["partition"] == "{A,B}{C}"
            assert q[notion]["stable"] == rows["{A,B}{C}"][notion]
            assert q[notion]["margin"] == rows["{A,B}{C}"]["margins"][notion]
    q = r.bloc(["A", "B", "C"])
    assert q["nash"] == {"stable": False, "margin": 1.0, "partition": "{A,B,C}", "blocs": [[0, 1, 2]]}
    g = random_game((2, 2, 2, 2), 8)
    r = en.alliances(g, exact=True)
    records = r.records()
    for mask in range(1, 16):
        members = members_of(mask, 4)
        q = r.bloc(members)
        with_bloc = [x for x in records if set(members) in map(set, x["blocs"])]
        for notion in r.notions:
            assert q[notion]["stable"] == any(x[notion] for x in with_bloc)
            if notion == "farsighted":
                assert q[notion]["margin"] is None
                continue
            pool = [x for x in with_bloc if x[notion]] or with_bloc
            margins = [x["margins"][notion] for x in pool]
            best = None if None in margins else min(margins)
            assert q[notion]["margin"] == best
            assert q[notion]["exact_margin"] is None or float(q[notion]["exact_margin"]) == best
    for bad in (["Z"], [7], [], "A", [0, 0], [1.5]):
        with pytest.raises(ValueError):
            en.alliances(public_goods()).bloc(bad)


def test_farsighted_size_limit_and_notions():
    g = en.Game([np.zeros([2] + [1] * 7)] * 8)
    r = en.alliances(g, stability=["nash"])
    assert r.notions == ["nash"]
    assert "farsighted" not in en.alliances(g, time_limit=60).notions
    with pytest.raises(ValueError, match="farsighted"):
        en.alliances(g, stability=["farsighted"])
    with pytest.raises(ValueError):
        en.alliances(g, stability=[])


def test_cli_margins_most_stable_and_bloc(tmp_path):
    path = tmp_path / "g.nfg"
    g = random_game((2, 2, 2, 2), 6)
    g.write_nfg(str(path))
    out = json.loads(run("alliances", path, "--json", "--bloc", "1, 2").stdout)
    assert out["split"] == "none"
    assert out["notions"] == ["nash", "individual", "core", "exclusive", "farsighted"]
    r = en.alliances(g)
    by_blocs = {key(x["blocs"]): x for x in r.records()}
    for p in out["partitions"]:
        x = by_blocs[key(p["blocs"])]
        assert set(p["margins"]) == set(p["stable"]) == set(r.notions)
        for notion in r.notions:
            assert p["stable"][notion] == x[notion]
            assert p["margins"][notion] == pytest.approx(x["margins"][notion]) if x["margins"][notion] is not None \
                else p["margins"][notion] is None
            if not p["stable"][notion] and notion != "farsighted":
                assert set(p["blocked_by"][notion]) >= {"who", "from", "to", "gain", "text"}
    q = r.bloc(["1", "2"])
    assert out["bloc"]["members"] == [0, 1] and out["bloc"]["names"] == ["1", "2"]
    for notion in r.notions:
        assert out["bloc"]["notions"][notion]["stable"] == q[notion]["stable"]
        assert out["bloc"]["notions"][notion]["margin"] == q[notion]["margin"]
        assert out["bloc"]["notions"][notion]["blocs"] == q[notion]["blocs"]
    assert set(out["most_stable"]) == set(r.most_stable)
    text = run("alliances", path, "--bloc", "1,2")
    assert text.returncode == 0 and "Bloc {1,2}" in text.stdout and "margins:" in text.stdout
    for bad in ("1,Z", "", "1,1"):
        result = run("alliances", path, "--bloc", bad)
        assert result.returncode == 2, bad
        assert len(result.stderr.strip().splitlines()) == 1


# --- stability maps ----------------------------------------------------------------------

SEVEN = ROOT / "examples" / "scenarios" / "china_balancing.json"
MAP = {"nk_nuclear_gain": (0, 1, 3), "asian_nato_cohesion": [0.0, 1.0]}


def test_alliance_sweep_points_are_single_runs_and_the_bloc_map_reads_them():
    s = en.Scenario.load(SEVEN)
    m = s.alliance_sweep(MAP, progress=False, fixed={"pact_strength": 0.8}, threads=2)
    assert m.shape == (3, 2) and len(m) == 6 and m.parameters == ["nk_nuclear_gain", "asian_nato_cohesion"]
    np.testing.assert_array_equal(m.grid["nk_nuclear_gain"], [[0, 0], [0.5, 0.5], [1, 1]])
    np.testing.assert_array_equal(m.grid["asian_nato_cohesion"], [[0, 1], [0, 1], [0, 1]])
    bloc = ["USA", "South Korea", "Japan"]
    mapped = m.bloc(bloc)
    assert set(mapped) == set(m.results[0].notions)
    for k, point in enumerate(m.points):
        values = point["values"]
        assert values["pact_strength"] == 0.8
        single = en.alliances(s.game(**values))
        assert point["result"].records() == single.records()
        assert m.results[k].records() == single.records()
        i, j = np.unravel_index(k, m.shape)
        for notion, standing in single.bloc(bloc).items():
            if notion in ("members", "names"):
                continue
            assert mapped[notion]["stable"][i, j] == standing["stable"]
            want = np.nan if standing["margin"] is None else standing["margin"]
            np.testing.assert_equal(mapped[notion]["margin"][i, j], want)
    # The map is not constant: the answer moves with the parameters.
    assert len({tuple(mapped[n]["stable"].ravel()) for n in mapped}) > 1 or mapped["nash"]["stable"].any()


def test_alliance_sweep_is_the_same_on_threads_and_dask_and_pickles():
    import pickle

    s = en.Scenario.load(ROOT / "examples" / "scenarios" / "china_three_bloc.json")
    grid = {"pact_strength": (0, 1, 4), "nk_nuclear_gain": (0, 1, 3)}
    one = s.alliance_sweep(grid, progress=False, threads=1, split="shapley")
    two = s.alliance_sweep(grid, progress=True, threads=2, split="shapley")
    assert [r.records() for r in one.results] == [r.records() for r in two.results]
    copy = pickle.loads(pickle.dumps(one))  # how Dask workers send chunks back
    assert [r.records() for r in copy.results] == [r.records() for r in one.results]
    assert copy.shape == one.shape and copy.bloc([0, 1])["core"]["stable"].tolist() == one.bloc([0, 1])["core"]["stable"].tolist()
    exact = en.alliances(s.game(), exact=True)
    again = pickle.loads(pickle.dumps(exact))
    assert again.records() == exact.records() and again.bloc([0, 2]) == exact.bloc([0, 2])
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        remote = s.alliance_sweep(grid, client=client, progress=False, chunks=5, split="shapley")
    assert remote.shape == one.shape
    assert [r.records() for r in remote.results] == [r.records() for r in one.results]
    np.testing.assert_array_equal(remote.values, one.values)


def test_alliance_sweep_refuses_bad_input():
    s = en.Scenario.load(SEVEN)
    for kwargs in ({"grid": {"nope": (0, 1, 2)}}, {"grid": {"nk_nuclear_gain": (0, 9, 2)}},
                   {"grid": MAP, "split": "bogus"}, {"grid": MAP, "stability": ["nash", "nope"]},
                   {"grid": MAP, "value": "delta"}):
        with pytest.raises(ValueError):
            s.alliance_sweep(progress=False, **kwargs)
    m = s.alliance_sweep({"nk_nuclear_gain": (0, 1, 2)}, progress=False, stability=["nash"])
    with pytest.raises(ValueError):
        m.bloc(["USA", "Nobody"])
    assert list(m.bloc(["USA"])) == ["nash"]
