"""Journey model -> Mermaid `journey` text, for places that only render Mermaid.

Stages become sections, steps tasks, the step's personas its actors (by
name), and its first emotion the score (emotion + 3). Everything else cannot
be said in Mermaid's journey diagram; it is counted in `%%` comment lines at
the top, so a reader of the Mermaid text knows the map holds more. Names are
written so that Mermaid (and `journeymap import mermaid`) reads them back
unchanged: reserved characters as entity codes (`#58;`), line breaks as `<br>`.

User text cannot steer the output: every character Mermaid gives a meaning
to (`%`, `#`, `:`, `;`, `<`, `>`, `&`, and `,` in actors, `}` in a
description block) is written as an entity code, a line break (LF, CR) never
reaches the text, and a name whose first word Mermaid would read as a
keyword gets an entity code for its first character; so each user string
stays inside its own title, section, task or actor (tests/emit, tests/security).
"""

from __future__ import annotations

from journeymap.language.mermaid_lexer import Kind, tokens
from journeymap.language.mermaid_text import (
    ACCESSIBILITY_TITLE,
    BREAK,
    ENTITY,
    LINE_BREAK,
    escape,
)
from journeymap.model.journey import LANES, Journey, Step

NEUTRAL_SCORE = 3
"""The score of a step without an emotion: Mermaid needs one for every task."""

INDENT = "  "


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def _escaped_lines(text: str, reserved: str) -> list[str]:
    """Each line of `text` escaped; a literal `<br>` in it gets its `<` as `#60;`."""
    lines = [escape(line, reserved).strip() for line in LINE_BREAK.split(text)]
    return [BREAK.sub(lambda m: "#60;" + m.group()[1:], line) for line in lines]


def section_name(text: str) -> str:
    """A section name: entity codes for reserved characters, `<br>` for line breaks."""
    return "<br>".join(_escaped_lines(text, "")) or "#32;"


def task_name(text: str) -> str:
    """A task name Mermaid's lexer reads as a task name, not a keyword or a comment."""
    name = "<br>".join(_escaped_lines(text, "")) or "#32;"
    first = next((t for t in tokens(name) if t.kind is not Kind.SPACE), None)
    if first is not None and first.kind is not Kind.TASK_NAME and not ENTITY.match(name):
        # `Title check`, `Section 2`, `5% off`: an entity for the first character
        # keeps Mermaid from reading a keyword or a comment.
        name = f"#{ord(name[0])};{name[1:]}"
    return name


def actor_name(text: str) -> str:
    """An actor: no line breaks, and `,` (the actor separator) as an entity code."""
    return escape(" ".join(LINE_BREAK.split(text)), ",").strip() or "#32;"


def _one_line(text: str, reserved: str) -> str:
    return escape(" ".join(part.strip() for part in LINE_BREAK.split(text)), reserved).strip()


def _description(text: str) -> list[str]:
    lines = LINE_BREAK.split(text)
    if len(lines) == 1:
        return [f"{INDENT}accDescr: {_one_line(text, '')}"]
    body = [f"{INDENT * 2}{escape(line.strip(), '}')}" for line in lines]
    return [f"{INDENT}accDescr {{", *body, f"{INDENT}}}"]


def accessibility_title(journey: Journey) -> str | None:
    """The `accTitle` an import kept in a document note, if any."""
    for note in journey.notes:
        if note.startswith(ACCESSIBILITY_TITLE):
            return note[len(ACCESSIBILITY_TITLE) :]
    return None


def _score(step: Step) -> int:
    return step.emotions[0].score + NEUTRAL_SCORE if step.emotions else NEUTRAL_SCORE


def _task(step: Step, names: dict[str, str], depth: int) -> str:
    line = f"{INDENT * depth}{task_name(step.name)}: {_score(step)}"
    actors = [actor_name(names.get(pid, pid)) for pid in step.personas]
    if actors:
        line += ": " + ", ".join(actors)
    return line


