"""The emotion row: a chart across the grid, one curve per persona and variant.

Scores -2..+2 map to five levels around a dashed neutral line. Points sit at
step centres; consecutive steps are joined by a smooth curve. A step that
involves the persona but gives no emotion leaves a gap; a step the persona
takes no part in is passed over, so each persona keeps one continuous curve.
Every label is drawn: once per step and score however many curves share it
(in the curve's colour, or neutral when curves of several colours share it),
below or above its point where it finds room, else as a numbered callout
beside the point with the number's key below the chart.
"""

import itertools
from typing import NamedTuple

from journeymap.layout import glyphs
from journeymap.layout.boxes import Para, text_at, wrap
from journeymap.layout.map_context import MapContext, Row
from journeymap.layout.map_model import CurveKey, CurveStyle, emotion_points, step_personas
from journeymap.layout.scene import Curve, Group, Item, Line, Point, Rect, Shape
from journeymap.layout.text import line_height, text_width
from journeymap.model.journey import Emotion, Step

SCORES = (2, 1, 0, -1, -2)
LABEL_LINES = 2
"""Room above +2 and below -2 for this many label lines."""


class Box(NamedTuple):
    left: float
    top: float
    right: float
    bottom: float

    def hits_any(self, others: list["Box"]) -> bool:
        """Whether the box overlaps any of `others` (a loop: no method call per pair)."""
        left, top, right, bottom = self.left, self.top, self.right, self.bottom
        for other in others:
            if (
                left < other.right
                and other.left < right
                and top < other.bottom
                and other.top < bottom
            ):
                return True
        return False


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


def _passes_over(ctx: MapContext, key: CurveKey, step: Step) -> bool:
    """Whether curve `key` goes on across `step`: a declared persona the step leaves out."""
    persona = key[0]
    if persona is None or persona not in {p.id for p in ctx.journey.personas}:
        return False
    return persona not in step_personas(step, ctx.journey)


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


DODGE = 0.55
"""How far apart, in marker sizes, curves are drawn where they meet at a step."""


def _apart(
    curves: tuple[CurveStyle, ...], per_column: list[dict[CurveKey, Emotion]], step: float
) -> dict[tuple[int, CurveKey], float]:
    """Vertical offsets for curves that have the same score at the same step.

    Two personas who feel the same at a step would otherwise be drawn one
    exactly over the other, and the one below would vanish (a Mermaid journey
    whose tasks have several actors does this at every step). Where curves
    meet, they are spread `step` apart around the score's level, in legend
    order; everywhere else a point sits exactly on its level.
    """
    offsets: dict[tuple[int, CurveKey], float] = {}
    for index, found in enumerate(per_column):
        if len(found) < 2:
            continue
        by_score: dict[int, list[CurveKey]] = {}
        for style in curves:
            point = found.get(style.key)
            if point is not None:
                by_score.setdefault(point.score, []).append(style.key)
        for keys in by_score.values():
            if len(keys) < 2:
                continue  # a curve alone at its score stays on the level
            middle = (len(keys) - 1) / 2
            for rank, key in enumerate(keys):
                offsets[(index, key)] = (rank - middle) * step
    return offsets


class Labelled(NamedTuple):
    """A point to label: its column, emotion, y and curve colour."""

    column: int
    emotion: Emotion
    y: float
    colour: str


def emotion(ctx: MapContext, y: float) -> Row | None:
    theme = ctx.theme
    per_column = [emotion_points(col.step, ctx.journey, ctx.visible) for col in ctx.columns]
    if not any(per_column) or not ctx.curves:
        return None
    pad = chart_padding(ctx)
    height = 2 * pad + 4 * theme.spacing.emotion_level
    left, right = ctx.left, ctx.right
    items: list[Item] = []
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
    labelled: list[Labelled] = []
    levels: dict[int, float] = {}  # score -> level_y: the same few values for every point
    apart = _apart(ctx.curves, per_column, theme.spacing.marker_size * DODGE)
    breaks = ctx.visible.breaks
    for style in ctx.curves:
        points: list[tuple[int, Point] | None] = []
        for index, (col, found) in enumerate(zip(ctx.columns, per_column, strict=True)):
            if breaks and ctx.break_before(index):
                points.append(None)  # stages left out: the curve stops at the break
            point = found.get(style.key)
            if point is None:
                if not _passes_over(ctx, style.key, col.step):
                    points.append(None)
                continue
            py = levels.get(point.score)
            if py is None:
                py = levels[point.score] = level_y(ctx, y, point.score)
            py += apart.get((index, style.key), 0.0)
            cx = col.center
            points.append((index, (cx, py)))
            marker_boxes.setdefault(index, []).append(
                Box(cx - half, py - half, cx + half, py + half)
            )
            labelled.append(Labelled(index, point, py, style.colour))
        curve_id = ctx.id("curve", ".".join(part or "all" for part in style.key))
        items.append(Group(curve_id, tuple(_curve_shapes(ctx, style, points))))
    labels, key_height = _labels(ctx, labelled, marker_boxes, y, height)
    items.extend(labels)
    height += key_height
    chart = Rect(
        left, y, right - left, height, theme.palette.chart_fill, radius=theme.spacing.radius
    )
    return Row("emotion", "Emotion", (chart, *items), height)


class _Label(NamedTuple):
    """One label to draw: shared by every curve that has it at this step and score."""

    column: int
    text: str
    top: float
    """The y of the highest point that has it."""
    bottom: float
    """The y of the lowest point that has it."""
    colour: str


