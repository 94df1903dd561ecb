"""Text blocks and cards: wrapped paragraphs inside padded rounded rectangles.

Every card is measured from its wrapped text before it is placed, so a cell's
height is known exactly and no line leaves its card.
"""

from __future__ import annotations

from functools import lru_cache

from journeymap.layout.text import line_height, text_width, width_cache_clear, wrap_text
from journeymap.scene import Rect, Shape, Text, record
from journeymap.themes import Theme

CAP_HEIGHT = 0.716
"""Capital height of Liberation Sans per em: centres capitals in a line box."""


@record
class Para:
    """One paragraph of a card."""

    text: str
    size: float
    fill: str
    bold: bool = False
    italic: bool = False


@record
class Card:
    """What a card shows and how it is framed; geometry comes at placement."""

    paras: tuple[Para, ...]
    fill: str | None
    stroke: str | None = None
    stroke_width: float = 0.0
    dash: tuple[float, ...] = ()
    hatch: bool = False
    accent: str | None = None
    """Colour of a strip down the left edge (pain, delight, opportunity)."""
    indent: float = 0.0
    """Room left of the text for a glyph the caller draws."""
    reserve_right: float = 0.0
    """Room right of the first paragraph for flags the caller draws."""
    footer: float = 0.0
    """Height below the paragraphs for badges the caller draws."""


def baseline_offset(size: float) -> float:
    """From the top of a line box to the baseline, capitals centred in the box."""
    return (line_height(size) + CAP_HEIGHT * size) / 2


def wrap(para: Para, width: float) -> tuple[str, ...]:
    """`para` wrapped to `width`: cached, as views wrap each card once to measure it
    and again to draw it."""
    return _wrapped(para.text, max(width, 1.0), para.size, para.bold)


@lru_cache(maxsize=1 << 15)
def _wrapped(text: str, width: float, size: float, bold: bool) -> tuple[str, ...]:
    return tuple(wrap_text(text, width, size, bold))


def text_at(
    para: Para, lines: tuple[str, ...], x: float, top: float, anchor: str = "start"
) -> Text:
    """A Text whose first line box starts at `top`."""
    return Text(
        x,
        top + baseline_offset(para.size),
        lines,
        para.size,
        line_height(para.size),
        para.fill,
        bold=para.bold,
        italic=para.italic,
        anchor="middle" if anchor == "middle" else "end" if anchor == "end" else "start",
    )


def natural_width(para: Para) -> float:
    """The width of a paragraph set on one line."""
    return text_width(para.text, para.size, para.bold)


def _inner(card: Card, width: float, theme: Theme) -> tuple[float, float]:
    """(text x offset from the card's left, text width) for `card` at `width`."""
    pad = theme.spacing.padding
    left = pad + card.indent + (theme.spacing.accent_width if card.accent else 0.0)
    return left, width - left - pad


def _para_lines(card: Card, width: float, theme: Theme) -> list[tuple[str, ...]]:
    _, inner = _inner(card, width, theme)
    out = []
    for index, para in enumerate(card.paras):
        room = inner - (card.reserve_right if index == 0 else 0.0)
        out.append(wrap(para, room))
    return out


def _content_height(card: Card, wrapped: list[tuple[str, ...]], theme: Theme) -> float:
    height = sum(
        len(lines) * line_height(p.size) for p, lines in zip(card.paras, wrapped, strict=True)
    )
    height += theme.spacing.paragraph_gap * max(0, len(card.paras) - 1)
    if card.footer:
        height += theme.spacing.paragraph_gap + card.footer
    return height


def card_height(card: Card, width: float, theme: Theme) -> float:
    """Height of `card` at `width`: padding plus its wrapped paragraphs."""
    wrapped = _para_lines(card, width, theme)
    return 2 * theme.spacing.padding + _content_height(card, wrapped, theme)


def draw_card(
    card: Card, x: float, y: float, width: float, height: float | None, theme: Theme
) -> tuple[list[Shape], float]:
    """The card's shapes at (x, y) and its height (stretched to `height` if given)."""
    wrapped = _para_lines(card, width, theme)
    natural = 2 * theme.spacing.padding + _content_height(card, wrapped, theme)
    h = max(natural, height or 0.0)
    radius = theme.spacing.radius
    shapes: list[Shape] = []
    if card.fill or card.stroke:  # an unframed card (a note) is its text alone
        stroke, line = card.stroke, card.stroke_width
        shapes.append(Rect(x, y, width, h, card.fill, stroke, line, radius, card.dash, card.hatch))
    if card.accent:
        # A rounded bar just inside the left edge: it stays within the card's
        # outline, so no halo of accent colour shows around the corners.
        aw, inset = theme.spacing.accent_width, theme.spacing.paragraph_gap
        shapes.append(Rect(x + inset, y + inset, aw, h - 2 * inset, card.accent, radius=aw / 2))
    left, _ = _inner(card, width, theme)
    top = y + theme.spacing.padding
    for para, lines in zip(card.paras, wrapped, strict=True):
        if lines:
            shapes.append(text_at(para, lines, x + left, top))
        top += len(lines) * line_height(para.size) + theme.spacing.paragraph_gap
    return shapes, h


def badge(
    text: str, x: float, y: float, max_width: float, theme: Theme
) -> tuple[list[Shape], float, float]:
    """A pill with small text (an owner or team): shapes, width and height."""
    size = theme.typography.note_size
    pad = theme.spacing.badge_padding
    para = Para(text, size, theme.palette.badge_text)
    lines = wrap(para, max_width - 2 * pad)
    width = min(max_width, max(text_width(line, size) for line in lines) + 2 * pad)
    height = len(lines) * line_height(size) + pad
    pill = Rect(
        x, y, width, height, theme.palette.badge_fill, radius=min(height / 2, theme.spacing.radius)
    )
    return [pill, text_at(para, lines, x + pad, y + pad / 2)], width, height


def badge_height(text: str, max_width: float, theme: Theme) -> float:
    size = theme.typography.note_size
    pad = theme.spacing.badge_padding
    lines = wrap(Para(text, size, theme.palette.badge_text), max_width - 2 * pad)
    return len(lines) * line_height(size) + pad


def clear_caches() -> None:
    """Forget cached wrapping and widths (benchmarks use it to time a render from cold)."""
    _wrapped.cache_clear()
    width_cache_clear()
