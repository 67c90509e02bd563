"""N-player solvers: pure_equilibria, eliminate_dominated, correlated_equilibrium
(cross-checked against an independent LP built with scipy's linprog)."""
import itertools
from fractions import Fraction

import numpy as np
import pytest

import entente as en

scipy_optimize = pytest.importorskip("scipy.optimize")

CHICKEN_A = [[6, 2], [7, 0]]
CHICKEN_B = [[6, 7], [2, 0]]


def random_game(shape, rng, high=10):
    return [rng.integers(0, high, size=shape) for _ in shape]


# --- pure equilibria ----------------------------------------------------------------------


def brute_force_pure(payoffs):
    """Every pure equilibrium and whether it is strict, by checking every deviation."""
    shape = payoffs[0].shape
    out = []
    for profile in itertools.product(*(range(n) for n in shape)):
        nash, strict = True, True
        for i, u in enumerate(payoffs):
            here = u[profile]
            for t in range(shape[i]):
                if t == profile[i]:
                    continue
                other = u[profile[:i] + (t,) + profile[i + 1:]]
                if other > here:
                    nash = False
                if other >= here:
                    strict = False
        if nash:
            out.append((profile, strict))
    return out


@pytest.mark.parametrize("seed", range(8))
def test_pure_equilibria_equal_brute_force_three_players(seed):
    rng = np.random.default_rng(seed)
    shape = tuple(int(n) for n in rng.integers(2, 5, size=3))
    payoffs = random_game(shape, rng, high=4)  # small range: ties and several equilibria
    g = en.Game(payoffs)
    want = brute_force_pure(payoffs)
    for exact in (False, True):
        got = en.pure_equilibria(g, exact=exact)
        assert [(e.profile, e.strict) for e in got] == want
        for e in got:
            assert isinstance(e, en.PureEquilibrium)
            assert all(isinstance(s, int) for s in e.profile)
            np.testing.assert_array_equal(e.payoffs, [u[e.profile] for u in payoffs])
            if exact:
                assert e.exact_payoffs == [Fraction(int(u[e.profile])) for u in payoffs]
            else:
                assert e.exact_payoffs is None


def test_pure_equilibria_count_over_many_games():
    rng = np.random.default_rng(12345)
    found = 0
    for _ in range(40):
        payoffs = random_game((3, 2, 4), rng, high=5)
        got = en.pure_equilibria(en.Game(payoffs))
        want = brute_force_pure(payoffs)
        assert [(e.profile, e.strict) for e in got] == want
        found += len(got)
    assert found > 20


def test_pure_equilibria_exact_ties():
    # 1/3 and 0.1 + ... : exactly equal in rationals, so a tie (not strict).
    g = en.Game([[["1/3", Fraction(1, 3)]], [[0, 0]]])
    eqs = en.pure_equilibria(g, exact=True)
    assert [(e.profile, e.strict) for e in eqs] == [((0, 0), False), ((0, 1), False)]
    assert eqs[0].exact_payoffs == [Fraction(1, 3), Fraction(0)]


def numpy_pure_nash(payoffs):
    """The benchmark's peer: a profile is an equilibrium when each player's
    payoff equals the maximum over its own axis (exact for integers)."""
    nash = np.ones(payoffs[0].shape, dtype=bool)
    for i, u in enumerate(payoffs):
        nash &= u == u.max(axis=i, keepdims=True)
    return [tuple(int(x) for x in p) for p in np.argwhere(nash)]


@pytest.mark.parametrize("shape", [(6, 5, 4, 7), (3, 4, 3, 2, 5), (2, 3, 70), (4, 4, 4, 4, 4, 4)])
def test_pure_equilibria_equal_numpy_on_larger_games_with_ties(shape):
    # Payoffs 0..2 (many ties, many equilibria) and 0..999 (few): the pruned
    # search against the vectorised brute force, with each certificate
    # recomputed from the payoffs.
    rng = np.random.default_rng(len(shape) * 100 + shape[-1])
    for high in (3, 1000):
        payoffs = random_game(shape, rng, high=high)
        got = en.pure_equilibria(en.Game(payoffs))
        assert [e.profile for e in got] == numpy_pure_nash(payoffs)
        for e in got:
            gains = [u.max(axis=i)[e.profile[:i] + e.profile[i + 1:]] - u[e.profile] for i, u in enumerate(payoffs)]
            assert e.regret == max(gains) == 0.0
            assert e.strict == all(
                int((u[e.profile[:i] + (slice(None),) + e.profile[i + 1:]] == u[e.profile]).sum()) == 1
                for i, u in enumerate(payoffs))


