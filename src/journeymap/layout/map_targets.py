"""The map's targets row: each stage's and step's targets beside it, met, missed or no data.

A verdict is told three ways, never by colour alone: the glyph's shape (a
circle with a tick, a downward triangle with a cross, a hollow square), its
colour, and the word on the card.
"""

from journeymap.layout import glyphs
from journeymap.layout.boxes import Card, Para, draw_card
from journeymap.layout.map_context import MapContext, Row
from journeymap.layout.scene import Group, Item, Shape
from journeymap.layout.text import line_height
from journeymap.layout.themes import Theme
from journeymap.model.journey import Target
from journeymap.model.targets import MET, MISSED, Judged, format_number, judge

_OPS = {">=": "\u2265", "<=": "\u2264", ">": ">", "<": "<"}


def verdict_colour(state: str, theme: Theme) -> str:
    """Met in the delight colour, missed in the fail colour, no data muted."""
    palette = theme.palette
    return palette.delight if state == MET else palette.fail if state == MISSED else palette.muted


def target_text(judged: Judged) -> str:
    """`count ≥ 10,000 · 12,000 · met`; without data, `nps ≥ 50 · no data`.

    >>> from journeymap.model.journey import Target
    >>> target_text(Judged(Target("count", ">=", 10000.0), "s", 12000.0, "met"))
    'count ≥ 10,000 · 12,000 · met'
    >>> target_text(Judged(Target("nps", ">=", 50.0), "s", None, "no data"))
    'nps ≥ 50 · no data'
    """
    target = judged.target
    wanted = f"{target.name} {_OPS.get(target.op, target.op)} {_number(target.value)}"
    if judged.actual is None:
        return f"{wanted} · {judged.state}"
    return f"{wanted} · {_number(judged.actual)} · {judged.state}"


def _number(value: float) -> str:
    text = format_number(value)
    return f"{int(value):,}" if text.lstrip("-").isdigit() else text


def _draw(
    ctx: MapContext, judged: Judged, x: float, y: float, width: float
) -> tuple[list[Shape], float]:
    theme = ctx.theme
    sp, size = theme.spacing, theme.typography.note_size
    colour = verdict_colour(judged.state, theme)
    card = Card(
        (Para(target_text(judged), size, theme.palette.text),),
        theme.palette.surface,
        colour,
        theme.lines.card,
        () if judged.state in (MET, MISSED) else theme.lines.tertiary_dash,
        indent=sp.glyph_size + sp.badge_padding,
    )
    shapes, height = draw_card(card, x, y, width, None, theme)
    cx = x + sp.padding + sp.glyph_size / 2
    cy = y + sp.padding + line_height(size) / 2
    shapes.extend(
        glyphs.verdict(
            judged.state, cx, cy, sp.glyph_size, colour, theme.palette.surface, theme.lines.glyph
        )
    )
    return shapes, height


def _stack(
    ctx: MapContext, found: list[Judged], x: float, y: float, width: float
) -> tuple[list[Shape], float]:
    shapes: list[Shape] = []
    top = y
    for judged in found:
        drawn, h = _draw(ctx, judged, x, top, width)
        shapes.extend(drawn)
        top += h + ctx.theme.spacing.card_gap
    return shapes, top - y


def targets(ctx: MapContext, y: float) -> Row | None:
    """A stage's targets span its columns at the top of the row; each step's stack below."""
    verdicts: dict[int, Judged] = {id(j.target): j for j in judge(ctx.journey)}

    def of(found: tuple[Target, ...]) -> list[Judged]:
        return [verdicts[id(t)] for t in found if id(t) in verdicts]

    items: list[Item] = []
    used: dict[int, float] = {}
    height = 0.0
    for index, band in enumerate(ctx.bands):
        found = of(band.stage.targets)
        if not found:
            continue
        shapes, used[index] = _stack(ctx, found, band.x, y, band.width)
        stage_id = band.stage.id if band.stage.id else f"stage.{band.position + 1}"
        items.append(Group(ctx.id("targets", stage_id), tuple(shapes)))
        height = max(height, used[index] - ctx.theme.spacing.card_gap)
    for col in ctx.columns:
        found = of(col.step.targets)
        if not found:
            continue
        top = y + used.get(col.band, 0.0)
        shapes, h = _stack(ctx, found, col.x, top, col.width)
        items.append(Group(ctx.id("targets", col.step.id), tuple(shapes)))
        height = max(height, top + h - ctx.theme.spacing.card_gap - y)
    return Row("targets", "Targets", tuple(items), height) if items else None
