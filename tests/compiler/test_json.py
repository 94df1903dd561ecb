"""The JSON form (LANGUAGE.md section 9): exact keys, round trip, and validation of JSON input."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

import journeymap
from journeymap.compiler.load import compile_bytes, journey_from_json
from journeymap.model.diagnostics import Collector, format_all
from tests.conftest import GALLERY

SPEC_EXAMPLE = Path(__file__).parents[1] / "language" / "spec_example.journey"
SOURCES = [SPEC_EXAMPLE, *sorted(GALLERY.glob("*.journey"))]

# The key lists of LANGUAGE.md section 9, plus `line` on objects that came from a line.
DOCUMENT_KEYS = {
    "version", "title", "description", "scenario", "expectations", "theme", "notes",
    "personas", "channels", "teams", "stages", "flows",
}  # fmt: skip
PERSONA_KEYS = {"id", "name", "role", "goal", "need", "frustration", "quote", "notes", "line"}
CHANNEL_KEYS = {"id", "name", "kind", "notes", "line"}
TEAM_KEYS = {"id", "name", "notes", "line"}
STAGE_KEYS = {"id", "name", "count", "metrics", "opportunities", "notes", "steps", "line"}
STEP_KEYS = {
    "id", "name", "personas", "moment_of_truth", "fail_point", "assumption", "count",
    "metrics", "touchpoints", "thoughts", "emotions", "pains", "delights", "opportunities",
    "lanes", "notes", "line",
}  # fmt: skip
TOUCHPOINT_KEYS = {
    "id", "label", "channel", "kind", "tier", "phase", "owner", "assumption", "attributes",
    "line",
}  # fmt: skip
EMOTION_KEYS = {"score", "label", "persona", "variant", "line"}
OPPORTUNITY_KEYS = {"text", "owner", "priority", "assumption", "line"}
LANES_KEYS = {"evidence", "customer", "frontstage", "backstage", "support", "policy"}
LANE_ITEM_KEYS = {
    "id", "text", "owner", "system", "duration", "wait", "fail_point", "assumption",
    "attributes", "line",
}  # fmt: skip
FLOW_KEYS = {"from", "to", "label", "async", "line"}

EVERYTHING = """\
journey: All
description: D
scenario: S
expectation: E
theme: dark
note: N
persona p: P
  role: R
channel c: C [kind=digital]
team t: T
stage st: Stage
  count: 10
  metric m: 1
  opportunity: O
  step a: A [moment-of-truth]
    touchpoint tp: T [channel=c, tier=primary, free=x]
    think: Th
    emotion: 1 Ok [variant=as-is]
    pain: Pa
    delight: De
    opportunity: Op [owner=t, priority=high]
    evidence ev: Ev
    customer: Cu
    frontstage: Fr
    backstage: Ba [system=X]
    support: Su
    policy: Po
