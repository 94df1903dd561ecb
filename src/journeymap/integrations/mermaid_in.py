"""Import a Mermaid `journey` diagram (`.mmd`, or a block of a Markdown file) as `.journey` text.

Mapping (docs/mermaid.md): `title` -> `journey:` (or `accTitle` when there
is no title), `accDescr` -> `description:`, an `accTitle` beside a different
title -> a document `note: Accessibility title: …`, `section` -> `stage`,
task -> `step`, actors -> `persona`s (IDs slugged from their names), score
1..5 -> `emotion: -2..+2` (other scores are mapped onto -2..+2 as a whole,
`ScoreScale`; a score that is not a number gives a step without an emotion).
Stages and steps get the compiler's automatic IDs. The text is written in
canonical form and compiled before it is handed back, so an import never
produces a file journeymap would reject.
"""

import re
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import PurePath
from typing import NamedTuple

from journeymap.compiler.load import compile_string
from journeymap.integrations.markdown_fences import FencedBlock, has_mermaid_fence, mermaid_blocks
from journeymap.integrations.mermaid_parse import (
    MermaidJourney,
    MermaidSection,
    MermaidTask,
    is_journey,
    js_number,
    parse_mermaid,
)
from journeymap.language.format import FormatError, format_text
from journeymap.language.mermaid_text import ACCESSIBILITY_TITLE
from journeymap.language.source import decode
from journeymap.language.values import slug
from journeymap.model.diagnostics import Collector, Diagnostic, Location

NO_ACTOR = "# no actor in Mermaid"
INDENT = "  "

_COMMENT_HASH = re.compile(r"(?:^|(?<=\s))#(?=\s|$)")


class Imported(NamedTuple):
    """The `.journey` text made from one input (None on errors), and every diagnostic."""

    name: str
    text: str | None
    diagnostics: list[Diagnostic]

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)


# -- writing .journey text -------------------------------------------------------------


def value_text(value: str) -> str:
    """A statement value, quoted only where LANGUAGE.md section 2 requires it.

    >>> value_text("Make tea"), value_text('Says "hi"'), value_text("Line 1\\nLine 2")
    ('Make tea', '"Says \\\\"hi\\\\""', '"Line 1\\\\nLine 2"')
    """
    if (
        value == ""
        or value[0].isspace()
        or value[-1].isspace()
        or any(char in value for char in '[]"\n')
        or _COMMENT_HASH.search(value)
    ):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{escaped}"'
    return value


