"""All-partition alliance analysis: entente against a plain numpy/scipy
implementation of the same analysis, side by side.

Run from the repository root after `make build`:
    PYTHONPATH=build/python /usr/bin/python3 bench/alliances_vs_numpy.py
For seeded random 7-player games with 3 strategies each (877 partitions)
it times, per game, entente's `en.alliances` (alpha characteristic
function, equal split, the four stability notions) and the peer below, and
prints the ratio and how many partitions agree on every stability flag.

The peer: alpha by scipy's linprog (HiGHS) per coalition; each bloc game
built with np.transpose/reshape; pure equilibria by one vectorised
best-response mask per bloc, the one of largest total payoff kept (ties to
the first in C order, as entente); without a pure equilibrium, 2000 rounds
of fictitious play (first-argmax ties, uniform first belief), which is not
an equilibrium. Entente certifies every bloc outcome instead: the LP or
Lemke-Howson for two blocs, the smallest-support search (minsupport) for
three or more, so the partitions without a pure equilibrium may get other
payoffs and flags ("mixed" counts them). The last column times entente's
default analysis (split none, the four notions and farsighted stability).
"""
import statistics
import sys
import time

import numpy as np
from scipy.optimize import linprog

import entente as en

NOTIONS = ("nash", "individual", "core", "exclusive")


def partitions(n):
    """Restricted growth strings in lexicographic order."""
    a = [0] * n
    while True:
        yield tuple(a)
        j = n - 1
        while j > 0 and a[j] > max(a[:j]):
            j -= 1
        if j == 0:
            return
        a[j] += 1
        for k in range(j + 1, n):
            a[k] = 0


def canonical(labels):
    seen, out = {}, []
    for x in labels:
        out.append(seen.setdefault(x, len(seen)))
    return tuple(out)


def blocs_of(rgs):
    blocs = [[] for _ in range(max(rgs) + 1)]
    for i, b in enumerate(rgs):
        blocs[b].append(i)
    return blocs


def alpha_values(payoffs):
    n = len(payoffs)
    values = np.zeros(2**n)
    total = sum(payoffs)
    values[-1] = total.max()
    for mask in range(1, 2**n - 1):
        members = [i for i in range(n) if mask >> i & 1]
        others = [i for i in range(n) if not mask >> i & 1]
        m = np.transpose(sum(payoffs[i] for i in members), members + others)
        m = m.reshape(int(np.prod(m.shape[: len(members)])), -1)
        rows, cols = m.shape
        c = np.r_[np.zeros(rows), -1.0]
        res = linprog(c, A_ub=np.c_[-m.T, np.ones(cols)], b_ub=np.zeros(cols),
                      A_eq=np.r_[np.ones(rows), 0.0][None, :], b_eq=[1.0],
                      bounds=[(0, None)] * rows + [(None, None)], method="highs")
        values[mask] = -res.fun
    return values


def fictitious_play(tensors, rounds):
    k = len(tensors)
    shape = tensors[0].shape
    counts = [np.zeros(s) for s in shape]
    weights = [np.full(s, 1.0 / s) for s in shape]
    for t in range(rounds):
        w = weights if t == 0 else counts
        play = []
        for b in range(k):
            x = tensors[b]
            for j in reversed(range(k)):
                if j != b:
                    x = np.tensordot(x, w[j], axes=([j], [0]))
            play.append(int(np.argmax(x)))
        for b in range(k):
            counts[b][play[b]] += 1
    return [c / rounds for c in counts]


