"""`render --annotate`: the report's hot spots, marked on a drawn journey map.

`hot_spots` decides what to mark from the report (no geometry); `annotate_map`
post-processes the map's Scene, finding the step cards and the emotion chart
by their element ids, and adds rings, outlines and one legend line in the
theme's colours. The biggest drop-off needs no mark here: the map's stage
band already flags it.
"""

import re
from typing import NamedTuple

from journeymap.analysis.report import Report
from journeymap.layout.boxes import Para, text_at
from journeymap.layout.scene import Circle, Group, Item, Rect, Scene, walk
from journeymap.layout.text import line_height
from journeymap.layout.themes import Theme
from journeymap.model.journey import Journey

_NOT_ID = re.compile(r"[^\w.-]")  # as the map's element ids (layout/map_context.py)
LEGEND_TEXT = "hot spot: lowest emotion, or pains without an opportunity"


class HotSpots(NamedTuple):
    lowest: tuple[tuple[str, int], ...]
    """(step id, score) of each curve's lowest points, without repeats."""
    biggest_drop: str | None
    """The stage after the biggest drop-off."""
    unanswered_pains: tuple[str, ...]
    """Steps with pain points and no opportunity."""

    def __bool__(self) -> bool:
        return bool(self.lowest or self.biggest_drop or self.unanswered_pains)


def hot_spots(journey: Journey, report: Report) -> HotSpots:
    """What `--annotate` marks: the report's lowest points, biggest drop, unanswered pains."""
    lowest: list[tuple[str, int]] = []
    for point in report.lowest:
        # Only points below neutral are hot spots: a to-be curve's low of +1 is not.
        if point.score < 0 and (point.step, point.score) not in lowest:
            lowest.append((point.step, point.score))
    unanswered = tuple(s.id for s in journey.steps() if s.pains and not s.opportunities)
    return HotSpots(tuple(lowest), report.funnel.biggest_drop, unanswered)


def _groups(items: tuple[Item, ...], out: dict[str, Group]) -> dict[str, Group]:
    for item in items:
        if isinstance(item, Group):
            if item.id is not None:
                out[item.id] = item
            _groups(item.items, out)
    return out


def _first_rect(group: Group | None) -> Rect | None:
    shapes = walk(group.items) if group else []
    return next((s for s in shapes if isinstance(s, Rect)), None)


def _box(group: Group) -> Rect | None:
    rects = [s for s in walk(group.items) if isinstance(s, Rect)]
    if not rects:
        return None
    left, top = min(r.x for r in rects), min(r.y for r in rects)
    return Rect(left, top, max(r.right for r in rects) - left, max(r.bottom for r in rects) - top)


def annotate_map(scene: Scene, spots: HotSpots, theme: Theme) -> Scene:
    """`scene` (a journey map) with the hot spots marked and a legend line below it."""
    if not spots:
        return scene
    sp, palette = theme.spacing, theme.palette
    groups = _groups(scene.items, {})

    def gid(*parts: str) -> str:
        return _NOT_ID.sub("_", "-".join((scene.id_prefix, *parts)))

    marks: list[Item] = []
    ring = theme.lines.curve
    chart = _first_rect(groups.get(gid("row", "emotion")))
    for step, score in spots.lowest:
        card = _first_rect(groups.get(gid("step", step)))
        if chart is None or card is None:
            continue  # narrowed away, or no emotion row
        # The chart spans 4 levels between equal paddings (layout/map_emotion.py).
        pad = (chart.height - 4 * sp.emotion_level) / 2
        y = chart.y + pad + (2 - score) * sp.emotion_level
        marks.append(Circle(card.x + card.width / 2, y, sp.marker_size, None, palette.fail, ring))
    for step in spots.unanswered_pains:
        pains = groups.get(gid("pains", step))
        box = _box(pains) if pains else None
        if box is not None:
            gap = sp.paragraph_gap
            marks.append(
                Rect(
                    box.x - gap,
                    box.y - gap,
                    box.width + 2 * gap,
                    box.height + 2 * gap,
                    None,
                    palette.fail,
                    theme.lines.card * 2,
                    sp.radius,
                    theme.lines.assumption_dash,
                )
            )
    if not marks:
        return scene
    size = theme.typography.note_size
    top = scene.height - sp.margin + sp.paragraph_gap
    ring_x = sp.margin + sp.marker_size
    lh = line_height(size)
    legend = (
        Circle(ring_x, top + lh / 2, sp.marker_size / 2, None, palette.fail, ring),
        text_at(
            Para(LEGEND_TEXT, size, palette.text),
            (LEGEND_TEXT,),
            ring_x + sp.marker_size + sp.badge_padding,
            top,
        ),
    )
    height = scene.height + lh + sp.paragraph_gap
    items = (
        *scene.items,
        Group(gid("hotspots"), tuple(marks)),
        Group(gid("hotspots", "legend"), legend),
    )
    return scene._replace(height=height, items=items)
