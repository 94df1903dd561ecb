"""The map's legend (only the marks the map uses) and its text summary for <desc>."""

from __future__ import annotations

from collections.abc import Callable

from journeymap.layout import glyphs
from journeymap.layout.boxes import Para, text_at, wrap
from journeymap.layout.map_context import MapContext, step_channels
from journeymap.layout.map_model import CurveStyle, emotion_points, percent
from journeymap.layout.map_rows import touchpoint_kind
from journeymap.layout.map_targets import verdict_colour
from journeymap.layout.scene import Group, Item, Line, Rect, Shape
from journeymap.layout.stages import breaks_text, zigzag
from journeymap.layout.text import line_height, text_width
from journeymap.model.targets import MET, MISSED, NO_DATA, judge

Sample = Callable[[float, float], list[Shape]]
"""Draws a legend sample given its left edge and vertical centre."""


def channel_switches(ctx: MapContext) -> list[int]:
    """Column indexes whose step uses none of the previous step's channels."""
    out = []
    previous: tuple[str, ...] = ()
    for index, col in enumerate(ctx.columns):
        channels = step_channels(col.step)
        if ctx.visible.breaks and ctx.break_before(index):
            previous = ()  # steps were left out here: no switch is claimed across a break
        if index and previous and channels and not set(previous) & set(channels):
            out.append(index)
        previous = channels or previous
    return out


def _curve_sample(ctx: MapContext, style: CurveStyle, width: float) -> Sample:
    theme = ctx.theme

    def draw(x: float, cy: float) -> list[Shape]:
        fill = style.colour if style.filled else theme.palette.background
        return [
            Line(x, cy, x + width, cy, style.colour, theme.lines.curve, style.dash),
            *glyphs.marker(
                style.marker,
                x + width / 2,
                cy,
                theme.spacing.marker_size,
                fill,
                style.colour,
                theme.lines.glyph,
            ),
        ]

    return draw


def _kind_sample(ctx: MapContext, kind: str) -> Sample:
    theme = ctx.theme
    g = theme.spacing.glyph_size

    def draw(x: float, cy: float) -> list[Shape]:
        return list(glyphs.kind(kind, x + g / 2, cy, g, theme.palette.text, theme.lines.glyph))

    return draw


def _priority_sample(ctx: MapContext, level: str) -> Sample:
    theme = ctx.theme
    g = theme.spacing.glyph_size

    def draw(x: float, cy: float) -> list[Shape]:
        return list(
            glyphs.priority(level, x + g / 2, cy, g * 0.8, theme.palette.text, theme.lines.glyph)
        )

    return draw


def target_entries(ctx: MapContext) -> list[Entry]:
    """One entry per verdict the drawn stages and steps show (the map and the blueprint)."""
    g = ctx.theme.spacing.glyph_size
    shown = {id(t) for b in ctx.bands for t in b.stage.targets} | {
        id(t) for c in ctx.columns for t in c.step.targets
    }
    states = {j.state for j in judge(ctx.journey) if id(j.target) in shown}
    return [
        (g, _verdict_sample(ctx, state), f"target {state}")
        for state in (MET, MISSED, NO_DATA)
        if state in states
    ]


def _verdict_sample(ctx: MapContext, state: str) -> Sample:
    theme, g = ctx.theme, ctx.theme.spacing.glyph_size
    colour = verdict_colour(state, theme)

    def draw(x: float, cy: float) -> list[Shape]:
        return list(
            glyphs.verdict(
                state, x + g / 2, cy, g, colour, theme.palette.background, theme.lines.glyph
            )
        )

    return draw


def swatch(ctx: MapContext, width: float, dash: tuple[float, ...], hatch: bool) -> Sample:
    """A small card outline: a touchpoint tier, or (hatched) an assumption."""
    theme = ctx.theme
    g = theme.spacing.glyph_size
    stroke = theme.palette.border if hatch else theme.palette.strong_border

    def draw(x: float, cy: float) -> list[Shape]:
        return [
            Rect(
                x,
                cy - g / 2,
                g * 2,
                g,
                theme.palette.surface,
                stroke,
                width,
                theme.spacing.radius / 2,
                dash,
                hatch,
            )
        ]

    return draw