def persona_ids(journey: MermaidJourney) -> dict[str, str]:
    """Actor name -> persona ID, in order of first appearance; IDs slugged and unique."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for section in journey.sections:
        for task in section.tasks:
            for actor in task.actors:
                if actor in ids:
                    continue
                base = slug(actor, "persona")
                candidate, n = base, 2
                while candidate in taken:
                    candidate, n = f"{base}-{n}", n + 1
                ids[actor] = candidate
                taken.add(candidate)
    return ids


# -- scores ----------------------------------------------------------------------------

HALF = Fraction(1, 2)


def round_half_away(value: Fraction) -> int:
    """`value` rounded to a whole number, halves away from zero (exactly, unlike `round`).

    >>> [round_half_away(Fraction(n, 2)) for n in (-3, -1, 1, 3, 5)]
    [-2, -1, 1, 2, 3]
    """
    whole = int(abs(value) + HALF)  # int() of a non-negative Fraction is its floor
    return whole if value >= 0 else -whole


def number_text(value: Fraction) -> str:
    """A score as written: `3`, `2.5`, `-0.125`; a fraction no decimal can hold, rounded."""
    if value.denominator == 1:
        return str(value.numerator)
    rest = value.denominator
    for factor in (2, 5):
        while rest % factor == 0:
            rest //= factor
    if rest == 1:
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        return format(exact.normalize(), "f")
    return f"{float(value):.6g}"


class ScoreScale(NamedTuple):
    """How Mermaid scores become emotions: `score - 3`, or the range `lo`..`hi` onto -2..+2."""

    lo: Fraction
    hi: Fraction
    mapped: bool
    """False for the plain `score - 3` of a diagram whose scores are all 1, 2, 3, 4, 5."""

    def emotion(self, score: Fraction) -> int:
        """-2 + 4 * (score - lo) / (hi - lo), rounded half away from zero, kept within -2..+2."""
        if not self.mapped:
            return int(score) - 3
        value = -2 + 4 * (score - self.lo) / (self.hi - self.lo)
        return max(-2, min(2, round_half_away(value)))

    def describe(self) -> str:
        lo, hi = number_text(self.lo), number_text(self.hi)
        shift = f"score - {lo}" if self.lo >= 0 else f"score + {number_text(-self.lo)}"
        return (
            f"scores from {lo} to {hi} mapped onto emotions -2 to +2: emotion = -2 + 4 * "
            f"({shift}) / {number_text(self.hi - self.lo)}, rounded half away from zero"
        )


def score_scale(
    tasks: Sequence[MermaidTask], score_range: tuple[Fraction, Fraction] | None
) -> ScoreScale:
    """The scale for a diagram's tasks: the range given, else `score - 3` when every
    score is a whole number from 1 to 5, else min(1, lowest)..max(5, highest)."""
    if score_range is not None:
        return ScoreScale(score_range[0], score_range[1], True)
    scores = [t.score for t in tasks if t.score is not None]
    if all(s.denominator == 1 and 1 <= s <= 5 for s in scores):
        return ScoreScale(Fraction(1), Fraction(5), False)
    return ScoreScale(min(Fraction(1), *scores), max(Fraction(5), *scores), True)


def parse_score_range(text: str) -> tuple[Fraction, Fraction]:
    """`LO-HI` (`0-10`, `-5-5`, `1.5-4.5`) as two numbers, LO below HI; ValueError if not.

    >>> parse_score_range("0-10")
    (Fraction(0, 1), Fraction(10, 1))
    """
    found = re.fullmatch(
        r"\s*(-?[0-9.]+(?:[eE][+-]?[0-9]+)?)\s*-\s*(-?[0-9.]+(?:[eE][+-]?[0-9]+)?)\s*", text
    )
    values = [js_number(part) for part in found.groups()] if found else []
    if len(values) != 2 or values[0] is None or values[1] is None:
        raise ValueError(f"`{text}` is not LO-HI, two numbers such as 0-10 or 1-7")
    lo, hi = values[0], values[1]
    if lo >= hi:
        raise ValueError(f"`{text}`: LO must be below HI")
    return lo, hi


def _scale_warnings(
    journey: MermaidJourney, scale: ScoreScale, given: bool, name: str, diagnostics: Collector
) -> None:
    """The one warning that says how scores were mapped; one per score outside a given range."""
    tasks = [t for s in journey.sections for t in s.tasks]
    if not scale.mapped or not tasks:
        return
    off = next(
        (
            t
            for t in tasks
            if t.score is not None and not (t.score.denominator == 1 and 1 <= t.score <= 5)
        ),
        tasks[0],
    )
    why = "--score-range" if given else "the scores are not all whole numbers from 1 to 5"
    diagnostics.warning(
        "W804",
        f"{scale.describe()} ({why})",
        Location(name, off.line),
        "give --score-range LO-HI to choose the range" if not given else None,
    )
    if not given:
        return
    for task in tasks:
        if task.score is not None and not scale.lo <= task.score <= scale.hi:
            shown = number_text(task.score)
            edge = "+2" if task.score > scale.hi else "-2"
            diagnostics.warning(
                "W805",
                f"task score {shown} is outside --score-range "
                f"{number_text(scale.lo)}-{number_text(scale.hi)}: the emotion is {edge}",
                Location(name, task.line),
                "widen --score-range to hold every score",
            )


def _emotion(score: Fraction, scale: ScoreScale) -> str:
    emotion = scale.emotion(score)
    return f"{emotion:+d}" if emotion else "0"


def _stage_lines(section: MermaidSection, personas: dict[str, str], scale: ScoreScale) -> list[str]:
    lines: list[str] = []
    depth = 0
    if section.name is not None:
        lines.append(f"stage: {value_text(section.name)}")
        depth = 1
    for task in section.tasks:
        head = f"{INDENT * depth}step: {value_text(task.name)}"
        if task.actors and len(personas) > 1:
            refs = ", ".join(personas[actor] for actor in task.actors)
            head += f" [persona={refs}]" if len(task.actors) == 1 else f' [persona="{refs}"]'
        elif not task.actors and personas:
            # journeymap gives a step without `persona=` to every persona.
            head += f" {NO_ACTOR}"
        lines.append(head)
        if task.score is not None:
            lines.append(f"{INDENT * (depth + 1)}emotion: {_emotion(task.score, scale)}")
    return lines


def journey_source(journey: MermaidJourney, origin: str, scale: ScoreScale | None = None) -> str:
    """The `.journey` text for an imported diagram (canonical form)."""
    lines = [f"# Imported from the Mermaid journey in {origin}"]
    title = journey.title or journey.acc_title
    if title:
        lines.append(f"journey: {value_text(title)}")
    if journey.acc_descr:
        lines.append(f"description: {value_text(journey.acc_descr)}")
    if journey.title and journey.acc_title and journey.acc_title != journey.title:
        lines.append(f"note: {value_text(ACCESSIBILITY_TITLE + journey.acc_title)}")
    if scale is None:
        scale = score_scale([t for s in journey.sections for t in s.tasks], None)
    personas = persona_ids(journey)
    if personas:
        lines.append("")
        lines += [f"persona {pid}: {value_text(name)}" for name, pid in personas.items()]
    for section in journey.sections:
        lines.append("")
        lines += _stage_lines(section, personas, scale)
    return _canonical("\n".join(lines) + "\n")


def _canonical(text: str) -> str:
    """`text` through the project's formatter (it is canonical already; this checks it)."""
    try:
        return format_text(text)
    except (FormatError, ValueError):  # pragma: no cover - a formatter bug; keep ours
        return text


