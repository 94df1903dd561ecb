"""Text blocks and cards: wrapped paragraphs inside padded rounded rectangles.

Every card is measured from its wrapped text before it is placed, so a cell's
height is known exactly and no line leaves its card.
"""

from functools import lru_cache
from typing import NamedTuple

from journeymap.layout.scene import Rect, Shape, Text
from journeymap.layout.text import line_height, text_width, width_cache_clear, wrap_text
from journeymap.layout.themes import Theme

CAP_HEIGHT = 0.716
"""Capital height of Liberation Sans per em: centres capitals in a line box."""


class Para(NamedTuple):
    """One paragraph of a card."""

    text: str
    size: float
    fill: str
    bold: bool = False
    italic: bool = False


class Card(NamedTuple):
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
    return line_box(size)[1]


_LINE_BOXES: dict[float, tuple[float, float]] = {}
_LINE_BOX_LIMIT = 256
"""Font sizes remembered: a theme has a handful, so this only bounds odd callers."""


def line_box(size: float) -> tuple[float, float]:
    """(line height, baseline offset) for font size `size`: what a line box of text needs.

    Remembered in a plain dict: every card asks for these for each paragraph,
    and a dict look-up costs a fraction of an `lru_cache` call.
    """
    box = _LINE_BOXES.get(size)
    if box is None:
        if len(_LINE_BOXES) >= _LINE_BOX_LIMIT:
            _LINE_BOXES.clear()
        height = line_height(size)
        box = _LINE_BOXES[size] = (height, (height + CAP_HEIGHT * size) / 2)
    return box


def wrap(para: Para, width: float) -> tuple[str, ...]:
    """`para` wrapped to `width`: cached, as views wrap each card once to measure it
    and again to draw it."""
    return wrapped_lines(para.text, max(width, 1.0), para.size, para.bold)


@lru_cache(maxsize=1 << 15)
def wrapped_lines(text: str, width: float, size: float, bold: bool) -> tuple[str, ...]:
    """`wrap_text` as a tuple, cached: the same texts are set at the same widths again
    and again (a card measured, then drawn; a note repeated on many cards)."""
    return tuple(wrap_text(text, width, size, bold))


def text_at(
    para: Para, lines: tuple[str, ...], x: float, top: float, anchor: str = "start"
) -> Text:
    """A Text whose first line box starts at `top`."""
    height, baseline = line_box(para.size)
    return Text(
        x,
        top + baseline,
        lines,
        para.size,
        height,
        para.fill,
        para.bold,
        para.italic,
        "middle" if anchor == "middle" else "end" if anchor == "end" else "start",
    )


CardText = tuple[float, list[tuple[str, ...]], float]
"""A card measured at one width: (text x offset from the card's left, each
paragraph's lines, natural height)."""


def measure_card(card: Card, width: float, theme: Theme) -> CardText:
    """`card`'s text set at `width`; `draw_card` takes it to skip measuring again.

    Measuring and drawing a card both start here, in one pass over the
    paragraphs: a big map has thousands of cards, and the helper calls and
    generators this replaced cost more than the (cached) wrapping itself.
    """
    sp = theme.spacing
    pad = sp.padding
    left = pad + card.indent + (sp.accent_width if card.accent else 0.0)
    inner = width - left - pad
    room = inner - card.reserve_right  # flags sit right of the first paragraph only
    wrapped: list[tuple[str, ...]] = []
    heights: list[float] = []
    for para in card.paras:
        # `max(room, 1.0)` written out (a builtin call costs more than the test).
        lines = wrapped_lines(para.text, 1.0 if room < 1.0 else room, para.size, para.bold)
        wrapped.append(lines)
        heights.append(len(lines) * line_box(para.size)[0])
        room = inner
    # sum() of the list, as before: the same float additions, so the same bytes.
    content = sum(heights)
    gaps = len(heights) - 1
    content += sp.paragraph_gap * (gaps if gaps > 0 else 0)
    if card.footer:
        content += sp.paragraph_gap + card.footer
    return left, wrapped, 2 * pad + content


def card_height(card: Card, width: float, theme: Theme) -> float:
    """Height of `card` at `width`: padding plus its wrapped paragraphs."""
    return measure_card(card, width, theme)[2]


def draw_card(
    card: Card,
    x: float,
    y: float,
    width: float,
    height: float | None,
    theme: Theme,
    measured: CardText | None = None,
) -> tuple[list[Shape], float]:
    """The card's shapes at (x, y) and its height (stretched to `height` if given).

    `measured`, if given, is `measure_card(card, width, theme)`, already worked out.
    """
    left, wrapped, natural = measure_card(card, width, theme) if measured is None else measured
    stretch = height or 0.0
    h = stretch if stretch > natural else natural  # max(natural, stretch), written out
    sp = theme.spacing
    radius = sp.radius
    shapes: list[Shape] = []
    if card.fill or card.stroke:  # an unframed card (a note) is its text alone
        stroke, line = card.stroke, card.stroke_width
        shapes.append(Rect(x, y, width, h, card.fill, stroke, line, radius, card.dash, card.hatch))
    if card.accent:
        # A rounded bar just inside the left edge: it stays within the card's
        # outline, so no halo of accent colour shows around the corners.
        aw, inset = sp.accent_width, sp.paragraph_gap
        shapes.append(Rect(x + inset, y + inset, aw, h - 2 * inset, card.accent, radius=aw / 2))
    text_x = x + left
    top = y + sp.padding
    gap = sp.paragraph_gap
    for para, lines in zip(card.paras, wrapped, strict=True):
        size = para.size
        line_h, baseline = line_box(size)
        if lines:
            shapes.append(
                Text(text_x, top + baseline, lines, size, line_h, para.fill, para.bold, para.italic)
            )
        top += len(lines) * line_h + gap
    return shapes, h


def badge(
    text: str, x: float, y: float, max_width: float, theme: Theme
) -> tuple[list[Shape], float, float]:
    """A pill with small text (an owner or team): shapes, width and height."""
    size = theme.typography.note_size
    pad = theme.spacing.badge_padding
    lines, width, height = _badge_box(text, max_width, size, pad)
    pill = Rect(
        x, y, width, height, theme.palette.badge_fill, radius=min(height / 2, theme.spacing.radius)
    )
    para = Para(text, size, theme.palette.badge_text)
    return [pill, text_at(para, lines, x + pad, y + pad / 2)], width, height


def badge_height(text: str, max_width: float, theme: Theme) -> float:
    return _badge_box(text, max_width, theme.typography.note_size, theme.spacing.badge_padding)[2]


@lru_cache(maxsize=1 << 12)
def _badge_box(
    text: str, max_width: float, size: float, pad: float
) -> tuple[tuple[str, ...], float, float]:
    """(lines, width, height) of a badge. Cached: a map shows the same few team
    names on many steps, and an opportunity's owner is measured, then drawn."""
    lines = wrapped_lines(text, max(max_width - 2 * pad, 1.0), size, False)
    width = min(max_width, max(text_width(line, size) for line in lines) + 2 * pad)
    return lines, width, len(lines) * line_height(size) + pad


def clear_caches() -> None:
    """Forget cached wrapping, widths and badges (benchmarks use it to time a render from cold)."""
    wrapped_lines.cache_clear()
    _badge_box.cache_clear()
    _LINE_BOXES.clear()
    width_cache_clear()
