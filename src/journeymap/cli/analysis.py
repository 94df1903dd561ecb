"""The `report` command: a ranked read-out of one journey as text, Markdown or JSON.

A thin click wrapper over `journeymap.analysis.report`. Exit codes as
everywhere: 0 written, 1 the input has errors (they are printed) or the
output cannot be written, 2 usage errors.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from journeymap.emit.output import write_atomic
from journeymap.model.diagnostics import format_all

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2
REPORT_FORMATS = ("text", "markdown", "json")


@click.command(
    "report",
    epilog="""\b
Examples:
  journeymap report map.journey
  journeymap report map.journey --format markdown -o report.md
  journeymap report map.journey --format json | jq .funnel
  journeymap report - < map.journey""",
)
@click.argument("file")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(REPORT_FORMATS),
    default="text",
    show_default=True,
    help="text for a terminal, markdown for an issue or pull request, json for dashboards.",
)
@click.option("-o", "--output", default=None, help="Output file (default: standard output).")
@click.option(
    "--root",
    type=click.Path(file_okay=False),
    default=None,
    help="Directory that includes may not leave (default: the file's own).",
)
def report_command(file: str, fmt: str, output: str | None, root: str | None) -> None:
    """Report hot spots, drop-offs, coverage and priorities of FILE (`-` for standard input)."""
    # the command's machinery: loaded when it runs, not when --help lists the commands
    from journeymap.analysis.report import build_report
    from journeymap.analysis.report_render import report_json, report_markdown, report_text
    from journeymap.compiler.load import compile_bytes, compile_file

    if file == "-":
        result = compile_bytes(sys.stdin.buffer.read(), name="<stdin>", root=root)
    else:
        result = compile_file(file, root=root)
    if result.journey is None or result.has_errors:
        errors = [d for d in result.diagnostics if d.is_error]
        click.echo(format_all(errors), err=True)
        sys.exit(EXIT_INPUT)
    render = {"text": report_text, "markdown": report_markdown, "json": report_json}[fmt]
    text = render(build_report(result.journey))
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
