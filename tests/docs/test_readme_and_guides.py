"""The README names every command, view and format; the matrix and theme guides match the code.

What the README and docs say is checked against the tables the code keeps:
the click group's commands, `emit.formats`' views and formats, the matrix's
marks and labels, the shipped themes and the theme schema. A new command,
format, mark or theme table fails here until the docs mention it.
"""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from journeymap.cli.app import cli
from journeymap.emit.formats import FORMATS, VIEWS
from journeymap.emit.markdown import ASSUMPTION, TICK, TIER_MARKS
from journeymap.language.resources import theme_names
from journeymap.layout.matrix import COVERAGE_HEADING, TOTAL_ROWS
from journeymap.layout.matrix_marks import ASSUMPTION_LABEL, CHANNEL_LABEL, TIER_LABELS
from journeymap.layout.themes import CODES as THEME_CODES
from journeymap.layout.themes import SCHEMA, load_theme
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
DOCS = REPO / "docs"


def _commands_block() -> str:
    """The README's code block under `## Commands`."""
    section = README.split("## Commands", 1)[1]
    return section.split("```sh\n", 1)[1].split("\n```", 1)[0]


def test_the_readme_lists_every_command() -> None:
    block = _commands_block()
    names = cli.list_commands(click.Context(cli))
    assert len(names) >= 9
    for name in names:
        assert re.search(rf"^journeymap {name}\b", block, re.MULTILINE), name


def test_the_readme_lists_every_view_and_format() -> None:
    block = _commands_block()
    view_line = next(line for line in block.splitlines() if "--view" in line)
    format_line = next(line for line in block.splitlines() if "--format" in line)
    assert set(view_line.split()[1].split("|")) == set(VIEWS)
    assert set(format_line.split()[1].split("|")) == set(FORMATS)
    prose = README.split("## Commands", 1)[1].split("## Documentation", 1)[0]
    for fmt in FORMATS:
        assert f"`{fmt}`" in prose or fmt == "pdf", fmt
    for view in VIEWS:
        assert f"**{view}**" in README, view


@pytest.mark.parametrize("page", ["README.md", "docs/cli.md"])
def test_every_line_that_mentions_pdf_says_it_needs_graphviz(page: str) -> None:
    lines = (REPO / page).read_text(encoding="utf-8").splitlines()
    mentions = [line for line in lines if re.search(r"\bpdf\b", line, re.IGNORECASE)]
    assert mentions
    for line in mentions:
        assert "Graphviz" in line, line


def test_the_readme_links_the_guides() -> None:
    for guide in ("docs/themes.md", "docs/matrix.md", "docs/cli.md"):
        assert f"]({guide})" in README


# -- the matrix's marks ------

MATRIX = (DOCS / "matrix.md").read_text(encoding="utf-8")


def test_the_matrix_guide_explains_every_mark() -> None:
    for _, symbol, label in TIER_MARKS:
        row = next(line for line in MATRIX.splitlines() if f"| {symbol} |" in line)
        assert label in row, row
    assert label in MATRIX
    for _, label in TIER_LABELS:
        assert label in MATRIX
    assert f"| {TICK} | {CHANNEL_LABEL} |" in MATRIX
    assert ASSUMPTION_LABEL in MATRIX and f"then {ASSUMPTION}" in MATRIX
    for kind in ("digital", "physical", "human"):
        assert f"`{kind}`" in MATRIX
    for word in ("moment of truth", "fail point"):
        assert word in MATRIX


def test_the_matrix_guide_names_its_columns_and_totals() -> None:
    assert f"**The {COVERAGE_HEADING} column**" in MATRIX
    for total in TOTAL_ROWS:
        assert f"**{total}**" in MATRIX


# -- themes ------

THEMES = (DOCS / "themes.md").read_text(encoding="utf-8")


def test_the_themes_guide_names_every_shipped_theme_table_and_code() -> None:
    for name in theme_names():
        assert f"`{name}`" in THEMES, name
    for table in SCHEMA:
        assert f"`[{table}]`" in THEMES, table
    for code in THEME_CODES:
        assert f"| {code} |" in THEMES, code


def test_the_themes_guide_example_is_a_working_theme(tmp_path: Path) -> None:
    example = THEMES.split("```toml\n", 1)[1].split("\n```", 1)[0]
    path = tmp_path / "ours.toml"
    path.write_text(example, encoding="utf-8")
    theme = load_theme(path)
    assert theme.palette.pain == "#b42318"
    assert theme.typography.font_family.startswith("Inter")
    assert theme.palette.text == load_theme("default").palette.text  # the rest is inherited


def test_the_themes_readme_points_to_the_guide() -> None:
    text = (REPO / "themes" / "README.md").read_text(encoding="utf-8")
    assert "](../docs/themes.md)" in text


# -- the report's samples ------


def test_the_report_guide_samples_are_what_report_prints() -> None:
    import journeymap  # the library, to build the report the guide shows
    from journeymap.analysis.report import build_report
    from journeymap.analysis.report_render import report_json, report_text

    page = (DOCS / "report.md").read_text(encoding="utf-8")
    report = build_report(journeymap.load(REPO / "gallery" / "savings-account.journey"))
    text = page.split("### Text\n\n```text\n", 1)[1].split("```\n", 1)[0]
    assert text == report_text(report)
    sample = page.split("### JSON (the first lines)\n\n```json\n", 1)[1].split("\n```", 1)[0]
    assert report_json(report).startswith(sample + "\n")
