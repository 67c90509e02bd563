"""Scenario.sweep and Scenario.alliance_sweep: the Python side of sweeps.

The grid, every compile, every solve and every alliance analysis are C++
(``Scenario._grid``, ``Scenario._sweep_points`` and ``_alliance_sweep_points``,
which run a thread pool with the GIL released).
This module only draws the tqdm bar and splits the grid into chunks for a
Dask cluster; the result, ``SweepResult``, and the joining of the chunks'
results are C++ (python/src/bind_sweep.cpp).
"""

import numbers

import numpy as np

from ._core import AllianceSweepResult, SweepResult, _alliance_sweep_points, _merge_alliance_searches
from ._core import alliances as _alliances

__all__ = ["sweep", "alliance_sweep", "alliances"]


def _axes(grid):
    """[(name, values)] or [(name, lo, hi, steps)] from the user's mapping."""
    if not hasattr(grid, "items"):
        raise ValueError("grid must map parameter names to sequences of values or (lo, hi, steps)")
    axes = []
    for name, spec in grid.items():
        if not isinstance(name, str):
            raise ValueError(f"grid keys must be parameter names, got {name!r}")
        if isinstance(spec, tuple) and len(spec) == 3 and isinstance(spec[2], numbers.Integral) \
                and not isinstance(spec[2], bool):
            axes.append((name, float(spec[0]), float(spec[1]), int(spec[2])))
            continue
        try:
            values = np.asarray(spec, dtype=float)
        except (TypeError, ValueError):
            raise ValueError(f"grid[{name!r}] must be a sequence of numbers or (lo, hi, steps)") from None
        if values.ndim != 1 or values.size == 0:
            raise ValueError(f"grid[{name!r}] must be a non-empty 1-d sequence of numbers or (lo, hi, steps)")
        axes.append((name, values.tolist()))
    if not axes:
        raise ValueError("grid needs at least one parameter")
    return axes


def _points(scenario, grid, fixed):
    """The swept names, the grid's shape and every point's full parameter vector."""
    axes = _axes(grid)
    values = scenario._grid(axes, dict(fixed or {}))
    return [a[0] for a in axes], [len(a[1]) if len(a) == 2 else a[3] for a in axes], values


def _run(total, desc, progress, client, local, remote):
    """`local(callback)` on this machine's threads, or `remote(bar)` on a Dask
    client, with a tqdm bar when `progress`."""
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=total, desc=desc, unit="point", leave=False)
    try:
        if client is not None:
            return remote(bar)

        def callback(done, _total):
            if bar is not None:
                bar.update(done - bar.n)

        return local(callback)
    finally:
        if bar is not None:
            bar.close()


def _run_chunk(text, source, points, method, selection, exact, fallback, continuation):
    """One chunk of a sweep on a Dask worker: the C++ sweep of these points."""
    from entente import Scenario

    return Scenario.parse(text, source)._sweep_points(points, method, selection, exact, fallback, continuation, 0, None)


