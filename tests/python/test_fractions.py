"""Every exact value the module returns is a fractions.Fraction (not a "p/q"
string, not an int or float that merely compares equal), with known values."""
import pickle
from fractions import Fraction

import numpy as np

import entente as en

F = Fraction


def fractions_only(values):
    """Flattens nested lists/tuples and checks every leaf is a Fraction."""
    if isinstance(values, (list, tuple)):
        return [x for v in values for x in fractions_only(v)]
    assert type(values) is Fraction, repr(values)
    return [values]


def test_matrix_and_bimatrix_solvers(rps_matrix):
    value, row, column = en.zero_sum(rps_matrix, exact=True)
    assert fractions_only([value, row, column]) == [F(0)] + [F(1, 3)] * 6
    bos = en.Game([[3, 0], [0, 2]], [[2, 0], [0, 3]])   # battle of the sexes
    mixed = [F(3, 5), F(2, 5)], [F(2, 5), F(3, 5)]
    eqs = en.enumerate_equilibria(bos, exact=True)
    assert [e.exact for e in eqs] == [[[1, 0], [1, 0]], list(mixed), [[0, 1], [0, 1]]]
    for e in eqs:
        fractions_only([e.exact, e.exact_payoffs, e.exact_regret])
    assert eqs[1].exact_payoffs == [F(6, 5), F(6, 5)] and eqs[1].exact_regret == 0
    back = pickle.loads(pickle.dumps(eqs[1]))
    assert fractions_only(back.exact) == [*mixed[0], *mixed[1]]
    assert "3/5" in repr(eqs[1])
    for solver in (en.lemke_howson, en.solve):
        got = solver(bos, exact=True)
        for e in got if isinstance(got, (list, en.SolveResult)) else [got]:
            fractions_only([e.exact, e.exact_payoffs, e.exact_regret])
    for e in en.support_enumeration(bos, exact=True) + en.lemke_howson_all(bos, exact=True):
        fractions_only(e.exact)
    (s,) = en.maximal_nash_subsets(en.Game([[1, 1]], [[1, 1]]), exact=True)
    assert fractions_only([s.exact_rows, s.exact_columns]) == [1, 1, 0, 0, 1]


def test_game_pure_dominance_and_correlated():
    g = en.Game([[[0.5, "1/3"]], [[1, 0]]])
    assert fractions_only(g.exact_payoffs(0)) == [F(1, 2), F(1, 3)]
    (pure,) = en.pure_equilibria(g, exact=True)
    assert fractions_only(pure.exact_payoffs) == [F(1, 2), F(1)]
    r = en.eliminate_dominated(en.Game([[3, 0], [0, 3], [1, 1]], np.zeros((3, 2))), exact=True)
    assert fractions_only(r.trace[0].dominated_by) == [F(1, 2), F(1, 2), F(0)]
    chicken = en.Game([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    ce = en.correlated_equilibrium(chicken, exact=True)
    assert fractions_only([ce.exact_objective, ce.exact_regret]) == [F(21, 2), F(0)]
    fractions_only(ce.exact_payoffs)
    assert [p for _, p in ce.exact_distribution] == fractions_only([p for _, p in ce.exact_distribution])
    r = en.simpdiv(en.rock_paper_scissors_game(), exact=True)
    assert fractions_only(r.equilibrium.exact) == [F(1, 3)] * 6
    fractions_only(en.unique_mixed_equilibrium(3).exact)


def test_cooperative_and_alliances():
    glove = en.CoalitionalGame(3, [0, 0, 0, 1, 0, 1, 0, 1])
    assert fractions_only(glove.shapley(exact=True)) == [F(2, 3), F(1, 6), F(1, 6)]
    assert fractions_only(glove.nucleolus(exact=True)) == [F(1), F(0), F(0)]
    assert fractions_only(glove.banzhaf(exact=True)) == [F(3, 4), F(1, 4), F(1, 4)]
    assert fractions_only(glove.core(exact=True)) == [F(1), F(0), F(0)]
    assert fractions_only(glove.core_vertices(exact=True)) == [F(1), F(0), F(0)]
    assert fractions_only(glove.exact_values()) == [0, 0, 0, 1, 0, 1, 0, 1]
    eps, point = glove.least_core(exact=True)
    assert fractions_only([eps, point]) == [F(0), F(1), F(0), F(0)]
    assert fractions_only(glove.epsilon_core(0, exact=True)) == [1, 0, 0]
    assert fractions_only(glove.nucleolus_result(exact=True)["point"]) == [1, 0, 0]
    voting = en.WeightedVotingGame(3, [2, 1, 1])
    assert fractions_only(voting.shapley_shubik(exact=True)) == [F(2, 3), F(1, 6), F(1, 6)]
    fractions_only(voting.banzhaf(exact=True))
    pd = en.Game(np.array([[3, 0], [5, 1]]), np.array([[3, 5], [0, 1]]))
    fractions_only(en.characteristic_function(pd, exact=True).exact_values())
    result = en.alliances(pd, exact=True)
    fractions_only([result.exact_shapley, result.exact_banzhaf])
    for record in result.records():
        fractions_only(record["exact_payoffs"])
