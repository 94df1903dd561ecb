"""The change since a baseline: figures paired by place, missing sides, all three formats."""

from __future__ import annotations

import json

import journeymap
from journeymap.analysis.baseline import Baseline, FigureChange, compare_baseline
from journeymap.analysis.report import Report, build_report
from journeymap.analysis.report_render import report_json, report_markdown, report_text

OLD = """journey: Shop
target count: >= 150
stage find: Find
  count: 900
  step search: Searches
    touchpoint s1: Search page [score=3.5, url="/search"]
stage buy: Buy
  count: 200
  step pay: Pays
    metric wait: 6 min
stage gone: Gone
  count: 100
"""

NEW = """journey: Shop
target count: >= 150
stage find: Find
  count: 1000
  step search: Searches
    touchpoint s1: Search page [score=3.9, url="/search"]
stage buy: Buy
  count: 250
  target count: >= 300
  step pay: Pays
    metric wait: 4 min
    metric nps: 40
"""


def _baseline() -> Baseline:
    return compare_baseline(journeymap.loads(OLD), journeymap.loads(NEW), "may|*x*.journey")


def _by_key() -> dict[tuple[str, str, str], FigureChange]:
    return {(f.kind, f.where, f.figure): f for f in _baseline().figures}


def test_counts_conversions_metrics_and_touchpoint_figures_change() -> None:
    got = _by_key()
    assert got["stage", "find", "count"][3:] == (900.0, 1000.0, 100.0)
    assert got["stage", "buy", "conversion"][3:5] == (200 / 900, 0.25)
    assert got["step", "pay", "wait"].change == -2.0
    assert got["touchpoint", "s1", "score"].change == 0.4  # rounded, not 0.3999999999999999
    # a label-like attribute is not a figure
    assert ("touchpoint", "s1", "url") not in got


def test_a_figure_on_one_side_only_is_kept_with_the_other_side_empty() -> None:
    got = _by_key()
    assert got["step", "pay", "nps"][3:] == (None, 40.0, None)  # new this month
    assert got["stage", "gone", "count"][3:] == (100.0, None, None)  # gone since
    # what only the baseline has comes last
    assert list(got)[-2:] == [("stage", "gone", "count"), ("stage", "gone", "conversion")]


def test_targets_compare_actuals_and_states() -> None:
    targets = {(t.where, t.name): t for t in _baseline().targets}
    journey = targets["journey", "count"]
    # the document's count is the last counted stage's: `gone` before, `buy` now
    assert (journey.before, journey.after) == (100.0, 250.0)
    assert (journey.before_state, journey.after_state) == ("missed", "met")
    buy = targets["buy", "count"]
    assert (buy.before_state, buy.after_state) == (None, "missed")


def _report() -> Report:
    return build_report(journeymap.loads(NEW))._replace(baseline=_baseline())


def test_text_shows_each_change_and_the_missing_sides() -> None:
    text = report_text(_report())
    lines = text.splitlines()
    assert "Change since the baseline" in lines
    assert any(line.split() == ["stage", "find", "count", "900", "1000", "+100"] for line in lines)
    assert any(
        line.split() == ["stage", "buy", "conversion", "22%", "25%", "+2.8", "pp"] for line in lines
    )
    assert any(line.split() == ["step", "pay", "wait", "6", "4", "-2"] for line in lines)
    assert any(line.split() == ["step", "pay", "nps", "\u2013", "40", "new"] for line in lines)
    assert any(
        line.split() == ["stage", "gone", "count", "100", "\u2013", "gone"] for line in lines
    )
    assert any(
        line.split() == ["journey", "count", ">=", "150", "missed", "(100)", "met", "(250)"]
        for line in lines
    )
    assert any("(no such target)" in line and line.startswith("buy") for line in lines)


def test_markdown_escapes_the_baseline_name_and_keeps_the_table() -> None:
    md = report_markdown(_report())
    assert "## Change since the baseline" in md
    assert "| stage find | count | 900 | 1000 | +100 |" in md
    assert "| step pay | nps | \u2013 | 40 | new |" in md
    footer = next(line for line in md.splitlines() if line.startswith("Compared with"))
    # The label is user text: shown as code, so `*` and `|` open nothing.
    assert "`may|*x*.journey`" in footer


def test_json_holds_the_records_and_only_with_a_baseline() -> None:
    data = json.loads(report_json(_report()))
    figures = {(f["kind"], f["where"], f["figure"]): f for f in data["baseline"]["figures"]}
    assert figures["stage", "gone", "count"] == {
        "kind": "stage",
        "where": "gone",
        "figure": "count",
        "before": 100.0,
        "after": None,
        "change": None,
    }
    assert data["baseline"]["label"] == "may|*x*.journey"
    assert data["baseline"]["targets"][0]["after_state"] == "met"
    assert "baseline" not in json.loads(report_json(build_report(journeymap.loads(NEW))))


def test_no_figures_on_either_side_says_so() -> None:
    empty = journeymap.loads("journey: J\nstage a: A\n  step s: S\n")
    report = build_report(empty)._replace(baseline=compare_baseline(empty, empty, "old.journey"))
    assert "Neither `old.journey` nor this journey has figures." in report_text(report)
