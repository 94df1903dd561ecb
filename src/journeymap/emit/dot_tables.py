"""HTML-like table labels for the DOT emitter: escaping, wrapping, cards and step columns.

Graphviz neither wraps text nor shares row heights between nodes, so both are
done here: text is wrapped to the column width by a conservative character
measure, and every column of a view is given the same row heights, so the
columns (one node each) line up as one grid.
"""

import re
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

_ID_UNSAFE = re.compile(r"[^\w-]|_(?=x[0-9a-f]+_)")

LINE_HEIGHT = 1.2
"""Line height as a multiple of the font size: above Graphviz's own, so rows fit."""
CHAR_WIDTH = 0.6
"""Average advance of a narrow character, in em; generous for Liberation Sans (about 0.5)."""
WIDE_CHAR = 1.9
"""East Asian wide characters and emoji take about twice a narrow one."""


def dot_id(*parts: str) -> str:
    """A stable DOT identifier from user IDs: word characters kept, others as `_xHH_`.

    >>> dot_id("step", "see_ad")
    'step__see_ad'
    >>> dot_id("step", 'a"b:c')
    'step__a_x22_b_x3a_c'
    """

    def safe(part: str) -> str:
        return _ID_UNSAFE.sub(lambda m: f"_x{ord(m.group()):x}_", part)

    return "__".join(safe(part) for part in parts)


def _xml_char(char: str) -> bool:
    """Whether `char` is in XML 1.0's `Char` production: what an SVG may hold."""
    code = ord(char)
    if code < 0x20:
        return char in "\t\n\r"
    return not (0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF))


def escape(text: str) -> str:
    r"""Text for an HTML-like label, drawn by Graphviz exactly as typed.

    Markup is escaped; a backslash is doubled, because Graphviz expands
    `\N`, `\G`, `\E` and friends even inside HTML-like labels (a typed
    `\N` would draw the node's name, a typed `\E` nothing);
    bidi overrides and zero-width characters become numeric references, so
    the DOT text shows them openly; a character XML cannot hold becomes
    U+FFFD, so the SVG Graphviz writes stays well-formed.

    >>> escape('<script>&"\u202e')
    '&lt;script&gt;&amp;&quot;&#8238;'
    >>> print(escape("a\\N\\"))
    a\\N\\
    """
    out = []
    for char in text:
        if char == "&":
            out.append("&amp;")
        elif char == "<":
            out.append("&lt;")
        elif char == ">":
            out.append("&gt;")
        elif char == '"':
            out.append("&quot;")
        elif char == "'":
            out.append("&#39;")
        elif char == "\\":
            out.append("\\\\")
        elif not _xml_char(char):
            out.append("&#65533;")
        elif unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            out.append(f"&#{ord(char)};")
        else:
            out.append(char)
    return "".join(out)


_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_SHORT_COLOUR = re.compile(r"#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])")
_RGB_COLOUR = re.compile(r"rgba?\(([^()]*)\)", re.I)
_RGB_PART = re.compile(r"(\d{1,3}(?:\.\d+)?)(%?)")
_NAMED_COLOUR = re.compile(r"[A-Za-z]{1,40}")


def colour(value: str) -> str:
    """A theme colour as Graphviz reads it: `#rrggbb`, or a lower-case colour name.

    `#rgb` and `rgb()` (numbers or percentages) become `#rrggbb` (Graphviz
    knows neither);
    anything else, which a validated theme never holds, becomes black rather
    than reach the DOT text or the SVG Graphviz writes from it.

    >>> colour("#AbC"), colour("rgb(255, 0, 16)"), colour("rgb(100% 50% 0%)")
    ('#aabbcc', '#ff0010', '#ff8000')
    >>> colour("Teal"), colour('red" onload="x'), colour("rgb(1, 2)")
    ('teal', 'black', 'black')
    """
    if _HEX_COLOUR.fullmatch(value):
        return value.lower()
    short = _SHORT_COLOUR.fullmatch(value)
    if short:
        return "#" + "".join(2 * part for part in short.groups()).lower()
    rgb = _RGB_COLOUR.fullmatch(value.strip())
    if rgb:
        parts = re.split(r"[\s,/]+", rgb.group(1).strip())[:3]
        found = [_RGB_PART.fullmatch(part) for part in parts]
        if len(found) == 3 and all(found):
            return "#" + "".join(_channel(*match.groups()) for match in found if match)
        return "black"
    return value.lower() if _NAMED_COLOUR.fullmatch(value) else "black"


