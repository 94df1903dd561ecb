"""Service-blueprint layout and SVG: geometry on the Scene, routing, narrowing, goldens."""

from __future__ import annotations

import hashlib
import itertools
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import journeymap
from journeymap.emit.views import render_blueprint_svg
from journeymap.layout.blueprint import BlueprintOptions, layout_blueprint
from journeymap.layout.routing import assign_tracks
from journeymap.layout.scene import Group, Item, Line, Polygon, Polyline, Rect, Scene, Text, walk
from journeymap.layout.themes import load_theme
from journeymap.model.journey import Flow, Journey, LaneItem, Lanes, Stage, Step
from tests.conftest import GALLERY, REPO
from tests.golden import check_golden
from tests.layout.test_map_layout import contains, find_group, group_ids, overlaps, text_box
from tests.map_fixtures import minimal

GOLDENS = Path(__file__).resolve().parent / "goldens" / "blueprint"
THEMES = ("default", "dark", "high-contrast", "print")
EPS = 0.01


def small() -> Journey:
    """Two stages, three steps; forward, backward, cross-stage and same-cell flows."""

    def item(id_: str | None, text: str, **kw: object) -> LaneItem:
        return LaneItem(id_, text, **kw)  # type: ignore[arg-type]

    ask = Step(
        "ask",
        "Asks for a quote",
        lanes=Lanes(
            frontstage=(item("desk", "Agent takes the request", owner="sales"),),
            backstage=(
                item("price", "Prices the job", duration="5m", fail_point=True),
                item("check", "Checks stock", assumption=True),
            ),
            support=(item("erp", "ERP", system="SAP"),),
        ),
    )
    wait = Step("wait", "Waits for the quote", fail_point=True)
    sign = Step(
        "sign",
        "Signs",
        lanes=Lanes(
            customer=(item("signs", "Signs the quote online"),),
            frontstage=(item("portal", "Portal shows the quote"),),
            backstage=(item("book", "Books the job", owner="ops", wait="1d"),),
            policy=(item(None, "Quotes are valid for 30 days"),),
        ),
    )
    flows = (
        Flow("desk", "price", "Asks"),
        Flow("price", "erp", "Reads prices"),
        Flow("price", "check"),
        Flow("check", "portal", "Quote ready", is_async=True),
        Flow("book", "erp", "Reserves", is_async=True),
        Flow("sign", "desk", "Thanks"),
        Flow("ask", "portal"),
    )
    return Journey(
        title="Quote and sign",
        stages=(
            Stage("quote", "Quote", steps=(ask, wait)),
            Stage("close", "Close", steps=(sign,)),
        ),
        flows=flows,
    )


def gallery(name: str) -> Journey:
    return journeymap.load(GALLERY / f"{name}.journey")


GALLERY_NAMES = sorted(p.stem for p in GALLERY.glob("*.journey"))


def scene(journey: Journey, theme: str = "default", **options: object) -> Scene:
    return layout_blueprint(journey, load_theme(theme), BlueprintOptions(**options))  # type: ignore[arg-type]


def groups(items: tuple[Item, ...], prefix: str) -> list[Group]:
    out: list[Group] = []
    for item in items:
        if isinstance(item, Group):
            if item.id and item.id.startswith(prefix):
                out.append(item)
            out.extend(groups(item.items, prefix))
    return out


def cards(s: Scene) -> dict[str, Rect]:
    """Every lane card's outline by group id."""
    lanes = ("evidence", "customer", "frontstage", "backstage", "support", "policy")
    out = {}
    for lane in lanes:
        for g in groups(s.items, f"jm-{lane}-"):
            first = g.items[0]
            assert isinstance(first, Rect)
            out[str(g.id)] = first
    return out


def flows(s: Scene) -> dict[str, tuple[Polyline, Polygon]]:
    out = {}
    for g in groups(s.items, "jm-flow-"):
        if str(g.id).endswith("-label"):
            continue
        line, head = g.items[0], g.items[1]
        assert isinstance(line, Polyline) and isinstance(head, Polygon)
        out[str(g.id)] = (line, head)
    return out


