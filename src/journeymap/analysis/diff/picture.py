"""The diff picture: the new map with added, changed and removed cards marked (VISUAL.md).

The map layout knows nothing of diffs, so this module post-processes its
Scene. It lays out the new journey with removed stages and steps put back
(`ghosts.merge`), then finds cards by the group ids the layout writes
(`{prefix}-{row}-{step id}`) and decorates them (diff_marks.py, shared with
the blueprint's picture): added cards get a solid
outline and a "+" badge, changed ones a dashed outline, a "~" badge and
"was: …" where a name changed; removed ones are drawn faint, struck through
and badged with a minus sign. The old emotion curve goes faintly behind the new one, and a
legend explains the marks. Marks differ by outline style and badge, never
by colour alone.
"""

from __future__ import annotations

from journeymap.analysis.diff.changes import Change, Kind, Scope
from journeymap.analysis.diff.ghosts import merge
from journeymap.analysis.diff.marks import (
    ADDED,
    CHANGED,
    NOT_ID,
    REMOVED,
    Mark,
    bounds,
    decorate,
    gid,
    groups,
    legend_marks,
    put,
)
from journeymap.layout.map import MapOptions, layout_map
from journeymap.layout.scene import Circle, Group, Item, Line, Polyline, Rect, Scene, Shape, Text
from journeymap.layout.text import line_height
from journeymap.layout.themes import Theme, default_theme
from journeymap.model import journey as model

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


def _marks(
    changes: list[Change], ghosts: frozenset[str], ghost_stages: frozenset[str | None], prefix: str
) -> dict[str, Mark]:
    """Group id -> how to mark it."""
    marks: dict[str, Mark] = {}
    for step in ghosts:
        for row in _STEP_ROWS:
            put(marks, gid(prefix, row, step), Mark(REMOVED))
    for stage in ghost_stages:
        if stage is not None:
            put(marks, gid(prefix, "stage", stage), Mark(REMOVED))
    for c in changes:
        if c.scope is not Scope.STAGE:
            continue
        if c.subject == "stage" and c.stage is not None:
            state = ADDED if c.kind is Kind.ADDED else CHANGED
            was = c.old if c.kind is Kind.RENAMED else None
            if c.kind is not Kind.REMOVED:
                put(marks, gid(prefix, "stage", c.stage), Mark(state, was))
        elif c.step is None:
            if c.stage is not None:
                put(marks, gid(prefix, "stage", c.stage), Mark(CHANGED))
        elif c.subject == "step" and c.kind is Kind.ADDED:
            for row in _STEP_ROWS:
                put(marks, gid(prefix, row, c.step), Mark(ADDED))
        elif c.subject == "touchpoint" and c.kind is Kind.ADDED and c.key is not None:
            put(marks, gid(prefix, "tp", c.key), Mark(ADDED))
        elif c.kind is not Kind.REMOVED or c.subject != "step":
            row = _ROW_OF.get(c.subject, "step")
            was = c.old if c.subject == "step" and c.kind is Kind.RENAMED else None
            put(marks, gid(prefix, row, c.step), Mark(CHANGED, was, gid(prefix, "step", c.step)))
    return marks


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
        curve = gid(prefix, "diff", "old-curve", f"{persona or 'all'}.{variant or 'all'}")
        items.append(Group(curve, tuple(shapes)))
    return items


def _legend(x: float, y: float, prefix: str, theme: Theme) -> tuple[Group, float]:
    size = theme.typography.note_size
    lh = line_height(size)
    shapes, cx = legend_marks(x, y, theme)
    shapes.append(
        Polyline(
            ((cx, y + lh / 2), (cx + 28, y + lh / 2)),
            theme.palette.muted,
            theme.lines.grid * 2,
            (2.0, 3.0),
        )
    )
    shapes.append(Text(cx + 36, y + lh * 0.8, ("old emotion curve",), size, lh, theme.palette.text))
    return Group(gid(prefix, "diff", "legend"), tuple(shapes)), lh + 4


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
    step_prefix = gid(id_prefix, "step", "")
    for item in groups(scene.items):
        box = bounds(item.items)
        if box and item.id and item.id.startswith(step_prefix):
            centres[item.id[len(step_prefix) :]] = (box[0] + box[2]) / 2
    drawn = {g.id for g in groups(scene.items)}
    for marked, mark in list(marks.items()):
        if marked not in drawn and mark.fallback is not None and mark.fallback not in marks:
            marks[mark.fallback] = Mark(CHANGED)
    old_centres = {
        s.id: centres[NOT_ID.sub("_", s.id)]
        for s in old.steps()
        if NOT_ID.sub("_", s.id) in centres
    }

    def rebuild(items: tuple[Item, ...]) -> tuple[Item, ...]:
        out: list[Item] = []
        for item in items:
            if not isinstance(item, Group):
                out.append(item)
                continue
            group = Group(item.id, rebuild(item.items))
            if group.id == gid(id_prefix, "row", "emotion"):
                found = _level_lines(group)
                if found is not None:
                    behind = _old_curves(old, old_centres, found[1], id_prefix, theme)
                    first = next(
                        (n for n, i in enumerate(group.items) if isinstance(i, Group)),
                        len(group.items),
                    )
                    group = Group(group.id, (*group.items[:first], *behind, *group.items[first:]))
            mark = marks.get(group.id or "")
            out.append(decorate(group, mark, theme) if mark else group)
        return tuple(out)

    legend, height = _legend(
        theme.spacing.margin, scene.height - theme.spacing.margin / 2, id_prefix, theme
    )
    return scene._replace(
        items=(*rebuild(scene.items), legend),
        height=scene.height + height + theme.spacing.margin / 2,
        description=f"Changes drawn on the map: {len(changes)}. {scene.description}",
    )
