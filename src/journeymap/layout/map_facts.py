"""The map's lower rows: opportunities, owners and metrics.

Stage-level opportunities and metrics sit in a card spanning the stage's
columns at the top of the row; the steps' cards stack below it.
"""

from __future__ import annotations

from journeymap.layout import glyphs
from journeymap.layout.boxes import Card, Para, badge, badge_height, draw_card, text_at
from journeymap.layout.map_context import MapContext, Row
from journeymap.layout.map_model import percent
from journeymap.layout.map_rows import extent, stack
from journeymap.layout.scene import Group, Item, Shape
from journeymap.layout.text import line_height, text_width
from journeymap.model.journey import LANES, Opportunity


def _spanning(
    ctx: MapContext, y: float, key: str, cards: dict[int, list[Card]]
) -> tuple[list[Item], dict[int, float]]:
    """Stage-wide cards per band: their items and the height each band uses."""
    items: list[Item] = []
    used: dict[int, float] = {}
    for index, band in enumerate(ctx.bands):
        top = y
        shapes: list[Shape] = []
        for card in cards.get(index, []):
            drawn, h = draw_card(card, band.x, top, band.width, None, ctx.theme)
            shapes.extend(drawn)
            top += h + ctx.theme.spacing.card_gap
        if shapes:
            stage_id = band.stage.id if band.stage.id else f"stage.{band.position + 1}"
            items.append(Group(ctx.id(key, stage_id), tuple(shapes)))
            used[index] = top - y
    return items, used


def _footer_layout(ctx: MapContext, opp: Opportunity, inner: float) -> tuple[bool, float]:
    """(priority and owner on one line?, footer height) for an opportunity card."""
    theme = ctx.theme
    size = theme.typography.note_size
    owner_h = badge_height(ctx.team_name(opp.owner), inner, theme) if opp.owner else 0.0
    prio_w = (
        (theme.spacing.glyph_size + theme.spacing.badge_padding + text_width(opp.priority, size))
        if opp.priority
        else 0.0
    )
    prio_h = line_height(size) if opp.priority else 0.0
    owner_w = (
        text_width(ctx.team_name(opp.owner), size) + 2 * theme.spacing.badge_padding
        if opp.owner
        else 0.0
    )
    one_line = prio_w + theme.spacing.badge_padding * 2 + owner_w <= inner
    if one_line:
        return True, max(owner_h, prio_h)
    return False, owner_h + prio_h + theme.spacing.paragraph_gap


def _opportunity_card(ctx: MapContext, opp: Opportunity, width: float) -> tuple[Card, bool]:
    """The card, and whether its footer (priority and owner) fits on one line."""
    theme = ctx.theme
    palette = theme.palette
    inner = width - 2 * theme.spacing.padding - theme.spacing.accent_width
    one_line, footer = (
        _footer_layout(ctx, opp, inner) if (opp.owner or opp.priority) else (True, 0.0)
    )
    card = Card(
        (Para(opp.text, theme.typography.card_size, palette.text),),
        palette.opportunity_fill,
        accent=palette.opportunity,
        dash=theme.lines.assumption_dash if opp.assumption else (),
        stroke=palette.opportunity if opp.assumption else None,
        stroke_width=theme.lines.card if opp.assumption else 0.0,
        hatch=opp.assumption,
        footer=footer,
    )
    return card, one_line


def _draw_opportunity(
    ctx: MapContext, opp: Opportunity, x: float, y: float, width: float
) -> tuple[list[Shape], float]:
    theme = ctx.theme
    sp, size = theme.spacing, theme.typography.note_size
    card, one_line = _opportunity_card(ctx, opp, width)
    shapes, height = draw_card(card, x, y, width, None, theme)
    if not card.footer:
        return shapes, height
    inner = width - 2 * sp.padding - sp.accent_width
    left = x + sp.padding + sp.accent_width
    top = y + height - sp.padding - card.footer
    cursor = left
    if opp.priority:
        mid = top + line_height(size) / 2
        shapes.extend(
            glyphs.priority(
                opp.priority,
                cursor + sp.glyph_size / 2,
                mid,
                sp.glyph_size * 0.8,
                theme.palette.text,
                theme.lines.glyph,
            )
        )
        label_x = cursor + sp.glyph_size + sp.badge_padding / 2
        word = Para(opp.priority, size, theme.palette.text)
        shapes.append(text_at(word, (opp.priority,), label_x, top))
        if one_line:
            cursor = label_x + text_width(opp.priority, size) + sp.badge_padding * 2
        else:
            top += line_height(size) + sp.paragraph_gap
    if opp.owner:
        pill, _, _ = badge(ctx.team_name(opp.owner), cursor, top, left + inner - cursor, theme)
        shapes.extend(pill)
    return shapes, height