def labels(s: Scene) -> list[Rect]:
    out = []
    for g in groups(s.items, "jm-flow-"):
        if str(g.id).endswith("-label"):
            box = g.items[0]
            assert isinstance(box, Rect)
            out.append(box)
    return out


def crosses_interior(a: tuple[float, float], b: tuple[float, float], r: Rect) -> bool:
    """Does the axis-parallel segment a-b pass through the inside of `r`?"""
    (x1, y1), (x2, y2) = a, b
    lo_x, hi_x, lo_y, hi_y = min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2)
    return lo_x < r.right - EPS and hi_x > r.x + EPS and lo_y < r.bottom - EPS and hi_y > r.y + EPS


CASES = [("small", small)] + [(n, lambda n=n: gallery(n)) for n in GALLERY_NAMES]
# Map-only gallery files (no lanes, no flows) have nothing for the flow checks to look at.
FLOW_CASES = [(n, make) for n, make in CASES if n == "small" or gallery(n).flows]


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("name,make", CASES, ids=[c[0] for c in CASES])
def test_texts_fit_their_cards_and_cards_never_overlap(name: str, make: object, theme: str) -> None:
    s = scene(make(), theme)  # type: ignore[operator]
    shapes = walk(s.items)
    rects = [x for x in shapes if isinstance(x, Rect)]
    for a, b in itertools.combinations(rects, 2):
        assert not overlaps(a, b) or contains(a, b) or contains(b, a), (a, b)
    page = Rect(0, 0, s.width, s.height)
    texts = [x for x in shapes if isinstance(x, Text)]
    for text in texts:
        left, top, right, bottom = text_box(text)
        mid = (left + right) / 2
        holders = [r for r in rects if r.x <= mid <= r.right and r.y <= text.y <= r.bottom]
        card = min(holders, key=lambda r: r.width * r.height, default=page)
        assert card.x - EPS <= left and right <= card.right + EPS, (text.lines, card)
        assert card.y - EPS <= top and bottom <= card.bottom + EPS, (text.lines, card)
    boxes = [text_box(t) for t in texts]
    for a, b in itertools.combinations(boxes, 2):
        apart = a[2] <= b[0] + EPS or b[2] <= a[0] + EPS or a[3] <= b[1] + EPS or b[3] <= a[1] + EPS
        assert apart, (a, b)


@pytest.mark.parametrize("name,make", FLOW_CASES, ids=[c[0] for c in FLOW_CASES])
def test_flows_are_orthogonal_and_never_cross_a_card(name: str, make: object) -> None:
    s = scene(make())  # type: ignore[operator]
    outlines = cards(s)
    drawn = flows(s)
    assert drawn
    for key, (line, head) in drawn.items():
        points = line.points
        assert len(points) >= 2
        for a, b in itertools.pairwise(points):
            assert abs(a[0] - b[0]) < EPS or abs(a[1] - b[1]) < EPS, (key, a, b)
            for card_id, rect in outlines.items():
                assert not crosses_interior(a, b, rect), (key, card_id, a, b)
        # The arrowhead's tip touches a card edge; the head lies outside every card.
        tip = head.points[0]
        assert any(
            (abs(tip[0] - r.x) < EPS or abs(tip[0] - r.right) < EPS) and r.y < tip[1] < r.bottom
            for r in outlines.values()
        ), key
        start = points[0]
        assert any(
            (abs(start[0] - r.x) < EPS or abs(start[0] - r.right) < EPS)
            and r.y < start[1] < r.bottom
            for r in outlines.values()
        ), key