# -- reading the input ----------------------------------------------------------------


def _choose_block(
    markdown: str, name: str, block: int | None, diagnostics: Collector
) -> FencedBlock | None:
    """The Mermaid journey block of a Markdown file to import, or None after reporting why."""
    mermaid = mermaid_blocks(markdown)
    journeys = [b for b in mermaid if is_journey(b.text)]
    if not journeys:
        found = f"; its {len(mermaid)} Mermaid block(s) hold other diagrams" if mermaid else ""
        diagnostics.error(
            "E804",
            f"no ```mermaid block with a journey diagram in {name}{found}",
            Location(name),
            "the block to import starts with ```mermaid and its diagram with `journey`",
        )
        return None
    if block is None and len(journeys) == 1:
        return journeys[0]
    lines = ", ".join(str(b.first_line - 1) for b in journeys)
    if block is None or not 1 <= block <= len(journeys):
        asked = "" if block is None else f"there is no journey block {block}: "
        diagnostics.error(
            "E805",
            f"{asked}{name} holds {len(journeys)} Mermaid journeys (at lines {lines})",
            Location(name),
            f"choose one with --block N, N from 1 to {len(journeys)}",
        )
        return None
    return journeys[block - 1]


def import_mermaid(
    data: bytes,
    name: str,
    *,
    markdown: bool | None = None,
    block: int | None = None,
    score_range: tuple[Fraction, Fraction] | None = None,
) -> Imported:
    """Import Mermaid journey text, or the journey block of Markdown text, as `.journey` text.

    `markdown` None decides from the content (a ```mermaid fence means
    Markdown). `block` picks one of several journey blocks (1-based).
    `score_range` (LO, HI) maps scores LO..HI onto emotions -2..+2
    (`parse_score_range` reads the command line's `LO-HI`).
    """
    diagnostics = Collector()
    if b"\r" in data:
        # Mermaid reads CR LF and a lone CR as line breaks (its `cleanupText`).
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    text = decode(data, name, diagnostics)
    if text is None:
        return Imported(name, None, diagnostics.sorted())
    shown = name if name.startswith("<") else PurePath(name).name
    diagram, first_line, origin = text, 1, shown
    if markdown if markdown is not None else has_mermaid_fence(text):
        chosen = _choose_block(text, name, block, diagnostics)
        if chosen is None:
            return Imported(name, None, diagnostics.sorted())
        diagram, first_line = chosen.text, chosen.first_line
        origin = f"{shown} (line {first_line - 1})"
    journey = parse_mermaid(diagram, name, diagnostics, first_line)
    if journey is None or diagnostics.has_errors:
        return Imported(name, None, diagnostics.sorted())
    if not (journey.title or journey.acc_title or journey.acc_descr or journey.sections):
        diagnostics.error(
            "E006",
            "the Mermaid journey has nothing to import",
            Location(name, first_line, 1, 7),
            "add a `title`, a `section` and tasks such as `Make tea: 5: Me`",
        )
        return Imported(name, None, diagnostics.sorted())
    journey = _named(journey, name, diagnostics)
    scale = score_scale([t for s in journey.sections for t in s.tasks], score_range)
    _scale_warnings(journey, scale, score_range is not None, name, diagnostics)
    source = journey_source(journey, origin, scale)
    return _checked(name, source, diagnostics)


UNNAMED_SECTION = "(section without a name)"
UNNAMED_TASK = "(task without a name)"


def _blank(text: str) -> bool:
    return not text.replace("\n", "").strip()


def _named(journey: MermaidJourney, name: str, diagnostics: Collector) -> MermaidJourney:
    """`journey` with a stand-in for each blank section or task name (Mermaid draws them
    empty; a `.journey` stage or step needs a name), each with a warning."""
    sections: list[MermaidSection] = []
    for section in journey.sections:
        if section.name is not None and _blank(section.name):
            diagnostics.warning(
                "W806",
                f"Mermaid draws this section without a name: imported as `{UNNAMED_SECTION}`",
                Location(name, section.line),
                "give the section a name after `section`",
            )
            section = section._replace(name=UNNAMED_SECTION)
        tasks = []
        for task in section.tasks:
            if _blank(task.name):
                diagnostics.warning(
                    "W806",
                    f"Mermaid draws this task without a name: imported as `{UNNAMED_TASK}`",
                    Location(name, task.line),
                    "write the task's name before its `:`",
                )
                task = task._replace(name=UNNAMED_TASK)
            tasks.append(task)
        sections.append(section._replace(tasks=tuple(tasks)))
    return journey._replace(sections=tuple(sections))


def _checked(name: str, source: str, diagnostics: Collector) -> Imported:
    """Compile the generated text: whatever it reports (a bug) is passed on, never written."""
    compiled = compile_string(source, name=f"{name} (imported)")
    found = diagnostics.sorted() + compiled.diagnostics
    if compiled.has_errors:
        return Imported(name, None, found)
    return Imported(name, source, found)
