"""The card rows of the journey map: actions, touchpoints, thinking, pains, delights.

Each row builder takes the shared context and the row's top edge and returns
a `Row` (None when no step has content for it, so the row is left out).
Cards in a cell stack from the top; the row is as tall as its tallest cell.
"""

from __future__ import annotations

from collections.abc import Callable

from journeymap.layout import glyphs
from journeymap.layout.boxes import Card, Para, draw_card, measure_card
from journeymap.layout.grid import Column
from journeymap.layout.map_context import (
    MapContext,
    Row,
    attribute_lines,
    card_link,
    figure_line,
    other_attributes,
    step_channels,
)
from journeymap.layout.scene import Group, Item, Shape
from journeymap.layout.text import line_height
from journeymap.model.journey import Step, Touchpoint

CellCards = Callable[[MapContext, Step], list[Card]]


def stack(
    ctx: MapContext, col: Column, y: float, cards: list[Card]
) -> tuple[list[Shape], list[tuple[float, float]]]:
    """Cards stacked down a column from `y`: their shapes and (top, height) of each."""
    shapes: list[Shape] = []
    placed: list[tuple[float, float]] = []
    top = y
    for card in cards:
        drawn, height = draw_card(card, col.x, top, col.width, None, ctx.theme)
        shapes.extend(drawn)
        placed.append((top, height))
        top += height + ctx.theme.spacing.card_gap
    return shapes, placed


def extent(placed: list[tuple[float, float]], y: float) -> float:
    return max((top + h for top, h in placed), default=y) - y


def simple_row(ctx: MapContext, y: float, key: str, label: str, cards_for: CellCards) -> Row | None:
    """A row whose cells are plain card stacks."""
    items: list[Item] = []
    height = 0.0
    for col in ctx.columns:
        cards = cards_for(ctx, col.step)
        if not cards:
            continue
        shapes, placed = stack(ctx, col, y, cards)
        items.append(Group(ctx.id(key, col.step.id), tuple(shapes)))
        height = max(height, extent(placed, y))
    return Row(key, label, tuple(items), height) if items else None


def step_card(ctx: MapContext, step: Step) -> Card:
    theme = ctx.theme
    palette, type_ = theme.palette, theme.typography
    flags = int(step.moment_of_truth) + int(step.fail_point)
    paras = [Para(step.name, type_.card_title_size, palette.text, bold=True)]
    everyone = {p.id for p in ctx.journey.personas}
    if len(everyone) > 1 and step.personas and set(step.personas) != everyone:
        names = [p.name for p in ctx.journey.personas if p.id in step.personas]
        paras.append(Para("For " + ", ".join(names), type_.note_size, palette.muted))
    return Card(
        tuple(paras),
        palette.surface,
        palette.border,
        theme.lines.card,
        theme.lines.assumption_dash if step.assumption else (),
        hatch=step.assumption,
        reserve_right=flags * (theme.spacing.glyph_size + theme.spacing.paragraph_gap),
    )


def actions(ctx: MapContext, y: float) -> Row | None:
    theme = ctx.theme
    size, gap = theme.spacing.glyph_size, theme.spacing.paragraph_gap
    cards = [step_card(ctx, col.step) for col in ctx.columns]
    # Measured once: for the row's height, then to be drawn.
    measured = [
        measure_card(card, col.width, theme) for card, col in zip(cards, ctx.columns, strict=True)
    ]
    height = max(m[2] for m in measured)
    items: list[Item] = []
    for card, col, m in zip(cards, ctx.columns, measured, strict=True):
        # Step cards share the row's height: the top row of the grid reads as one band.
        shapes, _ = draw_card(card, col.x, y, col.width, height, theme, m)
        cx = col.right - theme.spacing.padding - size / 2
        cy = y + theme.spacing.padding + line_height(theme.typography.card_title_size) / 2
        if col.step.moment_of_truth:
            shapes.extend(glyphs.star(cx, cy, size, theme.palette.moment))
            cx -= size + gap
        if col.step.fail_point:
            shapes.extend(glyphs.warning(cx, cy, size, theme.palette.fail, theme.palette.surface))
        items.append(Group(ctx.id("step", col.step.id), tuple(shapes)))
    return Row("actions", "Actions", tuple(items), height)


def touchpoint_kind(ctx: MapContext, tp: Touchpoint) -> str | None:
    if tp.kind:
        return tp.kind
    channel = ctx.channel(tp.channel)
    return channel.kind if channel else None