def test_pure_equilibria_regret_is_the_tie_within_tolerance():
    # 1 + 1e-12 and 1 tie (within 1e-9): both rows are equilibria; at row 1
    # the row player gains 1e-12 by deviating, and the certificate says so.
    g = en.Game([[[1 + 1e-12], [1.0]], [[0.0], [0.0]]])
    eqs = en.pure_equilibria(g)
    assert [e.profile for e in eqs] == [(0, 0), (1, 0)]
    assert eqs[0].regret == 0.0
    assert eqs[1].regret == pytest.approx(1e-12, rel=1e-3)
    assert [e.regret for e in en.pure_equilibria(g, exact=True)] == [0.0]


def test_pure_equilibria_none_and_one_player():
    A = np.array([[1, -1], [-1, 1]])
    assert en.pure_equilibria(en.Game([A, -A])) == []
    (eq,) = en.pure_equilibria(en.Game([[4, 9, 2]]))
    assert eq.profile == (1,) and eq.strict


# --- dominance ----------------------------------------------------------------------------


def test_prisoners_dilemma_leaves_defect_defect():
    A = np.array([[3, 0], [5, 1]])
    g = en.Game([A, A.T], players=["Row", "Col"], strategies=[["C", "D"], ["C", "D"]], title="PD")
    for exact in (False, True):
        for mixed in (False, True):
            r = en.eliminate_dominated(g, mixed=mixed, exact=exact)
            assert isinstance(r, en.DominanceResult) and isinstance(r.game, en.Game)
            assert r.surviving == [[1], [1]]
            assert r.game.strategies == [["D"], ["D"]]
            assert r.game.players == ["Row", "Col"]
            assert r.game.title == "PD"
            assert r.game.payoffs[0][0, 0] == 1.0
            assert r.rounds == 1
            assert [(e.player, e.strategy, e.round) for e in r.trace] == [(0, 0, 1), (1, 0, 1)]
            for e in r.trace:
                if exact:
                    assert e.dominated_by == [Fraction(0), Fraction(1)]
                else:
                    np.testing.assert_array_equal(e.dominated_by, [0.0, 1.0])


def test_row_dominated_only_by_a_mixture():
    A = np.array([[3, 0], [0, 3], [1, 1]])
    B = np.zeros((3, 2))
    g = en.Game([A, B])
    # Pure dominance removes nothing.
    r = en.eliminate_dominated(g, mixed=False)
    assert r.surviving == [[0, 1, 2], [0, 1]] and r.trace == [] and r.rounds == 0
    # Mixed: row 2 goes, dominated by (1/2, 1/2).
    for exact in (False, True):
        r = en.eliminate_dominated(g, mixed=True, exact=exact)
        assert r.surviving == [[0, 1], [0, 1]]
        assert r.game.shape == (2, 2)
        (e,) = r.trace
        assert (e.player, e.strategy, e.round) == (0, 2, 1)
        if exact:
            assert e.dominated_by == [Fraction(1, 2), Fraction(1, 2), Fraction(0)]
            sigma = [Fraction(s) for s in e.dominated_by]
            mix = [sum(sigma[i] * int(A[i, j]) for i in range(3)) for j in range(2)]
            assert all(mix[j] > int(A[2, j]) for j in range(2))
        else:
            sigma = e.dominated_by
            np.testing.assert_allclose(sigma, [0.5, 0.5, 0.0], atol=1e-9)
            assert sigma.sum() == pytest.approx(1.0)
            assert np.all(sigma @ A > A[2] + 1e-9)  # verified to dominate strictly


