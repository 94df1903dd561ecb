"""Journey map layout: model + theme + view options -> Scene.

Top to bottom: header, persona cards, stage bands, then the rows (actions,
touchpoints, thinking, emotion, pain points, delights, opportunities, owners,
metrics, notes; a row nobody fills is left out) and the legend. Columns come
from measured text (see grid.py); every number and colour is the theme's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from journeymap.layout import glyphs
from journeymap.layout.boxes import Para, text_at, wrap
from journeymap.layout.grid import StagePlan, label_column_width, place_columns
from journeymap.layout.map_context import MapContext, Row
from journeymap.layout.map_emotion import emotion, scale
from journeymap.layout.map_facts import metrics, opportunities, owners
from journeymap.layout.map_header import header, persona_cards
from journeymap.layout.map_legend import legend, legend_need, summary
from journeymap.layout.map_model import Visible, curve_styles, funnel, narrow, percent
from journeymap.layout.map_rows import (
    actions,
    delights,
    notes,
    pains,
    simple_row,
    thoughts,
    touchpoints,
)
from journeymap.layout.text import line_height, longest_word_width, text_width
from journeymap.model import Journey, Step
from journeymap.scene import Group, Hatch, Item, Line, Rect, Scene, Shape, walk
from journeymap.themes import Theme

RowBuilder = Callable[[MapContext, float], Row | None]

ROWS: tuple[tuple[str, RowBuilder], ...] = (
    ("Actions", actions),
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


@dataclass(frozen=True, slots=True)
class MapOptions:
    personas: tuple[str, ...] | None = None
    stages: tuple[str, ...] | None = None
    id_prefix: str = "jm"


def _step_need(step: Step, theme: Theme) -> float:
    """The width the step's widest content wants when set on one line."""
    sp, type_ = theme.spacing, theme.typography
    pad = 2 * sp.padding
    flags = (int(step.moment_of_truth) + int(step.fail_point)) * (sp.glyph_size + sp.paragraph_gap)
    needs = [text_width(step.name, type_.card_title_size, True) + pad + flags]
    indent = sp.glyph_size + sp.badge_padding
    needs += [text_width(tp.label, type_.card_size) + pad + indent for tp in step.touchpoints]
    needs += [text_width(t, type_.card_size) + pad for t in step.thoughts]
    needs += [
        text_width(t, type_.card_size) + pad + sp.accent_width
        for t in (*step.pains, *step.delights)
    ]
    needs += [
        text_width(o.text, type_.card_size) + pad + sp.accent_width for o in step.opportunities
    ]
    needs += [text_width(f"{k}: {v}", type_.card_size) + pad for k, v in step.metrics]
    needs += [text_width(e.label, type_.note_size) + pad for e in step.emotions if e.label]
    return max(needs)


def _band_lines(ctx: MapContext, index: int) -> list[Para]:
    theme = ctx.theme
    band = ctx.bands[index]
    stage = band.stage
    paras = []
    if stage.name:
        paras.append(
            Para(
                stage.name.upper(), theme.typography.stage_size, theme.palette.stage_text, bold=True
            )
        )
    if stage.count is not None:
        rate = ctx.funnel.stage_rate.get(band.position)
        figure = f"{stage.count:,} customers"
        if rate is not None:
            figure += f" · {percent(rate)} of previous" + (" (re-entry)" if rate > 1 else "")
        paras.append(Para(figure, theme.typography.note_size, theme.palette.stage_text))
    if ctx.funnel.biggest_drop == band.position:
        paras.append(
            Para(
                "biggest drop-off", theme.typography.note_size, theme.palette.stage_text, bold=True
            )
        )
    return paras


