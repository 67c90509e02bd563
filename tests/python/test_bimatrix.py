"""Two-player solvers: lemke_howson, enumerate_equilibria, maximal_nash_subsets,
nash_components, support_enumeration, is_nondegenerate."""
import itertools
import threading
from fractions import Fraction

import numpy as np
import pytest

import entente as en

BOS_A = [[3, 0], [0, 2]]
BOS_B = [[2, 0], [0, 3]]

# von Stengel's degenerate 3x2 example ("Computing equilibria for two-person
# games", 2002, Fig. 2.3 variant): row 1 has two best responses to it, so
# ((1, 0, 0), y) is an equilibrium for every y between (1, 0) and (2/3, 1/3).
DEGENERATE_A = [[3, 3], [2, 5], [0, 6]]
DEGENERATE_B = [[3, 3], [2, 6], [3, 1]]


def battle_of_the_sexes():
    return en.Game([BOS_A, BOS_B], players=["Her", "Him"], strategies=[["Opera", "Fight"], ["Opera", "Fight"]])


def regret(A, B, x, y):
    """The largest gain from deviating at (x, y), computed in numpy."""
    A, B = np.asarray(A, float), np.asarray(B, float)
    x, y = np.asarray(x, float), np.asarray(y, float)
    return max((A @ y).max() - x @ A @ y, (x @ B).max() - x @ B @ y)


def fractions(strings):
    return [Fraction(s) for s in strings]


# --- battle of the sexes ---------------------------------------------------------------


def test_battle_of_the_sexes_all_equilibria_exact():
    eqs = en.enumerate_equilibria(battle_of_the_sexes(), exact=True)
    assert [e.exact for e in eqs] == [
        [[Fraction(1), Fraction(0)], [Fraction(1), Fraction(0)]],
        [[Fraction(3, 5), Fraction(2, 5)], [Fraction(2, 5), Fraction(3, 5)]],
        [[Fraction(0), Fraction(1)], [Fraction(0), Fraction(1)]],
    ]
    assert [e.exact_payoffs for e in eqs] == [[Fraction(3), Fraction(2)], [Fraction(6, 5), Fraction(6, 5)], [Fraction(2), Fraction(3)]]
    assert all(e.exact_regret == Fraction(0) for e in eqs)
    assert all(isinstance(e, en.Equilibrium) for e in eqs)
    np.testing.assert_allclose(eqs[1].profile[0], [0.6, 0.4])
    np.testing.assert_allclose(eqs[1].payoffs, [1.2, 1.2])


def test_battle_of_the_sexes_floating_matches_exact():
    g = battle_of_the_sexes()
    floating = en.enumerate_equilibria(g)
    exact = en.enumerate_equilibria(g, exact=True)
    assert len(floating) == len(exact) == 3
    for f, e in zip(floating, exact):
        assert f.exact is None
        for p, q in zip(f.profile, e.exact):
            np.testing.assert_allclose(p, [float(Fraction(s)) for s in q], atol=1e-12)
        assert f.regret == pytest.approx(0, abs=1e-12)


def test_lemke_howson_label_0_gives_a_pure_equilibrium():
    g = battle_of_the_sexes()
    eq = en.lemke_howson(g, label=0, exact=True)
    assert eq.exact == [[Fraction(1), Fraction(0)], [Fraction(1), Fraction(0)]]
    assert eq.exact_regret == Fraction(0)
    eq = en.lemke_howson(g)  # label defaults to 0
    np.testing.assert_array_equal(eq.profile[0], [1.0, 0.0])
    np.testing.assert_array_equal(eq.profile[1], [1.0, 0.0])
    assert eq.exact is None


def test_lemke_howson_every_label_ends_at_an_equilibrium():
    g = battle_of_the_sexes()
    all_exact = [e.exact for e in en.enumerate_equilibria(g, exact=True)]
    for label in range(4):
        eq = en.lemke_howson(g, label=label, exact=True)
        assert eq.exact in all_exact
        assert eq.exact_regret == Fraction(0)
        f = en.lemke_howson(g, label=label)
        assert regret(BOS_A, BOS_B, *f.profile) == pytest.approx(0, abs=1e-12)


