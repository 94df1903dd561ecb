"""The blueprint's lanes: which lanes show, lane and line drawing (cards: blueprint_cards.py)."""

from __future__ import annotations

from journeymap.layout.boxes import Para, text_at, wrap
from journeymap.layout.map_context import MapContext
from journeymap.layout.map_model import Visible
from journeymap.layout.scene import Group, Item, Line, Rect
from journeymap.layout.text import line_height, text_width
from journeymap.layout.themes import Theme
from journeymap.model.journey import LANES

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


def visible_lanes(visible: Visible, lanes: tuple[str, ...] | None) -> tuple[str, ...]:
    """The lanes drawn, top to bottom: all five, policy when used, narrowed by `lanes`."""
    policy = any(step.lanes.policy for step in visible.steps())
    return tuple(
        lane for lane in LANES if (lane != "policy" or policy) and (lanes is None or lane in lanes)
    )


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
