"""`--format mermaid`: Mermaid journey text that Mermaid's grammar (and the import) reads back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import journeymap
from journeymap.emit.mermaid import to_mermaid
from journeymap.integrations.mermaid_in import import_mermaid
from journeymap.integrations.mermaid_parse import MermaidJourney, parse_mermaid
from journeymap.language.mermaid_lexer import Kind, prepare, tokens
from journeymap.model.diagnostics import Collector
from journeymap.model.journey import Journey
from tests.conftest import GALLERY, REPO

SOURCES = [*sorted(GALLERY.glob("*.journey")), REPO / "tests/language/spec_example.journey"]


def essentials(
    journey: Journey,
) -> list[tuple[str | None, list[tuple[str, list[str], int | None]]]]:
    """Stages, steps, their personas (by name) and first emotion: what Mermaid keeps."""
    names = {p.id: p.name for p in journey.personas}
    return [
        (
            stage.name,
            [
                (
                    step.name,
                    [names.get(p, p) for p in step.personas],
                    step.emotions[0].score if step.emotions else None,
                )
                for step in stage.steps
            ],
        )
        for stage in journey.stages
    ]


def mermaid_reads(text: str) -> MermaidJourney:
    diagnostics = Collector()
    read = parse_mermaid(text, "out.mmd", diagnostics)
    assert read is not None and diagnostics.items == [], [d.format() for d in diagnostics.items]
    return read


def back(text: str) -> Journey:
    result = import_mermaid(text.encode("utf-8"), "out.mmd")
    assert result.text is not None, [d.format() for d in result.diagnostics]
    return journeymap.loads(result.text)


@pytest.mark.parametrize("path", SOURCES, ids=[p.stem for p in SOURCES])
def test_round_trip_keeps_stages_steps_personas_and_emotion(path: Path) -> None:
    journey = journeymap.load(path)
    again = back(to_mermaid(journey))
    assert essentials(again) == essentials(journey)
    assert again.title == journey.title
    assert again.description == journey.description


def test_spec_example_text_and_what_it_leaves_out() -> None:
    text = to_mermaid(journeymap.load(REPO / "tests/language/spec_example.journey"))
    head, body = text.split("journey\n", 1)
    assert head.splitlines()[0] == "%% Made by journeymap from a .journey file."
    listed = [line.removeprefix("%% - ") for line in head.splitlines()[2:]]
    assert "2 touchpoints" in listed
    assert "1 pain point" in listed
    assert "2 flows" in listed
    assert "4 blueprint lane items" in listed
    assert "2 counts (funnel)" in listed
    assert "2 emotion labels" in listed
    assert all(line.startswith("%% ") for line in head.splitlines())
    assert body == (
        "  title Open a savings account\n"
        "  section Discover\n"
        "    Sees an Instagram ad: 4: Maya Chen\n"
        "  section Apply\n"
        "    Fills in the application: 2: Maya Chen\n"
    )


def test_nothing_left_out_means_no_list() -> None:
    journey = journeymap.loads("journey: T\nstage: S\n  step: A\n    emotion: 0\n")
    assert to_mermaid(journey) == (
        "%% Made by journeymap from a .journey file.\njourney\n  title T\n  section S\n    A: 3\n"
    )


TRICKY = """\
journey: "Title; with #hash"
description: "Line one\\nLine two } brace"
note: Accessibility title: Screen-reader title
persona a: "Ann, the \\"boss\\""
persona b: Bo: 2nd
step: Before any stage [persona=a]
  emotion: -2
stage: "Phase 1: plan; #1\\nsecond line"
  step: "Title check"
    emotion: +1
  step: "5% off: now"
  step: "Section 2 <br> literal"
    emotion: -1 Label
    emotion: +2 [persona=b]
  step: "journey planning #42; ok"
    emotion: 0 [persona=a]
"""


def test_reserved_characters_and_keywords_survive_the_round_trip() -> None:
    journey = journeymap.loads(TRICKY)
    text = to_mermaid(journey)
    read = mermaid_reads(text)
    assert read.title == "Title; with #hash"
    assert read.acc_title == "Screen-reader title"
    assert read.acc_descr == "Line one\nLine two } brace"
    again = back(text)
    assert essentials(again) == [
        (None, [("Before any stage", ['Ann, the "boss"'], -2)]),
        (
            "Phase 1: plan; #1\nsecond line",
            [
                ("Title check", ['Ann, the "boss"', "Bo: 2nd"], 1),
                ("5% off: now", ['Ann, the "boss"', "Bo: 2nd"], 0),
                ("Section 2 <br> literal", ['Ann, the "boss"', "Bo: 2nd"], -1),
                ("journey planning #42; ok", ['Ann, the "boss"', "Bo: 2nd"], 0),
            ],
        ),
    ]
    assert "%% - 1 step without an emotion (shown as score 3)" in text
    assert "%% - 1 further emotion (Mermaid keeps one per task: the first)" in text
    assert "Accessibility title" not in text.split("journey\n")[0]


STATEMENTS = {
    (Kind.JOURNEY,),
    (Kind.TITLE,),
    (Kind.ACC_TITLE, Kind.ACC_VALUE),
    (Kind.ACC_DESCR, Kind.ACC_VALUE),
    (Kind.ACC_DESCR_BLOCK, Kind.ACC_VALUE, Kind.ACC_BLOCK_END),
    (Kind.SECTION,),
    (Kind.TASK_NAME, Kind.TASK_DATA),
}
"""The token sequences of one statement in Mermaid's journey grammar."""