a -> ev: L
"""


def dumped(text: str = EVERYTHING) -> dict[str, Any]:
    journey = journeymap.loads(text, name="t.journey")
    data: dict[str, Any] = json.loads(journeymap.to_json(journey, "t.journey"))
    return data


# -- the key set of section 9 ------


def test_every_object_has_exactly_the_spec_keys() -> None:
    data = dumped()
    assert set(data) == DOCUMENT_KEYS
    assert data["version"] == 1
    assert set(data["personas"][0]) == PERSONA_KEYS
    assert set(data["channels"][0]) == CHANNEL_KEYS
    assert set(data["teams"][0]) == TEAM_KEYS
    stage = data["stages"][0]
    assert set(stage) == STAGE_KEYS
    assert set(stage["opportunities"][0]) == OPPORTUNITY_KEYS
    step = stage["steps"][0]
    assert set(step) == STEP_KEYS
    assert set(step["touchpoints"][0]) == TOUCHPOINT_KEYS
    assert set(step["emotions"][0]) == EMOTION_KEYS
    assert set(step["opportunities"][0]) == OPPORTUNITY_KEYS
    assert set(step["lanes"]) == LANES_KEYS
    for lane in LANES_KEYS:
        (item,) = step["lanes"][lane]
        assert set(item) == LANE_ITEM_KEYS
    assert set(data["flows"][0]) == FLOW_KEYS


def test_value_types_follow_the_spec() -> None:
    data = dumped()
    step = data["stages"][0]["steps"][0]
    assert data["expectations"] == ["E"] and data["notes"] == ["N"]
    assert data["personas"][0]["role"] == ["R"]
    assert data["stages"][0]["metrics"] == {"m": "1"}
    assert data["stages"][0]["count"] == 10 and step["count"] is None
    assert step["emotions"][0] == {
        "score": 1,
        "label": "Ok",
        "persona": None,
        "variant": "as-is",
        "line": 18,
    }
    assert step["touchpoints"][0]["attributes"] == {"free": "x"}
    assert step["touchpoints"][0]["kind"] is None
    assert (step["moment_of_truth"], step["fail_point"], step["assumption"]) == (
        True,
        False,
        False,
    )
    assert data["flows"][0] == {"from": "a", "to": "ev", "label": "L", "async": False, "line": 28}


def test_unnamed_stage_has_null_id_name_and_no_line() -> None:
    stage = dumped("step a: A\n")["stages"][0]
    assert (stage["id"], stage["name"]) == (None, None)
    assert "line" not in stage


def test_included_objects_carry_their_file(tmp_path: Path) -> None:
    (tmp_path / "main.journey").write_text('include "part.journey"\nstep b: B\n')
    (tmp_path / "part.journey").write_text("step a: A\n")
    main = str(tmp_path / "main.journey")
    data = json.loads(journeymap.to_json(journeymap.load(main), main))
    a, b = data["stages"][0]["steps"]
    assert a["file"].endswith("part.journey") and a["line"] == 1
    assert "file" not in b and b["line"] == 2


# -- round trip ------


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_round_trip(path: Path) -> None:
    journey = journeymap.load(path)
    first = journeymap.to_json(journey, str(path))
    model = journeymap.loads(first, name=str(path))
    assert model == journey
    assert journeymap.to_json(model, str(path)) == first


def test_round_trip_of_every_statement() -> None:
    journey = journeymap.loads(EVERYTHING, name="t.journey")
    text = journeymap.to_json(journey, "t.journey")
    assert journeymap.loads(text, name="t.journey") == journey


def test_round_trip_through_a_json_file(tmp_path: Path) -> None:
    journey = journeymap.loads(EVERYTHING, name="t.journey")
    target = tmp_path / "t.json"
    target.write_text(journeymap.to_json(journey, str(target)), encoding="utf-8")
    assert journeymap.load(target) == journeymap.loads(target.read_text(), name=str(target))


def test_json_without_lines_is_accepted() -> None:
    data = dumped()

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("line", "file")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    journey = journeymap.loads(json.dumps(strip(data)))
    assert journey.steps()[0].origin is None
    assert journey.steps()[0].touchpoints[0].label == "T"


# -- detection ------


def test_stdin_json_is_detected_by_its_first_non_blank_character() -> None:
    text = "\n  \t" + journeymap.to_json(journeymap.loads(EVERYTHING))
    result = compile_bytes(text.encode(), name="<stdin>")
    assert result.diagnostics == [] and result.journey is not None
    assert result.journey.title == "All"


def test_stdin_journey_is_not_json() -> None:
    result = compile_bytes(b"journey: {not json}\nstep a: A\n", name="<stdin>")
    assert result.diagnostics == [] and result.journey is not None
    assert result.journey.title == "{not json}"


def test_json_file_is_read_as_json_whatever_it_holds(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("journey: T\n")
    (d,) = journeymap.compile_file(path).diagnostics
    assert d.code == "E501"


# -- validation ------


def errors_for(data: Any) -> list[tuple[str, str]]:
    result = journeymap.compile_string(json.dumps(data), name="in.json")
    assert result.journey is None
    return [(d.code, d.message) for d in result.diagnostics]


def mutated(path: list[str | int], value: Any = None, delete: bool = False) -> Any:
    data = copy.deepcopy(dumped())
    target = data
    for key in path[:-1]:
        target = target[key]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


STEP_PATH: list[str | int] = ["stages", 0, "steps", 0]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (["title"], "missing key `title` at $"),
        ([*STEP_PATH, "pains"], "missing key `pains` at $.stages[0].steps[0]"),
        ([*STEP_PATH, "lanes", "policy"], "missing key `policy` at $.stages[0].steps[0].lanes"),
        (["flows", 0, "async"], "missing key `async` at $.flows[0]"),
    ],
)
def test_missing_key_names_its_path(path: list[str | int], message: str) -> None:
    assert errors_for(mutated(path, delete=True)) == [("E502", message)]


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (["title"], 5, "$.title must be a string or null, not an integer"),
        (["expectations"], "E", "$.expectations must be a list, not a string"),
        (["notes"], [1], "$.notes[0] must be a string, not an integer"),
        ([*STEP_PATH, "fail_point"], "no", "$.stages[0].steps[0].fail_point must be true or"),
        ([*STEP_PATH, "count"], 1.5, "$.stages[0].steps[0].count must be an integer or null"),
        ([*STEP_PATH, "count"], True, "count must be an integer or null, not a boolean"),
        ([*STEP_PATH, "metrics"], {"m": 1}, "$.stages[0].steps[0].metrics.m must be a string"),
        (["personas", 0], "maya", "$.personas[0] must be an object, not a string"),
        (["stages", 0, "line"], 0, "$.stages[0].line must be a positive integer"),
    ],
)
def test_wrong_type_names_its_path(path: list[str | int], value: Any, message: str) -> None:
    ((code, got),) = errors_for(mutated(path, value))
    assert code == "E503" and message in got, got


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (["channels", 0, "kind"], "web", "$.channels[0].kind must be one of digital"),
        ([*STEP_PATH, "touchpoints", 0, "tier"], "top", ".touchpoints[0].tier must be one of"),
        ([*STEP_PATH, "opportunities", 0, "priority"], "urgent", ".priority must be one of"),
        ([*STEP_PATH, "emotions", 0, "score"], 3, ".emotions[0].score must be from -2 to 2"),
        ([*STEP_PATH, "count"], -1, "$.stages[0].steps[0].count must not be negative"),
        (["version"], 2, "$.version is 2"),
    ],
)
def test_bad_value_names_its_path(path: list[str | int], value: Any, message: str) -> None:
    ((code, got),) = errors_for(mutated(path, value))
    assert code == "E504" and message in got, got


def test_duplicate_id() -> None:
    data = mutated(["teams", 0, "id"], "p")
    assert errors_for(data) == [("E301", "duplicate ID `p`: it is already a persona")]


def test_unknown_flow_end() -> None:
    data = mutated(["flows", 0, "to"], "nowhere")
    assert errors_for(data) == [("E302", "$.flows[0].to: unknown flow end `nowhere`")]


def _value_at(text: str, line: int, column: int) -> str:
    return text.splitlines()[line - 1][column - 1 :]


@pytest.mark.parametrize(
    ("path", "value", "where", "starts"),
    [
        ([*STEP_PATH, "emotions", 0, "score"], 7, "$.stages[0].steps[0].emotions[0].score", "7"),
        (["title"], 5, "$.title", "5"),
        ([*STEP_PATH, "touchpoints", 0, "tier"], "top", ".touchpoints[0].tier", '"top"'),
        (["personas", 0], "maya", "$.personas[0]", '"maya"'),
        ([*STEP_PATH, "metrics"], {"m": 1}, "$.stages[0].steps[0].metrics.m", "1"),
        (["flows", 0, "to"], "nowhere", "$.flows[0].to", '"nowhere"'),
    ],
)
def test_json_errors_are_at_their_json_line_and_column(
    path: list[str | int], value: Any, where: str, starts: str
) -> None:
    text = json.dumps(mutated(path, value), indent=2)
    (d,) = journeymap.compile_string(text, name="in.json").diagnostics
    assert where in d.message
    assert d.location.file == "in.json" and d.location.line > 1
    assert _value_at(text, d.location.line, d.location.column).startswith(starts), d.format()
    assert d.source_line == text.splitlines()[d.location.line - 1]


def test_json_errors_on_one_line_are_at_their_column() -> None:
    data = mutated([*STEP_PATH, "emotions", 0, "score"], 9)
    text = json.dumps(data)
    (d,) = journeymap.compile_string(text, name="in.json").diagnostics
    assert d.location.line == 1
    assert text[d.location.column - 1 :].startswith('9, "label"')


def test_missing_keys_of_one_object_are_one_message_at_the_object() -> None:
    data = mutated([*STEP_PATH, "pains"], delete=True)
    del data["stages"][0]["steps"][0]["notes"]
    text = json.dumps(data, indent=2)
    (d,) = journeymap.compile_string(text, name="in.json").diagnostics
    assert d.message == "missing keys `pains`, `notes` at $.stages[0].steps[0]"
    assert _value_at(text, d.location.line, d.location.column).startswith("{")
    assert f'"id": "{data["stages"][0]["steps"][0]["id"]}"' in "\n".join(
        text.splitlines()[d.location.line : d.location.line + 2]
    )


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [('{"version": 1,}', 1, 15), ('{\n  "a": tru\n}', 2, 8), ("{", 1, 2)],
)
def test_invalid_json_is_located(text: str, line: int, column: int) -> None:
    (d,) = journeymap.compile_string(text, name="in.json").diagnostics
    assert (d.code, d.location.line, d.location.column) == ("E501", line, column)
    assert d.message.startswith("invalid JSON: ")


def test_deeply_nested_json_is_an_error_not_a_crash() -> None:
    (d,) = journeymap.compile_string("{" + '"a":{\n' * 100_000, name="in.json").diagnostics
    assert d.code == "E501"


def test_top_level_must_be_an_object(tmp_path: Path) -> None:
    collector = Collector()
    assert journey_from_json("[1, 2]", "x.json", collector) is None
    (d,) = collector.sorted()
    assert (d.code, d.message) == ("E503", "$ must be an object, not a list")
    path = tmp_path / "x.json"
    path.write_text("[1, 2]")
    (d,) = journeymap.compile_file(path).diagnostics  # a file: not a journey source
    assert (d.code, d.message) == ("E008", f"`{path}` is not a journey source")


def test_all_json_problems_in_one_run() -> None:
    data = mutated(["title"], 5)
    data["stages"][0]["steps"][0]["emotions"][0]["score"] = 9
    del data["flows"][0]["label"]
    codes = [code for code, _ in errors_for(data)]
    assert sorted(codes) == ["E502", "E503", "E504"], format_all(
        journeymap.compile_string(json.dumps(data)).diagnostics
    )


def test_json_emotions_follow_the_language_rules() -> None:
    data = dumped()
    step = data["stages"][0]["steps"][0]
    first = dict(step["emotions"][0])
    step["emotions"].append(first)
    text = json.dumps(data, indent=2)
    found = journeymap.compile_string(text, name="in.json").diagnostics
    (d,) = [d for d in found if d.code == "E209"]
    last = len(step["emotions"]) - 1
    assert f"$.stages[0].steps[0].emotions[{last}]" in d.message
    assert "the first is $.stages[0].steps[0].emotions[0]" in d.message
    assert d.location.line > 1


def test_json_emotion_for_a_persona_off_the_step() -> None:
    data = dumped()
    other = dict(data["personas"][0], id="q", name="Q")
    other.pop("line", None)
    data["personas"].append(other)
    step = data["stages"][0]["steps"][0]
    step["personas"] = [data["personas"][0]["id"]]
    step["emotions"] = [{"score": 1, "label": None, "persona": "q", "variant": None}]
    found = journeymap.compile_string(json.dumps(data, indent=2), name="in.json").diagnostics
    assert [d.code for d in found] == ["E210"], format_all(found)
    assert f"persona `q` is not on step `{step['id']}`" in found[0].message
    assert "$.stages[0].steps[0].emotions[0].persona" in found[0].message
