"""`--data FILE[:key=value,…]` on check, render and report; `check --targets`; report's targets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from journeymap.cli.app import cli

SOURCE = """\
journey: Trial
target count: >= 500
stage visit: Visit
  count: 900
  target count: > 100
  step pricing: Reads the pricing page
    metric nps: 35
    target nps: >= 30
    touchpoint web: Pricing page [kind=digital, url="/pricing"]
stage pay: Pay
  count: 600
  step checkout: Pays
    touchpoint: Checkout [kind=digital]
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "map.journey").write_text(SOURCE, encoding="utf-8")
    return tmp_path


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_targets_passes_when_all_are_met(folder: Path) -> None:
    code, _, err = _run("check", "--targets", "map.journey")
    assert code == 0, err
    assert "target missed" not in err


def test_check_targets_names_each_missed_target(folder: Path) -> None:
    (folder / "month.csv").write_text("id,count,nps\npay,420,\npricing,,21\n", encoding="utf-8")
    code, _, err = _run("check", "--targets", "--data", "month.csv", "map.journey")
    assert code == 1
    assert "map.journey:2: target missed: count >= 500 (it is 420)" in err
    assert "map.journey:8: target missed: pricing: nps >= 30 (it is 21)" in err
    # Without --targets a missed target is no failure.
    assert _run("check", "--data", "month.csv", "map.journey")[0] == 0


def test_later_data_files_win_and_mappings_follow_the_file(folder: Path) -> None:
    (folder / "a.csv").write_text("id,count\npay,420\n", encoding="utf-8")
    (folder / "b.csv").write_text("step;done\npay;700\n", encoding="utf-8")
    code, out, err = _run(
        "render",
        "map.journey",
        "--data",
        "a.csv",
        "--data",
        "b.csv:id=step,count=done",
        "--format",
        "json",
        "-o",
        "-",
    )
    assert code == 0, err
    model = json.loads(out)
    assert model["stages"][1]["count"] == 700
    assert model["stages"][1]["sources"] == {"count": {"file": "b.csv", "line": 2}}
    assert model["targets"][0]["state"] == "met"


def test_a_data_error_writes_nothing_and_exits_1(folder: Path) -> None:
    (folder / "bad.csv").write_text("id,count\npay,lots\n", encoding="utf-8")
    code, _, err = _run("render", "map.journey", "--data", "bad.csv", "-o", "map.svg")
    assert code == 1
    assert "bad.csv:2:5: error[E903]" in err
    assert not (folder / "map.svg").exists()
    code, _, err = _run("render", "map.journey", "--data", "missing.csv", "-o", "map.svg")
    assert code == 1 and "E007" in err and not (folder / "map.svg").exists()


def test_a_data_statement_error_writes_nothing(folder: Path) -> None:
    (folder / "dup.csv").write_text("id,count\npay,1\npay,2\n", encoding="utf-8")
    (folder / "d.journey").write_text('data "dup.csv"\n' + SOURCE, encoding="utf-8")
    code, _, err = _run("render", "d.journey")
    assert code == 1
    assert "dup.csv:3:1: error[E904]: duplicate ID `pay`" in err
    assert "already on line 2" in err
    assert not (folder / "d.svg").exists()
    assert _run("check", "d.journey")[0] == 1


def test_report_lists_targets_in_every_format(folder: Path) -> None:
    (folder / "month.csv").write_text("id,count\npay,420\n", encoding="utf-8")
    code, text, _ = _run("report", "map.journey", "--data", "month.csv")
    assert code == 0
    assert "Targets" in text
    assert "journey  count >= 500  420    missed" in text
    assert "2 met, 1 missed, 0 without data." in text
    code, markdown, _ = _run("report", "map.journey", "--format", "markdown")
    assert "## Targets" in markdown and "| journey | count \\>= 500 | 600 | met |" in markdown
    code, out, _ = _run("report", "map.journey", "--format", "json")
    rows = json.loads(out)["targets"]
    assert rows[0] == {
        "where": "journey",
        "name": "count",
        "op": ">=",
        "value": 500.0,
        "actual": 600.0,
        "state": "met",
    }
    assert [r["where"] for r in rows] == ["journey", "visit", "pricing"]


def test_report_without_targets_has_no_targets_key(folder: Path) -> None:
    (folder / "plain.journey").write_text("stage s: S\n  step a: A\n", encoding="utf-8")
    code, out, _ = _run("report", "plain.journey", "--format", "json")
    assert code == 0 and "targets" not in json.loads(out)
    assert "Targets" not in _run("report", "plain.journey")[1]


def test_data_is_for_one_file_not_a_directory(folder: Path) -> None:
    (folder / "d.csv").write_text("id,count\n", encoding="utf-8")
    code, _, err = _run("render", str(folder), "--out-dir", "out", "--data", "d.csv")
    assert code == 2 and "--data" in err


def test_a_json_model_never_rereads_data_files(folder: Path) -> None:
    (folder / "month.csv").write_text("id,count\npay,420\n", encoding="utf-8")
    (folder / "d.journey").write_text('data "month.csv"\n' + SOURCE, encoding="utf-8")
    code, out, _ = _run("render", "d.journey", "--format", "json", "-o", "-")
    assert code == 0
    (folder / "model.json").write_text(out, encoding="utf-8")
    (folder / "month.csv").unlink()
    code, again, err = _run("render", "model.json", "--format", "json", "-o", "-")
    assert code == 0, err
    assert json.loads(again)["stages"][1]["count"] == 420
