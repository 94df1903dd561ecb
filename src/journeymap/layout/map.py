"""Journey map layout: model + theme + view options -> Scene.

Top to bottom: header, persona cards, stage bands, then the rows (actions,
touchpoints, thinking, emotion, pain points, delights, opportunities, owners,
metrics, notes; a row nobody fills is left out) and the legend. Columns come
from measured text (see grid.py); every number and colour is the theme's.
"""

from collections.abc import Callable
from typing import NamedTuple

from journeymap.layout.boxes import Para, text_at, wrap
from journeymap.layout.grid import label_column_width, place_columns
from journeymap.layout.map_context import MapContext, Row
from journeymap.layout.map_emotion import emotion, scale
from journeymap.layout.map_facts import metrics, opportunities, owners
from journeymap.layout.map_funnel import funnel_row
from journeymap.layout.map_header import header, persona_cards, personas_need
from journeymap.layout.map_legend import legend, legend_need, summary
from journeymap.layout.map_model import curve_styles, funnel, narrow
from journeymap.layout.map_rows import (
    actions,
    delights,
    notes,
    pains,
    simple_row,
    thoughts,
    touchpoints,
)
from journeymap.layout.map_targets import targets
from journeymap.layout.scene import Group, Hatch, Item, Line, Scene, Shape, any_hatched
from journeymap.layout.stages import bands as stage_bands
from journeymap.layout.stages import break_marks, has_bands, stage_plans
from journeymap.layout.text import text_width
from journeymap.layout.themes import Theme
from journeymap.model.journey import Journey

RowBuilder = Callable[[MapContext, float], Row | None]

ROWS: tuple[tuple[str, RowBuilder], ...] = (
    ("Actions", actions),
    # Right under the steps, so each verdict sits next to its stage or step.
    ("Targets", targets),
    ("Funnel", funnel_row),
    ("Touchpoints", touchpoints),
    ("Thinking", lambda ctx, y: simple_row(ctx, y, "thinking", "Thinking", thoughts)),
    ("Emotion", emotion),
    ("Pain points", lambda ctx, y: simple_row(ctx, y, "pains", "Pain points", pains)),
    ("Delights", lambda ctx, y: simple_row(ctx, y, "delights", "Delights", delights)),
    ("Opportunities", opportunities),
    ("Owners", owners),
    ("Metrics", metrics),
    ("Notes", lambda ctx, y: simple_row(ctx, y, "notes", "Notes", notes)),
)


class MapOptions(NamedTuple):
    personas: tuple[str, ...] | None = None
    stages: tuple[str, ...] | None = None
    id_prefix: str = "jm"


def _header_need(ctx: MapContext) -> float:
    """The width the header, persona cards and legend would take on one line each."""
    journey, theme = ctx.journey, ctx.theme
    type_ = theme.typography
    needs = [text_width(journey.title or "", type_.title_size, True)]
    needs += [text_width(t, type_.subtitle_size) for t in (journey.description or "",)]
    needs += [text_width(f"Scenario: {journey.scenario or ''}", type_.header_size)]
    needs += [text_width("Expects: " + " · ".join(journey.expectations), type_.header_size)]
    needs.append(personas_need(ctx))
    needs.append(legend_need(ctx))
    return max(needs)


def layout_map(journey: Journey, theme: Theme, options: MapOptions | None = None) -> Scene:
    """Lay out the journey map of `journey` (narrowed by `options`) as a Scene."""
    options = options or MapOptions()
    sp, palette, type_ = theme.spacing, theme.palette, theme.typography
    visible = narrow(journey, options.personas, options.stages)
    label_w = label_column_width([label for label, _ in ROWS], type_.row_label_size, theme)
    grid_x = sp.margin + label_w + sp.label_gap
    columns, bands = place_columns(
        stage_plans(visible, theme), grid_x, theme, breaks=visible.breaks
    )
    ctx = MapContext(
        journey,
        theme,
        options.id_prefix,
        visible,
        tuple(columns),
        tuple(bands),
        tuple(curve_styles(journey, visible, theme)),
        funnel(journey),
    )
    grid_right = columns[-1].right if columns else grid_x + sp.min_column
    # Wide enough for the grid; a long title or many personas may widen a narrow
    # map up to min_header_width before they wrap.
    grid_w = grid_right - sp.margin
    content_w = max(grid_w, min(_header_need(ctx), max(grid_w, sp.min_header_width)))
    items: list[Item] = []
    y = sp.margin
    for part in (header, persona_cards):
        drawn, h = part(ctx, sp.margin, y, content_w)
        if drawn:
            items.extend(drawn)
            y += h + sp.section_gap
    if columns:
        grid_top = y
        if has_bands(ctx):
            drawn, h = stage_bands(ctx, y)
            items.extend(drawn)
            y += h + sp.row_gap
        rows: list[Item] = []
        for _, build in ROWS:
            row = build(ctx, y)
            if row is None:
                continue
            rule_y = y - sp.row_gap / 2
            items.append(
                Line(sp.margin, rule_y, grid_right, rule_y, palette.grid, theme.lines.grid)
            )
            label = Para(row.label, type_.row_label_size, palette.text, bold=True)
            inset = sp.padding if row.label_inset is None else row.label_inset
            shapes: list[Shape] = [text_at(label, wrap(label, label_w), sp.margin, y + inset)]
            if row.key == "emotion":
                shapes.extend(scale(ctx, y, grid_x - sp.label_gap / 2))
            rows.append(Group(ctx.id("row", row.key), (*shapes, *row.items)))
            y += row.height + sp.row_gap
        items.extend(rows)
        items.extend(break_marks(ctx, grid_top, y - sp.row_gap))
        y += sp.section_gap - sp.row_gap
    drawn, h = legend(ctx, sp.margin, y, content_w)
    items.extend(drawn)
    y += h
    hatched = any_hatched(tuple(items))
    return Scene(
        width=content_w + 2 * sp.margin,
        height=y + sp.margin,
        background=palette.background,
        font_family=type_.font_family,
        title=journey.title or "Journey map",
        description=summary(ctx),
        id_prefix=options.id_prefix,
        items=tuple(items),
        hatch=Hatch(ctx.id("hatch"), palette.hatch, theme.lines.hatch_spacing, theme.lines.hatch)
        if hatched
        else None,
    )
