"""The diff picture: the new map with added, changed and removed cards marked (VISUAL.md).

The map layout knows nothing of diffs, so this module post-processes its
Scene. It lays out the new journey with removed stages and steps put back
(`ghosts.merge`), then finds cards by the group ids the layout writes
(`{prefix}-{row}-{step id}`) and decorates them: added cards get a solid
outline and a "+" badge, changed ones a dashed outline, a "~" badge and
"was: …" where a name changed; removed ones are drawn faint, struck through
and badged with a minus sign. The old emotion curve goes faintly behind the new one, and a
legend explains the marks. Marks differ by outline style and badge, never
by colour alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from journeymap import model
from journeymap.layout.map import MapOptions, layout_map
from journeymap.layout.text import line_height, text_width
from journeymap.review.changes import Change, Kind, Scope
from journeymap.review.ghosts import merge
from journeymap.scene import Circle, Group, Item, Line, Polyline, Rect, Scene, Shape, Text, walk
from journeymap.themes import Theme, default_theme

ADDED, CHANGED, REMOVED = "added", "changed", "removed"
_BADGE = {ADDED: "+", CHANGED: "~", REMOVED: "\u2212"}
_NOT_ID = re.compile(r"[^\w.-]")  # as journeymap.layout.map_context builds ids
# Rows of the map whose cells are one group per step: `{prefix}-{row}-{step}`.
_STEP_ROWS = (
    "step",
    "touchpoints",
    "thinking",
    "pains",
    "delights",
    "opportunities",
    "owners",
    "metrics",
    "notes",
)
_ROW_OF = {
    "touchpoint": "touchpoints",
    "thought": "thinking",
    "pain": "pains",
    "delight": "delights",
    "opportunity": "opportunities",
    "metric": "metrics",
    "count": "metrics",
    "note": "notes",
}
_SCORES = (2, 1, 0, -1, -2)


@dataclass(frozen=True, slots=True)
class _Mark:
    state: str
    was: str | None = None
    fallback: str | None = None
    """The step card to mark instead when the cell is not drawn (its last item went)."""


def _gid(prefix: str, *parts: str) -> str:
    return _NOT_ID.sub("_", "-".join((prefix, *parts)))


def _marks(
    changes: list[Change], ghosts: frozenset[str], ghost_stages: frozenset[str | None], prefix: str
) -> dict[str, _Mark]:
    """Group id -> how to mark it."""
    marks: dict[str, _Mark] = {}

    def put(gid: str, mark: _Mark) -> None:
        if gid not in marks or mark.state != CHANGED:  # added/removed win over changed
            marks[gid] = mark

    for step in ghosts:
        for row in _STEP_ROWS:
            put(_gid(prefix, row, step), _Mark(REMOVED))
    for stage in ghost_stages:
        if stage is not None:
            put(_gid(prefix, "stage", stage), _Mark(REMOVED))
    for c in changes:
        if c.scope is not Scope.STAGE:
            continue
        if c.subject == "stage" and c.stage is not None:
            state = ADDED if c.kind is Kind.ADDED else CHANGED
            was = c.old if c.kind is Kind.RENAMED else None
            if c.kind is not Kind.REMOVED:
                put(_gid(prefix, "stage", c.stage), _Mark(state, was))
        elif c.step is None:
            if c.stage is not None:
                put(_gid(prefix, "stage", c.stage), _Mark(CHANGED))
        elif c.subject == "step" and c.kind is Kind.ADDED:
            for row in _STEP_ROWS:
                put(_gid(prefix, row, c.step), _Mark(ADDED))
        elif c.subject == "touchpoint" and c.kind is Kind.ADDED and c.key is not None:
            put(_gid(prefix, "tp", c.key), _Mark(ADDED))
        elif c.kind is not Kind.REMOVED or c.subject != "step":
            row = _ROW_OF.get(c.subject, "step")
            was = c.old if c.subject == "step" and c.kind is Kind.RENAMED else None
            put(_gid(prefix, row, c.step), _Mark(CHANGED, was, _gid(prefix, "step", c.step)))
    return marks


def _bounds(items: tuple[Item, ...]) -> tuple[float, float, float, float] | None:
    rects = [s for s in walk(items) if isinstance(s, Rect)]
    if not rects:
        return None
    return (
        min(r.x for r in rects),
        min(r.y for r in rects),
        max(r.right for r in rects),
        max(r.bottom for r in rects),
    )


def _badge(state: str, x: float, y: float, theme: Theme) -> list[Shape]:
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
            (_BADGE[state],),
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
        return replace(
            shape,
            fill=bg if shape.fill else None,
            stroke=muted,
            stroke_width=max(shape.stroke_width, theme.lines.grid),
            dash=(3.0, 3.0),
            hatch=False,
        )
    if isinstance(shape, Text):
        return replace(shape, fill=muted)
    if isinstance(shape, Circle):
        return replace(shape, fill=bg if shape.fill else None, stroke=muted)
    if isinstance(shape, Line | Polyline):
        return replace(shape, stroke=muted)
    return replace(shape, stroke=muted) if hasattr(shape, "stroke") else shape


def _ghost_items(items: tuple[Item, ...], theme: Theme) -> tuple[Item, ...]:
    return tuple(
        Group(i.id, _ghost_items(i.items, theme)) if isinstance(i, Group) else _faint(i, theme)
        for i in items
    )


def _decorate(group: Group, mark: _Mark, theme: Theme) -> Group:
    box = _bounds(group.items)
    if box is None:
        return group
    left, top, right, bottom = box
    out = 2.5  # just outside the card's own outline
    items = _ghost_items(group.items, theme) if mark.state == REMOVED else group.items
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
    extra.extend(_badge(mark.state, right, top, theme))
    if mark.was:
        size = theme.typography.note_size
        label = f"was: {mark.was}"
        width = text_width(label, size)
        x = max(left, right - size - width - 2)
        extra.append(
            Rect(x - 2, top - size, width + 4, line_height(size), theme.palette.background)
        )
        extra.append(Text(x, top - size * 0.2, (label,), size, line_height(size), ink))
    return Group(group.id, (*items, *extra))


def _level_lines(group: Group) -> tuple[float, dict[int, float]] | None:
    """The emotion chart's level y by score, from its background and five level lines."""
    items = group.items
    for n, item in enumerate(items):
        if isinstance(item, Rect) and n + 5 < len(items):
            lines = items[n + 1 : n + 6]
            if all(isinstance(line, Line) for line in lines):
                return item.x, {
                    s: line.y1
                    for s, line in zip(_SCORES, lines, strict=True)
                    if isinstance(line, Line)
                }
    return None


