"""`journeymap report` from the command line: formats, output files, stdin, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import click
from click.testing import CliRunner, Result

from journeymap.cli.analysis import report_command

SOURCE = (
    "journey: Shop\nchannel web: Website [kind=digital]\nstage a: A\n  count: 100\n"
    "  step x: X\n    touchpoint: Page [channel=web]\n    emotion: -1 Meh\n"
    "stage b: B\n  count: 40\n  step y: Y\n    touchpoint: Page [channel=web]\n"
)


@click.group()
def cli() -> None:
    """A stand-in for `journeymap.cli.app.cli`, which registers the same command."""


cli.add_command(report_command)


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def test_text_report_to_stdout(tmp_path: Path) -> None:
    source = tmp_path / "shop.journey"
    source.write_text(SOURCE, encoding="utf-8")
    result = run("report", str(source))
    assert result.exit_code == 0
    assert result.output.startswith("Journey report: Shop\n")
    assert "Biggest drop-off: `b`." in result.output


def test_markdown_report_to_a_file(tmp_path: Path) -> None:
    source = tmp_path / "shop.journey"
    source.write_text(SOURCE, encoding="utf-8")
    target = tmp_path / "report.md"
    result = run("report", str(source), "--format", "markdown", "-o", str(target))
    assert result.exit_code == 0
    assert result.output == ""
    assert target.read_text(encoding="utf-8").startswith("# Journey report: Shop\n")


def test_json_report_from_stdin() -> None:
    result = run("report", "-", "--format", "json", stdin=SOURCE)
    assert result.exit_code == 0
    assert json.loads(result.output)["funnel"]["overall"] == 0.4


def test_input_errors_exit_1_with_diagnostics() -> None:
    result = run("report", "-", stdin="journey: Shop\nstage a: A\n  step x: X\n    pian: Slow\n")
    assert result.exit_code == 1
    assert "error[E101]" in result.output


def test_missing_file_exits_1(tmp_path: Path) -> None:
    result = run("report", str(tmp_path / "nope.journey"))
    assert result.exit_code == 1
    assert "error[E007]" in result.output


def test_unwritable_output_exits_1(tmp_path: Path) -> None:
    result = run("report", "-", "-o", str(tmp_path / "no" / "such" / "r.txt"), stdin=SOURCE)
    assert result.exit_code == 1
    assert "error[E701]" in result.output


def test_usage_errors_exit_2() -> None:
    assert run("report", "-", "--format", "pdf", stdin=SOURCE).exit_code == 2
    assert run("report").exit_code == 2