def _bands(ctx: MapContext, y: float) -> tuple[list[Item], float]:
    theme = ctx.theme
    sp = theme.spacing
    tints = theme.palette.stage_tints
    laid: list[tuple[list[Para], list[tuple[str, ...]]]] = []
    height = 0.0
    for index, band in enumerate(ctx.bands):
        paras = _band_lines(ctx, index)
        indent = [
            sp.glyph_size + sp.badge_padding if p.text == "biggest drop-off" else 0.0 for p in paras
        ]
        wrapped = [
            wrap(p, band.width - 2 * sp.band_padding - i)
            for p, i in zip(paras, indent, strict=True)
        ]
        laid.append((paras, wrapped))
        content = sum(len(w) * line_height(p.size) for p, w in zip(paras, wrapped, strict=True))
        content += sp.paragraph_gap * max(0, len(paras) - 1)
        height = max(height, content + 2 * sp.band_padding)
    items: list[Item] = []
    for band, (paras, wrapped) in zip(ctx.bands, laid, strict=True):
        shapes: list[Shape] = [
            Rect(band.x, y, band.width, height, tints[band.position % len(tints)], radius=sp.radius)
        ]
        top = y + sp.band_padding
        for para, lines in zip(paras, wrapped, strict=True):
            x = band.x + sp.band_padding
            if para.text == "biggest drop-off":
                mid = top + line_height(para.size) / 2
                shapes.extend(
                    glyphs.drop(x + sp.glyph_size / 2, mid, sp.glyph_size * 0.8, theme.palette.fail)
                )
                x += sp.glyph_size + sp.badge_padding
            shapes.append(text_at(para, lines, x, top))
            top += len(lines) * line_height(para.size) + sp.paragraph_gap
        stage_id = band.stage.id if band.stage.id else f"stage.{band.position + 1}"
        items.append(Group(ctx.id("stage", stage_id), tuple(shapes)))
    return items, height


def _header_need(ctx: MapContext) -> float:
    """The width the header, persona cards and legend would take on one line each."""
    journey, theme = ctx.journey, ctx.theme
    type_, sp = theme.typography, theme.spacing
    needs = [text_width(journey.title or "", type_.title_size, True)]
    needs += [text_width(t, type_.subtitle_size) for t in (journey.description or "",)]
    needs += [text_width(f"Scenario: {journey.scenario or ''}", type_.header_size)]
    needs += [text_width("Expects: " + " · ".join(journey.expectations), type_.header_size)]
    shown = len(ctx.visible.personas)
    needs.append(shown * (sp.persona_card_width + sp.persona_gap) - sp.persona_gap)
    needs.append(legend_need(ctx))
    return max(needs)


def _plans(journey: Journey, visible: Visible, theme: Theme) -> list[StagePlan]:
    sp = theme.spacing
    plans = []
    for position, stage, steps in visible.stages:
        words = [
            longest_word_width(stage.name.upper(), theme.typography.stage_size, True)
            if stage.name
            else 0.0
        ]
        if stage.count is not None:
            words.append(
                longest_word_width(f"{stage.count:,} customers", theme.typography.note_size)
            )
        plans.append(
            StagePlan(
                stage,
                position,
                steps,
                tuple(_step_need(step, theme) for step in steps),
                max(words) + 2 * sp.band_padding,
            )
        )
    return plans


def layout_map(journey: Journey, theme: Theme, options: MapOptions | None = None) -> Scene:
    """Lay out the journey map of `journey` (narrowed by `options`) as a Scene."""
    options = options or MapOptions()
    sp, palette, type_ = theme.spacing, theme.palette, theme.typography
    visible = narrow(journey, options.personas, options.stages)
    label_w = label_column_width([label for label, _ in ROWS], type_.row_label_size, theme)
    grid_x = sp.margin + label_w + sp.label_gap
    columns, bands = place_columns(_plans(journey, visible, theme), grid_x, theme)
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
        if any(_band_lines(ctx, i) for i in range(len(bands))):
            drawn, h = _bands(ctx, y)
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
        y += sp.section_gap - sp.row_gap
    drawn, h = legend(ctx, sp.margin, y, content_w)
    items.extend(drawn)
    y += h
    hatched = any(isinstance(s, Rect) and s.hatch for s in walk(tuple(items)))
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