def to_mermaid(journey: Journey) -> str:
    """Mermaid `journey` text for `journey`, listing what it leaves out at the top."""
    names = {persona.id: persona.name for persona in journey.personas}
    lines = ["%% Made by journeymap from a .journey file."]
    dropped = left_out(journey)
    if dropped:
        lines.append("%% Mermaid's journey diagram cannot show, so this leaves out:")
        lines += [f"%% - {item}" for item in dropped]
    lines.append("journey")
    title = _one_line(journey.title or "", "")
    if title:
        lines.append(f"{INDENT}title {title}")
    acc_title = _one_line(accessibility_title(journey) or "", "")
    if acc_title:
        lines.append(f"{INDENT}accTitle: {acc_title}")
    if journey.description and journey.description.strip():
        lines += _description(journey.description)
    for stage in journey.stages:
        depth = 1
        if stage.name is not None:
            lines.append(f"{INDENT}section {section_name(stage.name)}")
            depth = 2
        lines += [_task(step, names, depth) for step in stage.steps]
    return "\n".join(lines) + "\n"


def left_out(journey: Journey) -> list[str]:
    """What the Mermaid text cannot hold, counted: one phrase per kind of content."""
    steps = journey.steps()
    counts: list[tuple[int, str, str | None]] = [
        (1 if journey.scenario else 0, "scenario", None),
        (len(journey.expectations), "expectation", None),
        (1 if journey.theme else 0, "theme", None),
        (
            sum(1 for n in journey.notes if not n.startswith(ACCESSIBILITY_TITLE))
            + sum(len(s.notes) for s in journey.stages)
            + sum(len(s.notes) for s in steps)
            + sum(len(p.notes) for p in journey.personas)
            + sum(len(c.notes) for c in journey.channels)
            + sum(len(t.notes) for t in journey.teams),
            "note",
            None,
        ),
        (
            sum(
                len(p.role) + len(p.goal) + len(p.need) + len(p.frustration) + len(p.quote)
                for p in journey.personas
            ),
            "persona card line (role, goal, need, frustration, quote)",
            "persona card lines (role, goal, need, frustration, quote)",
        ),
        (
            sum(1 for p in journey.personas if not any(p.id in s.personas for s in steps)),
            "persona on no step",
            "personas on no step",
        ),
        (len(journey.channels), "channel", None),
        (len(journey.teams), "team", None),
        (sum(len(s.touchpoints) for s in steps), "touchpoint", None),
        (sum(len(s.thoughts) for s in steps), "thought", None),
        (sum(len(s.pains) for s in steps), "pain point", None),
        (sum(len(s.delights) for s in steps), "delight", None),
        (
            sum(len(s.opportunities) for s in steps)
            + sum(len(s.opportunities) for s in journey.stages),
            "opportunity",
            "opportunities",
        ),
        (
            sum(1 for s in steps if s.count is not None)
            + sum(1 for s in journey.stages if s.count is not None),
            "count (funnel)",
            "counts (funnel)",
        ),
        (
            sum(len(s.metrics) for s in steps) + sum(len(s.metrics) for s in journey.stages),
            "metric",
            None,
        ),
        (
            sum(1 for s in steps for e in s.emotions[:1] if e.label),
            "emotion label",
            None,
        ),
        (
            sum(max(0, len(s.emotions) - 1) for s in steps),
            "further emotion (Mermaid keeps one per task: the first)",
            "further emotions (Mermaid keeps one per task: the first)",
        ),
        (
            sum(1 for s in steps if not s.emotions),
            f"step without an emotion (shown as score {NEUTRAL_SCORE})",
            f"steps without an emotion (shown as score {NEUTRAL_SCORE})",
        ),
        (
            sum(int(s.moment_of_truth) + int(s.fail_point) + int(s.assumption) for s in steps),
            "step flag (moment-of-truth, fail-point, assumption)",
            "step flags (moment-of-truth, fail-point, assumption)",
        ),
        (
            sum(len(s.lanes.lane(lane)) for s in steps for lane in LANES),
            "blueprint lane item",
            None,
        ),
        (len(journey.flows), "flow", None),
    ]
    return [_plural(n, word, plural) for n, word, plural in counts if n]
