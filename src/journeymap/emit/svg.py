"""Scene -> SVG text, following DESIGN.md's SVG profile.

Plain text/tspan, presentation attributes only, explicit ids, numbers
rounded to 2 decimals, one element per line and sorted attributes, so the
bytes depend only on the Scene.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from journeymap.layout.scene import (
    Circle,
    Curve,
    Group,
    Item,
    Line,
    Point,
    Polygon,
    Polyline,
    Rect,
    Scene,
    Text,
)

SVG_VERSION = "1.1"


_K = TypeVar("_K", bound=Hashable)
_V = TypeVar("_V")


class _Memo(dict[_K, _V]):
    """A dict that fills in a missing key with `make(key)` and starts over when full.

    The writers look up the same coordinates, colours and styles tens of
    thousands of times per drawing; a hit here is a single C-level dict look-up,
    several times cheaper than an `lru_cache` hit (which builds a key tuple).
    Emptied once it holds `limit` entries, so a long-running process (docs
    build, `serve`) never grows it without bound.
    """

    __slots__ = ("_limit", "_make")

    def __init__(self, make: Callable[[_K], _V], limit: int) -> None:
        super().__init__()
        self._make = make
        self._limit = limit

    def __missing__(self, key: _K) -> _V:
        if len(self) >= self._limit:
            self.clear()
        value = self[key] = self._make(key)
        return value


class _Numbers(dict[float, str]):
    """Each number met, as text: 2 decimals at most, trailing zeros dropped, never `-0`.

    A `_Memo` of its own kind, so that a miss formats in `__missing__` itself,
    without a second call: a big drawing meets thousands of numbers once each.
    """

    __slots__ = ()

    def __missing__(self, value: float) -> str:
        if len(self) >= _NUMBERS_LIMIT:
            self.clear()
        text = f"{value:.2f}"
        # Only a text ending in 0 has zeros to drop (and only "-0.00" becomes
        # "-0"): most coordinates skip both steps.
        if text[-1] == "0":
            text = text.rstrip("0").rstrip(".")
            if text == "-0":
                text = "0"
        self[value] = text
        return text


_NUMBERS_LIMIT = 1 << 16

num: Callable[[float], str] = _Numbers().__getitem__
"""A coordinate as short text: at most 2 decimals, never `-0`.

