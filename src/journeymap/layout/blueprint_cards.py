"""The blueprint's lane cards: what each cell shows, measured once, then drawn.

A step's customer action is its `customer:` items, or its name when it has
none (LANGUAGE.md section 5); the step's own flags (fail point, moment of
truth, assumption) mark its first customer card. Owners, systems, durations
and waits form a small second line on each card.

A big blueprint has thousands of cards, all of one shape (a text paragraph,
maybe a note line, flags at the top right), so they do not go through the
general `boxes.Card`: the theme's numbers are looked up once per layout
(`CardStyle`), a card is wrapped and measured as it is made, and drawing it
builds only its shapes. The arithmetic is `boxes.measure_card` and
`boxes.draw_card`'s, operation for operation, so the drawing is the same to
the byte.
"""

from __future__ import annotations

from journeymap.layout import glyphs
from journeymap.layout.boxes import line_box, wrapped_lines
from journeymap.layout.map_context import MapContext
from journeymap.model import LaneItem, Step
from journeymap.records import record
from journeymap.scene import Group, Rect, Shape, Text
from journeymap.themes import Theme


@record
class CardStyle:
    """A theme's numbers and colours for lane cards, looked up once per layout."""

    pad: float
    left: float
    """From the card's left edge to its text."""
    gap: float
    """Between the text and the note line."""
    flag_room: float
    """Room kept right of the text per flag (fail point, moment of truth)."""
    size: float
    line_h: float
    baseline: float
    note_size: float
    note_line_h: float
    note_baseline: float
    text: str
    muted: str
    fill: str
    stroke: str
    stroke_width: float
    radius: float
    assumption_dash: tuple[float, ...]
    glyph: float
    moment: str
    fail: str

    @classmethod
    def of(cls, theme: Theme) -> CardStyle:
        sp, palette, type_ = theme.spacing, theme.palette, theme.typography
        line_h, baseline = line_box(type_.card_size)
        note_line_h, note_baseline = line_box(type_.note_size)
        return cls(
            pad=sp.padding,
            # What measure_card adds up for a card without indent or accent.
            left=sp.padding + 0.0 + 0.0,
            gap=sp.paragraph_gap,
            flag_room=sp.glyph_size + sp.paragraph_gap,
            size=type_.card_size,
            line_h=line_h,
            baseline=baseline,
            note_size=type_.note_size,
            note_line_h=note_line_h,
            note_baseline=note_baseline,
            text=palette.text,
            muted=palette.muted,
            fill=palette.surface,
            stroke=palette.border,
            stroke_width=theme.lines.card,
            radius=sp.radius,
            assumption_dash=theme.lines.assumption_dash,
            glyph=sp.glyph_size,
            moment=palette.moment,
            fail=palette.fail,
        )


@record
class LaneCard:
    """One card of a cell: what it marks, and its text wrapped to its column."""

    key: str
    """The element id part: the item's id, or step id, lane and place for unnamed items."""
    item: LaneItem | None
    fail_point: bool
    moment: bool
    assumption: bool
    """Drawn dashed and hatched: not yet researched."""
    lines: tuple[str, ...]
    note: tuple[str, ...]
    """The owner, system, duration and wait line, wrapped; empty when there is none."""
    height: float


def _note(ctx: MapContext, item: LaneItem) -> str:
    parts = [ctx.team_name(item.owner)] if item.owner else []
    parts += [item.system] if item.system else []
    parts += [f"takes {item.duration}"] if item.duration else []
    parts += [f"wait {item.wait}"] if item.wait else []
    return " · ".join(parts)


def _card(
    style: CardStyle,
    key: str,
    item: LaneItem | None,
    text: str,
    note: str,
    width: float,
    marks: tuple[bool, bool, bool],
) -> LaneCard:
    """A card of `text` and `note` set at `width`; marks are (fail point, moment, assumption).

    The height is summed as measure_card sums it (its list of paragraph
    heights, then the gap): floats added in another order could differ in the
    last bit, and so in the drawing.
    """
    fail, moment, assumption = marks
    inner = width - style.left - style.pad
    room = inner - (int(fail) + int(moment)) * style.flag_room
    lines = wrapped_lines(text, 1.0 if room < 1.0 else room, style.size, False)
    content = 0 + len(lines) * style.line_h  # sum() starts from the int 0
    note_lines: tuple[str, ...] = ()
    if note:
        note_lines = wrapped_lines(note, 1.0 if inner < 1.0 else inner, style.note_size, False)
        content += len(note_lines) * style.note_line_h
        content += style.gap * 1
    else:
        content += style.gap * 0
    return LaneCard(key, item, fail, moment, assumption, lines, note_lines, 2 * style.pad + content)


def cell_cards(
    ctx: MapContext, style: CardStyle, step: Step, lane: str, width: float
) -> list[LaneCard]:
    """The cards of one cell, top to bottom, set at the column's `width`."""
    items = step.lanes.lane(lane)
    if lane == "customer" and not items:
        marks = (step.fail_point, step.moment_of_truth, step.assumption)
        return [_card(style, f"{step.id}.customer", None, step.name, "", width, marks)]
    out = []
    for n, item in enumerate(items):
        first = lane == "customer" and n == 0
        marks = (
            item.fail_point or (first and step.fail_point),
            first and step.moment_of_truth,
            item.assumption or (first and step.assumption),
        )
        key = item.id if item.id else f"{step.id}.{lane}.{n + 1}"
        out.append(_card(style, key, item, item.text, _note(ctx, item), width, marks))
    return out


def draw_lane_card(
    ctx: MapContext, style: CardStyle, lane: str, card: LaneCard, x: float, y: float, width: float
) -> Group:
    """A card with its moment-of-truth star and fail-point marker, top right.

    Its frame comes first among the group's items (see `frame`).
    """
    shapes: list[Shape] = []
    if style.fill or style.stroke:  # as draw_card: an unframed card is its text alone
        dash = style.assumption_dash if card.assumption else ()
        shapes.append(
            Rect(
                x,
                y,
                width,
                card.height,
                style.fill,
                style.stroke,
                style.stroke_width,
                style.radius,
                dash,
                card.assumption,
            )
        )
    text_x = x + style.left
    top = y + style.pad
    lines = card.lines
    if lines:
        shapes.append(
            Text(text_x, top + style.baseline, lines, style.size, style.line_h, style.text)
        )
    if card.note:
        top += len(lines) * style.line_h + style.gap
        note_y = top + style.note_baseline
        shapes.append(
            Text(text_x, note_y, card.note, style.note_size, style.note_line_h, style.muted)
        )
    if card.moment or card.fail_point:
        size = style.glyph
        cx = x + width - style.pad - size / 2
        cy = y + style.pad + style.line_h / 2
        if card.moment:
            shapes.extend(glyphs.star(cx, cy, size, style.moment))
            cx -= size + style.gap
        if card.fail_point:
            shapes.extend(glyphs.warning(cx, cy, size, style.fail, style.fill))
    return Group(ctx.id(lane, card.key), tuple(shapes))


def frame(card: Group, x: float, y: float, width: float, height: float) -> Rect:
    """The rect a drawn card covers, for routing: its own frame when it has one."""
    first = card.items[0] if card.items else None
    if isinstance(first, Rect):
        return first
    return Rect(x, y, width, height)


def flags_in(cells: list[list[list[LaneCard]]]) -> tuple[int, bool, bool]:
    """(fail points, any moment of truth, any assumption) over every drawn card."""
    every = [card for lane in cells for cell in lane for card in cell]
    return (
        sum(c.fail_point for c in every),
        any(c.moment for c in every),
        any(c.assumption for c in every),
    )
