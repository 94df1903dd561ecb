"""The touchpoint inventory across journeys: merging, per-channel and per-owner figures,
drop-offs side by side, conflicting declarations, and its four formats."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from journeymap.analysis.inventory import build_inventory, conflict_diagnostics
from journeymap.cli.app import cli
from journeymap.compiler.load import compile_file
from journeymap.emit.inventory import inventory_json, inventory_markdown, inventory_svg
from tests.conftest import GALLERY

SHARED = (
    "channel web: Website [kind=digital]\nchannel phone: Phone [kind=human]\n"
    "team ops: Operations\nteam web_team: Web team\n"
)
ONE = """journey: One
include "shared.journey"
stage a: A
  count: 100
  step s1: First
    touchpoint login: Sign in [channel=web, owner=web_team, score=4]
    touchpoint: Call us [channel=phone, owner=ops]
    emotion: -2
    pain: Slow
    opportunity: Faster [owner=ops, priority=high]
stage b: B
  count: 40
  step s2: Second
    touchpoint: Call us [channel=phone, owner=ops]
    emotion: 1
"""
TWO = """journey: Two
include "shared.journey"
stage a: A
  count: 10
  step t1: Only
    touchpoint login: Sign in [channel=web, owner=web_team, score=3]
    emotion: 0
    opportunity: Remember me [owner=web_team, priority=high]
stage b: B
  count: 9
  step t2: Last
    touchpoint: Letter [owner=ops]
