"""The hand-kept stubs python/entente/__init__.pyi against the built module:
mypy's stubtest, plus the parameter lists pybind11 writes on each docstring's
first line (stubtest cannot see those: pybind11 functions have no
inspect.signature)."""
import ast
import inspect
import os
import pathlib
import subprocess
import sys

import pytest

import entente as en

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOURCE_STUB = ROOT / "python" / "entente" / "__init__.pyi"
STUBTEST = ROOT / "tests" / "python" / "stubtest"
PACKAGE = pathlib.Path(en.__file__).resolve().parent


def test_the_built_package_carries_the_source_stubs():
    assert (PACKAGE / "__init__.pyi").read_text() == SOURCE_STUB.read_text(), "rebuild: the stubs changed"
    assert (PACKAGE / "py.typed").exists()


def test_stubtest_finds_no_difference():
    pytest.importorskip("mypy.stubtest", reason="needs Debian's python3-mypy (make deps installs it)")
    env = dict(os.environ, PYTHONPATH=str(PACKAGE.parent))
    result = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "entente", "--mypy-config-file", str(STUBTEST / "mypy.ini"),
         "--allowlist", str(STUBTEST / "allowlist.txt")],
        capture_output=True, text=True, timeout=600, cwd=str(PACKAGE.parent.parent), env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def split_top_level(text):
    """Splits a parameter list at commas outside brackets and quotes."""
    parts, depth, quote, current = [], 0, None, ""
    for ch in text:
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(current.strip())
            current = ""
            continue
        current += ch
    if current.strip():
        parts.append(current.strip())
    return parts


def runtime_parameters(obj, name):
    """(name, has_default, keyword_only) per parameter, from pybind11's docstring line."""
    first = (obj.__doc__ or "").splitlines()[0]
    assert first.startswith(name + "("), (name, first)
    inside = first[len(name) + 1:first.rindex(") ->")]
    out, keyword_only = [], False
    for part in split_top_level(inside):
        if part == "*":
            keyword_only = True
            continue
        if part.startswith("*"):  # *args or **kwargs, compared without their names
            out.append(("**" if part.startswith("**") else "*", False, part.startswith("**")))
            keyword_only = True
            continue
        out.append((part.split(":")[0].split("=")[0].strip(), "=" in part, keyword_only))
    return out


def stub_parameters(node):
    args = node.args
    positional = args.posonlyargs + args.args
    defaults = [False] * (len(positional) - len(args.defaults)) + [True] * len(args.defaults)
    out = [(a.arg, d, False) for a, d in zip(positional, defaults)]
    if args.vararg:
        out.append(("*", False, False))  # the name of *args does not matter
    out += [(a.arg, d is not None, True) for a, d in zip(args.kwonlyargs, args.kw_defaults)]
    if args.kwarg:
        out.append(("**", False, True))
    return out


def stub_definitions():
    """name -> every def of it in the stub (several for @overload); methods as Class.name."""
    tree = ast.parse(SOURCE_STUB.read_text())
    found = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            found.setdefault(node.name, []).append(node)
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    found.setdefault(f"{node.name}.{item.name}", []).append(item)
    return found


def test_parameter_lists_match_the_stubs():
    stubs = stub_definitions()
    checked, problems = 0, []
    for name in en.__all__:
        obj = getattr(en, name)
        members = [(name, obj)]
        if isinstance(obj, type):
            members = [(f"{name}.{attr}", member) for attr, member in vars(obj).items()
                       if (callable(member) or isinstance(member, staticmethod)) and not isinstance(member, type)]
        for full, member in members:
            if isinstance(member, staticmethod):
                member = member.__func__
            doc = getattr(member, "__doc__", None) or ""
            short = full.rsplit(".", 1)[-1]
            if not doc.startswith(short + "(") or "Overloaded function" in doc or inspect.isfunction(member):
                continue  # not a pybind11 function, or one stubtest checks itself
            if short.startswith("_") and short not in ("__init__", "__getitem__"):
                continue  # private helpers; pickling and comparison dunders (arg0 ...)
            if full not in stubs:
                pytest.fail(f"{full} is in the module but not in the stubs")
            want = [p for p in runtime_parameters(member, short) if p[0] != "self"]
            defs = [[p for p in stub_parameters(d) if p[0] != "self"] for d in stubs[full]]
            if len(defs) == 1:
                problems += [] if defs[0] == want else [f"{full}: stub {defs[0]} != module {want}"]
            else:
                # Overloads narrow the types (exact: Literal[True] ...): each
                # must name parameters of the module, in its order, and
                # together they must name them all.
                names = [p[0] for p in want]
                for d in defs:
                    got = [p[0] for p in d]
                    if got != [n for n in names if n in got]:
                        problems.append(f"{full}: overload {got} != module {names}")
                if {p[0] for d in defs for p in d} != set(names):
                    problems.append(f"{full}: overloads miss parameters of {names}")
            checked += 1
    assert not problems, "\n".join(problems)
    assert checked > 60