def _old_curves(
    old: model.Journey,
    centres: dict[str, float],
    levels: dict[int, float],
    prefix: str,
    theme: Theme,
) -> list[Item]:
    """The old journey's emotion points, joined per persona and variant, faint and dashed."""
    curves: dict[tuple[str | None, str | None], list[tuple[float, float] | None]] = {}
    for step in old.steps():
        x = centres.get(step.id)
        if x is None:
            continue
        seen: set[tuple[str | None, str | None]] = set()
        for e in step.emotions:
            key = (e.persona, e.variant)
            seen.add(key)
            curves.setdefault(key, []).append((x, levels[e.score]))
        for key, points in curves.items():
            if key not in seen:
                points.append(None)
    items: list[Item] = []
    for (persona, variant), points in sorted(curves.items(), key=lambda kv: str(kv[0])):
        runs: list[list[tuple[float, float]]] = [[]]
        for p in points:
            if p is None:
                runs.append([])
            else:
                runs[-1].append(p)
        shapes: list[Shape] = []
        for run in runs:
            if len(run) >= 2:
                shapes.append(
                    Polyline(tuple(run), theme.palette.muted, theme.lines.grid * 2, (2.0, 3.0))
                )
            shapes += [
                Circle(x, y, 2.5, theme.palette.background, theme.palette.muted, theme.lines.grid)
                for x, y in run
            ]
        gid = _gid(prefix, "diff", "old-curve", f"{persona or 'all'}.{variant or 'all'}")
        items.append(Group(gid, tuple(shapes)))
    return items