def _label_groups(ctx: MapContext, labelled: list[Labelled]) -> list[_Label]:
    """One label per step, text and score; neutral when curves of several colours share it."""
    groups: dict[tuple[int, str, int], list[Labelled]] = {}
    for entry in labelled:
        if entry.emotion.label:
            key = (entry.column, entry.emotion.label, entry.emotion.score)
            groups.setdefault(key, []).append(entry)
    out = []
    for (index, text, _), entries in groups.items():
        colours = {e.colour for e in entries}
        colour = entries[0].colour if len(colours) == 1 else ctx.theme.palette.text
        ys = [e.y for e in entries]
        out.append(_Label(index, text, min(ys), max(ys), colour))
    return out


def _labels(
    ctx: MapContext,
    labelled: list[Labelled],
    markers: dict[int, list[Box]],
    top: float,
    height: float,
) -> tuple[list[Shape], float]:
    """Every label, by its point where it fits, else as a numbered callout; and the key's height."""
    theme = ctx.theme
    sp = theme.spacing
    size = theme.typography.note_size
    lh = line_height(size)
    gap = sp.paragraph_gap
    half = sp.marker_size / 2
    room = 2 * sp.padding
    knockout_fill = theme.palette.chart_fill
    chart_bottom = top + height
    placed: dict[int, list[Box]] = {}
    out: list[Shape] = []

    def near(index: int) -> list[Box]:
        return [
            *placed.get(index - 1, ()),
            *markers.get(index - 1, ()),
            *placed.get(index, ()),
            *markers.get(index, ()),
            *placed.get(index + 1, ()),
            *markers.get(index + 1, ()),
        ]

    def put(index: int, box: Box, para: Para, lines: tuple[str, ...], x: float) -> None:
        placed.setdefault(index, []).append(box)
        # A knock-out behind the label keeps it legible where a curve passes.
        out.append(
            Rect(box.left, box.top, box.right - box.left, box.bottom - box.top, knockout_fill)
        )
        out.append(text_at(para, lines, x, box.top, anchor="middle"))

    callouts: list[_Label] = []
    for label in _label_groups(ctx, labelled):
        col = ctx.columns[label.column]
        para = Para(label.text, size, label.colour)
        lines = wrap(para, col.width - room)
        if len(lines) > LABEL_LINES:
            callouts.append(label)  # a truncated label would misquote the user
            continue
        half_width = max([text_width(line, size) for line in lines]) / 2
        block = len(lines) * lh
        center = col.center
        # Nothing is placed until the loop below ends, so both tries meet the same boxes.
        others = near(label.column)
        for block_top in (label.bottom + half + gap, label.top - half - gap - block):
            box = Box(center - half_width, block_top, center + half_width, block_top + block)
            inside = top <= box.top and box.bottom <= chart_bottom
            if inside and not box.hits_any(others):
                put(label.column, box, para, lines, center)
                break
        else:
            callouts.append(label)
    if not callouts:
        return out, 0.0
    callouts.sort(key=lambda label: label.column)
    for number, label in enumerate(callouts, 1):
        word = str(number)
        para = Para(word, size, label.colour, bold=True)
        w = text_width(word, size, bold=True)
        center = ctx.columns[label.column].center
        middle = (label.top + label.bottom) / 2
        # Beside the point first, then further out, nearest first: a crowded step
        # pushes a number out until it finds room.
        tries = []
        for ring in range(6):
            out_x = ring * (w + gap)
            for dy in (0.0, lh, -lh, 2 * lh, -2 * lh):
                tries.append((center + half + gap + out_x, middle - lh / 2 + dy))
                tries.append((center - half - gap - w - out_x, middle - lh / 2 + dy))
        tries.sort(key=lambda t: abs(t[0] + w / 2 - center) + abs(t[1] + lh / 2 - middle))
        others = near(label.column)
        boxes = [Box(x, t, x + w, t + lh) for x, t in tries]
        fits = [b for b in boxes if top <= b.top and b.bottom <= chart_bottom]
        box = next((b for b in fits if not b.hits_any(others)), (fits or boxes)[0])
        put(label.column, box, para, (word,), (box.left + box.right) / 2)
    return out, _key(ctx, callouts, chart_bottom, out)


def _key(ctx: MapContext, callouts: list[_Label], y: float, out: list[Shape]) -> float:
    """The callouts' key under the chart, left to right: appends to `out`, returns its height."""
    theme = ctx.theme
    sp = theme.spacing
    size = theme.typography.note_size
    lh = line_height(size)
    left, right = ctx.left + sp.padding, ctx.right - sp.padding
    x, row_top, row_h = left, y, lh
    for number, label in enumerate(callouts, 1):
        word = str(number)
        nw = text_width(word, size, bold=True) + sp.badge_padding
        para = Para(label.text, size, label.colour)
        lines = wrap(para, right - left - nw)
        need = nw + max(text_width(line, size) for line in lines)
        if x > left and x + need > right:
            x, row_top, row_h = left, row_top + row_h + sp.paragraph_gap, lh
        out.append(text_at(Para(word, size, label.colour, bold=True), (word,), x, row_top))
        out.append(text_at(para, lines, x + nw, row_top))
        row_h = max(row_h, len(lines) * lh)
        x += need + sp.legend_gap
    return row_top + row_h + sp.padding - y
