"""The blueprint diff picture: the new service blueprint with its changed cards and flows marked.

Like the map's picture (diff_picture.py) it post-processes a layout and
marks groups found by the ids the blueprint writes (`{prefix}-{lane}-{key}`,
`{prefix}-flow-{source}.{target}`), with the shared marks of diff_marks.py.
Lane items are paired as the diff pairs them (by ID, else by text), because
the card a change belongs to is known only by its place in the cell.

A removed lane item is put back at the end of its step's cell (below the
cards that stayed), so the layout makes room for its ghost and routes flows
around it. The one place it cannot go is a customer lane that is now empty:
the cell then shows the step's name, which a ghost would displace, so that
item is listed under the legend ("removed: …") instead, as are removed flows.
"""

from typing import NamedTuple

from journeymap.analysis.diff.changes import Change, Kind, Scope, pair_up
from journeymap.analysis.diff.ghosts import merge
from journeymap.analysis.diff.marks import (
    ADDED,
    CHANGED,
    REMOVED,
    Mark,
    badge,
    decorate,
    gid,
    groups,
    legend_marks,
    put,
    was_label,
)
from journeymap.layout.blueprint import BlueprintOptions, layout_blueprint
from journeymap.layout.scene import Group, Item, Polyline, Rect, Scene, Shape, Text
from journeymap.layout.text import line_height, text_width
from journeymap.layout.themes import Theme, default_theme
from journeymap.model import journey as model


class _Plan(NamedTuple):
    journey: model.Journey
    """The journey laid out: the new one with removed steps and lane items put back."""
    marks: dict[str, Mark]
    """Card and stage group id -> mark (before the prefix-free flow marks)."""
    flows: dict[str, Mark]
    """Flow key (`source.target`) -> mark."""
    notes: list[str]
    """What could not be drawn in place: removed items and flows, as legend lines."""


def _item_key(item: model.LaneItem) -> tuple[str, str]:
    return ("id", item.id) if item.id is not None else ("text", item.text)


def _card_keys(step: model.Step, lane: str) -> list[str]:
    """The key of each card of a cell, as blueprint_cards.lane_cards names them."""
    items = step.lanes.lane(lane)
    if lane == "customer" and not items:
        return [f"{step.id}.customer"]
    return [item.id or f"{step.id}.{lane}.{n + 1}" for n, item in enumerate(items)]


def _same(a: model.LaneItem, b: model.LaneItem) -> bool:
    """Equal in everything drawn or diffed; where it was written does not count."""
    return a._replace(origin=None) == b._replace(origin=None)


def _step_flags(step: model.Step) -> tuple[bool, bool, bool]:
    return step.moment_of_truth, step.fail_point, step.assumption


def _lanes_of(
    old: model.Step, new: model.Step, prefix: str, marks: dict[str, Mark], notes: list[str]
) -> model.Lanes:
    """Mark one surviving step's cards; its lanes with the removed items appended as ghosts."""
    lanes: list[tuple[model.LaneItem, ...]] = []
    for lane in model.LANES:
        before, after = old.lanes.lane(lane), new.lanes.lane(lane)
        keys = _card_keys(new, lane)
        pairs, removed, _ = pair_up(before, after, _item_key)
        matched = {id(b): a for a, b in pairs}
        for n, item in enumerate(after):
            was = matched.get(id(item))
            if was is None:
                put(marks, gid(prefix, lane, keys[n]), Mark(ADDED))
            elif not _same(was, item):
                text = was.text if was.text != item.text else None
                put(marks, gid(prefix, lane, keys[n]), Mark(CHANGED, text))
        if lane == "customer" and not after:
            # The step's name stands in the cell; a ghost would take its place.
            notes += [f"removed: {i.text} ({new.name}, customer)" for i in removed]
            if removed:
                put(marks, gid(prefix, lane, keys[0]), Mark(CHANGED))
            removed = []
        for n in range(len(after), len(after) + len(removed)):
            put(marks, gid(prefix, lane, f"{new.id}.{lane}.{n + 1}"), Mark(REMOVED))
        # Ghosts lose their IDs: flows must not attach to them, and an ID may live on.
        lanes.append((*after, *(i._replace(id=None) for i in removed)))
    customer = _card_keys(new, "customer")[0]
    if not new.lanes.customer and old.name != new.name:
        put(marks, gid(prefix, "customer", customer), Mark(CHANGED, old.name))
    elif _step_flags(old) != _step_flags(new):
        put(marks, gid(prefix, "customer", customer), Mark(CHANGED))  # its flags are drawn there
    return model.Lanes(*lanes)


def _whole_step(step: model.Step, state: str, prefix: str, marks: dict[str, Mark]) -> None:
    for lane in model.LANES:
        for key in _card_keys(step, lane):
            put(marks, gid(prefix, lane, key), Mark(state))


def _flow_keys(flows: tuple[model.Flow, ...]) -> list[str]:
    """Each flow's group key, numbered as blueprint_flows.requests numbers repeats."""
    seen: dict[str, int] = {}
    out: list[str] = []
    for flow in flows:
        key = f"{flow.source}.{flow.target}"
        seen[key] = seen.get(key, 0) + 1
        out.append(key if seen[key] == 1 else f"{key}.{seen[key]}")
    return out