def bloc_outcome(payoffs, rgs):
    blocs = blocs_of(rgs)
    order = [i for b in blocs for i in b]
    shape = [int(np.prod([payoffs[0].shape[i] for i in b])) for b in blocs]
    tensors = [np.transpose(sum(payoffs[i] for i in b), order).reshape(shape) for b in blocs]
    mask = np.ones(shape, dtype=bool)
    for b, t in enumerate(tensors):
        mask &= t >= t.max(axis=b, keepdims=True) - 1e-9
    if mask.any():
        total = sum(tensors)
        idx = np.flatnonzero(mask.ravel())
        best = idx[np.argmax(total.ravel()[idx])]
        bloc_pay = [float(t.ravel()[best]) for t in tensors]
    else:
        profile = fictitious_play(tensors, 2000)
        bloc_pay = []
        for b, t in enumerate(tensors):
            x = t
            for j in reversed(range(len(blocs))):
                if j != b:
                    x = np.tensordot(x, profile[j], axes=([j], [0]))
            bloc_pay.append(float(np.dot(profile[b], x)))
    pay = [0.0] * len(rgs)
    for b, members in enumerate(blocs):
        for i in members:
            pay[i] = bloc_pay[b] / len(members)
    return pay, bloc_pay, mask.any()


def peer_analysis(payoffs):
    n = len(payoffs)
    alpha_values(payoffs)  # the characteristic function (Shapley/Banzhaf inputs)
    table = {rgs: bloc_outcome(payoffs, rgs) for rgs in partitions(n)}
    tol = 1e-9 * max(1.0, max(float(np.abs(p).max()) for p in payoffs)) * n
    flags = {}
    for rgs, (now, _, _) in table.items():
        f = dict.fromkeys(NOTIONS, True)
        k = max(rgs) + 1
        blocs = blocs_of(rgs)
        for i in range(n):
            own = rgs[i]
            for target in range(k + 1):
                if target == own or (target == k and len(blocs[own]) == 1):
                    continue
                labels = list(rgs)
                labels[i] = target
                then = table[canonical(labels)][0]
                if then[i] <= now[i] + tol:
                    continue
                f["nash"] = False
                receivers = blocs[target] if target < k else []
                if all(then[j] >= now[j] - tol for j in receivers):
                    f["individual"] = False
                if all(then[j] > now[j] + tol for j in receivers):
                    f["exclusive"] = False
        for group in range(1, 2**n):
            labels = [k if group >> i & 1 else rgs[i] for i in range(n)]
            after = canonical(labels)
            if after == rgs:
                continue
            lowest = (group & -group).bit_length() - 1
            gained = table[after][1][after[lowest]]
            if gained > sum(now[i] for i in range(n) if group >> i & 1) + tol:
                f["core"] = False
                break
        flags[rgs] = f
    return table, flags


def main(count=3, players=7, strategies=3):
    print(f"all-partition alliance analysis, {players} players x {strategies} strategies "
          f"({en.alliances.__name__}: alpha, equal split, 4 notions)")
    print(f"{'seed':>4} {'entente s':>10} {'numpy s':>9} {'ratio':>7} {'agree':>9} {'mixed':>6} {'default s':>10}")
    ratios = []
    for seed in range(count):
        rng = np.random.default_rng(seed)
        payoffs = [rng.integers(-9, 10, size=[strategies] * players) for _ in range(players)]
        g = en.Game(payoffs)
        start = time.perf_counter()
        result = en.alliances(g, split="equal", stability=list(NOTIONS))  # the peer: equal split, 4 notions
        ours = time.perf_counter() - start
        start = time.perf_counter()
        table, flags = peer_analysis(payoffs)
        theirs = time.perf_counter() - start
        records = result.records()
        agree = sum(
            all(r[x] == flags[canonical([b for i in range(players) for b, m in enumerate(r["blocs"]) if i in m])][x]
                for x in NOTIONS)
            for r in records)
        mixed = sum(1 for r in records if r["method"] != "enumpure")
        start = time.perf_counter()
        en.alliances(g)
        default = time.perf_counter() - start
        ratios.append(ours / theirs)
        print(f"{seed:>4} {ours:>10.3f} {theirs:>9.3f} {ours / theirs:>7.3f} {agree:>4}/{len(records):<4} {mixed:>6}"
              f" {default:>10.3f}")
    print(f"median ratio entente/numpy: {statistics.median(ratios):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
