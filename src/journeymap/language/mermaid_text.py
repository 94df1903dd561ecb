"""Text conventions Mermaid applies to every diagram: entity codes and `<br>` line breaks.

Mermaid replaces entity codes (`#58;` for `:`, `#quot;` for `"`) before its
parser sees the text, so they are how a name carries a character the
diagram's grammar reserves; and it draws `<br>` (also `<br/>`, `</br />`,
`<br\\t/>`) as a line break. Import decodes both; export writes both.

>>> decode_entities("Step 1#58; sign up")
'Step 1: sign up'
>>> split_breaks("Line1<br>Line2</br />Line3")
['Line1', 'Line2', 'Line3']
>>> escape("Step 1: sign up; now", "")
'Step 1#58; sign up#59; now'
"""

from __future__ import annotations

import html
import re

ACCESSIBILITY_TITLE = "Accessibility title: "
"""Prefix of the document note that keeps an `accTitle` journeymap has no field for."""

ENTITY = re.compile(r"#(\w+);", re.ASCII)
"""Mermaid's entity code: `#` then word characters then `;` (`encodeEntities`)."""

BREAK = re.compile(r"</?br\s*/?>", re.IGNORECASE)
"""A line break in a section or task name, in every spelling Mermaid accepts."""

LINE_BREAK = re.compile(r"\r\n|\r|\n")
"""What Mermaid reads as the end of a line (it turns CR LF and a lone CR into LF)."""

_NUMERIC = re.compile(r"\+?[0-9]+")
_ALWAYS = "#<>&%:;\ufb02\xb6"


def is_control(char: str) -> bool:
    """A character a `.journey` file cannot hold (tab and line feed it can)."""
    return (ord(char) < 0x20 and char not in "\t\n") or ord(char) == 0x7F


def decode_entity(inner: str) -> str | None:
    """The character(s) `#inner;` stands for, or None when it stands for nothing usable.

    Control characters are refused: a `.journey` file cannot carry them.
    """
    if _NUMERIC.fullmatch(inner):
        number = int(inner)
        if not 0 < number <= 0x10FFFF or 0xD800 <= number <= 0xDFFF:
            return None
        char = chr(number)
        return None if is_control(char) else char
    decoded = html.unescape(f"&{inner};")
    if decoded == f"&{inner};" or any(is_control(c) for c in decoded):
        return None
    return decoded


def decode_entities(text: str) -> str:
    """`text` with every usable entity code replaced by what it stands for."""

    def replace(match: re.Match[str]) -> str:
        decoded = decode_entity(match.group(1))
        return match.group() if decoded is None else decoded

    return ENTITY.sub(replace, text)


def split_breaks(text: str) -> list[str]:
    """The lines of a name, cut at each `<br>` spelling."""
    return BREAK.split(text)


def escape(text: str, reserved: str) -> str:
    """`text` with `#` and each character of `reserved` written as an entity code.

    `#` is always escaped: it starts a comment in Mermaid, and escaping it
    also keeps a literal `#42;` in the text from being read as an entity. So
    are `<`, `>` and `&`: Mermaid puts labels into its SVG as HTML, and user
    text must stay text there (docs/security.md); `%`, which starts Mermaid's
    comments and its `%%{init}%%` directives anywhere in the text; `:` and
    `;`, which end names, and without which a line cannot trip Mermaid's
    entity encoder (it drops the last `;` of `style…:x#…;`); and `ﬂ` and `¶`,
    the marker characters that encoder puts into Mermaid's SVG.

    >>> escape("<b>Tom & Jerry</b>", "")
    '#60;b#62;Tom #38; Jerry#60;/b#62;'
    >>> escape("%%{init: {}}%%", "")
    '#37;#37;{init#58; {}}#37;#37;'
    """
    return "".join(f"#{ord(c)};" if c in _ALWAYS or c in reserved else c for c in text)
