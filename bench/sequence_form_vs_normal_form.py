"""The sequence-form LP against the LP on the reduced normal form, on Kuhn
poker with more cards (k cards, one each, ante 1, one bet of 1; k = 3 is
Kuhn poker, value -1/18).

The sequence form has 1 + 4k sequences per player, linear in the tree; the
reduced normal form has 3^k strategies for the first player and 4^k for the
second, exponential. Both solve the same zero-sum game, so both values are
printed and must agree. Run after a build:

    PYTHONPATH=build/python /usr/bin/python3 bench/sequence_form_vs_normal_form.py [max_cards] [max_normal_cards]

Each time is the best of three runs; "normal form" includes building the
reduced normal form from the tree. The normal form runs up to
max_normal_cards (default 5: 6 cards already means 729 x 4096 cells, each
a walk through the tree, minutes) and past 2^27 payoff entries entente
refuses it.
"""
import sys
import time

import entente as en


def poker(cards):
    """k-card poker as a tree: chance deals, then check/bet, call/fold."""
    g = en.ExtensiveGame(["Player 1", "Player 2"], title=f"{cards}-card poker")
    deals = [(a, b) for a in range(cards) for b in range(cards) if a != b]
    g.add_chance(g.root, [f"{a}{b}" for a, b in deals], [f"1/{len(deals)}"] * len(deals))
    first, after_check, after_bet, second = {}, {}, {}, {}

    def move(node, player, table, key, actions):
        if key in table:
            g.add_move(node, player, table[key])
        else:
            table[key] = g.add_move(node, player, actions, label=str(key))

    for (a, b), deal in zip(deals, g.children(g.root)):
        win = 1 if a > b else -1
        move(deal, 0, first, a, ["Check", "Bet"])
        check, bet = g.children(deal)
        move(check, 1, after_check, b, ["Check", "Bet"])
        showdown, raised = g.children(check)
        g.set_outcome(showdown, [win, -win])
        move(raised, 0, second, a, ["Fold", "Call"])
        fold, call = g.children(raised)
        g.set_outcome(fold, [-1, 1])
        g.set_outcome(call, [2 * win, -2 * win])
        move(bet, 1, after_bet, b, ["Fold", "Call"])
        fold, call = g.children(bet)
        g.set_outcome(fold, [1, -1])
        g.set_outcome(call, [2 * win, -2 * win])
    return g


def best_of(runs, f):
    best, out = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        out = f()
        best = min(best, time.perf_counter() - start)
    return best, out


def main(max_cards, max_normal_cards):
    print("| cards | nodes | sequences (P1, P2) | sequence-form LP (s) | value | reduced normal form | normal-form LP incl. building it (s) | value |")
    print("|---|---|---|---|---|---|---|---|")
    for cards in range(3, max_cards + 1):
        g = poker(cards)
        sequences = tuple(1 + sum(len(h["actions"]) for h in sets) for sets in g.infosets)
        seconds, result = best_of(3, lambda: en.solve(g, method="lp"))
        row = f"| {cards} | {g.num_nodes} | {sequences} | {seconds:.4f} | {result[0].payoffs[0]:.6f} |"
        shape = (3 ** cards, 4 ** cards)
        if 2 * shape[0] * shape[1] > 2 ** 27:
            row += f" {shape[0]} x {shape[1]} | refused (over 2^27 payoff entries) | - |"
        elif cards > max_normal_cards:
            row += f" {shape[0]} x {shape[1]} | not run | - |"
        else:
            def normal_form():
                normal = g.to_normal_form()
                return en.zero_sum(normal.payoffs[0])[0]

            seconds, value = best_of(3, normal_form)
            row += f" {shape[0]} x {shape[1]} | {seconds:.4f} | {value:.6f} |"
        print(row, flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10, int(sys.argv[2]) if len(sys.argv) > 2 else 5)