def _channel(number: str, percent: str) -> str:
    """One `rgb()` component (`255`, `12.5`, `50%`) as two hex digits."""
    level = float(number) * 255 / 100 if percent else float(number)
    return f"{min(255, round(level)):02x}"


_FONT_UNSAFE = re.compile(r"[^\w ,.\-]")


def font_name(family: str) -> str:
    r"""A theme's font family as it may go to Graphviz: letters, digits, ` ,.-_` only.

    Graphviz copies `fontname` into the SVG's `font-family` attribute without
    escaping it, so a quote there would end the attribute and start another
    (an event handler). CSS quotes around a family name are not needed in a
    comma-separated list, and nothing else a font name needs is dropped.

    >>> font_name('"Segoe UI", Arial" onload="alert(1)\\')
    'Segoe UI, Arial onloadalert1'
    """
    kept = _FONT_UNSAFE.sub("", family).strip(" ,")
    return kept or "sans-serif"


def text_html(text: str) -> str:
    """Escaped text whose line breaks (`\\n` in the source) stay line breaks."""
    return "<BR/>".join(escape(line) for line in text.split("\n"))


_NARROW_BELOW = "\u0370"  # Latin, Latin-1 and combining marks: never wide


def _char_width(char: str) -> float:
    if char < _NARROW_BELOW:
        return 1.0
    wide = unicodedata.east_asian_width(char) in ("W", "F") or ord(char) > 0xFFFF
    return WIDE_CHAR if wide else 1.0


def _measure(text: str) -> float:
    return sum(_char_width(c) for c in text)