def sweep(self, grid, method="auto", client=None, progress=True, *, selection="welfare", exact=False, fixed=None,
          correlated_fallback=False, continuation=False, threads=0, chunks=None):
    """Solves the scenario at every point of a parameter grid, in parallel.

    The grid is the Cartesian product of the axes in the order given (the
    last varies fastest); every other parameter stays at ``fixed`` or its
    default. Each point is compiled and solved in C++ on a pool of threads
    (the GIL is released), or, with a Dask ``client``, in chunks on the
    cluster's workers; the result is the same either way, in grid order.

    Parameters
    ----------
    grid : dict
        Parameter name -> a sequence of values, or a tuple ``(lo, hi, steps)``
        of ``steps`` evenly spaced values from ``lo`` to ``hi``.
    method : str, optional
        A method of ``solve`` or ``"ce"`` / ``"cce"`` (maximum-welfare
        correlated equilibrium).
    client : dask.distributed.Client, optional
        Distribute the grid over this cluster; the workers need ``entente``
        importable.
    progress : bool, optional
        Show a tqdm progress bar.
    selection : str, optional
        Which equilibrium each point keeps, as for ``solve``: ``"welfare"``
        (the default of every one-outcome report: the largest total payoff),
        ``"first"``, ``"best-for:ACTOR"``, ``"logit"``, or ``"all"``.
    exact : bool, optional
        Solve each game in exact rational arithmetic.
    fixed : dict, optional
        Values of parameters that are not swept.
    correlated_fallback : bool, optional
        Where the method finds no equilibrium, compute the maximum-welfare
        correlated equilibrium instead (its payoffs, marginals and gain
        fill the arrays).
    continuation : bool, optional
        For ``"auto"`` (where it picks simpdiv) and ``"simpdiv"``: carry each
        point's mixed equilibrium over from the previous point's by Newton's
        method on its support (``continue_equilibrium``), running simpdiv
        only where that fails; many times faster on fine grids, and the
        equilibria stay on one branch. Points go in runs of 64 along the
        grid order, each starting afresh, so the result does not depend on
        threads or chunks. Where a game has several equilibria it may differ
        from solving that point alone; every equilibrium still carries its
        regret certificate (at most simpdiv's 1e-8).
    threads : int, optional
        Worker threads on this machine; 0 uses every core.
    chunks : int, optional
        Number of chunks for a Dask client (default: 4 per worker).

    Returns
    -------
    SweepResult
        ``parameters`` (the swept names), ``shape`` (values per axis),
        ``grid`` (name -> array of shape ``shape``), ``values`` (every
        parameter at every point, ``(n, P)``), ``payoffs`` (the selected
        equilibrium's payoff per actor, ``shape + (A,)``, NaN where none),
        ``strategy`` (each actor's most likely strategy in it, ``-1`` where
        none), ``count`` (equilibria kept), ``regret`` (the selected
        equilibrium's certificate), ``continued`` (True where the
        equilibrium was continued from the previous point's), ``actors``,
        ``method``, ``selection``, ``records`` (per point in grid order, a
        dict ``{"values", "equilibria", "correlated"}``, built on access)
        and ``cancelled``: read-only numpy views of the C++ result, also
        readable as ``r["payoffs"]``.

    Raises
    ------
    ValueError
        For an unknown parameter, a value outside its range, a grid that is
        too large, or an unknown method.

    Examples
    --------
    >>> s = en.Scenario.parse('''{"actors": [
    ...   {"name": "A", "strategies": [{"name": "x"}, {"name": "y"}]},
    ...   {"name": "B", "strategies": [{"name": "u"}, {"name": "v"}]}],
    ...  "parameters": [{"name": "p", "default": 1, "min": 0, "max": 2}],
    ...  "terms": [{"kind": "base", "actor": "A", "strategy": "y", "value": "p - 1"},
    ...            {"kind": "base", "actor": "B", "strategy": "v", "value": 1}]}''')
    >>> r = s.sweep({"p": (0, 2, 3)}, progress=False)
    >>> r.grid["p"], r.strategy[:, 0]
    (array([0., 1., 2.]), array([0, 0, 1]))
    """
    names, shape, values = _points(self, grid, fixed)

    def local(callback):
        return self._sweep_points(values, method, selection, exact, correlated_fallback, continuation, threads,
                                  callback)

    def remote(bar):
        # Continuing: whole runs per chunk, so the result is a local sweep's.
        run = self._CONTINUATION_RUN if continuation else 1
        return SweepResult._concatenate(_distributed(client, len(values), chunks, lambda a, b: client.submit(
            _run_chunk, self.text, self.source, values[a:b], method, selection, exact, correlated_fallback,
            continuation, pure=False), bar, run))

    return _run(len(values), "sweep", progress, client, local, remote)._on_grid(names, shape)


def _run_alliance_chunk(text, source, points, value, split, stability, time_limit, search):
    """One chunk of a stability map on a Dask worker."""
    from entente import Scenario

    return _alliance_sweep_points(Scenario.parse(text, source), points, value, split, stability, time_limit, 0, None,
                                  search)


