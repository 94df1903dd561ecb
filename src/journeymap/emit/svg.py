"""Scene -> SVG text, following DESIGN.md's SVG profile.

Plain text/tspan, presentation attributes only, explicit ids, numbers
rounded to 2 decimals, one element per line and sorted attributes, so the
bytes depend only on the Scene.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from journeymap.scene import (
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


@lru_cache(maxsize=1 << 16)
def num(value: float) -> str:
    """A coordinate as short text: at most 2 decimals, never `-0`.

    Cached: a map repeats the same few thousand coordinates many times over.
    """
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _points(points: tuple[Point, ...]) -> str:
    return " ".join(f"{num(x)},{num(y)}" for x, y in points)


def _dash(dash: tuple[float, ...]) -> str:
    return " ".join(num(d) for d in dash)


def _stroke(
    attrs: dict[str, str], stroke: str | None, width: float, dash: tuple[float, ...]
) -> None:
    if stroke is not None and width > 0:
        attrs["stroke"] = stroke
        attrs["stroke-width"] = num(width)
        if dash:
            attrs["stroke-dasharray"] = _dash(dash)


_ATTRIBUTE_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\n": "&#10;",
        "\r": "&#13;",
        "\t": "&#09;",
    }
)
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_NEEDS_ESCAPE = re.compile(r'[&<>"\n\r\t]')


def _attribute(text: str) -> str:
    # Most values are numbers and colours: only text that needs escaping is translated.
    return text.translate(_ATTRIBUTE_ESCAPES) if _NEEDS_ESCAPE.search(text) else text


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
    return f"{_open(name, attrs)}>{content.translate(_TEXT_ESCAPES)}</{name}>"


def _container(name: str, attrs: dict[str, str], children: list[str]) -> str:
    """A container element: each child on its own line."""
    if not children:
        return _open(name, attrs) + " />"
    return f"{_open(name, attrs)}>\n" + "\n".join(children) + f"\n</{name}>"


@lru_cache(maxsize=1024)
def _paint(name: str, value: str | None) -> str:
    """` name="value"`, or nothing for no value (as `_open` leaves out empty ones).

    Cached: a drawing uses a handful of colours thousands of times.
    """
    return f' {name}="{_attribute(value)}"' if value else ""


def _stroke_text(stroke: str | None, width: float, dash: tuple[float, ...]) -> str:
    """What `_stroke` adds, already written in sorted order."""
    if stroke is None or width <= 0:
        return ""
    dasharray = f' stroke-dasharray="{_dash(dash)}"' if dash else ""
    return f'{_paint("stroke", stroke)}{dasharray} stroke-width="{num(width)}"'


def _rect(shape: Rect, hatch_id: str | None, out: list[str]) -> None:
    # The hottest element: written directly, attributes in sorted order
    # (fill, height, rx, stroke…, width, x, y), the same bytes as `_leaf`.
    geometry = f'height="{num(shape.height)}"'
    if shape.radius > 0:
        geometry += f' rx="{num(shape.radius)}"'
    place = f'width="{num(shape.width)}" x="{num(shape.x)}" y="{num(shape.y)}" />'
    fill = _paint("fill", shape.fill if shape.fill is not None else "none")
    stroke = _stroke_text(shape.stroke, shape.stroke_width, shape.dash)
    out.append(f"<rect{fill} {geometry}{stroke} {place}")
    if shape.hatch and hatch_id is not None:
        out.append(f'<rect fill="url(#{_attribute(hatch_id)})" {geometry} {place}')


def _text(shape: Text) -> str:
    # Attributes in sorted order: fill, font-size, font-style, font-weight,
    # text-anchor, x, y.
    head = f'<text{_paint("fill", shape.fill)} font-size="{num(shape.size)}"'
    if shape.italic:
        head += ' font-style="italic"'
    if shape.bold:
        head += ' font-weight="bold"'
    if shape.anchor != "start":
        head += f' text-anchor="{shape.anchor}"'
    x = num(shape.x)
    head += f' x="{x}" y="{num(shape.y)}"'
    lines = shape.lines
    if len(lines) == 1:
        return f"{head}>{lines[0].translate(_TEXT_ESCAPES)}</text>"
    if not lines:
        return head + " />"
    # Tspans stay inline: whitespace between them would become visible spaces
    # in some viewers.
    y, step = shape.y, shape.line_height
    spans = "".join(
        f'<tspan x="{x}" y="{num(y + index * step)}">{line.translate(_TEXT_ESCAPES)}</tspan>'
        for index, line in enumerate(lines)
    )
    return f"{head}>{spans}</text>"


def _curve(shape: Curve) -> str:
    parts = [f"M{num(shape.start[0])},{num(shape.start[1])}"]
    for c1, c2, end in shape.segments:
        parts.append("C" + " ".join(f"{num(x)},{num(y)}" for x, y in (c1, c2, end)))
    attrs = {"d": "".join(parts), "fill": "none"}
    _stroke(attrs, shape.stroke, shape.width, shape.dash)
    attrs["stroke-linecap"] = "round"
    return _leaf("path", attrs)


def _line(item: Line) -> str:
    stroke = _stroke_text(item.stroke, item.width, item.dash)
    return (
        f'<line{stroke} x1="{num(item.x1)}" x2="{num(item.x2)}" '
        f'y1="{num(item.y1)}" y2="{num(item.y2)}" />'
    )


def _polyline(item: Polyline) -> str:
    attrs = {"points": _points(item.points), "fill": "none"}
    _stroke(attrs, item.stroke, item.width, item.dash)
    return _leaf("polyline", attrs)


def _polygon(item: Polygon) -> str:
    attrs = {"points": _points(item.points), "fill": item.fill or "none"}
    _stroke(attrs, item.stroke, item.stroke_width, ())
    return _leaf("polygon", attrs)


def _circle(item: Circle) -> str:
    attrs = {"cx": num(item.cx), "cy": num(item.cy), "r": num(item.r)}
    attrs["fill"] = item.fill or "none"
    _stroke(attrs, item.stroke, item.stroke_width, ())
    return _leaf("circle", attrs)


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


def _shape(item: Item, hatch_id: str | None, out: list[str]) -> None:
    """Append the lines of `item` to `out` (a group without an id adds its children)."""
    leaf = _LEAVES.get(type(item))
    if leaf is not None:
        out.append(leaf(item))
    elif isinstance(item, Rect):
        _rect(item, hatch_id, out)
    elif isinstance(item, Group):
        if item.id is None:
            for child in item.items:
                _shape(child, hatch_id, out)
            return
        children: list[str] = []
        for child in item.items:
            _shape(child, hatch_id, children)
        out.append(_container("g", {"id": item.id}, children))
    else:
        # A subclass of a shape: found the slow way.
        write = next(w for kind, w in _LEAVES.items() if isinstance(item, kind))
        out.append(write(item))


def to_svg(scene: Scene) -> str:
    """The scene as a standalone SVG document (UTF-8 text, ends with a newline)."""
    prefix = scene.id_prefix
    width, height = num(scene.width), num(scene.height)
    # The namespaces svgwrite's Drawing would add that nothing here uses
    # (xlink, ev) are left out: that keeps every file smaller.
    root = {
        "width": f"{width}px",
        "height": f"{height}px",
        "viewBox": f"0 0 {width} {height}",
        "role": "img",
        "aria-labelledby": f"{prefix}-title",
        "aria-describedby": f"{prefix}-desc",
        "font-family": scene.font_family,
        "xmlns": "http://www.w3.org/2000/svg",
        "version": SVG_VERSION,
    }
    children = [
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
        children.append(
            _container("defs", {}, [_container("pattern", pattern, [_leaf("line", stripe)])])
        )
    children.append(_leaf("rect", {"width": width, "height": height, "fill": scene.background}))
    for item in scene.items:
        _shape(item, hatch_id, children)
    return _container("svg", root, children) + "\n"
