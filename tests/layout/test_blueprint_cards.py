"""Lane cards are measured and drawn as the general card (boxes.py) would be, to the bit.

blueprint_cards.py repeats `measure_card` and `draw_card`'s arithmetic for
speed; these tests hold the two in step across wrapping, notes, flags and
themes, comparing floats for exact equality.
"""

from __future__ import annotations

import itertools

import pytest

from journeymap.layout import glyphs
from journeymap.layout.blueprint import _stacks
from journeymap.layout.blueprint_cards import CardStyle, LaneCard, _card, draw_lane_cards
from journeymap.layout.boxes import Card, Para, draw_card, measure_card
from journeymap.layout.grid import Column
from journeymap.layout.scene import Group, Item, Rect, Shape
from journeymap.layout.text import line_height
from journeymap.layout.themes import Theme, load_theme
from journeymap.model.journey import Step

TEXTS = (
    "Pays",
    "Compares a receipt and the delivery slot on the website",
    "Line one\nline two",
    "",
)
NOTES = ("", "Operations · CRM · takes 2m · wait 1d")
WIDTHS = (20.0, 60.0, 136.81, 333.3)
BOTH = (False, True)
MARKS = [(fail, moment, assumption) for fail in BOTH for moment in BOTH for assumption in BOTH]


def _general_card(theme: Theme, text: str, note: str, marks: tuple[bool, bool, bool]) -> Card:
    """The card as the blueprint built it through boxes.Card before it had its own path."""
    fail, moment, assumption = marks
    palette, type_ = theme.palette, theme.typography
    paras = [Para(text, type_.card_size, palette.text)]
    if note:
        paras.append(Para(note, type_.note_size, palette.muted))
    flags = int(fail) + int(moment)
    return Card(
        tuple(paras),
        palette.surface,
        palette.border,
        theme.lines.card,
        theme.lines.assumption_dash if assumption else (),
        hatch=assumption,
        reserve_right=flags * (theme.spacing.glyph_size + theme.spacing.paragraph_gap),
    )


@pytest.mark.parametrize("theme_name", ["default", "dark", "high-contrast", "print"])
def test_lane_cards_measure_as_boxes_measures(theme_name: str) -> None:
    theme = load_theme(theme_name)
    style = CardStyle.of(theme)
    for text, note, width, marks in itertools.product(TEXTS, NOTES, WIDTHS, MARKS):
        card = _card(style, "k", None, text, note, width, marks)
        _, wrapped, natural = measure_card(_general_card(theme, text, note, marks), width, theme)
        assert card.lines == wrapped[0]
        assert card.note == (wrapped[1] if note else ())
        assert card.height == natural  # exactly: the drawing's numbers come from it


class _Context:
    """What draw_lane_cards asks of a MapContext: element ids."""

    def id(self, *parts: str) -> str:
        return "-".join(("jm", *parts))


def _general_shapes(
    theme: Theme, card: LaneCard, text: str, note: str, x: float, y: float, width: float
) -> list[Shape]:
    """The card's shapes as draw_card and the old draw_lane_card drew them."""
    general = _general_card(theme, text, note, (card.fail_point, card.moment, card.assumption))
    shapes, _ = draw_card(general, x, y, width, None, theme)
    size, gap, sp = theme.spacing.glyph_size, theme.spacing.paragraph_gap, theme.spacing
    cx = x + width - sp.padding - size / 2
    cy = y + sp.padding + line_height(theme.typography.card_size) / 2
    if card.moment:
        shapes.extend(glyphs.star(cx, cy, size, theme.palette.moment))
        cx -= size + gap
    if card.fail_point:
        shapes.extend(glyphs.warning(cx, cy, size, theme.palette.fail, theme.palette.surface))
    return shapes


@pytest.mark.parametrize("theme_name", ["default", "print"])
def test_lane_cards_draw_as_boxes_draws(theme_name: str) -> None:
    theme = load_theme(theme_name)
    style = CardStyle.of(theme)
    x, y = 123.45, 67.891
    for text, note, width, marks in itertools.product(TEXTS, NOTES, WIDTHS, MARKS):
        card = _card(style, "s1.frontstage.1", None, text, note, width, marks)
        column = Column(Step("s1", "Step"), 0, x, width)
        out: list[Item] = []
        frames: list[Rect] = []
        draw_lane_cards(
            _Context(),  # type: ignore[arg-type]
            style,
            "frontstage",
            [[card]],
            [column],
            y,
            8.0,
            out,
            frames,
        )
        (group,) = out
        assert isinstance(group, Group)
        assert group.id == "jm-frontstage-s1.frontstage.1"
        assert list(group.items) == _general_shapes(theme, card, text, note, x, y, width)
        assert frames == [group.items[0]]


@pytest.mark.parametrize("gap", [0, 8, 2.5, 0.1, 7.3])
def test_cell_stacks_add_up_as_the_general_sum(gap: float) -> None:
    """`_stacks` writes out the sum for one card or none; the floats must not change."""
    heights = (0.0, 12.3, 31.87, 46.05, 1e-9, 100.1)
    cells = [
        [_card_of_height(h) for h in combo]
        for n in range(4)
        for combo in itertools.product(heights, repeat=n)
    ]
    expected = [sum(c.height for c in cell) + gap * max(0, len(cell) - 1) for cell in cells]
    got = _stacks(cells, gap)
    assert [repr(x) for x in got] == [repr(x) for x in expected]


def _card_of_height(height: float) -> LaneCard:
    return LaneCard("k", None, False, False, False, (), (), height)