Cached: a map repeats the same few thousand coordinates many times over.
"""


def _dash(dash: tuple[float, ...]) -> str:
    return " ".join([num(d) for d in dash])


def _stroke(
    attrs: dict[str, str], stroke: str | None, width: float, dash: tuple[float, ...]
) -> None:
    if stroke is not None and width > 0:
        attrs["stroke"] = stroke
        attrs["stroke-width"] = num(width)
        if dash:
            attrs["stroke-dasharray"] = _dash(dash)


_ATTRIBUTE_ESCAPES = (
    ("&", "&amp;"),  # first: the others add ampersands
    ("<", "&lt;"),
    (">", "&gt;"),
    ('"', "&quot;"),
    ("\n", "&#10;"),
    ("\r", "&#13;"),
    ("\t", "&#09;"),
)
_NEEDS_ESCAPE = re.compile(r'[&<>"\n\r\t]')


def _attribute(text: str) -> str:
    # Most values are numbers and colours: only text that needs escaping is rewritten.
    if _NEEDS_ESCAPE.search(text):
        for char, entity in _ATTRIBUTE_ESCAPES:
            text = text.replace(char, entity)
    return text


def _escape_text(text: str) -> str:
    """Character data escaped as ElementTree does (&, <, >).

    Chained `str.replace` behind `in` tests, not `str.translate`: with a
    table of multi-character replacements translate is slower per string,
    and a big drawing has tens of thousands of lines of text.
    """
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _open(name: str, attrs: dict[str, str]) -> str:
    """`<name a="…" b="…"` with sorted attributes, empty values left out (no closing `>`).

    Elements are written straight to text rather than built as svgwrite
    objects first: a 1,000-step map has tens of thousands of elements, and the
    objects cost more than writing them. The escaping is ElementTree's, so the
    bytes are what serialising those objects wrote.
    """
    return (
        "<"
        + name
        + "".join(f' {key}="{_attribute(value)}"' for key, value in sorted(attrs.items()) if value)
    )


def _leaf(name: str, attrs: dict[str, str], content: str | None = None) -> str:
    if content is None:
        return _open(name, attrs) + " />"
    return f"{_open(name, attrs)}>{_escape_text(content)}</{name}>"


def _container(name: str, attrs: dict[str, str], children: list[str]) -> str:
    """A container element: each child on its own line."""
    if not children:
        return _open(name, attrs) + " />"
    return f"{_open(name, attrs)}>\n" + "\n".join(children) + f"\n</{name}>"


# The writers below are the hot path: each writes its element straight to text,
# attributes already in the sorted order `_open` would give them (the golden
# files pin the bytes). Values that `_open` would leave out when empty (a colour
# given as "") are left out the same way by `_paint`.


def _paint(name: str, value: str | None) -> str:
    """` name="value"`, or nothing for no value (as `_open` leaves out empty ones)."""
    return f' {name}="{_attribute(value)}"' if value else ""


def _fill(value: str | None) -> str:
    return _paint("fill", "none" if value is None else value)


_FILLS: _Memo[str | None, str] = _Memo(_fill, 1024)
"""Colour (None: no fill) -> ` fill="…"`: a drawing has a handful of fills."""


def _stroke_parts(stroke: str | None, width: float, dash: tuple[float, ...]) -> tuple[str, str]:
    """What `_stroke` adds, written in sorted order and split where `stroke-linecap` goes.

    (` stroke="…" stroke-dasharray="…"`, ` stroke-width="…"`); both empty for no
    stroke.
    """
    if stroke is None or width <= 0:
        return "", ""
    dasharray = f' stroke-dasharray="{_dash(dash)}"' if dash else ""
    return f"{_paint('stroke', stroke)}{dasharray}", f' stroke-width="{num(width)}"'


_Stroke = tuple[str | None, float, tuple[float, ...]]
"""(colour, width, dash) of an outline."""

_STROKE_PARTS: _Memo[_Stroke, tuple[str, str]] = _Memo(lambda s: _stroke_parts(*s), 1024)
"""`_stroke_parts` by outline: a drawing has a handful of line styles."""

_STROKES: _Memo[_Stroke, str] = _Memo(lambda s: "".join(_stroke_parts(*s)), 1024)
"""What `_stroke` adds, already written in sorted order, by outline."""

_RADII: _Memo[float, str] = _Memo(lambda r: f' rx="{num(r)}"' if r > 0 else "", 1024)
"""Corner radius -> ` rx="…"`, nothing for square corners."""


_RectStyle = tuple[str | None, float, str | None, float, tuple[float, ...]]
"""(fill, corner radius, stroke colour, stroke width, dash) of a rect."""


def _rect_parts(style: _RectStyle) -> tuple[str, str]:
    """A rect's text around its height: (`<rect fill="…" height="`, `" rx="…" stroke…`)."""
    fill, radius, stroke, width, dash = style
    return f'<rect{_FILLS[fill]} height="', f'"{_RADII[radius]}{_STROKES[stroke, width, dash]}'


_RECT_PARTS: _Memo[_RectStyle, tuple[str, str]] = _Memo(_rect_parts, 1024)
"""A drawing has a handful of rect styles: one look-up finds all their attributes."""


def _rect(shape: Rect, hatch_id: str | None) -> str:
    # The hottest element: attributes in sorted order (fill, height, rx,
    # stroke…, width, x, y). A hatched rect is followed by its overlay, on the
    # next line.
    head, styled = _RECT_PARTS[
        shape.fill, shape.radius, shape.stroke, shape.stroke_width, shape.dash
    ]
    if not (shape.hatch and hatch_id is not None):  # nearly every rect: one f-string
        return (
            f'{head}{num(shape.height)}{styled} width="{num(shape.width)}" '
            f'x="{num(shape.x)}" y="{num(shape.y)}" />'
        )
    height = num(shape.height)
    place = f'width="{num(shape.width)}" x="{num(shape.x)}" y="{num(shape.y)}" />'
    radius = _RADII[shape.radius]
    overlay = f'<rect fill="url(#{_attribute(hatch_id)})" height="{height}"{radius} {place}'
    return f"{head}{height}{styled} {place}\n{overlay}"


def _text_head(style: tuple[str, float, bool, bool, str]) -> str:
    """`<text` and the attributes before x and y (fill, font-size, font-style,
    font-weight, text-anchor) for (fill, size, italic, bold, anchor)."""
    fill, size, italic, bold, anchor = style
    head = f'<text{_paint("fill", fill)} font-size="{num(size)}"'
    if italic:
        head += ' font-style="italic"'
    if bold:
        head += ' font-weight="bold"'
    if anchor != "start":
        head += f' text-anchor="{anchor}"'
    return head


_TEXT_HEADS: _Memo[tuple[str, float, bool, bool, str], str] = _Memo(_text_head, 1024)
"""Text style -> the start of its element: a drawing has a handful of text styles."""


