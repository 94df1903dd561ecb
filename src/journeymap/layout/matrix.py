"""Touchpoint matrix layout: model + theme + view options -> Scene.

Top to bottom: the header, the stage bands and step cards (shared with the
map, so the columns read the same way), then one row per channel (its kind
glyph, name, a tick where a step uses it) followed by its touchpoints (a mark
per step, drawn by tier), the per-step totals and the legend. A coverage
column on the right counts the steps each row reaches. Every number and
colour is the theme's; what is counted lives in `matrix_model.py`.
"""

import math
from functools import partial
from typing import NamedTuple

from journeymap.layout import glyphs
from journeymap.layout.boxes import Para, text_at, wrap
from journeymap.layout.grid import Column, StagePlan, clamp, place_columns
from journeymap.layout.map_context import MapContext
from journeymap.layout.map_header import header
from journeymap.layout.map_legend import entries_need, place_entries
from journeymap.layout.map_model import funnel
from journeymap.layout.map_rows import actions
from journeymap.layout.matrix_marks import (
    Draw,
    coverage_text,
    legend_entries,
    mark,
    summary,
    tick,
)
from journeymap.layout.matrix_model import ChannelGroup, Matrix, TouchpointRow, build_matrix
from journeymap.layout.scene import Group, Hatch, Item, Line, Rect, Scene, Shape, any_hatched
from journeymap.layout.stages import bands as stage_bands
from journeymap.layout.stages import has_bands, stage_plans
from journeymap.layout.text import line_height, text_width
from journeymap.layout.themes import Theme
from journeymap.model.journey import Journey

COVERAGE_HEADING = "Steps"
TOTAL_ROWS = ("Touchpoints used", "Channels used")
MAX_RULE_PIECES = 20_000
"""Above this many gutter-line pieces, each gutter is ruled by one line from top to bottom."""


class MatrixOptions(NamedTuple):
    personas: tuple[str, ...] | None = None
    stages: tuple[str, ...] | None = None
    id_prefix: str = "jm"


class _Table(NamedTuple):
    """Where the table's columns are: label column, step columns, coverage column."""

    ctx: MapContext
    label_w: float
    coverage_x: float
    coverage_w: float

    @property
    def left(self) -> float:
        return self.ctx.theme.spacing.margin

    @property
    def right(self) -> float:
        return self.coverage_x + self.coverage_w

    @property
    def columns(self) -> tuple[Column, ...]:
        return self.ctx.columns


def _plans(matrix: Matrix, theme: Theme) -> list[StagePlan]:
    """The map's stage plans with columns only as wide as their step names need
    (the marks need far less); the bands keep the map's minimum widths."""
    sp, type_ = theme.spacing, theme.typography
    plans = []
    for plan in stage_plans(matrix.visible, theme):
        needs = []
        for step in plan.steps:
            flags = int(step.moment_of_truth) + int(step.fail_point)
            needs.append(
                text_width(step.name, type_.card_title_size, True)
                + 2 * sp.padding
                + flags * (sp.glyph_size + sp.paragraph_gap)
            )
        plans.append(plan._replace(step_needs=tuple(needs)))
    return plans


def _label_width(matrix: Matrix, theme: Theme) -> float:
    """The label column: wide enough for most labels on one line, within the theme's range."""
    sp, type_ = theme.spacing, theme.typography
    indent = sp.glyph_size + sp.badge_padding
    needs = [text_width(g.name, type_.row_label_size, True) + indent for g in matrix.groups]
    needs += [
        text_width(row.label, type_.card_size) + indent
        for group in matrix.groups
        for row in group.rows
    ]
    needs += [text_width(label, type_.row_label_size, True) for label in TOTAL_ROWS]
    # Rounded up: a label measured to fit exactly must not wrap on float noise.
    return clamp(math.ceil(max(needs)) + 2 * sp.padding, sp.label_column, sp.max_column)


