"""The emotion row: a chart across the grid, one curve per persona and variant.

Scores -2..+2 map to five levels around a dashed neutral line. Points sit at
step centres; consecutive steps are joined by a smooth curve and a step
without an emotion leaves a gap. Each point is labelled when the label finds
room below or above it without touching another label or marker.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from journeymap.layout import glyphs
from journeymap.layout.boxes import Para, text_at, wrap
from journeymap.layout.map_context import MapContext, Row
from journeymap.layout.map_model import CurveStyle, emotion_points
from journeymap.layout.text import line_height, text_width
from journeymap.model import Emotion
from journeymap.scene import Curve, Group, Item, Line, Point, Rect, Shape

SCORES = (2, 1, 0, -1, -2)
LABEL_LINES = 2
"""Room above +2 and below -2 for this many label lines."""


@dataclass(frozen=True, slots=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def hits(self, other: Box) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )


def chart_padding(ctx: MapContext) -> float:
    theme = ctx.theme
    return (
        theme.spacing.marker_size / 2
        + theme.spacing.paragraph_gap
        + LABEL_LINES * line_height(theme.typography.note_size)
        + theme.spacing.padding
    )


def level_y(ctx: MapContext, top: float, score: int) -> float:
    return top + chart_padding(ctx) + (2 - score) * ctx.theme.spacing.emotion_level


def scale(ctx: MapContext, y: float, right: float) -> list[Shape]:
    """Score labels (+2 .. -2, true minus signs) and faces, right-aligned in the label column."""
    theme = ctx.theme
    size = theme.typography.note_size
    out: list[Shape] = []
    for score in SCORES:
        word = f"+{score}" if score > 0 else ("0" if score == 0 else f"\u2212{-score}")
        ly = level_y(ctx, y, score)
        para = Para(word, size, theme.palette.muted)
        out.append(text_at(para, (word,), right, ly - line_height(size) / 2, anchor="end"))
        # A face beside each score, so the scale reads without colour or numbers.
        g = theme.spacing.glyph_size
        fx = right - text_width("\u22122", size) - theme.spacing.badge_padding - g / 2
        out.extend(glyphs.face(score, fx, ly, g, theme.palette.muted, theme.lines.glyph))
    return out


def _curve_shapes(
    ctx: MapContext, style: CurveStyle, points: list[tuple[int, Point] | None]
) -> list[Shape]:
    theme = ctx.theme
    runs: list[list[Point]] = [[]]
    for entry in points:
        if entry is None:
            runs.append([])
        else:
            runs[-1].append(entry[1])
    shapes: list[Shape] = []
    for run in runs:
        if len(run) < 2:
            continue
        segments = []
        for (x0, y0), (x1, y1) in itertools.pairwise(run):
            # Horizontal tangents at every point: no overshoot beyond a score.
            mid = (x0 + x1) / 2
            segments.append(((mid, y0), (mid, y1), (x1, y1)))
        shapes.append(Curve(run[0], tuple(segments), style.colour, theme.lines.curve, style.dash))
    for entry in points:
        if entry is not None:
            x, y = entry[1]
            fill = style.colour if style.filled else theme.palette.chart_fill
            shapes.extend(
                glyphs.marker(
                    style.marker,
                    x,
                    y,
                    theme.spacing.marker_size,
                    fill,
                    style.colour,
                    theme.lines.glyph,
                )
            )
    return shapes


def emotion(ctx: MapContext, y: float) -> Row | None:
    theme = ctx.theme
    per_column = [emotion_points(col.step, ctx.journey, ctx.visible) for col in ctx.columns]
    if not any(per_column) or not ctx.curves:
        return None
    pad = chart_padding(ctx)
    height = 2 * pad + 4 * theme.spacing.emotion_level
    left, right = ctx.left, ctx.right
    items: list[Item] = [
        Rect(left, y, right - left, height, theme.palette.chart_fill, radius=theme.spacing.radius)
    ]
    for score in SCORES:
        ly = level_y(ctx, y, score)
        if score == 0:
            items.append(
                Line(
                    left,
                    ly,
                    right,
                    ly,
                    theme.palette.neutral_line,
                    theme.lines.neutral,
                    theme.lines.neutral_dash,
                )
            )
        else:
            items.append(Line(left, ly, right, ly, theme.palette.grid, theme.lines.grid))
    # Boxes by column: a label is never wider than its column, so it can only
    # meet boxes of its own and the neighbouring columns (keeps placement linear).
    marker_boxes: dict[int, list[Box]] = {}
    half = theme.spacing.marker_size / 2
    labelled: list[tuple[int, Emotion, float]] = []
    for style in ctx.curves:
        points: list[tuple[int, Point] | None] = []
        for index, (col, found) in enumerate(zip(ctx.columns, per_column, strict=True)):
            point = found.get(style.key)
            if point is None:
                points.append(None)
                continue
            py = level_y(ctx, y, point.score)
            points.append((index, (col.center, py)))
            marker_boxes.setdefault(index, []).append(
                Box(col.center - half, py - half, col.center + half, py + half)
            )
            labelled.append((index, point, py))
        curve_id = ctx.id("curve", ".".join(part or "all" for part in style.key))
        items.append(Group(curve_id, tuple(_curve_shapes(ctx, style, points))))
    items.extend(_labels(ctx, labelled, marker_boxes, y, height))
    return Row("emotion", "Emotion", tuple(items), height)


def _labels(
    ctx: MapContext,
    labelled: list[tuple[int, Emotion, float]],
    markers: dict[int, list[Box]],
    top: float,
    height: float,
) -> list[Shape]:
    """Point labels where they fit; a label already shown at the same spot is not repeated."""
    theme = ctx.theme
    size = theme.typography.note_size
    lh = line_height(size)
    gap = theme.spacing.paragraph_gap
    half = theme.spacing.marker_size / 2
    placed: dict[int, list[Box]] = {}
    seen: set[tuple[int, str, float]] = set()
    out: list[Shape] = []
    for index, point, py in labelled:
        if not point.label or (index, point.label, py) in seen:
            continue
        seen.add((index, point.label, py))
        col = ctx.columns[index]
        para = Para(point.label, size, theme.palette.text)
        lines = wrap(para, col.width - 2 * theme.spacing.padding)[:LABEL_LINES]
        if len(lines) < len(wrap(para, col.width - 2 * theme.spacing.padding)):
            continue  # a truncated label would misquote the user
        width = max(text_width(line, size) for line in lines)
        block = len(lines) * lh
        for block_top in (py + half + gap, py - half - gap - block):
            box = Box(col.center - width / 2, block_top, col.center + width / 2, block_top + block)
            inside = top <= box.top and box.bottom <= top + height
            near = [
                other
                for column in (index - 1, index, index + 1)
                for other in (*placed.get(column, ()), *markers.get(column, ()))
            ]
            if inside and not any(box.hits(other) for other in near):
                placed.setdefault(index, []).append(box)
                # A knock-out behind the label keeps it legible where a curve passes.
                knockout = Rect(
                    box.left, box.top, box.right - box.left, block, theme.palette.chart_fill
                )
                out.append(knockout)
                out.append(text_at(para, lines, col.center, block_top, anchor="middle"))
                break
    return out
