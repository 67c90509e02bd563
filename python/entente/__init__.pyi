"""Type stubs for entente (the package re-exports entente._core)."""

import os
from typing import Any, Literal, Sequence, overload

import numpy as np
import numpy.typing as npt

__version__: str
__all__: list[str]

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
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str = "",
    ) -> None: ...
    @property
    def payoffs(self) -> list[npt.NDArray[np.float64]]:
        """Each player's payoffs, a read-only float64 view of shape ``shape``."""
    def exact_payoffs(self, player: int) -> list[Any]:
        """One player's exact payoffs as nested lists of ``"p/q"`` strings."""
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
    def exact(self) -> list[list[str]] | None: ...
    @property
    def exact_payoffs(self) -> list[str] | None: ...
    @property
    def exact_regret(self) -> str | None: ...

def solve(game: Game, method: str = "auto", exact: bool = False) -> list[Equilibrium]:
    """Equilibria of a game by a C++ solver, each with its regret certificate."""

@overload
def zero_sum(
    A: _PayoffArray, exact: Literal[False] = False
) -> tuple[float, npt.NDArray[np.float64], npt.NDArray[np.float64]]: ...
@overload
def zero_sum(A: _PayoffArray, exact: Literal[True]) -> tuple[str, list[str], list[str]]: ...
@overload
def zero_sum(
    A: _PayoffArray, exact: bool
) -> tuple[float, npt.NDArray[np.float64], npt.NDArray[np.float64]] | tuple[str, list[str], list[str]]: ...
def available_methods() -> list[str]:
    """The solver methods that work now."""

def planned_methods() -> list[str]:
    """Methods that are planned but not built yet."""

def read_nfg(path: str | os.PathLike[str]) -> Game:
    """Reads a game from a Gambit .nfg file."""

def parse_nfg(text: str, source: str = "<nfg>") -> Game:
    """Parses a game from Gambit .nfg text."""
