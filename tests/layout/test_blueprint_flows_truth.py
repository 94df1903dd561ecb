"""Blueprint flows say what is there: one arrow per hand-over, customer flows above the line."""

from __future__ import annotations

import journeymap
from journeymap.layout.blueprint import layout_blueprint
from journeymap.layout.scene import Group, Item, Line, Polygon, Polyline, Rect, walk
from journeymap.layout.themes import load_theme
from tests.conftest import REPO

FLOWS = REPO / "tests" / "browser" / "fixtures" / "flows.journey"


def _group(items: tuple[Item, ...], wanted: str) -> Group:
    for item in items:
        if isinstance(item, Group):
            if item.id == wanted:
                return item
            try:
                return _group(item.items, wanted)
            except KeyError:
                pass
    raise KeyError(wanted)


def test_a_flow_between_neighbouring_steps_replaces_the_next_step_arrow() -> None:
    scene = layout_blueprint(journeymap.load(FLOWS), load_theme("default"))
    form = _group(scene.items, "jm-customer-form.customer.1")
    pay = _group(scene.items, "jm-customer-pay.customer.1")
    right = next(s for s in form.items if hasattr(s, "width")).x + 1  # inside form's card
    left = next(s for s in pay.items if hasattr(s, "width")).x
    sequence = _group(scene.items, "jm-sequence")
    between = [
        s for s in sequence.items if isinstance(s, Line) and right < s.x1 + 1 and s.x2 < left + 1
    ]
    assert between == []  # no implicit arrow form -> pay
    flow = _group(scene.items, "jm-flow-form.pay")
    heads = [s for s in flow.items if isinstance(s, Polygon)]
    assert len(heads) == 1
    # The other neighbours keep their implicit arrow: pay -> wait, wait -> park.
    assert len([s for s in sequence.items if isinstance(s, Line)]) == 2


def test_a_flow_between_customer_steps_stays_above_the_line_of_interaction() -> None:
    scene = layout_blueprint(journeymap.load(FLOWS), load_theme("default"))
    line = next(
        s for s in walk(_group(scene.items, "jm-line-interaction").items) if isinstance(s, Line)
    )
    flow = _group(scene.items, "jm-flow-form.park")
    (path,) = [s for s in flow.items if isinstance(s, Polyline)]
    assert max(y for _, y in path.points) < line.y1


LANE_NAMES = ("evidence", "customer", "frontstage", "backstage", "support", "policy")


def _lanes(scene_items: tuple[Item, ...]) -> dict[str, tuple[float, float]]:
    out = {}
    for lane in LANE_NAMES:
        try:
            group = _group(scene_items, f"jm-lane-{lane}")
        except KeyError:
            continue
        rect = next(s for s in group.items if hasattr(s, "height"))
        out[lane] = (rect.y, rect.y + rect.height)  # type: ignore[union-attr]
    return out


def _lane_of(y: float, lanes: dict[str, tuple[float, float]]) -> str:
    return next(lane for lane, (top, bottom) in lanes.items() if top <= y <= bottom)


def test_no_flow_crosses_a_lane_it_need_not_cross() -> None:
    """A flow passes only through lanes between its two ends' lanes (any route must)."""
    sources = [*sorted((REPO / "gallery").glob("*.journey")), FLOWS]
    checked = 0
    for source in sources:
        journey = journeymap.load(source)
        scene = layout_blueprint(journey, load_theme("default"))
        lanes = _lanes(scene.items)
        order = [lane for lane in LANE_NAMES if lane in lanes]
        flows = [g for g in _all_groups(scene.items) if g.id and g.id.startswith("jm-flow-")]
        for group in flows:
            if group.id.endswith("-label"):  # type: ignore[union-attr]
                continue
            (path,) = [s for s in group.items if isinstance(s, Polyline)]
            (head,) = [s for s in group.items if isinstance(s, Polygon)]
            start = _lane_of(path.points[0][1], lanes)
            end = _lane_of(head.points[0][1], lanes)
            low, high = sorted((order.index(start), order.index(end)))
            allowed = set(order[low : high + 1])
            for (_x1, y1), (_x2, y2) in zip(path.points, path.points[1:], strict=False):
                for lane, (top, bottom) in lanes.items():
                    inside = min(y1, y2) < bottom - 1 and max(y1, y2) > top + 1
                    assert not inside or lane in allowed, (source.name, group.id, lane)
            checked += 1
    assert checked > 30


def _all_groups(items: tuple[Item, ...]) -> list[Group]:
    out = []
    for item in items:
        if isinstance(item, Group):
            out.append(item)
            out.extend(_all_groups(item.items))
    return out


def _gap(box: tuple[float, float, float, float], path: Polyline) -> float:
    """Distance from a box (x, y, right, bottom) to an orthogonal polyline."""
    x0, y0, x1, y1 = box
    best = float("inf")
    for (ax, ay), (bx, by) in zip(path.points, path.points[1:], strict=False):
        dx = max(0.0, min(ax, bx) - x1, x0 - max(ax, bx))
        dy = max(0.0, min(ay, by) - y1, y0 - max(ay, by))
        best = min(best, (dx * dx + dy * dy) ** 0.5)
    return best


def test_each_flow_label_sits_by_its_own_arrow() -> None:
    """Within 12 px of its own line and nearer to it than to any other flow's, on the
    Scene: neighbours in one lane bow into the channel beside the label, and a leg with
    a label beside it takes the gutter's outer track on the label's side."""
    theme = load_theme("default")
    pad = theme.spacing.badge_padding
    sources = [*sorted((REPO / "gallery").glob("*.journey")), FLOWS]
    far: list[str] = []
    checked = 0
    for source in sources:
        scene = layout_blueprint(journeymap.load(source), theme)
        groups = {g.id: g for g in _all_groups(scene.items) if g.id.startswith("jm-flow-")}
        paths = {
            gid: next(s for s in g.items if isinstance(s, Polyline))
            for gid, g in groups.items()
            if not gid.endswith("-label")
        }
        for gid, group in groups.items():
            if not gid.endswith("-label"):
                continue
            plate = next(s for s in group.items if isinstance(s, Rect))
            # The text inside its knock-out plate, as draw_flows places it.
            text = (plate.x + pad, plate.y + pad / 2, plate.right - pad, plate.bottom - pad / 2)
            own = gid.removesuffix("-label")
            mine = _gap(text, paths[own])
            nearest = min((_gap(text, p) for k, p in paths.items() if k != own), default=99.0)
            if mine > 12 or nearest <= mine:
                far.append(f"{source.name} {own}: {mine:.1f} px, another at {nearest:.1f}")
            checked += 1
    assert checked > 40
    assert far == []
