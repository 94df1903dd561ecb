"""Repeated attribute lists and the builders' positional freezing.

The compiler reads each distinct attribute list once per keyword and the
builders freeze the model by position; these check that neither shows: a
problem in a repeated list is reported at every line, a reference at every
line it is made, and frozen objects equal the ones built field by field.
"""

from __future__ import annotations

import journeymap
from journeymap.compiler import builders as b
from journeymap.model import journey as model
from journeymap.model.diagnostics import Diagnostic

HEAD = "team ops: Operations\nstage s: Start\n  step a: Sees an ad\n"


def diagnose(text: str) -> list[Diagnostic]:
    return journeymap.compile_string(text, name="t.journey").diagnostics


def places(found: list[Diagnostic]) -> list[tuple[str, int, int, int]]:
    return [(d.code, d.location.line, d.location.column, d.location.length) for d in found]


def test_a_wrong_list_is_reported_on_every_line_that_repeats_it() -> None:
    lines = "".join("    backstage: Checks [fail-point=yes]\n" for _ in range(3))
    assert places(diagnose(HEAD + lines)) == [("E207", n, 24, 10) for n in (4, 5, 6)]


def test_an_undeclared_reference_is_warned_about_on_every_line() -> None:
    text = HEAD + "".join(
        [
            "    backstage: Checks [owner=ops]\n",
            '    backstage: Files [owner="nobody"]\n',
            "    frontstage: Greets [owner=nobody]\n",
            "    backstage: Files again [owner=nobody]\n",
            "    backstage: Checks again [owner=ops]\n",
            "    backstage: Files [owner=nobody]\n",
        ]
    )
    assert places(diagnose(text)) == [
        ("W101", 5, 29, 6),
        ("W101", 6, 31, 6),
        ("W101", 7, 35, 6),
        ("W101", 9, 29, 6),
    ]


def test_a_repeated_list_reads_the_same_on_every_line() -> None:
    line = "    touchpoint: Form [owner=ops, tier=primary, score=3, assumption]\n"
    journey = journeymap.loads(HEAD + line * 2)
    first, second = journey.steps()[0].touchpoints
    assert (first.owner, first.tier, first.assumption) == ("ops", "primary", True)
    assert first.attributes == (("score", "3"),)
    assert (first.origin, second.origin) == (
        model.Origin("<string>", 4),
        model.Origin("<string>", 5),
    )
    assert second._replace(origin=first.origin) == first


def test_emotions_per_persona_from_a_repeated_list() -> None:
    text = (
        "persona ana: Ana\npersona ben: Ben\n"
        + HEAD
        + '    emotion: 1 Fine [persona="ana, ben"]\n'
        + "  step b: Clicks\n"
        + '    emotion: 1 Fine [persona="ana, ben"]\n'
    )
    steps = journeymap.loads(text).steps()
    emotions = steps[0].emotions + steps[1].emotions
    assert [(e.persona, e.origin.line if e.origin else 0) for e in emotions] == [
        ("ana", 6),
        ("ben", 6),
        ("ana", 8),
        ("ben", 8),
    ]


def test_builders_freeze_what_keyword_construction_gives() -> None:
    origin = model.Origin("f", 1)
    persona = b.PersonaBuilder("ana", "Ana", origin)
    for n, key in enumerate(b.PERSONA_LINES):
        persona.lines[key].append(f"{key} {n}")
    persona.notes.append("a note")
    assert persona.freeze() == model.Persona(
        id="ana",
        name="Ana",
        role=("role 0",),
        goal=("goal 1",),
        need=("need 2",),
        frustration=("frustration 3",),
        quote=("quote 4",),
        notes=("a note",),
        origin=origin,
    )
    stage = b.StageBuilder("s", "Start", origin)
    stage.count, stage.metrics["nps"] = 3, "40"
    stage.notes.append("n")
    step = b.StepBuilder("a", "Sees", origin, None, True, False, True)
    item = model.LaneItem(None, "Checks")
    step.lanes["support"] = [item]
    stage.steps.append(step)
    assert stage.freeze(("ana",)) == model.Stage(
        id="s",
        name="Start",
        count=3,
        metrics=(("nps", "40"),),
        notes=("n",),
        steps=(
            model.Step(
                id="a",
                name="Sees",
                personas=("ana",),
                moment_of_truth=True,
                assumption=True,
                lanes=model.Lanes(support=(item,)),
                origin=origin,
            ),
        ),
        origin=origin,
    )
