"""Scene -> SVG text, following DESIGN.md's SVG profile.

Plain text/tspan, presentation attributes only, explicit ids (never
svgwrite's process-wide AutoID), numbers rounded to 2 decimals, one element
per line and sorted attributes, so the bytes depend only on the Scene.
"""

from __future__ import annotations

import re
from functools import lru_cache

import svgwrite  # type: ignore[import-untyped]
import svgwrite.base  # type: ignore[import-untyped]
import svgwrite.params  # type: ignore[import-untyped]

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

_CONTAINERS = frozenset({"svg", "g", "defs", "pattern"})


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


class _Factory:
    """svgwrite's way to share one (validation-off) Parameter among all elements.

    Without it every element builds its own Parameter and validator, which
    made emitting a 1,000-step map take most of a second.
    """

    _parameter = svgwrite.params.Parameter(debug=False, profile="full")


_FACTORY = _Factory()


class _Node(svgwrite.base.BaseElement):  # type: ignore[misc]
    """Any SVG element with explicit attributes and optional text content."""

    def __init__(self, name: str, attrs: dict[str, str], content: str | None = None) -> None:
        super().__init__(factory=_FACTORY)
        self.elementname = name
        self.attribs.update(attrs)
        self.content = content


def _element(name: str, attrs: dict[str, str], content: str | None = None) -> _Node:
    return _Node(name, attrs, content)


def _rect(shape: Rect, hatch_id: str | None) -> list[_Node]:
    attrs = {"x": num(shape.x), "y": num(shape.y), "width": num(shape.width)}
    attrs["height"] = num(shape.height)
    if shape.radius > 0:
        attrs["rx"] = num(shape.radius)
    attrs["fill"] = shape.fill if shape.fill is not None else "none"
    _stroke(attrs, shape.stroke, shape.stroke_width, shape.dash)
    out = [_element("rect", attrs)]
    if shape.hatch and hatch_id is not None:
        overlay = {k: v for k, v in attrs.items() if k in ("x", "y", "width", "height", "rx")}
        overlay["fill"] = f"url(#{hatch_id})"
        out.insert(1, _element("rect", overlay))
    return out


def _text(shape: Text) -> _Node:
    attrs = {"x": num(shape.x), "y": num(shape.y), "font-size": num(shape.size)}
    attrs["fill"] = shape.fill
    if shape.bold:
        attrs["font-weight"] = "bold"
    if shape.italic:
        attrs["font-style"] = "italic"
    if shape.anchor != "start":
        attrs["text-anchor"] = shape.anchor
    if len(shape.lines) == 1:
        return _element("text", attrs, shape.lines[0])
    element = _element("text", attrs)
    for index, line in enumerate(shape.lines):
        y = shape.y + index * shape.line_height
        span = _element("tspan", {"x": num(shape.x), "y": num(y)}, line)
        element.elements.append(span)
    return element


def _curve(shape: Curve) -> _Node:
    parts = [f"M{num(shape.start[0])},{num(shape.start[1])}"]
    for c1, c2, end in shape.segments:
        parts.append("C" + " ".join(f"{num(x)},{num(y)}" for x, y in (c1, c2, end)))
    attrs = {"d": "".join(parts), "fill": "none"}
    _stroke(attrs, shape.stroke, shape.width, shape.dash)
    attrs["stroke-linecap"] = "round"
    return _element("path", attrs)


def _shape(item: Item, hatch_id: str | None) -> list[_Node]:
    if isinstance(item, Group):
        children = [e for child in item.items for e in _shape(child, hatch_id)]
        if item.id is None:
            return children
        group = _element("g", {"id": item.id})
        group.elements.extend(children)
        return [group]
    if isinstance(item, Rect):
        return _rect(item, hatch_id)
    if isinstance(item, Text):
        return [_text(item)]
    if isinstance(item, Line):
        attrs = {"x1": num(item.x1), "y1": num(item.y1), "x2": num(item.x2), "y2": num(item.y2)}
        _stroke(attrs, item.stroke, item.width, item.dash)
        return [_element("line", attrs)]
    if isinstance(item, Polyline):
        attrs = {"points": _points(item.points), "fill": "none"}
        _stroke(attrs, item.stroke, item.width, item.dash)
        return [_element("polyline", attrs)]
    if isinstance(item, Polygon):
        attrs = {"points": _points(item.points), "fill": item.fill or "none"}
        _stroke(attrs, item.stroke, item.stroke_width, ())
        return [_element("polygon", attrs)]
    if isinstance(item, Circle):
        attrs = {"cx": num(item.cx), "cy": num(item.cy), "r": num(item.r)}
        attrs["fill"] = item.fill or "none"
        _stroke(attrs, item.stroke, item.stroke_width, ())
        return [_element("circle", attrs)]
    return [_curve(item)]


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


