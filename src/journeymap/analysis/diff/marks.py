"""The marks every diff picture draws: outlines, badges, ghosts and the legend (VISUAL.md).

Shared by the map (diff_picture.py) and the blueprint (diff_blueprint.py):
each lays out its view, finds the groups it wants to mark by id, and hands
them to `decorate`. Marks differ by outline style and badge, never by colour
alone: added is a solid outline and "+", changed a dashed outline and "~"
(with "was: …"), removed a faint struck-through ghost and a minus sign.
"""

import re
from typing import NamedTuple

from journeymap.layout.scene import Circle, Group, Item, Line, Polyline, Rect, Shape, Text, walk
from journeymap.layout.text import line_height, text_width
from journeymap.layout.themes import Theme

ADDED, CHANGED, REMOVED = "added", "changed", "removed"
BADGE = {ADDED: "+", CHANGED: "~", REMOVED: "\u2212"}
NOT_ID = re.compile(r"[^\w.-]")  # as journeymap.layout.map_context builds ids


class Mark(NamedTuple):
    state: str
    was: str | None = None
    fallback: str | None = None
    """The group to mark instead when this one is not drawn (its last item went)."""


def gid(prefix: str, *parts: str) -> str:
    """The id the layouts give a group (MapContext.id), to find it in the Scene."""
    return NOT_ID.sub("_", "-".join((prefix, *parts)))


def put(marks: dict[str, Mark], group: str, mark: Mark) -> None:
    """Record a mark; added and removed win over changed, which is the weaker news."""
    if group not in marks or mark.state != CHANGED:
        marks[group] = mark


def bounds(items: tuple[Item, ...]) -> tuple[float, float, float, float] | None:
    """(left, top, right, bottom) of the rects in `items`: a card's outline."""
    rects = [s for s in walk(items) if isinstance(s, Rect)]
    if not rects:
        return None
    return (
        min(r.x for r in rects),
        min(r.y for r in rects),
        max(r.right for r in rects),
        max(r.bottom for r in rects),
    )


def groups(items: tuple[Item, ...]) -> list[Group]:
    """Every group, nested ones included, in painting order."""
    out: list[Group] = []
    for item in items:
        if isinstance(item, Group):
            out.append(item)
            out.extend(groups(item.items))
    return out


def badge(state: str, x: float, y: float, theme: Theme) -> list[Shape]:
    """A round badge centred on (x, y): "+" added, "~" changed, a minus sign removed."""
    size = theme.typography.note_size
    glyph = size * 1.25  # the tilde is small in most fonts; all three get the same size
    fill = theme.palette.background if state == REMOVED else theme.palette.text
    ink = theme.palette.text if state == REMOVED else theme.palette.background
    return [
        Circle(x, y, size * 0.8, fill, theme.palette.text, theme.lines.glyph),
        Text(
            x,
            y + glyph * 0.33,
            (BADGE[state],),
            glyph,
            line_height(glyph),
            ink,
            bold=True,
            anchor="middle",
        ),
    ]


def _faint(shape: Shape, theme: Theme) -> Shape:
    muted, bg = theme.palette.muted, theme.palette.background
    if isinstance(shape, Rect):
        return shape._replace(
            fill=bg if shape.fill else None,
            stroke=muted,
            stroke_width=max(shape.stroke_width, theme.lines.grid),
            dash=(3.0, 3.0),
            hatch=False,
        )
    if isinstance(shape, Text):
        return shape._replace(fill=muted)
    if isinstance(shape, Circle):
        return shape._replace(fill=bg if shape.fill else None, stroke=muted)
    if isinstance(shape, Line | Polyline):
        return shape._replace(stroke=muted)
    return shape._replace(stroke=muted) if hasattr(shape, "stroke") else shape


def ghost_items(items: tuple[Item, ...], theme: Theme) -> tuple[Item, ...]:
    """`items` drawn faint: muted ink, dashed outlines, no fills or hatching."""
    return tuple(
        Group(i.id, ghost_items(i.items, theme)) if isinstance(i, Group) else _faint(i, theme)
        for i in items
    )


def was_label(text: str, left: float, right: float, top: float, theme: Theme) -> list[Shape]:
    """ "was: …" just above a mark's top edge, right-aligned, on a knock-out."""
    size = theme.typography.note_size
    label = f"was: {text}"
    width = text_width(label, size)
    x = max(left, right - size - width - 2)
    return [
        Rect(x - 2, top - size, width + 4, line_height(size), theme.palette.background),
        Text(x, top - size * 0.2, (label,), size, line_height(size), theme.palette.text),
    ]


def decorate(group: Group, mark: Mark, theme: Theme) -> Group:
    """The group with its mark: outline (solid or dashed) or ghosting, badge, "was: …"."""
    box = bounds(group.items)
    if box is None:
        return group
    left, top, right, bottom = box
    out = 2.5  # just outside the card's own outline
    items = ghost_items(group.items, theme) if mark.state == REMOVED else group.items
    extra: list[Shape] = []
    ink = theme.palette.text
    if mark.state == REMOVED:
        mid = (top + bottom) / 2
        extra.append(Line(left, mid, right, mid, ink, theme.lines.glyph))
    else:
        dash = (5.0, 3.0) if mark.state == CHANGED else ()
        extra.append(
            Rect(
                left - out,
                top - out,
                right - left + 2 * out,
                bottom - top + 2 * out,
                None,
                ink,
                2.0,
                theme.spacing.radius + out,
                dash,
            )
        )
    extra.extend(badge(mark.state, right, top, theme))
    if mark.was:
        extra.extend(was_label(mark.was, left, right, top, theme))
    return Group(group.id, (*items, *extra))


def legend_marks(x: float, y: float, theme: Theme) -> tuple[list[Shape], float]:
    """ "Changes:" and a sample of the three marks from (x, y); the shapes and the x after."""
    size = theme.typography.note_size
    lh = line_height(size)
    ink = theme.palette.text
    shapes: list[Shape] = [Text(x, y + lh * 0.8, ("Changes:",), size, lh, ink, bold=True)]
    cx = x + text_width("Changes:", size, True) + 16
    entries = [
        (ADDED, "added"),
        (CHANGED, "changed (was: old text)"),
        (REMOVED, "removed (in its old place)"),
    ]
    for state, label in entries:
        box = Rect(
            cx,
            y + 2,
            28,
            lh - 4,
            None if state != REMOVED else theme.palette.background,
            ink if state != REMOVED else theme.palette.muted,
            2.0 if state != REMOVED else 1,
            3,
            (5.0, 3.0) if state != ADDED else (),
        )
        shapes.append(box)
        if state == REMOVED:
            shapes.append(Line(cx, y + lh / 2, cx + 28, y + lh / 2, ink, theme.lines.glyph))
        shapes += badge(state, cx + 28, y + 2, theme)
        shapes.append(Text(cx + 40, y + lh * 0.8, (label,), size, lh, ink))
        cx += 40 + text_width(label, size) + 20
    return shapes, cx
