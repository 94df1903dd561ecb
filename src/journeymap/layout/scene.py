"""The Scene: positioned drawing primitives, the IR between layout and emitters.

Layout decides every position, size, colour and line break; an emitter only
translates these frozen records into its format. All numbers are px in a
coordinate system with the origin at the top left. Groups carry the ids that
emitters write out (already prefixed and unique within the scene).
"""

from typing import Literal, NamedTuple

Anchor = Literal["start", "middle", "end"]
Point = tuple[float, float]


class Rect(NamedTuple):
    x: float
    y: float
    width: float
    height: float
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 0.0
    radius: float = 0.0
    dash: tuple[float, ...] = ()
    hatch: bool = False
    """Overlay the scene's hatch pattern (assumptions)."""

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height


class Text(NamedTuple):
    """A block of already-wrapped lines; `y` is the first line's baseline."""

    x: float
    y: float
    lines: tuple[str, ...]
    size: float
    line_height: float
    fill: str
    bold: bool = False
    italic: bool = False
    anchor: Anchor = "start"


class Line(NamedTuple):
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str
    width: float
    dash: tuple[float, ...] = ()


class Polyline(NamedTuple):
    points: tuple[Point, ...]
    stroke: str
    width: float
    dash: tuple[float, ...] = ()


class Polygon(NamedTuple):
    points: tuple[Point, ...]
    fill: str | None
    stroke: str | None = None
    stroke_width: float = 0.0


class Circle(NamedTuple):
    cx: float
    cy: float
    r: float
    fill: str | None
    stroke: str | None = None
    stroke_width: float = 0.0


class Curve(NamedTuple):
    """A smooth open path: a move to `start`, then cubic Béziers (c1, c2, end)."""

    start: Point
    segments: tuple[tuple[Point, Point, Point], ...]
    stroke: str
    width: float
    dash: tuple[float, ...] = ()


Shape = Rect | Text | Line | Polyline | Polygon | Circle | Curve


class Group(NamedTuple):
    """A named part of the picture (a card, a row, a curve); `id` may be None."""

    id: str | None
    items: tuple["Shape | Group", ...]
    href: str | None = None
    """A validated http(s) address (model.links.link_target) the group links to, or None."""


Item = Shape | Group


class Hatch(NamedTuple):
    """The diagonal hatch overlaid on rects with `hatch=True`."""

    id: str
    colour: str
    spacing: float
    width: float


class Scene(NamedTuple):
    width: float
    height: float
    background: str
    font_family: str
    title: str
    description: str
    id_prefix: str
    items: tuple[Item, ...]
    hatch: Hatch | None = None


def walk(items: tuple[Item, ...]) -> list[Shape]:
    """Every shape in painting order, groups flattened."""
    out: list[Shape] = []
    for item in items:
        if isinstance(item, Group):
            out.extend(walk(item.items))
        else:
            out.append(item)
    return out


def any_hatched(items: tuple[Item, ...]) -> bool:
    """Whether any rect in `items` (groups searched) asks for the hatch overlay.

    What `any(... for s in walk(items))` answers, without building the list of
    every shape first: layouts ask it once per drawing of tens of thousands.
    """
    for item in items:
        if isinstance(item, Group):
            if any_hatched(item.items):
                return True
        elif isinstance(item, Rect) and item.hatch:
            return True
    return False
