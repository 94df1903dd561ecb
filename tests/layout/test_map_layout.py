"""Journey-map layout and SVG: geometry on the Scene, the SVG profile, goldens."""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.emit.views import render_map_svg
from journeymap.layout.boxes import baseline_offset
from journeymap.layout.map import MapOptions, layout_map
from journeymap.layout.scene import Curve, Group, Item, Rect, Scene, Text, walk
from journeymap.layout.text import text_width
from journeymap.layout.themes import load_theme
from journeymap.model.journey import Emotion, Journey, Opportunity, Stage, Step, Touchpoint
from tests.golden import check_golden
from tests.map_fixtures import generated, minimal, one_step, outpatient

REPO = Path(__file__).resolve().parents[2]
GOLDENS = Path(__file__).resolve().parent / "goldens" / "map"
SVG = "{http://www.w3.org/2000/svg}"
THEMES = ("default", "dark", "high-contrast", "print")
EPS = 0.01


def scene_of(journey_name: str = "outpatient", theme: str = "default", **options: object) -> Scene:
    journey = {"outpatient": outpatient, "minimal": minimal, "one_step": one_step}[journey_name]()
    return layout_map(journey, load_theme(theme), MapOptions(**options))  # type: ignore[arg-type]


def group_ids(items: tuple[Item, ...]) -> list[str]:
    out: list[str] = []
    for item in items:
        if isinstance(item, Group):
            if item.id:
                out.append(item.id)
            out.extend(group_ids(item.items))
    return out


def find_group(items: tuple[Item, ...], wanted: str) -> Group:
    for item in items:
        if isinstance(item, Group):
            if item.id == wanted:
                return item
            try:
                return find_group(item.items, wanted)
            except KeyError:
                pass
    raise KeyError(wanted)


def contains(outer: Rect, inner: Rect) -> bool:
    return (
        outer.x - EPS <= inner.x
        and inner.right <= outer.right + EPS
        and outer.y - EPS <= inner.y
        and inner.bottom <= outer.bottom + EPS
    )


def overlaps(a: Rect, b: Rect) -> bool:
    return (
        a.x < b.right - EPS
        and b.x < a.right - EPS
        and a.y < b.bottom - EPS
        and b.y < a.bottom - EPS
    )