def _flow_marks(old: model.Journey, new: model.Journey, notes: list[str]) -> dict[str, Mark]:
    pairs, removed, added = pair_up(old.flows, new.flows, lambda f: (f.source, f.target))
    keys = dict(zip((id(f) for f in new.flows), _flow_keys(new.flows), strict=True))
    out = {keys[id(f)]: Mark(ADDED) for f in added}
    for a, b in pairs:
        if (a.label, a.is_async) != (b.label, b.is_async):
            was = (a.label or "no label") if a.label != b.label else None
            out[keys[id(b)]] = Mark(CHANGED, was)
    for f in removed:
        arrow = "-->" if f.is_async else "->"
        label = f": {f.label}" if f.label else ""
        notes.append(f"removed flow: {f.source} {arrow} {f.target}{label}")
    return out


def _plan(old: model.Journey, new: model.Journey, changes: list[Change], prefix: str) -> _Plan:
    merged = merge(old, new)
    marks: dict[str, Mark] = {}
    notes: list[str] = []
    old_steps = {s.id: s for s in old.steps()}
    stages: list[model.Stage] = []
    for stage in merged.journey.stages:
        steps: list[model.Step] = []
        for step in stage.steps:
            before = old_steps.get(step.id)
            if step.id in merged.ghost_steps:
                _whole_step(step, REMOVED, prefix, marks)
            elif before is None:
                _whole_step(step, ADDED, prefix, marks)
            else:
                step = step._replace(lanes=_lanes_of(before, step, prefix, marks, notes))
            steps.append(step)
        stages.append(stage._replace(steps=tuple(steps)))
    for ghost in merged.ghost_stages:
        if ghost is not None:
            put(marks, gid(prefix, "stage", ghost), Mark(REMOVED))
    for c in changes:
        # The stage bands are the map's: their name, count and conversion.
        if c.scope is Scope.STAGE and c.step is None and c.stage is not None:
            if c.subject == "stage" and c.kind is Kind.ADDED:
                put(marks, gid(prefix, "stage", c.stage), Mark(ADDED))
            elif c.kind is not Kind.REMOVED or c.subject != "stage":
                was = c.old if c.subject == "stage" and c.kind is Kind.RENAMED else None
                put(marks, gid(prefix, "stage", c.stage), Mark(CHANGED, was))
    flows = _flow_marks(old, new, notes)
    return _Plan(merged.journey._replace(stages=tuple(stages)), marks, flows, notes)


def _flow_badge(flow: Group, label: Group | None, mark: Mark, theme: Theme) -> list[Shape]:
    """A badge at the flow's label (its top right), or mid-way along an unlabelled one."""
    box = next((s for s in label.items if isinstance(s, Rect)), None) if label else None
    if box is not None:
        shapes = badge(mark.state, box.right, box.y, theme)
        if mark.was:
            shapes += was_label(mark.was, box.x, box.right, box.y - 2, theme)
        return shapes
    line = next((s for s in flow.items if isinstance(s, Polyline)), None)
    if line is None:
        return []
    x, y = line.points[len(line.points) // 2]
    return badge(mark.state, x, y, theme)


def _legend(
    x: float, y: float, notes: list[str], prefix: str, theme: Theme
) -> tuple[Group, float, float]:
    """The marks, then a line per change that has no place in the picture; (group, h, w)."""
    size = theme.typography.note_size
    lh = line_height(size)
    shapes, right = legend_marks(x, y, theme)
    flows = "(on a flow: at its label)"
    shapes.append(Text(right, y + lh * 0.8, (flows,), size, lh, theme.palette.text))
    right += text_width(flows, size)
    row = lh + 6  # room for the round badges of adjacent lines
    for n, note in enumerate(notes, start=1):
        top = y + n * row
        shapes += badge(REMOVED, x + size * 0.8, top + lh / 2, theme)
        shapes.append(Text(x + 2 * size, top + lh * 0.8, (note,), size, lh, theme.palette.text))
        right = max(right, x + 2 * size + text_width(note, size))
    return Group(gid(prefix, "diff", "legend"), tuple(shapes)), lh + len(notes) * row + 4, right


def blueprint_diff_scene(
    old: model.Journey,
    new: model.Journey,
    changes: list[Change],
    theme: Theme | None = None,
    *,
    id_prefix: str = "jm",
) -> Scene:
    """The NEW service blueprint with the changes from OLD drawn on it."""
    theme = theme or default_theme()
    plan = _plan(old, new, changes, id_prefix)
    scene = layout_blueprint(plan.journey, theme, BlueprintOptions(id_prefix=id_prefix))
    by_id = {g.id: g for g in groups(scene.items) if g.id}
    flow_of = {gid(id_prefix, "flow", key): mark for key, mark in plan.flows.items()}

    def rebuild(items: tuple[Item, ...]) -> tuple[Item, ...]:
        out: list[Item] = []
        for item in items:
            if not isinstance(item, Group):
                out.append(item)
                continue
            group = Group(item.id, rebuild(item.items))
            mark = plan.marks.get(group.id or "")
            if mark is not None:
                group = decorate(group, mark, theme)
            out.append(group)
        return tuple(out)

    # Flow badges go last, over every line and label, as the labels themselves do.
    badges: list[Item] = []
    for flow_id, mark in flow_of.items():
        flow = by_id.get(flow_id)
        if flow is not None:
            shapes = _flow_badge(flow, by_id.get(f"{flow_id}-label"), mark, theme)
            badges.append(Group(f"{flow_id}-diff", tuple(shapes)))
    margin = theme.spacing.margin
    legend, height, right = _legend(margin, scene.height - margin / 2, plan.notes, id_prefix, theme)
    return scene._replace(
        items=(*rebuild(scene.items), *badges, legend),
        width=max(scene.width, right + margin),
        height=scene.height + height + margin / 2,
        description=f"Changes drawn on the blueprint: {len(changes)}. {scene.description}",
    )