def _row(
    table: _Table,
    key: tuple[str, ...],
    y: float,
    label: Para,
    indent: float,
    fill: str,
    coverage: str | None,
    cells: list[tuple[int, Draw]] | None = None,
    *,
    cell_text: list[str] | None = None,
    glyph_kind: str | None = None,
    glyph: bool = False,
) -> tuple[Group, float]:
    """One table row from `y`: its band, label, cell contents and coverage; group and height."""
    ctx = table.ctx
    theme = ctx.theme
    sp, type_ = theme.spacing, theme.typography
    pad = sp.padding
    lines = wrap(label, table.label_w - 2 * pad - indent)
    height = max(len(lines) * line_height(label.size), sp.glyph_size) + 2 * pad
    mid = y + height / 2
    shapes: list[Shape] = [Rect(table.left, y, table.right - table.left, height, fill)]
    if glyph:
        gx = table.left + pad + sp.glyph_size / 2
        first = y + pad + line_height(label.size) / 2
        shapes.extend(
            glyphs.kind(glyph_kind, gx, first, sp.glyph_size, label.fill, theme.lines.glyph)
        )
    shapes.append(text_at(label, lines, table.left + pad + indent, y + pad))
    for index, draw in cells or []:
        shapes.extend(draw(table.columns[index].center, mid))
    for index, text in enumerate(cell_text or []):
        col = table.columns[index]
        para = Para(text, type_.card_size, label.fill)
        shapes.append(
            text_at(para, (text,), col.center, mid - line_height(para.size) / 2, "middle")
        )
    if coverage is not None:
        para = Para(coverage, type_.card_size, label.fill, bold=label.bold)
        cx = table.coverage_x + table.coverage_w / 2
        shapes.append(text_at(para, (coverage,), cx, mid - line_height(para.size) / 2, "middle"))
    return Group(ctx.id(*key), tuple(shapes)), height


def _group_rows(
    table: _Table, matrix: Matrix, group: ChannelGroup, y: float
) -> tuple[list[Item], float]:
    """A channel's heading row and its touchpoint rows from `y`: items and height."""
    theme = table.ctx.theme
    palette, type_, sp = theme.palette, theme.typography, theme.spacing
    steps = len(matrix.steps)
    indent = sp.glyph_size + sp.badge_padding
    # Touchpoints without a channel share a heading, not a channel: no ticks, no coverage.
    named = group.id is not None
    ticks: list[tuple[int, Draw]] = [
        (i, partial(tick, theme, palette.badge_text)) for i in group.present_at if named
    ]
    heading, h = _row(
        table,
        ("channel", group.id or "none."),
        y,
        Para(group.name, type_.row_label_size, palette.badge_text, bold=True),
        indent if named else 0.0,
        palette.badge_fill,
        coverage_text(group.coverage, steps) if named else None,
        ticks,
        glyph_kind=group.kind,
        glyph=named,
    )
    items: list[Item] = [heading]
    top = y + h
    for row in group.rows:
        drawn, h = _touchpoint_row(table, row, top, steps)
        items.append(drawn)
        top += h
    return items, top - y


def _touchpoint_row(table: _Table, row: TouchpointRow, y: float, steps: int) -> tuple[Group, float]:
    theme = table.ctx.theme
    sp = theme.spacing
    cells: list[tuple[int, Draw]] = [
        (i, partial(mark, theme, use)) for i, use in zip(row.used, row.marks, strict=True)
    ]
    return _row(
        table,
        ("tp", row.id),
        y,
        Para(row.label, theme.typography.card_size, theme.palette.text),
        sp.glyph_size + sp.badge_padding,
        theme.palette.surface,
        coverage_text(row.coverage, steps),
        cells,
    )


def _rules(table: _Table, rows: list[tuple[Rect, bool]]) -> list[Item]:
    """Faint lines on row edges, and in the gutters between columns except across the
    channel headings, which read as one band each. They cross no text or mark."""
    theme = table.ctx.theme
    colour, width = theme.palette.grid, theme.lines.grid
    edges = [rows[0][0].y, *(rect.bottom for rect, _ in rows)]
    lines: list[Shape] = [Line(table.left, y, table.right, y, colour, width) for y in edges]
    runs: list[tuple[float, float]] = []
    for rect, heading in rows:
        if heading:
            continue
        if runs and abs(runs[-1][1] - rect.y) < 1e-6:
            runs[-1] = (runs[-1][0], rect.bottom)
        else:
            runs.append((rect.y, rect.bottom))
    xs = [c.x - theme.spacing.gutter / 2 for c in table.columns]
    xs.append(table.coverage_x - theme.spacing.gutter / 2)
    if len(runs) * len(xs) > MAX_RULE_PIECES:
        # Many channels times many steps: a piece per run and gutter would grow
        # with their product (10,000 steps, each with a channel of its own, made
        # 100 million lines); then each gutter gets one line, headings crossed.
        runs = [(edges[0], edges[-1])]
    lines += [Line(x, top, x, bottom, colour, width) for top, bottom in runs for x in xs]
    return [Group(table.ctx.id("rules"), tuple(lines))]