@pytest.mark.parametrize("source", ["tricky", *(p.stem for p in SOURCES)])
def test_every_line_is_one_statement_of_mermaids_grammar(source: str) -> None:
    path = next((p for p in SOURCES if p.stem == source), None)
    journey = journeymap.loads(TRICKY) if path is None else journeymap.load(path)
    text = to_mermaid(journey)
    statements: list[tuple[Kind, ...]] = [()]
    for token in tokens(prepare(text).text):
        if token.kind is Kind.NEWLINE:
            statements.append(())
        elif token.kind not in (Kind.SPACE, Kind.COMMENT):
            statements[-1] += (token.kind,)
    found = [s for s in statements if s]
    assert found[0] == (Kind.JOURNEY,)
    assert set(found) <= STATEMENTS


# -- issue 20: user text cannot steer the Mermaid text --------------------------------

HOSTILE = [
    '%%{init: {"theme": "dark", "securityLevel": "loose"}}%% Title',
    "%% a comment",
    "% a comment for Mermaid's lexer",
    "before %%{wrap}%% after",
    "A%% swallowed",
    "style:x#;y",
    "classDef:a#b;c",
    "title Hijacked",
    "section Injected",
    "accTitle: injected",
    "accDescr { injected }",
    "journey",
    "Task: 5: Mallory",
    "Mallory, Eve",
    "#58; #quot; &amp; <br> <b>bold</b>",
    "ﬂ°°58¶ß marker characters",
    "semi; colon: hash# end",
    "two\nlines",
    "carriage\rreturn section Evil\rEvil task: 1: Mallory",
    "crlf\r\nsection Evil",
    "}",
]
"""Text that would steer Mermaid if written as it is (a directive, a comment, a new line,
a keyword, a separator, the entity encoder's quirk and markers)."""


def _hostile_journey(text: str) -> Journey:
    """A journey with `text` in every field the export writes (as a JSON model could hold it)."""
    journey = journeymap.loads(
        "journey: T\ndescription: D\nnote: Accessibility title: A\npersona p: P\n"
        "persona q: Q\nstage s: S\n  step a: A [persona=p]\n    emotion: +1\n"
        '  step b: B [persona="p, q"]\n    emotion: -2\n'
    )
    stage = journey.stages[0]
    steps = tuple(step._replace(name=f"{text} {step.name}") for step in stage.steps)
    return journey._replace(
        title=text,
        description=f"{text} description",
        notes=(f"Accessibility title: {text}",),
        personas=tuple(p._replace(name=f"{text} {p.name}") for p in journey.personas),
        stages=(stage._replace(name=text, steps=steps),),
    )


def _shown(text: str) -> str:
    """What Mermaid shows for a one-line field: line breaks as spaces, ends trimmed."""
    return " ".join(part.strip() for part in re.split(r"\r\n|\r|\n", text)).strip()


@pytest.mark.parametrize("text", HOSTILE)
def test_user_text_cannot_steer_the_mermaid_text(text: str) -> None:
    journey = _hostile_journey(text)
    out = to_mermaid(journey)
    head, body = out.split("\njourney\n", 1)
    assert all(line.startswith("%% ") or line == "%%" for line in head.splitlines())
    # No directive, no comment, no carriage return anywhere in what user text fills.
    assert "%" not in body
    assert "\r" not in body
    lines = body.splitlines()
    kinds = [line.strip().split(" ", 1)[0] for line in lines]
    broken = len(re.split(r"\r\n|\r|\n", text))
    description = ["accDescr:"] if broken == 1 else ["accDescr", *(["…"] * broken), "}"]
    assert kinds[:2] == ["title", "accTitle:"]
    assert [
        k if i in (0, len(description) - 1) else "…"
        for i, k in enumerate(kinds[2:][: len(description)])
    ] == description
    assert kinds[2 + len(description) :][0] == "section"
    assert len(kinds) == 2 + len(description) + 3  # one section, two tasks
    # Mermaid's reading (the importer's parser follows its lexer rule for rule) is
    # exactly the journey's title, accessibility title, description, section and tasks.
    read = mermaid_reads(out)
    assert read.title == _shown(text)
    assert read.acc_title == _shown(text)
    described = [part.strip() for part in re.split(r"\r\n|\r|\n", f"{text} description")]
    assert read.acc_descr == ("\n".join(described) if broken > 1 else described[0])
    [section] = read.sections
    names = [re.split(r"\r\n|\r|\n", s.name) for s in journey.stages[0].steps]
    assert section.name == "\n".join(part.strip() for part in re.split(r"\r\n|\r|\n", text))
    assert [t.name for t in section.tasks] == [
        "\n".join(part.strip() for part in parts) for parts in names
    ]
    assert [t.actors for t in section.tasks] == [
        (_shown(f"{text} P"),),
        (_shown(f"{text} P"), _shown(f"{text} Q")),
    ]
    assert [t.score for t in section.tasks] == [4, 1]


@pytest.mark.parametrize("text", [t for t in HOSTILE if "\r" not in t])
def test_hostile_text_round_trips(text: str) -> None:
    journey = _hostile_journey(text)
    again = back(to_mermaid(journey))
    # An actor is one line in Mermaid: a persona's line break comes back as a space.
    shown = journey._replace(
        personas=tuple(p._replace(name=_shown(p.name)) for p in journey.personas)
    )
    assert essentials(again) == essentials(shown)
    assert again.title == _shown(text)
