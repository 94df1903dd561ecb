"""The map's funnel row: one bar per counted stage, widths proportional to the count.

Bars share one height; each stage's count, its conversion from the previous
counted stage, the biggest drop-off and a rise (re-entry) are written under
its bar, so none of them is told by the bar alone (LANGUAGE.md section 5).
"""

from journeymap.layout.boxes import Para, text_at, wrap
from journeymap.layout.map_context import MapContext, Row
from journeymap.layout.map_model import percent
from journeymap.layout.scene import Group, Item, Rect, Shape
from journeymap.layout.text import line_height


def funnel_words(ctx: MapContext, position: int, count: int) -> str:
    """`3,000 · 25% of previous · biggest drop-off`, or `… · re-entry` for a rise."""
    parts = [f"{count:,}"]
    rate = ctx.funnel.stage_rate.get(position)
    if rate is not None:
        parts.append(f"{percent(rate)} of previous")
        if position == ctx.funnel.biggest_drop:
            parts.append("biggest drop-off")
        elif rate > 1:
            parts.append("re-entry")
    return " · ".join(parts)


def funnel_row(ctx: MapContext, y: float) -> Row | None:
    """Drawn when at least two stages have a count; None otherwise."""
    counts = [stage.count for stage in ctx.journey.stages]
    known = [c for c in counts if c is not None]
    if len(known) < 2 or max(known) <= 0:
        return None
    theme = ctx.theme
    palette, sp, size = theme.palette, theme.spacing, theme.typography.note_size
    bar_h = line_height(size)
    items: list[Item] = []
    height = 0.0
    for band in ctx.bands:
        count = counts[band.position] if band.position < len(counts) else None
        if count is None:
            continue
        width = max(band.width * count / max(known), theme.lines.card * 2)
        drop = band.position == ctx.funnel.biggest_drop
        bar = Rect(
            band.x, y, width, bar_h, palette.fail if drop else palette.neutral_line, None, 0.0
        )
        words = Para(funnel_words(ctx, band.position, count), size, palette.text)
        lines = wrap(words, band.width)
        top = y + bar_h + sp.paragraph_gap
        # The words first: the group is not a card (its bar holds no text).
        shapes: list[Shape] = [text_at(words, lines, band.x, top), bar]
        stage_id = band.stage.id if band.stage.id else f"stage.{band.position + 1}"
        items.append(Group(ctx.id("funnel", stage_id), tuple(shapes)))
        height = max(height, top + len(lines) * line_height(size) - y)
    return Row("funnel", "Funnel", tuple(items), height, 0.0) if items else None
