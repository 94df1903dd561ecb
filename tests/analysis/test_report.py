"""The journey report: each section on a small file, the three formats, determinism."""

from __future__ import annotations

import json

import pytest

import journeymap
from journeymap.analysis.report import Report, build_report
from journeymap.analysis.report_render import report_json, report_markdown, report_text
from tests.conftest import GALLERY

SOURCE = """journey: Small shop
persona ana: Ana
persona ben: Ben
channel web: Website [kind=digital]
channel shop: Shop [kind=physical]
channel mail: Email [kind=digital]
team web-team: Web team
team store: Store staff

stage find: Find
  count: 1000
  step search: Searches [moment-of-truth]
    touchpoint: Search page [channel=web, tier=primary, owner=web-team, score=3.9]
    emotion: +2 Hopeful [variant=now]
    emotion: +1 Hopeful [persona=ana, variant=later]
    pain: Results are slow
    opportunity: Faster search [owner=web-team, priority=low]
  step visit: Visits the shop
    touchpoint: Shop floor [channel=shop, tier=primary, owner=store, score=2.5]
    emotion: -1 Lost [variant=now]
    pain: Nobody helps
    pain: Long queue
    opportunity: Greeter at the door [owner=store, priority=high]
stage buy: Buy
  count: 250
  opportunity: Loyalty card [priority=medium]
  step pay: Pays [fail-point]
    touchpoint: Till [channel=shop, tier=primary]
    touchpoint: Receipt [channel=mail, tier=secondary]
    emotion: -2 Annoyed [persona=ben, variant=now]
    emotion: 0 Fine [persona=ana, variant=now]
    backstage stock: Stock update [owner=web-team, fail-point]
stage keep: Keep
  count: 200
  step read: Reads the receipt
    touchpoint: Receipt email [channel=mail, tier=primary]
    emotion: +1 Pleased [variant=now]
"""


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report(journeymap.loads(SOURCE))


def test_lowest_points_per_curve(report: Report) -> None:
    lows = [(p.curve, p.step, p.score) for p in report.lowest]
    assert lows == [
        ("Ana · now", "visit", -1),
        ("Ana · later", "search", 1),
        ("Ben · now", "pay", -2),
    ]


def test_steepest_falls_rank_by_size_then_source_order(report: Report) -> None:
    falls = [(f.curve, f.from_step, f.to_step, f.drop) for f in report.falls]
    assert falls == [
        ("Ana · now", "search", "visit", 3),
        ("Ben · now", "search", "visit", 3),
        ("Ben · now", "visit", "pay", 1),
    ]


def test_funnel_conversion_and_biggest_drop(report: Report) -> None:
    funnel = report.funnel
    assert [(s.stage, s.count, s.conversion) for s in funnel.stages] == [
        ("find", 1000, None),
        ("buy", 250, 0.25),
        ("keep", 200, 0.8),
    ]
    assert funnel.biggest_drop == "buy"
    assert funnel.overall == 0.2


def test_pains_per_stage_and_channel(report: Report) -> None:
    assert [(t.key, t.pains) for t in report.pains_by_stage] == [("find", 3)]
    assert [(t.key, t.name, t.pains) for t in report.pains_by_channel] == [
        ("shop", "Shop", 2),
        ("web", "Website", 1),
    ]


def test_touchpoints_by_pains_and_by_score(report: Report) -> None:
    assert [(t.label, t.pains) for t in report.touchpoints_by_pains] == [
        ("Shop floor", 2),
        ("Search page", 1),
    ]
    assert [(t.label, t.score) for t in report.touchpoints_by_score] == [
        ("Shop floor", "2.5"),
        ("Search page", "3.9"),
    ]


def test_channel_coverage_and_switches(report: Report) -> None:
    assert [(c.stage, c.channels, c.missing) for c in report.coverage] == [
        ("find", ("web", "shop"), ("mail",)),
        ("buy", ("shop", "mail"), ("web",)),
        ("keep", ("mail",), ("web", "shop")),
    ]
    # Both personas walk every step, so each makes both switches.
    assert [
        (s.persona, s.from_step, s.to_step, s.from_channel, s.to_channel) for s in report.switches
    ] == [
        ("ana", "search", "visit", "web", "shop"),
        ("ana", "pay", "read", "shop", "mail"),
        ("ben", "search", "visit", "web", "shop"),
        ("ben", "pay", "read", "shop", "mail"),
    ]


SWITCHING = """journey: Two ways in
persona ana: Ana
persona ben: Ben
channel web: Website
channel app: App
channel shop: Shop
stage s: Start
  step a: Ana browses [persona=ana]
    touchpoint: Site [channel=web]
  step b: Ben opens the app [persona=ben]
    touchpoint: App home [channel=app]
  step c: Ana browses again [persona=ana]
    touchpoint: Site again [channel=web]
  step d: Both come in
    touchpoint: Counter [channel=shop]
"""


