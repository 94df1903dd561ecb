"""Touchpoint matrix: rows and channel groups, tier marks, coverage, narrowing, geometry,
SVG profile, determinism and goldens."""

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
from journeymap.emit.views import render_matrix_svg
from journeymap.layout.matrix import MatrixOptions, layout_matrix
from journeymap.layout.matrix_model import NO_CHANNEL, Use, build_matrix
from journeymap.layout.scene import Circle, Polygon, Rect, Scene, Text, walk
from journeymap.layout.themes import load_theme
from journeymap.model.journey import Journey
from tests.conftest import GALLERY, REPO
from tests.golden import check_golden
from tests.layout.test_map_layout import EPS, contains, find_group, overlaps, text_box

GOLDENS = Path(__file__).resolve().parent / "goldens" / "matrix"
THEMES = ("default", "dark", "high-contrast", "print")
SVG = "{http://www.w3.org/2000/svg}"

SOURCE = """\
journey: Renew a parking permit
persona ana: Ana
persona ben: Ben
channel phone: Phone line [kind=human]
channel web: Council website [kind=digital]
channel post: Letters [kind=physical]

stage find: Find out
  step notice: Gets a renewal letter
    touchpoint: Renewal letter [channel=mail, tier=secondary]
    touchpoint: Help line [channel=phone, tier=tertiary, assumption]
  step read: Reads the rules online [persona=ana]
    touchpoint rules: Rules page [channel=web, tier=primary]
    touchpoint: Help line [channel=phone]
stage renew: Renew
  step pay: Pays the fee [persona=ben]
    touchpoint: Payment form [channel=web, tier=primary]
    touchpoint: Help line [channel=phone, tier=primary]
    touchpoint: Help line [channel=phone, tier=secondary]
  step wait: Waits for the permit
    touchpoint: Sticker in the car
"""


def permit() -> Journey:
    return journeymap.loads(SOURCE)


def minimal() -> Journey:
    return journeymap.loads(
        "journey: Minimal\nchannel app: App [kind=digital]\n"
        "step a: Opens the app\n  touchpoint: Home screen [channel=app, tier=primary]\n"
        "step b: Closes it\n"
    )


def gallery(name: str) -> Journey:
    return journeymap.load(GALLERY / f"{name}.journey")


GALLERY_NAMES = sorted(p.stem for p in GALLERY.glob("*.journey"))


def test_rows_are_distinct_touchpoints_grouped_by_channel() -> None:
    matrix = build_matrix(permit())
    names = [g.name for g in matrix.groups]
    # Declared channels in declaration order (unused ones kept), then undeclared, then none.
    assert names == ["Phone line", "Council website", "Letters", "mail", NO_CHANNEL]
    phone, web, post, mail, none = matrix.groups
    assert [r.label for r in phone.rows] == ["Help line"]  # one row, used in three steps
    assert [r.label for r in web.rows] == ["Rules page", "Payment form"]
    assert web.rows[0].id == "rules" and web.rows[1].id.startswith("row.")
    assert post.rows == () and post.coverage == 0 and post.present == (False,) * 4
    assert mail.declared is False and none.id is None
    assert [r.label for r in none.rows] == ["Sticker in the car"]


def test_uses_keep_the_tier_and_merge_within_a_step() -> None:
    (help_line,) = build_matrix(permit()).groups[0].rows
    assert help_line.uses == (
        Use("tertiary", True),
        Use(None, False),
        Use("primary", False),  # named twice in one step: the strongest tier wins
        None,
    )


def test_coverage_per_row_per_column_and_per_channel() -> None:
    matrix = build_matrix(permit())
    phone, web = matrix.groups[:2]
    assert phone.rows[0].coverage == 3 and phone.coverage == 3
    assert web.present == (False, True, True, False) and web.coverage == 2
    assert matrix.touchpoints_per_step() == (2, 2, 2, 1)
    # Touchpoints without a channel are not a channel.
    assert matrix.channels_per_step() == (2, 2, 2, 0)


def test_narrowing_by_stage_and_persona() -> None:
    by_stage = build_matrix(permit(), stages=("renew",))
    assert [s.id for s in by_stage.steps] == ["pay", "wait"]
    assert by_stage.groups[0].rows[0].uses == (Use("primary", False), None)
    by_persona = build_matrix(permit(), personas=("ana",))
    assert [s.id for s in by_persona.steps] == ["notice", "read", "wait"]
    assert [r.label for r in by_persona.groups[1].rows] == ["Rules page"]
    scene = layout_matrix(permit(), load_theme("default"), MatrixOptions(stages=("renew",)))
    assert "Pays the fee" in str(scene) and "Reads the rules online" not in str(scene)


def _marks(scene: Scene, group_id: str) -> list[object]:
    return [s for s in walk(find_group(scene.items, group_id).items) if not isinstance(s, Text)]


def test_marks_show_the_tier_by_fill_and_assumptions_by_a_hatched_tile() -> None:
    theme = load_theme("default")
    scene = layout_matrix(permit(), theme)
    palette = theme.palette
    shapes = _marks(scene, "jm-tp-rules")
    circles = [s for s in shapes if isinstance(s, Circle)]
    assert len(circles) == 1 and circles[0].fill == palette.text  # primary: a full dot
    help_shapes = _marks(scene, "jm-tp-row.2")
    tiles = [s for s in help_shapes if isinstance(s, Rect) and s.hatch]
    assert len(tiles) == 1 and tiles[0].dash  # the tertiary use is an assumption
    rings = [s for s in help_shapes if isinstance(s, Circle) and s.fill is None]
    assert rings and all(r.stroke == palette.text for r in rings)
    letter = _marks(scene, "jm-tp-row.1")  # secondary: a ring and a filled half
    assert any(isinstance(s, Polygon) and s.fill == palette.text for s in letter)
    assert scene.hatch is not None
    legend = " ".join(" ".join(t.lines) for t in walk(scene.items) if isinstance(t, Text))
    for words in ("primary", "secondary", "tertiary", "tier not given", "assumption"):
        assert words in legend


