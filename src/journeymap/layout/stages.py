"""Stage columns shared by the map and the blueprint: step widths and the stage bands.

Both views size their columns from the same needs (`step_need`) so the two
views of one file line up column for column, and both draw the same bands.
"""

from __future__ import annotations

from journeymap.layout import glyphs
from journeymap.layout.boxes import Para, text_at, wrap
from journeymap.layout.grid import StagePlan
from journeymap.layout.map_context import MapContext
from journeymap.layout.map_model import Visible, percent
from journeymap.layout.scene import Group, Item, Polyline, Rect, Shape
from journeymap.layout.text import line_height, longest_word_width, text_width
from journeymap.layout.themes import Theme
from journeymap.model.journey import Step

DROP_OFF = "biggest drop-off"


def step_need(step: Step, theme: Theme) -> float:
    """The width the step's widest content wants when set on one line."""
    sp, type_ = theme.spacing, theme.typography
    pad = 2 * sp.padding
    flags = (int(step.moment_of_truth) + int(step.fail_point)) * (sp.glyph_size + sp.paragraph_gap)
    name = text_width(step.name, type_.card_title_size, True) + pad + flags
    # Each kind of content only when the step has some: a blueprint's steps often
    # have none (and then the name is all there is to measure).
    if not (
        step.touchpoints
        or step.thoughts
        or step.pains
        or step.delights
        or step.opportunities
        or step.metrics
        or step.emotions
    ):
        return name
    needs = [name]
    if step.touchpoints:
        indent = sp.glyph_size + sp.badge_padding
        needs += [text_width(tp.label, type_.card_size) + pad + indent for tp in step.touchpoints]
    if step.thoughts:
        needs += [text_width(t, type_.card_size) + pad for t in step.thoughts]
    if step.pains or step.delights:
        needs += [
            text_width(t, type_.card_size) + pad + sp.accent_width
            for t in (*step.pains, *step.delights)
        ]
    if step.opportunities:
        needs += [
            text_width(o.text, type_.card_size) + pad + sp.accent_width for o in step.opportunities
        ]
    if step.metrics:
        needs += [text_width(f"{k}: {v}", type_.card_size) + pad for k, v in step.metrics]
    if step.emotions:
        needs += [text_width(e.label, type_.note_size) + pad for e in step.emotions if e.label]
    return max(needs)


def stage_plans(visible: Visible, theme: Theme) -> list[StagePlan]:
    """What `place_columns` needs for the visible stages."""
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
                tuple(step_need(step, theme) for step in steps),
                max(words) + 2 * sp.band_padding,
            )
        )
    return plans


def band_lines(ctx: MapContext, index: int) -> list[Para]:
    """The paragraphs of band `index`: name, count and conversion, drop-off flag."""
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
            Para(DROP_OFF, theme.typography.note_size, theme.palette.stage_text, bold=True)
        )
    # The stage's notes under its header: written, so drawn.
    paras.extend(
        Para(note, theme.typography.note_size, theme.palette.stage_text, italic=True)
        for note in stage.notes
    )
    return paras


def has_bands(ctx: MapContext) -> bool:
    return any(band_lines(ctx, i) for i in range(len(ctx.bands)))


def bands(ctx: MapContext, y: float) -> tuple[list[Item], float]:
    """The stage bands from `y`, all as tall as the tallest: items and height."""
    theme = ctx.theme
    sp = theme.spacing
    tints = theme.palette.stage_tints
    laid: list[tuple[list[Para], list[tuple[str, ...]]]] = []
    height = 0.0
    for index, band in enumerate(ctx.bands):
        paras = band_lines(ctx, index)
        indent = [sp.glyph_size + sp.badge_padding if p.text == DROP_OFF else 0.0 for p in paras]
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
            if para.text == DROP_OFF:
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


def zigzag(x: float, top: float, bottom: float, theme: Theme, teeth: float = 2.0) -> Polyline:
    """A torn edge from `top` to `bottom` around `x`: the mark of stages left out.

    `teeth` per glyph size: the legend's sample is short and needs them closer.
    """
    amp = theme.spacing.glyph_size / 4
    step = theme.spacing.glyph_size / teeth
    points = [(x, top)]
    y, side = top + step / 2, 1
    while y < bottom - step / 2:
        points.append((x + side * amp, y))
        y, side = y + step, -side
    points.append((x, bottom))
    return Polyline(tuple(points), theme.palette.muted, theme.lines.neutral)


def break_marks(ctx: MapContext, top: float, bottom: float) -> list[Item]:
    """A break between stages that are not adjacent, from `top` to `bottom`.

    The gap is cleared to the background (no row rule runs across it) and a
    torn edge runs down its middle; nothing else is drawn in it.
    """
    theme = ctx.theme
    inset = theme.lines.tier_primary
    out: list[Item] = []
    for index in ctx.visible.breaks:
        if not 0 < index < len(ctx.bands):
            continue
        left, right = ctx.bands[index - 1].right + inset, ctx.bands[index].x - inset
        band = ctx.bands[index]
        stage_id = band.stage.id if band.stage.id else f"stage.{band.position + 1}"
        clear = Rect(left, top, right - left, bottom - top, theme.palette.background)
        mark = zigzag((left + right) / 2, top, bottom, theme)
        out.append(Group(ctx.id("break", stage_id), (clear, mark)))
    return out


def breaks_text(ctx: MapContext) -> str:
    """The breaks said in words, for the picture's description ('' when there are none)."""
    said = []
    for index in ctx.visible.breaks:
        if 0 < index < len(ctx.bands):
            before = ctx.bands[index - 1].stage.name or "a stage"
            after = ctx.bands[index].stage.name or "a stage"
            said.append(f"Stages left out between {before} and {after}.")
    return " ".join(said)
