"""An independent pure-Python evaluator of the scenario file format.

It reads a scenario JSON file (docs/scenario-format.md), checks it against the
format, and builds the payoff tensors (numpy, C order, player i = actors[i])
for given parameter values. It shares no code with entente's C++ engine, so
the tests can compare the two: ``entente.Scenario(...).game(...)`` must equal
``reference.payoffs(...)``.

Expressions are parsed with Python's ``ast`` and restricted to numbers,
parameter names, ``+ - * /``, ``^`` (power, as in muparser; written ``**`` to
Python), unary minus, parentheses and the functions min, max, abs, exp, log
(natural), sqrt. Anything else is a ``ValueError`` naming the JSON path.

Command line (for tuning the example files)::

    /usr/bin/python3 tests/python/scenario_reference.py examples/scenarios/china_balancing.json
"""
from __future__ import annotations

import ast
import itertools
import json
import math
import pathlib
import re
import sys
from dataclasses import dataclass, field

import numpy as np

IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
FUNCTIONS = {
    "min": min,
    "max": max,
    "abs": abs,
    "exp": math.exp,
    "log": math.log,
    "sqrt": math.sqrt,
}
BINARY = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.Pow: lambda a, b: a**b,
}

TOP_KEYS = {"title", "description", "focus", "map", "compact", "actors", "parameters", "terms"}
ACTOR_KEYS = {"name", "description", "strategies"}
STRATEGY_KEYS = {"name", "description"}
PARAMETER_KEYS = {"name", "default", "min", "max", "description", "source"}
TERM_KEYS = {
    "base": {"kind", "actor", "strategy", "value", "description", "source"},
    "pairwise": {"kind", "actor", "strategy", "other", "other_strategy", "value",
                 "description", "source"},
    "conditional": {"kind", "when", "payoffs", "description", "source"},
}


class Expression:
    """A parsed payoff expression: a number or arithmetic over parameter names."""

    def __init__(self, text, names, where):
        self.where = where
        if isinstance(text, bool) or not isinstance(text, (int, float, str)):
            raise ValueError(f"{where}: expected a number or an expression string")
        if not isinstance(text, str):
            self.tree = ast.Expression(ast.Constant(float(text)))
            return
        try:
            # muparser's ^ is power and binds tighter than * and /, exactly as ** does.
            self.tree = ast.parse(text.replace("^", "**"), mode="eval")
        except SyntaxError as e:
            raise ValueError(f"{where}: cannot parse expression {text!r}: {e.msg}") from None
        self._check(self.tree.body, names)

    def _check(self, node, names):
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
                raise ValueError(f"{self.where}: only numbers are allowed, not {node.value!r}")
        elif isinstance(node, ast.Name):
            if node.id not in names:
                raise ValueError(f"{self.where}: unknown name {node.id!r}")
        elif isinstance(node, ast.BinOp):
            if type(node.op) not in BINARY:
                raise ValueError(f"{self.where}: operator {type(node.op).__name__} is not allowed")
            self._check(node.left, names)
            self._check(node.right, names)
        elif isinstance(node, ast.UnaryOp):
            if not isinstance(node.op, (ast.USub, ast.UAdd)):
                raise ValueError(f"{self.where}: operator {type(node.op).__name__} is not allowed")
            self._check(node.operand, names)
        elif isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS or node.keywords:
                raise ValueError(f"{self.where}: unknown function in {ast.unparse(node)!r}")
            if node.func.id in ("min", "max") and len(node.args) < 1:
                raise ValueError(f"{self.where}: {node.func.id} needs arguments")
            if node.func.id not in ("min", "max") and len(node.args) != 1:
                raise ValueError(f"{self.where}: {node.func.id} takes one argument")
            for arg in node.args:
                self._check(arg, names)
        else:
            raise ValueError(f"{self.where}: {type(node).__name__} is not allowed in an expression")

    def __call__(self, values):
        def ev(node):
            if isinstance(node, ast.Constant):
                return float(node.value)
            if isinstance(node, ast.Name):
                return float(values[node.id])
            if isinstance(node, ast.BinOp):
                return BINARY[type(node.op)](ev(node.left), ev(node.right))
            if isinstance(node, ast.UnaryOp):
                x = ev(node.operand)
                return -x if isinstance(node.op, ast.USub) else x
            return float(FUNCTIONS[node.func.id](*(ev(a) for a in node.args)))

        try:
            result = ev(self.tree.body)
        except (ZeroDivisionError, ValueError, OverflowError) as e:
            raise ValueError(f"{self.where}: evaluation failed: {e}") from None
        if isinstance(result, complex) or not math.isfinite(result):
            raise ValueError(f"{self.where}: the value is not a finite number")
        return result