def test_lemke_howson_all_finds_the_pure_ones_of_bos():
    g = battle_of_the_sexes()
    eqs = en.lemke_howson_all(g, exact=True)
    assert [e.exact for e in eqs] == [[[Fraction(1), Fraction(0)], [Fraction(1), Fraction(0)]], [[Fraction(0), Fraction(1)], [Fraction(0), Fraction(1)]]]
    assert len(en.lemke_howson_all(g)) == 2


def test_lemke_howson_matching_pennies_and_exact_input():
    A = np.array([[1, -1], [-1, 1]])
    eq = en.lemke_howson(en.Game([A, -A]), exact=True)
    assert eq.exact == [[Fraction(1, 2), Fraction(1, 2)], [Fraction(1, 2), Fraction(1, 2)]]
    # Fractions in, exact fractions out.
    g = en.Game([[[Fraction(1, 3), 0], [0, "2/3"]], [[0, 1], [1, 0]]])
    eq = en.lemke_howson(g, exact=True)
    assert eq.exact[0] == [Fraction(1, 2), Fraction(1, 2)]
    assert eq.exact[1] == [Fraction(2, 3), Fraction(1, 3)]


# --- random games: support enumeration == vertex enumeration == Lemke-Howson -------------


def random_games(count, m, n, seed):
    rng = np.random.default_rng(seed)
    for _ in range(count):
        yield rng.integers(0, 100, size=(m, n)), rng.integers(0, 100, size=(m, n))


def test_support_enumeration_equals_enumerate_equilibria_on_nondegenerate_games():
    checked = 0
    for A, B in random_games(30, 4, 4, seed=20240611):
        g = en.Game([A, B])
        if not en.is_nondegenerate(g):
            continue
        checked += 1
        vertex = en.enumerate_equilibria(g, exact=True)
        support = en.support_enumeration(g, exact=True)
        assert [e.exact for e in support] == [e.exact for e in vertex]
        assert [e.exact_payoffs for e in support] == [e.exact_payoffs for e in vertex]
        assert len(vertex) % 2 == 1  # nondegenerate games have an odd number of equilibria
        # Floating runs give the same list.
        vf, sf = en.enumerate_equilibria(g), en.support_enumeration(g)
        assert len(vf) == len(sf) == len(vertex)
        for a, b, e in zip(vf, sf, vertex):
            for i in range(2):
                want = [float(q) for q in fractions(e.exact[i])]
                np.testing.assert_allclose(a.profile[i], want, atol=1e-9)
                np.testing.assert_allclose(b.profile[i], want, atol=1e-9)
            assert regret(A, B, *a.profile) == pytest.approx(0, abs=1e-9)
        # Every Lemke-Howson path ends at one of them.
        for label in range(8):
            assert en.lemke_howson(g, label=label, exact=True).exact in [e.exact for e in vertex]
    assert checked >= 25


def test_exact_equilibria_verified_in_fractions():
    for A, B in random_games(10, 3, 5, seed=7):
        g = en.Game([A, B])
        for e in en.enumerate_equilibria(g, exact=True):
            x, y = fractions(e.exact[0]), fractions(e.exact[1])
            assert sum(x) == 1 and sum(y) == 1 and min(x) >= 0 and min(y) >= 0
            row = [sum(Fraction(int(A[i, j])) * y[j] for j in range(5)) for i in range(3)]
            col = [sum(Fraction(int(B[i, j])) * x[i] for i in range(3)) for j in range(5)]
            value_a = sum(x[i] * row[i] for i in range(3))
            value_b = sum(y[j] * col[j] for j in range(5))
            assert max(row) == value_a and max(col) == value_b
            assert e.exact_payoffs == [value_a, value_b]
            assert all(type(u) is Fraction for u in e.exact_payoffs)


