"""Type stubs for entente (the package re-exports entente._core)."""

import os
from fractions import Fraction
from typing import Any, Callable, Iterable, Literal, Mapping, Sequence, overload

import numpy as np
import numpy.typing as npt

__version__: str
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

_Number = float | int | str | Any  # Any: fractions.Fraction, decimal.Decimal, numpy scalars
_PayoffArray = npt.ArrayLike | Sequence[Any]

class SolverError(RuntimeError):
    """An external solver failed or an exact check of its answer did not hold."""

class ParseError(ValueError):
    """A malformed .nfg file or text; the message names the source and line."""

class Game:
    """A finite game in normal (strategic) form, kept exactly and in floating point."""

    def __init__(
        self,
        payoffs: Sequence[_PayoffArray] | npt.ArrayLike,
        B: _PayoffArray | None = None,
        *,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str = "",
        layout: Literal["players_first", "profile_last"] | None = None,
    ) -> None: ...
    @property
    def payoffs(self) -> list[npt.NDArray[np.float64]]:
        """Each player's payoffs, a read-only float64 view of shape ``shape``."""
    def exact_payoffs(self, player: int) -> list[Any]:
        """One player's exact payoffs as nested lists of ``fractions.Fraction``."""
    def __getitem__(self, profile: int | tuple[int, ...]) -> npt.NDArray[np.float64]:
        """The payoff vector of a pure profile ``g[s_1, ..., s_N]``."""
    @property
    def players(self) -> list[str]: ...
    @property
    def strategies(self) -> list[list[str]]: ...
    @property
    def shape(self) -> tuple[int, ...]: ...
    @property
    def num_players(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def comment(self) -> str: ...
    def is_zero_sum(self) -> bool: ...
    def is_constant_sum(self) -> bool: ...
    def to_nfg(self) -> str: ...
    def write_nfg(self, path: str | os.PathLike[str]) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __ne__(self, other: object) -> bool: ...
    __hash__: None  # type: ignore[assignment]
    def __getstate__(self) -> tuple[str]: ...
    def __setstate__(self, state: tuple[str]) -> None: ...

class Equilibrium:
    """An equilibrium with its regret certificate, as ``solve`` returns it."""

    @property
    def profile(self) -> list[npt.NDArray[np.float64]]: ...
    @property
    def payoffs(self) -> npt.NDArray[np.float64]: ...
    @property
    def regret(self) -> float: ...
    @property
    def exact(self) -> list[list[Fraction]] | None: ...
    @property
    def exact_payoffs(self) -> list[Fraction] | None: ...
    @property
    def exact_regret(self) -> Fraction | None: ...

class SolveResult(Sequence[Equilibrium | CorrelatedEquilibrium]):
    """What ``solve`` returns: the selected equilibria and how they were found."""

    @property
    def method(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def selection(self) -> str: ...
    @property
    def equilibria(self) -> list[Equilibrium]: ...
    @property
    def correlated(self) -> CorrelatedEquilibrium | None: ...
    @property
    def found(self) -> int: ...
    @property
    def continued(self) -> bool: ...
    def __len__(self) -> int: ...
    @overload
    def __getitem__(self, index: int) -> Equilibrium | CorrelatedEquilibrium: ...
    @overload
    def __getitem__(self, index: slice) -> list[Equilibrium | CorrelatedEquilibrium]: ...

class SweepRecords:
    """Per-point records of a sweep, in grid order, built on access."""

    def __len__(self) -> int: ...
    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

class SweepResult:
    """What ``Scenario.sweep`` returns: read-only numpy views of the C++ result."""

    @property
    def parameters(self) -> list[str]: ...
    @property
    def shape(self) -> tuple[int, ...]: ...
    @property
    def grid(self) -> dict[str, npt.NDArray[np.float64]]: ...
    @property
    def values(self) -> npt.NDArray[np.float64]: ...
    @property
    def payoffs(self) -> npt.NDArray[np.float64]: ...
    @property
    def strategy(self) -> npt.NDArray[np.int64]: ...
    @property
    def count(self) -> npt.NDArray[np.int64]: ...
    @property
    def regret(self) -> npt.NDArray[np.float64]: ...
    @property
    def continued(self) -> npt.NDArray[np.bool_]: ...
    @property
    def actors(self) -> list[str]: ...
    @property
    def method(self) -> str: ...
    @property
    def selection(self) -> str: ...
    @property
    def cancelled(self) -> bool: ...
    @property
    def records(self) -> SweepRecords: ...
    def keys(self) -> list[str]: ...
    def __getitem__(self, key: str) -> Any: ...
    def __contains__(self, key: str) -> bool: ...
    def __len__(self) -> int: ...

@overload
def solve(
    game: Game,
    method: str = "auto",
    exact: bool = False,
    selection: str = "all",
    time_limit: float | None = None,
) -> SolveResult:
    """Equilibria of a game through the one solve pipeline, each with its regret certificate."""
@overload
def solve(
    game: ExtensiveGame,
    method: str = "auto",
    exact: bool = False,
    selection: str = "all",
    time_limit: float | None = None,
) -> TreeSolveResult: ...

@overload
def zero_sum(
    A: _PayoffArray, exact: Literal[False] = False
) -> tuple[float, npt.NDArray[np.float64], npt.NDArray[np.float64]]: ...
@overload
def zero_sum(A: _PayoffArray, exact: Literal[True]) -> tuple[Fraction, list[Fraction], list[Fraction]]: ...
@overload
def zero_sum(
    A: _PayoffArray, exact: bool
) -> tuple[float, npt.NDArray[np.float64], npt.NDArray[np.float64]] | tuple[Fraction, list[Fraction], list[Fraction]]: ...
_Profile = Sequence[npt.ArrayLike | Sequence[_Number]]

@overload
def expected_payoffs(game: Game, profile: _Profile, *, exact: Literal[False] = False) -> npt.NDArray[np.float64]: ...
@overload
def expected_payoffs(game: Game, profile: _Profile, *, exact: Literal[True]) -> list[Fraction]: ...
@overload
def expected_payoffs(game: Game, profile: _Profile, *, exact: bool) -> npt.NDArray[np.float64] | list[Fraction]: ...
def best_responses(game: Game, profile: _Profile, *, exact: bool = False) -> list[list[int]]:
    """Each player's pure best responses to the others' strategies in ``profile``."""

@overload
def regret(game: Game, profile: _Profile, *, exact: Literal[False] = False) -> float: ...
@overload
def regret(game: Game, profile: _Profile, *, exact: Literal[True]) -> Fraction: ...
@overload
def regret(game: Game, profile: _Profile, *, exact: bool) -> float | Fraction: ...
def is_nash(game: Game, profile: _Profile, tol: _Number | None = None, *, exact: bool = False) -> bool:
    """Whether ``profile`` is a Nash equilibrium: its regret is at most ``tol``."""

def available_methods() -> list[str]:
    """The solver methods that work now."""

def read_nfg(path: str | os.PathLike[str]) -> Game:
    """Reads a game from a Gambit .nfg file."""

def parse_nfg(text: str | bytes, source: str = "<nfg>") -> Game:
    """Parses a game from Gambit .nfg text."""

class BehaviorEquilibrium:
    """An equilibrium of a game tree in behaviour strategies, with its certificate."""

    @property
    def behavior(self) -> list[list[npt.NDArray[np.float64]]]: ...
    @property
    def payoffs(self) -> npt.NDArray[np.float64]: ...
    @property
    def regret(self) -> float: ...
    @property
    def exact(self) -> list[list[list[Fraction]]] | None: ...
    @property
    def exact_payoffs(self) -> list[Fraction] | None: ...
    @property
    def exact_regret(self) -> Fraction | None: ...

class TreeSolveResult(Sequence[BehaviorEquilibrium]):
    """What ``solve`` returns for a game tree."""

    @property
    def method(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def selection(self) -> str: ...
    @property
    def equilibria(self) -> list[BehaviorEquilibrium]: ...
    @property
    def found(self) -> int: ...
    @property
    def normal_form(self) -> bool: ...
    def __len__(self) -> int: ...
    @overload
    def __getitem__(self, index: int) -> BehaviorEquilibrium: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[BehaviorEquilibrium]: ...

class ExtensiveGame:
    """A finite game in extensive form: a tree of chance and personal nodes."""

    def __init__(self, players: Sequence[str], title: str = "") -> None: ...
    @property
    def players(self) -> list[str]: ...
    @property
    def title(self) -> str: ...
    @property
    def comment(self) -> str: ...
    @property
    def root(self) -> int: ...
    @property
    def num_nodes(self) -> int: ...
    @property
    def infosets(self) -> list[list[dict[str, Any]]]: ...
    def node(self, node: int) -> dict[str, Any]: ...
    def children(self, node: int) -> list[int]: ...
    def add_move(self, node: int, player: int, actions: Sequence[str] | int, label: str = "") -> int: ...
    def add_chance(
        self, node: int, actions: Sequence[str] | int, probabilities: Sequence[_Number] | None = None, label: str = ""
    ) -> int: ...
    def set_outcome(self, node: int, payoffs: Sequence[_Number], label: str = "") -> int: ...
    def payoffs_at(self, node: int, exact: bool = False) -> list[Any]: ...
    def has_perfect_recall(self) -> bool: ...
    def perfect_recall_violation(self) -> str | None: ...
    def is_perfect_information(self) -> bool: ...
    def to_normal_form(self) -> Game: ...
    def play_path(self, equilibrium: BehaviorEquilibrium) -> list[tuple[int, int]]: ...
    def to_efg(self) -> str: ...
    def write_efg(self, path: str | os.PathLike[str]) -> None: ...

def sequential_game(game: Game, order: Sequence[str]) -> ExtensiveGame:
    """A normal-form game played as a chain of moves, in ``order``."""

def read_efg(path: str | os.PathLike[str]) -> ExtensiveGame:
    """Reads a game tree from a Gambit .efg file."""

def parse_efg(text: str | bytes, source: str = "<efg>") -> ExtensiveGame:
    """Parses a game tree from .efg text."""

class NashSubset:
    """A maximal Nash subset: every mix of ``rows`` against every mix of ``columns`` is an equilibrium."""

    @property
    def rows(self) -> list[npt.NDArray[np.float64]]: ...
    @property
    def columns(self) -> list[npt.NDArray[np.float64]]: ...
    @property
    def exact_rows(self) -> list[list[Fraction]] | None: ...
    @property
    def exact_columns(self) -> list[list[Fraction]] | None: ...
    @property
    def indices(self) -> list[int]:
        """Positions of its extreme equilibria in ``enumerate_equilibria(game, exact)``."""
    @property
    def equilibria(self) -> list[Equilibrium]: ...

class NashComponent(NashSubset):
    """A connected component of the equilibrium set of a two-player game."""

    @property
    def subsets(self) -> list[NashSubset]: ...

class PureEquilibrium:
    """A pure-strategy Nash equilibrium, as ``pure_equilibria`` returns it."""

    @property
    def profile(self) -> tuple[int, ...]: ...
    @property
    def payoffs(self) -> npt.NDArray[np.float64]: ...
    @property
    def strict(self) -> bool: ...
    @property
    def regret(self) -> float: ...
    @property
    def exact_payoffs(self) -> list[Fraction] | None: ...

class Elimination:
    """One eliminated strategy in ``DominanceResult.trace``."""

    @property
    def player(self) -> int: ...
    @property
    def strategy(self) -> int: ...
    @property
    def dominated_by(self) -> npt.NDArray[np.float64] | list[Fraction]:
        """numpy float64 when eliminated with ``exact=False``, ``fractions.Fraction`` values with ``exact=True``."""
    @property
    def round(self) -> int: ...

class DominanceResult:
    """What ``eliminate_dominated`` returns."""

    @property
    def game(self) -> Game: ...
    @property
    def surviving(self) -> list[list[int]]: ...
    @property
    def trace(self) -> list[Elimination]: ...
    @property
    def rounds(self) -> int: ...

class CorrelatedEquilibrium:
    """A (coarse) correlated equilibrium, as ``correlated_equilibrium`` returns it."""

    @property
    def distribution(self) -> list[tuple[tuple[int, ...], float]]: ...
    @property
    def exact_distribution(self) -> list[tuple[tuple[int, ...], Fraction]] | None: ...
    @property
    def array(self) -> npt.NDArray[np.float64]: ...
    @property
    def payoffs(self) -> npt.NDArray[np.float64]: ...
    @property
    def exact_payoffs(self) -> list[Fraction] | None: ...
    @property
    def objective(self) -> float: ...
    @property
    def exact_objective(self) -> Fraction | None: ...
    @property
    def regret(self) -> float: ...
    @property
    def exact_regret(self) -> Fraction | None: ...
    @property
    def coarse(self) -> bool: ...

def lemke_howson(game: Game, label: int = 0, exact: bool = False) -> Equilibrium:
    """One equilibrium of a two-player game by Lemke-Howson, dropping ``label``."""

def lemke_howson_all(game: Game, exact: bool = False) -> list[Equilibrium]:
    """Lemke-Howson from every label; the distinct equilibria found."""

def enumerate_equilibria(game: Game, exact: bool = False) -> list[Equilibrium]:
    """Every extreme equilibrium of a two-player game."""

def maximal_nash_subsets(game: Game, exact: bool = False) -> list[NashSubset]:
    """The maximal Nash subsets of a two-player game."""

def nash_components(game: Game, exact: bool = False) -> list[NashComponent]:
    """The connected components of the equilibrium set of a two-player game."""

def support_enumeration(game: Game, exact: bool = False) -> list[Equilibrium]:
    """Equilibria of a nondegenerate two-player game by support enumeration."""

def is_nondegenerate(game: Game, exact: bool = True) -> bool:
    """Whether a two-player game is nondegenerate."""

def pure_equilibria(game: Game, exact: bool = False) -> list[PureEquilibrium]:
    """All pure-strategy Nash equilibria of an N-player game."""

def eliminate_dominated(
    game: Game, mixed: bool = True, weak: bool = False, exact: bool = False
) -> DominanceResult:
    """Iterated elimination of dominated strategies."""

def correlated_equilibrium(
    game: Game,
    objective: Literal["welfare", "player", "egalitarian", "weighted"] = "welfare",
    coarse: bool = False,
    exact: bool = False,
    player: int | None = None,
    weights: Sequence[_Number] | npt.ArrayLike | None = None,
) -> CorrelatedEquilibrium:
    """A correlated (or coarse correlated) equilibrium that maximises an objective."""

class CoalitionalGame:
    """A transferable-utility game in characteristic function form, kept exactly and in floating point."""

    def __init__(
        self,
        n: int | None = None,
        values: Sequence[_Number]
        | npt.ArrayLike
        | Mapping[Iterable[int | str], _Number]
        | Callable[[frozenset[Any]], _Number]
        | None = None,
        players: Sequence[str] | None = None,
    ) -> None: ...
    @property
    def n(self) -> int: ...
    @property
    def values(self) -> npt.NDArray[np.float64]:
        """v(S) for every coalition mask S, a float64 array of length ``2**n``."""
    def exact_values(self) -> list[Fraction]: ...
    @property
    def players(self) -> list[str]: ...
    @overload
    def shapley(self, exact: Literal[False] = False) -> npt.NDArray[np.float64]: ...
    @overload
    def shapley(self, exact: Literal[True]) -> list[Fraction]: ...
    @overload
    def banzhaf(self, normalized: bool = False, exact: Literal[False] = False) -> npt.NDArray[np.float64]: ...
    @overload
    def banzhaf(self, normalized: bool, exact: Literal[True]) -> list[Fraction]: ...
    @overload
    def banzhaf(self, *, exact: Literal[True]) -> list[Fraction]: ...
    @overload
    def nucleolus(self, exact: Literal[False] = False, method: str = "generation") -> npt.NDArray[np.float64]: ...
    @overload
    def nucleolus(self, exact: Literal[True], method: str = "generation") -> list[Fraction]: ...
    @overload
    def prenucleolus(self, exact: Literal[False] = False, method: str = "generation") -> npt.NDArray[np.float64]: ...
    @overload
    def prenucleolus(self, exact: Literal[True], method: str = "generation") -> list[Fraction]: ...
    def nucleolus_result(
        self,
        prenucleolus: bool = False,
        exact: bool = False,
        method: str = "generation",
        time_limit: float | None = None,
        lp_limit: int = 0,
    ) -> dict[str, Any]:
        """status, point, rounds, lps and working_set of a (pre)nucleolus computation under limits."""
    def sampled_shapley(
        self, samples: int = 10000, seed: int = 0, confidence: float = 0.95, time_limit: float | None = None
    ) -> dict[str, Any]:
        """Shapley value from sampled orderings: value, half_width, std_error, samples, confidence, status."""
    @overload
    def core_vertices(self, exact: Literal[False] = False) -> npt.NDArray[np.float64]: ...
    @overload
    def core_vertices(self, exact: Literal[True]) -> list[list[Fraction]]: ...
    @overload
    def epsilon_core(self, epsilon: _Number, exact: Literal[False] = False) -> npt.NDArray[np.float64] | None: ...
    @overload
    def epsilon_core(self, epsilon: _Number, exact: Literal[True]) -> list[Fraction] | None: ...
    @overload
    def core(self, exact: Literal[False] = False) -> npt.NDArray[np.float64] | None: ...
    @overload
    def core(self, exact: Literal[True]) -> list[Fraction] | None: ...
    @overload
    def least_core(self, exact: Literal[False] = False) -> tuple[float, npt.NDArray[np.float64]]: ...
    @overload
    def least_core(self, exact: Literal[True]) -> tuple[Fraction, list[Fraction]]: ...
    def in_core(self, x: Sequence[_Number] | npt.ArrayLike, exact: bool = False, epsilon: _Number = 0) -> bool: ...
    def is_superadditive(self, exact: bool = True) -> bool: ...
    def is_convex(self, exact: bool = True) -> bool: ...
    def is_monotone(self, exact: bool = True) -> bool: ...
    def is_simple(self, exact: bool = True) -> bool: ...
    def is_balanced(self, exact: bool = True) -> bool: ...

def sampled_shapley(
    n: int,
    v: Callable[[frozenset[Any]], _Number],
    samples: int = 10000,
    seed: int = 0,
    confidence: float = 0.95,
    time_limit: float | None = None,
    players: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Shapley value of a game given by a function, from sampled orderings (Castro et al. 2009)."""

class CoalitionStructure:
    """A coalition structure, as ``optimal_coalition_structure`` returns it."""

    @property
    def blocs(self) -> list[list[int]]: ...
    @property
    def partition(self) -> str: ...
    @property
    def value(self) -> float: ...
    @property
    def upper_bound(self) -> float: ...
    @property
    def exact_value(self) -> Fraction | None: ...
    @property
    def exact_upper_bound(self) -> Fraction | None: ...
    @property
    def ratio(self) -> float | None: ...
    @property
    def status(self) -> str: ...
    @property
    def algorithm(self) -> str: ...
    @property
    def counters(self) -> dict[str, int]: ...

def optimal_coalition_structure(
    v: CoalitionalGame,
    algorithm: str = "ip",
    time_limit: float | None = None,
    exact: bool = False,
) -> CoalitionStructure:
    """The partition of the players into blocs of largest total value (ip or dp)."""

class WeightedVotingGame:
    """A weighted voting game [quota; w_1, ..., w_n]."""

    def __init__(
        self,
        quota: int,
        weights: Sequence[int] | npt.ArrayLike,
        players: Sequence[str] | None = None,
    ) -> None: ...
    @property
    def n(self) -> int: ...
    @property
    def quota(self) -> int: ...
    @property
    def weights(self) -> list[int]: ...
    @property
    def players(self) -> list[str]: ...
    @overload
    def shapley_shubik(self, exact: Literal[False] = False) -> npt.NDArray[np.float64]: ...
    @overload
    def shapley_shubik(self, exact: Literal[True]) -> list[Fraction]: ...
    @overload
    def banzhaf(self, normalized: bool = True, exact: Literal[False] = False) -> npt.NDArray[np.float64]: ...
    @overload
    def banzhaf(self, normalized: bool, exact: Literal[True]) -> list[Fraction]: ...
    @overload
    def banzhaf(self, *, exact: Literal[True]) -> list[Fraction]: ...
    def coalitional_game(self) -> CoalitionalGame:
        """The simple game (v = 1 on winning coalitions); at most 20 players."""

# --- generators and learning dynamics (bind_learning.cpp) ---

def random_game(
    shape: Sequence[int], low: float = 0.0, high: float = 1.0, seed: int = 0, exact: bool = False
) -> Game:
    """A random game with independent payoffs, seeded and reproducible."""

def covariant_game(shape: Sequence[int], rho: float, seed: int = 0) -> Game:
    """Rinott and Scarsini's covariant game."""

def coordination_game(n: int) -> Game:
    """The n x n pure coordination game."""

def dispersion_game(players: int, strategies: int) -> Game:
    """A dispersion game: 1 for being alone on a location."""

def shapley_game() -> Game:
    """Shapley's 3x3 game, where fictitious play cycles."""

def random_zero_sum(m: int, n: int, low: int = -10, high: int = 10, seed: int = 0) -> Game:
    """A random two-player zero-sum game with integer payoffs."""

def unique_mixed_equilibrium_game(n: int) -> Game:
    """Weighted matching pennies: a known unique fully mixed equilibrium."""

def unique_mixed_equilibrium(n: int) -> Equilibrium:
    """The unique equilibrium of unique_mixed_equilibrium_game(n), exact."""

def rock_paper_scissors_game(n: int = 3) -> Game:
    """Generalised rock-paper-scissors for odd n."""

class LearningResult:
    """What a learning rule returns: trajectory, final profile, status."""

    @property
    def method(self) -> str: ...
    @property
    def trajectory(self) -> npt.NDArray[np.float64]: ...
    @property
    def steps(self) -> npt.NDArray[np.int64]: ...
    @property
    def offsets(self) -> list[int]: ...
    @property
    def profile(self) -> list[npt.NDArray[np.float64]]: ...
    @property
    def regret(self) -> float: ...
    @property
    def iterations(self) -> int: ...
    @property
    def status(self) -> Literal["complete", "converged", "iteration_limit", "time_limit"]: ...
    @property
    def converged(self) -> bool: ...
    @property
    def distribution(self) -> list[tuple[tuple[int, ...], float]] | None: ...
    @property
    def array(self) -> npt.NDArray[np.float64] | None: ...
    @property
    def gains(self) -> npt.NDArray[np.float64] | None: ...
    def player(self, i: int) -> npt.NDArray[np.float64]: ...

def fictitious_play(
    game: Game,
    iterations: int = 1000,
    record_every: int = 1,
    prior: Sequence[npt.ArrayLike] | None = None,
    time_limit: float | None = None,
) -> LearningResult:
    """Simultaneous fictitious play."""

def replicator_dynamics(
    game: Game,
    dt: float = 0.01,
    iterations: int = 1000,
    record_every: int = 1,
    start: Sequence[npt.ArrayLike] | None = None,
    method: Literal["rk4", "euler"] = "rk4",
    time_limit: float | None = None,
) -> LearningResult:
    """Multi-population replicator dynamics."""

def best_response_dynamics(
    game: Game,
    iterations: int = 1000,
    record_every: int = 1,
    start: Sequence[int] | None = None,
    simultaneous: bool = False,
    time_limit: float | None = None,
) -> LearningResult:
    """Best-response dynamics on pure profiles."""

def regret_matching(
    game: Game,
    iterations: int = 10000,
    record_every: int = 1,
    seed: int = 0,
    conditional: bool = False,
    time_limit: float | None = None,
) -> LearningResult:
    """Regret matching; the empirical distribution approaches the CCE (CE) set."""

class SimpdivResult:
    """What ``simpdiv`` returns: the equilibrium and how the search ended."""

    @property
    def equilibrium(self) -> Equilibrium: ...
    @property
    def status(self) -> Literal["converged", "pivot_limit", "refinement_limit", "time_limit"]: ...
    @property
    def pivots(self) -> int: ...
    @property
    def refinements(self) -> int: ...
    @property
    def grid(self) -> int: ...
    @property
    def polished(self) -> bool: ...

def simpdiv(
    game: Game,
    tolerance: float = 1e-8,
    exact: bool = False,
    start: Sequence[_PayoffArray] | None = None,
    initial_grid: int = 2,
    refinement: int = 2,
    max_refinements: int = 40,
    max_pivots: int = 10_000_000,
    time_limit: float | None = None,
    polish: bool = True,
) -> SimpdivResult:
    """One approximate Nash equilibrium of an N-player game by simplicial subdivision."""

def continue_equilibrium(
    game: Game, near: Sequence[_PayoffArray], tolerance: float = 1e-8
) -> Equilibrium | None:
    """An equilibrium of a game continued from one of a nearby game."""

class LogitResult:
    """What ``logit`` returns: the traced branch and the equilibrium at its end."""

    @property
    def lambdas(self) -> npt.NDArray[np.float64]: ...
    @property
    def profiles(self) -> npt.NDArray[np.float64]: ...
    @property
    def equilibrium(self) -> Equilibrium: ...
    @property
    def status(self) -> Literal["converged", "lambda_limit", "step_limit", "time_limit", "step_too_small"]: ...
    @property
    def steps(self) -> int: ...

def logit(
    game: Game,
    tolerance: float = 1e-8,
    max_lambda: float = 1e7,
    max_steps: int = 100_000,
    first_step: float = 0.03,
    max_step: float = ...,
    min_step: float = 1e-10,
    time_limit: float | None = None,
) -> LogitResult:
    """The logit quantal response equilibrium branch, traced to a Nash equilibrium."""
def characteristic_function(
    game: Game, kind: Literal["alpha", "beta", "gamma"] = "alpha", exact: bool = False
) -> CoalitionalGame:
    """The TU coalitional game of a normal-form game (payoffs of a coalition summed)."""

class AllianceResult:
    """What ``alliances`` returns: one record per partition, values and swing players."""

    def records(self) -> list[dict[str, Any]]:
        """One plain dict per partition (blocs, payoffs, stability flags and margins, bloc equilibrium)."""
    def bloc(self, bloc: Sequence[str | int]) -> dict[str, Any]:
        """Per notion: whether a stable partition has exactly this bloc, and the best margin with it."""
    @property
    def notions(self) -> list[str]: ...
    @property
    def most_stable(self) -> dict[str, list[str]]: ...
    @property
    def players(self) -> list[str]: ...
    @property
    def value(self) -> str: ...
    @property
    def split(self) -> str: ...
    @property
    def status(self) -> Literal["complete", "heuristic", "time_limit"]: ...
    @property
    def total_partitions(self) -> int: ...
    @property
    def seconds(self) -> float: ...
    @property
    def shapley(self) -> npt.NDArray[np.float64]: ...
    @property
    def banzhaf(self) -> npt.NDArray[np.float64]: ...
    @property
    def exact_shapley(self) -> list[Fraction] | None: ...
    @property
    def exact_banzhaf(self) -> list[Fraction] | None: ...
    @property
    def swing_players(self) -> dict[str, list[int]]: ...
    @property
    def characteristic(self) -> CoalitionalGame: ...
    @property
    def welfare(self) -> dict[str, Any] | None: ...

class AllianceSweepResult:
    """What ``Scenario.alliance_sweep`` returns: one AllianceResult per grid point."""

    @property
    def parameters(self) -> list[str]: ...
    @property
    def shape(self) -> tuple[int, ...]: ...
    @property
    def grid(self) -> dict[str, npt.NDArray[np.float64]]: ...
    @property
    def values(self) -> npt.NDArray[np.float64]: ...
    @property
    def results(self) -> list[AllianceResult]: ...
    @property
    def points(self) -> list[dict[str, Any]]: ...
    @property
    def cancelled(self) -> bool: ...
    def bloc(self, bloc: Sequence[str | int]) -> dict[str, dict[str, npt.NDArray[Any]]]:
        """Where one bloc is stable over the grid, per notion."""
    def __len__(self) -> int: ...

@overload
def alliances(
    game: Game,
    value: Literal["alpha", "beta", "gamma"] = "alpha",
    split: Literal["none", "equal", "shapley", "proportional"] = "none",
    stability: Sequence[Literal["nash", "individual", "core", "exclusive", "farsighted"]] | None = None,
    exact: bool = False,
    time_limit: float | None = None,
    threads: int = 0,
) -> AllianceResult:
    """Every bloc structure of the players, its payoffs and its stability."""
@overload
def alliances(
    game: CompactGame,
    split: Literal["none", "equal", "shapley", "proportional"] = "none",
    stability: Sequence[Literal["nash", "individual", "core", "exclusive", "farsighted"]] | None = None,
    max_bloc_size: int = 2,
    starts: int = 8,
    seed: int = 0,
    time_limit: float | None = None,
    threads: int = 0,
    first_start: int = 0,
    num_starts: int | None = None,
    welfare_algorithm: Literal["ip", "dp"] = "ip",
) -> AllianceResult:
    """The alliance analysis of a compact game: blocs of at most max_bloc_size, seeded local search."""
class CompactGame:
    """A game kept as its payoff terms, without a payoff tensor (docs/compact.md)."""

    @property
    def players(self) -> list[str]: ...
    @property
    def strategies(self) -> list[list[str]]: ...
    @property
    def shape(self) -> tuple[int, ...]: ...
    @property
    def num_terms(self) -> int: ...
    @property
    def is_polymatrix(self) -> bool: ...
    def neighbours(self, player: int) -> list[int]: ...
    def payoffs(self, profile: Sequence[int]) -> npt.NDArray[np.float64]: ...
    def strategy_values(self, profile: Sequence[Sequence[float]], player: int) -> npt.NDArray[np.float64]: ...
    def regret(self, profile: Sequence[Sequence[float]]) -> float: ...
    def to_dense(self) -> Game: ...
    def pure_equilibria(self, time_limit: float | None = None) -> tuple[list[Equilibrium], str]: ...
    def solve(self, method: str = "auto", selection: str = "welfare") -> list[Equilibrium]: ...
    def coarse_correlated(self, max_iterations: int = 10000, tolerance: float = 1e-2) -> dict[str, Any]: ...

class Scenario:
    """A scenario file (actors, strategies, parameters, payoff terms) that compiles into a Game."""

    @staticmethod
    def load(path: str | os.PathLike[str]) -> Scenario: ...
    @staticmethod
    def parse(text: str, source: str = "<scenario>") -> Scenario: ...
    @property
    def title(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def actors(self) -> list[str]: ...
    @property
    def strategies(self) -> list[list[str]]: ...
    @property
    def shape(self) -> tuple[int, ...]: ...
    @property
    def parameters(self) -> list[dict[str, Any]]: ...
    @property
    def focus(self) -> str: ...
    @property
    def map(self) -> list[str]: ...
    @property
    def defaults(self) -> dict[str, float]: ...
    def game(self, *, exact: bool = False, **values: float) -> Game: ...
    @property
    def compact(self) -> bool: ...
    def compact_game(self, **values: float) -> CompactGame: ...
    def sweep(
        self,
        grid: dict[str, Sequence[float] | npt.ArrayLike | tuple[float, float, int]],
        method: str = "auto",
        client: Any = None,
        progress: bool = True,
        *,
        selection: str = "welfare",
        exact: bool = False,
        fixed: dict[str, float] | None = None,
        correlated_fallback: bool = False,
        continuation: bool = False,
        threads: int = 0,
        chunks: int | None = None,
    ) -> SweepResult: ...
    def alliance_sweep(
        self,
        grid: dict[str, Sequence[float] | npt.ArrayLike | tuple[float, float, int]],
        client: Any = None,
        progress: bool = True,
        *,
        value: str | None = None,
        split: str = "none",
        stability: Sequence[str] | None = None,
        fixed: dict[str, float] | None = None,
        time_limit: float | None = None,
        threads: int = 0,
        chunks: int | None = None,
        max_bloc_size: int | None = None,
        starts: int | None = None,
        seed: int | None = None,
        welfare_algorithm: Literal["ip", "dp"] | None = None,
    ) -> AllianceSweepResult: ...
    def alliances(
        self,
        client: Any = None,
        *,
        split: str = "none",
        stability: Sequence[str] | None = None,
        max_bloc_size: int = 2,
        starts: int = 8,
        seed: int = 0,
        time_limit: float | None = None,
        threads: int = 0,
        fixed: dict[str, float] | None = None,
        chunks: int | None = None,
        welfare_algorithm: Literal["ip", "dp"] = "ip",
    ) -> AllianceResult: ...
    def thresholds(
        self,
        parameter: str,
        focus: str | None = None,
        fixed: dict[str, float] | None = None,
        grid: int = 101,
        tol: float = 1e-6,
        *,
        method: str = "auto",
        selection: str = "welfare",
        threads: int = 0,
    ) -> dict[str, Any]:
        """Where the focus actor's selected strategy changes along one parameter (bisection to ``tol``)."""
    def boundaries(
        self,
        x: str | None = None,
        y: str | None = None,
        focus: str | None = None,
        fixed: dict[str, float] | None = None,
        lines: int = 21,
        *,
        grid: int = 101,
        tol: float = 1e-6,
        method: str = "auto",
        selection: str = "welfare",
        threads: int = 0,
    ) -> dict[str, Any]:
        """Where the focus actor's stance changes over a plane of two parameters (for plotting)."""
    def sensitivity(
        self,
        focus: str | None = None,
        fixed: dict[str, float] | None = None,
        perturb: float = 0.2,
        *,
        grid: int = 101,
        tol: float = 1e-6,
        method: str = "auto",
        selection: str = "welfare",
        threads: int = 0,
    ) -> dict[str, Any]:
        """Which parameters and payoff terms the focus actor's stance rests on."""