@dataclass
class Parameter:
    name: str
    default: float
    min: float
    max: float
    description: str = ""
    source: str = ""


@dataclass
class Term:
    kind: str
    # base / pairwise
    actor: int = -1
    strategies: tuple = ()
    other: int = -1
    other_strategies: tuple = ()
    value: Expression | None = None
    # conditional
    when: dict = field(default_factory=dict)  # actor index -> tuple of strategy indices
    payoffs: dict = field(default_factory=dict)  # actor index -> Expression
    description: str = ""
    source: str = ""


class Scenario:
    """A scenario file, checked against the format; ``payoffs(**values)`` builds the tensors."""

    def __init__(self, data, name="<scenario>"):
        self.file = str(name)

        def fail(path, what):
            raise ValueError(f"{self.file}: {path}: {what}")

        def obj(x, path, keys, required):
            if not isinstance(x, dict):
                fail(path, "expected an object")
            unknown = set(x) - keys
            if unknown:
                fail(f"{path}/{sorted(unknown)[0]}", f"unknown key (expected one of {sorted(keys)})")
            for k in required:
                if k not in x:
                    fail(path, f"missing key {k!r}")
            return x

        def text(x, path):
            if not isinstance(x, str):
                fail(path, "expected a string")
            return x

        def number(x, path):
            if isinstance(x, bool) or not isinstance(x, (int, float)) or not math.isfinite(x):
                fail(path, "expected a finite number")
            return float(x)

        obj(data, "", TOP_KEYS, ["actors"])
        self.title = text(data.get("title", ""), "/title")
        self.description = text(data.get("description", ""), "/description")

        actors = data["actors"]
        if not isinstance(actors, list) or not actors:
            fail("/actors", "expected a non-empty list of actors")
        self.actors, self.strategies, self.actor_descriptions = [], [], []
        self.strategy_descriptions = []
        for i, a in enumerate(actors):
            obj(a, f"/actors/{i}", ACTOR_KEYS, ["name", "strategies"])
            name = text(a["name"], f"/actors/{i}/name")
            if not name:
                fail(f"/actors/{i}/name", "expected a non-empty name")
            if name in self.actors:
                fail(f"/actors/{i}/name", f"duplicate actor {name!r}")
            strategies = a["strategies"]
            if not isinstance(strategies, list) or not strategies:
                fail(f"/actors/{i}/strategies", "expected a non-empty list of strategies")
            names, descriptions = [], []
            for j, s in enumerate(strategies):
                obj(s, f"/actors/{i}/strategies/{j}", STRATEGY_KEYS, ["name"])
                sname = text(s["name"], f"/actors/{i}/strategies/{j}/name")
                if not sname:
                    fail(f"/actors/{i}/strategies/{j}/name", "expected a non-empty name")
                if sname in names:
                    fail(f"/actors/{i}/strategies/{j}/name", f"duplicate strategy {sname!r}")
                names.append(sname)
                descriptions.append(text(s.get("description", ""), f"/actors/{i}/strategies/{j}/description"))
            self.actors.append(name)
            self.actor_descriptions.append(text(a.get("description", ""), f"/actors/{i}/description"))
            self.strategies.append(names)
            self.strategy_descriptions.append(descriptions)

        params = data.get("parameters", [])
        if not isinstance(params, list):
            fail("/parameters", "expected a list")
        self.parameters = []
        for k, p in enumerate(params):
            path = f"/parameters/{k}"
            obj(p, path, PARAMETER_KEYS, ["name", "default", "min", "max"])
            name = text(p["name"], f"{path}/name")
            if not IDENTIFIER.match(name):
                fail(f"{path}/name", f"{name!r} is not a valid identifier")
            if name in self.actors:
                fail(f"{path}/name", f"{name!r} is also an actor's name")
            if name in FUNCTIONS:
                fail(f"{path}/name", f"{name!r} is a function's name")
            if any(q.name == name for q in self.parameters):
                fail(f"{path}/name", f"duplicate parameter {name!r}")
            lo, d, hi = (number(p[key], f"{path}/{key}") for key in ("min", "default", "max"))
            if not lo <= d <= hi:
                fail(path, f"expected min <= default <= max, got {lo} <= {d} <= {hi}")
            self.parameters.append(Parameter(name, d, lo, hi,
                                             text(p.get("description", ""), f"{path}/description"),
                                             text(p.get("source", ""), f"{path}/source")))
        names = {p.name for p in self.parameters}

        def actor_index(x, path):
            text(x, path)
            if x not in self.actors:
                fail(path, f"unknown actor {x!r}")
            return self.actors.index(x)

        def strategy_set(x, actor, path):
            items = x if isinstance(x, list) else [x]
            if isinstance(x, list) and not x:
                fail(path, "expected a strategy name or a non-empty list of them")
            out = []
            for n, s in enumerate(items):
                where = f"{path}/{n}" if isinstance(x, list) else path
                text(s, where)
                if s not in self.strategies[actor]:
                    fail(where, f"unknown strategy {s!r} of {self.actors[actor]!r}")
                out.append(self.strategies[actor].index(s))
            return tuple(sorted(set(out)))

        # The report's focus actor and stance-map parameters (defaults: the
        # first actor, the first two parameters).
        self.focus = text(data.get("focus", self.actors[0]), "/focus")
        if self.focus not in self.actors:
            fail("/focus", f"unknown actor {self.focus!r}")
        names = [p["name"] for p in data.get("parameters", [])]
        self.map = data.get("map", names[:2])
        if "map" in data:
            if not isinstance(self.map, list) or len(self.map) != 2:
                fail("/map", "expected two parameter names")
            for k, m in enumerate(self.map):
                if m not in names:
                    fail(f"/map/{k}", f"unknown parameter {m!r}")
            if self.map[0] == self.map[1]:
                fail("/map/1", "expected two different parameters")
        terms = data.get("terms", [])
        if not isinstance(terms, list):
            fail("/terms", "expected a list")
        self.terms = []
        for k, t in enumerate(terms):
            path = f"/terms/{k}"
            if not isinstance(t, dict):
                fail(path, "expected an object")
            kind = t.get("kind")
            if kind not in TERM_KEYS:
                fail(f"{path}/kind", "expected 'base', 'pairwise' or 'conditional'")
            required = {"base": ["actor", "strategy", "value"],
                        "pairwise": ["actor", "strategy", "other", "other_strategy", "value"],
                        "conditional": ["when", "payoffs"]}[kind]
            obj(t, path, TERM_KEYS[kind], required)
            term = Term(kind, description=text(t.get("description", ""), f"{path}/description"),
                        source=text(t.get("source", ""), f"{path}/source"))
            if kind in ("base", "pairwise"):
                term.actor = actor_index(t["actor"], f"{path}/actor")
                term.strategies = strategy_set(t["strategy"], term.actor, f"{path}/strategy")
                term.value = Expression(t["value"], names, f"{self.file}: {path}/value")
            if kind == "pairwise":
                term.other = actor_index(t["other"], f"{path}/other")
                if term.other == term.actor:
                    fail(f"{path}/other", "must differ from actor")
                term.other_strategies = strategy_set(t["other_strategy"], term.other,
                                                     f"{path}/other_strategy")
            if kind == "conditional":
                if not isinstance(t["when"], dict) or not t["when"]:
                    fail(f"{path}/when", "expected a non-empty object of actor: strategy")
                for a, s in t["when"].items():
                    i = actor_index(a, f"{path}/when/{a}")
                    term.when[i] = strategy_set(s, i, f"{path}/when/{a}")
                if not isinstance(t["payoffs"], dict):
                    fail(f"{path}/payoffs", "expected an object of actor: expression")
                for a, v in t["payoffs"].items():
                    i = actor_index(a, f"{path}/payoffs/{a}")
                    term.payoffs[i] = Expression(v, names, f"{self.file}: {path}/payoffs/{a}")
            self.terms.append(term)

    @classmethod
    def load(cls, path):
        path = pathlib.Path(path)
        try:
            data = json.loads(path.read_text())
        except json.JSONDecodeError as e:
            raise ValueError(f"{path}: not JSON: {e}") from None
        return cls(data, path)

    @property
    def shape(self):
        return tuple(len(s) for s in self.strategies)

    @property
    def defaults(self):
        return {p.name: p.default for p in self.parameters}

    def values(self, **overrides):
        """Parameter values: the defaults, overridden and range-checked."""
        values = self.defaults
        for name, v in overrides.items():
            p = next((q for q in self.parameters if q.name == name), None)
            if p is None:
                raise ValueError(f"{self.file}: unknown parameter {name!r}")
            v = float(v)
            if not math.isfinite(v) or not p.min <= v <= p.max:
                raise ValueError(f"{self.file}: {name} = {v} is outside [{p.min}, {p.max}]")
            values[name] = v
        return values

    def _mask(self, conditions):
        """A boolean array of the game's shape: True where every actor i plays one of conditions[i]."""
        mask = np.ones(self.shape, dtype=bool)
        for i, allowed in conditions.items():
            along = np.zeros(self.shape[i], dtype=bool)
            along[list(allowed)] = True
            view = [1] * len(self.shape)
            view[i] = self.shape[i]
            mask &= along.reshape(view)
        return mask

    def profile_payoffs(self, profile, **overrides):
        """Every actor's payoff at one pure profile (strategy indices), term by
        term: no tensor, so it checks games of any number of actors."""
        values = self.values(**overrides)
        u = [0.0] * len(self.actors)

        def fires(conditions):
            return all(profile[i] in allowed for i, allowed in conditions.items())

        for t in self.terms:
            if t.kind == "base" and fires({t.actor: t.strategies}):
                u[t.actor] += t.value(values)
            elif t.kind == "pairwise" and fires({t.actor: t.strategies, t.other: t.other_strategies}):
                u[t.actor] += t.value(values)
            elif t.kind == "conditional" and fires(t.when):
                for a, expr in t.payoffs.items():
                    u[a] += expr(values)
        return u

    def strategy_values(self, mixed, i, **overrides):
        """Actor i's expected payoff from each of its strategies when the others
        play the mixed profile `mixed` (one probability list per actor), term by
        term: a term's amount times the probability that the others meet its
        conditions."""
        values = self.values(**overrides)
        out = [0.0] * self.shape[i]
        for t in self.terms:
            if t.kind == "base":
                conditions, paid = {t.actor: t.strategies}, {t.actor: t.value} if t.actor == i else {}
            elif t.kind == "pairwise":
                conditions = {t.actor: t.strategies, t.other: t.other_strategies}
                paid = {t.actor: t.value} if t.actor == i else {}
            else:
                conditions, paid = t.when, t.payoffs
            if i not in paid:
                continue
            weight = paid[i](values)
            for j, allowed in conditions.items():
                if j != i:
                    weight *= sum(mixed[j][k] for k in allowed)
            for k in range(self.shape[i]):
                if i not in conditions or k in conditions[i]:
                    out[k] += weight
        return out

    def payoffs(self, **overrides):
        """One payoff tensor per actor (numpy float64, shape = strategy counts)."""
        values = self.values(**overrides)
        u = [np.zeros(self.shape) for _ in self.actors]
        for t in self.terms:
            if t.kind == "base":
                u[t.actor][self._mask({t.actor: t.strategies})] += t.value(values)
            elif t.kind == "pairwise":
                u[t.actor][self._mask({t.actor: t.strategies, t.other: t.other_strategies})] += t.value(values)
            else:
                mask = self._mask(t.when)
                for a, expr in t.payoffs.items():
                    u[a][mask] += expr(values)
        return u