"""


def _folder(tmp_path: Path) -> Path:
    src = tmp_path / "maps"
    src.mkdir()
    (src / "shared.journey").write_text(SHARED, encoding="utf-8")
    (src / "one.journey").write_text(ONE, encoding="utf-8")
    (src / "two.journey").write_text(TWO, encoding="utf-8")
    return src


def _inventory(src: Path):  # type: ignore[no-untyped-def]
    pairs = []
    for name in ("one", "two"):
        journey = compile_file(src / f"{name}.journey").journey
        assert journey is not None
        pairs.append((f"{name}.journey", journey))
    return build_inventory(pairs)


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output + result.stderr
    return result


def test_touchpoints_merge_by_id_or_by_channel_and_label(tmp_path: Path) -> None:
    inventory = _inventory(_folder(tmp_path))
    by_key = {e.key: e for e in inventory.touchpoints}
    assert sorted(by_key) == ["(no channel)/Letter", "login", "phone/Call us"]
    login = by_key["login"]
    assert login.journeys == ("one.journey", "two.journey")
    assert [(u.journey, u.step) for u in login.uses] == [
        ("one.journey", "s1"),
        ("two.journey", "t1"),
    ]
    assert login.kind == "digital"  # the channel's kind
    assert dict(login.figures) == {"score": "4 / 3"}
    assert login.pains == ("Slow",)
    assert login.opportunities == ("Faster (high)", "Remember me (high)")
    call = by_key["phone/Call us"]
    assert [u.step for u in call.uses] == ["s1", "s2"] and call.journeys == ("one.journey",)


def test_per_channel_and_owner_figures(tmp_path: Path) -> None:
    inventory = _inventory(_folder(tmp_path))
    channels = {g.key: g for g in inventory.channels}
    assert channels["web"].name == "Website"
    assert (channels["web"].journeys, channels["web"].touchpoints) == (2, 1)
    assert channels["web"].average_emotion == -1.0  # steps s1 (-2) and t1 (0)
    assert (channels["web"].pains, channels["web"].open_high) == (1, 2)
    assert channels["phone"].average_emotion == -0.5  # s1 (-2) and s2 (+1)
    owners = {g.key: g for g in inventory.owners}
    assert owners["ops"].touchpoints == 2 and owners["ops"].journeys == 2
    assert owners["ops"].average_emotion == -0.5  # s1, s2; t2 has no emotion
    assert [g.key for g in inventory.busiest_owners] == ["ops", "web_team"]
    assert [(d.journey, d.stage, d.conversion) for d in inventory.drop_offs] == [
        ("one.journey", "b", 0.4),
        ("two.journey", "b", 0.9),
    ]
    cells = {(c.journey, c.channel): (c.touchpoints, c.average_emotion) for c in inventory.heat}
    assert cells == {
        ("one.journey", "phone"): (2, -0.5),
        ("one.journey", "web"): (1, -2.0),
        ("two.journey", "(no channel)"): (1, None),
        ("two.journey", "web"): (1, 0.0),
    }


def test_a_declaration_that_differs_between_files_is_a_warning_naming_both(
    tmp_path: Path,
) -> None:
    src = _folder(tmp_path)
    shared_ok = run("report", str(src))
    assert shared_ok.exit_code == 0 and "W301" not in shared_ok.stderr
    (src / "three.journey").write_text(
        "journey: Three\nchannel web: Web shop [kind=digital]\nteam ops: Operations\n"
        "step x: X\n  touchpoint: Shop [channel=web]\n",
        encoding="utf-8",
    )
    result = run("report", str(src), "--format", "json")
    assert result.exit_code == 0
    first, second = f"{src / 'shared.journey'}:1", f"{src / 'three.journey'}:2"
    assert "warning[W301]: channel `web` is declared differently" in result.stderr
    assert first in result.stderr and second in result.stderr
    assert "`Website` and `Web shop`" in result.stderr
    assert "team `ops`" not in result.stderr  # declared alike: no conflict
    data = json.loads(result.stdout)
    assert [c["id"] for c in data["conflicts"]] == ["web"]


def test_conflict_diagnostics_point_at_the_second_declaration(tmp_path: Path) -> None:
    src = _folder(tmp_path)
    (src / "other.journey").write_text("persona ana: Ana\n", encoding="utf-8")
    (src / "again.journey").write_text("persona ana: Anna\n", encoding="utf-8")
    pairs = [(n, compile_file(src / n).journey) for n in ("other.journey", "again.journey")]
    inventory = build_inventory([], [(n, j) for n, j in pairs if j is not None])
    (warning,) = conflict_diagnostics(inventory.conflicts)
    assert warning.code == "W301" and warning.location.line == 1
    assert warning.location.file.endswith("again.journey")


def test_one_file_keeps_the_journey_report_and_many_give_the_inventory(tmp_path: Path) -> None:
    src = _folder(tmp_path)
    single = run("report", str(src / "one.journey"))
    assert single.stdout.startswith("Journey report: One")
    pair = run("report", str(src / "one.journey"), str(src / "two.journey"))
    assert pair.stdout.startswith("Touchpoint inventory: 2 journeys, 3 touchpoints")
    folder = run("report", str(src))
    assert folder.stdout.startswith("Touchpoint inventory: 2 journeys, 3 touchpoints")
    assert "one.journey: s1" in folder.stdout  # named by their path in the folder
    wrong = run("report", str(src / "one.journey"), "--format", "svg")
    assert wrong.exit_code == 2 and "heat map" in wrong.output


def test_an_error_in_any_file_fails_the_inventory_and_writes_nothing(tmp_path: Path) -> None:
    src = _folder(tmp_path)
    (src / "bad.journey").write_text("journey: B\nstep a: A\n  pian: x\n", encoding="utf-8")
    out = tmp_path / "inventory.md"
    result = run("report", str(src), "--format", "markdown", "-o", str(out))
    assert result.exit_code == 1 and "bad.journey:3:3: error[E101]" in result.stderr
    assert not out.exists()


HOSTILE = [
    "[click](javascript:alert(1))",
    "![x](https://tracker.example/p.gif)",
    "<img src=x onerror=alert(1)>",
    "<https://evil.example>",
    "a | b",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_shows_user_text_as_text(tmp_path: Path, text: str) -> None:
    src = tmp_path / "m"
    src.mkdir()
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    body = f'journey: "{quoted}"\nchannel c: "{quoted}"\nstep a: A\n'
    body += f'  touchpoint: "{quoted}" [channel=c]\n'
    body += f'  pain: "{quoted}"\n  opportunity: "{quoted}" [priority=high, owner=o]\n'
    for name in ("a", "b"):
        (src / f"{name}.journey").write_text(body, encoding="utf-8")
    result = run("report", str(src), "--format", "markdown")
    assert result.exit_code == 0, result.output
    markdown = result.stdout
    assert re.search(r"(?<!\\)[<>]", markdown) is None  # no tag, no autolink
    assert re.search(r"(?<!\\)\]\(", markdown) is None  # no link, no image
    assert re.search(r"(?<!\\)!\\?\[", markdown) is None
    words = re.findall(r"[a-z]{4,}", text)
    assert all(word in markdown for word in words)  # shown, as text
    rows = [line for line in markdown.splitlines() if line.startswith("| ")]
    widths = {line.count(" | ") - line.count("\\|") for line in rows if "Website" not in line}
    assert rows and all(w >= 0 for w in widths)


def test_json_and_svg(tmp_path: Path) -> None:
    inventory = _inventory(_folder(tmp_path))
    data = json.loads(inventory_json(inventory))
    assert data["version"] == 1 and len(data["touchpoints"]) == 3
    assert data["channel_names"]["web"] == "Website"
    assert inventory_markdown(inventory).startswith("# Touchpoint inventory: 2 journeys")
    svg = inventory_svg(inventory)
    root = ET.fromstring(svg)
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Website" in texts and "Phone" in texts and "One" in texts
    assert "no emotion" in texts and "-2" in texts and "+2" in texts  # the legend
    assert inventory_svg(inventory) == svg  # deterministic


def test_the_gallery_folder_has_five_journeys_sharing_includes() -> None:
    folder = GALLERY / "brightwater"
    journeys = [p for p in folder.glob("*.journey")]
    assert len(journeys) == 5
    for path in journeys:
        assert 'include "shared/people.journey"' in path.read_text(encoding="utf-8")
    result = run("report", str(folder), "--format", "markdown")
    assert result.exit_code == 0 and result.stderr == ""
    committed = (folder / "inventory.md").read_text(encoding="utf-8")
    assert result.stdout == committed, "regenerate with `make gallery`"
    svg = run("report", str(folder), "--format", "svg").stdout
    assert svg == (folder / "heat-map.svg").read_text(encoding="utf-8")