def test_coverage_texts_are_drawn() -> None:
    scene = layout_matrix(permit(), load_theme("default"))
    phone = [
        t.lines[0]
        for t in walk(find_group(scene.items, "jm-channel-phone").items)
        if isinstance(t, Text)
    ]
    assert phone == ["Phone line", "3/4"]
    totals = find_group(scene.items, "jm-total-touchpoints").items
    assert [t.lines[0] for t in totals if isinstance(t, Text)] == [
        "Touchpoints used",
        "2",
        "2",
        "2",
        "1",
    ]
    assert "Channels no step uses: Letters." in scene.description


def _scenes() -> list[tuple[str, Scene]]:
    cases = [("permit", permit()), ("minimal", minimal())]
    cases += [(name, gallery(name)) for name in GALLERY_NAMES]
    return [
        (f"{name} [{theme}]", layout_matrix(journey, load_theme(theme)))
        for name, journey in cases
        for theme in THEMES
    ]


@pytest.mark.parametrize(
    ("name", "scene"), _scenes(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_text_fits_and_nothing_overlaps(name: str, scene: Scene) -> None:
    shapes = walk(scene.items)
    rects = [s for s in shapes if isinstance(s, Rect)]
    page = Rect(0, 0, scene.width, scene.height)
    texts = [s for s in shapes if isinstance(s, Text)]
    for text in texts:
        left, top, right, bottom = text_box(text)
        anchor_x = (left + right) / 2
        holders = [r for r in rects if r.x <= anchor_x <= r.right and r.y <= text.y <= r.bottom]
        card = min(holders, key=lambda r: r.width * r.height, default=page)
        assert card.x - EPS <= left and right <= card.right + EPS, (name, text.lines, card)
        assert card.y - EPS <= top and bottom <= card.bottom + EPS, (name, text.lines, card)
    for a, b in itertools.combinations(rects, 2):
        assert not overlaps(a, b) or contains(a, b) or contains(b, a), (name, a, b)
    boxes = [text_box(t) for t in texts]
    for a, b in itertools.combinations(boxes, 2):
        apart = a[2] <= b[0] + EPS or b[2] <= a[0] + EPS or a[3] <= b[1] + EPS or b[3] <= a[1] + EPS
        assert apart, (name, a, b)


def test_marks_sit_in_their_step_column() -> None:
    scene = layout_matrix(permit(), load_theme("default"))
    pay = find_group(scene.items, "jm-step-pay").items[0]
    assert isinstance(pay, Rect)
    dots = [s for s in _marks(scene, "jm-tp-row.2") if isinstance(s, Circle)]
    assert any(abs(d.cx - (pay.x + pay.width / 2)) < EPS for d in dots)


def test_svg_profile_and_ids() -> None:
    svg = render_matrix_svg(permit(), id_prefix="pm")
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Renew a parking permit"  # type: ignore[union-attr]
    desc = root.find(f"{SVG}desc").text or ""  # type: ignore[union-attr]
    assert desc.startswith("Touchpoint matrix: Renew a parking permit.")
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)) and all(str(i).startswith("pm-") for i in ids)
    for element in root.iter():
        assert element.tag.removeprefix(SVG) not in {"script", "foreignObject", "image", "a"}
        assert not any(name.lower().startswith("on") for name in element.attrib)
    assert "http://" not in svg.replace('xmlns="http://www.w3', "")


def test_user_text_is_escaped() -> None:
    journey = journeymap.loads("step: Pays <now> & later\n  touchpoint: Form <b> & co\n")
    svg = render_matrix_svg(journey)
    assert "Form &lt;b&gt; &amp; co" in svg
    ET.fromstring(svg)


def test_output_is_identical_across_processes_and_hash_seeds() -> None:
    code = (
        "import hashlib, sys; sys.path.insert(0, sys.argv[1]);"
        "from tests.layout.test_matrix import permit;"
        "from journeymap.emit.views import render_matrix_svg;"
        "print(hashlib.sha256(render_matrix_svg(permit()).encode()).hexdigest())"
    )
    digests = {hashlib.sha256(render_matrix_svg(permit()).encode()).hexdigest()}
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
    assert len(digests) == 1


def test_a_journey_without_touchpoints_still_draws() -> None:
    svg = render_matrix_svg(journeymap.loads("step: Only a step\n"))
    assert "Touchpoints used" in svg
    ET.fromstring(svg)


@pytest.mark.parametrize(
    "case", ["minimal", "permit", "permit-dark", *(f"gallery-{n}" for n in GALLERY_NAMES)]
)
def test_golden_svg(case: str) -> None:
    if case.startswith("gallery-"):
        journey, theme = gallery(case.removeprefix("gallery-")), "default"
    else:
        journey = {"minimal": minimal, "permit": permit, "permit-dark": permit}[case]()
        theme = "dark" if case.endswith("-dark") else "default"
    check_golden(GOLDENS / f"{case}.svg", render_matrix_svg(journey, load_theme(theme)))
