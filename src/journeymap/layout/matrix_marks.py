"""The touchpoint matrix's marks, legend and text summary.

A cell's mark says the tier by its fill, not its colour, so greyscale print
and colour-blind readers lose nothing: primary a full dot, secondary a
half-filled dot, tertiary a ring, no tier a small dot; an assumption sits on
a hatched, dashed tile like the map's assumption cards..
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial

from journeymap.layout import glyphs
from journeymap.layout.map_context import MapContext
from journeymap.layout.map_legend import Entry, Sample
from journeymap.layout.matrix_model import Matrix, Use
from journeymap.layout.scene import Circle, Point, Polygon, Polyline, Rect, Shape
from journeymap.layout.themes import Theme
from journeymap.model.journey import Journey

TIER_LABELS: tuple[tuple[str | None, str], ...] = (
    ("primary", "primary"),
    ("secondary", "secondary"),
    ("tertiary", "tertiary"),
    (None, "tier not given"),
)
ASSUMPTION_LABEL = "assumption (not yet researched)"
CHANNEL_LABEL = "channel used in the step"
_ARC_POINTS = 12
"""Segments of the half disc of a secondary mark: smooth at any zoom, short in the SVG."""


def coverage_text(count: int, steps: int) -> str:
    """The coverage column's entry: how many of the shown steps a row reaches."""
    return f"{count}/{steps}"


def mark(theme: Theme, use: Use, cx: float, cy: float) -> list[Shape]:
    """The mark of one cell, centred on (cx, cy)."""
    palette, g, width = theme.palette, theme.spacing.glyph_size, theme.lines.glyph
    r = g / 2
    shapes: list[Shape] = []
    if use.assumption:
        shapes.append(
            Rect(
                cx - g,
                cy - r * 1.6,
                2 * g,
                g * 1.6,
                palette.surface,
                palette.border,
                theme.lines.card,
                theme.spacing.radius / 2,
                theme.lines.assumption_dash,
                hatch=True,
            )
        )
    if use.tier == "primary":
        shapes.append(Circle(cx, cy, r, palette.text))
    elif use.tier == "secondary":
        shapes.append(Circle(cx, cy, r - width / 2, None, palette.text, width))
        shapes.append(_left_half(cx, cy, r, palette.text))
    elif use.tier == "tertiary":
        shapes.append(Circle(cx, cy, r - width / 2, None, palette.text, width))
    else:
        shapes.append(Circle(cx, cy, r / 2, palette.text))
    return shapes


def _left_half(cx: float, cy: float, r: float, colour: str) -> Polygon:
    """The left half of a disc of radius `r` (the filled half of ◐)."""
    points: list[Point] = []
    for i in range(_ARC_POINTS + 1):
        angle = math.pi / 2 + math.pi * i / _ARC_POINTS
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return Polygon(tuple(points), colour)


def tick(theme: Theme, colour: str, cx: float, cy: float) -> list[Shape]:
    """The channel row's mark where a step uses the channel: a check mark."""
    h = theme.spacing.glyph_size / 2
    return [
        Polyline(
            ((cx - h * 0.8, cy), (cx - h * 0.2, cy + h * 0.6), (cx + h * 0.8, cy - h * 0.6)),
            colour,
            theme.lines.glyph * 1.5,
        )
    ]


Draw = Callable[[float, float], list[Shape]]
"""Draws a mark centred on (cx, cy)."""


def _sample(draw: Draw, width: float) -> Sample:
    return lambda x, cy: draw(x + width / 2, cy)


def legend_entries(ctx: MapContext, matrix: Matrix) -> list[Entry]:
    """Only the marks this matrix draws, each with its meaning in words."""
    theme = ctx.theme
    palette, lines, g = theme.palette, theme.lines, theme.spacing.glyph_size
    uses = [u for grp in matrix.groups for row in grp.rows for u in row.marks]
    out: list[Entry] = []
    for tier, label in TIER_LABELS:
        if any(u.tier == tier for u in uses):
            draw: Draw = partial(mark, theme, Use(tier, False))
            out.append((g, _sample(draw, g), label))
    if any(u.assumption for u in uses):
        out.append(
            (2 * g, _sample(partial(mark, theme, Use("primary", True)), 2 * g), ASSUMPTION_LABEL)
        )
    if any(grp.coverage for grp in matrix.groups if grp.id is not None):
        out.append((g, _sample(partial(tick, theme, palette.text), g), CHANNEL_LABEL))
    kinds = {grp.kind for grp in matrix.groups if grp.id is not None}
    for kind in ("digital", "physical", "human"):
        if kind in kinds:
            out.append((g, _sample(_kind(kind, g, palette.text, lines.glyph), g), kind))
    steps = matrix.steps
    if any(s.moment_of_truth for s in steps):
        out.append(
            (
                g,
                _sample(lambda cx, cy: list(glyphs.star(cx, cy, g, palette.moment)), g),
                "moment of truth",
            )
        )
    if any(s.fail_point for s in steps):

        def fail(cx: float, cy: float) -> list[Shape]:
            return list(glyphs.warning(cx, cy, g, palette.fail, palette.background))

        out.append((g, _sample(fail, g), "fail point"))
    return out


def _kind(kind: str, size: float, colour: str, width: float) -> Draw:
    return lambda cx, cy: list(glyphs.kind(kind, cx, cy, size, colour, width))


def summary(journey: Journey, matrix: Matrix) -> str:
    """A plain-text description of the matrix for screen readers (<desc>)."""
    steps = matrix.steps
    parts = [f"Touchpoint matrix: {journey.title or 'untitled journey'}."]
    used = [g for g in matrix.groups if g.coverage]
    rows = matrix.row_count()
    parts.append(
        f"{rows} touchpoint{'s' if rows != 1 else ''} in {len(used)} channel"
        f"{'s' if len(used) != 1 else ''} across {len(steps)} step{'s' if len(steps) != 1 else ''}."
    )
    for group in matrix.groups:
        if group.rows:
            parts.append(f"{group.name}: used in {group.coverage} of {len(steps)} steps.")
    unused = [g.name for g in matrix.groups if g.id is not None and not g.coverage]
    if unused:
        parts.append("Channels no step uses: " + ", ".join(unused) + ".")
    bare = [s.name for s, n in zip(steps, matrix.touchpoints_per_step(), strict=True) if not n]
    if bare:
        parts.append("Steps with no touchpoint: " + "; ".join(bare) + ".")
    return " ".join(parts)
