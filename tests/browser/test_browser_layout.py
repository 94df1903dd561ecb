"""A real browser lays out our SVGs: no text leaves its card, none overlap, none leave the canvas.

Headless Chromium (Debian's `chromium`, installed by .ci/run) loads one page
holding every gallery map and blueprint in every theme plus the goldens, measures each
text element as the browser actually draws it (with the bundled Liberation
Sans, so the check does not depend on the machine's fonts) and reports
problems. Locally the test skips when Chromium is missing; in CI it fails.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import journeymap
from journeymap.analysis.inventory import build_inventory
from journeymap.emit.inventory import inventory_svg
from journeymap.emit.png import bundled_fonts
from journeymap.emit.views import render_blueprint_svg, render_map_svg, render_matrix_svg
from journeymap.language.resources import theme_names
from journeymap.layout.themes import load_theme
from tests.conftest import GALLERY, REPO

pytestmark = [pytest.mark.needs_chromium, pytest.mark.slow]

HERE = Path(__file__).resolve().parent
_BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def _chromium() -> str:
    for name in _BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("Chromium is missing in CI: .ci/run must install Debian's chromium")
    pytest.skip("Chromium is not installed (apt-get install chromium); CI runs this check")


def _font_faces() -> str:
    rules = []
    for path in bundled_fonts():
        stem = Path(path).stem  # LiberationSans-BoldItalic
        weight = "bold" if "Bold" in stem else "normal"
        style = "italic" if "Italic" in stem else "normal"
        rules.append(
            f'@font-face {{ font-family: "Liberation Sans"; src: url("{Path(path).as_uri()}"); '
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    return "\n".join(rules)


FIXTURES = HERE / "fixtures"
"""Journeys made to stress a view (five personas feeling the same, ...), drawn like the gallery."""


def _sources() -> list[Path]:
    return sorted(GALLERY.glob("*.journey")) + sorted(FIXTURES.glob("*.journey"))


def _svgs() -> dict[str, str]:
    found: dict[str, str] = {}
    for source in _sources():
        journey = journeymap.load(source)
        for theme in theme_names():
            found[f"{source.stem} [{theme}]"] = render_map_svg(journey, load_theme(theme))
            found[f"{source.stem} blueprint [{theme}]"] = render_blueprint_svg(
                journey, load_theme(theme)
            )
            found[f"{source.stem} matrix [{theme}]"] = render_matrix_svg(journey, load_theme(theme))
    folder = GALLERY / "brightwater"
    journeys = [(p.name, journeymap.load(p)) for p in sorted(folder.glob("*.journey"))]
    inventory = build_inventory(journeys)
    for theme in theme_names():
        found[f"brightwater heat map [{theme}]"] = inventory_svg(inventory, load_theme(theme))
    # Stages that are not adjacent: the break, and what stops at it.
    clinic = journeymap.load(GALLERY / "clinic-visit.journey")
    for theme in theme_names():
        found[f"clinic-visit --stages book,after [{theme}]"] = render_map_svg(
            clinic, load_theme(theme), stages=("book", "after")
        )
        found[f"clinic-visit blueprint --stages book,after [{theme}]"] = render_blueprint_svg(
            clinic, load_theme(theme), stages=("book", "after")
        )
    for golden in sorted((REPO / "tests").glob("*/goldens/**/*.svg")):
        found[str(golden.relative_to(REPO))] = golden.read_text(encoding="utf-8")
    return found


def _page(svgs: dict[str, str]) -> str:
    figures = "\n".join(
        f'<figure data-name="{html.escape(name)}">{re.sub(r"<[?]xml[^>]*>", "", svg)}</figure>'
        for name, svg in svgs.items()
    )
    script = (HERE / "measure.js").read_text(encoding="utf-8")
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><style>{_font_faces()}</style>"
        f"</head><body>{figures}<pre id='result'></pre>"
        # Measure after the fonts have loaded, or the boxes would be the fallback's.
        f"<script>document.fonts.ready.then(() => {{ {script} }});</script></body></html>"
    )


def _measure(svgs: dict[str, str], workdir: Path) -> list[dict[str, object]]:
    """Chromium's report on each SVG: texts, cards and problems."""
    browser = _chromium()
    page = workdir / "page.html"
    page.write_text(_page(svgs), encoding="utf-8")
    result = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={workdir / 'profile'}",
            "--allow-file-access-from-files",
            "--virtual-time-budget=20000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    match = re.search(r'<pre id="result">(.*?)</pre>', result.stdout, re.DOTALL)
    assert match and match.group(1), f"no result from Chromium: {result.stderr[-2000:]}"
    report: list[dict[str, object]] = json.loads(html.unescape(match.group(1)))
    assert {entry["name"] for entry in report} == set(svgs)
    return report


