"""The `report` command: a ranked read-out of one journey, or the touchpoint inventory of many.

A thin click wrapper over `journeymap.analysis.report` (one file) and
`journeymap.analysis.inventory` (a directory, or two or more files). Exit
codes as everywhere: 0 written, 1 an input has errors (they are printed) or
the output cannot be written, 2 usage errors.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from journeymap.cli.shared import DATA
from journeymap.emit.output import write_atomic
from journeymap.model.diagnostics import format_all

if TYPE_CHECKING:
    from journeymap.compiler.load import Compiled
    from journeymap.model.journey import Journey

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2
REPORT_FORMATS = ("text", "markdown", "json", "svg")


@click.command(
    "report",
    epilog="""\b
Examples:
  journeymap report map.journey
  journeymap report map.journey --format markdown -o report.md
  journeymap report map.journey --format json | jq .funnel
  journeymap report - < map.journey
  journeymap report map.journey --baseline HEAD~1:map.journey   (what changed)
  journeymap report map.journey --data june.csv --baseline-data may.csv
  journeymap report docs/journeys/                (the touchpoint inventory of a folder)
  journeymap report docs/journeys/ --format svg -o heat.svg   (journeys x channels)""",
)
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(REPORT_FORMATS),
    default="text",
    show_default=True,
    help="text for a terminal, markdown for an issue or pull request, json for dashboards; "
    "svg: the inventory's heat map of journeys x channels.",
)
@click.option("-o", "--output", default=None, help="Output file (default: standard output).")
@click.option(
    "--root",
    type=click.Path(file_okay=False),
    default=None,
    help="Directory that includes may not leave (default: the file's own).",
)
@DATA
@click.option(
    "--baseline",
    default=None,
    metavar="OLD",
    help="Show each figure's and target's change since OLD: a journey file or `REV:path` "
    "(as `diff` takes it).",
)
@click.option(
    "--baseline-data",
    multiple=True,
    metavar="FILE[:KEY=COLUMN,…]",
    help="Show each figure's change since the same journey read with these older exports "
    "(after its own data, so they win), mapped as --data (repeatable).",
)
def report_command(
    files: tuple[str, ...],
    fmt: str,
    output: str | None,
    root: str | None,
    data: tuple[str, ...],
    baseline: str | None,
    baseline_data: tuple[str, ...],
) -> None:
    """Report hot spots, drop-offs, coverage and priorities of one FILE (`-` for standard
    input); for a directory or two or more files, the touchpoint inventory across them."""
    if len(files) > 1 or (files[0] != "-" and Path(files[0]).is_dir()):
        if data:
            raise click.UsageError("--data adds figures to one file, not to an inventory")
        if baseline or baseline_data:
            raise click.UsageError("--baseline compares one file, not an inventory")
        _write_out(_inventory(files, fmt, root), output)
    if fmt == "svg":
        raise click.UsageError(
            "--format svg is the inventory's heat map: give a directory or 2+ files"
        )
    if baseline is not None and baseline_data:
        raise click.UsageError("give --baseline or --baseline-data, not both")
    # the command's machinery: loaded when it runs, not when --help lists the commands
    from journeymap.analysis.baseline import compare_baseline
    from journeymap.analysis.diff.gitrev import option_like
    from journeymap.analysis.diff.sides import load_side
    from journeymap.analysis.report import build_report
    from journeymap.analysis.report_render import report_json, report_markdown, report_text
    from journeymap.compiler.load import compile_bytes, compile_file

    if baseline is not None and (baseline == "-" or option_like(baseline)):
        raise click.UsageError(
            f"--baseline `{baseline}`: give a file or REV:path (a revision cannot start with `-`)"
        )
    file = files[0]
    stdin = sys.stdin.buffer.read() if file == "-" else b""

    def load(data_files: tuple[str, ...]) -> Compiled:
        if file == "-":
            return compile_bytes(stdin, name="<stdin>", root=root, data_files=data_files)
        return compile_file(file, root=root, data=data_files)

    journey = _journey_or_exit(load(data))
    report = build_report(journey)
    if baseline is not None:
        old = _journey_or_exit(load_side(baseline, root=root))
        report = report._replace(baseline=compare_baseline(old, journey, baseline))
    elif baseline_data:
        old = _journey_or_exit(load((*data, *baseline_data)))
        label = ", ".join(_data_file(argument) for argument in baseline_data)
        report = report._replace(baseline=compare_baseline(old, journey, label))
    render = {"text": report_text, "markdown": report_markdown, "json": report_json}[fmt]
    _write_out(render(report), output)


def _data_file(argument: str) -> str:
    """The file of a `--data FILE[:KEY=COLUMN,…]` argument, as `--data` splits it."""
    head, sep, tail = argument.rpartition(":")
    return head if sep and "=" in tail and head else argument


def _journey_or_exit(result: Compiled) -> Journey:
    """The compiled journey; its errors printed and exit 1 when it has any."""
    if result.journey is None or result.has_errors:
        errors = [d for d in result.diagnostics if d.is_error]
        click.echo(format_all(errors), err=True)
        sys.exit(EXIT_INPUT)
    return result.journey


def _inventory(files: tuple[str, ...], fmt: str, root: str | None) -> str:
    """The inventory of `files` (directories walked) in `fmt`; exits 1 on errors in any."""
    # the inventory's machinery: only `report` of many files runs it
    from journeymap.analysis.inventory import build_inventory, conflict_diagnostics
    from journeymap.cli.run import expand_inputs
    from journeymap.compiler.load import compile_file
    from journeymap.compiler.tree import is_fragment
    from journeymap.emit.inventory import WRITERS

    if "-" in files:
        raise click.UsageError("the inventory reads files and directories, not standard input")
    inputs = expand_inputs(files, root, None)
    for line in inputs.skipped:
        click.echo(line, err=True)
    journeys, fragments, errors = [], [], []
    # One folder: journeys are named by their path in it, as in a repository.
    folder = Path(files[0]) if len(files) == 1 else None
    for name, file_root in inputs.files:
        result = compile_file(name, root=file_root)
        shown = Path(name).relative_to(folder).as_posix() if folder else name
        if result.journey is None or result.has_errors:
            errors += [d for d in result.diagnostics if d.is_error]
        elif is_fragment(result.journey):
            fragments.append((shown, result.journey))
        else:
            journeys.append((shown, result.journey))
    if errors:
        click.echo(format_all(errors), err=True)
        sys.exit(EXIT_INPUT)
    inventory = build_inventory(journeys, fragments)
    warnings = conflict_diagnostics(inventory.conflicts)
    if warnings:
        click.echo(format_all(warnings), err=True)
    return WRITERS[fmt](inventory)


def _write_out(text: str, output: str | None) -> None:
    """Print `text` or write it to `output`; exit with the command's code."""
    if output is None or output == "-":
        click.echo(text, nl=False)
        sys.exit(EXIT_OK)
    try:
        write_atomic(Path(output), text.encode("utf-8"))
    except OSError as exc:
        click.echo(
            f"{output}: error[E701]: cannot write the output: {exc.strerror or exc}", err=True
        )
        sys.exit(EXIT_INPUT)
    sys.exit(EXIT_OK)