def test_weak_dominance_and_iteration():
    # Column 1 is weakly (not strictly) dominated by column 0 for the column
    # player; after it goes, row 1 is strictly dominated.
    A = np.array([[2, 0], [1, 5]])
    B = np.array([[1, 1], [1, 0]])
    g = en.Game([A, B])
    strict = en.eliminate_dominated(g)
    assert strict.surviving == [[0, 1], [0, 1]]
    weak = en.eliminate_dominated(g, weak=True, exact=True)
    assert weak.surviving == [[0], [0]]
    assert [(e.player, e.strategy, e.round) for e in weak.trace] == [(1, 1, 1), (0, 1, 2)]
    assert weak.rounds == 2
    assert weak.game.exact_payoffs(0) == [[Fraction(2)]]


def test_dominance_three_players_keeps_equilibria():
    rng = np.random.default_rng(5)
    for _ in range(10):
        payoffs = random_game((3, 3, 3), rng, high=10)
        g = en.Game(payoffs)
        r = en.eliminate_dominated(g, mixed=True, exact=True)
        # Every pure equilibrium of the original survives (strict elimination).
        original = {e.profile for e in en.pure_equilibria(g, exact=True)}
        reduced = {tuple(r.surviving[i][s] for i, s in enumerate(e.profile))
                   for e in en.pure_equilibria(r.game, exact=True)}
        assert original == reduced
        for e in r.trace:
            assert e.strategy not in r.surviving[e.player]


# --- correlated equilibria ----------------------------------------------------------------


def test_chicken_max_welfare_ce_exact():
    g = en.Game([CHICKEN_A, CHICKEN_B])
    ce = en.correlated_equilibrium(g, exact=True)
    assert isinstance(ce, en.CorrelatedEquilibrium)
    assert ce.exact_objective == Fraction(21, 2)
    assert ce.objective == pytest.approx(10.5)
    assert dict(ce.exact_distribution) == {(0, 0): Fraction(1, 2), (0, 1): Fraction(1, 4), (1, 0): Fraction(1, 4)}
    assert {p: pytest.approx(q) for p, q in ce.distribution} == {(0, 0): 0.5, (0, 1): 0.25, (1, 0): 0.25}
    assert ce.exact_regret == Fraction(0) and ce.regret == 0.0
    assert ce.exact_payoffs == [Fraction(21, 4), Fraction(21, 4)]
    assert ce.coarse is False
    np.testing.assert_allclose(ce.array, [[0.5, 0.25], [0.25, 0.0]])

    f = en.correlated_equilibrium(g)
    assert f.exact_distribution is None and f.exact_objective is None and f.exact_regret is None
    assert f.objective == pytest.approx(10.5, abs=1e-9)
    np.testing.assert_allclose(f.array, [[0.5, 0.25], [0.25, 0.0]], atol=1e-9)
    assert f.regret == pytest.approx(0, abs=1e-9)


def incentive_rows(payoffs, coarse):
    """The incentive constraints as rows over the flattened (C order) distribution."""
    shape = payoffs[0].shape
    rows = []
    for i, u in enumerate(payoffs):
        U = np.moveaxis(u.astype(float), i, 0)  # own strategy first
        n = shape[i]
        if coarse:
            for t in range(n):
                coef = np.stack([U[t] - U[s] for s in range(n)])
                rows.append(np.moveaxis(coef, 0, i).ravel())
        else:
            for s in range(n):
                for t in range(n):
                    if s == t:
                        continue
                    coef = np.zeros_like(U)
                    coef[s] = U[t] - U[s]
                    rows.append(np.moveaxis(coef, 0, i).ravel())
    return np.array(rows)