def _text(shape: Text) -> str:
    head = _TEXT_HEADS[shape.fill, shape.size, shape.italic, shape.bold, shape.anchor]
    x = num(shape.x)
    lines = shape.lines
    if len(lines) == 1:
        line = lines[0]
        if "&" in line or "<" in line or ">" in line:  # rare: skip the call otherwise
            line = _escape_text(line)
        return f'{head} x="{x}" y="{num(shape.y)}">{line}</text>'
    if not lines:
        return f'{head} x="{x}" y="{num(shape.y)}" />'
    # Tspans stay inline: whitespace between them would become visible spaces
    # in some viewers.
    y, step = shape.y, shape.line_height
    spans = []
    for index, line in enumerate(lines):
        if "&" in line or "<" in line or ">" in line:
            line = _escape_text(line)
        spans.append(f'<tspan x="{x}" y="{num(y + index * step)}">{line}</tspan>')
    return f'{head} x="{x}" y="{num(y)}">{"".join(spans)}</text>'


def _curve(shape: Curve) -> str:
    parts = [f"M{num(shape.start[0])},{num(shape.start[1])}"]
    for c1, c2, end in shape.segments:
        parts.append("C" + " ".join([f"{num(x)},{num(y)}" for x, y in (c1, c2, end)]))
    # Sorted: d, fill, stroke, stroke-dasharray, stroke-linecap, stroke-width.
    stroke, width = _STROKE_PARTS[shape.stroke, shape.width, shape.dash]
    return f'<path d="{"".join(parts)}" fill="none"{stroke} stroke-linecap="round"{width} />'


def _line(item: Line) -> str:
    stroke = _STROKES[item.stroke, item.width, item.dash]
    return (
        f'<line{stroke} x1="{num(item.x1)}" x2="{num(item.x2)}" '
        f'y1="{num(item.y1)}" y2="{num(item.y2)}" />'
    )


def _points_attribute(points: tuple[Point, ...]) -> str:
    # `_open` leaves out an empty value: a shape without points has no attribute.
    if not points:
        return ""
    # A loop rather than a list comprehension: most shapes have three or four
    # points, and the comprehension's own call would cost about as much.
    pairs = []
    for x, y in points:
        pairs.append(f"{num(x)},{num(y)}")
    return f' points="{" ".join(pairs)}"'


def _polyline(item: Polyline) -> str:
    stroke = _STROKES[item.stroke, item.width, item.dash]
    return f'<polyline fill="none"{_points_attribute(item.points)}{stroke} />'


def _polygon(item: Polygon) -> str:
    fill = _FILLS[item.fill or "none"]
    stroke = _STROKES[item.stroke, item.stroke_width, ()]
    return f"<polygon{fill}{_points_attribute(item.points)}{stroke} />"


def _circle(item: Circle) -> str:
    fill = _FILLS[item.fill or "none"]
    stroke = _STROKES[item.stroke, item.stroke_width, ()]
    return f'<circle cx="{num(item.cx)}" cy="{num(item.cy)}"{fill} r="{num(item.r)}"{stroke} />'


_LEAVES: dict[type, Callable[[Any], str]] = {
    Text: _text,
    Line: _line,
    Polyline: _polyline,
    Polygon: _polygon,
    Circle: _circle,
    Curve: _curve,
}
"""Writers of the shapes that make one element each, by type: one dict look-up per
shape rather than a chain of isinstance tests (a big map has tens of thousands)."""


def _items(items: tuple[Item, ...], hatch_id: str | None, out: list[str]) -> None:
    """Append the lines of `items` to `out`; a group without an id adds its children.

    Every element goes to one flat list of lines, joined once at the end: a
    group's children are not joined into a string of their own first (the
    bytes are the same, and each line is copied once instead of once per level).
    The commonest kinds are tested first, and a group is written here rather
    than by a call of its own: a big drawing has thousands of each.
    """
    append = out.append
    for item in items:
        kind = type(item)
        if kind is Text:
            append(_text(item))  # type: ignore[arg-type]
        elif kind is Rect:
            append(_rect(item, hatch_id))  # type: ignore[arg-type]
        elif kind is Group:
            group_id = item.id  # type: ignore[union-attr]
            href = item.href  # type: ignore[union-attr]
            if href is not None:
                # The only link ever written: model.links.link_target validated and
                # percent-encoded it; SVG 1.1 spells it `xlink:href` (browsers follow it).
                append(f'<a xlink:href="{_attribute(href)}">')
                _items((Group(group_id, item.items),), hatch_id, out)  # type: ignore[union-attr]
                append("</a>")
                continue
            if group_id is None:
                _items(item.items, hatch_id, out)  # type: ignore[union-attr]
                continue
            start = len(out)
            # `<g` and the id (none for an empty id), before the closing `>`;
            # `_attribute`'s test written out, as ids seldom need escaping.
            if _NEEDS_ESCAPE.search(group_id):
                group_id = _attribute(group_id)
            head = f'<g id="{group_id}"' if group_id else "<g"
            append(head + ">")
            # The children (a card's frame and text) are written here too, not
            # by a call of `_items` per group; nested groups and subclasses go
            # the general way.
            for child in item.items:  # type: ignore[union-attr]
                child_kind = type(child)
                if child_kind is Text:
                    append(_text(child))  # type: ignore[arg-type]
                elif child_kind is Rect:
                    append(_rect(child, hatch_id))  # type: ignore[arg-type]
                elif child_kind in _LEAVES:
                    append(_LEAVES[child_kind](child))
                else:
                    _items((child,), hatch_id, out)
            if len(out) == start + 1:
                out[start] = head + " />"  # drew nothing
            else:
                append("</g>")
        elif kind in _LEAVES:
            append(_LEAVES[kind](item))
        else:
            _subclass(item, hatch_id, out)


