"""Small vector glyphs: curve markers, flags, touchpoint kinds, priorities.

Drawn as shapes rather than Unicode symbols so they look the same in every
viewer and font. Each glyph is centred on (cx, cy) and fits a `size` square;
the proportions below are the glyph's drawing, not layout spacing.
"""

from __future__ import annotations

import math

from journeymap.layout.scene import Circle, Curve, Line, Point, Polygon, Polyline, Rect, Shape


def marker(
    shape: str, cx: float, cy: float, size: float, fill: str | None, stroke: str, width: float
) -> tuple[Shape, ...]:
    """An emotion-curve marker: circle, diamond, square, triangle or triangle-down."""
    h = size / 2
    if shape == "circle":
        return (Circle(cx, cy, h * 0.9, fill, stroke, width),)
    if shape == "square":
        s = h * 0.8
        return (
            Polygon(
                ((cx - s, cy - s), (cx + s, cy - s), (cx + s, cy + s), (cx - s, cy + s)),
                fill,
                stroke,
                width,
            ),
        )
    if shape == "diamond":
        return (
            Polygon(((cx, cy - h), (cx + h, cy), (cx, cy + h), (cx - h, cy)), fill, stroke, width),
        )
    if shape == "triangle":
        return (
            Polygon(
                ((cx, cy - h), (cx + h, cy + h * 0.8), (cx - h, cy + h * 0.8)), fill, stroke, width
            ),
        )
    return (
        Polygon(
            ((cx - h, cy - h * 0.8), (cx + h, cy - h * 0.8), (cx, cy + h)), fill, stroke, width
        ),
    )


def star(cx: float, cy: float, size: float, fill: str) -> tuple[Shape, ...]:
    """The moment-of-truth star (five points)."""
    outer, inner = size / 2, size / 2 * 0.45
    points: list[Point] = []
    for i in range(10):
        r = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return (Polygon(tuple(points), fill),)


def warning(cx: float, cy: float, size: float, colour: str, knockout: str) -> tuple[Shape, ...]:
    """The fail-point marker: a filled triangle with an exclamation mark."""
    h = size / 2
    tri = Polygon(((cx, cy - h), (cx + h, cy + h * 0.85), (cx - h, cy + h * 0.85)), colour)
    bar = Line(cx, cy - h * 0.3, cx, cy + h * 0.3, knockout, size * 0.12)
    dot = Circle(cx, cy + h * 0.58, size * 0.06, knockout)
    return (tri, bar, dot)


def switch(cx: float, cy: float, size: float, colour: str, width: float) -> tuple[Shape, ...]:
    """The channel-switch marker: two opposed arrows (⇄)."""
    h = size / 2
    head = size * 0.28
    top, bottom = cy - h * 0.4, cy + h * 0.4
    return (
        Line(cx - h, top, cx + h - head / 2, top, colour, width),
        Polygon(
            ((cx + h, top), (cx + h - head, top - head * 0.6), (cx + h - head, top + head * 0.6)),
            colour,
        ),
        Line(cx - h + head / 2, bottom, cx + h, bottom, colour, width),
        Polygon(
            (
                (cx - h, bottom),
                (cx - h + head, bottom - head * 0.6),
                (cx - h + head, bottom + head * 0.6),
            ),
            colour,
        ),
    )


def kind(
    name: str | None, cx: float, cy: float, size: float, colour: str, width: float
) -> tuple[Shape, ...]:
    """A touchpoint kind: digital (a screen), physical (a building), human (a person)."""
    h = size / 2
    if name == "digital":
        return (
            Rect(cx - h, cy - h * 0.8, size, h * 1.3, None, colour, width, size * 0.12),
            Line(cx - h * 0.45, cy + h * 0.85, cx + h * 0.45, cy + h * 0.85, colour, width),
        )
    if name == "physical":
        return (
            Polyline(
                (
                    (cx - h, cy - h * 0.05),
                    (cx, cy - h),
                    (cx + h, cy - h * 0.05),
                    (cx + h * 0.75, cy - h * 0.05),
                    (cx + h * 0.75, cy + h),
                    (cx - h * 0.75, cy + h),
                    (cx - h * 0.75, cy - h * 0.05),
                    (cx - h, cy - h * 0.05),
                ),
                colour,
                width,
            ),
        )
    if name == "human":
        return (
            Circle(cx, cy - h * 0.45, h * 0.4, None, colour, width),
            Curve(
                (cx - h * 0.85, cy + h),
                (
                    (
                        (cx - h * 0.85, cy + h * 0.1),
                        (cx + h * 0.85, cy + h * 0.1),
                        (cx + h * 0.85, cy + h),
                    ),
                ),
                colour,
                width,
            ),
        )
    return (Circle(cx, cy, h * 0.55, None, colour, width),)