def linprog_optimum(payoffs, coarse, objective="welfare", player=None, weights=None):
    """max objective over (coarse) correlated equilibria, by scipy's HiGHS."""
    flat = [u.astype(float).ravel() for u in payoffs]
    k = flat[0].size
    A_ub = incentive_rows(payoffs, coarse)
    b_ub = np.zeros(len(A_ub))
    if objective == "egalitarian":
        # variables (p, z): maximise z s.t. z - p.u_i <= 0
        c = np.zeros(k + 1)
        c[-1] = -1
        A_ub = np.vstack([np.hstack([A_ub, np.zeros((len(A_ub), 1))]),
                          np.array([np.append(-u, 1.0) for u in flat])])
        b_ub = np.zeros(len(A_ub))
        A_eq = np.append(np.ones(k), 0.0)[None, :]
        bounds = [(0, None)] * k + [(None, None)]
    else:
        if objective == "welfare":
            gain = sum(flat)
        elif objective == "player":
            gain = flat[player]
        else:
            gain = sum(w * u for w, u in zip(weights, flat))
        c = -gain
        A_eq = np.ones((1, k))
        bounds = [(0, None)] * k
    res = scipy_optimize.linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=[1.0], bounds=bounds,
                                 method="highs")
    assert res.status == 0
    return -res.fun


def check_distribution(payoffs, result, coarse, tol=1e-9):
    p = result.array
    assert p.shape == payoffs[0].shape
    assert np.all(p >= 0)
    assert p.sum() == pytest.approx(1.0, abs=1e-9)
    # Each incentive constraint, one by one.
    rows = incentive_rows(payoffs, coarse)
    assert np.all(rows @ p.ravel() <= tol)
    assert result.regret == pytest.approx(max(0.0, (rows @ p.ravel()).max()), abs=tol)
    np.testing.assert_allclose(result.payoffs, [np.sum(p * u) for u in payoffs], atol=1e-9)
    # The distribution list and the array agree.
    assert sum(q for _, q in result.distribution) == pytest.approx(1.0)
    for profile, q in result.distribution:
        assert q > 0 and p[profile] == q


@pytest.mark.parametrize("coarse", [False, True])
@pytest.mark.parametrize("shape", [(2, 2), (3, 3), (4, 3), (2, 2, 2), (3, 2, 3)])
def test_correlated_equilibrium_matches_linprog(shape, coarse):
    rng = np.random.default_rng(int("".join(map(str, shape))) * 2 + coarse)
    for _ in range(4):
        payoffs = random_game(shape, rng, high=20)
        g = en.Game(payoffs)
        result = en.correlated_equilibrium(g, coarse=coarse)
        assert result.coarse is coarse
        assert result.objective == pytest.approx(linprog_optimum(payoffs, coarse), abs=1e-7)
        assert result.objective == pytest.approx(result.payoffs.sum(), abs=1e-7)
        check_distribution(payoffs, result, coarse)


@pytest.mark.parametrize("coarse", [False, True])
def test_correlated_objectives_match_linprog(coarse):
    rng = np.random.default_rng(2024 + coarse)
    for shape in [(3, 3), (2, 3, 2)]:
        payoffs = random_game(shape, rng, high=10)
        g = en.Game(payoffs)
        n = len(shape)
        for player in range(n):
            r = en.correlated_equilibrium(g, objective="player", player=player, coarse=coarse)
            assert r.objective == pytest.approx(
                linprog_optimum(payoffs, coarse, "player", player=player), abs=1e-7)
            assert r.objective == pytest.approx(r.payoffs[player], abs=1e-7)
            check_distribution(payoffs, r, coarse)
        r = en.correlated_equilibrium(g, objective="player", player=-1, coarse=coarse)
        assert r.objective == pytest.approx(linprog_optimum(payoffs, coarse, "player", player=n - 1), abs=1e-7)
        r = en.correlated_equilibrium(g, objective="egalitarian", coarse=coarse)
        assert r.objective == pytest.approx(linprog_optimum(payoffs, coarse, "egalitarian"), abs=1e-7)
        assert r.objective == pytest.approx(r.payoffs.min(), abs=1e-7)
        check_distribution(payoffs, r, coarse)
        weights = [1.0, 2.5, 0.5][:n]
        r = en.correlated_equilibrium(g, objective="weighted", weights=weights, coarse=coarse)
        assert r.objective == pytest.approx(
            linprog_optimum(payoffs, coarse, "weighted", weights=weights), abs=1e-7)
        check_distribution(payoffs, r, coarse)


