"""`import mermaid`: the conformance vectors (what Mermaid's parser makes of them), bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import journeymap
from journeymap.emit.mermaid import accessibility_title, to_mermaid
from journeymap.integrations.mermaid_in import Imported, import_mermaid
from journeymap.model.diagnostics import format_all
from journeymap.model.journey import Journey

VECTORS = Path(__file__).parent / "mermaid_vectors"
CASES = sorted(p.stem for p in VECTORS.glob("*.mmd"))


def imported(text: str, name: str = "day.mmd", **options: Any) -> Imported:
    return import_mermaid(text.encode("utf-8"), name, **options)


def compiled(text: str, name: str = "day.mmd", **options: Any) -> Journey:
    result = imported(text, name, **options)
    assert result.text is not None, [d.format() for d in result.diagnostics]
    assert result.diagnostics == []
    return journeymap.loads(result.text)


def codes(result: Imported) -> list[str]:
    return [d.code for d in result.diagnostics]


def expectation(case: str) -> dict[str, Any]:
    expected: dict[str, Any] = json.loads(
        (VECTORS / f"{case}.expected.json").read_text(encoding="utf-8")
    )
    return expected


def test_every_vector_is_here() -> None:
    assert len(CASES) == 21
    readme = (VECTORS / "README.md").read_text(encoding="utf-8")
    assert readme.count("MIT") == 1
    # Each vector of our own or from a public project names where it comes from.
    for case in CASES[8:]:
        source = expectation(case)["source"]
        assert source.startswith(("own case (issue 27)", "mermaid-js/mermaid, ")), case
        assert case in readme


@pytest.mark.parametrize("case", CASES)
def test_vector_imports_to_what_mermaid_reads(case: str) -> None:
    expected = expectation(case)
    ours = expected.get("journeymap", {})
    result = import_mermaid((VECTORS / f"{case}.mmd").read_bytes(), f"{case}.mmd")
    assert result.text is not None, [d.format() for d in result.diagnostics]
    assert codes(result) == ours.get("warnings", [])
    journey = journeymap.loads(result.text)

    # Title: Mermaid's title, or its accTitle when it has none.
    assert journey.title == expected.get("title") or expected.get("accTitle") or None
    acc_title = expected.get("accTitle")
    if acc_title and expected.get("title") and acc_title != expected["title"]:
        assert accessibility_title(journey) == acc_title
    elif acc_title:
        assert journey.title == acc_title
    assert journey.description == (expected.get("accDescr") or None)

    sections = expected["sections"]
    assert [stage.name for stage in journey.stages] == [
        None if s["name"] is None else "\n".join(s.get("display_lines", [s["name"]]))
        for s in sections
    ]
    names = {p.id: p.name for p in journey.personas}
    tasks = [task for section in sections for task in section["tasks"]]
    emotions = ours["emotions"] if "emotions" in ours else [t["score"] - 3 for t in tasks]
    for stage, section in zip(journey.stages, sections, strict=True):
        assert [step.name for step in stage.steps] == [t["task"] for t in section["tasks"]]
        for step, task in zip(stage.steps, section["tasks"], strict=True):
            people = list(dict.fromkeys(p for p in task["people"] if p))
            # A task with no actor belongs to every persona (the journey rule for a
            # step without `persona=`); the import marks it with a comment.
            wanted = people or list(names.values())
            assert [names[p] for p in step.personas] == wanted
    steps = [step for stage in journey.stages for step in stage.steps]
    assert [[(e.score, e.persona) for e in step.emotions] for step in steps] == [
        [] if emotion is None else [(emotion, None)] for emotion in emotions
    ]


def test_vector_output_is_canonical() -> None:
    fmt = pytest.importorskip("journeymap.language.format")
    for case in CASES:
        text = import_mermaid((VECTORS / f"{case}.mmd").read_bytes(), f"{case}.mmd").text
        assert text is not None
        assert fmt.format_text(text) == text, case


def test_working_day_text() -> None:
    text = imported((VECTORS / "08-docs-working-day.mmd").read_text(encoding="utf-8")).text
    assert text == (
        "# Imported from the Mermaid journey in day.mmd\n"
        "journey: My working day\n"
        "\n"
        "persona me: Me\n"
        "persona cat: Cat\n"
        "\n"
        "stage: Go to work\n"
        "  step: Make tea [persona=me]\n"
        "    emotion: +2\n"
        "  step: Go upstairs [persona=me]\n"
        "    emotion: 0\n"
        '  step: Do work [persona="me, cat"]\n'
        "    emotion: -2\n"
        "\n"
        "stage: Go home\n"
        "  step: Go downstairs [persona=me]\n"
        "    emotion: +2\n"
        "  step: Sit down [persona=me]\n"
        "    emotion: +2\n"
    )


def test_break_spellings_in_task_names_and_entities() -> None:
    journey = compiled(
        "journey\nsection S\n  Pay<BR/>now #58; card: 4: Ann #44; Bo, Cy\n  Say #quot;hi#quot;: 2\n"
    )
    first, second = journey.stages[0].steps
    assert first.name == "Pay\nnow : card"
    assert [p.name for p in journey.personas] == ["Ann , Bo", "Cy"]
    assert second.name == 'Say "hi"'
    assert second.emotions[0].score == -1


def test_tasks_before_any_section_go_to_the_unnamed_stage() -> None:
    journey = compiled("journey\nFirst: 3: Me\nsection Later\nSecond: 4: Me\n")
    assert [(s.id, s.name) for s in journey.stages] == [(None, None), ("later", "Later")]


def test_front_matter_title_comments_and_case() -> None:
    journey = compiled(
        "---\ntitle: 'From front matter'\nconfig:\n  theme: dark\n---\n"
        "%% a comment line\n%%{init: {'theme': 'forest'}}%%\njourney\nSection A\n"
        "  Task: 5: Me # trailing comment\n"
    )
    assert journey.title == "From front matter"
    assert journey.stages[0].steps[0].personas == ("me",)


def test_upper_case_journey_is_not_a_journey_for_mermaid() -> None:
    # Mermaid's detector is `/^\s*journey/`, case-sensitive: it draws nothing here.
    result = imported("JOURNEY\nsection A\n  Task: 5: Me\n")
    assert codes(result) == ["E801"]
    assert "is not a Mermaid journey diagram" in result.diagnostics[0].message


def test_persona_ids_are_slugged_and_unique() -> None:
    journey = compiled("journey\nsection S\nT: 3: Ana María, ana maría!, 1st user\n")
    assert [(p.id, p.name) for p in journey.personas] == [
        ("ana-maría", "Ana María"),
        ("ana-maría-2", "ana maría!"),
        ("persona-1st-user", "1st user"),
    ]


def test_text_after_the_actors_is_a_warning() -> None:
    result = imported("journey\nsection S\nT: 3: Me: in the morning\n")
    assert codes(result) == ["W801"]
    assert result.text is not None
    assert result.diagnostics[0].location[1:3] == (3, 9)


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("journey\nsection S\nMake tea\n", "task `Make tea` has no score", 3),
        ("journey\nsection S: 5\n", "`: 5` has no task name before it", 2),
        ("journey\nsection S\nA: 3; B: 4\n", "Mermaid cannot read `;` in a journey", 3),
        ("journey\naccDescr {\n  never closed\n", "`accDescr {` is never closed", 2),
        ("journey\nsection S\nA:\n", "task `A` has no score", 3),
        ("journey\nsection S\n:\n", "`:` with no score after it", 3),
        ("journey\ntitle T\njourney\n", "`journey` may only start the diagram", 3),
    ],
)
def test_malformed_lines_are_located_errors(text: str, message: str, line: int) -> None:
    result = imported(text)
    assert result.text is None
    assert codes(result) == ["E802"]
    assert result.diagnostics[0].message == message
    assert result.diagnostics[0].location.line == line


def test_every_problem_is_reported_in_one_run() -> None:
    result = imported("journey\nsection S\nA: 9\nB\nC: 2: Me\nD: x\nE\n")
    assert [(d.code, d.location.line) for d in result.diagnostics] == [
        ("E802", 4),
        ("W803", 6),
        ("E802", 7),
    ]


def test_other_diagrams_and_empty_input() -> None:
    result = imported("flowchart LR\n  A --> B\n")
    assert codes(result) == ["E801"]
    assert "is not a Mermaid journey diagram" in result.diagnostics[0].message
    assert codes(imported("")) == ["E801"]
    assert codes(imported("journey\n%% nothing else\n")) == ["E006"]


def test_a_file_that_is_not_mermaid_is_named_and_never_quoted() -> None:
    # Like a `.journey` that is not a journey source (E008): `import mermaid` of a link to
    # a key must not print the key's first line or word in a public CI log.
    for text in ("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNz\n", "journeySECRET x\n"):
        result = import_mermaid(text.encode(), "key.mmd")
        assert codes(result) == ["E801"]
        shown = format_all(result.diagnostics)
        assert "OPENSSH" not in shown and "BEGIN" not in shown and "SECRET" not in shown
        assert result.diagnostics[0].source_line is None


def test_invalid_utf8_and_control_characters() -> None:
    result = import_mermaid(b"journey\ntitle Caf\xe9\n", "bad.mmd")
    assert result.text is None
    assert codes(result) == ["E001"]
    assert result.diagnostics[0].location[1:3] == (2, 10)
    assert codes(import_mermaid(b"journey\ntitle A\x00B\n", "nul.mmd")) == ["E002"]


MARKDOWN = """\
# Our journeys

