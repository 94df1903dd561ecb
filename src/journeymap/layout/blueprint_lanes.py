"""The blueprint's lanes: which lanes show, the cards in each cell, lane and line drawing.

A step's customer action is its `customer:` items, or its name when it has
none (LANGUAGE.md section 5); the step's own flags (fail point, moment of
truth, assumption) mark its first customer card. Owners, systems, durations
and waits form a small second line on each card.
"""

from __future__ import annotations

from journeymap.layout import glyphs
from journeymap.layout.boxes import Card, CardText, Para, draw_card, text_at, wrap
from journeymap.layout.map_context import MapContext
from journeymap.layout.map_model import Visible
from journeymap.layout.text import line_height, text_width
from journeymap.model import LANES, LaneItem, Step
from journeymap.records import record
from journeymap.scene import Group, Item, Line, Rect
from journeymap.themes import Theme

LANE_LABELS: dict[str, str] = {
    "evidence": "Physical evidence",
    "customer": "Customer actions",
    "frontstage": "Frontstage",
    "backstage": "Backstage",
    "support": "Support processes",
    "policy": "Policy",
}

BLUEPRINT_LINES: tuple[tuple[str, str, str], ...] = (
    ("visibility", "frontstage", "line of visibility"),
    ("interaction", "customer", "line of interaction"),
    ("internal", "backstage", "line of internal interaction"),
)
"""(style key, the lane the line lies below, its name): the strongest line first."""


# A record, not a frozen dataclass: one per card, and records.record builds them faster.
@record
class LaneCard:
    """One card of a cell: its content and the marks drawn on it."""

    key: str
    """The element id part: the item's id, or step id, lane and place for unnamed items."""
    card: Card
    item: LaneItem | None
    fail_point: bool
    moment: bool


def visible_lanes(visible: Visible, lanes: tuple[str, ...] | None) -> tuple[str, ...]:
    """The lanes drawn, top to bottom: all five, policy when used, narrowed by `lanes`."""
    policy = any(step.lanes.policy for step in visible.steps())
    return tuple(
        lane for lane in LANES if (lane != "policy" or policy) and (lanes is None or lane in lanes)
    )


def _meta(ctx: MapContext, item: LaneItem) -> str:
    parts = [ctx.team_name(item.owner)] if item.owner else []
    parts += [item.system] if item.system else []
    parts += [f"takes {item.duration}"] if item.duration else []
    parts += [f"wait {item.wait}"] if item.wait else []
    return " · ".join(parts)


def _card(ctx: MapContext, text: str, meta: str, flags: int, assumption: bool) -> Card:
    theme = ctx.theme
    palette, type_ = theme.palette, theme.typography
    paras = [Para(text, type_.card_size, palette.text)]
    if meta:
        paras.append(Para(meta, type_.note_size, palette.muted))
    return Card(
        tuple(paras),
        palette.surface,
        palette.border,
        theme.lines.card,
        theme.lines.assumption_dash if assumption else (),
        hatch=assumption,
        reserve_right=flags * (theme.spacing.glyph_size + theme.spacing.paragraph_gap),
    )


def cell_cards(ctx: MapContext, step: Step, lane: str) -> list[LaneCard]:
    """The cards of one cell, top to bottom."""
    items = step.lanes.lane(lane)
    if lane == "customer" and not items:
        flags = int(step.fail_point) + int(step.moment_of_truth)
        card = _card(ctx, step.name, "", flags, step.assumption)
        return [LaneCard(f"{step.id}.customer", card, None, step.fail_point, step.moment_of_truth)]
    out = []
    for n, item in enumerate(items):
        first = lane == "customer" and n == 0
        fail = item.fail_point or (first and step.fail_point)
        moment = first and step.moment_of_truth
        assumption = item.assumption or (first and step.assumption)
        card = _card(ctx, item.text, _meta(ctx, item), int(fail) + int(moment), assumption)
        key = item.id if item.id else f"{step.id}.{lane}.{n + 1}"
        out.append(LaneCard(key, card, item, fail, moment))
    return out


