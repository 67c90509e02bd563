"""Game generators and learning dynamics, checked against independent numpy /
scipy computations: CCE and CE violations recomputed from the empirical
distribution, zero-sum values from scipy's linprog, replicator invariants."""
import itertools

from fractions import Fraction

import numpy as np
import pytest

import entente as en

scipy_optimize = pytest.importorskip("scipy.optimize")


def payoff_arrays(g):
    return [np.asarray(u, dtype=float) for u in g.payoffs]


# --- generators ---------------------------------------------------------------------


@pytest.mark.parametrize("shape", [(2, 3), (3, 3, 3), (2, 3, 2, 2)])
def test_random_game_reproducible_and_seed_dependent(shape):
    g = en.random_game(shape, seed=11)
    assert g.shape == shape and g.num_players == len(shape)
    assert g == en.random_game(shape, seed=11)
    assert g != en.random_game(shape, seed=12)
    for u in g.payoffs:
        assert u.shape == shape and np.all((u >= 0) & (u < 1))
    wide = en.random_game(shape, low=-3.0, high=7.0, seed=11)
    for u, v in zip(wide.payoffs, g.payoffs):  # the same draws, scaled
        np.testing.assert_allclose(u, -3.0 + 10.0 * v, atol=1e-12)
    ints = en.random_game(shape, low=-2, high=2, seed=11, exact=True)
    assert ints == en.random_game(shape, low=-2, high=2, seed=11, exact=True)
    assert ints != en.random_game(shape, low=-2, high=2, seed=13, exact=True)
    values = np.concatenate([u.ravel() for u in ints.payoffs])
    assert set(values.tolist()) <= {-2.0, -1.0, 0.0, 1.0, 2.0}


def test_random_game_uniform_statistics():
    g = en.random_game((40, 50), seed=5)
    x = np.concatenate([u.ravel() for u in g.payoffs])
    assert x.mean() == pytest.approx(0.5, abs=0.02)
    assert x.var() == pytest.approx(1 / 12, abs=0.01)
    ints = en.random_game((40, 50), low=1, high=6, seed=5, exact=True)
    counts = np.bincount(np.concatenate([u.ravel() for u in ints.payoffs]).astype(int), minlength=7)[1:]
    assert counts.min() > 0.8 * 4000 / 6


@pytest.mark.parametrize("rho", [-1.0, -0.4, 0.0, 0.5, 1.0])
def test_covariant_game_correlation(rho):
    g = en.covariant_game((40, 40), rho=rho, seed=9)
    assert g == en.covariant_game((40, 40), rho=rho, seed=9)
    assert g != en.covariant_game((40, 40), rho=rho, seed=10)
    a, b = (u.ravel() for u in g.payoffs)
    assert np.corrcoef(a, b)[0, 1] == pytest.approx(rho, abs=0.06)
    assert a.std() == pytest.approx(1.0, abs=0.06)
    three = en.covariant_game((10, 10, 10), rho=-0.5, seed=1)  # the lower bound for 3 players
    np.testing.assert_allclose(sum(three.payoffs), 0, atol=1e-9)


def test_small_named_games():
    assert [e.profile for e in en.pure_equilibria(en.coordination_game(4))] == [(s, s) for s in range(4)]
    d = en.dispersion_game(3, 4)
    eqs = {e.profile for e in en.pure_equilibria(d)}
    assert eqs == {p for p in itertools.product(range(4), repeat=3) if len(set(p)) == 3}
    assert en.pure_equilibria(en.shapley_game()) == []
    (sh,) = en.enumerate_equilibria(en.shapley_game(), exact=True)
    assert sh.exact == [[Fraction(1, 3)] * 3, [Fraction(1, 3)] * 3]
    z = en.random_zero_sum(4, 5, low=-3, high=3, seed=2)
    assert z.shape == (4, 5) and z.is_zero_sum() and z == en.random_zero_sum(4, 5, low=-3, high=3, seed=2)
    assert z != en.random_zero_sum(4, 5, low=-3, high=3, seed=3)
    rps = en.rock_paper_scissors_game(5)
    (e,) = en.enumerate_equilibria(rps, exact=True)
    assert e.exact == [[Fraction(1, 5)] * 5, [Fraction(1, 5)] * 5]


