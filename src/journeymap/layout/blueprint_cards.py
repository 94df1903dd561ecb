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

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import NamedTuple

from journeymap.layout import glyphs
from journeymap.layout.boxes import line_box, wrapped_lines
from journeymap.layout.grid import Column
from journeymap.layout.map_context import MapContext, attribute_lines, card_link, id_part
from journeymap.layout.scene import Group, Item, Rect, Shape, Text
from journeymap.layout.themes import Theme
from journeymap.model.journey import Attributes, LaneItem, Step


class CardStyle(NamedTuple):
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
    def of(cls, theme: Theme) -> "CardStyle":
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


class LaneCard(NamedTuple):
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


def _note(team_names: dict[str, str], item: LaneItem) -> str:
    """The card's small second line: owner (by team name), system, duration, wait;
    then each free attribute on a line of its own."""
    parts = []
    if item.owner:
        parts.append(team_names.get(item.owner, item.owner))
    if item.system:
        parts.append(item.system)
    if item.duration:
        parts.append(f"takes {item.duration}")
    if item.wait:
        parts.append(f"wait {item.wait}")
    lines = [" · ".join(parts)] if parts else []
    lines.extend(attribute_lines(item.attributes))
    return "\n".join(lines)


_NoteKey = tuple[str | None, str | None, str | None, str | None, Attributes]
"""A lane item's (owner, system, duration, wait, attributes): all its note depends on."""

_note_key: Callable[[LaneItem], _NoteKey] = attrgetter(
    "owner", "system", "duration", "wait", "attributes"
)


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
    room = inner  # less nothing: inner - 0.0 is inner
    if fail or moment:
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


def _figures(step: Step) -> str:
    """A step's count and metrics, one per line ('' for most steps)."""
    if step.count is None and not step.metrics:
        return ""
    lines = [f"{step.count:,} reached"] if step.count is not None else []
    lines.extend(f"{key}: {value}" for key, value in step.metrics)
    return "\n".join(lines)


_PLAIN = (False, False, False)
"""The marks of most cards: no fail point, no moment of truth, researched."""


def lane_cards(
    ctx: MapContext, style: CardStyle, lane: str, columns: Sequence[Column]
) -> list[list[LaneCard]]:
    """The cards of each cell of `lane`, top to bottom, set at their column's width."""
    # First owner wins, as MapContext.team_name's search finds it.
    team_names: dict[str, str] = {}
    for team in reversed(ctx.journey.teams):
        team_names[team.id] = team.name
    # A lane repeats a few owners and systems on many cards: each note is written once.
    notes: dict[_NoteKey, str] = {}
    customer = lane == "customer"
    items_of = attrgetter(lane)  # Lanes.lane(lane), without a Python call per step
    cells = []
    for column in columns:
        step, width = column.step, column.width
        items: tuple[LaneItem, ...] = items_of(step.lanes)
        # The step's metrics ride on its first customer card, as in the map's metrics row.
        figures = _figures(step) if customer else ""
        if not items:
            if customer:  # the step's name stands for its customer action
                marks = (step.fail_point, step.moment_of_truth, step.assumption)
                key = f"{step.id}.customer"
                cells.append([_card(style, key, None, step.name, figures, width, marks)])
            else:
                cells.append([])
            continue
        cell = []
        for n, item in enumerate(items, 1):
            if customer and n == 1:  # the step's own flags mark its first customer card
                marks = (
                    item.fail_point or step.fail_point,
                    step.moment_of_truth,
                    item.assumption or step.assumption,
                )
            elif item.fail_point or item.assumption:
                marks = (item.fail_point, False, item.assumption)
            else:
                marks = _PLAIN
            note_key = _note_key(item)
            note = notes.get(note_key)
            if note is None:
                note = notes[note_key] = _note(team_names, item)
            if figures and n == 1:
                note = f"{note}\n{figures}" if note else figures
            key = item.id if item.id else f"{step.id}.{lane}.{n}"
            cell.append(_card(style, key, item, item.text, note, width, marks))
        cells.append(cell)
    return cells


def draw_lane_cards(
    ctx: MapContext,
    style: CardStyle,
    lane: str,
    cells: list[list[LaneCard]],
    columns: Sequence[Column],
    top: float,
    card_gap: float,
    out: list[Item],
    frames: list[Rect],
) -> None:
    """Draw the cards of `lane`'s cells, stacked from `top` with `card_gap` between.

    Each card's group goes to `out`, the rect it covers to `frames` (for
    routing): its frame, when it has one. A card's flags (moment-of-truth
    star, fail-point marker) sit at its top right.
    """
    head = ctx.id(lane) + "-"
    framed = bool(style.fill or style.stroke)  # as draw_card: an unframed card is its text
    fill, stroke, stroke_width, radius = style.fill, style.stroke, style.stroke_width, style.radius
    pad, left, gap = style.pad, style.left, style.gap
    size, line_h, baseline, text = style.size, style.line_h, style.baseline, style.text
    note_size, note_line_h, muted = style.note_size, style.note_line_h, style.muted
    note_baseline = style.note_baseline
    for column, cell in zip(columns, cells, strict=True):
        x, width = column.x, column.width
        text_x = x + left
        y = top
        for card in cell:
            h = card.height
            shapes: list[Shape]
            if framed:
                hatch = card.assumption
                dash = style.assumption_dash if hatch else ()
                frame = Rect(x, y, width, h, fill, stroke, stroke_width, radius, dash, hatch)
                shapes = [frame]
            else:
                frame = Rect(x, y, width, h)
                shapes = []
            frames.append(frame)
            line_top = y + pad
            lines = card.lines
            if lines:
                shapes.append(Text(text_x, line_top + baseline, lines, size, line_h, text))
            if card.note:
                line_top += len(lines) * line_h + gap
                note_y = line_top + note_baseline
                shapes.append(Text(text_x, note_y, card.note, note_size, note_line_h, muted))
            if card.moment or card.fail_point:
                shapes.extend(_flags(style, card, x, y, width))
            href = card_link(card.item.attributes) if card.item is not None else None
            out.append(Group(head + id_part(card.key), tuple(shapes), href))
            y += h + card_gap


def _flags(style: CardStyle, card: LaneCard, x: float, y: float, width: float) -> list[Shape]:
    """The moment-of-truth star, then the fail-point marker to its left, at the top right."""
    size = style.glyph
    cx = x + width - style.pad - size / 2
    cy = y + style.pad + style.line_h / 2
    shapes: list[Shape] = []
    if card.moment:
        shapes.extend(glyphs.star(cx, cy, size, style.moment))
        cx -= size + style.gap
    if card.fail_point:
        shapes.extend(glyphs.warning(cx, cy, size, style.fail, style.fill))
    return shapes


def flags_in(cells: list[list[list[LaneCard]]]) -> tuple[int, bool, bool]:
    """(fail points, any moment of truth, any assumption) over every drawn card."""
    fails, moment, assumption = 0, False, False
    # One pass, without a list of every card: a big blueprint has thousands.
    for lane in cells:
        for cell in lane:
            for card in cell:
                if card.fail_point:
                    fails += 1
                moment = moment or card.moment
                assumption = assumption or card.assumption
    return fails, moment, assumption