_BROKEN = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100" width="300px"
 height="100px" font-family="Liberation Sans"><g id="card"><rect x="10" y="10" width="60"
 height="30"/><text x="14" y="30" font-size="12">far too long for this card</text></g>
<text x="150" y="60" font-size="12">overlapping</text><text x="155" y="62" font-size="12">
overlapping</text><text x="280" y="90" font-size="12">off the canvas</text>
<rect x="10" y="60" width="100" height="30" fill="#ffffff"/>
<text x="14" y="80" font-size="12" fill="#aaaaaa">pale grey</text></svg>"""


def test_the_check_finds_overflow_overlap_and_off_canvas_text(tmp_path: Path) -> None:
    (entry,) = _measure({"broken": _BROKEN}, tmp_path)
    problems = entry["problems"]
    assert isinstance(problems, list)
    assert any("leaves its card card" in p for p in problems), problems
    assert any("texts overlap" in p for p in problems), problems
    assert any("outside the canvas" in p for p in problems), problems
    assert any('< 4.5: "pale grey"' in p for p in problems), problems
    assert not any('"far too long' in p and "contrast" in p for p in problems), problems


def test_no_text_leaves_its_card_or_overlaps(tmp_path: Path) -> None:
    svgs = _svgs()
    report = _measure(svgs, tmp_path)
    problems = [f"{e['name']}: {p}" for e in report for p in e["problems"]]
    assert all(e["texts"] and e["cards"] and e["contrast"] for e in report), report
    assert problems == [], "\n".join(problems[:40])


def test_every_emotion_label_is_drawn() -> None:
    """No label is dropped: each emotion's label is a text of the map, in every theme."""
    missing = []
    for source in _sources():
        journey = journeymap.load(source)
        labels = {e.label for step in journey.steps() for e in step.emotions if e.label}
        for theme in theme_names():
            svg = render_map_svg(journey, load_theme(theme))
            texts = re.findall(r"<text[^>]*>(.*?)</text>", svg, re.DOTALL)
            drawn = " ".join(
                " ".join(html.unescape(re.sub(r"<[^>]+>", " ", t)).split()) for t in texts
            )
            missing += [
                f"{source.name} [{theme}]: {label}"
                for label in labels
                if html.unescape(label) not in drawn
            ]
    assert missing == []


def _flow_problems(tmp_path: Path) -> list[str]:
    report = _measure(_svgs(), tmp_path)
    assert sum(int(e["flows"]) for e in report) > 50  # the check saw the gallery's flows
    return [f"{e['name']}: {p}" for e in report for p in e["flowProblems"]]


def test_no_two_flows_share_a_segment_and_no_arrowhead_is_inside_a_card(tmp_path: Path) -> None:
    problems = [p for p in _flow_problems(tmp_path) if "share" in p or "arrowhead" in p]
    assert problems == [], "\n".join(problems)


def test_flow_labels_sit_by_their_own_arrow(tmp_path: Path) -> None:
    """Each flow label within 12 px of its own arrow and nearer to it than to any other."""
    problems = [p for p in _flow_problems(tmp_path) if "label" in p]
    assert problems == [], "\n".join(problems)