def touchpoint_card(ctx: MapContext, tp: Touchpoint) -> Card:
    theme = ctx.theme
    palette, type_, lines = theme.palette, theme.typography, theme.lines
    paras = [Para(tp.label, type_.card_size, palette.text)]
    channel = ctx.channel(tp.channel)
    if tp.channel:
        paras.append(Para(channel.name if channel else tp.channel, type_.note_size, palette.muted))
    figures = figure_line(tp.attributes)
    if figures:
        # The measured figures on one line in the text colour: what the loop is about.
        paras.append(Para(figures, type_.note_size, palette.text))
    paras.extend(
        Para(line, type_.note_size, palette.muted)
        for line in attribute_lines(other_attributes(tp.attributes))
    )
    tier = tp.tier
    if tier == "primary":
        width = lines.tier_primary
    elif tier == "tertiary":
        width = lines.tier_tertiary
    else:
        width = lines.tier_secondary
    dash = lines.tertiary_dash if tp.tier == "tertiary" else ()
    return Card(
        tuple(paras),
        palette.surface,
        palette.strong_border,
        width,
        dash,
        hatch=tp.assumption,
        indent=theme.spacing.glyph_size + theme.spacing.badge_padding,
    )


def touchpoints(ctx: MapContext, y: float) -> Row | None:
    theme = ctx.theme
    size = theme.spacing.glyph_size
    items: list[Item] = []
    height = 0.0
    first_line = theme.spacing.padding + line_height(theme.typography.card_size) / 2
    previous: tuple[str, ...] = ()
    for index, col in enumerate(ctx.columns):
        tps = col.step.touchpoints
        channels = step_channels(col.step)
        if ctx.visible.breaks and ctx.break_before(index):
            previous = ()  # steps were left out here: no switch is claimed across a break
        if index and previous and channels and not set(previous) & set(channels):
            # Channel switch: drawn in the gutter between the two steps.
            gx = col.x - theme.spacing.gutter / 2
            # Sized to clear the heaviest card outline on either side.
            room = theme.spacing.gutter - 2 * theme.lines.tier_primary
            items.extend(
                glyphs.switch(gx, y + first_line, room, theme.palette.switch, theme.lines.glyph)
            )
        previous = channels or previous
        if not tps:
            continue
        groups: list[Item] = []
        top = y
        for n, tp in enumerate(tps):
            shapes, h = draw_card(touchpoint_card(ctx, tp), col.x, top, col.width, None, theme)
            gx = col.x + theme.spacing.padding + size / 2
            shapes.extend(
                glyphs.kind(
                    touchpoint_kind(ctx, tp),
                    gx,
                    top + first_line,
                    size,
                    theme.palette.text,
                    theme.lines.glyph,
                )
            )
            tp_id = tp.id if tp.id else f"{col.step.id}.{n + 1}"
            groups.append(Group(ctx.id("tp", tp_id), tuple(shapes), card_link(tp.attributes)))
            top += h + theme.spacing.card_gap
        height = max(height, top - theme.spacing.card_gap - y)
        items.append(Group(ctx.id("touchpoints", col.step.id), tuple(groups)))
    if not any(col.step.touchpoints for col in ctx.columns):
        return None
    return Row("touchpoints", "Touchpoints", tuple(items), height)


def thoughts(ctx: MapContext, step: Step) -> list[Card]:
    palette, size = ctx.theme.palette, ctx.theme.typography.card_size
    return [
        Card((Para(f"“{t}”", size, palette.text, italic=True),), palette.thought_fill)
        for t in step.thoughts
    ]


def pains(ctx: MapContext, step: Step) -> list[Card]:
    palette, size = ctx.theme.palette, ctx.theme.typography.card_size
    return [
        Card((Para(t, size, palette.text),), palette.pain_fill, accent=palette.pain)
        for t in step.pains
    ]


def delights(ctx: MapContext, step: Step) -> list[Card]:
    palette, size = ctx.theme.palette, ctx.theme.typography.card_size
    return [
        Card((Para(t, size, palette.text),), palette.delight_fill, accent=palette.delight)
        for t in step.delights
    ]


def notes(ctx: MapContext, step: Step) -> list[Card]:
    palette, size = ctx.theme.palette, ctx.theme.typography.note_size
    return [Card((Para(t, size, palette.muted),), None) for t in step.notes]
