"""The semantic diff: each kind of change on small pairs of files, and its renderings."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest

import journeymap
from journeymap.analysis.diff.blueprint import blueprint_diff_scene
from journeymap.analysis.diff.changes import Change, Kind, Scope, out_of_order
from journeymap.analysis.diff.compare import diff
from journeymap.analysis.diff.listing import listing
from journeymap.analysis.diff.picture import diff_scene
from journeymap.analysis.diff.text import to_json, to_markdown, to_text
from journeymap.emit.pipeline import DrawOptions, draw
from journeymap.layout.scene import Group, Item, Line, Polyline, Rect, Scene, Text, walk
from journeymap.model.journey import Journey
from tests.golden import check_golden

CASES = Path(__file__).parent / "diff_cases"
NAMES = sorted(p.name.removesuffix(".old.journey") for p in CASES.glob("*.old.journey"))


def changes_of(name: str) -> list[Change]:
    old = journeymap.load(CASES / f"{name}.old.journey")
    new = journeymap.load(CASES / f"{name}.new.journey")
    return diff(old, new)


def brief(changes: list[Change]) -> set[tuple[str, str, str | None, str | None, str | None]]:
    """(kind, subject, key, old, new) of each change, for compact assertions."""
    return {(c.kind.value, c.subject, c.key, c.old, c.new) for c in changes}


@pytest.mark.parametrize("name", NAMES)
def test_text_golden(name: str) -> None:
    got = to_text(changes_of(name), f"{name}.old.journey", f"{name}.new.journey")
    check_golden(CASES / f"{name}.diff.txt", got)


def test_equal_maps_have_no_changes() -> None:
    journey = journeymap.load(CASES / "contents.new.journey")
    assert diff(journey, journey) == []
    # Layout, quoting, comments and attribute order are not changes.
    assert changes_of("formatting") == []


def test_stages_added_removed_renamed_moved() -> None:
    got = brief(changes_of("stages"))
    assert got == {
        ("renamed", "stage", "apply", "Apply", "Apply for an account"),
        ("moved", "stage", "discover", None, None),
        ("removed", "stage", "gone", "Gone", None),
        ("removed", "step", "leave", "Leaves", None),
        ("added", "stage", "fund", None, "Fund"),
        ("added", "step", "deposit", None, "Deposits money"),
    }


def test_steps_added_removed_renamed_moved() -> None:
    changes = changes_of("steps")
    assert brief(changes) == {
        ("moved", "step", "a", None, None),  # b and a swapped: one of them moved
        ("removed", "step", "gone", "Gone", None),
        ("moved", "step", "c", "One", "Two"),
        ("renamed", "step", "d", "Dee", "Dee, renamed"),
        ("added", "step", "e", None, "Epsilon"),
    }
    moved = next(c for c in changes if c.key == "c")
    assert (moved.field, moved.stage, moved.scope) == ("stage", "two", Scope.STAGE)


def test_automatic_ids_key_the_diff() -> None:
    old = journeymap.loads("stage: Visit\n  step: Pays\n    pain: Slow\n")
    new = journeymap.loads("stage: Visit\n  step: Pays\n    pain: Slower\n")
    assert brief(diff(old, new)) == {
        ("removed", "pain", None, "Slow", None),
        ("added", "pain", None, None, "Slower"),
    }
    assert {c.step for c in diff(old, new)} == {"pays"}


def test_step_contents() -> None:
    got = brief(changes_of("contents"))
    assert got == {
        ("removed", "touchpoint", None, "Old banner", None),
        ("added", "touchpoint", None, None, "Widget"),
        ("renamed", "touchpoint", "t1", "Home screen", "Start screen"),
        ("changed", "touchpoint", "t1", "primary", "secondary"),
        ("changed", "touchpoint", "t1", None, "https://x.test"),
        ("changed", "touchpoint", "Push message", None, "before"),
        ("added", "thought", None, None, "Is it loading?"),
        ("removed", "pain", None, "Slow start", None),  # one of two equal pains went
        ("added", "delight", None, None, "Dark mode"),
        ("removed", "opportunity", None, "Dropped idea", None),
        ("changed", "opportunity", "Faster start", "low", "high"),
        ("changed", "frontstage", "greet", "no", "yes"),
        ("removed", "backstage", None, "Loads the profile", None),
        ("added", "backstage", None, None, "Loads the profile and settings"),
        ("changed", "support", "db", "Postgres", "MySQL"),
        ("added", "policy", None, None, "Data stays in the EU"),
    }


def test_emotions_counts_and_metrics() -> None:
    changes = changes_of("feelings")
    assert brief(changes) == {
        ("changed", "metric", "nps", "30", "42"),
        ("changed", "step", "a", "maya", "maya, leo"),
        ("added", "emotion", "leo/as-is", None, "-1 Unsure"),
        ("changed", "emotion", "all", "-1 Tedious", "+1 Quick"),
        ("changed", "emotion", "maya/to-be", "+1 Hopeful", "+2 Delighted"),
        ("changed", "count", None, "400", "600"),
        ("changed", "step", "b", "no", "yes"),
        ("removed", "emotion", "leo", "0", None),
        ("removed", "metric", "csat", "3.1/5", None),
        ("added", "metric", "time", None, "2 min"),
        ("changed", "count", None, "300", "450"),
    }
    counts = {
        c.stage if c.step is None else c.step: c.detail for c in changes if c.subject == "count"
    }
    assert counts == {"b": "conversion 50.0% → 75.0%", "t": "conversion 30.0% → 45.0%"}


def test_document_personas_channels_teams_flows() -> None:
    got = brief(changes_of("document"))
    assert {
        ("changed", "title", None, "Old title", "New title"),
        ("added", "description", None, None, "Now with a description"),
        ("added", "expectation", None, None, "Friendly"),
        ("removed", "note", None, "Draft", None),
        ("removed", "persona", "old", "Old persona", None),
        ("added", "persona", "leo", None, "Leo"),
        ("renamed", "persona", "maya", "Maya Chen", "Maya Chen-Li"),
        ("removed", "persona goal", "maya", "Save money", None),
        ("added", "persona goal", "maya", None, "Save more money"),
        ("removed", "channel", "fax", "Fax", None),
        ("changed", "channel", "app", "digital", "physical"),
        ("added", "team", "ops", None, "Operations"),
        ("renamed", "team", "growth", "Growth", "Growth marketing"),
        ("added", "flow", "x -> z", None, "Direct"),
        ("changed", "flow", "y --> z", "sync", "async"),
    } <= got


def test_diff_against_nothing_lists_everything_as_added() -> None:
    new = journeymap.load(CASES / "steps.new.journey")
    changes = diff(Journey(), new)
    assert {c.kind for c in changes} == {Kind.ADDED}
    assert [c.key for c in changes if c.subject == "step"] == ["b", "a", "Delta", "c", "d", "e"]


def test_out_of_order_keeps_the_longest_run() -> None:
    assert out_of_order(["a", "b", "c", "d"], ["a", "c", "d", "b"]) == {"b"}
    assert out_of_order(["a", "b"], ["a", "x", "b"]) == set()


def test_markdown_and_json() -> None:
    changes = changes_of("feelings")
    markdown = to_markdown(changes, "old.journey", "new.journey")
    assert markdown.startswith("### Journey changes: old.journey → new.journey\n\n11 changes:")
    assert "**Stage s: Start**" in markdown
    assert "  - **changed** emotion maya/to\\-be: +1 Hopeful → +2 Delighted" not in markdown
    assert "  - **changed** emotion maya/to-be: +1 Hopeful → +2 Delighted" in markdown
    data = json.loads(to_json(changes, "old.journey", "new.journey"))
    assert data["equal"] is False
    assert data["summary"] == {"changed": 7, "added": 2, "removed": 2}
    first = data["changes"][0]
    assert first == {
        "kind": "changed",
        "subject": "metric",
        "key": "nps",
        "field": None,
        "old": "30",
        "new": "42",
        "scope": "stage",
        "stage": "s",
        "stage_name": "Start",
        "step": None,
        "detail": None,
    }
    assert json.loads(to_json([], "a", "b"))["equal"] is True


def test_markdown_escapes_user_text() -> None:
    old = journeymap.loads("step a: A\n")
    new = journeymap.loads('step a: A\n  pain: "*bold* <b> [link](x) | pipe"\n')
    assert "\\*bold\\* \\<b\\> \\[link\\](x) \\| pipe" in to_markdown(diff(old, new))


def test_listing_is_keyed_by_ids() -> None:
    text = listing(journeymap.load(CASES / "feelings.new.journey"))
    assert "step a: Looks [persona=maya, leo]\n" in text
    assert "step a emotion maya/to-be: +2 Delighted\n" in text
    assert "stage t count: 450\n" in text
    # The listing depends only on meaning: formatting does not change it.
    a = journeymap.load(CASES / "formatting.old.journey")
    b = journeymap.load(CASES / "formatting.new.journey")
    assert listing(a) == listing(b)


# -- the diff picture ---------------------------------------------------------------------------


def _picture_scene() -> Scene:
    old = journeymap.load(CASES / "picture.old.journey")
    new = journeymap.load(CASES / "picture.new.journey")
    return diff_scene(old, new, diff(old, new))


def _group(scene: Scene, gid: str) -> Group:
    def find(items: tuple[Item, ...]) -> Group | None:
        for item in items:
            if isinstance(item, Group):
                if item.id == gid:
                    return item
                found = find(item.items)
                if found is not None:
                    return found
        return None

    group = find(scene.items)
    assert group is not None, gid
    return group


def _badges(group: Group) -> list[str]:
    return [
        s.lines[0] for s in walk(group.items) if isinstance(s, Text) and s.lines[0] in "+~\u2212"
    ]


def test_picture_marks_by_outline_style_and_badge() -> None:
    scene = _picture_scene()
    added = _group(scene, "jm-step-scan")
    outline = [s for s in walk(added.items) if isinstance(s, Rect) and s.fill is None]
    assert outline and outline[-1].dash == () and _badges(added) == ["+"]
    changed = _group(scene, "jm-step-form")
    outline = [s for s in walk(changed.items) if isinstance(s, Rect) and s.fill is None]
    assert outline[-1].dash != () and _badges(changed) == ["~"]
    texts = [s.lines[0] for s in walk(changed.items) if isinstance(s, Text)]
    assert "was: Fills in the application" in texts
    assert _badges(_group(scene, "jm-stage-apply")) == ["~"]  # its count changed


def test_picture_draws_removed_steps_as_ghosts_in_place() -> None:
    scene = _picture_scene()
    ghost = _group(scene, "jm-step-compare")
    assert _badges(ghost) == ["\u2212"]
    assert any(isinstance(s, Line) for s in walk(ghost.items))  # struck through
    see = _group(scene, "jm-step-see_ad")
    form = _group(scene, "jm-step-form")
    x_of = {
        g.id: next(s.x for s in walk(g.items) if isinstance(s, Rect)) for g in (see, ghost, form)
    }
    assert x_of["jm-step-see_ad"] < x_of["jm-step-compare"] < x_of["jm-step-form"]


def test_picture_has_the_old_curve_and_a_legend() -> None:
    scene = _picture_scene()
    old_curve = _group(scene, "jm-diff-old-curve-all.all")
    (line,) = [s for s in walk(old_curve.items) if isinstance(s, Polyline)]
    assert len(line.points) == 4  # every old step had an emotion, the ghost included
    legend = [
        s.lines[0] for s in walk(_group(scene, "jm-diff-legend").items) if isinstance(s, Text)
    ]
    assert "added" in legend and "old emotion curve" in legend


def test_picture_golden_svg() -> None:
    """The golden was looked at as a PNG (docs/review.md); regenerate with the update switch."""
    old = journeymap.load(CASES / "picture.old.journey")
    new = journeymap.load(CASES / "picture.new.journey")
    got = draw(new, "map", "svg", None, DrawOptions(diff_from=old)).decode("utf-8")
    check_golden(CASES / "picture.diff.svg", got)


# -- the blueprint's diff picture ---------------------------------------------------------------


def _blueprint_scene() -> Scene:
    old = journeymap.load(CASES / "blueprint.old.journey")
    new = journeymap.load(CASES / "blueprint.new.journey")
    return blueprint_diff_scene(old, new, diff(old, new))


def _outline(group: Group) -> Rect:
    return [s for s in walk(group.items) if isinstance(s, Rect) and s.fill is None][-1]


def test_blueprint_picture_marks_lane_cards() -> None:
    scene = _blueprint_scene()
    for added in ("jm-customer-scan.customer.1", "jm-backstage-ocr", "jm-support-idv"):
        group = _group(scene, added)
        assert _outline(group).dash == () and _badges(group) == ["+"], added
    hint = _group(scene, "jm-frontstage-hint")
    assert _outline(hint).dash != () and _badges(hint) == ["~"]
    assert "was: Inline field hints" in [
        s.lines[0] for s in walk(hint.items) if isinstance(s, Text)
    ]
    for changed in ("jm-backstage-check", "jm-backstage-review"):  # duration; wait and flag
        assert _badges(_group(scene, changed)) == ["~"], changed
    assert _badges(_group(scene, "jm-support-crm")) == []  # unchanged: no mark


def test_blueprint_picture_ghosts_removed_steps_and_items() -> None:
    scene = _blueprint_scene()
    # The removed step, in its old column between `form` and `scan`.
    ghost = _group(scene, "jm-frontstage-call.frontstage.1")
    assert _badges(ghost) == ["\u2212"] and any(isinstance(s, Line) for s in walk(ghost.items))
    x_of = {
        gid: next(s.x for s in walk(_group(scene, gid).items) if isinstance(s, Rect))
        for gid in ("jm-frontstage-hint", "jm-customer-call.customer.1", "jm-backstage-ocr")
    }
    assert x_of["jm-frontstage-hint"] < x_of["jm-customer-call.customer.1"]
    assert x_of["jm-customer-call.customer.1"] < x_of["jm-backstage-ocr"]
    # A removed item of a surviving step: below the cards that stayed in its cell.
    fraud = _group(scene, "jm-backstage-wait.backstage.2")
    assert _badges(fraud) == ["\u2212"]
    review = _group(scene, "jm-backstage-review")
    assert _outline(review).bottom < next(s.y for s in walk(fraud.items) if isinstance(s, Rect))


def test_blueprint_picture_flows_and_legend() -> None:
    scene = _blueprint_scene()
    assert _badges(_group(scene, "jm-flow-ocr.review-diff")) == ["+"]
    legend = [
        s.lines[0] for s in walk(_group(scene, "jm-diff-legend").items) if isinstance(s, Text)
    ]
    assert "added" in legend
    assert "removed flow: agent -> review: escalate" in legend
    # The customer cell now shows the step's name: the removed item is listed instead.
    assert "removed: Refreshes the status page (Waits for approval, customer)" in legend
    assert _badges(_group(scene, "jm-customer-wait.customer")) == ["~"]


def test_blueprint_picture_golden_svg() -> None:
    """The golden was looked at as a PNG; regenerate with JOURNEYMAP_UPDATE_GOLDENS=1."""
    old = journeymap.load(CASES / "blueprint.old.journey")
    new = journeymap.load(CASES / "blueprint.new.journey")
    got = draw(new, "blueprint", "svg", None, DrawOptions(diff_from=old)).decode("utf-8")
    root = ElementTree.fromstring(got)  # the SVG profile: well-formed, nothing active
    for element in root.iter():
        assert element.tag.rsplit("}", 1)[-1] not in ("script", "foreignObject")
        assert not any(name.lower().startswith("on") for name in element.attrib)
    check_golden(CASES / "picture-blueprint.diff.svg", got)
