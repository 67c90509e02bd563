"""schema/scenario.schema.json: well formed (draft 2020-12), every scenario
file in examples/scenarios/ and tests/data/ validates, and on a set of good
and bad snippets the schema and the C++ loader (en.Scenario.parse) agree.
Without python3-jsonschema the schema checks are skipped; the loader's side
still runs."""
import json
import pathlib

import pytest

import entente as en

try:
    import jsonschema
except ImportError:  # pragma: no cover - Debian's python3-jsonschema is installed here
    jsonschema = None

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "schema" / "scenario.schema.json"
FILES = sorted((ROOT / "examples" / "scenarios").glob("*.json")) + sorted((ROOT / "tests" / "data").glob("*.json"))

needs_jsonschema = pytest.mark.skipif(jsonschema is None, reason="python3-jsonschema is not importable")


def schema():
    return json.loads(SCHEMA_PATH.read_text())


def validator():
    return jsonschema.Draft202012Validator(schema())


def test_schema_is_well_formed_json_of_draft_2020_12():
    s = schema()
    assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert s["required"] == ["actors"] and s["additionalProperties"] is False
    if jsonschema is not None:
        jsonschema.Draft202012Validator.check_schema(s)


def test_there_are_files_to_check():
    names = {f.name for f in FILES}
    assert {"china_balancing.json", "china_three_bloc.json", "china_us_zero_sum.json", "scenario_tiny.json"} <= names


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_scenario_file_is_valid_for_schema_and_loader(path):
    en.Scenario.load(path)
    if jsonschema is not None:
        validator().validate(json.loads(path.read_text()))


A = '{"name": "A", "strategies": [{"name": "x"}, {"name": "y"}]}'
B = '{"name": "B", "strategies": [{"name": "u"}]}'
P = '{"name": "p", "default": 0.5, "min": 0, "max": 1}'


def doc(terms="[]", parameters=f"[{P}]", extra=""):
    return f'{{"actors": [{A}, {B}], "parameters": {parameters}, "terms": {terms}{extra}}}'


GOOD = [
    '{"actors": [{"name": "A", "strategies": [{"name": "x"}]}]}',
    doc('[{"kind": "base", "actor": "A", "strategy": ["x", "y"], "value": 2}]'),
    doc('[{"kind": "pairwise", "actor": "A", "strategy": "x", "other": "B", "other_strategy": "u", '
        '"value": "p^2", "description": "d", "source": "s"}]'),
    doc('[{"kind": "conditional", "when": {"A": "x", "B": ["u"]}, "payoffs": {"A": "-p", "B": 1}}]'),
    doc(extra=', "title": "t", "description": "d"'),
]

# Structural errors: the schema and the loader both reject these.
BAD_FOR_BOTH = [
    '{"actors": []}',
    '{"title": "no actors"}',
    '{"actors": [{"name": "A", "strategies": []}]}',
    '{"actors": [{"name": "", "strategies": [{"name": "x"}]}]}',
    '{"actors": [{"name": "A", "strategies": [{"name": "x", "label": "y"}]}]}',
    doc(extra=', "version": 2'),
    doc(parameters='[{"name": "1p", "default": 0, "min": 0, "max": 1}]'),
    doc(parameters='[{"name": "p", "default": "0", "min": 0, "max": 1}]'),
    doc(parameters='[{"name": "p", "default": 0, "max": 1}]'),
    doc('[{"kind": "bonus", "actor": "A", "strategy": "x", "value": 1}]'),
    doc('[{"actor": "A", "strategy": "x", "value": 1}]'),
    doc('[{"kind": "base", "actor": "A", "strategy": [], "value": 1}]'),
    doc('[{"kind": "base", "actor": "A", "strategy": "x", "value": true}]'),
    doc('[{"kind": "base", "actor": "A", "strategy": "x"}]'),
    doc('[{"kind": "base", "actor": "A", "strategy": "x", "value": 1, "other": "B"}]'),
    doc('[{"kind": "pairwise", "actor": "A", "strategy": "x", "other": "B", "value": 1}]'),
    doc('[{"kind": "conditional", "when": {}, "payoffs": {"A": 1}}]'),
    doc('[{"kind": "conditional", "when": {"A": "x"}, "payoffs": {}}]'),
    doc('[{"kind": "conditional", "when": {"A": "x"}, "payoffs": {"A": 1}, "description": 3}]'),
]

# Meaning errors a schema cannot see: only the loader rejects these.
BAD_FOR_LOADER_ONLY = [
    doc('[{"kind": "base", "actor": "C", "strategy": "x", "value": 1}]'),
    doc('[{"kind": "base", "actor": "A", "strategy": "z", "value": 1}]'),
    doc('[{"kind": "base", "actor": "A", "strategy": "x", "value": "2*q"}]'),
    doc('[{"kind": "base", "actor": "A", "strategy": "x", "value": "1/(p-0.5)"}]'),
    doc('[{"kind": "pairwise", "actor": "A", "strategy": "x", "other": "A", "other_strategy": "y", "value": 1}]'),
    doc(parameters=f'[{P}, {P}]'),
    doc(parameters='[{"name": "p", "default": 2, "min": 0, "max": 1}]'),
    '{"actors": [{"name": "A", "strategies": [{"name": "x"}, {"name": "x"}]}]}',
]


@pytest.mark.parametrize("text", GOOD)
def test_good_snippets_pass_both(text):
    en.Scenario.parse(text)
    if jsonschema is not None:
        validator().validate(json.loads(text))


@pytest.mark.parametrize("text", BAD_FOR_BOTH)
def test_structural_errors_fail_both(text):
    with pytest.raises(ValueError):
        en.Scenario.parse(text)
    if jsonschema is not None:
        assert not validator().is_valid(json.loads(text))


@pytest.mark.parametrize("text", BAD_FOR_LOADER_ONLY)
def test_meaning_errors_fail_the_loader(text):
    with pytest.raises(ValueError):
        en.Scenario.parse(text)
    if jsonschema is not None:
        assert validator().is_valid(json.loads(text))
