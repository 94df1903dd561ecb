"""The blueprint's arrows: flows resolved to cards, the customer sequence, legend and summary.

Flow ends name steps, touchpoints or lane items. A step stands for its first
customer-action card. Touchpoints are not drawn in the blueprint, so a flow
to one attaches to its step's customer card. A flow whose end is narrowed
away (its stage, persona or lane) is left out.
"""

from typing import NamedTuple

from journeymap.layout import glyphs
from journeymap.layout.blueprint_cards import LaneCard, flags_in
from journeymap.layout.blueprint_lanes import LANE_LABELS
from journeymap.layout.boxes import Para, text_at, wrapped_lines
from journeymap.layout.grid import Column
from journeymap.layout.map_context import MapContext, id_part
from journeymap.layout.map_legend import Entry, Sample, swatch, target_entries
from journeymap.layout.routing import End, Request, Route, Side, label_column
from journeymap.layout.scene import Group, Item, Line, Polyline, Rect, Shape
from journeymap.layout.stages import breaks_text, zigzag
from journeymap.layout.text import line_height, text_width
from journeymap.model.journey import Flow


class Grid(NamedTuple):
    """The blueprint's cells: `cells[lane][column]` lists the cards, top to bottom."""

    lanes: tuple[str, ...]
    columns: tuple[Column, ...]
    cells: list[list[list[LaneCard]]]
    starts: tuple[tuple[int, ...], ...]
    """Index of each cell's first card in the drawing order (lane, column, card)."""

    @classmethod
    def of(
        cls, lanes: tuple[str, ...], columns: tuple[Column, ...], cells: list[list[list[LaneCard]]]
    ) -> "Grid":
        starts: list[tuple[int, ...]] = []
        index = 0
        for row in cells:
            firsts = []
            for cell in row:
                firsts.append(index)
                index += len(cell)
            starts.append(tuple(firsts))
        return cls(lanes, columns, cells, tuple(starts))


class DrawnFlow(NamedTuple):
    flow: Flow
    key: str
    label: tuple[str, ...]


def _ends(grid: Grid) -> dict[str, tuple[int, int, int]]:
    """Id -> (lane, column, card index) of each card a flow may name.

    Plain tuples, made into `End`s only for the ends flows use: a blueprint
    has many more cards than flows.
    """
    ends: dict[str, tuple[int, int, int]] = {}
    for i, (lane, row, starts) in enumerate(zip(grid.lanes, grid.cells, grid.starts, strict=True)):
        customer = lane == "customer"
        for j, cell in enumerate(row):
            if not cell:  # most cells of most lanes hold one card or none
                continue
            index = starts[j]
            for card in cell:
                item = card.item
                if item is not None and item.id:
                    ends[item.id] = (i, j, index)
                if customer and index == starts[j]:
                    step = grid.columns[j].step
                    end = ends[step.id] = (i, j, index)
                    # Touchpoints have no card here: they meet the step's customer action.
                    if step.touchpoints:
                        ends.update((tp.id, end) for tp in step.touchpoints if tp.id)
                index += 1
    return ends


def requests(ctx: MapContext, grid: Grid) -> tuple[list[Request], list[DrawnFlow]]:
    """A routing request per drawable flow, with its label wrapped to fit its column."""
    theme = ctx.theme
    sp, size = theme.spacing, theme.typography.note_size
    # The theme's look-ups, once for all flows: a big blueprint has hundreds.
    padding, badge_padding, line_h = sp.padding, sp.badge_padding, line_height(size)
    ends = _ends(grid)
    seen: dict[str, int] = {}
    out: list[Request] = []
    drawn: list[DrawnFlow] = []
    for flow in ctx.journey.flows:
        source, target = ends.get(flow.source), ends.get(flow.target)
        if source is None or target is None:
            continue
        a, b = End(*source), End(*target)
        key = f"{flow.source}.{flow.target}"
        count = seen[key] = seen.get(key, 0) + 1
        if count > 1:
            key = f"{key}.{count}"
        label_size = None
        lines: tuple[str, ...] = ()
        if flow.label:
            column = grid.columns[label_column(a.column, b.column)]
            room = column.width - 2 * padding - 2 * badge_padding
            lines = wrapped_lines(flow.label, max(room, 1.0), size, False)  # wrap(), sans Para
            if len(lines) == 1:  # most labels: max() of one width, without a generator
                widest = text_width(lines[0], size)
            else:
                widest = max(text_width(line, size) for line in lines)
            label_size = (widest + 2 * badge_padding, len(lines) * line_h + badge_padding)
        customer = grid.lanes[a.lane] == "customer" and grid.lanes[b.lane] == "customer"
        out.append(Request(key, a, b, label_size, customer))
        drawn.append(DrawnFlow(flow, key, lines))
    return out, drawn


def sequence(
    ctx: MapContext, grid: Grid, rects: list[Rect], flows: frozenset[tuple[int, int]] = frozenset()
) -> tuple[list[Item], dict[tuple[int, Side], float]]:
    """Arrows joining the customer actions left to right; the card sides they pin.

    A flow from one step's customer action to the next one's (`flows` holds the
    (source card, target card) of every flow) replaces the implicit arrow: one
    arrow, one head.
    """
    if "customer" not in grid.lanes:
        return [], {}
    theme = ctx.theme
    lane = grid.lanes.index("customer")
    offset = theme.spacing.padding + line_height(theme.typography.card_size) / 2
    head, colour, width = theme.spacing.arrow_size, theme.palette.sequence, theme.lines.sequence
    starts = grid.starts[lane]  # each column's first customer card
    shapes: list[Shape] = []
    pins: dict[tuple[int, Side], float] = {}
    breaks = ctx.visible.breaks
    for j in range(len(grid.columns) - 1):
        if breaks and ctx.break_before(j + 1):
            continue  # stages left out between: the customer's path is not joined across
        a, b = starts[j], starts[j + 1]
        if flows and (a, b) in flows:
            continue
        # Every first customer card starts at the lane's top: one level line of arrows.
        before = rects[a]
        y = before.y + offset
        x = rects[b].x
        # before.right written out: a property call per step adds up.
        shapes.append(Line(before.x + before.width, y, x - head, y, colour, width))
        shapes.append(glyphs.arrowhead(x, y, 1.0, head, colour))
        pins[(a, "right")] = y
        pins[(b, "left")] = y
    return ([Group(ctx.id("sequence"), tuple(shapes))] if shapes else []), pins