def wrap(text: str, width: float, size: float) -> list[str]:
    """`text` broken into lines that fit `width` points at font `size`; `\\n` starts a line.

    Widths are added up as the line grows (never re-measured), so the cost is
    linear in the text, even for a 10,000-character word.
    """
    limit = max(1.0, width / (size * CHAR_WIDTH))
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current, used = "", 0.0
        for word in paragraph.split():
            candidate = used + 1.0 if current else used
            narrow = max(word) < _NARROW_BELOW
            if narrow and candidate.is_integer():
                candidate += len(word)  # exact: whole numbers, as adding 1.0 a char at a time
            else:
                for char in word:
                    candidate += _char_width(char)
            if candidate <= limit:
                current = f"{current} {word}" if current else word
                used = candidate
                continue
            if current:
                lines.append(current)
            parts: list[str] = []
            used = 0.0
            # A word longer than the line (a URL, CJK text) is cut where it must be.
            if narrow:
                size = max(1, int(limit))
                lines += [word[i : i + size] for i in range(0, len(word) - size, size)]
                current = word[(len(word) - 1) // size * size :]
                used = float(len(current))
                continue
            for char in word:
                char_width = _char_width(char)
                if used + char_width > limit and parts:
                    lines.append("".join(parts))
                    parts, used = [], 0.0
                parts.append(char)
                used += char_width
            current = "".join(parts)
        lines.append(current)
    return lines


class Text(NamedTuple):
    """One paragraph of a card, before wrapping."""

    text: str
    size: float
    colour: str
    bold: bool = False
    italic: bool = False


class Card(NamedTuple):
    """A box in a cell: paragraphs, colours, and the port flows attach to."""

    texts: tuple[Text, ...]
    fill: str
    border: str
    port: str | None = None
    dashed: bool = False
    border_width: float = 1.0


class Style(NamedTuple):
    """The theme figures a table needs (points; Graphviz draws 1 pt as 1 px)."""

    width: float
    padding: float
    gap: float


def _wrapped(card: Card, style: Style) -> list[tuple[Text, list[str]]]:
    inner = style.width - 2 * style.padding - 2 * card.border_width
    return [(t, wrap(t.text, inner, t.size)) for t in card.texts]


def card_height(card: Card, style: Style) -> float:
    """The height Graphviz needs for `card`, erring on the high side."""
    text = sum(len(lines) * t.size * LINE_HEIGHT for t, lines in _wrapped(card, style))
    return text + 2 * style.padding + 2 * card.border_width


def cell_height(cards: Sequence[Card], style: Style) -> float:
    """Stacked cards with `gap` around each, as the cell's inner table spaces them."""
    if not cards:
        return 0.0
    return sum(card_height(c, style) for c in cards) + (len(cards) + 1) * style.gap


def _font(t: Text, lines: list[str]) -> str:
    body = "<BR/>".join(escape(line) for line in lines)
    if t.bold:
        body = f"<B>{body}</B>"
    if t.italic:
        body = f"<I>{body}</I>"
    return f'<FONT COLOR="{colour(t.colour)}" POINT-SIZE="{fmt(t.size)}">{body}</FONT>'


def card_html(card: Card, style: Style) -> str:
    """One card as a table cell; a dashed border marks an assumption."""
    body = "<BR/>".join(_font(t, lines) for t, lines in _wrapped(card, style))
    attrs = {
        "ALIGN": "LEFT",
        "BALIGN": "LEFT",
        "BGCOLOR": colour(card.fill),
        "BORDER": fmt(card.border_width),
        "CELLPADDING": fmt(style.padding),
        "COLOR": colour(card.border),
        "WIDTH": fmt(style.width - 2 * style.gap),
    }
    if card.port is not None:
        attrs["PORT"] = card.port
    if card.dashed:
        attrs["STYLE"] = "dashed"
    return f"<TD {_attrs(attrs)}>{body}</TD>"


class Cell(NamedTuple):
    """What one column shows in one row: cards, or a line drawn along the top edge."""

    cards: tuple[Card, ...] = ()
    port: str | None = None
    fill: str | None = None
    line: tuple[str, float] | None = None
    """(colour, width) of a blueprint line drawn on the cell's top edge."""
    valign: str = "TOP"


def column_html(cells: Sequence[Cell], heights: Sequence[float], style: Style) -> str:
    """A whole column: one row per cell, each as tall as its row in every column."""
    rows = []
    for cell, height in zip(cells, heights, strict=True):
        attrs = {
            "HEIGHT": fmt(height),
            "VALIGN": cell.valign,
            "WIDTH": fmt(style.width),
        }
        if cell.port is not None:
            attrs["PORT"] = cell.port
        if cell.fill is not None:
            attrs["BGCOLOR"] = colour(cell.fill)
        inner = ""
        if cell.cards:
            cards = "".join(f"<TR>{card_html(c, style)}</TR>" for c in cell.cards)
            inner = (
                f'<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="{fmt(style.gap)}">{cards}</TABLE>'
            )
        if cell.line is not None:
            # The line is a thin row of its own, so a port's east and west
            # points lie on it and the edges joining it across gutters are straight.
            line_colour, width = cell.line
            bar = {"BGCOLOR": colour(line_colour), "HEIGHT": fmt(width), "WIDTH": fmt(style.width)}
            if cell.port is not None:
                bar["PORT"] = cell.port
                del attrs["PORT"]
            attrs["HEIGHT"] = fmt(height - width)
            rows.append(f"<TR><TD {_attrs(bar)}></TD></TR>")
        rows.append(f"<TR><TD {_attrs(attrs)}>{inner}</TD></TR>")
    # One table row per line: Graphviz ignores white space between tags, and a
    # golden's diff then names the row that changed instead of a whole column.
    body = "".join(f"\n\t\t\t{row}" for row in rows)
    return f'<TABLE BORDER="0" CELLBORDER="0" CELLPADDING="0" CELLSPACING="0">{body}\n\t\t</TABLE>'


def _attrs(attrs: dict[str, str]) -> str:
    # Sorted, like every attribute list in the output, so the text is stable;
    # escaped, so no value (a colour, a port) can close its quotes.
    return " ".join(f'{key}="{escape(value)}"' for key, value in sorted(attrs.items()))


def fmt(number: float) -> str:
    """A number as short stable text: whole numbers without a point, else two decimals.

    >>> fmt(12.0), fmt(0.3333)
    ('12', '0.33')
    """
    rounded = round(number, 2)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.2f}".rstrip("0")
