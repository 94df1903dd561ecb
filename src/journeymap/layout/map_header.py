"""The map's header (title, description, scenario, expectations) and persona cards."""

from __future__ import annotations

from journeymap.layout import glyphs
from journeymap.layout.boxes import Card, Para, card_height, draw_card, text_at, wrap
from journeymap.layout.map_context import MapContext
from journeymap.layout.map_model import persona_style
from journeymap.layout.scene import Group, Item, Shape
from journeymap.layout.text import line_height, text_width
from journeymap.model.journey import Persona


def header(ctx: MapContext, x: float, y: float, width: float) -> tuple[list[Item], float]:
    """Title and context paragraphs from (x, y), wrapped to `width`; items and height."""
    journey, theme = ctx.journey, ctx.theme
    palette, type_ = theme.palette, theme.typography
    paras: list[Para] = []
    if journey.title:
        paras.append(Para(journey.title, type_.title_size, palette.text, bold=True))
    if journey.description:
        paras.append(Para(journey.description, type_.subtitle_size, palette.text))
    if journey.scenario:
        paras.append(Para(f"Scenario: {journey.scenario}", type_.header_size, palette.muted))
    if journey.expectations:
        expects = " · ".join(journey.expectations)
        paras.append(Para(f"Expects: {expects}", type_.header_size, palette.muted))
    paras.extend(Para(note, type_.note_size, palette.muted) for note in journey.notes)
    shapes: list[Shape] = []
    top = y
    for para in paras:
        lines = wrap(para, width)
        shapes.append(text_at(para, lines, x, top))
        top += len(lines) * line_height(para.size) + theme.spacing.header_gap
    if not shapes:
        return [], 0.0
    return [Group(ctx.id("header"), tuple(shapes))], top - theme.spacing.header_gap - y


def _persona_card(ctx: MapContext, persona: Persona) -> Card:
    theme = ctx.theme
    palette, type_ = theme.palette, theme.typography
    size = type_.card_size
    paras = [Para(persona.name, type_.card_title_size, palette.text, bold=True)]
    paras.extend(Para(role, size, palette.muted) for role in persona.role)
    for word, values in (
        ("Goal", persona.goal),
        ("Need", persona.need),
        ("Frustration", persona.frustration),
    ):
        paras.extend(Para(f"{word}: {value}", size, palette.text) for value in values)
    paras.extend(Para(f"“{quote}”", size, palette.text, italic=True) for quote in persona.quote)
    return Card(
        tuple(paras),
        palette.surface,
        palette.border,
        theme.lines.card,
        indent=theme.spacing.marker_size + theme.spacing.badge_padding,
    )


def _bare(persona: Persona) -> bool:
    """A persona with nothing but a name: drawn as a name tag, not an empty card."""
    return not (
        persona.role or persona.goal or persona.need or persona.frustration or persona.quote
    )


def _tag_width(ctx: MapContext, persona: Persona) -> float:
    sp = ctx.theme.spacing
    indent = sp.marker_size + sp.badge_padding
    name = text_width(persona.name, ctx.theme.typography.card_title_size, True)
    return min(sp.persona_card_width, name + 2 * sp.padding + indent + 1)


def personas_need(ctx: MapContext) -> float:
    """The width of the persona cards and tags on one line."""
    sp = ctx.theme.spacing
    shown = [p for p in ctx.journey.personas if p.id in ctx.visible.personas]
    widths = [_tag_width(ctx, p) if _bare(p) else sp.persona_card_width for p in shown]
    return sum(widths) + sp.persona_gap * max(0, len(widths) - 1)


def persona_cards(ctx: MapContext, x: float, y: float, width: float) -> tuple[list[Item], float]:
    """The drawn personas' cards (a compact name tag for a persona with nothing but a name),
    flowing in rows; the marker shows their curve."""
    theme = ctx.theme
    sp = theme.spacing
    shown = [p for p in ctx.journey.personas if p.id in ctx.visible.personas]
    if not shown:
        return [], 0.0
    card_w = min(sp.persona_card_width, width)
    title_size = theme.typography.card_title_size
    sized: list[tuple[Persona, Card, float]] = []
    for persona in shown:
        card = _persona_card(ctx, persona)
        if _bare(persona):
            sized.append((persona, card, min(card_w, _tag_width(ctx, persona))))
        else:
            sized.append((persona, card, card_w))
    rows: list[list[tuple[Persona, Card, float]]] = [[]]
    used = 0.0
    for entry in sized:
        if rows[-1] and used + sp.persona_gap + entry[2] > width:
            rows.append([])
            used = 0.0
        used += (sp.persona_gap if rows[-1] else 0.0) + entry[2]
        rows[-1].append(entry)
    items: list[Item] = []
    top = y
    for row in rows:
        height = max(card_height(card, w, theme) for _, card, w in row)
        cx = x
        for persona, card, w in row:
            # A full card takes the row's height; a name tag keeps its own.
            shapes, _ = draw_card(card, cx, top, w, None if _bare(persona) else height, theme)
            colour, mark = persona_style(ctx.journey, persona.id, theme)
            mx = cx + sp.padding + sp.marker_size / 2
            my = top + sp.padding + line_height(title_size) / 2
            marker = glyphs.marker(mark, mx, my, sp.marker_size, colour, colour, theme.lines.glyph)
            shapes.extend(marker)
            items.append(Group(ctx.id("persona", persona.id), tuple(shapes)))
            cx += w + sp.persona_gap
        top += height + sp.persona_gap
    return items, top - sp.persona_gap - y