@pytest.mark.parametrize("name,make", FLOW_CASES, ids=[c[0] for c in FLOW_CASES])
def test_labels_sit_clear_of_cards_labels_and_other_flows(name: str, make: object) -> None:
    s = scene(make())  # type: ignore[operator]
    boxes = labels(s)
    assert boxes
    for box in boxes:
        for rect in cards(s).values():
            assert not overlaps(box, rect), (box, rect)
    for a, b in itertools.combinations(boxes, 2):
        assert not overlaps(a, b), (a, b)
    for key, (line, _) in flows(s).items():
        for a, b in itertools.pairwise(line.points):
            hits = [box for box in boxes if crosses_interior(a, b, box)]
            # A flow may run under its own label (knocked out), never under another's.
            assert len(hits) <= 1, (key, hits)
            if hits and abs(a[0] - b[0]) < EPS:
                pytest.fail(f"{key}: a vertical segment passes under a label")


def test_arrows_into_one_card_are_spread() -> None:
    s = scene(gallery("online-return"))
    tips: dict[float, list[float]] = {}
    for line, head in flows(s).values():
        tips.setdefault(round(head.points[0][0], 2), []).append(head.points[0][1])
        del line
    theme = load_theme("default")
    ends = [(round(line.points[0][0], 2), line.points[0][1]) for line, _ in flows(s).values()] + [
        (round(head.points[0][0], 2), head.points[0][1]) for _, head in flows(s).values()
    ]
    for (x1, y1), (x2, y2) in itertools.combinations(ends, 2):
        if x1 == x2:
            assert abs(y1 - y2) >= theme.spacing.port_gap / 2, (x1, y1, y2)


def test_customer_lane_falls_back_to_the_step_name_and_joins_in_sequence() -> None:
    s = scene(small())
    outline = cards(s)
    assert "jm-customer-ask.customer" in outline and "jm-customer-wait.customer" in outline
    texts = [
        t.lines
        for t in walk(find_group(s.items, "jm-customer-ask.customer").items)
        if isinstance(t, Text)
    ]
    assert texts == [("Asks for a quote",)]
    assert "jm-customer-signs" in outline and "jm-customer-sign.customer" not in outline
    arrows = [x for x in walk(find_group(s.items, "jm-sequence").items) if isinstance(x, Line)]
    assert len(arrows) == 2
    assert len({round(a.y1, 2) for a in arrows}) == 1  # one level line, left to right
    assert all(a.x1 < a.x2 for a in arrows)


def test_fail_points_are_marked_and_counted_in_the_legend() -> None:
    s = scene(small())
    legend = [
        t.lines[0] for t in walk(find_group(s.items, "jm-legend").items) if isinstance(t, Text)
    ]
    assert "2 fail points" in legend
    assert {"synchronous flow", "asynchronous flow", "assumption (not yet researched)"} <= set(
        legend
    )
    price = walk(find_group(s.items, "jm-backstage-price").items)
    assert any(isinstance(x, Polygon) for x in price)  # the warning triangle
    check = find_group(s.items, "jm-backstage-check").items[0]
    assert isinstance(check, Rect) and check.hatch
    assert "Fail points: Waits for the quote; Prices the job." in s.description


def test_three_named_lines_with_visibility_strongest() -> None:
    s = scene(small())
    ids = set(group_ids(s.items))
    assert {"jm-line-interaction", "jm-line-visibility", "jm-line-internal"} <= ids
    widths = {}
    for key in ("interaction", "visibility", "internal"):
        line = find_group(s.items, f"jm-line-{key}").items[0]
        assert isinstance(line, Line)
        widths[key] = line.width
    assert widths["visibility"] > max(widths["interaction"], widths["internal"])
    vis = find_group(s.items, "jm-line-visibility").items[0]
    assert isinstance(vis, Line) and vis.dash


def test_lane_narrowing_keeps_columns_and_drops_lanes_and_their_flows() -> None:
    full = scene(small())
    narrow = scene(small(), lanes=("customer", "frontstage"))
    ids = set(group_ids(narrow.items))
    assert {"jm-lane-customer", "jm-lane-frontstage", "jm-line-interaction"} <= ids
    assert not {"jm-lane-backstage", "jm-lane-evidence", "jm-line-visibility"} & ids
    before, after = cards(full), cards(narrow)
    assert set(after) == {k for k in before if k.startswith(("jm-customer", "jm-frontstage"))}
    for key, rect in after.items():
        assert (rect.x, rect.width, rect.height) == (
            before[key].x,
            before[key].width,
            before[key].height,
        )
    assert set(flows(narrow)) == {"jm-flow-sign.desk", "jm-flow-ask.portal"}