# --- analysis helpers (numpy brute force) -------------------------------------------------


def pure_equilibria(u, tol=1e-9):
    """Every pure Nash equilibrium of the tensors u, as tuples of strategy indices."""
    nash = np.ones(u[0].shape, dtype=bool)
    for i, ui in enumerate(u):
        nash &= ui >= ui.max(axis=i, keepdims=True) - tol
    return [tuple(int(x) for x in p) for p in np.argwhere(nash)]


def zero_sum_value(a):
    """Value and row strategy of the matrix game a (row maximises), by scipy's linprog."""
    from scipy.optimize import linprog

    m, n = a.shape
    # max v  s.t.  x^T a[:, j] >= v for all j,  sum x = 1,  x >= 0.
    c = np.zeros(m + 1)
    c[-1] = -1
    a_ub = np.hstack([-a.T, np.ones((n, 1))])
    a_eq = np.hstack([np.ones((1, m)), np.zeros((1, 1))])
    res = linprog(c, A_ub=a_ub, b_ub=np.zeros(n), A_eq=a_eq, b_eq=[1],
                  bounds=[(0, None)] * m + [(None, None)], method="highs")
    return res.x[-1], res.x[:m]


def describe(scenario, u, profile):
    return ", ".join(f"{a}: {s[k]}" for a, s, k in zip(scenario.actors, scenario.strategies, profile)) + \
        "  payoffs " + " ".join(f"{x[profile]:.2f}" for x in u)