```mermaid
flowchart LR
  A --> B
```

Some text.

```mermaid
journey
  title Checkout
  section Pay
    Enters card: 2: Shopper
```

~~~ mermaid
journey
  section Other
    Waits: 1: Shopper
~~~
"""


def test_markdown_block_is_chosen_and_lines_point_into_the_file() -> None:
    assert codes(imported(MARKDOWN, "README.md")) == ["E805"]
    first = compiled(MARKDOWN, "README.md", block=1)
    assert first.title == "Checkout"
    second = compiled(MARKDOWN, "README.md", block=2)
    assert second.stages[0].name == "Other"
    broken = MARKDOWN.replace("Enters card: 2", "Enters card: lots")
    result = imported(broken, "README.md", block=1)
    assert codes(result) == ["W803"]
    assert result.diagnostics[0].location[:3] == ("README.md", 14, 18)
    assert result.diagnostics[0].source_line == "    Enters card: lots: Shopper"
    out_of_range = imported(MARKDOWN, "README.md", block=3)
    assert codes(out_of_range) == ["E805"]
    assert "lines 10, 17" in out_of_range.diagnostics[0].message


def test_markdown_without_a_journey_block() -> None:
    result = imported("# Title\n\n```mermaid\ngraph TD\n```\n", "README.md", markdown=True)
    assert codes(result) == ["E804"]
    assert "1 Mermaid block(s) hold other diagrams" in result.diagnostics[0].message
    assert codes(imported("# Nothing\n", "notes.md", markdown=True)) == ["E804"]


def test_markdown_is_detected_on_standard_input() -> None:
    journey = compiled(MARKDOWN.split("~~~")[0], "<stdin>")
    assert journey.title == "Checkout"
    text = imported(MARKDOWN.split("~~~")[0], "<stdin>").text
    assert text is not None and text.startswith(
        "# Imported from the Mermaid journey in <stdin> (line 10)\n"
    )


# -- export is the inverse of import (issue 27) ----------------------------------------


def _round_trip(data: bytes) -> tuple[str, str] | None:
    """The `.journey` text of an import, and that of importing its export; None when the
    first import has any diagnostic (the promise covers warning-free diagrams)."""
    first = import_mermaid(data, "in.mmd")
    if first.text is None or first.diagnostics:
        return None
    exported = to_mermaid(journeymap.loads(first.text))
    second = import_mermaid(exported.encode("utf-8"), "in.mmd")
    assert second.text is not None, [d.format() for d in second.diagnostics]
    assert second.diagnostics == [], [d.format() for d in second.diagnostics]
    return first.text, second.text


@pytest.mark.parametrize("case", CASES)
def test_export_of_a_warning_free_import_imports_to_the_same_journey(case: str) -> None:
    texts = _round_trip((VECTORS / f"{case}.mmd").read_bytes())
    if texts is None:
        assert expectation(case)["journeymap"]["warnings"]
        return
    first, second = texts
    # The same journey: a task without actors is a step of every persona (no
    # `persona=`), which the export names and the second import writes out.
    assert journeymap.loads(second) == journeymap.loads(first)


NAME_PARTS = st.sampled_from(
    ["Pay", "20%", "%", "#58;", "#quot;", "<br>", "a,b", "Ann", "Ünï", "x y", "5", "&", "}"]
)
NAMES = st.lists(NAME_PARTS, min_size=1, max_size=4).map(" ".join)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    title=NAMES,
    sections=st.lists(
        st.tuples(
            NAMES,
            st.lists(st.tuples(NAMES, st.integers(1, 5), st.lists(NAMES, max_size=3)), max_size=4),
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_random_warning_free_diagrams_round_trip(
    title: str, sections: list[tuple[str, list[tuple[str, int, list[str]]]]]
) -> None:
    lines = ["journey", f"  title {title}"]
    for name, tasks in sections:
        lines.append(f"  section {name}")
        for task, score, actors in tasks:
            lines.append(f"    {task}: {score}: {', '.join(actors)}".rstrip())
    texts = _round_trip(("\n".join(lines) + "\n").encode("utf-8"))
    if texts is not None:
        assert journeymap.loads(texts[1]) == journeymap.loads(texts[0])


# -- Mermaid 11's own preprocessing and lexer, point by point (issue 27) ---------------


def test_a_lone_percent_line_is_ignored_with_a_located_warning() -> None:
    result = imported("journey\nsection S\n%\n  Get 20% back: 4: Me\n% note\n")
    assert [(d.code, d.location.line, d.location.column) for d in result.diagnostics] == [
        ("W802", 3, 1),
        ("W802", 5, 1),
    ]
    assert result.text is not None
    journey = journeymap.loads(result.text)
    assert [s.name for s in journey.steps()] == ["Get 20% back"]


def test_percent_is_text_unless_mermaid_reads_a_comment() -> None:
    journey = compiled("journey\ntitle 100% done\nsection 50% off\n  Tea%% time: 4: Me%%x\n")
    assert journey.title == "100% done"
    assert journey.stages[0].name == "50% off"
    assert [s.name for s in journey.steps()] == ["Tea%% time"]
    assert [p.name for p in journey.personas] == ["Me%%x"]


def test_an_entity_that_is_no_character_shows_as_mermaid_shows_it() -> None:
    # Mermaid turns `#foo;` into `&foo;` for the browser, which shows it as typed.
    journey = compiled("journey\ntitle T #foo; and #58; ok\nsection A\n  B: 3: Me\n")
    assert journey.title == "T &foo; and : ok"


def test_mermaids_entity_encoder_quirk_is_followed() -> None:
    # `style…:x#…;` loses its last `;` before Mermaid parses: here the score is
    # `x#59; y z` (not a number) and the actor `5`, as Mermaid 11.17.2 reads it.
    result = imported("journey\nsection A\n  Restyle:x#59; y; z: 5: Me\n")
    assert codes(result) == ["W803", "W801"]
    assert result.text is not None
    journey = journeymap.loads(result.text)
    [step] = journey.steps()
    assert (step.name, step.emotions, [p.name for p in journey.personas]) == ("Restyle", (), ["5"])


def test_an_unclosed_directive_hides_the_rest_as_in_mermaid() -> None:
    journey = compiled('journey\ntitle T\n%%{init: {"theme": "dark"}\nsection A\n  B: 5: Me\n')
    assert journey.title == "T"
    assert journey.stages == ()


def test_scores_round_half_away_from_zero_exactly() -> None:
    # lo = 0.1, hi = 5.7: score 3.6 is emotion -2 + 4 * 3.5 / 5.6 = +0.5 exactly, which
    # rounds to +1; in floating point it is 0.49999999999999956, and rounds to 0.
    journey = compiled_with_warnings("journey\nsection S\n  A: 0.1\n  B: 5.7\n  C: 3.6\n")
    assert [s.emotions[0].score for s in journey.steps()] == [-2, 2, 1]
    # Halves go away from zero, not to the even neighbour: 2.5 -> -0.5 -> -1, 3.5 -> +1.
    halves = compiled_with_warnings("journey\nsection S\n  A: 2.5\n  B: 3.5\n  C: 4.5\n")
    assert [s.emotions[0].score for s in halves.steps()] == [-1, 1, 2]


def compiled_with_warnings(text: str) -> Journey:
    result = imported(text)
    assert result.text is not None
    assert codes(result) == ["W804"]
    return journeymap.loads(result.text)


def test_removed_text_is_removed_not_blanked_as_in_mermaid() -> None:
    # Mermaid cuts directives and comment lines out of the text before lexing: a
    # directive inside a name leaves its two neighbours' spaces, and a `title` whose
    # text is on the line after a comment line takes that text (Mermaid 11.17.2).
    journey = compiled(
        'journey\ntitle\n%% note\nSome title\nsection S\n  Pay %%{init: {"theme": "dark"}}%% '
        "now: 3: Me\n"
    )
    assert journey.title == "Some title"
    assert [s.name for s in journey.steps()] == ["Pay  now"]
    # Offsets still point into the user's text.
    result = imported("journey\n%% one\n%% two\nsection S\n  T: lots\n")
    assert [(d.code, d.location.line, d.location.column) for d in result.diagnostics] == [
        ("W803", 5, 6)
    ]


def test_an_accessibility_text_with_nothing_after_it_is_refused_as_by_mermaid() -> None:
    result = imported("journey\nsection S\n  T: 3\naccDescr:  \n")
    assert codes(result) == ["E802"]
    assert result.diagnostics[0].message == "`accDescr:` has no text after it"
    assert result.diagnostics[0].location[1:3] == (4, 1)


def test_sections_and_tasks_mermaid_draws_without_a_name_get_one() -> None:
    result = imported("journey\nsection  \n  A: 5\nsection B\n  <br>: 4\n  #32;: 3\n")
    assert [(d.code, d.location.line) for d in result.diagnostics] == [
        ("W806", 2),
        ("W806", 5),
        ("W806", 6),
    ]
    assert result.text is not None
    journey = journeymap.loads(result.text)
    assert [s.name for s in journey.stages] == ["(section without a name)", "B"]
    assert [s.name for s in journey.steps()] == [
        "A",
        "(task without a name)",
        "(task without a name)",
    ]