@pytest.mark.parametrize("coarse", [False, True])
@pytest.mark.parametrize("shape,high", [((5, 5, 5), 100), ((6, 6, 6), 100), ((7, 7, 7), 100),
                                        ((4, 4, 4, 4), 100), ((4, 4, 4), 4), ((3, 3, 3, 3), 3)])
def test_correlated_larger_games_match_linprog(shape, high, coarse):
    # Sizes where the floating LP is solved by the dual simplex from a crash
    # basis (the primal simplex from the slack basis stalls there), and
    # games with many ties (high=3, 4), the most degenerate LPs.
    rng = np.random.default_rng(sum(shape) * 10 + high + coarse)
    for _ in range(2):
        payoffs = random_game(shape, rng, high=high)
        g = en.Game(payoffs)
        r = en.correlated_equilibrium(g, coarse=coarse)
        assert r.objective == pytest.approx(linprog_optimum(payoffs, coarse), abs=1e-7)
        check_distribution(payoffs, r, coarse)
        if len(shape) == 4 or high < 10:
            r = en.correlated_equilibrium(g, objective="egalitarian", coarse=coarse)
            assert r.objective == pytest.approx(linprog_optimum(payoffs, coarse, "egalitarian"), abs=1e-7)
            check_distribution(payoffs, r, coarse)
            r = en.correlated_equilibrium(g, objective="player", player=1, coarse=coarse)
            assert r.objective == pytest.approx(linprog_optimum(payoffs, coarse, "player", player=1), abs=1e-7)
            check_distribution(payoffs, r, coarse)
            weights = [1.0, 2.5, 0.5, 3.0][:len(shape)]
            r = en.correlated_equilibrium(g, objective="weighted", weights=weights, coarse=coarse)
            assert r.objective == pytest.approx(
                linprog_optimum(payoffs, coarse, "weighted", weights=weights), abs=1e-7)
            check_distribution(payoffs, r, coarse)


@pytest.mark.parametrize("coarse", [False, True])
def test_correlated_exact_agrees_with_floating(coarse):
    rng = np.random.default_rng(77)
    for shape in [(3, 3), (2, 2, 2)]:
        payoffs = random_game(shape, rng, high=10)
        g = en.Game(payoffs)
        exact = en.correlated_equilibrium(g, coarse=coarse, exact=True)
        assert exact.exact_regret == Fraction(0)
        assert exact.objective == pytest.approx(linprog_optimum(payoffs, coarse), abs=1e-7)
        probs = {p: Fraction(q) for p, q in exact.exact_distribution}
        assert sum(probs.values()) == 1
        assert Fraction(exact.exact_objective) == sum(
            q * sum(int(u[p]) for u in payoffs) for p, q in probs.items())
        # The exact distribution satisfies every incentive constraint exactly.
        rows = incentive_rows(payoffs, coarse)
        dense = np.zeros(payoffs[0].shape, dtype=object)
        dense[...] = Fraction(0)
        for p, q in probs.items():
            dense[p] = q
        for row in rows:
            assert sum(Fraction(int(c)) * q for c, q in zip(row, dense.ravel()) if c) <= 0
        weighted = en.correlated_equilibrium(g, objective="weighted", weights=["1/2"] * len(shape),
                                             coarse=coarse, exact=True)
        assert Fraction(weighted.exact_objective) == Fraction(exact.exact_objective) / 2