def test_stage_narrowing_closes_gaps_without_moving_the_rest() -> None:
    journey = gallery("b2b-onboarding")
    full = cards(scene(journey))
    narrow = cards(scene(journey, stages=("setup", "first_run")))
    assert "jm-customer-sign" not in narrow and "jm-customer-upload_file" in narrow
    shift = full["jm-customer-upload_file"].x - narrow["jm-customer-upload_file"].x
    assert shift > 0
    for key, rect in narrow.items():
        assert rect.width == full[key].width
        assert rect.x == pytest.approx(full[key].x - shift)


def test_persona_narrowing_keeps_the_personas_steps() -> None:
    journey = gallery("clinic-visit")
    ids = set(group_ids(scene(journey, personas=("ingrid",)).items))
    assert "jm-frontstage-exam" not in ids  # the consultation is Tomas's alone
    assert "jm-frontstage-triage" not in ids
    assert "jm-frontstage-kiosk_print" in ids


def test_columns_line_up_with_the_map() -> None:
    from journeymap.layout.map import layout_map

    journey = gallery("clinic-visit")
    map_cards = {}
    for g in groups(layout_map(journey, load_theme("default")).items, "jm-step-"):
        first = g.items[0]
        assert isinstance(first, Rect)
        map_cards[str(g.id).removeprefix("jm-step-")] = first.width
    blueprint = {k.removeprefix("jm-customer-"): r.width for k, r in cards(scene(journey)).items()}
    for step, width in map_cards.items():
        mine = [w for k, w in blueprint.items() if k.startswith(f"{step}.") or k == step]
        assert all(w == width for w in mine)


def test_track_assignment_is_interval_partitioning() -> None:
    tracks, count = assign_tracks([(0, 10), (2, 4), (5, 8), (11, 12), (3, 20)], 0.5)
    assert count == 3
    spans = [(0, 10), (2, 4), (5, 8), (11, 12), (3, 20)]
    for (i, a), (j, b) in itertools.combinations(enumerate(spans), 2):
        if a[0] < b[1] + 0.5 and b[0] < a[1] + 0.5:
            assert tracks[i] != tracks[j]


def test_svg_profile_and_determinism() -> None:
    svg = render_blueprint_svg(small(), id_prefix="bp")
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        assert tag not in {"script", "foreignObject", "image", "a", "use"}
        assert not any(name.lower().startswith("on") for name in element.attrib)
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)) and all(str(i).startswith("bp-") for i in ids)
    code = (
        "import hashlib, sys; sys.path.insert(0, sys.argv[1]);"
        "from tests.layout.test_blueprint_layout import small, gallery;"
        "from journeymap.emit.views import render_blueprint_svg;"
        "print(hashlib.sha256((render_blueprint_svg(small())"
        " + render_blueprint_svg(gallery('online-return'))).encode()).hexdigest())"
    )
    digests = set()
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", code, str(REPO)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        digests.add(done.stdout.strip())
    local = render_blueprint_svg(small()) + render_blueprint_svg(gallery("online-return"))
    digests.add(hashlib.sha256(local.encode()).hexdigest())
    assert len(digests) == 1


GOLDEN_CASES = {
    "small": (small, "default", None),
    "small-dark": (small, "dark", None),
    "minimal": (minimal, "default", None),
    "small-lanes-print": (small, "print", ("customer", "frontstage", "backstage")),
}


@pytest.mark.parametrize("case", sorted(GOLDEN_CASES))
def test_golden_svg(case: str) -> None:
    make, theme, lanes = GOLDEN_CASES[case]
    got = render_blueprint_svg(make(), load_theme(theme), lanes=lanes)
    golden = GOLDENS / f"{case}.svg"
    check_golden(golden, got)