@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_unique_mixed_equilibrium_is_the_only_one(n):
    g = en.unique_mixed_equilibrium_game(n)
    known = en.unique_mixed_equilibrium(n)
    assert known.exact_regret == Fraction(0)
    harmonic = sum(1 / (j + 1) for j in range(n))
    np.testing.assert_allclose(known.profile[0], [1 / (j + 1) / harmonic for j in range(n)])
    (found,) = en.enumerate_equilibria(g, exact=True)
    assert found.exact == known.exact
    value, row, column = en.zero_sum(g.payoffs[0])
    assert value == pytest.approx(1 / harmonic)


# --- fictitious play ----------------------------------------------------------------


def linprog_value(A):
    """The value of the matrix game A for the row player, by scipy's HiGHS."""
    m, n = A.shape
    c = np.zeros(m + 1)
    c[-1] = -1  # maximise v
    A_ub = np.hstack([-A.T, np.ones((n, 1))])  # v - x.A[:, j] <= 0
    A_eq = np.append(np.ones(m), 0.0)[None, :]
    res = scipy_optimize.linprog(c, A_ub=A_ub, b_ub=np.zeros(n), A_eq=A_eq, b_eq=[1.0],
                                 bounds=[(0, None)] * m + [(None, None)], method="highs")
    assert res.status == 0
    return -res.fun


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_fictitious_play_approaches_the_value_of_a_zero_sum_game(seed):
    g = en.random_zero_sum(4, 5, low=-5, high=5, seed=seed)
    A = g.payoffs[0]
    value = linprog_value(A)
    short = en.fictitious_play(g, iterations=200)
    long = en.fictitious_play(g, iterations=20000, record_every=100)
    x, y = long.profile
    # The empirical strategies guarantee values that bracket the LP value (Robinson 1951).
    lower, upper = (x @ A).min(), (A @ y).max()
    assert lower <= value + 1e-12 <= upper + 2e-12
    assert upper - lower < 0.1
    assert long.regret < short.regret
    assert long.regret == pytest.approx(max((A @ y).max() - x @ A @ y, x @ A @ y - (x @ A).min()), abs=1e-12)
    # Rows: each player's block is a distribution; the last row is the profile.
    assert long.trajectory.shape == (len(long.steps), 9)
    assert long.steps[0] == 0 and long.steps[-1] == 20000
    np.testing.assert_allclose(long.player(0).sum(axis=1), 1)
    np.testing.assert_allclose(long.player(-1)[-1], y)
    assert long.offsets == [0, 4, 9]
    # The empirical joint distribution has the marginals of the last row.
    p = long.array
    assert p.sum() == pytest.approx(1)
    np.testing.assert_allclose(p.sum(axis=1), x, atol=1e-12)
    np.testing.assert_allclose(p.sum(axis=0), y, atol=1e-12)
    assert long.status == "complete" and long.iterations == 20000


def test_fictitious_play_prior_and_shapley_cycle():
    rps = en.rock_paper_scissors_game()
    r = en.fictitious_play(rps, iterations=1, prior=[[1, 0, 0], [0, 1, 0]])
    np.testing.assert_allclose(r.trajectory[0], [1, 0, 0, 0, 1, 0])
    # Strategy i beats i+1 (mod 3): against column 1 the row plays 0; against row 0 the column plays 2.
    np.testing.assert_allclose(r.trajectory[1], [1, 0, 0, 0, 0, 1])
    # Shapley's game: the frequencies do not converge, so the regret stays large.
    fp = en.fictitious_play(en.shapley_game(), iterations=20000, record_every=1000)
    assert fp.regret > 0.1


# --- replicator dynamics ------------------------------------------------------------


def test_replicator_conserves_the_rock_paper_scissors_invariant():
    # For a two-population zero-sum game with interior equilibrium (x*, y*),
    # H = sum x*_s log x_s + sum y*_s log y_s is constant along solutions
    # (Hofbauer & Sigmund, "Evolutionary Games and Population Dynamics", 1998, Sec. 11.2).
    rps = en.rock_paper_scissors_game()
    start = [[0.6, 0.3, 0.1], [0.2, 0.2, 0.6]]
    r = en.replicator_dynamics(rps, dt=0.01, iterations=3000, start=start, record_every=10)
    H = np.log(r.trajectory).sum(axis=1) / 3
    assert np.ptp(H) < 1e-6
    assert np.all(r.trajectory > 1e-3)  # interior: it orbits, never reaching a face
    np.testing.assert_allclose(r.trajectory[0], np.concatenate(start))
    assert r.steps[-1] == 3000 and r.status == "complete"
    # Euler steps drift outwards (H falls) but still stay interior for this horizon.
    e = en.replicator_dynamics(rps, dt=0.01, iterations=3000, start=start, method="euler", record_every=10)
    He = np.log(e.trajectory).sum(axis=1) / 3
    assert He[-1] < He[0] - 1e-4
    assert np.all(e.trajectory > 0)