def draw_flows(ctx: MapContext, flows: list[DrawnFlow], routes: list[Route]) -> list[Item]:
    """Every flow's line and arrowhead, then every label on top of them all."""
    theme = ctx.theme
    sp, size = theme.spacing, theme.typography.note_size
    # The theme's look-ups, once for all flows: a big blueprint has hundreds.
    colour, width, arrow = theme.palette.flow, theme.lines.flow, sp.arrow_size
    async_dash = theme.lines.flow_async_dash
    text_fill, knockout_fill, pad = theme.palette.text, theme.palette.background, sp.badge_padding
    # ctx.id("flow", key) is this head and id_part(key) (see id_part).
    head = ctx.id("flow") + "-"
    lines: list[Item] = []
    labels: list[Item] = []
    for drawn, route in zip(flows, routes, strict=True):
        flow_id = head + id_part(drawn.key)
        tip_x, tip_y = route.tip
        shapes = (
            Polyline(route.points, colour, width, async_dash if drawn.flow.is_async else ()),
            glyphs.arrowhead(tip_x, tip_y, route.direction, arrow, colour),
        )
        lines.append(Group(flow_id, shapes))
        box = route.label_box
        if box is None:
            continue
        para = Para(drawn.flow.label or "", size, text_fill)
        knockout = Rect(box.x, box.y, box.width, box.height, knockout_fill, radius=pad)
        text = text_at(para, drawn.label, box.x + pad, box.y + pad / 2)
        labels.append(Group(flow_id + "-label", (knockout, text)))
    return lines + labels


def legend_entries(ctx: MapContext, grid: Grid, flows: list[DrawnFlow]) -> list[Entry]:
    """Only the marks this blueprint uses; fail points are counted."""
    theme = ctx.theme
    palette, lines, g = theme.palette, theme.lines, theme.spacing.glyph_size
    length = g * 2.5
    out: list[Entry] = []

    def arrow(colour: str, width: float, dash: tuple[float, ...]) -> Sample:
        def draw(x: float, cy: float) -> list[Shape]:
            end, head = x + length, theme.spacing.arrow_size
            return [
                Line(x, cy, end - head, cy, colour, width, dash),
                glyphs.arrowhead(end, cy, 1.0, head, colour),
            ]

        return draw

    if "customer" in grid.lanes and len(grid.columns) > 1:
        out.append((length, arrow(palette.sequence, lines.sequence, ()), "next customer action"))
    out.extend(target_entries(ctx))
    if ctx.visible.breaks:
        out.append(
            (
                g,
                lambda x, cy: [zigzag(x + g / 2, cy - g / 2, cy + g / 2, theme, 5.0)],
                "stages left out",
            )
        )
    if any(not f.flow.is_async for f in flows):
        out.append((length, arrow(palette.flow, lines.flow, ()), "synchronous flow"))
    if any(f.flow.is_async for f in flows):
        dashed = arrow(palette.flow, lines.flow, lines.flow_async_dash)
        out.append((length, dashed, "asynchronous flow"))
    fails, moments, assumptions = flags_in(grid.cells)
    if moments:
        out.append(
            (
                g,
                lambda x, cy: list(glyphs.star(x + g / 2, cy, g, palette.moment)),
                "moment of truth",
            )
        )
    if fails:
        out.append(
            (
                g,
                lambda x, cy: list(
                    glyphs.warning(x + g / 2, cy, g, palette.fail, palette.background)
                ),
                f"{fails} fail point{'s' if fails != 1 else ''}",
            )
        )
    if assumptions:
        out.append(
            (
                g * 2,
                swatch(ctx, lines.card, lines.assumption_dash, True),
                "assumption (not yet researched)",
            )
        )
    return out


def summary(ctx: MapContext, grid: Grid, flows: list[DrawnFlow]) -> str:
    """A plain-text description of the blueprint for screen readers (<desc>)."""
    journey = ctx.journey
    parts = [f"Service blueprint: {journey.title or 'untitled journey'}."]
    parts.append("Lanes: " + ", ".join(LANE_LABELS[lane] for lane in grid.lanes) + ".")
    stages = [band.stage.name or "Steps" for band in ctx.bands]
    if stages:
        parts.append(f"Stages: {'; '.join(stages)} ({len(grid.columns)} steps).")
    if ctx.visible.breaks:
        parts.append(breaks_text(ctx))
    asynchronous = sum(f.flow.is_async for f in flows)
    parts.append(
        f"{len(flows)} flow{'s' if len(flows) != 1 else ''} ({asynchronous} asynchronous)."
    )
    fails = [
        card.item.text if card.item else col.step.name
        for row in grid.cells
        for cell, col in zip(row, grid.columns, strict=True)
        for card in cell
        if card.fail_point
    ]
    if fails:
        parts.append("Fail points: " + "; ".join(fails) + ".")
    return " ".join(parts)
