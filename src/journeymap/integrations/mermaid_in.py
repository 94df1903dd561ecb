"""Import a Mermaid `journey` diagram (`.mmd`, or a block of a Markdown file) as `.journey` text.

Mapping (docs/mermaid.md): `title` -> `journey:` (or `accTitle` when there
is no title), `accDescr` -> `description:`, an `accTitle` beside a different
title -> a document `note: Accessibility title: …`, `section` -> `stage`,
task -> `step`, actors -> `persona`s (IDs slugged from their names), score
1..5 -> `emotion: -2..+2`. Stages and steps get the compiler's automatic
IDs. The text is written in canonical form and compiled before it is handed
back, so an import never produces a file journeymap would reject.
"""

import re
from pathlib import PurePath
from typing import NamedTuple

from journeymap.compiler.load import compile_string
from journeymap.integrations.markdown_fences import FencedBlock, has_mermaid_fence, mermaid_blocks
from journeymap.integrations.mermaid_parse import (
    MermaidJourney,
    MermaidSection,
    is_journey,
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
    for section in journey.sections:
        for task in section.tasks:
            for actor in task.actors:
                if actor in ids:
                    continue
                base = slug(actor, "persona")
                candidate, n = base, 2
                while candidate in ids.values():
                    candidate, n = f"{base}-{n}", n + 1
                ids[actor] = candidate
    return ids


def _emotion(score: int) -> str:
    emotion = score - 3
    return f"{emotion:+d}" if emotion else "0"


def _stage_lines(section: MermaidSection, personas: dict[str, str]) -> list[str]:
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
        lines.append(f"{INDENT * (depth + 1)}emotion: {_emotion(task.score)}")
    return lines


def journey_source(journey: MermaidJourney, origin: str) -> str:
    """The `.journey` text for an imported diagram (canonical form)."""
    lines = [f"# Imported from the Mermaid journey in {origin}"]
    title = journey.title or journey.acc_title
    if title:
        lines.append(f"journey: {value_text(title)}")
    if journey.acc_descr:
        lines.append(f"description: {value_text(journey.acc_descr)}")
    if journey.title and journey.acc_title and journey.acc_title != journey.title:
        lines.append(f"note: {value_text(ACCESSIBILITY_TITLE + journey.acc_title)}")
    personas = persona_ids(journey)
    if personas:
        lines.append("")
        lines += [f"persona {pid}: {value_text(name)}" for name, pid in personas.items()]
    for section in journey.sections:
        lines.append("")
        lines += _stage_lines(section, personas)
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
    data: bytes, name: str, *, markdown: bool | None = None, block: int | None = None
) -> Imported:
    """Import Mermaid journey text, or the journey block of Markdown text, as `.journey` text.

    `markdown` None decides from the content (a ```mermaid fence means
    Markdown). `block` picks one of several journey blocks (1-based).
    """
    diagnostics = Collector()
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
    source = journey_source(journey, origin)
    return _checked(name, source, diagnostics)


def _checked(name: str, source: str, diagnostics: Collector) -> Imported:
    """Compile the generated text: whatever it reports (a bug) is passed on, never written."""
    compiled = compile_string(source, name=f"{name} (imported)")
    found = diagnostics.sorted() + compiled.diagnostics
    if compiled.has_errors:
        return Imported(name, None, found)
    return Imported(name, source, found)