def _attribute(value: object) -> str:
    # Most values are numbers and colours: only text that needs escaping is translated.
    text = str(value)
    return text.translate(_ATTRIBUTE_ESCAPES) if _NEEDS_ESCAPE.search(text) else text


def _write(element: svgwrite.base.BaseElement, out: list[str]) -> None:
    """Serialise an element tree: sorted attributes, one element per line.

    Written here rather than through ElementTree because this is the hot path
    of a large map (tens of thousands of elements); the escaping is
    ElementTree's, so the bytes are what it would write. Text elements keep
    their tspans inline: whitespace between tspans would become visible
    spaces in some viewers.
    """
    name = element.elementname
    attrs = "".join(
        f' {key}="{_attribute(value)}"'
        for key, value in sorted(element.attribs.items())
        if value is not None and str(value)
    )
    content = getattr(element, "content", None)
    children = element.elements
    if not children and content is None:
        out.append(f"<{name}{attrs} />")
        return
    out.append(f"<{name}{attrs}>")
    if content is not None:
        out.append(content.translate(_TEXT_ESCAPES))
    inline = name not in _CONTAINERS
    for child in children:
        if not inline:
            out.append("\n")
        _write(child, out)
    if children and not inline:
        out.append("\n")
    out.append(f"</{name}>")


def to_svg(scene: Scene) -> str:
    """The scene as a standalone SVG document (UTF-8 text, ends with a newline)."""
    prefix = scene.id_prefix
    drawing = svgwrite.Drawing(
        size=(f"{num(scene.width)}px", f"{num(scene.height)}px"), profile="full", debug=False
    )
    drawing.attribs["viewBox"] = f"0 0 {num(scene.width)} {num(scene.height)}"
    drawing.attribs["role"] = "img"
    drawing.attribs["aria-labelledby"] = f"{prefix}-title"
    drawing.attribs["aria-describedby"] = f"{prefix}-desc"
    drawing.attribs["font-family"] = scene.font_family
    title = _element("title", {"id": f"{prefix}-title"}, scene.title)
    desc = _element("desc", {"id": f"{prefix}-desc"}, scene.description)
    drawing.elements.insert(0, title)
    drawing.elements.insert(1, desc)
    hatch_id = None
    if scene.hatch is not None:
        hatch = scene.hatch
        hatch_id = hatch.id
        pattern = _element(
            "pattern",
            {
                "id": hatch.id,
                "width": num(hatch.spacing),
                "height": num(hatch.spacing),
                "patternUnits": "userSpaceOnUse",
                "patternTransform": "rotate(45)",
            },
        )
        stripe = {"x1": "0", "y1": "0", "x2": "0", "y2": num(hatch.spacing)}
        _stroke(stripe, hatch.colour, hatch.width, ())
        pattern.elements.append(_element("line", stripe))
        drawing.defs.elements.append(pattern)
    else:
        drawing.elements.remove(drawing.defs)
    background = {"width": num(scene.width), "height": num(scene.height)}
    background["fill"] = scene.background
    drawing.elements.append(_element("rect", background))
    for item in scene.items:
        drawing.elements.extend(_shape(item, hatch_id))
    # What svgwrite's Drawing.get_xml would add, less the namespaces nothing
    # here uses (xlink, ev): dropping them keeps every file smaller.
    drawing.attribs["xmlns"] = "http://www.w3.org/2000/svg"
    drawing.attribs["version"] = drawing.version
    drawing.attribs.pop("baseProfile", None)
    out: list[str] = []
    _write(drawing, out)
    out.append("\n")
    return "".join(out)