def test_switches_follow_each_persona_along_their_own_steps() -> None:
    switches = build_report(journeymap.loads(SWITCHING)).switches
    # Across personas, a -> b -> c would be two switches that nobody makes.
    assert [(s.persona, s.from_step, s.to_step) for s in switches] == [
        ("ana", "c", "d"),
        ("ben", "b", "d"),
    ]
    text = report_text(build_report(journeymap.loads(SWITCHING)))
    section = text.split("Channel switches\n")[1].split("\n\n")[0]
    assert "Persona" in section and "ana      c     d   web → shop" in section
    assert "2 switches (ana 1, ben 1)." in section


def _switch_sentence(source: str) -> str:
    text = report_text(build_report(journeymap.loads(source)))
    return text.split("Channel switches\n----------------\n")[1].split("\n\n")[0]


@pytest.mark.parametrize(
    ("steps", "sentence"),
    [
        ("  step a: A\n  step b: B\n", "No touchpoints, so no channels to switch between."),
        (
            "  step a: A\n    touchpoint: Desk\n  step b: B\n    touchpoint: Form\n",
            "No touchpoint names a channel, so there are no switches to count.",
        ),
        (
            "  step a: A\n    touchpoint: Desk [channel=web]\n  step b: B\n",
            "No switches: every touchpoint is on one channel, `web`.",
        ),
        (
            "  step a: A\n    touchpoint: Site [channel=web]\n"
            "    touchpoint: Mail [channel=mail, tier=secondary]\n"
            "  step b: B\n    touchpoint: Site [channel=web]\n",
            "No switches: 2 channels are used (web, mail), but no step's main channel differs",
        ),
        (
            "  step a: A\n    touchpoint: Site [channel=web]\n"
            "  step b: B\n    touchpoint: Mail [channel=mail]\n",
            "1 switch.",
        ),
        (
            "  step a: A\n    touchpoint: Site [channel=web]\n"
            "  step b: B\n    touchpoint: Mail [channel=mail]\n"
            "  step c: C\n    touchpoint: Site [channel=web]\n",
            "2 switches.",
        ),
    ],
)
def test_the_switch_sentence_is_true_of_the_data(steps: str, sentence: str) -> None:
    source = "journey: T\nchannel web: Web\nchannel mail: Mail\nstage s: S\n" + steps
    said = _switch_sentence(source)
    assert sentence in said
    assert "stays on one channel" not in said


def test_opportunities_by_priority_then_source_order(report: Report) -> None:
    assert [(o.priority, o.text, o.where, o.owner) for o in report.opportunities] == [
        ("high", "Greeter at the door", "visit", "store"),
        ("medium", "Loyalty card", "buy", None),
        ("low", "Faster search", "search", "web-team"),
    ]


def test_what_each_team_owns(report: Report) -> None:
    teams = {t.team: t for t in report.teams}
    assert list(teams) == ["web-team", "store"]
    web = teams["web-team"]
    assert web.touchpoints == ("search: Search page",)
    assert web.lane_items == ("pay (backstage): Stock update",)
    assert web.opportunities == ("search: Faster search",)
    assert web.pains == ("search: Results are slow",)
    assert teams["store"].pains == ("visit: Nobody helps", "visit: Long queue")


def test_moments_of_truth_and_fail_points(report: Report) -> None:
    assert [(m.step, [(p.curve, p.score) for p in m.emotions]) for m in report.moments] == [
        ("search", [("Ana · now", 2), ("Ana · later", 1), ("Ben · now", 2)])
    ]
    assert [(f.kind, f.step, f.owners) for f in report.fail_points] == [
        ("step", "pay", ("web-team",)),
        ("backstage", "pay", ("web-team",)),
    ]


def test_empty_sections_say_so() -> None:
    bare = build_report(journeymap.loads("journey: Bare\nstage s: S\n  step a: A\n"))
    text = report_text(bare)
    assert "No emotions recorded." in text
    assert "No stage has a count." in text
    assert "No opportunities." in text
    assert bare.funnel.biggest_drop is None


def test_text_format(report: Report) -> None:
    text = report_text(report)
    assert text.startswith("Journey report: Small shop\n==========================\n")
    assert "Overall conversion: 20%. Biggest drop-off: `buy`." in text
    assert "buy    250    25%" in text
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_markdown_format(report: Report) -> None:
    md = report_markdown(report)
    assert md.startswith("# Journey report: Small shop\n")
    assert "## Funnel\n\n| Stage | Count | Conversion |\n| --- | --- | --- |\n" in md
    assert "| high | Greeter at the door | visit | store |" in md


def test_markdown_escapes_pipes() -> None:
    source = "journey: P\nstage s: S\n  step a: A\n    opportunity: Either | or [priority=high]\n"
    md = report_markdown(build_report(journeymap.loads(source)))
    assert "| high | Either \\| or | a | nobody |" in md


def test_json_format(report: Report) -> None:
    data = json.loads(report_json(report))
    assert data["version"] == 1
    assert data["funnel"]["biggest_drop"] == "buy"
    assert data["opportunities"][0]["text"] == "Greeter at the door"
    assert list(data) == sorted(data)


@pytest.mark.parametrize("path", sorted(GALLERY.glob("*.journey")), ids=lambda p: p.name)
def test_formats_are_deterministic(path: object) -> None:
    journey = journeymap.load(str(path))
    for render in (report_text, report_markdown, report_json):
        assert render(build_report(journey)) == render(build_report(journeymap.load(str(path))))
