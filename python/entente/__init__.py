"""entente: game theory for alliance and balancing problems.

A thin package around the compiled module ``entente._core``: games in normal
form (exact and floating), Gambit .nfg files, and the C++ solvers, each
result with a regret certificate. Python adds no game logic of its own.

Games come as ``Game([u_1, ..., u_N])`` (one array per player),
``Game(A, B)`` (a bimatrix game), ``Game(A)`` (zero-sum) or one stacked
array with ``layout="players_first"`` or ``layout="profile_last"``.
``expected_payoffs``, ``best_responses``, ``regret`` and ``is_nash``
evaluate any mixed profile. Every exact value (``exact=True``) comes back
as a ``fractions.Fraction``; the command line's JSON keeps ``"p/q"``
strings.

Examples
--------
>>> import entente as en
>>> value, row, column = en.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], exact=True)
>>> value, row
(Fraction(0, 1), [Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)])
>>> g = en.Game([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
>>> en.is_nash(g, [row, column], exact=True)
True
"""

from ._core import (
    AllianceResult,
    AllianceSweepResult,
    BehaviorEquilibrium,
    CoalitionalGame,
    CompactGame,
    CorrelatedEquilibrium,
    DominanceResult,
    Elimination,
    Equilibrium,
    ExtensiveGame,
    Game,
    LogitResult,
    NashComponent,
    NashSubset,
    ParseError,
    PureEquilibrium,
    SimpdivResult,
    Scenario,
    SolveResult,
    SweepRecords,
    SweepResult,
    SolverError,
    TreeSolveResult,
    WeightedVotingGame,
    __version__,
    alliances,
    available_methods,
    best_responses,
    characteristic_function,
    continue_equilibrium,
    correlated_equilibrium,
    eliminate_dominated,
    enumerate_equilibria,
    expected_payoffs,
    is_nash,
    is_nondegenerate,
    lemke_howson,
    lemke_howson_all,
    logit,
    maximal_nash_subsets,
    nash_components,
    parse_efg,
    parse_nfg,
    pure_equilibria,
    read_efg,
    read_nfg,
    regret,
    sampled_shapley,
    sequential_game,
    simpdiv,
    solve,
    support_enumeration,
    zero_sum,
)

from ._core import (  # generators and learning dynamics
    LearningResult,
    best_response_dynamics,
    coordination_game,
    covariant_game,
    dispersion_game,
    fictitious_play,
    random_game,
    random_zero_sum,
    regret_matching,
    replicator_dynamics,
    rock_paper_scissors_game,
    shapley_game,
    unique_mixed_equilibrium,
    unique_mixed_equilibrium_game,
)
from ._core import CoalitionStructure, optimal_coalition_structure  # coalition structure generation

__all__ = [
    "AllianceResult",
    "AllianceSweepResult",
    "BehaviorEquilibrium",
    "CoalitionalGame",
    "CompactGame",
    "CorrelatedEquilibrium",
    "DominanceResult",
    "Elimination",
    "Equilibrium",
    "ExtensiveGame",
    "Game",
    "LogitResult",
    "NashComponent",
    "NashSubset",
    "ParseError",
    "PureEquilibrium",
    "SimpdivResult",
    "Scenario",
    "SolveResult",
    "SweepRecords",
    "SweepResult",
    "SolverError",
    "TreeSolveResult",
    "WeightedVotingGame",
    "__version__",
    "alliances",
    "available_methods",
    "best_responses",
    "characteristic_function",
    "continue_equilibrium",
    "correlated_equilibrium",
    "eliminate_dominated",
    "enumerate_equilibria",
    "expected_payoffs",
    "is_nash",
    "is_nondegenerate",
    "lemke_howson",
    "lemke_howson_all",
    "logit",
    "maximal_nash_subsets",
    "nash_components",
    "parse_efg",
    "parse_nfg",
    "pure_equilibria",
    "read_efg",
    "read_nfg",
    "regret",
    "sampled_shapley",
    "sequential_game",
    "simpdiv",
    "solve",
    "support_enumeration",
    "zero_sum",
    "LearningResult",
    "best_response_dynamics",
    "coordination_game",
    "covariant_game",
    "dispersion_game",
    "fictitious_play",
    "random_game",
    "random_zero_sum",
    "regret_matching",
    "replicator_dynamics",
    "rock_paper_scissors_game",
    "shapley_game",
    "unique_mixed_equilibrium",
    "unique_mixed_equilibrium_game",
    "CoalitionStructure",
    "optimal_coalition_structure",
]

from ._scenario import alliance_sweep as _alliance_sweep
from ._scenario import alliances as _scenario_alliances
from ._scenario import sweep as _sweep

# Scenario.sweep is C++ underneath (Scenario._sweep_points); the Python part
# only draws the progress bar and distributes chunks over Dask.
Scenario.sweep = _sweep
Scenario.alliance_sweep = _alliance_sweep
Scenario.alliances = _scenario_alliances
del _sweep, _alliance_sweep, _scenario_alliances

# Show the public names as entente.X rather than entente._core.X (pickle
# finds them here too, since they are re-exported).
for _name in __all__:
    if isinstance(globals()[_name], type):
        globals()[_name].__module__ = __name__
del _name