def _entries(ctx: MapContext) -> list[Entry]:
    theme = ctx.theme
    palette, lines, g = theme.palette, theme.lines, theme.spacing.glyph_size
    steps = [col.step for col in ctx.columns]
    out: list[Entry] = []
    for style in ctx.curves:
        out.append((g * 2.5, _curve_sample(ctx, style, g * 2.5), style.name))
    if any(s.moment_of_truth for s in steps):
        out.append(
            (
                g,
                lambda x, cy: list(glyphs.star(x + g / 2, cy, g, palette.moment)),
                "moment of truth",
            )
        )
    if any(s.fail_point for s in steps):
        out.append(
            (
                g,
                lambda x, cy: list(
                    glyphs.warning(x + g / 2, cy, g, palette.fail, palette.background)
                ),
                "fail point",
            )
        )
    out.extend(target_entries(ctx))
    if ctx.visible.breaks:
        out.append(
            (
                g,
                lambda x, cy: [zigzag(x + g / 2, cy - g / 2, cy + g / 2, theme, 5.0)],
                "stages left out",
            )
        )
    if channel_switches(ctx):
        out.append(
            (
                g,
                lambda x, cy: list(glyphs.switch(x + g / 2, cy, g, palette.switch, lines.glyph)),
                "channel switch",
            )
        )
    tps = [tp for s in steps for tp in s.touchpoints]
    kinds = {touchpoint_kind(ctx, tp) for tp in tps}
    out.extend((g, _kind_sample(ctx, k), k) for k in ("digital", "physical", "human") if k in kinds)
    tiers = {tp.tier for tp in tps}
    for tier, width, dash in (
        ("primary", lines.tier_primary, ()),
        ("secondary", lines.tier_secondary, ()),
        ("tertiary", lines.tier_tertiary, lines.tertiary_dash),
    ):
        if tier in tiers:
            out.append((g * 2, swatch(ctx, width, dash, False), f"{tier} touchpoint"))
    opps = [o for s in steps for o in s.opportunities] + [
        o for b in ctx.bands for o in b.stage.opportunities
    ]
    for level in ("high", "medium", "low"):
        if any(o.priority == level for o in opps):
            out.append((g, _priority_sample(ctx, level), f"{level} priority"))
    flagged = (
        any(s.assumption for s in steps)
        or any(tp.assumption for tp in tps)
        or any(o.assumption for o in opps)
    )
    if flagged:
        out.append(
            (
                g * 2,
                swatch(ctx, lines.card, lines.assumption_dash, True),
                "assumption (not yet researched)",
            )
        )
    return out


Entry = tuple[float, Sample, str]
"""A legend entry: sample width, sample drawing, label."""


def legend_need(ctx: MapContext) -> float:
    """The legend's width on one line."""
    return entries_need(ctx, _entries(ctx))


def legend(ctx: MapContext, x: float, y: float, width: float) -> tuple[list[Item], float]:
    """Legend entries flowing left to right from (x, y), wrapping at `width`; then the
    channels' notes, one paragraph each (written, so drawn)."""
    items, height = place_entries(ctx, _entries(ctx), x, y, width)
    theme = ctx.theme
    size = theme.typography.note_size
    shapes: list[Shape] = []
    top = y + height + (theme.spacing.paragraph_gap if height else 0.0)
    for channel in ctx.journey.channels:
        for note in channel.notes:
            para = Para(f"{channel.name}: {note}", size, theme.palette.text)
            lines = wrap(para, width)
            shapes.append(text_at(para, lines, x, top))
            top += len(lines) * line_height(size) + theme.spacing.paragraph_gap
    if not shapes:
        return items, height
    items.append(Group(ctx.id("channel-notes"), tuple(shapes)))
    return items, top - theme.spacing.paragraph_gap - y


