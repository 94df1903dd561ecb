"""Service blueprint layout: model + theme + view options -> Scene.

Top to bottom: the header and stage bands (shared with the map, with the
map's column widths so both views of a file line up), then the lanes
(evidence, customer actions, frontstage, backstage, support, policy when
used), each followed by a channel that carries the named line between lanes,
flow labels and flow runs (see routing.py), and the legend.
"""

from operator import attrgetter
from typing import NamedTuple

from journeymap.layout.blueprint_cards import CardStyle, LaneCard, draw_lane_cards, lane_cards
from journeymap.layout.blueprint_flows import (
    Grid,
    draw_flows,
    legend_entries,
    requests,
    sequence,
    summary,
)
from journeymap.layout.blueprint_lanes import (
    draw_lane,
    draw_line,
    lane_label_height,
    line_between,
    line_label_height,
    visible_lanes,
)
from journeymap.layout.boxes import Para, text_at, wrap
from journeymap.layout.grid import label_column_width, place_columns
from journeymap.layout.map import ROWS
from journeymap.layout.map_context import MapContext
from journeymap.layout.map_header import header
from journeymap.layout.map_legend import entries_need, place_entries
from journeymap.layout.map_model import funnel, narrow
from journeymap.layout.map_targets import targets
from journeymap.layout.routing import Channel, ChannelPlace, Metrics, draw_routes, plan_routes
from journeymap.layout.scene import Group, Hatch, Item, Line, Rect, Scene, any_hatched
from journeymap.layout.stages import bands as stage_bands
from journeymap.layout.stages import break_marks, has_bands, stage_plans
from journeymap.layout.themes import Theme
from journeymap.model.journey import Journey


class BlueprintOptions(NamedTuple):
    personas: tuple[str, ...] | None = None
    stages: tuple[str, ...] | None = None
    lanes: tuple[str, ...] | None = None
    id_prefix: str = "jm"


def _place_channel(
    demand: Channel, top: float, line_need: float, content: bool, theme: Theme
) -> tuple[ChannelPlace, float, float]:
    """Rows of one channel from `top`: label rows, the line, run rows. (place, line y, height)."""
    sp = theme.spacing
    above = sum(demand.label_rows) + sp.flow_track
    below = sum(demand.run_rows) + sp.flow_track
    above, below = max(above, line_need / 2), max(below, line_need / 2)
    height = max(sp.lane_gap, above + below) if content else 0.0
    line_y = top + above + (height - above - below) / 2 if content else top
    tops = []
    row = line_y - sp.flow_track / 2 - sum(demand.label_rows)
    for h in demand.label_rows:
        tops.append(row + sp.flow_track / 2)
        row += h
    ys = []
    row = line_y + sp.flow_track / 2
    for h in demand.run_rows:
        ys.append(row + h / 2)
        row += h
    return ChannelPlace(tuple(ys), tuple(tops)), line_y, height


_height_of = attrgetter("height")
_hatch_of = attrgetter("hatch")


def _stacks(row: list[list[LaneCard]], gap: float) -> list[float]:
    """The height of each cell's stack of cards, `gap` between them.

    Each is `sum(card heights) + gap * max(0, len(cell) - 1)`, the float
    operations in that order. Most cells hold one card or none, and for them
    the sum is written out: `0 + height` is `height` (a card's height is
    never -0.0) and an empty sum is the int 0.
    """
    single = gap * 0
    empty = 0 + single
    stacks = []
    for cell in row:
        count = len(cell)
        if count == 1:
            stacks.append(cell[0].height + single)
        elif count:
            # sum(map(...)): the sum of the cards' heights, without a list per cell.
            stacks.append(sum(map(_height_of, cell)) + gap * (count - 1))
        else:
            stacks.append(empty)
    return stacks