def test_is_nondegenerate():
    assert en.is_nondegenerate(battle_of_the_sexes())
    assert en.is_nondegenerate(battle_of_the_sexes(), exact=False)
    degenerate = en.Game([DEGENERATE_A, DEGENERATE_B])
    assert not en.is_nondegenerate(degenerate)
    assert not en.is_nondegenerate(degenerate, exact=False)


def test_support_enumeration_misses_a_continuum_that_vertex_enumeration_finds():
    g = en.Game([DEGENERATE_A, DEGENERATE_B])
    vertex = [e.exact for e in en.enumerate_equilibria(g, exact=True)]
    assert vertex == [
        [[Fraction(1), Fraction(0), Fraction(0)], [Fraction(1), Fraction(0)]],
        [[Fraction(1), Fraction(0), Fraction(0)], [Fraction(2, 3), Fraction(1, 3)]],
        [[Fraction(0), Fraction(1, 3), Fraction(2, 3)], [Fraction(1, 3), Fraction(2, 3)]],
    ]
    support = [e.exact for e in en.support_enumeration(g, exact=True)]
    assert set(map(str, support)) <= set(map(str, vertex))
    assert len(support) < len(vertex)


# --- maximal Nash subsets and components ------------------------------------------------


def test_maximal_nash_subsets_of_a_continuum():
    g = en.Game([DEGENERATE_A, DEGENERATE_B])
    eqs = en.enumerate_equilibria(g, exact=True)
    subsets = en.maximal_nash_subsets(g, exact=True)
    assert all(isinstance(s, en.NashSubset) for s in subsets)
    big = [s for s in subsets if len(s.rows) * len(s.columns) > 1]
    assert len(big) == 1
    (s,) = big
    assert s.exact_rows == [[Fraction(1), Fraction(0), Fraction(0)]]
    assert s.exact_columns == [[Fraction(1), Fraction(0)], [Fraction(2, 3), Fraction(1, 3)]]
    assert s.indices == [0, 1]
    assert [e.exact for e in s.equilibria] == [eqs[0].exact, eqs[1].exact]
    # Every mix within the subset is an equilibrium.
    x = s.rows[0]
    for w in np.linspace(0, 1, 11):
        y = w * s.columns[0] + (1 - w) * s.columns[1]
        assert regret(DEGENERATE_A, DEGENERATE_B, x, y) == pytest.approx(0, abs=1e-12)
    # The subsets cover every extreme equilibrium.
    covered = sorted(i for sub in subsets for i in sub.indices)
    assert sorted(set(covered)) == list(range(len(eqs)))
    # Floating gives the same structure.
    floating = en.maximal_nash_subsets(g)
    assert [f.indices for f in floating] == [s.indices for s in subsets]
    assert all(f.exact_rows is None for f in floating)
    np.testing.assert_allclose(floating[0].columns[1], [2 / 3, 1 / 3])


def test_maximal_nash_subsets_two_dimensional():
    # Both players indifferent everywhere: every profile is an equilibrium,
    # one subset with both pure strategies of each player.
    zero = np.zeros((2, 2))
    (s,) = en.maximal_nash_subsets(en.Game([zero, zero]), exact=True)
    assert s.exact_rows == [[Fraction(1), Fraction(0)], [Fraction(0), Fraction(1)]]
    assert s.exact_columns == [[Fraction(1), Fraction(0)], [Fraction(0), Fraction(1)]]
    assert len(s.equilibria) == 4 and s.indices == [0, 1, 2, 3]