def priority(
    level: str, cx: float, cy: float, size: float, colour: str, width: float
) -> tuple[Shape, ...]:
    """Priority: high = filled up-triangle, medium = filled diamond, low = open down-triangle."""
    if level == "high":
        return marker("triangle", cx, cy, size, colour, colour, width)
    if level == "medium":
        return marker("diamond", cx, cy, size, colour, colour, width)
    return marker("triangle-down", cx, cy, size, None, colour, width)


def drop(cx: float, cy: float, size: float, colour: str) -> tuple[Shape, ...]:
    """The biggest drop-off mark: a filled down-pointing triangle."""
    return marker("triangle-down", cx, cy, size, colour, colour, 0)


def face(
    score: int, cx: float, cy: float, size: float, colour: str, width: float
) -> tuple[Shape, ...]:
    """A face for an emotion score: the mouth bends with the score (-2 .. +2)."""
    h = size / 2
    eye_y, eye_dx, eye_r = cy - h * 0.25, h * 0.35, size * 0.06
    mouth_y, mouth_dx = cy + h * 0.3, h * 0.45
    bend = score * h * 0.14  # how far the mouth's middle drops (smile) or rises (frown)
    mouth = Curve(
        (cx - mouth_dx, mouth_y - bend / 2),
        (
            (
                (cx - mouth_dx / 2, mouth_y + bend),
                (cx + mouth_dx / 2, mouth_y + bend),
                (cx + mouth_dx, mouth_y - bend / 2),
            ),
        ),
        colour,
        width,
    )
    return (
        Circle(cx, cy, h, None, colour, width),
        Circle(cx - eye_dx, eye_y, eye_r, colour),
        Circle(cx + eye_dx, eye_y, eye_r, colour),
        mouth,
    )


def arrowhead(tip_x: float, tip_y: float, direction: float, size: float, colour: str) -> Shape:
    """A filled arrowhead `size` long, tip at (tip_x, tip_y), pointing right (+1) or left (-1)."""
    back = tip_x - direction * size
    half = size * 0.45
    return Polygon(((tip_x, tip_y), (back, tip_y - half), (back, tip_y + half)), colour)


def verdict(
    state: str, cx: float, cy: float, size: float, colour: str, knockout: str, width: float
) -> tuple[Shape, ...]:
    """A target's verdict, told by shape as well as colour: met is a circle with a tick,
    missed a downward triangle with a cross, no data a hollow square."""
    h = size / 2
    if state == "met":
        tick = ((cx - h * 0.45, cy), (cx - h * 0.1, cy + h * 0.35), (cx + h * 0.5, cy - h * 0.35))
        return (Circle(cx, cy, h * 0.95, colour), Polyline(tick, knockout, size * 0.14))
    if state == "missed":
        tri = Polygon(((cx - h, cy - h * 0.85), (cx + h, cy - h * 0.85), (cx, cy + h)), colour)
        s, top = h * 0.28, cy - h * 0.28
        return (
            tri,
            Line(cx - s, top - s, cx + s, top + s, knockout, size * 0.12),
            Line(cx - s, top + s, cx + s, top - s, knockout, size * 0.12),
        )
    s = h * 0.75
    square = ((cx - s, cy - s), (cx + s, cy - s), (cx + s, cy + s), (cx - s, cy + s))
    return (Polygon(square, None, colour, width),)