def test_replicator_asymmetric_game_finds_the_dominant_profile():
    # Prisoner's dilemma as a two-population game: defection takes over both.
    A = np.array([[3, 0], [5, 1]])
    r = en.replicator_dynamics(en.Game([A, A.T]), dt=0.05, iterations=2000)
    np.testing.assert_allclose(r.profile[0], [0, 1], atol=1e-6)
    np.testing.assert_allclose(r.profile[1], [0, 1], atol=1e-6)
    assert r.regret < 1e-5
    # Three populations: shares stay distributions; extinct strategies stay extinct.
    g = en.random_game((3, 2, 4), seed=4)
    start = [[0.5, 0.5, 0.0], [0.3, 0.7], [0.25] * 4]
    r = en.replicator_dynamics(g, dt=0.02, iterations=500, start=start)
    for i in range(3):
        np.testing.assert_allclose(r.player(i).sum(axis=1), 1, atol=1e-12)
    assert np.all(r.player(0)[:, 2] == 0)


# --- best-response dynamics -----------------------------------------------------------


def test_best_response_dynamics():
    for seed in range(5):
        g = en.covariant_game((3, 3, 3), rho=1.0, seed=seed)  # common interest: a potential game
        r = en.best_response_dynamics(g, start=[2, 1, 0])
        assert r.status == "converged" and r.converged
        profile = tuple(int(np.argmax(p)) for p in r.profile)
        assert profile in {e.profile for e in en.pure_equilibria(g)}
        assert r.regret == 0
        assert np.all(np.isin(r.trajectory, [0.0, 1.0]))
    cycle = en.best_response_dynamics(en.shapley_game(), iterations=30)
    assert cycle.status == "iteration_limit" and not cycle.converged and cycle.iterations == 30
    sim = en.best_response_dynamics(en.coordination_game(2), start=[0, 1], simultaneous=True, iterations=9)
    assert sim.status == "iteration_limit"  # alternates (0,1) <-> (1,0)


# --- regret matching ------------------------------------------------------------------


def deviation_gains(payoffs, p, coarse):
    """max over incentive constraints of the expected gain under p (numpy, independent)."""
    worst = 0.0
    for i, u in enumerate(payoffs):
        U = np.moveaxis(u, i, 0)  # own strategy first
        P = np.moveaxis(p, i, 0)
        n = U.shape[0]
        for t in range(n):
            if coarse:
                worst = max(worst, float(np.sum(P * (U[t][None] - U))))
            else:
                for s in range(n):
                    if s != t:
                        worst = max(worst, float(np.sum(P[s] * (U[t] - U[s]))))
    return worst


@pytest.mark.parametrize("conditional", [False, True])
@pytest.mark.parametrize("shape", [(3, 3), (3, 3, 3), (2, 3, 2, 2)])
def test_regret_matching_approaches_the_cce_set(shape, conditional):
    g = en.random_game(shape, seed=17)
    payoffs = payoff_arrays(g)
    coarse = not conditional
    r = en.regret_matching(g, iterations=40000, record_every=2000, seed=3, conditional=conditional)
    assert r.status == "complete" and r.iterations == 40000
    assert r.distribution is not None
    p = r.array
    assert p.shape == shape and p.sum() == pytest.approx(1)
    assert sum(q for _, q in r.distribution) == pytest.approx(1)
    # The reported certificate matches an independent recomputation.
    gain = deviation_gains(payoffs, p, coarse)
    assert r.gains[-1] == pytest.approx(gain, abs=1e-9)
    assert gain < 0.02
    # ... and falls with more rounds (same seed, the first rounds are identical).
    early = en.regret_matching(g, iterations=500, seed=3, conditional=conditional)
    assert deviation_gains(payoffs, early.array, coarse) > gain
    assert len(r.gains) == len(r.steps) and r.gains[0] == 0
    # Marginals of the joint distribution are the last trajectory row.
    for i in range(len(shape)):
        other = tuple(k for k in range(len(shape)) if k != i)
        np.testing.assert_allclose(p.sum(axis=other), r.player(i)[-1], atol=1e-12)