def test_cce_contains_ce():
    rng = np.random.default_rng(3)
    for _ in range(5):
        payoffs = random_game((3, 3), rng, high=10)
        g = en.Game(payoffs)
        ce = en.correlated_equilibrium(g, exact=True)
        cce = en.correlated_equilibrium(g, coarse=True, exact=True)
        assert Fraction(cce.exact_objective) >= Fraction(ce.exact_objective)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"objective": "bogus"}, "objective"),
        ({"objective": "player"}, "player"),
        ({"objective": "player", "player": 2}, "out of range"),
        ({"objective": "player", "player": -3}, "out of range"),
        ({"objective": "player", "player": "0"}, "int"),
        ({"objective": "weighted"}, "weights"),
        ({"objective": "weighted", "weights": [1, 2, 3]}, "weights"),
        ({"objective": "weighted", "weights": [1, float("nan")]}, "finite"),
        ({"objective": "welfare", "player": 0}, "player"),
        ({"objective": "egalitarian", "weights": [1, 1]}, "weights"),
    ],
)
def test_correlated_bad_input(kwargs, message):
    g = en.Game([CHICKEN_A, CHICKEN_B])
    for exact in (False, True):
        with pytest.raises(ValueError, match=message):
            en.correlated_equilibrium(g, exact=exact, **kwargs)


@pytest.mark.parametrize("coarse", [False, True])
@pytest.mark.parametrize("shape", [(3, 2, 3), (3, 3, 3), (2, 2, 3, 2), (3, 3, 2, 3)])
def test_every_objective_matches_linprog_three_and_four_players(shape, coarse):
    """Each objective, 3 and 4 players: linprog's optimum (within 1e-7) and every incentive constraint."""
    g = en.random_game(shape, low=-5, high=20, seed=len(shape) * 100 + sum(shape) + coarse, exact=True)
    payoffs = [np.asarray(u, dtype=float) for u in g.payoffs]
    n = len(shape)
    cases = [("welfare", {}, {})]
    cases += [("player", {"player": i}, {"player": i}) for i in range(n)]
    cases += [("egalitarian", {}, {})]
    weights = [0.5, 2.0, 1.0, 3.0][:n]
    cases += [("weighted", {"weights": weights}, {"weights": weights})]
    for objective, kwargs, lp_kwargs in cases:
        for exact in (False, True):
            r = en.correlated_equilibrium(g, objective=objective, coarse=coarse, exact=exact, **kwargs)
            expected = linprog_optimum(payoffs, coarse, objective, **lp_kwargs)
            assert r.objective == pytest.approx(expected, abs=1e-7), (objective, exact)
            check_distribution(payoffs, r, coarse)
            if exact:
                assert r.exact_regret == Fraction(0)


def test_every_nash_equilibrium_is_a_correlated_equilibrium():
    """The product distribution of any Nash equilibrium satisfies every CE constraint,
    and so its welfare is at most the max-welfare CE's."""
    for seed in range(6):
        # Two players: every extreme equilibrium, exactly.
        g = en.random_game((3, 4), low=0, high=9, seed=seed, exact=True)
        payoffs = [np.asarray(u, dtype=float) for u in g.payoffs]
        rows = incentive_rows(payoffs, coarse=False)
        best = en.correlated_equilibrium(g).objective
        for e in en.enumerate_equilibria(g, exact=True):
            x, y = (np.array([float(Fraction(q)) for q in s]) for s in e.exact)
            p = np.outer(x, y)
            assert np.all(rows @ p.ravel() <= 1e-12)
            assert float(sum(np.sum(p * u) for u in payoffs)) <= best + 1e-9
        # Three and four players: every pure equilibrium, and the known mixed one.
        for shape in [(3, 3, 3), (2, 3, 2, 3)]:
            h = en.random_game(shape, low=0, high=4, seed=seed, exact=True)
            payoffs = [np.asarray(u, dtype=float) for u in h.payoffs]
            rows = incentive_rows(payoffs, coarse=False)
            best = en.correlated_equilibrium(h).objective
            for e in en.pure_equilibria(h):
                p = np.zeros(shape)
                p[e.profile] = 1
                assert np.all(rows @ p.ravel() <= 0)
                assert e.payoffs.sum() <= best + 1e-9
    known = en.unique_mixed_equilibrium(4)
    p = np.outer(*known.profile)
    game = en.unique_mixed_equilibrium_game(4)
    rows = incentive_rows([np.asarray(u) for u in game.payoffs], coarse=False)
    assert np.all(rows @ p.ravel() <= 1e-12)
