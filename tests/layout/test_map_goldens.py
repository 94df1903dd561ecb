"""Map goldens: one minimal file per row type, and every gallery file in every theme."""

from __future__ import annotations

from pathlib import Path

import pytest

import journeymap
from journeymap.emit.views import render_map_svg
from journeymap.language.resources import theme_names
from journeymap.layout.themes import load_theme
from tests.conftest import GALLERY
from tests.golden import check_golden

GOLDENS = Path(__file__).resolve().parent / "goldens" / "map"

_STEP = "journey: {title}\nstage s: Stage\n  step a: First step\n{body}"

# The smallest file that makes each row of the map appear.
ROW_CASES = {
    "row-actions": "journey: Actions\nstage s: Stage\n  step a: Looks [moment-of-truth]\n"
    "  step b: Decides [fail-point]\n  step c: Guesses [assumption]\n",
    "row-touchpoints": _STEP.format(
        title="Touchpoints",
        body="    touchpoint: Website [kind=digital, tier=primary]\n"
        "    touchpoint: Store [kind=physical, tier=secondary]\n"
        "    touchpoint: Agent [kind=human, tier=tertiary, assumption]\n",
    ),
    "row-thinking": _STEP.format(title="Thinking", body="    think: Is it worth it?\n"),
    "row-emotion": "journey: Emotion\nstage s: Stage\n  step a: One\n    emotion: -2 Upset\n"
    "  step b: Two\n  step c: Three\n    emotion: +2 Happy\n",
    "row-pains": _STEP.format(title="Pains", body="    pain: It is slow\n"),
    "row-delights": _STEP.format(title="Delights", body="    delight: It is free\n"),
    "row-opportunities": "journey: Opportunities\nteam ops: Operations\nstage s: Stage\n"
    "  step a: First step\n    opportunity: Make it fast [owner=ops, priority=high]\n",
    "row-owners": "journey: Owners\nteam ops: Operations\nstage s: Stage\n  step a: First step\n"
    "    touchpoint: Desk [owner=ops]\n",
    "row-metrics": _STEP.format(title="Metrics", body="    metric nps: 42\n"),
    "row-funnel": "journey: Funnel\nstage a: A\n  count: 1000\n  step x: X\nstage b: B\n"
    "  count: 400\n  step y: Y\nstage c: C\n  count: 300\n  step z: Z\n",
    "row-notes": _STEP.format(title="Notes", body="    note: Seen in interviews\n"),
    "header-personas": "journey: Personas\ndescription: Two people\nscenario: A visit\n"
    'expectation: Quick\npersona a: Ana\n  role: Patient\n  quote: "Hurry"\n'
    "persona b: Ben\n  need: A chair\nstage s: Stage\n  step x: Waits\n"
    "    emotion: -1 Bored [persona=a]\n    emotion: +1 Calm [persona=b]\n",
    # Text that breaks naive layouts: a long URL, an unbroken word, CJK, emoji, RTL.
    "text-stress": "journey: Text that must fit 東京の旅 👍\nstage s: Überprüfung\n"
    "  step a: Opens https://example.com/a/very/long/path/that/never/ends?with=query&and=more\n"
    "    pain: Pneumonoultramicroscopicsilicovolcanoconiosisandthensomemoreletters\n"
    "    think: 予約がいつ確定するのか全然わからないのでとても不安です\n"
    "    delight: 👍🏽 Works 👨‍👩‍👧 for the whole family 🎉🎉🎉\n"
    "  step b: מחכה לתשובה מהבנק\n"
    '    opportunity: "إرسال رسالة نصية عند الموافقة"\n'
    "    emotion: -1 😟 Worried\n",
}


@pytest.mark.parametrize("case", sorted(ROW_CASES))
def test_row_golden(case: str) -> None:
    journey = journeymap.loads(ROW_CASES[case], name=f"{case}.journey")
    check_golden(GOLDENS / "rows" / f"{case}.svg", render_map_svg(journey))


GALLERY_CASES = [
    (path, theme) for path in sorted(GALLERY.glob("*.journey")) for theme in theme_names()
]


@pytest.mark.parametrize(
    "path,theme", GALLERY_CASES, ids=[f"{p.stem}-{t}" for p, t in GALLERY_CASES]
)
def test_gallery_golden(path: Path, theme: str) -> None:
    svg = render_map_svg(journeymap.load(path), load_theme(theme))
    check_golden(GOLDENS / "gallery" / f"{path.stem}-{theme}.svg", svg)


def test_no_stray_goldens() -> None:
    expected = {f"rows/{case}.svg" for case in ROW_CASES} | {
        f"gallery/{p.stem}-{t}.svg" for p, t in GALLERY_CASES
    }
    found = {
        str(p.relative_to(GOLDENS))
        for sub in ("rows", "gallery")
        for p in (GOLDENS / sub).glob("*.svg")
        if ".got." not in p.name
    }
    assert found == expected