def _subclass(item: Item, hatch_id: str | None, out: list[str]) -> None:
    """A subclass of a shape or group: found the slow way."""
    if isinstance(item, Rect):
        out.append(_rect(item, hatch_id))
    elif isinstance(item, Group):
        _items((Group(item.id, item.items, item.href),), hatch_id, out)
    else:
        write = next(w for kind, w in _LEAVES.items() if isinstance(item, kind))
        out.append(write(item))


GENERIC_FAMILIES = frozenset(
    {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
)
FALLBACK_FONTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Latin", ("DejaVu Sans", "Noto Sans")),
    (
        "CJK",
        (
            "Noto Sans CJK JP",
            "Noto Sans CJK SC",
            "Noto Sans CJK KR",
            "Source Han Sans",
            "Hiragino Sans",
            "PingFang SC",
            "Microsoft YaHei",
            "Yu Gothic",
            "Malgun Gothic",
        ),
    ),
    ("emoji", ("Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji")),
)
"""Families tried after the theme's, by script, so Japanese, Chinese, Korean and emoji
find a font wherever one is installed instead of drawing as empty boxes."""


def font_stack(theme_family: str) -> str:
    """The theme's families, then the fallbacks by script, then the theme's generic family."""
    named: list[str] = []
    generic: list[str] = []
    for part in theme_family.split(","):
        family = part.strip()
        if family:
            (generic if family.lower() in GENERIC_FAMILIES else named).append(family)
    for _, families in FALLBACK_FONTS:
        named.extend(f for f in families if f not in named)
    return ", ".join([*named, *(generic or ["sans-serif"])])


XLINK = "http://www.w3.org/1999/xlink"
"""The namespace of `xlink:href`, SVG 1.1's link attribute."""


def to_svg(scene: Scene) -> str:
    """The scene as a standalone SVG document (UTF-8 text, ends with a newline)."""
    prefix = scene.id_prefix
    width, height = num(scene.width), num(scene.height)
    # The namespaces svgwrite's Drawing would add that nothing here uses
    # (ev, and xlink unless a card is a link) are left out: that keeps every file smaller.
    root = {
        "width": f"{width}px",
        "height": f"{height}px",
        "viewBox": f"0 0 {width} {height}",
        "role": "img",
        "aria-labelledby": f"{prefix}-title",
        "aria-describedby": f"{prefix}-desc",
        "font-family": font_stack(scene.font_family),
        "xmlns": "http://www.w3.org/2000/svg",
        "version": SVG_VERSION,
    }
    lines = [
        _leaf("title", {"id": f"{prefix}-title"}, scene.title),
        _leaf("desc", {"id": f"{prefix}-desc"}, scene.description),
    ]
    hatch_id = None
    if scene.hatch is not None:
        hatch = scene.hatch
        hatch_id = hatch.id
        stripe = {"x1": "0", "y1": "0", "x2": "0", "y2": num(hatch.spacing)}
        _stroke(stripe, hatch.colour, hatch.width, ())
        pattern = {
            "id": hatch.id,
            "width": num(hatch.spacing),
            "height": num(hatch.spacing),
            "patternUnits": "userSpaceOnUse",
            "patternTransform": "rotate(45)",
        }
        lines.append(
            _container("defs", {}, [_container("pattern", pattern, [_leaf("line", stripe)])])
        )
    lines.append(_leaf("rect", {"width": width, "height": height, "fill": scene.background}))
    _items(scene.items, hatch_id, lines)
    # What `_container("svg", root, lines) + "\n"` writes, in one join: the
    # document is megabytes for a big drawing, and each `+` would copy it again.
    lines.append("</svg>\n")
    if any(line.startswith("<a ") for line in lines):
        # Declared only where a card is a link, so every other file keeps its bytes.
        root["xmlns:xlink"] = XLINK
    lines[0] = f"{_open('svg', root)}>\n{lines[0]}"
    return "\n".join(lines)
