"""gallery/measure and docs/measure.md: the mappings read their samples; the outputs are current."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import journeymap
from journeymap.analysis.baseline import figures
from journeymap.cli.app import cli
from tests.conftest import GALLERY, REPO
from tests.docs.test_docs_snippets import Block, parse

MEASURE = GALLERY / "measure"
PAGE = REPO / "docs" / "measure.md"

LANDED = {
    "pages.csv": {
        ("touchpoint", "help", "count"): 3180.0,
        ("touchpoint", "help", "users"): 2410.0,
        ("touchpoint", "help", "duration"): 112.0,
    },
    "queues.csv": {
        ("touchpoint", "call", "count"): 940.0,
        ("touchpoint", "call", "answered"): 871.0,
        ("touchpoint", "call", "duration"): 372.0,
        ("touchpoint", "call", "abandoned"): 7.3,
    },
    "survey.csv": {("step", "search", "score"): 3.6, ("step", "search", "responses"): 412.0},
}
"""What each documented mapping must put where, from the figures of its sample file."""

BLOCKS = [b for b in parse(PAGE)[0] if b.lang == "journey-data"]


def test_the_page_documents_the_three_export_shapes() -> None:
    assert sorted(b.info.split()[1] for b in BLOCKS) == sorted(LANDED)


@pytest.mark.parametrize("block", BLOCKS, ids=lambda b: b.info.split()[1])
def test_each_documented_mapping_lands_its_sample_figures(block: Block, tmp_path: Path) -> None:
    sample = block.info.split()[1]
    shutil.copy(MEASURE / sample, tmp_path / sample)
    source = tmp_path / "doc.journey"
    source.write_text(block.text, encoding="utf-8")
    result = journeymap.compile_file(str(source))
    assert not result.has_errors, result.diagnostics
    assert result.journey is not None
    got = figures(result.journey)
    for key, value in LANDED[sample].items():
        assert got.get(key) == value, key
    # The gallery journey maps its export the same way the page says.
    data_line = next(line for line in block.text.splitlines() if line.startswith("data "))
    assert data_line in (MEASURE / "shop.journey").read_text(encoding="utf-8")


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _makefile_baseline() -> list[str]:
    """`MEASURE_BASELINE` from the Makefile, so the test runs what `make gallery` runs."""
    text = (REPO / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    found = re.search(r"^MEASURE_BASELINE = (.*)$", text, re.M)
    assert found is not None
    return shlex.split(found.group(1))


def test_the_committed_map_and_report_are_current(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    journey = "gallery/measure/shop.journey"
    svg = _run("render", journey, "-o", "-")
    assert svg == (MEASURE / "shop.map.svg").read_text(encoding="utf-8"), "run `make gallery`"
    report = _run("report", journey, "--format", "markdown", *_makefile_baseline())
    assert report == (MEASURE / "report.md").read_text(encoding="utf-8"), "run `make gallery`"
    # the example shows every part of the loop: figures, a missed target, the change since May
    assert "| search | score \\>= 4 | 3.6 | missed |" in report
    assert "| stage pay | count | 371 | 468 | +97 |" in report
    assert "| journey | count \\>= 400 | missed (371) | met (468) |" in report


def test_the_ci_check_fails_on_the_missed_target(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(cli, ["check", "--targets", "gallery/measure/shop.journey"])
    assert result.exit_code == 1
    assert "target missed: search: score >= 4 (it is 3.6)" in result.stderr