def _legend(x: float, y: float, prefix: str, theme: Theme) -> tuple[Group, float]:
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
        shapes += _badge(state, cx + 28, y + 2, theme)
        shapes.append(Text(cx + 40, y + lh * 0.8, (label,), size, lh, ink))
        cx += 40 + text_width(label, size) + 20
    shapes.append(
        Polyline(
            ((cx, y + lh / 2), (cx + 28, y + lh / 2)),
            theme.palette.muted,
            theme.lines.grid * 2,
            (2.0, 3.0),
        )
    )
    shapes.append(Text(cx + 36, y + lh * 0.8, ("old emotion curve",), size, lh, ink))
    return Group(_gid(prefix, "diff", "legend"), tuple(shapes)), lh + 4


def diff_scene(
    old: model.Journey,
    new: model.Journey,
    changes: list[Change],
    theme: Theme | None = None,
    *,
    id_prefix: str = "jm",
) -> Scene:
    """The NEW map with the changes from OLD drawn on it."""
    theme = theme or default_theme()
    merged = merge(old, new)
    scene = layout_map(merged.journey, theme, MapOptions(id_prefix=id_prefix))
    marks = _marks(changes, merged.ghost_steps, merged.ghost_stages, id_prefix)
    centres: dict[str, float] = {}
    step_prefix = _gid(id_prefix, "step", "")
    for item in _groups(scene.items):
        box = _bounds(item.items)
        if box and item.id and item.id.startswith(step_prefix):
            centres[item.id[len(step_prefix) :]] = (box[0] + box[2]) / 2
    drawn = {g.id for g in _groups(scene.items)}
    for gid, mark in list(marks.items()):
        if gid not in drawn and mark.fallback is not None and mark.fallback not in marks:
            marks[mark.fallback] = _Mark(CHANGED)
    old_centres = {
        s.id: centres[_NOT_ID.sub("_", s.id)]
        for s in old.steps()
        if _NOT_ID.sub("_", s.id) in centres
    }

    def rebuild(items: tuple[Item, ...]) -> tuple[Item, ...]:
        out: list[Item] = []
        for item in items:
            if not isinstance(item, Group):
                out.append(item)
                continue
            group = Group(item.id, rebuild(item.items))
            if group.id == _gid(id_prefix, "row", "emotion"):
                found = _level_lines(group)
                if found is not None:
                    behind = _old_curves(old, old_centres, found[1], id_prefix, theme)
                    first = next(
                        (n for n, i in enumerate(group.items) if isinstance(i, Group)),
                        len(group.items),
                    )
                    group = Group(group.id, (*group.items[:first], *behind, *group.items[first:]))
            mark = marks.get(group.id or "")
            out.append(_decorate(group, mark, theme) if mark else group)
        return tuple(out)

    legend, height = _legend(
        theme.spacing.margin, scene.height - theme.spacing.margin / 2, id_prefix, theme
    )
    return replace(
        scene,
        items=(*rebuild(scene.items), legend),
        height=scene.height + height + theme.spacing.margin / 2,
        description=f"Changes drawn on the map: {len(changes)}. {scene.description}",
    )


def _groups(items: tuple[Item, ...]) -> list[Group]:
    out: list[Group] = []
    for item in items:
        if isinstance(item, Group):
            out.append(item)
            out.extend(_groups(item.items))
    return out


def render_diff_svg(
    old: model.Journey, new: model.Journey, changes: list[Change], theme: Theme | None = None
) -> str:
    """The diff picture as SVG text."""
    from journeymap.emit.svg import to_svg

    return to_svg(diff_scene(old, new, changes, theme))