def test_nash_components():
    g = en.Game([DEGENERATE_A, DEGENERATE_B])
    comps = en.nash_components(g, exact=True)
    assert len(comps) == 2
    assert all(isinstance(c, en.NashComponent) and isinstance(c, en.NashSubset) for c in comps)
    assert comps[0].indices == [0, 1] and comps[1].indices == [2]
    assert len(comps[0].subsets) == 1 and comps[0].subsets[0].exact_columns == [[Fraction(1), Fraction(0)], [Fraction(2, 3), Fraction(1, 3)]]
    assert comps[1].exact_rows == [[Fraction(0), Fraction(1, 3), Fraction(2, 3)]]
    # Isolated equilibria are components of their own.
    assert [c.indices for c in en.nash_components(battle_of_the_sexes())] == [[0], [1], [2]]
    # Two subsets sharing a vertex form one component: a row vertex that is
    # a best response to two column vertices with different partners.
    A = [[1, 1, 0], [0, 1, 1]]
    B = [[1, 1, 0], [0, 1, 1]]
    eqs = en.enumerate_equilibria(en.Game([A, B]), exact=True)
    comps = en.nash_components(en.Game([A, B]), exact=True)
    assert sorted(i for c in comps for i in c.indices) == list(range(len(eqs)))
    assert any(len(c.subsets) > 1 for c in comps)
    for c in comps:
        for sub in c.subsets:
            assert set(sub.indices) <= set(c.indices)


# --- threads and bad input --------------------------------------------------------------


def test_solvers_run_in_threads():
    A, B = next(random_games(1, 6, 6, seed=3))
    g = en.Game([A, B])
    want = [e.exact for e in en.enumerate_equilibria(g, exact=True)]
    results = []

    def work():
        results.append([e.exact for e in en.enumerate_equilibria(g, exact=True)])

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [want] * 4


def three_player_game():
    return en.Game([np.zeros((2, 2, 2))] * 3)


@pytest.mark.parametrize(
    "call",
    [
        lambda g: en.lemke_howson(g),
        lambda g: en.lemke_howson_all(g),
        lambda g: en.enumerate_equilibria(g, exact=True),
        lambda g: en.support_enumeration(g),
        lambda g: en.maximal_nash_subsets(g),
        lambda g: en.nash_components(g),
        lambda g: en.is_nondegenerate(g),
    ],
)
def test_two_player_solvers_reject_three_players(call):
    with pytest.raises(ValueError, match="two-player"):
        call(three_player_game())


@pytest.mark.parametrize("label", [4, 5, -1, 10**6])
def test_lemke_howson_label_out_of_range(label):
    with pytest.raises(ValueError, match="label"):
        en.lemke_howson(battle_of_the_sexes(), label=label)
    with pytest.raises(ValueError, match="label"):
        en.lemke_howson(battle_of_the_sexes(), label=label, exact=True)


def test_lemke_howson_label_must_be_an_int():
    with pytest.raises(TypeError):
        en.lemke_howson(battle_of_the_sexes(), label=0.5)


def test_lemke_howson_one_by_n():
    # A single row: the row player has nothing to choose, the column player best-responds.
    g = en.Game([[[1, 2, 3]], [[5, 9, 1]]])
    for label in range(4):
        eq = en.lemke_howson(g, label=label, exact=True)
        assert eq.exact == [[Fraction(1)], [Fraction(0), Fraction(1), Fraction(0)]]
    assert [e.exact for e in en.enumerate_equilibria(g, exact=True)] == [[[Fraction(1)], [Fraction(0), Fraction(1), Fraction(0)]]]


def test_larger_game_enumeration_agrees_between_scalars():
    rng = np.random.default_rng(99)
    A = rng.integers(-5, 6, size=(6, 5))
    B = rng.integers(-5, 6, size=(6, 5))
    g = en.Game([A, B])
    exact = en.enumerate_equilibria(g, exact=True)
    floating = en.enumerate_equilibria(g)
    assert len(exact) == len(floating) >= 1
    for e, f in zip(exact, floating):
        for i in range(2):
            np.testing.assert_allclose(f.profile[i], [float(Fraction(s)) for s in e.exact[i]], atol=1e-9)
    # Each Lemke-Howson label lands on one of them.
    for label in range(11):
        assert en.lemke_howson(g, label=label, exact=True).exact in [e.exact for e in exact]
    assert all(itertools.starmap(lambda e, f: f.regret < 1e-9, zip(exact, floating)))
