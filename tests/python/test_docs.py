"""The README and docs/ stay true: links and anchors resolve, the README
stays short, and its examples (Python, C++, command line) and the worked
scenario example print what the pages say they print."""
import os
import pathlib
import re
import subprocess
import sys

import pytest

import entente as en

ROOT = pathlib.Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [README] + DOCS
CLI = os.environ.get("ENTENTE_CLI", str(ROOT / "build" / "entente"))

FENCE = re.compile(r"^(```|~~~)")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")


def prose_lines(text):
    """The lines outside fenced code blocks (a '#' in a code block is not a heading)."""
    inside = False
    for line in text.splitlines():
        if FENCE.match(line):
            inside = not inside
            continue
        if not inside:
            yield line


def without_code_spans(line):
    return re.sub(r"`[^`]*`", "", line)


def slug(heading):
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = heading.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path):
    seen = {}
    out = set()
    for line in prose_lines(path.read_text()):
        m = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if not m:
            continue
        base = slug(m.group(2))
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.add(base if n == 0 else f"{base}-{n}")
    return out


def links(path):
    # The whole prose at once: a link's text may wrap onto the next line.
    prose = without_code_spans("\n".join(prose_lines(path.read_text())))
    return LINK.findall(prose)


def fenced_blocks(text):
    """(info string, body) of every fenced block, in order."""
    return [(m.group(1), m.group(2))
            for m in re.finditer(r"^```(\w*)\n(.*?)^```$", text, re.S | re.M)]


def test_slug_follows_githubs_rules():
    assert slug("The built-in report (`make demo`)") == "the-built-in-report-make-demo"
    assert slug("Gambit `.nfg` files") == "gambit-nfg-files"
    assert slug("Methods of `entente solve`") == "methods-of-entente-solve"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_relative_link_and_anchor_resolves(page):
    checked = 0
    for target in links(page):
        if re.match(r"^[a-z]+:", target):  # http:, https:, mailto:
            continue
        file_part, _, anchor = target.partition("#")
        resolved = (page.parent / file_part).resolve() if file_part else page
        assert resolved.exists(), f"{page.name}: link to {target}: {resolved} does not exist"
        if anchor and resolved.suffix == ".md":
            assert anchor in anchors(resolved), \
                f"{page.name}: link to {target}: no heading '#{anchor}' in {resolved.name}"
        checked += 1
    assert checked > 0, f"{page.name} links nowhere"


def test_the_old_scenario_format_file_is_not_linked():
    for page in PAGES:
        assert "SCENARIO_FORMAT.md" not in page.read_text(), page.name


def test_readme_is_at_most_250_lines():
    lines = README.read_text().splitlines()
    assert len(lines) <= 250, f"README.md has {len(lines)} lines"


def test_readme_methods_table_has_one_row_per_method():
    rows = [line for line in prose_lines(README.read_text()) if line.startswith("| `")]
    names = [re.match(r"\| `([a-z]+)`", row).group(1) for row in rows]
    assert names == en.available_methods()
    floating = {"logit", "minsupport"}  # the rows of the table with exact=false
    for name, row in zip(names, rows):
        assert ("| no" in row) if name in floating else ("| yes |" in row), name


def test_readme_python_example_runs_and_prints_what_the_readme_shows():
    blocks = fenced_blocks(README.read_text())
    pythons = [k for k, (info, _) in enumerate(blocks) if info == "python"]
    assert pythons, "README.md has no ```python block"
    for k in pythons:
        run = subprocess.run([sys.executable, "-c", blocks[k][1]], cwd=ROOT, env=python_env(),
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        # The block after it is its output, when the README shows one.
        if k + 1 < len(blocks) and blocks[k + 1][0] == "":
            assert run.stdout == blocks[k + 1][1]


def test_readme_cpp_example_is_the_file_ctest_runs():
    [cpp] = [body for info, body in fenced_blocks(README.read_text()) if info == "cpp"]
    source = (ROOT / "examples" / "cpp" / "china_us.cpp").read_text()
    assert source.splitlines()[1:] == cpp.splitlines()


def shell_sessions(text, prefix):
    """(command, shown output lines) of each block that starts with '$ <prefix>'."""
    for info, body in fenced_blocks(text):
        lines = body.splitlines()
        if info == "" and lines and lines[0].startswith("$ " + prefix):
            yield lines[0][2:], lines[1:]


def test_readme_command_line_examples_print_what_the_readme_shows():
    sessions = list(shell_sessions(README.read_text(), "./build/"))
    assert len(sessions) == 2  # the C++ example and `entente solve`
    for command, shown in sessions:
        program, *args = command.split()
        if program == "./build/entente":
            program = CLI
        else:
            program = str(pathlib.Path(CLI).parent / program.removeprefix("./build/"))
            if not os.path.exists(program):
                pytest.skip(f"{program} is not built next to the CLI")
        run = subprocess.run([program, *args], cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, run.stderr
        assert run.stdout.splitlines() == shown, command


def test_scenario_format_worked_example_prints_what_the_page_shows(tmp_path):
    page = (ROOT / "docs" / "scenario-format.md").read_text()
    example = next(body for info, body in fenced_blocks(page) if info == "json")
    (tmp_path / "pact.json").write_text(example)
    sessions = list(shell_sessions(page, "build/entente scenario pact.json"))
    assert len(sessions) >= 3
    for command, shown in sessions:
        args = command.split()[1:]
        run = subprocess.run([CLI, *args], cwd=tmp_path, capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, run.stderr
        # Some blocks show only the first lines of a long report.
        assert run.stdout.splitlines()[:len(shown)] == shown, command


def python_env():
    module_dir = pathlib.Path(en.__file__).resolve().parents[1]
    return dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(module_dir)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))


@pytest.mark.parametrize("name", ["python.md", "scenario-format.md", "alliances.md", "extensive.md"])
def test_docs_python_blocks_run_in_order(name):
    """Each page's ```python blocks, run in one session as the page says they were."""
    if name == "python.md":
        pytest.importorskip("dask.distributed")  # the page's sweep on a local Dask cluster
    blocks = fenced_blocks((ROOT / "docs" / name).read_text())
    code = "\n".join(body for info, body in blocks if info == "python")
    assert code
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=python_env(),
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr


def test_alliances_examples_print_what_the_page_shows():
    blocks = fenced_blocks((ROOT / "docs" / "alliances.md").read_text())
    examples = [k for k, (info, _) in enumerate(blocks) if info == "python"]
    assert len(examples) == 2  # an analysis and a stability map
    for k in examples:
        run = subprocess.run([sys.executable, "-c", blocks[k][1]], cwd=ROOT, env=python_env(),
                             capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr
        assert run.stdout == blocks[k + 1][1]