def _body(table: _Table, matrix: Matrix, y: float) -> tuple[list[Item], float]:
    """The channel groups and the per-step totals from `y`: items and height."""
    theme = table.ctx.theme
    palette, type_ = theme.palette, theme.typography
    body: list[Item] = []
    rows: list[tuple[Rect, bool]] = []
    top = y
    for group in matrix.groups:
        drawn_rows, h = _group_rows(table, matrix, group, y)
        for index, item in enumerate(drawn_rows):
            body.append(item)
            rect = item.items[0] if isinstance(item, Group) else None
            if isinstance(rect, Rect):
                rows.append((rect, index == 0))
        y += h
    for key, label, counts in (
        ("touchpoints", TOTAL_ROWS[0], matrix.touchpoints_per_step()),
        ("channels", TOTAL_ROWS[1], matrix.channels_per_step()),
    ):
        para = Para(label, type_.row_label_size, palette.text, bold=True)
        cells = [str(n) for n in counts]
        total, h = _row(
            table, ("total", key), y, para, 0.0, palette.chart_fill, None, None, cell_text=cells
        )
        body.append(total)
        rows.append((Rect(table.left, y, table.right - table.left, h), False))
        y += h
    return [*body, *_rules(table, rows)], y - top


def layout_matrix(journey: Journey, theme: Theme, options: MatrixOptions | None = None) -> Scene:
    """Lay out the touchpoint matrix of `journey` (narrowed by `options`) as a Scene."""
    options = options or MatrixOptions()
    sp, palette, type_ = theme.spacing, theme.palette, theme.typography
    matrix = build_matrix(journey, options.personas, options.stages)
    label_w = _label_width(matrix, theme)
    grid_x = sp.margin + label_w + sp.label_gap
    columns, bands = place_columns(_plans(matrix, theme), grid_x, theme)
    ctx = MapContext(
        journey,
        theme,
        options.id_prefix,
        matrix.visible,
        tuple(columns),
        tuple(bands),
        (),
        funnel(journey),
    )
    steps = len(columns)
    heading_w = text_width(COVERAGE_HEADING, type_.row_label_size, True)
    coverage_w = max(heading_w, text_width(coverage_text(steps, steps), type_.card_size, True))
    coverage_w += 2 * sp.padding
    grid_right = columns[-1].right if columns else grid_x
    table = _Table(ctx, label_w, grid_right + sp.gutter, coverage_w)
    entries = legend_entries(ctx, matrix)
    table_w = table.right - sp.margin
    title_need = text_width(journey.title or "", type_.title_size, True)
    need = max(title_need, entries_need(ctx, entries))
    content_w = max(table_w, min(need, max(table_w, sp.min_header_width)))
    items: list[Item] = []
    y = sp.margin
    drawn, h = header(ctx, sp.margin, y, content_w)
    if drawn:
        items.extend(drawn)
        y += h + sp.section_gap
    if columns:
        if has_bands(ctx):
            drawn, h = stage_bands(ctx, y)
            items.extend(drawn)
            y += h + sp.row_gap
        step_row = actions(ctx, y)
        assert step_row is not None  # there are columns, so there are step cards
        items.extend(step_row.items)
        heads: list[Shape] = []
        for text, x, anchor in (
            ("Touchpoints", sp.margin, "start"),
            (COVERAGE_HEADING, table.coverage_x + coverage_w / 2, "middle"),
        ):
            para = Para(text, type_.row_label_size, palette.text, bold=True)
            bottom = y + step_row.height - sp.padding - line_height(para.size)
            heads.append(text_at(para, (text,), x, bottom, anchor))
        items.append(Group(ctx.id("headings"), tuple(heads)))
        y += step_row.height + sp.row_gap
        drawn, h = _body(table, matrix, y)
        items.extend(drawn)
        y += h
        y += sp.section_gap
    drawn, h = place_entries(ctx, entries, sp.margin, y, content_w)
    items.extend(drawn)
    y += h
    hatched = any_hatched(tuple(items))
    return Scene(
        width=content_w + 2 * sp.margin,
        height=y + sp.margin,
        background=palette.background,
        font_family=type_.font_family,
        title=journey.title or "Touchpoint matrix",
        description=summary(journey, matrix),
        id_prefix=options.id_prefix,
        items=tuple(items),
        hatch=Hatch(ctx.id("hatch"), palette.hatch, theme.lines.hatch_spacing, theme.lines.hatch)
        if hatched
        else None,
    )