def draw_lane_card(
    ctx: MapContext,
    lane: str,
    cell: LaneCard,
    x: float,
    y: float,
    width: float,
    measured: CardText | None = None,
) -> Group:
    """A card with its moment-of-truth star and fail-point marker, top right.

    `measured`, if given, is the card measured at `width` (see `draw_card`).
    """
    theme = ctx.theme
    size, gap = theme.spacing.glyph_size, theme.spacing.paragraph_gap
    shapes, _ = draw_card(cell.card, x, y, width, None, theme, measured)
    cx = x + width - theme.spacing.padding - size / 2
    cy = y + theme.spacing.padding + line_height(theme.typography.card_size) / 2
    if cell.moment:
        shapes.extend(glyphs.star(cx, cy, size, theme.palette.moment))
        cx -= size + gap
    if cell.fail_point:
        shapes.extend(glyphs.warning(cx, cy, size, theme.palette.fail, theme.palette.surface))
    return Group(ctx.id(lane, cell.key), tuple(shapes))


def lane_label_height(lane: str, width: float, theme: Theme) -> float:
    para = Para(LANE_LABELS[lane], theme.typography.row_label_size, theme.palette.text, bold=True)
    return len(wrap(para, width)) * line_height(para.size)


def draw_lane(
    ctx: MapContext, lane: str, y: float, height: float, right: float, label_w: float
) -> Group:
    """A lane's light tint across the whole width and its label at the left."""
    theme = ctx.theme
    sp = theme.spacing
    tints = theme.palette.lane_tints
    tint = tints[LANES.index(lane) % len(tints)]  # by lane, so narrowing keeps colours
    label = Para(LANE_LABELS[lane], theme.typography.row_label_size, theme.palette.text, bold=True)
    return Group(
        ctx.id("lane", lane),
        (
            Rect(sp.margin, y, right - sp.margin, height, tint, radius=sp.radius),
            text_at(label, wrap(label, label_w), sp.margin + sp.padding, y + sp.lane_padding),
        ),
    )


def line_between(upper: str, lower: str) -> tuple[str, str] | None:
    """(style key, name) of the blueprint line drawn between two adjacent visible lanes.

    When narrowing leaves out the lanes between them, the strongest line that
    lies between is drawn.
    """
    top, bottom = LANES.index(upper), LANES.index(lower)
    for key, below, name in BLUEPRINT_LINES:
        if top <= LANES.index(below) < bottom:
            return key, name
    return None


def line_width(key: str, theme: Theme) -> tuple[float, tuple[float, ...]]:
    lines = theme.lines
    return {
        "interaction": (lines.interaction, lines.interaction_dash),
        "visibility": (lines.visibility, lines.visibility_dash),
        "internal": (lines.internal, lines.internal_dash),
    }[key]


def line_label_paras(name: str, width: float, theme: Theme) -> tuple[Para, tuple[str, ...]]:
    para = Para(name, theme.typography.note_size, theme.palette.text, italic=True)
    return para, wrap(para, width - 2 * theme.spacing.badge_padding)


def draw_line(
    ctx: MapContext, key: str, name: str, y: float, right: float, label_w: float
) -> Group:
    """A named blueprint line across the whole width, labelled once at the left."""
    theme = ctx.theme
    sp = theme.spacing
    width, dash = line_width(key, theme)
    para, lines = line_label_paras(name, label_w, theme)
    text_w = max(text_width(line, para.size) for line in lines)
    height = len(lines) * line_height(para.size)
    pad = sp.badge_padding
    knockout = Rect(
        sp.margin,
        y - height / 2 - pad / 2,
        text_w + 2 * pad,
        height + pad,
        theme.palette.background,
    )
    label = text_at(para, lines, sp.margin + pad, y - height / 2)
    shapes: tuple[Item, ...] = (
        Line(sp.margin, y, right, y, theme.palette.blueprint_line, width, dash),
        Group(ctx.id("line", key, "label"), (knockout, label)),
    )
    return Group(ctx.id("line", key), shapes)


def line_label_height(name: str, label_w: float, theme: Theme) -> float:
    para, lines = line_label_paras(name, label_w, theme)
    return len(lines) * line_height(para.size) + theme.spacing.badge_padding


def flags_in(cells: list[list[list[LaneCard]]]) -> tuple[int, bool, bool]:
    """(fail points, any moment of truth, any assumption) over every drawn card."""
    every = [card for lane in cells for cell in lane for card in cell]
    return (
        sum(c.fail_point for c in every),
        any(c.moment for c in every),
        any(c.card.hatch for c in every),
    )