def _distributed(client, total, chunks, submit, bar, run=1):
    """Runs `submit(a, b)` for chunks [a, b) of the grid on the cluster, each
    a multiple of `run` points; the results in chunk order."""
    from dask.distributed import as_completed

    if chunks is None:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        chunks = 4 * workers
    bounds = np.linspace(0, total, min(int(chunks), total) + 1).astype(int)
    bounds = np.unique(np.minimum((bounds + run - 1) // run * run, total))
    futures = [submit(a, b) for a, b in zip(bounds[:-1], bounds[1:])]
    if bar is not None:
        for future in as_completed(futures):
            index = futures.index(future)
            bar.update(int(bounds[index + 1] - bounds[index]))
    return client.gather(futures)


def alliance_sweep(self, grid, client=None, progress=True, *, value=None, split="none", stability=None, fixed=None,
                   time_limit=None, threads=0, chunks=None, max_bloc_size=None, starts=None, seed=None,
                   welfare_algorithm=None):
    """The alliance analysis at every point of a parameter grid: a stability map.

    Each point is exactly what ``en.alliances(self.game(**values), ...)``
    gives there; for a compact scenario, what
    ``en.alliances(self.compact_game(**values), ...)`` gives (the same seed
    at every point), its ``welfare`` structure included. Points run in
    parallel on C++ threads (the GIL released), or, with a Dask ``client``,
    in chunks on the cluster's workers; the result is the same either way,
    in grid order.

    Parameters
    ----------
    grid : dict
        Parameter name -> a sequence of values, or ``(lo, hi, steps)``.
    client : dask.distributed.Client, optional
        Distribute the grid over this cluster (the workers need ``entente``).
    progress : bool, optional
        Show a tqdm progress bar.
    value, split, stability, time_limit
        As for ``en.alliances`` (``time_limit`` applies to each point);
        ``value`` defaults to alpha, gamma for a compact scenario.
    max_bloc_size, starts, seed, welfare_algorithm : optional
        A compact scenario's search, as for ``en.alliances`` on a
        CompactGame (its defaults when None); an error for a dense scenario.
    fixed : dict, optional
        Values of parameters that are not swept.
    threads : int, optional
        Worker threads on this machine; 0 uses every core.
    chunks : int, optional
        Number of chunks for a Dask client (default: 4 per worker).

    Returns
    -------
    AllianceSweepResult
        ``results`` (one ``AllianceResult`` per point), ``points``,
        ``parameters``, ``shape``, ``grid``, ``values`` and ``bloc(members)``:
        where a bloc is stable, per notion, as arrays of the grid's shape.

    Raises
    ------
    ValueError
        For an unknown parameter, a value outside its range, or bad options.

    Examples
    --------
    >>> s = en.Scenario.parse('''{"actors": [
    ...   {"name": "A", "strategies": [{"name": "x"}, {"name": "y"}]},
    ...   {"name": "B", "strategies": [{"name": "x"}, {"name": "y"}]},
    ...   {"name": "C", "strategies": [{"name": "x"}, {"name": "y"}]}],
    ...  "parameters": [{"name": "p", "default": 1, "min": 0, "max": 2}],
    ...  "terms": [{"kind": "pairwise", "actor": "A", "strategy": "y", "other": "B", "other_strategy": "y", "value": "p"},
    ...            {"kind": "pairwise", "actor": "B", "strategy": "y", "other": "A", "other_strategy": "y", "value": "p"},
    ...            {"kind": "base", "actor": "C", "strategy": "y", "value": "p - 1"}]}''')
    >>> m = s.alliance_sweep({"p": (0, 2, 3)}, progress=False, split="equal")
    >>> m.results[1].split, m.points[1]["values"]["p"]
    ('equal', 1.0)
    """
    names, shape, values = _points(self, grid, fixed)
    value = "" if value is None else value
    search = {key: option for key, option in (("max_bloc_size", max_bloc_size), ("starts", starts), ("seed", seed),
                                              ("welfare_algorithm", welfare_algorithm)) if option is not None}

    def local(callback):
        return _alliance_sweep_points(self, values, value, split, stability, time_limit, threads, callback, search)

    def remote(bar):
        return AllianceSweepResult._concatenate(_distributed(client, len(values), chunks, lambda a, b: client.submit(
            _run_alliance_chunk, self.text, self.source, values[a:b], value, split, stability, time_limit, search,
            pure=False), bar))

    return _run(len(values), "alliances", progress, client, local, remote)._on_grid(names, shape)


def _run_alliance_search(text, source, fixed, options, first, count):
    """One slice of a compact alliance search's starts on a Dask worker."""
    from entente import Scenario

    game = Scenario.parse(text, source).compact_game(**fixed)
    return _alliances(game, first_start=first, num_starts=count, **options)


def alliances(self, client=None, *, split="none", stability=None, max_bloc_size=2, starts=8, seed=0,
              time_limit=None, threads=0, fixed=None, chunks=None, welfare_algorithm="ip"):
    """The alliance analysis of a compact scenario (many actors).

    ``en.alliances(self.compact_game(**fixed), ...)``: blocs of at most
    ``max_bloc_size`` members, a seeded local search from the singletons,
    the grand coalition (when allowed) and ``starts`` random partitions
    (docs/alliances.md, "Many actors"). With a Dask ``client`` the starts
    are split into slices, each searched on a worker, and the slices merged
    (in C++) into exactly the result of one local run with the same seed.

    Parameters
    ----------
    client : dask.distributed.Client, optional
        Split the starts over this cluster (the workers need ``entente``).
    split, stability, max_bloc_size, starts, seed, time_limit, threads, welfare_algorithm
        As for ``en.alliances`` on a CompactGame (``time_limit`` applies to
        each slice).
    fixed : dict, optional
        Parameter values (the defaults otherwise).
    chunks : int, optional
        Number of slices for a Dask client (default: 4 per worker).

    Returns
    -------
    AllianceResult

    Raises
    ------
    ValueError
        For bad options, or a parameter in ``fixed`` that the scenario does not
        have or whose value is outside its range.

    Examples
    --------
    >>> s = en.Scenario.parse('''{"compact": true, "actors": [
    ...   {"name": "P", "strategies": [{"name": "a"}, {"name": "b"}]},
    ...   {"name": "Q", "strategies": [{"name": "a"}, {"name": "b"}]}],
    ...  "terms": [{"kind": "base", "actor": "P", "strategy": "b", "value": 2}]}''')
    >>> r = s.alliances()
    >>> r.value, len(r.records())   # {P,Q} and {P}{Q}
    ('gamma', 2)
    """
    fixed = dict(fixed or {})
    options = dict(split=split, stability=stability, max_bloc_size=max_bloc_size, starts=starts, seed=seed,
                   time_limit=time_limit, threads=threads, welfare_algorithm=welfare_algorithm)
    game = self.compact_game(**fixed)
    if client is None:
        return _alliances(game, **options)
    # Slices of the start list (the singletons, the grand coalition, then
    # `starts` random ones); a slice past its end holds no start.
    total = starts + 2
    parts = _distributed(client, total, chunks, lambda a, b: client.submit(
        _run_alliance_search, self.text, self.source, fixed, options, int(a), int(b - a), pure=False), None)
    return _merge_alliance_searches(parts)