def test_regret_matching_reproducible_for_a_seed():
    g = en.random_game((3, 3, 3), seed=1)
    a = en.regret_matching(g, iterations=300, seed=5)
    b = en.regret_matching(g, iterations=300, seed=5)
    c = en.regret_matching(g, iterations=300, seed=6)
    np.testing.assert_array_equal(a.trajectory, b.trajectory)
    assert a.distribution == b.distribution
    assert not np.array_equal(a.trajectory, c.trajectory)


def test_time_limit_stops_with_a_status():
    g = en.random_game((4, 4, 4), seed=1)
    for run in (lambda: en.fictitious_play(g, iterations=10**9, record_every=10**8, time_limit=0.01),
                lambda: en.regret_matching(g, iterations=10**9, record_every=10**8, time_limit=0.01),
                lambda: en.replicator_dynamics(g, iterations=10**9, record_every=10**8, time_limit=0.01),
                lambda: en.best_response_dynamics(en.shapley_game(), iterations=10**9, record_every=10**8,
                                                  time_limit=0.01)):
        r = run()
        assert r.status == "time_limit"
        assert 0 < r.iterations < 10**9 and r.steps[-1] == r.iterations


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: en.random_game((2, 2), low=1.0, high=1.0), "range"),
        (lambda: en.random_game((2, 2), low=3, high=2, exact=True), "range"),
        (lambda: en.random_game((2, 2), low=0.5, high=2, exact=True), "int"),
        (lambda: en.random_game((2, 2), high=float("inf")), "finite"),
        (lambda: en.random_game((2, 0)), "at least 1"),
        (lambda: en.random_game(()), "player"),
        (lambda: en.random_game(3), "sequence"),
        (lambda: en.random_game((2, 2), seed=-1), "seed"),
        (lambda: en.random_game((2, 2), seed=2**64), "seed"),
        (lambda: en.random_game((10**6, 10**6, 10**6)), ""),
        (lambda: en.covariant_game((2, 2, 2), rho=-0.9), "rho"),
        (lambda: en.covariant_game((2, 2), rho=float("nan")), "rho"),
        (lambda: en.covariant_game((4,), rho=0.0), "two players"),
        (lambda: en.coordination_game(0), "at least 1"),
        (lambda: en.rock_paper_scissors_game(4), "odd"),
        (lambda: en.unique_mixed_equilibrium(-2), "at least 1"),
        (lambda: en.fictitious_play(en.shapley_game(), iterations=0), "iterations"),
        (lambda: en.fictitious_play(en.shapley_game(), record_every=-1), "record_every"),
        (lambda: en.fictitious_play(en.shapley_game(), prior=[[1, 0, 0]]), "2 probability vectors"),
        (lambda: en.fictitious_play(en.shapley_game(), prior=[[1, 0, 0], [0.5, 0.6, 0]]), ""),
        (lambda: en.fictitious_play(en.shapley_game(), time_limit=-1.0), "time_limit"),
        (lambda: en.replicator_dynamics(en.shapley_game(), dt=0.0), "dt"),
        (lambda: en.replicator_dynamics(en.shapley_game(), dt=float("nan")), "dt"),
        (lambda: en.replicator_dynamics(en.shapley_game(), method="rk45"), "method"),
        (lambda: en.replicator_dynamics(en.shapley_game(), start=[[1, 0], [0, 1]]), ""),
        (lambda: en.best_response_dynamics(en.shapley_game(), start=[0, 3]), ""),
        (lambda: en.best_response_dynamics(en.shapley_game(), start=[0, -1]), "negative"),
        (lambda: en.best_response_dynamics(en.shapley_game(), start=[0]), "2 strategy indices"),
        (lambda: en.regret_matching(en.shapley_game(), seed=-3), "seed"),
        (lambda: en.regret_matching(en.shapley_game(), iterations=True), "int"),
        (lambda: en.regret_matching(en.shapley_game(), time_limit=0.0), "time_limit"),
    ],
)
def test_bad_input_is_a_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()

