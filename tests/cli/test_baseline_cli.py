"""`report --baseline OLD` (a file or `REV:path`) and `--baseline-data OLD.csv`."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from journeymap.cli.app import cli

SOURCE = """\
journey: Trial
target count: >= 500
stage visit: Visit
  count: 900
  step pricing: Reads the pricing page
    touchpoint web: Pricing page [kind=digital, url="/pricing"]
stage pay: Pay
  count: 600
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "map.journey").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "old.journey").write_text(SOURCE.replace("600", "450"), encoding="utf-8")
    (tmp_path / "may.csv").write_text("page,sessions,secs\n/pricing,50,0:01:35\n", "utf-8")
    (tmp_path / "stages.csv").write_text("id,count\nvisit,1000\npay,400\n", "utf-8")
    return tmp_path


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def _figures(out: str) -> dict[tuple[str, str, str], list[float | None]]:
    return {
        (f["kind"], f["where"], f["figure"]): [f["before"], f["after"], f["change"]]
        for f in json.loads(out)["baseline"]["figures"]
    }


def test_baseline_file_gives_counts_and_targets_changes(folder: Path) -> None:
    code, out, err = _run("report", "map.journey", "--baseline", "old.journey", "--format", "json")
    assert code == 0, err
    assert _figures(out)["stage", "pay", "count"] == [450.0, 600.0, 150.0]
    target = json.loads(out)["baseline"]["targets"][0]
    assert (target["before_state"], target["after_state"]) == ("missed", "met")
    code, text, _ = _run("report", "map.journey", "--baseline", "old.journey")
    assert code == 0
    assert ["stage", "pay", "count", "450", "600", "+150"] in [
        ln.split() for ln in text.splitlines()
    ]


def test_baseline_data_reads_the_older_export_with_its_mapping(folder: Path) -> None:
    code, out, err = _run(
        "report",
        "map.journey",
        "--data",
        "stages.csv",
        "--baseline-data",
        "may.csv:id=page,match=url,count=sessions,duration=secs",
        "--format",
        "json",
    )
    assert code == 0, err
    figures = _figures(out)
    # the touchpoint figures only the older export gives: there before, gone now
    assert figures["touchpoint", "web", "duration"] == [95.0, None, None]
    assert figures["touchpoint", "web", "count"] == [50.0, None, None]
    # the journey's own data is read for both sides
    assert figures["stage", "visit", "count"] == [1000.0, 1000.0, 0.0]


def test_baseline_markdown(folder: Path) -> None:
    code, out, _ = _run(
        "report", "map.journey", "--baseline", "old.journey", "--format", "markdown"
    )
    assert code == 0
    assert "| stage pay | count | 450 | 600 | +150 |" in out
    assert "| journey | count \\>= 500 | missed (450) | met (600) |" in out


def test_a_broken_baseline_exits_1_and_writes_nothing(folder: Path) -> None:
    (folder / "bad.journey").write_text("journey: X\nstage a A\n", encoding="utf-8")
    code, _, err = _run("report", "map.journey", "--baseline", "bad.journey", "-o", "r.md")
    assert code == 1 and "bad.journey:2" in err
    assert not (folder / "r.md").exists()
    (folder / "bad.csv").write_text("id,count\nvisit,lots\n", encoding="utf-8")
    code, _, err = _run("report", "map.journey", "--baseline-data", "bad.csv", "-o", "r.md")
    assert code == 1 and "bad.csv:2" in err
    assert not (folder / "r.md").exists()


def test_baseline_usage_errors(folder: Path) -> None:
    both = _run("report", "map.journey", "--baseline", "old.journey", "--baseline-data", "may.csv")
    assert both[0] == 2 and "not both" in both[2]
    dash = _run("report", "map.journey", "--baseline", "--output=x:map.journey")
    assert dash[0] == 2 and "cannot start with `-`" in dash[2]
    many = _run("report", "map.journey", "old.journey", "--baseline", "old.journey")
    assert many[0] == 2 and "not an inventory" in many[2]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_baseline_reads_a_git_revision(folder: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
            cwd=folder,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    shutil.copy(folder / "old.journey", folder / "map.journey")
    git("add", "map.journey")
    git("commit", "-q", "-m", "last month")
    (folder / "map.journey").write_text(SOURCE, encoding="utf-8")
    code, out, err = _run(
        "report", "map.journey", "--baseline", "HEAD:map.journey", "--format", "json"
    )
    assert code == 0, err
    assert _figures(out)["stage", "pay", "count"] == [450.0, 600.0, 150.0]
    assert json.loads(out)["baseline"]["label"] == "HEAD:map.journey"


def test_baseline_data_repeats_and_names_the_files_without_their_mappings(folder: Path) -> None:
    (folder / "old-stages.csv").write_text("id,count\nvisit,800\n", encoding="utf-8")
    code, out, err = _run(
        "report",
        "map.journey",
        "--baseline-data",
        "old-stages.csv",
        "--baseline-data",
        "may.csv:id=page,match=url,count=sessions,duration=secs",
        "--format",
        "json",
    )
    assert code == 0, err
    baseline = json.loads(out)["baseline"]
    assert baseline["label"] == "old-stages.csv, may.csv"
    figures = _figures(out)
    assert figures["stage", "visit", "count"] == [800.0, 900.0, 100.0]
    assert figures["touchpoint", "web", "count"] == [50.0, None, None]