def entries_need(ctx: MapContext, entries: list[Entry]) -> float:
    """The width of `entries` set on one line after the heading."""
    theme = ctx.theme
    size, sp = theme.typography.note_size, theme.spacing
    if not entries:
        return 0.0
    width = text_width("Legend", size, bold=True)
    for sample_w, _, label in entries:
        width += sp.legend_gap + sample_w + sp.badge_padding + text_width(label, size)
    return width


def place_entries(
    ctx: MapContext, entries: list[Entry], x: float, y: float, width: float
) -> tuple[list[Item], float]:
    """`entries` flowing left to right from (x, y) after a heading, wrapping at `width`."""
    theme = ctx.theme
    size = theme.typography.note_size
    sp = theme.spacing
    row_h = max(line_height(size), sp.glyph_size)
    if not entries:
        return [], 0.0
    shapes: list[Shape] = []
    heading = Para("Legend", size, theme.palette.text, bold=True)
    shapes.append(text_at(heading, ("Legend",), x, y + (row_h - line_height(size)) / 2))
    cursor = x + text_width("Legend", size, bold=True) + sp.legend_gap
    top = y
    for sample_w, draw, label in entries:
        need = sample_w + sp.badge_padding + text_width(label, size)
        if cursor + need > x + width and cursor > x:
            cursor, top = x, top + row_h + sp.paragraph_gap
        shapes.extend(draw(cursor, top + row_h / 2))
        para = Para(label, size, theme.palette.text)
        shapes.append(
            text_at(
                para,
                (label,),
                cursor + sample_w + sp.badge_padding,
                top + (row_h - line_height(size)) / 2,
            )
        )
        cursor += need + sp.legend_gap
    return [Group(ctx.id("legend"), tuple(shapes))], top + row_h - y


def summary(ctx: MapContext) -> str:
    """A plain-text description of the map for screen readers (<desc>)."""
    journey = ctx.journey
    parts = [f"Journey map: {journey.title or 'untitled journey'}."]
    stages = []
    for band in ctx.bands:
        n = band.last - band.first + 1
        name = band.stage.name or "Steps"
        count = f", {band.stage.count:,} customers" if band.stage.count is not None else ""
        stages.append(f"{name} ({n} step{'s' if n != 1 else ''}{count})")
    parts.append("Stages: " + "; ".join(stages) + ".")
    shown = [p.name for p in journey.personas if p.id in ctx.visible.personas]
    if shown:
        parts.append("Personas: " + ", ".join(shown) + ".")
    steps = [col.step for col in ctx.columns]
    moments = [s.name for s in steps if s.moment_of_truth]
    if moments:
        parts.append("Moments of truth: " + "; ".join(moments) + ".")
    fails = [s.name for s in steps if s.fail_point]
    if fails:
        parts.append("Fail points: " + "; ".join(fails) + ".")
    lows = [
        (e.score, s.name, e.label)
        for s in steps
        for e in emotion_points(s, journey, ctx.visible).values()
    ]
    if lows:
        score, name, label = min(lows, key=lambda t: t[0])
        parts.append(f"Lowest emotion: {score:+d}{f' {label}' if label else ''} at {name}.")
    if ctx.visible.breaks:
        parts.append(breaks_text(ctx))
    drop = ctx.funnel.biggest_drop
    if drop is not None:
        stage = journey.stages[drop]
        rate = ctx.funnel.stage_rate[drop]
        parts.append(
            f"Biggest drop-off: {stage.name or 'a stage'}, {percent(rate)} of the previous stage."
        )
    pains = sum(len(s.pains) for s in steps)
    opps = sum(len(s.opportunities) for s in steps)
    parts.append(
        f"{pains} pain point{'s' if pains != 1 else ''}, "
        f"{opps} opportunit{'ies' if opps != 1 else 'y'}."
    )
    return " ".join(parts)
