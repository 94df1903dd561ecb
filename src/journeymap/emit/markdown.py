"""The touchpoint matrix as a GitHub-flavoured Markdown table, for pasting into issues.

The same rows, marks and counts as the SVG matrix (`layout/matrix_model.py`):
steps across under a stage row, a bold row per channel (with a ✓ where a step
uses it) followed by its touchpoints (● ◐ ○ • by tier, `?` for an
assumption), a coverage column and per-step totals, then a legend line.
User text goes through `journeymap.language.markdown_text.inline`, so that
no label can open a link, image, emphasis, HTML or a new table cell.
"""

from __future__ import annotations

from journeymap.language.markdown_text import inline
from journeymap.layout.matrix_marks import ASSUMPTION_LABEL, CHANNEL_LABEL, coverage_text
from journeymap.layout.matrix_model import ChannelGroup, Use, build_matrix
from journeymap.model.journey import Journey

TIER_MARKS: tuple[tuple[str | None, str, str], ...] = (
    ("primary", "●", "primary"),
    ("secondary", "◐", "secondary"),
    ("tertiary", "○", "tertiary"),
    (None, "•", "tier not given"),
)
TICK = "✓"
ASSUMPTION = "?"

escape = inline
"""User text safe inside a GFM table cell (the shared Markdown escaping)."""


def _cell(use: Use | None) -> str:
    if use is None:
        return ""
    symbol = next(m for tier, m, _ in TIER_MARKS if tier == use.tier)
    return symbol + (ASSUMPTION if use.assumption else "")


def _line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _group_label(group: ChannelGroup) -> str:
    name = f"**{escape(group.name)}**"
    return f"{name} ({escape(group.kind)})" if group.kind else name


def matrix_markdown(
    journey: Journey,
    *,
    personas: tuple[str, ...] | None = None,
    stages: tuple[str, ...] | None = None,
) -> str:
    """The touchpoint matrix of `journey` (narrowed like the other views) as Markdown."""
    matrix = build_matrix(journey, personas, stages)
    steps = matrix.steps
    n = len(steps)
    title = escape(journey.title) if journey.title else "Touchpoint matrix"
    out = [f"**{title}**: touchpoint matrix", ""]
    if not steps:
        out.append("No steps to show.")
        return "\n".join(out) + "\n"
    out.append(_line(["Channel / touchpoint", *(escape(s.name) for s in steps), "Steps"]))
    out.append(_line([":---", *([":---:"] * n), ":---:"]))
    stage_row = ["*Stage*"]
    for _, stage, stage_steps in matrix.visible.stages:
        name = f"**{escape(stage.name)}**" if stage.name else ""
        stage_row += [name] + [""] * (len(stage_steps) - 1)
    out.append(_line([*stage_row, ""]))
    for group in matrix.groups:
        if group.id is None:  # a heading for touchpoints without a channel, not a channel
            out.append(_line([_group_label(group), *[""] * n, ""]))
        else:
            ticks = [TICK if used else "" for used in group.present]
            coverage = f"**{coverage_text(group.coverage, n)}**"
            out.append(_line([_group_label(group), *ticks, coverage]))
        for row in group.rows:
            cells = [_cell(use) for use in row.uses]
            out.append(_line([escape(row.label), *cells, coverage_text(row.coverage, n)]))
    out.append(_line(["**Touchpoints used**", *map(str, matrix.touchpoints_per_step()), ""]))
    out.append(_line(["**Channels used**", *map(str, matrix.channels_per_step()), ""]))
    out += ["", _legend(matrix.groups)]
    return "\n".join(out) + "\n"


def _legend(groups: tuple[ChannelGroup, ...]) -> str:
    """Only the marks the table uses, each with its meaning in words."""
    uses = [u for g in groups for row in g.rows for u in row.marks]
    parts = [f"{m} {label}" for tier, m, label in TIER_MARKS if any(u.tier == tier for u in uses)]
    if any(u.assumption for u in uses):
        parts.append(f"{ASSUMPTION} {ASSUMPTION_LABEL}")
    if any(g.coverage for g in groups if g.id is not None):
        parts.append(f"{TICK} {CHANNEL_LABEL}")
    parts.append("Steps: how many of the steps shown use the row")
    return "Legend: " + " · ".join(parts)