def china_stance_grid(scenario, steps=6, **fixed):
    """China's strategies in the pure equilibria over nk_nuclear_gain x pact_strength."""
    gains = np.linspace(*_range(scenario, "nk_nuclear_gain"), steps)
    pacts = np.linspace(*_range(scenario, "pact_strength"), steps)
    china = scenario.actors.index("China")
    rows = []
    for g in gains:
        row = []
        for p in pacts:
            u = scenario.payoffs(nk_nuclear_gain=g, pact_strength=p, **fixed)
            if len(scenario.actors) == 2 and np.allclose(u[0] + u[1], 0):
                _, x = zero_sum_value(u[0])
                row.append(scenario.strategies[china][int(np.argmax(x))] + f" {x.max():.2f}")
                continue
            eqs = pure_equilibria(u)
            row.append("/".join(sorted({scenario.strategies[china][e[china]] for e in eqs})) or "(none)")
        rows.append((g, row))
    return pacts, rows


def _range(scenario, name):
    p = next(q for q in scenario.parameters if q.name == name)
    return p.min, p.max


def main(argv):
    for path in argv:
        s = Scenario.load(path)
        u = s.payoffs()
        print(f"== {path}: {s.title}; shape {s.shape} = {int(np.prod(s.shape))} profiles")
        if len(s.actors) == 2 and np.allclose(u[0] + u[1], 0):
            v, x = zero_sum_value(u[0])
            print(f"zero-sum value {v:.4f}, China {np.round(x, 3)}")
        eqs = pure_equilibria(u)
        print(f"{len(eqs)} pure equilibria at the defaults")
        for e in eqs[:10]:
            print("  ", describe(s, u, e))
        pacts, rows = china_stance_grid(s)
        print("China's stance; rows nk_nuclear_gain, columns pact_strength", np.round(pacts, 2))
        for g, row in rows:
            print(f"  {g:.2f}: " + " | ".join(row))


if __name__ == "__main__":
    main(sys.argv[1:])