def opportunities(ctx: MapContext, y: float) -> Row | None:
    theme = ctx.theme
    items: list[Item] = []
    used: dict[int, float] = {}
    height = 0.0
    for index, band in enumerate(ctx.bands):
        top = y
        shapes: list[Shape] = []
        for opp in band.stage.opportunities:
            drawn, h = _draw_opportunity(ctx, opp, band.x, top, band.width)
            shapes.extend(drawn)
            top += h + theme.spacing.card_gap
        if shapes:
            stage_id = band.stage.id if band.stage.id else f"stage.{band.position + 1}"
            items.append(Group(ctx.id("opportunities", stage_id), tuple(shapes)))
            used[index] = top - y
            height = max(height, top - theme.spacing.card_gap - y)
    for col in ctx.columns:
        top = y + used.get(col.band, 0.0)
        shapes = []
        for opp in col.step.opportunities:
            drawn, h = _draw_opportunity(ctx, opp, col.x, top, col.width)
            shapes.extend(drawn)
            top += h + theme.spacing.card_gap
        if shapes:
            items.append(Group(ctx.id("opportunities", col.step.id), tuple(shapes)))
            height = max(height, top - theme.spacing.card_gap - y)
    return Row("opportunities", "Opportunities", tuple(items), height) if items else None


def owners(ctx: MapContext, y: float) -> Row | None:
    """Teams owning the step's touchpoints and service-blueprint items, as pills."""
    theme = ctx.theme
    items: list[Item] = []
    height = 0.0
    for col in ctx.columns:
        step = col.step
        found: list[str] = []
        lane_owners = [
            item.owner
            for lane in (step.lanes.frontstage, step.lanes.backstage, step.lanes.support)
            for item in lane
        ]
        for owner in [tp.owner for tp in step.touchpoints] + lane_owners:
            if owner and owner not in found:
                found.append(owner)
        if not found:
            continue
        shapes: list[Shape] = []
        top = y
        for team in found:
            pill, _, h = badge(ctx.team_name(team), col.x, top, col.width, theme)
            shapes.extend(pill)
            top += h + theme.spacing.paragraph_gap
        items.append(Group(ctx.id("owners", step.id), tuple(shapes)))
        height = max(height, top - theme.spacing.paragraph_gap - y)
    if not items:
        return None
    # Pills have half a badge padding above their text; the label lines up with it.
    return Row("owners", "Owners", tuple(items), height, theme.spacing.badge_padding / 2)


def _metric_card(ctx: MapContext, lines: list[str]) -> Card:
    palette, size = ctx.theme.palette, ctx.theme.typography.card_size
    return Card(
        tuple(Para(line, size, palette.text) for line in lines),
        palette.surface,
        palette.border,
        ctx.theme.lines.card,
    )


def metrics(ctx: MapContext, y: float) -> Row | None:
    stage_cards: dict[int, list[Card]] = {}
    for index, band in enumerate(ctx.bands):
        if band.stage.metrics:
            stage_cards[index] = [_metric_card(ctx, [f"{k}: {v}" for k, v in band.stage.metrics])]
    items, used = _spanning(ctx, y, "metrics", stage_cards)
    height = max(used.values(), default=0.0) - (ctx.theme.spacing.card_gap if used else 0.0)
    for col in ctx.columns:
        step = col.step
        lines = []
        if step.count is not None:
            rate = ctx.funnel.step_rate.get(step.id)
            lines.append(f"{step.count:,} reached" + (f" · {percent(rate)}" if rate else ""))
        lines.extend(f"{k}: {v}" for k, v in step.metrics)
        # The blueprint's times, so the map does not lose them: what takes how long.
        for lane in LANES:
            for item in step.lanes.lane(lane):
                if item.duration:
                    lines.append(f"{item.text}: takes {item.duration}")
                if item.wait:
                    lines.append(f"{item.text}: wait {item.wait}")
        if not lines:
            continue
        top = y + used.get(col.band, 0.0)
        shapes, placed = stack(ctx, col, top, [_metric_card(ctx, lines)])
        items.append(Group(ctx.id("metrics", step.id), tuple(shapes)))
        height = max(height, extent(placed, y))
    return Row("metrics", "Metrics", tuple(items), height) if items else None