def layout_blueprint(
    journey: Journey, theme: Theme, options: BlueprintOptions | None = None
) -> Scene:
    """Lay out the service blueprint of `journey` (narrowed by `options`) as a Scene."""
    options = options or BlueprintOptions()
    sp, palette, type_ = theme.spacing, theme.palette, theme.typography
    visible = narrow(journey, options.personas, options.stages)
    lanes = visible_lanes(visible, options.lanes)
    # The map's label column, so a blueprint's columns sit under the map's.
    label_w = label_column_width([label for label, _ in ROWS], type_.row_label_size, theme)
    grid_x = sp.margin + label_w + sp.flow_gutter
    columns, bands = place_columns(
        stage_plans(visible, theme), grid_x, theme, sp.flow_gutter, visible.breaks
    )
    ctx = MapContext(
        journey,
        theme,
        options.id_prefix,
        visible,
        tuple(columns),
        tuple(bands),
        (),
        funnel(journey),
    )
    grid_right = (columns[-1].right if columns else grid_x + sp.min_column) + sp.flow_gutter
    style = CardStyle.of(theme)
    # Each card is measured as it is made: for the lane heights here, then to be drawn.
    cells: list[list[list[LaneCard]]] = [lane_cards(ctx, style, lane, columns) for lane in lanes]
    lane_h = []
    for lane, row in zip(lanes, cells, strict=True):
        label = lane_label_height(lane, label_w, theme)
        lane_h.append(max([label, *_stacks(row, sp.card_gap)]) + 2 * sp.lane_padding)
    grid = Grid.of(tuple(lanes), tuple(columns), cells)
    metrics = Metrics(sp.flow_track, sp.arrow_size, sp.port_gap)
    reqs, flows = requests(ctx, grid)
    plans, demand = plan_routes(
        reqs, [(c.x, c.x + c.width) for c in columns], len(lanes), metrics, sp.padding
    )
    grid_w = grid_right - sp.margin
    entries = legend_entries(ctx, grid, flows)
    content_w = max(grid_w, min(entries_need(ctx, entries), max(grid_w, sp.min_header_width)))
    items: list[Item] = []
    y = sp.margin
    drawn, h = header(ctx, sp.margin, y, content_w)
    if drawn:
        items.extend(drawn)
        y += h + sp.section_gap
    grid_top = y
    if columns and has_bands(ctx):
        drawn, h = stage_bands(ctx, y)
        items.extend(drawn)
        y += h + sp.row_gap
    # The targets, as on the map: right under the stages, each beside its stage or step.
    target_row = targets(ctx, y) if columns else None
    if target_row is not None:
        heading = Para(target_row.label, type_.row_label_size, palette.text, bold=True)
        label_shape = text_at(heading, wrap(heading, label_w), sp.margin, y + sp.padding)
        items.append(Group(ctx.id("row", target_row.key), (label_shape, *target_row.items)))
        y += target_row.height + sp.row_gap
    lane_items: list[Item] = []
    line_items: list[Item] = []
    card_items: list[Item] = []
    rects: list[Rect] = []
    places: list[ChannelPlace] = []
    for index, lane in enumerate(lanes):
        lane_items.append(draw_lane(ctx, lane, y, lane_h[index], grid_right, label_w))
        top = y + sp.lane_padding
        draw_lane_cards(
            ctx, style, lane, cells[index], columns, top, sp.card_gap, card_items, rects
        )
        y += lane_h[index]
        below = lanes[index + 1] if index + 1 < len(lanes) else None
        named = line_between(lane, below) if below else None
        need = line_label_height(named[1], label_w, theme) if named else 0.0
        content = below is not None or bool(demand[index].run_rows or demand[index].label_rows)
        place, line_y, h = _place_channel(demand[index], y, need, content, theme)
        places.append(place)
        if named:
            line_items.append(draw_line(ctx, named[0], named[1], line_y, grid_right, label_w))
        elif below:
            line_items.append(
                Line(sp.margin, line_y, grid_right, line_y, palette.grid, theme.lines.grid)
            )
        y += h
    line_items.extend(break_marks(ctx, grid_top, y))
    gutters = [(c.x - sp.flow_gutter, c.x) for c in columns]
    for j in range(1, len(columns)):
        if visible.breaks and ctx.break_before(j):
            # A flow crossing a break turns in the gutter beside its own side's cards,
            # not beyond the torn edge.
            left = columns[j - 1].right
            gutters[j] = (left, left + sp.flow_gutter)
    gutters.append((grid_right - sp.flow_gutter, grid_right))
    drawn_flows = frozenset((r.source.card, r.target.card) for r in reqs)
    seq_items, pins = sequence(ctx, grid, rects, drawn_flows)
    routes = draw_routes(plans, rects, gutters, places, pins, metrics)
    flow_items = draw_flows(ctx, flows, routes)
    legend_items: list[Item] = []
    if entries:
        y += sp.section_gap
        legend_items, h = place_entries(ctx, entries, sp.margin, y, content_w)
        y += h
    others = [*items, *lane_items, *line_items, *seq_items, *flow_items, *legend_items]
    # A card's one rect is its frame, already in `rects`: the thousands of card
    # groups need no walk to find a hatched rect.
    hatched = any(map(_hatch_of, rects)) or any_hatched(tuple(others))
    items += [*lane_items, *line_items, *card_items, *seq_items, *flow_items, *legend_items]
    return Scene(
        width=content_w + 2 * sp.margin,
        height=y + sp.margin,
        background=palette.background,
        font_family=type_.font_family,
        title=journey.title or "Service blueprint",
        description=summary(ctx, grid, flows),
        id_prefix=options.id_prefix,
        items=tuple(items),
        hatch=Hatch(ctx.id("hatch"), palette.hatch, theme.lines.hatch_spacing, theme.lines.hatch)
        if hatched
        else None,
    )