def text_box(text: Text) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a text block from measured widths and line boxes."""
    widths = [text_width(line, text.size, text.bold) for line in text.lines]
    widest = max(widths)
    left = {"start": text.x, "middle": text.x - widest / 2, "end": text.x - widest}[text.anchor]
    top = text.y - baseline_offset(text.size)
    return left, top, left + widest, top + len(text.lines) * text.line_height


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("name", ["outpatient", "minimal", "one_step"])
def test_every_text_fits_inside_its_card(name: str, theme: str) -> None:
    scene = scene_of(name, theme)
    shapes = walk(scene.items)
    rects = [s for s in shapes if isinstance(s, Rect)]
    page = Rect(0, 0, scene.width, scene.height)
    for text in (s for s in shapes if isinstance(s, Text)):
        left, top, right, bottom = text_box(text)
        anchor_x = (left + right) / 2
        holders = [r for r in rects if r.x <= anchor_x <= r.right and r.y <= text.y <= r.bottom]
        card = min(holders, key=lambda r: r.width * r.height, default=page)
        assert card.x - EPS <= left and right <= card.right + EPS, (text.lines, card)
        assert card.y - EPS <= top and bottom <= card.bottom + EPS, (text.lines, card)


@pytest.mark.parametrize("name", ["outpatient", "minimal", "one_step"])
def test_cards_never_overlap(name: str) -> None:
    """Any two rectangles are apart or one holds the other (a badge in its card)."""
    rects = [s for s in walk(scene_of(name).items) if isinstance(s, Rect)]
    for a, b in itertools.combinations(rects, 2):
        assert not overlaps(a, b) or contains(a, b) or contains(b, a), (a, b)


def test_texts_never_overlap_each_other() -> None:
    texts = [text_box(s) for s in walk(scene_of().items) if isinstance(s, Text)]
    for a, b in itertools.combinations(texts, 2):
        apart = a[2] <= b[0] + EPS or b[2] <= a[0] + EPS or a[3] <= b[1] + EPS or b[3] <= a[1] + EPS
        assert apart, (a, b)


def test_full_map_has_every_row_and_the_minimal_one_omits_empty_rows() -> None:
    full = set(group_ids(scene_of().items))
    rows = ["actions", "touchpoints", "thinking", "emotion", "pains", "delights"]
    rows += ["opportunities", "owners", "metrics"]
    assert {f"jm-row-{row}" for row in rows} <= full
    small = {i for i in group_ids(scene_of("minimal").items) if i.startswith("jm-row-")}
    assert small == {"jm-row-actions", "jm-row-emotion"}


def test_narrowing_by_persona_keeps_their_steps_and_curves() -> None:
    ids = set(group_ids(scene_of(personas=("ingrid",)).items))
    assert "jm-step-consult" not in ids  # Tomas only
    assert {"jm-step-call", "jm-step-wait", "jm-persona-ingrid"} <= ids
    assert "jm-persona-tomas" not in ids
    curves = {i for i in ids if i.startswith("jm-curve-")}
    assert curves == {"jm-curve-ingrid.as-is", "jm-curve-ingrid.to-be"}


def test_narrowing_by_stage_only_closes_gaps() -> None:
    full = scene_of()
    narrow = scene_of(stages=("visit",))
    ids = set(group_ids(narrow.items))
    assert {"jm-stage-visit", "jm-step-wait"} <= ids
    assert not {"jm-stage-book", "jm-step-call", "jm-stage-after"} & ids

    def step_cards(scene: Scene) -> dict[str, Rect]:
        out = {}
        for item in find_group(scene.items, "jm-row-actions").items:
            if isinstance(item, Group) and isinstance(item.items[0], Rect):
                out[str(item.id)] = item.items[0]
        return out

    before, after = step_cards(full), step_cards(narrow)
    assert list(after) == ["jm-step-arrive", "jm-step-wait", "jm-step-consult"]
    shift = before["jm-step-arrive"].x - after["jm-step-arrive"].x
    for key, card in after.items():
        assert card.width == before[key].width
        assert card.x == pytest.approx(before[key].x - shift)


def test_emotion_curve_has_a_gap_where_a_step_has_no_emotion() -> None:
    scene = scene_of()
    to_be = find_group(scene.items, "jm-curve-tomas.to-be")
    curves = [s for s in to_be.items if isinstance(s, Curve)]
    # call, confirm, arrive, wait, consult are joined; pay has none; physio stands alone.
    assert len(curves) == 1 and len(curves[0].segments) == 4
    pay = find_group(scene.items, "jm-step-pay").items[0]
    assert isinstance(pay, Rect)
    assert all(end[0] < pay.x for _, _, end in curves[0].segments)


def test_moment_fail_and_assumption_are_marked() -> None:
    scene = scene_of()
    wait = walk(find_group(scene.items, "jm-step-wait").items)
    assert len(wait) > 3  # card, title, star, warning parts
    pay = find_group(scene.items, "jm-step-pay").items[0]
    assert isinstance(pay, Rect) and pay.hatch and pay.dash
    assert scene.hatch is not None


def test_svg_profile() -> None:
    svg = render_map_svg(outpatient(), id_prefix="knee")
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "knee-title"
    assert root.get("aria-describedby") == "knee-desc"
    assert re.fullmatch(r"[\d.]+px", root.get("width", ""))
    assert root.get("viewBox") == f"0 0 {root.get('width', '')[:-2]} {root.get('height', '')[:-2]}"
    assert root.find(f"{SVG}title").text == "Outpatient visit for a knee injury"  # type: ignore[union-attr]
    desc = root.find(f"{SVG}desc").text or ""  # type: ignore[union-attr]
    assert "Biggest drop-off: After the visit" in desc
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)) and all(str(i).startswith("knee-") for i in ids)
    for element in root.iter():
        tag = element.tag.removeprefix(SVG)
        assert tag not in {"script", "foreignObject", "image", "style", "a", "use"}
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on")
            assert "href" not in name
            assert "url(" not in value or re.fullmatch(r"url\(#[\w.-]+\)", value)
            assert not re.search(r"(?<![\d.])-0(?![\d.])", value), (name, value)
    assert "@import" not in svg and "http://" not in svg.replace('xmlns="http://www.w3', "")
    assert len(svg.splitlines()) > 100  # one element per line


def test_text_is_escaped() -> None:
    svg = render_map_svg(one_step())
    assert "Does the thing &lt;&amp;&gt;" in svg
    ET.fromstring(svg)


def test_two_maps_on_one_page_share_no_ids() -> None:
    a = {e.get("id") for e in ET.fromstring(render_map_svg(minimal(), id_prefix="a")).iter()}
    b = {e.get("id") for e in ET.fromstring(render_map_svg(minimal(), id_prefix="b")).iter()}
    assert a & b == {None}


def test_output_is_identical_across_processes_and_hash_seeds() -> None:
    code = (
        "import hashlib, sys; sys.path.insert(0, sys.argv[1]);"
        "from tests.map_fixtures import outpatient;"
        "from journeymap.emit.views import render_map_svg;"
        "from journeymap.layout.themes import load_theme;"
        "print(hashlib.sha256(''.join(render_map_svg(outpatient(), load_theme(t))"
        " for t in ('default', 'dark')).encode()).hexdigest())"
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
    local = "".join(render_map_svg(outpatient(), load_theme(t)) for t in ("default", "dark"))
    digests.add(hashlib.sha256(local.encode()).hexdigest())
    assert len(digests) == 1


def test_generated_journey_renders() -> None:
    svg = render_map_svg(generated(60))
    assert svg.count('id="jm-step-step') == 60
    ET.fromstring(svg)


GOLDEN_CASES = {
    "minimal": (minimal, "default"),
    "one_step": (one_step, "default"),
    "minimal-dark": (minimal, "dark"),
    "one_step-print": (one_step, "print"),
}


@pytest.mark.parametrize("case", sorted(GOLDEN_CASES))
def test_golden_svg(case: str) -> None:
    make, theme = GOLDEN_CASES[case]
    check_golden(GOLDENS / f"{case}.svg", render_map_svg(make(), load_theme(theme)))


WORDS = st.text(
    alphabet=st.sampled_from(
        list("abcdefghijklmnopqrstuvwxyzWM   <&>\"'-/.") + list("東京都😀👍é")
    ),
    min_size=1,
    max_size=70,
).filter(lambda t: t.strip() != "")


@st.composite
def journeys(draw: st.DrawFn) -> Journey:
    stages = []
    for s in range(draw(st.integers(1, 3))):
        steps = []
        for i in range(draw(st.integers(1, 3))):
            steps.append(
                Step(
                    f"s{s}-{i}",
                    draw(WORDS),
                    moment_of_truth=draw(st.booleans()),
                    fail_point=draw(st.booleans()),
                    touchpoints=tuple(
                        Touchpoint(None, t, kind="human", tier="primary")
                        for t in draw(st.lists(WORDS, max_size=2))
                    ),
                    thoughts=tuple(draw(st.lists(WORDS, max_size=2))),
                    emotions=tuple(
                        Emotion(score, label)
                        for score, label in draw(
                            st.lists(st.tuples(st.integers(-2, 2), WORDS), max_size=1)
                        )
                    ),
                    pains=tuple(draw(st.lists(WORDS, max_size=2))),
                    opportunities=tuple(
                        Opportunity(t, owner=o, priority="high")
                        for t, o in draw(st.lists(st.tuples(WORDS, WORDS), max_size=1))
                    ),
                    metrics=tuple(draw(st.lists(st.tuples(WORDS, WORDS), max_size=1))),
                )
            )
        name = draw(st.one_of(st.none(), WORDS))
        stages.append(
            Stage(
                f"st{s}",
                name,
                count=draw(st.one_of(st.none(), st.integers(0, 999))),
                steps=tuple(steps),
            )
        )
    return Journey(title=draw(st.one_of(st.none(), WORDS)), stages=tuple(stages))


@settings(max_examples=30, deadline=None)
@given(journeys())
def test_random_journeys_keep_text_in_cards_and_cards_apart(journey: Journey) -> None:
    scene = layout_map(journey, load_theme("default"))
    shapes = walk(scene.items)
    rects = [s for s in shapes if isinstance(s, Rect)]
    for a, b in itertools.combinations(rects, 2):
        assert not overlaps(a, b) or contains(a, b) or contains(b, a), (a, b)
    page = Rect(0, 0, scene.width, scene.height)
    for text in (s for s in shapes if isinstance(s, Text)):
        left, top, right, bottom = text_box(text)
        mid = (left + right) / 2
        holders = [r for r in rects if r.x <= mid <= r.right and r.y <= text.y <= r.bottom]
        card = min(holders, key=lambda r: r.width * r.height, default=page)
        assert card.x - EPS <= left and right <= card.right + EPS, (text.lines, card)
        assert card.y - EPS <= top and bottom <= card.bottom + EPS, (text.lines, card)
    ET.fromstring(render_map_svg(journey))


def _curve_points(scene: Scene, curve_id: str) -> list[tuple[float, float]]:
    curve = next(s for s in find_group(scene.items, curve_id).items if isinstance(s, Curve))
    return [curve.start, *(end for _, _, end in curve.segments)]


def test_curves_that_meet_at_a_step_are_drawn_apart_and_elsewhere_on_their_level() -> None:
    from journeymap.layout.map_emotion import DODGE
    from journeymap.model.journey import Persona

    theme = load_theme("default")
    steps = (
        Step("same", "Both calm", emotions=(Emotion(0, "Calm"),)),  # one emotion for everyone
        Step(
            "apart",
            "Ana pleased, Ben annoyed",
            emotions=(Emotion(2, None, "ana"), Emotion(-2, None, "ben")),
        ),
    )
    journey = Journey(
        title="Two riders",
        personas=(Persona("ana", "Ana"), Persona("ben", "Ben")),
        stages=(Stage("s", "Ride", steps=steps),),
    )
    scene = layout_map(journey, theme, MapOptions())
    ana = _curve_points(scene, "jm-curve-ana.all")
    ben = _curve_points(scene, "jm-curve-ben.all")
    # Where they meet, Ana (first in the legend) is above Ben, DODGE markers apart...
    assert ben[0][1] - ana[0][1] == pytest.approx(theme.spacing.marker_size * DODGE)
    # ...centred on the level of score 0, halfway between +2 and -2 where they part.
    assert (ana[0][1] + ben[0][1]) / 2 == pytest.approx((ana[1][1] + ben[1][1]) / 2)
    assert ben[1][1] - ana[1][1] == pytest.approx(4 * theme.spacing.emotion_level)
